//! The SKM part over HTTP: the public survey (no login, double-submit token, honeypot, 1–4
//! scale, rate limit, kiosk, QR), the public IKM API (`GET /api/v1/skm/ikm`) against the engine,
//! and the public results page `/skm`.
//!
//! These tests need no accounts or employees, so they start a lighter app than
//! [`crate::common::spawn_app`]: the province and Kota Jambi tree only, with a chosen [`Config`].

use bangkom_core::skm::{Akumulator, Bobot, Jawaban, Unsur};
use bangkom_db::audit::Actor;
use bangkom_db::import::ImportOptions;
use bangkom_io::TableReader;
use bangkom_web::{AppState, Application, Config};
use reqwest::StatusCode;
use serde_json::Value;

use crate::common::client;

/// A running app over a fresh SQLite database holding the org tree only.
pub(crate) struct SkmApp {
    base: String,
    pub(crate) db: bangkom_db::Db,
    /// A service unit of Kota Jambi (jenis `unit`).
    pub(crate) unit: String,
    _guard: bangkom_db::testkit::TempDir,
}

pub(crate) async fn spawn(config: Config) -> SkmApp {
    let (db, guard) = bangkom_db::testkit::sqlite().await.expect("sqlite");
    let tree: Vec<_> = bangkom_demo::org_tree()
        .into_iter()
        .filter(|o| o.kode == "15" || o.kode == "15.71" || o.kode.starts_with("15.71."))
        .collect();
    let mut csv = b"kode,nama,jenis,induk,layanan\n".to_vec();
    for o in &tree {
        csv.extend_from_slice(o.to_row().join(",").as_bytes());
        csv.push(b'\n');
    }
    let r = bangkom_db::import::import_org(
        &db,
        &Actor::system("test"),
        TableReader::from_bytes("org.csv", csv).expect("csv"),
        ImportOptions::default(),
        |_, _, _| {},
    )
    .await
    .expect("org import");
    assert!(r.errors.is_empty(), "{:?}", r.errors);
    let org = db.org_index().await.expect("index");
    let unit = org
        .all()
        .iter()
        .find(|o| o.jenis == "unit" && o.kode.starts_with("15.71."))
        .expect("a Kota Jambi unit")
        .kode
        .clone();
    let app = Application::build("127.0.0.1:0", AppState::new(db.clone(), config))
        .await
        .expect("bind");
    let addr = app.local_addr().expect("addr");
    tokio::spawn(app.run(false));
    SkmApp {
        base: format!("http://{addr}"),
        db,
        unit,
        _guard: guard,
    }
}

impl SkmApp {
    pub(crate) fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }

    pub(crate) async fn count(&self) -> i64 {
        self.db.skm_count().await.expect("count")
    }

    /// GETs the survey form with `c` (which stores the token cookie); returns the form's token.
    pub(crate) async fn token(&self, c: &reqwest::Client, query: &str) -> String {
        let r = c
            .get(self.url(&format!("/survei/{}{query}", self.unit)))
            .send()
            .await
            .expect("GET form");
        assert_eq!(r.status(), StatusCode::OK);
        let html = r.text().await.expect("body");
        let key = "name=\"token\" value=\"";
        let start = html.find(key).expect("token input") + key.len();
        html.get(start..)
            .and_then(|s| s.split('"').next())
            .expect("token value")
            .to_string()
    }

    /// POSTs the survey with `c`; `answers` in `Unsur::ALL` order, `extra` added or replacing.
    pub(crate) async fn post(
        &self,
        c: &reqwest::Client,
        token: &str,
        answers: [&str; 9],
        extra: &[(&str, &str)],
    ) -> reqwest::Response {
        let mut fields: Vec<(&str, &str)> = vec![
            ("token", token),
            ("website", ""),
            ("layanan", "kk"),
            ("jenis_kelamin", "P"),
            ("umur", "35"),
        ];
        for (u, a) in Unsur::ALL.iter().zip(answers) {
            fields.push((u.code(), a));
        }
        // `extra` overrides a default (a repeated field would be a 422 from the form parser).
        fields.retain(|(k, _)| !extra.iter().any(|(e, _)| e == k));
        fields.extend_from_slice(extra);
        c.post(self.url(&format!("/survei/{}", self.unit)))
            .form(&fields)
            .send()
            .await
            .expect("POST survey")
    }

    pub(crate) async fn ikm(&self, query: &str) -> (StatusCode, Value) {
        let r = client()
            .get(self.url(&format!("/api/v1/skm/ikm?{query}")))
            .send()
            .await
            .expect("GET ikm");
        let s = r.status();
        (s, r.json().await.expect("json"))
    }
}

fn location(r: &reqwest::Response) -> String {
    r.headers()
        .get("location")
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_string()
}

/// Askama's HTML escaping of a question text.
fn escaped(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&#34;")
        .replace('\'', "&#39;")
        .replace('/', "&#x2f;")
}

const WIDE: &str = "from=2000-01-01&to=2099-12-31";

#[tokio::test]
async fn survey_form_is_public_and_a_valid_response_is_counted_as_the_engine_says() {
    let app = spawn(Config::default()).await;
    let c = client();
    let r = c
        .get(app.url(&format!("/survei/{}", app.unit)))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::OK);
    let html = r.text().await.unwrap();
    for u in Unsur::ALL {
        let q = u.pertanyaan();
        assert!(
            html.contains(q) || html.contains(&escaped(q)),
            "question of {} missing",
            u.code()
        );
    }

    let token = app.token(&c, "").await;
    let answers = ["4", "3", "", "2", "4", "3", "3", "1", "4"];
    let r = app.post(&c, &token, answers, &[]).await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    assert_eq!(location(&r), format!("/survei/{}/terima-kasih", app.unit));
    assert_eq!(app.count().await, 1);

    let j = Jawaban::new(answers.map(|a| a.parse::<u8>().ok())).unwrap();
    let h = Akumulator::dari([&j]).hitung(Bobot::Sepersembilan);
    let (s, v) = app.ikm(&format!("scope={}&{WIDE}", app.unit)).await;
    assert_eq!(s, StatusCode::OK, "{v}");
    assert_eq!(v["responden"], 1);
    assert_eq!(v["nilai"].as_f64(), h.nilai);
    assert_eq!(v["mutu"].as_str(), h.mutu.map(|m| m.code()));
    assert_eq!(v["kinerja"].as_str(), h.mutu.map(|m| m.kinerja()));
    assert_eq!(v["nrr"]["waktu"], Value::Null);
    assert_eq!(v["nrr"]["persyaratan"].as_f64(), Some(4.0));
    assert_eq!(v["unsur_dinilai"], 8);
    // The parent scope and `all` count it too.
    let (_, v) = app.ikm(&format!("scope=15.71&{WIDE}")).await;
    assert_eq!(v["responden"], 1);
    let (_, v) = app.ikm(&format!("scope=all&{WIDE}")).await;
    assert_eq!(v["nilai"].as_f64(), h.nilai);
}

#[tokio::test]
async fn survey_refuses_posts_without_the_cookie_token_and_ignores_the_honeypot() {
    let app = spawn(Config::default()).await;
    // No cookie: a cross-site post.
    let r = app.post(&client(), "forged", ["4"; 9], &[]).await;
    assert_eq!(r.status(), StatusCode::FORBIDDEN);
    // A cookie, but a token that does not match it.
    let c = client();
    let _ = app.token(&c, "").await;
    let r = app.post(&c, "not-the-token", ["4"; 9], &[]).await;
    assert_eq!(r.status(), StatusCode::FORBIDDEN);
    assert_eq!(app.count().await, 0);

    // Honeypot filled: thanked, not stored.
    let token = app.token(&c, "").await;
    let r = app
        .post(&c, &token, ["4"; 9], &[("website", "http://spam.example")])
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    assert!(location(&r).ends_with("/terima-kasih"), "{}", location(&r));
    assert_eq!(app.count().await, 0);
}

#[tokio::test]
async fn five_point_answer_is_refused_on_that_question() {
    let app = spawn(Config::default()).await;
    let c = client();
    let token = app.token(&c, "").await;
    let r = app
        .post(
            &c,
            &token,
            ["4", "4", "5", "4", "4", "4", "4", "4", "4"],
            &[],
        )
        .await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let html = r.text().await.unwrap();
    let start = html.find("id=\"soal-waktu\"").expect("waktu fieldset");
    let block = html
        .get(start..)
        .and_then(|s| s.split("</fieldset>").next())
        .unwrap();
    assert!(block.contains("class=\"error\""), "{block}");
    assert!(block.contains("1, 2, 3 atau 4"), "{block}");
    // Only that question is flagged.
    let start = html.find("id=\"soal-persyaratan\"").unwrap();
    let other = html
        .get(start..)
        .and_then(|s| s.split("</fieldset>").next())
        .unwrap();
    assert!(!other.contains("class=\"error\""), "{other}");
    assert_eq!(app.count().await, 0);
}

#[tokio::test]
async fn survey_posts_are_rate_limited_per_client() {
    let app = spawn(Config {
        survey_per_minute: 2,
        ..Config::default()
    })
    .await;
    let c = client();
    for _ in 0..2 {
        let token = app.token(&c, "").await;
        let r = app.post(&c, &token, ["3"; 9], &[]).await;
        assert_eq!(r.status(), StatusCode::SEE_OTHER);
    }
    let token = app.token(&c, "").await;
    let r = app.post(&c, &token, ["3"; 9], &[]).await;
    assert_eq!(r.status(), StatusCode::TOO_MANY_REQUESTS);
    assert_eq!(app.count().await, 2);
}

#[tokio::test]
async fn unknown_unit_qr_and_kiosk() {
    let app = spawn(Config::default()).await;
    let c = client();
    for kode in ["15.71.99.99", "15"] {
        let r = c
            .get(app.url(&format!("/survei/{kode}")))
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), StatusCode::NOT_FOUND, "{kode}");
    }

    let r = c
        .get(app.url(&format!("/survei/{}/qr.svg", app.unit)))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::OK);
    assert_eq!(
        r.headers().get("content-type").unwrap().to_str().unwrap(),
        "image/svg+xml"
    );
    assert!(r.text().await.unwrap().contains("<svg"));

    // Kiosk: thanked, then sent back to an empty kiosk form.
    let token = app.token(&c, "?kiosk=1").await;
    let r = app.post(&c, &token, ["4"; 9], &[("kiosk", "1")]).await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let back = location(&r);
    assert_eq!(back, format!("/survei/{}/terima-kasih?kiosk=1", app.unit));
    let html = c
        .get(app.url(&back))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    let refresh = format!("url=/survei/{}?kiosk=1", app.unit);
    assert!(
        html.contains("http-equiv=\"refresh\"") && html.contains(&refresh),
        "{html}"
    );
    // Outside kiosk mode there is no refresh.
    let html = c
        .get(app.url(&format!("/survei/{}/terima-kasih", app.unit)))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(!html.contains("http-equiv=\"refresh\""));
    assert_eq!(app.count().await, 1);
}

#[tokio::test]
async fn ikm_api_contract() {
    let app = spawn(Config::default()).await;
    // No data: zero respondents and nulls, not zeros and not an error.
    let (s, v) = app.ikm(&format!("scope=all&{WIDE}")).await;
    assert_eq!(s, StatusCode::OK, "{v}");
    assert_eq!(v["responden"], 0);
    assert_eq!(v["scope"], "all");
    for k in ["nilai", "mutu", "ikm", "kinerja"] {
        assert_eq!(v[k], Value::Null, "{k}");
    }
    let nrr = v["nrr"].as_object().unwrap();
    assert_eq!(nrr.len(), 9);
    assert!(nrr.values().all(Value::is_null), "{nrr:?}");

    // Bad dates and an unknown scope name their field.
    let (s, v) = app.ikm("scope=all&from=2025-02-31&to=2025-12-31").await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(v["fields"]["from"].is_string(), "{v}");
    let (s, v) = app.ikm("scope=all&from=2025-12-31&to=2025-01-01").await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(v["fields"]["from"].is_string(), "{v}");
    let (s, v) = app.ikm(&format!("scope=99.99&{WIDE}")).await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(v["fields"]["scope"].is_string(), "{v}");

    // All answers 4 with the literal 0.111 weight: 99.9 (and 100 with 1/9).
    let c = client();
    let token = app.token(&c, "").await;
    let r = app.post(&c, &token, ["4"; 9], &[]).await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let (s, v) = app
        .ikm(&format!("scope={}&{WIDE}&bobot=0.111", app.unit))
        .await;
    assert_eq!(s, StatusCode::OK, "{v}");
    assert_eq!(v["nilai"].as_f64(), Some(99.9));
    assert_eq!(v["bobot"], "0.111");
    assert_eq!(v["mutu"], "A");
    let (_, v) = app.ikm(&format!("scope={}&{WIDE}", app.unit)).await;
    assert_eq!(v["nilai"].as_f64(), Some(100.0));
    assert_eq!(v["bobot"], "1/9");
}

#[tokio::test]
async fn results_page_is_public() {
    let app = spawn(Config::default()).await;
    let r = client().get(app.url("/skm")).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::OK);
    let html = r.text().await.unwrap();
    assert!(html.contains("IKM"), "{html}");
    let r = client()
        .get(app.url(&format!("/skm?scope={}", app.unit)))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::OK);
}

/// The results page shows each month of the period with the engine's value for that month, and
/// an empty month as "—" (never 0).
#[tokio::test]
async fn results_page_trend_matches_the_engine_per_month() {
    let app = spawn(Config::default()).await;
    let org = app.db.org_index().await.unwrap();
    let unit_id = org.by_kode(&app.unit).unwrap().org_id;
    let make = |day: &str, answers: [Option<u8>; 9]| {
        let input = bangkom_core::skm::KuesionerInput {
            tanggal: day.to_string(),
            unit: app.unit.clone(),
            jawaban: answers.map(|a| a.map_or(String::new(), |v| v.to_string())),
            ..Default::default()
        };
        let k = bangkom_core::skm::Kuesioner::validate(&input, time::macros::date!(2025 - 12 - 31))
            .unwrap();
        bangkom_db::skm::ResponsValues { k, unit_id }
    };
    let jan = [[Some(3); 9], [Some(2); 9]];
    let mar = [[Some(4); 9]];
    let mut rows: Vec<_> = jan.iter().map(|a| make("2025-01-10", *a)).collect();
    rows.extend(mar.iter().map(|a| make("2025-03-31", *a)));
    app.db
        .skm_insert(&Actor::system("test"), &rows, "kertas")
        .await
        .unwrap();
    let nilai = |answers: &[[Option<u8>; 9]]| {
        let js: Vec<Jawaban> = answers.iter().map(|a| Jawaban::new(*a).unwrap()).collect();
        let h = Akumulator::dari(js.iter()).hitung(Bobot::Sepersembilan);
        format!("{:.1}", h.nilai.unwrap())
    };
    let html = client()
        .get(app.url(&format!("/skm?scope={}&periode=2025-T1", app.unit)))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(html.contains("id=\"tren\""), "{html}");
    assert!(
        html.contains(&format!("01/25<br>{}", nilai(&jan))),
        "January value"
    );
    assert!(html.contains("02/25<br>—"), "February has no data");
    assert!(
        html.contains(&format!("03/25<br>{}", nilai(&mar))),
        "March value"
    );
}

/// Without `populasi` in the request, the report uses the population stored for the scope and
/// period, and says so; with it, the parameter wins.
#[tokio::test]
async fn ikm_report_uses_the_stored_population() {
    let app = spawn(Config::default()).await;
    let org = app.db.org_index().await.unwrap();
    let unit_id = org.by_kode(&app.unit).unwrap().org_id;
    let (from, to) = (
        time::macros::date!(2025 - 01 - 01),
        time::macros::date!(2025 - 06 - 30),
    );
    let q = format!("scope={}&from=2025-01-01&to=2025-06-30", app.unit);
    let (_, v) = app.ikm(&q).await;
    assert!(
        v["populasi"].is_null() && v["populasi_sumber"].is_null() && v["sampel_minimum"].is_null()
    );
    app.db
        .skm_populasi_set(&Actor::system("test"), unit_id, from, to, 100_000)
        .await
        .unwrap();
    let (_, v) = app.ikm(&q).await;
    assert_eq!(v["populasi"], 100_000);
    assert_eq!(v["populasi_sumber"], "tersimpan");
    assert_eq!(v["sampel_minimum"], 383);
    assert_eq!(v["sampel_cukup"], false);
    let (_, v) = app.ikm(&format!("{q}&populasi=50")).await;
    assert_eq!(
        (v["populasi"].as_u64(), v["populasi_sumber"].as_str()),
        (Some(50), Some("parameter"))
    );
    assert_eq!(v["sampel_minimum"], 44);
}

#[tokio::test]
async fn results_page_trend_per_quarter_and_semester_pools_the_months() {
    let app = spawn(Config::default()).await;
    let org = app.db.org_index().await.unwrap();
    let unit_id = org.by_kode(&app.unit).unwrap().org_id;
    let make = |day: &str, skor: u8| {
        let input = bangkom_core::skm::KuesionerInput {
            tanggal: day.to_string(),
            unit: app.unit.clone(),
            jawaban: [Some(skor); 9].map(|a| a.map_or(String::new(), |v| v.to_string())),
            ..Default::default()
        };
        let k = bangkom_core::skm::Kuesioner::validate(&input, time::macros::date!(2025 - 12 - 31))
            .unwrap();
        bangkom_db::skm::ResponsValues { k, unit_id }
    };
    // Q1: one 2 (Feb) and one 4 (Mar) → 75.0 pooled; Q2 empty; Q3: one 3 (Aug) → 75.0;
    // Q4: two 4s → 100.0. Semesters: S1 = 75.0, S2 = (3 + 4 + 4) / 3 × 25 = 91.7.
    let rows = vec![
        make("2025-02-10", 2),
        make("2025-03-31", 4),
        make("2025-08-01", 3),
        make("2025-10-05", 4),
        make("2025-12-31", 4),
    ];
    app.db
        .skm_insert(&Actor::system("test"), &rows, "kertas")
        .await
        .unwrap();
    let page = |tren: &str| {
        let url = app.url(&format!("/skm?scope={}&periode=2025&tren={tren}", app.unit));
        async move {
            client()
                .get(url)
                .send()
                .await
                .unwrap()
                .text()
                .await
                .unwrap()
        }
    };
    let q = page("triwulan").await;
    assert!(q.contains("Tren per triwulan"), "{q}");
    for cell in [
        "T1/25<br>75.0",
        "T2/25<br>—",
        "T3/25<br>75.0",
        "T4/25<br>100.0",
    ] {
        assert!(q.contains(cell), "{cell}");
    }
    assert!(q.contains("Nilai IKM per triwulan"), "chart title");
    let s = page("semester").await;
    for cell in ["S1/25<br>75.0", "S2/25<br>91.7"] {
        assert!(s.contains(cell), "{cell}");
    }
    assert!(!s.contains("T1/25"));
    let m = page("bulan").await;
    assert!(m.contains("Tren per bulan") && m.contains("12/25<br>100.0"));
}
