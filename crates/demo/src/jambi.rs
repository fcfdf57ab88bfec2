//! Jambi facts used by the demo: the 12 *pemerintah daerah* (province and its 9 kabupaten + 2 kota)
//! with their Kemendagri codes, and per-region details (kecamatan, RSUD names) that make the
//! generated tree read like the real province.

mod kecamatan;

pub(crate) use kecamatan::kecamatan;

/// The 12 *pemda*: the province (`"15"`) first, then the 11 kabupaten/kota in code order.
// REFERENCE §0 "Jambi administrative codes" (Kemendagri); names as in §0 ("Batang Hari").
pub const PEMDA: &[(&str, &str)] = &[
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

/// The code of the province among [`PEMDA`].
pub const PROVINSI: &str = "15";

/// Codes of the Disdukcapil service units (KTP-el, KK, akta and the *Mal Pelayanan Publik* desk)
/// of the 11 kabupaten/kota, in tree order. The province has no Disdukcapil (REFERENCE §6: the
/// services are run by each kabupaten/kota).
pub fn disdukcapil_units() -> Vec<String> {
    crate::org::build()
        .into_iter()
        .filter(|n| n.layanan && n.opd_kind == Some(crate::org::OpdKind::Dukcapil))
        .map(|n| n.kode)
        .collect()
}

/// The short place name used in unit names, e.g. "Kerinci", "Kota Jambi".
pub(crate) fn place(pemda_nama: &str) -> &str {
    pemda_nama
        .strip_prefix("Kabupaten ")
        .or_else(|| pemda_nama.strip_prefix("Provinsi "))
        .unwrap_or(pemda_nama)
}

/// The regional hospital (RSUD) of a pemda, as locally named.
pub(crate) fn rsud(kode: &str) -> &'static str {
    match kode {
        "15" => "Rumah Sakit Umum Daerah Raden Mattaher",
        "15.01" => "Rumah Sakit Umum Daerah Mayjen H.A. Thalib",
        "15.02" => "Rumah Sakit Umum Daerah Kolonel Abundjani",
        "15.03" => "Rumah Sakit Umum Daerah Prof. Dr. H.M. Chatib Quzwain",
        "15.04" => "Rumah Sakit Umum Daerah Hamba",
        "15.05" => "Rumah Sakit Umum Daerah Ahmad Ripin",
        "15.06" => "Rumah Sakit Umum Daerah Nurdin Hamzah",
        "15.07" => "Rumah Sakit Umum Daerah KH. Daud Arif",
        "15.08" => "Rumah Sakit Umum Daerah Sultan Thaha Saifuddin",
        "15.09" => "Rumah Sakit Umum Daerah H. Hanafie",
        "15.71" => "Rumah Sakit Umum Daerah H. Abdul Manap",
        _ => "Rumah Sakit Umum Daerah Kota Sungai Penuh",
    }
}

/// Share of the province's ASN working for this pemda, in permille-like weights (the province
/// itself runs the SMA/SMK and a large hospital; Kota Jambi and Merangin are the largest regions).
pub(crate) fn size_weight(kode: &str) -> u32 {
    match kode {
        "15" => 130,
        "15.71" => 120,
        "15.02" | "15.01" | "15.09" => 95,
        "15.03" | "15.04" | "15.05" | "15.08" | "15.07" => 85,
        "15.06" => 75,
        _ => 55,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn twelve_pemda_province_first_and_unique() {
        assert_eq!(PEMDA.len(), 12);
        assert_eq!(PEMDA[0], ("15", "Provinsi Jambi"));
        let mut codes: Vec<&str> = PEMDA.iter().map(|p| p.0).collect();
        codes.dedup();
        assert_eq!(codes.len(), 12);
        assert!(PEMDA[1..].iter().all(|p| p.0.starts_with("15.")));
    }

    #[test]
    fn every_kabupaten_kota_has_kecamatan() {
        for (kode, _) in &PEMDA[1..] {
            assert!(kecamatan(kode).len() >= 5, "{kode}");
        }
        assert!(kecamatan(PROVINSI).is_empty());
    }

    #[test]
    fn place_strips_the_kind() {
        assert_eq!(place("Kabupaten Kerinci"), "Kerinci");
        assert_eq!(place("Kota Jambi"), "Kota Jambi");
        assert_eq!(place("Provinsi Jambi"), "Jambi");
    }
}
