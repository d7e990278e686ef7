//! Drawing the ballot counting screen (`tui::count`), from `&Count` only: the ballot being typed
//! (serial, check code, then the agencies with the marks so far, the current one highlighted and
//! kept in view), the pass's running count and its last entries, the status bar, and the popups.
//! Fits 80×24 and down to the TUI's minimum; widths are display widths, so Chinese names line up.

use super::popup::boxed;
use super::{bold, dim, selected, MIN_HEIGHT, MIN_WIDTH};
use crate::ballots::code::grouped;
use crate::tr;
use crate::tui::count::{Count, Popup, Step};
use crate::tui::keymap::{self, Context};
use crate::tui::text::{clean, fit, width, wrap};
use ratatui::layout::Rect;
use ratatui::style::{Color, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use ratatui::Frame;

pub fn render(c: &Count, f: &mut Frame) {
    let area = f.area();
    let lang = c.lang;
    if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
        let msg = tr!(
            lang,
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
    let w = area.width as usize;
    let s = &c.setup;
    let title = tr!(
        lang,
        "民主评议计票 · 第 {} 遍 · 设置第 {} 次 · 共 {} 张",
        "Ballot count · pass {} · setup {} · {} ballots",
        c.pass_no,
        s.number,
        s.ballots
    );
    let mut legend: Vec<String> = s
        .scale
        .iter()
        .enumerate()
        .map(|(i, l)| format!("{} {}", i + 1, clean(l)))
        .collect();
    legend.push(lang.pick("0 空白", "0 blank").into());
    legend.push(lang.pick("* 废票", "* spoiled").into());
    let top = vec![
        Line::styled(fit(&title, w), bold()),
        Line::styled(fit(&legend.join("  "), w), dim()),
    ];
    f.render_widget(Paragraph::new(top), Rect { height: 2, ..area });
    // The ballot's serial and code, the active field reversed, the cursor at its caret.
    let serial_label = lang.pick("编号：", "Serial: ");
    let code_label = lang.pick("    校验码：", "    Check code: ");
    let serial = format!("{:<5}", c.serial);
    let code = if c.step == Step::Code {
        format!("{:<8}", c.code)
    } else {
        format!("{:<9}", grouped(&c.code))
    };
    let style = |active: bool| if active { selected() } else { Style::default() };
    let field_y = area.y + 3;
    let fields = Line::from(vec![
        Span::raw(serial_label),
        Span::styled(serial.clone(), style(c.step == Step::Serial)),
        Span::raw(code_label),
        Span::styled(code, style(c.step == Step::Code)),
    ]);
    f.render_widget(
        Paragraph::new(fields),
        Rect {
            y: field_y,
            height: 1,
            ..area
        },
    );
    let caret = match c.step {
        Step::Serial => Some(width(serial_label) + c.serial.len()),
        Step::Code => Some(width(serial_label) + width(&serial) + width(code_label) + c.code.len()),
        _ => None,
    };
    if let (Some(x), None) = (caret, &c.popup) {
        f.set_cursor_position((area.x + x as u16, field_y));
    }
    let body = Rect {
        y: area.y + 5,
        height: area.height - 6,
        ..area
    };
    let left_w = (body.width * 3 / 5).max(30);
    let left = Rect {
        width: left_w,
        ..body
    };
    let right = Rect {
        x: body.x + left_w + 1,
        width: body.width.saturating_sub(left_w + 1),
        ..body
    };
    marks(c, f, left);
    tally(c, f, right);
    status_bar(
        c,
        f,
        Rect {
            y: area.y + area.height - 1,
            height: 1,
            ..area
        },
    );
    if let Some(p) = &c.popup {
        popup(c, p, f, area);
    }
}

/// The agencies with the marks typed so far; the next one to mark highlighted and in view.
fn marks(c: &Count, f: &mut Frame, area: Rect) {
    let lang = c.lang;
    let s = &c.setup;
    let w = area.width as usize;
    let mut lines = Vec::new();
    let heading = match (c.step, c.spoiled) {
        (Step::Ready, true) => lang.pick(
            "废票：Enter 保存，Backspace 取消废票",
            "SPOILED: Enter saves, Backspace undoes",
        ),
        (Step::Ready, false) => lang.pick(
            "已全部评价：Enter 保存，Backspace 修改",
            "all marked: Enter saves, Backspace corrects",
        ),
        (Step::Marks, _) => lang.pick("逐个单位按键评价：", "one key per agency:"),
        _ => lang.pick(
            "先输入票面编号（Enter）和校验码",
            "type the serial (Enter), then the check code",
        ),
    };
    let heading_style = if c.spoiled {
        Style::default()
            .fg(Color::Red)
            .add_modifier(ratatui::style::Modifier::BOLD)
    } else {
        bold()
    };
    lines.push(Line::styled(fit(heading, w), heading_style));
    let visible = (area.height as usize).saturating_sub(1);
    let current = c.marks.len();
    let start = current
        .saturating_sub(visible / 2)
        .min(s.agencies.len().saturating_sub(visible));
    let mark_w = s.scale.iter().map(|l| width(l)).max().unwrap_or(4).max(6);
    let name_w = w.saturating_sub(mark_w + 5);
    for (i, a) in s.agencies.iter().enumerate().skip(start).take(visible) {
        let mark = if c.spoiled {
            "—".to_string()
        } else {
            match c.marks.get(i) {
                Some(Some(l)) => clean(&s.scale[*l]),
                Some(None) => lang.pick("空白", "blank").to_string(),
                None => String::new(),
            }
        };
        let text = format!(
            "{:>3} {} {}",
            i + 1,
            fit(&clean(a), name_w),
            fit(&mark, mark_w)
        );
        let here = c.step == Step::Marks && i == current && !c.spoiled;
        lines.push(Line::styled(
            fit(&text, w),
            if here { selected() } else { Style::default() },
        ));
    }
    f.render_widget(Paragraph::new(lines), area);
}

/// The pass's count so far and its last entries.
fn tally(c: &Count, f: &mut Frame, area: Rect) {
    let lang = c.lang;
    let w = area.width as usize;
    let (n, valid, spoiled) = c.counts();
    let mut lines = vec![
        Line::styled(
            fit(
                &tr!(
                    lang,
                    "本遍已录入 {n} / {} 张",
                    "entered {n} / {}",
                    c.setup.ballots
                ),
                w,
            ),
            bold(),
        ),
        Line::from(fit(
            &tr!(
                lang,
                "有效 {valid}，废票 {spoiled}",
                "valid {valid}, spoiled {spoiled}"
            ),
            w,
        )),
        Line::from(""),
        Line::styled(fit(lang.pick("最近录入：", "Last entered:"), w), dim()),
    ];
    let room = (area.height as usize).saturating_sub(lines.len());
    for (seq, serial, what) in c.recent(room) {
        lines.push(Line::from(fit(&format!("#{seq} {serial} {what}"), w)));
    }
    f.render_widget(Paragraph::new(lines), area);
}

fn status_bar(c: &Count, f: &mut Frame, area: Rect) {
    let lang = c.lang;
    let head = c.ballots.journal.head();
    let right = tr!(
        lang,
        "记录头 {} | ? 帮助 | q 退出",
        "record {} | ? help | q quit",
        &head[..12.min(head.len())]
    );
    let w = area.width as usize;
    let right_w = width(&right).min(w);
    let left = if c.status.is_empty() {
        String::new()
    } else {
        format!(" {} ", c.status)
    };
    let line = Line::from(vec![
        Span::styled(
            fit(&left, w - right_w),
            Style::default().fg(Color::Black).bg(Color::Green),
        ),
        Span::styled(right, Style::default().bg(Color::DarkGray).fg(Color::White)),
    ]);
    f.render_widget(Paragraph::new(line), area);
}

fn popup(c: &Count, p: &Popup, f: &mut Frame, area: Rect) {
    let lang = c.lang;
    let popup_w = 64.min(area.width - 4);
    let text_w = (popup_w - 4) as usize;
    let (title, mut lines): (String, Vec<Line>) =
        match p {
            Popup::Help => {
                let mut lines: Vec<Line> = vec![Line::from(fit(
                    lang.pick(
                        "0–9    编号、校验码、评价（Backspace 删除）",
                        "0–9    serial, code, choices (Backspace deletes)",
                    ),
                    text_w,
                ))];
                lines.extend(keymap::help(Context::Count).iter().map(|b| {
                    Line::from(format!("{}  {}", fit(b.label, 6), lang.pick(b.zh, b.en)))
                }));
                (
                    lang.pick("按键说明（任意键关闭）", "Keys (any key closes)")
                        .into(),
                    lines,
                )
            }
            Popup::Refused { title, body } => {
                let mut lines: Vec<Line> = wrap(body, text_w).into_iter().map(Line::from).collect();
                lines.push(Line::styled(
                    lang.pick("（任意键关闭）", "(any key closes)").to_string(),
                    dim(),
                ));
                (title.clone(), lines)
            }
            Popup::ConfirmQuit => (
                lang.pick("退出？", "Quit?").into(),
                wrap(
                    lang.pick(
                        "正在录入的这张票尚未保存。退出？ y / n",
                        "The ballot being typed is not saved. Quit? y / n",
                    ),
                    text_w,
                )
                .into_iter()
                .map(Line::from)
                .collect(),
            ),
        };
    let h = (lines.len() as u16 + 2).min(area.height - 2);
    lines.truncate(h.saturating_sub(2) as usize);
    let inner = boxed(f, area, popup_w, h, &title);
    f.render_widget(Paragraph::new(lines), inner);
}
