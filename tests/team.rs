//! The review team end to end with the real binary: three reviewers make their keys in their own
//! folders ("laptops"), the lead registers them, assigns at random with double review, exports
//! packages; each reviewer works in their package with their key; the lead merges, the checker
//! resolves the disagreements, and `verify` recomputes the assignment and every signature. Then
//! the ways a merge must refuse: forged, altered, reordered, replayed, unknown-key and
//! conflicting events, and merging twice.

mod common;

use anjuan::review::event::{Change, Event};
use anjuan::review::journal::{Journal, JOURNAL};
use common::*;
use std::path::{Path, PathBuf};

const REVIEWERS: [(&str, &str, &str); 3] = [
    ("R01", "王建华", "攸县市场监督管理局"),
    ("R02", "李晓红", "攸县交通运输局"),
    ("R03", "陈志强", "攸县司法局"),
];

struct Team {
    _tmp: tempfile::TempDir,
    root: PathBuf,
    ws: PathBuf,
}

impl Team {
    fn laptop(&self, id: &str) -> PathBuf {
        self.root.join(format!("laptop-{id}"))
    }
    fn key(&self, id: &str) -> PathBuf {
        self.laptop(id).join(format!("{id}.key"))
    }
    fn package(&self, id: &str) -> PathBuf {
        self.laptop(id).join("package")
    }
}

fn text(cmd: &mut assert_cmd::Command) -> (i32, String) {
    let out = cmd.output().unwrap();
    let s =
        String::from_utf8_lossy(&out.stdout).into_owned() + &String::from_utf8_lossy(&out.stderr);
    (out.status.code().unwrap_or(-1), s)
}

/// A drawn workspace, the roster, every key made on its owner's laptop and registered, and the
/// random double-review assignment.
fn team(per_file: usize) -> Team {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path().to_path_buf();
    // The roster is recorded before the draw; the keys may come later.
    let ws = committed_workspace(&root);
    let mut csv = String::from("编号,姓名,单位,角色\n");
    for (id, name, unit) in REVIEWERS {
        csv += &format!("{id},{name},{unit},评查人\n");
    }
    csv += "C01,刘芳,攸县自然资源局,复核人\n";
    std::fs::write(root.join("roster.csv"), csv).unwrap();
    anjuan()
        .args(["team", "roster"])
        .arg(&ws)
        .arg(root.join("roster.csv"))
        .assert()
        .success();
    draw(&ws);
    let t = Team {
        _tmp: tmp,
        root,
        ws,
    };
    for id in ["R01", "R02", "R03", "C01"] {
        anjuan()
            .args(["team", "keygen", "--reviewer", id, "--out"])
            .arg(t.laptop(id))
            .assert()
            .success();
        anjuan()
            .args(["team", "key"])
            .arg(&t.ws)
            .arg(t.laptop(id).join(format!("{id}.pub")))
            .assert()
            .success();
    }
    let mut assign = anjuan();
    assign.args(["team", "assign"]).arg(&t.ws);
    if per_file == 2 {
        assign.arg("--double");
    }
    assign.assert().success();
    for (id, _, _) in REVIEWERS {
        anjuan()
            .args(["team", "package"])
            .arg(&t.ws)
            .args(["--reviewer", id, "--out"])
            .arg(t.package(id))
            .assert()
            .success();
    }
    t
}

fn status(ws: &Path) -> serde_json::Value {
    json(
        anjuan()
            .args(["team", "status"])
            .arg(ws)
            .args(["--format", "json"]),
    )
}

/// The files assigned to both `a` and `b`.
fn shared(ws: &Path, a: &str, b: &str) -> Vec<String> {
    status(ws)["files"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| {
            let r: Vec<&str> = f["reviewers"]
                .as_array()
                .unwrap()
                .iter()
                .map(|x| x.as_str().unwrap())
                .collect();
            r.contains(&a) && r.contains(&b)
        })
        .map(|f| f["case"].as_str().unwrap().to_string())
        .collect()
}

fn item_ids(dir: &Path, case: &str) -> Vec<String> {
    let v = json(
        anjuan()
            .arg("review")
            .arg(dir)
            .args(["show", case, "--format", "json"]),
    );
    v["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["id"].as_str().unwrap().to_string())
        .collect()
}

/// The reviewer scores a whole file in their package (via the decisions import, as when a paper
/// sheet is typed up), deducting on `deduct` items, and finalizes it.
fn review_file(t: &Team, id: &str, case: &str, deduct: &[(&str, &str)]) {
    let pkg = t.package(id);
    let mut csv = String::from("case_id,item_id,decision,points,finding,reviewer\n");
    for item in item_ids(&pkg, case) {
        match deduct.iter().find(|(i, _)| *i == item) {
            Some((_, points)) => {
                csv += &format!("{case},{item},deduct,{points},{id} 认为文书不规范,{id}\n")
            }
            None => csv += &format!("{case},{item},pass,,,{id}\n"),
        }
    }
    let file = t
        .laptop(id)
        .join(format!("scores-{}.csv", item_ids(&pkg, case).len()));
    std::fs::write(&file, csv).unwrap();
    anjuan()
        .arg("review")
        .arg(&pkg)
        .arg("--key")
        .arg(t.key(id))
        .arg("import")
        .arg(&file)
        .assert()
        .success();
    anjuan()
        .arg("review")
        .arg(&pkg)
        .arg("--key")
        .arg(t.key(id))
        .args(["finalize", case, "--reviewer", id])
        .assert()
        .success();
}

fn merge(t: &Team, ids: &[&str]) -> (i32, String) {
    let mut cmd = anjuan();
    cmd.args(["team", "merge"]).arg(&t.ws);
    for id in ids {
        cmd.arg(t.package(id));
    }
    text(&mut cmd)
}

fn journal(ws: &Path) -> Vec<u8> {
    std::fs::read(ws.join(JOURNAL)).unwrap_or_default()
}

#[test]
fn three_reviewers_offline_then_merge_reconcile_and_verify() {
    let t = team(2);
    let st = status(&t.ws);
    assert_eq!(st["assignment"]["per_file"], 2);
    assert_eq!(st["assignment"]["balanced"], true);
    // 回避 and the unit rule hold in what was recorded.
    for f in st["files"].as_array().unwrap() {
        let agency = f["agency"].as_str().unwrap();
        let units: Vec<&str> = f["reviewers"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| {
                let r = r.as_str().unwrap();
                REVIEWERS.iter().find(|x| x.0 == r).unwrap().2
            })
            .collect();
        assert_eq!(units.len(), 2);
        assert!(!units.contains(&agency), "{f}");
        assert_ne!(units[0], units[1], "{f}");
    }

    // Package contents: only the reviewer's register rows; no raw registers.
    let pkg1 = t.package("R01");
    assert!(!pkg1.join("registers").exists());
    let rows = std::fs::read_to_string(pkg1.join("cases.jsonl")).unwrap();
    let pkg_files: serde_json::Value =
        serde_json::from_slice(&std::fs::read(pkg1.join("package.json")).unwrap()).unwrap();
    assert_eq!(
        rows.lines().count(),
        pkg_files["files"].as_array().unwrap().len()
    );

    // Without the key nothing is written in a package; with another reviewer's key neither.
    let case = shared(&t.ws, "R01", "R02")[0].clone();
    let (code, out) = text(anjuan().arg("review").arg(&pkg1).args([
        "set",
        &case,
        "A1",
        "--pass",
        "--reviewer",
        "R01",
    ]));
    assert_eq!(code, 2, "{out}");
    assert!(out.contains("--key"), "{out}");
    let (code, out) = text(
        anjuan()
            .arg("review")
            .arg(&pkg1)
            .arg("--key")
            .arg(t.key("R02"))
            .args(["set", &case, "A1", "--pass", "--reviewer", "R01"]),
    );
    assert_eq!(code, 2, "{out}");
    assert!(!pkg1.join(JOURNAL).exists());

    // R01 and R02 review the same file independently and disagree on A1; R03 does one of theirs.
    review_file(&t, "R01", &case, &[("A1", "2")]);
    review_file(&t, "R02", &case, &[]);
    let r3_case = shared(&t.ws, "R03", "R01")[0].clone();
    review_file(&t, "R03", &r3_case, &[]);

    let (code, out) = merge(&t, &["R01", "R02", "R03"]);
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("拒收 0 条"), "{out}");
    let merged_once = journal(&t.ws);
    // Merging again changes nothing.
    let (code, out) = merge(&t, &["R03", "R02", "R01"]);
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("新合并 0 条"), "{out}");
    assert_eq!(journal(&t.ws), merged_once);

    // The disagreement is listed; only the checker may resolve it, with a reason.
    let file = status(&t.ws)["files"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["case"] == case.as_str())
        .cloned()
        .unwrap();
    assert_eq!(file["disputes"], 1, "{file}");
    let (code, out) =
        text(
            anjuan()
                .arg("review")
                .arg(&t.ws)
                .args(["finalize", &case, "--reviewer", "C01"]),
        );
    assert_eq!(code, 2, "{out}");
    assert!(out.contains("A1"), "{out}");
    let (code, out) = text(anjuan().arg("review").arg(&t.ws).args([
        "resolve",
        &case,
        "A1",
        "--take",
        "R01",
        "--reason",
        "卷内决定书确未加盖印章",
        "--reviewer",
        "R02",
    ]));
    assert_eq!(code, 2, "{out}");
    anjuan()
        .arg("review")
        .arg(&t.ws)
        .args([
            "resolve",
            &case,
            "A1",
            "--take",
            "R01",
            "--reason",
            "卷内决定书确未加盖印章",
            "--reviewer",
            "C01",
        ])
        .assert()
        .success();
    let (code, out) =
        text(
            anjuan()
                .arg("review")
                .arg(&t.ws)
                .args(["finalize", &case, "--reviewer", "C01"]),
        );
    assert_eq!(code, 0, "{out}");
    assert!(
        out.contains("98"),
        "R01's deduction of 2 was adopted: {out}"
    );

    // verify recomputes the assignment and checks every signature.
    let (code, out) = text(anjuan().arg("verify").arg(&t.ws));
    assert_eq!(code, 0, "{out}");
    assert!(
        out.contains("anjuan-assign-v1") || out.contains("重算评查人分配"),
        "{out}"
    );
    assert!(out.contains("带签名"), "{out}");

    // The result sheet shows both reviewers and the resolution.
    let out_dir = t.root.join("out");
    anjuan()
        .arg("export")
        .arg(&t.ws)
        .arg("--out")
        .arg(&out_dir)
        .assert()
        .success();
    let sheets = std::fs::read_dir(&out_dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| {
            p.to_string_lossy().contains("评查表") && p.extension().is_some_and(|x| x == "csv")
        })
        .map(|p| std::fs::read_to_string(p).unwrap())
        .collect::<String>();
    assert!(
        sheets.contains("王建华") && sheets.contains("李晓红"),
        "both reviewers named"
    );
    assert!(
        sheets.contains("卷内决定书确未加盖印章"),
        "the resolution's reason is printed"
    );
    assert!(sheets.contains("刘芳"), "the checker is named");
}

#[test]
fn verify_catches_an_edited_assignment() {
    let t = team(1);
    anjuan()
        .args(["verify", "--quiet"])
        .arg(&t.ws)
        .assert()
        .success();
    let path = t.ws.join("assignments/0001.json");
    let mut v: serde_json::Value = serde_json::from_slice(&std::fs::read(&path).unwrap()).unwrap();
    let files = v["change"]["files"].as_array_mut().unwrap();
    let (a, b) = (files[0]["reviewers"].clone(), files[1]["reviewers"].clone());
    files[0]["reviewers"] = b;
    files[1]["reviewers"] = a;
    let bytes = serde_json::to_vec_pretty(&v).unwrap();
    std::fs::write(&path, &bytes).unwrap();
    let (code, out) = text(anjuan().args(["verify", "--quiet"]).arg(&t.ws));
    assert_eq!(code, 1, "{out}");
    // Even re-recorded in the ledger (a consistent ledger, the record accepted as current), the
    // assignment does not recompute.
    anjuan::workspace::ledger::append(
        &t.ws.join("ledger.jsonl"),
        "assignment",
        "assignments/0001.json",
        &anjuan::workspace::ledger::sha256_hex(&bytes),
        "2026-11-21T12:00:00+08:00",
    )
    .unwrap();
    let (code, out) = text(anjuan().args(["verify", "--quiet"]).arg(&t.ws));
    assert_eq!(code, 1, "{out}");
    assert!(out.contains("重算评查人分配不一致"), "{out}");
}

/// A lead who rewrites the whole journal (a consistent new chain) to change a reviewer's merged
/// decision is caught by the reviewer's signature.
#[test]
fn verify_catches_a_rewritten_signed_event() {
    let t = team(1);
    let case = first_case(&t, "R01");
    review_file(&t, "R01", &case, &[("A1", "2")]);
    assert_eq!(merge(&t, &["R01"]).0, 0);
    anjuan()
        .args(["verify", "--quiet"])
        .arg(&t.ws)
        .assert()
        .success();
    let mut events = Journal::read(&t.ws.join(JOURNAL)).unwrap().events;
    let k = events
        .iter()
        .position(|e| matches!(&e.change, Change::Set { new: Some(d), .. } if d.points.is_some()))
        .unwrap();
    if let Change::Set { new: Some(d), .. } = &mut events[k].change {
        d.finding = Some("（已改写）".into());
    }
    let fresh = t.root.join("rewritten.jsonl");
    Journal::read(&fresh).unwrap().append(events).unwrap();
    std::fs::rename(&fresh, t.ws.join(JOURNAL)).unwrap();
    let (code, out) = text(anjuan().args(["verify", "--quiet"]).arg(&t.ws));
    assert_eq!(code, 1, "{out}");
    assert!(
        out.contains(&format!("第 {} 行：签名验证失败", k + 1)),
        "{out}"
    );
}

#[test]
fn reassignment_is_checked_recorded_and_enforced() {
    let t = team(1);
    let st = status(&t.ws);
    let f = st["files"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["reviewers"][0] == "R01" && f["agency"] != "攸县交通运输局")
        .cloned()
        .unwrap();
    let case = f["case"].as_str().unwrap();
    // A reviewer cannot take a file of their own agency.
    let own = st["files"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["agency"] == "攸县交通运输局")
        .cloned()
        .unwrap();
    let from = own["reviewers"][0].as_str().unwrap();
    let (code, out) = text(anjuan().args(["team", "reassign"]).arg(&t.ws).args([
        own["case"].as_str().unwrap(),
        "--from",
        from,
        "--to",
        "R02",
        "--reason",
        "病假",
        "--by",
        "组长",
    ]));
    assert_eq!(code, 2, "{out}");
    assert!(out.contains("回避"), "{out}");
    anjuan()
        .args(["team", "reassign"])
        .arg(&t.ws)
        .args([
            case,
            "--from",
            "R01",
            "--to",
            "R03",
            "--reason",
            "R01 声明利益冲突",
            "--by",
            "组长",
        ])
        .assert()
        .success();
    let after = status(&t.ws);
    assert_eq!(
        after["assignment"]["moves"][0]["reason"],
        "R01 声明利益冲突"
    );
    let now: Vec<&str> = after["files"]
        .as_array()
        .unwrap()
        .iter()
        .find(|x| x["case"] == case)
        .unwrap()["reviewers"]
        .as_array()
        .unwrap()
        .iter()
        .map(|x| x.as_str().unwrap())
        .collect();
    assert_eq!(now, ["R03"]);
    // R01's package still holds the file, but R01 is no longer assigned it: the merge refuses.
    review_file(&t, "R01", case, &[]);
    let (code, out) = merge(&t, &["R01"]);
    assert_eq!(code, 1, "{out}");
    assert!(out.contains("未被分配"), "{out}");
    // The move is verified and the workspace still checks out.
    anjuan()
        .args(["verify", "--quiet"])
        .arg(&t.ws)
        .assert()
        .success();
}

/// Lines of the package journal, for editing.
fn lines(pkg: &Path) -> Vec<String> {
    std::fs::read_to_string(pkg.join(JOURNAL))
        .unwrap()
        .lines()
        .map(str::to_string)
        .collect()
}

fn write_lines(pkg: &Path, lines: &[String]) {
    std::fs::write(pkg.join(JOURNAL), lines.join("\n") + "\n").unwrap();
}

fn first_case(t: &Team, id: &str) -> String {
    let v: serde_json::Value =
        serde_json::from_slice(&std::fs::read(t.package(id).join("package.json")).unwrap())
            .unwrap();
    v["files"][0].as_str().unwrap().to_string()
}

#[test]
fn forged_and_altered_events_are_rejected_and_nothing_after_them_merges() {
    let t = team(1);
    let case = first_case(&t, "R01");
    review_file(&t, "R01", &case, &[("A1", "2")]);
    let pkg = t.package("R01");
    let mut l = lines(&pkg);
    let n = l.len();
    // Change the points of a deduction after it was signed (and the finding, to make it look
    // harmless): the signature no longer verifies and the next line's chain breaks.
    let k = l.iter().position(|x| x.contains("\"deduct\"")).unwrap();
    l[k] = l[k].replace("\"points\":2", "\"points\":1");
    write_lines(&pkg, &l);
    let before = journal(&t.ws);
    let (code, out) = merge(&t, &["R01"]);
    assert_eq!(code, 1, "{out}");
    assert!(out.contains("签名验证失败"), "{out}");
    assert!(out.contains(&format!("第 {} 行", k + 2)), "{out}");
    // Only the events before the altered one were merged.
    let merged = Journal::read(&t.ws.join(JOURNAL)).unwrap();
    assert_eq!(merged.events.len(), k, "{out}");
    assert!(journal(&t.ws).len() > before.len());
    assert!(n > k + 1);
}

#[test]
fn reordered_lines_and_replays_from_another_package_are_rejected() {
    let t = team(1);
    let c1 = first_case(&t, "R01");
    let c2 = first_case(&t, "R02");
    review_file(&t, "R01", &c1, &[]);
    review_file(&t, "R02", &c2, &[]);
    // Out of order: swap two of R02's lines.
    let p2 = t.package("R02");
    let mut l2 = lines(&p2);
    l2.swap(3, 4);
    write_lines(&p2, &l2);
    let (code, out) = merge(&t, &["R02"]);
    assert_eq!(code, 1, "{out}");
    let merged = Journal::read(&t.ws.join(JOURNAL)).unwrap();
    assert_eq!(
        merged.events.len(),
        3,
        "only the lines before the swap: {out}"
    );
    // Replay: R01's signed line copied into R03's package journal.
    let p1 = t.package("R01");
    let p3 = t.package("R03");
    write_lines(&p3, &lines(&p1)[..1]);
    let (code, out) = merge(&t, &["R03"]);
    assert_eq!(code, 1, "{out}");
    assert_eq!(
        Journal::read(&t.ws.join(JOURNAL)).unwrap().events.len(),
        3,
        "{out}"
    );
}

#[test]
fn unknown_keys_and_conflicting_copies_are_rejected() {
    let t = team(1);
    let case = first_case(&t, "R01");
    let pkg = t.package("R01");
    // A forked copy of the package: the reviewer works in both.
    let fork = t.laptop("R01").join("package-copy");
    copy_dir(&pkg, &fork);
    for (dir, verdict) in [(&pkg, "--pass"), (&fork, "--na")] {
        anjuan()
            .arg("review")
            .arg(dir)
            .arg("--key")
            .arg(t.key("R01"))
            .args(["set", &case, "A2", verdict, "--reviewer", "R01"])
            .assert()
            .success();
    }
    let (code, out) = merge(&t, &["R01"]);
    assert_eq!(code, 0, "{out}");
    let mut cmd = anjuan();
    cmd.args(["team", "merge"]).arg(&t.ws).arg(&fork);
    let (code, out) = text(&mut cmd);
    assert_eq!(code, 1, "the fork's change conflicts: {out}");
    assert!(out.contains("A2"), "{out}");

    // An event signed with a key nobody registered (a new key made on the side).
    let stranger = tempfile::tempdir().unwrap();
    anjuan()
        .args(["team", "keygen", "--reviewer", "R01", "--out"])
        .arg(stranger.path())
        .assert()
        .success();
    let (_, key) = anjuan::team::keys::read_secret(&stranger.path().join("R01.key")).unwrap();
    let digest =
        anjuan::workspace::ledger::sha256_hex(&std::fs::read(pkg.join("package.json")).unwrap());
    let mut j = Journal::read_rooted(&pkg.join(JOURNAL), &digest).unwrap();
    let template = j.events[0].clone();
    j.signer = Some(key);
    let e = Event {
        change: Change::Set {
            item: "A3".into(),
            old: None,
            new: Some(serde_json::from_str(r#"{"verdict":"pass"}"#).unwrap()),
        },
        signed: None,
        ..template
    };
    j.append(vec![e]).unwrap();
    let (code, out) = merge(&t, &["R01"]);
    assert_eq!(code, 1, "{out}");
    assert!(out.contains("未在名单中登记"), "{out}");
}

/// The checker resolves a disagreement in the TUI: the file view lists both reviewers'
/// decisions, `1` adopts the first one's after a reason is typed, and the journal records it.
#[test]
fn the_checker_resolves_in_the_tui() {
    use anjuan::i18n::Lang;
    use anjuan::tui::app::{App, Screen};
    use anjuan::tui::keymap::Action;
    let t = team(2);
    let case = shared(&t.ws, "R01", "R02")[0].clone();
    review_file(&t, "R01", &case, &[("A1", "2")]);
    review_file(&t, "R02", &case, &[("A1", "1")]);
    assert_eq!(merge(&t, &["R01", "R02"]).0, 0);

    // A reviewer sees only their own files; the checker the double reviews.
    let r3 = App::open(&t.ws, Some("R03".into()), Lang::Zh).unwrap();
    let r = r3.review.as_ref().unwrap();
    assert!(r3
        .desk_rows()
        .iter()
        .all(|&i| r.assigned(r.files[i].id()).iter().any(|x| x == "R03")));
    assert!(!r3.desk_rows().is_empty());

    let mut app = App::open(&t.ws, Some("C01".into()), Lang::Zh).unwrap();
    let r = app.review.as_ref().unwrap();
    let file = r.file_index(&case).unwrap();
    let item = r.checklist_of(file).unwrap().item_index("A1").unwrap();
    assert_eq!(r.disputes(file).len(), 1);
    app.screen = Screen::File;
    app.file = file;
    app.item = item;
    let backend = ratatui::backend::TestBackend::new(120, 40);
    let mut term = ratatui::Terminal::new(backend).unwrap();
    term.draw(|f| anjuan::tui::view::render(&app, f)).unwrap();
    let screen: String = term
        .backend()
        .buffer()
        .content()
        .iter()
        .map(|c| c.symbol())
        .collect::<String>()
        .replace(' ', "");
    assert!(screen.contains("分歧1项，待裁定1项"), "{screen}");
    assert!(
        screen.contains("王建华") && screen.contains("李晓红"),
        "{screen}"
    );

    app.update(Action::TakeFirst);
    app.handle_paste("两名评查人均认定未盖章，按较重情形扣分");
    app.update(Action::Enter);
    let r = app.review.as_ref().unwrap();
    let d = &r.disputes(file)[0];
    let res = d.resolution.as_ref().expect("resolved");
    assert_eq!(res.by, "C01");
    assert_eq!(res.reason, "两名评查人均认定未盖章，按较重情形扣分");
    assert_eq!(res.decision, d.sides[0].1);
    let last = Journal::read(&t.ws.join(JOURNAL))
        .unwrap()
        .events
        .pop()
        .unwrap();
    assert!(matches!(last.change, Change::Resolve { .. }), "{last:?}");
}

/// A reviewer works in their package with the TUI: only their files are on the desk, a decision
/// goes on their own sheet of a double-reviewed file, and the saved line is signed.
#[test]
fn the_reviewer_works_in_the_package_with_the_tui() {
    use anjuan::i18n::Lang;
    use anjuan::tui::app::{App, Screen};
    use anjuan::tui::keymap::Action;
    let t = team(2);
    let pkg = t.package("R02");
    let mut app = App::open(&pkg, Some("R02".into()), Lang::Zh).unwrap();
    let (_, key) = anjuan::team::keys::read_secret(&t.key("R02")).unwrap();
    app.use_key(key).unwrap();
    let r = app.review.as_ref().unwrap();
    let rows = app.desk_rows();
    let manifest: serde_json::Value =
        serde_json::from_slice(&std::fs::read(pkg.join("package.json")).unwrap()).unwrap();
    assert_eq!(rows.len(), manifest["files"].as_array().unwrap().len());
    app.screen = Screen::File;
    app.file = rows[0];
    app.item = r.checklist_of(rows[0]).unwrap().item_index("A1").unwrap();
    app.update(Action::Pass);
    let digest =
        anjuan::workspace::ledger::sha256_hex(&std::fs::read(pkg.join("package.json")).unwrap());
    let j = Journal::read_rooted(&pkg.join(JOURNAL), &digest).unwrap();
    assert!(j.breaks.is_empty());
    let e = &j.events[0];
    assert_eq!(e.lane.as_deref(), Some("R02"));
    assert!(anjuan::review::journal::signature_valid(e));
    let r = app.review.as_ref().unwrap();
    assert_eq!(
        r.sheet_of(rows[0], "R02")
            .decisions
            .iter()
            .flatten()
            .count(),
        1
    );
    assert_eq!(r.states[rows[0]].decisions.iter().flatten().count(), 0);
}

/// A roster recorded only after the seed is known cannot be used for the random assignment:
/// otherwise rosters could be tried until the assignment suits.
#[test]
fn the_roster_must_predate_the_draw() {
    let tmp = tempfile::tempdir().unwrap();
    let ws = drawn_workspace(tmp.path());
    let csv = tmp.path().join("roster.csv");
    std::fs::write(&csv, "姓名,单位\n甲,攸县司法局\n乙,攸县自然资源局\n").unwrap();
    anjuan()
        .args(["team", "roster"])
        .arg(&ws)
        .arg(&csv)
        .assert()
        .success();
    let (code, out) = text(anjuan().args(["team", "assign"]).arg(&ws));
    assert_eq!(code, 2, "{out}");
    assert!(out.contains("抽取之前"), "{out}");
    assert!(!ws.join("assignments").exists());
}

/// On a single-review file a reviewer has no "own sheet": an event crafted with one (signed with
/// the right key) is refused at merge, so it cannot turn the file into a double review.
#[test]
fn own_sheet_events_on_single_review_files_are_refused() {
    let t = team(1);
    let case = first_case(&t, "R01");
    let pkg = t.package("R01");
    anjuan()
        .arg("review")
        .arg(&pkg)
        .arg("--key")
        .arg(t.key("R01"))
        .args(["set", &case, "A1", "--pass", "--reviewer", "R01"])
        .assert()
        .success();
    let digest =
        anjuan::workspace::ledger::sha256_hex(&std::fs::read(pkg.join("package.json")).unwrap());
    let mut j = Journal::read_rooted(&pkg.join(JOURNAL), &digest).unwrap();
    let template = j.events[0].clone();
    j.signer = Some(anjuan::team::keys::read_secret(&t.key("R01")).unwrap().1);
    j.append(vec![Event {
        lane: Some("R01".into()),
        change: Change::Set {
            item: "A2".into(),
            old: None,
            new: Some(serde_json::from_str(r#"{"verdict":"pass"}"#).unwrap()),
        },
        signed: None,
        ..template
    }])
    .unwrap();
    let (code, out) = merge(&t, &["R01"]);
    assert_eq!(code, 1, "{out}");
    assert!(out.contains("不是双人评查"), "{out}");
    assert_eq!(Journal::read(&t.ws.join(JOURNAL)).unwrap().events.len(), 1);
}

/// Rectification is the office's: a reviewer package lists what it holds but takes no step.
#[test]
fn a_reviewer_package_takes_no_rectification_step() {
    let t = team(1);
    let pkg = t.package("R01");
    anjuan()
        .arg("rectify")
        .arg(&pkg)
        .args(["list", "--format", "json"])
        .assert()
        .success();
    anjuan()
        .arg("rectify")
        .arg(&pkg)
        .args(["refer", "Z0001", "--reason", "x", "--by", "张三"])
        .assert()
        .code(2)
        .stderr(predicates::str::contains("评查包"));
    assert!(!pkg.join("rectification.jsonl").exists());
}
