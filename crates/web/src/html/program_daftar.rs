//! The program catalogue page (`/program`): search by code or name, filters (year, jalur,
//! classical or not, institution, status), sort by column, pages, and the CSV/XLSX export of the
//! filtered list (`/program/ekspor`), with the same helpers as the employee list. An institution's
//! staff see only their own programs.

use askama::Template;
use axum::extract::{Query, State};
use axum::response::{IntoResponse, Response};
use bangkom_core::jp::Jalur;
use bangkom_core::program::StatusProgram;
use bangkom_core::role::Role;
use bangkom_db::program::{ProgramRingkas, UrutProgram};

use super::{Nav, render, ribuan};
use crate::auth::User;
use crate::error::Result;
use crate::katalog::{self, KatalogQuery};
use crate::state::AppState;

/// The SIASN name of a jalur id.
pub(super) fn jalur_nama(id: i64) -> String {
    u8::try_from(id)
        .ok()
        .and_then(|j| Jalur::from_id(j).ok())
        .map_or_else(String::new, |j| j.nama().to_string())
}

struct Baris {
    kode: String,
    url: String,
    nama: String,
    jalur: String,
    klasikal: bool,
    tanggal: String,
    status: &'static str,
    jp: i64,
    biaya: String,
    kuota: String,
    diusulkan: i64,
    menunggu: i64,
    disetujui: i64,
    selesai: i64,
    sesi: i64,
}

impl Baris {
    fn of(r: ProgramRingkas, hari_ini: time::Date) -> Self {
        let g = r.program;
        Baris {
            url: format!("/program/{}", super::program::url_path(&g.kode)),
            jalur: jalur_nama(g.jalur),
            tanggal: format!("{} s.d. {}", g.mulai, g.selesai),
            status: StatusProgram::pada(g.mulai, g.selesai, hari_ini).label(),
            biaya: ribuan(g.biaya),
            kuota: g.kuota.map_or_else(|| "—".into(), |k| k.to_string()),
            kode: g.kode,
            nama: g.nama,
            klasikal: g.klasikal,
            jp: g.jp,
            diusulkan: r.diusulkan,
            menunggu: r.menunggu,
            disetujui: r.disetujui,
            selesai: r.selesai,
            sesi: r.sesi,
        }
    }
}

/// An option of a select.
struct Opt {
    value: String,
    label: String,
    selected: bool,
}

fn opts(items: impl IntoIterator<Item = (String, String)>, current: &str) -> Vec<Opt> {
    items
        .into_iter()
        .map(|(value, label)| Opt {
            selected: value == current.trim(),
            value,
            label,
        })
        .collect()
}

/// Query string of a link to another page or sort order, keeping the filters.
fn link(q: &KatalogQuery, page: u32, sort: Option<&str>) -> String {
    let mut q = q.clone();
    q.page = Some(page);
    if let Some(s) = sort {
        q.desc = if UrutProgram::parse(&q.sort).code() == s && q.desc != "1" {
            "1".into()
        } else {
            String::new()
        };
        q.sort = s.to_string();
        q.page = Some(1);
    }
    q.per_page = None;
    serde_urlencoded::to_string(&q).unwrap_or_default()
}

#[derive(Template)]
#[template(path = "program/daftar.html")]
struct DaftarPage {
    nav: Nav,
    q: KatalogQuery,
    baris: Vec<Baris>,
    admin: bool,
    boleh_buat: bool,
    total: String,
    page: u32,
    pages: u32,
    prev: String,
    next: String,
    sort_links: Vec<(String, String)>,
    export_qs: String,
    tahun: Vec<Opt>,
    jalur: Vec<Opt>,
    lembaga: Vec<Opt>,
    status: Vec<Opt>,
}

/// `GET /program`
pub async fn list(
    State(st): State<AppState>,
    user: User,
    Query(q): Query<KatalogQuery>,
) -> Result<Response> {
    let f = q.filter(&st, &user).await?;
    let hari_ini = f.hari_ini.unwrap_or_else(super::survei::today_wib);
    let page = st.db.program_cari(&f).await?;
    let pages = page.pages();
    let sort_links = [
        ("kode", "Program"),
        ("jalur", "Jalur"),
        ("mulai", "Tanggal"),
        ("jp", "JP"),
        ("biaya", "Biaya/peserta"),
    ]
    .iter()
    .map(|(k, l)| {
        let arrow = if f.urut.code() == *k {
            if f.desc { " ▼" } else { " ▲" }
        } else {
            ""
        };
        (format!("{l}{arrow}"), link(&q, 1, Some(k)))
    })
    .collect();
    let mut export = q.clone();
    export.page = None;
    export.per_page = None;
    let tahun_ini = hari_ini.year();
    let lembaga = if user.role == Role::Lembaga {
        Vec::new()
    } else {
        opts(
            st.db
                .lembaga_list()
                .await?
                .into_iter()
                .map(|l| (l.kode, l.nama)),
            &q.lembaga,
        )
    };
    let page_view = DaftarPage {
        nav: Nav::of(&user, "program"),
        admin: user.role == Role::Admin,
        boleh_buat: katalog::boleh_buat(&user),
        total: ribuan(page.total),
        page: page.page,
        pages,
        prev: if page.page > 1 {
            link(&q, page.page - 1, None)
        } else {
            String::new()
        },
        next: if page.page < pages {
            link(&q, page.page + 1, None)
        } else {
            String::new()
        },
        baris: page
            .items
            .into_iter()
            .map(|r| Baris::of(r, hari_ini))
            .collect(),
        sort_links,
        export_qs: serde_urlencoded::to_string(&export).unwrap_or_default(),
        tahun: opts(
            ((tahun_ini - 5)..=(tahun_ini + 1))
                .rev()
                .map(|t| (t.to_string(), t.to_string())),
            &q.tahun,
        ),
        jalur: opts(
            Jalur::all().map(|j| (j.id().to_string(), format!("{} — {}", j.code(), j.nama()))),
            &q.jalur,
        ),
        lembaga,
        status: opts(
            StatusProgram::ALL
                .iter()
                .map(|s| (s.code().to_string(), s.label().to_string())),
            &q.status,
        ),
        q,
    };
    Ok(render(&page_view)?.into_response())
}

/// The export's columns.
pub const EXPORT_HEADER: &[&str] = &[
    "kode",
    "nama",
    "jalur",
    "jalur_nama",
    "bentuk",
    "penyelenggara",
    "jp",
    "biaya",
    "kuota",
    "mulai",
    "selesai",
    "kompetensi",
    "sasaran_jabatan",
    "sesi",
    "diusulkan",
    "menunggu",
    "disetujui",
    "selesai_peserta",
];

fn export_row(r: &ProgramRingkas) -> Vec<String> {
    let g = &r.program;
    vec![
        g.kode.clone(),
        g.nama.clone(),
        format!("jd{:02}", g.jalur),
        jalur_nama(g.jalur),
        if g.klasikal {
            "klasikal"
        } else {
            "nonklasikal"
        }
        .into(),
        g.penyelenggara.clone(),
        g.jp.to_string(),
        g.biaya.to_string(),
        g.kuota.map(|k| k.to_string()).unwrap_or_default(),
        g.mulai.to_string(),
        g.selesai.to_string(),
        g.kompetensi.clone().unwrap_or_default(),
        g.sasaran_jabatan.clone().unwrap_or_default(),
        r.sesi.to_string(),
        r.diusulkan.to_string(),
        r.menunggu.to_string(),
        r.disetujui.to_string(),
        r.selesai.to_string(),
    ]
}

/// Export format.
#[derive(serde::Deserialize)]
pub struct ExportQuery {
    #[serde(default)]
    pub(super) format: String,
}

/// `GET /program/ekspor?format=csv|xlsx&…filters`
pub async fn export(
    State(st): State<AppState>,
    user: User,
    Query(q): Query<KatalogQuery>,
    Query(e): Query<ExportQuery>,
) -> Result<Response> {
    let f = q.filter(&st, &user).await?;
    let rows: Vec<Vec<String>> = st
        .db
        .program_cari_semua(&f)
        .await?
        .iter()
        .map(export_row)
        .collect();
    super::unduh::tabel(&e.format, "program", EXPORT_HEADER, rows)
}
