//! The CSV/XLSX download of a table (the `bangkom-io` writers), shared by the list exports.

use axum::http::header;
use axum::response::{IntoResponse, Response};

use crate::error::{AppError, Result};

/// `rows` under `header` as `{nama}.xlsx` when `format` is `xlsx`, else as `{nama}.csv`.
///
/// # Errors
/// 500 when the writer fails.
pub(super) fn tabel(
    format: &str,
    nama: &str,
    head: &[&str],
    rows: Vec<Vec<String>>,
) -> Result<Response> {
    if format == "xlsx" {
        let bytes =
            bangkom_io::write_xlsx(head, rows).map_err(|e| AppError::Internal(e.to_string()))?;
        Ok((
            [
                (
                    header::CONTENT_TYPE,
                    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet".to_string(),
                ),
                (
                    header::CONTENT_DISPOSITION,
                    format!("attachment; filename=\"{nama}.xlsx\""),
                ),
            ],
            bytes,
        )
            .into_response())
    } else {
        let mut out = Vec::new();
        bangkom_io::write_csv(&mut out, head, rows)
            .map_err(|e| AppError::Internal(e.to_string()))?;
        Ok((
            [
                (header::CONTENT_TYPE, "text/csv; charset=utf-8".to_string()),
                (
                    header::CONTENT_DISPOSITION,
                    format!("attachment; filename=\"{nama}.csv\""),
                ),
            ],
            out,
        )
            .into_response())
    }
}
