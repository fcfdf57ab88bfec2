//! Experiential learning, learning log and external claims: a rotation moves the position and
//! closes the old one in the history, an overlapping rotation is refused, an assessment credits JP
//! exactly once, claims are verified or rejected with a reason, and the ledger adds programs,
//! experiential learning and verified claims per jalur, in the year of their last day (PPPK have no
//! minimum).

use bangkom_core::jp::{AturanJp, Jalur};
use bangkom_core::pegawai::JenisAsn;
use bangkom_core::pengalaman::{Hasil, JenisPengalaman};
use bangkom_db::pegawai::{PegawaiRow, Scope};
use bangkom_db::pengalaman::{CatatanBaru, KlaimBaru, PengalamanBaru, Penilaian, Putusan};
use bangkom_db::program::{PesertaBaru, ProgramBaru};
use bangkom_db::{Db, DbError};
use time::macros::date;

use crate::support::{actor, both, load_org, load_pegawai, pegawai_rows, scalar};

fn kegiatan(
    p: &PegawaiRow,
    jenis: JenisPengalaman,
    mulai: time::Date,
    selesai: time::Date,
) -> PengalamanBaru {
    PengalamanBaru {
        pegawai_id: p.pegawai_id,
        jenis,
        judul: "Pengawasan jalan provinsi ruas Muara Bulian".into(),
        tujuan: Some("memahami pengendalian mutu pekerjaan jalan".into()),
        unit_tujuan_id: None,
        ke_jabatan: None,
        pembimbing_id: None,
        pembimbing_nama: Some("Ir. Tenaga Ahli Jalan".into()),
        mulai,
        selesai,
    }
}

fn field(e: DbError, name: &str) -> bool {
    matches!(e, DbError::Invalid(errs) if errs.has(name))
}

async fn jp_of(db: &Db, id: i64, tahun: i32) -> i64 {
    db.jp_pegawai(None, tahun)
        .await
        .unwrap()
        .iter()
        .find(|r| r.pegawai_id == id)
        .map(|r| r.jp)
        .unwrap()
}

async fn story_pengalaman(db: &Db) {
    let org = load_org(db).await;
    load_pegawai(db, &pegawai_rows(30, 11)).await;
    let mut all = Vec::new();
    for id in db.pegawai_id_map().await.unwrap().into_values() {
        all.push(db.pegawai_by_id(&Scope::Semua, id).await.unwrap());
    }
    all.sort_by_key(|p| p.pegawai_id);
    let pns: Vec<&PegawaiRow> = all
        .iter()
        .filter(|p| p.jenis_asn == "PNS" && p.tmt_jabatan.is_none_or(|t| t < date!(2024 - 01 - 01)))
        .collect();
    let pppk = all.iter().find(|p| p.jenis_asn == "PPPK");
    let (a, b, mentor) = (pns[0], pns[1], pns[2]);

    // Rotation: the position and unit change, the old position goes into the history.
    let target = org
        .all()
        .iter()
        .find(|o| o.jenis == "unit" && o.org_id != a.unit_id)
        .unwrap();
    let rotasi = PengalamanBaru {
        ke_jabatan: Some("Analis Kebijakan Infrastruktur".into()),
        unit_tujuan_id: Some(target.org_id),
        pembimbing_nama: None,
        ..kegiatan(
            a,
            JenisPengalaman::Rotasi,
            date!(2025 - 02 - 01),
            date!(2025 - 07 - 31),
        )
    };
    let rot_id = db.pengalaman_add(&actor(), &rotasi).await.unwrap();
    let now = db.pegawai_by_id(&Scope::Semua, a.pegawai_id).await.unwrap();
    assert_eq!(
        (
            now.jabatan.as_str(),
            now.unit_id,
            now.opd_id,
            now.tmt_jabatan
        ),
        (
            "Analis Kebijakan Infrastruktur",
            target.org_id,
            target.opd_id.unwrap(),
            Some(date!(2025 - 02 - 01))
        )
    );
    let hist = db.riwayat_jabatan(a.pegawai_id).await.unwrap();
    assert_eq!(
        (hist[0].jabatan.as_str(), hist[0].unit_id, hist[0].selesai),
        (a.jabatan.as_str(), a.unit_id, date!(2025 - 02 - 01)),
        "the old position is closed on the day the rotation starts"
    );
    let row = db.pengalaman_by_id(rot_id).await.unwrap();
    assert_eq!(row.dari_jabatan.as_deref(), Some(a.jabatan.as_str()));

    // An overlapping rotation is refused and changes nothing.
    let again = PengalamanBaru {
        ke_jabatan: Some("Kepala Seksi Jalan".into()),
        ..rotasi.clone()
    };
    let overlap = PengalamanBaru {
        mulai: date!(2025 - 07 - 01),
        selesai: date!(2025 - 12 - 31),
        ..again
    };
    assert!(field(
        db.pengalaman_add(&actor(), &overlap).await.unwrap_err(),
        "mulai"
    ));
    assert_eq!(db.riwayat_jabatan(a.pegawai_id).await.unwrap().len(), 1);
    // Missing target position and unit, reversed dates: field messages.
    let bad = PengalamanBaru {
        ke_jabatan: None,
        unit_tujuan_id: None,
        ..kegiatan(
            b,
            JenisPengalaman::Rotasi,
            date!(2025 - 03 - 02),
            date!(2025 - 03 - 01),
        )
    };
    let e = db.pengalaman_add(&actor(), &bad).await.unwrap_err();
    assert!(
        matches!(&e, DbError::Invalid(x) if x.has("ke_jabatan") && x.has("unit_tujuan") && x.has("selesai"))
    );
    let no_mentor = PengalamanBaru {
        pembimbing_nama: None,
        ..kegiatan(
            b,
            JenisPengalaman::Mentoring,
            date!(2025 - 03 - 01),
            date!(2025 - 04 - 01),
        )
    };
    assert!(field(
        db.pengalaman_add(&actor(), &no_mentor).await.unwrap_err(),
        "pembimbing"
    ));

    // A special assignment across the year end counts in the year it ends; assessed once.
    let tugas = db
        .pengalaman_add(
            &actor(),
            &kegiatan(
                b,
                JenisPengalaman::PenugasanKhusus,
                date!(2024 - 10 - 01),
                date!(2025 - 01 - 15),
            ),
        )
        .await
        .unwrap();
    let nilai = Penilaian {
        hasil: Hasil::Baik,
        jp: Some(30),
        catatan: "laporan pengawasan lengkap".into(),
    };
    assert!(
        field(
            db.pengalaman_nilai(&actor(), tugas, &nilai, date!(2025 - 01 - 10))
                .await
                .unwrap_err(),
            "hasil"
        ),
        "not completed yet"
    );
    let no_jp = Penilaian {
        jp: None,
        ..nilai.clone()
    };
    assert!(
        field(
            db.pengalaman_nilai(&actor(), tugas, &no_jp, date!(2025 - 02 - 01))
                .await
                .unwrap_err(),
            "jp"
        ),
        "no default JP is shipped (REFERENCE §3.4)"
    );
    let done = db
        .pengalaman_nilai(&actor(), tugas, &nilai, date!(2025 - 02 - 01))
        .await
        .unwrap();
    assert_eq!(
        (done.status.as_str(), done.jp_diakui, done.jalur),
        ("dinilai", Some(30), Some(24))
    );
    assert!(matches!(
        db.pengalaman_nilai(&actor(), tugas, &nilai, date!(2025 - 02 - 01))
            .await
            .unwrap_err(),
        DbError::Conflict(_)
    ));
    assert_eq!(
        scalar(
            db,
            "SELECT COUNT(*) FROM jp_kredit WHERE sumber = 'pengalaman'"
        )
        .await,
        1
    );
    assert_eq!(jp_of(db, b.pegawai_id, 2025).await, 30);
    assert_eq!(
        jp_of(db, b.pegawai_id, 2024).await,
        0,
        "year boundary: counted at the end"
    );

    // The administrator maps mentoring to a jalur with a default JP; "not met" credits nothing.
    db.pengalaman_aturan_set(
        &actor(),
        JenisPengalaman::Mentoring,
        Jalur::from_id(15).unwrap(),
        Some(12),
    )
    .await
    .unwrap();
    assert!(field(
        db.pengalaman_aturan_set(
            &actor(),
            JenisPengalaman::Coaching,
            Jalur::from_id(14).unwrap(),
            Some(0)
        )
        .await
        .unwrap_err(),
        "jp_bawaan"
    ));
    let mentoring = PengalamanBaru {
        pembimbing_id: Some(mentor.pegawai_id),
        pembimbing_nama: None,
        ..kegiatan(
            a,
            JenisPengalaman::Mentoring,
            date!(2025 - 03 - 01),
            date!(2025 - 06 - 30),
        )
    };
    let m_id = db.pengalaman_add(&actor(), &mentoring).await.unwrap();
    assert_eq!(
        db.pengalaman_bimbingan(mentor.pegawai_id)
            .await
            .unwrap()
            .len(),
        1
    );
    db.catatan_add(
        &actor(),
        &CatatanBaru {
            pegawai_id: a.pegawai_id,
            pengalaman_id: Some(m_id),
            sesi: true,
            tanggal: date!(2025 - 03 - 15),
            uraian: "Sesi 1: menyusun rencana pengawasan".into(),
            tautan: Some("https://drive.example.go.id/sesi1".into()),
        },
        date!(2025 - 12 - 01),
    )
    .await
    .unwrap();
    let bad_log = CatatanBaru {
        pegawai_id: b.pegawai_id,
        pengalaman_id: Some(m_id),
        sesi: false,
        tanggal: date!(2026 - 01 - 01),
        uraian: " ".into(),
        tautan: Some("drive".into()),
    };
    let e = db
        .catatan_add(&actor(), &bad_log, date!(2025 - 12 - 01))
        .await
        .unwrap_err();
    assert!(matches!(&e, DbError::Invalid(x)
        if x.has("uraian") && x.has("tanggal") && x.has("tautan") && x.has("pengalaman")));
    assert_eq!(db.catatan_list(a.pegawai_id).await.unwrap().len(), 1);
    let m = Penilaian {
        jp: None,
        ..nilai.clone()
    };
    assert_eq!(
        db.pengalaman_nilai(&actor(), m_id, &m, date!(2025 - 07 - 01))
            .await
            .unwrap()
            .jp_diakui,
        Some(12),
        "the default JP of the kind"
    );
    let gagal = db
        .pengalaman_add(
            &actor(),
            &kegiatan(
                a,
                JenisPengalaman::Magang,
                date!(2025 - 08 - 01),
                date!(2025 - 08 - 30),
            ),
        )
        .await
        .unwrap();
    let tidak = Penilaian {
        hasil: Hasil::TidakTercapai,
        ..nilai.clone()
    };
    assert_eq!(
        db.pengalaman_nilai(&actor(), gagal, &tidak, date!(2025 - 09 - 01))
            .await
            .unwrap()
            .jp_diakui,
        Some(0)
    );

    // Claims: verified credits (possibly fewer JP), rejected needs a reason, pending credits nothing.
    let klaim = |jp: u32, selesai: time::Date| KlaimBaru {
        pegawai_id: a.pegawai_id,
        judul: "Seminar Nasional Jalan dan Jembatan".into(),
        penyelenggara: "HPJI".into(),
        jalur: Jalur::from_id(9).unwrap(),
        mulai: selesai,
        selesai,
        jp,
        bukti: "Sertifikat No. 12/HPJI/2025".into(),
        tautan: None,
    };
    let k1 = db
        .klaim_add(
            &actor(),
            &klaim(8, date!(2025 - 12 - 31)),
            date!(2026 - 01 - 05),
        )
        .await
        .unwrap();
    let k2 = db
        .klaim_add(
            &actor(),
            &klaim(6, date!(2026 - 01 - 01)),
            date!(2026 - 01 - 05),
        )
        .await
        .unwrap();
    let k3 = db
        .klaim_add(
            &actor(),
            &klaim(4, date!(2025 - 05 - 01)),
            date!(2026 - 01 - 05),
        )
        .await
        .unwrap();
    let _pending = db
        .klaim_add(
            &actor(),
            &klaim(5, date!(2025 - 05 - 02)),
            date!(2026 - 01 - 05),
        )
        .await
        .unwrap();
    let e = db
        .klaim_add(
            &actor(),
            &KlaimBaru {
                bukti: " ".into(),
                tautan: Some("x".into()),
                ..klaim(0, date!(2026 - 02 - 01))
            },
            date!(2026 - 01 - 05),
        )
        .await
        .unwrap_err();
    assert!(
        matches!(&e, DbError::Invalid(x) if x.has("bukti") && x.has("tautan") && x.has("jp") && x.has("selesai"))
    );
    assert!(field(
        db.klaim_putus(&actor(), k1, &Putusan::Verifikasi(Some(9)))
            .await
            .unwrap_err(),
        "jp"
    ));
    assert_eq!(
        db.klaim_putus(&actor(), k1, &Putusan::Verifikasi(None))
            .await
            .unwrap()
            .jp_diakui,
        Some(8)
    );
    db.klaim_putus(&actor(), k2, &Putusan::Verifikasi(Some(4)))
        .await
        .unwrap();
    assert!(field(
        db.klaim_putus(&actor(), k3, &Putusan::Tolak(" ".into()))
            .await
            .unwrap_err(),
        "alasan"
    ));
    let r = db
        .klaim_putus(
            &actor(),
            k3,
            &Putusan::Tolak("sertifikat tidak terbaca".into()),
        )
        .await
        .unwrap();
    assert_eq!(
        (r.status.as_str(), r.alasan.as_deref(), r.jp_diakui),
        ("ditolak", Some("sertifikat tidak terbaca"), None)
    );
    assert!(matches!(
        db.klaim_putus(&actor(), k1, &Putusan::Verifikasi(None))
            .await
            .unwrap_err(),
        DbError::Conflict(_)
    ));
    assert_eq!(
        db.klaim_list(&Scope::Pegawai(a.pegawai_id), Some("diajukan"), 50)
            .await
            .unwrap()
            .len(),
        1
    );
    assert_eq!(
        db.klaim_list(&Scope::Pegawai(b.pegawai_id), None, 50)
            .await
            .unwrap()
            .len(),
        0
    );

    // A program completion adds up with the rest, per jalur and per year.
    let prog = db
        .program_upsert(
            &actor(),
            &ProgramBaru {
                kode: "2025-BIMTEK-JALAN".into(),
                nama: "Bimtek Perkerasan Jalan".into(),
                jalur: Jalur::from_id(8).unwrap(),
                penyelenggara: "BPSDM Provinsi Jambi".into(),
                jp: 16,
                biaya: 0,
                kuota: None,
                mulai: date!(2025 - 04 - 01),
                selesai: date!(2025 - 04 - 02),
            },
        )
        .await
        .unwrap();
    db.peserta_set(
        &actor(),
        &[PesertaBaru {
            program_id: prog,
            pegawai_id: a.pegawai_id,
            status: "selesai",
            jp_diakui: 16,
            tanggal_selesai: Some(date!(2025 - 04 - 02)),
            nomor_sertifikat: None,
        }],
    )
    .await
    .unwrap();
    // a: program 16 + mentoring 12 + claim 8 (31 Dec) = 36 in 2025; the 1 Jan claim (4) in 2026.
    assert_eq!(jp_of(db, a.pegawai_id, 2025).await, 36);
    assert_eq!(jp_of(db, a.pegawai_id, 2026).await, 4);
    let mine = db.jp_jalur_pegawai(a.pegawai_id, 2025).await.unwrap();
    assert_eq!(mine.values().sum::<i64>(), 36);
    assert_eq!(
        (mine.get(&8), mine.get(&15), mine.get(&9)),
        (Some(&16), Some(&12), Some(&8))
    );
    // Approved but not yet ended programs are what the forecast adds as scheduled.
    db.peserta_set(
        &actor(),
        &[PesertaBaru {
            program_id: prog,
            pegawai_id: b.pegawai_id,
            status: "disetujui",
            jp_diakui: 0,
            tanggal_selesai: None,
            nomor_sertifikat: None,
        }],
    )
    .await
    .unwrap();
    let before = db
        .jp_terjadwal(None, None, 2025, date!(2025 - 03 - 01))
        .await
        .unwrap();
    assert_eq!(before.get(&b.pegawai_id), Some(&16));
    let one = db
        .jp_terjadwal(None, Some(a.pegawai_id), 2025, date!(2025 - 03 - 01))
        .await
        .unwrap();
    assert!(one.is_empty());
    assert!(
        db.jp_terjadwal(None, None, 2025, date!(2025 - 04 - 02))
            .await
            .unwrap()
            .is_empty()
    );
    let per = db.jp_per_jalur(None, 2025).await.unwrap();
    assert_eq!(
        (
            per.get(&8),
            per.get(&15),
            per.get(&9),
            per.get(&24),
            per.get(&10)
        ),
        (Some(&16), Some(&12), Some(&8), Some(&30), None)
    );
    let total: i64 = per.values().sum();
    let sum: i64 = db
        .jp_pegawai(None, 2025)
        .await
        .unwrap()
        .iter()
        .map(|r| r.jp)
        .sum();
    assert_eq!(
        total, sum,
        "per jalur and per employee add up to the same total"
    );

    // PPPK: no minimum, so 0 JP meets the obligation; a PNS with 0 JP does not.
    let rules = AturanJp::default();
    let idle = pns[3];
    assert_eq!(jp_of(db, idle.pegawai_id, 2025).await, 0);
    assert!(!rules.memenuhi(JenisAsn::Pns, 0));
    if let Some(k) = pppk {
        let jp = u32::try_from(jp_of(db, k.pegawai_id, 2025).await).unwrap();
        assert!(rules.memenuhi(JenisAsn::Pppk, jp));
    }
    assert!(
        scalar(
            db,
            "SELECT COUNT(*) FROM audit WHERE entitas IN ('pengalaman', 'klaim_belajar', 'catatan_belajar', 'pengalaman_aturan')"
        )
        .await
            >= 12
    );
}

both!(story_pengalaman, pengalaman_sqlite, pengalaman_postgres);
