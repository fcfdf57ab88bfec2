//! Exact rational arithmetic for the IKM engine: rounds `a/b × Σ sᵢ/cᵢ` to an integer, half
//! away from zero, with no binary floating point involved (REFERENCE §0.5).
//!
//! *Pecahan* means "fraction". The common denominator Π cᵢ of nine respondent counts can reach
//! 9 × 64 bits, so a minimal unsigned big integer ([`Besar`]) carries the comparison.

use std::cmp::Ordering;

/// Unsigned big integer, little-endian base 2³² limbs without trailing zero limbs.
#[derive(Clone, Debug, PartialEq, Eq)]
struct Besar(Vec<u32>);

impl Besar {
    fn from_u128(mut v: u128) -> Besar {
        let mut limbs = Vec::with_capacity(4);
        while v > 0 {
            #[allow(clippy::cast_possible_truncation)]
            limbs.push(v as u32);
            v >>= 32;
        }
        Besar(limbs)
    }

    fn mul(&self, other: &Besar) -> Besar {
        if self.0.is_empty() || other.0.is_empty() {
            return Besar(Vec::new());
        }
        let mut out = vec![0u32; self.0.len() + other.0.len()];
        for (i, &x) in self.0.iter().enumerate() {
            let mut carry = 0u64;
            for (j, &y) in other.0.iter().enumerate() {
                // (2³²−1)² + 2·(2³²−1) = 2⁶⁴−1: never overflows.
                let t = u64::from(out[i + j]) + u64::from(x) * u64::from(y) + carry;
                #[allow(clippy::cast_possible_truncation)]
                {
                    out[i + j] = t as u32;
                }
                carry = t >> 32;
            }
            let mut k = i + other.0.len();
            while carry > 0 {
                let t = u64::from(out[k]) + carry;
                #[allow(clippy::cast_possible_truncation)]
                {
                    out[k] = t as u32;
                }
                carry = t >> 32;
                k += 1;
            }
        }
        Besar(out).normalized()
    }

    fn add(&self, other: &Besar) -> Besar {
        let n = self.0.len().max(other.0.len());
        let mut out = Vec::with_capacity(n + 1);
        let mut carry = 0u64;
        for i in 0..n {
            let t = u64::from(self.0.get(i).copied().unwrap_or(0))
                + u64::from(other.0.get(i).copied().unwrap_or(0))
                + carry;
            #[allow(clippy::cast_possible_truncation)]
            out.push(t as u32);
            carry = t >> 32;
        }
        if carry > 0 {
            #[allow(clippy::cast_possible_truncation)]
            out.push(carry as u32);
        }
        Besar(out).normalized()
    }

    fn normalized(mut self) -> Besar {
        while self.0.last() == Some(&0) {
            self.0.pop();
        }
        self
    }
}

impl Ord for Besar {
    fn cmp(&self, other: &Self) -> Ordering {
        self.0
            .len()
            .cmp(&other.0.len())
            .then_with(|| self.0.iter().rev().cmp(other.0.iter().rev()))
    }
}

impl PartialOrd for Besar {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

/// `round(a/b × Σ s/c)` over `terms = [(s, c), …]`, half away from zero, computed exactly.
///
/// Terms with `c == 0` are skipped (an unsur nobody answered has no NRR). Returns 0 when no
/// term is left or `b == 0`; callers check those cases first.
pub(crate) fn bulat(terms: &[(u64, u64)], a: u128, b: u128) -> u128 {
    if b == 0 {
        return 0;
    }
    // Σ s/c = num/den with den = Π c.
    let mut num = Besar::from_u128(0);
    let mut den = Besar::from_u128(1);
    let mut sum_s: u128 = 0;
    for &(s, c) in terms.iter().filter(|(_, c)| *c > 0) {
        let c_big = Besar::from_u128(u128::from(c));
        num = num
            .mul(&c_big)
            .add(&Besar::from_u128(u128::from(s)).mul(&den));
        den = den.mul(&c_big);
        sum_s += u128::from(s);
    }
    // r = floor(a·num/(b·den) + 1/2)  ⇔  largest r with r·2b·den ≤ 2a·num + b·den.
    let rhs = Besar::from_u128(2 * a)
        .mul(&num)
        .add(&Besar::from_u128(b).mul(&den));
    let step = Besar::from_u128(2 * b).mul(&den);
    let fits = |r: u128| Besar::from_u128(r).mul(&step) <= rhs;
    // Σ s/c ≤ Σ s because every c ≥ 1, so the answer is below a·Σs/b + 2.
    let mut lo: u128 = 0;
    let mut hi: u128 = a.saturating_mul(sum_s) / b + 2;
    while hi - lo > 1 {
        let mid = lo + (hi - lo) / 2;
        if fits(mid) {
            lo = mid;
        } else {
            hi = mid;
        }
    }
    lo
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn big_integer_multiplies_and_compares() {
        let x = Besar::from_u128(u128::from(u64::MAX));
        let sq = x.mul(&x);
        let expected = Besar::from_u128(u128::from(u64::MAX) * u128::from(u64::MAX));
        assert_eq!(sq, expected);
        let cube = sq.mul(&x);
        assert!(cube > sq);
        assert_eq!(cube.0.len(), 6);
        assert_eq!(
            Besar::from_u128(5).add(&Besar::from_u128(7)),
            Besar::from_u128(12)
        );
        assert_eq!(Besar::from_u128(0).mul(&x), Besar::from_u128(0));
        assert!(Besar::from_u128(1 << 40) > Besar::from_u128((1 << 40) - 1));
    }

    #[test]
    fn rounds_exact_halves_away_from_zero() {
        // 8047.5 = 4995/18 × 29: the §2 synthetic example with weight 0.111.
        assert_eq!(bulat(&[(580, 20)], 4995, 18), 8048);
        assert_eq!(bulat(&[(1, 2)], 1, 1), 1);
        assert_eq!(bulat(&[(3, 2)], 1, 1), 2);
        assert_eq!(bulat(&[(1, 4)], 1, 1), 0);
    }

    #[test]
    fn sums_of_repeating_fractions_are_exact() {
        // 1/3 + 2/3 = 1 exactly; ×2500 = 2500.
        assert_eq!(bulat(&[(1, 3), (2, 3)], 2500, 1), 2500);
        // 1/3 × 3/2 = 0.5 → 1.
        assert_eq!(bulat(&[(1, 3)], 3, 2), 1);
        // 1/7 + 1/7 + ... (7 times) = 1 → ×2500/9 = 277.77 → 278.
        assert_eq!(bulat(&[(1, 7); 7], 2500, 9), 278);
    }

    #[test]
    fn huge_counts_do_not_overflow() {
        let m = u64::MAX;
        let terms = [(m, m); 9];
        // Σ = 9, ×2500/9 = 2500.
        assert_eq!(bulat(&terms, 2500, 9), 2500);
        let mixed = [(m, 1), (4, 3), (0, m)];
        let got = bulat(&mixed, 1, 1);
        assert_eq!(got, u128::from(m) + 1); // m + 1.33 → m + 1
    }

    #[test]
    fn empty_or_zero_counts_give_zero() {
        assert_eq!(bulat(&[], 2500, 9), 0);
        assert_eq!(bulat(&[(5, 0)], 2500, 9), 0);
        assert_eq!(bulat(&[(5, 1)], 2500, 0), 0);
    }
}
