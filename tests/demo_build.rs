//! `anjuan demo --build DIR`: a complete fictional campaign, every sample file reviewed and
//! finalized, the same decisions every time.

mod common;

use common::{anjuan, repo, show, status};
use serde_json::Value;
use std::collections::BTreeMap;
use std::path::Path;

fn build(dir: &Path) -> assert_cmd::assert::Assert {
    anjuan()
        .args(["demo", "--samples"])
        .arg(repo("samples"))
        .arg("--build")
        .arg(dir)
        .assert()
}

fn samples(st: &Value) -> Vec<Value> {
    st["files"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["role"] == "sample")
        .cloned()
        .collect()
}

/// Each item's decision without anything time-dependent.
fn decisions(ws: &Path, case: &str) -> Vec<(String, Value)> {
    show(ws, case)["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| (i["id"].as_str().unwrap().to_string(), i["decision"].clone()))
        .collect()
}

fn tree(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    let mut out = BTreeMap::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                stack.push(p);
            } else {
                let rel = p.strip_prefix(dir).unwrap().display().to_string();
                out.insert(rel, std::fs::read(&p).unwrap());
            }
        }
    }
    out
}

#[test]
fn builds_a_reviewed_campaign_reproducibly() {
    let tmp = tempfile::tempdir().unwrap();
    let ws = tmp.path().join("一号");
    let out = build(&ws).success();
    let text = String::from_utf8_lossy(&out.get_output().stdout).to_string();
    for want in ["anjuan tui", "anjuan verify", "anjuan export", "review"] {
        assert!(text.contains(want), "{want} missing from:\n{text}");
    }

    // Every sample file finalized; a spread of grades; several vetoes.
    let st = status(&ws);
    let files = samples(&st);
    assert_eq!(files.len(), 100);
    let mut grades: BTreeMap<String, usize> = BTreeMap::new();
    for f in &files {
        assert_eq!(f["status"], "finalized", "{}", f["case_id"]);
        assert_eq!(f["decided"], f["items"], "{}", f["case_id"]);
        *grades
            .entry(f["grade"].as_str().unwrap().to_string())
            .or_default() += 1;
    }
    assert!(grades.len() >= 3, "{grades:?}");
    assert!(
        grades.get("不合格").copied().unwrap_or(0) >= 3,
        "{grades:?}"
    );
    let failed: Vec<String> = files
        .iter()
        .filter(|f| f["grade"] == "不合格")
        .map(|f| f["case_id"].as_str().unwrap().to_string())
        .collect();
    let mut vetoed = 0;
    for case in &failed {
        let s = show(&ws, case);
        let vetoes = s["score"]["vetoes"].as_array().unwrap();
        if !vetoes.is_empty() {
            vetoed += 1;
            let item = s["items"]
                .as_array()
                .unwrap()
                .iter()
                .find(|i| i["id"] == vetoes[0])
                .unwrap();
            assert_eq!(item["decision"]["verdict"], "veto");
            assert!(!item["decision"]["finding"].as_str().unwrap().is_empty());
        }
    }
    assert!((3..=5).contains(&vetoed), "{vetoed} vetoed files");

    // Deductions carry findings and page references, and some items are 不适用.
    let mut verdicts: BTreeMap<String, usize> = BTreeMap::new();
    for f in files.iter().take(30) {
        for (_, d) in decisions(&ws, f["case_id"].as_str().unwrap()) {
            let v = d["verdict"].as_str().unwrap().to_string();
            if v == "deduct" {
                assert!(!d["finding"].as_str().unwrap().is_empty());
                assert!(d["evidence"].as_str().unwrap().starts_with('第'));
            }
            *verdicts.entry(v).or_default() += 1;
        }
    }
    assert!(verdicts["pass"] > verdicts["deduct"], "{verdicts:?}");
    assert!(verdicts.get("na").copied().unwrap_or(0) > 0, "{verdicts:?}");

    anjuan().arg("verify").arg(&ws).assert().success();

    // Building into the same folder again is refused and changes nothing.
    let before = tree(&ws);
    build(&ws).code(2);
    assert!(before == tree(&ws), "the workspace changed");
    // So is a non-empty folder that is no workspace.
    let other = tmp.path().join("其他");
    std::fs::create_dir(&other).unwrap();
    std::fs::write(other.join("笔记.txt"), "x").unwrap();
    build(&other).code(2);
    assert_eq!(std::fs::read_dir(&other).unwrap().count(), 1);

    // A second build elsewhere (an existing empty folder) makes the same decisions.
    let ws2 = tmp.path().join("二号");
    std::fs::create_dir(&ws2).unwrap();
    build(&ws2).success();
    let files2 = samples(&status(&ws2));
    let ids = |fs: &[Value]| -> Vec<(Value, Value, Value)> {
        fs.iter()
            .map(|f| (f["case_id"].clone(), f["score"].clone(), f["grade"].clone()))
            .collect()
    };
    assert_eq!(ids(&files), ids(&files2));
    let mut cases: Vec<String> = failed.iter().take(2).cloned().collect();
    cases.extend(
        files
            .iter()
            .step_by(17)
            .map(|f| f["case_id"].as_str().unwrap().to_string()),
    );
    for case in &cases {
        assert_eq!(decisions(&ws, case), decisions(&ws2, case), "{case}");
    }
}
