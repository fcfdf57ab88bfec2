//! CSV reading: delimiters, encodings, quoting, row shapes and row numbers.

use std::io::Write;

use bangkom_io::{Format, ReadError, TableReader};

use super::support::{cells, drain, read_csv};

#[test]
fn semicolon_delimiter_is_detected_and_decimal_commas_survive() {
    let (reader, rows) = read_csv(b"NIP;Nama;Nilai\n198609262015051001;Budi, S.Kom;87,5\n");
    assert_eq!(reader.delimiter(), Some(b';'));
    assert_eq!(reader.format(), Format::Csv);
    assert_eq!(reader.headers(), cells(&["NIP", "Nama", "Nilai"]));
    assert_eq!(
        rows,
        vec![Ok((
            2,
            cells(&["198609262015051001", "Budi, S.Kom", "87,5"])
        ))]
    );
}

#[test]
fn tab_and_comma_delimiters_are_detected() {
    let (reader, rows) = read_csv(b"nip\tnama\n1\tAni; Siti\n");
    assert_eq!(reader.delimiter(), Some(b'\t'));
    assert_eq!(rows, vec![Ok((2, cells(&["1", "Ani; Siti"])))]);

    let (reader, rows) = read_csv(b"nip,nama,opd\n1,Ani,\"Dinas A; B\"\n");
    assert_eq!(reader.delimiter(), Some(b','));
    assert_eq!(rows, vec![Ok((2, cells(&["1", "Ani", "Dinas A; B"])))]);
}

#[test]
fn utf8_bom_is_stripped_and_cells_are_trimmed() {
    let (reader, rows) = read_csv(b"\xEF\xBB\xBF nip , nama \n  1  ,\xC2\xA0Ani\xC2\xA0\n");
    assert_eq!(reader.headers(), cells(&["nip", "nama"]));
    assert_eq!(rows, vec![Ok((2, cells(&["1", "Ani"])))]);
}

fn utf16(text: &str, little_endian: bool) -> Vec<u8> {
    let mut out = if little_endian {
        vec![0xFF, 0xFE]
    } else {
        vec![0xFE, 0xFF]
    };
    for unit in text.encode_utf16() {
        if little_endian {
            out.extend(unit.to_le_bytes());
        } else {
            out.extend(unit.to_be_bytes());
        }
    }
    out
}

#[test]
fn utf16_with_bom_is_transcoded() {
    let text = "NIP\tNama\tUnit\r\n198609262015051001\tDédé\tSekretariat Daérah\r\n";
    for little_endian in [true, false] {
        let bytes = utf16(text, little_endian);
        let mut reader = TableReader::from_bytes("export.txt", bytes).expect("utf-16 text");
        assert_eq!(reader.headers(), cells(&["NIP", "Nama", "Unit"]));
        assert_eq!(
            drain(&mut reader),
            vec![Ok((
                2,
                cells(&["198609262015051001", "Dédé", "Sekretariat Daérah"])
            ))]
        );
        let (total, done) = reader.progress();
        assert_eq!(total, done);
    }
}

#[test]
fn utf16_without_bom_is_refused_with_a_hint() {
    let bytes: Vec<u8> = utf16("nip,nama\n1,Ani\n", true).split_off(2);
    match TableReader::from_bytes("data.csv", bytes) {
        Err(ReadError::NotText { hint }) => assert!(hint.contains("UTF-16"), "{hint}"),
        Err(other) => panic!("unexpected error {other}"),
        Ok(_) => panic!("binary accepted"),
    }
}

#[test]
fn windows_1252_text_is_refused_with_row_column_and_hint() {
    let bytes = b"nip;nama;unit\n1;Ani;Dinas\n2;Budi;Sekretariat Da\xE9rah\n3;Cici;Dinas\n";
    let (reader, rows) = read_csv(bytes);
    assert_eq!(rows.len(), 2, "{rows:?}");
    assert_eq!(rows[0], Ok((2, cells(&["1", "Ani", "Dinas"]))));
    let error = rows[1].clone().expect_err("not utf-8");
    assert_eq!(error.row, 3);
    assert_eq!(error.column.as_deref(), Some("unit"));
    assert!(error.message.contains("bukan UTF-8"), "{}", error.message);
    assert!(
        error.message.contains("'Sekretariat Daérah'"),
        "{}",
        error.message
    );
    assert!(error.message.contains("CSV UTF-8"), "{}", error.message);
    assert!(
        error
            .to_string()
            .starts_with("baris 3, kolom unit: teks bukan UTF-8")
    );
    assert!(reader.is_aborted(), "the rest of the file is not trusted");
}

/// The record is checked as UTF-8 once, as a whole; a character split between two cells (each
/// cell alone not UTF-8, the two together "é") is still refused, naming the first cell.
#[test]
fn a_character_split_between_cells_is_refused() {
    let bytes = b"nip;nama;unit\n1;Ani;Dinas\n2;Da\xC3;\xA9rah\n";
    let (_, rows) = read_csv(bytes);
    assert_eq!(rows.len(), 2, "{rows:?}");
    let error = rows[1].clone().expect_err("split character accepted");
    assert_eq!((error.row, error.column.as_deref()), (3, Some("nama")));
    assert!(error.message.contains("bukan UTF-8"), "{}", error.message);
}

/// Cells are trimmed of Unicode whitespace (a no-break space too), whatever is at their ends.
#[test]
fn cells_are_trimmed_of_unicode_whitespace() {
    let bytes = "a,b,c,d,e\n x ,\u{a0}Ani\u{a0},\t7,é ,\u{2003}\n".as_bytes();
    let (_, rows) = read_csv(bytes);
    assert_eq!(rows, vec![Ok((2, cells(&["x", "Ani", "7", "é", ""])))]);
}

#[test]
fn windows_1252_header_is_a_read_error() {
    match TableReader::from_bytes("data.csv", b"nip;jabatan fungsional;\xE9\n1;2;3\n".to_vec()) {
        Err(ReadError::Header(error)) => {
            assert_eq!(error.row, 1);
            assert_eq!(error.column.as_deref(), Some("ke-3"));
        }
        Err(other) => panic!("unexpected error {other}"),
        Ok(_) => panic!("bad header accepted"),
    }
}

#[test]
fn embedded_newlines_keep_row_numbers_per_record() {
    let bytes = b"nip,alamat\n1,\"Jl. Sudirman\r\nNo. 5\nJambi\"\n\n2,Kota Baru\n";
    let (_, rows) = read_csv(bytes);
    assert_eq!(
        rows,
        vec![
            Ok((2, cells(&["1", "Jl. Sudirman\r\nNo. 5\nJambi"]))),
            // Row 3 is the blank line (skipped); a spreadsheet shows "2" on row 4.
            Ok((4, cells(&["2", "Kota Baru"]))),
        ]
    );
}

#[test]
fn text_after_a_closing_quote_is_a_cell_error_and_reading_continues() {
    let (reader, rows) = read_csv(b"nip,nama\n1,\"Ani\" S\n2,\"Budi \"\"BD\"\"\"\n");
    let error = rows[0].clone().expect_err("malformed quote");
    assert_eq!((error.row, error.column.as_deref()), (2, Some("nama")));
    assert!(error.message.contains("tanda kutip"), "{}", error.message);
    assert_eq!(rows[1], Ok((3, cells(&["2", "Budi \"BD\""]))));
    assert!(!reader.is_aborted());
}

#[test]
fn an_unclosed_quote_stops_the_reader() {
    let (reader, rows) = read_csv(b"nip,nama\n1,Ani\n2,\"Budi\n3,Cici\n");
    assert_eq!(rows.len(), 2);
    let error = rows[1].clone().expect_err("unclosed quote");
    assert_eq!((error.row, error.column.as_deref()), (3, Some("nama")));
    assert!(error.message.contains("tidak ditutup"), "{}", error.message);
    assert!(reader.is_aborted());
}

#[test]
fn long_rows_with_content_are_errors_short_rows_are_padded() {
    let bytes = b"nip;nama;opd;;\n1;Ani\n2;Budi;Dinas;;\n3;Cici;Dinas;;lebih\n4;Dedi;Dinas\n";
    let (reader, rows) = read_csv(bytes);
    assert_eq!(reader.headers(), cells(&["nip", "nama", "opd"]));
    assert_eq!(rows[0], Ok((2, cells(&["1", "Ani", ""]))));
    assert_eq!(rows[1], Ok((3, cells(&["2", "Budi", "Dinas"]))));
    let error = rows[2].clone().expect_err("extra cell");
    assert_eq!((error.row, error.column.clone()), (4, None));
    assert!(error.message.contains("kolom ke-5"), "{}", error.message);
    assert!(error.message.contains("'lebih'"), "{}", error.message);
    assert_eq!(rows[3], Ok((5, cells(&["4", "Dedi", "Dinas"]))));
}

#[test]
fn empty_rows_are_skipped_and_leading_blank_lines_precede_the_header() {
    let (reader, rows) = read_csv(b"\n;;\nnip;nama\n;\n1;Ani\n  ;  \n");
    assert_eq!(reader.headers(), cells(&["nip", "nama"]));
    assert_eq!(rows, vec![Ok((5, cells(&["1", "Ani"])))]);
}

#[test]
fn buffer_is_refilled_not_appended() {
    let mut reader = TableReader::from_bytes("a.csv", b"a,b,c\n1,2,3\n4\n".to_vec()).expect("csv");
    let mut buf = cells(&["old", "old", "old", "old", "old"]);
    assert_eq!(reader.next_row(&mut buf), Ok(Some(2)));
    assert_eq!(buf, cells(&["1", "2", "3"]));
    assert_eq!(reader.next_row(&mut buf), Ok(Some(3)));
    assert_eq!(buf, cells(&["4", "", ""]));
    assert_eq!(reader.next_row(&mut buf), Ok(None));
    assert_eq!(reader.next_row(&mut buf), Ok(None));
}

#[test]
fn file_on_disk_streams_with_progress() {
    let mut file = tempfile::Builder::new()
        .suffix(".csv")
        .tempfile()
        .expect("temp file");
    let mut content = String::from("\u{FEFF}nip,nama\n");
    for i in 0..20_000 {
        content.push_str(&format!("{i},Pegawai {i}\n"));
    }
    file.write_all(content.as_bytes()).expect("write");
    let mut reader = TableReader::open(file.path()).expect("open");
    assert_eq!(reader.headers(), cells(&["nip", "nama"]));
    let (total, done) = reader.progress();
    assert_eq!(total, content.len() as u64);
    assert!(done < total);
    let rows = drain(&mut reader);
    assert_eq!(rows.len(), 20_000);
    assert_eq!(
        rows[19_999],
        Ok((20_001, cells(&["19999", "Pegawai 19999"])))
    );
    assert_eq!(reader.progress(), (total, total));
}

#[test]
fn empty_and_blank_files_are_read_errors() {
    assert!(matches!(
        TableReader::from_bytes("a.csv", Vec::new()),
        Err(ReadError::Empty)
    ));
    assert!(matches!(
        TableReader::from_bytes("a.csv", b"\xEF\xBB\xBF\r\n  \n;;\n".to_vec()),
        Err(ReadError::NoHeader)
    ));
    let file = tempfile::Builder::new()
        .suffix(".csv")
        .tempfile()
        .expect("temp file");
    assert!(matches!(
        TableReader::open(file.path()),
        Err(ReadError::Empty)
    ));
}

/// Deterministic pseudo-random bytes (xorshift), so the test needs no extra crate.
fn random_bytes(len: usize, mut seed: u64) -> Vec<u8> {
    (0..len)
        .map(|_| {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            seed.to_le_bytes()[0]
        })
        .collect()
}

#[test]
fn random_bytes_are_read_errors_not_panics() {
    for seed in 1..40u64 {
        let bytes = random_bytes(5_000, seed);
        for name in ["upload.bin", "upload.csv", "upload.xlsx", "upload"] {
            let result = TableReader::from_bytes(name, bytes.clone());
            assert!(result.is_err(), "{name} with seed {seed} was accepted");
        }
        let mut zipped = b"PK\x03\x04".to_vec();
        zipped.extend(&bytes);
        assert!(matches!(
            TableReader::from_bytes("x.xlsx", zipped),
            Err(ReadError::Xlsx(_))
        ));
    }
    let result = TableReader::from_bytes("upload.bin", random_bytes(100, 7));
    assert!(matches!(result, Err(ReadError::UnknownFormat { .. })));
}

#[test]
fn legacy_and_html_spreadsheets_are_explained() {
    let mut ole = b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1".to_vec();
    ole.extend([0u8; 100]);
    assert!(matches!(
        TableReader::from_bytes("lama.xls", ole.clone()),
        Err(ReadError::LegacyXls)
    ));
    assert!(matches!(
        TableReader::from_bytes("terkunci.xlsx", ole),
        Err(ReadError::Encrypted)
    ));
    let html = b"<html><body><table><tr><td>NIP</td></tr></table></body></html>".to_vec();
    assert!(matches!(
        TableReader::from_bytes("pegawai.xls", html),
        Err(ReadError::Html)
    ));
    let tsv_named_xls = b"nip\tnama\n1\tAni\n".to_vec();
    let mut reader = TableReader::from_bytes("pegawai.xls", tsv_named_xls).expect("tsv");
    assert_eq!(drain(&mut reader), vec![Ok((2, cells(&["1", "Ani"])))]);
}

#[test]
fn size_limit_is_enforced() {
    let options = bangkom_io::ReadOptions {
        max_bytes: 10,
        ..Default::default()
    };
    let result = TableReader::from_bytes_with("a.csv", b"nip,nama\n1,Ani\n".to_vec(), &options);
    assert!(matches!(
        result,
        Err(ReadError::TooLarge {
            size: 15,
            limit: 10
        })
    ));
}
