//! Survey periods (*periode*): an SKM period is an inclusive calendar date range; month,
//! quarter (*triwulan*), half-year (*semester*) and year (*tahun*) are presets (REFERENCE §0.9,
//! §1.7).

use std::fmt;

use time::{Date, Month};

/// A preset survey period (REFERENCE §0.9).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Preset {
    /// Year and month 1..=12.
    Bulan(i32, u8),
    /// Year and quarter 1..=4 (Jan–Mar, Apr–Jun, Jul–Sep, Oct–Dec).
    Triwulan(i32, u8),
    /// Year and semester 1..=2 (Jan–Jun, Jul–Dec).
    Semester(i32, u8),
    /// A calendar year.
    Tahun(i32),
}

const NAMA_BULAN: [&str; 12] = [
    "Januari",
    "Februari",
    "Maret",
    "April",
    "Mei",
    "Juni",
    "Juli",
    "Agustus",
    "September",
    "Oktober",
    "November",
    "Desember",
];

const ROMAWI: [&str; 4] = ["I", "II", "III", "IV"];

impl Preset {
    /// The year of the preset.
    pub const fn tahun(&self) -> i32 {
        match *self {
            Preset::Bulan(y, _)
            | Preset::Triwulan(y, _)
            | Preset::Semester(y, _)
            | Preset::Tahun(y) => y,
        }
    }

    /// Checks the month/quarter/semester number and the year (within what [`Date`] supports).
    ///
    /// # Errors
    /// A message in Bahasa Indonesia naming the bad component.
    pub fn periksa(&self) -> Result<(), String> {
        let (y_min, y_max) = (Date::MIN.year(), Date::MAX.year());
        let y = self.tahun();
        if !(y_min..=y_max).contains(&y) {
            return Err(format!(
                "tahun harus antara {y_min} dan {y_max} (ditemukan {y})"
            ));
        }
        match *self {
            Preset::Bulan(_, m) if !(1..=12).contains(&m) => {
                Err(format!("bulan harus 1 sampai 12 (ditemukan {m})"))
            }
            Preset::Triwulan(_, q) if !(1..=4).contains(&q) => {
                Err(format!("triwulan harus 1 sampai 4 (ditemukan {q})"))
            }
            Preset::Semester(_, s) if !(1..=2).contains(&s) => {
                Err(format!("semester harus 1 atau 2 (ditemukan {s})"))
            }
            _ => Ok(()),
        }
    }

    /// Short code: `"2024"`, `"2024-05"`, `"2024-T2"`, `"2024-S1"`; [`Preset::parse`] reads it back.
    pub fn code(&self) -> String {
        match *self {
            Preset::Bulan(y, m) => format!("{y}-{m:02}"),
            Preset::Triwulan(y, q) => format!("{y}-T{q}"),
            Preset::Semester(y, s) => format!("{y}-S{s}"),
            Preset::Tahun(y) => format!("{y}"),
        }
    }

    /// Parses a code of [`Preset::code`]; `Q` is accepted for `T`, case-insensitive.
    ///
    /// # Errors
    /// Unreadable text or an invalid component (see [`Preset::periksa`]).
    pub fn parse(s: &str) -> Result<Preset, String> {
        let t = s.trim().to_ascii_uppercase();
        let salah = || {
            format!(
                "periode \"{}\" tidak dikenal (contoh: 2024, 2024-05, 2024-T2, 2024-S1)",
                s.trim()
            )
        };
        let (tahun, sisa) = match t.split_once('-') {
            Some((y, rest)) => (y, Some(rest)),
            None => (t.as_str(), None),
        };
        let y: i32 = tahun.parse().map_err(|_| salah())?;
        let angka = |x: &str| x.parse::<u8>().map_err(|_| salah());
        let preset = match sisa {
            None => Preset::Tahun(y),
            Some(r) => {
                if let Some(q) = r.strip_prefix('T').or_else(|| r.strip_prefix('Q')) {
                    Preset::Triwulan(y, angka(q)?)
                } else if let Some(sm) = r.strip_prefix('S') {
                    Preset::Semester(y, angka(sm)?)
                } else {
                    Preset::Bulan(y, angka(r)?)
                }
            }
        };
        preset.periksa()?;
        Ok(preset)
    }
}

impl fmt::Display for Preset {
    /// Report label: "Mei 2024", "Triwulan II 2024", "Semester I 2024", "Tahun 2024".
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let nama = |list: &[&'static str], i: u8| -> &'static str {
            list.get(usize::from(i).wrapping_sub(1))
                .copied()
                .unwrap_or("?")
        };
        match *self {
            Preset::Bulan(y, m) => write!(f, "{} {y}", nama(&NAMA_BULAN, m)),
            Preset::Triwulan(y, q) => write!(f, "Triwulan {} {y}", nama(&ROMAWI, q)),
            Preset::Semester(y, s) => write!(f, "Semester {} {y}", nama(&ROMAWI, s)),
            Preset::Tahun(y) => write!(f, "Tahun {y}"),
        }
    }
}

/// First and last day (inclusive) of a preset period (REFERENCE §0.9).
///
/// Never panics: out-of-range components are clamped (month to 1..=12, quarter to 1..=4,
/// semester to 1..=2, year to the range of [`Date`]). Call [`Preset::periksa`] first, or use
/// [`Periode::dari_preset`], to reject them instead.
pub fn rentang(p: Preset) -> (Date, Date) {
    let y = p.tahun().clamp(Date::MIN.year(), Date::MAX.year());
    let (awal, akhir) = match p {
        Preset::Bulan(_, m) => {
            let m = m.clamp(1, 12);
            (m, m)
        }
        Preset::Triwulan(_, q) => {
            let q = q.clamp(1, 4);
            (3 * q - 2, 3 * q)
        }
        Preset::Semester(_, s) => {
            let s = s.clamp(1, 2);
            (6 * s - 5, 6 * s)
        }
        Preset::Tahun(_) => (1, 12),
    };
    let (m_awal, m_akhir) = (bulan(awal), bulan(akhir));
    let mulai = Date::from_calendar_date(y, m_awal, 1).unwrap_or(Date::MIN);
    let selesai = Date::from_calendar_date(y, m_akhir, m_akhir.length(y)).unwrap_or(Date::MAX);
    (mulai, selesai)
}

/// Month from 1..=12 (callers clamp; anything else reads as December).
fn bulan(m: u8) -> Month {
    match m {
        1 => Month::January,
        2 => Month::February,
        3 => Month::March,
        4 => Month::April,
        5 => Month::May,
        6 => Month::June,
        7 => Month::July,
        8 => Month::August,
        9 => Month::September,
        10 => Month::October,
        11 => Month::November,
        _ => Month::December,
    }
}

/// A survey period: an inclusive calendar range with `mulai ≤ selesai` (REFERENCE §0.9).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize)]
pub struct Periode {
    mulai: Date,
    selesai: Date,
}

impl Periode {
    /// A custom range.
    ///
    /// # Errors
    /// `mulai` after `selesai`.
    pub fn new(mulai: Date, selesai: Date) -> Result<Periode, String> {
        if mulai > selesai {
            return Err(format!(
                "tanggal mulai ({mulai}) tidak boleh setelah tanggal selesai ({selesai})"
            ));
        }
        Ok(Periode { mulai, selesai })
    }

    /// The range of a preset.
    ///
    /// # Errors
    /// An invalid preset (see [`Preset::periksa`]).
    pub fn dari_preset(p: Preset) -> Result<Periode, String> {
        p.periksa()?;
        let (mulai, selesai) = rentang(p);
        Periode::new(mulai, selesai)
    }

    /// First day (inclusive).
    pub const fn mulai(&self) -> Date {
        self.mulai
    }

    /// Last day (inclusive).
    pub const fn selesai(&self) -> Date {
        self.selesai
    }

    /// Whether `tanggal` falls inside the period (both ends inclusive).
    pub fn memuat(&self, tanggal: Date) -> bool {
        self.mulai <= tanggal && tanggal <= self.selesai
    }

    /// Number of calendar days in the period (at least 1).
    pub fn jumlah_hari(&self) -> i64 {
        (self.selesai - self.mulai).whole_days() + 1
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::date;

    #[test]
    fn presets_cover_whole_calendar_units() {
        assert_eq!(
            rentang(Preset::Bulan(2024, 2)),
            (date!(2024 - 02 - 01), date!(2024 - 02 - 29))
        );
        assert_eq!(
            rentang(Preset::Bulan(2023, 2)),
            (date!(2023 - 02 - 01), date!(2023 - 02 - 28))
        );
        assert_eq!(
            rentang(Preset::Triwulan(2024, 1)),
            (date!(2024 - 01 - 01), date!(2024 - 03 - 31))
        );
        assert_eq!(
            rentang(Preset::Triwulan(2024, 3)),
            (date!(2024 - 07 - 01), date!(2024 - 09 - 30))
        );
        assert_eq!(
            rentang(Preset::Triwulan(2024, 4)),
            (date!(2024 - 10 - 01), date!(2024 - 12 - 31))
        );
        assert_eq!(
            rentang(Preset::Semester(2023, 1)),
            (date!(2023 - 01 - 01), date!(2023 - 06 - 30))
        );
        assert_eq!(
            rentang(Preset::Semester(2023, 2)),
            (date!(2023 - 07 - 01), date!(2023 - 12 - 31))
        );
        assert_eq!(
            rentang(Preset::Tahun(2025)),
            (date!(2025 - 01 - 01), date!(2025 - 12 - 31))
        );
    }

    #[test]
    fn quarters_and_semesters_tile_the_year() {
        for y in [2000, 2023, 2024, 2100] {
            let (start, end) = rentang(Preset::Tahun(y));
            let mut next = start;
            for q in 1..=4 {
                let (a, b) = rentang(Preset::Triwulan(y, q));
                assert_eq!(a, next);
                next = b.next_day().unwrap();
            }
            assert_eq!(next, end.next_day().unwrap());
            let total: i64 = (1..=2)
                .map(|s| {
                    Periode::dari_preset(Preset::Semester(y, s))
                        .unwrap()
                        .jumlah_hari()
                })
                .sum();
            assert_eq!(
                total,
                Periode::dari_preset(Preset::Tahun(y))
                    .unwrap()
                    .jumlah_hari()
            );
        }
    }

    #[test]
    fn invalid_presets_are_rejected_or_clamped_without_panic() {
        assert_eq!(
            Preset::Bulan(2024, 13).periksa().unwrap_err(),
            "bulan harus 1 sampai 12 (ditemukan 13)"
        );
        assert!(Preset::Triwulan(2024, 0).periksa().is_err());
        assert!(Preset::Semester(2024, 3).periksa().is_err());
        assert!(Preset::Tahun(i32::MAX).periksa().is_err());
        assert!(Periode::dari_preset(Preset::Bulan(2024, 0)).is_err());
        // rentang clamps instead.
        assert_eq!(
            rentang(Preset::Bulan(2024, 13)),
            rentang(Preset::Bulan(2024, 12))
        );
        assert_eq!(
            rentang(Preset::Semester(2024, 0)),
            rentang(Preset::Semester(2024, 1))
        );
        let (a, b) = rentang(Preset::Tahun(i32::MAX));
        assert_eq!(a.year(), Date::MAX.year());
        assert_eq!(b, Date::MAX);
        let (a, _) = rentang(Preset::Triwulan(i32::MIN, 200));
        assert_eq!(a.year(), Date::MIN.year());
    }

    #[test]
    fn codes_and_labels() {
        for p in [
            Preset::Bulan(2024, 5),
            Preset::Triwulan(2024, 2),
            Preset::Semester(2023, 2),
            Preset::Tahun(2025),
        ] {
            assert_eq!(Preset::parse(&p.code()), Ok(p));
        }
        assert_eq!(Preset::parse("2024-q3"), Ok(Preset::Triwulan(2024, 3)));
        assert_eq!(Preset::parse(" 2024-s1 "), Ok(Preset::Semester(2024, 1)));
        assert!(Preset::parse("2024-13").is_err());
        assert!(Preset::parse("2024-X1").is_err());
        assert!(Preset::parse("").is_err());
        assert_eq!(Preset::Bulan(2024, 5).to_string(), "Mei 2024");
        assert_eq!(Preset::Triwulan(2024, 2).to_string(), "Triwulan II 2024");
        assert_eq!(Preset::Semester(2023, 1).to_string(), "Semester I 2023");
        assert_eq!(Preset::Tahun(2025).to_string(), "Tahun 2025");
        assert_eq!(Preset::Bulan(2024, 0).to_string(), "? 2024");
    }

    #[test]
    fn custom_period_is_inclusive_and_ordered() {
        let p = Periode::new(date!(2023 - 07 - 01), date!(2023 - 12 - 31)).unwrap();
        assert!(p.memuat(date!(2023 - 07 - 01)));
        assert!(p.memuat(date!(2023 - 12 - 31)));
        assert!(!p.memuat(date!(2024 - 01 - 01)));
        assert_eq!(p.jumlah_hari(), 184);
        assert_eq!(Periode::dari_preset(Preset::Semester(2023, 2)), Ok(p));
        let err = Periode::new(date!(2024 - 02 - 01), date!(2024 - 01 - 31)).unwrap_err();
        assert!(err.contains("2024-02-01"), "{err}");
        assert!(Periode::new(date!(2024 - 02 - 01), date!(2024 - 02 - 01)).is_ok());
    }
}
