//! The write of a large import (issue 5 figures: 10,000,000 rows at 500,000 rows/s): multi-row
//! `INSERT … ON CONFLICT (unit_id, tiket) DO NOTHING` statements of [`ROWS`] rows, one cached
//! statement text, arguments bound straight from the validated rows, and the next statement and
//! the summaries prepared while the database runs the current one. A statement that stores fewer
//! rows than it carries met a ticket already stored: the transaction is rolled back and the caller
//! takes the checking path, which names the rows.

use std::collections::HashMap;

use time::Date;

use super::TransaksiValues;
use super::ringkasan::{Sel, Tambahan, awal_bulan, ringkasan_tambah};
use crate::audit::Actor;
use crate::{BeginWrite, Db, Result, on};

/// Rows per statement (8 arguments each: 8,000, under SQLite's 32,766 and PostgreSQL's 65,535).
const ROWS: usize = 1000;

/// `INSERT INTO layanan_transaksi … VALUES (…) × n ON CONFLICT DO NOTHING` with `$k` (PostgreSQL)
/// or `?` (SQLite: anonymous parameters bind in constant time) placeholders.
fn insert_text(n: usize, postgres: bool) -> String {
    let mut s = String::with_capacity(64 + n * 40);
    s.push_str(
        "INSERT INTO layanan_transaksi (unit_id, tiket, layanan, mulai, tanggal, durasi_detik, nip_petugas, kanal) VALUES ",
    );
    for i in 0..n {
        if i > 0 {
            s.push(',');
        }
        s.push('(');
        for c in 0..8 {
            if c > 0 {
                s.push(',');
            }
            if postgres {
                s.push_str(&format!("${}", i * 8 + c + 1));
            } else {
                s.push('?');
            }
        }
        s.push(')');
    }
    s.push_str(" ON CONFLICT (unit_id, tiket) DO NOTHING");
    s
}

/// A summary cell: unit, service type, first day of the month.
type Cell<'a> = (i64, &'a str, Date);

/// The summary cells of a write, gathered chunk by chunk.
#[derive(Default)]
struct Cells<'a> {
    map: HashMap<Cell<'a>, Vec<(i64, u8)>>,
}

impl<'a> Cells<'a> {
    fn add(&mut self, rows: &'a [(usize, TransaksiValues)]) {
        for (_, v) in rows {
            self.map
                .entry((v.unit_id, v.t.layanan.as_str(), awal_bulan(v.t.tanggal)))
                .or_default()
                .push((v.t.durasi_detik, v.t.tanggal.day()));
        }
    }

    fn into_tambahan(self, rows: &'a [(usize, TransaksiValues)]) -> Tambahan<'a> {
        let mut cells: Vec<Sel<'a>> = self
            .map
            .into_iter()
            .map(|((unit_id, layanan, bulan), items)| Sel {
                unit_id,
                layanan,
                bulan,
                items,
            })
            .collect();
        // The fixed order of `ringkasan::tambahan` (PostgreSQL writers lock cells in one order).
        cells.sort_by(|a, b| (a.unit_id, a.layanan, a.bulan).cmp(&(b.unit_id, b.layanan, b.bulan)));
        Tambahan {
            cells,
            petugas: super::ringkasan::petugas_sql(rows.iter().map(|(_, v)| v)),
        }
    }
}

impl Db {
    /// Stores the rows of an import in one transaction if none of their tickets is stored yet:
    /// `Some(rows written)`; `None` (and nothing written) when a ticket is already stored.
    pub(crate) async fn transaksi_insert_cepat(
        &self,
        actor: &Actor,
        rows: &[(usize, TransaksiValues)],
    ) -> Result<Option<usize>> {
        let postgres = self.backend() == "postgres";
        let full = insert_text(ROWS, postgres);
        let mut cells = Cells::default();
        on!(self, p => {
            let mut tx = p.begin_write().await?;
            let chunks: Vec<&[(usize, TransaksiValues)]> = rows.chunks(ROWS).collect();
            let last = chunks.last().map_or(0, |c| c.len());
            let tail = if last == ROWS { String::new() } else { insert_text(last, postgres) };
            let build = |k: usize| {
                chunks.get(k).map(|chunk| {
                    let mut q = sqlx::query(if chunk.len() == ROWS { full.as_str() } else { tail.as_str() });
                    for (_, v) in *chunk {
                        q = q
                            .bind(v.unit_id)
                            .bind(v.t.tiket.as_str())
                            .bind(v.t.layanan.as_str())
                            .bind(v.t.mulai)
                            .bind(v.t.tanggal)
                            .bind(v.t.durasi_detik)
                            .bind(v.t.nip_petugas.as_deref())
                            .bind(v.t.kanal.as_deref());
                    }
                    q
                })
            };
            let mut next = build(0);
            let mut sibuk = std::time::Duration::ZERO;
            let t_all = std::time::Instant::now();
            for (k, chunk) in chunks.iter().enumerate() {
                let Some(q) = next.take() else { break };
                // The database runs this statement while the next one is bound and this chunk's
                // rows are added to the summaries.
                let (done, prepared) = futures::join!(q.execute(&mut *tx), async {
                    let t = std::time::Instant::now();
                    cells.add(chunk);
                    let q = build(k + 1);
                    sibuk += t.elapsed();
                    q
                });
                next = prepared;
                if usize::try_from(done?.rows_affected()).unwrap_or(0) != chunk.len() {
                    tx.rollback().await?;
                    return Ok(None);
                }
            }
            tracing::debug!(ms = t_all.elapsed().as_millis(), siapkan_ms = sibuk.as_millis(), "impor layanan: sisip");
            let t0 = std::time::Instant::now();
            let add = std::mem::take(&mut cells).into_tambahan(rows);
            ringkasan_tambah!(self, tx, &add);
            tracing::debug!(ms = t0.elapsed().as_millis(), sel = add.cells.len(), "impor layanan: ringkasan");
            let summary = serde_json::json!({"jumlah": rows.len()}).to_string();
            crate::audit_record!(&mut *tx, actor, "impor", "layanan_transaksi", "impor", None, Some(summary));
            let t0 = std::time::Instant::now();
            tx.commit().await?;
            tracing::debug!(ms = t0.elapsed().as_millis(), "impor layanan: commit");
        });
        Ok(Some(rows.len()))
    }
}

#[cfg(test)]
mod tests {
    use super::insert_text;

    #[test]
    fn insert_text_numbers_every_placeholder_once() {
        let pg = insert_text(3, true);
        assert!(pg.contains("($1,$2,$3,$4,$5,$6,$7,$8),($9,"), "{pg}");
        assert!(pg.contains("$24)") && !pg.contains("$25"), "{pg}");
        let lite = insert_text(2, false);
        assert_eq!(lite.matches('?').count(), 16);
        assert!(lite.ends_with("ON CONFLICT (unit_id, tiket) DO NOTHING"));
    }
}
