//! Prints the shape of the demo data set: org tree counts, the employee mix and a few rows.
//! `cargo run --release -p bangkom-demo --example summary [n] [seed]`

use std::collections::{BTreeMap, HashMap};

fn main() {
    let mut args = std::env::args().skip(1);
    let n = args
        .next()
        .and_then(|a| a.parse().ok())
        .unwrap_or(bangkom_demo::DEFAULT_PEGAWAI);
    let seed = args.next().and_then(|a| a.parse().ok()).unwrap_or(1);

    let tree = bangkom_demo::org_tree();
    let mut jenis: BTreeMap<&str, usize> = BTreeMap::new();
    for o in &tree {
        *jenis.entry(o.jenis).or_default() += 1;
    }
    let layanan = tree.iter().filter(|o| o.layanan).count();
    println!("org: {jenis:?}, layanan units: {layanan}");
    println!(
        "disdukcapil service units: {}",
        bangkom_demo::jambi::disdukcapil_units().len()
    );

    // OPD of each node, found by walking up the parents.
    let parent: HashMap<&str, (&str, &str)> = tree
        .iter()
        .map(|o| (o.kode.as_str(), (o.induk.as_str(), o.jenis)))
        .collect();
    let name: HashMap<&str, &str> = tree
        .iter()
        .map(|o| (o.kode.as_str(), o.nama.as_str()))
        .collect();
    let opd_of = |start: &str| -> String {
        let mut code = start.to_string();
        while let Some((induk, jenis)) = parent.get(code.as_str()) {
            if *jenis == "opd" {
                let words: Vec<&str> = name[code.as_str()].split(' ').take(2).collect();
                return words.join(" ");
            }
            code = (*induk).to_string();
        }
        String::new()
    };

    let mut by: BTreeMap<&str, BTreeMap<String, usize>> = BTreeMap::new();
    for (i, p) in bangkom_demo::pegawai(n, seed).enumerate() {
        if i % 997 == 0 {
            println!("{}", p.to_row().join(","));
        }
        let facts = [
            ("jenis_asn", p.jenis_asn.to_string()),
            ("jenis_kelamin", p.jenis_kelamin.to_string()),
            ("jenis_jabatan", p.jenis_jabatan.to_string()),
            ("status", p.status.to_string()),
            ("golongan", p.golongan.clone()),
            ("lahir (dekade)", format!("{}0an", &p.tanggal_lahir[..3])),
            ("opd", opd_of(&p.unit)),
        ];
        for (k, v) in facts {
            *by.entry(k).or_default().entry(v).or_default() += 1;
        }
    }
    for (k, m) in &by {
        println!("{k}: {m:?}");
    }
}
