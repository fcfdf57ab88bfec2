//! One program's page (`/program/{kode}`): sessions, participants with attendance, scores and
//! learning gain, and the forms of the participation workflow (nominate or apply, approve or
//! reject, withdraw, add a session, decide completion). Every participant list is cut to the
//! caller's scope. The workflow forms it posts are `program_aksi`; the catalogue
//! list is `program_daftar`, the create and edit forms `program_form`.

use askama::Template;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use bangkom_core::peserta::{StatusPeserta, peningkatan, rata_peningkatan};
use bangkom_core::role::Role;
use bangkom_db::pegawai::Scope;
use bangkom_db::program::ProgramRow;
use serde::Deserialize;

use super::program_daftar::jalur_nama;
use super::{Nav, render};
use crate::auth::User;
use crate::error::Result;
use crate::peserta::{self as aksi, AturInput, SesiInput};
use crate::peserta_daftar::{Halaman, PesertaQuery, URUT};
use crate::state::AppState;

/// Success messages after a redirect (`?pesan=…`).
pub(super) fn pesan_teks(key: &str) -> &'static str {
    match key {
        "usul" => "Usulan tersimpan; menunggu persetujuan administrator.",
        "tunggu" => {
            "Kuota penuh: usulan masuk daftar tunggu dan naik otomatis bila ada tempat kosong."
        }
        "setuju" => "Peserta disetujui.",
        "tolak" => "Usulan ditolak.",
        "batal" => "Keikutsertaan dibatalkan.",
        "sesi" => "Sesi ditambahkan.",
        "hadir" => "Presensi tersimpan.",
        "nilai" => "Nilai tersimpan.",
        "lulus" => "Kelulusan ditetapkan; JP dan nomor sertifikat diberikan kepada yang lulus.",
        "atur" => "Pengaturan program tersimpan.",
        "lembaga" => "Lembaga penyelenggara tersimpan.",
        "reaksi" => "Terima kasih, kuesioner reaksi tersimpan.",
        "dibuat" => "Program ditambahkan ke katalog.",
        "diubah" => "Perubahan program tersimpan.",
        "koreksi" => "JP program dan JP yang diakui bagi peserta yang selesai telah dikoreksi.",
        _ => "",
    }
}

/// Percent-encodes a path part (keeps `/` so certificate numbers with slashes stay readable).
pub fn url_path(s: &str) -> String {
    let mut out = String::new();
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || b"-._~/".contains(&b) {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

struct SesiView {
    id: i64,
    tanggal: String,
    jam: String,
    tempat: String,
    pengajar: String,
    hadir: String,
}

struct PesertaView {
    nip: String,
    nama: String,
    status: String,
    kode_status: &'static str,
    cara: String,
    hadir: String,
    pre: String,
    post: String,
    gain: String,
    sertifikat: String,
    sertifikat_url: String,
    alasan: String,
    bisa_putus: bool,
    bisa_batal: bool,
}

#[derive(Template)]
#[template(path = "program/detail.html")]
struct DetailPage {
    nav: Nav,
    csrf: String,
    g: ProgramRow,
    jalur: String,
    kuota: String,
    sesi: Vec<SesiView>,
    peserta: Vec<PesertaView>,
    rata: String,
    admin: bool,
    /// Sessions, attendance and scores (admin or the organising institution).
    kelola: bool,
    /// May edit the program (admin or the organising institution).
    boleh_ubah: bool,
    bisa_usul: bool,
    mandiri: bool,
    terdaftar: bool,
    pesan: String,
    galat: Vec<String>,
    nip: String,
    s: SesiInput,
    atur: AturInput,
    /// The organising institution: (code, name).
    lembaga: Option<(String, String)>,
    /// Institutions to choose from (admin).
    lembaga_pilihan: Vec<(String, String)>,
    /// Kirkpatrick level 1 and 3.
    ev: super::program_evaluasi::EvaluasiView,
    /// The participant list's search, filter, sort and pages.
    d: DaftarView,
}

/// The participant list's controls (search, status filter, sort links, pages, export).
struct DaftarView {
    q: PesertaQuery,
    total: usize,
    page: usize,
    pages: usize,
    prev: String,
    next: String,
    sort_links: Vec<(String, String)>,
    export_qs: String,
    status: Vec<(&'static str, &'static str, bool)>,
}

impl DaftarView {
    fn of(q: PesertaQuery, h: &Halaman) -> Self {
        let sort_links = URUT
            .iter()
            .map(|(k, l)| {
                let arrow = match (q.urut() == *k, q.turun()) {
                    (true, true) => " ▼",
                    (true, false) => " ▲",
                    _ => "",
                };
                (format!("{l}{arrow}"), q.link(1, Some(k)))
            })
            .collect();
        let mut export = q.clone();
        export.hal = None;
        DaftarView {
            total: h.total,
            page: h.page,
            pages: h.pages,
            prev: if h.page > 1 {
                q.link(h.page - 1, None)
            } else {
                String::new()
            },
            next: if h.page < h.pages {
                q.link(h.page + 1, None)
            } else {
                String::new()
            },
            sort_links,
            export_qs: serde_urlencoded::to_string(&export).unwrap_or_default(),
            status: StatusPeserta::ALL
                .iter()
                .map(|s| (s.code(), s.label(), q.status() == Some(*s)))
                .collect(),
            q,
        }
    }
}

/// What a re-rendered page keeps of the failed form.
#[derive(Default)]
pub(super) struct Kembali {
    pub(super) pesan: String,
    pub(super) galat: Vec<String>,
    pub(super) nip: String,
    pub(super) sesi: SesiInput,
    pub(super) atur: Option<AturInput>,
    /// A refused reaction questionnaire with its messages.
    pub(super) reaksi: Option<(
        super::program_evaluasi::ReaksiForm,
        bangkom_core::error::ValidationErrors,
    )>,
    /// The participant list's query.
    pub(super) daftar: PesertaQuery,
}

pub(super) async fn detail_page(
    st: &AppState,
    user: &User,
    kode: &str,
    k: Kembali,
    status: StatusCode,
) -> Result<Response> {
    let g = aksi::program_for(st, user, kode).await?;
    let sesi = st.db.sesi_list(g.program_id).await?;
    let list = st
        .db
        .peserta_list(g.program_id, &aksi::peserta_scope(user, &g))
        .await?;
    let n_sesi = sesi.len();
    let admin = user.role == Role::Admin;
    let kelola = aksi::boleh_kelola(user, &g);
    let own = match user.scope {
        Scope::Pegawai(id) => Some(id),
        _ => None,
    };
    let rata = rata_peningkatan(list.iter().map(|r| (r.pre(), r.post())))
        .map_or_else(|| "—".into(), |v| format!("{v:+.1}"));
    let halaman = k.daftar.halaman(list.clone());
    let peserta = halaman
        .items
        .iter()
        .map(|r| {
            let s = r.status();
            PesertaView {
                nip: r.nip.clone(),
                nama: r.nama.clone(),
                status: s.label().to_string(),
                kode_status: s.code(),
                cara: r.cara.clone(),
                hadir: if n_sesi == 0 {
                    "—".into()
                } else {
                    format!("{}/{n_sesi}", r.hadir)
                },
                pre: r.nilai_pre.map(|n| n.to_string()).unwrap_or_default(),
                post: r.nilai_post.map(|n| n.to_string()).unwrap_or_default(),
                gain: peningkatan(r.pre(), r.post())
                    .map(|g| format!("{g:+}"))
                    .unwrap_or_default(),
                sertifikat: r.nomor_sertifikat.clone().unwrap_or_default(),
                sertifikat_url: r
                    .nomor_sertifikat
                    .as_deref()
                    .map(|n| format!("/sertifikat/{}", url_path(n)))
                    .unwrap_or_default(),
                alasan: r.alasan.clone().unwrap_or_default(),
                bisa_putus: admin
                    && matches!(
                        s,
                        StatusPeserta::Diusulkan
                            | StatusPeserta::Menunggu
                            | StatusPeserta::Disetujui
                    ),
                bisa_batal: !matches!(user.role, Role::Pimpinan | Role::Lembaga)
                    && s.dapat_dibatalkan(),
            }
        })
        .collect();
    let sesi = sesi
        .into_iter()
        .map(|x| SesiView {
            id: x.sesi_id,
            tanggal: x.tanggal.to_string(),
            jam: format!("{}–{}", x.jam_mulai, x.jam_selesai),
            tempat: x.tempat.or(x.tautan).unwrap_or_default(),
            pengajar: x.pengajar.unwrap_or_default(),
            hadir: if x.dicatat == 0 {
                "belum dicatat".into()
            } else {
                format!("{} dari {}", x.hadir, x.dicatat)
            },
        })
        .collect();
    let terdaftar = own.is_some_and(|id| {
        list.iter()
            .any(|r| r.pegawai_id == id && r.status().aktif())
    });
    let atur = match k.atur {
        Some(a) => a,
        None => {
            let org = st.db.org_index().await?;
            let opd: Vec<String> = st
                .db
                .program_opd(g.program_id)
                .await?
                .into_iter()
                .filter_map(|id| org.get(id).map(|o| o.kode.clone()))
                .collect();
            AturInput {
                klasikal: if g.klasikal {
                    "1".into()
                } else {
                    String::new()
                },
                kompetensi: g.kompetensi.clone().unwrap_or_default(),
                sasaran_jabatan: g.sasaran_jabatan.clone().unwrap_or_default(),
                opd: opd.join(","),
                min_hadir_persen: g.min_hadir_persen.to_string(),
                min_nilai_post: g.min_nilai_post.to_string(),
            }
        }
    };
    let semua_lembaga = st.db.lembaga_list().await?;
    let lembaga = g.lembaga_id.and_then(|id| {
        semua_lembaga
            .iter()
            .find(|l| l.lembaga_id == id)
            .map(|l| (l.kode.clone(), l.nama.clone()))
    });
    let lembaga_pilihan = if admin {
        semua_lembaga
            .into_iter()
            .map(|l| (l.kode, l.nama))
            .collect()
    } else {
        Vec::new()
    };
    let ev =
        super::program_evaluasi::view(st, user, &g, k.reaksi.as_ref().map(|(f, e)| (f, e))).await?;
    let page = DetailPage {
        d: DaftarView::of(k.daftar, &halaman),
        ev,
        lembaga,
        lembaga_pilihan,
        atur,
        nav: Nav::of(user, "program"),
        csrf: user.csrf().to_string(),
        jalur: jalur_nama(g.jalur),
        kuota: g
            .kuota
            .map_or_else(|| "tidak dibatasi".into(), |k| k.to_string()),
        sesi,
        peserta,
        rata,
        admin,
        kelola,
        boleh_ubah: crate::katalog::boleh_ubah(user, &g),
        bisa_usul: matches!(user.role, Role::Admin | Role::Operator),
        mandiri: own.is_some(),
        terdaftar,
        pesan: k.pesan,
        galat: k.galat,
        nip: k.nip,
        s: k.sesi,
        g,
    };
    Ok((status, render(&page)?).into_response())
}

/// `?pesan=` after a redirect.
#[derive(Debug, Default, Deserialize)]
pub struct PesanQuery {
    #[serde(default)]
    pesan: String,
}

impl PesanQuery {
    /// The message key.
    pub fn pesan(&self) -> &str {
        &self.pesan
    }
}

/// `GET /program/{kode}?cari=&status=&urut=&turun=1&hal=`
pub async fn detail(
    State(st): State<AppState>,
    user: User,
    Path(kode): Path<String>,
    Query(q): Query<PesertaQuery>,
) -> Result<Response> {
    let k = Kembali {
        pesan: pesan_teks(&q.pesan).to_string(),
        daftar: q,
        ..Kembali::default()
    };
    detail_page(&st, &user, &kode, k, StatusCode::OK).await
}
