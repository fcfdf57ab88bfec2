//! Monthly summaries of service durations (migration 0014, issue 5 figures): per (unit, service
//! type, WIB month) the packed durations of the month with their day
//! (`bangkom_core::layanan::sebaran`). Reads of any scope and period decode the summaries of the
//! months they touch (a partial month keeps only its days) instead of reading every transaction;
//! the statistics over them are exact (`sebaran::statistik`).
//!
//! Consistency: every write of `layanan_transaksi` adds its rows to the summaries of the cells it
//! touches in the same transaction (`ringkasan_tambah!`), and the officers named on them to
//! `layanan_petugas`; on PostgreSQL the summary row is locked (`FOR UPDATE`) before it is read, so
//! concurrent batches never lose each other's rows (SQLite writers are serialised by `BEGIN IMMEDIATE`). Cells listed
//! in `layanan_ringkasan_basi` (months that existed before the migration) are rebuilt from the raw
//! rows by [`Db::layanan_ringkasan_bangun`] before any read.

use std::collections::HashMap;

use bangkom_core::layanan::sebaran;
use time::Date;

use super::TransaksiValues;
use crate::query::Sql;
use crate::{Arg, BeginWrite, Db, DbError, Result, on};

/// Creates the summary row of a cell if it is missing (so that it can be locked).
#[doc(hidden)]
pub const INSERT_KOSONG: &str = "INSERT INTO layanan_ringkasan (unit_id, layanan, bulan, jumlah, durasi) \
     VALUES ($1, $2, $3, 0, $4) ON CONFLICT (unit_id, layanan, bulan) DO NOTHING";
/// Reads a cell's packed durations (PostgreSQL appends `FOR UPDATE`).
#[doc(hidden)]
pub const SELECT_SEL: &str =
    "SELECT durasi FROM layanan_ringkasan WHERE unit_id = $1 AND layanan = $2 AND bulan = $3";
/// Stores a cell's packed durations.
#[doc(hidden)]
pub const UPDATE_SEL: &str = "UPDATE layanan_ringkasan SET jumlah = $1, durasi = $2 \
     WHERE unit_id = $3 AND layanan = $4 AND bulan = $5";

/// The new transactions of one cell.
#[derive(Debug)]
pub(crate) struct Sel<'a> {
    pub unit_id: i64,
    pub layanan: &'a str,
    /// First day of the WIB month.
    pub bulan: Date,
    /// `(seconds, day of month)`.
    pub items: Vec<(i64, u8)>,
}

/// First day of the month of `d`.
pub fn awal_bulan(d: Date) -> Date {
    d.replace_day(1).unwrap_or(d)
}

/// Last day of the month of `d`.
pub fn akhir_bulan(d: Date) -> Date {
    d.replace_day(d.month().length(d.year())).unwrap_or(d)
}

/// Groups transactions into their summary cells.
fn sel_dari<'a>(rows: impl Iterator<Item = &'a TransaksiValues>) -> Vec<Sel<'a>> {
    type Kunci<'k> = (i64, &'k str, Date);
    let mut map: HashMap<Kunci<'a>, Vec<(i64, u8)>> = HashMap::new();
    for v in rows {
        map.entry((v.unit_id, v.t.layanan.as_str(), awal_bulan(v.t.tanggal)))
            .or_default()
            .push((v.t.durasi_detik, v.t.tanggal.day()));
    }
    let mut out: Vec<Sel<'a>> = map
        .into_iter()
        .map(|((unit_id, layanan, bulan), items)| Sel {
            unit_id,
            layanan,
            bulan,
            items,
        })
        .collect();
    // A fixed order: two PostgreSQL writers lock shared cells in the same order (no deadlock).
    out.sort_by(|a, b| (a.unit_id, a.layanan, a.bulan).cmp(&(b.unit_id, b.layanan, b.bulan)));
    out
}

/// A malformed stored summary as a driver decode error.
#[doc(hidden)]
pub fn rusak(e: String) -> DbError {
    DbError::Sqlx(sqlx::Error::Decode(e.into()))
}

/// What a write adds besides the rows: the summary cells and the officers' days.
#[derive(Debug)]
pub(crate) struct Tambahan<'a> {
    pub cells: Vec<Sel<'a>>,
    /// `INSERT INTO layanan_petugas … ON CONFLICT DO NOTHING`, at most [`BATCH`] triples each.
    pub petugas: Vec<Sql>,
}

/// Officers per day and unit of a write, chunked.
const BATCH: usize = 300;

/// The summary cells and the distinct `(day, unit, officer)` of transactions being written.
pub(crate) fn tambahan<'a>(
    rows: impl Iterator<Item = &'a TransaksiValues> + Clone,
) -> Tambahan<'a> {
    Tambahan {
        cells: sel_dari(rows.clone()),
        petugas: petugas_sql(rows),
    }
}

/// `INSERT INTO layanan_petugas … ON CONFLICT DO NOTHING` statements for the distinct
/// `(day, unit, officer)` of transactions being written, at most [`BATCH`] triples each.
pub(crate) fn petugas_sql<'a>(rows: impl Iterator<Item = &'a TransaksiValues>) -> Vec<Sql> {
    let mut seen: std::collections::BTreeSet<(Date, i64, &'a str)> = Default::default();
    for v in rows {
        if let Some(nip) = v.t.nip_petugas.as_deref() {
            seen.insert((v.t.tanggal, v.unit_id, nip));
        }
    }
    let triples: Vec<_> = seen.into_iter().collect();
    triples
        .chunks(BATCH)
        .map(|chunk| {
            let mut q =
                Sql::new("INSERT INTO layanan_petugas (tanggal, unit_id, nip_petugas) VALUES ");
            for (i, (d, u, nip)) in chunk.iter().enumerate() {
                if i > 0 {
                    q.push(",");
                }
                let a = q.arg(Arg::D(*d));
                let b = q.arg(Arg::I(*u));
                let c = q.arg(Arg::T((*nip).to_string()));
                q.push(&format!("({a},{b},{c})"));
            }
            q.push(" ON CONFLICT (tanggal, unit_id, nip_petugas) DO NOTHING");
            q
        })
        .collect()
}

/// Adds a write's [`Tambahan`] on `$tx` (a write transaction of the active backend, inside an
/// [`on!`](crate::on) body): for each cell create the summary row if missing, lock and read it,
/// store the merged durations; then the officers' days.
macro_rules! ringkasan_tambah {
    ($db:expr, $tx:expr, $t:expr) => {{
        let t: &$crate::layanan::ringkasan::Tambahan<'_> = $t;
        let select = if $db.backend() == "postgres" {
            format!("{} FOR UPDATE", $crate::layanan::ringkasan::SELECT_SEL)
        } else {
            $crate::layanan::ringkasan::SELECT_SEL.to_string()
        };
        for c in &t.cells {
            sqlx::query($crate::layanan::ringkasan::INSERT_KOSONG)
                .bind(c.unit_id)
                .bind(c.layanan)
                .bind(c.bulan)
                .bind(Vec::<u8>::new())
                .execute(&mut *$tx)
                .await?;
            let (old,): (Vec<u8>,) = sqlx::query_as(&select)
                .bind(c.unit_id)
                .bind(c.layanan)
                .bind(c.bulan)
                .fetch_one(&mut *$tx)
                .await?;
            let blob = bangkom_core::layanan::sebaran::merge(&old, &c.items)
                .map_err($crate::layanan::ringkasan::rusak)?;
            let n = i64::try_from(bangkom_core::layanan::sebaran::len(&blob).unwrap_or(0))
                .unwrap_or(i64::MAX);
            sqlx::query($crate::layanan::ringkasan::UPDATE_SEL)
                .bind(n)
                .bind(blob)
                .bind(c.unit_id)
                .bind(c.layanan)
                .bind(c.bulan)
                .execute(&mut *$tx)
                .await?;
        }
        for q in &t.petugas {
            let text = q.text_for($db);
            $crate::bind_args!(sqlx::query(&text), &q.args)
                .execute(&mut *$tx)
                .await?;
        }
    }};
}
pub(crate) use ringkasan_tambah;

/// Sorted durations of one cell (whole month or the days of the period in it), with the
/// standard in force at its unit.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sebaran {
    /// Unit.
    pub unit_id: i64,
    /// Service type.
    pub layanan: String,
    /// The standard in force at the unit (its own, an ancestor's, or the type's), minutes.
    pub standar_menit: i64,
    /// Seconds, sorted ascending.
    pub detik: Vec<i64>,
}

/// A stored summary row of a period.
#[derive(sqlx::FromRow)]
struct Baris {
    unit_id: i64,
    layanan: String,
    bulan: Date,
    durasi: Vec<u8>,
    standar_menit: i64,
}

/// The days of month `bulan` inside `from..=to` (1..=31 for the whole month).
pub(crate) fn hari(bulan: Date, from: Date, to: Date) -> (u8, u8) {
    let first = if from > bulan { from.day() } else { 1 };
    let last = if to < akhir_bulan(bulan) {
        to.day()
    } else {
        31
    };
    (first, last)
}

impl Db {
    /// Rebuilds from the raw rows every cell listed in `layanan_ringkasan_basi` and empties the
    /// list; returns the number of cells rebuilt. Each cell's summary row is locked before its
    /// raw rows are read, so an import committing meanwhile is never lost.
    pub async fn layanan_ringkasan_bangun(&self) -> Result<usize> {
        let (n,): (i64,) = on!(self, p => sqlx::query_as("SELECT COUNT(*) FROM layanan_ringkasan_basi").fetch_one(p).await?);
        if n == 0 {
            return Ok(0);
        }
        let mut done = 0;
        on!(self, p => {
            let mut tx = p.begin_write().await?;
            let stale: Vec<(i64, String, Date)> =
                sqlx::query_as("SELECT unit_id, layanan, bulan FROM layanan_ringkasan_basi ORDER BY unit_id, layanan, bulan")
                    .fetch_all(&mut *tx)
                    .await?;
            // One read of each unit's rows (through the (unit_id, tiket) key) serves all of its
            // stale cells.
            let mut by_unit: std::collections::BTreeMap<i64, Vec<(String, Date)>> = Default::default();
            for (unit_id, layanan, bulan) in stale {
                by_unit.entry(unit_id).or_default().push((layanan, bulan));
            }
            for (unit_id, cells) in by_unit {
                // Lock first (an empty cell gets a row that is removed again below).
                let t = Tambahan {
                    cells: cells.iter().map(|(l, b)| Sel { unit_id, layanan: l, bulan: *b, items: Vec::new() }).collect(),
                    petugas: Vec::new(),
                };
                ringkasan_tambah!(self, tx, &t);
                let raw: Vec<(String, i64, Date)> = sqlx::query_as(
                    "SELECT layanan, durasi_detik, tanggal FROM layanan_transaksi WHERE unit_id = $1",
                )
                .bind(unit_id)
                .fetch_all(&mut *tx)
                .await?;
                let mut items: HashMap<(&str, Date), Vec<(i64, u8)>> =
                    cells.iter().map(|(l, b)| ((l.as_str(), *b), Vec::new())).collect();
                for (l, secs, d) in &raw {
                    if let Some(v) = items.get_mut(&(l.as_str(), awal_bulan(*d))) {
                        v.push((*secs, d.day()));
                    }
                }
                for (layanan, bulan) in &cells {
                    let mut items = items.remove(&(layanan.as_str(), *bulan)).unwrap_or_default();
                    let blob = sebaran::encode(&mut items);
                    if items.is_empty() {
                        sqlx::query("DELETE FROM layanan_ringkasan WHERE unit_id = $1 AND layanan = $2 AND bulan = $3")
                            .bind(unit_id).bind(layanan).bind(bulan).execute(&mut *tx).await?;
                    } else {
                        sqlx::query(UPDATE_SEL)
                            .bind(i64::try_from(items.len()).unwrap_or(i64::MAX))
                            .bind(blob)
                            .bind(unit_id).bind(layanan).bind(bulan)
                            .execute(&mut *tx).await?;
                    }
                    sqlx::query("DELETE FROM layanan_ringkasan_basi WHERE unit_id = $1 AND layanan = $2 AND bulan = $3")
                        .bind(unit_id).bind(layanan).bind(bulan).execute(&mut *tx).await?;
                    done += 1;
                }
            }
            tx.commit().await?;
        });
        Ok(done)
    }

    /// `(bytes of packed durations, transactions)` over every summary (the benchmark's measure
    /// of the format's size).
    pub async fn layanan_ringkasan_ukuran(&self) -> Result<(i64, i64)> {
        const SQL: &str = "SELECT CAST(COALESCE(SUM(length(durasi)), 0) AS BIGINT), \
             CAST(COALESCE(SUM(jumlah), 0) AS BIGINT) FROM layanan_ringkasan";
        Ok(on!(self, p => sqlx::query_as(SQL).fetch_one(p).await?))
    }

    async fn ringkasan_baris(
        &self,
        units: Option<&[i64]>,
        from: Date,
        to: Date,
        layanan: Option<&str>,
    ) -> Result<Vec<Baris>> {
        self.layanan_ringkasan_bangun().await?;
        let mut q = Sql::new(
            "SELECT r.unit_id, r.layanan, r.bulan, r.durasi, j.standar_menit FROM layanan_ringkasan r \
             JOIN jenis_layanan j ON j.kode = r.layanan WHERE r.bulan >= $1 AND r.bulan <= $2",
        );
        q.args.push(Arg::D(awal_bulan(from)));
        q.args.push(Arg::D(to));
        if let Some(l) = layanan {
            let a = q.arg(Arg::T(l.to_string()));
            q.push(&format!(" AND r.layanan = {a}"));
        }
        if let Some(ids) = units {
            q.push(&format!(" AND r.unit_id IN {}", Sql::id_list(ids)));
        }
        Ok(on!(self, p => crate::bind_args!(sqlx::query_as(&q.text), &q.args).fetch_all(p).await?))
    }

    /// The durations of the transactions of the units (None = all) whose WIB date lies in
    /// `from..=to`, optionally of one service type, from the monthly summaries: one sorted part per
    /// (unit, type, month), each with the standard in force at its unit. The same multiset as
    /// [`Db::layanan_durasi`] (the full recomputation), without reading every transaction.
    pub async fn layanan_sebaran(
        &self,
        units: Option<&[i64]>,
        from: Date,
        to: Date,
        layanan: Option<&str>,
    ) -> Result<Vec<Sebaran>> {
        let rows = self.ringkasan_baris(units, from, to, layanan).await?;
        let standar = self.layanan_standar().await?;
        let org = if standar.no_overrides() {
            None
        } else {
            Some(self.org_index().await?)
        };
        let mut out = Vec::with_capacity(rows.len());
        for r in rows {
            let (first, last) = hari(r.bulan, from, to);
            let detik = sebaran::durations(&r.durasi, first, last).map_err(rusak)?;
            if detik.is_empty() {
                continue;
            }
            let standar_menit = org
                .as_ref()
                .and_then(|o| standar.menit(o, r.unit_id, &r.layanan))
                .unwrap_or(r.standar_menit);
            out.push(Sebaran {
                unit_id: r.unit_id,
                layanan: r.layanan,
                standar_menit,
                detik,
            });
        }
        Ok(out)
    }

    /// `(unit, WIB date, seconds)` of every transaction of the units whose date lies in
    /// `from..=to`: the raw input of the impact evaluation, decoded from the monthly summaries.
    pub async fn layanan_detik(
        &self,
        units: &[i64],
        from: Date,
        to: Date,
    ) -> Result<Vec<(i64, Date, i64)>> {
        let rows = self.ringkasan_baris(Some(units), from, to, None).await?;
        let mut out = Vec::new();
        for r in rows {
            let (first, last) = hari(r.bulan, from, to);
            for (secs, day) in sebaran::decode(&r.durasi).map_err(rusak)? {
                if first <= day && day <= last {
                    let d = r.bulan.replace_day(day).map_err(|e| rusak(e.to_string()))?;
                    out.push((r.unit_id, d, secs));
                }
            }
        }
        Ok(out)
    }
}
