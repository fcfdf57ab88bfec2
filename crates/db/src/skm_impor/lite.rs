//! The write of `bangkom skm import` on a SQLite file (issue 3: 1,000,000 questionnaires at
//! ≥ 250,000 rows/s), through a direct connection ([`crate::lite`]) on a blocking thread, as the
//! service-transaction import does (`layanan/impor_lite.rs`): prepared INSERTs of [`LOT`] rows
//! (and a single-row one for the rest) bound straight from the validated rows (the timestamp
//! once per slot, each day's text formatted once), in one
//! `BEGIN IMMEDIATE` transaction committed only when the caller says [`Pesan::Selesai`]; a closed
//! channel without it rolls everything back. Same stored values, same bulk rules and the same
//! aggregates as the pooled [`super::SkmTulis`]:
//! - a load at least as large as what is stored drops the secondary indexes of `skm_respons`
//!   (and, when the aggregates it adds outnumber the stored ones, of `skm_agregat`) inside the
//!   transaction and builds them again before the commit (one sort each; keeping them during the
//!   load costs more: with SQLite 3.40 on the bench's 1,000,000 rows, 2.7 s for the inserts with
//!   the date index kept against 1.6 s + 1.0 s to insert and build it). `PRAGMA threads = 2` was
//!   tried and left out: the sorter keeps a load this size in memory and sorts it on one thread
//!   (no gain measured, 32 MiB to 1 GiB caches);
//! - the aggregate deltas are summed in memory ([`Deltas`]), their rows summed and sorted on a
//!   second thread while the questionnaires' indexes are built. Into empty aggregate tables that
//!   thread also writes them into a scratch file, copied as stored records afterwards
//!   ([`super::bantu`]: 1.44 s → about 0.5 s for the bench's 783,183 daily rows on a slow day);
//!   otherwise they are written in primary-key order with prepared statements
//!   ([`crate::skm_agregat::tulis_lite`]);
//! - such a load inserts each chunk sorted by the index key ([`urutan`]), so that the index builds
//!   sort runs already in order, and builds its indexes with a small page cache
//!   ([`lite::bangun_indeks`]), so that the sorter sorts them in runs that fit the processor's
//!   caches;
//! - a thread syncs the database file and its WAL while such a load runs ([`Writeback`]), so that
//!   the commit and its checkpoint wait for less;
//! - foreign keys are off on this connection: the one these rows carry (`unit_id → org`) is
//!   checked once per unit before the commit ([`unit_ada`]); so are CHECK constraints
//!   (`ignore_check_constraints`): every row is a validated `Kuesioner`.

use std::path::{Path, PathBuf};
use std::time::Instant;

use rusqlite::{Connection, TransactionBehavior};
use time::Date;
use tokio::sync::mpsc::{Receiver, Sender};

use super::bantu;
use crate::audit::Actor;
use crate::import::Peta;
use crate::query::Sql;
use crate::skm::{ResponsValues, jawaban_i64};
use crate::skm_agregat::{Deltas, baris, tulis_lite};
use crate::writeback::Writeback;
use crate::{Db, DbError, Result, lite};

/// What the import sends its writer.
pub(crate) enum Pesan {
    /// The next validated questionnaires.
    Baris(Vec<ResponsValues>),
    /// The file is read and accepted: add the aggregates and the audit entry, commit.
    Selesai,
}

/// What a committed write reports: rows stored, the time spent writing rows (overlapped with the
/// reading) and the durations of the final phases, then the two halves of the index phase (the
/// writer's index builds, the aggregate thread beside them).
pub(crate) struct Hasil {
    pub(crate) ditulis: usize,
    pub(crate) t_tulis: f64,
    pub(crate) fase: Vec<(&'static str, f64)>,
}

/// A bulk write running on its own blocking thread.
pub(crate) struct LiteTulis {
    send: Sender<Pesan>,
    writer: tokio::task::JoinHandle<Result<Option<Hasil>>>,
}

impl LiteTulis {
    /// Starts the writer for a load of about `perkiraan` rows from `sumber` (a fixed word).
    pub(crate) fn mulai(
        db: &Db,
        path: PathBuf,
        actor: &Actor,
        sumber: &'static str,
        perkiraan: usize,
    ) -> LiteTulis {
        let (send, mut rx) = tokio::sync::mpsc::channel(2);
        let actor = actor.clone();
        let bulk = perkiraan >= db.bulk_rows;
        let writer = tokio::task::spawn_blocking(move || {
            let mut conn = lite::open(&path)?;
            // The only foreign key these rows carry is `unit_id → org`, the same few hundred units
            // on a million rows: checked once per unit before the commit ([`unit_ada`]) instead
            // of once per row and aggregate row (about a fifth of SQLite's insert work).
            // The CHECKs of `skm_respons` (answers 1..4, `jenis_kelamin` L/P, `sumber`) hold by
            // construction: every row is a validated `Kuesioner` (REFERENCE §0.2) and `sumber` a
            // fixed word, so SQLite need not evaluate ten of them per row again (row writes of
            // the 1,000,000-row bench: 2.46 s → 1.17 s, interleaved, 2026-12-01).
            conn.execute_batch("PRAGMA foreign_keys = OFF; PRAGMA ignore_check_constraints = ON")?;
            tulis(&mut conn, &path, &actor, sumber, bulk, perkiraan, &mut rx)
        });
        LiteTulis { send, writer }
    }

    /// Hands `rows` to the writer; a writer that stopped returns its error here.
    pub(crate) async fn tulis(&mut self, rows: Vec<ResponsValues>) -> Result<()> {
        if self.send.send(Pesan::Baris(rows)).await.is_err() {
            return Err(join(&mut self.writer)
                .await
                .err()
                .unwrap_or_else(|| DbError::Conflict("penulis impor SKM berhenti".into())));
        }
        Ok(())
    }

    /// Commits: aggregates, indexes, audit entry.
    pub(crate) async fn selesai(self) -> Result<Hasil> {
        // A closed channel: the writer stopped, its error comes below.
        let _ = self.send.send(Pesan::Selesai).await;
        let LiteTulis { send, mut writer } = self;
        drop(send);
        join(&mut writer)
            .await?
            .ok_or_else(|| DbError::Conflict("impor SKM tidak disimpan".into()))
    }

    /// Rolls everything back and waits until the write lock is released.
    pub(crate) async fn batal(self) -> Result<()> {
        let LiteTulis { send, mut writer } = self;
        drop(send);
        join(&mut writer).await.map(|_| ())
    }
}

/// The writer's outcome (its panic, if it panicked, goes on in the caller).
async fn join(
    writer: &mut tokio::task::JoinHandle<Result<Option<Hasil>>>,
) -> Result<Option<Hasil>> {
    writer
        .await
        .unwrap_or_else(|e| std::panic::resume_unwind(e.into_panic()))
}

/// The INSERT of one questionnaire: the 18 values of `bind_row!` in the same order, `sumber`
/// and `dikecualikan` as literals (`OR FAIL`: see [`crate::skm_agregat::upsert_text`]).
fn insert_text(sumber: &str) -> String {
    format!(
        "INSERT OR FAIL INTO skm_respons ({}) VALUES ({}'{sumber}',FALSE)",
        super::KOLOM,
        "?,".repeat(super::PARAM)
    )
}

/// The foreign key `unit_id → org` of every row written (the bulk connection runs with foreign
/// keys off): each distinct unit must exist, read inside the transaction that holds the write
/// lock, so no unit can go away before the commit.
fn unit_ada(c: &Connection, units: &[i64]) -> Result<()> {
    let found: i64 = c.query_row(
        &format!(
            "SELECT COUNT(*) FROM org WHERE org_id IN {}",
            Sql::id_list(units)
        ),
        [],
        |r| r.get(0),
    )?;
    if usize::try_from(found).ok() != Some(units.len()) {
        return Err(DbError::Conflict(
            "FOREIGN KEY constraint failed: unit_id tidak ada di org".into(),
        ));
    }
    Ok(())
}

/// Rows per statement of the load: a few dozen rows share one statement's start and end (the
/// cursor opened, the rowid sought, the VM reset), which is most of SQLite's cost per row after
/// the B-tree insert itself; `OR FAIL` with foreign keys off keeps it free of a statement journal.
const LOT: usize = 32;

/// The rows of one chunk in insert order: by `(unit_id, tanggal)` when `sort` (a bulk load, whose
/// indexes are built after it), else as received; equal keys keep file order.
///
/// Issue 3's import figure: both rebuilt indexes (`(unit_id, tanggal)` and `(tanggal)`) then
/// read their keys in runs already in order, one per chunk or per unit within it, so the merge
/// sort of `CREATE INDEX`, a third of the writer's time on the bench, walks memory in sequence
/// instead of at random (index phase of the 1,000,000-row bench: 1.97–2.18 s → 1.62–1.69 s,
/// interleaved, 2026-12-01; batches of 16,384 and 65,536 rows gave no more and slowed the row
/// writes). The rows of a bulk load thus get their ids in unit and date order within each chunk
/// of the file rather than in file order.
fn urutan(rows: &[ResponsValues], sort: bool) -> Vec<&ResponsValues> {
    let mut order: Vec<&ResponsValues> = rows.iter().collect();
    if sort {
        // Stable: ties keep file order.
        order.sort_by_key(|r| (r.unit_id, r.k.tanggal));
    }
    order
}

/// Binds one questionnaire's 17 values (the 18th, `dibuat`, stays bound) after `base` parameters;
/// each day's text is formatted once.
fn bind(
    st: &mut rusqlite::Statement<'_>,
    base: usize,
    r: &ResponsValues,
    hari: &mut Peta<Date, String>,
) -> Result<()> {
    let k = &r.k;
    let d = hari
        .entry(k.tanggal)
        .or_insert_with(|| crate::skm_agregat::tanggal_sqlite(k.tanggal));
    st.raw_bind_parameter(base + 1, r.unit_id)?;
    st.raw_bind_parameter(base + 2, k.layanan.as_deref())?;
    st.raw_bind_parameter(base + 3, d.as_str())?;
    st.raw_bind_parameter(base + 4, k.jenis_kelamin.map(|j| j.code()))?;
    st.raw_bind_parameter(base + 5, k.umur.map(i64::from))?;
    st.raw_bind_parameter(base + 6, k.pendidikan.as_deref())?;
    st.raw_bind_parameter(base + 7, k.pekerjaan.as_deref())?;
    for (i, v) in k.jawaban.0.iter().enumerate() {
        st.raw_bind_parameter(base + 8 + i, v.map(i64::from))?;
    }
    st.raw_bind_parameter(base + 17, k.saran.as_deref())?;
    Ok(())
}

/// Drops the secondary indexes of `table`, returning their DDL to build them again.
fn lepas_indeks(c: &Connection, table: &str) -> Result<Vec<String>> {
    let indeks: Vec<(String, String)> = c
        .prepare(
            "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = ?1 \
             AND sql IS NOT NULL ORDER BY name",
        )?
        .query_map([table], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<_>>()?;
    for (name, _) in &indeks {
        c.execute_batch(&format!("DROP INDEX \"{name}\""))?;
    }
    Ok(indeks.into_iter().map(|(_, sql)| sql).collect())
}

/// The writer: rows as they come, then (on [`Pesan::Selesai`]) the rest; `None` when rolled back.
fn tulis(
    conn: &mut Connection,
    path: &Path,
    actor: &Actor,
    sumber: &'static str,
    bulk: bool,
    perkiraan: usize,
    rx: &mut Receiver<Pesan>,
) -> Result<Option<Hasil>> {
    let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
    // A bulk load's pages reach the disk while it runs, not all in the commit's fsyncs.
    let _writeback = bulk.then(|| Writeback::start(path));
    let mut indeks = Vec::new();
    if bulk {
        let stored: i64 = tx.query_row(
            "SELECT COALESCE(MAX(respons_id), 0) FROM skm_respons",
            [],
            |r| r.get(0),
        )?;
        if i64::try_from(perkiraan).unwrap_or(i64::MAX) >= stored {
            indeks = lepas_indeks(&tx, "skm_respons")?;
        }
    }
    let mut now = String::with_capacity(32);
    // One instant for the whole load, in whole seconds: `…T10:21:31Z` is 20 bytes where the
    // nanoseconds made 30, a tenth of a stored row (10 MB less to write, index and sync on the
    // 1,000,000-row bench), and sqlx reads both forms back alike.
    let instant = crate::now();
    lite::datetime_text(instant.replace_nanosecond(0).unwrap_or(instant), &mut now);
    let mut hari: Peta<Date, String> = Peta::default();
    let mut units: Peta<i64, ()> = Peta::default();
    let mut deltas = Deltas::default();
    let (mut n, mut t_tulis, mut selesai) = (0usize, 0.0, false);
    {
        let mut satu = tx.prepare(&insert_text(sumber))?;
        let mut lot = tx.prepare(&super::insert_text(LOT, sumber, true))?;
        // Bindings stay across executions: the timestamp is bound once per slot.
        satu.raw_bind_parameter(super::PARAM, now.as_str())?;
        for slot in 0..LOT {
            lot.raw_bind_parameter(slot * super::PARAM + super::PARAM, now.as_str())?;
        }
        // A bulk load (indexes dropped) writes each chunk in index order (see [`urutan`]).
        let sort = !indeks.is_empty();
        while let Some(m) = rx.blocking_recv() {
            let rows = match m {
                Pesan::Selesai => {
                    selesai = true;
                    break;
                }
                Pesan::Baris(rows) => rows,
            };
            let t = Instant::now();
            let order = urutan(&rows, sort);
            let mut parts = order.chunks_exact(LOT);
            for part in &mut parts {
                for (slot, r) in part.iter().enumerate() {
                    bind(&mut lot, slot * super::PARAM, r, &mut hari)?;
                }
                lot.raw_execute()?;
            }
            for r in parts.remainder() {
                bind(&mut satu, 0, r, &mut hari)?;
                satu.raw_execute()?;
            }
            for r in &rows {
                units.insert(r.unit_id, ());
                deltas.add(
                    r.unit_id,
                    r.k.layanan.as_deref(),
                    r.k.tanggal,
                    &jawaban_i64(&r.k),
                    1,
                );
            }
            n += rows.len();
            t_tulis += t.elapsed().as_secs_f64();
            // Freed on another thread: not on the writer's time.
            std::thread::spawn(move || drop(rows));
        }
    }
    if !selesai || n == 0 {
        tx.rollback()?;
        return Ok(None);
    }
    let mut fase = Vec::new();
    let mut t = Instant::now();
    let mut lap = |name: &'static str, t: &mut Instant| {
        fase.push((name, t.elapsed().as_secs_f64()));
        *t = Instant::now();
    };
    let units: Vec<i64> = units.into_keys().collect();
    unit_ada(&tx, &units)?;
    // A bulk load into empty aggregate tables builds them in a scratch file on a second thread
    // while SQLite builds the questionnaires' indexes, then copies them ([`bantu`]); otherwise
    // the aggregate rows are summed and sorted there and written afterwards.
    let scratch = if !indeks.is_empty() && bantu::kosong(&tx)? {
        let dir = path.parent().unwrap_or(Path::new("."));
        Some((bantu::berkas(dir)?, bantu::skema(&tx)?))
    } else {
        None
    };
    // The index phase runs on two cores; the longer half sets its length, so both are reported.
    let t0 = Instant::now();
    let (agregat, t_indeks, t_agregat) = std::thread::scope(|s| -> Result<_> {
        let agregat = s.spawn(|| -> Result<_> {
            let rows = baris(&deltas);
            if let Some((file, skema)) = &scratch {
                bantu::bangun(file.path(), skema, &rows)?;
            }
            Ok((rows, t0.elapsed().as_secs_f64()))
        });
        lite::bangun_indeks(&tx, &indeks)?;
        let t_indeks = t0.elapsed().as_secs_f64();
        let (rows, t_agregat) = agregat
            .join()
            .unwrap_or_else(|p| std::panic::resume_unwind(p))?;
        Ok((rows, t_indeks, t_agregat))
    })?;
    lap("indeks", &mut t);
    let mut indeks_agregat = Vec::new();
    if let Some((file, _)) = &scratch {
        bantu::salin(&tx, file.path(), &agregat)?;
    } else {
        if !indeks.is_empty() {
            // The same rule for the daily aggregates: when this load adds at least as many rows
            // as the table holds, their index is built once, after it.
            let stored: i64 = tx.query_row("SELECT COUNT(*) FROM skm_agregat", [], |r| r.get(0))?;
            if i64::try_from(agregat[0].1.len()).unwrap_or(i64::MAX) >= stored {
                indeks_agregat = lepas_indeks(&tx, "skm_agregat")?;
            }
        }
        tulis_lite(&tx, &agregat)?;
        lite::bangun_indeks(&tx, &indeks_agregat)?;
    }
    if sumber != "web" {
        let summary = serde_json::json!({"jumlah": n, "sumber": sumber}).to_string();
        lite::audit(
            &tx,
            actor,
            "impor",
            "skm_respons",
            Some("impor"),
            Some(&summary),
        )?;
    }
    lap("agregat", &mut t);
    tx.commit()?;
    lap("commit", &mut t);
    fase.push(("indeks: penulis", t_indeks));
    fase.push(("indeks: agregat sejajar", t_agregat));
    tracing::debug!(
        baris = n,
        unit = units.len(),
        agregat_hari = agregat[0].1.len(),
        agregat_bulan = agregat[1].1.len(),
        indeks = indeks.len() + indeks_agregat.len(),
        tulis_baris_s = t_tulis,
        fase = ?fase,
        "impor skm (koneksi langsung)"
    );
    Ok(Some(Hasil {
        ditulis: n,
        t_tulis,
        fase,
    }))
}

#[cfg(test)]
mod tests {
    use super::{unit_ada, urutan};
    use crate::skm::ResponsValues;
    use bangkom_core::skm::{Kuesioner, KuesionerInput};

    fn row(unit_id: i64, tanggal: &str, saran: &str) -> ResponsValues {
        let input = KuesionerInput {
            tanggal: tanggal.into(),
            unit: "U".into(),
            jawaban: std::array::from_fn(|_| "3".into()),
            saran: saran.into(),
            ..Default::default()
        };
        let k = Kuesioner::validate(&input, time::macros::date!(2026 - 01 - 01)).unwrap();
        ResponsValues { k, unit_id }
    }

    /// A bulk load's chunk is written by `(unit_id, tanggal)`, equal keys in file order, every
    /// row once; otherwise rows go as received.
    #[test]
    fn a_bulk_chunk_goes_in_index_order() {
        let rows = vec![
            row(2, "2025-01-02", "a"),
            row(1, "2025-03-01", "b"),
            row(2, "2025-01-01", "c"),
            row(1, "2025-03-01", "d"),
            row(1, "2024-12-31", "e"),
        ];
        let saran = |rows: Vec<&ResponsValues>| -> String {
            rows.iter().map(|r| r.k.saran.as_deref().unwrap()).collect()
        };
        assert_eq!(saran(urutan(&rows, true)), "ebdca");
        assert_eq!(saran(urutan(&rows, false)), "abcde");
    }

    /// The per-unit check stands in for the foreign key: a unit missing from `org` is refused.
    #[tokio::test]
    async fn a_unit_missing_from_org_is_refused() {
        let (db, _dir) = crate::testkit::sqlite().await.unwrap();
        let c = crate::lite::open(db.sqlite_file().unwrap()).unwrap();
        c.execute_batch(
            "INSERT INTO org (org_id, kode, nama, jenis) VALUES (7, 'X', 'X', 'pemda')",
        )
        .unwrap_or_else(|e| panic!("{e}"));
        unit_ada(&c, &[7]).unwrap();
        unit_ada(&c, &[]).unwrap();
        assert!(matches!(
            unit_ada(&c, &[7, 8]),
            Err(crate::DbError::Conflict(_))
        ));
        db.close().await;
    }
}
