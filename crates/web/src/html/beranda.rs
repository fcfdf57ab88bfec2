//! The home page: counts in the caller's scope and employees per pemda.

use askama::Template;
use axum::extract::State;
use bangkom_core::org::JenisOrg;

use super::{Nav, render, ribuan};
use crate::auth::User;
use crate::error::Result;
use crate::state::AppState;

struct PemdaBar {
    id: i64,
    nama: String,
    jumlah_teks: String,
    persen: i64,
}

#[derive(Template)]
#[template(path = "beranda.html")]
struct Beranda {
    nav: Nav,
    total_pegawai: String,
    n_pemda: usize,
    n_opd: usize,
    n_unit: usize,
    per_pemda: Vec<PemdaBar>,
}

/// `GET /`
pub async fn show(State(st): State<AppState>, user: User) -> Result<axum::response::Response> {
    use axum::response::IntoResponse;
    // An employee's home is their own page.
    if user.role == bangkom_core::role::Role::Pegawai {
        return Ok(axum::response::Redirect::to("/saya").into_response());
    }
    let org = st.db.org_index().await?;
    let counts = st.db.pegawai_count_by_pemda(&user.scope).await?;
    let total: i64 = counts.iter().map(|c| c.1).sum();
    let max = counts.iter().map(|c| c.1).max().unwrap_or(1).max(1);
    let mut per_pemda: Vec<PemdaBar> = counts
        .iter()
        .filter_map(|(id, n)| {
            org.get(*id).map(|o| PemdaBar {
                id: *id,
                nama: o.nama.clone(),
                jumlah_teks: ribuan(*n),
                persen: n * 100 / max,
            })
        })
        .collect();
    per_pemda.sort_by(|a, b| a.nama.cmp(&b.nama));
    Ok(render(&Beranda {
        nav: Nav::of(&user, "beranda"),
        total_pegawai: ribuan(total),
        n_pemda: org.of_jenis(JenisOrg::Pemda).count(),
        n_opd: org.of_jenis(JenisOrg::Opd).count(),
        n_unit: org.of_jenis(JenisOrg::Unit).count(),
        per_pemda,
    })?
    .into_response())
}
