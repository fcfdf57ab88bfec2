//! The service-transaction import (`bangkom layanan import`), columns
//! `unit,layanan,tiket,mulai,selesai,nip_petugas,kanal` (the last two optional).

use std::collections::HashMap;

use bangkom_core::layanan::{Transaksi, TransaksiInput};
use bangkom_io::{ColumnSpec, TableReader, resolve_columns};

use super::{ImportError, ImportOptions, ImportReport, RowError, cell, read_rows};
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

/// Validates every transaction (unit and service type known, `selesai` not before `mulai`, no
/// ticket twice for a unit in the file or the database), then stores them in one transaction.
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
    let mut seen: HashMap<(i64, String), usize> = HashMap::new();
    let mut raw: HashMap<usize, Vec<String>> = HashMap::new();
    let get = |c: &[String], i: usize| cell(c, cols.get(i).copied().flatten()).to_string();
    report.dibaca = read_rows(
        &mut reader,
        &mut errors,
        |row, cells, errors| {
            let input = TransaksiInput {
                unit: get(cells, 0),
                layanan: get(cells, 1),
                tiket: get(cells, 2),
                mulai: get(cells, 3),
                selesai: get(cells, 4),
                nip_petugas: get(cells, 5),
                kanal: get(cells, 6),
            };
            let before = errors.len();
            let push = |errors: &mut Vec<RowError>, column: &str, message: String| {
                errors.push(RowError {
                    row,
                    column: column.into(),
                    message,
                });
            };
            match Transaksi::validate(&input) {
                Err(v) => errors.extend(v.0.into_iter().map(|f| RowError {
                    row,
                    column: f.field,
                    message: f.message,
                })),
                Ok(t) => match org.by_kode(t.unit.as_str()) {
                    None => push(
                        errors,
                        "unit",
                        format!("kode unit {} tidak terdaftar", t.unit),
                    ),
                    Some(_) if !types.contains_key(t.layanan.as_str()) => {
                        push(
                            errors,
                            "layanan",
                            format!("jenis layanan '{}' tidak dikenal", t.layanan),
                        );
                    }
                    Some(u) => match seen.get(&(u.org_id, t.tiket.clone())) {
                        Some(first) => push(
                            errors,
                            "tiket",
                            format!("tiket {} sudah ada di baris {first} berkas ini", t.tiket),
                        ),
                        None => {
                            seen.insert((u.org_id, t.tiket.clone()), row);
                            valid.push((
                                row,
                                TransaksiValues {
                                    unit_id: u.org_id,
                                    t,
                                },
                            ));
                        }
                    },
                },
            }
            if opts.skip_invalid && errors.len() > before {
                raw.insert(row, cells.to_vec());
            }
        },
        |d, t| progress("validasi", d, t),
    );
    let refuse = !errors.is_empty() && !opts.skip_invalid;
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
    report.close(errors, &mut raw);
    Ok(report)
}
