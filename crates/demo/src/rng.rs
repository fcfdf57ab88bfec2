//! A small deterministic pseudo-random generator (SplitMix64), so the demo data set is the same
//! on every machine for a given seed without depending on the `rand` crate.

/// SplitMix64 (Steele, Lea & Flood 2014): 64 bits of state, passes BigCrush, ample for demo data.
#[derive(Debug, Clone)]
pub(crate) struct Rng {
    state: u64,
}

impl Rng {
    /// A generator for `seed`; `stream` separates independent uses of the same seed.
    pub(crate) fn new(seed: u64, stream: u64) -> Self {
        let mut rng = Rng {
            state: seed ^ stream.wrapping_mul(0xD1B5_4A32_D192_ED03),
        };
        // Discard one output so nearby seeds do not start with related values.
        rng.next_u64();
        rng
    }

    /// The next 64 random bits.
    pub(crate) fn next_u64(&mut self) -> u64 {
        self.state = self.state.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.state;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A uniform integer in `0..n` (0 when `n` is 0), by Lemire's multiply-shift.
    pub(crate) fn below(&mut self, n: u64) -> u64 {
        ((u128::from(self.next_u64()) * u128::from(n)) >> 64) as u64
    }

    /// A uniform integer in `lo..=hi` (`lo` when `hi < lo`).
    pub(crate) fn range(&mut self, lo: i32, hi: i32) -> i32 {
        if hi <= lo {
            return lo;
        }
        let span = u64::from(hi.abs_diff(lo)) + 1;
        // span fits in u32 + 1, so the offset fits back into i32 arithmetic via i64.
        let off = self.below(span);
        i32::try_from(i64::from(lo) + off as i64).unwrap_or(lo)
    }

    /// True with probability `pct` percent.
    pub(crate) fn chance(&mut self, pct: u32) -> bool {
        self.below(100) < u64::from(pct)
    }

    /// A uniformly chosen element (`None` for an empty slice).
    pub(crate) fn pick<'a, T>(&mut self, items: &'a [T]) -> Option<&'a T> {
        let i = usize::try_from(self.below(items.len() as u64)).unwrap_or(0);
        items.get(i)
    }

    /// An index chosen with probability proportional to `weight(item)` (`None` if all are 0).
    pub(crate) fn weighted<T>(&mut self, items: &[T], weight: impl Fn(&T) -> u32) -> Option<usize> {
        let total: u64 = items.iter().map(|t| u64::from(weight(t))).sum();
        if total == 0 {
            return None;
        }
        let mut r = self.below(total);
        for (i, item) in items.iter().enumerate() {
            let w = u64::from(weight(item));
            if r < w {
                return Some(i);
            }
            r -= w;
        }
        None
    }
}

#[cfg(test)]
mod tests {
    use super::Rng;

    #[test]
    fn same_seed_same_sequence_and_streams_differ() {
        let a: Vec<u64> = {
            let mut r = Rng::new(7, 0);
            (0..4).map(|_| r.next_u64()).collect()
        };
        let mut b = Rng::new(7, 0);
        assert_eq!(a, (0..4).map(|_| b.next_u64()).collect::<Vec<_>>());
        let mut c = Rng::new(7, 1);
        assert_ne!(a[0], c.next_u64());
    }

    #[test]
    fn range_stays_inside_bounds_and_hits_both_ends() {
        let mut r = Rng::new(1, 2);
        let xs: Vec<i32> = (0..2000).map(|_| r.range(-3, 3)).collect();
        assert!(xs.iter().all(|x| (-3..=3).contains(x)));
        assert!(xs.contains(&-3) && xs.contains(&3));
        assert_eq!(r.range(5, 2), 5);
    }

    #[test]
    fn weighted_never_picks_zero_weight() {
        let mut r = Rng::new(3, 3);
        let items = [0u32, 5, 0, 1];
        for _ in 0..500 {
            let i = r.weighted(&items, |w| *w).unwrap();
            assert!(i == 1 || i == 3);
        }
        assert_eq!(r.weighted(&[0u32, 0], |w| *w), None);
    }
}
