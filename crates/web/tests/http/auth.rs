//! Login, throttling, pages that need a session, and CSRF on forms and on the API.

use reqwest::StatusCode;

use crate::common::{PASSWORD, client, new_json, new_nip, post_login, spawn_app};

#[tokio::test]
async fn login_succeeds_with_the_right_password_and_fails_with_401_otherwise() {
    let app = spawn_app().await;
    let c = client();
    let bad = post_login(&app, &c, "admin", "salah-sekali-123").await;
    assert_eq!(bad.status(), StatusCode::UNAUTHORIZED);
    let body = bad.text().await.unwrap();
    assert!(
        body.contains("Nama pengguna atau kata sandi salah."),
        "{body}"
    );
    // Still anonymous: the list redirects to the login form.
    let r = c.get(format!("{}/pegawai", app.base)).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::SEE_OTHER);

    let ok = post_login(&app, &c, "admin", PASSWORD).await;
    assert_eq!(ok.status(), StatusCode::SEE_OTHER);
    assert_eq!(ok.headers()["location"], "/");
    let set = ok.headers()["set-cookie"].to_str().unwrap().to_string();
    assert!(
        set.starts_with("bangkom_sesi=") && set.contains("HttpOnly"),
        "{set}"
    );
    let r = c.get(format!("{}/pegawai", app.base)).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::OK);
    assert!(r.text().await.unwrap().contains("admin"));
}

#[tokio::test]
async fn login_form_without_the_csrf_cookie_pair_is_refused() {
    let app = spawn_app().await;
    // No GET /login first: no bangkom_csrf cookie.
    let r = client()
        .post(format!("{}/login", app.base))
        .form(&[
            ("csrf", "abc"),
            ("username", "admin"),
            ("password", PASSWORD),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::FORBIDDEN);
}

#[tokio::test]
async fn five_failures_for_one_username_throttle_it_with_429() {
    let app = spawn_app().await;
    let c = client();
    for i in 0..5 {
        let r = post_login(&app, &c, "operator_a", "bukan-sandinya").await;
        assert_eq!(r.status(), StatusCode::UNAUTHORIZED, "attempt {i}");
    }
    // Even the right password is refused now.
    let r = post_login(&app, &c, "operator_a", PASSWORD).await;
    assert_eq!(r.status(), StatusCode::TOO_MANY_REQUESTS);
    assert!(r.text().await.unwrap().contains("terlalu banyak percobaan"));
    // Another username from the same address is not affected.
    let r = post_login(&app, &client(), "operator_b", PASSWORD).await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
}

#[tokio::test]
async fn pages_need_a_login_and_redirect_to_the_form() {
    let app = spawn_app().await;
    let c = client();
    let nip = &app.nips_a[0];
    for path in [
        "/".to_string(),
        "/pegawai".to_string(),
        "/pegawai/baru".to_string(),
        "/pegawai/impor".to_string(),
        "/pegawai/ekspor?format=csv".to_string(),
        format!("/pegawai/{nip}"),
        format!("/pegawai/{nip}/ubah"),
        "/org".to_string(),
        "/audit".to_string(),
        "/akun".to_string(),
    ] {
        let r = c.get(format!("{}{path}", app.base)).send().await.unwrap();
        assert_eq!(r.status(), StatusCode::SEE_OTHER, "{path}");
        assert_eq!(r.headers()["location"], "/login", "{path}");
    }
    // A write without a session is not performed either.
    let before = app.count().await;
    let r = c
        .post(format!("{}/pegawai/baru", app.base))
        .form(&[("nip", new_nip(1).as_str())])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    assert_eq!(app.count().await, before);
}

#[tokio::test]
async fn form_posts_without_or_with_a_wrong_csrf_token_get_403_and_write_nothing() {
    let app = spawn_app().await;
    let s = app.login("admin").await;
    let t = app.record(&app.nips_a[0]);
    let fields = crate::common::new_fields(t, &new_nip(2), "Tanpa Token");
    let plain: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let before = app.count().await;

    let r = s.post_form("/pegawai/baru", &plain).await;
    assert_eq!(r.status(), StatusCode::FORBIDDEN, "no token");
    let mut wrong = plain.clone();
    wrong.push(("csrf", "0000"));
    let r = s.post_form("/pegawai/baru", &wrong).await;
    assert_eq!(r.status(), StatusCode::FORBIDDEN, "wrong token");
    assert_eq!(app.count().await, before);

    // Editing and logging out are guarded the same way.
    let nip = &app.nips_a[0];
    let r = s.post_form(&format!("/pegawai/{nip}/ubah"), &wrong).await;
    assert_eq!(r.status(), StatusCode::FORBIDDEN, "edit");
    let r = s.post_form("/logout", &[("csrf", "0000")]).await;
    assert_eq!(r.status(), StatusCode::FORBIDDEN, "logout");

    // The right token works (so the 403s above were about the token).
    let mut right = plain.clone();
    right.push(("csrf", s.csrf.as_str()));
    let r = s.post_form("/pegawai/baru", &right).await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    assert_eq!(app.count().await, before + 1);
}

#[tokio::test]
async fn api_writes_need_the_csrf_header_with_a_cookie_but_not_with_a_bearer_token() {
    let app = spawn_app().await;
    let s = app.login("admin").await;
    let t = app.record(&app.nips_a[0]);
    let before = app.count().await;

    let r = s
        .client
        .post(s.url("/api/v1/pegawai"))
        .json(&new_json(t, &new_nip(3), "Tanpa Header"))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::FORBIDDEN);
    let v: serde_json::Value = r.json().await.unwrap();
    assert!(
        v["error"].as_str().unwrap().contains("token formulir"),
        "{v}"
    );
    assert_eq!(app.count().await, before);

    let r = s
        .client
        .post(s.url("/api/v1/pegawai"))
        .header("X-CSRF-Token", &s.csrf)
        .json(&new_json(t, &new_nip(3), "Dengan Header"))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::CREATED);

    let token = app.token("admin").await;
    let r = reqwest::Client::new()
        .post(format!("{}/api/v1/pegawai", app.base))
        .bearer_auth(&token)
        .json(&new_json(t, &new_nip(4), "Lewat Token"))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::CREATED);
    let v: serde_json::Value = r.json().await.unwrap();
    assert_eq!(v["nip"], new_nip(4));
    assert_eq!(app.count().await, before + 2);

    // A made-up token is no login at all.
    let r = reqwest::Client::new()
        .get(format!("{}/api/v1/pegawai", app.base))
        .bearer_auth("bukan-token")
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::UNAUTHORIZED);
}
