//! Post-training evaluation over HTTP: the reaction questionnaire is open only to participants who
//! attended (once; bad answers kept with messages), and the behaviour follow-up falls due 3 and 6
//! months after completion, visible to the employee's OPD operator only, and rolls up per program.

// Test helpers: a failed unwrap is a failed test (STYLE: tests may unwrap).
#![allow(clippy::unwrap_used)]

use bangkom_core::jp::Jalur;
use bangkom_db::audit::Actor;
use bangkom_db::program::ProgramBaru;
use reqwest::StatusCode;
use serde_json::{Value, json};

use crate::common::{Session, TestApp, spawn_app};

async fn post(s: &Session, path: &str, fields: &[(&str, &str)]) -> (StatusCode, String) {
    let mut all: Vec<(&str, &str)> = fields.to_vec();
    all.push(("csrf", s.csrf.as_str()));
    let r = s.post_form(path, &all).await;
    let status = r.status();
    (status, r.text().await.unwrap())
}

/// A one-day program that ended `days_ago` days ago, its class approved, one session in which
/// only `hadir` attended, scores of 80 for everyone, completion decided.
async fn finished(
    app: &TestApp,
    admin: &Session,
    kode: &str,
    days_ago: i64,
    kelas: &[&str],
    hadir: &[&str],
) {
    let day = bangkom_web::html::survei::today_wib() - time::Duration::days(days_ago);
    app.db
        .program_upsert(
            &Actor::system("uji"),
            &ProgramBaru {
                kode: kode.into(),
                nama: format!("Pelatihan {kode}"),
                jalur: Jalur::from_id(8).unwrap(),
                penyelenggara: "BPSDM Provinsi Jambi".into(),
                jp: 8,
                biaya: 0,
                kuota: None,
                mulai: day,
                selesai: day,
            },
        )
        .await
        .unwrap();
    let url = format!("/program/{kode}");
    for nip in kelas {
        let (st, _) = admin
            .api("POST", &format!("{url}/peserta"), json!({"nip": nip}))
            .await;
        assert_eq!(st, StatusCode::CREATED);
        let (st, _) = admin
            .api(
                "POST",
                &format!("{url}/peserta/{nip}/keputusan"),
                json!({"setuju": true}),
            )
            .await;
        assert_eq!(st, StatusCode::OK);
    }
    let (st, v) = admin.api( "POST", &format!("{url}/sesi"), json!({"tanggal": day.to_string(), "jam_mulai": "08:00", "jam_selesai": "12:00", "tempat": "Aula"})).await;
    assert_eq!(st, StatusCode::CREATED);
    let sesi = v["sesi_id"].as_i64().unwrap();
    let (st, _) = admin
        .api(
            "PUT",
            &format!("{url}/sesi/{sesi}/hadir"),
            json!({"hadir": hadir}),
        )
        .await;
    assert_eq!(st, StatusCode::OK);
    let nilai: Vec<Value> = kelas
        .iter()
        .map(|n| json!({"nip": n, "pre": 50, "post": 80}))
        .collect();
    let (st, _) = admin
        .api("PUT", &format!("{url}/nilai"), json!({"nilai": nilai}))
        .await;
    assert_eq!(st, StatusCode::OK);
    let (st, _) = admin
        .api("POST", &format!("{url}/kelulusan"), Value::Null)
        .await;
    assert_eq!(st, StatusCode::OK);
}

#[tokio::test]
async fn reaction_for_attendees_and_follow_up_when_due() {
    let app = spawn_app().await;
    let admin = app.login("admin").await;
    let own = app.own_nip.as_str();
    let other = app.nips_a[0].as_str();
    // P ended 200 days ago: the employee attended and completed; the other was absent.
    finished(&app, &admin, "UJI-P", 200, &[own, other], &[own]).await;
    // Q ended 30 days ago: the other attended and completed; the employee was absent.
    finished(&app, &admin, "UJI-Q", 30, &[own, other], &[other]).await;

    // Level 1: absent → closed (403, no form); bad answers → 422 kept; then once only.
    let peg = app.login("pegawai1").await;
    let (_, page) = peg.get("/program/UJI-Q").await;
    assert!(page.contains("id=\"reaksi-belum\"") && !page.contains("id=\"form-reaksi\""));
    let (st, _) = post(
        &peg,
        "/program/UJI-Q/reaksi",
        &[
            ("r1", "4"),
            ("r2", "4"),
            ("r3", "4"),
            ("r4", "4"),
            ("r5", "4"),
        ],
    )
    .await;
    assert_eq!(st, StatusCode::FORBIDDEN);
    let (_, page) = peg.get("/program/UJI-P").await;
    assert!(page.contains("id=\"form-reaksi\""));
    let (st, page) = post(
        &peg,
        "/program/UJI-P/reaksi",
        &[
            ("r1", "5"),
            ("r2", "9"),
            ("r4", "3"),
            ("r5", "4"),
            ("komentar", "materi relevan"),
        ],
    )
    .await;
    assert_eq!(st, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        page.contains("id=\"r2-err\"")
            && page.contains("id=\"r3-err\"")
            && !page.contains("id=\"r1-err\"")
    );
    assert!(
        page.contains("value=\"5\" checked") && page.contains("materi relevan"),
        "answers kept"
    );
    let (st, _) = peg
        .api(
            "POST",
            "/program/UJI-P/reaksi",
            json!({"jawaban": [5, 4, 4, 3, 4], "komentar": "materi relevan"}),
        )
        .await;
    assert_eq!(st, StatusCode::CREATED);
    let (st, _) = peg
        .api(
            "POST",
            "/program/UJI-P/reaksi",
            json!({"jawaban": [5, 4, 4, 3, 4]}),
        )
        .await;
    assert_eq!(st, StatusCode::CONFLICT);
    let (_, page) = peg.get("/program/UJI-P").await;
    assert!(
        page.contains("id=\"reaksi-sudah\"") && page.contains("<strong id=\"reaksi-n\">1</strong>")
    );
    let (st, _) = admin
        .api(
            "POST",
            "/program/UJI-P/reaksi",
            json!({"jawaban": [5, 4, 4, 3, 4]}),
        )
        .await;
    assert_eq!(st, StatusCode::FORBIDDEN, "only the participant answers");

    // Level 3: P's completion is 3 and 6 months past (both due); Q's is not yet due.
    let op = app.login("operator_a").await;
    let (st, v) = op.api("GET", "/tindak-lanjut", Value::Null).await;
    assert_eq!(st, StatusCode::OK);
    let due: Vec<(String, String, i64)> = v
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            (
                d["kode"].as_str().unwrap().into(),
                d["nip"].as_str().unwrap().into(),
                d["bulan"].as_i64().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        due,
        [
            ("UJI-P".into(), own.into(), 3),
            ("UJI-P".into(), own.into(), 6)
        ]
    );
    let opb = app.login("operator_b").await;
    let (_, v) = opb.api("GET", "/tindak-lanjut", Value::Null).await;
    assert_eq!(v.as_array().unwrap().len(), 0, "another OPD's employees");
    let body = json!({"bulan": 3, "jawaban": [3, 3, 2, 4], "penilai": "Kepala Bidang"});
    let (st, _) = opb
        .api(
            "POST",
            &format!("/program/UJI-P/peserta/{own}/tindak-lanjut"),
            body.clone(),
        )
        .await;
    assert_eq!(st, StatusCode::NOT_FOUND);
    let (st, _) = peg
        .api(
            "POST",
            &format!("/program/UJI-P/peserta/{own}/tindak-lanjut"),
            body.clone(),
        )
        .await;
    assert_eq!(st, StatusCode::FORBIDDEN);
    let (st, v) = op
        .api(
            "POST",
            &format!("/program/UJI-Q/peserta/{other}/tindak-lanjut"),
            body.clone(),
        )
        .await;
    assert_eq!(st, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        v["fields"]["bulan"]
            .as_str()
            .unwrap()
            .contains("baru jatuh tempo"),
        "{v}"
    );

    // The page form: bad input kept on its row (422), then saved; twice is a conflict.
    let (_, page) = op.get("/tindak-lanjut").await;
    assert!(page.contains(&format!("data-nip=\"{own}\" data-bulan=\"6\"")));
    let bad = [
        ("kode", "UJI-P"),
        ("nip", own),
        ("bulan", "3"),
        ("b1", "3"),
        ("b2", "5"),
        ("b3", "2"),
        ("b4", "4"),
        ("penilai", ""),
        ("catatan", "lebih mandiri"),
    ];
    let (st, page) = post(&op, "/tindak-lanjut", &bad).await;
    assert_eq!(st, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        page.contains("nama atasan penilai wajib diisi")
            && page.contains("value=\"lebih mandiri\"")
    );
    let good = [
        ("kode", "UJI-P"),
        ("nip", own),
        ("bulan", "3"),
        ("b1", "3"),
        ("b2", "3"),
        ("b3", "2"),
        ("b4", "4"),
        ("penilai", "Kepala Bidang"),
        ("catatan", ""),
    ];
    let r = op
        .post_form(
            "/tindak-lanjut",
            &[good.as_slice(), &[("csrf", op.csrf.as_str())]].concat(),
        )
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let (st, _) = op
        .api(
            "POST",
            &format!("/program/UJI-P/peserta/{own}/tindak-lanjut"),
            body,
        )
        .await;
    assert_eq!(st, StatusCode::CONFLICT);
    let (_, v) = op.api("GET", "/tindak-lanjut", Value::Null).await;
    assert_eq!(
        v.as_array().unwrap().len(),
        1,
        "only the 6-month stage remains"
    );

    // Roll-up per program.
    let (_, v) = admin
        .api("GET", "/program/UJI-P/evaluasi", Value::Null)
        .await;
    assert_eq!(v["reaksi"]["jumlah"], 1);
    assert_eq!(v["reaksi"]["rata"][0], 5.0);
    assert_eq!(v["perilaku"][0]["bulan"], 3);
    assert_eq!(
        (
            v["perilaku"][0]["jatuh_tempo"].as_i64(),
            v["perilaku"][0]["dinilai"].as_i64()
        ),
        (Some(1), Some(1))
    );
    assert_eq!(v["perilaku"][0]["rata"][3], 4.0);
    assert_eq!(
        (
            v["perilaku"][1]["jatuh_tempo"].as_i64(),
            v["perilaku"][1]["dinilai"].as_i64()
        ),
        (Some(1), Some(0))
    );
}
