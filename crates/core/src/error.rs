//! Field-level validation errors, shared by forms, the JSON API and file imports.
//!
//! A validator collects every problem it finds into [`ValidationErrors`] (one [`FieldError`] per
//! problem) instead of stopping at the first, so a form or an import row can show them all at once.
//! `field` is always the canonical input field name (for example `"nip"`), so the web layer can put
//! each message next to its input and an importer can name the column.

use std::fmt;

/// One problem with one input field. `message` is user-facing, in Bahasa Indonesia.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct FieldError {
    /// Canonical field or column name, e.g. `"nip"`, `"tanggal_lahir"`.
    pub field: String,
    /// Short, clear reason in Bahasa Indonesia.
    pub message: String,
}

impl FieldError {
    /// Builds a field error from a field name and a message.
    pub fn new(field: impl Into<String>, message: impl Into<String>) -> Self {
        Self {
            field: field.into(),
            message: message.into(),
        }
    }
}

impl fmt::Display for FieldError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.field, self.message)
    }
}

impl std::error::Error for FieldError {}

/// All the problems found while validating one record, in the order they were found.
#[derive(Debug, Clone, PartialEq, Eq, Default, serde::Serialize)]
#[serde(transparent)]
pub struct ValidationErrors(pub Vec<FieldError>);

impl ValidationErrors {
    /// An empty collection.
    pub fn new() -> Self {
        Self::default()
    }

    /// True when no error was recorded.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// Number of recorded errors.
    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// Records one more error.
    pub fn push(&mut self, f: FieldError) {
        self.0.push(f);
    }

    /// Records one more error from a field name and a message.
    pub fn add(&mut self, field: impl Into<String>, message: impl Into<String>) {
        self.push(FieldError::new(field, message));
    }

    /// A collection holding exactly one error.
    pub fn single(field: impl Into<String>, message: impl Into<String>) -> Self {
        Self(vec![FieldError::new(field, message)])
    }

    /// Iterates over the recorded errors.
    pub fn iter(&self) -> std::slice::Iter<'_, FieldError> {
        self.0.iter()
    }

    /// True when at least one error concerns `field`.
    pub fn has(&self, field: &str) -> bool {
        self.0.iter().any(|e| e.field == field)
    }

    /// The messages recorded for `field`, in order.
    pub fn messages_for<'a>(&'a self, field: &'a str) -> impl Iterator<Item = &'a str> + 'a {
        self.0
            .iter()
            .filter(move |e| e.field == field)
            .map(|e| e.message.as_str())
    }

    /// `Ok(value)` when nothing was recorded, otherwise `Err(self)`.
    pub fn into_result<T>(self, value: T) -> Result<T, ValidationErrors> {
        if self.is_empty() {
            Ok(value)
        } else {
            Err(self)
        }
    }
}

impl From<FieldError> for ValidationErrors {
    fn from(f: FieldError) -> Self {
        Self(vec![f])
    }
}

impl<'a> IntoIterator for &'a ValidationErrors {
    type Item = &'a FieldError;
    type IntoIter = std::slice::Iter<'a, FieldError>;
    fn into_iter(self) -> Self::IntoIter {
        self.0.iter()
    }
}

impl IntoIterator for ValidationErrors {
    type Item = FieldError;
    type IntoIter = std::vec::IntoIter<FieldError>;
    fn into_iter(self) -> Self::IntoIter {
        self.0.into_iter()
    }
}

impl fmt::Display for ValidationErrors {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, e) in self.0.iter().enumerate() {
            if i > 0 {
                f.write_str("; ")?;
            }
            write!(f, "{e}")?;
        }
        Ok(())
    }
}

impl std::error::Error for ValidationErrors {}

/// `s.trim()`, answered without decoding when both ends are visible ASCII characters (never
/// whitespace), as most cells of an import are: the general trim cost a fifth of validating a
/// 1,000,000-row SKM file.
pub fn trim(s: &str) -> &str {
    match (s.as_bytes().first(), s.as_bytes().last()) {
        (Some(&a), Some(&z)) if (0x21..0x80).contains(&a) && (0x21..0x80).contains(&z) => s,
        _ => s.trim(),
    }
}

/// Cleans one free-text field: trims it, then checks it is present when `required`, at most
/// `max_chars` characters, and free of control characters (tab, newline, NUL...). Returns
/// `Ok(None)` for an empty optional field. HTML- or SQL-looking text is kept as-is: it is escaped
/// on output and bound as a parameter, never rejected.
pub fn clean_text(
    field: &str,
    label: &str,
    value: &str,
    required: bool,
    max_chars: usize,
) -> Result<Option<String>, FieldError> {
    let v = trim(value);
    if v.is_empty() {
        return if required {
            Err(FieldError::new(field, format!("{label} wajib diisi")))
        } else {
            Ok(None)
        };
    }
    if v.chars().any(char::is_control) {
        return Err(FieldError::new(
            field,
            format!("{label} tidak boleh berisi karakter kontrol (mis. tab atau baris baru)"),
        ));
    }
    let n = v.chars().count();
    if n > max_chars {
        return Err(FieldError::new(
            field,
            format!("{label} paling panjang {max_chars} karakter (ditemukan {n})"),
        ));
    }
    Ok(Some(v.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The fast path of [`trim`] gives what `str::trim` gives, Unicode whitespace included.
    #[test]
    fn trim_is_str_trim() {
        for s in [
            "",
            " ",
            "a",
            " a",
            "a ",
            "\tKTP-el\n",
            "3",
            "\u{a0}x",
            "x\u{a0}",
            "\u{2003}",
            "é",
            " é ",
            "é\u{3000}",
            "a b",
            "\u{7f}",
            "~!",
            "\u{85}y",
            "y\u{85}",
        ] {
            assert_eq!(trim(s), s.trim(), "{s:?}");
        }
    }

    #[test]
    fn display_joins_field_and_message() {
        let mut errs = ValidationErrors::single("nip", "NIP wajib diisi");
        errs.push(FieldError::new("nama", "nama wajib diisi"));
        assert_eq!(
            errs.to_string(),
            "nip: NIP wajib diisi; nama: nama wajib diisi"
        );
        assert_eq!(errs.len(), 2);
        assert!(errs.has("nama"));
        assert!(!errs.has("unit"));
        assert_eq!(
            errs.messages_for("nip").collect::<Vec<_>>(),
            ["NIP wajib diisi"]
        );
    }

    #[test]
    fn into_result_depends_on_emptiness() {
        assert_eq!(ValidationErrors::new().into_result(5), Ok(5));
        let errs = ValidationErrors::single("x", "y");
        assert_eq!(errs.clone().into_result(5), Err(errs));
        assert_eq!(ValidationErrors::new().to_string(), "");
    }

    #[test]
    fn clean_text_rules() {
        assert_eq!(
            clean_text("nama", "nama", "  Budi  ", true, 10),
            Ok(Some("Budi".into()))
        );
        assert_eq!(clean_text("gelar", "gelar", "   ", false, 10), Ok(None));
        let e = clean_text("nama", "nama", "", true, 10).unwrap_err();
        assert_eq!(e, FieldError::new("nama", "nama wajib diisi"));
        let e = clean_text("nama", "nama", "Budi\nSantoso", true, 50).unwrap_err();
        assert!(e.message.contains("karakter kontrol"));
        let e = clean_text("nama", "nama", "Ñoño Ñoño!", true, 9).unwrap_err();
        assert!(
            e.message.contains("ditemukan 10"),
            "counts characters: {}",
            e.message
        );
        assert!(clean_text("nama", "nama", "Ñoño Ñoño", true, 9).is_ok());
        let html = "<script>alert('x')</script>; DROP TABLE pegawai;--";
        assert_eq!(clean_text("j", "j", html, true, 200), Ok(Some(html.into())));
    }

    #[test]
    fn from_field_error_and_iteration() {
        let errs: ValidationErrors = FieldError::new("unit", "kode tidak sah").into();
        let fields: Vec<&str> = errs.iter().map(|e| e.field.as_str()).collect();
        assert_eq!(fields, ["unit"]);
        assert_eq!(
            errs.into_iter().next().map(|e| e.message),
            Some("kode tidak sah".into())
        );
    }
}
