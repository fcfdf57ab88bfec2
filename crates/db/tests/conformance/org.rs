//! Story 1: the organisation-tree import of the full demo tree, its index, idempotent re-import,
//! a rename with its audit entry, and all-or-nothing refusal of orphan and wrong-kind rows.

use bangkom_db::Db;
use bangkom_db::audit::AuditFilter;
use bangkom_db::import::ImportOptions;

use crate::support::{both, csv, org_csv, org_import, scalar, under};

async fn story_org(db: &Db) {
    let tree = bangkom_demo::org_tree();
    let r = org_import(db, org_csv(), ImportOptions::default())
        .await
        .unwrap();
    assert!(r.errors.is_empty(), "{:?}", r.errors.first());
    assert_eq!(
        (r.dibaca, r.baru, r.diubah, r.sama),
        (tree.len(), tree.len(), 0, 0)
    );
    assert!(r.ditulis);
    assert_eq!(r.diimpor, tree.len());
    assert_eq!(
        scalar(db, "SELECT COUNT(*) FROM org").await,
        tree.len() as i64
    );

    // Index lookups agree with the file.
    let idx = db.org_index().await.unwrap();
    assert_eq!(idx.len(), tree.len());
    let prov = idx.by_kode("15").unwrap();
    assert_eq!(prov.jenis, "pemda");
    assert_eq!(prov.pemda_id, Some(prov.org_id));
    assert!(idx.by_kode("99.99").is_none());
    let pemdas: Vec<_> = tree.iter().filter(|n| n.jenis == "pemda").collect();
    assert!(pemdas.len() >= 2);
    for p in &pemdas {
        let row = idx.by_kode(&p.kode).unwrap();
        assert_eq!(row.nama, p.nama);
        let want = tree
            .iter()
            .filter(|n| n.jenis == "opd" && n.induk == p.kode)
            .count();
        let got = idx.opds(Some(row.org_id));
        assert_eq!(got.len(), want, "OPD pemda {}", p.kode);
        assert!(got.iter().all(|o| o.pemda_id == Some(row.org_id)));
    }
    let n_opd = tree.iter().filter(|n| n.jenis == "opd").count();
    assert_eq!(idx.opds(None).len(), n_opd);

    // A unit two levels below its OPD carries the right pemda and OPD; subtrees match the codes.
    let opd = tree
        .iter()
        .find(|n| n.jenis == "opd" && tree.iter().filter(|u| under(&u.kode, &n.kode)).count() > 2)
        .unwrap();
    let opd_row = idx.by_kode(&opd.kode).unwrap();
    let sub = idx.subtree(opd_row.org_id);
    let want = tree.iter().filter(|n| under(&n.kode, &opd.kode)).count();
    assert_eq!(sub.len(), want);
    for id in &sub {
        let node = idx.get(*id).unwrap();
        assert!(under(&node.kode, &opd.kode), "{}", node.kode);
        assert_eq!(node.opd_id, Some(opd_row.org_id));
        assert_eq!(node.pemda_id, opd_row.pemda_id);
    }
    let unit = tree
        .iter()
        .find(|n| n.jenis == "unit" && n.induk == opd.kode)
        .unwrap();
    let unit_row = idx.by_kode(&unit.kode).unwrap();
    assert_eq!(unit_row.induk_id, Some(opd_row.org_id));
    assert_eq!(unit_row.layanan, unit.layanan);

    // Re-import: everything the same, nothing audited.
    let audits = scalar(db, "SELECT COUNT(*) FROM audit").await;
    let r = org_import(db, org_csv(), ImportOptions::default())
        .await
        .unwrap();
    assert_eq!((r.baru, r.diubah, r.sama), (0, 0, tree.len()));
    assert_eq!(scalar(db, "SELECT COUNT(*) FROM audit").await, audits);

    // A renamed OPD: one change, with before/after in the audit log; the cache sees it.
    let header = bangkom_demo::ORG_HEADER;
    let mut row = opd.to_row();
    row[1] = format!("{} Baru", opd.nama);
    let r = org_import(db, csv(header, &[row]), ImportOptions::default())
        .await
        .unwrap();
    assert_eq!((r.baru, r.diubah, r.sama), (0, 1, 0));
    let idx = db.org_index().await.unwrap();
    assert_eq!(
        idx.by_kode(&opd.kode).unwrap().nama,
        format!("{} Baru", opd.nama)
    );
    let log = db
        .audit_list(&AuditFilter {
            entitas: Some("org".into()),
            kunci: Some(opd.kode.clone()),
            page: 1,
            per_page: 10,
        })
        .await
        .unwrap();
    let ubah = log.iter().find(|a| a.aksi == "ubah").unwrap();
    assert!(ubah.sebelum.as_deref().unwrap().contains(&opd.nama));
    assert!(!ubah.sebelum.as_deref().unwrap().contains("Baru"));
    assert!(
        ubah.sesudah
            .as_deref()
            .unwrap()
            .contains(&format!("{} Baru", opd.nama))
    );

    // Orphan and wrong-kind parent: row errors, and the valid row beside them is not written.
    let count = scalar(db, "SELECT COUNT(*) FROM org").await;
    let audits = scalar(db, "SELECT COUNT(*) FROM audit").await;
    let s = |v: &[&str]| v.iter().map(|c| (*c).to_string()).collect::<Vec<_>>();
    let good = format!("{}.98", opd.kode);
    let orphan_parent = format!("{}.97", opd.kode);
    let orphan = format!("{orphan_parent}.01");
    let wrong = format!("{}.96", opd.kode);
    let rows = vec![
        s(&[&good, "Unit Baru Uji", "unit", &opd.kode, ""]),
        s(&[&orphan, "Unit Yatim", "unit", &orphan_parent, ""]),
        s(&[&wrong, "OPD di bawah OPD", "opd", &opd.kode, ""]),
    ];
    let r = org_import(db, csv(header, &rows), ImportOptions::default())
        .await
        .unwrap();
    assert!(!r.ditulis);
    assert_eq!(r.ditolak, 2);
    let at: Vec<(usize, &str)> = r
        .errors
        .iter()
        .map(|e| (e.row, e.column.as_str()))
        .collect();
    assert_eq!(at, vec![(3, "induk"), (4, "induk")], "{:?}", r.errors);
    assert!(
        r.errors[0].message.contains(&orphan_parent),
        "{}",
        r.errors[0].message
    );
    assert_eq!(scalar(db, "SELECT COUNT(*) FROM org").await, count);
    assert_eq!(scalar(db, "SELECT COUNT(*) FROM audit").await, audits);
    assert!(db.org_index().await.unwrap().by_kode(&good).is_none());
}

both!(story_org, org_sqlite, org_postgres);
