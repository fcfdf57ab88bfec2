//! Bulk history for `bangkom bench --jp` (issue 4 "Figures to reach"): programs, completed
//! participations, assessed experiential activities and verified claims written with prepared
//! multi-row `INSERT`s, one transaction per call, the way years of SIMPEG training history would be
//! loaded. Nothing here validates or audits: the server never calls it. After loading, the bench
//! rebuilds the yearly totals with [`Db::jp_rekap_hitung_ulang`], the statement of migration
//! 0015's backfill.

use crate::query::Sql;
use crate::{Arg, BeginWrite, Db, Result, on};

/// A program to insert.
#[derive(Debug, Clone)]
pub struct ProgramMassal {
    /// Unique code.
    pub kode: String,
    /// Name.
    pub nama: String,
    /// SIASN jalur id.
    pub jalur: u8,
    /// Organiser.
    pub penyelenggara: String,
    /// JP of a completion.
    pub jp: u32,
    /// First day.
    pub mulai: time::Date,
    /// Last day.
    pub selesai: time::Date,
}

/// A participation to insert (no earlier row for the same program and employee).
#[derive(Debug, Clone)]
pub struct PesertaMassal {
    /// Program.
    pub program_id: i64,
    /// Employee.
    pub pegawai_id: i64,
    /// `selesai`, `tidak_selesai`, `disetujui` …
    pub status: &'static str,
    /// JP credited (counted only when `selesai`).
    pub jp: u32,
    /// Completion day.
    pub tanggal_selesai: Option<time::Date>,
    /// Certificate number (unique).
    pub nomor_sertifikat: Option<String>,
}

/// An experiential activity already assessed as met, crediting `jp` under `jalur`.
#[derive(Debug, Clone)]
pub struct KegiatanMassal {
    /// Learner.
    pub pegawai_id: i64,
    /// Kind code (not `rotasi`: a rotation would move the position).
    pub jenis: &'static str,
    /// Title.
    pub judul: String,
    /// Jalur credited.
    pub jalur: u8,
    /// JP credited.
    pub jp: u32,
    /// First day.
    pub mulai: time::Date,
    /// Last day (the credit's date).
    pub selesai: time::Date,
}

/// A claim already verified, crediting its `jp`.
#[derive(Debug, Clone)]
pub struct KlaimMassal {
    /// Claimant.
    pub pegawai_id: i64,
    /// Title.
    pub judul: String,
    /// Organiser.
    pub penyelenggara: String,
    /// Jalur.
    pub jalur: u8,
    /// JP claimed and credited.
    pub jp: u32,
    /// First day.
    pub mulai: time::Date,
    /// Last day (the credit's date).
    pub selesai: time::Date,
}

/// Rows per statement: at most 13 columns, so 2,000 rows stay under SQLite's 32,766 parameters.
const BATCH: usize = 2_000;

fn opt_date(d: Option<time::Date>) -> Arg {
    d.map_or(Arg::ND, Arg::D)
}

fn values<T>(head: &str, rows: &[T], args: impl Fn(&T) -> Vec<Arg>) -> Sql {
    let mut q = Sql::new(head);
    for (i, r) in rows.iter().enumerate() {
        if i > 0 {
            q.push(",");
        }
        let ph: Vec<String> = args(r).into_iter().map(|a| q.arg(a)).collect();
        q.push(&format!("({})", ph.join(",")));
    }
    q
}

impl Db {
    async fn massal<T>(
        &self,
        head: &str,
        rows: &[T],
        args: impl Fn(&T) -> Vec<Arg>,
        after: &[&str],
    ) -> Result<()> {
        on!(self, pool => {
            let mut tx = pool.begin_write().await?;
            for chunk in rows.chunks(BATCH) {
                let q = values(head, chunk, &args);
                let text = q.text_for(self);
                crate::bind_args!(sqlx::query(&text), &q.args).execute(&mut *tx).await?;
            }
            for sql in after {
                sqlx::query(sql).execute(&mut *tx).await?;
            }
            tx.commit().await?;
        });
        Ok(())
    }

    /// Inserts programs; returns their ids in input order.
    pub async fn massal_program(&self, rows: &[ProgramMassal]) -> Result<Vec<i64>> {
        self.massal(
            "INSERT INTO program (kode, nama, jalur, penyelenggara, jp, biaya, mulai, selesai, klasikal) VALUES ",
            rows,
            |p| {
                vec![
                    Arg::T(p.kode.clone()),
                    Arg::T(p.nama.clone()),
                    Arg::I(i64::from(p.jalur)),
                    Arg::T(p.penyelenggara.clone()),
                    Arg::I(i64::from(p.jp)),
                    Arg::I(0),
                    Arg::D(p.mulai),
                    Arg::D(p.selesai),
                    Arg::B(p.jalur <= 13),
                ]
            },
            &[],
        )
        .await?;
        let ids: Vec<(String, i64)> = on!(self, pool => sqlx::query_as("SELECT kode, program_id FROM program")
            .fetch_all(pool).await?);
        let ids: std::collections::HashMap<String, i64> = ids.into_iter().collect();
        Ok(rows
            .iter()
            .map(|p| ids.get(&p.kode).copied().unwrap_or(0))
            .collect())
    }

    /// Inserts participations (`cara` = `impor`).
    pub async fn massal_peserta(&self, rows: &[PesertaMassal]) -> Result<()> {
        self.massal(
            "INSERT INTO peserta (program_id, pegawai_id, status, jp_diakui, tanggal_selesai, nomor_sertifikat) VALUES ",
            rows,
            |s| {
                vec![
                    Arg::I(s.program_id),
                    Arg::I(s.pegawai_id),
                    Arg::T(s.status.to_string()),
                    Arg::I(i64::from(s.jp)),
                    opt_date(s.tanggal_selesai),
                    s.nomor_sertifikat.clone().map_or(Arg::NT, Arg::T),
                ]
            },
            &[],
        )
        .await
    }

    /// Inserts assessed activities and their JP credits.
    pub async fn massal_pengalaman(&self, rows: &[KegiatanMassal]) -> Result<()> {
        let now = crate::now();
        self.massal(
            "INSERT INTO pengalaman (pegawai_id, jenis, judul, pembimbing_nama, mulai, selesai, status, hasil, \
             catatan_nilai, jp_diakui, jalur, dinilai_oleh, dibuat) VALUES ",
            rows,
            |x| {
                vec![
                    Arg::I(x.pegawai_id),
                    Arg::T(x.jenis.to_string()),
                    Arg::T(x.judul.clone()),
                    Arg::T("Tenaga ahli lapangan".into()),
                    Arg::D(x.mulai),
                    Arg::D(x.selesai),
                    Arg::T("dinilai".into()),
                    Arg::T("baik".into()),
                    Arg::T("tercapai".into()),
                    Arg::I(i64::from(x.jp)),
                    Arg::I(i64::from(x.jalur)),
                    Arg::T("bench".into()),
                    Arg::Ts(now),
                ]
            },
            &["INSERT INTO jp_kredit (pegawai_id, sumber, sumber_id, jalur, jp, tanggal) \
               SELECT pegawai_id, 'pengalaman', pengalaman_id, jalur, jp_diakui, selesai FROM pengalaman \
               WHERE status = 'dinilai' AND jp_diakui > 0 ON CONFLICT (sumber, sumber_id) DO NOTHING"],
        )
        .await
    }

    /// Inserts verified claims and their JP credits.
    pub async fn massal_klaim(&self, rows: &[KlaimMassal]) -> Result<()> {
        let now = crate::now();
        self.massal(
            "INSERT INTO klaim_belajar (pegawai_id, judul, penyelenggara, jalur, mulai, selesai, jp_klaim, bukti, \
             status, diputuskan_oleh, diajukan) VALUES ",
            rows,
            |k| {
                vec![
                    Arg::I(k.pegawai_id),
                    Arg::T(k.judul.clone()),
                    Arg::T(k.penyelenggara.clone()),
                    Arg::I(i64::from(k.jalur)),
                    Arg::D(k.mulai),
                    Arg::D(k.selesai),
                    Arg::I(i64::from(k.jp)),
                    Arg::T("sertifikat".into()),
                    Arg::T("diverifikasi".into()),
                    Arg::T("bench".into()),
                    Arg::Ts(now),
                ]
            },
            &["INSERT INTO jp_kredit (pegawai_id, sumber, sumber_id, jalur, jp, tanggal) \
               SELECT pegawai_id, 'klaim', klaim_id, jalur, jp_klaim, selesai FROM klaim_belajar \
               WHERE status = 'diverifikasi' ON CONFLICT (sumber, sumber_id) DO NOTHING"],
        )
        .await
    }
}
