//! Tests of the IKM calculation: the §2 worked examples and the §0 failure modes.

use super::*;

/// `n` questionnaires whose answers to unsur `i` sum to `sums[i]` (each `n ≤ sum ≤ 4n`).
fn kuesioner(n: u64, sums: [u64; 9]) -> Vec<Jawaban> {
    (0..n)
        .map(|r| {
            let mut values = [None; 9];
            for (i, &s) in sums.iter().enumerate() {
                let (base, rem) = (s / n, s % n);
                let v = base + u64::from(r < rem);
                values[i] = Some(u8::try_from(v).unwrap());
            }
            Jawaban::new(values).unwrap()
        })
        .collect()
}

fn seragam(n: u64, s: u64) -> Akumulator {
    Akumulator {
        responden: n,
        jumlah: [s; 9],
        terisi: [n; 9],
    }
}

#[test]
fn v1_perfect_score_with_both_weights() {
    // REFERENCE §2 V1: one respondent, all 4.
    let acc = Akumulator::dari(&kuesioner(1, [4; 9]));
    let exact = acc.hitung(Bobot::Sepersembilan);
    assert_eq!(exact.nilai_x100, Some(10_000));
    assert_eq!(exact.nilai, Some(100.0));
    assert_eq!(exact.ikm, Some(4.0));
    assert_eq!(exact.mutu, Some(Mutu::A));
    assert_eq!(exact.bobot, Bobot::Sepersembilan);

    let literal = acc.hitung(Bobot::Literal0111);
    assert_eq!(literal.nilai_x100, Some(9_990));
    assert_eq!(literal.nilai, Some(99.9));
    assert!((literal.ikm.unwrap() - 3.996).abs() < 1e-12);
    assert!((literal.nrr_tertimbang[0].unwrap() - 0.444).abs() < 1e-12);
    assert_eq!(literal.mutu, Some(Mutu::A));
    assert_eq!(literal.bobot, Bobot::Literal0111);
}

#[test]
fn synthetic_example_rounds_80_475_up() {
    // REFERENCE §2 synthetic example: NRR 3.20, 3.15, 2.95, 3.90, 3.10, 3.25, 3.40, 3.05, 3.00
    // from 20 questionnaires.
    let sums = [64, 63, 59, 78, 62, 65, 68, 61, 60];
    let acc = Akumulator::dari(&kuesioner(20, sums));
    assert_eq!(acc.responden, 20);

    let literal = acc.hitung(Bobot::Literal0111);
    let expected_nrr = [3.20, 3.15, 2.95, 3.90, 3.10, 3.25, 3.40, 3.05, 3.00];
    for (got, want) in literal.nrr.iter().zip(expected_nrr) {
        assert!((got.unwrap() - want).abs() < 1e-12);
    }
    assert!((literal.nrr_tertimbang[Unsur::Persyaratan.index()].unwrap() - 0.3552).abs() < 1e-12);
    assert!((literal.nrr_tertimbang[Unsur::Prosedur.index()].unwrap() - 0.34965).abs() < 1e-12);
    assert!((literal.ikm.unwrap() - 3.219).abs() < 1e-12);
    // Exactly 80.475 → 80.48, not the 80.47 binary floating point tends to give.
    assert_eq!(literal.nilai_x100, Some(8048));
    assert_eq!(literal.nilai, Some(80.48));
    assert_eq!(literal.mutu, Some(Mutu::B));
    assert_eq!(literal.unsur_terendah, Some(Unsur::Waktu));
    assert_eq!(literal.unsur_tertinggi, Some(Unsur::Biaya));

    let exact = acc.hitung(Bobot::Sepersembilan);
    assert_eq!(exact.nilai_x100, Some(8056)); // 80.555… → 80.56
    assert_eq!(exact.mutu, Some(Mutu::B));
    assert_eq!(exact.nilai_unsur[Unsur::Biaya.index()], Some(97.5));
    assert_eq!(exact.mutu_of(Unsur::Biaya), Some(Mutu::A));
    assert_eq!(exact.mutu_of(Unsur::Waktu), Some(Mutu::C)); // 73.75
}

#[test]
fn nrr_divides_by_those_who_answered_not_all_respondents() {
    // Failure mode (§0): dividing by all respondents. 10 questionnaires, only 5 answered
    // pengaduan (all with 4): its NRR is 4, not 2.
    let mut list = kuesioner(10, [40; 9]);
    for j in list.iter_mut().take(5) {
        j.0[Unsur::Pengaduan.index()] = None;
    }
    let h = Akumulator::dari(&list).hitung(Bobot::default());
    assert_eq!(h.responden, 10);
    assert_eq!(h.nrr_of(Unsur::Pengaduan), Some(4.0));
    assert_eq!(h.nilai_x100, Some(10_000));
    assert_eq!(h.unsur_dinilai, 9);
}

#[test]
fn index_is_not_rounded_before_conversion() {
    // Failure mode (§0): IKM 3.534 rounded to 3.53 gives 88.25 (B); unrounded it is 88.35 (A).
    let h = seragam(1000, 3534).hitung(Bobot::Sepersembilan);
    assert!((h.ikm.unwrap() - 3.534).abs() < 1e-12);
    assert_eq!(h.nilai_x100, Some(8835));
    assert_eq!(h.mutu, Some(Mutu::A));
    assert!(h.mutu_unsur.iter().all(|m| *m == Some(Mutu::A)));
}

#[test]
fn band_edges_through_the_engine() {
    // (sum per unsur over 10 000 questionnaires, expected hundredths, expected mutu)
    let cases = [
        (25_996, 6499, Mutu::D), // 64.99
        (25_998, 6500, Mutu::C), // 64.995 exactly → 65.00
        (26_000, 6500, Mutu::C), // 65.00
        (30_640, 7660, Mutu::C), // 76.60
        (30_642, 7661, Mutu::B), // 76.605 exactly → 76.61
        (30_644, 7661, Mutu::B), // 76.61
        (35_320, 8830, Mutu::B), // 88.30
        (35_322, 8831, Mutu::A), // 88.305 exactly → 88.31
        (35_324, 8831, Mutu::A), // 88.31
        (10_000, 2500, Mutu::D), // 25.00
    ];
    for (s, x100, m) in cases {
        let h = seragam(10_000, s).hitung(Bobot::Sepersembilan);
        assert_eq!(h.nilai_x100, Some(x100), "sum {s}");
        assert_eq!(h.mutu, Some(m), "sum {s}");
        assert_eq!(h.mutu_unsur[0], Some(m), "sum {s}");
    }
}

#[test]
fn no_respondents_means_no_values_never_zero() {
    let h = Akumulator::default().hitung(Bobot::default());
    assert_eq!(h.responden, 0);
    assert_eq!(h.unsur_dinilai, 0);
    assert_eq!(h.ikm, None);
    assert_eq!(h.nilai, None);
    assert_eq!(h.nilai_x100, None);
    assert_eq!(h.mutu, None);
    assert_eq!(h.unsur_terendah, None);
    assert!(h.nrr.iter().all(Option::is_none));
    assert!(h.nrr_tertimbang.iter().all(Option::is_none));
    assert!(h.mutu_unsur.iter().all(Option::is_none));

    // Adding and then excluding every questionnaire returns to the empty result.
    let list = kuesioner(3, [9; 9]);
    let mut acc = Akumulator::dari(&list);
    for j in &list {
        acc.remove(j);
    }
    assert_eq!(acc, Akumulator::default());
    assert_eq!(acc.hitung(Bobot::default()), h);
}

#[test]
fn unanswered_unsur_is_left_out_and_the_rest_reweighted() {
    // Biaya never answered; the other eight all score 3.
    let mut list = kuesioner(4, [12; 9]);
    for j in &mut list {
        j.0[Unsur::Biaya.index()] = None;
    }
    let h = Akumulator::dari(&list).hitung(Bobot::Sepersembilan);
    assert_eq!(h.unsur_dinilai, 8);
    assert_eq!(h.nrr_of(Unsur::Biaya), None);
    assert_eq!(h.mutu_of(Unsur::Biaya), None);
    assert_eq!(h.nilai_unsur[Unsur::Biaya.index()], None);
    // 75.00, not 66.67 (which counting biaya as 0 with weight 1/9 would give).
    assert_eq!(h.nilai_x100, Some(7500));
    assert_eq!(h.mutu, Some(Mutu::C));
    assert!((h.nrr_tertimbang[0].unwrap() - 3.0 / 8.0).abs() < 1e-12);
    assert_eq!(h.unsur_terendah, Some(Unsur::Persyaratan));

    // With 0.111 the eight weights sum to 0.999 as the nine would: perfect still caps at 99.90.
    let mut perfect = kuesioner(2, [8; 9]);
    for j in &mut perfect {
        j.0[Unsur::Sarana.index()] = None;
    }
    let h = Akumulator::dari(&perfect).hitung(Bobot::Literal0111);
    assert_eq!(h.unsur_dinilai, 8);
    assert_eq!(h.nilai_x100, Some(9990));
}

#[test]
fn out_of_scale_answers_never_reach_the_index() {
    // Failure mode (§0): 1–5 scales. `Jawaban::new` rejects them; a hand-built one is ignored.
    let mut acc = Akumulator::default();
    acc.add(&Jawaban([Some(5); 9]));
    acc.add(&Jawaban::default());
    assert_eq!(acc, Akumulator::default());

    let mut mixed = [Some(4); 9];
    mixed[Unsur::Waktu.index()] = Some(5);
    acc.add(&Jawaban(mixed));
    assert_eq!(acc.responden, 1);
    assert_eq!(acc.terisi[Unsur::Waktu.index()], 0);
    let h = acc.hitung(Bobot::default());
    assert_eq!(h.nrr_of(Unsur::Waktu), None);
    assert_eq!(h.nilai_x100, Some(10_000));
}

#[test]
fn lowest_and_highest_compare_exactly_and_break_ties_in_order() {
    // Differences of 1e-17 vanish in f64 but not in the exact comparison.
    let n = 100_000_000_000_000_000u64;
    let mut acc = seragam(n, 3 * n);
    acc.jumlah[Unsur::Prosedur.index()] = 3 * n + 1;
    acc.jumlah[Unsur::Waktu.index()] = 3 * n - 1;
    let h = acc.hitung(Bobot::default());
    assert_eq!(h.nrr_of(Unsur::Prosedur), h.nrr_of(Unsur::Persyaratan));
    assert_eq!(h.unsur_tertinggi, Some(Unsur::Prosedur));
    assert_eq!(h.unsur_terendah, Some(Unsur::Waktu));

    // A plain tie goes to the first unsur in `Unsur::ALL` order.
    let h = seragam(4, 12).hitung(Bobot::default());
    assert_eq!(h.unsur_terendah, Some(Unsur::Persyaratan));
    assert_eq!(h.unsur_tertinggi, Some(Unsur::Persyaratan));
}

#[test]
fn merge_is_pooling_and_empty_merge_is_identity() {
    let a = Akumulator::dari(&kuesioner(2, [8; 9]));
    let b = Akumulator::dari(&kuesioner(6, [6; 9]));
    let mut pooled = a;
    pooled.merge(&b);
    pooled.merge(&Akumulator::default());
    // Weighted by respondents: (2·4 + 6·1)/8 = 1.75 per unsur → 43.75.
    let h = pooled.hitung(Bobot::default());
    assert_eq!(h.responden, 8);
    assert_eq!(h.nilai_x100, Some(4375));
    let mut again = a;
    again.merge(&Akumulator::default());
    assert_eq!(again, a);
}

#[test]
fn consistency_check_flags_impossible_counts() {
    assert!(Akumulator::default().konsisten());
    assert!(Akumulator::dari(&kuesioner(5, [13; 9])).konsisten());
    assert!(!seragam(2, 9).konsisten()); // mean 4.5 > 4
    assert!(!seragam(2, 1).konsisten()); // mean 0.5 < 1
    let no_answers = Akumulator {
        responden: 1,
        ..Akumulator::default()
    };
    assert!(!no_answers.konsisten());
    // Inconsistent data does not panic.
    let h = seragam(u64::MAX, u64::MAX).hitung(Bobot::Literal0111);
    assert_eq!(h.nilai_x100, Some(2498)); // NRR 1 → 24.975 → 24.98
}
