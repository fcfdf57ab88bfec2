//! # bangkom-db
//!
//! The one storage layer of Bangkom, with two real backends behind it: SQLite (embedded default, WAL)
//! and PostgreSQL (multi-server). Queries are written once with `$n` placeholders, which both sqlx
//! drivers accept, and run on either pool through the [`on!`] macro; SQL differs per backend only in
//! the migrations (`migrations/sqlite`, `migrations/postgres`, same versions).
//!
//! # Layout
//! - [`org`]: the organisation tree and its in-memory index (cached, invalidated on writes).
//! - [`pegawai`]: the ASN registry: list with filters, detail, save with position history.
//! - [`import`]: the file import pipelines (validate every row, then one all-or-nothing transaction).
//! - [`program`]: development programs, participants and the yearly JP ledger.
//! - [`lembaga`]: training institutions, their agreements and accounts, program organisers.
//! - [`evaluasi`]: Kirkpatrick level 1 (reaction) and level 3 (behaviour follow-up).
//! - [`akun`]: accounts, sessions, API tokens, login throttling.
//! - [`audit`]: the audit log of changes to personnel and registry data.
//! - [`skm`], [`skm_survei`], [`skm_agregat`]: SKM questionnaires, survey definitions and tokens,
//!   and the maintained IKM aggregates every questionnaire write updates in its transaction;
//!   [`skm_olah`]: the processing table's rows, streamed.
//!   [`skm_impor`]: the streamed bulk write of questionnaires (`skm import`).
//!
//! Errors: [`DbError`] here; the web crate maps it to HTTP once.

pub mod akun;
pub mod audit;
mod error;
pub mod evaluasi;
pub mod import;
pub mod layanan;
pub mod lembaga;
mod lite;
pub mod massal;
pub mod org;
pub mod pegawai;
pub mod pengalaman;
pub mod program;
mod query;
pub mod rekap;
pub mod skm;
pub mod skm_agregat;
pub mod skm_impor;
pub mod skm_olah;
pub mod skm_survei;
pub mod skm_token;
pub mod testkit;
mod writeback;

pub use error::DbError;
pub use query::Arg;

use std::str::FromStr;
use std::sync::{Arc, RwLock};

use sqlx::postgres::{PgPool, PgPoolOptions};
use sqlx::sqlite::{
    SqliteConnectOptions, SqliteJournalMode, SqlitePool, SqlitePoolOptions, SqliteSynchronous,
};

/// Result with [`DbError`] as the default error.
pub type Result<T, E = DbError> = std::result::Result<T, E>;

/// The connection pool of one of the two backends.
#[derive(Clone, Debug)]
pub enum Pool {
    /// Embedded SQLite file.
    Sqlite(SqlitePool),
    /// PostgreSQL server.
    Postgres(PgPool),
}

/// Handle to the database: cheap to clone, shared by the web server and the CLI.
#[derive(Clone)]
pub struct Db {
    pool: Pool,
    org_cache: Arc<RwLock<Option<Arc<org::OrgIndex>>>>,
    bulk_rows: usize,
    /// The SQLite file (None for PostgreSQL and `:memory:`), for [`lite`]'s bulk connections.
    sqlite_path: Option<std::path::PathBuf>,
}

impl std::fmt::Debug for Db {
    // Never print the URL: it may hold a password.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Db({})", self.backend())
    }
}

/// Runs the same expression on whichever pool is active. The body is compiled once per backend,
/// so a query is written once and type-checked against both drivers.
#[macro_export]
macro_rules! on {
    ($db:expr, $pool:ident => $body:expr) => {
        match $db.pool() {
            $crate::Pool::Sqlite($pool) => $body,
            $crate::Pool::Postgres($pool) => $body,
        }
    };
}

/// Begins a write transaction: `BEGIN IMMEDIATE` on SQLite (takes the write lock up front, so two
/// writers never deadlock on a lock upgrade), a plain `BEGIN` on PostgreSQL.
pub trait BeginWrite {
    /// The backend.
    type Database: sqlx::Database;
    /// Starts the transaction.
    fn begin_write(
        &self,
    ) -> impl std::future::Future<
        Output = Result<sqlx::Transaction<'static, Self::Database>, sqlx::Error>,
    > + Send;
}

impl BeginWrite for SqlitePool {
    type Database = sqlx::Sqlite;
    fn begin_write(
        &self,
    ) -> impl std::future::Future<
        Output = Result<sqlx::Transaction<'static, sqlx::Sqlite>, sqlx::Error>,
    > + Send {
        self.begin_with(SQLITE_BEGIN_WRITE)
    }
}

/// How every SQLite write transaction starts: the write lock taken up front.
const SQLITE_BEGIN_WRITE: &str = "BEGIN IMMEDIATE";

/// [`BeginWrite::begin_write`] on a connection that is closed when the transaction ends instead
/// of going back to the pool: for a write that changes its connection's settings (a bulk load's
/// page cache).
pub(crate) async fn sqlite_begin_write_closing(
    p: &SqlitePool,
) -> Result<sqlx::Transaction<'static, sqlx::Sqlite>, sqlx::Error> {
    let mut conn = p.acquire().await?;
    conn.close_on_drop();
    sqlx::Transaction::begin(conn, Some(SQLITE_BEGIN_WRITE.into())).await
}

impl BeginWrite for PgPool {
    type Database = sqlx::Postgres;
    fn begin_write(
        &self,
    ) -> impl std::future::Future<
        Output = Result<sqlx::Transaction<'static, sqlx::Postgres>, sqlx::Error>,
    > + Send {
        self.begin()
    }
}

/// The page cache of every SQLite connection (negative = KiB): 64 MiB.
pub(crate) const SQLITE_CACHE_SIZE: &str = "-65536";

impl Db {
    /// Connects to `url`: `sqlite://PATH` (with or without `?mode=rwc`; the file is created), a bare
    /// path, or `postgres://…`.
    pub async fn connect(url: &str) -> Result<Db> {
        let mut sqlite_path = None;
        let pool = if url.starts_with("postgres://") || url.starts_with("postgresql://") {
            let pool = PgPoolOptions::new()
                .max_connections(16)
                .connect(url)
                .await?;
            Pool::Postgres(pool)
        } else {
            let path = url
                .strip_prefix("sqlite://")
                .or_else(|| url.strip_prefix("sqlite:"))
                .unwrap_or(url);
            let (path, _query) = path.split_once('?').unwrap_or((path, ""));
            sqlite_path = lite::file_of(path);
            let opts = if path == ":memory:" {
                SqliteConnectOptions::from_str("sqlite::memory:")?
            } else {
                SqliteConnectOptions::new().filename(path)
            };
            let opts = opts
                .create_if_missing(true)
                .journal_mode(SqliteJournalMode::Wal)
                .synchronous(SqliteSynchronous::Full)
                .foreign_keys(true)
                .busy_timeout(std::time::Duration::from_secs(30))
                .pragma("cache_size", SQLITE_CACHE_SIZE)
                // Reads through a shared memory map: every pooled connection sees the same pages,
                // so a query does not pay for a cold per-connection cache.
                .pragma("mmap_size", "1073741824")
                .pragma("temp_store", "memory");
            let max = if path == ":memory:" { 1 } else { 8 };
            let pool = SqlitePoolOptions::new()
                .max_connections(max)
                .connect_with(opts)
                .await?;
            Pool::Sqlite(pool)
        };
        Ok(Db {
            pool,
            org_cache: Arc::new(RwLock::new(None)),
            bulk_rows: 50_000,
            sqlite_path,
        })
    }

    /// Imports of at least `n` rows drop the secondary indexes and rebuild them at the end
    /// (default 50,000; tests lower it to exercise that path on small files).
    pub fn set_bulk_rows(&mut self, n: usize) {
        self.bulk_rows = n;
    }

    /// The active pool (used by the [`on!`] macro).
    pub fn pool(&self) -> &Pool {
        &self.pool
    }

    /// `"sqlite"` or `"postgres"`.
    pub fn backend(&self) -> &'static str {
        match self.pool {
            Pool::Sqlite(_) => "sqlite",
            Pool::Postgres(_) => "postgres",
        }
    }

    /// Applies the embedded forward-only migrations of the active backend.
    pub async fn migrate(&self) -> Result<()> {
        match &self.pool {
            Pool::Sqlite(p) => sqlx::migrate!("./migrations/sqlite").run(p).await?,
            Pool::Postgres(p) => sqlx::migrate!("./migrations/postgres").run(p).await?,
        }
        // Months that had transactions before their summaries existed (migration 0014).
        self.layanan_ringkasan_bangun().await?;
        Ok(())
    }

    /// Closes the pool (flushes the SQLite WAL on the last connection).
    pub async fn close(&self) {
        match &self.pool {
            Pool::Sqlite(p) => p.close().await,
            Pool::Postgres(p) => p.close().await,
        }
    }
}

/// The current time, UTC.
#[doc(hidden)]
pub fn now() -> time::OffsetDateTime {
    time::OffsetDateTime::now_utc()
}

#[cfg(test)]
mod tests {
    /// Each migration ships as a pair with the same version and name for both backends.
    #[test]
    fn migration_lists_match() {
        let names = |dir: &str| {
            let mut v: Vec<String> = std::fs::read_dir(dir)
                .unwrap()
                .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
                .collect();
            v.sort();
            v
        };
        let base = env!("CARGO_MANIFEST_DIR");
        let s = names(&format!("{base}/migrations/sqlite"));
        let p = names(&format!("{base}/migrations/postgres"));
        assert!(!s.is_empty());
        assert_eq!(s, p);
    }
}
