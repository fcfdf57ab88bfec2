//! The units behind a program's impact evaluation (issue 5 §4): where the trained staff serve
//! (treated) and where comparable services run without them (comparison).
//!
//! - Treated: the service units where completed participants of the program recorded transactions
//!   as `nip_petugas` in the window; when no transaction names its officer, the service units
//!   (`org.layanan`) that are the participants' own units.
//! - Comparison: the other units with transactions in the window of at least one service type
//!   recorded at a treated unit ("the same kind of unit": the same services), where no completed
//!   participant works or served.

use std::collections::{BTreeMap, BTreeSet};

use crate::query::Sql;
use crate::{Arg, Db, Result, on};

/// Treated and comparison units of a program.
#[derive(Debug, Clone, PartialEq, Eq, Default, serde::Serialize)]
pub struct UnitDampak {
    /// Treated unit ids, ascending.
    pub treated: Vec<i64>,
    /// Comparison unit ids, ascending.
    pub control: Vec<i64>,
    /// True when the treated units come from `nip_petugas` on the transactions.
    pub dari_petugas: bool,
    /// Completed participants of the program.
    pub peserta_selesai: i64,
}

const SELESAI: &str = "FROM peserta s JOIN pegawai p ON p.pegawai_id = s.pegawai_id \
    WHERE s.program_id = $1 AND s.status = 'selesai'";

impl Db {
    /// Derives the treated and comparison units of a program for the window `from..=to` (the
    /// before and after windows together).
    pub async fn program_unit_dampak(
        &self,
        program_id: i64,
        from: time::Date,
        to: time::Date,
    ) -> Result<UnitDampak> {
        let sql = format!("SELECT COUNT(*) {SELESAI}");
        let (peserta_selesai,): (i64,) =
            on!(self, p => sqlx::query_as(&sql).bind(program_id).fetch_one(p).await?);
        const OWN: &str = "SELECT DISTINCT p.unit_id, o.layanan FROM peserta s \
            JOIN pegawai p ON p.pegawai_id = s.pegawai_id JOIN org o ON o.org_id = p.unit_id \
            WHERE s.program_id = $1 AND s.status = 'selesai' ORDER BY p.unit_id";
        let own: Vec<(i64, bool)> =
            on!(self, p => sqlx::query_as(OWN).bind(program_id).fetch_all(p).await?);

        // Officers named on the window's transactions, matched in memory: one pass over the
        // window (a join on nip_petugas, which has no index, would rescan per participant).
        const NIP: &str = "SELECT p.nip FROM peserta s JOIN pegawai p ON p.pegawai_id = s.pegawai_id \
            WHERE s.program_id = $1 AND s.status = 'selesai'";
        let nips: Vec<(String,)> =
            on!(self, p => sqlx::query_as(NIP).bind(program_id).fetch_all(p).await?);
        let nips: BTreeSet<String> = nips.into_iter().map(|r| r.0).collect();
        let mut q = Sql::new(
            "SELECT DISTINCT t.unit_id, t.nip_petugas FROM layanan_transaksi t \
             WHERE t.tanggal >= $1 AND t.tanggal <= $2 AND t.nip_petugas IS NOT NULL",
        );
        q.args.extend([Arg::D(from), Arg::D(to)]);
        let officers: Vec<(i64, String)> =
            on!(self, p => crate::bind_args!(sqlx::query_as(&q.text), &q.args).fetch_all(p).await?);
        let served: Vec<(i64,)> = officers
            .into_iter()
            .filter(|(_, nip)| nips.contains(nip))
            .map(|(u, _)| (u,))
            .collect();

        let mut q = Sql::new(
            "SELECT t.unit_id, t.layanan FROM layanan_transaksi t \
             WHERE t.tanggal >= $1 AND t.tanggal <= $2 GROUP BY t.unit_id, t.layanan",
        );
        q.args.extend([Arg::D(from), Arg::D(to)]);
        let offered: Vec<(i64, String)> =
            on!(self, p => crate::bind_args!(sqlx::query_as(&q.text), &q.args).fetch_all(p).await?);
        let mut jenis: BTreeMap<i64, BTreeSet<String>> = BTreeMap::new();
        for (u, l) in offered {
            jenis.entry(u).or_default().insert(l);
        }

        let dari_petugas = !served.is_empty();
        let treated: BTreeSet<i64> = if dari_petugas {
            served.iter().map(|r| r.0).collect()
        } else {
            own.iter().filter(|r| r.1).map(|r| r.0).collect()
        };
        let services: BTreeSet<&String> = treated
            .iter()
            .filter_map(|u| jenis.get(u))
            .flatten()
            .collect();
        let excluded: BTreeSet<i64> = own
            .iter()
            .map(|r| r.0)
            .chain(served.iter().map(|r| r.0))
            .collect();
        let control = jenis
            .iter()
            .filter(|(u, l)| !excluded.contains(u) && l.iter().any(|x| services.contains(x)))
            .map(|(u, _)| *u)
            .collect();
        Ok(UnitDampak {
            treated: treated.into_iter().collect(),
            control,
            dari_petugas,
            peserta_selesai,
        })
    }
}
