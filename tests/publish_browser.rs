//! The public page end to end: written by the real binary, opened in headless Chromium from a
//! `file://` URL with the network off (tests/browser/check_page.mjs, playwright-core), it
//! checks itself — `data-verified="true"` on real campaigns (a demo campaign with results, one
//! with GBK registers and a superseded draw, one with awkward ids), `"false"` naming the row on
//! copies with an altered case id, ticket, stratum or seed — loads nothing from anywhere, and
//! checks a register file the visitor loads against the frozen digests.

mod common;
#[path = "common/page.rs"]
mod page;

use page::*;
use serde_json::Value;
use std::path::Path;

fn assert_offline(result: &Value) {
    let requests = result["requests"].as_array().unwrap();
    assert!(!requests.is_empty());
    for r in requests {
        let url = r.as_str().unwrap();
        assert!(url.starts_with("file://"), "the page requested {url}");
    }
    assert_eq!(
        result["console_errors"],
        serde_json::json!([]),
        "console errors"
    );
}

fn assert_verified(result: &Value) {
    assert_eq!(result["verified"], "true", "{}", result["summary"]);
    assert!(result["summary"].as_str().unwrap().contains("全部复核一致"));
    assert_eq!(result["marks_bad"], 0);
    assert_offline(result);
}

fn text(result: &Value) -> &str {
    result["text"].as_str().unwrap()
}

#[test]
fn a_reviewed_demo_campaign_verifies_offline_in_both_languages() {
    if !browser_available() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let ws = common::demo_workspace(dir.path(), "ws");
    let html = publish(&ws, &dir.path().join("page"), &["--with-results"]);
    let drawn = data_of(&html)["draws"][0]["text"]
        .as_str()
        .unwrap()
        .to_string();
    let drawn: Value = serde_json::from_str(&drawn).unwrap();
    let rows = drawn["selected"].as_array().unwrap().len() as u64;

    let r = browse(
        &dir.path().join("page/index.html"),
        &[
            "--lang-toggle",
            "--upload",
            common::repo("samples/county-register.csv")
                .to_str()
                .unwrap(),
        ],
    );
    assert_verified(&r);
    assert!(
        r["summary"]
            .as_str()
            .unwrap()
            .contains("Web Crypto 逐一核对"),
        "{}",
        r["summary"]
    );
    // Every drawn row carries its own mark.
    assert!(
        r["marks_ok"].as_u64().unwrap() > rows,
        "{} marks for {rows} rows",
        r["marks_ok"]
    );
    let t = text(&r);
    for want in [
        drawn["seed"].as_str().unwrap(),
        drawn["witnesses"][0]["name"].as_str().unwrap(),
        drawn["selected"][0]["case_id"].as_str().unwrap(),
        "各单位评查等级分布",
        "各单位平均分",
        "发现问题按类别",
        "本页能证明什么，不能证明什么",
    ] {
        assert!(t.contains(want), "the page shows {want}");
    }
    assert_eq!(r["toggled"]["verified"], "true");
    assert!(r["toggled"]["summary"]
        .as_str()
        .unwrap()
        .contains("Everything recomputed agrees"));
    assert_eq!(r["toggled"]["html_lang"], "en");
    // The demo freezes samples/collection/; the county register holds the same cases.
    assert_eq!(r["file_check"]["same"], "false");
    assert_eq!(
        r["file_check"]["population"], "same",
        "{}",
        r["file_check"]["text"]
    );
}

/// GBK registers, drawn twice: the second draw supersedes the first with a reason.
fn superseded_gbk_campaign(dir: &Path) -> std::path::PathBuf {
    let ws = dir.join("ws");
    common::committed_from(&ws, &common::repo("samples/county-register-gbk.csv"), 60, 2);
    common::draw(&ws);
    common::anjuan()
        .arg("draw")
        .arg(&ws)
        .args([
            "--seed-part",
            "张三=1234567890",
            "--seed-part",
            "李四=0987654321",
        ])
        .args(["--witness", "张三/县司法局", "--witness", "李四/县纪委监委"])
        .args(["--supersede", "见证人未到场，重新掷骰"])
        .assert()
        .success();
    ws
}

#[test]
fn a_superseded_draw_and_a_gbk_register_verify() {
    if !browser_available() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let ws = superseded_gbk_campaign(dir.path());
    publish(&ws, &dir.path().join("page"), &[]);
    let gbk = common::repo("samples/county-register-gbk.csv");
    let r = browse(
        &dir.path().join("page/index.html"),
        &["--upload", gbk.to_str().unwrap()],
    );
    assert_verified(&r);
    let t = text(&r);
    assert!(t.contains("见证人未到场，重新掷骰"), "the reason is shown");
    assert!(t.contains("已作废"), "the first draw is marked superseded");
    assert!(t.contains("第 2 次抽取"));
    assert!(t.contains("张三") && t.contains("1234567890"));
    assert_eq!(
        r["file_check"]["same"], "true",
        "{}",
        r["file_check"]["text"]
    );
    assert_eq!(
        r["file_check"]["population"], "same",
        "{}",
        r["file_check"]["text"]
    );

    // Another file is named as none of the frozen registers.
    let other = common::repo("tests/fixtures/registers/good-utf8.csv");
    let r = browse(
        &dir.path().join("page/index.html"),
        &["--upload", other.to_str().unwrap()],
    );
    assert_eq!(r["file_check"]["same"], "false");
    assert_eq!(r["file_check"]["population"], "different");
}

#[test]
fn altered_copies_are_refused_naming_the_row() {
    if !browser_available() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let ws = superseded_gbk_campaign(dir.path());
    let html = publish(&ws, &dir.path().join("page"), &[]);
    let data = data_of(&html);
    let (stratum, rank, id) = first_drawn(&data);
    let row = format!("draw:draws/0002.json:row:{stratum}:{rank}");
    let copies = [
        ("case-id", alter_case_id(&data, &id)),
        ("ticket", alter_ticket(&data)),
        ("stratum", alter_stratum(&data, &id)),
        ("seed", alter_seed(&data)),
    ];
    for (what, altered) in copies {
        let path = dir.path().join(format!("altered-{what}.html"));
        std::fs::write(&path, with_data(&html, &altered)).unwrap();
        let r = browse(&path, &[]);
        assert_eq!(r["verified"], "false", "{what}: {}", r["summary"]);
        assert!(
            r["summary"].as_str().unwrap().contains("处不一致"),
            "{what}"
        );
        assert_offline(&r);
        let named: Vec<String> = r["differences"]
            .as_array()
            .unwrap()
            .iter()
            .map(|d| {
                format!(
                    "{} {}",
                    d["key"].as_str().unwrap_or(""),
                    d["text"].as_str().unwrap()
                )
            })
            .collect();
        let all = named.join("\n");
        match what {
            "case-id" => {
                assert!(all.contains("population:digest"), "{what}: {all}");
                assert!(
                    all.contains(&row) && all.contains(&id),
                    "{what} names the row: {all}"
                );
            }
            "ticket" => {
                assert!(all.contains(&row) && all.contains("签号"), "{what}: {all}");
                assert!(r["bad_rows"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .any(|b| b == &Value::from(row.clone())));
            }
            "stratum" => {
                assert!(all.contains("population:digest"), "{what}: {all}");
                assert!(all.contains(":allocation:"), "{what}: {all}");
            }
            _ => {
                assert!(all.contains("draw:draws/0002.json:seed"), "{what}: {all}");
                assert!(all.contains("种子"), "{what}: {all}");
            }
        }
    }
}

#[test]
fn awkward_ids_verify_as_anjuan_and_the_reference_package_draw_them() {
    if !browser_available() {
        return;
    }
    let fixture: Value = serde_json::from_str(
        &std::fs::read_to_string(common::repo("tests/fixtures/interop/05-unusual-ids.json"))
            .unwrap(),
    )
    .unwrap();
    let dir = tempfile::tempdir().unwrap();
    let register = dir.path().join("awkward.csv");
    let quote = |s: &str| format!("\"{}\"", s.replace('"', "\"\""));
    let mut csv = String::from("案号,执法机关\n");
    for c in fixture["population"].as_array().unwrap() {
        csv.push_str(&format!(
            "{},{}\n",
            quote(c["id"].as_str().unwrap()),
            quote(c["stratum"][0].as_str().unwrap())
        ));
    }
    std::fs::write(&register, csv).unwrap();
    let ws = dir.path().join("ws");
    common::anjuan()
        .arg("init")
        .arg(&ws)
        .arg("--register")
        .arg(&register)
        .assert()
        .success();
    common::anjuan()
        .arg("commit")
        .arg(&ws)
        .args(["--n", "20", "--min-per-stratum", "1", "--alternates", "3"])
        .assert()
        .success();
    common::anjuan()
        .arg("draw")
        .arg(&ws)
        .args([
            "--seed",
            fixture["seed"].as_str().unwrap(),
            "--witness",
            "王五/县纪委监委",
        ])
        .assert()
        .success();
    common::anjuan().arg("verify").arg(&ws).assert().success();

    // The record the page verifies follows the reference package's order in every stratum.
    let draw: Value =
        serde_json::from_str(&std::fs::read_to_string(ws.join("draws/0001.json")).unwrap())
            .unwrap();
    for (stratum, order) in fixture["strata"].as_object().unwrap() {
        let mut drawn: Vec<(u64, String)> = draw["selected"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|s| s["stratum"][0] == stratum.as_str())
            .map(|s| {
                (
                    s["rank"].as_u64().unwrap(),
                    s["case_id"].as_str().unwrap().to_string(),
                )
            })
            .collect();
        drawn.sort();
        let ids: Vec<&str> = drawn.iter().map(|(_, id)| id.as_str()).collect();
        let reference: Vec<&str> = order
            .as_array()
            .unwrap()
            .iter()
            .map(|v| v.as_str().unwrap())
            .collect();
        assert_eq!(ids, reference[..ids.len()], "{stratum}");
    }

    publish(&ws, &dir.path().join("page"), &[]);
    let r = browse(
        &dir.path().join("page/index.html"),
        &["--upload", register.to_str().unwrap()],
    );
    assert_verified(&r);
    assert_eq!(r["file_check"]["same"], "true");
    assert_eq!(
        r["file_check"]["population"], "same",
        "{}",
        r["file_check"]["text"]
    );
    let long = fixture["population"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["id"].as_str().unwrap())
        .max_by_key(|id| id.chars().count())
        .unwrap();
    assert!(long.chars().count() > 150);
}

#[test]
fn two_stratum_fields_and_the_equal_method_verify() {
    if !browser_available() {
        return;
    }
    let fixture: Value = serde_json::from_str(
        &std::fs::read_to_string(common::repo(
            "tests/fixtures/interop/07-two-field-strata-60.json",
        ))
        .unwrap(),
    )
    .unwrap();
    let dir = tempfile::tempdir().unwrap();
    let register = dir.path().join("two.csv");
    let mut csv = String::from("案号,执法机关,案件类型\n");
    for c in fixture["population"].as_array().unwrap() {
        csv.push_str(&format!(
            "{},{},{}\n",
            c["id"].as_str().unwrap(),
            c["stratum"][0].as_str().unwrap(),
            c["stratum"][1].as_str().unwrap()
        ));
    }
    std::fs::write(&register, csv).unwrap();
    let ws = dir.path().join("ws");
    common::anjuan()
        .arg("init")
        .arg(&ws)
        .arg("--register")
        .arg(&register)
        .args(["--stratum", "执法机关", "--stratum", "案件类型"])
        .assert()
        .success();
    common::anjuan()
        .arg("commit")
        .arg(&ws)
        .args([
            "--method",
            "equal",
            "--per-stratum",
            "3",
            "--alternates",
            "1",
        ])
        .assert()
        .success();
    common::anjuan()
        .arg("draw")
        .arg(&ws)
        .args([
            "--seed",
            fixture["seed"].as_str().unwrap(),
            "--witness",
            "王五/县纪委监委",
        ])
        .assert()
        .success();
    let html = publish(&ws, &dir.path().join("page"), &[]);
    let r = browse(
        &dir.path().join("page/index.html"),
        &["--upload", register.to_str().unwrap()],
    );
    assert_verified(&r);
    assert!(text(&r).contains("每层 3 件"), "the method is shown");
    assert!(
        text(&r).contains("攸县公安局 / 行政处罚"),
        "strata shown by both fields"
    );
    assert_eq!(
        r["file_check"]["population"], "same",
        "{}",
        r["file_check"]["text"]
    );

    // Each stratum's sample follows the reference package's order for the pair.
    let data = data_of(&html);
    let draw: Value = serde_json::from_str(data["draws"][0]["text"].as_str().unwrap()).unwrap();
    for (pair, order) in fixture["strata"].as_object().unwrap() {
        let mut drawn: Vec<(u64, &str)> = draw["selected"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|s| {
                let key: Vec<&str> = s["stratum"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|v| v.as_str().unwrap())
                    .collect();
                key.join("\t") == *pair
            })
            .map(|s| (s["rank"].as_u64().unwrap(), s["case_id"].as_str().unwrap()))
            .collect();
        drawn.sort();
        let ids: Vec<&str> = drawn.iter().map(|(_, id)| *id).collect();
        let reference: Vec<&str> = order
            .as_array()
            .unwrap()
            .iter()
            .map(|v| v.as_str().unwrap())
            .collect();
        assert_eq!(ids.len(), 4.min(reference.len()), "{pair}");
        assert_eq!(ids, reference[..ids.len()], "{pair}");
    }

    // A case moved to another stratum is named on this page too.
    let (_, _, id) = first_drawn(&data);
    let altered = dir.path().join("altered.html");
    std::fs::write(&altered, with_data(&html, &alter_stratum(&data, &id))).unwrap();
    let r = browse(&altered, &[]);
    assert_eq!(r["verified"], "false");
    let keys: Vec<&str> = r["differences"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|d| d["key"].as_str())
        .collect();
    assert!(keys.contains(&"population:digest"), "{keys:?}");
}
