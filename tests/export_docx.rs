//! The 评查意见书 written through the library as DOCX and XLSX: the same letter gives the same
//! bytes; the XLSX holds every problem row; and LibreOffice (headless) prints the DOCX to an A4
//! portrait PDF whose text holds every problem's rectification id and finding.
//!
//! The PDF's text is read with `pdftotext -raw` (poppler-utils); LibreOffice also converts the
//! DOCX to plain text, and that is checked the same way. Both are compared with whitespace
//! removed, since a finding wraps inside its table cell. Skipped, with a "SKIPPED:" message,
//! where LibreOffice or pdftotext is not installed — except under `CI=true` (`.ci/run`, which
//! installs both), where a missing tool fails the test.

mod common;
use anjuan::export::feedback::{self, Letter, LetterFile, LetterProblem};
use anjuan::i18n::Lang;
use std::path::{Path, PathBuf};
use std::process::Command;

/// The problem whose finding tries markup and breaks a line.
const HOSTILE: usize = 6;

fn letter() -> Letter {
    let items = [
        (
            "A1 受案登记",
            "程序规范",
            "扣分 1 分",
            "受案登记表未填写案件来源",
        ),
        (
            "B2 立案审批",
            "程序规范",
            "扣分 2 分",
            "立案审批表无负责人签批意见",
        ),
        (
            "C3 调查取证",
            "证据规范",
            "扣分 1 分",
            "现场笔录未载明执法人员执法证号",
        ),
        (
            "D1 告知程序",
            "程序规范",
            "否决",
            "未告知当事人陈述申辩权利即作出处罚",
        ),
        (
            "E2 法律适用",
            "法律适用",
            "扣分 2 分",
            "处罚决定书引用法律条款不具体到项",
        ),
        (
            "F1 送达执行",
            "文书规范",
            "扣分 1 分",
            "送达回证缺少受送达人签名",
        ),
    ];
    let problems = (0..30)
        .map(|i| {
            let (item, category, verdict, finding) = items[i % items.len()];
            let finding = if i == HOSTILE {
                "送达回证<w:p>签收&日期</w:p>缺失\n另：卷内目录页码不连续".to_string()
            } else {
                format!("{finding}（第{}处）", i + 1)
            };
            LetterProblem {
                id: format!("Z{:04}", i + 1),
                case_id: format!("攸交罚〔2024〕{}号", 10 + i / 3),
                item: item.into(),
                category: category.into(),
                verdict: verdict.into(),
                finding,
                evidence: format!("第{}页", 3 + i),
                basis: "《中华人民共和国行政处罚法》第四十四条".into(),
                // One problem with a deadline of its own.
                deadline: if i == 11 {
                    "2025-12-15".into()
                } else {
                    String::new()
                },
            }
        })
        .collect();
    Letter {
        office: "攸县司法局".into(),
        doc_number: "攸司评〔2025〕3号".into(),
        campaign: "2025年度行政执法案卷评查".into(),
        agency: "攸县交通运输局".into(),
        date: "2025-11-20".into(),
        deadline: "2025-12-31".into(),
        files: (0..10)
            .map(|i| LetterFile {
                case_id: format!("攸交罚〔2024〕{}号", 10 + i),
                case_type: "行政处罚".into(),
                score: format!("{}", 95 - i * 3),
                grade: if i < 4 { "优秀" } else { "合格" }.into(),
            })
            .collect(),
        problems,
        digests: vec![
            format!("日志头 SHA-256 {}", "a1".repeat(32)),
            format!("整改记录头 SHA-256 {}", "b2".repeat(32)),
            format!("评查项目摘要 SHA-256 {}", "c3".repeat(32)),
        ],
    }
}

/// Without whitespace: a finding wraps inside its cell, and its `\n` is a line break.
fn squeeze(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
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
        eprintln!("SKIPPED: {what} is not installed, so the DOCX print check did not run");
    }
    tool
}

fn written(dir: &Path) -> (PathBuf, PathBuf) {
    let w = feedback::write(&letter(), Lang::Zh, dir).unwrap();
    let names: Vec<&str> = w.iter().map(|w| w.file.as_str()).collect();
    assert_eq!(
        names,
        [
            "评查意见书-攸县交通运输局.docx",
            "评查意见书-攸县交通运输局.xlsx"
        ]
    );
    for f in &w {
        let bytes = std::fs::read(dir.join(&f.file)).unwrap();
        assert_eq!(
            f.sha256,
            anjuan::workspace::ledger::sha256_hex(&bytes),
            "{}",
            f.file
        );
        assert_eq!(f.bytes, bytes.len() as u64);
    }
    (dir.join(&w[0].file), dir.join(&w[1].file))
}

#[test]
fn the_same_letter_gives_the_same_bytes() {
    let (a, b) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    let (docx_a, xlsx_a) = written(a.path());
    let (docx_b, _) = written(b.path());
    assert_eq!(
        std::fs::read(&docx_a).unwrap(),
        std::fs::read(docx_b).unwrap()
    );
    assert!(std::fs::read(docx_a).unwrap().starts_with(b"PK"));
    assert!(xlsx_a.exists());
}

#[test]
fn the_xlsx_holds_every_problem_row() {
    use calamine::{open_workbook, Data, Reader, Xlsx};
    let dir = tempfile::tempdir().unwrap();
    let (_, xlsx) = written(dir.path());
    let mut book: Xlsx<_> = open_workbook(&xlsx).unwrap();
    let sheet = book.sheet_names()[0].clone();
    let range = book.worksheet_range(&sheet).unwrap();
    let rows: Vec<Vec<String>> = range
        .rows()
        .map(|r| {
            r.iter()
                .map(|c| match c {
                    Data::String(s) => s.clone(),
                    Data::Empty => String::new(),
                    other => other.to_string(),
                })
                .collect()
        })
        .collect();
    let l = letter();
    let problem_rows: Vec<&Vec<String>> = rows
        .iter()
        .filter(|r| r.get(1).is_some_and(|id| id.starts_with('Z')))
        .collect();
    assert_eq!(problem_rows.len(), l.problems.len());
    for (n, (row, p)) in problem_rows.iter().zip(&l.problems).enumerate() {
        let deadline = if p.deadline.is_empty() {
            &l.deadline
        } else {
            &p.deadline
        };
        assert_eq!(
            row[..10],
            [
                (n + 1).to_string(),
                p.id.clone(),
                p.case_id.clone(),
                p.item.clone(),
                p.category.clone(),
                p.verdict.clone(),
                p.finding.clone(),
                p.evidence.clone(),
                p.basis.clone(),
                deadline.clone(),
            ]
        );
    }
    let all = rows.concat().join("\n");
    assert!(all.contains("文号：攸司评〔2025〕3号"));
    assert!(all.contains("共评查案卷 10 件，其中优秀 4 件、合格 6 件。"));
    assert!(all.contains("签收人：________"));
}

/// The numbers of every `/MediaBox [x0 y0 x1 y1]` in the PDF.
fn media_boxes(pdf: &str) -> Vec<Vec<f64>> {
    pdf.split("/MediaBox")
        .skip(1)
        .map(|s| {
            let s = s.trim_start();
            let inner = &s[1..s.find(']').unwrap()];
            inner
                .split_whitespace()
                .map(|v| v.parse().unwrap())
                .collect()
        })
        .collect()
}

fn assert_holds_every_problem(what: &str, text: &str) {
    let text = squeeze(text);
    for p in &letter().problems {
        assert!(text.contains(&p.id), "{what}: no {}", p.id);
        assert!(
            text.contains(&squeeze(&p.finding)),
            "{what}: no finding of {}: {}",
            p.id,
            p.finding
        );
    }
    assert!(text.contains("行政执法案卷评查意见书"), "{what}: title");
    assert!(text.contains("攸县交通运输局："), "{what}: addressee");
}

#[test]
fn the_letter_prints_to_a4_portrait_with_every_problem() {
    let Some(office) = required(common::soffice(), "LibreOffice (soffice)") else {
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
    let out = dir.path().join("out");
    let (docx, _) = written(&out);
    let profile = format!("file://{}", dir.path().join("lo-profile").display());
    // The PDF, and the plain text LibreOffice reads from the DOCX (UTF-8 whatever the locale).
    for target in ["pdf", "txt:Text (encoded):UTF8"] {
        let run = Command::new(&office)
            .arg(format!("-env:UserInstallation={profile}"))
            .args(["--headless", "--convert-to", target, "--outdir"])
            .arg(&out)
            .arg(&docx)
            .output()
            .unwrap();
        assert!(
            run.status.success(),
            "{target}: {}",
            String::from_utf8_lossy(&run.stderr)
        );
    }
    let pdf_path = docx.with_extension("pdf");
    let pdf = std::fs::read(&pdf_path).unwrap();
    assert!(pdf.starts_with(b"%PDF"));
    let raw = String::from_utf8_lossy(&pdf);
    let boxes = media_boxes(&raw);
    assert!(!boxes.is_empty(), "no page");
    for b in &boxes {
        // A4 portrait is 595 x 842 points.
        assert!(
            b.len() == 4 && (b[2] - 595.3).abs() < 1.0 && (b[3] - 841.9).abs() < 1.0,
            "not A4 portrait: {b:?}"
        );
    }
    assert!(raw.contains("/FontFile"), "fonts are embedded");

    let pdf_text = Command::new(pdftotext)
        .args(["-raw", "-enc", "UTF-8"])
        .arg(&pdf_path)
        .arg("-")
        .output()
        .unwrap();
    assert!(pdf_text.status.success());
    let pdf_text = String::from_utf8(pdf_text.stdout).unwrap();
    let pages = pdf_text.matches('\u{c}').count();
    assert!(pages >= 2, "30 problems take more than one page: {pages}");
    assert_holds_every_problem("PDF", &pdf_text);
    // The audit lines are in every page's footer, with the page number.
    let journal = format!("日志头SHA-256{}", "a1".repeat(32));
    assert_eq!(squeeze(&pdf_text).matches(&journal).count(), pages);
    assert!(squeeze(&pdf_text).contains(&format!("1/{pages}")));

    let txt = std::fs::read_to_string(docx.with_extension("txt")).unwrap();
    assert_holds_every_problem("text", &txt);
}
