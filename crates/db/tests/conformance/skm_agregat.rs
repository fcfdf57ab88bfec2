//! Story: the maintained IKM aggregates (migration 0013) always equal a full recomputation from
//! `skm_respons`. A seeded random sequence of every write path (bulk store as `skm import` and
//! the paper form do, single web submissions with tokens and local answers, group-committed
//! batches, exclusions, re-inclusions and reason-only changes) is checked after each step, for
//! several scopes and periods (daily, whole months, ragged ranges over a year end), exactly:
//! the same sums and counts per unit. Also: a batch refuses a reused token for that item only,
//! and migration 0013 backfills the aggregates from questionnaires stored before it.

use bangkom_core::org::OrgKode;
use bangkom_core::skm::{Akumulator, Jawaban, JawabanLokal, Kuesioner, TokenDitolak};
use bangkom_db::Db;
use bangkom_db::org::OrgIndex;
use bangkom_db::skm::ResponsValues;
use bangkom_db::skm_survei::Kiriman;
use time::Date;
use time::macros::date;

use crate::support::{actor, both, load_org, scalar};

/// A small seeded generator (xorshift64*): same seed, same sequence.
struct Acak(u64);

impl Acak {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    fn below(&mut self, n: usize) -> usize {
        usize::try_from(self.next() % n.max(1) as u64).unwrap()
    }
}

const AWAL: Date = date!(2024 - 11 - 20);
const HARI: usize = 140;

fn acak_respons(r: &mut Acak, org: &OrgIndex, units: &[(i64, String)]) -> ResponsValues {
    let (_, kode) = &units[r.below(units.len())];
    let mut v = [None; 9];
    for slot in &mut v {
        // About one answer in six left empty (REFERENCE §0.2).
        *slot = (r.below(6) != 0).then(|| u8::try_from(1 + r.below(4)).unwrap());
    }
    let layanan = [None, Some("kk"), Some("ktp")][r.below(3)].map(str::to_string);
    let k = Kuesioner {
        tanggal: AWAL + time::Duration::days(i64::try_from(r.below(HARI)).unwrap()),
        unit: OrgKode::parse(kode).unwrap(),
        layanan,
        jenis_kelamin: None,
        umur: Some(30),
        pendidikan: None,
        pekerjaan: None,
        jawaban: Jawaban::new(v).unwrap(),
        saran: None,
    };
    ResponsValues::resolve(k, org).unwrap()
}

/// Service units of two OPDs (at least two each), and the first OPD's id.
fn pick(org: &OrgIndex) -> (Vec<(i64, String)>, i64, Vec<i64>) {
    let opds: Vec<_> = org
        .all()
        .iter()
        .filter(|o| o.jenis == "opd")
        .filter(|o| {
            org.children(o.org_id)
                .iter()
                .filter(|c| c.jenis == "unit")
                .count()
                >= 2
        })
        .take(2)
        .collect();
    let mut units = Vec::new();
    let mut first = Vec::new();
    for (i, o) in opds.iter().enumerate() {
        for c in org.children(o.org_id).iter().filter(|c| c.jenis == "unit") {
            units.push((c.org_id, c.kode.clone()));
            if i == 0 {
                first.push(c.org_id);
            }
        }
    }
    (units, opds[0].org_id, first)
}

async fn ids(db: &Db) -> Vec<(i64, bool)> {
    bangkom_db::on!(db, p => sqlx::query_as("SELECT respons_id, dikecualikan FROM skm_respons ORDER BY respons_id")
        .fetch_all(p).await.unwrap())
}

/// Aggregates against the full scan for every scope × period, exactly.
async fn check(db: &Db, units: &[(i64, String)], opd_units: &[i64], step: usize) {
    let one = [units[0].0];
    let scopes: [Option<&[i64]>; 4] = [None, Some(&one), Some(opd_units), Some(&[])];
    let periods = [
        (AWAL, AWAL + time::Duration::days(HARI as i64)),
        (date!(2024 - 12 - 01), date!(2024 - 12 - 31)),
        (date!(2025 - 01 - 01), date!(2025 - 03 - 31)),
        (date!(2024 - 12 - 17), date!(2025 - 02 - 03)),
        (date!(2025 - 02 - 01), date!(2025 - 02 - 01)),
        (date!(2025 - 02 - 28), date!(2025 - 03 - 01)),
        (date!(2024 - 01 - 01), date!(2024 - 06 - 30)),
        (date!(2024 - 01 - 01), date!(2025 - 12 - 31)),
    ];
    for scope in scopes {
        for (from, to) in periods {
            let agg = db.skm_akumulator_per_unit(scope, from, to).await.unwrap();
            let scan = db
                .skm_akumulator_per_unit_scan(scope, from, to)
                .await
                .unwrap();
            assert_eq!(
                agg, scan,
                "step {step}, scope {scope:?}, {from}..{to}: aggregates differ from the scan"
            );
            let mut pooled = Akumulator::default();
            scan.iter().for_each(|(_, a)| pooled.merge(a));
            assert_eq!(db.skm_akumulator(scope, from, to).await.unwrap(), pooled);
        }
    }
}

async fn story_acak(db: &Db) {
    let org = load_org(db).await;
    let (units, _, opd_units) = pick(&org);
    let mut r = Acak(0x5EED_2026);
    let later = bangkom_db::now() + time::Duration::hours(1);
    let mut token = 0;
    for step in 0..36 {
        match r.below(5) {
            0 => {
                let n = 1 + r.below(40);
                let rows: Vec<ResponsValues> =
                    (0..n).map(|_| acak_respons(&mut r, &org, &units)).collect();
                let sumber = ["kertas", "impor"][r.below(2)];
                db.skm_insert(&actor(), &rows, sumber).await.unwrap();
            }
            1 => {
                let v = acak_respons(&mut r, &org, &units);
                let lokal = [JawabanLokal {
                    kode: "l1".into(),
                    pertanyaan: "Apakah antrean tertib?".into(),
                    skala: Some(1),
                    teks: None,
                }];
                db.skm_kirim(&v, None, &lokal[..r.below(2)])
                    .await
                    .unwrap()
                    .unwrap();
            }
            2 => {
                // A batch with tokens: one unknown, one used twice (the second is refused).
                let mut items: Vec<Kiriman> = (0..1 + r.below(12))
                    .map(|_| Kiriman {
                        v: acak_respons(&mut r, &org, &units),
                        token_hash: None,
                        lokal: Vec::new(),
                    })
                    .collect();
                token += 1;
                let h = format!("acak-{token}");
                db.skm_token_terbit(&h, items[0].v.unit_id, Some("kk"), None, later)
                    .await
                    .unwrap();
                items[0].token_hash = Some(h.clone());
                let mut again = items[0].clone();
                again.v = acak_respons(&mut r, &org, &units);
                again.v.unit_id = items[0].v.unit_id;
                items.push(again);
                let mut unknown = items[0].clone();
                unknown.token_hash = Some("tidak-ada".into());
                items.push(unknown);
                let n = items.len();
                let out = db.skm_kirim_batch(&items).await.unwrap();
                assert_eq!(out.len(), n);
                assert!(out[0].is_ok());
                assert_eq!(out[n - 2], Err(TokenDitolak::SudahDipakai));
                assert_eq!(out[n - 1], Err(TokenDitolak::TidakDikenal));
                assert!(out[..n - 2].iter().all(Result::is_ok));
            }
            _ => {
                // Exclude, re-include, or change only the reason of a random response.
                let all = ids(db).await;
                if all.is_empty() {
                    continue;
                }
                for _ in 0..1 + r.below(6) {
                    let (id, now_out) = all[r.below(all.len())];
                    let exclude = match r.below(3) {
                        0 => now_out, // same state, new reason
                        _ => !now_out,
                    };
                    db.skm_exclude(&actor(), id, exclude, "uji acak")
                        .await
                        .unwrap();
                }
            }
        }
        check(db, &units, &opd_units, step).await;
    }
    // Concurrent identical exclusions (two administrators at once) move the aggregates once.
    let (id, _) = ids(db).await.into_iter().find(|(_, out)| !out).unwrap();
    for exclude in [true, false] {
        let tasks: Vec<_> = (0..8)
            .map(|_| {
                let db = db.clone();
                tokio::spawn(
                    async move { db.skm_exclude(&actor(), id, exclude, "bersamaan").await },
                )
            })
            .collect();
        for t in tasks {
            t.await.unwrap().unwrap();
        }
        check(db, &units, &opd_units, 100).await;
    }
    // The sequence really exercised every path.
    assert!(
        scalar(
            db,
            "SELECT COUNT(*) FROM skm_respons WHERE dikecualikan = TRUE"
        )
        .await
            > 0
    );
    assert!(scalar(db, "SELECT COUNT(*) FROM skm_respons WHERE sumber = 'web'").await > 0);
    assert!(scalar(db, "SELECT COUNT(*) FROM skm_respons WHERE sumber <> 'web'").await > 0);
    assert!(
        scalar(
            db,
            "SELECT COUNT(*) FROM skm_token WHERE respons_id IS NOT NULL"
        )
        .await
            > 0
    );
    // The used tokens point at stored responses, one each.
    assert_eq!(
        scalar(
            db,
            "SELECT COUNT(*) FROM skm_token WHERE dipakai IS NOT NULL"
        )
        .await,
        scalar(
            db,
            "SELECT COUNT(*) FROM skm_token t JOIN skm_respons r ON r.respons_id = t.respons_id"
        )
        .await
    );
}
both!(story_acak, agregat_acak_sqlite, agregat_acak_postgres);

/// Applies only the migrations before 0013 (copied to a directory and run by sqlx's runtime
/// migrator, so they are recorded exactly as the embedded ones would be).
async fn migrate_before_0013(db: &Db) {
    let dir = bangkom_db::testkit::TempDir::new();
    let src = format!("{}/migrations/{}", env!("CARGO_MANIFEST_DIR"), db.backend());
    for e in std::fs::read_dir(&src).unwrap() {
        let e = e.unwrap();
        let name = e.file_name().to_string_lossy().into_owned();
        if name.as_str() < "0013" {
            std::fs::copy(e.path(), dir.path.join(&name)).unwrap();
        }
    }
    let m = sqlx::migrate::Migrator::new(dir.path.as_path())
        .await
        .unwrap();
    bangkom_db::on!(db, p => m.run(p).await.unwrap());
}

/// Migration 0013 backfills the aggregates from questionnaires stored before it (some excluded,
/// some without a service type); afterwards they equal the scan, and later writes keep them so.
async fn story_backfill(db: &Db) {
    migrate_before_0013(db).await;
    let org = load_org(db).await;
    let (units, _, opd_units) = pick(&org);
    let mut r = Acak(0xBAC_F111);
    let now = bangkom_db::now();
    for _ in 0..300 {
        let v = acak_respons(&mut r, &org, &units);
        let a = v.k.jawaban;
        let j: Vec<Option<i64>> = bangkom_core::skm::Unsur::ALL
            .iter()
            .map(|u| a.get(*u).map(i64::from))
            .collect();
        let out = r.below(5) == 0;
        bangkom_db::on!(db, p => sqlx::query(
            "INSERT INTO skm_respons (unit_id, layanan, tanggal, persyaratan, prosedur, waktu, biaya, produk, \
             kompetensi, perilaku, pengaduan, sarana, sumber, dikecualikan, dibuat) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, 'kertas', $13, $14)")
            .bind(v.unit_id).bind(v.k.layanan.as_deref()).bind(v.k.tanggal)
            .bind(j[0]).bind(j[1]).bind(j[2]).bind(j[3]).bind(j[4]).bind(j[5]).bind(j[6]).bind(j[7]).bind(j[8])
            .bind(out).bind(now)
            .execute(p).await.map(|_| ()).unwrap());
    }
    db.migrate().await.unwrap();
    assert!(scalar(db, "SELECT COUNT(*) FROM skm_agregat").await > 0);
    let pooled = db
        .skm_akumulator(None, AWAL, AWAL + time::Duration::days(HARI as i64))
        .await
        .unwrap();
    let counted = scalar(
        db,
        "SELECT COUNT(*) FROM skm_respons WHERE dikecualikan = FALSE",
    )
    .await;
    assert_eq!(i64::try_from(pooled.responden).unwrap(), counted);
    assert!(
        counted < 300,
        "some rows were excluded before the migration"
    );
    check(db, &units, &opd_units, 0).await;
    for (id, out) in ids(db).await.into_iter().take(40) {
        db.skm_exclude(&actor(), id, !out, "sesudah migrasi")
            .await
            .unwrap();
    }
    check(db, &units, &opd_units, 1).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn agregat_backfill_sqlite() {
    let dir = bangkom_db::testkit::TempDir::new();
    let db = Db::connect(&format!("sqlite://{}/t.db", dir.path.display()))
        .await
        .unwrap();
    story_backfill(&db).await;
    db.close().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn agregat_backfill_postgres() {
    let Some(url) = bangkom_db::testkit::postgres_url().await else {
        return;
    };
    let db = Db::connect(&url).await.unwrap();
    story_backfill(&db).await;
    db.close().await;
}
