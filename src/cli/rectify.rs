//! `anjuan rectify WS …`: the rectification items and the steps on them — list, show, plan,
//! report, close, return, refer (the agency's sheet and its import are in `rectify_sheet`).
//! Every step goes through `Rectification::commit`, which checks it against the rules and
//! returns only once it is on disk.

use super::args::TextOrJson;
use super::rectify_args::{RectifyAction, RectifyArgs};
use super::Outcome;
use crate::i18n::Lang;
use crate::rectification::event::Change;
use crate::rectification::item::{parse_date, today, Item, Status};
use crate::rectification::{evidence, Rectification, Saved};
use crate::tr;
use chrono::NaiveDate;
use serde_json::json;

pub fn run(a: RectifyArgs, lang: Lang) -> Outcome {
    let mut r = Rectification::open(&a.dir).map_err(|e| e.render(lang))?;
    match a.action {
        RectifyAction::List(l) => {
            let as_of = as_of(l.as_of.as_deref(), lang)?;
            let status = match &l.status {
                Some(s) => Some(Status::parse(s).ok_or_else(|| {
                    tr!(
                        lang,
                        "--status “{s}” 不是整改状态：可用 open、in_progress、submitted、closed、returned（或 待整改、整改中、已整改、已销号、退回）",
                        "--status “{s}” is not a status: use open, in_progress, submitted, closed or returned"
                    )
                })?),
                None => None,
            };
            if let Some(agency) = &l.agency {
                check_agency(&r, agency, lang)?;
            }
            let items: Vec<&Item> = r
                .book
                .items
                .iter()
                .filter(|it| l.agency.as_ref().is_none_or(|a| &it.agency == a))
                .filter(|it| status.is_none_or(|s| it.status == s))
                .filter(|it| !l.overdue || it.overdue(as_of))
                .collect();
            list(&r, &items, as_of, l.format, lang);
            Ok(0)
        }
        RectifyAction::Show(s) => {
            let as_of = as_of(s.as_of.as_deref(), lang)?;
            let it = r.book.get(&s.id).ok_or_else(|| {
                crate::rectification::book::Refusal::UnknownItem(s.id.clone()).render(lang)
            })?;
            match s.format {
                TextOrJson::Json => {
                    let text =
                        serde_json::to_string_pretty(&item_json(it, as_of)).unwrap_or_default();
                    out!("{}", crate::tui::text::json_safe(&text));
                }
                TextOrJson::Text => show(it, as_of, lang),
            }
            Ok(0)
        }
        RectifyAction::Plan(p) => save(
            &mut r,
            vec![Change::Plan {
                id: p.id,
                leader: p.leader.trim().to_string(),
                owner: p.owner.trim().to_string(),
                measure: p.measure.trim().to_string(),
                deadline: match p.deadline {
                    Some(d) => Some(date_arg("--deadline", &d, lang)?),
                    None => None,
                },
            }],
            &p.by,
            lang,
        ),
        RectifyAction::Report(p) => {
            // Check the step before copying anything in.
            let date = match p.date {
                Some(d) => Some(date_arg("--date", &d, lang)?),
                None => None,
            };
            let mut change = Change::Report {
                id: p.id.clone(),
                progress: p.progress.trim().to_string(),
                evidence: Vec::new(),
                done: p.done,
                date: date.clone(),
            };
            dry_run(&r, &change, &p.by, lang)?;
            let mut stored = Vec::new();
            for f in &p.evidence {
                stored.push(evidence::store(&r.review.ws.dir, f, lang)?);
            }
            if let Change::Report { evidence, .. } = &mut change {
                *evidence = stored;
            }
            save(&mut r, vec![change], &p.by, lang)
        }
        RectifyAction::Close(c) => save(
            &mut r,
            vec![Change::Close {
                id: c.id,
                opinion: c.opinion.trim().to_string(),
            }],
            &c.by,
            lang,
        ),
        RectifyAction::Return(c) => save(
            &mut r,
            vec![Change::Return {
                id: c.id,
                reason: c.reason.trim().to_string(),
            }],
            &c.by,
            lang,
        ),
        RectifyAction::Recheck(a) => super::rectify_recheck::recheck(&mut r, a, lang),
        RectifyAction::Rechecked(a) => super::rectify_recheck::rechecked(&mut r, a, lang),
        RectifyAction::Carry(a) => super::rectify_recheck::carry_in(&mut r, a, lang),
        RectifyAction::Refer(c) => save(
            &mut r,
            vec![Change::Refer {
                id: c.id,
                to: c.to.trim().to_string(),
                reason: c.reason.trim().to_string(),
            }],
            &c.by,
            lang,
        ),
        RectifyAction::Sheet(s) => super::rectify_sheet::sheet(&r, s, lang),
        RectifyAction::Import(i) => super::rectify_sheet::import(&mut r, i, lang),
    }
}

/// The date overdue is computed for.
pub fn as_of(text: Option<&str>, lang: Lang) -> Result<NaiveDate, String> {
    match text {
        Some(t) => parse_date(t).ok_or_else(|| {
            tr!(
                lang,
                "--as-of “{t}” 不是日期：请写成 2025-01-31",
                "--as-of “{t}” is not a date: write it as 2025-01-31"
            )
        }),
        None => Ok(today()),
    }
}

/// A date argument, in the one form records keep.
pub fn date_arg(flag: &str, text: &str, lang: Lang) -> Result<String, String> {
    parse_date(text)
        .map(crate::rectification::item::date_text)
        .ok_or_else(|| {
            tr!(
                lang,
                "{flag} “{text}” 不是日期：请写成 2025-01-31",
                "{flag} “{text}” is not a date: write it as 2025-01-31"
            )
        })
}

pub(super) fn check_agency(r: &Rectification, agency: &str, lang: Lang) -> Result<(), String> {
    let all = r.agencies();
    if all.iter().any(|a| a == agency) {
        return Ok(());
    }
    Err(tr!(
        lang,
        "没有执法机关“{agency}”的抽中案卷或整改事项。本次评查的执法机关：{}",
        "no drawn files or items of an agency “{agency}”. The agencies of this campaign: {}",
        all.join("、")
    ))
}

/// Check a step against the rules without writing it.
fn dry_run(r: &Rectification, change: &Change, by: &str, lang: Lang) -> Result<(), String> {
    r.check(&[(change.clone(), "cli".into())], by)
        .map(|_| ())
        .map_err(|x| x.render(lang))
}

fn save(r: &mut Rectification, changes: Vec<Change>, by: &str, lang: Lang) -> Outcome {
    let saved = r.commit(changes, by, "cli").map_err(|e| e.render(lang))?;
    report_saved(r, &saved, lang);
    Ok(0)
}

/// Say what was saved, with the record's new head.
pub fn report_saved(r: &Rectification, saved: &Saved, lang: Lang) {
    if let Some(p) = &saved.recovered {
        out!(
            "{}",
            tr!(
                lang,
                "注意：整改记录末尾有一行未写完（崩溃所致），已原样保存到 {} 后继续",
                "note: the record ended in an incomplete line (left by a crash); it was kept as {} before going on",
                p.display()
            )
        );
    }
    for e in &saved.events {
        let id = e.change.item().unwrap_or("");
        let status = r.book.get(id).map(|it| it.status.label(lang)).unwrap_or("");
        let what = match &e.change {
            Change::Plan { .. } => lang.pick("整改方案已记录", "plan recorded"),
            Change::Report { done: true, .. } => lang.pick("已报告整改完成", "reported done"),
            Change::Report { .. } => lang.pick("整改进展已记录", "progress recorded"),
            Change::Close { .. } => lang.pick("已销号", "closed"),
            Change::Return { .. } => lang.pick("已退回", "returned"),
            Change::Refer { .. } => lang.pick("已移送问责线索", "referred"),
            Change::Feedback { .. } => lang.pick("评查意见书已下发", "feedback issued"),
            Change::Carry { .. } => lang.pick("已带入上年未完成事项", "carried items in"),
            Change::RecheckCommit { .. } => {
                lang.pick("回头看承诺已记录", "re-check commitment recorded")
            }
            Change::Recheck { .. } => lang.pick("回头看抽查已记录", "re-check draw recorded"),
            Change::Rechecked { .. } => lang.pick("复查结果已记录", "re-check result recorded"),
        };
        out!(
            "{}",
            tr!(
                lang,
                "已保存（第 {} 号事件）：{id} {what}，当前状态：{status}",
                "saved (event {}): {id} {what}, now {status}",
                e.seq
            )
        );
    }
    out!(
        "{}",
        tr!(lang, "整改记录头：{}", "record head: {}", r.head())
    );
}

/// An item as JSON, with `overdue` computed for `as_of`.
pub fn item_json(it: &Item, as_of: NaiveDate) -> serde_json::Value {
    let mut v = serde_json::to_value(it).unwrap_or_default();
    if let Some(o) = v.as_object_mut() {
        o.insert("overdue".into(), json!(it.overdue(as_of)));
        o.insert("withdrawn".into(), json!(it.withdrawn()));
        o.insert("status_label".into(), json!(it.status.label(Lang::Zh)));
    }
    v
}

fn list(r: &Rectification, items: &[&Item], as_of: NaiveDate, format: TextOrJson, lang: Lang) {
    if format == TextOrJson::Json {
        let out = json!({
            "as_of": crate::rectification::item::date_text(as_of),
            "record_head": r.head(),
            "record_events": r.record.events.len(),
            "journal_head": r.review.journal.head(),
            "items": items.iter().map(|it| item_json(it, as_of)).collect::<Vec<_>>(),
        });
        let text = serde_json::to_string_pretty(&out).unwrap_or_default();
        out!("{}", crate::tui::text::json_safe(&text));
        return;
    }
    if items.is_empty() {
        out!(
            "{}",
            lang.pick(
                "没有符合条件的整改事项（整改事项在案卷定稿后产生）。",
                "no rectification items match (items arise when files are finalized)."
            )
        );
        return;
    }
    let (mut own, mut carried): (Vec<&&Item>, Vec<&&Item>) = (Vec::new(), Vec::new());
    for it in items {
        if it.carried.is_some() {
            carried.push(it);
        } else {
            own.push(it);
        }
    }
    let line = |it: &Item| {
        let overdue = if it.overdue(as_of) {
            lang.pick("  【逾期】", "  [OVERDUE]")
        } else {
            ""
        };
        let deadline = it.deadline.as_deref().unwrap_or(lang.pick("未定", "none"));
        let refer = if it.referral.is_some() {
            lang.pick("  【已移送】", "  [referred]")
        } else {
            ""
        };
        let status = if it.withdrawn() {
            lang.pick("已撤销（复核后不再扣分）", "withdrawn")
        } else {
            it.status.label(lang)
        };
        out!(
            "{}  {}  {}  {}  {}  {}：{}{}{}",
            it.id,
            status,
            it.agency,
            it.case_id,
            it.item,
            lang.pick("时限", "deadline"),
            deadline,
            overdue,
            refer
        );
        out!("      {}", short(&it.finding, 60));
    };
    for it in &own {
        line(it);
    }
    if !carried.is_empty() {
        out!(
            "{}",
            super::heading(
                lang,
                "上年带入事项（回头看）",
                "carried from last year (回头看)"
            )
        );
        for it in &carried {
            line(it);
        }
    }
    let overdue = items.iter().filter(|it| it.overdue(as_of)).count();
    let closed = items
        .iter()
        .filter(|it| it.status == Status::Closed)
        .count();
    out!(
        "{}",
        tr!(
            lang,
            "共 {} 项，已销号 {closed} 项，逾期 {overdue} 项（按 {} 计）。",
            "{} items, {closed} closed, {overdue} overdue (as of {}).",
            items.len(),
            as_of
        )
    );
}

fn short(text: &str, n: usize) -> String {
    let one = text.replace('\n', " ");
    if one.chars().count() <= n {
        one
    } else {
        one.chars().take(n).collect::<String>() + "…"
    }
}

fn show(it: &Item, as_of: NaiveDate, lang: Lang) {
    out!("{}  {}", it.id, it.status.label(lang));
    if it.overdue(as_of) {
        out!(
            "{}",
            tr!(
                lang,
                "已逾期（时限 {}）",
                "overdue (deadline {})",
                it.deadline.clone().unwrap_or_default()
            )
        );
    }
    out!("{}：{}", lang.pick("执法机关", "Agency"), it.agency);
    out!("{}：{}", lang.pick("案号", "Case"), it.case_id);
    out!("{}：{}", lang.pick("检查项", "Item"), it.item_label());
    out!("{}：{}", lang.pick("问题类别", "Category"), it.category);
    out!("{}：{}", lang.pick("具体问题", "Finding"), it.finding);
    if !it.evidence.is_empty() {
        out!("{}：{}", lang.pick("证据页码", "Evidence"), it.evidence);
    }
    if !it.basis.is_empty() {
        out!("{}：{}", lang.pick("依据", "Basis"), it.basis.join("；"));
    }
    if let Some(o) = &it.carried {
        out!(
            "{}",
            tr!(
                lang,
                "上年带入：{}，原编号 {}",
                "carried from {}, id there {}",
                o.campaign,
                o.id
            )
        );
    }
    out!(
        "{}：{}{}",
        lang.pick("整改时限", "Deadline"),
        it.deadline.as_deref().unwrap_or(lang.pick("未定", "none")),
        it.feedback_date.as_ref().map_or(String::new(), |d| tr!(
            lang,
            "（评查意见书 {d}）",
            " (feedback letter {d})"
        ))
    );
    if let Some(p) = &it.plan {
        out!(
            "{}：{}  {}：{}  {}：{}（{} {}）",
            lang.pick("责任领导", "Leader"),
            p.leader,
            lang.pick("责任人", "Owner"),
            p.owner,
            lang.pick("整改措施", "Measures"),
            p.measure,
            p.by,
            p.at
        );
    }
    for rep in &it.reports {
        let done = if rep.done {
            lang.pick("（申请销号）", " (done)")
        } else {
            ""
        };
        out!(
            "{}：{}{done}（{} {}）",
            lang.pick("整改情况", "Progress"),
            rep.progress,
            rep.by,
            rep.at
        );
        for e in &rep.evidence {
            out!(
                "    {}：{}  SHA-256 {}",
                lang.pick("佐证", "Evidence"),
                e.name,
                e.sha256
            );
        }
    }
    for n in &it.returns {
        out!(
            "{}：{}（{} {}）",
            lang.pick("退回", "Returned"),
            n.text,
            n.by,
            n.at
        );
    }
    if let Some(c) = &it.closed {
        let what = if c.withdrawn {
            lang.pick(
                "撤销（复核后不再扣分）",
                "withdrawn (no longer on the file)",
            )
        } else {
            lang.pick("销号", "Closed")
        };
        out!("{what}：{}（{} {}）", c.opinion, c.by, c.at);
    }
    if let Some(f) = &it.referral {
        out!(
            "{}：{} — {}（{} {}）",
            lang.pick("移送", "Referred"),
            f.to,
            f.reason,
            f.by,
            f.at
        );
    }
    for c in &it.rechecks {
        out!(
            "{}：{:?} {}（{} {}）",
            lang.pick("回头看复查", "Re-check"),
            c.result,
            c.note,
            c.by,
            c.at
        );
    }
}
