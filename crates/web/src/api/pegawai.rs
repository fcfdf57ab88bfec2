//! `/api/v1/pegawai`: list (same filters as the page), detail, create, update, history.

use axum::Json;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use bangkom_db::org::OrgIndex;
use bangkom_db::pegawai::PegawaiRow;
use serde::Serialize;

use crate::auth::ApiUser;
use crate::error::{ApiError, AppError};
use crate::html::{ListQuery, PegawaiForm, validate_pegawai};
use crate::state::AppState;

/// An employee in the API.
#[derive(Serialize)]
pub struct PegawaiDto {
    nip: String,
    nama: String,
    gelar_depan: Option<String>,
    gelar_belakang: Option<String>,
    jenis_kelamin: String,
    tanggal_lahir: String,
    jenis_asn: String,
    golongan: String,
    jenis_jabatan: String,
    jabatan: String,
    jenjang: Option<String>,
    unit: String,
    unit_nama: String,
    opd: String,
    status: String,
    tmt_jabatan: Option<String>,
}

impl PegawaiDto {
    fn of(r: &PegawaiRow, org: &OrgIndex) -> PegawaiDto {
        PegawaiDto {
            nip: r.nip.clone(),
            nama: r.nama.clone(),
            gelar_depan: r.gelar_depan.clone(),
            gelar_belakang: r.gelar_belakang.clone(),
            jenis_kelamin: r.jenis_kelamin.clone(),
            tanggal_lahir: r.tanggal_lahir.to_string(),
            jenis_asn: r.jenis_asn.clone(),
            golongan: r.golongan.clone(),
            jenis_jabatan: r.jenis_jabatan.clone(),
            jabatan: r.jabatan.clone(),
            jenjang: r.jenjang.clone(),
            unit: org
                .get(r.unit_id)
                .map(|o| o.kode.clone())
                .unwrap_or_default(),
            unit_nama: org
                .get(r.unit_id)
                .map(|o| o.nama.clone())
                .unwrap_or_default(),
            opd: org
                .get(r.opd_id)
                .map(|o| o.kode.clone())
                .unwrap_or_default(),
            status: r.status.clone(),
            tmt_jabatan: r.tmt_jabatan.map(|d| d.to_string()),
        }
    }
}

/// A page of employees.
#[derive(Serialize)]
pub struct PageDto {
    items: Vec<PegawaiDto>,
    total: i64,
    total_lebih: bool,
    page: u32,
    per_page: u32,
}

/// `GET /api/v1/pegawai`
pub async fn list(
    State(st): State<AppState>,
    ApiUser(user): ApiUser,
    Query(q): Query<ListQuery>,
) -> Result<Json<PageDto>, ApiError> {
    let org = st.db.org_index().await?;
    let page = st.db.pegawai_list(&user.scope, &q.filter(&org)).await?;
    Ok(Json(PageDto {
        items: page.items.iter().map(|r| PegawaiDto::of(r, &org)).collect(),
        total: page.total,
        total_lebih: page.total_lebih,
        page: page.page,
        per_page: page.per_page,
    }))
}

/// `GET /api/v1/pegawai/{nip}`
pub async fn get(
    State(st): State<AppState>,
    ApiUser(user): ApiUser,
    Path(nip): Path<String>,
) -> Result<Json<PegawaiDto>, ApiError> {
    let r = st.db.pegawai_by_nip(&user.scope, &nip).await?;
    let org = st.db.org_index().await?;
    Ok(Json(PegawaiDto::of(&r, &org)))
}

/// A history entry.
#[derive(Serialize)]
pub struct RiwayatDto {
    jenis_jabatan: String,
    jabatan: String,
    jenjang: Option<String>,
    golongan: String,
    unit: String,
    mulai: Option<String>,
    selesai: String,
}

/// `GET /api/v1/pegawai/{nip}/riwayat`
pub async fn riwayat(
    State(st): State<AppState>,
    ApiUser(user): ApiUser,
    Path(nip): Path<String>,
) -> Result<Json<Vec<RiwayatDto>>, ApiError> {
    let r = st.db.pegawai_by_nip(&user.scope, &nip).await?;
    let org = st.db.org_index().await?;
    let items = st
        .db
        .riwayat_jabatan(r.pegawai_id)
        .await?
        .into_iter()
        .map(|h| RiwayatDto {
            jenis_jabatan: h.jenis_jabatan,
            jabatan: h.jabatan,
            jenjang: h.jenjang,
            golongan: h.golongan,
            unit: org
                .get(h.unit_id)
                .map(|o| o.kode.clone())
                .unwrap_or_default(),
            mulai: h.mulai.map(|d| d.to_string()),
            selesai: h.selesai.to_string(),
        })
        .collect();
    Ok(Json(items))
}

fn body(
    b: Result<Json<serde_json::Value>, axum::extract::rejection::JsonRejection>,
) -> Result<PegawaiForm, ApiError> {
    let Json(v) =
        b.map_err(|e| AppError::BadRequest(format!("JSON tidak valid: {}", e.body_text())))?;
    let text = |k: &str| super::teks(&v, k);
    Ok(PegawaiForm {
        csrf: String::new(),
        nip: text("nip"),
        nama: text("nama"),
        gelar_depan: text("gelar_depan"),
        gelar_belakang: text("gelar_belakang"),
        jenis_kelamin: text("jenis_kelamin"),
        tanggal_lahir: text("tanggal_lahir"),
        jenis_asn: text("jenis_asn"),
        golongan: text("golongan"),
        jenis_jabatan: text("jenis_jabatan"),
        jabatan: text("jabatan"),
        jenjang: text("jenjang"),
        unit: text("unit"),
        status: text("status"),
        tmt_jabatan: text("tmt_jabatan"),
    })
}

/// `POST /api/v1/pegawai` → 201 with the record; 422 with field messages; 409 if the NIP exists.
pub async fn create(
    State(st): State<AppState>,
    ApiUser(user): ApiUser,
    b: Result<Json<serde_json::Value>, axum::extract::rejection::JsonRejection>,
) -> Result<(StatusCode, Json<PegawaiDto>), ApiError> {
    user.require_write()?;
    let f = body(b)?;
    let v = validate_pegawai(&st, &f.input()).await?;
    let saved = st
        .db
        .pegawai_save(&user.actor(), &user.scope, &v, None)
        .await;
    let id = match saved {
        Ok(o) => o.id(),
        Err(bangkom_db::DbError::Invalid(e)) if e.0.iter().any(|f| f.field == "nip") => {
            return Err(ApiError(AppError::Conflict(e.to_string())));
        }
        Err(e) => return Err(e.into()),
    };
    let r = st.db.pegawai_by_id(&user.scope, id).await?;
    let org = st.db.org_index().await?;
    Ok((StatusCode::CREATED, Json(PegawaiDto::of(&r, &org))))
}

/// `PUT /api/v1/pegawai/{nip}`: replaces the record (the NIP stays).
pub async fn update(
    State(st): State<AppState>,
    ApiUser(user): ApiUser,
    Path(nip): Path<String>,
    b: Result<Json<serde_json::Value>, axum::extract::rejection::JsonRejection>,
) -> Result<Json<PegawaiDto>, ApiError> {
    user.require_write()?;
    let old = st.db.pegawai_by_nip(&user.scope, &nip).await?;
    let mut f = body(b)?;
    f.nip = old.nip.clone();
    let v = validate_pegawai(&st, &f.input()).await?;
    st.db
        .pegawai_save(&user.actor(), &user.scope, &v, Some(old.pegawai_id))
        .await?;
    let r = st.db.pegawai_by_id(&user.scope, old.pegawai_id).await?;
    let org = st.db.org_index().await?;
    Ok(Json(PegawaiDto::of(&r, &org)))
}
