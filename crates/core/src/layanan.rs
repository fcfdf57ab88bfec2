//! Public-service transactions (REFERENCE §6): one document from "requirements complete and
//! registered" (`mulai`) to "document handed over" (`selesai`). Times are WIB (UTC+7) unless an
//! offset is given; the service time is `selesai − mulai`. Statistics: median and p90 by linear
//! interpolation between order statistics (like PostgreSQL's `percentile_cont`), and the share
//! within the unit's standard.
//!
//! - `sebaran`: packed monthly summaries and exact percentiles over many sorted parts.

pub mod sebaran;
mod waktu;

use time::format_description::well_known::Rfc3339;
use time::macros::format_description;
use time::{OffsetDateTime, PrimitiveDateTime, UtcOffset};

use crate::error::{FieldError, ValidationErrors, clean_text};
use crate::org::OrgKode;

/// Jambi's time zone (WIB).
pub fn wib() -> UtcOffset {
    UtcOffset::from_hms(7, 0, 0).unwrap_or(UtcOffset::UTC)
}

/// Parses an ISO 8601 date-time: with an offset (`2025-03-04T09:15:00+07:00`, `…Z`), or without
/// one (`2025-03-04T09:15:00`, `2025-03-04 09:15`), which is read as WIB.
///
/// # Errors
/// Anything else, with an Indonesian message.
pub fn parse_waktu(s: &str) -> Result<OffsetDateTime, String> {
    let t = crate::error::trim(s);
    waktu::cepat(t, wib()).map_or_else(|| parse_waktu_umum(t), Ok)
}

/// [`parse_waktu`] by the general parser (every accepted shape; the error message).
fn parse_waktu_umum(t: &str) -> Result<OffsetDateTime, String> {
    if let Ok(d) = OffsetDateTime::parse(t, &Rfc3339) {
        return Ok(d);
    }
    let norm = t.replacen(' ', "T", 1);
    let with_secs = format_description!("[year]-[month]-[day]T[hour]:[minute]:[second]");
    let no_secs = format_description!("[year]-[month]-[day]T[hour]:[minute]");
    PrimitiveDateTime::parse(&norm, &with_secs)
        .or_else(|_| PrimitiveDateTime::parse(&norm, &no_secs))
        .map(|p| p.assume_offset(wib()))
        .map_err(|_| format!("waktu harus ISO 8601, mis. 2025-03-04T09:15:00 (WIB) atau dengan zona +07:00; ditemukan '{t}'"))
}

/// Raw transaction fields as imported.
#[derive(Debug, Clone, Default)]
pub struct TransaksiInput {
    /// Organisation code of the service unit.
    pub unit: String,
    /// Service type code (`ktp-el`, …).
    pub layanan: String,
    /// Ticket or registration number, unique per unit.
    pub tiket: String,
    /// Requirements complete and registered.
    pub mulai: String,
    /// Document handed over.
    pub selesai: String,
    /// NIP of the officer (optional).
    pub nip_petugas: String,
    /// Channel (counter, online, MPP …; optional).
    pub kanal: String,
}

/// [`TransaksiInput`] borrowed from the cells of an import row (no copy per field).
#[derive(Debug, Clone, Copy, Default)]
pub struct TransaksiRef<'a> {
    /// Organisation code of the service unit.
    pub unit: &'a str,
    /// Service type code.
    pub layanan: &'a str,
    /// Ticket.
    pub tiket: &'a str,
    /// Start.
    pub mulai: &'a str,
    /// End.
    pub selesai: &'a str,
    /// NIP of the officer (optional).
    pub nip_petugas: &'a str,
    /// Channel (optional).
    pub kanal: &'a str,
}

/// A validated transaction.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Transaksi {
    /// Unit.
    pub unit: OrgKode,
    /// Service type code (checked against the stored types by the caller).
    pub layanan: String,
    /// Ticket.
    pub tiket: String,
    /// Start.
    pub mulai: OffsetDateTime,
    /// Service time in seconds.
    pub durasi_detik: i64,
    /// Local (WIB) date of the start: the day the service counts in.
    pub tanggal: time::Date,
    /// Officer NIP.
    pub nip_petugas: Option<String>,
    /// Channel.
    pub kanal: Option<String>,
}

impl Transaksi {
    /// Validates every field, collecting all errors.
    ///
    /// # Errors
    /// Each invalid field; `selesai` before `mulai` is an error on `selesai`.
    pub fn validate(i: &TransaksiInput) -> Result<Transaksi, ValidationErrors> {
        Self::validate_ref(&TransaksiRef {
            unit: &i.unit,
            layanan: &i.layanan,
            tiket: &i.tiket,
            mulai: &i.mulai,
            selesai: &i.selesai,
            nip_petugas: &i.nip_petugas,
            kanal: &i.kanal,
        })
    }

    /// [`Transaksi::validate`] over borrowed fields.
    ///
    /// # Errors
    /// Each invalid field; `selesai` before `mulai` is an error on `selesai`.
    pub fn validate_ref(i: &TransaksiRef<'_>) -> Result<Transaksi, ValidationErrors> {
        let mut errs = ValidationErrors::default();
        let unit = OrgKode::parse(i.unit)
            .map_err(|m| errs.push(FieldError::new("unit", m)))
            .ok();
        let mut text = |f: &str, label: &str, v: &str, req: bool, max: usize| match clean_text(
            f, label, v, req, max,
        ) {
            Ok(v) => v,
            Err(e) => {
                errs.push(e);
                None
            }
        };
        let layanan = text("layanan", "jenis layanan", i.layanan, true, 50).map(|s| {
            if s.bytes().any(|b| b.is_ascii_uppercase() || !b.is_ascii()) {
                s.to_lowercase()
            } else {
                s
            }
        });
        let tiket = text("tiket", "nomor tiket", i.tiket, true, 64);
        let nip_petugas = text("nip_petugas", "NIP petugas", i.nip_petugas, false, 24);
        let kanal = text("kanal", "kanal", i.kanal, false, 40);
        let mulai = parse_waktu(i.mulai)
            .map_err(|m| errs.push(FieldError::new("mulai", m)))
            .ok();
        let selesai = parse_waktu(i.selesai)
            .map_err(|m| errs.push(FieldError::new("selesai", m)))
            .ok();
        let durasi = match (mulai, selesai) {
            (Some(a), Some(b)) if b < a => {
                errs.push(FieldError::new(
                    "selesai",
                    format!("selesai ({b}) sebelum mulai ({a})"),
                ));
                None
            }
            (Some(a), Some(b)) => Some((b - a).whole_seconds()),
            _ => None,
        };
        match (unit, layanan, tiket, mulai, durasi) {
            (Some(unit), Some(layanan), Some(tiket), Some(mulai), Some(durasi_detik))
                if errs.is_empty() =>
            {
                Ok(Transaksi {
                    unit,
                    layanan,
                    tiket,
                    tanggal: mulai.to_offset(wib()).date(),
                    mulai,
                    durasi_detik,
                    nip_petugas,
                    kanal,
                })
            }
            _ => Err(errs),
        }
    }
}

/// The `p` quantile (0..=1) of sorted values by linear interpolation between order statistics
/// (PostgreSQL `percentile_cont`); None for no values.
pub fn percentile_cont(sorted: &[f64], p: f64) -> Option<f64> {
    let n = sorted.len();
    if n == 0 {
        return None;
    }
    #[allow(
        clippy::cast_precision_loss,
        clippy::cast_possible_truncation,
        clippy::cast_sign_loss
    )]
    {
        let pos = p.clamp(0.0, 1.0) * (n - 1) as f64;
        let lo = pos.floor() as usize;
        let hi = pos.ceil() as usize;
        let (a, b) = (*sorted.get(lo)?, *sorted.get(hi)?);
        Some(a + (b - a) * (pos - lo as f64))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn percentiles_interpolate_like_percentile_cont() {
        let v = [1.0, 2.0, 3.0, 4.0];
        assert_eq!(percentile_cont(&v, 0.5), Some(2.5));
        assert!((percentile_cont(&v, 0.9).unwrap() - 3.7).abs() < 1e-12);
        assert_eq!(percentile_cont(&[7.0], 0.9), Some(7.0));
        assert_eq!(percentile_cont(&[], 0.5), None);
    }

    #[test]
    fn times_are_wib_unless_an_offset_is_given() {
        let a = parse_waktu("2025-03-04T09:15:00").unwrap();
        assert_eq!(a.offset(), wib());
        let b = parse_waktu("2025-03-04T02:15:00Z").unwrap();
        assert_eq!(a, b);
        assert!(parse_waktu("2025-03-04 09:15").is_ok());
        assert!(parse_waktu("04/03/2025 09:15").is_err());
    }

    #[test]
    fn a_transaction_ending_before_it_starts_is_refused() {
        let mut i = TransaksiInput {
            unit: "15.71.05.01".into(),
            layanan: "KTP-el".into(),
            tiket: "A-001".into(),
            mulai: "2025-03-04T09:15:00".into(),
            selesai: "2025-03-04T10:00:30".into(),
            ..Default::default()
        };
        let t = Transaksi::validate(&i).unwrap();
        assert_eq!((t.durasi_detik, t.layanan.as_str()), (2730, "ktp-el"));
        i.selesai = "2025-03-04T09:00:00".into();
        let e = Transaksi::validate(&i).unwrap_err();
        assert!(e.0.iter().any(|f| f.field == "selesai"));
        // Late evening UTC is the next WIB day.
        i.mulai = "2025-03-04T18:30:00Z".into();
        i.selesai = "2025-03-04T19:00:00Z".into();
        assert_eq!(
            Transaksi::validate(&i).unwrap().tanggal,
            time::macros::date!(2025 - 03 - 05)
        );
    }
}
