//! Experiential learning and external claims as JSON (issue 4 §3, §5): `GET /api/v1/pengalaman`
//! and `GET /api/v1/klaim`, each within the caller's scope (an operator's OPDs, an employee's own
//! records, everything for administrators and leaders); `POST /api/v1/pengalaman` (administrators,
//! operators within their OPDs) and `POST /api/v1/klaim` (an employee's own claim), with the same
//! rules and field messages as the forms on `/pengalaman` and `/saya`.

use axum::Json;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use bangkom_core::error::ValidationErrors;
use bangkom_db::pegawai::Scope;
use serde::{Deserialize, Serialize};

use crate::auth::ApiUser;
use crate::error::{ApiError, AppError};
use crate::state::AppState;

/// Query of both lists.
#[derive(Debug, Deserialize)]
pub struct DaftarQuery {
    /// Claims only: `diajukan`, `diverifikasi` or `ditolak`.
    #[serde(default)]
    status: Option<String>,
    /// At most this many (1–1000, default 200), newest first.
    #[serde(default)]
    limit: Option<i64>,
}

fn limit(q: &DaftarQuery) -> Result<i64, AppError> {
    match q.limit {
        None => Ok(200),
        Some(n) if (1..=1000).contains(&n) => Ok(n),
        Some(n) => Err(AppError::Invalid(ValidationErrors::single(
            "limit",
            format!("limit harus 1–1000, ditemukan {n}"),
        ))),
    }
}

/// An experiential activity.
#[derive(Debug, Serialize)]
pub struct PengalamanDto {
    id: i64,
    nip: String,
    nama: String,
    jenis: String,
    judul: String,
    tujuan: Option<String>,
    pembimbing: Option<String>,
    mulai: String,
    selesai: String,
    /// `berjalan` or `dinilai`.
    status: String,
    hasil: Option<String>,
    /// JP credited (after a correction, the corrected value).
    jp_diakui: Option<i64>,
    /// SIASN jalur id credited.
    jalur: Option<i64>,
}

/// A claim.
#[derive(Debug, Serialize)]
pub struct KlaimDto {
    id: i64,
    nip: String,
    nama: String,
    judul: String,
    penyelenggara: String,
    jalur: i64,
    mulai: String,
    selesai: String,
    jp_klaim: i64,
    /// JP credited once verified.
    jp_diakui: Option<i64>,
    /// `diajukan`, `diverifikasi` or `ditolak`.
    status: String,
    /// Reason of a rejection.
    alasan: Option<String>,
}

fn dto(x: bangkom_db::pengalaman::PengalamanRow) -> PengalamanDto {
    PengalamanDto {
        id: x.pengalaman_id,
        nip: x.nip,
        nama: x.nama,
        jenis: x.jenis,
        judul: x.judul,
        tujuan: x.tujuan,
        pembimbing: x.pembimbing_nama,
        mulai: x.mulai.to_string(),
        selesai: x.selesai.to_string(),
        status: x.status,
        hasil: x.hasil,
        jp_diakui: x.jp_diakui,
        jalur: x.jalur,
    }
}

/// `POST /api/v1/pengalaman` (administrators; operators for employees of their OPDs): records an
/// activity (`nip`, `jenis`, `judul`, `tujuan`, `unit_tujuan`, `ke_jabatan`, `pembimbing_nip`,
/// `pembimbing_nama`, `mulai`, `selesai`); 201 with it, 422 with field messages.
pub async fn pengalaman_catat(
    State(st): State<AppState>,
    ApiUser(user): ApiUser,
    b: Result<Json<serde_json::Value>, axum::extract::rejection::JsonRejection>,
) -> Result<(StatusCode, Json<PengalamanDto>), ApiError> {
    user.require_write()?;
    let Json(v) =
        b.map_err(|e| AppError::BadRequest(format!("JSON tidak valid: {}", e.body_text())))?;
    let form = crate::html::pengalaman::KegiatanForm::from_json(&v);
    let n = crate::html::pengalaman::kegiatan_baru(&st, &user, &form).await?;
    let id = st.db.pengalaman_add(&user.actor(), &n).await?;
    Ok((
        StatusCode::CREATED,
        Json(dto(st.db.pengalaman_by_id(id).await?)),
    ))
}

/// `GET /api/v1/pengalaman[?limit=N]`: activities in the caller's scope, newest first.
pub async fn pengalaman(
    State(st): State<AppState>,
    ApiUser(user): ApiUser,
    Query(q): Query<DaftarQuery>,
) -> Result<Json<Vec<PengalamanDto>>, ApiError> {
    let n = limit(&q)?;
    let rows = st.db.pengalaman_list(&user.scope, n).await?;
    Ok(Json(rows.into_iter().map(dto).collect()))
}

/// `GET /api/v1/klaim[?status=…&limit=N]`: claims in the caller's scope, pending first.
pub async fn klaim(
    State(st): State<AppState>,
    ApiUser(user): ApiUser,
    Query(q): Query<DaftarQuery>,
) -> Result<Json<Vec<KlaimDto>>, ApiError> {
    let n = limit(&q)?;
    let status = q.status.as_deref().map(str::trim).filter(|s| !s.is_empty());
    if let Some(s) = status
        && !["diajukan", "diverifikasi", "ditolak"].contains(&s)
    {
        return Err(AppError::Invalid(ValidationErrors::single(
            "status",
            "status harus diajukan, diverifikasi atau ditolak",
        ))
        .into());
    }
    let rows = st.db.klaim_list(&user.scope, status, n).await?;
    Ok(Json(
        rows.into_iter()
            .map(|k| KlaimDto {
                id: k.klaim_id,
                nip: k.nip,
                nama: k.nama,
                judul: k.judul,
                penyelenggara: k.penyelenggara,
                jalur: k.jalur,
                mulai: k.mulai.to_string(),
                selesai: k.selesai.to_string(),
                jp_klaim: k.jp_klaim,
                jp_diakui: k.jp_diakui,
                status: k.status,
                alasan: k.alasan,
            })
            .collect(),
    ))
}

/// `POST /api/v1/klaim` (employees only): submits a claim of the caller's own learning; 201 with
/// the claim, 422 with field messages (`judul`, `penyelenggara`, `jalur`, `mulai`, `selesai`,
/// `jp`, `bukti`, `tautan`).
pub async fn klaim_ajukan(
    State(st): State<AppState>,
    ApiUser(user): ApiUser,
    b: Result<Json<serde_json::Value>, axum::extract::rejection::JsonRejection>,
) -> Result<(StatusCode, Json<KlaimDto>), ApiError> {
    let Scope::Pegawai(pegawai_id) = user.scope else {
        return Err(AppError::Forbidden.into());
    };
    let Json(v) =
        b.map_err(|e| AppError::BadRequest(format!("JSON tidak valid: {}", e.body_text())))?;
    let form = crate::html::saya::KlaimForm::from_json(&v);
    let k = crate::html::saya::klaim_baru(pegawai_id, &form).map_err(AppError::Invalid)?;
    let today = crate::html::survei::today_wib();
    let id = st.db.klaim_add(&user.actor(), &k, today).await?;
    let k = st.db.klaim_by_id(id).await?;
    Ok((
        StatusCode::CREATED,
        Json(KlaimDto {
            id: k.klaim_id,
            nip: k.nip,
            nama: k.nama,
            judul: k.judul,
            penyelenggara: k.penyelenggara,
            jalur: k.jalur,
            mulai: k.mulai.to_string(),
            selesai: k.selesai.to_string(),
            jp_klaim: k.jp_klaim,
            jp_diakui: k.jp_diakui,
            status: k.status,
            alasan: k.alasan,
        }),
    ))
}

/// The OpenAPI entries of these paths.
pub fn paths(err: &serde_json::Value) -> serde_json::Map<String, serde_json::Value> {
    let limit = serde_json::json!({"name": "limit", "in": "query", "required": false, "schema": {"type": "integer", "minimum": 1, "maximum": 1000, "default": 200}});
    let mut m = serde_json::Map::new();
    m.insert("/pengalaman".into(), serde_json::json!({"get": {
        "summary": "Pembelajaran berbasis pengalaman (rotasi, penugasan khusus, detasering, magang, coaching, mentoring) dalam cakupan pemanggil, terbaru dahulu; pegawai melihat miliknya sendiri",
        "parameters": [limit],
        "responses": {"200": {"description": "daftar kegiatan: id, nip, nama, jenis, judul, tujuan, pembimbing, mulai, selesai, status, hasil, jp_diakui, jalur"}, "401": err, "422": err}},
        "post": {
        "summary": "Catat kegiatan (admin; operator untuk pegawai OPD-nya); rotasi memindahkan jabatan dan tidak boleh tumpang tindih",
        "requestBody": {"required": true, "content": {"application/json": {"schema": {"type": "object",
            "required": ["nip", "jenis", "judul", "mulai", "selesai"],
            "properties": {"nip": {"type": "string"},
                "jenis": {"type": "string", "enum": ["rotasi", "penugasan_khusus", "detasering", "magang", "coaching", "mentoring"]},
                "judul": {"type": "string"}, "tujuan": {"type": "string"},
                "unit_tujuan": {"type": "string", "description": "kode unit tujuan/penempatan (wajib untuk rotasi)"},
                "ke_jabatan": {"type": "string", "description": "rotasi: jabatan baru"},
                "pembimbing_nip": {"type": "string"}, "pembimbing_nama": {"type": "string"},
                "mulai": {"type": "string", "format": "date"}, "selesai": {"type": "string", "format": "date"}}}}}},
        "responses": {"201": {"description": "kegiatan tersimpan (status berjalan)"}, "400": err, "401": err, "403": err, "422": err}}}));
    m.insert("/klaim".into(), serde_json::json!({"get": {
        "summary": "Klaim pembelajaran eksternal dalam cakupan pemanggil, yang menunggu keputusan dahulu; pegawai melihat miliknya sendiri",
        "parameters": [
            {"name": "status", "in": "query", "required": false, "schema": {"type": "string", "enum": ["diajukan", "diverifikasi", "ditolak"]}},
            limit
        ],
        "responses": {"200": {"description": "daftar klaim: id, nip, nama, judul, penyelenggara, jalur, mulai, selesai, jp_klaim, jp_diakui, status, alasan"}, "401": err, "422": err}},
        "post": {
        "summary": "Pegawai mengajukan klaim pembelajaran miliknya sendiri (hanya klaim terverifikasi yang menambah JP)",
        "requestBody": {"required": true, "content": {"application/json": {"schema": {"type": "object",
            "required": ["judul", "penyelenggara", "jalur", "mulai", "selesai", "jp", "bukti"],
            "properties": {"judul": {"type": "string"}, "penyelenggara": {"type": "string"},
                "jalur": {"type": "integer", "minimum": 1, "maximum": 25, "description": "jenis diklat SIASN"},
                "mulai": {"type": "string", "format": "date"}, "selesai": {"type": "string", "format": "date"},
                "jp": {"type": "integer", "minimum": 1, "maximum": 1000}, "bukti": {"type": "string"},
                "tautan": {"type": "string", "format": "uri"}}}}}},
        "responses": {"201": {"description": "klaim tersimpan (status diajukan)"}, "400": err, "401": err, "403": err, "422": err}}}));
    m
}
