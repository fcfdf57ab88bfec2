//! Streamed bulk storage of questionnaires (`bangkom skm import`, the paper form, the bulk bench):
//! one write transaction is opened, chunks of validated questionnaires are written into it as
//! they arrive, and [`SkmTulis::selesai`] adds the summed IKM aggregate deltas (migration 0013),
//! the audit entry, and commits. Dropping an unfinished [`SkmTulis`] rolls everything back, so an
//! import stays all or nothing while it streams.
//!
//! Speed (issue 3: 1,000,000 rows at ≥ 250,000 rows/s on SQLite; on a SQLite file `bangkom skm
//! import` writes through a direct connection instead, see [`lite`]):
//! - every statement inserts [`BARIS_PER_PERINTAH`] rows with the same SQL text, so the prepared
//!   statement is reused; values are bound straight from the questionnaires; dates are formatted
//!   once per distinct day; `sumber` and `dikecualikan` are literals of the statement;
//! - SQLite statements are `INSERT OR FAIL`: CHECK and NOT NULL no longer force a statement
//!   journal (see [`crate::skm_agregat::upsert_text`]);
//! - the aggregate deltas are summed in memory ([`Deltas`]) and written once, at the end;
//! - a load at least as large as what is stored (and at least [`Db::set_bulk_rows`] rows) drops the
//!   secondary indexes of `skm_respons` inside the transaction and builds them again before the
//!   commit (one sort instead of a million random index inserts); other connections never see
//!   the table without them. SQLite only: on PostgreSQL the DDL would lock the table for the whole
//!   import.

use std::collections::HashMap;

use time::Date;

mod bantu;
mod lite;

pub(crate) use lite::LiteTulis;

use crate::audit::Actor;
use crate::skm::{ResponsValues, jawaban_i64};
use crate::skm_agregat::{Deltas, agregat_apply, tanggal_sqlite};
use crate::{BeginWrite, Db, Pool, Result};

/// Rows per multi-row INSERT: 18 parameters each, 18,432 in all (SQLite allows 32,766,
/// PostgreSQL 65,535); a divisor of the import's chunk, so every full chunk uses one text.
pub const BARIS_PER_PERINTAH: usize = 1024;

/// The bound columns, in bind order; `sumber` and `dikecualikan` follow as literals.
const KOLOM: &str = "unit_id, layanan, tanggal, jenis_kelamin, umur, pendidikan, pekerjaan, persyaratan, prosedur, \
    waktu, biaya, produk, kompetensi, perilaku, pengaduan, sarana, saran, dibuat, sumber, dikecualikan";

/// Bound parameters per row.
const PARAM: usize = 18;

/// `rows` groups of `params` placeholders, each group followed by `tail` inside its parentheses:
/// `$n` on PostgreSQL, `?` on SQLite (anonymous parameters bind in constant time, see
/// [`crate::query::Sql::positional`]).
pub(crate) fn placeholders(rows: usize, params: usize, sqlite: bool, tail: &str) -> String {
    let mut s = String::with_capacity(rows * (params * 7 + tail.len() + 3));
    let mut n = 0;
    for r in 0..rows {
        s.push_str(if r > 0 { ",(" } else { "(" });
        for c in 0..params {
            if c > 0 {
                s.push(',');
            }
            n += 1;
            if sqlite {
                s.push('?');
            } else {
                s.push('$');
                s.push_str(&n.to_string());
            }
        }
        s.push_str(tail);
        s.push(')');
    }
    s
}

/// The INSERT of `rows` rows from `sumber` (one of three fixed words, see [`sumber_sah`]).
fn insert_text(rows: usize, sumber: &str, sqlite: bool) -> String {
    let or_fail = if sqlite { " OR FAIL" } else { "" };
    format!(
        "INSERT{or_fail} INTO skm_respons ({KOLOM}) VALUES {}",
        placeholders(rows, PARAM, sqlite, &format!(",'{sumber}',FALSE"))
    )
}

/// The source of stored questionnaires (`skm_respons.sumber`); anything else is refused before
/// it reaches SQL text.
fn sumber_sah(sumber: &str) -> Result<&'static str> {
    ["web", "kertas", "impor"]
        .into_iter()
        .find(|s| *s == sumber)
        .ok_or_else(|| crate::DbError::Conflict(format!("sumber tidak dikenal: {sumber}")))
}

enum Tx {
    Sqlite(sqlx::Transaction<'static, sqlx::Sqlite>),
    Postgres(sqlx::Transaction<'static, sqlx::Postgres>),
}

/// An open bulk write of questionnaires (see the module documentation).
pub struct SkmTulis {
    tx: Tx,
    sumber: &'static str,
    now: time::OffsetDateTime,
    /// `now` as SQLite stores a timestamp (RFC 3339, as sqlx encodes it).
    now_text: String,
    /// Each day as SQLite stores a date.
    tanggal_text: HashMap<Date, String>,
    /// Full-size statement text, built once.
    text_penuh: String,
    deltas: Deltas,
    ditulis: usize,
    /// Secondary indexes dropped for the load, to build again before the commit (name, DDL).
    indeks: Vec<(String, String)>,
}

/// Binds one row's 18 values; `$date` and `$now` are the values bound for `tanggal`, `dibuat`.
macro_rules! bind_row {
    ($q:expr, $r:expr, $date:expr, $now:expr) => {{
        let r: &ResponsValues = $r;
        let mut q = $q
            .bind(r.unit_id)
            .bind(r.k.layanan.as_deref())
            .bind($date)
            .bind(r.k.jenis_kelamin.map(|j| j.code()))
            .bind(r.k.umur.map(i64::from))
            .bind(r.k.pendidikan.as_deref())
            .bind(r.k.pekerjaan.as_deref());
        for v in r.k.jawaban.0 {
            q = q.bind(v.map(i64::from));
        }
        q.bind(r.k.saran.as_deref()).bind($now)
    }};
}

/// Drops the secondary indexes of `table` inside the transaction, returning their names and DDL
/// (read from the schema, so that they are built again exactly as the migrations made them).
async fn lepas_indeks(
    tx: &mut sqlx::Transaction<'static, sqlx::Sqlite>,
    table: &str,
) -> Result<Vec<(String, String)>> {
    let indeks: Vec<(String, String)> = sqlx::query_as(
        "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = $1 \
         AND sql IS NOT NULL ORDER BY name",
    )
    .bind(table)
    .fetch_all(&mut **tx)
    .await?;
    for (name, _) in &indeks {
        sqlx::query(&format!("DROP INDEX \"{name}\""))
            .execute(&mut **tx)
            .await?;
    }
    Ok(indeks)
}

impl Db {
    /// Opens a bulk write of questionnaires from `sumber` (`web`, `kertas` or `impor`).
    /// `perkiraan` is the number of rows expected (an estimate; 0 when unknown): a large load
    /// gets a larger SQLite page cache for its transaction and its indexes built once at the end.
    pub async fn skm_tulis_mulai(&self, sumber: &str, perkiraan: usize) -> Result<SkmTulis> {
        let sumber = sumber_sah(sumber)?;
        let sqlite = self.backend() == "sqlite";
        let now = crate::now();
        let mut indeks = Vec::new();
        let tx = match self.pool() {
            Pool::Sqlite(p) => {
                let bulk = perkiraan >= self.bulk_rows;
                // The enlarged cache below stays with the connection: it is closed after this
                // write, committed or not, instead of going back to the pool.
                let mut tx = if bulk {
                    crate::sqlite_begin_write_closing(p).await?
                } else {
                    p.begin_write().await?
                };
                if bulk {
                    // About 250 bytes per row (rows, indexes, aggregates), 256 MiB to 2 GiB,
                    // so the load's pages are not spilled and read back.
                    let kib = (perkiraan / 4).clamp(262_144, 2_097_152);
                    sqlx::query(&format!("PRAGMA cache_size = -{kib}"))
                        .execute(&mut *tx)
                        .await?;
                    let (stored,): (i64,) =
                        sqlx::query_as("SELECT COALESCE(MAX(respons_id), 0) FROM skm_respons")
                            .fetch_one(&mut *tx)
                            .await?;
                    if i64::try_from(perkiraan).unwrap_or(i64::MAX) >= stored {
                        indeks = lepas_indeks(&mut tx, "skm_respons").await?;
                    }
                }
                Tx::Sqlite(tx)
            }
            Pool::Postgres(p) => Tx::Postgres(p.begin_write().await?),
        };
        let now_text = now
            .format(&time::format_description::well_known::Rfc3339)
            .map_err(|e| crate::DbError::Conflict(e.to_string()))?;
        Ok(SkmTulis {
            tx,
            sumber,
            now,
            now_text,
            tanggal_text: HashMap::new(),
            text_penuh: insert_text(BARIS_PER_PERINTAH, sumber, sqlite),
            deltas: Deltas::default(),
            ditulis: 0,
            indeks,
        })
    }

    /// Stores questionnaires in one transaction; `sumber` is `web`, `kertas` or `impor`.
    /// Returns the number stored.
    pub async fn skm_insert(
        &self,
        actor: &Actor,
        rows: &[ResponsValues],
        sumber: &str,
    ) -> Result<usize> {
        let mut w = self.skm_tulis_mulai(sumber, rows.len()).await?;
        w.tulis(rows).await?;
        w.selesai(actor).await
    }
}

impl SkmTulis {
    /// Questionnaires written so far (not yet committed).
    pub fn ditulis(&self) -> usize {
        self.ditulis
    }

    /// Writes `rows` into the open transaction.
    pub async fn tulis(&mut self, rows: &[ResponsValues]) -> Result<()> {
        for r in rows {
            self.deltas.add(
                r.unit_id,
                r.k.layanan.as_deref(),
                r.k.tanggal,
                &jawaban_i64(&r.k),
                1,
            );
        }
        for chunk in rows.chunks(BARIS_PER_PERINTAH) {
            let kecil;
            let text = if chunk.len() == BARIS_PER_PERINTAH {
                self.text_penuh.as_str()
            } else {
                kecil = insert_text(chunk.len(), self.sumber, matches!(self.tx, Tx::Sqlite(_)));
                kecil.as_str()
            };
            match &mut self.tx {
                Tx::Sqlite(tx) => {
                    for r in chunk {
                        self.tanggal_text
                            .entry(r.k.tanggal)
                            .or_insert_with(|| tanggal_sqlite(r.k.tanggal));
                    }
                    let mut q = sqlx::query(text);
                    for r in chunk {
                        let d = self
                            .tanggal_text
                            .get(&r.k.tanggal)
                            .map_or("", String::as_str);
                        q = bind_row!(q, r, d, self.now_text.as_str());
                    }
                    q.execute(&mut **tx).await?;
                }
                Tx::Postgres(tx) => {
                    let mut q = sqlx::query(text);
                    for r in chunk {
                        q = bind_row!(q, r, r.k.tanggal, self.now);
                    }
                    q.execute(&mut **tx).await?;
                }
            }
            self.ditulis += chunk.len();
        }
        Ok(())
    }

    /// Adds the aggregate deltas and, unless `sumber` is `web`, one audit entry; builds the
    /// dropped indexes again; then commits. Returns the number of questionnaires stored.
    pub async fn selesai(self, actor: &Actor) -> Result<usize> {
        Ok(self.selesai_terukur(actor, |_, _, _| {}).await?.0)
    }

    /// [`SkmTulis::selesai`], reporting the phases `agregat`, `indeks` and `commit` to `progress`
    /// as they start and returning their durations in seconds.
    pub async fn selesai_terukur(
        self,
        actor: &Actor,
        mut progress: impl FnMut(&str, u64, u64),
    ) -> Result<(usize, Vec<(&'static str, f64)>)> {
        let n = self.ditulis;
        let summary = serde_json::json!({"jumlah": n, "sumber": self.sumber}).to_string();
        let audit = self.sumber != "web";
        let mut fase = Vec::new();
        progress("agregat", 0, 1);
        let mut t = std::time::Instant::now();
        let mut lap = |name: &'static str, next: &str, t: &mut std::time::Instant| {
            fase.push((name, t.elapsed().as_secs_f64()));
            progress(next, 0, 1);
            *t = std::time::Instant::now();
        };
        match self.tx {
            Tx::Sqlite(mut tx) => {
                let mut indeks = self.indeks;
                if !indeks.is_empty() {
                    // The same rule for the daily aggregates: when this load adds at least as
                    // many rows as the table holds, their index is built once, after it.
                    let rows = crate::skm_agregat::baris(&self.deltas)[0].1.len();
                    let (stored,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM skm_agregat")
                        .fetch_one(&mut *tx)
                        .await?;
                    if i64::try_from(rows).unwrap_or(i64::MAX) >= stored {
                        indeks.extend(lepas_indeks(&mut tx, "skm_agregat").await?);
                    }
                }
                agregat_apply!(true, tx, &self.deltas);
                if audit {
                    crate::audit_record!(
                        &mut *tx,
                        actor,
                        "impor",
                        "skm_respons",
                        "impor",
                        None,
                        Some(summary)
                    );
                }
                lap("agregat", "indeks", &mut t);
                for (_, sql) in &indeks {
                    sqlx::query(sql).execute(&mut *tx).await?;
                }
                lap("indeks", "commit", &mut t);
                tx.commit().await?;
            }
            Tx::Postgres(mut tx) => {
                agregat_apply!(false, tx, &self.deltas);
                if audit {
                    crate::audit_record!(
                        &mut *tx,
                        actor,
                        "impor",
                        "skm_respons",
                        "impor",
                        None,
                        Some(summary)
                    );
                }
                lap("agregat", "commit", &mut t);
                tx.commit().await?;
            }
        }
        fase.push(("commit", t.elapsed().as_secs_f64()));
        Ok((n, fase))
    }
}

#[cfg(test)]
mod tests {
    use crate::Pool;

    /// The page cache of every idle connection of the pool (KiB, negative).
    async fn caches(db: &crate::Db) -> Vec<i64> {
        let Pool::Sqlite(p) = db.pool() else {
            panic!("sqlite")
        };
        let mut held = Vec::new();
        let mut sizes = Vec::new();
        for _ in 0..p.num_idle() {
            let mut c = p.acquire().await.unwrap();
            let (n,): (i64,) = sqlx::query_as("PRAGMA cache_size")
                .fetch_one(&mut *c)
                .await
                .unwrap();
            sizes.push(n);
            held.push(c);
        }
        sizes
    }

    /// A bulk write enlarges its connection's page cache; rolled back (dropped) or committed, that
    /// connection is closed, so no connection of the pool keeps the large cache.
    #[tokio::test]
    async fn a_bulk_write_does_not_leave_its_cache_in_the_pool() {
        let (mut db, _dir) = crate::testkit::sqlite().await.unwrap();
        db.set_bulk_rows(10);
        let normal: i64 = crate::SQLITE_CACHE_SIZE.parse().unwrap();
        for commit in [false, true] {
            let w = db.skm_tulis_mulai("impor", 1_000_000).await.unwrap();
            if commit {
                w.selesai(&crate::audit::Actor::system("uji"))
                    .await
                    .unwrap();
            } else {
                drop(w);
            }
            // Closing a dropped connection runs in the background.
            tokio::time::sleep(std::time::Duration::from_millis(200)).await;
            let sizes = caches(&db).await;
            assert!(!sizes.is_empty());
            assert!(sizes.iter().all(|n| *n == normal), "{commit}: {sizes:?}");
        }
        db.close().await;
    }
}
