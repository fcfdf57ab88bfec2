//! The employee's own page (*Halaman saya*): JP this year against the target, with a progress bar,
//! and every program followed, with its certificate number.

use askama::Template;
use axum::extract::{Query, State};
use axum::response::Html;
use bangkom_core::jp::{AturanJp, Jalur};
use bangkom_core::pegawai::JenisAsn;
use bangkom_db::pegawai::{PegawaiRow, Scope};

use super::{Nav, render};
use crate::auth::User;
use crate::error::{AppError, Result};
use crate::state::AppState;

struct Baris {
    nama: String,
    jalur: String,
    penyelenggara: String,
    status: String,
    jp: i64,
    selesai: String,
    sertifikat: String,
}

#[derive(Template)]
#[template(path = "saya.html")]
struct SayaPage {
    nav: Nav,
    p: PegawaiRow,
    nama: String,
    tahun: i32,
    jp: i64,
    target: u32,
    width: String,
    kurang: i64,
    pppk: bool,
    maks: u32,
    baris: Vec<Baris>,
    csrf: String,
    terbuka: Vec<(String, String, String)>,
    pesan: String,
}

/// `GET /saya[?pesan=…]`
pub async fn page(
    State(st): State<AppState>,
    user: User,
    Query(q): Query<super::program::PesanQuery>,
) -> Result<Html<String>> {
    let Scope::Pegawai(id) = user.scope else {
        return Err(AppError::NotFound);
    };
    let p = st.db.pegawai_by_id(&user.scope, id).await?;
    let tahun = super::survei::today_wib().year();
    let aturan = AturanJp::default();
    let asn = JenisAsn::parse(&p.jenis_asn).unwrap_or(JenisAsn::Pns);
    let riwayat = st.db.riwayat_belajar(id).await?;
    // Programs still running or to come that the employee is not in yet: apply from here.
    let today = super::survei::today_wib();
    let terbuka = st
        .db
        .program_list()
        .await?
        .into_iter()
        .map(|r| r.program)
        .filter(|g| {
            g.selesai >= today
                && !riwayat
                    .iter()
                    .any(|r| r.kode == g.kode && r.status != "ditolak" && r.status != "dibatalkan")
        })
        .map(|g| {
            (
                g.kode,
                g.nama,
                format!("{} s.d. {} · {} JP", g.mulai, g.selesai, g.jp),
            )
        })
        .collect();
    let jp: i64 = riwayat
        .iter()
        .filter(|r| r.status == "selesai" && r.tanggal_selesai.is_some_and(|d| d.year() == tahun))
        .map(|r| r.jp_diakui)
        .sum();
    let target = aturan.target(asn);
    #[allow(clippy::cast_precision_loss)]
    let width = if target == 0 {
        100.0
    } else {
        (jp as f64 * 100.0 / f64::from(target)).min(100.0)
    };
    let baris = riwayat
        .into_iter()
        .map(|r| Baris {
            jalur: u8::try_from(r.jalur)
                .ok()
                .and_then(|j| Jalur::from_id(j).ok())
                .map_or_else(String::new, |j| j.nama().to_string()),
            nama: r.nama,
            penyelenggara: r.penyelenggara,
            status: r.status.replace('_', " "),
            jp: r.jp_diakui,
            selesai: r.tanggal_selesai.map(|d| d.to_string()).unwrap_or_default(),
            sertifikat: r.nomor_sertifikat.unwrap_or_default(),
        })
        .collect();
    render(&SayaPage {
        nav: Nav::of(&user, "saya"),
        nama: p.nama_lengkap(),
        tahun,
        jp,
        target,
        width: format!("{width:.1}"),
        kurang: (i64::from(target) - jp).max(0),
        pppk: asn == JenisAsn::Pppk,
        maks: aturan.maks_pppk,
        baris,
        csrf: user.csrf().to_string(),
        terbuka,
        pesan: super::program::pesan_teks(q.pesan()).to_string(),
        p,
    })
}
