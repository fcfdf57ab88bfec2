//! The IKM (*Indeks Kepuasan Masyarakat*, public-satisfaction index) calculation: integer
//! accumulators of answers and the exact computation of NRR, IKM, converted value and mutu
//! (REFERENCE §0.3–§0.7, §1.5).
//!
//! *NRR* (*nilai rata-rata*) is the mean score of one unsur; *NRR tertimbang* is NRR × weight;
//! the IKM (1..4) is their sum and the converted value (*nilai*, 25..100) is IKM × 25.
//!
//! Only integers are accumulated, so adding, removing (exclusions) and merging (roll-ups) are
//! exact and order-independent. The converted value is rounded once, exactly, from the integer
//! sums ([`super::pecahan`]); the `f64` fields are for display and never feed the rounding.
//!
//! **Unsur nobody answered.** Such an unsur has no NRR (`None`, never 0) and is left out of the
//! index; the remaining `k` unsur are re-weighted so the weights still sum as with nine: weight
//! 1/k for `1/9`, and 0.111 × 9/k for `0.111` (so a perfect score still caps at 99.90). This is
//! the regulation's own rule "bobot = jumlah bobot / jumlah unsur" applied to the unsur actually
//! surveyed. [`HasilIkm::unsur_dinilai`] records `k`, so a report can flag `k < 9`.

use super::pecahan::bulat;
use super::{Bobot, Jawaban, Mutu, Unsur, mutu_seperseratus};

/// Integer sums and counts per unsur, so that additions, removals (exclusions) and merges
/// (roll-ups, §0.7) are exact. Arrays are indexed by [`Unsur::index`].
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Akumulator {
    /// Questionnaires counted (each with at least one valid answer).
    pub responden: u64,
    /// Sum of the scores given to each unsur.
    pub jumlah: [u64; 9],
    /// Number of questionnaires that answered each unsur (the NRR divisor, §0.3).
    pub terisi: [u64; 9],
}

impl Akumulator {
    /// An accumulator over the given questionnaires.
    pub fn dari<'a>(jawaban: impl IntoIterator<Item = &'a Jawaban>) -> Akumulator {
        let mut acc = Akumulator::default();
        for j in jawaban {
            acc.add(j);
        }
        acc
    }

    /// Counts one questionnaire. Scores outside 1..=4 (only possible by building [`Jawaban`]
    /// by hand) are ignored; a questionnaire with no valid score is not counted at all.
    pub fn add(&mut self, j: &Jawaban) {
        if j.terisi() == 0 {
            return;
        }
        self.responden = self.responden.saturating_add(1);
        for u in Unsur::ALL {
            if let Some(v) = j.skor_sah(u) {
                let i = u.index();
                self.jumlah[i] = self.jumlah[i].saturating_add(u64::from(v));
                self.terisi[i] = self.terisi[i].saturating_add(1);
            }
        }
    }

    /// Takes back a questionnaire previously added (an exclusion). Saturating: removing what was
    /// never added cannot underflow, but leaves the accumulator meaningless
    /// (see [`Akumulator::konsisten`]).
    pub fn remove(&mut self, j: &Jawaban) {
        if j.terisi() == 0 {
            return;
        }
        self.responden = self.responden.saturating_sub(1);
        for u in Unsur::ALL {
            if let Some(v) = j.skor_sah(u) {
                let i = u.index();
                self.jumlah[i] = self.jumlah[i].saturating_sub(u64::from(v));
                self.terisi[i] = self.terisi[i].saturating_sub(1);
            }
        }
    }

    /// Pools another accumulator into this one (roll-up by pooling responses, §0.7). Merging an
    /// empty accumulator changes nothing: an empty unit is never a 0.
    pub fn merge(&mut self, other: &Akumulator) {
        self.responden = self.responden.saturating_add(other.responden);
        for i in 0..9 {
            self.jumlah[i] = self.jumlah[i].saturating_add(other.jumlah[i]);
            self.terisi[i] = self.terisi[i].saturating_add(other.terisi[i]);
        }
    }

    /// True when no questionnaire is counted.
    pub fn kosong(&self) -> bool {
        self.responden == 0
    }

    /// True when the counts could come from real questionnaires: per unsur
    /// `terisi ≤ responden` and `terisi ≤ jumlah ≤ 4·terisi`, and a counted questionnaire
    /// implies some answered unsur. Useful to check data loaded from storage.
    pub fn konsisten(&self) -> bool {
        let per_unsur = (0..9).all(|i| {
            let (s, c) = (u128::from(self.jumlah[i]), u128::from(self.terisi[i]));
            self.terisi[i] <= self.responden && c <= s && s <= 4 * c
        });
        let some_answer = self.responden == 0 || self.terisi.iter().any(|&c| c > 0);
        per_unsur && some_answer
    }

    /// NRR of `u` as the exact fraction (sum, count); `None` if nobody answered it.
    pub fn nrr_pecahan(&self, u: Unsur) -> Option<(u64, u64)> {
        let i = u.index();
        (self.responden > 0 && self.terisi[i] > 0).then_some((self.jumlah[i], self.terisi[i]))
    }

    /// Computes the index with the given weight (REFERENCE §0.3–§0.6).
    pub fn hitung(&self, bobot: Bobot) -> HasilIkm {
        let mut hasil = HasilIkm::kosong(self.responden, bobot);
        let pecahan: Vec<(Unsur, u64, u64)> = Unsur::ALL
            .into_iter()
            .filter_map(|u| self.nrr_pecahan(u).map(|(s, c)| (u, s, c)))
            .collect();
        let k = pecahan.len();
        if k == 0 {
            return hasil;
        }
        #[allow(clippy::cast_possible_truncation)]
        let k_u8 = k as u8; // k ≤ 9
        hasil.unsur_dinilai = k_u8;
        let bobot_efektif = bobot_efektif(bobot, k_u8);

        let mut sum_nrr = 0.0;
        for &(u, s, c) in &pecahan {
            let i = u.index();
            // REFERENCE §0.3: divide by the questionnaires that answered this unsur.
            let nrr = s as f64 / c as f64;
            sum_nrr += nrr;
            hasil.nrr[i] = Some(nrr);
            hasil.nrr_tertimbang[i] = Some(nrr * bobot_efektif);
            // REFERENCE §0.6: per-unsur mutu on NRR × 25, rounded to 2 decimals like the index.
            let x100 = as_u64(bulat(&[(s, c)], 2500, 1));
            hasil.nilai_unsur[i] = Some(x100 as f64 / 100.0);
            hasil.mutu_unsur[i] = Some(mutu_seperseratus(x100));
        }
        // REFERENCE §0.5: Σ NRR × weight with no intermediate rounding.
        hasil.ikm = Some(sum_nrr * bobot_efektif);

        // REFERENCE §0.5: converted value = IKM × 25, rounded once to 2 decimals, half away from
        // zero, computed exactly: ×100 gives a/b × Σ s/c with
        //   1/9:   100 × 25 × (1/k)        = 2500 / k
        //   0.111: 100 × 25 × 0.111 × 9/k  = 4995 / (2k)
        let (a, b) = match bobot {
            Bobot::Sepersembilan => (2500, k as u128),
            Bobot::Literal0111 => (4995, 2 * k as u128),
        };
        let terms: Vec<(u64, u64)> = pecahan.iter().map(|&(_, s, c)| (s, c)).collect();
        let x100 = as_u64(bulat(&terms, a, b));
        hasil.nilai_x100 = Some(x100);
        hasil.nilai = Some(x100 as f64 / 100.0);
        // REFERENCE §0.6: mutu is read from the rounded converted value.
        hasil.mutu = Some(mutu_seperseratus(x100));

        // §1.7 follow-up names the lowest and highest unsur; exact comparison s₁·c₂ vs s₂·c₁,
        // ties resolved to the first in `Unsur::ALL` order.
        let lt = |x: &(Unsur, u64, u64), y: &(Unsur, u64, u64)| {
            u128::from(x.1) * u128::from(y.2) < u128::from(y.1) * u128::from(x.2)
        };
        let mut low = pecahan[0];
        let mut high = pecahan[0];
        for p in &pecahan[1..] {
            if lt(p, &low) {
                low = *p;
            }
            if lt(&high, p) {
                high = *p;
            }
        }
        hasil.unsur_terendah = Some(low.0);
        hasil.unsur_tertinggi = Some(high.0);
        hasil
    }
}

/// Weight applied to each answered unsur when `k` of the nine have an NRR (see module doc).
fn bobot_efektif(bobot: Bobot, k: u8) -> f64 {
    match (bobot, k) {
        (Bobot::Literal0111, 9) => 0.111,
        (Bobot::Literal0111, k) => 0.999 / f64::from(k),
        (Bobot::Sepersembilan, k) => 1.0 / f64::from(k),
    }
}

fn as_u64(v: u128) -> u64 {
    u64::try_from(v).unwrap_or(u64::MAX)
}

/// The result of [`Akumulator::hitung`]: every figure of an SKM report for one unit and period,
/// with the weight it used. Arrays are indexed by [`Unsur::index`].
///
/// With `responden == 0` every value is `None` (never 0).
#[derive(Clone, Debug, PartialEq, serde::Serialize)]
pub struct HasilIkm {
    /// Questionnaires counted.
    pub responden: u64,
    /// The weight used (serialized as `"1/9"` or `"0.111"`).
    pub bobot: Bobot,
    /// Number of unsur with an NRR, i.e. in the index (9 for a complete survey).
    pub unsur_dinilai: u8,
    /// NRR per unsur, full precision; `None` if nobody answered the unsur.
    pub nrr: [Option<f64>; 9],
    /// NRR × effective weight per unsur, full precision.
    pub nrr_tertimbang: [Option<f64>; 9],
    /// NRR × 25 per unsur, rounded exactly to 2 decimals (the per-unsur converted value).
    pub nilai_unsur: [Option<f64>; 9],
    /// Mutu per unsur, from `nilai_unsur` (§0.6).
    pub mutu_unsur: [Option<Mutu>; 9],
    /// IKM on the 1..4 scale, unrounded.
    pub ikm: Option<f64>,
    /// Converted value 25..100, rounded exactly to 2 decimals, half away from zero.
    pub nilai: Option<f64>,
    /// The converted value in hundredths (8048 = 80.48): the exact figure to store and compare.
    pub nilai_x100: Option<u64>,
    /// Mutu of the converted value (§0.6).
    pub mutu: Option<Mutu>,
    /// Unsur with the lowest NRR (first in `Unsur::ALL` order on ties).
    pub unsur_terendah: Option<Unsur>,
    /// Unsur with the highest NRR (first in `Unsur::ALL` order on ties).
    pub unsur_tertinggi: Option<Unsur>,
}

impl HasilIkm {
    fn kosong(responden: u64, bobot: Bobot) -> HasilIkm {
        HasilIkm {
            responden,
            bobot,
            unsur_dinilai: 0,
            nrr: [None; 9],
            nrr_tertimbang: [None; 9],
            nilai_unsur: [None; 9],
            mutu_unsur: [None; 9],
            ikm: None,
            nilai: None,
            nilai_x100: None,
            mutu: None,
            unsur_terendah: None,
            unsur_tertinggi: None,
        }
    }

    /// NRR of one unsur.
    pub fn nrr_of(&self, u: Unsur) -> Option<f64> {
        self.nrr[u.index()]
    }

    /// Mutu of one unsur.
    pub fn mutu_of(&self, u: Unsur) -> Option<Mutu> {
        self.mutu_unsur[u.index()]
    }
}

#[cfg(test)]
mod tests;
