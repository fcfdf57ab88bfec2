//! What a compliance report reads (`jp_kepatuhan`): for random learning — completed, failed and
//! approved participations, assessed activities and verified claims over two years — employees who
//! left, and names JSON must escape, every scope (everything, a long unit list, a pemda, an OPD,
//! an OPD padded past the small-scope limit) and year gives exactly what a recomputation from the
//! credits gives: the active employees by name with their JP, JP per jalur over every employee of
//! the scope, and the scheduled JP of programs ending after today.

use std::collections::{BTreeMap, HashMap, HashSet};

use bangkom_db::massal::{KegiatanMassal, KlaimMassal, PesertaMassal, ProgramMassal};
use bangkom_db::program::JpPegawai;
use bangkom_db::rekap::{JpKepatuhan, UNIT_KECIL};
use bangkom_db::{Db, on};
use time::Date;
use time::macros::date;

use crate::support::{both, load_org, load_pegawai, pegawai_rows, scalar};

struct Rng(u64);

impl Rng {
    fn below(&mut self, n: usize) -> usize {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        usize::try_from(self.0 % (n as u64)).unwrap()
    }
}

type Orang = (i64, String, String, String, i64, String, String);
/// A credit: employee, jalur, JP, date.
type Kredit = (i64, i64, i64, Date);
/// An approved participation: employee, the program's JP, its last day.
type Jadwal = (i64, i64, Date);

/// The report data recomputed from the base tables.
async fn hitung(db: &Db, units: Option<&[i64]>, tahun: i32, hari_ini: Date) -> JpKepatuhan {
    let (orang, kredit, jadwal): (Vec<Orang>, Vec<Kredit>, Vec<Jadwal>) = on!(db, p => (
        sqlx::query_as("SELECT pegawai_id, nip, nama, jenis_asn, unit_id, status, nama_urut FROM pegawai")
            .fetch_all(p).await.unwrap(),
        sqlx::query_as(
            "SELECT s.pegawai_id, CAST(g.jalur AS BIGINT), CAST(s.jp_diakui AS BIGINT), s.tanggal_selesai \
             FROM peserta s JOIN program g ON g.program_id = s.program_id \
             WHERE s.status = 'selesai' AND s.tanggal_selesai IS NOT NULL \
             UNION ALL SELECT pegawai_id, CAST(jalur AS BIGINT), CAST(jp AS BIGINT), tanggal FROM jp_kredit",
        )
        .fetch_all(p).await.unwrap(),
        sqlx::query_as(
            "SELECT s.pegawai_id, CAST(g.jp AS BIGINT), g.selesai FROM peserta s \
             JOIN program g ON g.program_id = s.program_id WHERE s.status = 'disetujui'",
        )
        .fetch_all(p).await.unwrap(),
    ));
    let scope: Option<HashSet<i64>> = units.map(|u| u.iter().copied().collect());
    let in_scope: HashMap<i64, &Orang> = orang
        .iter()
        .filter(|o| scope.as_ref().is_none_or(|s| s.contains(&o.4)))
        .map(|o| (o.0, o))
        .collect();
    let mut jp: HashMap<i64, i64> = HashMap::new();
    let mut per_jalur: BTreeMap<u8, i64> = BTreeMap::new();
    for (id, jalur, n, tanggal) in kredit {
        if tanggal.year() == tahun && in_scope.contains_key(&id) {
            *jp.entry(id).or_default() += n;
            *per_jalur.entry(u8::try_from(jalur).unwrap()).or_default() += n;
        }
    }
    let akhir = date!(2000 - 12 - 31).replace_year(tahun).unwrap();
    let mut terjadwal: HashMap<i64, i64> = HashMap::new();
    for (id, n, selesai) in jadwal {
        if selesai > hari_ini && selesai <= akhir && in_scope.contains_key(&id) {
            *terjadwal.entry(id).or_default() += n;
        }
    }
    let mut aktif: Vec<&&Orang> = in_scope
        .values()
        .filter(|o| o.5 == "aktif" || o.5 == "cuti")
        .collect();
    aktif.sort_by(|a, b| a.6.cmp(&b.6).then(a.0.cmp(&b.0)));
    JpKepatuhan {
        pegawai: aktif
            .into_iter()
            .map(|o| JpPegawai {
                pegawai_id: o.0,
                nip: o.1.clone(),
                nama: o.2.clone(),
                jenis_asn: o.3.clone(),
                unit_id: o.4,
                jp: jp.get(&o.0).copied().unwrap_or(0),
            })
            .collect(),
        per_jalur,
        terjadwal,
    }
}

fn tanpa_nol(mut k: JpKepatuhan) -> JpKepatuhan {
    k.per_jalur.retain(|_, v| *v != 0);
    k.terjadwal.retain(|_, v| *v != 0);
    k
}

async fn load(db: &Db) -> Vec<i64> {
    load_pegawai(db, &pegawai_rows(60, 17)).await;
    let mut ids: Vec<i64> = db.pegawai_id_map().await.unwrap().into_values().collect();
    ids.sort_unstable();
    // Names the JSON packing must carry unchanged, and employees who left (their JP still counts
    // per jalur, they are not listed).
    for (k, nama) in [
        "Siti \"Ani\" O'Neil",
        "Back\\slash\tTab",
        "Ñoño Müller 日本",
        "Baris\nbaru",
    ]
    .iter()
    .enumerate()
    {
        let sql = "UPDATE pegawai SET nama = $1, nama_urut = $2 WHERE pegawai_id = $3";
        on!(db, p => { sqlx::query(sql).bind(*nama).bind(nama.to_lowercase()).bind(ids[k * 5]).execute(p).await.unwrap(); });
    }
    for (k, status) in ["pensiun", "pindah", "cuti", "pensiun"].iter().enumerate() {
        let sql = "UPDATE pegawai SET status = $1 WHERE pegawai_id = $2";
        on!(db, p => { sqlx::query(sql).bind(*status).bind(ids[3 + k * 7]).execute(p).await.unwrap(); });
    }
    let mut rng = Rng(0x2545_F491_4F6C_DD1D);
    let day = |y: i32, o: usize| Date::from_ordinal_date(y, u16::try_from(o).unwrap()).unwrap();
    let mut programs = Vec::new();
    for y in [2024, 2025] {
        for i in 0..8 {
            let selesai = 20 + rng.below(340);
            programs.push(ProgramMassal {
                kode: format!("K{y}-{i}"),
                nama: format!("Pelatihan {i}"),
                jalur: [3u8, 8, 16, 2][rng.below(4)],
                penyelenggara: "BPSDM".into(),
                jp: [4u32, 8, 20, 32][rng.below(4)],
                mulai: day(y, selesai - 5),
                selesai: day(y, selesai),
            });
        }
    }
    let pids = db.massal_program(&programs).await.unwrap();
    let mut peserta = Vec::new();
    for (p, &pid) in programs.iter().zip(&pids) {
        let mut chosen = HashSet::new();
        for _ in 0..15 {
            let pegawai_id = ids[rng.below(ids.len())];
            if !chosen.insert(pegawai_id) {
                continue;
            }
            let status = ["selesai", "selesai", "tidak_selesai", "disetujui"][rng.below(4)];
            let selesai = status == "selesai";
            peserta.push(PesertaMassal {
                program_id: pid,
                pegawai_id,
                status,
                jp: if selesai {
                    p.jp - u32::try_from(rng.below(3)).unwrap()
                } else {
                    0
                },
                tanggal_selesai: selesai.then_some(p.selesai),
                nomor_sertifikat: None,
            });
        }
    }
    db.massal_peserta(&peserta).await.unwrap();
    let mut kegiatan = Vec::new();
    let mut klaim = Vec::new();
    for y in [2024, 2025] {
        for i in 0..40 {
            let selesai = 10 + rng.below(350);
            kegiatan.push(KegiatanMassal {
                pegawai_id: ids[rng.below(ids.len())],
                jenis: "magang",
                judul: format!("Magang {i}"),
                jalur: 10,
                jp: 1 + u32::try_from(rng.below(30)).unwrap(),
                mulai: day(y, selesai - 5),
                selesai: day(y, selesai),
            });
            klaim.push(KlaimMassal {
                pegawai_id: ids[rng.below(ids.len())],
                judul: format!("Seminar {i}"),
                penyelenggara: "LAN".into(),
                jalur: [9u8, 16, 4][rng.below(3)],
                jp: 2 + u32::try_from(rng.below(12)).unwrap(),
                mulai: day(y, selesai),
                selesai: day(y, selesai),
            });
        }
    }
    db.massal_pengalaman(&kegiatan).await.unwrap();
    db.massal_klaim(&klaim).await.unwrap();
    db.jp_rekap_hitung_ulang().await.unwrap();
    assert!(db.jp_rekap_selisih().await.unwrap().is_empty());
    ids
}

async fn story_kepatuhan(db: &Db) {
    let org = load_org(db).await;
    load(db).await;
    assert!(
        scalar(
            db,
            "SELECT COUNT(*) FROM peserta WHERE status = 'disetujui'"
        )
        .await
            > 0
    );
    let semua: Vec<i64> = org.all().iter().map(|o| o.org_id).collect();
    assert!(
        semua.len() > UNIT_KECIL,
        "the whole tree takes the large path"
    );
    // The pemda and OPD of the first employee, so both scopes hold people.
    let pemda = scalar(
        db,
        "SELECT pemda_id FROM pegawai ORDER BY pegawai_id LIMIT 1",
    )
    .await;
    let opd = scalar(db, "SELECT opd_id FROM pegawai ORDER BY pegawai_id LIMIT 1").await;
    let opd_units = org.subtree(opd);
    assert!(opd_units.len() <= UNIT_KECIL);
    // The same OPD with ids that match no unit appended: the large path over a small scope.
    let mut padded = opd_units.clone();
    padded.extend((0..=i64::try_from(UNIT_KECIL).unwrap()).map(|k| 9_000_000 + k));
    let scopes: Vec<(&str, Option<Vec<i64>>)> = vec![
        ("semua", None),
        ("daftar semua unit", Some(semua)),
        ("pemda", Some(org.subtree(pemda))),
        ("OPD", Some(opd_units)),
        ("OPD + id kosong", Some(padded)),
    ];
    for hari_ini in [date!(2025 - 06 - 30), date!(2026 - 01 - 15)] {
        for tahun in [2024, 2025, 2026] {
            for (label, units) in &scopes {
                let got = db
                    .jp_kepatuhan(units.as_deref(), tahun, hari_ini)
                    .await
                    .unwrap();
                let want = hitung(db, units.as_deref(), tahun, hari_ini).await;
                assert_eq!(
                    tanpa_nol(got.clone()),
                    tanpa_nol(want),
                    "{label} {tahun} per {hari_ini}"
                );
                if *label == "semua" && tahun == 2025 {
                    assert!(got.pegawai.iter().any(|p| p.jp > 0));
                    assert!(got.pegawai.len() < 60, "employees who left are not listed");
                    assert!(got.pegawai.iter().any(|p| p.nama.contains('"')));
                    if hari_ini.year() == 2025 {
                        assert!(!got.terjadwal.is_empty(), "programs still to come");
                    }
                }
            }
        }
    }
    // The padded OPD reads the same as the OPD on the small path.
    let (a, b) = (&scopes[3].1, &scopes[4].1);
    assert_eq!(
        db.jp_kepatuhan(a.as_deref(), 2025, date!(2025 - 06 - 30))
            .await
            .unwrap(),
        db.jp_kepatuhan(b.as_deref(), 2025, date!(2025 - 06 - 30))
            .await
            .unwrap()
    );
}

both!(story_kepatuhan, kepatuhan_sqlite, kepatuhan_postgres);
