//! Any terminal size is safe: every screen and popup is drawn at sizes from 1×1 up, including
//! the edges of the "too small" threshold, without a panic; and a mouse click selects the row
//! drawn where it lands.

mod common;

use anjuan::i18n::Lang;
use anjuan::tui::app::{App, Popup, Purpose, Screen, Step};
use anjuan::tui::editor::Editor;
use anjuan::tui::keymap::Context;
use anjuan::tui::view;
use common::*;
use crossterm::event::{KeyModifiers, MouseButton, MouseEvent, MouseEventKind};
use ratatui::backend::TestBackend;
use ratatui::Terminal;

/// Puts the app into one screen or popup.
type Setup = Box<dyn Fn(&mut App)>;

fn draw(app: &App, w: u16, h: u16) {
    let mut t = Terminal::new(TestBackend::new(w, h)).unwrap();
    t.draw(|f| view::render(app, f)).unwrap();
}

#[test]
fn every_screen_at_every_size() {
    let dir = tempfile::tempdir().unwrap();
    let ws = drawn_workspace(dir.path());
    let case = case_of_type(&ws, "行政处罚（一般程序）");
    anjuan()
        .arg("review")
        .arg(&ws)
        .args([
            "set",
            &case,
            "A1",
            "--deduct",
            "1",
            "--finding",
            &"印章".repeat(200),
        ])
        .args(["--reviewer", "张三"])
        .assert()
        .success();
    let sizes = [
        1u16, 2, 5, 10, 15, 16, 17, 23, 24, 25, 40, 59, 60, 61, 79, 80, 81, 200,
    ];
    for lang in [Lang::Zh, Lang::En] {
        let mut app = App::open(&ws, Some("张三".into()), lang).unwrap();
        let file = app
            .review
            .as_ref()
            .unwrap()
            .files
            .iter()
            .position(|f| f.id() == case)
            .unwrap();
        let states: Vec<Setup> = vec![
            Box::new(|a| {
                a.screen = Screen::Ceremony;
                a.step = Step::Overview;
            }),
            Box::new(|a| {
                a.screen = Screen::Ceremony;
                a.step = Step::Overview;
                a.presentation = true;
            }),
            Box::new(|a| {
                a.screen = Screen::Ceremony;
                a.step = Step::Seed;
                a.presentation = false;
                a.seed = "1234567890".repeat(5);
            }),
            Box::new(|a| {
                a.screen = Screen::Ceremony;
                a.step = Step::Witnesses;
                a.witness_input = Editor::with(&"见证人".repeat(40));
            }),
            Box::new(|a| {
                a.screen = Screen::Ceremony;
                a.step = Step::Result;
            }),
            Box::new(|a| a.screen = Screen::Desk),
            Box::new(move |a| {
                a.screen = Screen::File;
                a.file = file;
                a.item = 9;
            }),
            Box::new(|a| a.popup = Some(Popup::Help(Context::File))),
            Box::new(|a| {
                a.popup = Some(Popup::Input {
                    purpose: Purpose::Deduct {
                        item: 9,
                        points: anjuan::checklist::points::Points(100),
                    },
                    editor: Editor::with(&"问题".repeat(100)),
                })
            }),
            Box::new(|a| a.popup = Some(Popup::ConfirmFinalize)),
        ];
        for set in &states {
            set(&mut app);
            for &w in &sizes {
                for &h in &sizes {
                    draw(&app, w, h);
                }
            }
        }
    }
}

#[test]
fn a_click_selects_the_row_under_it() {
    let dir = tempfile::tempdir().unwrap();
    let ws = drawn_workspace(dir.path());
    let mut app = App::open(&ws, Some("张三".into()), Lang::Zh).unwrap();
    assert_eq!(app.screen, Screen::Desk);
    draw(&app, 80, 24);
    let (y, index) = app.hits.borrow().rows[3];
    let click = MouseEvent {
        kind: MouseEventKind::Down(MouseButton::Left),
        column: 10,
        row: y,
        modifiers: KeyModifiers::NONE,
    };
    app.handle_mouse(click);
    assert_eq!(app.desk_sel, index);
    assert_eq!(index, 3);
    // In a file, a click on an item's wrapped second line selects that item.
    app.update(anjuan::tui::keymap::Action::Enter);
    assert_eq!(app.screen, Screen::File);
    draw(&app, 80, 24);
    let rows = app.hits.borrow().rows.clone();
    let (y, item) = rows
        .windows(2)
        .find(|w| w[0].1 == w[1].1 && w[0].1 > 0)
        .map(|w| w[1])
        .expect("an item drawn on two lines");
    app.handle_mouse(MouseEvent { row: y, ..click });
    assert_eq!(app.item, item);
}
