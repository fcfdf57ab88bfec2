//! `GET /api/v1/skm/ikm`: the IKM of any scope and period (public: results must be published,
//! PermenPANRB 14/2017). The same report is printed by `bangkom skm ikm --format json`.

use std::collections::BTreeMap;

use axum::Json;
use axum::extract::{Query, State};
use bangkom_core::skm::{AturanSampel, Bobot, METODE, Unsur, sampel_minimum};
use bangkom_db::Db;
use serde::{Deserialize, Serialize};

use crate::error::{ApiError, AppError};
use crate::state::AppState;

/// One unsur's figures.
#[derive(Debug, Serialize)]
pub struct UnsurDto {
    /// NRR, full precision.
    pub nrr: Option<f64>,
    /// NRR × 25, rounded to 2 decimals.
    pub nilai: Option<f64>,
    /// Mutu of that value.
    pub mutu: Option<&'static str>,
    /// Questionnaires that answered it.
    pub terisi: u64,
}

/// The IKM report (contract of issue 3: fields may be added, never renamed).
#[derive(Debug, Serialize)]
pub struct IkmReport {
    /// Organisation code, or `all`.
    pub scope: String,
    /// First day (inclusive).
    pub from: String,
    /// Last day (inclusive).
    pub to: String,
    /// Questionnaires counted (excluded ones never count).
    pub responden: u64,
    /// NRR per unsur, keyed by unsur name, full precision (null when nobody answered it).
    pub nrr: BTreeMap<&'static str, Option<f64>>,
    /// IKM 1..4, unrounded.
    pub ikm: Option<f64>,
    /// Converted value 25..100, rounded to 2 decimals.
    pub nilai: Option<f64>,
    /// "A".."D".
    pub mutu: Option<&'static str>,
    /// "Sangat baik" | "Baik" | "Kurang baik" | "Tidak baik".
    pub kinerja: Option<&'static str>,
    /// "1/9" or "0.111".
    pub bobot: &'static str,
    /// Service users in the period, when known.
    pub populasi: Option<u64>,
    /// Where the population came from: "parameter" (given with the request), "tersimpan"
    /// (entered per unit and period), "transaksi" (counted from the service transactions, for
    /// units without an entered figure), "tersimpan+transaksi" (both, for different units), or
    /// null.
    pub populasi_sumber: Option<&'static str>,
    /// Krejcie & Morgan minimum sample for that population.
    pub sampel_minimum: Option<u64>,
    /// Whether the responses reach it.
    pub sampel_cukup: Option<bool>,
    /// The sample rounding rule used.
    pub aturan_sampel: &'static str,
    /// Method tag (REFERENCE §0.10).
    pub metode: &'static str,
    /// Unsur in the index (9 for a complete survey).
    pub unsur_dinilai: u8,
    /// Lowest and highest unsur.
    pub unsur_terendah: Option<&'static str>,
    /// Highest unsur.
    pub unsur_tertinggi: Option<&'static str>,
    /// Per-unsur detail.
    pub unsur: BTreeMap<&'static str, UnsurDto>,
}

/// Computes the report. `scope` is an organisation code (its whole subtree) or `all`.
///
/// # Errors
/// An unknown code (422 with `fields.scope`), or the database.
pub async fn ikm_report(
    db: &Db,
    scope: &str,
    from: time::Date,
    to: time::Date,
    bobot: Bobot,
    populasi: Option<u64>,
    aturan: AturanSampel,
) -> Result<IkmReport, AppError> {
    let scope = scope.trim();
    let invalid =
        |f: &str, m: String| AppError::Invalid(bangkom_core::error::ValidationErrors::single(f, m));
    if from > to {
        return Err(invalid(
            "from",
            format!("tanggal awal {from} sesudah tanggal akhir {to}"),
        ));
    }
    let units = if scope.eq_ignore_ascii_case("all") {
        None
    } else {
        let org = db.org_index().await?;
        let node = org
            .by_kode(scope)
            .ok_or_else(|| invalid("scope", format!("kode organisasi {scope} tidak terdaftar")))?;
        Some(org.subtree(node.org_id))
    };
    let acc = db.skm_akumulator(units.as_deref(), from, to).await?;
    let (populasi, populasi_sumber) = match populasi {
        Some(p) => (Some(p), Some("parameter")),
        None => populasi_tercatat(db, units.as_deref(), from, to).await?,
    };
    let h = acc.hitung(bobot);
    let minimum = populasi.map(|n| sampel_minimum(n, aturan));
    let mut nrr = BTreeMap::new();
    let mut unsur = BTreeMap::new();
    for u in Unsur::ALL {
        let i = u.index();
        nrr.insert(u.code(), h.nrr[i]);
        unsur.insert(
            u.code(),
            UnsurDto {
                nrr: h.nrr[i],
                nilai: h.nilai_unsur[i],
                mutu: h.mutu_unsur[i].map(|m| m.code()),
                terisi: acc.terisi[i],
            },
        );
    }
    Ok(IkmReport {
        scope: if units.is_none() {
            "all".into()
        } else {
            scope.to_string()
        },
        from: from.to_string(),
        to: to.to_string(),
        responden: h.responden,
        nrr,
        ikm: h.ikm,
        nilai: h.nilai,
        mutu: h.mutu.map(|m| m.code()),
        kinerja: h.mutu.map(|m| m.kinerja()),
        bobot: bobot.code(),
        populasi,
        populasi_sumber,
        sampel_minimum: minimum,
        sampel_cukup: minimum.map(|m| h.responden >= m),
        aturan_sampel: aturan.code(),
        metode: METODE,
        unsur_dinilai: h.unsur_dinilai,
        unsur_terendah: h.unsur_terendah.map(|u| u.code()),
        unsur_tertinggi: h.unsur_tertinggi.map(|u| u.code()),
        unsur,
    })
}

/// The population of the units (None = all) in the period when none is given (REFERENCE §0.8:
/// service users, entered or derived from service transactions): per unit, the figure entered
/// for periods within the range, else the number of its service transactions in the range. The
/// source is `tersimpan`, `transaksi`, or `tersimpan+transaksi` when units differ; None when
/// neither is known.
///
/// # Errors
/// The database.
pub async fn populasi_tercatat(
    db: &Db,
    units: Option<&[i64]>,
    from: time::Date,
    to: time::Date,
) -> Result<(Option<u64>, Option<&'static str>), AppError> {
    let stored = db.skm_populasi_per_unit(units, from, to).await?;
    let counted = db.transaksi_jumlah_per_unit(units, from, to).await?;
    let from_tx: i64 = counted
        .iter()
        .filter(|(u, _)| !stored.contains_key(u))
        .map(|(_, n)| n)
        .sum();
    let entered: i64 = stored.values().sum();
    let sumber = match (stored.is_empty(), from_tx > 0) {
        (true, false) => return Ok((None, None)),
        (false, false) => "tersimpan",
        (true, true) => "transaksi",
        (false, true) => "tersimpan+transaksi",
    };
    Ok((u64::try_from(entered + from_tx).ok(), Some(sumber)))
}

/// Query of the endpoint.
#[derive(Debug, Deserialize)]
pub struct IkmQuery {
    scope: String,
    from: String,
    to: String,
    #[serde(default)]
    bobot: Option<String>,
    #[serde(default)]
    populasi: Option<String>,
    #[serde(default)]
    aturan: Option<String>,
}

/// Parses the shared parameters (also used by the CLI).
///
/// # Errors
/// Field messages for each bad parameter.
pub fn parse_params(
    from: &str,
    to: &str,
    bobot: Option<&str>,
    populasi: Option<&str>,
    aturan: Option<&str>,
) -> Result<(time::Date, time::Date, Bobot, Option<u64>, AturanSampel), AppError> {
    let mut errs = bangkom_core::error::ValidationErrors::default();
    let fmt = time::macros::format_description!("[year]-[month]-[day]");
    let mut date = |field: &str, s: &str| {
        time::Date::parse(s.trim(), &fmt)
            .map_err(|_| {
                errs.push(bangkom_core::error::FieldError::new(
                    field,
                    format!("tanggal harus YYYY-MM-DD yang sah, ditemukan '{s}'"),
                ))
            })
            .ok()
    };
    let f = date("from", from);
    let t = date("to", to);
    let b = match bobot.map(str::trim).filter(|s| !s.is_empty()) {
        None => Some(Bobot::Sepersembilan),
        Some(s) => Bobot::parse(s)
            .map_err(|m| errs.push(bangkom_core::error::FieldError::new("bobot", m)))
            .ok(),
    };
    let p = match populasi.map(str::trim).filter(|s| !s.is_empty()) {
        None => Some(None),
        Some(s) => s
            .parse::<u64>()
            .map(Some)
            .map_err(|_| {
                errs.push(bangkom_core::error::FieldError::new(
                    "populasi",
                    "populasi harus bilangan bulat ≥ 0",
                ))
            })
            .ok(),
    };
    let a = match aturan.map(str::trim).filter(|s| !s.is_empty()) {
        None => Some(AturanSampel::Pembulatan),
        Some(s) => AturanSampel::parse(s)
            .map_err(|m| errs.push(bangkom_core::error::FieldError::new("aturan", m)))
            .ok(),
    };
    match (f, t, b, p, a) {
        (Some(f), Some(t), Some(b), Some(p), Some(a)) if errs.is_empty() => Ok((f, t, b, p, a)),
        _ => Err(AppError::Invalid(errs)),
    }
}

/// `GET /api/v1/skm/ikm?scope=…&from=…&to=…[&bobot=1/9|0.111][&populasi=N]` (no login needed).
pub async fn ikm(
    State(st): State<AppState>,
    Query(q): Query<IkmQuery>,
) -> Result<Json<IkmReport>, ApiError> {
    let (from, to, bobot, populasi, aturan) = parse_params(
        &q.from,
        &q.to,
        q.bobot.as_deref(),
        q.populasi.as_deref(),
        q.aturan.as_deref(),
    )?;
    Ok(Json(
        ikm_report(&st.db, &q.scope, from, to, bobot, populasi, aturan).await?,
    ))
}
