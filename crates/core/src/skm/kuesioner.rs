//! One SKM questionnaire as entered (web form, paper form, import): the respondent profile of
//! REFERENCE §1.4, the nine answers keyed by unsur (§0.1, §0.2) and an optional comment. Nothing
//! personal beyond the profile is asked (UU 27/2022, REFERENCE §8: no name, no NIK).

use time::Date;

use super::{Jawaban, Unsur};
use crate::error::{FieldError, ValidationErrors, clean_text, trim};
use crate::org::OrgKode;
use crate::pegawai::{JenisKelamin, parse_tanggal};

/// Youngest respondent age accepted.
pub const UMUR_MIN: u8 = 15;
/// Oldest respondent age accepted.
pub const UMUR_MAKS: u8 = 100;
/// Longest comment (characters).
pub const MAX_SARAN: usize = 2000;

/// Raw questionnaire fields; `jawaban` in [`Unsur::ALL`] order ("1".."4" or "" = not answered).
#[derive(Debug, Clone, Default)]
pub struct KuesionerInput {
    /// Date of the service (YYYY-MM-DD).
    pub tanggal: String,
    /// Organisation code of the service unit.
    pub unit: String,
    /// Service type code (optional).
    pub layanan: String,
    /// L/P (optional).
    pub jenis_kelamin: String,
    /// Age in years (optional).
    pub umur: String,
    /// Education (optional, free code such as SD, SMP, SMA, D3, S1, S2, S3).
    pub pendidikan: String,
    /// Occupation (optional).
    pub pekerjaan: String,
    /// The nine answers.
    pub jawaban: [String; 9],
    /// Comment or suggestion (optional).
    pub saran: String,
}

/// The fields of a [`KuesionerInput`] borrowed, e.g. straight from an import's cells, so that a
/// million-row import validates without copying every cell into a `String` first.
#[derive(Debug, Clone, Copy, Default)]
pub struct KuesionerCells<'a> {
    /// Date of the service (YYYY-MM-DD).
    pub tanggal: &'a str,
    /// Organisation code of the service unit.
    pub unit: &'a str,
    /// Service type code (optional).
    pub layanan: &'a str,
    /// L/P (optional).
    pub jenis_kelamin: &'a str,
    /// Age in years (optional).
    pub umur: &'a str,
    /// Education (optional).
    pub pendidikan: &'a str,
    /// Occupation (optional).
    pub pekerjaan: &'a str,
    /// The nine answers, in [`Unsur::ALL`] order.
    pub jawaban: [&'a str; 9],
    /// Comment or suggestion (optional).
    pub saran: &'a str,
}

impl KuesionerInput {
    /// The fields, borrowed.
    pub fn cells(&self) -> KuesionerCells<'_> {
        KuesionerCells {
            tanggal: &self.tanggal,
            unit: &self.unit,
            layanan: &self.layanan,
            jenis_kelamin: &self.jenis_kelamin,
            umur: &self.umur,
            pendidikan: &self.pendidikan,
            pekerjaan: &self.pekerjaan,
            jawaban: std::array::from_fn(|i| self.jawaban[i].as_str()),
            saran: &self.saran,
        }
    }
}

/// A validated questionnaire.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Kuesioner {
    /// Date of the service.
    pub tanggal: Date,
    /// Service unit.
    pub unit: OrgKode,
    /// Service type code.
    pub layanan: Option<String>,
    /// Sex.
    pub jenis_kelamin: Option<JenisKelamin>,
    /// Age.
    pub umur: Option<u8>,
    /// Education.
    pub pendidikan: Option<String>,
    /// Occupation.
    pub pekerjaan: Option<String>,
    /// Answers.
    pub jawaban: Jawaban,
    /// Comment.
    pub saran: Option<String>,
}

impl Kuesioner {
    /// Validates every field, collecting all errors (field names are the import's columns:
    /// the unsur codes for answers). `today` bounds the date: a service cannot lie in the future.
    ///
    /// # Errors
    /// Every invalid field, with a message in Bahasa Indonesia.
    pub fn validate(input: &KuesionerInput, today: Date) -> Result<Kuesioner, ValidationErrors> {
        Kuesioner::validate_cells(&input.cells(), today)
    }

    /// [`Kuesioner::validate`] on borrowed fields.
    ///
    /// # Errors
    /// Every invalid field, with a message in Bahasa Indonesia.
    pub fn validate_cells(
        input: &KuesionerCells<'_>,
        today: Date,
    ) -> Result<Kuesioner, ValidationErrors> {
        let mut errs = ValidationErrors::default();
        let tanggal = match parse_tanggal(input.tanggal) {
            Ok(d) if d > today => {
                errs.push(FieldError::new(
                    "tanggal",
                    format!("tanggal {d} ada di masa depan"),
                ));
                None
            }
            Ok(d) => Some(d),
            Err(m) => {
                errs.push(FieldError::new("tanggal", m));
                None
            }
        };
        let unit = OrgKode::parse(input.unit)
            .map_err(|m| errs.push(FieldError::new("unit", m)))
            .ok();
        let mut text = |field: &str, label: &str, v: &str, max: usize| match clean_text(
            field, label, v, false, max,
        ) {
            Ok(v) => v,
            Err(e) => {
                errs.push(e);
                None
            }
        };
        let layanan = text("layanan", "jenis layanan", input.layanan, 50);
        let pendidikan = text("pendidikan", "pendidikan", input.pendidikan, 50);
        let pekerjaan = text("pekerjaan", "pekerjaan", input.pekerjaan, 80);
        let saran = match trim(input.saran) {
            "" => None,
            s if s.chars().count() > MAX_SARAN => {
                errs.push(FieldError::new(
                    "saran",
                    format!("saran paling panjang {MAX_SARAN} karakter"),
                ));
                None
            }
            s if s
                .chars()
                .any(|c| c.is_control() && c != '\n' && c != '\r' && c != '\t') =>
            {
                errs.push(FieldError::new(
                    "saran",
                    "saran berisi karakter yang tidak sah",
                ));
                None
            }
            s => Some(s.to_string()),
        };
        let jenis_kelamin = match trim(input.jenis_kelamin) {
            "" => None,
            s => JenisKelamin::parse(s)
                .map_err(|m| errs.push(FieldError::new("jenis_kelamin", m)))
                .ok(),
        };
        let umur = match trim(input.umur) {
            "" => None,
            s => match s.parse::<u8>() {
                Ok(n) if (UMUR_MIN..=UMUR_MAKS).contains(&n) => Some(n),
                _ => {
                    errs.push(FieldError::new(
                        "umur",
                        format!("umur harus angka {UMUR_MIN}–{UMUR_MAKS}, ditemukan '{s}'"),
                    ));
                    None
                }
            },
        };
        let mut values = [None; 9];
        for (i, u) in Unsur::ALL.into_iter().enumerate() {
            let raw = input.jawaban.get(i).map_or("", |s| trim(s));
            if raw.is_empty() {
                continue;
            }
            match raw.parse::<u8>() {
                Ok(v) if (1..=4).contains(&v) => values[i] = Some(v),
                _ => errs.push(FieldError::new(
                    u.code(),
                    format!("jawaban harus 1, 2, 3 atau 4 (skala 2017), ditemukan '{raw}'"),
                )),
            }
        }
        let jawaban = if errs.0.iter().any(|e| Unsur::parse(&e.field).is_ok()) {
            None
        } else {
            match Jawaban::new(values) {
                Ok(j) => Some(j),
                Err(m) => {
                    errs.push(FieldError::new("jawaban", m));
                    None
                }
            }
        };
        match (tanggal, unit, jawaban) {
            (Some(tanggal), Some(unit), Some(jawaban)) if errs.is_empty() => Ok(Kuesioner {
                tanggal,
                unit,
                layanan,
                jenis_kelamin,
                umur,
                pendidikan,
                pekerjaan,
                jawaban,
                saran,
            }),
            _ => Err(errs),
        }
    }
}

#[cfg(test)]
mod tests {
    use time::macros::date;

    use super::*;

    fn input(answers: [&str; 9]) -> KuesionerInput {
        KuesionerInput {
            tanggal: "2025-03-04".into(),
            unit: "15.71.05.01".into(),
            umur: "34".into(),
            jenis_kelamin: "P".into(),
            jawaban: answers.map(str::to_string),
            ..Default::default()
        }
    }

    #[test]
    fn valid_questionnaire_keeps_unanswered_as_none() {
        let k = Kuesioner::validate(
            &input(["4", "3", "", "4", "3", "3", "4", "2", "3"]),
            date!(2025 - 12 - 31),
        )
        .unwrap();
        assert_eq!(k.jawaban.get(Unsur::Waktu), None);
        assert_eq!(k.jawaban.get(Unsur::Persyaratan), Some(4));
        assert_eq!(k.umur, Some(34));
        assert_eq!(k.jenis_kelamin, Some(JenisKelamin::P));
    }

    #[test]
    fn five_point_answers_and_bad_fields_are_all_reported() {
        let mut i = input(["5", "0", "x", "4", "3", "3", "4", "2", "3"]);
        i.umur = "7".into();
        i.tanggal = "2025-02-30".into();
        let e = Kuesioner::validate(&i, date!(2025 - 12 - 31)).unwrap_err();
        for f in ["persyaratan", "prosedur", "waktu", "umur", "tanggal"] {
            assert!(
                e.0.iter().any(|x| x.field == f),
                "missing error on {f}: {e}"
            );
        }
    }

    #[test]
    fn empty_questionnaire_and_future_date_are_refused() {
        let e = Kuesioner::validate(&input([""; 9]), date!(2025 - 12 - 31)).unwrap_err();
        assert!(e.0.iter().any(|x| x.field == "jawaban"));
        let e = Kuesioner::validate(&input(["4"; 9]), date!(2025 - 01 - 01)).unwrap_err();
        assert!(
            e.0.iter()
                .any(|x| x.field == "tanggal" && x.message.contains("masa depan"))
        );
    }
}
