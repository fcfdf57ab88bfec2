//! Everything one compliance report (`bangkom jp`, `/jp`, `/api/v1/jp`) reads for a scope and year,
//! in one call: the active employees with their year's JP, JP per jalur over every employee of the
//! scope, and the JP of approved programs still to come.
//!
//! A small scope (up to [`UNIT_KECIL`] units, an OPD) reads each employee's few totals by key. A
//! large one (a pemda, the province) has tens of thousands of employees, and handing that many
//! rows one by one through the driver cost more than the database's own work (about 5 µs a row
//! on SQLite, ≈ 0.8 s for a province). So each of its three reads returns a single JSON array
//! built by the database (`json_group_array` on SQLite, `json_agg` on PostgreSQL): the scope's
//! employees, the year's totals per employee and jalur (`jp_rekap`, one range read), and the
//! scheduled JP per employee; the sums per employee and per jalur are made here from the totals.
//! The figures are the same as the small path's (a conformance test compares both with a
//! recomputation from the credits).

use std::collections::{BTreeMap, HashMap};

use crate::program::{JpPegawai, terjadwal_sql, year_range};
use crate::query::Sql;
use crate::{Db, DbError, Result, on};

/// Up to this many units a scope takes the per-employee path.
pub const UNIT_KECIL: usize = 64;

/// What a compliance report of one scope and year reads.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct JpKepatuhan {
    /// Active employees (status aktif or cuti) with the JP credited in the year, by name.
    pub pegawai: Vec<JpPegawai>,
    /// JP credited in the year per SIASN jalur id, over every employee of the scope.
    pub per_jalur: BTreeMap<u8, i64>,
    /// JP of approved programs ending later in the year, per employee (see
    /// [`Db::jp_terjadwal`]).
    pub terjadwal: HashMap<i64, i64>,
}

/// `SELECT` of one JSON array of `[cols…]` per row of `from` (`[]` when there is none).
fn json_rows(backend: &str, cols: &str, from: &str) -> String {
    if backend == "sqlite" {
        format!("SELECT COALESCE(json_group_array(json_array({cols})), '[]') FROM {from}")
    } else {
        format!(
            "SELECT COALESCE(CAST(json_agg(json_build_array({cols})) AS TEXT), '[]') FROM {from}"
        )
    }
}

fn parse<T: serde::de::DeserializeOwned>(json: &str) -> Result<T> {
    serde_json::from_str(json).map_err(|e| DbError::Sqlx(sqlx::Error::Decode(Box::new(e))))
}

/// One employee of the scope: id, unit, jenis ASN, active (1/0), NIP, name, sort name.
type Orang = (i64, i64, String, i64, String, String, String);

impl Db {
    /// The report data of `units` (None = every unit) for `tahun`, with the forecast standing on
    /// `hari_ini`. Exactly [`Db::jp_pegawai`], [`Db::jp_per_jalur`] and [`Db::jp_terjadwal`] of
    /// the same scope, read in three statements whatever the scope's size.
    pub async fn jp_kepatuhan(
        &self,
        units: Option<&[i64]>,
        tahun: i32,
        hari_ini: time::Date,
    ) -> Result<JpKepatuhan> {
        if units.is_some_and(|u| u.len() <= UNIT_KECIL) {
            return Ok(JpKepatuhan {
                pegawai: self.jp_pegawai(units, tahun).await?,
                per_jalur: self.jp_per_jalur(units, tahun).await?,
                terjadwal: self.jp_terjadwal(units, None, tahun, hari_ini).await?,
            });
        }
        let (_, akhir) = year_range(tahun)?;
        let backend = self.backend();
        let mut pegawai_from = String::from("pegawai");
        if let Some(ids) = units {
            pegawai_from.push_str(&format!(" WHERE unit_id IN {}", Sql::id_list(ids)));
        }
        let orang_sql = json_rows(
            backend,
            "pegawai_id, unit_id, jenis_asn, CASE WHEN status IN ('aktif', 'cuti') THEN 1 ELSE 0 END, \
             nip, nama, nama_urut",
            &pegawai_from,
        );
        let rekap_sql = json_rows(
            backend,
            "pegawai_id, jalur, jp",
            "jp_rekap WHERE tahun = $1",
        );
        let terjadwal_sql = json_rows(
            backend,
            "t.pegawai_id, t.jp",
            &format!("({}) t", terjadwal_sql(units, None)),
        );
        // The three statements run at once on their own connections (readers never block each
        // other, on SQLite in WAL mode either).
        let ((orang,), (rekap,), (jadwal,)): ((String,), (String,), (String,)) = on!(self, pool => {
            futures::try_join!(
                sqlx::query_as(&orang_sql).fetch_one(pool),
                sqlx::query_as(&rekap_sql).bind(i64::from(tahun)).fetch_one(pool),
                sqlx::query_as(&terjadwal_sql).bind(hari_ini).bind(akhir).fetch_one(pool),
            )?
        });
        let orang: Vec<Orang> = parse(&orang)?;
        // Every employee of the scope → their place in the active list (None: not active, but
        // their JP still counts per jalur).
        let mut tempat: HashMap<i64, Option<usize>> = HashMap::with_capacity(orang.len());
        let mut aktif: Vec<(JpPegawai, String)> = Vec::with_capacity(orang.len());
        for (pegawai_id, unit_id, jenis_asn, a, nip, nama, nama_urut) in orang {
            if a == 1 {
                tempat.insert(pegawai_id, Some(aktif.len()));
                aktif.push((
                    JpPegawai {
                        pegawai_id,
                        nip,
                        nama,
                        jenis_asn,
                        unit_id,
                        jp: 0,
                    },
                    nama_urut,
                ));
            } else {
                tempat.insert(pegawai_id, None);
            }
        }
        let mut per_jalur: BTreeMap<u8, i64> = BTreeMap::new();
        for (pegawai_id, jalur, jp) in parse::<Vec<(i64, i64, i64)>>(&rekap)? {
            let Some(t) = tempat.get(&pegawai_id) else {
                continue;
            };
            if let Ok(j) = u8::try_from(jalur) {
                *per_jalur.entry(j).or_default() += jp;
            }
            if let Some(i) = t
                && let Some((p, _)) = aktif.get_mut(*i)
            {
                p.jp += jp;
            }
        }
        aktif.sort_unstable_by(|a, b| a.1.cmp(&b.1).then(a.0.pegawai_id.cmp(&b.0.pegawai_id)));
        Ok(JpKepatuhan {
            pegawai: aktif.into_iter().map(|(p, _)| p).collect(),
            per_jalur,
            terjadwal: parse::<Vec<(i64, i64)>>(&jadwal)?.into_iter().collect(),
        })
    }
}
