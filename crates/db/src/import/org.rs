//! The organisation-tree import (`bangkom org import`, columns `kode,nama,jenis,induk[,layanan]`).

use std::collections::HashMap;

use bangkom_core::org::{JenisOrg, OrgInput, OrgKode, OrgNode};
use bangkom_io::{ColumnSpec, TableReader, resolve_columns};

use super::{ImportError, ImportOptions, ImportReport, RowError, cell, read_rows};
use crate::Db;
use crate::audit::Actor;

/// The columns of the tree file.
pub const ORG_COLUMNS: &[ColumnSpec] = &[
    ColumnSpec {
        name: "kode",
        aliases: &["kode_org", "kode_unit", "id"],
        required: true,
    },
    ColumnSpec {
        name: "nama",
        aliases: &["nama_unit", "nama_org"],
        required: true,
    },
    ColumnSpec {
        name: "jenis",
        aliases: &["tipe", "level"],
        required: true,
    },
    ColumnSpec {
        name: "induk",
        aliases: &["kode_induk", "parent", "induk_kode"],
        required: true,
    },
    ColumnSpec {
        name: "layanan",
        aliases: &["unit_layanan"],
        required: false,
    },
];

/// Validates the whole tree (each node, codes unique in the file, every parent in the database or
/// the file, of the right kind), then writes it in one transaction.
pub async fn import_org(
    db: &Db,
    actor: &Actor,
    mut reader: TableReader,
    opts: ImportOptions,
    mut progress: impl FnMut(&str, u64, u64),
) -> Result<ImportReport, ImportError> {
    let cols = resolve_columns(reader.headers(), ORG_COLUMNS)?;
    let mut report = ImportReport {
        headers: reader.headers().to_vec(),
        ..Default::default()
    };
    let mut errors: Vec<RowError> = Vec::new();
    let mut nodes: Vec<(usize, OrgNode)> = Vec::new();
    let get = |c: &[String], i: usize| cell(c, cols.get(i).copied().flatten()).to_string();
    report.dibaca = read_rows(
        &mut reader,
        &mut errors,
        |row, cells, errors| {
            let input = OrgInput {
                kode: get(cells, 0),
                nama: get(cells, 1),
                jenis: get(cells, 2),
                induk: get(cells, 3),
                layanan: get(cells, 4),
            };
            match OrgNode::validate(&input) {
                Ok(n) => nodes.push((row, n)),
                Err(v) => errors.extend(v.0.into_iter().map(|f| RowError {
                    row,
                    column: f.field,
                    message: f.message,
                })),
            }
        },
        |d, t| progress("validasi", d, t),
    );
    let index = db.org_index().await?;
    let mut in_file: HashMap<OrgKode, (usize, JenisOrg)> = HashMap::new();
    for (row, n) in &nodes {
        if let Some((first, _)) = in_file.get(&n.kode) {
            errors.push(RowError {
                row: *row,
                column: "kode".into(),
                message: format!("kode {} sudah ada di baris {first}", n.kode),
            });
        } else {
            in_file.insert(n.kode.clone(), (*row, n.jenis));
        }
    }
    let mut ok_nodes = Vec::new();
    for (row, n) in nodes {
        let parent = n.induk.as_ref().and_then(|k| {
            in_file.get(k).map(|(_, j)| (k, *j)).or_else(|| {
                index
                    .by_kode(k.as_str())
                    .and_then(|r| JenisOrg::parse(&r.jenis).ok())
                    .map(|j| (k, j))
            })
        });
        if let Err(f) = n.check_parent(parent) {
            errors.push(RowError {
                row,
                column: f.field,
                message: f.message,
            });
            continue;
        }
        if let Some(r) = index.by_kode(n.kode.as_str()) {
            let moved = r.jenis != n.jenis.code()
                || r.induk_id
                    .and_then(|i| index.get(i))
                    .map(|p| p.kode.as_str())
                    != n.induk.as_ref().map(OrgKode::as_str);
            if moved {
                errors.push(RowError {
                    row,
                    column: "induk".into(),
                    message: format!("kode {} sudah terdaftar dengan jenis/induk lain; memindahkan unit belum didukung", n.kode),
                });
                continue;
            }
        }
        ok_nodes.push((row, n));
    }
    // A node whose parent row was rejected cannot be written either (matters with skip_invalid).
    loop {
        let ok: std::collections::HashSet<OrgKode> =
            ok_nodes.iter().map(|(_, n)| n.kode.clone()).collect();
        let before = ok_nodes.len();
        ok_nodes.retain(|(row, n)| {
            let orphan = n
                .induk
                .as_ref()
                .is_some_and(|k| in_file.contains_key(k) && !ok.contains(k));
            if orphan {
                errors.push(RowError {
                    row: *row,
                    column: "induk".into(),
                    message: "baris induknya ditolak".into(),
                });
            }
            !orphan
        });
        if ok_nodes.len() == before {
            break;
        }
    }
    let refuse = !errors.is_empty() && !opts.skip_invalid;
    if !(opts.dry_run || refuse || ok_nodes.is_empty()) {
        let list: Vec<OrgNode> = ok_nodes.iter().map(|(_, n)| n.clone()).collect();
        let c = db.org_upsert(actor, &list).await?;
        report.baru = c.baru;
        report.diubah = c.diubah;
        report.sama = c.sama;
        report.diimpor = c.baru + c.diubah + c.sama;
        report.ditulis = true;
    }
    report.close(errors, &mut std::collections::HashMap::new());
    Ok(report)
}
