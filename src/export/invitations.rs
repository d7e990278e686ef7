//! The invitation list (邀请名单) of a 民主评议 panel drawn from regulated entities: each seat
//! with the entity now holding it, its contact details for the office to phone and write, who
//! was replaced and why, then the alternates not yet called in the order they would be. It
//! carries 当事人-like data (legal representative, contacts) and is marked for the office only;
//! nothing published is made from it.

use super::{column_list, Table};
use crate::i18n::Lang;
use crate::panel::Panel;
use crate::register::import::CaseDetails;
use crate::register::population::Role;
use crate::review::Review;
use crate::tr;
use std::collections::{HashMap, HashSet};

pub fn stem(lang: Lang) -> &'static str {
    lang.pick("邀请名单", "invitation-list")
}

pub fn table(review: &Review, panel: &Panel, lang: Lang) -> Table {
    let by_id: HashMap<&str, &CaseDetails> = review
        .files
        .iter()
        .filter_map(|f| f.details.as_ref().map(|d| (f.id(), d)))
        .collect();
    let details = |id: &str| by_id.get(id).copied();
    let row = |n: usize, id: &str, stratum: String, what: String, note: String| {
        let d = details(id);
        let field = |f: fn(&CaseDetails) -> &String| d.map(|d| f(d).clone()).unwrap_or_default();
        vec![
            n.to_string(),
            stratum,
            what,
            id.to_string(),
            field(|d| &d.title),
            field(|d| &d.case_type),
            field(|d| &d.party),
            field(|d| &d.contact),
            field(|d| &d.phone),
            field(|d| &d.address),
            note,
            String::new(),
        ]
    };
    let mut rows = Vec::new();
    for (i, seat) in panel.seats.iter().enumerate() {
        let s = &seat.selected;
        let (what, note) = if seat.replaced.is_empty() {
            (
                tr!(lang, "抽中第 {} 名", "drawn, rank {}", s.rank),
                String::new(),
            )
        } else {
            let chain: Vec<String> = seat
                .replaced
                .iter()
                .map(|(id, reason)| tr!(lang, "{id}（{reason}）", "{id} ({reason})"))
                .collect();
            (
                tr!(
                    lang,
                    "替补（备选第 {} 名）",
                    "replacement (alternate {})",
                    s.rank
                ),
                tr!(lang, "替补：{}", "replaces: {}", chain.join(" → ")),
            )
        };
        rows.push(row(i + 1, &s.case_id, s.stratum.join(" / "), what, note));
    }
    let called: HashSet<&str> = panel
        .replacements
        .iter()
        .map(|(_, r)| r.replacement.as_str())
        .collect();
    let mut waiting: Vec<_> = panel
        .draw
        .selected
        .iter()
        .filter(|s| s.role == Role::Alternate && !called.contains(s.case_id.as_str()))
        .collect();
    waiting.sort_by(|a, b| a.listing_key().cmp(&b.listing_key()));
    let seated = rows.len();
    for (i, s) in waiting.iter().enumerate() {
        rows.push(row(
            seated + i + 1,
            &s.case_id,
            s.stratum.join(" / "),
            tr!(lang, "备选第 {} 名（未启用）", "alternate {} (not called)", s.rank),
            lang.pick(
                "仅在本层代表不能到场时按序替补（anjuan replace）",
                "called only in rank order when a representative of its stratum cannot come (anjuan replace)",
            )
            .to_string(),
        ));
    }

    let d = &panel.draw_ref;
    let mut pre = vec![lang
        .pick(
            "内部资料：含联系方式，仅供办公室联系代表使用，不得公开或外传",
            "Office use only: contains contact details, not to be published or passed on",
        )
        .to_string()];
    if let Some(name) = review.ws.campaign().ok().and_then(|(c, _)| c.name) {
        pre.push(tr!(lang, "专项名称：{name}", "Campaign: {name}"));
    }
    pre.push(tr!(
        lang,
        "抽取记录：{}（第 {} 次）SHA-256 {}；抽取时间 {}",
        "Draw record: {} (no. {}) SHA-256 {}; drawn at {}",
        d.file,
        d.number,
        d.sha256,
        panel.draw.drawn_at
    ));
    pre.push(tr!(
        lang,
        "民主评议代表 {seated} 名（其中替补 {}）；未启用备选 {}",
        "{seated} representatives ({} of them replacements); {} alternates not called",
        panel
            .seats
            .iter()
            .filter(|s| !s.replaced.is_empty())
            .count(),
        waiting.len()
    ));
    let columns = column_list(&[
        (lang.pick("序号", "No."), 5.0),
        (lang.pick("分层", "Stratum"), 14.0),
        (lang.pick("身份", "Seat"), 14.0),
        (lang.pick("统一社会信用代码", "Credit code"), 20.0),
        (lang.pick("名称", "Name"), 26.0),
        (lang.pick("主体类型", "Type"), 10.0),
        (lang.pick("法定代表人", "Representative"), 10.0),
        (lang.pick("联系人", "Contact"), 10.0),
        (lang.pick("联系电话", "Phone"), 14.0),
        (lang.pick("地址", "Address"), 24.0),
        (lang.pick("替补说明", "Replacement"), 20.0),
        (lang.pick("到场签到", "Signed in"), 10.0),
    ]);
    let last = panel.replacements.last().map(|(f, _)| f.as_str());
    Table {
        name: stem(lang).into(),
        title: lang
            .pick("民主评议代表邀请名单", "Invitation list of the drawn panel")
            .into(),
        preamble: pre,
        columns,
        rows,
        signatures: vec![tr!(
            lang,
            "联系人（签字）：________________　日期：____________",
            "Contacted by (signature): ________________   Date: ____________"
        )],
        footer: match last {
            Some(f) => tr!(
                lang,
                "抽取记录 {} SHA-256 {}；替补至 {f}",
                "draw record {} SHA-256 {}; replacements to {f}",
                d.file,
                d.sha256
            ),
            None => tr!(
                lang,
                "抽取记录 {} SHA-256 {}",
                "draw record {} SHA-256 {}",
                d.file,
                d.sha256
            ),
        },
    }
}
