//! Post-training evaluation (REFERENCE §3.7): the level-1 reaction questionnaire (one per
//! participant who attended at least one session) and the level-3 behaviour follow-up 3 and 6
//! months after completion, with their roll-ups per program. The instruments are in
//! `bangkom_core::evaluasi`.
//!
//! Who assesses level 3: the participant's supervisor. The administrator or the OPD operator may
//! name the assessor's account per completed participant or per program ([`penilai`], migration
//! 0016); without one, the operator (or the administrator) enters the supervisor's answers on
//! their behalf. The assessor's name is stored as `penilai`, the account that entered it is in
//! the audit log.

use bangkom_core::error::ValidationErrors;
use bangkom_core::evaluasi::{Jawaban, TAHAP_BULAN, jatuh_tempo};
use serde::Serialize;

use crate::audit::Actor;
use crate::pegawai::Scope;
use crate::program::ProgramRow;
use crate::query::Sql;
use crate::{BeginWrite, Db, DbError, Result, on};

mod penilai;
pub use penilai::PenilaiRow;

/// Level-1 results of a program.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RekapReaksi {
    /// Responses.
    pub jumlah: i64,
    /// Average per statement (None without responses).
    pub rata: Vec<Option<f64>>,
}

/// One level-3 stage of a program.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RekapPerilaku {
    /// 3 or 6.
    pub bulan: u8,
    /// Completions whose stage has fallen due.
    pub jatuh_tempo: usize,
    /// Of those, assessed.
    pub dinilai: usize,
    /// Average per statement (None without assessments).
    pub rata: Vec<Option<f64>>,
}

/// A level-3 assessment that is due and not yet made.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TindakLanjutJatuhTempo {
    /// Program code.
    pub kode: String,
    /// Program name.
    pub program: String,
    /// NIP.
    pub nip: String,
    /// Name.
    pub nama: String,
    /// The employee's OPD.
    pub opd_id: i64,
    /// Completion date.
    pub tanggal_selesai: time::Date,
    /// 3 or 6.
    pub bulan: u8,
    /// The day it fell due.
    pub jatuh_tempo: time::Date,
    /// The named assessor's account (migration 0016), if assigned.
    pub penilai_akun_id: Option<i64>,
    /// Its display name.
    pub penilai: Option<String>,
}

#[derive(sqlx::FromRow)]
struct Selesai {
    peserta_id: i64,
    kode: String,
    program: String,
    nip: String,
    nama: String,
    opd_id: i64,
    tanggal_selesai: time::Date,
    penilai_akun_id: Option<i64>,
    penilai: Option<String>,
}

/// Lapsed follow-ups are not listed: a stage more than a year overdue is no longer actionable.
const BATAS_HARI: i64 = 365 + 183;

fn scope_on_p(scope: &Scope) -> String {
    match scope {
        Scope::Semua => "1=1".into(),
        Scope::Opd(ids) => format!("p.opd_id IN {}", Sql::id_list(ids)),
        Scope::Pegawai(id) => format!("p.pegawai_id = {id}"),
        Scope::Tidak => "1=0".into(),
    }
}

impl Db {
    /// Whether the employee may answer (attended ≥ 1 session) and has answered.
    /// `None` when not a participant of the program.
    pub async fn reaksi_status(
        &self,
        program_id: i64,
        pegawai_id: i64,
    ) -> Result<Option<(bool, bool)>> {
        let row: Option<(i64, i64)> = on!(self, p => sqlx::query_as(
            "SELECT (SELECT COUNT(*) FROM kehadiran k WHERE k.peserta_id = s.peserta_id AND k.hadir = TRUE), \
             (SELECT COUNT(*) FROM reaksi r WHERE r.peserta_id = s.peserta_id) \
             FROM peserta s WHERE s.program_id = $1 AND s.pegawai_id = $2")
            .bind(program_id).bind(pegawai_id).fetch_optional(p).await?);
        Ok(row.map(|(h, r)| (h > 0, r > 0)))
    }

    /// Stores the participant's reaction questionnaire.
    ///
    /// # Errors
    /// `NotFound` when not a participant, `Forbidden` without attendance, `Conflict` when already
    /// answered.
    pub async fn reaksi_simpan(
        &self,
        actor: &Actor,
        program: &ProgramRow,
        pegawai_id: i64,
        j: &Jawaban<5>,
    ) -> Result<()> {
        let now = crate::now();
        on!(self, p => {
            let mut tx = p.begin_write().await?;
            let row: Option<(i64, i64)> = sqlx::query_as(
                "SELECT s.peserta_id, (SELECT COUNT(*) FROM kehadiran k WHERE k.peserta_id = s.peserta_id AND k.hadir = TRUE) \
                 FROM peserta s WHERE s.program_id = $1 AND s.pegawai_id = $2")
                .bind(program.program_id).bind(pegawai_id).fetch_optional(&mut *tx).await?;
            let (peserta_id, hadir) = row.ok_or(DbError::NotFound)?;
            if hadir == 0 {
                return Err(DbError::Forbidden);
            }
            let done: Option<(i64,)> = sqlx::query_as("SELECT peserta_id FROM reaksi WHERE peserta_id = $1")
                .bind(peserta_id).fetch_optional(&mut *tx).await?;
            if done.is_some() {
                return Err(DbError::Conflict("kuesioner reaksi sudah diisi".into()));
            }
            let s = j.skor.map(i64::from);
            sqlx::query("INSERT INTO reaksi (peserta_id, r1, r2, r3, r4, r5, komentar, waktu) \
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8)")
                .bind(peserta_id).bind(s[0]).bind(s[1]).bind(s[2]).bind(s[3]).bind(s[4])
                .bind(&j.komentar).bind(now).execute(&mut *tx).await?;
            let after = serde_json::json!({"skor": s}).to_string();
            crate::audit_record!(&mut *tx, actor, "reaksi", "peserta", peserta_id.to_string(), None, Some(after));
            tx.commit().await?;
        });
        Ok(())
    }

    /// Level-1 results of a program.
    pub async fn reaksi_rekap(&self, program_id: i64) -> Result<RekapReaksi> {
        #[allow(clippy::type_complexity)]
        let row: (
            i64,
            Option<f64>,
            Option<f64>,
            Option<f64>,
            Option<f64>,
            Option<f64>,
        ) = on!(self, p => sqlx::query_as(
            "SELECT COUNT(*), CAST(AVG(r.r1) AS DOUBLE PRECISION), CAST(AVG(r.r2) AS DOUBLE PRECISION), \
             CAST(AVG(r.r3) AS DOUBLE PRECISION), CAST(AVG(r.r4) AS DOUBLE PRECISION), CAST(AVG(r.r5) AS DOUBLE PRECISION) \
             FROM reaksi r JOIN peserta s ON s.peserta_id = r.peserta_id WHERE s.program_id = $1")
            .bind(program_id).fetch_one(p).await?);
        Ok(RekapReaksi {
            jumlah: row.0,
            rata: vec![row.1, row.2, row.3, row.4, row.5],
        })
    }

    /// Completed participations matching `where_` (built from our own integers only), completed
    /// on or after `sejak` when given.
    async fn selesai_list(&self, where_: &str, sejak: Option<time::Date>) -> Result<Vec<Selesai>> {
        let sql = format!(
            "SELECT s.peserta_id, g.kode, g.nama AS program, p.nip, p.nama, p.opd_id, s.tanggal_selesai, \
             s.penilai_akun_id, a.nama AS penilai \
             FROM peserta s JOIN pegawai p ON p.pegawai_id = s.pegawai_id JOIN program g ON g.program_id = s.program_id \
             LEFT JOIN akun a ON a.akun_id = s.penilai_akun_id \
             WHERE s.status = 'selesai' AND s.tanggal_selesai IS NOT NULL AND {where_} \
             AND s.tanggal_selesai >= $1 ORDER BY s.tanggal_selesai, g.kode, p.nip"
        );
        let sejak = sejak.unwrap_or(time::macros::date!(1900 - 01 - 01));
        Ok(on!(self, p => sqlx::query_as(&sql).bind(sejak).fetch_all(p).await?))
    }

    async fn dinilai(&self, peserta: &[i64]) -> Result<Vec<(i64, i64)>> {
        if peserta.is_empty() {
            return Ok(Vec::new());
        }
        let sql = format!(
            "SELECT peserta_id, CAST(bulan AS BIGINT) FROM tindak_lanjut WHERE peserta_id IN {}",
            Sql::id_list(peserta)
        );
        Ok(on!(self, p => sqlx::query_as(&sql).fetch_all(p).await?))
    }

    /// The level-3 assessments due on `today` and not yet made, for the employees in `scope`.
    pub async fn tindak_lanjut_jatuh_tempo(
        &self,
        scope: &Scope,
        today: time::Date,
    ) -> Result<Vec<TindakLanjutJatuhTempo>> {
        self.jatuh_tempo_where(&scope_on_p(scope), today).await
    }

    /// The level-3 assessments due on `today` and not yet made whose named assessor is account
    /// `akun_id`, whatever the employee's OPD.
    pub async fn tindak_lanjut_milik(
        &self,
        akun_id: i64,
        today: time::Date,
    ) -> Result<Vec<TindakLanjutJatuhTempo>> {
        self.jatuh_tempo_where(&format!("s.penilai_akun_id = {akun_id}"), today)
            .await
    }

    /// Due and not yet made, for completions matching `where_` (built from our own integers).
    async fn jatuh_tempo_where(
        &self,
        where_: &str,
        today: time::Date,
    ) -> Result<Vec<TindakLanjutJatuhTempo>> {
        let sejak = today - time::Duration::days(BATAS_HARI);
        let rows = self.selesai_list(where_, Some(sejak)).await?;
        let ids: Vec<i64> = rows.iter().map(|r| r.peserta_id).collect();
        let done = self.dinilai(&ids).await?;
        let mut out = Vec::new();
        for r in rows {
            for bulan in TAHAP_BULAN {
                let due = jatuh_tempo(r.tanggal_selesai, bulan);
                if due <= today && !done.contains(&(r.peserta_id, i64::from(bulan))) {
                    out.push(TindakLanjutJatuhTempo {
                        kode: r.kode.clone(),
                        program: r.program.clone(),
                        nip: r.nip.clone(),
                        nama: r.nama.clone(),
                        opd_id: r.opd_id,
                        tanggal_selesai: r.tanggal_selesai,
                        bulan,
                        jatuh_tempo: due,
                        penilai_akun_id: r.penilai_akun_id,
                        penilai: r.penilai.clone(),
                    });
                }
            }
        }
        out.sort_by(|a, b| (a.jatuh_tempo, &a.kode, &a.nip).cmp(&(b.jatuh_tempo, &b.kode, &b.nip)));
        Ok(out)
    }

    /// Records the supervisor's assessment of one stage.
    ///
    /// # Errors
    /// `NotFound` when not a participant; `Invalid` when not completed or not yet due; `Conflict`
    /// when the stage is already assessed.
    #[allow(clippy::too_many_arguments)]
    pub async fn tindak_lanjut_simpan(
        &self,
        actor: &Actor,
        program: &ProgramRow,
        pegawai_id: i64,
        bulan: u8,
        j: &Jawaban<4>,
        penilai: &str,
        today: time::Date,
    ) -> Result<()> {
        if !TAHAP_BULAN.contains(&bulan) {
            return Err(ValidationErrors::single(
                "bulan",
                "tahap tindak lanjut harus 3 atau 6 bulan",
            )
            .into());
        }
        let now = crate::now();
        on!(self, p => {
            let mut tx = p.begin_write().await?;
            let row: Option<(i64, String, Option<time::Date>)> = sqlx::query_as(
                "SELECT peserta_id, status, tanggal_selesai FROM peserta WHERE program_id = $1 AND pegawai_id = $2")
                .bind(program.program_id).bind(pegawai_id).fetch_optional(&mut *tx).await?;
            let (peserta_id, status, selesai) = row.ok_or(DbError::NotFound)?;
            let Some(selesai) = selesai.filter(|_| status == "selesai") else {
                return Err(ValidationErrors::single("bulan", "tindak lanjut hanya untuk peserta yang telah lulus").into());
            };
            let due = jatuh_tempo(selesai, bulan);
            if due > today {
                return Err(ValidationErrors::single("bulan", format!("tindak lanjut {bulan} bulan baru jatuh tempo pada {due}")).into());
            }
            let done: Option<(i64,)> = sqlx::query_as("SELECT peserta_id FROM tindak_lanjut WHERE peserta_id = $1 AND bulan = $2")
                .bind(peserta_id).bind(i32::from(bulan)).fetch_optional(&mut *tx).await?;
            if done.is_some() {
                return Err(DbError::Conflict(format!("tindak lanjut {bulan} bulan sudah dinilai")));
            }
            let s = j.skor.map(i64::from);
            sqlx::query("INSERT INTO tindak_lanjut (peserta_id, bulan, b1, b2, b3, b4, catatan, penilai, waktu) \
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)")
                .bind(peserta_id).bind(i32::from(bulan)).bind(s[0]).bind(s[1]).bind(s[2]).bind(s[3])
                .bind(&j.komentar).bind(penilai).bind(now).execute(&mut *tx).await?;
            let after = serde_json::json!({"bulan": bulan, "skor": s, "penilai": penilai}).to_string();
            crate::audit_record!(&mut *tx, actor, "tindak_lanjut", "peserta", peserta_id.to_string(), None, Some(after));
            tx.commit().await?;
        });
        Ok(())
    }

    /// Level-3 roll-up of a program on `today`: per stage, how many are due, how many assessed,
    /// and the average per statement.
    pub async fn tindak_lanjut_rekap(
        &self,
        program_id: i64,
        today: time::Date,
    ) -> Result<Vec<RekapPerilaku>> {
        let rows = self
            .selesai_list(&format!("s.program_id = {program_id}"), None)
            .await?;
        let mut out = Vec::new();
        for bulan in TAHAP_BULAN {
            let due = rows
                .iter()
                .filter(|r| jatuh_tempo(r.tanggal_selesai, bulan) <= today)
                .count();
            #[allow(clippy::type_complexity)]
            let agg: (i64, Option<f64>, Option<f64>, Option<f64>, Option<f64>) = on!(self, p => sqlx::query_as(
                "SELECT COUNT(*), CAST(AVG(t.b1) AS DOUBLE PRECISION), CAST(AVG(t.b2) AS DOUBLE PRECISION), \
                 CAST(AVG(t.b3) AS DOUBLE PRECISION), CAST(AVG(t.b4) AS DOUBLE PRECISION) \
                 FROM tindak_lanjut t JOIN peserta s ON s.peserta_id = t.peserta_id \
                 WHERE s.program_id = $1 AND t.bulan = $2")
                .bind(program_id).bind(i32::from(bulan)).fetch_one(p).await?);
            out.push(RekapPerilaku {
                bulan,
                jatuh_tempo: due,
                dinilai: usize::try_from(agg.0).unwrap_or(0),
                rata: vec![agg.1, agg.2, agg.3, agg.4],
            });
        }
        Ok(out)
    }
}
