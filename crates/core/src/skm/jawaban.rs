//! One filled questionnaire (*jawaban*, "answers"): a score 1..=4 or nothing for each unsur,
//! keyed by unsur (REFERENCE §0.1, §0.2, §1.3).
//!
//! Serialized as a map from unsur code to score (`{"persyaratan": 4, "waktu": 3}`), so stored
//! answers never depend on a question's position; unanswered unsur are absent, never 0.

use std::collections::BTreeMap;

use super::Unsur;

/// Lowest valid score (answer a) of the 2017 scale (§1.3).
pub const SKOR_MIN: u8 = 1;
/// Highest valid score (answer d) of the 2017 scale (§1.3).
pub const SKOR_MAX: u8 = 4;

/// One questionnaire's answers keyed by unsur (never by position, §0.1); None = not answered
/// (§0.2). Element `i` belongs to `Unsur::ALL[i]`.
///
/// The field is public for pattern matching; build values through [`Jawaban::new`] or
/// [`Jawaban::from_pairs`], which enforce the 1..=4 scale. The accumulator ignores any value
/// outside 1..=4 that slips through, so a forged value can never enter an index.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Jawaban(pub [Option<u8>; 9]);

impl Jawaban {
    /// Validates a full answer array (in [`Unsur::ALL`] order).
    ///
    /// # Errors
    /// A score outside 1..=4 (e.g. a 1–5 or 0–4 scale, a failure mode of §0), or no answer at all.
    pub fn new(values: [Option<u8>; 9]) -> Result<Jawaban, String> {
        for (u, v) in Unsur::ALL.into_iter().zip(values) {
            if let Some(v) = v {
                periksa_skor(u, v)?;
            }
        }
        if values.iter().all(Option::is_none) {
            return Err("kuesioner kosong: tidak ada unsur yang dijawab".to_string());
        }
        Ok(Jawaban(values))
    }

    /// Builds answers from `(unsur, score)` pairs, e.g. from an import keyed by column name.
    ///
    /// # Errors
    /// A score outside 1..=4, the same unsur given twice, or no pair at all.
    pub fn from_pairs(pairs: impl IntoIterator<Item = (Unsur, u8)>) -> Result<Jawaban, String> {
        let mut values = [None; 9];
        for (u, v) in pairs {
            periksa_skor(u, v)?;
            let slot = &mut values[u.index()];
            if slot.is_some() {
                return Err(format!("unsur {} dijawab lebih dari sekali", u.code()));
            }
            *slot = Some(v);
        }
        Jawaban::new(values)
    }

    /// The score given for `u`, or `None` if it was not answered.
    pub fn get(&self, u: Unsur) -> Option<u8> {
        self.0[u.index()]
    }

    /// The score for `u` if it is a valid 1..=4 score; what the accumulator counts.
    pub(crate) fn skor_sah(&self, u: Unsur) -> Option<u8> {
        self.get(u).filter(|v| (SKOR_MIN..=SKOR_MAX).contains(v))
    }

    /// Number of unsur answered with a valid score.
    pub fn terisi(&self) -> usize {
        Unsur::ALL
            .into_iter()
            .filter(|&u| self.skor_sah(u).is_some())
            .count()
    }
}

fn periksa_skor(u: Unsur, v: u8) -> Result<(), String> {
    if (SKOR_MIN..=SKOR_MAX).contains(&v) {
        Ok(())
    } else {
        Err(format!(
            "nilai unsur {} harus 1 sampai 4 (ditemukan {v})",
            u.code()
        ))
    }
}

impl serde::Serialize for Jawaban {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let map: BTreeMap<&str, u8> = Unsur::ALL
            .into_iter()
            .filter_map(|u| self.get(u).map(|v| (u.code(), v)))
            .collect();
        serde::Serialize::serialize(&map, s)
    }
}

impl<'de> serde::Deserialize<'de> for Jawaban {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let map = BTreeMap::<String, u8>::deserialize(d)?;
        let mut pairs = Vec::with_capacity(map.len());
        for (k, v) in map {
            let u = Unsur::parse(&k).map_err(serde::de::Error::custom)?;
            pairs.push((u, v));
        }
        Jawaban::from_pairs(pairs).map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Deserialize;
    use serde::de::value::{Error as DeError, MapDeserializer};

    #[test]
    fn accepts_partial_answers_and_reads_by_unsur() {
        let j = Jawaban::new([
            Some(4),
            None,
            Some(1),
            None,
            None,
            None,
            None,
            None,
            Some(3),
        ])
        .unwrap();
        assert_eq!(j.get(Unsur::Persyaratan), Some(4));
        assert_eq!(j.get(Unsur::Prosedur), None);
        assert_eq!(j.get(Unsur::Sarana), Some(3));
        assert_eq!(j.terisi(), 3);
    }

    #[test]
    fn rejects_five_point_and_zero_scores() {
        // Failure mode (§0): a 1–5 scale must not be accepted.
        let err = Jawaban::new([Some(5); 9]).unwrap_err();
        assert_eq!(
            err,
            "nilai unsur persyaratan harus 1 sampai 4 (ditemukan 5)"
        );
        let err =
            Jawaban::new([Some(3), Some(0), None, None, None, None, None, None, None]).unwrap_err();
        assert!(
            err.contains("prosedur") && err.contains("ditemukan 0"),
            "{err}"
        );
        assert!(Jawaban::from_pairs([(Unsur::Waktu, 5)]).is_err());
    }

    #[test]
    fn rejects_empty_and_duplicate() {
        assert!(Jawaban::new([None; 9]).unwrap_err().contains("kosong"));
        assert!(Jawaban::from_pairs([]).is_err());
        let err = Jawaban::from_pairs([(Unsur::Biaya, 4), (Unsur::Biaya, 3)]).unwrap_err();
        assert!(err.contains("biaya"), "{err}");
    }

    #[test]
    fn pairs_are_placed_by_unsur_whatever_their_order() {
        let a = Jawaban::from_pairs([(Unsur::Sarana, 2), (Unsur::Pengaduan, 4)]).unwrap();
        let b = Jawaban::from_pairs([(Unsur::Pengaduan, 4), (Unsur::Sarana, 2)]).unwrap();
        assert_eq!(a, b);
        assert_eq!(a.0[Unsur::Pengaduan.index()], Some(4));
        assert_eq!(a.0[Unsur::Sarana.index()], Some(2));
    }

    #[test]
    fn forged_out_of_range_values_are_not_counted() {
        let forged = Jawaban([
            Some(5),
            Some(0),
            Some(4),
            None,
            None,
            None,
            None,
            None,
            None,
        ]);
        assert_eq!(forged.terisi(), 1);
        assert_eq!(forged.skor_sah(Unsur::Persyaratan), None);
    }

    #[test]
    fn deserializes_from_a_map_keyed_by_code() {
        let d = MapDeserializer::<_, DeError>::new(
            vec![("sarana", 2u8), ("PENGADUAN", 4u8)].into_iter(),
        );
        let j = Jawaban::deserialize(d).unwrap();
        assert_eq!(j.get(Unsur::Sarana), Some(2));
        assert_eq!(j.get(Unsur::Pengaduan), Some(4));
        assert_eq!(j.terisi(), 2);

        let bad = MapDeserializer::<_, DeError>::new(vec![("u8", 2u8)].into_iter());
        assert!(Jawaban::deserialize(bad).is_err());
        let five = MapDeserializer::<_, DeError>::new(vec![("waktu", 5u8)].into_iter());
        assert!(Jawaban::deserialize(five).is_err());
    }
}
