//! The aggregates of a bulk SKM load into empty aggregate tables, built beside the database while
//! SQLite builds the questionnaires' indexes (issue 3: `skm import` of 1,000,000 rows at
//! ≥ 250,000 rows/s). The bulk writer has one SQLite connection, so everything it does runs on
//! one core; after the rows are read the second core sat idle. Here a second thread writes the
//! summed rows ([`crate::skm_agregat::baris`]) into a scratch SQLite file whose tables are created
//! from the database's own DDL (same columns, constraints, primary key and indexes), and the
//! writer then copies them with `INSERT INTO main.t SELECT * FROM bantu.t`. For an empty
//! destination with identical schema and foreign keys off, SQLite copies the stored records and
//! index entries as they are, in order, without decoding or re-sorting them (its "transfer
//! optimisation"), which costs about half of inserting the same rows.
//!
//! The scratch file holds nothing that is not also in the transaction: it is written with no
//! journal and no sync, read inside the writer's transaction and removed afterwards. A failure
//! anywhere rolls the whole import back, as before.

use std::path::Path;

use rusqlite::Connection;

use crate::skm_agregat::{Baris, tulis_lite};
use crate::{DbError, Result};

/// The two aggregate tables, in the order [`crate::skm_agregat::baris`] returns them.
const TABEL: [&str; 2] = ["skm_agregat", "skm_agregat_bulan"];

/// The schema of the aggregate tables as stored: each table's CREATE TABLE, then its indexes.
pub(crate) struct Skema {
    tabel: Vec<String>,
    indeks: Vec<String>,
}

/// True when both aggregate tables are empty (read inside the writer's transaction, which holds
/// the write lock): only then can the rows be copied as they are.
pub(crate) fn kosong(c: &Connection) -> Result<bool> {
    let mut all = true;
    for t in TABEL {
        let empty: bool =
            c.query_row(&format!("SELECT NOT EXISTS (SELECT 1 FROM {t})"), [], |r| {
                r.get(0)
            })?;
        all &= empty;
    }
    Ok(all)
}

/// Prefix and suffix of the scratch files in the database's directory.
pub(crate) const AWALAN: &str = ".skm-agregat-";
pub(crate) const AKHIRAN: &str = ".tmp";

/// Creates the scratch file in `dir`, first removing any left by an import that was killed before
/// it could remove its own. Called while holding the database's write lock: an import uses its
/// scratch file only while it holds that lock, so every such file found now is stale.
pub(crate) fn berkas(dir: &Path) -> Result<tempfile::NamedTempFile> {
    if let Ok(entries) = std::fs::read_dir(dir) {
        for e in entries.flatten() {
            let name = e.file_name();
            let name = name.to_string_lossy();
            if name.starts_with(AWALAN) && name.ends_with(AKHIRAN) {
                let _ = std::fs::remove_file(e.path());
            }
        }
    }
    tempfile::Builder::new()
        .prefix(AWALAN)
        .suffix(AKHIRAN)
        .tempfile_in(dir)
        .map_err(|e| DbError::Conflict(format!("berkas sementara agregat: {e}")))
}

/// Reads the DDL of the aggregate tables from the database.
pub(crate) fn skema(c: &Connection) -> Result<Skema> {
    let mut s = Skema {
        tabel: Vec::new(),
        indeks: Vec::new(),
    };
    let mut st = c.prepare(
        "SELECT type, sql FROM sqlite_master WHERE tbl_name = ?1 AND sql IS NOT NULL \
         ORDER BY type = 'index', name",
    )?;
    for t in TABEL {
        let rows = st.query_map([t], |r| {
            Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?))
        })?;
        for row in rows {
            let (kind, sql) = row?;
            if kind == "table" {
                s.tabel.push(sql);
            } else {
                s.indeks.push(sql);
            }
        }
    }
    if s.tabel.len() != TABEL.len() {
        return Err(DbError::Conflict(
            "tabel agregat SKM tidak ditemukan".into(),
        ));
    }
    Ok(s)
}

/// Writes `rows` into a new scratch database at `path` with the schema `s` (rows first, in
/// primary-key order, then the indexes: one sort each).
pub(crate) fn bangun(
    path: &Path,
    s: &Skema,
    rows: &[(&'static str, Vec<Baris<'_>>); 2],
) -> Result<()> {
    let c = Connection::open(path)?;
    c.execute_batch(
        "PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF; PRAGMA foreign_keys = OFF; \
         PRAGMA cache_size = -262144;",
    )?;
    c.execute_batch("BEGIN")?;
    for sql in &s.tabel {
        c.execute_batch(sql)?;
    }
    tulis_lite(&c, rows)?;
    for sql in &s.indeks {
        c.execute_batch(sql)?;
    }
    c.execute_batch("COMMIT")?;
    Ok(())
}

/// Copies the scratch database at `path` into the empty aggregate tables of the writer's open
/// transaction on `c`, checking that every row arrived.
pub(crate) fn salin(
    c: &Connection,
    path: &Path,
    rows: &[(&'static str, Vec<Baris<'_>>); 2],
) -> Result<()> {
    let name = path
        .to_str()
        .ok_or_else(|| DbError::Conflict("nama berkas sementara bukan UTF-8".into()))?;
    // Never detached: the bulk connection is closed when its writer ends.
    c.execute("ATTACH DATABASE ?1 AS bantu", [name])?;
    for (table, want) in rows {
        let n = c.execute(
            &format!("INSERT INTO main.{table} SELECT * FROM bantu.{table}"),
            [],
        )?;
        if n != want.len() {
            return Err(DbError::Conflict(format!(
                "agregat {table}: {n} baris tersalin, bukan {}",
                want.len()
            )));
        }
    }
    Ok(())
}
