//! The survey definition (*definisi survei*) of a service unit and service type (issue 3 §1).
//!
//! The nine standard questions, their wording and their four answer options are fixed by
//! PermenPANRB 14/2017 (REFERENCE §1.3) and never come from a definition. What varies between
//! units is configurable here, because REFERENCE marks it so:
//! - the Q4 (*biaya/tarif*) labels: the official text was not seen and local apps deviate (§1.3);
//! - the respondent profile code lists — education, occupation, age bands (§1.4: "the code lists
//!   should therefore be configurable");
//! - extra local questions (text, or the same 1..4 scale), stored with the response and shown in
//!   the results, but **never** part of the index: they are kept apart from [`super::Jawaban`],
//!   so the IKM engine cannot see them;
//! - whether a single-use token is required, and how long a token stays valid (no rule was
//!   found for either: the defaults are product choices).
//!
//! Resolution: unit + service type, else unit, else the province default, else [`Definisi::default`].

use serde::{Deserialize, Serialize};

use super::Unsur;
use crate::error::{FieldError, ValidationErrors, clean_text};

/// Most local questions per definition.
pub const MAX_LOKAL: usize = 10;
/// Longest text answer to a local question (characters).
pub const MAX_TEKS_LOKAL: usize = 500;
/// Default validity of a single-use token, hours (configurable; no regulation sets it).
pub const TOKEN_JAM_BAWAAN: u32 = 72;

/// How a local question is answered.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum JenisLokal {
    /// Free text.
    Teks,
    /// The 1..4 scale (shown as 1 = worst … 4 = best).
    Skala,
}

impl JenisLokal {
    /// `teks` or `skala`.
    pub fn code(self) -> &'static str {
        match self {
            JenisLokal::Teks => "teks",
            JenisLokal::Skala => "skala",
        }
    }
}

/// One extra local question.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PertanyaanLokal {
    /// Form field name, `l1`…`l10` (by position in the definition).
    pub kode: String,
    /// The question as shown.
    pub teks: String,
    /// Text or scale.
    pub jenis: JenisLokal,
}

/// A survey definition (see the module doc).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Definisi {
    /// The four Q4 answer labels, scores 1..4 in order (REFERENCE §1.3).
    pub label_biaya: [String; 4],
    /// Education codes offered (REFERENCE §1.4).
    pub pendidikan: Vec<String>,
    /// Occupation codes offered (REFERENCE §1.4).
    pub pekerjaan: Vec<String>,
    /// Lower bounds of the age bands used in reports, ascending (REFERENCE §1.4: age is stored
    /// as an integer, bands are derived).
    pub batas_umur: Vec<u8>,
    /// Extra local questions (never in the index).
    pub lokal: Vec<PertanyaanLokal>,
    /// A response needs a single-use token.
    pub token_wajib: bool,
    /// Token validity, hours.
    pub token_jam: u32,
}

impl Default for Definisi {
    /// The standard questionnaire of REFERENCE §1.3/§1.4, with the local variants D1–D3, D4/S1,
    /// *Pelajar/Mahasiswa* (§1.4) that Jambi units use.
    fn default() -> Self {
        let s = |v: &[&str]| v.iter().map(|x| (*x).to_string()).collect::<Vec<_>>();
        Definisi {
            label_biaya: Unsur::Biaya.pilihan().map(str::to_string),
            pendidikan: s(&["SD", "SMP", "SMA", "D1-D3", "D4/S1", "S2", "S3"]),
            pekerjaan: s(&[
                "PNS",
                "TNI/Polri",
                "Swasta",
                "Wiraswasta",
                "Petani/Nelayan",
                "Pelajar/Mahasiswa",
                "Ibu rumah tangga",
                "Lainnya",
            ]),
            batas_umur: vec![15, 25, 35, 45, 55, 65],
            lokal: Vec::new(),
            token_wajib: false,
            token_jam: TOKEN_JAM_BAWAAN,
        }
    }
}

/// The raw fields of the definition form.
#[derive(Debug, Clone, Default, Deserialize)]
#[allow(missing_docs)]
pub struct DefinisiInput {
    #[serde(default)]
    pub biaya1: String,
    #[serde(default)]
    pub biaya2: String,
    #[serde(default)]
    pub biaya3: String,
    #[serde(default)]
    pub biaya4: String,
    /// One code per line.
    #[serde(default)]
    pub pendidikan: String,
    /// One code per line.
    #[serde(default)]
    pub pekerjaan: String,
    /// Comma-separated lower bounds.
    #[serde(default)]
    pub batas_umur: String,
    /// One question per line: `skala | question` or `teks | question`.
    #[serde(default)]
    pub lokal: String,
    /// "1" when a token is required.
    #[serde(default)]
    pub token_wajib: String,
    #[serde(default)]
    pub token_jam: String,
}

/// An answer to a local question.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct JawabanLokal {
    /// The question's code.
    pub kode: String,
    /// The question as it was asked (kept with the answer).
    pub pertanyaan: String,
    /// Scale answer 1..4.
    pub skala: Option<u8>,
    /// Text answer.
    pub teks: Option<String>,
}

fn lines(s: &str) -> impl Iterator<Item = &str> {
    s.lines().map(str::trim).filter(|l| !l.is_empty())
}

impl Definisi {
    /// The form's fields for this definition (the edit page starts from them).
    pub fn input(&self) -> DefinisiInput {
        let [b1, b2, b3, b4] = self.label_biaya.clone();
        DefinisiInput {
            biaya1: b1,
            biaya2: b2,
            biaya3: b3,
            biaya4: b4,
            pendidikan: self.pendidikan.join("\n"),
            pekerjaan: self.pekerjaan.join("\n"),
            batas_umur: self
                .batas_umur
                .iter()
                .map(u8::to_string)
                .collect::<Vec<_>>()
                .join(", "),
            lokal: self
                .lokal
                .iter()
                .map(|l| format!("{} | {}", l.jenis.code(), l.teks))
                .collect::<Vec<_>>()
                .join("\n"),
            token_wajib: if self.token_wajib { "1" } else { "" }.into(),
            token_jam: self.token_jam.to_string(),
        }
    }

    /// Validates the form, collecting every error.
    ///
    /// # Errors
    /// Each invalid field, with a message in Bahasa Indonesia.
    pub fn validate(i: &DefinisiInput) -> Result<Definisi, ValidationErrors> {
        let mut errs = ValidationErrors::default();
        let mut label_biaya: [String; 4] = Default::default();
        for (n, (slot, v)) in label_biaya
            .iter_mut()
            .zip([&i.biaya1, &i.biaya2, &i.biaya3, &i.biaya4])
            .enumerate()
        {
            let field = format!("biaya{}", n + 1);
            match clean_text(&field, &format!("label biaya {}", n + 1), v, true, 60) {
                Ok(Some(s)) => *slot = s,
                Ok(None) => {}
                Err(e) => errs.push(e),
            }
        }
        let mut list = |field: &str, label: &str, raw: &str| {
            let mut out: Vec<String> = Vec::new();
            for l in lines(raw) {
                match clean_text(field, label, l, true, 60) {
                    Ok(Some(s)) if !out.contains(&s) => out.push(s),
                    Ok(_) => {}
                    Err(e) => errs.push(e),
                }
            }
            if out.is_empty() || out.len() > 30 {
                errs.push(FieldError::new(field, format!("{label}: isi 1–30 pilihan")));
            }
            out
        };
        let pendidikan = list("pendidikan", "daftar pendidikan", &i.pendidikan);
        let pekerjaan = list("pekerjaan", "daftar pekerjaan", &i.pekerjaan);
        let mut batas_umur = Vec::new();
        for p in i
            .batas_umur
            .split(',')
            .map(str::trim)
            .filter(|p| !p.is_empty())
        {
            match p.parse::<u8>() {
                Ok(n) if (super::UMUR_MIN..=super::UMUR_MAKS).contains(&n) => batas_umur.push(n),
                _ => errs.push(FieldError::new(
                    "batas_umur",
                    format!("batas umur harus angka 15–100, ditemukan '{p}'"),
                )),
            }
        }
        if batas_umur.is_empty() || batas_umur.windows(2).any(|w| w[0] >= w[1]) {
            errs.push(FieldError::new(
                "batas_umur",
                "batas kelompok umur harus naik, mis. 15, 25, 35, 45, 55, 65",
            ));
        }
        let mut lokal = Vec::new();
        for l in lines(&i.lokal) {
            let (jenis, teks) = match l.split_once('|') {
                Some((j, t)) if j.trim().eq_ignore_ascii_case("skala") => (JenisLokal::Skala, t),
                Some((j, t)) if j.trim().eq_ignore_ascii_case("teks") => (JenisLokal::Teks, t),
                _ => {
                    errs.push(FieldError::new(
                        "lokal",
                        format!("tulis 'skala | pertanyaan' atau 'teks | pertanyaan': '{l}'"),
                    ));
                    continue;
                }
            };
            match clean_text("lokal", "pertanyaan lokal", teks, true, 300) {
                Ok(Some(teks)) => lokal.push(PertanyaanLokal {
                    kode: format!("l{}", lokal.len() + 1),
                    teks,
                    jenis,
                }),
                Ok(None) => {}
                Err(e) => errs.push(e),
            }
        }
        if lokal.len() > MAX_LOKAL {
            errs.push(FieldError::new(
                "lokal",
                format!("paling banyak {MAX_LOKAL} pertanyaan lokal"),
            ));
        }
        let token_jam = match i.token_jam.trim().parse::<u32>() {
            Ok(n) if (1..=24 * 366).contains(&n) => n,
            _ => {
                errs.push(FieldError::new(
                    "token_jam",
                    "masa berlaku token harus 1–8784 jam",
                ));
                TOKEN_JAM_BAWAAN
            }
        };
        errs.into_result(Definisi {
            label_biaya,
            pendidikan,
            pekerjaan,
            batas_umur,
            lokal,
            token_wajib: matches!(i.token_wajib.trim(), "1" | "on" | "ya"),
            token_jam,
        })
    }

    /// The four Q4 options as shown (scores 1..4); the other questions keep the standard ones.
    pub fn pilihan(&self, u: Unsur) -> [String; 4] {
        if u == Unsur::Biaya {
            self.label_biaya.clone()
        } else {
            u.pilihan().map(str::to_string)
        }
    }

    /// The age band of `umur`, e.g. "25–34" or "≥ 65" ("< 15" below the first bound).
    pub fn kelompok_umur(&self, umur: u8) -> String {
        let Some(pos) = self.batas_umur.iter().rposition(|b| umur >= *b) else {
            return format!("< {}", self.batas_umur.first().copied().unwrap_or(0));
        };
        match self.batas_umur.get(pos + 1) {
            Some(next) => format!("{}–{}", self.batas_umur[pos], next - 1),
            None => format!("≥ {}", self.batas_umur[pos]),
        }
    }

    /// Validates the answers to the local questions; `get` returns a field's raw value by code.
    /// Unanswered questions are left out.
    ///
    /// # Errors
    /// A scale answer outside 1..4, or a text answer too long or with control characters.
    pub fn jawaban_lokal<'a>(
        &self,
        get: impl Fn(&str) -> Option<&'a str>,
    ) -> Result<Vec<JawabanLokal>, ValidationErrors> {
        let mut errs = ValidationErrors::default();
        let mut out = Vec::new();
        for q in &self.lokal {
            let raw = get(&q.kode).map(str::trim).unwrap_or("");
            if raw.is_empty() {
                continue;
            }
            let (skala, teks) = match q.jenis {
                JenisLokal::Skala => match raw.parse::<u8>() {
                    Ok(v) if (1..=4).contains(&v) => (Some(v), None),
                    _ => {
                        errs.push(FieldError::new(
                            q.kode.clone(),
                            format!("jawaban harus 1, 2, 3 atau 4, ditemukan '{raw}'"),
                        ));
                        continue;
                    }
                },
                JenisLokal::Teks => {
                    match clean_text(&q.kode, "jawaban", raw, false, MAX_TEKS_LOKAL) {
                        Ok(t) => (None, t),
                        Err(e) => {
                            errs.push(e);
                            continue;
                        }
                    }
                }
            };
            out.push(JawabanLokal {
                kode: q.kode.clone(),
                pertanyaan: q.teks.clone(),
                skala,
                teks,
            });
        }
        errs.into_result(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn input() -> DefinisiInput {
        DefinisiInput {
            biaya1: "Tidak wajar".into(),
            biaya2: "Kurang wajar".into(),
            biaya3: "Wajar".into(),
            biaya4: "Sangat wajar".into(),
            pendidikan: "SD ke bawah\nSMP\nSMA\nS1".into(),
            pekerjaan: "PNS\nBuruh/Tani\n".into(),
            batas_umur: "17, 30, 50".into(),
            lokal: "skala | Apakah petugas memakai tanda pengenal?\nteks | Apa yang paling perlu diperbaiki?".into(),
            token_wajib: "1".into(),
            token_jam: "24".into(),
        }
    }

    #[test]
    fn default_is_the_standard_questionnaire() {
        let d = Definisi::default();
        assert_eq!(
            d.pilihan(Unsur::Biaya),
            ["Sangat mahal", "Cukup mahal", "Murah", "Gratis"].map(String::from)
        );
        assert!(!d.token_wajib);
        // The default survives its own form.
        assert_eq!(Definisi::validate(&d.input()).unwrap(), d);
    }

    #[test]
    fn configured_labels_lists_and_local_questions() {
        let d = Definisi::validate(&input()).unwrap();
        assert_eq!(d.pilihan(Unsur::Biaya)[3], "Sangat wajar");
        // Only Q4 is configurable: the other questions keep the standard options.
        assert_eq!(d.pilihan(Unsur::Waktu)[0], "Tidak cepat");
        assert_eq!(d.pendidikan[0], "SD ke bawah");
        assert_eq!(d.lokal.len(), 2);
        assert_eq!(d.lokal[1].kode, "l2");
        assert_eq!(d.lokal[1].jenis, JenisLokal::Teks);
        assert!(d.token_wajib);
        assert_eq!(d.token_jam, 24);
        assert_eq!(d.kelompok_umur(16), "< 17");
        assert_eq!(d.kelompok_umur(30), "30–49");
        assert_eq!(d.kelompok_umur(80), "≥ 50");
    }

    #[test]
    fn bad_definitions_report_every_field() {
        let mut i = input();
        i.biaya2 = String::new();
        i.batas_umur = "30, 20".into();
        i.lokal = "pilihan ganda | Mengapa?".into();
        i.token_jam = "0".into();
        i.pekerjaan = String::new();
        let e = Definisi::validate(&i).unwrap_err();
        for f in ["biaya2", "batas_umur", "lokal", "token_jam", "pekerjaan"] {
            assert!(e.has(f), "no error on {f}: {e}");
        }
    }

    #[test]
    fn local_answers_are_checked_and_kept_with_their_question() {
        let d = Definisi::validate(&input()).unwrap();
        let ok = d
            .jawaban_lokal(|k| match k {
                "l1" => Some("4"),
                "l2" => Some("  antrean  "),
                _ => None,
            })
            .unwrap();
        assert_eq!(ok.len(), 2);
        assert_eq!(ok[0].skala, Some(4));
        assert_eq!(ok[1].teks.as_deref(), Some("antrean"));
        assert_eq!(ok[1].pertanyaan, "Apa yang paling perlu diperbaiki?");
        let e = d.jawaban_lokal(|k| (k == "l1").then_some("5")).unwrap_err();
        assert!(e.has("l1"));
        assert!(d.jawaban_lokal(|_| None).unwrap().is_empty());
    }
}
