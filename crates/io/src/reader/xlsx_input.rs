//! XLSX input: a worker thread streams the worksheet with calamine's cell reader and sends
//! finished rows through a bounded channel, so large workbooks are never held as one grid in
//! memory. The thread also isolates the reader from a panic inside the XML/ZIP parser: a
//! crashed worker is reported as a broken file.

use std::io::{BufReader, Cursor, Read, Seek};
use std::sync::mpsc::{Receiver, SyncSender, sync_channel};
use std::thread;

use calamine::{Reader, SheetType, SheetVisible, Xlsx, XlsxError};

use super::xlsx_cell::cell_text;
use super::{Input, ReadOptions, RowError, clean_header, column_name, set_cell};
use crate::error::{CellError, ReadError};

/// Rows per message.
const BATCH_ROWS: usize = 256;
/// Messages in flight; bounds the memory used ahead of the consumer.
const CHANNEL_BATCHES: usize = 4;
/// Excel's column limit; cells beyond it are ignored.
const MAX_COLUMNS: usize = 16_384;

/// One sheet row as produced by the worker.
struct SheetRow {
    /// 1-based row number.
    row: usize,
    cells: Vec<String>,
    /// First unreadable cell: column index and message.
    problem: Option<(usize, String)>,
}

/// What the worker reports once it has found the header row.
struct Start {
    headers: Vec<String>,
    declared_rows: u64,
}

enum Message {
    Rows(Vec<SheetRow>),
    /// The sheet stream broke after `row`.
    Broken {
        row: usize,
        detail: String,
    },
    /// The whole sheet was read. A channel closed without this message means the worker died.
    End,
}

/// An XLSX worksheet being read.
pub(crate) struct XlsxInput {
    rx: Receiver<Message>,
    batch: std::vec::IntoIter<SheetRow>,
    declared_rows: u64,
    last_row: usize,
}

impl XlsxInput {
    /// Starts the worker and waits for the header row.
    pub(crate) fn open(
        input: Input,
        options: &ReadOptions,
    ) -> Result<(XlsxInput, Vec<String>), ReadError> {
        let (start_tx, start_rx) = sync_channel::<Result<Start, ReadError>>(1);
        let (tx, rx) = sync_channel::<Message>(CHANNEL_BATCHES);
        let sheet = options.sheet.clone();
        thread::Builder::new()
            .name("bangkom-xlsx".to_owned())
            .spawn(move || match input {
                Input::Bytes(bytes) => run(Xlsx::new(Cursor::new(bytes)), sheet, &start_tx, &tx),
                Input::File(file, _) => {
                    run(Xlsx::new(BufReader::new(file)), sheet, &start_tx, &tx);
                }
            })?;
        let start = start_rx
            .recv()
            .map_err(|_| ReadError::Xlsx("isi file rusak (pembaca berhenti)".to_owned()))??;
        let input = XlsxInput {
            rx,
            batch: Vec::new().into_iter(),
            declared_rows: start.declared_rows,
            last_row: 0,
        };
        Ok((input, start.headers))
    }

    /// `(declared sheet rows, row number of the last row read)`.
    pub(crate) fn progress(&self) -> (u64, u64) {
        let done = self.last_row as u64;
        (self.declared_rows.max(done), done)
    }

    /// Moves the next non-empty sheet row into `buf`.
    pub(crate) fn next_raw(
        &mut self,
        buf: &mut Vec<String>,
        headers: &[String],
    ) -> Result<Option<usize>, RowError> {
        let next = loop {
            if let Some(row) = self.batch.next() {
                break row;
            }
            match self.rx.recv() {
                Ok(Message::Rows(rows)) => self.batch = rows.into_iter(),
                Ok(Message::Broken { row, detail }) => {
                    return Err(RowError {
                        error: CellError::new(row, None, format!("file XLSX rusak: {detail}")),
                        fatal: true,
                    });
                }
                Ok(Message::End) => return Ok(None),
                Err(_) => {
                    return Err(RowError {
                        error: CellError::new(
                            self.last_row + 1,
                            None,
                            "file XLSX rusak: pembacaan berhenti tiba-tiba",
                        ),
                        fatal: true,
                    });
                }
            }
        };
        self.last_row = next.row;
        let SheetRow {
            row,
            mut cells,
            problem,
        } = next;
        if let Some((column, message)) = problem {
            return Err(RowError {
                error: CellError::new(row, Some(column_name(headers, column)), message),
                fatal: false,
            });
        }
        std::mem::swap(buf, &mut cells);
        Ok(Some(row))
    }
}

fn describe(error: &XlsxError) -> ReadError {
    match error {
        XlsxError::Password => ReadError::Encrypted,
        XlsxError::Io(e) => ReadError::Xlsx(format!("gagal membaca: {e}")),
        XlsxError::Zip(_) => ReadError::Xlsx("bukan arsip XLSX (ZIP) yang valid".to_owned()),
        other => ReadError::Xlsx(other.to_string()),
    }
}

/// Picks the requested sheet, or the first visible worksheet.
fn choose_sheet<RS: Read + Seek>(
    workbook: &Xlsx<RS>,
    wanted: Option<&str>,
) -> Result<String, ReadError> {
    let sheets = workbook.sheets_metadata();
    if let Some(wanted) = wanted {
        return sheets
            .iter()
            .find(|s| s.name == wanted || s.name.trim().eq_ignore_ascii_case(wanted.trim()))
            .map(|s| s.name.clone())
            .ok_or_else(|| ReadError::SheetNotFound {
                name: wanted.to_owned(),
                available: sheets
                    .iter()
                    .map(|s| s.name.as_str())
                    .collect::<Vec<_>>()
                    .join(", "),
            });
    }
    let worksheets = || sheets.iter().filter(|s| s.typ == SheetType::WorkSheet);
    worksheets()
        .find(|s| s.visible == SheetVisible::Visible)
        .or_else(|| worksheets().next())
        .map(|s| s.name.clone())
        .ok_or(ReadError::NoSheet)
}

/// The worker: opens the workbook, finds the header, streams the rows. Every send failure means
/// the reader was dropped, so the worker simply stops.
fn run<RS: Read + Seek>(
    opened: Result<Xlsx<RS>, XlsxError>,
    sheet: Option<String>,
    start_tx: &SyncSender<Result<Start, ReadError>>,
    tx: &SyncSender<Message>,
) {
    let mut workbook = match opened {
        Ok(workbook) => workbook,
        Err(e) => {
            let _ = start_tx.send(Err(describe(&e)));
            return;
        }
    };
    let name = match choose_sheet(&workbook, sheet.as_deref()) {
        Ok(name) => name,
        Err(e) => {
            let _ = start_tx.send(Err(e));
            return;
        }
    };
    let mut cells = match workbook.worksheet_cells_reader(&name) {
        Ok(cells) => cells,
        Err(e) => {
            let _ = start_tx.send(Err(describe(&e)));
            return;
        }
    };
    let declared_rows = u64::from(cells.dimensions().end.0) + 1;

    let mut builder = RowBuilder::default();
    let mut header_sent = false;
    let mut batch: Vec<SheetRow> = Vec::with_capacity(BATCH_ROWS);
    loop {
        let cell = match cells.next_cell() {
            Ok(cell) => cell,
            Err(e) => {
                if header_sent {
                    let _ = tx.send(Message::Rows(std::mem::take(&mut batch)));
                    let row = builder.row.map_or(1, |r| r as usize + 1);
                    let _ = tx.send(Message::Broken {
                        row,
                        detail: e.to_string(),
                    });
                } else {
                    let _ = start_tx.send(Err(describe(&e)));
                }
                return;
            }
        };
        let finished = match &cell {
            Some(cell) => {
                let (row, _) = cell.get_position();
                builder.row.is_some_and(|current| current != row)
            }
            None => builder.row.is_some(),
        };
        if finished && let Some(done) = builder.take() {
            if header_sent {
                batch.push(done);
                if batch.len() >= BATCH_ROWS
                    && tx
                        .send(Message::Rows(std::mem::replace(
                            &mut batch,
                            Vec::with_capacity(BATCH_ROWS),
                        )))
                        .is_err()
                {
                    return;
                }
            } else {
                let mut headers: Vec<String> = done
                    .cells
                    .iter()
                    .map(|h| clean_header(h).to_owned())
                    .collect();
                super::trim_trailing_empty(&mut headers);
                if start_tx
                    .send(Ok(Start {
                        headers,
                        declared_rows,
                    }))
                    .is_err()
                {
                    return;
                }
                header_sent = true;
            }
        }
        let Some(cell) = cell else { break };
        let (row, column) = cell.get_position();
        builder.add(
            row,
            column as usize,
            cell_text(cell.get_value()),
            header_sent,
        );
    }
    if header_sent {
        if !batch.is_empty() && tx.send(Message::Rows(batch)).is_err() {
            return;
        }
        let _ = tx.send(Message::End);
    } else {
        let _ = start_tx.send(Err(ReadError::NoHeader));
    }
}

/// Collects the cells of the current sheet row; empty cells never start a row.
#[derive(Default)]
struct RowBuilder {
    row: Option<u32>,
    cells: Vec<String>,
    problem: Option<(usize, String)>,
}

impl RowBuilder {
    fn add(
        &mut self,
        row: u32,
        column: usize,
        text: Result<String, super::xlsx_cell::CellProblem>,
        strict: bool,
    ) {
        if column >= MAX_COLUMNS {
            return;
        }
        let text = match text {
            Ok(text) if text.is_empty() => return,
            Ok(text) => text,
            // Header cells keep a display text; data cells report the problem.
            Err(problem) if strict => {
                self.problem.get_or_insert((column, problem.message));
                String::new()
            }
            Err(problem) => problem.fallback,
        };
        self.row = Some(row);
        while self.cells.len() < column {
            self.cells.push(String::new());
        }
        set_cell(&mut self.cells, column, &text);
    }

    /// The finished row, if it has any content.
    fn take(&mut self) -> Option<SheetRow> {
        let row = self.row.take()?;
        Some(SheetRow {
            row: row as usize + 1,
            cells: std::mem::take(&mut self.cells),
            problem: self.problem.take(),
        })
    }
}
