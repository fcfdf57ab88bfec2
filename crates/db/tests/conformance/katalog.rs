//! The program catalogue: create and edit from validated input (codes resolved, every change
//! audited), the freeze of JP, jalur, dates and rules once completions were decided, the audited
//! JP correction that moves the credited JP with the program's, and the list's search, filters,
//! sort and pages — on both backends.

use bangkom_core::lembaga::LembagaInput;
use bangkom_core::program::{ProgramInput, StatusProgram};
use bangkom_db::audit::AuditFilter;
use bangkom_db::program::{PesertaBaru, ProgramFilter, UrutProgram};
use bangkom_db::{Db, DbError};
use time::macros::date;

use crate::support::{actor, both, load_org, load_pegawai, pegawai_rows, scalar};

fn input(kode: &str, jalur: &str, jp: &str, mulai: &str, selesai: &str) -> ProgramInput {
    ProgramInput {
        kode: kode.into(),
        nama: format!("Pelatihan {kode}"),
        jalur: jalur.into(),
        penyelenggara: "BPSDM Provinsi Jambi".into(),
        jp: jp.into(),
        biaya: "1.500.000".into(),
        mulai: mulai.into(),
        selesai: selesai.into(),
        ..Default::default()
    }
}

fn fields(e: &DbError) -> Vec<String> {
    match e {
        DbError::Invalid(v) => v.iter().map(|f| f.field.clone()).collect(),
        e => panic!("expected Invalid, got {e:?}"),
    }
}

async fn audit(db: &Db, kode: &str) -> Vec<(String, Option<String>, Option<String>)> {
    db.audit_list(&AuditFilter {
        entitas: Some("program".into()),
        kunci: Some(kode.into()),
        page: 1,
        per_page: 50,
    })
    .await
    .unwrap()
    .into_iter()
    .map(|a| (a.aksi, a.sebelum, a.sesudah))
    .collect()
}

async fn story_create_update(db: &Db) {
    let org = load_org(db).await;
    let opd = org
        .all()
        .iter()
        .find(|o| o.jenis == "opd")
        .map(|o| o.kode.clone())
        .unwrap();
    db.lembaga_create(
        &actor(),
        &LembagaInput {
            kode: "LAN".into(),
            nama: "Lembaga Administrasi Negara".into(),
            jenis: "pemerintah".into(),
            ..Default::default()
        }
        .parse()
        .unwrap(),
    )
    .await
    .unwrap();

    // Organiser from the institution, target groups resolved, rules defaulted.
    let p = ProgramInput {
        penyelenggara: String::new(),
        lembaga: "lan".into(),
        sasaran_jabatan: "pelaksana".into(),
        opd: opd.clone(),
        kompetensi: "Pelayanan digital".into(),
        kuota: "2".into(),
        ..input("k-01", "16", "8", "2025-03-01", "2025-03-31")
    }
    .validate()
    .unwrap();
    let g = db.program_create(&actor(), &p).await.unwrap();
    assert_eq!(
        (g.kode.as_str(), g.jalur, g.klasikal, g.jp, g.biaya, g.kuota),
        ("K-01", 16, false, 8, 1_500_000, Some(2))
    );
    assert_eq!(g.penyelenggara, "Lembaga Administrasi Negara");
    assert!(g.lembaga_id.is_some());
    assert_eq!(g.sasaran_jabatan.as_deref(), Some("pelaksana"));
    assert_eq!((g.min_hadir_persen, g.min_nilai_post), (80, 60));
    assert_eq!(db.program_opd(g.program_id).await.unwrap().len(), 1);
    let log = audit(db, "K-01").await;
    assert_eq!(log.len(), 1);
    assert_eq!(log[0].0, "tambah");
    assert!(log[0].2.as_deref().unwrap().contains("\"jp\":8"));

    // A used code, an unknown institution and OPD: refused by field, nothing written.
    let e = db.program_create(&actor(), &p).await.unwrap_err();
    assert_eq!(fields(&e), ["kode"]);
    let bad = ProgramInput {
        lembaga: "TIDAK-ADA".into(),
        opd: "99.99".into(),
        ..input("k-02", "8", "8", "2025-03-01", "2025-03-31")
    }
    .validate()
    .unwrap();
    let e = db.program_create(&actor(), &bad).await.unwrap_err();
    assert_eq!(fields(&e), ["lembaga", "opd"]);
    assert_eq!(scalar(db, "SELECT COUNT(*) FROM program").await, 1);

    // Edit: everything may change before any completion; audited with before and after.
    let p2 = ProgramInput {
        nama: "Pelatihan K-01 (revisi)".into(),
        bentuk: "klasikal".into(),
        ..input("K-01", "8", "12", "2025-04-01", "2025-04-03")
    }
    .validate()
    .unwrap();
    let g2 = db.program_update(&actor(), &g, &p2).await.unwrap();
    assert_eq!(
        (
            g2.program_id,
            g2.nama.as_str(),
            g2.jalur,
            g2.jp,
            g2.klasikal
        ),
        (g.program_id, "Pelatihan K-01 (revisi)", 8, 12, true)
    );
    assert_eq!(g2.lembaga_id, None, "the institution was removed");
    assert!(db.program_opd(g.program_id).await.unwrap().is_empty());
    let log = audit(db, "K-01").await;
    assert_eq!(log[0].0, "ubah");
    assert!(log[0].1.as_deref().unwrap().contains("\"jp\":8"));
    assert!(log[0].2.as_deref().unwrap().contains("\"jp\":12"));

    // A quota below the places taken is refused.
    let rows = pegawai_rows(6, 9);
    load_pegawai(db, &rows).await;
    let ids: Vec<i64> = db.pegawai_id_map().await.unwrap().into_values().collect();
    let baru = |pegawai_id, status| PesertaBaru {
        program_id: g.program_id,
        pegawai_id,
        status,
        jp_diakui: 0,
        tanggal_selesai: None,
        nomor_sertifikat: None,
    };
    db.peserta_set(
        &actor(),
        &[baru(ids[0], "disetujui"), baru(ids[1], "disetujui")],
    )
    .await
    .unwrap();
    let sempit = ProgramInput {
        kuota: "1".into(),
        ..input("K-01", "8", "12", "2025-04-01", "2025-04-03")
    }
    .validate()
    .unwrap();
    let e = db.program_update(&actor(), &g2, &sempit).await.unwrap_err();
    assert_eq!(fields(&e), ["kuota"]);

    // Raising the quota moves the waitlist up, as a freed place does.
    db.peserta_set(&actor(), &[baru(ids[2], "menunggu")])
        .await
        .unwrap();
    let lega = ProgramInput {
        kuota: "3".into(),
        ..input("K-01", "8", "12", "2025-04-01", "2025-04-03")
    }
    .validate()
    .unwrap();
    db.program_update(&actor(), &g2, &lega).await.unwrap();
    assert_eq!(
        scalar(
            db,
            &format!(
                "SELECT COUNT(*) FROM peserta WHERE pegawai_id = {} AND status = 'diusulkan'",
                ids[2]
            )
        )
        .await,
        1
    );
}
both!(
    story_create_update,
    katalog_simpan_sqlite,
    katalog_simpan_postgres
);

async fn story_koreksi_jp(db: &Db) {
    load_org(db).await;
    let rows = pegawai_rows(6, 3);
    load_pegawai(db, &rows).await;
    let ids: Vec<i64> = db.pegawai_id_map().await.unwrap().into_values().collect();
    let p = input("KOR-1", "8", "24", "2025-06-10", "2025-06-13")
        .validate()
        .unwrap();
    let g = db.program_create(&actor(), &p).await.unwrap();
    let selesai = |pegawai_id, status: &'static str, jp| PesertaBaru {
        program_id: g.program_id,
        pegawai_id,
        status,
        jp_diakui: jp,
        tanggal_selesai: Some(date!(2025 - 06 - 13)),
        nomor_sertifikat: None,
    };
    db.peserta_set(
        &actor(),
        &[
            selesai(ids[0], "selesai", 24),
            selesai(ids[1], "selesai", 24),
            selesai(ids[2], "tidak_selesai", 0),
        ],
    )
    .await
    .unwrap();
    assert!(db.program_ada_kelulusan(g.program_id).await.unwrap());
    let page = db
        .program_cari(&ProgramFilter {
            page: 1,
            per_page: 10,
            ..Default::default()
        })
        .await
        .unwrap();
    assert_eq!(
        (
            page.items.len(),
            page.items[0].selesai,
            page.items[0].disetujui
        ),
        (1, 2, 0),
        "the page's participants are counted"
    );

    // The ordinary edit refuses a JP (and jalur, dates, rules) change; other fields may change.
    let lain_jp = input("KOR-1", "8", "20", "2025-06-10", "2025-06-13")
        .validate()
        .unwrap();
    let e = db.program_update(&actor(), &g, &lain_jp).await.unwrap_err();
    assert_eq!(fields(&e), ["jp"]);
    assert!(e.to_string().contains("Koreksi JP"), "{e}");
    let beku = ProgramInput {
        min_hadir_persen: "50".into(),
        ..input("KOR-1", "3", "24", "2025-06-11", "2025-06-13")
    }
    .validate()
    .unwrap();
    let e = db.program_update(&actor(), &g, &beku).await.unwrap_err();
    assert_eq!(fields(&e), ["jalur", "selesai", "min_hadir_persen"]);
    let nama = ProgramInput {
        nama: "Nama baru".into(),
        ..input("KOR-1", "8", "24", "2025-06-10", "2025-06-13")
    }
    .validate()
    .unwrap();
    let g = db.program_update(&actor(), &g, &nama).await.unwrap();
    assert_eq!((g.nama.as_str(), g.jp), ("Nama baru", 24));

    // The correction moves the program's JP and the credited JP of the completed, together.
    let jp_of = |ledger: &[bangkom_db::program::JpPegawai], id: i64| {
        ledger.iter().find(|r| r.pegawai_id == id).map(|r| r.jp)
    };
    let before = db.jp_pegawai(None, 2025).await.unwrap();
    assert_eq!(jp_of(&before, ids[0]), Some(24));
    let e = db
        .program_koreksi_jp(&actor(), &g, 24, "tidak berubah")
        .await
        .unwrap_err();
    assert_eq!(fields(&e), ["jp"]);
    let e = db
        .program_koreksi_jp(&actor(), &g, 20, " ")
        .await
        .unwrap_err();
    assert_eq!(fields(&e), ["alasan"]);
    let k = db
        .program_koreksi_jp(&actor(), &g, 20, "kurikulum resmi 20 JP")
        .await
        .unwrap();
    assert_eq!((k.jp_lama, k.jp_baru, k.peserta), (24, 20, 2));
    assert_eq!(db.program_by_kode("KOR-1").await.unwrap().jp, 20);
    let after = db.jp_pegawai(None, 2025).await.unwrap();
    assert_eq!(jp_of(&after, ids[0]), Some(20));
    assert_eq!(jp_of(&after, ids[1]), Some(20));
    assert_eq!(
        jp_of(&after, ids[2]),
        Some(0),
        "not completed: nothing credited"
    );
    assert!(
        db.jp_rekap_selisih().await.unwrap().is_empty(),
        "the yearly totals follow the correction"
    );
    assert_eq!(
        scalar(
            db,
            &format!(
                "SELECT COUNT(*) FROM peserta WHERE program_id = {} AND jp_diakui = 20",
                g.program_id
            )
        )
        .await,
        2
    );
    let log = audit(db, "KOR-1").await;
    let (aksi, sebelum, sesudah) = &log[0];
    assert_eq!(aksi, "koreksi_jp");
    let sebelum: serde_json::Value = serde_json::from_str(sebelum.as_deref().unwrap()).unwrap();
    let sesudah: serde_json::Value = serde_json::from_str(sesudah.as_deref().unwrap()).unwrap();
    assert_eq!(sebelum["jp"], 24);
    assert_eq!(sesudah["jp"], 20);
    assert_eq!(sesudah["alasan"], "kurikulum resmi 20 JP");
    assert_eq!(sebelum["jp_diakui"].as_object().unwrap().len(), 2);
    assert!(
        sesudah["jp_diakui"]
            .as_object()
            .unwrap()
            .values()
            .all(|v| v == 20)
    );
}
both!(
    story_koreksi_jp,
    katalog_koreksi_jp_sqlite,
    katalog_koreksi_jp_postgres
);

async fn story_cari(db: &Db) {
    load_org(db).await;
    let lan = db
        .lembaga_create(
            &actor(),
            &LembagaInput {
                kode: "LAN".into(),
                nama: "LAN".into(),
                jenis: "pemerintah".into(),
                ..Default::default()
            }
            .parse()
            .unwrap(),
        )
        .await
        .unwrap();
    for (kode, nama, jalur, jp, mulai, selesai, lembaga) in [
        (
            "A-TIK",
            "Bimtek TIK",
            "8",
            "24",
            "2024-05-01",
            "2024-05-03",
            "",
        ),
        (
            "B-PKA",
            "PKA",
            "1",
            "300",
            "2025-02-01",
            "2025-06-30",
            "LAN",
        ),
        (
            "C-ELEARN",
            "E-learning",
            "16",
            "8",
            "2025-07-01",
            "2025-07-31",
            "LAN",
        ),
        (
            "D-TIK_2",
            "Aplikasi TIK 100% daring",
            "8",
            "16",
            "2026-01-10",
            "2026-01-12",
            "",
        ),
    ] {
        let p = ProgramInput {
            nama: nama.into(),
            lembaga: lembaga.into(),
            ..input(kode, jalur, jp, mulai, selesai)
        }
        .validate()
        .unwrap();
        db.program_create(&actor(), &p).await.unwrap();
    }
    let kode = |f: &ProgramFilter| {
        let f = f.clone();
        async move {
            db.program_cari(&f)
                .await
                .unwrap()
                .items
                .into_iter()
                .map(|r| r.program.kode)
                .collect::<Vec<_>>()
        }
    };
    let semua = ProgramFilter {
        page: 1,
        per_page: 50,
        ..Default::default()
    };
    // Default: by first day, ascending unless asked otherwise.
    assert_eq!(
        kode(&semua).await,
        ["A-TIK", "B-PKA", "C-ELEARN", "D-TIK_2"]
    );
    let q = |s: &str| ProgramFilter {
        q: s.into(),
        ..semua.clone()
    };
    assert_eq!(kode(&q("tik")).await, ["A-TIK", "D-TIK_2"]);
    assert_eq!(kode(&q("k_2")).await, ["D-TIK_2"], "wildcards are literal");
    assert!(kode(&q("k_1")).await.is_empty());
    assert_eq!(kode(&q("%")).await, ["D-TIK_2"]);
    let f = ProgramFilter {
        tahun: Some(2025),
        ..semua.clone()
    };
    assert_eq!(kode(&f).await, ["B-PKA", "C-ELEARN"]);
    let f = ProgramFilter {
        jalur: Some(8),
        urut: UrutProgram::Jp,
        desc: true,
        ..semua.clone()
    };
    assert_eq!(kode(&f).await, ["A-TIK", "D-TIK_2"]);
    let f = ProgramFilter {
        klasikal: Some(false),
        ..semua.clone()
    };
    assert_eq!(kode(&f).await, ["C-ELEARN"]);
    let f = ProgramFilter {
        lembaga_id: Some(lan),
        urut: UrutProgram::Nama,
        ..semua.clone()
    };
    assert_eq!(
        kode(&f).await,
        ["C-ELEARN", "B-PKA"],
        "by name: E-learning, PKA"
    );
    let f = ProgramFilter {
        status: Some(StatusProgram::Berlangsung),
        hari_ini: Some(date!(2025 - 07 - 15)),
        ..semua.clone()
    };
    assert_eq!(kode(&f).await, ["C-ELEARN"]);
    let f = ProgramFilter {
        status: Some(StatusProgram::AkanDatang),
        hari_ini: Some(date!(2025 - 07 - 15)),
        ..semua.clone()
    };
    assert_eq!(kode(&f).await, ["D-TIK_2"]);
    // The institution scope is applied on top of any other institution filter.
    let f = ProgramFilter {
        hanya_lembaga: Some(lan + 1000),
        ..semua.clone()
    };
    assert!(kode(&f).await.is_empty());
    // Pages.
    let f = ProgramFilter {
        urut: UrutProgram::Kode,
        desc: true,
        page: 2,
        per_page: 3,
        ..semua.clone()
    };
    let page = db.program_cari(&f).await.unwrap();
    assert_eq!((page.total, page.pages(), page.page), (4, 2, 2));
    assert_eq!(page.items.len(), 1);
    assert_eq!(page.items[0].program.kode, "A-TIK");
    assert_eq!(db.program_cari_semua(&f).await.unwrap().len(), 4);
}
both!(story_cari, katalog_cari_sqlite, katalog_cari_postgres);
