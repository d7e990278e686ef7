//! The real binary, as a user and a script drive it: init → commit → draw → verify, refusals,
//! supersession, tampering, and the stateless `sample` command's published JSON.

use assert_cmd::Command;
use predicates::prelude::*;
use predicates::str::contains;
use std::path::{Path, PathBuf};

fn anjuan() -> Command {
    Command::cargo_bin("anjuan").unwrap()
}

fn repo(p: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join(p)
}

const SEED: &str = "08772473296991897540";

fn ready_workspace(dir: &Path) -> PathBuf {
    let ws = dir.join("ws");
    anjuan()
        .arg("init")
        .arg(&ws)
        .arg("--register")
        .arg(repo("samples/county-register.csv"))
        .assert()
        .success()
        .stdout(contains("population SHA-256"));
    ws
}

fn commit(ws: &Path) -> String {
    let out = anjuan()
        .args(["--lang", "en", "commit"])
        .arg(ws)
        .args(["--n", "100", "--min-per-stratum", "1", "--alternates", "2"])
        .assert()
        .success();
    let text = String::from_utf8(out.get_output().stdout.clone()).unwrap();
    let line = text
        .lines()
        .skip_while(|l| !l.starts_with("commitment SHA-256"))
        .nth(1)
        .unwrap();
    line.trim().to_string()
}

#[test]
fn ceremony_from_registers_to_verified_draw() {
    let dir = tempfile::tempdir().unwrap();
    let ws = ready_workspace(dir.path());
    // No draw before a commitment exists.
    anjuan()
        .arg("draw")
        .arg(&ws)
        .args(["--seed", SEED])
        .assert()
        .code(2)
        .stderr(contains("anjuan commit"));
    let digest = commit(&ws);
    assert_eq!(digest.len(), 64);
    let file_digest = sha256_of(&ws.join("commitments/0001.json"));
    assert_eq!(
        digest, file_digest,
        "the printed digest is the file's SHA-256"
    );
    // Seeds: digits only, at least 20.
    anjuan()
        .arg("draw")
        .arg(&ws)
        .args(["--seed", "1234567890123456789"])
        .assert()
        .code(2)
        .stderr(contains("20"));
    anjuan()
        .arg("draw")
        .arg(&ws)
        .args(["--seed", "1234567890123456789x"])
        .assert()
        .code(2);
    anjuan()
        .arg("draw")
        .arg(&ws)
        .args([
            "--seed-part",
            "张三=0877247329",
            "--seed-part",
            "李四=6991897540",
        ])
        .args([
            "--witness",
            "张三/县司法局",
            "--witness",
            "李四/县纪委监委",
            "--place",
            "县司法局三楼会议室",
        ])
        .assert()
        .success()
        .stdout(contains("record SHA-256"));
    let record: serde_json::Value =
        serde_json::from_slice(&std::fs::read(ws.join("draws/0001.json")).unwrap()).unwrap();
    assert_eq!(record["seed"], SEED);
    assert_eq!(record["algorithm"], "anjuan-draw-v1");
    assert_eq!(record["seed_parts"][1]["who"], "李四");
    assert_eq!(record["witnesses"][0]["unit"], "县司法局");
    assert_eq!(record["commitment"]["sha256"], digest.as_str());
    let selected = record["selected"].as_array().unwrap();
    assert_eq!(
        selected.iter().filter(|s| s["role"] == "sample").count(),
        100
    );
    assert!(selected
        .iter()
        .all(|s| s["ticket"].as_str().unwrap().starts_with("0.")));
    // A second draw is refused; a superseding one is recorded next to the first.
    anjuan()
        .arg("draw")
        .arg(&ws)
        .args(["--seed", "11111111111111111111"])
        .assert()
        .code(2)
        .stderr(contains("--supersede"));
    anjuan()
        .args(["draw"])
        .arg(&ws)
        .args([
            "--seed",
            "11111111111111111111",
            "--supersede",
            "见证人迟到，重新掷骰",
        ])
        .assert()
        .success();
    assert!(ws.join("draws/0001.json").is_file() && ws.join("draws/0002.json").is_file());
    anjuan()
        .args(["--lang", "en", "verify"])
        .arg(&ws)
        .arg("--register")
        .arg(repo("samples/county-register.csv"))
        .assert()
        .success()
        .stdout(contains("supersedes draw 1, reason: 见证人迟到，重新掷骰"))
        .stdout(contains("recomputed and match (draw 2)"));
}

fn sha256_of(path: &Path) -> String {
    use sha2::{Digest, Sha256};
    let d: [u8; 32] = Sha256::digest(std::fs::read(path).unwrap()).into();
    d.iter().map(|b| format!("{b:02x}")).collect()
}

#[test]
fn verify_names_exactly_what_was_altered() {
    let dir = tempfile::tempdir().unwrap();
    let ws = ready_workspace(dir.path());
    commit(&ws);
    anjuan()
        .arg("draw")
        .arg(&ws)
        .args(["--seed", SEED])
        .assert()
        .success();
    anjuan().arg("verify").arg(&ws).assert().success();

    // Swap one drawn case for another in the record.
    let path = ws.join("draws/0001.json");
    let original = std::fs::read_to_string(&path).unwrap();
    let mut v: serde_json::Value = serde_json::from_str(&original).unwrap();
    let first = v["selected"][0]["case_id"].as_str().unwrap().to_string();
    v["selected"][0]["case_id"] = serde_json::Value::String("攸环罚〔2024〕999号".into());
    std::fs::write(&path, serde_json::to_string_pretty(&v).unwrap()).unwrap();
    anjuan()
        .args(["--lang", "en", "verify", "--quiet"])
        .arg(&ws)
        .assert()
        .code(1)
        .stdout(contains("draws/0001.json was altered"))
        .stdout(contains(format!("recomputed {first}")));
    std::fs::write(&path, original).unwrap();

    // A changed original register file.
    let changed = dir.path().join("changed.csv");
    let mut bytes = std::fs::read(repo("samples/county-register.csv")).unwrap();
    bytes.extend_from_slice("\r\n".as_bytes());
    std::fs::write(&changed, bytes).unwrap();
    anjuan()
        .args(["--lang", "en", "verify", "--quiet"])
        .arg(&ws)
        .arg("--register")
        .arg(&changed)
        .assert()
        .code(1)
        .stdout(contains("the record has"));

    // An edited frozen population, and a ledger line removed.
    let pop = ws.join("population.tsv");
    let text = std::fs::read_to_string(&pop).unwrap();
    std::fs::write(&pop, text.replacen('\n', "\nX\t攸县公安局\n", 1)).unwrap();
    anjuan()
        .args(["--lang", "en", "verify", "--quiet"])
        .arg(&ws)
        .assert()
        .code(1)
        .stdout(contains("population.tsv was altered"));
    std::fs::write(&pop, text).unwrap();
    let ledger = ws.join("ledger.jsonl");
    let lines: Vec<String> = std::fs::read_to_string(&ledger)
        .unwrap()
        .lines()
        .map(String::from)
        .collect();
    let without: Vec<&str> = lines
        .iter()
        .enumerate()
        .filter(|(i, _)| *i != 2)
        .map(|(_, l)| l.as_str())
        .collect();
    std::fs::write(&ledger, without.join("\n") + "\n").unwrap();
    anjuan()
        .args(["--lang", "en", "verify", "--quiet"])
        .arg(&ws)
        .assert()
        .code(1)
        .stdout(contains("ledger.jsonl line 3"));
}

#[test]
fn init_refuses_bad_registers_and_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let ws = dir.path().join("ws");
    anjuan()
        .arg("init")
        .arg(&ws)
        .arg("--register")
        .arg(repo("tests/fixtures/registers/bad-mixed.csv"))
        .assert()
        .code(2)
        .stderr(contains("第 4 行 B 列（案号）"))
        .stderr(contains("未冻结"));
    assert!(!ws.exists(), "nothing frozen while errors remain");
    anjuan()
        .args(["--lang", "en", "init"])
        .arg(&ws)
        .arg("--register")
        .arg(repo("tests/fixtures/registers/bad-mixed.csv"))
        .assert()
        .code(2)
        .stderr(contains("row 11, column H (办结日期)"));
    // A frozen workspace cannot be replaced.
    let ws = ready_workspace(dir.path());
    anjuan()
        .arg("init")
        .arg(&ws)
        .arg("--register")
        .arg(repo("samples/county-register.csv"))
        .assert()
        .code(2);
}

#[test]
fn per_agency_files_and_recommitment_stay_on_record() {
    let dir = tempfile::tempdir().unwrap();
    let ws = dir.path().join("ws");
    let a = repo("samples/agencies");
    anjuan()
        .arg("init")
        .arg(&ws)
        .arg("--register")
        .arg(a.join("攸县林业局.csv"))
        .arg(a.join("攸县水利局.csv"))
        .arg(a.join("攸县交通运输局.xlsx"))
        .args([
            "--agency-for",
            "攸县林业局.csv=攸县林业局",
            "--agency-for",
            "攸县水利局.csv=攸县水利局",
        ])
        .args(["--agency-for", "攸县交通运输局.xlsx=攸县交通运输局"])
        .args([
            "--filter",
            "case_type=行政处罚（一般程序）",
            "--filter",
            "case_type=行政许可",
        ])
        .assert()
        .success()
        .stdout(contains("[GBK]"));
    anjuan()
        .arg("commit")
        .arg(&ws)
        .args(["--method", "equal", "--per-stratum", "3"])
        .assert()
        .success();
    anjuan()
        .arg("commit")
        .arg(&ws)
        .args(["--n", "10"])
        .assert()
        .success()
        .stdout(contains("取代第 1 号承诺"));
    anjuan()
        .arg("draw")
        .arg(&ws)
        .args(["--seed", SEED])
        .assert()
        .success();
    let record: serde_json::Value =
        serde_json::from_slice(&std::fs::read(ws.join("draws/0001.json")).unwrap()).unwrap();
    assert_eq!(record["commitment"]["number"], 2);
    anjuan()
        .arg("verify")
        .arg(&ws)
        .assert()
        .success()
        .stdout(contains("commitments/0001.json"));
}

#[test]
fn sample_json_is_the_published_format() {
    let out = anjuan()
        .arg("sample")
        .arg(repo("samples/county-register.csv"))
        .args([
            "--seed",
            SEED,
            "--n",
            "100",
            "--stratum",
            "执法机关",
            "--id-column",
            "案号",
            "--alternates",
            "2",
            "--format",
            "json",
        ])
        .assert()
        .success();
    let v: serde_json::Value = serde_json::from_slice(&out.get_output().stdout).unwrap();
    assert_eq!(v["algorithm"], "anjuan-draw-v1");
    assert_eq!(v["seed"], SEED);
    assert_eq!(
        v["source_sha256"][0].as_str().unwrap(),
        sha256_of(&repo("samples/county-register.csv"))
    );
    assert_eq!(v["population_sha256"].as_str().unwrap().len(), 64);
    let alloc = v["allocation"].as_array().unwrap();
    assert_eq!(alloc.len(), 31);
    assert_eq!(
        alloc
            .iter()
            .map(|a| a["allocated"].as_u64().unwrap())
            .sum::<u64>(),
        100
    );
    assert!(alloc
        .iter()
        .all(|a| a["stratum"].is_array() && a["size"].is_u64() && a["alternates"].is_u64()));
    for s in v["selected"].as_array().unwrap() {
        assert!(
            s["ticket"].is_string(),
            "tickets are strings, never numbers"
        );
        assert!(s["role"] == "sample" || s["role"] == "alternate");
        assert!(s["rank"].is_u64() && s["case_id"].is_string() && s["stratum"].is_array());
    }
    // The same draw from the GBK copy and the XLSX written by LibreOffice: same population, same sample.
    for other in [
        "samples/county-register-gbk.csv",
        "samples/county-register.xlsx",
    ] {
        let out = anjuan()
            .arg("sample")
            .arg(repo(other))
            .args(["--seed", SEED, "--n", "100", "--format", "json"])
            .assert()
            .success();
        let w: serde_json::Value = serde_json::from_slice(&out.get_output().stdout).unwrap();
        assert_eq!(w["population_sha256"], v["population_sha256"]);
        assert_eq!(w["selected"], v["selected"]);
    }
    // CSV output carries the same full tickets.
    let out = anjuan()
        .arg("sample")
        .arg(repo("samples/county-register.csv"))
        .args(["--seed", SEED, "--n", "100"])
        .assert()
        .success();
    let csv = String::from_utf8(out.get_output().stdout.clone()).unwrap();
    assert!(csv.starts_with("agency,role,rank,case_id,ticket\n"));
    assert!(csv.contains(v["selected"][0]["ticket"].as_str().unwrap()));
}

#[test]
fn sample_errors_state_the_numbers() {
    anjuan()
        .args(["--lang", "en", "sample"])
        .arg(repo("tests/fixtures/registers/good-utf8.csv"))
        .args(["--seed", SEED, "--n", "13"])
        .assert()
        .code(2)
        .stderr(contains("n = 13").and(contains("N = 12")));
    anjuan()
        .args(["--lang", "en", "sample"])
        .arg(repo("tests/fixtures/registers/good-utf8.csv"))
        .args(["--seed", SEED, "--n", "2", "--min-per-stratum", "1"])
        .assert()
        .code(2)
        .stderr(contains("need 3"));
}

#[test]
fn demo_runs_the_whole_flow_in_a_temporary_workspace() {
    let dir = tempfile::tempdir().unwrap();
    anjuan()
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .args(["--lang", "en", "demo", "--keep"])
        .arg(dir.path().join("demo"))
        .assert()
        .success()
        .stdout(contains("0 differ"));
}
