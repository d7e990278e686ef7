//! The per-file result sheets (一卷一表): one finalized and one in-progress file exported through
//! `export::result_sheet::write`, read back with calamine (cells), from the sheets' XML (footer,
//! print setup) and as CSV (BOM, neutralised findings), and checked against what
//! `anjuan review show --format json` reports.

mod common;
use anjuan::i18n::Lang;
use calamine::{open_workbook, Reader, Xlsx};
use common::*;
use sha2::Digest;
use std::io::Read;
use std::path::Path;

const FINDING: &str = "=HYPERLINK(\"http://x\") 申请材料未编页";

fn review(ws: &Path, args: &[&str]) {
    anjuan().arg("review").arg(ws).args(args).assert().success();
}

fn zip_entry(path: &Path, name: &str) -> String {
    let mut z = zip::ZipArchive::new(std::fs::File::open(path).unwrap()).unwrap();
    let mut s = String::new();
    z.by_name(name).unwrap().read_to_string(&mut s).unwrap();
    s
}

/// A JSON number of points as the sheet prints it (`97`, `98.5`).
fn pts(v: &serde_json::Value) -> String {
    v.to_string()
}

/// The records of an RFC 4180 CSV (quoted fields may hold commas, quotes and line breaks).
fn csv_records(text: &str) -> Vec<Vec<String>> {
    let mut records = Vec::new();
    let (mut record, mut field) = (Vec::new(), String::new());
    let mut chars = text.chars().peekable();
    let mut quoted = false;
    while let Some(c) = chars.next() {
        match (quoted, c) {
            (true, '"') if chars.peek() == Some(&'"') => {
                chars.next();
                field.push('"');
            }
            (true, '"') => quoted = false,
            (true, c) => field.push(c),
            (false, '"') => quoted = true,
            (false, ',') => record.push(std::mem::take(&mut field)),
            (false, '\r') => {}
            (false, '\n') => {
                record.push(std::mem::take(&mut field));
                records.push(std::mem::take(&mut record));
            }
            (false, c) => field.push(c),
        }
    }
    records
}

#[test]
fn result_sheets_one_per_started_file() {
    let dir = tempfile::tempdir().unwrap();
    let ws = drawn_workspace(dir.path());
    let done = case_of_type(&ws, "行政许可");
    let partial = case_of_type(&ws, "行政处罚（一般程序）");

    // The licensing file: A1 deducted (a formula-looking finding, with evidence), E3 n/a, the
    // rest pass from an imported sheet, then finalized.
    review(
        &ws,
        &[
            "set",
            &done,
            "A1",
            "--deduct",
            "1",
            "--finding",
            FINDING,
            "--evidence",
            "第3页",
            "--reviewer",
            "张三",
        ],
    );
    let items = show(&ws, &done)["items"].as_array().unwrap().clone();
    let mut csv = String::from("case_id,item_id,decision,points,finding,reviewer\n");
    for it in &items {
        let id = it["id"].as_str().unwrap();
        match id {
            "A1" => {}
            "E3" => csv += &format!("{done},E3,不适用,,,李四\n"),
            _ => csv += &format!("{done},{id},pass,,,李四\n"),
        }
    }
    let sheet = dir.path().join("decisions.csv");
    std::fs::write(&sheet, csv).unwrap();
    anjuan()
        .arg("review")
        .arg(&ws)
        .arg("import")
        .arg(&sheet)
        .assert()
        .success();
    review(&ws, &["finalize", &done, "--reviewer", "张三"]);
    let finalize_line = journal_lines(&ws).last().unwrap().clone();

    // The other file: one deduction, still in progress (and the journal's last event).
    review(
        &ws,
        &[
            "set",
            &partial,
            "A1",
            "--deduct",
            "1",
            "--finding",
            "处罚决定书加盖内设机构印章",
            "--reviewer",
            "王五",
        ],
    );

    let shown = show(&ws, &done);
    assert_eq!(shown["status"], "finalized");
    let head = shown["journal_head"].as_str().unwrap().to_string();
    let finalize_digest = format!("{:x}", sha2::Sha256::digest(finalize_line.as_bytes()));

    let r = anjuan::review::Review::open(&ws).unwrap();
    let expected_order: Vec<String> = r
        .files
        .iter()
        .map(|f| f.id().to_string())
        .filter(|id| *id == done || *id == partial)
        .collect();
    let out = dir.path().join("导出");
    let written = anjuan::export::result_sheet::write(&r, &out, Lang::Zh).unwrap();
    let names: Vec<&str> = written.iter().map(|(n, _)| n.as_str()).collect();
    assert_eq!(names, ["评查表.xlsx", "评查表.csv"]);
    for (name, sha) in &written {
        let bytes = std::fs::read(out.join(name)).unwrap();
        assert_eq!(
            &format!("{:x}", sha2::Sha256::digest(&bytes)),
            sha,
            "{name}"
        );
    }

    let xlsx = out.join("评查表.xlsx");
    let mut book: Xlsx<_> = open_workbook(&xlsx).unwrap();
    assert_eq!(book.sheet_names(), expected_order);
    let range = book.worksheet_range(&done).unwrap();
    let cells: Vec<Vec<String>> = range
        .rows()
        .map(|r| r.iter().map(|c| c.to_string()).collect())
        .collect();
    assert_eq!(cells[0][0], "行政执法案卷评查表（行政许可案卷评查表）");
    let all = cells
        .iter()
        .flatten()
        .cloned()
        .collect::<Vec<_>>()
        .join("\n");
    assert!(all.contains(&format!("案号：{done}")));
    assert!(all.contains("定稿人：张三"), "{all}");
    assert!(all.contains("评查人 张三（签字）"));
    assert!(all.contains("评查人 李四（签字）"));
    assert!(all.contains("复核人（签字）"));

    let header = cells.iter().position(|r| r[0] == "序号").unwrap();
    assert_eq!(
        cells[header],
        [
            "序号",
            "评查项目",
            "评查内容",
            "分值",
            "扣分",
            "得分",
            "评查结论",
            "问题描述"
        ]
    );
    let items = shown["items"].as_array().unwrap();
    let rows = &cells[header + 1..header + 1 + items.len()];
    for (row, it) in rows.iter().zip(items) {
        let id = it["id"].as_str().unwrap();
        assert_eq!(row[0], id);
        assert_eq!(row[2], it["text"].as_str().unwrap());
        if it["veto"].as_bool().unwrap() {
            assert_eq!(&row[3..6], ["", "", ""], "{id}");
            assert_eq!(row[6], "符合", "{id}");
            continue;
        }
        assert_eq!(row[3], pts(&it["max_points"]), "{id}");
        assert_eq!(row[5], pts(&it["score"]), "{id}");
        let (off, verdict) = match id {
            "A1" => ("1", "扣分"),
            "E3" => ("0", "不适用"),
            _ => ("0", "符合"),
        };
        assert_eq!((row[4].as_str(), row[6].as_str()), (off, verdict), "{id}");
    }
    assert_eq!(
        cells[header + 1 + items.len()][1],
        "否决项结果",
        "one row per item"
    );
    let a1 = rows.iter().find(|r| r[0] == "A1").unwrap();
    assert_eq!(a1[7], format!("'{FINDING}（卷内页码：第3页）"));

    let labelled = |label: &str| {
        cells
            .iter()
            .find(|r| r[1] == label)
            .unwrap_or_else(|| panic!("no {label} row"))
            .clone()
    };
    let score = &shown["score"];
    assert_eq!(labelled("否决项结果")[2], "无");
    let total = labelled("合计得分");
    assert_eq!(
        total[2],
        format!("{} / {}", pts(&score["points"]), pts(&score["total"]))
    );
    assert_eq!(total[5], pts(&score["points"]));
    assert_eq!(labelled("等次")[2], score["grade"].as_str().unwrap());
    assert!(labelled("评语")[2].trim().is_empty());

    // The in-progress file: provisional totals, undecided items shown as such.
    let range = book.worksheet_range(&partial).unwrap();
    let text: Vec<String> = range.rows().flatten().map(|c| c.to_string()).collect();
    assert!(text.iter().any(|t| t.starts_with("状态：进行中（已评 1/")));
    assert!(text.iter().any(|t| t == "未评"));
    assert!(text
        .iter()
        .any(|t| t == "评查人 王五（签字）：________________　日期：____________"));

    // Footer and print setup, from the sheets' XML.
    let sheet_no = expected_order.iter().position(|c| *c == done).unwrap() + 1;
    let xml = zip_entry(&xlsx, &format!("xl/worksheets/sheet{sheet_no}.xml"));
    assert!(xml.contains(&head), "journal head in the footer");
    assert!(
        xml.contains(&format!(
            "日志第 {} 条 {finalize_digest}",
            finalize_line_seq(&finalize_line)
        )),
        "the file's last event and its digest in the footer"
    );
    assert!(xml.contains(r#"paperSize="9""#));
    assert!(xml.contains("fitToPage"));

    // One CSV with both files: a BOM at the start only, no field a spreadsheet would run.
    let bytes = std::fs::read(out.join("评查表.csv")).unwrap();
    let text = String::from_utf8(bytes).unwrap();
    assert!(text.starts_with('\u{feff}'));
    assert_eq!(text.matches('\u{feff}').count(), 1);
    let records = csv_records(text.trim_start_matches('\u{feff}'));
    for field in records.iter().flatten() {
        assert!(!field.starts_with('='), "{field:?}");
    }
    assert!(records
        .iter()
        .flatten()
        .any(|f| f.starts_with("'=HYPERLINK")));
    assert!(records
        .iter()
        .flatten()
        .any(|f| *f == format!("案号：{partial}")));
}

fn finalize_line_seq(line: &str) -> u64 {
    serde_json::from_str::<serde_json::Value>(line).unwrap()["seq"]
        .as_u64()
        .unwrap()
}

#[test]
fn nothing_started_is_refused_and_english_names() {
    let dir = tempfile::tempdir().unwrap();
    let ws = drawn_workspace(dir.path());
    let r = anjuan::review::Review::open(&ws).unwrap();
    assert!(anjuan::export::result_sheet::tables(&r, Lang::Zh).is_empty());
    let out = dir.path().join("out");
    assert!(anjuan::export::result_sheet::write(&r, &out, Lang::Zh).is_err());

    let case = case_of_type(&ws, "行政许可");
    review(&ws, &["set", &case, "V1", "--pass", "--reviewer", "张三"]);
    let r = anjuan::review::Review::open(&ws).unwrap();
    let written = anjuan::export::result_sheet::write(&r, &out, Lang::En).unwrap();
    let names: Vec<&str> = written.iter().map(|(n, _)| n.as_str()).collect();
    assert_eq!(names, ["result-sheets.xlsx", "result-sheets.csv"]);
    let t = &anjuan::export::result_sheet::tables(&r, Lang::En)[0];
    assert_eq!(t.name, case);
    assert!(t.title.starts_with("Case file review sheet ("));
    assert_eq!(t.columns[3].header, "Points");
}
