//! Story: SKM survey definitions, single-use tokens and local answers (issue 3 §1, §2).
//! Definitions resolve unit + service → unit → province → standard and every change is audited;
//! a token gives exactly one response (also under concurrent submissions), reuse, expiry and
//! another unit's token are refused with nothing stored; local answers are stored with the
//! response but the pooled aggregates (the index) never see them.

use bangkom_core::org::OrgKode;
use bangkom_core::skm::{
    Definisi, DefinisiInput, Jawaban, JawabanLokal, Kuesioner, TokenDitolak, Unsur,
};
use bangkom_db::Db;
use bangkom_db::audit::AuditFilter;
use bangkom_db::org::OrgIndex;
use bangkom_db::skm::ResponsValues;
use bangkom_db::skm_survei::Asal;
use time::macros::date;

use crate::support::{actor, both, load_org, scalar};

fn units(org: &OrgIndex) -> (i64, String, i64, String) {
    let mut it = org.all().iter().filter(|o| o.jenis == "unit");
    let a = it.next().unwrap();
    let b = it.next().unwrap();
    (a.org_id, a.kode.clone(), b.org_id, b.kode.clone())
}

fn respons(org: &OrgIndex, unit: &str, skor: u8) -> ResponsValues {
    let k = Kuesioner {
        tanggal: date!(2025 - 03 - 10),
        unit: OrgKode::parse(unit).unwrap(),
        layanan: None,
        jenis_kelamin: None,
        umur: Some(30),
        pendidikan: None,
        pekerjaan: None,
        jawaban: Jawaban::new([Some(skor); 9]).unwrap(),
        saran: None,
    };
    ResponsValues::resolve(k, org).unwrap()
}

async fn story_definisi(db: &Db) {
    let org = load_org(db).await;
    let (a, _, b, _) = units(&org);
    let (d, asal) = db.skm_definisi(Some(a), Some("kk")).await.unwrap();
    assert_eq!((d, asal), (Definisi::default(), Asal::Bawaan));

    let mut prov = Definisi::default();
    prov.label_biaya[3] = "Tanpa biaya".into();
    db.skm_definisi_set(&actor(), None, None, &prov)
        .await
        .unwrap();
    let mut unit = prov.clone();
    unit.pendidikan = vec!["SD ke bawah".into(), "SMA".into()];
    db.skm_definisi_set(&actor(), Some(a), None, &unit)
        .await
        .unwrap();
    let input = DefinisiInput {
        lokal: "skala | Apakah antrean tertib?".into(),
        ..unit.input()
    };
    let kk = Definisi::validate(&input).unwrap();
    db.skm_definisi_set(&actor(), Some(a), Some("kk"), &kk)
        .await
        .unwrap();

    assert_eq!(
        db.skm_definisi(Some(a), Some("kk")).await.unwrap(),
        (kk.clone(), Asal::UnitLayanan)
    );
    assert_eq!(
        db.skm_definisi(Some(a), Some("ktp-el")).await.unwrap(),
        (unit.clone(), Asal::Unit)
    );
    assert_eq!(
        db.skm_definisi(Some(b), None).await.unwrap(),
        (prov.clone(), Asal::Provinsi)
    );
    db.skm_definisi_hapus(&actor(), Some(a), None)
        .await
        .unwrap();
    assert_eq!(
        db.skm_definisi(Some(a), Some("ktp-el")).await.unwrap().1,
        Asal::Provinsi
    );
    let log = db
        .audit_list(&AuditFilter {
            entitas: Some("skm_definisi".into()),
            kunci: None,
            page: 1,
            per_page: 50,
        })
        .await
        .unwrap();
    assert_eq!(log.len(), 4, "three saves and one removal are audited");
    assert!(log.iter().any(|e| e.aksi == "hapus" && e.sebelum.is_some()));
}
both!(story_definisi, definisi_sqlite, definisi_postgres);

async fn story_token(db: &Db) {
    let org = load_org(db).await;
    let (a, ka, _, kb) = units(&org);
    let later = bangkom_db::now() + time::Duration::hours(2);
    db.skm_token_terbit("h-satu", a, Some("kk"), Some("A-001"), later)
        .await
        .unwrap();
    db.skm_token_terbit(
        "h-lama",
        a,
        None,
        None,
        bangkom_db::now() - time::Duration::minutes(1),
    )
    .await
    .unwrap();

    let id = db
        .skm_kirim(&respons(&org, &ka, 4), Some("h-satu"), &[])
        .await
        .unwrap()
        .unwrap();
    assert_eq!(
        scalar(
            db,
            &format!("SELECT COUNT(*) FROM skm_respons WHERE respons_id = {id} AND layanan = 'kk'")
        )
        .await,
        1,
        "the token's service type fills an empty layanan"
    );
    let before = db.skm_count().await.unwrap();
    for (hash, unit, why) in [
        ("h-satu", &ka, TokenDitolak::SudahDipakai),
        ("h-lama", &ka, TokenDitolak::Kedaluwarsa),
        ("h-tidak-ada", &ka, TokenDitolak::TidakDikenal),
    ] {
        let r = db
            .skm_kirim(&respons(&org, unit, 1), Some(hash), &[])
            .await
            .unwrap();
        assert_eq!(r, Err(why), "{hash}");
    }
    db.skm_token_terbit("h-dua", a, None, None, later)
        .await
        .unwrap();
    let r = db
        .skm_kirim(&respons(&org, &kb, 1), Some("h-dua"), &[])
        .await
        .unwrap();
    assert_eq!(r, Err(TokenDitolak::UnitLain));
    assert_eq!(
        db.skm_count().await.unwrap(),
        before,
        "refused = nothing stored"
    );

    // Eight concurrent submissions with one token: exactly one is stored.
    db.skm_token_terbit("h-balapan", a, None, None, later)
        .await
        .unwrap();
    let tasks: Vec<_> = (0..8)
        .map(|_| {
            let db = db.clone();
            let v = respons(&org, &ka, 3);
            tokio::spawn(async move { db.skm_kirim(&v, Some("h-balapan"), &[]).await })
        })
        .collect();
    let mut ok = 0;
    for t in tasks {
        match t.await.unwrap() {
            Ok(Ok(_)) => ok += 1,
            Ok(Err(TokenDitolak::SudahDipakai)) => {}
            other => panic!("unexpected {other:?}"),
        }
    }
    assert_eq!(ok, 1);
    assert_eq!(db.skm_count().await.unwrap(), before + 1);
    assert_eq!(
        scalar(db, "SELECT COUNT(*) FROM skm_token WHERE token_hash = 'h-balapan' AND respons_id IS NOT NULL").await,
        1
    );
}
both!(story_token, token_sqlite, token_postgres);

async fn story_lokal(db: &Db) {
    let org = load_org(db).await;
    let (a, ka, _, _) = units(&org);
    let (from, to) = (date!(2025 - 01 - 01), date!(2025 - 12 - 31));
    db.skm_kirim(&respons(&org, &ka, 4), None, &[])
        .await
        .unwrap()
        .unwrap();
    let plain = db.skm_akumulator(Some(&[a]), from, to).await.unwrap();
    let lokal = [
        JawabanLokal {
            kode: "l1".into(),
            pertanyaan: "Apakah antrean tertib?".into(),
            skala: Some(1),
            teks: None,
        },
        JawabanLokal {
            kode: "l2".into(),
            pertanyaan: "Apa yang perlu diperbaiki?".into(),
            skala: None,
            teks: Some("ruang tunggu panas".into()),
        },
    ];
    db.skm_kirim(&respons(&org, &ka, 4), None, &lokal)
        .await
        .unwrap()
        .unwrap();
    let with = db.skm_akumulator(Some(&[a]), from, to).await.unwrap();
    assert_eq!(with.responden, plain.responden + 1);
    let h = with.hitung(bangkom_core::skm::Bobot::Sepersembilan);
    assert_eq!(
        h.nrr[Unsur::Waktu.index()],
        Some(4.0),
        "a local 1 never enters the index"
    );
    let r = db.skm_lokal_ringkas(Some(&[a]), from, to).await.unwrap();
    assert_eq!(r.len(), 2);
    assert_eq!(
        (r[0].dijawab, r[0].jumlah_skala, r[0].terisi_skala),
        (1, 1, 1)
    );
    assert_eq!((r[1].dijawab, r[1].terisi_skala), (1, 0));
    let t = db.skm_lokal_teks(Some(&[a]), from, to, 10).await.unwrap();
    assert_eq!(t[0].1, "ruang tunggu panas");
    let p = db.skm_profil(Some(&[a]), from, to).await.unwrap();
    assert_eq!(p.iter().map(|x| x.jumlah).sum::<i64>(), 2);
}
both!(story_lokal, lokal_sqlite, lokal_postgres);
