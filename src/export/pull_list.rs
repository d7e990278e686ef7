//! The pull list (调卷清单): which files each agency must hand over — by stratum, the sample
//! files by rank, then the alternates by rank, which are pulled only in place of a missing sample
//! file, in order, with the reason recorded. 调取情况 and 备注 are left for the person pulling the
//! files to fill in by hand; the draw record's digest ties the sheet to the draw.

use super::{column_list, Table};
use crate::i18n::Lang;
use crate::register::population::Role;
use crate::review::Review;
use crate::tr;

pub fn table(review: &Review, lang: Lang) -> Table {
    let mut files: Vec<_> = review.files.iter().collect();
    files.sort_by(|a, b| a.selected.listing_key().cmp(&b.selected.listing_key()));

    let rows: Vec<Vec<String>> = files
        .iter()
        .map(|f| {
            let d = f.details.as_ref();
            let stratum = f.selected.stratum.join(" / ");
            let agency = f.agency();
            // When strata are finer than agencies, say which stratum the ranks belong to.
            let note = if d.is_none() {
                lang.pick(
                    "案卷目录中无此案详情，请按案号调取",
                    "no register details for this case; pull it by case id",
                )
                .to_string()
            } else if stratum != agency {
                tr!(lang, "分层：{stratum}", "stratum: {stratum}")
            } else {
                String::new()
            };
            vec![
                agency,
                f.selected.role.label(lang).to_string(),
                f.selected.rank.to_string(),
                f.id().to_string(),
                d.map(|d| d.title.clone()).unwrap_or_default(),
                f.case_type().to_string(),
                d.map(|d| d.closed_date.clone()).unwrap_or_default(),
                String::new(),
                note,
            ]
        })
        .collect();

    let count = |role: Role| files.iter().filter(|f| f.selected.role == role).count();
    let (samples, alternates, targeted) = (
        count(Role::Sample),
        count(Role::Alternate),
        count(Role::Targeted),
    );
    let agencies = files
        .iter()
        .map(|f| f.agency())
        .collect::<std::collections::BTreeSet<_>>()
        .len();

    let mut pre = Vec::new();
    if let Some(name) = review.ws.campaign().ok().and_then(|(c, _)| c.name) {
        pre.push(tr!(lang, "专项名称：{name}", "Campaign: {name}"));
    }
    let d = &review.draw_ref;
    pre.push(tr!(
        lang,
        "抽取记录：{}（第 {} 次）SHA-256 {}；抽取时间 {}",
        "Draw record: {} (no. {}) SHA-256 {}; drawn at {}",
        d.file,
        d.number,
        d.sha256,
        review.draw.drawn_at
    ));
    pre.push(tr!(
        lang,
        "被评查单位 {agencies} 个；样本案卷 {samples} 件，备选案卷 {alternates} 件",
        "{agencies} agencies; {samples} sample files, {alternates} alternates"
    ));
    if targeted > 0 {
        pre.push(tr!(
            lang,
            "另有重点抽查案卷 {targeted} 件（风险筛查标出，承诺中固定，类别“重点抽查”），须全部调取；其评查结果单独统计，不计入随机抽取",
            "Also {targeted} targeted files (flagged by the risk scan, fixed in the commitment, role \"targeted\"), all to be pulled; their results are counted apart from the random sample"
        ));
    }
    pre.push(
        lang.pick(
            "样本案卷须全部调取。备选案卷仅在样本案卷缺失时按序号依次调取，并记录原因",
            "Every sample file must be pulled. Alternates are pulled only when a sample file is missing, strictly in rank order, and the reason is recorded",
        )
        .to_string(),
    );
    pre.push(
        lang.pick(
            "“调取情况”填写“已调取”或缺失原因；启用备选案卷时，在“备注”中写明所替代的样本案卷案号",
            "Under Pulled, write \"pulled\" or why the file is missing; for an alternate taken up, note under Remarks which sample file it replaces",
        )
        .to_string(),
    );

    let columns = column_list(&[
        (lang.pick("被评查单位", "Agency"), 22.0),
        (lang.pick("类别", "Role"), 6.0),
        (lang.pick("序号", "Rank"), 5.0),
        (lang.pick("案号", "Case id"), 22.0),
        (lang.pick("案件名称", "Case"), 28.0),
        (lang.pick("案件类型", "Case type"), 14.0),
        (lang.pick("办结日期", "Closed"), 11.0),
        (lang.pick("调取情况", "Pulled"), 14.0),
        (lang.pick("备注", "Remarks"), 14.0),
    ]);

    let signatures = vec![
        tr!(
            lang,
            "调卷人（签字）：________________　日期：____________",
            "Collected by (signature): ________________   Date: ____________"
        ),
        tr!(
            lang,
            "交卷单位经办人（签字）：________________　日期：____________",
            "Handed over by, for the agency (signature): ________________   Date: ____________"
        ),
    ];

    Table {
        name: lang.pick("调卷清单", "pull-list").into(),
        title: lang
            .pick("行政执法案卷调卷清单", "Pull list of the drawn case files")
            .into(),
        preamble: pre,
        columns,
        rows,
        signatures,
        footer: tr!(
            lang,
            "抽取记录 {} SHA-256 {}",
            "draw record {} SHA-256 {}",
            d.file,
            d.sha256
        ),
    }
}
