//! Calendar dates as typed in forms and written in Indonesian spreadsheets: ISO `YYYY-MM-DD`,
//! and day-first `DD-MM-YYYY` / `DD/MM/YYYY`. Impossible dates (31 February) are rejected with a
//! message that says why.

use time::{Date, Month};

/// Earliest year accepted in a date.
const MIN_YEAR: i32 = 1900;

const BULAN: [&str; 12] = [
    "Januari",
    "Februari",
    "Maret",
    "April",
    "Mei",
    "Juni",
    "Juli",
    "Agustus",
    "September",
    "Oktober",
    "November",
    "Desember",
];

fn digits(s: &str, min: usize, max: usize) -> Option<u32> {
    if s.len() < min || s.len() > max || !s.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    s.parse().ok()
}

/// Parses `YYYY-MM-DD` (also `YYYY/MM/DD`, and `YYYY-MM-DD` followed by a time, as exported by
/// databases), `DD-MM-YYYY` or `DD/MM/YYYY` (day and month may have one digit). The year must
/// have four digits and be 1900 or later.
pub fn parse_tanggal(s: &str) -> Result<Date, String> {
    let t = crate::error::trim(s);
    if t.is_empty() {
        return Err("tanggal wajib diisi".into());
    }
    let format_err =
        || format!("format tanggal tidak dikenali: '{t}' (gunakan YYYY-MM-DD atau DD/MM/YYYY)");
    // "1986-09-26T00:00:00" / "1986-09-26 00:00:00": keep the date part.
    let date_part = match (t.get(..10), t.get(10..11)) {
        (Some(head), Some("T" | " ")) => head,
        _ => t,
    };
    let sep = if date_part.contains('/') { '/' } else { '-' };
    let parts: Vec<&str> = date_part.split(sep).collect();
    let [a, b, c] = parts.as_slice() else {
        return Err(format_err());
    };
    let (year, month, day) = if a.len() == 4 {
        (digits(a, 4, 4), digits(b, 1, 2), digits(c, 1, 2))
    } else {
        (digits(c, 4, 4), digits(b, 1, 2), digits(a, 1, 2))
    };
    let (Some(year), Some(month), Some(day)) = (year, month, day) else {
        return Err(format_err());
    };
    let year = i32::try_from(year).map_err(|_| format_err())?;
    if year < MIN_YEAR {
        return Err(format!(
            "tahun pada tanggal '{t}' tidak wajar (paling awal {MIN_YEAR})"
        ));
    }
    let month = u8::try_from(month)
        .ok()
        .and_then(|m| Month::try_from(m).ok())
        .ok_or_else(|| format!("bulan pada tanggal '{t}' harus 1–12"))?;
    let day = u8::try_from(day).unwrap_or(0);
    Date::from_calendar_date(year, month, day).map_err(|_| {
        let last = (28..=31u8)
            .rev()
            .find(|d| Date::from_calendar_date(year, month, *d).is_ok())
            .unwrap_or(28);
        let nama = BULAN
            .get(usize::from(u8::from(month)).saturating_sub(1))
            .unwrap_or(&"");
        format!("tanggal tidak sah: '{t}' ({nama} {year} hanya {last} hari)")
    })
}

#[cfg(test)]
mod tests {
    use time::macros::date;

    use super::*;

    #[test]
    fn accepted_forms() {
        let want = date!(1986 - 09 - 26);
        for s in [
            "1986-09-26",
            " 1986-09-26 ",
            "26-09-1986",
            "26/09/1986",
            "26/9/1986",
            "1986/09/26",
            "1986-09-26T00:00:00",
            "1986-09-26 00:00:00",
        ] {
            assert_eq!(parse_tanggal(s), Ok(want), "{s}");
        }
        assert_eq!(parse_tanggal("1/2/2024"), Ok(date!(2024 - 02 - 01)));
        assert_eq!(parse_tanggal("29/02/2024"), Ok(date!(2024 - 02 - 29)));
    }

    #[test]
    fn impossible_dates_rejected_with_reason() {
        let err = parse_tanggal("2024-02-31").unwrap_err();
        assert_eq!(
            err,
            "tanggal tidak sah: '2024-02-31' (Februari 2024 hanya 29 hari)"
        );
        let err = parse_tanggal("31/02/2024").unwrap_err();
        assert!(err.contains("Februari 2024 hanya 29 hari"), "{err}");
        let err = parse_tanggal("29-02-2023").unwrap_err();
        assert!(err.contains("hanya 28 hari"), "{err}");
        assert!(
            parse_tanggal("31/04/2024")
                .unwrap_err()
                .contains("April 2024 hanya 30")
        );
        assert!(parse_tanggal("00/04/2024").is_err());
        assert!(parse_tanggal("2024-13-01").unwrap_err().contains("bulan"));
    }

    #[test]
    fn unrecognised_formats_rejected() {
        for s in [
            "26.09.1986",
            "26/09/86",
            "1986-9",
            "19860926",
            "26 September 1986",
            "2024-02-3x",
            "1986-09-26-01",
            "26/09-1986",
            "é/é/éééé",
        ] {
            let err = parse_tanggal(s).unwrap_err();
            assert!(
                err.starts_with("format tanggal tidak dikenali"),
                "{s}: {err}"
            );
        }
        assert_eq!(parse_tanggal(" "), Err("tanggal wajib diisi".into()));
        assert!(
            parse_tanggal("01-01-1899")
                .unwrap_err()
                .contains("tidak wajar")
        );
    }
}
