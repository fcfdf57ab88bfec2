//! Training institutions (*lembaga pelatihan*) and their cooperation agreements (*perjanjian kerja
//! sama*, PKS). LAN accredits institutions and programmes (REFERENCE §3.5); the grade is kept as
//! entered (e.g. `A`, `B`, `Terakreditasi`) with the date it is valid until.

use crate::error::{ValidationErrors, clean_text};

const DATE: &[time::format_description::FormatItem<'static>] =
    time::macros::format_description!("[year]-[month]-[day]");

/// Government or private.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub enum JenisLembaga {
    /// BPSDM, LAN, a ministry's training centre.
    Pemerintah,
    /// A private provider.
    Swasta,
}

impl JenisLembaga {
    /// `pemerintah` / `swasta`.
    pub fn code(self) -> &'static str {
        match self {
            JenisLembaga::Pemerintah => "pemerintah",
            JenisLembaga::Swasta => "swasta",
        }
    }
    /// Parses the code.
    pub fn parse(s: &str) -> Option<JenisLembaga> {
        match s.trim().to_lowercase().as_str() {
            "pemerintah" => Some(JenisLembaga::Pemerintah),
            "swasta" => Some(JenisLembaga::Swasta),
            _ => None,
        }
    }
}

/// An institution as entered (form or JSON), every field a string.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Deserialize, serde::Serialize)]
#[allow(missing_docs)]
pub struct LembagaInput {
    #[serde(default)]
    pub kode: String,
    #[serde(default)]
    pub nama: String,
    #[serde(default)]
    pub jenis: String,
    #[serde(default)]
    pub akreditasi: String,
    #[serde(default)]
    pub akreditasi_sampai: String,
    #[serde(default)]
    pub kontak_nama: String,
    #[serde(default)]
    pub kontak_email: String,
    #[serde(default)]
    pub kontak_telepon: String,
    #[serde(default)]
    pub alamat: String,
}

/// A validated institution.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
#[allow(missing_docs)]
pub struct Lembaga {
    pub kode: String,
    pub nama: String,
    pub jenis: JenisLembaga,
    pub akreditasi: Option<String>,
    pub akreditasi_sampai: Option<time::Date>,
    pub kontak_nama: Option<String>,
    pub kontak_email: Option<String>,
    pub kontak_telepon: Option<String>,
    pub alamat: Option<String>,
}

/// Parses an optional `YYYY-MM-DD` date.
pub fn tanggal(field: &str, s: &str, errs: &mut ValidationErrors) -> Option<time::Date> {
    let t = s.trim();
    if t.is_empty() {
        return None;
    }
    time::Date::parse(t, DATE)
        .map_err(|_| errs.add(field, "tanggal tidak sah (TTTT-BB-HH)"))
        .ok()
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

impl LembagaInput {
    /// Validates every field, collecting all problems.
    ///
    /// # Errors
    /// One message per bad field.
    pub fn parse(&self) -> Result<Lembaga, ValidationErrors> {
        let mut errs = ValidationErrors::new();
        let kode = self.kode.trim().to_uppercase();
        if kode.is_empty() {
            errs.add("kode", "kode wajib diisi");
        } else if kode.len() > 30
            || !kode
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
        {
            errs.add(
                "kode",
                "kode hanya huruf, angka, '-' atau '_', paling panjang 30",
            );
        }
        let nama = teks(&mut errs, "nama", "nama", &self.nama, true, 200);
        let jenis = JenisLembaga::parse(&self.jenis);
        if jenis.is_none() {
            errs.add("jenis", "jenis harus pemerintah atau swasta");
        }
        let akreditasi = teks(
            &mut errs,
            "akreditasi",
            "akreditasi",
            &self.akreditasi,
            false,
            50,
        );
        let akreditasi_sampai = tanggal("akreditasi_sampai", &self.akreditasi_sampai, &mut errs);
        if akreditasi_sampai.is_some() && akreditasi.is_none() {
            errs.add("akreditasi", "isi akreditasi bila masa berlakunya diisi");
        }
        let kontak_nama = teks(
            &mut errs,
            "kontak_nama",
            "nama kontak",
            &self.kontak_nama,
            false,
            120,
        );
        let kontak_email = teks(
            &mut errs,
            "kontak_email",
            "surel",
            &self.kontak_email,
            false,
            120,
        );
        if let Some(e) = &kontak_email
            && !(e.contains('@') && !e.starts_with('@') && !e.ends_with('@'))
        {
            errs.add("kontak_email", "surel tidak sah");
        }
        let kontak_telepon = teks(
            &mut errs,
            "kontak_telepon",
            "telepon",
            &self.kontak_telepon,
            false,
            30,
        );
        if let Some(t) = &kontak_telepon
            && !t.chars().all(|c| c.is_ascii_digit() || " +-()".contains(c))
        {
            errs.add(
                "kontak_telepon",
                "telepon hanya angka, spasi, +, - atau tanda kurung",
            );
        }
        let alamat = teks(&mut errs, "alamat", "alamat", &self.alamat, false, 300);
        match (nama, jenis) {
            (Some(nama), Some(jenis)) if errs.is_empty() => Ok(Lembaga {
                kode,
                nama,
                jenis,
                akreditasi,
                akreditasi_sampai,
                kontak_nama,
                kontak_email,
                kontak_telepon,
                alamat,
            }),
            _ => Err(errs),
        }
    }
}

/// A cooperation agreement as entered.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Deserialize, serde::Serialize)]
#[allow(missing_docs)]
pub struct PksInput {
    #[serde(default)]
    pub nomor: String,
    #[serde(default)]
    pub mulai: String,
    #[serde(default)]
    pub selesai: String,
    #[serde(default)]
    pub ruang_lingkup: String,
}

/// A validated cooperation agreement.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
#[allow(missing_docs)]
pub struct Pks {
    pub nomor: String,
    pub mulai: time::Date,
    pub selesai: time::Date,
    pub ruang_lingkup: String,
}

impl PksInput {
    /// Validates: number, both dates (start not after end), scope.
    ///
    /// # Errors
    /// One message per bad field.
    pub fn parse(&self) -> Result<Pks, ValidationErrors> {
        let mut errs = ValidationErrors::new();
        let nomor = teks(&mut errs, "nomor", "nomor PKS", &self.nomor, true, 100);
        let mulai = tanggal("mulai", &self.mulai, &mut errs);
        let selesai = tanggal("selesai", &self.selesai, &mut errs);
        for (f, v, s) in [
            ("mulai", mulai, &self.mulai),
            ("selesai", selesai, &self.selesai),
        ] {
            if v.is_none() && s.trim().is_empty() {
                errs.add(f, "tanggal wajib diisi");
            }
        }
        if let (Some(m), Some(s)) = (mulai, selesai)
            && s < m
        {
            errs.add(
                "selesai",
                "tanggal berakhir tidak boleh sebelum tanggal mulai",
            );
        }
        let ruang = teks(
            &mut errs,
            "ruang_lingkup",
            "ruang lingkup",
            &self.ruang_lingkup,
            true,
            500,
        );
        match (nomor, mulai, selesai, ruang) {
            (Some(nomor), Some(mulai), Some(selesai), Some(ruang_lingkup)) if errs.is_empty() => {
                Ok(Pks {
                    nomor,
                    mulai,
                    selesai,
                    ruang_lingkup,
                })
            }
            _ => Err(errs),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn valid_institution_is_normalised() {
        let l = LembagaInput {
            kode: " bpsdm-jambi ".into(),
            nama: "BPSDM Provinsi Jambi".into(),
            jenis: "Pemerintah".into(),
            akreditasi: "A".into(),
            akreditasi_sampai: "2027-12-31".into(),
            kontak_email: "bpsdm@jambiprov.go.id".into(),
            ..Default::default()
        }
        .parse()
        .unwrap();
        assert_eq!(l.kode, "BPSDM-JAMBI");
        assert_eq!(l.jenis, JenisLembaga::Pemerintah);
        assert_eq!(
            l.akreditasi_sampai,
            Some(time::macros::date!(2027 - 12 - 31))
        );
    }

    #[test]
    fn every_bad_field_is_named() {
        let e = LembagaInput {
            kode: "a b".into(),
            jenis: "asing".into(),
            akreditasi_sampai: "31-12-2027".into(),
            kontak_email: "tanpa-at".into(),
            kontak_telepon: "nol delapan".into(),
            ..Default::default()
        }
        .parse()
        .unwrap_err();
        for f in [
            "kode",
            "nama",
            "jenis",
            "akreditasi_sampai",
            "kontak_email",
            "kontak_telepon",
        ] {
            assert!(e.has(f), "{f}: {e}");
        }
    }

    #[test]
    fn agreement_end_before_start_refused() {
        let e = PksInput {
            nomor: "PKS/01/2025".into(),
            mulai: "2025-06-01".into(),
            selesai: "2025-01-01".into(),
            ruang_lingkup: "Pelatihan teknis".into(),
        }
        .parse()
        .unwrap_err();
        assert_eq!(e.len(), 1);
        assert!(e.has("selesai"));
        let e = PksInput::default().parse().unwrap_err();
        for f in ["nomor", "mulai", "selesai", "ruang_lingkup"] {
            assert!(e.has(f), "{f}: {e}");
        }
    }
}
