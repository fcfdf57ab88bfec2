//! The write of a large import (issue 5 figures: 10,000,000 rows at 500,000 rows/s), fed by the
//! reading thread while it still reads: multi-row `INSERT … ON CONFLICT (unit_id, tiket) DO
//! NOTHING` statements of [`ROWS`] rows, one cached statement text, arguments bound straight from
//! the validated rows, and the next statement and the summaries prepared while the database runs
//! the current one. A statement that stores fewer rows than it carries met a ticket already
//! stored: the transaction is rolled back and the caller takes the checking path, which names
//! the rows. Nothing is committed unless the reader ends with `ImportBatch::End { commit: true }`.

use time::Date;
use tokio::sync::mpsc::Receiver;

use super::TransaksiValues;
use super::ringkasan::{Sel, Tambahan, awal_bulan, petugas_sql, ringkasan_tambah};
use crate::audit::Actor;
use crate::import::{ImportBatch, Peta};
use crate::{BeginWrite, Db, Result, on};

/// Rows per statement (8 arguments each: 8,000, under SQLite's 32,766 and PostgreSQL's 65,535).
const ROWS: usize = 1000;

/// How a streamed write ended.
pub(crate) enum Tulis {
    /// Committed, with the number of rows.
    Selesai(usize),
    /// Rolled back; every row received, for the checking path.
    Batal(Vec<(usize, TransaksiValues)>),
}

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

/// A summary cell: unit, service type (index into [`Cells::kinds`]), first day of the month.
type Cell = (i64, usize, Date);

/// The summary cells of a write, gathered chunk by chunk.
#[derive(Default)]
pub(super) struct Cells {
    kinds: Vec<String>,
    kind_index: Peta<String, usize>,
    map: Peta<Cell, Vec<(i64, u8)>>,
}

impl Cells {
    pub(super) fn add(&mut self, rows: &[(usize, TransaksiValues)]) {
        for (_, v) in rows {
            let kind = match self.kind_index.get(v.t.layanan.as_str()) {
                Some(k) => *k,
                None => {
                    self.kinds.push(v.t.layanan.clone());
                    self.kind_index
                        .insert(v.t.layanan.clone(), self.kinds.len() - 1);
                    self.kinds.len() - 1
                }
            };
            self.map
                .entry((v.unit_id, kind, awal_bulan(v.t.tanggal)))
                .or_default()
                .push((v.t.durasi_detik, v.t.tanggal.day()));
        }
    }

    pub(super) fn tambahan<'a>(
        &'a mut self,
        batches: &'a [Vec<(usize, TransaksiValues)>],
    ) -> Tambahan<'a> {
        let kinds = &self.kinds;
        let mut items: Vec<(Cell, Vec<(i64, u8)>)> = self.map.drain().collect();
        // Sorted on two cores here, so that the merge into the stored summaries finds them sorted.
        let half = items.len() / 2;
        let (a, b) = items.split_at_mut(half);
        std::thread::scope(|s| {
            s.spawn(|| a.iter_mut().for_each(|(_, v)| v.sort_unstable()));
            b.iter_mut().for_each(|(_, v)| v.sort_unstable());
        });
        let mut cells: Vec<Sel<'a>> = items
            .into_iter()
            .map(|((unit_id, kind, bulan), items)| Sel {
                unit_id,
                layanan: kinds.get(kind).map_or("", String::as_str),
                bulan,
                items,
            })
            .collect();
        // The fixed order of `ringkasan::tambahan` (PostgreSQL writers lock cells in one order).
        cells.sort_by(|a, b| (a.unit_id, a.layanan, a.bulan).cmp(&(b.unit_id, b.layanan, b.bulan)));
        Tambahan {
            cells,
            petugas: petugas_sql(batches.iter().flatten().map(|(_, v)| v)),
        }
    }
}

impl Db {
    /// Writes the rows the reader sends, in one transaction, committed when the reader ends with
    /// `End { commit: true }` and no row met a stored ticket; otherwise (or with no rows) rolled back
    /// ([`Tulis::Batal`]).
    /// `progress` sees the reader's progress.
    pub(crate) async fn transaksi_alir(
        &self,
        actor: &Actor,
        mut rx: Receiver<ImportBatch<TransaksiValues>>,
        mut progress: impl FnMut(u64, u64),
    ) -> Result<Tulis> {
        if let Some(path) = self.sqlite_file() {
            return lite_alir(path.to_path_buf(), actor.clone(), rx, progress).await;
        }
        let postgres = self.backend() == "postgres";
        let full = insert_text(ROWS, postgres);
        let mut cells = Cells::default();
        // The batches as received (moved, never copied into one vector).
        let mut all: Vec<Vec<(usize, TransaksiValues)>> = Vec::new();
        let mut n = 0;
        on!(self, p => {
            let mut tx = p.begin_write().await?;
            let (mut ok, mut stored_ticket) = (false, false);
            let mut busy = std::time::Duration::ZERO;
            while let Some(m) = rx.recv().await {
                let rows = match m {
                    ImportBatch::End { commit } => {
                        ok = commit;
                        continue;
                    }
                    ImportBatch::Rows { rows, done, total } => {
                        progress(done, total);
                        if rows.is_empty() {
                            continue;
                        }
                        rows
                    }
                };
                if !stored_ticket {
                    let chunks: Vec<&[(usize, TransaksiValues)]> = rows.chunks(ROWS).collect();
                    let tail = chunks
                        .last()
                        .filter(|c| c.len() != ROWS)
                        .map(|c| insert_text(c.len(), postgres))
                        .unwrap_or_default();
                    let build = |k: usize| {
                        chunks.get(k).map(|chunk| {
                            let text = if chunk.len() == ROWS { full.as_str() } else { tail.as_str() };
                            let mut q = sqlx::query(text);
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
                            (q, chunk.len())
                        })
                    };
                    let mut next = build(0);
                    for k in 0..chunks.len() {
                        let Some((q, n)) = next.take() else { break };
                        // The database runs this statement while the next one is bound and this
                        // chunk's rows are added to the summaries.
                        let (done, prepared) = futures::join!(q.execute(&mut *tx), async {
                            let t = std::time::Instant::now();
                            if let Some(c) = chunks.get(k) {
                                cells.add(c);
                            }
                            let q = build(k + 1);
                            busy += t.elapsed();
                            q
                        });
                        next = prepared;
                        if usize::try_from(done?.rows_affected()).unwrap_or(0) != n {
                            stored_ticket = true;
                            break;
                        }
                    }
                }
                n += rows.len();
                all.push(rows);
            }
            tracing::debug!(siapkan_ms = busy.as_millis(), "impor layanan: sisip");
            if stored_ticket || !ok || n == 0 {
                tx.rollback().await?;
                return Ok(Tulis::Batal(all.into_iter().flatten().collect()));
            }
            let t0 = std::time::Instant::now();
            let add = cells.tambahan(&all);
            ringkasan_tambah!(self, tx, &add);
            tracing::debug!(ms = t0.elapsed().as_millis(), sel = add.cells.len(), "impor layanan: ringkasan");
            let summary = serde_json::json!({"jumlah": n}).to_string();
            crate::audit_record!(&mut *tx, actor, "impor", "layanan_transaksi", "impor", None, Some(summary));
            let t0 = std::time::Instant::now();
            tx.commit().await?;
            tracing::debug!(ms = t0.elapsed().as_millis(), "impor layanan: commit");
        });
        // Ten million rows take a while to free: not on the caller's time.
        std::thread::spawn(move || drop(all));
        Ok(Tulis::Selesai(n))
    }
}

/// On a SQLite file: the rows go to [`super::impor_lite::tulis`] on a blocking thread; the
/// progress is reported here.
async fn lite_alir(
    path: std::path::PathBuf,
    actor: Actor,
    mut rx: Receiver<ImportBatch<TransaksiValues>>,
    mut progress: impl FnMut(u64, u64),
) -> Result<Tulis> {
    use super::impor_lite::Pesan;
    let (tx, mut to_writer) = tokio::sync::mpsc::channel(2);
    let writer = tokio::task::spawn_blocking(move || {
        super::impor_lite::tulis(&path, &actor, &mut to_writer)
    });
    // The summaries are gathered here, on another thread than the writer's.
    let mut cells = Cells::default();
    while let Some(m) = rx.recv().await {
        let m = match m {
            ImportBatch::Rows { rows, done, total } => {
                progress(done, total);
                if rows.is_empty() {
                    continue;
                }
                cells.add(&rows);
                Pesan::Baris(rows)
            }
            ImportBatch::End { commit } => Pesan::Akhir {
                commit,
                cells: std::mem::take(&mut cells),
            },
        };
        // A closed channel: the writer stopped; its error is returned below.
        if tx.send(m).await.is_err() {
            break;
        }
    }
    drop(tx);
    writer
        .await
        .unwrap_or_else(|e| std::panic::resume_unwind(e.into_panic()))
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
