//! The monthly duration summaries (migration 0014) give exactly the figures of a full
//! recomputation over the raw rows: seeded random transactions across month boundaries (WIB dates
//! shifted by UTC offsets), whole and partial periods, several scopes, a service-type filter, a
//! unit with its own standard, a second import and an API batch into already summarised months,
//! and summaries rebuilt from the raw rows when a cell is listed as stale.

use bangkom_core::layanan::sebaran::{Bagian, Statistik, statistik};
use bangkom_core::layanan::{Transaksi, TransaksiInput, percentile_cont};
use bangkom_db::Db;
use bangkom_db::import::{ImportOptions, import_layanan};
use bangkom_db::layanan::TransaksiValues;
use bangkom_io::TableReader;
use time::Date;
use time::macros::date;

use crate::support::{actor, both, load_org, scalar};

struct Gen(u64);

impl Gen {
    fn below(&mut self, n: u64) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0 % n
    }
}

const KINDS: [&str; 3] = ["ktp-el", "kk", "akta-kelahiran"];

/// `(unit, layanan, tiket, mulai, selesai, nip_petugas)` rows: November 2024 to March 2025, some starting late
/// in the UTC evening (the next WIB day, across month ends), many equal durations.
fn rows(g: &mut Gen, units: &[String], n: usize, prefix: &str) -> Vec<[String; 6]> {
    (0..n)
        .map(|i| {
            let unit = units[g.below(units.len() as u64) as usize].clone();
            let kind = KINDS[g.below(3) as usize];
            let (y, m) =
                [(2024, 11), (2024, 12), (2025, 1), (2025, 2), (2025, 3)][g.below(5) as usize];
            let last = time::Month::try_from(m).unwrap().length(y);
            let day = 1 + g.below(u64::from(last)) as u8;
            let secs = match g.below(10) {
                0 => g.below(4) * 1800,
                1 => 86_400 + g.below(200_000),
                _ => 300 + g.below(90) * 60 + g.below(3) * 7,
            };
            let date = Date::from_calendar_date(y, time::Month::try_from(m).unwrap(), day).unwrap();
            let start = if g.below(4) == 0 {
                // 17:xx UTC = 00:xx WIB of the next day (across month ends too).
                let t = time::Time::from_hms(17, g.below(60) as u8, 0).unwrap();
                time::PrimitiveDateTime::new(date, t).assume_utc()
            } else {
                let t = time::Time::from_hms(8 + g.below(8) as u8, g.below(60) as u8, 0).unwrap();
                time::PrimitiveDateTime::new(date, t)
                    .assume_offset(time::UtcOffset::from_hms(7, 0, 0).unwrap())
            };
            let rfc = |t: time::OffsetDateTime| {
                t.format(&time::format_description::well_known::Rfc3339)
                    .unwrap()
            };
            let mulai = rfc(start);
            let selesai = rfc(start + time::Duration::seconds(secs as i64));
            let nip = match g.below(3) {
                0 => String::new(),
                k => format!("19800101200{k}011{}", g.below(4)),
            };
            [
                unit,
                kind.into(),
                format!("{prefix}{i}"),
                mulai,
                selesai,
                nip,
            ]
        })
        .collect()
}

async fn import(db: &Db, rows: &[[String; 6]]) {
    let mut csv = String::from("unit,layanan,tiket,mulai,selesai,nip_petugas\n");
    for r in rows {
        csv.push_str(&r.join(","));
        csv.push('\n');
    }
    let reader = TableReader::from_bytes("l.csv", csv.into_bytes()).unwrap();
    let r = import_layanan(db, &actor(), reader, ImportOptions::default(), |_, _, _| {})
        .await
        .unwrap();
    assert_eq!((r.diimpor, r.ditolak), (rows.len(), 0), "{:?}", r.errors);
}

/// The full recomputation: every raw row, pooled and sorted.
async fn reference(
    db: &Db,
    units: Option<&[i64]>,
    from: Date,
    to: Date,
    l: Option<&str>,
) -> Statistik {
    let raw = db.layanan_durasi(units, from, to, l).await.unwrap();
    #[allow(clippy::cast_precision_loss)]
    let mut minutes: Vec<f64> = raw.iter().map(|d| d.durasi_detik as f64 / 60.0).collect();
    minutes.sort_by(f64::total_cmp);
    Statistik {
        jumlah: raw.len(),
        median_menit: percentile_cont(&minutes, 0.5),
        p90_menit: percentile_cont(&minutes, 0.9),
        sesuai_standar: raw
            .iter()
            .filter(|d| d.durasi_detik <= d.standar_menit * 60)
            .count(),
    }
}

async fn summarised(
    db: &Db,
    units: Option<&[i64]>,
    from: Date,
    to: Date,
    l: Option<&str>,
) -> Statistik {
    let parts = db.layanan_sebaran(units, from, to, l).await.unwrap();
    assert!(parts.iter().all(|p| p.detik.is_sorted()));
    let b: Vec<Bagian<'_>> = parts
        .iter()
        .map(|p| Bagian {
            detik: &p.detik,
            standar_menit: p.standar_menit,
        })
        .collect();
    statistik(&b)
}

async fn check_all(db: &Db, scopes: &[Option<Vec<i64>>], label: &str) -> usize {
    let periods = [
        (date!(2024 - 10 - 01), date!(2025 - 04 - 30)),
        (date!(2024 - 12 - 01), date!(2025 - 01 - 31)),
        (date!(2024 - 11 - 17), date!(2025 - 02 - 03)),
        (date!(2025 - 01 - 31), date!(2025 - 02 - 01)),
        (date!(2025 - 03 - 01), date!(2025 - 03 - 01)),
        (date!(2025 - 02 - 10), date!(2025 - 02 - 20)),
        (date!(2023 - 01 - 01), date!(2023 - 12 - 31)),
    ];
    let mut checked = 0;
    for (from, to) in periods {
        // The program impact page's unit lookups: service types offered and officers named.
        let pairs = |sql: &'static str| async move {
            let rows: Vec<(i64, String)> = bangkom_db::on!(db, p => sqlx::query_as(sql)
                .bind(from)
                .bind(to)
                .fetch_all(p)
                .await
                .unwrap());
            rows.into_iter().collect::<std::collections::BTreeSet<_>>()
        };
        let jenis = pairs(
            "SELECT DISTINCT unit_id, layanan FROM layanan_transaksi \
             WHERE tanggal >= $1 AND tanggal <= $2",
        )
        .await;
        assert_eq!(
            db.layanan_unit_jenis(from, to).await.unwrap(),
            jenis,
            "{label} {from}..{to}"
        );
        let petugas = pairs(
            "SELECT DISTINCT unit_id, nip_petugas FROM layanan_transaksi \
             WHERE tanggal >= $1 AND tanggal <= $2 AND nip_petugas IS NOT NULL",
        )
        .await;
        assert_eq!(
            db.layanan_unit_petugas(from, to).await.unwrap(),
            petugas,
            "{label} {from}..{to}"
        );
        assert_eq!(petugas.is_empty(), from.year() == 2023, "{from}");
    }
    for units in scopes {
        for (from, to) in periods {
            // The SKM population from the transactions.
            let counted = db
                .transaksi_jumlah_per_unit(units.as_deref(), from, to)
                .await
                .unwrap();
            let raw = db
                .layanan_durasi(units.as_deref(), from, to, None)
                .await
                .unwrap();
            let mut want = std::collections::HashMap::new();
            for d in &raw {
                *want.entry(d.unit_id).or_insert(0i64) += 1;
            }
            assert_eq!(counted, want, "{label}: {units:?} {from}..{to}");
            for l in [None, Some("kk"), Some("kia")] {
                let want = reference(db, units.as_deref(), from, to, l).await;
                let got = summarised(db, units.as_deref(), from, to, l).await;
                assert_eq!(got, want, "{label}: {units:?} {from}..{to} {l:?}");
                checked += want.jumlah;
            }
        }
    }
    checked
}

async fn story_ringkasan(db: &Db) {
    let org = load_org(db).await;
    let service: Vec<_> = org.all().iter().filter(|o| o.layanan).collect();
    let pemda_a = service[0]
        .kode
        .split('.')
        .take(2)
        .collect::<Vec<_>>()
        .join(".");
    let in_a: Vec<_> = service
        .iter()
        .filter(|o| o.kode.starts_with(&format!("{pemda_a}.")))
        .take(3)
        .collect();
    let other: Vec<_> = service
        .iter()
        .filter(|o| !o.kode.starts_with(&format!("{pemda_a}.")))
        .take(2)
        .collect();
    assert!(in_a.len() >= 2 && other.len() == 2);
    let codes: Vec<String> = in_a.iter().chain(&other).map(|o| o.kode.clone()).collect();
    let pemda = org.by_kode(&pemda_a).unwrap().org_id;
    let scopes = vec![
        None,
        Some(org.subtree(pemda).into_iter().collect::<Vec<i64>>()),
        Some(vec![in_a[0].org_id]),
        Some(vec![in_a[1].org_id, other[0].org_id]),
    ];

    let mut g = Gen(0x5EED_1234_ABCD);
    import(db, &rows(&mut g, &codes, 700, "A")).await;
    assert!(scalar(db, "SELECT COUNT(*) FROM layanan_ringkasan").await > 0);
    // Its own standard at one unit: the share within the standard follows it.
    db.layanan_standar_set(&actor(), in_a[0].org_id, "kk", Some(20))
        .await
        .unwrap();
    assert!(check_all(db, &scopes, "first import").await > 700);

    // A second import and an API batch into months already summarised.
    import(db, &rows(&mut g, &codes, 300, "B")).await;
    let batch: Vec<(usize, TransaksiValues)> = (0..5)
        .map(|i| {
            let t = Transaksi::validate(&TransaksiInput {
                unit: in_a[1].kode.clone(),
                layanan: "kk".into(),
                tiket: format!("C{i}"),
                mulai: format!("2025-01-31T16:{:02}:00Z", 10 * i),
                selesai: "2025-01-31T23:00:00Z".into(),
                nip_petugas: "198001012002011099".into(),
                ..Default::default()
            })
            .unwrap();
            (
                i,
                TransaksiValues {
                    unit_id: in_a[1].org_id,
                    t,
                },
            )
        })
        .collect();
    db.transaksi_batch(&actor(), &batch).await.unwrap().unwrap();
    assert_eq!(
        scalar(
            db,
            "SELECT CAST(SUM(jumlah) AS BIGINT) FROM layanan_ringkasan"
        )
        .await,
        scalar(db, "SELECT COUNT(*) FROM layanan_transaksi").await
    );
    check_all(db, &scopes, "after re-import").await;

    // Rows written behind the summaries' back, their cells listed as stale (as migration 0014
    // does for months that existed before it): the next read rebuilds them from the raw rows.
    bangkom_db::on!(db, p => {
        sqlx::query("UPDATE layanan_ringkasan SET jumlah = 0, durasi = $1")
            .bind(Vec::<u8>::new())
            .execute(p)
            .await
            .unwrap();
        sqlx::query(
            "INSERT INTO layanan_ringkasan_basi (unit_id, layanan, bulan) \
             SELECT unit_id, layanan, bulan FROM layanan_ringkasan",
        )
        .execute(p)
        .await
        .unwrap();
    });
    check_all(db, &scopes, "rebuilt").await;
    assert_eq!(
        scalar(db, "SELECT COUNT(*) FROM layanan_ringkasan_basi").await,
        0
    );
    assert_eq!(
        scalar(
            db,
            "SELECT CAST(SUM(jumlah) AS BIGINT) FROM layanan_ringkasan"
        )
        .await,
        1005
    );

    // The impact evaluation's rows come from the summaries: the same multiset as the raw rows.
    let ids: Vec<i64> = in_a.iter().map(|o| o.org_id).collect();
    let (from, to) = (date!(2024 - 11 - 17), date!(2025 - 02 - 03));
    let mut fast = db.layanan_detik(&ids, from, to).await.unwrap();
    fast.sort_unstable();
    let sql = format!(
        "SELECT unit_id, tanggal, durasi_detik FROM layanan_transaksi \
         WHERE tanggal >= $1 AND tanggal <= $2 AND unit_id IN ({})",
        ids.iter().map(i64::to_string).collect::<Vec<_>>().join(",")
    );
    let mut raw: Vec<(i64, Date, i64)> = bangkom_db::on!(db, p => sqlx::query_as(&sql)
        .bind(from)
        .bind(to)
        .fetch_all(p)
        .await
        .unwrap());
    raw.sort_unstable();
    assert!(!raw.is_empty());
    assert_eq!(fast, raw);
}

both!(story_ringkasan, ringkasan_sqlite, ringkasan_postgres);
