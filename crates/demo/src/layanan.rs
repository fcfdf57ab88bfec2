//! Demo service transactions of the Disdukcapil service units, January 2024 – December 2025, as
//! rows of the `bangkom layanan import` file. The story: in the units of
//! [`crate::skm::KOTA_PELATIHAN_TIK_2025`], whose staff took the ICT bimtek in June 2025, the median
//! service time falls from about 75 to about 35 minutes from July 2025; elsewhere it drifts down
//! only a little (a province-wide queue-system upgrade), so a naive before/after comparison
//! overstates the training's effect and a comparison group is needed.

use std::io::{self, Write};

use crate::rng::Rng;

/// Header of the service-transaction import file.
pub const LAYANAN_HEADER: &[&str] = &[
    "unit",
    "layanan",
    "tiket",
    "mulai",
    "selesai",
    "nip_petugas",
    "kanal",
];

const JENIS: &[&str] = &[
    "ktp-el",
    "ktp-el",
    "kk",
    "kk",
    "akta-kelahiran",
    "akta-kematian",
    "kia",
    "pindah",
];
const KANAL: &[&str] = &["loket", "loket", "loket", "mpp", "online"];

/// Writes the transactions as CSV (about 30 per unit per month); returns the number of rows.
pub fn write_layanan_csv<W: Write>(out: W, seed: u64) -> io::Result<usize> {
    let mut w = io::BufWriter::new(out);
    writeln!(w, "{}", LAYANAN_HEADER.join(","))?;
    let trained = crate::skm::unit_pelatihan_tik_2025();
    let mut n = 0;
    for (ui, unit) in crate::jambi::disdukcapil_units().iter().enumerate() {
        let mut rng = Rng::new(seed, 12_000 + ui as u64);
        let is_trained = trained.contains(unit);
        for year in [2024, 2025] {
            for month in 1..=12u32 {
                let after = year == 2025 && month >= 7;
                let median = match (after, is_trained) {
                    (true, true) => 35.0,
                    (true, false) => 68.0,
                    _ => 75.0,
                };
                let per_month = 24 + rng.below(14) as usize;
                for k in 0..per_month {
                    let day = 1 + rng.below(28);
                    let hour = 8 + rng.below(6);
                    let minute = rng.below(60);
                    // Log-normal-ish spread: the product of the median and e^(noise), noise ~ ±0.9.
                    let noise = (rng.below(1000) as f64 + rng.below(1000) as f64) / 1000.0 - 1.0;
                    let minutes = (median * (noise * 0.9).exp()).max(5.0);
                    let secs = (minutes * 60.0) as u64;
                    let start = hour * 3600 + minute * 60;
                    let end = start + secs;
                    let (eh, em, es) = (end / 3600, (end % 3600) / 60, end % 60);
                    // Services running past midnight are rare; keep them on the same day for simplicity.
                    let (eh, em, es) = if eh >= 24 { (23, 59, 59) } else { (eh, em, es) };
                    writeln!(
                        w,
                        "{unit},{},{unit}-{year}{month:02}-{k:04},{year}-{month:02}-{day:02}T{hour:02}:{minute:02}:00,{year}-{month:02}-{day:02}T{eh:02}:{em:02}:{es:02},,{}",
                        JENIS[rng.below(JENIS.len() as u64) as usize],
                        KANAL[rng.below(KANAL.len() as u64) as usize],
                    )?;
                    n += 1;
                }
            }
        }
    }
    w.flush()?;
    Ok(n)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn deterministic_with_unique_tickets_and_end_after_start() {
        let mut a = Vec::new();
        let mut b = Vec::new();
        let n = write_layanan_csv(&mut a, 3).unwrap();
        write_layanan_csv(&mut b, 3).unwrap();
        assert_eq!(a, b);
        assert!(n > 40_000, "{n}");
        let text = String::from_utf8(a).unwrap();
        let mut tickets = std::collections::HashSet::new();
        for line in text.lines().skip(1) {
            let c: Vec<&str> = line.split(',').collect();
            assert_eq!(c.len(), LAYANAN_HEADER.len(), "{line}");
            assert!(
                tickets.insert((c[0].to_string(), c[2].to_string())),
                "ticket twice: {line}"
            );
            assert!(c[4] >= c[3], "ends before it starts: {line}");
        }
    }
}
