//! SKM results, published (no login needed, PermenPANRB 14/2017 requires publication): the IKM of
//! any scope and period, each unsur as a bar, and the units below the scope side by side. Units
//! without responses are listed as "belum ada data", never counted as 0 (REFERENCE §0.7).

use askama::Template;
use axum::extract::{Query, State};
use axum::response::Html;
use bangkom_core::org::JenisOrg;
use bangkom_core::skm::{Akumulator, Bobot, Unsur};
use serde::Deserialize;

use super::grafik::{Grafik, Langkah, Seri, Svg, langkah};
use super::pilihan::{Pilihan, bobot};
use super::{Nav, render, ribuan};
use crate::api::skm::IkmReport;
use crate::auth::MaybeUser;
use crate::error::Result;
use crate::state::AppState;

/// Query of the page.
#[derive(Debug, Deserialize, Default)]
pub struct SkmQuery {
    #[serde(default)]
    scope: String,
    #[serde(default)]
    periode: String,
    #[serde(default)]
    bobot: String,
    /// Trend step: `bulan` (default), `triwulan` or `semester`.
    #[serde(default)]
    tren: String,
}

struct Bar {
    label: &'static str,
    nilai: String,
    width: String,
    mutu: &'static str,
}

/// One month of the trend table.
struct Titik {
    label: String,
    nilai: String,
}

/// Bottom of the trend chart's axis (labelled on the chart): months differ by a few points, which
/// a 25–100 axis would hide.
const TREN_MIN: f64 = 50.0;

/// The IKM value of each month of `from..=to` (at most 36; pooled per month), with its `MM/YY`
/// label; None for a month without responses.
///
/// # Errors
/// The database.
pub(super) async fn ikm_bulanan(
    st: &AppState,
    units: Option<&[i64]>,
    from: time::Date,
    to: time::Date,
    bobot: Bobot,
) -> Result<Vec<(String, Option<f64>)>> {
    ikm_per(st, units, from, to, bobot, Langkah::Bulan).await
}

/// The IKM per month, quarter or semester of the period.
async fn ikm_per(
    st: &AppState,
    units: Option<&[i64]>,
    from: time::Date,
    to: time::Date,
    bobot: Bobot,
    step: Langkah,
) -> Result<Vec<(String, Option<f64>)>> {
    let mut out = Vec::new();
    for (a, b, l) in langkah(from, to, step, 36) {
        out.push((
            l,
            st.db.skm_akumulator(units, a, b).await?.hitung(bobot).nilai,
        ));
    }
    Ok(out)
}

/// The monthly IKM as bars on a labelled 50–100 axis with the B band's lower bound
/// (REFERENCE §0.6) as the reference line.
pub(super) fn ikm_grafik(id: &'static str, months: &[(String, Option<f64>)]) -> Svg {
    ikm_grafik_per(id, months, Langkah::Bulan)
}

/// The IKM per period of `step` as bars (see [`ikm_grafik`]).
fn ikm_grafik_per(id: &'static str, months: &[(String, Option<f64>)], step: Langkah) -> Svg {
    Grafik {
        id,
        judul: format!("Nilai IKM per {}", step.code()),
        label: months.iter().map(|m| m.0.clone()).collect(),
        y_min: TREN_MIN,
        y_max: 100.0,
        seri: vec![Seri {
            nama: "Nilai IKM".into(),
            warna: "#0b5cad",
            batang: true,
            nilai: months.iter().map(|m| m.1).collect(),
        }],
        acuan: Some((76.61, "batas B (76,61)".into())),
    }
    .svg()
}

/// Monthly IKM over the period: the table rows and the chart.
async fn trend(
    st: &AppState,
    units: Option<&[i64]>,
    from: time::Date,
    to: time::Date,
    bobot: Bobot,
    step: Langkah,
) -> Result<(Vec<Titik>, Svg)> {
    let months = ikm_per(st, units, from, to, bobot, step).await?;
    let rows = months
        .iter()
        .map(|(l, v)| Titik {
            label: l.clone(),
            nilai: v.map_or("—".into(), |v| format!("{v:.1}")),
        })
        .collect();
    Ok((rows, ikm_grafik_per("tren", &months, step)))
}

struct Row {
    kode: String,
    nama: String,
    responden: String,
    nilai: String,
    mutu: String,
    width: String,
}

#[derive(Template)]
#[template(path = "skm/hasil.html")]
struct HasilPage {
    nav: Nav,
    scope: String,
    scope_nama: String,
    periode: String,
    periode_label: String,
    r: IkmReport,
    responden: String,
    bars: Vec<Bar>,
    rows: Vec<Row>,
    tanpa_data: Vec<String>,
    tren: Vec<Titik>,
    tren_svg: Svg,
    langkah: &'static str,
    pemda: Vec<(String, String)>,
    presets: Vec<(String, String)>,
    literal: bool,
}

/// `GET /skm?scope=KODE|all&periode=2025|2025-S1|2025-T3|2025-07&bobot=1/9|0.111`
pub async fn hasil(
    State(st): State<AppState>,
    MaybeUser(user): MaybeUser,
    Query(q): Query<SkmQuery>,
) -> Result<Html<String>> {
    let pilihan = Pilihan::baca(&q.scope, &q.periode)?;
    let bobot = bobot(&q.bobot);
    let r = pilihan.ikm(&st, bobot).await?;
    let Pilihan {
        scope,
        periode,
        preset,
        from,
        to,
    } = pilihan;
    let org = st.db.org_index().await?;
    let node = org.by_kode(&scope);
    let children: Vec<&bangkom_db::org::OrgRow> = match node {
        // Every pemda, the province's own OPDs included (its row excludes the kabupaten/kota
        // below it, which have rows of their own).
        None => org.of_jenis(JenisOrg::Pemda).collect(),
        Some(n) => org.children(n.org_id),
    };
    let units = node.map(|n| org.subtree(n.org_id));
    let per_unit = st
        .db
        .skm_akumulator_per_unit(units.as_deref(), from, to)
        .await?;
    let step = Langkah::parse(&q.tren);
    let (tren, tren_svg) = trend(&st, units.as_deref(), from, to, bobot, step).await?;
    let mut rows = Vec::new();
    let mut tanpa_data = Vec::new();
    for c in children {
        // At the top, each pemda's row counts its own units only (the province's row leaves out
        // the kabupaten/kota, which have rows of their own).
        let sub: std::collections::HashSet<i64> = if node.is_none() {
            org.subtree_own(c.org_id)
        } else {
            org.subtree(c.org_id)
        }
        .into_iter()
        .collect();
        let mut acc = Akumulator::default();
        for (u, a) in &per_unit {
            if sub.contains(u) {
                acc.merge(a);
            }
        }
        if acc.responden == 0 {
            tanpa_data.push(c.nama.clone());
            continue;
        }
        let h = acc.hitung(bobot);
        let nilai = h.nilai.unwrap_or(0.0);
        rows.push(Row {
            kode: c.kode.clone(),
            nama: c.nama.clone(),
            responden: ribuan(i64::try_from(h.responden).unwrap_or(i64::MAX)),
            nilai: format!("{nilai:.2}"),
            mutu: h
                .mutu
                .map(|m| format!("{} ({})", m.code(), m.kinerja()))
                .unwrap_or_default(),
            width: format!("{nilai:.1}"),
        });
    }
    rows.sort_by(|a, b| {
        b.nilai
            .partial_cmp(&a.nilai)
            .unwrap_or(std::cmp::Ordering::Equal)
    });
    let bars = Unsur::ALL
        .iter()
        .map(|u| {
            let d = r.unsur.get(u.code());
            let v = d.and_then(|d| d.nilai);
            Bar {
                label: u.label(),
                nilai: v.map_or("—".into(), |v| format!("{v:.2}")),
                width: format!("{:.1}", v.unwrap_or(0.0)),
                mutu: d.and_then(|d| d.mutu).unwrap_or("—"),
            }
        })
        .collect();
    let presets = super::periode_pilihan();
    render(&HasilPage {
        nav: user.as_ref().map(|u| Nav::of(u, "skm")).unwrap_or_default(),
        scope_nama: node.map_or("Provinsi Jambi dan seluruh kabupaten/kota".into(), |n| {
            org.label(n.org_id)
        }),
        scope,
        periode_label: preset.to_string(),
        periode,
        responden: ribuan(i64::try_from(r.responden).unwrap_or(i64::MAX)),
        r,
        bars,
        rows,
        tanpa_data,
        tren,
        tren_svg,
        langkah: step.code(),
        pemda: org
            .of_jenis(JenisOrg::Pemda)
            .map(|p| (p.kode.clone(), p.nama.clone()))
            .collect(),
        presets,
        literal: bobot == Bobot::Literal0111,
    })
}
