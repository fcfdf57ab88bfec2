//! Story: the register of issued survey tokens (issue 3 §2). Tokens list newest first with their
//! state, filtered by unit, state and ticket and limited to the caller's units; an unused token
//! can be revoked (audited) and is then refused like an expired one, while a used or already
//! expired token cannot be revoked and nothing changes.

use bangkom_core::org::OrgKode;
use bangkom_core::skm::{Jawaban, Kuesioner, TokenDitolak};
use bangkom_db::Db;
use bangkom_db::audit::AuditFilter;
use bangkom_db::skm::ResponsValues;
use bangkom_db::skm_token::{TokenFilter, TokenStatus};
use time::macros::date;

use crate::support::{actor, both, load_org};

async fn story(db: &Db) {
    let org = load_org(db).await;
    let mut it = org.all().iter().filter(|o| o.jenis == "unit");
    let (a, b) = (it.next().unwrap(), it.next().unwrap());
    let now = bangkom_db::now();
    let later = now + time::Duration::hours(2);
    db.skm_token_terbit("h-a1", a.org_id, Some("kk"), Some("T-1"), later)
        .await
        .unwrap();
    db.skm_token_terbit("h-a2", a.org_id, None, Some("T-2"), later)
        .await
        .unwrap();
    db.skm_token_terbit(
        "h-lama",
        a.org_id,
        None,
        None,
        now - time::Duration::minutes(5),
    )
    .await
    .unwrap();
    db.skm_token_terbit("h-b1", b.org_id, None, Some("T-1"), later)
        .await
        .unwrap();
    let k = Kuesioner {
        tanggal: date!(2025 - 03 - 10),
        unit: OrgKode::parse(&a.kode).unwrap(),
        layanan: None,
        jenis_kelamin: None,
        umur: None,
        pendidikan: None,
        pekerjaan: None,
        jawaban: Jawaban::new([Some(4); 9]).unwrap(),
        saran: None,
    };
    let v = ResponsValues::resolve(k, &org).unwrap();
    db.skm_kirim(&v, Some("h-a1"), &[]).await.unwrap().unwrap();

    let list = |f: TokenFilter| async move { db.skm_token_list(&f, 50, 0).await.unwrap() };
    let (all, n) = list(TokenFilter::default()).await;
    assert_eq!(n, 4);
    let at = bangkom_db::now();
    let state = |h: &str| all.iter().find(|t| t.token_hash == h).unwrap().status(at);
    assert_eq!(state("h-a1"), TokenStatus::Dipakai);
    assert_eq!(state("h-a2"), TokenStatus::Aktif);
    assert_eq!(state("h-lama"), TokenStatus::Kedaluwarsa);

    let only_a = TokenFilter {
        units: Some(vec![a.org_id]),
        ..TokenFilter::default()
    };
    let (rows, n) = list(only_a.clone()).await;
    assert_eq!(n, 3);
    assert!(rows.iter().all(|t| t.unit_id == a.org_id));
    let (rows, n) = list(TokenFilter {
        status: "aktif".into(),
        ..only_a.clone()
    })
    .await;
    assert_eq!((n, rows[0].token_hash.as_str()), (1, "h-a2"));
    let (_, n) = list(TokenFilter {
        status: "dipakai".into(),
        ..TokenFilter::default()
    })
    .await;
    assert_eq!(n, 1);
    let (_, n) = list(TokenFilter {
        status: "kedaluwarsa".into(),
        ..TokenFilter::default()
    })
    .await;
    assert_eq!(n, 1);
    let (rows, n) = list(TokenFilter {
        tiket: "T-1".into(),
        unit_id: Some(b.org_id),
        ..TokenFilter::default()
    })
    .await;
    assert_eq!((n, rows[0].token_hash.as_str()), (1, "h-b1"));
    // Paging: two pages of one over A's three tokens, newest first, no overlap.
    let (p1, _) = db.skm_token_list(&only_a, 1, 0).await.unwrap();
    let (p2, _) = db.skm_token_list(&only_a, 1, 1).await.unwrap();
    assert_ne!(p1[0].token_hash, p2[0].token_hash);
    assert!(p1[0].dibuat >= p2[0].dibuat);

    // Revoking: the unused token is refused afterwards; used, expired or unknown ones cannot be.
    db.skm_token_cabut(&actor(), "h-a2", "struk hilang")
        .await
        .unwrap();
    let r = db.skm_kirim(&v, Some("h-a2"), &[]).await.unwrap();
    assert_eq!(r, Err(TokenDitolak::Kedaluwarsa));
    for h in ["h-a1", "h-lama", "h-a2"] {
        let e = db.skm_token_cabut(&actor(), h, "coba").await.unwrap_err();
        assert!(matches!(e, bangkom_db::DbError::Conflict(_)), "{h}: {e:?}");
    }
    assert!(matches!(
        db.skm_token_cabut(&actor(), "h-tidak-ada", "coba").await,
        Err(bangkom_db::DbError::NotFound)
    ));
    let log = db
        .audit_list(&AuditFilter {
            entitas: Some("skm_token".into()),
            kunci: None,
            page: 1,
            per_page: 50,
        })
        .await
        .unwrap();
    assert_eq!(log.len(), 1, "one revocation, audited once");
    assert!(log[0].sesudah.as_deref().unwrap().contains("struk hilang"));
}
both!(story, skm_token_sqlite, skm_token_postgres);
