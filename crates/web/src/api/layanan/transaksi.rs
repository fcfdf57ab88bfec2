//! `POST /api/v1/layanan/transaksi`: service transactions from queue machines and registration
//! systems (issue 5 §2), in batches of up to [`MAKS_BATCH`]. The same rules as the file import
//! (REFERENCE §6 times, WIB unless an offset is given), and:
//! - all or nothing: any invalid item gives 422 with `transaksi[i].field` messages, nothing written;
//! - idempotent on `unit` + `tiket`: a ticket re-sent with the same values counts as `sudah_ada`;
//!   with other values it is a 409 naming the item, and nothing is written;
//! - scoped: an operator may only send transactions of units in their OPDs.

use std::collections::HashMap;

use axum::Json;
use axum::extract::State;
use axum::extract::rejection::JsonRejection;
use bangkom_core::error::{FieldError, ValidationErrors};
use bangkom_core::layanan::{Transaksi, TransaksiInput};
use bangkom_db::layanan::{BatchOutcome, TransaksiValues};
use bangkom_db::pegawai::Scope;
use serde::Serialize;
use serde_json::Value;

use crate::auth::{ApiUser, User};
use crate::error::{ApiError, AppError};
use crate::state::AppState;

/// Most transactions per request.
pub const MAKS_BATCH: usize = 5_000;

/// What the batch did (fields may be added, never renamed).
#[derive(Debug, Serialize, PartialEq, Eq)]
pub struct BatchDto {
    /// Items accepted (= items sent).
    pub diterima: usize,
    /// Written now.
    pub baru: usize,
    /// Already stored with the same values (or repeated within the request).
    pub sudah_ada: usize,
}

/// One item's text field: strings as given, numbers as their decimal text, anything else empty
/// (then the validator names it).
fn text(item: &Value, key: &str) -> String {
    match item.get(key) {
        Some(Value::String(s)) => s.clone(),
        Some(Value::Number(n)) => n.to_string(),
        _ => String::new(),
    }
}

/// Validates every item, resolving units within the caller's scope. Items repeating an earlier
/// `(unit, tiket)` with identical values are dropped and counted; with other values they are errors.
async fn validate(
    st: &AppState,
    user: &User,
    items: &[Value],
) -> Result<(Vec<(usize, TransaksiValues)>, usize), AppError> {
    let org = st.db.org_index().await?;
    let types = st.db.jenis_layanan().await?;
    let types = bangkom_db::layanan::by_kode(&types);
    let mut errs = ValidationErrors::default();
    let mut valid: Vec<(usize, TransaksiValues)> = Vec::new();
    // (unit, tiket) → position in `valid`.
    let mut seen: HashMap<(i64, String), usize> = HashMap::new();
    let mut repeated = 0;
    for (i, item) in items.iter().enumerate() {
        if !item.is_object() {
            errs.push(FieldError::new(
                format!("transaksi[{i}]"),
                "setiap transaksi harus berupa objek JSON",
            ));
            continue;
        }
        let mut err = |field: &str, msg: String| {
            errs.push(FieldError::new(format!("transaksi[{i}].{field}"), msg));
        };
        let input = TransaksiInput {
            unit: text(item, "unit"),
            layanan: text(item, "layanan"),
            tiket: text(item, "tiket"),
            mulai: text(item, "mulai"),
            selesai: text(item, "selesai"),
            nip_petugas: text(item, "nip_petugas"),
            kanal: text(item, "kanal"),
        };
        let t = match Transaksi::validate(&input) {
            Ok(t) => t,
            Err(v) => {
                for f in v.0 {
                    err(&f.field, f.message);
                }
                continue;
            }
        };
        let Some(unit) = org.by_kode(t.unit.as_str()) else {
            err("unit", format!("kode unit {} tidak terdaftar", t.unit));
            continue;
        };
        let allowed = matches!(user.scope, Scope::Semua)
            || unit.opd_id.is_some_and(|o| user.scope.allows_opd(o));
        if !allowed {
            err("unit", "unit di luar OPD Anda".into());
            continue;
        }
        if !types.contains_key(t.layanan.as_str()) {
            err(
                "layanan",
                format!("jenis layanan '{}' tidak dikenal", t.layanan),
            );
            continue;
        }
        let key = (unit.org_id, t.tiket.clone());
        if let Some((j, first)) = seen.get(&key).and_then(|p| valid.get(*p)) {
            if first.t == t {
                repeated += 1;
            } else {
                err(
                    "tiket",
                    format!(
                        "tiket {} sudah ada di transaksi[{j}] dengan data berbeda",
                        t.tiket
                    ),
                );
            }
            continue;
        }
        seen.insert(key, valid.len());
        valid.push((
            i,
            TransaksiValues {
                unit_id: unit.org_id,
                t,
            },
        ));
    }
    if errs.is_empty() {
        Ok((valid, repeated))
    } else {
        Err(AppError::Invalid(errs))
    }
}

/// `POST /api/v1/layanan/transaksi` with `{"transaksi": [{unit, layanan, tiket, mulai, selesai,
/// nip_petugas?, kanal?}, …]}` → 200 with the counts; 422 (invalid items), 409 (a stored ticket
/// with other values), 403 (a role that may not write), 401.
pub async fn post(
    State(st): State<AppState>,
    ApiUser(user): ApiUser,
    b: Result<Json<Value>, JsonRejection>,
) -> Result<Json<BatchDto>, ApiError> {
    user.require_write()?;
    let Json(v) =
        b.map_err(|e| AppError::BadRequest(format!("JSON tidak valid: {}", e.body_text())))?;
    let Some(items) = v.get("transaksi").and_then(Value::as_array) else {
        return Err(AppError::Invalid(ValidationErrors::single(
            "transaksi",
            "transaksi wajib berupa daftar (array)",
        ))
        .into());
    };
    if items.len() > MAKS_BATCH {
        return Err(AppError::Invalid(ValidationErrors::single(
            "transaksi",
            format!(
                "paling banyak {MAKS_BATCH} transaksi per permintaan; ditemukan {}",
                items.len()
            ),
        ))
        .into());
    }
    let (valid, repeated) = validate(&st, &user, items).await?;
    let outcome = if valid.is_empty() {
        BatchOutcome::default()
    } else {
        match st.db.transaksi_batch(&user.actor(), &valid).await? {
            Ok(o) => o,
            Err(conflicts) => {
                let fields = conflicts
                    .into_iter()
                    .map(|c| {
                        FieldError::new(
                            format!("transaksi[{}].{}", c.row, c.error.field),
                            c.error.message,
                        )
                    })
                    .collect();
                return Err(AppError::ConflictFields(ValidationErrors(fields)).into());
            }
        }
    };
    Ok(Json(BatchDto {
        diterima: items.len(),
        baru: outcome.baru,
        sudah_ada: outcome.sudah_ada + repeated,
    }))
}
