//! Editing and deleting a cooperation agreement over HTTP: the administrator's form keeps a bad
//! entry with a message per field (422), a used number is refused, deletion is refused while a
//! program of the institution falls within the agreement (409, naming it), and other roles are
//! turned away; the API does the same.

// Test helpers: a failed unwrap is a failed test (STYLE: tests may unwrap).
#![allow(clippy::unwrap_used)]

use bangkom_core::jp::Jalur;
use bangkom_core::lembaga::{LembagaInput, PksInput};
use bangkom_db::audit::Actor;
use bangkom_db::program::ProgramBaru;
use reqwest::StatusCode;
use serde_json::json;

use crate::common::{Session, spawn_app};

async fn post(s: &Session, path: &str, fields: &[(&str, &str)]) -> (StatusCode, String, String) {
    let mut all: Vec<(&str, &str)> = fields.to_vec();
    all.push(("csrf", s.csrf.as_str()));
    let r = s.post_form(path, &all).await;
    let status = r.status();
    let loc = r
        .headers()
        .get("location")
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
        .to_string();
    (status, loc, r.text().await.unwrap())
}

#[tokio::test]
async fn admin_edits_and_deletes_agreements() {
    let app = spawn_app().await;
    let sys = Actor::system("uji");
    let input = LembagaInput {
        kode: "LPK-UJI".into(),
        nama: "LPK Uji".into(),
        jenis: "swasta".into(),
        ..Default::default()
    };
    app.db
        .lembaga_create(&sys, &input.parse().unwrap())
        .await
        .unwrap();
    let l = app.db.lembaga_by_kode("LPK-UJI").await.unwrap();
    let pks = |nomor: &str, mulai: &str, selesai: &str| {
        PksInput {
            nomor: nomor.into(),
            mulai: mulai.into(),
            selesai: selesai.into(),
            ruang_lingkup: "Pelatihan teknis".into(),
        }
        .parse()
        .unwrap()
    };
    let a = app
        .db
        .pks_add(&sys, &l, &pks("PKS/1/2025", "2025-01-01", "2025-12-31"))
        .await
        .unwrap();
    let b = app
        .db
        .pks_add(&sys, &l, &pks("PKS/2/2026", "2026-01-01", "2026-12-31"))
        .await
        .unwrap();
    let url_a = format!("/lembaga/LPK-UJI/pks/{a}");

    let admin = app.login("admin").await;
    let (st, page) = admin.get("/lembaga/LPK-UJI").await;
    assert_eq!(st, StatusCode::OK);
    assert!(page.contains(&format!("href=\"{url_a}\"")));
    let (st, page) = admin.get(&url_a).await;
    assert_eq!(st, StatusCode::OK);
    assert!(page.contains("value=\"PKS/1/2025\""));

    // Bad dates and an empty scope: 422, every message next to its field, the entry kept.
    let (st, _, page) = post(
        &admin,
        &url_a,
        &[
            ("nomor", "PKS/1/2025-R"),
            ("mulai", "2025-12-31"),
            ("selesai", "2025-01-01"),
            ("ruang_lingkup", ""),
        ],
    )
    .await;
    assert_eq!(st, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(page.contains("id=\"selesai-err\""), "{page}");
    assert!(page.contains("id=\"ruang_lingkup-err\""));
    assert!(page.contains("value=\"PKS/1/2025-R\""));
    // Another agreement's number.
    let (st, _, page) = post(
        &admin,
        &url_a,
        &[
            ("nomor", "PKS/2/2026"),
            ("mulai", "2025-01-01"),
            ("selesai", "2025-12-31"),
            ("ruang_lingkup", "x"),
        ],
    )
    .await;
    assert_eq!(st, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(page.contains("id=\"nomor-err\""));
    // A good edit.
    let (st, loc, _) = post(
        &admin,
        &url_a,
        &[
            ("nomor", "PKS/1/2025-R"),
            ("mulai", "2025-02-01"),
            ("selesai", "2025-12-31"),
            ("ruang_lingkup", "Bimtek layanan digital"),
        ],
    )
    .await;
    assert_eq!(st, StatusCode::SEE_OTHER);
    assert_eq!(loc, "/lembaga/LPK-UJI?pesan=pks_diubah");
    let k = app.db.pks_by_id(l.lembaga_id, a).await.unwrap();
    assert_eq!(k.nomor, "PKS/1/2025-R");
    assert_eq!(k.ruang_lingkup, "Bimtek layanan digital");

    // Other roles may not.
    let op = app.login("operator_a").await;
    let (st, _) = op.get(&url_a).await;
    assert_eq!(st, StatusCode::FORBIDDEN);
    let (st, _, _) = post(&op, &format!("{url_a}/hapus"), &[]).await;
    assert_eq!(st, StatusCode::FORBIDDEN);
    assert_eq!(app.db.pks_list(l.lembaga_id).await.unwrap().len(), 2);

    // A program of the institution within agreement `a`: deletion refused, naming it.
    app.db
        .program_upsert(
            &sys,
            &ProgramBaru {
                kode: "2025-LPK-UJI".into(),
                nama: "Bimtek di bawah PKS".into(),
                jalur: Jalur::from_id(8).unwrap(),
                penyelenggara: "LPK Uji".into(),
                jp: 16,
                biaya: 0,
                kuota: None,
                mulai: time::macros::date!(2025 - 05 - 05),
                selesai: time::macros::date!(2025 - 05 - 07),
            },
        )
        .await
        .unwrap();
    let g = app.db.program_by_kode("2025-LPK-UJI").await.unwrap();
    app.db
        .program_lembaga_set(&sys, &g, Some(&l))
        .await
        .unwrap();
    let (st, _, page) = post(&admin, &format!("{url_a}/hapus"), &[]).await;
    assert_eq!(st, StatusCode::CONFLICT);
    assert!(page.contains("id=\"tolak\""));
    assert!(page.contains("2025-LPK-UJI"));
    assert_eq!(app.db.pks_list(l.lembaga_id).await.unwrap().len(), 2);

    // The API: edit `b`, refuse deleting `a`, delete `b`.
    let api = |m: reqwest::Method, id: i64| {
        admin
            .client
            .request(m, admin.url(&format!("/api/v1/lembaga/LPK-UJI/pks/{id}")))
            .header("X-CSRF-Token", &admin.csrf)
    };
    let r = api(reqwest::Method::PUT, b)
        .json(&json!({"nomor": "PKS/2/2026", "mulai": "2026-01-01", "selesai": "2025-01-01", "ruang_lingkup": "x"}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let v: serde_json::Value = r.json().await.unwrap();
    assert!(
        v["fields"]["selesai"].is_array() || v["fields"]["selesai"].is_string(),
        "{v}"
    );
    let r = api(reqwest::Method::PUT, b)
        .json(&json!({"nomor": "PKS/2/2026-R", "mulai": "2026-01-01", "selesai": "2026-06-30", "ruang_lingkup": "Pelatihan kepemimpinan"}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::OK);
    assert_eq!(
        app.db.pks_by_id(l.lembaga_id, b).await.unwrap().nomor,
        "PKS/2/2026-R"
    );
    let r = api(reqwest::Method::DELETE, a).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::CONFLICT);
    let r = api(reqwest::Method::DELETE, b).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::NO_CONTENT);
    let r = api(reqwest::Method::DELETE, b).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::NOT_FOUND);
    let left = app.db.pks_list(l.lembaga_id).await.unwrap();
    assert_eq!(left.len(), 1);
    assert_eq!(left[0].pks_id, a);

    // Both kinds of write are in the audit log, under the administrator's name.
    let log = app
        .db
        .audit_list(&bangkom_db::audit::AuditFilter {
            entitas: Some("perjanjian_kerja_sama".into()),
            page: 1,
            per_page: 50,
            ..Default::default()
        })
        .await
        .unwrap();
    let mut aksi: Vec<(&str, &str)> = log
        .iter()
        .filter(|r| r.pelaku != "uji")
        .map(|r| (r.aksi.as_str(), r.kunci.as_str()))
        .collect();
    aksi.sort_unstable();
    assert_eq!(
        aksi,
        [
            ("hapus", "LPK-UJI#PKS/2/2026-R"),
            ("ubah", "LPK-UJI#PKS/1/2025"),
            ("ubah", "LPK-UJI#PKS/2/2026"),
        ]
    );
}
