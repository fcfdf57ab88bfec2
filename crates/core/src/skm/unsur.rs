//! The nine *unsur* (service elements) of the 2017 SKM method: their storage codes, official
//! names, the standard question for each and its four answer labels (REFERENCE §0.1, §1.2, §1.3).
//!
//! An *unsur* is one aspect of a public service that respondents rate (requirements, procedure,
//! time, fee, ...). Answers are always keyed by [`Unsur`], never by question position, because
//! sources disagree on whether *pengaduan* or *sarana* is question 8 (§1.2).

use std::fmt;

/// One of the nine SKM elements of PermenPANRB 14/2017 (REFERENCE §1.2).
///
/// The declaration order is the order of the regulation body and of §0.1; it is used only as
/// an internal array index ([`Unsur::index`]), never as a questionnaire position.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Unsur {
    /// *Persyaratan*: technical and administrative requirements.
    Persyaratan,
    /// *Sistem, Mekanisme, dan Prosedur*.
    Prosedur,
    /// *Waktu Penyelesaian*: time to complete the service.
    Waktu,
    /// *Biaya/Tarif*: the fee charged.
    Biaya,
    /// *Produk Spesifikasi Jenis Pelayanan*: output matches the service standard.
    Produk,
    /// *Kompetensi Pelaksana*: competence of the staff.
    Kompetensi,
    /// *Perilaku Pelaksana*: staff attitude (courtesy, friendliness).
    Perilaku,
    /// *Penanganan Pengaduan, Saran dan Masukan*: complaint handling.
    Pengaduan,
    /// *Sarana dan Prasarana*: facilities and infrastructure.
    Sarana,
}

impl Unsur {
    /// All nine unsur in the order of §0.1 (regulation body order; [`Unsur::index`] order).
    pub const ALL: [Unsur; 9] = [
        Unsur::Persyaratan,
        Unsur::Prosedur,
        Unsur::Waktu,
        Unsur::Biaya,
        Unsur::Produk,
        Unsur::Kompetensi,
        Unsur::Perilaku,
        Unsur::Pengaduan,
        Unsur::Sarana,
    ];

    /// The nine unsur in the order of the standard questionnaire (§1.3): *sarana* is question 8
    /// and *pengaduan* question 9, the reverse of the regulation body. For rendering only.
    pub const URUTAN_KUESIONER: [Unsur; 9] = [
        Unsur::Persyaratan,
        Unsur::Prosedur,
        Unsur::Waktu,
        Unsur::Biaya,
        Unsur::Produk,
        Unsur::Kompetensi,
        Unsur::Perilaku,
        Unsur::Sarana,
        Unsur::Pengaduan,
    ];

    /// Position of this unsur in [`Unsur::ALL`] (0..=8): the index into per-unsur arrays.
    pub const fn index(self) -> usize {
        self as usize
    }

    /// The storage code of §0.1 (`"persyaratan"`, `"prosedur"`, ...).
    pub const fn code(&self) -> &'static str {
        match self {
            Unsur::Persyaratan => "persyaratan",
            Unsur::Prosedur => "prosedur",
            Unsur::Waktu => "waktu",
            Unsur::Biaya => "biaya",
            Unsur::Produk => "produk",
            Unsur::Kompetensi => "kompetensi",
            Unsur::Perilaku => "perilaku",
            Unsur::Pengaduan => "pengaduan",
            Unsur::Sarana => "sarana",
        }
    }

    /// The official name of the unsur as listed in the regulation (§1.2).
    pub const fn label(&self) -> &'static str {
        match self {
            Unsur::Persyaratan => "Persyaratan",
            Unsur::Prosedur => "Sistem, Mekanisme, dan Prosedur",
            Unsur::Waktu => "Waktu Penyelesaian",
            Unsur::Biaya => "Biaya/Tarif",
            Unsur::Produk => "Produk Spesifikasi Jenis Pelayanan",
            Unsur::Kompetensi => "Kompetensi Pelaksana",
            Unsur::Perilaku => "Perilaku Pelaksana",
            Unsur::Pengaduan => "Penanganan Pengaduan, Saran dan Masukan",
            Unsur::Sarana => "Sarana dan Prasarana",
        }
    }

    /// The standard question wording of the 2017 questionnaire (§1.3).
    ///
    /// Q5–Q9 are abbreviated "…" in the reference; the omitted opening is the common
    /// "Bagaimana pendapat Saudara tentang" of Q1, Q3 and Q4.
    pub const fn pertanyaan(&self) -> &'static str {
        match self {
            Unsur::Persyaratan => {
                "Bagaimana pendapat Saudara tentang kesesuaian persyaratan pelayanan dengan jenis pelayanannya?"
            }
            Unsur::Prosedur => {
                "Bagaimana pemahaman Saudara tentang kemudahan prosedur pelayanan di unit ini?"
            }
            Unsur::Waktu => {
                "Bagaimana pendapat Saudara tentang kecepatan waktu dalam memberikan pelayanan?"
            }
            Unsur::Biaya => {
                "Bagaimana pendapat Saudara tentang kewajaran biaya/tarif dalam pelayanan?"
            }
            Unsur::Produk => {
                "Bagaimana pendapat Saudara tentang kesesuaian produk pelayanan antara yang tercantum dalam standar pelayanan dengan hasil yang diberikan?"
            }
            Unsur::Kompetensi => {
                "Bagaimana pendapat Saudara tentang kompetensi/kemampuan petugas dalam pelayanan?"
            }
            Unsur::Perilaku => {
                "Bagaimana pendapat Saudara tentang perilaku petugas dalam pelayanan terkait kesopanan dan keramahan?"
            }
            Unsur::Pengaduan => {
                "Bagaimana pendapat Saudara tentang penanganan pengaduan pengguna layanan?"
            }
            Unsur::Sarana => "Bagaimana pendapat Saudara tentang kualitas sarana dan prasarana?",
        }
    }

    /// The four standard answer labels a–d; element `i` scores `i + 1` (§1.3: a = 1 … d = 4).
    pub const fn pilihan(&self) -> [&'static str; 4] {
        match self {
            Unsur::Persyaratan | Unsur::Produk => {
                ["Tidak sesuai", "Kurang sesuai", "Sesuai", "Sangat sesuai"]
            }
            Unsur::Prosedur => ["Tidak mudah", "Kurang mudah", "Mudah", "Sangat mudah"],
            Unsur::Waktu => ["Tidak cepat", "Kurang cepat", "Cepat", "Sangat cepat"],
            Unsur::Biaya => ["Sangat mahal", "Cukup mahal", "Murah", "Gratis"],
            Unsur::Kompetensi => [
                "Tidak kompeten",
                "Kurang kompeten",
                "Kompeten",
                "Sangat kompeten",
            ],
            Unsur::Perilaku => [
                "Tidak sopan dan ramah",
                "Kurang sopan dan ramah",
                "Sopan dan ramah",
                "Sangat sopan dan ramah",
            ],
            Unsur::Pengaduan => [
                "Tidak ada",
                "Ada tetapi tidak berfungsi",
                "Berfungsi kurang maksimal",
                "Dikelola dengan baik",
            ],
            Unsur::Sarana => ["Buruk", "Cukup", "Baik", "Sangat Baik"],
        }
    }

    /// Score (1..=4) of a standard answer label of this unsur, compared case-insensitively
    /// after trimming; `None` for any other label. Importers map labels explicitly through this
    /// rather than by position, since local forms reorder or reword options (§1.3).
    pub fn skor_pilihan(&self, label: &str) -> Option<u8> {
        let label = label.trim();
        self.pilihan()
            .iter()
            .zip(1u8..)
            .find(|(p, _)| p.eq_ignore_ascii_case(label))
            .map(|(_, skor)| skor)
    }

    /// Parses a storage code or an official label (case-insensitive, trimmed).
    ///
    /// # Errors
    /// A message in Bahasa Indonesia naming the accepted codes.
    pub fn parse(s: &str) -> Result<Unsur, String> {
        let t = s.trim();
        Unsur::ALL
            .into_iter()
            .find(|u| u.code().eq_ignore_ascii_case(t) || u.label().eq_ignore_ascii_case(t))
            .ok_or_else(|| {
                let kode: Vec<&str> = Unsur::ALL.iter().map(Unsur::code).collect();
                format!("unsur \"{t}\" tidak dikenal (pilihan: {})", kode.join(", "))
            })
    }
}

impl fmt::Display for Unsur {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

impl serde::Serialize for Unsur {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.code())
    }
}

impl<'de> serde::Deserialize<'de> for Unsur {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        Unsur::parse(&s).map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_follow_section_0_1_in_order_and_round_trip() {
        let codes: Vec<&str> = Unsur::ALL.iter().map(Unsur::code).collect();
        assert_eq!(
            codes,
            [
                "persyaratan",
                "prosedur",
                "waktu",
                "biaya",
                "produk",
                "kompetensi",
                "perilaku",
                "pengaduan",
                "sarana"
            ]
        );
        for (i, u) in Unsur::ALL.into_iter().enumerate() {
            assert_eq!(u.index(), i);
            assert_eq!(Unsur::parse(u.code()), Ok(u));
            assert_eq!(Unsur::parse(&u.label().to_uppercase()), Ok(u));
        }
    }

    #[test]
    fn questionnaire_order_swaps_sarana_and_pengaduan() {
        assert_eq!(Unsur::URUTAN_KUESIONER[7], Unsur::Sarana);
        assert_eq!(Unsur::URUTAN_KUESIONER[8], Unsur::Pengaduan);
        let mut sorted = Unsur::URUTAN_KUESIONER;
        sorted.sort();
        assert_eq!(sorted, Unsur::ALL);
    }

    #[test]
    fn parse_rejects_unknown_and_positional_names() {
        let err = Unsur::parse("u8").unwrap_err();
        assert!(err.contains("tidak dikenal"), "{err}");
        assert!(err.contains("sarana"), "{err}");
        assert!(Unsur::parse("").is_err());
        assert_eq!(Unsur::parse("  Sarana \n"), Ok(Unsur::Sarana));
    }

    #[test]
    fn answer_labels_map_to_scores_by_label_not_position() {
        assert_eq!(Unsur::Biaya.skor_pilihan("gratis"), Some(4));
        assert_eq!(Unsur::Biaya.skor_pilihan("Sangat mahal"), Some(1));
        assert_eq!(
            Unsur::Pengaduan.skor_pilihan("Berfungsi kurang maksimal"),
            Some(3)
        );
        assert_eq!(Unsur::Sarana.skor_pilihan("Cukup"), Some(2));
        // A local variant label (§1.3) is not silently accepted.
        assert_eq!(Unsur::Biaya.skor_pilihan("Wajar"), None);
        assert_eq!(Unsur::Biaya.skor_pilihan("Sesuai"), None);
    }

    #[test]
    fn every_unsur_has_a_question_and_four_distinct_labels() {
        for u in Unsur::ALL {
            assert!(u.pertanyaan().starts_with("Bagaimana"), "{u}");
            assert!(u.pertanyaan().ends_with('?'), "{u}");
            let p = u.pilihan();
            for (i, a) in p.iter().enumerate() {
                assert!(!a.is_empty());
                assert!(p.iter().skip(i + 1).all(|b| b != a), "{u}: {a} twice");
            }
        }
        assert!(Unsur::Sarana.pertanyaan().contains("sarana dan prasarana"));
    }
}
