//! The review model from the command line: scoring to finalization, vetoes, reopen, the decisions
//! import (validated row by row, idempotent), journal tampering named by line, and checklist
//! versions.

mod common;
use common::*;
use predicates::str::contains;
use std::path::Path;

fn set(ws: &Path, case: &str, item: &str, args: &[&str]) -> assert_cmd::assert::Assert {
    anjuan()
        .arg("review")
        .arg(ws)
        .args(["set", case, item])
        .args(args)
        .args(["--reviewer", "张三"])
        .assert()
}

fn item_ids(ws: &Path, case: &str) -> Vec<String> {
    show(ws, case)["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["id"].as_str().unwrap().to_string())
        .collect()
}

/// A decisions CSV: header plus rows.
fn decisions_csv(rows: &[[&str; 6]]) -> String {
    let mut s = String::from("case_id,item_id,decision,points,finding,reviewer\n");
    for r in rows {
        s += &r
            .iter()
            .map(|c| format!("\"{}\"", c.replace('"', "\"\"")))
            .collect::<Vec<_>>()
            .join(",");
        s.push('\n');
    }
    s
}

#[test]
fn score_a_file_to_finalization_and_reopen() {
    let dir = tempfile::tempdir().unwrap();
    let ws = drawn_workspace(dir.path());
    let case = case_of_type(&ws, "行政处罚（一般程序）");
    set(
        &ws,
        &case,
        "A1",
        &["--deduct", "1", "--finding", "处罚决定书加盖内设机构印章"],
    )
    .success()
    .stdout(contains("已保存（日志第 1 条，已写入磁盘）"))
    .stdout(contains("已评 1/43"))
    .stderr(contains("review-plans/0001.json"));
    anjuan()
        .arg("review")
        .arg(&ws)
        .args(["finalize", &case, "--reviewer", "张三"])
        .assert()
        .code(2)
        .stderr(contains("还有 42 个条目未评"));

    // Everything else from a sheet: B1 deducted, E3 not applicable, the rest pass.
    let ids = item_ids(&ws, &case);
    let rows: Vec<[&str; 6]> = ids
        .iter()
        .map(|id| match id.as_str() {
            "A1" => [
                case.as_str(),
                "A1",
                "deduct",
                "1",
                "处罚决定书加盖内设机构印章",
                "张三",
            ],
            "B1" => [
                case.as_str(),
                "B1",
                "扣分",
                "2",
                "证据复印件未注明出处",
                "李四",
            ],
            "E3" => [case.as_str(), "E3", "不适用", "", "", "李四"],
            other => [case.as_str(), other, "pass", "0", "", "李四"],
        })
        .collect();
    let csv = dir.path().join("sheet.csv");
    std::fs::write(&csv, decisions_csv(&rows)).unwrap();
    anjuan()
        .arg("review")
        .arg(&ws)
        .arg("import")
        .arg(&csv)
        .assert()
        .success()
        .stdout(contains("保存 42 项结论"))
        .stdout(contains("1 项与日志中已有结论相同"));
    let s = show(&ws, &case);
    assert_eq!(s["score"]["points"], 97);
    // 97 is in 优秀's range, but A1 (the seal) blocks 优秀.
    assert_eq!(s["score"]["grade"], "良好");
    assert_eq!(s["score"]["blocking"][0], "A1");
    assert_eq!(s["status"], "in_progress");
    assert_eq!(s["reviewers"], serde_json::json!(["张三", "李四"]));
    let e3 = s["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["id"] == "E3")
        .unwrap();
    assert_eq!(e3["decision"]["verdict"], "na");
    assert_eq!(e3["score"], 3);

    anjuan()
        .args(["--lang", "en", "review"])
        .arg(&ws)
        .args(["finalize", &case, "--reviewer", "王五"])
        .assert()
        .success()
        .stdout(contains("finalized: score 97, grade 良好"));
    set(&ws, &case, "B1", &["--pass"])
        .code(2)
        .stderr(contains("已定稿"));
    anjuan()
        .arg("review")
        .arg(&ws)
        .args(["reopen", &case, "--reason", "  ", "--reviewer", "王五"])
        .assert()
        .code(2)
        .stderr(contains("理由"));
    anjuan()
        .arg("review")
        .arg(&ws)
        .args([
            "reopen",
            &case,
            "--reason",
            "复核：B1 证据已注明出处",
            "--reviewer",
            "王五",
        ])
        .assert()
        .success();
    set(&ws, &case, "B1", &["--pass"])
        .success()
        .stdout(contains("得分 99/100"));
    anjuan()
        .arg("review")
        .arg(&ws)
        .args(["finalize", &case, "--reviewer", "王五"])
        .assert()
        .success();
    let st = status(&ws);
    let f = st["files"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["case_id"] == case.as_str())
        .unwrap();
    assert_eq!(f["status"], "finalized");
    assert_eq!(f["score"], 99);
    assert_eq!(f["finalized"]["by"], "王五");

    // 1 set + 42 imported + finalize + reopen + set + finalize, each line chained to the last.
    let lines = journal_lines(&ws);
    assert_eq!(lines.len(), 47);
    let events: Vec<serde_json::Value> = lines
        .iter()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(
        events[1]["via"].as_str().unwrap().split(' ').next(),
        Some("import")
    );
    assert_eq!(events[44]["action"], "reopen");
    assert_eq!(events[44]["reason"], "复核：B1 证据已注明出处");
    assert_eq!(events[0]["checklist"]["id"], "xzcf-ordinary");
    anjuan()
        .args(["--lang", "en", "verify"])
        .arg(&ws)
        .assert()
        .success()
        .stdout(contains("review journal hash chain intact (47 events"))
        .stdout(contains("scores and grades of 1 finalized files re-derive"));
}

#[test]
fn a_veto_fails_the_file_and_needs_a_finding() {
    let dir = tempfile::tempdir().unwrap();
    let ws = drawn_workspace(dir.path());
    let case = case_of_type(&ws, "行政许可");
    set(&ws, &case, "V1", &["--veto"])
        .code(2)
        .stderr(contains("问题描述"));
    set(&ws, &case, "A1", &["--veto", "--finding", "x"])
        .code(2)
        .stderr(contains("不是否决项"));
    set(&ws, &case, "H1", &["--deduct", "1", "--finding", "x"])
        .code(2)
        .stderr(contains("1.5"));
    set(
        &ws,
        &case,
        "H1",
        &[
            "--deduct",
            "1.5",
            "--finding",
            "卷内目录缺失",
            "--evidence",
            "第1-3页",
        ],
    )
    .success();
    set(
        &ws,
        &case,
        "V1",
        &["--veto", "--finding", "经办人员无执法证件"],
    )
    .success();
    let s = show(&ws, &case);
    assert_eq!(s["score"]["points"], 0);
    assert_eq!(s["score"]["grade"], "不合格");
    // Clearing the veto brings the score back.
    set(&ws, &case, "V1", &["--clear"])
        .success()
        .stdout(contains("V1 撤销结论"));
    assert_eq!(show(&ws, &case)["score"]["points"], 98.5);
    // Setting what is already there writes nothing.
    let e1 = &show(&ws, &case)["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["id"] == "H1")
        .unwrap()["decision"]
        .clone();
    assert_eq!(e1["evidence"], "第1-3页");
    assert_eq!(e1["points"], 1.5);
    set(
        &ws,
        &case,
        "H1",
        &[
            "--deduct",
            "1.5",
            "--finding",
            "卷内目录缺失",
            "--evidence",
            "第1-3页",
        ],
    )
    .success()
    .stdout(contains("没有变化，未写入"));
    assert_eq!(journal_lines(&ws).len(), 3);
}

#[test]
fn import_rejects_bad_rows_whole_and_is_idempotent() {
    let dir = tempfile::tempdir().unwrap();
    let ws = drawn_workspace(dir.path());
    let case = case_of_type(&ws, "行政处罚（一般程序）");
    let c = case.as_str();
    let bad = decisions_csv(&[
        [c, "A1", "deduct", "1", "未加盖印章", "张三"],
        ["不存在的案号", "A1", "pass", "", "", "张三"],
        [c, "A2", "maybe", "", "", "张三"],
        [c, "A3", "deduct", "1", "", "张三"],
        [c, "B1", "deduct", "9", "超过分值", "张三"],
        [c, "A1", "pass", "", "", "张三"],
        [c, "B2", "pass", "", "", ""],
    ]);
    // Excel on Chinese Windows writes GBK.
    let (gbk, _, _) = encoding_rs::GBK.encode(&bad);
    let file = dir.path().join("评查结论.csv");
    std::fs::write(&file, &gbk).unwrap();
    let out = anjuan()
        .arg("review")
        .arg(&ws)
        .arg("import")
        .arg(&file)
        .assert()
        .code(2)
        .stderr(contains("有 6 个问题，未保存任何内容"))
        .stderr(contains("文件 评查结论.csv 第 3 行 A 列（case_id）"))
        .stderr(contains("第 4 行 C 列（decision）"))
        .stderr(contains("第 5 行 E 列（finding）"))
        .stderr(contains("第 6 行 D 列（points）"))
        .stderr(contains(
            "第 7 行 B 列（item_id）: 同一案卷同一条目在第 2 行已出现",
        ))
        .stderr(contains("第 8 行 F 列（reviewer）: 此处不能为空"));
    drop(out);
    assert!(journal_lines(&ws).is_empty(), "nothing may be written");

    let good = decisions_csv(&[
        [c, "A1", "deduct", "1", "未加盖印章", "张三"],
        [c, "A2", "符合", "", "", "张三"],
        [c, "E6", "na", "", "", "张三"],
    ]);
    let (gbk, _, _) = encoding_rs::GBK.encode(&good);
    std::fs::write(&file, &gbk).unwrap();
    for (saved, same) in [(3, 0), (0, 3)] {
        anjuan()
            .arg("review")
            .arg(&ws)
            .arg("import")
            .arg(&file)
            .assert()
            .success()
            .stdout(contains(format!("保存 {saved} 项结论")))
            .stdout(contains(format!("{same} 项与日志中已有结论相同")));
        assert_eq!(journal_lines(&ws).len(), 3);
    }
}

#[test]
fn tampered_journal_lines_are_named() {
    let dir = tempfile::tempdir().unwrap();
    let ws = drawn_workspace(dir.path());
    let case = case_of_type(&ws, "行政处罚（一般程序）");
    for (item, finding) in [
        ("A1", "一"),
        ("A2", "二"),
        ("A3", "三"),
        ("B1", "四"),
        ("B2", "五"),
    ] {
        set(&ws, &case, item, &["--deduct", "1", "--finding", finding]).success();
    }
    let original = journal_lines(&ws);
    let head = show(&ws, &case)["journal_head"]
        .as_str()
        .unwrap()
        .to_string();
    let write = |lines: &[String]| {
        std::fs::write(ws.join("journal.jsonl"), lines.join("\n") + "\n").unwrap()
    };
    let verify = |args: &[&str]| {
        anjuan()
            .args(["--lang", "en", "verify"])
            .arg(&ws)
            .args(args)
            .assert()
    };
    verify(&["--journal-head", &head]).success();

    let mut edited = original.clone();
    edited[2] = edited[2].replace("三", "叁");
    write(&edited);
    verify(&[]).code(1).stdout(contains(
        "journal.jsonl line 4: its prev digest does not match line 3",
    ));
    set(&ws, &case, "B3", &["--pass"])
        .code(2)
        .stderr(contains("评查日志有 1 处断裂"));

    let mut removed = original.clone();
    removed.remove(1);
    write(&removed);
    verify(&[]).code(1).stdout(contains(
        "journal.jsonl line 2 has seq 3, expected 2: 1 events before it were removed",
    ));

    let mut swapped = original.clone();
    swapped.swap(3, 4);
    write(&swapped);
    verify(&[])
        .code(1)
        .stdout(contains("journal.jsonl line 5 has seq 4, expected 6"));

    // The last line has no successor to betray it; the head printed on a sheet does.
    let mut last = original.clone();
    last[4] = last[4].replace("五", "伍");
    write(&last);
    verify(&[]).success();
    verify(&["--journal-head", &head])
        .code(1)
        .stdout(contains("is not in the journal"));

    write(&original);
    verify(&["--journal-head", &head[..16]]).success();
}

#[test]
fn checklist_changes_need_a_new_version() {
    let dir = tempfile::tempdir().unwrap();
    let ws = drawn_workspace(dir.path());
    let started = case_of_type(&ws, "行政处罚（一般程序）");
    set(&ws, &started, "A1", &["--pass"]).success();

    // Editing the recorded copy is detected and refused.
    let copy = ws.join("checklists/xzcf-ordinary-2026.1.toml");
    let original = std::fs::read_to_string(&copy).unwrap();
    std::fs::write(&copy, original.replace("max_points = 4", "max_points = 5")).unwrap();
    set(&ws, &started, "A2", &["--pass"])
        .code(2)
        .stderr(contains("在登记后被修改"));
    anjuan()
        .arg("verify")
        .arg(&ws)
        .assert()
        .code(1)
        .stdout(contains("在登记后被修改"));
    std::fs::write(&copy, &original).unwrap();

    // The same id and version with other content is refused; a new version is adopted.
    let mine = dir.path().join("my-xzcf.toml");
    let edited = original.replacen(
        "每份不符扣1分，扣完为止",
        "每份不符扣1分，扣完为止（本省细则）",
        1,
    );
    std::fs::write(&mine, &edited).unwrap();
    let setup = |file: &Path| {
        let mut cmd = anjuan();
        cmd.arg("review")
            .arg(&ws)
            .arg("setup")
            .arg("--checklist")
            .arg(file);
        for other in ["xzcf-simple", "xzxk", "xzqz", "xzjc"] {
            cmd.arg("--checklist")
                .arg(repo(&format!("checklists/{other}.toml")));
        }
        cmd.assert()
    };
    setup(&mine).code(2).stderr(contains("必须声明新版本"));
    std::fs::write(
        &mine,
        edited.replace("version = \"2026.1\"", "version = \"2026.2\""),
    )
    .unwrap();
    setup(&mine)
        .success()
        .stdout(contains("review-plans/0002.json"));
    setup(&mine).success().stdout(contains("未新建"));

    assert_eq!(show(&ws, &started)["checklist"]["version"], "2026.1");
    let other = status(&ws)["files"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["case_type"] == "行政处罚（一般程序）" && f["case_id"] != started.as_str())
        .unwrap()["case_id"]
        .as_str()
        .unwrap()
        .to_string();
    assert_eq!(show(&ws, &other)["checklist"]["version"], "2026.2");
    set(&ws, &other, "A1", &["--pass"]).success();
    set(&ws, &started, "A2", &["--pass"]).success();
    anjuan().arg("verify").arg(&ws).assert().success();
}

#[test]
fn checklist_check_names_line_and_key() {
    let dir = tempfile::tempdir().unwrap();
    let text = std::fs::read_to_string(repo("checklists/xzxk.toml")).unwrap();
    let line_of = |t: &str, needle: &str| t[..t.find(needle).unwrap()].lines().count() + 1;
    anjuan()
        .args(["checklist", "check"])
        .arg(repo("checklists/xzxk.toml"))
        .assert()
        .success()
        .stdout(contains("有效  xzxk"));
    let cases: Vec<(&str, String, String)> = vec![
        (
            "typo.toml",
            text.replacen("max_points = 5", "max_point = 5", 1),
            "unknown field `max_point`".into(),
        ),
        (
            "dup.toml",
            text.replacen("id = \"A2\"", "id = \"A1\"", 1),
            "[items[4].id]: \"A1\" is a duplicate".into(),
        ),
        (
            "sum.toml",
            text.replacen("max_points = 5", "max_points = 6", 1),
            "add up to 101 but total_points is 100".into(),
        ),
        (
            "gap.toml",
            text.replacen("below = 90", "below = 89", 1),
            "the grade scale has a gap".into(),
        ),
    ];
    for (name, body, message) in cases {
        let path = dir.path().join(name);
        std::fs::write(&path, &body).unwrap();
        let changed = body
            .lines()
            .zip(text.lines())
            .position(|(a, b)| a != b)
            .unwrap()
            + 1;
        let out = anjuan()
            .args(["--lang", "en", "checklist", "check"])
            .arg(&path)
            .assert()
            .code(1)
            .stdout(contains(message.as_str()));
        let stdout = String::from_utf8_lossy(&out.get_output().stdout).to_string();
        let expected_line = match name {
            "sum.toml" => line_of(&body, "total_points"),
            _ => changed,
        };
        assert!(
            stdout.contains(&format!("{name}:{expected_line}")),
            "{name}: line {expected_line} in {stdout}"
        );
    }
}

#[test]
fn decisions_from_a_libreoffice_xlsx() {
    let dir = tempfile::tempdir().unwrap();
    let ws = drawn_workspace(dir.path());
    let case = case_of_type(&ws, "行政许可");
    assert_eq!(
        case, "攸交许〔2024〕6号",
        "the fixture was written for this draw"
    );
    let sheet = repo("tests/fixtures/decisions/libreoffice-xzxk.xlsx");
    for saved in [23, 0] {
        anjuan()
            .arg("review")
            .arg(&ws)
            .arg("import")
            .arg(&sheet)
            .assert()
            .success()
            .stdout(contains(format!("保存 {saved} 项结论")));
    }
    let s = show(&ws, &case);
    assert_eq!(s["score"]["points"], 96.5);
    assert_eq!(s["score"]["grade"], "良好");
    assert_eq!(s["reviewers"], serde_json::json!(["赵六"]));
    let b2 = s["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["id"] == "B2")
        .unwrap();
    assert_eq!(b2["decision"]["evidence"], "第8页");
    anjuan()
        .arg("review")
        .arg(&ws)
        .args(["finalize", &case, "--reviewer", "赵六"])
        .assert()
        .success()
        .stdout(contains("定稿：得分 96.5，等次 良好"));
}

#[test]
fn a_torn_last_line_is_reported_kept_and_cut_off() {
    let dir = tempfile::tempdir().unwrap();
    let ws = drawn_workspace(dir.path());
    let case = case_of_type(&ws, "行政处罚（一般程序）");
    set(&ws, &case, "A1", &["--pass"]).success();
    set(&ws, &case, "A2", &["--pass"]).success();
    // Power lost halfway through a third line.
    let journal = ws.join("journal.jsonl");
    let mut bytes = std::fs::read(&journal).unwrap();
    // Cut inside a Chinese character: the tail is not even valid UTF-8.
    let torn = &r#"{"seq":3,"at":"2026-11-21T10:00:00+08:00","by":"张"#.as_bytes()[..50];
    bytes.extend_from_slice(torn);
    std::fs::write(&journal, &bytes).unwrap();
    anjuan()
        .args(["--lang", "en", "review"])
        .arg(&ws)
        .arg("status")
        .assert()
        .success()
        .stderr(contains(format!("incomplete line of {} bytes", torn.len())))
        .stderr(contains("the other 2 events are intact"));
    anjuan()
        .args(["--lang", "en", "verify"])
        .arg(&ws)
        .assert()
        .success();
    set(&ws, &case, "A3", &["--pass"])
        .success()
        .stdout(contains("日志第 3 条"))
        .stderr(contains("journal-torn/journal-at-"));
    let kept: Vec<_> = std::fs::read_dir(ws.join("journal-torn"))
        .unwrap()
        .collect();
    assert_eq!(kept.len(), 1);
    assert_eq!(
        std::fs::read(kept[0].as_ref().unwrap().path()).unwrap(),
        torn
    );
    assert_eq!(journal_lines(&ws).len(), 3);
    anjuan().arg("verify").arg(&ws).assert().success();
}

#[test]
fn a_superseded_draw_needs_a_new_plan() {
    let dir = tempfile::tempdir().unwrap();
    let ws = drawn_workspace(dir.path());
    let case = case_of_type(&ws, "行政处罚（一般程序）");
    set(&ws, &case, "A1", &["--pass"]).success();
    anjuan()
        .arg("draw")
        .arg(&ws)
        .args([
            "--seed",
            "11111111112222222222",
            "--supersede",
            "见证人未到场",
        ])
        .assert()
        .success();
    let case2 = case_of_type(&ws, "行政处罚（一般程序）");
    set(&ws, &case2, "A2", &["--pass"])
        .code(2)
        .stderr(contains("已被作废的抽取"));
    anjuan()
        .arg("review")
        .arg(&ws)
        .arg("setup")
        .assert()
        .success()
        .stdout(contains("review-plans/0002.json"));
    set(&ws, &case2, "A2", &["--pass"]).success();
}

#[test]
fn a_register_without_case_types_needs_a_mapping() {
    let dir = tempfile::tempdir().unwrap();
    let reg = dir.path().join("r.csv");
    std::fs::write(&reg, "案号,执法机关\nA1,甲局\nA2,甲局\nB1,乙局\nB2,乙局\n").unwrap();
    let ws = dir.path().join("ws");
    committed_from(&ws, &reg, 2, 1);
    draw(&ws);
    let case = status(&ws)["files"][0]["case_id"]
        .as_str()
        .unwrap()
        .to_string();
    assert!(
        status(&ws)["files"][0]["checklist"].is_null(),
        "no checklist is guessed"
    );
    anjuan()
        .arg("review")
        .arg(&ws)
        .args(["show", &case])
        .assert()
        .code(2)
        .stderr(contains("没有案件类型"))
        .stderr(contains("--default-checklist"));
    set(&ws, &case, "A1", &["--pass"])
        .code(2)
        .stderr(contains("--default-checklist"));
    anjuan()
        .arg("review")
        .arg(&ws)
        .args(["setup", "--default-checklist", "xzjc"])
        .assert()
        .success();
    set(&ws, &case, "A1", &["--pass"]).success();
    assert_eq!(show(&ws, &case)["checklist"]["id"], "xzjc");
}
