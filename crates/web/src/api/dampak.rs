//! Impact evaluation report (contract of issue 5, shared by `bangkom dampak --format json`):
//! difference in differences for service time or the IKM between treated and comparison units,
//! a unit bootstrap interval, a placebo pre-trend check on the two halves of the before window,
//! and a plain-language verdict.

use std::collections::{BTreeMap, HashSet};

use bangkom_core::dampak::{
    Estimate, Metric, UnitData, estimate_ikm, estimate_waktu_detik, verdict,
};
use bangkom_core::skm::{Akumulator, Bobot};
use bangkom_db::Db;
use serde::Serialize;

use crate::error::AppError;

/// The placebo estimate on the periods before the training.
#[derive(Debug, Serialize)]
pub struct PreTren {
    /// First half of the before window.
    pub from: String,
    /// Second half ends here.
    pub to: String,
    /// Placebo effect (should be near "no effect").
    pub effect: Option<f64>,
    /// Interval.
    pub ci_low: Option<f64>,
    /// Interval.
    pub ci_high: Option<f64>,
    /// True when the interval includes "no effect" (the groups moved alike before the training).
    pub lulus: bool,
}

/// The report (fields may be added, never renamed).
#[derive(Debug, Serialize)]
pub struct DampakReport {
    /// `waktu` or `ikm`.
    pub metric: Metric,
    /// Cell values (median minutes or IKM points).
    pub treated_before: Option<f64>,
    /// Treated, after.
    pub treated_after: Option<f64>,
    /// Comparison, before.
    pub control_before: Option<f64>,
    /// Comparison, after.
    pub control_after: Option<f64>,
    /// DiD effect: ratio of medians (waktu) or difference in points (ikm).
    pub effect: Option<f64>,
    /// 95% bootstrap interval (units resampled).
    pub ci_low: Option<f64>,
    /// Upper bound.
    pub ci_high: Option<f64>,
    /// Treated units with data in both windows.
    pub units_treated: usize,
    /// Comparison units with data in both windows.
    pub units_control: usize,
    /// Transactions or questionnaires behind the treated cells.
    pub n_treated: u64,
    /// Behind the comparison cells.
    pub n_control: u64,
    /// Plain-language verdict (Bahasa Indonesia).
    pub verdict: String,
    /// Pre-trend check.
    pub pre_trend: PreTren,
    /// Bootstrap resamples.
    pub iterasi: usize,
    /// Seed used.
    pub seed: u64,
}

/// A date window.
pub type Window = (time::Date, time::Date);

fn invalid(field: &str, msg: String) -> AppError {
    AppError::Invalid(bangkom_core::error::ValidationErrors::single(field, msg))
}

async fn units_of(db: &Db, codes: &[String], field: &str) -> Result<HashSet<i64>, AppError> {
    let org = db.org_index().await?;
    let mut out = HashSet::new();
    for c in codes.iter().map(|c| c.trim()).filter(|c| !c.is_empty()) {
        let node = org
            .by_kode(c)
            .ok_or_else(|| invalid(field, format!("kode organisasi {c} tidak terdaftar")))?;
        out.extend(org.subtree(node.org_id));
    }
    if out.is_empty() {
        return Err(invalid(field, "isi minimal satu kode organisasi".into()));
    }
    Ok(out)
}

/// Per-unit sorted durations (seconds) of two windows, keeping units with data in both, and
/// the number of transactions behind them.
pub fn waktu_split(
    rows: &[(i64, time::Date, i64)],
    b: Window,
    a: Window,
) -> (Vec<UnitData<Vec<i64>>>, u64) {
    let mut map: BTreeMap<i64, UnitData<Vec<i64>>> = BTreeMap::new();
    for &(u, d, secs) in rows {
        if b.0 <= d && d <= b.1 {
            map.entry(u).or_default().before.push(secs);
        } else if a.0 <= d && d <= a.1 {
            map.entry(u).or_default().after.push(secs);
        }
    }
    let kept: Vec<UnitData<Vec<i64>>> = map
        .into_values()
        .filter(|u| !u.before.is_empty() && !u.after.is_empty())
        .map(|mut u| {
            u.before.sort_unstable();
            u.after.sort_unstable();
            u
        })
        .collect();
    let n = kept
        .iter()
        .map(|u| (u.before.len() + u.after.len()) as u64)
        .sum();
    (kept, n)
}

async fn waktu_rows(
    db: &Db,
    units: &HashSet<i64>,
    from: time::Date,
    to: time::Date,
) -> Result<Vec<(i64, time::Date, i64)>, AppError> {
    let mut ids: Vec<i64> = units.iter().copied().collect();
    ids.sort_unstable();
    Ok(db.layanan_detik(&ids, from, to).await?)
}

async fn ikm_units(
    db: &Db,
    units: &HashSet<i64>,
    b: Window,
    a: Window,
) -> Result<(Vec<UnitData<Akumulator>>, u64), AppError> {
    let ids: Vec<i64> = units.iter().copied().collect();
    let mut map: BTreeMap<i64, UnitData<Akumulator>> = BTreeMap::new();
    for (w, after) in [(b, false), (a, true)] {
        for (u, acc) in db.skm_akumulator_per_unit(Some(&ids), w.0, w.1).await? {
            let e = map.entry(u).or_default();
            if after { e.after = acc } else { e.before = acc }
        }
    }
    let kept: Vec<UnitData<Akumulator>> = map
        .into_values()
        .filter(|u| u.before.responden > 0 && u.after.responden > 0)
        .collect();
    let n = kept
        .iter()
        .map(|u| u.before.responden + u.after.responden)
        .sum();
    Ok((kept, n))
}

/// Refuses reversed or overlapping windows.
///
/// # Errors
/// 422 with the field.
pub fn check_windows(before: Window, after: Window) -> Result<(), AppError> {
    if before.0 > before.1 || after.0 > after.1 {
        return Err(invalid(
            "before",
            "jendela waktu terbalik (awal sesudah akhir)".into(),
        ));
    }
    if before.1 >= after.0 {
        return Err(invalid(
            "after",
            "jendela sesudah harus dimulai setelah jendela sebelum berakhir".into(),
        ));
    }
    Ok(())
}

/// Runs the analysis.
///
/// # Errors
/// Unknown codes, overlapping groups, bad windows (422), or the database.
#[allow(clippy::too_many_arguments)]
pub async fn dampak_report(
    db: &Db,
    treated: &[String],
    control: &[String],
    before: Window,
    after: Window,
    metric: Metric,
    seed: u64,
    iterasi: usize,
) -> Result<DampakReport, AppError> {
    check_windows(before, after)?;
    let t = units_of(db, treated, "treated").await?;
    let c = units_of(db, control, "control").await?;
    if t.intersection(&c).next().is_some() {
        return Err(invalid(
            "control",
            "unit pembanding tidak boleh tumpang tindih dengan unit yang dilatih".into(),
        ));
    }
    dampak_units_report(db, &t, &c, before, after, metric, seed, iterasi).await
}

/// The same analysis over unit ids already chosen (the program impact page derives them from
/// the participants); the windows must already be valid and the groups disjoint.
///
/// # Errors
/// The database.
#[allow(clippy::too_many_arguments)]
pub async fn dampak_units_report(
    db: &Db,
    t: &HashSet<i64>,
    c: &HashSet<i64>,
    before: Window,
    after: Window,
    metric: Metric,
    seed: u64,
    iterasi: usize,
) -> Result<DampakReport, AppError> {
    let days = (before.1 - before.0).whole_days();
    let mid = before.0 + time::Duration::days(days / 2);
    let early = (before.0, mid);
    let late = (mid + time::Duration::days(1), before.1);
    let iterasi = iterasi.clamp(100, 20_000);
    let (e, pre, ut, uc, nt, nc): (Estimate, Estimate, usize, usize, u64, u64) = match metric {
        Metric::Waktu => {
            let tr = waktu_rows(db, t, before.0, after.1).await?;
            let cr = waktu_rows(db, c, before.0, after.1).await?;
            let (td, nt) = waktu_split(&tr, before, after);
            let (cd, nc) = waktu_split(&cr, before, after);
            let (tp, _) = waktu_split(&tr, early, late);
            let (cp, _) = waktu_split(&cr, early, late);
            (
                estimate_waktu_detik(&td, &cd, iterasi, seed),
                estimate_waktu_detik(&tp, &cp, iterasi, seed),
                td.len(),
                cd.len(),
                nt,
                nc,
            )
        }
        Metric::Ikm => {
            let (td, nt) = ikm_units(db, t, before, after).await?;
            let (cd, nc) = ikm_units(db, c, before, after).await?;
            let (tp, _) = ikm_units(db, t, early, late).await?;
            let (cp, _) = ikm_units(db, c, early, late).await?;
            let b = Bobot::Sepersembilan;
            (
                estimate_ikm(&td, &cd, b, iterasi, seed),
                estimate_ikm(&tp, &cp, b, iterasi, seed),
                td.len(),
                cd.len(),
                nt,
                nc,
            )
        }
    };
    let null = metric.null();
    let lulus = match (pre.ci_low, pre.ci_high) {
        (Some(l), Some(h)) => l <= null && null <= h,
        _ => false,
    };
    Ok(DampakReport {
        metric,
        treated_before: e.treated_before,
        treated_after: e.treated_after,
        control_before: e.control_before,
        control_after: e.control_after,
        effect: e.effect,
        ci_low: e.ci_low,
        ci_high: e.ci_high,
        units_treated: ut,
        units_control: uc,
        n_treated: nt,
        n_control: nc,
        verdict: verdict(metric, &e, &pre, ut, uc),
        pre_trend: PreTren {
            from: early.0.to_string(),
            to: late.1.to_string(),
            effect: pre.effect,
            ci_low: pre.ci_low,
            ci_high: pre.ci_high,
            lulus,
        },
        iterasi,
        seed,
    })
}
