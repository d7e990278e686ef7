//! The rectification sheets, filled from the rectification record: the 整改台账 ("定领导、定责任、
//! 定方案、定时限 … 限期整改，逐一销号") with one row per finding numbered as on the problem list
//! (then the items carried from last year), the 整改进度汇总表 per agency, and the 问责线索移交清单.
//!
//! 逾期 depends on the day: every sheet is computed as of one date (`as_of`), printed on it and
//! recorded in the export's manifest, so `verify --export` rebuilds the same bytes later.

use super::findings::{collect, columns, finding_text, pick_text, preamble, shorten};
use super::Table;
use crate::i18n::Lang;
use crate::rectification::item::{date_text, Item, Status};
use crate::rectification::Rectification;
use crate::tr;
use chrono::NaiveDate;

/// The footer: draw, journal head and record head.
fn footer(r: &Rectification, lang: Lang) -> String {
    tr!(
        lang,
        "抽取记录 SHA-256 {} | 日志头 {} | 整改记录头 {}",
        "draw record SHA-256 {} | journal head {} | record head {}",
        r.review.draw_ref.sha256,
        r.review.journal.head(),
        r.head()
    )
}

fn as_of_line(as_of: NaiveDate, r: &Rectification, lang: Lang) -> String {
    tr!(
        lang,
        "统计日期：{}（逾期按此日计算）；整改记录 {} 个事件，记录头 {}",
        "As of {} (overdue is computed for this day); rectification record: {} events, head {}",
        date_text(as_of),
        r.record.events.len(),
        r.head()
    )
}

/// The 销号 date and checker, or why the item was closed otherwise.
fn closed_cells(it: &Item, lang: Lang) -> (String, String) {
    match &it.closed {
        Some(c) if c.withdrawn => (
            lang.pick("撤销（复核后不再扣分）", "withdrawn").into(),
            String::new(),
        ),
        Some(c) => (c.at.get(..10).unwrap_or("").to_string(), c.by.clone()),
        None => (String::new(), String::new()),
    }
}

fn status_cell(it: &Item, as_of: NaiveDate, lang: Lang) -> String {
    let mut s = it.status.label(lang).to_string();
    if it.rebound {
        s.push_str(lang.pick("（反弹）", " (rebound)"));
    }
    if it.overdue(as_of) {
        s.push_str(lang.pick("（逾期）", " (overdue)"));
    }
    s
}

/// The columns of the ledger the record fills: measures, unit, leader, person, deadline,
/// progress, state, closing date, checker.
fn follow_up(it: Option<&Item>, agency: &str, as_of: NaiveDate, lang: Lang) -> Vec<String> {
    let Some(it) = it else {
        return [String::new(), agency.to_string()]
            .into_iter()
            .chain(std::iter::repeat_n(String::new(), 7))
            .collect();
    };
    let plan = it.plan.as_ref();
    let last = it.reports.last();
    let (closed_on, checker) = closed_cells(it, lang);
    vec![
        plan.map_or(String::new(), |p| p.measure.clone()),
        agency.to_string(),
        plan.map_or(String::new(), |p| p.leader.clone()),
        plan.map_or(String::new(), |p| p.owner.clone()),
        it.deadline.clone().unwrap_or_default(),
        last.map_or(String::new(), |r| r.progress.clone()),
        status_cell(it, as_of, lang),
        closed_on,
        checker,
    ]
}

/// 整改台账: one row per finding (numbered as on the problem list), its follow-up from the record.
pub fn rectification_ledger(r: &Rectification, as_of: NaiveDate, lang: Lang) -> Table {
    let review = &r.review;
    let f = collect(review, lang);
    let mut pre = preamble(review, &f, lang);
    pre.push(
        lang.pick(
            "要求：定领导、定责任、定方案、定时限，限期整改，逐一销号。",
            "Each problem gets a leader, a responsible person, a plan and a deadline; rectify in time and close each one.",
        )
        .into(),
    );
    pre.push(as_of_line(as_of, r, lang));
    let mut rows: Vec<Vec<String>> = f
        .list
        .iter()
        .enumerate()
        .map(|(n, x)| {
            let text = pick_text(lang, &x.item.text, &x.item.text_en);
            let it = r.book.of_finding(x.file, x.index);
            let mut row = vec![
                (n + 1).to_string(),
                it.map_or(String::new(), |it| it.id.clone()),
                x.agency.clone(),
                x.case.to_string(),
                format!("{} {}", x.item.id, shorten(text, 30)),
                x.category.clone(),
                finding_text(x.decision, lang),
                x.item.basis.join(lang.pick("；", "; ")),
            ];
            row.extend(follow_up(it, &x.agency, as_of, lang));
            row
        })
        .collect();
    let carried = r.book.items.iter().filter(|it| it.carried.is_some());
    for (k, it) in carried.enumerate() {
        let origin = it.carried.as_ref().map_or(String::new(), |o| {
            tr!(lang, "（上年带入，原编号 {}）", " (carried, was {})", o.id)
        });
        let mut row = vec![
            (f.list.len() + k + 1).to_string(),
            it.id.clone(),
            it.agency.clone(),
            it.case_id.clone(),
            format!("{} {}{origin}", it.item, shorten(&it.item_text, 30)),
            it.category.clone(),
            it.finding.clone(),
            it.basis.join(lang.pick("；", "; ")),
        ];
        row.extend(follow_up(Some(it), &it.agency, as_of, lang));
        rows.push(row);
    }
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
                ("整改编号", "Item id", 8.0),
                ("被评查单位", "Agency reviewed", 14.0),
                ("案号", "Case id", 16.0),
                ("检查项", "Item", 22.0),
                ("问题类别", "Category", 12.0),
                ("具体表现", "Problem", 28.0),
                ("依据", "Basis", 16.0),
                ("整改措施", "Measures", 16.0),
                ("责任单位", "Responsible unit", 14.0),
                ("责任领导", "Leader", 8.0),
                ("责任人", "Responsible person", 8.0),
                ("整改时限", "Deadline", 10.0),
                ("整改情况", "Progress", 14.0),
                ("状态", "State", 10.0),
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
        footer: footer(r, lang),
    }
}

/// Counts of one agency's items (withdrawn items are not counted: they were never problems).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Progress {
    pub agency: String,
    pub items: usize,
    pub by_status: [usize; 5],
    pub overdue: usize,
    pub referred: usize,
}

impl Progress {
    pub fn closed(&self) -> usize {
        self.count(Status::Closed)
    }

    pub fn count(&self, s: Status) -> usize {
        self.by_status[Status::ALL.iter().position(|x| *x == s).unwrap_or(0)]
    }

    /// 销号率 in percent, one decimal (`—` with no items).
    pub fn rate(&self) -> String {
        closing_rate(self.closed(), self.items).unwrap_or_else(|| "—".into())
    }
}

/// `closed` of `items` in percent to one decimal, rounded half up in integers (the same text on
/// every machine); none without items.
pub fn closing_rate(closed: usize, items: usize) -> Option<String> {
    (items > 0).then(|| {
        let permille = (closed * 2000 + items) / (items * 2);
        format!("{}.{}%", permille / 10, permille % 10)
    })
}

/// Per agency (in the order of the drawn files, then carried-only agencies), and the total.
pub fn progress(r: &Rectification, as_of: NaiveDate) -> (Vec<Progress>, Progress) {
    let mut out: Vec<Progress> = r
        .agencies()
        .into_iter()
        .map(|agency| Progress {
            agency,
            ..Progress::default()
        })
        .collect();
    let mut total = Progress::default();
    for it in r.book.items.iter().filter(|it| !it.withdrawn()) {
        let k = Status::ALL
            .iter()
            .position(|s| *s == it.status)
            .unwrap_or(0);
        for p in [
            out.iter_mut().find(|p| p.agency == it.agency),
            Some(&mut total),
        ]
        .into_iter()
        .flatten()
        {
            p.items += 1;
            p.by_status[k] += 1;
            p.overdue += usize::from(it.overdue(as_of));
            p.referred += usize::from(it.referral.is_some());
        }
    }
    (out, total)
}

/// 整改进度汇总表: per agency the items, each state, overdue and the closing rate.
pub fn progress_table(r: &Rectification, as_of: NaiveDate, lang: Lang) -> Table {
    let (rows, total) = progress(r, as_of);
    let line = |name: &str, p: &Progress| {
        let mut row = vec![name.to_string(), p.items.to_string()];
        row.extend(Status::ALL.iter().map(|s| p.count(*s).to_string()));
        row.push(p.overdue.to_string());
        row.push(p.referred.to_string());
        row.push(p.rate());
        row
    };
    let mut body: Vec<Vec<String>> = rows.iter().map(|p| line(&p.agency, p)).collect();
    body.push(line(lang.pick("合计", "Total"), &total));
    let mut cols = vec![
        (lang.pick("被评查单位", "Agency"), 18.0),
        (lang.pick("整改事项", "Items"), 8.0),
    ];
    cols.extend(Status::ALL.iter().map(|s| (s.label(lang), 9.0)));
    cols.push((lang.pick("逾期", "Overdue"), 6.0));
    cols.push((lang.pick("移送", "Referred"), 6.0));
    cols.push((lang.pick("销号率", "Closed rate"), 8.0));
    Table {
        name: lang.pick("整改进度汇总表", "rectification-progress").into(),
        title: lang
            .pick("案卷评查问题整改进度汇总表", "Rectification progress by agency")
            .into(),
        preamble: vec![
            as_of_line(as_of, r, lang),
            lang.pick(
                "销号率 = 已销号 ÷ 整改事项；复核后撤销的事项不计入。",
                "Closed rate = closed ÷ items; items withdrawn on re-review are not counted.",
            )
            .into(),
        ],
        columns: cols
            .into_iter()
            .map(|(h, w)| super::Column {
                header: h.to_string(),
                width: w,
            })
            .collect(),
        rows: body,
        signatures: vec![lang
            .pick(
                "制表人（签字）：________________　审核人（签字）：________________　日期：____________",
                "Prepared by (signature): ________________   Approved by (signature): ________________   Date: ____________",
            )
            .into()],
        footer: footer(r, lang),
    }
}

/// 问责线索移交清单: every referred item, whatever its state.
pub fn referral_list(r: &Rectification, as_of: NaiveDate, lang: Lang) -> Table {
    let rows = r
        .book
        .items
        .iter()
        .filter_map(|it| it.referral.as_ref().map(|f| (it, f)))
        .enumerate()
        .map(|(n, (it, f))| {
            vec![
                (n + 1).to_string(),
                it.id.clone(),
                it.agency.clone(),
                it.case_id.clone(),
                format!("{} {}", it.item, it.finding),
                f.to.clone(),
                f.reason.clone(),
                f.by.clone(),
                f.at.get(..10).unwrap_or("").to_string(),
                status_cell(it, as_of, lang),
            ]
        })
        .collect();
    Table {
        name: lang.pick("问责线索移交清单", "referrals").into(),
        title: lang
            .pick(
                "行政执法问题问责线索移交清单",
                "Referrals to the supervision and accountability group",
            )
            .into(),
        preamble: vec![
            as_of_line(as_of, r, lang),
            lang.pick(
                "移送的事项仍须整改，其整改状态见末列。",
                "A referred item is still to be rectified; its state is in the last column.",
            )
            .into(),
        ],
        columns: columns(
            &[
                ("序号", "No.", 5.0),
                ("整改编号", "Item id", 8.0),
                ("被评查单位", "Agency", 14.0),
                ("案号", "Case id", 16.0),
                ("问题", "Problem", 30.0),
                ("移送对象", "Referred to", 12.0),
                ("移送理由", "Reason", 20.0),
                ("移送人", "Referred by", 8.0),
                ("移送日期", "Date", 10.0),
                ("整改状态", "State", 10.0),
            ],
            lang,
        ),
        rows,
        signatures: vec![lang
            .pick(
                "移交人（签字）：________________　接收人（签字）：________________　日期：____________",
                "Handed over by (signature): ________________   Received by (signature): ________________   Date: ____________",
            )
            .into()],
        footer: footer(r, lang),
    }
}
