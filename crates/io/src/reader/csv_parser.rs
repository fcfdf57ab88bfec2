//! A small streaming CSV record parser (RFC 4180 plus the habits of Excel exports).
//!
//! Own code rather than the `csv` crate because imports must *report* broken quoting (a
//! character after a closing quote, a quote never closed) where `csv` silently accepts it.
//! Every physical line outside quotes ends a record, blank lines included, so the record count
//! equals the row number a spreadsheet shows. Buffers are reused: no allocation per record.

use std::io::{self, Read};

/// Size of the read buffer.
const BUFFER_BYTES: usize = 64 * 1024;
/// A record larger than this is refused; it nearly always means an unclosed quote.
pub(crate) const MAX_RECORD_BYTES: usize = 4 * 1024 * 1024;
/// A record with more fields than Excel has columns is refused (a line of delimiters only
/// would otherwise grow the field list without growing the data).
pub(crate) const MAX_FIELDS: usize = 16_384;

/// The raw bytes of one record: all fields concatenated, with the end offset of each field.
#[derive(Debug, Default)]
pub(crate) struct RawRecord {
    data: Vec<u8>,
    ends: Vec<usize>,
}

impl RawRecord {
    fn clear(&mut self) {
        self.data.clear();
        self.ends.clear();
    }

    fn end_field(&mut self) {
        self.ends.push(self.data.len());
    }

    /// Number of fields.
    pub(crate) fn len(&self) -> usize {
        self.ends.len()
    }

    /// Each field's byte range in the record.
    fn spans(&self) -> impl Iterator<Item = (usize, usize)> + '_ {
        let mut start = 0;
        self.ends.iter().map(move |&end| {
            let span = (start, end);
            start = end;
            span
        })
    }

    /// The whole record as text when it is UTF-8, and each field's byte range in it.
    pub(crate) fn text(&self) -> Option<(&str, impl Iterator<Item = (usize, usize)> + '_)> {
        let text = std::str::from_utf8(&self.data).ok()?;
        Some((text, self.spans()))
    }

    /// Iterates over the raw bytes of each field.
    pub(crate) fn fields(&self) -> impl Iterator<Item = &[u8]> + '_ {
        self.spans()
            .map(|(start, end)| self.data.get(start..end).unwrap_or_default())
    }
}

/// Why a record could not be parsed cleanly.
#[derive(Debug)]
pub(crate) enum ParseError {
    /// A closing quote was followed by something other than a delimiter or line end, in the
    /// field with this 0-based index. The record was consumed; parsing can continue.
    TextAfterQuote(usize),
    /// The file ended inside a quoted field (0-based field index).
    UnclosedQuote(usize),
    /// The record exceeded [`MAX_RECORD_BYTES`] or [`MAX_FIELDS`].
    TooLong,
    /// The underlying reader failed.
    Io(io::Error),
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum State {
    FieldStart,
    Unquoted,
    Quoted,
    QuoteInQuoted,
}

/// Streaming parser over any byte source.
pub(crate) struct CsvParser<R> {
    src: R,
    buf: Box<[u8]>,
    pos: usize,
    end: usize,
    /// Bytes of the buffers already discarded.
    base: u64,
    eof: bool,
    delimiter: u8,
    /// The previous record ended with `\r`: a `\n` right after it belongs to that line end.
    skip_lf: bool,
}

impl<R: Read> CsvParser<R> {
    /// Creates a parser splitting fields on `delimiter`.
    pub(crate) fn new(src: R, delimiter: u8) -> Self {
        Self {
            src,
            buf: vec![0; BUFFER_BYTES].into_boxed_slice(),
            pos: 0,
            end: 0,
            base: 0,
            eof: false,
            delimiter,
            skip_lf: false,
        }
    }

    /// Bytes of input consumed so far.
    pub(crate) fn consumed(&self) -> u64 {
        self.base + self.pos as u64
    }

    /// Makes sure unread bytes are buffered; false at the end of input.
    fn fill(&mut self) -> io::Result<bool> {
        if self.pos < self.end {
            return Ok(true);
        }
        if self.eof {
            return Ok(false);
        }
        loop {
            match self.src.read(&mut self.buf) {
                Ok(0) => {
                    self.eof = true;
                    return Ok(false);
                }
                Ok(n) => {
                    self.base += self.end as u64;
                    self.pos = 0;
                    self.end = n.min(self.buf.len());
                    return Ok(true);
                }
                Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
                Err(e) => return Err(e),
            }
        }
    }

    /// Reads the next record into `rec`. `Ok(false)` at the end of input.
    pub(crate) fn read_record(&mut self, rec: &mut RawRecord) -> Result<bool, ParseError> {
        rec.clear();
        let delimiter = self.delimiter;
        let mut state = State::FieldStart;
        let mut started = false;
        let mut text_after_quote: Option<usize> = None;
        loop {
            if !self.fill().map_err(ParseError::Io)? {
                return match state {
                    State::Quoted => {
                        rec.end_field();
                        Err(ParseError::UnclosedQuote(rec.len().saturating_sub(1)))
                    }
                    _ if !started => Ok(false),
                    _ => {
                        rec.end_field();
                        finish(text_after_quote)
                    }
                };
            }
            let chunk = self.buf.get(self.pos..self.end).unwrap_or_default();
            let Some(&first) = chunk.first() else {
                continue;
            };
            match state {
                State::FieldStart => {
                    if !started && self.skip_lf && first == b'\n' {
                        self.skip_lf = false;
                        self.pos += 1;
                        continue;
                    }
                    self.skip_lf = false;
                    started = true;
                    if first == b'"' {
                        self.pos += 1;
                        state = State::Quoted;
                    } else {
                        state = State::Unquoted;
                    }
                }
                State::Unquoted => {
                    match chunk
                        .iter()
                        .position(|&b| b == delimiter || b == b'\n' || b == b'\r')
                    {
                        None => {
                            rec.data.extend_from_slice(chunk);
                            self.pos = self.end;
                        }
                        Some(i) => {
                            rec.data
                                .extend_from_slice(chunk.get(..i).unwrap_or_default());
                            let stop = chunk.get(i).copied().unwrap_or(b'\n');
                            self.pos += i + 1;
                            rec.end_field();
                            if stop == delimiter {
                                state = State::FieldStart;
                            } else {
                                self.skip_lf = stop == b'\r';
                                return finish(text_after_quote);
                            }
                        }
                    }
                }
                State::Quoted => match chunk.iter().position(|&b| b == b'"') {
                    None => {
                        rec.data.extend_from_slice(chunk);
                        self.pos = self.end;
                    }
                    Some(i) => {
                        rec.data
                            .extend_from_slice(chunk.get(..i).unwrap_or_default());
                        self.pos += i + 1;
                        state = State::QuoteInQuoted;
                    }
                },
                State::QuoteInQuoted => {
                    if first == b'"' {
                        rec.data.push(b'"');
                        self.pos += 1;
                        state = State::Quoted;
                    } else if first == delimiter {
                        self.pos += 1;
                        rec.end_field();
                        state = State::FieldStart;
                    } else if (first == b' ' || first == b'\t') && first != delimiter {
                        // Spaces between a closing quote and the delimiter are harmless.
                        self.pos += 1;
                    } else if first == b'\n' || first == b'\r' {
                        self.pos += 1;
                        rec.end_field();
                        self.skip_lf = first == b'\r';
                        return finish(text_after_quote);
                    } else {
                        // `"abc"def`: keep reading the rest of the field literally so the
                        // following rows stay aligned, but report the record.
                        text_after_quote.get_or_insert(rec.len());
                        state = State::Unquoted;
                    }
                }
            }
            if rec.data.len() > MAX_RECORD_BYTES || rec.ends.len() > MAX_FIELDS {
                return Err(ParseError::TooLong);
            }
        }
    }
}

fn finish(text_after_quote: Option<usize>) -> Result<bool, ParseError> {
    match text_after_quote {
        Some(field) => Err(ParseError::TextAfterQuote(field)),
        None => Ok(true),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse_all(input: &[u8], delimiter: u8) -> Vec<Result<Vec<String>, String>> {
        let mut parser = CsvParser::new(input, delimiter);
        let mut rec = RawRecord::default();
        let mut out = Vec::new();
        loop {
            match parser.read_record(&mut rec) {
                Ok(false) => break,
                Ok(true) => out.push(Ok(rec
                    .fields()
                    .map(|f| String::from_utf8_lossy(f).into_owned())
                    .collect())),
                Err(e) => {
                    let fatal = !matches!(e, ParseError::TextAfterQuote(_));
                    out.push(Err(format!("{e:?}")));
                    if fatal {
                        break;
                    }
                }
            }
        }
        out
    }

    fn ok(fields: &[&str]) -> Result<Vec<String>, String> {
        Ok(fields.iter().map(|s| (*s).to_owned()).collect())
    }

    #[test]
    fn line_ends_blank_lines_and_quotes() {
        let got = parse_all(b"a,b\r\n\r\n\"x,\"\"y\"\"\",\"l1\nl2\"\rlast,", b',');
        assert_eq!(
            got,
            vec![
                ok(&["a", "b"]),
                ok(&[""]),
                ok(&["x,\"y\"", "l1\nl2"]),
                ok(&["last", ""]),
            ]
        );
    }

    #[test]
    fn text_after_closing_quote_is_reported_and_parsing_continues() {
        let got = parse_all(b"\"ab\"c,d\ne,f\n\"g\"  ,h\n", b',');
        assert_eq!(got.len(), 3);
        assert_eq!(got[0], Err("TextAfterQuote(0)".to_owned()));
        assert_eq!(got[1], ok(&["e", "f"]));
        assert_eq!(got[2], ok(&["g", "h"]));
    }

    #[test]
    fn unclosed_quote_at_end_of_file() {
        let got = parse_all(b"a;b\n1;\"open\n2;3\n", b';');
        assert_eq!(
            got,
            vec![ok(&["a", "b"]), Err("UnclosedQuote(1)".to_owned())]
        );
    }

    #[test]
    fn oversized_records_are_refused() {
        let commas = vec![b','; MAX_FIELDS + 10];
        let got = parse_all(&commas, b',');
        assert_eq!(got, vec![Err("TooLong".to_owned())]);
    }

    #[test]
    fn tiny_reads_give_same_result() {
        struct OneByte<'a>(&'a [u8]);
        impl Read for OneByte<'_> {
            fn read(&mut self, out: &mut [u8]) -> io::Result<usize> {
                match (self.0.split_first(), out.first_mut()) {
                    (Some((b, rest)), Some(slot)) => {
                        *slot = *b;
                        self.0 = rest;
                        Ok(1)
                    }
                    _ => Ok(0),
                }
            }
        }
        let input = b"a,\"b\"\"c\"\r\n1,2\r\n";
        let mut parser = CsvParser::new(OneByte(input), b',');
        let mut rec = RawRecord::default();
        let mut rows = Vec::new();
        while parser.read_record(&mut rec).expect("valid csv") {
            rows.push(rec.fields().map(<[u8]>::to_vec).collect::<Vec<_>>());
        }
        assert_eq!(
            rows,
            vec![
                vec![b"a".to_vec(), b"b\"c".to_vec()],
                vec![b"1".to_vec(), b"2".to_vec()]
            ]
        );
        assert_eq!(parser.consumed(), input.len() as u64);
    }
}
