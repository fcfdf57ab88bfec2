//! Service transactions: the import refuses bad rows (times, units, types, duplicate tickets in
//! the file or already stored) and writes nothing then; stored durations and WIB dates feed the
//! statistics.

use bangkom_db::Db;
use bangkom_db::import::{ImportOptions, import_layanan};
use bangkom_io::TableReader;
use time::macros::date;

use crate::support::{actor, both, load_org, scalar};

async fn import(db: &Db, rows: &[&str]) -> bangkom_db::import::ImportReport {
    import_with(db, rows, ImportOptions::default()).await
}

async fn import_with(
    db: &Db,
    rows: &[&str],
    opts: ImportOptions,
) -> bangkom_db::import::ImportReport {
    let mut csv = String::from("unit,layanan,tiket,mulai,selesai,nip_petugas,kanal\n");
    for r in rows {
        csv.push_str(r);
        csv.push('\n');
    }
    let reader = TableReader::from_bytes("l.csv", csv.into_bytes()).unwrap();
    import_layanan(db, &actor(), reader, opts, |_, _, _| {})
        .await
        .unwrap()
}

async fn story_layanan(db: &Db) {
    let org = load_org(db).await;
    let unit = org.all().iter().find(|o| o.layanan).unwrap().kode.clone();
    let good = [
        format!("{unit},ktp-el,A1,2025-03-04T09:00:00,2025-03-04T09:30:00,,loket"),
        format!("{unit},KK,A2,2025-03-04T09:10:00+07:00,2025-03-04T10:40:00+07:00,,"),
        format!("{unit},ktp-el,A3,2025-03-04T17:30:00Z,2025-03-04T18:00:00Z,,online"),
    ];
    let r = import(db, &good.iter().map(String::as_str).collect::<Vec<_>>()).await;
    assert_eq!((r.diimpor, r.ditolak), (3, 0), "{:?}", r.errors);
    let d = db
        .layanan_durasi(None, date!(2025 - 03 - 04), date!(2025 - 03 - 04), None)
        .await
        .unwrap();
    let mut secs: Vec<i64> = d.iter().map(|x| x.durasi_detik).collect();
    secs.sort_unstable();
    assert_eq!(secs, vec![1800, 5400], "A3 started 00:30 WIB on 5 March");
    assert_eq!(
        db.layanan_durasi(
            None,
            date!(2025 - 03 - 05),
            date!(2025 - 03 - 05),
            Some("ktp-el")
        )
        .await
        .unwrap()
        .len(),
        1
    );
    assert!(d.iter().all(|x| x.standar_menit == 60));

    let bad = [
        format!("{unit},ktp-el,B1,2025-03-04T09:00:00,2025-03-04T08:00:00,,"),
        "99.99.99,ktp-el,B2,2025-03-04T09:00:00,2025-03-04T10:00:00,,".to_string(),
        format!("{unit},paspor,B3,2025-03-04T09:00:00,2025-03-04T10:00:00,,"),
        format!("{unit},kk,B4,04/03/2025 09:00,2025-03-04T10:00:00,,"),
        format!("{unit},kk,B5,2025-03-04T09:00:00,2025-03-04T10:00:00,,"),
        format!("{unit},kk,B5,2025-03-04T11:00:00,2025-03-04T12:00:00,,"),
    ];
    let before = scalar(db, "SELECT COUNT(*) FROM layanan_transaksi").await;
    let r = import(db, &bad.iter().map(String::as_str).collect::<Vec<_>>()).await;
    let cells: Vec<(usize, &str)> = r
        .errors
        .iter()
        .map(|e| (e.row, e.column.as_str()))
        .collect();
    for want in [
        (2, "selesai"),
        (3, "unit"),
        (4, "layanan"),
        (5, "mulai"),
        (7, "tiket"),
    ] {
        assert!(cells.contains(&want), "missing {want:?} in {cells:?}");
    }
    assert!(!r.ditulis);
    assert_eq!(
        scalar(db, "SELECT COUNT(*) FROM layanan_transaksi").await,
        before,
        "nothing written"
    );

    // A ticket already stored for the unit is refused, and its valid neighbour is not written.
    let again = [
        format!("{unit},ktp-el,A1,2025-03-06T09:00:00,2025-03-06T09:20:00,,"),
        format!("{unit},ktp-el,C1,2025-03-06T09:00:00,2025-03-06T09:20:00,,"),
    ];
    let r = import(db, &again.iter().map(String::as_str).collect::<Vec<_>>()).await;
    assert!(
        r.errors.iter().any(|e| e.row == 2 && e.column == "tiket"),
        "{:?}",
        r.errors
    );
    assert_eq!(
        scalar(db, "SELECT COUNT(*) FROM layanan_transaksi").await,
        before
    );
}

both!(story_layanan, layanan_sqlite, layanan_postgres);

/// An import of several statements' worth of rows whose last statement meets a stored ticket:
/// nothing of the earlier statements is kept (rows or summaries); with `skip_invalid` every other
/// row is written, the stored one is reported, and the summaries count exactly the rows.
async fn story_large_import(db: &Db) {
    let org = load_org(db).await;
    let unit = org.all().iter().find(|o| o.layanan).unwrap().kode.clone();
    let first = format!("{unit},kk,Z2400,2025-04-01T08:00:00,2025-04-01T08:40:00,,");
    assert_eq!(import(db, &[first.as_str()]).await.diimpor, 1);
    let summed = "SELECT CAST(COALESCE(SUM(jumlah), 0) AS BIGINT) FROM layanan_ringkasan";
    let (rows0, sum0) = (
        scalar(db, "SELECT COUNT(*) FROM layanan_transaksi").await,
        scalar(db, summed).await,
    );
    let big: Vec<String> = (0..2500)
        .map(|i| {
            let day = 1 + i % 28;
            format!(
                "{unit},ktp-el,Z{i},2025-04-{day:02}T08:{:02}:00,2025-04-{day:02}T10:00:00,,",
                i % 60
            )
        })
        .collect();
    let refs: Vec<&str> = big.iter().map(String::as_str).collect();
    let r = import(db, &refs).await;
    assert!(!r.ditulis);
    assert_eq!(r.errors.len(), 1, "{:?}", r.errors);
    assert_eq!(
        (r.errors[0].row, r.errors[0].column.as_str()),
        (2402, "tiket")
    );
    assert_eq!(
        scalar(db, "SELECT COUNT(*) FROM layanan_transaksi").await,
        rows0
    );
    assert_eq!(scalar(db, summed).await, sum0, "summaries untouched");

    let opts = ImportOptions {
        skip_invalid: true,
        ..Default::default()
    };
    let r = import_with(db, &refs, opts).await;
    assert_eq!((r.diimpor, r.ditolak), (2499, 1), "{:?}", r.errors);
    assert_eq!(
        scalar(db, "SELECT COUNT(*) FROM layanan_transaksi").await,
        rows0 + 2499
    );
    assert_eq!(scalar(db, summed).await, sum0 + 2499);
    let april = db
        .layanan_durasi(
            None,
            date!(2025 - 04 - 01),
            date!(2025 - 04 - 30),
            Some("ktp-el"),
        )
        .await
        .unwrap();
    assert_eq!(april.len(), 2499);
}

both!(
    story_large_import,
    large_import_sqlite,
    large_import_postgres
);

/// Rows are written while the file is still read: an invalid row after several parts have been
/// written (all or nothing) leaves nothing behind; with `skip_invalid` the rest is written.
async fn story_late_error(db: &Db) {
    let org = load_org(db).await;
    let unit = org.all().iter().find(|o| o.layanan).unwrap().kode.clone();
    let rows0 = scalar(db, "SELECT COUNT(*) FROM layanan_transaksi").await;
    let mut big: Vec<String> = (0..20_000)
        .map(|i| format!("{unit},kia,L{i},2025-05-02T08:00:00,2025-05-02T08:30:00,,"))
        .collect();
    big.push(format!(
        "{unit},kia,L-akhir,2025-05-02T08:00:00,2025-05-02T07:30:00,,"
    ));
    let refs: Vec<&str> = big.iter().map(String::as_str).collect();
    let r = import(db, &refs).await;
    assert!(!r.ditulis);
    assert_eq!(r.errors.len(), 1, "{:?}", r.errors);
    assert_eq!(
        (r.errors[0].row, r.errors[0].column.as_str()),
        (20_002, "selesai")
    );
    assert_eq!(
        scalar(db, "SELECT COUNT(*) FROM layanan_transaksi").await,
        rows0
    );
    let opts = ImportOptions {
        skip_invalid: true,
        ..Default::default()
    };
    let r = import_with(db, &refs, opts).await;
    assert_eq!((r.diimpor, r.ditolak), (20_000, 1));
    assert_eq!(
        scalar(db, "SELECT COUNT(*) FROM layanan_transaksi").await,
        rows0 + 20_000
    );
}

both!(story_late_error, late_error_sqlite, late_error_postgres);

/// The import (a direct connection on SQLite) and the queue-machine batch (the pool) store the
/// same values for the same transaction, and those values read back as the types they were:
/// start instant with its offset, WIB date, duration, officer and channel.
async fn story_same_values(db: &Db) {
    use bangkom_core::layanan::{Transaksi, TransaksiInput};
    use bangkom_db::layanan::TransaksiValues;
    let org = load_org(db).await;
    let mut units = org.all().iter().filter(|o| o.layanan);
    let (a, b) = (units.next().unwrap(), units.next().unwrap());
    let (mulai, selesai) = ("2025-03-04T23:50:00+07:00", "2025-03-05T00:20:30+07:00");
    let nip = "199001012015011001";
    let row = format!(
        "{},akta-kelahiran,S-1,{mulai},{selesai},{nip},loket",
        a.kode
    );
    let r = import(db, &[row.as_str()]).await;
    assert_eq!(r.diimpor, 1, "{:?}", r.errors);
    let t = Transaksi::validate(&TransaksiInput {
        unit: b.kode.clone(),
        layanan: "akta-kelahiran".into(),
        tiket: "S-1".into(),
        mulai: mulai.into(),
        selesai: selesai.into(),
        nip_petugas: nip.into(),
        kanal: "loket".into(),
    })
    .unwrap();
    let v = TransaksiValues {
        unit_id: b.org_id,
        t,
    };
    let stored = db.transaksi_batch(&actor(), &[(0, v)]).await.unwrap();
    assert!(stored.is_ok(), "batch refused");
    type Stored = (
        time::OffsetDateTime,
        time::Date,
        i64,
        String,
        Option<String>,
        Option<String>,
    );
    let read = |unit: i64| async move {
        let sql = "SELECT mulai, tanggal, durasi_detik, layanan, nip_petugas, kanal \
                   FROM layanan_transaksi WHERE unit_id = $1 AND tiket = 'S-1'";
        let text = "SELECT CAST(mulai AS TEXT) || '|' || CAST(tanggal AS TEXT) \
                    FROM layanan_transaksi WHERE unit_id = $1 AND tiket = 'S-1'";
        let row: Stored =
            bangkom_db::on!(db, p => sqlx::query_as(sql).bind(unit).fetch_one(p).await.unwrap());
        let (raw,): (String,) =
            bangkom_db::on!(db, p => sqlx::query_as(text).bind(unit).fetch_one(p).await.unwrap());
        (row, raw)
    };
    let (imported, imported_text) = read(a.org_id).await;
    let (batched, batched_text) = read(b.org_id).await;
    assert_eq!(imported, batched);
    assert_eq!(imported_text, batched_text, "stored text differs");
    assert_eq!(
        imported.0,
        time::macros::datetime!(2025-03-04 23:50:00 +07:00)
    );
    assert_eq!(imported.1, date!(2025 - 03 - 04));
    assert_eq!(imported.2, 30 * 60 + 30);
    assert_eq!(imported.4.as_deref(), Some(nip));
}

both!(story_same_values, same_values_sqlite, same_values_postgres);
