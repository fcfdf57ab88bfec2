//! CSV input: byte-order marks and encodings (UTF-8, UTF-16 LE/BE with BOM), delimiter
//! detection, the header row, and decoding each record into trimmed cells.

use std::io::{Cursor, Read};

use super::csv_parser::{CsvParser, MAX_FIELDS, MAX_RECORD_BYTES, ParseError, RawRecord};
use super::{Input, ReadOptions, RowError, clean_header, column_name, set_cell, shorten};
use crate::error::{CellError, ReadError};
use crate::format::{UTF8_BOM, UTF16BE_BOM, UTF16LE_BOM};

/// Bytes inspected to detect the delimiter and binary content.
const SAMPLE_BYTES: usize = 64 * 1024;

type Source = Box<dyn Read + Send>;

/// A CSV file being read.
pub(crate) struct CsvInput {
    parser: CsvParser<Source>,
    raw: RawRecord,
    /// Row number of the last record read.
    row: usize,
    /// Bytes skipped before the parser's input (a byte-order mark).
    offset: u64,
    total: u64,
    delimiter: u8,
}

impl CsvInput {
    /// Prepares the input and reads the header row.
    pub(crate) fn open(
        input: Input,
        options: &ReadOptions,
    ) -> Result<(CsvInput, Vec<String>), ReadError> {
        let (sample, rest, file_len): (Vec<u8>, Option<Source>, u64) = match input {
            Input::Bytes(bytes) => {
                let len = bytes.len() as u64;
                (bytes, None, len)
            }
            Input::File(mut file, len) => {
                let mut sample = Vec::with_capacity(SAMPLE_BYTES);
                (&mut file)
                    .take(SAMPLE_BYTES as u64)
                    .read_to_end(&mut sample)?;
                (sample, Some(Box::new(file)), len)
            }
        };

        // Decide the text encoding from the byte-order mark.
        let utf16 = if sample.starts_with(UTF16LE_BOM) {
            Some(encoding_rs::UTF_16LE)
        } else if sample.starts_with(UTF16BE_BOM) {
            Some(encoding_rs::UTF_16BE)
        } else {
            None
        };
        let (source, offset, total, text_sample): (Source, u64, u64, Vec<u8>) =
            if let Some(encoding) = utf16 {
                let mut all = sample;
                if let Some(mut rest) = rest {
                    let limit = options.max_bytes.saturating_sub(all.len() as u64);
                    (&mut rest)
                        .take(limit.saturating_add(1))
                        .read_to_end(&mut all)?;
                    check_limit(all.len() as u64, options)?;
                }
                let body = all.get(2..).unwrap_or_default();
                let text = encoding
                    .decode_without_bom_handling_and_without_replacement(body)
                    .ok_or_else(|| {
                        ReadError::Encoding(format!(
                            "file bertanda {} tetapi isinya rusak — simpan ulang sebagai CSV UTF-8",
                            encoding.name()
                        ))
                    })?
                    .into_owned()
                    .into_bytes();
                let total = text.len() as u64;
                let text_sample = text.get(..text.len().min(SAMPLE_BYTES)).unwrap_or_default();
                let text_sample = text_sample.to_vec();
                (Box::new(Cursor::new(text)), 0, total, text_sample)
            } else {
                let bom = if sample.starts_with(UTF8_BOM) {
                    UTF8_BOM.len()
                } else {
                    0
                };
                let text_sample = sample
                    .get(bom..bom.saturating_add(SAMPLE_BYTES).min(sample.len()))
                    .unwrap_or_default()
                    .to_vec();
                match rest {
                    None => {
                        let mut cursor = Cursor::new(sample);
                        cursor.set_position(bom as u64);
                        (Box::new(cursor), bom as u64, file_len, text_sample)
                    }
                    Some(rest) => {
                        let mut head = Cursor::new(sample);
                        head.set_position(bom as u64);
                        (
                            Box::new(head.chain(rest)),
                            bom as u64,
                            file_len,
                            text_sample,
                        )
                    }
                }
            };
        if let Some(zero) = text_sample.iter().position(|&b| b == 0) {
            return Err(ReadError::NotText {
                hint: binary_hint(&text_sample, zero),
            });
        }

        let delimiter = detect_delimiter(&text_sample);
        let mut input = CsvInput {
            parser: CsvParser::new(source, delimiter),
            raw: RawRecord::default(),
            row: 0,
            offset,
            total,
            delimiter,
        };
        let headers = input.read_header()?;
        Ok((input, headers))
    }

    /// The detected delimiter.
    pub(crate) fn delimiter(&self) -> u8 {
        self.delimiter
    }

    /// `(total bytes, bytes consumed)`.
    pub(crate) fn progress(&self) -> (u64, u64) {
        let done = self.offset + self.parser.consumed();
        (self.total.max(done), done)
    }

    fn read_header(&mut self) -> Result<Vec<String>, ReadError> {
        let mut headers = Vec::new();
        loop {
            match self.next_raw(&mut headers, &[]) {
                Ok(Some(_)) => {}
                Ok(None) => return Err(ReadError::NoHeader),
                Err(RowError { error, .. }) => return Err(ReadError::Header(error)),
            }
            if headers.iter().any(|h| !clean_header(h).is_empty()) {
                break;
            }
        }
        let mut headers: Vec<String> = headers.iter().map(|h| clean_header(h).to_owned()).collect();
        super::trim_trailing_empty(&mut headers);
        Ok(headers)
    }

    /// Reads the next record into `buf` as trimmed cells (not yet padded to the header).
    pub(crate) fn next_raw(
        &mut self,
        buf: &mut Vec<String>,
        headers: &[String],
    ) -> Result<Option<usize>, RowError> {
        let row = self.row + 1;
        let parsed = self.parser.read_record(&mut self.raw);
        self.row = row;
        match parsed {
            Ok(true) => {}
            Ok(false) => return Ok(None),
            Err(ParseError::TextAfterQuote(field)) => {
                return Err(RowError {
                    error: CellError::new(
                        row,
                        Some(column_name(headers, field)),
                        "ada teks setelah tanda kutip penutup; tanda kutip di dalam sel harus ditulis dobel (\"\")",
                    ),
                    fatal: false,
                });
            }
            Err(ParseError::UnclosedQuote(field)) => {
                return Err(fatal(CellError::new(
                    row,
                    Some(column_name(headers, field)),
                    "tanda kutip (\") dibuka tetapi tidak ditutup sampai akhir file",
                )));
            }
            Err(ParseError::TooLong) => {
                return Err(fatal(CellError::new(
                    row,
                    None,
                    format!(
                        "baris terlalu panjang (lebih dari {} MiB atau {} kolom) — kemungkinan ada tanda kutip (\") yang tidak ditutup",
                        MAX_RECORD_BYTES / (1024 * 1024),
                        MAX_FIELDS
                    ),
                )));
            }
            Err(ParseError::Io(e)) => {
                return Err(fatal(CellError::new(
                    row,
                    None,
                    format!("gagal membaca file: {e}"),
                )));
            }
        }
        // The common case: the record is UTF-8 and every field starts and ends on a character
        // boundary (a field could end inside a character that the next one completes): checked
        // once per record instead of once per field.
        if let Some((text, spans)) = self.raw.text() {
            let mut count = 0;
            let mut whole = true;
            for (index, (start, end)) in spans.enumerate() {
                let Some(field) = text.get(start..end) else {
                    whole = false;
                    break;
                };
                set_cell(buf, index, trim(field));
                count = index + 1;
            }
            if whole {
                buf.truncate(count);
                return Ok(Some(row));
            }
        }
        let mut count = 0;
        for (index, field) in self.raw.fields().enumerate() {
            match std::str::from_utf8(field) {
                Ok(text) => set_cell(buf, index, trim(text)),
                Err(e) => {
                    return Err(fatal(not_utf8(row, column_name(headers, index), field, e)));
                }
            }
            count = index + 1;
        }
        buf.truncate(count);
        Ok(Some(row))
    }
}

/// `s.trim()`, answered without decoding when both ends are visible ASCII characters (which are
/// never whitespace): most cells of a large file.
fn trim(s: &str) -> &str {
    match (s.as_bytes().first(), s.as_bytes().last()) {
        (Some(&a), Some(&z)) if (0x21..0x80).contains(&a) && (0x21..0x80).contains(&z) => s,
        _ => s.trim(),
    }
}

fn fatal(error: CellError) -> RowError {
    RowError { error, fatal: true }
}

fn check_limit(size: u64, options: &ReadOptions) -> Result<(), ReadError> {
    if size > options.max_bytes {
        return Err(ReadError::TooLarge {
            size,
            limit: options.max_bytes,
        });
    }
    Ok(())
}

/// Refuses text that is not UTF-8, showing how the cell would read as Windows-1252 so the
/// user recognises the problem; Bangkom never guesses the encoding silently.
fn not_utf8(row: usize, column: String, field: &[u8], error: std::str::Utf8Error) -> CellError {
    let bad = field.get(error.valid_up_to()).copied().unwrap_or_default();
    let (as_1252, _) = encoding_rs::WINDOWS_1252.decode_without_bom_handling(field);
    CellError::new(
        row,
        Some(column),
        format!(
            "teks bukan UTF-8 (byte 0x{bad:02X}); dibaca sebagai Windows-1252: '{}' — simpan ulang sebagai CSV UTF-8 (Excel: Simpan Sebagai → \"CSV UTF-8\")",
            shorten(as_1252.trim(), 60)
        ),
    )
}

/// Explains binary content; zero bytes at every other position mean UTF-16 without a BOM.
fn binary_hint(sample: &[u8], first_zero: usize) -> String {
    let pairs = sample.len() / 2;
    let odd_zeros = sample
        .iter()
        .skip(1)
        .step_by(2)
        .filter(|&&b| b == 0)
        .count();
    let even_zeros = sample.iter().step_by(2).filter(|&&b| b == 0).count();
    if pairs > 0 && (odd_zeros * 2 > pairs || even_zeros * 2 > pairs) {
        " — tampaknya teks UTF-16 tanpa penanda BOM; simpan ulang sebagai CSV UTF-8".to_owned()
    } else {
        format!(" — byte nol di posisi {first_zero}; pastikan file yang diunggah benar")
    }
}

/// Picks the delimiter (`,`, `;` or tab) that splits the first non-empty line into the most
/// columns; quoted text is ignored. Ties prefer `,` then `;` then tab; no delimiter at all
/// means a one-column file, read with `,`.
pub(crate) fn detect_delimiter(sample: &[u8]) -> u8 {
    const CANDIDATES: [u8; 3] = [b',', b';', b'\t'];
    let mut counts = [0usize; 3];
    // Counts of a line holding only delimiters (an empty spreadsheet row), used when the
    // sample has no line with content at all.
    let mut fallback = [0usize; 3];
    let mut in_quotes = false;
    let mut content = false;
    for &b in sample {
        if b == b'"' {
            in_quotes = !in_quotes;
            content = true;
        } else if in_quotes {
            continue;
        } else if b == b'\n' || b == b'\r' {
            if content {
                break;
            }
            if counts.iter().any(|&c| c > 0) {
                fallback = counts;
            }
            counts = [0; 3];
        } else if let Some(i) = CANDIDATES.iter().position(|&c| c == b) {
            if let Some(count) = counts.get_mut(i) {
                *count += 1;
            }
        } else if !b.is_ascii_whitespace() {
            content = true;
        }
    }
    if !content && counts.iter().all(|&c| c == 0) {
        counts = fallback;
    }
    let mut best = 0;
    for (i, &count) in counts.iter().enumerate() {
        if count > counts.get(best).copied().unwrap_or_default() {
            best = i;
        }
    }
    CANDIDATES.get(best).copied().unwrap_or(b',')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn delimiter_is_the_one_giving_most_columns() {
        assert_eq!(detect_delimiter(b"nip;nama;opd\n1,5;x;y"), b';');
        assert_eq!(detect_delimiter(b"nip,nama,opd\n"), b',');
        assert_eq!(detect_delimiter(b"nip\tnama\tjabatan, lama\n"), b'\t');
        assert_eq!(detect_delimiter(b"\"a;b;c\",d\n"), b',');
        assert_eq!(detect_delimiter(b";;;\n\nnip,nama\n"), b',');
        assert_eq!(detect_delimiter(b"nip\n1\n"), b',');
        assert_eq!(detect_delimiter(b"\n;;\n\n"), b';');
    }

    #[test]
    fn utf16_without_bom_is_explained() {
        let sample: Vec<u8> = "nip,nama"
            .encode_utf16()
            .flat_map(u16::to_le_bytes)
            .collect();
        assert!(binary_hint(&sample, 1).contains("UTF-16"));
        assert!(!binary_hint(b"abc\0def", 3).contains("UTF-16"));
    }
}
