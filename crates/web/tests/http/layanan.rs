//! Service transactions and times over HTTP: the queue-machine batch API (auth, scope, all or
//! nothing, idempotent re-sends), service standards per unit, the `/layanan` page with its trend
//! chart and CSV, and the SKM population counted from the transactions.

use reqwest::StatusCode;
use serde_json::{Value, json};

use crate::common::{TestApp, client, spawn_app};

/// A unit below `opd` (or the OPD itself when it has none).
async fn unit_of(app: &TestApp, opd: &str) -> String {
    let org = app.db.org_index().await.expect("org index");
    let id = org.by_kode(opd).expect("the OPD").org_id;
    org.subtree(id)
        .last()
        .and_then(|i| org.get(*i))
        .expect("a node below the OPD")
        .kode
        .clone()
}

fn tx(unit: &str, tiket: &str, mulai: &str, selesai: &str) -> Value {
    json!({"unit": unit, "layanan": "ktp-el", "tiket": tiket, "mulai": mulai, "selesai": selesai, "kanal": "loket"})
}

/// POSTs a batch with a bearer token.
async fn post(app: &TestApp, token: &str, items: &[Value]) -> (StatusCode, Value) {
    let r = client()
        .post(format!("{}/api/v1/layanan/transaksi", app.base))
        .bearer_auth(token)
        .json(&json!({ "transaksi": items }))
        .send()
        .await
        .expect("POST");
    (r.status(), r.json().await.expect("JSON body"))
}

async fn stored(app: &TestApp) -> i64 {
    app.db.transaksi_count().await.expect("count")
}

#[tokio::test]
async fn batch_api_is_all_or_nothing_idempotent_and_scoped() {
    let app = spawn_app().await;
    let ua = unit_of(&app, &app.opd_a).await;
    let ub = unit_of(&app, &app.opd_b).await;
    let batch = vec![
        tx(&ua, "A-1", "2025-03-04T08:00:00", "2025-03-04T08:30:00"),
        tx(
            &ua,
            "A-2",
            "2025-03-04T09:00:00+07:00",
            "2025-03-04T10:30:00+07:00",
        ),
        tx(&ua, "A-3", "2025-03-05T01:00:00Z", "2025-03-05T01:45:00Z"),
    ];
    // No credentials.
    let r = client()
        .post(format!("{}/api/v1/layanan/transaksi", app.base))
        .json(&json!({ "transaksi": batch }))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::UNAUTHORIZED);

    let op = app.token("operator_a").await;
    let (s, v) = post(&app, &op, &batch).await;
    assert_eq!(s, StatusCode::OK, "{v}");
    assert_eq!(v, json!({"diterima": 3, "baru": 3, "sudah_ada": 0}));
    // The same batch again (a lost response, say): nothing duplicated, nothing refused.
    let (s, v) = post(&app, &op, &batch).await;
    assert_eq!(s, StatusCode::OK, "{v}");
    assert_eq!(v, json!({"diterima": 3, "baru": 0, "sudah_ada": 3}));
    assert_eq!(stored(&app).await, 3);

    // A stored ticket with another end time: 409 naming the item; the new item is not written.
    let (s, v) = post(
        &app,
        &op,
        &[
            tx(&ua, "A-4", "2025-03-06T08:00:00", "2025-03-06T08:20:00"),
            tx(&ua, "A-2", "2025-03-04T09:00:00", "2025-03-04T11:00:00"),
        ],
    )
    .await;
    assert_eq!(s, StatusCode::CONFLICT, "{v}");
    assert!(
        v["fields"]["transaksi[1].tiket"]
            .as_str()
            .unwrap()
            .contains("selesai"),
        "{v}"
    );
    assert_eq!(stored(&app).await, 3);

    // Invalid items: 422 with one message per bad field, and nothing written.
    let mut bad = vec![
        tx(&ua, "B-1", "2025-03-04T08:00:00", "2025-03-04T07:00:00"),
        tx(&ua, "B-2", "2025-03-04T08:00:00", "2025-03-04T08:10:00"),
        tx(&ua, "B-3", "04/03/2025 08:00", "2025-03-04T08:10:00"),
        tx(
            "99.99.99",
            "B-4",
            "2025-03-04T08:00:00",
            "2025-03-04T08:10:00",
        ),
        tx(&ua, "B-2", "2025-03-04T08:00:00", "2025-03-04T08:50:00"),
        json!("bukan objek"),
    ];
    bad[1]["layanan"] = json!("paspor");
    let (s, v) = post(&app, &op, &bad).await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY, "{v}");
    let fields = v["fields"].as_object().unwrap();
    for key in [
        "transaksi[0].selesai",
        "transaksi[1].layanan",
        "transaksi[2].mulai",
        "transaksi[3].unit",
        "transaksi[5]",
    ] {
        assert!(fields.contains_key(key), "missing {key}: {v}");
    }
    assert!(
        !fields.contains_key("transaksi[4].tiket"),
        "B-2 was itself invalid: {v}"
    );
    assert_eq!(stored(&app).await, 3);

    // The same ticket twice in one request: identical counts once, different is an error.
    let twice = tx(&ua, "C-1", "2025-03-07T08:00:00", "2025-03-07T08:10:00");
    let (s, v) = post(&app, &op, &[twice.clone(), twice.clone()]).await;
    assert_eq!(v, json!({"diterima": 2, "baru": 1, "sudah_ada": 1}), "{s}");
    let mut other = twice.clone();
    other["tiket"] = json!("C-2");
    let mut other2 = other.clone();
    other2["kanal"] = json!("online");
    let (s, v) = post(&app, &op, &[other, other2]).await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(v["fields"]["transaksi[1].tiket"].is_string(), "{v}");

    // Operator A may not send for OPD B's unit (a field error, like a new employee there).
    let (s, v) = post(
        &app,
        &op,
        &[tx(&ub, "X-1", "2025-03-04T08:00:00", "2025-03-04T08:10:00")],
    )
    .await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(v["fields"]["transaksi[0].unit"].is_string(), "{v}");
    // Operator B may, and the ticket numbers are per unit.
    let opb = app.token("operator_b").await;
    let (s, v) = post(
        &app,
        &opb,
        &[tx(&ub, "A-1", "2025-03-04T08:00:00", "2025-03-04T08:10:00")],
    )
    .await;
    assert_eq!((s, v["baru"].as_u64()), (StatusCode::OK, Some(1)));
    // Roles that may not write.
    for who in ["pimpinan", "pegawai1"] {
        let t = app.token(who).await;
        let (s, _) = post(
            &app,
            &t,
            &[tx(&ua, "P-1", "2025-03-04T08:00:00", "2025-03-04T08:10:00")],
        )
        .await;
        assert_eq!(s, StatusCode::FORBIDDEN, "{who}");
    }

    // Too many items, or no list at all.
    let many: Vec<Value> = (0..5001)
        .map(|i| {
            tx(
                &ua,
                &format!("M-{i}"),
                "2025-03-04T08:00:00",
                "2025-03-04T08:10:00",
            )
        })
        .collect();
    let (s, v) = post(&app, &op, &many).await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(v["fields"]["transaksi"].is_string());
    let r = client()
        .post(format!("{}/api/v1/layanan/transaksi", app.base))
        .bearer_auth(&op)
        .json(&json!({"data": []}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(stored(&app).await, 5);

    // A browser session writes with its CSRF header, and is refused without it.
    let s = app.login("admin").await;
    let body = json!({"transaksi": [tx(&ub, "S-1", "2025-03-04T08:00:00", "2025-03-04T08:10:00")]});
    let url = s.url("/api/v1/layanan/transaksi");
    let r = s.client.post(&url).json(&body).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::FORBIDDEN);
    let r = s
        .client
        .post(&url)
        .header("X-CSRF-Token", &s.csrf)
        .json(&body)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::OK);
    assert_eq!(stored(&app).await, 6);
}

/// 5,000 items in one request are accepted and stored.
#[tokio::test]
async fn a_full_batch_of_5000_is_stored() {
    let app = spawn_app().await;
    let ua = unit_of(&app, &app.opd_a).await;
    let t = app.token("admin").await;
    let many: Vec<Value> = (0..5000)
        .map(|i| {
            tx(
                &ua,
                &format!("M-{i:05}"),
                "2025-04-01T08:00:00",
                "2025-04-01T08:25:00",
            )
        })
        .collect();
    let (s, v) = post(&app, &t, &many).await;
    assert_eq!(s, StatusCode::OK, "{v}");
    assert_eq!(v["baru"], 5000);
    assert_eq!(stored(&app).await, 5000);
}

/// Three months of transactions at a unit of OPD A: durations 20, 40, 80 minutes in January,
/// 10, 30 in February, none in March.
pub async fn load_months(app: &TestApp) -> String {
    let ua = unit_of(app, &app.opd_a).await;
    let t = app.token("admin").await;
    let items: Vec<Value> = [
        ("J-1", "2025-01-10T08:00:00", "2025-01-10T08:20:00"),
        ("J-2", "2025-01-11T08:00:00", "2025-01-11T08:40:00"),
        ("J-3", "2025-01-12T08:00:00", "2025-01-12T09:20:00"),
        ("F-1", "2025-02-10T08:00:00", "2025-02-10T08:10:00"),
        ("F-2", "2025-02-11T08:00:00", "2025-02-11T08:30:00"),
    ]
    .iter()
    .map(|(k, a, b)| tx(&ua, k, a, b))
    .collect();
    let (s, v) = post(app, &t, &items).await;
    assert_eq!(s, StatusCode::OK, "{v}");
    ua
}

async fn waktu_api(s: &crate::common::Session, scope: &str) -> Value {
    let r = s
        .client
        .get(s.url(&format!(
            "/api/v1/layanan/waktu?scope={scope}&from=2025-01-01&to=2025-03-31"
        )))
        .send()
        .await
        .expect("GET waktu");
    assert_eq!(r.status(), StatusCode::OK);
    r.json().await.expect("GET waktu")
}

#[tokio::test]
async fn service_time_page_trend_csv_and_scope() {
    let app = spawn_app().await;
    let ua = load_months(&app).await;
    let admin = app.login("admin").await;
    let (st, html) = admin
        .get(&format!("/layanan?scope={ua}&periode=2025-T1"))
        .await;
    assert_eq!(st, StatusCode::OK, "{html}");
    assert!(
        html.contains("id=\"tren-waktu\"") && html.contains("<polyline"),
        "{html}"
    );
    // January: median 40, p90 = 40 + 0.8 × 40 = 72; February: median 20, p90 28; March empty.
    assert!(
        html.contains("<td>01/25</td><td>3</td><td>40.0</td><td>72.0</td>"),
        "{html}"
    );
    assert!(
        html.contains("<td>02/25</td><td>2</td><td>20.0</td><td>28.0</td>"),
        "{html}"
    );
    assert!(
        html.contains("<td>03/25</td><td>0</td><td>—</td><td>—</td>"),
        "{html}"
    );
    assert!(
        html.contains("standar 60 menit"),
        "reference line of the single standard"
    );
    // Overall: 10, 20, 30, 40, 80 → median 30; within 60 minutes: 4 of 5.
    assert!(html.contains("id=\"median\">30.0<"), "{html}");
    assert!(html.contains("id=\"persen-standar\">80.0%<"), "{html}");

    let (st, csv) = admin
        .get(&format!("/layanan/waktu.csv?scope={ua}&periode=2025-T1"))
        .await;
    assert_eq!(st, StatusCode::OK);
    // The writer starts with a byte-order mark, for spreadsheet programs.
    let lines: Vec<&str> = csv.trim_start_matches('\u{feff}').lines().collect();
    assert!(
        lines[0].starts_with("scope,from,to,layanan,transaksi,median_menit,p90_menit"),
        "{csv}"
    );
    assert!(
        lines
            .iter()
            .any(|l| l.starts_with(&format!("{ua},2025-01-01,2025-03-31,ktp-el,5,30,"))),
        "{csv}"
    );
    assert!(
        lines
            .iter()
            .any(|l| l.contains(",semua,5,30,") && l.ends_with(",80")),
        "{csv}"
    );

    // Operator B does not see OPD A's unit; the pegawai role has no reports.
    let b = app.login("operator_b").await;
    assert_eq!(
        b.get(&format!("/layanan?scope={ua}&periode=2025-T1"))
            .await
            .0,
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        b.get(&format!("/layanan/waktu.csv?scope={ua}&periode=2025-T1"))
            .await
            .0,
        StatusCode::NOT_FOUND
    );
    let (st, html) = b.get("/layanan?periode=2025-T1").await;
    assert_eq!(st, StatusCode::OK);
    assert!(html.contains("Belum ada transaksi"), "B's own OPD has none");
    // A pemda scope is selected once in the scope list (plus the period).
    let (_, html) = admin.get("/layanan?scope=15.71&periode=2025-T1").await;
    assert!(html.contains("<option value=\"15.71\" selected>"), "{html}");
    assert_eq!(html.matches("selected>").count(), 2, "{html}");
    let p = app.login("pegawai1").await;
    assert_eq!(p.get("/layanan").await.0, StatusCode::FORBIDDEN);
    assert_eq!(
        client()
            .get(format!("{}/layanan", app.base))
            .send()
            .await
            .unwrap()
            .status(),
        StatusCode::SEE_OTHER
    );
}

#[tokio::test]
async fn a_units_own_standard_changes_the_share_within_standard() {
    let app = spawn_app().await;
    let ua = load_months(&app).await;
    let admin = app.login("admin").await;
    assert_eq!(waktu_api(&admin, &ua).await["persen_sesuai_standar"], 80.0);

    // Operators may not set standards.
    let op = app.login("operator_a").await;
    assert_eq!(op.get("/layanan/standar").await.0, StatusCode::FORBIDDEN);
    let form = |csrf: &str, unit: &str, menit: &str| {
        vec![
            ("csrf".to_string(), csrf.to_string()),
            ("unit".to_string(), unit.to_string()),
            ("layanan".to_string(), "ktp-el".to_string()),
            ("menit".to_string(), menit.to_string()),
        ]
    };
    let r = op
        .client
        .post(op.url("/layanan/standar"))
        .form(&form(&op.csrf, &ua, "15"))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::FORBIDDEN);

    // The OPD sets 35 minutes: 10, 20, 30 of 10, 20, 30, 40, 80 are within → 60 %.
    let r = admin
        .client
        .post(admin.url("/layanan/standar"))
        .form(&form(&admin.csrf, &app.opd_a, "35"))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::OK);
    let v = waktu_api(&admin, &ua).await;
    assert_eq!(v["persen_sesuai_standar"], 60.0, "{v}");
    assert_eq!(v["per_layanan"]["ktp-el"]["standar_menit_max"], 35);
    // Then the unit its own 20 minutes: 10, 20 → 40 %; a bad value is refused with 422.
    let r = admin
        .client
        .post(admin.url("/layanan/standar"))
        .form(&form(&admin.csrf, &ua, "20"))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::OK);
    assert_eq!(waktu_api(&admin, &ua).await["persen_sesuai_standar"], 40.0);
    let r = admin
        .client
        .post(admin.url("/layanan/standar"))
        .form(&form(&admin.csrf, &ua, "-5"))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let (_, html) = admin.get("/layanan/standar").await;
    assert!(
        html.contains(&format!("<td>{ua}</td>")) && html.contains("<td>20</td>"),
        "{html}"
    );
    // Removing the unit's own: the OPD's 35 applies again. Every change is audited.
    let r = admin
        .client
        .post(admin.url("/layanan/standar"))
        .form(&form(&admin.csrf, &ua, ""))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::OK);
    assert_eq!(waktu_api(&admin, &ua).await["persen_sesuai_standar"], 60.0);
    let log = app
        .db
        .audit_list(&bangkom_db::audit::AuditFilter {
            entitas: Some("layanan_standar".into()),
            page: 1,
            per_page: 50,
            ..Default::default()
        })
        .await
        .unwrap();
    assert_eq!(log.len(), 3, "{log:?}");
}

/// Without an entered population, the IKM report counts the unit's service transactions in the
/// period (REFERENCE §0.8) and says so; an entered figure wins.
#[tokio::test]
async fn skm_population_comes_from_the_transactions_when_none_is_entered() {
    let app = spawn_app().await;
    let ua = load_months(&app).await;
    let ikm = |q: String| {
        let url = format!("{}/api/v1/skm/ikm?{q}", app.base);
        async move {
            client()
                .get(url)
                .send()
                .await
                .unwrap()
                .json::<Value>()
                .await
                .unwrap()
        }
    };
    let v = ikm(format!("scope={ua}&from=2025-01-01&to=2025-01-31")).await;
    assert_eq!(
        (v["populasi"].as_u64(), v["populasi_sumber"].as_str()),
        (Some(3), Some("transaksi")),
        "{v}"
    );
    assert_eq!(v["sampel_minimum"], 3, "Krejcie & Morgan for N = 3");
    let v = ikm(format!("scope={}&from=2025-01-01&to=2025-12-31", app.opd_a)).await;
    assert_eq!(v["populasi"], 5);
    // No transactions and nothing entered: unknown, as before.
    let v = ikm(format!("scope={ua}&from=2024-01-01&to=2024-12-31")).await;
    assert!(
        v["populasi"].is_null() && v["populasi_sumber"].is_null(),
        "{v}"
    );
    // An entered figure for the unit wins over the count.
    let org = app.db.org_index().await.unwrap();
    let id = org.by_kode(&ua).unwrap().org_id;
    app.db
        .skm_populasi_set(
            &bangkom_db::audit::Actor::system("test"),
            id,
            time::macros::date!(2025 - 01 - 01),
            time::macros::date!(2025 - 01 - 31),
            1000,
        )
        .await
        .unwrap();
    let v = ikm(format!("scope={ua}&from=2025-01-01&to=2025-01-31")).await;
    assert_eq!(
        (v["populasi"].as_u64(), v["populasi_sumber"].as_str()),
        (Some(1000), Some("tersimpan"))
    );
}
