//! *Jenis jabatan*: the type of position an ASN holds, and its category.
//!
//! REFERENCE §5.4: UU 20/2023 is the current naming. *Jabatan manajerial* = JPT utama, JPT madya,
//! JPT pratama, administrator, pengawas (Pasal 14); *nonmanajerial* = fungsional and pelaksana
//! (Pasal 18). Older data uses UU 5/2014 and SIMPEG names ("struktural" + *eselon*, "fungsional
//! tertentu", "fungsional umum"), which [`JenisJabatan::parse`] maps onto the current types.
//! The position level (*jenjang*, e.g. "Ahli Muda") is kept as free text on the pegawai record.

use std::fmt;

/// Position type (UU 20/2023).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum JenisJabatan {
    /// *Jabatan Pimpinan Tinggi Utama*.
    JptUtama,
    /// *Jabatan Pimpinan Tinggi Madya* (e.g. a provincial Sekda, eselon I.b).
    JptMadya,
    /// *Jabatan Pimpinan Tinggi Pratama* (heads of OPD, eselon II).
    JptPratama,
    /// *Jabatan Administrator* (formerly eselon III).
    Administrator,
    /// *Jabatan Pengawas* (formerly eselon IV).
    Pengawas,
    /// *Jabatan Fungsional* (formerly "fungsional tertentu").
    Fungsional,
    /// *Jabatan Pelaksana* (formerly "fungsional umum" and eselon V).
    Pelaksana,
}

/// Category of a position type (UU 20/2023 Pasal 13).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum KategoriJabatan {
    /// *Jabatan Manajerial*: JPT, administrator, pengawas.
    Manajerial,
    /// *Jabatan Nonmanajerial*: fungsional, pelaksana.
    Nonmanajerial,
}

const KNOWN: &str =
    "pilih JPT Utama, JPT Madya, JPT Pratama, Administrator, Pengawas, Fungsional, atau Pelaksana";
const ESELON_HINT: &str = "mis. II.a, III.b, IV.a";

/// Lowercases and drops spaces, `_`, `-`, `.` and `/`, so "JPT Pratama" == "jpt_pratama".
fn squash(s: &str) -> String {
    s.chars()
        .filter(|c| !c.is_whitespace() && !matches!(c, '_' | '-' | '.' | '/'))
        .flat_map(char::to_lowercase)
        .collect()
}

impl JenisJabatan {
    /// Every position type, from the highest.
    pub const ALL: [JenisJabatan; 7] = [
        JenisJabatan::JptUtama,
        JenisJabatan::JptMadya,
        JenisJabatan::JptPratama,
        JenisJabatan::Administrator,
        JenisJabatan::Pengawas,
        JenisJabatan::Fungsional,
        JenisJabatan::Pelaksana,
    ];

    /// Parses a position type, ignoring case, spaces and underscores. Accepts the codes of
    /// [`JenisJabatan::code`], the labels, "Jabatan ..." prefixes and the old names:
    /// "fungsional tertentu"/"JFT" → Fungsional, "fungsional umum"/"JFU" → Pelaksana.
    /// "struktural" (and the ambiguous "JPT" or "administrasi") are resolved from `eselon`
    /// (see [`JenisJabatan::from_eselon`]); without an eselon they are an error.
    pub fn parse(s: &str, eselon: &str) -> Result<JenisJabatan, String> {
        let shown = crate::error::trim(s);
        let squashed = squash(shown);
        if squashed.is_empty() {
            return Err("jenis jabatan wajib diisi".into());
        }
        let key = squashed.strip_prefix("jabatan").unwrap_or(&squashed);
        let direct = match key {
            "jptutama" | "pimpinantinggiutama" => Some(JenisJabatan::JptUtama),
            "jptmadya" | "pimpinantinggimadya" => Some(JenisJabatan::JptMadya),
            "jptpratama" | "pimpinantinggipratama" => Some(JenisJabatan::JptPratama),
            "administrator" => Some(JenisJabatan::Administrator),
            "pengawas" => Some(JenisJabatan::Pengawas),
            "fungsional" | "fungsionaltertentu" | "jft" | "jf" => Some(JenisJabatan::Fungsional),
            "pelaksana" | "fungsionalumum" | "jfu" => Some(JenisJabatan::Pelaksana),
            _ => None,
        };
        if let Some(j) = direct {
            return Ok(j);
        }
        // Group names that need the eselon to pick one type.
        let allowed: &[JenisJabatan] = match key {
            "struktural" => &JenisJabatan::ALL,
            "jpt" | "pimpinantinggi" => &[
                JenisJabatan::JptUtama,
                JenisJabatan::JptMadya,
                JenisJabatan::JptPratama,
            ],
            "administrasi" => &[
                JenisJabatan::Administrator,
                JenisJabatan::Pengawas,
                JenisJabatan::Pelaksana,
            ],
            _ => return Err(format!("jenis jabatan tidak dikenali: '{shown}' ({KNOWN})")),
        };
        match Self::from_eselon(eselon)? {
            Some(j) if allowed.contains(&j) => Ok(j),
            Some(j) => Err(format!(
                "jenis jabatan '{shown}' tidak cocok dengan eselon '{}' ({})",
                eselon.trim(),
                j.label()
            )),
            None => Err(format!(
                "jenis jabatan '{shown}' memerlukan kolom eselon untuk menentukan jenisnya \
                 ({ESELON_HINT})"
            )),
        }
    }

    /// The position type an old *eselon* corresponds to, per UU 5/2014 Pasal 131 (the
    /// *penyetaraan* when UU 5/2014 took effect): I.a/I.b → JPT Madya (only an I.a head of a
    /// non-ministerial agency became JPT Utama, which does not occur in a pemda), II → JPT
    /// Pratama, III → Administrator, IV → Pengawas, V → Pelaksana.
    ///
    /// Accepts "II.a", "II/a", "IIa", "2a", "II", "Eselon III.b". Empty, "-", "0" and
    /// "non eselon" give `Ok(None)`.
    pub fn from_eselon(eselon: &str) -> Result<Option<JenisJabatan>, String> {
        let key = squash(eselon);
        let key = key.strip_prefix("eselon").unwrap_or(&key);
        if matches!(
            key,
            "" | "0" | "non" | "noneselon" | "nonesselon" | "tidakada"
        ) {
            return Ok(None);
        }
        let head = key
            .strip_suffix('a')
            .or_else(|| key.strip_suffix('b'))
            .unwrap_or(key);
        let level = match head {
            "i" | "1" => JenisJabatan::JptMadya,
            "ii" | "2" => JenisJabatan::JptPratama,
            "iii" | "3" => JenisJabatan::Administrator,
            "iv" | "4" => JenisJabatan::Pengawas,
            "v" | "5" => JenisJabatan::Pelaksana,
            _ => {
                return Err(format!(
                    "eselon tidak dikenali: '{}' ({ESELON_HINT})",
                    eselon.trim()
                ));
            }
        };
        Ok(Some(level))
    }

    /// Stable code: `"jpt_utama"`, `"jpt_madya"`, `"jpt_pratama"`, `"administrator"`,
    /// `"pengawas"`, `"fungsional"`, `"pelaksana"`.
    pub fn code(&self) -> &'static str {
        match self {
            JenisJabatan::JptUtama => "jpt_utama",
            JenisJabatan::JptMadya => "jpt_madya",
            JenisJabatan::JptPratama => "jpt_pratama",
            JenisJabatan::Administrator => "administrator",
            JenisJabatan::Pengawas => "pengawas",
            JenisJabatan::Fungsional => "fungsional",
            JenisJabatan::Pelaksana => "pelaksana",
        }
    }

    /// Display name: `"JPT Utama"`, ..., `"Fungsional"`, `"Pelaksana"`.
    pub fn label(&self) -> &'static str {
        match self {
            JenisJabatan::JptUtama => "JPT Utama",
            JenisJabatan::JptMadya => "JPT Madya",
            JenisJabatan::JptPratama => "JPT Pratama",
            JenisJabatan::Administrator => "Administrator",
            JenisJabatan::Pengawas => "Pengawas",
            JenisJabatan::Fungsional => "Fungsional",
            JenisJabatan::Pelaksana => "Pelaksana",
        }
    }

    /// Manajerial (JPT, administrator, pengawas) or nonmanajerial (fungsional, pelaksana).
    pub fn kategori(&self) -> KategoriJabatan {
        match self {
            JenisJabatan::Fungsional | JenisJabatan::Pelaksana => KategoriJabatan::Nonmanajerial,
            _ => KategoriJabatan::Manajerial,
        }
    }
}

impl fmt::Display for JenisJabatan {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.label())
    }
}

impl serde::Serialize for JenisJabatan {
    /// Serialized as its code (`"jpt_pratama"`).
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.code())
    }
}

impl KategoriJabatan {
    /// Both categories.
    pub const ALL: [KategoriJabatan; 2] =
        [KategoriJabatan::Manajerial, KategoriJabatan::Nonmanajerial];

    /// `"manajerial"` or `"nonmanajerial"`.
    pub fn code(&self) -> &'static str {
        match self {
            KategoriJabatan::Manajerial => "manajerial",
            KategoriJabatan::Nonmanajerial => "nonmanajerial",
        }
    }

    /// `"Manajerial"` or `"Nonmanajerial"`.
    pub fn label(&self) -> &'static str {
        match self {
            KategoriJabatan::Manajerial => "Manajerial",
            KategoriJabatan::Nonmanajerial => "Nonmanajerial",
        }
    }
}

impl fmt::Display for KategoriJabatan {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.label())
    }
}

#[cfg(test)]
mod tests {
    use super::JenisJabatan as J;
    use super::*;

    fn p(s: &str) -> Result<J, String> {
        J::parse(s, "")
    }

    #[test]
    fn current_names_codes_and_labels() {
        assert_eq!(p("jpt_pratama"), Ok(J::JptPratama));
        assert_eq!(p("JPT Pratama"), Ok(J::JptPratama));
        assert_eq!(p("  jpt-madya "), Ok(J::JptMadya));
        assert_eq!(p("Jabatan Pimpinan Tinggi Utama"), Ok(J::JptUtama));
        assert_eq!(p("ADMINISTRATOR"), Ok(J::Administrator));
        assert_eq!(p("pengawas"), Ok(J::Pengawas));
        assert_eq!(p("Jabatan Fungsional"), Ok(J::Fungsional));
        assert_eq!(p("pelaksana"), Ok(J::Pelaksana));
        for j in J::ALL {
            assert_eq!(p(j.code()), Ok(j));
            assert_eq!(p(j.label()), Ok(j));
        }
    }

    #[test]
    fn old_simpeg_aliases() {
        assert_eq!(p("fungsional tertentu"), Ok(J::Fungsional));
        assert_eq!(p("Fungsional_Tertentu"), Ok(J::Fungsional));
        assert_eq!(p("JFT"), Ok(J::Fungsional));
        assert_eq!(p("fungsional umum"), Ok(J::Pelaksana));
        assert_eq!(p("JFU"), Ok(J::Pelaksana));
    }

    #[test]
    fn struktural_resolved_by_eselon() {
        assert_eq!(J::parse("struktural", "II.a"), Ok(J::JptPratama));
        assert_eq!(J::parse("Struktural", "II.b"), Ok(J::JptPratama));
        assert_eq!(J::parse("STRUKTURAL", "III.a"), Ok(J::Administrator));
        assert_eq!(J::parse("struktural", "III/b"), Ok(J::Administrator));
        assert_eq!(J::parse("struktural", "IV.a"), Ok(J::Pengawas));
        assert_eq!(J::parse("struktural", "4b"), Ok(J::Pengawas));
        assert_eq!(J::parse("struktural", "Eselon V.a"), Ok(J::Pelaksana));
        // UU 5/2014 Pasal 131: eselon I.a/I.b (e.g. Sekda provinsi, I.b) → JPT Madya.
        assert_eq!(J::parse("struktural", "I.b"), Ok(J::JptMadya));
        assert_eq!(J::parse("struktural", "I.a"), Ok(J::JptMadya));
    }

    #[test]
    fn struktural_without_eselon_asks_for_it() {
        for eselon in ["", "  ", "-", "non eselon"] {
            let err = J::parse("struktural", eselon).unwrap_err();
            assert!(err.contains("memerlukan kolom eselon"), "{eselon:?}: {err}");
        }
        let err = J::parse("struktural", "VI.a").unwrap_err();
        assert!(err.contains("eselon tidak dikenali: 'VI.a'"), "{err}");
    }

    #[test]
    fn group_names_must_match_eselon() {
        assert_eq!(J::parse("JPT", "II.a"), Ok(J::JptPratama));
        assert_eq!(J::parse("administrasi", "IV.b"), Ok(J::Pengawas));
        let err = J::parse("JPT", "III.a").unwrap_err();
        assert!(err.contains("tidak cocok dengan eselon"), "{err}");
    }

    #[test]
    fn unknown_and_empty() {
        assert_eq!(p(""), Err("jenis jabatan wajib diisi".into()));
        let err = p("menteri").unwrap_err();
        assert!(
            err.starts_with("jenis jabatan tidak dikenali: 'menteri'"),
            "{err}"
        );
    }

    #[test]
    fn from_eselon_values() {
        assert_eq!(J::from_eselon(""), Ok(None));
        assert_eq!(J::from_eselon("0"), Ok(None));
        assert_eq!(J::from_eselon("Non-Eselon"), Ok(None));
        assert_eq!(J::from_eselon("II"), Ok(Some(J::JptPratama)));
        assert!(J::from_eselon("IIc").is_err());
        assert!(J::from_eselon("x").is_err());
    }

    #[test]
    fn kategori_follows_uu_20_2023() {
        let manajerial: Vec<J> = J::ALL
            .into_iter()
            .filter(|j| j.kategori() == KategoriJabatan::Manajerial)
            .collect();
        assert_eq!(
            manajerial,
            [
                J::JptUtama,
                J::JptMadya,
                J::JptPratama,
                J::Administrator,
                J::Pengawas
            ]
        );
        assert_eq!(J::Pelaksana.kategori().code(), "nonmanajerial");
        assert_eq!(J::Fungsional.kategori().label(), "Nonmanajerial");
        assert_eq!(KategoriJabatan::Manajerial.code(), "manajerial");
    }
}
