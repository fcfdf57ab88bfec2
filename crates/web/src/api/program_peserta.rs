//! `GET /api/v1/program/{kode}/peserta`: one program's participants the caller may see, with
//! the program page's search, status filter, sort and pages of 50 ([`crate::peserta_daftar`]).

use axum::Json;
use axum::extract::{Path, Query, State};
use serde::Serialize;

use super::program::PesertaDto;
use crate::auth::ApiUser;
use crate::error::ApiError;
use crate::peserta as aksi;
use crate::peserta_daftar::{PER_PAGE, PesertaQuery};
use crate::state::AppState;

/// A page of participants.
#[derive(Debug, Serialize)]
pub struct PesertaPage {
    items: Vec<PesertaDto>,
    total: usize,
    page: usize,
    pages: usize,
    per_page: usize,
}

/// `GET /api/v1/program/{kode}/peserta?cari=&status=&urut=&turun=1&hal=`
pub async fn list(
    State(st): State<AppState>,
    ApiUser(user): ApiUser,
    Path(kode): Path<String>,
    Query(q): Query<PesertaQuery>,
) -> Result<Json<PesertaPage>, ApiError> {
    let g = aksi::program_for(&st, &user, &kode).await?;
    let list = st
        .db
        .peserta_list(g.program_id, &aksi::peserta_scope(&user, &g))
        .await?;
    let h = q.halaman(list);
    Ok(Json(PesertaPage {
        items: h.items.into_iter().map(PesertaDto::of).collect(),
        total: h.total,
        page: h.page,
        pages: h.pages,
        per_page: PER_PAGE,
    }))
}
