//! A row-by-row XLSX writer for exports too large to hold as cells ([`XlsxRowWriter`]): each row
//! goes to the worksheet's temporary file as soon as the next one starts (rust_xlsxwriter's "low
//! memory" mode: only the shared strings stay in memory), numbers stay numbers, text keeps the
//! same formula protection as [`write_xlsx`](super::write_xlsx). A sheet that fills up continues
//! on a new one with the same header, so a file is never refused for its length.

use rust_xlsxwriter::{ColNum, Format, RowNum, Workbook};

use super::is_formula_like;
use crate::error::WriteError;

/// Data rows one worksheet can hold (1,048,576 rows minus the header).
const MAX_DATA_ROWS: u32 = 1_048_575;

/// One cell of a streamed row.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Sel<'a> {
    /// Text, written as a string (identifiers such as NIP keep every digit).
    Teks(&'a str),
    /// A number (summable in the spreadsheet).
    Angka(f64),
}

/// The streaming writer: [`XlsxRowWriter::new`], [`XlsxRowWriter::write_row`] for each row, then
/// [`XlsxRowWriter::finish`] for the file's bytes.
pub struct XlsxRowWriter {
    workbook: Workbook,
    headers: Vec<String>,
    widths: Vec<f64>,
    sheet: usize,
    row: u32,
    rows: usize,
    per_sheet: u32,
    bold: Format,
    quoted: Format,
}

fn xlsx(e: rust_xlsxwriter::XlsxError) -> WriteError {
    WriteError::Xlsx(e.to_string())
}

impl XlsxRowWriter {
    /// Starts a workbook whose sheets have `headers` (bold, frozen, with an autofilter) and the
    /// given column widths in Excel character units (missing ones get 12).
    pub fn new(headers: &[&str], widths: &[f64]) -> Result<Self, WriteError> {
        let mut w = XlsxRowWriter {
            workbook: Workbook::new(),
            headers: headers.iter().map(|h| (*h).to_string()).collect(),
            widths: (0..headers.len())
                .map(|i| widths.get(i).copied().unwrap_or(12.0))
                .collect(),
            sheet: 0,
            row: 0,
            rows: 0,
            per_sheet: MAX_DATA_ROWS,
            bold: Format::new().set_bold(),
            quoted: Format::new().set_quote_prefix(),
        };
        // Deflate level 1 rather than 6: a file of a few hundred thousand rows is written several
        // times faster for a somewhat larger download.
        w.workbook.set_zip_compression_level(1);
        w.add_sheet()?;
        Ok(w)
    }

    fn add_sheet(&mut self) -> Result<(), WriteError> {
        let name = if self.sheet == 0 {
            "Data".to_string()
        } else {
            format!("Data {}", self.sheet + 1)
        };
        let sheet = self
            .workbook
            .add_worksheet_with_low_memory()
            .map_err(xlsx)?;
        sheet.set_name(name).map_err(xlsx)?;
        for (col, (h, width)) in (0..).zip(self.headers.iter().zip(&self.widths)) {
            let col: ColNum = col;
            let format = if is_formula_like(h) {
                self.bold.clone().set_quote_prefix()
            } else {
                self.bold.clone()
            };
            sheet
                .write_string_with_format(0, col, h.as_str(), &format)
                .map_err(xlsx)?;
            sheet.set_column_width(col, *width).map_err(xlsx)?;
        }
        sheet.set_freeze_panes(1, 0).map_err(xlsx)?;
        self.sheet += 1;
        self.row = 0;
        Ok(())
    }

    /// Appends one row; a row whose length differs from the header is refused.
    pub fn write_row(&mut self, cells: &[Sel<'_>]) -> Result<(), WriteError> {
        if cells.len() != self.headers.len() {
            return Err(WriteError::RowLength {
                row: self.rows + 1,
                expected: self.headers.len(),
                found: cells.len(),
            });
        }
        if self.row >= self.per_sheet {
            self.finish_sheet()?;
            self.add_sheet()?;
        }
        self.row += 1;
        self.rows += 1;
        let row: RowNum = self.row;
        let sheet = self
            .workbook
            .worksheet_from_index(self.sheet - 1)
            .map_err(xlsx)?;
        for (col, cell) in (0..).zip(cells) {
            let col: ColNum = col;
            match cell {
                Sel::Teks("") => {}
                Sel::Teks(t) if is_formula_like(t) => {
                    sheet
                        .write_string_with_format(row, col, *t, &self.quoted)
                        .map_err(xlsx)?;
                }
                Sel::Teks(t) => {
                    sheet.write_string(row, col, *t).map_err(xlsx)?;
                }
                Sel::Angka(n) => {
                    sheet.write_number(row, col, *n).map_err(xlsx)?;
                }
            }
        }
        Ok(())
    }

    fn finish_sheet(&mut self) -> Result<(), WriteError> {
        let last_col = ColNum::try_from(self.headers.len().saturating_sub(1))
            .map_err(|_| WriteError::TooManyColumns { max: 16_384 })?;
        let last_row = self.row;
        let sheet = self
            .workbook
            .worksheet_from_index(self.sheet - 1)
            .map_err(xlsx)?;
        if !self.headers.is_empty() {
            sheet.autofilter(0, 0, last_row, last_col).map_err(xlsx)?;
        }
        Ok(())
    }

    /// Data rows written so far.
    pub fn rows(&self) -> usize {
        self.rows
    }

    /// Closes the last sheet and returns the file.
    pub fn finish(mut self) -> Result<Vec<u8>, WriteError> {
        self.finish_sheet()?;
        self.workbook.save_to_buffer().map_err(xlsx)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use calamine::{Data, Reader, Xlsx};

    #[test]
    fn rows_numbers_and_formula_text_survive_a_round_trip() {
        let mut w = XlsxRowWriter::new(&["nip", "jp"], &[20.0]).unwrap();
        w.write_row(&[Sel::Teks("198001012005011001"), Sel::Angka(24.0)])
            .unwrap();
        w.write_row(&[Sel::Teks("=1+1"), Sel::Angka(0.0)]).unwrap();
        assert!(matches!(
            w.write_row(&[Sel::Teks("x")]),
            Err(WriteError::RowLength { found: 1, .. })
        ));
        assert_eq!(w.rows(), 2);
        let bytes = w.finish().unwrap();
        let mut book: Xlsx<_> = Xlsx::new(std::io::Cursor::new(bytes)).unwrap();
        let range = book.worksheet_range("Data").unwrap();
        let cell = |r: u32, c: u32| range.get_value((r, c)).cloned();
        assert_eq!(cell(0, 1), Some(Data::String("jp".into())));
        assert_eq!(cell(1, 0), Some(Data::String("198001012005011001".into())));
        assert_eq!(cell(1, 1), Some(Data::Float(24.0)));
        assert_eq!(
            cell(2, 0),
            Some(Data::String("=1+1".into())),
            "formula-like text stays text"
        );
    }

    #[test]
    fn a_full_sheet_continues_on_a_new_one_with_the_header() {
        let mut w = XlsxRowWriter::new(&["n"], &[]).unwrap();
        w.per_sheet = 2;
        for i in 0..5 {
            w.write_row(&[Sel::Angka(f64::from(i))]).unwrap();
        }
        let bytes = w.finish().unwrap();
        let mut book: Xlsx<_> = Xlsx::new(std::io::Cursor::new(bytes)).unwrap();
        assert_eq!(book.sheet_names(), vec!["Data", "Data 2", "Data 3"]);
        let last = book.worksheet_range("Data 3").unwrap();
        assert_eq!(last.get_value((0, 0)), Some(&Data::String("n".into())));
        assert_eq!(last.get_value((1, 0)), Some(&Data::Float(4.0)));
        assert_eq!(last.get_value((2, 0)), None);
    }
}
