//! The weight (*bobot*) used to combine the nine NRR into the index, and the quality grade
//! (*mutu pelayanan*) read from a converted value (REFERENCE §0.4, §0.6, §1.5).
//!
//! *Mutu* is the A–D grade of a service; *kinerja* is the matching verbal performance label.

use std::fmt;

/// Weight per unsur in IKM = Σ NRR × weight (REFERENCE §0.4).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Bobot {
    /// Exactly 1/9: a perfect score gives 100.00. The default (§0.4).
    #[default]
    Sepersembilan,
    /// The literal `0.111` printed in the regulation: a perfect score gives 99.90. Only used
    /// when chosen explicitly, to reproduce reports made that way (§0.4, §1.5 rounding trap).
    Literal0111,
}

impl Bobot {
    /// `"1/9"` or `"0.111"`: the code recorded with every result.
    pub const fn code(&self) -> &'static str {
        match self {
            Bobot::Sepersembilan => "1/9",
            Bobot::Literal0111 => "0.111",
        }
    }

    /// Parses `"1/9"` or `"0.111"` (trimmed).
    ///
    /// # Errors
    /// Any other text, including the rounded `0.11` some applications use (§0 failure modes).
    pub fn parse(s: &str) -> Result<Bobot, String> {
        match s.trim() {
            "1/9" => Ok(Bobot::Sepersembilan),
            "0.111" => Ok(Bobot::Literal0111),
            other => Err(format!(
                "bobot \"{other}\" tidak dikenal (pilihan: 1/9, 0.111)"
            )),
        }
    }
}

impl fmt::Display for Bobot {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

impl serde::Serialize for Bobot {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.code())
    }
}

impl<'de> serde::Deserialize<'de> for Bobot {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        Bobot::parse(&s).map_err(serde::de::Error::custom)
    }
}

/// Service quality grade of the 2017 method (REFERENCE §0.6, §1.5).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Mutu {
    /// 88.31–100.00, *Sangat baik*.
    A,
    /// 76.61–88.30, *Baik*.
    B,
    /// 65.00–76.60, *Kurang baik*.
    C,
    /// 25.00–64.99, *Tidak baik*.
    D,
}

impl Mutu {
    /// `"A"` .. `"D"`.
    pub const fn code(&self) -> &'static str {
        match self {
            Mutu::A => "A",
            Mutu::B => "B",
            Mutu::C => "C",
            Mutu::D => "D",
        }
    }

    /// The *kinerja unit pelayanan* label of the grade (§1.5).
    pub const fn kinerja(&self) -> &'static str {
        match self {
            Mutu::A => "Sangat baik",
            Mutu::B => "Baik",
            Mutu::C => "Kurang baik",
            Mutu::D => "Tidak baik",
        }
    }

    /// Parses `"A"` .. `"D"` (case-insensitive, trimmed).
    ///
    /// # Errors
    /// Any other text.
    pub fn parse(s: &str) -> Result<Mutu, String> {
        match s.trim().to_ascii_uppercase().as_str() {
            "A" => Ok(Mutu::A),
            "B" => Ok(Mutu::B),
            "C" => Ok(Mutu::C),
            "D" => Ok(Mutu::D),
            _ => Err(format!(
                "mutu \"{}\" tidak dikenal (pilihan: A, B, C, D)",
                s.trim()
            )),
        }
    }
}

impl fmt::Display for Mutu {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

impl serde::Serialize for Mutu {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.code())
    }
}

impl<'de> serde::Deserialize<'de> for Mutu {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        Mutu::parse(&s).map_err(serde::de::Error::custom)
    }
}

/// Grade of a converted value given in hundredths (8048 = 80.48): the exact form of [`mutu`].
///
/// REFERENCE §0.6: inclusive lower bounds 65.00 (C), 76.61 (B), 88.31 (A) and no gaps, so every
/// 2-decimal value has exactly one grade.
pub const fn mutu_seperseratus(nilai_x100: u64) -> Mutu {
    if nilai_x100 >= 8831 {
        Mutu::A
    } else if nilai_x100 >= 7661 {
        Mutu::B
    } else if nilai_x100 >= 6500 {
        Mutu::C
    } else {
        Mutu::D
    }
}

/// Grade of a converted value (25..100) rounded to 2 decimals (REFERENCE §0.6).
///
/// The value is first brought to hundredths, half away from zero, as §0.5 rounds the converted
/// value; so an unrounded 76.605 reads as 76.61 (B) and never falls into a gap. Values outside
/// 25..100 take the nearest band (below → D, above → A); NaN reads as D.
pub fn mutu(nilai_rounded: f64) -> Mutu {
    let x100 = (nilai_rounded * 100.0).round();
    // `as` saturates: negatives and NaN give 0 (D), huge values give u64::MAX (A).
    #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
    mutu_seperseratus(x100 as u64)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn band_edges_are_inclusive_and_gapless() {
        // Failure modes (§0): gaps in the band bounds; exact edges of §0.6.
        assert_eq!(mutu(25.00), Mutu::D);
        assert_eq!(mutu(64.99), Mutu::D);
        assert_eq!(mutu(65.00), Mutu::C);
        assert_eq!(mutu(76.60), Mutu::C);
        assert_eq!(mutu(76.61), Mutu::B);
        assert_eq!(mutu(88.30), Mutu::B);
        assert_eq!(mutu(88.31), Mutu::A);
        assert_eq!(mutu(100.00), Mutu::A);
        // Values in the published gaps are rounded first, then graded.
        assert_eq!(mutu(64.995), Mutu::C);
        assert_eq!(mutu(76.605), Mutu::B);
        assert_eq!(mutu(88.305), Mutu::A);
        assert_eq!(mutu(76.6049), Mutu::C);
    }

    #[test]
    fn hundredths_form_matches() {
        assert_eq!(mutu_seperseratus(6499), Mutu::D);
        assert_eq!(mutu_seperseratus(6500), Mutu::C);
        assert_eq!(mutu_seperseratus(7660), Mutu::C);
        assert_eq!(mutu_seperseratus(7661), Mutu::B);
        assert_eq!(mutu_seperseratus(8830), Mutu::B);
        assert_eq!(mutu_seperseratus(8831), Mutu::A);
        // Every hundredth from 25.00 to 100.00 agrees between the two forms.
        for x in 2500u32..=10000 {
            let v = f64::from(x) / 100.0;
            assert_eq!(mutu(v), mutu_seperseratus(u64::from(x)), "{v}");
        }
    }

    #[test]
    fn out_of_range_input_does_not_panic() {
        assert_eq!(mutu(f64::NAN), Mutu::D);
        assert_eq!(mutu(-3.0), Mutu::D);
        assert_eq!(mutu(f64::INFINITY), Mutu::A);
        assert_eq!(mutu(1e300), Mutu::A);
    }

    #[test]
    fn published_vectors_grade_as_reported() {
        // REFERENCE §2: V2 80.81 B; V3 82.9 B; V4 87.40 and 79.95 B.
        for v in [80.81, 82.9, 87.40, 79.95] {
            assert_eq!(mutu(v), Mutu::B, "{v}");
        }
        assert_eq!(Mutu::B.kinerja(), "Baik");
        // V5 (legacy 2004 method) 2.96 × 25 = 74.0 is C under the 2017 bands, not the "B" the
        // old report printed: the 2004 bands are never mixed in (§0.10).
        assert_eq!(mutu(2.96 * 25.0), Mutu::C);
    }

    #[test]
    fn codes_and_labels_round_trip() {
        for m in [Mutu::A, Mutu::B, Mutu::C, Mutu::D] {
            assert_eq!(Mutu::parse(&m.code().to_lowercase()), Ok(m));
        }
        assert_eq!(Mutu::A.kinerja(), "Sangat baik");
        assert_eq!(Mutu::C.kinerja(), "Kurang baik");
        assert_eq!(Mutu::D.kinerja(), "Tidak baik");
        assert!(Mutu::parse("E").is_err());
    }

    #[test]
    fn bobot_default_is_exact_and_rounded_weights_are_rejected() {
        // Failure mode (§0): 0.111 or 0.11 silently used.
        assert_eq!(Bobot::default(), Bobot::Sepersembilan);
        assert_eq!(Bobot::default().code(), "1/9");
        assert_eq!(Bobot::parse("0.111"), Ok(Bobot::Literal0111));
        assert_eq!(Bobot::parse(" 1/9 "), Ok(Bobot::Sepersembilan));
        assert!(Bobot::parse("0.11").is_err());
        assert!(Bobot::parse("0,111").is_err());
    }
}
