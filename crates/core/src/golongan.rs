//! *Golongan* (pay grade) of an ASN: PNS *golongan/ruang* with its *pangkat* (rank name), and the
//! PPPK golongan.
//!
//! REFERENCE §5.2: PNS run I/a..I/d, II/a..II/d, III/a..III/d, IV/a..IV/e, each with an official
//! pangkat name (the BPS table that mislabels group IV is not followed). REFERENCE §5.3: PPPK run
//! I..XVII in Roman numerals, without ruang and without pangkat.

use std::fmt;

use crate::pegawai::JenisAsn;

/// Pay grade of a PNS (`gol` 1..=4 with `ruang` 'a'..='e') or of a PPPK (1..=17).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Golongan {
    /// PNS golongan/ruang, e.g. III/a = `Pns { gol: 3, ruang: 'a' }`.
    Pns {
        /// Golongan 1..=4 (written I..IV).
        gol: u8,
        /// Ruang 'a'..='d' ('e' only in golongan IV).
        ruang: char,
    },
    /// PPPK golongan 1..=17 (written I..XVII).
    Pppk(u8),
}

/// Roman numerals 1..=17, index = value − 1.
const ROMAN: [&str; 17] = [
    "I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII", "XIII", "XIV", "XV",
    "XVI", "XVII",
];

/// Official pangkat names (REFERENCE §5.2), `[gol − 1][ruang − 'a']`.
const PANGKAT: [[Option<&str>; 5]; 4] = [
    [
        Some("Juru Muda"),
        Some("Juru Muda Tingkat I"),
        Some("Juru"),
        Some("Juru Tingkat I"),
        None,
    ],
    [
        Some("Pengatur Muda"),
        Some("Pengatur Muda Tingkat I"),
        Some("Pengatur"),
        Some("Pengatur Tingkat I"),
        None,
    ],
    [
        Some("Penata Muda"),
        Some("Penata Muda Tingkat I"),
        Some("Penata"),
        Some("Penata Tingkat I"),
        None,
    ],
    [
        Some("Pembina"),
        Some("Pembina Tingkat I"),
        Some("Pembina Utama Muda"),
        Some("Pembina Utama Madya"),
        Some("Pembina Utama"),
    ],
];

const PNS_HINT: &str = "golongan PNS harus seperti III/a (I–III ruang a–d, IV ruang a–e)";
const PPPK_HINT: &str = "golongan PPPK harus angka Romawi I–XVII atau 1–17 (mis. IX)";

/// Reads "I".."XVII" (strict, canonical form) or "1".."17".
fn parse_1_to_17(s: &str) -> Option<u8> {
    if let Some(i) = ROMAN.iter().position(|r| *r == s) {
        return u8::try_from(i + 1).ok();
    }
    if !s.is_empty() && s.len() <= 2 && s.bytes().all(|b| b.is_ascii_digit()) {
        return s.parse::<u8>().ok().filter(|n| (1..=17).contains(n));
    }
    None
}

/// The highest ruang of a PNS golongan: 'e' in IV, 'd' otherwise (REFERENCE §5.2).
fn max_ruang(gol: u8) -> char {
    if gol == 4 { 'e' } else { 'd' }
}

impl Golongan {
    /// Parses a golongan for the given kind of ASN.
    ///
    /// PNS accepts `"III/a"`, `"III/A"`, `"III a"`, `"IIIa"`, `"3/a"`, `"III.a"`, `"III-a"`; PPPK
    /// accepts `"I"`..`"XVII"` and `"1"`..`"17"`. Case and surrounding spaces are ignored.
    pub fn parse(s: &str, jenis: JenisAsn) -> Result<Golongan, String> {
        let shown = crate::error::trim(s);
        if shown.is_empty() {
            return Err("golongan wajib diisi".into());
        }
        let norm: String = shown
            .chars()
            .filter(|c| !c.is_whitespace() && !matches!(c, '/' | '.' | '-'))
            .flat_map(char::to_uppercase)
            .collect();
        match jenis {
            JenisAsn::Pns => Self::parse_pns(&norm, shown),
            JenisAsn::Pppk => match parse_1_to_17(&norm) {
                Some(n) => Ok(Golongan::Pppk(n)),
                None => Err(format!("{PPPK_HINT}, ditemukan '{shown}'")),
            },
        }
    }

    fn parse_pns(norm: &str, shown: &str) -> Result<Golongan, String> {
        let mut chars = norm.chars();
        let last = chars.next_back();
        let head = chars.as_str();
        let (Some(letter @ 'A'..='E'), Some(gol)) = (last, parse_1_to_17(head)) else {
            return Err(format!("{PNS_HINT}, ditemukan '{shown}'"));
        };
        if gol > 4 {
            return Err(format!("{PNS_HINT}, ditemukan '{shown}'"));
        }
        let ruang = letter.to_ascii_lowercase();
        if ruang > max_ruang(gol) {
            return Err(format!(
                "ruang {ruang} tidak ada pada golongan {} (hanya a–{}), ditemukan '{shown}'",
                ROMAN
                    .get(usize::from(gol).saturating_sub(1))
                    .unwrap_or(&"?"),
                max_ruang(gol)
            ));
        }
        Ok(Golongan::Pns { gol, ruang })
    }

    /// Canonical code: `"III/a"` for PNS, `"IX"` for PPPK.
    pub fn code(&self) -> String {
        let roman = |n: u8| {
            ROMAN
                .get(usize::from(n).wrapping_sub(1))
                .copied()
                .unwrap_or("?")
        };
        match *self {
            Golongan::Pns { gol, ruang } => format!("{}/{ruang}", roman(gol)),
            Golongan::Pppk(n) => roman(n).to_string(),
        }
    }

    /// Official pangkat name of a PNS golongan (REFERENCE §5.2), e.g. IV/c = "Pembina Utama
    /// Muda". `None` for PPPK (no pangkat) or an out-of-range value.
    pub fn pangkat(&self) -> Option<&'static str> {
        match *self {
            Golongan::Pns { gol, ruang } => {
                let row = PANGKAT.get(usize::from(gol).checked_sub(1)?)?;
                let col = u32::from(ruang).checked_sub(u32::from('a'))?;
                *row.get(usize::try_from(col).ok()?)?
            }
            Golongan::Pppk(_) => None,
        }
    }

    /// Code with pangkat when there is one: `"IV/c – Pembina Utama Muda"`, `"IX"`.
    pub fn label(&self) -> String {
        match self.pangkat() {
            Some(p) => format!("{} – {p}", self.code()),
            None => self.code(),
        }
    }

    /// Sortable order: PNS I/a = 1 .. IV/e = 17; PPPK I = 101 .. XVII = 117.
    pub fn rank(&self) -> u16 {
        match *self {
            Golongan::Pns { gol, ruang } => {
                let ruang_idx = u16::try_from(u32::from(ruang).saturating_sub(u32::from('a')))
                    .unwrap_or(u16::MAX);
                u16::from(gol.saturating_sub(1))
                    .saturating_mul(4)
                    .saturating_add(ruang_idx)
                    .saturating_add(1)
            }
            Golongan::Pppk(n) => 100 + u16::from(n),
        }
    }

    /// Which kind of ASN this golongan belongs to.
    pub fn jenis_asn(&self) -> JenisAsn {
        match self {
            Golongan::Pns { .. } => JenisAsn::Pns,
            Golongan::Pppk(_) => JenisAsn::Pppk,
        }
    }

    /// The 17 PNS golongan, I/a to IV/e, in rank order.
    pub fn all_pns() -> Vec<Golongan> {
        (1..=4u8)
            .flat_map(|gol| ('a'..=max_ruang(gol)).map(move |ruang| Golongan::Pns { gol, ruang }))
            .collect()
    }

    /// The 17 PPPK golongan, I to XVII.
    pub fn all_pppk() -> Vec<Golongan> {
        (1..=17).map(Golongan::Pppk).collect()
    }
}

impl fmt::Display for Golongan {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.code())
    }
}

impl serde::Serialize for Golongan {
    /// Serialized as its code (`"III/a"`, `"IX"`).
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.code())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pns(s: &str) -> Result<Golongan, String> {
        Golongan::parse(s, JenisAsn::Pns)
    }
    fn pppk(s: &str) -> Result<Golongan, String> {
        Golongan::parse(s, JenisAsn::Pppk)
    }

    #[test]
    fn pns_all_written_forms() {
        let want = Golongan::Pns { gol: 3, ruang: 'a' };
        for s in [
            "III/a",
            "III/A",
            "III a",
            "IIIa",
            "3/a",
            "III.a",
            "iii/a",
            " III / a ",
            "3a",
            "III-a",
        ] {
            assert_eq!(pns(s), Ok(want), "{s}");
        }
        assert_eq!(want.code(), "III/a");
    }

    #[test]
    fn pns_ranges() {
        assert_eq!(pns("IV/e"), Ok(Golongan::Pns { gol: 4, ruang: 'e' }));
        assert_eq!(pns("I/d"), Ok(Golongan::Pns { gol: 1, ruang: 'd' }));
        let err = pns("III/e").unwrap_err();
        assert!(err.contains("ruang e tidak ada pada golongan III"), "{err}");
        assert!(pns("II/f").is_err());
        assert!(pns("V/a").is_err());
        assert!(pns("IV").is_err());
        assert!(pns("a").is_err());
        assert_eq!(pns(""), Err("golongan wajib diisi".into()));
    }

    #[test]
    fn wrong_kind_gets_a_clear_message() {
        let err = pns("IX").unwrap_err();
        assert!(err.starts_with("golongan PNS harus seperti III/a"), "{err}");
        let err = pppk("III/a").unwrap_err();
        assert!(err.starts_with("golongan PPPK harus"), "{err}");
    }

    #[test]
    fn pppk_forms_and_range() {
        assert_eq!(pppk("XVII"), Ok(Golongan::Pppk(17)));
        assert_eq!(pppk("xvii"), Ok(Golongan::Pppk(17)));
        assert_eq!(pppk("9"), Ok(Golongan::Pppk(9)));
        assert_eq!(pppk(" IX "), Ok(Golongan::Pppk(9)));
        assert_eq!(pppk("I"), Ok(Golongan::Pppk(1)));
        assert!(pppk("XVIII").is_err());
        assert!(pppk("18").is_err());
        assert!(pppk("0").is_err());
        assert!(pppk("IIII").is_err());
        assert_eq!(Golongan::Pppk(9).code(), "IX");
        assert_eq!(Golongan::Pppk(9).pangkat(), None);
    }

    #[test]
    fn pangkat_uses_official_names() {
        let p = |s| pns(s).unwrap().pangkat();
        assert_eq!(p("IV/c"), Some("Pembina Utama Muda"));
        assert_eq!(p("IV/a"), Some("Pembina"));
        assert_eq!(p("IV/e"), Some("Pembina Utama"));
        assert_eq!(p("III/b"), Some("Penata Muda Tingkat I"));
        assert_eq!(p("II/d"), Some("Pengatur Tingkat I"));
        assert_eq!(p("I/a"), Some("Juru Muda"));
        assert_eq!(Golongan::Pns { gol: 9, ruang: 'z' }.pangkat(), None);
        assert_eq!(pns("IV/c").unwrap().label(), "IV/c – Pembina Utama Muda");
    }

    #[test]
    fn rank_and_lists() {
        let all = Golongan::all_pns();
        assert_eq!(all.len(), 17);
        let ranks: Vec<u16> = all.iter().map(Golongan::rank).collect();
        assert_eq!(ranks, (1..=17).collect::<Vec<u16>>());
        assert_eq!(all.first().map(Golongan::code), Some("I/a".into()));
        assert_eq!(all.last().map(Golongan::code), Some("IV/e".into()));
        let p = Golongan::all_pppk();
        assert_eq!(p.len(), 17);
        assert_eq!(p.iter().map(Golongan::rank).min(), Some(101));
        assert_eq!(p.iter().map(Golongan::rank).max(), Some(117));
        // Every code parses back to itself.
        for g in all.iter().chain(p.iter()) {
            assert_eq!(Golongan::parse(&g.code(), g.jenis_asn()), Ok(*g));
        }
    }
}
