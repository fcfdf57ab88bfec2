//! Entering paper SKM questionnaires: operators for service units of their own OPDs only, the
//! same validation as the public form, and pimpinan cannot enter anything.

use reqwest::StatusCode;

use crate::common::spawn_app;

/// A service unit under `opd` (code), from the app's tree.
async fn service_unit(db: &bangkom_db::Db, opd: &str) -> Option<String> {
    let org = db.org_index().await.expect("org index");
    let opd_id = org.by_kode(opd)?.org_id;
    org.all()
        .iter()
        .find(|o| o.layanan && o.opd_id == Some(opd_id))
        .map(|o| o.kode.clone())
}

fn fields<'a>(csrf: &'a str, unit: &'a str, first: &'a str) -> Vec<(&'a str, &'a str)> {
    vec![
        ("csrf", csrf),
        ("unit", unit),
        ("tanggal", "2025-03-04"),
        ("jenis_kelamin", "L"),
        ("umur", "41"),
        ("persyaratan", first),
        ("prosedur", "3"),
        ("waktu", "3"),
        ("biaya", "4"),
        ("produk", "3"),
        ("kompetensi", "3"),
        ("perilaku", "4"),
        ("pengaduan", ""),
        ("sarana", "3"),
    ]
}

#[tokio::test]
async fn operator_enters_paper_questionnaires_for_own_units_only() {
    let app = spawn_app().await;
    let (Some(unit_a), Some(unit_b)) = (
        service_unit(&app.db, &app.opd_a).await,
        service_unit(&app.db, &app.opd_b).await,
    ) else {
        panic!("the test tree must have service units in OPD A and OPD B");
    };
    let op = app.login("operator_a").await;
    let (status, html) = op.get("/skm/kertas").await;
    assert_eq!(status, StatusCode::OK);
    assert!(
        html.contains(&unit_a) && !html.contains(&format!("value=\"{unit_b}\"")),
        "only own units offered"
    );

    let r = op
        .post_form("/skm/kertas", &fields(&op.csrf, &unit_a, "4"))
        .await;
    assert_eq!(r.status(), StatusCode::OK);
    assert!(r.text().await.unwrap().contains("Kuesioner tersimpan"));
    assert_eq!(app.db.skm_count().await.unwrap(), 1);

    let r = op
        .post_form("/skm/kertas", &fields(&op.csrf, &unit_a, "5"))
        .await;
    assert_eq!(
        r.status(),
        StatusCode::UNPROCESSABLE_ENTITY,
        "a 1-5 scale answer is refused"
    );
    let r = op
        .post_form("/skm/kertas", &fields(&op.csrf, &unit_b, "4"))
        .await;
    assert_eq!(
        r.status(),
        StatusCode::UNPROCESSABLE_ENTITY,
        "another OPD's unit is refused"
    );
    let r = op
        .post_form("/skm/kertas", &fields("salah", &unit_a, "4"))
        .await;
    assert_eq!(r.status(), StatusCode::FORBIDDEN, "wrong CSRF token");
    assert_eq!(app.db.skm_count().await.unwrap(), 1, "nothing else stored");

    let boss = app.login("pimpinan").await;
    let r = boss
        .post_form("/skm/kertas", &fields(&boss.csrf, &unit_a, "4"))
        .await;
    assert_eq!(r.status(), StatusCode::FORBIDDEN);
    assert_eq!(app.db.skm_count().await.unwrap(), 1);
}
