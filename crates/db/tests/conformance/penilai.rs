//! Named level-3 assessors (migration 0016) on both backends: assignment per participant and per
//! program, its refusals (not completed, own account, institution account, not a participant),
//! the assessor's own due list, and the audit.

use bangkom_core::evaluasi::jawaban;
use bangkom_core::jp::Jalur;
use bangkom_db::akun::{AkunRow, NewAkun};
use bangkom_db::pegawai::{PegawaiRow, Scope};
use bangkom_db::program::{Cara, NilaiBaru, ProgramBaru, SesiBaru};
use bangkom_db::{Db, DbError};
use time::macros::date;

use crate::support::{actor, both, load_org, load_pegawai, pegawai_rows, scalar};

async fn akun(db: &Db, username: &str, role: &str, pegawai_id: Option<i64>) -> AkunRow {
    db.akun_create(
        &actor(),
        &NewAkun {
            username,
            nama: &format!("Nama {username}"),
            password_hash: "x",
            role,
            pegawai_id,
            opd_ids: &[],
        },
    )
    .await
    .unwrap();
    db.akun_by_username(username).await.unwrap().unwrap()
}

async fn story_penilai(db: &Db) {
    load_org(db).await;
    load_pegawai(db, &pegawai_rows(20, 9)).await;
    let mut people: Vec<PegawaiRow> = db
        .pegawai_list(
            &Scope::Semua,
            &bangkom_db::pegawai::PegawaiFilter {
                per_page: 100,
                ..Default::default()
            },
        )
        .await
        .unwrap()
        .items;
    people.sort_by(|a, b| a.nip.cmp(&b.nip));
    let (a, b, c) = (&people[0], &people[1], &people[2]);
    let kode = "2025-L3-UJI";
    db.program_upsert(
        &actor(),
        &ProgramBaru {
            kode: kode.into(),
            nama: "Pelatihan Uji L3".into(),
            jalur: Jalur::from_id(8).unwrap(),
            penyelenggara: "BPSDM".into(),
            jp: 20,
            biaya: 0,
            kuota: None,
            mulai: date!(2025 - 06 - 10),
            selesai: date!(2025 - 06 - 13),
        },
    )
    .await
    .unwrap();
    let prog = db.program_by_kode(kode).await.unwrap();
    for p in [a, b, c] {
        db.peserta_usul(&actor(), &prog, p, Cara::Usulan)
            .await
            .unwrap();
        db.peserta_putus(&actor(), &prog, p, true, None)
            .await
            .unwrap();
    }
    let s1 = db
        .sesi_add(
            &actor(),
            &prog,
            &SesiBaru {
                tanggal: date!(2025 - 06 - 10),
                jam_mulai: "08:00".into(),
                jam_selesai: "12:00".into(),
                tempat: Some("Aula".into()),
                tautan: None,
                pengajar: None,
            },
        )
        .await
        .unwrap();
    db.hadir_set(&actor(), &prog, s1, &[a.nip.clone(), b.nip.clone()])
        .await
        .unwrap();
    let nilai: Vec<NilaiBaru> = [a, b]
        .iter()
        .map(|p| NilaiBaru {
            nip: p.nip.clone(),
            pre: Some(50),
            post: Some(80),
        })
        .collect();
    db.nilai_set(&actor(), &prog, &nilai).await.unwrap();
    db.kelulusan(&actor(), &prog).await.unwrap(); // a, b complete; c (absent) does not

    let atasan = akun(db, "atasan", "pegawai", Some(people[5].pegawai_id)).await;
    let atasan2 = akun(db, "atasan2", "pimpinan", None).await;
    let sendiri = akun(db, "peserta.a", "pegawai", Some(a.pegawai_id)).await;
    let lpk = akun(db, "staf.lpk", "lembaga", None).await;

    // Refusals.
    let invalid = |r: Result<(), DbError>| matches!(r, Err(DbError::Invalid(_)));
    assert!(
        invalid(
            db.penilai_set(&actor(), &prog, c.pegawai_id, Some(&atasan))
                .await
        ),
        "not completed"
    );
    assert!(
        invalid(
            db.penilai_set(&actor(), &prog, a.pegawai_id, Some(&sendiri))
                .await
        ),
        "own account"
    );
    assert!(
        invalid(
            db.penilai_set(&actor(), &prog, a.pegawai_id, Some(&lpk))
                .await
        ),
        "institution account"
    );
    assert!(matches!(
        db.penilai_set(&actor(), &prog, people[7].pegawai_id, Some(&atasan))
            .await,
        Err(DbError::NotFound)
    ));

    // Per participant, then the rest of the program in bulk (only those without one).
    db.penilai_set(&actor(), &prog, a.pegawai_id, Some(&atasan))
        .await
        .unwrap();
    assert_eq!(
        db.penilai_set_program(&actor(), &prog, &Scope::Opd(vec![-1]), &atasan2)
            .await
            .unwrap(),
        0,
        "outside the caller's OPDs nothing changes"
    );
    assert_eq!(
        db.penilai_set_program(&actor(), &prog, &Scope::Semua, &atasan2)
            .await
            .unwrap(),
        1
    );
    let list = db
        .penilai_list(prog.program_id, &Scope::Semua)
        .await
        .unwrap();
    let mut got: Vec<(&str, Option<&str>)> = list
        .iter()
        .map(|r| (r.nip.as_str(), r.penilai_username.as_deref()))
        .collect();
    got.sort_unstable();
    assert_eq!(
        got,
        [
            (a.nip.as_str(), Some("atasan")),
            (b.nip.as_str(), Some("atasan2"))
        ]
    );
    assert_eq!(
        db.penilai_of(prog.program_id, a.pegawai_id).await.unwrap(),
        Some(Some((atasan.akun_id, "Nama atasan".to_string())))
    );
    assert_eq!(
        db.penilai_of(prog.program_id, people[7].pegawai_id)
            .await
            .unwrap(),
        None
    );

    // The assessor's own due list: only their participant, both stages once due.
    assert!(
        db.tindak_lanjut_milik(atasan.akun_id, date!(2025 - 09 - 12))
            .await
            .unwrap()
            .is_empty()
    );
    let mine = db
        .tindak_lanjut_milik(atasan.akun_id, date!(2025 - 12 - 13))
        .await
        .unwrap();
    assert_eq!(
        mine.iter()
            .map(|d| (d.nip.as_str(), d.bulan, d.penilai.as_deref()))
            .collect::<Vec<_>>(),
        [
            (a.nip.as_str(), 3, Some("Nama atasan")),
            (a.nip.as_str(), 6, Some("Nama atasan"))
        ]
    );
    let b3 = jawaban("b", 4, &["3", "3", "2", "4"], "").unwrap();
    db.tindak_lanjut_simpan(
        &actor(),
        &prog,
        a.pegawai_id,
        3,
        &b3,
        &atasan.nama,
        date!(2025 - 09 - 13),
    )
    .await
    .unwrap();
    let mine = db
        .tindak_lanjut_milik(atasan.akun_id, date!(2025 - 12 - 13))
        .await
        .unwrap();
    assert_eq!(mine.len(), 1);
    assert_eq!(mine[0].bulan, 6);
    // The roll-up is unchanged by who assesses.
    let rekap = db
        .tindak_lanjut_rekap(prog.program_id, date!(2025 - 12 - 13))
        .await
        .unwrap();
    assert_eq!((rekap[0].jatuh_tempo, rekap[0].dinilai), (2, 1));

    // Clearing the assessor empties their list.
    db.penilai_set(&actor(), &prog, a.pegawai_id, None)
        .await
        .unwrap();
    assert!(
        db.tindak_lanjut_milik(atasan.akun_id, date!(2025 - 12 - 13))
            .await
            .unwrap()
            .is_empty()
    );
    assert_eq!(
        scalar(db, "SELECT COUNT(*) FROM audit WHERE aksi = 'penilai'").await,
        4,
        "one per participant, two in bulk (one of none), one cleared; refusals write nothing"
    );
}
both!(story_penilai, penilai_sqlite, penilai_postgres);
