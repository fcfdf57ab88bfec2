//! The leaders' dashboard: open to pimpinan and administrators only, and its figures are those of
//! the service-time report and the JP ledger for the same scope and year.

// Test code: a failed unwrap is a failed test (STYLE: tests may unwrap).
#![allow(clippy::unwrap_used)]

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

/// A 2025 program costing Rp 1,500,000 per participant: two participants from OPD A (one
/// completed with 20 JP, one not completed) and one completed from OPD B.
async fn load_costs(app: &crate::common::TestApp) {
    use bangkom_core::jp::Jalur;
    use bangkom_db::program::{PesertaBaru, ProgramBaru};
    use time::macros::date;
    let actor = bangkom_db::audit::Actor::system("test");
    let pid = app
        .db
        .program_upsert(
            &actor,
            &ProgramBaru {
                kode: "2025-BIAYA-UJI".into(),
                nama: "Pelatihan berbayar (uji)".into(),
                jalur: Jalur::from_id(1).unwrap(),
                penyelenggara: "Lembaga swasta".into(),
                jp: 20,
                biaya: 1_500_000,
                kuota: None,
                mulai: date!(2025 - 04 - 28),
                selesai: date!(2025 - 05 - 01),
            },
        )
        .await
        .unwrap();
    let ids = app.db.pegawai_id_map().await.unwrap();
    let row = |nip: &str, ok: bool| PesertaBaru {
        program_id: pid,
        pegawai_id: ids[nip],
        status: if ok { "selesai" } else { "tidak_selesai" },
        jp_diakui: if ok { 20 } else { 0 },
        tanggal_selesai: Some(date!(2025 - 05 - 01)),
        nomor_sertifikat: None,
    };
    let rows = [
        row(&app.nips_a[0], true),
        row(&app.nips_a[1], false),
        row(&app.nips_b[0], true),
    ];
    app.db.peserta_set(&actor, &rows).await.unwrap();
}

#[tokio::test]
async fn dashboard_shows_the_realised_training_cost_of_the_chosen_area() {
    let app = spawn_app().await;
    load_costs(&app).await;
    let p = app.login("pimpinan").await;
    // OPD A: two seats paid (Rp 3,000,000) for 20 credited JP → Rp 150,000 per JP.
    let (_, html) = p
        .get(&format!("/dasbor?scope={}&tahun=2025", app.opd_a))
        .await;
    assert!(html.contains("id=\"d-biaya\">Rp 3.000.000<"), "{html}");
    assert!(html.contains("2 peserta"), "{html}");
    assert!(html.contains("id=\"d-biaya-jp\">Rp 150.000<"), "{html}");
    // Everyone: three seats, 40 JP → Rp 112,500 per JP.
    let (_, html) = p.get("/dasbor?scope=all&tahun=2025").await;
    assert!(html.contains("id=\"d-biaya\">Rp 4.500.000<"), "{html}");
    assert!(html.contains("id=\"d-biaya-jp\">Rp 112.500<"), "{html}");
    // Another year: nothing spent, no cost per JP.
    let (_, html) = p.get("/dasbor?scope=all&tahun=2024").await;
    assert!(html.contains("id=\"d-biaya\">Rp 0<"), "{html}");
    assert!(html.contains("id=\"d-biaya-jp\">—<"), "{html}");
}

#[tokio::test]
async fn dashboard_evidence_follows_the_chosen_area() {
    let app = spawn_app().await;
    crate::dampak::load(&app).await;
    let p = app.login("pimpinan").await;
    let link = format!("/program/{}/dampak", crate::dampak::KODE);
    let (_, all) = p.get("/dasbor?scope=all&tahun=2025").await;
    assert!(all.contains(&link), "{all}");
    // OPD A has a graduate of the program; OPD B has none, so the program is not its evidence.
    let (_, a) = p
        .get(&format!("/dasbor?scope={}&tahun=2025", app.opd_a))
        .await;
    assert!(a.contains(&link), "{a}");
    let (_, b) = p
        .get(&format!("/dasbor?scope={}&tahun=2025", app.opd_b))
        .await;
    assert!(!b.contains(&link), "{b}");
    assert!(b.contains("id=\"bukti-kosong\""), "{b}");
}
