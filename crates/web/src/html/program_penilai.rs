//! Naming the level-3 assessors of a program (`/program/{kode}/penilai`, administrator and OPD
//! operators): the completed participants the caller sees with their assessor, a form per row
//! and one for every participant still without one. A refused form shows the page again with the
//! message (422). The rules are [`crate::penilai`]'s.

use askama::Template;
use axum::Form;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use bangkom_core::error::ValidationErrors;
use bangkom_db::evaluasi::PenilaiRow;
use serde::Deserialize;

use super::program::url_path;
use super::{Nav, render};
use crate::auth::User;
use crate::error::{AppError, Result};
use crate::peserta::{peserta_scope, program_for};
use crate::state::AppState;

/// The form of one row (`nip` set) or of the whole program (`nip` empty).
#[derive(Debug, Clone, Default, Deserialize)]
pub struct PenilaiForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    nip: String,
    #[serde(default)]
    akun: String,
}

/// `?pesan=` / `?n=` after a redirect.
#[derive(Debug, Default, Deserialize)]
pub struct PesanQuery {
    #[serde(default)]
    pesan: String,
    #[serde(default)]
    n: u64,
}

#[derive(Template)]
#[template(path = "program/penilai.html")]
struct Page {
    nav: Nav,
    csrf: String,
    kode: String,
    url: String,
    nama: String,
    rows: Vec<PenilaiRow>,
    pesan: String,
    /// The refused form: (nip, akun, message).
    galat: Option<(String, String, String)>,
}

async fn page(
    st: &AppState,
    user: &User,
    kode: &str,
    pesan: String,
    galat: Option<(String, String, String)>,
    status: StatusCode,
) -> Result<Response> {
    if !crate::penilai::boleh_atur(user) {
        return Err(AppError::Forbidden);
    }
    let g = program_for(st, user, kode).await?;
    let rows = st
        .db
        .penilai_list(g.program_id, &peserta_scope(user, &g))
        .await?;
    let p = Page {
        nav: Nav::of(user, "program"),
        csrf: user.csrf().to_string(),
        url: format!("/program/{}", url_path(&g.kode)),
        kode: g.kode,
        nama: g.nama,
        rows,
        pesan,
        galat,
    };
    Ok((status, render(&p)?).into_response())
}

/// `GET /program/{kode}/penilai`
pub async fn list(
    State(st): State<AppState>,
    user: User,
    Path(kode): Path<String>,
    Query(q): Query<PesanQuery>,
) -> Result<Response> {
    let pesan = match q.pesan.as_str() {
        "ok" => "Penilai tindak lanjut tersimpan.".to_string(),
        "semua" => format!(
            "Penilai ditetapkan untuk {} peserta yang belum memiliki penilai.",
            q.n
        ),
        _ => String::new(),
    };
    page(&st, &user, &kode, pesan, None, StatusCode::OK).await
}

/// `POST /program/{kode}/penilai`: one participant (`nip`) or, without `nip`, every completed
/// participant still without an assessor.
pub async fn submit(
    State(st): State<AppState>,
    user: User,
    Path(kode): Path<String>,
    Form(f): Form<PenilaiForm>,
) -> Result<Response> {
    user.check_csrf(&f.csrf)?;
    let base = format!("/program/{}/penilai", url_path(kode.trim()));
    let outcome = if f.nip.trim().is_empty() {
        crate::penilai::atur_program(&st, &user, &kode, &f.akun)
            .await
            .map(|n| format!("{base}?pesan=semua&n={n}"))
    } else {
        crate::penilai::atur(&st, &user, &kode, &f.nip, &f.akun)
            .await
            .map(|()| format!("{base}?pesan=ok"))
    };
    match outcome {
        Ok(to) => Ok(Redirect::to(&to).into_response()),
        Err(AppError::Invalid(v)) => {
            let galat = Some((f.nip.trim().to_string(), f.akun, pesan_galat(&v)));
            page(
                &st,
                &user,
                &kode,
                String::new(),
                galat,
                StatusCode::UNPROCESSABLE_ENTITY,
            )
            .await
        }
        Err(e) => Err(e),
    }
}

fn pesan_galat(v: &ValidationErrors) -> String {
    v.messages_for("akun").collect::<Vec<_>>().join("; ")
}
