//! Golden outputs: the fixed demo campaign (`demo --build`, fictional clock and seed) exported to
//! CSV must come out byte for byte as committed in tests/golden/demo/ — the smaller sheets as
//! files, every sheet by SHA-256 in SHA256SUMS. After an intended change, regenerate with
//! `ANJUAN_UPDATE_GOLDEN=1 cargo test --test golden` and review the diff.

mod common;
use common::*;
use sha2::{Digest, Sha256};
use std::collections::BTreeMap;

/// Sheets kept whole in the repository (the per-file result sheets are kept by digest only).
const KEPT: [&str; 8] = [
    "抽样记录表.csv",
    "调卷清单.csv",
    "评查情况汇总表.csv",
    "问题清单.csv",
    "统计表.csv",
    "整改台账.csv",
    "整改进度汇总表.csv",
    "问责线索移交清单.csv",
];

#[test]
fn demo_campaign_exports_match_the_golden_files() {
    let dir = tempfile::tempdir().unwrap();
    let ws = dir.path().join("demo");
    anjuan()
        .args(["demo", "--build"])
        .arg(&ws)
        .assert()
        .success();
    let out = dir.path().join("out");
    anjuan()
        .arg("export")
        .arg(&ws)
        .arg("--out")
        .arg(&out)
        .args(["--as-of", "2026-03-31"])
        .assert()
        .success();
    let golden = repo("tests/golden/demo");
    let update = std::env::var_os("ANJUAN_UPDATE_GOLDEN").is_some();
    let mut sums = BTreeMap::new();
    for entry in std::fs::read_dir(&out).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        if !name.ends_with(".csv") {
            continue;
        }
        let bytes = std::fs::read(&path).unwrap();
        sums.insert(name.clone(), format!("{:x}", Sha256::digest(&bytes)));
        if KEPT.contains(&name.as_str()) {
            let want = golden.join(&name);
            if update {
                std::fs::write(&want, &bytes).unwrap();
                continue;
            }
            let expected = std::fs::read(&want).unwrap_or_default();
            if expected != bytes {
                let (a, b) = (
                    String::from_utf8_lossy(&expected),
                    String::from_utf8_lossy(&bytes),
                );
                let line = a.lines().zip(b.lines()).position(|(x, y)| x != y);
                panic!(
                    "{name} differs from tests/golden/demo/{name} (first differing line: {line:?}); \
                     if the change is intended, run ANJUAN_UPDATE_GOLDEN=1 cargo test --test golden"
                );
            }
        }
    }
    assert_eq!(sums.len(), 9, "{sums:?}");
    let listing: String = sums.iter().map(|(n, s)| format!("{s}  {n}\n")).collect();
    let sums_file = golden.join("SHA256SUMS");
    if update {
        std::fs::write(&sums_file, &listing).unwrap();
    }
    assert_eq!(
        std::fs::read_to_string(&sums_file).unwrap_or_default(),
        listing,
        "CSV digests differ from tests/golden/demo/SHA256SUMS"
    );
}
