//! `anjuan risk`: registers written here with planted cases and near misses for every indicator
//! (CSV in UTF-8 and GBK, and XLSX); exactly the planted ones are flagged, bad values are refused
//! by row and column, and the report is deterministic.

mod common;

use common::anjuan;
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

const HEADER: &str = "案号,执法机关,案件类型,程序类型,案件名称,当事人,统一社会信用代码,违法行为,处罚依据,罚款金额,违法行为发生日期,立案日期,决定日期,延长期限";

/// Every indicator's planted case (P-…) and its near miss (N-…).
const ROWS: &[&str] = &[
    // 顶格罚款: at the top of 500–1000; the near miss one yuan below.
    "P-TOP,城管局,行政处罚,普通程序,案1,甲,,占道经营,第十条,\"1,000\",2024-01-01,2024-01-05,2024-01-10,",
    "N-TOP,城管局,行政处罚,普通程序,案2,乙,,占道经营,第十条,999,2024-01-01,2024-01-05,2024-01-10,",
    // 超出裁量基准 (also 高额罚款 with the line at 10,000): 1.5万 above 500–1000.
    "P-OUT-HIGH,交通局,行政处罚,普通程序,案3,丙,,超限运输,,1.5万,2024-01-01,2024-01-05,2024-01-10,",
    "P-OUT-LOW,公安局,行政处罚,普通程序,案4,丁,,超限运输,,499.99,2024-01-01,2024-01-05,2024-01-10,",
    "N-HIGH,交通局,行政处罚,普通程序,案5,戊,,其他,,\"10,000.00\",2024-01-01,2024-01-05,2024-01-10,",
    // 类案不同罚: 林业局 fines 200 and 800 for 滥伐林木 (ratio 4 > 3); 水利局 300 and 900 (3, not above).
    "P-UNEQ-1,林业局,行政处罚,普通程序,案6,己,,滥伐林木,第三十二条,200,2024-01-01,2024-01-05,2024-01-10,",
    "P-UNEQ-2,林业局,行政处罚,普通程序,案7,庚,,滥伐林木,第三十二条,800,2024-01-01,2024-01-05,2024-01-10,",
    "N-UNEQ-1,水利局,行政处罚,普通程序,案8,辛,,河道采砂,第九条,300,2024-01-01,2024-01-05,2024-01-10,",
    "N-UNEQ-2,水利局,行政处罚,普通程序,案9,壬,,河道采砂,第九条,900,2024-01-01,2024-01-05,2024-01-10,",
    // 超期办结: day 91 flagged, day 90 not; 简易程序 never; an extension of 30 days covers day 110.
    "P-LATE,市监局,行政处罚,普通程序,案10,癸,,无照经营,,,2024-01-01,2024-01-05,2024-04-05,",
    "N-LATE,市监局,行政处罚,普通程序,案11,子,,无照经营,,,2024-01-01,2024-01-05,2024-04-04,",
    "N-LATE-SIMPLE,市监局,行政处罚,简易程序,案12,丑,,无照经营,,,2024-01-01,2024-01-05,2024-06-01,",
    "N-LATE-EXT,市监局,行政处罚,普通程序,案13,寅,,无照经营,,,2024-01-01,2024-01-05,2024-04-24,30日",
    "P-LATE-EXT,市监局,行政处罚,普通程序,案14,卯,,无照经营,,,2024-01-01,2024-01-05,2024-04-24,是",
    // 超过追责时效: two years and a day; exactly two years is not.
    "P-BARRED,市监局,行政处罚,普通程序,案15,辰,,无照经营,,,2021-01-04,2023-01-05,2023-01-20,",
    "N-BARRED,市监局,行政处罚,普通程序,案16,巳,,无照经营,,,2021-01-05,2023-01-05,2023-01-20,",
    // 涉企检查频次: three inspections of one entity by 城管局 in 2024 (limit 2); two by 交通局.
    "P-VISIT-1,城管局,行政检查,,检查1,某某公司,91350100M000100Y43,,,,,,2024-03-01,",
    "P-VISIT-2,城管局,行政检查,,检查2,某某公司,91350100M000100Y43,,,,,,2024-05-01,",
    "P-VISIT-3,城管局,行政检查,,检查3,某某公司,91350100M000100Y43,,,,,,2024-07-01,",
    "N-VISIT-1,交通局,行政检查,,检查4,某某公司,91350100M000100Y43,,,,,,2024-03-01,",
    "N-VISIT-2,交通局,行政检查,,检查5,某某公司,91350100M000100Y43,,,,,,2024-05-01,",
    "N-VISIT-3,城管局,行政检查,,检查6,某某公司,91350100M000100Y43,,,,,,2025-01-02,",
];

const BENCH: &str =
    "违法行为,依据,情节,最低罚款,最高罚款\n占道经营,,,500,1000\n超限运输,,,500,1000\n";

fn register_text() -> String {
    let mut s = String::from(HEADER);
    s.push('\n');
    for r in ROWS {
        s.push_str(r);
        s.push('\n');
    }
    s
}

fn expected() -> Vec<(&'static str, Vec<&'static str>)> {
    vec![
        ("top_fine", vec!["P-TOP"]),
        ("high_fine", vec!["P-OUT-HIGH"]),
        ("outside_range", vec!["P-OUT-HIGH", "P-OUT-LOW"]),
        ("unequal_fines", vec!["P-UNEQ-1", "P-UNEQ-2"]),
        ("overdue", vec!["P-LATE", "P-LATE-EXT"]),
        ("time_barred", vec!["P-BARRED"]),
        (
            "inspection_frequency",
            vec!["P-VISIT-1", "P-VISIT-2", "P-VISIT-3"],
        ),
    ]
}

fn init(dir: &Path, register: &Path) -> PathBuf {
    let ws = dir.join("ws");
    anjuan()
        .arg("init")
        .arg(&ws)
        .arg("--register")
        .arg(register)
        .assert()
        .success();
    ws
}

fn scan_json(ws: &Path, bench: &Path, extra: &[&str]) -> serde_json::Value {
    let out = anjuan()
        .args([
            "risk",
            "--format",
            "json",
            "--no-record",
            "--high-fine",
            "10000",
        ])
        .arg(ws)
        .arg("--benchmarks")
        .arg(bench)
        .args(extra)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

fn flagged(v: &serde_json::Value, key: &str) -> Vec<String> {
    let ind = v["indicators"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["key"] == key)
        .unwrap_or_else(|| panic!("no {key}"));
    ind["flagged"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["case_id"].as_str().unwrap().to_string())
        .collect()
}

fn assert_planted(v: &serde_json::Value) {
    for (key, ids) in expected() {
        assert_eq!(flagged(v, key), ids, "{key}");
    }
}

fn setup(dir: &Path, bytes: &[u8], name: &str) -> (PathBuf, PathBuf) {
    let reg = dir.join(name);
    std::fs::write(&reg, bytes).unwrap();
    let bench = dir.join("裁量基准.csv");
    std::fs::write(&bench, BENCH).unwrap();
    (init(dir, &reg), bench)
}

#[test]
fn exactly_the_planted_cases_are_flagged_utf8() {
    let d = tempfile::tempdir().unwrap();
    let (ws, bench) = setup(d.path(), register_text().as_bytes(), "reg.csv");
    let v = scan_json(&ws, &bench, &[]);
    assert_planted(&v);
    // The JSON carries rule, params, numbers and where the row is.
    let top = &v["indicators"][0];
    assert_eq!(top["key"], "top_fine");
    assert!(top["rule"].as_str().unwrap().contains("最高"));
    let f = &top["flagged"][0];
    assert_eq!(f["agency"], "城管局");
    assert!(f["file"].as_str().unwrap().ends_with("reg.csv"));
    assert_eq!(f["row"], 2);
    assert_eq!(f["numbers"]["fine"], "1000");
    assert_eq!(f["numbers"]["high"], "1000");
    let out = flagged(&v, "outside_range");
    assert_eq!(out.len(), 2);
    let late = &v["indicators"][4]["flagged"][1];
    assert_eq!(late["case_id"], "P-LATE-EXT");
    assert_eq!(late["numbers"]["extension"], "recorded");
    let visits = &v["indicators"][6];
    assert_eq!(visits["clusters"][0]["cases"].as_array().unwrap().len(), 3);
    assert!(visits["flagged"][0]["entity"]
        .as_str()
        .unwrap()
        .contains("某某公司"));
    // 当事人 appears nowhere else.
    for i in 0..6 {
        for f in v["indicators"][i]["flagged"].as_array().unwrap() {
            assert!(f.get("entity").is_none(), "{f}");
        }
    }
    assert_eq!(v["params"]["high_fine_fen"], 1_000_000);
    let summary = v["summary"].as_array().unwrap();
    assert!(summary
        .iter()
        .any(|s| s["agency"] == "林业局" && s["flagged"]["unequal_fines"] == 2));
    // The same scan twice is the same, byte for byte.
    let again = scan_json(&ws, &bench, &[]);
    assert_eq!(v, again);
}

#[test]
fn gbk_and_xlsx_registers_flag_the_same() {
    let d = tempfile::tempdir().unwrap();
    let text = register_text();
    let (gbk, _, _) = encoding_rs::GBK.encode(&text);
    let (ws, bench) = setup(d.path(), &gbk, "reg.csv");
    let v = scan_json(&ws, &bench, &[]);
    assert_planted(&v);

    let d2 = tempfile::tempdir().unwrap();
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet();
    let mut rdr = csv_rows(&text);
    for (r, row) in rdr.drain(..).enumerate() {
        for (c, cell) in row.iter().enumerate() {
            // The fines as numbers where they are plain numbers, as a spreadsheet would hold them.
            let col_is_fine = c == 9 && r > 0;
            match cell.parse::<f64>() {
                Ok(n) if col_is_fine => {
                    sheet.write_number(r as u32, c as u16, n).unwrap();
                }
                _ => {
                    sheet.write_string(r as u32, c as u16, cell).unwrap();
                }
            }
        }
    }
    let reg = d2.path().join("reg.xlsx");
    book.save(&reg).unwrap();
    let bench2 = d2.path().join("裁量基准.csv");
    std::fs::write(&bench2, BENCH).unwrap();
    let ws2 = init(d2.path(), &reg);
    let v2 = scan_json(&ws2, &bench2, &[]);
    assert_planted(&v2);
    assert!(v["flagged_sha256"].is_string());
}

/// A tiny CSV splitter for the fixture above (quotes only around whole fields).
fn csv_rows(text: &str) -> Vec<Vec<String>> {
    text.lines()
        .map(|line| {
            let mut out = Vec::new();
            let mut cur = String::new();
            let mut quoted = false;
            for ch in line.chars() {
                match ch {
                    '"' => quoted = !quoted,
                    ',' if !quoted => out.push(std::mem::take(&mut cur)),
                    c => cur.push(c),
                }
            }
            out.push(cur);
            out
        })
        .collect()
}

#[test]
fn thresholds_are_parameters() {
    let d = tempfile::tempdir().unwrap();
    let (ws, bench) = setup(d.path(), register_text().as_bytes(), "reg.csv");
    let v = scan_json(
        &ws,
        &bench,
        &[
            "--spread-ratio",
            "2.9",
            "--inspection-limit",
            "1",
            "--only",
            "类案不同罚",
            "--only",
            "inspection_frequency",
        ],
    );
    let keys: Vec<&str> = v["indicators"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["key"].as_str().unwrap())
        .collect();
    assert_eq!(keys, ["unequal_fines", "inspection_frequency"]);
    assert_eq!(
        flagged(&v, "unequal_fines"),
        ["N-UNEQ-1", "N-UNEQ-2", "P-UNEQ-1", "P-UNEQ-2"]
    );
    assert_eq!(flagged(&v, "inspection_frequency").len(), 5);
    // A limits table replaces the default: 5 years for 无照经营, 60 days for every case.
    let limits = d.path().join("办案期限.csv");
    std::fs::write(
        &limits,
        "指标,适用于,期限,依据\n追责时效,无照经营,5年,法律另有规定\n办案期限,,60日,本地规定\n",
    )
    .unwrap();
    let limits_arg = limits.to_str().unwrap();
    let v = scan_json(
        &ws,
        &bench,
        &[
            "--limits",
            limits_arg,
            "--only",
            "time_barred",
            "--only",
            "overdue",
        ],
    );
    assert!(flagged(&v, "time_barred").is_empty());
    assert_eq!(flagged(&v, "overdue").len(), 5, "{}", v["indicators"][0]);
}

#[test]
fn bad_amounts_dates_and_extensions_name_row_and_column() {
    let d = tempfile::tempdir().unwrap();
    let mut text = register_text();
    text.push_str(
        "BAD-1,城管局,行政处罚,普通程序,案,甲,,占道经营,,-100,2024-01-01,2024-01-05,2024-01-10,\n",
    );
    text.push_str(
        "BAD-2,城管局,行政处罚,普通程序,案,甲,,占道经营,,1.5千,2024-01-01,2024-01-05,2024-01-10,\n",
    );
    text.push_str(
        "BAD-3,城管局,行政处罚,普通程序,案,甲,,占道经营,,0.001,2024-13-01,2024-01-05,2024-01-10,\n",
    );
    text.push_str("BAD-4,城管局,行政处罚,普通程序,案,甲,,占道经营,,100,2024-01-01,2024-01-05,2024-01-10,很久\n");
    let reg = d.path().join("reg.csv");
    std::fs::write(&reg, text).unwrap();
    let out = anjuan()
        .arg("init")
        .arg(d.path().join("ws"))
        .arg("--register")
        .arg(&reg)
        .output()
        .unwrap();
    assert!(!out.status.success());
    let err =
        String::from_utf8_lossy(&out.stderr).to_string() + &String::from_utf8_lossy(&out.stdout);
    let first = ROWS.len() + 2;
    for (row, col, what) in [
        (first, "J 列（罚款金额）", "金额为负数"),
        (first + 1, "J 列（罚款金额）", "不是金额"),
        (first + 2, "J 列（罚款金额）", "精确到分以下"),
        (first + 2, "K 列（违法行为发生日期）", "2024-13-01"),
        (first + 3, "N 列（延长期限）", "很久"),
    ] {
        assert!(
            err.lines().any(|l| l.contains(&format!("第 {row} 行"))
                && l.contains(col)
                && l.contains(what)),
            "row {row} {col} {what}:\n{err}"
        );
    }
}

#[test]
fn benchmark_tables_are_validated() {
    let d = tempfile::tempdir().unwrap();
    let (ws, _) = setup(d.path(), register_text().as_bytes(), "reg.csv");
    let bad = d.path().join("bad.csv");
    std::fs::write(
        &bad,
        "违法行为,依据,情节,最低罚款,最高罚款\n占道经营,,,1000,500\n,,,1,2\n占道经营,,一般,1万,x\n占道经营,,很重要的,1,2\n超限运输,,,1,2\n超限运输,,,1,3\n",
    )
    .unwrap();
    let out = anjuan()
        .args(["--lang", "en", "risk"])
        .arg(&ws)
        .arg("--benchmarks")
        .arg(&bad)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    for (row, what) in [
        (2, "swapped"),
        (3, "both the violation and the basis are empty"),
        (4, "cannot be read"),
        (5, "circumstance"),
        (7, "repeats row 6"),
    ] {
        assert!(
            err.lines()
                .any(|l| l.contains(&format!("row {row}")) && l.contains(what)),
            "row {row} {what}:\n{err}"
        );
    }
    let missing = d.path().join("missing.csv");
    std::fs::write(&missing, "违法行为,最低罚款\n占道经营,1\n").unwrap();
    let out = anjuan()
        .args(["--lang", "en", "risk"])
        .arg(&ws)
        .arg("--benchmarks")
        .arg(&missing)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("最高罚款"));
}

#[test]
fn the_report_and_the_record() {
    let d = tempfile::tempdir().unwrap();
    let (ws, bench) = setup(d.path(), register_text().as_bytes(), "reg.csv");
    let out = d.path().join("out");
    anjuan()
        .arg("risk")
        .arg(&ws)
        .arg("--benchmarks")
        .arg(&bench)
        .arg("--out")
        .arg(&out)
        .assert()
        .success();
    let xlsx = out.join("风险筛查报告.xlsx");
    use calamine::Reader;
    let mut book: calamine::Xlsx<_> = calamine::open_workbook(&xlsx).unwrap();
    let names = book.sheet_names();
    let want: BTreeSet<&str> = [
        "顶格罚款",
        "高额罚款",
        "超出裁量基准",
        "类案不同罚",
        "超期办结",
        "超过追责时效",
        "涉企检查频次",
        "各单位汇总",
    ]
    .into();
    assert_eq!(
        names.iter().map(String::as_str).collect::<BTreeSet<_>>(),
        want
    );
    let range = book.worksheet_range("顶格罚款").unwrap();
    let cells: Vec<String> = range.cells().map(|(_, _, c)| c.to_string()).collect();
    assert!(cells.iter().any(|c| c == "P-TOP"), "{cells:?}");
    assert!(!cells.iter().any(|c| c == "甲"), "no party on a fine sheet");
    let csv = std::fs::read_to_string(out.join("风险筛查报告.csv")).unwrap();
    assert!(csv.contains("P-BARRED"));
    assert!(csv.contains("总体 "), "footer digests");
    // The scan is recorded with the benchmarks copy, and verify checks both.
    let rec: serde_json::Value =
        serde_json::from_slice(&std::fs::read(ws.join("risk/0001.json")).unwrap()).unwrap();
    assert_eq!(rec["kind"], "anjuan-risk-scan");
    let copy = rec["benchmarks_copy"].as_str().unwrap();
    assert_eq!(std::fs::read(ws.join(copy)).unwrap(), BENCH.as_bytes());
    anjuan().arg("verify").arg(&ws).assert().success();
    // The same scan over the same workspace and tables gives the same report (the XLSX differs
    // only in its creation time).
    let out2 = d.path().join("out2");
    anjuan()
        .arg("risk")
        .arg(&ws)
        .arg("--benchmarks")
        .arg(&bench)
        .arg("--no-record")
        .arg("--out")
        .arg(&out2)
        .assert()
        .success();
    assert_eq!(
        std::fs::read(out2.join("风险筛查报告.csv")).unwrap(),
        csv.as_bytes()
    );
    // A record changed afterwards fails verify.
    let path = ws.join("risk/0001.json");
    let text = std::fs::read_to_string(&path)
        .unwrap()
        .replace("P-TOP", "P-TOQ");
    std::fs::write(&path, text).unwrap();
    anjuan().arg("verify").arg(&ws).assert().code(1);
}

#[test]
fn old_registers_import_the_same_population() {
    // A register without any risk column keeps its population digest and its titles from 案由.
    let d = tempfile::tempdir().unwrap();
    let reg = d.path().join("old.csv");
    std::fs::write(&reg, "案号,执法机关,案由\nX1,局,甲案\nX2,局,乙案\n").unwrap();
    let ws = init(d.path(), &reg);
    let cases = std::fs::read_to_string(ws.join("cases.jsonl")).unwrap();
    assert!(cases.contains("\"title\":\"甲案\""));
    assert!(cases.contains("\"violation\":\"甲案\""));
    let out = anjuan()
        .args(["risk", "--format", "json", "--no-record"])
        .arg(&ws)
        .output()
        .unwrap();
    assert!(out.status.success());
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    for i in v["indicators"].as_array().unwrap() {
        assert!(i["flagged"].as_array().unwrap().is_empty());
    }
}
