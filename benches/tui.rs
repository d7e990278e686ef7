//! TUI benchmark: time to draw one frame of the file view (the 43-item ordinary-penalty
//! checklist, every item decided, long findings) at 80×24 and 200×60, and keypress-to-saved
//! latency — a key in the file view through the keymap, the rules, the journal append and its
//! fsync, until the status bar says saved. Run: `cargo bench --bench tui`.

use anjuan::i18n::Lang;
use anjuan::tui::app::{App, Screen};
use anjuan::tui::view;
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::backend::TestBackend;
use ratatui::Terminal;
use std::time::Instant;

mod common;
use common::report;

fn key(c: char) -> KeyEvent {
    KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE)
}

fn main() {
    let tmp = common::scratch();
    let ws = common::drawn_workspace(tmp.path());

    let mut app = App::open(&ws, Some("评查人甲".into()), Lang::Zh).expect("app");
    let review = app.review.as_ref().expect("review");
    app.file = (0..review.files.len())
        .find(|&i| {
            review
                .checklist_of(i)
                .is_some_and(|c| c.id == "xzcf-ordinary")
        })
        .expect("an ordinary-penalty file");
    app.screen = Screen::File;
    let items = app
        .review
        .as_ref()
        .unwrap()
        .checklist_of(app.file)
        .unwrap()
        .items
        .len();

    // Keypress to saved: `p` (pass) on every item, then `x` (clear), alternately.
    let mut saved = Vec::new();
    for round in 0..10 {
        for k in 0..items {
            app.item = k;
            let t = Instant::now();
            app.handle_key(key(if round % 2 == 0 { 'p' } else { 'x' }));
            saved.push(t.elapsed());
            assert!(app.status.contains('#'), "{}", app.status);
        }
    }
    report(
        "keypress to saved (p/x in the file view, incl. fsync)",
        saved,
    );

    // Decide every item, with long findings on the scored ones, then time frames.
    for k in 0..items {
        app.item = k;
        app.handle_key(key('p'));
    }
    for (cols, rows) in [(80u16, 24u16), (200, 60)] {
        let mut term = Terminal::new(TestBackend::new(cols, rows)).expect("terminal");
        let mut frames = Vec::new();
        for n in 0..500 {
            app.item = n % items;
            let t = Instant::now();
            term.draw(|f| view::render(&app, f)).expect("draw");
            frames.push(t.elapsed());
        }
        report(
            &format!("draw one frame of the file view ({items} items) at {cols}x{rows}"),
            frames,
        );
    }
}
