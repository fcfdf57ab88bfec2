//! Header resolution: maps the headers a file actually has ("NIP Baru", "nama_lengkap") to the
//! canonical columns an import expects, with aliases, and reports every missing column at once.

use crate::error::ReadError;

/// One column an import understands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ColumnSpec {
    /// Canonical name, also accepted as a header.
    pub name: &'static str,
    /// Other accepted header texts.
    pub aliases: &'static [&'static str],
    /// Whether the import fails when the column is absent.
    pub required: bool,
}

impl ColumnSpec {
    /// A required column.
    pub const fn required(name: &'static str, aliases: &'static [&'static str]) -> Self {
        Self {
            name,
            aliases,
            required: true,
        }
    }

    /// An optional column.
    pub const fn optional(name: &'static str, aliases: &'static [&'static str]) -> Self {
        Self {
            name,
            aliases,
            required: false,
        }
    }
}

/// Normalises a header for comparison: lower case, without whitespace, `_` and `-`
/// (`"Tanggal Lahir"`, `"tanggal_lahir"` and `"TANGGAL-LAHIR"` all become `"tanggallahir"`).
pub fn normalize_header(header: &str) -> String {
    header
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '_' && *c != '-' && *c != '\u{FEFF}')
        .flat_map(char::to_lowercase)
        .collect()
}

/// Resolve required and optional columns against the file's headers, with aliases
/// (case-insensitive, ignoring spaces, '_' and '-'). Returns, for each entry of `spec` in order,
/// the index of the file column that holds it, or an error listing ALL missing required columns.
/// A header that matches no spec entry is ignored; two headers that map to the same canonical
/// column are an error. When two spec entries claim the same alias, the first one wins.
pub fn resolve_columns(
    headers: &[String],
    spec: &[ColumnSpec],
) -> Result<Vec<Option<usize>>, ReadError> {
    let accepted: Vec<Vec<String>> = spec
        .iter()
        .map(|s| {
            std::iter::once(s.name)
                .chain(s.aliases.iter().copied())
                .map(normalize_header)
                .collect()
        })
        .collect();

    let mut found: Vec<Option<usize>> = vec![None; spec.len()];
    for (index, header) in headers.iter().enumerate() {
        let key = normalize_header(header);
        if key.is_empty() {
            continue;
        }
        let Some(spec_index) = accepted.iter().position(|names| names.contains(&key)) else {
            continue;
        };
        let (Some(slot), Some(column)) = (found.get_mut(spec_index), spec.get(spec_index)) else {
            continue;
        };
        if let Some(first) = *slot {
            return Err(ReadError::DuplicateColumn {
                column: column.name.to_owned(),
                first: headers.get(first).cloned().unwrap_or_default(),
                first_position: first + 1,
                second: header.clone(),
                second_position: index + 1,
            });
        }
        *slot = Some(index);
    }

    let missing: Vec<String> = spec
        .iter()
        .zip(&found)
        .filter(|(s, f)| s.required && f.is_none())
        .map(|(s, _)| s.name.to_owned())
        .collect();
    if !missing.is_empty() {
        return Err(ReadError::MissingColumns {
            missing,
            found: headers
                .iter()
                .filter(|h| !h.trim().is_empty())
                .cloned()
                .collect(),
        });
    }
    Ok(found)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalisation_ignores_case_spaces_and_separators() {
        assert_eq!(normalize_header(" Tanggal_Lahir-Baru "), "tanggallahirbaru");
        assert_eq!(normalize_header("\u{FEFF}NIP"), "nip");
    }
}
