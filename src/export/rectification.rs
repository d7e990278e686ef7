//! The rectification sheets: the 整改台账 ("定领导、定责任、定方案、定时限 … 限期整改，逐一销号"), one
//! row per finding numbered as on the problem list.

use super::findings::{collect, columns, finding_text, footer, pick_text, preamble, shorten};
use super::Table;
use crate::i18n::Lang;
use crate::review::Review;

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
