//! The SIASN *riwayat kursus* export (issue 4 §8, REFERENCE §3.6): completed programs, assessed
//! experiential activities that credited JP and verified claims, with the JP credited, in the
//! period and scope asked; nothing that credits no JP.

use bangkom_core::jp::Jalur;
use bangkom_core::pengalaman::{Hasil, JenisPengalaman};
use bangkom_db::Db;
use bangkom_db::pegawai::{PegawaiRow, Scope};
use bangkom_db::pengalaman::{KlaimBaru, PengalamanBaru, Penilaian, Putusan};
use bangkom_db::program::{PesertaBaru, ProgramBaru};
use bangkom_db::rekap::{KoreksiJp, SumberJp};
use time::macros::date;

use crate::support::{actor, both, load_org, load_pegawai, pegawai_rows};

/// NIP, jenis diklat, name, institution, certificate, JP, year, first day, last day.
type Baris<'a> = (
    &'a str,
    i64,
    &'a str,
    &'a str,
    Option<&'a str>,
    i64,
    i64,
    &'a str,
    &'a str,
);

fn kegiatan(p: &PegawaiRow, judul: &str, unit: Option<i64>, selesai: time::Date) -> PengalamanBaru {
    PengalamanBaru {
        pegawai_id: p.pegawai_id,
        jenis: JenisPengalaman::PenugasanKhusus,
        judul: judul.into(),
        tujuan: None,
        unit_tujuan_id: unit,
        ke_jabatan: None,
        pembimbing_id: None,
        pembimbing_nama: Some("Ir. Tenaga Ahli".into()),
        mulai: date!(2025 - 03 - 01),
        selesai,
    }
}

fn klaim(p: &PegawaiRow, judul: &str, jp: u32) -> KlaimBaru {
    KlaimBaru {
        pegawai_id: p.pegawai_id,
        judul: judul.into(),
        penyelenggara: "Lembaga Administrasi Negara".into(),
        jalur: Jalur::from_id(16).unwrap(),
        mulai: date!(2025 - 08 - 01),
        selesai: date!(2025 - 08 - 20),
        jp,
        bukti: "sertifikat e-learning".into(),
        tautan: None,
    }
}

async fn story_siasn(db: &Db) {
    let org = load_org(db).await;
    load_pegawai(db, &pegawai_rows(20, 3)).await;
    let mut people = Vec::new();
    for id in db.pegawai_id_map().await.unwrap().into_values() {
        people.push(db.pegawai_by_id(&Scope::Semua, id).await.unwrap());
    }
    people.sort_by(|a, b| a.nip.cmp(&b.nip));
    let a = &people[0];
    let b = people.iter().find(|p| p.opd_id != a.opd_id).unwrap();
    let today = date!(2026 - 01 - 10);
    let nilai = |hasil, jp| Penilaian {
        hasil,
        jp: Some(jp),
        catatan: "dinilai".into(),
    };

    let pid = db
        .program_upsert(
            &actor(),
            &ProgramBaru {
                kode: "S-1".into(),
                nama: "Bimtek Aplikasi Layanan Digital".into(),
                jalur: Jalur::from_id(8).unwrap(),
                penyelenggara: "BPSDM Provinsi Jambi".into(),
                jp: 24,
                biaya: 0,
                kuota: None,
                mulai: date!(2025 - 05 - 05),
                selesai: date!(2025 - 05 - 08),
            },
        )
        .await
        .unwrap();
    db.peserta_set(
        &actor(),
        &[PesertaBaru {
            program_id: pid,
            pegawai_id: a.pegawai_id,
            status: "selesai",
            jp_diakui: 24,
            tanggal_selesai: Some(date!(2025 - 05 - 08)),
            nomor_sertifikat: Some("STTPP-S-1-001".into()),
        }],
    )
    .await
    .unwrap();
    // A special assignment hosted by another unit, met: credited under its kind's jalur (24).
    let host = org.all().iter().find(|o| o.jenis == "unit").unwrap();
    let x = db
        .pengalaman_add(
            &actor(),
            &kegiatan(
                a,
                "Proyek jalan ruas A",
                Some(host.org_id),
                date!(2025 - 04 - 30),
            ),
        )
        .await
        .unwrap();
    db.pengalaman_nilai(&actor(), x, &nilai(Hasil::Baik, 30), today)
        .await
        .unwrap();
    // Without a host unit the employee's OPD is the institution; not met: no row.
    let y = db
        .pengalaman_add(
            &actor(),
            &kegiatan(a, "Proyek jembatan", None, date!(2025 - 06 - 30)),
        )
        .await
        .unwrap();
    db.pengalaman_nilai(&actor(), y, &nilai(Hasil::TidakTercapai, 10), today)
        .await
        .unwrap();
    let z = db
        .pengalaman_add(
            &actor(),
            &kegiatan(b, "Proyek irigasi", None, date!(2025 - 07 - 31)),
        )
        .await
        .unwrap();
    db.pengalaman_nilai(&actor(), z, &nilai(Hasil::SangatBaik, 12), today)
        .await
        .unwrap();
    // Claims: verified with fewer JP, rejected, verified then revoked, and one of another year.
    let k1 = db
        .klaim_add(&actor(), &klaim(a, "Kursus daring SPBE", 10), today)
        .await
        .unwrap();
    db.klaim_putus(&actor(), k1, &Putusan::Verifikasi(Some(6)))
        .await
        .unwrap();
    let k2 = db
        .klaim_add(&actor(), &klaim(a, "Seminar ditolak", 4), today)
        .await
        .unwrap();
    db.klaim_putus(&actor(), k2, &Putusan::Tolak("bukti tidak terbaca".into()))
        .await
        .unwrap();
    let k3 = db
        .klaim_add(&actor(), &klaim(b, "Kursus dicabut", 4), today)
        .await
        .unwrap();
    db.klaim_putus(&actor(), k3, &Putusan::Verifikasi(None))
        .await
        .unwrap();
    db.jp_koreksi(
        &actor(),
        &KoreksiJp {
            sumber: SumberJp::Klaim,
            id: k3,
            jp: 0,
            alasan: "sertifikat palsu".into(),
        },
    )
    .await
    .unwrap();
    let lama = KlaimBaru {
        mulai: date!(2024 - 12 - 01),
        selesai: date!(2024 - 12 - 31),
        ..klaim(b, "Kursus 2024", 8)
    };
    let k4 = db.klaim_add(&actor(), &lama, today).await.unwrap();
    db.klaim_putus(&actor(), k4, &Putusan::Verifikasi(None))
        .await
        .unwrap();

    let rows = db
        .siasn_kursus(None, date!(2025 - 01 - 01), date!(2025 - 12 - 31))
        .await
        .unwrap();
    let got: Vec<Baris<'_>> = rows
        .iter()
        .map(|r| {
            (
                r.nip.as_str(),
                r.jenis_diklat_id,
                r.nama_kursus.as_str(),
                r.institusi_penyelenggara.as_str(),
                r.nomor_sertipikat.as_deref(),
                r.jumlah_jam,
                r.tahun_kursus,
                r.tanggal_kursus.as_str(),
                r.tanggal_selesai_kursus.as_str(),
            )
        })
        .collect();
    let opd_b = org.get(b.opd_id).unwrap().nama.clone();
    let (na, nb) = (a.nip.as_str(), b.nip.as_str());
    let want = vec![
        (
            na,
            24,
            "Proyek jalan ruas A",
            host.nama.as_str(),
            None,
            30,
            2025,
            "01-03-2025",
            "30-04-2025",
        ),
        (
            na,
            8,
            "Bimtek Aplikasi Layanan Digital",
            "BPSDM Provinsi Jambi",
            Some("STTPP-S-1-001"),
            24,
            2025,
            "05-05-2025",
            "08-05-2025",
        ),
        (
            na,
            16,
            "Kursus daring SPBE",
            "Lembaga Administrasi Negara",
            None,
            6,
            2025,
            "01-08-2025",
            "20-08-2025",
        ),
        (
            nb,
            24,
            "Proyek irigasi",
            opd_b.as_str(),
            None,
            12,
            2025,
            "01-03-2025",
            "31-07-2025",
        ),
    ];
    assert_eq!(got, want);

    // The scope cuts to the employees of the units asked for.
    let units: Vec<i64> = org.subtree(b.opd_id);
    let rows = db
        .siasn_kursus(Some(&units), date!(2024 - 01 - 01), date!(2025 - 12 - 31))
        .await
        .unwrap();
    let names: Vec<&str> = rows.iter().map(|r| r.nama_kursus.as_str()).collect();
    assert_eq!(names, vec!["Kursus 2024", "Proyek irigasi"]);
}

both!(story_siasn, siasn_sqlite, siasn_postgres);
