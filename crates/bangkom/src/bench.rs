//! `bangkom bench`: the employee import and the list query at scale, on SQLite (README §Benchmarks).

use std::path::Path;
use std::time::Instant;

use anyhow::{Context, Result};
use bangkom_db::Db;
use bangkom_db::audit::Actor;
use bangkom_db::import::ImportOptions;
use bangkom_db::pegawai::{PegawaiFilter, Scope, Sort};
use bangkom_io::TableReader;

/// Generates `rows` employees as CSV, imports them into a fresh SQLite database through the same
/// pipeline as `bangkom pegawai import`, then times `queries` mixed list queries (search + filter +
/// one page of 50) and prints p50/p95/max.
pub async fn run(rows: usize, queries: usize, dir: &Path, queries_only: bool) -> Result<()> {
    std::fs::create_dir_all(dir)
        .with_context(|| format!("tidak dapat membuat {}", dir.display()))?;
    let csv = dir.join(format!("pegawai-{rows}.csv"));
    if !csv.exists() {
        let t = Instant::now();
        let f = std::io::BufWriter::new(std::fs::File::create(&csv)?);
        bangkom_demo::write_pegawai_csv(f, rows, 7)?;
        eprintln!(
            "CSV {} baris dibuat dalam {:.1} s",
            rows,
            t.elapsed().as_secs_f64()
        );
    }
    let db_path = dir.join("bench.db");
    let db = if queries_only && db_path.exists() {
        Db::connect(&format!("sqlite://{}", db_path.display())).await?
    } else {
        import(&csv, &db_path).await?
    };
    let org = db.org_index().await?;
    let opds: Vec<i64> = org.opds(None).iter().map(|o| o.org_id).collect();
    let words = [
        "budi", "siti", "ahmad", "dewi", "rahm", "putri", "hasan", "nur",
    ];
    let mut times = Vec::with_capacity(queries);
    let mut by_kind: [Vec<f64>; 4] = Default::default();
    for i in 0..queries {
        let mut f = PegawaiFilter {
            page: 1 + (i as u32 % 5),
            per_page: 50,
            ..Default::default()
        };
        match i % 4 {
            0 => f.q = words[i % words.len()].to_string(),
            1 => f.opd_id = opds.get(i % opds.len().max(1)).copied(),
            2 => {
                f.q = words[(i / 4) % words.len()].to_string();
                f.opd_id = opds.get((i * 7) % opds.len().max(1)).copied();
                f.jenis_jabatan = Some("fungsional".into());
            }
            _ => {
                f.q = format!("19{}", 70 + i % 30);
                f.sort = Sort::Nip;
            }
        }
        let t = Instant::now();
        db.pegawai_list(&Scope::Semua, &f).await?;
        let ms = t.elapsed().as_secs_f64() * 1000.0;
        times.push(ms);
        if let Some(v) = by_kind.get_mut(i % 4) {
            v.push(ms);
        }
    }
    for (k, name) in [
        "cari nama",
        "filter OPD",
        "cari + OPD + jenis jabatan",
        "awalan NIP",
    ]
    .iter()
    .enumerate()
    {
        if let Some(v) = by_kind.get_mut(k) {
            v.sort_by(f64::total_cmp);
            let p = |q: f64| {
                v.get(((v.len() as f64 - 1.0) * q).round() as usize)
                    .copied()
                    .unwrap_or(0.0)
            };
            println!("  {name:<28} p50 {:.1} ms, p95 {:.1} ms", p(0.5), p(0.95));
        }
    }
    times.sort_by(f64::total_cmp);
    let pct = |p: f64| {
        times
            .get(((times.len() as f64 - 1.0) * p).round() as usize)
            .copied()
            .unwrap_or(0.0)
    };
    println!(
        "daftar pegawai ({} kueri, {} pegawai): p50 {:.1} ms, p95 {:.1} ms, maks {:.1} ms",
        times.len(),
        db.pegawai_count().await?,
        pct(0.5),
        pct(0.95),
        pct(1.0)
    );
    db.close().await;
    Ok(())
}

/// A fresh SQLite database at `db_path` (any earlier one and its WAL removed), migrated, with the
/// Jambi organisation tree loaded: the start of every benchmark mode.
pub(crate) async fn fresh_db(db_path: &Path) -> Result<Db> {
    for ext in ["", "-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{}{ext}", db_path.display()));
    }
    let db = Db::connect(&format!("sqlite://{}", db_path.display())).await?;
    db.migrate().await?;
    let mut org_csv = Vec::new();
    bangkom_demo::write_org_csv(&mut org_csv)?;
    bangkom_db::import::import_org(
        &db,
        &Actor::system("bench"),
        TableReader::from_bytes("org.csv", org_csv)?,
        ImportOptions::default(),
        |_, _, _| {},
    )
    .await?;
    Ok(db)
}

/// A fresh database with the tree and the CSV imported, timed.
async fn import(csv: &Path, db_path: &Path) -> Result<Db> {
    let db = fresh_db(db_path).await?;
    let actor = Actor::system("bench");

    let t = Instant::now();
    let reader = TableReader::open(csv)?;
    let mut write_start: Option<Instant> = None;
    let report = bangkom_db::import::import_pegawai(
        &db,
        &actor,
        &Scope::Semua,
        reader,
        ImportOptions::default(),
        |phase, _, _| {
            if phase == "indeks" && write_start.is_none() {
                write_start = Some(Instant::now());
            }
        },
    )
    .await?;
    let secs = t.elapsed().as_secs_f64();
    if let Some(w) = write_start {
        println!(
            "  baca + validasi + tulis baris {:.1} s, indeks + kata + commit {:.1} s",
            (w - t).as_secs_f64(),
            w.elapsed().as_secs_f64()
        );
    }
    anyhow::ensure!(
        report.errors.is_empty(),
        "bench rows rejected: {:?}",
        report.errors.first()
    );
    println!(
        "import: {} baris dalam {secs:.1} s = {:.0} baris/detik ({})",
        report.diimpor,
        report.diimpor as f64 / secs,
        report.summary()
    );

    Ok(db)
}
