//! The employee list: search (NIP prefix or name-word prefixes), filters, sort, pagination.
//!
//! Counting a filter over a million rows costs more than the page itself, so the total is counted
//! up to [`COUNT_CAP`] and shown as "more than …" beyond it, as large registries do.

use serde::Serialize;

use super::{COLUMNS, PegawaiRow, Scope};
use crate::query::Sql;
use crate::{Arg, Db, Result, on};

/// Totals above this are reported as "more than".
pub const COUNT_CAP: i64 = 10_000;

/// Word matches above which an OPD/pemda index drives a filtered name search.
const ORG_DRIVE_MIN: i64 = 3_000;

/// How a name-word condition starts (see the plan choice in [`Db::pegawai_list`]).
const WORD_TERM: &str = " AND pegawai_id IN (";

/// Sort keys of the list.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Sort {
    /// By name (default).
    #[default]
    Nama,
    /// By NIP.
    Nip,
    /// By golongan rank.
    Golongan,
    /// By birth date.
    TanggalLahir,
}

impl Sort {
    /// From a query parameter; unknown values fall back to name.
    pub fn parse(s: &str) -> Sort {
        match s {
            "nip" => Sort::Nip,
            "golongan" => Sort::Golongan,
            "tanggal_lahir" | "umur" => Sort::TanggalLahir,
            _ => Sort::Nama,
        }
    }
    /// Query parameter value.
    pub fn code(self) -> &'static str {
        match self {
            Sort::Nama => "nama",
            Sort::Nip => "nip",
            Sort::Golongan => "golongan",
            Sort::TanggalLahir => "tanggal_lahir",
        }
    }
    fn column(self) -> &'static str {
        match self {
            Sort::Nama => "nama_urut",
            Sort::Nip => "nip",
            Sort::Golongan => "golongan_rank",
            Sort::TanggalLahir => "tanggal_lahir",
        }
    }
}

/// What the list shows.
#[derive(Debug, Clone, Default)]
pub struct PegawaiFilter {
    /// Free text: digits = NIP prefix; otherwise every word must prefix a word of the name.
    pub q: String,
    /// Org ids of units to restrict to (a unit subtree, resolved by the caller), if any.
    pub org_ids: Option<Vec<i64>>,
    /// Only this OPD (served by the `(opd_id, nama_urut)` index).
    pub opd_id: Option<i64>,
    /// Only this pemda (served by the `(pemda_id, nama_urut)` index).
    pub pemda_id: Option<i64>,
    /// Position type code.
    pub jenis_jabatan: Option<String>,
    /// Golongan code (`III/a`, `IX`).
    pub golongan: Option<String>,
    /// `PNS` / `PPPK`.
    pub jenis_asn: Option<String>,
    /// Status code.
    pub status: Option<String>,
    /// Sort key.
    pub sort: Sort,
    /// Descending.
    pub desc: bool,
    /// 1-based page.
    pub page: u32,
    /// Rows per page (1..=500).
    pub per_page: u32,
}

/// One page of results.
#[derive(Debug, Clone, Serialize)]
pub struct Page<T> {
    /// The rows.
    pub items: Vec<T>,
    /// Matching rows, counted up to [`COUNT_CAP`] + 1.
    pub total: i64,
    /// True when there are more than [`COUNT_CAP`] matches.
    pub total_lebih: bool,
    /// This page (1-based).
    pub page: u32,
    /// Page size.
    pub per_page: u32,
}

impl<T> Page<T> {
    /// Number of pages (capped like the total).
    pub fn pages(&self) -> u32 {
        let per = i64::from(self.per_page.max(1));
        u32::try_from((self.total + per - 1) / per)
            .unwrap_or(u32::MAX)
            .max(1)
    }
}

impl PegawaiFilter {
    /// The WHERE clause (without the word) and its arguments.
    fn where_clause(&self, scope: &Scope, org_column: &str) -> Sql {
        let mut q = Sql::new(&scope.condition());
        let text = self.q.trim();
        if !text.is_empty() {
            let compact: String = text.chars().filter(|c| !c.is_whitespace()).collect();
            if compact.chars().all(|c| c.is_ascii_digit()) {
                // NIP prefix as a range, so the unique index serves it on both backends.
                let lo = q.arg(Arg::T(compact.clone()));
                let hi = q.arg(Arg::T(format!("{compact}:")));
                q.push(&format!(" AND nip >= {lo} AND nip < {hi}"));
            } else {
                for w in super::words(text).into_iter().take(5) {
                    let lo = q.arg(Arg::T(w.clone()));
                    let hi = q.arg(Arg::T(format!("{w}\u{10FFFF}")));
                    q.push(&format!(
                        "{WORD_TERM}SELECT pegawai_id FROM pegawai_kata WHERE kata >= {lo} AND kata < {hi})"
                    ));
                }
            }
        }
        if let Some(ids) = &self.org_ids {
            q.push(&format!(" AND {org_column} IN {}", Sql::id_list(ids)));
        }
        if let Some(id) = self.opd_id {
            q.push(&format!(" AND opd_id = {id}"));
        }
        if let Some(id) = self.pemda_id {
            q.push(&format!(" AND pemda_id = {id}"));
        }
        for (col, v) in [
            ("jenis_jabatan", &self.jenis_jabatan),
            ("golongan", &self.golongan),
            ("jenis_asn", &self.jenis_asn),
            ("status", &self.status),
        ] {
            if let Some(v) = v.as_ref().filter(|v| !v.is_empty()) {
                let a = q.arg(Arg::T(v.clone()));
                q.push(&format!(" AND {col} = {a}"));
            }
        }
        q
    }
}

impl Db {
    /// One page of employees within scope.
    pub async fn pegawai_list(&self, scope: &Scope, f: &PegawaiFilter) -> Result<Page<PegawaiRow>> {
        if let Some(page) = self.word_search_fast(scope, f).await? {
            return Ok(page);
        }
        let per = f.per_page.clamp(1, 500);
        let page = f.page.max(1);
        let w = f.where_clause(scope, "unit_id");
        let dir = if f.desc { "DESC" } else { "ASC" };
        let sql = format!(
            "SELECT {COLUMNS} FROM pegawai WHERE {} ORDER BY {} {dir}, pegawai_id {dir} LIMIT {} OFFSET {}",
            w.text,
            f.sort.column(),
            per,
            u64::from(page - 1) * u64::from(per)
        );
        let count_sql = format!(
            "SELECT COUNT(*) FROM (SELECT 1 FROM pegawai WHERE {} LIMIT {}) t",
            w.text,
            COUNT_CAP + 1
        );
        // SQLite drives a name search from the word index and then filters (or sorts) every
        // match. When an OPD or pemda index can drive the scan instead, that is faster: read in
        // index order and only probe the word set (unary + keeps SQLite from driving from it).
        let org_driven = f.opd_id.is_some()
            || f.pemda_id.is_some()
            || matches!(scope, Scope::Opd(ids) if ids.len() == 1);
        let words_many = if self.backend() == "sqlite" && org_driven && sql.contains(WORD_TERM) {
            self.word_matches_exceed(&f.q, ORG_DRIVE_MIN).await?
        } else {
            false
        };
        // ... but a rare word is still best driven from the word index (few rows to check).
        let (sql, count_sql) = if words_many {
            (
                sql.replace(WORD_TERM, " AND +pegawai_id IN ("),
                count_sql.replace(WORD_TERM, " AND +pegawai_id IN ("),
            )
        } else {
            (sql, count_sql)
        };
        let (items, total) = on!(self, p => {
            let (total,): (i64,) =
                crate::bind_args!(sqlx::query_as(&count_sql), &w.args).fetch_one(p).await?;
            let items: Vec<PegawaiRow> =
                crate::bind_args!(sqlx::query_as(&sql), &w.args).fetch_all(p).await?;
            (items, total)
        });
        Ok(Page {
            items,
            total: total.min(COUNT_CAP),
            total_lebih: total > COUNT_CAP,
            page,
            per_page: per,
        })
    }

    /// True when the first name word of `q` matches more than `n` index entries.
    async fn word_matches_exceed(&self, q: &str, n: i64) -> Result<bool> {
        let Some(w) = super::words(q).into_iter().next() else {
            return Ok(false);
        };
        let sql = format!(
            "SELECT COUNT(*) FROM (SELECT 1 FROM pegawai_kata WHERE kata >= $1 AND kata < $2 LIMIT {}) t",
            n + 1
        );
        let hi = format!("{w}\u{10FFFF}");
        let (c,): (i64,) =
            on!(self, p => sqlx::query_as(&sql).bind(&w).bind(&hi).fetch_one(p).await?);
        Ok(c > n)
    }

    /// The common search — name words only, everyone in scope, sorted by name — answered from the
    /// word index alone, which carries the sort key: the page and the capped count never touch
    /// the employee rows they skip. None when the filter is anything else.
    async fn word_search_fast(
        &self,
        scope: &Scope,
        f: &PegawaiFilter,
    ) -> Result<Option<Page<PegawaiRow>>> {
        let text = f.q.trim();
        let plain = *scope == Scope::Semua
            && f.sort == Sort::Nama
            && f.org_ids.is_none()
            && f.opd_id.is_none()
            && f.pemda_id.is_none()
            && [&f.jenis_jabatan, &f.golongan, &f.jenis_asn, &f.status]
                .iter()
                .all(|v| v.as_ref().is_none_or(|s| s.is_empty()));
        let ws = super::words(text);
        if !plain
            || ws.is_empty()
            || text
                .chars()
                .all(|c| c.is_ascii_digit() || c.is_whitespace())
        {
            return Ok(None);
        }
        let per = f.per_page.clamp(1, 500);
        let page = f.page.max(1);
        // The longest word is usually the most selective: it drives; the others are probes.
        let mut ws: Vec<String> = ws.into_iter().take(5).collect();
        ws.sort_by_key(|w| std::cmp::Reverse(w.chars().count()));
        let mut q = Sql::new("");
        let lo = q.arg(Arg::T(ws[0].clone()));
        let hi = q.arg(Arg::T(format!("{}\u{10FFFF}", ws[0])));
        let mut cond = format!("k.kata >= {lo} AND k.kata < {hi}");
        for w in ws.iter().skip(1) {
            let lo = q.arg(Arg::T(w.clone()));
            let hi = q.arg(Arg::T(format!("{w}\u{10FFFF}")));
            cond.push_str(&format!(
                " AND k.pegawai_id IN (SELECT pegawai_id FROM pegawai_kata WHERE kata >= {lo} AND kata < {hi})"
            ));
        }
        let dir = if f.desc { "DESC" } else { "ASC" };
        let ids_sql = format!(
            "SELECT DISTINCT k.nama_urut, k.pegawai_id FROM pegawai_kata k WHERE {cond} \
             ORDER BY k.nama_urut {dir}, k.pegawai_id {dir} LIMIT {per} OFFSET {}",
            u64::from(page - 1) * u64::from(per)
        );
        // A name can hold two words with the same prefix ("Nur Nurhayati"), so the exact count is
        // DISTINCT; above the cap only "more than" is shown, which the cheap count settles (such
        // names are rare, so only a total within a few of the cap can be misreported as above it).
        let rough_sql = format!(
            "SELECT COUNT(*) FROM (SELECT 1 FROM pegawai_kata k WHERE {cond} LIMIT {}) t",
            COUNT_CAP + 1
        );
        let count_sql = format!(
            "SELECT COUNT(*) FROM (SELECT DISTINCT k.pegawai_id FROM pegawai_kata k WHERE {cond} LIMIT {}) t",
            COUNT_CAP + 1
        );
        let (items, total) = on!(self, p => {
            let ids: Vec<(String, i64)> = crate::bind_args!(sqlx::query_as(&ids_sql), &q.args).fetch_all(p).await?;
            let (rough,): (i64,) = crate::bind_args!(sqlx::query_as(&rough_sql), &q.args).fetch_one(p).await?;
            let total = if rough > COUNT_CAP {
                rough
            } else {
                let (exact,): (i64,) = crate::bind_args!(sqlx::query_as(&count_sql), &q.args).fetch_one(p).await?;
                exact
            };
            let list: Vec<i64> = ids.iter().map(|r| r.1).collect();
            let rows_sql = format!(
                "SELECT {COLUMNS} FROM pegawai WHERE pegawai_id IN {} ORDER BY nama_urut {dir}, pegawai_id {dir}",
                Sql::id_list(&list)
            );
            let items: Vec<PegawaiRow> = if list.is_empty() {
                Vec::new()
            } else {
                sqlx::query_as(&rows_sql).fetch_all(p).await?
            };
            (items, total)
        });
        Ok(Some(Page {
            items,
            total: total.min(COUNT_CAP),
            total_lebih: total > COUNT_CAP,
            page,
            per_page: per,
        }))
    }

    /// Every employee matching the filter (for exports), in pages of `batch`, handed to `each`.
    /// Keyset pagination on the sort key would be faster for millions; exports of one pemda are
    /// at most tens of thousands of rows, so OFFSET is acceptable here.
    pub async fn pegawai_for_each(
        &self,
        scope: &Scope,
        f: &PegawaiFilter,
        mut each: impl FnMut(&PegawaiRow),
    ) -> Result<usize> {
        let w = f.where_clause(scope, "unit_id");
        let mut last_id = 0i64;
        let mut n = 0usize;
        loop {
            let sql = format!(
                "SELECT {COLUMNS} FROM pegawai WHERE {} AND pegawai_id > {last_id} ORDER BY pegawai_id LIMIT 5000",
                w.text
            );
            let rows: Vec<PegawaiRow> = on!(self, p =>
                crate::bind_args!(sqlx::query_as(&sql), &w.args).fetch_all(p).await?);
            let Some(last) = rows.last() else { break };
            last_id = last.pegawai_id;
            for r in &rows {
                each(r);
            }
            n += rows.len();
        }
        Ok(n)
    }
}
