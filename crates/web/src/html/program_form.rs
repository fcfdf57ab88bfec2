//! Create and edit a program (`/program/baru`, `/program/{kode}/ubah`) and the administrator's JP
//! correction after completions (`POST /program/{kode}/koreksi-jp`). A refused form is shown again
//! (422) with the entered values and a message next to each field; the checks are those of
//! [`crate::katalog`].

use askama::Template;
use axum::Form;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use bangkom_core::error::ValidationErrors;
use bangkom_core::jabatan::JenisJabatan;
use bangkom_core::jp::Jalur;
use bangkom_core::program::{KoreksiJpInput, ProgramInput};
use bangkom_core::role::Role;
use serde::Deserialize;

use super::program::url_path;
use super::{Nav, render};
use crate::auth::User;
use crate::error::{AppError, Result};
use crate::katalog;
use crate::state::AppState;

/// The program form.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct ProgramForm {
    #[serde(default)]
    csrf: String,
    #[serde(flatten)]
    f: ProgramInput,
}

/// The JP correction form.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct KoreksiForm {
    #[serde(default)]
    csrf: String,
    #[serde(flatten)]
    k: KoreksiJpInput,
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
#[template(path = "program/form.html")]
struct FormPage {
    nav: Nav,
    csrf: String,
    /// Editing an existing program (its code is fixed).
    edit: bool,
    f: ProgramInput,
    galat: Galat,
    /// A general message (a refused form).
    umum: String,
    jalur: Vec<(String, String)>,
    jabatan: String,
    /// Institutions to choose from (admin); empty for an institution's staff.
    lembaga: Vec<(String, String)>,
    /// The staff's own institution, shown instead of the choice.
    lembaga_sendiri: String,
    /// Completions were decided: JP, jalur, dates and rules are frozen.
    beku: bool,
    /// Show the JP correction (admin, after completions).
    koreksi: bool,
    k: KoreksiJpInput,
    galat_k: Galat,
}

/// Which page to draw: the new-program form, or the edit form of a program.
enum Mode<'a> {
    Baru,
    Ubah(&'a str),
}

async fn form_page(
    st: &AppState,
    user: &User,
    mode: Mode<'_>,
    f: ProgramInput,
    galat: ValidationErrors,
    k: Option<(KoreksiJpInput, ValidationErrors)>,
) -> Result<Response> {
    let (edit, beku) = match mode {
        Mode::Baru => (false, false),
        Mode::Ubah(kode) => {
            let g = crate::peserta::program_for(st, user, kode).await?;
            (true, st.db.program_ada_kelulusan(g.program_id).await?)
        }
    };
    let status = if galat.is_empty() && k.as_ref().is_none_or(|(_, e)| e.is_empty()) {
        StatusCode::OK
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    };
    let semua = st.db.lembaga_list().await?;
    let (lembaga, lembaga_sendiri) = if user.role == Role::Lembaga {
        let own = semua
            .iter()
            .find(|l| Some(l.lembaga_id) == user.lembaga_id)
            .map(|l| format!("{} ({})", l.nama, l.kode))
            .unwrap_or_default();
        (Vec::new(), own)
    } else {
        (
            semua
                .into_iter()
                .map(|l| (l.kode.clone(), format!("{} ({})", l.nama, l.kode)))
                .collect(),
            String::new(),
        )
    };
    let (k, galat_k) = k.unwrap_or_default();
    let page = FormPage {
        nav: Nav::of(user, "program"),
        csrf: user.csrf().to_string(),
        edit,
        umum: if galat.is_empty() {
            String::new()
        } else {
            "Periksa isian yang ditandai.".into()
        },
        f,
        galat: Galat(galat),
        jalur: Jalur::all()
            .map(|j| {
                (
                    j.id().to_string(),
                    format!(
                        "{} — {} ({})",
                        j.code(),
                        j.nama(),
                        if j.klasikal() {
                            "klasikal"
                        } else {
                            "nonklasikal"
                        }
                    ),
                )
            })
            .collect(),
        jabatan: JenisJabatan::ALL
            .iter()
            .map(|j| j.code())
            .collect::<Vec<_>>()
            .join(", "),
        lembaga,
        lembaga_sendiri,
        beku,
        koreksi: beku && user.role == Role::Admin,
        k,
        galat_k: Galat(galat_k),
    };
    Ok((status, render(&page)?).into_response())
}

/// The validation messages of a refused action, or the error itself.
fn galat(e: AppError) -> Result<ValidationErrors> {
    match e {
        AppError::Invalid(v) => Ok(v),
        e => Err(e),
    }
}

/// `GET /program/baru` (admin, institution staff)
pub async fn new_form(State(st): State<AppState>, user: User) -> Result<Response> {
    if !katalog::boleh_buat(&user) {
        return Err(AppError::Forbidden);
    }
    let f = ProgramInput {
        min_hadir_persen: "80".into(),
        min_nilai_post: "60".into(),
        ..ProgramInput::default()
    };
    form_page(&st, &user, Mode::Baru, f, ValidationErrors::new(), None).await
}

/// `POST /program/baru`
pub async fn create(
    State(st): State<AppState>,
    user: User,
    Form(f): Form<ProgramForm>,
) -> Result<Response> {
    user.check_csrf(&f.csrf)?;
    match katalog::buat(&st, &user, f.f.clone()).await {
        Ok(g) => Ok(
            Redirect::to(&format!("/program/{}?pesan=dibuat", url_path(&g.kode))).into_response(),
        ),
        Err(e) => form_page(&st, &user, Mode::Baru, f.f, galat(e)?, None).await,
    }
}

/// `GET /program/{kode}/ubah` (admin; the organising institution's staff)
pub async fn edit_form(
    State(st): State<AppState>,
    user: User,
    Path(kode): Path<String>,
) -> Result<Response> {
    let g = crate::peserta::program_for(&st, &user, &kode).await?;
    if !katalog::boleh_ubah(&user, &g) {
        return Err(AppError::Forbidden);
    }
    let f = katalog::input_of(&st, &g).await?;
    let k = KoreksiJpInput {
        jp: g.jp.to_string(),
        alasan: String::new(),
    };
    let mode = Mode::Ubah(&g.kode);
    form_page(
        &st,
        &user,
        mode,
        f,
        ValidationErrors::new(),
        Some((k, ValidationErrors::new())),
    )
    .await
}

/// `POST /program/{kode}/ubah`
pub async fn update(
    State(st): State<AppState>,
    user: User,
    Path(kode): Path<String>,
    Form(mut f): Form<ProgramForm>,
) -> Result<Response> {
    user.check_csrf(&f.csrf)?;
    match katalog::ubah(&st, &user, &kode, f.f.clone()).await {
        Ok(g) => Ok(
            Redirect::to(&format!("/program/{}?pesan=diubah", url_path(&g.kode))).into_response(),
        ),
        Err(e) => {
            let v = galat(e)?;
            f.f.kode.clone_from(&kode);
            form_page(&st, &user, Mode::Ubah(&kode), f.f, v, None).await
        }
    }
}

/// `POST /program/{kode}/koreksi-jp` (admin): a JP correction with its reason.
pub async fn koreksi(
    State(st): State<AppState>,
    user: User,
    Path(kode): Path<String>,
    Form(f): Form<KoreksiForm>,
) -> Result<Response> {
    user.check_csrf(&f.csrf)?;
    match katalog::koreksi_jp(&st, &user, &kode, &f.k).await {
        Ok(_) => Ok(
            Redirect::to(&format!("/program/{}?pesan=koreksi", url_path(&kode))).into_response(),
        ),
        Err(e) => {
            let v = galat(e)?;
            let g = crate::peserta::program_for(&st, &user, &kode).await?;
            let isi = katalog::input_of(&st, &g).await?;
            form_page(
                &st,
                &user,
                Mode::Ubah(&kode),
                isi,
                ValidationErrors::new(),
                Some((f.k, v)),
            )
            .await
        }
    }
}
