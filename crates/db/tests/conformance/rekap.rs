//! The maintained yearly JP totals (`jp_rekap`, migration 0015) after a random sequence of credit
//! operations — recorded participations (re-recorded, moved across a year boundary, uncompleted),
//! completion by the program's rules, assessed activities, decided claims, corrections and
//! revocations — equal a full recomputation from the credits, after every step; the ledger export
//! adds up to the same totals; corrections are validated and audited.

use std::collections::HashMap;

use bangkom_core::jp::Jalur;
use bangkom_core::pengalaman::{Hasil, JenisPengalaman};
use bangkom_db::pegawai::{PegawaiRow, Scope};
use bangkom_db::pengalaman::{KlaimBaru, PengalamanBaru, Penilaian, Putusan};
use bangkom_db::program::{Cara, NilaiBaru, PesertaBaru, ProgramBaru, SesiBaru};
use bangkom_db::rekap::{KoreksiJp, SumberJp};
use bangkom_db::{Db, DbError};
use time::macros::date;

use crate::support::{actor, both, load_org, load_pegawai, pegawai_rows, scalar};

struct Rng(u64);

impl Rng {
    fn below(&mut self, n: u64) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0 % n
    }
}

async fn assert_consistent(db: &Db, step: &str) {
    let diff = db.jp_rekap_selisih().await.unwrap();
    assert!(diff.is_empty(), "after {step}: {diff:?}");
    assert_eq!(
        scalar(db, "SELECT COUNT(*) FROM jp_rekap WHERE jp = 0").await,
        0,
        "after {step}: zero totals are removed"
    );
}

fn program(kode: &str, jalur: u8, jp: u32, mulai: time::Date, selesai: time::Date) -> ProgramBaru {
    ProgramBaru {
        kode: kode.into(),
        nama: format!("Program {kode}"),
        jalur: Jalur::from_id(jalur).unwrap(),
        penyelenggara: "BPSDM Provinsi Jambi".into(),
        jp,
        biaya: 0,
        kuota: None,
        mulai,
        selesai,
    }
}

async fn story_rekap(db: &Db) {
    load_org(db).await;
    load_pegawai(db, &pegawai_rows(12, 5)).await;
    let mut people: Vec<PegawaiRow> = Vec::new();
    for id in db.pegawai_id_map().await.unwrap().into_values() {
        people.push(db.pegawai_by_id(&Scope::Semua, id).await.unwrap());
    }
    people.sort_by_key(|p| p.pegawai_id);
    let today = date!(2026 - 03 - 01);
    // Programs around the 2024/2025 year boundary and in 2025.
    let specs = [
        (
            "R-2024",
            8,
            24,
            date!(2024 - 12 - 30),
            date!(2024 - 12 - 31),
        ),
        (
            "R-2025A",
            16,
            8,
            date!(2025 - 01 - 01),
            date!(2025 - 01 - 01),
        ),
        (
            "R-2025B",
            3,
            40,
            date!(2025 - 06 - 10),
            date!(2025 - 06 - 13),
        ),
    ];
    let mut programs = Vec::new();
    for (kode, jalur, jp, mulai, selesai) in specs {
        let id = db
            .program_upsert(&actor(), &program(kode, jalur, jp, mulai, selesai))
            .await
            .unwrap();
        programs.push((id, selesai));
    }
    assert_consistent(db, "programs without participants").await;

    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    let mut kegiatan: Vec<i64> = Vec::new();
    let mut klaim: Vec<i64> = Vec::new();
    let mut peserta: Vec<i64> = Vec::new();
    let dates = [
        date!(2024 - 12 - 31),
        date!(2025 - 01 - 01),
        date!(2025 - 07 - 15),
        date!(2025 - 12 - 31),
    ];
    for step in 0..80 {
        let p = &people[usize::try_from(rng.below(people.len() as u64)).unwrap()];
        let op = rng.below(4);
        let what = match op {
            0 => {
                // Record (or re-record) a participation: completed on some date, not completed,
                // or approved only.
                let (pid, selesai) = programs[usize::try_from(rng.below(3)).unwrap()];
                let status = ["selesai", "selesai", "tidak_selesai", "disetujui"]
                    [usize::try_from(rng.below(4)).unwrap()];
                let tanggal = if rng.below(3) == 0 {
                    dates[usize::try_from(rng.below(4)).unwrap()]
                } else {
                    selesai
                };
                db.peserta_set(
                    &actor(),
                    &[PesertaBaru {
                        program_id: pid,
                        pegawai_id: p.pegawai_id,
                        status,
                        jp_diakui: u32::try_from(rng.below(41)).unwrap(),
                        tanggal_selesai: Some(tanggal),
                        nomor_sertifikat: None,
                    }],
                )
                .await
                .unwrap();
                let id = scalar(
                    db,
                    &format!(
                        "SELECT peserta_id FROM peserta WHERE program_id = {pid} AND pegawai_id = {}",
                        p.pegawai_id
                    ),
                )
                .await;
                peserta.push(id);
                format!("peserta_set {status} {tanggal}")
            }
            1 => {
                let selesai = dates[usize::try_from(rng.below(4)).unwrap()];
                let id = db
                    .pengalaman_add(
                        &actor(),
                        &PengalamanBaru {
                            pegawai_id: p.pegawai_id,
                            jenis: JenisPengalaman::PenugasanKhusus,
                            judul: format!("Penugasan {step}"),
                            tujuan: None,
                            unit_tujuan_id: None,
                            ke_jabatan: None,
                            pembimbing_id: None,
                            pembimbing_nama: Some("Tenaga Ahli".into()),
                            mulai: selesai - time::Duration::days(20),
                            selesai,
                        },
                    )
                    .await
                    .unwrap();
                let hasil = if rng.below(4) == 0 {
                    Hasil::TidakTercapai
                } else {
                    Hasil::Baik
                };
                db.pengalaman_nilai(
                    &actor(),
                    id,
                    &Penilaian {
                        hasil,
                        jp: Some(1 + u32::try_from(rng.below(30)).unwrap()),
                        catatan: "dinilai".into(),
                    },
                    today,
                )
                .await
                .unwrap();
                kegiatan.push(id);
                format!("pengalaman_nilai {hasil:?} {selesai}")
            }
            2 => {
                let selesai = dates[usize::try_from(rng.below(4)).unwrap()];
                let id = db
                    .klaim_add(
                        &actor(),
                        &KlaimBaru {
                            pegawai_id: p.pegawai_id,
                            judul: format!("Seminar {step}"),
                            penyelenggara: "LAN".into(),
                            jalur: Jalur::from_id(9).unwrap(),
                            mulai: selesai,
                            selesai,
                            jp: 10,
                            bukti: "sertifikat".into(),
                            tautan: None,
                        },
                        today,
                    )
                    .await
                    .unwrap();
                let putusan = match rng.below(3) {
                    0 => Putusan::Tolak("bukti tidak sah".into()),
                    1 => Putusan::Verifikasi(None),
                    _ => Putusan::Verifikasi(Some(1 + u32::try_from(rng.below(10)).unwrap())),
                };
                db.klaim_putus(&actor(), id, &putusan).await.unwrap();
                klaim.push(id);
                format!("klaim_putus {putusan:?} {selesai}")
            }
            _ => {
                // A correction or a revocation (0 JP) of any earlier record; those that credit
                // nothing, or already have that JP, are refused with a field message.
                let (sumber, list) = match rng.below(3) {
                    0 => (SumberJp::Peserta, &peserta),
                    1 => (SumberJp::Pengalaman, &kegiatan),
                    _ => (SumberJp::Klaim, &klaim),
                };
                if list.is_empty() {
                    continue;
                }
                let id = list[usize::try_from(rng.below(list.len() as u64)).unwrap()];
                let jp = if rng.below(3) == 0 {
                    0
                } else {
                    u32::try_from(rng.below(11)).unwrap()
                };
                let k = KoreksiJp {
                    sumber,
                    id,
                    jp,
                    alasan: "salah input".into(),
                };
                match db.jp_koreksi(&actor(), &k).await {
                    Ok(_) | Err(DbError::Invalid(_)) => {}
                    Err(e) => panic!("koreksi {k:?}: {e:?}"),
                }
                format!("koreksi {sumber:?} {id} → {jp}")
            }
        };
        assert_consistent(db, &format!("step {step} ({what})")).await;
    }

    // Completion by the program's rules credits through `kelulusan`.
    let kode = "R-2025-KELAS";
    db.program_upsert(
        &actor(),
        &program(kode, 8, 16, date!(2025 - 11 - 03), date!(2025 - 11 - 04)),
    )
    .await
    .unwrap();
    let prog = db.program_by_kode(kode).await.unwrap();
    let (a, b) = (&people[0], &people[1]);
    for p in [a, b] {
        db.peserta_usul(&actor(), &prog, p, Cara::Usulan)
            .await
            .unwrap();
        db.peserta_putus(&actor(), &prog, p, true, None)
            .await
            .unwrap();
    }
    let sesi = db
        .sesi_add(
            &actor(),
            &prog,
            &SesiBaru {
                tanggal: date!(2025 - 11 - 03),
                jam_mulai: "08:00".into(),
                jam_selesai: "12:00".into(),
                tempat: Some("Aula".into()),
                tautan: None,
                pengajar: None,
            },
        )
        .await
        .unwrap();
    db.hadir_set(&actor(), &prog, sesi, &[a.nip.clone(), b.nip.clone()])
        .await
        .unwrap();
    db.nilai_set(
        &actor(),
        &prog,
        &[
            NilaiBaru {
                nip: a.nip.clone(),
                pre: Some(50),
                post: Some(90),
            },
            NilaiBaru {
                nip: b.nip.clone(),
                pre: Some(50),
                post: Some(10),
            },
        ],
    )
    .await
    .unwrap();
    let before = db.jp_jalur_pegawai(a.pegawai_id, 2025).await.unwrap();
    let h = db.kelulusan(&actor(), &prog).await.unwrap();
    assert_eq!((h.selesai.len(), h.tidak_selesai.len()), (1, 1));
    let after = db.jp_jalur_pegawai(a.pegawai_id, 2025).await.unwrap();
    assert_eq!(
        after.get(&8).copied().unwrap_or(0) - before.get(&8).copied().unwrap_or(0),
        16,
        "the completion credits the program's JP under its jalur"
    );
    assert_consistent(db, "kelulusan").await;

    // The export's entries add up to the compliance totals, per employee and year.
    for tahun in [2024, 2025] {
        let mut dari_buku: HashMap<String, i64> = HashMap::new();
        db.jp_buku(
            None,
            date!(2000 - 01 - 01).replace_year(tahun).unwrap(),
            date!(2000 - 12 - 31).replace_year(tahun).unwrap(),
            |r| {
                assert_eq!(r.tanggal.year(), tahun);
                *dari_buku.entry(r.nip).or_default() += r.jp;
                Ok::<(), DbError>(())
            },
        )
        .await
        .unwrap();
        let semua = db.jp_pegawai(None, tahun).await.unwrap();
        for r in &semua {
            assert_eq!(
                dari_buku.get(&r.nip).copied().unwrap_or(0),
                r.jp,
                "{} in {tahun}",
                r.nip
            );
        }
        // A small scope reads each employee's totals by key, a large one the whole year: same list.
        let mut units: Vec<i64> = people.iter().map(|p| p.unit_id).collect();
        units.sort_unstable();
        units.dedup();
        assert!(units.len() <= 64);
        let kecil = db.jp_pegawai(Some(&units), tahun).await.unwrap();
        assert_eq!(kecil, semua, "{tahun}");
    }

    // Rebuilding from scratch gives the same table.
    let n = scalar(db, "SELECT COUNT(*) FROM jp_rekap").await;
    assert!(n > 0);
    assert_eq!(
        i64::try_from(db.jp_rekap_hitung_ulang().await.unwrap()).unwrap(),
        n
    );
    assert_consistent(db, "rebuild").await;
}

both!(story_rekap, rekap_sqlite, rekap_postgres);

async fn story_koreksi(db: &Db) {
    load_org(db).await;
    load_pegawai(db, &pegawai_rows(3, 9)).await;
    let mut ids: Vec<i64> = db.pegawai_id_map().await.unwrap().into_values().collect();
    ids.sort_unstable();
    let pid = db
        .program_upsert(
            &actor(),
            &program("K-1", 8, 24, date!(2025 - 03 - 01), date!(2025 - 03 - 03)),
        )
        .await
        .unwrap();
    db.peserta_set(
        &actor(),
        &[
            PesertaBaru {
                program_id: pid,
                pegawai_id: ids[0],
                status: "selesai",
                jp_diakui: 24,
                tanggal_selesai: Some(date!(2025 - 03 - 03)),
                nomor_sertifikat: None,
            },
            PesertaBaru {
                program_id: pid,
                pegawai_id: ids[1],
                status: "tidak_selesai",
                jp_diakui: 0,
                tanggal_selesai: None,
                nomor_sertifikat: None,
            },
        ],
    )
    .await
    .unwrap();
    let peserta = |pegawai: i64| {
        format!(
            "SELECT peserta_id FROM peserta WHERE program_id = {pid} AND pegawai_id = {pegawai}"
        )
    };
    let done = scalar(db, &peserta(ids[0])).await;
    let not_done = scalar(db, &peserta(ids[1])).await;
    let k = |sumber, id, jp, alasan: &str| KoreksiJp {
        sumber,
        id,
        jp,
        alasan: alasan.into(),
    };
    let field = |e: DbError| match e {
        DbError::Invalid(v) => v
            .iter()
            .map(|f| f.field.clone())
            .collect::<Vec<_>>()
            .join(","),
        e => format!("{e:?}"),
    };
    let audit = "SELECT COUNT(*) FROM audit WHERE aksi = 'koreksi_jp'";
    assert_eq!(
        field(
            db.jp_koreksi(&actor(), &k(SumberJp::Peserta, done, 20, " "))
                .await
                .unwrap_err()
        ),
        "alasan"
    );
    assert_eq!(
        field(
            db.jp_koreksi(&actor(), &k(SumberJp::Peserta, done, 24, "x"))
                .await
                .unwrap_err()
        ),
        "jp",
        "unchanged JP"
    );
    assert_eq!(
        field(
            db.jp_koreksi(&actor(), &k(SumberJp::Peserta, not_done, 8, "x"))
                .await
                .unwrap_err()
        ),
        "jp",
        "an uncompleted participation credits nothing"
    );
    assert!(matches!(
        db.jp_koreksi(&actor(), &k(SumberJp::Klaim, 999, 1, "x"))
            .await,
        Err(DbError::NotFound)
    ));
    assert_eq!(scalar(db, audit).await, 0, "refusals write nothing");

    let first = ids[0];
    let jp = |db: &Db| {
        let db = db.clone();
        async move {
            db.jp_pegawai(None, 2025)
                .await
                .unwrap()
                .into_iter()
                .find(|r| r.pegawai_id == first)
                .unwrap()
                .jp
        }
    };
    assert_eq!(jp(db).await, 24);
    assert_eq!(
        db.jp_koreksi(
            &actor(),
            &k(SumberJp::Peserta, done, 16, "JP program 16, bukan 24")
        )
        .await
        .unwrap(),
        24
    );
    assert_eq!(jp(db).await, 16);
    db.jp_koreksi(
        &actor(),
        &k(SumberJp::Peserta, done, 0, "sertifikat dicabut"),
    )
    .await
    .unwrap();
    assert_eq!(jp(db).await, 0, "a revocation removes the credit");
    assert_eq!(scalar(db, "SELECT COUNT(*) FROM jp_rekap").await, 0);
    assert_eq!(scalar(db, audit).await, 2);
    assert_consistent(db, "koreksi").await;
}

both!(story_koreksi, koreksi_sqlite, koreksi_postgres);
