//! The ASN registry (*pegawai*): list with search, filters, sort and pagination; detail with the
//! position history; save one record (form, API) with history and audit.
//!
//! Scope: every read and write takes a [`Scope`]; a record outside it behaves as if it did not
//! exist ([`DbError::NotFound`]), so an operator cannot even learn that another OPD's NIP exists.

mod bulk;
mod list;
mod save;

pub use crate::import::ImportBatch;
pub use bulk::ImportResult;
pub use list::{Page, PegawaiFilter, Sort};
pub use save::{ImportCounts, PegawaiValues, RowConflict, SaveOutcome};

use serde::Serialize;

use crate::{Db, DbError, Result, on};

/// Which employees a caller may see.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Scope {
    /// Everyone (admin, pimpinan).
    Semua,
    /// Employees of these OPDs (org ids of OPD nodes).
    Opd(Vec<i64>),
    /// One employee's own record.
    Pegawai(i64),
    /// Nothing.
    Tidak,
}

impl Scope {
    /// SQL condition on the `pegawai` table (ids are integers from our own tables, inlined).
    pub(crate) fn condition(&self) -> String {
        match self {
            Scope::Semua => "1=1".into(),
            Scope::Opd(ids) => format!("opd_id IN {}", crate::query::Sql::id_list(ids)),
            Scope::Pegawai(id) => format!("pegawai_id = {id}"),
            Scope::Tidak => "1=0".into(),
        }
    }
    /// The same condition on a `pegawai` table under an alias (`p` → `p.opd_id IN …`).
    pub(crate) fn condition_on(&self, alias: &str) -> String {
        match self {
            Scope::Semua => "1=1".into(),
            Scope::Opd(ids) => format!("{alias}.opd_id IN {}", crate::query::Sql::id_list(ids)),
            Scope::Pegawai(id) => format!("{alias}.pegawai_id = {id}"),
            Scope::Tidak => "1=0".into(),
        }
    }
    /// May a record with this OPD be written or read?
    pub fn allows_opd(&self, opd_id: i64) -> bool {
        match self {
            Scope::Semua => true,
            Scope::Opd(ids) => ids.contains(&opd_id),
            Scope::Pegawai(_) | Scope::Tidak => false,
        }
    }
}

/// One employee as stored.
#[derive(Debug, Clone, PartialEq, sqlx::FromRow, Serialize)]
pub struct PegawaiRow {
    /// Key.
    pub pegawai_id: i64,
    /// NIP (or NI PPPK).
    pub nip: String,
    /// Name without titles.
    pub nama: String,
    /// Title before the name (dr., Drs.).
    pub gelar_depan: Option<String>,
    /// Title after the name (S.Kom., M.Si.).
    pub gelar_belakang: Option<String>,
    /// `L` or `P`.
    pub jenis_kelamin: String,
    /// Birth date.
    pub tanggal_lahir: time::Date,
    /// `PNS` or `PPPK`.
    pub jenis_asn: String,
    /// `III/a` or `IX`.
    pub golongan: String,
    /// Sort order of the golongan.
    pub golongan_rank: i64,
    /// `jpt_pratama`, `administrator`, `pengawas`, `fungsional`, `pelaksana`, …
    pub jenis_jabatan: String,
    /// Position name.
    pub jabatan: String,
    /// Position level (Ahli Muda, Terampil, …).
    pub jenjang: Option<String>,
    /// Unit (org id).
    pub unit_id: i64,
    /// OPD (org id).
    pub opd_id: i64,
    /// Pemda (org id).
    pub pemda_id: i64,
    /// `aktif`, `cuti`, `pensiun`, `pindah`.
    pub status: String,
    /// Start of the current position.
    pub tmt_jabatan: Option<time::Date>,
}

impl PegawaiRow {
    /// Name with titles, as written on documents.
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

/// An ended position.
#[derive(Debug, Clone, PartialEq, sqlx::FromRow, Serialize)]
pub struct RiwayatRow {
    /// Position type code.
    pub jenis_jabatan: String,
    /// Position name.
    pub jabatan: String,
    /// Level.
    pub jenjang: Option<String>,
    /// Golongan held then.
    pub golongan: String,
    /// Unit (org id).
    pub unit_id: i64,
    /// Start, when known.
    pub mulai: Option<time::Date>,
    /// End.
    pub selesai: time::Date,
}

pub(crate) const COLUMNS: &str = "pegawai_id, nip, nama, gelar_depan, gelar_belakang, jenis_kelamin, \
    tanggal_lahir, jenis_asn, golongan, golongan_rank, jenis_jabatan, jabatan, jenjang, unit_id, opd_id, \
    pemda_id, status, tmt_jabatan";

/// Lowercased words of a name, for the word-prefix search table.
pub(crate) fn words(nama: &str) -> Vec<String> {
    let mut v: Vec<String> = nama
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect();
    v.sort();
    v.dedup();
    v
}

impl Db {
    /// One employee by NIP, within scope.
    pub async fn pegawai_by_nip(&self, scope: &Scope, nip: &str) -> Result<PegawaiRow> {
        let sql = format!(
            "SELECT {COLUMNS} FROM pegawai WHERE nip = $1 AND {}",
            scope.condition()
        );
        let row: Option<PegawaiRow> =
            on!(self, p => sqlx::query_as(&sql).bind(nip).fetch_optional(p).await?);
        row.ok_or(DbError::NotFound)
    }

    /// One employee by id, within scope.
    pub async fn pegawai_by_id(&self, scope: &Scope, id: i64) -> Result<PegawaiRow> {
        let sql = format!(
            "SELECT {COLUMNS} FROM pegawai WHERE pegawai_id = $1 AND {}",
            scope.condition()
        );
        let row: Option<PegawaiRow> =
            on!(self, p => sqlx::query_as(&sql).bind(id).fetch_optional(p).await?);
        row.ok_or(DbError::NotFound)
    }

    /// Ended positions of an employee, newest first.
    pub async fn riwayat_jabatan(&self, pegawai_id: i64) -> Result<Vec<RiwayatRow>> {
        const SQL: &str = "SELECT jenis_jabatan, jabatan, jenjang, golongan, unit_id, mulai, selesai \
            FROM riwayat_jabatan WHERE pegawai_id = $1 ORDER BY selesai DESC, riwayat_id DESC";
        Ok(on!(self, p => sqlx::query_as(SQL).bind(pegawai_id).fetch_all(p).await?))
    }

    /// Number of employees (all).
    pub async fn pegawai_count(&self) -> Result<i64> {
        let (n,): (i64,) =
            on!(self, p => sqlx::query_as("SELECT COUNT(*) FROM pegawai").fetch_one(p).await?);
        Ok(n)
    }
}

impl Db {
    /// Employees per pemda within scope: `(pemda org id, count)`.
    pub async fn pegawai_count_by_pemda(&self, scope: &Scope) -> Result<Vec<(i64, i64)>> {
        let sql = format!(
            "SELECT pemda_id, COUNT(*) FROM pegawai WHERE {} GROUP BY pemda_id ORDER BY pemda_id",
            scope.condition()
        );
        Ok(on!(self, p => sqlx::query_as(&sql).fetch_all(p).await?))
    }
}

impl Db {
    /// NIP → id of every employee (for loaders that link records by NIP).
    pub async fn pegawai_id_map(&self) -> Result<std::collections::HashMap<String, i64>> {
        let rows: Vec<(String, i64)> = on!(self, p => sqlx::query_as("SELECT nip, pegawai_id FROM pegawai").fetch_all(p).await?);
        Ok(rows.into_iter().collect())
    }
}
