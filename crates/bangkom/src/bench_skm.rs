//! `bangkom bench --skm N`: SKM figures on SQLite (issue 3 "Figures to reach"), measured through
//! the same storage calls the server uses, without HTTP:
//! - `skm import` of an N-row CSV file, the whole command path ([`crate::bench_skm_impor`]);
//! - bulk store of N questionnaires (the path of `bangkom skm import` after parsing), rows/s;
//! - the IKM of the province, one pemda and one unit over all N responses (spread over 2024–2025,
//!   three service types) for several periods (two years, a year, a quarter, a month, a ragged
//!   range, one day), read from the maintained aggregates: p50 and max of 5 runs; for one unit and
//!   month the figures are checked against a full scan;
//! - the processing-table XLSX export of the province ([`crate::bench_olah`]);
//! - durable single submissions, each its own committed transaction consuming a single-use
//!   token and storing a local answer (the path of `POST /survei/{kode}` with a token), per second
//!   from one task;
//! - then the HTTP figures of [`crate::bench_http`] (group-committed submissions at `konkuren`
//!   connections, the citizen's GET + POST path).

use std::path::Path;
use std::time::Instant;

use anyhow::{Context, Result};
use bangkom_core::org::OrgKode;
use bangkom_core::skm::{Bobot, Jawaban, JawabanLokal, Kuesioner};
use bangkom_db::audit::Actor;
use bangkom_db::skm::ResponsValues;

fn p50(mut v: Vec<f64>) -> f64 {
    v.sort_by(f64::total_cmp);
    v.get(v.len() / 2).copied().unwrap_or(0.0)
}

/// Runs the SKM benchmark over `n` responses in a fresh database under `dir`.
pub async fn run(n: usize, dir: &Path, http: usize, konkuren: usize) -> Result<()> {
    std::fs::create_dir_all(dir)
        .with_context(|| format!("tidak dapat membuat {}", dir.display()))?;
    crate::bench_skm_impor::run(n, dir).await?;
    let db_path = dir.join("bench-skm.db");
    let db = crate::bench::fresh_db(&db_path).await?;
    let actor = Actor::system("bench");
    let org = db.org_index().await?;
    let units: Vec<(i64, String)> = org
        .all()
        .iter()
        .filter(|o| o.layanan)
        .map(|o| (o.org_id, o.kode.clone()))
        .collect();
    anyhow::ensure!(!units.is_empty(), "pohon organisasi tanpa unit layanan");
    let start = time::macros::date!(2024 - 01 - 01);
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
        let days = i64::try_from((i / 7) % 731).unwrap_or(0);
        Ok(ResponsValues {
            k: Kuesioner {
                tanggal: start + time::Duration::days(days),
                unit: OrgKode::parse(kode).map_err(anyhow::Error::msg)?,
                layanan: Some(["kk", "ktp", "akta"][i % 3].into()),
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

    let unit = units[0].0;
    let pemda: Vec<i64> = org
        .all()
        .iter()
        .filter(|o| o.layanan && o.kode.starts_with("15.71."))
        .map(|o| o.org_id)
        .collect();
    println!(
        "lingkup: provinsi {} unit layanan, pemda 15.71 {} unit, satu unit",
        units.len(),
        pemda.len()
    );
    let d = |y: i32, m: u8, day: u8| -> Result<time::Date> {
        Ok(time::Date::from_calendar_date(
            y,
            time::Month::try_from(m)?,
            day,
        )?)
    };
    let periods = [
        ("2024-2025", d(2024, 1, 1)?, d(2025, 12, 31)?),
        ("tahun 2025", d(2025, 1, 1)?, d(2025, 12, 31)?),
        ("triwulan 2025-T2", d(2025, 4, 1)?, d(2025, 6, 30)?),
        ("bulan 2025-03", d(2025, 3, 1)?, d(2025, 3, 31)?),
        ("2024-11-17..2025-02-09", d(2024, 11, 17)?, d(2025, 2, 9)?),
        ("hari 2025-06-15", d(2025, 6, 15)?, d(2025, 6, 15)?),
    ];
    let mut worst: f64 = 0.0;
    for (label, scope) in [
        ("provinsi", None),
        ("pemda 15.71", Some(pemda.clone())),
        ("satu unit", Some(vec![unit])),
    ] {
        for (plabel, from, to) in periods {
            let mut times = Vec::new();
            let mut hasil = (0, None);
            for _ in 0..5 {
                let t = Instant::now();
                let acc = db.skm_akumulator(scope.as_deref(), from, to).await?;
                hasil = (acc.responden, acc.hitung(Bobot::Sepersembilan).nilai);
                times.push(t.elapsed().as_secs_f64() * 1000.0);
            }
            let max = times.iter().copied().fold(0.0, f64::max);
            worst = worst.max(max);
            println!(
                "IKM {label}, {plabel}: p50 {:.2} ms, maks {max:.2} ms ({} responden, nilai {})",
                p50(times),
                hasil.0,
                hasil.1.map_or_else(|| "-".into(), |v| format!("{v:.2}"))
            );
        }
    }
    println!("IKM terlama dari semua lingkup dan periode atas {n} respons: {worst:.2} ms");
    let (from, to) = (d(2025, 3, 1)?, d(2025, 3, 31)?);
    anyhow::ensure!(
        db.skm_akumulator_per_unit(Some(&[unit]), from, to).await?
            == db
                .skm_akumulator_per_unit_scan(Some(&[unit]), from, to)
                .await?,
        "agregat berbeda dari pemindaian penuh"
    );
    if n <= 1_000_000 {
        let t = Instant::now();
        db.skm_akumulator_per_unit_scan(None, d(2025, 1, 1)?, d(2025, 12, 31)?)
            .await?;
        println!(
            "pembanding: pemindaian penuh skm_respons, provinsi tahun 2025: {:.0} ms",
            t.elapsed().as_secs_f64() * 1000.0
        );
    }

    crate::bench_olah::run(&db).await?;

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
    if http > 0 {
        let kodes: Vec<String> = units.iter().map(|(_, k)| k.clone()).collect();
        crate::bench_http::run(&db, &kodes, http, konkuren).await?;
    }
    db.close().await;
    Ok(())
}
