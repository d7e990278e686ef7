//! Exports as a user prints them: the witness sheet of the draw as XLSX (read back with calamine;
//! print settings read from the sheet's XML) and as CSV (UTF-8 with BOM), with formula-looking
//! register values neutralised.

mod common;
use calamine::{open_workbook, Reader, Xlsx};
use common::*;
use predicates::str::contains;
use std::io::Read;
use std::path::Path;

fn export(ws: &Path, out: &Path) {
    anjuan()
        .arg("export")
        .arg(ws)
        .arg("--out")
        .arg(out)
        .assert()
        .success()
        .stdout(contains("抽样记录表.xlsx"));
}

fn zip_entry(path: &Path, name: &str) -> String {
    let mut z = zip::ZipArchive::new(std::fs::File::open(path).unwrap()).unwrap();
    let mut s = String::new();
    z.by_name(name).unwrap().read_to_string(&mut s).unwrap();
    s
}

#[test]
fn witness_sheet_xlsx_and_csv() {
    let dir = tempfile::tempdir().unwrap();
    let ws = drawn_workspace(dir.path());
    let out = dir.path().join("导出");
    export(&ws, &out);
    let draw: serde_json::Value =
        serde_json::from_slice(&std::fs::read(ws.join("draws/0001.json")).unwrap()).unwrap();
    let record_sha = {
        use sha2::Digest;
        let bytes = std::fs::read(ws.join("draws/0001.json")).unwrap();
        format!("{:x}", sha2::Sha256::digest(&bytes))
    };
    let selected = draw["selected"].as_array().unwrap();

    let xlsx = out.join("抽样记录表.xlsx");
    let mut book: Xlsx<_> = open_workbook(&xlsx).unwrap();
    assert_eq!(book.sheet_names(), vec!["抽样记录表".to_string()]);
    let range = book.worksheet_range("抽样记录表").unwrap();
    let text: Vec<Vec<String>> = range
        .rows()
        .map(|r| r.iter().map(|c| c.to_string()).collect())
        .collect();
    assert_eq!(text[0][0], "行政执法案卷随机抽样记录表");
    let all = text
        .iter()
        .flatten()
        .cloned()
        .collect::<Vec<_>>()
        .join("\n");
    assert!(all.contains(&record_sha), "record digest on the sheet");
    assert!(all.contains(draw["seed"].as_str().unwrap()));
    assert!(all.contains("王五（县纪委监委）"));
    assert!(all.contains(draw["commitment"]["sha256"].as_str().unwrap()));
    let header = text
        .iter()
        .position(|r| r[3] == "案号")
        .expect("column headers");
    let rows = &text[header + 1..header + 1 + selected.len()];
    for s in selected {
        let id = s["case_id"].as_str().unwrap();
        let row = rows
            .iter()
            .find(|r| r[3] == id)
            .unwrap_or_else(|| panic!("{id} listed"));
        assert!(s["ticket"].as_str().unwrap().starts_with(&row[5]));
    }
    assert!(text
        .iter()
        .any(|r| r[0].starts_with("见证人 王五（县纪委监委）（签字）")));

    // Print settings: A4, one page wide, headers repeated, the audit footer with page numbers.
    let sheet = zip_entry(&xlsx, "xl/worksheets/sheet1.xml");
    assert!(sheet.contains(r#"paperSize="9""#), "A4");
    // Fit to one page wide (fitToWidth defaults to 1), any number of pages tall.
    assert!(sheet.contains(r#"fitToPage="1""#) && sheet.contains(r#"fitToHeight="0""#));
    let footer = sheet
        .split("<oddFooter>")
        .nth(1)
        .unwrap()
        .split("</oddFooter>")
        .next()
        .unwrap();
    assert!(
        footer.contains(&record_sha) && footer.contains("&amp;P"),
        "{footer}"
    );
    assert!(
        footer.encode_utf16().count() <= 255 + 40,
        "entity-escaped footer near the limit"
    );
    let workbook = zip_entry(&xlsx, "xl/workbook.xml");
    assert!(
        workbook.contains("_xlnm.Print_Titles"),
        "header row repeated"
    );
    assert!(zip_entry(&xlsx, "xl/styles.xml").contains("宋体"));

    let csv = std::fs::read(out.join("抽样记录表.csv")).unwrap();
    assert!(csv.starts_with(b"\xEF\xBB\xBF"), "BOM for Excel");
    let csv = String::from_utf8(csv).unwrap();
    assert!(csv.contains(&record_sha));
    assert!(csv.contains("\r\n"));
    assert_eq!(
        csv.lines()
            .filter(|l| l.contains(",样本,") || l.contains(",备选,"))
            .count(),
        selected.len()
    );

    // Exporting again replaces the files whole: the witness sheet and pull list (XLSX, CSV) and
    // the manifest, before any file is reviewed.
    export(&ws, &out);
    assert_eq!(std::fs::read_dir(&out).unwrap().count(), 5);

    // Once a file is being reviewed, its result sheet is exported too.
    let case = case_of_type(&ws, "行政许可");
    anjuan()
        .arg("review")
        .arg(&ws)
        .args(["set", &case, "A1", "--pass", "--reviewer", "张三"])
        .assert()
        .success();
    anjuan()
        .arg("export")
        .arg(&ws)
        .arg("--out")
        .arg(&out)
        .assert()
        .success()
        .stdout(contains("评查表.xlsx"))
        .stdout(contains("评查表.csv"));
    // + result sheets, summary, problem list, statistics, rectification ledger, progress,
    // referrals.
    assert_eq!(std::fs::read_dir(&out).unwrap().count(), 19);
}

/// Every workbook of an export is the same bytes when the record is the same: a sheet's SHA-256
/// in a manifest can be recomputed by exporting again.
#[test]
fn the_same_record_exports_the_same_workbook_bytes() {
    let dir = tempfile::tempdir().unwrap();
    let ws = demo_workspace(dir.path(), "campaign");
    let (a, b) = (dir.path().join("a"), dir.path().join("b"));
    for out in [&a, &b] {
        anjuan()
            .arg("export")
            .arg(&ws)
            .arg("--out")
            .arg(out)
            .args(["--as-of", "2026-03-31"])
            .assert()
            .success();
        // A second apart at least, so a clock in the bytes would show.
        std::thread::sleep(std::time::Duration::from_millis(1100));
    }
    let mut workbooks = 0;
    for e in std::fs::read_dir(&a).unwrap() {
        let name = e.unwrap().file_name();
        if name.to_string_lossy().ends_with(".xlsx") {
            workbooks += 1;
            assert_eq!(
                std::fs::read(a.join(&name)).unwrap(),
                std::fs::read(b.join(&name)).unwrap(),
                "{}",
                name.to_string_lossy()
            );
        }
    }
    assert!(workbooks >= 8, "{workbooks} workbooks");
}

#[test]
fn verify_checks_an_export_against_the_record() {
    let dir = tempfile::tempdir().unwrap();
    let ws = demo_workspace(dir.path(), "campaign");
    let out = dir.path().join("exported");
    export(&ws, &out);
    let verify = || {
        anjuan()
            .args(["--lang", "en", "verify"])
            .arg(&ws)
            .arg("--export")
            .arg(&out)
            .assert()
    };
    verify()
        .success()
        .stdout(contains(
            "评查表.csv re-derives from the record byte for byte",
        ))
        .stdout(contains(
            "问题清单.csv re-derives from the record byte for byte",
        ));
    // Reviews go on after the export: the sheets still re-derive as of the head they name.
    let case = status(&ws)["files"][0]["case_id"]
        .as_str()
        .unwrap()
        .to_string();
    anjuan()
        .arg("review")
        .arg(&ws)
        .args(["reopen", &case, "--reason", "复核", "--reviewer", "王五"])
        .assert()
        .success();
    verify()
        .success()
        .stdout(contains("the 1 events after it chain on from it"));
    // An edited sheet is named.
    let csv = out.join("评查情况汇总表.csv");
    let mut text = std::fs::read_to_string(&csv).unwrap();
    text = text.replacen("优秀", "良好", 1);
    std::fs::write(&csv, text).unwrap();
    verify().code(1).stdout(contains(
        "exported file 评查情况汇总表.csv changed after export",
    ));
    // A manifest from another campaign's draw is refused.
    let manifest = out.join("manifest.json");
    let m = std::fs::read_to_string(&manifest).unwrap();
    let draw_sha = serde_json::from_str::<serde_json::Value>(&m).unwrap()["draw"]["sha256"]
        .as_str()
        .unwrap()
        .to_string();
    std::fs::write(&manifest, m.replace(&draw_sha, &"0".repeat(64))).unwrap();
    verify().code(1).stdout(contains("is not this workspace's"));
}

#[test]
fn formula_looking_register_values_are_neutralised() {
    let dir = tempfile::tempdir().unwrap();
    let reg = dir.path().join("hostile.csv");
    let mut csv = String::from("案号,执法机关,案件类型,案件名称\n");
    for (i, title) in [
        "=HYPERLINK(\"http://x\",\"点我\")",
        "+1+1",
        "-2",
        "@SUM(A1)",
        "\t=1",
        "正常案件",
    ]
    .iter()
    .enumerate()
    {
        csv += &format!("X{i},甲局,行政检查,\"{}\"\n", title.replace('"', "\"\""));
    }
    std::fs::write(&reg, csv).unwrap();
    let ws = dir.path().join("ws");
    committed_from(&ws, &reg, 6, 0);
    draw(&ws);
    let out = dir.path().join("out");
    export(&ws, &out);
    let text = String::from_utf8(std::fs::read(out.join("抽样记录表.csv")).unwrap()).unwrap();
    for line in text.lines() {
        for field in line.split(',') {
            let f = field.trim_start_matches('"');
            assert!(!f.starts_with(['=', '+', '-', '@', '\t']), "{line}");
        }
    }
    assert!(text.contains("'=HYPERLINK"));
    let mut book: Xlsx<_> = open_workbook(out.join("抽样记录表.xlsx")).unwrap();
    let range = book.worksheet_range("抽样记录表").unwrap();
    for c in range.cells() {
        let v = c.2.to_string();
        assert!(!v.starts_with(['=', '+', '-', '@', '\t']), "{v:?}");
    }
    assert_eq!(
        book.worksheet_formula("抽样记录表")
            .unwrap()
            .cells()
            .count(),
        0
    );
}

#[test]
fn an_unwritable_target_is_reported_and_nothing_is_half_written() {
    let dir = tempfile::tempdir().unwrap();
    let ws = drawn_workspace(dir.path());
    let blocker = dir.path().join("not-a-folder");
    std::fs::write(&blocker, "x").unwrap();
    anjuan()
        .arg("export")
        .arg(&ws)
        .arg("--out")
        .arg(&blocker)
        .assert()
        .code(2)
        .stderr(contains("not-a-folder"));
    assert_eq!(std::fs::read(&blocker).unwrap(), b"x");
}
