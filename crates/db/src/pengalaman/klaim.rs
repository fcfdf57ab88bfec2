//! External learning claims (issue 4 §5): an employee reports learning done elsewhere (a seminar,
//! an e-learning course) with evidence; the administrator, or an operator of the employee's OPD
//! (the web layer checks the scope), verifies it — possibly with fewer JP than claimed — or rejects
//! it with a reason. Only a verified claim credits JP, once, dated its last day.

use bangkom_core::error::ValidationErrors;
use bangkom_core::jp::Jalur;
use bangkom_core::pengalaman::{periksa_dasar, periksa_tautan};
use serde::Serialize;

use super::{invalid, invalid1, isi};
use crate::audit::Actor;
use crate::pegawai::Scope;
use crate::{BeginWrite, Db, DbError, Result, on};

/// A claim as submitted.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KlaimBaru {
    /// Claimant.
    pub pegawai_id: i64,
    /// Title of the seminar or course.
    pub judul: String,
    /// Organiser.
    pub penyelenggara: String,
    /// Jalur (SIASN id).
    pub jalur: Jalur,
    /// First day.
    pub mulai: time::Date,
    /// Last day (decides the JP year).
    pub selesai: time::Date,
    /// JP claimed.
    pub jp: u32,
    /// Evidence as text (certificate number, what was learnt).
    pub bukti: String,
    /// Link to the evidence.
    pub tautan: Option<String>,
}

/// The decision on a claim.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Putusan {
    /// Verified, crediting this many JP (at most the JP claimed; `None` = as claimed).
    Verifikasi(Option<u32>),
    /// Rejected, with the reason.
    Tolak(String),
}

/// A claim as read.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, sqlx::FromRow)]
pub struct KlaimRow {
    /// Key.
    pub klaim_id: i64,
    /// Claimant.
    pub pegawai_id: i64,
    /// Claimant's NIP.
    pub nip: String,
    /// Claimant's name.
    pub nama: String,
    /// Claimant's OPD.
    pub opd_id: i64,
    /// Title.
    pub judul: String,
    /// Organiser.
    pub penyelenggara: String,
    /// SIASN jalur id.
    pub jalur: i64,
    /// First day.
    pub mulai: time::Date,
    /// Last day.
    pub selesai: time::Date,
    /// JP claimed.
    pub jp_klaim: i64,
    /// JP credited (verified claims).
    pub jp_diakui: Option<i64>,
    /// Evidence text.
    pub bukti: String,
    /// Evidence link.
    pub tautan: Option<String>,
    /// `diajukan`, `diverifikasi`, `ditolak`.
    pub status: String,
    /// Reason of a rejection.
    pub alasan: Option<String>,
    /// Who decided.
    pub diputuskan_oleh: Option<String>,
}

const SELECT: &str = "SELECT k.klaim_id, k.pegawai_id, p.nip, p.nama, p.opd_id, k.judul, k.penyelenggara, k.jalur, \
    k.mulai, k.selesai, k.jp_klaim, j.jp AS jp_diakui, k.bukti, k.tautan, k.status, k.alasan, k.diputuskan_oleh \
    FROM klaim_belajar k JOIN pegawai p ON p.pegawai_id = k.pegawai_id \
    LEFT JOIN jp_kredit j ON j.sumber = 'klaim' AND j.sumber_id = k.klaim_id";

impl Db {
    /// Submits a claim, audited. The learning must have ended by `hari_ini`.
    pub async fn klaim_add(
        &self,
        actor: &Actor,
        k: &KlaimBaru,
        hari_ini: time::Date,
    ) -> Result<i64> {
        let mut errs = ValidationErrors::new();
        periksa_dasar(&mut errs, &k.judul, k.mulai, k.selesai, Some(k.jp));
        if k.penyelenggara.trim().is_empty() {
            errs.add("penyelenggara", "penyelenggara wajib diisi");
        }
        if k.bukti.trim().is_empty() {
            errs.add(
                "bukti",
                "bukti wajib diisi (nomor sertifikat, ringkasan materi)",
            );
        }
        if k.selesai > hari_ini {
            errs.add(
                "selesai",
                "pembelajaran yang belum selesai belum dapat diklaim",
            );
        }
        periksa_tautan(&mut errs, "tautan", k.tautan.as_deref());
        if !errs.is_empty() {
            return Err(invalid(errs));
        }
        let id: i64 = on!(self, pool => {
            let mut tx = pool.begin_write().await?;
            let (id,): (i64,) = sqlx::query_as(
                "INSERT INTO klaim_belajar (pegawai_id, judul, penyelenggara, jalur, mulai, selesai, jp_klaim, bukti, tautan, diajukan) \
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING klaim_id",
            )
            .bind(k.pegawai_id)
            .bind(k.judul.trim())
            .bind(k.penyelenggara.trim())
            .bind(i64::from(k.jalur.id()))
            .bind(k.mulai)
            .bind(k.selesai)
            .bind(i64::from(k.jp))
            .bind(k.bukti.trim())
            .bind(isi(k.tautan.as_deref()))
            .bind(crate::now())
            .fetch_one(&mut *tx)
            .await?;
            let after = serde_json::json!({"pegawai_id": k.pegawai_id, "judul": k.judul.trim(), "jp": k.jp, "jalur": k.jalur.id()}).to_string();
            let kunci = id.to_string();
            crate::audit_record!(&mut *tx, actor, "ajukan", "klaim_belajar", kunci.as_str(), None, Some(after));
            tx.commit().await?;
            id
        });
        Ok(id)
    }

    /// One claim.
    pub async fn klaim_by_id(&self, id: i64) -> Result<KlaimRow> {
        let sql = format!("{SELECT} WHERE k.klaim_id = $1");
        let row: Option<KlaimRow> =
            on!(self, pool => sqlx::query_as(&sql).bind(id).fetch_optional(pool).await?);
        row.ok_or(DbError::NotFound)
    }

    /// Claims of the employees in scope (optionally of one status), pending first then newest.
    pub async fn klaim_list(
        &self,
        scope: &Scope,
        status: Option<&str>,
        limit: i64,
    ) -> Result<Vec<KlaimRow>> {
        let mut sql = format!("{SELECT} WHERE {}", scope.condition_on("p"));
        if status.is_some() {
            sql.push_str(" AND k.status = $1");
        }
        sql.push_str(&format!(
            " ORDER BY CASE WHEN k.status = 'diajukan' THEN 0 ELSE 1 END, k.selesai DESC, k.klaim_id DESC LIMIT {limit}"
        ));
        Ok(on!(self, pool => {
            let q = sqlx::query_as(&sql);
            let q = match status { Some(s) => q.bind(s.to_string()), None => q };
            q.fetch_all(pool).await?
        }))
    }

    /// Decides a pending claim, audited. A verification credits the JP once; a decided claim
    /// cannot be decided again (a conflict).
    pub async fn klaim_putus(&self, actor: &Actor, id: i64, putusan: &Putusan) -> Result<KlaimRow> {
        let k = self.klaim_by_id(id).await?;
        if k.status != "diajukan" {
            return Err(DbError::Conflict(format!(
                "klaim ini sudah diputuskan ({})",
                k.status
            )));
        }
        let (status, alasan, jp) = match putusan {
            Putusan::Verifikasi(jp) => {
                let jp = jp.map_or(k.jp_klaim, i64::from);
                if !(1..=k.jp_klaim).contains(&jp) {
                    return Err(invalid1(
                        "jp",
                        format!("JP diakui harus 1–{} (JP yang diklaim)", k.jp_klaim),
                    ));
                }
                ("diverifikasi", None, jp)
            }
            Putusan::Tolak(alasan) => {
                let a = alasan.trim();
                if a.is_empty() {
                    return Err(invalid1("alasan", "alasan penolakan wajib diisi"));
                }
                ("ditolak", Some(a.to_string()), 0)
            }
        };
        on!(self, pool => {
            let mut tx = pool.begin_write().await?;
            let done = sqlx::query(
                "UPDATE klaim_belajar SET status = $2, alasan = $3, diputuskan_oleh = $4, diputuskan_pada = $5 \
                 WHERE klaim_id = $1 AND status = 'diajukan'",
            )
            .bind(id)
            .bind(status)
            .bind(alasan.as_deref())
            .bind(actor.nama.as_str())
            .bind(crate::now())
            .execute(&mut *tx)
            .await?;
            if done.rows_affected() != 1 {
                return Err(DbError::Conflict("klaim ini sudah diputuskan".into()));
            }
            if jp > 0 {
                let added = sqlx::query(
                    "INSERT INTO jp_kredit (pegawai_id, sumber, sumber_id, jalur, jp, tanggal) \
                     VALUES ($1, 'klaim', $2, $3, $4, $5) ON CONFLICT (sumber, sumber_id) DO NOTHING",
                )
                .bind(k.pegawai_id)
                .bind(id)
                .bind(k.jalur)
                .bind(jp)
                .bind(k.selesai)
                .execute(&mut *tx)
                .await?;
                if added.rows_affected() == 1 {
                    crate::rekap_tambah!(&mut *tx, k.pegawai_id, Some(k.selesai), k.jalur, jp);
                }
            }
            let after = serde_json::json!({"status": status, "alasan": alasan, "jp": jp, "nip": k.nip}).to_string();
            let kunci = id.to_string();
            crate::audit_record!(&mut *tx, actor, "putus", "klaim_belajar", kunci.as_str(), Some(serde_json::json!({"status": "diajukan"}).to_string()), Some(after));
            tx.commit().await?;
        });
        self.klaim_by_id(id).await
    }
}
