//! `anjuan publish` from the command line: what the page holds and what it never holds without
//! being asked (当事人, 案件名称, findings), that it loads nothing from the web, that the same
//! record gives the same bytes, what it says it included, and its refusals. The page in a
//! browser: tests/publish_browser.rs.

mod common;
#[path = "common/page.rs"]
mod page;

use page::*;
use std::collections::BTreeSet;
use std::path::Path;

/// The 当事人 and 案件名称 of the workspace's cases, and the findings of its journal.
fn private_texts(ws: &Path) -> (BTreeSet<String>, BTreeSet<String>, BTreeSet<String>) {
    let (mut parties, mut titles, mut findings) =
        (BTreeSet::new(), BTreeSet::new(), BTreeSet::new());
    for line in std::fs::read_to_string(ws.join("cases.jsonl"))
        .unwrap()
        .lines()
    {
        let c: serde_json::Value = serde_json::from_str(line).unwrap();
        let party = c["party"].as_str().unwrap_or("");
        let title = c["title"].as_str().unwrap_or("");
        // Short ones (吴某) also occur inside the fictional witnesses' names (吴某某).
        if party.chars().count() >= 4 {
            parties.insert(party.to_string());
        }
        if title.chars().count() >= 6 {
            titles.insert(title.to_string());
        }
    }
    for line in common::journal_lines(ws) {
        let e: serde_json::Value = serde_json::from_str(&line).unwrap();
        if let Some(f) = e["finding"].as_str().or(e["new"]["finding"].as_str()) {
            if f.chars().count() >= 4 {
                findings.insert(f.to_string());
            }
        }
    }
    (parties, titles, findings)
}

#[test]
fn the_page_holds_ids_and_strata_only_unless_asked() {
    let dir = tempfile::tempdir().unwrap();
    let ws = common::demo_workspace(dir.path(), "ws");
    let (parties, titles, findings) = private_texts(&ws);
    assert!(
        parties.len() > 50 && titles.len() > 100,
        "{} {}",
        parties.len(),
        titles.len()
    );
    assert!(!findings.is_empty(), "the demo campaign has findings");

    let out = common::anjuan()
        .arg("publish")
        .arg(&ws)
        .arg("--out")
        .arg(dir.path().join("default"))
        .assert()
        .success();
    let said = String::from_utf8(out.get_output().stdout.clone()).unwrap();
    assert!(
        said.contains("不含当事人、案件名称、承办人和发现的问题"),
        "{said}"
    );
    assert!(said.contains("不含评查得分和等级"), "{said}");
    let html = std::fs::read_to_string(dir.path().join("default/index.html")).unwrap();
    for p in &parties {
        assert!(!html.contains(p.as_str()), "当事人 {p} is on the page");
    }
    for t in &titles {
        assert!(!html.contains(t.as_str()), "案件名称 {t} is on the page");
    }
    for f in &findings {
        assert!(!html.contains(f.as_str()), "finding {f} is on the page");
    }
    let data = data_of(&html);
    assert!(data.get("results").is_none() && data.get("titles").is_none());
    // The population: id and stratum index per case, nothing else.
    let cases = data["population"]["cases"].as_str().unwrap();
    assert_eq!(cases.lines().count(), 4000);
    assert!(cases.lines().all(|l| l.split('\t').count() == 2));
    // Register names without any folder of the office's machine.
    for r in data["registers"].as_array().unwrap() {
        let name = r["name"].as_str().unwrap();
        assert!(!name.contains('/') && !name.contains('\\'), "{name}");
    }

    // Results: scores and grades, still no parties, titles or findings.
    let html = publish(&ws, &dir.path().join("results"), &["--with-results"]);
    let data = data_of(&html);
    let files = data["results"]["files"].as_array().unwrap();
    assert_eq!(files.len(), 100);
    assert!(files
        .iter()
        .all(|f| !f["score"].as_str().unwrap().is_empty()));
    for p in &parties {
        assert!(!html.contains(p.as_str()), "当事人 {p} is on the page");
    }
    for f in &findings {
        assert!(!html.contains(f.as_str()), "finding {f} is on the page");
    }

    // Asked for: the drawn files' titles and parties, and with results their findings.
    let out = common::anjuan()
        .arg("publish")
        .arg(&ws)
        .arg("--out")
        .arg(dir.path().join("titles"))
        .args(["--with-titles", "--with-results"])
        .assert()
        .success();
    let said = String::from_utf8(out.get_output().stdout.clone()).unwrap();
    assert!(
        said.contains("--with-titles") && said.contains("请确认可以公开"),
        "{said}"
    );
    let html = std::fs::read_to_string(dir.path().join("titles/index.html")).unwrap();
    let data = data_of(&html);
    let listed = data["titles"].as_array().unwrap();
    let drawn_party = listed[0]["party"].as_str().unwrap();
    assert!(!drawn_party.is_empty() && html.contains(drawn_party));
    assert!(
        findings.iter().any(|f| html.contains(f.as_str())),
        "findings with both flags"
    );
}

#[test]
fn the_page_is_self_contained_and_the_same_record_gives_the_same_bytes() {
    let dir = tempfile::tempdir().unwrap();
    let ws = common::drawn_workspace(dir.path());
    let a = publish(&ws, &dir.path().join("a"), &[]);
    let b = publish(&ws, &dir.path().join("b"), &[]);
    assert_eq!(a, b, "publishing twice gives the same page");
    assert!(
        !a.contains("http://") && !a.contains("https://"),
        "no web address in the page"
    );
    for tag in ["<link", "<img", "<iframe", "src=", "@import", "url("] {
        assert!(!a.contains(tag), "{tag} in the page");
    }
    assert!(a.contains("Content-Security-Policy") && a.contains("default-src 'none'"));
    // Nothing else was written into the folder.
    let names: Vec<String> = std::fs::read_dir(dir.path().join("a"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().to_string())
        .collect();
    assert_eq!(names, ["index.html"]);
}

#[test]
fn a_register_text_cannot_end_the_data_block() {
    let dir = tempfile::tempdir().unwrap();
    let register = dir.path().join("r.csv");
    let mut csv = String::from("案号,执法机关\n");
    for i in 0..30 {
        csv.push_str(&format!("A{i}</script><b>x,\"县<局>&amp;{}\"\n", i % 3));
    }
    std::fs::write(&register, csv).unwrap();
    let ws = dir.path().join("ws");
    common::committed_from(&ws, &register, 5, 1);
    common::draw(&ws);
    let html = publish(&ws, &dir.path().join("page"), &[]);
    assert_eq!(
        html.matches("</script>").count(),
        5,
        "four scripts and the data block"
    );
    let data = data_of(&html);
    assert!(data["population"]["cases"]
        .as_str()
        .unwrap()
        .contains("A0</script><b>x\t"));
}

#[test]
fn publish_refuses_what_it_cannot_publish_and_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("page");
    let a = common::anjuan()
        .arg("publish")
        .arg(dir.path().join("nothing"))
        .arg("--out")
        .arg(&out)
        .assert()
        .code(2);
    let err = String::from_utf8(a.get_output().stderr.clone()).unwrap();
    assert!(err.contains("nothing") && !err.is_empty(), "{err}");
    assert!(!out.exists());

    let ws = dir.path().join("ws");
    common::anjuan()
        .arg("init")
        .arg(&ws)
        .arg("--register")
        .arg(common::repo("samples/county-register.csv"))
        .assert()
        .success();
    for (lang, want) in [
        ("zh", "请先运行 anjuan commit"),
        ("en", "run anjuan commit first"),
    ] {
        let a = common::anjuan()
            .args(["--lang", lang, "publish"])
            .arg(&ws)
            .arg("--out")
            .arg(&out)
            .assert()
            .code(2);
        let err = String::from_utf8(a.get_output().stderr.clone()).unwrap();
        assert!(err.contains(want), "{err}");
        assert!(!out.join("index.html").exists());
    }

    // Committed but not drawn: the commitment can be published before the ceremony.
    common::anjuan()
        .arg("commit")
        .arg(&ws)
        .args(["--n", "100", "--min-per-stratum", "1", "--alternates", "2"])
        .assert()
        .success();
    let html = publish(&ws, &out, &[]);
    let data = data_of(&html);
    assert_eq!(data["draws"].as_array().unwrap().len(), 0);
    assert_eq!(data["commitments"].as_array().unwrap().len(), 1);

    // An altered record in the workspace is refused, not published.
    let draw_ws = common::drawn_workspace(&dir.path().join("d"));
    let rec = draw_ws.join("draws/0001.json");
    let text = std::fs::read_to_string(&rec)
        .unwrap()
        .replacen("\"rank\": 1", "\"rank\": 9", 1);
    std::fs::write(&rec, text).unwrap();
    let before = std::fs::read(out.join("index.html")).unwrap();
    common::anjuan()
        .arg("publish")
        .arg(&draw_ws)
        .arg("--out")
        .arg(&out)
        .assert()
        .code(2);
    assert_eq!(
        std::fs::read(out.join("index.html")).unwrap(),
        before,
        "the earlier page stays"
    );
}
