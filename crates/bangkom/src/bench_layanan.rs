//! `bangkom bench --layanan N`: service transactions at scale on SQLite (issue 5 figures):
//! generates N transactions of the demo Disdukcapil units over 2024–2025 (trained units halve
//! their time from July 2025), imports them through the `bangkom layanan import` pipeline
//! (rows/s), times `layanan waktu` for the province, a pemda and one unit over whole and partial
//! periods, the service-time part of the dashboard, the full recomputation it replaces (and
//! checks that both agree), and `dampak --metric waktu` with 1,000 bootstrap resamples over the
//! demo windows and over every transaction. `--queries-only` reuses the previous database.

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

/// Writes `rows` transactions as an import file (the service type drawn at random, so every unit
/// has every type in every month, as real counters do).
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
            kinds[usize::try_from(next() % 6).unwrap_or(0)],
            hms(start),
            hms(end)
        )?;
    }
    w.flush()?;
    Ok(())
}

/// Milliseconds of the first run and the best of three (the first pays for a cold page cache).
async fn timed<T, F, Fut>(mut f: F) -> Result<(T, f64, f64)>
where
    F: FnMut() -> Fut,
    Fut: std::future::Future<Output = Result<T>>,
{
    let t = Instant::now();
    let out = f().await?;
    let first = t.elapsed().as_secs_f64() * 1000.0;
    let mut best = first;
    for _ in 0..2 {
        let t = Instant::now();
        f().await?;
        best = best.min(t.elapsed().as_secs_f64() * 1000.0);
    }
    Ok((out, first, best))
}

async fn waktu(
    db: &Db,
    scope: &str,
    from: time::Date,
    to: time::Date,
    layanan: Option<&str>,
) -> Result<bangkom_web::api::layanan::WaktuReport> {
    bangkom_web::api::layanan::waktu_report(db, scope, from, to, layanan, &Scope::Semua)
        .await
        .map_err(|e| anyhow::anyhow!("{e}"))
}

/// Imports `rows` generated transactions into a fresh database in `dir` (or reuses the previous
/// one with `queries_only`).
async fn load(rows: usize, dir: &Path, queries_only: bool) -> Result<Db> {
    std::fs::create_dir_all(dir)
        .with_context(|| format!("tidak dapat membuat {}", dir.display()))?;
    let db_path = dir.join("layanan.db");
    if queries_only && db_path.exists() {
        let db = Db::connect(&format!("sqlite://{}", db_path.display())).await?;
        db.migrate().await?;
        return Ok(db);
    }
    let csv = dir.join(format!("layanan-{rows}.csv"));
    if !csv.exists() {
        let t = Instant::now();
        write_csv(&csv, rows)?;
        eprintln!(
            "CSV {rows} transaksi dibuat dalam {:.1} s",
            t.elapsed().as_secs_f64()
        );
    }
    let db = crate::bench::fresh_db(&db_path).await?;
    let actor = Actor::system("bench");

    let t = Instant::now();
    let report = bangkom_db::import::import_layanan(
        &db,
        &actor,
        // Read as the CLI reads it: 10,000,000 rows are ~760 MB.
        TableReader::open_with(&csv, &crate::commands::CLI_READ)?,
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
        "layanan import: {} transaksi dalam {secs:.1} s = {rate:.0} baris/detik (ringkasan bulanan termasuk)",
        report.diimpor
    );
    Ok(db)
}

/// Runs the service-transaction benchmark in `dir`.
pub async fn run(rows: usize, dir: &Path, queries_only: bool) -> Result<()> {
    let db = load(rows, dir, queries_only).await?;
    let (bytes, n) = db.layanan_ringkasan_ukuran().await?;
    #[allow(clippy::cast_precision_loss)]
    let per = bytes as f64 / n.max(1) as f64;
    println!("ringkasan bulanan: {n} transaksi dalam {bytes} byte ({per:.2} byte/transaksi)");

    let periods = [
        ("2025", date!(2025 - 01 - 01), date!(2025 - 12 - 31)),
        ("2024-2025", date!(2024 - 01 - 01), date!(2025 - 12 - 31)),
        (
            "15 Feb-20 Agu 2025",
            date!(2025 - 02 - 15),
            date!(2025 - 08 - 20),
        ),
        ("14 Mar 2025", date!(2025 - 03 - 14), date!(2025 - 03 - 14)),
    ];
    // Province, a pemda (Kota Jambi), one unit.
    for (label, from, to) in periods {
        for scope in ["15", "15.71", "15.71.07.05"] {
            let (r, first, best) = timed(|| waktu(&db, scope, from, to, None)).await?;
            println!(
                "layanan waktu {scope:<12} {label:<19} {:>9} transaksi, median {:?}, p90 {:?}: {first:.0} ms (terbaik dari 3: {best:.0} ms)",
                r.transaksi, r.median_menit, r.p90_menit
            );
        }
    }
    let (r, first, best) = timed(|| {
        waktu(
            &db,
            "15",
            date!(2025 - 02 - 15),
            date!(2025 - 08 - 20),
            Some("ktp-el"),
        )
    })
    .await?;
    println!(
        "layanan waktu 15 ktp-el 15 Feb-20 Agu 2025: {} transaksi: {first:.0} ms (terbaik: {best:.0} ms)",
        r.transaksi
    );

    // The service-time part of the dashboard: the scope, each pemda, and the 12 months.
    let org = db.org_index().await?;
    let pemda: Vec<String> = org
        .of_jenis(bangkom_core::org::JenisOrg::Pemda)
        .map(|p| p.kode.clone())
        .collect();
    let (calls, first, best) = timed(|| async {
        let mut calls = 1;
        waktu(
            &db,
            "15",
            date!(2025 - 01 - 01),
            date!(2025 - 12 - 31),
            None,
        )
        .await?;
        for p in &pemda {
            waktu(&db, p, date!(2025 - 01 - 01), date!(2025 - 12 - 31), None).await?;
            calls += 1;
        }
        for m in 1..=12u8 {
            let a = time::Date::from_calendar_date(2025, time::Month::try_from(m)?, 1)?;
            waktu(
                &db,
                "15",
                a,
                bangkom_db::layanan::ringkasan::akhir_bulan(a),
                None,
            )
            .await?;
            calls += 1;
        }
        Ok(calls)
    })
    .await?;
    println!(
        "dasbor (waktu layanan: provinsi, {} pemda, 12 bulan = {calls} laporan): {first:.0} ms (terbaik: {best:.0} ms)",
        pemda.len()
    );

    // The full recomputation (every row read and sorted) for comparison, and a check at scale
    // that the summaries give the same figures.
    let t = Instant::now();
    let units: Vec<i64> = org
        .by_kode("15.71")
        .map(|n| org.subtree(n.org_id))
        .unwrap_or_default();
    let raw = db
        .layanan_durasi(
            Some(&units),
            date!(2025 - 01 - 01),
            date!(2025 - 12 - 31),
            None,
        )
        .await?;
    #[allow(clippy::cast_precision_loss)]
    let mut minutes: Vec<f64> = raw.iter().map(|d| d.durasi_detik as f64 / 60.0).collect();
    minutes.sort_by(f64::total_cmp);
    let median = bangkom_core::layanan::percentile_cont(&minutes, 0.5);
    let ms = t.elapsed().as_secs_f64() * 1000.0;
    let fast = waktu(
        &db,
        "15.71",
        date!(2025 - 01 - 01),
        date!(2025 - 12 - 31),
        None,
    )
    .await?;
    anyhow::ensure!(
        fast.median_menit == median && fast.transaksi == raw.len(),
        "ringkasan berbeda dari rekomputasi penuh: {:?} vs {median:?}",
        fast.median_menit
    );
    println!(
        "rekomputasi penuh (setiap baris dibaca dan diurutkan) 15.71 2025: {} transaksi, {ms:.0} ms; sama persis dengan ringkasan",
        raw.len()
    );
    drop((raw, minutes));

    let treated = bangkom_demo::skm::unit_pelatihan_tik_2025();
    let control = bangkom_demo::skm::unit_pembanding_tik_2025();
    let windows = [
        (
            "demo",
            (date!(2024 - 06 - 01), date!(2025 - 05 - 31)),
            (date!(2025 - 07 - 01), date!(2025 - 12 - 31)),
        ),
        (
            "semua transaksi",
            (date!(2024 - 01 - 01), date!(2025 - 06 - 30)),
            (date!(2025 - 07 - 01), date!(2025 - 12 - 31)),
        ),
    ];
    for (label, before, after) in windows {
        let t = Instant::now();
        let r = bangkom_web::api::dampak::dampak_report(
            &db,
            &treated,
            &control,
            before,
            after,
            bangkom_core::dampak::Metric::Waktu,
            1,
            1000,
        )
        .await
        .map_err(|e| anyhow::anyhow!("{e}"))?;
        println!(
            "dampak waktu ({label}), 1000 resampel: {} + {} = {} transaksi, efek {:?} [{:?}, {:?}], {:.2} s",
            r.n_treated,
            r.n_control,
            r.n_treated + r.n_control,
            r.effect,
            r.ci_low,
            r.ci_high,
            t.elapsed().as_secs_f64()
        );
    }
    db.close().await;
    Ok(())
}
