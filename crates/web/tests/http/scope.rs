//! Who sees and writes what: operators only their OPD (another OPD's employee is "not found", on
//! every registry endpoint), the pegawai role only itself, pimpinan reads everything and writes
//! nothing.

use reqwest::StatusCode;

use crate::common::{Session, new_fields, new_json, new_nip, spawn_app, with_csrf};

/// Status of a request made with the session's cookie and CSRF header.
async fn status(
    s: &Session,
    method: reqwest::Method,
    path: &str,
    body: Option<&serde_json::Value>,
) -> StatusCode {
    let mut rb = s
        .client
        .request(method, s.url(path))
        .header("X-CSRF-Token", &s.csrf);
    if let Some(b) = body {
        rb = rb.json(b);
    }
    rb.send().await.expect("request").status()
}

/// An edit of `nip`'s record (valid data, same NIP) as form fields.
fn edit_fields(app: &crate::common::TestApp, nip: &str) -> Vec<(&'static str, String)> {
    let r = app.record(nip);
    let mut f: Vec<(&'static str, String)> = vec![
        ("nip", r.nip.clone()),
        ("nama", format!("{} Diubah", r.nama)),
        ("gelar_depan", r.gelar_depan.clone()),
        ("gelar_belakang", r.gelar_belakang.clone()),
        ("jenis_kelamin", r.jenis_kelamin.to_string()),
        ("tanggal_lahir", r.tanggal_lahir.clone()),
        ("jenis_asn", r.jenis_asn.to_string()),
        ("golongan", r.golongan.clone()),
        ("jenis_jabatan", r.jenis_jabatan.to_string()),
        ("jabatan", r.jabatan.clone()),
        ("jenjang", r.jenjang.clone()),
        ("unit", r.unit.clone()),
        ("status", r.status.to_string()),
        ("tmt_jabatan", r.tmt_jabatan.clone()),
    ];
    f.sort_by_key(|(k, _)| *k);
    f
}

fn as_json(fields: &[(&'static str, String)]) -> serde_json::Value {
    serde_json::Value::Object(
        fields
            .iter()
            .map(|(k, v)| ((*k).to_string(), serde_json::Value::String(v.clone())))
            .collect(),
    )
}

#[tokio::test]
async fn operator_of_opd_a_gets_404_for_an_employee_of_opd_b_on_every_registry_endpoint() {
    let app = spawn_app().await;
    let s = app.login("operator_a").await;
    let b = app.nips_b[0].clone();
    let a = app.nips_a[0].clone();
    let b_edit = edit_fields(&app, &b);
    let a_edit = edit_fields(&app, &a);

    // Page endpoints.
    assert_eq!(
        s.get(&format!("/pegawai/{b}")).await.0,
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        s.get(&format!("/pegawai/{b}/ubah")).await.0,
        StatusCode::NOT_FOUND
    );
    let r = s
        .post_form(&format!("/pegawai/{b}/ubah"), &with_csrf(&b_edit, &s.csrf))
        .await;
    assert_eq!(r.status(), StatusCode::NOT_FOUND);
    // API endpoints.
    use reqwest::Method;
    assert_eq!(
        status(&s, Method::GET, &format!("/api/v1/pegawai/{b}"), None).await,
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        status(
            &s,
            Method::PUT,
            &format!("/api/v1/pegawai/{b}"),
            Some(&as_json(&b_edit))
        )
        .await,
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        status(
            &s,
            Method::GET,
            &format!("/api/v1/pegawai/{b}/riwayat"),
            None
        )
        .await,
        StatusCode::NOT_FOUND
    );
    // Nothing about B's employee changed.
    let stored = app
        .db
        .pegawai_by_nip(&bangkom_db::pegawai::Scope::Semua, &b)
        .await
        .unwrap();
    assert_eq!(stored.nama, app.record(&b).nama);

    // The same endpoints work for the operator's own OPD.
    assert_eq!(s.get(&format!("/pegawai/{a}")).await.0, StatusCode::OK);
    assert_eq!(s.get(&format!("/pegawai/{a}/ubah")).await.0, StatusCode::OK);
    assert_eq!(
        status(&s, Method::GET, &format!("/api/v1/pegawai/{a}"), None).await,
        StatusCode::OK
    );
    assert_eq!(
        status(
            &s,
            Method::GET,
            &format!("/api/v1/pegawai/{a}/riwayat"),
            None
        )
        .await,
        StatusCode::OK
    );
    assert_eq!(
        status(
            &s,
            Method::PUT,
            &format!("/api/v1/pegawai/{a}"),
            Some(&as_json(&a_edit))
        )
        .await,
        StatusCode::OK
    );
    let r = s
        .post_form(&format!("/pegawai/{a}/ubah"), &with_csrf(&a_edit, &s.csrf))
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);

    // Nor can operator A create an employee in OPD B's units.
    let before = app.count().await;
    let in_b = new_fields(app.record(&b), &new_nip(10), "Salah Opd");
    let r = s
        .post_form("/pegawai/baru", &with_csrf(&in_b, &s.csrf))
        .await;
    assert!(r.status().is_client_error(), "{}", r.status());
    let r = s
        .client
        .post(s.url("/api/v1/pegawai"))
        .header("X-CSRF-Token", &s.csrf)
        .json(&new_json(app.record(&b), &new_nip(11), "Salah Opd"))
        .send()
        .await
        .unwrap();
    assert!(r.status().is_client_error(), "{}", r.status());
    assert_eq!(app.count().await, before);
}

#[tokio::test]
async fn list_and_export_of_operator_a_hold_only_opd_a() {
    let app = spawn_app().await;
    let s = app.login("operator_a").await;

    let (st, html) = s.get("/pegawai?per_page=500").await;
    assert_eq!(st, StatusCode::OK);
    for nip in &app.nips_b {
        assert!(!html.contains(nip.as_str()), "OPD B NIP {nip} in list");
    }
    assert!(html.contains(app.nips_a[0].as_str()));

    let r = s
        .client
        .get(s.url("/api/v1/pegawai?per_page=500"))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::OK);
    let v: serde_json::Value = r.json().await.unwrap();
    let mut got: Vec<String> = v["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["nip"].as_str().unwrap().to_string())
        .collect();
    got.sort();
    let mut want = app.nips_a.clone();
    want.sort();
    assert_eq!(got, want);
    assert_eq!(v["total"], want.len());
    for i in v["items"].as_array().unwrap() {
        assert_eq!(i["opd"], app.opd_a.as_str());
    }

    let (st, csv) = s.get("/pegawai/ekspor?format=csv").await;
    assert_eq!(st, StatusCode::OK);
    for nip in &app.nips_b {
        assert!(!csv.contains(nip.as_str()), "OPD B NIP {nip} in export");
    }
    let rows = csv.lines().skip(1).filter(|l| !l.trim().is_empty()).count();
    assert_eq!(rows, app.nips_a.len());
    for nip in &app.nips_a {
        assert!(
            csv.contains(nip.as_str()),
            "own NIP {nip} missing from export"
        );
    }
    // Asking for OPD B explicitly gives nothing more.
    let b = app
        .db
        .org_index()
        .await
        .unwrap()
        .by_kode(&app.opd_b)
        .unwrap()
        .org_id;
    let (_, csv) = s.get(&format!("/pegawai/ekspor?format=csv&opd={b}")).await;
    assert_eq!(
        csv.lines().skip(1).filter(|l| !l.trim().is_empty()).count(),
        0
    );
}

#[tokio::test]
async fn the_pegawai_role_sees_only_its_own_record() {
    let app = spawn_app().await;
    let s = app.login("pegawai1").await;
    let own = app.own_nip.clone();
    let other = app.nips_a[0].clone();
    assert_ne!(own, other);

    let r = s.client.get(s.url("/api/v1/pegawai")).send().await.unwrap();
    let v: serde_json::Value = r.json().await.unwrap();
    assert_eq!(v["total"], 1);
    assert_eq!(v["items"][0]["nip"], own.as_str());

    let (st, html) = s.get("/pegawai").await;
    assert_eq!(st, StatusCode::OK);
    assert!(html.contains(own.as_str()));
    assert!(!html.contains(other.as_str()));
    assert_eq!(s.get(&format!("/pegawai/{own}")).await.0, StatusCode::OK);
    assert_eq!(
        s.get(&format!("/pegawai/{other}")).await.0,
        StatusCode::NOT_FOUND
    );
    let r = s
        .client
        .get(s.url(&format!("/api/v1/pegawai/{other}")))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::NOT_FOUND);
    let (_, csv) = s.get("/pegawai/ekspor?format=csv").await;
    assert_eq!(
        csv.lines().skip(1).filter(|l| !l.trim().is_empty()).count(),
        1
    );
    // And cannot write, not even its own record.
    let fields = edit_fields(&app, &own);
    let r = s
        .post_form(
            &format!("/pegawai/{own}/ubah"),
            &with_csrf(&fields, &s.csrf),
        )
        .await;
    assert_eq!(r.status(), StatusCode::FORBIDDEN);
}

#[tokio::test]
async fn pimpinan_reads_everything_but_cannot_write() {
    let app = spawn_app().await;
    let s = app.login("pimpinan").await;
    let nip = app.nips_b[0].clone();
    let t = app.record(&nip);

    let r = s.client.get(s.url("/api/v1/pegawai")).send().await.unwrap();
    let v: serde_json::Value = r.json().await.unwrap();
    assert_eq!(v["total"], app.records.len());
    assert_eq!(s.get(&format!("/pegawai/{nip}")).await.0, StatusCode::OK);

    let before = app.count().await;
    use reqwest::Method;
    assert_eq!(
        status(
            &s,
            Method::POST,
            "/api/v1/pegawai",
            Some(&new_json(t, &new_nip(20), "Pimpinan Tulis"))
        )
        .await,
        StatusCode::FORBIDDEN
    );
    let edit = edit_fields(&app, &nip);
    assert_eq!(
        status(
            &s,
            Method::PUT,
            &format!("/api/v1/pegawai/{nip}"),
            Some(&as_json(&edit))
        )
        .await,
        StatusCode::FORBIDDEN
    );
    assert_eq!(s.get("/pegawai/baru").await.0, StatusCode::FORBIDDEN);
    assert_eq!(
        s.get(&format!("/pegawai/{nip}/ubah")).await.0,
        StatusCode::FORBIDDEN
    );
    assert_eq!(s.get("/pegawai/impor").await.0, StatusCode::FORBIDDEN);
    let fields = new_fields(t, &new_nip(21), "Pimpinan Tulis");
    let r = s
        .post_form("/pegawai/baru", &with_csrf(&fields, &s.csrf))
        .await;
    assert_eq!(r.status(), StatusCode::FORBIDDEN);
    let r = s
        .post_form(&format!("/pegawai/{nip}/ubah"), &with_csrf(&edit, &s.csrf))
        .await;
    assert_eq!(r.status(), StatusCode::FORBIDDEN);
    assert_eq!(app.count().await, before);
    let stored = app
        .db
        .pegawai_by_nip(&bangkom_db::pegawai::Scope::Semua, &nip)
        .await
        .unwrap();
    assert_eq!(stored.nama, t.nama);
}
