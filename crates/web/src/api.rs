//! The JSON API under `/api/v1`: the registry for integrations (bearer API tokens) and for the
//! browser (cookie session + `X-CSRF-Token`). Errors are `{"error": …, "fields": {…}}` with 4xx.
//! JSON shapes are the DTOs here, never the storage rows themselves.

pub mod dampak;
pub mod evaluasi;
pub mod jp;
pub mod jp_buku;
pub mod layanan;
pub mod lembaga;
pub mod openapi;
mod pegawai;
pub mod pengalaman;
pub mod program;
pub mod program_dampak;
pub mod program_katalog;
pub mod program_peserta;
pub mod skm;
pub mod skm_kirim;

use axum::extract::{Query, State};
use axum::routing::{get, post};
use axum::{Json, Router};
use serde::{Deserialize, Serialize};

use crate::auth::{self, ApiUser};
use crate::error::ApiError;
use crate::state::AppState;

/// The API routes (mounted at `/api/v1`).
pub fn router() -> Router<AppState> {
    Router::new()
        .route("/openapi.json", get(openapi::document))
        .route("/pegawai", get(pegawai::list).post(pegawai::create))
        .route("/pegawai/{nip}", get(pegawai::get).put(pegawai::update))
        .route("/pegawai/{nip}/riwayat", get(pegawai::riwayat))
        .route("/org", get(org_list))
        .route("/audit", get(audit_list))
        .route("/token", post(token_create))
        .route("/skm/ikm", get(skm::ikm))
        .route("/skm/responses", post(skm_kirim::post))
        .route("/skm/token", post(skm_kirim::token))
        .route("/jp", get(jp::jp))
        .route("/jp/buku", get(jp::buku))
        .route(
            "/pengalaman",
            get(pengalaman::pengalaman).post(pengalaman::pengalaman_catat),
        )
        .route(
            "/klaim",
            get(pengalaman::klaim).post(pengalaman::klaim_ajukan),
        )
        .route("/layanan/waktu", get(layanan::waktu))
        .route(
            "/layanan/transaksi",
            post(layanan::transaksi::post).layer(axum::extract::DefaultBodyLimit::max(16 << 20)),
        )
        .route("/siasn/kursus", get(jp::siasn))
        .route("/lembaga", get(lembaga::list).post(lembaga::create))
        .route("/lembaga/{kode}", get(lembaga::detail).put(lembaga::update))
        .route("/lembaga/{kode}/pks", post(lembaga::pks))
        .route(
            "/lembaga/{kode}/pks/{id}",
            axum::routing::put(lembaga::pks_update).delete(lembaga::pks_delete),
        )
        .route(
            "/program/{kode}/lembaga",
            axum::routing::put(lembaga::program),
        )
        .route("/program/{kode}/evaluasi", get(evaluasi::hasil))
        .route("/program/{kode}/reaksi", post(evaluasi::reaksi))
        .route("/tindak-lanjut", get(evaluasi::jatuh_tempo))
        .route(
            "/program/{kode}/peserta/{nip}/tindak-lanjut",
            post(evaluasi::tindak_lanjut),
        )
        .route(
            "/program/{kode}/peserta/{nip}/penilai",
            axum::routing::put(evaluasi::penilai),
        )
        .route(
            "/program/{kode}/penilai",
            axum::routing::put(evaluasi::penilai_program),
        )
        .route(
            "/program",
            get(program_katalog::list).post(program_katalog::create),
        )
        .route(
            "/program/{kode}",
            get(program::detail).put(program_katalog::update),
        )
        .route(
            "/program/{kode}/koreksi-jp",
            post(program_katalog::koreksi_jp),
        )
        .route("/program/{kode}/dampak", get(program_dampak::get))
        .route(
            "/program/{kode}/peserta",
            get(program_peserta::list).post(program::usul),
        )
        .route(
            "/program/{kode}/peserta/{nip}/keputusan",
            post(program::putus),
        )
        .route("/program/{kode}/peserta/{nip}/batal", post(program::batal))
        .route("/program/{kode}/sesi", post(program::sesi))
        .route(
            "/program/{kode}/sesi/{sesi}/hadir",
            axum::routing::put(program::hadir),
        )
        .route("/program/{kode}/nilai", axum::routing::put(program::nilai))
        .route("/program/{kode}/kelulusan", post(program::kelulusan))
        .route("/sertifikat/{nomor}", get(program::sertifikat))
        .fallback(|| async { ApiError(crate::error::AppError::NotFound) })
}

/// One organisation node.
#[derive(Serialize)]
pub struct OrgDto {
    kode: String,
    nama: String,
    jenis: String,
    induk: Option<String>,
    layanan: bool,
}

/// `GET /api/v1/org`: the whole tree (operators: their OPDs' part).
async fn org_list(
    State(st): State<AppState>,
    ApiUser(user): ApiUser,
) -> Result<Json<Vec<OrgDto>>, ApiError> {
    let org = st.db.org_index().await?;
    let items = org
        .all()
        .iter()
        .filter(|o| user.opd_ids.is_empty() || o.opd_id.is_some_and(|i| user.opd_ids.contains(&i)))
        .map(|o| OrgDto {
            kode: o.kode.clone(),
            nama: o.nama.clone(),
            jenis: o.jenis.clone(),
            induk: o.induk_id.and_then(|i| org.get(i)).map(|p| p.kode.clone()),
            layanan: o.layanan,
        })
        .collect();
    Ok(Json(items))
}

/// Audit query.
#[derive(Deserialize)]
struct AuditQuery {
    #[serde(default)]
    entitas: String,
    #[serde(default)]
    kunci: String,
    #[serde(default)]
    page: Option<u32>,
}

/// `GET /api/v1/audit` (admin).
async fn audit_list(
    State(st): State<AppState>,
    ApiUser(user): ApiUser,
    Query(q): Query<AuditQuery>,
) -> Result<Json<Vec<bangkom_db::audit::AuditRow>>, ApiError> {
    user.require_admin()?;
    Ok(Json(
        st.db
            .audit_list(&crate::html::audit_filter(&q.entitas, &q.kunci, q.page))
            .await?,
    ))
}

/// Token request.
#[derive(Deserialize)]
struct TokenReq {
    nama: String,
}

/// The new token, shown once.
#[derive(Serialize)]
struct TokenDto {
    token: String,
    nama: String,
}

/// `POST /api/v1/token`: a new API token for the caller's own account (shown once; stored hashed).
async fn token_create(
    State(st): State<AppState>,
    ApiUser(user): ApiUser,
    Json(req): Json<TokenReq>,
) -> Result<(axum::http::StatusCode, Json<TokenDto>), ApiError> {
    let nama = req.nama.trim();
    if nama.is_empty() || nama.len() > 100 {
        return Err(ApiError(crate::error::AppError::Invalid(
            bangkom_core::error::ValidationErrors::single(
                "nama",
                "nama token wajib diisi (maks. 100 karakter)",
            ),
        )));
    }
    let token = auth::random_token();
    st.db
        .token_create(
            &user.actor(),
            &auth::token_hash(&token),
            user.akun.akun_id,
            nama,
        )
        .await?;
    Ok((
        axum::http::StatusCode::CREATED,
        Json(TokenDto {
            token,
            nama: nama.to_string(),
        }),
    ))
}

/// A JSON body's field `k` as the text an HTML form would send: a string as is, a number written
/// out (`"jp": 4` reads as `"4"`), anything else (absent, null, objects) empty, so that the form's
/// own validation gives the field message. Shared by the JSON endpoints that reuse a form.
pub(crate) fn teks(v: &serde_json::Value, k: &str) -> String {
    match v.get(k) {
        Some(serde_json::Value::String(s)) => s.clone(),
        Some(serde_json::Value::Number(n)) => n.to_string(),
        _ => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::teks;

    #[test]
    fn a_field_reads_as_the_text_a_form_would_send() {
        let v = serde_json::json!({"a": " x ", "jp": 4, "nilai": 2.5, "n": null, "o": {"p": 1}});
        assert_eq!(teks(&v, "a"), " x ");
        assert_eq!(teks(&v, "jp"), "4");
        assert_eq!(teks(&v, "nilai"), "2.5");
        assert_eq!(teks(&v, "n"), "");
        assert_eq!(teks(&v, "o"), "");
        assert_eq!(teks(&v, "absent"), "");
    }
}
