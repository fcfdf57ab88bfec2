//! The demo organisation tree: REFERENCE §0 pemda codes, parent/child code rules, sizes, and
//! the Disdukcapil service units.

use std::collections::{HashMap, HashSet};

use bangkom_demo::{ORG_HEADER, OrgRecord, jambi, org_tree, write_org_csv};

/// REFERENCE §0 "Jambi administrative codes", typed out independently of the crate's table.
const REFERENCE_0: &[(&str, &str)] = &[
    ("15", "Jambi"),
    ("15.01", "Kerinci"),
    ("15.02", "Merangin"),
    ("15.03", "Sarolangun"),
    ("15.04", "Batang Hari"),
    ("15.05", "Muaro Jambi"),
    ("15.06", "Tanjung Jabung Timur"),
    ("15.07", "Tanjung Jabung Barat"),
    ("15.08", "Tebo"),
    ("15.09", "Bungo"),
    ("15.71", "Kota Jambi"),
    ("15.72", "Kota Sungai Penuh"),
];

fn by_code(tree: &[OrgRecord]) -> HashMap<&str, &OrgRecord> {
    tree.iter().map(|o| (o.kode.as_str(), o)).collect()
}

#[test]
fn the_twelve_pemda_are_exactly_reference_section_0() {
    let tree = org_tree();
    let pemda: Vec<&OrgRecord> = tree.iter().filter(|o| o.jenis == "pemda").collect();
    let codes: Vec<&str> = pemda.iter().map(|o| o.kode.as_str()).collect();
    let expected: Vec<&str> = REFERENCE_0.iter().map(|p| p.0).collect();
    assert_eq!(codes, expected);
    for (o, (_, name)) in pemda.iter().zip(REFERENCE_0) {
        assert!(o.nama.ends_with(name), "{} should name {name}", o.nama);
    }
    assert_eq!(pemda[0].nama, "Pemerintah Provinsi Jambi");
    assert_eq!(pemda[0].induk, "");
    assert!(pemda[1..].iter().all(|o| o.induk == "15"));
    // The public table agrees too.
    let table: Vec<&str> = jambi::PEMDA.iter().map(|p| p.0).collect();
    assert_eq!(table, expected);
}

#[test]
fn parents_come_first_and_codes_extend_them_by_one_segment() {
    let tree = org_tree();
    let mut seen: HashMap<&str, &str> = HashMap::new();
    for o in &tree {
        assert!(
            !seen.contains_key(o.kode.as_str()),
            "duplicate code {}",
            o.kode
        );
        if o.induk.is_empty() {
            assert_eq!(o.kode, "15");
        } else {
            let parent_jenis = seen
                .get(o.induk.as_str())
                .unwrap_or_else(|| panic!("{} appears before its parent {}", o.kode, o.induk));
            let rest = o
                .kode
                .strip_prefix(&format!("{}.", o.induk))
                .unwrap_or_else(|| panic!("{} does not extend {}", o.kode, o.induk));
            assert!(
                !rest.is_empty() && !rest.contains('.'),
                "{} vs {}",
                o.kode,
                o.induk
            );
            assert!(rest.len() <= 6 && rest.chars().all(|c| c.is_ascii_alphanumeric()));
            let ok = match o.jenis {
                "pemda" => *parent_jenis == "pemda",
                "opd" => *parent_jenis == "pemda",
                "unit" => *parent_jenis == "opd" || *parent_jenis == "unit",
                other => panic!("unknown jenis {other}"),
            };
            assert!(ok, "{} ({}) under a {parent_jenis}", o.kode, o.jenis);
        }
        assert!(!o.nama.trim().is_empty() && o.nama.len() <= 200);
        assert!(
            !o.layanan || o.jenis == "unit",
            "{} is layanan but not a unit",
            o.kode
        );
        seen.insert(o.kode.as_str(), o.jenis);
    }
}

#[test]
fn sizes_are_realistic() {
    let tree = org_tree();
    let opd = tree.iter().filter(|o| o.jenis == "opd").count();
    let units = tree.iter().filter(|o| o.jenis == "unit").count();
    assert!((150..=200).contains(&opd), "{opd} OPD");
    assert!((800..=1200).contains(&units), "{units} units");
    for (kode, _) in REFERENCE_0 {
        let n = tree
            .iter()
            .filter(|o| o.jenis == "opd" && o.induk == *kode)
            .count();
        assert!((14..=18).contains(&n), "{kode} has {n} OPD");
    }
    // Typical units exist: Puskesmas, schools and the named service counters.
    for needle in [
        "Puskesmas ",
        "SD Negeri ",
        "SMA Negeri ",
        "Loket Pelayanan KTP-el",
        "Loket Akta Kelahiran",
        "Mal Pelayanan Publik",
    ] {
        assert!(
            tree.iter()
                .any(|o| o.jenis == "unit" && o.nama.contains(needle)),
            "{needle}"
        );
    }
    let bpsdm: Vec<&OrgRecord> = tree
        .iter()
        .filter(|o| o.nama.starts_with("Badan Pengembangan Sumber Daya Manusia"))
        .collect();
    assert_eq!(bpsdm.len(), 1);
    assert_eq!(bpsdm[0].induk, "15");
}

#[test]
fn disdukcapil_only_in_kabupaten_kota_with_service_units() {
    let tree = org_tree();
    let idx = by_code(&tree);
    let dukcapil: Vec<&OrgRecord> = tree
        .iter()
        .filter(|o| {
            o.jenis == "opd"
                && o.nama
                    .starts_with("Dinas Kependudukan dan Pencatatan Sipil")
        })
        .collect();
    assert_eq!(dukcapil.len(), 11);
    assert!(dukcapil.iter().all(|o| o.induk != "15"));

    let units = jambi::disdukcapil_units();
    assert_eq!(units.len(), 11 * 7);
    let unique: HashSet<&String> = units.iter().collect();
    assert_eq!(unique.len(), units.len());
    for code in &units {
        let u = idx.get(code.as_str()).expect("unit exists");
        assert!(u.layanan && u.jenis == "unit");
        let parent = idx.get(u.induk.as_str()).expect("parent exists");
        assert!(
            parent
                .nama
                .starts_with("Dinas Kependudukan dan Pencatatan Sipil"),
            "{}",
            parent.nama
        );
    }
    for dk in &dukcapil {
        let names: Vec<&str> = units
            .iter()
            .filter_map(|c| idx.get(c.as_str()))
            .filter(|u| u.induk == dk.kode)
            .map(|u| u.nama.as_str())
            .collect();
        assert!(
            names.contains(&"Loket Pelayanan KTP-el") && names.contains(&"Loket Akta Kelahiran"),
            "{names:?}"
        );
        assert!(names.contains(&"Gerai Dukcapil Mal Pelayanan Publik"));
    }
}

#[test]
fn org_csv_has_header_and_one_plain_row_per_node() {
    let tree = org_tree();
    let mut out = Vec::new();
    write_org_csv(&mut out).unwrap();
    let text = String::from_utf8(out).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines[0], ORG_HEADER.join(","));
    assert_eq!(lines.len(), tree.len() + 1);
    for (line, o) in lines[1..].iter().zip(&tree) {
        assert_eq!(*line, o.to_row().join(","));
        assert_eq!(line.split(',').count(), ORG_HEADER.len());
    }
    assert!(lines.iter().any(|l| l.ends_with(",ya")));
}
