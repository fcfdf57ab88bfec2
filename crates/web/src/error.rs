//! One error type for the web layer, mapped to HTTP once: pages get a small HTML error page, the
//! API gets `{"error": …, "fields": {…}}`. 500-class errors are logged with their chain and shown
//! as an opaque message.

use std::collections::BTreeMap;

use axum::Json;
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Redirect, Response};
use bangkom_core::error::ValidationErrors;
use bangkom_db::DbError;

/// Result with [`AppError`] as the default error.
pub type Result<T, E = AppError> = std::result::Result<T, E>;

/// Errors of the web layer.
#[derive(Debug, thiserror::Error)]
pub enum AppError {
    /// Not logged in (pages redirect to the login form).
    #[error("silakan masuk terlebih dahulu")]
    Unauthorized,
    /// Logged in, but the role may not do this.
    #[error("Anda tidak berhak melakukan ini")]
    Forbidden,
    /// Missing, or outside the caller's scope.
    #[error("data tidak ditemukan")]
    NotFound,
    /// Missing or wrong CSRF token.
    #[error("token formulir tidak sah; muat ulang halaman lalu coba lagi")]
    Csrf,
    /// Too many attempts.
    #[error("terlalu banyak percobaan; coba lagi dalam 15 menit")]
    TooMany,
    /// Field-level validation errors.
    #[error("data tidak valid")]
    Invalid(ValidationErrors),
    /// A conflict (duplicate key, …).
    #[error("{0}")]
    Conflict(String),
    /// Conflicts with stored records, per field (a re-sent ticket with other values, …).
    #[error("data bertentangan dengan yang sudah tersimpan")]
    ConflictFields(ValidationErrors),
    /// A bad request with a message.
    #[error("{0}")]
    BadRequest(String),
    /// Anything else.
    #[error("kesalahan server")]
    Internal(String),
}

impl From<DbError> for AppError {
    fn from(e: DbError) -> Self {
        match e {
            DbError::NotFound => AppError::NotFound,
            DbError::Forbidden => AppError::Forbidden,
            DbError::Invalid(v) => AppError::Invalid(v),
            DbError::Conflict(c) => AppError::Conflict(c),
            e => AppError::Internal(e.to_string()),
        }
    }
}

impl From<askama::Error> for AppError {
    fn from(e: askama::Error) -> Self {
        AppError::Internal(e.to_string())
    }
}

impl AppError {
    /// HTTP status.
    pub fn status(&self) -> StatusCode {
        match self {
            AppError::Unauthorized => StatusCode::UNAUTHORIZED,
            AppError::Forbidden | AppError::Csrf => StatusCode::FORBIDDEN,
            AppError::NotFound => StatusCode::NOT_FOUND,
            AppError::TooMany => StatusCode::TOO_MANY_REQUESTS,
            AppError::Invalid(_) => StatusCode::UNPROCESSABLE_ENTITY,
            AppError::Conflict(_) | AppError::ConflictFields(_) => StatusCode::CONFLICT,
            AppError::BadRequest(_) => StatusCode::BAD_REQUEST,
            AppError::Internal(_) => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    fn log(&self) {
        if let AppError::Internal(m) = self {
            tracing::error!(error = %m, "kesalahan server");
        }
    }

    /// Field messages (for the API body).
    pub fn fields(&self) -> BTreeMap<String, String> {
        let mut m = BTreeMap::new();
        if let AppError::Invalid(v) | AppError::ConflictFields(v) = self {
            for f in &v.0 {
                m.entry(f.field.clone())
                    .and_modify(|s: &mut String| {
                        s.push_str("; ");
                        s.push_str(&f.message);
                    })
                    .or_insert_with(|| f.message.clone());
            }
        }
        m
    }
}

impl IntoResponse for AppError {
    fn into_response(self) -> Response {
        self.log();
        if matches!(self, AppError::Unauthorized) {
            return Redirect::to("/login").into_response();
        }
        let status = self.status();
        let mut msg = self.to_string();
        if let AppError::Invalid(v) | AppError::ConflictFields(v) = &self {
            msg = format!("{msg}: {v}");
        }
        let body = format!(
            "<!doctype html><html lang=\"id\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width,initial-scale=1\"><title>{} — Bangkom</title><link rel=\"stylesheet\" href=\"/static/app.css\"></head><body><main class=\"wrap\"><h1>{}</h1><p>{}</p><p><a href=\"/\">Kembali ke beranda</a></p></main></body></html>",
            status.as_u16(),
            status.canonical_reason().unwrap_or("Kesalahan"),
            askama_escape(&msg)
        );
        (status, Html(body)).into_response()
    }
}

/// The same error as JSON, for `/api/v1`.
#[derive(Debug)]
pub struct ApiError(pub AppError);

impl<E: Into<AppError>> From<E> for ApiError {
    fn from(e: E) -> Self {
        ApiError(e.into())
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        self.0.log();
        let body = serde_json::json!({ "error": self.0.to_string(), "fields": self.0.fields() });
        (self.0.status(), Json(body)).into_response()
    }
}

/// Minimal HTML escaping for the hand-written error page.
pub fn askama_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' => out.push_str("&amp;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}
