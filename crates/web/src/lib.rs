//! # bangkom-web
//!
//! Thin HTTP handlers over `bangkom-db`: server-rendered pages in Bahasa Indonesia (askama, no
//! JavaScript needed for the core forms) and the JSON API under `/api/v1` with its OpenAPI document.
//!
//! # Layout
//! - [`state`]: `AppState` (database handle and settings) and [`Application`] (bind, serve).
//! - [`antrean`]: group commit of public survey submissions (one writer, one commit per batch).
//! - [`error`]: `AppError`, mapped once to HTML or JSON responses.
//! - [`auth`]: passwords (argon2), sessions, API tokens, CSRF, role and OPD scope.
//! - [`peserta`]: the participation actions with their role and scope checks (pages and API).
//! - [`penilai`]: naming the level-3 assessor of completed participants.
//! - [`peserta_daftar`]: search, filter, sort and pages of one program's participant list.
//! - [`katalog`]: the program catalogue actions (create, edit, JP correction, list filter).
//! - `html/*`: pages; `api/*`: JSON endpoints.

pub mod antrean;
pub mod api;
pub mod auth;
pub mod error;
pub mod evaluasi;
pub mod html;
pub mod katalog;
pub mod lembaga;
pub mod penilai;
pub mod peserta;
pub mod peserta_daftar;
pub mod state;

pub use state::{AppState, Application, Config};

use axum::Router;

/// All routes.
pub fn router(state: AppState) -> Router {
    Router::new()
        .merge(html::router())
        .nest("/api/v1", api::router())
        .layer(tower_http::trace::TraceLayer::new_for_http())
        .with_state(state)
}
