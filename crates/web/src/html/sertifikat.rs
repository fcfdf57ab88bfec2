//! Public certificate verification (`/sertifikat/{nomor}`, no login) and the certificate document
//! (`/sertifikat/{nomor}.pdf`) whose QR code opens that page. Only what a verifier needs is shown:
//! name, program, organiser, dates, JP and status — no NIP (it encodes the birth date, UU 27/2022,
//! REFERENCE §8) and no other personal data.

use askama::Template;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, header};
use axum::response::{IntoResponse, Response};
use bangkom_core::jp::Jalur;
use bangkom_db::program::SertifikatRow;

use super::program::url_path;
use super::{Nav, render};
use crate::error::{AppError, Result};
use crate::state::AppState;

#[derive(Template)]
#[template(path = "sertifikat.html")]
struct SertifikatPage {
    nav: Nav,
    s: SertifikatRow,
    nama: String,
    jalur: String,
    sah: bool,
    qr: String,
    pdf: String,
}

fn jalur_nama(id: i64) -> String {
    u8::try_from(id)
        .ok()
        .and_then(|j| Jalur::from_id(j).ok())
        .map_or_else(String::new, |j| j.nama().to_string())
}

/// `GET /sertifikat/{*nomor}`: the verification page, or the PDF when the address ends in `.pdf`.
pub async fn show(
    State(st): State<AppState>,
    Path(nomor): Path<String>,
    headers: HeaderMap,
) -> Result<Response> {
    if let Some(n) = nomor.strip_suffix(".pdf") {
        return dokumen(&st, n, &headers).await;
    }
    let s = st.db.sertifikat(&nomor).await?;
    let url = format!(
        "{}/sertifikat/{}",
        super::qr::base_url(&st, &headers),
        url_path(&nomor)
    );
    let page = SertifikatPage {
        nav: Nav::default(),
        nama: s.nama_lengkap(),
        jalur: jalur_nama(s.jalur),
        sah: s.status == "selesai",
        qr: super::qr::svg(&url, 160)?,
        pdf: format!("/sertifikat/{}.pdf", url_path(&nomor)),
        s,
    };
    Ok(render(&page)?.into_response())
}

/// The certificate as a one-page PDF.
async fn dokumen(st: &AppState, nomor: &str, headers: &HeaderMap) -> Result<Response> {
    let s = st.db.sertifikat(nomor).await?;
    if s.status != "selesai" {
        return Err(AppError::NotFound);
    }
    let url = format!(
        "{}/sertifikat/{}",
        super::qr::base_url(st, headers),
        url_path(nomor)
    );
    let code = super::qr::code(&url)?;
    let mut h = super::pdf::Halaman::new();
    h.bingkai(
        28.0,
        28.0,
        super::pdf::LEBAR - 56.0,
        super::pdf::TINGGI - 56.0,
        2.0,
    );
    h.bingkai(
        36.0,
        36.0,
        super::pdf::LEBAR - 72.0,
        super::pdf::TINGGI - 72.0,
        0.5,
    );
    let x = 80.0;
    h.teks(x, 500.0, 12.0, false, &s.penyelenggara);
    h.teks(x, 460.0, 26.0, true, "SURAT TANDA TAMAT PELATIHAN");
    h.teks(x, 435.0, 13.0, false, &format!("Nomor: {}", s.nomor));
    h.teks(x, 395.0, 12.0, false, "diberikan kepada");
    h.teks(x, 365.0, 22.0, true, &s.nama_lengkap());
    h.teks(x, 330.0, 12.0, false, "yang telah menyelesaikan");
    h.teks(x, 305.0, 16.0, true, &s.program);
    h.teks(
        x,
        280.0,
        12.0,
        false,
        &format!("{} · {} s.d. {}", jalur_nama(s.jalur), s.mulai, s.selesai),
    );
    h.teks(
        x,
        255.0,
        12.0,
        false,
        &format!("sebanyak {} jam pelajaran (JP)", s.jp_diakui),
    );
    let modul = 2.4_f32;
    #[allow(clippy::cast_precision_loss)]
    let sisi = (code.width() as f32 + 8.0) * modul;
    let (qx, qy) = (super::pdf::LEBAR - 80.0 - sisi, 70.0);
    h.qr(&code, qx, qy, modul);
    h.teks(
        x,
        110.0,
        10.0,
        false,
        "Keaslian sertifikat ini dapat diperiksa dengan memindai kode QR atau membuka:",
    );
    h.teks(x, 95.0, 10.0, false, &url);
    let body = h.selesai(&format!("Sertifikat {}", s.nomor));
    Ok((
        [
            (header::CONTENT_TYPE, "application/pdf".to_string()),
            (
                header::CONTENT_DISPOSITION,
                format!(
                    "inline; filename=\"sertifikat-{}.pdf\"",
                    s.nomor
                        .chars()
                        .map(|c| if c.is_ascii_alphanumeric() || c == '-' {
                            c
                        } else {
                            '_'
                        })
                        .collect::<String>()
                ),
            ),
        ],
        body,
    )
        .into_response())
}
