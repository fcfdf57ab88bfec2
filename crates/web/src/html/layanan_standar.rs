//! Service standards per unit, OPD or pemda (*standar pelayanan*, REFERENCE §6), for
//! administrators: the list of standards set, and a form to set or remove one (audited). A
//! transaction counts against the nearest standard above its unit, else its type's own.

use askama::Template;
use axum::Form;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use bangkom_core::error::{FieldError, ValidationErrors};
use bangkom_db::DbError;
use serde::Deserialize;

use super::{Nav, render};
use crate::auth::User;
use crate::error::Result;
use crate::state::AppState;

/// One standard set on an org.
struct Baris {
    kode: String,
    unit: String,
    layanan: String,
    menit: i64,
}

#[derive(Template)]
#[template(path = "layanan/standar.html")]
struct StandarPage {
    nav: Nav,
    csrf: String,
    rows: Vec<Baris>,
    jenis: Vec<(String, String, i64)>,
    f: StandarForm,
    pesan: String,
    galat: String,
}

/// The form (`menit` empty = remove the org's own standard).
#[derive(Debug, Clone, Default, Deserialize)]
#[allow(missing_docs)]
pub struct StandarForm {
    #[serde(default)]
    pub csrf: String,
    #[serde(default)]
    pub unit: String,
    #[serde(default)]
    pub layanan: String,
    #[serde(default)]
    pub menit: String,
}

async fn page(
    st: &AppState,
    user: &User,
    f: StandarForm,
    pesan: String,
    galat: String,
    status: StatusCode,
) -> Result<Response> {
    let org = st.db.org_index().await?;
    let rows = st
        .db
        .layanan_standar_rows()
        .await?
        .into_iter()
        .map(|r| Baris {
            kode: org
                .get(r.org_id)
                .map(|o| o.kode.clone())
                .unwrap_or_default(),
            unit: org.label(r.org_id),
            layanan: r.layanan,
            menit: r.standar_menit,
        })
        .collect();
    let jenis = st
        .db
        .jenis_layanan()
        .await?
        .into_iter()
        .map(|j| (j.kode, j.nama, j.standar_menit))
        .collect();
    let p = StandarPage {
        nav: Nav::of(user, "layanan"),
        csrf: user.csrf().to_string(),
        rows,
        jenis,
        f,
        pesan,
        galat,
    };
    Ok((status, render(&p)?).into_response())
}

/// `GET /layanan/standar` (admin)
pub async fn form(State(st): State<AppState>, user: User) -> Result<Response> {
    user.require_admin()?;
    page(
        &st,
        &user,
        StandarForm::default(),
        String::new(),
        String::new(),
        StatusCode::OK,
    )
    .await
}

/// `POST /layanan/standar` (admin): sets, or with an empty `menit` removes, a standard.
pub async fn submit(
    State(st): State<AppState>,
    user: User,
    Form(f): Form<StandarForm>,
) -> Result<Response> {
    user.require_admin()?;
    user.check_csrf(&f.csrf)?;
    let org = st.db.org_index().await?;
    let mut errs = ValidationErrors::default();
    let unit = org.by_kode(f.unit.trim());
    if unit.is_none() {
        errs.push(FieldError::new(
            "unit",
            format!("kode organisasi '{}' tidak terdaftar", f.unit.trim()),
        ));
    }
    let raw = f.menit.trim().replace('.', "");
    let menit = if raw.is_empty() {
        Some(None)
    } else {
        raw.parse::<i64>().ok().map(Some)
    };
    if menit.is_none() {
        errs.push(FieldError::new(
            "menit",
            "standar waktu harus bilangan bulat menit",
        ));
    }
    let outcome = match (unit, menit) {
        (Some(u), Some(m)) if errs.is_empty() => st
            .db
            .layanan_standar_set(&user.actor(), u.org_id, &f.layanan, m)
            .await
            .map(|()| (u, m)),
        _ => Err(DbError::Invalid(errs)),
    };
    match outcome {
        Ok((u, m)) => {
            let what = m.map_or("dihapus (standar di atasnya berlaku lagi)".into(), |m| {
                format!("{m} menit")
            });
            let msg = format!(
                "Standar {} di {} ({}): {what}.",
                f.layanan.trim().to_lowercase(),
                u.kode,
                u.nama
            );
            page(
                &st,
                &user,
                StandarForm::default(),
                msg,
                String::new(),
                StatusCode::OK,
            )
            .await
        }
        Err(DbError::Invalid(v)) => {
            let msg = v.to_string();
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
        Err(e) => Err(e.into()),
    }
}
