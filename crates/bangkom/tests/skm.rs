//! The `bangkom skm` command-line contract: `skm import` of a paper-questionnaire file (exit 0 and
//! the summary line; exit 2 and nothing stored for a bad file) and `skm ikm --format json` (one
//! JSON object whose figures equal the engine's on the same answers), against a fresh SQLite
//! database in a temporary directory.

// Test code: a failed unwrap is a failed test (the workspace lint targets app code).
#![allow(clippy::unwrap_used)]

use std::path::{Path, PathBuf};
use std::process::Command;

use bangkom_core::skm::{Akumulator, Bobot, Jawaban, Unsur};
use serde_json::Value;

/// A temporary directory with its own SQLite database and the demo org tree loaded.
struct Sandbox {
    dir: tempfile::TempDir,
    url: String,
}

/// Exit code, stdout and stderr of one run.
struct Run {
    code: Option<i32>,
    out: String,
    err: String,
}

impl Sandbox {
    fn with_org() -> Sandbox {
        let dir = tempfile::tempdir().unwrap();
        let url = format!("sqlite://{}", dir.path().join("t.db").display());
        let s = Sandbox { dir, url };
        let org = s.path("org.csv");
        bangkom_demo::write_org_csv(std::fs::File::create(&org).unwrap()).unwrap();
        let r = s.run(&["org", "import", path_str(&org)]);
        assert_eq!(r.code, Some(0), "org import: {}", r.err);
        s
    }

    fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    fn run(&self, args: &[&str]) -> Run {
        let out = Command::new(env!("CARGO_BIN_EXE_bangkom"))
            .current_dir(self.dir.path())
            .env_remove("BANGKOM_DB")
            .env("BANGKOM_LOG", "warn")
            .arg("--db")
            .arg(&self.url)
            .args(args)
            .output()
            .unwrap();
        Run {
            code: out.status.code(),
            out: String::from_utf8_lossy(&out.stdout).into_owned(),
            err: String::from_utf8_lossy(&out.stderr).into_owned(),
        }
    }

    /// `skm ikm --format json` over `scope` and 2025, plus `extra`; must exit 0 with one object.
    fn ikm(&self, scope: &str, extra: &[&str]) -> Value {
        let mut args = vec![
            "skm",
            "ikm",
            "--scope",
            scope,
            "--from",
            "2025-01-01",
            "--to",
            "2025-12-31",
            "--format",
            "json",
        ];
        args.extend_from_slice(extra);
        let r = self.run(&args);
        assert_eq!(r.code, Some(0), "skm ikm {scope} {extra:?}: {}", r.err);
        let v: Value = serde_json::from_str(&r.out)
            .unwrap_or_else(|e| panic!("stdout is not one JSON object ({e}): {}", r.out));
        assert!(v.is_object(), "{v}");
        v
    }

    fn skm_count(&self) -> i64 {
        let url = self.url.clone();
        tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .unwrap()
            .block_on(async move {
                let db = bangkom_db::Db::connect(&url).await.unwrap();
                let n = db.skm_count().await.unwrap();
                db.close().await;
                n
            })
    }
}

fn path_str(p: &Path) -> &str {
    p.to_str().unwrap()
}

/// Two units of one OPD (with the OPD's code) and a unit of another OPD, from the demo tree.
fn units() -> (String, String, String) {
    let tree = bangkom_demo::org_tree();
    let first = tree.iter().find(|o| o.jenis == "unit").unwrap();
    let other = tree
        .iter()
        .find(|o| o.jenis == "unit" && o.induk != first.induk)
        .unwrap();
    (first.induk.clone(), first.kode.clone(), other.kode.clone())
}

const HEADER: &str = "tanggal,unit,layanan,jenis_kelamin,umur,pendidikan,pekerjaan,persyaratan,prosedur,waktu,biaya,produk,kompetensi,perilaku,pengaduan,sarana,saran";

/// The hand-written questionnaires, in `Unsur::ALL` order (None = not answered).
const ANSWERS: [[Option<u8>; 9]; 3] = [
    [Some(4); 9],
    [
        Some(3),
        Some(2),
        None,
        Some(4),
        Some(3),
        Some(3),
        Some(2),
        Some(1),
        Some(4),
    ],
    [
        Some(2),
        Some(3),
        Some(4),
        Some(3),
        None,
        Some(2),
        Some(3),
        Some(4),
        None,
    ],
];

fn skm_csv(unit: &str) -> String {
    let dates = ["2025-01-01", "2025-06-15", "2025-12-31"];
    let mut s = format!("{HEADER}\n");
    for (d, a) in dates.iter().zip(ANSWERS) {
        let cells: Vec<String> = a
            .iter()
            .map(|v| v.map_or(String::new(), |v| v.to_string()))
            .collect();
        s.push_str(&format!(
            "{d},{unit},kk,L,40,SMA,Swasta,{},ramah\n",
            cells.join(",")
        ));
    }
    s
}

fn engine(bobot: Bobot) -> bangkom_core::skm::HasilIkm {
    let js: Vec<Jawaban> = ANSWERS.iter().map(|a| Jawaban::new(*a).unwrap()).collect();
    Akumulator::dari(&js).hitung(bobot)
}

#[test]
fn skm_import_then_ikm_json_matches_the_engine() {
    let s = Sandbox::with_org();
    let (opd, unit, other) = units();
    let file = s.path("skm.csv");
    std::fs::write(&file, skm_csv(&unit)).unwrap();
    let r = s.run(&["skm", "import", path_str(&file)]);
    assert_eq!(r.code, Some(0), "{}", r.err);
    assert!(
        r.out.contains("baris dibaca: 3, diimpor: 3, ditolak: 0"),
        "{}",
        r.out
    );
    assert_eq!(s.skm_count(), 3);

    // The OPD's subtree holds the unit: same figures as the engine.
    let v = s.ikm(&opd, &[]);
    let h = engine(Bobot::Sepersembilan);
    for k in [
        "scope",
        "from",
        "to",
        "responden",
        "nrr",
        "ikm",
        "nilai",
        "mutu",
        "kinerja",
        "bobot",
        "populasi",
        "sampel_minimum",
        "sampel_cukup",
    ] {
        assert!(v.get(k).is_some(), "key {k} missing: {v}");
    }
    assert_eq!(v["scope"], opd.as_str());
    assert_eq!(
        (v["from"].as_str(), v["to"].as_str()),
        (Some("2025-01-01"), Some("2025-12-31"))
    );
    assert_eq!(v["responden"], 3);
    let nrr = v["nrr"].as_object().unwrap();
    let mut keys: Vec<&str> = nrr.keys().map(String::as_str).collect();
    keys.sort_unstable();
    let mut expected: Vec<&str> = Unsur::ALL.iter().map(|u| u.code()).collect();
    expected.sort_unstable();
    assert_eq!(keys, expected);
    for u in Unsur::ALL {
        assert_eq!(nrr[u.code()].as_f64(), h.nrr_of(u), "nrr {}", u.code());
    }
    assert_eq!(v["ikm"].as_f64(), h.ikm);
    assert_eq!(v["nilai"].as_f64(), h.nilai);
    assert_eq!(v["mutu"].as_str(), h.mutu.map(|m| m.code()));
    assert_eq!(v["kinerja"].as_str(), h.mutu.map(|m| m.kinerja()));
    assert_eq!(v["bobot"], "1/9");
    assert_eq!(v["populasi"], Value::Null);
    assert_eq!(v["sampel_minimum"], Value::Null);
    assert_eq!(v["sampel_cukup"], Value::Null);
    // The unit itself and `all` give the same.
    assert_eq!(s.ikm(&unit, &[])["nilai"], v["nilai"]);
    assert_eq!(s.ikm("all", &[])["responden"], 3);

    // Krejcie & Morgan for a population of 100,000.
    let v = s.ikm(&opd, &["--populasi", "100000"]);
    assert_eq!(v["populasi"], 100_000);
    assert_eq!(v["sampel_minimum"], 383);
    assert_eq!(v["sampel_cukup"], false);

    // The literal 0.111 weight.
    let v = s.ikm(&opd, &["--bobot", "0.111"]);
    assert_eq!(v["bobot"], "0.111");
    assert_eq!(v["nilai"].as_f64(), engine(Bobot::Literal0111).nilai);
    assert_ne!(v["nilai"].as_f64(), h.nilai);

    // A scope with no responses: zero and nulls, still exit 0.
    let v = s.ikm(&other, &[]);
    assert_eq!(v["responden"], 0);
    for k in ["ikm", "nilai", "mutu", "kinerja"] {
        assert_eq!(v[k], Value::Null, "{k}");
    }
    assert!(v["nrr"].as_object().unwrap().values().all(Value::is_null));

    // An unknown scope: an error message and a failing exit code.
    let r = s.run(&[
        "skm",
        "ikm",
        "--scope",
        "15.P99",
        "--from",
        "2025-01-01",
        "--to",
        "2025-12-31",
        "--format",
        "json",
    ]);
    assert_ne!(r.code, Some(0));
    assert!(
        r.err.contains("15.P99") && r.err.contains("tidak terdaftar"),
        "{}",
        r.err
    );
    assert!(r.out.trim().is_empty(), "{}", r.out);
}

#[test]
fn bad_skm_file_exits_2_and_stores_nothing() {
    let s = Sandbox::with_org();
    let (_, unit, _) = units();
    let file = s.path("buruk.csv");
    let body = format!(
        "{HEADER}\n\
         2025-03-01,{unit},kk,P,30,SMA,Swasta,4,4,4,4,4,4,4,4,4,\n\
         2025-03-01,{unit},kk,P,30,SMA,Swasta,5,4,4,4,4,4,4,4,4,\n\
         2025-02-31,{unit},kk,P,30,SMA,Swasta,4,4,4,4,4,4,4,4,4,\n\
         2025-03-01,{unit},kk,P,7,SMA,Swasta,4,4,4,4,4,4,4,4,4,\n"
    );
    std::fs::write(&file, body).unwrap();
    let r = s.run(&["skm", "import", path_str(&file)]);
    assert_eq!(r.code, Some(2), "{}\n{}", r.out, r.err);
    assert!(r.err.contains("baris 3, kolom persyaratan"), "{}", r.err);
    assert!(r.err.contains("baris 4, kolom tanggal"), "{}", r.err);
    assert!(r.err.contains("baris 5, kolom umur"), "{}", r.err);
    assert!(r.out.contains("ditolak: 3"), "{}", r.out);
    assert!(r.out.contains("database tidak diubah"), "{}", r.out);
    assert_eq!(s.skm_count(), 0);

    // A missing column is refused as a whole file, also exit 2.
    let file = s.path("kurang.csv");
    std::fs::write(
        &file,
        format!("tanggal,unit\n2025-03-01,{unit}\n").as_bytes(),
    )
    .unwrap();
    let r = s.run(&["skm", "import", path_str(&file)]);
    assert_eq!(r.code, Some(2), "{}\n{}", r.out, r.err);
    assert!(r.err.contains("persyaratan"), "{}", r.err);
    assert_eq!(s.skm_count(), 0);
}
