//! Minimum SKM sample size (*sampel*) from the Krejcie & Morgan (1970) table prescribed by
//! PermenPANRB 14/2017 (REFERENCE §0.8, §1.6).
//!
//! S = λ²·N·P·Q / (d²·(N−1) + λ²·P·Q) with λ² = 3.841, P = Q = 0.5, d = 0.05. Multiplying
//! through by 100 000 and dividing by 25 gives the integer form S = 3841·N / (10·N + 3831),
//! which is rounded exactly here. The sample only reports whether enough responses came in:
//! responses are never discarded to fit it (§0.8).

/// How a population between table rows is turned into a minimum sample (§0.8, configurable).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum AturanSampel {
    /// The formula rounded to the nearest integer (half up). Default; reproduces the table.
    #[default]
    Pembulatan,
    /// The sample of the next table row at or above the population.
    BarisTabelBerikutnya,
}

impl AturanSampel {
    /// `"pembulatan"` or `"baris-berikutnya"`: the code recorded with a result.
    pub const fn code(&self) -> &'static str {
        match self {
            AturanSampel::Pembulatan => "pembulatan",
            AturanSampel::BarisTabelBerikutnya => "baris-berikutnya",
        }
    }

    /// Parses a code of [`AturanSampel::code`] (trimmed, case-insensitive).
    ///
    /// # Errors
    /// Any other text.
    pub fn parse(s: &str) -> Result<AturanSampel, String> {
        match s.trim().to_ascii_lowercase().as_str() {
            "pembulatan" => Ok(AturanSampel::Pembulatan),
            "baris-berikutnya" => Ok(AturanSampel::BarisTabelBerikutnya),
            other => Err(format!(
                "aturan sampel \"{other}\" tidak dikenal (pilihan: pembulatan, baris-berikutnya)"
            )),
        }
    }
}

/// The published Krejcie & Morgan table, population N → minimum sample S (REFERENCE §1.6).
/// It has no row for 100 000: the "100 000 → 384" of some reproductions is a misprint.
#[rustfmt::skip]
pub const TABEL_KREJCIE_MORGAN: [(u64, u64); 90] = [
    (10, 10), (15, 14), (20, 19), (25, 24), (30, 28), (35, 32), (40, 36), (45, 40), (50, 44),
    (55, 48), (60, 52), (65, 56), (70, 59), (75, 63), (80, 66), (85, 70), (90, 73), (95, 76),
    (100, 80), (110, 86), (120, 92), (130, 97), (140, 103), (150, 108), (160, 113), (170, 118),
    (180, 123), (190, 127), (200, 132), (210, 136), (220, 140), (230, 144), (240, 148),
    (250, 152), (260, 155), (270, 159), (280, 162), (290, 165), (300, 169), (320, 175),
    (340, 181), (360, 186), (380, 191), (400, 196), (420, 201), (440, 205), (460, 210),
    (480, 214), (500, 217), (550, 226), (600, 234), (650, 242), (700, 248), (750, 254),
    (800, 260), (850, 265), (900, 269), (950, 274), (1000, 278), (1100, 285), (1200, 291),
    (1300, 297), (1400, 302), (1500, 306), (1600, 310), (1700, 313), (1800, 317), (1900, 320),
    (2000, 322), (2200, 327), (2400, 331), (2600, 335), (2800, 338), (3000, 341), (3500, 346),
    (4000, 351), (4500, 354), (5000, 357), (6000, 361), (7000, 364), (8000, 367), (9000, 368),
    (10000, 370), (15000, 375), (20000, 377), (30000, 379), (40000, 380), (50000, 381),
    (75000, 382), (1000000, 384),
];

/// Minimum number of respondents for a population of `populasi` service users (§0.8, §1.6).
///
/// Never more than the population (a population of 5 needs all 5). With
/// [`AturanSampel::BarisTabelBerikutnya`], populations above the last row (1 000 000) take its
/// 384, which is also the limit of the formula.
pub fn sampel_minimum(populasi: u64, aturan: AturanSampel) -> u64 {
    match aturan {
        AturanSampel::Pembulatan => rumus_dibulatkan(populasi),
        AturanSampel::BarisTabelBerikutnya => TABEL_KREJCIE_MORGAN
            .iter()
            .find(|(n, _)| *n >= populasi)
            .map_or(384, |&(_, s)| s)
            .min(populasi),
    }
}

/// REFERENCE §0.8: S = 3841·N / (10·N + 3831) rounded to the nearest integer, half up, exactly:
/// floor((2·3841·N + 10·N + 3831) / (2·(10·N + 3831))).
fn rumus_dibulatkan(n: u64) -> u64 {
    let n = u128::from(n);
    let den = 10 * n + 3831;
    let s = (2 * 3841 * n + den) / (2 * den);
    // S < 384.1 for every N, so this always fits.
    u64::try_from(s).unwrap_or(u64::MAX)
}

/// Whether a survey reached its minimum sample; all responses stay counted either way.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
pub struct StatusSampel {
    /// Population N used.
    pub populasi: u64,
    /// Minimum sample for N under `aturan`.
    pub minimum: u64,
    /// Responses received (all of them, including any above the minimum).
    pub responden: u64,
    /// The rounding rule used (recorded with the result, §0.8).
    #[serde(serialize_with = "ser_aturan")]
    pub aturan: AturanSampel,
    /// `responden ≥ minimum`.
    pub terpenuhi: bool,
    /// Responses still missing (0 when met).
    pub kekurangan: u64,
}

fn ser_aturan<S: serde::Serializer>(a: &AturanSampel, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(a.code())
}

/// Compares the responses received with the minimum sample for the population.
pub fn status_sampel(responden: u64, populasi: u64, aturan: AturanSampel) -> StatusSampel {
    let minimum = sampel_minimum(populasi, aturan);
    StatusSampel {
        populasi,
        minimum,
        responden,
        aturan,
        terpenuhi: responden >= minimum,
        kekurangan: minimum.saturating_sub(responden),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formula_reproduces_the_whole_table() {
        for (n, s) in TABEL_KREJCIE_MORGAN {
            assert_eq!(sampel_minimum(n, AturanSampel::Pembulatan), s, "N = {n}");
            assert_eq!(
                sampel_minimum(n, AturanSampel::BarisTabelBerikutnya),
                s,
                "N = {n}"
            );
        }
        // Examples worked in §1.6.
        assert_eq!(sampel_minimum(25, AturanSampel::Pembulatan), 24);
        assert_eq!(sampel_minimum(2600, AturanSampel::Pembulatan), 335);
    }

    #[test]
    fn hundred_thousand_is_383_not_384() {
        // REFERENCE §1.6 trap: 382.63 → 383; 384 belongs to N = 1 000 000.
        assert_eq!(sampel_minimum(100_000, AturanSampel::Pembulatan), 383);
        assert_eq!(sampel_minimum(1_000_000, AturanSampel::Pembulatan), 384);
        // The next-row rule reads 1 000 000 for 100 000, as it says.
        assert_eq!(
            sampel_minimum(100_000, AturanSampel::BarisTabelBerikutnya),
            384
        );
    }

    #[test]
    fn between_rows_the_two_rules_differ() {
        assert_eq!(sampel_minimum(101, AturanSampel::Pembulatan), 80); // 80.14
        assert_eq!(sampel_minimum(101, AturanSampel::BarisTabelBerikutnya), 86);
        assert_eq!(
            sampel_minimum(2001, AturanSampel::BarisTabelBerikutnya),
            327
        );
        assert_eq!(
            sampel_minimum(5_000_000, AturanSampel::BarisTabelBerikutnya),
            384
        );
    }

    #[test]
    fn small_and_extreme_populations() {
        for aturan in [AturanSampel::Pembulatan, AturanSampel::BarisTabelBerikutnya] {
            assert_eq!(sampel_minimum(0, aturan), 0);
            assert_eq!(sampel_minimum(1, aturan), 1);
            assert_eq!(sampel_minimum(5, aturan), 5);
            assert_eq!(sampel_minimum(u64::MAX, aturan), 384);
        }
        let mut prev = 0;
        for n in 0..20_000 {
            let s = sampel_minimum(n, AturanSampel::Pembulatan);
            assert!(s <= n && s >= prev, "N = {n}");
            prev = s;
        }
    }

    #[test]
    fn surplus_responses_are_kept() {
        // Failure mode (§0): discarding responses to fit the sample table.
        let st = status_sampel(500, 2600, AturanSampel::default());
        assert_eq!(st.minimum, 335);
        assert_eq!(st.responden, 500);
        assert!(st.terpenuhi);
        assert_eq!(st.kekurangan, 0);
        let short = status_sampel(300, 2600, AturanSampel::default());
        assert!(!short.terpenuhi);
        assert_eq!(short.kekurangan, 35);
    }

    #[test]
    fn rule_codes_round_trip() {
        for a in [AturanSampel::Pembulatan, AturanSampel::BarisTabelBerikutnya] {
            assert_eq!(AturanSampel::parse(a.code()), Ok(a));
        }
        assert!(AturanSampel::parse("ceil").is_err());
    }
}
