//! A direct SQLite connection for bulk loads (the streamed imports on SQLite; issue 5 figures:
//! 10,000,000 service transactions at 500,000 rows/s, issue 3: 1,000,000 questionnaires at
//! 250,000 rows/s). sqlx runs each SQLite connection on a worker thread of its own and copies
//! every bound argument over to it; at these rates that copying and the hand-over cost more than
//! SQLite's own work. rusqlite binds straight from the caller's memory into a prepared statement on
//! the calling thread. Both link the same SQLite library (libsqlite3-sys 0.30).
//!
//! The connection has the pool's settings that matter for correctness (WAL, set once per file by
//! the pool; `synchronous = FULL`; foreign keys; a busy timeout) and takes the write lock up front
//! (`BEGIN IMMEDIATE`) like every writer of the pool, so a write through it is as durable and as
//! checked as one through the pool. It is used on a blocking thread, never on the async runtime.

use std::path::{Path, PathBuf};
use std::time::Duration;

use rusqlite::types::Value;
use rusqlite::{Connection, OpenFlags};
use time::{Date, OffsetDateTime};

use crate::audit::Actor;
use crate::query::Sql;
use crate::{Arg, Db, DbError, Result};

impl From<rusqlite::Error> for DbError {
    fn from(e: rusqlite::Error) -> Self {
        match e {
            rusqlite::Error::SqliteFailure(f, msg)
                if f.code == rusqlite::ErrorCode::ConstraintViolation =>
            {
                DbError::Conflict(msg.unwrap_or_else(|| "unik".into()))
            }
            e => DbError::Lite(e),
        }
    }
}

/// The page cache of a bulk connection (KiB): 1 GiB, so that a load of millions of rows into a
/// B-tree keyed by something other than insertion order does not spill pages to the WAL mid-way.
/// SQLite only takes the pages it uses.
const CACHE_KIB: i64 = 1 << 20;

/// The page cache of a bulk connection while it builds the indexes it dropped (KiB). It is also
/// the length of the sorted runs of `CREATE INDEX`: SQLite's sorter holds up to the cache size of
/// keys (at most 512 MiB) before it writes a sorted run, and sorts them as one linked list whose
/// merge passes jump across all of it once it outgrows the processor's caches. Runs of 2 MiB are
/// each sorted in cache, written to a temporary file and merged in sequence. Meanwhile the dirty
/// pages beyond the smaller cache go to the WAL, where a load's write-back thread
/// ([`crate::writeback`]) syncs them, so the commit has less left to wait for. SKM import bench,
/// interleaved, 2026-12-01: 1,000,000 rows 2.52–2.53 s → 2.17–2.25 s (8 MiB: 2.19–2.35 s);
/// 10,000,000 rows, index phase 16.8–17.6 s → 9.8 s (issue 3's import figure).
pub(crate) const SORT_CACHE_KIB: i64 = 2048;

impl Db {
    /// The SQLite file, when the database is one (not PostgreSQL, not `:memory:`).
    pub(crate) fn sqlite_file(&self) -> Option<&Path> {
        self.sqlite_path.as_deref()
    }
}

/// Opens `path` (which the pool has created and migrated) for a bulk load.
pub(crate) fn open(path: &Path) -> Result<Connection> {
    let c = Connection::open_with_flags(
        path,
        OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )?;
    c.busy_timeout(Duration::from_secs(30))?;
    c.execute_batch(&format!(
        "PRAGMA synchronous = FULL; PRAGMA foreign_keys = ON; PRAGMA temp_store = FILE; \
         PRAGMA cache_size = -{CACHE_KIB};"
    ))?;
    Ok(c)
}

/// Runs the `CREATE INDEX` statements `ddl` of a bulk load on `c` with the sorter's page cache
/// ([`SORT_CACHE_KIB`]), then gives the connection its own cache size back (also when one fails).
pub(crate) fn bangun_indeks(c: &Connection, ddl: &[String]) -> Result<()> {
    if ddl.is_empty() {
        return Ok(());
    }
    let cache: i64 = c.query_row("PRAGMA cache_size", [], |r| r.get(0))?;
    c.execute_batch(&format!("PRAGMA cache_size = -{SORT_CACHE_KIB}"))?;
    let built = ddl.iter().try_for_each(|sql| c.execute_batch(sql));
    c.execute_batch(&format!("PRAGMA cache_size = {cache}"))?;
    Ok(built?)
}

/// The path part of a `sqlite://` URL, or None for `:memory:`.
pub(crate) fn file_of(path: &str) -> Option<PathBuf> {
    (path != ":memory:" && !path.is_empty()).then(|| PathBuf::from(path))
}

/// `d` as sqlx stores a `Date` in SQLite: `YYYY-MM-DD`.
pub(crate) fn date_text(d: Date, out: &mut String) {
    if (0..=9999).contains(&d.year()) {
        let y = d.year().unsigned_abs();
        digits2(out, y / 100);
        digits2(out, y % 100);
    } else {
        use std::fmt::Write;
        let _ = write!(out, "{:04}", d.year());
    }
    out.push('-');
    digits2(out, u32::from(u8::from(d.month())));
    out.push('-');
    digits2(out, u32::from(d.day()));
}

/// `v` (0..=99) as two digits, without the formatting machinery (one of these runs per stored
/// row of a bulk load).
fn digits2(out: &mut String, v: u32) {
    for d in [v / 10 % 10, v % 10] {
        out.push(char::from_digit(d, 10).unwrap_or('0'));
    }
}

/// `t` as sqlx stores an `OffsetDateTime` in SQLite (RFC 3339), written without the formatter's
/// overhead for the common case of whole seconds.
pub(crate) fn datetime_text(t: OffsetDateTime, out: &mut String) {
    if t.nanosecond() != 0
        || !(0..=9999).contains(&t.year())
        || t.offset().seconds_past_minute() != 0
    {
        let rfc = time::format_description::well_known::Rfc3339;
        if let Ok(s) = t.format(&rfc) {
            out.push_str(&s);
        }
        return;
    }
    date_text(t.date(), out);
    out.push('T');
    for (i, v) in [t.hour(), t.minute(), t.second()].into_iter().enumerate() {
        if i > 0 {
            out.push(':');
        }
        digits2(out, u32::from(v));
    }
    let (h, m, _) = t.offset().as_hms();
    if h == 0 && m == 0 {
        out.push('Z');
    } else {
        out.push(if h < 0 || m < 0 { '-' } else { '+' });
        digits2(out, u32::from(h.unsigned_abs()));
        out.push(':');
        digits2(out, u32::from(m.unsigned_abs()));
    }
}

/// An [`Arg`] as a value for a direct statement, stored as sqlx stores it.
pub(crate) fn value(a: &Arg) -> Value {
    match a {
        Arg::I(v) => Value::Integer(*v),
        Arg::T(v) => Value::Text(v.clone()),
        Arg::D(d) => {
            let mut s = String::with_capacity(10);
            date_text(*d, &mut s);
            Value::Text(s)
        }
        Arg::Ts(t) => {
            let mut s = String::with_capacity(25);
            datetime_text(*t, &mut s);
            Value::Text(s)
        }
        Arg::NT | Arg::ND | Arg::NI => Value::Null,
        Arg::B(b) => Value::Integer(i64::from(*b)),
    }
}

/// Runs a [`Sql`] on a direct connection.
pub(crate) fn execute(c: &Connection, q: &Sql) -> Result<usize> {
    let mut st = c.prepare_cached(&q.positional())?;
    Ok(st.execute(rusqlite::params_from_iter(q.args.iter().map(value)))?)
}

/// The audit row of a bulk load (the same row as `audit_record!`).
pub(crate) fn audit(
    c: &Connection,
    actor: &Actor,
    aksi: &str,
    entitas: &str,
    kunci: Option<&str>,
    sesudah: Option<&str>,
) -> Result<()> {
    let mut now = String::with_capacity(25);
    datetime_text(crate::now(), &mut now);
    c.execute(
        "INSERT INTO audit (waktu, akun_id, pelaku, aksi, entitas, kunci, sebelum, sesudah) \
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, NULL, ?7)",
        rusqlite::params![
            now,
            actor.akun_id,
            actor.nama,
            aksi,
            entitas,
            kunci,
            sesudah
        ],
    )?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::{date, datetime};

    /// Indexes built with the small sorter cache hold every row in key order, also when their
    /// keys (about 6 MB here) fill several sorted runs; the connection's cache size comes back
    /// afterwards, after a failing statement too.
    #[test]
    fn indexes_built_in_runs_hold_every_row_and_the_cache_comes_back() {
        let dir = tempfile::tempdir().unwrap();
        // As a bulk connection is set up ([`open`]): sorted runs go to temporary files.
        let c = Connection::open(dir.path().join("t.db")).unwrap();
        c.execute_batch(&format!(
            "PRAGMA cache_size = -{CACHE_KIB}; PRAGMA temp_store = FILE; \
             CREATE TABLE t (id INTEGER PRIMARY KEY, k TEXT, n INTEGER); \
             BEGIN"
        ))
        .unwrap();
        let rows: i64 = 150_000;
        {
            let mut st = c.prepare("INSERT INTO t (k, n) VALUES (?1, ?2)").unwrap();
            for i in 0..rows {
                // Keys in no particular order, several rows per key.
                let n = (i * 7_919) % 50_021;
                st.execute(rusqlite::params![format!("kunci-{n:08}"), n])
                    .unwrap();
            }
        }
        let ddl = vec![
            "CREATE INDEX t_k ON t (k)".to_string(),
            "CREATE INDEX t_n_k ON t (n, k)".to_string(),
        ];
        bangun_indeks(&c, &ddl).unwrap();
        let cache: i64 = c.query_row("PRAGMA cache_size", [], |r| r.get(0)).unwrap();
        assert_eq!(cache, -CACHE_KIB);
        let ok: String = c
            .query_row("PRAGMA integrity_check", [], |r| r.get(0))
            .unwrap();
        assert_eq!(ok, "ok");
        let keys: Vec<String> = c
            .prepare("SELECT k FROM t INDEXED BY t_k ORDER BY k")
            .unwrap()
            .query_map([], |r| r.get(0))
            .unwrap()
            .collect::<rusqlite::Result<_>>()
            .unwrap();
        assert_eq!(keys.len(), usize::try_from(rows).unwrap());
        assert!(keys.windows(2).all(|w| w[0] <= w[1]));
        let bad = vec!["CREATE INDEX t_x ON t (tidak_ada)".to_string()];
        assert!(bangun_indeks(&c, &bad).is_err());
        let cache: i64 = c.query_row("PRAGMA cache_size", [], |r| r.get(0)).unwrap();
        assert_eq!(cache, -CACHE_KIB);
        c.execute_batch("COMMIT").unwrap();
    }

    /// The fast texts equal what sqlx writes (`format(&Rfc3339)`, `[year]-[month]-[day]`), so rows
    /// written here read back through the pool.
    #[test]
    fn texts_equal_the_formatter() {
        let rfc = time::format_description::well_known::Rfc3339;
        for t in [
            datetime!(2025-03-04 08:15:00 +07:00),
            datetime!(2025-12-31 23:59:59 UTC),
            datetime!(2024-02-29 00:00:00 -03:30),
            datetime!(2025-03-04 08:15:00.25 +07:00),
            datetime!(0999-01-02 03:04:05 +09:00),
        ] {
            let mut s = String::new();
            datetime_text(t, &mut s);
            assert_eq!(s, t.format(&rfc).unwrap());
        }
        let fd = time::macros::format_description!("[year]-[month]-[day]");
        for d in [date!(2025 - 01 - 09), date!(0800 - 12 - 31)] {
            let mut s = String::new();
            date_text(d, &mut s);
            assert_eq!(s, d.format(&fd).unwrap());
        }
    }
}
