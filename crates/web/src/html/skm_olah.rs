//! The SKM processing table (*tabel pengolahan data*) as XLSX: every counted questionnaire's
//! answers U1–U9, then per unsur the sum, the number who answered, the NRR, the weighted NRR, and
//! the index, converted value and mutu — the table an SKM report annex carries, computed by the
//! same exact engine (REFERENCE §0.3–§0.6). Comments are left out (personal remarks stay in the
//! application).

use axum::extract::{Query, State};
use axum::http::header;
use axum::response::{IntoResponse, Response};
use bangkom_core::skm::{Akumulator, Bobot, Jawaban, Preset, Unsur, rentang};
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
    let rows = st.db.skm_counted(units.as_deref(), from, to).await?;
    let mut header: Vec<String> = vec!["No".into(), "Tanggal".into(), "Layanan".into()];
    header.extend(Unsur::ALL.iter().map(|u| u.label().to_string()));
    let mut out: Vec<Vec<String>> = Vec::with_capacity(rows.len() + 8);
    let mut acc = Akumulator::default();
    for (i, r) in rows.iter().enumerate() {
        let a = r.jawaban();
        if let Ok(j) = Jawaban::new(a.map(|v| v.and_then(|v| u8::try_from(v).ok()))) {
            acc.add(&j);
        }
        let mut line = vec![
            (i + 1).to_string(),
            r.tanggal.to_string(),
            r.layanan.clone().unwrap_or_default(),
        ];
        line.extend(a.iter().map(|v| v.map_or(String::new(), |v| v.to_string())));
        out.push(line);
    }
    let h = acc.hitung(Bobot::Sepersembilan);
    let width = header.len();
    let summary = |label: &str, cells: Vec<String>| {
        let mut l = vec![String::new(), label.to_string(), String::new()];
        l.extend(cells);
        l.resize(width, String::new());
        l
    };
    out.push(summary(
        "Jumlah nilai per unsur",
        acc.jumlah.iter().map(ToString::to_string).collect(),
    ));
    out.push(summary(
        "Jumlah responden yang menjawab",
        acc.terisi.iter().map(ToString::to_string).collect(),
    ));
    out.push(summary(
        "NRR per unsur",
        h.nrr.iter().map(|v| fmt(*v, 4)).collect(),
    ));
    out.push(summary(
        "NRR tertimbang (bobot 1/9)",
        h.nrr_tertimbang.iter().map(|v| fmt(*v, 4)).collect(),
    ));
    out.push(summary(
        "Nilai unsur (NRR × 25)",
        h.nilai_unsur.iter().map(|v| fmt(*v, 2)).collect(),
    ));
    out.push(summary("IKM (1–4)", vec![fmt(h.ikm, 4)]));
    out.push(summary("Nilai IKM (konversi)", vec![fmt(h.nilai, 2)]));
    out.push(summary(
        "Mutu pelayanan",
        vec![
            h.mutu
                .map(|m| format!("{} ({})", m.code(), m.kinerja()))
                .unwrap_or_default(),
        ],
    ));
    let header_refs: Vec<&str> = header.iter().map(String::as_str).collect();
    let bytes =
        bangkom_io::write_xlsx(&header_refs, out).map_err(|e| AppError::Internal(e.to_string()))?;
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
        bytes,
    )
        .into_response())
}
