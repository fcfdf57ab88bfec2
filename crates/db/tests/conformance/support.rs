//! Shared helpers of the conformance stories: the `both!` macro that runs one story on each
//! backend, demo files as bytes, import shortcuts and raw counts.

use std::sync::Arc;

use bangkom_db::Db;
use bangkom_db::audit::Actor;
use bangkom_db::import::{ImportError, ImportOptions, ImportReport, import_org, import_pegawai};
use bangkom_db::org::OrgIndex;
use bangkom_db::pegawai::Scope;
use bangkom_io::TableReader;

/// Defines two tests running `$story(&db)`: one on a fresh SQLite file, one on a fresh
/// PostgreSQL database (returns early when PostgreSQL is skipped).
macro_rules! both {
    ($story:path, $sqlite:ident, $pg:ident) => {
        #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
        async fn $sqlite() {
            let (db, _dir) = bangkom_db::testkit::sqlite().await.unwrap();
            $story(&db).await;
            db.close().await;
        }

        #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
        async fn $pg() {
            let Some(db) = bangkom_db::testkit::postgres().await else {
                return;
            };
            $story(&db).await;
            db.close().await;
        }
    };
}
pub(crate) use both;

/// The actor of every write in the stories.
pub fn actor() -> Actor {
    Actor::system("uji")
}

/// The demo org tree as a CSV file.
pub fn org_csv() -> Vec<u8> {
    let mut out = Vec::new();
    bangkom_demo::write_org_csv(&mut out).unwrap();
    out
}

/// Joins rows into a plain CSV file (cells must not contain commas, quotes or line breaks).
pub fn csv(header: &[&str], rows: &[Vec<String>]) -> Vec<u8> {
    let mut s = header.join(",");
    s.push('\n');
    for r in rows {
        s.push_str(&r.join(","));
        s.push('\n');
    }
    s.into_bytes()
}

/// Imports an org file.
pub async fn org_import(
    db: &Db,
    bytes: Vec<u8>,
    opts: ImportOptions,
) -> Result<ImportReport, ImportError> {
    let reader = TableReader::from_bytes("org.csv", bytes).unwrap();
    import_org(db, &actor(), reader, opts, |_, _, _| {}).await
}

/// Loads the whole demo tree and returns its index.
pub async fn load_org(db: &Db) -> Arc<OrgIndex> {
    let r = org_import(db, org_csv(), ImportOptions::default())
        .await
        .unwrap();
    assert!(r.errors.is_empty(), "{:?}", r.errors.first());
    db.org_index().await.unwrap()
}

/// Demo employees as rows in `bangkom_demo::PEGAWAI_HEADER` order.
pub fn pegawai_rows(n: usize, seed: u64) -> Vec<Vec<String>> {
    bangkom_demo::pegawai(n, seed).map(|p| p.to_row()).collect()
}

/// Column index in `PEGAWAI_HEADER`.
pub fn col(name: &str) -> usize {
    bangkom_demo::PEGAWAI_HEADER
        .iter()
        .position(|h| *h == name)
        .unwrap()
}

/// A pegawai file with the demo header.
pub fn pegawai_csv(rows: &[Vec<String>]) -> Vec<u8> {
    csv(bangkom_demo::PEGAWAI_HEADER, rows)
}

/// Imports a pegawai file.
pub async fn pegawai_import(
    db: &Db,
    scope: &Scope,
    bytes: Vec<u8>,
    opts: ImportOptions,
) -> Result<ImportReport, ImportError> {
    let reader = TableReader::from_bytes("pegawai.csv", bytes).unwrap();
    import_pegawai(db, &actor(), scope, reader, opts, |_, _, _| {}).await
}

/// Imports rows that must all be valid; returns the report.
pub async fn load_pegawai(db: &Db, rows: &[Vec<String>]) -> ImportReport {
    let r = pegawai_import(
        db,
        &Scope::Semua,
        pegawai_csv(rows),
        ImportOptions::default(),
    )
    .await
    .unwrap();
    assert!(r.errors.is_empty(), "{:?}", r.errors.first());
    assert!(r.ditulis);
    r
}

/// A single `COUNT(*)`-like integer from raw SQL.
pub async fn scalar(db: &Db, sql: &str) -> i64 {
    let (n,): (i64,) = bangkom_db::on!(db, p => sqlx::query_as(sql).fetch_one(p).await.unwrap());
    n
}

/// A NIP not in `taken`, made from `base` by replacing its 3-digit sequence number (digits
/// 16–18), so birth date and sex still agree with the record.
pub fn fresh_nip(base: &str, taken: &[&str]) -> String {
    let head = base.get(..15).unwrap();
    (1..1000)
        .rev()
        .map(|n| format!("{head}{n:03}"))
        .find(|c| !taken.contains(&c.as_str()))
        .unwrap()
}

/// True when `kode` is `root` or below it.
pub fn under(kode: &str, root: &str) -> bool {
    kode == root || kode.starts_with(&format!("{root}."))
}
