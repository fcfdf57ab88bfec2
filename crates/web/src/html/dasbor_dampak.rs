//! The dashboard's "evidence of impact" (issue 5 §6): the programs of the year ranked by how
//! clearly their service-time effect stands out of its bootstrap interval (|ln effect| over the
//! interval width on the log scale), the strongest and the weakest shown apart; an interval that
//! includes 1 is "bukti lemah". Default windows and the same analysis as the impact page, with
//! fewer resamples (a ranking, not a report).

use bangkom_core::dampak::Metric;

use super::program_dampak::bukti_lemah;
use crate::api::program_dampak::program_dampak_waktu;
use crate::error::Result;
use crate::state::AppState;

/// Resamples per program on the dashboard.
const ITERASI: usize = 300;

/// Programs shown in each list.
const TAMPIL: usize = 3;

/// One program's evidence as text.
pub(super) struct Bukti {
    pub kode: String,
    pub nama: String,
    pub efek: String,
    pub ci: String,
    pub unit: String,
    pub lemah: bool,
    skor: f64,
}

/// |ln effect| ÷ (ln high − ln low): larger is clearer.
fn skor(effect: f64, lo: f64, hi: f64) -> f64 {
    let width = (hi.max(1e-9).ln() - lo.max(1e-9).ln()).max(1e-9);
    effect.max(1e-9).ln().abs() / width
}

/// `(strongest, weakest)` of the programs that ended in `tahun`; with `units`, only the programs
/// with completed participants working there (the chosen pemda or unit).
pub(super) async fn peringkat(
    st: &AppState,
    tahun: i32,
    units: Option<&[i64]>,
) -> Result<(Vec<Bukti>, Vec<Bukti>)> {
    let here = match units {
        Some(u) => Some(st.db.program_dengan_lulusan(u).await?),
        None => None,
    };
    let mut all = Vec::new();
    for p in st.db.program_list().await? {
        let g = p.program;
        if g.selesai.year() != tahun || p.selesai == 0 {
            continue;
        }
        if here.as_ref().is_some_and(|h| !h.contains(&g.program_id)) {
            continue;
        }
        let Some((r, _)) = program_dampak_waktu(&st.db, &g, ITERASI).await? else {
            continue;
        };
        let (Some(e), Some(lo), Some(hi)) = (r.effect, r.ci_low, r.ci_high) else {
            continue;
        };
        debug_assert_eq!(r.metric, Metric::Waktu);
        all.push(Bukti {
            kode: g.kode,
            nama: g.nama,
            efek: format!("{e:.2}"),
            ci: format!("{lo:.2} – {hi:.2}"),
            unit: format!("{} / {}", r.units_treated, r.units_control),
            lemah: bukti_lemah(&r),
            skor: skor(e, lo, hi),
        });
    }
    all.sort_by(|a, b| b.skor.total_cmp(&a.skor).then(a.kode.cmp(&b.kode)));
    let n = all.len();
    let strong_n = TAMPIL.min(n.div_ceil(2));
    let weak: Vec<Bukti> = all.split_off(strong_n.max(n.saturating_sub(TAMPIL)));
    all.truncate(strong_n);
    Ok((all, weak.into_iter().rev().collect()))
}

#[cfg(test)]
mod tests {
    use super::skor;

    #[test]
    fn a_clear_halving_outranks_a_wide_interval() {
        assert!(skor(0.5, 0.45, 0.55) > skor(0.5, 0.2, 1.3));
        assert!(skor(0.9, 0.85, 0.95) > skor(1.0, 0.9, 1.1));
    }
}
