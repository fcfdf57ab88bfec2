//! One program's impact (issue 5 §4–5): the treated and comparison units derived from its
//! completed participants, before/after windows defaulted from the program dates, the same
//! analysis as `bangkom dampak` for service time and the IKM, the monthly medians of both groups,
//! and the four Kirkpatrick levels side by side. Shared by `/program/{kode}/dampak` and
//! `GET /api/v1/program/{kode}/dampak`.
//!
//! Who may see it: administrators and pimpinan for every program; an operator only for a program
//! with participants in their OPDs (others get 404, as on the program API); employees never.
//! The figures are aggregates over all units (no names), so an operator sees the whole program's
//! effect, not an OPD cut of it.

use std::collections::HashSet;

use axum::Json;
use axum::extract::{Path, Query, State};
use bangkom_core::dampak::{Metric, median_menit};
use bangkom_core::peserta::rata_peningkatan;
use bangkom_core::role::Role;
use bangkom_db::Db;
use bangkom_db::pegawai::Scope;
use bangkom_db::program::ProgramRow;
use serde::{Deserialize, Serialize};

use super::dampak::{DampakReport, Window, check_windows, dampak_units_report};
use crate::auth::{ApiUser, User};
use crate::error::{ApiError, AppError};
use crate::state::AppState;

/// Bootstrap resamples of the page (as the CLI default).
pub const ITERASI: usize = 1000;

/// Window parameters (`YYYY-MM-DD`; empty = default from the program dates).
#[derive(Debug, Clone, Default, Deserialize)]
pub struct JendelaQuery {
    /// Before window, first day.
    #[serde(default)]
    pub sebelum_dari: String,
    /// Before window, last day.
    #[serde(default)]
    pub sebelum_sampai: String,
    /// After window, first day.
    #[serde(default)]
    pub sesudah_dari: String,
    /// After window, last day.
    #[serde(default)]
    pub sesudah_sampai: String,
    /// Bootstrap seed.
    #[serde(default)]
    pub seed: Option<u64>,
}

/// A date window as text.
#[derive(Debug, Clone, Serialize)]
pub struct Jendela {
    /// First day.
    pub from: String,
    /// Last day.
    pub to: String,
}

impl From<Window> for Jendela {
    fn from(w: Window) -> Self {
        Jendela {
            from: w.0.to_string(),
            to: w.1.to_string(),
        }
    }
}

/// Median service time of both groups in one month.
#[derive(Debug, Clone, Serialize)]
pub struct Bulan {
    /// `MM/YY`.
    pub bulan: String,
    /// Treated units, minutes.
    pub median_dilatih: Option<f64>,
    /// Comparison units, minutes.
    pub median_pembanding: Option<f64>,
}

/// The four Kirkpatrick levels (None = no data yet).
#[derive(Debug, Clone, Serialize)]
pub struct Kirkpatrick {
    /// L1 reaction (participants' satisfaction): not recorded yet.
    pub reaksi: Option<f64>,
    /// L2 learning: mean post − pre of the participants with both scores.
    pub peningkatan_nilai: Option<f64>,
    /// Participants behind L2.
    pub peserta_dinilai: usize,
    /// L3 behaviour follow-up: not recorded yet.
    pub perilaku: Option<f64>,
    /// L4 results: DiD ratio of median service time.
    pub efek_waktu: Option<f64>,
    /// L4 results: DiD difference of IKM points.
    pub efek_ikm: Option<f64>,
}

/// The report.
#[derive(Debug, Serialize)]
pub struct ProgramDampak {
    /// Program code.
    pub kode: String,
    /// Name.
    pub nama: String,
    /// Before window.
    pub sebelum: Jendela,
    /// After window.
    pub sesudah: Jendela,
    /// Treated unit codes.
    pub unit_dilatih: Vec<String>,
    /// Comparison unit codes.
    pub unit_pembanding: Vec<String>,
    /// `petugas` (from `nip_petugas` on transactions) or `peserta` (participants' units).
    pub sumber_unit: &'static str,
    /// Completed participants.
    pub peserta_selesai: i64,
    /// Service time (contract of `bangkom dampak --metric waktu`).
    pub waktu: DampakReport,
    /// IKM (contract of `bangkom dampak --metric ikm`).
    pub ikm: DampakReport,
    /// Monthly medians over both windows.
    pub bulanan: Vec<Bulan>,
    /// The four levels.
    pub kirkpatrick: Kirkpatrick,
}

fn months_back(d: time::Date, months: i32) -> time::Date {
    let total = d.year() * 12 + i32::from(u8::from(d.month())) - 1 - months;
    let (y, m) = (total.div_euclid(12), total.rem_euclid(12) + 1);
    let month = u8::try_from(m)
        .ok()
        .and_then(|m| time::Month::try_from(m).ok())
        .unwrap_or(time::Month::January);
    let mut day = d.day();
    loop {
        if let Ok(x) = time::Date::from_calendar_date(y, month, day) {
            return x;
        }
        day -= 1;
    }
}

/// Default windows: the twelve months before the first day, and the twelve months from the first
/// day of the month after the last day (staff need a few weeks to apply what they learned).
pub fn default_windows(g: &ProgramRow) -> (Window, Window) {
    let b1 = g.mulai.previous_day().unwrap_or(g.mulai);
    let b0 = months_back(g.mulai, 12);
    let a0 = months_back(g.selesai.replace_day(1).unwrap_or(g.selesai), -1);
    let a1 = months_back(a0, -12).previous_day().unwrap_or(a0);
    ((b0, b1), (a0, a1))
}

fn parse(field: &str, s: &str, default: time::Date) -> Result<time::Date, AppError> {
    if s.trim().is_empty() {
        return Ok(default);
    }
    let fmt = time::macros::format_description!("[year]-[month]-[day]");
    time::Date::parse(s.trim(), &fmt).map_err(|_| {
        AppError::Invalid(bangkom_core::error::ValidationErrors::single(
            field,
            format!(
                "tanggal harus YYYY-MM-DD yang sah, ditemukan '{}'",
                s.trim()
            ),
        ))
    })
}

/// The windows asked for, with the defaults filling the gaps.
///
/// # Errors
/// A bad date or reversed/overlapping windows (422).
pub fn windows(g: &ProgramRow, q: &JendelaQuery) -> Result<(Window, Window), AppError> {
    let (b, a) = default_windows(g);
    let before = (
        parse("sebelum_dari", &q.sebelum_dari, b.0)?,
        parse("sebelum_sampai", &q.sebelum_sampai, b.1)?,
    );
    let after = (
        parse("sesudah_dari", &q.sesudah_dari, a.0)?,
        parse("sesudah_sampai", &q.sesudah_sampai, a.1)?,
    );
    check_windows(before, after)?;
    Ok((before, after))
}

/// The program if the user may see its impact.
///
/// # Errors
/// 403 for employees, 404 for an unknown program, one outside an operator's OPDs or one another
/// institution organised.
pub async fn program_for(db: &Db, user: &User, kode: &str) -> Result<ProgramRow, AppError> {
    let g = db.program_by_kode(kode).await?;
    match user.role {
        Role::Admin | Role::Pimpinan => Ok(g),
        Role::Operator => {
            if db.peserta_list(g.program_id, &user.scope).await?.is_empty() {
                Err(AppError::NotFound)
            } else {
                Ok(g)
            }
        }
        // An institution sees the impact of the programs it organised, no other.
        Role::Lembaga if g.lembaga_id.is_some() && g.lembaga_id == user.lembaga_id => Ok(g),
        Role::Lembaga => Err(AppError::NotFound),
        Role::Pegawai => Err(AppError::Forbidden),
    }
}

/// Calendar months overlapping `from..=to` (at most 48), clipped, labelled `MM/YY`.
fn months(from: time::Date, to: time::Date) -> Vec<(time::Date, time::Date, String)> {
    use bangkom_core::skm::{Preset, rentang};
    let mut out = Vec::new();
    let mut d = from.replace_day(1).unwrap_or(from);
    while d <= to && out.len() < 48 {
        let m = u8::from(d.month());
        let (a, b) = rentang(Preset::Bulan(d.year(), m));
        out.push((
            a.max(from),
            b.min(to),
            format!("{m:02}/{:02}", d.year().rem_euclid(100)),
        ));
        d = months_back(d, -1);
    }
    out
}

/// Median of both groups per month over the two windows.
async fn bulanan(
    db: &Db,
    t: &[i64],
    c: &[i64],
    from: time::Date,
    to: time::Date,
) -> Result<Vec<Bulan>, AppError> {
    let slots = months(from, to);
    let mut per: Vec<[Vec<i64>; 2]> = vec![[Vec::new(), Vec::new()]; slots.len()];
    for (i, ids) in [t, c].into_iter().enumerate() {
        if ids.is_empty() {
            continue;
        }
        for (_, d, secs) in db.layanan_detik(ids, from, to).await? {
            let k = slots.partition_point(|m| m.1 < d);
            if let Some(v) = per.get_mut(k).and_then(|p| p.get_mut(i)) {
                v.push(secs);
            }
        }
    }
    Ok(slots
        .into_iter()
        .zip(per)
        .map(|((_, _, label), [mut a, mut b])| {
            a.sort_unstable();
            b.sort_unstable();
            Bulan {
                bulan: label,
                median_dilatih: median_menit(&[&a]),
                median_pembanding: median_menit(&[&b]),
            }
        })
        .collect())
}

/// Builds the report with `iterasi` bootstrap resamples.
///
/// # Errors
/// Bad windows (422) or the database.
pub async fn program_dampak(
    db: &Db,
    g: &ProgramRow,
    q: &JendelaQuery,
    iterasi: usize,
    with_months: bool,
) -> Result<ProgramDampak, AppError> {
    let (before, after) = windows(g, q)?;
    let u = db
        .program_unit_dampak(g.program_id, before.0, after.1)
        .await?;
    let t: HashSet<i64> = u.treated.iter().copied().collect();
    let c: HashSet<i64> = u.control.iter().copied().collect();
    let seed = q.seed.unwrap_or(1);
    let waktu =
        dampak_units_report(db, &t, &c, before, after, Metric::Waktu, seed, iterasi).await?;
    let ikm = dampak_units_report(db, &t, &c, before, after, Metric::Ikm, seed, iterasi).await?;
    let org = db.org_index().await?;
    let kode = |ids: &[i64]| {
        ids.iter()
            .filter_map(|i| org.get(*i).map(|o| o.kode.clone()))
            .collect()
    };
    let peserta = db.peserta_list(g.program_id, &Scope::Semua).await?;
    let dinilai = peserta
        .iter()
        .filter(|r| r.pre().is_some() && r.post().is_some())
        .count();
    let bulanan = if with_months {
        bulanan(db, &u.treated, &u.control, before.0, after.1).await?
    } else {
        Vec::new()
    };
    Ok(ProgramDampak {
        kode: g.kode.clone(),
        nama: g.nama.clone(),
        sebelum: before.into(),
        sesudah: after.into(),
        unit_dilatih: kode(&u.treated),
        unit_pembanding: kode(&u.control),
        sumber_unit: if u.dari_petugas { "petugas" } else { "peserta" },
        peserta_selesai: u.peserta_selesai,
        kirkpatrick: Kirkpatrick {
            reaksi: None,
            peningkatan_nilai: rata_peningkatan(peserta.iter().map(|r| (r.pre(), r.post()))),
            peserta_dinilai: dinilai,
            perilaku: None,
            efek_waktu: waktu.effect,
            efek_ikm: ikm.effect,
        },
        waktu,
        ikm,
        bulanan,
    })
}

/// Service time only, default windows (the dashboard's ranking): None when the program has no
/// treated or no comparison unit.
///
/// # Errors
/// The database.
pub async fn program_dampak_waktu(
    db: &Db,
    g: &ProgramRow,
    iterasi: usize,
) -> Result<Option<(DampakReport, usize)>, AppError> {
    let (before, after) = default_windows(g);
    let u = db
        .program_unit_dampak(g.program_id, before.0, after.1)
        .await?;
    if u.treated.is_empty() || u.control.is_empty() {
        return Ok(None);
    }
    let t: HashSet<i64> = u.treated.iter().copied().collect();
    let c: HashSet<i64> = u.control.iter().copied().collect();
    let r = dampak_units_report(db, &t, &c, before, after, Metric::Waktu, 1, iterasi).await?;
    Ok(Some((r, u.treated.len())))
}

/// `GET /api/v1/program/{kode}/dampak?sebelum_dari=&sebelum_sampai=&sesudah_dari=&sesudah_sampai=&seed=`
pub async fn get(
    State(st): State<AppState>,
    ApiUser(user): ApiUser,
    Path(kode): Path<String>,
    Query(q): Query<JendelaQuery>,
) -> Result<Json<ProgramDampak>, ApiError> {
    let g = program_for(&st.db, &user, &kode).await?;
    Ok(Json(program_dampak(&st.db, &g, &q, ITERASI, true).await?))
}
