//! The leaders' dashboard: open to pimpinan and administrators only, and its figures are those of
//! the service-time report and the JP ledger for the same scope and year.

use reqwest::StatusCode;

use crate::common::spawn_app;
use crate::layanan::load_months;

#[tokio::test]
async fn dashboard_for_leaders_with_the_reports_figures() {
    let app = spawn_app().await;
    let unit = load_months(&app).await;
    let p = app.login("pimpinan").await;
    let (st, html) = p
        .get(&format!("/dasbor?scope={}&tahun=2025", app.opd_a))
        .await;
    assert_eq!(st, StatusCode::OK, "{html}");
    // 10, 20, 30, 40, 80 minutes: median 30, 4 of 5 within the hour.
    assert!(html.contains("id=\"d-median\">30.0<"), "{html}");
    assert!(html.contains("id=\"d-sesuai\">80.0%<"), "{html}");
    for id in ["dasbor-jp", "dasbor-ikm", "dasbor-waktu"] {
        assert!(html.contains(&format!("<svg id=\"{id}\"")), "chart {id}");
    }
    // No programs in the test data: nobody reached 20 JP, shown as 0 %, not as missing.
    let v: serde_json::Value = p
        .client
        .get(p.url(&format!("/api/v1/jp?scope={}&tahun=2025", app.opd_a)))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(v["persen_memenuhi"], 0.0);
    assert!(html.contains("id=\"d-jp\">0.0%<"), "{html}");
    // The unit with the transactions is listed below its OPD with its own median.
    let org = app.db.org_index().await.unwrap();
    let parent = org
        .by_kode(&unit)
        .unwrap()
        .induk_id
        .and_then(|i| org.get(i))
        .unwrap();
    let (_, html) = p
        .get(&format!("/dasbor?scope={}&tahun=2025", parent.kode))
        .await;
    assert!(
        html.contains(&format!("/dasbor?scope={unit}&amp;tahun=2025")),
        "{html}"
    );
    assert!(html.contains("<td>30.0</td>"), "{html}");

    assert_eq!(
        app.login("admin").await.get("/dasbor").await.0,
        StatusCode::OK
    );
    for who in ["operator_a", "pegawai1"] {
        assert_eq!(
            app.login(who).await.get("/dasbor").await.0,
            StatusCode::FORBIDDEN,
            "{who}"
        );
    }
}
