//! Text from outside never reaches a terminal raw. A register whose case title and party carry
//! ESC sequences (`ESC ] 0 ; … BEL` retitles a terminal, `ESC [ 2 J` clears it, `ESC [ 31 m`
//! recolours it) and a right-to-left override (U+202E, which makes text display reversed) is
//! imported and drawn; then the real `anjuan tui` runs in a pseudo-terminal whose output is fed
//! to a VT100 emulator, and the CLI's printing commands are run. What must hold: the screen
//! shows visible stand-ins (`^[`, `^G`, `<U+202E>`) where the characters were, the emulator's
//! window title is never set, the frame drawn around the text survives (nothing cleared it), and
//! no command prints an ESC byte or a bidi control; JSON output escapes them and still reads back
//! as the very same text.

mod common;
#[path = "common/pty.rs"]
mod pty;

use common::{anjuan, SEED};
use pty::{Pty, Spawn};
use std::ffi::OsStr;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

const COLS: u16 = 110;

const TITLE: &str = "攸县\u{1b}]0;pwned\u{7}某\u{1b}[2J商贸\u{202E}案";
const TITLE_SHOWN: &str = "攸县^[]0;pwned^G某^[[2J商贸<U+202E>案";
const PARTY: &str = "张\u{202E}三\u{1b}[31m";
const PARTY_SHOWN: &str = "张<U+202E>三^[[31m";

/// What the emulator was asked to do besides drawing.
#[derive(Default)]
struct Seen {
    titles: Vec<Vec<u8>>,
    bells: usize,
}

#[derive(Clone, Default)]
struct Record(Arc<Mutex<Seen>>);

impl vt100::Callbacks for Record {
    fn set_window_title(&mut self, _: &mut vt100::Screen, title: &[u8]) {
        self.0.lock().unwrap().titles.push(title.to_vec());
    }
    fn set_window_icon_name(&mut self, _: &mut vt100::Screen, name: &[u8]) {
        self.0.lock().unwrap().titles.push(name.to_vec());
    }
    fn audible_bell(&mut self, _: &mut vt100::Screen) {
        self.0.lock().unwrap().bells += 1;
    }
}

/// `anjuan tui` in a pseudo-terminal (the shared driver, 110 columns wide), with what its
/// emulator was asked to do besides drawing.
struct Tui {
    pty: Pty<Record>,
    seen: Record,
}

impl Tui {
    fn spawn(args: &[&OsStr]) -> Tui {
        let bin = pty::anjuan_bin();
        let seen = Record::default();
        let mut s = Spawn::new(&bin, args);
        s.cols = COLS;
        Tui {
            pty: Pty::spawn_with(s, seen.clone()),
            seen,
        }
    }
}

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle)
}

fn count(haystack: &[u8], needle: &[u8]) -> usize {
    haystack
        .windows(needle.len())
        .filter(|w| *w == needle)
        .count()
}

/// A register of six fictional cases, every one with the hostile title and party; imported,
/// committed (3 files) and drawn in `dir/ws`. Returns the workspace and a drawn case id.
fn hostile_workspace(dir: &Path) -> (PathBuf, String) {
    let mut csv = String::from("案号,执法机关,案件类型,案件名称,当事人,办结日期\n");
    for (i, agency) in ["攸县市场监督管理局", "攸县林业局", "攸县交通运输局"]
        .iter()
        .cycle()
        .take(6)
        .enumerate()
    {
        csv += &format!(
            "攸测罚〔2024〕{}号,{agency},行政处罚（一般程序）,{TITLE},{PARTY},2024-05-0{}\n",
            i + 1,
            i + 1
        );
    }
    let register = dir.join("register.csv");
    std::fs::write(&register, csv).unwrap();
    let ws = dir.join("ws");
    anjuan()
        .arg("init")
        .arg(&ws)
        .arg("--register")
        .arg(&register)
        .assert()
        .success();
    anjuan()
        .arg("commit")
        .arg(&ws)
        .args(["--n", "3", "--min-per-stratum", "1", "--alternates", "0"])
        .assert()
        .success();
    anjuan()
        .arg("draw")
        .arg(&ws)
        .args(["--seed", SEED, "--witness", "王五/县纪委监委"])
        .assert()
        .success();
    let status = common::status(&ws);
    let case = status["files"][0]["case_id"].as_str().unwrap().to_string();
    (ws, case)
}

/// Neither an ESC byte nor a bidi or zero-width control; line breaks and tabs are fine.
#[track_caller]
fn assert_printable(what: &str, text: &str) {
    if let Some(c) = text.chars().find(|&c| {
        (c.is_control() && c != '\n' && c != '\t')
            || matches!(c, '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{FEFF}')
    }) {
        panic!("{what} holds U+{:04X}:\n{text}", c as u32);
    }
}

#[test]
fn a_hostile_case_title_is_shown_not_obeyed_in_the_tui() {
    let tmp = tempfile::tempdir().unwrap();
    let (ws, case) = hostile_workspace(tmp.path());
    let mut t = Tui::spawn(&[
        OsStr::new("--lang"),
        OsStr::new("en"),
        OsStr::new("tui"),
        ws.as_os_str(),
        OsStr::new("--reviewer"),
        OsStr::new("Tester"),
    ]);
    t.pty.wait_all(&["Review desk | reviewer Tester"]);
    // Open the first file on the desk: its head line shows the case title.
    t.pty.send("\r");
    let screen = t
        .pty
        .wait_all(&[&format!("File {case} | "), TITLE_SHOWN, "journal "]);
    // The frame drawn before the title in the same update and the status bar drawn after it are
    // both there: nothing cleared the screen in between.
    let lines: Vec<&str> = screen.lines().collect();
    assert!(lines[0].contains(&format!("File {case} | ")), "{screen}");
    assert!(
        lines[pty::ROWS as usize - 1].contains("journal "),
        "{screen}"
    );
    assert!(lines[1].contains(TITLE_SHOWN), "{screen}");
    assert!(!screen.contains('\u{202E}'), "{screen}");
    {
        let seen = t.seen.0.lock().unwrap();
        assert!(
            seen.titles.is_empty(),
            "the window title was set: {:?}",
            seen.titles
                .iter()
                .map(|t| String::from_utf8_lossy(t).into_owned())
                .collect::<Vec<_>>()
        );
        assert_eq!(seen.bells, 0, "a bell was rung");
    }
    t.pty.send("q");
    t.pty.wait_exit();
    let raw = t.pty.raw();
    // Nothing of the sequences went out as such: no OSC with the text, no RLO, no BEL.
    assert!(!contains(&raw, b"\x1b]0;pwned"));
    assert!(!contains(&raw, "\u{202E}".as_bytes()));
    assert!(!contains(&raw, b"\x07"));
    // The one erase-display the TUI sends itself is the one it sends on every start.
    assert!(count(&raw, b"\x1b[2J") <= 1, "{}", count(&raw, b"\x1b[2J"));
}

#[test]
fn cli_output_never_carries_the_raw_characters() {
    let tmp = tempfile::tempdir().unwrap();
    let (ws, case) = hostile_workspace(tmp.path());
    let run = |args: &[&str]| {
        let out = anjuan()
            .arg("review")
            .arg(&ws)
            .args(args)
            .assert()
            .success();
        let o = out.get_output();
        assert!(!o.stdout.contains(&0x1b), "ESC in {args:?}");
        assert!(!o.stderr.contains(&0x1b), "ESC in {args:?}");
        let stdout = String::from_utf8(o.stdout.clone()).unwrap();
        assert_printable(&format!("{args:?}"), &stdout);
        assert_printable(&format!("{args:?}"), &String::from_utf8_lossy(&o.stderr));
        stdout
    };
    let shown = run(&["show", &case]);
    assert!(
        shown.contains(&format!("案件名称 {TITLE_SHOWN} · 当事人 {PARTY_SHOWN}")),
        "{shown}"
    );
    run(&["status"]);
    // JSON escapes the characters and still says exactly what the register says.
    let json = run(&["show", &case, "--format", "json"]);
    assert!(
        json.contains("\\u202e") || json.contains("\\u202E"),
        "{json}"
    );
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    let found = |v: &serde_json::Value, want: &str| -> bool {
        fn walk(v: &serde_json::Value, want: &str) -> bool {
            match v {
                serde_json::Value::String(s) => s == want,
                serde_json::Value::Array(a) => a.iter().any(|x| walk(x, want)),
                serde_json::Value::Object(o) => o.values().any(|x| walk(x, want)),
                _ => false,
            }
        }
        walk(v, want)
    };
    assert!(found(&v, TITLE), "the title reads back unchanged: {json}");
    assert!(found(&v, PARTY), "the party reads back unchanged: {json}");
}
