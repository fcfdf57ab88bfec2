//! The yearly JP totals (*rekap JP*) per employee, year and jalur (table `jp_rekap`, migration
//! 0015) that the compliance pages read, and what keeps them right.
//!
//! The credits stay where they are recorded: completed participations on `peserta` (dated their
//! completion), assessed experiential learning and verified claims on `jp_kredit` (dated the
//! activity's last day). Every path that credits or changes JP adds the difference to `jp_rekap`
//! in its own transaction with [`rekap_tambah!`](crate::rekap_tambah): program completion
//! (`kelulusan`), a recorded participation (`peserta_set`), an assessment (`pengalaman_nilai`), a
//! verified claim (`klaim_putus`) and an audited correction ([`Db::jp_koreksi`]). A total counts in
//! the calendar year of the credit's date (REFERENCE §0 "JP and participation").
//!
//! [`Db::jp_rekap_hitung_ulang`] rebuilds the totals from the credits (after a bulk load) and
//! [`Db::jp_rekap_selisih`] lists where the maintained totals differ from a full recomputation.
//!
//! - `koreksi`: audited JP corrections and revocations of one credited entry.
//! - `buku`: the ledger's entries of a period, streamed (the export).
//! - `kepatuhan`: what one compliance report reads, in three statements for any scope.

mod buku;
mod kepatuhan;
mod koreksi;

pub use buku::BukuRow;
pub use kepatuhan::{JpKepatuhan, UNIT_KECIL};
pub use koreksi::{KoreksiJp, SumberJp};

use std::collections::BTreeMap;

use serde::Serialize;

use crate::{BeginWrite, Db, Result, on};

/// Adds `delta` JP to the total of (`pegawai`, year of `tanggal`, `jalur`) inside the caller's
/// transaction; nothing without a date (an undated completion counts in no year) or for 0. A total
/// brought to 0 is removed, so the table holds only non-zero totals, as a recomputation does.
#[macro_export]
#[doc(hidden)]
macro_rules! rekap_tambah {
    ($conn:expr, $pegawai:expr, $tanggal:expr, $jalur:expr, $delta:expr) => {{
        let tanggal: Option<time::Date> = $tanggal;
        let delta: i64 = $delta;
        let (pegawai, jalur): (i64, i64) = ($pegawai, $jalur);
        if let Some(t) = tanggal
            && delta != 0
        {
            let tahun = i64::from(t.year());
            sqlx::query(
                "INSERT INTO jp_rekap (pegawai_id, tahun, jalur, jp) VALUES ($1, $2, $3, $4) \
                 ON CONFLICT (tahun, pegawai_id, jalur) DO UPDATE SET jp = jp_rekap.jp + excluded.jp",
            )
            .bind(pegawai)
            .bind(tahun)
            .bind(jalur)
            .bind(delta)
            .execute($conn)
            .await?;
            if delta < 0 {
                sqlx::query(
                    "DELETE FROM jp_rekap WHERE tahun = $2 AND pegawai_id = $1 AND jalur = $3 AND jp = 0",
                )
                .bind(pegawai)
                .bind(tahun)
                .bind(jalur)
                .execute($conn)
                .await?;
            }
        }
    }};
}

/// The totals recomputed from every credit: (pegawai, year, jalur, JP), non-zero only. The year
/// expression is the one part that differs per backend; it matches migration 0015's backfill.
fn hitung_sql(backend: &str) -> String {
    let tahun = if backend == "sqlite" {
        "CAST(substr(e.tanggal, 1, 4) AS INTEGER)"
    } else {
        "CAST(EXTRACT(YEAR FROM e.tanggal) AS BIGINT)"
    };
    format!(
        "SELECT e.pegawai_id, {tahun} AS tahun, e.jalur, CAST(SUM(e.jp) AS BIGINT) AS jp FROM ( \
         SELECT s.pegawai_id, s.tanggal_selesai AS tanggal, g.jalur, s.jp_diakui AS jp \
         FROM peserta s JOIN program g ON g.program_id = s.program_id \
         WHERE s.status = 'selesai' AND s.tanggal_selesai IS NOT NULL \
         UNION ALL SELECT k.pegawai_id, k.tanggal, k.jalur, k.jp FROM jp_kredit k) e \
         GROUP BY e.pegawai_id, {tahun}, e.jalur HAVING SUM(e.jp) <> 0"
    )
}

/// One total where the maintained table and a recomputation disagree.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RekapSelisih {
    /// Employee.
    pub pegawai_id: i64,
    /// Year.
    pub tahun: i64,
    /// SIASN jalur id.
    pub jalur: i64,
    /// In `jp_rekap` (0 = no row).
    pub tersimpan: i64,
    /// From the credits (0 = none).
    pub dihitung: i64,
}

impl Db {
    /// Rebuilds every yearly total from the credits in one transaction; returns the rows written.
    pub async fn jp_rekap_hitung_ulang(&self) -> Result<u64> {
        let sql = format!(
            "INSERT INTO jp_rekap (pegawai_id, tahun, jalur, jp) {}",
            hitung_sql(self.backend())
        );
        let n = on!(self, pool => {
            let mut tx = pool.begin_write().await?;
            sqlx::query("DELETE FROM jp_rekap").execute(&mut *tx).await?;
            let n = sqlx::query(&sql).execute(&mut *tx).await?.rows_affected();
            tx.commit().await?;
            n
        });
        Ok(n)
    }

    /// Every total on which `jp_rekap` and a full recomputation from the credits disagree (empty
    /// when the maintained totals are right).
    pub async fn jp_rekap_selisih(&self) -> Result<Vec<RekapSelisih>> {
        type Row = (i64, i64, i64, i64);
        let sql = hitung_sql(self.backend());
        let (tersimpan, dihitung): (Vec<Row>, Vec<Row>) = on!(self, pool => (
            sqlx::query_as("SELECT pegawai_id, tahun, jalur, jp FROM jp_rekap").fetch_all(pool).await?,
            sqlx::query_as(&sql).fetch_all(pool).await?,
        ));
        let mut all: BTreeMap<(i64, i64, i64), (i64, i64)> = BTreeMap::new();
        for (p, t, j, jp) in tersimpan {
            all.entry((p, t, j)).or_default().0 += jp;
        }
        for (p, t, j, jp) in dihitung {
            all.entry((p, t, j)).or_default().1 += jp;
        }
        Ok(all
            .into_iter()
            .filter(|(_, (a, b))| a != b)
            .map(
                |((pegawai_id, tahun, jalur), (tersimpan, dihitung))| RekapSelisih {
                    pegawai_id,
                    tahun,
                    jalur,
                    tersimpan,
                    dihitung,
                },
            )
            .collect())
    }
}
