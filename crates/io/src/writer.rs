//! Exports: CSV (streamed, [`CsvRowWriter`] / [`write_csv`]) and XLSX ([`write_xlsx`], or row by
//! row with [`XlsxRowWriter`] for very large exports).
//!
//! Both are safe against CSV/formula injection: a text cell starting with `=`, `+`, `-`, `@`,
//! tab or carriage return would be run as a formula when the export is opened in a spreadsheet,
//! so CSV cells get an apostrophe in front ([`escape_formula`]) and XLSX cells get Excel's
//! "quote prefix" style, which shows the text unchanged but keeps it text. Plain numbers such
//! as `-5` or `12.5` are left alone.

mod xlsx_output;
mod xlsx_stream;

use std::borrow::Cow;
use std::io::{self, Write};

pub use xlsx_output::write_xlsx;
pub use xlsx_stream::{Sel, XlsxRowWriter};

use crate::format::UTF8_BOM;

/// True when a spreadsheet would treat `cell` as a formula (or as the start of one).
pub fn is_formula_like(cell: &str) -> bool {
    cell.starts_with(['=', '+', '-', '@', '\t', '\r']) && !is_plain_number(cell)
}

/// Neutralises formula injection: returns `cell` with an apostrophe in front when it starts
/// with `=`, `+`, `-`, `@`, tab or carriage return, unless it is a plain number (`-5`, `+12.5`,
/// `-0,75`).
pub fn escape_formula(cell: &str) -> Cow<'_, str> {
    if is_formula_like(cell) {
        Cow::Owned(format!("'{cell}"))
    } else {
        Cow::Borrowed(cell)
    }
}

/// An optional sign, digits, and an optional `.` or `,` decimal part.
fn is_plain_number(cell: &str) -> bool {
    let body = cell.strip_prefix(['+', '-']).unwrap_or(cell);
    let (whole, fraction) = match body.split_once(['.', ',']) {
        Some((whole, fraction)) => (whole, Some(fraction)),
        None => (body, None),
    };
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    digits(whole) && fraction.is_none_or(digits)
}

/// An incremental CSV writer for very large exports: UTF-8 with a byte-order mark (so Excel
/// detects the encoding), comma delimiter, CRLF line ends, RFC 4180 quoting, formula escaping.
pub struct CsvRowWriter<W: Write> {
    inner: csv::Writer<W>,
    width: usize,
}

impl<W: Write> CsvRowWriter<W> {
    /// Writes the byte-order mark and the header row.
    pub fn new(mut out: W, headers: &[&str]) -> io::Result<Self> {
        out.write_all(UTF8_BOM)?;
        let mut inner = csv::WriterBuilder::new()
            .terminator(csv::Terminator::CRLF)
            .quote_style(csv::QuoteStyle::Necessary)
            .from_writer(out);
        inner.write_record(headers.iter().map(|h| escape_formula(h).into_owned()))?;
        Ok(Self {
            inner,
            width: headers.len(),
        })
    }

    /// Writes one data row. A row whose length differs from the header is refused with
    /// [`io::ErrorKind::InvalidInput`].
    pub fn write_row(&mut self, cells: &[&str]) -> io::Result<()> {
        self.write_cells(cells)
    }

    fn write_cells<S: AsRef<str>>(&mut self, cells: &[S]) -> io::Result<()> {
        if cells.len() != self.width {
            return Err(io::Error::new(
                io::ErrorKind::InvalidInput,
                format!(
                    "baris berisi {} sel, sedangkan judul memiliki {} kolom",
                    cells.len(),
                    self.width
                ),
            ));
        }
        for cell in cells {
            self.inner
                .write_field(escape_formula(cell.as_ref()).as_bytes())?;
        }
        self.inner.write_record(None::<&[u8]>)?;
        Ok(())
    }

    /// Flushes and returns the underlying writer.
    pub fn finish(self) -> io::Result<W> {
        self.inner
            .into_inner()
            .map_err(|e| io::Error::other(e.error().to_string()))
    }
}

/// Writes a whole CSV export (see [`CsvRowWriter`] for the format).
pub fn write_csv<W: Write>(
    out: W,
    headers: &[&str],
    rows: impl IntoIterator<Item = Vec<String>>,
) -> io::Result<()> {
    let mut writer = CsvRowWriter::new(out, headers)?;
    for row in rows {
        writer.write_cells(&row)?;
    }
    writer.finish()?.flush()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_numbers_are_not_formulas() {
        for number in ["-5", "+12", "12.5", "-0,75", "0"] {
            assert_eq!(escape_formula(number), number);
        }
        for formula in [
            "=1+1", "+62 812", "-x", "@SUM(A1)", "\tx", "\r=1", "-", "-1e5", "-.5",
        ] {
            assert_eq!(escape_formula(formula), format!("'{formula}"));
        }
        assert_eq!(escape_formula("Budi = Ani"), "Budi = Ani");
    }
}
