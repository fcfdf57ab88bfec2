//! What each subcommand does.

use std::path::Path;
use std::process::ExitCode;
use std::sync::Arc;

use anyhow::{Context, Result};
use bangkom_db::Db;
use bangkom_db::audit::Actor;
use bangkom_db::import::{ImportOptions, ImportReport};
use bangkom_db::pegawai::Scope;
use bangkom_io::TableReader;
use bangkom_web::{AppState, Application, Config};

use crate::cli::{Cli, Command, ImportArgs, OrgAction, PegawaiAction, UserAction};
use crate::progress::Bar;

/// Exit code when an import rejected rows (so scripts can tell).
const EXIT_REJECTED: u8 = 2;

/// Runs a parsed command line.
pub async fn run(cli: Cli) -> Result<ExitCode> {
    let db = Db::connect(&cli.db)
        .await
        .context("tidak dapat membuka database")?;
    let code = match cli.command {
        Command::Serve {
            addr,
            demo,
            no_migrate,
            secure_cookies,
        } => {
            if !no_migrate {
                db.migrate().await.context("migrasi gagal")?;
            }
            if demo {
                load_demo(&db, bangkom_demo::DEFAULT_PEGAWAI, 2026).await?;
            }
            ensure_admin(&db).await?;
            let config = Config {
                secure_cookies,
                ..Config::default()
            };
            let state = AppState {
                db: db.clone(),
                config: Arc::new(config),
            };
            let app = Application::build(&addr, state)
                .await
                .with_context(|| format!("tidak dapat mendengarkan {addr}"))?;
            let local = app.local_addr()?;
            eprintln!(
                "Bangkom berjalan di http://{local} (database: {})",
                db.backend()
            );
            app.run(true).await?;
            ExitCode::SUCCESS
        }
        Command::Migrate => {
            db.migrate().await.context("migrasi gagal")?;
            eprintln!("migrasi selesai ({})", db.backend());
            ExitCode::SUCCESS
        }
        Command::Demo { pegawai, seed } => {
            db.migrate().await?;
            load_demo(&db, pegawai, seed).await?;
            ExitCode::SUCCESS
        }
        Command::Org {
            action: OrgAction::Import(args),
        } => {
            db.migrate().await?;
            import_file(&db, &args, true).await?
        }
        Command::Pegawai {
            action: PegawaiAction::Import(args),
        } => {
            db.migrate().await?;
            import_file(&db, &args, false).await?
        }
        Command::User {
            action:
                UserAction::Create {
                    username,
                    role,
                    opd,
                    nip,
                    nama,
                },
        } => {
            db.migrate().await?;
            let (password, generated) = match std::env::var("BANGKOM_PASSWORD") {
                Ok(p) if !p.is_empty() => (p, false),
                _ => (
                    bangkom_web::auth::random_token().chars().take(16).collect(),
                    true,
                ),
            };
            let state = AppState {
                db: db.clone(),
                config: Arc::new(Config::default()),
            };
            bangkom_web::html::create_account(
                &state,
                &Actor::system("cli"),
                &username,
                &nama,
                &password,
                &role,
                &opd,
                &nip,
            )
            .await
            .map_err(|e| match e {
                bangkom_web::error::AppError::Invalid(v) => anyhow::anyhow!("{v}"),
                e => anyhow::anyhow!("{e}"),
            })?;
            println!("akun {username} ({role}) dibuat");
            if generated {
                println!("kata sandi: {password}");
            }
            ExitCode::SUCCESS
        }
        Command::Bench { rows, queries, dir } => {
            crate::bench::run(rows, queries, &dir).await?;
            ExitCode::SUCCESS
        }
    };
    db.close().await;
    Ok(code)
}

/// On first start with no account: create `admin`, with BANGKOM_ADMIN_PASSWORD or a printed
/// one-time password.
async fn ensure_admin(db: &Db) -> Result<()> {
    if db.akun_count().await? > 0 {
        return Ok(());
    }
    let (password, generated) = match std::env::var("BANGKOM_ADMIN_PASSWORD") {
        Ok(p) if p.chars().count() >= 10 => (p, false),
        _ => (
            bangkom_web::auth::random_token()
                .chars()
                .take(16)
                .collect::<String>(),
            true,
        ),
    };
    let state = AppState {
        db: db.clone(),
        config: Arc::new(Config::default()),
    };
    bangkom_web::html::create_account(
        &state,
        &Actor::system("sistem"),
        "admin",
        "Administrator BKD",
        &password,
        "admin",
        &[],
        "",
    )
    .await
    .map_err(|e| anyhow::anyhow!("tidak dapat membuat admin: {e}"))?;
    if generated {
        eprintln!("Akun admin dibuat. Nama pengguna: admin  Kata sandi sekali pakai: {password}");
        eprintln!("(atur BANGKOM_ADMIN_PASSWORD sebelum start pertama untuk memilih sendiri)");
    } else {
        eprintln!("Akun admin dibuat dengan kata sandi dari BANGKOM_ADMIN_PASSWORD.");
    }
    Ok(())
}

/// Loads the demo set through the same import pipelines as agency files. An already filled
/// database is left as it is.
pub async fn load_demo(db: &Db, n: usize, seed: u64) -> Result<()> {
    if db.pegawai_count().await? > 0 {
        eprintln!("database sudah berisi pegawai; data demo tidak dimuat ulang");
        return Ok(());
    }
    let actor = Actor::system("demo");
    let mut org_csv = Vec::new();
    bangkom_demo::write_org_csv(&mut org_csv)?;
    let reader = TableReader::from_bytes("org.csv", org_csv)?;
    let r =
        bangkom_db::import::import_org(db, &actor, reader, ImportOptions::default(), |_, _, _| {})
            .await?;
    anyhow::ensure!(
        r.errors.is_empty(),
        "data demo organisasi ditolak: {:?}",
        r.errors.first()
    );
    eprintln!("organisasi: {}", r.summary());
    let mut csv = Vec::new();
    bangkom_demo::write_pegawai_csv(&mut csv, n, seed)?;
    let reader = TableReader::from_bytes("pegawai.csv", csv)?;
    let mut bar = Bar::new();
    let r = bangkom_db::import::import_pegawai(
        db,
        &actor,
        &Scope::Semua,
        reader,
        ImportOptions::default(),
        |p, d, t| bar.update(p, d, t),
    )
    .await?;
    bar.finish();
    anyhow::ensure!(
        r.errors.is_empty(),
        "data demo pegawai ditolak: {:?}",
        r.errors.first()
    );
    eprintln!("pegawai: {}", r.summary());
    Ok(())
}

async fn import_file(db: &Db, args: &ImportArgs, org: bool) -> Result<ExitCode> {
    let reader = match TableReader::open(&args.file) {
        Ok(r) => r,
        Err(e) => {
            eprintln!("{}: {e}", args.file.display());
            println!("baris dibaca: 0, diimpor: 0, ditolak: 0 — berkas tidak dapat dibaca");
            return Ok(ExitCode::from(EXIT_REJECTED));
        }
    };
    let opts = ImportOptions {
        dry_run: args.dry_run,
        skip_invalid: args.skip_invalid,
    };
    let actor = Actor::system("cli");
    let mut bar = Bar::new();
    let progress = |p: &str, d: u64, t: u64| bar.update(p, d, t);
    let result = if org {
        bangkom_db::import::import_org(db, &actor, reader, opts, progress).await
    } else {
        bangkom_db::import::import_pegawai(db, &actor, &Scope::Semua, reader, opts, progress).await
    };
    bar.finish();
    let report = match result {
        Ok(r) => r,
        Err(bangkom_db::import::ImportError::Read(e)) => {
            eprintln!("{}: {e}", args.file.display());
            println!("baris dibaca: 0, diimpor: 0, ditolak: 0 — berkas ditolak");
            return Ok(ExitCode::from(EXIT_REJECTED));
        }
        Err(e) => return Err(e.into()),
    };
    for e in report.errors.iter().take(200) {
        eprintln!("{e}");
    }
    if report.errors.len() > 200 {
        eprintln!("… dan {} galat lainnya", report.errors.len() - 200);
    }
    if args.skip_invalid && !report.rejected.is_empty() {
        let path = rejected_path(&args.file);
        write_rejected(&path, &report)?;
        eprintln!("baris yang ditolak ditulis ke {}", path.display());
    }
    println!("{}", report.summary());
    Ok(if report.ditolak > 0 {
        ExitCode::from(EXIT_REJECTED)
    } else {
        ExitCode::SUCCESS
    })
}

/// `FILE.ditolak.csv` beside the input.
pub fn rejected_path(file: &Path) -> std::path::PathBuf {
    let mut name = file
        .file_name()
        .map(|n| n.to_os_string())
        .unwrap_or_default();
    name.push(".ditolak.csv");
    file.with_file_name(name)
}

fn write_rejected(path: &Path, report: &ImportReport) -> Result<()> {
    let mut headers: Vec<&str> = vec!["baris", "alasan"];
    headers.extend(report.headers.iter().map(String::as_str));
    let rows = report.rejected.iter().map(|(row, cells, reason)| {
        let mut v = vec![row.to_string(), reason.clone()];
        v.extend(cells.iter().cloned());
        v
    });
    let f = std::fs::File::create(path)
        .with_context(|| format!("tidak dapat menulis {}", path.display()))?;
    bangkom_io::write_csv(std::io::BufWriter::new(f), &headers, rows)?;
    Ok(())
}
