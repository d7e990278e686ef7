//! The review desk: the drawn files with status, score and grade, filtered and sorted.

use super::*;

pub(super) fn desk(app: &App, f: &mut Frame, area: Rect) {
    let lang = app.lang;
    let Some(r) = &app.review else {
        let block = titled(lang.pick("评查台", "Review desk"));
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
        .filter(|&&i| app.sheet(i).is_some_and(|s| s.is_finalized()))
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
    let block = titled(&title);
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
                clean(&app.filter)
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
        let st = r.sheet_of(i, &app.reviewer);
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
        match f_.selected.role {
            Role::Alternate => id += lang.pick("（备选）", " (alt.)"),
            Role::Targeted => id += lang.pick("（重点）", " (target)"),
            Role::Sample => {}
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
