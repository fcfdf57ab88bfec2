//! Impact evaluation (*evaluasi dampak*): did the training change the outcome, or did something
//! else? Difference in differences between treated units (where trained staff serve) and
//! comparison units, before and after, with a 95% interval from a bootstrap that resamples whole
//! units (training happens per unit, so units — not transactions — are the independent draws),
//! and a placebo check on the periods before the training (pre-trend).
//!
//! For service time the effect is a ratio of medians: (treated after / treated before) ÷
//! (control after / control before); 0.5 means halved relative to the comparison units, 1 means
//! no difference. For the IKM it is a difference of converted values in points; 0 means none.

use serde::Serialize;

mod detik;
#[cfg(test)]
mod uji;
pub use detik::{estimate_waktu_detik, median_menit};

use crate::layanan::percentile_cont;
use crate::skm::{Akumulator, Bobot};

/// One unit's data in the before and after windows.
#[derive(Debug, Clone, Default)]
pub struct UnitData<T> {
    /// Before the training.
    pub before: T,
    /// After it.
    pub after: T,
}

/// What is measured.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Metric {
    /// Service time (minutes; effect = ratio of medians).
    Waktu,
    /// SKM index (converted value; effect = difference in points).
    Ikm,
}

impl Metric {
    /// The value meaning "no effect".
    pub fn null(self) -> f64 {
        match self {
            Metric::Waktu => 1.0,
            Metric::Ikm => 0.0,
        }
    }
}

/// Point estimate and 95% bootstrap interval.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Estimate {
    /// The four cell values.
    pub treated_before: Option<f64>,
    /// Treated, after.
    pub treated_after: Option<f64>,
    /// Comparison, before.
    pub control_before: Option<f64>,
    /// Comparison, after.
    pub control_after: Option<f64>,
    /// DiD effect.
    pub effect: Option<f64>,
    /// 2.5th percentile of the bootstrap effects.
    pub ci_low: Option<f64>,
    /// 97.5th percentile.
    pub ci_high: Option<f64>,
}

/// SplitMix64: small, deterministic, good enough for resampling.
#[derive(Debug, Clone)]
pub struct Rng(u64);

impl Rng {
    /// From a seed.
    pub fn new(seed: u64) -> Rng {
        Rng(seed)
    }
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    /// Uniform in 0..n (n > 0).
    pub fn below(&mut self, n: usize) -> usize {
        #[allow(clippy::cast_possible_truncation)]
        let r = (self.next() % (n.max(1) as u64)) as usize;
        r
    }
}

/// Pooled median of service times (minutes) of some units.
fn median_of(units: &[&Vec<f64>]) -> Option<f64> {
    let mut all: Vec<f64> = units.iter().flat_map(|v| v.iter().copied()).collect();
    all.sort_by(f64::total_cmp);
    percentile_cont(&all, 0.5)
}

/// Pooled IKM converted value of some units.
fn ikm_of(units: &[&Akumulator], bobot: Bobot) -> Option<f64> {
    let mut acc = Akumulator::default();
    for a in units {
        acc.merge(a);
    }
    acc.hitung(bobot).nilai
}

fn effect(metric: Metric, c: [Option<f64>; 4]) -> Option<f64> {
    let [tb, ta, cb, ca] = c;
    let (tb, ta, cb, ca) = (tb?, ta?, cb?, ca?);
    match metric {
        Metric::Waktu if tb > 0.0 && cb > 0.0 && ca > 0.0 => Some((ta / tb) / (ca / cb)),
        Metric::Waktu => None,
        Metric::Ikm => Some((ta - tb) - (ca - cb)),
    }
}

/// The units' data of one window.
fn pick<'a, T>(g: &[&'a UnitData<T>], after: bool) -> Vec<&'a T> {
    g.iter()
        .map(|u| if after { &u.after } else { &u.before })
        .collect()
}

/// The four cells of a (re)sample.
fn cells<T>(
    treated: &[&UnitData<T>],
    control: &[&UnitData<T>],
    stat: &dyn Fn(&[&T]) -> Option<f64>,
) -> [Option<f64>; 4] {
    [
        stat(&pick(treated, false)),
        stat(&pick(treated, true)),
        stat(&pick(control, false)),
        stat(&pick(control, true)),
    ]
}

/// DiD with a stratified unit bootstrap (`iterations` resamples of the treated and the control
/// units, with replacement, each group within itself).
pub fn estimate<T>(
    metric: Metric,
    treated: &[UnitData<T>],
    control: &[UnitData<T>],
    stat: &dyn Fn(&[&T]) -> Option<f64>,
    iterations: usize,
    seed: u64,
) -> Estimate {
    let t: Vec<&UnitData<T>> = treated.iter().collect();
    let c: Vec<&UnitData<T>> = control.iter().collect();
    let point = cells(&t, &c, stat);
    let eff = effect(metric, point);
    let mut rng = Rng::new(seed);
    let mut boot = Vec::with_capacity(iterations);
    if !t.is_empty() && !c.is_empty() {
        for _ in 0..iterations {
            let rt: Vec<&UnitData<T>> = (0..t.len())
                .filter_map(|_| t.get(rng.below(t.len())).copied())
                .collect();
            let rc: Vec<&UnitData<T>> = (0..c.len())
                .filter_map(|_| c.get(rng.below(c.len())).copied())
                .collect();
            if let Some(e) = effect(metric, cells(&rt, &rc, stat)) {
                boot.push(e);
            }
        }
    }
    boot.sort_by(f64::total_cmp);
    let enough = boot.len() * 10 >= iterations * 9 && iterations > 0;
    Estimate {
        treated_before: point[0],
        treated_after: point[1],
        control_before: point[2],
        control_after: point[3],
        effect: eff,
        ci_low: if enough {
            percentile_cont(&boot, 0.025)
        } else {
            None
        },
        ci_high: if enough {
            percentile_cont(&boot, 0.975)
        } else {
            None
        },
    }
}

/// Service time: per-unit minutes.
pub fn estimate_waktu(
    treated: &[UnitData<Vec<f64>>],
    control: &[UnitData<Vec<f64>>],
    iterations: usize,
    seed: u64,
) -> Estimate {
    estimate(
        Metric::Waktu,
        treated,
        control,
        &|g: &[&Vec<f64>]| median_of(g),
        iterations,
        seed,
    )
}

/// IKM: per-unit accumulators.
pub fn estimate_ikm(
    treated: &[UnitData<Akumulator>],
    control: &[UnitData<Akumulator>],
    bobot: Bobot,
    iterations: usize,
    seed: u64,
) -> Estimate {
    estimate(
        Metric::Ikm,
        treated,
        control,
        &|g: &[&Akumulator]| ikm_of(g, bobot),
        iterations,
        seed,
    )
}

/// A placebo effect (on the no-effect-is-0 scale) below this share of the effect is a note, not a
/// reason to withhold the conclusion.
pub const PRE_TREND_SHARE: f64 = 0.25;

/// Units needed in each group before any conclusion is drawn.
pub const MIN_UNITS: usize = 3;

/// The plain-language verdict (Bahasa Indonesia) from the estimate, the placebo estimate on the
/// earlier periods, and the number of units.
pub fn verdict(
    metric: Metric,
    e: &Estimate,
    pre: &Estimate,
    units_treated: usize,
    units_control: usize,
) -> String {
    let null = metric.null();
    let excludes =
        |x: &Estimate| matches!((x.ci_low, x.ci_high), (Some(l), Some(h)) if l > null || h < null);
    if units_treated < MIN_UNITS || units_control < MIN_UNITS {
        return format!(
            "Bukti belum cukup untuk menyimpulkan: hanya {units_treated} unit dilatih dan {units_control} unit pembanding \
             (perlu minimal {MIN_UNITS} di setiap kelompok)."
        );
    }
    let (Some(eff), Some(lo), Some(hi)) = (e.effect, e.ci_low, e.ci_high) else {
        return "Bukti belum cukup untuk menyimpulkan: data sebelum atau sesudah pelatihan tidak lengkap.".into();
    };
    // On the scale where "no effect" is 0 (log of a ratio for service time).
    let scale = |x: f64| match metric {
        Metric::Waktu => x.max(1e-9).ln(),
        Metric::Ikm => x,
    };
    let pre_gap = pre
        .effect
        .map_or(f64::INFINITY, |p| (scale(p) - scale(null)).abs());
    let gap = (scale(eff) - scale(null)).abs();
    // A placebo "effect" before the training that is real but small next to the effect itself is
    // reported, not fatal; one comparable to the effect means the groups were already drifting.
    let pre_minor = pre_gap < PRE_TREND_SHARE * gap;
    if excludes(pre) && !pre_minor {
        return "Tidak dapat disimpulkan: unit yang dilatih dan unit pembanding sudah bergerak berbeda sebelum pelatihan \
                (uji tren awal gagal), sehingga perbedaan sesudahnya bukan bukti dampak pelatihan."
            .into();
    }
    let pre_note = if excludes(pre) {
        format!(
            " Catatan: sebelum pelatihan kedua kelompok sudah sedikit berbeda arah (efek plasebo {}), jauh lebih kecil \
             daripada efek ini.",
            pre.effect.map_or("—".to_string(), |p| format!("{p:.2}"))
        )
    } else {
        " Tren sebelum pelatihan sejajar.".to_string()
    };
    if !excludes(e) {
        return match metric {
            Metric::Waktu => format!(
                "Belum dapat disimpulkan: relatif terhadap unit pembanding, waktu layanan menjadi {eff:.2} kali semula, \
                 tetapi selang kepercayaan 95% ({lo:.2}–{hi:.2}) masih mencakup 1 (tidak berubah)."
            ),
            Metric::Ikm => format!(
                "Belum dapat disimpulkan: relatif terhadap unit pembanding, nilai IKM berubah {eff:+.2} poin, tetapi \
                 selang kepercayaan 95% ({lo:+.2} s.d. {hi:+.2}) masih mencakup 0."
            ),
        };
    }
    match metric {
        Metric::Waktu => format!(
            "Waktu layanan di unit yang dilatih menjadi {eff:.2} kali semula dibanding perubahan di unit pembanding \
             (selang kepercayaan 95%: {lo:.2}–{hi:.2}).{pre_note} {}",
            if hi < 1.0 {
                "Pelatihan kemungkinan besar ikut mempercepat layanan."
            } else {
                "Layanan justru melambat relatif terhadap pembanding."
            }
        ),
        Metric::Ikm => format!(
            "Nilai IKM di unit yang dilatih berubah {eff:+.2} poin lebih besar daripada di unit pembanding (selang \
             kepercayaan 95%: {lo:+.2} s.d. {hi:+.2}).{pre_note}"
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn unit(before: f64, after: f64, n: usize) -> UnitData<Vec<f64>> {
        UnitData {
            before: vec![before; n],
            after: vec![after; n],
        }
    }

    #[test]
    fn ratio_of_medians_relative_to_the_comparison_units() {
        let t: Vec<_> = (0..4)
            .map(|i| unit(80.0 + f64::from(i), 40.0 + f64::from(i) / 2.0, 20))
            .collect();
        let c: Vec<_> = (0..4)
            .map(|i| unit(80.0 + f64::from(i), 72.0 + f64::from(i), 20))
            .collect();
        let e = estimate_waktu(&t, &c, 500, 7);
        // Treated halve; control fall by 10 %: the training's share is 0.5 / 0.9 ≈ 0.556.
        let eff = e.effect.unwrap();
        assert!((eff - (40.75 / 81.5) / (73.5 / 81.5)).abs() < 1e-9, "{eff}");
        assert!(e.ci_low.unwrap() <= eff && eff <= e.ci_high.unwrap());
        assert!(e.ci_high.unwrap() < 1.0);
        assert_eq!(
            estimate_waktu(&t, &c, 500, 7),
            e,
            "the seed makes it reproducible"
        );
    }

    #[test]
    fn no_change_gives_no_effect_and_a_cautious_verdict() {
        let t: Vec<_> = (0..4)
            .map(|i| unit(60.0 + f64::from(i) * 5.0, 60.0 + f64::from(i) * 5.0, 10))
            .collect();
        let c = t.clone();
        let e = estimate_waktu(&t, &c, 300, 1);
        assert!((e.effect.unwrap() - 1.0).abs() < 1e-9);
        let v = verdict(Metric::Waktu, &e, &e, 4, 4);
        assert!(
            v.starts_with("Belum dapat disimpulkan") || v.starts_with("Bukti belum cukup"),
            "{v}"
        );
        let few = verdict(Metric::Waktu, &e, &e, 2, 4);
        assert!(few.starts_with("Bukti belum cukup"), "{few}");
    }

    #[test]
    fn a_failed_pre_trend_blocks_the_conclusion() {
        let t: Vec<_> = (0..4)
            .map(|i| unit(80.0 + f64::from(i), 40.0, 20))
            .collect();
        let c: Vec<_> = (0..4)
            .map(|i| unit(80.0 + f64::from(i), 80.0, 20))
            .collect();
        let e = estimate_waktu(&t, &c, 300, 3);
        let v = verdict(Metric::Waktu, &e, &e, 4, 4);
        assert!(v.starts_with("Tidak dapat disimpulkan"), "{v}");
        let flat = estimate_waktu(&c, &c, 300, 3);
        let ok = verdict(Metric::Waktu, &e, &flat, 4, 4);
        assert!(ok.contains("kali semula"), "{ok}");
    }

    #[test]
    fn a_small_but_real_pre_trend_is_a_note_not_a_veto() {
        let est = |effect: f64, lo: f64, hi: f64| Estimate {
            treated_before: Some(1.0),
            treated_after: Some(1.0),
            control_before: Some(1.0),
            control_after: Some(1.0),
            effect: Some(effect),
            ci_low: Some(lo),
            ci_high: Some(hi),
        };
        let main = est(0.5, 0.45, 0.55);
        let v = verdict(Metric::Waktu, &main, &est(0.95, 0.93, 0.97), 5, 5);
        assert!(v.contains("Catatan") && v.contains("0.50 kali"), "{v}");
        let v = verdict(Metric::Waktu, &main, &est(0.7, 0.65, 0.75), 5, 5);
        assert!(v.starts_with("Tidak dapat disimpulkan"), "{v}");
    }

    #[test]
    fn ikm_effect_is_a_difference_in_points() {
        let acc = |v: u8, n: usize| {
            let j = crate::skm::Jawaban::new([Some(v); 9]).unwrap();
            let mut a = Akumulator::default();
            for _ in 0..n {
                a.add(&j);
            }
            a
        };
        let t: Vec<_> = (0..3)
            .map(|_| UnitData {
                before: acc(3, 10),
                after: acc(4, 10),
            })
            .collect();
        let c: Vec<_> = (0..3)
            .map(|_| UnitData {
                before: acc(3, 10),
                after: acc(3, 10),
            })
            .collect();
        let e = estimate_ikm(&t, &c, Bobot::Sepersembilan, 200, 9);
        assert_eq!(e.effect, Some(25.0));
        assert_eq!(
            (e.treated_before, e.treated_after),
            (Some(75.0), Some(100.0))
        );
    }
}
