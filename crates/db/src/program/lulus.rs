//! Completion (*kelulusan*): the program's rules decide every approved participant; the completed
//! get the program's JP (`jp_diakui`, counted in the year of the program's last day) and a unique
//! certificate (STTPP) number; the public verification reads a certificate by its number. Program
//! settings that decided completions (JP, jalur, dates, rules) are frozen once anyone completed.

use bangkom_core::error::ValidationErrors;
use bangkom_core::peserta::{AturanKelulusan, nomor_sttpp};
use serde::Serialize;

use super::ProgramRow;
use crate::audit::Actor;
use crate::{BeginWrite, Db, DbError, Result, on};

/// The outcome of a completion run.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct HasilKelulusan {
    /// Completed: NIP and certificate number.
    pub selesai: Vec<(String, String)>,
    /// Not completed: NIP and the reasons.
    pub tidak_selesai: Vec<(String, String)>,
}

/// A certificate as the public verification page shows it (no birth date, no NIP).
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow, Serialize)]
pub struct SertifikatRow {
    /// Certificate number.
    pub nomor: String,
    /// Holder's name without titles.
    pub nama: String,
    /// Title before the name.
    pub gelar_depan: Option<String>,
    /// Title after the name.
    pub gelar_belakang: Option<String>,
    /// Program code.
    pub kode: String,
    /// Program name.
    pub program: String,
    /// Organiser.
    pub penyelenggara: String,
    /// SIASN jalur id.
    pub jalur: i64,
    /// First day.
    pub mulai: time::Date,
    /// Last day.
    pub selesai: time::Date,
    /// JP credited.
    pub jp_diakui: i64,
    /// Participation status (`selesai` = valid).
    pub status: String,
}

impl SertifikatRow {
    /// Name with titles.
    pub fn nama_lengkap(&self) -> String {
        let mut s = String::new();
        if let Some(g) = self.gelar_depan.as_deref().filter(|g| !g.is_empty()) {
            s.push_str(g);
            s.push(' ');
        }
        s.push_str(&self.nama);
        if let Some(g) = self.gelar_belakang.as_deref().filter(|g| !g.is_empty()) {
            s.push_str(", ");
            s.push_str(g);
        }
        s
    }
}

/// Program settings an administrator may change (until someone completed, for the rules).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProgramAtribut {
    /// Classical or not.
    pub klasikal: bool,
    /// Target competencies.
    pub kompetensi: Option<String>,
    /// Target position types, comma-separated codes.
    pub sasaran_jabatan: Option<String>,
    /// Target OPDs (org ids; empty = all).
    pub opd: Vec<i64>,
    /// Completion rules.
    pub aturan: AturanKelulusan,
}

impl Db {
    /// Applies the completion rules to every approved participant of `program`.
    ///
    /// # Errors
    /// `Invalid` (field `peserta`) when nobody is waiting for a decision.
    pub async fn kelulusan(&self, actor: &Actor, program: &ProgramRow) -> Result<HasilKelulusan> {
        let hasil = on!(self, pool => {
            let mut tx = pool.begin_write().await?;
            // Lock, then re-read the program inside the transaction: the rules and JP as they are now.
            sqlx::query("UPDATE program SET kuota = kuota WHERE program_id = $1")
                .bind(program.program_id)
                .execute(&mut *tx)
                .await?;
            let g: ProgramRow = sqlx::query_as(&format!(
                "SELECT {} FROM program g WHERE g.program_id = $1",
                super::baca::PROGRAM_COLS
            ))
            .bind(program.program_id)
            .fetch_optional(&mut *tx)
            .await?
            .ok_or(DbError::NotFound)?;
            let aturan = g.aturan();
            let (sesi,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM sesi_program WHERE program_id = $1")
                .bind(g.program_id)
                .fetch_one(&mut *tx)
                .await?;
            let kelas: Vec<(i64, i64, String, i64, Option<i64>)> = sqlx::query_as(
                "SELECT s.peserta_id, s.pegawai_id, p.nip, \
                 (SELECT COUNT(*) FROM kehadiran k WHERE k.peserta_id = s.peserta_id AND k.hadir = TRUE), s.nilai_post \
                 FROM peserta s JOIN pegawai p ON p.pegawai_id = s.pegawai_id \
                 WHERE s.program_id = $1 AND s.status = 'disetujui' ORDER BY p.nama_urut, p.nip",
            )
            .bind(g.program_id)
            .fetch_all(&mut *tx)
            .await?;
            if kelas.is_empty() {
                return Err(DbError::Invalid(ValidationErrors::single(
                    "peserta",
                    "tidak ada peserta disetujui yang menunggu penetapan kelulusan",
                )));
            }
            let (terbit,): (i64,) = sqlx::query_as(
                "SELECT COUNT(*) FROM peserta WHERE program_id = $1 AND nomor_sertifikat IS NOT NULL",
            )
            .bind(g.program_id)
            .fetch_one(&mut *tx)
            .await?;
            let mut urut = u32::try_from(terbit).unwrap_or(0);
            let mut hasil = HasilKelulusan { selesai: Vec::new(), tidak_selesai: Vec::new() };
            for (peserta_id, pegawai_id, nip, hadir, post) in kelas {
                let why = aturan.periksa(
                    u32::try_from(hadir).unwrap_or(0),
                    u32::try_from(sesi).unwrap_or(0),
                    post.and_then(|n| u8::try_from(n).ok()),
                );
                let kunci = format!("{}/{nip}", g.kode);
                if why.is_empty() {
                    // The next free number (a number taken elsewhere, e.g. by an import, is skipped).
                    let nomor = loop {
                        urut += 1;
                        let n = nomor_sttpp(&g.kode, urut);
                        let dipakai: Option<(i64,)> = sqlx::query_as("SELECT peserta_id FROM peserta WHERE nomor_sertifikat = $1")
                            .bind(&n)
                            .fetch_optional(&mut *tx)
                            .await?;
                        if dipakai.is_none() {
                            break n;
                        }
                    };
                    sqlx::query(
                        "UPDATE peserta SET status = 'selesai', jp_diakui = $1, tanggal_selesai = $2, nomor_sertifikat = $3, \
                         alasan = NULL WHERE peserta_id = $4",
                    )
                    .bind(g.jp)
                    .bind(g.selesai)
                    .bind(&nomor)
                    .bind(peserta_id)
                    .execute(&mut *tx)
                    .await?;
                    // The credit counts in the year of the program's last day (the completion date).
                    crate::rekap_tambah!(&mut *tx, pegawai_id, Some(g.selesai), g.jalur, g.jp);
                    let after = serde_json::json!({"status": "selesai", "jp_diakui": g.jp, "nomor_sertifikat": nomor}).to_string();
                    crate::audit_record!(&mut *tx, actor, "lulus", "peserta", kunci.as_str(), None, Some(after));
                    hasil.selesai.push((nip, nomor));
                } else {
                    let alasan = why.join("; ");
                    sqlx::query("UPDATE peserta SET status = 'tidak_selesai', jp_diakui = 0, alasan = $1 WHERE peserta_id = $2")
                        .bind(&alasan)
                        .bind(peserta_id)
                        .execute(&mut *tx)
                        .await?;
                    let after = serde_json::json!({"status": "tidak_selesai", "alasan": alasan}).to_string();
                    crate::audit_record!(&mut *tx, actor, "tidak_lulus", "peserta", kunci.as_str(), None, Some(after));
                    hasil.tidak_selesai.push((nip, alasan));
                }
            }
            tx.commit().await?;
            hasil
        });
        Ok(hasil)
    }

    /// Records the certificate number an external organiser issued for a completed participant
    /// (e.g. LAN's own STTPP numbering), replacing the generated one; audited.
    ///
    /// # Errors
    /// `Invalid` (field `nomor_sertifikat`) for an empty number, a number already used for another
    /// completion, or a participant who has not completed; `NotFound` without a participation.
    pub async fn sertifikat_set_nomor(
        &self,
        actor: &Actor,
        program: &ProgramRow,
        pegawai_id: i64,
        nomor: &str,
    ) -> Result<()> {
        let nomor = bangkom_core::error::clean_text(
            "nomor_sertifikat",
            "nomor sertifikat",
            nomor,
            true,
            100,
        )
        .map_err(|e| DbError::Invalid(e.into()))?
        .unwrap_or_default();
        on!(self, pool => {
            let mut tx = pool.begin_write().await?;
            let row: Option<(i64, String, Option<String>)> = sqlx::query_as(
                "SELECT peserta_id, status, nomor_sertifikat FROM peserta WHERE program_id = $1 AND pegawai_id = $2",
            )
            .bind(program.program_id)
            .bind(pegawai_id)
            .fetch_optional(&mut *tx)
            .await?;
            let (id, status, lama) = row.ok_or(DbError::NotFound)?;
            if status != "selesai" {
                return Err(DbError::Invalid(ValidationErrors::single("nomor_sertifikat", "sertifikat hanya untuk peserta yang selesai")));
            }
            let dipakai: Option<(i64,)> = sqlx::query_as("SELECT peserta_id FROM peserta WHERE nomor_sertifikat = $1 AND peserta_id <> $2")
                .bind(&nomor)
                .bind(id)
                .fetch_optional(&mut *tx)
                .await?;
            if dipakai.is_some() {
                return Err(DbError::Invalid(ValidationErrors::single(
                    "nomor_sertifikat",
                    format!("nomor sertifikat {nomor} sudah dipakai untuk peserta lain"),
                )));
            }
            sqlx::query("UPDATE peserta SET nomor_sertifikat = $1 WHERE peserta_id = $2")
                .bind(&nomor)
                .bind(id)
                .execute(&mut *tx)
                .await?;
            let kunci = format!("{}#{id}", program.kode);
            crate::audit_record!(&mut *tx, actor, "nomor_sertifikat", "peserta", kunci.as_str(),
                Some(serde_json::json!({"nomor_sertifikat": lama}).to_string()),
                Some(serde_json::json!({"nomor_sertifikat": nomor}).to_string()));
            tx.commit().await?;
        });
        Ok(())
    }

    /// A certificate by its number (public verification).
    pub async fn sertifikat(&self, nomor: &str) -> Result<SertifikatRow> {
        const SQL: &str = "SELECT s.nomor_sertifikat AS nomor, p.nama, p.gelar_depan, p.gelar_belakang, g.kode, \
            g.nama AS program, g.penyelenggara, g.jalur, g.mulai, g.selesai, s.jp_diakui, s.status \
            FROM peserta s JOIN pegawai p ON p.pegawai_id = s.pegawai_id JOIN program g ON g.program_id = s.program_id \
            WHERE s.nomor_sertifikat = $1";
        let row: Option<SertifikatRow> =
            on!(self, pool => sqlx::query_as(SQL).bind(nomor).fetch_optional(pool).await?);
        row.ok_or(DbError::NotFound)
    }

    /// Changes a program's attributes and completion rules. The rules are frozen once someone
    /// completed (the completions were decided under them).
    ///
    /// # Errors
    /// `Invalid` for changed rules after completions or an unknown jabatan code.
    pub async fn program_atribut_set(
        &self,
        actor: &Actor,
        program: &ProgramRow,
        a: &ProgramAtribut,
    ) -> Result<()> {
        let mut errs = ValidationErrors::new();
        for code in a.sasaran_jabatan.as_deref().unwrap_or("").split(',') {
            let code = code.trim();
            if !code.is_empty()
                && !bangkom_core::jabatan::JenisJabatan::ALL
                    .iter()
                    .any(|j| j.code() == code)
            {
                errs.add(
                    "sasaran_jabatan",
                    format!("jenis jabatan tidak dikenal: {code}"),
                );
            }
        }
        if a.aturan.min_hadir_persen > 100 || a.aturan.min_nilai_post > 100 {
            errs.add("aturan", "syarat kelulusan harus 0–100");
        }
        if !errs.is_empty() {
            return Err(DbError::Invalid(errs));
        }
        on!(self, pool => {
            let mut tx = pool.begin_write().await?;
            let (selesai,): (i64,) = sqlx::query_as(
                "SELECT COUNT(*) FROM peserta WHERE program_id = $1 AND status IN ('selesai', 'tidak_selesai')",
            )
            .bind(program.program_id)
            .fetch_one(&mut *tx)
            .await?;
            if selesai > 0 && a.aturan != program.aturan() {
                return Err(DbError::Invalid(ValidationErrors::single(
                    "aturan",
                    "syarat kelulusan tidak dapat diubah: sudah ada peserta yang ditetapkan kelulusannya",
                )));
            }
            sqlx::query(
                "UPDATE program SET klasikal = $1, kompetensi = $2, sasaran_jabatan = $3, min_hadir_persen = $4, \
                 min_nilai_post = $5 WHERE program_id = $6",
            )
            .bind(a.klasikal)
            .bind(a.kompetensi.as_deref())
            .bind(a.sasaran_jabatan.as_deref())
            .bind(i64::from(a.aturan.min_hadir_persen))
            .bind(i64::from(a.aturan.min_nilai_post))
            .bind(program.program_id)
            .execute(&mut *tx)
            .await?;
            sqlx::query("DELETE FROM program_opd WHERE program_id = $1").bind(program.program_id).execute(&mut *tx).await?;
            for o in &a.opd {
                sqlx::query("INSERT INTO program_opd (program_id, org_id) VALUES ($1, $2)")
                    .bind(program.program_id)
                    .bind(*o)
                    .execute(&mut *tx)
                    .await?;
            }
            let after = serde_json::json!({"klasikal": a.klasikal, "kompetensi": a.kompetensi, "sasaran_jabatan": a.sasaran_jabatan,
                "opd": a.opd, "min_hadir_persen": a.aturan.min_hadir_persen, "min_nilai_post": a.aturan.min_nilai_post}).to_string();
            crate::audit_record!(&mut *tx, actor, "ubah", "program", program.kode.as_str(), None, Some(after));
            tx.commit().await?;
        });
        Ok(())
    }
}
