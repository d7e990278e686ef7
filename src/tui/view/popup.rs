//! Popups drawn over a screen: help (from the keymap), messages, confirmations and text fields
//! (the real cursor at the caret, for an IME).

use super::*;

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
/// A bordered box `w`×`h` centred in `area`, cleared, with `title`; returns its inside.
pub(super) fn boxed(f: &mut Frame, area: Rect, w: u16, h: u16, title: &str) -> Rect {
    let rect = centered(area, w, h);
    // A wide character cut by the box's left edge would glue onto its border: blank it.
    if rect.x > area.x {
        let buf = f.buffer_mut();
        for y in rect.y..rect.y + rect.height {
            let cell = &mut buf[(rect.x - 1, y)];
            if width(cell.symbol()) > 1 {
                cell.set_symbol(" ");
            }
        }
    }
    f.render_widget(Clear, rect);
    let block = titled(title);
    let inner = block.inner(rect);
    f.render_widget(block, rect);
    inner
}

pub(super) fn popup(app: &App, p: &Popup, f: &mut Frame, area: Rect) {
    let lang = app.lang;
    let popup_w = 72.min(area.width - 4);
    let text_w = (popup_w - 4) as usize;
    let (title, mut lines, input): (
        String,
        Vec<Line>,
        Option<(&str, &crate::tui::editor::Editor)>,
    ) = match p {
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
                    let s = r.sheet_of(app.file, &app.reviewer).score(c);
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
                Purpose::Resolve { item: k, take } => (
                    tr!(
                        lang,
                        "裁定 {}",
                        "Resolve {}",
                        item(*k).map_or("", |i| i.id.as_str())
                    ),
                    wrap(
                        &tr!(
                            lang,
                            "采用 {take} 的结论。理由将记录在案并印在评查表上。",
                            "adopt {take}'s decision. The reason is recorded and printed on the sheet."
                        ),
                        text_w,
                    )
                    .into_iter()
                    .map(Line::from)
                    .collect(),
                    lang.pick("裁定理由：", "Reason: "),
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
    let inner = boxed(f, area, popup_w, height, &title);
    f.render_widget(Paragraph::new(lines.clone()), inner);
    if let Some((label, editor)) = input {
        let y = inner.y + lines.len().saturating_sub(2) as u16;
        let field_w = (inner.width as usize).saturating_sub(width(label) + 1);
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
        f.set_cursor_position((inner.x + (width(label) + caret) as u16, y));
    }
}
