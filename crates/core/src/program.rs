//! A development program in the catalogue (*katalog program pengembangan kompetensi*) as entered
//! and validated: code, name, jalur by its SIASN id (REFERENCE §3.3), classical or not, organiser
//! (an institution and/or free text), target competencies, JP, cost per participant (integer
//! rupiah, REFERENCE §0 "Identity"), quota, target groups (position types, OPDs), dates and the
//! completion rules. Also the audited JP correction after completions (issue 4 "Bad input") and the
//! status a program has on a given day.

use serde::{Deserialize, Deserializer};

use crate::error::{ValidationErrors, clean_text};
use crate::jabatan::JenisJabatan;
use crate::jp::Jalur;
use crate::peserta::{AturanKelulusan, parse_nilai};

/// Highest JP a program may credit (a sanity bound: the longest leadership training is a few
/// hundred JP).
pub const MAKS_JP: u32 = 1000;

/// Reads a JSON string, number, boolean, null or array of those as text (arrays joined with
/// commas), so the API takes `"jp": 24` as well as `"jp": "24"` and `"opd": ["A", "B"]` as well as
/// `"opd": "A,B"`; forms send text anyway.
fn lenient<'de, D: Deserializer<'de>>(d: D) -> Result<String, D::Error> {
    fn teks(v: &bentuk_json::Value) -> String {
        match v {
            bentuk_json::Value::Null => String::new(),
            bentuk_json::Value::Bool(b) => b.to_string(),
            bentuk_json::Value::Int(n) => n.to_string(),
            bentuk_json::Value::Float(n) => n.to_string(),
            bentuk_json::Value::Str(s) => s.clone(),
            bentuk_json::Value::List(l) => l.iter().map(teks).collect::<Vec<_>>().join(","),
        }
    }
    Ok(teks(&bentuk_json::Value::deserialize(d)?))
}

/// The few JSON shapes [`lenient`] accepts (core has no JSON dependency).
mod bentuk_json {
    use serde::Deserialize;

    #[derive(Deserialize)]
    #[serde(untagged)]
    pub(super) enum Value {
        Null,
        Bool(bool),
        Int(i64),
        Float(f64),
        Str(String),
        List(Vec<Value>),
    }
}

/// A program as entered (form or JSON): every field text, kept as typed so a refused form shows it
/// again.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize, serde::Serialize)]
#[allow(missing_docs)]
pub struct ProgramInput {
    #[serde(default, deserialize_with = "lenient")]
    pub kode: String,
    #[serde(default, deserialize_with = "lenient")]
    pub nama: String,
    /// SIASN jenis diklat id (`8`) or code (`jd08`).
    #[serde(default, deserialize_with = "lenient")]
    pub jalur: String,
    /// `klasikal`, `nonklasikal`, or empty (from the jalur).
    #[serde(default, deserialize_with = "lenient")]
    pub bentuk: String,
    /// Organiser as free text (may be empty when `lembaga` is given).
    #[serde(default, deserialize_with = "lenient")]
    pub penyelenggara: String,
    /// Code of the organising institution, if any.
    #[serde(default, deserialize_with = "lenient")]
    pub lembaga: String,
    #[serde(default, deserialize_with = "lenient")]
    pub kompetensi: String,
    #[serde(default, deserialize_with = "lenient")]
    pub jp: String,
    /// Rupiah per participant; `.` as thousands separator is allowed.
    #[serde(default, deserialize_with = "lenient")]
    pub biaya: String,
    /// Empty = not limited.
    #[serde(default, deserialize_with = "lenient")]
    pub kuota: String,
    /// Position type codes, comma-separated (empty = all).
    #[serde(default, deserialize_with = "lenient")]
    pub sasaran_jabatan: String,
    /// OPD codes, comma-separated (empty = all).
    #[serde(default, deserialize_with = "lenient")]
    pub opd: String,
    #[serde(default, deserialize_with = "lenient")]
    pub mulai: String,
    #[serde(default, deserialize_with = "lenient")]
    pub selesai: String,
    /// Completion rule, percent of sessions (empty = 80).
    #[serde(default, deserialize_with = "lenient")]
    pub min_hadir_persen: String,
    /// Completion rule, post-test (empty = 60; 0 = none).
    #[serde(default, deserialize_with = "lenient")]
    pub min_nilai_post: String,
}

/// A validated program. OPD and institution codes are checked for form here and resolved against
/// the stored registry by the storage layer.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
#[allow(missing_docs)]
pub struct Program {
    pub kode: String,
    pub nama: String,
    pub jalur: Jalur,
    pub klasikal: bool,
    pub penyelenggara: Option<String>,
    pub lembaga: Option<String>,
    pub kompetensi: Option<String>,
    pub jp: u32,
    pub biaya: i64,
    pub kuota: Option<u32>,
    pub sasaran_jabatan: Vec<String>,
    pub opd: Vec<String>,
    pub mulai: time::Date,
    pub selesai: time::Date,
    pub aturan: AturanKelulusan,
}

impl Program {
    /// The JP year: JP count in the year of completion, i.e. of the program's last day
    /// (REFERENCE §0 "JP and participation").
    pub fn tahun(&self) -> i32 {
        self.selesai.year()
    }
}

fn teks(
    errs: &mut ValidationErrors,
    field: &str,
    label: &str,
    v: &str,
    wajib: bool,
    max: usize,
) -> Option<String> {
    clean_text(field, label, v, wajib, max)
        .map_err(|e| errs.push(e))
        .ok()
        .flatten()
}

/// A whole number in `lo..=hi` from text; `.` thousands separators are allowed when `ribuan`.
fn angka(
    errs: &mut ValidationErrors,
    field: &str,
    pesan: &str,
    v: &str,
    lo: i64,
    hi: i64,
    ribuan: bool,
) -> Option<i64> {
    let t: String = v
        .trim()
        .chars()
        .filter(|c| !(ribuan && (*c == '.' || *c == ' ')))
        .collect();
    match t.parse::<i64>() {
        Ok(n) if (lo..=hi).contains(&n) => Some(n),
        _ => {
            errs.add(field, pesan);
            None
        }
    }
}

/// Splits a comma-separated list, dropping blanks.
pub fn daftar(s: &str) -> Vec<String> {
    s.split(',')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_string)
        .collect()
}

/// Checks a program code: letters, digits, `-`, `_`, `.`, at most 60 (it is a path segment of
/// `/program/{kode}` and part of the certificate numbers). Upper-cased.
pub fn kode_program(errs: &mut ValidationErrors, v: &str) -> String {
    let kode = v.trim().to_uppercase();
    if kode.is_empty() {
        errs.add("kode", "kode program wajib diisi");
    } else if kode.chars().count() > 60
        || !kode
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "-_.".contains(c))
    {
        errs.add(
            "kode",
            "kode program hanya huruf, angka, '-', '_' atau '.', paling panjang 60",
        );
    }
    kode
}

impl ProgramInput {
    /// Validates every field, collecting all problems (one message per bad field).
    ///
    /// # Errors
    /// The field messages.
    pub fn validate(&self) -> Result<Program, ValidationErrors> {
        let mut errs = ValidationErrors::new();
        let kode = kode_program(&mut errs, &self.kode);
        let nama = teks(&mut errs, "nama", "nama program", &self.nama, true, 200);
        // REFERENCE §3.3: the SIASN "jenis diklat" ids 1–25 are the jalur codes.
        let jalur = if self.jalur.trim().is_empty() {
            errs.add("jalur", "jalur wajib dipilih (jenis diklat SIASN 1–25)");
            None
        } else {
            Jalur::parse(&self.jalur)
                .map_err(|e| errs.add("jalur", e))
                .ok()
        };
        let klasikal = match self.bentuk.trim().to_lowercase().as_str() {
            "" => jalur.map(Jalur::klasikal),
            "klasikal" | "true" | "1" => Some(true),
            "nonklasikal" | "false" | "0" => Some(false),
            _ => {
                errs.add("bentuk", "bentuk harus klasikal atau nonklasikal");
                None
            }
        };
        let penyelenggara = teks(
            &mut errs,
            "penyelenggara",
            "penyelenggara",
            &self.penyelenggara,
            false,
            200,
        );
        let lembaga = teks(&mut errs, "lembaga", "lembaga", &self.lembaga, false, 30)
            .map(|l| l.to_uppercase());
        if penyelenggara.is_none() && lembaga.is_none() && !errs.has("penyelenggara") {
            errs.add(
                "penyelenggara",
                "isi penyelenggara atau pilih lembaga pelatihan",
            );
        }
        let kompetensi = teks(
            &mut errs,
            "kompetensi",
            "kompetensi sasaran",
            &self.kompetensi,
            false,
            500,
        );
        let jp = angka(
            &mut errs,
            "jp",
            &format!("JP harus bilangan bulat 1–{MAKS_JP}"),
            &self.jp,
            1,
            i64::from(MAKS_JP),
            false,
        );
        let biaya = if self.biaya.trim().is_empty() {
            Some(0)
        } else {
            angka(
                &mut errs,
                "biaya",
                "biaya per peserta harus bilangan bulat rupiah ≥ 0, mis. 2.750.000",
                &self.biaya,
                0,
                1_000_000_000_000,
                true,
            )
        };
        let kuota = if self.kuota.trim().is_empty() {
            None
        } else {
            angka(
                &mut errs,
                "kuota",
                "kuota harus bilangan bulat 1–100.000, atau kosong bila tidak dibatasi",
                &self.kuota,
                1,
                100_000,
                true,
            )
        };
        let mut sasaran_jabatan = Vec::new();
        for code in daftar(&self.sasaran_jabatan) {
            let c = code.to_lowercase();
            if JenisJabatan::ALL.iter().any(|j| j.code() == c) {
                if !sasaran_jabatan.contains(&c) {
                    sasaran_jabatan.push(c);
                }
            } else {
                errs.add(
                    "sasaran_jabatan",
                    format!("jenis jabatan tidak dikenal: {code}"),
                );
            }
        }
        let mut opd: Vec<String> = Vec::new();
        for k in daftar(&self.opd) {
            if !opd.contains(&k) {
                opd.push(k);
            }
        }
        let mulai = tanggal_wajib(&mut errs, "mulai", &self.mulai);
        let selesai = tanggal_wajib(&mut errs, "selesai", &self.selesai);
        if let (Some(m), Some(s)) = (mulai, selesai)
            && s < m
        {
            errs.add(
                "selesai",
                "tanggal selesai tidak boleh sebelum tanggal mulai",
            );
        }
        let mut persen = |field: &str, label: &str, s: &str, bawaan: u8| -> u8 {
            match parse_nilai(field, s) {
                Ok(v) => v.unwrap_or(bawaan),
                Err(_) => {
                    errs.add(field, format!("{label} harus bilangan bulat 0–100"));
                    bawaan
                }
            }
        };
        let asal = AturanKelulusan::default();
        let aturan = AturanKelulusan {
            min_hadir_persen: persen(
                "min_hadir_persen",
                "kehadiran minimal",
                &self.min_hadir_persen,
                asal.min_hadir_persen,
            ),
            min_nilai_post: persen(
                "min_nilai_post",
                "nilai post-test minimal",
                &self.min_nilai_post,
                asal.min_nilai_post,
            ),
        };
        match (nama, jalur, klasikal, jp, biaya, mulai, selesai) {
            (
                Some(nama),
                Some(jalur),
                Some(klasikal),
                Some(jp),
                Some(biaya),
                Some(mulai),
                Some(selesai),
            ) if errs.is_empty() => Ok(Program {
                kode,
                nama,
                jalur,
                klasikal,
                penyelenggara,
                lembaga,
                kompetensi,
                jp: u32::try_from(jp).unwrap_or(0),
                biaya,
                kuota: kuota.and_then(|k| u32::try_from(k).ok()),
                sasaran_jabatan,
                opd,
                mulai,
                selesai,
                aturan,
            }),
            _ => Err(errs),
        }
    }
}

fn tanggal_wajib(errs: &mut ValidationErrors, field: &str, v: &str) -> Option<time::Date> {
    if v.trim().is_empty() {
        errs.add(field, "tanggal wajib diisi (TTTT-BB-HH)");
        return None;
    }
    let d = crate::lembaga::tanggal(field, v, errs)?;
    if !(2000..=2100).contains(&d.year()) {
        errs.add(field, "tahun harus 2000–2100");
        return None;
    }
    Some(d)
}

/// A JP correction after completions as entered: the new JP and the reason (issue 4 "Bad input":
/// JP changes after completion need an audited correction).
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize, serde::Serialize)]
#[allow(missing_docs)]
pub struct KoreksiJpInput {
    #[serde(default, deserialize_with = "lenient")]
    pub jp: String,
    #[serde(default, deserialize_with = "lenient")]
    pub alasan: String,
}

impl KoreksiJpInput {
    /// The new JP (1..=[`MAKS_JP`]) and the reason (required, at most 500 characters).
    ///
    /// # Errors
    /// The field messages.
    pub fn validate(&self) -> Result<(u32, String), ValidationErrors> {
        let mut errs = ValidationErrors::new();
        let jp = angka(
            &mut errs,
            "jp",
            &format!("JP baru harus bilangan bulat 1–{MAKS_JP}"),
            &self.jp,
            1,
            i64::from(MAKS_JP),
            false,
        );
        let alasan = teks(
            &mut errs,
            "alasan",
            "alasan koreksi",
            &self.alasan,
            true,
            500,
        );
        match (jp, alasan) {
            (Some(jp), Some(alasan)) if errs.is_empty() => {
                Ok((u32::try_from(jp).unwrap_or(0), alasan))
            }
            _ => Err(errs),
        }
    }
}

/// Where a program stands on a given day (derived from its dates, not stored).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StatusProgram {
    /// Starts after today.
    AkanDatang,
    /// Runs today.
    Berlangsung,
    /// Ended before today.
    Selesai,
}

impl StatusProgram {
    /// Every status.
    pub const ALL: [StatusProgram; 3] = [
        StatusProgram::AkanDatang,
        StatusProgram::Berlangsung,
        StatusProgram::Selesai,
    ];

    /// The status of a program running `mulai..=selesai` on `hari_ini`.
    pub fn pada(mulai: time::Date, selesai: time::Date, hari_ini: time::Date) -> StatusProgram {
        if hari_ini < mulai {
            StatusProgram::AkanDatang
        } else if hari_ini > selesai {
            StatusProgram::Selesai
        } else {
            StatusProgram::Berlangsung
        }
    }
    /// Query code.
    pub fn code(self) -> &'static str {
        match self {
            StatusProgram::AkanDatang => "akan_datang",
            StatusProgram::Berlangsung => "berlangsung",
            StatusProgram::Selesai => "selesai",
        }
    }
    /// Label.
    pub fn label(self) -> &'static str {
        match self {
            StatusProgram::AkanDatang => "Akan datang",
            StatusProgram::Berlangsung => "Berlangsung",
            StatusProgram::Selesai => "Selesai",
        }
    }
    /// From the code.
    pub fn parse(s: &str) -> Option<StatusProgram> {
        StatusProgram::ALL
            .into_iter()
            .find(|x| x.code() == s.trim())
    }
}

#[cfg(test)]
mod tests;
