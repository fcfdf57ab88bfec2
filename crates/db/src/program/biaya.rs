//! What training cost (mission item 5, issue 5 §6 "budget use where known"): the realised cost of
//! the programs that ended in a year — the cost per participant of every participant who took
//! part (completed or not: the seat was paid for) — with the JP it credited, for any set of
//! units (the participants' units), and the programs that have completed participants there.

use std::collections::HashSet;

use crate::query::Sql;
use crate::{Db, Result, on};

/// Realised training cost of a scope and year.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Realisasi {
    /// Participants who took part (completed or not).
    pub peserta: i64,
    /// Rupiah: Σ cost per participant.
    pub biaya: i64,
    /// JP credited to them.
    pub jp: i64,
}

impl Realisasi {
    /// Rupiah per credited JP (None when no JP was credited).
    pub fn per_jp(&self) -> Option<f64> {
        #[allow(clippy::cast_precision_loss)]
        (self.jp > 0).then(|| self.biaya as f64 / self.jp as f64)
    }
}

fn year(tahun: i32) -> (time::Date, time::Date) {
    let d = |m, day| time::Date::from_calendar_date(tahun, m, day).unwrap_or(time::Date::MIN);
    (d(time::Month::January, 1), d(time::Month::December, 31))
}

impl Db {
    /// The realised cost of the programs that ended in `tahun`, over the participants whose unit
    /// is in `units` (None: everyone).
    pub async fn biaya_realisasi(&self, units: Option<&[i64]>, tahun: i32) -> Result<Realisasi> {
        let (from, to) = year(tahun);
        let mut sql = String::from(
            "SELECT COUNT(*), CAST(COALESCE(SUM(g.biaya), 0) AS BIGINT), CAST(COALESCE(SUM(p.jp_diakui), 0) AS BIGINT) \
             FROM peserta p JOIN program g ON g.program_id = p.program_id \
             JOIN pegawai e ON e.pegawai_id = p.pegawai_id \
             WHERE p.status IN ('selesai', 'tidak_selesai') AND g.selesai >= $1 AND g.selesai <= $2",
        );
        if let Some(ids) = units {
            sql.push_str(&format!(" AND e.unit_id IN {}", Sql::id_list(ids)));
        }
        let (peserta, biaya, jp): (i64, i64, i64) =
            on!(self, p => sqlx::query_as(&sql).bind(from).bind(to).fetch_one(p).await?);
        Ok(Realisasi { peserta, biaya, jp })
    }

    /// Ids of the programs with at least one completed participant whose unit is in `units`.
    pub async fn program_dengan_lulusan(&self, units: &[i64]) -> Result<HashSet<i64>> {
        let sql = format!(
            "SELECT DISTINCT p.program_id FROM peserta p JOIN pegawai e ON e.pegawai_id = p.pegawai_id \
             WHERE p.status = 'selesai' AND e.unit_id IN {}",
            Sql::id_list(units)
        );
        let rows: Vec<(i64,)> = on!(self, p => sqlx::query_as(&sql).fetch_all(p).await?);
        Ok(rows.into_iter().map(|r| r.0).collect())
    }
}
