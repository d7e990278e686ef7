//! The agency summary (评查情况汇总表) and the pull list (调卷清单): three files of three agencies
//! finalized with known scores (100, a deduction, a veto) and one left in progress, both sheets
//! built from `Review`, written with `write_table`, and read back from the XLSX with calamine
//! and from the CSV.

mod common;
use anjuan::export::{pull_list, summary, write_table};
use anjuan::i18n::Lang;
use anjuan::review::Review;
use calamine::{open_workbook, Reader, Xlsx};
use common::*;
use serde_json::Value;
use std::collections::{BTreeMap, HashMap};
use std::path::Path;

fn review(ws: &Path, args: &[&str]) {
    anjuan().arg("review").arg(ws).args(args).assert().success();
}

fn import(ws: &Path, dir: &Path, csv: &str) {
    let sheet = dir.join("decisions.csv");
    std::fs::write(&sheet, csv).unwrap();
    anjuan()
        .arg("review")
        .arg(ws)
        .arg("import")
        .arg(&sheet)
        .assert()
        .success();
}

/// Points as hundredths, from a JSON number.
fn hundredths(v: &Value) -> u32 {
    (v.as_f64().unwrap() * 100.0).round() as u32
}

/// Hundredths as a sheet prints points (`85`, `85.5`, `85.25`).
fn pts(h: u32) -> String {
    let (w, r) = (h / 100, h % 100);
    match r {
        0 => w.to_string(),
        r if r % 10 == 0 => format!("{w}.{}", r / 10),
        r => format!("{w}.{r:02}"),
    }
}

/// The cells of a sheet, as text.
fn sheet(path: &Path, name: &str) -> Vec<Vec<String>> {
    let mut book: Xlsx<_> = open_workbook(path).unwrap();
    let range = book.worksheet_range(name).unwrap();
    range
        .rows()
        .map(|r| r.iter().map(|c| c.to_string()).collect())
        .collect()
}

fn grade_of(h: u32) -> &'static str {
    match h {
        9000.. => "优秀",
        8000.. => "良好",
        6000.. => "合格",
        _ => "不合格",
    }
}

#[test]
fn summary_and_pull_list() {
    let dir = tempfile::tempdir().unwrap();
    let ws = drawn_workspace(dir.path());
    let files = status(&ws)["files"].as_array().unwrap().clone();
    let samples: Vec<&Value> = files.iter().filter(|f| f["role"] == "sample").collect();
    let mut drawn: BTreeMap<String, usize> = BTreeMap::new();
    for f in &samples {
        *drawn
            .entry(f["agency"].as_str().unwrap().into())
            .or_default() += 1;
    }
    // Agency A has two sample files: one finalized with full marks, one left in progress.
    let agency_a = drawn.iter().find(|(_, n)| **n >= 2).unwrap().0.clone();
    let of = |agency: &str| -> Vec<String> {
        samples
            .iter()
            .filter(|f| f["agency"] == agency)
            .map(|f| f["case_id"].as_str().unwrap().to_string())
            .collect()
    };
    let others: Vec<String> = drawn.keys().filter(|a| **a != agency_a).cloned().collect();
    let (agency_b, agency_c) = (others[0].clone(), others[1].clone());
    let (a_done, a_open) = (of(&agency_a)[0].clone(), of(&agency_a)[1].clone());
    let (b, c) = (of(&agency_b)[0].clone(), of(&agency_c)[0].clone());

    // A: every item passes → 100. B: whole items deducted until at least 12 points are off.
    // C: the first veto item → 0 and 不合格.
    let mut csv = String::from("case_id,item_id,decision,points,finding,reviewer\n");
    let mut b_off = 0u32;
    for (case, mode) in [(&a_done, "pass"), (&b, "deduct"), (&c, "veto")] {
        let items = show(&ws, case)["items"].as_array().unwrap().clone();
        let mut vetoed = false;
        for it in &items {
            let id = it["id"].as_str().unwrap();
            let max = hundredths(&it["max_points"]);
            let is_veto = it["veto"].as_bool().unwrap();
            if mode == "deduct" && !is_veto && max > 0 && b_off < 1200 {
                b_off += max;
                csv += &format!("{case},{id},deduct,{},缺少材料,李四\n", it["max_points"]);
            } else if mode == "veto" && is_veto && !vetoed {
                vetoed = true;
                csv += &format!("{case},{id},veto,,超越职权,李四\n");
            } else {
                csv += &format!("{case},{id},pass,,,李四\n");
            }
        }
        assert!(mode != "veto" || vetoed, "the checklist has a veto item");
    }
    import(&ws, dir.path(), &csv);
    for case in [&a_done, &b, &c] {
        review(&ws, &["finalize", case, "--reviewer", "张三"]);
    }
    let first_item = show(&ws, &a_open)["items"][0]["id"]
        .as_str()
        .unwrap()
        .to_string();
    review(
        &ws,
        &["set", &a_open, &first_item, "--pass", "--reviewer", "张三"],
    );
    let b_score = 10_000 - b_off;
    assert_eq!(hundredths(&show(&ws, &b)["score"]["points"]), b_score);
    assert_eq!(show(&ws, &c)["score"]["points"], 0);

    let r = Review::open(&ws).unwrap();
    let out = dir.path().join("导出");
    let sum = summary::table(&r, Lang::Zh);
    let pull = pull_list::table(&r, Lang::Zh);
    assert_eq!(sum.name, "评查情况汇总表");
    assert_eq!(pull.name, "调卷清单");
    assert_eq!(summary::table(&r, Lang::En).name, "review-summary");
    assert_eq!(pull_list::table(&r, Lang::En).name, "pull-list");
    assert!(sum.footer.contains(&r.draw_ref.sha256));
    assert!(sum.footer.contains(r.journal.head()));
    assert!(pull.footer.contains(&r.draw_ref.sha256));
    write_table(&sum, &out).unwrap();
    write_table(&pull, &out).unwrap();
    for name in ["评查情况汇总表.csv", "调卷清单.csv"] {
        let bytes = std::fs::read(out.join(name)).unwrap();
        assert!(bytes.starts_with(b"\xEF\xBB\xBF"), "{name} has a UTF-8 BOM");
    }

    // ---- 评查情况汇总表 ----
    let cells = sheet(&out.join("评查情况汇总表.xlsx"), "评查情况汇总表");
    let text = cells
        .iter()
        .flatten()
        .cloned()
        .collect::<Vec<_>>()
        .join("\n");
    assert!(text.contains("以下统计仅含已定稿案卷"), "{text}");
    assert!(text.contains(&r.draw_ref.sha256));
    assert!(text.contains(&r.draw_ref.file));
    let not_started = samples.len() - 4;
    assert!(
        text.contains(&format!(
            "已定稿 3 件，进行中 1 件，未开始 {not_started} 件"
        )),
        "{text}"
    );
    for s in ["填报单位（盖章）", "负责人（签字）", "填报时间"] {
        assert!(text.contains(s), "{s}");
    }
    let head = cells.iter().position(|r| r[0] == "排名").unwrap();
    assert_eq!(
        cells[head][..12],
        [
            "排名",
            "被评查单位",
            "抽取数",
            "实评数",
            "优秀",
            "良好",
            "合格",
            "不合格",
            "否决件数",
            "平均分",
            "最高分",
            "最低分"
        ]
    );
    let total_at = cells.iter().position(|r| r[1] == "合计").unwrap();
    let rows = &cells[head + 1..total_at];
    assert_eq!(rows.len(), drawn.len(), "one row per agency");

    let share = |n: usize, of: usize| format!("{n}（{:.1}%）", 100.0 * n as f64 / of as f64);
    let grades = ["优秀", "良好", "合格", "不合格"];
    let grade_cells = |got: &[&str]| -> Vec<String> {
        grades
            .iter()
            .map(|g| share(got.iter().filter(|x| *x == g).count(), got.len()))
            .collect()
    };
    let expect = |rank: &str, agency: &str, score: u32, vetoed: usize| -> Vec<String> {
        let mut row = vec![
            rank.to_string(),
            agency.to_string(),
            drawn[agency].to_string(),
            "1".to_string(),
        ];
        row.extend(grade_cells(&[grade_of(score)]));
        row.extend([
            vetoed.to_string(),
            format!("{:.1}", score as f64 / 100.0),
            pts(score),
            pts(score),
        ]);
        row
    };
    // Ranked by average: A (100), B, C (vetoed, 0); the rest unranked, by name, empty figures.
    assert_eq!(rows[0], expect("1", &agency_a, 10_000, 0));
    assert_eq!(rows[1], expect("2", &agency_b, b_score, 0));
    assert_eq!(rows[2], expect("3", &agency_c, 0, 1));
    assert_eq!(rows[0][4], "1（100.0%）");
    assert_eq!(rows[2][7], "1（100.0%）");
    assert_eq!(rows[2][8], "1");
    let rest: Vec<&String> = rows[3..].iter().map(|r| &r[1]).collect();
    let mut by_name = rest.clone();
    by_name.sort();
    assert_eq!(rest, by_name);
    for r in &rows[3..] {
        assert_eq!(r[0], "");
        assert_eq!(r[2], drawn[&r[1]].to_string());
        assert_eq!(r[3], "0");
        assert!(r[4..12].iter().all(String::is_empty), "{r:?}");
    }

    // The total row: all agencies together, no rank.
    let total = &cells[total_at];
    let mut want = vec![
        String::new(),
        "合计".to_string(),
        samples.len().to_string(),
        "3".to_string(),
    ];
    want.extend(grade_cells(&["优秀", grade_of(b_score), "不合格"]));
    let mean = (10_000 + b_score) as f64 / 300.0;
    want.extend([
        "1".to_string(),
        format!("{mean:.1}"),
        "100".to_string(),
        "0".to_string(),
    ]);
    assert_eq!(total[..12], want[..]);
    assert_eq!(total[4], "1（33.3%）");

    // ---- 调卷清单 ----
    let cells = sheet(&out.join("调卷清单.xlsx"), "调卷清单");
    let text = cells
        .iter()
        .flatten()
        .cloned()
        .collect::<Vec<_>>()
        .join("\n");
    assert!(text.contains("备选案卷仅在样本案卷缺失时按序号依次调取，并记录原因"));
    assert!(text.contains(&r.draw_ref.sha256));
    for s in ["调卷人", "交卷单位经办人", "日期"] {
        assert!(text.contains(s), "{s}");
    }
    let head = cells.iter().position(|r| r[0] == "被评查单位").unwrap();
    assert_eq!(
        cells[head][..9],
        [
            "被评查单位",
            "类别",
            "序号",
            "案号",
            "案件名称",
            "案件类型",
            "办结日期",
            "调取情况",
            "备注"
        ]
    );
    let rows: Vec<&Vec<String>> = cells[head + 1..]
        .iter()
        .take_while(|r| !r[3].is_empty())
        .collect();
    assert_eq!(rows.len(), r.draw.selected.len());
    let mut seen: HashMap<&str, usize> = HashMap::new();
    for row in &rows {
        *seen.entry(row[3].as_str()).or_default() += 1;
        assert_eq!(row[7], "", "调取情况 is left to fill in");
    }
    let by_id: HashMap<&str, &Value> = files
        .iter()
        .map(|f| (f["case_id"].as_str().unwrap(), f))
        .collect();
    for s in &r.draw.selected {
        assert_eq!(seen.get(s.case_id.as_str()), Some(&1), "{}", s.case_id);
    }
    // Grouped by agency; within one, the samples then the alternates, ranked 1, 2, … across both.
    let mut groups: Vec<(&str, Vec<(&str, u64)>)> = Vec::new();
    for row in &rows {
        let f = by_id[row[3].as_str()];
        assert_eq!(row[0], f["agency"].as_str().unwrap());
        assert_eq!(row[5], f["case_type"].as_str().unwrap());
        let role = if f["role"] == "sample" {
            "样本"
        } else {
            "备选"
        };
        assert_eq!(row[1], role);
        assert_eq!(row[2], f["rank"].to_string());
        let entry = (row[1].as_str(), row[2].parse::<u64>().unwrap());
        match groups.last_mut() {
            Some((agency, list)) if *agency == row[0] => list.push(entry),
            _ => groups.push((row[0].as_str(), vec![entry])),
        }
    }
    assert_eq!(groups.len(), drawn.len(), "each agency is one block");
    for (agency, list) in &groups {
        let n = drawn[*agency];
        let want: Vec<(&str, u64)> = (1..=list.len() as u64)
            .map(|k| (if k <= n as u64 { "样本" } else { "备选" }, k))
            .collect();
        assert_eq!(list, &want, "{agency}");
    }
}
