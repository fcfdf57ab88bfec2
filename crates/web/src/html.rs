//! Server-rendered pages (Bahasa Indonesia). Each page's askama struct sits next to its handler.

mod akun;
mod audit;
mod belajar_form;
mod beranda;
mod dasbor;
mod dasbor_dampak;
mod grafik;
mod impor;
mod jp;
mod layanan;
mod layanan_standar;
mod lembaga;
mod lembaga_pks;
mod login;
mod org;
mod pdf;
mod pegawai;
mod pegawai_form;
pub(crate) mod pengalaman;
mod persetujuan;
mod pilihan;
mod png;
pub mod program;
mod program_aksi;
mod program_daftar;
mod program_dampak;
mod program_evaluasi;
mod program_form;
mod program_kelas;
mod program_penilai;
mod program_peserta;
pub mod qr;
pub(crate) mod saya;
mod sertifikat;
mod skm;
mod skm_definisi;
mod skm_kertas;
mod skm_laporan;
pub mod skm_olah;
mod skm_populasi;
mod skm_respons;
mod skm_tautan;
mod skm_token;
mod skm_token_daftar;
pub mod survei;
pub(crate) mod survei_kirim;
mod tindak_lanjut;
mod unduh;

pub use akun::{create_account, create_account_lembaga};
pub use audit::filter as audit_filter;
pub use pegawai::{ListQuery, export_row};
pub use pegawai_form::{PegawaiForm, validate as validate_pegawai};

use axum::Router;
use axum::http::header;
use axum::response::IntoResponse;
use axum::routing::{get, post};

use crate::auth::User;
use crate::state::AppState;

/// The page routes.
pub fn router() -> Router<AppState> {
    Router::new()
        .route("/", get(beranda::show))
        .route("/login", get(login::form).post(login::submit))
        .route("/logout", axum::routing::post(login::logout))
        .route("/pegawai", get(pegawai::list))
        .route("/pegawai/ekspor", get(pegawai::export))
        .route(
            "/pegawai/baru",
            get(pegawai_form::new_form).post(pegawai_form::create),
        )
        .route(
            "/pegawai/impor",
            get(impor::pegawai_form).post(impor::pegawai_upload),
        )
        .route("/pegawai/{nip}", get(pegawai::detail))
        .route(
            "/pegawai/{nip}/ubah",
            get(pegawai_form::edit_form).post(pegawai_form::update),
        )
        .route("/org", get(org::list))
        .route("/org/impor", get(impor::org_form).post(impor::org_upload))
        .route("/audit", get(audit::list))
        .route("/akun", get(akun::list).post(akun::create))
        .route("/jp", get(jp::page))
        .route("/jp/daftar", get(jp::daftar))
        .route("/jp/buku", get(jp::buku))
        .route("/saya", get(saya::page))
        .route("/saya/catatan", post(saya::catatan))
        .route("/saya/klaim", post(saya::klaim))
        .route("/pengalaman", get(pengalaman::page).post(pengalaman::catat))
        .route("/pengalaman/aturan", post(pengalaman::aturan))
        .route("/pengalaman/{id}/nilai", post(pengalaman::nilai))
        .route("/klaim/{id}/putus", post(pengalaman::putus))
        .route("/lembaga", get(lembaga::list).post(lembaga::create))
        .route(
            "/lembaga/{kode}",
            get(lembaga::detail).post(lembaga::update),
        )
        .route("/lembaga/{kode}/pks", post(lembaga::pks))
        .route(
            "/lembaga/{kode}/pks/{id}",
            get(lembaga_pks::form).post(lembaga_pks::update),
        )
        .route("/lembaga/{kode}/pks/{id}/hapus", post(lembaga_pks::hapus))
        .route("/program", get(program_daftar::list))
        .route("/program/ekspor", get(program_daftar::export))
        .route(
            "/program/baru",
            get(program_form::new_form).post(program_form::create),
        )
        .route("/program/{kode}", get(program::detail))
        .route(
            "/program/{kode}/peserta/ekspor",
            get(program_peserta::export),
        )
        .route(
            "/program/{kode}/ubah",
            get(program_form::edit_form).post(program_form::update),
        )
        .route("/program/{kode}/koreksi-jp", post(program_form::koreksi))
        .route("/program/{kode}/dampak", get(program_dampak::page))
        .route(
            "/program/{kode}/penilai",
            get(program_penilai::list).post(program_penilai::submit),
        )
        .route("/program/{kode}/usul", post(program_aksi::usul))
        .route("/program/{kode}/putus", post(program_aksi::putus))
        .route("/program/{kode}/batal", post(program_aksi::batal))
        .route("/program/{kode}/sesi", post(program_aksi::sesi))
        .route("/program/{kode}/lulus", post(program_aksi::lulus))
        .route("/program/{kode}/atur", post(program_aksi::atur))
        .route("/program/{kode}/lembaga", post(program_aksi::lembaga))
        .route("/program/{kode}/reaksi", post(program_evaluasi::reaksi))
        .route(
            "/program/{kode}/sesi/{sesi}/hadir",
            get(program_kelas::hadir_form).post(program_kelas::hadir_submit),
        )
        .route(
            "/program/{kode}/nilai",
            get(program_kelas::nilai_form).post(program_kelas::nilai_submit),
        )
        .route("/persetujuan", get(persetujuan::list))
        .route(
            "/tindak-lanjut",
            get(tindak_lanjut::list).post(tindak_lanjut::submit),
        )
        .route("/sertifikat/{*nomor}", get(sertifikat::show))
        .route("/dasbor", get(dasbor::page))
        .route("/layanan", get(layanan::page))
        .route("/layanan/waktu.csv", get(layanan::csv))
        .route(
            "/layanan/standar",
            get(layanan_standar::form).post(layanan_standar::submit),
        )
        .route("/skm", get(skm::hasil))
        .route("/skm/respons", get(skm_respons::list))
        .route("/skm/olah.xlsx", get(skm_olah::xlsx))
        .route("/skm/laporan", get(skm_laporan::html))
        .route("/skm/laporan.pdf", get(skm_laporan::pdf))
        .route(
            "/skm/populasi",
            get(skm_populasi::form).post(skm_populasi::submit),
        )
        .route(
            "/skm/definisi",
            get(skm_definisi::form).post(skm_definisi::submit),
        )
        .route("/skm/token", get(skm_token::form).post(skm_token::submit))
        .route("/skm/tautan", get(skm_tautan::page))
        .route("/skm/token/daftar", get(skm_token_daftar::list))
        .route(
            "/skm/token/{hash}/cabut",
            axum::routing::post(skm_token_daftar::cabut),
        )
        .route(
            "/skm/kertas",
            get(skm_kertas::form).post(skm_kertas::submit),
        )
        .route(
            "/skm/respons/{id}/kecualikan",
            axum::routing::post(skm_respons::exclude),
        )
        .route("/survei/{kode}", get(survei::form).post(survei::submit))
        .route("/survei/{kode}/terima-kasih", get(survei::thanks))
        .route("/survei/{kode}/qr.svg", get(survei::qr))
        .route("/survei/{kode}/qr.png", get(survei::qr_png))
        .route("/static/app.css", get(css))
        .layer(axum::extract::DefaultBodyLimit::max(64 * 1024 * 1024))
}

async fn css() -> impl IntoResponse {
    (
        [
            (header::CONTENT_TYPE, "text/css; charset=utf-8"),
            (header::CACHE_CONTROL, "public, max-age=3600"),
        ],
        include_str!("../static/app.css"),
    )
}

/// What the layout needs to draw the navigation.
#[derive(Debug, Clone, Default)]
pub struct Nav {
    /// Logged-in username, empty when anonymous.
    pub username: String,
    /// Role label.
    pub role: String,
    /// CSRF token for the logout form.
    pub csrf: String,
    /// Show the admin links.
    pub admin: bool,
    /// Show registry write links.
    pub write: bool,
    /// The account is an employee's own (role pegawai).
    pub pegawai: bool,
    /// Show the leaders' dashboard (admin, pimpinan).
    pub dasbor: bool,
    /// Active menu.
    pub active: &'static str,
}

impl Nav {
    /// For a logged-in page.
    pub fn of(user: &User, active: &'static str) -> Nav {
        Nav {
            username: user.akun.username.clone(),
            role: user.role.label().to_string(),
            csrf: user.csrf().to_string(),
            admin: user.role == bangkom_core::role::Role::Admin,
            write: user.can_write(),
            pegawai: user.role == bangkom_core::role::Role::Pegawai,
            dasbor: matches!(
                user.role,
                bangkom_core::role::Role::Admin | bangkom_core::role::Role::Pimpinan
            ),
            active,
        }
    }
}

/// Renders an askama template into an HTML response.
pub fn render<T: askama::Template>(t: &T) -> crate::error::Result<axum::response::Html<String>> {
    Ok(axum::response::Html(t.render()?))
}

/// The service units whose counter tools (tokens, paper forms, populations, survey links) `user`
/// may use: the service units of their OPDs (all of them for province-wide roles).
pub(crate) fn unit_layanan<'a>(
    org: &'a bangkom_db::org::OrgIndex,
    user: &User,
) -> Vec<&'a bangkom_db::org::OrgRow> {
    org.all()
        .iter()
        .filter(|o| o.layanan && o.opd_id.is_some_and(|id| user.scope.allows_opd(id)))
        .collect()
}

/// [`unit_layanan`] as `(kode, "kode — name")` options of a select.
pub(crate) fn pilihan_unit_layanan(
    org: &bangkom_db::org::OrgIndex,
    user: &User,
) -> Vec<(String, String)> {
    unit_layanan(org, user)
        .into_iter()
        .map(|o| {
            (
                o.kode.clone(),
                format!("{} — {}", o.kode, org.label(o.org_id)),
            )
        })
        .collect()
}

/// Formats an integer with Indonesian thousands separators (12.345).
pub fn ribuan(n: i64) -> String {
    let s = n.unsigned_abs().to_string();
    let mut out = String::new();
    for (i, c) in s.chars().enumerate() {
        if i > 0 && (s.len() - i).is_multiple_of(3) {
            out.push('.');
        }
        out.push(c);
    }
    if n < 0 { format!("-{out}") } else { out }
}

/// The period presets offered by the report pages: this year and the two before, each as a
/// year, its semesters and its quarters (`2025`, `2025-S1`, `2025-T3`).
pub fn periode_pilihan() -> Vec<(String, String)> {
    let year = survei::today_wib().year();
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
    presets
}

/// The default period of the report pages: last year (the last complete one).
pub fn periode_bawaan() -> String {
    (survei::today_wib().year() - 1).to_string()
}
