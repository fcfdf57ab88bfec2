//! Log in and out. The login form carries a double-submit CSRF token (a cookie and a hidden field
//! that must match); failures are counted per username and per client address and throttled.

use std::net::SocketAddr;

use askama::Template;
use axum::Form;
use axum::extract::{ConnectInfo, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;

use super::{Nav, render};
use crate::auth::{self, LOGIN_CSRF_COOKIE, MaybeUser, User};
use crate::error::{AppError, Result};
use crate::state::AppState;

#[derive(Template)]
#[template(path = "login.html")]
struct LoginPage {
    nav: Nav,
    csrf: String,
    username: String,
    error: String,
}

fn page(status: StatusCode, username: &str, error: &str) -> Result<Response> {
    let csrf = auth::random_token();
    let html = render(&LoginPage {
        nav: Nav::default(),
        csrf: csrf.clone(),
        username: username.into(),
        error: error.into(),
    })?;
    let cookie =
        format!("{LOGIN_CSRF_COOKIE}={csrf}; Path=/login; HttpOnly; SameSite=Strict; Max-Age=3600");
    Ok((status, [(header::SET_COOKIE, cookie)], html).into_response())
}

/// `GET /login`
pub async fn form(MaybeUser(user): MaybeUser) -> Result<Response> {
    if user.is_some() {
        return Ok(Redirect::to("/").into_response());
    }
    page(StatusCode::OK, "", "")
}

/// The login form's fields.
#[derive(Deserialize)]
pub struct LoginForm {
    csrf: String,
    username: String,
    password: String,
}

/// `POST /login`
pub async fn submit(
    State(st): State<AppState>,
    ConnectInfo(addr): ConnectInfo<SocketAddr>,
    headers: HeaderMap,
    Form(f): Form<LoginForm>,
) -> Result<Response> {
    let cookie = auth::cookie(&headers, LOGIN_CSRF_COOKIE).unwrap_or("");
    if cookie.is_empty() || !auth::same_token(cookie, &f.csrf) {
        return Err(AppError::Csrf);
    }
    let username = f.username.trim().to_string();
    let user_key = format!("u:{}", username.to_lowercase());
    let ip_key = format!("ip:{}", addr.ip());
    let since = time::OffsetDateTime::now_utc() - time::Duration::minutes(15);
    let limit = st.config.login_limit;
    if st.db.login_failures(&user_key, since).await? >= limit
        || st.db.login_failures(&ip_key, since).await? >= limit * 4
    {
        return page(
            StatusCode::TOO_MANY_REQUESTS,
            &username,
            &AppError::TooMany.to_string(),
        );
    }
    let akun = st.db.akun_by_username(&username).await?;
    let ok = match &akun {
        Some(a) if a.aktif => auth::verify_password(&f.password, &a.password_hash),
        _ => {
            // Same work as a real check, so response time does not reveal which usernames exist.
            let _ = auth::verify_password(&f.password, DUMMY_HASH);
            false
        }
    };
    let Some(akun) = akun.filter(|_| ok) else {
        st.db.login_failed(&[&user_key, &ip_key]).await?;
        return page(
            StatusCode::UNAUTHORIZED,
            &username,
            "Nama pengguna atau kata sandi salah.",
        );
    };
    st.db.login_clear(&user_key).await?;
    let token = auth::random_token();
    let csrf = auth::random_token();
    let hours = st.config.session_hours;
    let until = time::OffsetDateTime::now_utc() + time::Duration::hours(hours);
    st.db
        .sesi_create(&auth::token_hash(&token), akun.akun_id, &csrf, until)
        .await?;
    let set = auth::session_cookie(&token, st.config.secure_cookies, hours * 3600);
    Ok(([(header::SET_COOKIE, set)], Redirect::to("/")).into_response())
}

/// A valid argon2 hash of a random string, for the constant-work path.
const DUMMY_HASH: &str = "$argon2id$v=19$m=19456,t=2,p=1$c29tZXNhbHRzb21lc2FsdA$9s0bUQx6GmDo5Z0Fz0hXzQ0Gm3z8mJvJf9tqgq4qJwA";

/// The logout form's field.
#[derive(Deserialize)]
pub struct LogoutForm {
    csrf: String,
}

/// `POST /logout`
pub async fn logout(
    State(st): State<AppState>,
    user: User,
    headers: HeaderMap,
    Form(f): Form<LogoutForm>,
) -> Result<Response> {
    user.check_csrf(&f.csrf)?;
    if let Some(tok) = auth::cookie(&headers, auth::SESSION_COOKIE) {
        st.db.sesi_delete(&auth::token_hash(tok)).await?;
    }
    let clear = auth::session_cookie("", st.config.secure_cookies, 0);
    Ok(([(header::SET_COOKIE, clear)], Redirect::to("/login")).into_response())
}
