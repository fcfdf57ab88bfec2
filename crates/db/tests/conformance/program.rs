//! Programs, participants and the JP ledger: only completed participation counts, in the year
//! it was completed; re-recording replaces; JP per jalur add up.

use bangkom_core::jp::Jalur;
use bangkom_db::Db;
use bangkom_db::program::{PesertaBaru, ProgramBaru};
use time::macros::date;

use crate::support::{actor, both, load_org, load_pegawai, pegawai_rows, scalar};

fn program(kode: &str, jalur: u8, jp: u32, selesai: time::Date) -> ProgramBaru {
    ProgramBaru {
        kode: kode.into(),
        nama: format!("Program {kode}"),
        jalur: Jalur::from_id(jalur).unwrap(),
        penyelenggara: "BPSDM Provinsi Jambi".into(),
        jp,
        biaya: 1_000_000,
        kuota: Some(30),
        mulai: date!(2025 - 01 - 01),
        selesai,
    }
}

fn peserta(
    program_id: i64,
    pegawai_id: i64,
    status: &'static str,
    jp: u32,
    on: time::Date,
) -> PesertaBaru {
    PesertaBaru {
        program_id,
        pegawai_id,
        status,
        jp_diakui: jp,
        tanggal_selesai: Some(on),
        nomor_sertifikat: None,
    }
}

async fn story_jp(db: &Db) {
    load_org(db).await;
    let rows = pegawai_rows(20, 5);
    load_pegawai(db, &rows).await;
    let ids: Vec<i64> = db.pegawai_id_map().await.unwrap().into_values().collect();
    let (a, b) = (ids[0], ids[1]);
    let bimtek = db
        .program_upsert(&actor(), &program("P1", 8, 24, date!(2025 - 06 - 13)))
        .await
        .unwrap();
    let elearn = db
        .program_upsert(&actor(), &program("P2", 16, 8, date!(2025 - 11 - 30)))
        .await
        .unwrap();
    let old = db
        .program_upsert(&actor(), &program("P0", 3, 40, date!(2024 - 12 - 20)))
        .await
        .unwrap();
    assert_eq!(
        db.program_upsert(&actor(), &program("P1", 8, 24, date!(2025 - 06 - 13)))
            .await
            .unwrap(),
        bimtek,
        "upsert by code"
    );
    db.peserta_set(
        &actor(),
        &[
            peserta(bimtek, a, "selesai", 24, date!(2025 - 06 - 13)),
            peserta(elearn, a, "selesai", 8, date!(2025 - 11 - 30)),
            peserta(old, a, "selesai", 40, date!(2024 - 12 - 20)),
            peserta(bimtek, b, "tidak_selesai", 24, date!(2025 - 06 - 13)),
            peserta(elearn, b, "selesai", 8, date!(2025 - 11 - 30)),
        ],
    )
    .await
    .unwrap();
    let ledger = db.jp_pegawai(None, 2025).await.unwrap();
    let jp_of = |id: i64| ledger.iter().find(|r| r.pegawai_id == id).map(|r| r.jp);
    assert_eq!(jp_of(a), Some(32), "2024 completion does not count in 2025");
    assert_eq!(jp_of(b), Some(8), "an uncompleted program credits nothing");
    assert_eq!(
        ledger.len(),
        20,
        "everyone in scope is listed, with 0 JP when nothing was completed"
    );
    let per = db.jp_per_jalur(None, 2025).await.unwrap();
    assert_eq!(
        (per.get(&8), per.get(&16), per.get(&3)),
        (Some(&24), Some(&16), None)
    );
    assert_eq!(
        db.jp_pegawai(None, 2024)
            .await
            .unwrap()
            .iter()
            .find(|r| r.pegawai_id == a)
            .map(|r| r.jp),
        Some(40)
    );

    // Re-recording replaces the earlier status.
    db.peserta_set(
        &actor(),
        &[peserta(bimtek, b, "selesai", 24, date!(2025 - 06 - 13))],
    )
    .await
    .unwrap();
    assert_eq!(
        db.jp_pegawai(None, 2025)
            .await
            .unwrap()
            .iter()
            .find(|r| r.pegawai_id == b)
            .map(|r| r.jp),
        Some(32)
    );
    assert_eq!(scalar(db, "SELECT COUNT(*) FROM peserta").await, 5);
    assert!(
        scalar(
            db,
            "SELECT COUNT(*) FROM audit WHERE entitas IN ('program', 'peserta')"
        )
        .await
            >= 6
    );
}

both!(story_jp, jp_sqlite, jp_postgres);
