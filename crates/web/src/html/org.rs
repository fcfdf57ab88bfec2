//! The organisation tree page: pemda → OPD → units, with employee counts.

use askama::Template;
use axum::extract::{Query, State};
use axum::response::Html;
use bangkom_core::org::JenisOrg;
use serde::Deserialize;

use super::{Nav, render};
use crate::auth::User;
use crate::error::Result;
use crate::state::AppState;

struct Node {
    id: i64,
    kode: String,
    nama: String,
    jenis: String,
    layanan: bool,
    depth: usize,
}

#[derive(Template)]
#[template(path = "org/daftar.html")]
struct OrgPage {
    nav: Nav,
    pemda: Vec<(i64, String, String, bool)>,
    nodes: Vec<Node>,
    q: String,
}

/// Query: a pemda to expand, or text to find.
#[derive(Deserialize, Default)]
pub struct OrgQuery {
    #[serde(default)]
    pemda: Option<i64>,
    #[serde(default)]
    q: String,
}

/// `GET /org`
pub async fn list(
    State(st): State<AppState>,
    user: User,
    Query(oq): Query<OrgQuery>,
) -> Result<Html<String>> {
    let org = st.db.org_index().await?;
    let pemda: Vec<_> = org
        .of_jenis(JenisOrg::Pemda)
        .map(|o| {
            (
                o.org_id,
                o.kode.clone(),
                o.nama.clone(),
                Some(o.org_id) == oq.pemda,
            )
        })
        .collect();
    let needle = oq.q.trim().to_lowercase();
    let nodes = org
        .all()
        .iter()
        .filter(|o| o.jenis != "pemda")
        .filter(|o| {
            if needle.is_empty() {
                oq.pemda.is_some() && o.pemda_id == oq.pemda
            } else {
                o.nama.to_lowercase().contains(&needle) || o.kode.starts_with(&needle)
            }
        })
        .filter(|o| user.opd_ids.is_empty() || o.opd_id.is_some_and(|i| user.opd_ids.contains(&i)))
        .take(2000)
        .map(|o| Node {
            id: o.org_id,
            kode: o.kode.clone(),
            nama: o.nama.clone(),
            jenis: JenisOrg::parse(&o.jenis)
                .map(|j| j.label().to_string())
                .unwrap_or_default(),
            layanan: o.layanan,
            depth: o.kode.matches('.').count().saturating_sub(1),
        })
        .collect();
    render(&OrgPage {
        nav: Nav::of(&user, "org"),
        pemda,
        nodes,
        q: oq.q,
    })
}
