//! Service-time statistics of a scope and period (contract of issue 5, shared by
//! `bangkom layanan waktu --format json` and `GET /api/v1/layanan/waktu`).
//!
//! - `transaksi`: `POST /api/v1/layanan/transaksi`, the batched, idempotent queue-machine API.

pub mod transaksi;

use std::collections::BTreeMap;

use axum::Json;
use axum::extract::{Query, State};
use bangkom_core::layanan::sebaran::{Bagian, statistik};
use bangkom_db::Db;
use bangkom_db::layanan::Sebaran;
use bangkom_db::pegawai::Scope;
use serde::{Deserialize, Serialize};

use crate::auth::ApiUser;
use crate::error::{ApiError, AppError};
use crate::state::AppState;

/// Figures of a set of transactions.
#[derive(Debug, Serialize, PartialEq)]
pub struct Ringkasan {
    /// Number of transactions.
    pub transaksi: usize,
    /// Median service time, minutes (linear interpolation, like `percentile_cont`).
    pub median_menit: Option<f64>,
    /// 90th percentile, minutes.
    pub p90_menit: Option<f64>,
    /// Share completed within the standard time, percent.
    pub persen_sesuai_standar: Option<f64>,
    /// Lowest standard in force over these transactions (each unit's own, an ancestor's, or the
    /// type's), minutes.
    pub standar_menit_min: Option<i64>,
    /// Highest standard in force, minutes (differs from the lowest when units set their own).
    pub standar_menit_max: Option<i64>,
}

/// The report (fields may be added, never renamed).
#[derive(Debug, Serialize)]
pub struct WaktuReport {
    /// Organisation code or `all`.
    pub scope: String,
    /// First day.
    pub from: String,
    /// Last day.
    pub to: String,
    /// Service type filter, if any.
    pub layanan: Option<String>,
    /// Number of transactions.
    pub transaksi: usize,
    /// Median, minutes.
    pub median_menit: Option<f64>,
    /// 90th percentile, minutes.
    pub p90_menit: Option<f64>,
    /// Share within the standard, percent.
    pub persen_sesuai_standar: Option<f64>,
    /// The same per service type.
    pub per_layanan: BTreeMap<String, Ringkasan>,
}

impl WaktuReport {
    /// The top-level figures as one [`Ringkasan`] (the standards' range over every type).
    pub fn total(&self) -> Ringkasan {
        Ringkasan {
            transaksi: self.transaksi,
            median_menit: self.median_menit,
            p90_menit: self.p90_menit,
            persen_sesuai_standar: self.persen_sesuai_standar,
            standar_menit_min: self
                .per_layanan
                .values()
                .filter_map(|v| v.standar_menit_min)
                .min(),
            standar_menit_max: self
                .per_layanan
                .values()
                .filter_map(|v| v.standar_menit_max)
                .max(),
        }
    }
}

/// Median, p90 and share within standard of sorted parts (each against the standard in force at
/// its unit, REFERENCE §6), exact: order statistics over the parts without pooling them.
pub fn ringkas(parts: &[&Sebaran]) -> Ringkasan {
    let bagian: Vec<Bagian<'_>> = parts
        .iter()
        .map(|p| Bagian {
            detik: &p.detik,
            standar_menit: p.standar_menit,
        })
        .collect();
    let s = statistik(&bagian);
    #[allow(clippy::cast_precision_loss)]
    let persen =
        (s.jumlah > 0).then(|| (s.sesuai_standar as f64 * 1000.0 / s.jumlah as f64).round() / 10.0);
    Ringkasan {
        transaksi: s.jumlah,
        median_menit: s.median_menit,
        p90_menit: s.p90_menit,
        persen_sesuai_standar: persen,
        standar_menit_min: parts.iter().map(|r| r.standar_menit).min(),
        standar_menit_max: parts.iter().map(|r| r.standar_menit).max(),
    }
}

/// Computes the report.
///
/// # Errors
/// Unknown scope (422), outside the caller's scope (404), or the database.
pub async fn waktu_report(
    db: &Db,
    scope: &str,
    from: time::Date,
    to: time::Date,
    layanan: Option<&str>,
    user_scope: &Scope,
) -> Result<WaktuReport, AppError> {
    if from > to {
        return Err(AppError::Invalid(
            bangkom_core::error::ValidationErrors::single(
                "from",
                "tanggal awal sesudah tanggal akhir",
            ),
        ));
    }
    let scope = scope.trim();
    let units = crate::api::jp::resolve_units(db, scope, user_scope).await?;
    let layanan = layanan
        .map(|l| l.trim().to_lowercase())
        .filter(|l| !l.is_empty());
    let rows = db
        .layanan_sebaran(units.as_deref(), from, to, layanan.as_deref())
        .await?;
    let all: Vec<&Sebaran> = rows.iter().collect();
    let total = ringkas(&all);
    let mut kinds: BTreeMap<String, Vec<&Sebaran>> = BTreeMap::new();
    for r in &rows {
        kinds.entry(r.layanan.clone()).or_default().push(r);
    }
    Ok(WaktuReport {
        scope: if scope.eq_ignore_ascii_case("all") {
            "all".into()
        } else {
            scope.to_string()
        },
        from: from.to_string(),
        to: to.to_string(),
        layanan,
        transaksi: total.transaksi,
        median_menit: total.median_menit,
        p90_menit: total.p90_menit,
        persen_sesuai_standar: total.persen_sesuai_standar,
        per_layanan: kinds.into_iter().map(|(k, v)| (k, ringkas(&v))).collect(),
    })
}

/// Query of the endpoint.
#[derive(Debug, Deserialize)]
pub struct WaktuQuery {
    scope: String,
    from: String,
    to: String,
    #[serde(default)]
    layanan: Option<String>,
}

/// `GET /api/v1/layanan/waktu?scope=…&from=…&to=…[&layanan=ktp-el]` (logged in, scoped).
pub async fn waktu(
    State(st): State<AppState>,
    ApiUser(user): ApiUser,
    Query(q): Query<WaktuQuery>,
) -> Result<Json<WaktuReport>, ApiError> {
    let (from, to, _, _, _) = crate::api::skm::parse_params(&q.from, &q.to, None, None, None)?;
    Ok(Json(
        waktu_report(
            &st.db,
            &q.scope,
            from,
            to,
            q.layanan.as_deref(),
            &user.scope,
        )
        .await?,
    ))
}
