//! Post-training evaluation after Kirkpatrick (REFERENCE §3.7; no LAN pedoman exists, so the
//! instruments below are product choices, configurable only by code):
//!
//! - **Level 1, reaction** (*reaksi*): five statements on trainer, material and facilities (the
//!   LKPP level-1 instrument covers the same three areas), answered 1..5 (*sangat tidak setuju* ..
//!   *sangat setuju*), plus a comment. Open only to participants who attended at least one session;
//!   one response per participant.
//! - **Level 3, behaviour** (*tindak lanjut*): four statements on on-the-job change, rated 1..4 by
//!   the participant's supervisor 3 and 6 months after completion.

use crate::error::{ValidationErrors, clean_text};

/// The level-1 statements, in order (`r1`..`r5`).
pub const REAKSI: [&str; 5] = [
    "Materi pelatihan sesuai dengan kebutuhan pekerjaan saya",
    "Pengajar menguasai materi dan menyampaikannya dengan jelas",
    "Metode, sarana dan bahan pembelajaran mendukung pemahaman",
    "Waktu dan jadwal pelatihan memadai",
    "Secara keseluruhan saya puas dengan pelatihan ini",
];

/// The level-1 answer labels, 1..5.
pub const SKALA_REAKSI: [&str; 5] = [
    "Sangat tidak setuju",
    "Tidak setuju",
    "Ragu-ragu",
    "Setuju",
    "Sangat setuju",
];

/// The level-3 statements, in order (`b1`..`b4`).
pub const PERILAKU: [&str; 4] = [
    "Menerapkan pengetahuan dan keterampilan dari pelatihan dalam pekerjaan",
    "Kualitas hasil kerja yang terkait materi pelatihan meningkat",
    "Berbagi pengetahuan dari pelatihan dengan rekan kerja",
    "Lebih mandiri menyelesaikan tugas yang terkait materi pelatihan",
];

/// The level-3 answer labels, 1..4.
pub const SKALA_PERILAKU: [&str; 4] = [
    "Tidak ada perubahan",
    "Sedikit perubahan",
    "Perubahan nyata",
    "Perubahan sangat nyata",
];

/// The months after completion at which the supervisor assesses.
pub const TAHAP_BULAN: [u8; 2] = [3, 6];

/// Validated answers with an optional comment.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Jawaban<const N: usize> {
    /// Scores, one per statement.
    pub skor: [u8; N],
    /// Free comment.
    pub komentar: Option<String>,
}

/// Parses `N` answers on `1..=max` (fields `{prefix}1`..`{prefix}N`) and a comment.
///
/// # Errors
/// One message per missing or out-of-range answer.
pub fn jawaban<const N: usize>(
    prefix: &str,
    max: u8,
    raw: &[&str; N],
    komentar: &str,
) -> Result<Jawaban<N>, ValidationErrors> {
    let mut errs = ValidationErrors::new();
    let mut skor = [0u8; N];
    for (i, s) in raw.iter().enumerate() {
        let field = format!("{prefix}{}", i + 1);
        match s.trim().parse::<u8>() {
            Ok(v) if (1..=max).contains(&v) => skor[i] = v,
            _ if s.trim().is_empty() => errs.add(field, "pernyataan ini wajib dijawab"),
            _ => errs.add(field, format!("jawaban harus 1 sampai {max}")),
        }
    }
    let komentar = clean_text("komentar", "komentar", komentar, false, 1000)
        .map_err(|e| errs.push(e))
        .ok()
        .flatten();
    errs.into_result(Jawaban { skor, komentar })
}

/// The day `bulan` months after `selesai`, clamped to the month's last day (31 Aug + 6 = 28/29 Feb).
pub fn jatuh_tempo(selesai: time::Date, bulan: u8) -> time::Date {
    let m0 = i32::from(u8::from(selesai.month())) - 1 + i32::from(bulan);
    let year = selesai.year() + m0.div_euclid(12);
    let month = time::Month::try_from(u8::try_from(m0.rem_euclid(12) + 1).unwrap_or(1))
        .unwrap_or(time::Month::January);
    let last = month.length(year);
    time::Date::from_calendar_date(year, month, selesai.day().min(last)).unwrap_or(selesai)
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::date;

    #[test]
    fn due_dates_cross_year_and_clamp_month_end() {
        assert_eq!(jatuh_tempo(date!(2025 - 03 - 15), 3), date!(2025 - 06 - 15));
        assert_eq!(jatuh_tempo(date!(2025 - 10 - 20), 3), date!(2026 - 01 - 20));
        assert_eq!(jatuh_tempo(date!(2025 - 08 - 31), 6), date!(2026 - 02 - 28));
        assert_eq!(jatuh_tempo(date!(2023 - 08 - 31), 6), date!(2024 - 02 - 29));
    }

    #[test]
    fn answers_in_range_only() {
        let ok = jawaban("r", 5, &["1", "5", " 3 ", "4", "2"], " bagus ").unwrap();
        assert_eq!(ok.skor, [1, 5, 3, 4, 2]);
        assert_eq!(ok.komentar.as_deref(), Some("bagus"));
        let e = jawaban("b", 4, &["5", "", "0", "x"], "").unwrap_err();
        assert_eq!(e.len(), 4);
        assert!(e.messages_for("b1").any(|m| m.contains("1 sampai 4")));
        assert!(e.messages_for("b2").any(|m| m.contains("wajib")));
    }
}
