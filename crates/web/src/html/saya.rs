//! The employee's own page (*Halaman saya*): JP this year by jalur against the target (programs,
//! experiential learning and verified claims, REFERENCE §0), the forecast, every program followed
//! with its certificate, experiential records, the learning log (add entries), external claims
//! (submit), and — for a coach, mentor or supervisor — the activities they assess.

use askama::Template;
use axum::extract::{Form, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use bangkom_core::error::ValidationErrors;
use bangkom_core::jp::{AturanJp, Jalur};
use bangkom_core::pegawai::JenisAsn;
use bangkom_core::pengalaman::{Hasil, JenisPengalaman, hari_berjalan, prakiraan};
use bangkom_db::pegawai::{PegawaiRow, Scope};
use bangkom_db::pengalaman::{CatatanBaru, CatatanRow, KlaimBaru};
use serde::Deserialize;

use super::belajar_form::{bilangan, id_opsional, opsional, pesan_teks, tanggal};
use super::{Nav, render};
use crate::auth::User;
use crate::error::{AppError, Result};
use crate::state::AppState;

struct Baris {
    nama: String,
    jalur: String,
    penyelenggara: String,
    status: String,
    jp: i64,
    selesai: String,
    sertifikat: String,
}

/// An experiential activity as shown.
pub(super) struct Kegiatan {
    pub id: i64,
    pub nama: String,
    pub jenis: String,
    pub judul: String,
    pub waktu: String,
    pub pembimbing: String,
    pub status: String,
    pub jp: String,
    pub bisa_nilai: bool,
}

impl Kegiatan {
    pub(super) fn of(x: bangkom_db::pengalaman::PengalamanRow, hari_ini: time::Date) -> Kegiatan {
        let jenis = JenisPengalaman::parse(&x.jenis).map_or(x.jenis.clone(), |j| j.nama().into());
        let rotasi = match (&x.dari_jabatan, &x.ke_jabatan) {
            (Some(d), Some(k)) => format!(" ({d} → {k})"),
            _ => String::new(),
        };
        Kegiatan {
            id: x.pengalaman_id,
            nama: x.nama,
            jenis,
            judul: format!("{}{rotasi}", x.judul),
            waktu: format!("{} s.d. {}", x.mulai, x.selesai),
            pembimbing: x.pembimbing_nama.unwrap_or_default(),
            status: match (x.status.as_str(), x.hasil.as_deref()) {
                ("dinilai", Some(h)) => format!("dinilai: {}", h.replace('_', " ")),
                _ if x.selesai > hari_ini => "berjalan".into(),
                _ => "menunggu penilaian".into(),
            },
            jp: x.jp_diakui.map(|j| j.to_string()).unwrap_or_default(),
            bisa_nilai: x.status == "berjalan" && x.selesai <= hari_ini,
        }
    }
}

struct Klaim {
    judul: String,
    jalur: String,
    waktu: String,
    jp: String,
    status: String,
}

#[derive(Template)]
#[template(path = "saya.html")]
struct SayaPage {
    nav: Nav,
    p: PegawaiRow,
    nama: String,
    tahun: i32,
    jp: i64,
    target: u32,
    width: String,
    kurang: i64,
    pppk: bool,
    maks: u32,
    baris: Vec<Baris>,
    csrf: String,
    terbuka: Vec<(String, String, String)>,
    pesan: String,
    galat: Vec<String>,
    per_jalur: Vec<(String, i64)>,
    proyeksi: i64,
    terjadwal: i64,
    berisiko: bool,
    kegiatan: Vec<Kegiatan>,
    pilihan_kegiatan: Vec<(i64, String)>,
    catatan: Vec<CatatanRow>,
    klaim: Vec<Klaim>,
    jalur_pilihan: Vec<(u8, String)>,
    bimbingan: Vec<Kegiatan>,
    hasil_pilihan: Vec<(&'static str, String)>,
    hari_ini: String,
    /// Level-3 assessments due whose named assessor is this account.
    tindak_lanjut: usize,
}

fn jalur_nama(id: i64) -> String {
    u8::try_from(id)
        .ok()
        .and_then(|j| Jalur::from_id(j).ok())
        .map_or_else(String::new, |j| j.nama().to_string())
}

/// `GET /saya[?pesan=…]`
pub async fn page(
    State(st): State<AppState>,
    user: User,
    Query(q): Query<super::program::PesanQuery>,
) -> Result<Response> {
    let pesan = pesan_teks(q.pesan()).to_string();
    saya_page(&st, &user, pesan, Vec::new(), StatusCode::OK).await
}

async fn saya_page(
    st: &AppState,
    user: &User,
    pesan: String,
    galat: Vec<String>,
    status: StatusCode,
) -> Result<Response> {
    let Scope::Pegawai(id) = user.scope else {
        return Err(AppError::NotFound);
    };
    let p = st.db.pegawai_by_id(&user.scope, id).await?;
    let today = super::survei::today_wib();
    let tahun = today.year();
    let aturan = AturanJp::default();
    let asn = JenisAsn::parse(&p.jenis_asn).unwrap_or(JenisAsn::Pns);
    let riwayat = st.db.riwayat_belajar(id).await?;
    // Programs still running or to come that the employee is not in yet: apply from here.
    let terbuka = st
        .db
        .program_list()
        .await?
        .into_iter()
        .map(|r| r.program)
        .filter(|g| {
            g.selesai >= today
                && !riwayat
                    .iter()
                    .any(|r| r.kode == g.kode && r.status != "ditolak" && r.status != "dibatalkan")
        })
        .map(|g| {
            (
                g.kode,
                g.nama,
                format!("{} s.d. {} · {} JP", g.mulai, g.selesai, g.jp),
            )
        })
        .collect();
    let jalur = st.db.jp_jalur_pegawai(id, tahun).await?;
    let jp: i64 = jalur.values().sum();
    let per_jalur = jalur
        .iter()
        .map(|(j, n)| (jalur_nama(i64::from(*j)), *n))
        .collect();
    let target = aturan.target(asn);
    let terjadwal = st
        .db
        .jp_terjadwal(None, Some(id), tahun, today)
        .await?
        .get(&id)
        .copied()
        .unwrap_or(0);
    let (hari_ke, hari_setahun) = hari_berjalan(tahun, today);
    let f = prakiraan(jp, terjadwal, i64::from(target), hari_ke, hari_setahun);
    #[allow(clippy::cast_precision_loss)]
    let width = if target == 0 {
        100.0
    } else {
        (jp as f64 * 100.0 / f64::from(target)).min(100.0)
    };
    let baris = riwayat
        .into_iter()
        .map(|r| Baris {
            jalur: jalur_nama(r.jalur),
            nama: r.nama,
            penyelenggara: r.penyelenggara,
            status: r.status.replace('_', " "),
            jp: r.jp_diakui,
            selesai: r.tanggal_selesai.map(|d| d.to_string()).unwrap_or_default(),
            sertifikat: r.nomor_sertifikat.unwrap_or_default(),
        })
        .collect();
    let mine = st.db.pengalaman_list(&user.scope, 500).await?;
    let pilihan_kegiatan = mine
        .iter()
        .map(|x| (x.pengalaman_id, x.judul.clone()))
        .collect();
    let kegiatan = mine.into_iter().map(|x| Kegiatan::of(x, today)).collect();
    let klaim = st
        .db
        .klaim_list(&user.scope, None, 500)
        .await?
        .into_iter()
        .map(|k| Klaim {
            jalur: jalur_nama(k.jalur),
            waktu: format!("{} s.d. {}", k.mulai, k.selesai),
            jp: match k.jp_diakui {
                Some(d) => format!("{d} dari {}", k.jp_klaim),
                None => k.jp_klaim.to_string(),
            },
            status: match (k.status.as_str(), k.alasan) {
                ("ditolak", Some(a)) => format!("ditolak: {a}"),
                (s, _) => s.to_string(),
            },
            judul: format!("{} ({})", k.judul, k.penyelenggara),
        })
        .collect();
    let bimbingan = st
        .db
        .pengalaman_bimbingan(id)
        .await?
        .into_iter()
        .map(|x| Kegiatan::of(x, today))
        .collect();
    Ok((
        status,
        render(&SayaPage {
            nav: Nav::of(user, "saya"),
            nama: p.nama_lengkap(),
            tahun,
            jp,
            target,
            width: format!("{width:.1}"),
            kurang: (i64::from(target) - jp).max(0),
            pppk: asn == JenisAsn::Pppk,
            maks: aturan.maks_pppk,
            baris,
            csrf: user.csrf().to_string(),
            terbuka,
            pesan,
            galat,
            tindak_lanjut: st
                .db
                .tindak_lanjut_milik(user.akun.akun_id, today)
                .await?
                .len(),
            per_jalur,
            proyeksi: f.proyeksi,
            terjadwal,
            berisiko: f.berisiko,
            kegiatan,
            pilihan_kegiatan,
            catatan: st.db.catatan_list(id).await?,
            klaim,
            jalur_pilihan: Jalur::all()
                .map(|j| (j.id(), j.nama().to_string()))
                .collect(),
            bimbingan,
            hasil_pilihan: Hasil::ALL
                .iter()
                .map(|h| (h.code(), h.code().replace('_', " ")))
                .collect(),
            hari_ini: today.to_string(),
            p,
        })?,
    )
        .into_response())
}

/// Re-renders `/saya` with the field messages of a refused form (422), or passes the error on.
async fn tolak(st: &AppState, user: &User, e: AppError) -> Result<Response> {
    match e {
        AppError::Invalid(v) => {
            let galat = v
                .iter()
                .map(|f| format!("{}: {}", f.field, f.message))
                .collect();
            saya_page(
                st,
                user,
                String::new(),
                galat,
                StatusCode::UNPROCESSABLE_ENTITY,
            )
            .await
        }
        e => Err(e),
    }
}

/// The learning-log form.
#[derive(Debug, Deserialize)]
pub struct CatatanForm {
    csrf: String,
    #[serde(default)]
    tanggal: String,
    #[serde(default)]
    uraian: String,
    #[serde(default)]
    tautan: String,
    #[serde(default)]
    pengalaman: String,
    #[serde(default)]
    sesi: Option<String>,
}

/// `POST /saya/catatan`: the employee adds an entry to their own log.
pub async fn catatan(
    State(st): State<AppState>,
    user: User,
    Form(f): Form<CatatanForm>,
) -> Result<Response> {
    user.check_csrf(&f.csrf)?;
    let Scope::Pegawai(id) = user.scope else {
        return Err(AppError::Forbidden);
    };
    let today = super::survei::today_wib();
    let mut errs = ValidationErrors::new();
    let tgl = tanggal(&mut errs, "tanggal", &f.tanggal);
    let pengalaman_id = id_opsional(&mut errs, "pengalaman", &f.pengalaman);
    if f.uraian.trim().is_empty() {
        errs.add("uraian", "uraian pembelajaran wajib diisi");
    }
    let r = match tgl {
        Some(tanggal) if errs.is_empty() => {
            let c = CatatanBaru {
                pegawai_id: id,
                pengalaman_id,
                sesi: f.sesi.is_some(),
                tanggal,
                uraian: f.uraian,
                tautan: opsional(&f.tautan),
            };
            st.db
                .catatan_add(&user.actor(), &c, today)
                .await
                .map_err(AppError::from)
        }
        _ => Err(AppError::Invalid(errs)),
    };
    match r {
        Ok(_) => Ok(Redirect::to("/saya?pesan=catatan#catatan-belajar").into_response()),
        Err(e) => tolak(&st, &user, e).await,
    }
}

/// The claim form.
#[derive(Debug, Deserialize)]
pub struct KlaimForm {
    csrf: String,
    #[serde(default)]
    judul: String,
    #[serde(default)]
    penyelenggara: String,
    #[serde(default)]
    jalur: String,
    #[serde(default)]
    mulai: String,
    #[serde(default)]
    selesai: String,
    #[serde(default)]
    jp: String,
    #[serde(default)]
    bukti: String,
    #[serde(default)]
    tautan: String,
}

impl KlaimForm {
    /// The form's fields from a JSON object (numbers accepted for `jalur` and `jp`), for
    /// `POST /api/v1/klaim`.
    pub(crate) fn from_json(v: &serde_json::Value) -> KlaimForm {
        let text = |k: &str| crate::api::teks(v, k);
        KlaimForm {
            csrf: String::new(),
            judul: text("judul"),
            penyelenggara: text("penyelenggara"),
            jalur: text("jalur"),
            mulai: text("mulai"),
            selesai: text("selesai"),
            jp: text("jp"),
            bukti: text("bukti"),
            tautan: text("tautan"),
        }
    }
}

/// Parses the claim form for `pegawai_id`.
pub fn klaim_baru(pegawai_id: i64, f: &KlaimForm) -> Result<KlaimBaru, ValidationErrors> {
    let mut errs = ValidationErrors::new();
    let mulai = tanggal(&mut errs, "mulai", &f.mulai);
    let selesai = tanggal(&mut errs, "selesai", &f.selesai);
    let jp = bilangan(&mut errs, "jp", &f.jp, true);
    let jalur = Jalur::parse(&f.jalur)
        .map_err(|m| errs.add("jalur", m))
        .ok();
    match (mulai, selesai, jp, jalur) {
        (Some(mulai), Some(selesai), Some(jp), Some(jalur)) if errs.is_empty() => Ok(KlaimBaru {
            pegawai_id,
            judul: f.judul.clone(),
            penyelenggara: f.penyelenggara.clone(),
            jalur,
            mulai,
            selesai,
            jp,
            bukti: f.bukti.clone(),
            tautan: opsional(&f.tautan),
        }),
        _ => Err(errs),
    }
}

/// `POST /saya/klaim`: the employee submits a claim of learning done elsewhere.
pub async fn klaim(
    State(st): State<AppState>,
    user: User,
    Form(f): Form<KlaimForm>,
) -> Result<Response> {
    user.check_csrf(&f.csrf)?;
    let Scope::Pegawai(id) = user.scope else {
        return Err(AppError::Forbidden);
    };
    let today = super::survei::today_wib();
    let r = match klaim_baru(id, &f) {
        Ok(k) => st
            .db
            .klaim_add(&user.actor(), &k, today)
            .await
            .map_err(AppError::from),
        Err(errs) => Err(AppError::Invalid(errs)),
    };
    match r {
        Ok(_) => Ok(Redirect::to("/saya?pesan=klaim#klaim-saya").into_response()),
        Err(e) => tolak(&st, &user, e).await,
    }
}
