//! The ledger's entries (*buku JP*) of a period: every credit — completed participations, assessed
//! experiential activities, verified claims — with the employee, in name order, handed to the caller
//! one by one as the database returns them, so a province-wide export never holds them all.

use futures::TryStreamExt;
use serde::Serialize;

use crate::query::Sql;
use crate::{Db, Result, on};

/// One credit.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, sqlx::FromRow)]
pub struct BukuRow {
    /// NIP.
    pub nip: String,
    /// Name.
    pub nama: String,
    /// `PNS` / `PPPK`.
    pub jenis_asn: String,
    /// The employee's current unit (org id).
    pub unit_id: i64,
    /// Date of the credit (decides its year).
    pub tanggal: time::Date,
    /// `program`, `pengalaman` or `klaim`.
    pub sumber: String,
    /// Record id within the source (`peserta_id`, `pengalaman_id`, `klaim_id`).
    pub sumber_id: i64,
    /// Program name, activity title or claim title.
    pub kegiatan: String,
    /// SIASN jalur id.
    pub jalur: i64,
    /// JP credited (0 after a revocation).
    pub jp: i64,
}

impl Db {
    /// Streams the credits dated `from..=to` of the employees of `units` (None = all), ordered by
    /// name, NIP and date, into `f`; returns the number of entries. An error from `f` stops the
    /// stream and is returned.
    pub async fn jp_buku<F, E>(
        &self,
        units: Option<&[i64]>,
        from: time::Date,
        to: time::Date,
        mut f: F,
    ) -> Result<usize, E>
    where
        F: FnMut(BukuRow) -> Result<(), E> + Send,
        E: From<crate::DbError>,
    {
        let mut sql = String::from(
            "SELECT p.nip, p.nama, p.jenis_asn, p.unit_id, e.tanggal, e.sumber, e.sumber_id, e.kegiatan, e.jalur, e.jp FROM ( \
             SELECT s.pegawai_id, s.tanggal_selesai AS tanggal, 'program' AS sumber, s.peserta_id AS sumber_id, \
             g.nama AS kegiatan, g.jalur, s.jp_diakui AS jp \
             FROM peserta s JOIN program g ON g.program_id = s.program_id \
             WHERE s.status = 'selesai' AND s.tanggal_selesai >= $1 AND s.tanggal_selesai <= $2 \
             UNION ALL SELECT k.pegawai_id, k.tanggal, k.sumber, k.sumber_id, COALESCE(x.judul, b.judul, ''), k.jalur, k.jp \
             FROM jp_kredit k \
             LEFT JOIN pengalaman x ON k.sumber = 'pengalaman' AND x.pengalaman_id = k.sumber_id \
             LEFT JOIN klaim_belajar b ON k.sumber = 'klaim' AND b.klaim_id = k.sumber_id \
             WHERE k.tanggal >= $1 AND k.tanggal <= $2) e \
             JOIN pegawai p ON p.pegawai_id = e.pegawai_id",
        );
        if let Some(ids) = units {
            sql.push_str(&format!(" WHERE p.unit_id IN {}", Sql::id_list(ids)));
        }
        sql.push_str(" ORDER BY p.nama_urut, p.nip, e.tanggal, e.sumber, e.sumber_id");
        let mut n = 0usize;
        on!(self, pool => {
            let mut rows = sqlx::query_as::<_, BukuRow>(&sql).bind(from).bind(to).fetch(pool);
            while let Some(r) = rows.try_next().await.map_err(|e| E::from(e.into()))? {
                f(r)?;
                n += 1;
            }
        });
        Ok(n)
    }
}
