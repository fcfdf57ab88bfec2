//! The catalogue list: search by code or name, filters (year, jalur, classical or not,
//! institution, status by date), sort by column, pagination; and every matching program for the
//! CSV/XLSX export. The pages use [`crate::pegawai::Page`], as the employee list does.

use bangkom_core::program::StatusProgram;

use super::ProgramRingkas;
use super::baca::PROGRAM_COLS;
use crate::pegawai::Page;
use crate::query::Sql;
use crate::{Arg, Db, Result, on};

/// Sort keys of the catalogue.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum UrutProgram {
    /// By first day (default: newest first unless ascending is asked).
    #[default]
    Mulai,
    /// By code.
    Kode,
    /// By name.
    Nama,
    /// By jalur id.
    Jalur,
    /// By JP.
    Jp,
    /// By cost per participant.
    Biaya,
}

impl UrutProgram {
    /// From a query parameter; unknown values fall back to the first day.
    pub fn parse(s: &str) -> UrutProgram {
        match s.trim() {
            "kode" => UrutProgram::Kode,
            "nama" => UrutProgram::Nama,
            "jalur" => UrutProgram::Jalur,
            "jp" => UrutProgram::Jp,
            "biaya" => UrutProgram::Biaya,
            _ => UrutProgram::Mulai,
        }
    }
    /// Query parameter value.
    pub fn code(self) -> &'static str {
        match self {
            UrutProgram::Mulai => "mulai",
            UrutProgram::Kode => "kode",
            UrutProgram::Nama => "nama",
            UrutProgram::Jalur => "jalur",
            UrutProgram::Jp => "jp",
            UrutProgram::Biaya => "biaya",
        }
    }
    fn column(self) -> &'static str {
        match self {
            UrutProgram::Mulai => "g.mulai",
            UrutProgram::Kode => "g.kode",
            UrutProgram::Nama => "g.nama",
            UrutProgram::Jalur => "g.jalur",
            UrutProgram::Jp => "g.jp",
            UrutProgram::Biaya => "g.biaya",
        }
    }
}

/// What the catalogue shows.
#[derive(Debug, Clone, Default)]
pub struct ProgramFilter {
    /// Free text: a part of the code or of the name (case-insensitive).
    pub q: String,
    /// JP year: programs whose last day falls in it (JP count in the year of completion).
    pub tahun: Option<i32>,
    /// SIASN jalur id.
    pub jalur: Option<u8>,
    /// Classical (true) or not (false).
    pub klasikal: Option<bool>,
    /// Organising institution id.
    pub lembaga_id: Option<i64>,
    /// Only the programs of this institution (the institution role's scope; applied on top of
    /// `lembaga_id`).
    pub hanya_lembaga: Option<i64>,
    /// Status on `hari_ini`.
    pub status: Option<StatusProgram>,
    /// The day the status is read on.
    pub hari_ini: Option<time::Date>,
    /// Sort key.
    pub urut: UrutProgram,
    /// Descending.
    pub desc: bool,
    /// 1-based page.
    pub page: u32,
    /// Rows per page (1..=500).
    pub per_page: u32,
}

impl ProgramFilter {
    fn where_clause(&self) -> Sql {
        let mut q = Sql::new("1=1");
        let text = self.q.trim().to_lowercase();
        if !text.is_empty() {
            // LIKE wildcards typed by the user are matched literally.
            let mut pola = String::from("%");
            for c in text.chars() {
                if matches!(c, '%' | '_' | '\\') {
                    pola.push('\\');
                }
                pola.push(c);
            }
            pola.push('%');
            let a = q.arg(Arg::T(pola));
            q.push(&format!(
                " AND (LOWER(g.kode) LIKE {a} ESCAPE '\\' OR LOWER(g.nama) LIKE {a} ESCAPE '\\')"
            ));
        }
        if let Some(t) = self.tahun
            && let Ok((from, to)) = super::year_range(t)
        {
            let a = q.arg(Arg::D(from));
            let b = q.arg(Arg::D(to));
            q.push(&format!(" AND g.selesai >= {a} AND g.selesai <= {b}"));
        }
        if let Some(j) = self.jalur {
            q.push(&format!(" AND g.jalur = {j}"));
        }
        if let Some(k) = self.klasikal {
            let a = q.arg(Arg::B(k));
            q.push(&format!(" AND g.klasikal = {a}"));
        }
        for id in [self.lembaga_id, self.hanya_lembaga].into_iter().flatten() {
            q.push(&format!(" AND g.lembaga_id = {id}"));
        }
        if let (Some(s), Some(d)) = (self.status, self.hari_ini) {
            let a = q.arg(Arg::D(d));
            q.push(&match s {
                StatusProgram::AkanDatang => format!(" AND g.mulai > {a}"),
                StatusProgram::Berlangsung => format!(" AND g.mulai <= {a} AND g.selesai >= {a}"),
                StatusProgram::Selesai => format!(" AND g.selesai < {a}"),
            });
        }
        q
    }

    /// The programs matching `w` with their participant counts, sorted; with `page` = (rows,
    /// offset) the page of programs is cut first and only its participants are counted (a large
    /// ledger is not aggregated for programs that are not shown).
    fn select(&self, w: &Sql, page: Option<(u32, u64)>) -> String {
        let dir = if self.desc { "DESC" } else { "ASC" };
        let order = format!("{} {dir}, g.kode {dir}", self.urut.column());
        let from = match page {
            Some((per, off)) => format!(
                "(SELECT * FROM program g WHERE {} ORDER BY {order} LIMIT {per} OFFSET {off}) g",
                w.text
            ),
            None => format!("(SELECT * FROM program g WHERE {}) g", w.text),
        };
        format!(
            "SELECT {PROGRAM_COLS}, \
             COUNT(CASE WHEN s.status = 'diusulkan' THEN 1 END) AS n_diusulkan, \
             COUNT(CASE WHEN s.status = 'menunggu' THEN 1 END) AS n_menunggu, \
             COUNT(CASE WHEN s.status = 'disetujui' THEN 1 END) AS n_disetujui, \
             COUNT(CASE WHEN s.status = 'selesai' THEN 1 END) AS n_selesai, \
             (SELECT COUNT(*) FROM sesi_program x WHERE x.program_id = g.program_id) AS n_sesi \
             FROM {from} LEFT JOIN peserta s ON s.program_id = g.program_id \
             GROUP BY {PROGRAM_COLS} ORDER BY {order}"
        )
    }
}

impl Db {
    /// One page of the catalogue with participant counts.
    pub async fn program_cari(&self, f: &ProgramFilter) -> Result<Page<ProgramRingkas>> {
        let per = f.per_page.clamp(1, 500);
        let page = f.page.max(1);
        let w = f.where_clause();
        let sql = f.select(&w, Some((per, u64::from(page - 1) * u64::from(per))));
        let count_sql = format!("SELECT COUNT(*) FROM program g WHERE {}", w.text);
        let (items, total) = on!(self, p => {
            let (total,): (i64,) = crate::bind_args!(sqlx::query_as(&count_sql), &w.args).fetch_one(p).await?;
            let items: Vec<ProgramRingkas> = crate::bind_args!(sqlx::query_as(&sql), &w.args).fetch_all(p).await?;
            (items, total)
        });
        Ok(Page {
            items,
            total,
            total_lebih: false,
            page,
            per_page: per,
        })
    }

    /// Every program matching the filter (page and page size ignored), for the export.
    pub async fn program_cari_semua(&self, f: &ProgramFilter) -> Result<Vec<ProgramRingkas>> {
        let w = f.where_clause();
        let sql = f.select(&w, None);
        Ok(on!(self, p => crate::bind_args!(sqlx::query_as(&sql), &w.args).fetch_all(p).await?))
    }
}
