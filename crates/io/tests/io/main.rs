//! Integration tests of bangkom-io, built as one binary. Fixtures are made in code: CSV bytes by
//! hand, XLSX with rust_xlsxwriter.

mod columns;
mod csv;
mod support;
mod writer;
mod xlsx;
