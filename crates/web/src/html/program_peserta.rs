//! The CSV/XLSX export of a program's participants (`/program/{kode}/peserta/ekspor`): the rows
//! the caller sees on the program page with the same search, status filter and sort, all pages.

use axum::extract::{Path, Query, State};
use axum::response::Response;
use bangkom_core::peserta::peningkatan;
use bangkom_db::program::PesertaRow;

use super::program_daftar::ExportQuery;
use crate::auth::User;
use crate::error::Result;
use crate::peserta as aksi;
use crate::peserta_daftar::PesertaQuery;
use crate::state::AppState;

/// The export's columns.
pub const EXPORT_HEADER: &[&str] = &[
    "nip",
    "nama",
    "status",
    "cara",
    "hadir",
    "nilai_pre",
    "nilai_post",
    "peningkatan",
    "jp_diakui",
    "nomor_sertifikat",
    "alasan",
];

fn export_row(r: &PesertaRow) -> Vec<String> {
    let opt = |n: Option<i64>| n.map(|n| n.to_string()).unwrap_or_default();
    vec![
        r.nip.clone(),
        r.nama.clone(),
        r.status.clone(),
        r.cara.clone(),
        r.hadir.to_string(),
        opt(r.nilai_pre),
        opt(r.nilai_post),
        peningkatan(r.pre(), r.post())
            .map(|g| g.to_string())
            .unwrap_or_default(),
        r.jp_diakui.to_string(),
        r.nomor_sertifikat.clone().unwrap_or_default(),
        r.alasan.clone().unwrap_or_default(),
    ]
}

/// `GET /program/{kode}/peserta/ekspor?format=csv|xlsx&cari=&status=&urut=&turun=`
pub async fn export(
    State(st): State<AppState>,
    user: User,
    Path(kode): Path<String>,
    Query(q): Query<PesertaQuery>,
    Query(e): Query<ExportQuery>,
) -> Result<Response> {
    let g = aksi::program_for(&st, &user, &kode).await?;
    let list = st
        .db
        .peserta_list(g.program_id, &aksi::peserta_scope(&user, &g))
        .await?;
    let rows = q.saring(list).iter().map(export_row).collect();
    let nama = format!(
        "peserta-{}",
        g.kode
            .replace(|c: char| !c.is_ascii_alphanumeric() && c != '-', "_")
    );
    super::unduh::tabel(&e.format, &nama, EXPORT_HEADER, rows)
}
