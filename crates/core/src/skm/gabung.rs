//! Roll-ups (*gabungan*) of SKM results up the organisation tree: service → unit → OPD →
//! kabupaten/kota → province (REFERENCE §0.7).
//!
//! Units are combined by pooling their responses (so each counts by its respondents), never by
//! averaging their indices; a unit with no responses is left out and listed as "no data".

use super::{Akumulator, Bobot, HasilIkm};

/// The pooled accumulator of several units, and which units had data.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Gabungan<K> {
    /// All responses of the units with data, pooled.
    pub total: Akumulator,
    /// Units that contributed responses, in input order.
    pub berdata: Vec<K>,
    /// Units without any response ("tidak ada data"), in input order; they are not in `total`.
    pub tanpa_data: Vec<K>,
}

impl<K> Gabungan<K> {
    /// The index of the pooled responses.
    pub fn hitung(&self, bobot: Bobot) -> HasilIkm {
        self.total.hitung(bobot)
    }
}

/// Pools the accumulators of `units` (key, accumulator), e.g. every unit of one OPD.
pub fn gabung<'a, K>(units: impl IntoIterator<Item = (K, &'a Akumulator)>) -> Gabungan<K> {
    let mut hasil = Gabungan {
        total: Akumulator::default(),
        berdata: Vec::new(),
        tanpa_data: Vec::new(),
    };
    for (key, acc) in units {
        if acc.kosong() {
            // REFERENCE §0.7: listed as "no data", never counted as 0.
            hasil.tanpa_data.push(key);
        } else {
            hasil.total.merge(acc);
            hasil.berdata.push(key);
        }
    }
    hasil
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::skm::Mutu;

    fn unit(n: u64, per_unsur_sum: u64) -> Akumulator {
        Akumulator {
            responden: n,
            jumlah: [per_unsur_sum; 9],
            terisi: [n; 9],
        }
    }

    #[test]
    fn empty_units_are_listed_not_counted_as_zero() {
        // Failure mode (§0): unweighted averages of unit indices with empty units counted as 0.
        let a = unit(10, 40); // all 4 → 100.00
        let empty = Akumulator::default();
        let g = gabung([("kecamatan-a", &a), ("kecamatan-b", &empty)]);
        assert_eq!(g.berdata, ["kecamatan-a"]);
        assert_eq!(g.tanpa_data, ["kecamatan-b"]);
        let h = g.hitung(Bobot::default());
        assert_eq!(h.nilai_x100, Some(10_000)); // not 50.00
        assert_eq!(h.mutu, Some(Mutu::A));
        assert_eq!(h.responden, 10);
    }

    #[test]
    fn units_weigh_by_respondents_not_equally() {
        let big = unit(90, 360); // NRR 4
        let small = unit(10, 20); // NRR 2
        let g = gabung([(1, &big), (2, &small)]);
        let h = g.hitung(Bobot::default());
        // Pooled NRR = (360 + 20) / 100 = 3.8 → 95.00; the mean of indices would be 75.00.
        assert_eq!(h.nilai_x100, Some(9500));
        let mean_of_indices = (big.hitung(Bobot::default()).nilai.unwrap()
            + small.hitung(Bobot::default()).nilai.unwrap())
            / 2.0;
        assert!((mean_of_indices - 75.0).abs() < 1e-9);
    }

    #[test]
    fn nothing_with_data_gives_no_index() {
        let empty = Akumulator::default();
        let g = gabung([("x", &empty), ("y", &empty)]);
        assert!(g.berdata.is_empty());
        assert_eq!(g.tanpa_data.len(), 2);
        assert_eq!(g.hitung(Bobot::default()).nilai, None);
        let none: Gabungan<u8> = gabung(std::iter::empty());
        assert!(none.total.kosong());
    }
}
