//! The ledger export (`/jp/buku`, `GET /api/v1/jp/buku`): one row per credit of the year, scoped
//! like the compliance report, as CSV or XLSX, and its JP add up to the report's.

use reqwest::StatusCode;

use crate::common::{TestApp, client, spawn_app};

/// Credits `jp` JP for the employee `nip` in a program ending on 15 January this year.
#[allow(clippy::unwrap_used)] // test helper: a failed unwrap is a failed test
async fn credit(app: &TestApp, nip: &str, kode: &str, jp: u32) -> i32 {
    let year = time::OffsetDateTime::now_utc().year();
    let day = time::Date::from_calendar_date(year, time::Month::January, 15).unwrap();
    let actor = bangkom_db::audit::Actor::system("test");
    let pid = app
        .db
        .program_upsert(
            &actor,
            &bangkom_db::program::ProgramBaru {
                kode: kode.into(),
                nama: format!("=Pelatihan {kode}"),
                jalur: bangkom_core::jp::Jalur::from_id(16).unwrap(),
                penyelenggara: "BPSDM".into(),
                jp,
                biaya: 0,
                kuota: None,
                mulai: day,
                selesai: day,
            },
        )
        .await
        .unwrap();
    let id = app
        .db
        .pegawai_by_nip(&bangkom_db::pegawai::Scope::Semua, nip)
        .await
        .unwrap()
        .pegawai_id;
    app.db
        .peserta_set(
            &actor,
            &[bangkom_db::program::PesertaBaru {
                program_id: pid,
                pegawai_id: id,
                status: "selesai",
                jp_diakui: jp,
                tanggal_selesai: Some(day),
                nomor_sertifikat: None,
            }],
        )
        .await
        .unwrap();
    year
}

#[tokio::test]
async fn ledger_export_is_scoped_and_adds_up() {
    let app = spawn_app().await;
    let (a, b) = (app.nips_a[0].clone(), app.nips_b[0].clone());
    let year = credit(&app, &a, "BUKU-A", 12).await;
    credit(&app, &b, "BUKU-B", 8).await;
    let api = |scope: &str, fmt: &str| {
        format!(
            "{}/api/v1/jp/buku?scope={scope}&tahun={year}&format={fmt}",
            app.base
        )
    };
    assert_eq!(
        client()
            .get(api("all", "csv"))
            .send()
            .await
            .unwrap()
            .status(),
        StatusCode::UNAUTHORIZED
    );

    let admin = app.login("admin").await;
    let r = admin.client.get(api("all", "csv")).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::OK);
    assert_eq!(r.headers()["content-type"], "text/csv; charset=utf-8");
    let csv = r.text().await.unwrap();
    assert!(
        csv.contains("nip,nama,jenis_asn,unit,tahun,tanggal,sumber,kegiatan,jalur,jalur_nama,jp")
    );
    let line_a = csv.lines().find(|l| l.contains(&a)).expect("A's credit");
    assert!(
        line_a.ends_with(",program,'=Pelatihan BUKU-A,16,E-Learning,12"),
        "{line_a}"
    );
    assert!(csv.contains(&b));

    // XLSX through the page route: the same rows, NIP as text, JP as a number.
    let r = admin
        .client
        .get(admin.url(&format!("/jp/buku?scope=all&tahun={year}&format=xlsx")))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::OK);
    let bytes = r.bytes().await.unwrap().to_vec();
    let mut reader = bangkom_io::TableReader::from_bytes("buku.xlsx", bytes).unwrap();
    assert_eq!(reader.headers()[0], "nip");
    let mut row = Vec::new();
    let mut found = Vec::new();
    while reader.next_row(&mut row).unwrap().is_some() {
        found.push((row[0].clone(), row[10].clone()));
    }
    assert!(found.contains(&(a.clone(), "12".to_string())), "{found:?}");
    assert!(found.contains(&(b.clone(), "8".to_string())), "{found:?}");

    // The operator of OPD A gets A's credits only, and another OPD is not found.
    let op = app.login("operator_a").await;
    let csv = op
        .client
        .get(api("all", "csv"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(csv.contains(&a) && !csv.contains(&b), "{csv}");
    let r = op.client.get(api(&app.opd_b, "csv")).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::NOT_FOUND);

    let me = app.login("pegawai1").await;
    let (status, _) = me.get(&format!("/jp/buku?scope=all&tahun={year}")).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    let r = admin
        .client
        .get(api("all", "csv").replace(&format!("tahun={year}"), "tahun=1900"))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
}
