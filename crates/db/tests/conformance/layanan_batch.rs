//! The queue-machine batch (idempotent on unit + ticket, all or nothing) and the service standards
//! per unit (nearest one up the tree wins, else the type's own), on both backends.

use bangkom_core::layanan::{Transaksi, TransaksiInput};
use bangkom_db::Db;
use bangkom_db::layanan::{BatchOutcome, TransaksiValues};
use time::macros::date;

use crate::support::{actor, both, load_org, scalar};

fn item(db_unit: (i64, &str), tiket: &str, mulai: &str, selesai: &str) -> TransaksiValues {
    let t = Transaksi::validate(&TransaksiInput {
        unit: db_unit.1.to_string(),
        layanan: "ktp-el".into(),
        tiket: tiket.into(),
        mulai: mulai.into(),
        selesai: selesai.into(),
        kanal: "loket".into(),
        ..Default::default()
    })
    .unwrap();
    TransaksiValues {
        unit_id: db_unit.0,
        t,
    }
}

async fn story_batch(db: &Db) {
    let org = load_org(db).await;
    let u = org.all().iter().find(|o| o.layanan).unwrap();
    let unit = (u.org_id, u.kode.as_str());
    let a = item(unit, "Q-1", "2025-05-02T08:00:00", "2025-05-02T08:40:00");
    let b = item(
        unit,
        "Q-2",
        "2025-05-02T08:05:00+07:00",
        "2025-05-02T09:35:00+07:00",
    );
    let first = db
        .transaksi_batch(&actor(), &[(0, a.clone()), (1, b.clone())])
        .await
        .unwrap()
        .unwrap();
    assert_eq!(
        first,
        BatchOutcome {
            baru: 2,
            sudah_ada: 0
        }
    );

    // Re-sent (the same instant written in UTC counts as the same value) with one new ticket.
    let a_utc = item(unit, "Q-1", "2025-05-02T01:00:00Z", "2025-05-02T01:40:00Z");
    let c = item(unit, "Q-3", "2025-05-03T08:00:00", "2025-05-03T08:10:00");
    let again = db
        .transaksi_batch(&actor(), &[(0, a_utc), (1, b.clone()), (2, c)])
        .await
        .unwrap()
        .unwrap();
    assert_eq!(
        again,
        BatchOutcome {
            baru: 1,
            sudah_ada: 2
        }
    );
    assert_eq!(
        scalar(db, "SELECT COUNT(*) FROM layanan_transaksi").await,
        3
    );

    // The same ticket with another end time: a conflict naming `selesai`, and the new ticket in
    // the same batch is not written either.
    let changed = item(unit, "Q-2", "2025-05-02T08:05:00", "2025-05-02T09:50:00");
    let d = item(unit, "Q-4", "2025-05-04T08:00:00", "2025-05-04T08:10:00");
    let conflicts = db
        .transaksi_batch(&actor(), &[(0, d), (1, changed)])
        .await
        .unwrap()
        .unwrap_err();
    assert_eq!(conflicts.len(), 1);
    assert_eq!(
        (conflicts[0].row, conflicts[0].error.field.as_str()),
        (1, "tiket")
    );
    assert!(
        conflicts[0].error.message.contains("selesai"),
        "{:?}",
        conflicts[0]
    );
    assert_eq!(
        scalar(db, "SELECT COUNT(*) FROM layanan_transaksi").await,
        3
    );
    // Only the batches that wrote something are in the audit log.
    assert_eq!(
        scalar(
            db,
            "SELECT COUNT(*) FROM audit WHERE entitas = 'layanan_transaksi'"
        )
        .await,
        2
    );
    assert_eq!(
        db.transaksi_jumlah_per_unit(
            Some(&[u.org_id]),
            date!(2025 - 05 - 01),
            date!(2025 - 05 - 02)
        )
        .await
        .unwrap()
        .get(&u.org_id),
        Some(&2)
    );
}

both!(story_batch, batch_sqlite, batch_postgres);

/// Two machines sending the same new tickets at the same moment: one writes them, the other
/// counts them as already stored; neither fails and nothing is duplicated.
async fn story_concurrent(db: &Db) {
    let org = load_org(db).await;
    let u = org.all().iter().find(|o| o.layanan).unwrap();
    let rows: Vec<(usize, TransaksiValues)> = (0..200)
        .map(|i| {
            let v = item(
                (u.org_id, &u.kode),
                &format!("K-{i}"),
                "2025-07-01T08:00:00",
                "2025-07-01T08:15:00",
            );
            (i, v)
        })
        .collect();
    for round in 0..3 {
        let tag = |r: &[(usize, TransaksiValues)]| {
            r.iter()
                .map(|(i, v)| {
                    let mut v = v.clone();
                    v.t.tiket = format!("{}-{round}", v.t.tiket);
                    (*i, v)
                })
                .collect::<Vec<_>>()
        };
        let (a, b) = (tag(&rows), tag(&rows));
        let db2 = db.clone();
        let other = tokio::spawn(async move { db2.transaksi_batch(&actor(), &b).await });
        let mine = db.transaksi_batch(&actor(), &a).await.unwrap().unwrap();
        let theirs = other.await.unwrap().unwrap().unwrap();
        assert_eq!(mine.baru + theirs.baru, 200, "round {round}");
        assert_eq!(mine.sudah_ada + theirs.sudah_ada, 200, "round {round}");
    }
    assert_eq!(
        scalar(db, "SELECT COUNT(*) FROM layanan_transaksi").await,
        600
    );
}

both!(story_concurrent, concurrent_sqlite, concurrent_postgres);

async fn story_standar(db: &Db) {
    let org = load_org(db).await;
    // Two service units of one OPD, and the OPD.
    let units: Vec<_> = org
        .all()
        .iter()
        .filter(|o| o.layanan && o.opd_id.is_some())
        .collect();
    let (u1, u2) = units
        .iter()
        .flat_map(|a| units.iter().map(move |b| (*a, *b)))
        .find(|(a, b)| a.org_id != b.org_id && a.opd_id == b.opd_id)
        .unwrap();
    let opd = u1.opd_id.unwrap();
    let rows = [
        (
            0,
            item(
                (u1.org_id, &u1.kode),
                "S-1",
                "2025-06-02T08:00:00",
                "2025-06-02T08:50:00",
            ),
        ),
        (
            1,
            item(
                (u2.org_id, &u2.kode),
                "S-2",
                "2025-06-02T08:00:00",
                "2025-06-02T08:50:00",
            ),
        ),
    ];
    db.transaksi_batch(&actor(), &rows).await.unwrap().unwrap();
    let standar = |d: &Vec<bangkom_db::layanan::Durasi>, unit: i64| {
        d.iter().find(|x| x.unit_id == unit).unwrap().standar_menit
    };
    let day = date!(2025 - 06 - 02);
    let d = db.layanan_durasi(None, day, day, None).await.unwrap();
    assert_eq!((standar(&d, u1.org_id), standar(&d, u2.org_id)), (60, 60));

    // The OPD sets 45 minutes: both units inherit it; unit 1 then sets its own 30.
    db.layanan_standar_set(&actor(), opd, "KTP-el", Some(45))
        .await
        .unwrap();
    let d = db.layanan_durasi(None, day, day, None).await.unwrap();
    assert_eq!((standar(&d, u1.org_id), standar(&d, u2.org_id)), (45, 45));
    db.layanan_standar_set(&actor(), u1.org_id, "ktp-el", Some(30))
        .await
        .unwrap();
    db.layanan_standar_set(&actor(), u1.org_id, "ktp-el", Some(35))
        .await
        .unwrap();
    let d = db.layanan_durasi(None, day, day, None).await.unwrap();
    assert_eq!((standar(&d, u1.org_id), standar(&d, u2.org_id)), (35, 45));
    assert_eq!(
        scalar(db, "SELECT COUNT(*) FROM layanan_standar").await,
        2,
        "replaced, not added"
    );

    // Removing the unit's own brings back the OPD's; the other types keep their default.
    db.layanan_standar_set(&actor(), u1.org_id, "ktp-el", None)
        .await
        .unwrap();
    let t = db.layanan_standar().await.unwrap();
    assert_eq!(t.menit(&org, u1.org_id, "ktp-el"), Some(45));
    assert_eq!(t.menit(&org, u1.org_id, "kk"), Some(60));
    assert_eq!(t.own(opd, "ktp-el"), Some(45));
    assert_eq!(
        scalar(
            db,
            "SELECT COUNT(*) FROM audit WHERE entitas = 'layanan_standar'"
        )
        .await,
        4,
        "every change audited"
    );

    // Refused: unknown type, zero minutes.
    for (l, m, field) in [("paspor", Some(30), "layanan"), ("kk", Some(0), "menit")] {
        match db.layanan_standar_set(&actor(), opd, l, m).await {
            Err(bangkom_db::DbError::Invalid(v)) => assert_eq!(v.0[0].field, field),
            other => panic!("{l}: {other:?}"),
        }
    }
}

both!(story_standar, standar_sqlite, standar_postgres);
