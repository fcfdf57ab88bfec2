//! The employee import (`bangkom pegawai import`, and the web upload).

use std::collections::HashMap;

use bangkom_core::pegawai::{Pegawai, PegawaiInput};
use bangkom_io::{ColumnSpec, TableReader, resolve_columns};

use super::{ImportError, ImportOptions, ImportReport, RowError, cell, read_rows_parallel};
use crate::Db;
use crate::audit::Actor;
use crate::pegawai::{PegawaiValues, Scope};

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

/// Validates every row, then (unless a dry run, or errors without `skip_invalid`) upserts the valid
/// rows by NIP in one transaction.
pub async fn import_pegawai(
    db: &Db,
    actor: &Actor,
    scope: &Scope,
    mut reader: TableReader,
    opts: ImportOptions,
    mut progress: impl FnMut(&str, u64, u64),
) -> Result<ImportReport, ImportError> {
    let cols = resolve_columns(reader.headers(), PEGAWAI_COLUMNS)?;
    let org = db.org_index().await?;
    let mut report = ImportReport {
        headers: reader.headers().to_vec(),
        ..Default::default()
    };
    let mut valid: Vec<(usize, PegawaiValues)> = Vec::new();
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
        let v = PegawaiValues::resolve(&p, &org).map_err(|f| vec![row_error(f)])?;
        if !scope.allows_opd(v.opd_id) {
            return Err(vec![RowError {
                row,
                column: "unit".into(),
                message: format!("unit {} di luar OPD Anda", input.unit),
            }]);
        }
        Ok(v)
    };
    report.dibaca = read_rows_parallel(
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
                        valid.push((row, v));
                    }
                },
            }
            if keep_raw && errors.len() > before {
                raw.insert(row, cells.to_vec());
            }
        },
        |done, total| progress("validasi", done, total),
    );
    finish(db, actor, scope, report, valid, errors, raw, opts, progress).await
}

#[allow(clippy::too_many_arguments)]
async fn finish(
    db: &Db,
    actor: &Actor,
    scope: &Scope,
    mut report: ImportReport,
    mut valid: Vec<(usize, PegawaiValues)>,
    mut errors: Vec<RowError>,
    mut raw: HashMap<usize, Vec<String>>,
    opts: ImportOptions,
    mut progress: impl FnMut(&str, u64, u64),
) -> Result<ImportReport, ImportError> {
    let refuse = !errors.is_empty() && !opts.skip_invalid;
    if !(opts.dry_run || refuse || valid.is_empty()) {
        let total = valid.len() as u64;
        let mut done = 0u64;
        let mut outcome = db
            .pegawai_import(actor, scope, &valid, |n| {
                done += n as u64;
                progress("simpan", done, total);
            })
            .await?;
        // Rows that only the database can refuse (a NIP held by another OPD): drop them and retry
        // when skipping invalid rows; otherwise report them and write nothing.
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
                outcome = db.pegawai_import(actor, scope, &valid, |_| {}).await?;
            }
        }
        if let Ok(c) = outcome {
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
