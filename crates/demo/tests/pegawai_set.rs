//! The generated ASN records: determinism, unique and consistent NIPs (REFERENCE §5.1),
//! plausible golongan per position (§5.2, §5.3, §5.4), structure per OPD, and the CSV writer.

use std::collections::{HashMap, HashSet};
use std::sync::OnceLock;

use bangkom_demo::{
    DEFAULT_PEGAWAI, PEGAWAI_HEADER, PegawaiRecord, org_tree, pegawai, write_pegawai_csv,
};

fn default_set() -> &'static [PegawaiRecord] {
    static SET: OnceLock<Vec<PegawaiRecord>> = OnceLock::new();
    SET.get_or_init(|| pegawai(DEFAULT_PEGAWAI, 1).collect())
}

const PNS: [&str; 17] = [
    "I/a", "I/b", "I/c", "I/d", "II/a", "II/b", "II/c", "II/d", "III/a", "III/b", "III/c", "III/d",
    "IV/a", "IV/b", "IV/c", "IV/d", "IV/e",
];

fn pns_rank(g: &str) -> usize {
    PNS.iter()
        .position(|x| *x == g)
        .map(|i| i + 1)
        .unwrap_or_else(|| panic!("not a PNS golongan: {g}"))
}

fn rank(code: &str) -> usize {
    pns_rank(code)
}

#[test]
fn same_seed_same_records_other_seed_other_records() {
    let a: Vec<PegawaiRecord> = pegawai(3000, 42).collect();
    let b: Vec<PegawaiRecord> = pegawai(3000, 42).collect();
    assert_eq!(a, b);
    let c: Vec<PegawaiRecord> = pegawai(3000, 43).collect();
    assert_eq!(c.len(), 3000);
    let differing = a.iter().zip(&c).filter(|(x, y)| x != y).count();
    assert!(differing > 2900, "only {differing} records differ");
    let nips_a: HashSet<&str> = a.iter().map(|p| p.nip.as_str()).collect();
    let shared = c.iter().filter(|p| nips_a.contains(p.nip.as_str())).count();
    assert!(shared < 30, "{shared} NIPs shared across seeds");
}

#[test]
fn exact_count_for_any_n() {
    for n in [0, 1, 7, 150, 2500] {
        assert_eq!(pegawai(n, 9).count(), n);
    }
    // Below the number of structural posts, the highest posts are filled first.
    let few: Vec<PegawaiRecord> = pegawai(5, 9).collect();
    assert_eq!(few[0].jenis_jabatan, "jpt_madya");
    assert_eq!(few[0].jabatan, "Sekretaris Daerah");
    assert!(few.iter().all(|p| p.jenis_jabatan.starts_with("jpt_")));
}

#[test]
fn nips_are_unique_18_digits_and_agree_with_the_record() {
    let set = default_set();
    assert_eq!(set.len(), DEFAULT_PEGAWAI);
    let mut seen = HashSet::new();
    for p in set {
        let nip = p.nip.as_bytes();
        assert!(seen.insert(p.nip.as_str()), "duplicate NIP {}", p.nip);
        assert!(
            nip.len() == 18 && nip.iter().all(u8::is_ascii_digit),
            "{}",
            p.nip
        );
        assert_eq!(&p.nip[..8], p.tanggal_lahir.replace('-', ""), "{p:?}");
        let sex = if p.jenis_kelamin == "L" { "1" } else { "2" };
        assert_eq!(&p.nip[14..15], sex, "{p:?}");
        assert_ne!(&p.nip[15..], "000");
        let birth_year: i32 = p.tanggal_lahir[..4].parse().unwrap();
        assert!((1966..=2001).contains(&birth_year), "{p:?}");
        let year: i32 = p.nip[8..12].parse().unwrap();
        match p.jenis_asn {
            "PNS" => {
                // REFERENCE §5.1: TMT CPNS year >= birth year + 18, month 01-12.
                let month: u32 = p.nip[12..14].parse().unwrap();
                assert!((1..=12).contains(&month), "{p:?}");
                assert!(year >= birth_year + 18 && year <= 2025, "{p:?}");
                let tmt_cpns = format!("{}-{}-01", &p.nip[8..12], &p.nip[12..14]);
                assert!(p.tmt_jabatan >= tmt_cpns, "{p:?}");
            }
            "PPPK" => {
                // REFERENCE §5.1 NI PPPK: birth date + appointment year + "21" + sex + sequence.
                assert_eq!(&p.nip[12..14], "21", "{p:?}");
                assert!(
                    (2021..=2025).contains(&year) && year >= birth_year + 20,
                    "{p:?}"
                );
                assert!(p.tmt_jabatan.starts_with(&p.nip[8..12]), "{p:?}");
            }
            other => panic!("jenis_asn {other}"),
        }
        assert!(p.tmt_jabatan.as_str() <= "2025-12-31");
    }
}

#[test]
fn golongan_fits_asn_kind_and_position() {
    for p in default_set() {
        if p.jenis_asn == "PPPK" {
            // REFERENCE §5.3: PPPK golongan in roman numerals; the demo uses V, VII and IX.
            assert!(["V", "VII", "IX"].contains(&p.golongan.as_str()), "{p:?}");
            assert!(
                matches!(p.jenis_jabatan, "fungsional" | "pelaksana"),
                "PPPK are nonmanajerial: {p:?}"
            );
            continue;
        }
        let r = rank(&p.golongan);
        let (lo, hi) = match (p.jenis_jabatan, p.jenjang.as_str()) {
            ("jpt_madya", _) => ("IV/d", "IV/e"),
            ("jpt_pratama", _) => ("IV/c", "IV/d"),
            ("administrator", _) => ("IV/a", "IV/b"),
            ("pengawas", _) => ("III/c", "III/d"),
            ("pelaksana", _) => ("II/a", "III/b"),
            ("fungsional", "Ahli Pertama" | "Mahir") => ("III/a", "III/b"),
            ("fungsional", "Ahli Muda" | "Penyelia") => ("III/c", "III/d"),
            ("fungsional", "Ahli Madya") => ("IV/a", "IV/c"),
            ("fungsional", "Ahli Utama") => ("IV/d", "IV/e"),
            ("fungsional", "Terampil") => ("II/c", "II/d"),
            ("fungsional", "Pemula") => ("II/a", "II/b"),
            other => panic!("unexpected position {other:?}"),
        };
        assert!(r >= rank(lo) && r <= rank(hi), "{p:?}");
    }
}

#[test]
fn positions_are_consistent() {
    for p in default_set() {
        match p.jenis_jabatan {
            "fungsional" => {
                assert!(
                    !p.jenjang.is_empty() && p.jabatan.ends_with(&p.jenjang),
                    "{p:?}"
                );
            }
            "jpt_madya" | "jpt_pratama" | "administrator" | "pengawas" | "pelaksana" => {
                assert!(p.jenjang.is_empty(), "{p:?}");
            }
            other => panic!("jenis_jabatan {other}"),
        }
        assert!(matches!(p.status, "aktif" | "cuti"));
        assert!(!p.nama.is_empty() && p.nama.len() <= 120 && p.nama.trim() == p.nama);
        assert!(
            p.gelar_depan.len() <= 12 && p.gelar_belakang.len() <= 12,
            "{p:?}"
        );
    }
}

#[test]
fn every_opd_has_one_head_and_every_unit_exists() {
    let tree = org_tree();
    let codes: HashSet<&str> = tree.iter().map(|o| o.kode.as_str()).collect();
    let mut heads: HashMap<&str, Vec<&PegawaiRecord>> = HashMap::new();
    for p in default_set() {
        assert!(codes.contains(p.unit.as_str()), "unknown unit {}", p.unit);
        if p.jenis_jabatan.starts_with("jpt_")
            && !p.jabatan.starts_with("Asisten")
            && !p.jabatan.starts_with("Kepala Biro")
        {
            heads.entry(p.unit.as_str()).or_default().push(p);
        }
    }
    for opd in tree.iter().filter(|o| o.jenis == "opd") {
        let h = heads.get(opd.kode.as_str()).map_or(0, Vec::len);
        assert_eq!(h, 1, "{} {} has {h} heads", opd.kode, opd.nama);
    }
    let sekda = &heads["15.P01"][0];
    assert_eq!(
        (sekda.jenis_jabatan, sekda.jabatan.as_str()),
        ("jpt_madya", "Sekretaris Daerah")
    );
    let kab_sekda = &heads["15.71.01"][0];
    assert_eq!(
        (kab_sekda.jenis_jabatan, kab_sekda.jabatan.as_str()),
        ("jpt_pratama", "Sekretaris Daerah")
    );
}

#[test]
fn the_mix_looks_like_a_regional_workforce() {
    let set = default_set();
    let n = set.len() as f64;
    let share = |f: &dyn Fn(&PegawaiRecord) -> bool| set.iter().filter(|p| f(p)).count() as f64 / n;
    let pppk = share(&|p| p.jenis_asn == "PPPK");
    assert!((0.10..=0.20).contains(&pppk), "PPPK {pppk}");
    let women = share(&|p| p.jenis_kelamin == "P");
    assert!((0.50..=0.60).contains(&women), "women {women}");
    let guru = share(&|p| p.jabatan.starts_with("Guru "));
    assert!(guru > 0.2, "guru {guru}");
    let cuti = share(&|p| p.status == "cuti");
    assert!(cuti > 0.0 && cuti < 0.03, "cuti {cuti}");
    let titled = share(&|p| !p.gelar_depan.is_empty() || !p.gelar_belakang.is_empty());
    assert!((0.5..0.95).contains(&titled), "titled {titled}");
    // Schools and Puskesmas are the large units.
    let tree = org_tree();
    let name: HashMap<&str, &str> = tree
        .iter()
        .map(|o| (o.kode.as_str(), o.nama.as_str()))
        .collect();
    let mut size: HashMap<&str, usize> = HashMap::new();
    for p in set {
        *size.entry(p.unit.as_str()).or_default() += 1;
    }
    let avg = |prefix: &str| {
        let v: Vec<usize> = size
            .iter()
            .filter(|(k, _)| name[*k].starts_with(prefix))
            .map(|(_, v)| *v)
            .collect();
        v.iter().sum::<usize>() as f64 / v.len().max(1) as f64
    };
    assert!(
        avg("SMP Negeri") > 2.0 * avg("Bidang "),
        "{} vs {}",
        avg("SMP Negeri"),
        avg("Bidang ")
    );
    assert!(avg("Puskesmas") > 1.5 * avg("Bidang "));
}

#[test]
fn cells_never_need_csv_quoting() {
    for p in default_set() {
        for cell in p.cells() {
            assert!(!cell.contains([',', '"', '\n', '\r']), "{cell:?} in {p:?}");
        }
        assert_eq!(p.to_row().len(), PEGAWAI_HEADER.len());
    }
}

#[test]
fn pegawai_csv_has_header_and_n_rows() {
    let mut out = Vec::new();
    write_pegawai_csv(&mut out, 1234, 5).unwrap();
    let text = String::from_utf8(out).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 1235);
    assert_eq!(lines[0], PEGAWAI_HEADER.join(","));
    for (line, p) in lines[1..].iter().zip(pegawai(1234, 5)) {
        assert_eq!(*line, p.to_row().join(","));
        assert_eq!(line.split(',').count(), PEGAWAI_HEADER.len());
    }
    assert!(text.ends_with('\n'));
}
