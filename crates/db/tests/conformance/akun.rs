//! Story 5: accounts, sessions, API tokens and the login throttle.

use bangkom_db::akun::NewAkun;
use bangkom_db::import::ImportOptions;
use bangkom_db::{Db, DbError};
use time::Duration;

use crate::support::{actor, csv, org_import};

async fn story_akun(db: &Db) {
    let s = |v: &[&str]| v.iter().map(|c| (*c).to_string()).collect::<Vec<_>>();
    let rows = vec![
        s(&["15", "Provinsi Jambi", "pemda", "", ""]),
        s(&["15.P01", "Badan Kepegawaian Daerah", "opd", "15", ""]),
    ];
    let r = org_import(
        db,
        csv(bangkom_demo::ORG_HEADER, &rows),
        ImportOptions::default(),
    )
    .await
    .unwrap();
    assert!(r.ditulis, "{:?}", r.errors);
    let opd = db
        .org_index()
        .await
        .unwrap()
        .by_kode("15.P01")
        .unwrap()
        .org_id;

    let new = NewAkun {
        username: "operator.bkd",
        nama: "Operator BKD",
        password_hash: "$argon2id$v=19$uji",
        role: "operator",
        pegawai_id: None,
        opd_ids: &[opd],
    };
    assert_eq!(db.akun_count().await.unwrap(), 0);
    let id = db.akun_create(&actor(), &new).await.unwrap();
    let got = db.akun_by_username("operator.bkd").await.unwrap().unwrap();
    assert_eq!(
        (got.akun_id, got.role.as_str(), got.aktif),
        (id, "operator", true)
    );
    assert_eq!(got.password_hash, "$argon2id$v=19$uji");
    assert_eq!(db.akun_opd(id).await.unwrap(), vec![opd]);
    assert!(db.akun_by_username("tidak.ada").await.unwrap().is_none());

    // Duplicate username: a conflict, and still one account.
    let dup = NewAkun {
        nama: "Orang Lain",
        ..new.clone()
    };
    match db.akun_create(&actor(), &dup).await {
        Err(DbError::Conflict(m)) => assert!(m.contains("operator.bkd"), "{m}"),
        other => panic!("diharapkan Conflict, didapat {other:?}"),
    }
    assert_eq!(db.akun_count().await.unwrap(), 1);

    // Sessions: live one found with its CSRF token, expired one never, deleted one gone.
    let now = time::OffsetDateTime::now_utc();
    db.sesi_create("sesi-hidup", id, "csrf-1", now + Duration::hours(1))
        .await
        .unwrap();
    db.sesi_create("sesi-basi", id, "csrf-2", now - Duration::minutes(1))
        .await
        .unwrap();
    let (a, csrf) = db.sesi_get("sesi-hidup").await.unwrap().unwrap();
    assert_eq!((a.akun_id, csrf.as_str()), (id, "csrf-1"));
    assert!(db.sesi_get("sesi-basi").await.unwrap().is_none());
    assert!(db.sesi_get("sesi-lain").await.unwrap().is_none());
    db.sesi_delete("sesi-hidup").await.unwrap();
    assert!(db.sesi_get("sesi-hidup").await.unwrap().is_none());

    // API tokens.
    db.token_create(&actor(), "token-hash-1", id, "integrasi SIASN")
        .await
        .unwrap();
    let a = db.token_get("token-hash-1").await.unwrap().unwrap();
    assert_eq!(a.username, "operator.bkd");
    assert!(db.token_get("token-hash-2").await.unwrap().is_none());

    // Throttle: failures counted per key since a time; clearing one key leaves the other.
    let since = now - Duration::hours(1);
    db.login_failed(&["operator.bkd", "10.0.0.7"])
        .await
        .unwrap();
    db.login_failed(&["operator.bkd"]).await.unwrap();
    assert_eq!(db.login_failures("operator.bkd", since).await.unwrap(), 2);
    assert_eq!(db.login_failures("10.0.0.7", since).await.unwrap(), 1);
    assert_eq!(db.login_failures("orang.lain", since).await.unwrap(), 0);
    assert_eq!(
        db.login_failures("operator.bkd", now + Duration::hours(1))
            .await
            .unwrap(),
        0
    );
    db.login_clear("operator.bkd").await.unwrap();
    assert_eq!(db.login_failures("operator.bkd", since).await.unwrap(), 0);
    assert_eq!(db.login_failures("10.0.0.7", since).await.unwrap(), 1);
}

crate::support::both!(story_akun, akun_sqlite, akun_postgres);
