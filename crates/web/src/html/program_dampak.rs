//! `/program/{kode}/dampak`: did the program change the services where its participants work?
//! The treated and comparison units, the windows (editable in a GET form), the DiD for service
//! time and the IKM with the interval, pre-trend check, counts and verdict, a chart of both
//! groups' monthly medians, and the Kirkpatrick panel (L1–L4). Figures from
//! [`crate::api::program_dampak`], the same as the API.

use askama::Template;
use axum::extract::{Path, Query, State};
use axum::response::Html;

use super::grafik::{Grafik, Seri, Svg, atas};
use super::{Nav, render};
use crate::api::dampak::DampakReport;
use crate::api::program_dampak::{
    ITERASI, JendelaQuery, ProgramDampak, program_dampak, program_for, windows,
};
use crate::auth::User;
use crate::error::{AppError, Result};
use crate::state::AppState;

/// One metric as text.
pub(super) struct Hasil {
    pub judul: &'static str,
    pub satuan: &'static str,
    pub tb: String,
    pub ta: String,
    pub cb: String,
    pub ca: String,
    pub efek: String,
    pub ci: String,
    pub ut: usize,
    pub uc: usize,
    pub nt: u64,
    pub nc: u64,
    pub pre: String,
    pub pre_lulus: bool,
    pub verdict: String,
    pub lemah: bool,
}

fn f2(v: Option<f64>) -> String {
    v.map_or("—".into(), |v| format!("{v:.2}"))
}

/// True when the interval includes "no effect" or is missing.
pub(super) fn bukti_lemah(r: &DampakReport) -> bool {
    let null = r.metric.null();
    match (r.ci_low, r.ci_high) {
        (Some(l), Some(h)) => l <= null && null <= h,
        _ => true,
    }
}

impl Hasil {
    fn of(r: &DampakReport, judul: &'static str, satuan: &'static str) -> Hasil {
        Hasil {
            judul,
            satuan,
            tb: f2(r.treated_before),
            ta: f2(r.treated_after),
            cb: f2(r.control_before),
            ca: f2(r.control_after),
            efek: f2(r.effect),
            ci: match (r.ci_low, r.ci_high) {
                (Some(l), Some(h)) => format!("{l:.2} – {h:.2}"),
                _ => "—".into(),
            },
            ut: r.units_treated,
            uc: r.units_control,
            nt: r.n_treated,
            nc: r.n_control,
            pre: format!(
                "{} ({} s.d. {}; selang {})",
                f2(r.pre_trend.effect),
                r.pre_trend.from,
                r.pre_trend.to,
                match (r.pre_trend.ci_low, r.pre_trend.ci_high) {
                    (Some(l), Some(h)) => format!("{l:.2} – {h:.2}"),
                    _ => "—".into(),
                }
            ),
            pre_lulus: r.pre_trend.lulus,
            verdict: r.verdict.clone(),
            lemah: bukti_lemah(r),
        }
    }
}

#[derive(Template)]
#[template(path = "program/dampak.html")]
struct DampakPage {
    nav: Nav,
    r: ProgramDampak,
    q: JendelaQuery,
    hasil: Vec<Hasil>,
    grafik: Svg,
    reaksi: String,
    belajar: String,
    perilaku: String,
    hasil_waktu: String,
    hasil_ikm: String,
}

fn chart(r: &ProgramDampak) -> Svg {
    let top = r
        .bulanan
        .iter()
        .flat_map(|b| [b.median_dilatih, b.median_pembanding])
        .flatten()
        .fold(0.0, f64::max);
    Grafik {
        id: "dampak-waktu",
        judul: "Median waktu layanan per bulan: unit dilatih dan unit pembanding (menit)".into(),
        label: r.bulanan.iter().map(|b| b.bulan.clone()).collect(),
        y_min: 0.0,
        y_max: atas(top * 1.05),
        seri: vec![
            Seri {
                nama: "unit dilatih".into(),
                warna: "#0b5cad",
                batang: false,
                nilai: r.bulanan.iter().map(|b| b.median_dilatih).collect(),
            },
            Seri {
                nama: "unit pembanding".into(),
                warna: "#8c959f",
                batang: false,
                nilai: r.bulanan.iter().map(|b| b.median_pembanding).collect(),
            },
        ],
        acuan: None,
    }
    .svg()
}

/// `GET /program/{kode}/dampak?sebelum_dari=…` (staff; operators for programs with participants
/// in their OPDs).
pub async fn page(
    State(st): State<AppState>,
    user: User,
    Path(kode): Path<String>,
    Query(mut q): Query<JendelaQuery>,
) -> Result<Html<String>> {
    let g = program_for(&st.db, &user, &kode).await?;
    let r = program_dampak(&st.db, &g, &q, ITERASI, true).await?;
    // Show the windows actually used in the form.
    let (b, a) = windows(&g, &q).map_err(|_| AppError::NotFound)?;
    q.sebelum_dari = b.0.to_string();
    q.sebelum_sampai = b.1.to_string();
    q.sesudah_dari = a.0.to_string();
    q.sesudah_sampai = a.1.to_string();
    let k = &r.kirkpatrick;
    let lemah = |x: &DampakReport| {
        if bukti_lemah(x) { " (bukti lemah)" } else { "" }
    };
    let page = DampakPage {
        nav: Nav::of(&user, "program"),
        hasil: vec![
            Hasil::of(&r.waktu, "Waktu layanan (median, menit)", "rasio"),
            Hasil::of(&r.ikm, "Indeks Kepuasan Masyarakat (nilai)", "poin"),
        ],
        grafik: chart(&r),
        reaksi: k
            .reaksi
            .map_or("belum ada data".into(), |v| format!("{v:.1}")),
        belajar: k.peningkatan_nilai.map_or("belum ada data".into(), |v| {
            format!("{v:+.1} poin (pre → post, {} peserta)", k.peserta_dinilai)
        }),
        perilaku: k
            .perilaku
            .map_or("belum ada data".into(), |v| format!("{v:.1}")),
        hasil_waktu: k.efek_waktu.map_or("belum ada data".into(), |v| {
            format!("waktu layanan {v:.2} kali semula{}", lemah(&r.waktu))
        }),
        hasil_ikm: k.efek_ikm.map_or("belum ada data".into(), |v| {
            format!("IKM {v:+.2} poin{}", lemah(&r.ikm))
        }),
        r,
        q,
    };
    render(&page)
}
