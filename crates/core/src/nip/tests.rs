//! Tests for [`super::Nip`]: the REFERENCE §5.1 example and one failing case per rule.

use time::macros::date;

use super::*;

const EXAMPLE: &str = "198609262015051001";

#[test]
fn reference_example_parses_with_its_parts() {
    let nip = Nip::parse(EXAMPLE).unwrap();
    assert_eq!(nip.as_str(), EXAMPLE);
    assert_eq!(nip.to_string(), EXAMPLE);
    assert_eq!(nip.tanggal_lahir(), Some(date!(1986 - 09 - 26)));
    assert_eq!(nip.tmt_cpns(), Some((2015, 5)));
    assert_eq!(nip.jenis_kelamin(), Some(JenisKelamin::L));
    assert_eq!(nip.nomor_urut(), Some(1));
    assert_eq!(nip.formatted(), "19860926 201505 1 001");
    assert!(!nip.has_pppk_marker());
}

#[test]
fn spaces_inside_and_around_are_removed() {
    let nip = Nip::parse("  19860926 201505 1 001\t").unwrap();
    assert_eq!(nip.as_str(), EXAMPLE);
    // Non-breaking spaces, as pasted from a spreadsheet.
    let nip = Nip::parse("19860926\u{a0}201505\u{a0}1\u{a0}001").unwrap();
    assert_eq!(nip.as_str(), EXAMPLE);
    assert_eq!("19860926 201505 1 001".parse::<Nip>(), Ok(nip));
}

#[test]
fn female_sex_digit() {
    let nip = Nip::parse("199001012015052003").unwrap();
    assert_eq!(nip.jenis_kelamin(), Some(JenisKelamin::P));
}

#[test]
fn empty_is_rejected() {
    assert_eq!(Nip::parse("   "), Err(NipError::Empty));
    assert_eq!(NipError::Empty.to_string(), "NIP wajib diisi");
}

#[test]
fn seventeen_digits_rejected_with_count() {
    let err = Nip::parse("19860926201505100").unwrap_err();
    assert_eq!(err, NipError::Length { found: 17 });
    assert_eq!(
        err.to_string(),
        "NIP harus 18 digit angka (ditemukan 17 karakter)"
    );
    assert_eq!(
        Nip::parse("1986092620150510011"),
        Err(NipError::Length { found: 19 })
    );
}

#[test]
fn letters_rejected_naming_the_character() {
    let err = Nip::parse("19860926 2015O5 1 001").unwrap_err();
    assert_eq!(
        err,
        NipError::NonDigit {
            ch: 'O',
            position: 13
        }
    );
    assert!(err.to_string().contains("karakter ke-13 ('O') bukan angka"));
    // Excel scientific notation is caught as well.
    assert!(matches!(
        Nip::parse("1.98609E+17"),
        Err(NipError::NonDigit { ch: '.', .. })
    ));
}

#[test]
fn impossible_birth_date_rejected() {
    let err = Nip::parse("198602312015051001").unwrap_err();
    assert_eq!(
        err.to_string(),
        "tanggal lahir pada NIP (digit 1–8) bukan tanggal yang sah: 19860231"
    );
    assert!(matches!(
        Nip::parse("198613012015051001"),
        Err(NipError::TanggalLahir { .. })
    ));
    assert!(matches!(
        Nip::parse("198600102015051001"),
        Err(NipError::TanggalLahir { .. })
    ));
}

#[test]
fn birth_year_before_1900_rejected() {
    assert_eq!(
        Nip::parse("189901011920051001"),
        Err(NipError::TahunLahir { year: 1899 })
    );
    assert_eq!(
        NipError::TahunLahir { year: 1899 }.to_string(),
        "tahun lahir pada NIP (digit 1–4) harus 1900 atau sesudahnya, ditemukan 1899"
    );
}

#[test]
fn leap_day_birth_date_accepted() {
    let nip = Nip::parse("198802292010011001").unwrap();
    assert_eq!(nip.tanggal_lahir(), Some(date!(1988 - 02 - 29)));
    assert!(matches!(
        Nip::parse("198702292010011001"),
        Err(NipError::TanggalLahir { .. })
    ));
}

#[test]
fn cpns_month_13_and_00_rejected() {
    let err = Nip::parse("198609262015131001").unwrap_err();
    assert_eq!(err, NipError::BulanCpns { found: "13".into() });
    assert_eq!(
        err.to_string(),
        "bulan TMT CPNS pada NIP (digit 13–14) harus 01–12, ditemukan 13"
    );
    assert!(matches!(
        Nip::parse("198609262015001001"),
        Err(NipError::BulanCpns { .. })
    ));
}

#[test]
fn pppk_shaped_number_as_pns_gets_a_hint() {
    let err = Nip::parse("199001012021211001").unwrap_err();
    assert!(err.to_string().contains("pilih jenis ASN PPPK"), "{err}");
}

#[test]
fn cpns_year_too_early_rejected() {
    // Born 1986, CPNS 2003: 17 years old.
    let err = Nip::parse("198609262003051001").unwrap_err();
    assert_eq!(
        err,
        NipError::TahunCpns {
            tahun_cpns: 2003,
            tahun_lahir: 1986
        }
    );
    assert_eq!(
        err.to_string(),
        "tahun TMT CPNS pada NIP (digit 9–12) terlalu awal: 2003, sedangkan tahun lahir 1986 \
         (usia minimal 18 tahun)"
    );
    // Exactly MIN_AGE_CPNS years later is accepted.
    assert!(Nip::parse("198609262004051001").is_ok());
    assert_eq!(MIN_AGE_CPNS, 18);
}

#[test]
fn sex_digit_3_rejected() {
    let err = Nip::parse("198609262015053001").unwrap_err();
    assert_eq!(err, NipError::JenisKelamin { found: '3' });
    assert_eq!(
        err.to_string(),
        "digit ke-15 NIP (jenis kelamin) harus 1 atau 2, ditemukan 3"
    );
    assert!(Nip::parse("198609262015050001").is_err());
}

#[test]
fn sequence_000_rejected() {
    let err = Nip::parse("198609262015051000").unwrap_err();
    assert_eq!(err, NipError::NomorUrut);
    assert!(err.to_string().contains("tidak boleh 000"));
}

#[test]
fn pppk_well_formed_has_no_warnings() {
    let (nip, warnings) = Nip::parse_pppk("19900101 2021 21 2 001").unwrap();
    assert_eq!(nip.as_str(), "199001012021212001");
    assert!(warnings.is_empty(), "{warnings:?}");
    assert!(nip.has_pppk_marker());
    assert_eq!(nip.tahun_pengangkatan(), Some(2021));
    assert_eq!(nip.tmt_cpns(), None);
    assert_eq!(nip.jenis_kelamin(), Some(JenisKelamin::P));
    assert_eq!(nip.tanggal_lahir(), Some(date!(1990 - 01 - 01)));
}

#[test]
fn pppk_structure_problems_are_warnings_not_errors() {
    // Bad birth date, no PPPK marker, sex digit 9, sequence 000: all only warned.
    let (nip, warnings) = Nip::parse_pppk("199002302021059000").unwrap();
    assert_eq!(nip.as_str(), "199002302021059000");
    assert_eq!(warnings.len(), 4, "{warnings:?}");
    assert!(warnings[0].contains("bukan tanggal yang sah: 19900230"));
    assert!(warnings[1].contains("penanda PPPK"));
    assert!(warnings[2].contains("ditemukan 9"));
    assert!(warnings[3].contains("000"));
    assert_eq!(nip.tanggal_lahir(), None);
    assert_eq!(nip.jenis_kelamin(), None);
}

#[test]
fn pppk_still_requires_18_digits() {
    assert_eq!(
        Nip::parse_pppk("1990010120212110"),
        Err(NipError::Length { found: 16 })
    );
    assert!(matches!(
        Nip::parse_pppk("19900101202121100x"),
        Err(NipError::NonDigit { ch: 'x', .. })
    ));
    assert_eq!(Nip::parse_pppk(""), Err(NipError::Empty));
}

#[test]
fn pppk_appointment_year_too_early_is_warned() {
    let (_, warnings) = Nip::parse_pppk("199001012005211001").unwrap();
    assert_eq!(warnings.len(), 1);
    assert!(warnings[0].contains("tahun pengangkatan"));
}

#[test]
fn parse_digits_only_checks_shape() {
    assert!(Nip::parse_digits("000000000000000000").is_ok());
    assert!(Nip::parse_digits("12345").is_err());
}

#[test]
fn no_panic_on_odd_input() {
    for s in [
        "",
        "ééééééééééééééééé",
        "١٩٨٦٠٩٢٦٢٠١٥٠٥١٠٠١", // Arabic-Indic digits are not ASCII digits
        "999999999999999999",
        "000000000000000000",
        "\u{0}",
    ] {
        let _ = Nip::parse(s);
        let _ = Nip::parse_pppk(s);
    }
    assert!(Nip::parse("١٩٨٦٠٩٢٦٢٠١٥٠٥١٠٠١").is_err());
}
