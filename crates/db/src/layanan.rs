//! Public-service transactions and service types (REFERENCE §6): storage, duplicate-ticket checks
//! and the durations behind the service-time statistics.
//!
//! - `batch`: the idempotent batch of the queue-machine API (same ticket, same values = stored).
//! - `standar`: service standards per unit, OPD or pemda (*standar pelayanan*).
//! - `ringkasan`: monthly summaries of the durations, updated in every write transaction, behind
//!   the fast and exact statistics.

use std::collections::{HashMap, HashSet};

use bangkom_core::error::FieldError;
use bangkom_core::layanan::Transaksi;

use crate::audit::Actor;
use crate::pegawai::RowConflict;
use crate::query::Sql;
use crate::{Arg, BeginWrite, Db, Result, on};

mod batch;
mod hitung;
pub(crate) mod impor;
mod impor_lite;
pub mod ringkasan;
mod standar;

pub use batch::BatchOutcome;
pub use ringkasan::Sebaran;
pub use standar::{StandarRow, StandarTable};

/// A service type with its standard time.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow, serde::Serialize)]
pub struct JenisLayanan {
    /// Code (`ktp-el`).
    pub kode: String,
    /// Name.
    pub nama: String,
    /// Standard completion time, minutes.
    pub standar_menit: i64,
}

/// A validated transaction with its unit resolved.
#[derive(Debug, Clone)]
pub struct TransaksiValues {
    /// The transaction.
    pub t: Transaksi,
    /// Unit org id.
    pub unit_id: i64,
}

/// One transaction's figures for the statistics.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct Durasi {
    /// Service type.
    pub layanan: String,
    /// Seconds.
    pub durasi_detik: i64,
    /// The standard in force at the unit (its own, an ancestor's, or the type's), minutes.
    pub standar_menit: i64,
    /// Unit.
    pub unit_id: i64,
}

const BATCH: usize = 300;

impl Db {
    /// The service types.
    pub async fn jenis_layanan(&self) -> Result<Vec<JenisLayanan>> {
        Ok(
            on!(self, p => sqlx::query_as("SELECT kode, nama, standar_menit FROM jenis_layanan ORDER BY kode").fetch_all(p).await?),
        )
    }

    /// Stores transactions in one transaction. A ticket already stored for the unit is a row
    /// conflict and nothing is written (imports are all or nothing).
    pub async fn transaksi_insert(
        &self,
        actor: &Actor,
        rows: &[(usize, TransaksiValues)],
    ) -> Result<std::result::Result<usize, Vec<RowConflict>>> {
        let mut conflicts = Vec::new();
        on!(self, p => {
            let mut tx = p.begin_write().await?;
            for chunk in rows.chunks(BATCH) {
                let q = ticket_lookup("unit_id, tiket", chunk.iter().map(|(_, v)| v));
                let text = q.text_for(self);
                let taken: Vec<(i64, String)> = crate::bind_args!(sqlx::query_as(&text), &q.args).fetch_all(&mut *tx).await?;
                let taken: HashSet<(i64, &str)> = taken.iter().map(|(u, t)| (*u, t.as_str())).collect();
                for (row, v) in chunk {
                    if taken.contains(&(v.unit_id, v.t.tiket.as_str())) {
                        conflicts.push(RowConflict { row: *row, error: FieldError::new("tiket", format!("tiket {} sudah tercatat untuk unit ini", v.t.tiket)) });
                    }
                }
                if !conflicts.is_empty() {
                    continue;
                }
                let ins = insert_sql(chunk.iter().map(|(_, v)| v));
                let text = ins.text_for(self);
                crate::bind_args!(sqlx::query(&text), &ins.args).execute(&mut *tx).await?;
            }
            if !conflicts.is_empty() {
                tx.rollback().await?;
                return Ok(Err(conflicts));
            }
            let t0 = std::time::Instant::now();
            let add = ringkasan::tambahan(rows.iter().map(|(_, v)| v));
            ringkasan::ringkasan_tambah!(self, tx, &add);
            tracing::debug!(ms = t0.elapsed().as_millis(), sel = add.cells.len(), "impor layanan: ringkasan");
            let summary = serde_json::json!({"jumlah": rows.len()}).to_string();
            crate::audit_record!(&mut *tx, actor, "impor", "layanan_transaksi", "impor", None, Some(summary));
            tx.commit().await?;
        });
        Ok(Ok(rows.len()))
    }

    /// Durations of the transactions of the units (None = all) whose WIB date lies in
    /// `from..=to`, optionally of one service type, each with the standard in force at its unit,
    /// read row by row: the full recomputation that [`Db::layanan_sebaran`] is tested against.
    pub async fn layanan_durasi(
        &self,
        units: Option<&[i64]>,
        from: time::Date,
        to: time::Date,
        layanan: Option<&str>,
    ) -> Result<Vec<Durasi>> {
        let mut q = Sql::new(
            "SELECT t.layanan, t.durasi_detik, j.standar_menit, t.unit_id FROM layanan_transaksi t \
             JOIN jenis_layanan j ON j.kode = t.layanan WHERE t.tanggal >= $1 AND t.tanggal <= $2",
        );
        q.args.push(Arg::D(from));
        q.args.push(Arg::D(to));
        if let Some(l) = layanan {
            let a = q.arg(Arg::T(l.to_string()));
            q.push(&format!(" AND t.layanan = {a}"));
        }
        if let Some(ids) = units {
            q.push(&format!(" AND t.unit_id IN {}", Sql::id_list(ids)));
        }
        let mut rows: Vec<Durasi> =
            on!(self, p => crate::bind_args!(sqlx::query_as(&q.text), &q.args).fetch_all(p).await?);
        let standar = self.layanan_standar().await?;
        if !standar.no_overrides() {
            let org = self.org_index().await?;
            let mut known: HashMap<(i64, String), i64> = HashMap::new();
            for r in &mut rows {
                let key = (r.unit_id, r.layanan.clone());
                r.standar_menit = *known.entry(key).or_insert_with(|| {
                    standar
                        .menit(&org, r.unit_id, &r.layanan)
                        .unwrap_or(r.standar_menit)
                });
            }
        }
        Ok(rows)
    }

    /// Number of stored transactions.
    pub async fn transaksi_count(&self) -> Result<i64> {
        let (n,): (i64,) = on!(self, p => sqlx::query_as("SELECT COUNT(*) FROM layanan_transaksi").fetch_one(p).await?);
        Ok(n)
    }
}

/// `SELECT {cols} FROM layanan_transaksi` of the stored tickets among a batch's `(unit, tiket)`.
fn ticket_lookup<'a>(cols: &str, rows: impl Iterator<Item = &'a TransaksiValues>) -> Sql {
    let mut q = Sql::new(&format!("SELECT {cols} FROM layanan_transaksi WHERE "));
    for (i, v) in rows.enumerate() {
        if i > 0 {
            q.push(" OR ");
        }
        let a = q.arg(Arg::I(v.unit_id));
        let b = q.arg(Arg::T(v.t.tiket.clone()));
        q.push(&format!("(unit_id = {a} AND tiket = {b})"));
    }
    q
}

/// `INSERT INTO layanan_transaksi … VALUES (…), (…)` for a batch (at most [`BATCH`] rows).
fn insert_sql<'a>(rows: impl Iterator<Item = &'a TransaksiValues>) -> Sql {
    let mut ins = Sql::new(
        "INSERT INTO layanan_transaksi (unit_id, layanan, tiket, mulai, tanggal, durasi_detik, nip_petugas, kanal) VALUES ",
    );
    for (i, v) in rows.enumerate() {
        if i > 0 {
            ins.push(",");
        }
        let ph = [
            Arg::I(v.unit_id),
            Arg::T(v.t.layanan.clone()),
            Arg::T(v.t.tiket.clone()),
            Arg::Ts(v.t.mulai),
            Arg::D(v.t.tanggal),
            Arg::I(v.t.durasi_detik),
            v.t.nip_petugas.clone().map_or(Arg::NT, Arg::T),
            v.t.kanal.clone().map_or(Arg::NT, Arg::T),
        ]
        .into_iter()
        .map(|a| ins.arg(a))
        .collect::<Vec<_>>();
        ins.push(&format!("({})", ph.join(",")));
    }
    ins
}

/// Service types by code (for validation).
pub fn by_kode(list: &[JenisLayanan]) -> HashMap<&str, &JenisLayanan> {
    list.iter().map(|j| (j.kode.as_str(), j)).collect()
}
