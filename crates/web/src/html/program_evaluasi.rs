//! The evaluation part of a program's page (REFERENCE §3.7): the level-1 reaction results and,
//! for a participant who attended and has not answered yet, the questionnaire; the level-3
//! follow-up roll-up per stage (due, assessed, average per statement). And the questionnaire's
//! submit, which on bad input shows the program page again with the answers kept (422).

use axum::Form;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use bangkom_core::evaluasi::{PERILAKU, REAKSI, SKALA_PERILAKU, SKALA_REAKSI};
use bangkom_db::pegawai::Scope;
use bangkom_db::program::ProgramRow;
use serde::Deserialize;

use super::program::{Kembali, detail_page, url_path};
use crate::auth::User;
use crate::error::{AppError, Result};
use crate::state::AppState;

/// The questionnaire as entered.
#[derive(Debug, Clone, Default, Deserialize)]
#[allow(missing_docs)]
pub struct ReaksiForm {
    #[serde(default)]
    pub csrf: String,
    #[serde(default)]
    pub r1: String,
    #[serde(default)]
    pub r2: String,
    #[serde(default)]
    pub r3: String,
    #[serde(default)]
    pub r4: String,
    #[serde(default)]
    pub r5: String,
    #[serde(default)]
    pub komentar: String,
}

impl ReaksiForm {
    fn jawaban(&self) -> [String; 5] {
        [&self.r1, &self.r2, &self.r3, &self.r4, &self.r5].map(Clone::clone)
    }
}

/// One statement of the questionnaire with the kept answer and its message.
pub struct Butir {
    /// `r1`..`r5`.
    pub name: String,
    /// The statement.
    pub teks: &'static str,
    /// The kept answer.
    pub nilai: String,
    /// The field message.
    pub galat: String,
}

/// One level-3 stage.
pub struct Tahap {
    /// 3 or 6.
    pub bulan: u8,
    /// Fallen due.
    pub jatuh_tempo: usize,
    /// Assessed.
    pub dinilai: usize,
    /// Average per statement, formatted.
    pub rata: Vec<String>,
}

/// What the page shows.
pub struct EvaluasiView {
    /// Reaction responses.
    pub reaksi_n: i64,
    /// (statement, average).
    pub reaksi: Vec<(&'static str, String)>,
    /// The level-3 stages.
    pub tahap: Vec<Tahap>,
    /// The level-3 statements.
    pub butir_perilaku: &'static [&'static str],
    /// The level-3 scale.
    pub skala_perilaku: &'static [&'static str],
    /// The level-1 scale, (value, label).
    pub skala: Vec<(String, &'static str)>,
    /// The caller may answer now.
    pub bisa_reaksi: bool,
    /// The caller has answered.
    pub sudah_reaksi: bool,
    /// The caller is a participant who did not attend.
    pub belum_hadir: bool,
    /// The form (kept answers).
    pub butir: Vec<Butir>,
    /// Kept comment.
    pub komentar: String,
}

fn rata(v: Option<f64>) -> String {
    v.map_or_else(|| "—".into(), |x| format!("{x:.2}").replace('.', ","))
}

/// Builds the evaluation view of program `g` for `user`, keeping a refused form's answers.
pub async fn view(
    st: &AppState,
    user: &User,
    g: &ProgramRow,
    kept: Option<(&ReaksiForm, &bangkom_core::error::ValidationErrors)>,
) -> Result<EvaluasiView> {
    let r = st.db.reaksi_rekap(g.program_id).await?;
    let today = super::survei::today_wib();
    let tahap = st
        .db
        .tindak_lanjut_rekap(g.program_id, today)
        .await?
        .into_iter()
        .map(|t| Tahap {
            bulan: t.bulan,
            jatuh_tempo: t.jatuh_tempo,
            dinilai: t.dinilai,
            rata: t.rata.into_iter().map(rata).collect(),
        })
        .collect();
    let status = match user.scope {
        Scope::Pegawai(id) => st.db.reaksi_status(g.program_id, id).await?,
        _ => None,
    };
    let jawaban = kept.map(|(f, _)| f.jawaban()).unwrap_or_default();
    let butir = REAKSI
        .iter()
        .enumerate()
        .map(|(i, teks)| {
            let name = format!("r{}", i + 1);
            Butir {
                galat: kept
                    .map(|(_, e)| e.messages_for(&name).collect::<Vec<_>>().join("; "))
                    .unwrap_or_default(),
                nilai: jawaban[i].clone(),
                teks,
                name,
            }
        })
        .collect();
    Ok(EvaluasiView {
        reaksi_n: r.jumlah,
        reaksi: REAKSI
            .iter()
            .zip(r.rata)
            .map(|(t, v)| (*t, rata(v)))
            .collect(),
        tahap,
        butir_perilaku: &PERILAKU,
        skala_perilaku: &SKALA_PERILAKU,
        skala: SKALA_REAKSI
            .iter()
            .enumerate()
            .map(|(i, l)| ((i + 1).to_string(), *l))
            .collect(),
        bisa_reaksi: status == Some((true, false)),
        sudah_reaksi: status.is_some_and(|s| s.1),
        belum_hadir: status.is_some_and(|s| !s.0),
        butir,
        komentar: kept.map(|(f, _)| f.komentar.clone()).unwrap_or_default(),
    })
}

/// `POST /program/{kode}/reaksi` (the participant): the reaction questionnaire.
pub async fn reaksi(
    State(st): State<AppState>,
    user: User,
    Path(kode): Path<String>,
    Form(f): Form<ReaksiForm>,
) -> Result<Response> {
    user.check_csrf(&f.csrf)?;
    match crate::evaluasi::reaksi(&st, &user, &kode, &f.jawaban(), &f.komentar).await {
        Ok(()) => {
            Ok(Redirect::to(&format!("/program/{}?pesan=reaksi", url_path(&kode))).into_response())
        }
        Err(AppError::Invalid(v)) => {
            let k = Kembali {
                reaksi: Some((f, v)),
                ..Kembali::default()
            };
            detail_page(&st, &user, &kode, k, StatusCode::UNPROCESSABLE_ENTITY).await
        }
        Err(e) => Err(e),
    }
}
