//! The common shapes of an import's date-times, parsed without the general parser: a service
//! import reads two per row, ten million rows at a time (issue 5 figures). Anything else, and
//! anything out of range, is left to the general parser ([`super::parse_waktu`]), which gives
//! the same result or the error message; a test checks both agree.

use time::{Date, Month, OffsetDateTime, PrimitiveDateTime, Time, UtcOffset};

fn digits(b: &[u8]) -> Option<u32> {
    let mut v = 0u32;
    for &c in b {
        if !c.is_ascii_digit() {
            return None;
        }
        v = v * 10 + u32::from(c - b'0');
    }
    Some(v)
}

fn num<T: TryFrom<u32>>(b: &[u8], from: usize, to: usize) -> Option<T> {
    T::try_from(digits(b.get(from..to)?)?).ok()
}

/// `YYYY-MM-DDTHH:MM[:SS]` (or a space for the `T`) as WIB, or `YYYY-MM-DDTHH:MM:SS` followed by
/// `Z` or `±HH:MM`; None for anything else.
pub(super) fn cepat(t: &str, wib: UtcOffset) -> Option<OffsetDateTime> {
    let b = t.as_bytes();
    if b.len() < 16
        || b.get(4) != Some(&b'-')
        || b.get(7) != Some(&b'-')
        || b.get(13) != Some(&b':')
    {
        return None;
    }
    let sep = *b.get(10)?;
    let date = Date::from_calendar_date(
        num(b, 0, 4)?,
        Month::try_from(num::<u8>(b, 5, 7)?).ok()?,
        num(b, 8, 10)?,
    )
    .ok()?;
    let (h, m): (u8, u8) = (num(b, 11, 13)?, num(b, 14, 16)?);
    let (s, offset) = match b.len() {
        16 if sep == b'T' || sep == b' ' => (0, wib),
        19 if (sep == b'T' || sep == b' ') && b.get(16) == Some(&b':') => (num(b, 17, 19)?, wib),
        20 if sep == b'T' && b.get(16) == Some(&b':') && b.get(19) == Some(&b'Z') => {
            (num(b, 17, 19)?, UtcOffset::UTC)
        }
        25 if sep == b'T' && b.get(16) == Some(&b':') && b.get(22) == Some(&b':') => {
            let sign: i8 = match b.get(19)? {
                b'+' => 1,
                b'-' => -1,
                _ => return None,
            };
            let (oh, om): (i8, i8) = (num(b, 20, 22)?, num(b, 23, 25)?);
            if oh > 23 || om > 59 || (sign < 0 && oh == 0 && om == 0) {
                return None;
            }
            let offset = UtcOffset::from_hms(sign * oh, sign * om, 0).ok()?;
            (num(b, 17, 19)?, offset)
        }
        _ => return None,
    };
    if s > 59 {
        return None;
    }
    let time = Time::from_hms(h, m, s).ok()?;
    Some(PrimitiveDateTime::new(date, time).assume_offset(offset))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every string the fast path accepts is read the same by the general parser, and the shapes
    /// of real imports are taken by the fast path.
    #[test]
    fn fast_path_agrees_with_the_general_parser() {
        let wib = super::super::wib();
        let dates = [
            "2025-03-04",
            "2024-02-29",
            "2025-02-29",
            "2025-02-31",
            "2025-13-01",
            "0999-01-01",
            "2025-1-04",
            "2025-03-0x",
        ];
        let times = [
            "09:15", "09:15:07", "23:59:59", "24:00", "09:60", "09:15:60", "9:15:00", "00:00:00",
        ];
        let seps = ["T", " ", "t", "_"];
        let zones = [
            "", "Z", "z", "+07:00", "-03:30", "+00:00", "-00:00", "+24:00", "+05:60", "+0700",
            ".5+07:00", "+07",
        ];
        let mut fast = 0;
        for d in dates {
            for t in times {
                for sep in seps {
                    for z in zones {
                        let s = format!("{d}{sep}{t}{z}");
                        if let Some(v) = cepat(&s, wib) {
                            fast += 1;
                            assert_eq!(super::super::parse_waktu_umum(&s), Ok(v), "{s}");
                        }
                    }
                }
            }
        }
        assert!(fast > 40, "the fast path took only {fast} strings");
        for s in [
            "2025-03-04T09:15:07",
            "2025-03-04 09:15",
            "2025-03-04T09:15:07+07:00",
            "2025-03-04T02:15:07Z",
        ] {
            assert!(cepat(s, wib).is_some(), "{s}");
        }
        for s in [
            "2025-02-31T09:15",
            "2025-03-04T24:00",
            "2025-03-04T09:15:07-00:00",
            "2025-03-04t09:15",
        ] {
            assert!(cepat(s, wib).is_none(), "{s}");
        }
    }
}
