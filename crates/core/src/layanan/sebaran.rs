//! Exact service-time distributions without pooling every transaction (issue 5 figures).
//!
//! A *summary* holds the durations of one (unit, service type, month) cell: every transaction's
//! seconds with its day of the month, sorted by duration, packed as a delta varint plus a day
//! byte (about two bytes per transaction; nothing is rounded, so every statistic stays exact). A
//! whole month decodes to a sorted array; a partial month keeps only its days and is still sorted.
//!
//! Statistics over many sorted parts never merge or sort them: the k-th smallest duration of the
//! union is found by a binary search on the value (count of durations ≤ v = Σ over the parts of a
//! binary search in each), and the share within the standard is one binary search per part.
//! Percentiles interpolate between order statistics exactly like `percentile_cont` over the
//! pooled minutes (tested against it), so the result equals a full recomputation bit for bit.

/// Format version of a packed summary (first byte).
const VERSION: u8 = 1;

fn put_varint(out: &mut Vec<u8>, mut v: u64) {
    while v >= 0x80 {
        #[allow(clippy::cast_possible_truncation)]
        out.push((v as u8) | 0x80);
        v >>= 7;
    }
    #[allow(clippy::cast_possible_truncation)]
    out.push(v as u8);
}

fn get_varint(b: &[u8], at: &mut usize) -> Result<u64, String> {
    let mut v: u64 = 0;
    let mut shift = 0;
    loop {
        let byte = *b.get(*at).ok_or("ringkasan terpotong")?;
        *at += 1;
        if shift > 63 {
            return Err("varint terlalu panjang".into());
        }
        v |= u64::from(byte & 0x7f) << shift;
        if byte & 0x80 == 0 {
            return Ok(v);
        }
        shift += 7;
    }
}

/// Packs `(seconds, day of month)` pairs (seconds ≥ 0, day 1..=31); sorts them first.
pub fn encode(items: &mut [(i64, u8)]) -> Vec<u8> {
    items.sort_unstable();
    let mut out = Vec::with_capacity(8 + items.len() * 2);
    out.push(VERSION);
    put_varint(&mut out, items.len() as u64);
    let mut prev: u64 = 0;
    for &(secs, day) in items.iter() {
        let s = u64::try_from(secs).unwrap_or(0);
        put_varint(&mut out, s - prev);
        out.push(day);
        prev = s;
    }
    out
}

/// Number of transactions in a packed summary (empty blob = 0).
///
/// # Errors
/// A malformed blob.
pub fn len(blob: &[u8]) -> Result<usize, String> {
    if blob.is_empty() {
        return Ok(0);
    }
    if blob.first() != Some(&VERSION) {
        return Err("versi ringkasan tidak dikenal".into());
    }
    let mut at = 1;
    usize::try_from(get_varint(blob, &mut at)?).map_err(|e| e.to_string())
}

/// Every `(seconds, day)` pair of a packed summary, sorted (empty blob = none).
///
/// # Errors
/// A malformed blob.
pub fn decode(blob: &[u8]) -> Result<Vec<(i64, u8)>, String> {
    let n = len(blob)?;
    let mut out = Vec::with_capacity(n);
    let mut at = 1 + varint_width(blob)?;
    let mut prev: u64 = 0;
    for _ in 0..n {
        prev += get_varint(blob, &mut at)?;
        let day = *blob.get(at).ok_or("ringkasan terpotong")?;
        at += 1;
        out.push((i64::try_from(prev).map_err(|e| e.to_string())?, day));
    }
    Ok(out)
}

fn varint_width(blob: &[u8]) -> Result<usize, String> {
    if blob.is_empty() {
        return Ok(0);
    }
    let mut at = 1;
    get_varint(blob, &mut at)?;
    Ok(at - 1)
}

/// The durations (seconds, sorted) of the days `first..=last` of a packed summary; `1..=31`
/// keeps the whole month.
///
/// # Errors
/// A malformed blob.
pub fn durations(blob: &[u8], first: u8, last: u8) -> Result<Vec<i64>, String> {
    let n = len(blob)?;
    let whole = first <= 1 && last >= 31;
    let mut out = Vec::with_capacity(if whole { n } else { n / 2 });
    let mut at = 1 + varint_width(blob)?;
    let mut prev: u64 = 0;
    for _ in 0..n {
        prev += get_varint(blob, &mut at)?;
        let day = *blob.get(at).ok_or("ringkasan terpotong")?;
        at += 1;
        if whole || (first <= day && day <= last) {
            out.push(i64::try_from(prev).map_err(|e| e.to_string())?);
        }
    }
    Ok(out)
}

/// A packed summary with `more` pairs added.
///
/// # Errors
/// A malformed stored blob.
pub fn merge(blob: &[u8], more: &[(i64, u8)]) -> Result<Vec<u8>, String> {
    let mut all = decode(blob)?;
    all.extend_from_slice(more);
    Ok(encode(&mut all))
}

/// Durations ≤ `v` over sorted parts (a part given twice counts twice).
pub fn count_le<S: AsRef<[i64]>>(parts: &[S], v: i64) -> usize {
    parts
        .iter()
        .map(|p| p.as_ref().partition_point(|&x| x <= v))
        .sum()
}

/// The `k`-th smallest (0-based) duration of the union of sorted parts; None when `k` is not
/// below the total.
pub fn kth<S: AsRef<[i64]>>(parts: &[S], k: usize) -> Option<i64> {
    let total: usize = parts.iter().map(|p| p.as_ref().len()).sum();
    if k >= total {
        return None;
    }
    let mut lo = parts
        .iter()
        .filter_map(|p| p.as_ref().first())
        .min()
        .copied()?;
    let mut hi = parts
        .iter()
        .filter_map(|p| p.as_ref().last())
        .max()
        .copied()?;
    // Smallest v with count_le(v) > k.
    while lo < hi {
        let mid = lo + (hi - lo) / 2;
        if count_le(parts, mid) > k {
            hi = mid;
        } else {
            lo = mid + 1;
        }
    }
    Some(lo)
}

/// The `p` quantile (0..=1) in minutes of the union of sorted second durations, interpolated
/// between order statistics exactly as `percentile_cont` over the pooled minutes.
pub fn percentile_menit<S: AsRef<[i64]>>(parts: &[S], p: f64) -> Option<f64> {
    let n: usize = parts.iter().map(|p| p.as_ref().len()).sum();
    if n == 0 {
        return None;
    }
    #[allow(
        clippy::cast_precision_loss,
        clippy::cast_possible_truncation,
        clippy::cast_sign_loss
    )]
    {
        let pos = p.clamp(0.0, 1.0) * (n - 1) as f64;
        let lo = pos.floor() as usize;
        let hi = pos.ceil() as usize;
        let a = kth(parts, lo)? as f64 / 60.0;
        let b = if hi == lo {
            a
        } else {
            kth(parts, hi)? as f64 / 60.0
        };
        Some(a + (b - a) * (pos - lo as f64))
    }
}

/// One sorted part with the standard in force at its unit for its service type.
#[derive(Debug, Clone, Copy)]
pub struct Bagian<'a> {
    /// Durations, seconds, sorted ascending.
    pub detik: &'a [i64],
    /// The standard, minutes.
    pub standar_menit: i64,
}

impl AsRef<[i64]> for Bagian<'_> {
    fn as_ref(&self) -> &[i64] {
        self.detik
    }
}

/// Volume, median, p90 and the number within the standard of sorted parts.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Statistik {
    /// Transactions.
    pub jumlah: usize,
    /// Median, minutes.
    pub median_menit: Option<f64>,
    /// 90th percentile, minutes.
    pub p90_menit: Option<f64>,
    /// Transactions completed within their unit's standard (duration ≤ standard).
    pub sesuai_standar: usize,
}

/// [`Statistik`] of the union of the parts (REFERENCE §6: each transaction against the standard
/// in force at its unit).
pub fn statistik(parts: &[Bagian<'_>]) -> Statistik {
    Statistik {
        jumlah: parts.iter().map(|p| p.detik.len()).sum(),
        median_menit: percentile_menit(parts, 0.5),
        p90_menit: percentile_menit(parts, 0.9),
        sesuai_standar: parts
            .iter()
            .map(|p| {
                let limit = p.standar_menit.saturating_mul(60);
                p.detik.partition_point(|&x| x <= limit)
            })
            .sum(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::layanan::percentile_cont;

    #[test]
    fn packing_round_trips_and_keeps_days() {
        let mut items = vec![(600, 3), (60, 1), (86_400 * 9, 31), (60, 2), (0, 15)];
        let blob = encode(&mut items);
        assert_eq!(len(&blob), Ok(5));
        assert_eq!(
            decode(&blob).unwrap(),
            vec![(0, 15), (60, 1), (60, 2), (600, 3), (86_400 * 9, 31)]
        );
        assert_eq!(
            durations(&blob, 1, 31).unwrap(),
            vec![0, 60, 60, 600, 777_600]
        );
        assert_eq!(durations(&blob, 2, 15).unwrap(), vec![0, 60, 600]);
        assert_eq!(durations(&[], 1, 31).unwrap(), Vec::<i64>::new());
        let more = merge(&blob, &[(30, 4)]).unwrap();
        assert_eq!(durations(&more, 4, 4).unwrap(), vec![30]);
        assert_eq!(len(&more), Ok(6));
        assert!(decode(&blob[..blob.len() - 1]).is_err());
        assert!(decode(&[9, 0]).is_err());
    }

    #[test]
    fn hand_computed_percentiles_over_parts() {
        // Pooled 60, 120, 180, 600, 900 s = 1, 2, 3, 10, 15 minutes.
        let a = [60, 600];
        let b = [120, 180, 900];
        let parts = [&a[..], &b[..]];
        assert_eq!(percentile_menit(&parts, 0.5), Some(3.0));
        // p90: position 0.9 × 4 = 3.6 → 10 + 0.6 × (15 − 10) = 13 minutes.
        assert!((percentile_menit(&parts, 0.9).unwrap() - 13.0).abs() < 1e-12);
        // Four values 1, 2, 3, 10 minutes: median (2 + 3) / 2.
        let c = [60, 120];
        let d = [180, 600];
        assert_eq!(percentile_menit(&[&c[..], &d[..]], 0.5), Some(2.5));
        assert_eq!(kth(&parts, 4), Some(900));
        assert_eq!(kth(&parts, 5), None);
        assert_eq!(percentile_menit::<&[i64]>(&[], 0.5), None);
        let s = statistik(&[
            Bagian {
                detik: &a,
                standar_menit: 5,
            },
            Bagian {
                detik: &b,
                standar_menit: 15,
            },
        ]);
        // Within: 60 (≤ 300), and 120, 180, 900 (≤ 900).
        assert_eq!((s.jumlah, s.sesuai_standar), (5, 4));
        assert_eq!(s.median_menit, Some(3.0));
    }

    #[test]
    fn equals_percentile_cont_of_the_pooled_minutes() {
        let mut x: u64 = 7;
        let mut next = || {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            x
        };
        for round in 0..50 {
            let k = 1 + (next() % 6) as usize;
            let mut parts: Vec<Vec<i64>> = (0..k)
                .map(|_| {
                    let n = (next() % 30) as usize;
                    let spread = 1 + next() % (1 + round * 400);
                    (0..n)
                        .map(|_| i64::try_from(next() % spread).unwrap_or(0))
                        .collect()
                })
                .collect();
            for p in &mut parts {
                p.sort_unstable();
            }
            #[allow(clippy::cast_precision_loss)]
            let mut pooled: Vec<f64> = parts.iter().flatten().map(|&s| s as f64 / 60.0).collect();
            pooled.sort_by(f64::total_cmp);
            for p in [0.0, 0.1, 0.5, 0.9, 0.975, 1.0] {
                assert_eq!(
                    percentile_menit(&parts, p),
                    percentile_cont(&pooled, p),
                    "round {round} p {p}"
                );
            }
        }
    }
}
