//! Throughput check of the CSV reader (not a test: no timed assertions).
//!
//! Generates a 1,000,000-row personnel CSV (`;`-separated, as Excel in the Indonesian locale
//! writes it) in a temporary directory, streams it through [`TableReader`] with a light
//! per-row validation, and prints rows per second.
//!
//! Run: `cargo run --release -p bangkom-io --example read_speed`

use std::io::{BufWriter, Write};
use std::time::Instant;

use bangkom_io::{ColumnSpec, TableReader, resolve_columns};

const ROWS: usize = 1_000_000;

const SPEC: &[ColumnSpec] = &[
    ColumnSpec::required("nip", &["nip baru"]),
    ColumnSpec::required("nama", &["nama lengkap"]),
    ColumnSpec::required("unit_kerja", &["opd"]),
    ColumnSpec::optional("golongan", &["gol"]),
    ColumnSpec::optional("jabatan", &[]),
];

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let dir = tempfile::tempdir()?;
    let path = dir.path().join("pegawai.csv");

    let started = Instant::now();
    let mut out = BufWriter::new(std::fs::File::create(&path)?);
    out.write_all(b"\xEF\xBB\xBFNIP;Nama Lengkap;OPD;Gol;Jabatan\r\n")?;
    for i in 0..ROWS {
        writeln!(
            out,
            "1986{:02}{:02}2015{:02}1{:03};Pegawai Nomor {i};\"Dinas {}; Bidang {}\";III/{};Analis Kebijakan Ahli Muda\r",
            i % 12 + 1,
            i % 28 + 1,
            i % 12 + 1,
            i % 1000,
            i % 40,
            i % 7,
            ['a', 'b', 'c', 'd'][i % 4],
        )?;
    }
    out.flush()?;
    drop(out);
    let size = std::fs::metadata(&path)?.len();
    println!(
        "generated {ROWS} rows ({:.1} MB) in {:.2?}",
        size as f64 / 1e6,
        started.elapsed()
    );

    let started = Instant::now();
    let mut reader = TableReader::open(&path)?;
    let columns = resolve_columns(reader.headers(), SPEC)?;
    let nip_column = columns.first().copied().flatten().unwrap_or(0);
    let mut buf = Vec::new();
    let (mut rows, mut valid, mut errors) = (0usize, 0usize, 0usize);
    loop {
        match reader.next_row(&mut buf) {
            Ok(Some(_row)) => {
                rows += 1;
                // Stand-in for validation: an 18-digit NIP and a non-empty name.
                let nip_ok = buf
                    .get(nip_column)
                    .is_some_and(|nip| nip.len() == 18 && nip.bytes().all(|b| b.is_ascii_digit()));
                let name_ok = buf.get(1).is_some_and(|name| !name.is_empty());
                if nip_ok && name_ok {
                    valid += 1;
                }
            }
            Ok(None) => break,
            Err(e) => {
                errors += 1;
                if errors <= 3 {
                    eprintln!("{e}");
                }
            }
        }
    }
    let elapsed = started.elapsed();
    println!(
        "read {rows} rows ({valid} valid, {errors} errors) in {elapsed:.2?}: {:.0} rows/s, {:.0} MB/s",
        rows as f64 / elapsed.as_secs_f64(),
        size as f64 / 1e6 / elapsed.as_secs_f64()
    );
    Ok(())
}
