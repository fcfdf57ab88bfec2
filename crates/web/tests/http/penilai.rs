//! Named level-3 assessors over HTTP: an operator names the assessor of their OPD's completed
//! participants (one, or the rest of the program in bulk), the assessor sees their due
//! assessments on `/saya` and `/tindak-lanjut` and alone (with the administrator) may enter them;
//! the operator no longer may once one is named. The API does the same.

// Test helpers: a failed unwrap is a failed test (STYLE: tests may unwrap).
#![allow(clippy::unwrap_used)]

use bangkom_core::jp::Jalur;
use bangkom_db::audit::Actor;
use bangkom_db::pegawai::Scope;
use bangkom_db::program::{Cara, NilaiBaru, ProgramBaru, SesiBaru};
use bangkom_web::{AppState, Config};
use reqwest::StatusCode;
use serde_json::{Value, json};

use crate::common::{PASSWORD, Session, TestApp, spawn_app};

const KODE: &str = "UJI-L3-01";

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

/// A program that ended 200 days ago, completed by `nips` (both stages due).
async fn selesai(app: &TestApp, nips: &[String]) {
    let today = bangkom_web::html::survei::today_wib();
    let sys = Actor::system("uji");
    app.db
        .program_upsert(
            &sys,
            &ProgramBaru {
                kode: KODE.into(),
                nama: "Bimtek Pelayanan".into(),
                jalur: Jalur::from_id(8).unwrap(),
                penyelenggara: "BPSDM Provinsi Jambi".into(),
                jp: 16,
                biaya: 0,
                kuota: None,
                mulai: today - time::Duration::days(202),
                selesai: today - time::Duration::days(200),
            },
        )
        .await
        .unwrap();
    let g = app.db.program_by_kode(KODE).await.unwrap();
    for nip in nips {
        let p = app.db.pegawai_by_nip(&Scope::Semua, nip).await.unwrap();
        app.db
            .peserta_usul(&sys, &g, &p, Cara::Usulan)
            .await
            .unwrap();
        app.db
            .peserta_putus(&sys, &g, &p, true, None)
            .await
            .unwrap();
    }
    let s = app
        .db
        .sesi_add(
            &sys,
            &g,
            &SesiBaru {
                tanggal: g.mulai,
                jam_mulai: "08:00".into(),
                jam_selesai: "12:00".into(),
                tempat: Some("Aula".into()),
                tautan: None,
                pengajar: None,
            },
        )
        .await
        .unwrap();
    app.db.hadir_set(&sys, &g, s, nips).await.unwrap();
    let nilai: Vec<NilaiBaru> = nips
        .iter()
        .map(|n| NilaiBaru {
            nip: n.clone(),
            pre: Some(40),
            post: Some(80),
        })
        .collect();
    app.db.nilai_set(&sys, &g, &nilai).await.unwrap();
    let h = app.db.kelulusan(&sys, &g).await.unwrap();
    assert_eq!(h.selesai.len(), nips.len());
}

/// The NIPs of the rows of the due list that carry a form.
fn with_form(html: &str) -> Vec<(String, String)> {
    html.split("<tr data-nip=\"")
        .skip(1)
        .filter(|r| r.split("</tr>").next().unwrap().contains("<form"))
        .map(|r| {
            let bulan = r.split("data-bulan=\"").nth(1).unwrap();
            (r[..18].to_string(), bulan[..1].to_string())
        })
        .collect()
}

#[tokio::test]
async fn named_assessors_see_and_alone_enter_their_assessments() {
    let app = spawn_app().await;
    let (a0, a1, b0) = (
        app.nips_a[0].clone(),
        app.nips_a[1].clone(),
        app.nips_b[0].clone(),
    );
    selesai(&app, &[a0.clone(), a1.clone(), b0.clone()]).await;
    // The supervisor's account: an employee of OPD A.
    let state = AppState::new(app.db.clone(), Config::default());
    bangkom_web::html::create_account(
        &state,
        &Actor::system("uji"),
        "atasan",
        "Kepala Bidang Uji",
        PASSWORD,
        "pegawai",
        &[],
        &app.nips_a[2],
    )
    .await
    .unwrap();

    // The operator names the assessor of a0; b0 (OPD B) is out of reach; bulk takes a1 only.
    let op = app.login("operator_a").await;
    let url = format!("/program/{KODE}/penilai");
    let (st, page) = op.get(&url).await;
    assert_eq!(st, StatusCode::OK);
    assert!(page.contains(&a0) && !page.contains(&b0));
    let (st, loc, _) = post(&op, &url, &[("nip", &a0), ("akun", "atasan")]).await;
    assert_eq!(
        (st, loc.as_str()),
        (StatusCode::SEE_OTHER, "/program/UJI-L3-01/penilai?pesan=ok")
    );
    let (st, _, _) = post(&op, &url, &[("nip", &b0), ("akun", "atasan")]).await;
    assert_eq!(st, StatusCode::NOT_FOUND);
    let (st, _, page) = post(&op, &url, &[("nip", &a1), ("akun", "tidak.ada")]).await;
    assert_eq!(st, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(page.contains("akun tidak.ada tidak terdaftar"));
    let (st, loc, _) = post(&op, &url, &[("akun", "pimpinan")]).await;
    assert_eq!(st, StatusCode::SEE_OTHER);
    assert!(loc.ends_with("pesan=semua&n=1"), "{loc}");
    let (_, page) = op.get(&url).await;
    assert!(page.contains("(atasan)") && page.contains("(pimpinan)"));
    // An employee may not name assessors.
    let (st, _) = app.login("pegawai1").await.get(&url).await;
    assert_eq!(st, StatusCode::FORBIDDEN);

    // The assessor: a notice on their own page, their two stages of a0 on /tindak-lanjut.
    let boss = app.login("atasan").await;
    let (_, page) = boss.get("/saya").await;
    assert!(page.contains("id=\"tindak-lanjut-saya\""));
    assert!(page.contains("Ada 2 penilaian"));
    let (st, page) = boss.get("/tindak-lanjut").await;
    assert_eq!(st, StatusCode::OK);
    let mut rows = with_form(&page);
    rows.sort();
    assert_eq!(rows, [(a0.clone(), "3".into()), (a0.clone(), "6".into())]);
    assert!(
        !page.contains("name=\"penilai\""),
        "the name comes from the account"
    );

    // The operator sees a0 without a form and may not enter it; b0 is not theirs at all.
    let (_, page) = op.get("/tindak-lanjut").await;
    let forms = with_form(&page);
    assert!(forms.iter().all(|(n, _)| n != &a0 && n != &a1), "{forms:?}");
    assert!(page.contains("diisi oleh penilai"));
    let answers = |nip: &str, bulan: &str| {
        vec![
            ("kode", KODE.to_string()),
            ("nip", nip.to_string()),
            ("bulan", bulan.to_string()),
            ("b1", "3".into()),
            ("b2", "4".into()),
            ("b3", "3".into()),
            ("b4", "4".into()),
            ("penilai", "Orang Lain".into()),
        ]
    };
    let f = answers(&a0, "3");
    let f: Vec<(&str, &str)> = f.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let (st, _, _) = post(&op, "/tindak-lanjut", &f).await;
    assert_eq!(st, StatusCode::FORBIDDEN);
    // Nor may the assessor enter another assessor's participant.
    let f1 = answers(&a1, "3");
    let f1: Vec<(&str, &str)> = f1.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let (st, _, _) = post(&boss, "/tindak-lanjut", &f1).await;
    assert_eq!(st, StatusCode::FORBIDDEN);
    // The assessor enters theirs, under their account's name.
    let (st, loc, _) = post(&boss, "/tindak-lanjut", &f).await;
    assert_eq!(
        (st, loc.as_str()),
        (StatusCode::SEE_OTHER, "/tindak-lanjut?pesan=ok")
    );
    let (_, page) = boss.get("/tindak-lanjut").await;
    assert_eq!(with_form(&page), [(a0.clone(), "6".into())]);
    let g = app.db.program_by_kode(KODE).await.unwrap();
    let today = bangkom_web::html::survei::today_wib();
    let rekap = app
        .db
        .tindak_lanjut_rekap(g.program_id, today)
        .await
        .unwrap();
    assert_eq!((rekap[0].jatuh_tempo, rekap[0].dinilai), (3, 1));
    let log = app
        .db
        .audit_list(&bangkom_db::audit::AuditFilter {
            entitas: Some("peserta".into()),
            page: 1,
            per_page: 100,
            ..Default::default()
        })
        .await
        .unwrap();
    let entry = log.iter().find(|r| r.aksi == "tindak_lanjut").unwrap();
    assert_eq!(entry.pelaku, "atasan");
    assert!(
        entry
            .sesudah
            .as_deref()
            .unwrap()
            .contains("Kepala Bidang Uji")
    );

    // A leader named in bulk finds theirs through the menu.
    let (st, page) = app.login("pimpinan").await.get("/tindak-lanjut").await;
    assert_eq!(st, StatusCode::OK);
    assert!(page.contains("href=\"/tindak-lanjut\""));
    let mut rows = with_form(&page);
    rows.sort();
    assert_eq!(rows, [(a1.clone(), "3".into()), (a1.clone(), "6".into())]);

    // The API: admin names the assessor of b0; the assessor lists and enters it.
    let admin = app.login("admin").await;
    let put = |path: String, body: Value| {
        admin
            .client
            .put(admin.url(&format!("/api/v1{path}")))
            .header("X-CSRF-Token", &admin.csrf)
            .json(&body)
            .send()
    };
    let r = put(
        format!("/program/{KODE}/peserta/{b0}/penilai"),
        json!({"akun": "nope"}),
    )
    .await
    .unwrap();
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let r = put(
        format!("/program/{KODE}/peserta/{b0}/penilai"),
        json!({"akun": "atasan"}),
    )
    .await
    .unwrap();
    assert_eq!(r.status(), StatusCode::OK);
    let r = put(
        format!("/program/{KODE}/penilai"),
        json!({"akun": "atasan"}),
    )
    .await
    .unwrap();
    let v: Value = r.json().await.unwrap();
    assert_eq!(v["ditetapkan"], 0, "everyone has one already");
    let v: Value = boss
        .client
        .get(boss.url("/api/v1/tindak-lanjut"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let mut got: Vec<(String, i64)> = v
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            (
                d["nip"].as_str().unwrap().to_string(),
                d["bulan"].as_i64().unwrap(),
            )
        })
        .collect();
    got.sort();
    let mut want = vec![(a0.clone(), 6), (b0.clone(), 3), (b0.clone(), 6)];
    want.sort();
    assert_eq!(got, want);
    let r = boss
        .client
        .post(boss.url(&format!(
            "/api/v1/program/{KODE}/peserta/{b0}/tindak-lanjut"
        )))
        .header("X-CSRF-Token", &boss.csrf)
        .json(&json!({"bulan": 3, "jawaban": [4, 4, 3, 3]}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::CREATED);
}
