//! Experiential learning (*pembelajaran berbasis pengalaman*: rotation, special assignment,
//! detasering, internship, coaching and mentoring), external learning claims, and the forecast of
//! who will miss the yearly JP target (issue 4 §3, §5, §6; REFERENCE §0 and §3).
//!
//! Rotation and special assignment are not jalur in Perlan 10/2018; the administrator maps each
//! kind to a jalur (REFERENCE §3.3, last bullets). No JP conversion rate was found in any source,
//! so no default JP is shipped: JP is entered per activity by the assessor, and an instansi may
//! set its own default per kind (REFERENCE §3.4).

use serde::Serialize;

use crate::error::ValidationErrors;
use crate::jp::Jalur;

/// A kind of experiential learning.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum JenisPengalaman {
    /// *Rotasi jabatan*: a move to another position/unit for a period; updates the position history.
    Rotasi,
    /// *Penugasan khusus*: a project in a host unit with a field expert or mentor.
    PenugasanKhusus,
    /// *Detasering (secondment)*.
    Detasering,
    /// *Magang / praktik kerja*.
    Magang,
    /// *Coaching* (a pair with sessions).
    Coaching,
    /// *Mentoring* (a pair with sessions).
    Mentoring,
}

impl JenisPengalaman {
    /// Every kind.
    pub const ALL: [JenisPengalaman; 6] = [
        JenisPengalaman::Rotasi,
        JenisPengalaman::PenugasanKhusus,
        JenisPengalaman::Detasering,
        JenisPengalaman::Magang,
        JenisPengalaman::Coaching,
        JenisPengalaman::Mentoring,
    ];

    /// Stored code.
    pub fn code(self) -> &'static str {
        match self {
            JenisPengalaman::Rotasi => "rotasi",
            JenisPengalaman::PenugasanKhusus => "penugasan_khusus",
            JenisPengalaman::Detasering => "detasering",
            JenisPengalaman::Magang => "magang",
            JenisPengalaman::Coaching => "coaching",
            JenisPengalaman::Mentoring => "mentoring",
        }
    }

    /// Label for pages.
    pub fn nama(self) -> &'static str {
        match self {
            JenisPengalaman::Rotasi => "Rotasi jabatan",
            JenisPengalaman::PenugasanKhusus => "Penugasan khusus",
            JenisPengalaman::Detasering => "Detasering",
            JenisPengalaman::Magang => "Magang",
            JenisPengalaman::Coaching => "Coaching",
            JenisPengalaman::Mentoring => "Mentoring",
        }
    }

    /// Parses the stored code.
    ///
    /// # Errors
    /// An unknown code.
    pub fn parse(s: &str) -> Result<JenisPengalaman, String> {
        let t = s.trim().to_ascii_lowercase();
        JenisPengalaman::ALL
            .into_iter()
            .find(|j| j.code() == t)
            .ok_or_else(|| format!("jenis pengalaman tidak dikenal: '{}'", s.trim()))
    }

    /// The default jalur (SIASN id, REFERENCE §3.3): detasering 18, magang 10 (SIASN puts it among
    /// the classical ids), coaching 14, mentoring 15; a special assignment with a field expert is
    /// closest to *bimbingan di tempat kerja* (24); a rotation is "nonklasikal lainnya" (25). The
    /// administrator may change each (table `pengalaman_aturan`).
    pub fn jalur_bawaan(self) -> Jalur {
        let id = match self {
            JenisPengalaman::Rotasi => 25,
            JenisPengalaman::PenugasanKhusus => 24,
            JenisPengalaman::Detasering => 18,
            JenisPengalaman::Magang => 10,
            JenisPengalaman::Coaching => 14,
            JenisPengalaman::Mentoring => 15,
        };
        Jalur::konstan(id)
    }

    /// Coaching and mentoring are pairs with sessions; a rotation moves the position.
    pub fn berpasangan(self) -> bool {
        matches!(self, JenisPengalaman::Coaching | JenisPengalaman::Mentoring)
    }
}

/// The assessed outcome of an experiential activity.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Hasil {
    /// Objectives exceeded.
    SangatBaik,
    /// Objectives met.
    Baik,
    /// Objectives partly met.
    Cukup,
    /// Objectives not met: nothing is credited.
    TidakTercapai,
}

impl Hasil {
    /// Every value.
    pub const ALL: [Hasil; 4] = [
        Hasil::SangatBaik,
        Hasil::Baik,
        Hasil::Cukup,
        Hasil::TidakTercapai,
    ];

    /// Stored code.
    pub fn code(self) -> &'static str {
        match self {
            Hasil::SangatBaik => "sangat_baik",
            Hasil::Baik => "baik",
            Hasil::Cukup => "cukup",
            Hasil::TidakTercapai => "tidak_tercapai",
        }
    }

    /// Parses the stored code.
    ///
    /// # Errors
    /// An unknown code.
    pub fn parse(s: &str) -> Result<Hasil, String> {
        let t = s.trim().to_ascii_lowercase();
        Hasil::ALL
            .into_iter()
            .find(|h| h.code() == t)
            .ok_or_else(|| format!("hasil tidak dikenal: '{}'", s.trim()))
    }

    /// Whether JP is credited (every outcome but "not met").
    pub fn dikreditkan(self) -> bool {
        self != Hasil::TidakTercapai
    }
}

/// Most JP one activity or claim may carry: a year of full-time work is about 1,700 JP, so 1,000
/// is a typing-error guard, not a rule.
pub const JP_MAKS_PER_KEGIATAN: u32 = 1_000;

/// Checks a JP figure, a date span and a required text, adding field errors.
pub fn periksa_dasar(
    errs: &mut ValidationErrors,
    judul: &str,
    mulai: time::Date,
    selesai: time::Date,
    jp: Option<u32>,
) {
    if judul.trim().is_empty() {
        errs.add("judul", "judul wajib diisi");
    } else if judul.chars().count() > 300 {
        errs.add("judul", "judul paling panjang 300 karakter");
    }
    if selesai < mulai {
        errs.add(
            "selesai",
            "tanggal selesai tidak boleh sebelum tanggal mulai",
        );
    }
    if let Some(jp) = jp
        && !(1..=JP_MAKS_PER_KEGIATAN).contains(&jp)
    {
        errs.add(
            "jp",
            format!("JP harus 1–{JP_MAKS_PER_KEGIATAN}, ditemukan {jp}"),
        );
    }
}

/// Checks an evidence link: empty, or an http(s) address.
pub fn periksa_tautan(errs: &mut ValidationErrors, field: &str, tautan: Option<&str>) {
    if let Some(t) = tautan.map(str::trim).filter(|t| !t.is_empty())
        && !(t.starts_with("https://") || t.starts_with("http://"))
    {
        errs.add(field, "tautan bukti harus diawali http:// atau https://");
    }
}

/// The forecast for one employee in one year (issue 4 §6).
///
/// Rule (a product rule, documented here and on `/jp`): the JP credited so far is extrapolated
/// at the current pace to the end of the year (`jp × days_in_year / day_of_year`, never below
/// `jp`), and the JP of approved programs that have not ended yet are added. An employee with a
/// target (PNS; PPPK have a cap, not a minimum, REFERENCE §3.1) whose projection stays below the
/// target is flagged. For a past year the day is the last day, so the projection is the JP itself.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Prakiraan {
    /// JP credited so far.
    pub jp: i64,
    /// JP of approved programs still to come.
    pub jp_terjadwal: i64,
    /// Projected JP at the end of the year.
    pub proyeksi: i64,
    /// Flagged: will miss the target at the current pace.
    pub berisiko: bool,
}

/// Computes the forecast; `hari_ke` is the 1-based day of the year, `hari_setahun` 365 or 366.
pub fn prakiraan(
    jp: i64,
    jp_terjadwal: i64,
    target: i64,
    hari_ke: i64,
    hari_setahun: i64,
) -> Prakiraan {
    let hari_ke = hari_ke.clamp(1, hari_setahun.max(1));
    let laju = (jp * hari_setahun.max(1)) / hari_ke;
    let proyeksi = laju.max(jp) + jp_terjadwal.max(0);
    Prakiraan {
        jp,
        jp_terjadwal,
        proyeksi,
        berisiko: target > 0 && jp < target && proyeksi < target,
    }
}

/// The day of `tahun` the forecast stands on, and the days in that year: today's ordinal in the
/// current year, the last day for a past year, the first day for a future one.
pub fn hari_berjalan(tahun: i32, hari_ini: time::Date) -> (i64, i64) {
    let n = i64::from(time::util::days_in_year(tahun));
    let k = match tahun.cmp(&hari_ini.year()) {
        std::cmp::Ordering::Less => n,
        std::cmp::Ordering::Equal => i64::from(hari_ini.ordinal()),
        std::cmp::Ordering::Greater => 1,
    };
    (k, n)
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::date;

    #[test]
    fn kinds_round_trip_and_map_to_jalur() {
        for j in JenisPengalaman::ALL {
            assert_eq!(JenisPengalaman::parse(j.code()), Ok(j));
        }
        assert_eq!(JenisPengalaman::Detasering.jalur_bawaan().id(), 18);
        assert_eq!(JenisPengalaman::Rotasi.jalur_bawaan().id(), 25);
        assert!(JenisPengalaman::parse("cuti").is_err());
        assert!(!Hasil::TidakTercapai.dikreditkan() && Hasil::Cukup.dikreditkan());
    }

    #[test]
    fn basic_checks_name_fields() {
        let mut e = ValidationErrors::new();
        periksa_dasar(
            &mut e,
            " ",
            date!(2025 - 02 - 02),
            date!(2025 - 02 - 01),
            Some(0),
        );
        periksa_tautan(&mut e, "tautan", Some("ftp://x"));
        assert!(e.has("judul") && e.has("selesai") && e.has("jp") && e.has("tautan"));
        let mut ok = ValidationErrors::new();
        periksa_dasar(
            &mut ok,
            "Seminar",
            date!(2025 - 02 - 01),
            date!(2025 - 02 - 01),
            Some(8),
        );
        periksa_tautan(&mut ok, "tautan", Some("https://contoh.go.id/s.pdf"));
        assert!(ok.is_empty());
    }

    #[test]
    fn forecast_extrapolates_the_pace_and_adds_scheduled_programs() {
        // Halfway through the year with 8 JP: pace gives 16, below 20.
        let p = prakiraan(8, 0, 20, 183, 365);
        assert_eq!((p.proyeksi, p.berisiko), (15, true));
        // A scheduled 8-JP program lifts it over the target.
        assert!(!prakiraan(8, 8, 20, 183, 365).berisiko);
        // Early in the year a small start extrapolates far: 2 JP in January is on pace.
        assert!(!prakiraan(2, 0, 20, 31, 365).berisiko);
        // Nothing yet and nothing scheduled: flagged whatever the day.
        assert!(prakiraan(0, 0, 20, 10, 365).berisiko);
        // A past year: the projection is the JP itself.
        assert_eq!(prakiraan(19, 0, 20, 365, 365).proyeksi, 19);
        // PPPK (no minimum) and those already at the target are never flagged.
        assert!(!prakiraan(0, 0, 0, 300, 365).berisiko);
        assert!(!prakiraan(20, 0, 20, 300, 365).berisiko);
        assert_eq!(hari_berjalan(2024, date!(2025 - 03 - 01)), (366, 366));
        assert_eq!(hari_berjalan(2025, date!(2025 - 03 - 01)), (60, 365));
        assert_eq!(hari_berjalan(2026, date!(2025 - 03 - 01)), (1, 365));
    }
}
