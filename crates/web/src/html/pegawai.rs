//! The employee list (search, filters, sort, pagination, export) and the detail page.

use askama::Template;
use axum::extract::{Path, Query, State};
use axum::response::{Html, Response};
use bangkom_core::golongan::Golongan;
use bangkom_core::jabatan::JenisJabatan;
use bangkom_core::pegawai::StatusPegawai;
use bangkom_db::org::OrgIndex;
use bangkom_db::pegawai::{PegawaiFilter, PegawaiRow, Sort};
use serde::{Deserialize, Serialize};

use super::{Nav, render, ribuan};
use crate::auth::User;
use crate::error::Result;
use crate::state::AppState;

/// Query parameters of the list, the export and the API list.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
pub struct ListQuery {
    /// Free text (NIP prefix or name words).
    #[serde(default)]
    pub q: String,
    /// Pemda org id.
    #[serde(default)]
    pub pemda: String,
    /// OPD org id.
    #[serde(default)]
    pub opd: String,
    /// Unit org id.
    #[serde(default)]
    pub unit: String,
    /// Position type code.
    #[serde(default)]
    pub jenis_jabatan: String,
    /// Golongan code.
    #[serde(default)]
    pub golongan: String,
    /// PNS/PPPK.
    #[serde(default)]
    pub jenis_asn: String,
    /// Status code.
    #[serde(default)]
    pub status: String,
    /// Sort key.
    #[serde(default)]
    pub sort: String,
    /// "1" for descending.
    #[serde(default)]
    pub desc: String,
    /// Page (1-based).
    #[serde(default)]
    pub page: Option<u32>,
    /// Page size.
    #[serde(default)]
    pub per_page: Option<u32>,
}

fn id(s: &str) -> Option<i64> {
    s.trim().parse().ok()
}

fn some(s: &str) -> Option<String> {
    let t = s.trim();
    (!t.is_empty()).then(|| t.to_string())
}

impl ListQuery {
    /// The storage filter. The most specific org filter wins (unit, then OPD, then pemda).
    pub fn filter(&self, org: &OrgIndex) -> PegawaiFilter {
        // The most specific org filter wins; OPD and pemda use their own indexed columns.
        let (mut org_ids, mut opd_id, mut pemda_id) = (None, None, None);
        if let Some(u) = id(&self.unit) {
            org_ids = Some(org.subtree(u));
        } else if let Some(o) = id(&self.opd) {
            match org.get(o) {
                Some(r) if r.jenis == "opd" => opd_id = Some(o),
                _ => org_ids = Some(org.subtree(o)),
            }
        } else if let Some(p) = id(&self.pemda) {
            match org.get(p) {
                Some(r) if r.jenis == "pemda" => pemda_id = Some(p),
                _ => org_ids = Some(org.subtree(p)),
            }
        }
        PegawaiFilter {
            q: self.q.clone(),
            org_ids,
            opd_id,
            pemda_id,
            jenis_jabatan: some(&self.jenis_jabatan),
            golongan: some(&self.golongan),
            jenis_asn: some(&self.jenis_asn),
            status: some(&self.status),
            sort: Sort::parse(&self.sort),
            desc: self.desc == "1",
            page: self.page.unwrap_or(1),
            per_page: self.per_page.unwrap_or(50),
        }
    }

    /// Query string for a link to another page or sort order, keeping the filters.
    fn link(&self, page: u32, sort: Option<&str>) -> String {
        let mut q = self.clone();
        q.page = Some(page);
        if let Some(s) = sort {
            q.desc = if q.sort == s && q.desc != "1" {
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
}

/// One row as shown.
pub struct RowView {
    nip: String,
    nama: String,
    golongan: String,
    jabatan: String,
    jenis: String,
    unit: String,
    status: String,
}

impl RowView {
    fn of(r: &PegawaiRow, org: &OrgIndex) -> RowView {
        RowView {
            nip: r.nip.clone(),
            nama: r.nama_lengkap(),
            golongan: r.golongan.clone(),
            jabatan: r.jabatan.clone(),
            jenis: jenis_label(&r.jenis_jabatan),
            unit: org.label(r.unit_id),
            status: r.status.clone(),
        }
    }
}

/// Label of a position type code.
pub fn jenis_label(code: &str) -> String {
    JenisJabatan::parse(code, "").map_or_else(|_| code.to_string(), |j| j.label().to_string())
}

/// An option of a select.
pub struct Opt {
    value: String,
    label: String,
    selected: bool,
}

fn opts(items: impl IntoIterator<Item = (String, String)>, current: &str) -> Vec<Opt> {
    items
        .into_iter()
        .map(|(value, label)| Opt {
            selected: value == current,
            value,
            label,
        })
        .collect()
}

#[derive(Template)]
#[template(path = "pegawai/daftar.html")]
struct Daftar {
    nav: Nav,
    q: ListQuery,
    rows: Vec<RowView>,
    total: String,
    lebih: bool,
    page: u32,
    pages: u32,
    prev: String,
    next: String,
    sort_links: Vec<(String, String, String)>,
    export_qs: String,
    pemda: Vec<Opt>,
    opd: Vec<Opt>,
    jenis: Vec<Opt>,
    golongan: Vec<Opt>,
    status: Vec<Opt>,
    asn: Vec<Opt>,
}

/// `GET /pegawai`
pub async fn list(
    State(st): State<AppState>,
    user: User,
    Query(q): Query<ListQuery>,
) -> Result<Html<String>> {
    let org = st.db.org_index().await?;
    let page = st.db.pegawai_list(&user.scope, &q.filter(&org)).await?;
    let pemda_id = id(&q.pemda);
    let visible_opd =
        |o: &&bangkom_db::org::OrgRow| user.opd_ids.is_empty() || user.opd_ids.contains(&o.org_id);
    let pages = page.pages();
    let mut export = q.clone();
    export.page = None;
    let sort_links = [("nama", "Nama"), ("nip", "NIP"), ("golongan", "Golongan")]
        .iter()
        .map(|(k, l)| {
            let arrow = if Sort::parse(&q.sort).code() == *k {
                if q.desc == "1" { " ▼" } else { " ▲" }
            } else {
                ""
            };
            ((*k).to_string(), format!("{l}{arrow}"), q.link(1, Some(k)))
        })
        .collect();
    render(&Daftar {
        nav: Nav::of(&user, "pegawai"),
        rows: page.items.iter().map(|r| RowView::of(r, &org)).collect(),
        total: ribuan(page.total),
        lebih: page.total_lebih,
        page: page.page,
        pages,
        prev: if page.page > 1 {
            q.link(page.page - 1, None)
        } else {
            String::new()
        },
        next: if page.page < pages {
            q.link(page.page + 1, None)
        } else {
            String::new()
        },
        sort_links,
        export_qs: serde_urlencoded::to_string(&export).unwrap_or_default(),
        pemda: opts(
            org.of_jenis(bangkom_core::org::JenisOrg::Pemda)
                .map(|o| (o.org_id.to_string(), o.nama.clone())),
            &q.pemda,
        ),
        opd: opts(
            org.opds(pemda_id)
                .into_iter()
                .filter(visible_opd)
                .map(|o| (o.org_id.to_string(), o.nama.clone())),
            &q.opd,
        ),
        jenis: opts(
            JenisJabatan::ALL
                .iter()
                .map(|j| (j.code().to_string(), j.label().to_string())),
            &q.jenis_jabatan,
        ),
        golongan: opts(
            Golongan::all_pns()
                .into_iter()
                .chain(Golongan::all_pppk())
                .map(|g| (g.code(), g.code())),
            &q.golongan,
        ),
        status: opts(
            StatusPegawai::ALL
                .iter()
                .map(|s| (s.code().to_string(), s.label().to_string())),
            &q.status,
        ),
        asn: opts(
            [
                ("PNS".to_string(), "PNS".to_string()),
                ("PPPK".to_string(), "PPPK".to_string()),
            ],
            &q.jenis_asn,
        ),
        q,
    })
}

/// The export's columns: the import's, so an export can be edited and imported again.
pub const EXPORT_HEADER: &[&str] = &[
    "nip",
    "nama",
    "gelar_depan",
    "gelar_belakang",
    "jenis_kelamin",
    "tanggal_lahir",
    "jenis_asn",
    "golongan",
    "jenis_jabatan",
    "jabatan",
    "jenjang",
    "unit",
    "status",
    "tmt_jabatan",
    "nama_unit",
    "opd",
];

/// One export row.
pub fn export_row(r: &PegawaiRow, org: &OrgIndex) -> Vec<String> {
    let kode = org
        .get(r.unit_id)
        .map(|o| o.kode.clone())
        .unwrap_or_default();
    let unit = org
        .get(r.unit_id)
        .map(|o| o.nama.clone())
        .unwrap_or_default();
    let opd = org
        .get(r.opd_id)
        .map(|o| o.nama.clone())
        .unwrap_or_default();
    vec![
        r.nip.clone(),
        r.nama.clone(),
        r.gelar_depan.clone().unwrap_or_default(),
        r.gelar_belakang.clone().unwrap_or_default(),
        r.jenis_kelamin.clone(),
        r.tanggal_lahir.to_string(),
        r.jenis_asn.clone(),
        r.golongan.clone(),
        r.jenis_jabatan.clone(),
        r.jabatan.clone(),
        r.jenjang.clone().unwrap_or_default(),
        kode,
        r.status.clone(),
        r.tmt_jabatan.map(|d| d.to_string()).unwrap_or_default(),
        unit,
        opd,
    ]
}

/// Export format.
#[derive(Deserialize)]
pub struct ExportQuery {
    #[serde(default)]
    format: String,
}

/// `GET /pegawai/ekspor?format=csv|xlsx&…filters`
pub async fn export(
    State(st): State<AppState>,
    user: User,
    Query(q): Query<ListQuery>,
    Query(e): Query<ExportQuery>,
) -> Result<Response> {
    let org = st.db.org_index().await?;
    let mut rows = Vec::new();
    st.db
        .pegawai_for_each(&user.scope, &q.filter(&org), |r| {
            rows.push(export_row(r, &org))
        })
        .await?;
    super::unduh::tabel(&e.format, "pegawai", EXPORT_HEADER, rows)
}

struct RiwayatView {
    jabatan: String,
    jenis: String,
    unit: String,
    golongan: String,
    mulai: String,
    selesai: String,
}

#[derive(Template)]
#[template(path = "pegawai/detail.html")]
struct Detail {
    nav: Nav,
    p: PegawaiRow,
    nama: String,
    jenis: String,
    pangkat: String,
    unit: String,
    jk: String,
    riwayat: Vec<RiwayatView>,
    audit: Vec<bangkom_db::audit::AuditRow>,
}

/// `GET /pegawai/{nip}`
pub async fn detail(
    State(st): State<AppState>,
    user: User,
    Path(nip): Path<String>,
) -> Result<Html<String>> {
    let p = st.db.pegawai_by_nip(&user.scope, &nip).await?;
    let org = st.db.org_index().await?;
    let riwayat = st
        .db
        .riwayat_jabatan(p.pegawai_id)
        .await?
        .into_iter()
        .map(|r| RiwayatView {
            jabatan: r.jabatan,
            jenis: jenis_label(&r.jenis_jabatan),
            unit: org.label(r.unit_id),
            golongan: r.golongan,
            mulai: r.mulai.map(|d| d.to_string()).unwrap_or_else(|| "—".into()),
            selesai: r.selesai.to_string(),
        })
        .collect();
    let audit = if user.role == bangkom_core::role::Role::Admin {
        let f = bangkom_db::audit::AuditFilter {
            entitas: Some("pegawai".into()),
            kunci: Some(p.nip.clone()),
            page: 1,
            per_page: 20,
        };
        st.db.audit_list(&f).await?
    } else {
        Vec::new()
    };
    let asn = bangkom_core::pegawai::JenisAsn::parse(&p.jenis_asn)
        .unwrap_or(bangkom_core::pegawai::JenisAsn::Pns);
    render(&Detail {
        nav: Nav::of(&user, "pegawai"),
        nama: p.nama_lengkap(),
        jenis: jenis_label(&p.jenis_jabatan),
        pangkat: Golongan::parse(&p.golongan, asn)
            .ok()
            .and_then(|g| g.pangkat())
            .unwrap_or("")
            .to_string(),
        unit: org
            .path(p.unit_id)
            .iter()
            .map(|o| o.nama.as_str())
            .collect::<Vec<_>>()
            .join(" › "),
        jk: if p.jenis_kelamin == "L" {
            "Laki-laki".into()
        } else {
            "Perempuan".into()
        },
        riwayat,
        audit,
        p,
    })
}
