//! The DiD on synthetic data with a known effect: units differ in their level and each unit has
//! its own period shock, treated units are multiplied by the true effect after the training and
//! every unit by a common drift; the 95% interval should cover the true effect in most seeds, be
//! wide with few units, and the verdict must say "belum dapat disimpulkan" when it spans no
//! effect.

use super::{Estimate, Metric, Rng, UnitData, estimate_waktu_detik, verdict};

/// Roughly normal noise with standard deviation `sd` (sum of 12 uniforms).
fn normal(rng: &mut Rng, sd: f64) -> f64 {
    #[allow(clippy::cast_precision_loss)]
    let s: f64 = (0..12).map(|_| rng.below(10_000) as f64 / 10_000.0).sum();
    (s - 6.0) * sd
}

/// `n` units of `per` transactions per window; after the training every value is multiplied by
/// `drift` and, for treated units, by `effect`.
fn group(rng: &mut Rng, n: usize, per: usize, effect: f64, drift: f64) -> Vec<UnitData<Vec<i64>>> {
    (0..n)
        .map(|_| {
            let level = 75.0 * normal(rng, 0.3).exp();
            let window = |factor: f64, rng: &mut Rng| {
                let shock = normal(rng, 0.08).exp();
                #[allow(clippy::cast_possible_truncation)]
                let mut v: Vec<i64> = (0..per)
                    .map(|_| {
                        (level * factor * shock * normal(rng, 0.5).exp() * 60.0).round() as i64
                    })
                    .collect();
                v.sort_unstable();
                v
            };
            UnitData {
                before: window(1.0, rng),
                after: window(effect * drift, rng),
            }
        })
        .collect()
}

fn run(seed: u64, units: usize, effect: f64) -> Estimate {
    let mut rng = Rng::new(seed * 7919 + 1);
    let t = group(&mut rng, units, 60, effect, 0.95);
    let c = group(&mut rng, units, 60, 1.0, 0.95);
    estimate_waktu_detik(&t, &c, 300, seed)
}

fn covers(e: &Estimate, x: f64) -> bool {
    matches!((e.ci_low, e.ci_high), (Some(l), Some(h)) if l <= x && x <= h)
}

#[test]
fn the_interval_covers_the_true_effect_in_most_seeds() {
    let seeds = 30;
    let hits = (0..seeds)
        .filter(|&s| covers(&run(s, 12, 0.5), 0.5))
        .count();
    assert!(
        hits * 10 >= seeds as usize * 8,
        "{hits} of {seeds} intervals cover 0.5"
    );
    // And it is a clear effect: no interval reaches 1 (no change).
    assert!((0..seeds).all(|s| run(s, 12, 0.5).ci_high.is_some_and(|h| h < 1.0)));
}

#[test]
fn the_interval_is_wide_with_few_units() {
    let width = |units: usize| {
        let w: f64 = (0..10)
            .map(|s| {
                let e = run(s, units, 0.5);
                e.ci_high.unwrap_or(f64::NAN).ln() - e.ci_low.unwrap_or(f64::NAN).ln()
            })
            .sum();
        w / 10.0
    };
    let (few, many) = (width(3), width(24));
    assert!(few > 2.0 * many, "few units {few:.3}, many {many:.3}");
}

#[test]
fn an_interval_spanning_no_effect_is_not_a_conclusion() {
    let mut spanning = 0;
    for s in 0..10 {
        let e = run(s, 4, 1.0);
        if covers(&e, 1.0) {
            spanning += 1;
            // The placebo here spans no effect too (the groups moved alike before).
            let v = verdict(Metric::Waktu, &e, &e, 4, 4);
            assert!(v.starts_with("Belum dapat disimpulkan"), "{v}");
            assert!(v.contains("mencakup 1"), "{v}");
        }
    }
    assert!(
        spanning >= 7,
        "no effect: {spanning} of 10 intervals include 1"
    );
}
