//! Maintained IKM aggregates (migration 0013): per unit, service type and day (`skm_agregat`) and
//! per month (`skm_agregat_bulan`), the number of counted questionnaires and, per unsur, the
//! integer sum of the answers and the number of questionnaires that answered it. NRR per unsur is
//! sum / answered (REFERENCE §0.3); integers keep every merge exact (§0.5, §0.7).
//!
//! Every write of `skm_respons` (web and API submissions, the paper form, `skm import`, exclusion
//! and re-inclusion) adds its delta in its own transaction ([`Deltas`], `agregat_apply`), so the IKM
//! of any scope and period reads a few aggregate rows instead of scanning the questionnaires:
//! whole months from the monthly table, the ragged ends from the daily one. The full scan
//! ([`Db::skm_akumulator_per_unit_scan`]) stays as the reference the conformance test compares
//! against.

use std::collections::HashMap;

use bangkom_core::skm::{Akumulator, Unsur};
use time::{Date, Month};

use crate::query::Sql;
use crate::{Db, Result, on};

mod tulis;

pub(crate) use tulis::{
    BATCH, Baris, agregat_apply, baris, tanggal_sqlite, tulis_lite, upsert_text,
};
pub use tulis::{Delta, Deltas};

/// First day of the month of `d`.
pub fn awal_bulan(d: Date) -> Date {
    d.replace_day(1).unwrap_or(d)
}

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
