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

fn total_jp(dir: &std::path::Path) -> i64 {
    let out = bangkom(
        dir,
        &[
            "jp", "--scope", "all", "--tahun", "2025", "--rinci", "--format", "json",
        ],
    );
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    v["pegawai_list"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["jp"].as_i64().unwrap())
        .sum()
}

#[test]
fn koreksi_jp_revokes_a_credit_and_refuses_bad_input() {
    let dir = tempfile::tempdir().unwrap();
    assert!(
        bangkom(dir.path(), &["demo", "--pegawai", "300"])
            .status
            .success()
    );
    let koreksi = |id: &str, jp: &str, alasan: &str| {
        bangkom(
            dir.path(),
            &[
                "koreksi-jp",
                "--sumber",
                "peserta",
                "--id",
                id,
                "--jp",
                jp,
                "--alasan",
                alasan,
            ],
        )
    };
    let out = koreksi("99999999", "1", "uji");
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("tidak ditemukan"));
    let out = koreksi("1", "1", " ");
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("alasan"));

    // Revoke the first completed participation found; the ledger loses exactly its JP.
    let before = total_jp(dir.path());
    let done = (1..400)
        .map(|id| (id, koreksi(&id.to_string(), "0", "sertifikat dicabut")))
        .find(|(_, out)| out.status.success())
        .expect("the demo has a completed participation");
    let line = String::from_utf8_lossy(&done.1.stdout).to_string();
    let lama: i64 = line
        .split(": ")
        .nth(1)
        .and_then(|s| s.split(' ').next())
        .and_then(|s| s.parse().ok())
        .unwrap_or_else(|| panic!("{line}"));
    assert!(lama > 0, "{line}");
    assert_eq!(total_jp(dir.path()), before - lama, "{line}");
}
