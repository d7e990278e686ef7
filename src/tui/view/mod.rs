//! Drawing: one function per screen and popup, all from `&App` (never changing it, never doing
//! I/O). Text is pre-wrapped by display width so Chinese wraps correctly, and the real cursor is
//! put at the caret of whatever field is being typed into, so an IME opens where the user types.

use super::app::{App, Popup, Purpose, Screen, Sort, Step};
use super::keymap;
use super::text::{big_digit, clean, fit, rfit, truncate, width, wrap};
use crate::draw::seed::MIN_SEED_DIGITS;
use crate::i18n::Lang;
use crate::register::population::Role;
use crate::review::state::Status;
use crate::tr;
use ratatui::layout::Rect;
use ratatui::style::{Color, Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph};
use ratatui::Frame;

mod board;
mod ceremony;
pub mod count;
mod desk;
mod file;
mod popup;

use board::board;
use ceremony::ceremony;
use desk::desk;
use file::file;
use popup::popup;

pub const MIN_WIDTH: u16 = 60;
pub const MIN_HEIGHT: u16 = 16;
fn bold() -> Style {
    Style::default().add_modifier(Modifier::BOLD)
}
fn dim() -> Style {
    Style::default().fg(Color::DarkGray)
}
fn selected() -> Style {
    Style::default().add_modifier(Modifier::REVERSED)
}
pub fn render(app: &App, f: &mut Frame) {
    let area = f.area();
    app.hits.borrow_mut().rows.clear();
    if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
        let msg = tr!(
            app.lang,
            "终端太小：至少需要 {MIN_WIDTH}x{MIN_HEIGHT}，当前 {}x{}。请放大窗口。",
            "The terminal is too small: {MIN_WIDTH}x{MIN_HEIGHT} at least, now {}x{}. Enlarge the window.",
            area.width,
            area.height
        );
        let lines: Vec<Line> = wrap(&msg, area.width.max(2) as usize)
            .into_iter()
            .map(Line::from)
            .collect();
        f.render_widget(Paragraph::new(lines), area);
        return;
    }
    let body = Rect {
        height: area.height - 1,
        ..area
    };
    let bar = Rect {
        y: area.y + area.height - 1,
        height: 1,
        ..area
    };
    match app.screen {
        Screen::Ceremony => ceremony(app, f, body),
        Screen::Desk => desk(app, f, body),
        Screen::File => file(app, f, body),
        Screen::Board => board(app, f, body),
    }
    status_bar(app, f, bar);
    if let Some(p) = &app.popup {
        popup(app, p, f, area);
    }
}
fn status_bar(app: &App, f: &mut Frame, area: Rect) {
    let lang = app.lang;
    let head = app
        .review
        .as_ref()
        .map(|r| r.journal.head()[..12].to_string())
        .unwrap_or_else(|| "-".into());
    let right = match (app.screen, &app.board) {
        (Screen::Board, Some(b)) => {
            let head = b.rect.head();
            tr!(
                lang,
                "整改记录头 {} | ? 帮助 | q 退出",
                "record {} | ? help | q quit",
                &head[..12.min(head.len())]
            )
        }
        (Screen::Desk, _) => tr!(
            lang,
            "日志头 {head} | Z 整改台 | ? 帮助 | q 退出",
            "journal {head} | Z board | ? help | q quit"
        ),
        _ => tr!(
            lang,
            "日志头 {head} | ? 帮助 | q 退出",
            "journal {head} | ? help | q quit"
        ),
    };
    let left = if app.status.is_empty() {
        String::new()
    } else {
        format!(" {} ", app.status)
    };
    let w = area.width as usize;
    let right_w = width(&right).min(w);
    let left = fit(&left, w - right_w);
    let line = Line::from(vec![
        Span::styled(left, Style::default().fg(Color::Black).bg(Color::Green)),
        Span::styled(right, Style::default().bg(Color::DarkGray).fg(Color::White)),
    ]);
    f.render_widget(Paragraph::new(line), area);
}
/// Draw `lines` into `area` starting at line `scroll` (clamped so the end stays visible).
fn scrolled(app: &App, f: &mut Frame, area: Rect, lines: Vec<Line<'static>>) {
    let visible = area.height as usize;
    let max = lines.len().saturating_sub(visible);
    let s = app.scroll.get().min(max);
    app.scroll.set(s);
    let shown: Vec<Line> = lines.into_iter().skip(s).take(visible).collect();
    f.render_widget(Paragraph::new(shown), area);
}
/// A bordered block; the title may carry outside text (a case id, an agency, a name), so it is
/// cleaned like every other such text.
fn titled(title: &str) -> Block<'static> {
    Block::default()
        .borders(Borders::ALL)
        .title(Span::styled(format!(" {} ", clean(title)), bold()))
}
/// A digest split in groups of 8 for reading aloud.
fn grouped(hex: &str) -> String {
    hex.as_bytes()
        .chunks(8)
        .map(|c| String::from_utf8_lossy(c).into_owned())
        .collect::<Vec<_>>()
        .join(" ")
}
