//! Post-training evaluation actions shared by the pages and the JSON API (REFERENCE §3.7):
//!
//! - Level 1 (reaction): only the participant themselves (role pegawai), only after attending at
//!   least one session (403 otherwise), once (409).
//! - Level 3 (behaviour): the supervisor's assessment 3 and 6 months after completion, entered by
//!   the administrator or by the operator of the participant's OPD on the supervisor's behalf
//!   (the supervisor's name is recorded as `penilai`). Outside the caller's scope: 404.

use bangkom_core::error::{FieldError, ValidationErrors};
use bangkom_core::evaluasi::{Jawaban, jawaban};
use bangkom_core::role::Role;
use bangkom_db::pegawai::Scope;

use crate::auth::User;
use crate::error::{AppError, Result};
use crate::peserta::program_for;
use crate::state::AppState;

/// Stores the caller's own reaction questionnaire for program `kode`.
///
/// # Errors
/// 403 unless an employee who attended, 404 when not a participant, 409 when already answered,
/// 422 for a missing or out-of-range answer.
pub async fn reaksi(
    st: &AppState,
    user: &User,
    kode: &str,
    raw: &[String; 5],
    komentar: &str,
) -> Result<()> {
    let Scope::Pegawai(id) = user.scope else {
        return Err(AppError::Forbidden);
    };
    let g = program_for(st, user, kode).await?;
    let r: [&str; 5] = std::array::from_fn(|i| raw[i].as_str());
    let j: Jawaban<5> = jawaban("r", 5, &r, komentar).map_err(AppError::Invalid)?;
    Ok(st.db.reaksi_simpan(&user.actor(), &g, id, &j).await?)
}

/// A level-3 assessment as entered (form fields `bulan`, `b1`..`b4`, `penilai`, `catatan`).
#[derive(Debug, Clone, Default, serde::Deserialize)]
#[allow(missing_docs)]
pub struct TindakLanjutInput {
    #[serde(default)]
    pub bulan: String,
    #[serde(default)]
    pub b1: String,
    #[serde(default)]
    pub b2: String,
    #[serde(default)]
    pub b3: String,
    #[serde(default)]
    pub b4: String,
    #[serde(default)]
    pub penilai: String,
    #[serde(default)]
    pub catatan: String,
}

/// Stores the supervisor's level-3 assessment of `nip` in program `kode`.
///
/// # Errors
/// 403 unless admin or operator, 404 outside the scope, 409 when already assessed, 422 for bad
/// answers, a missing assessor name, or a stage not yet due.
pub async fn tindak_lanjut(
    st: &AppState,
    user: &User,
    kode: &str,
    nip: &str,
    f: &TindakLanjutInput,
) -> Result<()> {
    if !matches!(user.role, Role::Admin | Role::Operator) {
        return Err(AppError::Forbidden);
    }
    let g = program_for(st, user, kode).await?;
    let p = st.db.pegawai_by_nip(&user.scope, nip.trim()).await?;
    let mut errs = ValidationErrors::new();
    let bulan = match f.bulan.trim() {
        "3" => 3,
        "6" => 6,
        _ => {
            errs.add("bulan", "tahap tindak lanjut harus 3 atau 6 bulan");
            0
        }
    };
    let penilai =
        bangkom_core::error::clean_text("penilai", "nama atasan penilai", &f.penilai, true, 120)
            .map_err(|e: FieldError| errs.push(e))
            .ok()
            .flatten();
    let r = [f.b1.as_str(), f.b2.as_str(), f.b3.as_str(), f.b4.as_str()];
    let j = match jawaban("b", 4, &r, &f.catatan) {
        Ok(j) => Some(j),
        Err(v) => {
            errs.0.extend(v);
            None
        }
    };
    let (Some(j), Some(penilai)) = (j, penilai) else {
        return Err(AppError::Invalid(errs));
    };
    if !errs.is_empty() {
        return Err(AppError::Invalid(errs));
    }
    let today = crate::html::survei::today_wib();
    Ok(st
        .db
        .tindak_lanjut_simpan(&user.actor(), &g, p.pegawai_id, bulan, &j, &penilai, today)
        .await?)
}
