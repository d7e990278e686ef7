//! Nothing acknowledged is lost: writer processes (the real binary, two at a time on the same
//! journal) are killed at random moments, many times; afterwards every event a writer reported as
//! saved is in the journal, and the workspace verifies. Set `ANJUAN_CRASH_SEED` to replay a run.

mod common;
use common::*;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

struct XorShift(u64);

impl XorShift {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
}

const ROUNDS: usize = 150;

#[test]
fn killed_writers_lose_nothing_they_acknowledged() {
    let dir = tempfile::tempdir().unwrap();
    let ws = drawn_workspace(dir.path());
    let case = case_of_type(&ws, "行政处罚（一般程序）");
    let bin = assert_cmd::cargo::cargo_bin("anjuan");
    let set = |item: &str, finding: &str| {
        let mut cmd = Command::new(&bin);
        cmd.args(["--lang", "en", "review"])
            .arg(&ws)
            .args(["set", &case, item, "--deduct", "1", "--finding", finding])
            .args(["--reviewer", "kill-test"])
            .stdout(Stdio::piped())
            .stderr(Stdio::piped());
        cmd
    };
    // A first, undisturbed write records the plan and tells how long a writer lives.
    let started = Instant::now();
    assert!(set("A1", "warm-up").status().unwrap().success());
    let lifetime = started.elapsed();
    let items: Vec<String> = show(&ws, &case)["items"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|i| i["max_points"].as_f64().unwrap() >= 1.0)
        .map(|i| i["id"].as_str().unwrap().to_string())
        .collect();

    let seed = std::env::var("ANJUAN_CRASH_SEED")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or_else(|| {
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .unwrap()
                .as_nanos() as u64
                | 1
        });
    eprintln!("ANJUAN_CRASH_SEED={seed} (writer lifetime {lifetime:?})");
    let mut rng = XorShift(seed);
    let mut acknowledged = Vec::new();
    let mut killed = 0;
    for round in 0..ROUNDS {
        // Two writers on different items of the same file, racing for the journal.
        let mut children = Vec::new();
        for k in 0..2 {
            let item = &items[(round * 2 + k) % items.len()];
            let finding = format!("round {round} writer {k}");
            children.push((set(item, &finding).spawn().unwrap(), finding));
        }
        let window = lifetime.as_micros() as u64 * 3 / 2 + 1;
        std::thread::sleep(Duration::from_micros(rng.next() % window));
        for (mut child, finding) in children {
            if !rng.next().is_multiple_of(4) {
                let _ = child.kill();
            }
            let out = child.wait_with_output().unwrap();
            let stdout = String::from_utf8_lossy(&out.stdout);
            if stdout.contains("saved (journal event") {
                assert!(out.status.success() || out.status.code().is_none());
                acknowledged.push(finding);
            } else if out.status.code().is_none() {
                killed += 1;
            } else {
                let stderr = String::from_utf8_lossy(&out.stderr);
                panic!("writer failed without being killed: {stderr}");
            }
        }
    }
    eprintln!(
        "{} acknowledged, {killed} killed before acknowledging",
        acknowledged.len()
    );
    assert!(killed > 0, "no writer was killed: the kill window missed");
    assert!(!acknowledged.is_empty(), "no writer finished");

    // A last writer recovers whatever a kill left behind, then everything must be there.
    assert!(set("A2", "after the storm").status().unwrap().success());
    let journal = std::fs::read_to_string(ws.join("journal.jsonl")).unwrap();
    let findings: std::collections::HashSet<String> = journal
        .lines()
        .map(|l| serde_json::from_str::<serde_json::Value>(l).unwrap())
        .filter_map(|e| e["new"]["finding"].as_str().map(String::from))
        .collect();
    for f in &acknowledged {
        assert!(
            findings.contains(f),
            "acknowledged event lost: {f} (seed {seed})"
        );
    }
    anjuan().arg("verify").arg(&ws).assert().success();
}
