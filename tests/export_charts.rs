//! The native charts of the 评查情况汇总表 workbook, on the demo campaign (`demo --build`)
//! exported with the real binary: the workbook has the three chart parts on the 图表 sheet, each
//! series refers to the ranges of the chart-data sheets, those sheets hold numbers — the same
//! agencies in the same order, grade counts and averages as the summary sheet's text cells, the
//! same problems per category as the 统计表 and the 问题清单 — and the summary's CSV carries the
//! chart data, so `verify` re-derives it. Printed through LibreOffice, each chart is drawn on a
//! page of its own with its title, axis title and labels. The print check is skipped where
//! LibreOffice or pdftotext is not installed, except under `CI=true`, where it fails.

mod common;
use calamine::{open_workbook, Data, Reader, Xlsx};
use common::*;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::Command;

/// The demo campaign exported into `dir/out` in `lang`; the workspace is `dir/ws`.
fn exported(dir: &Path, lang: &str) -> (PathBuf, PathBuf) {
    let ws = dir.join("ws");
    anjuan()
        .args(["demo", "--build"])
        .arg(&ws)
        .assert()
        .success();
    let out = dir.join("out");
    anjuan()
        .args(["--lang", lang, "export"])
        .arg(&ws)
        .arg("--out")
        .arg(&out)
        .args(["--as-of", "2026-03-31"])
        .assert()
        .success();
    (ws, out)
}

/// A part of the workbook, as text (`None` if it is not there).
fn part(xlsx: &Path, name: &str) -> Option<String> {
    let mut zip = zip::ZipArchive::new(std::fs::File::open(xlsx).unwrap()).unwrap();
    let mut f = zip.by_name(name).ok()?;
    let mut s = String::new();
    f.read_to_string(&mut s).unwrap();
    Some(s)
}

fn cells(xlsx: &Path, sheet: &str) -> Vec<Vec<Data>> {
    let mut book: Xlsx<_> = open_workbook(xlsx).unwrap();
    let range = book.worksheet_range(sheet).unwrap();
    assert_eq!(range.start(), Some((0, 0)), "{sheet} starts at A1");
    range.rows().map(|r| r.to_vec()).collect()
}

fn text(rows: &[Vec<Data>]) -> Vec<Vec<String>> {
    rows.iter()
        .map(|r| r.iter().map(|c| c.to_string()).collect())
        .collect()
}

/// The text between `open` and the next `close` after `from`.
fn between<'a>(s: &'a str, open: &str, close: &str) -> Option<&'a str> {
    let start = s.find(open)? + open.len();
    let end = s[start..].find(close)? + start;
    Some(&s[start..end])
}

/// A series of a chart: the references of its name, categories and values (quotes dropped).
#[derive(Debug, PartialEq)]
struct Series {
    name: String,
    categories: String,
    values: String,
}

fn series(chart: &str) -> Vec<Series> {
    let f = |chunk: &str, tag: &str| {
        let after = &chunk[chunk.find(tag).unwrap_or_else(|| panic!("no {tag}"))..];
        between(after, "<c:f>", "</c:f>").unwrap().replace('\'', "")
    };
    chart
        .split("<c:ser>")
        .skip(1)
        .map(|s| {
            let s = &s[..s.find("</c:ser>").unwrap()];
            Series {
                name: f(s, "<c:tx>"),
                categories: f(s, "<c:cat>"),
                values: f(s, "<c:val>"),
            }
        })
        .collect()
}

fn column(k: usize) -> char {
    (b'A' + k as u8) as char
}

/// `sheet!$C$4:$C$9`: rows are 1-based as Excel writes them.
fn range(sheet: &str, col: usize, first: usize, last: usize) -> String {
    let c = column(col);
    format!("{sheet}!${c}${first}:${c}${last}")
}

/// What the summary sheet prints per agency, read from its text cells.
struct Printed {
    grades: Vec<String>,
    /// Agency, files per grade, average text, in the sheet's order.
    agencies: Vec<(String, Vec<f64>, String)>,
}

fn printed_summary(xlsx: &Path, sheet: &str, lang: &str) -> Printed {
    let rows = text(&cells(xlsx, sheet));
    let (rank, finalized, vetoed, average, total) = match lang {
        "en" => ("Rank", "Finalized", "Vetoed", "Average", "Total"),
        _ => ("排名", "实评数", "否决件数", "平均分", "合计"),
    };
    let h = rows.iter().position(|r| r[0] == rank).unwrap();
    let head = &rows[h];
    let at = |name: &str| head.iter().position(|c| c == name).unwrap();
    let (g0, g1, avg) = (at(finalized) + 1, at(vetoed), at(average));
    let agencies = rows[h + 1..]
        .iter()
        .take_while(|r| r[1] != total)
        .map(|r| {
            // `3（30.0%）`, or empty for an agency with no finalized file.
            let counts = r[g0..g1]
                .iter()
                .map(|c| {
                    let n = c.split('（').next().unwrap();
                    if n.is_empty() {
                        0.0
                    } else {
                        n.parse().unwrap()
                    }
                })
                .collect();
            (r[1].clone(), counts, r[avg].clone())
        })
        .collect();
    Printed {
        grades: head[g0..g1].to_vec(),
        agencies,
    }
}

/// Problems per category as the 统计表 prints them, checked against the 问题清单's rows.
fn printed_categories(out: &Path) -> Vec<(String, f64)> {
    let rows = text(&cells(&out.join("统计表.xlsx"), "统计表"));
    let h = rows.iter().position(|r| r[0] == "问题类别").unwrap();
    let counted: Vec<(String, f64)> = rows[h + 1..]
        .iter()
        .take_while(|r| r[0] != "合计")
        .map(|r| (r[0].clone(), r[1].parse().unwrap()))
        .collect();
    let list = text(&cells(&out.join("问题清单.xlsx"), "问题清单"));
    let h = list.iter().position(|r| r[0] == "序号").unwrap();
    for (category, n) in &counted {
        let listed = list[h + 1..].iter().filter(|r| &r[1] == category).count();
        assert_eq!(listed as f64, *n, "问题清单 rows of {category}");
    }
    assert!(counted.iter().any(|(_, n)| *n > 0.0), "{counted:?}");
    counted
}

/// A number cell (the charts draw only numbers).
fn number(c: &Data) -> f64 {
    match c {
        Data::Float(x) => *x,
        Data::Int(n) => *n as f64,
        other => panic!("not a number cell: {other:?}"),
    }
}

const SHEETS_ZH: [&str; 4] = [
    "评查情况汇总表",
    "图表",
    "图表数据（单位）",
    "图表数据（问题类别）",
];
const TITLES_ZH: [&str; 3] = ["各单位案卷等次分布", "各单位平均分", "各类别问题数"];

#[test]
fn summary_workbook_charts_draw_the_figures() {
    let dir = tempfile::tempdir().unwrap();
    let (ws, out) = exported(dir.path(), "zh");
    let xlsx = out.join("评查情况汇总表.xlsx");
    let book: Xlsx<_> = open_workbook(&xlsx).unwrap();
    assert_eq!(book.sheet_names(), SHEETS_ZH);
    let [summary, _, by_agency, by_category] = SHEETS_ZH;

    // The three charts, drawn on the 图表 sheet (the second).
    let charts: Vec<String> = (1..=3)
        .map(|k| part(&xlsx, &format!("xl/charts/chart{k}.xml")).expect("chart part"))
        .collect();
    assert!(part(&xlsx, "xl/charts/chart4.xml").is_none());
    let rels = part(&xlsx, "xl/worksheets/_rels/sheet2.xml.rels").expect("图表 has a drawing");
    let drawing = between(&rels, "Target=\"../drawings/", "\"").unwrap();
    let drawing_rels = part(&xlsx, &format!("xl/drawings/_rels/{drawing}.rels")).unwrap();
    for k in 1..=3 {
        assert!(
            drawing_rels.contains(&format!("../charts/chart{k}.xml")),
            "{drawing_rels}"
        );
    }
    let sheet = part(&xlsx, "xl/worksheets/sheet2.xml").unwrap();
    assert!(sheet.contains("paperSize=\"9\""), "图表 prints on A4");
    assert!(
        sheet.contains("<rowBreaks count=\"2\""),
        "a chart to a page"
    );
    for (chart, title) in charts.iter().zip(TITLES_ZH) {
        assert!(chart.contains(&format!("<a:t>{title}</a:t>")), "{title}");
        assert!(chart.contains("<c:barDir val=\"bar\"/>"), "{title}");
    }
    assert!(charts[0].contains("<c:grouping val=\"stacked\"/>"));

    // The data sheets hold, as numbers, what the summary prints as text.
    let printed = printed_summary(&xlsx, summary, "zh");
    let n = printed.agencies.len();
    assert!(n > 10, "the demo campaign has many agencies: {n}");
    let data = cells(&xlsx, by_agency);
    let head = text(&data[2..3]).remove(0);
    assert_eq!(head[0], "被评查单位");
    assert_eq!(head[1..=printed.grades.len()], printed.grades[..]);
    assert_eq!(head[printed.grades.len() + 1], "平均分");
    assert_eq!(
        data.len(),
        3 + n,
        "title, preamble, header, one row per agency"
    );
    for (row, (agency, counts, average)) in data[3..].iter().zip(&printed.agencies) {
        assert_eq!(&row[0].to_string(), agency);
        let found: Vec<f64> = row[1..=counts.len()].iter().map(number).collect();
        assert_eq!(&found, counts, "{agency}");
        let avg = &row[counts.len() + 1];
        if average.is_empty() {
            assert_eq!(avg, &Data::Empty, "{agency}");
        } else {
            assert_eq!(format!("{:.1}", number(avg)), *average, "{agency}");
        }
    }
    let expected = printed_categories(&out);
    let data = cells(&xlsx, by_category);
    assert_eq!(text(&data[2..3])[0], ["问题类别", "问题数"]);
    let found: Vec<(String, f64)> = data[3..]
        .iter()
        .map(|r| (r[0].to_string(), number(&r[1])))
        .collect();
    assert_eq!(found, expected);

    // Each series draws those cells: names from the header row, one row per agency / category.
    let g = printed.grades.len();
    let grade_series: Vec<Series> = (0..g)
        .map(|k| Series {
            name: format!("{by_agency}!${}$3", column(1 + k)),
            categories: range(by_agency, 0, 4, 3 + n),
            values: range(by_agency, 1 + k, 4, 3 + n),
        })
        .collect();
    assert_eq!(series(&charts[0]), grade_series);
    assert_eq!(
        series(&charts[1]),
        [Series {
            name: format!("{by_agency}!${}$3", column(1 + g)),
            categories: range(by_agency, 0, 4, 3 + n),
            values: range(by_agency, 1 + g, 4, 3 + n),
        }]
    );
    let m = expected.len();
    assert_eq!(
        series(&charts[2]),
        [Series {
            name: format!("{by_category}!$B$3"),
            categories: range(by_category, 0, 4, 3 + m),
            values: range(by_category, 1, 4, 3 + m),
        }]
    );

    // The CSV twin carries the chart data after the summary, and verify re-derives it.
    let csv = std::fs::read_to_string(out.join("评查情况汇总表.csv")).unwrap();
    let first = &printed.agencies[0];
    let line = std::iter::once(first.0.clone())
        .chain(first.1.iter().map(|c| c.to_string()))
        .chain([first.2.clone()])
        .collect::<Vec<_>>()
        .join(",");
    assert!(csv.contains(&format!("\r\n{line}\r\n")), "{line}");
    assert!(csv.contains(&format!("\r\n{},{}\r\n", expected[0].0, expected[0].1)));
    anjuan()
        .arg("verify")
        .arg(&ws)
        .arg("--export")
        .arg(&out)
        .assert()
        .success();
}

#[test]
fn english_charts_are_titled_in_english() {
    let dir = tempfile::tempdir().unwrap();
    let (_, out) = exported(dir.path(), "en");
    let xlsx = out.join("review-summary.xlsx");
    let book: Xlsx<_> = open_workbook(&xlsx).unwrap();
    assert_eq!(
        book.sheet_names(),
        [
            "review-summary",
            "charts",
            "chart-data-agencies",
            "chart-data-categories"
        ]
    );
    let titles = [
        "Grades of the files by agency",
        "Average score by agency",
        "Problems by category",
    ];
    for (k, title) in titles.iter().enumerate() {
        let chart = part(&xlsx, &format!("xl/charts/chart{}.xml", k + 1)).unwrap();
        assert!(chart.contains(&format!("<a:t>{title}</a:t>")), "{title}");
        let s = series(&chart);
        let sheet = if k < 2 {
            "chart-data-agencies"
        } else {
            "chart-data-categories"
        };
        assert!(
            s.iter().all(|s| s.values.starts_with(&format!("{sheet}!"))),
            "{s:?}"
        );
    }
    let printed = printed_summary(&xlsx, "review-summary", "en");
    let data = text(&cells(&xlsx, "chart-data-agencies"));
    assert_eq!(data[2][1..=printed.grades.len()], printed.grades[..]);
    let names: Vec<&str> = data[3..].iter().map(|r| r[0].as_str()).collect();
    let ranked: Vec<&str> = printed.agencies.iter().map(|a| a.0.as_str()).collect();
    assert_eq!(names, ranked);
}

fn ci() -> bool {
    std::env::var("CI").is_ok_and(|v| v == "true")
}

/// A tool the test needs: under CI its absence fails the test, elsewhere it skips.
fn required<T>(tool: Option<T>, what: &str) -> Option<T> {
    if tool.is_none() {
        assert!(
            !ci(),
            "CI=true but {what} is not installed (.ci/run installs it)"
        );
        eprintln!("SKIPPED: {what} is not installed, so the chart print check did not run");
    }
    tool
}

#[test]
fn libreoffice_prints_each_chart_on_its_own_page() {
    let Some(office) = required(soffice(), "LibreOffice (soffice)") else {
        return;
    };
    let pdftotext = Command::new("pdftotext")
        .arg("-v")
        .output()
        .is_ok_and(|o| o.status.success())
        .then_some("pdftotext");
    let Some(pdftotext) = required(pdftotext, "pdftotext (poppler-utils)") else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let (_, out) = exported(dir.path(), "zh");
    let xlsx = out.join("评查情况汇总表.xlsx");
    let printed = printed_summary(&xlsx, "评查情况汇总表", "zh");
    let categories = printed_categories(&out);
    let profile = format!("file://{}", dir.path().join("lo-profile").display());
    let pdf_dir = dir.path().join("pdf");
    let run = Command::new(office)
        .arg(format!("-env:UserInstallation={profile}"))
        .args(["--headless", "--convert-to", "pdf", "--outdir"])
        .arg(&pdf_dir)
        .arg(&xlsx)
        .output()
        .unwrap();
    assert!(
        run.status.success(),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    let pdf = pdf_dir.join("评查情况汇总表.pdf");
    let bytes = std::fs::read(&pdf).unwrap();
    let raw = String::from_utf8_lossy(&bytes);
    assert!(
        raw.contains("/MediaBox[0 0 595") || raw.contains("/MediaBox [0 0 595"),
        "A4 portrait pages"
    );
    let run = Command::new(pdftotext)
        .args(["-layout"])
        .arg(&pdf)
        .arg("-")
        .output()
        .unwrap();
    assert!(run.status.success());
    let text = String::from_utf8(run.stdout).unwrap();
    let pages: Vec<Vec<&str>> = text
        .split('\u{c}')
        .map(|p| p.lines().map(str::trim).collect())
        .collect();
    // The page a chart is drawn on: its title and axis title as lines of their own (the data
    // sheets name the charts only inside a sentence), and the labels the chart draws. The last
    // such page: LibreOffice also writes the text of a chart starting on the next page, clipped
    // out of sight, into the page before.
    let page_of = |title: &str, axis: &str, labels: &[&str]| {
        let k = pages
            .iter()
            .rposition(|p| p.contains(&title) && p.contains(&axis))
            .unwrap_or_else(|| panic!("no page with the chart {title}:\n{text}"));
        let page = pages[k].join("\n");
        for l in labels {
            assert!(page.contains(l), "{title} draws {l}:\n{page}");
        }
        k
    };
    let (top, avg) = (&printed.agencies[0].0, &printed.agencies[0].2);
    let mut grade_labels: Vec<&str> = printed.grades.iter().map(String::as_str).collect();
    grade_labels.push(top);
    let k1 = page_of("各单位案卷等次分布", "案卷数（件）", &grade_labels);
    let k2 = page_of("各单位平均分", "平均分", &[top, avg]);
    let k3 = page_of("各类别问题数", "问题数（个）", &[&categories[0].0]);
    assert!(
        k1 < k2 && k2 < k3,
        "one page each, in order: {k1} {k2} {k3}"
    );
}
