//! `bangkom bench --layanan N`: service transactions at scale on SQLite (issue 5 figures):
//! generates N transactions of the demo Disdukcapil units over 2024–2025 (trained units halve
//! their time from July 2025), imports them through the `bangkom layanan import` pipeline
//! (rows/s), times `layanan waktu` for the province, a pemda and one unit over a year, and
//! `dampak --metric waktu` with 1,000 bootstrap resamples.

use std::io::Write;
use std::path::Path;
use std::time::Instant;

use anyhow::{Context, Result};
use bangkom_db::Db;
use bangkom_db::audit::Actor;
use bangkom_db::import::ImportOptions;
use bangkom_db::pegawai::Scope;
use bangkom_io::TableReader;
use time::macros::date;

/// Writes `rows` transactions as an import file.
fn write_csv(path: &Path, rows: usize) -> Result<()> {
    let units = bangkom_demo::jambi::disdukcapil_units();
    let trained = bangkom_demo::skm::unit_pelatihan_tik_2025();
    let kinds = [
        "ktp-el",
        "kk",
        "akta-kelahiran",
        "akta-kematian",
        "kia",
        "pindah",
    ];
    let mut w = std::io::BufWriter::new(std::fs::File::create(path)?);
    writeln!(w, "unit,layanan,tiket,mulai,selesai,nip_petugas,kanal")?;
    let mut x: u64 = 0x9E37_79B9_7F4A_7C15;
    let mut next = || {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        x
    };
    for i in 0..rows {
        let u = &units[i % units.len()];
        let month = (i / units.len()) % 24;
        let (year, m) = (2024 + month / 12, 1 + month % 12);
        let day = 1 + next() % 28;
        let after = year == 2025 && m >= 7;
        let median = match (after, trained.contains(u)) {
            (true, true) => 35.0,
            (true, false) => 68.0,
            _ => 75.0,
        };
        #[allow(clippy::cast_precision_loss)]
        let noise = ((next() % 1000) as f64 + (next() % 1000) as f64) / 1000.0 - 1.0;
        #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
        let secs = ((median * (noise * 0.9).exp()).max(5.0) * 60.0) as u64;
        let start = 8 * 3600 + next() % (6 * 3600);
        let end = (start + secs).min(86_399);
        let hms = |s: u64| format!("{:02}:{:02}:{:02}", s / 3600, (s % 3600) / 60, s % 60);
        writeln!(
            w,
            "{u},{},B{i},{year}-{m:02}-{day:02}T{},{year}-{m:02}-{day:02}T{},,loket",
            kinds[i % kinds.len()],
            hms(start),
            hms(end)
        )?;
    }
    w.flush()?;
    Ok(())
}

/// Runs the service-transaction benchmark in `dir`.
pub async fn run(rows: usize, dir: &Path) -> Result<()> {
    std::fs::create_dir_all(dir)
        .with_context(|| format!("tidak dapat membuat {}", dir.display()))?;
    let csv = dir.join(format!("layanan-{rows}.csv"));
    if !csv.exists() {
        let t = Instant::now();
        write_csv(&csv, rows)?;
        eprintln!(
            "CSV {rows} transaksi dibuat dalam {:.1} s",
            t.elapsed().as_secs_f64()
        );
    }
    let db_path = dir.join("layanan.db");
    for ext in ["", "-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{}{ext}", db_path.display()));
    }
    let db = Db::connect(&format!("sqlite://{}", db_path.display())).await?;
    db.migrate().await?;
    let mut org_csv = Vec::new();
    bangkom_demo::write_org_csv(&mut org_csv)?;
    let actor = Actor::system("bench");
    bangkom_db::import::import_org(
        &db,
        &actor,
        TableReader::from_bytes("org.csv", org_csv)?,
        ImportOptions::default(),
        |_, _, _| {},
    )
    .await?;

    let t = Instant::now();
    let report = bangkom_db::import::import_layanan(
        &db,
        &actor,
        TableReader::open(&csv)?,
        ImportOptions::default(),
        |_, _, _| {},
    )
    .await?;
    let secs = t.elapsed().as_secs_f64();
    anyhow::ensure!(
        report.errors.is_empty(),
        "bench rows rejected: {:?}",
        report.errors.first()
    );
    #[allow(clippy::cast_precision_loss)]
    let rate = report.diimpor as f64 / secs;
    println!(
        "layanan import: {} transaksi dalam {secs:.1} s = {rate:.0} baris/detik",
        report.diimpor
    );

    for scope in ["all", "15.71", "15.71.07.05"] {
        let t = Instant::now();
        let r = bangkom_web::api::layanan::waktu_report(
            &db,
            scope,
            date!(2025 - 01 - 01),
            date!(2025 - 12 - 31),
            None,
            &Scope::Semua,
        )
        .await
        .map_err(|e| anyhow::anyhow!("{e}"))?;
        println!(
            "layanan waktu {scope} 2025: {} transaksi, median {:?} menit, {:.0} ms",
            r.transaksi,
            r.median_menit,
            t.elapsed().as_secs_f64() * 1000.0
        );
    }

    let treated = bangkom_demo::skm::unit_pelatihan_tik_2025();
    let control = bangkom_demo::skm::unit_pembanding_tik_2025();
    let t = Instant::now();
    let r = bangkom_web::api::dampak::dampak_report(
        &db,
        &treated,
        &control,
        (date!(2024 - 06 - 01), date!(2025 - 05 - 31)),
        (date!(2025 - 07 - 01), date!(2025 - 12 - 31)),
        bangkom_core::dampak::Metric::Waktu,
        1,
        1000,
    )
    .await
    .map_err(|e| anyhow::anyhow!("{e}"))?;
    println!(
        "dampak waktu, 1000 resampel: {} + {} transaksi, efek {:?} [{:?}, {:?}], {:.2} s",
        r.n_treated,
        r.n_control,
        r.effect,
        r.ci_low,
        r.ci_high,
        t.elapsed().as_secs_f64()
    );
    db.close().await;
    Ok(())
}
