//! Create and edit an employee. Invalid input re-renders the form (422) with a message beside each
//! field and everything typed kept.

use std::collections::BTreeMap;

use askama::Template;
use axum::Form;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use bangkom_core::jabatan::JenisJabatan;
use bangkom_core::pegawai::{Pegawai, PegawaiInput, StatusPegawai};
use bangkom_db::pegawai::{PegawaiRow, PegawaiValues};
use serde::Deserialize;

use super::{Nav, render};
use crate::auth::User;
use crate::error::{AppError, Result};
use crate::state::AppState;

/// The form's fields (the import's columns, plus the CSRF token).
#[derive(Debug, Clone, Default, Deserialize)]
#[allow(missing_docs)]
pub struct PegawaiForm {
    #[serde(default)]
    pub csrf: String,
    #[serde(default)]
    pub nip: String,
    #[serde(default)]
    pub nama: String,
    #[serde(default)]
    pub gelar_depan: String,
    #[serde(default)]
    pub gelar_belakang: String,
    #[serde(default)]
    pub jenis_kelamin: String,
    #[serde(default)]
    pub tanggal_lahir: String,
    #[serde(default)]
    pub jenis_asn: String,
    #[serde(default)]
    pub golongan: String,
    #[serde(default)]
    pub jenis_jabatan: String,
    #[serde(default)]
    pub jabatan: String,
    #[serde(default)]
    pub jenjang: String,
    #[serde(default)]
    pub unit: String,
    #[serde(default)]
    pub status: String,
    #[serde(default)]
    pub tmt_jabatan: String,
}

impl PegawaiForm {
    /// As validator input.
    pub fn input(&self) -> PegawaiInput {
        PegawaiInput {
            nip: self.nip.clone(),
            nama: self.nama.clone(),
            jenis_kelamin: self.jenis_kelamin.clone(),
            tanggal_lahir: self.tanggal_lahir.clone(),
            jenis_asn: self.jenis_asn.clone(),
            golongan: self.golongan.clone(),
            jenis_jabatan: self.jenis_jabatan.clone(),
            jabatan: self.jabatan.clone(),
            unit: self.unit.clone(),
            status: self.status.clone(),
            jenjang: self.jenjang.clone(),
            eselon: String::new(),
            tmt_jabatan: self.tmt_jabatan.clone(),
            gelar_depan: self.gelar_depan.clone(),
            gelar_belakang: self.gelar_belakang.clone(),
        }
    }

    fn of(r: &PegawaiRow, unit_kode: String) -> PegawaiForm {
        PegawaiForm {
            csrf: String::new(),
            nip: r.nip.clone(),
            nama: r.nama.clone(),
            gelar_depan: r.gelar_depan.clone().unwrap_or_default(),
            gelar_belakang: r.gelar_belakang.clone().unwrap_or_default(),
            jenis_kelamin: r.jenis_kelamin.clone(),
            tanggal_lahir: r.tanggal_lahir.to_string(),
            jenis_asn: r.jenis_asn.clone(),
            golongan: r.golongan.clone(),
            jenis_jabatan: r.jenis_jabatan.clone(),
            jabatan: r.jabatan.clone(),
            jenjang: r.jenjang.clone().unwrap_or_default(),
            unit: unit_kode,
            status: r.status.clone(),
            tmt_jabatan: r.tmt_jabatan.map(|d| d.to_string()).unwrap_or_default(),
        }
    }
}

/// Validates a form/API input and resolves its unit, with field errors.
pub async fn validate(st: &AppState, input: &PegawaiInput) -> Result<PegawaiValues> {
    let p = Pegawai::validate(input).map_err(AppError::Invalid)?;
    let org = st.db.org_index().await?;
    PegawaiValues::resolve(&p, &org).map_err(|f| AppError::Invalid(f.into()))
}

#[derive(Template)]
#[template(path = "pegawai/form.html")]
struct FormPage {
    nav: Nav,
    f: PegawaiForm,
    edit: bool,
    errors: BTreeMap<String, String>,
    general: String,
    csrf: String,
    units: Vec<(String, String)>,
    jenis: Vec<(String, String)>,
    status: Vec<(String, String)>,
}

impl FormPage {
    fn err(&self, field: &str) -> String {
        self.errors.get(field).cloned().unwrap_or_default()
    }
}

async fn form_page(
    st: &AppState,
    user: &User,
    f: PegawaiForm,
    edit: bool,
    error: Option<AppError>,
) -> Result<Response> {
    let org = st.db.org_index().await?;
    let units = org
        .all()
        .iter()
        .filter(|o| o.jenis != "pemda" && o.opd_id.is_some_and(|id| user.scope.allows_opd(id)))
        .map(|o| {
            (
                o.kode.clone(),
                format!("{} — {}", o.kode, org.label(o.org_id)),
            )
        })
        .collect();
    let (status, errors, general) = match &error {
        None => (StatusCode::OK, BTreeMap::new(), String::new()),
        Some(e @ AppError::Invalid(_)) => (
            e.status(),
            e.fields(),
            "Periksa isian yang ditandai.".into(),
        ),
        Some(e) => (e.status(), BTreeMap::new(), e.to_string()),
    };
    let page = FormPage {
        nav: Nav::of(user, "pegawai"),
        f,
        edit,
        errors,
        general,
        csrf: user.csrf().to_string(),
        units,
        jenis: JenisJabatan::ALL
            .iter()
            .map(|j| (j.code().to_string(), j.label().to_string()))
            .collect(),
        status: StatusPegawai::ALL
            .iter()
            .map(|s| (s.code().to_string(), s.label().to_string()))
            .collect(),
    };
    Ok((status, render(&page)?).into_response())
}

/// `GET /pegawai/baru`
pub async fn new_form(axum::extract::State(st): State<AppState>, user: User) -> Result<Response> {
    user.require_write()?;
    let f = PegawaiForm {
        status: "aktif".into(),
        jenis_asn: "PNS".into(),
        ..Default::default()
    };
    form_page(&st, &user, f, false, None).await
}

/// `POST /pegawai/baru`
pub async fn create(
    State(st): State<AppState>,
    user: User,
    Form(f): Form<PegawaiForm>,
) -> Result<Response> {
    user.require_write()?;
    user.check_csrf(&f.csrf)?;
    let saved = match validate(&st, &f.input()).await {
        Ok(v) => st
            .db
            .pegawai_save(&user.actor(), &user.scope, &v, None)
            .await
            .map_err(AppError::from),
        Err(e) => Err(e),
    };
    match saved {
        Ok(_) => Ok(
            Redirect::to(&format!("/pegawai/{}", f.nip.replace(' ', "").trim())).into_response(),
        ),
        Err(e @ (AppError::Invalid(_) | AppError::Conflict(_))) => {
            form_page(&st, &user, f, false, Some(e)).await
        }
        Err(e) => Err(e),
    }
}

/// `GET /pegawai/{nip}/ubah`
pub async fn edit_form(
    State(st): State<AppState>,
    user: User,
    Path(nip): Path<String>,
) -> Result<Response> {
    user.require_write()?;
    let r = st.db.pegawai_by_nip(&user.scope, &nip).await?;
    let org = st.db.org_index().await?;
    let kode = org
        .get(r.unit_id)
        .map(|o| o.kode.clone())
        .unwrap_or_default();
    form_page(&st, &user, PegawaiForm::of(&r, kode), true, None).await
}

/// `POST /pegawai/{nip}/ubah` (the NIP is the record's key and stays as it is).
pub async fn update(
    State(st): State<AppState>,
    user: User,
    Path(nip): Path<String>,
    Form(mut f): Form<PegawaiForm>,
) -> Result<Response> {
    user.require_write()?;
    user.check_csrf(&f.csrf)?;
    let r = st.db.pegawai_by_nip(&user.scope, &nip).await?;
    f.nip = r.nip.clone();
    let saved = match validate(&st, &f.input()).await {
        Ok(v) => st
            .db
            .pegawai_save(&user.actor(), &user.scope, &v, Some(r.pegawai_id))
            .await
            .map_err(AppError::from),
        Err(e) => Err(e),
    };
    match saved {
        Ok(_) => Ok(Redirect::to(&format!("/pegawai/{}", r.nip)).into_response()),
        Err(e @ AppError::Invalid(_)) => form_page(&st, &user, f, true, Some(e)).await,
        Err(e) => Err(e),
    }
}
