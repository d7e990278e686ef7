//! The campaign forms filled from the review's findings (`findings`): the 问题清单 (seed 000,
//! 附件2) and the 情况统计表 (附件3). The 整改台账 is in `rectification`, filled from the
//! rectification record.
//!
//! The columns the office fills in (整治措施, 处理人数, …) are left empty; the export fills 整改问题数
//! from the rectification record. Everything is derived
//! from `Review` (that is, from the journal); findings reach the files only through `Table`,
//! whose writers neutralise would-be formulas.

use super::findings::{
    category_order, collect, columns, filled_by, finding_text, footer, preamble,
};
use super::Table;
use crate::checklist::categories::CategorySet;
use crate::i18n::Lang;
use crate::review::Review;
use crate::tr;

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

/// 情况统计表 (seed 000, 附件3): one row per category of the set plus 合计; 发现问题数 is filled
/// from the findings (and 整改问题数, by `statistics_with`, from the rectification items).
pub fn statistics(review: &Review, lang: Lang) -> Table {
    statistics_with(review, None, lang)
}

/// The 情况统计表 with 整改问题数 filled from the rectification items: the findings whose item
/// is closed by 销号 (a withdrawn item is no longer a finding at all).
pub fn statistics_with(
    review: &Review,
    book: Option<&crate::rectification::book::Book>,
    lang: Lang,
) -> Table {
    let f = collect(review, lang);
    let mut pre = vec![filled_by(lang)];
    pre.extend(preamble(review, &f, lang));
    let rectified = |c: Option<&str>| -> String {
        let Some(book) = book else {
            return String::new();
        };
        f.list
            .iter()
            .filter(|x| c.is_none_or(|c| x.category == c))
            .filter(|x| {
                book.of_finding(x.file, x.index)
                    .is_some_and(|it| it.status == crate::rectification::item::Status::Closed)
            })
            .count()
            .to_string()
    };
    let mut rows: Vec<Vec<String>> = category_order(&f, lang)
        .into_iter()
        .map(|c| {
            let n = f.list.iter().filter(|x| x.category == c).count();
            let done = rectified(Some(&c));
            vec![c, n.to_string(), done, String::new(), String::new()]
        })
        .collect();
    rows.push(vec![
        lang.pick("合计", "Total").into(),
        f.list.len().to_string(),
        rectified(None),
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
