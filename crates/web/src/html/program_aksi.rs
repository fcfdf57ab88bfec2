//! The participation workflow forms posted from a program's page (`/program/{kode}/…`): nominate
//! or apply, approve or reject, withdraw, add a session, decide completion, settings, organiser.
//! Each success redirects with a message; each refusal shows the program page again (422) with
//! the messages through the one helper [`ditolak`].

use axum::Form;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use bangkom_core::peserta::StatusPeserta;
use serde::Deserialize;

use super::program::{Kembali, detail_page, url_path};
use crate::auth::User;
use crate::error::{AppError, Result};
use crate::peserta::{self as aksi, AturInput, SesiInput};
use crate::state::AppState;

/// A refused workflow form: the program page again (422) with the field messages, keeping what
/// `k` carries of the form; an error other than a validation error passes through unchanged.
pub(super) async fn ditolak(
    st: &AppState,
    user: &User,
    kode: &str,
    e: AppError,
    k: Kembali,
) -> Result<Response> {
    let AppError::Invalid(v) = e else {
        return Err(e);
    };
    let k = Kembali {
        galat: v.iter().map(|f| f.message.clone()).collect(),
        ..k
    };
    detail_page(st, user, kode, k, StatusCode::UNPROCESSABLE_ENTITY).await
}

/// The workflow form: `nip`, `alasan`, and where to go back to.
#[derive(Debug, Default, Deserialize)]
#[allow(missing_docs)]
pub struct AksiForm {
    #[serde(default)]
    pub csrf: String,
    #[serde(default)]
    pub nip: String,
    #[serde(default)]
    pub keputusan: String,
    #[serde(default)]
    pub alasan: String,
    #[serde(default)]
    pub kembali: String,
}

fn kembali_ke(kode: &str, f: &AksiForm, pesan: &str) -> Response {
    let base = if f.kembali == "persetujuan" {
        "/persetujuan".to_string()
    } else if f.kembali == "saya" {
        "/saya".to_string()
    } else {
        format!("/program/{}", url_path(kode))
    };
    Redirect::to(&format!("{base}?pesan={pesan}")).into_response()
}

/// `POST /program/{kode}/usul`: nominate (admin, operator) or apply (employee).
pub async fn usul(
    State(st): State<AppState>,
    user: User,
    Path(kode): Path<String>,
    Form(f): Form<AksiForm>,
) -> Result<Response> {
    user.check_csrf(&f.csrf)?;
    match aksi::usul(&st, &user, &kode, &f.nip).await {
        Ok((_, l)) if l.status == StatusPeserta::Menunggu => Ok(kembali_ke(&kode, &f, "tunggu")),
        Ok(_) => Ok(kembali_ke(&kode, &f, "usul")),
        Err(e) => {
            let k = Kembali {
                nip: f.nip,
                ..Kembali::default()
            };
            ditolak(&st, &user, &kode, e, k).await
        }
    }
}

/// `POST /program/{kode}/putus`: approve (`keputusan=setuju`) or reject with `alasan`.
pub async fn putus(
    State(st): State<AppState>,
    user: User,
    Path(kode): Path<String>,
    Form(f): Form<AksiForm>,
) -> Result<Response> {
    user.check_csrf(&f.csrf)?;
    let setuju = f.keputusan == "setuju";
    match aksi::putus(&st, &user, &kode, &f.nip, setuju, Some(&f.alasan)).await {
        Ok(_) => Ok(kembali_ke(
            &kode,
            &f,
            if setuju { "setuju" } else { "tolak" },
        )),
        Err(e) => ditolak(&st, &user, &kode, e, Kembali::default()).await,
    }
}

/// `POST /program/{kode}/batal`
pub async fn batal(
    State(st): State<AppState>,
    user: User,
    Path(kode): Path<String>,
    Form(f): Form<AksiForm>,
) -> Result<Response> {
    user.check_csrf(&f.csrf)?;
    match aksi::batal(&st, &user, &kode, &f.nip, Some(&f.alasan)).await {
        Ok(_) => Ok(kembali_ke(&kode, &f, "batal")),
        Err(e) => ditolak(&st, &user, &kode, e, Kembali::default()).await,
    }
}

/// The session form with its CSRF token.
#[derive(Debug, Default, Deserialize)]
pub struct SesiForm {
    #[serde(default)]
    csrf: String,
    #[serde(flatten)]
    s: SesiInput,
}

/// `POST /program/{kode}/sesi` (admin)
pub async fn sesi(
    State(st): State<AppState>,
    user: User,
    Path(kode): Path<String>,
    Form(f): Form<SesiForm>,
) -> Result<Response> {
    user.check_csrf(&f.csrf)?;
    match aksi::sesi_tambah(&st, &user, &kode, &f.s).await {
        Ok(_) => {
            Ok(Redirect::to(&format!("/program/{}?pesan=sesi", url_path(&kode))).into_response())
        }
        Err(e) => {
            let k = Kembali {
                sesi: f.s,
                ..Kembali::default()
            };
            ditolak(&st, &user, &kode, e, k).await
        }
    }
}

/// `POST /program/{kode}/lulus` (admin): apply the completion rules.
pub async fn lulus(
    State(st): State<AppState>,
    user: User,
    Path(kode): Path<String>,
    Form(f): Form<AksiForm>,
) -> Result<Response> {
    user.check_csrf(&f.csrf)?;
    match aksi::lulus(&st, &user, &kode).await {
        Ok(_) => Ok(kembali_ke(&kode, &f, "lulus")),
        Err(e) => ditolak(&st, &user, &kode, e, Kembali::default()).await,
    }
}

/// The settings form with its CSRF token.
#[derive(Debug, Default, Deserialize)]
pub struct AturForm {
    #[serde(default)]
    csrf: String,
    #[serde(flatten)]
    a: AturInput,
}

/// `POST /program/{kode}/atur` (admin): attributes and completion rules.
pub async fn atur(
    State(st): State<AppState>,
    user: User,
    Path(kode): Path<String>,
    Form(f): Form<AturForm>,
) -> Result<Response> {
    user.check_csrf(&f.csrf)?;
    match aksi::atur(&st, &user, &kode, &f.a).await {
        Ok(()) => {
            Ok(Redirect::to(&format!("/program/{}?pesan=atur", url_path(&kode))).into_response())
        }
        Err(e) => {
            let k = Kembali {
                atur: Some(f.a),
                ..Kembali::default()
            };
            ditolak(&st, &user, &kode, e, k).await
        }
    }
}

/// The organiser form.
#[derive(Debug, Default, Deserialize)]
pub struct LembagaForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    lembaga: String,
}

/// `POST /program/{kode}/lembaga` (admin): links the program to its organising institution.
pub async fn lembaga(
    State(st): State<AppState>,
    user: User,
    Path(kode): Path<String>,
    Form(f): Form<LembagaForm>,
) -> Result<Response> {
    user.check_csrf(&f.csrf)?;
    match crate::lembaga::program_lembaga(&st, &user, &kode, &f.lembaga).await {
        Ok(()) => Ok(
            Redirect::to(&format!("/program/{}?pesan=lembaga", url_path(&kode))).into_response(),
        ),
        Err(e) => ditolak(&st, &user, &kode, e, Kembali::default()).await,
    }
}
