//! File-format detection: decides whether an upload is CSV or XLSX, by content first and by
//! file-name extension second.

/// The table formats Bangkom reads and writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Format {
    /// Delimited text (comma, semicolon or tab), UTF-8 or UTF-16 with a byte-order mark.
    Csv,
    /// Office Open XML workbook (Excel 2007 and later).
    Xlsx,
}

/// Local-file header of a ZIP archive; every XLSX starts with it.
pub(crate) const ZIP_MAGIC: &[u8] = b"PK\x03\x04";
/// OLE2 compound file: Excel 97–2003 `.xls`, and also password-protected `.xlsx`.
pub(crate) const OLE_MAGIC: &[u8] = b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1";
/// UTF-8 byte-order mark.
pub(crate) const UTF8_BOM: &[u8] = b"\xEF\xBB\xBF";
/// UTF-16 little-endian byte-order mark.
pub(crate) const UTF16LE_BOM: &[u8] = b"\xFF\xFE";
/// UTF-16 big-endian byte-order mark.
pub(crate) const UTF16BE_BOM: &[u8] = b"\xFE\xFF";

impl Format {
    /// Detects the format from the first bytes of the file (a ZIP header means XLSX, a text
    /// byte-order mark means CSV) and, failing that, from the extension of `file_name`
    /// (`csv`, `txt`, `tsv` → CSV; `xlsx`, `xlsm` → XLSX). Returns `None` when neither decides,
    /// including for legacy `.xls` files.
    pub fn detect(file_name: &str, first_bytes: &[u8]) -> Option<Format> {
        if first_bytes.starts_with(ZIP_MAGIC) {
            return Some(Format::Xlsx);
        }
        if first_bytes.starts_with(OLE_MAGIC) {
            return None;
        }
        if first_bytes.starts_with(UTF8_BOM)
            || first_bytes.starts_with(UTF16LE_BOM)
            || first_bytes.starts_with(UTF16BE_BOM)
        {
            return Some(Format::Csv);
        }
        match extension(file_name).as_deref() {
            Some("csv" | "txt" | "tsv") => Some(Format::Csv),
            Some("xlsx" | "xlsm") => Some(Format::Xlsx),
            _ => None,
        }
    }

    /// The usual file extension, without the dot.
    pub fn extension(self) -> &'static str {
        match self {
            Format::Csv => "csv",
            Format::Xlsx => "xlsx",
        }
    }

    /// The MIME type to send with a download of this format.
    pub fn content_type(self) -> &'static str {
        match self {
            Format::Csv => "text/csv; charset=utf-8",
            Format::Xlsx => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        }
    }
}

/// Lower-cased extension of a file name (`"Data.XLSX"` → `"xlsx"`), if it has one.
pub(crate) fn extension(file_name: &str) -> Option<String> {
    let base = file_name.rsplit(['/', '\\']).next().unwrap_or(file_name);
    base.rsplit_once('.')
        .map(|(_, ext)| ext.trim().to_ascii_lowercase())
        .filter(|ext| !ext.is_empty())
}

/// True when the start of the content looks like an HTML page (some web applications export
/// HTML tables with an `.xls` name).
pub(crate) fn looks_like_html(first_bytes: &[u8]) -> bool {
    let start = first_bytes.strip_prefix(UTF8_BOM).unwrap_or(first_bytes);
    let start = start.trim_ascii_start();
    let head = &start[..start.len().min(512)];
    let lower = head.to_ascii_lowercase();
    lower.starts_with(b"<")
        && [&b"<html"[..], b"<table", b"<!doctype html"]
            .iter()
            .any(|tag| lower.windows(tag.len()).any(|w| w == *tag))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn magic_beats_extension() {
        assert_eq!(
            Format::detect("data.csv", b"PK\x03\x04rest"),
            Some(Format::Xlsx)
        );
        assert_eq!(
            Format::detect("data.xlsx", b"\xEF\xBB\xBFnip"),
            Some(Format::Csv)
        );
        assert_eq!(Format::detect("data.xlsx", OLE_MAGIC), None);
    }

    #[test]
    fn extension_decides_without_magic() {
        assert_eq!(
            Format::detect("C:\\x\\Pegawai.CSV", b"nip;nama"),
            Some(Format::Csv)
        );
        assert_eq!(Format::detect("rekap.xlsx", b"garbage"), Some(Format::Xlsx));
        assert_eq!(Format::detect("foto.jpg", b"\xFF\xD8\xFF"), None);
        assert_eq!(Format::detect("no_extension", b"nip,nama"), None);
    }

    #[test]
    fn html_is_recognised() {
        assert!(looks_like_html(b"  <html><body><table>"));
        assert!(looks_like_html(b"<!DOCTYPE html>\n<html>"));
        assert!(!looks_like_html(b"nip,nama\n<b>,x"));
    }
}
