//! The draw ceremony: frozen data and the commitment, witnesses, the seed digit by digit in
//! large glyphs, and the result; presentation mode shows the digests large for the room.

use super::*;

pub(super) fn ceremony(app: &App, f: &mut Frame, area: Rect) {
    let lang = app.lang;
    // " | NAME" when the campaign has a name.
    let name = match app.campaign.name.as_deref().map(str::trim) {
        Some(n) if !n.is_empty() => format!(" | {}", clean(n)),
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
    let block = titled(&title);
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
        // The rows left out are read out with the digest: witnesses sign for them too.
        let skipped: usize = r.layouts.iter().map(|l| l.skipped.len()).sum();
        if skipped > 0 {
            let mut reasons: Vec<&str> = Vec::new();
            for s in r.layouts.iter().flat_map(|l| &l.skipped) {
                let why = lang.pick(s.reason.zh(), s.reason.en());
                if !reasons.contains(&why) {
                    reasons.push(why);
                }
            }
            out.push(Line::styled(
                clean(&tr!(
                    lang,
                    "    {} 个工作表，跳过 {skipped} 行非案件行（{}）",
                    "    {} sheet(s), {skipped} rows that are not cases left out ({})",
                    r.layouts.len(),
                    reasons.join(lang.pick("、", ", "))
                )),
                dim(),
            ));
        }
    }
    out.push(Line::styled(
        clean(&tr!(
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
        )),
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
        lines.push(Line::from(clean(&format!(
            "  {}. {} / {}",
            i + 1,
            w.name,
            w.unit
        ))));
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
        Line::from(clean(&tr!(
            lang,
            "见证人：{}",
            "witnesses: {}",
            d.witnesses
                .iter()
                .map(|w| format!("{}/{}", w.name, w.unit))
                .collect::<Vec<_>>()
                .join("、")
        ))),
    ];
    if let Some(s) = &d.supersedes {
        out.push(Line::styled(
            clean(&tr!(
                lang,
                "作废第 {} 次抽取，理由：{}",
                "supersedes draw {}, reason: {}",
                s.number,
                s.reason
            )),
            Style::default().fg(Color::Red),
        ));
    }
    let mut stratum: Option<&Vec<String>> = None;
    let id_w = 24.min(w / 2);
    let mut rows: Vec<&crate::register::population::Selected> = d.selected.iter().collect();
    rows.sort_by(|a, b| a.listing_key().cmp(&b.listing_key()));
    for s in rows {
        if stratum != Some(&s.stratum) {
            stratum = Some(&s.stratum);
            out.push(Line::styled(clean(&s.stratum.join(" / ")), bold()));
        }
        let role = match s.role {
            Role::Sample => lang.pick("样本", "sample"),
            Role::Alternate => lang.pick("备选", "alt."),
            Role::Targeted => lang.pick("重点", "target"),
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
