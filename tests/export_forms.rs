//! The campaign forms filled from findings — 问题清单, 统计表, 整改台账 — built from a workspace
//! scored through the command line, written with `export::write_table`, and read back with
//! calamine (cells) and as bytes (CSV BOM). Categories are checked against `checklists/*.toml`.

mod common;
use anjuan::checklist::categories::CategorySet;
use anjuan::export::{forms, write_table};
use anjuan::i18n::Lang;
use anjuan::review::Review;
use calamine::{open_workbook, Reader, Xlsx};
use common::*;
use std::path::Path;

const FORMULA: &str = "=SUM(1) 处罚决定书加盖内设机构印章";
const B1_FINDING: &str = "证据复印件未注明出处";
const VETO: &str = "经办人员无执法证件";

fn review(ws: &Path, args: &[&str]) {
    anjuan().arg("review").arg(ws).args(args).assert().success();
}

fn set(ws: &Path, case: &str, item: &str, args: &[&str]) {
    let mut a = vec!["set", case, item];
    a.extend_from_slice(args);
    a.extend_from_slice(&["--reviewer", "张三"]);
    review(ws, &a);
}

fn item_ids(ws: &Path, case: &str) -> Vec<String> {
    show(ws, case)["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["id"].as_str().unwrap().to_string())
        .collect()
}

/// Pass every item of `case` not in `except` by importing a CSV, then finalize.
fn pass_rest_and_finalize(ws: &Path, dir: &Path, case: &str, except: &[&str]) {
    let mut s = String::from("case_id,item_id,decision,points,finding,reviewer\n");
    for id in item_ids(ws, case) {
        if !except.contains(&id.as_str()) {
            s += &format!("\"{case}\",{id},pass,0,,李四\n");
        }
    }
    let csv = dir.join(format!("pass-{}.csv", except.join("-")));
    std::fs::write(&csv, s).unwrap();
    review(ws, &["import", csv.to_str().unwrap()]);
    review(ws, &["finalize", case, "--reviewer", "张三"]);
}

/// An item of a built-in checklist file, read straight from the TOML.
fn toml_item(file: &str, id: &str) -> toml::Value {
    let text = std::fs::read_to_string(repo(&format!("checklists/{file}"))).unwrap();
    let v: toml::Value = toml::from_str(&text).unwrap();
    v["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["id"].as_str() == Some(id))
        .unwrap_or_else(|| panic!("{file}: no item {id}"))
        .clone()
}

fn category(file: &str, id: &str, set: &str) -> String {
    toml_item(file, id)["category"][set]
        .as_str()
        .unwrap()
        .to_string()
}

fn basis(file: &str, id: &str) -> String {
    toml_item(file, id)["basis"]
        .as_array()
        .unwrap()
        .iter()
        .map(|b| b.as_str().unwrap())
        .collect::<Vec<_>>()
        .join("；")
}

fn agency(ws: &Path, case: &str) -> String {
    status(ws)["files"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["case_id"] == case)
        .unwrap()["agency"]
        .as_str()
        .unwrap()
        .to_string()
}

/// All cells of the XLSX's only sheet as strings.
fn cells(path: &Path) -> Vec<Vec<String>> {
    let mut book: Xlsx<_> = open_workbook(path).unwrap();
    let name = book.sheet_names()[0].clone();
    let range = book.worksheet_range(&name).unwrap();
    assert_eq!(range.start(), Some((0, 0)));
    range
        .rows()
        .map(|r| r.iter().map(|c| c.to_string()).collect())
        .collect()
}

/// The header row and the data rows under it (up to the first empty row).
fn body(rows: &[Vec<String>], first_header: &str) -> (Vec<String>, Vec<Vec<String>>) {
    let h = rows
        .iter()
        .position(|r| r[0] == first_header && r.iter().filter(|c| !c.is_empty()).count() > 1)
        .unwrap_or_else(|| panic!("no header {first_header}: {rows:?}"));
    let data = rows[h + 1..]
        .iter()
        .take_while(|r| r.iter().any(|c| !c.is_empty()))
        .cloned()
        .collect();
    (rows[h].clone(), data)
}

fn write(t: &anjuan::export::Table, out: &Path) -> Vec<Vec<String>> {
    let written = write_table(t, out).unwrap();
    assert_eq!(written.len(), 2);
    let csv = std::fs::read(out.join(format!("{}.csv", t.name))).unwrap();
    assert!(csv.starts_with(b"\xEF\xBB\xBF"), "{} CSV has a BOM", t.name);
    cells(&out.join(format!("{}.xlsx", t.name)))
}

#[test]
fn forms_from_finalized_findings() {
    let dir = tempfile::tempdir().unwrap();
    let ws = drawn_workspace(dir.path());
    let punish = case_of_type(&ws, "行政处罚（一般程序）");
    let licence = case_of_type(&ws, "行政许可");
    let inspect = case_of_type(&ws, "行政检查");

    // 行政处罚: two deductions (one finding looks like a formula, with 卷内页码).
    set(
        &ws,
        &punish,
        "A1",
        &[
            "--deduct",
            "1",
            "--finding",
            FORMULA,
            "--evidence",
            "第12页",
        ],
    );
    set(
        &ws,
        &punish,
        "B1",
        &["--deduct", "2", "--finding", B1_FINDING],
    );
    pass_rest_and_finalize(&ws, dir.path(), &punish, &["A1", "B1"]);
    // 行政许可: a veto.
    set(&ws, &licence, "V1", &["--veto", "--finding", VETO]);
    pass_rest_and_finalize(&ws, dir.path(), &licence, &["V1"]);
    // 行政检查: in progress, so its deduction is not a finding yet.
    let first = item_ids(&ws, &inspect)
        .into_iter()
        .find(|i| !i.starts_with('V'))
        .unwrap();
    set(
        &ws,
        &inspect,
        &first,
        &["--deduct", "1", "--finding", "进行中"],
    );

    let found = [
        (&punish, "xzcf-ordinary.toml", "A1"),
        (&punish, "xzcf-ordinary.toml", "B1"),
        (&licence, "xzxk.toml", "V1"),
    ];
    let cat = |file: &str, id: &str| category(file, id, "youxian");
    let order = CategorySet::Youxian.categories();
    let rank = |c: &str| order.iter().position(|o| *o == c).unwrap();

    let r = Review::open(&ws).unwrap();
    let out = dir.path().join("out");

    // 问题清单
    let t = forms::problem_list(&r, Lang::Zh);
    assert_eq!(t.name, "问题清单");
    assert!(t.preamble[0].contains("填报单位（盖章）"));
    assert!(t.preamble[0].contains("负责人（签字）"));
    assert!(t.preamble[0].contains("填报时间"));
    assert!(t
        .preamble
        .iter()
        .any(|p| p.contains(CategorySet::Youxian.title())));
    assert!(t.preamble.iter().any(|p| p.contains(&r.draw_ref.sha256)));
    assert!(t.preamble.iter().any(|p| p.contains("仅已定稿")));
    assert!(t.footer.contains(&r.draw_ref.sha256));
    assert!(t.footer.contains(r.journal.head()));
    let rows = write(&t, &out);
    assert_eq!(rows[0][0], "行政执法乱象专项整治问题清单");
    let (head, data) = body(&rows, "序号");
    assert_eq!(
        head,
        ["序号", "问题类别", "具体表现", "整治措施", "责任部门"]
    );
    assert_eq!(data.len(), 3, "{data:?}");
    for (n, row) in data.iter().enumerate() {
        assert_eq!(row[0], (n + 1).to_string());
        assert_eq!(row[3], "", "整治措施 is left to the office");
        assert!(!row[2].contains("进行中"));
    }
    for (case, file, id) in found {
        let row = data
            .iter()
            .find(|r| r[2].starts_with(&format!("{case} {id}：")))
            .unwrap_or_else(|| panic!("{case} {id} in {data:?}"));
        assert_eq!(row[1], cat(file, id), "{case} {id}");
        assert_eq!(row[4], agency(&ws, case));
    }
    let a1 = data.iter().find(|r| r[2].contains(" A1：")).unwrap();
    assert_eq!(a1[2], format!("{punish} A1：{FORMULA}（卷内页码 第12页）"));
    // Grouped by category in the document order.
    let ranks: Vec<usize> = data.iter().map(|r| rank(&r[1])).collect();
    assert!(ranks.windows(2).all(|w| w[0] <= w[1]), "{ranks:?}");

    // 统计表
    let t = forms::statistics(&r, Lang::Zh);
    assert_eq!(t.name, "统计表");
    let rows = write(&t, &out);
    let (head, data) = body(&rows, "问题类别");
    assert_eq!(
        head,
        [
            "问题类别",
            "发现问题数",
            "整改问题数",
            "处理人数",
            "党纪政务处分人数"
        ]
    );
    assert_eq!(data.len(), order.len() + 1);
    for (row, c) in data.iter().zip(order) {
        assert_eq!(row[0], *c);
        let n = found.iter().filter(|(_, f, i)| cat(f, i) == *c).count();
        assert_eq!(row[1], n.to_string(), "{c}");
        assert_eq!(&row[2..], ["", "", ""]);
    }
    assert_eq!(data.last().unwrap()[..2], ["合计", "3"]);
    assert_eq!(&data.last().unwrap()[2..], ["", "", ""]);

    // 整改台账, filled from the rectification record (nothing recorded yet: every item open).
    let rect = anjuan::rectification::Rectification::open(&ws).unwrap();
    let today = anjuan::rectification::item::today();
    let t = anjuan::export::rectification::rectification_ledger(&rect, today, Lang::Zh);
    assert_eq!(t.name, "整改台账");
    assert!(t.footer.contains(r.journal.head()));
    assert!(t.footer.contains(rect.head()));
    let rows = write(&t, &out);
    let (head, data) = body(&rows, "序号");
    assert_eq!(
        head,
        [
            "序号",
            "整改编号",
            "被评查单位",
            "案号",
            "检查项",
            "问题类别",
            "具体表现",
            "依据",
            "整改措施",
            "责任单位",
            "责任领导",
            "责任人",
            "整改时限",
            "整改情况",
            "状态",
            "销号日期",
            "复核人"
        ]
    );
    assert_eq!(data.len(), 3);
    for (case, file, id) in found {
        let row = data
            .iter()
            .find(|r| r[3] == *case && r[4].starts_with(&format!("{id} ")))
            .unwrap_or_else(|| panic!("{case} {id} in {data:?}"));
        let item = rect
            .book
            .items
            .iter()
            .find(|it| it.case_id == *case && it.item == *id)
            .unwrap();
        assert_eq!(row[1], item.id, "整改编号 from the record");
        assert_eq!(row[2], agency(&ws, case));
        assert_eq!(row[9], row[2], "责任单位 = the agency");
        assert_eq!(row[5], cat(file, id));
        assert_eq!(row[7], basis(file, id));
        assert_eq!(row[8], "");
        assert_eq!(row[14], "待整改");
        assert!(row[10..14].iter().all(String::is_empty), "{row:?}");
        assert!(row[15..].iter().all(String::is_empty), "{row:?}");
    }
    let a1 = data.iter().find(|r| r[4].starts_with("A1 ")).unwrap();
    assert_eq!(
        a1[6],
        format!("'{FORMULA}（卷内页码 第12页）"),
        "neutralised"
    );
    let v1 = data.iter().find(|r| r[4].starts_with("V1 ")).unwrap();
    assert_eq!(v1[6], VETO);
    let csv = String::from_utf8(std::fs::read(out.join("整改台账.csv")).unwrap()).unwrap();
    assert!(csv.contains(&format!("'{FORMULA}")));

    // The same numbering on the problem list and the ledger.
    let list = forms::problem_list(&r, Lang::Zh);
    let ledger = anjuan::export::rectification::rectification_ledger(&rect, today, Lang::Zh);
    for (a, b) in list.rows.iter().zip(&ledger.rows) {
        assert_eq!(a[0], b[0]);
        let id = b[4].split(' ').next().unwrap();
        assert!(a[2].starts_with(&format!("{} {id}：", b[3])), "{a:?} {b:?}");
    }

    // English headers.
    let en = forms::statistics(&r, Lang::En);
    assert_eq!(en.name, "statistics");
    assert_eq!(en.columns[0].header, "Category");
    assert_eq!(en.rows.last().unwrap()[..2], ["Total", "3"]);
    let en = forms::problem_list(&r, Lang::En);
    assert_eq!(en.name, "problem-list");
    assert_eq!(en.columns[2].header, "Problem");
    assert_eq!(
        anjuan::export::rectification::rectification_ledger(&rect, today, Lang::En).name,
        "rectification-ledger"
    );
}

#[test]
fn liulin_categories_come_from_the_plan() {
    let dir = tempfile::tempdir().unwrap();
    let ws = drawn_workspace(dir.path());
    review(&ws, &["setup", "--categories", "liulin"]);
    let licence = case_of_type(&ws, "行政许可");
    set(&ws, &licence, "V1", &["--veto", "--finding", VETO]);
    pass_rest_and_finalize(&ws, dir.path(), &licence, &["V1"]);

    let r = Review::open(&ws).unwrap();
    let out = dir.path().join("out");
    let liulin = CategorySet::Liulin.categories();
    let expected = category("xzxk.toml", "V1", "liulin");

    let t = forms::problem_list(&r, Lang::Zh);
    assert!(t
        .preamble
        .iter()
        .any(|p| p.contains(CategorySet::Liulin.title())));
    let rows = write(&t, &out);
    let (_, data) = body(&rows, "序号");
    assert_eq!(data.len(), 1);
    assert_eq!(data[0][1], expected);
    assert_eq!(data[0][2], format!("{licence} V1：{VETO}"));

    let rows = write(&forms::statistics(&r, Lang::Zh), &out);
    let (_, data) = body(&rows, "问题类别");
    let names: Vec<&str> = data.iter().map(|r| r[0].as_str()).collect();
    let mut want = liulin.to_vec();
    want.push("合计");
    assert_eq!(names, want);
    for row in &data[..liulin.len()] {
        let n = usize::from(row[0] == expected);
        assert_eq!(row[1], n.to_string(), "{}", row[0]);
    }
    assert_eq!(data.last().unwrap()[1], "1");

    let rect = anjuan::rectification::Rectification::open(&ws).unwrap();
    let today = anjuan::rectification::item::today();
    let rows = write(
        &anjuan::export::rectification::rectification_ledger(&rect, today, Lang::Zh),
        &out,
    );
    let (_, data) = body(&rows, "序号");
    assert_eq!(data.len(), 1);
    assert_eq!(data[0][5], expected);
}
