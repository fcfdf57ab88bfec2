//! The service-time page for staff (issue 5 §3): volume, median, p90 and the share within the
//! standard per service type for a scope and period, the monthly trend of the median and p90 as
//! a server-rendered chart, and the table as CSV. Scoped like `/jp` (operators: their OPDs;
//! employees: 403), with the same figures as `GET /api/v1/layanan/waktu`.

use askama::Template;
use axum::extract::{Query, State};
use axum::http::header;
use axum::response::{Html, IntoResponse, Response};
use bangkom_core::org::JenisOrg;
use serde::Deserialize;

use super::grafik::{Grafik, Seri, Svg, atas, bulan};
use super::pilihan::Pilihan;
use super::{Nav, render, ribuan};
use crate::api::layanan::{Ringkasan, WaktuReport, waktu_report};
use crate::auth::User;
use crate::error::{AppError, Result};
use crate::state::AppState;

/// Query of the page and the CSV.
#[derive(Debug, Deserialize, Default)]
pub struct LayananQuery {
    #[serde(default)]
    scope: String,
    #[serde(default)]
    periode: String,
    #[serde(default)]
    layanan: String,
}

impl LayananQuery {
    fn layanan(&self) -> Option<&str> {
        Some(self.layanan.trim()).filter(|l| !l.is_empty())
    }
    /// The report of the query's scope, period and type.
    async fn report(&self, st: &AppState, user: &User) -> Result<(Pilihan, WaktuReport)> {
        let p = Pilihan::baca(&self.scope, &self.periode)?;
        let r = waktu_report(&st.db, &p.scope, p.from, p.to, self.layanan(), &user.scope).await?;
        Ok((p, r))
    }
}

/// Minutes with one decimal, or a dash.
fn menit(v: Option<f64>) -> String {
    v.map_or("—".into(), |v| format!("{v:.1}"))
}

/// "60", "45–60", or a dash.
fn standar(r: &Ringkasan) -> String {
    match (r.standar_menit_min, r.standar_menit_max) {
        (Some(a), Some(b)) if a == b => a.to_string(),
        (Some(a), Some(b)) => format!("{a}–{b}"),
        _ => "—".into(),
    }
}

/// One row of the table.
struct Baris {
    kode: String,
    nama: String,
    transaksi: String,
    median: String,
    p90: String,
    standar: String,
    persen: String,
}

fn baris(kode: &str, nama: &str, r: &Ringkasan) -> Baris {
    Baris {
        kode: kode.to_string(),
        nama: nama.to_string(),
        transaksi: ribuan(i64::try_from(r.transaksi).unwrap_or(i64::MAX)),
        median: menit(r.median_menit),
        p90: menit(r.p90_menit),
        standar: standar(r),
        persen: menit(r.persen_sesuai_standar),
    }
}

/// One month of the trend table.
struct Bulan {
    label: String,
    transaksi: String,
    median: String,
    p90: String,
}

#[derive(Template)]
#[template(path = "layanan/waktu.html")]
struct WaktuPage {
    nav: Nav,
    scope: String,
    scope_nama: String,
    periode: String,
    periode_label: String,
    layanan: String,
    r: WaktuReport,
    total: Baris,
    rows: Vec<Baris>,
    bulan: Vec<Bulan>,
    tren: Svg,
    pemda: Vec<(String, String)>,
    /// The scope is a node below the pemda list (shown as one more option).
    scope_lain: bool,
    presets: Vec<(String, String)>,
    jenis: Vec<(String, String)>,
}

/// The service-time report of each month of `from..=to` (at most 36), with its `MM/YY` label.
///
/// # Errors
/// As [`waktu_report`].
pub(super) async fn bulanan(
    st: &AppState,
    scope: &str,
    from: time::Date,
    to: time::Date,
    layanan: Option<&str>,
    user_scope: &bangkom_db::pegawai::Scope,
) -> Result<Vec<(String, WaktuReport)>> {
    let mut out = Vec::new();
    for (a, b, l) in bulan(from, to, 36) {
        out.push((
            l,
            waktu_report(&st.db, scope, a, b, layanan, user_scope).await?,
        ));
    }
    Ok(out)
}

/// `GET /layanan?scope=KODE|all&periode=2025|2025-S1|2025-T3&layanan=ktp-el`
pub async fn page(
    State(st): State<AppState>,
    user: User,
    Query(q): Query<LayananQuery>,
) -> Result<Html<String>> {
    let (
        Pilihan {
            scope,
            periode,
            preset,
            from,
            to,
        },
        r,
    ) = q.report(&st, &user).await?;
    let types = st.db.jenis_layanan().await?;
    let nama_of = |k: &str| {
        types
            .iter()
            .find(|j| j.kode == k)
            .map_or(k.to_string(), |j| j.nama.clone())
    };
    let rows = r
        .per_layanan
        .iter()
        .map(|(k, v)| baris(k, &nama_of(k), v))
        .collect();
    let total = baris("", "Semua jenis", &r.total());
    // The trend: the same report per month (so each point equals the API for that month).
    let mut bulan_rows = Vec::new();
    let (mut label, mut med, mut p90) = (Vec::new(), Vec::new(), Vec::new());
    let mut standar_tunggal: Option<Option<i64>> = None;
    for (l, m) in bulanan(&st, &scope, from, to, q.layanan(), &user.scope).await? {
        for v in m.per_layanan.values() {
            let s = (v.standar_menit_min == v.standar_menit_max)
                .then_some(v.standar_menit_min)
                .flatten();
            standar_tunggal = match standar_tunggal {
                None => Some(s),
                Some(prev) if prev == s => Some(prev),
                Some(_) => Some(None),
            };
        }
        bulan_rows.push(Bulan {
            label: l.clone(),
            transaksi: ribuan(i64::try_from(m.transaksi).unwrap_or(i64::MAX)),
            median: menit(m.median_menit),
            p90: menit(m.p90_menit),
        });
        label.push(l);
        med.push(m.median_menit);
        p90.push(m.p90_menit);
    }
    #[allow(clippy::cast_precision_loss)]
    let acuan = standar_tunggal.flatten().map(|a| a as f64);
    let top = p90
        .iter()
        .flatten()
        .copied()
        .chain(acuan)
        .fold(0.0, f64::max);
    let tren = Grafik {
        id: "tren-waktu",
        judul: "Median dan p90 waktu layanan per bulan (menit)".into(),
        label,
        y_min: 0.0,
        y_max: atas(top * 1.05),
        seri: vec![
            Seri {
                nama: "median".into(),
                warna: "#0b5cad",
                batang: false,
                nilai: med,
            },
            Seri {
                nama: "p90".into(),
                warna: "#b42318",
                batang: false,
                nilai: p90,
            },
        ],
        acuan: acuan.map(|a| (a, format!("standar {a} menit"))),
    }
    .svg();
    let org = st.db.org_index().await?;
    let node = org.by_kode(&scope);
    render(&WaktuPage {
        nav: Nav::of(&user, "layanan"),
        scope_nama: node.map_or("Semua pemda".into(), |n| org.label(n.org_id)),
        periode_label: preset.to_string(),
        periode,
        layanan: q.layanan().unwrap_or("").to_string(),
        scope,
        r,
        total,
        rows,
        bulan: bulan_rows,
        tren,
        scope_lain: node.is_some_and(|n| n.jenis != "pemda"),
        pemda: org
            .of_jenis(JenisOrg::Pemda)
            .map(|p| (p.kode.clone(), p.nama.clone()))
            .collect(),
        presets: super::periode_pilihan(),
        jenis: types
            .iter()
            .map(|j| (j.kode.clone(), j.nama.clone()))
            .collect(),
    })
}

/// Columns of the CSV export.
pub const CSV_HEADER: &[&str] = &[
    "scope",
    "from",
    "to",
    "layanan",
    "transaksi",
    "median_menit",
    "p90_menit",
    "standar_menit_min",
    "standar_menit_max",
    "persen_sesuai_standar",
];

/// `GET /layanan/waktu.csv?…`: the page's table, one row per service type and a `semua` row.
pub async fn csv(
    State(st): State<AppState>,
    user: User,
    Query(q): Query<LayananQuery>,
) -> Result<Response> {
    let (_, r) = q.report(&st, &user).await?;
    let opt = |v: Option<f64>| v.map_or(String::new(), |v| v.to_string());
    let opt_i = |v: Option<i64>| v.map_or(String::new(), |v| v.to_string());
    let row = |k: &str, v: &Ringkasan| {
        vec![
            r.scope.clone(),
            r.from.clone(),
            r.to.clone(),
            k.to_string(),
            v.transaksi.to_string(),
            opt(v.median_menit),
            opt(v.p90_menit),
            opt_i(v.standar_menit_min),
            opt_i(v.standar_menit_max),
            opt(v.persen_sesuai_standar),
        ]
    };
    let mut rows: Vec<Vec<String>> = r.per_layanan.iter().map(|(k, v)| row(k, v)).collect();
    rows.push(row("semua", &r.total()));
    let mut out = Vec::new();
    bangkom_io::write_csv(&mut out, CSV_HEADER, rows)
        .map_err(|e| AppError::Internal(e.to_string()))?;
    Ok((
        [
            (header::CONTENT_TYPE, "text/csv; charset=utf-8"),
            (
                header::CONTENT_DISPOSITION,
                "attachment; filename=\"waktu-layanan.csv\"",
            ),
        ],
        out,
    )
        .into_response())
}
