//! `bangkom bench --skm N`, first figure: the whole `bangkom skm import` path over an N-row CSV
//! file (issue 3: 1,000,000 rows at ≥ 250,000 rows/s). The file is generated once per N in the
//! bench directory with the columns of the import contract and realistic values (every service
//! unit of the Jambi tree, 2024–2025, profile fields, a few unanswered items, some comments with
//! commas and quotes); then [`bangkom_db::import::import_skm`], the function the CLI runs, reads
//! it with a [`TableReader`] into a fresh SQLite database. Printed: rows/s of the whole call and
//! its phases (read + validate, the streamed row writes, index build, aggregates, commit).

use std::io::Write;
use std::path::Path;
use std::time::Instant;

use anyhow::{Context, Result};
use bangkom_db::audit::Actor;
use bangkom_db::import::ImportOptions;
use bangkom_io::TableReader;

/// SplitMix64: deterministic values without a dependency.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    fn below(&mut self, n: usize) -> usize {
        usize::try_from(self.next() % n.max(1) as u64).unwrap_or(0)
    }
}

const LAYANAN: &[&str] = &["ktp-el", "kk", "akta-kelahiran", "kia", "pindah", ""];
const PENDIDIKAN: &[&str] = &["SD", "SMP", "SMA", "SMA", "D3", "S1", "S1", "S2", ""];
const PEKERJAAN: &[&str] = &[
    "PNS",
    "Swasta",
    "Wiraswasta",
    "Petani",
    "Pelajar/Mahasiswa",
    "Ibu rumah tangga",
    "Lainnya",
    "",
];
const SARAN: &[&str] = &[
    "Pelayanan cepat, terima kasih",
    "\"Antrean\" perlu diatur lebih baik",
    "Ruang tunggu panas, mohon tambah kipas",
    "Petugas ramah dan sigap",
];

/// Writes `n` questionnaires for `units` (organisation codes) as an import file.
fn write_csv(path: &Path, n: usize, units: &[String]) -> Result<()> {
    let f = std::fs::File::create(path)
        .with_context(|| format!("tidak dapat menulis {}", path.display()))?;
    let mut w = std::io::BufWriter::with_capacity(1 << 20, f);
    writeln!(w, "{}", bangkom_demo::skm::SKM_HEADER.join(","))?;
    let mut rng = Rng(0x5EED_0003);
    let start = time::macros::date!(2024 - 01 - 01);
    for _ in 0..n {
        let day = start + time::Duration::days(i64::try_from(rng.below(731))?);
        let jk = ["L", "P", ""][rng.below(3)];
        let umur = 17 + rng.below(60);
        write!(
            w,
            "{day},{},{},{jk},{umur},{},{}",
            units[rng.below(units.len())],
            LAYANAN[rng.below(LAYANAN.len())],
            PENDIDIKAN[rng.below(PENDIDIKAN.len())],
            PEKERJAAN[rng.below(PEKERJAAN.len())],
        )?;
        for _ in 0..9 {
            // Mostly "Baik" (3), some 4 and 2, a few 1 and unanswered.
            match rng.below(100) {
                0..=2 => write!(w, ",")?,
                3..=5 => write!(w, ",1")?,
                6..=20 => write!(w, ",2")?,
                21..=75 => write!(w, ",3")?,
                _ => write!(w, ",4")?,
            }
        }
        if rng.below(10) == 0 {
            let s = SARAN[rng.below(SARAN.len())];
            writeln!(w, ",\"{}\"", s.replace('"', "\"\""))?;
        } else {
            writeln!(w, ",")?;
        }
    }
    w.flush()?;
    Ok(())
}

/// Generates (once) the N-row file and imports it into a fresh database under `dir`, timed.
pub async fn run(n: usize, dir: &Path) -> Result<()> {
    let csv = dir.join(format!("skm-{n}.csv"));
    let db = crate::bench::fresh_db(&dir.join("bench-skm-impor.db")).await?;
    if !csv.exists() {
        let units: Vec<String> = db
            .org_index()
            .await?
            .all()
            .iter()
            .filter(|o| o.layanan)
            .map(|o| o.kode.clone())
            .collect();
        anyhow::ensure!(!units.is_empty(), "pohon organisasi tanpa unit layanan");
        let t = Instant::now();
        write_csv(&csv, n, &units)?;
        eprintln!(
            "CSV SKM {n} baris dibuat dalam {:.1} s",
            t.elapsed().as_secs_f64()
        );
    }
    let bytes = std::fs::metadata(&csv)?.len();
    let t = Instant::now();
    let mut first_write: Option<f64> = None;
    let report = bangkom_db::import::import_skm(
        &db,
        &Actor::system("bench"),
        // Read as the CLI reads it: 10,000,000 rows are ~680 MB.
        TableReader::open_with(&csv, &crate::commands::CLI_READ)?,
        ImportOptions::default(),
        crate::commands::today_wib(),
        |phase, _, _| {
            if phase != "validasi" && first_write.is_none() {
                first_write = Some(t.elapsed().as_secs_f64());
            }
        },
    )
    .await?;
    let secs = t.elapsed().as_secs_f64();
    anyhow::ensure!(
        report.errors.is_empty() && report.diimpor == n,
        "impor bench ditolak: {} ({:?})",
        report.summary(),
        report.errors.first()
    );
    // Phases as measured by the import; reading and writing run at the same time.
    let parts: Vec<String> = report
        .fase
        .iter()
        .map(|(name, s)| format!("{name} {s:.2} s"))
        .collect();
    println!(
        "skm import (berkas CSV {:.0} MB → SQLite baru, fungsi yang sama dengan `bangkom skm import`): {n} baris dalam {secs:.2} s = {:.0} baris/detik [{}; baca dan tulis berjalan bersamaan; agregat mulai pada {:.2} s]",
        bytes as f64 / 1e6,
        n as f64 / secs.max(1e-9),
        parts.join(", "),
        first_write.unwrap_or(secs),
    );
    let (count,) = (db.skm_count().await?,);
    anyhow::ensure!(
        usize::try_from(count)? == n,
        "tersimpan {count} respons, bukan {n}"
    );
    // The CLI closes the database after the import: the last connection checkpoints the WAL
    // into the database file. Shown separately (it follows the command's output).
    let t = Instant::now();
    db.close().await;
    println!(
        "  penutupan basis data setelah impor (checkpoint WAL): {:.2} s",
        t.elapsed().as_secs_f64()
    );
    Ok(())
}
