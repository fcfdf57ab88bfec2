//! Tests for [`Pegawai::validate`].

use time::macros::date;

use super::*;

fn valid() -> PegawaiInput {
    PegawaiInput {
        nip: "19860926 201505 1 001".into(),
        nama: " Budi Santoso ".into(),
        jenis_kelamin: "Laki-laki".into(),
        tanggal_lahir: "26/09/1986".into(),
        jenis_asn: "PNS".into(),
        golongan: "III/c".into(),
        jenis_jabatan: "fungsional".into(),
        jabatan: "Analis Kebijakan Ahli Muda".into(),
        unit: "15.71.03.01".into(),
        status: String::new(),
        jenjang: "Ahli Muda".into(),
        eselon: String::new(),
        tmt_jabatan: "2021-01-04".into(),
        gelar_depan: String::new(),
        gelar_belakang: "S.Kom., M.Si.".into(),
    }
}

fn fields(errs: &ValidationErrors) -> Vec<&str> {
    errs.iter().map(|e| e.field.as_str()).collect()
}

#[test]
fn valid_record() {
    let p = Pegawai::validate(&valid()).unwrap();
    assert_eq!(p.nip.as_str(), "198609262015051001");
    assert_eq!(p.nama, "Budi Santoso");
    assert_eq!(p.gelar_depan, None);
    assert_eq!(p.gelar_belakang.as_deref(), Some("S.Kom., M.Si."));
    assert_eq!(p.jenis_kelamin, JenisKelamin::L);
    assert_eq!(p.tanggal_lahir, date!(1986 - 09 - 26));
    assert_eq!(p.jenis_asn, JenisAsn::Pns);
    assert_eq!(p.golongan, Golongan::Pns { gol: 3, ruang: 'c' });
    assert_eq!(p.jenis_jabatan, JenisJabatan::Fungsional);
    assert_eq!(p.jenjang.as_deref(), Some("Ahli Muda"));
    assert_eq!(p.unit.as_str(), "15.71.03.01");
    assert_eq!(p.status, StatusPegawai::Aktif);
    assert_eq!(p.tmt_jabatan, Some(date!(2021 - 01 - 04)));
    assert!(p.warnings.is_empty(), "{:?}", p.warnings);
    assert_eq!(p.nama_lengkap(), "Budi Santoso, S.Kom., M.Si.");
}

#[test]
fn optional_fields_empty_become_none() {
    let mut i = valid();
    i.jenjang = "  ".into();
    i.tmt_jabatan = String::new();
    i.gelar_belakang = String::new();
    i.status = "Pensiun".into();
    let p = Pegawai::validate(&i).unwrap();
    assert_eq!(
        (p.jenjang, p.tmt_jabatan, p.gelar_belakang),
        (None, None, None)
    );
    assert_eq!(p.status, StatusPegawai::Pensiun);
}

#[test]
fn collects_several_errors_at_once() {
    let i = PegawaiInput {
        nip: "1986092620150510".into(),
        jenis_asn: "PNS".into(),
        golongan: "III/e".into(),
        jenis_jabatan: "menteri".into(),
        unit: "15..71".into(),
        status: "meninggal".into(),
        tmt_jabatan: "2021-02-30".into(),
        ..PegawaiInput::default()
    };
    let errs = Pegawai::validate(&i).unwrap_err();
    assert_eq!(
        fields(&errs),
        [
            "nama",
            "nip",
            "jenis_kelamin",
            "tanggal_lahir",
            "golongan",
            "jenis_jabatan",
            "jabatan",
            "unit",
            "status",
            "tmt_jabatan"
        ]
    );
    assert!(
        errs.messages_for("nip")
            .any(|m| m.contains("ditemukan 16 karakter"))
    );
}

#[test]
fn nip_birth_date_mismatch_names_both_dates() {
    let mut i = valid();
    i.tanggal_lahir = "1986-09-27".into();
    let errs = Pegawai::validate(&i).unwrap_err();
    assert_eq!(fields(&errs), ["tanggal_lahir"]);
    let msg = &errs.0[0].message;
    assert!(
        msg.contains("1986-09-27") && msg.contains("1986-09-26"),
        "{msg}"
    );
}

#[test]
fn nip_sex_mismatch() {
    let mut i = valid();
    i.jenis_kelamin = "P".into();
    let errs = Pegawai::validate(&i).unwrap_err();
    assert_eq!(fields(&errs), ["jenis_kelamin"]);
    assert!(errs.0[0].message.contains("menunjukkan Laki-laki"));
}

#[test]
fn impossible_birth_dates_rejected() {
    for d in ["2024-02-31", "31/02/2024"] {
        let mut i = valid();
        i.tanggal_lahir = d.into();
        let errs = Pegawai::validate(&i).unwrap_err();
        assert_eq!(fields(&errs), ["tanggal_lahir"], "{d}");
        assert!(errs.0[0].message.contains("tidak sah"), "{d}");
    }
}

#[test]
fn missing_birth_date_hints_the_nip_value() {
    let mut i = valid();
    i.tanggal_lahir = String::new();
    let errs = Pegawai::validate(&i).unwrap_err();
    assert_eq!(
        errs.0,
        [FieldError::new(
            "tanggal_lahir",
            "tanggal lahir wajib diisi (menurut NIP: 1986-09-26)"
        )]
    );
}

#[test]
fn html_and_sql_text_kept_as_is() {
    let mut i = valid();
    i.nama = "<b>Budi</b> O'Brien".into();
    i.jabatan = "Analis'; DROP TABLE pegawai;-- <script>alert(1)</script>".into();
    let p = Pegawai::validate(&i).unwrap();
    assert_eq!(p.nama, "<b>Budi</b> O'Brien");
    assert_eq!(p.jabatan, i.jabatan);
}

#[test]
fn text_limits_and_control_characters() {
    let mut i = valid();
    i.nama = "a".repeat(MAX_NAMA + 1);
    i.jabatan = "j".repeat(MAX_JABATAN + 1);
    i.gelar_depan = "Dr.\u{0}".into();
    let errs = Pegawai::validate(&i).unwrap_err();
    assert_eq!(fields(&errs), ["nama", "gelar_depan", "jabatan"]);
    let mut i = valid();
    i.nama = "é".repeat(MAX_NAMA);
    assert!(
        Pegawai::validate(&i).is_ok(),
        "limit counts characters, not bytes"
    );
    i.nama = "Budi\nSantoso".into();
    assert!(Pegawai::validate(&i).unwrap_err().has("nama"));
}

#[test]
fn pns_nip_is_strict() {
    let mut i = valid();
    i.nip = "198609262015053001".into();
    let errs = Pegawai::validate(&i).unwrap_err();
    assert_eq!(fields(&errs), ["nip"]);
    assert!(errs.0[0].message.contains("digit ke-15"));
}

#[test]
fn pppk_is_lenient_with_warnings() {
    let mut i = valid();
    i.jenis_asn = "PPPK".into();
    i.golongan = "IX".into();
    // PPPK-shaped number but the sex digit is 9 and the birth date disagrees.
    i.nip = "19860925 2021 21 9 001".into();
    let p = Pegawai::validate(&i).unwrap();
    assert_eq!(p.golongan, Golongan::Pppk(9));
    let warned: Vec<&str> = p.warnings.iter().map(|w| w.field.as_str()).collect();
    assert_eq!(warned, ["nip", "tanggal_lahir"], "{:?}", p.warnings);
}

#[test]
fn golongan_must_fit_jenis_asn() {
    let mut i = valid();
    i.golongan = "IX".into();
    let errs = Pegawai::validate(&i).unwrap_err();
    assert_eq!(fields(&errs), ["golongan"]);
    assert!(
        errs.0[0]
            .message
            .starts_with("golongan PNS harus seperti III/a")
    );
    let mut i = valid();
    i.jenis_asn = "PPPK".into();
    i.nip = "198609262021211001".into();
    let errs = Pegawai::validate(&i).unwrap_err();
    assert_eq!(fields(&errs), ["golongan"]);
}

#[test]
fn unknown_jenis_asn_checks_only_nip_shape() {
    let mut i = valid();
    i.jenis_asn = "honorer".into();
    i.nip = "198609262015053001".into(); // bad PNS sex digit, but the kind is unknown
    let errs = Pegawai::validate(&i).unwrap_err();
    assert_eq!(fields(&errs), ["jenis_asn"]);
}

#[test]
fn struktural_with_eselon_and_stale_eselon_warning() {
    let mut i = valid();
    i.jenis_jabatan = "Struktural".into();
    i.eselon = "III.a".into();
    let p = Pegawai::validate(&i).unwrap();
    assert_eq!(p.jenis_jabatan, JenisJabatan::Administrator);
    assert!(p.warnings.is_empty());

    i.jenis_jabatan = "fungsional".into();
    let p = Pegawai::validate(&i).unwrap();
    assert_eq!(p.jenis_jabatan, JenisJabatan::Fungsional);
    assert_eq!(p.warnings.len(), 1);
    assert_eq!(p.warnings[0].field, "eselon");

    i.jenis_jabatan = "struktural".into();
    i.eselon = String::new();
    let errs = Pegawai::validate(&i).unwrap_err();
    assert_eq!(fields(&errs), ["jenis_jabatan"]);

    i.eselon = "VII".into();
    let errs = Pegawai::validate(&i).unwrap_err();
    assert_eq!(fields(&errs), ["eselon", "jenis_jabatan"]);
}

#[test]
fn tmt_jabatan_must_follow_birth() {
    let mut i = valid();
    i.tmt_jabatan = "01/01/1980".into();
    let errs = Pegawai::validate(&i).unwrap_err();
    assert_eq!(fields(&errs), ["tmt_jabatan"]);
}

#[test]
fn default_input_does_not_panic_and_reports_required_fields() {
    let errs = Pegawai::validate(&PegawaiInput::default()).unwrap_err();
    for f in [
        "nama",
        "jenis_asn",
        "nip",
        "jenis_kelamin",
        "tanggal_lahir",
        "golongan",
        "jenis_jabatan",
        "jabatan",
        "unit",
    ] {
        assert!(errs.has(f), "{f} missing in {errs}");
    }
    assert!(!errs.has("status"), "empty status means aktif");
}
