//! One file under review: its checklist by section, wrapped for Chinese, with each item's
//! decision and finding, the live score and the progress line.

use super::*;

pub(super) fn file(app: &App, f: &mut Frame, area: Rect) {
    let lang = app.lang;
    let Some(r) = &app.review else { return };
    let Some(c) = r.checklist_of(app.file) else {
        return;
    };
    let cf = &r.files[app.file];
    let st = r.sheet_of(app.file, &app.reviewer);
    let s = st.score(c);
    // On a double-reviewed file's own sheet (the checker's view): the disagreements.
    let own_sheet = r.lane_for(app.file, &app.reviewer).is_some();
    let disputes = if own_sheet {
        Vec::new()
    } else {
        r.disputes(app.file)
    };
    let who = |id: &str| {
        r.assignment
            .as_ref()
            .map_or(id.to_string(), |a| a.label(id))
    };
    let title = tr!(lang, "案卷 {} | {}", "File {} | {}", cf.id(), cf.agency());
    let block = titled(&title);
    let inner = block.inner(area);
    f.render_widget(block, area);
    let w = inner.width as usize;
    let provisional = if s.complete() {
        ""
    } else {
        lang.pick("（暂定）", " (provisional)")
    };
    let double_line = if !st.double {
        None
    } else if own_sheet {
        Some(tr!(
            lang,
            "双人评查：这是您本人独立的评查表",
            "double review: this is your own, independent sheet"
        ))
    } else {
        let open = disputes.iter().filter(|d| d.resolution.is_none()).count();
        Some(tr!(
            lang,
            "双人评查：分歧 {} 项，待裁定 {open} 项（1 / 2 采用第一 / 第二位评查人的结论）",
            "double review: {} disagreements, {open} to resolve (1 / 2 adopts the first / second reviewer's decision)",
            disputes.len()
        ))
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
    if let Some(l) = double_line {
        head.push(Line::styled(truncate(&l, w), bold().fg(Color::Yellow)));
    }
    let head_h = head.len() as u16;
    let list_area = Rect {
        y: inner.y + head_h,
        height: inner.height.saturating_sub(head_h),
        ..inner
    };
    f.render_widget(
        Paragraph::new(std::mem::take(&mut head)),
        Rect {
            height: head_h.min(inner.height),
            ..inner
        },
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
        if let Some(d) = disputes.iter().find(|d| d.item == k) {
            let mut notes = Vec::new();
            for (n, (id, side)) in d.sides.iter().enumerate() {
                let said = side.as_ref().map_or_else(
                    || lang.pick("未评", "-").to_string(),
                    |x| match &x.finding {
                        Some(f) => format!("{}：{f}", x.short(lang)),
                        None => x.short(lang),
                    },
                );
                notes.push((format!("{} {}：{said}", n + 1, who(id)), Color::Yellow));
            }
            let resolved = match &d.resolution {
                Some(res) => tr!(
                    lang,
                    "裁定（{}）：{}；理由：{}",
                    "resolved by {}: {}; reason: {}",
                    who(&res.by),
                    res.decision.as_ref().map_or_else(
                        || lang.pick("未定", "undecided").to_string(),
                        |x| x.short(lang)
                    ),
                    res.reason
                ),
                None => lang
                    .pick("待复核人裁定", "awaiting the checker")
                    .to_string(),
            };
            notes.push((resolved, Color::Magenta));
            for (note, color) in notes {
                for part in wrap(&note, text_w) {
                    lines.push((
                        Some(k),
                        Line::styled(
                            format!("{} {part}", " ".repeat(lead_w)),
                            Style::default().fg(color),
                        ),
                    ));
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
