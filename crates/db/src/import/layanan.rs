//! The service-transaction import (`bangkom layanan import`), columns
//! `unit,layanan,tiket,mulai,selesai,nip_petugas,kanal` (the last two optional).

use std::collections::HashMap;

use bangkom_core::layanan::{Transaksi, TransaksiRef};
use bangkom_io::{ColumnSpec, TableReader, resolve_columns};

use super::{ImportError, ImportOptions, ImportReport, RowError, cell, read_rows_parallel};
use crate::Db;
use crate::audit::Actor;
use crate::layanan::TransaksiValues;

/// The columns.
pub const LAYANAN_COLUMNS: &[ColumnSpec] = &[
    ColumnSpec {
        name: "unit",
        aliases: &["kode_unit"],
        required: true,
    },
    ColumnSpec {
        name: "layanan",
        aliases: &["jenis_layanan"],
        required: true,
    },
    ColumnSpec {
        name: "tiket",
        aliases: &["no_tiket", "nomor_antrian", "no_registrasi"],
        required: true,
    },
    ColumnSpec {
        name: "mulai",
        aliases: &["waktu_mulai"],
        required: true,
    },
    ColumnSpec {
        name: "selesai",
        aliases: &["waktu_selesai"],
        required: true,
    },
    ColumnSpec {
        name: "nip_petugas",
        aliases: &["petugas"],
        required: false,
    },
    ColumnSpec {
        name: "kanal",
        aliases: &["channel"],
        required: false,
    },
];

/// A row checked on a worker thread: its values and the hash of its `(unit, tiket)` key, or its
/// errors.
enum Checked {
    Valid(TransaksiValues, u64),
    Invalid(Vec<RowError>),
}

/// The `(unit, tiket)` key's hash (FNV-1a: short keys, computed on the worker threads; equal hashes
/// are confirmed by comparing the keys).
fn key_hash(unit_id: i64, tiket: &str) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in unit_id.to_le_bytes().iter().chain(tiket.as_bytes()) {
        h ^= u64::from(*b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    h
}

/// A hasher for keys that are hashes already.
#[derive(Default)]
struct Identity(u64);

impl std::hash::Hasher for Identity {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for b in bytes {
            self.0 = (self.0 << 8) | u64::from(*b);
        }
    }
    fn write_u64(&mut self, v: u64) {
        self.0 = v;
    }
}

type ByHash = HashMap<u64, usize, std::hash::BuildHasherDefault<Identity>>;

/// The first row of the file with the same `(unit, tiket)` as `v`, if any; records `v` (at index
/// `idx` of `valid`, file row `row`) otherwise.
fn first_with_key(
    seen: &mut ByHash,
    clashes: &mut HashMap<(i64, String), usize>,
    valid: &[(usize, TransaksiValues)],
    (v, hash, idx, row): (&TransaksiValues, u64, usize, usize),
) -> Option<usize> {
    let key = (v.unit_id, v.t.tiket.as_str());
    match seen.get(&hash).and_then(|&i| valid.get(i)) {
        None => {
            seen.insert(hash, idx);
            None
        }
        Some((first, w)) if (w.unit_id, w.t.tiket.as_str()) == key => Some(*first),
        // Two keys with one hash (rare): the exact map decides.
        Some(_) => match clashes.get(&(v.unit_id, v.t.tiket.clone())) {
            Some(first) => Some(*first),
            None => {
                clashes.insert((v.unit_id, v.t.tiket.clone()), row);
                None
            }
        },
    }
}

/// Validates every transaction (unit and service type known, `selesai` not before `mulai`, no
/// ticket twice for a unit in the file or the database), then stores them in one transaction.
/// Rows are checked on every core; duplicates are found in file order on the reading thread.
pub async fn import_layanan(
    db: &Db,
    actor: &Actor,
    mut reader: TableReader,
    opts: ImportOptions,
    mut progress: impl FnMut(&str, u64, u64),
) -> Result<ImportReport, ImportError> {
    let cols = resolve_columns(reader.headers(), LAYANAN_COLUMNS)?;
    let org = db.org_index().await?;
    let types = db.jenis_layanan().await?;
    let types = crate::layanan::by_kode(&types);
    let mut report = ImportReport {
        headers: reader.headers().to_vec(),
        ..Default::default()
    };
    let mut errors: Vec<RowError> = Vec::new();
    let mut valid: Vec<(usize, TransaksiValues)> = Vec::new();
    let mut seen = ByHash::default();
    let mut clashes: HashMap<(i64, String), usize> = HashMap::new();
    let mut raw: HashMap<usize, Vec<String>> = HashMap::new();
    fn get<'c>(c: &'c [String], cols: &[Option<usize>], i: usize) -> &'c str {
        cell(c, cols.get(i).copied().flatten())
    }
    let check = |row: usize, cells: &[String]| {
        let input = TransaksiRef {
            unit: get(cells, &cols, 0),
            layanan: get(cells, &cols, 1),
            tiket: get(cells, &cols, 2),
            mulai: get(cells, &cols, 3),
            selesai: get(cells, &cols, 4),
            nip_petugas: get(cells, &cols, 5),
            kanal: get(cells, &cols, 6),
        };
        let err = |column: &str, message: String| {
            Checked::Invalid(vec![RowError {
                row,
                column: column.into(),
                message,
            }])
        };
        match Transaksi::validate_ref(&input) {
            Err(v) => Checked::Invalid(
                v.0.into_iter()
                    .map(|f| RowError {
                        row,
                        column: f.field,
                        message: f.message,
                    })
                    .collect(),
            ),
            Ok(t) => match org.by_kode(t.unit.as_str()) {
                None => err("unit", format!("kode unit {} tidak terdaftar", t.unit)),
                Some(_) if !types.contains_key(t.layanan.as_str()) => err(
                    "layanan",
                    format!("jenis layanan '{}' tidak dikenal", t.layanan),
                ),
                Some(u) => {
                    let hash = key_hash(u.org_id, &t.tiket);
                    Checked::Valid(
                        TransaksiValues {
                            unit_id: u.org_id,
                            t,
                        },
                        hash,
                    )
                }
            },
        }
    };
    let t0 = std::time::Instant::now();
    report.dibaca = read_rows_parallel(
        &mut reader,
        &mut errors,
        check,
        |row, checked, cells, errors| {
            let before = errors.len();
            match checked {
                Checked::Invalid(e) => errors.extend(e),
                Checked::Valid(v, hash) => {
                    let idx = valid.len();
                    match first_with_key(&mut seen, &mut clashes, &valid, (&v, hash, idx, row)) {
                        Some(first) => errors.push(RowError {
                            row,
                            column: "tiket".into(),
                            message: format!(
                                "tiket {} sudah ada di baris {first} berkas ini",
                                v.t.tiket
                            ),
                        }),
                        None => valid.push((row, v)),
                    }
                }
            }
            if opts.skip_invalid && errors.len() > before {
                raw.insert(row, cells.to_vec());
            }
        },
        |d, t| progress("validasi", d, t),
    );
    drop(seen);
    tracing::debug!(
        ms = t0.elapsed().as_millis(),
        rows = report.dibaca,
        "impor layanan: baca + validasi"
    );
    let refuse = !errors.is_empty() && !opts.skip_invalid;
    if !(opts.dry_run || refuse || valid.is_empty()) {
        let t0 = std::time::Instant::now();
        let mut outcome = db.transaksi_insert(actor, &valid).await?;
        tracing::debug!(ms = t0.elapsed().as_millis(), "impor layanan: tulis");
        if let Err(conflicts) = &outcome {
            errors.extend(conflicts.iter().map(|c| RowError {
                row: c.row,
                column: c.error.field.clone(),
                message: c.error.message.clone(),
            }));
            if opts.skip_invalid {
                let bad: std::collections::HashSet<usize> =
                    conflicts.iter().map(|c| c.row).collect();
                valid.retain(|(r, _)| !bad.contains(r));
                outcome = db.transaksi_insert(actor, &valid).await?;
            }
        }
        if let Ok(n) = outcome {
            report.baru = n;
            report.diimpor = n;
            report.ditulis = true;
        }
    }
    // Ten million rows take a while to free: not on the caller's time.
    std::thread::spawn(move || drop(valid));
    report.close(errors, &mut raw);
    Ok(report)
}

#[cfg(test)]
mod tests {
    use super::*;
    use bangkom_core::layanan::{Transaksi, TransaksiInput};

    fn values(unit_id: i64, tiket: &str) -> TransaksiValues {
        let input = TransaksiInput {
            unit: "15.71".into(),
            layanan: "kk".into(),
            tiket: tiket.into(),
            mulai: "2025-03-04T09:00".into(),
            selesai: "2025-03-04T09:30".into(),
            ..Default::default()
        };
        TransaksiValues {
            t: Transaksi::validate(&input).expect("valid"),
            unit_id,
        }
    }

    /// Different keys with one hash are told apart, and a repeat of either is still found.
    #[test]
    fn equal_hashes_of_different_keys_are_not_duplicates() {
        let (mut seen, mut clashes) = (ByHash::default(), HashMap::new());
        let mut valid: Vec<(usize, TransaksiValues)> = Vec::new();
        let rows = [
            (2, values(1, "A")),
            (3, values(1, "B")),
            (4, values(2, "A")),
            (5, values(1, "B")),
            (6, values(1, "A")),
        ];
        let mut firsts = Vec::new();
        for (row, v) in rows {
            let idx = valid.len();
            let first = first_with_key(&mut seen, &mut clashes, &valid, (&v, 7, idx, row));
            firsts.push(first);
            if first.is_none() {
                valid.push((row, v));
            }
        }
        assert_eq!(firsts, vec![None, None, None, Some(3), Some(2)]);
        assert_ne!(key_hash(1, "A"), key_hash(2, "A"));
        assert_ne!(key_hash(1, "A"), key_hash(1, "B"));
    }
}
