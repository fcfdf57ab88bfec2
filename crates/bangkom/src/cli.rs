//! The command line (clap). Every command takes `--db URL` (or `BANGKOM_DB`).

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};

/// Bangkom: competency development of ASN, and proof that it works.
#[derive(Debug, Parser)]
#[command(name = "bangkom", version, about)]
pub struct Cli {
    /// Database: sqlite://PATH (default sqlite://bangkom.db?mode=rwc) or postgres://…
    #[arg(
        long,
        global = true,
        env = "BANGKOM_DB",
        default_value = "sqlite://bangkom.db?mode=rwc",
        hide_env_values = true
    )]
    pub db: String,
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// Subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Run the web server.
    Serve {
        /// Address to listen on.
        #[arg(long, default_value = "127.0.0.1:8080")]
        addr: String,
        /// Fill an empty database with the Jambi demo data first.
        #[arg(long)]
        demo: bool,
        /// Do not apply migrations at start-up.
        #[arg(long)]
        no_migrate: bool,
        /// Mark cookies Secure (when served over HTTPS).
        #[arg(long)]
        secure_cookies: bool,
        /// Survey submissions accepted per client address per minute (0 = unlimited).
        #[arg(long, env = "BANGKOM_SURVEY_PER_MINUTE", default_value_t = 10)]
        survey_per_minute: u32,
        /// Failed logins per username within 15 minutes before refusing (four times as many per
        /// client address). Stays on with `--no-rate-limit`: it guards passwords, not load.
        #[arg(long, env = "BANGKOM_LOGIN_LIMIT", default_value_t = 5, value_parser = clap::value_parser!(i64).range(1..))]
        login_limit: i64,
        /// Turn the per-client survey rate limit off (a benchmark run from one machine).
        #[arg(long, env = "BANGKOM_NO_RATE_LIMIT")]
        no_rate_limit: bool,
    },
    /// Apply the database migrations.
    Migrate,
    /// Fill an empty database with the deterministic Jambi demo data set.
    Demo {
        /// Number of employees.
        #[arg(long, default_value_t = bangkom_demo::DEFAULT_PEGAWAI)]
        pegawai: usize,
        /// Random seed (same seed, same data).
        #[arg(long, default_value_t = 2026)]
        seed: u64,
    },
    /// The organisation tree.
    Org {
        /// Action.
        #[command(subcommand)]
        action: OrgAction,
    },
    /// The ASN registry.
    Pegawai {
        /// Action.
        #[command(subcommand)]
        action: PegawaiAction,
    },
    /// The public-satisfaction survey (SKM, PermenPANRB 14/2017).
    Skm {
        /// Action.
        #[command(subcommand)]
        action: SkmAction,
    },
    /// The yearly JP ledger: who reached 20 JP (PNS), JP per jalur.
    Jp {
        /// Organisation code (its whole subtree) or `all`.
        #[arg(long)]
        scope: String,
        /// Calendar year.
        #[arg(long)]
        tahun: i32,
        /// Add every employee (`pegawai_list`).
        #[arg(long)]
        rinci: bool,
        /// Output format.
        #[arg(long, value_enum, default_value_t = Format::Teks)]
        format: Format,
    },
    /// Audited correction of the JP one entry credited (0 revokes the credit); the yearly totals
    /// move by the difference.
    KoreksiJp {
        /// Where the entry is recorded.
        #[arg(long, value_enum)]
        sumber: SumberKredit,
        /// Its id (`peserta_id`, `pengalaman_id` or `klaim_id`).
        #[arg(long)]
        id: i64,
        /// The JP it should credit.
        #[arg(long)]
        jp: u32,
        /// Why (kept in the audit log).
        #[arg(long)]
        alasan: String,
    },
    /// Completed learning as SIASN *riwayat kursus* rows (JSON or CSV on standard output).
    Siasn {
        /// Organisation code (its whole subtree) or `all`.
        #[arg(long)]
        scope: String,
        /// First completion day, YYYY-MM-DD.
        #[arg(long)]
        from: String,
        /// Last completion day, YYYY-MM-DD (inclusive).
        #[arg(long)]
        to: String,
        /// Output format.
        #[arg(long, value_enum, default_value_t = Keluaran::Csv)]
        format: Keluaran,
    },
    /// Public-service transactions and service times.
    Layanan {
        /// Action.
        #[command(subcommand)]
        action: LayananAction,
    },
    /// Impact evaluation: difference in differences between trained and comparison units.
    Dampak {
        /// Organisation codes of the treated units, comma-separated.
        #[arg(long, value_delimiter = ',')]
        treated: Vec<String>,
        /// Organisation codes of the comparison units, comma-separated.
        #[arg(long, value_delimiter = ',')]
        control: Vec<String>,
        /// Before window, FROM..TO (YYYY-MM-DD..YYYY-MM-DD).
        #[arg(long)]
        before: String,
        /// After window, FROM..TO.
        #[arg(long)]
        after: String,
        /// waktu (service time) or ikm.
        #[arg(long, value_enum)]
        metric: MetricArg,
        /// Seed of the bootstrap (same seed, same result).
        #[arg(long, default_value_t = 2026)]
        seed: u64,
        /// Bootstrap resamples.
        #[arg(long, default_value_t = 2000)]
        iterasi: usize,
        /// Output format.
        #[arg(long, value_enum, default_value_t = Format::Teks)]
        format: Format,
    },
    /// Accounts.
    User {
        /// Action.
        #[command(subcommand)]
        action: UserAction,
    },
    /// Benchmarks: the employee import and the list query at scale (see README).
    Bench {
        /// Rows to generate and import.
        #[arg(long, default_value_t = 1_000_000)]
        rows: usize,
        /// List queries to time.
        #[arg(long, default_value_t = 400)]
        queries: usize,
        /// Working directory for the generated CSV and the database.
        #[arg(long, default_value = "bench-data")]
        dir: PathBuf,
        /// Reuse the database of the previous run (time the queries only).
        #[arg(long)]
        queries_only: bool,
        /// Instead: the SKM figures over N stored responses (bulk store, IKM of every scope,
        /// durable single submissions with a token and local answers); see `bench_skm`.
        #[arg(long)]
        skm: Option<usize>,
        /// With `--skm`: HTTP submissions to time against the in-process server (0 = skip).
        #[arg(long, default_value_t = 50_000)]
        http: usize,
        /// With `--skm`: concurrent connections of the HTTP submissions.
        #[arg(long, default_value_t = 64)]
        konkuren: usize,
        /// Instead: N service transactions (import rows/s, `layanan waktu` ms, `dampak` with
        /// 1,000 resamples).
        #[arg(long, value_name = "N")]
        layanan: Option<usize>,
        /// Instead: the JP ledger with N employees (default 70,000) and five years of learning
        /// (compliance report p50/p95 per province, pemda and OPD; list and ledger exports).
        #[arg(long, value_name = "N", num_args = 0..=1, default_missing_value = "70000")]
        jp: Option<usize>,
    },
}

/// Import flags shared by every import.
#[derive(Debug, Args)]
pub struct ImportArgs {
    /// CSV or XLSX file.
    pub file: PathBuf,
    /// Validate only; write nothing.
    #[arg(long)]
    pub dry_run: bool,
    /// Import the valid rows; write the rejected ones with reasons to FILE.ditolak.csv.
    #[arg(long)]
    pub skip_invalid: bool,
}

/// `org …`
#[derive(Debug, Subcommand)]
pub enum OrgAction {
    /// Load the tree from CSV/XLSX (columns kode,nama,jenis,induk[,layanan]).
    Import(ImportArgs),
}

/// `pegawai …`
#[derive(Debug, Subcommand)]
pub enum PegawaiAction {
    /// Import employees from CSV/XLSX (upsert by NIP).
    Import(ImportArgs),
}

/// Output format.
#[derive(Debug, Clone, Copy, clap::ValueEnum, PartialEq, Eq)]
pub enum Format {
    /// One JSON object.
    Json,
    /// Readable text.
    Teks,
}

/// `layanan …`
#[derive(Debug, Subcommand)]
pub enum LayananAction {
    /// Import service transactions (CSV/XLSX; columns unit,layanan,tiket,mulai,selesai[,nip_petugas,kanal]).
    Import(ImportArgs),
    /// Service-time statistics of a scope and period.
    Waktu {
        /// Organisation code (its whole subtree) or `all`.
        #[arg(long)]
        scope: String,
        /// First day, YYYY-MM-DD.
        #[arg(long)]
        from: String,
        /// Last day, YYYY-MM-DD (inclusive).
        #[arg(long)]
        to: String,
        /// Only this service type (e.g. ktp-el).
        #[arg(long)]
        layanan: Option<String>,
        /// Output format.
        #[arg(long, value_enum, default_value_t = Format::Teks)]
        format: Format,
    },
    /// Set the standard completion time of a service type for a unit, OPD or pemda (*standar
    /// pelayanan*); the nearest one above a transaction's unit applies, else the type's default.
    Standar {
        /// Organisation code of the unit, OPD or pemda.
        #[arg(long)]
        unit: String,
        /// Service type code (e.g. ktp-el).
        #[arg(long)]
        layanan: String,
        /// Minutes (1..=525600).
        #[arg(long, required_unless_present = "hapus")]
        menit: Option<i64>,
        /// Remove the org's own standard (the inherited one applies again).
        #[arg(long, conflicts_with = "menit")]
        hapus: bool,
    },
}

/// The measured outcome of `dampak`.
#[derive(Debug, Clone, Copy, clap::ValueEnum, PartialEq, Eq)]
pub enum MetricArg {
    /// Service time (effect = ratio of medians).
    Waktu,
    /// SKM index (effect = difference in points).
    Ikm,
}

/// Where a credited JP entry is recorded.
#[derive(Debug, Clone, Copy, clap::ValueEnum, PartialEq, Eq)]
pub enum SumberKredit {
    /// A completed program participation.
    Peserta,
    /// An assessed experiential activity.
    Pengalaman,
    /// A verified claim.
    Klaim,
}

/// File output format.
#[derive(Debug, Clone, Copy, clap::ValueEnum, PartialEq, Eq)]
pub enum Keluaran {
    /// JSON array.
    Json,
    /// CSV with a header.
    Csv,
}

/// `skm …`
#[derive(Debug, Subcommand)]
pub enum SkmAction {
    /// Import paper questionnaires (CSV/XLSX; columns tanggal,unit,layanan,jenis_kelamin,umur,
    /// pendidikan,pekerjaan,persyaratan,prosedur,waktu,biaya,produk,kompetensi,perilaku,pengaduan,sarana,saran).
    Import(ImportArgs),
    /// Record the population (service users) of a service unit for a period.
    Populasi {
        /// Organisation code of the unit.
        #[arg(long)]
        unit: String,
        /// First day, YYYY-MM-DD.
        #[arg(long)]
        from: String,
        /// Last day, YYYY-MM-DD (inclusive).
        #[arg(long)]
        to: String,
        /// Number of service users in the period.
        #[arg(long)]
        jumlah: u64,
    },
    /// The IKM of a scope and period.
    Ikm {
        /// Organisation code (its whole subtree) or `all`.
        #[arg(long)]
        scope: String,
        /// First day, YYYY-MM-DD.
        #[arg(long)]
        from: String,
        /// Last day, YYYY-MM-DD (inclusive).
        #[arg(long)]
        to: String,
        /// Weight: 1/9 (exact, default) or 0.111 (the regulation's literal).
        #[arg(long)]
        bobot: Option<String>,
        /// Service users in the period (for the Krejcie & Morgan sample check).
        #[arg(long)]
        populasi: Option<u64>,
        /// Sample rounding rule: pembulatan (default) or baris-berikutnya.
        #[arg(long)]
        aturan: Option<String>,
        /// Output format.
        #[arg(long, value_enum, default_value_t = Format::Teks)]
        format: Format,
    },
}

/// `user …`
#[derive(Debug, Subcommand)]
pub enum UserAction {
    /// Create an account. The password comes from BANGKOM_PASSWORD, or is generated and printed.
    Create {
        /// Login name.
        #[arg(long)]
        username: String,
        /// admin, operator, pegawai, pimpinan or lembaga.
        #[arg(long)]
        role: String,
        /// OPD codes (operator), repeatable or comma-separated.
        #[arg(long, value_delimiter = ',')]
        opd: Vec<String>,
        /// NIP (role pegawai).
        #[arg(long, default_value = "")]
        nip: String,
        /// Display name.
        #[arg(long, default_value = "")]
        nama: String,
        /// Training institution code (role lembaga).
        #[arg(long, default_value = "")]
        lembaga: String,
    },
}
