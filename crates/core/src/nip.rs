//! NIP (*Nomor Induk Pegawai*): the 18-digit identity number of a civil servant, and the NI PPPK.
//!
//! REFERENCE §5.1 (Perka BKN 22/2007) and §0 "Identity": a PNS NIP is birth date (digits 1–8,
//! `YYYYMMDD`), TMT CPNS (digits 9–14, `YYYYMM`), sex (digit 15: 1 = male, 2 = female) and a sequence
//! number (digits 16–18, never `000`). There is no check digit. A PNS NIP that breaks a rule is
//! rejected with the reason ([`Nip::parse`]).
//!
//! The NI PPPK is also 18 digits, but its structure (birth date + year of appointment + `21` + sex +
//! sequence) is not verified (§5.1 \[M\]), so [`Nip::parse_pppk`] only rejects what is not 18 digits
//! and returns every structural doubt as a warning.

use std::fmt;

use time::{Date, Month};

use crate::pegawai::JenisKelamin;

/// Number of digits in a NIP / NI PPPK.
pub const NIP_LEN: usize = 18;

/// Minimum age at CPNS appointment used to check digits 9–12 against the birth year.
/// REFERENCE §5.1 says "year ≥ birth year + ~18".
pub const MIN_AGE_CPNS: i32 = 18;

/// Earliest birth year accepted in digits 1–4.
pub const MIN_BIRTH_YEAR: i32 = 1900;

/// The PPPK marker expected in digits 13–14 of an NI PPPK (REFERENCE §5.1 \[M\], unverified).
pub const PPPK_MARKER: &str = "21";

/// A NIP that is exactly 18 ASCII digits. Built only through the parse functions.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Nip(String);

/// Why a NIP was rejected (or, for an NI PPPK, what looks wrong). Each message is in Indonesian.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum NipError {
    /// Nothing was given.
    #[error("NIP wajib diisi")]
    Empty,
    /// A character that is neither a digit nor whitespace. `position` is 1-based, counted
    /// without whitespace.
    #[error("NIP harus 18 digit angka; karakter ke-{position} ('{ch}') bukan angka")]
    NonDigit {
        /// The offending character.
        ch: char,
        /// Its 1-based position among the non-space characters.
        position: usize,
    },
    /// Not 18 digits long.
    #[error("NIP harus 18 digit angka (ditemukan {found} karakter)")]
    Length {
        /// Number of digits found.
        found: usize,
    },
    /// Digits 1–8 are not a calendar date.
    #[error("tanggal lahir pada NIP (digit 1–8) bukan tanggal yang sah: {digits}")]
    TanggalLahir {
        /// Digits 1–8 as written.
        digits: String,
    },
    /// Birth year before [`MIN_BIRTH_YEAR`].
    #[error(
        "tahun lahir pada NIP (digit 1–4) harus {MIN_BIRTH_YEAR} atau sesudahnya, ditemukan {year}"
    )]
    TahunLahir {
        /// Digits 1–4.
        year: i32,
    },
    /// Digits 13–14 of a PNS NIP are not a month.
    #[error(
        "bulan TMT CPNS pada NIP (digit 13–14) harus 01–12, ditemukan {found}{}",
        pppk_hint(.found)
    )]
    BulanCpns {
        /// Digits 13–14 as written.
        found: String,
    },
    /// TMT CPNS year earlier than birth year + [`MIN_AGE_CPNS`].
    #[error(
        "tahun TMT CPNS pada NIP (digit 9–12) terlalu awal: {tahun_cpns}, sedangkan tahun lahir \
         {tahun_lahir} (usia minimal {MIN_AGE_CPNS} tahun)"
    )]
    TahunCpns {
        /// Digits 9–12.
        tahun_cpns: i32,
        /// Digits 1–4.
        tahun_lahir: i32,
    },
    /// NI PPPK: year of appointment earlier than birth year + [`MIN_AGE_CPNS`].
    #[error(
        "tahun pengangkatan pada NI PPPK (digit 9–12) terlalu awal: {tahun}, sedangkan tahun \
         lahir {tahun_lahir} (usia minimal {MIN_AGE_CPNS} tahun)"
    )]
    TahunPppk {
        /// Digits 9–12.
        tahun: i32,
        /// Digits 1–4.
        tahun_lahir: i32,
    },
    /// NI PPPK: digits 13–14 are not the expected marker.
    #[error("digit 13–14 NI PPPK biasanya \"{PPPK_MARKER}\" (penanda PPPK), ditemukan \"{found}\"")]
    PenandaPppk {
        /// Digits 13–14 as written.
        found: String,
    },
    /// Digit 15 is not 1 or 2.
    #[error("digit ke-15 NIP (jenis kelamin) harus 1 atau 2, ditemukan {found}")]
    JenisKelamin {
        /// Digit 15.
        found: char,
    },
    /// Digits 16–18 are `000`.
    #[error("nomor urut NIP (digit 16–18) tidak boleh 000")]
    NomorUrut,
}

fn pppk_hint(found: &str) -> &'static str {
    if found == PPPK_MARKER {
        " (jika ini NI PPPK, pilih jenis ASN PPPK)"
    } else {
        ""
    }
}

impl Nip {
    /// Parses a PNS NIP with every rule of REFERENCE §5.1 (§0 "Identity": reject with the reason).
    ///
    /// Whitespace around and inside is removed first, so `"19860926 201505 1 001"` is accepted.
    pub fn parse(s: &str) -> Result<Nip, NipError> {
        let nip = Self::parse_digits(s)?;
        match nip.issues(false).into_iter().next() {
            Some(e) => Err(e),
            None => Ok(nip),
        }
    }

    /// Parses an NI PPPK (REFERENCE §5.1 \[M\]): only "not 18 digits" is an error; every
    /// structural rule that fails comes back as a warning message instead.
    pub fn parse_pppk(s: &str) -> Result<(Nip, Vec<String>), NipError> {
        let nip = Self::parse_digits(s)?;
        let warnings = nip.issues(true).iter().map(ToString::to_string).collect();
        Ok((nip, warnings))
    }

    /// Checks only the shape (18 digits after removing whitespace). Meant for reading back
    /// values that were validated when stored; new input goes through [`Nip::parse`] or
    /// [`Nip::parse_pppk`].
    pub fn parse_digits(s: &str) -> Result<Nip, NipError> {
        let compact: String = s.chars().filter(|c| !c.is_whitespace()).collect();
        if compact.is_empty() {
            return Err(NipError::Empty);
        }
        if let Some((i, ch)) = compact
            .chars()
            .enumerate()
            .find(|(_, c)| !c.is_ascii_digit())
        {
            return Err(NipError::NonDigit {
                ch,
                position: i + 1,
            });
        }
        // Only ASCII digits are left, so bytes == characters.
        if compact.len() != NIP_LEN {
            return Err(NipError::Length {
                found: compact.len(),
            });
        }
        Ok(Nip(compact))
    }

    /// The 18 digits.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The NIP grouped as it is printed on decrees: `"19860926 201505 1 001"`.
    pub fn formatted(&self) -> String {
        let s = &self.0;
        match (s.get(0..8), s.get(8..14), s.get(14..15), s.get(15..18)) {
            (Some(a), Some(b), Some(c), Some(d)) => format!("{a} {b} {c} {d}"),
            _ => s.clone(),
        }
    }

    /// The birth date in digits 1–8, if it is a calendar date.
    pub fn tanggal_lahir(&self) -> Option<Date> {
        let month = Month::try_from(u8::try_from(self.num(4, 6)?).ok()?).ok()?;
        let day = u8::try_from(self.num(6, 8)?).ok()?;
        Date::from_calendar_date(self.birth_year()?, month, day).ok()
    }

    /// The sex in digit 15, if it is 1 (L) or 2 (P).
    pub fn jenis_kelamin(&self) -> Option<JenisKelamin> {
        match self.0.as_bytes().get(14) {
            Some(b'1') => Some(JenisKelamin::L),
            Some(b'2') => Some(JenisKelamin::P),
            _ => None,
        }
    }

    /// TMT CPNS as (year, month) from digits 9–14, if the month is 01–12. For an NI PPPK,
    /// digits 13–14 are the marker `21`, so this is `None`; see [`Nip::tahun_pengangkatan`].
    pub fn tmt_cpns(&self) -> Option<(i32, u8)> {
        let month = u8::try_from(self.num(12, 14)?).ok()?;
        (1..=12)
            .contains(&month)
            .then_some((self.tahun_pengangkatan()?, month))
    }

    /// Digits 9–12: the year of CPNS appointment (PNS) or of PPPK appointment.
    pub fn tahun_pengangkatan(&self) -> Option<i32> {
        self.num(8, 12).and_then(|n| i32::try_from(n).ok())
    }

    /// Digits 16–18, the sequence number.
    pub fn nomor_urut(&self) -> Option<u16> {
        self.num(15, 18).and_then(|n| u16::try_from(n).ok())
    }

    /// True when digits 13–14 hold the PPPK marker `21` (REFERENCE §5.1 \[M\]).
    pub fn has_pppk_marker(&self) -> bool {
        self.0.get(12..14) == Some(PPPK_MARKER)
    }

    fn birth_year(&self) -> Option<i32> {
        self.num(0, 4).and_then(|n| i32::try_from(n).ok())
    }

    /// Digits `a..b` as a number (`None` only if the range is outside the string).
    fn num(&self, a: usize, b: usize) -> Option<u32> {
        let bytes = self.0.as_bytes().get(a..b)?;
        Some(bytes.iter().fold(0u32, |acc, d| {
            acc.saturating_mul(10)
                .saturating_add(u32::from(d.saturating_sub(b'0')))
        }))
    }

    /// Every structural rule that fails, in digit order. `pppk` selects the NI PPPK layout.
    fn issues(&self, pppk: bool) -> Vec<NipError> {
        let mut out = Vec::new();
        let birth_year = self.birth_year().unwrap_or_default();
        // REFERENCE §5.1: digits 1–8 are a valid calendar date (year >= 1900 here).
        if self.tanggal_lahir().is_none() {
            out.push(NipError::TanggalLahir {
                digits: self.0.get(0..8).unwrap_or_default().to_string(),
            });
        } else if birth_year < MIN_BIRTH_YEAR {
            out.push(NipError::TahunLahir { year: birth_year });
        }
        let tahun = self.tahun_pengangkatan().unwrap_or_default();
        let month_digits = self.0.get(12..14).unwrap_or_default().to_string();
        if pppk {
            // REFERENCE §5.1 [M]: year of appointment (9–12), then "21" (13–14).
            if tahun < birth_year + MIN_AGE_CPNS {
                out.push(NipError::TahunPppk {
                    tahun,
                    tahun_lahir: birth_year,
                });
            }
            if !self.has_pppk_marker() {
                out.push(NipError::PenandaPppk {
                    found: month_digits,
                });
            }
        } else {
            // REFERENCE §5.1: digits 9–12 year >= birth year + ~18, 13–14 a month 01–12.
            if tahun < birth_year + MIN_AGE_CPNS {
                out.push(NipError::TahunCpns {
                    tahun_cpns: tahun,
                    tahun_lahir: birth_year,
                });
            }
            if self.tmt_cpns().is_none() {
                out.push(NipError::BulanCpns {
                    found: month_digits,
                });
            }
        }
        // REFERENCE §5.1: digit 15 ∈ {1, 2}.
        if self.jenis_kelamin().is_none() {
            let found = self.0.chars().nth(14).unwrap_or('?');
            out.push(NipError::JenisKelamin { found });
        }
        // REFERENCE §5.1: digits 16–18 ≠ 000.
        if self.nomor_urut() == Some(0) {
            out.push(NipError::NomorUrut);
        }
        out
    }
}

impl fmt::Display for Nip {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl AsRef<str> for Nip {
    fn as_ref(&self) -> &str {
        &self.0
    }
}

impl std::str::FromStr for Nip {
    type Err = NipError;
    /// Same as [`Nip::parse`] (strict PNS rules).
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Nip::parse(s)
    }
}

impl serde::Serialize for Nip {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.0)
    }
}

#[cfg(test)]
mod tests;
