//! The pooled median of whole-second durations over a resample of units, without pooling: each
//! unit keeps its durations sorted, and the k-th smallest of the union is found by a binary search
//! on the value (count of durations ≤ v = Σ over the drawn units of a binary search in each). A
//! resample costs O(units · log n · log range) instead of sorting every transaction again, and the
//! result is exactly `percentile_cont(0.5)` of the pooled minutes (tested against it).

use super::{Estimate, Metric, UnitData, estimate};
use crate::layanan::sebaran::percentile_menit;

/// Median in minutes of the drawn units' sorted second durations, interpolated like
/// `percentile_cont` over the pooled minutes.
pub fn median_menit(units: &[&Vec<i64>]) -> Option<f64> {
    percentile_menit(units, 0.5)
}

/// Service time from per-unit durations in whole seconds, each unit's list sorted ascending.
pub fn estimate_waktu_detik(
    treated: &[UnitData<Vec<i64>>],
    control: &[UnitData<Vec<i64>>],
    iterations: usize,
    seed: u64,
) -> Estimate {
    estimate(
        Metric::Waktu,
        treated,
        control,
        &|g: &[&Vec<i64>]| median_menit(g),
        iterations,
        seed,
    )
}

#[cfg(test)]
mod tests {
    use super::super::{Rng, estimate_waktu};
    use super::*;

    fn units(rng: &mut Rng, n: usize, scale: usize) -> Vec<UnitData<Vec<i64>>> {
        (0..n)
            .map(|_| {
                let mut side = || {
                    let len = 1 + rng.below(40);
                    let mut v: Vec<i64> = (0..len)
                        .map(|_| i64::try_from(60 + rng.below(scale)).unwrap_or(60))
                        .collect();
                    v.sort_unstable();
                    v
                };
                UnitData {
                    before: side(),
                    after: side(),
                }
            })
            .collect()
    }

    #[allow(clippy::cast_precision_loss)]
    fn minutes(u: &[UnitData<Vec<i64>>]) -> Vec<UnitData<Vec<f64>>> {
        let m = |v: &Vec<i64>| v.iter().map(|&s| s as f64 / 60.0).collect();
        u.iter()
            .map(|x| UnitData {
                before: m(&x.before),
                after: m(&x.after),
            })
            .collect()
    }

    #[test]
    fn equals_the_pooled_sort_exactly() {
        let mut rng = Rng::new(42);
        for round in 0..20 {
            let t = units(&mut rng, 2 + round % 5, 3_000 + round * 50);
            let c = units(&mut rng, 3 + round % 4, 200 + round);
            let fast = estimate_waktu_detik(&t, &c, 200, round as u64);
            let slow = estimate_waktu(&minutes(&t), &minutes(&c), 200, round as u64);
            assert_eq!(fast, slow, "round {round}");
        }
    }

    #[test]
    fn median_of_hand_values() {
        let a = vec![60, 120, 600];
        let b = vec![180];
        // Pooled 60, 120, 180, 600 s: median (2 + 3) / 2 = 2.5 minutes; a drawn twice: 60, 60,
        // 120, 120, 180, 600, 600 → 120 s.
        assert_eq!(median_menit(&[&a, &b]), Some(2.5));
        assert_eq!(median_menit(&[&a, &a, &b]), Some(2.0));
        assert_eq!(median_menit(&[]), None);
    }
}
