//! The employee import writes while it reads, in parts: a file of several parts with a bad row in
//! its last part leaves the database exactly as it was (indexes included, on the bulk path), the
//! clean file is then stored whole, importing it again changes nothing, and a NIP held by another
//! OPD (which only the database can see) refuses the file, or only that row with `skip_invalid`.

use bangkom_db::Db;
use bangkom_db::import::ImportOptions;
use bangkom_db::pegawai::Scope;

use crate::support::{both, col, load_org, pegawai_csv, pegawai_import, pegawai_rows, scalar};

/// More rows than one part of the reader (8,192), so the first part is written before the last
/// one is read.
const N: usize = 9_000;

async fn index_count(db: &Db) -> i64 {
    let sql = if db.backend() == "sqlite" {
        "SELECT COUNT(*) FROM sqlite_master WHERE type = 'index' AND name IN \
         ('pegawai_nama','pegawai_opd_nama','pegawai_pemda_nama','pegawai_unit')"
    } else {
        "SELECT COUNT(*) FROM pg_indexes WHERE indexname IN \
         ('pegawai_nama','pegawai_opd_nama','pegawai_pemda_nama','pegawai_unit')"
    };
    scalar(db, sql).await
}

async fn story_import_stream(db: &Db) {
    let mut db = db.clone();
    // The bulk path (indexes dropped mid-transaction) must roll back too.
    db.set_bulk_rows(1_000);
    load_org(&db).await;
    let rows = pegawai_rows(N, 23);
    let audits = scalar(&db, "SELECT COUNT(*) FROM audit").await;

    // A bad NIP in the very last row, and the last-but-one row repeating the NIP of row 2.
    let mut bad = rows.clone();
    bad[N - 1][col("nip")] = "12345".into();
    bad[N - 2] = rows[0].clone();
    let r = pegawai_import(
        &db,
        &Scope::Semua,
        pegawai_csv(&bad),
        ImportOptions::default(),
    )
    .await
    .unwrap();
    let at: Vec<(usize, &str)> = r
        .errors
        .iter()
        .map(|e| (e.row, e.column.as_str()))
        .collect();
    assert_eq!(at, vec![(N, "nip"), (N + 1, "nip")], "{:?}", r.errors);
    assert!(
        r.errors[0].message.contains("baris 2"),
        "{}",
        r.errors[0].message
    );
    assert_eq!(
        (r.dibaca, r.ditolak, r.diimpor, r.ditulis),
        (N, 2, 0, false)
    );
    assert_eq!(db.pegawai_count().await.unwrap(), 0);
    assert_eq!(scalar(&db, "SELECT COUNT(*) FROM pegawai_kata").await, 0);
    assert_eq!(scalar(&db, "SELECT COUNT(*) FROM audit").await, audits);
    assert_eq!(index_count(&db).await, 4, "the dropped indexes come back");

    // A dry run of the clean file writes nothing either.
    let dry = ImportOptions {
        dry_run: true,
        skip_invalid: false,
    };
    let r = pegawai_import(&db, &Scope::Semua, pegawai_csv(&rows), dry)
        .await
        .unwrap();
    assert!(r.errors.is_empty(), "{:?}", r.errors.first());
    assert_eq!((r.dibaca, r.diimpor, r.ditulis), (N, 0, false));
    assert_eq!(db.pegawai_count().await.unwrap(), 0);

    // The clean file: every row, with its words, and the indexes.
    let r = pegawai_import(
        &db,
        &Scope::Semua,
        pegawai_csv(&rows),
        ImportOptions::default(),
    )
    .await
    .unwrap();
    assert!(r.errors.is_empty(), "{:?}", r.errors.first());
    assert_eq!((r.baru, r.diubah, r.sama, r.ditulis), (N, 0, 0, true));
    assert_eq!(db.pegawai_count().await.unwrap(), N as i64);
    assert_eq!(
        scalar(&db, "SELECT COUNT(DISTINCT pegawai_id) FROM pegawai_kata").await,
        N as i64
    );
    assert_eq!(index_count(&db).await, 4);
    let last = db
        .pegawai_by_nip(&Scope::Semua, &rows[N - 1][col("nip")])
        .await
        .unwrap();
    assert_eq!(last.nama, rows[N - 1][col("nama")]);

    // Again: nothing changes, no per-row audit entry, no history.
    let audits = scalar(&db, "SELECT COUNT(*) FROM audit").await;
    let kata = scalar(&db, "SELECT COUNT(*) FROM pegawai_kata").await;
    let r = pegawai_import(
        &db,
        &Scope::Semua,
        pegawai_csv(&rows),
        ImportOptions::default(),
    )
    .await
    .unwrap();
    assert_eq!((r.baru, r.diubah, r.sama), (0, 0, N));
    assert_eq!(db.pegawai_count().await.unwrap(), N as i64);
    assert_eq!(
        scalar(&db, "SELECT COUNT(*) FROM audit").await,
        audits + 1,
        "only the import's summary entry"
    );
    assert_eq!(scalar(&db, "SELECT COUNT(*) FROM riwayat_jabatan").await, 0);
    assert_eq!(scalar(&db, "SELECT COUNT(*) FROM pegawai_kata").await, kata);

    other_opd(&db, &rows).await;
}

/// An operator of one OPD imports a NIP stored under another OPD: only the writer can see it.
async fn other_opd(db: &Db, rows: &[Vec<String>]) {
    let org = db.org_index().await.unwrap();
    let opd_of = |kode: &str| org.by_kode(kode).and_then(|o| o.opd_id).unwrap();
    let mine = opd_of(&rows[0][col("unit")]);
    let theirs = rows
        .iter()
        .position(|r| opd_of(&r[col("unit")]) != mine)
        .unwrap();
    let mine_rows: Vec<usize> = (0..rows.len())
        .filter(|&i| opd_of(&rows[i][col("unit")]) == mine)
        .take(2)
        .collect();
    assert_eq!(mine_rows.len(), 2);
    // Row 2: one of mine, renamed; row 3: the other OPD's NIP moved into my unit; row 4: mine.
    let mut renamed = rows[mine_rows[0]].clone();
    renamed[col("nama")] = "Nama Baru Uji".into();
    let mut taken = rows[theirs].clone();
    taken[col("unit")] = rows[mine_rows[0]][col("unit")].clone();
    let file = vec![renamed, taken, rows[mine_rows[1]].clone()];
    let scope = Scope::Opd(vec![mine]);
    let count = scalar(db, "SELECT COUNT(*) FROM audit").await;
    let r = pegawai_import(db, &scope, pegawai_csv(&file), ImportOptions::default())
        .await
        .unwrap();
    let at: Vec<(usize, &str)> = r
        .errors
        .iter()
        .map(|e| (e.row, e.column.as_str()))
        .collect();
    assert_eq!(at, vec![(3, "nip")], "{:?}", r.errors);
    assert!(!r.ditulis);
    assert_eq!(scalar(db, "SELECT COUNT(*) FROM audit").await, count);
    let stored = db
        .pegawai_by_nip(&Scope::Semua, &file[0][col("nip")])
        .await
        .unwrap();
    assert_eq!(stored.nama, rows[mine_rows[0]][col("nama")], "rolled back");

    let skip = ImportOptions {
        dry_run: false,
        skip_invalid: true,
    };
    let r = pegawai_import(db, &scope, pegawai_csv(&file), skip)
        .await
        .unwrap();
    assert!(r.ditulis);
    assert_eq!((r.diubah, r.sama, r.ditolak), (1, 1, 1), "{:?}", r.errors);
    let stored = db
        .pegawai_by_nip(&Scope::Semua, &file[0][col("nip")])
        .await
        .unwrap();
    assert_eq!(stored.nama, "Nama Baru Uji");
    let untouched = db
        .pegawai_by_nip(&Scope::Semua, &rows[theirs][col("nip")])
        .await
        .unwrap();
    assert_eq!(
        untouched.unit_id,
        org.by_kode(&rows[theirs][col("unit")]).unwrap().org_id
    );
}

both!(
    story_import_stream,
    import_stream_sqlite,
    import_stream_postgres
);
