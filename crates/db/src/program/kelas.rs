//! What happens in class: sessions, attendance per session (one submit for the whole class) and
//! pre-/post-test scores. Only approved participants (`disetujui`) can be marked or scored; a
//! request naming anyone else is refused as a whole, before anything is written.

use std::collections::HashMap;

use bangkom_core::error::ValidationErrors;

use super::ProgramRow;
use crate::audit::Actor;
use crate::{BeginWrite, Db, DbError, Result, on};

/// A session to add.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SesiBaru {
    /// Day (within the program's dates).
    pub tanggal: time::Date,
    /// Start, HH:MM.
    pub jam_mulai: String,
    /// End, HH:MM (after the start).
    pub jam_selesai: String,
    /// Venue.
    pub tempat: Option<String>,
    /// Online link.
    pub tautan: Option<String>,
    /// Trainer.
    pub pengajar: Option<String>,
}

/// Scores of one participant (None = not taken / cleared).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NilaiBaru {
    /// NIP.
    pub nip: String,
    /// Pre-test 0..=100.
    pub pre: Option<u8>,
    /// Post-test 0..=100.
    pub post: Option<u8>,
}

/// Approved participants of a program inside a transaction: NIP → peserta id.
macro_rules! terdaftar {
    ($tx:expr, $program_id:expr) => {{
        let rows: Vec<(String, i64)> = sqlx::query_as(
            "SELECT p.nip, s.peserta_id FROM peserta s JOIN pegawai p ON p.pegawai_id = s.pegawai_id \
             WHERE s.program_id = $1 AND s.status = 'disetujui'",
        )
        .bind($program_id)
        .fetch_all(&mut *$tx)
        .await?;
        rows.into_iter().collect::<HashMap<String, i64>>()
    }};
}

fn bukan_peserta(field: &str, nips: &[&str]) -> DbError {
    DbError::Invalid(ValidationErrors::single(
        field,
        format!(
            "bukan peserta yang disetujui pada program ini: {}",
            nips.join(", ")
        ),
    ))
}

impl Db {
    /// Adds a session to a program.
    ///
    /// # Errors
    /// `Invalid` for a day outside the program, an end not after the start, or neither venue nor
    /// link.
    pub async fn sesi_add(&self, actor: &Actor, program: &ProgramRow, s: &SesiBaru) -> Result<i64> {
        let mut errs = ValidationErrors::new();
        if s.tanggal < program.mulai || s.tanggal > program.selesai {
            errs.add(
                "tanggal",
                format!(
                    "tanggal sesi harus dalam masa program ({} s.d. {})",
                    program.mulai, program.selesai
                ),
            );
        }
        if s.jam_selesai <= s.jam_mulai {
            errs.add("jam_selesai", "jam selesai harus setelah jam mulai");
        }
        if s.tempat.is_none() && s.tautan.is_none() {
            errs.add("tempat", "isi tempat atau tautan daring");
        }
        if !errs.is_empty() {
            return Err(DbError::Invalid(errs));
        }
        let id = on!(self, pool => {
            let mut tx = pool.begin_write().await?;
            let (id,): (i64,) = sqlx::query_as(
                "INSERT INTO sesi_program (program_id, tanggal, jam_mulai, jam_selesai, tempat, tautan, pengajar) \
                 VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING sesi_id",
            )
            .bind(program.program_id)
            .bind(s.tanggal)
            .bind(&s.jam_mulai)
            .bind(&s.jam_selesai)
            .bind(s.tempat.as_deref())
            .bind(s.tautan.as_deref())
            .bind(s.pengajar.as_deref())
            .fetch_one(&mut *tx)
            .await?;
            let after = serde_json::json!({"tanggal": s.tanggal.to_string(), "jam": format!("{}-{}", s.jam_mulai, s.jam_selesai),
                "tempat": s.tempat, "tautan": s.tautan, "pengajar": s.pengajar}).to_string();
            let kunci = format!("{}#{id}", program.kode);
            crate::audit_record!(&mut *tx, actor, "tambah", "sesi_program", kunci.as_str(), None, Some(after));
            tx.commit().await?;
            id
        });
        Ok(id)
    }

    /// Records the attendance of one session for the whole class at once: the NIPs in `hadir` were
    /// present, every other approved participant absent. Returns `(present, absent)`.
    ///
    /// # Errors
    /// `NotFound` for a session of another program; `Invalid` (field `hadir`) when a NIP is not an
    /// approved participant (nothing is written).
    pub async fn hadir_set(
        &self,
        actor: &Actor,
        program: &ProgramRow,
        sesi_id: i64,
        hadir: &[String],
    ) -> Result<(usize, usize)> {
        let counts = on!(self, pool => {
            let mut tx = pool.begin_write().await?;
            let sesi: Option<(i64,)> = sqlx::query_as(
                "SELECT sesi_id FROM sesi_program WHERE sesi_id = $1 AND program_id = $2",
            )
            .bind(sesi_id)
            .bind(program.program_id)
            .fetch_optional(&mut *tx)
            .await?;
            sesi.ok_or(DbError::NotFound)?;
            let kelas = terdaftar!(tx, program.program_id);
            let asing: Vec<&str> = hadir.iter().map(String::as_str).filter(|n| !kelas.contains_key(*n)).collect();
            if !asing.is_empty() {
                return Err(bukan_peserta("hadir", &asing));
            }
            let mut n_hadir = 0usize;
            for (nip, peserta_id) in &kelas {
                let ada = hadir.iter().any(|h| h == nip);
                n_hadir += usize::from(ada);
                sqlx::query(
                    "INSERT INTO kehadiran (sesi_id, peserta_id, hadir) VALUES ($1, $2, $3) \
                     ON CONFLICT (sesi_id, peserta_id) DO UPDATE SET hadir = excluded.hadir",
                )
                .bind(sesi_id)
                .bind(*peserta_id)
                .bind(ada)
                .execute(&mut *tx)
                .await?;
            }
            let after = serde_json::json!({"hadir": n_hadir, "tidak_hadir": kelas.len() - n_hadir}).to_string();
            let kunci = format!("{}#{sesi_id}", program.kode);
            crate::audit_record!(&mut *tx, actor, "presensi", "sesi_program", kunci.as_str(), None, Some(after));
            tx.commit().await?;
            (n_hadir, kelas.len() - n_hadir)
        });
        Ok(counts)
    }

    /// The NIPs marked present in a session.
    pub async fn hadir_nip(&self, sesi_id: i64) -> Result<Vec<String>> {
        let rows: Vec<(String,)> = on!(self, pool => sqlx::query_as(
            "SELECT p.nip FROM kehadiran k JOIN peserta s ON s.peserta_id = k.peserta_id \
             JOIN pegawai p ON p.pegawai_id = s.pegawai_id WHERE k.sesi_id = $1 AND k.hadir = TRUE ORDER BY p.nip")
            .bind(sesi_id).fetch_all(pool).await?);
        Ok(rows.into_iter().map(|r| r.0).collect())
    }

    /// Records pre- and post-test scores of approved participants (one transaction, one audit
    /// entry). A score above 100 is refused even if a caller skipped the core validation.
    ///
    /// # Errors
    /// `Invalid` (field `nilai`) for a NIP that is not an approved participant or a score above 100.
    pub async fn nilai_set(
        &self,
        actor: &Actor,
        program: &ProgramRow,
        rows: &[NilaiBaru],
    ) -> Result<usize> {
        if let Some(r) = rows
            .iter()
            .find(|r| r.pre.is_some_and(|n| n > 100) || r.post.is_some_and(|n| n > 100))
        {
            return Err(DbError::Invalid(ValidationErrors::single(
                "nilai",
                format!("nilai {} harus 0–100", r.nip),
            )));
        }
        on!(self, pool => {
            let mut tx = pool.begin_write().await?;
            let kelas = terdaftar!(tx, program.program_id);
            let asing: Vec<&str> = rows.iter().map(|r| r.nip.as_str()).filter(|n| !kelas.contains_key(*n)).collect();
            if !asing.is_empty() {
                return Err(bukan_peserta("nilai", &asing));
            }
            for r in rows {
                sqlx::query("UPDATE peserta SET nilai_pre = $1, nilai_post = $2 WHERE peserta_id = $3")
                    .bind(r.pre.map(i64::from))
                    .bind(r.post.map(i64::from))
                    .bind(kelas.get(&r.nip).copied())
                    .execute(&mut *tx)
                    .await?;
            }
            let after = serde_json::Value::Array(rows.iter().map(|r| serde_json::json!({"nip": r.nip, "pre": r.pre, "post": r.post})).collect()).to_string();
            crate::audit_record!(&mut *tx, actor, "nilai", "program", program.kode.as_str(), None, Some(after));
            tx.commit().await?;
        });
        Ok(rows.len())
    }
}
