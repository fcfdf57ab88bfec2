//! Files: the web import upload (row/column errors and all-or-nothing, then a good file), the
//! CSV/XLSX export, and the audit page.

use reqwest::StatusCode;

use crate::common::{Session, new_nip, spawn_app};

const BOUNDARY: &str = "----bangkom-uji-batas";

/// A multipart body with the fields `csrf`, `mode` and the file `berkas`.
fn multipart(csrf: &str, mode: &str, name: &str, bytes: &[u8]) -> Vec<u8> {
    let mut b = Vec::new();
    for (k, v) in [("csrf", csrf), ("mode", mode)] {
        b.extend_from_slice(
            format!("--{BOUNDARY}\r\nContent-Disposition: form-data; name=\"{k}\"\r\n\r\n{v}\r\n")
                .as_bytes(),
        );
    }
    b.extend_from_slice(
        format!(
            "--{BOUNDARY}\r\nContent-Disposition: form-data; name=\"berkas\"; filename=\"{name}\"\r\nContent-Type: text/csv\r\n\r\n"
        )
        .as_bytes(),
    );
    b.extend_from_slice(bytes);
    b.extend_from_slice(format!("\r\n--{BOUNDARY}--\r\n").as_bytes());
    b
}

async fn upload(s: &Session, mode: &str, name: &str, bytes: &[u8]) -> (StatusCode, String) {
    let r = s
        .client
        .post(s.url("/pegawai/impor"))
        .header(
            "content-type",
            format!("multipart/form-data; boundary={BOUNDARY}"),
        )
        .body(multipart(&s.csrf, mode, name, bytes))
        .send()
        .await
        .expect("upload");
    let st = r.status();
    (st, r.text().await.expect("body"))
}

/// An import row (columns of `bangkom_demo::PEGAWAI_HEADER`).
fn row(nip: &str, nama: &str, golongan: &str, unit: &str) -> String {
    format!(
        "{nip},{nama},,,L,1990-05-17,PNS,{golongan},pelaksana,Pengadministrasi Umum,,{unit},aktif,2020-01-01\n"
    )
}

#[tokio::test]
async fn a_bad_import_file_is_reported_by_row_and_column_and_writes_nothing() {
    let app = spawn_app().await;
    let s = app.login("admin").await;
    let unit = app.record(&app.nips_a[0]).unit.clone();
    let mut csv = bangkom_demo::PEGAWAI_HEADER.join(",");
    csv.push('\n');
    csv.push_str(&row(&new_nip(50), "Baris Benar", "III/a", &unit));
    csv.push_str(&row("1990051720150310", "Nip Pendek", "III/a", &unit));
    csv.push_str(&row(&new_nip(52), "Golongan Salah", "III/z", &unit));
    let before = app.count().await;

    let (st, html) = upload(&s, "semua", "pegawai.csv", csv.as_bytes()).await;
    assert_eq!(st, StatusCode::UNPROCESSABLE_ENTITY, "{html}");
    assert!(html.contains("id=\"galat-impor\""), "{html}");
    // Header = row 1, so the bad rows are 3 and 4.
    assert!(html.contains("<td>3</td><td>nip</td>"), "{html}");
    assert!(html.contains("<td>4</td><td>golongan</td>"), "{html}");
    assert!(html.contains("database tidak diubah"), "{html}");
    assert_eq!(app.count().await, before);

    // A file that is not a table at all.
    let (st, html) = upload(&s, "semua", "pegawai.csv", b"nama\nhanya satu kolom\n").await;
    assert_eq!(st, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(html.contains("role=\"alert\""), "{html}");
    assert_eq!(app.count().await, before);

    // Upload without the CSRF field.
    let r = s
        .client
        .post(s.url("/pegawai/impor"))
        .header(
            "content-type",
            format!("multipart/form-data; boundary={BOUNDARY}"),
        )
        .body(multipart("", "semua", "pegawai.csv", csv.as_bytes()))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::FORBIDDEN);
    assert_eq!(app.count().await, before);
}

#[tokio::test]
async fn a_good_import_file_writes_and_operators_only_import_into_their_opd() {
    let app = spawn_app().await;
    let s = app.login("operator_a").await;
    let unit_a = app.record(&app.nips_a[0]).unit.clone();
    let unit_b = app.record(&app.nips_b[0]).unit.clone();
    let header = format!("{}\n", bangkom_demo::PEGAWAI_HEADER.join(","));
    let before = app.count().await;

    // A row in OPD B is refused for operator A.
    let bad = format!(
        "{header}{}",
        row(&new_nip(60), "Di Opd Lain", "III/a", &unit_b)
    );
    let (st, _) = upload(&s, "semua", "b.csv", bad.as_bytes()).await;
    assert_eq!(st, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(app.count().await, before);

    // Dry run writes nothing.
    let good = format!(
        "{header}{}{}",
        row(&new_nip(61), "Impor Satu", "III/a", &unit_a),
        row(&new_nip(62), "Impor Dua", "II/c", &unit_a)
    );
    let (st, html) = upload(&s, "dry_run", "a.csv", good.as_bytes()).await;
    assert_eq!(st, StatusCode::OK, "{html}");
    assert_eq!(app.count().await, before);

    let (st, html) = upload(&s, "semua", "a.csv", good.as_bytes()).await;
    assert_eq!(st, StatusCode::OK, "{html}");
    assert!(html.contains("baru 2"), "{html}");
    assert_eq!(app.count().await, before + 2);
    let (_, list) = s.get("/pegawai?q=impor").await;
    assert!(
        list.contains(&new_nip(61)) && list.contains(&new_nip(62)),
        "{list}"
    );
}

#[tokio::test]
async fn export_gives_csv_and_xlsx_with_the_right_types_and_rows() {
    let app = spawn_app().await;
    let s = app.login("admin").await;
    let n = app.records.len();

    let r = s
        .client
        .get(s.url("/pegawai/ekspor?format=csv"))
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
    assert!(
        r.headers()["content-disposition"]
            .to_str()
            .unwrap()
            .contains("pegawai.csv")
    );
    let csv = r.bytes().await.unwrap().to_vec();
    let mut reader = bangkom_io::TableReader::from_bytes("e.csv", csv).unwrap();
    assert_eq!(reader.headers().first().map(String::as_str), Some("nip"));
    let mut nips = Vec::new();
    let mut buf = Vec::new();
    while let Some(_row) = reader.next_row(&mut buf).unwrap() {
        nips.push(buf[0].clone());
    }
    assert_eq!(nips.len(), n);
    for rec in &app.records {
        assert!(nips.contains(&rec.nip), "{} missing", rec.nip);
    }

    let r = s
        .client
        .get(s.url("/pegawai/ekspor?format=xlsx"))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::OK);
    assert_eq!(
        r.headers()["content-type"],
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    );
    let xlsx = r.bytes().await.unwrap().to_vec();
    assert!(xlsx.starts_with(b"PK"));
    let mut reader = bangkom_io::TableReader::from_bytes("e.xlsx", xlsx).unwrap();
    let mut rows = 0;
    let mut first = String::new();
    while let Some(_row) = reader.next_row(&mut buf).unwrap() {
        if rows == 0 {
            first = buf[0].clone();
        }
        rows += 1;
    }
    assert_eq!(rows, n);
    assert!(app.records.iter().any(|r| r.nip == first), "{first}");

    // A filter applies to the export too.
    let (_, csv) = s
        .get(&format!("/pegawai/ekspor?format=csv&q={}", app.nips_b[0]))
        .await;
    assert_eq!(csv.lines().skip(1).filter(|l| !l.is_empty()).count(), 1);
}

#[tokio::test]
async fn audit_page_shows_a_change_to_the_admin_and_refuses_an_operator() {
    let app = spawn_app().await;
    let token = app.token("operator_a").await;
    let nip = app.nips_a[0].clone();
    let rec = app.record(&nip);
    let r = reqwest::Client::new()
        .put(format!("{}/api/v1/pegawai/{nip}", app.base))
        .bearer_auth(&token)
        .json(&serde_json::json!({
            "nama": rec.nama, "gelar_depan": rec.gelar_depan, "gelar_belakang": rec.gelar_belakang,
            "jenis_kelamin": rec.jenis_kelamin, "tanggal_lahir": rec.tanggal_lahir,
            "jenis_asn": rec.jenis_asn, "golongan": rec.golongan, "jenis_jabatan": rec.jenis_jabatan,
            "jabatan": "Jabatan Audit Uji", "jenjang": rec.jenjang, "unit": rec.unit,
            "status": rec.status, "tmt_jabatan": rec.tmt_jabatan,
        }))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::OK, "{}", r.text().await.unwrap());

    let admin = app.login("admin").await;
    let (st, html) = admin
        .get(&format!("/audit?entitas=pegawai&kunci={nip}"))
        .await;
    assert_eq!(st, StatusCode::OK);
    assert!(html.contains("Jabatan Audit Uji"), "{html}");
    assert!(html.contains("operator_a"), "{html}");
    assert!(html.contains(&nip));

    let op = app.login("operator_a").await;
    assert_eq!(op.get("/audit").await.0, StatusCode::FORBIDDEN);
    let r = reqwest::Client::new()
        .get(format!("{}/api/v1/audit", app.base))
        .bearer_auth(&token)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::FORBIDDEN);
}
