//! The ballot counting screen end to end: `anjuan ballot WS count` runs in a real 80×24
//! pseudo-terminal, ballots are typed in as keystrokes (serial, Enter, check code, one key per
//! agency, Enter) and the screen is read back through a VT100 emulator. The same ballots,
//! imported from a tally sheet as the other pass, must tally exactly alike.

mod common;
#[path = "common/pty.rs"]
mod pty;

use common::anjuan;
use pty::{Pty, Spawn};
use serde_json::Value;
use std::ffi::OsStr;
use std::path::{Path, PathBuf};

const ENTER: &str = "\r";
const BACKSPACE: &str = "\x7f";
const AGENCIES: [&str; 3] = ["县公安局", "县交通运输局", "县市场监督管理局"];
/// (serial, keys per agency, spoiled)
const BALLOTS: [(u32, &str, bool); 5] = [
    (1, "123", false),
    (2, "110", false),
    (3, "", true),
    (4, "231", false),
    (5, "111", false),
];

/// A workspace with the three agencies set up for 8 ballots, printed; returns it and the codes.
fn printed(dir: &Path) -> (PathBuf, Vec<String>) {
    let ws = dir.join("ws");
    anjuan()
        .arg("init")
        .arg(&ws)
        .arg("--register")
        .arg(common::repo("samples/county-register.csv"))
        .assert()
        .success();
    let list = dir.join("单位.csv");
    std::fs::write(&list, format!("单位名称\n{}\n", AGENCIES.join("\n"))).unwrap();
    anjuan()
        .arg("ballot")
        .arg(&ws)
        .args(["setup", "--ballots", "8", "--agencies"])
        .arg(&list)
        .assert()
        .success();
    let out = dir.join("印票");
    anjuan()
        .arg("ballot")
        .arg(&ws)
        .arg("print")
        .arg("--out")
        .arg(&out)
        .assert()
        .success();
    let csv = std::fs::read_to_string(out.join("校验码清单.csv")).unwrap();
    let codes = csv
        .lines()
        .skip(1)
        .map(|l| l.split(',').nth(1).unwrap().to_string())
        .collect();
    (ws, codes)
}

fn count(ws: &Path, pass: &str) -> Pty {
    let bin = pty::anjuan_bin();
    let args: Vec<&OsStr> = vec![
        OsStr::new("--lang"),
        OsStr::new("en"),
        OsStr::new("ballot"),
        ws.as_os_str(),
        OsStr::new("count"),
        OsStr::new("--pass"),
        OsStr::new(pass),
        OsStr::new("--clerk"),
        OsStr::new("王五"),
    ];
    let mut s = Spawn::new(&bin, &args);
    s.rows = 24;
    s.cols = 80;
    Pty::spawn_with(s, ())
}

fn tally(ws: &Path, pass: &str) -> Value {
    common::json(
        anjuan()
            .arg("ballot")
            .arg(ws)
            .args(["tally", "--format", "json", "--pass", pass]),
    )
}

/// The same ballots as a tally sheet, imported as pass 1.
fn import_pass_one(dir: &Path, ws: &Path, codes: &[String]) {
    let path = dir.join("计票.xlsx");
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet();
    let mut header = vec!["编号", "校验码"];
    header.extend(AGENCIES);
    header.push("废票");
    for (c, h) in header.iter().enumerate() {
        sheet.write_string(0, c as u16, *h).unwrap();
    }
    for (r, (serial, keys, spoiled)) in BALLOTS.iter().enumerate() {
        let r = r as u32 + 1;
        sheet.write_string(r, 0, format!("{serial:03}")).unwrap();
        sheet
            .write_string(r, 1, &codes[*serial as usize - 1])
            .unwrap();
        for (c, k) in keys.chars().enumerate() {
            sheet.write_string(r, 2 + c as u16, k.to_string()).unwrap();
        }
        if *spoiled {
            sheet.write_string(r, 5, "1").unwrap();
        }
    }
    book.save(&path).unwrap();
    anjuan()
        .arg("ballot")
        .arg(ws)
        .arg("import")
        .arg(&path)
        .assert()
        .success();
}

#[test]
fn ballots_typed_in_a_terminal_tally_like_the_imported_sheet() {
    let dir = tempfile::tempdir().unwrap();
    let (ws, codes) = printed(dir.path());
    import_pass_one(dir.path(), &ws, &codes);

    let mut t = count(&ws, "2");
    t.wait_all(&[
        "Ballot count · pass 2 · setup 1 · 8 ballots",
        "entered 0 / 8",
        "1 满意",
    ]);
    // An unknown serial: refused at once, and the field is empty again.
    t.send("9");
    t.send(ENTER);
    t.wait_all(&[
        "Unknown serial",
        "“9” is not the serial of a ballot issued this time (1–8)",
    ]);
    t.send("x");
    t.wait_gone("Unknown serial");
    for (i, (serial, keys, spoiled)) in BALLOTS.iter().enumerate() {
        t.send(&serial.to_string());
        t.send(ENTER);
        t.wait_for(&format!("Serial: {serial:03}"));
        let code = &codes[*serial as usize - 1];
        if i == 0 {
            // A wrong code first: refused, and typed again.
            let wrong = if code == "00000000" {
                "11111111"
            } else {
                "00000000"
            };
            t.send(wrong);
            t.wait_all(&["Wrong check code", "the check code of ballot 001 is wrong"]);
            t.send(" ");
            t.wait_gone("Wrong check code");
        }
        t.send(code);
        t.wait_for("one key per agency:");
        if i == 0 {
            // A key not on the scale is refused; Backspace takes a mark back.
            t.send("7");
            t.wait_for("Not on the scale");
            t.send(" ");
            t.wait_gone("Not on the scale");
            t.send("3");
            t.send(BACKSPACE);
        }
        if *spoiled {
            t.send("*");
            t.wait_for("SPOILED: Enter saves");
        } else {
            t.send(keys);
            t.wait_for("all marked: Enter saves");
        }
        t.send(ENTER);
        t.wait_status(&format!("saved #{}: ballot {serial:03}", 6 + i));
        t.wait_for(&format!("entered {} / 8", i + 1));
    }
    // Ballot 1 again in this pass: refused as entered already.
    t.send("1");
    t.send(ENTER);
    t.wait_all(&[
        "Entered already",
        "ballot 001 was entered already in pass 2 (record line 6)",
    ]);
    t.send(" ");
    t.wait_gone("Entered already");
    let screen = t.wait_for("valid 4, spoiled 1");
    assert!(screen.contains("#10 005"), "{screen}");
    assert!(screen.contains("#8 003 spoiled"), "{screen}");
    // Something typed: quitting asks first; `n` stays.
    t.send("2");
    t.send("q");
    t.wait_for("Quit? y / n");
    t.send("n");
    t.wait_gone("Quit?");
    t.send(BACKSPACE);
    t.send("q");
    assert!(t.wait_exit().success());

    let (one, two) = (tally(&ws, "1"), tally(&ws, "2"));
    assert_eq!(two["pass"], 2);
    assert_eq!(one["agencies"], two["agencies"]);
    assert_eq!(one["turnout"], two["turnout"]);
    assert_eq!(
        two["turnout"],
        serde_json::json!({"issued": 8, "returned": 5, "valid": 4, "spoiled": 1})
    );
    let counts = |name: &str| -> (Vec<u64>, u64) {
        let a = two["agencies"]
            .as_array()
            .unwrap()
            .iter()
            .find(|a| a["agency"] == name)
            .unwrap();
        (
            a["counts"]
                .as_array()
                .unwrap()
                .iter()
                .map(|c| c["count"].as_u64().unwrap())
                .collect(),
            a["blank"].as_u64().unwrap(),
        )
    };
    assert_eq!(counts(AGENCIES[0]), (vec![3, 1, 0], 0));
    assert_eq!(counts(AGENCIES[1]), (vec![2, 1, 1], 0));
    assert_eq!(counts(AGENCIES[2]), (vec![2, 0, 1], 1));
    let first = &two["agencies"][0];
    assert_eq!(first["agency"], AGENCIES[0]);
    assert_eq!(first["satisfied_rate"]["percent"], "75.00");
    // The two passes agree, every line carries the clerk and `tui`, and the record verifies.
    anjuan()
        .arg("ballot")
        .arg(&ws)
        .arg("compare")
        .assert()
        .success();
    let record = std::fs::read_to_string(ws.join("ballots.jsonl")).unwrap();
    let last: Value = serde_json::from_str(record.lines().last().unwrap()).unwrap();
    assert_eq!(
        (last["by"].as_str(), last["via"].as_str()),
        (Some("王五"), Some("tui"))
    );
    anjuan().arg("verify").arg(&ws).assert().success();
}

#[test]
fn without_a_setup_the_screen_does_not_open_and_says_why() {
    let dir = tempfile::tempdir().unwrap();
    let ws = dir.path().join("ws");
    anjuan()
        .arg("init")
        .arg(&ws)
        .arg("--register")
        .arg(common::repo("samples/county-register.csv"))
        .assert()
        .success();
    let a = anjuan()
        .args(["--lang", "en", "ballot"])
        .arg(&ws)
        .arg("count")
        .assert()
        .code(2);
    let e = String::from_utf8_lossy(&a.get_output().stderr).into_owned();
    assert!(e.contains("there is no ballot setup yet"), "{e}");
}

/// The counting screen drawn on a test backend at every size from 1×1 to 100×30, in each step
/// and with each popup: never a panic, and at 80×24 everything it promises is on screen.
#[test]
fn the_counting_screen_draws_at_every_size() {
    use anjuan::tui::count::{Count, Popup, Step};
    use ratatui::backend::TestBackend;
    let dir = tempfile::tempdir().unwrap();
    let (ws, codes) = printed(dir.path());
    import_pass_one(dir.path(), &ws, &codes);
    let b = anjuan::ballots::Ballots::open(&ws).unwrap();
    let mut c = Count::open(b, 2, None, anjuan::i18n::Lang::Zh).unwrap();
    c.serial = "006".into();
    c.number = 6;
    c.code = codes[5].clone();
    c.step = Step::Marks;
    c.marks = vec![Some(0)];
    let popups = [
        None,
        Some(Popup::Help),
        Some(Popup::ConfirmQuit),
        Some(Popup::Refused {
            title: "校验码不符".into(),
            body: "006 号票的校验码不对".repeat(8),
        }),
    ];
    for p in &popups {
        c.popup = p.clone();
        for w in 1..=100u16 {
            for h in (1..=30u16).step_by(3) {
                let mut t = ratatui::Terminal::new(TestBackend::new(w, h)).unwrap();
                t.draw(|f| anjuan::tui::view::count::render(&c, f)).unwrap();
            }
        }
    }
    c.popup = None;
    let mut t = ratatui::Terminal::new(TestBackend::new(80, 24)).unwrap();
    t.draw(|f| anjuan::tui::view::count::render(&c, f)).unwrap();
    let buf = t.backend().buffer().clone();
    // A wide character's second cell is left out, as a terminal shows it.
    let mut text = String::new();
    for y in 0..24 {
        let mut x = 0;
        while x < 80 {
            let sym = buf[(x, y)].symbol();
            text.push_str(sym);
            x += unicode_width::UnicodeWidthStr::width(sym).max(1) as u16;
        }
        text.push('\n');
    }
    for want in [
        "民主评议计票 · 第 2 遍 · 设置第 1 次 · 共 8 张",
        "编号：006",
        "逐个单位按键评价",
        "本遍已录入 0 / 8 张",
        "县公安局",
        "满意",
    ] {
        assert!(text.contains(want), "{want} in\n{text}");
    }
}
