//! `anjuan report WS --out DIR` end to end on the demo campaign: the 评查情况通报（草稿）is a
//! well-formed DOCX with three native charts; LibreOffice prints it to PDF, and the PDF's text
//! holds the ranking, the counts, the average, 优秀率 and 合格率, a typical example's case id
//! and finding, every 不合格 file and the digests — each computed here from what `anjuan export`
//! and `anjuan review status` print, not from the library — and no 当事人 of a drawn file; the
//! same record gives the same bytes; rectification progress appears once letters are issued;
//! and a folder that is no workspace, or a workspace with no draw, is refused in Chinese and
//! English with nothing written.
//!
//! As in tests/export_docx.rs, a missing LibreOffice or pdftotext skips the print check with a
//! "SKIPPED:" message, except under `CI=true`, where it fails.

mod common;
use common::*;
use predicates::str::contains;
use std::io::Read as _;
use std::path::{Path, PathBuf};
use std::process::Command;

const DOCX: &str = "评查情况通报（草稿）.docx";

fn ci() -> bool {
    std::env::var("CI").is_ok_and(|v| v == "true")
}

fn squeeze(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

fn report(ws: &Path, out: &Path, extra: &[&str]) -> PathBuf {
    anjuan()
        .arg("report")
        .arg(ws)
        .arg("--out")
        .arg(out)
        .args(["--as-of", "2026-04-01"])
        .args(extra)
        .assert()
        .success()
        .stdout(contains("SHA-256"));
    out.join(DOCX)
}

/// The parts of a DOCX by name, as text.
fn parts(docx: &Path) -> Vec<(String, String)> {
    let bytes = std::fs::read(docx).unwrap();
    let mut z = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    (0..z.len())
        .map(|i| {
            let mut f = z.by_index(i).unwrap();
            let mut s = String::new();
            f.read_to_string(&mut s).unwrap();
            (f.name().to_string(), s)
        })
        .collect()
}

fn assert_well_formed(name: &str, xml: &str) {
    use quick_xml::events::Event;
    let mut r = quick_xml::Reader::from_str(xml);
    loop {
        match r.read_event() {
            Ok(Event::Eof) => break,
            Ok(_) => {}
            Err(e) => panic!("{name}: {e} at {}", r.buffer_position()),
        }
    }
}

/// The text of every `<w:t>` in document.xml, joined.
fn document_text(parts: &[(String, String)]) -> String {
    let xml = &parts
        .iter()
        .find(|(n, _)| n == "word/document.xml")
        .unwrap()
        .1;
    xml.split("<w:t xml:space=\"preserve\">")
        .skip(1)
        .map(|s| &s[..s.find("</w:t>").unwrap()])
        .collect::<Vec<_>>()
        .join("")
}

/// The cells of a CSV line (quotes as RFC 4180 writes them).
fn cells(line: &str) -> Vec<String> {
    let mut out = vec![String::new()];
    let mut quoted = false;
    let mut chars = line.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '"' if quoted && chars.peek() == Some(&'"') => {
                chars.next();
                out.last_mut().unwrap().push('"');
            }
            '"' => quoted = !quoted,
            ',' if !quoted => out.push(String::new()),
            c => out.last_mut().unwrap().push(c),
        }
    }
    out
}

/// The rows of an exported sheet after its header row (the one starting with `first`).
fn rows(csv: &Path, first: &str) -> Vec<Vec<String>> {
    let text = std::fs::read_to_string(csv).unwrap();
    text.lines()
        .map(cells)
        .skip_while(|r| r[0] != first)
        .skip(1)
        // The table ends at its signature lines (the chart data follows in the same CSV).
        .take_while(|r| r.len() > 2)
        .collect()
}

/// `k / n` as a percentage with one decimal.
fn pct(k: f64, n: f64) -> String {
    format!("{:.1}", 100.0 * k / n)
}

/// What the draft must say, from the export of the same workspace.
struct Expected {
    /// (rank, agency, average) of every ranked agency.
    ranking: Vec<(String, String, String)>,
    total_files: String,
    average: String,
    grades: Vec<(String, String)>,
    excellent_rate: String,
    pass_rate: String,
    example_case: String,
    example_finding: String,
    failed: Vec<String>,
    draw_sha: String,
    journal_head: String,
}

fn expected(ws: &Path, exp: &Path) -> Expected {
    anjuan()
        .arg("export")
        .arg(ws)
        .arg("--out")
        .arg(exp)
        .args(["--as-of", "2026-04-01"])
        .assert()
        .success();
    let header: Vec<String> = std::fs::read_to_string(exp.join("评查情况汇总表.csv"))
        .unwrap()
        .lines()
        .map(cells)
        .find(|r| r[0] == "排名")
        .unwrap();
    let summary = rows(&exp.join("评查情况汇总表.csv"), "排名");
    let total = summary.iter().find(|r| r[1] == "合计").unwrap();
    let ranking = summary
        .iter()
        .filter(|r| !r[0].is_empty())
        .map(|r| (r[0].clone(), r[1].clone(), r[9].clone()))
        .collect();
    // Grade columns 4..8: `53（53.0%）`.
    let count = |cell: &str| cell.split('（').next().unwrap().to_string();
    let grades: Vec<(String, String)> = (4..8)
        .map(|k| (header[k].clone(), count(&total[k])))
        .collect();
    let n: f64 = total[3].parse().unwrap();
    let excellent: f64 = grades[0].1.parse().unwrap();
    let failed_count: f64 = grades[3].1.parse().unwrap();
    // The problem list's first finding, `CASE ITEM：FINDING`, is the first category's first
    // typical example.
    let problems = rows(&exp.join("问题清单.csv"), "序号");
    let (head, finding) = problems[0][2].split_once('：').unwrap();
    let example_case = head.split(' ').next().unwrap().to_string();
    let failed = status(ws)["files"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["grade"] == "不合格")
        .map(|f| f["case_id"].as_str().unwrap().to_string())
        .collect();
    let manifest: serde_json::Value =
        serde_json::from_slice(&std::fs::read(exp.join("manifest.json")).unwrap()).unwrap();
    Expected {
        ranking,
        total_files: total[3].clone(),
        average: total[9].clone(),
        grades,
        excellent_rate: pct(excellent, n),
        pass_rate: pct(n - failed_count, n),
        example_case,
        example_finding: finding.to_string(),
        failed,
        draw_sha: manifest["draw"]["sha256"].as_str().unwrap().to_string(),
        journal_head: manifest["journal_head"].as_str().unwrap().to_string(),
    }
}

/// Every 当事人 of the drawn files, from the workspace's frozen register.
fn parties(ws: &Path) -> Vec<String> {
    let drawn: Vec<String> = status(ws)["files"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["case_id"].as_str().unwrap().to_string())
        .collect();
    std::fs::read_to_string(ws.join("cases.jsonl"))
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str::<serde_json::Value>(l).unwrap())
        .filter(|c| drawn.iter().any(|d| c["id"] == d.as_str()))
        .filter_map(|c| c["party"].as_str().map(str::to_string))
        .filter(|p| !p.trim().is_empty())
        .collect()
}

/// The PDF LibreOffice prints, as text; `None` (skipped) without LibreOffice or pdftotext.
fn printed(docx: &Path, scratch: &Path) -> Option<String> {
    let Some(office) = soffice() else {
        assert!(!ci(), "CI=true but LibreOffice is not installed");
        eprintln!("SKIPPED: LibreOffice is not installed, so the bulletin was not printed");
        return None;
    };
    let profile = format!("file://{}", scratch.join("lo-profile").display());
    let pdf_dir = scratch.join("pdf");
    let run = Command::new(office)
        .arg(format!("-env:UserInstallation={profile}"))
        .args(["--headless", "--convert-to", "pdf", "--outdir"])
        .arg(&pdf_dir)
        .arg(docx)
        .output()
        .unwrap();
    assert!(
        run.status.success(),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    let pdf = pdf_dir.join(docx.with_extension("pdf").file_name().unwrap());
    assert!(std::fs::read(&pdf).unwrap().starts_with(b"%PDF"));
    let Ok(text) = Command::new("pdftotext")
        .args(["-raw", "-enc", "UTF-8"])
        .arg(&pdf)
        .arg("-")
        .output()
    else {
        assert!(!ci(), "CI=true but pdftotext is not installed");
        eprintln!("SKIPPED: pdftotext is not installed, so the bulletin's text was not checked");
        return None;
    };
    assert!(text.status.success());
    Some(String::from_utf8(text.stdout).unwrap())
}

#[test]
fn the_bulletin_prints_the_records_figures_and_no_party() {
    let dir = tempfile::tempdir().unwrap();
    let ws = demo_workspace(dir.path(), "demo");
    let want = expected(&ws, &dir.path().join("export"));
    let docx = report(&ws, &dir.path().join("通报"), &[]);

    // Well-formed, with three charts whose caches hold the ranking's averages.
    let parts = parts(&docx);
    for (name, xml) in &parts {
        assert_well_formed(name, xml);
    }
    let charts: Vec<&String> = parts
        .iter()
        .filter(|(n, _)| n.starts_with("word/charts/chart"))
        .map(|(_, x)| x)
        .collect();
    assert_eq!(charts.len(), 3, "grades, averages, categories");
    let (_, first, average) = &want.ranking[0];
    let averages = charts
        .iter()
        .find(|c| c.contains("<c:max val=\"100\"/>"))
        .expect("the average chart");
    assert!(averages.contains(&format!("<c:pt idx=\"0\"><c:v>{first}</c:v></c:pt>")));
    assert!(
        averages.contains(&format!("<c:pt idx=\"0\"><c:v>{average}</c:v></c:pt>")),
        "{average}"
    );
    let text = document_text(&parts);
    assert!(text.contains("尚无整改记录"), "no rectification yet");
    assert!(!text.contains("阶段性统计"), "every file is finalized");
    assert!(text.contains("【请编辑】"));

    // Printed: the figures, an example, the failed files, the digests; no party.
    let Some(pdf) = printed(&docx, dir.path()) else {
        return;
    };
    let pdf = squeeze(&pdf);
    assert!(pdf.contains("关于演示专项行政执法案卷评查情况的通报"));
    for (rank, agency, average) in &want.ranking {
        assert!(
            pdf.contains(&squeeze(&format!("{rank}{agency}"))),
            "rank {rank} {agency}"
        );
        assert!(pdf.contains(average.as_str()), "{agency} {average}");
    }
    let grades: Vec<String> = want
        .grades
        .iter()
        .map(|(g, k)| format!("{g}{k}件"))
        .collect();
    let sentence = format!("已定稿案卷平均得分{}分", want.average);
    assert!(pdf.contains(&sentence), "{sentence}");
    assert!(
        pdf.contains(&format!("其中{}", grades.join("、"))),
        "{grades:?}"
    );
    assert!(pdf.contains(&format!("已评查定稿{}件", want.total_files)));
    assert!(pdf.contains(&format!(
        "优秀率{}%，合格率{}%",
        want.excellent_rate, want.pass_rate
    )));
    assert!(pdf.contains(&squeeze(&want.example_case)));
    assert!(
        pdf.contains(&squeeze(&want.example_finding)),
        "{}",
        want.example_finding
    );
    assert!(!want.failed.is_empty(), "the demo has 不合格 files");
    for case in &want.failed {
        assert!(pdf.contains(&squeeze(case)), "不合格 {case}");
    }
    assert!(pdf.contains(&want.draw_sha), "draw record digest");
    assert!(pdf.contains(&want.journal_head), "journal head");
    // The witnesses are named (they signed for the draw); a fictional party whose name is
    // part of a witness's (吴某 of 吴某某) cannot be told apart by text, so it is left out.
    let draw: serde_json::Value =
        serde_json::from_slice(&std::fs::read(ws.join("draws/0001.json")).unwrap()).unwrap();
    let witnesses: Vec<&str> = draw["witnesses"]
        .as_array()
        .unwrap()
        .iter()
        .map(|w| w["name"].as_str().unwrap())
        .collect();
    let parties: Vec<String> = parties(&ws)
        .into_iter()
        .filter(|p| !witnesses.iter().any(|w| w.contains(p.as_str())))
        .collect();
    assert!(parties.len() > 50, "{}", parties.len());
    for p in &parties {
        assert!(!pdf.contains(&squeeze(p)), "当事人 {p} in the bulletin");
    }
}

#[test]
fn the_same_record_gives_the_same_bytes_and_progress_once_letters_are_out() {
    let dir = tempfile::tempdir().unwrap();
    let ws = demo_workspace(dir.path(), "demo");
    let a = report(&ws, &dir.path().join("a"), &[]);
    let b = report(&ws, &dir.path().join("b"), &[]);
    assert_eq!(std::fs::read(&a).unwrap(), std::fs::read(&b).unwrap());
    // Written again in place: replaced, the same bytes, no temporary file left.
    report(&ws, &dir.path().join("a"), &[]);
    assert_eq!(std::fs::read(&a).unwrap(), std::fs::read(&b).unwrap());
    assert_eq!(std::fs::read_dir(dir.path().join("a")).unwrap().count(), 1);
    // Another day is another draft.
    let c = dir.path().join("c");
    anjuan()
        .arg("report")
        .arg(&ws)
        .arg("--out")
        .arg(&c)
        .args(["--as-of", "2026-04-02"])
        .assert()
        .success();
    assert_ne!(
        std::fs::read(&a).unwrap(),
        std::fs::read(c.join(DOCX)).unwrap()
    );

    // Letters issued: the items, and overdue after the deadline.
    anjuan()
        .arg("feedback")
        .arg(&ws)
        .arg("--out")
        .arg(dir.path().join("意见书"))
        .args(["--date", "2026-03-20", "--deadline", "2026-03-31"])
        .assert()
        .success();
    let items = json(
        anjuan()
            .arg("rectify")
            .arg(&ws)
            .args(["list", "--format", "json"]),
    )["items"]
        .as_array()
        .unwrap()
        .len();
    let docx = report(&ws, &dir.path().join("d"), &[]);
    let text = document_text(&parts(&docx));
    assert!(
        text.contains(&format!(
            "共有整改事项 {items} 个，已销号 0 个，销号率 0.0%；逾期未销号 {items} 个"
        )),
        "{items} items, all overdue on 2026-04-01"
    );
    assert!(!text.contains("尚无整改记录"));

    // English on request, under its own name.
    let en = dir.path().join("en");
    anjuan()
        .args(["--lang", "en", "report"])
        .arg(&ws)
        .arg("--out")
        .arg(&en)
        .args(["--as-of", "2026-04-01"])
        .assert()
        .success();
    let text = document_text(&parts(&en.join("review-bulletin-draft.docx")));
    assert!(text.contains("Excellent rate"), "{text}");
}

#[test]
fn a_file_not_finalized_makes_the_figures_provisional() {
    let dir = tempfile::tempdir().unwrap();
    let ws = demo_workspace(dir.path(), "demo");
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
    let text = document_text(&parts(&report(&ws, &dir.path().join("o"), &[])));
    assert!(text.contains("阶段性统计"), "{text}");
    assert!(text.contains("已评查定稿 99 件"));
}

#[test]
fn no_workspace_or_no_draw_is_refused_and_nothing_is_written() {
    let dir = tempfile::tempdir().unwrap();
    let empty = dir.path().join("empty");
    std::fs::create_dir(&empty).unwrap();
    let out = dir.path().join("out");
    let refused = |ws: &Path, lang: &str| {
        let o = anjuan()
            .args(["--lang", lang, "report"])
            .arg(ws)
            .arg("--out")
            .arg(&out)
            .output()
            .unwrap();
        assert_eq!(o.status.code(), Some(2));
        assert!(!out.exists(), "nothing written");
        String::from_utf8(o.stderr).unwrap()
    };
    let zh = refused(&empty, "zh");
    assert!(zh.contains("通报草稿没有生成"), "{zh}");
    let en = refused(&empty, "en");
    assert!(en.contains("No bulletin was written"), "{en}");

    let ws = committed_workspace(dir.path());
    let zh = refused(&ws, "zh");
    assert!(
        zh.contains("anjuan draw") && zh.contains("通报草稿没有生成"),
        "{zh}"
    );
    let en = refused(&ws, "en");
    assert!(
        en.contains("anjuan draw") && en.contains("No bulletin"),
        "{en}"
    );

    let o = anjuan()
        .arg("report")
        .arg(&ws)
        .arg("--out")
        .arg(&out)
        .args(["--as-of", "四月一日"])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("--as-of"));
    assert!(!out.exists());
}

#[test]
fn superseded_draws_are_reported_with_their_reasons() {
    let dir = tempfile::tempdir().unwrap();
    let ws = drawn_workspace(dir.path());
    for reason in ["见证人迟到，重新掷骰", "骰子掉落，重新掷骰"] {
        anjuan()
            .arg("draw")
            .arg(&ws)
            .args(["--seed", "11111111111111111111", "--supersede", reason])
            .assert()
            .success();
    }
    let draws: Vec<serde_json::Value> = (1..=2)
        .map(|n| {
            let f = ws.join(format!("draws/{n:04}.json"));
            serde_json::Value::String(sha256_hex(&std::fs::read(f).unwrap()))
        })
        .collect();
    // Nothing reviewed yet: the draft says so, and names both superseded draws.
    let text = document_text(&parts(&report(&ws, &dir.path().join("o"), &[])));
    assert!(
        text.contains("第 3 次抽取作废第 2 次抽取，理由：骰子掉落，重新掷骰。"),
        "{text}"
    );
    assert!(text.contains("第 2 次抽取作废第 1 次抽取，理由：见证人迟到，重新掷骰。"));
    for d in &draws {
        assert!(text.contains(d.as_str().unwrap()), "digest {d}");
    }
    assert!(text.contains("尚无定稿案卷"));
    assert!(text.contains("阶段性统计"));
}

fn sha256_hex(bytes: &[u8]) -> String {
    anjuan::workspace::ledger::sha256_hex(bytes)
}
