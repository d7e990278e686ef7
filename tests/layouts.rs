//! Registers as agencies really fill them in, through the real binary: the header found below a
//! title and a 填报 row (or named with --header-row), two header rows combined, 合计 / note /
//! 序号-only rows listed and left out, a summary-looking row with a real id kept as a case, the
//! layout frozen and re-applied by verify, and the collection round against the list of agencies.

mod common;

use common::{anjuan, repo};
use predicates::str::contains;
use std::path::{Path, PathBuf};

/// The first `n` cases of one agency of the sample county, header first.
fn cases(agency: &str, n: usize) -> (Vec<String>, Vec<Vec<String>>) {
    let text = std::fs::read_to_string(repo("samples/county-register.csv")).unwrap();
    let mut lines = text.trim_start_matches('\u{feff}').lines();
    let header: Vec<String> = split(lines.next().unwrap());
    // A record with a line break inside a field spans two lines: such cases are not used.
    let rows = lines
        .map(split)
        .filter(|r| r.len() == header.len() && !r.iter().any(|c| c.contains('"')))
        .filter(|r| r[2] == agency)
        .take(n)
        .collect();
    (header, rows)
}

/// One line of the sample register (no line breaks inside its fields) into fields.
fn split(line: &str) -> Vec<String> {
    let mut out = vec![String::new()];
    let mut quoted = false;
    let mut chars = line.trim_end_matches('\r').chars().peekable();
    while let Some(c) = chars.next() {
        match (c, quoted) {
            ('"', true) if chars.peek() == Some(&'"') => {
                chars.next();
                out.last_mut().unwrap().push('"');
            }
            ('"', _) => quoted = !quoted,
            (',', false) => out.push(String::new()),
            (c, _) => out.last_mut().unwrap().push(c),
        }
    }
    out
}

fn csv_line(cells: &[String]) -> String {
    cells
        .iter()
        .map(|c| {
            if c.contains([',', '"', '\n']) {
                format!("\"{}\"", c.replace('"', "\"\""))
            } else {
                c.clone()
            }
        })
        .collect::<Vec<_>>()
        .join(",")
}

fn pad(first: &[&str], width: usize) -> Vec<String> {
    let mut v: Vec<String> = first.iter().map(|s| s.to_string()).collect();
    v.resize(width, String::new());
    v
}

/// A GBK CSV as Excel on Chinese Windows saves a filled-in register: title, 填报 row, header,
/// cases, then 合计, 填报人 and a row with only a 序号.
fn messy_gbk(dir: &Path, agency: &str, n: usize) -> PathBuf {
    let (header, rows) = cases(agency, n);
    let w = header.len();
    let mut lines = vec![
        csv_line(&pad(
            &[&format!("{agency}2023—2024年度行政执法案卷目录")],
            w,
        )),
        csv_line(&pad(
            &[
                &format!("填报单位（盖章）：{agency}"),
                "",
                "",
                "",
                "",
                "填报日期：2025年1月10日",
            ],
            w,
        )),
        csv_line(&header),
    ];
    lines.extend(rows.iter().map(|r| csv_line(r)));
    lines.push(csv_line(&pad(
        &["合  计", "", "", "", "", &format!("{n}件")],
        w,
    )));
    lines.push(csv_line(&pad(&["填报人：张某某    审核人：李某某"], w)));
    lines.push(csv_line(&pad(&[&(n + 1).to_string()], w)));
    let text = lines.join("\r\n") + "\r\n";
    let (bytes, _, bad) = encoding_rs::GBK.encode(&text);
    assert!(!bad);
    let path = dir.join(format!("{agency}.csv"));
    std::fs::write(&path, &bytes).unwrap();
    path
}

fn clean(dir: &Path, agency: &str, n: usize) -> PathBuf {
    let (header, rows) = cases(agency, n);
    let mut text = csv_line(&header) + "\n";
    for r in &rows {
        text += &(csv_line(r) + "\n");
    }
    let path = dir.join(format!("{agency}-clean.csv"));
    std::fs::write(&path, text).unwrap();
    path
}

fn campaign(ws: &Path) -> serde_json::Value {
    serde_json::from_slice(&std::fs::read(ws.join("campaign.json")).unwrap()).unwrap()
}

fn init(ws: &Path, registers: &[&Path], extra: &[&str]) -> assert_cmd::assert::Assert {
    let mut cmd = anjuan();
    cmd.arg("init").arg(ws).arg("--register");
    for r in registers {
        cmd.arg(r);
    }
    cmd.args(extra).assert()
}

#[test]
fn title_filing_and_summary_rows_are_listed_and_left_out() {
    let dir = tempfile::tempdir().unwrap();
    let messy = messy_gbk(dir.path(), "攸县交通运输局", 20);
    let ws = dir.path().join("ws");
    init(&ws, &[&messy], &[])
        .success()
        .stdout(contains(
            "表头在第 3 行；第 1–2 行（标题、填报信息）不作为数据",
        ))
        .stdout(contains("跳过第 24 行（合计行）：合  计 | 20件"))
        .stdout(contains("跳过第 25 行（填报信息）"))
        .stdout(contains("跳过第 26 行（只有序号）：21"));
    let c = campaign(&ws);
    let layout = &c["registers"][0]["layouts"][0];
    assert_eq!(layout["header_row"], 3);
    assert_eq!(layout["header_rows"], 1);
    assert_eq!(layout["rows"], 20);
    let skipped: Vec<(u64, String)> = layout["skipped"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| {
            (
                s["row"].as_u64().unwrap(),
                s["reason"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    assert_eq!(
        skipped,
        [
            (1, "title"),
            (2, "filing_info"),
            (24, "summary"),
            (25, "filing_info"),
            (26, "number_only")
        ]
        .map(|(r, s)| (r, s.to_string()))
    );
    // The same cases in a clean UTF-8 CSV give the same population digest.
    let plain = dir.path().join("plain");
    init(&plain, &[&clean(dir.path(), "攸县交通运输局", 20)], &[]).success();
    assert_eq!(
        campaign(&ws)["population"]["sha256"],
        campaign(&plain)["population"]["sha256"]
    );
    // verify re-applies the recorded layout.
    anjuan()
        .args(["--lang", "en", "verify"])
        .arg(&ws)
        .assert()
        .success()
        .stdout(contains("layout (header, skipped rows) matches the record"));
}

#[test]
fn a_summary_looking_row_with_a_real_id_is_a_case_and_an_idless_row_is_an_error() {
    let dir = tempfile::tempdir().unwrap();
    let (header, mut rows) = cases("攸县林业局", 5);
    rows[2][4] = "合计".into(); // 案件名称 reads like a summary, but the row has its 案号
    let mut text = csv_line(&header) + "\n";
    for r in &rows {
        text += &(csv_line(r) + "\n");
    }
    let path = dir.path().join("f.csv");
    std::fs::write(&path, &text).unwrap();
    let ws = dir.path().join("ws");
    init(&ws, &[&path], &[]).success();
    assert_eq!(campaign(&ws)["population"]["size"], 5);
    assert!(campaign(&ws)["registers"][0]["layouts"][0]
        .get("skipped")
        .is_none());
    // A row without an id that is no summary, note or 序号 row is still an error.
    rows[3][1] = String::new();
    let mut text = csv_line(&header) + "\n";
    for r in &rows {
        text += &(csv_line(r) + "\n");
    }
    std::fs::write(&path, &text).unwrap();
    init(&dir.path().join("ws2"), &[&path], &["--lang", "en"])
        .code(2)
        .stderr(contains("row 5, column B (案号): the case id is empty"));
    assert!(!dir.path().join("ws2").exists());
}

#[test]
fn header_row_named_for_one_file_and_no_header_found() {
    let dir = tempfile::tempdir().unwrap();
    // A file whose header has no known id column name: found by neither search, so the error
    // shows the first rows and names both ways out.
    let (header, rows) = cases("攸县水利局", 4);
    let mut renamed = header.clone();
    renamed[1] = "文号".into();
    let mut text = "攸县水利局案件目录\n".to_string() + &csv_line(&renamed) + "\n";
    for r in &rows {
        text += &(csv_line(r) + "\n");
    }
    let odd = dir.path().join("odd.csv");
    std::fs::write(&odd, &text).unwrap();
    init(&dir.path().join("a"), &[&odd], &["--lang", "en"])
        .code(2)
        .stderr(contains("none of the first 30 rows has a case id column"))
        .stderr(contains("row 1: 攸县水利局案件目录"))
        .stderr(contains("row 2: 序号 | 文号"))
        .stderr(contains("--header-row N"));
    // --id-column finds the header by that name.
    let ws = dir.path().join("b");
    init(&ws, &[&odd], &["--id-column", "文号"])
        .success()
        .stdout(contains("表头在第 2 行；第 1 行（标题）不作为数据"));
    // --header-row FILE=N names it for one file; a blank row named is refused.
    let messy = messy_gbk(dir.path(), "攸县交通运输局", 3);
    let ws = dir.path().join("c");
    init(
        &ws,
        &[&messy, &odd],
        &["--header-row", "odd.csv=2", "--id-column", "文号"],
    )
    .code(2)
    .stderr(contains("攸县交通运输局.csv"));
    std::fs::write(&odd, text.replace("文号", "案号")).unwrap();
    init(&ws, &[&messy, &odd], &["--header-row", "odd.csv=2"])
        .success()
        .stdout(contains("表头在第 2 行（由 --header-row 指定）"))
        .stdout(contains("表头在第 3 行；"));
    let with_gap = dir.path().join("gap.csv");
    std::fs::write(&with_gap, "\n".to_string() + &text.replace("文号", "案号")).unwrap();
    init(
        &dir.path().join("d"),
        &[&with_gap],
        &["--lang", "en", "--header-row", "1"],
    )
    .code(2)
    .stderr(contains("the row 1 named by --header-row is blank"));
}

#[test]
fn two_header_rows_under_a_merged_parent_are_combined() {
    let dir = tempfile::tempdir().unwrap();
    let (_, rows) = cases("攸县林业局", 6);
    // As Excel writes a merge to CSV: the parent in its first cell, the rest empty.
    let mut text = "序号,案号,执法机关,案件类型,案件名称,当事人,办理期限,,承办人,处理结果\n\
                    ,,,,,,立案日期,办结日期,,\n"
        .to_string();
    for r in &rows {
        text += &(csv_line(r) + "\n");
    }
    let path = dir.path().join("two.csv");
    std::fs::write(&path, &text).unwrap();
    let ws = dir.path().join("ws");
    init(&ws, &[&path], &["--filter", "closed>=2023-01-01"])
        .success()
        .stdout(contains("表头在第 1–2 行（两行合并）"))
        .stdout(contains("办理期限/立案日期 | 办理期限/办结日期"));
    let layout = &campaign(&ws)["registers"][0]["layouts"][0];
    assert_eq!(layout["header_rows"], 2);
    assert_eq!(layout["headers"][7], "办理期限/办结日期");
    // The closed date was read from the combined column (the filter needs it).
    assert_eq!(campaign(&ws)["population"]["size"], 6);
    anjuan().arg("verify").arg(&ws).assert().success();
}

#[test]
fn verify_names_a_recorded_layout_that_no_longer_matches() {
    let dir = tempfile::tempdir().unwrap();
    let messy = messy_gbk(dir.path(), "攸县交通运输局", 8);
    let ws = dir.path().join("ws");
    init(&ws, &[&messy], &[]).success();
    let mut c = campaign(&ws);
    c["registers"][0]["layouts"][0]["skipped"][2]["reason"] = "note".into();
    std::fs::write(
        ws.join("campaign.json"),
        serde_json::to_vec_pretty(&c).unwrap(),
    )
    .unwrap();
    anjuan()
        .args(["--lang", "en", "verify"])
        .arg(&ws)
        .assert()
        .code(1)
        .stdout(contains("the layout differs from the record: skipped rows recorded as 1 title; 2 filing details; 12 note"));
}

fn list(dir: &Path, names: &[&str]) -> PathBuf {
    let path = dir.join("执法机关名单.csv");
    let text = "\u{feff}执法机关\r\n".to_string() + &names.join("\r\n") + "\r\n";
    std::fs::write(&path, text).unwrap();
    path
}

#[test]
fn collection_round_checks_the_registers_against_the_list() {
    let dir = tempfile::tempdir().unwrap();
    let a = messy_gbk(dir.path(), "攸县交通运输局", 5);
    let b = messy_gbk(dir.path(), "攸县林业局", 5);
    let names = ["攸县交通运输局", "攸县林业局", "攸县气象局", "攸县教育局"];
    let l = list(dir.path(), &names);
    let ws = dir.path().join("ws");
    let l_arg = l.to_str().unwrap();
    init(&ws, &[&a, &b], &["--lang", "en", "--agencies", l_arg])
        .code(2)
        .stderr(contains("\"攸县气象局\" on the list sent no register"))
        .stderr(contains("\"攸县教育局\" on the list sent no register"));
    // A typo in a register is not a new stratum.
    let typo = dir.path().join("typo.csv");
    let text = std::fs::read_to_string(clean(dir.path(), "攸县林业局", 3))
        .unwrap()
        .replace(",攸县林业局,", ",县林业局,");
    std::fs::write(&typo, text).unwrap();
    init(
        &ws,
        &[&a, &typo],
        &[
            "--lang",
            "en",
            "--agencies",
            l_arg,
            "--zero-report",
            "攸县气象局",
            "--allow-missing",
            "攸县教育局",
            "--reason",
            "系统升级，延后报送",
        ],
    )
    .code(2)
    .stderr(contains(
        "the agency \"县林业局\" (3 rows) in the registers is not on the list of agencies. Did you mean \"攸县林业局\"?",
    ));
    assert!(!ws.exists());
    init(
        &ws,
        &[&a, &b],
        &[
            "--agencies",
            l_arg,
            "--zero-report",
            "攸县气象局",
            "--allow-missing",
            "攸县教育局",
            "--reason",
            "系统升级，延后报送",
        ],
    )
    .success()
    .stdout(contains("已报送 2 个，零报告 1 个，未报送 1 个"))
    .stdout(contains(
        "未报送而冻结：攸县教育局，原因：系统升级，延后报送",
    ));
    let c = campaign(&ws);
    assert_eq!(c["collection"]["zero_reports"][0], "攸县气象局");
    assert_eq!(c["collection"]["missing_allowed"][0]["name"], "攸县教育局");
    assert_eq!(c["collection"]["reported"][1]["rows"], 5);
    anjuan()
        .args(["--lang", "en", "verify"])
        .arg(&ws)
        .assert()
        .success()
        .stdout(contains(
            "the list of agencies and who reported match (4 agencies)",
        ));
    // The list copy is evidence like the registers.
    let stored = ws.join(c["collection"]["stored_as"].as_str().unwrap());
    std::fs::write(&stored, "执法机关\n攸县交通运输局\n").unwrap();
    anjuan()
        .args(["--lang", "en", "verify"])
        .arg(&ws)
        .assert()
        .code(1)
        .stdout(contains("the list of agencies or who reported differs"));
    // An allowed absence needs a reason, and the flags need the list.
    init(
        &dir.path().join("x"),
        &[&a],
        &["--lang", "en", "--zero-report", "攸县气象局"],
    )
    .code(2)
    .stderr(contains("need the list of agencies: --agencies FILE"));
}

#[test]
fn witness_sheet_lists_the_rows_that_are_not_cases() {
    let dir = tempfile::tempdir().unwrap();
    let messy = messy_gbk(dir.path(), "攸县交通运输局", 12);
    let ws = dir.path().join("ws");
    common::committed_from(&ws, &messy, 3, 1);
    common::draw(&ws);
    let out = dir.path().join("out");
    anjuan()
        .arg("export")
        .arg(&ws)
        .arg("--out")
        .arg(&out)
        .assert()
        .success();
    let sheet = std::fs::read_dir(&out)
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| {
            p.file_name()
                .unwrap()
                .to_string_lossy()
                .starts_with("抽样记录表")
                && p.extension().is_some_and(|e| e == "csv")
        })
        .expect("witness sheet CSV");
    let text = std::fs::read_to_string(sheet).unwrap();
    assert!(text.contains("各文件跳过的非案件行："), "{text}");
    assert!(
        text.contains("攸县交通运输局.csv：表头在第 3 行；第 1–2 行（标题、填报信息）不作为数据"),
        "{text}"
    );
    assert!(
        text.contains("跳过第 16 行（合计行）：合  计 | 12件"),
        "{text}"
    );
}

fn fixture(name: &str) -> PathBuf {
    repo("tests/fixtures/registers/layouts").join(name)
}

/// (row, reason) of every skipped row of a layout.
fn skipped(layout: &serde_json::Value) -> Vec<(u64, String)> {
    layout["skipped"]
        .as_array()
        .map(|a| {
            a.iter()
                .map(|s| {
                    (
                        s["row"].as_u64().unwrap(),
                        s["reason"].as_str().unwrap().to_string(),
                    )
                })
                .collect()
        })
        .unwrap_or_default()
}

fn pairs(v: &[(u64, &str)]) -> Vec<(u64, String)> {
    v.iter().map(|(r, s)| (*r, s.to_string())).collect()
}

/// Every shape other software writes gives the clean CSV's population, with exactly the
/// non-case rows left out (the fixtures' README lists their rows).
#[test]
fn every_shape_other_software_writes_gives_the_clean_population() {
    let dir = tempfile::tempdir().unwrap();
    let reference = dir.path().join("clean");
    init(&reference, &[&fixture("clean.csv")], &[]).success();
    let want = campaign(&reference)["population"]["sha256"].clone();
    let messy = pairs(&[
        (1, "title"),
        (2, "filing_info"),
        (24, "summary"),
        (25, "filing_info"),
    ]);
    for (name, header_row, header_rows, skips, flags) in [
        ("messy.xlsx", 3, 1, messy.clone(), vec![]),
        ("messy.xls", 3, 1, messy.clone(), vec![]),
        ("messy.et", 3, 1, messy.clone(), vec![]),
        ("messy.ods", 3, 1, messy.clone(), vec![]),
        ("messy-xlwt.xls", 3, 1, messy.clone(), vec![]),
        (
            "two-row-header.xlsx",
            3,
            2,
            pairs(&[(1, "title"), (2, "filing_info")]),
            vec![],
        ),
        ("unicode-text.txt", 2, 1, pairs(&[(1, "title")]), vec![]),
        ("unicode-text-be.txt", 2, 1, pairs(&[(1, "title")]), vec![]),
        ("semicolon.csv", 1, 1, vec![], vec![]),
        (
            "by-sheet.xlsx",
            2,
            1,
            pairs(&[(1, "title")]),
            vec!["--sheet", "all", "--agency-from-sheet"],
        ),
    ] {
        let ws = dir.path().join(name);
        init(&ws, &[&fixture(name)], &flags).success();
        let c = campaign(&ws);
        assert_eq!(c["population"]["sha256"], want, "{name}");
        assert_eq!(c["population"]["size"], 20, "{name}");
        let layouts = c["registers"][0]["layouts"].as_array().unwrap();
        for l in layouts {
            assert_eq!(l["header_row"], header_row, "{name}");
            assert_eq!(l["header_rows"], header_rows, "{name}");
            assert_eq!(skipped(l), skips, "{name}");
        }
        anjuan().arg("verify").arg(&ws).assert().success();
    }
}

#[test]
fn text_exports_record_their_encoding_and_delimiter() {
    let dir = tempfile::tempdir().unwrap();
    for (name, encoding, delimiter) in [
        ("unicode-text.txt", "utf-16le", "tab"),
        ("unicode-text-be.txt", "utf-16be", "tab"),
        ("semicolon.csv", "utf-8", "semicolon"),
    ] {
        let ws = dir.path().join(name);
        init(&ws, &[&fixture(name)], &[]).success();
        let r = &campaign(&ws)["registers"][0];
        assert_eq!(r["encoding"], encoding, "{name}");
        assert_eq!(r["delimiter"], delimiter, "{name}");
    }
    // A delimiter forced wrongly is not silently "fixed": the header is then one field.
    init(
        &dir.path().join("forced"),
        &[&fixture("semicolon.csv")],
        &["--lang", "en", "--delimiter", "comma"],
    )
    .code(2)
    .stderr(contains("none of the first 30 rows has a case id column"));
}

#[test]
fn hidden_rows_and_merged_cells_are_reported() {
    let dir = tempfile::tempdir().unwrap();
    let ws = dir.path().join("ws");
    init(&ws, &[&fixture("messy.xlsx")], &[])
        .success()
        .stdout(contains("隐藏行照常作为案卷读取：第 10 行"))
        .stdout(contains("数据区的合并单元格（每格取左上角的值）：C4:C8"));
    let l = &campaign(&ws)["registers"][0]["layouts"][0];
    assert_eq!(l["hidden_rows"], serde_json::json!([10]));
    // A24:C24 (the 合计 row) reaches no case row, so it is not a merge of the data.
    assert_eq!(l["merged"], serde_json::json!(["C4:C8"]));
    assert_eq!(l["sheet"], "案卷目录");
}

#[test]
fn one_sheet_per_agency_named_after_it() {
    let dir = tempfile::tempdir().unwrap();
    let ws = dir.path().join("ws");
    init(
        &ws,
        &[&fixture("by-sheet.xlsx")],
        &["--sheet", "all", "--agency-from-sheet"],
    )
    .success()
    .stdout(contains("工作表“攸县林业局”：表头在第 2 行"))
    .stdout(contains("执法机关取工作表名“攸县林业局”"));
    let c = campaign(&ws);
    let strata: Vec<(String, u64)> = c["population"]["strata"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| {
            (
                s["stratum"][0].as_str().unwrap().to_string(),
                s["size"].as_u64().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        strata,
        vec![("攸县交通运输局".into(), 10), ("攸县林业局".into(), 10)]
    );
    // Without --agency-from-sheet the sheets have no agency column: each row is named.
    init(
        &dir.path().join("no"),
        &[&fixture("by-sheet.xlsx")],
        &["--lang", "en", "--sheet", "all"],
    )
    .code(2)
    .stderr(contains("sheet \"攸县林业局\""));
    // One sheet by name.
    let one = dir.path().join("one");
    init(
        &one,
        &[&fixture("by-sheet.xlsx")],
        &[
            "--sheet",
            "攸县林业局",
            "--agency-for",
            "by-sheet.xlsx=攸县林业局",
        ],
    )
    .success();
    assert_eq!(campaign(&one)["population"]["size"], 10);
}

/// The outside check from the frozen population: a python with the reference package
/// `consistent-sampler` (`ANJUAN_REFERENCE_PYTHON`; .ci/run installs it in a venv). Skipped with a
/// message elsewhere, failed under CI=true.
fn reference_python() -> Option<PathBuf> {
    match std::env::var_os("ANJUAN_REFERENCE_PYTHON") {
        Some(p) => Some(PathBuf::from(p)),
        None => {
            assert!(
                std::env::var_os("CI").is_none(),
                "CI must set ANJUAN_REFERENCE_PYTHON (a python with consistent-sampler)"
            );
            eprintln!("skipped: set ANJUAN_REFERENCE_PYTHON to a python with consistent-sampler");
            None
        }
    }
}

#[test]
fn reference_sampler_checks_a_messy_register_from_the_frozen_population() {
    let Some(python) = reference_python() else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let messy = messy_gbk(dir.path(), "攸县交通运输局", 20);
    let ws = dir.path().join("ws");
    common::committed_from(&ws, &messy, 5, 2);
    common::draw(&ws);
    let check = |population: &Path| {
        std::process::Command::new(&python)
            .arg(repo("tools/interop/check_draw.py"))
            .arg("--population")
            .arg(population)
            .arg(ws.join("draws/0001.json"))
            .output()
            .unwrap()
    };
    let out = check(&ws.join("population.tsv"));
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{text}");
    assert!(
        text.contains("the draw matches the reference sampler"),
        "{text}"
    );
    // A population that is not the frozen one is named as such.
    let other = dir.path().join("other.tsv");
    let frozen = std::fs::read_to_string(ws.join("population.tsv")).unwrap();
    std::fs::write(
        &other,
        frozen.lines().skip(1).collect::<Vec<_>>().join("\n") + "\n",
    )
    .unwrap();
    let out = check(&other);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stdout).contains("DIFFERS  population digest"));
}

/// The sample collection round, as the README freezes it: the 29 files the 31 agencies sent give
/// exactly the county register's population, checked against the list with its zero report.
#[test]
fn the_sample_collection_round_is_the_county_register() {
    let dir = tempfile::tempdir().unwrap();
    let mut files: Vec<PathBuf> = std::fs::read_dir(repo("samples/collection"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    files.sort();
    let refs: Vec<&Path> = files.iter().map(PathBuf::as_path).collect();
    let ws = dir.path().join("ws");
    let list = repo("samples/执法机关名单.csv");
    init(
        &ws,
        &refs,
        &[
            "--sheet",
            "all",
            "--agency-from-sheet",
            "--agencies",
            list.to_str().unwrap(),
            "--zero-report",
            "攸县气象局",
        ],
    )
    .success()
    .stdout(contains("表头在第 3–4 行（两行合并）"))
    .stdout(contains("执法机关取工作表名“攸县科工信局”"))
    .stdout(contains("已报送 31 个，零报告 1 个，未报送 0 个"));
    let county = dir.path().join("county");
    init(&county, &[&repo("samples/county-register.csv")], &[]).success();
    assert_eq!(campaign(&ws)["population"], campaign(&county)["population"]);
    // Without the zero report the list says who is missing.
    init(
        &dir.path().join("no"),
        &refs,
        &[
            "--lang",
            "en",
            "--sheet",
            "all",
            "--agency-from-sheet",
            "--agencies",
            list.to_str().unwrap(),
        ],
    )
    .code(2)
    .stderr(contains("\"攸县气象局\" on the list sent no register"));
}

/// A sheet that is mostly rows that are not cases (a template with 序号 filled down far beyond
/// its cases) is refused past the limit rather than frozen with an endless list.
#[test]
fn too_many_non_case_rows_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    let mut text = "序号,案号,执法机关\n1,攸交罚〔2024〕1号,攸县交通运输局\n".to_string();
    for n in 2..=10_003 {
        text += &format!("{n},,\n");
    }
    let path = dir.path().join("filled-down.csv");
    std::fs::write(&path, text).unwrap();
    init(&dir.path().join("ws"), &[&path], &["--lang", "en"])
        .code(2)
        .stderr(contains(
            "row 10003: from this row on, more than 10000 rows of this sheet are not cases",
        ));
    assert!(!dir.path().join("ws").exists());
    // Under the limit the rows with only a 序号 are listed and left out.
    let short: String = std::fs::read_to_string(&path)
        .unwrap()
        .lines()
        .take(50)
        .map(|l| format!("{l}\n"))
        .collect();
    std::fs::write(&path, short).unwrap();
    let ws = dir.path().join("ok");
    init(&ws, &[&path], &[]).success();
    let l = &campaign(&ws)["registers"][0]["layouts"][0];
    assert_eq!(l["skipped"].as_array().unwrap().len(), 48);
    assert_eq!(l["rows"], 1);
}
