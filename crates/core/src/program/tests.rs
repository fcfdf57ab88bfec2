//! Tests of the program input, the JP correction input and the status by dates.

use super::*;
use time::macros::date;

fn valid() -> ProgramInput {
    ProgramInput {
        kode: " 2026-bimtek-01 ".into(),
        nama: "Bimtek Layanan Digital".into(),
        jalur: "jd08".into(),
        penyelenggara: "BPSDM Provinsi Jambi".into(),
        jp: "24".into(),
        biaya: "2.750.000".into(),
        kuota: "30".into(),
        sasaran_jabatan: "Pelaksana, fungsional".into(),
        opd: "15.71.01, 15.71.01".into(),
        mulai: "2026-06-10".into(),
        selesai: "2026-06-13".into(),
        ..Default::default()
    }
}

#[test]
fn valid_program_is_normalised() {
    let p = valid().validate().unwrap();
    assert_eq!(p.kode, "2026-BIMTEK-01");
    assert_eq!(p.jalur.id(), 8);
    assert!(p.klasikal, "bimtek is classical by its SIASN id");
    assert_eq!((p.jp, p.biaya, p.kuota), (24, 2_750_000, Some(30)));
    assert_eq!(p.sasaran_jabatan, ["pelaksana", "fungsional"]);
    assert_eq!(p.opd, ["15.71.01"]);
    assert_eq!(p.aturan, AturanKelulusan::default());
    assert_eq!((p.mulai, p.tahun()), (date!(2026 - 06 - 10), 2026));
    let e = ProgramInput {
        bentuk: "nonklasikal".into(),
        jalur: "16".into(),
        min_nilai_post: "0".into(),
        ..valid()
    }
    .validate()
    .unwrap();
    assert!(!e.klasikal && e.aturan.min_nilai_post == 0);
}

#[test]
fn every_bad_field_is_named() {
    let e = ProgramInput {
        kode: "a/b".into(),
        jalur: "26".into(),
        bentuk: "hybrid".into(),
        jp: "0".into(),
        biaya: "-5".into(),
        kuota: "nol".into(),
        sasaran_jabatan: "direktur".into(),
        mulai: "2026-06-10".into(),
        selesai: "2026-06-01".into(),
        min_hadir_persen: "120".into(),
        ..Default::default()
    }
    .validate()
    .unwrap_err();
    for f in [
        "kode",
        "nama",
        "jalur",
        "bentuk",
        "penyelenggara",
        "jp",
        "biaya",
        "kuota",
        "sasaran_jabatan",
        "selesai",
        "min_hadir_persen",
    ] {
        assert!(e.has(f), "{f}: {e}");
    }
    assert!(!e.has("mulai"), "{e}");
    let e = ProgramInput::default().validate().unwrap_err();
    for f in ["kode", "nama", "jalur", "jp", "mulai", "selesai"] {
        assert!(e.has(f), "{f}: {e}");
    }
}

#[test]
fn institution_alone_is_an_organiser() {
    let p = ProgramInput {
        penyelenggara: String::new(),
        lembaga: "bpsdm-jambi".into(),
        ..valid()
    }
    .validate()
    .unwrap();
    assert_eq!(
        (p.penyelenggara, p.lembaga.as_deref()),
        (None, Some("BPSDM-JAMBI"))
    );
}

#[test]
fn json_numbers_and_lists_are_accepted() {
    let i: ProgramInput = serde_json::from_str(
        r#"{"kode": "X-1", "jp": 24, "kuota": null, "opd": ["A", "B"], "bentuk": true}"#,
    )
    .unwrap();
    assert_eq!(
        (
            i.jp.as_str(),
            i.kuota.as_str(),
            i.opd.as_str(),
            i.bentuk.as_str()
        ),
        ("24", "", "A,B", "true")
    );
}

#[test]
fn jp_correction_needs_a_reason() {
    let e = KoreksiJpInput {
        jp: "abc".into(),
        alasan: " ".into(),
    }
    .validate()
    .unwrap_err();
    assert!(e.has("jp") && e.has("alasan"), "{e}");
    assert_eq!(
        KoreksiJpInput {
            jp: "20".into(),
            alasan: "salah ketik kurikulum".into()
        }
        .validate()
        .unwrap(),
        (20, "salah ketik kurikulum".to_string())
    );
}

#[test]
fn status_by_dates() {
    let (m, s) = (date!(2026 - 06 - 10), date!(2026 - 06 - 13));
    assert_eq!(
        StatusProgram::pada(m, s, date!(2026 - 06 - 09)),
        StatusProgram::AkanDatang
    );
    assert_eq!(StatusProgram::pada(m, s, m), StatusProgram::Berlangsung);
    assert_eq!(StatusProgram::pada(m, s, s), StatusProgram::Berlangsung);
    assert_eq!(
        StatusProgram::pada(m, s, date!(2026 - 06 - 14)),
        StatusProgram::Selesai
    );
    assert_eq!(
        StatusProgram::parse("selesai"),
        Some(StatusProgram::Selesai)
    );
    assert_eq!(StatusProgram::parse("x"), None);
}
