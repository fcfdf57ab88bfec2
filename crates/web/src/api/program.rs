//! The participation workflow as JSON: one program with its sessions and (scoped)
//! participants, nomination or self-application, decisions, withdrawal, sessions, attendance,
//! scores, completion, and the public certificate check. The role and scope checks are those of
//! [`crate::peserta`], shared with the pages.

use axum::Json;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use bangkom_core::peserta::{peningkatan, rata_peningkatan};
use bangkom_db::program::{Langkah, ProgramRow};
use serde::{Deserialize, Serialize};

use crate::auth::ApiUser;
use crate::error::ApiError;
use crate::peserta::{self as aksi, NilaiInput, SesiInput};
use crate::state::AppState;

/// A program.
#[derive(Debug, Serialize)]
pub struct ProgramDto {
    kode: String,
    nama: String,
    jalur: String,
    klasikal: bool,
    penyelenggara: String,
    jp: i64,
    biaya: i64,
    kuota: Option<i64>,
    mulai: String,
    selesai: String,
    kompetensi: Option<String>,
    sasaran_jabatan: Vec<String>,
    min_hadir_persen: i64,
    min_nilai_post: i64,
    /// Code of the organising institution, if linked.
    lembaga: Option<String>,
}

impl ProgramDto {
    /// The DTO with the organiser's code looked up in `lembaga` (id → code).
    pub(super) fn of(g: &ProgramRow, lembaga: &std::collections::HashMap<i64, String>) -> Self {
        let mut d = ProgramDto::from(g);
        d.lembaga = g.lembaga_id.and_then(|id| lembaga.get(&id).cloned());
        d
    }
}

/// Institution id → code.
pub(super) async fn kode_lembaga(
    st: &AppState,
) -> Result<std::collections::HashMap<i64, String>, ApiError> {
    Ok(st
        .db
        .lembaga_list()
        .await
        .map_err(crate::error::AppError::from)?
        .into_iter()
        .map(|l| (l.lembaga_id, l.kode))
        .collect())
}

impl From<&ProgramRow> for ProgramDto {
    fn from(g: &ProgramRow) -> Self {
        ProgramDto {
            kode: g.kode.clone(),
            nama: g.nama.clone(),
            jalur: format!("jd{:02}", g.jalur),
            klasikal: g.klasikal,
            penyelenggara: g.penyelenggara.clone(),
            jp: g.jp,
            biaya: g.biaya,
            kuota: g.kuota,
            mulai: g.mulai.to_string(),
            selesai: g.selesai.to_string(),
            kompetensi: g.kompetensi.clone(),
            sasaran_jabatan: g.sasaran().iter().map(|s| (*s).to_string()).collect(),
            min_hadir_persen: g.min_hadir_persen,
            min_nilai_post: g.min_nilai_post,
            lembaga: None,
        }
    }
}

/// A session.
#[derive(Debug, Serialize)]
pub struct SesiDto {
    sesi_id: i64,
    tanggal: String,
    jam_mulai: String,
    jam_selesai: String,
    tempat: Option<String>,
    tautan: Option<String>,
    pengajar: Option<String>,
    hadir: i64,
}

/// A participant.
#[derive(Debug, Serialize)]
pub struct PesertaDto {
    nip: String,
    nama: String,
    status: String,
    cara: String,
    antrian: Option<i64>,
    alasan: Option<String>,
    hadir: i64,
    nilai_pre: Option<i64>,
    nilai_post: Option<i64>,
    peningkatan: Option<i32>,
    jp_diakui: i64,
    nomor_sertifikat: Option<String>,
}

impl PesertaDto {
    /// The JSON shape of a participant row.
    pub(super) fn of(r: bangkom_db::program::PesertaRow) -> Self {
        PesertaDto {
            peningkatan: peningkatan(r.pre(), r.post()),
            nip: r.nip,
            nama: r.nama,
            status: r.status,
            cara: r.cara,
            antrian: r.antrian,
            alasan: r.alasan,
            hadir: r.hadir,
            nilai_pre: r.nilai_pre,
            nilai_post: r.nilai_post,
            jp_diakui: r.jp_diakui,
            nomor_sertifikat: r.nomor_sertifikat,
        }
    }
}

/// One program with its sessions and the participants the caller may see.
#[derive(Debug, Serialize)]
pub struct DetailDto {
    program: ProgramDto,
    sesi: Vec<SesiDto>,
    peserta: Vec<PesertaDto>,
    rata_peningkatan: Option<f64>,
}

/// `GET /api/v1/program/{kode}`
pub async fn detail(
    State(st): State<AppState>,
    ApiUser(user): ApiUser,
    Path(kode): Path<String>,
) -> Result<Json<DetailDto>, ApiError> {
    let g = aksi::program_for(&st, &user, &kode).await?;
    let sesi = st.db.sesi_list(g.program_id).await?;
    let peserta = st
        .db
        .peserta_list(g.program_id, &aksi::peserta_scope(&user, &g))
        .await?;
    let lembaga = kode_lembaga(&st).await?;
    Ok(Json(DetailDto {
        rata_peningkatan: rata_peningkatan(peserta.iter().map(|r| (r.pre(), r.post()))),
        sesi: sesi
            .into_iter()
            .map(|x| SesiDto {
                sesi_id: x.sesi_id,
                tanggal: x.tanggal.to_string(),
                jam_mulai: x.jam_mulai,
                jam_selesai: x.jam_selesai,
                tempat: x.tempat,
                tautan: x.tautan,
                pengajar: x.pengajar,
                hadir: x.hadir,
            })
            .collect(),
        peserta: peserta.into_iter().map(PesertaDto::of).collect(),
        program: ProgramDto::of(&g, &lembaga),
    }))
}

/// The result of a workflow step.
#[derive(Debug, Serialize)]
pub struct LangkahDto {
    nip: String,
    status: String,
    /// NIPs moved up from the waitlist by this step.
    naik: Vec<String>,
}

fn langkah(nip: String, l: Langkah) -> LangkahDto {
    LangkahDto {
        nip,
        status: l.status.code().to_string(),
        naik: l.naik,
    }
}

/// Nomination body (`nip` is ignored for an employee's own application).
#[derive(Debug, Default, Deserialize)]
pub struct UsulReq {
    #[serde(default)]
    nip: String,
}

/// `POST /api/v1/program/{kode}/peserta`: 201 with `status` `diusulkan`, or `menunggu` beyond
/// the quota (the waitlist is not an error).
pub async fn usul(
    State(st): State<AppState>,
    ApiUser(user): ApiUser,
    Path(kode): Path<String>,
    Json(req): Json<UsulReq>,
) -> Result<(StatusCode, Json<LangkahDto>), ApiError> {
    let (p, l) = aksi::usul(&st, &user, &kode, &req.nip).await?;
    Ok((StatusCode::CREATED, Json(langkah(p.nip, l))))
}

/// Decision body.
#[derive(Debug, Deserialize)]
pub struct PutusReq {
    setuju: bool,
    #[serde(default)]
    alasan: Option<String>,
}

/// `POST /api/v1/program/{kode}/peserta/{nip}/keputusan` (admin)
pub async fn putus(
    State(st): State<AppState>,
    ApiUser(user): ApiUser,
    Path((kode, nip)): Path<(String, String)>,
    Json(req): Json<PutusReq>,
) -> Result<Json<LangkahDto>, ApiError> {
    let l = aksi::putus(&st, &user, &kode, &nip, req.setuju, req.alasan.as_deref()).await?;
    Ok(Json(langkah(nip, l)))
}

/// Withdrawal body.
#[derive(Debug, Default, Deserialize)]
pub struct BatalReq {
    #[serde(default)]
    alasan: Option<String>,
}

/// `POST /api/v1/program/{kode}/peserta/{nip}/batal`
pub async fn batal(
    State(st): State<AppState>,
    ApiUser(user): ApiUser,
    Path((kode, nip)): Path<(String, String)>,
    Json(req): Json<BatalReq>,
) -> Result<Json<LangkahDto>, ApiError> {
    let l = aksi::batal(&st, &user, &kode, &nip, req.alasan.as_deref()).await?;
    Ok(Json(langkah(nip, l)))
}

/// `POST /api/v1/program/{kode}/sesi` (admin): 201 with the new `sesi_id`.
pub async fn sesi(
    State(st): State<AppState>,
    ApiUser(user): ApiUser,
    Path(kode): Path<String>,
    Json(req): Json<SesiInput>,
) -> Result<(StatusCode, Json<serde_json::Value>), ApiError> {
    let id = aksi::sesi_tambah(&st, &user, &kode, &req).await?;
    Ok((
        StatusCode::CREATED,
        Json(serde_json::json!({ "sesi_id": id })),
    ))
}

/// Attendance body: the NIPs present; every other approved participant is absent.
#[derive(Debug, Deserialize)]
pub struct HadirReq {
    hadir: Vec<String>,
}

/// `PUT /api/v1/program/{kode}/sesi/{sesi}/hadir` (admin)
pub async fn hadir(
    State(st): State<AppState>,
    ApiUser(user): ApiUser,
    Path((kode, sesi_id)): Path<(String, i64)>,
    Json(req): Json<HadirReq>,
) -> Result<Json<serde_json::Value>, ApiError> {
    let (h, t) = aksi::hadir(&st, &user, &kode, sesi_id, &req.hadir).await?;
    Ok(Json(serde_json::json!({ "hadir": h, "tidak_hadir": t })))
}

/// One participant's scores.
#[derive(Debug, Deserialize)]
pub struct NilaiItem {
    nip: String,
    #[serde(default)]
    pre: Option<i64>,
    #[serde(default)]
    post: Option<i64>,
}

/// Scores body.
#[derive(Debug, Deserialize)]
pub struct NilaiReq {
    nilai: Vec<NilaiItem>,
}

/// `PUT /api/v1/program/{kode}/nilai` (admin): scores 0..=100; a score outside is a 422 on
/// `pre.NIP` / `post.NIP`.
pub async fn nilai(
    State(st): State<AppState>,
    ApiUser(user): ApiUser,
    Path(kode): Path<String>,
    Json(req): Json<NilaiReq>,
) -> Result<Json<serde_json::Value>, ApiError> {
    let rows: Vec<NilaiInput> = req
        .nilai
        .into_iter()
        .map(|n| NilaiInput {
            nip: n.nip,
            pre: n.pre,
            post: n.post,
        })
        .collect();
    let n = aksi::nilai(&st, &user, &kode, &rows).await?;
    Ok(Json(serde_json::json!({ "disimpan": n })))
}

/// `POST /api/v1/program/{kode}/kelulusan` (admin)
pub async fn kelulusan(
    State(st): State<AppState>,
    ApiUser(user): ApiUser,
    Path(kode): Path<String>,
) -> Result<Json<serde_json::Value>, ApiError> {
    let h = aksi::lulus(&st, &user, &kode).await?;
    Ok(Json(serde_json::json!({
        "selesai": h.selesai.iter().map(|(nip, nomor)| serde_json::json!({"nip": nip, "nomor_sertifikat": nomor})).collect::<Vec<_>>(),
        "tidak_selesai": h.tidak_selesai.iter().map(|(nip, alasan)| serde_json::json!({"nip": nip, "alasan": alasan})).collect::<Vec<_>>(),
    })))
}

/// A certificate as the public check shows it.
#[derive(Debug, Serialize)]
pub struct SertifikatDto {
    nomor: String,
    nama: String,
    program: String,
    penyelenggara: String,
    mulai: String,
    selesai: String,
    jp: i64,
    sah: bool,
}

/// `GET /api/v1/sertifikat/{nomor}` (public; a number with `/` is sent as `%2F`)
pub async fn sertifikat(
    State(st): State<AppState>,
    Path(nomor): Path<String>,
) -> Result<Json<SertifikatDto>, ApiError> {
    let s = st.db.sertifikat(&nomor).await?;
    Ok(Json(SertifikatDto {
        nama: s.nama_lengkap(),
        sah: s.status == "selesai",
        nomor: s.nomor,
        program: s.program,
        penyelenggara: s.penyelenggara,
        mulai: s.mulai.to_string(),
        selesai: s.selesai.to_string(),
        jp: s.jp_diakui,
    }))
}
