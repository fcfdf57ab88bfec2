//! The participation workflow over HTTP: an operator nominates (own OPD only), the employee
//! applies onto the waitlist, the administrator decides, records a session, attendance and scores,
//! decides completion; the certificate verifies publicly and the employee's page shows the JP.
//! Bad input is refused with field messages (422 on forms, `{error, fields}` in the API).

// Test helpers: a failed unwrap is a failed test (STYLE: tests may unwrap).
#![allow(clippy::unwrap_used)]

use bangkom_core::jp::Jalur;
use bangkom_db::audit::Actor;
use bangkom_db::program::ProgramBaru;
use reqwest::StatusCode;
use serde_json::{Value, json};

use crate::common::{TestApp, client, spawn_app};

const KODE: &str = "UJI-BIMTEK-01";

/// A program of this year (the employee's page counts this year's JP), two places.
async fn program(app: &TestApp) -> i32 {
    let tahun = bangkom_web::html::survei::today_wib().year();
    let d = |m: time::Month, day: u8| time::Date::from_calendar_date(tahun, m, day).unwrap();
    app.db
        .program_upsert(
            &Actor::system("uji"),
            &ProgramBaru {
                kode: KODE.into(),
                nama: "Bimtek Layanan Digital".into(),
                jalur: Jalur::from_id(8).unwrap(),
                penyelenggara: "BPSDM Provinsi Jambi".into(),
                jp: 24,
                biaya: 0,
                kuota: Some(2),
                mulai: d(time::Month::January, 10),
                selesai: d(time::Month::January, 12),
            },
        )
        .await
        .unwrap();
    tahun
}

fn status_of(detail: &Value, nip: &str) -> String {
    detail["peserta"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["nip"] == nip)
        .map(|p| p["status"].as_str().unwrap().to_string())
        .unwrap_or_default()
}

#[tokio::test]
async fn the_whole_lifecycle_over_pages_and_api() {
    let app = spawn_app().await;
    let tahun = program(&app).await;
    let url = format!("/program/{KODE}");
    let (x, y, me) = (&app.nips_a[0], &app.nips_a[1], &app.own_nip);
    let other_opd = &app.nips_b[0];

    // The operator nominates two of their own employees; another OPD's employee is "not found".
    let op = app.login("operator_a").await;
    let (st, loc, _) = op.submit(&format!("{url}/usul"), &[("nip", x)]).await;
    assert_eq!(
        (st, loc.as_str()),
        (StatusCode::SEE_OTHER, "/program/UJI-BIMTEK-01?pesan=usul")
    );
    let (st, _, _) = op
        .submit(&format!("{url}/usul"), &[("nip", other_opd)])
        .await;
    assert_eq!(
        st,
        StatusCode::NOT_FOUND,
        "OPD B's employee is outside operator A's scope"
    );
    let (st, _, body) = op.submit(&format!("{url}/usul"), &[("nip", x)]).await;
    assert_eq!(st, StatusCode::UNPROCESSABLE_ENTITY, "double nomination");
    assert!(body.contains("sudah terdaftar"), "{body}");
    op.submit(&format!("{url}/usul"), &[("nip", y)]).await;

    // The employee applies from the program page: the quota is full, so the waitlist.
    let emp = app.login("pegawai1").await;
    let (_, page) = emp.get(&url).await;
    assert!(
        page.contains("form-daftar"),
        "an apply button for the employee"
    );
    let (st, loc, _) = emp.submit(&format!("{url}/usul"), &[]).await;
    assert_eq!(
        (st, loc.as_str()),
        (StatusCode::SEE_OTHER, "/program/UJI-BIMTEK-01?pesan=tunggu")
    );
    let (_, page) = emp.get(&url).await;
    assert!(
        page.contains(me.as_str()) && !page.contains(x.as_str()),
        "an employee sees only themselves"
    );

    // Operator B sees none of OPD A's participants; the leader may not nominate.
    let (_, page) = app.login("operator_b").await.get(&url).await;
    assert!(!page.contains(x.as_str()) && !page.contains(me.as_str()));
    let boss = app.login("pimpinan").await;
    let (st, _, _) = boss
        .submit(&format!("{url}/usul"), &[("nip", other_opd)])
        .await;
    assert_eq!(st, StatusCode::FORBIDDEN);
    let (st, _, _) = op
        .submit(
            &format!("{url}/putus"),
            &[("nip", x), ("keputusan", "setuju")],
        )
        .await;
    assert_eq!(st, StatusCode::FORBIDDEN, "only the administrator decides");

    // The administrator's queue; approve X; reject Y (a reason is required) → the employee moves up.
    let admin = app.login("admin").await;
    let (st, list) = admin.get("/program").await;
    assert_eq!(st, StatusCode::OK);
    assert!(list.contains("href=\"/program/UJI-BIMTEK-01\""));
    let atur = |hadir: &'static str| {
        vec![
            ("klasikal", "1"),
            ("kompetensi", "Layanan adminduk digital"),
            ("sasaran_jabatan", ""),
            ("opd", ""),
            ("min_hadir_persen", hadir),
            ("min_nilai_post", "60"),
        ]
    };
    let mut bad = atur("80");
    bad[3] = ("opd", "99.99");
    let (st, _, body) = admin.submit(&format!("{url}/atur"), &bad).await;
    assert_eq!(st, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(body.contains("kode OPD tidak terdaftar: 99.99") && body.contains("value=\"99.99\""));
    let (st, _, _) = admin.submit(&format!("{url}/atur"), &atur("80")).await;
    assert_eq!(st, StatusCode::SEE_OTHER);
    let (_, queue) = admin.get("/persetujuan").await;
    assert!(
        queue.contains(x.as_str()) && queue.contains(y.as_str()) && !queue.contains(me.as_str())
    );
    let (st, loc, _) = admin
        .submit(
            &format!("{url}/putus"),
            &[
                ("nip", x),
                ("keputusan", "setuju"),
                ("kembali", "persetujuan"),
            ],
        )
        .await;
    assert_eq!(
        (st, loc.as_str()),
        (StatusCode::SEE_OTHER, "/persetujuan?pesan=setuju")
    );
    let (st, _, body) = admin
        .submit(
            &format!("{url}/putus"),
            &[("nip", y), ("keputusan", "tolak"), ("alasan", "")],
        )
        .await;
    assert_eq!(st, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(body.contains("alasan penolakan wajib diisi"));
    admin
        .submit(
            &format!("{url}/putus"),
            &[
                ("nip", y),
                ("keputusan", "tolak"),
                ("alasan", "bukan sasaran"),
            ],
        )
        .await;
    let (_, d) = admin.api("GET", &url, Value::Null).await;
    assert_eq!(
        status_of(&d, me),
        "diusulkan",
        "promoted from the waitlist: {d}"
    );
    assert_eq!(status_of(&d, y), "ditolak");
    let (st, v) = admin
        .api(
            "POST",
            &format!("{url}/peserta/{me}/keputusan"),
            json!({"setuju": true}),
        )
        .await;
    assert_eq!(
        (st, v["status"].as_str()),
        (StatusCode::OK, Some("disetujui"))
    );

    // A session (a bad time is refused on the form), then attendance for the class in one submit.
    let tanggal = format!("{tahun}-01-10");
    let (st, _, body) = admin
        .submit(
            &format!("{url}/sesi"),
            &[
                ("tanggal", &tanggal),
                ("jam_mulai", "25:00"),
                ("jam_selesai", "12:00"),
                ("tempat", "Aula"),
            ],
        )
        .await;
    assert_eq!(st, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        body.contains("JJ:MM") && body.contains("value=\"Aula\""),
        "message and kept values"
    );
    let (st, v) = admin.api( "POST", &format!("{url}/sesi"), json!({"tanggal": tanggal, "jam_mulai": "08:00", "jam_selesai": "12:00", "tempat": "Aula BPSDM"})).await;
    assert_eq!(st, StatusCode::CREATED);
    let sesi = v["sesi_id"].as_i64().unwrap();
    let hadir = format!("{url}/sesi/{sesi}/hadir");
    let (_, page) = admin.get(&hadir).await;
    assert_eq!(
        page.matches("type=\"checkbox\"").count(),
        2,
        "one checkbox per approved participant"
    );
    let (st, _, body) = admin.submit(&hadir, &[("hadir", x), ("hadir", y)]).await;
    assert_eq!(st, StatusCode::UNPROCESSABLE_ENTITY, "Y is not enrolled");
    assert!(body.contains("bukan peserta yang disetujui"));
    let (st, _, _) = admin.submit(&hadir, &[("hadir", x), ("hadir", me)]).await;
    assert_eq!(st, StatusCode::SEE_OTHER);

    // Scores: outside 0..100 refused (form and API), then recorded.
    let (pre_x, post_x, post_me) = (
        format!("pre.{x}"),
        format!("post.{x}"),
        format!("post.{me}"),
    );
    let (st, _, body) = admin
        .submit(
            &format!("{url}/nilai"),
            &[(&pre_x, "40"), (&post_x, "101"), (&post_me, "80")],
        )
        .await;
    assert_eq!(st, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(body.contains("nilai harus 0–100") && body.contains("value=\"101\""));
    let (st, v) = admin
        .api(
            "PUT",
            &format!("{url}/nilai"),
            json!({"nilai": [{"nip": x, "post": 150}]}),
        )
        .await;
    assert_eq!(st, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(v["fields"].get(format!("post.{x}")).is_some(), "{v}");
    let (st, _, _) = admin
        .submit(
            &format!("{url}/nilai"),
            &[
                (&pre_x, "40"),
                (&post_x, "85"),
                (&format!("pre.{me}"), "50"),
                (&post_me, "80"),
            ],
        )
        .await;
    assert_eq!(st, StatusCode::SEE_OTHER);
    let (_, page) = admin.get(&url).await;
    assert!(
        page.contains("id=\"rata-peningkatan\">+37.5<"),
        "(45 + 30) / 2"
    );

    // Completion; the certificate verifies without login and shows no NIP.
    let (st, _, _) = admin.submit(&format!("{url}/lulus"), &[]).await;
    assert_eq!(st, StatusCode::SEE_OTHER);
    let (_, d) = admin.api("GET", &url, Value::Null).await;
    let nomor = d["peserta"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["nip"] == *me)
        .and_then(|p| p["nomor_sertifikat"].as_str())
        .unwrap()
        .to_string();
    let anon = client();
    let r = anon
        .get(format!("{}/sertifikat/{nomor}", app.base))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::OK);
    let page = r.text().await.unwrap();
    assert!(
        page.contains("Sertifikat SAH") && page.contains("<svg"),
        "valid, with its QR code"
    );
    assert!(!page.contains(me.as_str()), "no NIP on the public page");
    let r = anon
        .get(format!("{}/sertifikat/{nomor}.pdf", app.base))
        .send()
        .await
        .unwrap();
    assert_eq!(r.headers()["content-type"], "application/pdf");
    let pdf = r.bytes().await.unwrap();
    assert!(pdf.starts_with(b"%PDF-"));
    assert!(String::from_utf8_lossy(&pdf).contains(&nomor));
    let v: Value = anon
        .get(format!("{}/api/v1/sertifikat/{nomor}", app.base))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(
        (v["sah"].as_bool(), v["jp"].as_i64()),
        (Some(true), Some(24))
    );
    let r = anon
        .get(format!("{}/sertifikat/STTPP-PALSU-0001", app.base))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::NOT_FOUND);

    // The completion rules are frozen now (the form says why, nothing is written).
    let (st, _, body) = admin.submit(&format!("{url}/atur"), &atur("50")).await;
    assert_eq!(st, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(body.contains("syarat kelulusan tidak dapat diubah"));
    assert_eq!(
        app.db.program_by_kode(KODE).await.unwrap().min_hadir_persen,
        80
    );

    // The employee's own page shows the JP and the certificate.
    let (_, saya) = emp.get("/saya").await;
    assert!(saya.contains("id=\"jp-saya\"><strong>24 "), "{saya}");
    assert!(saya.contains(&nomor));

    // The program is frozen after completions: a JP change is refused, nothing written.
    let e = app
        .db
        .program_upsert(
            &Actor::system("uji"),
            &ProgramBaru {
                kode: KODE.into(),
                nama: "Bimtek Layanan Digital".into(),
                jalur: Jalur::from_id(8).unwrap(),
                penyelenggara: "BPSDM Provinsi Jambi".into(),
                jp: 30,
                biaya: 0,
                kuota: Some(2),
                mulai: time::Date::from_calendar_date(tahun, time::Month::January, 10).unwrap(),
                selesai: time::Date::from_calendar_date(tahun, time::Month::January, 12).unwrap(),
            },
        )
        .await;
    assert!(matches!(e, Err(bangkom_db::DbError::Invalid(_))));
}

#[tokio::test]
async fn api_scope_and_bad_input() {
    let app = spawn_app().await;
    program(&app).await;
    let path = format!("/program/{KODE}/peserta");
    let op = app.login("operator_a").await;
    let (st, v) = op.api("POST", &path, json!({"nip": app.nips_b[0]})).await;
    assert_eq!(st, StatusCode::NOT_FOUND, "{v}");
    assert!(v.get("error").is_some() && v.get("fields").is_some());
    let (st, v) = op.api("POST", &path, json!({"nip": app.nips_a[0]})).await;
    assert_eq!(
        (st, v["status"].as_str()),
        (StatusCode::CREATED, Some("diusulkan"))
    );
    let (st, v) = op.api("POST", &path, json!({"nip": app.nips_a[0]})).await;
    assert_eq!(st, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        v["fields"]["nip"]
            .as_str()
            .unwrap()
            .contains("sudah terdaftar")
    );
    op.api("POST", &path, json!({"nip": app.nips_a[1]})).await;
    let (st, v) = op.api("POST", &path, json!({"nip": app.nips_a[2]})).await;
    assert_eq!(
        (st, v["status"].as_str()),
        (StatusCode::CREATED, Some("menunggu")),
        "beyond the quota: the waitlist, not an error"
    );

    // Withdrawal by the operator moves the waitlist up.
    let (st, v) = op
        .api(
            "POST",
            &format!("/program/{KODE}/peserta/{}/batal", app.nips_a[1]),
            json!({"alasan": "tugas luar"}),
        )
        .await;
    assert_eq!(st, StatusCode::OK);
    assert_eq!(v["naik"], json!([app.nips_a[2]]));

    // The other operator neither sees nor withdraws them; the CSRF header is required.
    let opb = app.login("operator_b").await;
    let (_, d) = opb
        .api("GET", &format!("/program/{KODE}"), Value::Null)
        .await;
    assert_eq!(d["peserta"].as_array().unwrap().len(), 0);
    let (st, _) = opb
        .api(
            "POST",
            &format!("/program/{KODE}/peserta/{}/batal", app.nips_a[0]),
            json!({}),
        )
        .await;
    assert_eq!(st, StatusCode::NOT_FOUND);
    let r = op
        .client
        .post(op.url(&format!("/api/v1/program/{KODE}/peserta")))
        .json(&json!({"nip": app.nips_a[3]}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::FORBIDDEN, "no X-CSRF-Token");

    // Admin-only steps are refused to the operator; an unknown session is not found.
    let (st, _) = op
        .api("POST", &format!("/program/{KODE}/kelulusan"), Value::Null)
        .await;
    assert_eq!(st, StatusCode::FORBIDDEN);
    let admin = app.login("admin").await;
    let (st, _) = admin
        .api(
            "PUT",
            &format!("/program/{KODE}/sesi/9999/hadir"),
            json!({"hadir": []}),
        )
        .await;
    assert_eq!(st, StatusCode::NOT_FOUND);
    let (st, v) = admin
        .api("POST", &format!("/program/{KODE}/kelulusan"), Value::Null)
        .await;
    assert_eq!(
        st,
        StatusCode::UNPROCESSABLE_ENTITY,
        "nobody approved yet: {v}"
    );
    let (st, _) = admin.api("GET", "/program/TIDAK-ADA", Value::Null).await;
    assert_eq!(st, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn an_employee_applies_from_their_own_page() {
    let app = spawn_app().await;
    let tahun = bangkom_web::html::survei::today_wib().year();
    app.db
        .program_upsert(
            &Actor::system("uji"),
            &ProgramBaru {
                kode: "UJI-TERBUKA".into(),
                nama: "E-Learning Terbuka".into(),
                jalur: Jalur::from_id(16).unwrap(),
                penyelenggara: "LAN".into(),
                jp: 8,
                biaya: 0,
                kuota: None,
                mulai: time::Date::from_calendar_date(tahun, time::Month::January, 1).unwrap(),
                selesai: time::Date::from_calendar_date(tahun, time::Month::December, 31).unwrap(),
            },
        )
        .await
        .unwrap();
    let emp = app.login("pegawai1").await;
    let (_, saya) = emp.get("/saya").await;
    let open = saya.split("id=\"program-terbuka\"").nth(1).unwrap();
    assert!(open.contains("/program/UJI-TERBUKA/usul"), "{open}");
    let (st, loc, _) = emp
        .submit(
            "/program/UJI-TERBUKA/usul",
            &[("kembali", "saya"), ("nip", &app.nips_a[0])],
        )
        .await;
    assert_eq!(
        (st, loc.as_str()),
        (StatusCode::SEE_OTHER, "/saya?pesan=usul")
    );
    let (_, saya) = emp.get("/saya").await;
    let (riwayat, open) = saya.split_once("id=\"program-terbuka\"").unwrap();
    assert!(
        riwayat.contains("E-Learning Terbuka") && riwayat.contains("diusulkan"),
        "{riwayat}"
    );
    assert!(!open.contains("UJI-TERBUKA"), "applied: no longer offered");
    // The NIP field is ignored for an employee: they applied for themselves, not for NIP A0.
    let (_, d) = app
        .login("admin")
        .await
        .api("GET", "/program/UJI-TERBUKA", Value::Null)
        .await;
    let nips: Vec<&str> = d["peserta"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|p| p["nip"].as_str())
        .collect();
    assert_eq!(nips, [app.own_nip.as_str()]);
}
