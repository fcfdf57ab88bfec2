//! The program catalogue over HTTP: the create and edit forms (CSRF, field messages with the
//! entered values kept), the JSON API (201, 422 by field, 403/404 by scope), an institution's staff
//! editing only their own institution's programs, the JP correction after completions, and the
//! list's filters, sort, pages and export.

// Test helpers: a failed unwrap is a failed test (STYLE: tests may unwrap).
#![allow(clippy::unwrap_used)]

use bangkom_db::audit::{Actor, AuditFilter};
use bangkom_db::program::PesertaBaru;
use bangkom_web::{AppState, Config};
use reqwest::StatusCode;
use serde_json::{Value, json};

use crate::common::{PASSWORD, Session, TestApp, spawn_app};

/// Form fields of a valid program.
fn fields(kode: &'static str, jp: &'static str) -> Vec<(&'static str, &'static str)> {
    vec![
        ("kode", kode),
        ("nama", "Bimtek Aplikasi Layanan Digital"),
        ("jalur", "8"),
        ("bentuk", ""),
        ("lembaga", ""),
        ("penyelenggara", "BPSDM Provinsi Jambi"),
        ("kompetensi", "Pelayanan digital"),
        ("jp", jp),
        ("biaya", "2.750.000"),
        ("kuota", "30"),
        ("sasaran_jabatan", "pelaksana"),
        ("opd", ""),
        ("mulai", "2025-06-10"),
        ("selesai", "2025-06-13"),
        ("min_hadir_persen", "80"),
        ("min_nilai_post", "60"),
    ]
}

fn with(
    mut f: Vec<(&'static str, &'static str)>,
    k: &str,
    v: &'static str,
) -> Vec<(&'static str, &'static str)> {
    for p in &mut f {
        if p.0 == k {
            p.1 = v;
        }
    }
    f
}

#[tokio::test]
async fn program_form_creates_and_edits_with_field_messages() {
    let app = spawn_app().await;
    let admin = app.login("admin").await;
    let (st, page) = admin.get("/program").await;
    assert_eq!(st, StatusCode::OK);
    assert!(page.contains("href=\"/program/baru\""), "Tambah program");
    let (st, page) = admin.get("/program/baru").await;
    assert_eq!(st, StatusCode::OK);
    assert!(page.contains("id=\"form-program\""));

    // Without the CSRF token: refused, nothing stored.
    let r = admin
        .post_form("/program/baru", &fields("UJI-KAT-01", "24"))
        .await;
    assert_eq!(r.status(), StatusCode::FORBIDDEN);
    assert!(app.db.program_by_kode("UJI-KAT-01").await.is_err());

    // Bad input: 422, a message beside each field, the entered values kept.
    let bad = with(
        with(
            with(fields("uji kat", "0"), "jalur", "26"),
            "selesai",
            "2025-06-01",
        ),
        "nama",
        "Bimtek <Layanan> Digital",
    );
    let (st, _, body) = admin.submit("/program/baru", &bad).await;
    assert_eq!(st, StatusCode::UNPROCESSABLE_ENTITY);
    for id in ["kode-err", "jalur-err", "jp-err", "selesai-err"] {
        assert!(body.contains(&format!("id=\"{id}\"")), "{id}");
    }
    assert!(!body.contains("id=\"nama-err\""));
    assert!(body.contains("value=\"uji kat\"") && body.contains("value=\"2025-06-01\""));
    assert!(
        body.contains("Bimtek &lt;Layanan&gt; Digital") || body.contains("Bimtek &#60;Layanan"),
        "escaped, kept"
    );

    let (st, loc, _) = admin
        .submit("/program/baru", &fields("uji-kat-01", "24"))
        .await;
    assert_eq!(
        (st, loc.as_str()),
        (StatusCode::SEE_OTHER, "/program/UJI-KAT-01?pesan=dibuat")
    );
    let g = app.db.program_by_kode("UJI-KAT-01").await.unwrap();
    assert_eq!(
        (g.jalur, g.klasikal, g.jp, g.biaya, g.kuota),
        (8, true, 24, 2_750_000, Some(30))
    );
    let (st, _, body) = admin
        .submit("/program/baru", &fields("UJI-KAT-01", "24"))
        .await;
    assert_eq!(st, StatusCode::UNPROCESSABLE_ENTITY, "a code is used once");
    assert!(body.contains("sudah dipakai"));
    let (_, page) = admin.get("/program/UJI-KAT-01?pesan=dibuat").await;
    assert!(page.contains("href=\"/program/UJI-KAT-01/ubah\""));

    // Edit: the form shows the stored values; the code is fixed.
    let (st, page) = admin.get("/program/UJI-KAT-01/ubah").await;
    assert_eq!(st, StatusCode::OK);
    assert!(page.contains("value=\"UJI-KAT-01\" readonly"));
    assert!(page.contains("value=\"2750000\""));
    let (st, loc, _) = admin
        .submit(
            "/program/UJI-KAT-01/ubah",
            &with(fields("LAIN", "30"), "kuota", ""),
        )
        .await;
    assert_eq!(
        (st, loc.as_str()),
        (StatusCode::SEE_OTHER, "/program/UJI-KAT-01?pesan=diubah")
    );
    let g = app.db.program_by_kode("UJI-KAT-01").await.unwrap();
    assert_eq!((g.jp, g.kuota), (30, None));
    assert!(app.db.program_by_kode("LAIN").await.is_err());
    let (st, _, body) = admin
        .submit(
            "/program/UJI-KAT-01/ubah",
            &with(fields("UJI-KAT-01", "30"), "biaya", "gratis"),
        )
        .await;
    assert_eq!(st, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(body.contains("id=\"biaya-err\"") && body.contains("value=\"gratis\""));

    // Other roles may not.
    let op = app.login("operator_a").await;
    assert_eq!(op.get("/program/baru").await.0, StatusCode::FORBIDDEN);
    let (st, _, _) = op.submit("/program/baru", &fields("UJI-OP", "8")).await;
    assert_eq!(st, StatusCode::FORBIDDEN);
    assert_eq!(
        op.get("/program/UJI-KAT-01/ubah").await.0,
        StatusCode::FORBIDDEN
    );
    let (st, _, _) = op
        .submit("/program/UJI-KAT-01/ubah", &fields("UJI-KAT-01", "8"))
        .await;
    assert_eq!(st, StatusCode::FORBIDDEN);
    let (_, page) = op.get("/program").await;
    assert!(!page.contains("href=\"/program/baru\""));
}

async fn lembaga_dan_staf(app: &TestApp, admin: &Session) {
    for (kode, nama) in [("LAN", "LAN RI"), ("SWASTA-1", "Lembaga Swasta")] {
        let (st, _) = admin
            .api(
                "POST",
                "/lembaga",
                json!({"kode": kode, "nama": nama, "jenis": "pemerintah"}),
            )
            .await;
        assert_eq!(st, StatusCode::CREATED);
    }
    let state = AppState::new(app.db.clone(), Config::default());
    bangkom_web::html::create_account_lembaga(
        &state,
        &Actor::system("uji"),
        "staf.lan",
        "Staf LAN",
        PASSWORD,
        "LAN",
    )
    .await
    .unwrap();
}

#[tokio::test]
async fn api_creates_and_updates_within_the_institution_scope() {
    let app = spawn_app().await;
    let admin = app.login("admin").await;
    lembaga_dan_staf(&app, &admin).await;
    let body = json!({
        "kode": "uji-api-01", "nama": "E-learning Etika ASN", "jalur": "jd16", "lembaga": "SWASTA-1",
        "jp": 8, "biaya": 0, "kuota": null, "sasaran_jabatan": ["pelaksana", "fungsional"],
        "opd": [app.opd_a], "mulai": "2025-03-01", "selesai": "2025-03-31"
    });
    let (st, v) = admin.api("POST", "/program", body.clone()).await;
    assert_eq!(st, StatusCode::CREATED, "{v}");
    assert_eq!(v["kode"], "UJI-API-01");
    assert_eq!(v["jalur"], "jd16");
    assert_eq!(v["klasikal"], false);
    assert_eq!(v["jp"], 8);
    assert_eq!(v["lembaga"], "SWASTA-1");
    assert_eq!(v["penyelenggara"], "Lembaga Swasta");
    assert_eq!(v["sasaran_jabatan"], json!(["pelaksana", "fungsional"]));
    let (st, _) = admin.api("POST", "/program", body).await;
    assert_eq!(st, StatusCode::UNPROCESSABLE_ENTITY, "a code is used once");

    let (st, v) = admin.api(
        "POST",
        "/program",
        json!({"kode": "X", "nama": "", "jalur": 40, "jp": "nol", "opd": ["99.99"], "mulai": "2025-13-01", "selesai": "2025-01-01", "penyelenggara": "X"}),
    )
    .await;
    assert_eq!(st, StatusCode::UNPROCESSABLE_ENTITY);
    for f in ["nama", "jalur", "jp", "mulai"] {
        assert!(v["fields"][f].is_string(), "{f}: {v}");
    }

    // The institution's staff: create for their own institution whatever they send; edit only
    // their own programs (another institution's is 404, like a code that does not exist).
    let lan = app.login("staf.lan").await;
    let (st, v) = lan.api(
        "POST",
        "/program",
        json!({"kode": "UJI-LAN-02", "nama": "Pelatihan Teknis", "jalur": 3, "lembaga": "SWASTA-1",
               "jp": 16, "mulai": "2025-08-01", "selesai": "2025-08-03"}),
    )
    .await;
    assert_eq!(st, StatusCode::CREATED, "{v}");
    assert_eq!(v["lembaga"], "LAN");
    assert_eq!(v["penyelenggara"], "LAN RI");
    let (st, v) = lan.api(
        "PUT",
        "/program/UJI-LAN-02",
        json!({"nama": "Pelatihan Teknis Lanjutan", "jalur": 3, "jp": 20, "mulai": "2025-08-01", "selesai": "2025-08-04"}),
    )
    .await;
    assert_eq!(st, StatusCode::OK, "{v}");
    assert_eq!(
        (v["jp"].as_i64(), v["kode"].as_str()),
        (Some(20), Some("UJI-LAN-02"))
    );
    let (st, _) = lan.api(
        "PUT",
        "/program/UJI-API-01",
        json!({"nama": "Diambil alih", "jalur": 16, "jp": 8, "mulai": "2025-03-01", "selesai": "2025-03-31"}),
    )
    .await;
    assert_eq!(st, StatusCode::NOT_FOUND);
    assert_eq!(
        lan.get("/program/UJI-API-01/ubah").await.0,
        StatusCode::NOT_FOUND
    );
    let (st, _, _) = lan
        .submit("/program/UJI-API-01/ubah", &fields("UJI-API-01", "8"))
        .await;
    assert_eq!(st, StatusCode::NOT_FOUND);
    assert_eq!(
        app.db.program_by_kode("UJI-API-01").await.unwrap().nama,
        "E-learning Etika ASN"
    );
    let (st, page) = lan.get("/program/baru").await;
    assert_eq!(st, StatusCode::OK);
    assert!(page.contains("value=\"LAN RI (LAN)\" readonly"));
    let (st, loc, _) = lan
        .submit(
            "/program/baru",
            &with(fields("UJI-LAN-03", "8"), "lembaga", "SWASTA-1"),
        )
        .await;
    assert_eq!(
        (st, loc.as_str()),
        (StatusCode::SEE_OTHER, "/program/UJI-LAN-03?pesan=dibuat")
    );
    let lan_id = app.db.lembaga_by_kode("LAN").await.unwrap().lembaga_id;
    assert_eq!(
        app.db
            .program_by_kode("UJI-LAN-03")
            .await
            .unwrap()
            .lembaga_id,
        Some(lan_id),
        "the form's institution is the staff's own"
    );
    let (st, page) = lan.get("/program/UJI-LAN-02/ubah").await;
    assert_eq!(st, StatusCode::OK);
    assert!(page.contains("LAN RI (LAN)") && !page.contains("SWASTA-1"));

    // Other roles: 403.
    let op = app.login("operator_a").await;
    let (st, _) = op.api(
        "PUT",
        "/program/UJI-API-01",
        json!({"nama": "x", "jalur": 16, "jp": 8, "penyelenggara": "x", "mulai": "2025-03-01", "selesai": "2025-03-31"}),
    )
    .await;
    assert_eq!(st, StatusCode::FORBIDDEN);
    let (st, _) = op.api("POST", "/program", json!({})).await;
    assert_eq!(st, StatusCode::FORBIDDEN);

    // The catalogue list through the API, scoped for the staff.
    let (_, v) = lan.api("GET", "/program?sort=kode", Value::Null).await;
    assert_eq!(v["total"], 2);
    assert_eq!(v["items"][0]["kode"], "UJI-LAN-02");
    assert_eq!(v["items"][1]["kode"], "UJI-LAN-03");
    let (_, page) = lan.get("/program").await;
    assert!(page.contains("UJI-LAN-02") && !page.contains("UJI-API-01"));
}

#[tokio::test]
async fn jp_change_after_completions_needs_an_audited_correction() {
    let app = spawn_app().await;
    let admin = app.login("admin").await;
    let (st, _, _) = admin
        .submit("/program/baru", &fields("UJI-KOR-01", "24"))
        .await;
    assert_eq!(st, StatusCode::SEE_OTHER);
    let g = app.db.program_by_kode("UJI-KOR-01").await.unwrap();
    let ids = app.db.pegawai_id_map().await.unwrap();
    let (a, b) = (&app.nips_a[0], &app.nips_a[1]);
    let selesai = |nip: &String| PesertaBaru {
        program_id: g.program_id,
        pegawai_id: ids[nip],
        status: "selesai",
        jp_diakui: 24,
        tanggal_selesai: Some(g.selesai),
        nomor_sertifikat: None,
    };
    app.db
        .peserta_set(&Actor::system("uji"), &[selesai(a), selesai(b)])
        .await
        .unwrap();

    // The ordinary edit refuses a JP change, with a clear message pointing to the correction.
    let (st, _, body) = admin
        .submit("/program/UJI-KOR-01/ubah", &fields("UJI-KOR-01", "20"))
        .await;
    assert_eq!(st, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(body.contains("id=\"jp-err\"") && body.contains("Koreksi JP"));
    let (st, v) = admin.api(
        "PUT",
        "/program/UJI-KOR-01",
        json!({"nama": "x", "jalur": 8, "jp": 20, "penyelenggara": "x", "mulai": "2025-06-10", "selesai": "2025-06-13"}),
    )
    .await;
    assert_eq!(st, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(v["fields"]["jp"].as_str().unwrap().contains("Koreksi JP"));

    // The correction form is on the edit page (admin); a reason is required.
    let (_, page) = admin.get("/program/UJI-KOR-01/ubah").await;
    assert!(page.contains("id=\"form-koreksi\"") && page.contains("id=\"beku\""));
    let (st, _, body) = admin
        .submit(
            "/program/UJI-KOR-01/koreksi-jp",
            &[("jp", "20"), ("alasan", "")],
        )
        .await;
    assert_eq!(st, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(body.contains("id=\"koreksi-alasan-err\""));
    let r = admin
        .post_form(
            "/program/UJI-KOR-01/koreksi-jp",
            &[("jp", "20"), ("alasan", "kurikulum 20 JP")],
        )
        .await;
    assert_eq!(r.status(), StatusCode::FORBIDDEN, "CSRF");
    let lan_like = app.login("operator_a").await;
    let (st, _) = lan_like
        .api(
            "POST",
            "/program/UJI-KOR-01/koreksi-jp",
            json!({"jp": 20, "alasan": "x"}),
        )
        .await;
    assert_eq!(st, StatusCode::FORBIDDEN, "admin only");
    let (st, loc, _) = admin
        .submit(
            "/program/UJI-KOR-01/koreksi-jp",
            &[("jp", "20"), ("alasan", "kurikulum resmi 20 JP")],
        )
        .await;
    assert_eq!(
        (st, loc.as_str()),
        (StatusCode::SEE_OTHER, "/program/UJI-KOR-01?pesan=koreksi")
    );
    assert_eq!(app.db.program_by_kode("UJI-KOR-01").await.unwrap().jp, 20);
    let ledger = app.db.jp_pegawai(None, 2025).await.unwrap();
    for nip in [a, b] {
        assert_eq!(
            ledger.iter().find(|r| &r.nip == nip).map(|r| r.jp),
            Some(20)
        );
    }
    let log = app
        .db
        .audit_list(&AuditFilter {
            entitas: Some("program".into()),
            kunci: Some("UJI-KOR-01".into()),
            page: 1,
            per_page: 10,
        })
        .await
        .unwrap();
    assert_eq!(log[0].aksi, "koreksi_jp");
    assert!(
        log[0]
            .sesudah
            .as_deref()
            .unwrap()
            .contains("kurikulum resmi 20 JP")
    );
    assert!(log[0].sebelum.as_deref().unwrap().contains("\"jp\":24"));
    let (st, v) = admin
        .api(
            "POST",
            "/program/UJI-KOR-01/koreksi-jp",
            json!({"jp": 16, "alasan": "revisi kedua"}),
        )
        .await;
    assert_eq!(st, StatusCode::OK);
    assert_eq!(
        (
            v["jp_lama"].as_i64(),
            v["jp_baru"].as_i64(),
            v["peserta"].as_i64()
        ),
        (Some(20), Some(16), Some(2))
    );
}

#[tokio::test]
async fn catalogue_list_filters_sorts_pages_and_exports() {
    let app = spawn_app().await;
    let admin = app.login("admin").await;
    for (kode, nama, jalur, jp, mulai, selesai) in [
        ("K-A", "Bimtek Arsip", "8", "24", "2024-05-01", "2024-05-03"),
        (
            "K-B",
            "E-learning Etika",
            "16",
            "8",
            "2025-02-01",
            "2025-02-28",
        ),
        (
            "K-C",
            "Bimtek Layanan Digital",
            "8",
            "16",
            "2025-06-10",
            "2025-06-13",
        ),
    ] {
        let f = with(
            with(
                with(
                    with(
                        with(with(fields(kode, jp), "nama", nama), "jalur", jalur),
                        "mulai",
                        mulai,
                    ),
                    "selesai",
                    selesai,
                ),
                "jp",
                jp,
            ),
            "kode",
            kode,
        );
        let (st, _, body) = admin.submit("/program/baru", &f).await;
        assert_eq!(st, StatusCode::SEE_OTHER, "{body}");
    }
    let order = |page: &str| -> Vec<String> {
        page.split("data-kode=\"")
            .skip(1)
            .map(|s| s.split('"').next().unwrap().to_string())
            .collect()
    };
    let (st, page) = admin.get("/program?q=bimtek&sort=jp&desc=1").await;
    assert_eq!(st, StatusCode::OK);
    assert_eq!(order(&page), ["K-A", "K-C"]);
    let (_, page) = admin.get("/program?tahun=2025&sort=kode").await;
    assert_eq!(order(&page), ["K-B", "K-C"]);
    assert!(page.contains("2 program"));
    let (_, page) = admin.get("/program?bentuk=nonklasikal").await;
    assert_eq!(order(&page), ["K-B"]);
    let (_, page) = admin.get("/program?jalur=jd08&sort=mulai&desc=1").await;
    assert_eq!(order(&page), ["K-C", "K-A"]);
    let (_, page) = admin.get("/program?status=selesai&sort=kode").await;
    assert_eq!(order(&page), ["K-A", "K-B", "K-C"], "all in the past");
    let (_, page) = admin.get("/program?status=akan_datang").await;
    assert!(order(&page).is_empty());
    let (_, page) = admin.get("/program?lembaga=TIDAK-ADA").await;
    assert!(
        order(&page).is_empty(),
        "an unknown institution matches nothing"
    );

    // Pages keep the filters and the sort.
    let (_, v) = admin
        .api("GET", "/program?sort=kode&per_page=2&page=2", Value::Null)
        .await;
    assert_eq!(
        (v["total"].as_i64(), v["page"].as_i64()),
        (Some(3), Some(2))
    );
    assert_eq!(v["items"][0]["kode"], "K-C");
    assert_eq!(v["items"].as_array().unwrap().len(), 1);
    let (_, page) = admin.get("/program?sort=kode&per_page=2").await;
    assert_eq!(order(&page), ["K-A", "K-B"]);
    assert!(page.contains("rel=\"next\""));
    let next = page
        .split("rel=\"prev\"")
        .next()
        .unwrap()
        .split("href=\"/program?")
        .last()
        .unwrap();
    assert!(
        next.contains("sort=kode") && next.contains("page=2"),
        "{next}"
    );

    // Export of the filtered list (every page).
    let r = admin
        .client
        .get(admin.url("/program/ekspor?format=csv&q=bimtek&sort=kode"))
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
    assert_eq!(lines.len(), 3, "{csv}");
    assert!(
        lines[0]
            .trim_start_matches('\u{feff}')
            .starts_with("kode,nama,jalur")
    );
    assert!(lines[1].starts_with("K-A,Bimtek Arsip,jd08") && lines[2].starts_with("K-C,"));
    let r = admin
        .client
        .get(admin.url("/program/ekspor?format=xlsx&tahun=2025"))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::OK);
    let bytes = r.bytes().await.unwrap().to_vec();
    assert!(bytes.starts_with(b"PK"), "an xlsx (zip) file");
    let mut rd = bangkom_io::TableReader::from_bytes("program.xlsx", bytes).unwrap();
    assert_eq!(rd.headers().first().map(String::as_str), Some("kode"));
    let mut buf = Vec::new();
    let mut kode = Vec::new();
    while rd.next_row(&mut buf).unwrap().is_some() {
        kode.push(buf[0].clone());
    }
    kode.sort();
    assert_eq!(kode, ["K-B", "K-C"]);
}
