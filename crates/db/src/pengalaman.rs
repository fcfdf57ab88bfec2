//! Experiential learning (rotation, special assignment, detasering, internship, coaching and
//! mentoring), the learning log, external learning claims, and the JP credits they give (issue 4
//! §3, §5; REFERENCE §0 "JP and participation": JP only when completed and verified).
//!
//! Program participations keep their JP on `peserta`; everything else credits through `jp_kredit`,
//! one row per source (`UNIQUE (sumber, sumber_id)`), so an activity or a claim is credited exactly
//! once. The ledger (`Db::jp_pegawai`, `Db::jp_per_jalur`) adds both.
//!
//! - `kegiatan`: records, the rotation's effect on the position history, assessment.
//! - `catatan`: the learning log.
//! - `klaim`: external learning claims.

mod catatan;
mod kegiatan;
mod klaim;

pub use catatan::{CatatanBaru, CatatanRow};
pub use kegiatan::{AturanRow, PengalamanBaru, PengalamanRow, Penilaian};
pub use klaim::{KlaimBaru, KlaimRow, Putusan};

use bangkom_core::error::ValidationErrors;

use crate::DbError;

/// A validation failure from collected field errors.
pub(crate) fn invalid(errs: ValidationErrors) -> DbError {
    DbError::Invalid(errs)
}

/// One field's validation failure.
pub(crate) fn invalid1(field: &str, message: impl Into<String>) -> DbError {
    DbError::Invalid(ValidationErrors::single(field, message.into()))
}

/// Trims an optional text to `None` when blank.
pub(crate) fn isi(s: Option<&str>) -> Option<String> {
    s.map(str::trim)
        .filter(|t| !t.is_empty())
        .map(str::to_string)
}
