//! The 测评结果 of a 民主评议 (`ballot WS results`): the publication sheet (测评结果公布: every
//! agency with its votes, both rates, its rank and whether it goes to 回头看, and the turnout)
//! and one feedback sheet per agency (测评结果反馈), each as XLSX and CSV, with the ballot
//! record's head and the setup's digest in every page's footer.
//!
//! Owns: the sheets' layout. Must not: count (`ballots::tally` does, exactly).

use super::{column_list, write_document, ExportError, Table, Written};
use crate::ballots::setup::Setup;
use crate::ballots::tally::{AgencyTally, Rate, Tally};
use crate::workspace::records::RecordRef;
use std::path::Path;

pub const PUBLICATION: &str = "测评结果公布";
pub const FEEDBACK: &str = "测评结果反馈";

/// What the sheets are made from.
pub struct Results<'a> {
    pub setup: &'a Setup,
    pub setup_ref: &'a RecordRef,
    pub tally: &'a Tally,
    /// The 回头看 threshold in hundredths of a percent, and the agencies below it.
    pub threshold: u64,
    pub recheck: Vec<String>,
    /// The ballot record's head and lines when the sheets were made.
    pub head: &'a str,
    pub events: usize,
    pub campaign: Option<&'a str>,
}

impl Results<'_> {
    fn footer(&self) -> String {
        format!(
            "测评票记录头 {} ({} 行) | 第 {} 遍 | 设置 {} SHA-256 {}",
            self.head,
            self.events,
            self.tally.pass,
            self.setup_ref.file,
            &self.setup_ref.sha256[..16.min(self.setup_ref.sha256.len())]
        )
    }

    fn threshold_text(&self) -> String {
        let t = self.threshold;
        match t % 100 {
            0 => format!("{}%", t / 100),
            f => format!("{}.{f:02}%", t / 100),
        }
    }

    fn preamble(&self) -> Vec<String> {
        let u = &self.tally.turnout;
        let back = Rate {
            numerator: u.returned,
            denominator: u.issued,
        };
        let second = match &self.tally.basic_level {
            Some(b) => format!(
                "满意及基本满意率 =（{} + {b}）÷ 有效评价票",
                self.setup.scale[0]
            ),
            None => "两级评价，满意及基本满意率即满意率".to_string(),
        };
        vec![
            format!("专项名称：{}", self.campaign.unwrap_or("（未命名）")),
            format!(
                "发放测评票 {} 张，收回 {} 张（收回率 {}），其中有效票 {} 张、废票 {} 张。",
                u.issued,
                u.returned,
                back.shown(),
                u.valid,
                u.spoiled
            ),
            format!("评价等次：{}。", self.setup.scale.join("、")),
            format!(
                "满意率 = {} ÷ 有效评价票；{}。有效评价票为对该单位作出评价的有效票，未评价（空白）的不计入；百分比四舍五入保留两位小数，名次按精确值先比满意率、再比满意及基本满意率，相同者名次并列。",
                self.setup.scale[0], second
            ),
            format!(
                "回头看：满意及基本满意率低于 {} 的单位：{}。",
                self.threshold_text(),
                if self.recheck.is_empty() {
                    "无".to_string()
                } else {
                    self.recheck.join("、")
                }
            ),
        ]
    }

    fn signatures() -> Vec<String> {
        vec![
            "计票人（签字）：____________　　监票人（签字）：____________　　日期：____________"
                .into(),
        ]
    }
}

/// The publication sheet.
pub fn publication(r: &Results) -> Table {
    let mut columns: Vec<(String, f64)> = vec![("名次".into(), 6.0), ("被评议单位".into(), 28.0)];
    columns.extend(r.setup.scale.iter().map(|l| (l.clone(), 9.0)));
    columns.push(("未评价".into(), 8.0));
    columns.push(("有效评价".into(), 9.0));
    columns.push(("满意率".into(), 10.0));
    if r.tally.basic_level.is_some() {
        columns.push(("满意及基本满意率".into(), 12.0));
    }
    columns.push(("回头看".into(), 8.0));
    let rows = r
        .tally
        .agencies
        .iter()
        .map(|a| {
            let mut row = vec![a.rank.to_string(), a.agency.clone()];
            row.extend(a.counts.iter().map(|c| c.count.to_string()));
            row.push(a.blank.to_string());
            row.push(a.rated.to_string());
            row.push(a.satisfied_rate.shown());
            if r.tally.basic_level.is_some() {
                row.push(a.satisfied_or_basic_rate.shown());
            }
            row.push(
                if r.recheck.contains(&a.agency) {
                    "是"
                } else {
                    ""
                }
                .into(),
            );
            row
        })
        .collect();
    let spec: Vec<(&str, f64)> = columns.iter().map(|(h, w)| (h.as_str(), *w)).collect();
    Table {
        name: PUBLICATION.into(),
        title: "民主评议测评结果".into(),
        preamble: r.preamble(),
        columns: column_list(&spec),
        rows,
        signatures: Results::signatures(),
        footer: r.footer(),
    }
}

/// The feedback sheet of one agency.
pub fn feedback(r: &Results, a: &AgencyTally) -> Table {
    let n = r.tally.agencies.len();
    let share = |count: u32| {
        Rate {
            numerator: count,
            denominator: a.rated,
        }
        .shown()
    };
    let mut rows: Vec<Vec<String>> = a
        .counts
        .iter()
        .map(|c| vec![c.level.clone(), c.count.to_string(), share(c.count)])
        .collect();
    rows.push(vec![
        "未评价（空白）".into(),
        a.blank.to_string(),
        String::new(),
    ]);
    rows.push(vec!["有效评价".into(), a.rated.to_string(), String::new()]);
    rows.push(vec![
        "满意率".into(),
        String::new(),
        a.satisfied_rate.shown(),
    ]);
    if r.tally.basic_level.is_some() {
        rows.push(vec![
            "满意及基本满意率".into(),
            String::new(),
            a.satisfied_or_basic_rate.shown(),
        ]);
    }
    rows.push(vec![
        "名次".into(),
        format!("{} / {n}", a.rank),
        String::new(),
    ]);
    let mut preamble = r.preamble();
    preamble.truncate(4);
    preamble.push(if r.recheck.contains(&a.agency) {
        format!(
            "满意及基本满意率低于 {}，列入回头看：请对照群众反映的问题逐项整改。",
            r.threshold_text()
        )
    } else {
        format!(
            "满意及基本满意率不低于 {}，未列入回头看。",
            r.threshold_text()
        )
    });
    Table {
        name: a.agency.clone(),
        title: format!("{}民主评议测评结果反馈", a.agency),
        preamble,
        columns: column_list(&[("项目", 22.0), ("票数", 12.0), ("占有效评价", 14.0)]),
        rows,
        signatures: vec!["（盖章）　　　　　　日期：____________".into()],
        footer: r.footer(),
    }
}

/// Write 测评结果公布 and 测评结果反馈 (XLSX and CSV each) into `out`.
pub fn write(r: &Results, out: &Path) -> Result<Vec<Written>, ExportError> {
    let mut written = write_document(PUBLICATION, &[publication(r)], out)?;
    let sheets: Vec<Table> = r
        .setup
        .agencies
        .iter()
        .filter_map(|name| r.tally.agencies.iter().find(|a| &a.agency == name))
        .map(|a| feedback(r, a))
        .collect();
    written.extend(write_document(FEEDBACK, &sheets, out)?);
    Ok(written)
}
