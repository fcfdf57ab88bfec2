//! Entering the population of a service unit for a period (service users; REFERENCE §0.8), used by
//! the IKM report's minimum-sample check when no population is given with the request.

use askama::Template;
use axum::Form;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use bangkom_core::error::{FieldError, ValidationErrors};
use serde::Deserialize;

use super::{Nav, render};
use crate::auth::User;
use crate::error::{AppError, Result};
use crate::state::AppState;

#[derive(Template)]
#[template(path = "skm/populasi.html")]
struct PopulasiPage {
    nav: Nav,
    csrf: String,
    units: Vec<(String, String)>,
    f: PopulasiForm,
    pesan: String,
    galat: String,
}

/// The form.
#[derive(Debug, Clone, Default, Deserialize)]
#[allow(missing_docs)]
pub struct PopulasiForm {
    #[serde(default)]
    pub csrf: String,
    #[serde(default)]
    pub unit: String,
    #[serde(default)]
    pub from: String,
    #[serde(default)]
    pub to: String,
    #[serde(default)]
    pub populasi: String,
}

async fn page(
    st: &AppState,
    user: &User,
    f: PopulasiForm,
    pesan: String,
    galat: String,
    status: StatusCode,
) -> Result<Response> {
    let org = st.db.org_index().await?;
    let units = super::pilihan_unit_layanan(&org, user);
    let p = PopulasiPage {
        nav: Nav::of(user, "skm"),
        csrf: user.csrf().to_string(),
        units,
        f,
        pesan,
        galat,
    };
    Ok((status, render(&p)?).into_response())
}

/// `GET /skm/populasi`
pub async fn form(State(st): State<AppState>, user: User) -> Result<Response> {
    user.require_write()?;
    page(
        &st,
        &user,
        PopulasiForm::default(),
        String::new(),
        String::new(),
        StatusCode::OK,
    )
    .await
}

/// `POST /skm/populasi`
pub async fn submit(
    State(st): State<AppState>,
    user: User,
    Form(f): Form<PopulasiForm>,
) -> Result<Response> {
    user.require_write()?;
    user.check_csrf(&f.csrf)?;
    let org = st.db.org_index().await?;
    let fmt = time::macros::format_description!("[year]-[month]-[day]");
    let mut errs = ValidationErrors::default();
    let unit = super::unit_layanan(&org, &user)
        .into_iter()
        .find(|o| o.kode == f.unit.trim());
    if unit.is_none() {
        errs.push(FieldError::new("unit", "pilih unit layanan OPD Anda"));
    }
    let from = time::Date::parse(f.from.trim(), &fmt)
        .map_err(|_| errs.push(FieldError::new("from", "tanggal awal tidak sah")))
        .ok();
    let to = time::Date::parse(f.to.trim(), &fmt)
        .map_err(|_| errs.push(FieldError::new("to", "tanggal akhir tidak sah")))
        .ok();
    if let (Some(a), Some(b)) = (from, to)
        && a > b
    {
        errs.push(FieldError::new("to", "tanggal akhir sebelum tanggal awal"));
    }
    let n = f
        .populasi
        .trim()
        .replace('.', "")
        .parse::<i64>()
        .ok()
        .filter(|n| (0..=100_000_000).contains(n));
    if n.is_none() {
        errs.push(FieldError::new(
            "populasi",
            "populasi harus bilangan bulat 0–100.000.000",
        ));
    }
    match (unit, from, to, n) {
        (Some(u), Some(a), Some(b), Some(n)) if errs.is_empty() => {
            st.db
                .skm_populasi_set(&user.actor(), u.org_id, a, b, n)
                .await?;
            let msg = format!("Populasi {} untuk {a} s.d. {b}: {n} tersimpan.", u.nama);
            page(
                &st,
                &user,
                PopulasiForm::default(),
                msg,
                String::new(),
                StatusCode::OK,
            )
            .await
        }
        _ => {
            let e = AppError::Invalid(errs);
            let msg = match &e {
                AppError::Invalid(v) => v.to_string(),
                other => other.to_string(),
            };
            page(
                &st,
                &user,
                f,
                String::new(),
                msg,
                StatusCode::UNPROCESSABLE_ENTITY,
            )
            .await
        }
    }
}
