//! "Tindak lanjut yang jatuh tempo": the level-3 behaviour assessments due now (3 and 6 months
//! after completion): for the administrator all, for OPD operators their OPDs' employees, and for
//! every account the assessments it is the named assessor of. A row has its short form only for
//! whom may enter it ([`crate::evaluasi`]: the named assessor or the administrator; without one,
//! the operator on the supervisor's behalf, typing the name). A refused form shows the list again
//! with the messages and the row's answers kept (422).

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
    /// The named assessor, if any.
    penilai_nama: String,
    /// The caller may enter this one.
    boleh_isi: bool,
    /// The assessor's name is typed (none named).
    ketik_penilai: bool,
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
    let today = super::survei::today_wib();
    let org = st.db.org_index().await?;
    let saya = user.akun.akun_id;
    let due = crate::evaluasi::jatuh_tempo(st, user, today).await?;
    let rows = due
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
                boleh_isi: d.penilai_akun_id == Some(saya)
                    || user.role == Role::Admin
                    || (user.role == Role::Operator && d.penilai_akun_id.is_none()),
                ketik_penilai: d.penilai_akun_id.is_none(),
                penilai_nama: d.penilai.clone().unwrap_or_default(),
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

/// `GET /tindak-lanjut` (every account: its own assessments; admin and operators also their scope)
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

/// `POST /tindak-lanjut`: one supervisor's assessment (rules in [`crate::evaluasi`]).
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
