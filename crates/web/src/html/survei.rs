//! The public SKM survey (PermenPANRB 14/2017): no login, mobile first, no script, one page per
//! service unit (`/survei/{kode}`), a kiosk mode that returns to an empty form after each response,
//! and a QR code (SVG) of the page's address for the counter. Nothing personal beyond the
//! respondent profile is asked (UU 27/2022, REFERENCE §8).
//!
//! Abuse resistance: a double-submit token against cross-site posting, a honeypot field that
//! people never see, and a per-client rate limit.

use std::collections::HashMap;
use std::net::{IpAddr, SocketAddr};
use std::sync::Mutex;
use std::time::Instant;

use askama::Template;
use axum::extract::{ConnectInfo, Path, Query, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use bangkom_core::skm::{Definisi, JenisLokal, KuesionerInput, Unsur};
use bangkom_db::org::OrgRow;
use serde::Deserialize;

use super::{Nav, render};
use crate::auth;
use crate::error::{AppError, Result};
use crate::state::AppState;

const COOKIE: &str = "bangkom_survei";

/// Token-bucket limiter per client address.
#[derive(Debug, Default)]
pub struct Limiter {
    buckets: Mutex<HashMap<IpAddr, (f64, Instant)>>,
}

impl Limiter {
    /// Takes one token for `ip`; false when the client is over `per_minute`.
    pub fn allow(&self, ip: IpAddr, per_minute: u32) -> bool {
        if per_minute == 0 {
            return true;
        }
        let Ok(mut map) = self.buckets.lock() else {
            return true;
        };
        let cap = f64::from(per_minute);
        let now = Instant::now();
        if map.len() > 100_000 {
            map.retain(|_, (_, t)| now.duration_since(*t).as_secs() < 120);
        }
        let (tokens, last) = map.entry(ip).or_insert((cap, now));
        *tokens = (*tokens + now.duration_since(*last).as_secs_f64() * cap / 60.0).min(cap);
        *last = now;
        if *tokens >= 1.0 {
            *tokens -= 1.0;
            true
        } else {
            false
        }
    }
}

/// One question as shown.
pub struct Soal {
    nomor: usize,
    kode: &'static str,
    pertanyaan: &'static str,
    pilihan: Vec<(u8, String)>,
    dipilih: String,
    galat: String,
}

/// One local question of the unit's definition as shown (never part of the index).
pub struct SoalLokal {
    kode: String,
    teks: String,
    skala: bool,
    nilai: String,
    galat: String,
}

/// Labels of a local scale question (1 = worst … 4 = best).
const SKALA_LOKAL: [(u8, &str); 4] = [
    (1, "Tidak baik"),
    (2, "Kurang baik"),
    (3, "Baik"),
    (4, "Sangat baik"),
];

#[derive(Template)]
#[template(path = "survei/form.html")]
struct SurveiPage {
    nav: Nav,
    unit: String,
    opd: String,
    kode: String,
    kiosk: bool,
    token: String,
    soal: Vec<Soal>,
    lokal: Vec<SoalLokal>,
    skala_lokal: [(u8, &'static str); 4],
    f: SurveiForm,
    layanan: Vec<(&'static str, &'static str)>,
    pendidikan: Vec<String>,
    pekerjaan: Vec<String>,
    tampil_token: bool,
    galat: HashMap<String, String>,
    umum: String,
}

impl SurveiPage {
    fn err(&self, field: &str) -> String {
        self.galat.get(field).cloned().unwrap_or_default()
    }
}

/// Service types offered on the form (codes of the Dukcapil documents, REFERENCE §6).
pub const LAYANAN: &[(&str, &str)] = &[
    ("ktp-el", "KTP-el"),
    ("kk", "Kartu Keluarga"),
    ("akta-kelahiran", "Akta kelahiran"),
    ("akta-kematian", "Akta kematian"),
    ("kia", "Kartu Identitas Anak"),
    ("pindah", "Surat pindah"),
    ("lainnya", "Layanan lain"),
];

/// The form's fields.
#[derive(Debug, Clone, Default, Deserialize)]
#[allow(missing_docs)]
pub struct SurveiForm {
    #[serde(default)]
    pub token: String,
    #[serde(default)]
    pub website: String,
    #[serde(flatten)]
    pub isi: IsianForm,
    #[serde(default)]
    pub kiosk: String,
    /// The single-use token of the service transaction (`?t=` of the printed link).
    #[serde(default)]
    pub t: String,
    /// The service type whose definition drew the page (its local questions).
    #[serde(default)]
    pub dl: String,
}

/// What a questionnaire form asks — the respondent profile (REFERENCE §1.4), the nine answers and
/// the comment — shared by the public survey and the paper-questionnaire form.
#[derive(Debug, Clone, Default, Deserialize)]
#[allow(missing_docs)]
pub struct IsianForm {
    #[serde(default)]
    pub layanan: String,
    #[serde(default)]
    pub jenis_kelamin: String,
    #[serde(default)]
    pub umur: String,
    #[serde(default)]
    pub pendidikan: String,
    #[serde(default)]
    pub pekerjaan: String,
    #[serde(flatten)]
    pub jawaban: JawabanForm,
    #[serde(default)]
    pub saran: String,
}

impl IsianForm {
    /// The validator's input for a questionnaire of `unit` on `tanggal`.
    pub fn input(&self, tanggal: String, unit: String) -> KuesionerInput {
        KuesionerInput {
            tanggal,
            unit,
            layanan: self.layanan.clone(),
            jenis_kelamin: self.jenis_kelamin.clone(),
            umur: self.umur.clone(),
            pendidikan: self.pendidikan.clone(),
            pekerjaan: self.pekerjaan.clone(),
            jawaban: self.jawaban.answers(),
            saran: self.saran.clone(),
        }
    }
}

/// The nine answers of a questionnaire form ("1".."4" or empty), shared by the public survey and
/// the paper-questionnaire form.
#[derive(Debug, Clone, Default, Deserialize)]
#[allow(missing_docs)]
pub struct JawabanForm {
    #[serde(default)]
    pub persyaratan: String,
    #[serde(default)]
    pub prosedur: String,
    #[serde(default)]
    pub waktu: String,
    #[serde(default)]
    pub biaya: String,
    #[serde(default)]
    pub produk: String,
    #[serde(default)]
    pub kompetensi: String,
    #[serde(default)]
    pub perilaku: String,
    #[serde(default)]
    pub pengaduan: String,
    #[serde(default)]
    pub sarana: String,
}

impl JawabanForm {
    /// In `Unsur::ALL` order.
    pub fn answers(&self) -> [String; 9] {
        [
            &self.persyaratan,
            &self.prosedur,
            &self.waktu,
            &self.biaya,
            &self.produk,
            &self.kompetensi,
            &self.perilaku,
            &self.pengaduan,
            &self.sarana,
        ]
        .map(Clone::clone)
    }
}

/// Mode query.
#[derive(Debug, Deserialize, Default)]
pub struct Mode {
    #[serde(default)]
    kiosk: Option<String>,
    #[serde(default)]
    layanan: Option<String>,
    #[serde(default)]
    t: Option<String>,
}

async fn survey_unit(st: &AppState, kode: &str) -> Result<(OrgRow, String)> {
    let org = st.db.org_index().await?;
    let unit = org
        .by_kode(kode)
        .filter(|o| o.jenis != "pemda")
        .ok_or(AppError::NotFound)?
        .clone();
    let opd = unit
        .opd_id
        .filter(|o| *o != unit.org_id)
        .and_then(|o| org.get(o))
        .map(|o| o.nama.clone())
        .unwrap_or_default();
    Ok((unit, opd))
}

/// The definition drawing the page of `unit` for service type `layanan`.
async fn definisi(st: &AppState, unit: &OrgRow, layanan: &str) -> Result<Definisi> {
    let l = layanan.trim();
    Ok(st
        .db
        .skm_definisi(Some(unit.org_id), (!l.is_empty()).then_some(l))
        .await?
        .0)
}

#[allow(clippy::too_many_arguments)]
fn page(
    unit: &OrgRow,
    opd: String,
    def: &Definisi,
    f: SurveiForm,
    lokal: &HashMap<String, String>,
    kiosk: bool,
    galat: HashMap<String, String>,
    umum: String,
) -> (SurveiPage, String) {
    let token = auth::random_token();
    let answers = f.isi.jawaban.answers();
    let soal = Unsur::URUTAN_KUESIONER
        .iter()
        .enumerate()
        .map(|(i, u)| Soal {
            nomor: i + 1,
            kode: u.code(),
            pertanyaan: u.pertanyaan(),
            pilihan: def
                .pilihan(*u)
                .into_iter()
                .enumerate()
                .map(|(v, l)| (u8::try_from(v + 1).unwrap_or(1), l))
                .collect(),
            dipilih: answers.get(u.index()).cloned().unwrap_or_default(),
            galat: galat.get(u.code()).cloned().unwrap_or_default(),
        })
        .collect();
    let lokal = def
        .lokal
        .iter()
        .map(|q| SoalLokal {
            kode: q.kode.clone(),
            teks: q.teks.clone(),
            skala: q.jenis == JenisLokal::Skala,
            nilai: lokal.get(&q.kode).cloned().unwrap_or_default(),
            galat: galat.get(&q.kode).cloned().unwrap_or_default(),
        })
        .collect();
    let tampil_token = def.token_wajib || !f.t.is_empty();
    let p = SurveiPage {
        nav: Nav::default(),
        unit: unit.nama.clone(),
        opd,
        kode: unit.kode.clone(),
        kiosk,
        token: token.clone(),
        soal,
        lokal,
        skala_lokal: SKALA_LOKAL,
        f,
        layanan: LAYANAN.to_vec(),
        pendidikan: def.pendidikan.clone(),
        pekerjaan: def.pekerjaan.clone(),
        tampil_token,
        galat,
        umum,
    };
    (p, token)
}

fn respond(status: StatusCode, p: &SurveiPage, token: &str, kode: &str) -> Result<Response> {
    let cookie =
        format!("{COOKIE}={token}; Path=/survei/{kode}; HttpOnly; SameSite=Strict; Max-Age=7200");
    Ok((
        status,
        [
            (header::SET_COOKIE, cookie),
            (header::CACHE_CONTROL, "no-store".into()),
        ],
        render(p)?,
    )
        .into_response())
}

/// `GET /survei/{kode}[?kiosk=1][&layanan=…]`
pub async fn form(
    State(st): State<AppState>,
    Path(kode): Path<String>,
    Query(m): Query<Mode>,
) -> Result<Response> {
    let (unit, opd) = survey_unit(&st, &kode).await?;
    let layanan = m.layanan.unwrap_or_default();
    let def = definisi(&st, &unit, &layanan).await?;
    let f = SurveiForm {
        isi: IsianForm {
            layanan: layanan.clone(),
            ..Default::default()
        },
        t: m.t.unwrap_or_default(),
        dl: layanan,
        ..Default::default()
    };
    let (p, token) = page(
        &unit,
        opd,
        &def,
        f,
        &HashMap::new(),
        m.kiosk.is_some_and(|k| k == "1"),
        HashMap::new(),
        String::new(),
    );
    respond(StatusCode::OK, &p, &token, &unit.kode)
}

/// `POST /survei/{kode}`
pub async fn submit(
    State(st): State<AppState>,
    ConnectInfo(addr): ConnectInfo<SocketAddr>,
    Path(kode): Path<String>,
    headers: HeaderMap,
    body: axum::body::Bytes,
) -> Result<Response> {
    let f: SurveiForm = serde_urlencoded::from_bytes(&body)
        .map_err(|e| AppError::BadRequest(format!("formulir tidak dapat dibaca: {e}")))?;
    let pairs: Vec<(String, String)> = serde_urlencoded::from_bytes(&body).unwrap_or_default();
    let (unit, opd) = survey_unit(&st, &kode).await?;
    let kiosk = f.kiosk == "1";
    let thanks = format!(
        "/survei/{}/terima-kasih{}",
        unit.kode,
        if kiosk { "?kiosk=1" } else { "" }
    );
    // A filled honeypot is a bot: thank it and store nothing.
    if !f.website.trim().is_empty() {
        return Ok(Redirect::to(&thanks).into_response());
    }
    let cookie = auth::cookie(&headers, COOKIE).unwrap_or("");
    if cookie.is_empty() || !auth::same_token(cookie, &f.token) {
        return Err(AppError::Csrf);
    }
    if !st
        .survey_limiter
        .allow(addr.ip(), st.config.survey_per_minute)
    {
        return Err(AppError::TooMany);
    }
    let def = definisi(&st, &unit, &f.dl).await?;
    let lokal: HashMap<String, String> = pairs
        .into_iter()
        .filter(|(k, _)| def.lokal.iter().any(|q| q.kode == *k))
        .collect();
    let input = f.isi.input(today_wib().to_string(), unit.kode.clone());
    let extra = super::survei_kirim::Tambahan {
        token: &f.t,
        token_field: "t",
        lokal: |k: &str| lokal.get(k).map(String::as_str),
    };
    match super::survei_kirim::kirim(&st, &unit, &def, &input, extra).await? {
        Ok(_) => Ok(Redirect::to(&thanks).into_response()),
        Err(e) => {
            let galat: HashMap<String, String> =
                AppError::Invalid(e).fields().into_iter().collect();
            let umum = if let Some(t) = galat.get("t") {
                format!("{}.", capitalise(t))
            } else if galat.contains_key("jawaban") {
                "Jawab minimal satu pertanyaan.".to_string()
            } else {
                "Periksa isian yang ditandai.".to_string()
            };
            let (p, token) = page(&unit, opd, &def, f, &lokal, kiosk, galat, umum);
            respond(StatusCode::UNPROCESSABLE_ENTITY, &p, &token, &unit.kode)
        }
    }
}

fn capitalise(s: &str) -> String {
    let mut c = s.chars();
    c.next()
        .map(|f| f.to_uppercase().chain(c).collect())
        .unwrap_or_default()
}

#[derive(Template)]
#[template(path = "survei/terima_kasih.html")]
struct TerimaKasih {
    nav: Nav,
    unit: String,
    kode: String,
    kiosk: bool,
}

/// `GET /survei/{kode}/terima-kasih`
pub async fn thanks(
    State(st): State<AppState>,
    Path(kode): Path<String>,
    Query(m): Query<Mode>,
) -> Result<Response> {
    let (unit, _) = survey_unit(&st, &kode).await?;
    let p = TerimaKasih {
        nav: Nav::default(),
        unit: unit.nama,
        kode: unit.kode,
        kiosk: m.kiosk.is_some_and(|k| k == "1"),
    };
    Ok(render(&p)?.into_response())
}

/// `GET /survei/{kode}/qr.svg`: the QR code of the survey's absolute address.
pub async fn qr(
    State(st): State<AppState>,
    Path(kode): Path<String>,
    Query(q): Query<QrQuery>,
    headers: HeaderMap,
) -> Result<Response> {
    let url = qr_url(&st, &kode, &q, &headers).await?;
    let svg = super::qr::svg(&url, 240)?;
    Ok(([(header::CONTENT_TYPE, "image/svg+xml")], svg).into_response())
}

/// `GET /survei/{kode}/qr.png[?layanan=KODE][&kiosk=1][&skala=N]`: the same code as a PNG image
/// for printing (issue 3 §2), `skala` pixels per module (default 8).
pub async fn qr_png(
    State(st): State<AppState>,
    Path(kode): Path<String>,
    Query(q): Query<QrQuery>,
    headers: HeaderMap,
) -> Result<Response> {
    let url = qr_url(&st, &kode, &q, &headers).await?;
    let png = super::qr::png(&url, q.skala.unwrap_or(8))?;
    Ok(([(header::CONTENT_TYPE, "image/png")], png).into_response())
}

/// What a QR code of the survey page points at.
#[derive(Debug, Default, Deserialize)]
pub struct QrQuery {
    /// A service type: the code opens the page with that service chosen (its definition).
    #[serde(default)]
    layanan: Option<String>,
    /// `1`: the kiosk page (for a tablet at the counter).
    #[serde(default)]
    kiosk: Option<String>,
    /// Pixels per module of the PNG.
    #[serde(default)]
    skala: Option<usize>,
}

/// The absolute address of unit `kode`'s survey page, for service `q.layanan` when given.
/// An unknown service type is refused (a printed code must not point at a broken page).
async fn qr_url(st: &AppState, kode: &str, q: &QrQuery, headers: &HeaderMap) -> Result<String> {
    let (unit, _) = survey_unit(st, kode).await?;
    let mut params = Vec::new();
    if let Some(l) = q
        .layanan
        .as_deref()
        .map(str::trim)
        .filter(|l| !l.is_empty())
    {
        if !LAYANAN.iter().any(|(k, _)| *k == l) {
            return Err(AppError::Invalid(
                bangkom_core::error::ValidationErrors::single(
                    "layanan",
                    "jenis layanan tidak dikenal",
                ),
            ));
        }
        params.push(format!("layanan={l}"));
    }
    if q.kiosk.as_deref() == Some("1") {
        params.push("kiosk=1".to_string());
    }
    let query = if params.is_empty() {
        String::new()
    } else {
        format!("?{}", params.join("&"))
    };
    Ok(format!(
        "{}/survei/{}{query}",
        super::qr::base_url(st, headers),
        unit.kode
    ))
}

/// Today in Jambi (WIB, UTC+7; REFERENCE §0 "Identity").
pub fn today_wib() -> time::Date {
    let wib = time::UtcOffset::from_hms(7, 0, 0).unwrap_or(time::UtcOffset::UTC);
    time::OffsetDateTime::now_utc().to_offset(wib).date()
}
