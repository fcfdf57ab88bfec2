//! `GET /api/v1/pengalaman` and `GET /api/v1/klaim`: scoped like the pages (an operator sees their
//! OPDs, an employee their own records), bad parameters 422 with the field named.

// Test code: a failed unwrap is a failed test (STYLE: tests may unwrap).
#![allow(clippy::unwrap_used)]

use bangkom_core::pengalaman::JenisPengalaman;
use bangkom_db::pegawai::Scope;
use bangkom_db::pengalaman::{KlaimBaru, PengalamanBaru};
use reqwest::StatusCode;
use serde_json::Value;

use crate::common::{client, spawn_app};

#[tokio::test]
async fn activities_and_claims_api_is_scoped() {
    let app = spawn_app().await;
    let actor = bangkom_db::audit::Actor::system("test");
    let day = time::macros::date!(2025 - 03 - 10);
    let today = time::macros::date!(2025 - 06 - 01);
    let mut pegawai = Vec::new();
    for nip in [&app.own_nip, &app.nips_a[0], &app.nips_b[0]] {
        let p = app.db.pegawai_by_nip(&Scope::Semua, nip).await.unwrap();
        app.db
            .pengalaman_add(
                &actor,
                &PengalamanBaru {
                    pegawai_id: p.pegawai_id,
                    jenis: JenisPengalaman::Mentoring,
                    judul: format!("Mentoring {nip}"),
                    tujuan: None,
                    unit_tujuan_id: None,
                    ke_jabatan: None,
                    pembimbing_id: None,
                    pembimbing_nama: Some("Mentor".into()),
                    mulai: day,
                    selesai: day,
                },
            )
            .await
            .unwrap();
        app.db
            .klaim_add(
                &actor,
                &KlaimBaru {
                    pegawai_id: p.pegawai_id,
                    judul: format!("Seminar {nip}"),
                    penyelenggara: "LAN".into(),
                    jalur: bangkom_core::jp::Jalur::from_id(9).unwrap(),
                    mulai: day,
                    selesai: day,
                    jp: 4,
                    bukti: "sertifikat".into(),
                    tautan: None,
                },
                today,
            )
            .await
            .unwrap();
        pegawai.push(nip.clone());
    }
    let url = |path: &str| format!("{}/api/v1/{path}", app.base);
    let nips = |v: &Value| -> Vec<String> {
        let mut n: Vec<String> = v
            .as_array()
            .unwrap()
            .iter()
            .map(|x| x["nip"].as_str().unwrap().to_string())
            .collect();
        n.sort();
        n
    };
    assert_eq!(
        client().get(url("klaim")).send().await.unwrap().status(),
        StatusCode::UNAUTHORIZED
    );

    let admin = app.login("admin").await;
    let mut all = pegawai.clone();
    all.sort();
    for path in ["pengalaman", "klaim?status=diajukan"] {
        let v: Value = admin
            .client
            .get(url(path))
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        assert_eq!(nips(&v), all, "{path}");
    }
    let v: Value = admin
        .client
        .get(url("klaim"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(v[0]["status"], "diajukan");
    assert_eq!(v[0]["jp_klaim"], 4);
    assert!(v[0]["jp_diakui"].is_null(), "not verified yet");

    let op = app.login("operator_a").await;
    for path in ["pengalaman", "klaim"] {
        let v: Value = op
            .client
            .get(url(path))
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        let got = nips(&v);
        assert_eq!(got.len(), 2, "{path}: {got:?}");
        assert!(
            !got.contains(&app.nips_b[0]),
            "{path}: another OPD's records"
        );
    }
    let me = app.login("pegawai1").await;
    for path in ["pengalaman", "klaim"] {
        let v: Value = me
            .client
            .get(url(path))
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        assert_eq!(nips(&v), vec![app.own_nip.clone()], "{path}");
    }

    for (path, field) in [
        ("klaim?status=x", "status"),
        ("pengalaman?limit=0", "limit"),
    ] {
        let r = admin.client.get(url(path)).send().await.unwrap();
        assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY, "{path}");
        let v: Value = r.json().await.unwrap();
        assert!(v["fields"].get(field).is_some(), "{path}: {v}");
    }
}

#[tokio::test]
async fn an_employee_submits_a_claim_over_the_api() {
    let app = spawn_app().await;
    let url = format!("{}/api/v1/klaim", app.base);
    let token = app.token("pegawai1").await;
    let kemarin = time::OffsetDateTime::now_utc()
        .date()
        .previous_day()
        .unwrap();
    let good = serde_json::json!({
        "judul": "Kursus daring SPBE", "penyelenggara": "LAN", "jalur": 16,
        "mulai": kemarin.to_string(), "selesai": kemarin.to_string(), "jp": 6,
        "bukti": "sertifikat nomor 12/LAN/2025"
    });
    let r = client()
        .post(&url)
        .bearer_auth(&token)
        .json(&good)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::CREATED);
    let v: Value = r.json().await.unwrap();
    assert_eq!(
        (
            v["nip"].as_str(),
            v["status"].as_str(),
            v["jp_klaim"].as_i64()
        ),
        (Some(app.own_nip.as_str()), Some("diajukan"), Some(6))
    );

    let bad = serde_json::json!({"judul": "", "penyelenggara": "LAN", "jalur": 99,
        "mulai": "2025-13-01", "selesai": kemarin.to_string(), "jp": "banyak", "bukti": ""});
    let r = client()
        .post(&url)
        .bearer_auth(&token)
        .json(&bad)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let v: Value = r.json().await.unwrap();
    for field in ["jalur", "mulai", "jp"] {
        assert!(v["fields"].get(field).is_some(), "{field}: {v}");
    }
    let v: Value = client()
        .get(&url)
        .bearer_auth(&token)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(
        v.as_array().unwrap().len(),
        1,
        "the bad claim stored nothing"
    );

    let admin = app.token("admin").await;
    let r = client()
        .post(&url)
        .bearer_auth(&admin)
        .json(&good)
        .send()
        .await
        .unwrap();
    assert_eq!(
        r.status(),
        StatusCode::FORBIDDEN,
        "claims are an employee's own"
    );
}

#[tokio::test]
async fn an_operator_records_an_activity_over_the_api() {
    let app = spawn_app().await;
    let url = format!("{}/api/v1/pengalaman", app.base);
    let op = app.token("operator_a").await;
    let body = |nip: &str, jenis: &str| {
        serde_json::json!({"nip": nip, "jenis": jenis, "judul": "Pendampingan proyek jalan",
            "pembimbing_nama": "Ir. Tenaga Ahli", "mulai": "2025-02-01", "selesai": "2025-04-30"})
    };
    let post = |token: String, b: Value| {
        let url = url.clone();
        async move {
            client()
                .post(url)
                .bearer_auth(token)
                .json(&b)
                .send()
                .await
                .unwrap()
        }
    };
    let r = post(op.clone(), body(&app.nips_a[0], "penugasan_khusus")).await;
    assert_eq!(r.status(), StatusCode::CREATED);
    let v: Value = r.json().await.unwrap();
    assert_eq!(
        (v["nip"].as_str(), v["status"].as_str(), v["jenis"].as_str()),
        (
            Some(app.nips_a[0].as_str()),
            Some("berjalan"),
            Some("penugasan_khusus")
        )
    );

    for (b, field) in [
        (body(&app.nips_b[0], "penugasan_khusus"), "nip"),
        (body(&app.nips_a[0], "piknik"), "jenis"),
    ] {
        let r = post(op.clone(), b).await;
        assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY, "{field}");
        let v: Value = r.json().await.unwrap();
        assert!(v["fields"].get(field).is_some(), "{field}: {v}");
    }
    let me = app.token("pegawai1").await;
    let r = post(me, body(&app.own_nip, "mentoring")).await;
    assert_eq!(r.status(), StatusCode::FORBIDDEN);
    let v: Value = client()
        .get(&url)
        .bearer_auth(&op)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(v.as_array().unwrap().len(), 1, "only the valid one stored");
}
