//! Post-training evaluation actions shared by the pages and the JSON API (REFERENCE §3.7):
//!
//! - Level 1 (reaction): only the participant themselves (role pegawai), only after attending at
//!   least one session (403 otherwise), once (409).
//! - Level 3 (behaviour): the supervisor's assessment 3 and 6 months after completion. When an
//!   assessor account is named ([`crate::penilai`]), only that account or the administrator
//!   enters it, under the assessor's name; otherwise the administrator or the operator of the
//!   participant's OPD enters it on the supervisor's behalf (the name typed is recorded as
//!   `penilai`). Outside the caller's scope: 404.

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

/// Who may enter the level-3 assessment of participant `p` in program `g`, and under which
/// assessor name: the named assessor themselves (their account name) or the administrator; when
/// none is named, the administrator or the operator of the participant's OPD on the supervisor's
/// behalf (the name typed in the form).
///
/// # Errors
/// 404 when not a participant or outside the caller's scope, 403 for anyone else.
async fn penilai_sah(
    st: &AppState,
    user: &User,
    g: &bangkom_db::program::ProgramRow,
    nip: &str,
) -> Result<(i64, Option<String>)> {
    let p = st.db.pegawai_by_nip(&Scope::Semua, nip.trim()).await?;
    let named = st
        .db
        .penilai_of(g.program_id, p.pegawai_id)
        .await?
        .ok_or(AppError::NotFound)?;
    let in_scope = || async {
        match st.db.pegawai_by_nip(&user.scope, nip.trim()).await {
            Ok(_) => Ok(()),
            Err(bangkom_db::DbError::NotFound) => Err(AppError::NotFound),
            Err(e) => Err(e.into()),
        }
    };
    match (user.role, named) {
        (_, Some((id, nama))) if id == user.akun.akun_id => Ok((p.pegawai_id, Some(nama))),
        (Role::Admin, Some((_, nama))) => Ok((p.pegawai_id, Some(nama))),
        (Role::Admin, None) => Ok((p.pegawai_id, None)),
        (Role::Operator, named) => {
            in_scope().await?;
            if named.is_some() {
                // A named assessor's stage is theirs (or the administrator's) to enter.
                Err(AppError::Forbidden)
            } else {
                Ok((p.pegawai_id, None))
            }
        }
        _ => Err(AppError::Forbidden),
    }
}

/// Stores the supervisor's level-3 assessment of `nip` in program `kode`.
///
/// # Errors
/// 403 for a caller who may not (see [`penilai_sah`]), 404 outside the scope, 409 when already
/// assessed, 422 for bad answers, a missing assessor name (when none is named), or a stage not
/// yet due.
pub async fn tindak_lanjut(
    st: &AppState,
    user: &User,
    kode: &str,
    nip: &str,
    f: &TindakLanjutInput,
) -> Result<()> {
    let g = program_for(st, user, kode).await?;
    let (pegawai_id, named) = penilai_sah(st, user, &g, nip).await?;
    let mut errs = ValidationErrors::new();
    let bulan = match f.bulan.trim() {
        "3" => 3,
        "6" => 6,
        _ => {
            errs.add("bulan", "tahap tindak lanjut harus 3 atau 6 bulan");
            0
        }
    };
    let penilai = match named {
        Some(nama) => Some(nama),
        None => {
            bangkom_core::error::clean_text("penilai", "nama atasan penilai", &f.penilai, true, 120)
                .map_err(|e: FieldError| errs.push(e))
                .ok()
                .flatten()
        }
    };
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
        .tindak_lanjut_simpan(&user.actor(), &g, pegawai_id, bulan, &j, &penilai, today)
        .await?)
}

/// The level-3 assessments due for the caller: those it is the named assessor of and, for the
/// administrator and operators, every one in their scope; by due date.
///
/// # Errors
/// Storage errors only.
pub async fn jatuh_tempo(
    st: &AppState,
    user: &User,
    today: time::Date,
) -> Result<Vec<bangkom_db::evaluasi::TindakLanjutJatuhTempo>> {
    let saya = user.akun.akun_id;
    let mut due = st.db.tindak_lanjut_milik(saya, today).await?;
    if matches!(user.role, Role::Admin | Role::Operator) {
        for d in st.db.tindak_lanjut_jatuh_tempo(&user.scope, today).await? {
            if d.penilai_akun_id != Some(saya) {
                due.push(d);
            }
        }
        due.sort_by(|a, b| (a.jatuh_tempo, &a.kode, &a.nip).cmp(&(b.jatuh_tempo, &b.kode, &b.nip)));
    }
    Ok(due)
}
