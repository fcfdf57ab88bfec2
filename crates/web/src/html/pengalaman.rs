//! Experiential learning and claims for staff (`/pengalaman`): the administrator and OPD operators
//! record rotations, special assignments, detasering, internships, coaching and mentoring of the
//! employees in their scope, assess completed ones, and verify or reject the claims of those
//! employees; the administrator maps each kind to a jalur and an optional default JP.
//!
//! Who decides a claim: the administrator for everyone, and an OPD operator for the employees of
//! their OPDs (the operator sees the evidence locally); never for their own claim. Who assesses an
//! activity: the named mentor (an employee, from `/saya`), the administrator, or an operator of the
//! learner's OPD; never the learner.

use askama::Template;
use axum::extract::{Form, Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use bangkom_core::error::ValidationErrors;
use bangkom_core::jp::Jalur;
use bangkom_core::pengalaman::{Hasil, JenisPengalaman};
use bangkom_core::role::Role;
use bangkom_db::pegawai::Scope;
use bangkom_db::pengalaman::{PengalamanBaru, Penilaian, Putusan};
use serde::Deserialize;

use super::belajar_form::{bilangan, opsional, pesan_teks, tanggal};
use super::saya::Kegiatan;
use super::{Nav, render};
use crate::auth::User;
use crate::error::{AppError, Result};
use crate::state::AppState;

struct Klaim {
    id: i64,
    nama: String,
    nip: String,
    judul: String,
    jalur: String,
    waktu: String,
    jp: i64,
    bukti: String,
    tautan: String,
}

#[derive(Template)]
#[template(path = "pengalaman.html")]
struct PengalamanPage {
    nav: Nav,
    csrf: String,
    pesan: String,
    galat: Vec<String>,
    admin: bool,
    kegiatan: Vec<Kegiatan>,
    klaim: Vec<Klaim>,
    aturan: Vec<(String, String, i64, String)>,
    jenis_pilihan: Vec<(&'static str, &'static str)>,
    jalur_pilihan: Vec<(i64, String)>,
    hasil_pilihan: Vec<(&'static str, String)>,
}

/// `GET /pengalaman` (admin, operator)
pub async fn page(
    State(st): State<AppState>,
    user: User,
    Query(q): Query<super::program::PesanQuery>,
) -> Result<Response> {
    user.require_write()?;
    let pesan = pesan_teks(q.pesan()).to_string();
    halaman(&st, &user, pesan, Vec::new(), StatusCode::OK).await
}

async fn halaman(
    st: &AppState,
    user: &User,
    pesan: String,
    galat: Vec<String>,
    status: StatusCode,
) -> Result<Response> {
    let today = super::survei::today_wib();
    let kegiatan = st
        .db
        .pengalaman_list(&user.scope, 300)
        .await?
        .into_iter()
        .map(|x| Kegiatan::of(x, today))
        .collect();
    let nama_jalur = |id: i64| {
        u8::try_from(id)
            .ok()
            .and_then(|j| Jalur::from_id(j).ok())
            .map_or_else(String::new, |j| j.nama().to_string())
    };
    let klaim = st
        .db
        .klaim_list(&user.scope, Some("diajukan"), 300)
        .await?
        .into_iter()
        .map(|k| Klaim {
            id: k.klaim_id,
            nama: k.nama,
            nip: k.nip,
            judul: format!("{} ({})", k.judul, k.penyelenggara),
            jalur: nama_jalur(k.jalur),
            waktu: format!("{} s.d. {}", k.mulai, k.selesai),
            jp: k.jp_klaim,
            bukti: k.bukti,
            tautan: k.tautan.unwrap_or_default(),
        })
        .collect();
    let aturan = st
        .db
        .pengalaman_aturan()
        .await?
        .into_iter()
        .map(|a| {
            let label =
                JenisPengalaman::parse(&a.jenis).map_or(a.jenis.clone(), |j| j.nama().into());
            (
                a.jenis,
                label,
                a.jalur,
                a.jp_bawaan.map(|j| j.to_string()).unwrap_or_default(),
            )
        })
        .collect();
    Ok((
        status,
        render(&PengalamanPage {
            nav: Nav::of(user, "pengalaman"),
            csrf: user.csrf().to_string(),
            pesan,
            galat,
            admin: user.role == Role::Admin,
            kegiatan,
            klaim,
            aturan,
            jenis_pilihan: JenisPengalaman::ALL
                .iter()
                .map(|j| (j.code(), j.nama()))
                .collect(),
            jalur_pilihan: Jalur::all()
                .map(|j| (i64::from(j.id()), j.nama().to_string()))
                .collect(),
            hasil_pilihan: Hasil::ALL
                .iter()
                .map(|h| (h.code(), h.code().replace('_', " ")))
                .collect(),
        })?,
    )
        .into_response())
}

/// Back to the page a form came from, with a message; or the page again with the field messages.
async fn selesai(
    st: &AppState,
    user: &User,
    kembali: &str,
    r: Result<&'static str>,
) -> Result<Response> {
    let base = if kembali == "saya" {
        "/saya"
    } else {
        "/pengalaman"
    };
    match r {
        Ok(pesan) => Ok(Redirect::to(&format!("{base}?pesan={pesan}")).into_response()),
        Err(AppError::Invalid(v)) => {
            let galat = v
                .iter()
                .map(|f| format!("{}: {}", f.field, f.message))
                .collect();
            if kembali == "saya" {
                return Err(AppError::Invalid(v));
            }
            halaman(
                st,
                user,
                String::new(),
                galat,
                StatusCode::UNPROCESSABLE_ENTITY,
            )
            .await
        }
        Err(e) => Err(e),
    }
}

/// The record form.
#[derive(Debug, Deserialize)]
pub struct KegiatanForm {
    csrf: String,
    #[serde(default)]
    nip: String,
    #[serde(default)]
    jenis: String,
    #[serde(default)]
    judul: String,
    #[serde(default)]
    tujuan: String,
    #[serde(default)]
    unit_tujuan: String,
    #[serde(default)]
    ke_jabatan: String,
    #[serde(default)]
    pembimbing_nip: String,
    #[serde(default)]
    pembimbing_nama: String,
    #[serde(default)]
    mulai: String,
    #[serde(default)]
    selesai: String,
}

impl KegiatanForm {
    /// The form's fields from a JSON object, for `POST /api/v1/pengalaman`.
    pub(crate) fn from_json(v: &serde_json::Value) -> KegiatanForm {
        let text = |k: &str| crate::api::teks(v, k);
        KegiatanForm {
            csrf: String::new(),
            nip: text("nip"),
            jenis: text("jenis"),
            judul: text("judul"),
            tujuan: text("tujuan"),
            unit_tujuan: text("unit_tujuan"),
            ke_jabatan: text("ke_jabatan"),
            pembimbing_nip: text("pembimbing_nip"),
            pembimbing_nama: text("pembimbing_nama"),
            mulai: text("mulai"),
            selesai: text("selesai"),
        }
    }
}

/// Parses the record form: the learner within the caller's scope, a rotation only into the
/// caller's OPDs.
pub(crate) async fn kegiatan_baru(
    st: &AppState,
    user: &User,
    f: &KegiatanForm,
) -> Result<PengalamanBaru> {
    let mut errs = ValidationErrors::new();
    let jenis = JenisPengalaman::parse(&f.jenis)
        .map_err(|m| errs.add("jenis", m))
        .ok();
    let mulai = tanggal(&mut errs, "mulai", &f.mulai);
    let selesai = tanggal(&mut errs, "selesai", &f.selesai);
    let pegawai = match st.db.pegawai_by_nip(&user.scope, f.nip.trim()).await {
        Ok(p) => Some(p),
        Err(bangkom_db::DbError::NotFound) => {
            errs.add(
                "nip",
                format!("NIP {} tidak ditemukan di lingkup Anda", f.nip.trim()),
            );
            None
        }
        Err(e) => return Err(e.into()),
    };
    let pembimbing_id = match opsional(&f.pembimbing_nip) {
        None => None,
        Some(nip) => match st.db.pegawai_by_nip(&Scope::Semua, &nip).await {
            Ok(p) => Some(p.pegawai_id),
            Err(bangkom_db::DbError::NotFound) => {
                errs.add(
                    "pembimbing",
                    format!("NIP pembimbing {nip} tidak terdaftar"),
                );
                None
            }
            Err(e) => return Err(e.into()),
        },
    };
    let unit_tujuan_id = match opsional(&f.unit_tujuan) {
        None => None,
        Some(kode) => {
            let org = st.db.org_index().await?;
            match org.by_kode(&kode) {
                // A rotation moves the employee: operators only within their own OPDs.
                Some(u)
                    if jenis != Some(JenisPengalaman::Rotasi)
                        || u.opd_id.is_some_and(|o| user.scope.allows_opd(o)) =>
                {
                    Some(u.org_id)
                }
                Some(_) => {
                    errs.add("unit_tujuan", "rotasi hanya ke unit di OPD lingkup Anda");
                    None
                }
                None => {
                    errs.add("unit_tujuan", format!("kode unit {kode} tidak terdaftar"));
                    None
                }
            }
        }
    };
    match (jenis, mulai, selesai, pegawai) {
        (Some(jenis), Some(mulai), Some(selesai), Some(p)) if errs.is_empty() => {
            Ok(PengalamanBaru {
                pegawai_id: p.pegawai_id,
                jenis,
                judul: f.judul.clone(),
                tujuan: opsional(&f.tujuan),
                unit_tujuan_id,
                ke_jabatan: opsional(&f.ke_jabatan),
                pembimbing_id,
                pembimbing_nama: opsional(&f.pembimbing_nama),
                mulai,
                selesai,
            })
        }
        _ => Err(AppError::Invalid(errs)),
    }
}

/// `POST /pengalaman`: record an activity (admin, operator within their OPDs).
pub async fn catat(
    State(st): State<AppState>,
    user: User,
    Form(f): Form<KegiatanForm>,
) -> Result<Response> {
    user.check_csrf(&f.csrf)?;
    user.require_write()?;
    let r = async {
        let n = kegiatan_baru(&st, &user, &f).await?;
        st.db.pengalaman_add(&user.actor(), &n).await?;
        Ok("pengalaman")
    }
    .await;
    selesai(&st, &user, "", r).await
}

/// The assessment form.
#[derive(Debug, Deserialize)]
pub struct NilaiForm {
    csrf: String,
    #[serde(default)]
    hasil: String,
    #[serde(default)]
    jp: String,
    #[serde(default)]
    catatan: String,
    #[serde(default)]
    kembali: String,
}

/// `POST /pengalaman/{id}/nilai`: the mentor (from `/saya`), the administrator or an operator of
/// the learner's OPD assesses a completed activity.
pub async fn nilai(
    State(st): State<AppState>,
    user: User,
    Path(id): Path<i64>,
    Form(f): Form<NilaiForm>,
) -> Result<Response> {
    user.check_csrf(&f.csrf)?;
    let x = st.db.pengalaman_by_id(id).await?;
    let boleh = match (&user.role, &user.scope) {
        (Role::Admin, _) => true,
        (Role::Operator, s) => s.allows_opd(x.opd_id),
        (Role::Pegawai, Scope::Pegawai(me)) => x.pembimbing_id == Some(*me),
        _ => false,
    };
    if !boleh {
        return Err(AppError::NotFound);
    }
    if user.akun.pegawai_id == Some(x.pegawai_id) {
        return Err(AppError::Forbidden);
    }
    let r = async {
        let mut errs = ValidationErrors::new();
        let hasil = Hasil::parse(&f.hasil)
            .map_err(|m| errs.add("hasil", m))
            .ok();
        let jp = bilangan(&mut errs, "jp", &f.jp, false);
        let Some(hasil) = hasil.filter(|_| errs.is_empty()) else {
            return Err(AppError::Invalid(errs));
        };
        let n = Penilaian {
            hasil,
            jp,
            catatan: f.catatan.clone(),
        };
        st.db
            .pengalaman_nilai(&user.actor(), id, &n, super::survei::today_wib())
            .await?;
        Ok("dinilai")
    }
    .await;
    selesai(&st, &user, &f.kembali, r).await
}

/// The claim decision form.
#[derive(Debug, Deserialize)]
pub struct PutusForm {
    csrf: String,
    #[serde(default)]
    keputusan: String,
    #[serde(default)]
    jp: String,
    #[serde(default)]
    alasan: String,
}

/// `POST /klaim/{id}/putus`: verify (`keputusan=verifikasi`, optional `jp`) or reject with
/// `alasan` (admin; operator for their OPDs; never one's own claim).
pub async fn putus(
    State(st): State<AppState>,
    user: User,
    Path(id): Path<i64>,
    Form(f): Form<PutusForm>,
) -> Result<Response> {
    user.check_csrf(&f.csrf)?;
    let k = st.db.klaim_by_id(id).await?;
    let boleh = match user.role {
        Role::Admin => true,
        Role::Operator => user.scope.allows_opd(k.opd_id),
        _ => false,
    };
    if !boleh {
        return Err(AppError::NotFound);
    }
    if user.akun.pegawai_id == Some(k.pegawai_id) {
        return Err(AppError::Forbidden);
    }
    let r = async {
        let putusan = match f.keputusan.as_str() {
            "verifikasi" => {
                let mut errs = ValidationErrors::new();
                let jp = bilangan(&mut errs, "jp", &f.jp, false);
                if !errs.is_empty() {
                    return Err(AppError::Invalid(errs));
                }
                Putusan::Verifikasi(jp)
            }
            "tolak" => Putusan::Tolak(f.alasan.clone()),
            _ => {
                return Err(AppError::Invalid(ValidationErrors::single(
                    "keputusan",
                    "pilih verifikasi atau tolak",
                )));
            }
        };
        let done = st.db.klaim_putus(&user.actor(), id, &putusan).await?;
        Ok(if done.status == "ditolak" {
            "ditolak"
        } else {
            "verifikasi"
        })
    }
    .await;
    selesai(&st, &user, "", r).await
}

/// The kind → jalur form.
#[derive(Debug, Deserialize)]
pub struct AturanForm {
    csrf: String,
    #[serde(default)]
    jenis: String,
    #[serde(default)]
    jalur: String,
    #[serde(default)]
    jp_bawaan: String,
}

/// `POST /pengalaman/aturan` (admin): map a kind to a jalur and an optional default JP.
pub async fn aturan(
    State(st): State<AppState>,
    user: User,
    Form(f): Form<AturanForm>,
) -> Result<Response> {
    user.check_csrf(&f.csrf)?;
    user.require_admin()?;
    let r = async {
        let mut errs = ValidationErrors::new();
        let jenis = JenisPengalaman::parse(&f.jenis)
            .map_err(|m| errs.add("jenis", m))
            .ok();
        let jalur = Jalur::parse(&f.jalur)
            .map_err(|m| errs.add("jalur", m))
            .ok();
        let jp = bilangan(&mut errs, "jp_bawaan", &f.jp_bawaan, false);
        match (jenis, jalur) {
            (Some(jenis), Some(jalur)) if errs.is_empty() => {
                st.db
                    .pengalaman_aturan_set(&user.actor(), jenis, jalur, jp)
                    .await?;
                Ok("aturan")
            }
            _ => Err(AppError::Invalid(errs)),
        }
    }
    .await;
    selesai(&st, &user, "", r).await
}
