//! Story 4: saving one employee (create, duplicate NIP, edit outside scope, a unit change with
//! its history) and an operator import that touches another OPD's NIP.

use bangkom_core::pegawai::{Pegawai, PegawaiInput};
use bangkom_db::import::ImportOptions;
use bangkom_db::org::OrgIndex;
use bangkom_db::pegawai::{PegawaiValues, SaveOutcome, Scope};
use bangkom_db::{Db, DbError};

use crate::support::{
    actor, both, col, fresh_nip, load_org, load_pegawai, pegawai_csv, pegawai_import, pegawai_rows,
    scalar, under,
};

const N: usize = 40;
const SEED: u64 = 5;

/// Validates a demo row the way the form does and resolves its unit.
fn values(row: &[String], idx: &OrgIndex) -> PegawaiValues {
    let c = |n: &str| row[col(n)].clone();
    let input = PegawaiInput {
        nip: c("nip"),
        nama: c("nama"),
        jenis_kelamin: c("jenis_kelamin"),
        tanggal_lahir: c("tanggal_lahir"),
        jenis_asn: c("jenis_asn"),
        golongan: c("golongan"),
        jenis_jabatan: c("jenis_jabatan"),
        jabatan: c("jabatan"),
        unit: c("unit"),
        status: c("status"),
        jenjang: c("jenjang"),
        tmt_jabatan: c("tmt_jabatan"),
        gelar_depan: c("gelar_depan"),
        gelar_belakang: c("gelar_belakang"),
        ..Default::default()
    };
    let p = Pegawai::validate(&input).unwrap();
    PegawaiValues::resolve(&p, idx).unwrap()
}

async fn story_save(db: &Db) {
    let idx = load_org(db).await;
    let rows = pegawai_rows(N, SEED);
    load_pegawai(db, &rows).await;
    let taken: Vec<&str> = rows.iter().map(|r| r[col("nip")].as_str()).collect();

    // Create a new record.
    let mut row = rows[3].clone();
    row[col("nip")] = fresh_nip(&row[col("nip")], &taken);
    let v = values(&row, &idx);
    let id = match db
        .pegawai_save(&actor(), &Scope::Semua, &v, None)
        .await
        .unwrap()
    {
        SaveOutcome::Baru(id) => id,
        other => panic!("diharapkan Baru, didapat {other:?}"),
    };
    let got = db.pegawai_by_id(&Scope::Semua, id).await.unwrap();
    assert_eq!(
        (got.nip.as_str(), got.nama.as_str()),
        (v.nip.as_str(), v.nama.as_str())
    );
    assert_eq!(db.pegawai_count().await.unwrap(), N as i64 + 1);
    // Saving it unchanged is a no-op.
    assert_eq!(
        db.pegawai_save(&actor(), &Scope::Semua, &v, Some(id))
            .await
            .unwrap(),
        SaveOutcome::Sama(id)
    );

    // The same NIP created again: invalid on field nip.
    match db.pegawai_save(&actor(), &Scope::Semua, &v, None).await {
        Err(DbError::Invalid(e)) => {
            assert_eq!(e.0.len(), 1);
            assert_eq!(e.0[0].field, "nip");
        }
        other => panic!("diharapkan Invalid(nip), didapat {other:?}"),
    }
    assert_eq!(db.pegawai_count().await.unwrap(), N as i64 + 1);

    // An operator of another OPD can neither edit it nor move it into their OPD.
    let other_opd = idx
        .opds(None)
        .into_iter()
        .find(|o| o.org_id != v.opd_id)
        .unwrap();
    let operator = Scope::Opd(vec![other_opd.org_id]);
    let mut renamed = v.clone();
    renamed.nama = "Nama Diubah Operator".into();
    assert!(matches!(
        db.pegawai_save(&actor(), &operator, &renamed, Some(id))
            .await,
        Err(DbError::NotFound)
    ));
    let mut moved = renamed.clone();
    moved.unit_id = other_opd.org_id;
    moved.opd_id = other_opd.org_id;
    moved.pemda_id = other_opd.pemda_id.unwrap();
    assert!(matches!(
        db.pegawai_save(&actor(), &operator, &moved, Some(id)).await,
        Err(DbError::NotFound)
    ));
    assert_eq!(
        db.pegawai_by_id(&Scope::Semua, id).await.unwrap().nama,
        v.nama
    );
    assert!(db.riwayat_jabatan(id).await.unwrap().is_empty());

    // An edit that changes the unit: the old position goes to the history.
    let new_unit = idx
        .all()
        .iter()
        .find(|u| u.jenis == "unit" && u.org_id != v.unit_id && u.opd_id.is_some())
        .unwrap();
    let mut rotated = v.clone();
    rotated.unit_id = new_unit.org_id;
    rotated.opd_id = new_unit.opd_id.unwrap();
    rotated.pemda_id = new_unit.pemda_id.unwrap();
    assert_eq!(
        db.pegawai_save(&actor(), &Scope::Semua, &rotated, Some(id))
            .await
            .unwrap(),
        SaveOutcome::Diubah(id)
    );
    assert_eq!(
        db.pegawai_by_id(&Scope::Semua, id).await.unwrap().unit_id,
        new_unit.org_id
    );
    let hist = db.riwayat_jabatan(id).await.unwrap();
    assert_eq!(hist.len(), 1);
    assert_eq!(
        (hist[0].unit_id, hist[0].jabatan.as_str()),
        (v.unit_id, v.jabatan.as_str())
    );

    // A rename replaces the employee's words in the search table: none of the old ones remain.
    let mut renamed_admin = rotated.clone();
    renamed_admin.nama = "Zulkarnain Qoriah".into();
    db.pegawai_save(&actor(), &Scope::Semua, &renamed_admin, Some(id))
        .await
        .unwrap();
    let words_of = |id: i64| format!("SELECT COUNT(*) FROM pegawai_kata WHERE pegawai_id = {id}");
    assert_eq!(
        scalar(db, &words_of(id)).await,
        2,
        "two words of the new name"
    );
    assert_eq!(
        scalar(
            db,
            &format!("SELECT COUNT(*) FROM pegawai_kata WHERE pegawai_id = {id} AND kata IN ('zulkarnain', 'qoriah')")
        )
        .await,
        2
    );

    // Operator import: a new row of their OPD plus a NIP stored under another OPD.
    let opd_a = idx.get(rows_opd(&rows, &idx, 0)).unwrap();
    let foreign = rows
        .iter()
        .find(|r| !under(&r[col("unit")], &opd_a.kode))
        .unwrap();
    let mut new_in_a = rows
        .iter()
        .find(|r| under(&r[col("unit")], &opd_a.kode))
        .unwrap()
        .clone();
    let mut taken2 = taken.clone();
    taken2.push(v.nip.as_str());
    new_in_a[col("nip")] = fresh_nip(&new_in_a[col("nip")], &taken2);
    let mut grab = foreign.clone();
    grab[col("unit")] = opd_a.kode.clone();
    let count = db.pegawai_count().await.unwrap();
    let scope_a = Scope::Opd(vec![opd_a.org_id]);
    let r = pegawai_import(
        db,
        &scope_a,
        pegawai_csv(&[new_in_a.clone(), grab]),
        ImportOptions::default(),
    )
    .await
    .unwrap();
    assert!(!r.ditulis);
    let at: Vec<(usize, &str)> = r
        .errors
        .iter()
        .map(|e| (e.row, e.column.as_str()))
        .collect();
    assert_eq!(at, vec![(3, "nip")], "{:?}", r.errors);
    assert_eq!(db.pegawai_count().await.unwrap(), count);
    assert!(matches!(
        db.pegawai_by_nip(&Scope::Semua, &new_in_a[col("nip")])
            .await,
        Err(DbError::NotFound)
    ));
    let still = db
        .pegawai_by_nip(&Scope::Semua, &foreign[col("nip")])
        .await
        .unwrap();
    assert_ne!(still.opd_id, opd_a.org_id);
}

/// The OPD id of demo row `i`.
fn rows_opd(rows: &[Vec<String>], idx: &OrgIndex, i: usize) -> i64 {
    idx.by_kode(&rows[i][col("unit")]).unwrap().opd_id.unwrap()
}

both!(story_save, save_sqlite, save_postgres);
