//! End to end through a real terminal: the `anjuan tui` binary runs in a pseudo-terminal, keys
//! are typed into it as bytes and the screen is read back through a VT100 emulator. Nothing here
//! calls the TUI's code directly; what is checked is what a user would see, and afterwards what
//! the other commands (`verify`, `review show`) find on disk.

mod common;
#[path = "common/pty.rs"]
mod pty;

use common::{anjuan, drawn_workspace, repo, show};
use pty::{Pty, Spawn, COLS, ROWS};
use std::ffi::OsStr;
use std::path::Path;

const ENTER: &str = "\r";
const TAB: &str = "\t";
const BACKSPACE: &str = "\x7f";
const UP: &str = "\x1b[A";

/// The binary in a pseudo-terminal (the shared driver), with this file's own waits.
struct Tui(Pty);

impl std::ops::Deref for Tui {
    type Target = Pty;
    fn deref(&self) -> &Pty {
        &self.0
    }
}

impl std::ops::DerefMut for Tui {
    fn deref_mut(&mut self) -> &mut Pty {
        &mut self.0
    }
}

impl Tui {
    fn spawn<S: AsRef<OsStr>>(args: &[S]) -> Tui {
        let bin = pty::anjuan_bin();
        Tui(Pty::spawn_with(Spawn::new(&bin, args), ()))
    }

    /// How many cells are painted with a background colour (the large glyphs are made of them).
    fn painted_cells(&self) -> usize {
        self.with_screen(|screen| {
            (0..ROWS)
                .flat_map(|r| (0..COLS).map(move |c| (r, c)))
                .filter(|&(r, c)| {
                    screen
                        .cell(r, c)
                        .is_some_and(|cell| cell.bgcolor() == vt100::Color::Idx(3))
                })
                .count()
        })
    }

    /// Wait for the status bar to report journal event `seq` as saved.
    #[track_caller]
    fn wait_saved(&self, seq: u64) -> String {
        self.wait_status(&format!(" saved #{seq} "))
    }
}

fn tui(ws: &Path, extra: &[&str]) -> Tui {
    let mut args: Vec<&OsStr> = vec![
        OsStr::new("--lang"),
        OsStr::new("en"),
        OsStr::new("tui"),
        ws.as_os_str(),
    ];
    args.extend(extra.iter().map(OsStr::new));
    Tui::spawn(&args)
}

/// The items of a file as `review show` reports them: (id, veto, decision).
fn items(ws: &Path, case: &str) -> Vec<(String, bool, serde_json::Value)> {
    show(ws, case)["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| {
            (
                i["id"].as_str().unwrap().to_string(),
                i["veto"].as_bool().unwrap(),
                i["decision"].clone(),
            )
        })
        .collect()
}

fn decision<'a>(items: &'a [(String, bool, serde_json::Value)], id: &str) -> &'a serde_json::Value {
    &items
        .iter()
        .find(|(i, _, _)| i == id)
        .unwrap_or_else(|| panic!("no item {id}"))
        .2
}

/// Filter the review desk down to `case`; returns the screen.
fn filter_desk(t: &mut Tui, case: &str) -> String {
    t.wait_for("Review desk");
    t.send("/");
    t.wait_for("Contains:");
    t.send(case);
    t.wait_for(&format!("Contains: {case}"));
    t.send(ENTER);
    t.wait_for(&format!("filter: {case} (Esc clears)"))
}

/// Open `case` from the review desk through the filter.
fn open_from_desk(t: &mut Tui, case: &str) {
    filter_desk(t, case);
    t.send(ENTER);
}

/// Whether the row of item `id` in an open file (without the frame's border) contains `text`.
fn item_shows(screen: &str, id: &str, text: &str) -> bool {
    screen
        .lines()
        .map(|l| l.trim_start_matches('│'))
        .any(|l| l.starts_with(&format!("{id} ")) && l.contains(text))
}

#[test]
fn the_whole_ceremony_from_a_fresh_workspace() {
    let tmp = tempfile::tempdir().unwrap();
    let ws = tmp.path().join("ws");
    anjuan()
        .arg("init")
        .arg(&ws)
        .arg("--register")
        .arg(repo("samples/county-register.csv"))
        .assert()
        .success();
    let out = anjuan()
        .args(["--lang", "en", "commit"])
        .arg(&ws)
        .args(["--n", "100", "--min-per-stratum", "1", "--alternates", "2"])
        .assert()
        .success();
    let stdout = String::from_utf8_lossy(&out.get_output().stdout).into_owned();
    let digest = stdout
        .split_whitespace()
        .find(|w| w.len() == 64 && w.chars().all(|c| c.is_ascii_hexdigit()))
        .unwrap_or_else(|| panic!("no digest in the commit output:\n{stdout}"))
        .to_string();
    // The TUI reads it out in groups of eight.
    let grouped = digest
        .as_bytes()
        .chunks(8)
        .map(|c| std::str::from_utf8(c).unwrap())
        .collect::<Vec<_>>()
        .join(" ");

    let mut t = tui(&ws, &["--reviewer", "Tester"]);
    t.wait_all(&["Draw ceremony", "Pre-seed commitment no. 1", &grouped]);
    assert_eq!(t.painted_cells(), 0);
    // Presentation mode paints the digest in large yellow glyphs, and back.
    t.send("z");
    t.wait_for("Pre-seed commitment no. 1 digest");
    t.wait_until("the digest in large glyphs", |_| t.painted_cells() > 64 * 5);
    t.send("z");
    t.wait_for(&grouped);
    t.wait_until("the large glyphs to go", |_| t.painted_cells() == 0);
    // Without a draw there is no desk to switch to.
    t.send(TAB);
    t.send(ENTER);
    t.wait_for("Draw ceremony | witnesses");
    // An empty line with no witness yet is refused.
    t.send(ENTER);
    t.wait_for("A witness is needed");
    // Any key closes a message, and is not typed.
    t.send("x");
    t.wait_gone("A witness is needed");

    t.send("Wang Wu/County discipline office");
    t.wait_for("NAME/UNIT: Wang Wu/County discipline office");
    t.send(ENTER);
    t.wait_for("1. Wang Wu / County discipline office");
    t.send(ENTER);
    t.wait_for("Draw ceremony | the seed from the dice");
    t.wait_for("0 digits entered / at least 20");

    let seed19 = "0877247329699189754";
    t.send(seed19);
    t.wait_until("19 digits, not yet ready", |s| {
        s.contains("19 digits entered / at least 20") && !s.contains("press Enter to confirm")
    });
    // Letters are not digits.
    t.send("ab");
    t.send(ENTER);
    t.wait_all(&[
        "Not enough digits",
        "19 digits entered; at least 20 are needed.",
    ]);
    // Any key closes it; a digit pressed to close it is not part of the seed.
    t.send("7");
    t.wait_gone("Not enough digits");
    t.wait_for("19 digits entered / at least 20");

    t.send(BACKSPACE);
    t.wait_for("18 digits entered / at least 20");
    t.send("40");
    let seed = "08772473296991897540";
    t.wait_for("20 digits entered / at least 20  - press Enter to confirm");
    t.send(ENTER);
    t.wait_all(&["Confirm the seed", &format!("Seed {seed} (20 digits)")]);
    t.send("y");
    t.wait_all(&[
        "Draw record no. 1 digest:",
        &format!("seed {seed} | drawn at"),
        "witnesses: Wang Wu/County discipline office",
    ]);
    t.wait_status(" draw saved ");
    // Now there is a desk.
    t.send(TAB);
    t.wait_for("Review desk | reviewer Tester | ");
    t.send(TAB);
    t.wait_for("Draw record no. 1 digest:");
    t.send("q");
    assert!(t.wait_exit().success());

    let record = std::fs::read_to_string(ws.join("draws/0001.json")).expect("draws/0001.json");
    let v: serde_json::Value = serde_json::from_str(&record).unwrap();
    assert_eq!(v["seed"], seed, "{record}");
    assert_eq!(v["witnesses"][0]["name"], "Wang Wu", "{record}");
    assert_eq!(
        v["witnesses"][0]["unit"], "County discipline office",
        "{record}"
    );
    assert!(!v["selected"].as_array().unwrap().is_empty(), "{record}");
    anjuan().arg("verify").arg(&ws).assert().success();
}

#[test]
fn scoring_a_licensing_file_to_finalization() {
    let tmp = tempfile::tempdir().unwrap();
    let ws = drawn_workspace(tmp.path());
    let case = common::case_of_type(&ws, "行政许可");
    let ids: Vec<String> = items(&ws, &case).into_iter().map(|(id, _, _)| id).collect();
    assert_eq!(ids.len(), 23, "the xzxk checklist changed: {ids:?}");

    let mut t = tui(&ws, &["--reviewer", "Tester"]);
    // With a draw the desk comes first.
    t.wait_for("Review desk | reviewer Tester | ");
    // Help lists the desk's keys; any key closes it.
    t.send("?");
    t.wait_all(&["Keys (any key closes)", "filter (case id, agency, type)"]);
    t.send("x");
    t.wait_gone("Keys (any key closes)");
    open_from_desk(&mut t, &case);
    t.wait_for(&format!("File {case} | "));
    t.wait_for("decided 0/23 | score 100/100");

    let finding = "Decision lacks the seal 印章";
    let mut seq = 0;
    for (k, id) in ids.iter().enumerate() {
        if k > 0 {
            t.send("j");
        }
        if id == "A1" {
            // Veto items cannot be deducted; A1 is worth 2 in steps of 1: deduct 2.
            t.send("d");
            t.wait_for("Deduct A1");
            t.wait_for("deduct 1 (Up/Down by 1, at most 2)");
            t.send(UP);
            t.wait_for("deduct 2 (Up/Down by 1, at most 2)");
            t.send(finding);
            t.wait_for(&format!("Finding: {finding}"));
            t.send(ENTER);
        } else {
            t.send("p");
        }
        seq += 1;
        t.wait_saved(seq);
    }
    t.wait_until("a complete score of 98", |s| {
        s.contains("decided 23/23 | score 98/100 | grade excellent") && !s.contains("provisional")
    });
    // A veto item refuses a deduction.
    t.send("g");
    t.send("d");
    t.wait_for("Cannot deduct");
    t.send("n");
    t.wait_gone("Cannot deduct");

    t.send("F");
    t.wait_all(&["Finalize? y / n", "Score 98,", "grade excellent"]);
    t.send("y");
    t.wait_saved(seq + 1);
    t.wait_for("finalized | decided 23/23 | score 98/100");
    t.send("h");
    t.wait_for("Review desk | reviewer Tester | 1 files, 1 finalized");
    t.send("q");
    assert!(t.wait_exit().success());

    let s = show(&ws, &case);
    assert_eq!(s["status"], "finalized", "{s:#}");
    assert_eq!(s["score"]["points"], 98);
    assert_eq!(s["reviewers"], serde_json::json!(["Tester"]));
    let all = items(&ws, &case);
    for (id, _, d) in &all {
        if id == "A1" {
            assert_eq!(d["verdict"], "deduct");
            assert_eq!(d["points"], 2);
            assert_eq!(d["finding"], finding);
        } else {
            assert_eq!(d["verdict"], "pass", "{id}: {d}");
        }
    }
    anjuan().arg("verify").arg(&ws).assert().success();
}

#[test]
fn killed_mid_review_nothing_saved_is_lost() {
    let tmp = tempfile::tempdir().unwrap();
    let ws = drawn_workspace(tmp.path());
    let case = common::case_of_type(&ws, "行政检查");
    let all = items(&ws, &case);
    let veto = all.iter().position(|(_, v, _)| *v).expect("a veto item");
    let scored = all.iter().position(|(_, v, _)| !*v).expect("a scored item");
    assert!(
        veto < 2 && scored > 3,
        "the xzjc checklist changed: {:?}",
        all.iter().map(|i| &i.0).collect::<Vec<_>>()
    );
    let id = |k: usize| all[k].0.clone();

    // No --reviewer: the desk asks before a file opens.
    let mut t = tui(&ws, &[]);
    t.wait_for("Review desk | reviewer (not set)");
    open_from_desk(&mut t, &case);
    t.wait_for("Your name:");
    t.send("李四");
    t.wait_for("Your name: 李四");
    t.send(ENTER);
    t.wait_for(&format!("File {case} | "));

    // Item 0: pass. Item 1: n/a. Item 2: veto with a finding. The first scored item: a
    // deduction in Chinese, then its finding edited.
    t.send("p");
    t.wait_saved(1);
    t.send("jn");
    t.wait_saved(2);
    t.send("jv");
    t.wait_for(&format!("Veto {}", id(2)));
    t.send("无执法资格");
    t.send(ENTER);
    t.wait_saved(3);
    t.wait_for("finding: 无执法资格");
    t.send("g");
    t.send(&"j".repeat(scored));
    t.send("d");
    t.wait_for(&format!("Deduct {}", id(scored)));
    t.send("未加盖印章");
    t.send(ENTER);
    t.wait_saved(4);
    t.send("e");
    t.wait_for(&format!("Edit the finding of {}", id(scored)));
    t.send(BACKSPACE);
    t.send(BACKSPACE);
    t.send("公章");
    t.wait_for("Finding: 未加盖公章");
    t.send(ENTER);
    t.wait_saved(5);
    t.wait_all(&["finding: 未加盖公章", "decided 4/"]);
    // Something typed but not saved, then the window is closed.
    t.send("jd");
    t.wait_for(&format!("Deduct {}", id(scored + 1)));
    t.send("not saved");
    t.wait_for("Finding: not saved");
    t.kill();

    anjuan().arg("verify").arg(&ws).assert().success();
    let after = items(&ws, &case);
    assert_eq!(decision(&after, &id(0))["verdict"], "pass");
    assert_eq!(decision(&after, &id(1))["verdict"], "na");
    assert_eq!(decision(&after, &id(2))["verdict"], "veto");
    assert_eq!(decision(&after, &id(2))["finding"], "无执法资格");
    let d = decision(&after, &id(scored));
    assert_eq!(d["verdict"], "deduct");
    assert_eq!(d["finding"], "未加盖公章");
    assert!(decision(&after, &id(scored + 1)).is_null());
    let decided = after.iter().filter(|(_, _, d)| !d.is_null()).count();
    assert_eq!(decided, 4);
    let s = show(&ws, &case);
    assert_eq!(s["status"], "in_progress");
    assert_eq!(s["reviewers"], serde_json::json!(["李四"]));

    // Open it again: the desk and the file show the same.
    let mut t = tui(&ws, &["--reviewer", "李四"]);
    t.wait_for("Review desk | reviewer 李四");
    filter_desk(&mut t, &case);
    t.wait_until("the file in progress, failed, on the desk", |s| {
        s.lines().any(|l| {
            l.contains(&case)
                && l.contains("in progress")
                && l.contains(" 0 ")
                && l.contains("fail")
        })
    });
    t.send(ENTER);
    t.wait_all(&[
        &format!("File {case} | "),
        // A veto fails the file.
        "in progress | decided 4/",
        "score 0/",
        "grade fail",
        "finding: 无执法资格",
    ]);
    for (k, label) in [(0, "[pass]"), (1, "[n/a]"), (2, "[veto]"), (3, "[-]")] {
        t.wait_until(&format!("{} {label}", id(k)), |s| {
            item_shows(s, &id(k), label)
        });
    }
    // Scroll to the deduction.
    t.send(&"j".repeat(scored));
    t.wait_until(&format!("{} deducted", id(scored)), |s| {
        item_shows(s, &id(scored), "[deduct ") && s.contains("finding: 未加盖公章")
    });
    // The finding typed but never saved is gone with the killed process.
    t.wait_until(&format!("{} undecided", id(scored + 1)), |s| {
        item_shows(s, &id(scored + 1), "[-]") && !s.contains("not saved")
    });
    t.esc();
    t.wait_for("Review desk");
    t.send("q");
    assert!(t.wait_exit().success());
}
