//! Editing and deleting a cooperation agreement, on both backends: a used number is refused, an
//! agreement under which the institution holds programs is not deleted, another institution's
//! agreement is not found, and both writes are audited.

use bangkom_core::jp::Jalur;
use bangkom_core::lembaga::{LembagaInput, PksInput};
use bangkom_db::program::ProgramBaru;
use bangkom_db::{Db, DbError};
use time::macros::date;

use crate::support::{actor, both, scalar};

fn pks(nomor: &str, mulai: &str, selesai: &str) -> bangkom_core::lembaga::Pks {
    PksInput {
        nomor: nomor.into(),
        mulai: mulai.into(),
        selesai: selesai.into(),
        ruang_lingkup: "Pelatihan teknis".into(),
    }
    .parse()
    .unwrap()
}

async fn lembaga(db: &Db, kode: &str) -> bangkom_db::lembaga::LembagaRow {
    let l = LembagaInput {
        kode: kode.into(),
        nama: format!("Lembaga {kode}"),
        jenis: "swasta".into(),
        ..Default::default()
    };
    db.lembaga_create(&actor(), &l.parse().unwrap())
        .await
        .unwrap();
    db.lembaga_by_kode(kode).await.unwrap()
}

async fn story_pks_ubah_hapus(db: &Db) {
    let l = lembaga(db, "LPK-A").await;
    let other = lembaga(db, "LPK-B").await;
    let a = db
        .pks_add(&actor(), &l, &pks("PKS/A/1", "2025-01-01", "2025-12-31"))
        .await
        .unwrap();
    let b = db
        .pks_add(&actor(), &l, &pks("PKS/A/2", "2026-01-01", "2026-12-31"))
        .await
        .unwrap();

    // Edit: new number, dates and scope are stored; another agreement's number is refused.
    let mut baru = pks("PKS/A/1-REV", "2025-02-01", "2025-11-30");
    baru.ruang_lingkup = "Bimtek aplikasi layanan".into();
    db.pks_update(&actor(), &l, a, &baru).await.unwrap();
    let k = db.pks_by_id(l.lembaga_id, a).await.unwrap();
    assert_eq!(
        (
            k.nomor.as_str(),
            k.mulai,
            k.selesai,
            k.ruang_lingkup.as_str()
        ),
        (
            "PKS/A/1-REV",
            date!(2025 - 02 - 01),
            date!(2025 - 11 - 30),
            "Bimtek aplikasi layanan"
        )
    );
    let e = db
        .pks_update(&actor(), &l, a, &pks("PKS/A/2", "2025-01-01", "2025-12-31"))
        .await
        .unwrap_err();
    assert!(matches!(e, DbError::Conflict(_)), "{e:?}");
    // Keeping its own number is fine.
    db.pks_update(&actor(), &l, a, &baru).await.unwrap();
    // Through another institution the agreement does not exist.
    let e = db.pks_update(&actor(), &other, a, &baru).await.unwrap_err();
    assert!(matches!(e, DbError::NotFound), "{e:?}");
    let e = db.pks_delete(&actor(), &other, a).await.unwrap_err();
    assert!(matches!(e, DbError::NotFound), "{e:?}");

    // A program of the institution within agreement `a` keeps it from being deleted.
    db.program_upsert(
        &actor(),
        &ProgramBaru {
            kode: "2025-PKS-UJI".into(),
            nama: "Pelatihan di bawah PKS".into(),
            jalur: Jalur::from_id(8).unwrap(),
            penyelenggara: "Lembaga LPK-A".into(),
            jp: 20,
            biaya: 0,
            kuota: None,
            mulai: date!(2025 - 06 - 10),
            selesai: date!(2025 - 06 - 13),
        },
    )
    .await
    .unwrap();
    let g = db.program_by_kode("2025-PKS-UJI").await.unwrap();
    db.program_lembaga_set(&actor(), &g, Some(&l))
        .await
        .unwrap();
    let k = db.pks_by_id(l.lembaga_id, a).await.unwrap();
    assert_eq!(db.pks_program(&k).await.unwrap(), ["2025-PKS-UJI"]);
    let e = db.pks_delete(&actor(), &l, a).await.unwrap_err();
    match e {
        DbError::Conflict(m) => assert!(m.contains("2025-PKS-UJI"), "{m}"),
        e => panic!("{e:?}"),
    }
    assert_eq!(db.pks_list(l.lembaga_id).await.unwrap().len(), 2);
    // The other one (2026) has no program in its period: deleted.
    db.pks_delete(&actor(), &l, b).await.unwrap();
    let left = db.pks_list(l.lembaga_id).await.unwrap();
    assert_eq!(left.len(), 1);
    assert_eq!(left[0].pks_id, a);
    let e = db.pks_by_id(l.lembaga_id, b).await.unwrap_err();
    assert!(matches!(e, DbError::NotFound));

    assert_eq!(
        scalar(
            db,
            "SELECT COUNT(*) FROM audit WHERE entitas = 'perjanjian_kerja_sama' AND aksi = 'ubah'"
        )
        .await,
        2
    );
    assert_eq!(
        scalar(
            db,
            "SELECT COUNT(*) FROM audit WHERE entitas = 'perjanjian_kerja_sama' AND aksi = 'hapus' \
             AND kunci = 'LPK-A#PKS/A/2' AND sebelum IS NOT NULL"
        )
        .await,
        1
    );
}
both!(
    story_pks_ubah_hapus,
    pks_ubah_hapus_sqlite,
    pks_ubah_hapus_postgres
);
