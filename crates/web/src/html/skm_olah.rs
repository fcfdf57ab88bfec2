//! The SKM processing table (*tabel pengolahan data*) as XLSX: every counted questionnaire's
//! answers U1–U9, then per unsur the sum, the number who answered, the NRR, the weighted NRR, and
//! the index, converted value and mutu — the table an SKM report annex carries, computed by the
//! same exact engine (REFERENCE §0.3–§0.6). Comments are left out (personal remarks stay in the
//! application).
//!
//! The rows stream from the database ([`Db::skm_olah`]) into the row-by-row XLSX writer
//! ([`XlsxRowWriter`]: each row goes to a temporary file, deflate level 1), with the number and
//! the answers as numbers, so 100,000 responses are never held as cells. [`olah_file`] is what
//! `/skm/olah.xlsx` serves and what `bangkom bench --skm N` times.

use axum::extract::{Query, State};
use axum::http::header;
use axum::response::{IntoResponse, Response};
use bangkom_core::skm::{Akumulator, Bobot, Jawaban, Preset, Unsur, rentang};
use bangkom_db::Db;
use bangkom_io::{Sel, XlsxRowWriter};
use serde::Deserialize;

use crate::auth::User;
use crate::error::{AppError, Result};
use crate::state::AppState;

/// Query.
#[derive(Debug, Deserialize)]
pub struct OlahQuery {
    #[serde(default)]
    scope: String,
    periode: String,
}

fn fmt(v: Option<f64>, dp: usize) -> String {
    v.map_or(String::new(), |v| format!("{v:.dp$}"))
}

/// Column widths (Excel character units): No, Tanggal, Layanan, then U1–U9.
const WIDTHS: &[f64] = &[
    8.0, 12.0, 20.0, 12.0, 12.0, 12.0, 12.0, 12.0, 12.0, 12.0, 12.0, 12.0,
];

/// A finished processing table.
#[derive(Debug)]
pub struct OlahFile {
    /// The XLSX bytes.
    pub bytes: Vec<u8>,
    /// Questionnaires listed (one data row each, before the summary rows).
    pub responden: usize,
}

fn other(e: impl std::fmt::Display) -> AppError {
    AppError::Internal(e.to_string())
}

/// Builds the processing table of the questionnaires of `units` (None = every unit) dated
/// `from..=to`: one row per counted questionnaire, oldest first, then the summary rows.
///
/// # Errors
/// The database or the writer.
pub async fn olah_file(
    db: &Db,
    units: Option<&[i64]>,
    from: time::Date,
    to: time::Date,
) -> std::result::Result<OlahFile, AppError> {
    let mut header: Vec<&str> = vec!["No", "Tanggal", "Layanan"];
    header.extend(Unsur::ALL.iter().map(Unsur::label));
    let width = header.len();
    let mut w = XlsxRowWriter::new(&header, WIDTHS).map_err(other)?;
    let mut acc = Akumulator::default();
    let mut no = 0.0f64;
    let responden = db
        .skm_olah(units, from, to, |r| {
            let a = r.jawaban.array();
            if let Ok(j) = Jawaban::new(a.map(|v| v.and_then(|v| u8::try_from(v).ok()))) {
                acc.add(&j);
            }
            no += 1.0;
            let tanggal = r.tanggal.to_string();
            let mut cells = [Sel::Teks(""); 3 + Unsur::ALL.len()];
            cells[0] = Sel::Angka(no);
            cells[1] = Sel::Teks(&tanggal);
            cells[2] = Sel::Teks(r.layanan.as_deref().unwrap_or(""));
            for (cell, v) in cells[3..].iter_mut().zip(a) {
                #[allow(clippy::cast_precision_loss)]
                if let Some(v) = v {
                    *cell = Sel::Angka(v as f64);
                }
            }
            w.write_row(&cells).map_err(other)
        })
        .await?;
    let h = acc.hitung(Bobot::Sepersembilan);
    let mut summary = |label: &str, values: Vec<String>| {
        let mut line: Vec<Sel<'_>> = vec![Sel::Teks(""), Sel::Teks(label), Sel::Teks("")];
        line.extend(values.iter().map(|v| Sel::Teks(v.as_str())));
        line.resize(width, Sel::Teks(""));
        w.write_row(&line).map_err(other)
    };
    summary(
        "Jumlah nilai per unsur",
        acc.jumlah.iter().map(ToString::to_string).collect(),
    )?;
    summary(
        "Jumlah responden yang menjawab",
        acc.terisi.iter().map(ToString::to_string).collect(),
    )?;
    summary("NRR per unsur", h.nrr.iter().map(|v| fmt(*v, 4)).collect())?;
    summary(
        "NRR tertimbang (bobot 1/9)",
        h.nrr_tertimbang.iter().map(|v| fmt(*v, 4)).collect(),
    )?;
    summary(
        "Nilai unsur (NRR × 25)",
        h.nilai_unsur.iter().map(|v| fmt(*v, 2)).collect(),
    )?;
    summary("IKM (1–4)", vec![fmt(h.ikm, 4)])?;
    summary("Nilai IKM (konversi)", vec![fmt(h.nilai, 2)])?;
    summary(
        "Mutu pelayanan",
        vec![
            h.mutu
                .map(|m| format!("{} ({})", m.code(), m.kinerja()))
                .unwrap_or_default(),
        ],
    )?;
    Ok(OlahFile {
        bytes: w.finish().map_err(other)?,
        responden,
    })
}

/// `GET /skm/olah.xlsx?scope=KODE|all&periode=2025-S2` (logged-in staff).
pub async fn xlsx(
    State(st): State<AppState>,
    user: User,
    Query(q): Query<OlahQuery>,
) -> Result<Response> {
    if user.role == bangkom_core::role::Role::Pegawai {
        return Err(AppError::Forbidden);
    }
    let preset = Preset::parse(q.periode.trim())
        .map_err(|m| AppError::BadRequest(format!("periode tidak dikenal: {m}")))?;
    let (from, to) = rentang(preset);
    let scope = if q.scope.trim().is_empty() {
        "all"
    } else {
        q.scope.trim()
    };
    let units = crate::api::jp::resolve_units(&st.db, scope, &user.scope).await?;
    let f = olah_file(&st.db, units.as_deref(), from, to).await?;
    let name = format!(
        "attachment; filename=\"olah-skm-{}-{}.xlsx\"",
        scope.replace('.', "_"),
        preset.code()
    );
    Ok((
        [
            (
                header::CONTENT_TYPE,
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet".to_string(),
            ),
            (header::CONTENT_DISPOSITION, name),
        ],
        f.bytes,
    )
        .into_response())
}
