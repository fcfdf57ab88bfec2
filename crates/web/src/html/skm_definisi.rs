//! Editing the survey definition (issue 3 §1): the province default (administrator) or a unit's
//! own, optionally per service type (administrator, or the operator of the unit's OPD). Only what
//! REFERENCE §1.3/§1.4 marks configurable is edited — Q4 labels, profile code lists, age bands,
//! local questions, token rules; the nine standard questions stay fixed. Every change is audited.

use std::collections::HashMap;

use askama::Template;
use axum::Form;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use bangkom_core::skm::{Definisi, DefinisiInput};
use bangkom_db::skm_survei::Asal;
use serde::Deserialize;

use super::{Nav, render};
use crate::auth::User;
use crate::error::{AppError, Result};
use crate::state::AppState;

#[derive(Template)]
#[template(path = "skm/definisi.html")]
struct DefinisiPage {
    nav: Nav,
    csrf: String,
    units: Vec<(String, String)>,
    unit: String,
    layanan: String,
    layanan_pilihan: Vec<(&'static str, &'static str)>,
    asal: &'static str,
    milik_sendiri: bool,
    d: DefinisiInput,
    galat: HashMap<String, String>,
    pesan: String,
}

impl DefinisiPage {
    fn err(&self, field: &str) -> String {
        self.galat.get(field).cloned().unwrap_or_default()
    }
}

/// Which definition.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct Kunci {
    #[serde(default)]
    unit: String,
    #[serde(default)]
    layanan: String,
}

/// The form.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct DefinisiForm {
    #[serde(default)]
    csrf: String,
    #[serde(flatten)]
    kunci: Kunci,
    #[serde(default)]
    hapus: String,
    #[serde(flatten)]
    isi: DefinisiInput,
}

/// The unit id of the key (None = province default), checked against the caller's scope.
async fn resolve(st: &AppState, user: &User, k: &Kunci) -> Result<(Option<i64>, Option<String>)> {
    user.require_write()?;
    let layanan = Some(k.layanan.trim().to_string()).filter(|l| !l.is_empty());
    if k.unit.trim().is_empty() {
        user.require_admin()?;
        return Ok((None, None));
    }
    let org = st.db.org_index().await?;
    let u = org
        .by_kode(k.unit.trim())
        .filter(|o| o.jenis != "pemda" && o.opd_id.is_some_and(|id| user.scope.allows_opd(id)))
        .ok_or(AppError::NotFound)?;
    Ok((Some(u.org_id), layanan))
}

#[allow(clippy::too_many_arguments)]
async fn page(
    st: &AppState,
    user: &User,
    k: &Kunci,
    d: Option<DefinisiInput>,
    galat: HashMap<String, String>,
    pesan: String,
    status: StatusCode,
) -> Result<Response> {
    let (unit_id, layanan) = resolve(st, user, k).await?;
    let (def, asal) = st.db.skm_definisi(unit_id, layanan.as_deref()).await?;
    let own = match (unit_id, &layanan) {
        (None, _) => asal == Asal::Provinsi,
        (Some(_), Some(_)) => asal == Asal::UnitLayanan,
        (Some(_), None) => asal == Asal::Unit,
    };
    let org = st.db.org_index().await?;
    let units = super::pilihan_unit_layanan(&org, user);
    let p = DefinisiPage {
        nav: Nav::of(user, "skm"),
        csrf: user.csrf().to_string(),
        units,
        unit: k.unit.trim().to_string(),
        layanan: layanan.unwrap_or_default(),
        layanan_pilihan: super::survei::LAYANAN.to_vec(),
        asal: match asal {
            Asal::UnitLayanan => "definisi unit untuk jenis layanan ini",
            Asal::Unit => "definisi unit",
            Asal::Provinsi => "definisi bawaan provinsi",
            Asal::Bawaan => "kuesioner standar PermenPANRB 14/2017",
        },
        milik_sendiri: own,
        d: d.unwrap_or_else(|| def.input()),
        galat,
        pesan,
    };
    Ok((status, render(&p)?).into_response())
}

/// `GET /skm/definisi[?unit=KODE][&layanan=…]`
pub async fn form(
    State(st): State<AppState>,
    user: User,
    Query(k): Query<Kunci>,
) -> Result<Response> {
    page(
        &st,
        &user,
        &k,
        None,
        HashMap::new(),
        String::new(),
        StatusCode::OK,
    )
    .await
}

/// `POST /skm/definisi`: save (or, with `hapus`, remove so the next level applies).
pub async fn submit(
    State(st): State<AppState>,
    user: User,
    Form(f): Form<DefinisiForm>,
) -> Result<Response> {
    user.check_csrf(&f.csrf)?;
    let (unit_id, layanan) = resolve(&st, &user, &f.kunci).await?;
    if f.hapus == "1" {
        st.db
            .skm_definisi_hapus(&user.actor(), unit_id, layanan.as_deref())
            .await?;
        let msg = "Definisi dihapus; definisi tingkat berikutnya berlaku.".to_string();
        return page(
            &st,
            &user,
            &f.kunci,
            None,
            HashMap::new(),
            msg,
            StatusCode::OK,
        )
        .await;
    }
    match Definisi::validate(&f.isi) {
        Ok(d) => {
            st.db
                .skm_definisi_set(&user.actor(), unit_id, layanan.as_deref(), &d)
                .await?;
            let msg = "Definisi survei tersimpan.".to_string();
            page(
                &st,
                &user,
                &f.kunci,
                None,
                HashMap::new(),
                msg,
                StatusCode::OK,
            )
            .await
        }
        Err(e) => {
            let galat = AppError::Invalid(e).fields().into_iter().collect();
            page(
                &st,
                &user,
                &f.kunci,
                Some(f.isi.clone()),
                galat,
                String::new(),
                StatusCode::UNPROCESSABLE_ENTITY,
            )
            .await
        }
    }
}
