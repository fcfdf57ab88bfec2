//! The learning log (*catatan belajar*): the employee's own entries with evidence (a text and an
//! optional link; no uploads), optionally tied to one of their activities; coaching and mentoring
//! sessions are entries of kind `sesi`.

use bangkom_core::error::ValidationErrors;
use bangkom_core::pengalaman::periksa_tautan;
use serde::Serialize;

use super::{invalid, isi};
use crate::audit::Actor;
use crate::{BeginWrite, Db, Result, on};

/// An entry as entered.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CatatanBaru {
    /// Whose log.
    pub pegawai_id: i64,
    /// The activity it belongs to (must be the same employee's).
    pub pengalaman_id: Option<i64>,
    /// A coaching/mentoring session rather than a plain entry.
    pub sesi: bool,
    /// Day of the learning.
    pub tanggal: time::Date,
    /// What was learnt, and the evidence.
    pub uraian: String,
    /// Link to the evidence.
    pub tautan: Option<String>,
}

/// An entry as read.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, sqlx::FromRow)]
pub struct CatatanRow {
    /// Key.
    pub catatan_id: i64,
    /// Activity, if any.
    pub pengalaman_id: Option<i64>,
    /// The activity's title.
    pub judul: Option<String>,
    /// `catatan` or `sesi`.
    pub jenis: String,
    /// Day.
    pub tanggal: time::Date,
    /// Text.
    pub uraian: String,
    /// Evidence link.
    pub tautan: Option<String>,
}

impl Db {
    /// Adds an entry to the log, audited. `hari_ini` bounds the date (no entries in the future).
    pub async fn catatan_add(
        &self,
        actor: &Actor,
        c: &CatatanBaru,
        hari_ini: time::Date,
    ) -> Result<i64> {
        let mut errs = ValidationErrors::new();
        let uraian = c.uraian.trim();
        if uraian.is_empty() {
            errs.add("uraian", "uraian pembelajaran wajib diisi");
        } else if uraian.chars().count() > 4000 {
            errs.add("uraian", "uraian paling panjang 4000 karakter");
        }
        if c.tanggal > hari_ini {
            errs.add("tanggal", "tanggal tidak boleh di masa depan");
        }
        periksa_tautan(&mut errs, "tautan", c.tautan.as_deref());
        if let Some(pid) = c.pengalaman_id {
            match self.pengalaman_by_id(pid).await {
                Ok(x) if x.pegawai_id == c.pegawai_id => {}
                _ => errs.add(
                    "pengalaman",
                    "kegiatan tidak ditemukan di catatan pegawai ini",
                ),
            }
        }
        if c.sesi && c.pengalaman_id.is_none() {
            errs.add(
                "pengalaman",
                "sesi coaching/mentoring harus memilih kegiatannya",
            );
        }
        if !errs.is_empty() {
            return Err(invalid(errs));
        }
        let jenis = if c.sesi { "sesi" } else { "catatan" };
        let id: i64 = on!(self, pool => {
            let mut tx = pool.begin_write().await?;
            let (id,): (i64,) = sqlx::query_as(
                "INSERT INTO catatan_belajar (pegawai_id, pengalaman_id, jenis, tanggal, uraian, tautan, dibuat) \
                 VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING catatan_id",
            )
            .bind(c.pegawai_id)
            .bind(c.pengalaman_id)
            .bind(jenis)
            .bind(c.tanggal)
            .bind(uraian)
            .bind(isi(c.tautan.as_deref()))
            .bind(crate::now())
            .fetch_one(&mut *tx)
            .await?;
            let after = serde_json::json!({"pegawai_id": c.pegawai_id, "jenis": jenis, "tanggal": c.tanggal.to_string()}).to_string();
            let kunci = id.to_string();
            crate::audit_record!(&mut *tx, actor, "catat", "catatan_belajar", kunci.as_str(), None, Some(after));
            tx.commit().await?;
            id
        });
        Ok(id)
    }

    /// An employee's log, newest first.
    pub async fn catatan_list(&self, pegawai_id: i64) -> Result<Vec<CatatanRow>> {
        const SQL: &str = "SELECT c.catatan_id, c.pengalaman_id, x.judul, c.jenis, c.tanggal, c.uraian, c.tautan \
            FROM catatan_belajar c LEFT JOIN pengalaman x ON x.pengalaman_id = c.pengalaman_id \
            WHERE c.pegawai_id = $1 ORDER BY c.tanggal DESC, c.catatan_id DESC";
        Ok(on!(self, pool => sqlx::query_as(SQL).bind(pegawai_id).fetch_all(pool).await?))
    }

    /// The entries of one activity (for its mentor or assessor), oldest first.
    pub async fn catatan_kegiatan(&self, pengalaman_id: i64) -> Result<Vec<CatatanRow>> {
        const SQL: &str = "SELECT c.catatan_id, c.pengalaman_id, x.judul, c.jenis, c.tanggal, c.uraian, c.tautan \
            FROM catatan_belajar c JOIN pengalaman x ON x.pengalaman_id = c.pengalaman_id \
            WHERE c.pengalaman_id = $1 ORDER BY c.tanggal, c.catatan_id";
        Ok(on!(self, pool => sqlx::query_as(SQL).bind(pengalaman_id).fetch_all(pool).await?))
    }
}
