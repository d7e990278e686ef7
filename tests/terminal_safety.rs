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

use common::{anjuan, SEED};
use portable_pty::{native_pty_system, Child, CommandBuilder, MasterPty, PtySize};
use std::ffi::OsStr;
use std::io::{Read, Write};
use std::num::NonZeroU16;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

const ROWS: u16 = 30;
const COLS: u16 = 110;
const TIMEOUT: Duration = Duration::from_secs(10);

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

/// `anjuan tui` in a pseudo-terminal: the screen as VT100 shows it and every byte it wrote.
struct Tui {
    parser: Arc<Mutex<vt100::Parser<Record>>>,
    seen: Record,
    raw: Arc<Mutex<Vec<u8>>>,
    writer: Box<dyn Write + Send>,
    child: Box<dyn Child + Send + Sync>,
    _master: Box<dyn MasterPty + Send>,
    reader: Option<JoinHandle<()>>,
}

impl Tui {
    fn spawn(args: &[&OsStr]) -> Tui {
        let pair = native_pty_system()
            .openpty(PtySize {
                rows: ROWS,
                cols: COLS,
                pixel_width: 0,
                pixel_height: 0,
            })
            .expect("openpty");
        let mut cmd = CommandBuilder::new(assert_cmd::cargo::cargo_bin("anjuan"));
        cmd.args(args);
        cmd.env("TERM", "xterm-256color");
        cmd.cwd(env!("CARGO_MANIFEST_DIR"));
        let child = pair.slave.spawn_command(cmd).expect("spawn anjuan tui");
        drop(pair.slave);
        let seen = Record::default();
        let parser = Arc::new(Mutex::new(vt100::Parser::new_with_callbacks(
            NonZeroU16::new(ROWS).unwrap(),
            NonZeroU16::new(COLS).unwrap(),
            0,
            seen.clone(),
        )));
        let raw = Arc::new(Mutex::new(Vec::new()));
        let mut reader = pair.master.try_clone_reader().expect("pty reader");
        let (feed, keep) = (Arc::clone(&parser), Arc::clone(&raw));
        let reader = std::thread::spawn(move || {
            let mut buf = [0u8; 8192];
            loop {
                match reader.read(&mut buf) {
                    Ok(0) | Err(_) => break,
                    Ok(n) => {
                        keep.lock().unwrap().extend_from_slice(&buf[..n]);
                        feed.lock().unwrap().process(&buf[..n]);
                    }
                }
            }
        });
        let writer = pair.master.take_writer().expect("pty writer");
        Tui {
            parser,
            seen,
            raw,
            writer,
            child,
            _master: pair.master,
            reader: Some(reader),
        }
    }

    fn send(&mut self, keys: &str) {
        self.writer.write_all(keys.as_bytes()).unwrap();
        self.writer.flush().unwrap();
    }

    fn screen(&self) -> String {
        self.parser.lock().unwrap().screen().contents()
    }

    /// Wait until every one of `texts` is on the screen at once; on timeout panic with it.
    #[track_caller]
    fn wait_all(&self, texts: &[&str]) -> String {
        let start = Instant::now();
        loop {
            let s = self.screen();
            if texts.iter().all(|t| s.contains(t)) {
                return s;
            }
            if start.elapsed() > TIMEOUT {
                panic!("timed out waiting for {texts:?}; the screen:\n{s}");
            }
            std::thread::sleep(Duration::from_millis(10));
        }
    }

    #[track_caller]
    fn wait_exit(&mut self) {
        let start = Instant::now();
        while self.child.try_wait().unwrap().is_none() {
            if start.elapsed() > TIMEOUT {
                panic!("the TUI did not exit; the screen:\n{}", self.screen());
            }
            std::thread::sleep(Duration::from_millis(10));
        }
        if let Some(r) = self.reader.take() {
            let _ = r.join();
        }
    }
}

impl Drop for Tui {
    fn drop(&mut self) {
        if let Ok(None) = self.child.try_wait() {
            let _ = self.child.kill();
            let _ = self.child.wait();
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
    t.wait_all(&["Review desk | reviewer Tester"]);
    // Open the first file on the desk: its head line shows the case title.
    t.send("\r");
    let screen = t.wait_all(&[&format!("File {case} | "), TITLE_SHOWN, "journal "]);
    // The frame drawn before the title in the same update and the status bar drawn after it are
    // both there: nothing cleared the screen in between.
    let lines: Vec<&str> = screen.lines().collect();
    assert!(lines[0].contains(&format!("File {case} | ")), "{screen}");
    assert!(lines[ROWS as usize - 1].contains("journal "), "{screen}");
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
    t.send("q");
    t.wait_exit();
    let raw = t.raw.lock().unwrap();
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
