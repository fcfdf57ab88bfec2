//! Story: `skm import` streams — chunk k is written while chunk k+1 is validated — and stays all
//! or nothing. Files larger than one chunk (8,192 rows): a valid one is stored whole with the
//! aggregates equal to a full recomputation; one whose last chunk holds an invalid row, or a row
//! the reader itself refuses, leaves the database exactly as it was; `--skip-invalid` stores
//! every other row; `--dry-run` writes nothing. On SQLite the bulk path (indexes dropped and
//! built again inside the transaction) runs, and the indexes are all there afterwards.

use bangkom_db::Db;
use bangkom_db::import::{ImportOptions, ImportReport, SKM_COLUMNS, import_skm};
use bangkom_io::TableReader;
use time::Date;
use time::macros::date;

use crate::support::{actor, both, load_org, scalar};

const TODAY: Date = date!(2025 - 12 - 31);
const ROWS: usize = 20_000;

/// `n` valid rows over `units`, 2025, with a few unanswered items; `bad` replaces one row's line.
fn file(units: &[String], n: usize, bad: Option<(usize, &str)>) -> Vec<u8> {
    let mut s = SKM_COLUMNS
        .iter()
        .map(|c| c.name)
        .collect::<Vec<_>>()
        .join(",");
    s.push('\n');
    for i in 0..n {
        if let Some((at, line)) = bad
            && at == i
        {
            s.push_str(line);
            s.push('\n');
            continue;
        }
        let day = date!(2025 - 01 - 01) + time::Duration::days((i * 7 % 365) as i64);
        let layanan = ["kk", "ktp-el", ""][i % 3];
        s.push_str(&format!(
            "{day},{},{layanan},{},{},SMA,Swasta",
            units[i % units.len()],
            ["L", "P", ""][i % 3],
            20 + i % 50
        ));
        for k in 0..9 {
            let x = (i * 31 + k * 17) % 23;
            if x == 0 {
                s.push(',');
            } else {
                s.push_str(&format!(",{}", 1 + x % 4));
            }
        }
        s.push_str(if i % 10 == 0 {
            ",\"cepat, ramah\"\n"
        } else {
            ",\n"
        });
    }
    s.into_bytes()
}

async fn import(db: &Db, bytes: Vec<u8>, opts: ImportOptions) -> ImportReport {
    let reader = TableReader::from_bytes("skm.csv", bytes).unwrap();
    import_skm(db, &actor(), reader, opts, TODAY, |_, _, _| {})
        .await
        .unwrap()
}

/// The aggregates against the full scan, for every unit and a few periods; returns the pooled
/// figures of the year (a fingerprint of the stored state).
async fn check(db: &Db) -> Vec<(i64, bangkom_core::skm::Akumulator)> {
    for (from, to) in [
        (date!(2025 - 01 - 01), date!(2025 - 12 - 31)),
        (date!(2025 - 02 - 01), date!(2025 - 02 - 28)),
        (date!(2025 - 03 - 17), date!(2025 - 07 - 02)),
    ] {
        assert_eq!(
            db.skm_akumulator_per_unit(None, from, to).await.unwrap(),
            db.skm_akumulator_per_unit_scan(None, from, to)
                .await
                .unwrap(),
            "{from}..{to}: aggregates differ from the scan"
        );
    }
    db.skm_akumulator_per_unit(None, date!(2025 - 01 - 01), TODAY)
        .await
        .unwrap()
}

/// The directory of the SQLite database file.
async fn db_dir(db: &Db) -> std::path::PathBuf {
    let (file,): (String,) = bangkom_db::on!(db, p => sqlx::query_as(
        "SELECT file FROM pragma_database_list WHERE name = 'main'"
    ).fetch_one(p).await.unwrap());
    std::path::Path::new(&file).parent().unwrap().to_path_buf()
}

/// Files left beside the SQLite database by the aggregate scratch build.
async fn scratch_files(db: &Db) -> Vec<String> {
    std::fs::read_dir(db_dir(db).await)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with(".skm-agregat-"))
        .collect()
}

async fn indexes(db: &Db) -> i64 {
    scalar(
        db,
        "SELECT COUNT(*) FROM sqlite_master WHERE type = 'index' AND name IN \
         ('skm_respons_unit_tanggal', 'skm_respons_tanggal', 'skm_agregat_unit')",
    )
    .await
}

async fn story_stream(db: &Db) {
    let org = load_org(db).await;
    let units: Vec<String> = org
        .all()
        .iter()
        .filter(|o| o.layanan)
        .take(40)
        .map(|o| o.kode.clone())
        .collect();
    let mut db = db.clone();
    // Small loads take the bulk path too (SQLite: indexes built again inside the transaction).
    db.set_bulk_rows(1_000);
    let db = &db;
    let sqlite = db.backend() == "sqlite";
    if sqlite {
        // A scratch file left by an import that was killed: removed by the next bulk load.
        let dir = db_dir(db).await;
        std::fs::write(dir.join(".skm-agregat-tewas.tmp"), b"x").unwrap();
    }

    // A valid file of three chunks: stored whole, aggregates exact.
    let r = import(db, file(&units, ROWS, None), ImportOptions::default()).await;
    assert!(r.errors.is_empty(), "{:?}", r.errors.first());
    assert_eq!(
        (r.dibaca, r.diimpor, r.ditolak, r.ditulis),
        (ROWS, ROWS, 0, true)
    );
    assert_eq!(db.skm_count().await.unwrap(), ROWS as i64);
    let before = check(db).await;
    assert_eq!(
        before.iter().map(|(_, a)| a.responden).sum::<u64>(),
        ROWS as u64
    );
    if sqlite {
        assert_eq!(indexes(db).await, 3, "indexes rebuilt after the bulk load");
        // The aggregates of this first load went through a scratch file beside the database
        // (skm_impor/bantu.rs): it is gone afterwards, and so is the stale one.
        assert!(
            scratch_files(db).await.is_empty(),
            "{:?}",
            scratch_files(db).await
        );
    }
    let audits = scalar(
        db,
        "SELECT COUNT(*) FROM audit WHERE entitas = 'skm_respons'",
    )
    .await;

    // An invalid answer in the last chunk: refused, nothing of the earlier chunks is kept.
    let last = ROWS - 3;
    let bad_answer = format!(
        "2025-05-05,{},kk,L,30,SMA,Swasta,4,4,5,4,4,4,4,4,4,",
        units[0]
    );
    let r = import(
        db,
        file(&units, ROWS, Some((last, &bad_answer))),
        ImportOptions::default(),
    )
    .await;
    assert!(!r.ditulis);
    assert_eq!((r.dibaca, r.diimpor, r.ditolak), (ROWS, 0, 1));
    assert_eq!(r.errors.len(), 1);
    assert_eq!(r.errors[0].row, last + 2, "row as the spreadsheet shows it");
    assert_eq!(r.errors[0].column, "waktu");
    assert_eq!(db.skm_count().await.unwrap(), ROWS as i64);
    assert_eq!(check(db).await, before);
    assert_eq!(
        scalar(
            db,
            "SELECT COUNT(*) FROM audit WHERE entitas = 'skm_respons'"
        )
        .await,
        audits
    );
    if sqlite {
        assert_eq!(indexes(db).await, 3, "a rolled-back load keeps the indexes");
    }

    // A row the reader refuses (text after a closing quote), last chunk: refused as well.
    let broken = format!(
        "2025-05-05,{},kk,L,30,SMA,Swasta,4,4,4,4,4,4,4,4,4,\"x\"y",
        units[0]
    );
    let r = import(
        db,
        file(&units, ROWS, Some((ROWS - 1, &broken))),
        ImportOptions::default(),
    )
    .await;
    assert!(!r.ditulis);
    assert_eq!(r.errors.len(), 1, "{:?}", r.errors);
    assert_eq!(r.errors[0].row, ROWS + 1);
    assert_eq!(db.skm_count().await.unwrap(), ROWS as i64);
    assert_eq!(check(db).await, before);

    // A dry run of a valid file writes nothing.
    let r = import(
        db,
        file(&units, ROWS, None),
        ImportOptions {
            dry_run: true,
            skip_invalid: false,
        },
    )
    .await;
    assert!(!r.ditulis && r.errors.is_empty());
    assert_eq!(r.dibaca, ROWS);
    assert_eq!(db.skm_count().await.unwrap(), ROWS as i64);

    // Skipping invalid rows: every other row stored, the rejected one kept with its reason.
    let r = import(
        db,
        file(&units, ROWS, Some((last, &bad_answer))),
        ImportOptions {
            dry_run: false,
            skip_invalid: true,
        },
    )
    .await;
    assert!(r.ditulis);
    assert_eq!((r.diimpor, r.ditolak), (ROWS - 1, 1));
    assert_eq!(r.rejected.len(), 1);
    assert_eq!(r.rejected[0].0, last + 2);
    assert_eq!(r.rejected[0].1[9], "5");
    assert!(
        r.rejected[0].2.starts_with("waktu: "),
        "{}",
        r.rejected[0].2
    );
    assert_eq!(db.skm_count().await.unwrap(), (2 * ROWS - 1) as i64);
    let after = check(db).await;
    assert_eq!(
        after.iter().map(|(_, a)| a.responden).sum::<u64>(),
        (2 * ROWS - 1) as u64
    );
    if sqlite {
        // The second bulk load (as large as the table: the bulk path again) keeps them too.
        assert_eq!(indexes(db).await, 3);
    }
}

both!(
    story_stream,
    skm_impor_stream_sqlite,
    skm_impor_stream_postgres
);

/// The import (a direct connection on a SQLite file) and `skm_insert` (the pool) store the same
/// values for the same questionnaires — every column's stored text and type, a full row and one
/// of empty cells — which read back as the types they were; the aggregates of both units agree.
async fn story_same_values(db: &Db) {
    use bangkom_core::skm::{Kuesioner, KuesionerInput};
    use bangkom_db::skm::ResponsValues;
    let org = load_org(db).await;
    let mut units = org.all().iter().filter(|o| o.layanan);
    let (a, b) = (units.next().unwrap(), units.next().unwrap());
    let lines = [
        "2025-03-04,{u},ktp-el,P,34,S1,PNS,4,3,2,1,4,3,2,1,4,\"cepat, \"\"ramah\"\"\"",
        "2025-12-31,{u},,,,,,1,,4,,3,,2,,1,",
    ];
    let mut s = SKM_COLUMNS
        .iter()
        .map(|c| c.name)
        .collect::<Vec<_>>()
        .join(",");
    // 33 copies of each: the direct writer's statements of several rows and its single-row one.
    let lines: Vec<&str> = (0..33).flat_map(|_| lines).collect();
    for l in &lines {
        s.push('\n');
        s.push_str(&l.replace("{u}", a.kode.as_str()));
    }
    let r = import(db, s.into_bytes(), ImportOptions::default()).await;
    assert!(r.errors.is_empty() && r.diimpor == 66, "{:?}", r.errors);
    let header = SKM_COLUMNS
        .iter()
        .map(|c| c.name)
        .collect::<Vec<_>>()
        .join(",");
    let body = lines
        .iter()
        .map(|l| l.replace("{u}", b.kode.as_str()))
        .collect::<Vec<_>>()
        .join("\n");
    let mut reader =
        TableReader::from_bytes("b.csv", format!("{header}\n{body}\n").into_bytes()).unwrap();
    let mut rows: Vec<ResponsValues> = Vec::new();
    let mut c = Vec::new();
    while reader.next_row(&mut c).unwrap().is_some() {
        let k = Kuesioner::validate(
            &KuesionerInput {
                tanggal: c[0].clone(),
                unit: c[1].clone(),
                layanan: c[2].clone(),
                jenis_kelamin: c[3].clone(),
                umur: c[4].clone(),
                pendidikan: c[5].clone(),
                pekerjaan: c[6].clone(),
                jawaban: std::array::from_fn(|i| c[7 + i].clone()),
                saran: c[16].clone(),
            },
            TODAY,
        )
        .unwrap();
        rows.push(ResponsValues::resolve(k, &org).unwrap());
    }
    assert_eq!(db.skm_insert(&actor(), &rows, "impor").await.unwrap(), 66);

    let sqlite = db.backend() == "sqlite";
    let cols = [
        "layanan",
        "tanggal",
        "jenis_kelamin",
        "umur",
        "pendidikan",
        "pekerjaan",
        "persyaratan",
        "prosedur",
        "waktu",
        "biaya",
        "produk",
        "kompetensi",
        "perilaku",
        "pengaduan",
        "sarana",
        "saran",
        "sumber",
        "dikecualikan",
        "alasan_kecuali",
    ];
    let text = cols
        .iter()
        .map(|c| {
            if sqlite {
                format!("typeof({c}) || ':' || COALESCE(CAST({c} AS TEXT), '')")
            } else {
                format!("COALESCE(CAST({c} AS TEXT), '-')")
            }
        })
        .collect::<Vec<_>>()
        .join(" || '|' || ");
    // The timestamp's shape (the instant differs, and so does the length of its fraction).
    let dibuat = if sqlite {
        "typeof(dibuat) || ':' || (dibuat GLOB \
         '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]:[0-9][0-9]*Z')"
    } else {
        "'timestamptz'"
    };
    type Typed = (
        Option<String>,
        time::Date,
        Option<String>,
        Option<i64>,
        Option<i64>,
        Option<String>,
        bool,
        time::OffsetDateTime,
    );
    let read = |unit: i64| {
        let text = format!(
            "SELECT {text} || '|' || {dibuat} FROM skm_respons WHERE unit_id = $1 ORDER BY tanggal, respons_id"
        );
        async move {
            let typed = "SELECT layanan, tanggal, jenis_kelamin, umur, prosedur, saran, \
                         dikecualikan, dibuat FROM skm_respons WHERE unit_id = $1 ORDER BY tanggal, respons_id";
            let raw: Vec<(String,)> = bangkom_db::on!(db, p => sqlx::query_as(&text).bind(unit).fetch_all(p).await.unwrap());
            let typed: Vec<Typed> = bangkom_db::on!(db, p => sqlx::query_as(typed).bind(unit).fetch_all(p).await.unwrap());
            (raw, typed)
        }
    };
    let (imported_text, imported) = read(a.org_id).await;
    let (pooled_text, pooled) = read(b.org_id).await;
    assert_eq!(imported_text.len(), 66);
    assert_eq!(imported_text, pooled_text, "stored text differs");
    if sqlite {
        assert!(
            imported_text.iter().all(|(t,)| t.ends_with("|text:1")),
            "{imported_text:?}"
        );
    }
    let strip = |v: Vec<Typed>| {
        v.into_iter()
            .map(|t| (t.0, t.1, t.2, t.3, t.4, t.5, t.6))
            .collect::<Vec<_>>()
    };
    assert_eq!(strip(imported.clone()), strip(pooled.clone()));
    assert!((imported[0].7 - pooled[0].7).abs() < time::Duration::minutes(1));
    let full = &imported[0];
    assert_eq!(full.0.as_deref(), Some("ktp-el"));
    assert_eq!(full.1, date!(2025 - 03 - 04));
    assert_eq!(
        (full.2.as_deref(), full.3, full.4),
        (Some("P"), Some(34), Some(3))
    );
    assert_eq!(full.5.as_deref(), Some("cepat, \"ramah\""));
    assert!(!full.6);
    let empty = &imported[65];
    assert_eq!(
        (&empty.0, &empty.2, empty.3, empty.4),
        (&None, &None, None, None)
    );
    let (ia, ib) = (
        db.skm_akumulator_per_unit(Some(&[a.org_id]), date!(2025 - 01 - 01), TODAY)
            .await
            .unwrap(),
        db.skm_akumulator_per_unit(Some(&[b.org_id]), date!(2025 - 01 - 01), TODAY)
            .await
            .unwrap(),
    );
    assert_eq!(ia.len(), 1);
    assert_eq!(ia[0].1, ib[0].1);
    check(db).await;
}

both!(story_same_values, same_values_sqlite, same_values_postgres);
