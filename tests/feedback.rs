//! `anjuan feedback` end to end from the demo campaign: one 评查意见书 per agency whose files are
//! all finalized (an agency with a file reopened waits, named); each letter's DOCX prints to PDF
//! in LibreOffice with every problem of that agency on it; the letters record the deadline, which
//! makes items overdue after it; re-running issues nothing twice; deadlines before the letter are
//! refused.

mod common;
use common::*;
use predicates::str::contains;
use std::path::Path;
use std::process::Command;

fn items(ws: &Path, extra: &[&str]) -> Vec<serde_json::Value> {
    json(
        anjuan()
            .arg("rectify")
            .arg(ws)
            .args(["list", "--format", "json"])
            .args(extra),
    )["items"]
        .as_array()
        .unwrap()
        .clone()
}

fn squeeze(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

fn ci() -> bool {
    std::env::var("CI").is_ok_and(|v| v == "true")
}

#[test]
fn letters_to_every_finalized_agency_with_every_problem() {
    let dir = tempfile::tempdir().unwrap();
    let ws = dir.path().join("demo");
    anjuan()
        .args(["demo", "--build"])
        .arg(&ws)
        .assert()
        .success();
    let all = items(&ws, &[]);
    let waiting_case = all[0]["case_id"].as_str().unwrap().to_string();
    let waiting = all[0]["agency"].as_str().unwrap().to_string();
    anjuan()
        .arg("review")
        .arg(&ws)
        .args([
            "reopen",
            &waiting_case,
            "--reason",
            "复核",
            "--reviewer",
            "王五",
        ])
        .assert()
        .success();
    let out = dir.path().join("意见书");
    // Refused before anything is written: a deadline before the letter; the waiting agency asked for.
    anjuan()
        .arg("feedback")
        .arg(&ws)
        .arg("--out")
        .arg(&out)
        .args(["--date", "2026-03-20", "--deadline", "2026-03-19"])
        .assert()
        .code(2)
        .stderr(contains("早于意见书日期"));
    anjuan()
        .arg("feedback")
        .arg(&ws)
        .arg("--out")
        .arg(&out)
        .args(["--agency", &waiting])
        .assert()
        .code(2)
        .stderr(contains("未定稿"));
    assert!(!ws.join("rectification.jsonl").exists());

    anjuan()
        .arg("feedback")
        .arg(&ws)
        .arg("--out")
        .arg(&out)
        .args([
            "--date",
            "2026-03-20",
            "--days",
            "30",
            "--office",
            "攸县司法局",
        ])
        .args(["--number", "攸司评〔2026〕{n}号"])
        .assert()
        .success()
        .stdout(contains(format!("暂缓：{waiting}")));
    assert!(!out.join(format!("评查意见书-{waiting}.docx")).exists());
    let after = items(&ws, &[]);
    for i in &after {
        if i["agency"] == waiting.as_str() {
            assert!(i["deadline"].is_null(), "{i}");
        } else {
            assert_eq!(i["deadline"], "2026-04-19", "{i}");
            assert_eq!(i["feedback_date"], "2026-03-20");
        }
    }
    assert!(items(&ws, &["--overdue", "--as-of", "2026-04-19"]).is_empty());
    let overdue = items(&ws, &["--overdue", "--as-of", "2026-04-20"]);
    assert_eq!(
        overdue.len(),
        after
            .iter()
            .filter(|i| i["agency"] != waiting.as_str())
            .count()
    );
    // A plan's deadline before the letter is refused.
    let fed = after
        .iter()
        .find(|i| i["agency"] != waiting.as_str())
        .unwrap();
    let id = fed["id"].as_str().unwrap();
    anjuan()
        .arg("rectify")
        .arg(&ws)
        .args([
            "plan",
            id,
            "--leader",
            "a",
            "--owner",
            "b",
            "--measure",
            "c",
        ])
        .args(["--deadline", "2026-03-19", "--by", "d"])
        .assert()
        .code(2)
        .stderr(contains("早于评查意见书日期 2026-03-20"));
    // Again: the letters are written again, nothing is issued twice.
    let record = std::fs::read(ws.join("rectification.jsonl")).unwrap();
    anjuan()
        .arg("feedback")
        .arg(&ws)
        .arg("--out")
        .arg(&out)
        .args(["--date", "2026-03-20"])
        .assert()
        .success()
        .stdout(contains("新下发 0 份"));
    assert_eq!(
        std::fs::read(ws.join("rectification.jsonl")).unwrap(),
        record
    );
    // Finalized again, the waiting agency gets its letter; only it is issued.
    anjuan()
        .arg("review")
        .arg(&ws)
        .args(["finalize", &waiting_case, "--reviewer", "王五"])
        .assert()
        .success();
    anjuan()
        .arg("feedback")
        .arg(&ws)
        .arg("--out")
        .arg(&out)
        .args(["--agency", &waiting, "--date", "2026-03-25"])
        .assert()
        .success()
        .stdout(contains("新下发 1 份"));
    assert!(items(&ws, &["--agency", &waiting])
        .iter()
        .all(|i| i["deadline"] == "2026-04-24"));
    let ok = anjuan().arg("verify").arg(&ws).output().unwrap();
    assert!(
        ok.status.success(),
        "{}",
        String::from_utf8_lossy(&ok.stdout)
    );

    // One agency's letter printed: every one of its problems is on the PDF.
    let agency = fed["agency"].as_str().unwrap();
    let docx = out.join(format!("评查意见书-{agency}.docx"));
    let xlsx = out.join(format!("评查意见书-{agency}.xlsx"));
    assert!(docx.is_file() && xlsx.is_file());
    let Some(office) = soffice() else {
        assert!(!ci(), "CI=true but LibreOffice is not installed");
        eprintln!("SKIPPED: LibreOffice is not installed, so the letter was not printed");
        return;
    };
    let profile = format!("file://{}", dir.path().join("lo-profile").display());
    let run = Command::new(office)
        .arg(format!("-env:UserInstallation={profile}"))
        .args(["--headless", "--convert-to", "pdf", "--outdir"])
        .arg(dir.path())
        .arg(&docx)
        .output()
        .unwrap();
    assert!(
        run.status.success(),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    let pdf = dir.path().join(format!("评查意见书-{agency}.pdf"));
    assert!(std::fs::read(&pdf).unwrap().starts_with(b"%PDF"));
    let Ok(text) = Command::new("pdftotext")
        .args(["-raw", "-enc", "UTF-8"])
        .arg(&pdf)
        .arg("-")
        .output()
    else {
        assert!(!ci(), "CI=true but pdftotext is not installed");
        eprintln!("SKIPPED: pdftotext is not installed, so the letter's text was not checked");
        return;
    };
    let text = squeeze(&String::from_utf8_lossy(&text.stdout));
    let mine: Vec<&serde_json::Value> = after.iter().filter(|i| i["agency"] == agency).collect();
    assert!(!mine.is_empty());
    for i in mine {
        let id = i["id"].as_str().unwrap();
        assert!(text.contains(id), "{id} on the letter");
        let finding = squeeze(i["finding"].as_str().unwrap());
        assert!(text.contains(&finding), "{id}: {finding} on the letter");
    }
    assert!(text.contains("攸司评〔2026〕"), "文号 line");
    assert!(text.contains(&squeeze(&format!("{agency}："))), "addressee");
}
