//! Review of SKM responses (administrators): the latest questionnaires of a scope and period,
//! bursts of web responses flagged for a look, and exclusion from the index with a reason —
//! never deletion; every exclusion is in the audit log.

use askama::Template;
use axum::Form;
use axum::extract::{Path, Query, State};
use axum::response::{Html, IntoResponse, Redirect, Response};
use bangkom_db::skm::bursts;
use serde::Deserialize;

use super::{Nav, render};
use crate::auth::User;
use crate::error::{AppError, Result};
use crate::state::AppState;

/// Filters.
#[derive(Debug, Deserialize, Default)]
pub struct ResponsQuery {
    #[serde(default)]
    scope: String,
    #[serde(default)]
    from: String,
    #[serde(default)]
    to: String,
    #[serde(default)]
    page: Option<u32>,
}

struct Item {
    id: i64,
    tanggal: String,
    unit: String,
    layanan: String,
    jawaban: String,
    saran: String,
    sumber: String,
    dikecualikan: bool,
    alasan: String,
}

struct Burst {
    unit: String,
    mulai: String,
    jumlah: usize,
}

#[derive(Template)]
#[template(path = "skm/respons.html")]
struct ResponsPage {
    nav: Nav,
    csrf: String,
    scope: String,
    from: String,
    to: String,
    page: u32,
    items: Vec<Item>,
    bursts: Vec<Burst>,
}

/// Web responses for one unit within 10 minutes above which a burst is flagged.
const BURST_LIMIT: usize = 20;

/// `GET /skm/respons`
pub async fn list(
    State(st): State<AppState>,
    user: User,
    Query(q): Query<ResponsQuery>,
) -> Result<Html<String>> {
    user.require_admin()?;
    let today = super::survei::today_wib();
    let fmt = time::macros::format_description!("[year]-[month]-[day]");
    let from = time::Date::parse(q.from.trim(), &fmt).unwrap_or(today - time::Duration::days(30));
    let to = time::Date::parse(q.to.trim(), &fmt).unwrap_or(today);
    let org = st.db.org_index().await?;
    let scope = q.scope.trim().to_string();
    let units = if scope.is_empty() || scope == "all" {
        None
    } else {
        Some(org.subtree(org.by_kode(&scope).ok_or(AppError::NotFound)?.org_id))
    };
    let page = q.page.unwrap_or(1).max(1);
    let rows = st.db.skm_list(units.as_deref(), from, to, page).await?;
    let items = rows
        .iter()
        .map(|r| Item {
            id: r.respons_id,
            tanggal: r.tanggal.to_string(),
            unit: org.label(r.unit_id),
            layanan: r.layanan.clone().unwrap_or_default(),
            jawaban: r
                .jawaban()
                .iter()
                .map(|a| a.map_or("–".to_string(), |v| v.to_string()))
                .collect::<Vec<_>>()
                .join(" "),
            saran: r.saran.clone().unwrap_or_default(),
            sumber: r.sumber.clone(),
            dikecualikan: r.dikecualikan,
            alasan: r.alasan_kecuali.clone().unwrap_or_default(),
        })
        .collect();
    let times = st
        .db
        .skm_web_times(time::OffsetDateTime::now_utc() - time::Duration::days(30))
        .await?;
    let wib = time::UtcOffset::from_hms(7, 0, 0).unwrap_or(time::UtcOffset::UTC);
    let bursts = bursts(&times, time::Duration::minutes(10), BURST_LIMIT)
        .into_iter()
        .map(|(u, t, n)| Burst {
            unit: org.label(u),
            mulai: t.to_offset(wib).to_string(),
            jumlah: n,
        })
        .collect();
    render(&ResponsPage {
        nav: Nav::of(&user, "skm"),
        csrf: user.csrf().to_string(),
        scope,
        from: from.to_string(),
        to: to.to_string(),
        page,
        items,
        bursts,
    })
}

/// The exclusion form.
#[derive(Debug, Deserialize)]
pub struct KecualikanForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    alasan: String,
    #[serde(default)]
    sertakan: String,
}

/// `POST /skm/respons/{id}/kecualikan`: excludes (or, with `sertakan=1`, re-includes) a response.
pub async fn exclude(
    State(st): State<AppState>,
    user: User,
    Path(id): Path<i64>,
    Form(f): Form<KecualikanForm>,
) -> Result<Response> {
    user.require_admin()?;
    user.check_csrf(&f.csrf)?;
    let include = f.sertakan == "1";
    let alasan = f.alasan.trim();
    if !include && (alasan.chars().count() < 5 || alasan.chars().count() > 500) {
        return Err(AppError::Invalid(
            bangkom_core::error::ValidationErrors::single(
                "alasan",
                "alasan pengecualian wajib diisi (5–500 karakter)",
            ),
        ));
    }
    st.db
        .skm_exclude(&user.actor(), id, !include, alasan)
        .await?;
    Ok(Redirect::to("/skm/respons").into_response())
}
