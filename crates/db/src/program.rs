//! Development programs (*program pengembangan kompetensi*: formal training and experiential
//! learning), their participants (*peserta*), and the yearly JP ledger: JP are credited only for
//! completed participation, in the year of completion (REFERENCE §0 "JP and participation").
//!
//! - `baca`: programs, sessions and participants as read (scoped).
//! - `alur`: nomination, approval, withdrawal, quota and waitlist.
//! - `kelas`: sessions, attendance, test scores.
//! - `lulus`: completion rules, JP credit, certificates, program settings.
//! - `biaya`: realised training cost and cost per JP of a scope and year.
//! - `simpan`: create and edit from the catalogue forms, the audited JP correction.
//! - `katalog`: the catalogue list (search, filters, sort, pages) and its export.

#[macro_use]
mod alur;
mod baca;
mod biaya;
mod dampak;
mod katalog;
mod kelas;
mod lulus;
mod simpan;

pub use alur::{Cara, Langkah};
pub use baca::{PesertaRow, ProgramRingkas, ProgramRow, SesiRow};
pub use biaya::Realisasi;
pub use dampak::UnitDampak;
pub use katalog::{ProgramFilter, UrutProgram};
pub use kelas::{NilaiBaru, SesiBaru};
pub use lulus::{HasilKelulusan, ProgramAtribut, SertifikatRow};
pub use simpan::KoreksiJp;

use std::collections::BTreeMap;

use bangkom_core::jp::Jalur;
use serde::Serialize;

use crate::audit::Actor;
use crate::query::Sql;
use crate::{BeginWrite, Db, Result, on};

/// A program as entered.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProgramBaru {
    /// Stable code, e.g. `2025-BIMTEK-TIK-01`.
    pub kode: String,
    /// Name.
    pub nama: String,
    /// Form (SIASN jenis diklat).
    pub jalur: Jalur,
    /// Organiser (BPSDM, LAN, a private institution …).
    pub penyelenggara: String,
    /// JP credited on completion.
    pub jp: u32,
    /// Cost per participant, rupiah.
    pub biaya: i64,
    /// Places, if limited.
    pub kuota: Option<u32>,
    /// First day.
    pub mulai: time::Date,
    /// Last day.
    pub selesai: time::Date,
}

/// One participation to record.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PesertaBaru {
    /// Program.
    pub program_id: i64,
    /// Employee.
    pub pegawai_id: i64,
    /// `diusulkan`, `disetujui`, `ditolak`, `selesai`, `tidak_selesai`.
    pub status: &'static str,
    /// JP credited (only counted when `selesai`).
    pub jp_diakui: u32,
    /// Completion date (decides the JP year).
    pub tanggal_selesai: Option<time::Date>,
    /// STTPP / certificate number.
    pub nomor_sertifikat: Option<String>,
}

/// One employee's JP in a year.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct JpPegawai {
    /// Key.
    pub pegawai_id: i64,
    /// NIP.
    pub nip: String,
    /// Name.
    pub nama: String,
    /// `PNS` / `PPPK`.
    pub jenis_asn: String,
    /// Unit (org id).
    pub unit_id: i64,
    /// JP credited in the year.
    pub jp: i64,
}

impl Db {
    /// Inserts or updates a program by code; returns its id.
    pub async fn program_upsert(&self, actor: &Actor, p: &ProgramBaru) -> Result<i64> {
        let (id,): (i64,) = on!(self, pool => {
            let mut tx = pool.begin_write().await?;
            // Completions were decided and credited under the stored JP, jalur and dates: once
            // anyone is decided those are frozen (a change needs an audited correction, not an
            // edit). Re-saving the same values (the demo loader) is fine.
            let lama: Option<(i64, i64, time::Date, time::Date, i64)> = sqlx::query_as(
                "SELECT g.jp, g.jalur, g.mulai, g.selesai, (SELECT COUNT(*) FROM peserta s \
                 WHERE s.program_id = g.program_id AND s.status IN ('selesai', 'tidak_selesai')) \
                 FROM program g WHERE g.kode = $1",
            )
            .bind(&p.kode)
            .fetch_optional(&mut *tx)
            .await?;
            if let Some((jp, jalur, mulai, selesai, n)) = lama
                && n > 0
            {
                let mut errs = bangkom_core::error::ValidationErrors::new();
                if jp != i64::from(p.jp) {
                    errs.add("jp", format!("JP tidak dapat diubah: {n} peserta sudah ditetapkan kelulusannya dengan {jp} JP"));
                }
                if jalur != i64::from(p.jalur.id()) {
                    errs.add("jalur", "jalur tidak dapat diubah setelah ada peserta yang ditetapkan kelulusannya");
                }
                if mulai != p.mulai || selesai != p.selesai {
                    errs.add("selesai", "tanggal program tidak dapat diubah setelah ada peserta yang ditetapkan kelulusannya");
                }
                if !errs.is_empty() {
                    return Err(crate::DbError::Invalid(errs));
                }
            }
            let row: (i64,) = sqlx::query_as(
                "INSERT INTO program (kode, nama, jalur, penyelenggara, jp, biaya, kuota, mulai, selesai, klasikal) \
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) \
                 ON CONFLICT (kode) DO UPDATE SET nama = excluded.nama, jalur = excluded.jalur, \
                 penyelenggara = excluded.penyelenggara, jp = excluded.jp, biaya = excluded.biaya, \
                 kuota = excluded.kuota, mulai = excluded.mulai, selesai = excluded.selesai \
                 RETURNING program_id",
            )
            .bind(&p.kode)
            .bind(&p.nama)
            .bind(i64::from(p.jalur.id()))
            .bind(&p.penyelenggara)
            .bind(i64::from(p.jp))
            .bind(p.biaya)
            .bind(p.kuota.map(i64::from))
            .bind(p.mulai)
            .bind(p.selesai)
            // Classical by the jalur on insert; an update keeps what the administrator set.
            .bind(p.jalur.klasikal())
            .fetch_one(&mut *tx)
            .await?;
            let after = serde_json::json!({"kode": p.kode, "nama": p.nama, "jalur": p.jalur.id(), "jp": p.jp, "biaya": p.biaya}).to_string();
            crate::audit_record!(&mut *tx, actor, "simpan", "program", p.kode.as_str(), None, Some(after));
            tx.commit().await?;
            row
        });
        Ok(id)
    }

    /// Records participations (upsert by program and employee) in one transaction, audited as one
    /// entry per call. The yearly JP totals move with each row: a completion replaced loses its
    /// credit, a new completion gains it (in the year of its date).
    pub async fn peserta_set(&self, actor: &Actor, rows: &[PesertaBaru]) -> Result<usize> {
        on!(self, pool => {
            let mut tx = pool.begin_write().await?;
            for r in rows {
                // Locks the program (as every participation step does) before the old row is read,
                // so the credit taken back is the one stored; the program's jalur is the credit's.
                let jalur: Option<(i64,)> = sqlx::query_as(
                    "UPDATE program SET kuota = kuota WHERE program_id = $1 RETURNING jalur",
                )
                .bind(r.program_id)
                .fetch_optional(&mut *tx)
                .await?;
                let jalur = jalur.ok_or(crate::DbError::NotFound)?.0;
                let lama: Option<(String, i64, Option<time::Date>)> = sqlx::query_as(
                    "SELECT status, jp_diakui, tanggal_selesai FROM peserta WHERE program_id = $1 AND pegawai_id = $2",
                )
                .bind(r.program_id)
                .bind(r.pegawai_id)
                .fetch_optional(&mut *tx)
                .await?;
                sqlx::query(
                    "INSERT INTO peserta (program_id, pegawai_id, status, jp_diakui, tanggal_selesai, nomor_sertifikat) \
                     VALUES ($1, $2, $3, $4, $5, $6) \
                     ON CONFLICT (program_id, pegawai_id) DO UPDATE SET status = excluded.status, \
                     jp_diakui = excluded.jp_diakui, tanggal_selesai = excluded.tanggal_selesai, \
                     nomor_sertifikat = excluded.nomor_sertifikat",
                )
                .bind(r.program_id)
                .bind(r.pegawai_id)
                .bind(r.status)
                .bind(i64::from(r.jp_diakui))
                .bind(r.tanggal_selesai)
                .bind(r.nomor_sertifikat.as_deref())
                .execute(&mut *tx)
                .await?;
                if let Some((status, jp, tanggal)) = lama
                    && status == "selesai"
                {
                    crate::rekap_tambah!(&mut *tx, r.pegawai_id, tanggal, jalur, -jp);
                }
                if r.status == "selesai" {
                    crate::rekap_tambah!(&mut *tx, r.pegawai_id, r.tanggal_selesai, jalur, i64::from(r.jp_diakui));
                }
            }
            let after = serde_json::json!({"jumlah": rows.len()}).to_string();
            crate::audit_record!(&mut *tx, actor, "simpan", "peserta", "batch", None, Some(after));
            tx.commit().await?;
        });
        Ok(rows.len())
    }

    /// Every active employee (status aktif or cuti) of the units (None = all) with the JP credited
    /// in `tahun`, ordered by name. Reads the maintained yearly totals (`jp_rekap`, see
    /// [`crate::rekap`]): for a small scope each employee's few totals by key; for a large one the
    /// year's totals in one range read, added up here. Sorting here rather than in SQL lets SQLite
    /// read the employees in table order instead of following the name index row by row.
    pub async fn jp_pegawai(&self, units: Option<&[i64]>, tahun: i32) -> Result<Vec<JpPegawai>> {
        /// Above this many units the year's totals are read in one pass.
        const UNIT_KECIL: usize = 64;
        year_range(tahun)?;
        let tahun = i64::from(tahun);
        let kecil = units.is_some_and(|u| u.len() <= UNIT_KECIL);
        let mut sql = String::from(
            "SELECT p.pegawai_id, p.nip, p.nama, p.jenis_asn, p.unit_id, p.nama_urut, ",
        );
        sql.push_str(if kecil {
            "CAST(COALESCE((SELECT SUM(r.jp) FROM jp_rekap r WHERE r.tahun = $1 AND r.pegawai_id = p.pegawai_id), 0) AS BIGINT)"
        } else {
            "CAST(0 AS BIGINT)"
        });
        sql.push_str(" FROM pegawai p WHERE p.status IN ('aktif', 'cuti')");
        if let Some(ids) = units {
            sql.push_str(&format!(" AND p.unit_id IN {}", Sql::id_list(ids)));
        }
        type Row = (i64, String, String, String, i64, String, i64);
        let (mut rows, totals): (Vec<Row>, Vec<(i64, i64)>) = on!(self, pool => {
            let q = sqlx::query_as(&sql);
            let rows = if kecil { q.bind(tahun) } else { q }.fetch_all(pool).await?;
            let totals = if kecil {
                Vec::new()
            } else {
                sqlx::query_as("SELECT pegawai_id, CAST(SUM(jp) AS BIGINT) FROM jp_rekap WHERE tahun = $1 GROUP BY pegawai_id")
                    .bind(tahun)
                    .fetch_all(pool)
                    .await?
            };
            (rows, totals)
        });
        if !kecil {
            let totals: std::collections::HashMap<i64, i64> = totals.into_iter().collect();
            for r in &mut rows {
                r.6 = totals.get(&r.0).copied().unwrap_or(0);
            }
        }
        rows.sort_unstable_by(|a, b| a.5.cmp(&b.5).then(a.0.cmp(&b.0)));
        Ok(rows
            .into_iter()
            .map(
                |(pegawai_id, nip, nama, jenis_asn, unit_id, _, jp)| JpPegawai {
                    pegawai_id,
                    nip,
                    nama,
                    jenis_asn,
                    unit_id,
                    jp,
                },
            )
            .collect())
    }

    /// JP credited in `tahun` per jalur over the units (None = all): SIASN id → JP (from the
    /// maintained yearly totals).
    pub async fn jp_per_jalur(
        &self,
        units: Option<&[i64]>,
        tahun: i32,
    ) -> Result<BTreeMap<u8, i64>> {
        year_range(tahun)?;
        let sql = match units {
            None => "SELECT jalur, CAST(SUM(jp) AS BIGINT) FROM jp_rekap WHERE tahun = $1 GROUP BY jalur".to_string(),
            // CROSS JOIN keeps SQLite's loop order: the scope's employees first, then their few
            // totals (not the whole year's totals, each looked up in `pegawai`). PostgreSQL plans
            // it as the inner join it is.
            Some(ids) => format!(
                "SELECT r.jalur, CAST(SUM(r.jp) AS BIGINT) FROM pegawai p CROSS JOIN jp_rekap r \
                 WHERE r.tahun = $1 AND r.pegawai_id = p.pegawai_id AND p.unit_id IN {} GROUP BY r.jalur",
                Sql::id_list(ids)
            ),
        };
        let rows: Vec<(i64, i64)> = on!(self, pool => sqlx::query_as(&sql)
            .bind(i64::from(tahun)).fetch_all(pool).await?);
        Ok(rows
            .into_iter()
            .filter_map(|(j, n)| u8::try_from(j).ok().map(|j| (j, n)))
            .collect())
    }

    /// JP of approved participations (status `disetujui`) in programs that end in `tahun` after
    /// `hari_ini`, per employee of the units (None = all) or of one employee: what the forecast
    /// adds as scheduled.
    pub async fn jp_terjadwal(
        &self,
        units: Option<&[i64]>,
        pegawai: Option<i64>,
        tahun: i32,
        hari_ini: time::Date,
    ) -> Result<std::collections::HashMap<i64, i64>> {
        let (_, to) = year_range(tahun)?;
        let sql = terjadwal_sql(units, pegawai);
        let rows: Vec<(i64, i64)> =
            on!(self, pool => sqlx::query_as(&sql).bind(hari_ini).bind(to).fetch_all(pool).await?);
        Ok(rows.into_iter().collect())
    }

    /// One employee's JP credited in `tahun` per jalur (SIASN id → JP), from every source.
    pub async fn jp_jalur_pegawai(&self, pegawai_id: i64, tahun: i32) -> Result<BTreeMap<u8, i64>> {
        year_range(tahun)?;
        const SQL: &str = "SELECT jalur, CAST(SUM(jp) AS BIGINT) FROM jp_rekap WHERE tahun = $2 AND pegawai_id = $1 GROUP BY jalur";
        let rows: Vec<(i64, i64)> = on!(self, pool => sqlx::query_as(SQL)
            .bind(pegawai_id).bind(i64::from(tahun)).fetch_all(pool).await?);
        Ok(rows
            .into_iter()
            .filter_map(|(j, n)| u8::try_from(j).ok().map(|j| (j, n)))
            .collect())
    }

    /// Number of programs.
    pub async fn program_count(&self) -> Result<i64> {
        let (n,): (i64,) = on!(self, pool => sqlx::query_as("SELECT COUNT(*) FROM program").fetch_one(pool).await?);
        Ok(n)
    }
}

/// The query of [`Db::jp_terjadwal`] (`$1` today, `$2` the year's last day): columns
/// `pegawai_id`, `jp`.
pub(crate) fn terjadwal_sql(units: Option<&[i64]>, pegawai: Option<i64>) -> String {
    // From the few programs ending in the rest of the year (index on `selesai`) to their
    // approved participants; CROSS JOIN keeps that loop order on SQLite.
    let mut sql = String::from(
        "SELECT s.pegawai_id AS pegawai_id, CAST(SUM(g.jp) AS BIGINT) AS jp FROM program g \
         CROSS JOIN peserta s CROSS JOIN pegawai p WHERE s.program_id = g.program_id \
         AND p.pegawai_id = s.pegawai_id AND s.status = 'disetujui' AND g.selesai > $1 AND g.selesai <= $2",
    );
    if let Some(ids) = units {
        sql.push_str(&format!(" AND p.unit_id IN {}", Sql::id_list(ids)));
    }
    if let Some(id) = pegawai {
        sql.push_str(&format!(" AND p.pegawai_id = {id}"));
    }
    sql.push_str(" GROUP BY s.pegawai_id");
    sql
}

pub(crate) fn year_range(tahun: i32) -> Result<(time::Date, time::Date)> {
    let from = time::Date::from_calendar_date(tahun, time::Month::January, 1).map_err(|_| {
        crate::DbError::Invalid(bangkom_core::error::ValidationErrors::single(
            "tahun",
            "tahun tidak sah",
        ))
    })?;
    let to = time::Date::from_calendar_date(tahun, time::Month::December, 31).map_err(|_| {
        crate::DbError::Invalid(bangkom_core::error::ValidationErrors::single(
            "tahun",
            "tahun tidak sah",
        ))
    })?;
    Ok((from, to))
}

/// One completed learning activity as the SIASN *riwayat kursus* service takes it (REFERENCE
/// §3.6: field names from public SIASN clients; dates `dd-mm-yyyy`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct SiasnKursus {
    /// NIP (the instansi's SIASN client maps it to `pnsOrangId`).
    #[serde(rename = "nip")]
    pub nip: String,
    /// SIASN jenis diklat id (1–25).
    pub jenis_diklat_id: i64,
    /// Program name.
    pub nama_kursus: String,
    /// Organiser.
    pub institusi_penyelenggara: String,
    /// Certificate (STTPP) number.
    pub nomor_sertipikat: Option<String>,
    /// JP credited.
    pub jumlah_jam: i64,
    /// Year.
    pub tahun_kursus: i64,
    /// First day, dd-mm-yyyy.
    pub tanggal_kursus: String,
    /// Last day, dd-mm-yyyy.
    pub tanggal_selesai_kursus: String,
}

impl Db {
    /// Completed learning of the units (None = all) finished within `from..=to`, as SIASN rows:
    /// completed program participations, assessed experiential activities that credited JP (the
    /// institution is the host unit, else the employee's OPD) and verified claims (their
    /// organiser), each with the JP credited; an activity or claim whose credit was revoked to 0 JP
    /// is left out.
    pub async fn siasn_kursus(
        &self,
        units: Option<&[i64]>,
        from: time::Date,
        to: time::Date,
    ) -> Result<Vec<SiasnKursus>> {
        let mut sql = String::from(
            "SELECT p.nip, e.jalur, e.nama, e.penyelenggara, e.nomor, e.jp, e.mulai, e.selesai FROM ( \
             SELECT s.pegawai_id, g.jalur, g.nama, g.penyelenggara, s.nomor_sertifikat AS nomor, s.jp_diakui AS jp, \
             g.mulai, s.tanggal_selesai AS selesai, 0 AS sumber, s.peserta_id AS urut \
             FROM peserta s JOIN program g ON g.program_id = s.program_id \
             WHERE s.status = 'selesai' AND s.tanggal_selesai >= $1 AND s.tanggal_selesai <= $2 \
             UNION ALL SELECT x.pegawai_id, k.jalur, x.judul, COALESCE(u.nama, o.nama, ''), NULL, k.jp, x.mulai, k.tanggal, 1, x.pengalaman_id \
             FROM jp_kredit k JOIN pengalaman x ON x.pengalaman_id = k.sumber_id \
             JOIN pegawai q ON q.pegawai_id = x.pegawai_id LEFT JOIN org u ON u.org_id = x.unit_tujuan_id \
             LEFT JOIN org o ON o.org_id = q.opd_id \
             WHERE k.sumber = 'pengalaman' AND k.jp > 0 AND k.tanggal >= $1 AND k.tanggal <= $2 \
             UNION ALL SELECT b.pegawai_id, k.jalur, b.judul, b.penyelenggara, NULL, k.jp, b.mulai, k.tanggal, 2, b.klaim_id \
             FROM jp_kredit k JOIN klaim_belajar b ON b.klaim_id = k.sumber_id \
             WHERE k.sumber = 'klaim' AND k.jp > 0 AND k.tanggal >= $1 AND k.tanggal <= $2) e \
             JOIN pegawai p ON p.pegawai_id = e.pegawai_id",
        );
        if let Some(ids) = units {
            sql.push_str(&format!(" WHERE p.unit_id IN {}", Sql::id_list(ids)));
        }
        sql.push_str(" ORDER BY p.nip, e.selesai, e.sumber, e.urut");
        type Row = (
            String,
            i64,
            String,
            String,
            Option<String>,
            i64,
            time::Date,
            Option<time::Date>,
        );
        let rows: Vec<Row> =
            on!(self, pool => sqlx::query_as(&sql).bind(from).bind(to).fetch_all(pool).await?);
        let dmy = |d: time::Date| format!("{:02}-{:02}-{}", d.day(), u8::from(d.month()), d.year());
        Ok(rows
            .into_iter()
            .map(
                |(nip, jalur, nama, penyelenggara, nomor, jp, mulai, selesai)| {
                    let end = selesai.unwrap_or(mulai);
                    SiasnKursus {
                        nip,
                        jenis_diklat_id: jalur,
                        nama_kursus: nama,
                        institusi_penyelenggara: penyelenggara,
                        nomor_sertipikat: nomor,
                        jumlah_jam: jp,
                        tahun_kursus: i64::from(end.year()),
                        tanggal_kursus: dmy(mulai),
                        tanggal_selesai_kursus: dmy(end),
                    }
                },
            )
            .collect())
    }
}

/// One participation of an employee, for their own page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, sqlx::FromRow)]
pub struct RiwayatBelajar {
    /// Program code.
    pub kode: String,
    /// Program name.
    pub nama: String,
    /// SIASN jalur id.
    pub jalur: i64,
    /// Organiser.
    pub penyelenggara: String,
    /// Participation status.
    pub status: String,
    /// JP credited.
    pub jp_diakui: i64,
    /// Completion date.
    pub tanggal_selesai: Option<time::Date>,
    /// Certificate number.
    pub nomor_sertifikat: Option<String>,
}

impl Db {
    /// Every participation of one employee, newest first.
    pub async fn riwayat_belajar(&self, pegawai_id: i64) -> Result<Vec<RiwayatBelajar>> {
        const SQL: &str = "SELECT g.kode, g.nama, g.jalur, g.penyelenggara, s.status, s.jp_diakui, s.tanggal_selesai, \
            s.nomor_sertifikat FROM peserta s JOIN program g ON g.program_id = s.program_id \
            WHERE s.pegawai_id = $1 ORDER BY g.selesai DESC, g.kode";
        Ok(on!(self, pool => sqlx::query_as(SQL).bind(pegawai_id).fetch_all(pool).await?))
    }
}
