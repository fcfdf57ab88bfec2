//! What each subcommand does.

use std::path::Path;
use std::process::ExitCode;

use anyhow::{Context, Result};
use bangkom_db::Db;
use bangkom_db::audit::Actor;
use bangkom_db::import::{ImportOptions, ImportReport};
use bangkom_db::pegawai::Scope;
use bangkom_io::{ReadOptions, TableReader};
use bangkom_web::{AppState, Application, Config};

use crate::cli::{
    Cli, Command, Format, ImportArgs, OrgAction, PegawaiAction, SkmAction, UserAction,
};
use crate::cli::{Keluaran, LayananAction, MetricArg, SumberKredit};
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
            survey_per_minute,
            login_limit,
            no_rate_limit,
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
                login_limit,
                survey_per_minute: if no_rate_limit { 0 } else { survey_per_minute },
                ..Config::default()
            };
            if config.survey_per_minute == 0 {
                eprintln!("batas laju survei per klien: mati");
            }
            let state = AppState::new(db.clone(), config);
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
            import_file(&db, &args, Kind::Org).await?
        }
        Command::Pegawai {
            action: PegawaiAction::Import(args),
        } => {
            db.migrate().await?;
            import_file(&db, &args, Kind::Pegawai).await?
        }
        Command::Skm {
            action: SkmAction::Import(args),
        } => {
            db.migrate().await?;
            import_file(&db, &args, Kind::Skm).await?
        }
        Command::Layanan {
            action: LayananAction::Import(args),
        } => {
            db.migrate().await?;
            import_file(&db, &args, Kind::Layanan).await?
        }
        Command::Layanan {
            action:
                LayananAction::Standar {
                    unit,
                    layanan,
                    menit,
                    hapus,
                },
        } => {
            db.migrate().await?;
            let org = db.org_index().await?;
            let node = org
                .by_kode(unit.trim())
                .ok_or_else(|| anyhow::anyhow!("kode unit {unit} tidak terdaftar"))?;
            let menit = if hapus { None } else { menit };
            db.layanan_standar_set(&Actor::system("cli"), node.org_id, &layanan, menit)
                .await
                .map_err(|e| web_err(e.into()))?;
            let berlaku = db.layanan_standar().await?.menit(
                &org,
                node.org_id,
                &layanan.trim().to_lowercase(),
            );
            println!(
                "standar {} di {} ({}): {} menit{}",
                layanan.trim().to_lowercase(),
                node.kode,
                node.nama,
                berlaku.map_or("—".into(), |m| m.to_string()),
                if hapus { " (warisan/bawaan)" } else { "" }
            );
            ExitCode::SUCCESS
        }
        Command::Layanan {
            action:
                LayananAction::Waktu {
                    scope,
                    from,
                    to,
                    layanan,
                    format,
                },
        } => {
            db.migrate().await?;
            let (f, t, _, _, _) = bangkom_web::api::skm::parse_params(&from, &to, None, None, None)
                .map_err(web_err)?;
            let r = bangkom_web::api::layanan::waktu_report(
                &db,
                &scope,
                f,
                t,
                layanan.as_deref(),
                &Scope::Semua,
            )
            .await
            .map_err(web_err)?;
            match format {
                Format::Json => print_json(&r)?,
                Format::Teks => {
                    let m = |v: Option<f64>| v.map_or("—".to_string(), |v| format!("{v:.1}"));
                    println!(
                        "Waktu layanan {} {} s.d. {}: {} transaksi",
                        r.scope, r.from, r.to, r.transaksi
                    );
                    println!(
                        "  median {} menit, p90 {} menit, sesuai standar {}%",
                        m(r.median_menit),
                        m(r.p90_menit),
                        m(r.persen_sesuai_standar)
                    );
                    for (k, v) in &r.per_layanan {
                        println!(
                            "  {k:<16} {:>6} transaksi, median {} menit, p90 {}",
                            v.transaksi,
                            m(v.median_menit),
                            m(v.p90_menit)
                        );
                    }
                }
            }
            ExitCode::SUCCESS
        }
        Command::Dampak {
            treated,
            control,
            before,
            after,
            metric,
            seed,
            iterasi,
            format,
        } => {
            db.migrate().await?;
            let window = |s: &str, field: &str| -> Result<(time::Date, time::Date)> {
                let (a, b) = s.split_once("..").with_context(|| {
                    format!("--{field} harus FROM..TO, mis. 2025-01-01..2025-06-30")
                })?;
                let (f, t, _, _, _) =
                    bangkom_web::api::skm::parse_params(a, b, None, None, None).map_err(web_err)?;
                Ok((f, t))
            };
            let m = match metric {
                MetricArg::Waktu => bangkom_core::dampak::Metric::Waktu,
                MetricArg::Ikm => bangkom_core::dampak::Metric::Ikm,
            };
            let r = bangkom_web::api::dampak::dampak_report(
                &db,
                &treated,
                &control,
                window(&before, "before")?,
                window(&after, "after")?,
                m,
                seed,
                iterasi,
            )
            .await
            .map_err(web_err)?;
            match format {
                Format::Json => print_json(&r)?,
                Format::Teks => {
                    let f = |v: Option<f64>| v.map_or("—".to_string(), |v| format!("{v:.2}"));
                    println!(
                        "dilatih:   sebelum {}  sesudah {}  ({} unit, n={})",
                        f(r.treated_before),
                        f(r.treated_after),
                        r.units_treated,
                        r.n_treated
                    );
                    println!(
                        "pembanding: sebelum {}  sesudah {}  ({} unit, n={})",
                        f(r.control_before),
                        f(r.control_after),
                        r.units_control,
                        r.n_control
                    );
                    println!(
                        "efek {}  (IK 95% {} – {}); tren awal {}",
                        f(r.effect),
                        f(r.ci_low),
                        f(r.ci_high),
                        if r.pre_trend.lulus {
                            "sejajar"
                        } else {
                            "TIDAK sejajar"
                        }
                    );
                    println!("{}", r.verdict);
                }
            }
            ExitCode::SUCCESS
        }
        Command::Siasn {
            scope,
            from,
            to,
            format,
        } => {
            db.migrate().await?;
            let (f, t, _, _, _) = bangkom_web::api::skm::parse_params(&from, &to, None, None, None)
                .map_err(web_err)?;
            let units = bangkom_web::api::jp::resolve_units(&db, scope.trim(), &Scope::Semua)
                .await
                .map_err(web_err)?;
            let rows = db.siasn_kursus(units.as_deref(), f, t).await?;
            let stdout = std::io::stdout();
            match format {
                Keluaran::Json => print_json(&rows)?,
                Keluaran::Csv => {
                    let _ = bangkom_io::write_csv(
                        stdout.lock(),
                        bangkom_web::api::jp::SIASN_HEADER,
                        rows.iter().map(bangkom_web::api::jp::siasn_row),
                    );
                }
            }
            eprintln!("{} baris riwayat kursus", rows.len());
            ExitCode::SUCCESS
        }
        Command::KoreksiJp {
            sumber,
            id,
            jp,
            alasan,
        } => {
            db.migrate().await?;
            let sumber = match sumber {
                SumberKredit::Peserta => bangkom_db::rekap::SumberJp::Peserta,
                SumberKredit::Pengalaman => bangkom_db::rekap::SumberJp::Pengalaman,
                SumberKredit::Klaim => bangkom_db::rekap::SumberJp::Klaim,
            };
            let k = bangkom_db::rekap::KoreksiJp {
                sumber,
                id,
                jp,
                alasan,
            };
            match db.jp_koreksi(&Actor::system("cli"), &k).await {
                Ok(lama) => {
                    println!("JP {} {id} dikoreksi: {lama} → {jp}", sumber.code());
                    ExitCode::SUCCESS
                }
                Err(bangkom_db::DbError::Invalid(v)) => {
                    eprintln!("ditolak: {v}");
                    ExitCode::from(2)
                }
                Err(bangkom_db::DbError::NotFound) => {
                    eprintln!("{} {id} tidak ditemukan", sumber.code());
                    ExitCode::from(2)
                }
                Err(e) => return Err(e.into()),
            }
        }
        Command::Jp {
            scope,
            tahun,
            rinci,
            format,
        } => {
            db.migrate().await?;
            let r = bangkom_web::api::jp::jp_report(
                &db,
                &scope,
                tahun,
                rinci,
                bangkom_core::jp::AturanJp::default(),
                &Scope::Semua,
            )
            .await
            .map_err(web_err)?;
            match format {
                Format::Json => print_json(&r)?,
                Format::Teks => {
                    println!(
                        "JP {} tahun {}: target {} JP per PNS",
                        r.scope, r.tahun, r.target_jp
                    );
                    println!(
                        "PNS {}: memenuhi {}, belum {} ({}%)",
                        r.pegawai,
                        r.memenuhi,
                        r.belum_memenuhi,
                        r.persen_memenuhi.map_or("—".into(), |p| format!("{p:.1}"))
                    );
                    for (k, v) in r.jp_per_jalur.iter().filter(|(_, v)| **v > 0) {
                        println!("  {k}: {v} JP");
                    }
                }
            }
            ExitCode::SUCCESS
        }
        Command::Skm {
            action:
                SkmAction::Populasi {
                    unit,
                    from,
                    to,
                    jumlah,
                },
        } => {
            db.migrate().await?;
            let (f, t, _, _, _) = bangkom_web::api::skm::parse_params(&from, &to, None, None, None)
                .map_err(web_err)?;
            anyhow::ensure!(f <= t, "tanggal awal {f} sesudah tanggal akhir {t}");
            let org = db.org_index().await?;
            let node = org
                .by_kode(unit.trim())
                .ok_or_else(|| anyhow::anyhow!("kode unit {unit} tidak terdaftar"))?;
            let n = i64::try_from(jumlah).context("populasi terlalu besar")?;
            db.skm_populasi_set(&Actor::system("cli"), node.org_id, f, t, n)
                .await?;
            println!("populasi {} ({}) {f} s.d. {t}: {n}", node.kode, node.nama);
            ExitCode::SUCCESS
        }
        Command::Skm {
            action:
                SkmAction::Ikm {
                    scope,
                    from,
                    to,
                    bobot,
                    populasi,
                    aturan,
                    format,
                },
        } => {
            db.migrate().await?;
            let pop = populasi.map(|p| p.to_string());
            let (f, t, b, p, a) = bangkom_web::api::skm::parse_params(
                &from,
                &to,
                bobot.as_deref(),
                pop.as_deref(),
                aturan.as_deref(),
            )
            .map_err(web_err)?;
            let r = bangkom_web::api::skm::ikm_report(&db, &scope, f, t, b, p, a)
                .await
                .map_err(web_err)?;
            match format {
                Format::Json => print_json(&r)?,
                Format::Teks => print_ikm(&r),
            }
            ExitCode::SUCCESS
        }
        Command::User {
            action:
                UserAction::Create {
                    username,
                    role,
                    opd,
                    nip,
                    nama,
                    lembaga,
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
            let state = AppState::new(db.clone(), Config::default());
            let made = if bangkom_core::role::Role::parse(&role)
                == Ok(bangkom_core::role::Role::Lembaga)
            {
                bangkom_web::html::create_account_lembaga(
                    &state,
                    &Actor::system("cli"),
                    &username,
                    &nama,
                    &password,
                    &lembaga,
                )
                .await
            } else {
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
            };
            made.map_err(|e| match e {
                bangkom_web::error::AppError::Invalid(v) => anyhow::anyhow!("{v}"),
                e => anyhow::anyhow!("{e}"),
            })?;
            println!("akun {username} ({role}) dibuat");
            if generated {
                println!("kata sandi: {password}");
            }
            ExitCode::SUCCESS
        }
        Command::Bench {
            rows,
            queries,
            dir,
            queries_only,
            skm,
            http,
            konkuren,
            layanan,
            jp,
        } => {
            match (skm, layanan, jp) {
                (Some(n), _, _) => crate::bench_skm::run(n, &dir, http, konkuren).await?,
                (None, Some(n), _) => crate::bench_layanan::run(n, &dir, queries_only).await?,
                (None, None, Some(n)) => crate::bench_jp::run(n, &dir, queries_only).await?,
                (None, None, None) => {
                    crate::bench::run(rows, queries, &dir, queries_only).await?;
                }
            }
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
    let state = AppState::new(db.clone(), Config::default());
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
    let actor = Actor::system("demo");
    if db.pegawai_count().await? > 0 {
        eprintln!("database sudah berisi pegawai; data demo registri tidak dimuat ulang");
    } else {
        load_demo_registry(db, &actor, n, seed).await?;
    }
    if db.skm_count().await? == 0 {
        let mut csv = Vec::new();
        bangkom_demo::skm::write_skm_csv(&mut csv, seed)?;
        let reader = TableReader::from_bytes("skm.csv", csv)?;
        let r = bangkom_db::import::import_skm(
            db,
            &actor,
            reader,
            ImportOptions::default(),
            today_wib(),
            |_, _, _| {},
        )
        .await?;
        anyhow::ensure!(
            r.errors.is_empty(),
            "data demo SKM ditolak: {:?}",
            r.errors.first()
        );
        eprintln!("kuesioner SKM: {}", r.summary());
    }
    if db.program_count().await? == 0 {
        load_demo_programs(db, &actor, n, seed).await?;
    }
    crate::demo_lembaga::load(db, &actor).await?;
    if db.transaksi_count().await? == 0 {
        let mut csv = Vec::new();
        bangkom_demo::layanan::write_layanan_csv(&mut csv, seed)?;
        let reader = TableReader::from_bytes("layanan.csv", csv)?;
        let r = bangkom_db::import::import_layanan(
            db,
            &actor,
            reader,
            ImportOptions::default(),
            |_, _, _| {},
        )
        .await?;
        anyhow::ensure!(
            r.errors.is_empty(),
            "data demo layanan ditolak: {:?}",
            r.errors.first()
        );
        eprintln!("transaksi layanan: {}", r.summary());
    }
    Ok(())
}

/// The 2025 programs and who completed them (JP ledger demo).
async fn load_demo_programs(db: &Db, actor: &Actor, n: usize, seed: u64) -> Result<()> {
    let fmt = time::macros::format_description!("[year]-[month]-[day]");
    let date = |s: &str| time::Date::parse(s, &fmt).context("tanggal demo");
    let mut ids = std::collections::HashMap::new();
    for p in bangkom_demo::program::programs_2025() {
        let id = db
            .program_upsert(
                actor,
                &bangkom_db::program::ProgramBaru {
                    kode: p.kode.to_string(),
                    nama: p.nama.to_string(),
                    jalur: bangkom_core::jp::Jalur::from_id(p.jalur).map_err(anyhow::Error::msg)?,
                    penyelenggara: p.penyelenggara.to_string(),
                    jp: p.jp,
                    biaya: p.biaya,
                    kuota: None,
                    mulai: date(p.mulai)?,
                    selesai: date(p.selesai)?,
                },
            )
            .await?;
        ids.insert(p.kode, id);
    }
    let people: Vec<bangkom_demo::PegawaiRecord> = bangkom_demo::pegawai(n, seed).collect();
    let nip_ids = db.pegawai_id_map().await?;
    let mut rows = Vec::new();
    // Programs with sessions go through the whole workflow; the others are recorded as done.
    let berkelas: Vec<&str> = bangkom_demo::program::sesi_2025()
        .iter()
        .map(|s| s.program)
        .collect();
    let mut kelas: std::collections::BTreeMap<&str, Vec<(String, bool)>> = Default::default();
    for r in bangkom_demo::program::peserta_2025(&people, seed) {
        if berkelas.contains(&r.program) {
            kelas
                .entry(r.program)
                .or_default()
                .push((r.nip.clone(), r.status == "selesai"));
            continue;
        }
        if let (Some(program_id), Some(pegawai_id)) = (ids.get(r.program), nip_ids.get(&r.nip)) {
            rows.push(bangkom_db::program::PesertaBaru {
                program_id: *program_id,
                pegawai_id: *pegawai_id,
                status: r.status,
                jp_diakui: r.jp,
                tanggal_selesai: Some(date(r.tanggal_selesai)?),
                nomor_sertifikat: (r.status == "selesai")
                    .then(|| format!("{}/{}", r.program, r.nip)),
            });
        }
    }
    db.peserta_set(actor, &rows).await?;
    let mut n_kelas = 0;
    for (kode, peserta) in &kelas {
        n_kelas += crate::demo_kelas::jalankan(db, actor, kode, peserta, &nip_ids, seed).await?;
    }
    eprintln!(
        "program 2025: {} program, {} peserta ({} melalui alur lengkap: usulan, presensi, nilai, kelulusan)",
        ids.len(),
        rows.len() + n_kelas,
        n_kelas
    );
    let (kegiatan, klaim, dilewati) = crate::demo_pengalaman::muat(db, actor, &people).await?;
    eprintln!(
        "pembelajaran berbasis pengalaman 2025: {kegiatan} kegiatan ({dilewati} dilewati), {klaim} klaim"
    );
    Ok(())
}

async fn load_demo_registry(db: &Db, actor: &Actor, n: usize, seed: u64) -> Result<()> {
    let mut org_csv = Vec::new();
    bangkom_demo::write_org_csv(&mut org_csv)?;
    let reader = TableReader::from_bytes("org.csv", org_csv)?;
    let r =
        bangkom_db::import::import_org(db, actor, reader, ImportOptions::default(), |_, _, _| {})
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
        actor,
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

/// Prints one JSON document on standard output; a closed pipe (`| head`) is not an error.
fn print_json<T: serde::Serialize>(v: &T) -> Result<()> {
    use std::io::Write;
    let _ = writeln!(
        std::io::stdout().lock(),
        "{}",
        serde_json::to_string_pretty(v)?
    );
    Ok(())
}

/// Which import.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Org,
    Pegawai,
    Skm,
    Layanan,
}

fn web_err(e: bangkom_web::error::AppError) -> anyhow::Error {
    match e {
        bangkom_web::error::AppError::Invalid(v) => anyhow::anyhow!("{v}"),
        e => anyhow::anyhow!("{e}"),
    }
}

fn print_ikm(r: &bangkom_web::api::skm::IkmReport) {
    println!(
        "SKM {} periode {} s.d. {} — {} responden",
        r.scope, r.from, r.to, r.responden
    );
    for (u, d) in &r.unsur {
        let nrr = d.nrr.map_or("—".to_string(), |v| format!("{v:.3}"));
        println!(
            "  {u:<12} NRR {nrr:>6}  nilai {:>6}  mutu {}",
            d.nilai.map_or("—".into(), |v| format!("{v:.2}")),
            d.mutu.unwrap_or("—")
        );
    }
    match (r.nilai, r.mutu, r.kinerja) {
        (Some(n), Some(m), Some(k)) => println!("IKM {n:.2} — mutu {m} ({k}); bobot {}", r.bobot),
        _ => println!("IKM: tidak ada data pada cakupan dan periode ini"),
    }
    if let (Some(p), Some(s), Some(c)) = (r.populasi, r.sampel_minimum, r.sampel_cukup) {
        let sumber = match r.populasi_sumber {
            Some("transaksi") => " (dari jumlah transaksi layanan)",
            Some("tersimpan+transaksi") => " (isian dan jumlah transaksi layanan)",
            _ => "",
        };
        println!(
            "populasi {p}{sumber}, sampel minimum {s} (Krejcie & Morgan): {}",
            if c { "terpenuhi" } else { "belum terpenuhi" }
        );
    }
}

/// Today in Jambi (WIB, UTC+7; REFERENCE §0 "Identity").
pub fn today_wib() -> time::Date {
    let wib = time::UtcOffset::from_hms(7, 0, 0).unwrap_or(time::UtcOffset::UTC);
    time::OffsetDateTime::now_utc().to_offset(wib).date()
}

/// How the CLI reads an import file: of any size. A local file is streamed from disk, CSV and
/// XLSX alike, so the reader's default limit (512 MiB, meant for bytes held in memory; the web
/// upload stops at 64 MB before it) would only refuse large exports — 10,000,000 service
/// transactions (issue 5's figure) are about 760 MB.
pub(crate) const CLI_READ: ReadOptions = ReadOptions {
    sheet: None,
    max_bytes: u64::MAX,
};

async fn import_file(db: &Db, args: &ImportArgs, kind: Kind) -> Result<ExitCode> {
    let reader = match TableReader::open_with(&args.file, &CLI_READ) {
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
    let result = match kind {
        Kind::Org => bangkom_db::import::import_org(db, &actor, reader, opts, progress).await,
        Kind::Pegawai => {
            bangkom_db::import::import_pegawai(db, &actor, &Scope::Semua, reader, opts, progress)
                .await
        }
        Kind::Skm => {
            bangkom_db::import::import_skm(db, &actor, reader, opts, today_wib(), progress).await
        }
        Kind::Layanan => {
            bangkom_db::import::import_layanan(db, &actor, reader, opts, progress).await
        }
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
