//! The rectification loop end to end through the real binary, from the fixed demo campaign:
//! every deducted or vetoed item of a finalized file is an item exactly once; plan → report →
//! close, and the steps the rules refuse; overdue until closed; `verify` names an edited, removed
//! or forged line of `rectification.jsonl`; the re-check draw is the same for the same seed and
//! recomputed by `verify`; last year's unfinished items carried into a new campaign.

mod common;
use common::*;
use predicates::str::contains;
use sha2::{Digest, Sha256};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

fn demo(dir: &Path) -> PathBuf {
    let ws = dir.join("demo");
    anjuan()
        .args(["demo", "--build"])
        .arg(&ws)
        .assert()
        .success();
    ws
}

fn rectify(ws: &Path, args: &[&str]) -> assert_cmd::assert::Assert {
    anjuan().arg("rectify").arg(ws).args(args).assert()
}

fn items(ws: &Path, extra: &[&str]) -> Vec<serde_json::Value> {
    let v = json(
        anjuan()
            .arg("rectify")
            .arg(ws)
            .args(["list", "--format", "json"])
            .args(extra),
    );
    v["items"].as_array().unwrap().clone()
}

fn item(ws: &Path, id: &str) -> serde_json::Value {
    items(ws, &[])
        .into_iter()
        .find(|i| i["id"] == id)
        .unwrap_or_else(|| panic!("{id} listed"))
}

fn record(ws: &Path) -> Vec<String> {
    std::fs::read_to_string(ws.join("rectification.jsonl"))
        .unwrap()
        .lines()
        .map(String::from)
        .collect()
}

/// Rewrite the record with `lines`, every `prev` chained again, as a forger would.
fn rechain(ws: &Path, lines: &[String]) {
    let mut prev = "0".repeat(64);
    let mut out = String::new();
    for l in lines {
        let mut v: serde_json::Value = serde_json::from_str(l).unwrap();
        v["prev"] = serde_json::Value::String(prev.clone());
        // serde_json keeps the keys in their order (preserve_order is not needed: the
        // fields are written back where they were).
        let line = reorder(&v, l);
        prev = format!("{:x}", Sha256::digest(line.as_bytes()));
        out.push_str(&line);
        out.push('\n');
    }
    std::fs::write(ws.join("rectification.jsonl"), out).unwrap();
}

/// `v` written with the keys in the order they have in `original`.
fn reorder(v: &serde_json::Value, original: &str) -> String {
    let map = v.as_object().unwrap();
    let mut keys: Vec<(usize, &String)> = map
        .keys()
        .map(|k| (original.find(&format!("\"{k}\":")).unwrap(), k))
        .collect();
    keys.sort();
    let body: Vec<String> = keys
        .iter()
        .map(|(_, k)| format!("{}:{}", serde_json::to_string(k).unwrap(), map[*k]))
        .collect();
    format!("{{{}}}", body.join(","))
}

fn verify(ws: &Path) -> (bool, String) {
    let out = anjuan().arg("verify").arg(ws).output().unwrap();
    (
        out.status.success(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
    )
}

/// Plan, report done by the agency, close by the office.
fn close_one(ws: &Path, id: &str) {
    rectify(
        ws,
        &["plan", id, "--leader", "刘副局长", "--owner", "法制股 陈某"],
    )
    .failure();
    rectify(
        ws,
        &[
            "plan",
            id,
            "--leader",
            "刘副局长",
            "--owner",
            "法制股 陈某",
            "--measure",
            "补正文书，开展培训",
            "--by",
            "陈某",
        ],
    )
    .success();
    rectify(
        ws,
        &[
            "report",
            id,
            "--progress",
            "已补正",
            "--done",
            "--by",
            "陈某",
        ],
    )
    .success();
    rectify(ws, &["close", id, "--opinion", "核实到位", "--by", "王五"]).success();
}

#[test]
fn every_finding_is_one_item_and_plan_report_close_runs() {
    let dir = tempfile::tempdir().unwrap();
    let ws = demo(dir.path());
    // What the review says, read independently of the rectification stage.
    let review = anjuan::review::Review::open(&ws).unwrap();
    let mut want = BTreeMap::new();
    for (i, f) in review.files.iter().enumerate() {
        let st = &review.states[i];
        if !st.is_finalized() {
            continue;
        }
        let c = review.checklist_of(i).unwrap();
        for (it, d) in c.items.iter().zip(&st.decisions) {
            let v = d.as_ref().unwrap().verdict;
            if matches!(
                v,
                anjuan::review::decision::Verdict::Deduct | anjuan::review::decision::Verdict::Veto
            ) {
                *want.entry((f.id().to_string(), it.id.clone())).or_insert(0) += 1;
            }
        }
    }
    let listed = items(&ws, &[]);
    let mut got = BTreeMap::new();
    for i in &listed {
        for key in [
            "id", "agency", "case_id", "item", "category", "status", "deadline", "overdue",
        ] {
            assert!(i.get(key).is_some(), "{key} in {i}");
        }
        assert_eq!(i["status"], "open");
        *got.entry((
            i["case_id"].as_str().unwrap().to_string(),
            i["item"].as_str().unwrap().to_string(),
        ))
        .or_insert(0) += 1;
    }
    assert!(want.len() > 100, "the demo has findings");
    assert_eq!(got, want, "every finding exactly once");
    let ids: Vec<&str> = listed.iter().map(|i| i["id"].as_str().unwrap()).collect();
    assert_eq!(ids[0], "Z0001");
    assert_eq!(
        ids.len(),
        ids.iter().collect::<std::collections::BTreeSet<_>>().len()
    );

    // Impossible steps say what to do, and write nothing.
    rectify(
        &ws,
        &["close", "Z0001", "--opinion", "到位", "--by", "王五"],
    )
    .code(2)
    .stderr(contains("rectify report --done"));
    rectify(&ws, &["report", "Z0001", "--progress", "x", "--by", "陈某"])
        .code(2)
        .stderr(contains("rectify plan Z0001"));
    rectify(
        &ws,
        &[
            "plan",
            "Z9999",
            "--leader",
            "a",
            "--owner",
            "b",
            "--measure",
            "c",
            "--by",
            "d",
        ],
    )
    .code(2)
    .stderr(contains("rectify WS list"));
    rectify(
        &ws,
        &[
            "plan",
            "Z0001",
            "--leader",
            "a",
            "--owner",
            "b",
            "--measure",
            "c",
            "--deadline",
            "2026-01-01",
            "--by",
            "d",
        ],
    )
    .code(2)
    .stderr(contains("2026-03-16"));
    assert!(!ws.join("rectification.jsonl").exists(), "nothing written");

    // A deadline in the past: overdue until closed.
    rectify(
        &ws,
        &[
            "plan",
            "Z0001",
            "--leader",
            "刘副局长",
            "--owner",
            "陈某",
            "--measure",
            "补正",
            "--deadline",
            "2026-04-30",
            "--by",
            "陈某",
        ],
    )
    .success()
    .stdout(contains("整改中"));
    assert_eq!(item(&ws, "Z0001")["overdue"], true);
    let overdue = items(&ws, &["--overdue"]);
    assert_eq!(overdue.len(), 1);
    assert_eq!(items(&ws, &["--overdue", "--as-of", "2026-04-30"]).len(), 0);
    let evidence = dir.path().join("整改报告.pdf");
    std::fs::write(&evidence, b"%PDF-1.4 rectification report").unwrap();
    rectify(
        &ws,
        &[
            "report",
            "Z0001",
            "--progress",
            "已补正并培训",
            "--evidence",
        ],
    )
    .failure();
    rectify(
        &ws,
        &[
            "report",
            "Z0001",
            "--progress",
            "已补正并培训",
            "--evidence",
            evidence.to_str().unwrap(),
            "--done",
            "--by",
            "陈某",
        ],
    )
    .success();
    let z1 = item(&ws, "Z0001");
    assert_eq!(z1["status"], "submitted");
    let stored = z1["reports"][0]["evidence"][0]["file"].as_str().unwrap();
    assert_eq!(
        std::fs::read(ws.join(stored)).unwrap(),
        std::fs::read(&evidence).unwrap()
    );
    // An evidence copy altered in the workspace is named by verify.
    std::fs::write(ws.join(stored), b"%PDF-1.4 something else").unwrap();
    let (ok, out) = verify(&ws);
    assert!(!ok);
    assert!(out.contains("整改报告.pdf 缺失或被改动"), "{out}");
    std::fs::write(ws.join(stored), std::fs::read(&evidence).unwrap()).unwrap();
    // The reporter may not close it; someone else may.
    rectify(
        &ws,
        &["close", "Z0001", "--opinion", "到位", "--by", "陈某"],
    )
    .code(2)
    .stderr(contains("另一人"));
    rectify(
        &ws,
        &["return", "Z0001", "--reason", "佐证不足", "--by", "王五"],
    )
    .success();
    assert_eq!(item(&ws, "Z0001")["status"], "returned");
    rectify(
        &ws,
        &[
            "report",
            "Z0001",
            "--progress",
            "补充佐证",
            "--done",
            "--by",
            "陈某",
        ],
    )
    .success();
    rectify(
        &ws,
        &["close", "Z0001", "--opinion", "核实到位", "--by", "王五"],
    )
    .success();
    let z1 = item(&ws, "Z0001");
    assert_eq!(z1["status"], "closed");
    assert_eq!(z1["overdue"], false, "closed: no longer overdue");
    rectify(
        &ws,
        &["refer", "Z0002", "--reason", "虚与应付", "--by", "王五"],
    )
    .success();
    assert_eq!(
        item(&ws, "Z0002")["status"],
        "open",
        "a referred item stays open"
    );
    assert_eq!(item(&ws, "Z0002")["referral"]["to"], "监督问责组");
    let (ok, out) = verify(&ws);
    assert!(ok, "{out}");
    assert!(out.contains("整改记录哈希链完整（6 个事件"), "{out}");

    // Printing: the ledger, the progress table and the referral list come from the record, and
    // verify --export rebuilds them even after more steps.
    let out_dir = dir.path().join("out");
    anjuan()
        .arg("export")
        .arg(&ws)
        .arg("--out")
        .arg(&out_dir)
        .assert()
        .success();
    let ledger = std::fs::read_to_string(out_dir.join("整改台账.csv")).unwrap();
    let row = ledger.lines().find(|l| l.contains(",Z0001,")).unwrap();
    assert!(
        row.contains("已销号") && row.contains("王五") && row.contains("刘副局长"),
        "{row}"
    );
    let referrals = std::fs::read_to_string(out_dir.join("问责线索移交清单.csv")).unwrap();
    assert!(referrals.contains("Z0002") && referrals.contains("虚与应付"));
    let stats = std::fs::read_to_string(out_dir.join("统计表.csv")).unwrap();
    let total_row = stats.lines().find(|l| l.starts_with("合计")).unwrap();
    assert!(
        total_row.starts_with(&format!("合计,{},1,", listed.len())),
        "整改问题数: {total_row}"
    );
    let progress = std::fs::read_to_string(out_dir.join("整改进度汇总表.csv")).unwrap();
    let total = progress.lines().find(|l| l.starts_with("合计")).unwrap();
    assert!(
        total.starts_with(&format!("合计,{},", listed.len())),
        "{total}"
    );
    close_one(&ws, "Z0003");
    let v = anjuan()
        .arg("verify")
        .arg(&ws)
        .arg("--export")
        .arg(&out_dir)
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&v.stdout);
    assert!(v.status.success(), "{text}");
    assert!(text.contains("整改台账.csv 可由记录重新生成"), "{text}");
}

#[test]
fn verify_names_an_edited_removed_or_forged_line() {
    let dir = tempfile::tempdir().unwrap();
    let ws = demo(dir.path());
    close_one(&ws, "Z0001");
    close_one(&ws, "Z0002");
    let orig = record(&ws);
    assert_eq!(orig.len(), 6);
    let write = |lines: &[String]| {
        std::fs::write(ws.join("rectification.jsonl"), lines.join("\n") + "\n").unwrap()
    };

    let mut edited = orig.clone();
    edited[1] = edited[1].replace("已补正", "已全部补正");
    write(&edited);
    let (ok, out) = verify(&ws);
    assert!(!ok);
    assert!(
        out.contains("rectification.jsonl 第 3 行记录的前一行摘要与第 2 行不符"),
        "{out}"
    );

    let mut removed = orig.clone();
    removed.remove(3);
    write(&removed);
    let (ok, out) = verify(&ws);
    assert!(!ok);
    assert!(
        out.contains("rectification.jsonl 第 4 行序号为 5，应为 4"),
        "{out}"
    );

    // A head printed on a sheet names the record as it was then.
    let printed = format!("{:x}", Sha256::digest(orig[5].as_bytes()));
    let ok = anjuan()
        .arg("verify")
        .arg(&ws)
        .args(["--record-head", &printed])
        .output()
        .unwrap();
    assert!(!ok.status.success(), "removed line still differs");
    write(&orig);
    anjuan()
        .arg("verify")
        .arg(&ws)
        .args(["--record-head", &printed])
        .assert()
        .success()
        .stdout(contains("是记录第 6 行"));
    let mut reworded = orig.clone();
    reworded[5] = reworded[5].replace("核实到位", "核实不到位");
    write(&reworded);
    anjuan()
        .arg("verify")
        .arg(&ws)
        .args(["--record-head", &printed])
        .assert()
        .code(1)
        .stdout(contains("不在记录链中"));

    // The last line has no successor to betray it: an edit in anjuan's own form is caught by
    // the rules (here a close by the reporter), one in any other form by its form.
    let mut last = orig.clone();
    last[5] = last[5].replace("\"by\":\"王五\"", "\"by\":\"陈某\"");
    write(&last);
    let (ok, out) = verify(&ws);
    assert!(!ok);
    assert!(
        out.contains("rectification.jsonl 第 6 行") && out.contains("另一人"),
        "{out}"
    );
    last[5] = orig[5].replacen(":", ": ", 1);
    write(&last);
    let (ok, out) = verify(&ws);
    assert!(!ok);
    assert!(out.contains("第 6 行与 anjuan 写入的格式不一致"), "{out}");

    // A forger who re-chains every line: the rules still catch a close by the reporter.
    let mut forged = orig.clone();
    forged[2] = forged[2].replace("\"by\":\"王五\"", "\"by\":\"陈某\"");
    rechain(&ws, &forged);
    let (ok, out) = verify(&ws);
    assert!(!ok, "{out}");
    assert!(
        out.contains("rectification.jsonl 第 3 行") && out.contains("另一人"),
        "{out}"
    );
    // And nothing more is written to a record that does not verify.
    rectify(&ws, &["refer", "Z0004", "--reason", "x", "--by", "王五"]).code(2);

    write(&orig);
    assert!(verify(&ws).0);
}

fn recheck_draw(ws: &Path) -> Vec<String> {
    rectify(ws, &["recheck", "--share", "40%"])
        .success()
        .stdout(contains("承诺摘要"));
    let v = json(anjuan().arg("rectify").arg(ws).args([
        "recheck",
        "--seed-part",
        "张三=31415926535",
        "--seed-part",
        "李四=89793238462",
        "--witness",
        "王五/县纪委监委",
        "--format",
        "json",
    ]));
    v["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["id"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn the_recheck_draw_is_the_same_everywhere_and_verify_recomputes_it() {
    let dir = tempfile::tempdir().unwrap();
    let ws = demo(dir.path());
    // Drawing before any commitment is refused.
    rectify(&ws, &["recheck", "--seed", "31415926535897932384626"]).code(2);
    for id in ["Z0001", "Z0002", "Z0003", "Z0004", "Z0005", "Z0006"] {
        close_one(&ws, id);
    }
    let copy = dir.path().join("copy");
    copy_dir(&ws, &copy);
    let a = recheck_draw(&ws);
    let b = recheck_draw(&copy);
    assert_eq!(a, b, "same seed, same items");
    assert_eq!(a.len(), 3, "40% of 6, rounded up");
    // The draw is what the published ticket rule gives, recomputed here.
    let seed = "3141592653589793238462";
    let h = |s: &[u8]| format!("{:x}", Sha256::digest(s));
    let mut tickets: Vec<(String, String)> = ["Z0001", "Z0002", "Z0003", "Z0004", "Z0005", "Z0006"]
        .iter()
        .map(|id| {
            let t = anjuan::draw::ticket::uniform(format!("{}{id}", h(seed.as_bytes())).as_bytes());
            (t, id.to_string())
        })
        .collect();
    tickets.sort();
    let want: Vec<String> = tickets.iter().take(3).map(|(_, id)| id.clone()).collect();
    assert_eq!(a, want);
    assert!(verify(&ws).0);
    // The one-line form (share and seed together) commits and draws in one write, says so, and
    // gives the same items.
    let third = dir.path().join("third");
    copy_dir(&copy, &third);
    let copy_record = record(&copy);
    std::fs::write(
        third.join("rectification.jsonl"),
        copy_record[..copy_record.len() - 2].join("\n") + "\n",
    )
    .unwrap();
    let v = json(anjuan().arg("rectify").arg(&third).args([
        "recheck",
        "--share",
        "40%",
        "--seed-part",
        "张三=31415926535",
        "--seed-part",
        "李四=89793238462",
        "--witness",
        "王五/县纪委监委",
        "--format",
        "json",
    ]));
    let c: Vec<String> = v["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["id"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(c, a);
    assert!(verify(&third).0);
    // And the outside check, in Python's standard library only, recomputes it too.
    if let Ok(out) = std::process::Command::new("python3")
        .arg(repo("tools/interop/check_record.py"))
        .arg(&ws)
        .output()
    {
        let text = String::from_utf8_lossy(&out.stdout);
        assert!(out.status.success(), "{text}");
        assert!(
            text.contains("the re-check draw is what commitment line"),
            "{text}"
        );
    } else {
        assert!(std::env::var_os("CI").is_none(), "python3 is needed on CI");
    }

    // A result for an item not drawn is refused; a rebound reopens the item.
    let not_drawn = ["Z0001", "Z0002", "Z0003", "Z0004", "Z0005", "Z0006"]
        .into_iter()
        .find(|id| !a.contains(&id.to_string()))
        .unwrap();
    rectify(
        &ws,
        &[
            "rechecked",
            not_drawn,
            "--result",
            "rebound",
            "--note",
            "x",
            "--by",
            "赵六",
        ],
    )
    .code(2);
    rectify(
        &ws,
        &[
            "rechecked",
            &a[0],
            "--result",
            "rebound",
            "--note",
            "同类问题再次出现",
            "--by",
            "赵六",
        ],
    )
    .success();
    let reopened = item(&ws, &a[0]);
    assert_eq!(reopened["status"], "open");
    assert_eq!(reopened["rebound"], true);
    rectify(
        &ws,
        &[
            "rechecked",
            &a[1],
            "--result",
            "confirmed",
            "--note",
            "整改到位",
            "--by",
            "赵六",
        ],
    )
    .success();
    assert_eq!(item(&ws, &a[1])["status"], "closed");
    assert!(verify(&ws).0);

    // Recorded items that are not what the seed draws: verify names the line.
    let mut lines = record(&ws);
    let at = lines
        .iter()
        .position(|l| l.contains("\"action\":\"recheck\""))
        .unwrap();
    lines[at] = lines[at].replace(&format!("\"{}\"]", a[2]), &format!("\"{not_drawn}\"]"));
    rechain(&ws, &lines);
    let (ok, out) = verify(&ws);
    assert!(!ok);
    assert!(
        out.contains(&format!("rectification.jsonl 第 {} 行", at + 1)) && out.contains("重算"),
        "{out}"
    );
}

#[test]
fn unfinished_items_are_carried_into_next_years_campaign() {
    let dir = tempfile::tempdir().unwrap();
    let prev = demo(dir.path());
    close_one(&prev, "Z0001");
    let unfinished = items(&prev, &[])
        .iter()
        .filter(|i| i["status"] != "closed")
        .count();
    let ws = dir.path().join("next");
    anjuan()
        .arg("init")
        .arg(&ws)
        .arg("--register")
        .arg(repo("samples/county-register.csv"))
        .arg("--carry")
        .arg(&prev)
        .assert()
        .success()
        .stdout(contains(format!("带入未完成整改事项 {unfinished} 项")));
    assert!(verify(&ws).0, "{}", verify(&ws).1);
    committed_from_existing(&ws);
    let carried = items(&ws, &[]);
    assert_eq!(carried.len(), unfinished);
    assert_eq!(carried[0]["id"], "H0001");
    assert_eq!(carried[0]["carried"]["id"], "Z0002", "Z0001 was closed");
    assert!(carried
        .iter()
        .all(|i| i["carried"]["record_head"].is_string()));
    // Carrying again from the same campaign is refused.
    rectify(&ws, &["carry", "--from", prev.to_str().unwrap()])
        .code(2)
        .stderr(contains("不再重复"));
    // A carried item goes round the loop like any other.
    close_one(&ws, "H0001");
    assert_eq!(item(&ws, "H0001")["status"], "closed");
    assert!(verify(&ws).0);
}

fn committed_from_existing(ws: &Path) {
    anjuan()
        .arg("commit")
        .arg(ws)
        .args(["--n", "100", "--min-per-stratum", "1"])
        .assert()
        .success();
    draw(ws);
}

fn review(ws: &Path, args: &[&str]) {
    anjuan().arg("review").arg(ws).args(args).assert().success();
}

/// The id rule: a reopened and re-finalized file keeps the ids of problems still there, closes
/// those that disappeared as withdrawn with the reopen's reason, and adds new ones after the last.
#[test]
fn a_refinalized_file_keeps_its_ids_withdraws_and_adds() {
    let dir = tempfile::tempdir().unwrap();
    let ws = demo(dir.path());
    let before = items(&ws, &[]);
    let case = before[0]["case_id"].as_str().unwrap().to_string();
    let of_case: Vec<&serde_json::Value> = before
        .iter()
        .filter(|i| i["case_id"] == case.as_str())
        .collect();
    assert!(of_case.len() >= 2, "{of_case:?}");
    let gone = of_case[0]["item"].as_str().unwrap().to_string();
    let kept_id = of_case[1]["id"].as_str().unwrap().to_string();
    // An item of the file decided pass, to turn into a deduction.
    let show = common::show(&ws, &case);
    let passed = show["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["decision"]["verdict"] == "pass" && i["max_points"].as_f64() >= Some(1.0))
        .map(|i| i["id"].as_str().unwrap().to_string())
        .expect("a passed item");
    close_one(&ws, &kept_id);
    let reviewer = "王五";
    review(
        &ws,
        &[
            "reopen",
            &case,
            "--reason",
            "复核发现结论有误",
            "--reviewer",
            reviewer,
        ],
    );
    review(
        &ws,
        &["set", &case, &gone, "--pass", "--reviewer", reviewer],
    );
    review(
        &ws,
        &[
            "set",
            &case,
            &passed,
            "--deduct",
            "1",
            "--finding",
            "复核新发现的问题",
            "--reviewer",
            reviewer,
        ],
    );
    review(&ws, &["finalize", &case, "--reviewer", reviewer]);
    let after = items(&ws, &[]);
    assert_eq!(after.len(), before.len() + 1, "one new item, none removed");
    let old = after.iter().find(|i| i["id"] == of_case[0]["id"]).unwrap();
    assert_eq!(old["status"], "closed");
    assert_eq!(old["withdrawn"], true);
    assert_eq!(old["closed"]["opinion"], "复核发现结论有误");
    let kept = after.iter().find(|i| i["id"] == kept_id.as_str()).unwrap();
    assert_eq!(kept["status"], "closed", "its 销号 stands");
    assert_eq!(kept["withdrawn"], false);
    let new = after.last().unwrap();
    assert_eq!(new["id"], format!("Z{:04}", before.len() + 1));
    assert_eq!(new["case_id"], case.as_str());
    assert_eq!(new["item"], passed.as_str());
    assert_eq!(new["finding"], "复核新发现的问题");
    // A withdrawn item takes no step.
    rectify(
        &ws,
        &[
            "plan",
            old["id"].as_str().unwrap(),
            "--leader",
            "a",
            "--owner",
            "b",
            "--measure",
            "c",
            "--by",
            "d",
        ],
    )
    .code(2)
    .stderr(contains("撤销"));
    assert!(verify(&ws).0, "{}", verify(&ws).1);
}
