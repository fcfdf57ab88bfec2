//! Assigning unique NIP / NI PPPK numbers (REFERENCE §5.1). The first 15 digits are facts about
//! the person (birth date, TMT CPNS or appointment year, sex); the last three are a sequence
//! that tells apart people sharing those 15 digits, so the registry keeps one counter per
//! distinct prefix (a few bytes each, even for a million rows).

use std::collections::HashMap;

use time::Date;

use super::karier::TAHUN_DATA;

/// Counters of sequence numbers already used, per 15-digit prefix.
#[derive(Debug, Default)]
pub(crate) struct Registry {
    used: HashMap<u64, u16>,
}

/// The identity-bearing part of a number: birth date, then either TMT CPNS (PNS) or the
/// appointment year with the "21" PPPK marker, then sex.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Prefix {
    Pns {
        lahir: Date,
        tmt_year: i32,
        tmt_month: u8,
        female: bool,
    },
    Pppk {
        lahir: Date,
        year: i32,
        female: bool,
    },
}

fn date8(d: Date) -> u64 {
    let y = u64::try_from(d.year()).unwrap_or(0);
    y * 10_000 + u64::from(u8::from(d.month())) * 100 + u64::from(d.day())
}

impl Prefix {
    /// The 15 leading digits as a number.
    fn key(self) -> u64 {
        let sex = |f: bool| if f { 2 } else { 1 };
        match self {
            Prefix::Pns {
                lahir,
                tmt_year,
                tmt_month,
                female,
            } => {
                let ym = u64::try_from(tmt_year).unwrap_or(0) * 100 + u64::from(tmt_month);
                date8(lahir) * 10_000_000 + ym * 10 + sex(female)
            }
            Prefix::Pppk {
                lahir,
                year,
                female,
            } => {
                let y = u64::try_from(year).unwrap_or(0);
                date8(lahir) * 10_000_000 + y * 1_000 + 21 * 10 + sex(female)
            }
        }
    }
}

impl Registry {
    /// The full 18-digit number for this prefix with the next free sequence (001, 002, ...),
    /// or `None` when all 999 sequences of the prefix are taken.
    pub(crate) fn assign(&mut self, prefix: Prefix) -> Option<String> {
        let key = prefix.key();
        let seq = self.used.entry(key).or_insert(0);
        if *seq >= 999 {
            return None;
        }
        *seq += 1;
        Some(format!("{key:015}{:03}", *seq))
    }
}

/// A date in `year` shifted `k` days (cyclically) from `d`, so the year never changes.
pub(crate) fn shift_in_year(d: Date, k: u64) -> Date {
    let len = u64::from(time::util::days_in_year(d.year()));
    let ord = (u64::from(d.ordinal()) - 1 + k) % len + 1;
    Date::from_ordinal_date(d.year(), u16::try_from(ord).unwrap_or(1)).unwrap_or(d)
}

/// A unique PNS NIP. On a full prefix (999 people), the birth day moves within the same year,
/// then the TMT month, then the TMT year (within age >= 18 and <= TAHUN_DATA); the returned
/// birth date and TMT are the ones encoded, so record and NIP always agree.
pub(crate) fn assign_pns(
    nips: &mut Registry,
    lahir: Date,
    year: i32,
    month: u8,
    female: bool,
) -> (String, Date, i32, u8) {
    let earliest = lahir.year() + 18;
    let span = u64::try_from((TAHUN_DATA - earliest + 1).max(1)).unwrap_or(1);
    let mut k: u64 = 0;
    loop {
        let d = shift_in_year(lahir, k % 366);
        let m = u8::try_from((u64::from(month.saturating_sub(1)) + (k / 366) % 12) % 12 + 1)
            .unwrap_or(1);
        let step = k / (366 * 12);
        let y = if step == 0 {
            year
        } else {
            let base = u64::try_from(year - earliest).unwrap_or(0);
            earliest + i32::try_from((base + step) % span).unwrap_or(0)
        };
        let prefix = Prefix::Pns {
            lahir: d,
            tmt_year: y,
            tmt_month: m,
            female,
        };
        if let Some(nip) = nips.assign(prefix) {
            return (nip, d, y, m);
        }
        k += 1;
    }
}

/// A unique NI PPPK (REFERENCE §5.1 [M] format); on a full prefix the birth day moves within
/// the same year, then the appointment year within 2021-2025.
pub(crate) fn assign_pppk(
    nips: &mut Registry,
    lahir: Date,
    year: i32,
    female: bool,
) -> (String, Date) {
    let mut k: u64 = 0;
    loop {
        let d = shift_in_year(lahir, k % 366);
        // After a whole year of birth days, use the next appointment year of the PPPK era.
        let y = 2021
            + i32::try_from((u64::try_from(year - 2021).unwrap_or(0) + k / 366) % 5).unwrap_or(0);
        if let Some(nip) = nips.assign(Prefix::Pppk {
            lahir: d,
            year: y,
            female,
        }) {
            return (nip, d);
        }
        k += 1;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::date;

    #[test]
    fn reference_example_and_sequence_bump() {
        // REFERENCE §5.1 example: 19860926 201505 1 001.
        let p = Prefix::Pns {
            lahir: date!(1986 - 09 - 26),
            tmt_year: 2015,
            tmt_month: 5,
            female: false,
        };
        let mut r = Registry::default();
        assert_eq!(r.assign(p).as_deref(), Some("198609262015051001"));
        assert_eq!(r.assign(p).as_deref(), Some("198609262015051002"));
    }

    #[test]
    fn pppk_format_and_exhaustion() {
        // REFERENCE §5.1 NI PPPK: 19900101 2021 21 1 001.
        let p = Prefix::Pppk {
            lahir: date!(1990 - 01 - 01),
            year: 2021,
            female: false,
        };
        let mut r = Registry::default();
        assert_eq!(r.assign(p).as_deref(), Some("199001012021211001"));
        for _ in 1..999 {
            assert!(r.assign(p).is_some());
        }
        assert_eq!(r.assign(p), None);
    }

    #[test]
    fn shift_in_year_keeps_the_year() {
        let d = super::super::karier::ymd(2000, 12, 31);
        assert_eq!(shift_in_year(d, 1), super::super::karier::ymd(2000, 1, 1));
        assert_eq!(shift_in_year(d, 366), d);
    }

    #[test]
    fn pns_collisions_move_to_a_free_prefix() {
        let mut r = Registry::default();
        let lahir = super::super::karier::ymd(1990, 5, 5);
        let mut seen = std::collections::HashSet::new();
        for _ in 0..2100 {
            let (nip, d, y, m) = assign_pns(&mut r, lahir, 2015, 3, true);
            assert!(seen.insert(nip.clone()));
            assert_eq!(&nip[..8], super::super::fmt_date(d).replace('-', ""));
            assert_eq!(&nip[8..14], format!("{y:04}{m:02}"));
            assert_eq!(d.year(), 1990);
        }
    }
}
