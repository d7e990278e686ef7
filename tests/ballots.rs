//! The 民主评议 ballots end to end with the real binary: setup from a drawn workspace, print
//! (the XLSX read back with calamine, every check code recomputed here from the setup's secret),
//! a tally sheet written by other software imported, refusals, double entry compared, the
//! record's tampering caught by verify, and the result sheets with their 回头看 list.

mod common;

use calamine::{Data, Reader, Xlsx};
use common::{anjuan, repo};
use serde_json::Value;
use sha2::{Digest, Sha256};
use std::path::{Path, PathBuf};

const AGENCIES: [&str; 4] = [
    "攸县公安局",
    "攸县交通运输局",
    "攸县市场监督管理局",
    "攸县自然资源局",
];

/// init (sample county register) → commit 30 → draw: 30 representatives' ballots.
fn drawn(dir: &Path) -> PathBuf {
    let ws = dir.join("ws");
    anjuan()
        .arg("init")
        .arg(&ws)
        .arg("--register")
        .arg(repo("samples/county-register.csv"))
        .assert()
        .success();
    anjuan()
        .arg("commit")
        .arg(&ws)
        .args(["--n", "30", "--min-per-stratum", "0", "--alternates", "0"])
        .assert()
        .success();
    common::draw(&ws);
    ws
}

/// The agencies' list as a GBK CSV with a title row above the header.
fn agencies_gbk(dir: &Path) -> PathBuf {
    let text = format!(
        "民主评议被评议单位名单\r\n序号,被评议单位\r\n{}",
        {
            AGENCIES
                .iter()
                .enumerate()
                .map(|(i, a)| format!("{},{a}\r\n", i + 1))
                .collect::<String>()
        }
    );
    let (bytes, _, _) = encoding_rs::GBK.encode(&text);
    let p = dir.join("被评议单位.csv");
    std::fs::write(&p, bytes).unwrap();
    p
}

fn setup(ws: &Path, agencies: &Path, extra: &[&str]) -> assert_cmd::assert::Assert {
    anjuan()
        .arg("ballot")
        .arg(ws)
        .arg("setup")
        .arg("--agencies")
        .arg(agencies)
        .args(extra)
        .assert()
}

fn ballot(ws: &Path, args: &[&str]) -> assert_cmd::assert::Assert {
    anjuan().arg("ballot").arg(ws).args(args).assert()
}

fn ballot_en(ws: &Path, args: &[&str]) -> assert_cmd::assert::Assert {
    anjuan()
        .args(["--lang", "en", "ballot"])
        .arg(ws)
        .args(args)
        .assert()
}

fn stdout(a: &assert_cmd::assert::Assert) -> String {
    String::from_utf8_lossy(&a.get_output().stdout).into_owned()
}

fn stderr(a: &assert_cmd::assert::Assert) -> String {
    String::from_utf8_lossy(&a.get_output().stderr).into_owned()
}

fn setup_record(ws: &Path) -> Value {
    serde_json::from_slice(&std::fs::read(ws.join("ballots/0001.json")).unwrap()).unwrap()
}

/// HMAC-SHA256 (RFC 2104), written here again so the codes are checked independently.
fn hmac(key: &[u8], msg: &[u8]) -> [u8; 32] {
    let mut k = [0u8; 64];
    k[..key.len()].copy_from_slice(key);
    let inner = Sha256::new()
        .chain_update(k.map(|b| b ^ 0x36))
        .chain_update(msg)
        .finalize();
    Sha256::new()
        .chain_update(k.map(|b| b ^ 0x5c))
        .chain_update(inner)
        .finalize()
        .into()
}

/// The check code of `serial` as docs/BALLOTS.md defines it.
fn code_of(secret_hex: &str, serial: u32) -> String {
    let key: Vec<u8> = (0..64)
        .step_by(2)
        .map(|i| u8::from_str_radix(&secret_hex[i..i + 2], 16).unwrap())
        .collect();
    let mac = hmac(&key, serial.to_string().as_bytes());
    let n = u64::from_be_bytes(mac[..8].try_into().unwrap()) % 100_000_000;
    format!("{n:08}")
}

fn cells(path: &Path, sheet: &str) -> Vec<Vec<String>> {
    let mut book: Xlsx<_> = calamine::open_workbook(path).unwrap();
    let range = book.worksheet_range(sheet).unwrap();
    range
        .rows()
        .map(|r| {
            r.iter()
                .map(|c| match c {
                    Data::Empty => String::new(),
                    Data::String(s) => s.clone(),
                    other => other.to_string(),
                })
                .collect()
        })
        .collect()
}

/// A drawn workspace with the four agencies set up and the ballots printed into `dir/印票`.
fn printed(dir: &Path) -> (PathBuf, Value) {
    let ws = drawn(dir);
    let list = agencies_gbk(dir);
    setup(&ws, &list, &[]).success();
    anjuan()
        .arg("ballot")
        .arg(&ws)
        .arg("print")
        .arg("--out")
        .arg(dir.join("印票"))
        .assert()
        .success();
    let rec = setup_record(&ws);
    (ws, rec)
}

#[test]
fn setup_and_print_from_a_drawn_workspace() {
    let dir = tempfile::tempdir().unwrap();
    let (ws, rec) = printed(dir.path());
    assert_eq!(rec["agencies"], serde_json::json!(AGENCIES));
    assert_eq!(
        rec["scale"],
        serde_json::json!(["满意", "基本满意", "不满意"])
    );
    // 30 ballots: the draw's sample rows.
    assert_eq!(rec["ballots"], 30);
    assert_eq!(rec["ballots_from_draw"]["file"], "draws/0001.json");
    let secret = rec["secret"].as_str().unwrap();
    assert_eq!(secret.len(), 64);
    // The setup is in the ledger.
    let ledger = std::fs::read_to_string(ws.join("ledger.jsonl")).unwrap();
    assert!(ledger.contains("\"ballots/0001.json\"") && ledger.contains("ballot_setup"));

    let out = dir.path().join("印票");
    let rows = cells(&out.join("测评票.xlsx"), "测评票");
    let serials: Vec<String> = rows
        .iter()
        .flatten()
        .filter_map(|c| c.strip_prefix("编号："))
        .map(String::from)
        .collect();
    let expected: Vec<String> = (1..=30).map(|n| format!("{n:03}")).collect();
    assert_eq!(serials, expected);
    let codes: Vec<String> = rows
        .iter()
        .flatten()
        .filter_map(|c| c.strip_prefix("校验码："))
        .map(|c| c.replace(' ', ""))
        .collect();
    let recomputed: Vec<String> = (1..=30).map(|n| code_of(secret, n)).collect();
    assert_eq!(codes, recomputed);
    // Every ballot lists the four agencies under its header row.
    let headers = rows
        .iter()
        .filter(|r| r.first().is_some_and(|c| c == "序号"))
        .count();
    assert_eq!(headers, 30);
    assert_eq!(
        rows.iter()
            .filter(|r| r.get(1).is_some_and(|c| c == "攸县自然资源局"))
            .count(),
        30
    );
    // The office's list says the same.
    let csv = std::fs::read_to_string(out.join("校验码清单.csv")).unwrap();
    let listed: Vec<String> = csv
        .trim_start_matches('\u{feff}')
        .lines()
        .skip(1)
        .map(|l| l.split(',').nth(1).unwrap().to_string())
        .collect();
    assert_eq!(listed, recomputed);
    // The tally sheet's header row.
    let tally = cells(&out.join("计票表.xlsx"), "计票表");
    assert_eq!(
        tally[0],
        [
            "编号",
            "校验码",
            AGENCIES[0],
            AGENCIES[1],
            AGENCIES[2],
            AGENCIES[3],
            "废票"
        ]
    );
    // Printing again gives the same bytes, and leaves no temporary file.
    let before = std::fs::read(out.join("测评票.xlsx")).unwrap();
    ballot(&ws, &["print", "--out", out.to_str().unwrap()]).success();
    assert!(std::fs::read(out.join("测评票.xlsx")).unwrap() == before);
    assert_eq!(std::fs::read_dir(&out).unwrap().count(), 3);
    // verify checks the setup against the draw.
    let v = anjuan().arg("verify").arg(&ws).assert().success();
    assert!(stdout(&v).contains("测评票张数 30 与抽取记录 draws/0001.json 的抽中人数一致"));
}

#[test]
fn setup_refuses_bad_lists_scales_and_a_missing_draw() {
    let dir = tempfile::tempdir().unwrap();
    let ws = dir.path().join("ws");
    anjuan()
        .arg("init")
        .arg(&ws)
        .arg("--register")
        .arg(repo("samples/county-register.csv"))
        .assert()
        .success();
    let list = agencies_gbk(dir.path());
    // No draw, no --ballots.
    let a = setup(&ws, &list, &[]).code(2);
    assert!(stderr(&a).contains("--ballots N"), "{}", stderr(&a));
    let a = anjuan()
        .args(["--lang", "en", "ballot"])
        .arg(&ws)
        .args(["setup", "--agencies"])
        .arg(&list)
        .assert()
        .code(2);
    assert!(stderr(&a).contains("has no draw yet"), "{}", stderr(&a));
    // A repeated and an empty name, each named by its row and column.
    let bad = dir.path().join("重复.csv");
    std::fs::write(&bad, "单位名称,备注\n攸县公安局,\n,空\n攸县公安局,再次\n").unwrap();
    let a = setup(&ws, &bad, &["--ballots", "30"]).code(2);
    let e = stderr(&a);
    assert!(
        e.contains("第 3 行 A 列（单位名称）") && e.contains("单位名称为空"),
        "{e}"
    );
    assert!(
        e.contains("第 4 行 A 列（单位名称）") && e.contains("与第 2 行重复"),
        "{e}"
    );
    // Scales.
    for scale in ["满意", "好,好", "1,2,3", "a,b,c,d,e,f"] {
        let a = setup(&ws, &list, &["--ballots", "30", "--scale", scale]).code(2);
        assert!(stderr(&a).contains("--scale"), "{scale}: {}", stderr(&a));
    }
    assert!(!ws.join("ballots").exists());
    // An XLSX list and --ballots.
    let xlsx = dir.path().join("单位.xlsx");
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet();
    sheet.write_string(0, 0, "被评议单位").unwrap();
    for (i, a) in AGENCIES.iter().enumerate() {
        sheet.write_string(i as u32 + 1, 0, *a).unwrap();
    }
    book.save(&xlsx).unwrap();
    setup(&ws, &xlsx, &["--ballots", "12", "--scale", "好,一般,差"]).success();
    let rec = setup_record(&ws);
    assert_eq!(rec["agencies"], serde_json::json!(AGENCIES));
    assert_eq!(
        (rec["ballots"].as_u64(), rec["ballots_from_draw"].is_null()),
        (Some(12), true)
    );
}

/// The code of ballot `n` from the setup record.
fn code(rec: &Value, n: u32) -> String {
    code_of(rec["secret"].as_str().unwrap(), n)
}

/// Ten ballots: (serial, marks per agency as the sheet holds them, spoiled).
fn ten() -> Vec<(u32, [&'static str; 4], bool)> {
    vec![
        (1, ["满意", "满意", "不满意", "1"], false),
        (2, ["1", "2", "3", ""], false),
        (3, ["满意", "基本满意", "不满意", "满意"], false),
        (4, ["", "", "", ""], true),
        (5, ["2", "满意", "3", "0"], false),
        (6, ["满意", "1", "不满意", "基本满意"], false),
        (7, ["1", "3", "2", "1"], false),
        (8, ["满意", "满意", "满意", "满意"], false),
        (9, ["基本满意", "2", "不满意", ""], false),
        (11, ["1", "1", "2", "3"], false),
    ]
}

/// A python with openpyxl (`ANJUAN_OPENPYXL_PYTHON`, or a python3 that has it); none outside
/// CI means the sheet is written with rust_xlsxwriter instead.
fn openpyxl_python() -> Option<PathBuf> {
    if let Some(p) = std::env::var_os("ANJUAN_OPENPYXL_PYTHON") {
        return Some(PathBuf::from(p));
    }
    assert!(
        std::env::var_os("CI").is_none(),
        "CI must set ANJUAN_OPENPYXL_PYTHON (a python with openpyxl; .ci/run installs it)"
    );
    let has = std::process::Command::new("python3")
        .args(["-c", "import openpyxl"])
        .output()
        .is_ok_and(|o| o.status.success());
    has.then(|| PathBuf::from("python3"))
}

/// Writes rows under a header as other software would: serials and codes as numbers, levels as
/// numbers where the row has digits.
const WRITE: &str = r#"
import json, sys
import openpyxl
dst, header, rows = sys.argv[1], json.loads(sys.argv[2]), json.loads(sys.argv[3])
wb = openpyxl.Workbook()
ws = wb.active
ws.title = "录入"
ws.append(["民主评议计票（手工录入）"])
ws.append(header)
for r in rows:
    ws.append([int(v) if isinstance(v, str) and v.isdigit() else (v or None) for v in r])
wb.save(dst)
"#;

/// Write a tally sheet with `rows` under the tally sheet's header (title row above it).
fn write_sheet(path: &Path, header: &[String], rows: &[Vec<String>]) {
    if let Some(python) = openpyxl_python() {
        let out = std::process::Command::new(&python)
            .args(["-c", WRITE])
            .arg(path)
            .arg(serde_json::to_string(header).unwrap())
            .arg(serde_json::to_string(rows).unwrap())
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        return;
    }
    eprintln!("openpyxl not found: writing the tally sheet with rust_xlsxwriter");
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet();
    sheet
        .write_string(0, 0, "民主评议计票（手工录入）")
        .unwrap();
    for (c, h) in header.iter().enumerate() {
        sheet.write_string(1, c as u16, h).unwrap();
    }
    for (r, row) in rows.iter().enumerate() {
        for (c, v) in row.iter().enumerate() {
            let (r, c) = (r as u32 + 2, c as u16);
            if v.is_empty() {
                continue;
            }
            if let Ok(n) = v.parse::<f64>() {
                sheet.write_number(r, c, n).unwrap();
            } else {
                sheet.write_string(r, c, v).unwrap();
            }
        }
    }
    book.save(path).unwrap();
}

fn header() -> Vec<String> {
    let mut h = vec!["编号".to_string(), "校验码".to_string()];
    h.extend(AGENCIES.iter().map(|s| s.to_string()));
    h.push("废票".into());
    h
}

fn rows(rec: &Value, ballots: &[(u32, [&str; 4], bool)]) -> Vec<Vec<String>> {
    ballots
        .iter()
        .map(|(n, marks, spoiled)| {
            let mut r = vec![format!("{n:03}"), code(rec, *n)];
            r.extend(marks.iter().map(|m| m.to_string()));
            r.push(if *spoiled { "1".into() } else { String::new() });
            r
        })
        .collect()
}

fn tally_json(ws: &Path, pass: &str) -> Value {
    common::json(
        anjuan()
            .arg("ballot")
            .arg(ws)
            .args(["tally", "--format", "json", "--pass", pass]),
    )
}

fn agency<'a>(t: &'a Value, name: &str) -> &'a Value {
    t["agencies"]
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["agency"] == name)
        .unwrap()
}

fn counts(a: &Value) -> Vec<u64> {
    a["counts"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["count"].as_u64().unwrap())
        .collect()
}

#[test]
fn a_tally_sheet_from_other_software_is_imported_and_counted() {
    let dir = tempfile::tempdir().unwrap();
    let (ws, rec) = printed(dir.path());
    let sheet = dir.path().join("计票-已填.xlsx");
    let mut filled = rows(&rec, &ten());
    // A serial listed but not returned, and a note under the table: not ballots.
    filled.insert(
        3,
        vec![
            "012".into(),
            String::new(),
            String::new(),
            String::new(),
            String::new(),
            String::new(),
            String::new(),
        ],
    );
    filled.push(vec![
        "计票人：李四　监票人：王五".into(),
        String::new(),
        String::new(),
        String::new(),
        String::new(),
        String::new(),
        String::new(),
    ]);
    write_sheet(&sheet, &header(), &filled);
    let a = ballot(&ws, &["import", sheet.to_str().unwrap(), "--clerk", "李四"]).success();
    assert!(
        stdout(&a).contains("10 张测评票（其中废票 1 张），第 1 遍"),
        "{}",
        stdout(&a)
    );
    let t = tally_json(&ws, "1");
    assert_eq!(
        t["turnout"],
        serde_json::json!({"issued": 30, "returned": 10, "valid": 9, "spoiled": 1})
    );
    // Worked out by hand from ten(). 公安局: 满意,1,满意,—,2,满意,1,满意,基本满意,1 → 满意 7, 基本满意 2, 不满意 0.
    let a0 = agency(&t, AGENCIES[0]);
    assert_eq!(counts(a0), vec![7, 2, 0]);
    assert_eq!(
        (a0["blank"].as_u64(), a0["rated"].as_u64()),
        (Some(0), Some(9))
    );
    assert_eq!(
        a0["satisfied_rate"],
        serde_json::json!({"numerator": 7, "denominator": 9, "percent": "77.78"})
    );
    assert_eq!(a0["satisfied_or_basic_rate"]["percent"], "100.00");
    // 交通运输局: 满意,2,基本满意,—,满意,1,3,满意,2,1 → 5, 3, 1.
    assert_eq!(counts(agency(&t, AGENCIES[1])), vec![5, 3, 1]);
    // 市场监管局: 不满意,3,不满意,—,3,不满意,2,满意,不满意,2 → 1, 2, 6.
    let a2 = agency(&t, AGENCIES[2]);
    assert_eq!(counts(a2), vec![1, 2, 6]);
    assert_eq!(
        a2["satisfied_or_basic_rate"],
        serde_json::json!({"numerator": 3, "denominator": 9, "percent": "33.33"})
    );
    // 自然资源局: 1,"",满意,—,0,基本满意,1,满意,"",3 → 4, 1, 1; 3 blank.
    let a3 = agency(&t, AGENCIES[3]);
    assert_eq!(counts(a3), vec![4, 1, 1]);
    assert_eq!(
        (a3["blank"].as_u64(), a3["rated"].as_u64()),
        (Some(3), Some(6))
    );
    assert_eq!(a3["satisfied_rate"]["percent"], "66.67");
    // Ranking by 满意率: 公安局 7/9, 自然资源局 4/6, 交通 5/9, 市场 1/9.
    let order: Vec<(&str, u64)> = t["agencies"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| (a["agency"].as_str().unwrap(), a["rank"].as_u64().unwrap()))
        .collect();
    assert_eq!(
        order,
        vec![
            (AGENCIES[0], 1),
            (AGENCIES[3], 2),
            (AGENCIES[1], 3),
            (AGENCIES[2], 4)
        ]
    );
    // Each line's via names the file and row; the clerk is recorded.
    let record = std::fs::read_to_string(ws.join("ballots.jsonl")).unwrap();
    let first: Value = serde_json::from_str(record.lines().next().unwrap()).unwrap();
    assert_eq!(first["by"], "李四");
    assert!(first["via"]
        .as_str()
        .unwrap()
        .starts_with("import 计票-已填.xlsx@"));
    assert!(first["via"].as_str().unwrap().ends_with(" row 3"));
    // Importing the same sheet again: every row is refused as entered already, nothing written.
    let a = ballot(&ws, &["import", sheet.to_str().unwrap()]).code(2);
    assert!(stderr(&a).contains("有 10 个问题"), "{}", stderr(&a));
    assert_eq!(
        std::fs::read_to_string(ws.join("ballots.jsonl")).unwrap(),
        record
    );
    anjuan().arg("verify").arg(&ws).assert().success();
}

#[test]
fn a_sheet_with_any_bad_row_is_refused_whole_naming_rows_and_columns() {
    let dir = tempfile::tempdir().unwrap();
    let (ws, rec) = printed(dir.path());
    let mut r = rows(&rec, &ten()[..3]);
    // Row 6: unknown serial; row 7: wrong code; row 8: ballot 1 again; row 9: a level not on
    // the scale; row 10: spoiled with choices.
    r.push(vec![
        "031".into(),
        code(&rec, 1),
        "1".into(),
        "1".into(),
        "1".into(),
        "1".into(),
        String::new(),
    ]);
    r.push(vec![
        "012".into(),
        "12345678".into(),
        "1".into(),
        "1".into(),
        "1".into(),
        "1".into(),
        String::new(),
    ]);
    r.push(rows(&rec, &ten()[..1])[0].clone());
    r.push(vec![
        "013".into(),
        code(&rec, 13),
        "1".into(),
        "很好".into(),
        "4".into(),
        "1".into(),
        String::new(),
    ]);
    r.push(vec![
        "014".into(),
        code(&rec, 14),
        "1".into(),
        String::new(),
        String::new(),
        String::new(),
        "1".into(),
    ]);
    let sheet = dir.path().join("有错.xlsx");
    write_sheet(&sheet, &header(), &r);
    let a = ballot(&ws, &["import", sheet.to_str().unwrap()]).code(2);
    let e = stderr(&a);
    assert!(e.contains("有错.xlsx 有 6 个问题，未保存任何内容"), "{e}");
    assert!(
        e.contains("第 6 行 A 列（编号）: 编号“31”不是本次发放的测评票（编号 1–30）"),
        "{e}"
    );
    assert!(
        e.contains("第 7 行 B 列（校验码）: 012 号票的校验码不对"),
        "{e}"
    );
    assert!(
        e.contains("第 8 行 A 列（编号）: 与第 3 行是同一张票"),
        "{e}"
    );
    assert!(
        e.contains("第 9 行 D 列（攸县交通运输局）: “攸县交通运输局”的评价“很好”不在评价等次中"),
        "{e}"
    );
    assert!(e.contains("第 9 行 E 列（攸县市场监督管理局）"), "{e}");
    assert!(
        e.contains("第 10 行 G 列（废票）: 标为废票，又填写了评价"),
        "{e}"
    );
    assert!(!ws.join("ballots.jsonl").exists(), "nothing written");
    // The same in English; an unknown column is named.
    let mut h = header();
    h[3] = "交通局".into();
    write_sheet(&sheet, &h, &rows(&rec, &ten()[..2]));
    let a = ballot_en(&ws, &["import", sheet.to_str().unwrap()]).code(2);
    let e = stderr(&a);
    assert!(
        e.contains("row 2, column D (交通局): “交通局” is neither an evaluated agency"),
        "{e}"
    );
    assert!(e.contains("no “攸县交通运输局” column"), "{e}");
}

#[test]
fn unknown_serials_wrong_codes_and_duplicates_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    let (ws, rec) = printed(dir.path());
    let c3 = code(&rec, 3);
    ballot(&ws, &["enter", "3", &c3, "--choices", "1,2,3,0"]).success();
    let before = std::fs::read(ws.join("ballots.jsonl")).unwrap();
    let a = ballot(&ws, &["enter", "003", &c3, "--choices", "1,1,1,1"]).code(2);
    assert!(
        stderr(&a).contains("003 号票在第 1 遍录入中已录入（记录第 1 行）"),
        "{}",
        stderr(&a)
    );
    let a = ballot_en(&ws, &["enter", "3", &c3, "--spoiled"]).code(2);
    assert!(
        stderr(&a).contains("ballot 003 was entered already in pass 1"),
        "{}",
        stderr(&a)
    );
    let a = ballot(&ws, &["enter", "31", &c3, "--choices", "1,1,1,1"]).code(2);
    assert!(
        stderr(&a).contains("编号“31”不是本次发放的测评票（编号 1–30）"),
        "{}",
        stderr(&a)
    );
    let a = ballot_en(&ws, &["enter", "0", &c3, "--choices", "1,1,1,1"]).code(2);
    assert!(
        stderr(&a).contains("“0” is not the serial of a ballot issued"),
        "{}",
        stderr(&a)
    );
    let a = ballot(&ws, &["enter", "4", &c3, "--choices", "1,1,1,1"]).code(2);
    assert!(
        stderr(&a).contains("004 号票的校验码不对"),
        "{}",
        stderr(&a)
    );
    let a = ballot_en(&ws, &["enter", "4", &c3, "--choices", "1,1,1,1"]).code(2);
    assert!(
        stderr(&a).contains("the check code of ballot 004 is wrong"),
        "{}",
        stderr(&a)
    );
    let c4 = code(&rec, 4);
    let a = ballot(&ws, &["enter", "4", &c4, "--choices", "1,1,4,1"]).code(2);
    assert!(
        stderr(&a).contains("“攸县市场监督管理局”的评价“4”不在评价等次中"),
        "{}",
        stderr(&a)
    );
    assert!(
        std::fs::read(ws.join("ballots.jsonl")).unwrap() == before,
        "nothing written"
    );
    // The same serial in the second pass is another entry; withdrawn in pass 1, it may be
    // entered again there.
    ballot(
        &ws,
        &["enter", "3", &c3, "--choices", "1,2,3,0", "--pass", "2"],
    )
    .success();
    let a = ballot(&ws, &["withdraw", "3", "--reason", ""]).code(2);
    assert!(stderr(&a).contains("须说明理由"), "{}", stderr(&a));
    ballot(&ws, &["withdraw", "3", "--reason", "录错"]).success();
    ballot(&ws, &["enter", "3", &c3, "--choices", "1,2,2,0"]).success();
    let t = tally_json(&ws, "1");
    assert_eq!(counts(agency(&t, AGENCIES[2])), vec![0, 1, 0]);
    assert_eq!(t["turnout"]["returned"], 1);
    let a = ballot(
        &ws,
        &["enter", "5", &code(&rec, 5), "--pass", "3", "--spoiled"],
    )
    .code(2);
    assert!(stderr(&a).contains("录入遍次“3”无效"), "{}", stderr(&a));
}

#[test]
fn compare_finds_a_planted_difference() {
    let dir = tempfile::tempdir().unwrap();
    let (ws, rec) = printed(dir.path());
    let sheet = dir.path().join("一.xlsx");
    write_sheet(&sheet, &header(), &rows(&rec, &ten()));
    ballot(&ws, &["import", sheet.to_str().unwrap(), "--pass", "1"]).success();
    let mut second = ten();
    second[4].1[2] = "2"; // ballot 005, 市场监管局: 3 → 2
    second.remove(8); // ballot 009 not entered in pass 2
    let sheet2 = dir.path().join("二.xlsx");
    write_sheet(&sheet2, &header(), &rows(&rec, &second));
    ballot(&ws, &["import", sheet2.to_str().unwrap(), "--pass", "2"]).success();
    let a = ballot(&ws, &["compare"]).code(1);
    let out = stdout(&a);
    assert!(
        out.contains("005  攸县市场监督管理局  不满意 → 基本满意"),
        "{out}"
    );
    assert!(
        out.contains("009  （整张票）  有效票 → （未录入）"),
        "{out}"
    );
    assert!(out.contains("2 处不一致"), "{out}");
    let a = ballot(&ws, &["compare", "--format", "json"]).code(1);
    let v: Value = serde_json::from_slice(&a.get_output().stdout).unwrap();
    assert_eq!(
        v["differences"],
        serde_json::json!([
            {"serial": "005", "agency": AGENCIES[2], "pass1": "不满意", "pass2": "基本满意"},
            {"serial": "009", "agency": null, "pass1": "ballot", "pass2": "not_entered"}
        ])
    );
    // Results wait until the passes agree.
    let a = ballot(
        &ws,
        &[
            "results",
            "--out",
            dir.path().join("结果").to_str().unwrap(),
        ],
    )
    .code(2);
    assert!(
        stderr(&a).contains("两遍录入有 2 处不一致"),
        "{}",
        stderr(&a)
    );
    // Mend pass 2: withdraw 005 and enter it right, enter 009.
    ballot(
        &ws,
        &["withdraw", "5", "--pass", "2", "--reason", "核对原票"],
    )
    .success();
    ballot(
        &ws,
        &[
            "enter",
            "5",
            &code(&rec, 5),
            "--pass",
            "2",
            "--choices",
            "2,满意,3,0",
        ],
    )
    .success();
    ballot(
        &ws,
        &[
            "enter",
            "9",
            &code(&rec, 9),
            "--pass",
            "2",
            "--choices",
            "基本满意,2,不满意,",
        ],
    )
    .success();
    let a = ballot(&ws, &["compare"]).success();
    assert!(stdout(&a).contains("两遍录入完全一致"), "{}", stdout(&a));
    let (mut one, mut two) = (tally_json(&ws, "1"), tally_json(&ws, "2"));
    for t in [&mut one, &mut two] {
        let m = t.as_object_mut().unwrap();
        m.remove("pass");
    }
    assert_eq!(one["agencies"], two["agencies"]);
    assert_eq!(one["turnout"], two["turnout"]);
}

#[test]
fn verify_fails_after_a_line_of_the_record_is_edited() {
    let dir = tempfile::tempdir().unwrap();
    let (ws, rec) = printed(dir.path());
    for n in 1..=4 {
        ballot(
            &ws,
            &[
                "enter",
                &n.to_string(),
                &code(&rec, n),
                "--choices",
                "1,2,3,1",
            ],
        )
        .success();
    }
    let v = anjuan().arg("verify").arg(&ws).assert().success();
    assert!(
        stdout(&v).contains("ballots.jsonl：4 行，哈希链完整"),
        "{}",
        stdout(&v)
    );
    let path = ws.join("ballots.jsonl");
    let original = std::fs::read_to_string(&path).unwrap();
    let head = tally_json(&ws, "1")["record_head"]
        .as_str()
        .unwrap()
        .to_string();
    let v = anjuan()
        .arg("verify")
        .arg(&ws)
        .args(["--ballot-head", &head])
        .assert()
        .success();
    assert!(
        stdout(&v).contains(&format!("测评票记录头 {head} 是 ballots.jsonl 第 4 行")),
        "{}",
        stdout(&v)
    );
    // The last line's choice changed in anjuan's own form: only the printed head shows it.
    let mut lines: Vec<String> = original.lines().map(String::from).collect();
    lines[3] = lines[3].replacen("\"不满意\"", "\"满意\"", 1);
    std::fs::write(&path, lines.join("\n") + "\n").unwrap();
    anjuan().arg("verify").arg(&ws).assert().success();
    let v = anjuan()
        .args(["--lang", "en", "verify"])
        .arg(&ws)
        .args(["--ballot-head", &head])
        .assert()
        .code(1);
    assert!(
        stdout(&v).contains("is not in the chain of ballots.jsonl"),
        "{}",
        stdout(&v)
    );
    // A choice changed on line 2: line 3's prev no longer matches.
    let mut lines: Vec<String> = original.lines().map(String::from).collect();
    lines[1] = lines[1].replacen("\"不满意\"", "\"满意\"", 1);
    std::fs::write(&path, lines.join("\n") + "\n").unwrap();
    let v = anjuan()
        .args(["--lang", "en", "verify"])
        .arg(&ws)
        .assert()
        .code(1);
    let out = stdout(&v);
    assert!(
        out.contains("ballots.jsonl line 3: its prev digest does not match line 2"),
        "{out}"
    );
    // The last line's check code changed (nothing after it to betray it): the replay does.
    let mut lines: Vec<String> = original.lines().map(String::from).collect();
    let c4 = code(&rec, 4);
    let other = if c4 == "00000000" {
        "00000001"
    } else {
        "00000000"
    };
    lines[3] = lines[3].replace(&c4, other);
    std::fs::write(&path, lines.join("\n") + "\n").unwrap();
    let v = anjuan()
        .args(["--lang", "en", "verify"])
        .arg(&ws)
        .assert()
        .code(1);
    let out = stdout(&v);
    assert!(
        out.contains(
            "ballots.jsonl line 4 breaks the rules: the check code of ballot 004 is wrong"
        ),
        "{out}"
    );
    // A counted ballot inserted with a made-up serial beyond the issue.
    let mut lines: Vec<String> = original.lines().map(String::from).collect();
    lines[3] = lines[3].replace("\"serial\":4", "\"serial\":44");
    std::fs::write(&path, lines.join("\n") + "\n").unwrap();
    let v = anjuan()
        .args(["--lang", "en", "verify"])
        .arg(&ws)
        .assert()
        .code(1);
    assert!(
        stdout(&v).contains("line 4 breaks the rules: “44” is not the serial"),
        "{}",
        stdout(&v)
    );
    // Counting refuses a record the rules refuse.
    let a = ballot(&ws, &["tally"]).code(2);
    assert!(stderr(&a).contains("规则不允许的录入"), "{}", stderr(&a));
    std::fs::write(&path, &original).unwrap();
    anjuan().arg("verify").arg(&ws).assert().success();
    // A setup record edited after the fact.
    let setup = ws.join("ballots/0001.json");
    let text = std::fs::read_to_string(&setup).unwrap();
    std::fs::write(&setup, text.replace("\"ballots\": 30", "\"ballots\": 31")).unwrap();
    anjuan().arg("verify").arg(&ws).assert().code(1);
}

#[test]
fn results_sheets_and_the_recheck_list() {
    let dir = tempfile::tempdir().unwrap();
    let (ws, rec) = printed(dir.path());
    let sheet = dir.path().join("计票.xlsx");
    write_sheet(&sheet, &header(), &rows(&rec, &ten()));
    ballot(&ws, &["import", sheet.to_str().unwrap()]).success();
    // 满意及基本满意率: 公安局 9/9, 交通 8/9 = 88.89 %, 市场 3/9, 自然资源 5/6 = 83.33 %.
    let out = dir.path().join("结果");
    let a = ballot(
        &ws,
        &[
            "results",
            "--out",
            out.to_str().unwrap(),
            "--recheck-below",
            "85",
        ],
    )
    .success();
    let text = stdout(&a);
    assert!(
        text.contains("回头看（满意及基本满意率低于 85%）：攸县自然资源局、攸县市场监督管理局"),
        "{text}"
    );
    for f in [
        "测评结果公布.xlsx",
        "测评结果公布.csv",
        "测评结果反馈.xlsx",
        "测评结果反馈.csv",
    ] {
        assert!(out.join(f).is_file(), "{f}");
    }
    let publication = cells(&out.join("测评结果公布.xlsx"), "测评结果公布");
    let header_at = publication
        .iter()
        .position(|r| r.first().is_some_and(|c| c == "名次"))
        .unwrap();
    assert_eq!(
        publication[header_at],
        [
            "名次",
            "被评议单位",
            "满意",
            "基本满意",
            "不满意",
            "未评价",
            "有效评价",
            "满意率",
            "满意及基本满意率",
            "回头看"
        ]
    );
    let body: Vec<(String, String, String, String)> = publication[header_at + 1..header_at + 5]
        .iter()
        .map(|r| (r[0].clone(), r[1].clone(), r[8].clone(), r[9].clone()))
        .collect();
    let row = |a: &str, b: &str, c: &str, d: &str| {
        (a.to_string(), b.to_string(), c.to_string(), d.to_string())
    };
    assert_eq!(
        body,
        vec![
            row("1", AGENCIES[0], "100.00%", ""),
            row("2", AGENCIES[3], "83.33%", "是"),
            row("3", AGENCIES[1], "88.89%", ""),
            row("4", AGENCIES[2], "33.33%", "是"),
        ]
    );
    assert!(publication.iter().flatten().any(
        |c| c.contains("发放测评票 30 张，收回 10 张（收回率 33.33%），其中有效票 9 张、废票 1 张")
    ));
    // One feedback sheet per agency, in the setup's order.
    let book: Xlsx<_> = calamine::open_workbook(out.join("测评结果反馈.xlsx")).unwrap();
    assert_eq!(book.sheet_names(), AGENCIES.to_vec());
    let market = cells(&out.join("测评结果反馈.xlsx"), AGENCIES[2]);
    assert!(market.iter().flatten().any(|c| c.contains("列入回头看")));
    assert!(market
        .iter()
        .any(|r| r.first().is_some_and(|c| c == "名次") && r[1] == "4 / 4"));
    let police = cells(&out.join("测评结果反馈.xlsx"), AGENCIES[0]);
    assert!(police.iter().flatten().any(|c| c.contains("未列入回头看")));
    // The footer carries the record head.
    let head = tally_json(&ws, "1")["record_head"]
        .as_str()
        .unwrap()
        .to_string();
    let zip = std::fs::read(out.join("测评结果公布.xlsx")).unwrap();
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(zip)).unwrap();
    let mut xml = String::new();
    std::io::Read::read_to_string(
        &mut archive.by_name("xl/worksheets/sheet1.xml").unwrap(),
        &mut xml,
    )
    .unwrap();
    assert!(xml.contains(&format!("测评票记录头 {head}")), "footer");
    // The default threshold is 80 %: only 市场监管局.
    let a = ballot(&ws, &["results", "--out", out.to_str().unwrap()]).success();
    assert!(
        stdout(&a).contains("低于 80%）：攸县市场监督管理局\n"),
        "{}",
        stdout(&a)
    );
    let a = ballot(
        &ws,
        &[
            "results",
            "--out",
            out.to_str().unwrap(),
            "--recheck-below",
            "八十",
        ],
    )
    .code(2);
    assert!(stderr(&a).contains("--recheck-below"), "{}", stderr(&a));
}

#[test]
fn a_new_setup_after_counting_needs_new() {
    let dir = tempfile::tempdir().unwrap();
    let (ws, rec) = printed(dir.path());
    let list = agencies_gbk(dir.path());
    // Before any ballot is entered a setup may be replaced.
    setup(&ws, &list, &["--ballots", "30"]).success();
    let rec2: Value =
        serde_json::from_slice(&std::fs::read(ws.join("ballots/0002.json")).unwrap()).unwrap();
    assert_ne!(rec2["secret"], rec["secret"]);
    assert_eq!(rec2["replaces"]["number"], 1);
    ballot(
        &ws,
        &["enter", "1", &code(&rec2, 1), "--choices", "1,1,1,1"],
    )
    .success();
    // A ballot of the first setup is no longer valid.
    if code(&rec, 2) != code(&rec2, 2) {
        ballot(&ws, &["enter", "2", &code(&rec, 2), "--choices", "1,1,1,1"]).code(2);
    }
    let a = setup(&ws, &list, &["--ballots", "30"]).code(2);
    assert!(
        stderr(&a).contains("已录入 1 张测评票，不能再改设置"),
        "{}",
        stderr(&a)
    );
    setup(
        &ws,
        &list,
        &["--ballots", "30", "--new", "会场停电，重新组织测评"],
    )
    .success();
    let t = tally_json(&ws, "1");
    assert_eq!(
        (t["setup"].as_u64(), t["turnout"]["returned"].as_u64()),
        (Some(3), Some(0))
    );
    let v = anjuan().arg("verify").arg(&ws).assert().success();
    assert!(
        stdout(&v).contains("设置第 2 次的 1 行录入都符合规则"),
        "{}",
        stdout(&v)
    );
}

/// The ballots printed through LibreOffice (headless): one A4 portrait page per ballot, also
/// with the county's 32 agencies on a five-level scale. Skipped, with the reason printed, where
/// LibreOffice is not installed (`.ci/run` installs it).
#[test]
fn each_ballot_prints_on_one_a4_page() {
    let Some(office) = common::soffice() else {
        eprintln!(
            "SKIPPED: LibreOffice (soffice) is not installed, so the ballot PDF check did not run"
        );
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let ws = dir.path().join("ws");
    anjuan()
        .arg("init")
        .arg(&ws)
        .arg("--register")
        .arg(repo("samples/county-register.csv"))
        .assert()
        .success();
    setup(
        &ws,
        &repo("samples/执法机关名单.csv"),
        &[
            "--ballots",
            "12",
            "--scale",
            "非常满意,满意,基本满意,不满意,非常不满意",
        ],
    )
    .success();
    assert_eq!(setup_record(&ws)["agencies"].as_array().unwrap().len(), 32);
    let out = dir.path().join("印票");
    ballot(&ws, &["print", "--out", out.to_str().unwrap()]).success();
    let profile = format!("file://{}", dir.path().join("lo-profile").display());
    let status = std::process::Command::new(office)
        .arg(format!("-env:UserInstallation={profile}"))
        .args(["--headless", "--convert-to", "pdf", "--outdir"])
        .arg(&out)
        .arg(out.join("测评票.xlsx"))
        .output()
        .unwrap();
    assert!(
        status.status.success(),
        "{}",
        String::from_utf8_lossy(&status.stderr)
    );
    let pdf = std::fs::read(out.join("测评票.pdf")).unwrap();
    let text = String::from_utf8_lossy(&pdf);
    let pages = text.matches("/Type/Page").count() + text.matches("/Type /Page").count()
        - text.matches("/Type/Pages").count()
        - text.matches("/Type /Pages").count();
    assert_eq!(pages, 12, "one page per ballot");
    assert!(
        text.contains("/MediaBox[0 0 595") || text.contains("/MediaBox [0 0 595"),
        "A4 portrait"
    );
}
