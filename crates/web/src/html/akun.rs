//! Accounts, for administrators: list and create (operators with their OPDs, employees with
//! their NIP, institution staff with their institution's code).

use askama::Template;
use axum::Form;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use bangkom_core::role::Role;
use bangkom_db::akun::{AkunRow, NewAkun};
use bangkom_db::pegawai::Scope;
use serde::Deserialize;

use super::{Nav, render};
use crate::auth::{self, User};
use crate::error::{AppError, Result};
use crate::state::AppState;

#[derive(Template)]
#[template(path = "akun/daftar.html")]
struct AkunPage {
    nav: Nav,
    csrf: String,
    rows: Vec<AkunRow>,
    roles: Vec<(&'static str, &'static str)>,
    message: String,
    error: String,
}

async fn page(
    st: &AppState,
    user: &User,
    status: StatusCode,
    message: String,
    error: String,
) -> Result<Response> {
    let rows = st.db.akun_list().await?;
    let p = AkunPage {
        nav: Nav::of(user, "akun"),
        csrf: user.csrf().to_string(),
        rows,
        roles: Role::ALL.iter().map(|r| (r.code(), r.label())).collect(),
        message,
        error,
    };
    Ok((status, render(&p)?).into_response())
}

/// `GET /akun`
pub async fn list(State(st): State<AppState>, user: User) -> Result<Response> {
    user.require_admin()?;
    page(&st, &user, StatusCode::OK, String::new(), String::new()).await
}

/// The new-account form.
#[derive(Deserialize)]
pub struct AkunForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    username: String,
    #[serde(default)]
    nama: String,
    #[serde(default)]
    password: String,
    #[serde(default)]
    role: String,
    /// Comma-separated OPD codes (operators).
    #[serde(default)]
    opd: String,
    /// NIP (role pegawai).
    #[serde(default)]
    nip: String,
    /// Institution code (role lembaga).
    #[serde(default)]
    lembaga: String,
}

/// Validates and creates an account (shared with the CLI's `user create`). An institution account
/// (role `lembaga`) needs its institution: see [`create_account_lembaga`].
#[allow(clippy::too_many_arguments)]
pub async fn create_account(
    st: &AppState,
    actor: &bangkom_db::audit::Actor,
    username: &str,
    nama: &str,
    password: &str,
    role: &str,
    opd_codes: &[String],
    nip: &str,
) -> Result<i64> {
    create_inner(
        st, actor, username, nama, password, role, opd_codes, nip, None,
    )
    .await
}

/// Validates and creates an account of role `lembaga` tied to the institution `kode`.
pub async fn create_account_lembaga(
    st: &AppState,
    actor: &bangkom_db::audit::Actor,
    username: &str,
    nama: &str,
    password: &str,
    kode: &str,
) -> Result<i64> {
    if kode.trim().is_empty() {
        return Err(AppError::Invalid(
            bangkom_core::error::ValidationErrors::single(
                "lembaga",
                "kode lembaga wajib diisi untuk peran lembaga",
            ),
        ));
    }
    let lembaga = match st.db.lembaga_by_kode(kode).await {
        Ok(l) => l,
        Err(bangkom_db::DbError::NotFound) => {
            return Err(AppError::Invalid(
                bangkom_core::error::ValidationErrors::single(
                    "lembaga",
                    format!("kode lembaga tidak terdaftar: {}", kode.trim()),
                ),
            ));
        }
        Err(e) => return Err(e.into()),
    };
    create_inner(
        st,
        actor,
        username,
        nama,
        password,
        Role::Lembaga.code(),
        &[],
        "",
        Some(&lembaga),
    )
    .await
}

#[allow(clippy::too_many_arguments)]
async fn create_inner(
    st: &AppState,
    actor: &bangkom_db::audit::Actor,
    username: &str,
    nama: &str,
    password: &str,
    role: &str,
    opd_codes: &[String],
    nip: &str,
    lembaga: Option<&bangkom_db::lembaga::LembagaRow>,
) -> Result<i64> {
    let role = Role::parse(role)
        .map_err(|m| AppError::Invalid(bangkom_core::error::ValidationErrors::single("role", m)))?;
    let username = username.trim();
    let invalid =
        |f: &str, m: &str| AppError::Invalid(bangkom_core::error::ValidationErrors::single(f, m));
    if role == Role::Lembaga && lembaga.is_none() {
        return Err(invalid(
            "lembaga",
            "akun lembaga harus dikaitkan dengan satu lembaga pelatihan (kode lembaga)",
        ));
    }
    if username.len() < 3
        || !username
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "._-".contains(c))
    {
        return Err(invalid(
            "username",
            "3 karakter atau lebih: huruf, angka, titik, garis bawah, tanda hubung",
        ));
    }
    if password.chars().count() < 10 {
        return Err(invalid("password", "kata sandi minimal 10 karakter"));
    }
    let org = st.db.org_index().await?;
    let mut opd_ids = Vec::new();
    for code in opd_codes.iter().map(|c| c.trim()).filter(|c| !c.is_empty()) {
        match org.by_kode(code) {
            Some(o) if o.jenis == "opd" => opd_ids.push(o.org_id),
            _ => {
                return Err(invalid(
                    "opd",
                    &format!("{code} bukan kode OPD yang terdaftar"),
                ));
            }
        }
    }
    if role == Role::Operator && opd_ids.is_empty() {
        return Err(invalid("opd", "operator harus punya minimal satu OPD"));
    }
    let pegawai_id = if role == Role::Pegawai {
        Some(
            st.db
                .pegawai_by_nip(&Scope::Semua, nip.trim())
                .await
                .map_err(|_| invalid("nip", "NIP tidak terdaftar"))?
                .pegawai_id,
        )
    } else {
        None
    };
    let hash = auth::hash_password(password)?;
    let nama = if nama.trim().is_empty() {
        username
    } else {
        nama.trim()
    };
    let id = st
        .db
        .akun_create(
            actor,
            &NewAkun {
                username,
                nama,
                password_hash: &hash,
                role: role.code(),
                pegawai_id,
                opd_ids: &opd_ids,
            },
        )
        .await?;
    if let Some(l) = lembaga {
        st.db.akun_lembaga_set(actor, id, l).await?;
    }
    Ok(id)
}

/// `POST /akun`
pub async fn create(
    State(st): State<AppState>,
    user: User,
    Form(f): Form<AkunForm>,
) -> Result<Response> {
    user.require_admin()?;
    user.check_csrf(&f.csrf)?;
    let opd: Vec<String> = f.opd.split(',').map(str::to_string).collect();
    let made = if Role::parse(&f.role) == Ok(Role::Lembaga) {
        create_account_lembaga(
            &st,
            &user.actor(),
            &f.username,
            &f.nama,
            &f.password,
            &f.lembaga,
        )
        .await
    } else {
        create_account(
            &st,
            &user.actor(),
            &f.username,
            &f.nama,
            &f.password,
            &f.role,
            &opd,
            &f.nip,
        )
        .await
    };
    match made {
        Ok(_) => {
            page(
                &st,
                &user,
                StatusCode::OK,
                format!("Akun {} dibuat.", f.username.trim()),
                String::new(),
            )
            .await
        }
        Err(e @ (AppError::Invalid(_) | AppError::Conflict(_))) => {
            let msg = match &e {
                AppError::Invalid(v) => v.to_string(),
                other => other.to_string(),
            };
            page(&st, &user, e.status(), String::new(), msg).await
        }
        Err(e) => Err(e),
    }
}
