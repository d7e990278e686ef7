//! Shared by the public-page tests: the data block of a page, altered copies of it, and the
//! page's scripts run under Node or the whole page in headless Chromium
//! (tests/browser/check_page.mjs, playwright-core). Where Node, playwright-core or Chromium is
//! missing the tests print a notice and pass — except under `CI`, where `.ci/run` installs
//! them and their absence fails.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::Command;

const OPEN: &str = r#"<script type="application/json" id="anjuan-data">"#;

/// The page's embedded data.
pub fn data_of(html: &str) -> serde_json::Value {
    let start = html.find(OPEN).expect("the data block") + OPEN.len();
    let end = start + html[start..].find("</script>").expect("its end");
    serde_json::from_str(&html[start..end]).expect("the data block is JSON")
}

/// The page with its data replaced (escaped as `publish` escapes it).
pub fn with_data(html: &str, data: &serde_json::Value) -> String {
    let start = html.find(OPEN).expect("the data block") + OPEN.len();
    let end = start + html[start..].find("</script>").expect("its end");
    let json = serde_json::to_string(data).unwrap().replace('<', "\\u003c");
    format!("{}{}{}", &html[..start], json, &html[end..])
}

fn ci() -> bool {
    std::env::var_os("CI").is_some()
}

fn skip(what: &str) -> bool {
    assert!(
        !ci(),
        "{what} is missing, and CI is set: .ci/run installs it"
    );
    eprintln!("note: {what} is missing; this public-page test is skipped here (CI runs it)");
    false
}

pub fn node_available() -> bool {
    let ok = Command::new("node")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success());
    ok || skip("node")
}

/// The node_modules folder holding playwright-core: `ANJUAN_PLAYWRIGHT`.
pub fn playwright() -> Option<PathBuf> {
    std::env::var_os("ANJUAN_PLAYWRIGHT")
        .map(PathBuf::from)
        .filter(|p| p.join("playwright-core").is_dir())
}

pub fn chromium() -> PathBuf {
    std::env::var_os("ANJUAN_CHROMIUM")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from("/usr/bin/chromium"))
}

pub fn browser_available() -> bool {
    if !node_available() {
        return false;
    }
    if playwright().is_none() {
        return skip("playwright-core (ANJUAN_PLAYWRIGHT)");
    }
    chromium().is_file() || skip("Chromium")
}

fn script(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/browser")
        .join(name)
}

/// `node tests/browser/node_check.cjs ARGS…`, its JSON output.
pub fn node(args: &[&str]) -> serde_json::Value {
    let out = Command::new("node")
        .arg(script("node_check.cjs"))
        .args(args)
        .output()
        .expect("node runs");
    assert!(
        out.status.success(),
        "node_check {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).expect("node_check prints JSON")
}

/// Open `page` in headless Chromium, offline, and wait until it has checked itself.
pub fn browse(page: &Path, extra: &[&str]) -> serde_json::Value {
    let out = Command::new("node")
        .arg(script("check_page.mjs"))
        .arg(page)
        .args(extra)
        .env("ANJUAN_PLAYWRIGHT", playwright().expect("playwright-core"))
        .env("ANJUAN_CHROMIUM", chromium())
        .output()
        .expect("node runs");
    assert!(
        out.status.success(),
        "check_page {}: {}",
        page.display(),
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).expect("check_page prints JSON")
}

/// The page of `ws` written by the real binary into `out`, and its text.
pub fn publish(ws: &Path, out: &Path, flags: &[&str]) -> String {
    crate::common::anjuan()
        .arg("publish")
        .arg(ws)
        .arg("--out")
        .arg(out)
        .args(flags)
        .assert()
        .success();
    std::fs::read_to_string(out.join("index.html")).unwrap()
}

/// The first drawn file of the page's last draw: (stratum fields joined by a tab, as the
/// page's check keys name a stratum; rank; case id).
pub fn first_drawn(data: &serde_json::Value) -> (String, u64, String) {
    let draw = last_draw(data);
    let s = &draw["selected"][0];
    let label: Vec<&str> = s["stratum"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_str().unwrap())
        .collect();
    (
        label.join("\t"),
        s["rank"].as_u64().unwrap(),
        s["case_id"].as_str().unwrap().to_string(),
    )
}

fn last_draw(data: &serde_json::Value) -> serde_json::Value {
    let draws = data["draws"].as_array().unwrap();
    serde_json::from_str(draws.last().unwrap()["text"].as_str().unwrap()).unwrap()
}

fn set_last_draw(data: &mut serde_json::Value, draw: &serde_json::Value) {
    let draws = data["draws"].as_array_mut().unwrap();
    let last = draws.last_mut().unwrap();
    last["text"] = serde_json::Value::String(serde_json::to_string_pretty(draw).unwrap() + "\n");
}

fn edit_case_line(data: &mut serde_json::Value, id: &str, edit: impl Fn(&str, usize) -> String) {
    let strata = data["population"]["strata"].as_array().unwrap().len();
    let cases = data["population"]["cases"].as_str().unwrap().to_string();
    let mut found = false;
    let out: String = cases
        .lines()
        .map(|line| {
            let (case, k) = line.rsplit_once('\t').unwrap();
            let line = if case == id {
                found = true;
                edit(case, k.parse::<usize>().unwrap() % strata.max(1))
            } else {
                line.to_string()
            };
            line + "\n"
        })
        .collect();
    assert!(found, "{id} is in the population");
    data["population"]["cases"] = serde_json::Value::String(out);
}

/// A copy with one case id of the population changed (a character added).
pub fn alter_case_id(data: &serde_json::Value, id: &str) -> serde_json::Value {
    let mut d = data.clone();
    edit_case_line(&mut d, id, |case, k| format!("{case}1\t{k}"));
    d
}

/// A copy with one case moved to another stratum.
pub fn alter_stratum(data: &serde_json::Value, id: &str) -> serde_json::Value {
    let mut d = data.clone();
    let strata = d["population"]["strata"].as_array().unwrap().len();
    edit_case_line(&mut d, id, |case, k| {
        format!("{case}\t{}", (k + 1) % strata)
    });
    d
}

/// A copy whose last draw records another ticket for its first drawn file.
pub fn alter_ticket(data: &serde_json::Value) -> serde_json::Value {
    let mut d = data.clone();
    let mut draw = last_draw(&d);
    let t = draw["selected"][0]["ticket"].as_str().unwrap().to_string();
    let last = if t.ends_with('1') { '2' } else { '1' };
    draw["selected"][0]["ticket"] = format!("{}{last}", &t[..t.len() - 1]).into();
    set_last_draw(&mut d, &draw);
    d
}

/// A copy whose last draw has another seed (its last digit changed, in the seed and the last
/// part alike, so only the recomputation can tell).
pub fn alter_seed(data: &serde_json::Value) -> serde_json::Value {
    let mut d = data.clone();
    let mut draw = last_draw(&d);
    let bump = |s: &str| {
        let c = s.chars().last().unwrap();
        let n = if c == '9' { '0' } else { (c as u8 + 1) as char };
        format!("{}{n}", &s[..s.len() - 1])
    };
    let seed = bump(draw["seed"].as_str().unwrap());
    draw["seed"] = seed.into();
    let parts = draw["seed_parts"].as_array_mut().unwrap();
    let last = parts.last_mut().unwrap();
    last["digits"] = bump(last["digits"].as_str().unwrap()).into();
    set_last_draw(&mut d, &draw);
    d
}
