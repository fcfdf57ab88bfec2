//! [`Pegawai::validate`]: turns a [`PegawaiInput`] into a [`Pegawai`], collecting every field
//! error, and cross-checks the NIP against the birth date and sex (REFERENCE §5.1, §0 "Identity").

use time::Date;

use super::{JenisAsn, JenisKelamin, Pegawai, PegawaiInput, StatusPegawai, parse_tanggal};
use crate::error::{FieldError, ValidationErrors, clean_text};
use crate::golongan::Golongan;
use crate::jabatan::JenisJabatan;
use crate::nip::Nip;
use crate::org::OrgKode;

/// Maximum length of `nama`.
pub const MAX_NAMA: usize = 120;
/// Maximum length of `jabatan`.
pub const MAX_JABATAN: usize = 200;
/// Maximum length of `jenjang`.
pub const MAX_JENJANG: usize = 100;
/// Maximum length of `gelar_depan` and `gelar_belakang`.
pub const MAX_GELAR: usize = 60;

/// Collects errors and warnings while one record is checked.
#[derive(Default)]
struct Check {
    errs: ValidationErrors,
    warnings: Vec<FieldError>,
}

impl Check {
    fn take<T>(&mut self, field: &str, r: Result<T, String>) -> Option<T> {
        r.map_err(|m| self.errs.add(field, m)).ok()
    }

    fn text(
        &mut self,
        field: &str,
        label: &str,
        v: &str,
        required: bool,
        max: usize,
    ) -> Option<String> {
        clean_text(field, label, v, required, max)
            .map_err(|e| self.errs.push(e))
            .ok()
            .flatten()
    }

    /// A NIP/data disagreement: an error for a PNS (the NIP is authoritative, §5.1), only a
    /// warning for a PPPK, whose NI structure is unverified (§5.1 [M]).
    fn mismatch(&mut self, strict: bool, field: &str, message: String) {
        if strict {
            self.errs.add(field, message);
        } else {
            self.warnings.push(FieldError::new(field, message));
        }
    }
}

fn is_blank(s: &str) -> bool {
    crate::error::trim(s).is_empty()
}

impl Pegawai {
    /// Validates a raw record and collects **all** field errors, each named after its
    /// [`PegawaiInput`] field.
    ///
    /// - `nip`: PNS strict ([`Nip::parse`]); PPPK lenient ([`Nip::parse_pppk`], doubts become
    ///   warnings). A PNS NIP whose birth date or sex digit disagrees with `tanggal_lahir` or
    ///   `jenis_kelamin` is an error on that field (a warning for PPPK).
    /// - `nama` required, at most 120 characters; `jabatan` required, at most 200; optional
    ///   `jenjang`, `gelar_depan`, `gelar_belakang`: empty → `None`. All text is trimmed and may
    ///   not hold control characters; HTML- or SQL-looking text is kept as-is.
    /// - `golongan` must fit `jenis_asn`; `unit` must be an [`OrgKode`]; `status` empty → aktif;
    ///   `tmt_jabatan` optional and not before the birth date.
    /// - `eselon` resolves "struktural"; an eselon that disagrees with an explicit
    ///   `jenis_jabatan` is a warning (many posts became fungsional in 2021–2022, §5.4).
    pub fn validate(input: &PegawaiInput) -> Result<Pegawai, ValidationErrors> {
        let mut c = Check::default();

        let nama = c.text("nama", "nama", &input.nama, true, MAX_NAMA);
        let gelar_depan = c.text(
            "gelar_depan",
            "gelar depan",
            &input.gelar_depan,
            false,
            MAX_GELAR,
        );
        let gelar_belakang = c.text(
            "gelar_belakang",
            "gelar belakang",
            &input.gelar_belakang,
            false,
            MAX_GELAR,
        );
        let jenis_asn = c.take("jenis_asn", JenisAsn::parse(&input.jenis_asn));
        let nip = parse_nip(&mut c, &input.nip, jenis_asn);
        // Disagreements with the NIP block a PNS record (or one whose kind is unknown).
        let strict = jenis_asn != Some(JenisAsn::Pppk);

        let jenis_kelamin = c.take("jenis_kelamin", JenisKelamin::parse(&input.jenis_kelamin));
        let tanggal_lahir = if is_blank(&input.tanggal_lahir) {
            let hint = nip
                .as_ref()
                .and_then(Nip::tanggal_lahir)
                .map(|d| format!(" (menurut NIP: {d})"))
                .unwrap_or_default();
            c.errs
                .add("tanggal_lahir", format!("tanggal lahir wajib diisi{hint}"));
            None
        } else {
            c.take("tanggal_lahir", parse_tanggal(&input.tanggal_lahir))
        };
        if let Some(nip) = &nip {
            // REFERENCE §5.1: digits 1–8 are the birth date.
            if let (Some(from_nip), Some(given)) = (nip.tanggal_lahir(), tanggal_lahir)
                && from_nip != given
            {
                c.mismatch(
                    strict,
                    "tanggal_lahir",
                    format!(
                        "tanggal lahir {given} tidak sesuai dengan NIP {nip} (digit 1–8 \
                         menunjukkan {from_nip})"
                    ),
                );
            }
            // REFERENCE §5.1: digit 15 is the sex (1 = L, 2 = P).
            if let (Some(from_nip), Some(given)) = (nip.jenis_kelamin(), jenis_kelamin)
                && from_nip != given
            {
                c.mismatch(
                    strict,
                    "jenis_kelamin",
                    format!(
                        "jenis kelamin {} tidak sesuai dengan NIP {nip} (digit ke-15 \
                         menunjukkan {})",
                        given.label(),
                        from_nip.label()
                    ),
                );
            }
        }

        let golongan = parse_golongan(&mut c, &input.golongan, jenis_asn);
        let jenis_jabatan = parse_jenis_jabatan(&mut c, &input.jenis_jabatan, &input.eselon);
        let jabatan = c.text("jabatan", "jabatan", &input.jabatan, true, MAX_JABATAN);
        let jenjang = c.text(
            "jenjang",
            "jenjang jabatan",
            &input.jenjang,
            false,
            MAX_JENJANG,
        );
        let unit = c.take("unit", OrgKode::parse(&input.unit));
        let status = if is_blank(&input.status) {
            Some(StatusPegawai::Aktif)
        } else {
            c.take("status", StatusPegawai::parse(&input.status))
        };
        let tmt_jabatan = parse_tmt_jabatan(&mut c, &input.tmt_jabatan, tanggal_lahir);

        let Check { errs, warnings } = c;
        match (
            nip,
            nama,
            jenis_kelamin,
            tanggal_lahir,
            jenis_asn,
            golongan,
            jenis_jabatan,
            jabatan,
            unit,
            status,
            tmt_jabatan,
        ) {
            (
                Some(nip),
                Some(nama),
                Some(jenis_kelamin),
                Some(tanggal_lahir),
                Some(jenis_asn),
                Some(golongan),
                Some(jenis_jabatan),
                Some(jabatan),
                Some(unit),
                Some(status),
                Ok(tmt_jabatan),
            ) if errs.is_empty() => Ok(Pegawai {
                nip,
                nama,
                gelar_depan,
                gelar_belakang,
                jenis_kelamin,
                tanggal_lahir,
                jenis_asn,
                golongan,
                jenis_jabatan,
                jabatan,
                jenjang,
                unit,
                status,
                tmt_jabatan,
                warnings,
            }),
            _ => Err(errs),
        }
    }
}

/// NIP per kind of ASN. With an unknown kind only the shape is checked, so the operator is not
/// shown PNS rules that may not apply.
fn parse_nip(c: &mut Check, raw: &str, jenis: Option<JenisAsn>) -> Option<Nip> {
    let parsed = match jenis {
        Some(JenisAsn::Pns) => Nip::parse(raw),
        Some(JenisAsn::Pppk) => Nip::parse_pppk(raw).map(|(nip, warnings)| {
            c.warnings
                .extend(warnings.into_iter().map(|w| FieldError::new("nip", w)));
            nip
        }),
        None => Nip::parse_digits(raw),
    };
    parsed.map_err(|e| c.errs.add("nip", e.to_string())).ok()
}

/// Golongan per kind of ASN; with an unknown kind, either form is accepted here (the
/// `jenis_asn` error already blocks the record).
fn parse_golongan(c: &mut Check, raw: &str, jenis: Option<JenisAsn>) -> Option<Golongan> {
    match jenis {
        Some(j) => c.take("golongan", Golongan::parse(raw, j)),
        None => {
            let any = Golongan::parse(raw, JenisAsn::Pns)
                .or_else(|_| Golongan::parse(raw, JenisAsn::Pppk));
            if any.is_err() {
                c.errs.add(
                    "golongan",
                    format!(
                        "golongan tidak dikenali: '{}' (PNS mis. III/a, PPPK mis. IX)",
                        raw.trim()
                    ),
                );
            }
            any.ok()
        }
    }
}

fn parse_jenis_jabatan(c: &mut Check, raw: &str, eselon: &str) -> Option<JenisJabatan> {
    let from_eselon = match JenisJabatan::from_eselon(eselon) {
        Ok(e) => e,
        Err(m) => {
            c.errs.add("eselon", m);
            None
        }
    };
    let given = JenisJabatan::parse(raw, if from_eselon.is_some() { eselon } else { "" });
    let given = c.take("jenis_jabatan", given)?;
    if let Some(e) = from_eselon
        && e != given
    {
        c.warnings.push(FieldError::new(
            "eselon",
            format!(
                "eselon {} setara {}, tetapi jenis jabatan {} (periksa apakah eselon masih \
                 berlaku)",
                eselon.trim(),
                e.label(),
                given.label()
            ),
        ));
    }
    Some(given)
}

/// `Err(())` when a given value is wrong (the error is recorded), `Ok(None)` when empty.
fn parse_tmt_jabatan(c: &mut Check, raw: &str, lahir: Option<Date>) -> Result<Option<Date>, ()> {
    if is_blank(raw) {
        return Ok(None);
    }
    let tmt = parse_tanggal(raw).map_err(|m| c.errs.add("tmt_jabatan", m))?;
    if let Some(lahir) = lahir
        && tmt <= lahir
    {
        c.errs.add(
            "tmt_jabatan",
            format!("TMT jabatan {tmt} harus sesudah tanggal lahir {lahir}"),
        );
        return Err(());
    }
    Ok(Some(tmt))
}

#[cfg(test)]
mod tests;
