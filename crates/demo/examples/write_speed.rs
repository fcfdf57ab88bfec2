//! Writes the 1,000,000-row benchmark employee CSV and reports the time taken.
//! `cargo run --release -p bangkom-demo --example write_speed [rows] [path]`
//! (default path: `pegawai_1m.csv` in the system temp directory).

use std::fs::File;
use std::time::Instant;

fn main() -> std::io::Result<()> {
    let mut args = std::env::args().skip(1);
    let n: usize = args
        .next()
        .and_then(|a| a.parse().ok())
        .unwrap_or(1_000_000);
    let path = args
        .next()
        .map_or_else(|| std::env::temp_dir().join("pegawai_1m.csv"), Into::into);
    let start = Instant::now();
    bangkom_demo::write_pegawai_csv(File::create(&path)?, n, 1)?;
    let secs = start.elapsed().as_secs_f64();
    let bytes = std::fs::metadata(&path)?.len();
    println!(
        "{n} rows, {:.1} MB written to {} in {secs:.2} s ({:.0} rows/s)",
        bytes as f64 / 1e6,
        path.display(),
        n as f64 / secs
    );
    Ok(())
}
