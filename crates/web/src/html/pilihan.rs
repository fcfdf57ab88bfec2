//! The scope and period a report page asks for (`/skm`, `/skm/laporan`, `/layanan`), read once
//! the same way everywhere: an empty scope is the whole province (`all`), an empty period the
//! default one ([`super::periode_bawaan`]), an unknown period a 400.

use bangkom_core::skm::{AturanSampel, Bobot, Preset, rentang};
use time::Date;

use crate::api::skm::{IkmReport, ikm_report};
use crate::error::{AppError, Result};
use crate::state::AppState;

/// A report page's scope and period.
pub(crate) struct Pilihan {
    /// An organisation code, or `all`.
    pub(crate) scope: String,
    /// The period code as asked (`2025`, `2025-S1`, `2025-T3`, `2025-07`).
    pub(crate) periode: String,
    pub(crate) preset: Preset,
    pub(crate) from: Date,
    pub(crate) to: Date,
}

impl Pilihan {
    /// Reads the `scope` and `periode` parameters of a query.
    pub(crate) fn baca(scope: &str, periode: &str) -> Result<Pilihan> {
        let scope = Some(scope.trim())
            .filter(|s| !s.is_empty())
            .unwrap_or("all")
            .to_string();
        let periode = Some(periode.trim().to_string())
            .filter(|p| !p.is_empty())
            .unwrap_or_else(super::periode_bawaan);
        let preset = Preset::parse(&periode)
            .map_err(|m| AppError::BadRequest(format!("periode tidak dikenal: {m}")))?;
        let (from, to) = rentang(preset);
        Ok(Pilihan {
            scope,
            periode,
            preset,
            from,
            to,
        })
    }

    /// The IKM of this scope and period with weight `bobot`, the population as recorded and the
    /// sample rule of the published tables (REFERENCE §1.6).
    pub(crate) async fn ikm(&self, st: &AppState, bobot: Bobot) -> Result<IkmReport> {
        ikm_report(
            &st.db,
            &self.scope,
            self.from,
            self.to,
            bobot,
            None,
            AturanSampel::Pembulatan,
        )
        .await
    }
}

/// The weight a report page asks for: `bobot=0.111` is the literal weight some units use
/// (REFERENCE §0), anything else the exact 1/9.
pub(crate) fn bobot(q: &str) -> Bobot {
    if q == "0.111" {
        Bobot::Literal0111
    } else {
        Bobot::Sepersembilan
    }
}

#[cfg(test)]
mod tests {
    use super::{Pilihan, bobot};
    use bangkom_core::skm::Bobot;

    #[test]
    fn empty_parameters_give_the_province_and_the_default_period() {
        let p = Pilihan::baca("  ", "").unwrap_or_else(|e| panic!("{e:?}"));
        assert_eq!(p.scope, "all");
        assert_eq!(p.periode, super::super::periode_bawaan());
        assert!(p.from <= p.to);
    }

    #[test]
    fn a_quarter_is_its_three_months_and_an_unknown_period_is_refused() {
        let p = Pilihan::baca(" 15.71 ", "2025-T2").unwrap_or_else(|e| panic!("{e:?}"));
        assert_eq!(p.scope, "15.71");
        assert_eq!(
            (p.from.to_string(), p.to.to_string()),
            ("2025-04-01".to_string(), "2025-06-30".to_string())
        );
        assert!(Pilihan::baca("all", "2025-T5").is_err());
        assert_eq!(bobot("0.111"), Bobot::Literal0111);
        assert_eq!(bobot("1/9"), Bobot::Sepersembilan);
        assert_eq!(bobot(""), Bobot::Sepersembilan);
    }
}
