//! End-to-end tests of the `bangkom` binary: the command-line contracts other tools and scripts
//! rely on (summary line, exit codes, error lines, side files), each run against a fresh
//! database in its own temporary directory.

// Test code: a failed unwrap is a failed test (the workspace lint targets app code).
#![allow(clippy::unwrap_used)]

#[path = "cli/import.rs"]
mod import;
#[path = "cli/import_files.rs"]
mod import_files;
#[path = "cli/server.rs"]
mod server;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// Number of demo employees most import tests use.
const N: usize = 100;
/// Seed of the demo data used by the tests.
const SEED: u64 = 7;

/// A temporary working directory with its own SQLite database.
struct Sandbox {
    dir: tempfile::TempDir,
    url: String,
}

impl Sandbox {
    /// A new directory; the database file does not exist yet.
    fn new() -> Sandbox {
        let dir = tempfile::tempdir().expect("tempdir");
        let url = format!("sqlite://{}", dir.path().join("t.db").display());
        Sandbox { dir, url }
    }

    /// A path inside the sandbox.
    fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    /// `bangkom` with a clean environment, running inside the sandbox, without `--db`.
    fn command(&self) -> Command {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_bangkom"));
        cmd.current_dir(self.dir.path())
            .env_remove("BANGKOM_DB")
            .env_remove("BANGKOM_PASSWORD")
            .env_remove("BANGKOM_ADMIN_PASSWORD")
            .env("BANGKOM_LOG", "warn");
        cmd
    }

    /// Runs `bangkom --db URL ARGS…` and returns its output.
    fn run(&self, args: &[&str]) -> Run {
        let mut cmd = self.command();
        cmd.arg("--db").arg(&self.url).args(args);
        Run::of(cmd.output().expect("run bangkom"))
    }

    /// Writes the demo org tree to `org.csv` and imports it (must succeed).
    fn with_org(&self) -> &Self {
        let path = self.path("org.csv");
        let file = std::fs::File::create(&path).expect("create org.csv");
        bangkom_demo::write_org_csv(file).expect("write org.csv");
        let r = self.run(&["org", "import", path_str(&path)]);
        r.assert_code(0);
        self
    }

    /// Writes a file and returns its path.
    fn write(&self, name: &str, bytes: &[u8]) -> PathBuf {
        let path = self.path(name);
        std::fs::write(&path, bytes).expect("write file");
        path
    }

    /// Number of employees stored, read through `bangkom_db`.
    fn pegawai_count(&self) -> i64 {
        pegawai_count(&self.url)
    }
}

/// Number of employees stored in the database at `url`.
fn pegawai_count(url: &str) -> i64 {
    block_on(async {
        let db = bangkom_db::Db::connect(url).await.expect("connect");
        let n = db.pegawai_count().await.expect("count");
        db.close().await;
        n
    })
}

/// Runs a future on a small runtime.
fn block_on<F: std::future::Future>(f: F) -> F::Output {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("runtime")
        .block_on(f)
}

/// A path as `&str` (temp paths are UTF-8 here).
fn path_str(p: &Path) -> &str {
    p.to_str().expect("utf-8 path")
}

/// The demo employees as CSV bytes.
fn pegawai_csv(n: usize) -> Vec<u8> {
    let mut out = Vec::new();
    bangkom_demo::write_pegawai_csv(&mut out, n, SEED).expect("write csv");
    out
}

/// The demo employees as rows of cells.
fn pegawai_rows(n: usize) -> Vec<Vec<String>> {
    bangkom_demo::pegawai(n, SEED).map(|p| p.to_row()).collect()
}

/// Rows back to CSV text (demo cells never need quoting, see `bangkom_demo::write_pegawai_csv`).
fn to_csv(rows: &[Vec<String>]) -> String {
    let mut s = bangkom_demo::PEGAWAI_HEADER.join(",");
    s.push('\n');
    for r in rows {
        s.push_str(&r.join(","));
        s.push('\n');
    }
    s
}

/// Index of a column in the demo employee header.
fn col(name: &str) -> usize {
    bangkom_demo::PEGAWAI_HEADER
        .iter()
        .position(|h| *h == name)
        .expect("known column")
}

/// A finished run: exit code and both streams as text.
struct Run {
    code: Option<i32>,
    stdout: String,
    stderr: String,
}

impl Run {
    fn of(o: Output) -> Run {
        Run {
            code: o.status.code(),
            stdout: String::from_utf8_lossy(&o.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&o.stderr).into_owned(),
        }
    }

    /// Panics with both streams when the exit code differs.
    fn assert_code(&self, code: i32) {
        assert_eq!(
            self.code,
            Some(code),
            "exit code\n--- stdout:\n{}\n--- stderr:\n{}",
            self.stdout,
            self.stderr
        );
    }

    /// The summary line every import prints on stdout.
    fn summary(&self) -> &str {
        self.stdout
            .lines()
            .find(|l| l.starts_with("baris dibaca: "))
            .unwrap_or_else(|| {
                panic!(
                    "no summary line in stdout: {}\n{}",
                    self.stdout, self.stderr
                )
            })
    }
}
