//! The administrator's approval queue (`/persetujuan`): every nomination awaiting a decision,
//! over all programs, with approve and reject (with a reason) on each row.

use askama::Template;
use axum::extract::{Query, State};
use axum::response::{IntoResponse, Response};

use super::program::PesanQuery;
use super::{Nav, render};
use crate::auth::User;
use crate::error::Result;
use crate::state::AppState;

struct Usulan {
    kode: String,
    program: String,
    nip: String,
    nama: String,
    cara: String,
}

#[derive(Template)]
#[template(path = "program/persetujuan.html")]
struct AntreanPage {
    nav: Nav,
    csrf: String,
    usulan: Vec<Usulan>,
    pesan: String,
}

/// `GET /persetujuan` (admin)
pub async fn list(
    State(st): State<AppState>,
    user: User,
    Query(q): Query<PesanQuery>,
) -> Result<Response> {
    user.require_admin()?;
    let usulan = st
        .db
        .antrian_persetujuan()
        .await?
        .into_iter()
        .map(|(kode, program, p)| Usulan {
            kode,
            program,
            nip: p.nip,
            nama: p.nama,
            cara: if p.cara == "mandiri" {
                "pengajuan mandiri".into()
            } else {
                "usulan OPD".into()
            },
        })
        .collect();
    Ok(render(&AntreanPage {
        nav: Nav::of(&user, "program"),
        csrf: user.csrf().to_string(),
        usulan,
        pesan: super::program::pesan_teks(q.pesan()).to_string(),
    })?
    .into_response())
}
