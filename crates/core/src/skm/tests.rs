//! Randomized check of the engine: accumulators built by adding, excluding and merging equal a
//! recomputation from scratch, and the exact converted value matches an independent oracle.

use super::*;

/// Deterministic linear congruential generator (Knuth's MMIX constants); no `rand` needed.
struct Lcg(u64);

impl Lcg {
    fn next(&mut self) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        self.0 >> 33
    }

    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
}

fn random_jawaban(rng: &mut Lcg, skipped: [bool; 9]) -> Jawaban {
    let mut values = [None; 9];
    for (i, v) in values.iter_mut().enumerate() {
        if !skipped[i] && rng.below(6) != 0 {
            *v = Some(u8::try_from(1 + rng.below(4)).unwrap());
        }
    }
    if values.iter().all(Option::is_none) {
        let i = (0..9).find(|&i| !skipped[i]).unwrap_or(0);
        values[i] = Some(u8::try_from(1 + rng.below(4)).unwrap());
    }
    Jawaban::new(values).unwrap()
}

/// Independent oracle: hundredths of the converted value from the raw answers, with a common
/// denominator in u128 (small counts only).
fn oracle_x100(list: &[Jawaban], bobot: Bobot) -> Option<u64> {
    let mut terms = Vec::new();
    for u in Unsur::ALL {
        let scores: Vec<u128> = list
            .iter()
            .filter_map(|j| j.get(u))
            .map(u128::from)
            .collect();
        if !scores.is_empty() {
            terms.push((scores.iter().sum::<u128>(), scores.len() as u128));
        }
    }
    if terms.is_empty() {
        return None;
    }
    let k = terms.len() as u128;
    let den: u128 = terms.iter().map(|t| t.1).product();
    let num: u128 = terms.iter().map(|(s, c)| s * (den / c)).sum();
    // value×100 = a·num / (b·den)
    let (a, b) = match bobot {
        Bobot::Sepersembilan => (2500, k),
        Bobot::Literal0111 => (4995, 2 * k),
    };
    Some(u64::try_from((2 * a * num + b * den) / (2 * b * den)).unwrap())
}

#[test]
fn add_remove_merge_equal_recomputation_from_scratch() {
    let mut rng = Lcg(0x05EE_D1CE);
    for trial in 0..400 {
        // Some trials leave one or two unsur out of the questionnaire entirely.
        let mut skipped = [false; 9];
        if trial % 4 == 0 {
            skipped[usize::try_from(rng.below(9)).unwrap()] = true;
            skipped[usize::try_from(rng.below(9)).unwrap()] = true;
        }
        let m = rng.below(25);
        let list: Vec<Jawaban> = (0..m).map(|_| random_jawaban(&mut rng, skipped)).collect();

        // Merge of a random 3-way partition equals the whole.
        let full = Akumulator::dari(&list);
        let mut parts = [Akumulator::default(); 3];
        for j in &list {
            parts[usize::try_from(rng.below(3)).unwrap()].add(j);
        }
        let mut merged = Akumulator::default();
        for p in &parts {
            merged.merge(p);
        }
        assert_eq!(merged, full, "trial {trial}");
        assert_eq!(Akumulator::dari(list.iter().rev()), full);
        assert!(full.konsisten());

        // Excluding a random subset equals recomputing from what is kept.
        let mut excluded = full;
        let mut kept = Vec::new();
        for j in &list {
            if rng.below(3) == 0 {
                excluded.remove(j);
            } else {
                kept.push(*j);
            }
        }
        let fresh = Akumulator::dari(&kept);
        assert_eq!(excluded, fresh, "trial {trial}");

        for bobot in [Bobot::Sepersembilan, Bobot::Literal0111] {
            let h = excluded.hitung(bobot);
            assert_eq!(h, fresh.hitung(bobot));
            assert_eq!(h.responden, kept.len() as u64);
            assert_eq!(h.nilai_x100, oracle_x100(&kept, bobot), "trial {trial}");
            assert_eq!(h.mutu, h.nilai_x100.map(mutu_seperseratus));
            for u in Unsur::ALL {
                let scores: Vec<f64> = kept
                    .iter()
                    .filter_map(|j| j.get(u))
                    .map(f64::from)
                    .collect();
                let naive =
                    (!scores.is_empty()).then(|| scores.iter().sum::<f64>() / scores.len() as f64);
                match (h.nrr_of(u), naive) {
                    (Some(a), Some(b)) => assert!((a - b).abs() < 1e-12),
                    (a, b) => assert_eq!(a, b),
                }
            }
            let answered: Vec<f64> = h.nrr.iter().flatten().copied().collect();
            assert_eq!(usize::from(h.unsur_dinilai), answered.len());
            if let (Some(lo), Some(hi)) = (h.unsur_terendah, h.unsur_tertinggi) {
                let min = answered.iter().copied().fold(f64::INFINITY, f64::min);
                let max = answered.iter().copied().fold(f64::NEG_INFINITY, f64::max);
                assert_eq!(h.nrr_of(lo), Some(min));
                assert_eq!(h.nrr_of(hi), Some(max));
            } else {
                assert!(kept.is_empty());
            }
        }
    }
}

#[test]
fn roll_up_equals_pooling_every_questionnaire() {
    let mut rng = Lcg(42);
    let units: Vec<Vec<Jawaban>> = (0..6)
        .map(|u| {
            // Unit 2 has no responses at all.
            let n = if u == 2 { 0 } else { 1 + rng.below(15) };
            (0..n)
                .map(|_| random_jawaban(&mut rng, [false; 9]))
                .collect()
        })
        .collect();
    let accs: Vec<Akumulator> = units.iter().map(Akumulator::dari).collect();
    let g = gabung(accs.iter().enumerate());
    assert_eq!(g.tanpa_data, [2]);
    assert_eq!(g.berdata, [0, 1, 3, 4, 5]);
    let all: Vec<Jawaban> = units.concat();
    assert_eq!(g.total, Akumulator::dari(&all));
    assert_eq!(
        g.hitung(Bobot::default()).nilai_x100,
        oracle_x100(&all, Bobot::default())
    );
}
