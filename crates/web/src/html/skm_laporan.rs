//! The SKM report of a scope and period (issue 3 §6; REFERENCE §1.7: results must be published),
//! as a printable page (`/skm/laporan`) and a PDF (`/skm/laporan.pdf`): the IKM, converted value,
//! mutu and kinerja; per unsur the NRR, converted value and mutu; the lowest and highest unsur;
//! the Krejcie & Morgan sample check; the respondent profile; the local questions' answers
//! (shown apart: they never enter the index). Public, like `/skm`.

use std::collections::BTreeMap;

use askama::Template;
use axum::extract::{Query, State};
use axum::http::header;
use axum::response::{Html, IntoResponse, Response};
use bangkom_core::skm::{Definisi, Unsur};
use serde::Deserialize;

use super::pdf::{Halaman, dokumen};
use super::pilihan::{Pilihan, bobot};
use super::{Nav, render, ribuan};
use crate::api::skm::IkmReport;
use crate::auth::MaybeUser;
use crate::error::Result;
use crate::state::AppState;

/// Query of the report.
#[derive(Debug, Deserialize, Default)]
pub struct LaporanQuery {
    #[serde(default)]
    scope: String,
    #[serde(default)]
    periode: String,
    #[serde(default)]
    bobot: String,
}

/// One unsur row.
pub struct Baris {
    label: &'static str,
    terisi: u64,
    nrr: String,
    nilai: String,
    mutu: &'static str,
}

/// One block of the respondent profile: value, count, share.
pub struct Kelompok {
    judul: &'static str,
    isi: Vec<(String, i64, String)>,
}

/// A local question's answers.
pub struct Lokal {
    pertanyaan: String,
    dijawab: i64,
    rata: String,
}

/// Everything the report shows, for both outputs.
pub struct Laporan {
    scope: String,
    periode: String,
    scope_nama: String,
    periode_label: String,
    r: IkmReport,
    nilai: String,
    baris: Vec<Baris>,
    terendah: String,
    tertinggi: String,
    sampel: String,
    profil: Vec<Kelompok>,
    lokal: Vec<Lokal>,
}

fn f2(v: Option<f64>) -> String {
    v.map_or_else(|| "—".into(), |v| format!("{v:.2}"))
}

fn label(code: Option<&str>) -> String {
    code.and_then(|c| Unsur::parse(c).ok())
        .map_or_else(|| "—".into(), |u| u.label().to_string())
}

#[allow(clippy::cast_precision_loss)]
fn kelompok(judul: &'static str, counts: BTreeMap<String, i64>, total: i64) -> Kelompok {
    let mut isi: Vec<(String, i64)> = counts.into_iter().collect();
    isi.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    Kelompok {
        judul,
        isi: isi
            .into_iter()
            .map(|(k, n)| {
                let pct = if total > 0 {
                    n as f64 * 100.0 / total as f64
                } else {
                    0.0
                };
                (k, n, format!("{pct:.1} %"))
            })
            .collect(),
    }
}

async fn susun(st: &AppState, q: &LaporanQuery) -> Result<Laporan> {
    let pilihan = Pilihan::baca(&q.scope, &q.periode)?;
    let bobot = bobot(&q.bobot);
    let r = pilihan.ikm(st, bobot).await?;
    let Pilihan {
        scope,
        periode,
        preset,
        from,
        to,
    } = pilihan;
    let org = st.db.org_index().await?;
    let node = org.by_kode(&scope);
    let units = node.map(|n| org.subtree(n.org_id));
    // Age bands of the scope's own definition when it is a unit, else the province default.
    let def: Definisi = st.db.skm_definisi(node.map(|n| n.org_id), None).await?.0;
    let baris = Unsur::URUTAN_KUESIONER
        .iter()
        .filter_map(|u| {
            r.unsur.get(u.code()).map(|d| Baris {
                label: u.label(),
                terisi: d.terisi,
                nrr: d.nrr.map_or_else(|| "—".into(), |v| format!("{v:.3}")),
                nilai: f2(d.nilai),
                mutu: d.mutu.unwrap_or("—"),
            })
        })
        .collect();
    let sampel = match (r.populasi, r.sampel_minimum, r.sampel_cukup) {
        (Some(p), Some(m), Some(ok)) => format!(
            "Populasi {} ({}); sampel minimum Krejcie & Morgan {}; responden {}: {}.",
            ribuan(i64::try_from(p).unwrap_or(i64::MAX)),
            r.populasi_sumber.unwrap_or("-"),
            ribuan(i64::try_from(m).unwrap_or(i64::MAX)),
            ribuan(i64::try_from(r.responden).unwrap_or(i64::MAX)),
            if ok { "cukup" } else { "belum cukup" }
        ),
        _ => "Populasi penerima layanan belum diketahui; sampel minimum tidak dapat diperiksa."
            .into(),
    };
    let rows = st.db.skm_profil(units.as_deref(), from, to).await?;
    let total: i64 = rows.iter().map(|x| x.jumlah).sum();
    let (mut jk, mut umur, mut pend, mut kerja) = (
        BTreeMap::new(),
        BTreeMap::new(),
        BTreeMap::new(),
        BTreeMap::new(),
    );
    let kosong = || "Tidak diisi".to_string();
    for x in &rows {
        let j = match x.jenis_kelamin.as_deref() {
            Some("L") => "Laki-laki".to_string(),
            Some("P") => "Perempuan".to_string(),
            _ => kosong(),
        };
        *jk.entry(j).or_insert(0) += x.jumlah;
        let u = x
            .umur
            .and_then(|u| u8::try_from(u).ok())
            .map_or_else(kosong, |u| def.kelompok_umur(u));
        *umur.entry(u).or_insert(0) += x.jumlah;
        *pend
            .entry(x.pendidikan.clone().unwrap_or_else(kosong))
            .or_insert(0) += x.jumlah;
        *kerja
            .entry(x.pekerjaan.clone().unwrap_or_else(kosong))
            .or_insert(0) += x.jumlah;
    }
    let profil = vec![
        kelompok("Jenis kelamin", jk, total),
        kelompok("Kelompok umur", umur, total),
        kelompok("Pendidikan", pend, total),
        kelompok("Pekerjaan", kerja, total),
    ];
    #[allow(clippy::cast_precision_loss)]
    let lokal = st
        .db
        .skm_lokal_ringkas(units.as_deref(), from, to)
        .await?
        .into_iter()
        .map(|l| Lokal {
            rata: if l.terisi_skala > 0 {
                format!("{:.2}", l.jumlah_skala as f64 / l.terisi_skala as f64)
            } else {
                "teks".into()
            },
            pertanyaan: l.pertanyaan,
            dijawab: l.dijawab,
        })
        .collect();
    Ok(Laporan {
        scope_nama: node.map_or("Provinsi Jambi dan seluruh kabupaten/kota".into(), |n| {
            org.label(n.org_id)
        }),
        periode_label: preset.to_string(),
        nilai: f2(r.nilai),
        terendah: label(r.unsur_terendah),
        tertinggi: label(r.unsur_tertinggi),
        scope,
        periode,
        r,
        baris,
        sampel,
        profil,
        lokal,
    })
}

#[derive(Template)]
#[template(path = "skm/laporan.html")]
struct LaporanPage {
    nav: Nav,
    l: Laporan,
}

/// `GET /skm/laporan?scope=…&periode=…[&bobot=0.111]`: the printable report.
pub async fn html(
    State(st): State<AppState>,
    MaybeUser(user): MaybeUser,
    Query(q): Query<LaporanQuery>,
) -> Result<Html<String>> {
    let l = susun(&st, &q).await?;
    let nav = user.map_or_else(Nav::default, |u| Nav::of(&u, "skm"));
    render(&LaporanPage { nav, l })
}

/// Draws lines top to bottom, starting a new A4 portrait page when one is full.
struct Pena {
    pages: Vec<Halaman>,
    y: f32,
}

impl Pena {
    fn new() -> Pena {
        Pena {
            pages: vec![Halaman::potret()],
            y: 800.0,
        }
    }

    fn turun(&mut self, h: f32) {
        self.y -= h;
        if self.y < 50.0 {
            self.pages.push(Halaman::potret());
            self.y = 800.0 - h;
        }
    }

    fn baris(&mut self, size: f32, tebal: bool, cols: &[(f32, &str)]) {
        self.turun(size + 5.0);
        if let Some(p) = self.pages.last_mut() {
            for (x, t) in cols {
                p.teks(*x, self.y, size, tebal, t);
            }
        }
    }

    fn garis(&mut self) {
        self.turun(4.0);
        if let Some(p) = self.pages.last_mut() {
            p.garis(40.0, self.y, 555.0, self.y, 0.5);
        }
    }
}

/// `GET /skm/laporan.pdf?…`: the same report as a PDF.
pub async fn pdf(State(st): State<AppState>, Query(q): Query<LaporanQuery>) -> Result<Response> {
    let l = susun(&st, &q).await?;
    let mut p = Pena::new();
    p.baris(16.0, true, &[(40.0, "Laporan Survei Kepuasan Masyarakat")]);
    p.baris(11.0, false, &[(40.0, &l.scope_nama)]);
    let per = format!("{} ({} s.d. {})", l.periode_label, l.r.from, l.r.to);
    p.baris(11.0, false, &[(40.0, &per)]);
    p.baris(
        9.0,
        false,
        &[
            (40.0, "Metode PermenPANRB 14/2017; bobot per unsur "),
            (240.0, l.r.bobot),
        ],
    );
    p.garis();
    let resp = format!(
        "Responden: {}",
        ribuan(i64::try_from(l.r.responden).unwrap_or(0))
    );
    p.baris(11.0, false, &[(40.0, &resp)]);
    if l.r.responden == 0 {
        p.baris(
            11.0,
            false,
            &[(40.0, "Belum ada responden pada cakupan dan periode ini.")],
        );
    } else {
        let ikm = format!(
            "Nilai IKM {}  ·  mutu {}  ·  {}",
            l.nilai,
            l.r.mutu.unwrap_or("—"),
            l.r.kinerja.unwrap_or("—")
        );
        p.baris(14.0, true, &[(40.0, &ikm)]);
        let ends = format!(
            "Unsur terendah: {}  ·  tertinggi: {}",
            l.terendah, l.tertinggi
        );
        p.baris(10.0, false, &[(40.0, &ends)]);
        p.garis();
        let cols = [40.0, 330.0, 390.0, 460.0, 520.0];
        p.baris(
            10.0,
            true,
            &[
                (cols[0], "Unsur"),
                (cols[1], "Terisi"),
                (cols[2], "NRR"),
                (cols[3], "Nilai"),
                (cols[4], "Mutu"),
            ],
        );
        for b in &l.baris {
            let n = b.terisi.to_string();
            p.baris(
                10.0,
                false,
                &[
                    (cols[0], b.label),
                    (cols[1], &n),
                    (cols[2], &b.nrr),
                    (cols[3], &b.nilai),
                    (cols[4], b.mutu),
                ],
            );
        }
    }
    p.garis();
    p.baris(10.0, false, &[(40.0, &l.sampel)]);
    for k in &l.profil {
        p.turun(6.0);
        p.baris(11.0, true, &[(40.0, k.judul)]);
        for (v, n, pct) in &k.isi {
            let n = ribuan(*n);
            p.baris(10.0, false, &[(50.0, v), (330.0, &n), (400.0, pct)]);
        }
    }
    if !l.lokal.is_empty() {
        p.turun(6.0);
        p.baris(11.0, true, &[(40.0, "Pertanyaan lokal (tidak masuk IKM)")]);
        for x in &l.lokal {
            let n = ribuan(x.dijawab);
            p.baris(
                10.0,
                false,
                &[(50.0, &x.pertanyaan), (400.0, &n), (460.0, &x.rata)],
            );
        }
    }
    let body = dokumen(&p.pages, &format!("Laporan SKM {} {}", l.scope, l.periode));
    Ok((
        [
            (header::CONTENT_TYPE, "application/pdf".to_string()),
            (
                header::CONTENT_DISPOSITION,
                format!(
                    "inline; filename=\"laporan-skm-{}-{}.pdf\"",
                    l.scope.replace('.', "_"),
                    l.periode
                ),
            ),
        ],
        body,
    )
        .into_response())
}
