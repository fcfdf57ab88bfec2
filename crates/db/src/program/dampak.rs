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

use crate::{Db, Result, on};

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

        // Officers named on the window's transactions (`layanan_petugas`, one row per day, unit
        // and officer), matched in memory.
        const NIP: &str = "SELECT p.nip FROM peserta s JOIN pegawai p ON p.pegawai_id = s.pegawai_id \
            WHERE s.program_id = $1 AND s.status = 'selesai'";
        let nips: Vec<(String,)> =
            on!(self, p => sqlx::query_as(NIP).bind(program_id).fetch_all(p).await?);
        let nips: BTreeSet<String> = nips.into_iter().map(|r| r.0).collect();
        let served: Vec<(i64,)> = self
            .layanan_unit_petugas(from, to)
            .await?
            .into_iter()
            .filter(|(_, nip)| nips.contains(nip))
            .map(|(u, _)| (u,))
            .collect();

        // The service types each unit offered in the window, from the monthly summaries.
        let mut jenis: BTreeMap<i64, BTreeSet<String>> = BTreeMap::new();
        for (u, l) in self.layanan_unit_jenis(from, to).await? {
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
