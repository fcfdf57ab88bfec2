//! The participant list of a large program: search by NIP or name, status filter, sort, pages of
//! 50 on `/program/{kode}` and `GET /api/v1/program/{kode}/peserta`, and the CSV/XLSX export of
//! the filtered rows; an operator still sees only the participants of their own OPD.

// Test helpers: a failed unwrap is a failed test (STYLE: tests may unwrap).
#![allow(clippy::unwrap_used)]

use bangkom_core::jp::Jalur;
use bangkom_db::audit::Actor;
use bangkom_db::pegawai::Scope;
use bangkom_db::program::{Cara, ProgramBaru};
use reqwest::StatusCode;
use serde_json::Value;

use crate::common::{TestApp, spawn_app};

const KODE: &str = "UJI-BESAR-01";

/// A program without a quota with every loaded employee nominated; the first ten approved.
async fn besar(app: &TestApp) -> usize {
    let d = |m: time::Month, day: u8| time::Date::from_calendar_date(2025, m, day).unwrap();
    let actor = Actor::system("uji");
    app.db
        .program_upsert(
            &actor,
            &ProgramBaru {
                kode: KODE.into(),
                nama: "Bimtek Aplikasi Layanan".into(),
                jalur: Jalur::from_id(8).unwrap(),
                penyelenggara: "BPSDM Provinsi Jambi".into(),
                jp: 24,
                biaya: 0,
                kuota: None,
                mulai: d(time::Month::March, 10),
                selesai: d(time::Month::March, 12),
            },
        )
        .await
        .unwrap();
    let g = app.db.program_by_kode(KODE).await.unwrap();
    for (i, r) in app.records.iter().enumerate() {
        let p = app.db.pegawai_by_nip(&Scope::Semua, &r.nip).await.unwrap();
        app.db
            .peserta_usul(&actor, &g, &p, Cara::Usulan)
            .await
            .unwrap();
        if i < 10 {
            app.db
                .peserta_putus(&actor, &g, &p, true, None)
                .await
                .unwrap();
        }
    }
    app.records.len()
}

/// The `data-nip` of each row of the participant table.
fn rows(html: &str) -> Vec<String> {
    html.split("<tr data-nip=\"")
        .skip(1)
        .map(|s| s[..18].to_string())
        .collect()
}

#[tokio::test]
async fn the_participant_list_searches_filters_sorts_pages_and_exports() {
    let app = spawn_app().await;
    let n = besar(&app).await;
    assert!(n > 100, "{n}");
    let admin = app.login("admin").await;
    let url = format!("/program/{KODE}");

    // Page 1 holds 50 rows and tells the total; the last page the rest.
    let (st, page) = admin.get(&url).await;
    assert_eq!(st, StatusCode::OK);
    assert_eq!(rows(&page).len(), 50);
    assert!(page.contains(&format!("{n} peserta · halaman 1 dari {}", n.div_ceil(50))));
    let last = n.div_ceil(50);
    let (_, page) = admin.get(&format!("{url}?hal={last}")).await;
    assert_eq!(rows(&page).len(), n - (last - 1) * 50);

    // The status filter: the ten approved ones only.
    let (_, page) = admin.get(&format!("{url}?status=disetujui")).await;
    assert_eq!(rows(&page).len(), 10);
    assert!(page.contains("10 peserta"));

    // Search by NIP and by part of the name.
    let target = &app.records[42];
    let (_, page) = admin.get(&format!("{url}?cari={}", target.nip)).await;
    assert_eq!(rows(&page), vec![target.nip.clone()]);
    let part: String = target
        .nama
        .chars()
        .take(4)
        .collect::<String>()
        .to_lowercase();
    let (_, page) = admin.get(&format!("{url}?cari={part}")).await;
    let expected = app
        .records
        .iter()
        .filter(|r| r.nama.to_lowercase().contains(&part) || r.nip.contains(&part))
        .count();
    assert_eq!(rows(&page).len(), expected.min(50));
    assert!(rows(&page).contains(&target.nip));

    // Sort by NIP, descending.
    let mut nips: Vec<String> = app.records.iter().map(|r| r.nip.clone()).collect();
    nips.sort();
    nips.reverse();
    let (_, page) = admin.get(&format!("{url}?urut=nip&turun=1")).await;
    assert_eq!(rows(&page), nips[..50].to_vec());

    // The API gives the same page.
    let r = admin
        .client
        .get(admin.url(&format!(
            "/api/v1/program/{KODE}/peserta?urut=nip&turun=1&hal=2"
        )))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::OK);
    let v: Value = r.json().await.unwrap();
    assert_eq!(v["total"], n);
    assert_eq!(v["page"], 2);
    assert_eq!(v["items"][0]["nip"], nips[50].as_str());
    assert_eq!(v["items"].as_array().unwrap().len(), 50.min(n - 50));

    // The CSV export has every filtered row, not only one page.
    let r = admin
        .client
        .get(admin.url(&format!(
            "/program/{KODE}/peserta/ekspor?format=csv&status=diusulkan"
        )))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::OK);
    assert!(
        r.headers()["content-type"]
            .to_str()
            .unwrap()
            .starts_with("text/csv")
    );
    let csv = r.text().await.unwrap();
    let lines: Vec<&str> = csv.lines().collect();
    assert!(
        lines[0]
            .trim_start_matches('\u{feff}')
            .starts_with("nip,nama,status")
    );
    assert_eq!(lines.len() - 1, n - 10);
    assert!(lines[1..].iter().all(|l| l.contains(",diusulkan,")));
    let r = admin
        .client
        .get(admin.url(&format!("/program/{KODE}/peserta/ekspor?format=xlsx")))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::OK);
    assert!(r.bytes().await.unwrap().starts_with(b"PK"));

    // An operator sees only OPD A, in the list, the API and the export.
    let op = app.login("operator_a").await;
    let (_, page) = op.get(&format!("{url}?urut=nip")).await;
    let mut a = app.nips_a.clone();
    a.sort();
    assert_eq!(rows(&page), a[..a.len().min(50)].to_vec());
    let (_, page) = op.get(&format!("{url}?cari={}", app.nips_b[0])).await;
    assert!(rows(&page).is_empty());
    let csv = op
        .client
        .get(op.url(&format!("/program/{KODE}/peserta/ekspor?format=csv")))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert_eq!(csv.lines().count() - 1, app.nips_a.len());
    assert!(!csv.contains(&app.nips_b[0]));
    let v: Value = op
        .client
        .get(op.url(&format!("/api/v1/program/{KODE}/peserta")))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(v["total"], app.nips_a.len());
}
