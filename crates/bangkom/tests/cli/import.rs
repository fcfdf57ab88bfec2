//! CSV imports through the CLI: `migrate`, `org import`, `pegawai import` with its summary line,
//! exit codes, row errors, `--dry-run`, `--skip-invalid` and the rejected-rows file, missing
//! columns and non-UTF-8 text.

use super::{N, Sandbox, col, path_str, pegawai_csv, pegawai_rows, to_csv};

#[test]
fn migrate_creates_the_database_and_can_run_twice() {
    let sb = Sandbox::new();
    assert!(!sb.path("t.db").exists());
    let r = sb.run(&["migrate"]);
    r.assert_code(0);
    assert!(
        r.stderr.contains("migrasi selesai (sqlite)"),
        "{}",
        r.stderr
    );
    assert!(sb.path("t.db").exists(), "database file not created");
    // The tables exist: counting works on the fresh database.
    assert_eq!(sb.pegawai_count(), 0);
    sb.run(&["migrate"]).assert_code(0);
    // Nothing was created in the working directory under the default name.
    assert!(!sb.path("bangkom.db").exists());
}

#[test]
fn org_import_prints_the_summary_and_is_idempotent() {
    let sb = Sandbox::new();
    let n = bangkom_demo::org_tree().len();
    assert!(n > 100, "demo tree unexpectedly small: {n}");
    let path = sb.path("org.csv");
    bangkom_demo::write_org_csv(std::fs::File::create(&path).unwrap()).unwrap();

    let r = sb.run(&["org", "import", path_str(&path)]);
    r.assert_code(0);
    assert!(
        r.summary().starts_with(&format!(
            "baris dibaca: {n}, diimpor: {n}, ditolak: 0 (baru {n},"
        )),
        "{}",
        r.summary()
    );

    let again = sb.run(&["org", "import", path_str(&path)]);
    again.assert_code(0);
    assert_eq!(
        again.summary(),
        format!("baris dibaca: {n}, diimpor: {n}, ditolak: 0 (baru 0, diubah 0, sama {n})")
    );
}

#[test]
fn pegawai_csv_import_then_reimport_is_all_unchanged() {
    let sb = Sandbox::new();
    sb.with_org();
    let path = sb.write("pegawai.csv", &pegawai_csv(N));

    let r = sb.run(&["pegawai", "import", path_str(&path)]);
    r.assert_code(0);
    assert_eq!(
        r.summary(),
        format!("baris dibaca: {N}, diimpor: {N}, ditolak: 0 (baru {N}, diubah 0, sama 0)")
    );
    assert_eq!(sb.pegawai_count(), N as i64);

    let again = sb.run(&["pegawai", "import", path_str(&path)]);
    again.assert_code(0);
    assert_eq!(
        again.summary(),
        format!("baris dibaca: {N}, diimpor: {N}, ditolak: 0 (baru 0, diubah 0, sama {N})")
    );
    assert_eq!(sb.pegawai_count(), N as i64);
}

/// The demo rows with a broken NIP on data row 3 (sheet row 4) and a broken gender on data
/// row 6 (sheet row 7).
fn two_bad_rows() -> String {
    let mut rows = pegawai_rows(N);
    rows[2][col("nip")] = "12345".into();
    rows[5][col("jenis_kelamin")] = "X".into();
    to_csv(&rows)
}

#[test]
fn invalid_rows_are_listed_exit_2_and_nothing_is_written() {
    let sb = Sandbox::new();
    sb.with_org();
    let path = sb.write("pegawai.csv", two_bad_rows().as_bytes());

    let r = sb.run(&["pegawai", "import", path_str(&path)]);
    r.assert_code(2);
    let lines: Vec<&str> = r
        .stderr
        .lines()
        .filter(|l| l.starts_with("baris "))
        .collect();
    assert_eq!(lines.len(), 2, "{}", r.stderr);
    assert!(lines[0].starts_with("baris 4, kolom nip: "), "{}", lines[0]);
    assert!(
        lines[1].starts_with("baris 7, kolom jenis_kelamin: "),
        "{}",
        lines[1]
    );
    // The reason is a real message, not just the location.
    assert!(lines[0].len() > "baris 4, kolom nip: ".len() + 5);
    let s = r.summary();
    assert!(s.contains(&format!("baris dibaca: {N},")), "{s}");
    assert!(s.contains("ditolak: 2"), "{s}");
    assert!(s.ends_with("database tidak diubah"), "{s}");
    assert_eq!(sb.pegawai_count(), 0);
    assert!(!sb.path("pegawai.csv.ditolak.csv").exists());
}

#[test]
fn dry_run_validates_but_writes_nothing() {
    let sb = Sandbox::new();
    sb.with_org();
    let path = sb.write("pegawai.csv", &pegawai_csv(N));

    let r = sb.run(&["pegawai", "import", "--dry-run", path_str(&path)]);
    r.assert_code(0);
    let s = r.summary();
    assert!(s.starts_with(&format!("baris dibaca: {N}, ")), "{s}");
    assert!(s.contains("ditolak: 0"), "{s}");
    assert!(s.ends_with("database tidak diubah"), "{s}");
    assert_eq!(sb.pegawai_count(), 0);

    // A dry run still reports invalid rows, with exit 2.
    let bad = sb.write("bad.csv", two_bad_rows().as_bytes());
    let r = sb.run(&["pegawai", "import", "--dry-run", path_str(&bad)]);
    r.assert_code(2);
    assert!(r.stderr.contains("baris 4, kolom nip: "), "{}", r.stderr);
    assert_eq!(sb.pegawai_count(), 0);
}

#[test]
fn skip_invalid_imports_the_valid_rows_and_writes_the_rejected_file() {
    let sb = Sandbox::new();
    sb.with_org();
    let path = sb.write("pegawai.csv", two_bad_rows().as_bytes());

    let r = sb.run(&["pegawai", "import", "--skip-invalid", path_str(&path)]);
    r.assert_code(2);
    let ok = N - 2;
    assert_eq!(
        r.summary(),
        format!("baris dibaca: {N}, diimpor: {ok}, ditolak: 2 (baru {ok}, diubah 0, sama 0)")
    );
    assert_eq!(sb.pegawai_count(), ok as i64);

    let rejected = sb.path("pegawai.csv.ditolak.csv");
    assert!(
        rejected.exists(),
        "rejected-rows file missing: {}",
        r.stderr
    );
    let mut reader = bangkom_io::TableReader::open(&rejected).unwrap();
    let headers = reader.headers().to_vec();
    assert_eq!(headers[..2], ["baris", "alasan"]);
    assert_eq!(headers[2..], *bangkom_demo::PEGAWAI_HEADER);
    let mut rows = Vec::new();
    let mut buf = Vec::new();
    while reader.next_row(&mut buf).unwrap().is_some() {
        rows.push(buf.clone());
    }
    assert_eq!(rows.len(), 2, "{rows:?}");
    assert_eq!(rows[0][0], "4");
    assert!(rows[0][1].starts_with("nip: "), "{}", rows[0][1]);
    assert_eq!(rows[0][2 + col("nip")], "12345");
    assert_eq!(rows[1][0], "7");
    assert!(rows[1][1].starts_with("jenis_kelamin: "), "{}", rows[1][1]);
    assert_eq!(rows[1][2 + col("jenis_kelamin")], "X");
    // The rest of the rejected row is kept as read, so it can be fixed and re-imported.
    let original = pegawai_rows(6);
    assert_eq!(rows[1][2 + col("nama")], original[5][col("nama")]);
}

#[test]
fn missing_required_columns_are_named_and_exit_2() {
    let sb = Sandbox::new();
    sb.with_org();
    let keep: Vec<usize> = (0..bangkom_demo::PEGAWAI_HEADER.len())
        .filter(|&i| i != col("golongan") && i != col("unit"))
        .collect();
    let mut text = String::new();
    let header: Vec<&str> = keep
        .iter()
        .map(|&i| bangkom_demo::PEGAWAI_HEADER[i])
        .collect();
    text.push_str(&header.join(","));
    text.push('\n');
    for row in pegawai_rows(5) {
        let cells: Vec<&str> = keep.iter().map(|&i| row[i].as_str()).collect();
        text.push_str(&cells.join(","));
        text.push('\n');
    }
    let path = sb.write("pegawai.csv", text.as_bytes());

    let r = sb.run(&["pegawai", "import", path_str(&path)]);
    r.assert_code(2);
    assert!(
        r.stderr
            .contains("kolom wajib tidak ditemukan: golongan, unit"),
        "{}",
        r.stderr
    );
    assert!(
        r.summary()
            .starts_with("baris dibaca: 0, diimpor: 0, ditolak: 0")
    );
    assert_eq!(sb.pegawai_count(), 0);
}

#[test]
fn windows_1252_text_is_located_and_nothing_is_written() {
    let sb = Sandbox::new();
    sb.with_org();
    let mut rows = pegawai_rows(10);
    rows[3][col("nama")] = "JOSE MARIA".into();
    let text = to_csv(&rows);
    // "JOSÉ" as Windows-1252 (0xC9), as Excel's plain "CSV" save writes it.
    let bytes: Vec<u8> = text
        .replacen("JOSE MARIA", "JOS\u{1}", 1)
        .bytes()
        .map(|b| if b == 1 { 0xC9 } else { b })
        .collect();
    assert!(std::str::from_utf8(&bytes).is_err());
    let path = sb.write("pegawai.csv", &bytes);

    let r = sb.run(&["pegawai", "import", path_str(&path)]);
    r.assert_code(2);
    let line = r
        .stderr
        .lines()
        .find(|l| l.starts_with("baris 5, kolom nama: "))
        .unwrap_or_else(|| panic!("no located error: {}", r.stderr));
    assert!(line.contains("UTF-8"), "{line}");
    assert!(r.summary().ends_with("database tidak diubah"));
    assert_eq!(sb.pegawai_count(), 0);
}
