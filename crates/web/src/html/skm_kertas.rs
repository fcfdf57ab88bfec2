//! Entering paper questionnaires (operators for their OPDs' units, administrators everywhere):
//! the same nine questions and profile as the public survey, plus the date written on the paper.
//! Stored with `sumber = kertas`; the same validation as the public form and the import.

use std::collections::HashMap;

use askama::Template;
use axum::Form;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use bangkom_core::skm::{Kuesioner, Unsur};
use bangkom_db::skm::ResponsValues;
use serde::Deserialize;

use super::survei::{IsianForm, LAYANAN, today_wib};
use super::{Nav, render};
use crate::auth::User;
use crate::error::{AppError, Result};
use crate::state::AppState;

/// The form's fields.
#[derive(Debug, Clone, Default, Deserialize)]
#[allow(missing_docs)]
pub struct KertasForm {
    #[serde(default)]
    pub csrf: String,
    #[serde(default)]
    pub unit: String,
    #[serde(default)]
    pub tanggal: String,
    #[serde(flatten)]
    pub isi: IsianForm,
}

struct Soal {
    nomor: usize,
    kode: &'static str,
    label: &'static str,
    dipilih: String,
    galat: String,
}

#[derive(Template)]
#[template(path = "skm/kertas.html")]
struct KertasPage {
    nav: Nav,
    csrf: String,
    f: KertasForm,
    units: Vec<(String, String)>,
    layanan: Vec<(&'static str, &'static str)>,
    soal: Vec<Soal>,
    galat: HashMap<String, String>,
    pesan: String,
    umum: String,
}

impl KertasPage {
    fn err(&self, field: &str) -> String {
        self.galat.get(field).cloned().unwrap_or_default()
    }
}

/// Unit pre-selected by the link.
#[derive(Debug, Deserialize, Default)]
pub struct KertasQuery {
    #[serde(default)]
    unit: String,
}

async fn page(
    st: &AppState,
    user: &User,
    f: KertasForm,
    galat: HashMap<String, String>,
    pesan: String,
    status: StatusCode,
) -> Result<Response> {
    let org = st.db.org_index().await?;
    let units = super::pilihan_unit_layanan(&org, user);
    let answers = f.isi.jawaban.answers();
    let soal = Unsur::URUTAN_KUESIONER
        .iter()
        .enumerate()
        .map(|(i, u)| Soal {
            nomor: i + 1,
            kode: u.code(),
            label: u.label(),
            dipilih: answers.get(u.index()).cloned().unwrap_or_default(),
            galat: galat.get(u.code()).cloned().unwrap_or_default(),
        })
        .collect();
    let umum = if galat.is_empty() {
        String::new()
    } else {
        "Periksa isian yang ditandai.".into()
    };
    let p = KertasPage {
        nav: Nav::of(user, "skm"),
        csrf: user.csrf().to_string(),
        f,
        units,
        layanan: LAYANAN.to_vec(),
        soal,
        galat,
        pesan,
        umum,
    };
    Ok((status, render(&p)?).into_response())
}

/// `GET /skm/kertas[?unit=KODE]`
pub async fn form(
    State(st): State<AppState>,
    user: User,
    Query(q): Query<KertasQuery>,
) -> Result<Response> {
    user.require_write()?;
    let f = KertasForm {
        unit: q.unit,
        tanggal: today_wib().to_string(),
        ..Default::default()
    };
    page(&st, &user, f, HashMap::new(), String::new(), StatusCode::OK).await
}

/// `POST /skm/kertas`: stores one questionnaire and shows an empty form for the next, keeping the
/// unit and date (a pile of paper forms is entered one after another).
pub async fn submit(
    State(st): State<AppState>,
    user: User,
    Form(f): Form<KertasForm>,
) -> Result<Response> {
    user.require_write()?;
    user.check_csrf(&f.csrf)?;
    let org = st.db.org_index().await?;
    let input = f.isi.input(f.tanggal.clone(), f.unit.clone());
    let checked = Kuesioner::validate(&input, today_wib())
        .map_err(AppError::Invalid)
        .and_then(|k| {
            let unit = org
                .by_kode(k.unit.as_str())
                .filter(|o| o.opd_id.is_some_and(|id| user.scope.allows_opd(id)))
                .ok_or_else(|| {
                    AppError::Invalid(bangkom_core::error::ValidationErrors::single(
                        "unit",
                        "pilih unit layanan OPD Anda",
                    ))
                })?;
            Ok(ResponsValues {
                unit_id: unit.org_id,
                k,
            })
        });
    match checked {
        Ok(v) => {
            st.db.skm_insert(&user.actor(), &[v], "kertas").await?;
            let next = KertasForm {
                unit: f.unit,
                tanggal: f.tanggal,
                ..Default::default()
            };
            page(
                &st,
                &user,
                next,
                HashMap::new(),
                "Kuesioner tersimpan. Masukkan kuesioner berikutnya.".into(),
                StatusCode::OK,
            )
            .await
        }
        Err(e @ AppError::Invalid(_)) => {
            let galat = e.fields().into_iter().collect();
            page(
                &st,
                &user,
                f,
                galat,
                String::new(),
                StatusCode::UNPROCESSABLE_ENTITY,
            )
            .await
        }
        Err(e) => Err(e),
    }
}
