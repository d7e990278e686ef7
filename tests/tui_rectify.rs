//! The 整改 board end to end: the `anjuan tui` binary in a real pseudo-terminal on a demo
//! campaign, keys typed as bytes, the screen read back through a VT100 emulator — the counts per
//! agency, an item planned in Chinese, a refused step that keeps what was typed, a report with an
//! evidence file, the closes the rules refuse, a referral; then what `rectify show`, `rectify
//! list` and `verify` find on disk. Also: the board's counts against `rectify list`, and every
//! board screen drawn at every size.

mod common;
#[path = "common/pty.rs"]
mod pty;

use anjuan::i18n::Lang;
use anjuan::rectification::item::Status;
use anjuan::rectification::Rectification;
use anjuan::tui::app::{App, Screen};
use anjuan::tui::board::{tallies, Level};
use anjuan::tui::view;
use common::{anjuan, json, repo};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use pty::{Pty, Spawn};
use ratatui::backend::TestBackend;
use ratatui::Terminal;
use serde_json::Value;
use sha2::{Digest, Sha256};
use std::ffi::OsStr;
use std::path::{Path, PathBuf};
use unicode_width::UnicodeWidthStr;

const ENTER: &str = "\r";
const TAB: &str = "\t";
const BACKSPACE: &str = "\x7f";

/// The fictional campaign, every sample file finalized (its items all 待整改), in `dir/ws`.
fn demo(dir: &Path) -> PathBuf {
    let ws = dir.join("ws");
    anjuan()
        .args(["demo", "--samples"])
        .arg(repo("samples"))
        .arg("--build")
        .arg(&ws)
        .assert()
        .success();
    ws
}

fn list(ws: &Path, extra: &[&str]) -> Value {
    json(
        anjuan()
            .arg("rectify")
            .arg(ws)
            .args(["list", "--format", "json"])
            .args(extra),
    )
}

fn show(ws: &Path, id: &str) -> Value {
    json(
        anjuan()
            .arg("rectify")
            .arg(ws)
            .args(["show", id, "--format", "json"]),
    )
}

fn count(ws: &Path, extra: &[&str]) -> usize {
    list(ws, extra)["items"].as_array().unwrap().len()
}

fn tui(ws: &Path, reviewer: &str) -> Pty {
    let args: Vec<&OsStr> = vec![
        OsStr::new("tui"),
        ws.as_os_str(),
        OsStr::new("--reviewer"),
        OsStr::new(reviewer),
    ];
    Pty::spawn_with(Spawn::new(&pty::anjuan_bin(), &args), ())
}

/// The board's agency rows on the screen: (agency, the eight numbers after it).
fn rows(screen: &str) -> Vec<(String, Vec<String>)> {
    screen
        .lines()
        .map(|l| l.trim_matches(|c| c == '│' || c == ' '))
        .filter_map(|l| {
            let mut words = l.split_whitespace();
            let agency = words.next()?.to_string();
            let values: Vec<String> = words.map(String::from).collect();
            (values.len() == 8 && values[7].ends_with('%')).then_some((agency, values))
        })
        .collect()
}

/// The counts `rectify list` gives `agency`, in the board's columns.
fn listed(ws: &Path, agency: &str) -> Vec<String> {
    let mut out: Vec<String> = ["open", "in_progress", "submitted", "returned", "closed"]
        .iter()
        .map(|s| count(ws, &["--agency", agency, "--status", s]).to_string())
        .collect();
    out.push(count(ws, &["--agency", agency, "--overdue"]).to_string());
    out.push(count(ws, &["--agency", agency]).to_string());
    out
}

#[test]
fn planning_reporting_and_the_refused_closes_on_the_board() {
    let tmp = tempfile::tempdir().unwrap();
    let ws = demo(tmp.path());
    let all = list(&ws, &[]);
    let total = all["items"].as_array().unwrap().len();
    let proof = tmp.path().join("整改佐证.pdf");
    std::fs::write(&proof, "重新制发的决定书扫描件").unwrap();
    let sha = format!("{:x}", Sha256::digest(std::fs::read(&proof).unwrap()));

    let mut t = tui(&ws, "王五");
    t.wait_for("评查台 | 评查人 王五");
    t.wait_status("Z 整改台");
    t.send("Z");
    let screen = t.wait_all(&[&format!("个单位 {total} 项"), "销号率"]);
    // The first agency on the board with three items or more, and its row as drawn.
    let shown = rows(&screen);
    let (k, (agency, values)) = shown
        .iter()
        .enumerate()
        .find(|(_, (_, v))| v[6].parse::<usize>().unwrap() >= 3)
        .expect("an agency with three items");
    let agency = agency.clone();
    let mut want = listed(&ws, &agency);
    assert_eq!(values[..7], want[..], "{agency}: {screen}");
    assert_eq!(values[7], "0.0%");
    let n: usize = values[6].parse().unwrap();
    let id = all["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["agency"] == agency.as_str())
        .and_then(|i| i["id"].as_str())
        .unwrap()
        .to_string();

    t.send(&"j".repeat(k));
    t.send(ENTER);
    t.wait_for(&format!("整改台 | {agency} | {n} 项，已销号 0，逾期 0"));
    t.send(ENTER);
    t.wait_all(&[&format!("整改事项 {id} | {agency}"), "待整改", "尚未制定"]);

    // A plan in Chinese, with a deadline before the problem was found: refused, nothing lost.
    t.send("p");
    t.wait_for(&format!("整改方案 {id}"));
    t.send("赵局长");
    t.send(TAB);
    t.send("钱科长");
    t.send(TAB);
    t.send("重新制发决定书并加盖本机关印章");
    t.send(TAB);
    t.send("2020-01-01");
    t.wait_for("整改时限：2020-01-01");
    t.send(ENTER);
    t.wait_all(&[
        "未保存：整改规则不允许",
        "早于问题提出的日期",
        "输入的内容已保留",
    ]);
    t.wait_status(" 未保存 ");
    // Any key closes the message; the form is back as typed.
    t.send("x");
    t.wait_gone("未保存：整改规则不允许");
    t.wait_all(&[
        "责任领导：赵局长",
        "钱科长",
        "整改措施：重新制发决定书并加盖本机关印章",
        "整改时限：2020-01-01",
    ]);
    t.send(&BACKSPACE.repeat(10));
    t.wait_gone("2020-01-01");
    t.send(ENTER);
    let saved = t.wait_status("已保存 #1（整改记录头 ");
    let head1 = saved
        .lines()
        .last()
        .and_then(|l| l.split("整改记录头 ").nth(1))
        .map(|h| h[..12].to_string())
        .unwrap();
    t.wait_all(&["整改中", "责任领导：赵局长", "整改措施：重新制发决定书"]);

    // Closing what was never reported done is refused at once, before anything is typed.
    t.send("c");
    t.wait_all(&["不能销号", "状态为“整改中”，不能销号", "按 r 报告整改情况"]);
    t.send("x");
    t.wait_gone("不能销号");

    // Reported done (Space), with an evidence file pasted in.
    t.send("r");
    t.wait_for(&format!("报告整改情况 {id}"));
    t.send("已重新制发并送达当事人");
    t.send(TAB);
    t.send(" ");
    t.send(TAB);
    t.send(TAB);
    t.paste(proof.to_str().unwrap());
    t.wait_for("整改佐证.pdf");
    t.send(ENTER);
    t.wait_status("已保存 #2（整改记录头 ");
    t.send("G");
    t.wait_all(&[
        "已整改（申请销号）",
        "已重新制发并送达当事人（已完成，申请销号）",
        &format!("佐证：整改佐证.pdf  SHA-256 {}", &sha[..12]),
    ]);
    // Whoever reported it done may not close it.
    t.send("c");
    t.wait_all(&["不能销号", "由 王五 报告完成，销号须由另一人核实"]);
    t.send("x");
    t.wait_gone("不能销号");

    // Referred from the list, to the accountability group unless changed.
    t.esc();
    t.wait_for(&format!("整改台 | {agency} | {n} 项"));
    t.send("f");
    t.wait_all(&[&format!("移送问责线索 {id}"), "移送对象：监督问责组"]);
    t.send(TAB);
    t.send("多次提醒仍未按时整改");
    t.send(ENTER);
    t.wait_status("已保存 #3（整改记录头 ");
    t.wait_until("the referred mark on the item's row", |s| {
        s.lines().any(|l| {
            l.contains(&format!("│{id} ")) && l.contains("申请销号") && l.contains("已移送")
        })
    });
    // The agency's row counts the item as submitted now.
    t.esc();
    want = listed(&ws, &agency);
    assert_eq!(want[2], "1");
    let screen = t.wait_until("the agency's row updated", |s| {
        rows(s).iter().any(|(a, v)| *a == agency && v[2] == "1")
    });
    let (_, values) = rows(&screen)
        .into_iter()
        .find(|(a, _)| *a == agency)
        .unwrap();
    assert_eq!(values[..7], want[..]);
    t.esc();
    t.wait_for("评查台 | 评查人 王五");
    t.send("q");
    assert!(t.wait_exit().success());

    // On disk, as the command line reads it.
    let it = show(&ws, &id);
    assert_eq!(it["status"], "submitted", "{it:#}");
    assert_eq!(it["plan"]["leader"], "赵局长");
    assert_eq!(it["plan"]["owner"], "钱科长");
    assert_eq!(it["plan"]["measure"], "重新制发决定书并加盖本机关印章");
    assert_eq!(it["plan"]["by"], "王五");
    assert_eq!(it["reports"][0]["progress"], "已重新制发并送达当事人");
    assert_eq!(it["reports"][0]["done"], true);
    assert_eq!(it["reports"][0]["by"], "王五");
    assert_eq!(it["reports"][0]["evidence"][0]["name"], "整改佐证.pdf");
    assert_eq!(it["reports"][0]["evidence"][0]["sha256"], sha.as_str());
    assert_eq!(it["referral"]["to"], "监督问责组");
    assert_eq!(it["referral"]["reason"], "多次提醒仍未按时整改");
    assert!(it["closed"].is_null());
    let after = list(&ws, &[]);
    assert_eq!(after["record_events"], 3);
    let record = std::fs::read_to_string(ws.join("rectification.jsonl")).unwrap();
    assert_eq!(record.lines().count(), 3);
    assert!(
        record.lines().all(|l| l.contains("\"via\":\"tui\"")),
        "{record}"
    );
    assert_ne!(head1, &after["record_head"].as_str().unwrap()[..12]);
    anjuan().arg("verify").arg(&ws).assert().success();

    // Someone else checks it and closes it: 已销号 and the rate.
    let mut t = tui(&ws, "赵六");
    t.wait_for("评查台 | 评查人 赵六");
    t.send("Z");
    t.wait_for("销号率");
    t.send(&"j".repeat(k));
    t.send(ENTER);
    t.wait_for(&format!("整改台 | {agency} | {n} 项"));
    t.send("c");
    t.wait_for(&format!("销号 {id}"));
    t.send("经核实已整改到位");
    t.send(ENTER);
    t.wait_status("已保存 #4（整改记录头 ");
    t.wait_for(&format!("{n} 项，已销号 1"));
    t.esc();
    let rate = {
        let permille = (1000 + n / 2) / n;
        format!("{}.{}%", permille / 10, permille % 10)
    };
    t.wait_until("the agency's rate", |s| {
        rows(s)
            .iter()
            .any(|(a, v)| *a == agency && v[4] == "1" && v[7] == rate)
    });
    t.send("q");
    assert!(t.wait_exit().success());
    let it = show(&ws, &id);
    assert_eq!(it["status"], "closed");
    assert_eq!(it["closed"]["by"], "赵六");
    assert_eq!(it["closed"]["opinion"], "经核实已整改到位");
    anjuan().arg("verify").arg(&ws).assert().success();
}

#[test]
fn the_board_counts_what_rectify_list_lists() {
    let tmp = tempfile::tempdir().unwrap();
    let ws = demo(tmp.path());
    let items = list(&ws, &[]);
    let items = items["items"].as_array().unwrap();
    // Move a few items of two agencies along the loop from the command line.
    let step = |args: &[&str]| {
        anjuan()
            .arg("rectify")
            .arg(&ws)
            .args(args)
            .assert()
            .success();
    };
    let ids: Vec<&str> = items[..6]
        .iter()
        .map(|i| i["id"].as_str().unwrap())
        .collect();
    for id in &ids[..5] {
        step(&[
            "plan",
            id,
            "--leader",
            "甲",
            "--owner",
            "乙",
            "--measure",
            "补正",
            // After the demo's day, long before any run of this test: overdue.
            "--deadline",
            "2026-03-17",
            "--by",
            "王五",
        ]);
    }
    for id in &ids[1..5] {
        step(&[
            "report",
            id,
            "--progress",
            "已补正",
            "--done",
            "--by",
            "王五",
        ]);
    }
    step(&["close", ids[2], "--opinion", "核实", "--by", "赵六"]);
    step(&["return", ids[3], "--reason", "佐证不足", "--by", "赵六"]);
    step(&["refer", ids[5], "--reason", "拒不整改", "--by", "赵六"]);

    let r = Rectification::open(&ws).unwrap();
    let today = anjuan::rectification::item::today();
    let t = tallies(&r, today);
    assert_eq!(t.iter().map(|t| t.total).sum::<usize>(), items.len());
    let mut seen = 0;
    for tally in &t {
        if tally.total == 0 {
            continue;
        }
        let a = tally.agency.as_str();
        // The board's columns are the loop's order, as `Status::ALL`.
        let mut got: Vec<String> = Status::ALL
            .iter()
            .map(|s| tally.count(*s).to_string())
            .collect();
        got.push(tally.overdue.to_string());
        got.push(tally.total.to_string());
        assert_eq!(got, listed(&ws, a), "{a}");
        seen += 1;
        if seen == 4 {
            break;
        }
    }
    let all: usize = t.iter().map(|t| t.overdue).sum();
    assert_eq!(all, count(&ws, &["--overdue"]));
    assert_eq!(all, 4, "planned, not closed, past 2026-03-17");
}

#[test]
fn every_board_screen_at_every_size() {
    let tmp = tempfile::tempdir().unwrap();
    let ws = demo(tmp.path());
    let key =
        |app: &mut App, code: KeyCode| app.handle_key(KeyEvent::new(code, KeyModifiers::NONE));
    let sizes = [1u16, 2, 10, 16, 23, 24, 40, 59, 60, 61, 79, 80, 81, 200];
    for lang in [Lang::Zh, Lang::En] {
        let mut app = App::open(&ws, Some("王五".into()), lang).unwrap();
        key(&mut app, KeyCode::Char('Z'));
        assert_eq!(app.screen, Screen::Board);
        // Each state: the agencies, the items, an item, its plan form, a refusal over it.
        let steps: [&[KeyCode]; 5] = [
            &[],
            &[KeyCode::Enter],
            &[KeyCode::Enter],
            &[KeyCode::Char('p'), KeyCode::Char('赵'), KeyCode::Tab],
            &[KeyCode::Esc, KeyCode::Char('c')],
        ];
        for keys in steps {
            for k in keys {
                key(&mut app, *k);
            }
            for &w in &sizes {
                for &h in &sizes {
                    let mut term = Terminal::new(TestBackend::new(w, h)).unwrap();
                    term.draw(|f| view::render(&app, f)).unwrap();
                }
            }
        }
        let b = app.board.as_ref().unwrap();
        assert_eq!(b.level, Level::Detail);
        // The plan typed before Esc is kept as a draft, the close refused over the item.
        assert_eq!(b.drafts.len(), 1);
        assert!(app.popup.is_some());
        // At 80x24 the agencies' numbers all fit, the header's last column included.
        key(&mut app, KeyCode::Char('x'));
        for _ in 0..2 {
            key(&mut app, KeyCode::Esc);
        }
        let mut term = Terminal::new(TestBackend::new(80, 24)).unwrap();
        term.draw(|f| view::render(&app, f)).unwrap();
        let buf = term.backend().buffer();
        // A row as a terminal shows it: the cell after a wide character is not repeated.
        let line = |y: u16| -> String {
            let mut out = String::new();
            let mut x = 0;
            while x < 80 {
                let sym = buf[(x, y)].symbol();
                out.push_str(sym);
                x += sym.width().max(1) as u16;
            }
            out
        };
        assert!(line(1).contains(lang.pick("销号率", "rate")), "{}", line(1));
        assert!(
            line(2).trim_end_matches('│').trim_end().ends_with('%'),
            "{}",
            line(2)
        );
    }
}
