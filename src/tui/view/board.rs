//! The 整改 board: every agency's items counted by state (overdue in red), one agency's items,
//! one item in full, and the form of a step drawn over them. 逾期 is computed for today on
//! every frame.

use super::popup::boxed;
use super::*;
use crate::rectification::item::{date_text, today, Item, Status};
use crate::tui::board::{self as state, Board, Form, Level, Value};

pub(super) fn board(app: &App, f: &mut Frame, area: Rect) {
    let Some(b) = &app.board else { return };
    let day = today();
    match b.level {
        Level::Agencies => agencies(app, b, f, area, day),
        Level::Items => items(app, b, f, area, day),
        Level::Detail => detail(app, b, f, area, day),
    }
    if let Some(form) = &b.form {
        draw_form(app, b, form, f, area);
    }
}

fn overdue_style() -> Style {
    bold().fg(Color::Red)
}

/// A bordered screen with a line of keys at its bottom; returns the space above that line.
fn framed(f: &mut Frame, area: Rect, title: &str, hint: &str) -> Rect {
    let block = titled(title);
    let inner = block.inner(area);
    f.render_widget(block, area);
    let hint_area = Rect {
        y: inner.y + inner.height.saturating_sub(1),
        height: inner.height.min(1),
        ..inner
    };
    f.render_widget(
        Paragraph::new(Line::styled(truncate(hint, inner.width as usize), dim())),
        hint_area,
    );
    Rect {
        height: inner.height.saturating_sub(1),
        ..inner
    }
}

/// The first row of a list `len` long to show in `visible` rows so `sel` shows.
fn window(sel: usize, visible: usize) -> usize {
    sel.saturating_sub(visible.saturating_sub(1))
}

fn agencies(app: &App, b: &Board, f: &mut Frame, area: Rect, day: chrono::NaiveDate) {
    let lang = app.lang;
    let tallies = state::tallies(&b.rect, day);
    let all = state::sum(&tallies, lang.pick("合计", "total"));
    let title = tr!(
        lang,
        "整改台 | {} 个单位 {} 项 | 已销号 {} | 逾期 {}（按 {} 计）",
        "Rectification: {} agencies, {} items, {} closed, {} overdue on {}",
        tallies.len(),
        all.total,
        all.closed,
        all.overdue,
        date_text(day)
    );
    let hint = lang.pick(
        "Enter 查看该单位的整改事项 | j/k 选择 | Esc 返回评查台 | ? 帮助",
        "Enter the agency's items | j/k select | Esc back to the desk | ? help",
    );
    let area = framed(f, area, &title, hint);
    let w = area.width as usize;
    // The state columns, in the order of the loop, then overdue, total and the rate.
    let heads = [
        lang.pick("待整改", "open"),
        lang.pick("整改中", "in prog."),
        lang.pick("已整改", "submitted"),
        lang.pick("退回", "returned"),
        lang.pick("已销号", "closed"),
        lang.pick("逾期", "overdue"),
        lang.pick("合计", "total"),
        lang.pick("销号率", "rate"),
    ];
    let widths: Vec<usize> = heads.iter().map(|h| width(h).max(5)).collect();
    let numbers_w: usize = widths.iter().map(|c| c + 1).sum();
    let agency_w = w.saturating_sub(numbers_w);
    let row = |t: &state::Tally| -> Vec<Span<'static>> {
        let values = [
            t.open.to_string(),
            t.in_progress.to_string(),
            t.submitted.to_string(),
            t.returned.to_string(),
            t.closed.to_string(),
            t.overdue.to_string(),
            t.total.to_string(),
            t.rate(),
        ];
        let mut spans = vec![Span::raw(fit(&t.agency, agency_w))];
        for (k, (v, cw)) in values.iter().zip(&widths).enumerate() {
            let cell = format!(" {}", rfit(v, *cw));
            spans.push(if k == 5 && t.overdue > 0 {
                Span::styled(cell, overdue_style())
            } else {
                Span::raw(cell)
            });
        }
        spans
    };
    let mut header = fit(lang.pick("执法机关", "agency"), agency_w);
    for (h, cw) in heads.iter().zip(&widths) {
        header.push(' ');
        header.push_str(&rfit(h, *cw));
    }
    let mut lines = vec![Line::styled(header, dim())];
    // The header, the rows, the total.
    let visible = (area.height as usize).saturating_sub(2);
    let sel = b.agency.min(tallies.len().saturating_sub(1));
    let start = window(sel, visible);
    for (k, t) in tallies.iter().enumerate().skip(start).take(visible) {
        app.hits
            .borrow_mut()
            .rows
            .push((area.y + lines.len() as u16, k));
        let line = Line::from(row(t));
        lines.push(if k == sel {
            line.style(selected())
        } else {
            line
        });
    }
    if all.total == 0 && lines.len() < area.height as usize {
        lines.push(Line::styled(
            lang.pick(
                "还没有整改事项：案卷定稿后，其中扣分或否决的条目成为整改事项。",
                "No rectification items yet: the deducted and vetoed items of finalized files become items.",
            )
            .to_string(),
            dim(),
        ));
    }
    if (lines.len() as u16) < area.height {
        lines.push(Line::from(row(&all)).style(bold()));
    }
    f.render_widget(Paragraph::new(lines), area);
}

/// The short form of a status for a column (the full label is on the item's page).
fn short(s: Status, lang: Lang) -> &'static str {
    match s {
        Status::Submitted => lang.pick("申请销号", "submitted"),
        s => s.label(lang),
    }
}

/// The marks after an item in the list: 逾期 (or 撤销 for a withdrawn item), 已移送.
fn marks(it: &Item, day: chrono::NaiveDate, lang: Lang) -> Vec<Span<'static>> {
    let mut out = Vec::new();
    if it.overdue(day) {
        out.push(Span::styled(
            lang.pick("逾期", "OVERDUE").to_string(),
            overdue_style(),
        ));
    } else if it.withdrawn() {
        out.push(Span::styled(
            lang.pick("撤销", "withdrawn").to_string(),
            dim(),
        ));
    }
    if it.referral.is_some() {
        if !out.is_empty() {
            out.push(Span::raw(" "));
        }
        out.push(Span::styled(
            lang.pick("已移送", "referred").to_string(),
            bold().fg(Color::Yellow),
        ));
    }
    out
}

fn steps_hint(lang: Lang) -> &'static str {
    lang.pick(
        "p 方案 | r 报告 | c 销号 | t 退回 | f 移送",
        "p plan | r report | c close | t return | f refer",
    )
}

fn items(app: &App, b: &Board, f: &mut Frame, area: Rect, day: chrono::NaiveDate) {
    let lang = app.lang;
    let agency = b.agency_name().unwrap_or_default();
    let list = b.items();
    let closed = list.iter().filter(|i| i.status == Status::Closed).count();
    let overdue = list.iter().filter(|i| i.overdue(day)).count();
    let title = tr!(
        lang,
        "整改台 | {agency} | {} 项，已销号 {closed}，逾期 {overdue}",
        "Rectification board | {agency} | {} items, {closed} closed, {overdue} overdue",
        list.len()
    );
    let hint = tr!(
        lang,
        "Enter 详情 | {} | Esc 返回",
        "Enter details | {} | Esc back",
        steps_hint(lang)
    );
    let area = framed(f, area, &title, &hint);
    let w = area.width as usize;
    let id_w = 5;
    let status_w = Status::ALL
        .iter()
        .map(|s| width(short(*s, lang)))
        .max()
        .unwrap_or(8);
    let deadline_w = 10;
    let marks_w = width(lang.pick("逾期 已移送", "withdrawn referred"));
    // Six columns, five separators; the rest is shared by the case id and the item.
    let rest = w.saturating_sub(id_w + status_w + deadline_w + marks_w + 5);
    let case_w = 20.min(rest / 2);
    let item_w = rest - case_w;
    let mut lines = vec![Line::styled(
        format!(
            "{} {} {} {} {} {}",
            fit(lang.pick("编号", "id"), id_w),
            fit(lang.pick("状态", "status"), status_w),
            fit(lang.pick("案号", "case"), case_w),
            fit(lang.pick("检查项", "item"), item_w),
            fit(lang.pick("整改时限", "deadline"), deadline_w),
            fit(lang.pick("标记", "marks"), marks_w)
        ),
        dim(),
    )];
    let visible = (area.height as usize).saturating_sub(1);
    let sel = b.item.min(list.len().saturating_sub(1));
    let start = window(sel, visible);
    for (k, it) in list.iter().enumerate().skip(start).take(visible) {
        let deadline = it.deadline.as_deref().unwrap_or(lang.pick("未定", "none"));
        let mut spans = vec![Span::raw(format!(
            "{} {} {} {} {} ",
            fit(&it.id, id_w),
            fit(short(it.status, lang), status_w),
            fit(&it.case_id, case_w),
            fit(&it.item_label(), item_w),
            fit(deadline, deadline_w)
        ))];
        spans.extend(marks(it, day, lang));
        app.hits
            .borrow_mut()
            .rows
            .push((area.y + lines.len() as u16, k));
        let line = Line::from(spans);
        lines.push(if k == sel {
            line.style(selected())
        } else {
            line
        });
    }
    if list.is_empty() {
        lines.push(Line::from(
            lang.pick("该单位没有整改事项。", "This agency has no items.")
                .to_string(),
        ));
    }
    f.render_widget(Paragraph::new(lines), area);
}

/// `label：value`, wrapped to `w` (continuation lines indented by two columns).
fn field(lines: &mut Vec<Line<'static>>, label: &str, value: &str, w: usize, style: Style) {
    for (n, part) in wrap(&format!("{label}{value}"), w).into_iter().enumerate() {
        let text = if n == 0 { part } else { format!("  {part}") };
        lines.push(Line::styled(text, style));
    }
}

fn heading(lines: &mut Vec<Line<'static>>, text: &str, w: usize) {
    lines.push(Line::styled(truncate(text, w), bold().fg(Color::Cyan)));
}

fn detail(app: &App, b: &Board, f: &mut Frame, area: Rect, day: chrono::NaiveDate) {
    let lang = app.lang;
    let Some(it) = b.current() else { return };
    let title = tr!(lang, "整改事项 {} | {}", "Item {} | {}", it.id, it.agency);
    let hint = tr!(
        lang,
        "{} | j/k 滚动 | Esc 返回",
        "{} | j/k scroll | Esc back",
        steps_hint(lang)
    );
    let area = framed(f, area, &title, &hint);
    let w = (area.width as usize).saturating_sub(1).max(10);
    let plain = Style::default();
    let mut lines: Vec<Line<'static>> = Vec::new();
    let mut first = vec![
        Span::styled(format!("{}  ", it.id), bold()),
        Span::styled(format!("{}  ", it.status.label(lang)), bold()),
    ];
    first.extend(marks(it, day, lang));
    if it.rebound {
        first.push(Span::styled(
            lang.pick("  反弹", "  rebound").to_string(),
            overdue_style(),
        ));
    }
    lines.push(Line::from(first));
    let labelled = |lines: &mut Vec<Line<'static>>, zh: &str, en: &str, v: &str| {
        if !v.is_empty() {
            field(lines, lang.pick(zh, en), v, w, plain);
        }
    };
    labelled(&mut lines, "案号：", "Case: ", &it.case_id);
    labelled(&mut lines, "检查项：", "Item: ", &it.item_label());
    labelled(&mut lines, "问题类别：", "Category: ", &it.category);
    let verdict = match (it.verdict.as_str(), &it.points) {
        ("veto", _) => lang.pick("否决", "veto").to_string(),
        (_, Some(p)) => tr!(lang, "扣 {p} 分", "deduct {p}"),
        _ => lang.pick("扣分", "deduct").to_string(),
    };
    labelled(&mut lines, "评查结论：", "Decision: ", &verdict);
    labelled(&mut lines, "具体问题：", "Finding: ", &it.finding);
    labelled(&mut lines, "证据页码：", "Evidence: ", &it.evidence);
    labelled(&mut lines, "依据：", "Basis: ", &it.basis.join("；"));
    if let Some(o) = &it.carried {
        let from = tr!(lang, "{}，原编号 {}", "{}, id there {}", o.campaign, o.id);
        labelled(&mut lines, "上年带入：", "Carried from: ", &from);
    }
    let deadline = format!(
        "{}{}",
        it.deadline.as_deref().unwrap_or(lang.pick("未定", "none")),
        it.feedback_date.as_ref().map_or(String::new(), |d| tr!(
            lang,
            "（评查意见书 {d}）",
            " (feedback letter {d})"
        ))
    );
    let style = if it.overdue(day) {
        overdue_style()
    } else {
        plain
    };
    field(
        &mut lines,
        lang.pick("整改时限：", "Deadline: "),
        &deadline,
        w,
        style,
    );
    heading(&mut lines, lang.pick("整改方案", "Plan"), w);
    match &it.plan {
        Some(p) => {
            labelled(&mut lines, "责任领导：", "Leader: ", &p.leader);
            labelled(&mut lines, "责任人：", "Owner: ", &p.owner);
            labelled(&mut lines, "整改措施：", "Measures: ", &p.measure);
            field(&mut lines, "", &format!("{} {}", p.by, p.at), w, dim());
        }
        None => field(
            &mut lines,
            "",
            lang.pick("尚未制定（p 制定）", "none yet (p to plan)"),
            w,
            dim(),
        ),
    }
    if !it.reports.is_empty() {
        heading(&mut lines, lang.pick("整改情况", "Reports"), w);
    }
    for r in &it.reports {
        let done = if r.done {
            lang.pick("（已完成，申请销号）", " (done, asks to close)")
        } else {
            ""
        };
        field(&mut lines, "", &format!("{}{done}", r.progress), w, plain);
        if let Some(d) = &r.date {
            labelled(&mut lines, "  完成日期：", "  date done: ", d);
        }
        for e in &r.evidence {
            let sha = &e.sha256[..12.min(e.sha256.len())];
            let text = format!("{}  SHA-256 {sha}", e.name);
            labelled(&mut lines, "  佐证：", "  evidence: ", &text);
        }
        field(&mut lines, "  ", &format!("{} {}", r.by, r.at), w, dim());
    }
    for n in &it.returns {
        heading(&mut lines, lang.pick("退回", "Returned"), w);
        field(&mut lines, "", &n.text, w, plain);
        field(&mut lines, "", &format!("{} {}", n.by, n.at), w, dim());
    }
    if let Some(c) = &it.closed {
        let what = if c.withdrawn {
            lang.pick(
                "撤销（复核后不再扣分）",
                "Withdrawn (no longer on the file)",
            )
        } else {
            lang.pick("销号", "Closed")
        };
        heading(&mut lines, what, w);
        field(&mut lines, "", &c.opinion, w, plain);
        field(&mut lines, "", &format!("{} {}", c.by, c.at), w, dim());
    }
    if let Some(r) = &it.referral {
        heading(&mut lines, lang.pick("移送问责线索", "Referred"), w);
        labelled(&mut lines, "移送对象：", "To: ", &r.to);
        labelled(&mut lines, "理由：", "Reason: ", &r.reason);
        field(&mut lines, "", &format!("{} {}", r.by, r.at), w, dim());
    }
    for c in &it.rechecks {
        heading(&mut lines, lang.pick("回头看复查", "Re-check"), w);
        let result = match c.result {
            crate::rectification::event::RecheckResult::Confirmed => {
                lang.pick("整改到位", "still rectified")
            }
            crate::rectification::event::RecheckResult::Rebound => {
                lang.pick("问题反弹", "the problem is back")
            }
        };
        field(&mut lines, "", &format!("{result}：{}", c.note), w, plain);
        field(&mut lines, "", &format!("{} {}", c.by, c.at), w, dim());
    }
    let visible = area.height as usize;
    let top = b.scroll.get().min(lines.len().saturating_sub(visible));
    b.scroll.set(top);
    let shown: Vec<Line> = lines.into_iter().skip(top).take(visible).collect();
    f.render_widget(Paragraph::new(shown), area);
}

fn draw_form(app: &App, b: &Board, form: &Form, f: &mut Frame, area: Rect) {
    let lang = app.lang;
    let popup_w = 72.min(area.width.saturating_sub(4));
    let text_w = popup_w.saturating_sub(4) as usize;
    let label_w = form
        .fields
        .iter()
        .map(|x| width(x.label(lang)) + 2)
        .max()
        .unwrap_or(8);
    let field_w = text_w.saturating_sub(label_w).max(2);
    let about = b
        .current()
        .map(|it| format!("{} {}", it.case_id, it.item_label()))
        .unwrap_or_default();
    let mut lines: Vec<Line<'static>> = vec![Line::styled(truncate(&about, text_w), dim())];
    // The row of the focused field and the caret's column in it, for the real cursor.
    let mut caret = None;
    for (k, x) in form.fields.iter().enumerate() {
        let focused = k == form.focus;
        let label_style = if focused {
            bold().fg(Color::Yellow)
        } else {
            bold()
        };
        let mut spans = vec![Span::styled(
            fit(&format!("{}：", x.label(lang)), label_w),
            label_style,
        )];
        match &x.value {
            Value::Text(e) => {
                let (shown, col) = e.view(field_w);
                if focused {
                    caret = Some((lines.len(), col));
                }
                spans.push(Span::styled(
                    fit(&shown, field_w),
                    Style::default().add_modifier(Modifier::UNDERLINED),
                ));
            }
            Value::YesNo(v) => {
                let (yes, no) = (lang.pick("是", "yes"), lang.pick("否", "no"));
                let on = |s: &str, chosen: bool| {
                    let st = if chosen { selected() } else { dim() };
                    Span::styled(format!(" {s} "), st)
                };
                spans.push(on(yes, *v));
                spans.push(Span::raw(" "));
                spans.push(on(no, !*v));
            }
        }
        lines.push(Line::from(spans));
        if !x.hint.is_empty() {
            for part in wrap(&x.hint, field_w) {
                lines.push(Line::styled(
                    format!("{}{part}", " ".repeat(label_w)),
                    dim(),
                ));
            }
        }
    }
    lines.push(Line::from(String::new()));
    lines.push(Line::styled(
        truncate(
            lang.pick(
                "Enter 保存 | Tab/Down 下一栏 | Up 上一栏 | Esc 取消（留作草稿）",
                "Enter save | Tab/Down next | Up previous | Esc cancel (kept as a draft)",
            ),
            text_w,
        ),
        dim(),
    ));
    let height = (lines.len() as u16 + 2).min(area.height.saturating_sub(2));
    let title = tr!(lang, "{} {}", "{} {}", form.act.title(lang), form.id);
    let inner = boxed(f, area, popup_w, height, &title);
    f.render_widget(Paragraph::new(lines), inner);
    // The real cursor at the caret (where an IME opens), unless a message covers the form.
    if let (Some((row, col)), None) = (caret, &app.popup) {
        if (row as u16) < inner.height {
            f.set_cursor_position((inner.x + (label_w + col) as u16, inner.y + row as u16));
        }
    }
}
