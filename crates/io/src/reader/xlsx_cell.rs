//! Converting one XLSX cell value to the text an import sees: strings as is, whole numbers
//! without ".0", dates as ISO 8601, booleans as `TRUE`/`FALSE`; numbers that Excel cannot hold
//! exactly and formula errors are refused.

use calamine::{DataRef, ExcelDateTime};

/// A cell that cannot be imported: `message` explains why; `fallback` is a display text used
/// where a value is needed anyway (a header cell).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct CellProblem {
    pub(crate) fallback: String,
    pub(crate) message: String,
}

const SECONDS_PER_DAY: i64 = 86_400;
/// Smallest number with 16 digits before the decimal point.
const SIXTEEN_DIGITS: f64 = 1e15;

/// The text of a cell, trimmed.
pub(crate) fn cell_text(value: &DataRef<'_>) -> Result<String, CellProblem> {
    match value {
        DataRef::Empty => Ok(String::new()),
        DataRef::String(s) => Ok(s.trim().to_owned()),
        DataRef::SharedString(s) => Ok(s.trim().to_owned()),
        DataRef::Bool(true) => Ok("TRUE".to_owned()),
        DataRef::Bool(false) => Ok("FALSE".to_owned()),
        DataRef::Int(i) => {
            if i.unsigned_abs() >= 1_000_000_000_000_000 {
                Err(too_many_digits(&i.to_string()))
            } else {
                Ok(i.to_string())
            }
        }
        DataRef::Float(f) => number_text(*f),
        DataRef::DateTime(dt) => datetime_text(dt),
        DataRef::DateTimeIso(s) | DataRef::DurationIso(s) => Ok(s.trim().to_owned()),
        DataRef::Error(e) => Err(CellProblem {
            fallback: e.to_string(),
            message: format!(
                "sel berisi galat rumus {e} — perbaiki rumusnya atau ganti dengan nilai biasa"
            ),
        }),
    }
}

/// Whole numbers print without a decimal part; fractions with at most 15 significant digits,
/// as Excel shows them (so 0.1 + 0.2 stays "0.3").
pub(crate) fn number_text(f: f64) -> Result<String, CellProblem> {
    if !f.is_finite() {
        return Err(CellProblem {
            fallback: f.to_string(),
            message: "angka tidak valid".to_owned(),
        });
    }
    if f.abs() >= SIXTEEN_DIGITS {
        return Err(too_many_digits(&format!("{f:.0}")));
    }
    if f.fract() == 0.0 {
        // |f| < 1e15, so the conversion is exact.
        return Ok(format!("{}", f as i64));
    }
    let rounded: f64 = format!("{f:.14e}").parse().unwrap_or(f);
    Ok(rounded.to_string())
}

/// Excel keeps only 15 significant digits of a number, so an 18-digit NIP (or a 16-digit NIK)
/// typed into a number cell has already lost its last digits; the value cannot be trusted.
// REFERENCE §5.1: a NIP is exactly 18 digits; a number cell cannot hold it.
fn too_many_digits(shown: &str) -> CellProblem {
    CellProblem {
        fallback: shown.to_owned(),
        message: format!(
            "angka {shown} memiliki 16 digit atau lebih, padahal Excel hanya menyimpan 15 digit sehingga digit terakhir bisa berubah (misalnya NIP/NIK) — format kolom ini sebagai Teks, ketik ulang nilainya, lalu unggah lagi"
        ),
    }
}

/// Dates as `YYYY-MM-DD`, date-times as `YYYY-MM-DDTHH:MM:SS` (rounded to the second), times of
/// day as `HH:MM:SS`, durations as `H:MM:SS` (hours may exceed 24).
pub(crate) fn datetime_text(dt: &ExcelDateTime) -> Result<String, CellProblem> {
    let serial = dt.as_f64();
    if !serial.is_finite() || serial < 0.0 {
        return Err(CellProblem {
            fallback: serial.to_string(),
            message: "nilai tanggal/waktu tidak valid".to_owned(),
        });
    }
    if dt.is_duration() {
        let total = (serial * SECONDS_PER_DAY as f64).round() as i64;
        return Ok(format!(
            "{}:{:02}:{:02}",
            total / 3600,
            total / 60 % 60,
            total % 60
        ));
    }
    if serial < 1.0 {
        let secs = (serial * SECONDS_PER_DAY as f64).round() as i64;
        if secs < SECONDS_PER_DAY {
            return Ok(format!(
                "{:02}:{:02}:{:02}",
                secs / 3600,
                secs / 60 % 60,
                secs % 60
            ));
        }
    }
    let (year, month, day, hour, minute, second, milli) = dt.to_ymd_hms_milli();
    let mut days = days_from_civil(i64::from(year), i64::from(month), i64::from(day));
    let mut secs = i64::from(hour) * 3600 + i64::from(minute) * 60 + i64::from(second);
    if milli >= 500 {
        secs += 1;
        if secs == SECONDS_PER_DAY {
            secs = 0;
            days += 1;
        }
    }
    let (y, m, d) = civil_from_days(days);
    if secs == 0 {
        Ok(format!("{y:04}-{m:02}-{d:02}"))
    } else {
        Ok(format!(
            "{y:04}-{m:02}-{d:02}T{:02}:{:02}:{:02}",
            secs / 3600,
            secs / 60 % 60,
            secs % 60
        ))
    }
}

/// Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's algorithm).
fn days_from_civil(year: i64, month: i64, day: i64) -> i64 {
    let y = if month <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (month + 9) % 12;
    let doy = (153 * mp + 2) / 5 + day - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// Inverse of [`days_from_civil`].
fn civil_from_days(days: i64) -> (i64, i64, i64) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    (year, month, day)
}

#[cfg(test)]
mod tests {
    use super::*;
    use calamine::ExcelDateTimeType;

    fn date(serial: f64) -> String {
        datetime_text(&ExcelDateTime::new(
            serial,
            ExcelDateTimeType::DateTime,
            false,
        ))
        .expect("valid date")
    }

    #[test]
    fn numbers() {
        assert_eq!(number_text(42.0), Ok("42".to_owned()));
        assert_eq!(number_text(-5.0), Ok("-5".to_owned()));
        assert_eq!(number_text(12.5), Ok("12.5".to_owned()));
        assert_eq!(number_text(0.1 + 0.2), Ok("0.3".to_owned()));
        assert_eq!(
            number_text(999_999_999_999_999.0),
            Ok("999999999999999".to_owned())
        );
        let err = number_text(198_609_262_015_051_001.0).expect_err("18 digits");
        assert!(err.message.contains("16 digit"), "{}", err.message);
    }

    #[test]
    fn dates_and_times() {
        assert_eq!(date(45_943.0), "2025-10-13");
        assert_eq!(date(45_943.5), "2025-10-13T12:00:00");
        // 12:59:59.9996 rounds to the next second, and midnight carries into the next day.
        assert_eq!(
            date(45_943.0 + 46_799.999_6 / 86_400.0),
            "2025-10-13T13:00:00"
        );
        assert_eq!(date(45_943.0 + 86_399.6 / 86_400.0), "2025-10-14");
        assert_eq!(date(0.75), "18:00:00");
        let d = ExcelDateTime::new(1.25, ExcelDateTimeType::TimeDelta, false);
        assert_eq!(datetime_text(&d), Ok("30:00:00".to_owned()));
    }

    #[test]
    fn civil_round_trip() {
        for days in [-800_000, -1, 0, 1, 11_016, 20_000, 2_932_896] {
            let (y, m, d) = civil_from_days(days);
            assert_eq!(days_from_civil(y, m, d), days);
        }
        assert_eq!(civil_from_days(0), (1970, 1, 1));
        assert_eq!(civil_from_days(11_016), (2000, 2, 29));
    }
}
