//! The organisation tree: *pemda* (the province and its kabupaten/kota) → *OPD* (*organisasi
//! perangkat daerah*, a regional agency) → *unit* (a *unit kerja*, or a *unit layanan* that serves
//! the public, e.g. a Disdukcapil counter).
//!
//! Every node has a dotted code ([`OrgKode`]); a child's code is its parent's code plus one more
//! segment. Pemda codes follow the Kemendagri codes of REFERENCE §0: province `15`, kabupaten/kota
//! `15.01`..`15.09`, `15.71`, `15.72` (see [`JAMBI_PEMDA`]). An OPD of the province itself has a
//! two-segment code under `15`; pick segments that do not collide with the kabupaten/kota codes
//! (e.g. `15.D01` or `15.101`), because codes are unique across the whole tree.

use std::fmt;

mod node;

pub use node::{OrgInput, OrgNode, parse_ya_tidak};

/// Maximum number of segments in an [`OrgKode`].
pub const MAX_SEGMENTS: usize = 8;
/// Maximum length of one segment of an [`OrgKode`].
pub const MAX_SEGMENT_LEN: usize = 6;

/// Province of Jambi and its 11 kabupaten/kota with their Kemendagri codes (REFERENCE §0, §7).
pub const JAMBI_PEMDA: [(&str, &str); 12] = [
    ("15", "Provinsi Jambi"),
    ("15.01", "Kabupaten Kerinci"),
    ("15.02", "Kabupaten Merangin"),
    ("15.03", "Kabupaten Sarolangun"),
    ("15.04", "Kabupaten Batang Hari"),
    ("15.05", "Kabupaten Muaro Jambi"),
    ("15.06", "Kabupaten Tanjung Jabung Timur"),
    ("15.07", "Kabupaten Tanjung Jabung Barat"),
    ("15.08", "Kabupaten Tebo"),
    ("15.09", "Kabupaten Bungo"),
    ("15.71", "Kota Jambi"),
    ("15.72", "Kota Sungai Penuh"),
];

/// A dotted organisation code such as `"15.71.03.01"`: 1..=8 segments of 1..=6 ASCII letters or
/// digits. Letters keep the case they were given.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize)]
#[serde(transparent)]
pub struct OrgKode(String);

impl OrgKode {
    /// Parses a code after trimming surrounding whitespace.
    pub fn parse(s: &str) -> Result<OrgKode, String> {
        let s = crate::error::trim(s);
        if s.is_empty() {
            return Err("kode organisasi wajib diisi".into());
        }
        let segments: Vec<&str> = s.split('.').collect();
        if segments.len() > MAX_SEGMENTS {
            return Err(format!(
                "kode organisasi paling banyak {MAX_SEGMENTS} bagian, ditemukan {}",
                segments.len()
            ));
        }
        for seg in &segments {
            if seg.is_empty() {
                return Err(format!(
                    "kode organisasi tidak boleh memiliki bagian kosong (titik ganda atau di \
                     ujung): '{s}'"
                ));
            }
            if let Some(c) = seg.chars().find(|c| !c.is_ascii_alphanumeric()) {
                return Err(format!(
                    "kode organisasi hanya boleh berisi huruf/angka yang dipisah titik, \
                     ditemukan '{c}' dalam '{s}'"
                ));
            }
            // ASCII only from here on, so len() counts characters.
            if seg.len() > MAX_SEGMENT_LEN {
                return Err(format!(
                    "setiap bagian kode organisasi paling panjang {MAX_SEGMENT_LEN} karakter, \
                     ditemukan '{seg}'"
                ));
            }
        }
        Ok(OrgKode(s.to_string()))
    }

    /// The code as written, e.g. `"15.71.03"`.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The code with its last segment removed; `None` for a one-segment code.
    pub fn parent(&self) -> Option<OrgKode> {
        self.0
            .rsplit_once('.')
            .map(|(head, _)| OrgKode(head.to_string()))
    }

    /// Number of segments (`"15"` = 1, `"15.71.03"` = 3).
    pub fn depth(&self) -> usize {
        self.0.split('.').count()
    }

    /// The segments, in order.
    pub fn segments(&self) -> impl Iterator<Item = &str> {
        self.0.split('.')
    }

    /// True when `other`'s segments are a proper prefix of this code's segments
    /// (`"15.71.03"` descends from `"15.71"` and `"15"`, not from `"15.7"` nor itself).
    pub fn is_descendant_of(&self, other: &OrgKode) -> bool {
        self.0
            .strip_prefix(other.0.as_str())
            .is_some_and(|rest| rest.starts_with('.'))
    }

    /// True when this code is `parent` plus exactly one segment.
    pub fn is_child_of(&self, parent: &OrgKode) -> bool {
        self.parent().as_ref() == Some(parent)
    }
}

impl fmt::Display for OrgKode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::str::FromStr for OrgKode {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        OrgKode::parse(s)
    }
}

/// Kind of organisation node.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize)]
pub enum JenisOrg {
    /// *Pemerintah daerah*: the province or a kabupaten/kota.
    Pemda,
    /// *Organisasi perangkat daerah*: a dinas, badan, sekretariat...
    Opd,
    /// A *unit kerja* inside an OPD (possibly a *unit layanan*).
    Unit,
}

impl JenisOrg {
    /// All kinds, from the top of the tree.
    pub const ALL: [JenisOrg; 3] = [JenisOrg::Pemda, JenisOrg::Opd, JenisOrg::Unit];

    /// Parses `"pemda"`, `"opd"`, `"unit"` (case-insensitive; also "unit kerja", "unit
    /// layanan", "pemerintah daerah").
    pub fn parse(s: &str) -> Result<JenisOrg, String> {
        let key: String = s
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
            .to_lowercase();
        match key.as_str() {
            "pemda" | "pemerintah daerah" => Ok(JenisOrg::Pemda),
            "opd" | "organisasi perangkat daerah" => Ok(JenisOrg::Opd),
            "unit" | "unit kerja" | "unit layanan" => Ok(JenisOrg::Unit),
            "" => Err("jenis organisasi wajib diisi (pemda, opd, atau unit)".into()),
            _ => Err(format!(
                "jenis organisasi harus pemda, opd, atau unit, ditemukan '{}'",
                s.trim()
            )),
        }
    }

    /// `"pemda"`, `"opd"` or `"unit"`.
    pub fn code(&self) -> &'static str {
        match self {
            JenisOrg::Pemda => "pemda",
            JenisOrg::Opd => "opd",
            JenisOrg::Unit => "unit",
        }
    }

    /// `"Pemda"`, `"OPD"` or `"Unit kerja"`.
    pub fn label(&self) -> &'static str {
        match self {
            JenisOrg::Pemda => "Pemda",
            JenisOrg::Opd => "OPD",
            JenisOrg::Unit => "Unit kerja",
        }
    }

    /// The kinds a node of this kind may hang under (empty = it may be a root).
    pub fn allowed_parents(&self) -> &'static [JenisOrg] {
        match self {
            JenisOrg::Pemda => &[JenisOrg::Pemda],
            JenisOrg::Opd => &[JenisOrg::Pemda],
            JenisOrg::Unit => &[JenisOrg::Opd, JenisOrg::Unit],
        }
    }
}

impl fmt::Display for JenisOrg {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.label())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn k(s: &str) -> OrgKode {
        OrgKode::parse(s).unwrap()
    }

    #[test]
    fn kode_accepts_dotted_alphanumerics() {
        assert_eq!(k(" 15.71.03.01 ").as_str(), "15.71.03.01");
        assert_eq!(k("15.D01").as_str(), "15.D01", "letters keep their case");
        assert_eq!(k("1.2.3.4.5.6.7.8").depth(), 8);
        assert_eq!(k("ABCDEF").depth(), 1);
    }

    #[test]
    fn kode_rejections() {
        assert_eq!(
            OrgKode::parse("  "),
            Err("kode organisasi wajib diisi".into())
        );
        assert!(
            OrgKode::parse("1.2.3.4.5.6.7.8.9")
                .unwrap_err()
                .contains("8 bagian")
        );
        assert!(
            OrgKode::parse("15..71")
                .unwrap_err()
                .contains("bagian kosong")
        );
        assert!(OrgKode::parse("15.71.").is_err());
        assert!(OrgKode::parse(".15").is_err());
        assert!(OrgKode::parse("15.7 1").unwrap_err().contains("' '"));
        assert!(OrgKode::parse("15/71").is_err());
        assert!(OrgKode::parse("15.é").is_err());
        assert!(
            OrgKode::parse("15.1234567")
                .unwrap_err()
                .contains("6 karakter")
        );
    }

    #[test]
    fn parent_depth_descendant() {
        let unit = k("15.71.03.01");
        assert_eq!(unit.parent(), Some(k("15.71.03")));
        assert_eq!(k("15").parent(), None);
        assert_eq!(unit.depth(), 4);
        assert_eq!(
            unit.segments().collect::<Vec<_>>(),
            ["15", "71", "03", "01"]
        );
        assert!(unit.is_descendant_of(&k("15.71")));
        assert!(unit.is_descendant_of(&k("15")));
        assert!(!unit.is_descendant_of(&unit), "strict");
        assert!(
            !k("15.71").is_descendant_of(&k("15.7")),
            "segment-wise, not by text"
        );
        assert!(!k("15.71").is_descendant_of(&k("15.71.03")));
        assert!(unit.is_child_of(&k("15.71.03")));
        assert!(!unit.is_child_of(&k("15.71")));
    }

    #[test]
    fn jambi_codes_are_valid_pemda_codes() {
        for (kode, _) in JAMBI_PEMDA {
            let kode = k(kode);
            assert!(kode.depth() <= 2);
            assert!(kode == k("15") || kode.is_child_of(&k("15")));
        }
    }

    #[test]
    fn jenis_org_parse() {
        assert_eq!(JenisOrg::parse("PEMDA"), Ok(JenisOrg::Pemda));
        assert_eq!(JenisOrg::parse(" Opd "), Ok(JenisOrg::Opd));
        assert_eq!(JenisOrg::parse("Unit  Layanan"), Ok(JenisOrg::Unit));
        assert!(JenisOrg::parse("").unwrap_err().contains("wajib"));
        assert!(JenisOrg::parse("kecamatan").is_err());
        for j in JenisOrg::ALL {
            assert_eq!(JenisOrg::parse(j.code()), Ok(j));
        }
        assert_eq!(JenisOrg::Unit.label(), "Unit kerja");
    }
}
