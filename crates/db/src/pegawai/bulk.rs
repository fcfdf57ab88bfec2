//! The employee import writer: valid rows arrive in parts while the file is still being read and
//! validated on other threads ([`crate::import::import_pegawai`]), and are upserted by NIP in ONE
//! transaction, so reading and writing overlap. The transaction commits only when the reader ends
//! with a clean verdict ([`ImportBatch::End`]); otherwise nothing is written.

use std::collections::HashMap;

use bangkom_core::error::FieldError;
use tokio::sync::mpsc::Receiver;

use super::save::{
    ImportCounts, PegawaiValues, RowConflict, close_position, delete_words, insert_sql, update_sql,
    words_sql,
};
use super::{COLUMNS, PegawaiRow, Scope, words};
use crate::audit::{Actor, json};
use crate::import::ImportBatch;
use crate::query::Sql;
use crate::{Arg, Db, Result, on};

mod sql;

use sql::{
    BATCH, NewWords, SECONDARY_INDEXES, SQLITE_WORD_BATCH, WORD_BATCH, bind_new_rows,
    bulk_cache_kib, restore_pragmas, sqlite_insert_text, sqlite_words_text,
};

/// What [`Db::pegawai_import`] did.
#[derive(Debug, Default)]
pub struct ImportResult {
    /// The counts, when the transaction was committed.
    pub counts: Option<ImportCounts>,
    /// Rows only the database can refuse (a NIP held by another OPD), in row order: left out when
    /// skipping invalid rows, otherwise nothing was written.
    pub conflicts: Vec<RowConflict>,
}

impl Db {
    /// Upserts employees by NIP in ONE transaction (all or nothing) as they arrive from `rx`,
    /// which ends with [`ImportBatch::End`]. NIPs stored under an OPD outside the scope are row
    /// conflicts: skipped when `skip_invalid`, otherwise nothing is written. New records are audited
    /// by one summary entry; changed ones row by row, with before and after. A large load (at least
    /// the bulk threshold, judged from the reader's progress) drops the secondary indexes and
    /// rebuilds them at the end. `progress` sees phase `impor` while rows arrive, then `indeks`.
    pub async fn pegawai_import(
        &self,
        actor: &Actor,
        scope: &Scope,
        mut rx: Receiver<ImportBatch<PegawaiValues>>,
        skip_invalid: bool,
        mut progress: impl FnMut(&str, u64, u64),
    ) -> Result<ImportResult> {
        let now = crate::now();
        // SQLite stores a timestamp as its RFC 3339 text (what the driver would format per row).
        let now_text = now
            .format(&time::format_description::well_known::Rfc3339)
            .expect("a UTC timestamp of this century formats as RFC 3339");
        let sqlite = self.backend() == "sqlite";
        let mut counts = ImportCounts::default();
        let mut conflicts: Vec<RowConflict> = Vec::new();
        let mut new_words = NewWords::default();
        let mut commit = false;
        let mut bulk = false;
        // The page cache of a bulk load on SQLite (KiB), set when the load turns out to be one.
        let mut bulk_cache = 0;
        let mut received = 0usize;
        let t0 = std::time::Instant::now();
        on!(self, p => {
            let mut conn = p.acquire().await?;
            if sqlite {
                // CREATE INDEX sorts its keys with half the CPU when temporary storage is not kept
                // in memory: SQLite then packs the keys in large blocks (and may spill sorted runs
                // to a temporary file) instead of allocating every key on its own. It cannot change
                // inside a transaction; set back below.
                sqlx::query("PRAGMA temp_store = FILE").execute(&mut *conn).await?;
            }
            let begin = if sqlite { "BEGIN IMMEDIATE" } else { "BEGIN" };
            let mut tx = sqlx::Connection::begin_with(&mut *conn, begin).await?;
            // Loading into an empty registry (the first import of a pemda) needs no lookups; rows of
            // earlier parts need none either (the reader already refused a NIP seen twice).
            let (stored,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM (SELECT 1 FROM pegawai LIMIT 1) t")
                .fetch_one(&mut *tx)
                .await?;
            // SQLite: ids are assigned here (we hold the write lock), so nothing has to come back.
            let mut next_id: i64 = if sqlite {
                let (max,): (i64,) = sqlx::query_as("SELECT COALESCE(MAX(pegawai_id), 0) FROM pegawai")
                    .fetch_one(&mut *tx)
                    .await?;
                max + 1
            } else {
                0
            };
            let full_text = sqlite_insert_text(BATCH);
            while let Some(batch) = rx.recv().await {
                let (mut rows, done, total) = match batch {
                    ImportBatch::End { commit: c } => {
                        commit = c;
                        break;
                    }
                    ImportBatch::Rows { rows, done, total } => (rows, done, total),
                };
                progress("impor", done, total);
                if rows.is_empty() {
                    continue;
                }
                received += rows.len();
                // A large load rebuilds the secondary indexes once at the end instead of updating
                // them row by row (CREATE INDEX sorts; the same DDL on both backends).
                let expected = if done > 0 {
                    usize::try_from(received as u128 * u128::from(total) / u128::from(done)).unwrap_or(usize::MAX)
                } else {
                    received
                };
                if !bulk && expected.max(received) >= self.bulk_rows {
                    bulk = true;
                    if sqlite {
                        // The load's working set (the table, the NIP index, the words) must stay in
                        // the page cache: with the default 64 MB, dirty pages spill to the WAL
                        // mid-transaction and are read back again, which costs more than the inserts.
                        bulk_cache = bulk_cache_kib(expected);
                        sqlx::query(&format!("PRAGMA cache_size = -{bulk_cache}"))
                            .execute(&mut *tx)
                            .await?;
                    }
                    for (name, _) in SECONDARY_INDEXES {
                        sqlx::query(&format!("DROP INDEX IF EXISTS {name}")).execute(&mut *tx).await?;
                    }
                }
                // Within a part, new rows go in NIP order: the NIP index then grows in runs.
                rows.sort_unstable_by(|a, b| a.1.nip.cmp(&b.1.nip));
                let mut fresh: Vec<&PegawaiValues> = Vec::new();
                for chunk in rows.chunks(BATCH) {
                    let existing: Vec<PegawaiRow> = if stored == 0 {
                        Vec::new()
                    } else {
                        let mut q = Sql::new(&format!("SELECT {COLUMNS} FROM pegawai WHERE nip IN ("));
                        for (i, (_, v)) in chunk.iter().enumerate() {
                            if i > 0 {
                                q.push(",");
                            }
                            let a = q.arg(Arg::T(v.nip.clone()));
                            q.push(&a);
                        }
                        q.push(")");
                        let q_text = q.text_for(self);
                        crate::bind_args!(sqlx::query_as(&q_text), &q.args).fetch_all(&mut *tx).await?
                    };
                    let existing: HashMap<&str, &PegawaiRow> = existing.iter().map(|r| (r.nip.as_str(), r)).collect();
                    for (row, v) in chunk {
                        let refused = |column: &str, message: &str| RowConflict {
                            row: *row,
                            error: FieldError::new(column, message),
                        };
                        if !scope.allows_opd(v.opd_id) {
                            conflicts.push(refused("unit", "unit di luar OPD Anda"));
                            continue;
                        }
                        match existing.get(v.nip.as_str()) {
                            None => fresh.push(v),
                            Some(old) if !scope.allows_opd(old.opd_id) => conflicts.push(refused(
                                "nip",
                                "NIP ini terdaftar di OPD lain; minta BKD memindahkannya",
                            )),
                            Some(old) => {
                                let new = v.as_row(old.pegawai_id);
                                if &new == *old {
                                    counts.sama += 1;
                                    continue;
                                }
                                // After a conflict nothing will be committed: only look for more.
                                if !skip_invalid && !conflicts.is_empty() {
                                    continue;
                                }
                                if v.position_changed(old) {
                                    close_position!(&mut *tx, old, v.tmt_jabatan, now);
                                }
                                let uq = update_sql(v, old.pegawai_id, now);
                                crate::bind_args!(sqlx::query(&uq.text), &uq.args).execute(&mut *tx).await?;
                                if old.nama != v.nama {
                                    delete_words!(&mut *tx, old.pegawai_id, &old.nama);
                                    if let Some(wq) = words_sql(&[(old.pegawai_id, v.nama.as_str())]) {
                                        crate::bind_args!(sqlx::query(&wq.text), &wq.args).execute(&mut *tx).await?;
                                    }
                                }
                                crate::audit_record!(&mut *tx, actor, "ubah", "pegawai", v.nip.as_str(), Some(json(*old)), Some(json(&new)));
                                counts.diubah += 1;
                            }
                        }
                    }
                }
                if (!skip_invalid && !conflicts.is_empty()) || fresh.is_empty() {
                    continue;
                }
                let lower: Vec<String> = fresh.iter().map(|v| v.nama.to_lowercase()).collect();
                if sqlite {
                    // Pipelined: while the driver's thread inserts one batch, this task binds the
                    // next one and splits the words of the batch in flight.
                    let tail_text = sqlite_insert_text(fresh.len() % BATCH);
                    let mut ranges = (0..fresh.len()).step_by(BATCH).map(|s| s..(s + BATCH).min(fresh.len()));
                    let bind = |r: std::ops::Range<usize>| {
                        let text = if r.len() == BATCH { full_text.as_str() } else { tail_text.as_str() };
                        (bind_new_rows!(sqlx::query(text), fresh, lower, next_id, now_text.as_str(), r.clone()), r)
                    };
                    let mut pending = ranges.next().map(bind);
                    while let Some((q, r)) = pending.take() {
                        let (inserted, next) = futures::join!(q.execute(&mut *tx), async {
                            for i in r {
                                if let (Some(v), Some(urut)) = (fresh.get(i), lower.get(i)) {
                                    new_words.add(next_id + i as i64, &v.nama, urut.clone());
                                }
                            }
                            ranges.next().map(bind)
                        });
                        inserted?;
                        pending = next;
                    }
                    next_id += fresh.len() as i64;
                } else {
                    for (part, part_lower) in fresh.chunks(BATCH).zip(lower.chunks(BATCH)) {
                        let iq = insert_sql(part, now);
                        let ids: Vec<(i64, String)> =
                            crate::bind_args!(sqlx::query_as(&iq.text), &iq.args).fetch_all(&mut *tx).await?;
                        let by_nip: HashMap<&str, (&PegawaiValues, &String)> =
                            part.iter().zip(part_lower).map(|(v, l)| (v.nip.as_str(), (*v, l))).collect();
                        for (id, nip) in &ids {
                            if let Some((v, urut)) = by_nip.get(nip.as_str()) {
                                new_words.add(*id, &v.nama, (*urut).clone());
                            }
                        }
                    }
                }
                counts.baru += fresh.len();
            }
            conflicts.sort_by_key(|c| c.row);
            if !commit || (!skip_invalid && !conflicts.is_empty()) {
                tx.rollback().await?;
                if sqlite {
                    restore_pragmas!(conn);
                }
                return Ok(ImportResult { counts: None, conflicts });
            }
            tracing::debug!(ms = t0.elapsed().as_millis(), "impor: baris");
            progress("indeks", 0, 1);
            // The words are sorted on another thread while the indexes are rebuilt.
            let sorting = tokio::task::spawn_blocking(move || new_words.sort());
            if bulk {
                if sqlite {
                    // Index keys sorted in runs that fit the processor's caches (see
                    // `lite::SORT_CACHE_KIB`); the load's cache comes back for the words.
                    sqlx::query(&format!("PRAGMA cache_size = -{}", crate::lite::SORT_CACHE_KIB))
                        .execute(&mut *tx)
                        .await?;
                }
                for (_, ddl) in SECONDARY_INDEXES {
                    sqlx::query(ddl).execute(&mut *tx).await?;
                }
                if sqlite {
                    sqlx::query(&format!("PRAGMA cache_size = -{bulk_cache}")).execute(&mut *tx).await?;
                }
            }
            tracing::debug!(ms = t0.elapsed().as_millis(), "impor: indeks");
            let new_words = match sorting.await {
                Ok(w) => w,
                Err(e) => std::panic::resume_unwind(e.into_panic()),
            };
            if sqlite {
                // Pipelined like the rows: the next batch is bound while one is inserted.
                let full_text = sqlite_words_text(SQLITE_WORD_BATCH);
                let tail_text = sqlite_words_text(new_words.words.len() % SQLITE_WORD_BATCH);
                let all = &new_words.words;
                let mut parts = (0..all.len()).step_by(SQLITE_WORD_BATCH).map(|s| s..(s + SQLITE_WORD_BATCH).min(all.len()));
                let bind = |r: std::ops::Range<usize>| {
                    let part = all.get(r).unwrap_or_default();
                    let text = if part.len() == SQLITE_WORD_BATCH { full_text.as_str() } else { tail_text.as_str() };
                    let mut q = sqlx::query(text);
                    for w in part {
                        let (kata, urut, id) = new_words.row(w);
                        q = q.bind(kata).bind(urut).bind(id);
                    }
                    q
                };
                let mut pending = parts.next().map(bind);
                while let Some(q) = pending.take() {
                    let (inserted, next) = futures::join!(q.execute(&mut *tx), async { parts.next().map(bind) });
                    inserted?;
                    pending = next;
                }
            }
            for part in new_words.words.chunks(WORD_BATCH) {
                if sqlite {
                    break;
                }
                let mut wq = Sql::new("INSERT INTO pegawai_kata (kata, nama_urut, pegawai_id) VALUES ");
                for (i, w) in part.iter().enumerate() {
                    let (kata, urut, id) = new_words.row(w);
                    if i > 0 {
                        wq.push(",");
                    }
                    let a = wq.arg(Arg::T(kata.to_string()));
                    let b = wq.arg(Arg::T(urut.to_string()));
                    wq.push(&format!("({a}, {b}, {id})"));
                }
                let wq_text = wq.text_for(self);
                crate::bind_args!(sqlx::query(&wq_text), &wq.args).execute(&mut *tx).await?;
            }
            tracing::debug!(ms = t0.elapsed().as_millis(), "impor: kata");
            let summary = serde_json::json!({"baru": counts.baru, "diubah": counts.diubah, "sama": counts.sama}).to_string();
            crate::audit_record!(&mut *tx, actor, "impor", "pegawai", "impor", None, Some(summary));
            tx.commit().await?;
            tracing::debug!(ms = t0.elapsed().as_millis(), "impor: commit");
            if sqlite {
                restore_pragmas!(conn);
            }
            // A bulk load changes the shape of the data: refresh the planner's statistics so that
            // searches pick the right index (ANALYZE is what PRAGMA optimize runs when needed).
            if counts.baru > 10_000 {
                if sqlite {
                    // Sampled statistics, as `PRAGMA optimize` gathers them: a full ANALYZE reads
                    // every index entry of a million-row table for the same plans.
                    sqlx::query("PRAGMA analysis_limit = 1000").execute(&mut *conn).await?;
                    sqlx::query("ANALYZE").execute(&mut *conn).await?;
                    sqlx::query("PRAGMA analysis_limit = 0").execute(&mut *conn).await?;
                } else {
                    sqlx::query("ANALYZE pegawai").execute(&mut *conn).await?;
                    sqlx::query("ANALYZE pegawai_kata").execute(&mut *conn).await?;
                }
                tracing::debug!(ms = t0.elapsed().as_millis(), "impor: analyze");
            }
            progress("indeks", 1, 1);
        });
        Ok(ImportResult {
            counts: Some(counts),
            conflicts,
        })
    }
}
