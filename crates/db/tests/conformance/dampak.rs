//! The units of a program's impact evaluation: treated = service units of its completed
//! participants (or, when transactions name their officer, where those participants served);
//! comparison = units offering the same service types without completed participants.

use std::collections::BTreeMap;

use bangkom_core::jp::Jalur;
use bangkom_db::Db;
use bangkom_db::import::{ImportOptions, import_layanan};
use bangkom_db::program::{PesertaBaru, ProgramBaru};
use bangkom_io::TableReader;
use time::macros::date;

use crate::support::{actor, both, col, load_org, load_pegawai, pegawai_rows};

async fn import(db: &Db, rows: &[String]) {
    let mut csv = String::from("unit,layanan,tiket,mulai,selesai,nip_petugas,kanal\n");
    for r in rows {
        csv.push_str(r);
        csv.push('\n');
    }
    let reader = TableReader::from_bytes("l.csv", csv.into_bytes()).unwrap();
    let r = import_layanan(db, &actor(), reader, ImportOptions::default(), |_, _, _| {})
        .await
        .unwrap();
    assert_eq!(r.ditolak, 0, "{:?}", r.errors);
}

fn tx(unit: &str, layanan: &str, tiket: &str, day: &str, nip: &str) -> String {
    format!("{unit},{layanan},{tiket},{day}T09:00:00,{day}T09:40:00,{nip},loket")
}

async fn story_unit_dampak(db: &Db) {
    let org = load_org(db).await;
    // A few employees of three staffed service units and one office employee.
    let mut by_unit: BTreeMap<String, Vec<String>> = BTreeMap::new();
    let mut office = None;
    let mut rows = Vec::new();
    for r in pegawai_rows(20_000, 11) {
        let (unit, nip) = (r[col("unit")].clone(), r[col("nip")].clone());
        if org.by_kode(&unit).unwrap().layanan {
            if by_unit.len() < 3 || by_unit.contains_key(&unit) {
                let staff = by_unit.entry(unit).or_default();
                if staff.len() < 2 {
                    staff.push(nip);
                    rows.push(r);
                }
            }
        } else if office.is_none() {
            office = Some((unit, nip));
            rows.push(r);
        }
    }
    load_pegawai(db, &rows).await;
    let ids = db.pegawai_id_map().await.unwrap();
    let staffed: Vec<(&String, &Vec<String>)> = by_unit.iter().collect();
    assert!(
        staffed.len() >= 3,
        "service units with staff: {}",
        staffed.len()
    );
    let (office_unit, office_nip) = office.unwrap();
    let (t1, t2, dropout) = (staffed[0], staffed[1], staffed[2]);
    let empty: Vec<String> = org
        .all()
        .iter()
        .filter(|o| o.layanan && !by_unit.contains_key(&o.kode))
        .map(|o| o.kode.clone())
        .take(4)
        .collect();
    let (c1, c2, c3, other_kind) = (&empty[0], &empty[1], &empty[2], &empty[3]);

    let pid = db
        .program_upsert(
            &actor(),
            &ProgramBaru {
                kode: "BIMTEK-UJI".into(),
                nama: "Bimtek uji".into(),
                jalur: Jalur::from_id(8).unwrap(),
                penyelenggara: "BPSDM".into(),
                jp: 24,
                biaya: 0,
                kuota: None,
                mulai: date!(2025 - 06 - 10),
                selesai: date!(2025 - 06 - 13),
            },
        )
        .await
        .unwrap();
    let p = |nip: &str, status: &'static str| PesertaBaru {
        program_id: pid,
        pegawai_id: ids[nip],
        status,
        jp_diakui: if status == "selesai" { 24 } else { 0 },
        tanggal_selesai: Some(date!(2025 - 06 - 13)),
        nomor_sertifikat: None,
    };
    db.peserta_set(
        &actor(),
        &[
            p(&t1.1[0], "selesai"),
            p(&t2.1[0], "selesai"),
            p(&dropout.1[0], "tidak_selesai"),
            p(&office_nip, "selesai"),
        ],
    )
    .await
    .unwrap();

    let mut txs = Vec::new();
    for (i, u) in [t1.0, t2.0, dropout.0, c1, c2, c3].into_iter().enumerate() {
        let l = if i % 2 == 0 { "ktp-el" } else { "kk" };
        txs.push(tx(u, l, "B1", "2025-01-10", ""));
        txs.push(tx(u, l, "A1", "2025-09-10", ""));
    }
    // kk is recorded at a treated unit too, so both codes are "the same services".
    txs.push(tx(t1.0, "kk", "B2", "2025-01-11", ""));
    // A unit with other services only is not comparable.
    txs.push(tx(other_kind, "pindah", "B1", "2025-01-10", ""));
    // Outside the window: ignored.
    txs.push(tx(other_kind, "ktp-el", "Z1", "2023-01-10", ""));
    import(db, &txs).await;

    let id = |k: &str| org.by_kode(k).unwrap().org_id;
    let sorted = |mut v: Vec<i64>| {
        v.sort_unstable();
        v
    };
    let u = db
        .program_unit_dampak(pid, date!(2024 - 06 - 10), date!(2026 - 06 - 30))
        .await
        .unwrap();
    assert!(!u.dari_petugas);
    assert_eq!(u.peserta_selesai, 3);
    assert_eq!(
        u.treated,
        sorted(vec![id(t1.0), id(t2.0)]),
        "{office_unit} is no service unit"
    );
    assert_eq!(
        u.control,
        sorted(vec![id(dropout.0), id(c1), id(c2), id(c3)]),
        "a non-completer's unit is untrained; other services are not comparable"
    );

    // Once a transaction names a completed participant as its officer, the units where they
    // served are the treated ones, and their own units drop out of the comparison.
    import(db, &[tx(c1, "ktp-el", "P1", "2025-09-11", &t1.1[0])]).await;
    let u = db
        .program_unit_dampak(pid, date!(2024 - 06 - 10), date!(2026 - 06 - 30))
        .await
        .unwrap();
    assert!(u.dari_petugas);
    assert_eq!(u.treated, vec![id(c1)]);
    assert_eq!(u.control, sorted(vec![id(dropout.0), id(c2), id(c3)]));
}

both!(story_unit_dampak, unit_dampak_sqlite, unit_dampak_postgres);
