//! The processing-table export of `bangkom bench --skm N` (issue 3: "the XLSX export of 100,000
//! responses in under 3 s, and linear in the number of responses"): the file `/skm/olah.xlsx`
//! serves ([`bangkom_web::html::skm_olah::olah_file`]: database read, engine, XLSX writer), for the
//! whole province over the bench's two years, one year and one quarter, so one run shows the time
//! per response at three sizes (`bench --skm 200000` gives about 200,000, 100,000 and 25,000).

use std::time::Instant;

use anyhow::Result;
use bangkom_db::Db;
use time::macros::date;

/// Files larger than this many responses are not timed (they would outgrow one sheet).
const MAKS_RESPONDEN: u64 = 1_000_000;

/// Times the export of the province for three periods (first run and best of three).
pub async fn run(db: &Db) -> Result<()> {
    let periods = [
        ("2024-2025", date!(2024 - 01 - 01), date!(2025 - 12 - 31)),
        ("tahun 2025", date!(2025 - 01 - 01), date!(2025 - 12 - 31)),
        (
            "triwulan 2025-T2",
            date!(2025 - 04 - 01),
            date!(2025 - 06 - 30),
        ),
    ];
    for (label, from, to) in periods {
        let n = db.skm_akumulator(None, from, to).await?.responden;
        if n > MAKS_RESPONDEN {
            println!(
                "ekspor /skm/olah.xlsx provinsi {label}: {n} respons, dilewati (> {MAKS_RESPONDEN})"
            );
            continue;
        }
        let mut times = Vec::new();
        let mut size = (0, 0);
        for _ in 0..3 {
            let t = Instant::now();
            let f = bangkom_web::html::skm_olah::olah_file(db, None, from, to)
                .await
                .map_err(|e| anyhow::anyhow!("{e}"))?;
            times.push(t.elapsed().as_secs_f64());
            size = (f.responden, f.bytes.len() / 1024);
        }
        let first = times.first().copied().unwrap_or(0.0);
        let best = times.iter().copied().fold(f64::INFINITY, f64::min);
        #[allow(clippy::cast_precision_loss)]
        let per = best * 1e6 / (size.0.max(1) as f64);
        println!(
            "ekspor /skm/olah.xlsx provinsi {label}: {} respons, {} KiB, pertama {first:.2} s, terbaik dari 3 {best:.2} s ({per:.1} µs/respons)",
            size.0, size.1
        );
    }
    Ok(())
}
