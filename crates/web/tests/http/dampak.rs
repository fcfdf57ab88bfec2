//! A program's impact page on demo-like data: three service units whose staff completed the
//! program halve their service time after it, three comparison units drift 5 %; the page and
//! the API show the derived units, an effect near 0.5 with an interval below 1, the chart and
//! the Kirkpatrick panel, and follow the staff-only scope.

// Test code: a failed unwrap is a failed test (STYLE: tests may unwrap).
#![allow(clippy::unwrap_used)]

use std::collections::BTreeSet;

use bangkom_core::jp::Jalur;
use bangkom_db::audit::Actor;
use bangkom_db::import::{ImportOptions, import_layanan};
use bangkom_db::program::{PesertaBaru, ProgramBaru};
use bangkom_io::TableReader;
use reqwest::StatusCode;
use serde_json::Value;
use time::macros::date;

use crate::common::{TestApp, spawn_app};

pub(crate) const KODE: &str = "2025-BIMTEK-UJI";

/// Loads the program, its completed participants and the transactions; returns the treated and
/// comparison unit codes.
pub(crate) async fn load(app: &TestApp) -> (Vec<String>, Vec<String>) {
    let org = app.db.org_index().await.unwrap();
    let opd_b = org.by_kode(&app.opd_b).unwrap().org_id;
    let mut treated: Vec<(String, String)> = Vec::new();
    for r in &app.records {
        let o = org.by_kode(&r.unit).unwrap();
        if o.layanan && o.opd_id != Some(opd_b) && !treated.iter().any(|t| t.0 == r.unit) {
            treated.push((r.unit.clone(), r.nip.clone()));
        }
    }
    assert!(treated.len() >= 3, "staffed service units: {treated:?}");
    treated.truncate(3);
    let staffed: BTreeSet<&str> = app.records.iter().map(|r| r.unit.as_str()).collect();
    let control: Vec<String> = org
        .all()
        .iter()
        .filter(|o| o.layanan && !staffed.contains(o.kode.as_str()))
        .map(|o| o.kode.clone())
        .take(3)
        .collect();
    assert_eq!(control.len(), 3);

    let actor = Actor::system("test");
    let pid = app
        .db
        .program_upsert(
            &actor,
            &ProgramBaru {
                kode: KODE.into(),
                nama: "Bimtek Pelayanan Berbasis TIK (uji)".into(),
                jalur: Jalur::from_id(8).unwrap(),
                penyelenggara: "BPSDM Provinsi Jambi".into(),
                jp: 24,
                biaya: 0,
                kuota: None,
                mulai: date!(2025 - 06 - 10),
                selesai: date!(2025 - 06 - 13),
            },
        )
        .await
        .unwrap();
    let ids = app.db.pegawai_id_map().await.unwrap();
    // One more completed participant from operator A's OPD (who may then see the page).
    let nip_a = app.nips_a[0].clone();
    let nips: Vec<&String> = treated.iter().map(|t| &t.1).chain([&nip_a]).collect();
    let rows: Vec<PesertaBaru> = nips
        .iter()
        .map(|nip| PesertaBaru {
            program_id: pid,
            pegawai_id: ids[nip.as_str()],
            status: "selesai",
            jp_diakui: 24,
            tanggal_selesai: Some(date!(2025 - 06 - 13)),
            nomor_sertifikat: None,
        })
        .collect();
    app.db.peserta_set(&actor, &rows).await.unwrap();

    let mut csv = String::from("unit,layanan,tiket,mulai,selesai,nip_petugas,kanal\n");
    let units = treated
        .iter()
        .map(|t| (&t.0, true))
        .chain(control.iter().map(|c| (c, false)));
    for (ui, (unit, is_treated)) in units.enumerate() {
        let base = 60.0 + 8.0 * ui as f64;
        for (year, month) in (7..=12)
            .map(|m| (2024, m))
            .chain((1..=11).map(|m| (2025, m)))
        {
            if (year, month) == (2025, 6) {
                continue;
            }
            let after = (year, month) >= (2025, 7);
            let factor = match (after, is_treated) {
                (true, true) => 0.5 * 0.95,
                (true, false) => 0.95,
                _ => 1.0,
            };
            for k in 0..12u32 {
                let minutes = base * factor * (0.6 + 0.08 * f64::from(k));
                let secs = (minutes * 60.0).round() as i64;
                let (h, m, s) = (9 + secs / 3600, (secs % 3600) / 60, secs % 60);
                let day = 1 + k * 2;
                csv.push_str(&format!(
                    "{unit},ktp-el,T{year}{month:02}{k:02},{year}-{month:02}-{day:02}T09:00:00,\
                     {year}-{month:02}-{day:02}T{h:02}:{m:02}:{s:02},,loket\n"
                ));
            }
        }
    }
    let reader = TableReader::from_bytes("l.csv", csv.into_bytes()).unwrap();
    let r = import_layanan(
        &app.db,
        &actor,
        reader,
        ImportOptions::default(),
        |_, _, _| {},
    )
    .await
    .unwrap();
    assert_eq!(r.ditolak, 0, "{:?}", r.errors);
    let mut t: Vec<String> = treated.into_iter().map(|t| t.0).collect();
    t.sort();
    let mut c = control;
    c.sort();
    (t, c)
}

async fn api(s: &crate::common::Session, query: &str) -> (StatusCode, Value) {
    let r = s
        .client
        .get(s.url(&format!("/api/v1/program/{KODE}/dampak{query}")))
        .send()
        .await
        .unwrap();
    (r.status(), r.json().await.unwrap_or(Value::Null))
}

#[tokio::test]
async fn program_impact_page_and_api_on_demo_like_data() {
    let app = spawn_app().await;
    let (treated, control) = load(&app).await;
    let admin = app.login("admin").await;

    let (st, v) = api(&admin, "").await;
    assert_eq!(st, StatusCode::OK, "{v}");
    let codes = |k: &str| -> Vec<String> {
        let mut c: Vec<String> = serde_json::from_value(v[k].clone()).unwrap();
        c.sort();
        c
    };
    assert_eq!(codes("unit_dilatih"), treated);
    assert_eq!(codes("unit_pembanding"), control);
    assert_eq!(v["sumber_unit"], "peserta");
    assert_eq!(v["sebelum"]["from"], "2024-06-10");
    assert_eq!(v["sebelum"]["to"], "2025-06-09");
    assert_eq!(v["sesudah"]["from"], "2025-07-01");
    let w = &v["waktu"];
    let eff = w["effect"].as_f64().unwrap();
    assert!((eff - 0.5).abs() < 0.02, "{w}");
    assert!(w["ci_high"].as_f64().unwrap() < 1.0, "{w}");
    assert_eq!(w["units_treated"], 3);
    assert_eq!(w["units_control"], 3);
    assert_eq!(w["n_treated"], 3 * 16 * 12);
    assert!(
        w["verdict"].as_str().unwrap().contains("kali semula"),
        "{w}"
    );
    assert_eq!(v["ikm"]["effect"], Value::Null, "no SKM data");
    assert_eq!(v["kirkpatrick"]["reaksi"], Value::Null);
    let months = v["bulanan"].as_array().unwrap();
    assert_eq!(months.first().unwrap()["bulan"], "06/24");

    let (st, html) = admin.get(&format!("/program/{KODE}/dampak")).await;
    assert_eq!(st, StatusCode::OK, "{html}");
    assert!(html.contains("<svg id=\"dampak-waktu\""), "{html}");
    assert!(html.contains("id=\"l1\">belum ada data<"), "{html}");
    assert!(html.contains("id=\"l3\">belum ada data<"), "{html}");
    assert!(html.contains("waktu layanan 0.50 kali semula"), "{html}");
    assert!(html.contains("value=\"2024-06-10\""), "{html}");
    for u in &treated {
        assert!(html.contains(u.as_str()), "{u}");
    }
    let (_, detail) = admin.get(&format!("/program/{KODE}")).await;
    assert!(detail.contains(&format!("href=\"/program/{KODE}/dampak\"")));

    // Edited windows: the same data with a shorter before window; overlapping windows refused.
    let (st, v2) = api(&admin, "?sebelum_dari=2025-01-01&sebelum_sampai=2025-05-31").await;
    assert_eq!(st, StatusCode::OK);
    assert_eq!(v2["waktu"]["n_treated"], 3 * 10 * 12);
    let (st, _) = api(&admin, "?sesudah_dari=2025-03-01").await;
    assert_eq!(st, StatusCode::UNPROCESSABLE_ENTITY);
    let (st, _) = api(&admin, "?sebelum_dari=kemarin").await;
    assert_eq!(st, StatusCode::UNPROCESSABLE_ENTITY);

    // The leaders' dashboard ranks the program by its evidence.
    let (st, dash) = app.login("pimpinan").await.get("/dasbor?tahun=2025").await;
    assert_eq!(st, StatusCode::OK);
    let strong = dash.split("id=\"bukti-kuat\"").nth(1).unwrap_or_default();
    assert!(
        strong.contains(&format!("/program/{KODE}/dampak")),
        "{dash}"
    );
    assert!(
        !strong
            .split("</table>")
            .next()
            .unwrap_or_default()
            .contains("bukti lemah")
    );

    // Scope: pimpinan and the operator with a participant see it; the other operator does not;
    // employees never.
    for (who, want) in [
        ("pimpinan", StatusCode::OK),
        ("operator_a", StatusCode::OK),
        ("operator_b", StatusCode::NOT_FOUND),
        ("pegawai1", StatusCode::FORBIDDEN),
    ] {
        let s = app.login(who).await;
        assert_eq!(
            s.get(&format!("/program/{KODE}/dampak")).await.0,
            want,
            "{who}"
        );
    }
}
