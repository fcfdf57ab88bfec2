//! The participation lifecycle on both backends: nominate → quota and waitlist → approve / reject
//! (the waitlist moves up) → sessions and attendance → scores → completion → JP in the ledger →
//! certificate verification; and the bad inputs of issue 4, each refused without a partial write.

use bangkom_core::jp::Jalur;
use bangkom_core::peserta::{AturanKelulusan, StatusPeserta};
use bangkom_db::pegawai::{PegawaiRow, Scope};
use bangkom_db::program::{Cara, NilaiBaru, ProgramAtribut, ProgramBaru, SesiBaru};
use bangkom_db::{Db, DbError};
use time::macros::date;

use crate::support::{actor, both, load_org, load_pegawai, pegawai_rows, scalar};

fn field_of(e: &DbError) -> String {
    match e {
        DbError::Invalid(v) => v
            .iter()
            .map(|f| f.field.clone())
            .collect::<Vec<_>>()
            .join(","),
        other => format!("not a validation error: {other:?}"),
    }
}

fn sesi(tanggal: time::Date, jam: &str) -> SesiBaru {
    SesiBaru {
        tanggal,
        jam_mulai: format!("{jam}:00"),
        jam_selesai: format!("{jam}:45"),
        tempat: Some("Aula BPSDM Provinsi Jambi".into()),
        tautan: None,
        pengajar: Some("Widyaiswara Ahli Madya".into()),
    }
}

async fn status_of(db: &Db, program_id: i64, nip: &str) -> StatusPeserta {
    db.peserta_list(program_id, &Scope::Semua)
        .await
        .unwrap()
        .into_iter()
        .find(|r| r.nip == nip)
        .map(|r| r.status())
        .unwrap()
}

async fn story_lifecycle(db: &Db) {
    load_org(db).await;
    load_pegawai(db, &pegawai_rows(40, 11)).await;
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
    let (a, b, c, d) = (&people[0], &people[1], &people[2], &people[3]);

    let kode = "2025-BIMTEK-UJI";
    db.program_upsert(
        &actor(),
        &ProgramBaru {
            kode: kode.into(),
            nama: "Bimtek Uji".into(),
            jalur: Jalur::from_id(8).unwrap(),
            penyelenggara: "BPSDM Provinsi Jambi".into(),
            jp: 24,
            biaya: 0,
            kuota: Some(2),
            mulai: date!(2025 - 06 - 10),
            selesai: date!(2025 - 06 - 13),
        },
    )
    .await
    .unwrap();
    let prog = db.program_by_kode(kode).await.unwrap();
    assert!(prog.klasikal, "bimtek (jalur 8) is classical");
    assert_eq!(prog.aturan(), AturanKelulusan::default());

    // Two places: A and B are nominated, C goes to the waitlist (not an error), D after C.
    let s = db
        .peserta_usul(&actor(), &prog, a, Cara::Usulan)
        .await
        .unwrap();
    assert_eq!(s.status, StatusPeserta::Diusulkan);
    db.peserta_usul(&actor(), &prog, b, Cara::Mandiri)
        .await
        .unwrap();
    let s = db
        .peserta_usul(&actor(), &prog, c, Cara::Usulan)
        .await
        .unwrap();
    assert_eq!(
        s.status,
        StatusPeserta::Menunggu,
        "beyond the quota: waitlist"
    );
    db.peserta_usul(&actor(), &prog, d, Cara::Usulan)
        .await
        .unwrap();

    // Double nomination is refused, nothing written.
    let n = scalar(db, "SELECT COUNT(*) FROM peserta").await;
    let e = db
        .peserta_usul(&actor(), &prog, a, Cara::Usulan)
        .await
        .unwrap_err();
    assert_eq!(field_of(&e), "nip");
    assert_eq!(scalar(db, "SELECT COUNT(*) FROM peserta").await, n);

    // A waitlisted nominee cannot be approved; a rejection needs a reason.
    let e = db
        .peserta_putus(&actor(), &prog, c, true, None)
        .await
        .unwrap_err();
    assert_eq!(field_of(&e), "status");
    let e = db
        .peserta_putus(&actor(), &prog, b, false, Some("  "))
        .await
        .unwrap_err();
    assert_eq!(field_of(&e), "alasan");

    // Approve A; reject B → C moves up (to "diusulkan"); D still waits.
    let s = db
        .peserta_putus(&actor(), &prog, a, true, None)
        .await
        .unwrap();
    assert_eq!((s.status, s.naik.len()), (StatusPeserta::Disetujui, 0));
    let s = db
        .peserta_putus(&actor(), &prog, b, false, Some("bukan sasaran program"))
        .await
        .unwrap();
    assert_eq!(
        s.naik,
        vec![c.nip.clone()],
        "the first on the waitlist moves up"
    );
    assert_eq!(
        status_of(db, prog.program_id, &d.nip).await,
        StatusPeserta::Menunggu
    );
    db.peserta_putus(&actor(), &prog, c, true, None)
        .await
        .unwrap();
    // C withdraws after approval → D moves up, then is approved.
    let s = db
        .peserta_batal(&actor(), &prog, c, Some("tugas dinas luar"))
        .await
        .unwrap();
    assert_eq!(s.naik, vec![d.nip.clone()]);
    db.peserta_putus(&actor(), &prog, d, true, None)
        .await
        .unwrap();
    assert_eq!(
        db.antrian_persetujuan().await.unwrap().len(),
        0,
        "the approval queue is empty"
    );
    let katalog = db.program_list().await.unwrap();
    assert_eq!(
        (katalog.len(), katalog[0].disetujui, katalog[0].menunggu),
        (1, 2, 0)
    );

    // Sessions: two days; a session outside the program's dates is refused.
    let e = db
        .sesi_add(&actor(), &prog, &sesi(date!(2025 - 07 - 01), "08"))
        .await
        .unwrap_err();
    assert_eq!(field_of(&e), "tanggal");
    let s1 = db
        .sesi_add(&actor(), &prog, &sesi(date!(2025 - 06 - 10), "08"))
        .await
        .unwrap();
    let s2 = db
        .sesi_add(&actor(), &prog, &sesi(date!(2025 - 06 - 11), "08"))
        .await
        .unwrap();

    // Attendance: someone not enrolled (B was rejected) → refused, nothing written.
    let e = db
        .hadir_set(&actor(), &prog, s1, &[a.nip.clone(), b.nip.clone()])
        .await
        .unwrap_err();
    assert_eq!(field_of(&e), "hadir");
    assert_eq!(scalar(db, "SELECT COUNT(*) FROM kehadiran").await, 0);
    assert_eq!(
        db.hadir_set(&actor(), &prog, s1, &[a.nip.clone(), d.nip.clone()])
            .await
            .unwrap(),
        (2, 0)
    );
    assert_eq!(
        db.hadir_set(&actor(), &prog, s2, std::slice::from_ref(&a.nip))
            .await
            .unwrap(),
        (1, 1),
        "D missed the second day: 50 % < 80 %"
    );
    assert_eq!(db.hadir_nip(s2).await.unwrap(), vec![a.nip.clone()]);

    // Scores: a score above 100 and a non-participant are refused.
    let e = db
        .nilai_set(
            &actor(),
            &prog,
            &[NilaiBaru {
                nip: a.nip.clone(),
                pre: Some(40),
                post: Some(101),
            }],
        )
        .await
        .unwrap_err();
    assert_eq!(field_of(&e), "nilai");
    let e = db
        .nilai_set(
            &actor(),
            &prog,
            &[NilaiBaru {
                nip: c.nip.clone(),
                pre: None,
                post: Some(90),
            }],
        )
        .await
        .unwrap_err();
    assert_eq!(field_of(&e), "nilai");
    db.nilai_set(
        &actor(),
        &prog,
        &[
            NilaiBaru {
                nip: a.nip.clone(),
                pre: Some(40),
                post: Some(85),
            },
            NilaiBaru {
                nip: d.nip.clone(),
                pre: Some(50),
                post: Some(70),
            },
        ],
    )
    .await
    .unwrap();
    let list = db
        .peserta_list(prog.program_id, &Scope::Semua)
        .await
        .unwrap();
    assert_eq!(
        bangkom_core::peserta::rata_peningkatan(list.iter().map(|r| (r.pre(), r.post()))),
        Some(32.5),
        "(45 + 20) / 2"
    );

    // Completion: A completes (24 JP, certificate), D does not (attendance).
    let h = db.kelulusan(&actor(), &prog).await.unwrap();
    assert_eq!(h.selesai.len(), 1);
    assert_eq!(h.selesai[0].0, a.nip);
    assert_eq!(h.selesai[0].1, format!("STTPP-{kode}-0001"));
    assert_eq!(h.tidak_selesai.len(), 1);
    assert!(
        h.tidak_selesai[0].1.contains("1 dari 2"),
        "{:?}",
        h.tidak_selesai
    );
    let e = db.kelulusan(&actor(), &prog).await.unwrap_err();
    assert_eq!(field_of(&e), "peserta", "nobody left to decide");

    // JP in the ledger for 2025, and on the employee's own history.
    let ledger = db.jp_pegawai(None, 2025).await.unwrap();
    let jp = |id: i64| ledger.iter().find(|r| r.pegawai_id == id).map(|r| r.jp);
    assert_eq!((jp(a.pegawai_id), jp(d.pegawai_id)), (Some(24), Some(0)));
    let riwayat = db.riwayat_belajar(a.pegawai_id).await.unwrap();
    assert_eq!(
        riwayat[0].nomor_sertifikat.as_deref(),
        Some(h.selesai[0].1.as_str())
    );

    // The certificate verifies by its number; an unknown number is not found.
    let cert = db.sertifikat(&h.selesai[0].1).await.unwrap();
    assert_eq!(
        (cert.nama.as_str(), cert.jp_diakui, cert.status.as_str()),
        (a.nama.as_str(), 24, "selesai")
    );
    assert!(matches!(
        db.sertifikat("STTPP-TIDAK-ADA").await,
        Err(DbError::NotFound)
    ));

    // A certificate number reused for another completion is refused. (The quota of 2 is taken
    // by A and D, so B would wait: one more place first — the quota may change, JP may not.)
    db.program_upsert(
        &actor(),
        &ProgramBaru {
            kode: kode.into(),
            nama: "Bimtek Uji".into(),
            jalur: Jalur::from_id(8).unwrap(),
            penyelenggara: "BPSDM Provinsi Jambi".into(),
            jp: 24,
            biaya: 0,
            kuota: Some(3),
            mulai: date!(2025 - 06 - 10),
            selesai: date!(2025 - 06 - 13),
        },
    )
    .await
    .unwrap();
    db.peserta_usul(&actor(), &prog, b, Cara::Usulan)
        .await
        .unwrap();
    db.peserta_putus(&actor(), &prog, b, true, None)
        .await
        .unwrap();
    db.nilai_set(
        &actor(),
        &prog,
        &[NilaiBaru {
            nip: b.nip.clone(),
            pre: None,
            post: Some(75),
        }],
    )
    .await
    .unwrap();
    db.hadir_set(&actor(), &prog, s1, std::slice::from_ref(&b.nip))
        .await
        .unwrap();
    db.hadir_set(&actor(), &prog, s2, std::slice::from_ref(&b.nip))
        .await
        .unwrap();
    let h2 = db.kelulusan(&actor(), &prog).await.unwrap();
    assert_eq!(
        h2.selesai[0].1,
        format!("STTPP-{kode}-0002"),
        "numbers continue"
    );
    let e = db
        .sertifikat_set_nomor(&actor(), &prog, b.pegawai_id, &h.selesai[0].1)
        .await
        .unwrap_err();
    assert_eq!(field_of(&e), "nomor_sertifikat");
    db.sertifikat_set_nomor(&actor(), &prog, b.pegawai_id, "800/123/BPSDM/2025")
        .await
        .unwrap();
    assert_eq!(
        db.sertifikat("800/123/BPSDM/2025").await.unwrap().nama,
        b.nama
    );

    // The program is frozen where completions depend on it: JP and rules.
    let e = db
        .program_upsert(
            &actor(),
            &ProgramBaru {
                kode: kode.into(),
                nama: "Bimtek Uji (ubah)".into(),
                jalur: Jalur::from_id(8).unwrap(),
                penyelenggara: "BPSDM Provinsi Jambi".into(),
                jp: 32,
                biaya: 0,
                kuota: Some(2),
                mulai: date!(2025 - 06 - 10),
                selesai: date!(2025 - 06 - 13),
            },
        )
        .await
        .unwrap_err();
    assert_eq!(field_of(&e), "jp");
    assert_eq!(
        db.program_by_kode(kode).await.unwrap().nama,
        "Bimtek Uji",
        "nothing written"
    );
    let mut attr = ProgramAtribut {
        klasikal: true,
        kompetensi: Some("Pelayanan adminduk digital".into()),
        sasaran_jabatan: None,
        opd: Vec::new(),
        aturan: AturanKelulusan {
            min_hadir_persen: 50,
            min_nilai_post: 60,
        },
    };
    let e = db
        .program_atribut_set(&actor(), &prog, &attr)
        .await
        .unwrap_err();
    assert_eq!(field_of(&e), "aturan");
    attr.aturan = prog.aturan();
    db.program_atribut_set(&actor(), &prog, &attr)
        .await
        .unwrap();
    assert_eq!(
        db.program_by_kode(kode)
            .await
            .unwrap()
            .kompetensi
            .as_deref(),
        Some("Pelayanan adminduk digital")
    );

    // Every step is audited.
    for aksi in [
        "usul",
        "setujui",
        "tolak",
        "batal",
        "naik_antrian",
        "presensi",
        "nilai",
        "lulus",
        "tidak_lulus",
    ] {
        assert!(
            scalar(
                db,
                &format!("SELECT COUNT(*) FROM audit WHERE aksi = '{aksi}'")
            )
            .await
                > 0,
            "audit {aksi}"
        );
    }
}

both!(story_lifecycle, lifecycle_sqlite, lifecycle_postgres);

/// Target OPDs and position types limit who can be nominated.
async fn story_targets(db: &Db) {
    let org = load_org(db).await;
    load_pegawai(db, &pegawai_rows(30, 3)).await;
    let people = db
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
    let a = &people[0];
    let other = people.iter().find(|p| p.opd_id != a.opd_id).unwrap();
    db.program_upsert(
        &actor(),
        &ProgramBaru {
            kode: "P-OPD".into(),
            nama: "Program OPD".into(),
            jalur: Jalur::from_id(16).unwrap(),
            penyelenggara: "BPSDM".into(),
            jp: 8,
            biaya: 0,
            kuota: None,
            mulai: date!(2025 - 01 - 01),
            selesai: date!(2025 - 12 - 31),
        },
    )
    .await
    .unwrap();
    let prog = db.program_by_kode("P-OPD").await.unwrap();
    assert!(!prog.klasikal, "e-learning is non-classical");
    db.program_atribut_set(
        &actor(),
        &prog,
        &ProgramAtribut {
            klasikal: false,
            kompetensi: None,
            sasaran_jabatan: Some(a.jenis_jabatan.clone()),
            opd: vec![a.opd_id],
            aturan: AturanKelulusan {
                min_hadir_persen: 0,
                min_nilai_post: 0,
            },
        },
    )
    .await
    .unwrap();
    assert!(org.get(a.opd_id).is_some());
    let prog = db.program_by_kode("P-OPD").await.unwrap();
    let e = db
        .peserta_usul(&actor(), &prog, other, Cara::Usulan)
        .await
        .unwrap_err();
    assert_eq!(field_of(&e), "nip");
    db.peserta_usul(&actor(), &prog, a, Cara::Mandiri)
        .await
        .unwrap();
    db.peserta_putus(&actor(), &prog, a, true, None)
        .await
        .unwrap();
    // No sessions and no post-test required: completion on approval alone.
    let h = db.kelulusan(&actor(), &prog).await.unwrap();
    assert_eq!(h.selesai.len(), 1);
    // Scoped list: the other OPD's operator sees nobody.
    assert!(
        db.peserta_list(prog.program_id, &Scope::Opd(vec![other.opd_id]))
            .await
            .unwrap()
            .is_empty()
    );
    assert_eq!(
        db.peserta_list(prog.program_id, &Scope::Pegawai(a.pegawai_id))
            .await
            .unwrap()
            .len(),
        1
    );
}

both!(story_targets, targets_sqlite, targets_postgres);
