//! The register of issued survey tokens (issue 3 §2): filter by unit, state and ticket, page
//! through them, and revoke an unused one (a lost receipt, a code printed for the wrong
//! transaction). Operators see the tokens of their own OPDs' service units only.

use askama::Template;
use axum::Form;
use axum::extract::{Path, Query, State};
use axum::response::{IntoResponse, Redirect, Response};
use bangkom_db::skm_token::{TokenFilter, TokenStatus};
use serde::Deserialize;

use super::{Nav, render};
use crate::auth::User;
use crate::error::{AppError, Result};
use crate::state::AppState;

/// Rows per page.
const PER_PAGE: i64 = 50;

/// Filters.
#[derive(Debug, Default, Deserialize)]
pub struct DaftarQuery {
    #[serde(default)]
    unit: String,
    #[serde(default)]
    status: String,
    #[serde(default)]
    tiket: String,
    #[serde(default)]
    page: Option<u32>,
    #[serde(default)]
    pesan: String,
}

struct Baris {
    hash: String,
    unit: String,
    layanan: String,
    tiket: String,
    dibuat: String,
    kedaluwarsa: String,
    status: &'static str,
    aktif: bool,
}

#[derive(Template)]
#[template(path = "skm/token_daftar.html")]
struct DaftarPage {
    nav: Nav,
    csrf: String,
    units: Vec<(String, String)>,
    unit: String,
    status: String,
    tiket: String,
    page: u32,
    pages: u32,
    total: i64,
    rows: Vec<Baris>,
    pesan: String,
    query: String,
}

/// The service units `user` may issue tokens for, as (id, kode, label).
async fn units_of(st: &AppState, user: &User) -> Result<Vec<(i64, String, String)>> {
    let org = st.db.org_index().await?;
    Ok(super::unit_layanan(&org, user)
        .into_iter()
        .map(|o| {
            (
                o.org_id,
                o.kode.clone(),
                format!("{} — {}", o.kode, org.label(o.org_id)),
            )
        })
        .collect())
}

fn wib(t: time::OffsetDateTime) -> String {
    let wib = time::UtcOffset::from_hms(7, 0, 0).unwrap_or(time::UtcOffset::UTC);
    let t = t.to_offset(wib);
    format!("{} {:02}:{:02} WIB", t.date(), t.hour(), t.minute())
}

/// `GET /skm/token/daftar`
pub async fn list(
    State(st): State<AppState>,
    user: User,
    Query(q): Query<DaftarQuery>,
) -> Result<Response> {
    user.require_write()?;
    let units = units_of(&st, &user).await?;
    let unit_id = match q.unit.trim() {
        "" => None,
        k => Some(units.iter().find(|u| u.1 == k).ok_or(AppError::NotFound)?.0),
    };
    let f = TokenFilter {
        units: (!matches!(user.scope, bangkom_db::pegawai::Scope::Semua))
            .then(|| units.iter().map(|u| u.0).collect()),
        unit_id,
        status: q.status.clone(),
        tiket: q.tiket.clone(),
    };
    let page = q.page.unwrap_or(1).max(1);
    let (rows, total) = st
        .db
        .skm_token_list(&f, PER_PAGE, i64::from(page - 1) * PER_PAGE)
        .await?;
    let now = time::OffsetDateTime::now_utc();
    let kode_of = |id: i64| {
        units
            .iter()
            .find(|u| u.0 == id)
            .map(|u| u.1.clone())
            .unwrap_or_default()
    };
    let rows = rows
        .into_iter()
        .map(|t| {
            let s = t.status(now);
            Baris {
                unit: kode_of(t.unit_id),
                layanan: t.layanan.clone().unwrap_or_default(),
                tiket: t.tiket.clone().unwrap_or_default(),
                dibuat: wib(t.dibuat),
                kedaluwarsa: wib(t.kedaluwarsa),
                status: match s {
                    TokenStatus::Aktif => "aktif",
                    TokenStatus::Dipakai => "sudah dipakai",
                    TokenStatus::Kedaluwarsa => "kedaluwarsa/dicabut",
                },
                aktif: s == TokenStatus::Aktif,
                hash: t.token_hash,
            }
        })
        .collect();
    let query = serde_urlencoded::to_string([
        ("unit", q.unit.trim()),
        ("status", q.status.trim()),
        ("tiket", q.tiket.trim()),
    ])
    .unwrap_or_default();
    let p = DaftarPage {
        nav: Nav::of(&user, "skm"),
        csrf: user.csrf().to_string(),
        units: units.into_iter().map(|u| (u.1, u.2)).collect(),
        unit: q.unit.trim().to_string(),
        status: q.status,
        tiket: q.tiket,
        page,
        pages: u32::try_from((total + PER_PAGE - 1) / PER_PAGE)
            .unwrap_or(u32::MAX)
            .max(1),
        total,
        rows,
        pesan: q.pesan,
        query,
    };
    Ok(render(&p)?.into_response())
}

/// The revoke form.
#[derive(Debug, Default, Deserialize)]
pub struct CabutForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    alasan: String,
}

/// `POST /skm/token/{hash}/cabut`
pub async fn cabut(
    State(st): State<AppState>,
    user: User,
    Path(hash): Path<String>,
    Form(f): Form<CabutForm>,
) -> Result<Response> {
    user.check_csrf(&f.csrf)?;
    user.require_write()?;
    let token = st.db.skm_token_get(&hash).await?;
    let units = units_of(&st, &user).await?;
    let Some(unit) = units.iter().find(|u| u.0 == token.unit_id) else {
        return Err(AppError::NotFound);
    };
    let alasan = f.alasan.trim();
    if alasan.chars().count() < 5 {
        return Err(AppError::Invalid(
            bangkom_core::error::ValidationErrors::single(
                "alasan",
                "tuliskan alasan pencabutan (paling sedikit 5 karakter)",
            ),
        ));
    }
    st.db.skm_token_cabut(&user.actor(), &hash, alasan).await?;
    let back =
        serde_urlencoded::to_string([("unit", unit.1.as_str()), ("pesan", "Token dicabut.")])
            .unwrap_or_default();
    Ok(Redirect::to(&format!("/skm/token/daftar?{back}")).into_response())
}
