//! The write side of the maintained aggregates: [`Deltas`] sums the change of a set of
//! questionnaire writes in memory (per unit, service type and day; the months are derived when
//! written), and `agregat_apply!` adds them to both tables with multi-row upserts whose values
//! are bound straight from the sums.

use std::collections::HashMap;

use bangkom_core::skm::Unsur;
use time::Date;

use super::awal_bulan;
use crate::import::Peta;

/// Change of one aggregate row.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Delta {
    /// Questionnaires counted.
    pub responden: i64,
    /// Sum of answers per unsur ([`Unsur::index`] order).
    pub jumlah: [i64; 9],
    /// Questionnaires that answered each unsur.
    pub terisi: [i64; 9],
}

impl Delta {
    fn merge(&mut self, o: &Delta) {
        self.responden += o.responden;
        for i in 0..9 {
            self.jumlah[i] += o.jumlah[i];
            self.terisi[i] += o.terisi[i];
        }
    }
}

/// One questionnaire change: unit, service type (index into the interned names), day, +1 or -1,
/// and the answers (0 = not answered). Compact, so that a 1,000,000-row import keeps 32 MB.
#[derive(Debug, Clone, Copy)]
struct Perubahan {
    unit_id: i64,
    layanan: u32,
    tanggal: Date,
    sign: i8,
    jawaban: [u8; 9],
}

/// The summed change of a set of questionnaire writes. Adding one is an append (service types
/// are interned); the sums per unit, service type and day (and month) are formed once, by
/// sorting, when they are written — cheaper than a hash map with one wide entry per key, which a
/// large import spread over many units and days fills with nearly one entry per row.
#[derive(Debug, Default, Clone)]
pub struct Deltas {
    /// Service type names (`""` = none), by index.
    layanan: Vec<String>,
    indeks: HashMap<String, u32>,
    perubahan: Vec<Perubahan>,
}

impl Deltas {
    /// Adds (`sign` = 1) or removes (`sign` = -1) one counted questionnaire; answers outside
    /// 1..=4 are never stored (CHECK constraints), so they are not expected here.
    pub fn add(
        &mut self,
        unit_id: i64,
        layanan: Option<&str>,
        tanggal: Date,
        jawaban: &[Option<i64>; 9],
        sign: i64,
    ) {
        let layanan = self.intern(layanan.unwrap_or(""));
        self.perubahan.push(Perubahan {
            unit_id,
            layanan,
            tanggal,
            sign: if sign < 0 { -1 } else { 1 },
            jawaban: jawaban.map(|v| v.and_then(|v| u8::try_from(v).ok()).unwrap_or(0)),
        });
    }

    fn intern(&mut self, l: &str) -> u32 {
        // A handful of service types: a scan beats hashing the name once per row.
        if self.layanan.len() <= 16 {
            if let Some(i) = self.layanan.iter().position(|x| x == l) {
                return u32::try_from(i).unwrap_or(u32::MAX);
            }
        } else if let Some(i) = self.indeks.get(l) {
            return *i;
        }
        let i = u32::try_from(self.layanan.len()).unwrap_or(u32::MAX);
        self.layanan.push(l.to_string());
        self.indeks.insert(l.to_string(), i);
        i
    }

    /// True when nothing changes.
    pub fn is_empty(&self) -> bool {
        baris(self).iter().all(|(_, rows)| rows.is_empty())
    }
}

/// One changed aggregate row: unit, service type (`""` = none), day or first day of the month.
pub(crate) type Baris<'a> = (i64, &'a str, Date, Delta);

/// The changed rows of the daily and the monthly table, each in key order (day, unit, service:
/// the order of the primary key, so a load appends; a fixed order also keeps the lock order
/// stable between concurrent writers on PostgreSQL). Rows whose change sums to nothing are left
/// out.
///
/// The changes are put in day order by counting (one pass, then a small sort per day), and each
/// month's sums are formed as its days go by: for the 1,000,000-row import this runs beside the
/// index build and was the longer of the two (issue 3's import figure).
pub(crate) fn baris(deltas: &Deltas) -> [(&'static str, Vec<Baris<'_>>); 2] {
    // Service types ranked by name, so that sorting by rank sorts by name.
    let mut by_name: Vec<u32> = (0..u32::try_from(deltas.layanan.len()).unwrap_or(0)).collect();
    let name = |i: u32| deltas.layanan.get(i as usize).map_or("", String::as_str);
    by_name.sort_unstable_by(|a, b| name(*a).cmp(name(*b)));
    let mut rank = vec![0u32; by_name.len()];
    for (r, i) in by_name.iter().enumerate() {
        if let Some(slot) = rank.get_mut(*i as usize) {
            *slot = u32::try_from(r).unwrap_or(u32::MAX);
        }
    }
    let name_of_rank = |r: u32| by_name.get(r as usize).map_or("", |i| name(*i));
    let sorted = urut(&deltas.perubahan, &rank);
    let mut hari: Vec<Baris<'_>> = Vec::new();
    let mut bulan: Vec<Baris<'_>> = Vec::new();
    // The current month's sums per (unit, service rank).
    let mut bulan_ini: Peta<(i64, u32), Delta> = Peta::default();
    let mut bulan_awal: Option<Date> = None;
    for group in sorted
        .chunk_by(|a, b| (a.tanggal, a.unit_id, a.layanan) == (b.tanggal, b.unit_id, b.layanan))
    {
        let Some(first) = group.first() else {
            continue;
        };
        let mut d = Delta::default();
        for p in group {
            let sign = i64::from(p.sign);
            d.responden += sign;
            for (k, v) in p.jawaban.iter().enumerate() {
                if *v > 0 {
                    d.jumlah[k] += sign * i64::from(*v);
                    d.terisi[k] += sign;
                }
            }
        }
        let awal = awal_bulan(first.tanggal);
        if let Some(prev) = bulan_awal.filter(|m| *m != awal) {
            tutup(prev, &mut bulan_ini, &name_of_rank, &mut bulan);
        }
        bulan_awal = Some(awal);
        bulan_ini
            .entry((first.unit_id, first.layanan))
            .or_default()
            .merge(&d);
        if d != Delta::default() {
            hari.push((first.unit_id, name_of_rank(first.layanan), first.tanggal, d));
        }
    }
    if let Some(prev) = bulan_awal {
        tutup(prev, &mut bulan_ini, &name_of_rank, &mut bulan);
    }
    [("skm_agregat", hari), ("skm_agregat_bulan", bulan)]
}

/// Appends the month starting `awal` (its non-zero sums, by unit and service) and empties `sums`.
fn tutup<'a>(
    awal: Date,
    sums: &mut Peta<(i64, u32), Delta>,
    name_of_rank: &impl Fn(u32) -> &'a str,
    out: &mut Vec<Baris<'a>>,
) {
    let mut rows: Vec<((i64, u32), Delta)> = sums
        .drain()
        .filter(|(_, d)| *d != Delta::default())
        .collect();
    rows.sort_unstable_by_key(|(k, _)| *k);
    out.extend(
        rows.into_iter()
            .map(|((u, r), d)| (u, name_of_rank(r), awal, d)),
    );
}

/// The changes ordered by (day, unit, service rank), each service index replaced by its rank.
/// Days that span no more than a few times the number of changes (every real load) are placed by
/// counting, then each day is sorted on its own; otherwise one comparison sort.
fn urut(p: &[Perubahan], rank: &[u32]) -> Vec<Perubahan> {
    let ranked = |x: &Perubahan| Perubahan {
        layanan: rank.get(x.layanan as usize).copied().unwrap_or(0),
        ..*x
    };
    let days = p.iter().map(|x| x.tanggal.to_julian_day());
    let (Some(lo), Some(hi)) = (days.clone().min(), days.max()) else {
        return Vec::new();
    };
    let span = usize::try_from(hi - lo)
        .unwrap_or(usize::MAX)
        .saturating_add(1);
    let day = |x: &Perubahan| usize::try_from(x.tanggal.to_julian_day() - lo).unwrap_or(0);
    if span > p.len().max(1024).saturating_mul(4) {
        let mut out: Vec<Perubahan> = p.iter().map(ranked).collect();
        out.sort_unstable_by_key(|x| (x.tanggal, x.unit_id, x.layanan));
        return out;
    }
    // `start[d]..start[d + 1]` will hold day `lo + d`.
    let mut start = vec![0usize; span + 1];
    for x in p {
        if let Some(c) = start.get_mut(day(x) + 1) {
            *c += 1;
        }
    }
    let mut acc = 0;
    for c in &mut start {
        acc += *c;
        *c = acc;
    }
    let mut at = start.clone();
    let mut out: Vec<Perubahan> = p.to_vec();
    for x in p {
        if let Some(i) = at.get_mut(day(x)) {
            if let Some(slot) = out.get_mut(*i) {
                *slot = ranked(x);
            }
            *i += 1;
        }
    }
    for w in start.windows(2) {
        if let Some(part) = out.get_mut(w[0]..w[1]) {
            part.sort_unstable_by_key(|x| (x.unit_id, x.layanan));
        }
    }
    out
}

/// Rows per upsert statement: 22 parameters each, 22,528 in all (SQLite allows 32,766,
/// PostgreSQL 65,535). Every full statement has the same text, so it is prepared once.
pub(crate) const BATCH: usize = 1024;

/// The upsert of `rows` rows into `table`: `INSERT … ON CONFLICT … DO UPDATE` with `excluded`
/// on both backends. SQLite gets `?` placeholders (see [`crate::query::Sql::positional`]) and
/// `OR FAIL`: a failing CHECK or NOT NULL constraint then ends the statement without undoing its
/// earlier rows, so those constraints no longer make SQLite keep a statement journal (a copy of
/// every page the statement touches; the immediate foreign keys still ask for one, which costs
/// little when the pages are new); the caller rolls the whole transaction back on any error.
pub(crate) fn upsert_text(table: &str, rows: usize, sqlite: bool) -> String {
    let mut cols = String::from("responden");
    for u in Unsur::ALL {
        cols.push_str(&format!(", j_{0}, n_{0}", u.code()));
    }
    let set = cols
        .split(", ")
        .map(|c| format!("{c} = t.{c} + excluded.{c}"))
        .collect::<Vec<_>>()
        .join(", ");
    let or_fail = if sqlite { " OR FAIL" } else { "" };
    let mut s =
        format!("INSERT{or_fail} INTO {table} AS t (unit_id, layanan, tanggal, {cols}) VALUES ");
    s.push_str(&crate::skm_impor::placeholders(rows, 22, sqlite, ""));
    s.push_str(&format!(
        " ON CONFLICT (tanggal, unit_id, layanan) DO UPDATE SET {set}"
    ));
    s
}

/// A date as SQLite stores it (`YYYY-MM-DD`, the text sqlx encodes a `time::Date` to).
pub(crate) fn tanggal_sqlite(d: Date) -> String {
    let mut s = String::with_capacity(10);
    crate::lite::date_text(d, &mut s);
    s
}

/// Applies the deltas inside an open transaction `$tx` (in an [`on!`](crate::on) body or on a
/// backend's own transaction); `$sqlite` tells the backend. Values are bound straight from the
/// sums.
macro_rules! agregat_apply {
    ($sqlite:expr, $tx:expr, $deltas:expr) => {{
        let sqlite: bool = $sqlite;
        let batch = $crate::skm_agregat::BATCH;
        for (table, rows) in $crate::skm_agregat::baris($deltas) {
            let mut full: Option<String> = None;
            for chunk in rows.chunks(batch) {
                let small;
                let text = if chunk.len() == batch {
                    full.get_or_insert_with(|| {
                        $crate::skm_agregat::upsert_text(table, batch, sqlite)
                    })
                    .as_str()
                } else {
                    small = $crate::skm_agregat::upsert_text(table, chunk.len(), sqlite);
                    small.as_str()
                };
                let mut q = sqlx::query(text);
                for (unit, layanan, tanggal, d) in chunk {
                    q = q.bind(*unit).bind(*layanan);
                    q = if sqlite {
                        q.bind($crate::skm_agregat::tanggal_sqlite(*tanggal))
                    } else {
                        q.bind(*tanggal)
                    };
                    q = q.bind(d.responden);
                    for k in 0..9 {
                        q = q.bind(d.jumlah[k]).bind(d.terisi[k]);
                    }
                }
                q.execute(&mut *$tx).await?;
            }
        }
    }};
}
pub(crate) use agregat_apply;

/// The plain INSERT of `rows` aggregate rows (no conflict possible: see [`tulis_lite`]).
fn insert_text(table: &str, rows: usize) -> String {
    let mut cols = String::from("responden");
    for u in Unsur::ALL {
        cols.push_str(&format!(", j_{0}, n_{0}", u.code()));
    }
    format!(
        "INSERT OR FAIL INTO {table} (unit_id, layanan, tanggal, {cols}) VALUES {}",
        crate::skm_impor::placeholders(rows, 22, true, "")
    )
}

/// Aggregate rows per statement of [`tulis_lite`] (as for the questionnaires, a few dozen rows
/// share one statement's start and end).
const LOT: usize = 32;

/// Writes the changed rows ([`baris`]) on a direct connection inside its open write transaction,
/// in primary-key order (so a load into an empty table appends), [`LOT`] rows per prepared
/// statement and single-row statements for the rest. A table with no row at all gets plain
/// INSERTs: the rows of [`baris`] are unique per key and the transaction holds the write lock, so
/// none can meet a stored row; otherwise each row is an upsert adding to the stored one.
pub(crate) fn tulis_lite(
    c: &rusqlite::Connection,
    tables: &[(&'static str, Vec<Baris<'_>>); 2],
) -> crate::Result<()> {
    let mut tanggal = String::with_capacity(10);
    let mut last: Option<Date> = None;
    for (table, rows) in tables {
        if rows.is_empty() {
            continue;
        }
        let kosong: bool = c.query_row(
            &format!("SELECT NOT EXISTS (SELECT 1 FROM {table})"),
            [],
            |r| r.get(0),
        )?;
        let text = |n: usize| {
            if kosong {
                insert_text(table, n)
            } else {
                upsert_text(table, n, true)
            }
        };
        let (mut lot, mut satu) = (c.prepare(&text(LOT))?, c.prepare(&text(1))?);
        let mut bind = |st: &mut rusqlite::Statement<'_>, base: usize, row: &Baris<'_>| {
            let (unit, layanan, day, d) = row;
            if last != Some(*day) {
                tanggal.clear();
                crate::lite::date_text(*day, &mut tanggal);
                last = Some(*day);
            }
            st.raw_bind_parameter(base + 1, *unit)?;
            st.raw_bind_parameter(base + 2, *layanan)?;
            st.raw_bind_parameter(base + 3, tanggal.as_str())?;
            st.raw_bind_parameter(base + 4, d.responden)?;
            for k in 0..9 {
                st.raw_bind_parameter(base + 5 + 2 * k, d.jumlah[k])?;
                st.raw_bind_parameter(base + 6 + 2 * k, d.terisi[k])?;
            }
            Ok::<_, rusqlite::Error>(())
        };
        let mut parts = rows.chunks_exact(LOT);
        for part in &mut parts {
            for (slot, row) in part.iter().enumerate() {
                bind(&mut lot, slot * 22, row)?;
            }
            lot.raw_execute()?;
        }
        for row in parts.remainder() {
            bind(&mut satu, 0, row)?;
            satu.raw_execute()?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use time::{Date, Duration};

    use super::{Delta, Deltas, baris};
    use crate::skm_agregat::awal_bulan;

    type Kunci = (Date, i64, String);
    /// Unit, service type, day, answers, +1 or -1.
    type Perubahan<'a> = (i64, &'a str, Date, [Option<i64>; 9], i64);

    /// The sums by a plain ordered map: what [`baris`] must return, rows in key order, zeros left
    /// out.
    fn reference(changes: &[Perubahan<'_>]) -> [Vec<(Kunci, Delta)>; 2] {
        let mut hari: BTreeMap<Kunci, Delta> = BTreeMap::new();
        let mut bulan: BTreeMap<Kunci, Delta> = BTreeMap::new();
        for (unit, layanan, day, jawaban, sign) in changes {
            for (map, d) in [(&mut hari, *day), (&mut bulan, awal_bulan(*day))] {
                let e = map.entry((d, *unit, layanan.to_string())).or_default();
                e.responden += sign;
                for (k, v) in jawaban.iter().enumerate() {
                    if let Some(v) = v {
                        e.jumlah[k] += sign * v;
                        e.terisi[k] += sign;
                    }
                }
            }
        }
        [hari, bulan].map(|m| {
            m.into_iter()
                .filter(|(_, d)| *d != Delta::default())
                .collect()
        })
    }

    /// Random changes (several units and service types, added and removed, some cancelling out)
    /// over a few months, and over a span of decades with few changes (the comparison-sort path):
    /// [`baris`] gives exactly the reference sums, in key order.
    #[test]
    fn sums_equal_a_plain_ordered_map() {
        let mut seed = 0x2545_F491_4F6C_DD1Du64;
        let mut next = |n: u64| {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            seed % n
        };
        let start = time::macros::date!(2024 - 12 - 20);
        for (rows, span) in [(5_000u64, 75i64), (300, 20_000), (1, 1)] {
            let names = ["ktp", "", "akta", "kk"];
            let mut changes = Vec::new();
            for _ in 0..rows {
                let day = start + Duration::days(i64::try_from(next(span as u64)).unwrap());
                let jawaban: [Option<i64>; 9] = std::array::from_fn(|_| match next(5) {
                    0 => None,
                    v => Some(i64::try_from(v).unwrap()),
                });
                let unit = i64::try_from(1 + next(6)).unwrap();
                let layanan = names[usize::try_from(next(4)).unwrap()];
                changes.push((unit, layanan, day, jawaban, 1));
                // A third are removed again: those keys sum to nothing unless added twice.
                if next(3) == 0 {
                    changes.push((unit, layanan, day, jawaban, -1));
                }
            }
            let mut deltas = Deltas::default();
            for (unit, layanan, day, jawaban, sign) in &changes {
                deltas.add(
                    *unit,
                    Some(*layanan).filter(|l| !l.is_empty()),
                    *day,
                    jawaban,
                    *sign,
                );
            }
            let got = baris(&deltas).map(|(_, rows)| {
                rows.into_iter()
                    .map(|(u, l, d, delta)| ((d, u, l.to_string()), delta))
                    .collect::<Vec<_>>()
            });
            assert_eq!(got, reference(&changes), "{rows} rows over {span} days");
        }
        assert!(baris(&Deltas::default()).iter().all(|(_, r)| r.is_empty()));
    }
}
