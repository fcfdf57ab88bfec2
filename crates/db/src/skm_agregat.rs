//! Maintained IKM aggregates (migration 0013): per unit, service type and day (`skm_agregat`) and
//! per month (`skm_agregat_bulan`), the number of counted questionnaires and, per unsur, the
//! integer sum of the answers and the number of questionnaires that answered it. NRR per unsur is
//! sum / answered (REFERENCE §0.3); integers keep every merge exact (§0.5, §0.7).
//!
//! Every write of `skm_respons` (web and API submissions, the paper form, `skm import`, exclusion
//! and re-inclusion) adds its delta in its own transaction ([`Delta`], [`upsert_sql`]), so the IKM
//! of any scope and period reads a few aggregate rows instead of scanning the questionnaires:
//! whole months from the monthly table, the ragged ends from the daily one. The full scan
//! ([`Db::skm_akumulator_per_unit_scan`]) stays as the reference the conformance test compares
//! against.

use std::collections::HashMap;

use bangkom_core::skm::{Akumulator, Unsur};
use time::{Date, Month};

use crate::query::Sql;
use crate::{Arg, Db, Result, on};

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

/// Key of an aggregate row: unit, service type (`""` = none), day or first day of the month.
pub type Kunci = (i64, String, Date);

/// Deltas of the daily and the monthly table for a set of questionnaire changes.
#[derive(Debug, Default, Clone)]
pub struct Deltas {
    hari: HashMap<Kunci, Delta>,
    bulan: HashMap<Kunci, Delta>,
}

/// First day of the month of `d`.
pub fn awal_bulan(d: Date) -> Date {
    d.replace_day(1).unwrap_or(d)
}

impl Deltas {
    /// Adds (`sign` = 1) or removes (`sign` = -1) one counted questionnaire.
    pub fn add(
        &mut self,
        unit_id: i64,
        layanan: Option<&str>,
        tanggal: Date,
        jawaban: &[Option<i64>; 9],
        sign: i64,
    ) {
        let l = layanan.unwrap_or("").to_string();
        for (map, d) in [
            (&mut self.hari, tanggal),
            (&mut self.bulan, awal_bulan(tanggal)),
        ] {
            let e = map.entry((unit_id, l.clone(), d)).or_default();
            e.responden += sign;
            for (i, v) in jawaban.iter().enumerate() {
                if let Some(v) = v {
                    e.jumlah[i] += sign * v;
                    e.terisi[i] += sign;
                }
            }
        }
    }

    /// True when nothing changes.
    pub fn is_empty(&self) -> bool {
        self.hari
            .values()
            .chain(self.bulan.values())
            .all(|d| *d == Delta::default())
    }
}

/// Rows per upsert statement (22 parameters each, far below 32,766).
const BATCH: usize = 500;

fn value_cols() -> String {
    let mut s = String::from("responden");
    for u in Unsur::ALL {
        s.push_str(&format!(", j_{0}, n_{0}", u.code()));
    }
    s
}

/// The upsert statements that add `deltas` to both tables (same text on both backends:
/// `INSERT … ON CONFLICT … DO UPDATE` with `excluded`).
pub(crate) fn upsert_sql(deltas: &Deltas) -> Vec<Sql> {
    let cols = value_cols();
    let set = cols
        .split(", ")
        .map(|c| format!("{c} = t.{c} + excluded.{c}"))
        .collect::<Vec<_>>()
        .join(", ");
    let mut out = Vec::new();
    for (table, map) in [
        ("skm_agregat", &deltas.hari),
        ("skm_agregat_bulan", &deltas.bulan),
    ] {
        let mut rows: Vec<(&Kunci, &Delta)> = map
            .iter()
            .filter(|(_, d)| **d != Delta::default())
            .collect();
        // A fixed order keeps lock order stable between concurrent writers (PostgreSQL).
        rows.sort_by(|a, b| a.0.cmp(b.0));
        for chunk in rows.chunks(BATCH) {
            let mut q = Sql::new(&format!(
                "INSERT INTO {table} AS t (unit_id, layanan, tanggal, {cols}) VALUES "
            ));
            for (i, ((unit, layanan, tanggal), d)) in chunk.iter().enumerate() {
                if i > 0 {
                    q.push(",");
                }
                let mut args = vec![
                    Arg::I(*unit),
                    Arg::T(layanan.clone()),
                    Arg::D(*tanggal),
                    Arg::I(d.responden),
                ];
                for k in 0..9 {
                    args.push(Arg::I(d.jumlah[k]));
                    args.push(Arg::I(d.terisi[k]));
                }
                let ph: Vec<String> = args.into_iter().map(|a| q.arg(a)).collect();
                q.push(&format!("({})", ph.join(",")));
            }
            q.push(&format!(
                " ON CONFLICT (tanggal, unit_id, layanan) DO UPDATE SET {set}"
            ));
            out.push(q);
        }
    }
    out
}

/// Applies the deltas inside an open transaction `$tx` of `$db` (in an [`on!`] body).
macro_rules! agregat_apply {
    ($db:expr, $tx:expr, $deltas:expr) => {
        for q in $crate::skm_agregat::upsert_sql($deltas) {
            let text = q.text_for($db);
            $crate::bind_args!(sqlx::query(&text), &q.args)
                .execute(&mut *$tx)
                .await?;
        }
    };
}
pub(crate) use agregat_apply;

/// An inclusive date range.
type Rentang = (Date, Date);

/// The parts of `from..=to` read from each table: whole months from the monthly table, the days
/// before the first whole month and after the last one from the daily table.
fn bagian(from: Date, to: Date) -> (Vec<Rentang>, Option<Rentang>) {
    if from > to {
        return (Vec::new(), None);
    }
    let first_whole = if from.day() == 1 {
        Some(from)
    } else {
        next_month(from)
    };
    // The first day of the month after `to` when `to` is its month's last day, else `to`'s month.
    let end_excl = match to.next_day() {
        Some(n) if n.day() == 1 => Some(n),
        _ => Some(awal_bulan(to)),
    };
    match (first_whole, end_excl) {
        (Some(a), Some(b)) if a < b => {
            let last_month = b.previous_day().map_or(a, awal_bulan);
            let mut days = Vec::new();
            if let Some(p) = a.previous_day().filter(|p| from <= *p) {
                days.push((from, p));
            }
            if b <= to {
                days.push((b, to));
            }
            (days, Some((a, last_month)))
        }
        _ => (vec![(from, to)], None),
    }
}

fn next_month(d: Date) -> Option<Date> {
    let (y, m) = if d.month() == Month::December {
        (d.year() + 1, Month::January)
    } else {
        (d.year(), d.month().next())
    };
    Date::from_calendar_date(y, m, 1).ok()
}

fn acc_of(row: &[i64]) -> Akumulator {
    let n = |i: usize| u64::try_from(row.get(i).copied().unwrap_or(0)).unwrap_or(0);
    let mut acc = Akumulator {
        responden: n(1),
        ..Default::default()
    };
    for i in 0..9 {
        acc.jumlah[i] = n(2 + 2 * i);
        acc.terisi[i] = n(3 + 2 * i);
    }
    acc
}

impl Db {
    async fn agregat_rows(
        &self,
        table: &str,
        units: Option<&[i64]>,
        from: Date,
        to: Date,
    ) -> Result<Vec<Vec<i64>>> {
        let mut sql = String::from("SELECT unit_id, CAST(SUM(responden) AS BIGINT)");
        for u in Unsur::ALL {
            let c = u.code();
            sql.push_str(&format!(
                ", CAST(SUM(j_{c}) AS BIGINT), CAST(SUM(n_{c}) AS BIGINT)"
            ));
        }
        sql.push_str(&format!(
            " FROM {table} WHERE tanggal >= $1 AND tanggal <= $2"
        ));
        if let Some(ids) = units {
            sql.push_str(&format!(" AND unit_id IN {}", Sql::id_list(ids)));
        }
        sql.push_str(" GROUP BY unit_id");
        Ok(on!(self, p => {
            use sqlx::Row;
            let rows = sqlx::query(&sql).bind(from).bind(to).fetch_all(p).await?;
            rows.iter()
                .map(|r| (0..20).map(|i| r.try_get::<i64, _>(i)).collect::<std::result::Result<Vec<i64>, _>>())
                .collect::<std::result::Result<Vec<_>, _>>()?
        }))
    }

    /// Sums and counts per unsur for each unit over `units` (None = every unit) and an inclusive
    /// date range, read from the maintained aggregates; excluded responses never count (REFERENCE
    /// §0.3, §0.7). Units with no counted response in the range are absent; sorted by unit id.
    pub async fn skm_akumulator_per_unit(
        &self,
        units: Option<&[i64]>,
        from: Date,
        to: Date,
    ) -> Result<Vec<(i64, Akumulator)>> {
        let (days, months) = bagian(from, to);
        let mut per: HashMap<i64, Akumulator> = HashMap::new();
        let mut parts: Vec<(&str, Date, Date)> = days
            .into_iter()
            .map(|(a, b)| ("skm_agregat", a, b))
            .collect();
        if let Some((a, b)) = months {
            parts.push(("skm_agregat_bulan", a, b));
        }
        for (table, a, b) in parts {
            for row in self.agregat_rows(table, units, a, b).await? {
                let unit = row.first().copied().unwrap_or(0);
                per.entry(unit).or_default().merge(&acc_of(&row));
            }
        }
        let mut out: Vec<(i64, Akumulator)> =
            per.into_iter().filter(|(_, a)| !a.kosong()).collect();
        out.sort_by_key(|(u, _)| *u);
        Ok(out)
    }

    /// The same figures by a full scan of the stored questionnaires: the reference the maintained
    /// aggregates must always equal (conformance test), and an audit tool.
    pub async fn skm_akumulator_per_unit_scan(
        &self,
        units: Option<&[i64]>,
        from: Date,
        to: Date,
    ) -> Result<Vec<(i64, Akumulator)>> {
        let mut sql = String::from("SELECT unit_id, COUNT(*)");
        for u in Unsur::ALL {
            let c = u.code();
            sql.push_str(&format!(
                ", CAST(COALESCE(SUM({c}), 0) AS BIGINT), COUNT({c})"
            ));
        }
        sql.push_str(
            " FROM skm_respons WHERE tanggal >= $1 AND tanggal <= $2 AND dikecualikan = $3",
        );
        if let Some(ids) = units {
            sql.push_str(&format!(" AND unit_id IN {}", Sql::id_list(ids)));
        }
        sql.push_str(" GROUP BY unit_id ORDER BY unit_id");
        let rows: Vec<Vec<i64>> = on!(self, p => {
            use sqlx::Row;
            let rows = sqlx::query(&sql).bind(from).bind(to).bind(false).fetch_all(p).await?;
            rows.iter()
                .map(|r| (0..20).map(|i| r.try_get::<i64, _>(i)).collect::<std::result::Result<Vec<i64>, _>>())
                .collect::<std::result::Result<Vec<_>, _>>()?
        });
        Ok(rows
            .iter()
            .map(|row| (row.first().copied().unwrap_or(0), acc_of(row)))
            .collect())
    }
}

#[cfg(test)]
mod tests {
    use time::macros::date;

    use super::bagian;

    #[test]
    fn ranges_split_into_whole_months_and_ragged_days() {
        // A calendar year: twelve months, no days.
        assert_eq!(
            bagian(date!(2025 - 01 - 01), date!(2025 - 12 - 31)),
            (vec![], Some((date!(2025 - 01 - 01), date!(2025 - 12 - 01))))
        );
        // Ragged on both ends.
        assert_eq!(
            bagian(date!(2025 - 02 - 15), date!(2025 - 05 - 10)),
            (
                vec![
                    (date!(2025 - 02 - 15), date!(2025 - 02 - 28)),
                    (date!(2025 - 05 - 01), date!(2025 - 05 - 10))
                ],
                Some((date!(2025 - 03 - 01), date!(2025 - 04 - 01)))
            )
        );
        // Inside one month: days only.
        assert_eq!(
            bagian(date!(2025 - 03 - 02), date!(2025 - 03 - 30)),
            (vec![(date!(2025 - 03 - 02), date!(2025 - 03 - 30))], None)
        );
        // One whole month and a day before it, across a year end.
        assert_eq!(
            bagian(date!(2024 - 12 - 31), date!(2025 - 01 - 31)),
            (
                vec![(date!(2024 - 12 - 31), date!(2024 - 12 - 31))],
                Some((date!(2025 - 01 - 01), date!(2025 - 01 - 01)))
            )
        );
        // A single day that is a month's first and last? Never; a first day alone is days only.
        assert_eq!(
            bagian(date!(2025 - 03 - 01), date!(2025 - 03 - 01)),
            (vec![(date!(2025 - 03 - 01), date!(2025 - 03 - 01))], None)
        );
        assert_eq!(
            bagian(date!(2025 - 03 - 02), date!(2025 - 03 - 01)),
            (vec![], None)
        );
    }
}
