//! # bangkom
//!
//! The one binary: web server, migrations, imports, demo data, accounts and benchmarks, as clap
//! subcommands. Errors here are `anyhow` with context; the libraries below use their own types.

mod bench;
mod bench_http;
mod bench_jp;
mod bench_layanan;
mod bench_olah;
mod bench_skm;
mod bench_skm_impor;
mod cli;
mod commands;
mod demo_kelas;
mod demo_lembaga;
mod demo_pengalaman;
mod progress;

use clap::Parser;

fn main() -> std::process::ExitCode {
    let cli = cli::Cli::parse();
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_env("BANGKOM_LOG").unwrap_or_else(|_| {
                tracing_subscriber::EnvFilter::new("info,sqlx=error,tower_http=warn")
            }),
        )
        .with_writer(std::io::stderr)
        .init();
    let rt = match tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
    {
        Ok(rt) => rt,
        Err(e) => {
            eprintln!("galat: tidak dapat memulai runtime: {e}");
            return std::process::ExitCode::FAILURE;
        }
    };
    match rt.block_on(commands::run(cli)) {
        Ok(code) => code,
        Err(e) => {
            eprintln!("galat: {e:#}");
            std::process::ExitCode::FAILURE
        }
    }
}
