//! Named level-3 assessors (issue 4 item 7, migration 0016): the account that assesses a
//! completed participation 3 and 6 months on, typically the participant's supervisor. Assigned per
//! participant or, for every completed participant still without one, per program. Refused: an
//! inactive account, an institution's account, and the participant's own account (nobody assesses
//! themselves). Every assignment is audited.

use bangkom_core::error::ValidationErrors;
use serde::Serialize;

use super::scope_on_p;
use crate::akun::AkunRow;
use crate::audit::Actor;
use crate::pegawai::Scope;
use crate::program::ProgramRow;
use crate::{BeginWrite, Db, DbError, Result, on};

/// A completed participant with their assessor.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow, Serialize)]
pub struct PenilaiRow {
    /// The employee.
    pub pegawai_id: i64,
    /// NIP.
    pub nip: String,
    /// Name.
    pub nama: String,
    /// The employee's OPD.
    pub opd_id: i64,
    /// Completion date.
    pub tanggal_selesai: Option<time::Date>,
    /// The assessor's account, if assigned.
    pub penilai_akun_id: Option<i64>,
    /// Its login name.
    pub penilai_username: Option<String>,
    /// Its display name.
    pub penilai: Option<String>,
    /// Stages already assessed (0..=2).
    pub dinilai: i64,
}

fn cek_akun(akun: &AkunRow) -> Result<()> {
    if !akun.aktif {
        return Err(ValidationErrors::single(
            "akun",
            format!("akun {} tidak aktif", akun.username),
        )
        .into());
    }
    if akun.role == "lembaga" {
        return Err(ValidationErrors::single(
            "akun",
            "akun lembaga pelatihan tidak dapat menjadi penilai tindak lanjut",
        )
        .into());
    }
    Ok(())
}

impl Db {
    /// The completed participants of a program within `scope`, with their assessor.
    pub async fn penilai_list(&self, program_id: i64, scope: &Scope) -> Result<Vec<PenilaiRow>> {
        let sql = format!(
            "SELECT s.pegawai_id, p.nip, p.nama, p.opd_id, s.tanggal_selesai, s.penilai_akun_id, \
             a.username AS penilai_username, a.nama AS penilai, \
             (SELECT COUNT(*) FROM tindak_lanjut t WHERE t.peserta_id = s.peserta_id) AS dinilai \
             FROM peserta s JOIN pegawai p ON p.pegawai_id = s.pegawai_id \
             LEFT JOIN akun a ON a.akun_id = s.penilai_akun_id \
             WHERE s.program_id = $1 AND s.status = 'selesai' AND {} ORDER BY p.nama_urut, p.nip",
            scope_on_p(scope)
        );
        Ok(on!(self, p => sqlx::query_as(&sql).bind(program_id).fetch_all(p).await?))
    }

    /// The named assessor of `pegawai_id` in a program as `(akun_id, display name)`: `None` when
    /// not a participant, `Some(None)` when none is assigned.
    pub async fn penilai_of(
        &self,
        program_id: i64,
        pegawai_id: i64,
    ) -> Result<Option<Option<(i64, String)>>> {
        let row: Option<(Option<i64>, Option<String>)> = on!(self, p => sqlx::query_as(
            "SELECT s.penilai_akun_id, a.nama FROM peserta s LEFT JOIN akun a ON a.akun_id = s.penilai_akun_id \
             WHERE s.program_id = $1 AND s.pegawai_id = $2")
            .bind(program_id).bind(pegawai_id).fetch_optional(p).await?);
        Ok(row.map(|(id, nama)| id.map(|id| (id, nama.unwrap_or_default()))))
    }

    /// Names (or, with `None`, clears) the assessor of `pegawai_id`'s completed participation.
    ///
    /// # Errors
    /// `NotFound` when not a participant; `Invalid` (field `akun`) when not completed, for the
    /// participant's own account, an inactive or an institution's account.
    pub async fn penilai_set(
        &self,
        actor: &Actor,
        program: &ProgramRow,
        pegawai_id: i64,
        akun: Option<&AkunRow>,
    ) -> Result<()> {
        if let Some(a) = akun {
            cek_akun(a)?;
            if a.pegawai_id == Some(pegawai_id) {
                return Err(ValidationErrors::single(
                    "akun",
                    "peserta tidak dapat menilai dirinya sendiri",
                )
                .into());
            }
        }
        on!(self, p => {
            let mut tx = p.begin_write().await?;
            let row: Option<(i64, String, Option<i64>)> = sqlx::query_as(
                "SELECT peserta_id, status, penilai_akun_id FROM peserta WHERE program_id = $1 AND pegawai_id = $2")
                .bind(program.program_id).bind(pegawai_id).fetch_optional(&mut *tx).await?;
            let (peserta_id, status, before) = row.ok_or(DbError::NotFound)?;
            if status != "selesai" {
                return Err(ValidationErrors::single(
                    "akun",
                    "penilai tindak lanjut hanya untuk peserta yang telah lulus",
                ).into());
            }
            sqlx::query("UPDATE peserta SET penilai_akun_id = $1 WHERE peserta_id = $2")
                .bind(akun.map(|a| a.akun_id)).bind(peserta_id).execute(&mut *tx).await?;
            let sebelum = serde_json::json!({"penilai_akun_id": before}).to_string();
            let sesudah = serde_json::json!({"penilai": akun.map(|a| a.username.as_str())}).to_string();
            crate::audit_record!(&mut *tx, actor, "penilai", "peserta", peserta_id.to_string(), Some(sebelum), Some(sesudah));
            tx.commit().await?;
        });
        Ok(())
    }

    /// Names `akun` the assessor of every completed participant of the program within `scope`
    /// who has none yet (never of their own participation). Returns how many were assigned.
    ///
    /// # Errors
    /// `Invalid` (field `akun`) for an inactive or an institution's account.
    pub async fn penilai_set_program(
        &self,
        actor: &Actor,
        program: &ProgramRow,
        scope: &Scope,
        akun: &AkunRow,
    ) -> Result<u64> {
        cek_akun(akun)?;
        let sql = format!(
            "UPDATE peserta SET penilai_akun_id = $1 WHERE program_id = $2 AND status = 'selesai' \
             AND penilai_akun_id IS NULL AND pegawai_id <> $3 \
             AND pegawai_id IN (SELECT p.pegawai_id FROM pegawai p WHERE {})",
            scope_on_p(scope)
        );
        let n = on!(self, p => {
            let mut tx = p.begin_write().await?;
            let n = sqlx::query(&sql)
                .bind(akun.akun_id).bind(program.program_id).bind(akun.pegawai_id.unwrap_or(-1))
                .execute(&mut *tx).await?.rows_affected();
            let sesudah = serde_json::json!({"penilai": akun.username, "peserta": n}).to_string();
            crate::audit_record!(&mut *tx, actor, "penilai", "program", program.kode.as_str(), None, Some(sesudah));
            tx.commit().await?;
            n
        });
        Ok(n)
    }
}
