//! Imports beyond plain CSV on SQLite: XLSX files (including a NIP stored as a number), the
//! `BANGKOM_DB` variable instead of `--db`, and the same import against PostgreSQL.

use super::{N, Sandbox, block_on, col, path_str, pegawai_count, pegawai_csv, pegawai_rows};

#[test]
fn pegawai_xlsx_import_then_reimport_is_all_unchanged() {
    let sb = Sandbox::new();
    sb.with_org();
    let xlsx = bangkom_io::write_xlsx(bangkom_demo::PEGAWAI_HEADER, pegawai_rows(N)).unwrap();
    let path = sb.write("pegawai.xlsx", &xlsx);

    let r = sb.run(&["pegawai", "import", path_str(&path)]);
    r.assert_code(0);
    assert_eq!(
        r.summary(),
        format!("baris dibaca: {N}, diimpor: {N}, ditolak: 0 (baru {N}, diubah 0, sama 0)")
    );
    assert_eq!(sb.pegawai_count(), N as i64);

    // The same people as CSV: nothing changes, so the XLSX cells were read exactly (NIPs intact).
    let csv = sb.write("pegawai.csv", &pegawai_csv(N));
    let again = sb.run(&["pegawai", "import", path_str(&csv)]);
    again.assert_code(0);
    assert_eq!(
        again.summary(),
        format!("baris dibaca: {N}, diimpor: {N}, ditolak: 0 (baru 0, diubah 0, sama {N})")
    );
}

#[test]
fn numeric_nip_cell_in_xlsx_asks_to_format_as_text() {
    let sb = Sandbox::new();
    sb.with_org();
    let rows = pegawai_rows(3);
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet();
    for (c, h) in (0u16..).zip(bangkom_demo::PEGAWAI_HEADER) {
        sheet.write_string(0, c, *h).unwrap();
    }
    for (r, row) in (1u32..).zip(&rows) {
        for (c, cell) in (0u16..).zip(row) {
            if cell.is_empty() {
                continue;
            }
            if r == 2 && usize::from(c) == col("nip") {
                // What Excel stores when a NIP is typed into a General cell.
                let number: f64 = cell.parse().unwrap();
                sheet.write_number(r, c, number).unwrap();
            } else {
                sheet.write_string(r, c, cell).unwrap();
            }
        }
    }
    let path = sb.write("pegawai.xlsx", &book.save_to_buffer().unwrap());

    let r = sb.run(&["pegawai", "import", path_str(&path)]);
    r.assert_code(2);
    let line = r
        .stderr
        .lines()
        .find(|l| l.starts_with("baris 3, kolom nip: "))
        .unwrap_or_else(|| panic!("no NIP error on row 3: {}", r.stderr));
    assert!(line.contains("sebagai Teks"), "{line}");
    assert!(r.summary().contains("ditolak: 1"), "{}", r.summary());
    assert_eq!(sb.pegawai_count(), 0);
}

#[test]
fn bangkom_db_variable_replaces_the_flag() {
    let sb = Sandbox::new();
    let org = sb.path("org.csv");
    bangkom_demo::write_org_csv(std::fs::File::create(&org).unwrap()).unwrap();
    let csv = sb.write("pegawai.csv", &pegawai_csv(20));
    for args in [
        vec!["migrate"],
        vec!["org", "import", path_str(&org)],
        vec!["pegawai", "import", path_str(&csv)],
    ] {
        let out = sb
            .command()
            .env("BANGKOM_DB", &sb.url)
            .args(&args)
            .output()
            .unwrap();
        let r = super::Run::of(out);
        r.assert_code(0);
    }
    assert_eq!(sb.pegawai_count(), 20);
    // Not the default database in the working directory.
    assert!(!sb.path("bangkom.db").exists());
}

#[test]
fn import_works_on_postgresql() {
    let Some(url) = block_on(bangkom_db::testkit::postgres_url()) else {
        eprintln!("LEWATI: uji CLI PostgreSQL dilewati (server tidak tersedia)");
        return;
    };
    let sb = Sandbox {
        url: url.clone(),
        ..Sandbox::new()
    };
    sb.run(&["migrate"]).assert_code(0);
    sb.with_org();
    let path = sb.write("pegawai.csv", &pegawai_csv(30));
    let r = sb.run(&["pegawai", "import", path_str(&path)]);
    r.assert_code(0);
    assert_eq!(
        r.summary(),
        "baris dibaca: 30, diimpor: 30, ditolak: 0 (baru 30, diubah 0, sama 0)"
    );
    assert_eq!(pegawai_count(&url), 30);
    let again = sb.run(&["pegawai", "import", path_str(&path)]);
    again.assert_code(0);
    assert!(again.summary().ends_with("(baru 0, diubah 0, sama 30)"));
}
