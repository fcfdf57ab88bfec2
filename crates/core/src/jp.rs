//! *Jam pelajaran* (JP) and the forms (*jalur*) of competency development (REFERENCE §0 "JP and
//! participation", §3). Every PNS must reach 20 JP a year (PP 11/2017 Pasal 203(4)); PPPK get at
//! most 24 JP per contract year (§3.1). Both figures, and the 45-minute JP, are configurable.

use serde::Serialize;

use crate::pegawai::JenisAsn;

/// A form of competency development, by its SIASN "jenis diklat" id 1..=25 (REFERENCE §3.3; the
/// ids come from public code and must be checked against the live SIASN reference).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
pub struct Jalur(u8);

/// The SIASN names, index = id − 1 (§3.3).
const NAMA: [&str; 25] = [
    "Diklat Struktural",
    "Diklat Fungsional",
    "Diklat Teknis",
    "Workshop",
    "Pelatihan Manajerial",
    "Pelatihan Sosial Kultural",
    "Sosialisasi",
    "Bimbingan Teknis",
    "Seminar",
    "Magang",
    "Kursus",
    "Penataran",
    "Pelatihan klasikal lainnya",
    "Coaching",
    "Mentoring",
    "E-Learning",
    "Pelatihan Jarak Jauh",
    "Detasering (Secondment)",
    "Pembelajaran Alam Terbuka (Outbond)",
    "Patok Banding (Benchmarking)",
    "Pertukaran PNS dengan Pegawai Swasta/BUMN/BUMD",
    "Belajar Mandiri (Self Development)",
    "Komunitas Belajar (Community of Practices)",
    "Bimbingan di Tempat Kerja",
    "Pelatihan nonklasikal lainnya",
];

impl Jalur {
    /// Every jalur, by id.
    pub fn all() -> impl Iterator<Item = Jalur> {
        (1..=25).map(Jalur)
    }

    /// From the SIASN id.
    ///
    /// # Errors
    /// An id outside 1..=25.
    pub fn from_id(id: u8) -> Result<Jalur, String> {
        if (1..=25).contains(&id) {
            Ok(Jalur(id))
        } else {
            Err(format!("jenis diklat SIASN harus 1–25, ditemukan {id}"))
        }
    }

    /// Parses the id ("8") or the code ("jd08").
    ///
    /// # Errors
    /// Anything else.
    pub fn parse(s: &str) -> Result<Jalur, String> {
        let t = s.trim().to_ascii_lowercase();
        let digits = t.strip_prefix("jd").unwrap_or(&t);
        digits
            .parse::<u8>()
            .map_err(|_| format!("jalur tidak dikenal: '{s}' (pakai id SIASN 1–25)"))
            .and_then(Jalur::from_id)
    }

    /// A jalur written in code: an id outside 1..=25 is clamped into it (for constants only;
    /// input goes through [`Jalur::from_id`] or [`Jalur::parse`]).
    pub const fn konstan(id: u8) -> Jalur {
        Jalur(if id < 1 {
            1
        } else if id > 25 {
            25
        } else {
            id
        })
    }

    /// The SIASN id.
    pub fn id(self) -> u8 {
        self.0
    }

    /// Stable code used as a JSON key: `jd01` … `jd25`.
    pub fn code(self) -> String {
        format!("jd{:02}", self.0)
    }

    /// The SIASN name.
    pub fn nama(self) -> &'static str {
        NAMA.get(usize::from(self.0) - 1).copied().unwrap_or("")
    }

    /// Classical (face to face) forms are SIASN ids 1–13; 14–25 are nonclassical (§3.3; SIASN
    /// puts *magang* among the classical ids although Perlan 10/2018 lists it as nonclassical).
    pub fn klasikal(self) -> bool {
        self.0 <= 13
    }
}

/// The yearly JP rules, configurable (REFERENCE §0: 20 JP per PNS, at most 24 JP per PPPK, 1 JP =
/// 45 minutes).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct AturanJp {
    /// JP every PNS must reach in a calendar year.
    pub target_pns: u32,
    /// JP a PPPK may receive per contract year (a maximum, not an obligation).
    pub maks_pppk: u32,
    /// Minutes in one JP.
    pub menit_per_jp: u32,
}

impl Default for AturanJp {
    fn default() -> Self {
        AturanJp {
            target_pns: 20,
            maks_pppk: 24,
            menit_per_jp: 45,
        }
    }
}

impl AturanJp {
    /// The JP an employee must reach: the PNS target; PPPK have no minimum (their 24 JP is a cap).
    pub fn target(&self, asn: JenisAsn) -> u32 {
        match asn {
            JenisAsn::Pns => self.target_pns,
            JenisAsn::Pppk => 0,
        }
    }

    /// Whether `jp` meets the obligation of `asn`.
    pub fn memenuhi(&self, asn: JenisAsn, jp: u32) -> bool {
        jp >= self.target(asn)
    }

    /// Whole JP in `minutes` of learning (rounded down: a started JP is not a JP).
    pub fn jp_dari_menit(&self, minutes: u32) -> u32 {
        minutes / self.menit_per_jp.max(1)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn jalur_ids_codes_and_kinds() {
        assert_eq!(Jalur::all().count(), 25);
        let bimtek = Jalur::parse("8").unwrap();
        assert_eq!(
            (bimtek.code(), bimtek.nama(), bimtek.klasikal()),
            ("jd08".to_string(), "Bimbingan Teknis", true)
        );
        assert_eq!(Jalur::parse("jd16").unwrap().nama(), "E-Learning");
        assert!(!Jalur::parse("16").unwrap().klasikal());
        assert!(
            Jalur::parse("0").is_err() && Jalur::parse("26").is_err() && Jalur::parse("x").is_err()
        );
    }

    #[test]
    fn targets_follow_the_defaults_and_are_configurable() {
        let a = AturanJp::default();
        assert!(a.memenuhi(JenisAsn::Pns, 20) && !a.memenuhi(JenisAsn::Pns, 19));
        assert!(
            a.memenuhi(JenisAsn::Pppk, 0),
            "PPPK have a cap, not a minimum"
        );
        assert_eq!(a.jp_dari_menit(90), 2);
        assert_eq!(a.jp_dari_menit(89), 1);
        let b = AturanJp {
            target_pns: 24,
            ..a
        };
        assert!(!b.memenuhi(JenisAsn::Pns, 20));
    }
}
