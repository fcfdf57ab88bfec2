//! QR codes of public addresses (the survey counter poster, the certificate verification page):
//! the absolute address from the request's host, the code, and its SVG rendering.

use axum::http::{HeaderMap, header};

use crate::error::{AppError, Result};
use crate::state::AppState;

/// `scheme://host` of the request (https when cookies are marked secure).
pub fn base_url(st: &AppState, headers: &HeaderMap) -> String {
    let host = headers
        .get(header::HOST)
        .and_then(|h| h.to_str().ok())
        .unwrap_or("localhost");
    let scheme = if st.config.secure_cookies {
        "https"
    } else {
        "http"
    };
    format!("{scheme}://{host}")
}

/// The QR code of `url`.
///
/// # Errors
/// An address too long for a QR code.
pub fn code(url: &str) -> Result<qrcode::QrCode> {
    qrcode::QrCode::new(url.as_bytes()).map_err(|e| AppError::Internal(e.to_string()))
}

/// The QR code of `url` as an SVG document at least `min` pixels wide.
///
/// # Errors
/// An address too long for a QR code.
pub fn svg(url: &str, min: u32) -> Result<String> {
    Ok(code(url)?
        .render::<qrcode::render::svg::Color<'_>>()
        .min_dimensions(min, min)
        .build())
}

/// The QR code of `url` as a PNG image, `scale` pixels per module.
///
/// # Errors
/// An address too long for a QR code.
pub fn png(url: &str, scale: usize) -> Result<Vec<u8>> {
    let c = code(url)?;
    let dark: Vec<bool> = c
        .to_colors()
        .into_iter()
        .map(|m| m == qrcode::Color::Dark)
        .collect();
    Ok(super::png::modules(&dark, c.width(), scale))
}
