//! A large import drops the secondary indexes and rebuilds them at the end: after it, every index
//! is back, search finds the new employees by name, and a second import of the same file changes
//! nothing.

use bangkom_db::Db;
use bangkom_db::pegawai::{PegawaiFilter, Scope};

use crate::support::{both, col, load_org, load_pegawai, pegawai_rows, scalar};

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

async fn story_bulk_import(db: &Db) {
    let mut db = db.clone();
    db.set_bulk_rows(100);
    load_org(&db).await;
    assert_eq!(index_count(&db).await, 4);
    let rows = pegawai_rows(300, 11);
    let r = load_pegawai(&db, &rows).await;
    assert_eq!((r.baru, r.ditolak), (300, 0), "{:?}", r.errors.first());
    assert_eq!(
        index_count(&db).await,
        4,
        "indexes rebuilt after the bulk load"
    );
    assert_eq!(
        scalar(&db, "SELECT COUNT(DISTINCT pegawai_id) FROM pegawai_kata").await,
        300
    );

    let name = &rows[42][col("nama")];
    let word: String = name.split_whitespace().last().unwrap().to_lowercase();
    let f = PegawaiFilter {
        q: word.clone(),
        page: 1,
        per_page: 500,
        ..Default::default()
    };
    let page = db.pegawai_list(&Scope::Semua, &f).await.unwrap();
    assert!(
        page.items.iter().any(|p| p.nip == rows[42][col("nip")]),
        "search '{word}' finds row 42"
    );
    let mut sorted = page
        .items
        .iter()
        .map(|p| p.nama.to_lowercase())
        .collect::<Vec<_>>();
    let before = sorted.clone();
    sorted.sort();
    assert_eq!(before, sorted, "fast search pages in name order");

    let again = load_pegawai(&db, &rows).await;
    assert_eq!((again.baru, again.sama), (0, 300));
    assert_eq!(index_count(&db).await, 4);
}

both!(story_bulk_import, bulk_import_sqlite, bulk_import_postgres);
