//! `POST /api/v1/skm/responses` (public: a citizen's questionnaire as JSON, e.g. from a kiosk or
//! a queue machine's app) and `POST /api/v1/skm/token` (an operator or the queue machine issues
//! a single-use token for one service transaction; issue 3 §2).

use std::collections::BTreeMap;
use std::net::SocketAddr;

use axum::Json;
use axum::extract::{ConnectInfo, State};
use axum::http::StatusCode;
use bangkom_core::error::{FieldError, ValidationErrors, clean_text};
use bangkom_core::skm::{KuesionerInput, Unsur, kode_token};
use bangkom_db::org::OrgRow;
use rand::Rng;
use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::auth::{self, ApiUser, User};
use crate::error::{ApiError, AppError};
use crate::html::survei::today_wib;
use crate::state::AppState;

/// A submitted questionnaire (contract of issue 3: fields may be added, never renamed).
#[derive(Debug, Deserialize)]
pub struct ResponsReq {
    unit: String,
    #[serde(default)]
    layanan: Option<String>,
    #[serde(default)]
    token: Option<String>,
    #[serde(default)]
    jenis_kelamin: Option<String>,
    #[serde(default)]
    umur: Option<Value>,
    #[serde(default)]
    pendidikan: Option<String>,
    #[serde(default)]
    pekerjaan: Option<String>,
    #[serde(default)]
    saran: Option<String>,
    /// Keyed by unsur name, 1..4; missing = unanswered.
    #[serde(default)]
    jawaban: BTreeMap<String, Value>,
    /// Answers to the unit's local questions, keyed by their codes (`l1`…); never in the index.
    #[serde(default)]
    lokal: BTreeMap<String, Value>,
}

/// The stored response.
#[derive(Debug, Serialize)]
pub struct ResponsDto {
    /// Its id.
    pub id: i64,
}

fn text(v: &Value) -> String {
    match v {
        Value::String(s) => s.clone(),
        Value::Null => String::new(),
        other => other.to_string(),
    }
}

fn invalid(field: &str, m: impl Into<String>) -> ApiError {
    ApiError(AppError::Invalid(ValidationErrors::single(field, m)))
}

/// The service unit of a code (any node but a pemda), or a field error on `unit`.
async fn unit(st: &AppState, kode: &str) -> Result<OrgRow, ApiError> {
    let org = st.db.org_index().await?;
    org.by_kode(kode.trim())
        .filter(|o| o.jenis != "pemda")
        .cloned()
        .ok_or_else(|| invalid("unit", format!("kode unit {} tidak terdaftar", kode.trim())))
}

/// `POST /api/v1/skm/responses`: 201 with the id once committed; 422 with field messages.
pub async fn post(
    State(st): State<AppState>,
    ConnectInfo(addr): ConnectInfo<SocketAddr>,
    Json(req): Json<ResponsReq>,
) -> Result<(StatusCode, Json<ResponsDto>), ApiError> {
    if !st
        .survey_limiter
        .allow(addr.ip(), st.config.survey_per_minute)
    {
        return Err(ApiError(AppError::TooMany));
    }
    let u = unit(&st, &req.unit).await?;
    let mut jawaban: [String; 9] = Default::default();
    let mut errs = ValidationErrors::default();
    for (k, v) in &req.jawaban {
        match Unsur::parse(k) {
            Ok(un) => jawaban[un.index()] = text(v),
            Err(m) => errs.push(FieldError::new(format!("jawaban.{k}"), m)),
        }
    }
    if !errs.is_empty() {
        return Err(ApiError(AppError::Invalid(errs)));
    }
    let layanan = req.layanan.clone().unwrap_or_default();
    let input = KuesionerInput {
        tanggal: today_wib().to_string(),
        unit: u.kode.clone(),
        layanan: layanan.clone(),
        jenis_kelamin: req.jenis_kelamin.clone().unwrap_or_default(),
        umur: req.umur.as_ref().map(text).unwrap_or_default(),
        pendidikan: req.pendidikan.clone().unwrap_or_default(),
        pekerjaan: req.pekerjaan.clone().unwrap_or_default(),
        jawaban,
        saran: req.saran.clone().unwrap_or_default(),
    };
    let l = layanan.trim();
    let (def, _) = st
        .db
        .skm_definisi(Some(u.org_id), (!l.is_empty()).then_some(l))
        .await?;
    let lokal: BTreeMap<String, String> = req
        .lokal
        .iter()
        .map(|(k, v)| (k.clone(), text(v)))
        .collect();
    let extra = crate::html::survei_kirim::Tambahan {
        token: req.token.as_deref().unwrap_or(""),
        token_field: "token",
        lokal: |k: &str| lokal.get(k).map(String::as_str),
    };
    match crate::html::survei_kirim::kirim(&st, &u, &def, &input, extra).await? {
        Ok(id) => Ok((StatusCode::CREATED, Json(ResponsDto { id }))),
        Err(e) => Err(ApiError(AppError::Invalid(e))),
    }
}

/// A token request.
#[derive(Debug, Default, Deserialize)]
pub struct TokenReq {
    /// Unit code.
    #[serde(default)]
    pub unit: String,
    /// Service type (optional).
    #[serde(default)]
    pub layanan: String,
    /// The service transaction's ticket (optional).
    #[serde(default)]
    pub tiket: String,
}

/// An issued token: shown once, only its hash is kept.
#[derive(Debug, Serialize)]
pub struct TokenDto {
    /// The printed code.
    pub token: String,
    /// The survey address with the token (relative to the site).
    pub url: String,
    /// Unit code.
    pub unit: String,
    /// Last moment of validity (RFC 3339).
    pub kedaluwarsa: String,
}

/// Issues a token for `req` within the caller's scope.
///
/// # Errors
/// No write role (403), a unit outside the caller's OPDs (404), invalid fields (422).
pub async fn terbit(st: &AppState, user: &User, req: &TokenReq) -> Result<TokenDto, AppError> {
    user.require_write()?;
    let u = unit(st, &req.unit).await.map_err(|e| e.0)?;
    if !u.opd_id.is_some_and(|o| user.scope.allows_opd(o)) {
        return Err(AppError::NotFound);
    }
    let mut errs = ValidationErrors::default();
    let mut field = |f: &str, label: &str, v: &str| match clean_text(f, label, v, false, 50) {
        Ok(v) => v,
        Err(e) => {
            errs.push(e);
            None
        }
    };
    let layanan = field("layanan", "jenis layanan", &req.layanan);
    let tiket = field("tiket", "nomor tiket", &req.tiket);
    if !errs.is_empty() {
        return Err(AppError::Invalid(errs));
    }
    let (def, _) = st
        .db
        .skm_definisi(Some(u.org_id), layanan.as_deref())
        .await?;
    let token = kode_token(rand::rng().random());
    let exp = bangkom_db::now() + time::Duration::hours(i64::from(def.token_jam));
    st.db
        .skm_token_terbit(
            &auth::token_hash(&token),
            u.org_id,
            layanan.as_deref(),
            tiket.as_deref(),
            exp,
        )
        .await?;
    let mut url = format!("/survei/{}?t={token}", u.kode);
    if let Some(l) = &layanan {
        url.push_str(&format!("&layanan={l}"));
    }
    Ok(TokenDto {
        token,
        url,
        unit: u.kode,
        kedaluwarsa: exp
            .format(&time::format_description::well_known::Rfc3339)
            .unwrap_or_default(),
    })
}

/// `POST /api/v1/skm/token` (operator, admin, or an API token of one): 201 with the code.
pub async fn token(
    State(st): State<AppState>,
    ApiUser(user): ApiUser,
    Json(req): Json<TokenReq>,
) -> Result<(StatusCode, Json<TokenDto>), ApiError> {
    Ok((StatusCode::CREATED, Json(terbit(&st, &user, &req).await?)))
}
