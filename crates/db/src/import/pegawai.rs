//! The employee import (`bangkom pegawai import`, and the web upload).

use std::cell::{Cell, RefCell};
use std::collections::HashMap;

use bangkom_core::pegawai::{Pegawai, PegawaiInput};
use bangkom_io::{ColumnSpec, TableReader, resolve_columns};
use tokio::sync::mpsc::Sender;

use super::{ImportError, ImportOptions, ImportReport, RowError, cell, read_rows_parallel};
use crate::Db;
use crate::audit::Actor;
use crate::org::OrgIndex;
use crate::pegawai::{ImportBatch, PegawaiValues, Scope};

/// The columns: the contract names first, then the names SIASN and SIMPEG exports use.
pub const PEGAWAI_COLUMNS: &[ColumnSpec] = &[
    ColumnSpec {
        name: "nip",
        aliases: &["nip_baru", "nipbaru", "nip18", "ni_pppk"],
        required: true,
    },
    ColumnSpec {
        name: "nama",
        aliases: &["nama_pegawai", "nama_lengkap", "nama_asn"],
        required: true,
    },
    ColumnSpec {
        name: "jenis_kelamin",
        aliases: &["jk", "gender", "kelamin", "sex"],
        required: true,
    },
    ColumnSpec {
        name: "tanggal_lahir",
        aliases: &["tgl_lahir", "tanggallahir", "tgllhr"],
        required: true,
    },
    ColumnSpec {
        name: "jenis_asn",
        aliases: &["jenis_pegawai", "status_asn", "jenis_pegawai_nama"],
        required: true,
    },
    ColumnSpec {
        name: "golongan",
        aliases: &[
            "gol",
            "gol_ruang",
            "golongan_ruang",
            "gol_akhir",
            "golongan_nama",
        ],
        required: true,
    },
    ColumnSpec {
        name: "jenis_jabatan",
        aliases: &["jenis_jabatan_nama", "jenis_jab", "tipe_jabatan"],
        required: true,
    },
    ColumnSpec {
        name: "jabatan",
        aliases: &["jabatan_nama", "nama_jabatan", "jabatan_akhir"],
        required: true,
    },
    ColumnSpec {
        name: "unit",
        aliases: &[
            "kode_unit",
            "unor",
            "kode_unor",
            "unit_kerja_kode",
            "unor_kode",
        ],
        required: true,
    },
    ColumnSpec {
        name: "status",
        aliases: &["status_pegawai", "kedudukan_hukum"],
        required: false,
    },
    ColumnSpec {
        name: "jenjang",
        aliases: &["jenjang_jabatan", "jenjang_nama"],
        required: false,
    },
    ColumnSpec {
        name: "eselon",
        aliases: &["eselon_nama", "eselon_id"],
        required: false,
    },
    ColumnSpec {
        name: "tmt_jabatan",
        aliases: &["tmtjabatan", "tmt_jab"],
        required: false,
    },
    ColumnSpec {
        name: "gelar_depan",
        aliases: &["gelardepan"],
        required: false,
    },
    ColumnSpec {
        name: "gelar_belakang",
        aliases: &["gelarbelakang"],
        required: false,
    },
];

/// Validates every row and upserts the valid ones by NIP in one transaction (unless a dry run, or
/// errors without `skip_invalid`: then nothing is written). The file is read and validated on
/// other threads while the rows of the parts already read are written, so the two overlap.
pub async fn import_pegawai(
    db: &Db,
    actor: &Actor,
    scope: &Scope,
    reader: TableReader,
    opts: ImportOptions,
    mut progress: impl FnMut(&str, u64, u64),
) -> Result<ImportReport, ImportError> {
    let cols = resolve_columns(reader.headers(), PEGAWAI_COLUMNS)?;
    let org = db.org_index().await?;
    let mut report = ImportReport {
        headers: reader.headers().to_vec(),
        ..Default::default()
    };
    // Two parts in flight: the reader stays one part ahead of the writer.
    let (parts, rx) = tokio::sync::mpsc::channel::<ImportBatch<PegawaiValues>>(2);
    let reading = {
        let scope = scope.clone();
        tokio::task::spawn_blocking(move || validate(reader, &cols, &org, &scope, opts, &parts))
    };
    let written = if opts.dry_run {
        let mut rx = rx;
        while let Some(batch) = rx.recv().await {
            if let ImportBatch::Rows { done, total, .. } = batch {
                progress("validasi", done, total);
            }
        }
        None
    } else {
        Some(
            db.pegawai_import(actor, scope, rx, opts.skip_invalid, &mut progress)
                .await,
        )
    };
    let read = match reading.await {
        Ok(read) => read,
        Err(e) => std::panic::resume_unwind(e.into_panic()),
    };
    let mut errors = read.errors;
    let mut raw = read.raw;
    report.dibaca = read.dibaca;
    if let Some(written) = written {
        let written = written?;
        // Rows that only the database can refuse (a NIP held by another OPD).
        errors.extend(written.conflicts.iter().map(|c| RowError {
            row: c.row,
            column: c.error.field.clone(),
            message: c.error.message.clone(),
        }));
        if let Some(c) = written.counts {
            report.baru = c.baru;
            report.diubah = c.diubah;
            report.sama = c.sama;
            report.diimpor = c.baru + c.diubah + c.sama;
            report.ditulis = true;
        }
    }
    report.close(errors, &mut raw);
    Ok(report)
}

/// What the reader thread found.
struct Validated {
    dibaca: usize,
    errors: Vec<RowError>,
    raw: HashMap<usize, Vec<String>>,
}

/// Reads and validates every row (on the calling thread and, per part, on all cores), sending the
/// valid rows of each part to the writer, then the verdict. After the first invalid row of an
/// all-or-nothing import no more rows are sent (nothing will be committed), but every row is still
/// checked so that every error is reported.
fn validate(
    mut reader: TableReader,
    cols: &[Option<usize>],
    org: &OrgIndex,
    scope: &Scope,
    opts: ImportOptions,
    parts: &Sender<ImportBatch<PegawaiValues>>,
) -> Validated {
    let mut raw: HashMap<usize, Vec<String>> = HashMap::new();
    let mut seen: HashMap<String, usize> = HashMap::new();
    let mut errors: Vec<RowError> = Vec::new();
    let keep_raw = opts.skip_invalid;
    let get = |c: &[String], i: usize| cell(c, cols.get(i).copied().flatten()).to_string();
    // Validation and the unit lookup are pure: they run in parallel (`read_rows_parallel`); the
    // duplicate-NIP rule needs file order and runs after, row by row.
    let check = |row: usize, cells: &[String]| -> Result<PegawaiValues, Vec<RowError>> {
        let input = PegawaiInput {
            nip: get(cells, 0),
            nama: get(cells, 1),
            jenis_kelamin: get(cells, 2),
            tanggal_lahir: get(cells, 3),
            jenis_asn: get(cells, 4),
            golongan: get(cells, 5),
            jenis_jabatan: get(cells, 6),
            jabatan: get(cells, 7),
            unit: get(cells, 8),
            status: get(cells, 9),
            jenjang: get(cells, 10),
            eselon: get(cells, 11),
            tmt_jabatan: get(cells, 12),
            gelar_depan: get(cells, 13),
            gelar_belakang: get(cells, 14),
        };
        let row_error = |f: bangkom_core::error::FieldError| RowError {
            row,
            column: f.field,
            message: f.message,
        };
        let p = Pegawai::validate(&input)
            .map_err(|v| v.0.into_iter().map(row_error).collect::<Vec<_>>())?;
        let v = PegawaiValues::resolve(&p, org).map_err(|f| vec![row_error(f)])?;
        if !scope.allows_opd(v.opd_id) {
            return Err(vec![RowError {
                row,
                column: "unit".into(),
                message: format!("unit {} di luar OPD Anda", input.unit),
            }]);
        }
        Ok(v)
    };
    // The part being collected, and whether an invalid row has been seen (shared by the two
    // callbacks below, which run one after the other on this thread).
    let part: RefCell<Vec<(usize, PegawaiValues)>> = RefCell::new(Vec::new());
    let invalid = Cell::new(false);
    let mut valid = 0usize;
    let mut listening = true;
    let dibaca = read_rows_parallel(
        &mut reader,
        &mut errors,
        check,
        |row, checked, cells, errors| {
            let before = errors.len();
            match checked {
                Err(e) => errors.extend(e),
                Ok(v) => match seen.get(&v.nip) {
                    Some(first) => errors.push(RowError {
                        row,
                        column: "nip".into(),
                        message: format!("NIP {} sudah ada di baris {first} berkas ini", v.nip),
                    }),
                    None => {
                        seen.insert(v.nip.clone(), row);
                        valid += 1;
                        if !opts.dry_run && (opts.skip_invalid || !invalid.get()) {
                            part.borrow_mut().push((row, v));
                        }
                    }
                },
            }
            if errors.len() > before {
                invalid.set(true);
                if keep_raw {
                    raw.insert(row, cells.to_vec());
                }
            }
        },
        |done, total| {
            let mut rows = std::mem::take(&mut *part.borrow_mut());
            if !opts.skip_invalid && invalid.get() {
                rows.clear();
            }
            // A writer that has stopped (a database error) is reported by the caller.
            listening = listening
                && parts
                    .blocking_send(ImportBatch::Rows { rows, done, total })
                    .is_ok();
        },
    );
    let commit = !opts.dry_run && (errors.is_empty() || opts.skip_invalid) && valid > 0;
    if listening {
        // The writer may already be gone (a database error); the caller reports that.
        let _ = parts.blocking_send(ImportBatch::End { commit });
    }
    Validated {
        dibaca,
        errors,
        raw,
    }
}
