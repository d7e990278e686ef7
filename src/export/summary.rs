//! The agency summary (评查情况汇总表): one row per agency reviewed, ranked by average score —
//! files drawn, files finalized, files per grade with their share, vetoed files, average,
//! highest and lowest score — and a total row over all agencies. Only finalized files count;
//! the preamble says so when some sample files are not finalized yet, and ties the sheet to the
//! draw record and the journal head.

use super::figures::{AgencyFigures, Figures, Part};
use super::{column_list, Column, Table};
use crate::i18n::Lang;
use crate::review::Review;
use crate::tr;

/// The cells after the agency name: 抽取数, 实评数, one per grade, 否决件数, 平均分, 最高分, 最低分.
fn cells(a: &AgencyFigures) -> Vec<String> {
    let n = a.finalized();
    let mut cells = vec![a.drawn.to_string(), n.to_string()];
    if n == 0 {
        cells.extend(std::iter::repeat_n(String::new(), a.grades.len() + 4));
        return cells;
    }
    for &k in &a.grades {
        cells.push(format!("{k}（{}%）", a.share(k)));
    }
    cells.push(a.vetoed.to_string());
    cells.push(a.average_text());
    cells.push(a.highest().unwrap_or_default().to_string());
    cells.push(a.lowest().unwrap_or_default().to_string());
    cells
}

pub fn table(review: &Review, lang: Lang) -> Table {
    table_of(review, &Figures::of(review, lang), lang)
}

/// The summary of `figures` (computed from `review`, whose records the preamble names): the
/// random sample's.
pub fn table_of(review: &Review, figures: &Figures, lang: Lang) -> Table {
    table_for(review, figures, Part::Random, lang)
}

/// The same summary of the targeted files (重点抽查情况汇总表), when the draw has any.
pub fn targeted_table(review: &Review, figures: &Figures, lang: Lang) -> Option<Table> {
    let t = figures.targeted.as_deref()?;
    Some(table_for(review, t, Part::Targeted, lang))
}

fn table_for(review: &Review, figures: &Figures, part: Part, lang: Lang) -> Table {
    let f = figures;
    let mut rows = Vec::new();
    for a in &f.agencies {
        let mut row = vec![
            a.rank.map(|r| r.to_string()).unwrap_or_default(),
            a.agency.clone(),
        ];
        row.extend(cells(a));
        rows.push(row);
    }
    let mut row = vec![String::new(), f.total.agency.clone()];
    row.extend(cells(&f.total));
    rows.push(row);
    let (samples, alternates) = (f.samples, f.alternates);
    let (finalized, in_progress, not_started) = (f.finalized, f.in_progress, f.not_started);

    let mut pre = Vec::new();
    if let Some(name) = review.ws.campaign().ok().and_then(|(c, _)| c.name) {
        pre.push(tr!(lang, "专项名称：{name}", "Campaign: {name}"));
    }
    let d = &review.draw_ref;
    pre.push(tr!(
        lang,
        "抽取记录：{}（第 {} 次）SHA-256 {}",
        "Draw record: {} (no. {}) SHA-256 {}",
        d.file,
        d.number,
        d.sha256
    ));
    match part {
        Part::Random => pre.push(tr!(
            lang,
            "抽取样本 {samples} 件（另有备选 {alternates} 件）；已定稿 {finalized} 件，进行中 {in_progress} 件，未开始 {not_started} 件（含已启用的备选案卷）",
            "Sample of {samples} files ({alternates} alternates); finalized {finalized}, in progress {in_progress}, not started {not_started} (alternates taken up included)"
        )),
        Part::Targeted => pre.push(tr!(
            lang,
            "重点抽查 {samples} 件（风险筛查标出，承诺中固定）；已定稿 {finalized} 件，进行中 {in_progress} 件，未开始 {not_started} 件。本表不计入随机抽取的统计",
            "Targeted files: {samples} (flagged by the risk scan, fixed in the commitment); finalized {finalized}, in progress {in_progress}, not started {not_started}. Not counted in the random sample's figures"
        )),
    }
    if let Some(t) = &f.targeted {
        pre.push(tr!(
            lang,
            "本表只统计随机抽取的案卷；重点抽查的 {} 件另表统计（重点抽查情况汇总表），不计入本表",
            "This table counts the random sample only; the {} targeted files are summarised apart (targeted-summary) and not counted here",
            t.samples
        ));
    }
    if !f.all_samples_final {
        pre.push(
            lang.pick(
                "以下统计仅含已定稿案卷",
                "The figures below count finalized files only",
            )
            .to_string(),
        );
    }
    if !review.journal.breaks.is_empty() {
        pre.push(tr!(
            lang,
            "注意：评查日志有 {} 处断裂，请先运行 anjuan verify 查明，以下数字不能作准",
            "Warning: the review journal has {} breaks; run anjuan verify first, the figures below cannot be relied on",
            review.journal.breaks.len()
        ));
    }
    pre.push(tr!(
        lang,
        "排名依平均分从高到低，平均分相同时实评数多者在前，再按单位名称；无已定稿案卷的单位列于最后，不排名",
        "Ranked by average score, then by files finalized, then by name; agencies with no finalized file come last, unranked"
    ));

    let mut columns = column_list(&[
        (lang.pick("排名", "Rank"), 5.0),
        (lang.pick("被评查单位", "Agency"), 26.0),
        (lang.pick("抽取数", "Drawn"), 7.0),
        (lang.pick("实评数", "Finalized"), 8.0),
    ]);
    for g in &f.grades {
        columns.push(Column {
            header: g.pick(lang).to_string(),
            width: 11.0,
        });
    }
    columns.extend(
        [
            (lang.pick("否决件数", "Vetoed"), 8.0),
            (lang.pick("平均分", "Average"), 7.0),
            (lang.pick("最高分", "Highest"), 7.0),
            (lang.pick("最低分", "Lowest"), 7.0),
        ]
        .into_iter()
        .map(|(h, w)| Column {
            header: h.into(),
            width: w,
        }),
    );

    let signatures = vec![
        tr!(
            lang,
            "填报单位（盖章）：________________________",
            "Reporting unit (seal): ________________________"
        ),
        tr!(
            lang,
            "负责人（签字）：________________",
            "Person in charge (signature): ________________"
        ),
        tr!(
            lang,
            "填报时间：________年____月____日",
            "Date: ____________"
        ),
    ];

    let (name, title) = match part {
        Part::Random => (
            lang.pick("评查情况汇总表", "review-summary"),
            lang.pick(
                "行政执法案卷评查情况汇总表",
                "Summary of the case file review by agency",
            ),
        ),
        Part::Targeted => (
            lang.pick("重点抽查情况汇总表", "targeted-summary"),
            lang.pick(
                "行政执法案卷重点抽查情况汇总表",
                "Summary of the targeted case files by agency",
            ),
        ),
    };
    Table {
        name: name.into(),
        title: title.into(),
        preamble: pre,
        columns,
        rows,
        signatures,
        footer: tr!(
            lang,
            "抽取记录 SHA-256 {} | 日志头 {}",
            "draw record SHA-256 {} | journal head {}",
            d.sha256,
            review.journal.head()
        ),
    }
}
