//! Issuing a single-use survey token at the counter (issue 3 §2): the operator enters the
//! service transaction's ticket (optional) and prints the short code with its QR link
//! `/survei/{kode}?t=TOKEN`. The code is shown once; only its hash is stored.

use askama::Template;
use axum::Form;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use serde::Deserialize;

use super::{Nav, render};
use crate::api::skm_kirim::{TokenDto, TokenReq, terbit};
use crate::auth::User;
use crate::error::{AppError, Result};
use crate::state::AppState;

#[derive(Template)]
#[template(path = "skm/token.html")]
struct TokenPage {
    nav: Nav,
    csrf: String,
    units: Vec<(String, String)>,
    layanan_pilihan: Vec<(&'static str, &'static str)>,
    unit: String,
    layanan: String,
    tiket: String,
    hasil: Option<TokenDto>,
    qr: String,
    galat: String,
}

/// The form.
#[derive(Debug, Default, Deserialize)]
pub struct TokenForm {
    #[serde(default)]
    csrf: String,
    #[serde(flatten)]
    req: TokenReq,
}

async fn page(
    st: &AppState,
    user: &User,
    req: TokenReq,
    hasil: Option<TokenDto>,
    qr: String,
    galat: String,
    status: StatusCode,
) -> Result<Response> {
    let org = st.db.org_index().await?;
    let units = super::pilihan_unit_layanan(&org, user);
    let p = TokenPage {
        nav: Nav::of(user, "skm"),
        csrf: user.csrf().to_string(),
        units,
        layanan_pilihan: super::survei::LAYANAN.to_vec(),
        unit: req.unit,
        layanan: req.layanan,
        tiket: String::new(),
        hasil,
        qr,
        galat,
    };
    Ok((status, render(&p)?).into_response())
}

/// `GET /skm/token`
pub async fn form(State(st): State<AppState>, user: User) -> Result<Response> {
    user.require_write()?;
    page(
        &st,
        &user,
        TokenReq::default(),
        None,
        String::new(),
        String::new(),
        StatusCode::OK,
    )
    .await
}

/// `POST /skm/token`
pub async fn submit(
    State(st): State<AppState>,
    user: User,
    headers: HeaderMap,
    Form(f): Form<TokenForm>,
) -> Result<Response> {
    user.check_csrf(&f.csrf)?;
    match terbit(&st, &user, &f.req).await {
        Ok(t) => {
            let url = format!("{}{}", super::qr::base_url(&st, &headers), t.url);
            let qr = super::qr::svg(&url, 200)?;
            let req = TokenReq {
                unit: f.req.unit.clone(),
                layanan: f.req.layanan.clone(),
                tiket: String::new(),
            };
            page(
                &st,
                &user,
                req,
                Some(t),
                qr,
                String::new(),
                StatusCode::CREATED,
            )
            .await
        }
        Err(AppError::Invalid(e)) => {
            let msg = e.to_string();
            page(
                &st,
                &user,
                f.req,
                None,
                String::new(),
                msg,
                StatusCode::UNPROCESSABLE_ENTITY,
            )
            .await
        }
        Err(e) => Err(e),
    }
}
