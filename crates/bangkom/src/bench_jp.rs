//! `bangkom bench --jp [N]`: the JP ledger at province scale on SQLite (issue 4 "Figures to
//! reach"). Generates N employees (default 70,000) through the `bangkom pegawai import` pipeline,
//! then five years of learning (≈ 21 ledger entries per employee: completed programs, assessed
//! experiential activities, verified claims, plus non-completions and approved programs still to
//! come) with bulk inserts, and times the compliance report (`bangkom jp`, `/jp`, `/api/v1/jp`) of
//! the province, every pemda and a sample of OPDs over three years (p50/p95), the `/jp/daftar` list
//! export, and the province's ledger export.

use std::path::Path;
use std::time::Instant;

use anyhow::{Context, Result};
use bangkom_core::jp::AturanJp;
use bangkom_core::org::JenisOrg;
use bangkom_db::Db;
use bangkom_db::audit::Actor;
use bangkom_db::import::ImportOptions;
use bangkom_db::massal::{KegiatanMassal, KlaimMassal, PesertaMassal, ProgramMassal};
use bangkom_db::pegawai::Scope;
use bangkom_io::TableReader;

/// Programs per year.
const PROGRAM_PER_TAHUN: usize = 400;
/// Participations per employee per year (≈ 95 % completed).
const PESERTA_PER_PEGAWAI: f64 = 3.15;
/// Assessed activities and verified claims per employee per year, each.
const KREDIT_PER_PEGAWAI: f64 = 0.64;

struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn below(&mut self, n: usize) -> usize {
        usize::try_from(self.next() % (n.max(1) as u64)).unwrap_or(0)
    }
}

fn pct(v: &mut [f64], p: f64) -> f64 {
    v.sort_by(f64::total_cmp);
    #[allow(
        clippy::cast_possible_truncation,
        clippy::cast_sign_loss,
        clippy::cast_precision_loss
    )]
    let i = ((v.len() as f64 - 1.0) * p).round() as usize;
    v.get(i).copied().unwrap_or(0.0)
}

fn day(tahun: i32, ordinal: usize) -> Result<time::Date> {
    let o = u16::try_from(ordinal.clamp(1, 365)).unwrap_or(1);
    time::Date::from_ordinal_date(tahun, o).context("tanggal")
}

/// Runs the ledger benchmark with `n` employees in `dir`; `reuse` times the queries on the
/// database of the previous run (migrated first).
pub async fn run(n: usize, dir: &Path, reuse: bool) -> Result<()> {
    std::fs::create_dir_all(dir)
        .with_context(|| format!("tidak dapat membuat {}", dir.display()))?;
    let db_path = dir.join("bench-jp.db");
    let today = bangkom_web::html::survei::today_wib();
    let tahun_ini = today.year();
    let db = if reuse && db_path.exists() {
        let db = Db::connect(&format!("sqlite://{}", db_path.display())).await?;
        let t = Instant::now();
        db.migrate().await?;
        println!(
            "migrasi basis data lama: {:.1} s",
            t.elapsed().as_secs_f64()
        );
        db
    } else {
        load(n, dir, &db_path, tahun_ini, today.ordinal().into()).await?
    };
    measure(&db, tahun_ini).await?;
    db.close().await;
    Ok(())
}

/// A fresh database with `n` employees and five years of learning.
async fn load(n: usize, dir: &Path, db_path: &Path, tahun_ini: i32, hari_ke: usize) -> Result<Db> {
    let db = crate::bench::fresh_db(db_path).await?;
    let actor = Actor::system("bench");
    let csv = dir.join(format!("pegawai-{n}.csv"));
    if !csv.exists() {
        let f = std::io::BufWriter::new(std::fs::File::create(&csv)?);
        bangkom_demo::write_pegawai_csv(f, n, 11)?;
    }
    let t = Instant::now();
    let report = bangkom_db::import::import_pegawai(
        &db,
        &actor,
        &Scope::Semua,
        TableReader::open(&csv)?,
        ImportOptions::default(),
        |_, _, _| {},
    )
    .await?;
    anyhow::ensure!(
        report.errors.is_empty(),
        "bench rows rejected: {:?}",
        report.errors.first()
    );
    println!(
        "impor pegawai: {} dalam {:.1} s",
        report.diimpor,
        t.elapsed().as_secs_f64()
    );

    generate(&db, tahun_ini, hari_ke).await?;
    let t = Instant::now();
    let rekap = db.jp_rekap_hitung_ulang().await?;
    println!(
        "rekap JP dibangun ulang dari semua kredit: {rekap} baris dalam {:.1} s",
        t.elapsed().as_secs_f64()
    );
    Ok(db)
}

/// Times the compliance report, the list export and the ledger export.
async fn measure(db: &Db, tahun_ini: i32) -> Result<()> {
    let org = db.org_index().await?;
    let pemda: Vec<String> = org
        .of_jenis(JenisOrg::Pemda)
        .map(|o| o.kode.clone())
        .collect();
    let opds = org.opds(None);
    let step = (opds.len() / 12).max(1);
    let opd: Vec<String> = opds.iter().step_by(step).map(|o| o.kode.clone()).collect();
    let aturan = AturanJp::default();
    for (label, scopes) in [
        ("provinsi", vec!["all".to_string()]),
        ("pemda", pemda),
        ("OPD", opd),
    ] {
        let mut times = Vec::new();
        let mut pegawai = 0;
        for tahun in [tahun_ini, tahun_ini - 1, tahun_ini - 2] {
            for s in &scopes {
                let t = Instant::now();
                let r = bangkom_web::api::jp::jp_report(db, s, tahun, true, aturan, &Scope::Semua)
                    .await
                    .map_err(|e| anyhow::anyhow!("{e}"))?;
                times.push(t.elapsed().as_secs_f64() * 1000.0);
                pegawai = pegawai.max(r.pegawai + r.pppk);
            }
        }
        println!(
            "kepatuhan JP {label} ({} kueri, terbesar {pegawai} pegawai): p50 {:.1} ms, p95 {:.1} ms",
            times.len(),
            pct(&mut times, 0.5),
            pct(&mut times, 0.95)
        );
    }

    // Where the province's report spends its time (median of 3 each): what the report reads, and
    // the per-row reads the small scopes use.
    let today = bangkom_web::html::survei::today_wib();
    let mut parts = [Vec::new(), Vec::new(), Vec::new(), Vec::new()];
    for _ in 0..3 {
        let t = Instant::now();
        db.jp_kepatuhan(None, tahun_ini, today).await?;
        parts[3].push(t.elapsed().as_secs_f64() * 1000.0);
        let t = Instant::now();
        db.jp_pegawai(None, tahun_ini).await?;
        parts[0].push(t.elapsed().as_secs_f64() * 1000.0);
        let t = Instant::now();
        db.jp_per_jalur(None, tahun_ini).await?;
        parts[1].push(t.elapsed().as_secs_f64() * 1000.0);
        let t = Instant::now();
        db.jp_terjadwal(None, None, tahun_ini, today).await?;
        parts[2].push(t.elapsed().as_secs_f64() * 1000.0);
    }
    println!(
        "  provinsi {tahun_ini}: jp_kepatuhan (yang dibaca laporan, 3 pernyataan JSON) {:.1} ms; \
         per baris: jp_pegawai {:.1} ms, jp_per_jalur {:.1} ms, jp_terjadwal {:.1} ms",
        pct(&mut parts[3], 0.5),
        pct(&mut parts[0], 0.5),
        pct(&mut parts[1], 0.5),
        pct(&mut parts[2], 0.5)
    );

    let t = Instant::now();
    let r = bangkom_web::api::jp::jp_report(db, "all", tahun_ini, true, aturan, &Scope::Semua)
        .await
        .map_err(|e| anyhow::anyhow!("{e}"))?;
    let rows: Vec<Vec<String>> = r
        .pegawai_list
        .iter()
        .flatten()
        .map(bangkom_web::api::jp::daftar_row)
        .collect();
    let n_rows = rows.len();
    let bytes = bangkom_io::write_xlsx(bangkom_web::api::jp::DAFTAR_HEADER, rows)?;
    println!(
        "/jp/daftar provinsi XLSX {tahun_ini}: {n_rows} pegawai, {} KiB, {:.2} s",
        bytes.len() / 1024,
        t.elapsed().as_secs_f64()
    );
    for (tahun, xlsx) in [
        (tahun_ini - 1, true),
        (tahun_ini - 1, false),
        (tahun_ini, true),
    ] {
        let t = Instant::now();
        let f = bangkom_web::api::jp_buku::buku_file(db, None, tahun, xlsx)
            .await
            .map_err(|e| anyhow::anyhow!("{e}"))?;
        println!(
            "buku JP provinsi {tahun} {}: {} entri, {} KiB, {:.2} s",
            if xlsx { "XLSX" } else { "CSV" },
            f.baris,
            f.bytes.len() / 1024,
            t.elapsed().as_secs_f64()
        );
    }
    Ok(())
}

/// Five years of learning up to `tahun_ini` (day `hari_ke` of it); returns the ledger entries.
async fn generate(db: &Db, tahun_ini: i32, hari_ke: usize) -> Result<usize> {
    let t = Instant::now();
    let mut ids: Vec<i64> = db.pegawai_id_map().await?.into_values().collect();
    ids.sort_unstable();
    let n = ids.len();
    anyhow::ensure!(n > 0, "tidak ada pegawai");
    let mut rng = Rng(0x2545_F491_4F6C_DD1D);
    let jalur_program = [3u8, 8, 2, 4, 9, 16, 17, 11, 7, 5];
    let jp_program = [2u32, 4, 8, 12, 16, 20, 24, 32, 40];
    let tahun: Vec<i32> = (tahun_ini - 4..=tahun_ini).collect();
    let mut programs = Vec::new();
    for &y in &tahun {
        for i in 0..PROGRAM_PER_TAHUN {
            let mulai = 1 + rng.below(350);
            let selesai = (mulai + 1 + rng.below(10)).min(365);
            programs.push(ProgramMassal {
                kode: format!("B{y}-{i:04}"),
                nama: format!("Pelatihan {} angkatan {y}-{i}", i % 37),
                jalur: jalur_program[rng.below(jalur_program.len())],
                penyelenggara: "BPSDM Provinsi Jambi".into(),
                jp: jp_program[rng.below(jp_program.len())],
                mulai: day(y, mulai)?,
                selesai: day(y, selesai)?,
            });
        }
    }
    let program_ids = db.massal_program(&programs).await?;
    let mut entries = 0usize;
    #[allow(
        clippy::cast_possible_truncation,
        clippy::cast_sign_loss,
        clippy::cast_precision_loss
    )]
    let per_program = ((n as f64 * PESERTA_PER_PEGAWAI) / PROGRAM_PER_TAHUN as f64) as usize;
    // A stride coprime with n walks distinct employees from a random start.
    let stride = [7919usize, 7927, 7933, 104_729]
        .into_iter()
        .find(|s| gcd(*s, n) == 1)
        .unwrap_or(1);
    let mut peserta = Vec::new();
    for (p, &pid) in programs.iter().zip(&program_ids) {
        let start = rng.below(n);
        let m = (per_program / 2 + rng.below(per_program)).min(n);
        let akan_datang =
            p.selesai.year() == tahun_ini && usize::from(p.selesai.ordinal()) > hari_ke;
        for k in 0..m {
            let pegawai_id = ids[(start + k * stride) % n];
            let (status, tanggal, nomor) = if akan_datang {
                ("disetujui", None, None)
            } else if rng.below(20) == 0 {
                ("tidak_selesai", None, None)
            } else {
                entries += 1;
                (
                    "selesai",
                    Some(p.selesai),
                    Some(format!("{}/{k:05}", p.kode)),
                )
            };
            peserta.push(PesertaMassal {
                program_id: pid,
                pegawai_id,
                status,
                jp: if status == "selesai" { p.jp } else { 0 },
                tanggal_selesai: tanggal,
                nomor_sertifikat: nomor,
            });
        }
        if peserta.len() > 200_000 {
            db.massal_peserta(&peserta).await?;
            peserta.clear();
        }
    }
    db.massal_peserta(&peserta).await?;

    let jenis = [
        ("penugasan_khusus", 24u8),
        ("detasering", 18),
        ("magang", 10),
        ("coaching", 14),
        ("mentoring", 15),
    ];
    #[allow(
        clippy::cast_possible_truncation,
        clippy::cast_sign_loss,
        clippy::cast_precision_loss
    )]
    let per_tahun = (n as f64 * KREDIT_PER_PEGAWAI) as usize;
    for &y in &tahun {
        let last = if y == tahun_ini { hari_ke.max(2) } else { 365 };
        let mut kegiatan = Vec::with_capacity(per_tahun);
        let mut klaim = Vec::with_capacity(per_tahun);
        for i in 0..per_tahun {
            let selesai = 2 + rng.below(last - 1);
            let mulai = selesai.saturating_sub(1 + rng.below(60)).max(1);
            let (j, jalur) = jenis[i % jenis.len()];
            kegiatan.push(KegiatanMassal {
                pegawai_id: ids[rng.below(n)],
                jenis: j,
                judul: format!("Penugasan proyek {}", i % 101),
                jalur,
                jp: 4 + u32::try_from(rng.below(37)).unwrap_or(0),
                mulai: day(y, mulai)?,
                selesai: day(y, selesai)?,
            });
            klaim.push(KlaimMassal {
                pegawai_id: ids[rng.below(n)],
                judul: format!("Seminar daring {}", i % 89),
                penyelenggara: "Kementerian PANRB".into(),
                jalur: [9u8, 16, 4][i % 3],
                jp: 2 + u32::try_from(rng.below(15)).unwrap_or(0),
                mulai: day(y, mulai)?,
                selesai: day(y, selesai)?,
            });
        }
        entries += kegiatan.len() + klaim.len();
        db.massal_pengalaman(&kegiatan).await?;
        db.massal_klaim(&klaim).await?;
    }
    println!(
        "riwayat 5 tahun ({}–{tahun_ini}): {} program, {entries} entri buku JP, dimuat dalam {:.1} s",
        tahun_ini - 4,
        programs.len(),
        t.elapsed().as_secs_f64()
    );
    Ok(entries)
}

fn gcd(a: usize, b: usize) -> usize {
    if b == 0 { a } else { gcd(b, a % b) }
}
