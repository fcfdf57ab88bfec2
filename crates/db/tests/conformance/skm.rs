//! Story 6: SKM storage. Pooled aggregates over hand-made questionnaires equal the engine's
//! own accumulator over the same answers (REFERENCE §0.3, §0.7): NRR divisors per unsur, an
//! inclusive date range, subtree scope vs every unit, per-unit sums adding up to the total,
//! audited exclusions; and the paper-questionnaire import (row/column errors, all or nothing,
//! `skip_invalid`).

use bangkom_core::org::OrgKode;
use bangkom_core::skm::{Akumulator, Bobot, Jawaban, Kuesioner, Unsur};
use bangkom_db::audit::AuditFilter;
use bangkom_db::import::{ImportError, ImportOptions, ImportReport, SKM_COLUMNS, import_skm};
use bangkom_db::org::OrgIndex;
use bangkom_db::skm::ResponsValues;
use bangkom_db::{Db, DbError};
use bangkom_io::TableReader;
use time::Date;
use time::macros::date;

use crate::support::{actor, both, csv, load_org, scalar};

/// Two units of one OPD and one unit of another OPD, from the loaded demo tree.
fn pick_units(org: &OrgIndex) -> (String, String, String, String) {
    let mut opds = org.all().iter().filter(|o| o.jenis == "opd").filter(|o| {
        org.children(o.org_id)
            .iter()
            .filter(|c| c.jenis == "unit")
            .count()
            >= 2
    });
    let x = opds.next().unwrap();
    let y = opds.next().unwrap();
    let xs = org.children(x.org_id);
    let ys = org.children(y.org_id);
    (
        x.kode.clone(),
        xs[0].kode.clone(),
        xs[1].kode.clone(),
        ys[0].kode.clone(),
    )
}

fn respons(org: &OrgIndex, unit: &str, tanggal: Date, j: Jawaban) -> ResponsValues {
    let k = Kuesioner {
        tanggal,
        unit: OrgKode::parse(unit).unwrap(),
        layanan: Some("kk".into()),
        jenis_kelamin: None,
        umur: Some(40),
        pendidikan: None,
        pekerjaan: None,
        jawaban: j,
        saran: None,
    };
    ResponsValues::resolve(k, org).unwrap()
}

fn j(v: [Option<u8>; 9]) -> Jawaban {
    Jawaban::new(v).unwrap()
}

async fn story_akumulator(db: &Db) {
    let org = load_org(db).await;
    let (opd_x, u1, u2, u3) = pick_units(&org);
    let (from, to) = (date!(2025 - 03 - 01), date!(2025 - 03 - 31));

    let a = j([Some(4); 9]);
    // Waktu and sarana unanswered (REFERENCE §0.2).
    let b = j([
        Some(3),
        Some(2),
        None,
        Some(4),
        Some(3),
        Some(3),
        Some(2),
        Some(1),
        None,
    ]);
    let c = j([
        Some(2),
        Some(3),
        Some(4),
        Some(1),
        None,
        Some(2),
        Some(3),
        Some(4),
        Some(3),
    ]);
    let d = j([Some(1); 9]);
    let before = j([Some(2); 9]);
    let after = j([Some(3); 9]);
    let rows = vec![
        respons(&org, &u1, from, a),                  // first day
        respons(&org, &u1, date!(2025 - 03 - 15), b), //
        respons(&org, &u2, to, c),                    // last day
        respons(&org, &u3, date!(2025 - 03 - 10), d), // other OPD
        respons(&org, &u1, date!(2025 - 02 - 28), before),
        respons(&org, &u2, date!(2025 - 04 - 01), after),
    ];
    assert_eq!(db.skm_insert(&actor(), &rows, "kertas").await.unwrap(), 6);
    assert_eq!(db.skm_count().await.unwrap(), 6);

    // Every unit: the engine over the same four questionnaires.
    let all = db.skm_akumulator(None, from, to).await.unwrap();
    assert_eq!(all, Akumulator::dari([&a, &b, &c, &d]));
    assert!(all.konsisten());
    assert_eq!(all.responden, 4);
    // NRR divides by those who answered (REFERENCE §0.3): waktu 3 of 4, sarana 3, produk 3.
    assert_eq!(all.terisi[Unsur::Waktu.index()], 3);
    assert_eq!(all.jumlah[Unsur::Waktu.index()], 4 + 4 + 1);
    let h = all.hitung(Bobot::Sepersembilan);
    assert_eq!(h.nrr_of(Unsur::Waktu), Some(3.0));
    assert_eq!(h.nrr_of(Unsur::Sarana), Some(8.0 / 3.0));
    assert_eq!(
        h,
        Akumulator::dari([&a, &b, &c, &d]).hitung(Bobot::Sepersembilan)
    );

    // Inclusive at both ends.
    let first = db.skm_akumulator(None, from, from).await.unwrap();
    assert_eq!(first, Akumulator::dari([&a]));
    let last = db.skm_akumulator(None, to, to).await.unwrap();
    assert_eq!(last, Akumulator::dari([&c]));
    let wide = db
        .skm_akumulator(None, date!(2025 - 02 - 28), date!(2025 - 04 - 01))
        .await
        .unwrap();
    assert_eq!(wide.responden, 6);
    let empty = db
        .skm_akumulator(None, date!(2024 - 01 - 01), date!(2024 - 12 - 31))
        .await
        .unwrap();
    assert!(empty.kosong());
    assert_eq!(empty.hitung(Bobot::Sepersembilan).nilai, None);

    // Subtree of OPD X vs one unit vs everything.
    let x_id = org.by_kode(&opd_x).unwrap().org_id;
    let sub = org.subtree(x_id);
    let in_x = db.skm_akumulator(Some(&sub), from, to).await.unwrap();
    assert_eq!(in_x, Akumulator::dari([&a, &b, &c]));
    let u3_id = org.by_kode(&u3).unwrap().org_id;
    let only_u3 = db.skm_akumulator(Some(&[u3_id]), from, to).await.unwrap();
    assert_eq!(only_u3, Akumulator::dari([&d]));
    assert_ne!(in_x, all);

    // Per unit: each unit's own answers, absent units absent, sums add up to the total.
    let per = db.skm_akumulator_per_unit(None, from, to).await.unwrap();
    assert_eq!(per.len(), 3);
    let id = |k: &str| org.by_kode(k).unwrap().org_id;
    let of = |uid: i64| per.iter().find(|(u, _)| *u == uid).map(|(_, a)| *a);
    assert_eq!(of(id(&u1)), Some(Akumulator::dari([&a, &b])));
    assert_eq!(of(id(&u2)), Some(Akumulator::dari([&c])));
    assert_eq!(of(id(&u3)), Some(Akumulator::dari([&d])));
    let mut total = Akumulator::default();
    for (_, acc) in &per {
        total.merge(acc);
    }
    assert_eq!(total, all);
    let per_x = db
        .skm_akumulator_per_unit(Some(&sub), from, to)
        .await
        .unwrap();
    assert_eq!(per_x.len(), 2);
    assert!(per_x.iter().all(|(u, _)| *u != u3_id));

    // Excluding u3's response: it no longer counts, an audit row says why, nothing deleted.
    let rid = scalar(
        db,
        &format!("SELECT respons_id FROM skm_respons WHERE unit_id = {u3_id}"),
    )
    .await;
    db.skm_exclude(&actor(), rid, true, "isian ganda")
        .await
        .unwrap();
    let without = db.skm_akumulator(None, from, to).await.unwrap();
    assert_eq!(without, Akumulator::dari([&a, &b, &c]));
    let per = db.skm_akumulator_per_unit(None, from, to).await.unwrap();
    assert!(per.iter().all(|(u, _)| *u != u3_id));
    assert_eq!(db.skm_count().await.unwrap(), 6);
    let audit = db
        .audit_list(&AuditFilter {
            entitas: Some("skm_respons".into()),
            kunci: Some(rid.to_string()),
            page: 1,
            per_page: 10,
        })
        .await
        .unwrap();
    assert_eq!(audit.len(), 1, "{audit:?}");
    assert_eq!(audit[0].aksi, "kecualikan");
    assert_eq!(audit[0].pelaku, actor().nama);
    assert!(
        audit[0]
            .sesudah
            .as_deref()
            .is_some_and(|s| s.contains("isian ganda")),
        "{audit:?}"
    );
    // Re-included: counts again, a second audit row.
    db.skm_exclude(&actor(), rid, false, "ternyata sah")
        .await
        .unwrap();
    assert_eq!(db.skm_akumulator(None, from, to).await.unwrap(), all);
    let audit = db
        .audit_list(&AuditFilter {
            entitas: Some("skm_respons".into()),
            kunci: Some(rid.to_string()),
            page: 1,
            per_page: 10,
        })
        .await
        .unwrap();
    assert_eq!(audit.len(), 2);
    assert_eq!(audit[0].aksi, "sertakan");
    // An unknown id is an error, not a silent no-op.
    assert!(matches!(
        db.skm_exclude(&actor(), rid + 1000, true, "x").await,
        Err(DbError::NotFound)
    ));
}

both!(story_akumulator, akumulator_sqlite, akumulator_postgres);

/// Burst detection reads the web responses that arrived since a moment (their arrival day in
/// WIB is the stored `tanggal`): paper ones and older ones are not part of it.
async fn story_web_times(db: &Db) {
    let org = load_org(db).await;
    let (_, u1, u2, _) = pick_units(&org);
    let wib = time::UtcOffset::from_hms(7, 0, 0).unwrap();
    let today = time::OffsetDateTime::now_utc().to_offset(wib).date();
    let a = j([Some(4); 9]);
    let web = vec![respons(&org, &u1, today, a), respons(&org, &u2, today, a)];
    let since = time::OffsetDateTime::now_utc() - time::Duration::minutes(5);
    assert_eq!(db.skm_insert(&actor(), &web, "web").await.unwrap(), 2);
    let paper = vec![respons(&org, &u1, today, a)];
    assert_eq!(db.skm_insert(&actor(), &paper, "kertas").await.unwrap(), 1);
    let times = db.skm_web_times(since).await.unwrap();
    let units: Vec<i64> = times.iter().map(|(u, _)| *u).collect();
    let mut want = vec![web[0].unit_id, web[1].unit_id];
    want.sort();
    assert_eq!(units, want);
    assert!(times.iter().all(|(_, t)| *t >= since));
    // A moment after them: none.
    let later = time::OffsetDateTime::now_utc() + time::Duration::minutes(1);
    assert!(db.skm_web_times(later).await.unwrap().is_empty());
}

both!(story_web_times, web_times_sqlite, web_times_postgres);

const TODAY: Date = date!(2025 - 12 - 31);

fn header() -> Vec<&'static str> {
    SKM_COLUMNS.iter().map(|c| c.name).collect()
}

/// One file row: date, unit, age and the nine answers ("" = not answered).
fn row(tanggal: &str, unit: &str, umur: &str, answers: [&str; 9]) -> Vec<String> {
    let mut r: Vec<String> = vec![
        tanggal.into(),
        unit.into(),
        "ktp-el".into(),
        "P".into(),
        umur.into(),
        "SMA".into(),
        "Swasta".into(),
    ];
    r.extend(answers.iter().map(|s| s.to_string()));
    r.push("cepat".into());
    r
}

async fn import(db: &Db, bytes: Vec<u8>, opts: ImportOptions) -> Result<ImportReport, ImportError> {
    let reader = TableReader::from_bytes("skm.csv", bytes).unwrap();
    import_skm(db, &actor(), reader, opts, TODAY, |_, _, _| {}).await
}

async fn story_import(db: &Db) {
    let org = load_org(db).await;
    let (_, u1, u2, _) = pick_units(&org);
    let (from, to) = (date!(2025 - 01 - 01), TODAY);

    // A valid file: every row stored, same aggregate as the engine.
    let good = vec![
        row("2025-06-02", &u1, "34", ["4"; 9]),
        row(
            "2025-06-03",
            &u1,
            "",
            ["3", "3", "", "2", "4", "3", "3", "2", "4"],
        ),
        row(
            "2025-12-31",
            &u2,
            "61",
            ["2", "1", "3", "4", "2", "2", "3", "", ""],
        ),
    ];
    let r = import(db, csv(&header(), &good), ImportOptions::default())
        .await
        .unwrap();
    assert!(r.errors.is_empty(), "{:?}", r.errors);
    assert_eq!((r.dibaca, r.diimpor, r.ditolak), (3, 3, 0));
    assert!(r.ditulis);
    assert_eq!(db.skm_count().await.unwrap(), 3);
    let expect = Akumulator::dari(&[
        j([Some(4); 9]),
        j([
            Some(3),
            Some(3),
            None,
            Some(2),
            Some(4),
            Some(3),
            Some(3),
            Some(2),
            Some(4),
        ]),
        j([
            Some(2),
            Some(1),
            Some(3),
            Some(4),
            Some(2),
            Some(2),
            Some(3),
            None,
            None,
        ]),
    ]);
    assert_eq!(db.skm_akumulator(None, from, to).await.unwrap(), expect);

    // A bad file: each error names its row and column; nothing is written.
    let bad = vec![
        row("2025-07-01", &u1, "30", ["4"; 9]), // row 2: valid
        row(
            "2025-07-01",
            &u1,
            "30",
            ["5", "4", "4", "4", "4", "4", "4", "4", "4"],
        ),
        row(
            "2025-07-01",
            &u1,
            "30",
            ["4", "0", "4", "4", "4", "4", "4", "4", "4"],
        ),
        row("2025-02-31", &u1, "30", ["4"; 9]),
        row("2026-01-05", &u1, "30", ["4"; 9]),
        row("2025-07-01", "15.P99.99", "30", ["4"; 9]),
        row("2025-07-01", &u2, "7", ["4"; 9]),
    ];
    let r = import(db, csv(&header(), &bad), ImportOptions::default())
        .await
        .unwrap();
    let at = |row: usize, col: &str| r.errors.iter().any(|e| e.row == row && e.column == col);
    for (n, col) in [
        (3, "persyaratan"),
        (4, "prosedur"),
        (5, "tanggal"),
        (6, "tanggal"),
        (7, "unit"),
        (8, "umur"),
    ] {
        assert!(
            at(n, col),
            "no error at row {n}, column {col}: {:?}",
            r.errors
        );
    }
    assert!(r.errors.iter().all(|e| e.row != 2), "{:?}", r.errors);
    assert!(
        r.errors
            .iter()
            .any(|e| e.row == 6 && e.message.contains("masa depan"))
    );
    assert_eq!((r.dibaca, r.ditolak, r.diimpor), (7, 6, 0));
    assert!(!r.ditulis);
    assert_eq!(db.skm_count().await.unwrap(), 3);

    // A missing column stops the import before any row.
    let short: Vec<&str> = header().into_iter().filter(|h| *h != "sarana").collect();
    let rows: Vec<Vec<String>> = good
        .iter()
        .map(|r| {
            let mut r = r.clone();
            r.remove(15);
            r
        })
        .collect();
    match import(db, csv(&short, &rows), ImportOptions::default()).await {
        Err(ImportError::Read(e)) => assert!(e.to_string().contains("sarana"), "{e}"),
        other => panic!("expected a missing-column error, got {other:?}"),
    }
    assert_eq!(db.skm_count().await.unwrap(), 3);

    // skip_invalid: only the valid row is written; the six others are returned with reasons.
    let opts = ImportOptions {
        dry_run: false,
        skip_invalid: true,
    };
    let r = import(db, csv(&header(), &bad), opts).await.unwrap();
    assert_eq!((r.diimpor, r.ditolak), (1, 6));
    assert!(r.ditulis);
    assert_eq!(r.rejected.len(), 6);
    assert!(
        r.rejected
            .iter()
            .all(|(row, _, why)| *row > 2 && !why.is_empty())
    );
    assert_eq!(db.skm_count().await.unwrap(), 4);
    let july = db
        .skm_akumulator(None, date!(2025 - 07 - 01), date!(2025 - 07 - 01))
        .await
        .unwrap();
    assert_eq!(july, Akumulator::dari(&[j([Some(4); 9])]));
}

both!(story_import, import_skm_sqlite, import_skm_postgres);
