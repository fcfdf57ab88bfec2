//! Counts and pairs of a period from the monthly summaries and the officers' days (migration
//! 0014): the SKM population from the transactions, and the units, service types and officers
//! behind a program's impact evaluation, without scanning every transaction of the period.

use std::collections::HashMap;

use bangkom_core::layanan::sebaran;
use time::Date;

use super::ringkasan::{awal_bulan, hari, rusak};
use crate::query::Sql;
use crate::{Db, Result, on};

impl Db {
    /// Number of transactions of the units (None = all) whose WIB date lies in `from..=to`: the
    /// service users of the period, the SKM population when none is entered (REFERENCE §0.8).
    /// From the summaries' counts (the boundary months' days counted in their packed durations).
    pub async fn transaksi_jumlah(
        &self,
        units: Option<&[i64]>,
        from: Date,
        to: Date,
    ) -> Result<i64> {
        Ok(self
            .transaksi_jumlah_per_unit(units, from, to)
            .await?
            .values()
            .sum())
    }

    /// [`Db::transaksi_jumlah`] per unit; units without transactions are absent.
    pub async fn transaksi_jumlah_per_unit(
        &self,
        units: Option<&[i64]>,
        from: Date,
        to: Date,
    ) -> Result<HashMap<i64, i64>> {
        self.layanan_ringkasan_bangun().await?;
        let mut sql = String::from(
            "SELECT unit_id, bulan, jumlah, CASE WHEN bulan = $1 OR bulan = $2 THEN durasi ELSE NULL END \
             FROM layanan_ringkasan WHERE bulan >= $1 AND bulan <= $2 AND jumlah > 0",
        );
        if let Some(ids) = units {
            sql.push_str(&format!(" AND unit_id IN {}", Sql::id_list(ids)));
        }
        let rows: Vec<(i64, Date, i64, Option<Vec<u8>>)> = on!(self, p => sqlx::query_as(&sql)
            .bind(awal_bulan(from))
            .bind(awal_bulan(to))
            .fetch_all(p)
            .await?);
        let mut out: HashMap<i64, i64> = HashMap::new();
        for (unit, bulan, jumlah, blob) in rows {
            let n = match blob {
                Some(b) => {
                    let (first, last) = hari(bulan, from, to);
                    let n = sebaran::durations(&b, first, last).map_err(rusak)?.len();
                    i64::try_from(n).unwrap_or(i64::MAX)
                }
                None => jumlah,
            };
            if n > 0 {
                *out.entry(unit).or_default() += n;
            }
        }
        Ok(out)
    }

    /// The `(unit, officer NIP)` pairs named on transactions whose WIB date lies in `from..=to`.
    pub async fn layanan_unit_petugas(
        &self,
        from: Date,
        to: Date,
    ) -> Result<std::collections::BTreeSet<(i64, String)>> {
        const SQL: &str = "SELECT DISTINCT unit_id, nip_petugas FROM layanan_petugas \
             WHERE tanggal >= $1 AND tanggal <= $2";
        let rows: Vec<(i64, String)> =
            on!(self, p => sqlx::query_as(SQL).bind(from).bind(to).fetch_all(p).await?);
        Ok(rows.into_iter().collect())
    }

    /// The `(unit, service type)` pairs with a transaction whose WIB date lies in `from..=to`,
    /// from the summaries (the boundary months' days are checked in their packed durations).
    pub async fn layanan_unit_jenis(
        &self,
        from: Date,
        to: Date,
    ) -> Result<std::collections::BTreeSet<(i64, String)>> {
        self.layanan_ringkasan_bangun().await?;
        const SQL: &str = "SELECT unit_id, layanan, bulan, \
             CASE WHEN bulan = $1 OR bulan = $2 THEN durasi ELSE NULL END \
             FROM layanan_ringkasan WHERE bulan >= $1 AND bulan <= $2 AND jumlah > 0";
        let rows: Vec<(i64, String, Date, Option<Vec<u8>>)> = on!(self, p => sqlx::query_as(SQL)
            .bind(awal_bulan(from))
            .bind(awal_bulan(to))
            .fetch_all(p)
            .await?);
        let mut out = std::collections::BTreeSet::new();
        for (unit, layanan, bulan, blob) in rows {
            if let Some(b) = blob {
                let (first, last) = hari(bulan, from, to);
                if sebaran::durations(&b, first, last)
                    .map_err(rusak)?
                    .is_empty()
                {
                    continue;
                }
            }
            out.insert((unit, layanan));
        }
        Ok(out)
    }
}
