//! Exports: CSV and XLSX writers, formula-injection escaping.

use bangkom_io::{CsvRowWriter, TableReader, WriteError, escape_formula, write_csv, write_xlsx};

use super::support::{cells, drain};

#[test]
fn formula_injection_is_escaped_but_numbers_are_not() {
    assert_eq!(
        escape_formula("=HYPERLINK(\"http://x\")"),
        "'=HYPERLINK(\"http://x\")"
    );
    assert_eq!(escape_formula("@cmd"), "'@cmd");
    assert_eq!(escape_formula("+1+1"), "'+1+1");
    assert_eq!(escape_formula("-2+3"), "'-2+3");
    assert_eq!(escape_formula("\t=1"), "'\t=1");
    assert_eq!(escape_formula("\r=1"), "'\r=1");
    assert_eq!(escape_formula("-5"), "-5");
    assert_eq!(escape_formula("12.5"), "12.5");
    assert_eq!(escape_formula("Sekretariat Daerah"), "Sekretariat Daerah");
}

#[test]
fn csv_export_has_bom_crlf_quoting_and_escaping() {
    let mut out = Vec::new();
    write_csv(
        &mut out,
        &["nip", "nama", "catatan"],
        vec![
            cells(&["198609262015051001", "Budi, S.Kom", "=SUM(A1:A9)"]),
            cells(&["199001012020122001", "Ani \"Nia\"", "baris 1\nbaris 2"]),
            cells(&["-5", "", "-x"]),
        ],
    )
    .expect("written");
    let text = String::from_utf8(out.clone()).expect("utf-8");
    assert_eq!(
        text,
        "\u{FEFF}nip,nama,catatan\r\n\
         198609262015051001,\"Budi, S.Kom\",'=SUM(A1:A9)\r\n\
         199001012020122001,\"Ani \"\"Nia\"\"\",\"baris 1\nbaris 2\"\r\n\
         -5,,'-x\r\n"
    );
    // The export reads back through the importer.
    let mut reader = TableReader::from_bytes("ekspor.csv", out).expect("csv");
    assert_eq!(reader.headers(), cells(&["nip", "nama", "catatan"]));
    let rows = drain(&mut reader);
    assert_eq!(rows.len(), 3);
    assert_eq!(
        rows[1],
        Ok((
            3,
            cells(&["199001012020122001", "Ani \"Nia\"", "baris 1\nbaris 2"])
        ))
    );
}

#[test]
fn row_writer_streams_and_checks_row_length() {
    let mut writer = CsvRowWriter::new(Vec::new(), &["a", "b"]).expect("header");
    writer.write_row(&["1", "2"]).expect("row");
    let error = writer.write_row(&["1"]).expect_err("short row");
    assert_eq!(error.kind(), std::io::ErrorKind::InvalidInput);
    writer.write_row(&["3", "@4"]).expect("row");
    let out = writer.finish().expect("finished");
    assert_eq!(out, b"\xEF\xBB\xBFa,b\r\n1,2\r\n3,'@4\r\n");
}

#[test]
fn xlsx_export_refuses_rows_of_the_wrong_length() {
    let result = write_xlsx(
        &["a", "b"],
        vec![cells(&["1", "2"]), cells(&["1", "2", "3"])],
    );
    assert!(matches!(
        result,
        Err(WriteError::RowLength {
            row: 2,
            expected: 2,
            found: 3
        })
    ));
}

/// The text of one part of an XLSX archive.
fn xlsx_part(bytes: &[u8], name: &str) -> String {
    use std::io::Read;
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes)).expect("zip");
    let mut text = String::new();
    archive
        .by_name(name)
        .expect("part")
        .read_to_string(&mut text)
        .expect("utf-8 xml");
    text
}

/// Whether the style applied to `cell` (e.g. "C2") has Excel's quote prefix.
fn has_quote_prefix(bytes: &[u8], cell: &str) -> bool {
    let sheet = xlsx_part(bytes, "xl/worksheets/sheet1.xml");
    let styles = xlsx_part(bytes, "xl/styles.xml");
    let start = sheet
        .find(&format!("<c r=\"{cell}\""))
        .expect("cell present");
    let tag = &sheet[start..start + sheet[start..].find('>').expect("tag end")];
    let style: usize = tag
        .split(" s=\"")
        .nth(1)
        .and_then(|rest| rest.split('"').next())
        .map_or(0, |s| s.parse().expect("style index"));
    let xfs = &styles[styles.find("<cellXfs").expect("cellXfs")..];
    let xf = xfs.split("<xf ").nth(style + 1).expect("xf");
    xf.split('>')
        .next()
        .expect("xf attrs")
        .contains("quotePrefix=\"1\"")
}

#[test]
fn xlsx_export_marks_formula_like_text_with_a_quote_prefix() {
    let bytes = write_xlsx(
        &["nip", "=judul", "catatan"],
        vec![
            cells(&[
                "198609262015051001",
                "-5",
                "=HYPERLINK(\"http://x\",\"klik\")",
            ]),
            cells(&["12.5", "+62 812 000", "biasa"]),
        ],
    )
    .expect("xlsx");
    assert!(has_quote_prefix(&bytes, "B1"));
    assert!(has_quote_prefix(&bytes, "C2"));
    assert!(has_quote_prefix(&bytes, "B3"));
    for plain in ["A1", "A2", "B2", "A3", "C3"] {
        assert!(!has_quote_prefix(&bytes, plain), "{plain}");
    }
    // Every value is a string cell, never a formula or a number.
    let sheet = xlsx_part(&bytes, "xl/worksheets/sheet1.xml");
    assert!(!sheet.contains("<f>"));
    assert_eq!(sheet.matches("t=\"s\"").count(), 9);
    assert!(sheet.contains("<pane ySplit=\"1\""), "frozen header");
    assert!(sheet.contains("<autoFilter ref=\"A1:C3\"/>"));
}
