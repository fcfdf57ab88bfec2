//! The batch of the queue-machine API: idempotent on `unit` + `tiket`. A ticket stored with the
//! same values is counted as already there; with other values it is a conflict and the whole batch
//! is refused, so a machine that re-sends after a lost response never duplicates nor silently
//! overwrites a record.

use std::collections::HashMap;

use bangkom_core::error::FieldError;

use super::{BATCH, TransaksiValues, insert_sql, ringkasan, ticket_lookup};
use crate::audit::Actor;
use crate::pegawai::RowConflict;
use crate::{BeginWrite, Db, DbError, Result, on};

/// What a batch did.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct BatchOutcome {
    /// Transactions written now.
    pub baru: usize,
    /// Transactions already stored with the same values.
    pub sudah_ada: usize,
}

/// A stored transaction, as compared with a re-sent one.
#[derive(Debug, sqlx::FromRow)]
struct Stored {
    unit_id: i64,
    tiket: String,
    layanan: String,
    mulai: time::OffsetDateTime,
    durasi_detik: i64,
    nip_petugas: Option<String>,
    kanal: Option<String>,
}

/// Microseconds since the epoch: PostgreSQL keeps timestamps to the microsecond, SQLite keeps the
/// text as given, so a re-sent time is compared at the precision both hold.
fn micros(t: time::OffsetDateTime) -> i128 {
    t.unix_timestamp_nanos() / 1000
}

/// The input fields in which `v` differs from the stored record (`selesai` when the duration does).
fn differing(s: &Stored, v: &TransaksiValues) -> Vec<&'static str> {
    let mut out = Vec::new();
    if s.layanan != v.t.layanan {
        out.push("layanan");
    }
    if micros(s.mulai) != micros(v.t.mulai) {
        out.push("mulai");
    }
    if s.durasi_detik != v.t.durasi_detik {
        out.push("selesai");
    }
    if s.nip_petugas != v.t.nip_petugas {
        out.push("nip_petugas");
    }
    if s.kanal != v.t.kanal {
        out.push("kanal");
    }
    out
}

impl Db {
    /// Stores a batch of transactions (distinct `(unit, tiket)` pairs) in one transaction. Tickets
    /// already stored with identical values are skipped and counted; a ticket stored with other
    /// values is a conflict on `tiket` naming the differing fields, and then nothing is written.
    ///
    /// Two machines may send the same new ticket at once: on PostgreSQL the second insert then
    /// fails on the unique key after the first commits. The batch is then retried (up to three
    /// times), and the retry sees the stored ticket and compares it like any re-send.
    pub async fn transaksi_batch(
        &self,
        actor: &Actor,
        rows: &[(usize, TransaksiValues)],
    ) -> Result<std::result::Result<BatchOutcome, Vec<RowConflict>>> {
        let mut tries = 0;
        loop {
            match self.transaksi_batch_once(actor, rows).await {
                Err(DbError::Conflict(_)) if tries < 3 => tries += 1,
                other => return other,
            }
        }
    }

    async fn transaksi_batch_once(
        &self,
        actor: &Actor,
        rows: &[(usize, TransaksiValues)],
    ) -> Result<std::result::Result<BatchOutcome, Vec<RowConflict>>> {
        let mut conflicts = Vec::new();
        let mut out = BatchOutcome::default();
        let mut written: Vec<&TransaksiValues> = Vec::new();
        on!(self, p => {
            let mut tx = p.begin_write().await?;
            for chunk in rows.chunks(BATCH) {
                let q = ticket_lookup(
                    "unit_id, tiket, layanan, mulai, durasi_detik, nip_petugas, kanal",
                    chunk.iter().map(|(_, v)| v),
                );
                let text = q.text_for(self);
                let stored: Vec<Stored> = crate::bind_args!(sqlx::query_as(&text), &q.args).fetch_all(&mut *tx).await?;
                let stored: HashMap<(i64, &str), &Stored> =
                    stored.iter().map(|s| ((s.unit_id, s.tiket.as_str()), s)).collect();
                let mut fresh = Vec::new();
                for (row, v) in chunk {
                    match stored.get(&(v.unit_id, v.t.tiket.as_str())) {
                        None => fresh.push(v),
                        Some(s) => {
                            let diff = differing(s, v);
                            if diff.is_empty() {
                                out.sudah_ada += 1;
                            } else {
                                let msg = format!(
                                    "tiket {} sudah tercatat untuk unit ini dengan data berbeda ({})",
                                    v.t.tiket,
                                    diff.join(", ")
                                );
                                conflicts.push(RowConflict { row: *row, error: FieldError::new("tiket", msg) });
                            }
                        }
                    }
                }
                if !conflicts.is_empty() || fresh.is_empty() {
                    continue;
                }
                let ins = insert_sql(fresh.iter().copied());
                let text = ins.text_for(self);
                crate::bind_args!(sqlx::query(&text), &ins.args).execute(&mut *tx).await?;
                out.baru += fresh.len();
                written.extend(fresh);
            }
            if !conflicts.is_empty() {
                tx.rollback().await?;
                return Ok(Err(conflicts));
            }
            let add = ringkasan::tambahan(written.iter().copied());
            ringkasan::ringkasan_tambah!(self, tx, &add);
            if out.baru > 0 {
                let summary = serde_json::json!({"sumber": "api", "baru": out.baru, "sudah_ada": out.sudah_ada}).to_string();
                crate::audit_record!(&mut *tx, actor, "tambah", "layanan_transaksi", "api", None, Some(summary));
            }
            tx.commit().await?;
        });
        Ok(Ok(out))
    }
}
