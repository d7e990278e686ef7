//! Shared by the integration tests: the real binary and a drawn workspace built with it.
#![allow(dead_code)]

use assert_cmd::Command;
use std::path::{Path, PathBuf};

pub fn anjuan() -> Command {
    Command::cargo_bin("anjuan").unwrap()
}

pub fn repo(p: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join(p)
}

pub const SEED: &str = "08772473296991897540";

/// init from `register` → commit `n` files (min 1 per stratum) with `alternates` each, in `ws`.
pub fn committed_from(ws: &Path, register: &Path, n: u64, alternates: u64) {
    anjuan()
        .arg("init")
        .arg(ws)
        .arg("--register")
        .arg(register)
        .assert()
        .success();
    anjuan()
        .arg("commit")
        .arg(ws)
        .args(["--n", &n.to_string(), "--min-per-stratum", "1"])
        .args(["--alternates", &alternates.to_string()])
        .assert()
        .success();
}

/// The witnessed draw with the test seed.
pub fn draw(ws: &Path) {
    anjuan()
        .arg("draw")
        .arg(ws)
        .args(["--seed", SEED, "--witness", "王五/县纪委监委"])
        .assert()
        .success();
}

/// The sample county register committed (100 files, min 1, 2 alternates) in `dir/ws`.
pub fn committed_workspace(dir: &Path) -> PathBuf {
    let ws = dir.join("ws");
    committed_from(&ws, &repo("samples/county-register.csv"), 100, 2);
    ws
}

/// init (sample county register) → commit (100, min 1, 2 alternates) → draw, in `dir/ws`.
pub fn drawn_workspace(dir: &Path) -> PathBuf {
    let ws = committed_workspace(dir);
    draw(&ws);
    ws
}

/// `anjuan demo --build dir/NAME`: a complete fictional campaign, every sample file finalized.
pub fn demo_workspace(dir: &Path, name: &str) -> PathBuf {
    let ws = dir.join(name);
    anjuan()
        .args(["demo", "--build"])
        .arg(&ws)
        .assert()
        .success();
    ws
}

pub fn json(cmd: &mut Command) -> serde_json::Value {
    let out = cmd.assert().success();
    serde_json::from_slice(&out.get_output().stdout).unwrap()
}

pub fn status(ws: &Path) -> serde_json::Value {
    json(
        anjuan()
            .arg("review")
            .arg(ws)
            .args(["status", "--format", "json"]),
    )
}

pub fn show(ws: &Path, case: &str) -> serde_json::Value {
    json(
        anjuan()
            .arg("review")
            .arg(ws)
            .args(["show", case, "--format", "json"]),
    )
}

/// The first drawn sample file whose case type is `case_type`.
pub fn case_of_type(ws: &Path, case_type: &str) -> String {
    status(ws)["files"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["case_type"] == case_type && f["role"] == "sample")
        .unwrap_or_else(|| panic!("no {case_type} file drawn"))["case_id"]
        .as_str()
        .unwrap()
        .to_string()
}

pub fn journal_lines(ws: &Path) -> Vec<String> {
    std::fs::read_to_string(ws.join("journal.jsonl"))
        .unwrap_or_default()
        .lines()
        .map(String::from)
        .collect()
}

/// Copy a folder tree (a workspace, a package) as another machine would receive it.
pub fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for e in std::fs::read_dir(from).unwrap() {
        let e = e.unwrap();
        if e.file_type().unwrap().is_dir() {
            copy_dir(&e.path(), &to.join(e.file_name()));
        } else {
            std::fs::copy(e.path(), to.join(e.file_name())).unwrap();
        }
    }
}

/// LibreOffice's command, where it is installed (the print-to-PDF tests).
pub fn soffice() -> Option<String> {
    ["soffice", "libreoffice"]
        .into_iter()
        .map(String::from)
        .find(|s| {
            std::process::Command::new(s)
                .arg("--version")
                .output()
                .is_ok_and(|o| o.status.success())
        })
}
