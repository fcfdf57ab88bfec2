//! Training institutions as JSON: list, one institution with its agreements, create, update, add
//! an agreement, and link a program to its organiser. Access rules are [`crate::lembaga`]'s.

use axum::Json;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use bangkom_core::lembaga::{LembagaInput, PksInput};
use bangkom_db::lembaga::{LembagaRow, PksRow};
use serde::{Deserialize, Serialize};
use serde_json::{Value, json};

use crate::auth::ApiUser;
use crate::error::{ApiError, AppError};
use crate::lembaga as aksi;
use crate::state::AppState;

/// An institution.
#[derive(Debug, Serialize)]
pub struct LembagaDto {
    kode: String,
    nama: String,
    jenis: String,
    akreditasi: Option<String>,
    akreditasi_sampai: Option<String>,
    kontak_nama: Option<String>,
    kontak_email: Option<String>,
    kontak_telepon: Option<String>,
    alamat: Option<String>,
}

impl From<LembagaRow> for LembagaDto {
    fn from(l: LembagaRow) -> Self {
        LembagaDto {
            kode: l.kode,
            nama: l.nama,
            jenis: l.jenis,
            akreditasi: l.akreditasi,
            akreditasi_sampai: l.akreditasi_sampai.map(|d| d.to_string()),
            kontak_nama: l.kontak_nama,
            kontak_email: l.kontak_email,
            kontak_telepon: l.kontak_telepon,
            alamat: l.alamat,
        }
    }
}

/// A cooperation agreement.
#[derive(Debug, Serialize)]
pub struct PksDto {
    nomor: String,
    mulai: String,
    selesai: String,
    ruang_lingkup: String,
}

impl From<PksRow> for PksDto {
    fn from(k: PksRow) -> Self {
        PksDto {
            nomor: k.nomor,
            mulai: k.mulai.to_string(),
            selesai: k.selesai.to_string(),
            ruang_lingkup: k.ruang_lingkup,
        }
    }
}

/// One institution with its agreements.
#[derive(Debug, Serialize)]
pub struct DetailDto {
    #[serde(flatten)]
    lembaga: LembagaDto,
    perjanjian: Vec<PksDto>,
}

/// `GET /api/v1/lembaga` (admin, pimpinan)
pub async fn list(
    State(st): State<AppState>,
    ApiUser(user): ApiUser,
) -> Result<Json<Vec<LembagaDto>>, ApiError> {
    aksi::require_daftar(&user)?;
    let rows = st.db.lembaga_list().await?;
    Ok(Json(rows.into_iter().map(LembagaDto::from).collect()))
}

/// `GET /api/v1/lembaga/{kode}` (admin, pimpinan, the institution's own staff)
pub async fn detail(
    State(st): State<AppState>,
    ApiUser(user): ApiUser,
    Path(kode): Path<String>,
) -> Result<Json<DetailDto>, ApiError> {
    let l = aksi::lembaga_for(&st, &user, &kode).await?;
    let perjanjian = st.db.pks_list(l.lembaga_id).await?;
    Ok(Json(DetailDto {
        lembaga: l.into(),
        perjanjian: perjanjian.into_iter().map(PksDto::from).collect(),
    }))
}

/// `POST /api/v1/lembaga` (admin): 201.
pub async fn create(
    State(st): State<AppState>,
    ApiUser(user): ApiUser,
    Json(req): Json<LembagaInput>,
) -> Result<(StatusCode, Json<Value>), ApiError> {
    user.require_admin()?;
    let l = req.parse().map_err(AppError::Invalid)?;
    st.db.lembaga_create(&user.actor(), &l).await?;
    Ok((StatusCode::CREATED, Json(json!({ "kode": l.kode }))))
}

/// `PUT /api/v1/lembaga/{kode}` (admin): the code in the path is kept.
pub async fn update(
    State(st): State<AppState>,
    ApiUser(user): ApiUser,
    Path(kode): Path<String>,
    Json(mut req): Json<LembagaInput>,
) -> Result<Json<Value>, ApiError> {
    user.require_admin()?;
    let before = st.db.lembaga_by_kode(&kode).await?;
    req.kode = before.kode;
    let l = req.parse().map_err(AppError::Invalid)?;
    st.db.lembaga_update(&user.actor(), &l).await?;
    Ok(Json(json!({ "kode": l.kode })))
}

/// `POST /api/v1/lembaga/{kode}/pks` (admin): 201.
pub async fn pks(
    State(st): State<AppState>,
    ApiUser(user): ApiUser,
    Path(kode): Path<String>,
    Json(req): Json<PksInput>,
) -> Result<(StatusCode, Json<Value>), ApiError> {
    user.require_admin()?;
    let l = st.db.lembaga_by_kode(&kode).await?;
    let k = req.parse().map_err(AppError::Invalid)?;
    st.db.pks_add(&user.actor(), &l, &k).await?;
    Ok((StatusCode::CREATED, Json(json!({ "nomor": k.nomor }))))
}

/// `PUT /api/v1/lembaga/{kode}/pks/{id}` (admin): replaces number, dates and scope; 409 for a
/// number used by another agreement.
pub async fn pks_update(
    State(st): State<AppState>,
    ApiUser(user): ApiUser,
    Path((kode, id)): Path<(String, i64)>,
    Json(req): Json<PksInput>,
) -> Result<Json<Value>, ApiError> {
    user.require_admin()?;
    let l = st.db.lembaga_by_kode(&kode).await?;
    st.db.pks_by_id(l.lembaga_id, id).await?;
    let k = req.parse().map_err(AppError::Invalid)?;
    st.db.pks_update(&user.actor(), &l, id, &k).await?;
    Ok(Json(json!({ "pks_id": id, "nomor": k.nomor })))
}

/// `DELETE /api/v1/lembaga/{kode}/pks/{id}` (admin): 204, or 409 while programs of the
/// institution fall within the agreement's validity.
pub async fn pks_delete(
    State(st): State<AppState>,
    ApiUser(user): ApiUser,
    Path((kode, id)): Path<(String, i64)>,
) -> Result<StatusCode, ApiError> {
    user.require_admin()?;
    let l = st.db.lembaga_by_kode(&kode).await?;
    st.db.pks_delete(&user.actor(), &l, id).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Program → institution body (`null` or empty unlinks).
#[derive(Debug, Deserialize)]
pub struct ProgramLembagaReq {
    #[serde(default)]
    lembaga: Option<String>,
}

/// `PUT /api/v1/program/{kode}/lembaga` (admin)
pub async fn program(
    State(st): State<AppState>,
    ApiUser(user): ApiUser,
    Path(kode): Path<String>,
    Json(req): Json<ProgramLembagaReq>,
) -> Result<Json<Value>, ApiError> {
    let l = req.lembaga.unwrap_or_default();
    aksi::program_lembaga(&st, &user, &kode, &l).await?;
    Ok(Json(json!({ "program": kode, "lembaga": l.trim() })))
}

/// The OpenAPI paths of this module.
pub fn paths(err: &Value) -> serde_json::Map<String, Value> {
    let kode =
        json!({"name": "kode", "in": "path", "required": true, "schema": {"type": "string"}});
    let id = json!({"name": "id", "in": "path", "required": true, "schema": {"type": "integer"}, "description": "pks_id dari GET /lembaga/{kode}"});
    let s = json!({"type": "string"});
    let d = json!({"type": "string", "format": "date"});
    let lembaga = json!({"required": true, "content": {"application/json": {"schema": {"type": "object", "required": ["nama", "jenis"], "properties": {
        "kode": s, "nama": s, "jenis": {"type": "string", "enum": ["pemerintah", "swasta"]},
        "akreditasi": s, "akreditasi_sampai": d, "kontak_nama": s, "kontak_email": s, "kontak_telepon": s, "alamat": s}}}}});
    let pks = json!({"required": true, "content": {"application/json": {"schema": {"type": "object", "required": ["nomor", "mulai", "selesai", "ruang_lingkup"], "properties": {
        "nomor": s, "mulai": d, "selesai": d, "ruang_lingkup": s}}}}});
    let ok = |t: &str| json!({"description": t});
    let m = json!({
        "/lembaga": {
            "get": {"summary": "Daftar lembaga pelatihan (admin, pimpinan)", "responses": {"200": ok("lembaga"), "403": err}},
            "post": {"summary": "Tambah lembaga pelatihan (admin)", "requestBody": lembaga, "responses": {"201": ok("dibuat"), "403": err, "409": err, "422": err}}
        },
        "/lembaga/{kode}": {
            "get": {"summary": "Satu lembaga dengan perjanjian kerja samanya (admin, pimpinan, staf lembaga itu sendiri)", "parameters": [kode], "responses": {"200": ok("lembaga"), "403": err, "404": err}},
            "put": {"summary": "Ubah lembaga (kode tetap; admin)", "parameters": [kode], "requestBody": lembaga, "responses": {"200": ok("diubah"), "403": err, "404": err, "422": err}}
        },
        "/lembaga/{kode}/pks/{id}": {
            "put": {"summary": "Ubah perjanjian kerja sama: nomor (unik), tanggal berlaku, ruang lingkup (admin; tercatat di audit)", "parameters": [kode, id], "requestBody": pks, "responses": {"200": ok("pks_id, nomor"), "403": err, "404": err, "409": err, "422": err}},
            "delete": {"summary": "Hapus perjanjian kerja sama (admin; tercatat di audit). Ditolak (409) selama ada program lembaga ini dalam masa berlakunya", "parameters": [kode, id], "responses": {"204": ok("dihapus"), "403": err, "404": err, "409": err}}
        },
        "/lembaga/{kode}/pks": {"post": {"summary": "Catat perjanjian kerja sama (nomor unik; admin)", "parameters": [kode], "requestBody": pks, "responses": {"201": ok("dicatat"), "403": err, "404": err, "409": err, "422": err}}},
        "/program/{kode}/lembaga": {"put": {"summary": "Kaitkan program dengan lembaga penyelenggara (null = lepas; admin)", "parameters": [kode], "requestBody": {"required": true, "content": {"application/json": {"schema": {"type": "object", "properties": {"lembaga": {"type": ["string", "null"]}}}}}}, "responses": {"200": ok("dikaitkan"), "403": err, "404": err, "422": err}}}
    });
    match m {
        Value::Object(m) => m,
        _ => serde_json::Map::new(),
    }
}
