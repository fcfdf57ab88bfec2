//! The XLSX export: one sheet, bold frozen header with an autofilter, every cell written as text
//! so identifiers such as NIP keep all their digits, and column widths fitted to the content.

use rust_xlsxwriter::{ColNum, Format, RowNum, Workbook};

use super::is_formula_like;
use crate::error::WriteError;

/// Data rows one worksheet can hold (1,048,576 rows minus the header).
const MAX_DATA_ROWS: usize = 1_048_575;
/// Columns one worksheet can hold.
const MAX_COLUMNS: usize = 16_384;
/// Column width bounds, in Excel character units.
const MIN_WIDTH: usize = 6;
const MAX_WIDTH: usize = 60;

/// Builds an XLSX file in memory: one sheet, bold header, frozen top row, autofilter, all cells
/// written as text strings (NIPs stay exact), column widths roughly fitted. Text that a
/// spreadsheet would run as a formula gets Excel's quote-prefix style (see the module docs of
/// the writer).
pub fn write_xlsx(
    headers: &[&str],
    rows: impl IntoIterator<Item = Vec<String>>,
) -> Result<Vec<u8>, WriteError> {
    if headers.len() > MAX_COLUMNS {
        return Err(WriteError::TooManyColumns { max: MAX_COLUMNS });
    }
    let xlsx = |e: rust_xlsxwriter::XlsxError| WriteError::Xlsx(e.to_string());
    let bold = Format::new().set_bold();
    let bold_quoted = Format::new().set_bold().set_quote_prefix();
    let quoted = Format::new().set_quote_prefix();

    let mut workbook = Workbook::new();
    let sheet = workbook.add_worksheet();
    let mut widths: Vec<usize> = headers.iter().map(|h| display_width(h)).collect();
    for (col, header) in (0..).zip(headers) {
        let format = if is_formula_like(header) {
            &bold_quoted
        } else {
            &bold
        };
        sheet
            .write_string_with_format(0, col, *header, format)
            .map_err(xlsx)?;
    }

    let mut last_row: RowNum = 0;
    for (index, cells) in rows.into_iter().enumerate() {
        if index >= MAX_DATA_ROWS {
            return Err(WriteError::TooManyRows { max: MAX_DATA_ROWS });
        }
        if cells.len() != headers.len() {
            return Err(WriteError::RowLength {
                row: index + 1,
                expected: headers.len(),
                found: cells.len(),
            });
        }
        let row = RowNum::try_from(index + 1)
            .map_err(|_| WriteError::TooManyRows { max: MAX_DATA_ROWS })?;
        for ((col, cell), width) in (0..).zip(&cells).zip(widths.iter_mut()) {
            if cell.is_empty() {
                continue;
            }
            if is_formula_like(cell) {
                sheet
                    .write_string_with_format(row, col, cell.as_str(), &quoted)
                    .map_err(xlsx)?;
            } else {
                sheet.write_string(row, col, cell.as_str()).map_err(xlsx)?;
            }
            *width = (*width).max(display_width(cell));
        }
        last_row = row;
    }

    if !headers.is_empty() {
        let last_col = ColNum::try_from(headers.len() - 1)
            .map_err(|_| WriteError::TooManyColumns { max: MAX_COLUMNS })?;
        sheet.set_freeze_panes(1, 0).map_err(xlsx)?;
        sheet.autofilter(0, 0, last_row, last_col).map_err(xlsx)?;
        for (col, width) in (0..).zip(&widths) {
            // Room for the autofilter button next to the header text.
            let fitted = (*width + 2).clamp(MIN_WIDTH, MAX_WIDTH);
            sheet.set_column_width(col, fitted as f64).map_err(xlsx)?;
        }
    }
    workbook.save_to_buffer().map_err(xlsx)
}

/// Width of the longest line of `text`, in characters.
fn display_width(text: &str) -> usize {
    text.lines()
        .map(|line| line.chars().count())
        .max()
        .unwrap_or(0)
}
