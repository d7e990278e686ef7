//! The agency's 整改台账 (`rectify WS sheet` / `rectify WS import`) on the demo campaign: the
//! sheet anjuan writes, filled in elsewhere — by openpyxl, or saved as a GBK CSV with its columns
//! moved — comes back and changes exactly the rows that were filled in; the same sheet again
//! changes nothing; any wrong row refuses the whole sheet and leaves the record byte for byte.

mod common;

use calamine::{open_workbook_auto, Reader};
use common::anjuan;
use serde_json::Value;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// The finalized demo campaign in `dir/ws`.
fn demo(dir: &Path) -> PathBuf {
    let ws = dir.join("ws");
    anjuan()
        .args(["demo", "--build"])
        .arg(&ws)
        .assert()
        .success();
    ws
}

/// Every item, by id, as `rectify list --format json` gives it.
fn items(ws: &Path) -> BTreeMap<String, Value> {
    let v = common::json(
        anjuan()
            .arg("rectify")
            .arg(ws)
            .args(["list", "--format", "json"]),
    );
    v["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|it| (it["id"].as_str().unwrap().to_string(), it.clone()))
        .collect()
}

fn record(ws: &Path) -> Vec<u8> {
    std::fs::read(ws.join("rectification.jsonl")).unwrap_or_default()
}

/// An agency with at least three open items, its first three open items, and an open item of
/// another agency.
fn pick(all: &BTreeMap<String, Value>) -> (String, [String; 3], String) {
    let open = |it: &&Value| it["status"] == "open" && it["withdrawn"] == false;
    let mut by_agency: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for it in all.values().filter(open) {
        by_agency
            .entry(it["agency"].as_str().unwrap().to_string())
            .or_default()
            .push(it["id"].as_str().unwrap().to_string());
    }
    let (agency, ids) = by_agency
        .iter()
        .find(|(_, ids)| ids.len() >= 3)
        .expect("an agency with three open items");
    let other = all
        .values()
        .filter(open)
        .find(|it| it["agency"] != agency.as_str())
        .expect("an open item of another agency")["id"]
        .as_str()
        .unwrap()
        .to_string();
    (
        agency.clone(),
        [ids[0].clone(), ids[1].clone(), ids[2].clone()],
        other,
    )
}

fn write_sheet(ws: &Path, agency: &str, out: &Path) {
    anjuan()
        .arg("rectify")
        .arg(ws)
        .args(["sheet", "--agency", agency, "--out"])
        .arg(out)
        .assert()
        .success();
}

/// The first sheet of a workbook as text, row by row from A1.
fn grid(path: &Path) -> Vec<Vec<String>> {
    let mut book = open_workbook_auto(path).unwrap();
    let range = book.worksheet_range_at(0).unwrap().unwrap();
    assert_eq!(range.start(), Some((0, 0)), "the sheet starts at A1");
    range
        .rows()
        .map(|r| r.iter().map(|c| c.to_string()).collect())
        .collect()
}

/// What the three rows are given: a plan only; a plan and progress; a plan, progress and the
/// completion date.
fn fills(ids: &[String; 3], date: &str) -> Vec<(String, Vec<(&'static str, String)>)> {
    let plan = |leader: &str, owner: &str, measure: &str| {
        vec![
            ("责任领导", leader.to_string()),
            ("责任人", owner.to_string()),
            ("整改措施", measure.to_string()),
        ]
    };
    let mut second = plan("王副局长", "法制股 陈某", "补正文书\n并组织培训");
    second.push(("整改情况", "已补正两份文书，培训定于下周".into()));
    let mut third = plan("王副局长", "执法大队 李某", "-逐卷核查并补记");
    third.push(("整改情况", "已逐卷补记完毕".into()));
    third.push(("完成日期", date.to_string()));
    vec![
        (
            ids[0].clone(),
            plan("王副局长", "法制股 陈某", "重新制作决定书"),
        ),
        (ids[1].clone(), second),
        (ids[2].clone(), third),
    ]
}

/// Exactly the three items changed, to in progress, in progress and submitted, with what the
/// sheet gave them; every other item as it was.
fn assert_three_changed(
    before: &BTreeMap<String, Value>,
    after: &BTreeMap<String, Value>,
    ids: &[String; 3],
) {
    assert_eq!(before.len(), after.len());
    for (id, it) in before {
        if !ids.contains(id) {
            assert_eq!(it, &after[id], "{id} must not change");
        }
    }
    let status: Vec<&Value> = ids.iter().map(|id| &after[id]["status"]).collect();
    assert_eq!(status, ["in_progress", "in_progress", "submitted"]);
    assert_eq!(after[&ids[0]]["plan"]["measure"], "重新制作决定书");
    assert_eq!(after[&ids[0]]["reports"].as_array().unwrap().len(), 0);
    assert_eq!(after[&ids[1]]["plan"]["measure"], "补正文书\n并组织培训");
    let report = &after[&ids[1]]["reports"][0];
    assert_eq!(report["progress"], "已补正两份文书，培训定于下周");
    assert_eq!(report["done"], false);
    assert_eq!(report["date"], Value::Null);
    // A measure beginning with '-' went out as '-… (no formula) and came back as typed.
    assert_eq!(after[&ids[2]]["plan"]["measure"], "-逐卷核查并补记");
    let report = &after[&ids[2]]["reports"][0];
    assert_eq!(report["done"], true);
    assert_eq!(report["date"], "2026-12-02");
    // No deadline is taken from the sheet.
    for id in ids {
        assert_eq!(after[id]["deadline"], before[id]["deadline"], "{id}");
    }
}

fn import(ws: &Path, file: &Path) -> assert_cmd::assert::Assert {
    anjuan()
        .arg("rectify")
        .arg(ws)
        .arg("import")
        .arg(file)
        .args(["--by", "攸县交通运输局 联络员"])
        .assert()
}

fn stdout(a: &assert_cmd::assert::Assert) -> String {
    String::from_utf8_lossy(&a.get_output().stdout).into_owned()
}

fn stderr(a: &assert_cmd::assert::Assert) -> String {
    String::from_utf8_lossy(&a.get_output().stderr).into_owned()
}

/// A python with openpyxl: `ANJUAN_OPENPYXL_PYTHON` (.ci/run installs one in a venv and sets
/// it); elsewhere a `python3` on the PATH that has it, else the test is skipped with a message.
/// Under CI=true it must be there.
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
    if has {
        return Some(PathBuf::from("python3"));
    }
    eprintln!("SKIPPED: set ANJUAN_OPENPYXL_PYTHON to a python with openpyxl");
    None
}

/// Fills rows of a sheet by their 整改编号, as an agency's script would: the header row found by
/// its names, the completion date written as a date cell. Prints the header's row.
const FILL: &str = r#"
import datetime, json, sys
import openpyxl
src, dst, spec = sys.argv[1], sys.argv[2], json.loads(sys.argv[3])
wb = openpyxl.load_workbook(src)
ws = wb.active
header = next(r for r in range(1, 31) if "整改编号" in [c.value for c in ws[r]])
col = {c.value: c.column for c in ws[header] if c.value}
for r in range(header + 1, ws.max_row + 1):
    for name, value in spec.get(ws.cell(r, col["整改编号"]).value, []):
        if name == "完成日期":
            value = datetime.date.fromisoformat(value)
        ws.cell(r, col[name]).value = value
ws.cell(ws.max_row + 2, 1).value = "填报人：张三　　审核人：刘局长"
wb.save(dst)
print("header", header)
"#;

#[test]
fn a_sheet_filled_in_with_openpyxl_changes_exactly_its_filled_rows() {
    let Some(python) = openpyxl_python() else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let ws = demo(dir.path());
    let before = items(&ws);
    let (agency, ids, _) = pick(&before);
    let sheet = dir.path().join("台账.xlsx");
    write_sheet(&ws, &agency, &sheet);
    let spec: Vec<(String, Vec<(&str, String)>)> = fills(&ids, "2026-12-02");
    let spec: serde_json::Map<String, Value> = spec
        .into_iter()
        .map(|(id, cells)| (id, serde_json::json!(cells)))
        .collect();
    let filled = dir.path().join("台账-已填.xlsx");
    let out = std::process::Command::new(&python)
        .args(["-c", FILL])
        .arg(&sheet)
        .arg(&filled)
        .arg(Value::Object(spec).to_string())
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(String::from_utf8_lossy(&out.stdout).trim(), "header 8");

    let a = import(&ws, &filled).success();
    let text = stdout(&a);
    assert!(text.contains("3 个事项有变更（5 个事件）"), "{text}");
    assert!(text.contains("未变更"), "{text}");
    let after = items(&ws);
    assert_three_changed(&before, &after, &ids);
    let events: Vec<Value> = String::from_utf8(record(&ws))
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let via = events.last().unwrap()["via"].as_str().unwrap();
    assert!(
        via.starts_with("import 台账-已填.xlsx@") && via.contains(" row "),
        "{via}"
    );

    // The same sheet again: nothing changes, not a byte of the record.
    let kept = record(&ws);
    let a = import(&ws, &filled).success();
    assert!(stdout(&a).contains("0 个事项有变更"), "{}", stdout(&a));
    assert_eq!(record(&ws), kept);
    // Nor does the sheet as first written, untouched: its rows are as the record stood then.
    let a = import(&ws, &sheet).success();
    assert!(stdout(&a).contains("0 个事项有变更"), "{}", stdout(&a));
    assert_eq!(record(&ws), kept);

    anjuan().arg("verify").arg(&ws).assert().success();
}

/// The sheet as written: the header on row 8, every item of the agency not withdrawn (the
/// submitted and closed ones too), the fill-in columns pre-filled with what is recorded.
#[test]
fn the_sheet_lists_the_agencys_items_and_what_is_recorded() {
    let dir = tempfile::tempdir().unwrap();
    let ws = demo(dir.path());
    let all = items(&ws);
    let (agency, _, _) = pick(&all);
    let sheet = dir.path().join("s.xlsx");
    write_sheet(&ws, &agency, &sheet);
    let g = grid(&sheet);
    assert!(g[1][0].contains("演示专项"), "{:?}", g[1]);
    assert_eq!(g[2][0], format!("执法机关：{agency}"));
    assert!(g[6][0].contains("整改时限") && g[6][0].contains("不导入"));
    assert!(g[5][0].contains("请在灰色以外的白色列"), "{:?}", g[5]);
    assert_eq!(
        g[7],
        [
            "整改编号",
            "案号",
            "检查项",
            "问题类别",
            "具体问题",
            "整改时限",
            "当前状态",
            "责任领导",
            "责任人",
            "整改措施",
            "整改情况",
            "完成日期"
        ]
    );
    let listed: Vec<&str> = g[8..].iter().map(|r| r[0].as_str()).collect();
    let expected: Vec<&str> = all
        .values()
        .filter(|it| it["agency"] == agency.as_str() && it["withdrawn"] == false)
        .map(|it| it["id"].as_str().unwrap())
        .collect();
    assert_eq!(listed, expected);
    for r in &g[8..] {
        let it = &all[&r[0]];
        assert_eq!(r[1], it["case_id"].as_str().unwrap());
        assert_eq!(r[6], it["status_label"].as_str().unwrap());
        let plan = &it["plan"];
        let recorded = |k: &str| plan[k].as_str().unwrap_or("").to_string();
        assert_eq!(
            r[7..10],
            [recorded("leader"), recorded("owner"), recorded("measure")]
        );
    }

    // An unknown agency is refused with the list; an existing file is kept without --force.
    let a = anjuan()
        .arg("rectify")
        .arg(&ws)
        .args(["sheet", "--agency", "不存在的局", "--out"])
        .arg(dir.path().join("t.xlsx"))
        .assert()
        .code(2);
    assert!(stderr(&a).contains(&agency), "{}", stderr(&a));
    assert!(!dir.path().join("t.xlsx").exists());
    std::fs::write(&sheet, b"keep").unwrap();
    let a = anjuan()
        .arg("rectify")
        .arg(&ws)
        .args(["sheet", "--agency", &agency, "--out"])
        .arg(&sheet)
        .assert()
        .code(2);
    assert!(stderr(&a).contains("--force"), "{}", stderr(&a));
    assert_eq!(std::fs::read(&sheet).unwrap(), b"keep");
    anjuan()
        .arg("rectify")
        .arg(&ws)
        .args(["sheet", "--agency", &agency, "--force", "--out"])
        .arg(&sheet)
        .assert()
        .success();
    assert_eq!(grid(&sheet).len(), g.len());
}

/// The grid with the three rows filled in (by header name).
fn fill_grid(g: &mut [Vec<String>], fills: &[(String, Vec<(&str, String)>)]) {
    let header = g[7].clone();
    let col = |name: &str| header.iter().position(|h| h == name).unwrap();
    for row in g[8..].iter_mut() {
        if let Some((_, cells)) = fills.iter().find(|(id, _)| *id == row[0]) {
            for (name, value) in cells {
                row[col(name)] = value.clone();
            }
        }
    }
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
        + "\r\n"
}

/// The filled sheet saved as CSV on Chinese Windows: GBK, the columns in another order, an extra
/// column of the agency's own, empty rows at the end, an id in lower case.
#[test]
fn a_gbk_csv_of_the_filled_sheet_imports_the_same() {
    let dir = tempfile::tempdir().unwrap();
    let ws = demo(dir.path());
    let before = items(&ws);
    let (agency, ids, _) = pick(&before);
    let sheet = dir.path().join("s.xlsx");
    write_sheet(&ws, &agency, &sheet);
    let mut g = grid(&sheet);
    fill_grid(&mut g, &fills(&ids, "2026/12/2"));
    // An id typed again in lower case still names its item.
    for row in g.iter_mut().filter(|r| r[0] == ids[0]) {
        row[0] = ids[0].to_lowercase();
    }
    let mut text = String::new();
    for (k, row) in g.iter().enumerate() {
        if k < 7 {
            // Title and preamble: one cell each, as a CSV of merged rows has them.
            text += &csv_line(&row[..1]);
            continue;
        }
        // Item id last, the agency's 备注 column first.
        let mut cells: Vec<String> = row[1..].iter().rev().cloned().collect();
        cells.push(row[0].clone());
        cells.insert(
            0,
            if k == 7 {
                "备注".into()
            } else {
                "已阅".into()
            },
        );
        text += &csv_line(&cells);
    }
    text += ",,,,,,\r\n,,,,,,\r\n";
    let (gbk, _, unmappable) = encoding_rs::GBK.encode(&text);
    assert!(!unmappable, "the demo's text is all in GBK");
    let csv = dir.path().join("台账.csv");
    std::fs::write(&csv, &gbk).unwrap();

    // As the issue writes it, without --by: the steps are the agency's.
    let a = anjuan()
        .arg("rectify")
        .arg(&ws)
        .arg("import")
        .arg(&csv)
        .assert()
        .success();
    assert!(
        stdout(&a).contains("3 个事项有变更（5 个事件）"),
        "{}",
        stdout(&a)
    );
    let now = items(&ws);
    assert_three_changed(&before, &now, &ids);
    assert_eq!(now[&ids[0]]["plan"]["by"], now[&ids[0]]["agency"]);
    let kept = record(&ws);
    import(&ws, &csv).success();
    assert_eq!(record(&ws), kept);
    anjuan().arg("verify").arg(&ws).assert().success();
}

/// Rows that cannot be taken — an unknown id, another agency's item, a date that is none, an id
/// twice — are all named (file, row, column) and nothing at all is saved, not even the good rows.
#[test]
fn any_wrong_row_refuses_the_whole_sheet() {
    let dir = tempfile::tempdir().unwrap();
    let ws = demo(dir.path());
    let before = items(&ws);
    let (agency, ids, other) = pick(&before);
    let sheet = dir.path().join("s.xlsx");
    write_sheet(&ws, &agency, &sheet);
    let mut g = grid(&sheet);
    let mut spec = fills(&ids, "下个月");
    // A good row as well: it must not be saved either.
    let fourth = g[8..]
        .iter()
        .map(|r| r[0].clone())
        .find(|id| !ids.contains(id) && before[id]["status"] == "open")
        .unwrap();
    spec.push((
        fourth.clone(),
        vec![
            ("责任领导", "王副局长".into()),
            ("责任人", "陈某".into()),
            ("整改措施", "补正".into()),
        ],
    ));
    fill_grid(&mut g, &spec);
    let row_of = |g: &[Vec<String>], id: &str| g.iter().position(|r| r[0] == id).unwrap() + 1;
    let (first, second, third) = (
        row_of(&g, &ids[0]),
        row_of(&g, &ids[1]),
        row_of(&g, &ids[2]),
    );
    g[first - 1][0] = "Z9999".into();
    g[second - 1][0] = other.clone();
    // The fourth item's row again, at the end.
    let again = g[row_of(&g, &fourth) - 1].clone();
    g.push(again);
    let last = g.len();
    let text: String = g
        .iter()
        .enumerate()
        .map(|(k, r)| csv_line(if k < 7 { &r[..1] } else { r }))
        .collect();
    let csv = dir.path().join("坏台账.csv");
    std::fs::write(&csv, text).unwrap();
    let kept = record(&ws);

    let a = import(&ws, &csv).code(2);
    let err = stderr(&a);
    let other_agency = before[&other]["agency"].as_str().unwrap();
    for (what, needle) in [
        ("file", "坏台账.csv".to_string()),
        ("unknown id", format!("第 {first} 行 A 列（整改编号）")),
        ("unknown id", "Z9999".to_string()),
        ("other agency", format!("第 {second} 行 A 列（整改编号）")),
        ("other agency", format!("属于“{other_agency}”")),
        ("other agency", format!("本台账的执法机关“{agency}”")),
        ("bad date", format!("第 {third} 行 L 列（完成日期）")),
        ("bad date", "“下个月”不是日期".to_string()),
        ("repeated", format!("第 {last} 行 A 列（整改编号）")),
        ("repeated", format!("在第 {} 行已出现", row_of(&g, &fourth))),
        ("nothing saved", "未保存任何内容".to_string()),
    ] {
        assert!(err.contains(&needle), "{what}: {needle} not in\n{err}");
    }
    assert_eq!(record(&ws), kept, "all or nothing");
    assert_eq!(items(&ws), before);
    // In English too.
    let a = anjuan()
        .args(["--lang", "en", "rectify"])
        .arg(&ws)
        .arg("import")
        .arg(&csv)
        .args(["--by", "x"])
        .assert()
        .code(2);
    let err = stderr(&a);
    assert!(err.contains(&format!("row {third}, column L")), "{err}");
    assert!(err.contains("nothing was saved"), "{err}");
    assert_eq!(record(&ws), kept);
}

/// The sheet opened and saved again by LibreOffice — as XLSX and as CSV — with a plan, a report
/// done on a date, a multi-line measure and texts that look like formulas pre-filled: every row
/// is as recorded, so nothing changes.
#[test]
fn a_sheet_resaved_by_libreoffice_changes_nothing() {
    let Some(office) = common::soffice() else {
        eprintln!("SKIPPED: LibreOffice (soffice) is not installed, so the re-saved sheet was not checked");
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let ws = demo(dir.path());
    let (agency, ids, _) = pick(&items(&ws));
    let step = |args: &[&str]| {
        anjuan()
            .arg("rectify")
            .arg(&ws)
            .args(args)
            .args(["--by", "法制股"])
            .assert()
            .success();
    };
    step(&[
        "plan",
        &ids[0],
        "--leader",
        "王副局长",
        "--owner",
        "陈某",
        "--measure=-逐卷核查\n并补记",
    ]);
    step(&[
        "report",
        &ids[0],
        "--progress==已完成",
        "--done",
        "--date",
        "2026/12/2",
    ]);
    step(&[
        "plan",
        &ids[1],
        "--leader",
        "王副局长",
        "--owner",
        "陈某",
        "--measure",
        "培训",
    ]);
    step(&["report", &ids[1], "--progress", "+2 份已补正"]);
    let sheet = dir.path().join("s.xlsx");
    write_sheet(&ws, &agency, &sheet);
    let kept = record(&ws);
    let profile = format!("file://{}", dir.path().join("lo-profile").display());
    let again = dir.path().join("again");
    for filter in ["xlsx", "csv:Text - txt - csv (StarCalc):44,34,76"] {
        let out = std::process::Command::new(&office)
            .arg(format!("-env:UserInstallation={profile}"))
            .args(["--headless", "--convert-to", filter, "--outdir"])
            .arg(&again)
            .arg(&sheet)
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    for file in ["s.xlsx", "s.csv"] {
        let a = import(&ws, &again.join(file)).success();
        assert!(
            stdout(&a).contains("0 个事项有变更"),
            "{file}: {}",
            stdout(&a)
        );
        assert_eq!(record(&ws), kept, "{file}");
    }
}
