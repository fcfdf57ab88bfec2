//! One cooperation agreement of an institution (`/lembaga/{kode}/pks/{id}`, administrator, like
//! recording one): the edit form (number, validity dates, scope) with a message next to each
//! refused field (422), and the delete button, refused with the programs that rest on the
//! agreement (409). Both writes are audited (db).

use askama::Template;
use axum::Form;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use bangkom_core::error::ValidationErrors;
use bangkom_core::lembaga::PksInput;
use bangkom_db::DbError;
use bangkom_db::lembaga::{LembagaRow, PksRow};
use serde::Deserialize;

use super::program::url_path;
use super::{Nav, render};
use crate::auth::User;
use crate::error::Result;
use crate::state::AppState;

/// The agreement form.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct PksForm {
    #[serde(default)]
    csrf: String,
    #[serde(flatten)]
    f: PksInput,
}

/// The delete form.
#[derive(Debug, Default, Deserialize)]
pub struct HapusForm {
    #[serde(default)]
    csrf: String,
}

#[derive(Template)]
#[template(path = "lembaga/pks.html")]
struct PksPage {
    nav: Nav,
    csrf: String,
    l: LembagaRow,
    pks: PksRow,
    k: PksInput,
    galat: ValidationErrors,
    /// Why a delete was refused.
    tolak: String,
    /// Programs resting on the agreement.
    program: Vec<String>,
}

impl PksPage {
    fn of(&self, field: &str) -> String {
        self.galat
            .messages_for(field)
            .collect::<Vec<_>>()
            .join("; ")
    }
}

fn input_of(k: &PksRow) -> PksInput {
    PksInput {
        nomor: k.nomor.clone(),
        mulai: k.mulai.to_string(),
        selesai: k.selesai.to_string(),
        ruang_lingkup: k.ruang_lingkup.clone(),
    }
}

/// The institution and its agreement `id` (admin; another institution's agreement is 404).
async fn load(st: &AppState, user: &User, kode: &str, id: i64) -> Result<(LembagaRow, PksRow)> {
    user.require_admin()?;
    let l = st.db.lembaga_by_kode(kode).await?;
    let k = st.db.pks_by_id(l.lembaga_id, id).await?;
    Ok((l, k))
}

async fn page(
    st: &AppState,
    user: &User,
    (l, pks): (LembagaRow, PksRow),
    isi: (Option<PksInput>, ValidationErrors, String),
    status: StatusCode,
) -> Result<Response> {
    let (k, galat, tolak) = isi;
    let page = PksPage {
        nav: Nav::of(user, "lembaga"),
        csrf: user.csrf().to_string(),
        program: st.db.pks_program(&pks).await?,
        k: k.unwrap_or_else(|| input_of(&pks)),
        galat,
        tolak,
        l,
        pks,
    };
    Ok((status, render(&page)?).into_response())
}

/// `GET /lembaga/{kode}/pks/{id}` (admin)
pub async fn form(
    State(st): State<AppState>,
    user: User,
    Path((kode, id)): Path<(String, i64)>,
) -> Result<Response> {
    let lk = load(&st, &user, &kode, id).await?;
    let isi = (None, ValidationErrors::new(), String::new());
    page(&st, &user, lk, isi, StatusCode::OK).await
}

/// `POST /lembaga/{kode}/pks/{id}` (admin): saves the agreement.
pub async fn update(
    State(st): State<AppState>,
    user: User,
    Path((kode, id)): Path<(String, i64)>,
    Form(form): Form<PksForm>,
) -> Result<Response> {
    user.check_csrf(&form.csrf)?;
    let (l, k) = load(&st, &user, &kode, id).await?;
    let outcome = match form.f.parse() {
        Ok(v) => st.db.pks_update(&user.actor(), &l, id, &v).await,
        Err(v) => Err(DbError::Invalid(v)),
    };
    let galat = match outcome {
        Ok(()) => {
            let to = format!("/lembaga/{}?pesan=pks_diubah", url_path(&l.kode));
            return Ok(Redirect::to(&to).into_response());
        }
        Err(DbError::Invalid(v)) => v,
        Err(DbError::Conflict(m)) => ValidationErrors::single("nomor", m),
        Err(e) => return Err(e.into()),
    };
    let isi = (Some(form.f), galat, String::new());
    page(&st, &user, (l, k), isi, StatusCode::UNPROCESSABLE_ENTITY).await
}

/// `POST /lembaga/{kode}/pks/{id}/hapus` (admin): deletes the agreement, or shows why not (409).
pub async fn hapus(
    State(st): State<AppState>,
    user: User,
    Path((kode, id)): Path<(String, i64)>,
    Form(form): Form<HapusForm>,
) -> Result<Response> {
    user.check_csrf(&form.csrf)?;
    let (l, k) = load(&st, &user, &kode, id).await?;
    match st.db.pks_delete(&user.actor(), &l, id).await {
        Ok(()) => {
            let to = format!("/lembaga/{}?pesan=pks_dihapus", url_path(&l.kode));
            Ok(Redirect::to(&to).into_response())
        }
        Err(DbError::Conflict(m)) => {
            let isi = (None, ValidationErrors::new(), m);
            page(&st, &user, (l, k), isi, StatusCode::CONFLICT).await
        }
        Err(e) => Err(e.into()),
    }
}
