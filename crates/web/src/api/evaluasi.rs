//! Post-training evaluation as JSON: a program's level-1 and level-3 results, the participant's
//! reaction questionnaire, the level-3 assessments due, and recording one. Access rules are
//! [`crate::evaluasi`]'s.

use axum::Json;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use bangkom_core::evaluasi::{PERILAKU, REAKSI};
use bangkom_db::evaluasi::{RekapPerilaku, RekapReaksi, TindakLanjutJatuhTempo};
use serde::{Deserialize, Serialize};
use serde_json::{Value, json};

use crate::auth::ApiUser;
use crate::error::ApiError;
use crate::evaluasi::{self as aksi, TindakLanjutInput};
use crate::peserta::program_for;
use crate::state::AppState;

/// A program's evaluation results.
#[derive(Debug, Serialize)]
pub struct EvaluasiDto {
    butir_reaksi: &'static [&'static str],
    reaksi: RekapReaksi,
    butir_perilaku: &'static [&'static str],
    perilaku: Vec<RekapPerilaku>,
}

/// `GET /api/v1/program/{kode}/evaluasi`
pub async fn hasil(
    State(st): State<AppState>,
    ApiUser(user): ApiUser,
    Path(kode): Path<String>,
) -> Result<Json<EvaluasiDto>, ApiError> {
    let g = program_for(&st, &user, &kode).await?;
    let today = crate::html::survei::today_wib();
    Ok(Json(EvaluasiDto {
        butir_reaksi: &REAKSI,
        reaksi: st.db.reaksi_rekap(g.program_id).await?,
        butir_perilaku: &PERILAKU,
        perilaku: st.db.tindak_lanjut_rekap(g.program_id, today).await?,
    }))
}

/// Answers as numbers.
#[derive(Debug, Deserialize)]
pub struct ReaksiReq {
    #[serde(default)]
    jawaban: Vec<Option<i64>>,
    #[serde(default)]
    komentar: String,
}

fn teks(v: Option<&Option<i64>>) -> String {
    v.copied()
        .flatten()
        .map(|n| n.to_string())
        .unwrap_or_default()
}

/// `POST /api/v1/program/{kode}/reaksi` (the participant): 201.
pub async fn reaksi(
    State(st): State<AppState>,
    ApiUser(user): ApiUser,
    Path(kode): Path<String>,
    Json(req): Json<ReaksiReq>,
) -> Result<(StatusCode, Json<Value>), ApiError> {
    let raw: [String; 5] = std::array::from_fn(|i| teks(req.jawaban.get(i)));
    aksi::reaksi(&st, &user, &kode, &raw, &req.komentar).await?;
    Ok((StatusCode::CREATED, Json(json!({ "program": kode }))))
}

/// `GET /api/v1/tindak-lanjut`: the caller's own assessments as named assessor; admin and
/// operators also every one in their scope.
pub async fn jatuh_tempo(
    State(st): State<AppState>,
    ApiUser(user): ApiUser,
) -> Result<Json<Vec<TindakLanjutJatuhTempo>>, ApiError> {
    let today = crate::html::survei::today_wib();
    Ok(Json(aksi::jatuh_tempo(&st, &user, today).await?))
}

/// Assessor body: an account's username (`null` or empty clears, per participant only).
#[derive(Debug, Deserialize)]
pub struct PenilaiReq {
    #[serde(default)]
    akun: Option<String>,
}

/// `PUT /api/v1/program/{kode}/peserta/{nip}/penilai` (admin, operator: their OPDs)
pub async fn penilai(
    State(st): State<AppState>,
    ApiUser(user): ApiUser,
    Path((kode, nip)): Path<(String, String)>,
    Json(req): Json<PenilaiReq>,
) -> Result<Json<Value>, ApiError> {
    let akun = req.akun.unwrap_or_default();
    crate::penilai::atur(&st, &user, &kode, &nip, &akun).await?;
    Ok(Json(
        json!({ "program": kode, "nip": nip, "akun": akun.trim() }),
    ))
}

/// `PUT /api/v1/program/{kode}/penilai` (admin, operator: their OPDs): every completed
/// participant still without an assessor.
pub async fn penilai_program(
    State(st): State<AppState>,
    ApiUser(user): ApiUser,
    Path(kode): Path<String>,
    Json(req): Json<PenilaiReq>,
) -> Result<Json<Value>, ApiError> {
    let akun = req.akun.unwrap_or_default();
    let n = crate::penilai::atur_program(&st, &user, &kode, &akun).await?;
    Ok(Json(
        json!({ "program": kode, "akun": akun.trim(), "ditetapkan": n }),
    ))
}

/// One level-3 assessment.
#[derive(Debug, Deserialize)]
pub struct TindakLanjutReq {
    #[serde(default)]
    bulan: Option<i64>,
    #[serde(default)]
    jawaban: Vec<Option<i64>>,
    #[serde(default)]
    penilai: String,
    #[serde(default)]
    catatan: String,
}

/// `POST /api/v1/program/{kode}/peserta/{nip}/tindak-lanjut` (the named assessor or admin;
/// without one, admin or operator): 201.
pub async fn tindak_lanjut(
    State(st): State<AppState>,
    ApiUser(user): ApiUser,
    Path((kode, nip)): Path<(String, String)>,
    Json(req): Json<TindakLanjutReq>,
) -> Result<(StatusCode, Json<Value>), ApiError> {
    let f = TindakLanjutInput {
        bulan: req.bulan.map(|b| b.to_string()).unwrap_or_default(),
        b1: teks(req.jawaban.first()),
        b2: teks(req.jawaban.get(1)),
        b3: teks(req.jawaban.get(2)),
        b4: teks(req.jawaban.get(3)),
        penilai: req.penilai,
        catatan: req.catatan,
    };
    aksi::tindak_lanjut(&st, &user, &kode, &nip, &f).await?;
    Ok((
        StatusCode::CREATED,
        Json(json!({ "program": kode, "nip": nip, "bulan": f.bulan })),
    ))
}

/// The OpenAPI paths of this module.
pub fn paths(err: &Value) -> serde_json::Map<String, Value> {
    let kode =
        json!({"name": "kode", "in": "path", "required": true, "schema": {"type": "string"}});
    let nip = json!({"name": "nip", "in": "path", "required": true, "schema": {"type": "string"}});
    let ok = |t: &str| json!({"description": t});
    let skor = |max: u8, n: u8| json!({"type": "array", "minItems": n, "maxItems": n, "items": {"type": "integer", "minimum": 1, "maximum": max}});
    let m = json!({
        "/program/{kode}/evaluasi": {"get": {"summary": "Hasil evaluasi: reaksi (level 1: jumlah, rata-rata per butir) dan tindak lanjut perilaku (level 3: per tahap 3/6 bulan, jatuh tempo, dinilai, rata-rata)", "parameters": [kode], "responses": {"200": ok("hasil"), "404": err}}},
        "/program/{kode}/reaksi": {"post": {"summary": "Kuesioner reaksi oleh peserta sendiri (5 butir, 1–5); hanya bila hadir minimal satu sesi, sekali", "parameters": [kode], "requestBody": {"required": true, "content": {"application/json": {"schema": {"type": "object", "required": ["jawaban"], "properties": {"jawaban": skor(5, 5), "komentar": {"type": "string"}}}}}}, "responses": {"201": ok("tersimpan"), "403": err, "404": err, "409": err, "422": err}}},
        "/tindak-lanjut": {"get": {"summary": "Tindak lanjut perilaku yang jatuh tempo dan belum dinilai: yang penilainya akun pemanggil; admin juga semua, operator juga OPD-nya (penilai_akun_id, penilai per baris)", "responses": {"200": ok("daftar")}}},
        "/program/{kode}/peserta/{nip}/penilai": {"put": {"summary": "Tetapkan akun penilai tindak lanjut (biasanya atasan) bagi peserta yang lulus; akun null/kosong = hapus penetapan (admin; operator: pegawai OPD-nya). Ditolak: akun tak dikenal, tidak aktif, akun lembaga, akun peserta sendiri", "parameters": [kode, nip], "requestBody": {"required": true, "content": {"application/json": {"schema": {"type": "object", "properties": {"akun": {"type": ["string", "null"], "description": "nama pengguna"}}}}}}, "responses": {"200": ok("ditetapkan"), "403": err, "404": err, "422": err}}},
        "/program/{kode}/penilai": {"put": {"summary": "Tetapkan satu akun penilai bagi semua peserta lulus program (dalam cakupan pemanggil) yang belum memiliki penilai (admin, operator)", "parameters": [kode], "requestBody": {"required": true, "content": {"application/json": {"schema": {"type": "object", "required": ["akun"], "properties": {"akun": {"type": "string"}}}}}}, "responses": {"200": ok("ditetapkan: jumlah peserta"), "403": err, "404": err, "422": err}}},
        "/program/{kode}/peserta/{nip}/tindak-lanjut": {"post": {"summary": "Penilaian atasan 3 atau 6 bulan setelah lulus (4 butir, 1–4): oleh akun penilai yang ditetapkan (atau admin), nama penilai diambil dari akunnya; tanpa penilai ditetapkan, dicatat admin atau operator OPD pegawai dengan nama atasan (penilai wajib)", "parameters": [kode, nip], "requestBody": {"required": true, "content": {"application/json": {"schema": {"type": "object", "required": ["bulan", "jawaban"], "properties": {"bulan": {"type": "integer", "enum": [3, 6]}, "jawaban": skor(4, 4), "penilai": {"type": "string"}, "catatan": {"type": "string"}}}}}}, "responses": {"201": ok("tersimpan"), "403": err, "404": err, "409": err, "422": err}}}
    });
    match m {
        Value::Object(m) => m,
        _ => serde_json::Map::new(),
    }
}
