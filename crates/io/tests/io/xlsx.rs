//! XLSX reading (fixtures written with rust_xlsxwriter) and the XLSX export round trip.

use bangkom_io::{Format, ReadError, ReadOptions, TableReader, write_xlsx};
use rust_xlsxwriter::{ExcelDateTime, Format as CellFormat, Formula, Workbook, Worksheet};

use super::support::{cells, drain};

/// Builds a workbook with one sheet filled by `fill`.
fn workbook(fill: impl FnOnce(&mut Worksheet)) -> Vec<u8> {
    let mut workbook = Workbook::new();
    fill(workbook.add_worksheet());
    workbook.save_to_buffer().expect("xlsx fixture")
}

#[test]
fn export_round_trips_through_the_reader() {
    let headers = ["NIP", "Nama", "Catatan", "Kosong"];
    let rows = vec![
        cells(&["198609262015051001", "Sekretariat Daérah", "=1+1", ""]),
        cells(&["000123", "  spasi  ", "-5", ""]),
        cells(&["199001012020122001", "Ani\nBaris dua", "@SUM(A1)", "x"]),
    ];
    let bytes = write_xlsx(&headers, rows).expect("xlsx");
    let mut reader = TableReader::from_bytes("ekspor.xlsx", bytes).expect("reader");
    assert_eq!(reader.format(), Format::Xlsx);
    assert_eq!(reader.delimiter(), None);
    assert_eq!(reader.headers(), cells(&headers));
    assert_eq!(
        drain(&mut reader),
        vec![
            // Formula-like text comes back as the same text: it was stored as a string.
            Ok((
                2,
                cells(&["198609262015051001", "Sekretariat Daérah", "=1+1", ""])
            )),
            Ok((3, cells(&["000123", "spasi", "-5", ""]))),
            Ok((
                4,
                cells(&["199001012020122001", "Ani\nBaris dua", "@SUM(A1)", "x"])
            )),
        ]
    );
    assert_eq!(reader.progress(), (4, 4));
}

#[test]
fn numeric_nip_is_refused_and_reading_continues() {
    let bytes = workbook(|sheet| {
        sheet.write_string(0, 0, "NIP").expect("cell");
        sheet.write_string(0, 1, "Nama").expect("cell");
        sheet
            .write_number(1, 0, 198_609_262_015_051_001.0)
            .expect("cell");
        sheet.write_string(1, 1, "Budi").expect("cell");
        sheet
            .write_string(2, 0, "198609262015051002")
            .expect("cell");
        sheet.write_string(2, 1, "Ani").expect("cell");
    });
    let mut reader = TableReader::from_bytes("pegawai.xlsx", bytes).expect("reader");
    let rows = drain(&mut reader);
    let error = rows[0].clone().expect_err("18-digit number");
    assert_eq!((error.row, error.column.as_deref()), (2, Some("NIP")));
    assert!(error.message.contains("16 digit"), "{}", error.message);
    assert!(error.message.contains("Teks"), "{}", error.message);
    assert_eq!(rows[1], Ok((3, cells(&["198609262015051002", "Ani"]))));
    assert!(!reader.is_aborted());
}

#[test]
fn dates_numbers_and_booleans_become_text() {
    let date = CellFormat::new().set_num_format("dd/mm/yyyy");
    let datetime = CellFormat::new().set_num_format("dd/mm/yyyy hh:mm:ss");
    let bytes = workbook(|sheet| {
        for (col, name) in ["tanggal", "waktu", "jp", "nilai", "aktif"]
            .iter()
            .enumerate()
        {
            sheet.write_string(0, col as u16, *name).expect("cell");
        }
        let day = ExcelDateTime::from_ymd(1986, 9, 26).expect("date");
        sheet
            .write_datetime_with_format(1, 0, &day, &date)
            .expect("cell");
        let moment = ExcelDateTime::from_ymd(2024, 2, 29)
            .and_then(|d| d.and_hms(7, 30, 15))
            .expect("datetime");
        sheet
            .write_datetime_with_format(1, 1, &moment, &datetime)
            .expect("cell");
        sheet.write_number(1, 2, 20.0).expect("cell");
        sheet.write_number(1, 3, 87.5).expect("cell");
        sheet.write_boolean(1, 4, true).expect("cell");
    });
    let mut reader = TableReader::from_bytes("x.xlsx", bytes).expect("reader");
    assert_eq!(
        drain(&mut reader),
        vec![Ok((
            2,
            cells(&["1986-09-26", "2024-02-29T07:30:15", "20", "87.5", "TRUE"])
        ))]
    );
}

#[test]
fn formula_error_cells_are_cell_errors() {
    let bytes = workbook(|sheet| {
        sheet.write_string(0, 0, "nip").expect("cell");
        sheet.write_string(0, 1, "golongan").expect("cell");
        sheet.write_string(1, 0, "1").expect("cell");
        sheet
            .write_formula(
                1,
                1,
                Formula::new("=VLOOKUP(A2,X:Y,2,0)").set_result("#N/A"),
            )
            .expect("cell");
        sheet.write_string(2, 0, "2").expect("cell");
        sheet
            .write_formula(2, 1, Formula::new("=\"III/\"&\"a\"").set_result("III/a"))
            .expect("cell");
    });
    let mut reader = TableReader::from_bytes("x.xlsx", bytes).expect("reader");
    let rows = drain(&mut reader);
    let error = rows[0].clone().expect_err("#N/A");
    assert_eq!((error.row, error.column.as_deref()), (2, Some("golongan")));
    assert!(error.message.contains("#N/A"), "{}", error.message);
    assert_eq!(rows[1], Ok((3, cells(&["2", "III/a"]))));
}

#[test]
fn header_below_a_blank_area_and_sheet_row_numbers() {
    let bytes = workbook(|sheet| {
        sheet.write_string(2, 1, "nip").expect("cell");
        sheet.write_string(2, 2, "nama").expect("cell");
        sheet.write_string(3, 1, "1").expect("cell");
        sheet.write_string(5, 2, "Budi").expect("cell");
        sheet.write_string(6, 1, "   ").expect("cell");
        sheet.write_string(7, 4, "di luar judul").expect("cell");
    });
    let mut reader = TableReader::from_bytes("x.xlsx", bytes).expect("reader");
    assert_eq!(reader.headers(), cells(&["", "nip", "nama"]));
    let rows = drain(&mut reader);
    assert_eq!(rows[0], Ok((4, cells(&["", "1", ""]))));
    assert_eq!(rows[1], Ok((6, cells(&["", "", "Budi"]))));
    let error = rows[2].clone().expect_err("cell beyond the header");
    assert_eq!(error.row, 8);
    assert!(error.message.contains("kolom ke-5"), "{}", error.message);
    assert_eq!(rows.len(), 3);
}

#[test]
fn sheet_can_be_chosen_by_name() {
    let mut book = Workbook::new();
    book.add_worksheet()
        .set_name("Petunjuk")
        .and_then(|s| s.write_string(0, 0, "Isi lembar berikutnya"))
        .expect("sheet");
    book.add_worksheet()
        .set_name("Data Pegawai")
        .and_then(|s| s.write_string(0, 0, "nip"))
        .and_then(|s| s.write_string(1, 0, "42"))
        .expect("sheet");
    let bytes = book.save_to_buffer().expect("xlsx");

    let first = TableReader::from_bytes("x.xlsx", bytes.clone()).expect("reader");
    assert_eq!(first.headers(), cells(&["Isi lembar berikutnya"]));

    let options = ReadOptions {
        sheet: Some("data pegawai".to_owned()),
        ..Default::default()
    };
    let mut chosen =
        TableReader::from_bytes_with("x.xlsx", bytes.clone(), &options).expect("reader");
    assert_eq!(chosen.headers(), cells(&["nip"]));
    assert_eq!(drain(&mut chosen), vec![Ok((2, cells(&["42"])))]);

    let options = ReadOptions {
        sheet: Some("Rekap".to_owned()),
        ..Default::default()
    };
    match TableReader::from_bytes_with("x.xlsx", bytes, &options) {
        Err(ReadError::SheetNotFound { available, .. }) => {
            assert_eq!(available, "Petunjuk, Data Pegawai");
        }
        Err(other) => panic!("unexpected error {other}"),
        Ok(_) => panic!("missing sheet accepted"),
    }
}

#[test]
fn empty_workbook_has_no_header() {
    let bytes = workbook(|_| {});
    assert!(matches!(
        TableReader::from_bytes("kosong.xlsx", bytes),
        Err(ReadError::NoHeader)
    ));
}

#[test]
fn xlsx_file_on_disk_and_dropping_a_reader_early() {
    let rows: Vec<Vec<String>> = (0..3_000)
        .map(|i| vec![format!("{i:018}"), format!("Pegawai {i}")])
        .collect();
    let bytes = write_xlsx(&["nip", "nama"], rows).expect("xlsx");
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("pegawai.xlsx");
    std::fs::write(&path, bytes).expect("write");

    let mut reader = TableReader::open(&path).expect("reader");
    let all = drain(&mut reader);
    assert_eq!(all.len(), 3_000);
    assert_eq!(
        all[2_999],
        Ok((3_001, cells(&["000000000000002999", "Pegawai 2999"])))
    );

    // A reader dropped after one row must not hang or leak a blocked worker forever.
    let mut partial = TableReader::open(&path).expect("reader");
    let mut buf = Vec::new();
    assert_eq!(partial.next_row(&mut buf), Ok(Some(2)));
    drop(partial);
}
