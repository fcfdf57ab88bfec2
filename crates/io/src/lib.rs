//! # bangkom-io: reading and writing CSV/XLSX tables
//!
//! Bangkom imports personnel lists, organisation trees, survey questionnaires and service
//! transactions from the spreadsheets agencies already have, and exports reports back to them.
//! This crate knows nothing of the domain: it turns files into rows of trimmed strings with
//! spreadsheet row numbers, and rows of strings into files.
//!
//! ## Layout
//! - [`format`](mod@format): [`Format`] detection (content first, extension second).
//! - [`reader`]: [`TableReader`], a streaming reader over CSV (UTF-8, UTF-16 with BOM; `,` `;`
//!   or tab) and XLSX (calamine), with [`ReadOptions`].
//! - [`columns`]: [`resolve_columns`] maps file headers to canonical columns with aliases.
//! - [`writer`]: [`write_csv`], [`CsvRowWriter`], [`write_xlsx`] and [`XlsxRowWriter`], safe
//!   against formula injection.
//! - [`error`]: [`CellError`] (one row/cell), [`ReadError`] (whole file), [`WriteError`].
//!
//! Error messages are in Bahasa Indonesia: they are shown to the people who uploaded the file.

pub mod columns;
pub mod error;
pub mod format;
pub mod reader;
pub mod writer;

pub use columns::{ColumnSpec, normalize_header, resolve_columns};
pub use error::{CellError, ReadError, WriteError};
pub use format::Format;
pub use reader::{ReadOptions, TableReader};
pub use writer::{
    CsvRowWriter, Sel, XlsxRowWriter, escape_formula, is_formula_like, write_csv, write_xlsx,
};
