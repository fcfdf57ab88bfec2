//! Survey definitions and single-use tokens over HTTP (issue 3 §1, §2): the public page is drawn
//! from the unit's definition (configured Q4 labels, profile lists, local questions); local
//! answers are stored but never change the IKM; a token gives one response, and reuse or expiry
//! is refused on the page (with a message) and on the API (with a field error).

// Test code: a failed unwrap is a failed test (STYLE: tests may unwrap).
#![allow(clippy::unwrap_used)]

use bangkom_core::skm::{Definisi, DefinisiInput, kode_token};
use bangkom_web::Config;
use reqwest::StatusCode;
use serde_json::{Value, json};

use crate::common::client;
use crate::skm::{SkmApp, spawn};

const WIDE: &str = "from=2000-01-01&to=2099-12-31";

async fn define(app: &SkmApp, f: impl FnOnce(&mut DefinisiInput)) -> Definisi {
    let mut i = Definisi::default().input();
    f(&mut i);
    let d = Definisi::validate(&i).unwrap();
    let org = app.db.org_index().await.unwrap();
    let id = org.by_kode(&app.unit).unwrap().org_id;
    app.db
        .skm_definisi_set(&bangkom_db::audit::Actor::system("uji"), Some(id), None, &d)
        .await
        .unwrap();
    d
}

async fn issue(app: &SkmApp, valid_for: time::Duration) -> String {
    let code = kode_token(rand_bytes());
    let org = app.db.org_index().await.unwrap();
    let id = org.by_kode(&app.unit).unwrap().org_id;
    let hash = bangkom_web::auth::token_hash(&code);
    app.db
        .skm_token_terbit(&hash, id, Some("kk"), None, bangkom_db::now() + valid_for)
        .await
        .unwrap();
    code
}

fn rand_bytes() -> [u8; 8] {
    use std::sync::atomic::{AtomicU64, Ordering};
    static N: AtomicU64 = AtomicU64::new(0x5eed_0000_0000_0001);
    (N.fetch_add(0x9e37_79b9_7f4a_7c15, Ordering::Relaxed)).to_le_bytes()
}

async fn api(app: &SkmApp, body: Value) -> (StatusCode, Value) {
    let r = client()
        .post(app.url("/api/v1/skm/responses"))
        .json(&body)
        .send()
        .await
        .unwrap();
    let s = r.status();
    (s, r.json().await.unwrap_or(Value::Null))
}

fn all4(unit: &str) -> Value {
    json!({"unit": unit, "jawaban": {"persyaratan": 4, "prosedur": 4, "waktu": 4, "biaya": 4,
        "produk": 4, "kompetensi": 4, "perilaku": 4, "pengaduan": 4, "sarana": 4}})
}

#[tokio::test]
async fn the_page_follows_the_definition_and_local_answers_never_change_the_ikm() {
    let app = spawn(Config::default()).await;
    define(&app, |i| {
        i.biaya4 = "Tanpa pungutan".into();
        i.pendidikan = "Tidak sekolah\nSD\nSMA".into();
        i.lokal = "skala | Apakah ruang tunggu nyaman?\nteks | Apa usul Anda untuk loket?".into();
    })
    .await;
    let c = client();
    let html = c
        .get(app.url(&format!("/survei/{}", app.unit)))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    for s in [
        "Tanpa pungutan",
        "Tidak sekolah",
        "Apakah ruang tunggu nyaman?",
        "name=\"l2\"",
    ] {
        assert!(html.contains(s), "{s} missing");
    }
    assert!(
        !html.contains(">Gratis<") && !html.contains(" Gratis"),
        "Q4 label replaced"
    );
    assert!(
        html.contains("Sangat cepat"),
        "other questions keep the standard options"
    );

    // A perfect questionnaire with the worst local answer: the IKM stays 100.
    let token = app.token(&c, "").await;
    let r = app
        .post(&c, &token, ["4"; 9], &[("l1", "1"), ("l2", "tambah kursi")])
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let (s, v) = api(&app, {
        let mut b = all4(&app.unit);
        b["lokal"] = json!({"l1": 1, "l2": "loket 3 sering kosong"});
        b
    })
    .await;
    assert_eq!(s, StatusCode::CREATED, "{v}");
    assert!(v["id"].as_i64().is_some());
    let (_, ikm) = app.ikm(&format!("scope={}&{WIDE}", app.unit)).await;
    assert_eq!(ikm["responden"], 2);
    assert_eq!(ikm["nilai"].as_f64(), Some(100.0));
    assert_eq!(ikm["mutu"], "A");
    let l = app
        .db
        .skm_lokal_ringkas(
            None,
            time::macros::date!(2000 - 01 - 01),
            time::macros::date!(2099 - 12 - 31),
        )
        .await
        .unwrap();
    assert_eq!(
        (l[0].dijawab, l[0].jumlah_skala),
        (2, 2),
        "stored with the response"
    );

    // A local answer outside its scale is a field error; nothing is stored.
    let mut bad = all4(&app.unit);
    bad["lokal"] = json!({"l1": 7});
    let (s, v) = api(&app, bad).await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(v["fields"]["l1"].is_string(), "{v}");
    assert_eq!(app.count().await, 2);
}

#[tokio::test]
async fn a_token_gives_one_response_and_reuse_or_expiry_is_refused() {
    let app = spawn(Config::default()).await;
    let code = issue(&app, time::Duration::hours(1)).await;
    let c = client();
    // The printed link fills the token in.
    let html = c
        .get(app.url(&format!("/survei/{}?t={code}", app.unit)))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(html.contains(&format!("name=\"t\" value=\"{code}\"")));
    let token = app.token(&c, "").await;
    let r = app.post(&c, &token, ["3"; 9], &[("t", &code)]).await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    assert_eq!(app.count().await, 1);

    // Reuse on the page: refused with a clear message, nothing stored.
    let token = app.token(&c, "").await;
    let typed = code.to_lowercase();
    let r = app.post(&c, &token, ["1"; 9], &[("t", &typed)]).await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let body = r.text().await.unwrap();
    assert!(body.contains("sudah dipakai"), "{body}");
    // Reuse on the API: a field error on `token`.
    let mut b = all4(&app.unit);
    b["token"] = json!(code);
    let (s, v) = api(&app, b).await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        v["fields"]["token"]
            .as_str()
            .unwrap()
            .contains("sudah dipakai"),
        "{v}"
    );
    // Expired and unknown tokens.
    let old = issue(&app, time::Duration::seconds(-1)).await;
    let mut b = all4(&app.unit);
    b["token"] = json!(old);
    let (s, v) = api(&app, b).await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        v["fields"]["token"]
            .as_str()
            .unwrap()
            .contains("kedaluwarsa"),
        "{v}"
    );
    let mut b = all4(&app.unit);
    b["token"] = json!("ZZZZZZZZZZ");
    let (s, v) = api(&app, b).await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        v["fields"]["token"]
            .as_str()
            .unwrap()
            .contains("tidak dikenal"),
        "{v}"
    );
    assert_eq!(app.count().await, 1);

    // "Token wajib": without one, refused; with a fresh one, accepted.
    define(&app, |i| i.token_wajib = "1".into()).await;
    let (s, v) = api(&app, all4(&app.unit)).await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(v["fields"]["token"].is_string(), "{v}");
    let fresh = issue(&app, time::Duration::hours(1)).await;
    let mut b = all4(&app.unit);
    b["token"] = json!(fresh);
    let (s, v) = api(&app, b).await;
    assert_eq!(s, StatusCode::CREATED, "{v}");
    assert_eq!(app.count().await, 2);
    let (_, ikm) = app.ikm(&format!("scope={}&{WIDE}", app.unit)).await;
    assert_eq!(ikm["responden"], 2);
}

#[tokio::test]
async fn the_responses_api_contract() {
    let app = spawn(Config::default()).await;
    let mut b = all4(&app.unit);
    b["layanan"] = json!("kk");
    b["jenis_kelamin"] = json!("L");
    b["umur"] = json!(41);
    b["pendidikan"] = json!("SMA");
    b["pekerjaan"] = json!("Swasta");
    b["saran"] = json!("antrean cepat");
    b["jawaban"]["waktu"] = Value::Null;
    let (s, v) = api(&app, b).await;
    assert_eq!(s, StatusCode::CREATED, "{v}");
    let (_, ikm) = app.ikm(&format!("scope={}&{WIDE}", app.unit)).await;
    assert_eq!(ikm["nrr"]["waktu"], Value::Null, "missing = unanswered");
    let (s, v) = api(&app, json!({"unit": "99.99", "jawaban": {"waktu": 3}})).await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(v["fields"]["unit"].is_string(), "{v}");
    let (s, v) = api(
        &app,
        json!({"unit": app.unit, "jawaban": {"waktu": 5, "u8": 3}}),
    )
    .await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(v["fields"]["jawaban.u8"].is_string(), "{v}");
    let (s, v) = api(
        &app,
        json!({"unit": app.unit, "umur": "7", "jawaban": {"waktu": 5}}),
    )
    .await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        v["fields"]["waktu"].is_string() && v["fields"]["umur"].is_string(),
        "{v}"
    );
    assert_eq!(app.count().await, 1);
}

#[tokio::test]
async fn the_printable_report_and_its_pdf() {
    let app = spawn(Config::default()).await;
    define(&app, |i| {
        i.lokal = "skala | Apakah loket mudah ditemukan?".into()
    })
    .await;
    for (jk, umur, waktu) in [("L", 23, 2), ("P", 41, 3), ("P", 67, 4)] {
        let mut b = all4(&app.unit);
        b["jenis_kelamin"] = json!(jk);
        b["umur"] = json!(umur);
        b["jawaban"]["waktu"] = json!(waktu);
        b["lokal"] = json!({"l1": 1});
        let (s, v) = api(&app, b).await;
        assert_eq!(s, StatusCode::CREATED, "{v}");
    }
    let year = bangkom_web::html::survei::today_wib().year();
    let q = format!("scope={}&periode={year}", app.unit);
    let (_, ikm) = app.ikm(&format!("scope={}&{WIDE}", app.unit)).await;
    let nilai = format!("{:.2}", ikm["nilai"].as_f64().unwrap());
    let html = client()
        .get(app.url(&format!("/skm/laporan?{q}")))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(
        html.contains(&format!("id=\"nilai-ikm\">{nilai}<")),
        "{nilai}"
    );
    assert!(
        html.contains("id=\"terendah\">Waktu"),
        "waktu is the lowest unsur"
    );
    for s in [
        "Perempuan",
        "15–24",
        "35–44",
        "≥ 65",
        "Apakah loket mudah ditemukan?",
        "Populasi penerima layanan belum diketahui",
    ] {
        assert!(html.contains(s), "{s} missing");
    }
    let r = client()
        .get(app.url(&format!("/skm/laporan.pdf?{q}")))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::OK);
    assert_eq!(r.headers()["content-type"], "application/pdf");
    let pdf = r.bytes().await.unwrap();
    let text = String::from_utf8_lossy(&pdf);
    assert!(text.starts_with("%PDF-1.4"));
    assert!(
        text.contains(&format!("(Nilai IKM {nilai}")),
        "IKM in the PDF"
    );
    assert!(text.contains("(Pertanyaan lokal \\(tidak masuk IKM\\))"));
    assert!(text.trim_end().ends_with("%%EOF"));
}

#[tokio::test]
async fn the_province_level_comparison_has_a_row_for_the_provinces_own_opds() {
    let app = spawn(Config::default()).await;
    // The harness holds the province and Kota Jambi only: add one province OPD with a unit.
    let csv = b"kode,nama,jenis,induk,layanan\n15.P90,Dinas Uji Provinsi,opd,15,\n15.P90.01,Loket Uji,unit,15.P90,ya\n";
    let r = bangkom_db::import::import_org(
        &app.db,
        &bangkom_db::audit::Actor::system("test"),
        bangkom_io::TableReader::from_bytes("org.csv", csv.to_vec()).unwrap(),
        bangkom_db::import::ImportOptions::default(),
        |_, _, _| {},
    )
    .await
    .unwrap();
    assert!(r.errors.is_empty(), "{:?}", r.errors);
    let prov_unit = "15.P90.01".to_string();
    for unit in [prov_unit.as_str(), app.unit.as_str(), app.unit.as_str()] {
        let (s, v) = api(&app, all4(unit)).await;
        assert_eq!(s, StatusCode::CREATED, "{v}");
    }
    let tahun = bangkom_web::html::survei::today_wib().year();
    let html = client()
        .get(app.url(&format!("/skm?scope=all&periode={tahun}")))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    let table = &html[html.find("id=\"banding\"").expect("comparison table")..];
    let row = |nama: &str| {
        let i = table.find(nama).unwrap_or_else(|| panic!("no row {nama}"));
        table[i..].split("</tr>").next().unwrap().to_string()
    };
    // The province's row counts only its own OPDs' response, not Kota Jambi's two.
    let prov = row("Pemerintah Provinsi Jambi");
    assert!(prov.contains("<td>1</td>"), "{prov}");
    let kota = row("Pemerintah Kota Jambi");
    assert!(kota.contains("<td>2</td>"), "{kota}");
}
