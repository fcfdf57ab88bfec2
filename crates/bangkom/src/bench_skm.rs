//! `bangkom bench --skm N`: SKM figures on SQLite (issue 3 "Figures to reach"), measured through
//! the same storage calls the server uses, without HTTP:
//! - bulk store of N questionnaires (the path of `bangkom skm import` after parsing), rows/s;
//! - the IKM of the whole province and of one unit over all N responses, p50 of 5 runs;
//! - durable single submissions, each its own committed transaction consuming a single-use
//!   token and storing a local answer (the path of `POST /survei/{kode}` with a token), per second
//!   from one task.

use std::path::Path;
use std::time::Instant;

use anyhow::{Context, Result};
use bangkom_core::org::OrgKode;
use bangkom_core::skm::{Bobot, Jawaban, JawabanLokal, Kuesioner};
use bangkom_db::Db;
use bangkom_db::audit::Actor;
use bangkom_db::import::ImportOptions;
use bangkom_db::skm::ResponsValues;
use bangkom_io::TableReader;

fn p50(mut v: Vec<f64>) -> f64 {
    v.sort_by(f64::total_cmp);
    v.get(v.len() / 2).copied().unwrap_or(0.0)
}

/// Runs the SKM benchmark over `n` responses in a fresh database under `dir`.
pub async fn run(n: usize, dir: &Path) -> Result<()> {
    std::fs::create_dir_all(dir)
        .with_context(|| format!("tidak dapat membuat {}", dir.display()))?;
    let db_path = dir.join("bench-skm.db");
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
    let org = db.org_index().await?;
    let units: Vec<(i64, String)> = org
        .all()
        .iter()
        .filter(|o| o.layanan)
        .map(|o| (o.org_id, o.kode.clone()))
        .collect();
    anyhow::ensure!(!units.is_empty(), "pohon organisasi tanpa unit layanan");
    let start = time::macros::date!(2025 - 01 - 01);
    let make = |i: usize| -> Result<ResponsValues> {
        let (id, kode) = &units[i % units.len()];
        let mut v = [None; 9];
        for (k, slot) in v.iter_mut().enumerate() {
            // Deterministic 1..4 answers with some unanswered items.
            let x = (i * 31 + k * 17) % 23;
            *slot = if x == 0 {
                None
            } else {
                Some(u8::try_from(1 + x % 4).unwrap_or(4))
            };
        }
        let days = i64::try_from(i % 365).unwrap_or(0);
        Ok(ResponsValues {
            k: Kuesioner {
                tanggal: start + time::Duration::days(days),
                unit: OrgKode::parse(kode).map_err(anyhow::Error::msg)?,
                layanan: Some("kk".into()),
                jenis_kelamin: None,
                umur: Some(20 + u8::try_from(i % 50).unwrap_or(0)),
                pendidikan: None,
                pekerjaan: None,
                jawaban: Jawaban::new(v).map_err(anyhow::Error::msg)?,
                saran: None,
            },
            unit_id: *id,
        })
    };

    let t = Instant::now();
    let chunk = 50_000;
    let mut done = 0;
    while done < n {
        let rows: Vec<ResponsValues> = (done..(done + chunk).min(n))
            .map(make)
            .collect::<Result<_>>()?;
        db.skm_insert(&actor, &rows, "impor").await?;
        done += rows.len();
    }
    let secs = t.elapsed().as_secs_f64();
    println!(
        "simpan massal: {n} respons dalam {secs:.1} s = {:.0} baris/detik",
        n as f64 / secs.max(1e-9)
    );

    let (from, to) = (start, time::macros::date!(2025 - 12 - 31));
    let unit = units[0].0;
    for (label, scope) in [
        ("provinsi (semua unit)", None),
        ("satu unit", Some(vec![unit])),
    ] {
        let mut times = Vec::new();
        let mut nilai = None;
        for _ in 0..5 {
            let t = Instant::now();
            let acc = db.skm_akumulator(scope.as_deref(), from, to).await?;
            nilai = acc.hitung(Bobot::Sepersembilan).nilai;
            times.push(t.elapsed().as_secs_f64() * 1000.0);
        }
        println!(
            "IKM {label} atas {n} respons: p50 {:.1} ms (nilai {})",
            p50(times),
            nilai.map_or_else(|| "-".into(), |v| format!("{v:.2}"))
        );
    }

    let m = n.clamp(1, 2_000);
    let later = bangkom_db::now() + time::Duration::hours(1);
    let lokal = [JawabanLokal {
        kode: "l1".into(),
        pertanyaan: "Apakah antrean tertib?".into(),
        skala: Some(3),
        teks: None,
    }];
    let mut times = Vec::with_capacity(m);
    let t = Instant::now();
    for i in 0..m {
        let hash = format!("bench-{i}");
        db.skm_token_terbit(&hash, units[i % units.len()].0, None, None, later)
            .await?;
        let v = make(i)?;
        let s = Instant::now();
        let r = db.skm_kirim(&v, Some(&hash), &lokal).await?;
        times.push(s.elapsed().as_secs_f64() * 1000.0);
        anyhow::ensure!(r.is_ok(), "token bench-{i} ditolak: {r:?}");
    }
    let secs = t.elapsed().as_secs_f64();
    times.sort_by(f64::total_cmp);
    let p99 = times
        .get(((times.len() as f64 - 1.0) * 0.99).round() as usize)
        .copied()
        .unwrap_or(0.0);
    println!(
        "kirim satu per satu (token + jawaban lokal, tiap kiriman commit sendiri, 1 tugas): {m} kiriman, {:.0}/detik termasuk penerbitan token; p50 {:.2} ms, p99 {p99:.2} ms",
        m as f64 / secs.max(1e-9),
        p50(times.clone()),
    );
    db.close().await;
    Ok(())
}
