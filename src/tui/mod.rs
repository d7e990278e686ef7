//! Stage 6: the terminal UI — the draw ceremony, the review desk and the 整改 board, and apart
//! from them the ballot counting screen (`count`, `anjuan ballot WS count`) — over the real
//! stages' APIs. `app` holds the state and changes it (the board's own in `board`), `keymap` is
//! the one table of keys, `view` draws, `editor` and `text` handle Chinese input and width.
//! This module owns the terminal: raw mode, the alternate screen, mouse and bracketed paste are
//! switched on here and always switched off again, on a normal exit, an error or a panic.

pub mod app;
pub mod board;
pub mod count;
pub mod editor;
pub mod keymap;
pub mod text;
pub mod view;

use crate::i18n::Lang;
use app::App;
use crossterm::event::{
    self, DisableBracketedPaste, DisableMouseCapture, EnableBracketedPaste, EnableMouseCapture,
    Event, KeyEvent, KeyEventKind, MouseEvent,
};
use crossterm::execute;
use std::path::Path;

fn restore() {
    let _ = execute!(
        std::io::stdout(),
        DisableMouseCapture,
        DisableBracketedPaste
    );
    ratatui::restore();
}

/// Run the TUI on a workspace until the user quits.
pub fn run(
    dir: &Path,
    reviewer: Option<String>,
    key: Option<&Path>,
    lang: Lang,
) -> Result<(), String> {
    let mut app = App::open(dir, reviewer, lang)?;
    // Said once on opening: a copy converted the line endings, and nothing else changed.
    if let Some(note) = app.review.as_ref().and_then(|r| r.line_endings_note(lang)) {
        app.popup = Some(app::Popup::Message {
            title: lang.pick("换行符已转换", "Line endings converted").into(),
            body: note,
        });
    }
    if let Some(path) = key {
        let (id, key) = crate::team::keys::read_secret(path).map_err(|e| e.render(lang))?;
        if app.reviewer.is_empty() {
            app.reviewer = id;
        }
        app.use_key(key)?;
    }
    in_terminal(&mut app)
}

/// What runs in the terminal: drawn from `&self` (never changing it), changed by events.
pub(crate) trait Ui {
    fn draw(&self, f: &mut ratatui::Frame);
    fn key(&mut self, k: KeyEvent);
    fn paste(&mut self, _text: &str) {}
    fn mouse(&mut self, _m: MouseEvent) {}
    fn done(&self) -> bool;
}

impl Ui for App {
    fn draw(&self, f: &mut ratatui::Frame) {
        view::render(self, f)
    }
    fn key(&mut self, k: KeyEvent) {
        self.handle_key(k)
    }
    fn paste(&mut self, text: &str) {
        self.handle_paste(text)
    }
    fn mouse(&mut self, m: MouseEvent) {
        self.handle_mouse(m)
    }
    fn done(&self) -> bool {
        self.quit
    }
}

/// Run `ui` in the terminal until it is done: raw mode, the alternate screen, mouse and
/// bracketed paste on, and off again however it ends (a panic included).
pub(crate) fn in_terminal(ui: &mut impl Ui) -> Result<(), String> {
    let hook = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        restore();
        hook(info);
    }));
    let mut terminal = ratatui::try_init().map_err(|e| e.to_string())?;
    let _ = execute!(std::io::stdout(), EnableMouseCapture, EnableBracketedPaste);
    let result = (|| -> std::io::Result<()> {
        while !ui.done() {
            terminal.draw(|f| ui.draw(f))?;
            match event::read()? {
                Event::Key(k) if k.kind != KeyEventKind::Release => ui.key(k),
                Event::Paste(text) => ui.paste(&text),
                Event::Mouse(m) => ui.mouse(m),
                _ => {}
            }
        }
        Ok(())
    })();
    restore();
    result.map_err(|e| e.to_string())
}
