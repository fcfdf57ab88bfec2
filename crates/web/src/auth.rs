//! Authentication and authorisation: argon2 passwords, cookie sessions (HttpOnly, SameSite=Lax,
//! stored as SHA-256 of the token), API bearer tokens, CSRF tokens bound to the session, login
//! throttling, and the role + OPD scope that every request carries.

use argon2::{Argon2, PasswordHash, PasswordHasher, PasswordVerifier};
use axum::extract::FromRequestParts;
use axum::http::header::{AUTHORIZATION, COOKIE};
use axum::http::request::Parts;
use bangkom_core::role::Role;
use bangkom_db::akun::AkunRow;
use bangkom_db::audit::Actor;
use bangkom_db::pegawai::Scope;
use rand::Rng;
use sha2::{Digest, Sha256};

use crate::error::{ApiError, AppError};
use crate::state::AppState;

/// The session cookie.
pub const SESSION_COOKIE: &str = "bangkom_sesi";
/// The pre-login CSRF cookie (double submit on the login form).
pub const LOGIN_CSRF_COOKIE: &str = "bangkom_csrf";

/// Hashes a password with argon2id (random salt, PHC string).
pub fn hash_password(pw: &str) -> Result<String, AppError> {
    Argon2::default()
        .hash_password(pw.as_bytes())
        .map(|h| h.to_string())
        .map_err(|e| AppError::Internal(e.to_string()))
}

/// Checks a password against a stored hash.
pub fn verify_password(pw: &str, hash: &str) -> bool {
    PasswordHash::new(hash)
        .map(|h| Argon2::default().verify_password(pw.as_bytes(), &h).is_ok())
        .unwrap_or(false)
}

/// A random token (32 bytes, hex).
pub fn random_token() -> String {
    let bytes: [u8; 32] = rand::rng().random();
    hex::encode(bytes)
}

/// SHA-256 of a token, hex: what the database stores.
pub fn token_hash(token: &str) -> String {
    hex::encode(Sha256::digest(token.as_bytes()))
}

/// Reads a cookie from the request headers.
pub fn cookie<'a>(parts: &'a axum::http::HeaderMap, name: &str) -> Option<&'a str> {
    parts
        .get_all(COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|kv| kv.trim().split_once('='))
        .find(|(k, _)| *k == name)
        .map(|(_, v)| v)
}

/// Constant-time comparison of two tokens.
pub fn same_token(a: &str, b: &str) -> bool {
    a.len() == b.len()
        && a.bytes()
            .zip(b.bytes())
            .fold(0u8, |acc, (x, y)| acc | (x ^ y))
            == 0
}

/// The logged-in caller.
#[derive(Debug, Clone)]
pub struct User {
    /// The account.
    pub akun: AkunRow,
    /// Its role.
    pub role: Role,
    /// Which employees it may see.
    pub scope: Scope,
    /// OPD org ids (operators).
    pub opd_ids: Vec<i64>,
    /// The institution (role `lembaga`).
    pub lembaga_id: Option<i64>,
    /// The session's CSRF token (None for API tokens, which need none).
    pub csrf: Option<String>,
}

impl User {
    /// For the audit log.
    pub fn actor(&self) -> Actor {
        Actor {
            akun_id: Some(self.akun.akun_id),
            nama: self.akun.username.clone(),
        }
    }
    /// Registry writes: admin everywhere, operator within their OPDs.
    pub fn can_write(&self) -> bool {
        matches!(self.role, Role::Admin | Role::Operator)
    }
    /// Requires a role that may write the registry.
    pub fn require_write(&self) -> Result<(), AppError> {
        if self.can_write() {
            Ok(())
        } else {
            Err(AppError::Forbidden)
        }
    }
    /// Requires the admin role.
    pub fn require_admin(&self) -> Result<(), AppError> {
        if self.role == Role::Admin {
            Ok(())
        } else {
            Err(AppError::Forbidden)
        }
    }
    /// Checks a form's CSRF token against the session's.
    pub fn check_csrf(&self, given: &str) -> Result<(), AppError> {
        match &self.csrf {
            Some(c) if same_token(c, given) => Ok(()),
            Some(_) => Err(AppError::Csrf),
            None => Ok(()),
        }
    }
    /// The CSRF token to put in forms.
    pub fn csrf(&self) -> &str {
        self.csrf.as_deref().unwrap_or("")
    }
}

async fn load_user(parts: &Parts, state: &AppState) -> Result<Option<User>, AppError> {
    let db = &state.db;
    let (akun, csrf) = if let Some(tok) = parts
        .headers
        .get(AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "))
    {
        match db.token_get(&token_hash(tok.trim())).await? {
            Some(a) => (a, None),
            None => return Ok(None),
        }
    } else if let Some(tok) = cookie(&parts.headers, SESSION_COOKIE) {
        match db.sesi_get(&token_hash(tok)).await? {
            Some((a, c)) => (a, Some(c)),
            None => return Ok(None),
        }
    } else {
        return Ok(None);
    };
    let role = Role::parse(&akun.role).map_err(AppError::Internal)?;
    let opd_ids = if role == Role::Operator {
        db.akun_opd(akun.akun_id).await?
    } else {
        Vec::new()
    };
    let lembaga_id = if role == Role::Lembaga {
        db.akun_lembaga(akun.akun_id).await?
    } else {
        None
    };
    // An institution's staff see no registry: only the participants of their own programs,
    // through the program pages (`crate::lembaga::kelola`).
    let scope = match role {
        Role::Admin | Role::Pimpinan => Scope::Semua,
        Role::Operator => Scope::Opd(opd_ids.clone()),
        Role::Pegawai => akun.pegawai_id.map_or(Scope::Tidak, Scope::Pegawai),
        Role::Lembaga => Scope::Tidak,
    };
    Ok(Some(User {
        akun,
        role,
        scope,
        opd_ids,
        lembaga_id,
        csrf,
    }))
}

impl FromRequestParts<AppState> for User {
    type Rejection = AppError;
    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        load_user(parts, state).await?.ok_or(AppError::Unauthorized)
    }
}

/// The caller of a JSON endpoint: 401 as JSON when missing. A cookie session writing through the
/// API must send its CSRF token in `X-CSRF-Token`; bearer tokens need none.
#[derive(Debug, Clone)]
pub struct ApiUser(pub User);

impl FromRequestParts<AppState> for ApiUser {
    type Rejection = ApiError;
    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        let user = load_user(parts, state)
            .await?
            .ok_or(ApiError(AppError::Unauthorized))?;
        if !parts.method.is_safe() {
            let given = parts
                .headers
                .get("x-csrf-token")
                .and_then(|v| v.to_str().ok())
                .unwrap_or("");
            user.check_csrf(given)?;
        }
        Ok(ApiUser(user))
    }
}

/// The caller when logged in, or None (pages open to everyone, like the login page).
#[derive(Debug, Clone)]
pub struct MaybeUser(pub Option<User>);

impl FromRequestParts<AppState> for MaybeUser {
    type Rejection = AppError;
    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        Ok(MaybeUser(load_user(parts, state).await?))
    }
}

/// `Set-Cookie` value for a session (or its removal with an empty token).
pub fn session_cookie(token: &str, secure: bool, max_age: i64) -> String {
    format!(
        "{SESSION_COOKIE}={token}; Path=/; HttpOnly; SameSite=Lax; Max-Age={max_age}{}",
        if secure { "; Secure" } else { "" }
    )
}
