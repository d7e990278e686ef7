//! `anjuan review DIR …`: the whole review model from the command line, for scripts, tests and
//! paper scores typed in afterwards.

use super::args::*;
use super::{heading, Outcome};
use crate::checklist::points::Points;
use crate::checklist::{self, Checklist};
use crate::i18n::Lang;
use crate::register::population::Role;
use crate::review::decision::{Decision, Verdict};
use crate::review::import::import;
use crate::review::plan::CaseTypeRule;
use crate::review::state::Status;
use crate::review::{Review, Saved};
use crate::tr;
use serde_json::json;
use unicode_width::UnicodeWidthStr;

pub fn run(a: ReviewArgs, lang: Lang) -> Outcome {
    let mut review = Review::open(&a.dir).map_err(|e| e.render(lang))?;
    if let Some(key) = &a.key {
        use_key(&mut review, key, lang)?;
    }
    warn_journal(&review, lang);
    match a.action {
        ReviewAction::Setup(s) => setup(&mut review, s, lang),
        ReviewAction::Status(f) => status(&review, f.format, lang),
        ReviewAction::Show(s) => show(&review, &s.case, s.format.format, lang),
        ReviewAction::Set(s) => set(&mut review, s, lang),
        ReviewAction::Finalize(f) => {
            note_plan(&mut review, lang)?;
            let saved = review
                .finalize(&f.case, &f.reviewer, "cli")
                .map_err(|e| e.render(lang))?;
            report(&review, &saved, lang);
            Ok(0)
        }
        ReviewAction::Reopen(r) => {
            note_plan(&mut review, lang)?;
            let saved = review
                .reopen(&r.case, &r.reason, &r.reviewer, "cli")
                .map_err(|e| e.render(lang))?;
            report(&review, &saved, lang);
            Ok(0)
        }
        ReviewAction::Resolve(x) => {
            let i = review.file_index(&x.case).map_err(|e| e.render(lang))?;
            let saved = review
                .resolve(i, &x.item, &x.take, &x.reason, &x.reviewer, "cli")
                .map_err(|e| e.render(lang))?;
            report(&review, &saved, lang);
            Ok(0)
        }
        ReviewAction::Import(i) => {
            note_plan(&mut review, lang)?;
            let r = import(&mut review, &i.file, i.sheet.as_deref(), i.encoding)
                .map_err(|e| e.render(lang))?;
            warn_recovered(&r.saved, lang);
            out!(
                "{}",
                tr!(
                    lang,
                    "已导入 {} 行：保存 {} 项结论（已写入磁盘），{} 项与日志中已有结论相同未重复记录。",
                    "imported {} rows: {} decisions saved (on disk), {} already recorded and left as they were.",
                    r.rows,
                    r.saved.events.len(),
                    r.unchanged
                )
            );
            out!("{}", head_line(&review, lang));
            Ok(0)
        }
    }
}

/// Sign from now on with the key in `path` (checked against the package's registered keys).
pub fn use_key(review: &mut Review, path: &std::path::Path, lang: Lang) -> Result<(), String> {
    let (_, key) = crate::team::keys::read_secret(path).map_err(|e| e.render(lang))?;
    review.sign_with(key).map_err(|e| e.render(lang))
}

/// Record the default plan before the first change, and say so.
fn note_plan(review: &mut Review, lang: Lang) -> Result<(), String> {
    if let Some(file) = review.ensure_plan().map_err(|e| e.render(lang))? {
        eprintln!(
            "{}",
            tr!(
                lang,
                "已按内置评查标准登记评查方案 {file}（如需自定标准，请在评查开始前运行 anjuan review DIR setup）",
                "recorded review plan {file} with the built-in checklists (to use your own, run anjuan review DIR setup before reviewing)"
            )
        );
    }
    Ok(())
}

/// Say at once if the journal is not clean, whatever the command.
fn warn_journal(review: &Review, lang: Lang) {
    if let Some(note) = review.line_endings_note(lang) {
        eprintln!("{note}");
    }
    if let Some(t) = &review.journal.torn {
        eprintln!(
            "{}",
            tr!(
                lang,
                "注意：评查日志末尾有 {} 字节的不完整行（上次写入中断，从未确认保存）；其余 {} 个事件完好。下次保存时它会原样移至 journal-torn/ 保留。",
                "note: the review journal ends with an incomplete line of {} bytes (an interrupted write, never confirmed as saved); the other {} events are intact. The next save moves it unchanged into journal-torn/.",
                t.bytes.len(),
                review.journal.events.len()
            )
        );
    }
    if !review.journal.breaks.is_empty() || !review.refused.is_empty() {
        eprintln!(
            "{}",
            tr!(
                lang,
                "警告：评查日志有 {} 处断裂、{} 个不符合规则的事件，以下结果可能不可信。请运行 anjuan verify 查看",
                "warning: the review journal has {} breaks and {} events that break the rules; what follows may not be trustworthy. Run anjuan verify",
                review.journal.breaks.len(),
                review.refused.len()
            )
        );
    }
}

fn warn_recovered(saved: &Saved, lang: Lang) {
    if let Some(p) = &saved.recovered {
        let name = p
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        eprintln!(
            "{}",
            tr!(
                lang,
                "注意：评查日志末尾有一行上次写入中断留下的残行（从未确认保存），已原样移至 journal-torn/{name} 保留，其余记录完好。",
                "note: the review journal ended with a line cut off by an interrupted write (never confirmed as saved); it was moved unchanged to journal-torn/{name}; everything else is intact."
            )
        );
    }
}

fn head_line(review: &Review, lang: Lang) -> String {
    tr!(
        lang,
        "日志头 {}（共 {} 个事件）",
        "journal head {} ({} events)",
        review.journal.head(),
        review.journal.events.len()
    )
}

fn set(review: &mut Review, s: SetArgs, lang: Lang) -> Outcome {
    note_plan(review, lang)?;
    let fi = review.file_index(&s.case).map_err(|e| e.render(lang))?;
    let checklist = review
        .checklist_of(fi)
        .ok_or_else(|| tr!(lang, "该案卷没有评查标准", "this file has no checklist"))?;
    let ii = checklist.item_index(s.item.trim()).ok_or_else(|| {
        crate::review::ReviewError::Refused {
            case: s.case.clone(),
            refusal: crate::review::state::Refusal::UnknownItem {
                item: s.item.clone(),
                checklist: checklist.id.clone(),
            },
        }
        .render(lang)
    })?;
    let (verdict, points) = if s.pass {
        (Some(Verdict::Pass), None)
    } else if s.na {
        (Some(Verdict::Na), None)
    } else if s.veto {
        (Some(Verdict::Veto), None)
    } else if let Some(p) = &s.deduct {
        let points = Points::parse(p).ok_or_else(|| {
            tr!(
                lang,
                "扣分“{p}”不是有效分数（如 1 或 0.5）",
                "--deduct {p:?} is not a number of points (like 1 or 0.5)"
            )
        })?;
        (Some(Verdict::Deduct), Some(points))
    } else {
        (None, None)
    };
    let decision = match verdict {
        Some(v) => Some(
            Decision::new(
                &checklist.items[ii],
                v,
                points,
                s.finding.as_deref(),
                s.evidence.as_deref(),
                lang,
            )
            .map_err(|e| {
                let item = &checklist.items[ii].id;
                let e = e.render(lang);
                tr!(lang, "条目 {item}：{e}", "item {item}: {e}")
            })?,
        ),
        None => None,
    };
    let saved = review
        .set(&s.case, &s.item, decision, &s.reviewer, "cli")
        .map_err(|e| e.render(lang))?;
    report(review, &saved, lang);
    Ok(0)
}

/// What was saved, the file's state after it, and the journal head.
fn report(review: &Review, saved: &Saved, lang: Lang) {
    warn_recovered(saved, lang);
    for e in &saved.events {
        let what = match &e.change {
            crate::review::event::Change::Set { item, new, .. } => match new {
                Some(d) => format!("{item} {}", d.short(lang)),
                None => tr!(lang, "{item} 撤销结论", "{item} cleared"),
            },
            crate::review::event::Change::Finalize { score, grade } => {
                tr!(
                    lang,
                    "定稿：得分 {score}，等次 {grade}",
                    "finalized: score {score}, grade {grade}"
                )
            }
            crate::review::event::Change::Reopen { reason } => {
                tr!(lang, "退回，理由：{reason}", "reopened, reason: {reason}")
            }
            crate::review::event::Change::Resolve { item, new, reason } => {
                let d = new.as_ref().map_or_else(
                    || lang.pick("未定", "undecided").to_string(),
                    |d| d.short(lang),
                );
                tr!(
                    lang,
                    "裁定 {item}：{d}，理由：{reason}",
                    "resolved {item}: {d}, reason: {reason}"
                )
            }
        };
        out!(
            "{}",
            tr!(
                lang,
                "已保存（日志第 {} 条，已写入磁盘）：{} {what}",
                "saved (journal event {}, on disk): {} {what}",
                e.seq,
                e.case
            )
        );
    }
    if saved.events.is_empty() {
        out!(
            "{}",
            tr!(
                lang,
                "没有变化，未写入。",
                "nothing changed; nothing written."
            )
        );
    }
    if let Some(e) = saved.events.last() {
        if let Ok(i) = review.file_index(&e.case) {
            out!("{}", file_line(review, i, &e.by, lang));
        }
    }
    out!("{}", head_line(review, lang));
}

/// `状态 进行中 · 已评 12/43 · 得分 99/100 · 等次 优秀（暂定）`
/// One file's state line: `who`'s own sheet on a double-reviewed file, else the file's.
fn file_line(review: &Review, i: usize, who: &str, lang: Lang) -> String {
    let st = review.sheet_of(i, who);
    let Some(c) = review.checklist_of(i) else {
        return String::new();
    };
    let s = st.score(c);
    let provisional = if s.complete() || st.status == Status::NotStarted {
        ""
    } else {
        lang.pick("（暂定）", " (provisional)")
    };
    let grade = lang.pick(&s.grade, &s.grade_en);
    tr!(
        lang,
        "状态 {} · 已评 {}/{} · 得分 {}/{} · 等次 {grade}{provisional}",
        "status {} · decided {}/{} · score {}/{} · grade {grade}{provisional}",
        st.status.label(lang),
        s.decided,
        s.items,
        s.points,
        s.total
    )
}

fn pad(s: &str, width: usize) -> String {
    let w = UnicodeWidthStr::width(s);
    format!("{s}{}", " ".repeat(width.saturating_sub(w)))
}

fn role_label(role: Role, lang: Lang) -> &'static str {
    role.label(lang)
}

fn status(review: &Review, format: TextOrJson, lang: Lang) -> Outcome {
    let rows: Vec<_> = review
        .files
        .iter()
        .enumerate()
        .filter(|(i, f)| {
            f.selected.role.reviewed() || review.states[*i].status != Status::NotStarted
        })
        .collect();
    if format == TextOrJson::Json {
        let files: Vec<_> = review
            .files
            .iter()
            .enumerate()
            .map(|(i, f)| {
                let st = &review.states[i];
                let c = review.checklist_of(i);
                let s = c.map(|c| st.score(c));
                json!({
                    "case_id": f.id(),
                    "agency": f.agency(),
                    "case_type": f.case_type(),
                    "role": f.selected.role,
                    "rank": f.selected.rank,
                    "status": st.status.key(),
                    "checklist": c.map(|c| c.reference()),
                    "decided": s.as_ref().map(|s| s.decided),
                    "items": s.as_ref().map(|s| s.items),
                    "score": s.as_ref().map(|s| s.points),
                    "grade": s.as_ref().map(|s| s.grade.clone()),
                    "reviewers": st.reviewers,
                    "finalized": match &st.status {
                        Status::Finalized { by, at, seq } => json!({"by": by, "at": at, "seq": seq}),
                        _ => serde_json::Value::Null,
                    },
                })
            })
            .collect();
        let out = json!({
            "draw": review.draw_ref,
            "plan": review.plan.as_ref().map(|(_, r)| r),
            "journal_head": review.journal.head(),
            "journal_events": review.journal.events.len(),
            "files": files,
        });
        let text = serde_json::to_string_pretty(&out).unwrap_or_default();
        out!("{}", crate::tui::text::json_safe(&text));
        return Ok(0);
    }
    out!(
        "{}",
        heading(
            lang,
            &format!("评查进度（第 {} 次抽取）", review.draw_ref.number),
            &format!("Review progress (draw {})", review.draw_ref.number)
        )
    );
    let headers = [
        lang.pick("案号", "case id"),
        lang.pick("执法机关", "agency"),
        lang.pick("案件类型", "case type"),
        lang.pick("状态", "status"),
        lang.pick("已评", "decided"),
        lang.pick("得分", "score"),
        lang.pick("等次", "grade"),
        lang.pick("评查人", "reviewers"),
    ];
    let mut table: Vec<Vec<String>> = vec![headers.iter().map(|s| s.to_string()).collect()];
    let mut counts = [0usize; 3];
    for (i, f) in &rows {
        let st = &review.states[*i];
        counts[match st.status {
            Status::NotStarted => 0,
            Status::InProgress => 1,
            Status::Finalized { .. } => 2,
        }] += 1;
        let (decided, score, grade) = match review.checklist_of(*i) {
            Some(c) if st.status != Status::NotStarted => {
                let s = st.score(c);
                (
                    format!("{}/{}", s.decided, s.items),
                    s.points.to_string(),
                    lang.pick(&s.grade, &s.grade_en).to_string(),
                )
            }
            Some(c) => (format!("0/{}", c.items.len()), String::new(), String::new()),
            None => Default::default(),
        };
        let mut id = f.id().to_string();
        if f.selected.role != Role::Sample {
            id = format!("{id} ({})", role_label(f.selected.role, lang));
        }
        table.push(vec![
            id,
            f.agency(),
            f.case_type().to_string(),
            st.status.label(lang).to_string(),
            decided,
            score,
            grade,
            st.reviewers.join("、"),
        ]);
    }
    let widths: Vec<usize> = (0..headers.len())
        .map(|k| table.iter().map(|r| r[k].width()).max().unwrap_or(0))
        .collect();
    for r in &table {
        let line: Vec<String> = r.iter().zip(&widths).map(|(c, w)| pad(c, *w)).collect();
        out!("{}", line.join("  ").trim_end());
    }
    out!(
        "{}",
        tr!(
            lang,
            "合计 {} 份：未开始 {} · 进行中 {} · 已完成 {}",
            "{} files: {} not started · {} in progress · {} finalized",
            rows.len(),
            counts[0],
            counts[1],
            counts[2]
        )
    );
    out!("{}", head_line(review, lang));
    Ok(0)
}

fn show(review: &Review, case: &str, format: TextOrJson, lang: Lang) -> Outcome {
    let i = review.file_index(case).map_err(|e| e.render(lang))?;
    let f = &review.files[i];
    // In a reviewer package, the reviewer's own sheet.
    let who = review
        .package
        .as_ref()
        .map_or("", |(p, _)| p.reviewer.id.as_str());
    let st = review.sheet_of(i, who);
    let st = st.as_ref();
    let Some(c) = review.checklist_of(i) else {
        return Err(crate::review::ReviewError::NoChecklistFor {
            case: f.id().to_string(),
            case_type: f.case_type().to_string(),
        }
        .render(lang));
    };
    let s = st.score(c);
    if format == TextOrJson::Json {
        let items: Vec<_> = c
            .items
            .iter()
            .zip(&st.decisions)
            .map(|(it, d)| {
                json!({
                    "id": it.id,
                    "section": c.sections[it.section].id,
                    "text": it.text,
                    "text_en": it.text_en,
                    "max_points": it.max_points,
                    "veto": it.veto,
                    "blocks_excellent": it.blocks_excellent,
                    "decision": d,
                    "score": d.as_ref().map(|d| it.max_points.saturating_sub(d.deducted())),
                })
            })
            .collect();
        let out = json!({
            "case_id": f.id(),
            "details": f.details,
            "role": f.selected.role,
            "rank": f.selected.rank,
            "checklist": c.reference(),
            "status": st.status.key(),
            "reviewers": st.reviewers,
            "score": s,
            "items": items,
            "journal_head": review.journal.head(),
        });
        let text = serde_json::to_string_pretty(&out).unwrap_or_default();
        out!("{}", crate::tui::text::json_safe(&text));
        return Ok(0);
    }
    out!(
        "{}",
        heading(
            lang,
            &format!("案卷 {}", f.id()),
            &format!("File {}", f.id())
        )
    );
    out!(
        "{}",
        tr!(
            lang,
            "执法机关 {} · 案件类型 {} · {}第 {} 名",
            "agency {} · case type {} · {} rank {}",
            f.agency(),
            f.case_type(),
            role_label(f.selected.role, lang),
            f.selected.rank
        )
    );
    if let Some(d) = &f.details {
        if !d.title.is_empty() || !d.party.is_empty() {
            out!(
                "{}",
                tr!(
                    lang,
                    "案件名称 {} · 当事人 {}",
                    "case {} · party {}",
                    d.title,
                    d.party
                )
            );
        }
    }
    out!("{}", checklist_line(c, lang));
    let mut line = file_line(review, i, who, lang);
    if !st.reviewers.is_empty() {
        line += &tr!(
            lang,
            " · 评查人 {}",
            " · reviewers {}",
            st.reviewers.join("、")
        );
    }
    out!("{line}");
    let mut section = usize::MAX;
    for (it, d) in c.items.iter().zip(&st.decisions) {
        if it.section != section {
            section = it.section;
            let sec = &c.sections[section];
            out!("-- {} {} --", sec.id, lang.pick(&sec.title, &sec.title_en));
        }
        let decided = d.as_ref().map_or_else(
            || lang.pick("未评", "undecided").to_string(),
            |d| d.short(lang),
        );
        let mut flags = String::new();
        if it.veto {
            flags += lang.pick("［否决项］", " [veto]");
        }
        if it.blocks_excellent {
            flags += lang.pick("［影响优秀］", " [blocks top grade]");
        }
        out!(
            "{} {} {:>5}  {}{flags}",
            pad(&it.id, 4),
            pad(&format!("[{decided}]"), 12),
            it.max_points.to_string(),
            lang.pick(&it.text, &it.text_en)
        );
        if let Some(d) = d {
            if let Some(finding) = &d.finding {
                let finding = finding.replace('\n', "\n                        ");
                out!("{:24}{}{finding}", "", lang.pick("问题描述：", "finding: "));
            }
            if let Some(e) = &d.evidence {
                out!("{:24}{}{e}", "", lang.pick("卷内页码：", "evidence: "));
            }
        }
    }
    if let Status::Finalized { by, at, .. } = &st.status {
        out!(
            "{}",
            tr!(lang, "定稿：{by}，{at}", "finalized by {by} at {at}")
        );
    }
    out!("{}", head_line(review, lang));
    Ok(0)
}

fn checklist_line(c: &Checklist, lang: Lang) -> String {
    tr!(
        lang,
        "评查标准 {} 版本 {}《{}》SHA-256 {}",
        "checklist {} version {} \"{}\" SHA-256 {}",
        c.id,
        c.version,
        lang.pick(&c.title, &c.title_en),
        c.sha256
    )
}

fn setup(review: &mut Review, s: SetupArgs, lang: Lang) -> Outcome {
    let checklists: Vec<(Checklist, Vec<u8>)> = if s.checklists.is_empty() {
        checklist::BUILTIN
            .iter()
            .map(|(name, text)| {
                checklist::load::parse(name, text.as_bytes()).map(|c| (c, text.as_bytes().to_vec()))
            })
            .collect::<Result<_, _>>()
            .map_err(|e| e.render(lang))?
    } else {
        let mut out = Vec::new();
        for f in &s.checklists {
            // Read as `anjuan checklist check` does: a regular file of at most 1 MiB.
            let name = f.display().to_string();
            let bytes = checklist::load::read(f, &name).map_err(|e| e.render(lang))?;
            let c = checklist::load::parse(&name, &bytes).map_err(|e| e.render(lang))?;
            out.push((c, bytes));
        }
        out
    };
    let mut mapping = Vec::new();
    for m in &s.map {
        let Some((t, id)) = m.rsplit_once('=') else {
            return Err(tr!(
                lang,
                "--map 应写作 \"案件类型=标准编号\"，实际为“{m}”",
                "--map must be \"CASE_TYPE=CHECKLIST_ID\", got {m:?}"
            ));
        };
        mapping.push(CaseTypeRule {
            case_type: t.trim().to_string(),
            checklist: id.trim().to_string(),
        });
    }
    let before = review.plan.as_ref().map(|(_, r)| r.number);
    let r = review
        .setup(checklists, mapping, s.default_checklist, s.categories)
        .map_err(|e| e.render(lang))?;
    if before == Some(r.number) {
        out!(
            "{}",
            tr!(
                lang,
                "评查方案与现行的 {} 相同，未新建。",
                "the review plan is the same as the current {}; nothing new recorded.",
                r.file
            )
        );
    } else {
        out!(
            "{}",
            tr!(
                lang,
                "已登记评查方案 {}（SHA-256 {}）",
                "recorded review plan {} (SHA-256 {})",
                r.file,
                r.sha256
            )
        );
    }
    let (plan, _) = review.plan.as_ref().ok_or("no plan")?;
    for pc in &plan.checklists {
        out!("  {} {} {} ({})", pc.id, pc.version, pc.title, pc.file);
    }
    out!(
        "{}",
        tr!(
            lang,
            "问题类别体系：{}",
            "category set: {}",
            plan.category_set.title()
        )
    );
    let mut types: Vec<(String, usize)> = Vec::new();
    for f in &review.files {
        match types.iter_mut().find(|(t, _)| t == f.case_type()) {
            Some((_, n)) => *n += 1,
            None => types.push((f.case_type().to_string(), 1)),
        }
    }
    for (t, n) in types {
        let id = plan.checklist_for(&t).unwrap_or("?");
        out!("  {} × {n} → {id}", pad(&t, 24));
    }
    Ok(0)
}
