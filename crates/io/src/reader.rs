//! [`TableReader`]: one streaming interface over CSV and XLSX uploads. It detects the format,
//! finds the header row, and hands out data rows one at a time into a caller-owned buffer, with
//! spreadsheet row numbers for every problem.
//!
//! Row numbers are what a spreadsheet program shows: the header is the first non-empty row
//! (row 1 in a normal file). For CSV every record counts as one row, blank lines included, and a
//! quoted cell spanning several lines is still one row (as Excel shows it). For XLSX the row
//! number is the sheet's own row number.

mod csv_input;
mod csv_parser;
mod xlsx_cell;
mod xlsx_input;

use std::fs::File;
use std::io::{Read, Seek, SeekFrom};
use std::path::Path;

use crate::error::{CellError, ReadError};
use crate::format::{self, Format, OLE_MAGIC};
use csv_input::CsvInput;
use xlsx_input::XlsxInput;

/// How many leading bytes are inspected to detect the format.
const SNIFF_BYTES: usize = 4096;

/// Options for opening a table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReadOptions {
    /// XLSX only: the worksheet to read; `None` reads the first visible worksheet.
    pub sheet: Option<String>,
    /// Files larger than this are refused with [`ReadError::TooLarge`].
    pub max_bytes: u64,
}

impl Default for ReadOptions {
    fn default() -> Self {
        Self {
            sheet: None,
            max_bytes: 512 * 1024 * 1024,
        }
    }
}

/// Where the bytes come from.
pub(crate) enum Input {
    /// An open file (positioned at its start) and its length.
    File(File, u64),
    /// A whole file in memory (web uploads).
    Bytes(Vec<u8>),
}

/// A streaming table reader over CSV or XLSX.
pub struct TableReader {
    format: Format,
    headers: Vec<String>,
    inner: Inner,
    aborted: bool,
    finished: bool,
}

enum Inner {
    Csv(Box<CsvInput>),
    Xlsx(XlsxInput),
}

/// A problem found while producing a row; `fatal` stops the reader.
pub(crate) struct RowError {
    pub(crate) error: CellError,
    pub(crate) fatal: bool,
}

impl TableReader {
    /// Opens a CSV or XLSX file with default [`ReadOptions`].
    pub fn open(path: &Path) -> Result<TableReader, ReadError> {
        Self::open_with(path, &ReadOptions::default())
    }

    /// Opens a CSV or XLSX file. CSV in UTF-8 is streamed from disk; UTF-16 CSV is transcoded
    /// in memory.
    pub fn open_with(path: &Path, options: &ReadOptions) -> Result<TableReader, ReadError> {
        let mut file = File::open(path)?;
        let len = file.metadata()?.len();
        check_size(len, options)?;
        let mut head = Vec::with_capacity(SNIFF_BYTES);
        (&mut file)
            .take(SNIFF_BYTES as u64)
            .read_to_end(&mut head)?;
        file.seek(SeekFrom::Start(0))?;
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        Self::start(&name, &head, Input::File(file, len), options)
    }

    /// Reads a table from memory (a web upload) with default [`ReadOptions`]; `file_name` is
    /// only used for its extension when the content does not reveal the format.
    pub fn from_bytes(file_name: &str, bytes: Vec<u8>) -> Result<TableReader, ReadError> {
        Self::from_bytes_with(file_name, bytes, &ReadOptions::default())
    }

    /// Reads a table from memory with explicit options.
    pub fn from_bytes_with(
        file_name: &str,
        bytes: Vec<u8>,
        options: &ReadOptions,
    ) -> Result<TableReader, ReadError> {
        check_size(bytes.len() as u64, options)?;
        let head = bytes
            .get(..bytes.len().min(SNIFF_BYTES))
            .unwrap_or_default()
            .to_vec();
        Self::start(file_name, &head, Input::Bytes(bytes), options)
    }

    fn start(
        file_name: &str,
        head: &[u8],
        input: Input,
        options: &ReadOptions,
    ) -> Result<TableReader, ReadError> {
        if head.is_empty() {
            return Err(ReadError::Empty);
        }
        let extension = format::extension(file_name);
        let format = match Format::detect(file_name, head) {
            Some(found) => found,
            None if head.starts_with(OLE_MAGIC) => {
                return Err(match extension.as_deref() {
                    Some("xlsx" | "xlsm") => ReadError::Encrypted,
                    _ => ReadError::LegacyXls,
                });
            }
            None if format::looks_like_html(head) => return Err(ReadError::Html),
            // Some applications save tab-separated text under an `.xls` name; the CSV reader
            // refuses it anyway if it is binary.
            None if extension.as_deref() == Some("xls") => Format::Csv,
            None => {
                return Err(ReadError::UnknownFormat {
                    file_name: file_name.to_owned(),
                });
            }
        };
        let (inner, headers) = match format {
            Format::Csv => {
                if format::looks_like_html(head) {
                    return Err(ReadError::Html);
                }
                let (csv, headers) = CsvInput::open(input, options)?;
                (Inner::Csv(Box::new(csv)), headers)
            }
            Format::Xlsx => {
                let (xlsx, headers) = XlsxInput::open(input, options)?;
                (Inner::Xlsx(xlsx), headers)
            }
        };
        Ok(TableReader {
            format,
            headers,
            inner,
            aborted: false,
            finished: false,
        })
    }

    /// The header row: trimmed, byte-order mark stripped, trailing empty headers removed.
    /// Every data row has exactly this many cells.
    pub fn headers(&self) -> &[String] {
        &self.headers
    }

    /// The detected format.
    pub fn format(&self) -> Format {
        self.format
    }

    /// The CSV delimiter detected from the header line (`b','`, `b';'` or `b'\t'`); `None` for
    /// XLSX.
    pub fn delimiter(&self) -> Option<u8> {
        match &self.inner {
            Inner::Csv(csv) => Some(csv.delimiter()),
            Inner::Xlsx(_) => None,
        }
    }

    /// Next data row into `buf` (cleared and refilled, reusing its strings; cells trimmed).
    /// Returns the row's spreadsheet row number, or `Ok(None)` at the end. Empty rows (all cells
    /// empty) are skipped. Shorter rows are padded with `""`; a row with non-empty cells beyond
    /// the last header gives a [`CellError`] (reading can continue with the next call).
    ///
    /// Some problems make the rest of the file unreadable (text that is not UTF-8, a quote never
    /// closed, a broken XLSX stream, an I/O error): the error is returned once, later calls
    /// return `Ok(None)`, and [`TableReader::is_aborted`] becomes true. Treat that import as
    /// failed.
    pub fn next_row(&mut self, buf: &mut Vec<String>) -> Result<Option<usize>, CellError> {
        if self.aborted || self.finished {
            return Ok(None);
        }
        loop {
            let next = match &mut self.inner {
                Inner::Csv(csv) => csv.next_raw(buf, &self.headers),
                Inner::Xlsx(xlsx) => xlsx.next_raw(buf, &self.headers),
            };
            let row = match next {
                Ok(Some(row)) => row,
                Ok(None) => {
                    self.finished = true;
                    return Ok(None);
                }
                Err(RowError { error, fatal }) => {
                    self.aborted |= fatal;
                    return Err(error);
                }
            };
            if buf.iter().all(String::is_empty) {
                continue;
            }
            shape_row(buf, &self.headers, row)?;
            return Ok(Some(row));
        }
    }

    /// True when reading stopped early because of a problem returned by [`TableReader::next_row`]
    /// that makes the rest of the file unreadable.
    pub fn is_aborted(&self) -> bool {
        self.aborted
    }

    /// Progress for a progress bar as `(total, done)`. For CSV these are bytes of the file
    /// (for UTF-16 input: bytes of the UTF-8 text it was converted to). For XLSX they are sheet
    /// rows: the row count the sheet declares (at least the last row seen) and the row number
    /// of the last row read.
    pub fn progress(&self) -> (u64, u64) {
        match &self.inner {
            Inner::Csv(csv) => csv.progress(),
            Inner::Xlsx(xlsx) => xlsx.progress(),
        }
    }
}

fn check_size(size: u64, options: &ReadOptions) -> Result<(), ReadError> {
    if size == 0 {
        return Err(ReadError::Empty);
    }
    if size > options.max_bytes {
        return Err(ReadError::TooLarge {
            size,
            limit: options.max_bytes,
        });
    }
    Ok(())
}

/// Pads a row to the header width, or reports the first non-empty cell beyond it.
fn shape_row(buf: &mut Vec<String>, headers: &[String], row: usize) -> Result<(), CellError> {
    let width = headers.len();
    if buf.len() > width {
        if let Some((offset, extra)) = buf
            .get(width..)
            .unwrap_or_default()
            .iter()
            .enumerate()
            .find(|(_, cell)| !cell.is_empty())
        {
            return Err(CellError::new(
                row,
                None,
                format!(
                    "ada isi di kolom ke-{} ('{}'), padahal judul hanya {} kolom — tambahkan judulnya atau hapus isinya",
                    width + offset + 1,
                    shorten(extra, 40),
                    width
                ),
            ));
        }
        buf.truncate(width);
    }
    while buf.len() < width {
        buf.push(String::new());
    }
    Ok(())
}

/// Stores `value` as cell `index` of `buf`, reusing the allocation of the string already there.
pub(crate) fn set_cell(buf: &mut Vec<String>, index: usize, value: &str) {
    match buf.get_mut(index) {
        Some(cell) => {
            cell.clear();
            cell.push_str(value);
        }
        None => buf.push(value.to_owned()),
    }
}

/// How a column is named in messages: its header text, or its position when it has none.
pub(crate) fn column_name(headers: &[String], index: usize) -> String {
    match headers.get(index) {
        Some(header) if !header.is_empty() => header.clone(),
        _ => format!("ke-{}", index + 1),
    }
}

/// Cuts `text` to at most `max` characters for display, marking the cut with "…".
pub(crate) fn shorten(text: &str, max: usize) -> String {
    match text.char_indices().nth(max) {
        Some((cut, _)) => format!("{}…", text.get(..cut).unwrap_or(text)),
        None => text.to_owned(),
    }
}

/// Trims a header cell: whitespace and stray byte-order marks.
pub(crate) fn clean_header(text: &str) -> &str {
    text.trim_matches(|c: char| c.is_whitespace() || c == '\u{FEFF}')
}

/// Drops trailing empty headers (formatted but unused columns of a spreadsheet).
pub(crate) fn trim_trailing_empty(headers: &mut Vec<String>) {
    while headers.last().is_some_and(String::is_empty) {
        headers.pop();
    }
}
