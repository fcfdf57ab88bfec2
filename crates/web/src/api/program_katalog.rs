//! The program catalogue as JSON: the filtered, sorted, paged list (`GET /api/v1/program`), create
//! (`POST`, 201 with the program), edit (`PUT /api/v1/program/{kode}`) and the administrator's JP
//! correction after completions (`POST /api/v1/program/{kode}/koreksi-jp`). Bad input is 422 with
//! a message per field; the role and scope checks are those of [`crate::katalog`].

use axum::Json;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use bangkom_core::program::{KoreksiJpInput, ProgramInput};
use bangkom_db::program::ProgramRow;
use serde::Serialize;

use super::program::{ProgramDto, kode_lembaga};
use crate::auth::ApiUser;
use crate::error::ApiError;
use crate::katalog::{self, KatalogQuery};
use crate::state::AppState;

/// A page of the catalogue.
#[derive(Debug, Serialize)]
pub struct KatalogDto {
    items: Vec<ProgramDto>,
    total: i64,
    page: u32,
    per_page: u32,
}

/// `GET /api/v1/program?q=&tahun=&jalur=&bentuk=&lembaga=&status=&sort=&desc=&page=&per_page=`
pub async fn list(
    State(st): State<AppState>,
    ApiUser(user): ApiUser,
    Query(q): Query<KatalogQuery>,
) -> Result<Json<KatalogDto>, ApiError> {
    let f = q.filter(&st, &user).await?;
    let page = st.db.program_cari(&f).await?;
    let lembaga = kode_lembaga(&st).await?;
    Ok(Json(KatalogDto {
        items: page
            .items
            .iter()
            .map(|r| ProgramDto::of(&r.program, &lembaga))
            .collect(),
        total: page.total,
        page: page.page,
        per_page: page.per_page,
    }))
}

async fn dto(st: &AppState, g: &ProgramRow) -> Result<ProgramDto, ApiError> {
    Ok(ProgramDto::of(g, &kode_lembaga(st).await?))
}

/// `POST /api/v1/program` (admin; institution staff for their own institution): 201.
pub async fn create(
    State(st): State<AppState>,
    ApiUser(user): ApiUser,
    Json(input): Json<ProgramInput>,
) -> Result<(StatusCode, Json<ProgramDto>), ApiError> {
    let g = katalog::buat(&st, &user, input).await?;
    Ok((StatusCode::CREATED, Json(dto(&st, &g).await?)))
}

/// `PUT /api/v1/program/{kode}`: every field of the program (the code in the path wins).
pub async fn update(
    State(st): State<AppState>,
    ApiUser(user): ApiUser,
    Path(kode): Path<String>,
    Json(input): Json<ProgramInput>,
) -> Result<Json<ProgramDto>, ApiError> {
    let g = katalog::ubah(&st, &user, &kode, input).await?;
    Ok(Json(dto(&st, &g).await?))
}

/// `POST /api/v1/program/{kode}/koreksi-jp` (admin): `{jp, alasan}`.
pub async fn koreksi_jp(
    State(st): State<AppState>,
    ApiUser(user): ApiUser,
    Path(kode): Path<String>,
    Json(input): Json<KoreksiJpInput>,
) -> Result<Json<bangkom_db::program::KoreksiJp>, ApiError> {
    Ok(Json(katalog::koreksi_jp(&st, &user, &kode, &input).await?))
}
