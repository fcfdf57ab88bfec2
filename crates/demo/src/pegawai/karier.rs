//! Career facts of one generated ASN that must agree with each other: education and titles,
//! birth year range for the position, TMT CPNS, golongan (REFERENCE §5.2, §5.3) and the date
//! of the current position.

use time::{Date, Month};

use super::staf::{Field, Level};
use crate::rng::Rng;

/// The year the demo data set describes; no date after it is generated.
pub(crate) const TAHUN_DATA: i32 = 2025;

/// Highest education, which fixes the entry golongan and the titles.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Pendidikan {
    Sma,
    D3,
    S1,
    /// Professional degree after S1 (doctor, dentist, pharmacist): enters at III/b.
    Profesi,
    S2,
    S3,
}

/// What the career depends on: a structural kind or a functional level, or pelaksana.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Peran {
    JptMadya,
    JptPratama,
    Administrator,
    Pengawas,
    Fungsional(Level),
    Pelaksana,
}

/// PNS golongan as a rank 1..=17 (I/a = 1, II/a = 5, III/a = 9, IV/a = 13, IV/e = 17).
pub(crate) fn golongan_pns(rank: u8) -> &'static str {
    const ALL: [&str; 17] = [
        "I/a", "I/b", "I/c", "I/d", "II/a", "II/b", "II/c", "II/d", "III/a", "III/b", "III/c",
        "III/d", "IV/a", "IV/b", "IV/c", "IV/d", "IV/e",
    ];
    ALL.get(usize::from(rank.clamp(1, 17)) - 1)
        .copied()
        .unwrap_or("III/a")
}

/// PPPK golongan V (SMA), VII (D3, keterampilan) or IX (S1, keahlian) — REFERENCE §5.3 [M]
/// typical entry points.
pub(crate) fn golongan_pppk(level: Option<Level>) -> &'static str {
    match level {
        Some(Level::AhliPertama | Level::AhliMuda | Level::AhliMadya | Level::AhliUtama) => "IX",
        Some(_) => "VII",
        None => "V",
    }
}

impl Peran {
    /// Allowed PNS golongan range (ranks) for the position.
    pub(crate) fn golongan_range(self) -> (u8, u8) {
        match self {
            Peran::JptMadya => (16, 17),
            Peran::JptPratama => (15, 16),
            Peran::Administrator => (13, 14),
            Peran::Pengawas => (11, 12),
            Peran::Fungsional(l) => match l {
                Level::AhliPertama | Level::Mahir => (9, 10),
                Level::AhliMuda | Level::Penyelia => (11, 12),
                Level::AhliMadya => (13, 15),
                Level::AhliUtama => (16, 17),
                Level::Pemula => (5, 6),
                Level::Terampil => (7, 8),
            },
            Peran::Pelaksana => (5, 10),
        }
    }

    /// Birth years plausible for someone holding the position in 2025 (retirement at 58 for
    /// administration posts, 60 for JPT and senior functional posts).
    pub(crate) fn birth_years(self) -> (i32, i32) {
        match self {
            Peran::JptMadya => (1966, 1972),
            Peran::JptPratama => (1966, 1979),
            Peran::Administrator => (1968, 1984),
            Peran::Pengawas => (1968, 1990),
            Peran::Fungsional(l) => match l {
                Level::AhliPertama => (1984, 2001),
                Level::AhliMuda => (1972, 1992),
                Level::AhliMadya => (1966, 1983),
                Level::AhliUtama => (1966, 1972),
                Level::Pemula => (1990, 2001),
                Level::Terampil => (1978, 2001),
                Level::Mahir => (1972, 1993),
                Level::Penyelia => (1968, 1986),
            },
            Peran::Pelaksana => (1968, 2001),
        }
    }

    /// A highest education for a holder of the position trained in `field`.
    pub(crate) fn pendidikan(self, rng: &mut Rng, field: Field) -> Pendidikan {
        let profesi = matches!(field, Field::Dokter | Field::DokterGigi | Field::Apoteker);
        let sarjana = if profesi {
            Pendidikan::Profesi
        } else {
            Pendidikan::S1
        };
        let r = rng.below(100);
        match self {
            Peran::JptMadya => {
                if r < 35 {
                    Pendidikan::S3
                } else {
                    Pendidikan::S2
                }
            }
            Peran::JptPratama => match r {
                0..8 => Pendidikan::S3,
                8..88 => Pendidikan::S2,
                _ => sarjana,
            },
            Peran::Administrator => {
                if r < 60 {
                    Pendidikan::S2
                } else {
                    sarjana
                }
            }
            Peran::Pengawas => {
                if r < 30 {
                    Pendidikan::S2
                } else {
                    sarjana
                }
            }
            Peran::Fungsional(l) => match l {
                Level::AhliPertama => {
                    if r < 8 {
                        Pendidikan::S2
                    } else {
                        sarjana
                    }
                }
                Level::AhliMuda => {
                    if r < 30 {
                        Pendidikan::S2
                    } else {
                        sarjana
                    }
                }
                Level::AhliMadya | Level::AhliUtama => {
                    if r < 55 {
                        Pendidikan::S2
                    } else {
                        sarjana
                    }
                }
                Level::Pemula => Pendidikan::Sma,
                Level::Terampil => Pendidikan::D3,
                Level::Mahir | Level::Penyelia => {
                    if r < 25 {
                        Pendidikan::S1
                    } else {
                        Pendidikan::D3
                    }
                }
            },
            Peran::Pelaksana => match r {
                0..55 => Pendidikan::Sma,
                55..70 => Pendidikan::D3,
                _ => Pendidikan::S1,
            },
        }
    }
}

impl Pendidikan {
    /// Entry golongan rank on CPNS appointment (S2/S3 holders are assumed to have entered
    /// with their S1 and been promoted since).
    fn entry_rank(self) -> u8 {
        match self {
            Pendidikan::Sma => 5,
            Pendidikan::D3 => 7,
            Pendidikan::S1 | Pendidikan::S2 | Pendidikan::S3 => 9,
            Pendidikan::Profesi => 10,
        }
    }

    /// Youngest and oldest usual age at CPNS appointment.
    fn entry_age(self) -> (i32, i32) {
        match self {
            Pendidikan::Sma => (19, 28),
            Pendidikan::D3 => (21, 30),
            Pendidikan::S1 | Pendidikan::S2 | Pendidikan::S3 => (23, 33),
            Pendidikan::Profesi => (25, 34),
        }
    }
}

/// TMT CPNS (year, month) and golongan rank for a PNS born in `birth_year`, consistent with
/// the position: the year is late enough for the entry age, early enough to have reached the
/// position's lowest golongan at one step per four years, never before age 18, never after
/// [`TAHUN_DATA`]. REFERENCE §5.1: CPNS year >= birth year + 18.
pub(crate) fn cpns(rng: &mut Rng, birth_year: i32, edu: Pendidikan, peran: Peran) -> (i32, u8, u8) {
    let (lo_rank, hi_rank) = peran.golongan_range();
    let start = edu.entry_rank();
    let needed_years = i32::from(lo_rank.saturating_sub(start)) * 4;
    let (age_lo, age_hi) = edu.entry_age();
    let earliest = birth_year + 18;
    let mut year = birth_year + rng.range(age_lo, age_hi);
    year = year.min(TAHUN_DATA - needed_years);
    // No national CPNS intake in 2015-2016 (moratorium): those appointments went to 2014.
    if matches!(year, 2015 | 2016) {
        year = 2014;
    }
    year = year.clamp(earliest, TAHUN_DATA);
    let months: [u8; 12] = [1, 1, 1, 2, 3, 3, 4, 5, 6, 7, 10, 12];
    let mut month = rng.pick(&months).copied().unwrap_or(1);
    if year == TAHUN_DATA {
        month = month.min(6);
    }
    let service = u8::try_from((TAHUN_DATA - year).max(0) / 4).unwrap_or(u8::MAX);
    let rank = start.saturating_add(service).clamp(lo_rank, hi_rank);
    (year, month, rank)
}

/// A uniformly random date in `lo..=hi` (`lo` when the range is empty).
pub(crate) fn date_between(rng: &mut Rng, lo: Date, hi: Date) -> Date {
    let (a, b) = (lo.to_julian_day(), hi.to_julian_day());
    Date::from_julian_day(rng.range(a, b)).unwrap_or(lo)
}

/// `Date` from parts, falling back to 1 January of a clamped year on impossible input.
pub(crate) fn ymd(year: i32, month: u8, day: u8) -> Date {
    let m = Month::try_from(month).unwrap_or(Month::January);
    Date::from_calendar_date(year, m, day)
        .or_else(|_| Date::from_calendar_date(year.clamp(1900, 2100), Month::January, 1))
        .unwrap_or(Date::MIN)
}

/// Start of the current position for a PNS: structural posts are held for a few years at most
/// and never before enough service; functional posts often date from the 2021 conversions
/// (*penyetaraan jabatan*, 31 December 2021).
pub(crate) fn tmt_jabatan(rng: &mut Rng, tmt_cpns: Date, peran: Peran) -> Date {
    let min_service = match peran {
        Peran::JptMadya | Peran::JptPratama => 12,
        Peran::Administrator => 8,
        Peran::Pengawas => 4,
        Peran::Fungsional(_) | Peran::Pelaksana => 1,
    };
    let floor = match peran {
        Peran::JptMadya | Peran::JptPratama => ymd(2020, 1, 1),
        Peran::Administrator | Peran::Pengawas => ymd(2018, 1, 1),
        Peran::Fungsional(_) | Peran::Pelaksana => ymd(2012, 1, 1),
    };
    let hi = ymd(TAHUN_DATA, 10, 1);
    let after_service = ymd(tmt_cpns.year() + min_service, u8::from(tmt_cpns.month()), 1);
    let lo = after_service.max(floor).max(tmt_cpns);
    if lo > hi {
        return tmt_cpns.min(hi).max(tmt_cpns);
    }
    let penyetaraan = ymd(2021, 12, 31);
    if matches!(peran, Peran::Fungsional(_)) && lo <= penyetaraan && rng.chance(20) {
        return penyetaraan;
    }
    date_between(rng, lo, hi)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn golongan_codes_cover_the_pns_scale() {
        assert_eq!(golongan_pns(1), "I/a");
        assert_eq!(golongan_pns(9), "III/a");
        assert_eq!(golongan_pns(17), "IV/e");
        assert_eq!(golongan_pns(0), "I/a");
        assert_eq!(golongan_pns(40), "IV/e");
    }

    #[test]
    fn cpns_respects_age_and_position() {
        let mut rng = Rng::new(9, 9);
        for _ in 0..3000 {
            let by = rng.range(1966, 2001);
            for peran in [
                Peran::JptPratama,
                Peran::Pelaksana,
                Peran::Fungsional(Level::AhliPertama),
            ] {
                let (lo, hi) = peran.birth_years();
                let by = by.clamp(lo, hi);
                let edu = peran.pendidikan(&mut rng, Field::Pemerintahan);
                let (y, m, rank) = cpns(&mut rng, by, edu, peran);
                assert!(y >= by + 18 && y <= TAHUN_DATA, "{by} {y}");
                assert!((1..=12).contains(&m));
                let (rlo, rhi) = peran.golongan_range();
                assert!(rank >= rlo && rank <= rhi);
            }
        }
    }

    #[test]
    fn tmt_jabatan_is_after_cpns_and_not_in_the_future() {
        let mut rng = Rng::new(4, 4);
        for y in [1990, 2005, 2019, 2024, 2025] {
            let cpns = ymd(y, 3, 1);
            for peran in [
                Peran::JptPratama,
                Peran::Pengawas,
                Peran::Fungsional(Level::Terampil),
            ] {
                let t = tmt_jabatan(&mut rng, cpns, peran);
                assert!(t >= cpns && t <= ymd(TAHUN_DATA, 10, 1), "{cpns} {t}");
            }
        }
    }
}
