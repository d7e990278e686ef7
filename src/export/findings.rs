//! The findings the campaign forms are filled from. A finding is a checklist item decided 扣分
//! or 否决 in a **finalized** file (files still in progress may change, so they are left out;
//! every form says so and counts them). Its problem category is the item's category in the
//! campaign plan's category set (攸县 when no plan has been recorded yet). Findings are listed by
//! category in the order the source work plan lists them, then by agency (in the order of the
//! drawn files), then file and item order; the problem list and the ledger number them the same
//! way, so 序号 N is the same finding on both. Also the lines and footer every form shares.

use super::Column;
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
pub(super) struct Finding<'a> {
    pub(super) case: &'a str,
    /// Index of the drawn file, and of the item in its checklist.
    pub(super) file: usize,
    pub(super) index: usize,
    pub(super) agency: String,
    pub(super) item: &'a ChecklistItem,
    pub(super) decision: &'a Decision,
    pub(super) category: String,
}

/// The findings of a review, sorted for the forms, and what the preamble says about them.
pub(super) struct Findings<'a> {
    pub(super) set: CategorySet,
    /// Whether the set comes from a recorded plan (otherwise the default).
    pub(super) planned: bool,
    pub(super) list: Vec<Finding<'a>>,
    pub(super) finalized: usize,
    pub(super) in_progress: usize,
    pub(super) not_started: usize,
}

/// The category printed for an item that has none in the set (only possible with a checklist
/// that does not declare the set).
pub(super) fn uncategorised(lang: Lang) -> &'static str {
    lang.pick("（未归类）", "(uncategorised)")
}

/// The categories in print order: the set's, in document order, then any others found among
/// the findings (sorted).
pub(super) fn category_order(f: &Findings, lang: Lang) -> Vec<String> {
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

pub(super) fn collect(review: &Review, lang: Lang) -> Findings<'_> {
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
        for (index, (item, d)) in c.items.iter().zip(&st.decisions).enumerate() {
            let Some(d) = d else { continue };
            if !matches!(d.verdict, Verdict::Deduct | Verdict::Veto) {
                continue;
            }
            list.push(Finding {
                case: file.id(),
                file: i,
                index,
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

pub(super) fn pick_text<'a>(lang: Lang, zh: &'a str, en: &'a str) -> &'a str {
    if en.trim().is_empty() {
        zh
    } else {
        lang.pick(zh, en)
    }
}

/// The finding, and the 卷内页码 if any: `finding（卷内页码 evidence）`.
pub(super) fn finding_text(d: &Decision, lang: Lang) -> String {
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
pub(super) fn shorten(text: &str, n: usize) -> String {
    if text.chars().count() <= n {
        text.to_string()
    } else {
        text.chars().take(n).collect::<String>() + "…"
    }
}

/// The lines every form starts with: the campaign's category set, which files the findings
/// come from, and the records the form is tied to.
pub(super) fn preamble(review: &Review, f: &Findings, lang: Lang) -> Vec<String> {
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
pub(super) fn filled_by(lang: Lang) -> String {
    lang.pick(
        "填报单位（盖章）：________________　负责人（签字）：________________　填报时间：____________",
        "Reporting unit (seal): ________________   Head (signature): ________________   Date: ____________",
    )
    .into()
}

pub(super) fn footer(review: &Review, lang: Lang) -> String {
    tr!(
        lang,
        "抽取记录 SHA-256 {} | 日志头 {}",
        "draw record SHA-256 {} | journal head {}",
        review.draw_ref.sha256,
        review.journal.head()
    )
}

pub(super) fn columns(cols: &[(&str, &str, f64)], lang: Lang) -> Vec<Column> {
    cols.iter()
        .map(|(zh, en, w)| Column {
            header: lang.pick(zh, en).into(),
            width: *w,
        })
        .collect()
}
