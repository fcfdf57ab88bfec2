//! Participation in a development program (*peserta*): the statuses of the lifecycle, the
//! completion rules (*syarat kelulusan*), test scores and learning gain (Kirkpatrick level 2,
//! REFERENCE §3.7), and the certificate number (*STTPP*, *Surat Tanda Tamat Pendidikan dan
//! Pelatihan*). JP are credited only on completion (REFERENCE §0 "JP and participation").
//!
//! The lifecycle: an OPD operator nominates (or the ASN applies) → `diusulkan`; beyond the quota →
//! `menunggu` (waitlist); the administrator approves (`disetujui`) or rejects (`ditolak`, with a
//! reason); anyone may withdraw (`dibatalkan`). A rejection or withdrawal frees a seat and the
//! first on the waitlist moves up to `diusulkan`. At the end the completion rules turn every
//! approved participant into `selesai` (JP credited, certificate number) or `tidak_selesai`.

use crate::error::FieldError;

/// The status of one participation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize)]
pub enum StatusPeserta {
    /// Nominated or applied, awaiting the administrator.
    Diusulkan,
    /// On the waitlist: the quota was full when nominated.
    Menunggu,
    /// Approved: takes part.
    Disetujui,
    /// Rejected by the administrator (with a reason).
    Ditolak,
    /// Withdrawn.
    Dibatalkan,
    /// Completed: JP credited, certificate issued.
    Selesai,
    /// Did not meet the completion rules.
    TidakSelesai,
}

impl StatusPeserta {
    /// Every status.
    pub const ALL: [StatusPeserta; 7] = [
        StatusPeserta::Diusulkan,
        StatusPeserta::Menunggu,
        StatusPeserta::Disetujui,
        StatusPeserta::Ditolak,
        StatusPeserta::Dibatalkan,
        StatusPeserta::Selesai,
        StatusPeserta::TidakSelesai,
    ];

    /// Stored code.
    pub fn code(self) -> &'static str {
        match self {
            StatusPeserta::Diusulkan => "diusulkan",
            StatusPeserta::Menunggu => "menunggu",
            StatusPeserta::Disetujui => "disetujui",
            StatusPeserta::Ditolak => "ditolak",
            StatusPeserta::Dibatalkan => "dibatalkan",
            StatusPeserta::Selesai => "selesai",
            StatusPeserta::TidakSelesai => "tidak_selesai",
        }
    }

    /// Display label.
    pub fn label(self) -> &'static str {
        match self {
            StatusPeserta::Diusulkan => "Diusulkan",
            StatusPeserta::Menunggu => "Daftar tunggu",
            StatusPeserta::Disetujui => "Disetujui",
            StatusPeserta::Ditolak => "Ditolak",
            StatusPeserta::Dibatalkan => "Dibatalkan",
            StatusPeserta::Selesai => "Selesai",
            StatusPeserta::TidakSelesai => "Tidak selesai",
        }
    }

    /// From the stored code.
    ///
    /// # Errors
    /// An unknown code.
    pub fn parse(s: &str) -> Result<StatusPeserta, String> {
        StatusPeserta::ALL
            .into_iter()
            .find(|x| x.code() == s)
            .ok_or_else(|| format!("status peserta tidak dikenal: {s}"))
    }

    /// Holds one of the program's places (counted against the quota).
    pub fn menempati_kuota(self) -> bool {
        matches!(
            self,
            StatusPeserta::Diusulkan
                | StatusPeserta::Disetujui
                | StatusPeserta::Selesai
                | StatusPeserta::TidakSelesai
        )
    }

    /// Still in the running: a second nomination of the same person is refused.
    pub fn aktif(self) -> bool {
        !matches!(self, StatusPeserta::Ditolak | StatusPeserta::Dibatalkan)
    }

    /// May still be withdrawn (not yet decided by the completion rules).
    pub fn dapat_dibatalkan(self) -> bool {
        matches!(
            self,
            StatusPeserta::Diusulkan | StatusPeserta::Menunggu | StatusPeserta::Disetujui
        )
    }
}

/// The completion rules of a program (configurable per program; the defaults are product
/// defaults, not from a regulation: 80 % attendance and a post-test of at least 60).
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub struct AturanKelulusan {
    /// Minimum share of the sessions attended, percent.
    pub min_hadir_persen: u8,
    /// Minimum post-test score (0 = no post-test required).
    pub min_nilai_post: u8,
}

impl Default for AturanKelulusan {
    fn default() -> Self {
        AturanKelulusan {
            min_hadir_persen: 80,
            min_nilai_post: 60,
        }
    }
}

impl AturanKelulusan {
    /// Checks the rules and returns why they fail (empty = completed). A program without sessions
    /// has no attendance to count (e.g. e-learning), so the attendance rule does not apply there.
    pub fn periksa(&self, hadir: u32, sesi: u32, nilai_post: Option<u8>) -> Vec<String> {
        let mut why = Vec::new();
        if sesi > 0 && u64::from(hadir) * 100 < u64::from(self.min_hadir_persen) * u64::from(sesi) {
            why.push(format!(
                "kehadiran {hadir} dari {sesi} sesi, di bawah {} %",
                self.min_hadir_persen
            ));
        }
        if self.min_nilai_post > 0 {
            match nilai_post {
                None => why.push("tidak ada nilai post-test".to_string()),
                Some(n) if n < self.min_nilai_post => why.push(format!(
                    "nilai post-test {n} di bawah {}",
                    self.min_nilai_post
                )),
                Some(_) => {}
            }
        }
        why
    }
}

/// A test score 0..=100 from a form field (empty = not entered).
///
/// # Errors
/// Not a whole number, or outside 0..=100.
pub fn parse_nilai(field: &str, s: &str) -> Result<Option<u8>, FieldError> {
    let t = s.trim();
    if t.is_empty() {
        return Ok(None);
    }
    t.parse::<i64>()
        .map_err(|_| {
            FieldError::new(
                field,
                format!("nilai harus bilangan bulat 0–100, bukan '{t}'"),
            )
        })
        .and_then(|n| nilai(field, n).map(Some))
}

/// A test score from a number.
///
/// # Errors
/// Outside 0..=100.
pub fn nilai(field: &str, n: i64) -> Result<u8, FieldError> {
    u8::try_from(n)
        .ok()
        .filter(|v| *v <= 100)
        .ok_or_else(|| FieldError::new(field, format!("nilai harus 0–100, ditemukan {n}")))
}

/// Learning gain of one person: post-test minus pre-test (both needed).
pub fn peningkatan(pre: Option<u8>, post: Option<u8>) -> Option<i32> {
    Some(i32::from(post?) - i32::from(pre?))
}

/// Average learning gain over the people with both scores, one decimal; None without any.
pub fn rata_peningkatan(pairs: impl IntoIterator<Item = (Option<u8>, Option<u8>)>) -> Option<f64> {
    let (sum, n) = pairs
        .into_iter()
        .filter_map(|(a, b)| peningkatan(a, b))
        .fold((0i64, 0i64), |(s, n), g| (s + i64::from(g), n + 1));
    #[allow(clippy::cast_precision_loss)]
    (n > 0).then(|| ((sum as f64 / n as f64) * 10.0).round() / 10.0)
}

/// The certificate (STTPP) number of the `urut`-th completion of a program: the program code and a
/// four-digit sequence, e.g. `2025-BIMTEK-TIK-0007`. No slash, so it is one path segment of the
/// public verification address.
pub fn nomor_sttpp(kode_program: &str, urut: u32) -> String {
    format!("STTPP-{kode_program}-{urut:04}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn statuses_round_trip_and_classify() {
        for s in StatusPeserta::ALL {
            assert_eq!(StatusPeserta::parse(s.code()), Ok(s));
        }
        assert!(StatusPeserta::parse("lulus").is_err());
        let kuota: Vec<_> = StatusPeserta::ALL
            .into_iter()
            .filter(|s| s.menempati_kuota())
            .collect();
        assert_eq!(
            kuota,
            [
                StatusPeserta::Diusulkan,
                StatusPeserta::Disetujui,
                StatusPeserta::Selesai,
                StatusPeserta::TidakSelesai
            ],
            "the waitlist does not hold a place"
        );
        assert!(!StatusPeserta::Ditolak.aktif() && StatusPeserta::Menunggu.aktif());
        assert!(!StatusPeserta::Selesai.dapat_dibatalkan());
    }

    #[test]
    fn completion_rules() {
        let a = AturanKelulusan::default();
        assert!(a.periksa(4, 5, Some(60)).is_empty(), "80 % and 60 pass");
        let why = a.periksa(3, 5, Some(59));
        assert_eq!(why.len(), 2, "{why:?}");
        assert!(why[0].contains("3 dari 5") && why[1].contains("59"));
        assert_eq!(a.periksa(5, 5, None), ["tidak ada nilai post-test"]);
        assert!(
            a.periksa(0, 0, Some(90)).is_empty(),
            "no sessions: no attendance rule"
        );
        let lunak = AturanKelulusan {
            min_hadir_persen: 0,
            min_nilai_post: 0,
        };
        assert!(lunak.periksa(0, 10, None).is_empty());
    }

    #[test]
    fn scores_and_gain() {
        assert_eq!(parse_nilai("post", " 75 "), Ok(Some(75)));
        assert_eq!(parse_nilai("post", ""), Ok(None));
        assert!(
            parse_nilai("post", "101")
                .unwrap_err()
                .message
                .contains("0–100")
        );
        assert!(parse_nilai("post", "-1").is_err());
        assert!(parse_nilai("post", "7,5").is_err());
        assert_eq!(nilai("x", 100), Ok(100));
        assert_eq!(peningkatan(Some(40), Some(75)), Some(35));
        assert_eq!(peningkatan(None, Some(75)), None);
        assert_eq!(
            rata_peningkatan([(Some(40), Some(80)), (Some(50), Some(55)), (None, Some(90))]),
            Some(22.5)
        );
        assert_eq!(rata_peningkatan([]), None);
        assert_eq!(nomor_sttpp("2025-X", 7), "STTPP-2025-X-0007");
    }
}
