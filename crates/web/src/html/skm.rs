//! SKM results, published (no login needed, PermenPANRB 14/2017 requires publication): the IKM of
//! any scope and period, each unsur as a bar, and the units below the scope side by side. Units
//! without responses are listed as "belum ada data", never counted as 0 (REFERENCE §0.7).

use askama::Template;
use axum::extract::{Query, State};
use axum::response::Html;
use bangkom_core::org::JenisOrg;
use bangkom_core::skm::{Akumulator, AturanSampel, Bobot, Preset, Unsur, rentang};
use serde::Deserialize;

use super::{Nav, render, ribuan};
use crate::api::skm::{IkmReport, ikm_report};
use crate::auth::MaybeUser;
use crate::error::{AppError, Result};
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
}

struct Bar {
    label: &'static str,
    nilai: String,
    width: String,
    mutu: &'static str,
}

/// One month of the trend chart, with its SVG geometry (viewBox 0 0 600 220).
struct Titik {
    label: String,
    nilai: String,
    x: String,
    y: String,
    h: String,
    w: String,
    kosong: bool,
}

/// Bottom of the trend chart's axis (labelled on the chart): months differ by a few points, which
/// a 25–100 axis would hide.
const TREN_MIN: f64 = 50.0;

/// Monthly IKM over the period (pooled per month), drawn as bars on a labelled 50–100 axis.
async fn trend(
    st: &AppState,
    units: Option<&[i64]>,
    from: time::Date,
    to: time::Date,
    bobot: Bobot,
) -> Result<Vec<Titik>> {
    let mut months = Vec::new();
    let (mut y, mut m) = (from.year(), u8::from(from.month()));
    while months.len() < 36 {
        let (a, b) = rentang(Preset::Bulan(y, m));
        if a > to {
            break;
        }
        months.push((a.max(from), b.min(to), format!("{:02}/{}", m, y % 100)));
        if m == 12 {
            y += 1;
            m = 1;
        } else {
            m += 1;
        }
    }
    let n = months.len().max(1);
    let slot = 560.0 / n as f64;
    let mut out = Vec::new();
    for (i, (a, b, label)) in months.into_iter().enumerate() {
        let h = st.db.skm_akumulator(units, a, b).await?.hitung(bobot);
        let v = h.nilai.unwrap_or(TREN_MIN).max(TREN_MIN);
        let height = (v - TREN_MIN) / (100.0 - TREN_MIN) * 180.0;
        out.push(Titik {
            label,
            nilai: h.nilai.map_or("—".into(), |v| format!("{v:.1}")),
            x: format!("{:.1}", 30.0 + i as f64 * slot + slot * 0.15),
            y: format!("{:.1}", 190.0 - height),
            h: format!("{height:.1}"),
            w: format!("{:.1}", slot * 0.7),
            kosong: h.nilai.is_none(),
        });
    }
    Ok(out)
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
    pemda: Vec<(String, String)>,
    presets: Vec<(String, String)>,
    literal: bool,
}

fn default_periode() -> String {
    (crate::html::survei::today_wib().year() - 1).to_string()
}

/// `GET /skm?scope=KODE|all&periode=2025|2025-S1|2025-T3|2025-07&bobot=1/9|0.111`
pub async fn hasil(
    State(st): State<AppState>,
    MaybeUser(user): MaybeUser,
    Query(q): Query<SkmQuery>,
) -> Result<Html<String>> {
    let scope = if q.scope.trim().is_empty() {
        "all".to_string()
    } else {
        q.scope.trim().to_string()
    };
    let periode = if q.periode.trim().is_empty() {
        default_periode()
    } else {
        q.periode.trim().to_string()
    };
    let preset = Preset::parse(&periode)
        .map_err(|m| AppError::BadRequest(format!("periode tidak dikenal: {m}")))?;
    let (from, to) = rentang(preset);
    let bobot = if q.bobot == "0.111" {
        Bobot::Literal0111
    } else {
        Bobot::Sepersembilan
    };
    let r = ikm_report(
        &st.db,
        &scope,
        from,
        to,
        bobot,
        None,
        AturanSampel::Pembulatan,
    )
    .await?;
    let org = st.db.org_index().await?;
    let node = org.by_kode(&scope);
    let children: Vec<&bangkom_db::org::OrgRow> = match node {
        None => org
            .of_jenis(JenisOrg::Pemda)
            .filter(|p| p.induk_id.is_some() || p.kode.len() > 2)
            .collect(),
        Some(n) => org.children(n.org_id),
    };
    let units = node.map(|n| org.subtree(n.org_id));
    let per_unit = st
        .db
        .skm_akumulator_per_unit(units.as_deref(), from, to)
        .await?;
    let tren = trend(&st, units.as_deref(), from, to, bobot).await?;
    let mut rows = Vec::new();
    let mut tanpa_data = Vec::new();
    for c in children {
        let sub: std::collections::HashSet<i64> = org.subtree(c.org_id).into_iter().collect();
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
    let year = crate::html::survei::today_wib().year();
    let mut presets = Vec::new();
    for y in [year, year - 1, year - 2] {
        presets.push((y.to_string(), format!("Tahun {y}")));
        for s in 1..=2 {
            presets.push((format!("{y}-S{s}"), format!("Semester {s} {y}")));
        }
        for t in 1..=4 {
            presets.push((format!("{y}-T{t}"), format!("Triwulan {t} {y}")));
        }
    }
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
        pemda: org
            .of_jenis(JenisOrg::Pemda)
            .map(|p| (p.kode.clone(), p.nama.clone()))
            .collect(),
        presets,
        literal: bobot == Bobot::Literal0111,
    })
}
