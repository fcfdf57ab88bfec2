//! The `bangkom jp` contract: one JSON object with the ledger of a scope and year.
#![allow(clippy::unwrap_used)]

use std::process::Command;

fn bangkom(dir: &std::path::Path, args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_bangkom"))
        .args(["--db", &format!("sqlite://{}/t.db", dir.display())])
        .args(args)
        .env_remove("BANGKOM_DB")
        .current_dir(dir)
        .output()
        .unwrap()
}

#[test]
fn jp_ledger_json_contract_on_the_demo() {
    let dir = tempfile::tempdir().unwrap();
    let out = bangkom(dir.path(), &["demo", "--pegawai", "400"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let out = bangkom(
        dir.path(),
        &[
            "jp", "--scope", "all", "--tahun", "2025", "--rinci", "--format", "json",
        ],
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    for key in [
        "scope",
        "tahun",
        "target_jp",
        "pegawai",
        "memenuhi",
        "belum_memenuhi",
        "persen_memenuhi",
        "jp_per_jalur",
        "pegawai_list",
    ] {
        assert!(v.get(key).is_some(), "missing {key}");
    }
    let (pns, ok, not) = (
        v["pegawai"].as_u64().unwrap(),
        v["memenuhi"].as_u64().unwrap(),
        v["belum_memenuhi"].as_u64().unwrap(),
    );
    assert_eq!(ok + not, pns);
    assert!(ok > 0 && not > 0, "the demo has both: {ok} / {not}");
    let list = v["pegawai_list"].as_array().unwrap();
    let pns_listed = list.iter().filter(|p| p["jenis_asn"] == "PNS").count() as u64;
    assert_eq!(pns_listed, pns);
    let ok_listed = list
        .iter()
        .filter(|p| p["jenis_asn"] == "PNS" && p["memenuhi"] == true)
        .count() as u64;
    assert_eq!(ok_listed, ok);
    assert!(list.iter().all(|p| p["memenuhi"].as_bool().unwrap()
        == (p["jp"].as_i64().unwrap() >= p["target_jp"].as_i64().unwrap())));
    let jalur_total: i64 = v["jp_per_jalur"]
        .as_object()
        .unwrap()
        .values()
        .map(|x| x.as_i64().unwrap())
        .sum();
    let people_total: i64 = list.iter().map(|p| p["jp"].as_i64().unwrap()).sum();
    assert_eq!(
        jalur_total, people_total,
        "JP per jalur add up to the employees' JP"
    );
    let pct = v["persen_memenuhi"].as_f64().unwrap();
    assert!((pct - (ok as f64 * 100.0 / pns as f64)).abs() < 0.051);

    let out = bangkom(
        dir.path(),
        &[
            "jp", "--scope", "99.99", "--tahun", "2025", "--format", "json",
        ],
    );
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("tidak terdaftar"));
}
