//! `anjuan template`: the register and roster templates are written (never over an existing file
//! without `--force`), hold what the importers need (headers, text and date formats, drop-downs,
//! a frozen header), and, filled in the way an agency fills them, import with no flags at all.
//! The register template also prints through LibreOffice.

mod common;
use calamine::{open_workbook, Reader, Xlsx};
use common::*;
use std::collections::BTreeSet;
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::Command;

const REGISTER_HEADER: [&str; 10] = [
    "序号",
    "案号",
    "执法机关",
    "案件类型",
    "案件名称",
    "当事人",
    "立案日期",
    "办结日期",
    "承办人",
    "处理结果",
];

fn template(dir: &Path, kind: &str, name: &str) -> PathBuf {
    let path = dir.join(name);
    anjuan()
        .args(["template", kind, "--out"])
        .arg(&path)
        .assert()
        .success();
    path
}

/// Every part of a zip, in order.
fn unzip(path: &Path) -> Vec<(String, Vec<u8>)> {
    let mut zip = zip::ZipArchive::new(std::fs::File::open(path).unwrap()).unwrap();
    (0..zip.len())
        .map(|i| {
            let mut f = zip.by_index(i).unwrap();
            let mut bytes = Vec::new();
            f.read_to_end(&mut bytes).unwrap();
            (f.name().to_string(), bytes)
        })
        .collect()
}

fn part(parts: &[(String, Vec<u8>)], name: &str) -> String {
    let (_, bytes) = parts
        .iter()
        .find(|(n, _)| n == name)
        .unwrap_or_else(|| panic!("no part {name}"));
    String::from_utf8(bytes.clone()).unwrap()
}

fn rezip(parts: &[(String, Vec<u8>)], path: &Path) {
    let mut zip = zip::ZipWriter::new(std::fs::File::create(path).unwrap());
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    for (name, bytes) in parts {
        zip.start_file(name.as_str(), options).unwrap();
        zip.write_all(bytes).unwrap();
    }
    zip.finish().unwrap();
}

/// The value of attribute `name` in the XML element text `element`.
fn attr<'a>(element: &'a str, name: &str) -> Option<&'a str> {
    let start = element.find(&format!(" {name}=\""))? + name.len() + 3;
    let len = element[start..].find('"')?;
    Some(&element[start..start + len])
}

/// The style index (`s`) of cell `cell` (e.g. "B2") in a sheet's XML.
fn style_of(sheet: &str, cell: &str) -> String {
    let at = sheet
        .find(&format!("<c r=\"{cell}\""))
        .unwrap_or_else(|| panic!("no cell {cell}"));
    let end = at + sheet[at..].find('>').unwrap();
    attr(&sheet[at..=end], "s").unwrap_or("0").to_string()
}

/// The number format code of cell style `s` in styles.xml (built-in 49 is "@", text).
fn number_format(styles: &str, s: &str) -> String {
    let xfs_at = styles.find("<cellXfs").unwrap();
    let xfs = &styles[xfs_at..];
    let index: usize = s.parse().unwrap();
    let xf = xfs
        .match_indices("<xf ")
        .nth(index)
        .map(|(i, _)| &xfs[i..i + xfs[i..].find('>').unwrap()])
        .unwrap();
    let id = attr(xf, "numFmtId").unwrap();
    if id == "49" {
        return "@".into();
    }
    let key = format!("numFmtId=\"{id}\" formatCode=\"");
    let at = styles
        .find(&key)
        .unwrap_or_else(|| panic!("number format {id} not defined"));
    let rest = &styles[at + key.len()..];
    rest[..rest.find('"').unwrap()].to_string()
}

fn xml_escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

/// A spreadsheet serial day number for a date (1900 system).
fn serial(y: i32, m: u32, d: u32) -> i64 {
    let days_from_civil = |y: i32, m: u32, d: u32| -> i64 {
        let y = if m <= 2 { y - 1 } else { y } as i64;
        let era = if y >= 0 { y } else { y - 399 } / 400;
        let yoe = y - era * 400;
        let m = m as i64;
        let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + d as i64 - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        era * 146_097 + doe - 719_468
    };
    days_from_civil(y, m, d) + 25569
}

enum Value {
    Text(String),
    Number(i64),
}

/// Fill rows 2… of the first sheet the way a spreadsheet program saves typed cells: each
/// prepared empty cell keeps its style and gets its value (inline strings for text, serial
/// numbers for dates); cells left empty stay as they were.
fn fill(template: &Path, filled: &Path, rows: &[Vec<Option<Value>>]) {
    let mut parts = unzip(template);
    let sheet_name = "xl/worksheets/sheet1.xml";
    let mut sheet = part(&parts, sheet_name);
    for (i, cells) in rows.iter().enumerate() {
        let r = i + 2;
        for (c, value) in cells.iter().enumerate() {
            let Some(value) = value else { continue };
            let cell = format!("{}{r}", (b'A' + c as u8) as char);
            let s = style_of(&sheet, &cell);
            let empty = format!("<c r=\"{cell}\" s=\"{s}\"/>");
            let full = match value {
                Value::Text(t) => format!(
                    "<c r=\"{cell}\" s=\"{s}\" t=\"inlineStr\"><is><t>{}</t></is></c>",
                    xml_escape(t)
                ),
                Value::Number(n) => format!("<c r=\"{cell}\" s=\"{s}\"><v>{n}</v></c>"),
            };
            assert!(sheet.contains(&empty), "the template prepares {cell}");
            sheet = sheet.replacen(&empty, &full, 1);
        }
    }
    for (name, bytes) in parts.iter_mut() {
        if name == sheet_name {
            *bytes = sheet.clone().into_bytes();
        }
    }
    rezip(&parts, filled);
}

fn header_of(path: &Path, sheet: &str) -> Vec<String> {
    let mut book: Xlsx<_> = open_workbook(path).unwrap();
    let range = book.worksheet_range(sheet).unwrap();
    range
        .rows()
        .next()
        .unwrap()
        .iter()
        .map(|c| c.to_string())
        .collect()
}

#[test]
fn register_template_has_the_header_formats_and_drop_downs() {
    let dir = tempfile::tempdir().unwrap();
    let path = template(dir.path(), "register", "案卷目录模板.xlsx");
    let book: Xlsx<_> = open_workbook(&path).unwrap();
    assert_eq!(book.sheet_names(), ["案卷目录", "填表说明"]);
    assert_eq!(header_of(&path, "案卷目录"), REGISTER_HEADER);
    let mut book: Xlsx<_> = open_workbook(&path).unwrap();
    let notes = book.worksheet_range("填表说明").unwrap();
    let text: String = notes.cells().map(|(_, _, c)| c.to_string()).collect();
    for needle in [
        "一行填一件案件",
        "案号",
        "合计",
        "合并单元格",
        ".xlsx",
        "For agencies",
    ] {
        assert!(text.contains(needle), "instructions mention {needle}");
    }

    let parts = unzip(&path);
    let sheet = part(&parts, "xl/worksheets/sheet1.xml");
    let styles = part(&parts, "xl/styles.xml");
    // The header row is frozen.
    assert!(
        sheet.contains(
            "<pane ySplit=\"1\" topLeftCell=\"A2\" activePane=\"bottomLeft\" state=\"frozen\"/>"
        ),
        "frozen header"
    );
    // 案号 (column B) and the other text columns are text, in the prepared rows and the column.
    for cell in ["B2", "B201", "C2", "D2", "E2", "F2", "I2", "J2"] {
        assert_eq!(
            number_format(&styles, &style_of(&sheet, cell)),
            "@",
            "{cell}"
        );
    }
    let col_b = sheet.find("<col min=\"2\" max=\"2\"").unwrap();
    let col_b = &sheet[col_b..col_b + sheet[col_b..].find("/>").unwrap()];
    assert_eq!(number_format(&styles, attr(col_b, "style").unwrap()), "@");
    // Dates are dates, with a date validation.
    for cell in ["G2", "H2", "H201"] {
        assert_eq!(
            number_format(&styles, &style_of(&sheet, cell)),
            "yyyy-mm-dd",
            "{cell}"
        );
    }
    assert!(sheet.contains("type=\"date\"") && sheet.contains("sqref=\"H2:H1048576\""));
    // The 案件类型 drop-down lists every case type of the built-in checklists.
    let dv = sheet.find("<dataValidation type=\"list\"").unwrap();
    let dv = &sheet[dv..dv + sheet[dv..].find("</dataValidation>").unwrap()];
    assert_eq!(attr(dv, "sqref"), Some("D2:D1048576"));
    let list = &dv[dv.find("<formula1>\"").unwrap() + 11..dv.find("\"</formula1>").unwrap()];
    let listed: Vec<&str> = list.split(',').collect();
    let mut expected = Vec::new();
    for c in anjuan::checklist::builtin().unwrap() {
        for t in c.case_types {
            if !expected.contains(&t) {
                expected.push(t);
            }
        }
    }
    assert_eq!(listed, expected);
    // Printed on A4 landscape, the header repeated on every page.
    assert!(sheet.contains("paperSize=\"9\"") && sheet.contains("orientation=\"landscape\""));
    let workbook = part(&parts, "xl/workbook.xml");
    assert!(
        workbook.contains("_xlnm.Print_Titles") && workbook.contains("案卷目录!$1:$1"),
        "header row repeated when printed"
    );
}

#[test]
fn an_existing_file_is_kept_unless_forced() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("案卷目录模板.xlsx");
    std::fs::write(&path, b"not yet a template").unwrap();
    anjuan()
        .args(["template", "register", "--out"])
        .arg(&path)
        .assert()
        .code(2)
        .stderr(predicates::str::contains("--force"));
    assert_eq!(std::fs::read(&path).unwrap(), b"not yet a template");
    anjuan()
        .args(["--lang", "en", "template", "register", "--force", "--out"])
        .arg(&path)
        .assert()
        .success()
        .stdout(predicates::str::contains("wrote the register template"));
    assert_eq!(header_of(&path, "案卷目录"), REGISTER_HEADER);
    // Only the template is left in the folder: no temporary file.
    let names: Vec<_> = std::fs::read_dir(dir.path()).unwrap().collect();
    assert_eq!(names.len(), 1);
    anjuan()
        .args(["template", "roster", "--out"])
        .arg(dir.path().join("名单.csv"))
        .assert()
        .code(2)
        .stderr(predicates::str::contains(".xlsx"));
}

/// (案号, 执法机关, 案件类型, 案件名称, 当事人, 立案日期, 办结日期, 承办人, 处理结果)
type Case = (
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    (i32, u32, u32),
    (i32, u32, u32),
    &'static str,
    &'static str,
);

const CASES: [Case; 6] = [
    (
        "攸市监罚〔2024〕12号",
        "攸县市场监督管理局",
        "行政处罚（一般程序）",
        "销售过期食品案",
        "攸县某某超市",
        (2024, 3, 5),
        (2024, 4, 20),
        "王某、李某",
        "罚款5000元",
    ),
    (
        "攸市监罚〔2024〕13号",
        "攸县市场监督管理局",
        "行政处罚（简易程序）",
        "未亮照经营案",
        "张某",
        (2024, 5, 6),
        (2024, 5, 6),
        "王某",
        "警告",
    ),
    // Leading zeros and a long digit run: kept only because the column is text.
    (
        "0012024",
        "攸县交通运输局",
        "行政检查",
        "道路运输企业检查",
        "攸县某运输有限公司",
        (2024, 1, 9),
        (2024, 1, 9),
        "赵某",
        "责令整改",
    ),
    (
        "430223202400000000000017",
        "攸县交通运输局",
        "行政强制",
        "扣押超限车辆",
        "刘某",
        (2024, 6, 1),
        (2024, 6, 30),
        "赵某、钱某",
        "解除扣押",
    ),
    (
        "攸自然资许〔2024〕3号",
        "攸县自然资源局",
        "行政许可",
        "建设用地规划许可",
        "攸县某置业有限公司",
        (2023, 12, 28),
        (2024, 2, 2),
        "孙某",
        "准予许可",
    ),
    (
        "攸自然资罚〔2024〕7号 <补>",
        "攸县自然资源局",
        "行政处罚（一般程序）",
        "非法占用耕地案 & 复垦",
        "周某",
        (2024, 7, 15),
        (2024, 12, 31),
        "孙某",
        "罚款并责令退还",
    ),
];

#[test]
fn a_filled_register_template_imports_without_flags() {
    let dir = tempfile::tempdir().unwrap();
    let blank = template(dir.path(), "register", "案卷目录模板.xlsx");
    let rows: Vec<Vec<Option<Value>>> = CASES
        .iter()
        .enumerate()
        .map(|(i, c)| {
            let text = |s: &str| Some(Value::Text(s.to_string()));
            let date = |(y, m, d): (i32, u32, u32)| Some(Value::Number(serial(y, m, d)));
            vec![
                Some(Value::Number(i as i64 + 1)),
                text(c.0),
                text(c.1),
                text(c.2),
                text(c.3),
                text(c.4),
                date(c.5),
                date(c.6),
                text(c.7),
                text(c.8),
            ]
        })
        .collect();
    let filled = dir.path().join("filled.xlsx");
    fill(&blank, &filled, &rows);
    // Dates went in as serial numbers in the template's date style, as a spreadsheet saves them.
    let parts = unzip(&filled);
    let sheet = part(&parts, "xl/worksheets/sheet1.xml");
    let styles = part(&parts, "xl/styles.xml");
    assert!(sheet.contains(&format!("<v>{}</v>", serial(2024, 4, 20))));
    assert_eq!(
        number_format(&styles, &style_of(&sheet, "H2")),
        "yyyy-mm-dd"
    );

    let ws = dir.path().join("WS");
    anjuan()
        .arg("init")
        .arg(&ws)
        .arg("--register")
        .arg(&filled)
        .assert()
        .success();
    let campaign: serde_json::Value =
        serde_json::from_slice(&std::fs::read(ws.join("campaign.json")).unwrap()).unwrap();
    assert_eq!(campaign["population"]["size"], CASES.len() as u64);
    assert_eq!(
        campaign["population"]["strata"].as_array().unwrap().len(),
        3
    );
    // Exactly those cases, ids, agencies and closing dates as typed.
    let frozen: BTreeSet<(String, String, String, String)> =
        std::fs::read_to_string(ws.join("cases.jsonl"))
            .unwrap()
            .lines()
            .map(|l| {
                let v: serde_json::Value = serde_json::from_str(l).unwrap();
                let s = |k: &str| v[k].as_str().unwrap().to_string();
                (s("id"), s("agency"), s("case_type"), s("closed_date"))
            })
            .collect();
    let expected: BTreeSet<(String, String, String, String)> = CASES
        .iter()
        .map(|c| {
            let (y, m, d) = c.6;
            (
                c.0.to_string(),
                c.1.to_string(),
                c.2.to_string(),
                format!("{y:04}-{m:02}-{d:02}"),
            )
        })
        .collect();
    assert_eq!(frozen, expected);
    anjuan().arg("verify").arg(&ws).assert().success();
}

#[test]
fn a_filled_roster_template_imports() {
    let dir = tempfile::tempdir().unwrap();
    let blank = template(dir.path(), "roster", "评查人员名单模板.xlsx");
    let book: Xlsx<_> = open_workbook(&blank).unwrap();
    assert_eq!(book.sheet_names(), ["评查人员名单", "填表说明"]);
    assert_eq!(
        header_of(&blank, "评查人员名单"),
        ["编号", "姓名", "单位", "角色", "公钥"]
    );
    let parts = unzip(&blank);
    let sheet = part(&parts, "xl/worksheets/sheet1.xml");
    let styles = part(&parts, "xl/styles.xml");
    assert!(sheet.contains("state=\"frozen\""));
    assert_eq!(number_format(&styles, &style_of(&sheet, "A2")), "@");
    let dv = sheet.find("<dataValidation type=\"list\"").unwrap();
    let dv = &sheet[dv..dv + sheet[dv..].find("</dataValidation>").unwrap()];
    assert_eq!(attr(dv, "sqref"), Some("D2:D1048576"));
    assert!(dv.contains("<formula1>\"评查人,复核人\"</formula1>"));

    let people = [
        ("R01", "王建华", "攸县市场监督管理局", Some("评查人")),
        ("R02", "李晓红", "攸县交通运输局", Some("评查人")),
        ("R03", "陈志强", "攸县自然资源局", None),
        ("R04", "刘芳", "攸县司法局", Some("复核人")),
    ];
    let rows: Vec<Vec<Option<Value>>> = people
        .iter()
        .map(|(id, name, unit, role)| {
            let text = |s: &str| Some(Value::Text(s.to_string()));
            vec![text(id), text(name), text(unit), role.and_then(text), None]
        })
        .collect();
    let filled = dir.path().join("filled-roster.xlsx");
    fill(&blank, &filled, &rows);
    let ws = dir.path().join("WS");
    anjuan()
        .arg("init")
        .arg(&ws)
        .arg("--register")
        .arg(repo("samples/county-register.csv"))
        .assert()
        .success();
    let out = anjuan()
        .args(["team", "roster"])
        .arg(&ws)
        .arg(&filled)
        .assert()
        .success();
    let stdout = String::from_utf8_lossy(&out.get_output().stdout).into_owned();
    // The roster record holds the four people with their roles (an empty 角色 is a reviewer).
    let rosters = ws.join("rosters");
    let record = std::fs::read_dir(&rosters)
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| p.extension().is_some_and(|e| e == "json"))
        .unwrap_or_else(|| panic!("no roster record in {}: {stdout}", rosters.display()));
    let record: serde_json::Value =
        serde_json::from_slice(&std::fs::read(record).unwrap()).unwrap();
    let members = record["roster"]["members"].as_array().unwrap();
    let got: Vec<(String, String, String)> = members
        .iter()
        .map(|m| {
            let s = |k: &str| m[k].as_str().unwrap().to_string();
            (s("id"), s("name"), s("role"))
        })
        .collect();
    let role = |r: Option<&str>| {
        if r == Some("复核人") {
            "checker"
        } else {
            "reviewer"
        }
    };
    let expected: Vec<(String, String, String)> = people
        .iter()
        .map(|(id, name, _, r)| (id.to_string(), name.to_string(), role(*r).to_string()))
        .collect();
    assert_eq!(got, expected);
}

#[test]
fn register_template_prints_to_pdf() {
    let Some(office) = soffice() else {
        assert!(
            std::env::var("CI").as_deref() != Ok("true"),
            "CI=true: LibreOffice (soffice) must be installed for the template print check"
        );
        eprintln!(
            "SKIPPED: LibreOffice (soffice) is not installed, so the template-to-PDF check did not run"
        );
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let path = template(dir.path(), "register", "案卷目录模板.xlsx");
    let profile = format!("file://{}", dir.path().join("lo-profile").display());
    let out = Command::new(office)
        .arg(format!("-env:UserInstallation={profile}"))
        .args(["--headless", "--convert-to", "pdf", "--outdir"])
        .arg(dir.path())
        .arg(&path)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let pdf = std::fs::read(dir.path().join("案卷目录模板.pdf")).unwrap();
    assert!(pdf.starts_with(b"%PDF"));
    let text = String::from_utf8_lossy(&pdf);
    let pages = text.matches("/Type/Page").count() + text.matches("/Type /Page").count()
        - text.matches("/Type/Pages").count()
        - text.matches("/Type /Pages").count();
    assert!(pages >= 1, "{pages} pages");
    // The register sheet on A4 landscape (842 x 595 points), the instructions on A4 portrait.
    let boxes: Vec<(f64, f64)> = text
        .split("/MediaBox")
        .skip(1)
        .filter_map(|rest| {
            let inner = &rest[rest.find('[')? + 1..rest.find(']')?];
            let n: Vec<f64> = inner
                .split_whitespace()
                .filter_map(|x| x.parse().ok())
                .collect();
            (n.len() == 4).then(|| (n[2] - n[0], n[3] - n[1]))
        })
        .collect();
    let near = |a: f64, b: f64| (a - b).abs() < 2.0;
    assert!(
        boxes.iter().any(|&(w, h)| near(w, 842.0) && near(h, 595.0)),
        "an A4 landscape page: {boxes:?}"
    );
}
