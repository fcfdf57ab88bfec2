//! Error types of the table I/O layer: [`CellError`] locates a problem in one row or cell,
//! [`ReadError`] refuses a whole file, [`WriteError`] reports a failed export. All messages are in
//! Bahasa Indonesia because they are shown to the people who uploaded the file.

use std::fmt;

/// Where a problem is: 1-based row number as a spreadsheet shows it (header = row 1, first data
/// row = row 2), and the column name when known.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CellError {
    /// 1-based row number as a spreadsheet program shows it.
    pub row: usize,
    /// Header text of the column, or `None` when the problem concerns the whole row.
    pub column: Option<String>,
    /// What is wrong, in Bahasa Indonesia.
    pub message: String,
}

impl CellError {
    /// Builds a cell error.
    pub fn new(row: usize, column: Option<String>, message: impl Into<String>) -> Self {
        Self {
            row,
            column,
            message: message.into(),
        }
    }
}

impl fmt::Display for CellError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.column {
            Some(column) => write!(f, "baris {}, kolom {}: {}", self.row, column, self.message),
            None => write!(f, "baris {}: {}", self.row, self.message),
        }
    }
}

impl std::error::Error for CellError {}

/// A problem with the file as a whole: it cannot be read as a table at all, or its columns do not
/// match what the import needs.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum ReadError {
    /// The file has no bytes.
    #[error("file kosong")]
    Empty,
    /// The file has bytes, but every row is empty, so there is no header row.
    #[error("file tidak memiliki baris judul (semua baris kosong)")]
    NoHeader,
    /// Neither the content nor the extension says CSV or XLSX.
    #[error("format file '{file_name}' tidak dikenali — unggah file CSV atau XLSX")]
    UnknownFormat {
        /// The name the file was uploaded or opened with.
        file_name: String,
    },
    /// An Excel 97–2003 `.xls` file (OLE container).
    #[error("format .xls (Excel 97-2003) tidak didukung — buka di Excel lalu simpan sebagai .xlsx")]
    LegacyXls,
    /// An HTML page, as some web applications produce when they "export to Excel".
    #[error(
        "file ini sebenarnya halaman HTML (ekspor 'Excel' dari aplikasi web) — buka di Excel lalu simpan sebagai .xlsx"
    )]
    Html,
    /// A CSV candidate that contains binary bytes.
    #[error("file bukan teks CSV (berisi byte biner){hint}")]
    NotText {
        /// Extra advice (for example about UTF-16 without a byte-order mark), may be empty.
        hint: String,
    },
    /// The text cannot be decoded in its declared encoding.
    #[error("pengodean teks tidak valid: {0}")]
    Encoding(String),
    /// The XLSX container or its XML is broken.
    #[error("file XLSX tidak dapat dibaca: {0}")]
    Xlsx(String),
    /// An encrypted (password-protected) workbook.
    #[error("file dilindungi kata sandi — buka di Excel, hapus kata sandinya, lalu unggah ulang")]
    Encrypted,
    /// The workbook has no worksheet.
    #[error("file XLSX tidak memiliki lembar kerja (worksheet)")]
    NoSheet,
    /// The requested sheet does not exist.
    #[error("lembar kerja '{name}' tidak ditemukan (yang ada: {available})")]
    SheetNotFound {
        /// The requested sheet name.
        name: String,
        /// The sheet names present, comma-separated.
        available: String,
    },
    /// The file exceeds the configured size limit.
    #[error("ukuran file {size} byte melebihi batas {limit} byte")]
    TooLarge {
        /// Size of the file in bytes.
        size: u64,
        /// The configured limit in bytes.
        limit: u64,
    },
    /// The header row itself is broken (bad encoding, broken quotes).
    #[error("baris judul tidak valid — {0}")]
    Header(CellError),
    /// Required columns are missing; lists all of them at once.
    #[error("kolom wajib tidak ditemukan: {}. Judul kolom di file: {}", .missing.join(", "), .found.join(", "))]
    MissingColumns {
        /// Canonical names of every missing required column.
        missing: Vec<String>,
        /// The non-empty headers the file has, to help the user rename.
        found: Vec<String>,
    },
    /// Two headers of the file map to the same canonical column.
    #[error(
        "kolom '{column}' muncul lebih dari sekali: '{first}' (kolom ke-{first_position}) dan '{second}' (kolom ke-{second_position})"
    )]
    DuplicateColumn {
        /// Canonical column name.
        column: String,
        /// Header text of the first occurrence.
        first: String,
        /// 1-based position of the first occurrence.
        first_position: usize,
        /// Header text of the second occurrence.
        second: String,
        /// 1-based position of the second occurrence.
        second_position: usize,
    },
    /// An operating-system error while reading.
    #[error("gagal membaca file: {0}")]
    Io(#[from] std::io::Error),
}

/// An export could not be produced.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum WriteError {
    /// The XLSX library refused the content (for example a cell longer than 32,767 characters).
    #[error("gagal membuat file XLSX: {0}")]
    Xlsx(String),
    /// A data row does not have as many cells as there are headers.
    #[error("baris data ke-{row} berisi {found} sel, sedangkan judul memiliki {expected} kolom")]
    RowLength {
        /// 1-based index of the data row (first data row = 1).
        row: usize,
        /// Number of headers.
        expected: usize,
        /// Number of cells in the row.
        found: usize,
    },
    /// More rows than one worksheet can hold.
    #[error("terlalu banyak baris untuk satu lembar XLSX (maksimum {max} baris data)")]
    TooManyRows {
        /// Maximum number of data rows.
        max: usize,
    },
    /// More columns than one worksheet can hold.
    #[error("terlalu banyak kolom untuk satu lembar XLSX (maksimum {max} kolom)")]
    TooManyColumns {
        /// Maximum number of columns.
        max: usize,
    },
}
