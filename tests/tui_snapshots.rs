//! Whole-screen snapshots of the TUI on ratatui's `TestBackend`: every screen and popup, in
//! Chinese and in English, at 80×24 (a few at 120×40). The state is built with the real binary
//! (init, commit, draw, review decisions) and then driven through `App` with keys, as a user
//! would.
//!
//! Each snapshot is the screen as the terminal receives it, as text: a wide character takes its
//! two cells (the cell after it is not repeated), a blank cell painted with a background colour
//! (the big seed digits) shows as `█`, and what changes from run to run is redacted — digests,
//! the journal head, timestamps, the temporary directory. Under the screen, after `----`, a few
//! lines say what plain text cannot: where the cursor is (where an IME opens), which rows are
//! highlighted, and anything drawn into a cell that a wide character on its left hides.

mod common;

use anjuan::i18n::Lang;
use anjuan::tui::app::{App, Screen, Step};
use anjuan::tui::view;
use common::*;
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use ratatui::style::{Color, Modifier};
use ratatui::Terminal;
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use tempfile::TempDir;
use unicode_width::UnicodeWidthStr;

const LANGS: [Lang; 2] = [Lang::Zh, Lang::En];

fn tag(lang: Lang) -> &'static str {
    match lang {
        Lang::Zh => "zh",
        Lang::En => "en",
    }
}

// ---------------------------------------------------------------------------------------------
// Rendering and redaction

type Replacements = HashMap<(u16, u16), char>;

/// Draw the app once; returns what the terminal received (the backend's cells), what ratatui
/// meant to draw (the frame's buffer, before the diff drops cells hidden by wide characters) and
/// the cursor, if shown.
fn draw(app: &App, w: u16, h: u16) -> (Buffer, Buffer, Option<(u16, u16)>) {
    let mut t = Terminal::new(TestBackend::new(w, h)).unwrap();
    let meant = t.draw(|f| view::render(app, f)).unwrap().buffer.clone();
    let backend = t.backend();
    let cursor = backend
        .cursor_visible()
        .then(|| (backend.cursor_position().x, backend.cursor_position().y));
    (backend.buffer().clone(), meant, cursor)
}

/// The cells of row `y` a terminal shows, as (column, text): the cell after a wide character is
/// left out, and a blank cell painted with a background colour above the status bar (the big
/// seed digits) is shown as `█`.
fn visible(buf: &Buffer, y: u16) -> Vec<(u16, String)> {
    let area = buf.area;
    let mut out = Vec::new();
    let mut skip = 0usize;
    for x in 0..area.width {
        let cell = &buf[(x, y)];
        if skip > 0 {
            skip -= 1;
            continue;
        }
        let sym = cell.symbol();
        skip = sym.width().saturating_sub(1);
        let painted = sym == " " && cell.bg != Color::Reset && y + 1 < area.height;
        out.push((
            x,
            if painted {
                "█".into()
            } else {
                sym.to_string()
            },
        ));
    }
    out
}

/// Cells to redact in `buf` (digests, timestamps), found row by row.
fn replacements(buf: &Buffer) -> Replacements {
    let mut out = Replacements::new();
    for y in 0..buf.area.height {
        let cells = visible(buf, y);
        let chars: Vec<char> = cells
            .iter()
            .map(|(_, s)| {
                let mut it = s.chars();
                match (it.next(), it.next()) {
                    (Some(c), None) => c,
                    _ => '\u{FFFD}',
                }
            })
            .collect();
        for (i, ch) in redact_chars(&chars) {
            out.insert((cells[i].0, y), ch);
        }
    }
    out
}

/// The screen as text, redacted, followed by notes on what plain text cannot show.
///
/// When a popup is open, the screen is also drawn without it: a digest the popup covers in part
/// leaves pieces too short to recognise, so the cells found in the screen behind the popup are
/// redacted too wherever they still show (outside the popup's rectangle).
fn screen(app: &mut App, w: u16, h: u16, tmp: &Path) -> String {
    let behind = app.popup.take().map(|p| {
        let (buf, _, _) = draw(app, w, h);
        app.popup = Some(p);
        buf
    });
    let (buf, meant, cursor) = draw(app, w, h);
    let mut redact = replacements(&buf);
    if let Some(bg) = behind {
        let differs: Vec<(u16, u16)> = (0..h)
            .flat_map(|y| (0..w).map(move |x| (x, y)))
            .filter(|&p| buf[p] != bg[p])
            .collect();
        let x0 = differs.iter().map(|p| p.0).min().unwrap_or(0);
        let x1 = differs.iter().map(|p| p.0).max().unwrap_or(0);
        let y0 = differs.iter().map(|p| p.1).min().unwrap_or(0);
        let y1 = differs.iter().map(|p| p.1).max().unwrap_or(0);
        for ((x, y), ch) in replacements(&bg) {
            let in_popup = (x0..=x1).contains(&x) && (y0..=y1).contains(&y);
            if !in_popup && buf[(x, y)] == bg[(x, y)] {
                redact.entry((x, y)).or_insert(ch);
            }
        }
    }

    let mut rows = Vec::new();
    let mut highlighted = Vec::new();
    for y in 0..h {
        let line: String = visible(&buf, y)
            .into_iter()
            .map(|(x, s)| redact.get(&(x, y)).map_or(s, |c| c.to_string()))
            .collect();
        rows.push(line.trim_end().to_string());
        if (0..w).any(|x| buf[(x, y)].modifier.contains(Modifier::REVERSED)) {
            highlighted.push(y.to_string());
        }
    }
    // What ratatui drew into the cell after a wide character never reaches the terminal.
    let mut hidden = Vec::new();
    for y in 0..h {
        let mut skip = 0usize;
        for x in 0..w {
            let sym = meant[(x, y)].symbol();
            if skip > 0 {
                skip -= 1;
                if !sym.trim().is_empty() {
                    hidden.push(format!("row {y} col {x} {sym:?}"));
                }
                continue;
            }
            skip = sym.width().saturating_sub(1);
        }
    }

    let mut out = rows.join("\n");
    out.push_str("\n----\n");
    match cursor {
        Some((x, y)) => out.push_str(&format!("cursor: column {x}, row {y}\n")),
        None => out.push_str("cursor: hidden\n"),
    }
    if !highlighted.is_empty() {
        out.push_str(&format!("highlighted rows: {}\n", highlighted.join(", ")));
    }
    if !hidden.is_empty() {
        out.push_str(&format!(
            "drawn but hidden by a wide character on its left: {}\n",
            hidden.join("; ")
        ));
    }
    let out = out.replace(&tmp.to_string_lossy().into_owned(), "[TMP]");
    match tmp.file_name() {
        Some(n) => out.replace(&n.to_string_lossy().into_owned(), "[TMP]"),
        None => out,
    }
}

fn snap(name: &str, app: &mut App, w: u16, h: u16, tmp: &Path) {
    let text = screen(app, w, h, tmp);
    insta::assert_snapshot!(format!("{name}_{w}x{h}"), text);
}

/// The snapshot at 80×24, named `LANG_NAME_80x24`.
fn snap80(lang: Lang, name: &str, app: &mut App, tmp: &Path) {
    snap(&format!("{}_{name}", tag(lang)), app, 80, 24, tmp);
}

/// What to replace in a row of characters, and with what:
/// - timestamps, `2026-11-21T22:20:45+08:00` → `####-##-##T##:##:##+##:##` (any time zone);
/// - digests, shown whole, in groups of 8 or cut to 12 (the journal head): every lowercase hex
///   token of 8 or more characters becomes as many `#`, and so does a shorter hex token that
///   follows one after a single space (the last group, cut at the edge of the screen).
///
/// Decimal tickets (after `0.`) and the fixed seed are kept: they are the same on every run.
fn redact_chars(c: &[char]) -> Vec<(usize, char)> {
    let mut out = Vec::new();
    // Timestamps.
    let pat: Vec<char> = "dddd-dd-ddTdd:dd:dd".chars().collect();
    let at = |i: usize, k: usize| c.get(i + k).copied();
    let mut i = 0;
    while i + pat.len() <= c.len() {
        let fits = pat.iter().enumerate().all(|(k, &p)| match (p, at(i, k)) {
            ('d', Some(ch)) => ch.is_ascii_digit(),
            (p, ch) => Some(p) == ch,
        });
        if !fits {
            i += 1;
            continue;
        }
        let mut j = i + pat.len();
        if at(j, 0) == Some('.') {
            j += 1;
            while at(j, 0).is_some_and(|ch| ch.is_ascii_digit()) {
                j += 1;
            }
        }
        let zone = matches!(at(j, 0), Some('+' | '-')) && at(j, 3) == Some(':');
        if zone {
            out.push((j, '+'));
            j += 6;
        }
        for (k, ch) in c.iter().enumerate().take(j.min(c.len())).skip(i) {
            if ch.is_ascii_digit() {
                out.push((k, '#'));
            }
        }
        i = j;
    }
    // Digests.
    let mut i = 0;
    let mut last_end: Option<usize> = None;
    while i < c.len() {
        if !c[i].is_ascii_alphanumeric() {
            i += 1;
            continue;
        }
        let start = i;
        while i < c.len() && c[i].is_ascii_alphanumeric() {
            i += 1;
        }
        let token: String = c[start..i].iter().collect();
        let hex = token.chars().all(|ch| matches!(ch, '0'..='9' | 'a'..='f'));
        let after_dot = start > 0 && c[start - 1] == '.';
        let long = hex && token.len() >= 8 && !after_dot && !SEED.starts_with(&token);
        let tail = hex && last_end.is_some_and(|e| e + 1 == start && c[e] == ' ');
        if long || tail {
            out.extend((start..i).map(|k| (k, '#')));
            last_end = Some(i);
        } else {
            last_end = None;
        }
    }
    out
}

/// `redact_chars` on a string, for the test of the redaction itself.
fn redact_str(s: &str) -> String {
    let mut c: Vec<char> = s.chars().collect();
    for (i, ch) in redact_chars(&c) {
        c[i] = ch;
    }
    c.into_iter().collect()
}

// ---------------------------------------------------------------------------------------------
// Driving the app

fn press(app: &mut App, code: KeyCode) {
    app.handle_key(KeyEvent::new(code, KeyModifiers::NONE));
}

fn ctrl(app: &mut App, c: char) {
    app.handle_key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL));
}

/// Type `s` key by key, as a user (or an IME committing characters one at a time) would.
fn type_text(app: &mut App, s: &str) {
    for c in s.chars() {
        press(app, KeyCode::Char(c));
    }
}

fn open(ws: &Path, reviewer: Option<&str>, lang: Lang) -> App {
    App::open(ws, reviewer.map(String::from), lang).unwrap()
}

/// Select a file on the desk by case id and open it with Enter.
fn open_file(app: &mut App, case: &str) {
    let r = app.review.as_ref().unwrap();
    let rows = app.desk_rows();
    let pos = rows.iter().position(|&i| r.files[i].id() == case).unwrap();
    app.desk_sel = pos;
    press(app, KeyCode::Enter);
    assert_eq!(app.screen, Screen::File, "{case} did not open");
}

/// Select an item of the open file by its id.
fn select_item(app: &mut App, id: &str) {
    let r = app.review.as_ref().unwrap();
    let items = &r.checklist_of(app.file).unwrap().items;
    app.item = items.iter().position(|it| it.id == id).unwrap();
}

// ---------------------------------------------------------------------------------------------
// Workspaces

/// A workspace in a temporary directory (`TMP/ws`), removed when dropped.
struct Fixture {
    tmp: TempDir,
    ws: PathBuf,
}

impl Fixture {
    fn tmp(&self) -> &Path {
        self.tmp.path()
    }
}

/// Registered and committed, not drawn: the ceremony is still to be held.
fn committed() -> Fixture {
    let tmp = tempfile::tempdir().unwrap();
    let ws = committed_workspace(tmp.path());
    Fixture { tmp, ws }
}

/// Stands in for this run's commitment digest where it is painted in glyphs.
const FIXED_DIGEST: &str = "0000000011111111222222223333333344444444555555556666666677777777";

/// Long Chinese finding for the deduction on A1 (wraps over several lines of the file view).
const A1_FINDING: &str = "处罚决定书、行政处罚事先告知书均加盖执法大队内设机构印章而非本机关印章，落款主体与立案审批表载明的实施主体不一致，卷内未见委托手续（见第3页、第17页）";
const V9_FINDING: &str =
    "当事人以暗管排放含重金属废水，超标倍数已达入罪标准，涉嫌污染环境罪，未移送公安机关而仅处罚款";

/// The files the review screens show.
struct Cases {
    /// 行政处罚（一般程序）: a veto, a long deduction, a pass and an n/a — in progress.
    penalty: String,
    /// 行政检查: every item passed, not finalized yet.
    inspection: String,
    /// 行政许可: every item passed and finalized.
    licence: String,
}

fn set(ws: &Path, case: &str, item: &str, args: &[&str]) {
    anjuan()
        .arg("review")
        .arg(ws)
        .args(["set", case, item])
        .args(args)
        .args(["--reviewer", "张三"])
        .assert()
        .success();
}

/// Pass every item of `case` by importing a decisions sheet.
fn pass_all(dir: &Path, ws: &Path, case: &str) {
    let items = show(ws, case)["items"].as_array().unwrap().clone();
    let mut csv = String::from("case_id,item_id,decision,points,finding,reviewer\n");
    for it in items {
        csv += &format!("{case},{},pass,0,,李四\n", it["id"].as_str().unwrap());
    }
    let path = dir.join("pass.csv");
    std::fs::write(&path, csv).unwrap();
    anjuan()
        .arg("review")
        .arg(ws)
        .arg("import")
        .arg(&path)
        .assert()
        .success();
}

/// Drawn, with decisions made from the command line before the TUI opens.
fn reviewed() -> (Fixture, Cases) {
    let tmp = tempfile::tempdir().unwrap();
    let ws = drawn_workspace(tmp.path());
    let cases = Cases {
        penalty: case_of_type(&ws, "行政处罚（一般程序）"),
        inspection: case_of_type(&ws, "行政检查"),
        licence: case_of_type(&ws, "行政许可"),
    };
    let p = cases.penalty.as_str();
    set(&ws, p, "V9", &["--veto", "--finding", V9_FINDING]);
    set(
        &ws,
        p,
        "A1",
        &[
            "--deduct",
            "1",
            "--finding",
            A1_FINDING,
            "--evidence",
            "第3页、第17页",
        ],
    );
    set(&ws, p, "A2", &["--pass"]);
    set(&ws, p, "A3", &["--na"]);
    pass_all(tmp.path(), &ws, &cases.inspection);
    pass_all(tmp.path(), &ws, &cases.licence);
    anjuan()
        .arg("review")
        .arg(&ws)
        .args(["finalize", &cases.licence, "--reviewer", "张三"])
        .assert()
        .success();
    (Fixture { tmp, ws }, cases)
}

// ---------------------------------------------------------------------------------------------
// Tests: one per screen family, each in both languages

/// The draw ceremony from the commitment to the result, with its popups.
#[test]
fn ceremony() {
    for lang in LANGS {
        let fx = committed();
        let tmp = fx.tmp();
        let mut app = open(&fx.ws, Some("张三"), lang);
        assert_eq!((app.screen, app.step), (Screen::Ceremony, Step::Overview));
        snap80(lang, "ceremony_overview", &mut app, tmp);
        if lang == Lang::Zh {
            snap("zh_ceremony_overview", &mut app, 120, 40, tmp);
        }

        // Presentation mode paints the commitment digest in large glyphs, which no text
        // redaction can reach: show a fixed digest instead of this run's.
        let real = std::mem::replace(&mut app.commitment.as_mut().unwrap().1, FIXED_DIGEST.into());
        press(&mut app, KeyCode::Char('z'));
        snap80(lang, "ceremony_overview_presentation", &mut app, tmp);
        if lang == Lang::Zh {
            snap("zh_ceremony_overview_presentation", &mut app, 120, 40, tmp);
        }
        press(&mut app, KeyCode::Char('z'));
        app.commitment.as_mut().unwrap().1 = real;

        press(&mut app, KeyCode::Char('?'));
        snap80(lang, "popup_help_overview", &mut app, tmp);
        press(&mut app, KeyCode::Esc);
        assert!(app.popup.is_none());

        // Witnesses: Enter on an empty list asks for one first (a message popup).
        press(&mut app, KeyCode::Enter);
        assert_eq!(app.step, Step::Witnesses);
        press(&mut app, KeyCode::Enter);
        snap80(lang, "popup_message_witness_needed", &mut app, tmp);
        press(&mut app, KeyCode::Esc);
        type_text(&mut app, "王五/县纪委监委");
        press(&mut app, KeyCode::Enter);
        type_text(&mut app, "李四/县司法");
        snap80(lang, "ceremony_witnesses_typing", &mut app, tmp);
        type_text(&mut app, "局");
        press(&mut app, KeyCode::Enter);
        press(&mut app, KeyCode::Enter);
        assert_eq!(app.step, Step::Seed);

        // The seed, digit by digit: too few, then ready.
        type_text(&mut app, &SEED[..7]);
        snap80(lang, "ceremony_seed_7_digits", &mut app, tmp);
        ctrl(&mut app, 'c');
        snap80(lang, "popup_confirm_quit", &mut app, tmp);
        press(&mut app, KeyCode::Char('n'));
        assert!(!app.quit);
        type_text(&mut app, &SEED[7..]);
        snap80(lang, "ceremony_seed_20_digits", &mut app, tmp);
        press(&mut app, KeyCode::Enter);
        snap80(lang, "popup_confirm_seed", &mut app, tmp);

        // The draw, then a supersede being asked for.
        press(&mut app, KeyCode::Char('y'));
        assert_eq!(app.step, Step::Result);
        assert!(app.popup.is_none(), "the draw failed: {:?}", app.popup);
        snap80(lang, "ceremony_result", &mut app, tmp);
        press(&mut app, KeyCode::Char('S'));
        type_text(&mut app, "见证人王五到场前已掷出两位");
        snap80(lang, "popup_input_supersede", &mut app, tmp);
    }
}

/// The review desk: the list, the filter being typed, the list filtered, and the reviewer's name
/// asked for when none was given.
#[test]
fn desk() {
    for lang in LANGS {
        let (fx, _) = reviewed();
        let tmp = fx.tmp();
        let mut app = open(&fx.ws, Some("张三"), lang);
        assert_eq!(app.screen, Screen::Desk);
        press(&mut app, KeyCode::Char('j'));
        press(&mut app, KeyCode::Char('j'));
        snap80(lang, "desk", &mut app, tmp);

        press(&mut app, KeyCode::Char('/'));
        type_text(&mut app, "交通");
        snap80(lang, "popup_input_filter", &mut app, tmp);
        press(&mut app, KeyCode::Enter);
        assert_eq!(app.filter, "交通");
        snap80(lang, "desk_filtered", &mut app, tmp);

        let mut anonymous = open(&fx.ws, None, lang);
        press(&mut anonymous, KeyCode::Enter);
        type_text(&mut anonymous, "李");
        snap80(lang, "popup_input_reviewer", &mut anonymous, tmp);
    }
}

/// One file: decisions with a long Chinese finding and a veto, long items that wrap (A2 leaves
/// a column free where its next wide character would not fit), and the popups for deciding.
#[test]
fn file_view() {
    for lang in LANGS {
        let (fx, cases) = reviewed();
        let tmp = fx.tmp();
        let mut app = open(&fx.ws, Some("张三"), lang);
        open_file(&mut app, &cases.penalty);
        select_item(&mut app, "A2");
        snap80(lang, "file", &mut app, tmp);
        if lang == Lang::Zh {
            app.scroll.set(0);
            snap("zh_file", &mut app, 120, 40, tmp);
        }

        press(&mut app, KeyCode::Char('?'));
        snap80(lang, "popup_help_file", &mut app, tmp);
        press(&mut app, KeyCode::Esc);

        // Deduct: a long finding scrolls the field; ↑ deducts one step more.
        select_item(&mut app, "B1");
        press(&mut app, KeyCode::Char('d'));
        app.handle_paste("证据复印件未注明出处、未经核对签章，现场照片未注明拍摄时间、地点和拍摄人，电子数据未记录提取方法");
        press(&mut app, KeyCode::Up);
        snap80(lang, "popup_input_deduct", &mut app, tmp);
        press(&mut app, KeyCode::Esc);

        select_item(&mut app, "V3");
        press(&mut app, KeyCode::Char('v'));
        type_text(&mut app, "处罚对象应为实际经营者");
        snap80(lang, "popup_input_veto", &mut app, tmp);
        press(&mut app, KeyCode::Esc);

        select_item(&mut app, "A1");
        press(&mut app, KeyCode::Char('e'));
        press(&mut app, KeyCode::Home);
        snap80(lang, "popup_input_finding", &mut app, tmp);
        press(&mut app, KeyCode::Esc);
        assert!(app.popup.is_none());
    }
}

/// Finalizing a file (every item decided), the finalized file, and reopening it.
#[test]
fn finalize_and_reopen() {
    for lang in LANGS {
        let (fx, cases) = reviewed();
        let tmp = fx.tmp();
        let mut app = open(&fx.ws, Some("张三"), lang);
        open_file(&mut app, &cases.inspection);
        press(&mut app, KeyCode::Char('F'));
        snap80(lang, "popup_confirm_finalize", &mut app, tmp);
        press(&mut app, KeyCode::Char('y'));
        assert!(app.popup.is_none(), "not finalized: {:?}", app.popup);
        snap80(lang, "file_finalized", &mut app, tmp);
        press(&mut app, KeyCode::Char('R'));
        type_text(&mut app, "复核发现E2执法证件记录缺失，需重新评查");
        snap80(lang, "popup_input_reopen", &mut app, tmp);
    }
}

/// Below 60×16 only a message is drawn, wrapped to the width.
#[test]
fn terminal_too_small() {
    let fx = committed();
    for lang in LANGS {
        let mut app = open(&fx.ws, None, lang);
        snap(
            &format!("{}_too_small", tag(lang)),
            &mut app,
            40,
            12,
            fx.tmp(),
        );
    }
}

#[test]
fn redaction() {
    assert_eq!(
        redact_str("    SHA-256 0123abcd 89abcdef 01234567 ab"),
        "    SHA-256 ######## ######## ######## ##"
    );
    assert_eq!(
        redact_str("日志头 0123456789ab · ?"),
        "日志头 ############ · ?"
    );
    assert_eq!(
        redact_str(&format!("种子 {SEED} ·")),
        format!("种子 {SEED} ·")
    );
    assert_eq!(
        redact_str("样本 1  0.123456789012345678"),
        "样本 1  0.123456789012345678"
    );
    assert_eq!(
        redact_str("drawn at 2026-11-21T22:20:45-05:00."),
        "drawn at ####-##-##T##:##:##+##:##."
    );
}
