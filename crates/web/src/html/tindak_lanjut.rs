//! "Tindak lanjut yang jatuh tempo": the level-3 behaviour assessments due now (3 and 6 months
//! after completion), for the administrator (all) and OPD operators (their OPDs' employees), each
//! with a short form in which the supervisor's answers are entered. A refused form shows the list
//! again with the messages and the row's answers kept (422).

use askama::Template;
use axum::Form;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use bangkom_core::error::ValidationErrors;
use bangkom_core::evaluasi::{PERILAKU, SKALA_PERILAKU};
use bangkom_core::role::Role;
use serde::Deserialize;

use super::{Nav, render};
use crate::auth::User;
use crate::error::{AppError, Result};
use crate::evaluasi::TindakLanjutInput;
use crate::state::AppState;

/// The form of one row.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct TindakLanjutForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    kode: String,
    #[serde(default)]
    nip: String,
    #[serde(flatten)]
    f: TindakLanjutInput,
}

struct Baris {
    kode: String,
    program: String,
    nip: String,
    nama: String,
    opd: String,
    selesai: String,
    bulan: u8,
    jatuh_tempo: String,
    /// Kept answers b1..b4, assessor, note (the refused row only).
    isian: Vec<String>,
    penilai: String,
    catatan: String,
    galat: String,
}

#[derive(Template)]
#[template(path = "tindak_lanjut.html")]
struct Page {
    nav: Nav,
    csrf: String,
    rows: Vec<Baris>,
    butir: &'static [&'static str],
    skala: Vec<(String, &'static str)>,
    pesan: String,
}

async fn page(
    st: &AppState,
    user: &User,
    kept: Option<(&TindakLanjutForm, &ValidationErrors)>,
    pesan: &str,
    status: StatusCode,
) -> Result<Response> {
    if !matches!(user.role, Role::Admin | Role::Operator) {
        return Err(AppError::Forbidden);
    }
    let today = super::survei::today_wib();
    let org = st.db.org_index().await?;
    let rows = st
        .db
        .tindak_lanjut_jatuh_tempo(&user.scope, today)
        .await?
        .into_iter()
        .map(|d| {
            let this = kept.filter(|(f, _)| {
                f.kode == d.kode && f.nip == d.nip && f.f.bulan == d.bulan.to_string()
            });
            Baris {
                isian: this
                    .map(|(f, _)| {
                        vec![
                            f.f.b1.clone(),
                            f.f.b2.clone(),
                            f.f.b3.clone(),
                            f.f.b4.clone(),
                        ]
                    })
                    .unwrap_or_else(|| vec![String::new(); 4]),
                penilai: this.map(|(f, _)| f.f.penilai.clone()).unwrap_or_default(),
                catatan: this.map(|(f, _)| f.f.catatan.clone()).unwrap_or_default(),
                galat: this.map(|(_, e)| e.to_string()).unwrap_or_default(),
                opd: org.label(d.opd_id),
                selesai: d.tanggal_selesai.to_string(),
                jatuh_tempo: d.jatuh_tempo.to_string(),
                kode: d.kode,
                program: d.program,
                nip: d.nip,
                nama: d.nama,
                bulan: d.bulan,
            }
        })
        .collect();
    let p = Page {
        nav: Nav::of(user, "tindak-lanjut"),
        csrf: user.csrf().to_string(),
        rows,
        butir: &PERILAKU,
        skala: SKALA_PERILAKU
            .iter()
            .enumerate()
            .map(|(i, l)| ((i + 1).to_string(), *l))
            .collect(),
        pesan: pesan.to_string(),
    };
    Ok((status, render(&p)?).into_response())
}

/// `GET /tindak-lanjut` (admin, operator)
pub async fn list(
    State(st): State<AppState>,
    user: User,
    axum::extract::Query(q): axum::extract::Query<std::collections::HashMap<String, String>>,
) -> Result<Response> {
    let pesan = if q.get("pesan").map(String::as_str) == Some("ok") {
        "Penilaian tindak lanjut tersimpan."
    } else {
        ""
    };
    page(&st, &user, None, pesan, StatusCode::OK).await
}

/// `POST /tindak-lanjut` (admin, operator): one supervisor's assessment.
pub async fn submit(
    State(st): State<AppState>,
    user: User,
    Form(f): Form<TindakLanjutForm>,
) -> Result<Response> {
    user.check_csrf(&f.csrf)?;
    match crate::evaluasi::tindak_lanjut(&st, &user, &f.kode, &f.nip, &f.f).await {
        Ok(()) => Ok(Redirect::to("/tindak-lanjut?pesan=ok").into_response()),
        Err(AppError::Invalid(v)) => {
            page(
                &st,
                &user,
                Some((&f, &v)),
                "",
                StatusCode::UNPROCESSABLE_ENTITY,
            )
            .await
        }
        Err(e) => Err(e),
    }
}
