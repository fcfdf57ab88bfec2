//! The *pegawai* (ASN employee) record: its raw input ([`PegawaiInput`]), the validated record
//! ([`Pegawai`], built by [`Pegawai::validate`]) and the small enumerations it uses: sex
//! ([`JenisKelamin`]), kind of ASN ([`JenisAsn`]: PNS or PPPK) and employment status
//! ([`StatusPegawai`]). Date parsing for forms and spreadsheets is in [`parse_tanggal`].

use std::fmt;

use time::Date;

use crate::error::FieldError;
use crate::golongan::Golongan;
use crate::jabatan::JenisJabatan;
use crate::nip::Nip;
use crate::org::OrgKode;

mod tanggal;
mod validate;

pub use tanggal::parse_tanggal;
pub use validate::{MAX_GELAR, MAX_JABATAN, MAX_JENJANG, MAX_NAMA};

/// Lowercases and drops whitespace, `-`, `_` and `.`, for lenient matching of enum names.
fn squash(s: &str) -> String {
    s.chars()
        .filter(|c| !c.is_whitespace() && !matches!(c, '-' | '_' | '.'))
        .flat_map(char::to_lowercase)
        .collect()
}

/// Sex (*jenis kelamin*), as in digit 15 of the NIP (1 = L, 2 = P).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize)]
pub enum JenisKelamin {
    /// *Laki-laki* (male).
    L,
    /// *Perempuan* (female).
    P,
}

impl JenisKelamin {
    /// Both values.
    pub const ALL: [JenisKelamin; 2] = [JenisKelamin::L, JenisKelamin::P];

    /// Accepts L, P, Laki-laki, Perempuan, Pria, Wanita (case-insensitive).
    pub fn parse(s: &str) -> Result<Self, String> {
        match squash(s).as_str() {
            "l" | "lakilaki" | "laki" | "laki2" | "pria" => Ok(JenisKelamin::L),
            "p" | "perempuan" | "wanita" => Ok(JenisKelamin::P),
            "" => Err("jenis kelamin wajib diisi (L atau P)".into()),
            _ => Err(format!(
                "jenis kelamin harus L (Laki-laki) atau P (Perempuan), ditemukan '{}'",
                s.trim()
            )),
        }
    }

    /// `"L"` or `"P"`.
    pub fn code(&self) -> &'static str {
        match self {
            JenisKelamin::L => "L",
            JenisKelamin::P => "P",
        }
    }

    /// `"Laki-laki"` or `"Perempuan"`.
    pub fn label(&self) -> &'static str {
        match self {
            JenisKelamin::L => "Laki-laki",
            JenisKelamin::P => "Perempuan",
        }
    }
}

impl fmt::Display for JenisKelamin {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.label())
    }
}

/// Kind of ASN: *PNS* (civil servant, including CPNS) or *PPPK* (contract civil servant).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize)]
pub enum JenisAsn {
    /// *Pegawai Negeri Sipil* (a CPNS is recorded as PNS).
    Pns,
    /// *Pegawai Pemerintah dengan Perjanjian Kerja*.
    Pppk,
}

impl JenisAsn {
    /// Both values.
    pub const ALL: [JenisAsn; 2] = [JenisAsn::Pns, JenisAsn::Pppk];

    /// Accepts "PNS", "CPNS" → PNS and "PPPK", "P3K" → PPPK (case-insensitive).
    pub fn parse(s: &str) -> Result<Self, String> {
        match squash(s).as_str() {
            "pns" | "cpns" => Ok(JenisAsn::Pns),
            "pppk" | "p3k" => Ok(JenisAsn::Pppk),
            "" => Err("jenis ASN wajib diisi (PNS atau PPPK)".into()),
            _ => Err(format!(
                "jenis ASN harus PNS atau PPPK, ditemukan '{}'",
                s.trim()
            )),
        }
    }

    /// `"PNS"` or `"PPPK"`.
    pub fn code(&self) -> &'static str {
        match self {
            JenisAsn::Pns => "PNS",
            JenisAsn::Pppk => "PPPK",
        }
    }

    /// Full name.
    pub fn label(&self) -> &'static str {
        match self {
            JenisAsn::Pns => "Pegawai Negeri Sipil",
            JenisAsn::Pppk => "Pegawai Pemerintah dengan Perjanjian Kerja",
        }
    }
}

impl fmt::Display for JenisAsn {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

/// Employment status.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize)]
pub enum StatusPegawai {
    /// In service.
    Aktif,
    /// On leave (*cuti*).
    Cuti,
    /// Retired (*pensiun*).
    Pensiun,
    /// Moved to another instansi (*pindah*).
    Pindah,
}

impl StatusPegawai {
    /// Every status.
    pub const ALL: [StatusPegawai; 4] = [
        StatusPegawai::Aktif,
        StatusPegawai::Cuti,
        StatusPegawai::Pensiun,
        StatusPegawai::Pindah,
    ];

    /// Parses `"aktif"`, `"cuti"`, `"pensiun"`, `"pindah"` (case-insensitive). Empty is an
    /// error; callers that allow an empty status default to [`StatusPegawai::Aktif`].
    pub fn parse(s: &str) -> Result<Self, String> {
        let key = squash(s);
        if key.is_empty() {
            return Err("status pegawai wajib diisi".into());
        }
        StatusPegawai::ALL
            .into_iter()
            .find(|st| st.code() == key)
            .ok_or_else(|| {
                format!(
                    "status pegawai harus aktif, cuti, pensiun, atau pindah, ditemukan '{}'",
                    s.trim()
                )
            })
    }

    /// `"aktif"`, `"cuti"`, `"pensiun"` or `"pindah"`.
    pub fn code(&self) -> &'static str {
        match self {
            StatusPegawai::Aktif => "aktif",
            StatusPegawai::Cuti => "cuti",
            StatusPegawai::Pensiun => "pensiun",
            StatusPegawai::Pindah => "pindah",
        }
    }

    /// `"Aktif"`, `"Cuti"`, `"Pensiun"` or `"Pindah"`.
    pub fn label(&self) -> &'static str {
        match self {
            StatusPegawai::Aktif => "Aktif",
            StatusPegawai::Cuti => "Cuti",
            StatusPegawai::Pensiun => "Pensiun",
            StatusPegawai::Pindah => "Pindah",
        }
    }
}

impl fmt::Display for StatusPegawai {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.label())
    }
}

/// Raw pegawai fields, as typed in a form or read from a file. Field names are the names used in
/// [`FieldError::field`].
#[derive(Debug, Clone, Default)]
pub struct PegawaiInput {
    /// NIP (PNS) or NI PPPK, spaces allowed.
    pub nip: String,
    /// Name without academic titles.
    pub nama: String,
    /// L/P or Laki-laki/Perempuan.
    pub jenis_kelamin: String,
    /// Birth date: YYYY-MM-DD, DD-MM-YYYY or DD/MM/YYYY.
    pub tanggal_lahir: String,
    /// PNS or PPPK.
    pub jenis_asn: String,
    /// "III/a" (PNS) or "IX" (PPPK).
    pub golongan: String,
    /// Position type, e.g. "fungsional", "struktural" (with `eselon`).
    pub jenis_jabatan: String,
    /// Position name, e.g. "Analis Kebijakan Ahli Muda".
    pub jabatan: String,
    /// Organisation code of the unit, e.g. "15.71.03.01".
    pub unit: String,
    /// Status; empty = aktif.
    pub status: String,
    /// Optional position level, e.g. "Ahli Muda".
    pub jenjang: String,
    /// Optional SIMPEG eselon ("II.a"...), used to resolve "struktural".
    pub eselon: String,
    /// Optional date the current position took effect.
    pub tmt_jabatan: String,
    /// Optional titles before the name, e.g. "Dr.".
    pub gelar_depan: String,
    /// Optional titles after the name, e.g. "S.Kom., M.Si.".
    pub gelar_belakang: String,
}

/// A validated ASN record.
#[derive(Debug, Clone, PartialEq)]
pub struct Pegawai {
    /// NIP or NI PPPK.
    pub nip: Nip,
    /// Name without titles.
    pub nama: String,
    /// Titles before the name.
    pub gelar_depan: Option<String>,
    /// Titles after the name.
    pub gelar_belakang: Option<String>,
    /// Sex.
    pub jenis_kelamin: JenisKelamin,
    /// Birth date.
    pub tanggal_lahir: Date,
    /// PNS or PPPK.
    pub jenis_asn: JenisAsn,
    /// Pay grade, matching `jenis_asn`.
    pub golongan: Golongan,
    /// Position type.
    pub jenis_jabatan: JenisJabatan,
    /// Position name.
    pub jabatan: String,
    /// Position level.
    pub jenjang: Option<String>,
    /// Organisation unit code.
    pub unit: OrgKode,
    /// Employment status.
    pub status: StatusPegawai,
    /// Date the current position took effect.
    pub tmt_jabatan: Option<Date>,
    /// Doubts that did not block the record (e.g. NI PPPK structure), to show to the operator.
    pub warnings: Vec<FieldError>,
}

impl Pegawai {
    /// Name with titles, as written on certificates: `"Dr. Budi Santoso, S.Kom., M.Si."`.
    pub fn nama_lengkap(&self) -> String {
        let mut out = String::new();
        if let Some(g) = &self.gelar_depan {
            out.push_str(g);
            out.push(' ');
        }
        out.push_str(&self.nama);
        if let Some(g) = &self.gelar_belakang {
            out.push_str(", ");
            out.push_str(g);
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn jenis_kelamin_forms() {
        for s in ["L", "l", "Laki-laki", "LAKI-LAKI", "laki laki", "Pria"] {
            assert_eq!(JenisKelamin::parse(s), Ok(JenisKelamin::L), "{s}");
        }
        for s in ["P", "p", "Perempuan", "WANITA", " wanita "] {
            assert_eq!(JenisKelamin::parse(s), Ok(JenisKelamin::P), "{s}");
        }
        assert!(JenisKelamin::parse("").unwrap_err().contains("wajib"));
        assert!(JenisKelamin::parse("X").unwrap_err().contains("'X'"));
        assert_eq!(JenisKelamin::P.code(), "P");
        assert_eq!(JenisKelamin::L.label(), "Laki-laki");
    }

    #[test]
    fn jenis_asn_forms() {
        assert_eq!(JenisAsn::parse("pns"), Ok(JenisAsn::Pns));
        assert_eq!(JenisAsn::parse(" CPNS "), Ok(JenisAsn::Pns));
        assert_eq!(JenisAsn::parse("Pppk"), Ok(JenisAsn::Pppk));
        assert_eq!(JenisAsn::parse("p3k"), Ok(JenisAsn::Pppk));
        assert!(JenisAsn::parse("honorer").is_err());
        assert!(JenisAsn::parse("").is_err());
        assert_eq!(JenisAsn::Pppk.code(), "PPPK");
    }

    #[test]
    fn status_forms() {
        assert_eq!(StatusPegawai::parse("AKTIF"), Ok(StatusPegawai::Aktif));
        assert_eq!(
            StatusPegawai::parse(" Pensiun "),
            Ok(StatusPegawai::Pensiun)
        );
        assert!(StatusPegawai::parse("").is_err());
        assert!(StatusPegawai::parse("meninggal").is_err());
        for st in StatusPegawai::ALL {
            assert_eq!(StatusPegawai::parse(st.code()), Ok(st));
            assert_eq!(StatusPegawai::parse(st.label()), Ok(st));
        }
    }
}
