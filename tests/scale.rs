//! Issue 18, part 2: after the draw, every command about the sample reads the drawn cases'
//! own file (`drawn/NNNN.jsonl`), never the whole population, so its cost follows the sample.
//! The test takes the population-sized files away: what follows the sample still works; what
//! re-derives the population (`verify`) says they are gone. And `drawn/` is checked like every
//! other frozen file.

mod common;
use common::*;
use std::path::Path;

fn hide_population(ws: &Path, away: &Path) {
    std::fs::create_dir_all(away).unwrap();
    for f in ["cases.jsonl", "population.tsv"] {
        std::fs::rename(ws.join(f), away.join(f)).unwrap();
    }
    std::fs::rename(ws.join("registers"), away.join("registers")).unwrap();
}

fn restore_population(ws: &Path, away: &Path) {
    for f in ["cases.jsonl", "population.tsv", "registers"] {
        std::fs::rename(away.join(f), ws.join(f)).unwrap();
    }
}

fn stdout(cmd: &mut assert_cmd::Command) -> String {
    String::from_utf8(cmd.assert().success().get_output().stdout.clone()).unwrap()
}

#[test]
fn commands_about_the_sample_never_read_the_population() {
    let t = tempfile::tempdir().unwrap();
    let ws = demo_workspace(t.path(), "ws");
    let drawn = ws.join("drawn/0001.jsonl");
    let lines = std::fs::read_to_string(&drawn).unwrap();
    let draw: serde_json::Value =
        serde_json::from_slice(&std::fs::read(ws.join("draws/0001.json")).unwrap()).unwrap();
    let selected = draw["selected"].as_array().unwrap();
    assert_eq!(lines.lines().count(), selected.len());
    for (line, s) in lines.lines().zip(selected) {
        let d: serde_json::Value = serde_json::from_str(line).unwrap();
        assert_eq!(d["id"], s["case_id"]);
    }
    let ledger = std::fs::read_to_string(ws.join("ledger.jsonl")).unwrap();
    assert!(ledger.contains("\"drawn_cases\"") && ledger.contains("drawn/0001.jsonl"));

    let before = stdout(
        anjuan()
            .arg("review")
            .arg(&ws)
            .args(["status", "--format", "json"]),
    );
    let away = t.path().join("away");
    hide_population(&ws, &away);

    let after = stdout(
        anjuan()
            .arg("review")
            .arg(&ws)
            .args(["status", "--format", "json"]),
    );
    assert_eq!(before, after, "status without the population differs");
    let case = status(&ws)["files"][0]["case_id"]
        .as_str()
        .unwrap()
        .to_string();
    let shown = show(&ws, &case);
    assert_eq!(shown["case_id"], case.as_str());
    anjuan()
        .arg("review")
        .arg(&ws)
        .args(["reopen", &case, "--reviewer", "张三", "--reason", "复查"])
        .assert()
        .success();
    anjuan()
        .arg("review")
        .arg(&ws)
        .args(["finalize", &case, "--reviewer", "张三"])
        .assert()
        .success();
    let out = t.path().join("out");
    anjuan()
        .arg("export")
        .arg(&ws)
        .arg("--out")
        .arg(&out)
        .assert()
        .success();
    let checked = stdout(anjuan().arg("verify").arg(&ws).arg("--export").arg(&out));
    assert!(checked.contains("cases.jsonl"), "{checked}");
    assert!(
        checked.contains("anjuan verify"),
        "the note on what was not checked: {checked}"
    );

    // The full check needs the population and says it is missing.
    let full = anjuan().arg("verify").arg(&ws).assert().code(1);
    let text = String::from_utf8_lossy(&full.get_output().stdout).to_string();
    assert!(
        text.contains("cases.jsonl") && text.contains("缺失"),
        "{text}"
    );
    let full = anjuan()
        .arg("verify")
        .arg(&ws)
        .arg("--export")
        .arg(&out)
        .arg("--full")
        .assert()
        .code(1);
    assert!(String::from_utf8_lossy(&full.get_output().stdout).contains("population.tsv"));

    restore_population(&ws, &away);
    anjuan().arg("verify").arg(&ws).assert().success();
}

#[test]
fn an_altered_drawn_file_is_refused_and_verify_names_it() {
    let t = tempfile::tempdir().unwrap();
    let ws = drawn_workspace(t.path());
    let drawn = ws.join("drawn/0001.jsonl");
    let text = std::fs::read_to_string(&drawn).unwrap();
    let first: serde_json::Value = serde_json::from_str(text.lines().next().unwrap()).unwrap();
    let party = first["party"].as_str().unwrap().to_string();
    assert!(!party.is_empty());
    std::fs::write(&drawn, text.replacen(&party, "别人", 1)).unwrap();

    let refused = anjuan()
        .arg("review")
        .arg(&ws)
        .args(["status"])
        .assert()
        .failure();
    let err = String::from_utf8_lossy(&refused.get_output().stderr).to_string();
    assert!(err.contains("drawn/0001.jsonl"), "{err}");

    let v = anjuan().arg("verify").arg(&ws).assert().code(1);
    let out = String::from_utf8_lossy(&v.get_output().stdout).to_string();
    assert!(
        out.lines()
            .any(|l| l.starts_with("不一致") && l.contains("drawn/0001.jsonl")),
        "{out}"
    );
}

#[test]
fn a_workspace_drawn_before_the_drawn_files_reads_the_population() {
    // What an earlier version left: the same ledger without its last entry (drawn_cases, the
    // last thing a draw writes; the chain of a prefix is intact) and no drawn/ folder.
    let t = tempfile::tempdir().unwrap();
    let ws = drawn_workspace(t.path());
    let with = stdout(
        anjuan()
            .arg("review")
            .arg(&ws)
            .args(["status", "--format", "json"]),
    );
    std::fs::remove_dir_all(ws.join("drawn")).unwrap();
    let ledger = std::fs::read_to_string(ws.join("ledger.jsonl")).unwrap();
    let mut lines: Vec<&str> = ledger.lines().collect();
    assert!(lines.pop().unwrap().contains("\"drawn_cases\""));
    std::fs::write(ws.join("ledger.jsonl"), lines.join("\n") + "\n").unwrap();
    let without = stdout(
        anjuan()
            .arg("review")
            .arg(&ws)
            .args(["status", "--format", "json"]),
    );
    assert_eq!(with, without);
    anjuan().arg("verify").arg(&ws).assert().success();
}
