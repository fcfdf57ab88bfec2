//! Training institutions over HTTP: the administrator's forms and API (bad input kept with field
//! messages, duplicates refused), linking programs to their organiser, and the institution role:
//! its staff see and run only their own institution's programs (404 for any other, pages and API).

// Test helpers: a failed unwrap is a failed test (STYLE: tests may unwrap).
#![allow(clippy::unwrap_used)]

use bangkom_core::jp::Jalur;
use bangkom_db::audit::Actor;
use bangkom_db::program::ProgramBaru;
use bangkom_web::{AppState, Config};
use reqwest::StatusCode;
use serde_json::{Value, json};

use crate::common::{PASSWORD, TestApp, spawn_app};

async fn program(app: &TestApp, kode: &str) {
    let tahun = bangkom_web::html::survei::today_wib().year();
    let d = |m: time::Month, day: u8| time::Date::from_calendar_date(tahun, m, day).unwrap();
    app.db
        .program_upsert(
            &Actor::system("uji"),
            &ProgramBaru {
                kode: kode.into(),
                nama: format!("Pelatihan {kode}"),
                jalur: Jalur::from_id(8).unwrap(),
                penyelenggara: "uji".into(),
                jp: 16,
                biaya: 0,
                kuota: None,
                mulai: d(time::Month::January, 10),
                selesai: d(time::Month::January, 12),
            },
        )
        .await
        .unwrap();
}

#[tokio::test]
async fn admin_manages_institutions_with_field_messages() {
    let app = spawn_app().await;
    let admin = app.login("admin").await;

    // Bad input: 422, each message next to its field, the values kept.
    let (st, _, body) = admin
        .submit(
            "/lembaga",
            &[
                ("kode", "BPSDM JAMBI"),
                ("nama", "BPSDM Provinsi Jambi"),
                ("jenis", ""),
                ("kontak_email", "bukan-surel"),
            ],
        )
        .await;
    assert_eq!(st, StatusCode::UNPROCESSABLE_ENTITY);
    for id in ["kode-err", "jenis-err", "kontak_email-err"] {
        assert!(body.contains(&format!("id=\"{id}\"")), "{id}");
    }
    assert!(body.contains("value=\"BPSDM Provinsi Jambi\""), "kept");

    let (st, loc, _) = admin
        .submit(
            "/lembaga",
            &[
                ("kode", "bpsdm-jambi"),
                ("nama", "BPSDM Provinsi Jambi"),
                ("jenis", "pemerintah"),
                ("akreditasi", "A"),
                ("akreditasi_sampai", "2030-12-31"),
            ],
        )
        .await;
    assert_eq!(
        (st, loc.as_str()),
        (StatusCode::SEE_OTHER, "/lembaga/BPSDM-JAMBI?pesan=dibuat")
    );
    let (st, _, body) = admin
        .submit(
            "/lembaga",
            &[
                ("kode", "BPSDM-JAMBI"),
                ("nama", "Lagi"),
                ("jenis", "swasta"),
            ],
        )
        .await;
    assert_eq!(st, StatusCode::UNPROCESSABLE_ENTITY, "a code is used once");
    assert!(body.contains("sudah dipakai"));

    // Edit keeps the code; an agreement ending before it starts is refused with values kept.
    let (st, _, _) = admin
        .submit(
            "/lembaga/BPSDM-JAMBI",
            &[
                ("kode", "LAIN"),
                ("nama", "Badan Pengembangan SDM Provinsi Jambi"),
                ("jenis", "pemerintah"),
                ("kontak_telepon", "0741-123456"),
            ],
        )
        .await;
    assert_eq!(st, StatusCode::SEE_OTHER);
    let (st, _, body) = admin
        .submit(
            "/lembaga/BPSDM-JAMBI/pks",
            &[
                ("nomor", "PKS/01/2025"),
                ("mulai", "2025-06-01"),
                ("selesai", "2025-01-01"),
                ("ruang_lingkup", "Pelatihan teknis"),
            ],
        )
        .await;
    assert_eq!(st, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(body.contains("id=\"selesai-err\"") && body.contains("value=\"PKS/01/2025\""));
    let (st, _, _) = admin
        .submit(
            "/lembaga/BPSDM-JAMBI/pks",
            &[
                ("nomor", "PKS/01/2025"),
                ("mulai", "2025-01-01"),
                ("selesai", "2026-12-31"),
                ("ruang_lingkup", "Pelatihan teknis"),
            ],
        )
        .await;
    assert_eq!(st, StatusCode::SEE_OTHER);
    let (st, page) = admin.get("/lembaga/BPSDM-JAMBI").await;
    assert_eq!(st, StatusCode::OK);
    assert!(page.contains("Badan Pengembangan SDM Provinsi Jambi") && page.contains("PKS/01/2025"));

    // The API: create, duplicate, bad input, read with agreements, update.
    let (st, _) = admin
        .api(
            "POST",
            "/lembaga",
            json!({"kode": "LAN", "nama": "Lembaga Administrasi Negara", "jenis": "pemerintah"}),
        )
        .await;
    assert_eq!(st, StatusCode::CREATED);
    let (st, _) = admin
        .api(
            "POST",
            "/lembaga",
            json!({"kode": "LAN", "nama": "x", "jenis": "swasta"}),
        )
        .await;
    assert_eq!(st, StatusCode::CONFLICT);
    let (st, v) = admin
        .api("POST", "/lembaga", json!({"kode": "X1", "jenis": "asing"}))
        .await;
    assert_eq!(st, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(v["fields"]["jenis"].is_string() && v["fields"]["nama"].is_string());
    let (st, v) = admin.api("GET", "/lembaga/bpsdm-jambi", Value::Null).await;
    assert_eq!(st, StatusCode::OK);
    assert_eq!(v["perjanjian"][0]["nomor"], "PKS/01/2025");
    assert_eq!(v["kontak_telepon"], "0741-123456");
    let (st, v) = admin.api("GET", "/lembaga", Value::Null).await;
    assert_eq!((st, v.as_array().unwrap().len()), (StatusCode::OK, 2));
    let audit = app
        .db
        .audit_list(&bangkom_db::audit::AuditFilter {
            entitas: Some("lembaga".into()),
            page: 1,
            per_page: 50,
            ..Default::default()
        })
        .await
        .unwrap();
    let aksi: Vec<&str> = audit.iter().map(|a| a.aksi.as_str()).collect();
    assert_eq!(aksi, ["tambah", "ubah", "tambah"], "newest first");

    // Operators do not manage institutions.
    let op = app.login("operator_a").await;
    assert_eq!(op.get("/lembaga").await.0, StatusCode::FORBIDDEN);
    let (st, _) = op
        .api(
            "POST",
            "/lembaga",
            json!({"kode": "Y", "nama": "Y", "jenis": "swasta"}),
        )
        .await;
    assert_eq!(st, StatusCode::FORBIDDEN);
}

#[tokio::test]
async fn institution_staff_see_only_their_own_programs() {
    let app = spawn_app().await;
    let admin = app.login("admin").await;
    for (kode, nama) in [
        ("LAN", "Lembaga Administrasi Negara"),
        ("SWASTA-1", "PT Pelatihan Digital"),
    ] {
        let (st, _) = admin
            .api(
                "POST",
                "/lembaga",
                json!({"kode": kode, "nama": nama, "jenis": "pemerintah"}),
            )
            .await;
        assert_eq!(st, StatusCode::CREATED);
    }
    program(&app, "UJI-LAN-01").await;
    program(&app, "UJI-SWASTA-01").await;
    // Link over the page form and over the API; an unknown institution is a field error.
    let (st, _, _) = admin
        .submit("/program/UJI-LAN-01/lembaga", &[("lembaga", "LAN")])
        .await;
    assert_eq!(st, StatusCode::SEE_OTHER);
    let (st, v) = admin
        .api(
            "PUT",
            "/program/UJI-SWASTA-01/lembaga",
            json!({"lembaga": "TIDAK-ADA"}),
        )
        .await;
    assert_eq!(st, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(v["fields"]["lembaga"].is_string());
    let (st, _) = admin
        .api(
            "PUT",
            "/program/UJI-SWASTA-01/lembaga",
            json!({"lembaga": "SWASTA-1"}),
        )
        .await;
    assert_eq!(st, StatusCode::OK);
    let (_, v) = admin.api("GET", "/program/UJI-LAN-01", Value::Null).await;
    assert_eq!(v["program"]["lembaga"], "LAN");

    // An institution account needs its institution.
    let state = AppState::new(app.db.clone(), Config::default());
    let sys = Actor::system("uji");
    let e = bangkom_web::html::create_account(
        &state,
        &sys,
        "staf.x",
        "Staf",
        PASSWORD,
        "lembaga",
        &[],
        "",
    )
    .await
    .unwrap_err();
    assert!(e.fields().contains_key("lembaga"), "{e:?}");
    let e =
        bangkom_web::html::create_account_lembaga(&state, &sys, "staf.x", "Staf", PASSWORD, "NOPE")
            .await
            .unwrap_err();
    assert!(e.fields().contains_key("lembaga"), "{e:?}");
    bangkom_web::html::create_account_lembaga(
        &state, &sys, "staf.lan", "Staf LAN", PASSWORD, "lan",
    )
    .await
    .unwrap();

    // Two approved participants in the LAN program.
    for nip in &app.nips_a[..2] {
        let (st, _) = admin
            .api("POST", "/program/UJI-LAN-01/peserta", json!({"nip": nip}))
            .await;
        assert_eq!(st, StatusCode::CREATED);
        let (st, _) = admin
            .api(
                "POST",
                &format!("/program/UJI-LAN-01/peserta/{nip}/keputusan"),
                json!({"setuju": true}),
            )
            .await;
        assert_eq!(st, StatusCode::OK);
    }

    let lan = app.login("staf.lan").await;
    let (st, page) = lan.get("/program").await;
    assert_eq!(st, StatusCode::OK);
    assert!(page.contains("UJI-LAN-01") && !page.contains("UJI-SWASTA-01"));
    assert_eq!(
        lan.get("/program/UJI-SWASTA-01").await.0,
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        lan.get("/program/UJI-SWASTA-01/nilai").await.0,
        StatusCode::NOT_FOUND
    );
    assert_eq!(lan.get("/lembaga/SWASTA-1").await.0, StatusCode::NOT_FOUND);
    assert_eq!(lan.get("/lembaga").await.0, StatusCode::FORBIDDEN);
    assert_eq!(lan.get("/lembaga/LAN").await.0, StatusCode::OK);
    let (st, page) = lan.get("/program/UJI-LAN-01").await;
    assert_eq!(st, StatusCode::OK);
    assert!(
        page.contains(&app.nips_a[0]),
        "the whole class of the own program"
    );
    assert!(page.contains("Tambah sesi"), "the staff run the sessions");

    let (_, v) = lan.api("GET", "/program", Value::Null).await;
    let kode: Vec<&str> = v["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["kode"].as_str().unwrap())
        .collect();
    assert_eq!(kode, ["UJI-LAN-01"]);
    let (st, _) = lan.api("GET", "/program/UJI-SWASTA-01", Value::Null).await;
    assert_eq!(st, StatusCode::NOT_FOUND);
    let (st, _) = lan.api("GET", "/lembaga/SWASTA-1", Value::Null).await;
    assert_eq!(st, StatusCode::NOT_FOUND);

    // Sessions, attendance and scores: own program yes, another's 404, decisions stay with the admin.
    let tahun = bangkom_web::html::survei::today_wib().year();
    let sesi = json!({"tanggal": format!("{tahun}-01-10"), "jam_mulai": "08:00", "jam_selesai": "12:00", "tempat": "Aula"});
    let (st, _) = lan
        .api("POST", "/program/UJI-SWASTA-01/sesi", sesi.clone())
        .await;
    assert_eq!(st, StatusCode::NOT_FOUND);
    let (st, v) = lan.api("POST", "/program/UJI-LAN-01/sesi", sesi).await;
    assert_eq!(st, StatusCode::CREATED);
    let id = v["sesi_id"].as_i64().unwrap();
    let (st, v) = lan
        .api(
            "PUT",
            &format!("/program/UJI-LAN-01/sesi/{id}/hadir"),
            json!({"hadir": [app.nips_a[0]]}),
        )
        .await;
    assert_eq!((st, v["hadir"].as_i64()), (StatusCode::OK, Some(1)));
    let (st, _) = lan
        .api(
            "PUT",
            "/program/UJI-LAN-01/nilai",
            json!({"nilai": [{"nip": app.nips_a[0], "pre": 40, "post": 101}]}),
        )
        .await;
    assert_eq!(st, StatusCode::UNPROCESSABLE_ENTITY, "a score above 100");
    let (st, _) = lan
        .api(
            "PUT",
            "/program/UJI-LAN-01/nilai",
            json!({"nilai": [{"nip": app.nips_a[0], "pre": 40, "post": 85}]}),
        )
        .await;
    assert_eq!(st, StatusCode::OK);
    let (st, _) = lan
        .api("POST", "/program/UJI-LAN-01/kelulusan", Value::Null)
        .await;
    assert_eq!(
        st,
        StatusCode::FORBIDDEN,
        "completion and JP stay with the administrator"
    );
    let (st, _) = lan
        .api(
            "POST",
            &format!("/program/UJI-LAN-01/peserta/{}/keputusan", app.nips_a[1]),
            json!({"setuju": false, "alasan": "x"}),
        )
        .await;
    assert_eq!(st, StatusCode::FORBIDDEN);
    // No registry access.
    let (st, v) = lan
        .api("GET", &format!("/pegawai/{}", app.nips_a[0]), Value::Null)
        .await;
    assert_eq!(st, StatusCode::NOT_FOUND, "{v}");
}
