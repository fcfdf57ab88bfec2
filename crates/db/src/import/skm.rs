//! The paper-questionnaire import (`bangkom skm import`), columns
//! `tanggal,unit,layanan,jenis_kelamin,umur,pendidikan,pekerjaan,` the nine unsur`,saran`.
//! Questionnaires have no natural key: importing the same file twice stores it twice.

use std::collections::HashMap;
use std::time::Instant;

use bangkom_core::skm::{Kuesioner, KuesionerCells};
use bangkom_io::{ColumnSpec, TableReader, resolve_columns};

use super::{ImportError, ImportOptions, ImportReport, RowError, cell, read_chunks};
use crate::Db;
use crate::audit::Actor;
use crate::org::OrgIndex;
use crate::skm::ResponsValues;
use crate::skm_impor::{LiteTulis, SkmTulis};

/// The writer of an import: the pool's transaction, or a direct connection on a SQLite file.
enum Penulis {
    Pool(Box<SkmTulis>),
    Lite(LiteTulis),
}

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

/// Rows per chunk: a quarter of the other imports' [`super::CHUNK`]. A chunk's cells (17 per
/// row) are written by the reading thread and read by the validating threads right after; at
/// 2,048 rows they are still in the processor's cache, at 8,192 they were not: on this 2-core
/// machine, read and validation of the bench's 1,000,000-row file took 1.5–1.6 s of processor
/// time against 1.9–2.5 s (runs interleaved; `skm import --dry-run`).
const CHUNK: usize = 2048;

/// One chunk of validated rows, handed from the reading thread to the writer.
struct Potongan {
    /// Data rows of the chunk.
    rows: usize,
    valid: Vec<ResponsValues>,
    errors: Vec<RowError>,
    raw: Vec<(usize, Vec<String>)>,
    read: u64,
    total: u64,
}

/// The cell of contract column `i` (empty when the file lacks it), borrowed.
fn get<'c>(c: &'c [String], cols: &[Option<usize>], i: usize) -> &'c str {
    cell(c, cols.get(i).copied().flatten())
}

/// Reads and validates every row (in parallel, one chunk at a time), sending each chunk's valid
/// rows, errors and (with `keep_raw`) the rejected rows' cells; returns the rows read and the
/// reader's own errors (broken quoting, cells beyond the header, …).
fn baca(
    mut reader: TableReader,
    cols: &[Option<usize>],
    org: &OrgIndex,
    today: time::Date,
    keep_raw: bool,
    send: &tokio::sync::mpsc::Sender<Potongan>,
) -> (usize, Vec<RowError>, f64) {
    let t = std::time::Instant::now();
    let mut reader_errors = Vec::new();
    let next = || Potongan {
        rows: 0,
        valid: Vec::with_capacity(CHUNK),
        errors: Vec::new(),
        raw: Vec::new(),
        read: 0,
        total: 0,
    };
    let cur = std::cell::RefCell::new(next());
    let mut waited = std::time::Duration::ZERO;
    let mut rejected = 0usize;
    let n = read_chunks(
        &mut reader,
        &mut reader_errors,
        CHUNK,
        |row, cells| {
            let input = KuesionerCells {
                tanggal: get(cells, cols, 0),
                unit: get(cells, cols, 1),
                layanan: get(cells, cols, 2),
                jenis_kelamin: get(cells, cols, 3),
                umur: get(cells, cols, 4),
                pendidikan: get(cells, cols, 5),
                pekerjaan: get(cells, cols, 6),
                jawaban: std::array::from_fn(|i| get(cells, cols, 7 + i)),
                saran: get(cells, cols, 16),
            };
            match Kuesioner::validate_cells(&input, today) {
                Err(v) => Err(v
                    .0
                    .into_iter()
                    .map(|f| RowError {
                        row,
                        column: f.field,
                        message: f.message,
                    })
                    .collect::<Vec<_>>()),
                Ok(k) => ResponsValues::resolve(k, org).map_err(|m| {
                    vec![RowError {
                        row,
                        column: "unit".into(),
                        message: m,
                    }]
                }),
            }
        },
        |row, checked, cells, _| {
            let mut c = cur.borrow_mut();
            c.rows += 1;
            match checked {
                Ok(v) => c.valid.push(v),
                Err(e) => {
                    c.errors.extend(e);
                    if keep_raw {
                        c.raw.push((row, cells.to_vec()));
                    }
                }
            }
        },
        |read, total| {
            let mut p = cur.replace(next());
            p.read = read;
            p.total = total;
            rejected += p.errors.len();
            let w = std::time::Instant::now();
            // A closed channel means the writer stopped (a database error): stop reading. So does
            // a file that is mostly errors (the same bound as every import).
            let open = send.blocking_send(p).is_ok();
            waited += w.elapsed();
            open && rejected <= 100_000
        },
    );
    (n, reader_errors, (t.elapsed() - waited).as_secs_f64())
}

/// Validates every questionnaire (dates not in the future relative to `today`) and stores the
/// valid ones in one transaction, streaming: chunk k is written while chunk k+1 is read and
/// validated. All or nothing unless `skip_invalid`: at the first invalid row writing stops and the
/// transaction is rolled back, while reading goes on to report every error.
pub async fn import_skm(
    db: &Db,
    actor: &Actor,
    reader: TableReader,
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
    let skip = opts.skip_invalid;
    // Two chunks in flight at most: memory stays bounded whatever the file's size.
    let (send, mut recv) = tokio::sync::mpsc::channel::<Potongan>(2);
    let reading =
        tokio::task::spawn_blocking(move || baca(reader, &cols, &org, today, skip, &send));
    let mut errors: Vec<RowError> = Vec::new();
    let mut raw: HashMap<usize, Vec<String>> = HashMap::new();
    let mut writer: Option<Penulis> = None;
    let mut refused = false;
    let mut t_tulis = 0.0;
    let mut rows = 0usize;
    while let Some(p) = recv.recv().await {
        rows += p.rows;
        progress("validasi", p.read, p.total);
        if !p.errors.is_empty() && !skip {
            // The import will be refused: roll back what was written, keep reading for errors.
            refused = true;
            if let Some(Penulis::Lite(w)) = writer.take() {
                w.batal().await?;
            }
        }
        errors.extend(p.errors);
        raw.extend(p.raw);
        if opts.dry_run || refused || p.valid.is_empty() {
            continue;
        }
        let t = Instant::now();
        let w = match &mut writer {
            Some(w) => w,
            None => {
                // The whole file's rows, estimated from the share read so far (bytes of a CSV,
                // rows of an XLSX sheet).
                let perkiraan = (rows as f64 * p.total as f64 / p.read.max(1) as f64) as usize;
                writer.insert(match db.sqlite_file() {
                    Some(path) => Penulis::Lite(LiteTulis::mulai(
                        db,
                        path.to_path_buf(),
                        actor,
                        "impor",
                        perkiraan,
                    )),
                    None => Penulis::Pool(Box::new(db.skm_tulis_mulai("impor", perkiraan).await?)),
                })
            }
        };
        match w {
            Penulis::Pool(w) => {
                w.tulis(&p.valid).await?;
                t_tulis += t.elapsed().as_secs_f64();
            }
            // The writer's own time is reported when it ends.
            Penulis::Lite(w) => w.tulis(p.valid).await?,
        }
    }
    let (dibaca, reader_errors, t_baca) = reading
        .await
        .unwrap_or_else(|e| std::panic::resume_unwind(e.into_panic()));
    report.dibaca = dibaca;
    errors.extend(reader_errors);
    report.fase.push(("baca+validasi", t_baca));
    match writer {
        Some(w) if errors.is_empty() || skip => {
            let (n, fase) = match w {
                Penulis::Pool(w) => {
                    report.fase.push(("tulis baris", t_tulis));
                    w.selesai_terukur(actor, &mut progress).await?
                }
                Penulis::Lite(w) => {
                    progress("agregat", 0, 1);
                    let h = w.selesai().await?;
                    report.fase.push(("tulis baris", h.t_tulis));
                    (h.ditulis, h.fase)
                }
            };
            report.fase.extend(fase);
            report.baru = n;
            report.diimpor = n;
            report.ditulis = true;
        }
        Some(Penulis::Lite(w)) => w.batal().await?,
        _ => report.fase.push(("tulis baris", t_tulis)),
    }
    report.close(errors, &mut raw);
    Ok(report)
}
