//! The processing table's rows (`skm_olah`, streamed): exactly the questionnaires counted in the
//! index — inside the inclusive date range, in scope, not excluded — oldest first and by id within
//! a day, with their service type and answers as stored; the same rows as `skm_counted`.

use bangkom_core::org::OrgKode;
use bangkom_core::skm::{Jawaban, Kuesioner};
use bangkom_db::org::OrgIndex;
use bangkom_db::skm::ResponsValues;
use bangkom_db::skm_olah::OlahRow;
use bangkom_db::{Db, DbError};
use time::Date;
use time::macros::date;

use crate::support::{actor, both, load_org};

fn respons(org: &OrgIndex, unit: &str, tanggal: Date, k: usize) -> ResponsValues {
    let mut v = [None; 9];
    for (i, slot) in v.iter_mut().enumerate() {
        let x = (k * 7 + i * 3) % 6;
        *slot = (x < 4).then(|| u8::try_from(x + 1).unwrap());
    }
    let k = Kuesioner {
        tanggal,
        unit: OrgKode::parse(unit).unwrap(),
        layanan: (!k.is_multiple_of(3)).then(|| ["kk", "ktp"][k % 2].to_string()),
        jenis_kelamin: None,
        umur: Some(30),
        pendidikan: None,
        pekerjaan: None,
        jawaban: Jawaban::new(v).unwrap(),
        saran: Some("catatan".into()),
    };
    ResponsValues::resolve(k, org).unwrap()
}

async fn olah(db: &Db, units: Option<&[i64]>, from: Date, to: Date) -> Vec<OlahRow> {
    let mut rows = Vec::new();
    let n = db
        .skm_olah(units, from, to, |r| {
            rows.push(r);
            Ok::<(), DbError>(())
        })
        .await
        .unwrap();
    assert_eq!(n, rows.len());
    rows
}

async fn story_olah(db: &Db) {
    let org = load_org(db).await;
    let units: Vec<&str> = org
        .all()
        .iter()
        .filter(|o| o.layanan)
        .map(|o| o.kode.as_str())
        .take(3)
        .collect();
    assert_eq!(units.len(), 3);
    let days = [
        date!(2025 - 03 - 31),
        date!(2025 - 03 - 01),
        date!(2025 - 02 - 28),
        date!(2025 - 03 - 15),
        date!(2025 - 04 - 01),
        date!(2025 - 03 - 15),
    ];
    let rows: Vec<ResponsValues> = (0..24)
        .map(|k| respons(&org, units[k % 3], days[k % days.len()], k))
        .collect();
    db.skm_insert(&actor(), &rows, "kertas").await.unwrap();
    let (from, to) = (date!(2025 - 03 - 01), date!(2025 - 03 - 31));
    let counted = db.skm_counted(None, from, to).await.unwrap();
    // Exclude two of them: they leave the table.
    for r in counted.iter().take(2) {
        db.skm_exclude(&actor(), r.respons_id, true, "ganda")
            .await
            .unwrap();
    }
    let counted = db.skm_counted(None, from, to).await.unwrap();
    let expected =
        |c: &[bangkom_db::skm::ResponsRow]| -> Vec<(Date, Option<String>, [Option<i64>; 9])> {
            c.iter()
                .map(|r| (r.tanggal, r.layanan.clone(), r.jawaban()))
                .collect()
        };
    let got = |o: &[OlahRow]| -> Vec<(Date, Option<String>, [Option<i64>; 9])> {
        o.iter()
            .map(|r| (r.tanggal, r.layanan.clone(), r.jawaban.array()))
            .collect()
    };
    let all = olah(db, None, from, to).await;
    // 24 rows, 4 of each day: 16 in March, 2 of them excluded.
    assert_eq!(all.len(), 14);
    assert_eq!(got(&all), expected(&counted));
    assert!(all.windows(2).all(|w| w[0].tanggal <= w[1].tanggal));
    assert!(all.iter().all(|r| r.tanggal >= from && r.tanggal <= to));

    // One unit's subtree.
    let u = org.by_kode(units[1]).unwrap().org_id;
    let one = olah(db, Some(&[u]), from, to).await;
    let counted_one = db.skm_counted(Some(&[u]), from, to).await.unwrap();
    assert!(!one.is_empty() && one.len() < all.len());
    assert_eq!(got(&one), expected(&counted_one));

    // A failing callback stops the read with its error.
    let mut seen = 0;
    let r = db
        .skm_olah(None, from, to, |_| {
            seen += 1;
            if seen == 3 {
                Err(DbError::NotFound)
            } else {
                Ok(())
            }
        })
        .await;
    assert!(matches!(r, Err(DbError::NotFound)));
    assert_eq!(seen, 3);
}

both!(story_olah, olah_sqlite, olah_postgres);
