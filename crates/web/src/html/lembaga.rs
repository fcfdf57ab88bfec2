//! Training institutions (*lembaga pelatihan*) for the administrator: the list with a new-institution
//! form, and one institution's page (edit form, cooperation agreements, its programs). Leaders
//! read them; an institution's own staff read only their own page. Every write is audited (db).
//! A refused form is shown again with the entered values and a message next to each field (422).

use askama::Template;
use axum::Form;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use bangkom_core::error::ValidationErrors;
use bangkom_core::lembaga::{LembagaInput, PksInput};
use bangkom_core::role::Role;
use bangkom_db::DbError;
use bangkom_db::lembaga::{LembagaRow, PksRow};
use serde::Deserialize;

use super::program::url_path;
use super::{Nav, render};
use crate::auth::User;
use crate::error::{AppError, Result};
use crate::state::AppState;

/// The institution form (every field a string, kept as entered).
#[derive(Debug, Clone, Default, Deserialize)]
pub struct LembagaForm {
    #[serde(default)]
    csrf: String,
    #[serde(flatten)]
    f: LembagaInput,
}

/// The agreement form.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct PksForm {
    #[serde(default)]
    csrf: String,
    #[serde(flatten)]
    f: PksInput,
}

/// One row of the list.
struct Baris {
    kode: String,
    url: String,
    nama: String,
    jenis: &'static str,
    akreditasi: String,
    kontak: String,
}

/// `pemerintah` → "Pemerintah".
fn jenis_label(code: &str) -> &'static str {
    if code == "swasta" {
        "Swasta"
    } else {
        "Pemerintah"
    }
}

fn akreditasi(l: &LembagaRow, today: time::Date) -> String {
    match (&l.akreditasi, l.akreditasi_sampai) {
        (None, _) => "belum terakreditasi".into(),
        (Some(a), None) => a.clone(),
        (Some(a), Some(d)) if d >= today => format!("{a} (s.d. {d})"),
        (Some(a), Some(d)) => format!("{a} (kedaluwarsa {d})"),
    }
}

fn input_of(l: &LembagaRow) -> LembagaInput {
    LembagaInput {
        kode: l.kode.clone(),
        nama: l.nama.clone(),
        jenis: l.jenis.clone(),
        akreditasi: l.akreditasi.clone().unwrap_or_default(),
        akreditasi_sampai: l
            .akreditasi_sampai
            .map(|d| d.to_string())
            .unwrap_or_default(),
        kontak_nama: l.kontak_nama.clone().unwrap_or_default(),
        kontak_email: l.kontak_email.clone().unwrap_or_default(),
        kontak_telepon: l.kontak_telepon.clone().unwrap_or_default(),
        alamat: l.alamat.clone().unwrap_or_default(),
    }
}

/// Field messages of a refused form.
#[derive(Default)]
struct Galat(ValidationErrors);

impl Galat {
    fn of(&self, field: &str) -> String {
        self.0.messages_for(field).collect::<Vec<_>>().join("; ")
    }
}

#[derive(Template)]
#[template(path = "lembaga/daftar.html")]
struct DaftarPage {
    nav: Nav,
    csrf: String,
    admin: bool,
    rows: Vec<Baris>,
    f: LembagaInput,
    galat: Galat,
    edit: bool,
}

async fn daftar(
    st: &AppState,
    user: &User,
    f: LembagaInput,
    galat: ValidationErrors,
    status: StatusCode,
) -> Result<Response> {
    crate::lembaga::require_daftar(user)?;
    let today = super::survei::today_wib();
    let rows = st
        .db
        .lembaga_list()
        .await?
        .into_iter()
        .map(|l| Baris {
            url: format!("/lembaga/{}", url_path(&l.kode)),
            akreditasi: akreditasi(&l, today),
            jenis: jenis_label(&l.jenis),
            kontak: [l.kontak_nama, l.kontak_telepon, l.kontak_email]
                .into_iter()
                .flatten()
                .collect::<Vec<_>>()
                .join(" · "),
            kode: l.kode,
            nama: l.nama,
        })
        .collect();
    let page = DaftarPage {
        nav: Nav::of(user, "lembaga"),
        csrf: user.csrf().to_string(),
        admin: user.role == Role::Admin,
        rows,
        f,
        galat: Galat(galat),
        edit: false,
    };
    Ok((status, render(&page)?).into_response())
}

/// `GET /lembaga` (admin, pimpinan)
pub async fn list(State(st): State<AppState>, user: User) -> Result<Response> {
    daftar(
        &st,
        &user,
        LembagaInput::default(),
        ValidationErrors::new(),
        StatusCode::OK,
    )
    .await
}

/// A refused write: the same page again with the messages, or the error as is.
fn refused(e: DbError, field: &str) -> std::result::Result<ValidationErrors, AppError> {
    match e {
        DbError::Invalid(v) => Ok(v),
        DbError::Conflict(m) => Ok(ValidationErrors::single(field, m)),
        e => Err(e.into()),
    }
}

/// `POST /lembaga` (admin): adds an institution.
pub async fn create(
    State(st): State<AppState>,
    user: User,
    Form(form): Form<LembagaForm>,
) -> Result<Response> {
    user.require_admin()?;
    user.check_csrf(&form.csrf)?;
    let outcome = match form.f.parse() {
        Ok(l) => st.db.lembaga_create(&user.actor(), &l).await.map(|_| l),
        Err(v) => Err(DbError::Invalid(v)),
    };
    match outcome {
        Ok(l) => Ok(
            Redirect::to(&format!("/lembaga/{}?pesan=dibuat", url_path(&l.kode))).into_response(),
        ),
        Err(e) => {
            let v = refused(e, "kode")?;
            daftar(&st, &user, form.f, v, StatusCode::UNPROCESSABLE_ENTITY).await
        }
    }
}

struct ProgramBaris {
    kode: String,
    url: String,
    nama: String,
    tanggal: String,
}

#[derive(Template)]
#[template(path = "lembaga/detail.html")]
struct DetailPage {
    nav: Nav,
    csrf: String,
    admin: bool,
    l: LembagaRow,
    jenis: &'static str,
    akreditasi: String,
    pks: Vec<PksRow>,
    today: time::Date,
    program: Vec<ProgramBaris>,
    f: LembagaInput,
    galat: Galat,
    k: PksInput,
    galat_pks: Galat,
    pesan: String,
    edit: bool,
}

/// `?pesan=` after a redirect.
#[derive(Debug, Default, Deserialize)]
pub struct PesanQuery {
    #[serde(default)]
    pesan: String,
}

struct Isian {
    f: Option<LembagaInput>,
    galat: ValidationErrors,
    k: PksInput,
    galat_pks: ValidationErrors,
    pesan: String,
}

async fn detail_page(
    st: &AppState,
    user: &User,
    kode: &str,
    isi: Isian,
    status: StatusCode,
) -> Result<Response> {
    let l = crate::lembaga::lembaga_for(st, user, kode).await?;
    let today = super::survei::today_wib();
    let program = st
        .db
        .program_list()
        .await?
        .into_iter()
        .filter(|r| r.program.lembaga_id == Some(l.lembaga_id))
        .map(|r| ProgramBaris {
            url: format!("/program/{}", url_path(&r.program.kode)),
            tanggal: format!("{} s.d. {}", r.program.mulai, r.program.selesai),
            kode: r.program.kode,
            nama: r.program.nama,
        })
        .collect();
    let page = DetailPage {
        nav: Nav::of(user, "lembaga"),
        csrf: user.csrf().to_string(),
        admin: user.role == Role::Admin,
        jenis: jenis_label(&l.jenis),
        akreditasi: akreditasi(&l, today),
        pks: st.db.pks_list(l.lembaga_id).await?,
        today,
        program,
        f: isi.f.unwrap_or_else(|| input_of(&l)),
        galat: Galat(isi.galat),
        k: isi.k,
        galat_pks: Galat(isi.galat_pks),
        pesan: match isi.pesan.as_str() {
            "dibuat" => "Lembaga pelatihan ditambahkan.",
            "diubah" => "Data lembaga disimpan.",
            "pks" => "Perjanjian kerja sama dicatat.",
            "pks_diubah" => "Perubahan perjanjian kerja sama disimpan.",
            "pks_dihapus" => "Perjanjian kerja sama dihapus.",
            _ => "",
        }
        .to_string(),
        edit: true,
        l,
    };
    Ok((status, render(&page)?).into_response())
}

/// `GET /lembaga/{kode}`
pub async fn detail(
    State(st): State<AppState>,
    user: User,
    Path(kode): Path<String>,
    axum::extract::Query(q): axum::extract::Query<PesanQuery>,
) -> Result<Response> {
    let isi = Isian {
        f: None,
        galat: ValidationErrors::new(),
        k: PksInput::default(),
        galat_pks: ValidationErrors::new(),
        pesan: q.pesan,
    };
    detail_page(&st, &user, &kode, isi, StatusCode::OK).await
}

/// `POST /lembaga/{kode}` (admin): saves the institution's fields (the code is the key).
pub async fn update(
    State(st): State<AppState>,
    user: User,
    Path(kode): Path<String>,
    Form(mut form): Form<LembagaForm>,
) -> Result<Response> {
    user.require_admin()?;
    user.check_csrf(&form.csrf)?;
    let l = st.db.lembaga_by_kode(&kode).await?;
    form.f.kode.clone_from(&l.kode);
    let outcome = match form.f.parse() {
        Ok(v) => st.db.lembaga_update(&user.actor(), &v).await,
        Err(v) => Err(DbError::Invalid(v)),
    };
    match outcome {
        Ok(()) => Ok(
            Redirect::to(&format!("/lembaga/{}?pesan=diubah", url_path(&l.kode))).into_response(),
        ),
        Err(e) => {
            let isi = Isian {
                f: Some(form.f),
                galat: refused(e, "nama")?,
                k: PksInput::default(),
                galat_pks: ValidationErrors::new(),
                pesan: String::new(),
            };
            detail_page(&st, &user, &kode, isi, StatusCode::UNPROCESSABLE_ENTITY).await
        }
    }
}

/// `POST /lembaga/{kode}/pks` (admin): records a cooperation agreement.
pub async fn pks(
    State(st): State<AppState>,
    user: User,
    Path(kode): Path<String>,
    Form(form): Form<PksForm>,
) -> Result<Response> {
    user.require_admin()?;
    user.check_csrf(&form.csrf)?;
    let l = st.db.lembaga_by_kode(&kode).await?;
    let outcome = match form.f.parse() {
        Ok(k) => st.db.pks_add(&user.actor(), &l, &k).await.map(|_| ()),
        Err(v) => Err(DbError::Invalid(v)),
    };
    match outcome {
        Ok(()) => {
            Ok(Redirect::to(&format!("/lembaga/{}?pesan=pks", url_path(&l.kode))).into_response())
        }
        Err(e) => {
            let isi = Isian {
                f: None,
                galat: ValidationErrors::new(),
                galat_pks: refused(e, "nomor")?,
                k: form.f,
                pesan: String::new(),
            };
            detail_page(&st, &user, &kode, isi, StatusCode::UNPROCESSABLE_ENTITY).await
        }
    }
}
