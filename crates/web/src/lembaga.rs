//! Institution actions shared by the pages and the JSON API: who may read an institution, and
//! linking a program to its organising institution (administrator only).

use bangkom_core::error::ValidationErrors;
use bangkom_core::role::Role;
use bangkom_db::DbError;
use bangkom_db::lembaga::LembagaRow;

use crate::auth::User;
use crate::error::{AppError, Result};
use crate::peserta::program_for;
use crate::state::AppState;

/// The institution `kode` as the caller may read it: administrators and leaders read every
/// institution, an institution's staff only their own (any other is 404), other roles none (403).
pub async fn lembaga_for(st: &AppState, user: &User, kode: &str) -> Result<LembagaRow> {
    let l = st.db.lembaga_by_kode(kode).await?;
    match user.role {
        Role::Admin | Role::Pimpinan => Ok(l),
        Role::Lembaga if user.lembaga_id == Some(l.lembaga_id) => Ok(l),
        Role::Lembaga => Err(AppError::NotFound),
        _ => Err(AppError::Forbidden),
    }
}

/// May list every institution.
pub fn require_daftar(user: &User) -> Result<()> {
    if matches!(user.role, Role::Admin | Role::Pimpinan) {
        Ok(())
    } else {
        Err(AppError::Forbidden)
    }
}

/// Links program `kode` to the institution `lembaga` (empty = unlink). Administrator only.
///
/// # Errors
/// 403 unless admin, 404 for an unknown program, 422 (field `lembaga`) for an unknown institution.
pub async fn program_lembaga(st: &AppState, user: &User, kode: &str, lembaga: &str) -> Result<()> {
    user.require_admin()?;
    let g = program_for(st, user, kode).await?;
    let l = if lembaga.trim().is_empty() {
        None
    } else {
        match st.db.lembaga_by_kode(lembaga).await {
            Ok(l) => Some(l),
            Err(DbError::NotFound) => {
                return Err(AppError::Invalid(ValidationErrors::single(
                    "lembaga",
                    format!("kode lembaga tidak terdaftar: {}", lembaga.trim()),
                )));
            }
            Err(e) => return Err(e.into()),
        }
    };
    Ok(st
        .db
        .program_lembaga_set(&user.actor(), &g, l.as_ref())
        .await?)
}
