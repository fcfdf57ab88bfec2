//! Web upload of the employee and organisation imports: the same pipeline as the CLI
//! (`bangkom_db::import`), with its row/column/reason report shown on the page.

use askama::Template;
use axum::extract::{Multipart, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use bangkom_db::import::{ImportError, ImportOptions, ImportReport, RowError};
use bangkom_io::TableReader;

use super::{Nav, render};
use crate::auth::User;
use crate::error::{AppError, Result};
use crate::state::AppState;

#[derive(Template)]
#[template(path = "impor.html")]
struct ImporPage {
    nav: Nav,
    csrf: String,
    judul: &'static str,
    action: &'static str,
    kolom: &'static str,
    report: Option<ImportReport>,
    errors: Vec<RowError>,
    lebih: usize,
    file_error: String,
}

const PEGAWAI_KOLOM: &str = "nip, nama, jenis_kelamin, tanggal_lahir, jenis_asn, golongan, jenis_jabatan, jabatan, unit (wajib); status, jenjang, eselon, tmt_jabatan, gelar_depan, gelar_belakang (opsional)";
const ORG_KOLOM: &str = "kode, nama, jenis (pemda/opd/unit), induk; layanan (opsional: ya/tidak)";

fn page(user: &User, org: bool) -> ImporPage {
    ImporPage {
        nav: Nav::of(user, if org { "org" } else { "pegawai" }),
        csrf: user.csrf().to_string(),
        judul: if org {
            "Impor struktur organisasi"
        } else {
            "Impor pegawai"
        },
        action: if org { "/org/impor" } else { "/pegawai/impor" },
        kolom: if org { ORG_KOLOM } else { PEGAWAI_KOLOM },
        report: None,
        errors: Vec::new(),
        lebih: 0,
        file_error: String::new(),
    }
}

/// `GET /pegawai/impor`
pub async fn pegawai_form(user: User) -> Result<Response> {
    user.require_write()?;
    Ok(render(&page(&user, false))?.into_response())
}

/// `GET /org/impor`
pub async fn org_form(user: User) -> Result<Response> {
    user.require_admin()?;
    Ok(render(&page(&user, true))?.into_response())
}

struct Upload {
    csrf: String,
    name: String,
    bytes: Vec<u8>,
    opts: ImportOptions,
}

async fn read_upload(mut mp: Multipart) -> Result<Upload> {
    let mut up = Upload {
        csrf: String::new(),
        name: String::new(),
        bytes: Vec::new(),
        opts: ImportOptions::default(),
    };
    while let Some(field) = mp
        .next_field()
        .await
        .map_err(|e| AppError::BadRequest(format!("unggahan rusak: {e}")))?
    {
        match field.name().unwrap_or("") {
            "csrf" => up.csrf = field.text().await.unwrap_or_default(),
            "mode" => match field.text().await.unwrap_or_default().as_str() {
                "dry_run" => up.opts.dry_run = true,
                "skip_invalid" => up.opts.skip_invalid = true,
                _ => {}
            },
            "berkas" => {
                up.name = field.file_name().unwrap_or("berkas").to_string();
                up.bytes = field
                    .bytes()
                    .await
                    .map_err(|_| {
                        AppError::BadRequest(
                            "berkas terlalu besar (maksimum 64 MB) atau terputus".into(),
                        )
                    })?
                    .to_vec();
            }
            _ => {}
        }
    }
    Ok(up)
}

async fn run(st: AppState, user: User, mp: Multipart, org: bool) -> Result<Response> {
    let up = read_upload(mp).await?;
    user.check_csrf(&up.csrf)?;
    let mut p = page(&user, org);
    if up.bytes.is_empty() {
        p.file_error = "Pilih berkas CSV atau XLSX terlebih dahulu.".into();
        return Ok((StatusCode::UNPROCESSABLE_ENTITY, render(&p)?).into_response());
    }
    let result = match TableReader::from_bytes(&up.name, up.bytes) {
        Err(e) => Err(ImportError::Read(e)),
        Ok(reader) if org => {
            bangkom_db::import::import_org(&st.db, &user.actor(), reader, up.opts, |_, _, _| {})
                .await
        }
        Ok(reader) => {
            bangkom_db::import::import_pegawai(
                &st.db,
                &user.actor(),
                &user.scope,
                reader,
                up.opts,
                |_, _, _| {},
            )
            .await
        }
    };
    let status = match result {
        Ok(r) => {
            let status = if r.errors.is_empty() {
                StatusCode::OK
            } else {
                StatusCode::UNPROCESSABLE_ENTITY
            };
            p.lebih = r.errors.len().saturating_sub(500);
            p.errors = r.errors.iter().take(500).cloned().collect();
            p.report = Some(r);
            status
        }
        Err(ImportError::Read(e)) => {
            p.file_error = e.to_string();
            StatusCode::UNPROCESSABLE_ENTITY
        }
        Err(ImportError::Db(e)) => return Err(e.into()),
    };
    Ok((status, render(&p)?).into_response())
}

/// `POST /pegawai/impor`
pub async fn pegawai_upload(
    State(st): State<AppState>,
    user: User,
    mp: Multipart,
) -> Result<Response> {
    user.require_write()?;
    run(st, user, mp, false).await
}

/// `POST /org/impor`
pub async fn org_upload(State(st): State<AppState>, user: User, mp: Multipart) -> Result<Response> {
    user.require_admin()?;
    run(st, user, mp, true).await
}
