//! The JP compliance page for leaders and administrators: how many PNS of a scope reached 20 JP
//! this year, per unit below it (bars), and JP per jalur.

use std::collections::HashMap;

use askama::Template;
use axum::extract::{Query, State};
use axum::response::Html;
use bangkom_core::jp::{AturanJp, Jalur};
use bangkom_core::org::JenisOrg;
use serde::Deserialize;

use super::{Nav, render, ribuan};
use crate::api::jp::{DAFTAR_HEADER, JpReport, daftar_row, jp_report};
use crate::auth::User;
use crate::error::Result;
use crate::state::AppState;

/// Query.
#[derive(Debug, Deserialize, Default)]
pub struct JpQuery {
    #[serde(default)]
    scope: String,
    #[serde(default)]
    tahun: Option<i32>,
    /// Which employees to list: `berisiko` (default), `belum`, `semua`.
    #[serde(default)]
    daftar: String,
    /// Name or NIP contains.
    #[serde(default)]
    cari: String,
    /// Export format of `/jp/daftar`: `csv` (default) or `xlsx`.
    #[serde(default)]
    format: String,
}

impl JpQuery {
    fn daftar(&self) -> &'static str {
        match self.daftar.as_str() {
            "belum" => "belum",
            "semua" => "semua",
            _ => "berisiko",
        }
    }

    /// The employees of the report this list shows.
    fn pilih<'a>(&self, r: &'a JpReport) -> Vec<&'a crate::api::jp::JpBaris> {
        let cari = self.cari.trim().to_lowercase();
        let daftar = self.daftar();
        r.pegawai_list
            .iter()
            .flatten()
            .filter(|b| match daftar {
                "belum" => !b.memenuhi,
                "semua" => true,
                _ => b.berisiko,
            })
            .filter(|b| {
                cari.is_empty() || b.nip.contains(&cari) || b.nama.to_lowercase().contains(&cari)
            })
            .collect()
    }

    fn scope(&self) -> String {
        if self.scope.trim().is_empty() {
            "all".to_string()
        } else {
            self.scope.trim().to_string()
        }
    }
}

/// `GET /jp/buku?scope&tahun&format=csv|xlsx`: every credit of the year in the scope (the ledger
/// export; operators get their OPDs only).
pub async fn buku(
    State(st): State<AppState>,
    user: User,
    Query(q): Query<JpQuery>,
) -> Result<axum::response::Response> {
    let tahun = q.tahun.unwrap_or(super::survei::today_wib().year());
    crate::api::jp::buku_response(&st.db, &q.scope(), tahun, q.format == "xlsx", &user.scope).await
}

/// `GET /jp/daftar?scope&tahun&daftar&cari&format=csv|xlsx`: the filtered list as a file.
pub async fn daftar(
    State(st): State<AppState>,
    user: User,
    Query(q): Query<JpQuery>,
) -> Result<axum::response::Response> {
    use axum::http::header;
    use axum::response::IntoResponse;
    let today = super::survei::today_wib();
    let tahun = q.tahun.unwrap_or(today.year());
    let r = jp_report(
        &st.db,
        &q.scope(),
        tahun,
        true,
        AturanJp::default(),
        &user.scope,
    )
    .await?;
    let rows: Vec<Vec<String>> = q.pilih(&r).into_iter().map(daftar_row).collect();
    let nama = format!("jp-{}-{tahun}-{}", r.scope, q.daftar());
    if q.format == "xlsx" {
        let bytes = bangkom_io::write_xlsx(DAFTAR_HEADER, rows)
            .map_err(|e| crate::error::AppError::Internal(e.to_string()))?;
        Ok((
            [
                (
                    header::CONTENT_TYPE,
                    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet".to_string(),
                ),
                (
                    header::CONTENT_DISPOSITION,
                    format!("attachment; filename=\"{nama}.xlsx\""),
                ),
            ],
            bytes,
        )
            .into_response())
    } else {
        let mut out = Vec::new();
        bangkom_io::write_csv(&mut out, DAFTAR_HEADER, rows)
            .map_err(|e| crate::error::AppError::Internal(e.to_string()))?;
        Ok((
            [
                (header::CONTENT_TYPE, "text/csv; charset=utf-8".to_string()),
                (
                    header::CONTENT_DISPOSITION,
                    format!("attachment; filename=\"{nama}.csv\""),
                ),
            ],
            out,
        )
            .into_response())
    }
}

struct Orang {
    nip: String,
    nama: String,
    jp: i64,
    proyeksi: i64,
    berisiko: bool,
}

struct Bagian {
    kode: String,
    nama: String,
    pns: String,
    persen: String,
    width: String,
}

#[derive(Template)]
#[template(path = "jp.html")]
struct JpPage {
    nav: Nav,
    scope: String,
    scope_nama: String,
    tahun: i32,
    r: JpReport,
    persen: String,
    bagian: Vec<Bagian>,
    jalur: Vec<(String, String, String)>,
    pemda: Vec<(String, String)>,
    /// The scope is neither "all" nor a pemda, so the scope list needs an option for it.
    scope_lain: bool,
    tahun_pilihan: Vec<i32>,
    daftar: &'static str,
    cari: String,
    orang: Vec<Orang>,
    orang_total: usize,
}

/// `GET /jp?scope=KODE|all&tahun=YYYY`
pub async fn page(
    State(st): State<AppState>,
    user: User,
    Query(q): Query<JpQuery>,
) -> Result<Html<String>> {
    let today = super::survei::today_wib();
    let tahun = q.tahun.unwrap_or(today.year());
    let scope = q.scope();
    let aturan = AturanJp::default();
    let r = jp_report(&st.db, &scope, tahun, true, aturan, &user.scope).await?;
    let org = st.db.org_index().await?;
    let node = org.by_kode(&scope);
    let children: Vec<&bangkom_db::org::OrgRow> = match node {
        None => org.of_jenis(JenisOrg::Pemda).collect(),
        Some(n) => org.children(n.org_id),
    };
    // Which child each employee's unit falls under (pemda nodes by their pemda id).
    let mut child_of: HashMap<i64, usize> = HashMap::new();
    for (i, c) in children.iter().enumerate() {
        if c.jenis == "pemda" {
            for o in org.all().iter().filter(|o| o.pemda_id == Some(c.org_id)) {
                child_of.insert(o.org_id, i);
            }
        } else {
            for id in org.subtree(c.org_id) {
                child_of.insert(id, i);
            }
        }
    }
    // The report's own list (already cut to the caller's scope) gives the per-unit tally.
    let mut tally = vec![(0usize, 0usize); children.len()];
    for p in r
        .pegawai_list
        .iter()
        .flatten()
        .filter(|p| p.jenis_asn == "PNS")
    {
        if let Some(t) = child_of.get(&p.unit_id).and_then(|i| tally.get_mut(*i)) {
            t.0 += 1;
            t.1 += usize::from(p.memenuhi);
        }
    }
    #[allow(clippy::cast_precision_loss)]
    let mut bagian: Vec<Bagian> = children
        .iter()
        .zip(tally)
        .filter(|(_, (n, _))| *n > 0)
        .map(|(c, (n, ok))| {
            let pct = ok as f64 * 100.0 / n as f64;
            Bagian {
                kode: c.kode.clone(),
                nama: c.nama.clone(),
                pns: ribuan(i64::try_from(n).unwrap_or(i64::MAX)),
                persen: format!("{pct:.1}"),
                width: format!("{pct:.1}"),
            }
        })
        .collect();
    bagian.sort_by(|a, b| {
        b.persen
            .parse::<f64>()
            .unwrap_or(0.0)
            .total_cmp(&a.persen.parse::<f64>().unwrap_or(0.0))
    });
    let max = r.jp_per_jalur.values().copied().max().unwrap_or(1).max(1);
    #[allow(clippy::cast_precision_loss)]
    let jalur = Jalur::all()
        .filter_map(|j| {
            let v = r.jp_per_jalur.get(&j.code()).copied().unwrap_or(0);
            (v > 0).then(|| {
                (
                    j.nama().to_string(),
                    ribuan(v),
                    format!("{:.1}", v as f64 * 100.0 / max as f64),
                )
            })
        })
        .collect();
    let dipilih = q.pilih(&r);
    let orang_total = dipilih.len();
    let orang = dipilih
        .into_iter()
        .take(200)
        .map(|b| Orang {
            nip: b.nip.clone(),
            nama: b.nama.clone(),
            jp: b.jp,
            proyeksi: b.proyeksi,
            berisiko: b.berisiko,
        })
        .collect();
    render(&JpPage {
        daftar: q.daftar(),
        cari: q.cari.trim().to_string(),
        orang,
        orang_total,
        nav: Nav::of(&user, "jp"),
        scope_nama: node.map_or("Semua pemda".into(), |n| org.label(n.org_id)),
        scope,
        tahun,
        persen: r.persen_memenuhi.map_or("—".into(), |p| format!("{p:.1}")),
        r,
        bagian,
        jalur,
        pemda: org
            .of_jenis(JenisOrg::Pemda)
            .map(|p| (p.kode.clone(), p.nama.clone()))
            .collect(),
        // A pemda scope is already an option of the list; only an OPD or unit needs its own.
        scope_lain: node.is_some_and(|n| n.jenis != "pemda"),
        tahun_pilihan: (today.year() - 3..=today.year()).rev().collect(),
    })
}
