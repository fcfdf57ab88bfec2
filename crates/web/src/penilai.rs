//! Naming the level-3 assessor (issue 4 item 7): the administrator, or the operator for the
//! participants of their OPDs, names the account (typically the participant's supervisor) that
//! assesses a completed participant 3 and 6 months on, one participant at a time or every
//! completed participant of a program still without one. Shared by the page and the API.

use bangkom_core::error::ValidationErrors;
use bangkom_core::role::Role;
use bangkom_db::akun::AkunRow;

use crate::auth::User;
use crate::error::{AppError, Result};
use crate::peserta::{peserta_scope, program_for};
use crate::state::AppState;

/// May name assessors: the administrator and OPD operators.
pub fn boleh_atur(user: &User) -> bool {
    matches!(user.role, Role::Admin | Role::Operator)
}

fn require(user: &User) -> Result<()> {
    if boleh_atur(user) {
        Ok(())
    } else {
        Err(AppError::Forbidden)
    }
}

/// The account `username` (422, field `akun`, when unknown or empty).
async fn akun(st: &AppState, username: &str) -> Result<AkunRow> {
    let u = username.trim();
    if u.is_empty() {
        return Err(AppError::Invalid(ValidationErrors::single(
            "akun",
            "nama pengguna penilai wajib diisi",
        )));
    }
    st.db.akun_by_username(u).await?.ok_or_else(|| {
        AppError::Invalid(ValidationErrors::single(
            "akun",
            format!("akun {u} tidak terdaftar"),
        ))
    })
}

/// Names `username` (empty = none) the assessor of `nip` in program `kode`.
///
/// # Errors
/// 403 unless admin or operator, 404 for a program, or a participant outside the caller's scope,
/// 422 (field `akun`) for an unknown, inactive, institution or own account, or a participant not
/// completed.
pub async fn atur(st: &AppState, user: &User, kode: &str, nip: &str, username: &str) -> Result<()> {
    require(user)?;
    let g = program_for(st, user, kode).await?;
    let p = st.db.pegawai_by_nip(&user.scope, nip.trim()).await?;
    let a = if username.trim().is_empty() {
        None
    } else {
        Some(akun(st, username).await?)
    };
    Ok(st
        .db
        .penilai_set(&user.actor(), &g, p.pegawai_id, a.as_ref())
        .await?)
}

/// Names `username` the assessor of every completed participant of program `kode` within the
/// caller's scope who has none yet; returns how many.
///
/// # Errors
/// As [`atur`].
pub async fn atur_program(st: &AppState, user: &User, kode: &str, username: &str) -> Result<u64> {
    require(user)?;
    let g = program_for(st, user, kode).await?;
    let a = akun(st, username).await?;
    Ok(st
        .db
        .penilai_set_program(&user.actor(), &g, &peserta_scope(user, &g), &a)
        .await?)
}
