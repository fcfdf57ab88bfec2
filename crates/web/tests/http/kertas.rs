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

/// The processing table lists every counted questionnaire and the engine's NRR, index and mutu.
#[tokio::test]
async fn processing_table_xlsx_matches_the_engine() {
    use bangkom_core::skm::{Akumulator, Bobot, Jawaban, Kuesioner, KuesionerInput};
    let app = spawn_app().await;
    let unit = service_unit(&app.db, &app.opd_a)
        .await
        .expect("a service unit");
    let org = app.db.org_index().await.expect("org");
    let unit_id = org.by_kode(&unit).expect("unit").org_id;
    let answers: [[Option<u8>; 9]; 3] = [
        [Some(4); 9],
        [
            Some(3),
            Some(2),
            None,
            Some(4),
            Some(3),
            Some(3),
            Some(4),
            Some(2),
            Some(3),
        ],
        [Some(2); 9],
    ];
    let rows: Vec<_> = answers
        .iter()
        .map(|a| {
            let input = KuesionerInput {
                tanggal: "2025-08-01".into(),
                unit: unit.clone(),
                jawaban: a.map(|v| v.map_or(String::new(), |v| v.to_string())),
                ..Default::default()
            };
            let k =
                Kuesioner::validate(&input, time::macros::date!(2025 - 12 - 31)).expect("valid");
            bangkom_db::skm::ResponsValues { k, unit_id }
        })
        .collect();
    app.db
        .skm_insert(&bangkom_db::audit::Actor::system("test"), &rows, "kertas")
        .await
        .expect("insert");
    let admin = app.login("admin").await;
    let r = admin
        .client
        .get(admin.url("/skm/olah.xlsx?scope=all&periode=2025-S2"))
        .send()
        .await
        .expect("GET");
    assert_eq!(r.status(), StatusCode::OK);
    let bytes = r.bytes().await.expect("body").to_vec();
    let mut reader = bangkom_io::TableReader::from_bytes("olah.xlsx", bytes).expect("xlsx");
    let mut lines = Vec::new();
    let mut buf = Vec::new();
    while reader.next_row(&mut buf).expect("row").is_some() {
        lines.push(buf.clone());
    }
    let js: Vec<Jawaban> = answers
        .iter()
        .map(|a| Jawaban::new(*a).expect("j"))
        .collect();
    let h = Akumulator::dari(js.iter()).hitung(Bobot::Sepersembilan);
    assert_eq!(
        lines
            .iter()
            .filter(|l| l.first().is_some_and(|c| !c.is_empty()))
            .count(),
        3,
        "three respondents"
    );
    // Data rows in storage order: the number and the answers come back as the stored values
    // (written as numbers), an unanswered item as an empty cell.
    let cell = |r: usize, c: usize| lines[r].get(c).map(String::as_str);
    assert_eq!(cell(0, 0), Some("1"));
    assert_eq!(cell(0, 1), Some("2025-08-01"));
    assert_eq!(cell(0, 3), Some("4"));
    assert_eq!(cell(1, 0), Some("2"));
    assert_eq!(cell(1, 4), Some("2"));
    assert_eq!(cell(1, 5), Some(""), "waktu not answered");
    assert_eq!(cell(2, 11), Some("2"));
    let nrr = lines
        .iter()
        .find(|l| l.get(1).is_some_and(|c| c == "NRR per unsur"))
        .expect("NRR row");
    assert_eq!(
        nrr.get(3 + 2).map(String::as_str),
        Some(format!("{:.4}", h.nrr[2].expect("waktu")).as_str()),
        "waktu NRR over those who answered"
    );
    let nilai = lines
        .iter()
        .find(|l| l.get(1).is_some_and(|c| c == "Nilai IKM (konversi)"))
        .expect("nilai row");
    assert_eq!(
        nilai.get(3).map(String::as_str),
        Some(format!("{:.2}", h.nilai.expect("nilai")).as_str())
    );

    let me = app.login("pegawai1").await;
    let r = me
        .client
        .get(me.url("/skm/olah.xlsx?scope=all&periode=2025-S2"))
        .send()
        .await
        .expect("GET");
    assert_eq!(r.status(), StatusCode::FORBIDDEN);
}
