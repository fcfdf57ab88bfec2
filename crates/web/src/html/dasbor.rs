//! The leaders' dashboard (issue 5 §6), for pimpinan and administrators: for a pemda or the
//! province and a year, JP compliance, the IKM and the service time side by side, per pemda (or
//! per unit below the chosen one), with the monthly IKM and service-time trends and three years
//! of JP compliance as charts. Every figure comes from the same report functions as `/jp`,
//! `/skm`, `/layanan` and the API.

use askama::Template;
use axum::extract::{Query, State};
use axum::response::Html;
use bangkom_core::jp::AturanJp;
use bangkom_core::org::JenisOrg;
use bangkom_core::role::Role;
use bangkom_core::skm::{AturanSampel, Bobot};
use serde::Deserialize;

use super::grafik::{Grafik, Seri, Svg, atas};
use super::{Nav, render, ribuan};
use crate::api::jp::jp_report;
use crate::api::layanan::waktu_report;
use crate::api::skm::ikm_report;
use crate::auth::User;
use crate::error::{AppError, Result};
use crate::state::AppState;

/// Query.
#[derive(Debug, Deserialize, Default)]
pub struct DasborQuery {
    #[serde(default)]
    scope: String,
    #[serde(default)]
    tahun: Option<i32>,
}

/// One pemda (or unit) row: text and bar widths (percent of the row's scale).
struct Baris {
    kode: String,
    nama: String,
    jp: String,
    jp_w: String,
    ikm: String,
    ikm_w: String,
    median: String,
    sesuai: String,
    sesuai_w: String,
    biaya: String,
}

#[derive(Template)]
#[template(path = "dasbor.html")]
struct DasborPage {
    nav: Nav,
    scope: String,
    scope_nama: String,
    tahun: i32,
    jp: String,
    pns: String,
    ikm: String,
    mutu: String,
    responden: String,
    median: String,
    sesuai: String,
    transaksi: String,
    /// Realised training cost (rupiah), participants, and rupiah per credited JP.
    biaya: String,
    biaya_peserta: String,
    biaya_per_jp: String,
    rows: Vec<Baris>,
    g_ikm: Svg,
    g_waktu: Svg,
    g_jp: Svg,
    pemda: Vec<(String, String)>,
    /// The scope is a node below the pemda list (shown as one more option).
    scope_lain: bool,
    tahun_pilihan: Vec<i32>,
    /// Programs of the year with the clearest and the least clear evidence of impact on service
    /// time: (title, table id, programs).
    bukti: Vec<(&'static str, &'static str, Vec<super::dasbor_dampak::Bukti>)>,
}

/// `Rp 1.234.567`.
fn rupiah(n: i64) -> String {
    format!("Rp {}", ribuan(n))
}

fn satu(v: Option<f64>) -> String {
    v.map_or("—".into(), |v| format!("{v:.1}"))
}

/// `GET /dasbor?scope=KODE|all&tahun=YYYY` (pimpinan and admin).
pub async fn page(
    State(st): State<AppState>,
    user: User,
    Query(q): Query<DasborQuery>,
) -> Result<Html<String>> {
    if !matches!(user.role, Role::Admin | Role::Pimpinan) {
        return Err(AppError::Forbidden);
    }
    let today = super::survei::today_wib();
    let tahun = q.tahun.unwrap_or(today.year() - 1);
    if !(2000..=2100).contains(&tahun) {
        return Err(AppError::BadRequest("tahun harus 2000–2100".into()));
    }
    let scope = Some(q.scope.trim())
        .filter(|s| !s.is_empty())
        .unwrap_or("all")
        .to_string();
    let from = time::Date::from_calendar_date(tahun, time::Month::January, 1)
        .map_err(|e| AppError::BadRequest(e.to_string()))?;
    let to = time::Date::from_calendar_date(tahun, time::Month::December, 31)
        .map_err(|e| AppError::BadRequest(e.to_string()))?;
    let aturan = AturanJp::default();
    let jp = jp_report(&st.db, &scope, tahun, false, aturan, &user.scope).await?;
    let ikm = ikm_report(
        &st.db,
        &scope,
        from,
        to,
        Bobot::Sepersembilan,
        None,
        AturanSampel::Pembulatan,
    )
    .await?;
    let waktu = waktu_report(&st.db, &scope, from, to, None, &user.scope).await?;

    let org = st.db.org_index().await?;
    let node = org.by_kode(&scope);
    let children: Vec<&bangkom_db::org::OrgRow> = match node {
        None => org
            .of_jenis(JenisOrg::Pemda)
            .filter(|p| p.induk_id.is_some() || p.kode.len() > 2)
            .collect(),
        Some(n) => org.children(n.org_id),
    };
    let mut rows = Vec::new();
    for c in children {
        let j = jp_report(&st.db, &c.kode, tahun, false, aturan, &user.scope).await?;
        let i = ikm_report(
            &st.db,
            &c.kode,
            from,
            to,
            Bobot::Sepersembilan,
            None,
            AturanSampel::Pembulatan,
        )
        .await?;
        let w = waktu_report(&st.db, &c.kode, from, to, None, &user.scope).await?;
        let b = st
            .db
            .biaya_realisasi(Some(&org.subtree(c.org_id)), tahun)
            .await?;
        if j.pegawai == 0 && i.responden == 0 && w.transaksi == 0 && b.peserta == 0 {
            continue;
        }
        rows.push(Baris {
            kode: c.kode.clone(),
            nama: c.nama.clone(),
            jp: satu(j.persen_memenuhi),
            jp_w: format!("{:.1}", j.persen_memenuhi.unwrap_or(0.0)),
            ikm: i
                .nilai
                .map_or("belum ada data".into(), |v| format!("{v:.2}")),
            ikm_w: format!("{:.1}", i.nilai.unwrap_or(0.0)),
            median: satu(w.median_menit),
            sesuai: satu(w.persen_sesuai_standar),
            sesuai_w: format!("{:.1}", w.persen_sesuai_standar.unwrap_or(0.0)),
            biaya: rupiah(b.biaya),
        });
    }

    let units = node.map(|n| org.subtree(n.org_id));
    let ikm_bulan =
        super::skm::ikm_bulanan(&st, units.as_deref(), from, to, Bobot::Sepersembilan).await?;
    let waktu_bulan = super::layanan::bulanan(&st, &scope, from, to, None, &user.scope).await?;
    let med: Vec<Option<f64>> = waktu_bulan.iter().map(|(_, r)| r.median_menit).collect();
    let p90: Vec<Option<f64>> = waktu_bulan.iter().map(|(_, r)| r.p90_menit).collect();
    let top = p90.iter().flatten().copied().fold(0.0, f64::max);
    let g_waktu = Grafik {
        id: "dasbor-waktu",
        judul: "Median dan p90 waktu layanan per bulan (menit)".into(),
        label: waktu_bulan.iter().map(|(l, _)| l.clone()).collect(),
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
        acuan: None,
    }
    .svg();
    let mut jp_tahun = Vec::new();
    for t in tahun - 2..=tahun {
        let r = jp_report(&st.db, &scope, t, false, aturan, &user.scope).await?;
        jp_tahun.push((t.to_string(), r.persen_memenuhi));
    }
    let g_jp = Grafik {
        id: "dasbor-jp",
        judul: format!(
            "PNS yang mencapai {} JP per tahun (persen)",
            aturan.target_pns
        ),
        label: jp_tahun.iter().map(|(l, _)| l.clone()).collect(),
        y_min: 0.0,
        y_max: 100.0,
        seri: vec![Seri {
            nama: "mencapai target".into(),
            warna: "#116329",
            batang: true,
            nilai: jp_tahun.iter().map(|(_, v)| *v).collect(),
        }],
        acuan: None,
    }
    .svg();
    let (bukti_kuat, bukti_lemah) =
        super::dasbor_dampak::peringkat(&st, tahun, units.as_deref()).await?;
    let realisasi = st.db.biaya_realisasi(units.as_deref(), tahun).await?;
    render(&DasborPage {
        bukti: [
            ("Bukti terkuat", "bukti-kuat", bukti_kuat),
            ("Bukti terlemah", "bukti-lemah", bukti_lemah),
        ]
        .into_iter()
        .filter(|b| !b.2.is_empty())
        .collect(),
        nav: Nav::of(&user, "dasbor"),
        scope_nama: node.map_or("Semua pemda".into(), |n| org.label(n.org_id)),
        scope,
        tahun,
        jp: satu(jp.persen_memenuhi),
        pns: ribuan(i64::try_from(jp.pegawai).unwrap_or(i64::MAX)),
        ikm: ikm.nilai.map_or("—".into(), |v| format!("{v:.2}")),
        mutu: ikm
            .mutu
            .zip(ikm.kinerja)
            .map_or("belum ada data".into(), |(m, k)| format!("{m} ({k})")),
        responden: ribuan(i64::try_from(ikm.responden).unwrap_or(i64::MAX)),
        median: satu(waktu.median_menit),
        sesuai: satu(waktu.persen_sesuai_standar),
        transaksi: ribuan(i64::try_from(waktu.transaksi).unwrap_or(i64::MAX)),
        biaya: rupiah(realisasi.biaya),
        biaya_peserta: ribuan(realisasi.peserta),
        #[allow(clippy::cast_possible_truncation)]
        biaya_per_jp: realisasi
            .per_jp()
            .map_or("—".into(), |v| rupiah(v.round() as i64)),
        rows,
        g_ikm: super::skm::ikm_grafik("dasbor-ikm", &ikm_bulan),
        g_waktu,
        g_jp,
        scope_lain: node.is_some_and(|n| n.jenis != "pemda"),
        pemda: org
            .of_jenis(JenisOrg::Pemda)
            .map(|p| (p.kode.clone(), p.nama.clone()))
            .collect(),
        tahun_pilihan: (today.year() - 3..=today.year()).rev().collect(),
    })
}
