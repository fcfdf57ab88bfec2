//! File imports (CSV or XLSX): every row is validated with the same rules as the form and the API
//! (`bangkom_core`), errors name row, column and reason, and nothing is written unless every row
//! is valid — or, with `skip_invalid`, the valid rows are written and the rejected ones returned
//! with their reasons. Both pipelines are used by the CLI and the web upload alike.

mod cepat;
mod layanan;
mod org;
mod pegawai;
mod skm;

pub(crate) use cepat::Peta;
pub use layanan::{LAYANAN_COLUMNS, import_layanan};
pub use org::{ORG_COLUMNS, import_org};
pub use pegawai::{PEGAWAI_COLUMNS, import_pegawai};
pub use skm::{SKM_COLUMNS, import_skm};

use bangkom_io::{CellError, ReadError, TableReader};
use serde::Serialize;

use crate::DbError;

/// What the reading thread of a streamed import sends its writer: the valid rows of the next part
/// of the file as they are read, then the verdict. The writer keeps everything in one transaction
/// and commits only on `End { commit: true }`.
#[derive(Debug)]
pub enum ImportBatch<T> {
    /// The valid rows of the next part of the file (source row, values; possibly none), with the
    /// reader's progress (`done` of `total`: bytes of a CSV, rows of an XLSX).
    Rows {
        /// Source row number and values, in file order.
        rows: Vec<(usize, T)>,
        /// Progress so far.
        done: u64,
        /// Progress total.
        total: u64,
    },
    /// The whole file is read: commit when `commit` (no invalid row, or invalid rows skipped),
    /// otherwise roll everything back.
    End {
        /// The reader's verdict.
        commit: bool,
    },
}

/// One rejected cell or row.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RowError {
    /// Row as the spreadsheet shows it (header = 1).
    pub row: usize,
    /// Column name (canonical), or empty for the whole row.
    pub column: String,
    /// Why, in Bahasa Indonesia.
    pub message: String,
}

impl std::fmt::Display for RowError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if self.column.is_empty() {
            write!(f, "baris {}: {}", self.row, self.message)
        } else {
            write!(
                f,
                "baris {}, kolom {}: {}",
                self.row, self.column, self.message
            )
        }
    }
}

impl From<CellError> for RowError {
    fn from(e: CellError) -> Self {
        RowError {
            row: e.row,
            column: e.column.unwrap_or_default(),
            message: e.message,
        }
    }
}

/// How to import.
#[derive(Debug, Clone, Copy, Default)]
pub struct ImportOptions {
    /// Validate only; write nothing.
    pub dry_run: bool,
    /// Write the valid rows and return the rejected ones (default: all or nothing).
    pub skip_invalid: bool,
}

/// What an import did.
#[derive(Debug, Clone, Default, Serialize)]
pub struct ImportReport {
    /// Data rows read.
    pub dibaca: usize,
    /// Rows written (new + changed + unchanged), 0 when nothing was written.
    pub diimpor: usize,
    /// Rows rejected.
    pub ditolak: usize,
    /// New records.
    pub baru: usize,
    /// Changed records.
    pub diubah: usize,
    /// Records already stored as given.
    pub sama: usize,
    /// True when the database was changed (not a dry run, and not refused).
    pub ditulis: bool,
    /// Every error, in row order.
    pub errors: Vec<RowError>,
    /// The file's header.
    #[serde(skip)]
    pub headers: Vec<String>,
    /// Rejected rows as read (for the rejected-rows file), with their reasons.
    #[serde(skip)]
    pub rejected: Vec<(usize, Vec<String>, String)>,
    /// Seconds spent per phase, where a pipeline measures them (benchmarks, debug logs); phases
    /// that stream run at the same time, so they need not add up to the whole.
    #[serde(skip)]
    pub fase: Vec<(&'static str, f64)>,
}

impl ImportReport {
    /// Ends a pipeline: errors in row order, the number of rejected rows, and the rejected rows
    /// (raw cells when kept, for the rejected-rows file) with their reasons.
    pub(crate) fn close(
        &mut self,
        mut errors: Vec<RowError>,
        raw: &mut std::collections::HashMap<usize, Vec<String>>,
    ) {
        errors.sort_by_key(|e| e.row);
        self.ditolak = 0;
        for group in errors.chunk_by(|a, b| a.row == b.row) {
            let r = group.first().map_or(0, |e| e.row);
            let reasons: Vec<String> = group
                .iter()
                .map(|e| {
                    if e.column.is_empty() {
                        e.message.clone()
                    } else {
                        format!("{}: {}", e.column, e.message)
                    }
                })
                .collect();
            self.rejected
                .push((r, raw.remove(&r).unwrap_or_default(), reasons.join("; ")));
            self.ditolak += 1;
        }
        self.errors = errors;
    }

    /// The one-line summary every import ends with.
    pub fn summary(&self) -> String {
        format!(
            "baris dibaca: {}, diimpor: {}, ditolak: {} (baru {}, diubah {}, sama {}){}",
            self.dibaca,
            self.diimpor,
            self.ditolak,
            self.baru,
            self.diubah,
            self.sama,
            if self.ditulis {
                ""
            } else {
                " — database tidak diubah"
            }
        )
    }
}

/// Why an import stopped before looking at rows, or failed while writing.
#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    /// The file itself (format, encoding, missing columns).
    #[error(transparent)]
    Read(#[from] ReadError),
    /// The database.
    #[error(transparent)]
    Db(#[from] DbError),
}

/// Reads every row, calling `f(row_number, cells)`; reader errors become row errors. The same
/// loop as [`read_rows_parallel`], with nothing to check in parallel.
pub(crate) fn read_rows(
    reader: &mut TableReader,
    errors: &mut Vec<RowError>,
    mut f: impl FnMut(usize, &[String], &mut Vec<RowError>),
    progress: impl FnMut(u64, u64),
) -> usize {
    read_rows_parallel(
        reader,
        errors,
        |_, _| (),
        |row, (), cells, errors| f(row, cells, errors),
        progress,
    )
}

/// Rows per chunk of [`read_rows_parallel`].
pub(crate) const CHUNK: usize = 8192;

/// Like [`read_rows`], but the pure per-row work `check(row, cells)` runs on all cores, one chunk
/// of rows at a time, and `consume(row, checked, cells, errors)` then sees every row in file order
/// (so first-occurrence rules such as duplicate NIPs stay exact). Validation is most of the cost
/// of reading a large import.
pub(crate) fn read_rows_parallel<T: Send>(
    reader: &mut TableReader,
    errors: &mut Vec<RowError>,
    check: impl Fn(usize, &[String]) -> T + Sync,
    consume: impl FnMut(usize, T, &[String], &mut Vec<RowError>),
    mut progress: impl FnMut(u64, u64),
) -> usize {
    read_chunks(reader, errors, CHUNK, check, consume, |read, total| {
        progress(read, total);
        true
    })
}

/// [`read_rows_parallel`] in chunks of `chunk_rows` rows, where `end_of_chunk(read, total)` (called
/// after each chunk's rows were consumed) may stop the reading by returning false.
pub(crate) fn read_chunks<T: Send>(
    reader: &mut TableReader,
    errors: &mut Vec<RowError>,
    chunk_rows: usize,
    check: impl Fn(usize, &[String]) -> T + Sync,
    mut consume: impl FnMut(usize, T, &[String], &mut Vec<RowError>),
    mut end_of_chunk: impl FnMut(u64, u64) -> bool,
) -> usize {
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get().min(8));
    let mut n = 0usize;
    // The row buffers are kept from one chunk to the next: the reader refills each row's cells in
    // place, so reading a row allocates nothing once the first chunk is read.
    let chunk_rows = chunk_rows.max(1);
    let mut buffers: Vec<(usize, Vec<String>)> = Vec::with_capacity(chunk_rows);
    let mut done = false;
    while !done {
        let mut len = 0;
        while len < chunk_rows {
            if buffers.len() == len {
                buffers.push((0, Vec::new()));
            }
            let Some((at, buf)) = buffers.get_mut(len) else {
                break;
            };
            match reader.next_row(buf) {
                Ok(Some(row)) => {
                    n += 1;
                    *at = row;
                    len += 1;
                }
                Ok(None) => {
                    done = true;
                    break;
                }
                Err(e) => {
                    n += 1;
                    errors.push(e.into());
                    if errors.len() > 100_000 {
                        done = true;
                        break;
                    }
                }
            }
        }
        let chunk = buffers.get(..len).unwrap_or_default();
        let per = chunk.len().div_ceil(threads).max(1);
        let checked: Vec<T> = std::thread::scope(|s| {
            let handles: Vec<_> = chunk
                .chunks(per)
                .map(|part| {
                    let check = &check;
                    s.spawn(move || {
                        part.iter()
                            .map(|(row, cells)| check(*row, cells))
                            .collect::<Vec<T>>()
                    })
                })
                .collect();
            handles
                .into_iter()
                .flat_map(|h| h.join().unwrap_or_else(|p| std::panic::resume_unwind(p)))
                .collect()
        });
        for ((row, cells), t) in chunk.iter().zip(checked) {
            consume(*row, t, cells, errors);
        }
        let (total, read) = reader.progress();
        if !end_of_chunk(read, total) {
            break;
        }
    }
    n
}

/// The cell of a resolved optional column, or "".
pub(crate) fn cell(cells: &[String], idx: Option<usize>) -> &str {
    idx.and_then(|i| cells.get(i)).map_or("", String::as_str)
}
