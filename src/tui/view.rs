//! Drawing: one function per screen and popup, all from `&App` (never changing it, never doing
//! I/O). Text is pre-wrapped by display width so Chinese wraps correctly, and the real cursor is
//! put at the caret of whatever field is being typed into, so an IME opens where the user types.

use super::app::{App, Popup, Purpose, Screen, Sort, Step};
use super::keymap::{self, Context};
use super::text::{big_digit, fit, rfit, truncate, width, wrap};
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
    let right = tr!(
        lang,
        "日志头 {head} | ? 帮助 | q 退出",
        "journal {head} | ? help | q quit"
    );
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

fn titled(app: &App, title: &str) -> Block<'static> {
    let _ = app;
    Block::default()
        .borders(Borders::ALL)
        .title(Span::styled(format!(" {title} "), bold()))
}

/// A digest split in groups of 8 for reading aloud.
fn grouped(hex: &str) -> String {
    hex.as_bytes()
        .chunks(8)
        .map(|c| String::from_utf8_lossy(c).into_owned())
        .collect::<Vec<_>>()
        .join(" ")
}

fn ceremony(app: &App, f: &mut Frame, area: Rect) {
    let lang = app.lang;
    // " | NAME" when the campaign has a name.
    let name = match app.campaign.name.as_deref().map(str::trim) {
        Some(n) if !n.is_empty() => format!(" | {n}"),
        _ => String::new(),
    };
    let (title, hint) = match app.step {
        Step::Overview => (
            tr!(
                lang,
                "抽样仪式{name} | 冻结数据与承诺",
                "Draw ceremony{name} | frozen data and commitment"
            ),
            lang.pick(
                "Enter 登记见证人 | z 投影模式 | j/k 滚动",
                "Enter record witnesses | z presentation | j/k scroll",
            ),
        ),
        Step::Witnesses => (
            tr!(lang, "抽样仪式 | 登记见证人", "Draw ceremony | witnesses"),
            lang.pick(
                "Enter 加入 | 空行 Enter 进入掷骰 | Esc 返回",
                "Enter add | empty Enter go on to the dice | Esc back",
            ),
        ),
        Step::Seed => (
            tr!(
                lang,
                "抽样仪式 | 掷骰录入种子",
                "Draw ceremony | the seed from the dice"
            ),
            lang.pick(
                "逐位输入 0-9 | 退格修改 | Enter 确认 | Esc 返回",
                "type each digit 0-9 | Backspace corrects | Enter confirm | Esc back",
            ),
        ),
        Step::Result => (
            tr!(lang, "抽样仪式 | 抽取结果", "Draw ceremony | the result"),
            lang.pick(
                "j/k 滚动 | E 导出 | S 作废重抽 | Tab 评查台",
                "j/k scroll | E export | S supersede | Tab review desk",
            ),
        ),
    };
    let block = titled(app, &title);
    let inner = block.inner(area);
    f.render_widget(block, area);
    let content = Rect {
        height: inner.height.saturating_sub(1),
        ..inner
    };
    let hint_area = Rect {
        y: inner.y + inner.height.saturating_sub(1),
        height: 1,
        ..inner
    };
    f.render_widget(
        Paragraph::new(Line::styled(hint.to_string(), dim())),
        hint_area,
    );
    let w = content.width as usize;
    if app.presentation {
        let big = match app.step {
            Step::Overview => app.commitment.as_ref().map(|(c, sha)| {
                (
                    tr!(
                        lang,
                        "抽样前承诺（第 {} 号）摘要",
                        "Pre-seed commitment no. {} digest",
                        c.number
                    ),
                    sha.clone(),
                )
            }),
            Step::Result => app.draw.as_ref().map(|(d, sha)| {
                (
                    tr!(
                        lang,
                        "抽取记录（第 {} 次）摘要",
                        "Draw record no. {} digest",
                        d.number
                    ),
                    sha.clone(),
                )
            }),
            _ => None,
        };
        if let Some((caption, digest)) = big {
            presentation(f, content, caption, &digest, lang);
            return;
        }
    }
    match app.step {
        Step::Overview => scrolled(app, f, content, overview_lines(app, w)),
        Step::Witnesses => witnesses(app, f, content),
        Step::Seed => seed(app, f, content),
        Step::Result => scrolled(app, f, content, result_lines(app, w)),
    }
}

fn overview_lines(app: &App, w: usize) -> Vec<Line<'static>> {
    let lang = app.lang;
    let c = &app.campaign;
    let mut out: Vec<Line> = Vec::new();
    let big = |s: String| {
        Line::styled(
            s,
            bold().fg(Color::Yellow).add_modifier(if app.presentation {
                Modifier::REVERSED
            } else {
                Modifier::empty()
            }),
        )
    };
    out.push(Line::styled(
        lang.pick("一、已冻结的案卷目录", "1. Frozen registers")
            .to_string(),
        bold(),
    ));
    for r in &c.registers {
        let name = std::path::Path::new(&r.file)
            .file_name()
            .map_or_else(|| r.file.clone(), |n| n.to_string_lossy().into_owned());
        out.push(Line::from(tr!(
            lang,
            "  {} | {} 行 | SHA-256：",
            "  {} | {} rows | SHA-256:",
            truncate(&name, w.saturating_sub(24)),
            r.rows
        )));
        out.push(Line::styled(format!("    {}", grouped(&r.sha256)), dim()));
    }
    out.push(Line::styled(
        tr!(
            lang,
            "二、总体 {} 件，{} 层（按 {}），SHA-256：",
            "2. Population: {} cases in {} strata (by {}), SHA-256:",
            c.population.size,
            c.population.strata.len(),
            c.population
                .stratum_fields
                .iter()
                .map(|f| if f == "agency" {
                    lang.pick("执法机关", "agency")
                } else {
                    f.as_str()
                })
                .collect::<Vec<_>>()
                .join(" + ")
        ),
        bold(),
    ));
    out.push(Line::styled(
        format!("    {}", grouped(&c.population.sha256)),
        dim(),
    ));
    match &app.commitment {
        None => out.push(Line::styled(
            lang.pick(
                "三、尚无抽样前承诺：请先运行 anjuan commit",
                "3. No pre-seed commitment yet: run anjuan commit",
            )
            .to_string(),
            bold().fg(Color::Red),
        )),
        Some((cm, sha)) => {
            out.push(Line::styled(
                tr!(
                    lang,
                    "三、抽样前承诺（第 {} 号）摘要 - 掷骰前宣读：",
                    "3. Pre-seed commitment no. {} - read out before any die is rolled:",
                    cm.number
                ),
                bold(),
            ));
            out.push(big(format!("    {}", grouped(sha))));
            let n: u64 = cm.allocation.iter().map(|a| a.allocated).sum();
            out.push(Line::from(tr!(
                lang,
                "    样本 {n} 件，每层备选 {} 件",
                "    sample of {n}, {} alternates per stratum",
                cm.alternates
            )));
            let cols = w.saturating_sub(4 + 3 * 8).max(10);
            out.push(Line::styled(
                format!(
                    "    {}{}{}{}",
                    fit(lang.pick("分层", "stratum"), cols),
                    rfit(lang.pick("案卷数", "cases"), 8),
                    rfit(lang.pick("抽取", "drawn"), 8),
                    rfit(lang.pick("备选", "alt."), 8),
                ),
                dim(),
            ));
            for a in &cm.allocation {
                out.push(Line::from(format!(
                    "    {}{:>8}{:>8}{:>8}",
                    fit(&a.stratum.join(" / "), cols),
                    a.size,
                    a.allocated,
                    a.alternates
                )));
            }
        }
    }
    out
}

fn witnesses(app: &App, f: &mut Frame, area: Rect) {
    let lang = app.lang;
    let cols = area.width as usize;
    let intro = lang.pick(
        "请在掷骰前登记在场见证人，每行一人，写作“姓名/单位”。",
        "Record the witnesses present before any die is rolled, one per line, as NAME/UNIT.",
    );
    let mut lines: Vec<Line> = wrap(intro, cols)
        .into_iter()
        .map(|l| Line::styled(l, bold()))
        .collect();
    if let Some(reason) = &app.supersede {
        let note = tr!(
            lang,
            "本次为重抽，作废理由：{reason}",
            "This redraw supersedes the last draw; reason: {reason}"
        );
        lines.extend(
            wrap(&note, cols)
                .into_iter()
                .map(|l| Line::styled(l, Style::default().fg(Color::Red))),
        );
    }
    for (i, w) in app.witnesses.iter().enumerate() {
        lines.push(Line::from(format!("  {}. {} / {}", i + 1, w.name, w.unit)));
    }
    let prompt = lang.pick("姓名/单位：", "NAME/UNIT: ");
    let y = area.y + lines.len() as u16 + 1;
    f.render_widget(Paragraph::new(lines), area);
    if y < area.y + area.height {
        let field_w = (area.width as usize).saturating_sub(width(prompt) + 1);
        let (shown, caret) = app.witness_input.view(field_w);
        let row = Rect {
            y,
            height: 1,
            ..area
        };
        f.render_widget(
            Paragraph::new(Line::from(vec![
                Span::styled(prompt.to_string(), bold()),
                Span::styled(
                    fit(&shown, field_w),
                    Style::default().add_modifier(Modifier::UNDERLINED),
                ),
            ])),
            row,
        );
        if app.popup.is_none() {
            f.set_cursor_position((area.x + (width(prompt) + caret) as u16, y));
        }
    }
}

fn seed(app: &App, f: &mut Frame, area: Rect) {
    let lang = app.lang;
    let n = app.seed.len();
    let ready = n >= MIN_SEED_DIGITS;
    let mut lines = vec![
        Line::styled(
            lang.pick(
                "每掷一次骰子，输入一位数字（0-9）。确认前可以退格修改；确认前不计算、不显示任何随机结果。",
                "Enter one digit (0-9) per roll of the die. Backspace corrects before confirmation; nothing random is computed or shown before it.",
            )
            .to_string(),
            Style::default(),
        ),
        Line::styled(
            tr!(
                lang,
                "已输入 {n} 位 / 至少 {MIN_SEED_DIGITS} 位{}",
                "{n} digits entered / at least {MIN_SEED_DIGITS}{}",
                if ready { lang.pick("  - 可按 Enter 确认", "  - press Enter to confirm") } else { "" }
            ),
            bold().fg(if ready { Color::Green } else { Color::Yellow }),
        ),
    ];
    // Wrap the first line by width (it is long).
    let first = lines.remove(0);
    let mut wrapped: Vec<Line> = wrap(&first.to_string(), area.width as usize)
        .into_iter()
        .map(Line::from)
        .collect();
    wrapped.append(&mut lines);
    let top = wrapped.len() as u16 + 1;
    f.render_widget(Paragraph::new(wrapped), area);
    let paint = if app.presentation {
        Color::Yellow
    } else {
        Color::White
    };
    paint_big(f, area, top, &app.seed, paint);
}

/// Paint `text` (hex digits; a space leaves a gap) in 3x5 glyphs from row `top` of `area`,
/// wrapping at the area's width. Returns the rows used.
fn paint_big(f: &mut Frame, area: Rect, top: u16, text: &str, paint: Color) -> u16 {
    let per_row = ((area.width as usize) / 4).max(1);
    let buf = f.buffer_mut();
    let mut rows = 0;
    for (k, d) in text.chars().enumerate() {
        let (row, col) = (k / per_row, k % per_row);
        rows = row as u16 + 1;
        let x0 = area.x + (col * 4) as u16;
        let y0 = area.y + top + (row * 6) as u16;
        for (r, cells) in big_digit(d).iter().enumerate() {
            for (c, on) in cells.iter().enumerate() {
                let (x, y) = (x0 + c as u16, y0 + r as u16);
                if *on && x < area.x + area.width && y < area.y + area.height {
                    buf[(x, y)].set_symbol(" ").set_bg(paint);
                }
            }
        }
    }
    rows * 6
}

/// Presentation mode: a digest in glyphs large enough to read from the back of the room,
/// in groups of 8 as it is read out.
fn presentation(f: &mut Frame, area: Rect, caption: String, digest: &str, lang: Lang) {
    let per_row = (area.width as usize / 4).max(9);
    let groups = (per_row + 1) / 9;
    let rows_needed = 8_usize.div_ceil(groups.max(1)) as u16 * 6;
    if groups == 0 || rows_needed + 2 > area.height {
        // Not enough room for large glyphs: say so rather than show part of the digest.
        let lines = vec![
            Line::styled(caption, bold()),
            Line::styled(format!("    {}", grouped(digest)), bold().fg(Color::Yellow)),
            Line::from(String::new()),
            Line::styled(
                lang.pick(
                    "窗口太小，放不下大字摘要：请放大窗口或调小字号。",
                    "The window is too small for the large digest: enlarge it or use a smaller font.",
                )
                .to_string(),
                dim(),
            ),
        ];
        f.render_widget(Paragraph::new(lines), area);
        return;
    }
    f.render_widget(Paragraph::new(Line::styled(caption, bold())), area);
    let mut text = String::new();
    for (i, chunk) in digest.as_bytes().chunks(8).enumerate() {
        if i > 0 && i % groups == 0 {
            // Pad to the end of the row so each row starts with a whole group.
            let used = text.chars().count() % per_row;
            if used > 0 {
                text.push_str(&" ".repeat(per_row - used));
            }
        } else if i > 0 {
            text.push(' ');
        }
        text.push_str(&String::from_utf8_lossy(chunk));
    }
    paint_big(f, area, 2, &text, Color::Yellow);
}

fn result_lines(app: &App, w: usize) -> Vec<Line<'static>> {
    let lang = app.lang;
    let Some((d, sha)) = &app.draw else {
        return vec![Line::from(
            lang.pick("尚未抽取。", "Not drawn yet.").to_string(),
        )];
    };
    let mut out = vec![
        Line::styled(
            tr!(
                lang,
                "抽取记录（第 {} 次）摘要：",
                "Draw record no. {} digest:",
                d.number
            ),
            bold(),
        ),
        Line::styled(format!("    {}", grouped(sha)), bold().fg(Color::Yellow)),
        Line::from(tr!(
            lang,
            "种子 {} | 抽取时间 {}",
            "seed {} | drawn at {}",
            d.seed,
            d.drawn_at
        )),
        Line::from(tr!(
            lang,
            "见证人：{}",
            "witnesses: {}",
            d.witnesses
                .iter()
                .map(|w| format!("{}/{}", w.name, w.unit))
                .collect::<Vec<_>>()
                .join("、")
        )),
    ];
    if let Some(s) = &d.supersedes {
        out.push(Line::styled(
            tr!(
                lang,
                "作废第 {} 次抽取，理由：{}",
                "supersedes draw {}, reason: {}",
                s.number,
                s.reason
            ),
            Style::default().fg(Color::Red),
        ));
    }
    let mut stratum: Option<&Vec<String>> = None;
    let id_w = 24.min(w / 2);
    let mut rows: Vec<&crate::register::population::Selected> = d.selected.iter().collect();
    rows.sort_by(|a, b| {
        (&a.stratum, a.role == Role::Alternate, a.rank).cmp(&(
            &b.stratum,
            b.role == Role::Alternate,
            b.rank,
        ))
    });
    for s in rows {
        if stratum != Some(&s.stratum) {
            stratum = Some(&s.stratum);
            out.push(Line::styled(s.stratum.join(" / "), bold()));
        }
        let role = match s.role {
            Role::Sample => lang.pick("样本", "sample"),
            Role::Alternate => lang.pick("备选", "alt."),
        };
        let ticket_w = w.saturating_sub(4 + 8 + 4 + id_w + 2).max(8);
        let line = format!(
            "  {} {:>3}  {}  {}",
            fit(role, 6),
            s.rank,
            fit(&s.case_id, id_w),
            truncate(crate::draw::ticket::display(&s.ticket), ticket_w)
        );
        out.push(if s.role == Role::Alternate {
            Line::styled(line, dim())
        } else {
            Line::from(line)
        });
    }
    out.push(Line::from(String::new()));
    out.push(Line::styled(
        tr!(
            lang,
            "任何人可复核：anjuan verify {}（票号全文见 draws/{:04}.json）",
            "Anyone can check it: anjuan verify {} (full tickets in draws/{:04}.json)",
            app.dir
                .file_name()
                .map_or_else(String::new, |n| n.to_string_lossy().into_owned()),
            d.number
        ),
        dim(),
    ));
    let name = app
        .dir
        .file_name()
        .map_or_else(String::new, |n| n.to_string_lossy().into_owned());
    out.push(Line::styled(
        tr!(
            lang,
            "打印抽样记录表（供组织人、见证人签字）：按 E 导出到 {name}/导出，或 anjuan export {name} --out {name}/导出",
            "Print the witness sheet (for the organiser and witnesses to sign): press E to export into {name}/export, or anjuan export {name} --out {name}/export"
        ),
        bold(),
    ));
    out
}

fn desk(app: &App, f: &mut Frame, area: Rect) {
    let lang = app.lang;
    let Some(r) = &app.review else {
        let block = titled(app, lang.pick("评查台", "Review desk"));
        let inner = block.inner(area);
        f.render_widget(block, area);
        f.render_widget(
            Paragraph::new(lang.pick(
                "尚未抽取：请先完成抽样仪式（Tab）。",
                "Nothing drawn yet: hold the ceremony first (Tab).",
            )),
            inner,
        );
        return;
    };
    let rows = app.desk_rows();
    let done = rows
        .iter()
        .filter(|&&i| matches!(r.states[i].status, Status::Finalized { .. }))
        .count();
    let sort = match app.sort {
        Sort::Drawn => lang.pick("抽取顺序", "drawn order"),
        Sort::Status => lang.pick("状态", "status"),
        Sort::Agency => lang.pick("执法机关", "agency"),
        Sort::Score => lang.pick("得分", "score"),
    };
    let who = if app.reviewer.is_empty() {
        lang.pick("（未填写）", "(not set)").to_string()
    } else {
        app.reviewer.clone()
    };
    let title = tr!(
        lang,
        "评查台 | 评查人 {who} | {} 份，已完成 {done} | 排序：{sort}",
        "Review desk | reviewer {who} | {} files, {done} finalized | sort: {sort}",
        rows.len()
    );
    let block = titled(app, &title);
    let inner = block.inner(area);
    f.render_widget(block, area);
    let w = inner.width as usize;
    let sw = [Status::NotStarted, Status::InProgress]
        .iter()
        .map(|s| width(s.label(lang)))
        .max()
        .unwrap_or(8)
        .max(width(lang.pick("已完成", "finalized")))
        + 1;
    let (pw, gw) = (6, 10);
    // Six columns, five separators; the case id gets room first (ids differ only at the end).
    let rest = w.saturating_sub(sw + pw + gw + 5);
    let idw = 22.min(rest * 6 / 10);
    let agw = (rest - idw) / 2;
    let tyw = rest - idw - agw;
    let mut lines = Vec::new();
    if !app.filter.is_empty() {
        lines.push(Line::styled(
            tr!(
                lang,
                "筛选：{}（Esc 清除）",
                "filter: {} (Esc clears)",
                app.filter
            ),
            Style::default().fg(Color::Cyan),
        ));
    }
    lines.push(Line::styled(
        format!(
            "{} {} {} {} {} {}",
            fit(lang.pick("案号", "case id"), idw),
            fit(lang.pick("执法机关", "agency"), agw),
            fit(lang.pick("案件类型", "case type"), tyw),
            fit(lang.pick("状态", "status"), sw),
            fit(lang.pick("得分", "score"), pw),
            fit(lang.pick("等次", "grade"), gw)
        ),
        dim(),
    ));
    let header = lines.len();
    let visible = (inner.height as usize).saturating_sub(header);
    let sel = app.desk_sel.min(rows.len().saturating_sub(1));
    let start = sel.saturating_sub(visible.saturating_sub(1));
    for (k, &i) in rows.iter().enumerate().skip(start).take(visible) {
        let f_ = &r.files[i];
        let st = &r.states[i];
        let (score, grade) = match (r.checklist_of(i), &st.status) {
            (Some(c), s) if *s != Status::NotStarted => {
                let s = st.score(c);
                (
                    s.points.to_string(),
                    lang.pick(&s.grade, &s.grade_en).to_string(),
                )
            }
            _ => (String::new(), String::new()),
        };
        let mut id = f_.id().to_string();
        if f_.selected.role == Role::Alternate {
            id += lang.pick("（备选）", " (alt.)");
        }
        let text = format!(
            "{} {} {} {} {} {}",
            fit(&id, idw),
            fit(&f_.agency(), agw),
            fit(f_.case_type(), tyw),
            fit(st.status.label(lang), sw),
            fit(&score, pw),
            fit(&grade, gw)
        );
        app.hits
            .borrow_mut()
            .rows
            .push((inner.y + lines.len() as u16, k));
        lines.push(if k == sel {
            Line::styled(text, selected())
        } else {
            Line::from(text)
        });
    }
    if rows.is_empty() {
        lines.push(Line::from(
            lang.pick("没有符合筛选条件的案卷。", "No file matches the filter.")
                .to_string(),
        ));
    }
    f.render_widget(Paragraph::new(lines), inner);
}

fn file(app: &App, f: &mut Frame, area: Rect) {
    let lang = app.lang;
    let Some(r) = &app.review else { return };
    let Some(c) = r.checklist_of(app.file) else {
        return;
    };
    let cf = &r.files[app.file];
    let st = &r.states[app.file];
    let s = st.score(c);
    let title = tr!(lang, "案卷 {} | {}", "File {} | {}", cf.id(), cf.agency());
    let block = titled(app, &title);
    let inner = block.inner(area);
    f.render_widget(block, area);
    let w = inner.width as usize;
    let provisional = if s.complete() {
        ""
    } else {
        lang.pick("（暂定）", " (provisional)")
    };
    let mut head = vec![
        Line::from(truncate(
            &tr!(
                lang,
                "{} | {} | 评查标准 {} {}",
                "{} | {} | checklist {} {}",
                cf.case_type(),
                cf.details.as_ref().map_or("", |d| d.title.as_str()),
                c.id,
                c.version
            ),
            w,
        )),
        Line::styled(
            truncate(
                &tr!(
                    lang,
                    "{} | 已评 {}/{} | 得分 {}/{} | 等次 {}{provisional}",
                    "{} | decided {}/{} | score {}/{} | grade {}{provisional}",
                    st.status.label(lang),
                    s.decided,
                    s.items,
                    s.points,
                    s.total,
                    lang.pick(&s.grade, &s.grade_en)
                ),
                w,
            ),
            bold().fg(if s.vetoes.is_empty() {
                Color::Green
            } else {
                Color::Red
            }),
        ),
    ];
    let list_area = Rect {
        y: inner.y + 2,
        height: inner.height.saturating_sub(2),
        ..inner
    };
    f.render_widget(
        Paragraph::new(std::mem::take(&mut head)),
        Rect { height: 2, ..inner },
    );
    // Build every line with the item it belongs to, then scroll so the selected item shows.
    let dec_w = 12;
    let pts_w = 5;
    // "ID__ [decision]__ pts__ " then the text: the lead is this wide.
    let lead_w = 4 + 1 + dec_w + 1 + pts_w;
    let text_w = w.saturating_sub(lead_w + 1).max(10);
    let mut lines: Vec<(Option<usize>, Line<'static>)> = Vec::new();
    let mut section = usize::MAX;
    for (k, (it, d)) in c.items.iter().zip(&st.decisions).enumerate() {
        if it.section != section {
            section = it.section;
            let sec = &c.sections[section];
            lines.push((
                None,
                Line::styled(
                    truncate(
                        &format!("{} {}", sec.id, lang.pick(&sec.title, &sec.title_en)),
                        w,
                    ),
                    bold().fg(Color::Cyan),
                ),
            ));
        }
        let decided = d
            .as_ref()
            .map_or_else(|| lang.pick("未评", "-").to_string(), |d| d.short(lang));
        let mut text = lang.pick(&it.text, &it.text_en).to_string();
        if it.veto {
            text += lang.pick("［否决项］", " [veto]");
        }
        let wrapped = wrap(&text, text_w);
        let style = if k == app.item {
            selected()
        } else {
            Style::default()
        };
        for (n, part) in wrapped.into_iter().enumerate() {
            let lead = if n == 0 {
                format!(
                    "{} {} {}",
                    fit(&it.id, 4),
                    fit(&format!("[{decided}]"), dec_w),
                    fit(&it.max_points.to_string(), pts_w)
                )
            } else {
                " ".repeat(lead_w)
            };
            lines.push((Some(k), Line::styled(format!("{lead} {part}"), style)));
        }
        if let Some(d) = d {
            for (label, value) in [
                (lang.pick("问题描述：", "finding: "), &d.finding),
                (lang.pick("卷内页码：", "evidence: "), &d.evidence),
            ] {
                if let Some(v) = value {
                    for part in wrap(&format!("{label}{v}"), text_w) {
                        lines.push((
                            Some(k),
                            Line::styled(format!("{} {part}", " ".repeat(lead_w)), dim()),
                        ));
                    }
                }
            }
        }
    }
    let visible = list_area.height as usize;
    let first = lines
        .iter()
        .position(|(i, _)| *i == Some(app.item))
        .unwrap_or(0);
    let last = lines
        .iter()
        .rposition(|(i, _)| *i == Some(app.item))
        .unwrap_or(0);
    let mut top = app.scroll.get().min(lines.len().saturating_sub(visible));
    if first < top {
        top = first.saturating_sub(1);
    }
    if last >= top + visible {
        top = (last + 1).saturating_sub(visible);
    }
    // Do not start the view in the middle of another item: skip to its end.
    while top > 0 && top < first && lines[top].0.is_some() && lines[top].0 == lines[top - 1].0 {
        top += 1;
    }
    app.scroll.set(top);
    let mut shown = Vec::new();
    for (row, (item, line)) in lines.into_iter().skip(top).take(visible).enumerate() {
        if let Some(k) = item {
            app.hits
                .borrow_mut()
                .rows
                .push((list_area.y + row as u16, k));
        }
        shown.push(line);
    }
    f.render_widget(Paragraph::new(shown), list_area);
}

fn centered(area: Rect, w: u16, h: u16) -> Rect {
    let w = w.min(area.width.saturating_sub(2));
    let h = h.min(area.height.saturating_sub(2));
    Rect {
        x: area.x + (area.width - w) / 2,
        y: area.y + (area.height - h) / 2,
        width: w,
        height: h,
    }
}

fn popup(app: &App, p: &Popup, f: &mut Frame, area: Rect) {
    let lang = app.lang;
    let width = 72.min(area.width - 4);
    let text_w = (width - 4) as usize;
    let (title, mut lines, input): (String, Vec<Line>, Option<(&str, &super::editor::Editor)>) =
        match p {
            Popup::Help(ctx) => {
                let rows = keymap::help(*ctx);
                let lines = rows
                    .iter()
                    .map(|b| Line::from(format!("{}  {}", fit(b.label, 8), lang.pick(b.zh, b.en))))
                    .collect();
                (
                    lang.pick("按键说明（任意键关闭）", "Keys (any key closes)")
                        .into(),
                    lines,
                    None,
                )
            }
            Popup::Message { title, body } => {
                let mut lines: Vec<Line> = wrap(body, text_w).into_iter().map(Line::from).collect();
                lines.push(Line::styled(
                    lang.pick("（任意键关闭）", "(any key closes)").to_string(),
                    dim(),
                ));
                (title.clone(), lines, None)
            }
            Popup::ConfirmSeed => {
                let body = tr!(
                lang,
                "种子 {}（{} 位）。确认后立即抽取，种子不能再改；抽取结果会写入记录并留在工作区。确认？ y / n",
                "Seed {} ({} digits). On confirmation the draw is made at once and the seed cannot change; the result is recorded in the workspace. Confirm? y / n",
                app.seed,
                app.seed.len()
            );
                (
                    lang.pick("确认种子", "Confirm the seed").into(),
                    wrap(&body, text_w).into_iter().map(Line::from).collect(),
                    None,
                )
            }
            Popup::ConfirmFinalize => {
                let body = match app
                    .review
                    .as_ref()
                    .and_then(|r| r.checklist_of(app.file).map(|c| (r, c)))
                {
                    Some((r, c)) => {
                        let s = r.states[app.file].score(c);
                        tr!(
                        lang,
                        "定稿后不能再修改，除非说明理由退回。得分 {}，等次 {}。确认定稿？ y / n",
                        "After finalizing, changes need a reopen with a reason. Score {}, grade {}. Finalize? y / n",
                        s.points,
                        lang.pick(&s.grade, &s.grade_en)
                    )
                    }
                    None => String::new(),
                };
                (
                    lang.pick("确认定稿", "Finalize").into(),
                    wrap(&body, text_w).into_iter().map(Line::from).collect(),
                    None,
                )
            }
            Popup::ConfirmQuit => (
                lang.pick("退出？", "Quit?").into(),
                vec![Line::from(
                    lang.pick(
                        "正在输入的内容尚未保存，确认退出？ y / n",
                        "What is being typed is not saved. Quit anyway? y / n",
                    )
                    .to_string(),
                )],
                None,
            ),
            Popup::Input { purpose, editor } => {
                let item = |k: usize| {
                    app.review
                        .as_ref()
                        .and_then(|r| r.checklist_of(app.file))
                        .and_then(|c| c.items.get(k))
                };
                let (title, mut lines, label) = match purpose {
                    Purpose::Deduct { item: k, points } => {
                        let it = item(*k);
                        let (id, step, max) = it
                            .map_or((String::new(), String::new(), String::new()), |i| {
                                (i.id.clone(), i.step.to_string(), i.max_points.to_string())
                            });
                        let rule = it.map_or(String::new(), |i| i.deduction.clone());
                        let mut l: Vec<Line> = vec![Line::styled(
                            tr!(
                                lang,
                                "扣 {points} 分（上/下方向键 每次 {step} 分，最多 {max} 分）",
                                "deduct {points} (Up/Down by {step}, at most {max})"
                            ),
                            bold().fg(Color::Yellow),
                        )];
                        l.extend(
                            wrap(&tr!(lang, "扣分标准：{rule}", "rule: {rule}"), text_w)
                                .into_iter()
                                .map(|s| Line::styled(s, dim())),
                        );
                        (
                            tr!(lang, "扣分 {id}", "Deduct {id}"),
                            l,
                            lang.pick("问题描述：", "Finding: "),
                        )
                    }
                    Purpose::Veto { item: k } => (
                        tr!(
                            lang,
                            "否决 {}",
                            "Veto {}",
                            item(*k).map_or("", |i| i.id.as_str())
                        ),
                        vec![Line::styled(
                            lang.pick("否决后本卷等次为不合格。", "A veto fails the file.")
                                .to_string(),
                            Style::default().fg(Color::Red),
                        )],
                        lang.pick("问题描述：", "Finding: "),
                    ),
                    Purpose::Finding { item: k } => (
                        tr!(
                            lang,
                            "修改问题描述 {}",
                            "Edit the finding of {}",
                            item(*k).map_or("", |i| i.id.as_str())
                        ),
                        vec![],
                        lang.pick("问题描述：", "Finding: "),
                    ),
                    Purpose::Reopen => (
                        lang.pick("退回已定稿案卷", "Reopen a finalized file")
                            .into(),
                        vec![],
                        lang.pick("退回理由：", "Reason: "),
                    ),
                    Purpose::Supersede => (
                        lang.pick("作废并重抽", "Supersede and redraw").into(),
                        wrap(
                            lang.pick(
                                "上一次抽取会保留在记录中，并注明本次理由。",
                                "The previous draw stays on record with this reason.",
                            ),
                            text_w,
                        )
                        .into_iter()
                        .map(Line::from)
                        .collect(),
                        lang.pick("作废理由：", "Reason: "),
                    ),
                    Purpose::Reviewer => (
                        lang.pick("评查人", "Reviewer").into(),
                        vec![],
                        lang.pick("评查人姓名：", "Your name: "),
                    ),
                    Purpose::Filter => (
                        lang.pick("筛选", "Filter").into(),
                        vec![],
                        lang.pick("包含：", "Contains: "),
                    ),
                };
                if !lines.is_empty() {
                    lines.push(Line::from(String::new()));
                }
                (title, lines, Some((label, editor)))
            }
        };
    if input.is_some() {
        // The field's row (drawn over below), then the hint.
        lines.push(Line::from(String::new()));
        lines.push(Line::styled(
            lang.pick("Enter 保存 | Esc 取消", "Enter save | Esc cancel")
                .to_string(),
            dim(),
        ));
    }
    let height = (lines.len() as u16 + 2).min(area.height - 2);
    let rect = centered(area, width, height);
    // A wide character cut by the popup's left edge would glue onto its border: blank it.
    if rect.x > area.x {
        let buf = f.buffer_mut();
        for y in rect.y..rect.y + rect.height {
            let cell = &mut buf[(rect.x - 1, y)];
            if super::text::width(cell.symbol()) > 1 {
                cell.set_symbol(" ");
            }
        }
    }
    f.render_widget(Clear, rect);
    let block = titled(app, &title);
    let inner = block.inner(rect);
    f.render_widget(block, rect);
    f.render_widget(Paragraph::new(lines.clone()), inner);
    if let Some((label, editor)) = input {
        let y = inner.y + lines.len().saturating_sub(2) as u16;
        let field_w = (inner.width as usize).saturating_sub(super::text::width(label) + 1);
        let (shown, caret) = editor.view(field_w);
        f.render_widget(
            Paragraph::new(Line::from(vec![
                Span::styled(label.to_string(), bold()),
                Span::styled(
                    fit(&shown, field_w),
                    Style::default().add_modifier(Modifier::UNDERLINED),
                ),
            ])),
            Rect {
                y,
                height: 1,
                ..inner
            },
        );
        f.set_cursor_position((inner.x + (super::text::width(label) + caret) as u16, y));
    }
}

/// For tests and benchmarks: the keys of a context as the help screen lists them.
pub fn help_labels(ctx: Context, lang: Lang) -> Vec<String> {
    keymap::help(ctx)
        .iter()
        .map(|b| format!("{} {}", b.label, lang.pick(b.zh, b.en)))
        .collect()
}
