//! Experiential learning and claims over the pages: the employee keeps a learning log and submits
//! claims on `/saya` (bad input 422 with field messages), an operator verifies claims and records
//! activities only for their OPDs, the mentor assesses from their own page, and the credited JP
//! appears on the employee's page; nobody sees another employee's records.

// Test code: a failed unwrap is a failed test (STYLE: tests may unwrap).
#![allow(clippy::unwrap_used)]

use reqwest::StatusCode;

use crate::common::spawn_app;

fn tahun_ini() -> (time::Date, time::Date) {
    let today = time::OffsetDateTime::now_utc().date();
    let awal = time::Date::from_calendar_date(today.year(), time::Month::January, 1).unwrap();
    let kemarin = today.previous_day().filter(|d| *d >= awal).unwrap_or(awal);
    (awal, kemarin)
}

#[tokio::test]
async fn claims_and_log_on_the_own_page() {
    let app = spawn_app().await;
    let me = app.login("pegawai1").await;
    let (awal, kemarin) = tahun_ini();
    let (awal, kemarin) = (awal.to_string(), kemarin.to_string());

    // Bad claim: every problem named, nothing stored.
    let r = me
        .post_form(
            "/saya/klaim",
            &[
                ("csrf", &me.csrf),
                ("judul", ""),
                ("penyelenggara", "HPJI"),
                ("jalur", "99"),
                ("mulai", "2025-13-01"),
                ("selesai", &kemarin),
                ("jp", "banyak"),
                ("bukti", ""),
            ],
        )
        .await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let html = r.text().await.unwrap();
    for f in ["jalur:", "mulai:", "jp:"] {
        assert!(html.contains(f), "{f} in {html}");
    }
    let r = me
        .post_form(
            "/saya/klaim",
            &[
                ("csrf", &me.csrf),
                ("judul", ""),
                ("penyelenggara", "HPJI"),
                ("jalur", "9"),
                ("mulai", &awal),
                ("selesai", &kemarin),
                ("jp", "0"),
                ("bukti", ""),
                ("tautan", "drive"),
            ],
        )
        .await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let html = r.text().await.unwrap();
    for f in ["judul:", "jp:", "bukti:", "tautan:"] {
        assert!(html.contains(f), "{f} in {html}");
    }
    // Without the CSRF token: refused.
    let r = me
        .post_form("/saya/klaim", &[("csrf", "x"), ("judul", "Seminar")])
        .await;
    assert_eq!(r.status(), StatusCode::FORBIDDEN);

    // A good claim and a log entry.
    let r = me
        .post_form(
            "/saya/klaim",
            &[
                ("csrf", &me.csrf),
                ("judul", "Seminar Nasional Pelayanan Publik"),
                ("penyelenggara", "KemenPANRB"),
                ("jalur", "9"),
                ("mulai", &awal),
                ("selesai", &kemarin),
                ("jp", "8"),
                ("bukti", "Sertifikat 77/SEM/2025"),
                ("tautan", "https://contoh.go.id/sertifikat.pdf"),
            ],
        )
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let r = me
        .post_form(
            "/saya/catatan",
            &[
                ("csrf", &me.csrf),
                ("tanggal", &kemarin),
                ("uraian", "Membaca pedoman SKM dan merangkumnya"),
                ("tautan", ""),
                ("pengalaman", ""),
            ],
        )
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let r = me
        .post_form(
            "/saya/catatan",
            &[("csrf", &me.csrf), ("tanggal", ""), ("uraian", " ")],
        )
        .await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let html = r.text().await.unwrap();
    assert!(
        html.contains("tanggal:") && html.contains("uraian:"),
        "{html}"
    );

    let (_, html) = me.get("/saya").await;
    let klaim = html.split("id=\"klaim-saya\"").nth(1).unwrap();
    assert!(klaim.contains("Seminar Nasional Pelayanan Publik") && klaim.contains("diajukan"));
    assert!(html.contains("Membaca pedoman SKM"));
    assert!(
        html.contains("id=\"jp-saya\"><strong>0 "),
        "not verified yet"
    );

    // Another employee's claim never shows on this page.
    let other = app
        .db
        .pegawai_by_nip(&bangkom_db::pegawai::Scope::Semua, &app.nips_a[0])
        .await
        .unwrap();
    app.db
        .klaim_add(
            &bangkom_db::audit::Actor::system("test"),
            &bangkom_db::pengalaman::KlaimBaru {
                pegawai_id: other.pegawai_id,
                judul: "Kursus Rahasia Orang Lain".into(),
                penyelenggara: "X".into(),
                jalur: bangkom_core::jp::Jalur::from_id(11).unwrap(),
                mulai: time::Date::parse(
                    &awal,
                    time::macros::format_description!("[year]-[month]-[day]"),
                )
                .unwrap(),
                selesai: time::Date::parse(
                    &kemarin,
                    time::macros::format_description!("[year]-[month]-[day]"),
                )
                .unwrap(),
                jp: 4,
                bukti: "x".into(),
                tautan: None,
            },
            time::OffsetDateTime::now_utc().date(),
        )
        .await
        .unwrap();
    let (_, html) = me.get("/saya").await;
    assert!(!html.contains("Kursus Rahasia Orang Lain"));
    // …and the employee cannot open the staff page nor decide a claim.
    assert_eq!(me.get("/pengalaman").await.0, StatusCode::FORBIDDEN);

    // Operator B (another OPD) does not see or decide it; operator A does.
    let mine = app
        .db
        .klaim_list(&bangkom_db::pegawai::Scope::Semua, Some("diajukan"), 10)
        .await
        .unwrap()
        .into_iter()
        .find(|k| k.nip == app.own_nip)
        .unwrap();
    let path = format!("/klaim/{}/putus", mine.klaim_id);
    let op_b = app.login("operator_b").await;
    let (_, page_b) = op_b.get("/pengalaman").await;
    assert!(!page_b.contains("Seminar Nasional Pelayanan Publik"));
    let r = op_b
        .post_form(&path, &[("csrf", &op_b.csrf), ("keputusan", "verifikasi")])
        .await;
    assert_eq!(r.status(), StatusCode::NOT_FOUND);
    let op_a = app.login("operator_a").await;
    let (_, page_a) = op_a.get("/pengalaman").await;
    assert!(page_a.contains("Seminar Nasional Pelayanan Publik"));
    let r = op_a
        .post_form(
            &path,
            &[
                ("csrf", &op_a.csrf),
                ("keputusan", "verifikasi"),
                ("jp", "9"),
            ],
        )
        .await;
    assert_eq!(
        r.status(),
        StatusCode::UNPROCESSABLE_ENTITY,
        "more than claimed"
    );
    assert!(r.text().await.unwrap().contains("jp:"));
    let r = op_a
        .post_form(
            &path,
            &[
                ("csrf", &op_a.csrf),
                ("keputusan", "verifikasi"),
                ("jp", ""),
            ],
        )
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let r = op_a
        .post_form(&path, &[("csrf", &op_a.csrf), ("keputusan", "verifikasi")])
        .await;
    assert_eq!(r.status(), StatusCode::CONFLICT, "decided once");
    let (_, html) = me.get("/saya").await;
    assert!(html.contains("id=\"jp-saya\"><strong>8 "), "{html}");
    assert!(
        html.split("id=\"jp-jalur\"")
            .nth(1)
            .unwrap()
            .contains("Seminar")
    );
}

#[tokio::test]
async fn operator_records_and_mentor_assesses() {
    let app = spawn_app().await;
    let (awal, kemarin) = tahun_ini();
    let (awal, kemarin) = (awal.to_string(), kemarin.to_string());
    let learner = app.nips_a[0].clone();
    let fields = |nip: &str, csrf: &str| -> Vec<(String, String)> {
        [
            ("csrf", csrf),
            ("nip", nip),
            ("jenis", "penugasan_khusus"),
            ("judul", "Pengawasan Jembatan Batanghari II"),
            ("tujuan", "pengendalian mutu beton"),
            ("unit_tujuan", ""),
            ("ke_jabatan", ""),
            ("pembimbing_nip", &app.own_nip),
            ("pembimbing_nama", ""),
            ("mulai", &awal),
            ("selesai", &kemarin),
        ]
        .iter()
        .map(|(k, v)| ((*k).to_string(), (*v).to_string()))
        .collect()
    };
    let op_b = app.login("operator_b").await;
    let r = op_b
        .client
        .post(op_b.url("/pengalaman"))
        .form(&fields(&learner, &op_b.csrf))
        .send()
        .await
        .unwrap();
    assert_eq!(
        r.status(),
        StatusCode::UNPROCESSABLE_ENTITY,
        "not in B's OPDs"
    );
    assert!(r.text().await.unwrap().contains("nip:"));

    let op_a = app.login("operator_a").await;
    let mut bad = fields(&learner, &op_a.csrf);
    bad.retain(|(k, _)| k != "pembimbing_nip" && k != "judul");
    let r = op_a
        .client
        .post(op_a.url("/pengalaman"))
        .form(&bad)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let html = r.text().await.unwrap();
    assert!(
        html.contains("judul:") && html.contains("pembimbing:"),
        "{html}"
    );
    let r = op_a
        .client
        .post(op_a.url("/pengalaman"))
        .form(&fields(&learner, &op_a.csrf))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let (_, page_a) = op_a.get("/pengalaman").await;
    assert!(page_a.contains("Pengawasan Jembatan Batanghari II"));
    let (_, page_b) = op_b.get("/pengalaman").await;
    assert!(!page_b.contains("Pengawasan Jembatan Batanghari II"));

    // The mentor (pegawai1) sees it on their own page and assesses it; JP go to the learner.
    let mentor = app.login("pegawai1").await;
    let (_, html) = mentor.get("/saya").await;
    let bimbingan = html.split("id=\"bimbingan\"").nth(1).unwrap();
    assert!(bimbingan.contains("Pengawasan Jembatan Batanghari II"));
    let x = app
        .db
        .pengalaman_list(&bangkom_db::pegawai::Scope::Semua, 10)
        .await
        .unwrap()
        .remove(0);
    let path = format!("/pengalaman/{}/nilai", x.pengalaman_id);
    let r = mentor
        .post_form(
            &path,
            &[
                ("csrf", &mentor.csrf),
                ("hasil", "baik"),
                ("jp", ""),
                ("catatan", "tuntas"),
                ("kembali", "saya"),
            ],
        )
        .await;
    assert_eq!(
        r.status(),
        StatusCode::UNPROCESSABLE_ENTITY,
        "no default JP: must be entered"
    );
    let r = op_b
        .post_form(
            &path,
            &[
                ("csrf", &op_b.csrf),
                ("hasil", "baik"),
                ("jp", "20"),
                ("catatan", "tuntas"),
            ],
        )
        .await;
    assert_eq!(r.status(), StatusCode::NOT_FOUND, "another OPD's activity");
    let r = mentor
        .post_form(
            &path,
            &[
                ("csrf", &mentor.csrf),
                ("hasil", "baik"),
                ("jp", "20"),
                ("catatan", "tuntas"),
                ("kembali", "saya"),
            ],
        )
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let r = op_a
        .post_form(
            &path,
            &[
                ("csrf", &op_a.csrf),
                ("hasil", "baik"),
                ("jp", "20"),
                ("catatan", "lagi"),
            ],
        )
        .await;
    assert_eq!(
        r.status(),
        StatusCode::CONFLICT,
        "assessed once, credited once"
    );
    let year = time::OffsetDateTime::now_utc().year();
    let jp = app
        .db
        .jp_pegawai(None, year)
        .await
        .unwrap()
        .into_iter()
        .find(|r| r.nip == learner)
        .unwrap()
        .jp;
    assert_eq!(jp, 20);
    let (_, mine) = mentor.get("/saya").await;
    assert!(
        mine.contains("id=\"jp-saya\"><strong>0 "),
        "the mentor gets no JP: {mine}"
    );
}

#[tokio::test]
async fn forecast_list_and_export_on_the_jp_page() {
    let app = spawn_app().await;
    let year = time::OffsetDateTime::now_utc().year();
    let admin = app.login("admin").await;
    let (status, html) = admin.get(&format!("/jp?scope=all&tahun={year}")).await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains("id=\"berisiko-jp\"") && html.contains("id=\"jp-daftar\""));
    let (_, html) = admin
        .get(&format!(
            "/jp?scope=all&tahun={year}&daftar=semua&cari={}",
            app.own_nip
        ))
        .await;
    let list = html.split("id=\"jp-daftar\"").nth(1).unwrap();
    assert!(list.contains(&app.own_nip) && !list.contains(&app.nips_b[0]));

    let r = admin
        .client
        .get(admin.url(&format!(
            "/jp/daftar?scope=all&tahun={year}&daftar=semua&format=csv"
        )))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::OK);
    let csv = r.text().await.unwrap();
    let head = csv.lines().next().unwrap().trim_start_matches('\u{feff}');
    assert_eq!(
        head,
        "nip,nama,jenis_asn,jp,target_jp,memenuhi,proyeksi,berisiko"
    );
    assert!(csv.lines().count() > 100, "everyone in scope");
    let r = admin
        .client
        .get(admin.url(&format!("/jp/daftar?scope=all&tahun={year}&format=xlsx")))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::OK);
    assert!(r.bytes().await.unwrap().starts_with(b"PK"));

    // The operator's list covers only their OPD; another OPD's scope is not found.
    let op_a = app.login("operator_a").await;
    let r = op_a
        .client
        .get(op_a.url(&format!(
            "/jp/daftar?scope={}&tahun={year}&daftar=semua",
            app.opd_a
        )))
        .send()
        .await
        .unwrap();
    let csv = r.text().await.unwrap();
    assert!(csv.contains(&app.nips_a[0]) && !csv.contains(&app.nips_b[0]));
    let r = op_a
        .client
        .get(op_a.url(&format!("/jp/daftar?scope={}&tahun={year}", app.opd_b)))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::NOT_FOUND);

    // The API report carries the forecast count and per-employee projection.
    let token = app.token("admin").await;
    let v: serde_json::Value = admin
        .client
        .get(admin.url(&format!("/api/v1/jp?scope=all&tahun={year}&rinci=1")))
        .bearer_auth(token)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let pns = v["pegawai"].as_u64().unwrap();
    let risk = v["berisiko"].as_u64().unwrap();
    assert!(risk <= v["belum_memenuhi"].as_u64().unwrap() && pns > 0);
    let list = v["pegawai_list"].as_array().unwrap();
    assert!(
        list.iter()
            .all(|p| p["proyeksi"].as_i64().unwrap() >= p["jp"].as_i64().unwrap())
    );
    assert_eq!(
        list.iter().filter(|p| p["berisiko"] == true).count(),
        usize::try_from(risk).unwrap()
    );
}
