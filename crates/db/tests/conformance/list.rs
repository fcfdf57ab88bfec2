//! Story 3: the employee list: name-word and NIP-prefix search, filters, sort, pagination and
//! scopes, checked against the demo records themselves.

use std::collections::HashSet;

use bangkom_db::pegawai::{PegawaiFilter, Scope, Sort};
use bangkom_db::{Db, DbError};

use crate::support::{both, col, load_org, load_pegawai, pegawai_rows, under};

const N: usize = 300;
const SEED: u64 = 23;

fn filter() -> PegawaiFilter {
    PegawaiFilter {
        page: 1,
        per_page: 500,
        ..Default::default()
    }
}

fn words(s: &str) -> Vec<String> {
    s.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect()
}

async fn story_list(db: &Db) {
    let idx = load_org(db).await;
    let rows = pegawai_rows(N, SEED);
    load_pegawai(db, &rows).await;
    let all = db.pegawai_list(&Scope::Semua, &filter()).await.unwrap();
    assert_eq!((all.total, all.items.len()), (N as i64, N));

    // Name: a word prefix (case-insensitive), counted against the records.
    let word = words(&rows[5][col("nama")])
        .into_iter()
        .max_by_key(String::len)
        .unwrap();
    let prefix: String = word.chars().take(3).collect();
    let want = rows
        .iter()
        .filter(|r| {
            words(&r[col("nama")])
                .iter()
                .any(|w| w.starts_with(&prefix))
        })
        .count();
    let f = PegawaiFilter {
        q: prefix.to_uppercase(),
        ..filter()
    };
    let got = db.pegawai_list(&Scope::Semua, &f).await.unwrap();
    assert_eq!(got.total, want as i64, "kata {prefix}");
    assert!(got.items.iter().any(|p| p.nip == rows[5][col("nip")]));
    assert!(
        got.items
            .iter()
            .all(|p| words(&p.nama).iter().any(|w| w.starts_with(&prefix)))
    );

    // Two words must both match.
    let two = words(&rows[5][col("nama")]);
    if two.len() >= 2 {
        let f = PegawaiFilter {
            q: format!("{} {}", two[0], two[1]),
            ..filter()
        };
        let both_match = rows
            .iter()
            .filter(|r| {
                let ws = words(&r[col("nama")]);
                two[..2]
                    .iter()
                    .all(|q| ws.iter().any(|w| w.starts_with(q.as_str())))
            })
            .count();
        let got = db.pegawai_list(&Scope::Semua, &f).await.unwrap();
        assert!(got.items.iter().any(|p| p.nip == rows[5][col("nip")]));
        assert_eq!(got.total, both_match as i64);
    }

    // NIP prefix.
    let nip_prefix = rows[7][col("nip")].get(..6).unwrap().to_string();
    let want = rows
        .iter()
        .filter(|r| r[col("nip")].starts_with(&nip_prefix))
        .count();
    let f = PegawaiFilter {
        q: nip_prefix.clone(),
        ..filter()
    };
    let got = db.pegawai_list(&Scope::Semua, &f).await.unwrap();
    assert_eq!(got.total, want as i64);
    assert!(got.items.iter().all(|p| p.nip.starts_with(&nip_prefix)));
    let f = PegawaiFilter {
        q: rows[7][col("nip")].clone(),
        ..filter()
    };
    assert_eq!(db.pegawai_list(&Scope::Semua, &f).await.unwrap().total, 1);

    // Org subtree of the OPD holding the most employees.
    let opd = idx
        .opds(None)
        .into_iter()
        .max_by_key(|o| {
            rows.iter()
                .filter(|r| under(&r[col("unit")], &o.kode))
                .count()
        })
        .unwrap();
    let in_opd = rows
        .iter()
        .filter(|r| under(&r[col("unit")], &opd.kode))
        .count();
    assert!((2..N).contains(&in_opd));
    let f = PegawaiFilter {
        org_ids: Some(idx.subtree(opd.org_id)),
        ..filter()
    };
    let got = db.pegawai_list(&Scope::Semua, &f).await.unwrap();
    assert_eq!(got.total, in_opd as i64);
    assert!(got.items.iter().all(|p| p.opd_id == opd.org_id));

    // Field filters: each equals the count in the records, and is a strict subset.
    for (field, column) in [
        ("jenis_jabatan", col("jenis_jabatan")),
        ("golongan", col("golongan")),
        ("status", col("status")),
    ] {
        let value = rows[0][column].clone();
        let want = rows.iter().filter(|r| r[column] == value).count() as i64;
        let mut f = filter();
        match field {
            "jenis_jabatan" => f.jenis_jabatan = Some(value.clone()),
            "golongan" => f.golongan = Some(value.clone()),
            _ => f.status = Some(value.clone()),
        }
        let got = db.pegawai_list(&Scope::Semua, &f).await.unwrap();
        assert_eq!(got.total, want, "{field} = {value}");
        assert!(want > 0);
    }
    let f = PegawaiFilter {
        golongan: Some("I/a-tidak-ada".into()),
        ..filter()
    };
    assert_eq!(db.pegawai_list(&Scope::Semua, &f).await.unwrap().total, 0);
    let f = PegawaiFilter {
        status: Some("pensiun".into()),
        ..filter()
    };
    let want = rows
        .iter()
        .filter(|r| r[col("status")] == "pensiun")
        .count() as i64;
    assert_eq!(
        db.pegawai_list(&Scope::Semua, &f).await.unwrap().total,
        want
    );

    // Sort by NIP, both ways.
    let mut nips: Vec<String> = rows.iter().map(|r| r[col("nip")].clone()).collect();
    nips.sort();
    let f = PegawaiFilter {
        sort: Sort::Nip,
        ..filter()
    };
    let got: Vec<String> = db
        .pegawai_list(&Scope::Semua, &f)
        .await
        .unwrap()
        .items
        .into_iter()
        .map(|p| p.nip)
        .collect();
    assert_eq!(got, nips);
    let f = PegawaiFilter {
        sort: Sort::Nip,
        desc: true,
        ..filter()
    };
    let got: Vec<String> = db
        .pegawai_list(&Scope::Semua, &f)
        .await
        .unwrap()
        .items
        .into_iter()
        .map(|p| p.nip)
        .collect();
    nips.reverse();
    assert_eq!(got, nips);

    // Pagination: 50 per page, pages disjoint and in NIP order, total of all rows.
    let page = |n: u32| PegawaiFilter {
        sort: Sort::Nip,
        page: n,
        per_page: 50,
        ..filter()
    };
    let p1 = db.pegawai_list(&Scope::Semua, &page(1)).await.unwrap();
    let p2 = db.pegawai_list(&Scope::Semua, &page(2)).await.unwrap();
    let p7 = db.pegawai_list(&Scope::Semua, &page(7)).await.unwrap();
    assert_eq!(
        (p1.total, p1.pages(), p1.items.len(), p2.items.len()),
        (N as i64, 6, 50, 50)
    );
    assert!(p7.items.is_empty());
    let ids1: HashSet<i64> = p1.items.iter().map(|p| p.pegawai_id).collect();
    assert!(p2.items.iter().all(|p| !ids1.contains(&p.pegawai_id)));
    nips.reverse();
    let want: Vec<&String> = nips.get(50..100).unwrap().iter().collect();
    let got: Vec<&String> = p2.items.iter().map(|p| &p.nip).collect();
    assert_eq!(got, want);

    // Scope of one OPD: only its employees, and another OPD's NIP is not found.
    let scope = Scope::Opd(vec![opd.org_id]);
    let got = db.pegawai_list(&scope, &filter()).await.unwrap();
    assert_eq!(got.total, in_opd as i64);
    assert!(got.items.iter().all(|p| p.opd_id == opd.org_id));
    let outside = rows
        .iter()
        .find(|r| !under(&r[col("unit")], &opd.kode))
        .unwrap();
    let inside = rows
        .iter()
        .find(|r| under(&r[col("unit")], &opd.kode))
        .unwrap();
    assert!(matches!(
        db.pegawai_by_nip(&scope, &outside[col("nip")]).await,
        Err(DbError::NotFound)
    ));
    let mine = db
        .pegawai_by_nip(&scope, &inside[col("nip")])
        .await
        .unwrap();
    // A search for the outside NIP finds nothing either.
    let f = PegawaiFilter {
        q: outside[col("nip")].clone(),
        ..filter()
    };
    assert_eq!(db.pegawai_list(&scope, &f).await.unwrap().total, 0);

    // Scope of one employee: only that record.
    let scope = Scope::Pegawai(mine.pegawai_id);
    let got = db.pegawai_list(&scope, &filter()).await.unwrap();
    assert_eq!(got.total, 1);
    assert_eq!(got.items[0].nip, mine.nip);
    assert!(matches!(
        db.pegawai_by_nip(&scope, &outside[col("nip")]).await,
        Err(DbError::NotFound)
    ));
    assert!(matches!(
        db.pegawai_by_id(&Scope::Tidak, mine.pegawai_id).await,
        Err(DbError::NotFound)
    ));
}

both!(story_list, list_sqlite, list_postgres);
