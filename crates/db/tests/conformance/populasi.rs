//! The population of service units per period (REFERENCE §0.8): stored figures are summed over
//! the units in scope for the periods lying within the asked range; re-entering replaces.

use bangkom_db::Db;
use time::macros::date;

use crate::support::{actor, both, load_org, scalar};

async fn story_populasi(db: &Db) {
    let org = load_org(db).await;
    let units: Vec<i64> = org
        .all()
        .iter()
        .filter(|o| o.layanan)
        .map(|o| o.org_id)
        .take(2)
        .collect();
    let (a, b) = (units[0], units[1]);
    let jan = (date!(2025 - 01 - 01), date!(2025 - 01 - 31));
    let year = (date!(2025 - 01 - 01), date!(2025 - 12 - 31));
    db.skm_populasi_set(&actor(), a, jan.0, jan.1, 100)
        .await
        .unwrap();
    db.skm_populasi_set(&actor(), b, jan.0, jan.1, 50)
        .await
        .unwrap();
    db.skm_populasi_set(&actor(), a, year.0, year.1, 1000)
        .await
        .unwrap();

    assert_eq!(
        db.skm_populasi(None, jan.0, jan.1).await.unwrap(),
        Some(150)
    );
    assert_eq!(
        db.skm_populasi(Some(&[a]), jan.0, jan.1).await.unwrap(),
        Some(100)
    );
    assert_eq!(
        db.skm_populasi(Some(&[a]), year.0, year.1).await.unwrap(),
        Some(1100)
    );
    assert_eq!(
        db.skm_populasi(None, date!(2024 - 01 - 01), date!(2024 - 12 - 31))
            .await
            .unwrap(),
        None
    );

    db.skm_populasi_set(&actor(), a, jan.0, jan.1, 120)
        .await
        .unwrap();
    assert_eq!(
        db.skm_populasi(None, jan.0, jan.1).await.unwrap(),
        Some(170),
        "re-entering replaces"
    );
    assert_eq!(
        scalar(
            db,
            "SELECT COUNT(*) FROM audit WHERE entitas = 'skm_populasi'"
        )
        .await,
        4
    );
}

both!(story_populasi, populasi_sqlite, populasi_postgres);
