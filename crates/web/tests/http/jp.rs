//! `GET /api/v1/jp`: the JP ledger contract, scoped like everything else.

use reqwest::StatusCode;
use serde_json::Value;

use crate::common::{client, spawn_app};

#[tokio::test]
async fn jp_ledger_contract_and_scope() {
    let app = spawn_app().await;
    let url = |scope: &str| format!("{}/api/v1/jp?scope={scope}&tahun=2025&rinci=1", app.base);
    let r = client().get(url("all")).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::UNAUTHORIZED);

    let admin = app.login("admin").await;
    let r = admin.client.get(url("all")).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::OK);
    let v: Value = r.json().await.unwrap();
    for key in [
        "scope",
        "tahun",
        "target_jp",
        "pegawai",
        "memenuhi",
        "belum_memenuhi",
        "persen_memenuhi",
        "jp_per_jalur",
        "pegawai_list",
    ] {
        assert!(v.get(key).is_some(), "missing {key}: {v}");
    }
    assert_eq!(v["target_jp"], 20);
    assert_eq!(v["memenuhi"], 0, "no programs yet: nobody meets the target");
    assert_eq!(v["jp_per_jalur"].as_object().unwrap().len(), 25);
    let pns = v["pegawai"].as_u64().unwrap();
    assert_eq!(v["belum_memenuhi"].as_u64().unwrap(), pns);
    let list = v["pegawai_list"].as_array().unwrap();
    assert!(
        list.iter()
            .all(|p| p["jp"] == 0 && p.get("nip").is_some() && p.get("memenuhi").is_some())
    );

    let op = app.login("operator_a").await;
    let v: Value = op
        .client
        .get(url("all"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let nips: Vec<&str> = v["pegawai_list"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|p| p["nip"].as_str())
        .collect();
    assert!(
        !nips.is_empty() && nips.iter().all(|n| app.nips_a.iter().any(|a| a == n)),
        "operator sees own OPD only"
    );
    let r = op.client.get(url(&app.opd_b)).send().await.unwrap();
    assert_eq!(
        r.status(),
        StatusCode::NOT_FOUND,
        "another OPD's ledger is not found"
    );
    let r = op.client.get(url("99.99")).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);

    let me = app.login("pegawai1").await;
    let r = me.client.get(url("all")).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::FORBIDDEN);
}

#[tokio::test]
async fn jp_page_for_leaders_and_operators_not_for_employees() {
    let app = spawn_app().await;
    let boss = app.login("pimpinan").await;
    let (status, html) = boss.get("/jp?scope=all&tahun=2025").await;
    assert_eq!(status, StatusCode::OK);
    assert!(
        html.contains("id=\"persen-jp\"") && html.contains("0.0%"),
        "no programs yet: 0% reached"
    );
    // A pemda scope is selected once, by its name, not added again as a raw code.
    let (status, html) = boss.get("/jp?scope=15.71&tahun=2025").await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(
        html.matches("<option value=\"15.71\"").count(),
        1,
        "one option for 15.71"
    );
    let op = app.login("operator_a").await;
    let (status, html) = op.get(&format!("/jp?scope={}&tahun=2025", app.opd_a)).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(
        html.matches(&format!("value=\"{}\" selected", app.opd_a))
            .count(),
        1,
        "an OPD scope gets its own selected option"
    );
    let (status, _) = op.get(&format!("/jp?scope={}&tahun=2025", app.opd_b)).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    let me = app.login("pegawai1").await;
    let (status, _) = me.get("/jp").await;
    assert_eq!(status, StatusCode::FORBIDDEN);
}

#[tokio::test]
async fn siasn_export_is_scoped() {
    let app = spawn_app().await;
    let url = |scope: &str, fmt: &str| {
        format!(
            "{}/api/v1/siasn/kursus?scope={scope}&from=2025-01-01&to=2025-12-31&format={fmt}",
            app.base
        )
    };
    let admin = app.login("admin").await;
    let r = admin.client.get(url("all", "json")).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::OK);
    let v: Value = r.json().await.unwrap();
    assert_eq!(
        v.as_array().map(Vec::len),
        Some(0),
        "no programs in this app yet"
    );
    let r = admin.client.get(url("all", "csv")).send().await.unwrap();
    assert_eq!(r.headers()["content-type"], "text/csv; charset=utf-8");
    assert!(r.text().await.unwrap().contains("jenisDiklatId,namaKursus"));
    let op = app.login("operator_a").await;
    let r = op.client.get(url(&app.opd_b, "json")).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::NOT_FOUND);
    let r = client().get(url("all", "json")).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::UNAUTHORIZED);
}

#[tokio::test]
async fn service_time_api_is_scoped() {
    let app = spawn_app().await;
    let url = |scope: &str| {
        format!(
            "{}/api/v1/layanan/waktu?scope={scope}&from=2025-01-01&to=2025-12-31",
            app.base
        )
    };
    assert_eq!(
        client().get(url("all")).send().await.unwrap().status(),
        StatusCode::UNAUTHORIZED
    );
    let admin = app.login("admin").await;
    let v: Value = admin
        .client
        .get(url("all"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(v["transaksi"], 0);
    assert!(v["median_menit"].is_null());
    let op = app.login("operator_a").await;
    assert_eq!(
        op.client
            .get(url(&app.opd_b))
            .send()
            .await
            .unwrap()
            .status(),
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        op.client
            .get(url(&app.opd_a))
            .send()
            .await
            .unwrap()
            .status(),
        StatusCode::OK
    );
}

#[tokio::test]
async fn an_employee_sees_own_jp_and_programs() {
    let app = spawn_app().await;
    let me = app.login("pegawai1").await;
    let r = me
        .client
        .get(format!("{}/", app.base))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    assert_eq!(
        r.headers()["location"],
        "/saya",
        "an employee's home is their own page"
    );
    let (status, html) = me.get("/saya").await;
    assert_eq!(status, StatusCode::OK);
    assert!(
        html.contains(&app.own_nip) && html.contains("Belum ada program"),
        "{html}"
    );

    let id = app
        .db
        .pegawai_by_nip(&bangkom_db::pegawai::Scope::Semua, &app.own_nip)
        .await
        .unwrap()
        .pegawai_id;
    let year = time::OffsetDateTime::now_utc().year();
    let day = time::Date::from_calendar_date(year, time::Month::January, 15).unwrap();
    let program = bangkom_db::program::ProgramBaru {
        kode: "UJI-1".into(),
        nama: "Bimtek Uji Halaman Saya".into(),
        jalur: bangkom_core::jp::Jalur::from_id(8).unwrap(),
        penyelenggara: "BPSDM".into(),
        jp: 12,
        biaya: 0,
        kuota: None,
        mulai: day,
        selesai: day,
    };
    let actor = bangkom_db::audit::Actor::system("test");
    let pid = app.db.program_upsert(&actor, &program).await.unwrap();
    app.db
        .peserta_set(
            &actor,
            &[bangkom_db::program::PesertaBaru {
                program_id: pid,
                pegawai_id: id,
                status: "selesai",
                jp_diakui: 12,
                tanggal_selesai: Some(day),
                nomor_sertifikat: Some("STTPP-UJI-001".into()),
            }],
        )
        .await
        .unwrap();
    let (_, html) = me.get("/saya").await;
    assert!(
        html.contains("Bimtek Uji Halaman Saya") && html.contains("STTPP-UJI-001"),
        "{html}"
    );
    assert!(html.contains("<strong>12 "), "12 JP this year: {html}");

    let admin = app.login("admin").await;
    let (status, _) = admin.get("/saya").await;
    assert_eq!(
        status,
        StatusCode::NOT_FOUND,
        "only an employee account has an own page"
    );
}
