//! The campaign forms filled from the review's findings: the 问题清单 (seed 000, 附件2), the
//! 情况统计表 (附件3) and the 整改台账 ("定领导、定责任、定方案、定时限 … 限期整改，逐一销号").
//!
//! A finding is a checklist item decided 扣分 or 否决 in a **finalized** file (files still in
//! progress may change, so they are left out; every form says so and counts them). Its problem
//! category is the item's category in the campaign plan's category set (攸县 when no plan has been
//! recorded yet). Findings are listed by category in the order the source work plan lists them,
//! then by agency (in the order of the drawn files), then file and item order; the problem list
//! and the ledger number them the same way, so 序号 N is the same finding on both.
//!
//! The columns the office fills in (整治措施, 整改问题数, 责任人, 整改时限, …) are left empty.
//! Everything is derived from `Review` (that is, from the journal); findings reach the files only
//! through `Table`, whose writers neutralise would-be formulas.

use super::{Column, Table};
use crate::checklist::categories::CategorySet;
use crate::checklist::ChecklistItem;
use crate::i18n::Lang;
use crate::register::population::Role;
use crate::review::decision::{Decision, Verdict};
use crate::review::state::Status;
use crate::review::Review;
use crate::tr;
use std::collections::HashMap;

/// One finding, with what the forms print about it.
struct Finding<'a> {
    case: &'a str,
    agency: String,
    item: &'a ChecklistItem,
    decision: &'a Decision,
    category: String,
}

/// The findings of a review, sorted for the forms, and what the preamble says about them.
struct Findings<'a> {
    set: CategorySet,
    /// Whether the set comes from a recorded plan (otherwise the default).
    planned: bool,
    list: Vec<Finding<'a>>,
    finalized: usize,
    in_progress: usize,
    not_started: usize,
}

/// The category printed for an item that has none in the set (only possible with a checklist
/// that does not declare the set).
fn uncategorised(lang: Lang) -> &'static str {
    lang.pick("（未归类）", "(uncategorised)")
}

/// The categories in print order: the set's, in document order, then any others found among
/// the findings (sorted).
fn category_order(f: &Findings, lang: Lang) -> Vec<String> {
    let mut order: Vec<String> = f.set.categories().iter().map(|c| c.to_string()).collect();
    let mut extra: Vec<String> = f
        .list
        .iter()
        .map(|x| x.category.clone())
        .filter(|c| !order.contains(c))
        .collect();
    extra.sort();
    extra.dedup();
    // The placeholder for a missing category goes last.
    let missing = uncategorised(lang);
    extra.sort_by_key(|c| c == missing);
    order.extend(extra);
    order
}

fn collect(review: &Review, lang: Lang) -> Findings<'_> {
    let (set, planned) = match &review.plan {
        Some((p, _)) => (p.category_set, true),
        None => (CategorySet::Youxian, false),
    };
    let mut first_seen: HashMap<String, usize> = HashMap::new();
    for (i, f) in review.files.iter().enumerate() {
        first_seen.entry(f.agency()).or_insert(i);
    }
    let (mut finalized, mut in_progress, mut not_started) = (0, 0, 0);
    let mut list = Vec::new();
    for (i, file) in review.files.iter().enumerate() {
        let st = &review.states[i];
        match st.status {
            // Alternates not called upon are not files "left out".
            Status::NotStarted if file.selected.role == Role::Alternate => {}
            Status::NotStarted => not_started += 1,
            Status::InProgress => in_progress += 1,
            Status::Finalized { .. } => finalized += 1,
        }
        if !matches!(st.status, Status::Finalized { .. }) {
            continue;
        }
        let Some(c) = review.checklist_of(i) else {
            continue;
        };
        for (item, d) in c.items.iter().zip(&st.decisions) {
            let Some(d) = d else { continue };
            if !matches!(d.verdict, Verdict::Deduct | Verdict::Veto) {
                continue;
            }
            list.push(Finding {
                case: file.id(),
                agency: file.agency(),
                item,
                decision: d,
                category: item
                    .category
                    .get(&set)
                    .cloned()
                    .unwrap_or_else(|| uncategorised(lang).to_string()),
            });
        }
    }
    let mut f = Findings {
        set,
        planned,
        list,
        finalized,
        in_progress,
        not_started,
    };
    let order = category_order(&f, lang);
    let rank = |c: &str| order.iter().position(|o| o == c).unwrap_or(order.len());
    // Stable: within a category and agency, file order then item order are kept.
    f.list.sort_by_key(|x| {
        (
            rank(&x.category),
            first_seen.get(&x.agency).copied().unwrap_or(usize::MAX),
        )
    });
    f
}

fn pick_text<'a>(lang: Lang, zh: &'a str, en: &'a str) -> &'a str {
    if en.trim().is_empty() {
        zh
    } else {
        lang.pick(zh, en)
    }
}

/// The finding, and the 卷内页码 if any: `finding（卷内页码 evidence）`.
fn finding_text(d: &Decision, lang: Lang) -> String {
    let finding = d.finding.as_deref().unwrap_or("");
    match d.evidence.as_deref().filter(|e| !e.is_empty()) {
        Some(e) if finding.is_empty() => tr!(lang, "卷内页码 {e}", "evidence: {e}"),
        Some(e) => tr!(
            lang,
            "{finding}（卷内页码 {e}）",
            "{finding} (evidence: {e})"
        ),
        None => finding.to_string(),
    }
}

/// At most `n` characters of `text`, with `…` when cut.
fn shorten(text: &str, n: usize) -> String {
    if text.chars().count() <= n {
        text.to_string()
    } else {
        text.chars().take(n).collect::<String>() + "…"
    }
}

/// The lines every form starts with: the campaign's category set, which files the findings
/// come from, and the records the form is tied to.
fn preamble(review: &Review, f: &Findings, lang: Lang) -> Vec<String> {
    let mut pre = vec![if f.planned {
        tr!(
            lang,
            "专项整治：{}（问题类别按评查方案）",
            "Campaign: {} (problem categories as in the review plan)",
            f.set.title()
        )
    } else {
        tr!(
            lang,
            "专项整治：{}（尚未记录评查方案，按默认类别）",
            "Campaign: {} (no review plan recorded yet; default categories)",
            f.set.title()
        )
    }];
    pre.push(tr!(
        lang,
        "统计范围：仅已定稿（已完成）的案卷 {} 件；进行中 {} 件、未开始 {} 件未计入。问题指结论为“扣分”或“否决”的评查条目，共 {} 个",
        "Scope: finalized files only ({}); {} in progress and {} not started are not included. A finding is a checklist item decided “deduct” or “veto”: {} in all",
        f.finalized,
        f.in_progress,
        f.not_started,
        f.list.len()
    ));
    let d = &review.draw_ref;
    pre.push(tr!(
        lang,
        "抽取记录：{}（第 {} 次）SHA-256 {}",
        "Draw record: {} (no. {}) SHA-256 {}",
        d.file,
        d.number,
        d.sha256
    ));
    if let Some((_, p)) = &review.plan {
        pre.push(tr!(
            lang,
            "评查方案：{}（第 {} 号）SHA-256 {}",
            "Review plan: {} (no. {}) SHA-256 {}",
            p.file,
            p.number,
            p.sha256
        ));
    }
    if !review.journal.breaks.is_empty() {
        pre.push(
            lang.pick(
                "注意：评查日志校验未通过（anjuan verify 可列出出错的行），本表内容不可作为定论",
                "Warning: the review journal does not verify (anjuan verify names the lines); this form cannot be relied on",
            )
            .into(),
        );
    }
    pre
}

/// 填报单位（盖章）… as on the source forms.
fn filled_by(lang: Lang) -> String {
    lang.pick(
        "填报单位（盖章）：________________　负责人（签字）：________________　填报时间：____________",
        "Reporting unit (seal): ________________   Head (signature): ________________   Date: ____________",
    )
    .into()
}

fn footer(review: &Review, lang: Lang) -> String {
    tr!(
        lang,
        "抽取记录 SHA-256 {} | 日志头 {}",
        "draw record SHA-256 {} | journal head {}",
        review.draw_ref.sha256,
        review.journal.head()
    )
}

fn columns(cols: &[(&str, &str, f64)], lang: Lang) -> Vec<Column> {
    cols.iter()
        .map(|(zh, en, w)| Column {
            header: lang.pick(zh, en).into(),
            width: *w,
        })
        .collect()
}

/// 问题清单 (seed 000, 附件2): one row per finding, by category then agency.
pub fn problem_list(review: &Review, lang: Lang) -> Table {
    let f = collect(review, lang);
    let mut pre = vec![filled_by(lang)];
    pre.extend(preamble(review, &f, lang));
    let rows = f
        .list
        .iter()
        .enumerate()
        .map(|(n, x)| {
            vec![
                (n + 1).to_string(),
                x.category.clone(),
                tr!(
                    lang,
                    "{} {}：{}",
                    "{} {}: {}",
                    x.case,
                    x.item.id,
                    finding_text(x.decision, lang)
                ),
                String::new(),
                x.agency.clone(),
            ]
        })
        .collect();
    Table {
        name: lang.pick("问题清单", "problem-list").into(),
        title: match (f.set, lang) {
            (CategorySet::Youxian, Lang::Zh) => "行政执法乱象专项整治问题清单".into(),
            (_, Lang::Zh) => "行政执法突出问题专项整治问题清单".into(),
            (_, Lang::En) => "List of problems found (enforcement campaign)".into(),
        },
        preamble: pre,
        columns: columns(
            &[
                ("序号", "No.", 6.0),
                ("问题类别", "Category", 18.0),
                ("具体表现", "Problem", 52.0),
                ("整治措施", "Measures", 30.0),
                ("责任部门", "Responsible unit", 22.0),
            ],
            lang,
        ),
        rows,
        signatures: vec![lang
            .pick(
                "备注：要求每一个具体问题分栏填写，表述简洁明了。“整治措施”由责任部门填写。",
                "Note: one problem per row, stated briefly. “Measures” is filled in by the responsible unit.",
            )
            .into()],
        footer: footer(review, lang),
    }
}

/// 情况统计表 (seed 000, 附件3): one row per category of the set plus 合计; only 发现问题数 is
/// filled from the findings.
pub fn statistics(review: &Review, lang: Lang) -> Table {
    let f = collect(review, lang);
    let mut pre = vec![filled_by(lang)];
    pre.extend(preamble(review, &f, lang));
    let mut rows: Vec<Vec<String>> = category_order(&f, lang)
        .into_iter()
        .map(|c| {
            let n = f.list.iter().filter(|x| x.category == c).count();
            vec![
                c,
                n.to_string(),
                String::new(),
                String::new(),
                String::new(),
            ]
        })
        .collect();
    rows.push(vec![
        lang.pick("合计", "Total").into(),
        f.list.len().to_string(),
        String::new(),
        String::new(),
        String::new(),
    ]);
    Table {
        name: lang.pick("统计表", "statistics").into(),
        title: match (f.set, lang) {
            (CategorySet::Youxian, Lang::Zh) => "行政执法乱象专项整治情况统计表".into(),
            (_, Lang::Zh) => "行政执法突出问题专项整治情况统计表".into(),
            (_, Lang::En) => "Statistics of the enforcement campaign".into(),
        },
        preamble: pre,
        columns: columns(
            &[
                ("问题类别", "Category", 26.0),
                ("发现问题数", "Found", 12.0),
                ("整改问题数", "Rectified", 12.0),
                ("处理人数", "Persons dealt with", 12.0),
                (
                    "党纪政务处分人数",
                    "Party or administrative sanctions",
                    18.0,
                ),
            ],
            lang,
        ),
        rows,
        signatures: vec![
            lang.pick("备注：", "Notes:").into(),
            lang.pick(
                "党委（组）主要负责人审核（签字）：________________　日期：____________",
                "Approved by the head of the Party committee (signature): ________________   Date: ____________",
            )
            .into(),
        ],
        footer: footer(review, lang),
    }
}

/// 整改台账: one row per finding (numbered as on the problem list), with empty columns for the
/// follow-up — measures, person responsible, deadline, progress, closing date, checker.
pub fn rectification_ledger(review: &Review, lang: Lang) -> Table {
    let f = collect(review, lang);
    let mut pre = preamble(review, &f, lang);
    pre.push(
        lang.pick(
            "要求：定领导、定责任、定方案、定时限，限期整改，逐一销号。",
            "Each problem gets a leader, a responsible person, a plan and a deadline; rectify in time and close each one.",
        )
        .into(),
    );
    let rows = f
        .list
        .iter()
        .enumerate()
        .map(|(n, x)| {
            let text = pick_text(lang, &x.item.text, &x.item.text_en);
            let mut row = vec![
                (n + 1).to_string(),
                x.agency.clone(),
                x.case.to_string(),
                format!("{} {}", x.item.id, shorten(text, 30)),
                x.category.clone(),
                finding_text(x.decision, lang),
                x.item.basis.join(lang.pick("；", "; ")),
                String::new(),
                x.agency.clone(),
            ];
            row.extend(std::iter::repeat_n(String::new(), 5));
            row
        })
        .collect();
    Table {
        name: lang.pick("整改台账", "rectification-ledger").into(),
        title: lang
            .pick(
                "行政执法案卷评查问题整改台账",
                "Rectification ledger of the case-file review findings",
            )
            .into(),
        preamble: pre,
        columns: columns(
            &[
                ("序号", "No.", 5.0),
                ("被评查单位", "Agency reviewed", 14.0),
                ("案号", "Case id", 16.0),
                ("检查项", "Item", 22.0),
                ("问题类别", "Category", 12.0),
                ("具体表现", "Problem", 28.0),
                ("依据", "Basis", 16.0),
                ("整改措施", "Measures", 16.0),
                ("责任单位", "Responsible unit", 14.0),
                ("责任人", "Responsible person", 8.0),
                ("整改时限", "Deadline", 10.0),
                ("整改情况", "Progress", 14.0),
                ("销号日期", "Closed on", 10.0),
                ("复核人", "Checked by", 8.0),
            ],
            lang,
        ),
        rows,
        signatures: vec![lang
            .pick(
                "填报人（签字）：________________　审核人（签字）：________________　日期：____________",
                "Prepared by (signature): ________________   Approved by (signature): ________________   Date: ____________",
            )
            .into()],
        footer: footer(review, lang),
    }
}
