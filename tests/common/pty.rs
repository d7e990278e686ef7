//! A program in a real pseudo-terminal, its screen read back through a VT100 emulator: the one
//! driver of every end-to-end TUI test (`tui_pty.rs`, `terminal_safety.rs`, `faults.rs`,
//! `line_endings.rs`). Keys go in as the bytes a terminal sends; every byte that comes out is also
//! kept, and the emulator can report what it was asked to do besides drawing (`Callbacks`).
#![allow(dead_code)]

use portable_pty::{native_pty_system, Child, CommandBuilder, MasterPty, PtySize};
use std::ffi::OsStr;
use std::io::{Read, Write};
use std::num::NonZeroU16;
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

pub const ROWS: u16 = 30;
pub const COLS: u16 = 100;
pub const TIMEOUT: Duration = Duration::from_secs(20);

pub struct Pty<CB: vt100::Callbacks + Send + 'static = ()> {
    parser: Arc<Mutex<vt100::Parser<CB>>>,
    raw: Arc<Mutex<Vec<u8>>>,
    writer: Box<dyn Write + Send>,
    child: Box<dyn Child + Send + Sync>,
    // Kept open for as long as the child runs: dropping it hangs the terminal up.
    _master: Box<dyn MasterPty + Send>,
    reader: Option<JoinHandle<()>>,
    rows: u16,
}

/// What to start, and in what terminal.
pub struct Spawn<'a> {
    pub program: &'a OsStr,
    pub args: Vec<&'a OsStr>,
    pub env: &'a [(&'a str, &'a OsStr)],
    pub rows: u16,
    pub cols: u16,
}

impl<'a> Spawn<'a> {
    pub fn new<S: AsRef<OsStr> + ?Sized>(program: &'a S, args: &'a [impl AsRef<OsStr>]) -> Self {
        Spawn {
            program: program.as_ref(),
            args: args.iter().map(AsRef::as_ref).collect(),
            env: &[],
            rows: ROWS,
            cols: COLS,
        }
    }
}

/// The anjuan binary of this build.
pub fn anjuan_bin() -> std::path::PathBuf {
    assert_cmd::cargo::cargo_bin("anjuan")
}

impl Pty<()> {
    /// `program args…` in a ROWS×COLS terminal with `env` added.
    pub fn spawn<S: AsRef<OsStr>>(program: &str, args: &[S], env: &[(&str, &OsStr)]) -> Pty {
        let mut s = Spawn::new(program, args);
        s.env = env;
        Pty::spawn_with(s, ())
    }
}

impl<CB: vt100::Callbacks + Send + 'static> Pty<CB> {
    pub fn spawn_with(s: Spawn<'_>, callbacks: CB) -> Pty<CB> {
        let pair = native_pty_system()
            .openpty(PtySize {
                rows: s.rows,
                cols: s.cols,
                pixel_width: 0,
                pixel_height: 0,
            })
            .expect("openpty");
        let mut cmd = CommandBuilder::new(s.program);
        cmd.args(&s.args);
        cmd.env("TERM", "xterm-256color");
        for (k, v) in s.env {
            cmd.env(k, v);
        }
        cmd.cwd(env!("CARGO_MANIFEST_DIR"));
        let child = pair.slave.spawn_command(cmd).expect("spawn");
        // Only the child holds the terminal's slave end, so the reader sees EOF when it exits.
        drop(pair.slave);
        let parser = Arc::new(Mutex::new(vt100::Parser::new_with_callbacks(
            NonZeroU16::new(s.rows).unwrap(),
            NonZeroU16::new(s.cols).unwrap(),
            0,
            callbacks,
        )));
        let raw = Arc::new(Mutex::new(Vec::new()));
        let mut reader = pair.master.try_clone_reader().expect("pty reader");
        let (feed, keep) = (Arc::clone(&parser), Arc::clone(&raw));
        let reader = std::thread::spawn(move || {
            let mut buf = [0u8; 8192];
            while let Ok(n @ 1..) = reader.read(&mut buf) {
                keep.lock().unwrap().extend_from_slice(&buf[..n]);
                feed.lock().unwrap().process(&buf[..n]);
            }
        });
        let writer = pair.master.take_writer().expect("pty writer");
        Pty {
            parser,
            raw,
            writer,
            child,
            _master: pair.master,
            reader: Some(reader),
            rows: s.rows,
        }
    }

    /// Type `keys` (raw bytes as a terminal sends them).
    pub fn send(&mut self, keys: &str) {
        self.writer.write_all(keys.as_bytes()).unwrap();
        self.writer.flush().unwrap();
    }

    /// Esc on its own: a pause afterwards, or the next bytes would read as an escape sequence.
    pub fn esc(&mut self) {
        self.send("\x1b");
        std::thread::sleep(Duration::from_millis(100));
    }

    /// Text as a terminal pastes it (bracketed paste).
    pub fn paste(&mut self, text: &str) {
        self.send(&format!("\x1b[200~{text}\x1b[201~"));
    }

    pub fn screen(&self) -> String {
        self.parser.lock().unwrap().screen().contents()
    }

    /// Look at the emulated screen (cells, colours).
    pub fn with_screen<R>(&self, f: impl FnOnce(&vt100::Screen) -> R) -> R {
        f(self.parser.lock().unwrap().screen())
    }

    /// Every byte the program wrote so far.
    pub fn raw(&self) -> Vec<u8> {
        self.raw.lock().unwrap().clone()
    }

    pub fn status_bar(&self) -> String {
        self.screen()
            .lines()
            .nth(self.rows as usize - 1)
            .unwrap_or_default()
            .to_string()
    }

    /// Wait until the screen satisfies `ok`; on timeout panic with the screen.
    #[track_caller]
    pub fn wait_until(&self, what: &str, ok: impl Fn(&str) -> bool) -> String {
        let start = Instant::now();
        loop {
            let s = self.screen();
            if ok(&s) {
                return s;
            }
            assert!(
                start.elapsed() < TIMEOUT,
                "timed out after {TIMEOUT:?} waiting for {what}; the screen:\n{s}\n{}",
                "-".repeat(40)
            );
            std::thread::sleep(Duration::from_millis(10));
        }
    }

    #[track_caller]
    pub fn wait_for(&self, text: &str) -> String {
        self.wait_until(&format!("{text:?}"), |s| s.contains(text))
    }

    /// Wait for every one of `texts`. A frame can arrive in pieces, so what belongs together is
    /// waited for together rather than asserted on the first screen that shows one part.
    #[track_caller]
    pub fn wait_all(&self, texts: &[&str]) -> String {
        self.wait_until(&format!("all of {texts:?}"), |s| {
            texts.iter().all(|t| s.contains(t))
        })
    }

    #[track_caller]
    pub fn wait_gone(&self, text: &str) -> String {
        self.wait_until(&format!("{text:?} to go away"), |s| !s.contains(text))
    }

    /// Wait for the status bar (the bottom row) to say `text`.
    #[track_caller]
    pub fn wait_status(&self, text: &str) -> String {
        let rows = self.rows as usize;
        self.wait_until(&format!("{text:?} in the status bar"), |s| {
            s.lines().nth(rows - 1).is_some_and(|l| l.contains(text))
        })
    }

    /// Wait for the child to exit by itself, and for the last of its output.
    #[track_caller]
    pub fn wait_exit(&mut self) -> portable_pty::ExitStatus {
        let start = Instant::now();
        loop {
            if let Some(st) = self.child.try_wait().unwrap() {
                if let Some(r) = self.reader.take() {
                    let _ = r.join();
                }
                return st;
            }
            assert!(
                start.elapsed() < TIMEOUT,
                "the program did not exit; the screen:\n{}",
                self.screen()
            );
            std::thread::sleep(Duration::from_millis(10));
        }
    }

    /// Kill it where it stands, the way a closed window or a crash would.
    pub fn kill(&mut self) {
        self.child.kill().unwrap();
        self.child.wait().unwrap();
    }
}

impl<CB: vt100::Callbacks + Send + 'static> Drop for Pty<CB> {
    fn drop(&mut self) {
        if let Ok(None) = self.child.try_wait() {
            let _ = self.child.kill();
            let _ = self.child.wait();
        }
    }
}
