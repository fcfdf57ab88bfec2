//! The service-transaction import (`bangkom layanan import`), columns
//! `unit,layanan,tiket,mulai,selesai,nip_petugas,kanal` (the last two optional).

use std::collections::HashMap;

use bangkom_core::layanan::{Transaksi, TransaksiRef};
use bangkom_io::{ColumnSpec, TableReader, resolve_columns};

use super::ImportBatch;
use super::Peta;
use super::{ImportError, ImportOptions, ImportReport, RowError, cell, read_rows_parallel};
use crate::Db;
use crate::audit::Actor;
use crate::layanan::TransaksiValues;
use crate::layanan::impor::Tulis;
use crate::org::OrgIndex;

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

/// The `(unit, tiket)` keys seen so far in the file, with their first row: the tickets are kept
/// in one growing text (no allocation per row), looked up by hash.
#[derive(Default)]
struct Seen {
    by_hash: Peta<u64, usize>,
    /// `(unit, start, end, row)` of each key in `text`.
    keys: Vec<(i64, usize, usize, usize)>,
    text: String,
    /// Keys whose hash another key already has (rare): compared exactly.
    clashes: HashMap<(i64, String), usize>,
}

impl Seen {
    /// The first row with the key of `v`, or None after recording it for `row`.
    fn first_with_key(&mut self, v: &TransaksiValues, hash: u64, row: usize) -> Option<usize> {
        let tiket = v.t.tiket.as_str();
        match self.by_hash.get(&hash).and_then(|&i| self.keys.get(i)) {
            None => {
                let start = self.text.len();
                self.text.push_str(tiket);
                self.by_hash.insert(hash, self.keys.len());
                self.keys.push((v.unit_id, start, self.text.len(), row));
                None
            }
            Some(&(unit, a, b, first))
                if unit == v.unit_id && self.text.get(a..b) == Some(tiket) =>
            {
                Some(first)
            }
            // Two keys with one hash: the exact map decides.
            Some(_) => match self.clashes.get(&(v.unit_id, tiket.to_string())) {
                Some(first) => Some(*first),
                None => {
                    self.clashes.insert((v.unit_id, tiket.to_string()), row);
                    None
                }
            },
        }
    }
}

/// What the reading thread hands over.
struct Read {
    dibaca: usize,
    errors: Vec<RowError>,
    raw: HashMap<usize, Vec<String>>,
}

/// Rows sent to the writer at a time.
const SEND: usize = 8192;

/// Reads and checks every row (on every core), finds duplicates in file order, and sends the
/// valid rows to the writer as they come — until the first error of an all-or-nothing import
/// (after which nothing can be written, so nothing more is sent).
fn read_all(
    mut reader: TableReader,
    cols: &[Option<usize>],
    org: &OrgIndex,
    types: &[crate::layanan::JenisLayanan],
    opts: ImportOptions,
    out: &tokio::sync::mpsc::Sender<ImportBatch<TransaksiValues>>,
) -> Read {
    let types = crate::layanan::by_kode(types);
    let mut errors: Vec<RowError> = Vec::new();
    let mut seen = Seen::default();
    let mut raw: HashMap<usize, Vec<String>> = HashMap::new();
    let mut batch: Vec<(usize, TransaksiValues)> = Vec::with_capacity(SEND);
    let send = !opts.dry_run;
    // The reader's progress, as last reported (sent along with every part of the rows).
    let read = std::cell::Cell::new((0u64, 0u64));
    fn get<'c>(c: &'c [String], cols: &[Option<usize>], i: usize) -> &'c str {
        cell(c, cols.get(i).copied().flatten())
    }
    let check = |row: usize, cells: &[String]| {
        let input = TransaksiRef {
            unit: get(cells, cols, 0),
            layanan: get(cells, cols, 1),
            tiket: get(cells, cols, 2),
            mulai: get(cells, cols, 3),
            selesai: get(cells, cols, 4),
            nip_petugas: get(cells, cols, 5),
            kanal: get(cells, cols, 6),
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
    let dibaca = read_rows_parallel(
        &mut reader,
        &mut errors,
        check,
        |row, checked, cells, errors| {
            let before = errors.len();
            match checked {
                Checked::Invalid(e) => errors.extend(e),
                Checked::Valid(v, hash) => match seen.first_with_key(&v, hash, row) {
                    Some(first) => errors.push(RowError {
                        row,
                        column: "tiket".into(),
                        message: format!(
                            "tiket {} sudah ada di baris {first} berkas ini",
                            v.t.tiket
                        ),
                    }),
                    None if send && (opts.skip_invalid || errors.is_empty()) => {
                        batch.push((row, v));
                        if batch.len() >= SEND {
                            let full = std::mem::replace(&mut batch, Vec::with_capacity(SEND));
                            // A closed channel: the writer stopped (its error is reported).
                            let (done, total) = read.get();
                            let _ = out.blocking_send(ImportBatch::Rows {
                                rows: full,
                                done,
                                total,
                            });
                        }
                    }
                    None => {}
                },
            }
            if opts.skip_invalid && errors.len() > before {
                raw.insert(row, cells.to_vec());
            }
        },
        |d, t| {
            read.set((d, t));
            let _ = out.try_send(ImportBatch::Rows {
                rows: Vec::new(),
                done: d,
                total: t,
            });
        },
    );
    let ok = opts.skip_invalid || errors.is_empty();
    if send && ok && !batch.is_empty() {
        let (done, total) = read.get();
        let _ = out.blocking_send(ImportBatch::Rows {
            rows: batch,
            done,
            total,
        });
    }
    let _ = out.blocking_send(ImportBatch::End { commit: ok });
    Read {
        dibaca,
        errors,
        raw,
    }
}

/// Validates every transaction (unit and service type known, `selesai` not before `mulai`, no
/// ticket twice for a unit in the file or the database) and stores them in one transaction.
/// Rows are read and checked on a thread of their own (on every core), and written while the
/// rest of the file is still being read; an all-or-nothing import that meets an error rolls back.
pub async fn import_layanan(
    db: &Db,
    actor: &Actor,
    reader: TableReader,
    opts: ImportOptions,
    mut progress: impl FnMut(&str, u64, u64),
) -> Result<ImportReport, ImportError> {
    let cols = resolve_columns(reader.headers(), LAYANAN_COLUMNS)?;
    let org = db.org_index().await?;
    let types = db.jenis_layanan().await?;
    let mut report = ImportReport {
        headers: reader.headers().to_vec(),
        ..Default::default()
    };
    let t0 = std::time::Instant::now();
    let (tx, rx) = tokio::sync::mpsc::channel(4);
    let reading =
        tokio::task::spawn_blocking(move || read_all(reader, &cols, &org, &types, opts, &tx));
    let written = if opts.dry_run {
        let mut rx = rx;
        while let Some(p) = rx.recv().await {
            if let ImportBatch::Rows { done, total, .. } = p {
                progress("validasi", done, total);
            }
        }
        Tulis::Batal(Vec::new())
    } else {
        db.transaksi_alir(actor, rx, |d, t| progress("validasi", d, t))
            .await?
    };
    let Read {
        dibaca,
        mut errors,
        mut raw,
    } = reading
        .await
        .unwrap_or_else(|e| std::panic::resume_unwind(e.into_panic()));
    report.dibaca = dibaca;
    tracing::debug!(
        ms = t0.elapsed().as_millis(),
        rows = dibaca,
        "impor layanan: baca + tulis"
    );
    let refuse = !errors.is_empty() && !opts.skip_invalid;
    match written {
        Tulis::Selesai(n) if !refuse => {
            report.baru = n;
            report.diimpor = n;
            report.ditulis = true;
        }
        Tulis::Selesai(_) => {}
        // Rolled back: a stored ticket (or an error of an all-or-nothing import) was met.
        Tulis::Batal(mut valid) => {
            if !(opts.dry_run || refuse || valid.is_empty()) {
                let mut outcome = db.transaksi_insert(actor, &valid).await?;
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
        }
    }
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
        let mut seen = Seen::default();
        let rows = [
            (2, values(1, "A")),
            (3, values(1, "B")),
            (4, values(2, "A")),
            (5, values(1, "B")),
            (6, values(1, "A")),
        ];
        let firsts: Vec<Option<usize>> = rows
            .iter()
            .map(|(row, v)| seen.first_with_key(v, 7, *row))
            .collect();
        assert_eq!(firsts, vec![None, None, None, Some(3), Some(2)]);
        let mut seen = Seen::default();
        let firsts: Vec<Option<usize>> = rows
            .iter()
            .map(|(row, v)| seen.first_with_key(v, key_hash(v.unit_id, &v.t.tiket), *row))
            .collect();
        assert_eq!(firsts, vec![None, None, None, Some(3), Some(2)]);
        assert_ne!(key_hash(1, "A"), key_hash(2, "A"));
        assert_ne!(key_hash(1, "A"), key_hash(1, "B"));
    }
}
