//! Training institutions, their agreements and accounts, the program → institution link, and the
//! Kirkpatrick level 1 and level 3 instruments, on both backends.

use bangkom_core::evaluasi::jawaban;
use bangkom_core::jp::Jalur;
use bangkom_core::lembaga::{LembagaInput, PksInput};
use bangkom_db::akun::NewAkun;
use bangkom_db::pegawai::{PegawaiRow, Scope};
use bangkom_db::program::{Cara, NilaiBaru, ProgramBaru, SesiBaru};
use bangkom_db::{Db, DbError};
use time::macros::date;

use crate::support::{actor, both, load_org, load_pegawai, pegawai_rows, scalar};

fn input(kode: &str, nama: &str, jenis: &str) -> LembagaInput {
    LembagaInput {
        kode: kode.into(),
        nama: nama.into(),
        jenis: jenis.into(),
        akreditasi: "A".into(),
        akreditasi_sampai: "2026-12-31".into(),
        ..Default::default()
    }
}

async fn story_lembaga(db: &Db) {
    let id = db
        .lembaga_create(
            &actor(),
            &input("bpsdm-jambi", "BPSDM Provinsi Jambi", "pemerintah")
                .parse()
                .unwrap(),
        )
        .await
        .unwrap();
    let e = db
        .lembaga_create(
            &actor(),
            &input("BPSDM-JAMBI", "Lain", "swasta").parse().unwrap(),
        )
        .await
        .unwrap_err();
    assert!(matches!(e, DbError::Conflict(_)), "{e:?}");
    let mut edit = input("BPSDM-JAMBI", "BPSDM Prov. Jambi", "pemerintah");
    edit.kontak_email = "bpsdm@jambiprov.go.id".into();
    db.lembaga_update(&actor(), &edit.parse().unwrap())
        .await
        .unwrap();
    let l = db.lembaga_by_kode("bpsdm-jambi").await.unwrap();
    assert_eq!(l.lembaga_id, id);
    assert_eq!(
        (l.nama.as_str(), l.kontak_email.as_deref()),
        ("BPSDM Prov. Jambi", Some("bpsdm@jambiprov.go.id"))
    );
    assert!(l.terakreditasi(date!(2026 - 12 - 31)));
    assert!(!l.terakreditasi(date!(2027 - 01 - 01)));

    let pks = PksInput {
        nomor: "PKS/001/BKD/2025".into(),
        mulai: "2025-01-01".into(),
        selesai: "2026-12-31".into(),
        ruang_lingkup: "Pelatihan teknis dan bimtek".into(),
    }
    .parse()
    .unwrap();
    db.pks_add(&actor(), &l, &pks).await.unwrap();
    let e = db.pks_add(&actor(), &l, &pks).await.unwrap_err();
    assert!(matches!(e, DbError::Conflict(_)), "a number is used once");
    assert_eq!(db.pks_list(id).await.unwrap().len(), 1);

    // The role `lembaga` is accepted by the widened CHECK and tied to one institution.
    let akun = db
        .akun_create(
            &actor(),
            &NewAkun {
                username: "staf.bpsdm",
                nama: "Staf BPSDM",
                password_hash: "x",
                role: "lembaga",
                pegawai_id: None,
                opd_ids: &[],
            },
        )
        .await
        .unwrap();
    db.akun_lembaga_set(&actor(), akun, &l).await.unwrap();
    assert_eq!(db.akun_lembaga(akun).await.unwrap(), Some(id));
    assert!(
        scalar(
            db,
            "SELECT COUNT(*) FROM audit WHERE entitas IN ('lembaga', 'perjanjian_kerja_sama', 'akun_lembaga')"
        )
        .await
            >= 4,
        "every write is audited"
    );
}
both!(story_lembaga, lembaga_sqlite, lembaga_postgres);

async fn story_evaluasi(db: &Db) {
    load_org(db).await;
    load_pegawai(db, &pegawai_rows(20, 5)).await;
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
    let (a, b) = (&people[0], &people[1]);
    let lid = db
        .lembaga_create(
            &actor(),
            &input("LAN", "Lembaga Administrasi Negara", "pemerintah")
                .parse()
                .unwrap(),
        )
        .await
        .unwrap();
    let kode = "2025-PKA-UJI";
    db.program_upsert(
        &actor(),
        &ProgramBaru {
            kode: kode.into(),
            nama: "Pelatihan Uji".into(),
            jalur: Jalur::from_id(8).unwrap(),
            penyelenggara: "LAN".into(),
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
    assert_eq!(prog.lembaga_id, None);
    let lan = db.lembaga_by_id(lid).await.unwrap();
    db.program_lembaga_set(&actor(), &prog, Some(&lan))
        .await
        .unwrap();
    let prog = db.program_by_kode(kode).await.unwrap();
    assert_eq!(prog.lembaga_id, Some(lid));

    for p in [a, b] {
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
    db.hadir_set(&actor(), &prog, s1, std::slice::from_ref(&a.nip))
        .await
        .unwrap();

    // Level 1: only an attendee answers, once.
    let j = jawaban("r", 5, &["4", "5", "3", "4", "5"], "bermanfaat").unwrap();
    assert_eq!(
        db.reaksi_status(prog.program_id, b.pegawai_id)
            .await
            .unwrap(),
        Some((false, false))
    );
    let e = db
        .reaksi_simpan(&actor(), &prog, b.pegawai_id, &j)
        .await
        .unwrap_err();
    assert!(matches!(e, DbError::Forbidden), "absent: {e:?}");
    db.reaksi_simpan(&actor(), &prog, a.pegawai_id, &j)
        .await
        .unwrap();
    let e = db
        .reaksi_simpan(&actor(), &prog, a.pegawai_id, &j)
        .await
        .unwrap_err();
    assert!(matches!(e, DbError::Conflict(_)), "twice: {e:?}");
    let r = db.reaksi_rekap(prog.program_id).await.unwrap();
    assert_eq!(r.jumlah, 1);
    assert_eq!(r.rata[1], Some(5.0));
    let outsider = &people[2];
    assert!(matches!(
        db.reaksi_simpan(&actor(), &prog, outsider.pegawai_id, &j)
            .await,
        Err(DbError::NotFound)
    ));

    // Level 3: complete A (attended 1/1, post-test 80), B does not complete.
    db.nilai_set(
        &actor(),
        &prog,
        &[NilaiBaru {
            nip: a.nip.clone(),
            pre: Some(50),
            post: Some(80),
        }],
    )
    .await
    .unwrap();
    db.kelulusan(&actor(), &prog).await.unwrap();
    let b3 = jawaban("b", 4, &["3", "3", "2", "4"], "").unwrap();
    // Completed 2025-06-13: 3 months due 2025-09-13, 6 months 2025-12-13.
    let e = db
        .tindak_lanjut_simpan(
            &actor(),
            &prog,
            a.pegawai_id,
            3,
            &b3,
            "Kepala Bidang",
            date!(2025 - 09 - 12),
        )
        .await
        .unwrap_err();
    assert!(matches!(e, DbError::Invalid(_)), "not yet due: {e:?}");
    assert!(
        db.tindak_lanjut_jatuh_tempo(&Scope::Semua, date!(2025 - 09 - 12))
            .await
            .unwrap()
            .is_empty()
    );
    let due = db
        .tindak_lanjut_jatuh_tempo(&Scope::Semua, date!(2025 - 12 - 13))
        .await
        .unwrap();
    assert_eq!(
        due.iter()
            .map(|d| (d.nip.as_str(), d.bulan))
            .collect::<Vec<_>>(),
        [(a.nip.as_str(), 3), (a.nip.as_str(), 6)]
    );
    assert!(
        db.tindak_lanjut_jatuh_tempo(&Scope::Opd(vec![-1]), date!(2025 - 12 - 13))
            .await
            .unwrap()
            .is_empty(),
        "another OPD's operator does not see it"
    );
    db.tindak_lanjut_simpan(
        &actor(),
        &prog,
        a.pegawai_id,
        3,
        &b3,
        "Kepala Bidang",
        date!(2025 - 09 - 13),
    )
    .await
    .unwrap();
    let e = db
        .tindak_lanjut_simpan(
            &actor(),
            &prog,
            a.pegawai_id,
            3,
            &b3,
            "Kepala Bidang",
            date!(2025 - 10 - 01),
        )
        .await
        .unwrap_err();
    assert!(matches!(e, DbError::Conflict(_)), "twice: {e:?}");
    let e = db
        .tindak_lanjut_simpan(
            &actor(),
            &prog,
            b.pegawai_id,
            3,
            &b3,
            "Kepala Bidang",
            date!(2025 - 12 - 31),
        )
        .await
        .unwrap_err();
    assert!(matches!(e, DbError::Invalid(_)), "not completed: {e:?}");
    let rekap = db
        .tindak_lanjut_rekap(prog.program_id, date!(2025 - 12 - 13))
        .await
        .unwrap();
    assert_eq!(
        rekap
            .iter()
            .map(|r| (r.bulan, r.jatuh_tempo, r.dinilai, r.rata[3]))
            .collect::<Vec<_>>(),
        [(3, 1, 1, Some(4.0)), (6, 1, 0, None)]
    );
}
both!(story_evaluasi, evaluasi_sqlite, evaluasi_postgres);
