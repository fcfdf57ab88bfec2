//! Story 2: the employee import: counts, idempotent re-import, a rotation with its history and
//! audit entry, bad rows refused with row and column (database unchanged), dry run, and
//! `skip_invalid` writing only the valid rows.

use bangkom_db::Db;
use bangkom_db::audit::AuditFilter;
use bangkom_db::import::{ImportError, ImportOptions};
use bangkom_db::pegawai::Scope;
use bangkom_io::ReadError;

use crate::support::{
    both, col, csv, fresh_nip, load_org, load_pegawai, pegawai_csv, pegawai_import, pegawai_rows,
    scalar,
};

const N: usize = 300;
const SEED: u64 = 11;
/// Text that looks like SQL and HTML; a valid name that must be stored exactly as given.
const NAMA_JAHIL: &str = "Robert'); DROP TABLE pegawai;-- <script>alert(1)</script>";

async fn story_import_pegawai(db: &Db) {
    let idx = load_org(db).await;
    let rows = pegawai_rows(N, SEED);
    let r = load_pegawai(db, &rows).await;
    assert_eq!(
        (r.dibaca, r.baru, r.diubah, r.sama, r.ditolak),
        (N, N, 0, 0, 0)
    );
    assert_eq!(db.pegawai_count().await.unwrap(), N as i64);
    let first = db
        .pegawai_by_nip(&Scope::Semua, &rows[0][col("nip")])
        .await
        .unwrap();
    assert_eq!(first.nama, rows[0][col("nama")]);
    assert_eq!(idx.get(first.unit_id).unwrap().kode, rows[0][col("unit")]);

    // Same file again: nothing changes, no per-row audit entry.
    let r = pegawai_import(
        db,
        &Scope::Semua,
        pegawai_csv(&rows),
        ImportOptions::default(),
    )
    .await
    .unwrap();
    assert_eq!((r.baru, r.diubah, r.sama), (0, 0, N));
    assert_eq!(
        scalar(
            db,
            "SELECT COUNT(*) FROM audit WHERE entitas = 'pegawai' AND aksi = 'ubah'"
        )
        .await,
        0
    );
    assert_eq!(scalar(db, "SELECT COUNT(*) FROM riwayat_jabatan").await, 0);

    // One employee rotated to another unit with a new position.
    let k = 10;
    let old_unit = rows[k][col("unit")].clone();
    let new_unit = rows
        .iter()
        .map(|r| r[col("unit")].clone())
        .find(|u| *u != old_unit)
        .unwrap();
    let old_jabatan = rows[k][col("jabatan")].clone();
    let mut changed = rows.clone();
    changed[k][col("jabatan")] = "Analis Kebijakan Uji".into();
    changed[k][col("unit")] = new_unit.clone();
    let r = pegawai_import(
        db,
        &Scope::Semua,
        pegawai_csv(&changed),
        ImportOptions::default(),
    )
    .await
    .unwrap();
    assert!(r.errors.is_empty(), "{:?}", r.errors);
    assert_eq!((r.baru, r.diubah, r.sama), (0, 1, N - 1));
    let nip = &rows[k][col("nip")];
    let now = db.pegawai_by_nip(&Scope::Semua, nip).await.unwrap();
    assert_eq!(now.jabatan, "Analis Kebijakan Uji");
    assert_eq!(idx.get(now.unit_id).unwrap().kode, new_unit);
    let hist = db.riwayat_jabatan(now.pegawai_id).await.unwrap();
    assert_eq!(hist.len(), 1);
    assert_eq!(hist[0].jabatan, old_jabatan);
    assert_eq!(idx.get(hist[0].unit_id).unwrap().kode, old_unit);
    let log = db
        .audit_list(&AuditFilter {
            entitas: Some("pegawai".into()),
            kunci: Some(nip.clone()),
            page: 1,
            per_page: 10,
        })
        .await
        .unwrap();
    assert_eq!(log.len(), 1);
    assert_eq!(log[0].aksi, "ubah");
    assert!(log[0].sebelum.as_deref().unwrap().contains(&old_jabatan));
    assert!(
        log[0]
            .sesudah
            .as_deref()
            .unwrap()
            .contains("Analis Kebijakan Uji")
    );

    bad_rows(db, &changed).await;
}

/// A file mixing valid rows with every kind of bad row.
async fn bad_rows(db: &Db, stored: &[Vec<String>]) {
    let taken: Vec<&str> = stored.iter().map(|r| r[col("nip")].as_str()).collect();
    // PNS rows, whose NIP is checked strictly against the birth date.
    let pns: Vec<&Vec<String>> = stored
        .iter()
        .filter(|r| r[col("jenis_asn")] == "PNS")
        .collect();
    assert!(pns.len() >= 8);
    let fresh = |i: usize, extra: &[&str]| {
        let mut r = pns[i].clone();
        let mut t = taken.clone();
        t.extend_from_slice(extra);
        r[col("nip")] = fresh_nip(&r[col("nip")], &t);
        r
    };
    let valid = fresh(0, &[]);
    let mut jahil = fresh(1, &[]);
    jahil[col("nama")] = NAMA_JAHIL.into();
    let mut bad_nip = fresh(2, &[]);
    bad_nip[col("nip")] = "12345".into();
    let mut bad_date = fresh(3, &[]);
    bad_date[col("tanggal_lahir")] = "2024-02-31".into();
    let mut mismatch = fresh(4, &[]);
    let lahir = mismatch[col("tanggal_lahir")].clone();
    let year: i32 = lahir.get(..4).unwrap().parse().unwrap();
    mismatch[col("tanggal_lahir")] = format!("{}{}", year - 1, lahir.get(4..).unwrap());
    let mut dup = fresh(5, &[]);
    dup[col("nama")] = "Salinan NIP".into();
    let dup_first = fresh(5, &[]);
    let mut unknown_unit = fresh(6, &[&dup[col("nip")]]);
    unknown_unit[col("unit")] = "15.71.99.98".into();
    let mut no_nama = fresh(7, &[]);
    no_nama[col("nama")] = String::new();

    let file = vec![
        valid.clone(),     // row 2
        jahil.clone(),     // row 3
        bad_nip,           // row 4
        bad_date,          // row 5
        mismatch,          // row 6
        dup_first.clone(), // row 7
        dup,               // row 8
        unknown_unit,      // row 9
        no_nama,           // row 10
    ];
    let count = db.pegawai_count().await.unwrap();
    let audits = scalar(db, "SELECT COUNT(*) FROM audit").await;
    let r = pegawai_import(
        db,
        &Scope::Semua,
        pegawai_csv(&file),
        ImportOptions::default(),
    )
    .await
    .unwrap();
    let at: Vec<(usize, &str)> = r
        .errors
        .iter()
        .map(|e| (e.row, e.column.as_str()))
        .collect();
    assert_eq!(
        at,
        vec![
            (4, "nip"),
            (5, "tanggal_lahir"),
            (6, "tanggal_lahir"),
            (8, "nip"),
            (9, "unit"),
            (10, "nama"),
        ],
        "{:?}",
        r.errors
    );
    assert!(
        r.errors[3].message.contains("baris 7"),
        "{}",
        r.errors[3].message
    );
    assert!(
        r.errors[4].message.contains("15.71.99.98"),
        "{}",
        r.errors[4].message
    );
    assert!(!r.ditulis);
    assert_eq!((r.dibaca, r.ditolak, r.diimpor), (9, 6, 0));
    assert!(r.summary().contains("database tidak diubah"));
    assert_eq!(db.pegawai_count().await.unwrap(), count);
    assert_eq!(scalar(db, "SELECT COUNT(*) FROM audit").await, audits);
    assert!(matches!(
        db.pegawai_by_nip(&Scope::Semua, &valid[col("nip")]).await,
        Err(bangkom_db::DbError::NotFound)
    ));

    // A missing required column stops the import before any row, naming the column.
    let header: Vec<&str> = bangkom_demo::PEGAWAI_HEADER
        .iter()
        .copied()
        .filter(|h| *h != "jabatan")
        .collect();
    let without: Vec<Vec<String>> = [valid.clone()]
        .iter()
        .map(|r| {
            r.iter()
                .enumerate()
                .filter(|(i, _)| *i != col("jabatan"))
                .map(|(_, c)| c.clone())
                .collect()
        })
        .collect();
    match pegawai_import(
        db,
        &Scope::Semua,
        csv(&header, &without),
        ImportOptions::default(),
    )
    .await
    {
        Err(ImportError::Read(ReadError::MissingColumns { missing, .. })) => {
            assert_eq!(missing, vec!["jabatan".to_string()]);
        }
        other => panic!("diharapkan MissingColumns, didapat {other:?}"),
    }
    assert_eq!(db.pegawai_count().await.unwrap(), count);

    // Dry run of a clean file: validated, nothing written.
    let clean = vec![valid.clone(), jahil.clone()];
    let dry = ImportOptions {
        dry_run: true,
        skip_invalid: false,
    };
    let r = pegawai_import(db, &Scope::Semua, pegawai_csv(&clean), dry)
        .await
        .unwrap();
    assert!(r.errors.is_empty(), "{:?}", r.errors);
    assert_eq!((r.dibaca, r.ditulis, r.diimpor), (2, false, 0));
    assert_eq!(db.pegawai_count().await.unwrap(), count);
    assert_eq!(scalar(db, "SELECT COUNT(*) FROM audit").await, audits);

    // skip_invalid: the three valid rows are written, the six others returned with reasons.
    let skip = ImportOptions {
        dry_run: false,
        skip_invalid: true,
    };
    let r = pegawai_import(db, &Scope::Semua, pegawai_csv(&file), skip)
        .await
        .unwrap();
    assert!(r.ditulis);
    assert_eq!((r.baru, r.ditolak), (3, 6));
    let rejected: Vec<usize> = r.rejected.iter().map(|(row, _, _)| *row).collect();
    assert_eq!(rejected, vec![4, 5, 6, 8, 9, 10]);
    let (_, cells, why) = &r.rejected[0];
    assert_eq!(cells.first().map(String::as_str), Some("12345"));
    assert!(why.starts_with("nip:"), "{why}");
    assert_eq!(db.pegawai_count().await.unwrap(), count + 3);
    let stored = db
        .pegawai_by_nip(&Scope::Semua, &jahil[col("nip")])
        .await
        .unwrap();
    assert_eq!(stored.nama, NAMA_JAHIL);
    let first = db
        .pegawai_by_nip(&Scope::Semua, &dup_first[col("nip")])
        .await
        .unwrap();
    assert_eq!(
        first.nama,
        dup_first[col("nama")],
        "the first of two same NIPs wins"
    );
    assert_eq!(
        scalar(
            db,
            "SELECT COUNT(*) FROM pegawai WHERE nama = 'Salinan NIP'"
        )
        .await,
        0
    );
}

both!(
    story_import_pegawai,
    import_pegawai_sqlite,
    import_pegawai_postgres
);
