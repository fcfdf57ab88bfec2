//! Fresh databases for tests, on both backends: a temporary SQLite file, and a new PostgreSQL
//! database with a random name on the server named by `BANGKOM_TEST_PG` (default
//! `postgres://postgres@127.0.0.1:5432/postgres`).
//!
//! When PostgreSQL cannot be reached the PostgreSQL cases are skipped with a message, unless
//! `CI=true` (or `BANGKOM_REQUIRE_PG=1`), where that is an error: CI must run both backends.

use crate::{Db, Result};

/// The server used for PostgreSQL tests.
pub fn pg_admin_url() -> String {
    std::env::var("BANGKOM_TEST_PG")
        .unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432/postgres".into())
}

/// True when the PostgreSQL suite must not be skipped.
pub fn pg_required() -> bool {
    std::env::var("CI").is_ok_and(|v| v == "true" || v == "1")
        || std::env::var("BANGKOM_REQUIRE_PG").is_ok_and(|v| v == "1")
}

fn unique() -> String {
    use std::sync::atomic::{AtomicU64, Ordering};
    static N: AtomicU64 = AtomicU64::new(0);
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.subsec_nanos())
        .unwrap_or(0);
    format!(
        "{}_{}_{}",
        std::process::id(),
        nanos,
        N.fetch_add(1, Ordering::Relaxed)
    )
}

/// A migrated, empty SQLite database in a temporary file (the directory is removed at drop of the
/// returned guard).
pub async fn sqlite() -> Result<(Db, TempDir)> {
    let dir = TempDir::new();
    let db = Db::connect(&format!("sqlite://{}/test.db", dir.path.display())).await?;
    db.migrate().await?;
    Ok((db, dir))
}

/// A URL of a new, empty PostgreSQL database, or None (with a message on stderr) when the server
/// is unreachable and PostgreSQL is not required. Panics when it is required and unreachable.
pub async fn postgres_url() -> Option<String> {
    let admin = pg_admin_url();
    let name = format!("bangkom_test_{}", unique());
    let created = async {
        let db = Db::connect(&admin).await?;
        crate::on!(db, p => {
            sqlx::query(&format!("CREATE DATABASE {name}")).execute(p).await?;
        });
        db.close().await;
        Ok::<(), crate::DbError>(())
    }
    .await;
    match created {
        Ok(()) => {
            let base = admin.rsplit_once('/').map_or(admin.as_str(), |(b, _)| b);
            Some(format!("{base}/{name}"))
        }
        Err(e) if pg_required() => {
            panic!("PostgreSQL wajib di CI tetapi tidak dapat dihubungi ({admin}): {e}")
        }
        Err(e) => {
            eprintln!(
                "LEWATI: rangkaian uji PostgreSQL dilewati — server tidak dapat dihubungi ({e}); set BANGKOM_TEST_PG"
            );
            None
        }
    }
}

/// A migrated, empty PostgreSQL database, or None when skipped (see [`postgres_url`]).
pub async fn postgres() -> Option<Db> {
    let url = postgres_url().await?;
    let db = Db::connect(&url).await.ok()?;
    db.migrate().await.ok()?;
    Some(db)
}

/// A temporary directory removed on drop (std only, so no extra dependency).
#[derive(Debug)]
pub struct TempDir {
    /// Its path.
    pub path: std::path::PathBuf,
}

impl TempDir {
    /// Creates a new directory under the system temp dir.
    pub fn new() -> TempDir {
        let path = std::env::temp_dir().join(format!("bangkom-test-{}", unique()));
        let _ = std::fs::create_dir_all(&path);
        TempDir { path }
    }
}

impl Default for TempDir {
    fn default() -> Self {
        TempDir::new()
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.path);
    }
}
