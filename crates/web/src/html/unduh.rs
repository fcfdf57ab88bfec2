//! Lists as downloads: one table as CSV (UTF-8) or XLSX (first sheet), with the file name the
//! browser saves it under. Shared by every list page that exports.

use axum::http::header;
use axum::response::{IntoResponse, Response};

use crate::error::{AppError, Result};

/// `rows` under `header` as `nama.xlsx` when `format` is `xlsx`, else as `nama.csv`.
///
/// # Errors
/// Writing the file failed (an internal error).
pub fn tabel(
    format: &str,
    nama: &str,
    header: &[&str],
    rows: Vec<Vec<String>>,
) -> Result<Response> {
    fn internal(e: impl std::fmt::Display) -> AppError {
        AppError::Internal(e.to_string())
    }
    let (mime, ext, bytes) = if format == "xlsx" {
        (
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            "xlsx",
            bangkom_io::write_xlsx(header, rows).map_err(internal)?,
        )
    } else {
        let mut out = Vec::new();
        bangkom_io::write_csv(&mut out, header, rows).map_err(internal)?;
        ("text/csv; charset=utf-8", "csv", out)
    };
    Ok((
        [
            (header::CONTENT_TYPE, mime.to_string()),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"{nama}.{ext}\""),
            ),
        ],
        bytes,
    )
        .into_response())
}
