//! Helpers shared by the integration tests.

use bangkom_io::{CellError, TableReader};

/// One result of `next_row`: the row number and cells, or the error.
pub type RowResult = Result<(usize, Vec<String>), CellError>;

/// Every result of `next_row` until the end: `Ok((row, cells))` or the error.
pub fn drain(reader: &mut TableReader) -> Vec<RowResult> {
    let mut out = Vec::new();
    let mut buf = Vec::new();
    for _ in 0..10_000_000 {
        match reader.next_row(&mut buf) {
            Ok(Some(row)) => out.push(Ok((row, buf.clone()))),
            Ok(None) => return out,
            Err(e) => out.push(Err(e)),
        }
    }
    panic!("reader did not end");
}

/// Builds a row of owned strings.
pub fn cells(values: &[&str]) -> Vec<String> {
    values.iter().map(|v| (*v).to_owned()).collect()
}

/// Reads CSV bytes completely.
pub fn read_csv(bytes: &[u8]) -> (TableReader, Vec<RowResult>) {
    let mut reader = TableReader::from_bytes("data.csv", bytes.to_vec()).expect("readable csv");
    let rows = drain(&mut reader);
    (reader, rows)
}
