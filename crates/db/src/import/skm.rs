//! The paper-questionnaire import (`bangkom skm import`), columns
//! `tanggal,unit,layanan,jenis_kelamin,umur,pendidikan,pekerjaan,` the nine unsur`,saran`.
//! Questionnaires have no natural key: importing the same file twice stores it twice.

use bangkom_core::skm::{Kuesioner, KuesionerInput};
use bangkom_io::{ColumnSpec, TableReader, resolve_columns};

use super::{ImportError, ImportOptions, ImportReport, RowError, cell, read_rows};
use crate::Db;
use crate::audit::Actor;
use crate::skm::ResponsValues;

/// The columns (answers 1..4 or empty = not answered).
pub const SKM_COLUMNS: &[ColumnSpec] = &[
    ColumnSpec {
        name: "tanggal",
        aliases: &["tgl", "tanggal_survei"],
        required: true,
    },
    ColumnSpec {
        name: "unit",
        aliases: &["kode_unit", "unit_layanan"],
        required: true,
    },
    ColumnSpec {
        name: "layanan",
        aliases: &["jenis_layanan"],
        required: true,
    },
    ColumnSpec {
        name: "jenis_kelamin",
        aliases: &["jk"],
        required: true,
    },
    ColumnSpec {
        name: "umur",
        aliases: &["usia"],
        required: true,
    },
    ColumnSpec {
        name: "pendidikan",
        aliases: &[],
        required: true,
    },
    ColumnSpec {
        name: "pekerjaan",
        aliases: &[],
        required: true,
    },
    ColumnSpec {
        name: "persyaratan",
        aliases: &["u1"],
        required: true,
    },
    ColumnSpec {
        name: "prosedur",
        aliases: &["u2"],
        required: true,
    },
    ColumnSpec {
        name: "waktu",
        aliases: &["u3"],
        required: true,
    },
    ColumnSpec {
        name: "biaya",
        aliases: &["u4"],
        required: true,
    },
    ColumnSpec {
        name: "produk",
        aliases: &["u5"],
        required: true,
    },
    ColumnSpec {
        name: "kompetensi",
        aliases: &["u6"],
        required: true,
    },
    ColumnSpec {
        name: "perilaku",
        aliases: &["u7"],
        required: true,
    },
    ColumnSpec {
        name: "pengaduan",
        aliases: &[],
        required: true,
    },
    ColumnSpec {
        name: "sarana",
        aliases: &[],
        required: true,
    },
    ColumnSpec {
        name: "saran",
        aliases: &["komentar", "saran_masukan"],
        required: true,
    },
];

/// Validates every questionnaire (dates not in the future relative to `today`), then stores the
/// valid ones in one transaction (all or nothing unless `skip_invalid`).
pub async fn import_skm(
    db: &Db,
    actor: &Actor,
    mut reader: TableReader,
    opts: ImportOptions,
    today: time::Date,
    mut progress: impl FnMut(&str, u64, u64),
) -> Result<ImportReport, ImportError> {
    let cols = resolve_columns(reader.headers(), SKM_COLUMNS)?;
    let org = db.org_index().await?;
    let mut report = ImportReport {
        headers: reader.headers().to_vec(),
        ..Default::default()
    };
    let mut errors: Vec<RowError> = Vec::new();
    let mut valid: Vec<ResponsValues> = Vec::new();
    let mut raw: std::collections::HashMap<usize, Vec<String>> = std::collections::HashMap::new();
    let get = |c: &[String], i: usize| cell(c, cols.get(i).copied().flatten()).to_string();
    report.dibaca = read_rows(
        &mut reader,
        &mut errors,
        |row, cells, errors| {
            let input = KuesionerInput {
                tanggal: get(cells, 0),
                unit: get(cells, 1),
                layanan: get(cells, 2),
                jenis_kelamin: get(cells, 3),
                umur: get(cells, 4),
                pendidikan: get(cells, 5),
                pekerjaan: get(cells, 6),
                jawaban: std::array::from_fn(|i| get(cells, 7 + i)),
                saran: get(cells, 16),
            };
            let before = errors.len();
            match Kuesioner::validate(&input, today) {
                Err(v) => errors.extend(v.0.into_iter().map(|f| RowError {
                    row,
                    column: f.field,
                    message: f.message,
                })),
                Ok(k) => match ResponsValues::resolve(k, &org) {
                    Ok(v) => valid.push(v),
                    Err(m) => errors.push(RowError {
                        row,
                        column: "unit".into(),
                        message: m,
                    }),
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
        let n = db.skm_insert(actor, &valid, "impor").await?;
        report.baru = n;
        report.diimpor = n;
        report.ditulis = true;
    }
    report.close(errors, &mut raw);
    Ok(report)
}
