//! Header resolution with aliases.

use bangkom_io::{ColumnSpec, ReadError, TableReader, resolve_columns};

use super::support::cells;

const PEGAWAI: &[ColumnSpec] = &[
    ColumnSpec::required("nip", &["nip baru", "nomor induk pegawai"]),
    ColumnSpec::required("nama", &["nama lengkap", "nama pegawai"]),
    ColumnSpec::optional("tanggal_lahir", &["tgl lahir"]),
    ColumnSpec::required("unit_kerja", &["opd", "unor"]),
    ColumnSpec::optional("email", &[]),
];

#[test]
fn aliases_match_ignoring_case_spaces_underscores_and_dashes() {
    let headers = cells(&[
        "No",
        "NIP-Baru",
        "NAMA_LENGKAP",
        " OPD ",
        "Tgl  Lahir",
        "Keterangan",
    ]);
    let found = resolve_columns(&headers, PEGAWAI).expect("all required present");
    assert_eq!(found, vec![Some(1), Some(2), Some(4), Some(3), None]);
}

#[test]
fn all_missing_required_columns_are_listed() {
    let headers = cells(&["No", "Nama Pegawai", "Email"]);
    match resolve_columns(&headers, PEGAWAI) {
        Err(ReadError::MissingColumns { missing, found }) => {
            assert_eq!(missing, vec!["nip".to_owned(), "unit_kerja".to_owned()]);
            assert_eq!(found, headers);
        }
        other => panic!("unexpected {other:?}"),
    }
    let message = resolve_columns(&cells(&["x"]), PEGAWAI)
        .expect_err("missing")
        .to_string();
    assert!(
        message.starts_with("kolom wajib tidak ditemukan: nip, nama, unit_kerja"),
        "{message}"
    );
}

#[test]
fn two_headers_for_one_column_are_an_error() {
    let headers = cells(&["NIP", "Nama", "OPD", "nip baru"]);
    match resolve_columns(&headers, PEGAWAI) {
        Err(ReadError::DuplicateColumn {
            column,
            first_position,
            second_position,
            ..
        }) => {
            assert_eq!(column, "nip");
            assert_eq!((first_position, second_position), (1, 4));
        }
        other => panic!("unexpected {other:?}"),
    }
}

#[test]
fn works_on_headers_of_a_real_reader() {
    let reader = TableReader::from_bytes(
        "pegawai.csv",
        b"\xEF\xBB\xBFNomor Induk Pegawai;Nama Lengkap;Unor\n".to_vec(),
    )
    .expect("csv");
    let found = resolve_columns(reader.headers(), PEGAWAI).expect("resolved");
    assert_eq!(found, vec![Some(0), Some(1), None, Some(2), None]);
}
