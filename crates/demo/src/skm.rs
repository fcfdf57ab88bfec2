//! Demo SKM questionnaires for the Disdukcapil service units, January 2024 – December 2025, as rows
//! of the `bangkom skm import` file.
//!
//! The story the later impact analysis must find: front-line staff of the Disdukcapil of
//! [`KOTA_PELATIHAN_TIK_2025`] were trained in ICT in June 2025; from July 2025 their citizens rate
//! *waktu* (service time) and *prosedur* clearly better, while the other kabupaten/kota drift up
//! only slightly. Everything else is noise around a "Baik" service.

use std::io::{self, Write};

use crate::rng::Rng;

/// The kabupaten/kota whose Disdukcapil staff took the ICT training in June 2025.
pub const KOTA_PELATIHAN_TIK_2025: &[&str] = &["15.02", "15.05", "15.09", "15.71"];

/// Header of the SKM import file (the contract of `bangkom skm import`).
pub const SKM_HEADER: &[&str] = &[
    "tanggal",
    "unit",
    "layanan",
    "jenis_kelamin",
    "umur",
    "pendidikan",
    "pekerjaan",
    "persyaratan",
    "prosedur",
    "waktu",
    "biaya",
    "produk",
    "kompetensi",
    "perilaku",
    "pengaduan",
    "sarana",
    "saran",
];

/// Disdukcapil service units of the trained kabupaten/kota.
pub fn unit_pelatihan_tik_2025() -> Vec<String> {
    crate::jambi::disdukcapil_units()
        .into_iter()
        .filter(|u| {
            KOTA_PELATIHAN_TIK_2025
                .iter()
                .any(|k| u.starts_with(&format!("{k}.")))
        })
        .collect()
}

/// Disdukcapil service units of the other kabupaten/kota (the comparison group).
pub fn unit_pembanding_tik_2025() -> Vec<String> {
    crate::jambi::disdukcapil_units()
        .into_iter()
        .filter(|u| {
            !KOTA_PELATIHAN_TIK_2025
                .iter()
                .any(|k| u.starts_with(&format!("{k}.")))
        })
        .collect()
}

const LAYANAN: &[&str] = &[
    "ktp-el",
    "kk",
    "akta-kelahiran",
    "akta-kematian",
    "kia",
    "pindah",
];
const PENDIDIKAN: &[&str] = &["SD", "SMP", "SMA", "SMA", "SMA", "D3", "S1", "S1", "S2"];
const PEKERJAAN: &[&str] = &[
    "PNS",
    "TNI/Polri",
    "Swasta",
    "Wiraswasta",
    "Wiraswasta",
    "Petani",
    "Pelajar/Mahasiswa",
    "Ibu rumah tangga",
    "Lainnya",
];

/// Writes the questionnaires as CSV (about 20 per unit per month).
pub fn write_skm_csv<W: Write>(out: W, seed: u64) -> io::Result<usize> {
    let mut w = io::BufWriter::new(out);
    writeln!(w, "{}", SKM_HEADER.join(","))?;
    let trained = unit_pelatihan_tik_2025();
    let mut n = 0;
    for (ui, unit) in crate::jambi::disdukcapil_units().iter().enumerate() {
        let mut rng = Rng::new(seed, 9_000 + ui as u64);
        let is_trained = trained.contains(unit);
        for year in [2024, 2025] {
            for month in 1..=12u8 {
                let after = year == 2025 && month >= 7;
                let per_month = 14 + rng.below(12) as usize;
                for _ in 0..per_month {
                    let day = 1 + rng.below(28);
                    let mut answers = [0i32; 9];
                    for (i, a) in answers.iter_mut().enumerate() {
                        // Base: mostly 3 ("Baik"), some 2 and 4; waktu (index 2) and prosedur (1) weaker.
                        let mut p4 = 22;
                        let mut p2 = 14;
                        if i == 1 || i == 2 {
                            p4 = 12;
                            p2 = 30;
                        }
                        if after && is_trained && (i == 1 || i == 2) {
                            p4 = 48;
                            p2 = 6;
                        } else if after {
                            p4 += 3;
                        }
                        let r = rng.below(100) as i32;
                        *a = if r < p2 / 6 {
                            1
                        } else if r < p2 {
                            2
                        } else if r < 100 - p4 {
                            3
                        } else {
                            4
                        };
                    }
                    let skip = rng.below(40);
                    let cells: Vec<String> = answers
                        .iter()
                        .enumerate()
                        .map(|(i, a)| {
                            if skip == i as u64 {
                                String::new()
                            } else {
                                a.to_string()
                            }
                        })
                        .collect();
                    writeln!(
                        w,
                        "{year}-{month:02}-{day:02},{unit},{},{},{},{},{},{},",
                        LAYANAN[rng.below(LAYANAN.len() as u64) as usize],
                        if rng.below(100) < 52 { "P" } else { "L" },
                        17 + rng.below(55),
                        PENDIDIKAN[rng.below(PENDIDIKAN.len() as u64) as usize],
                        PEKERJAAN[rng.below(PEKERJAAN.len() as u64) as usize],
                        cells.join(","),
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
    fn deterministic_and_split_into_trained_and_comparison_units() {
        let mut a = Vec::new();
        let mut b = Vec::new();
        let n = write_skm_csv(&mut a, 1).unwrap();
        write_skm_csv(&mut b, 1).unwrap();
        assert_eq!(a, b);
        assert!(n > 20_000, "{n}");
        let t = unit_pelatihan_tik_2025();
        let c = unit_pembanding_tik_2025();
        assert!(!t.is_empty() && !c.is_empty());
        assert!(t.iter().all(|u| !c.contains(u)));
        let text = String::from_utf8(a).unwrap();
        assert_eq!(text.lines().next().unwrap(), SKM_HEADER.join(","));
        assert!(
            text.lines()
                .skip(1)
                .all(|l| l.split(',').count() == SKM_HEADER.len())
        );
    }
}
