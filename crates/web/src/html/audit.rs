//! The audit log, for administrators.

use askama::Template;
use axum::extract::{Query, State};
use axum::response::Html;
use bangkom_db::audit::{AuditFilter, AuditRow};
use serde::Deserialize;

use super::{Nav, render};
use crate::auth::User;
use crate::error::Result;
use crate::state::AppState;

#[derive(Template)]
#[template(path = "audit/daftar.html")]
struct AuditPage {
    nav: Nav,
    rows: Vec<AuditRow>,
    entitas: String,
    kunci: String,
    page: u32,
}

/// Filters.
#[derive(Deserialize, Default)]
pub struct AuditQuery {
    #[serde(default)]
    entitas: String,
    #[serde(default)]
    kunci: String,
    #[serde(default)]
    page: Option<u32>,
}

/// Turns query text into a filter.
pub fn filter(entitas: &str, kunci: &str, page: Option<u32>) -> AuditFilter {
    AuditFilter {
        entitas: Some(entitas.trim().to_string()).filter(|s| !s.is_empty()),
        kunci: Some(kunci.trim().to_string()).filter(|s| !s.is_empty()),
        page: page.unwrap_or(1),
        per_page: 100,
    }
}

/// `GET /audit`
pub async fn list(
    State(st): State<AppState>,
    user: User,
    Query(q): Query<AuditQuery>,
) -> Result<Html<String>> {
    user.require_admin()?;
    let rows = st
        .db
        .audit_list(&filter(&q.entitas, &q.kunci, q.page))
        .await?;
    render(&AuditPage {
        nav: Nav::of(&user, "audit"),
        rows,
        entitas: q.entitas,
        kunci: q.kunci,
        page: q.page.unwrap_or(1),
    })
}
