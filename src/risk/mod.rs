//! Stage after the workspace: the register-wide risk scan (issue 17). It reads every frozen case
//! of a workspace (`cases.jsonl`, the whole population, not only a sample) and lists the cases
//! each indicator flags — 顶格罚款, 高额罚款, fines outside the 裁量基准, 类案不同罚, 超期办结,
//! 超过追责时效, 涉企检查频次 — each with its rule, numbers and register row.
//!
//! Owns: the indicator keys (`Indicator`), the thresholds (`params`), the 裁量基准 table
//! (`benchmarks`), the time-limit table (`limits`), the scan itself (`scan`) and its printable
//! tables (`report`). May use `register`, `workspace` and `export`; nothing below it uses risk.
//! It must not change the population or its digest: it only reads what `init` froze.
//!
//! The API a targeted draw builds on: `scan::scan(&Workspace, &RiskParams, Option<&Benchmarks>)
//! -> Scan`, whose `flagged` list is sorted by indicator then case id (UTF-8 bytes) and whose
//! `flagged_sha256` digests that list exactly.

pub mod benchmarks;
pub mod limits;
pub mod params;
pub mod record;
pub mod report;
pub mod scan;
mod table;
pub mod targeted;
pub mod verify;

pub use benchmarks::{Benchmark, Benchmarks, Circumstance};
pub use limits::{Limits, TimeRule};
pub use params::{Ratio, RiskParams};
pub use scan::{scan, Flag, Scan};

use crate::i18n::Lang;
use crate::tr;
use serde::{Deserialize, Serialize};

/// The indicators, in the order reports list them. The keys are stable: records and later
/// commitments name indicators by them.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Indicator {
    TopFine,
    HighFine,
    OutsideRange,
    UnequalFines,
    Overdue,
    TimeBarred,
    InspectionFrequency,
}

pub const INDICATORS: [Indicator; 7] = [
    Indicator::TopFine,
    Indicator::HighFine,
    Indicator::OutsideRange,
    Indicator::UnequalFines,
    Indicator::Overdue,
    Indicator::TimeBarred,
    Indicator::InspectionFrequency,
];

impl Indicator {
    pub fn key(self) -> &'static str {
        match self {
            Indicator::TopFine => "top_fine",
            Indicator::HighFine => "high_fine",
            Indicator::OutsideRange => "outside_range",
            Indicator::UnequalFines => "unequal_fines",
            Indicator::Overdue => "overdue",
            Indicator::TimeBarred => "time_barred",
            Indicator::InspectionFrequency => "inspection_frequency",
        }
    }

    pub fn zh(self) -> &'static str {
        match self {
            Indicator::TopFine => "顶格罚款",
            Indicator::HighFine => "高额罚款",
            Indicator::OutsideRange => "超出裁量基准",
            Indicator::UnequalFines => "类案不同罚",
            Indicator::Overdue => "超期办结",
            Indicator::TimeBarred => "超过追责时效",
            Indicator::InspectionFrequency => "涉企检查频次",
        }
    }

    pub fn en(self) -> &'static str {
        match self {
            Indicator::TopFine => "fine at the top of the benchmark",
            Indicator::HighFine => "high fine",
            Indicator::OutsideRange => "fine outside the benchmark",
            Indicator::UnequalFines => "unequal fines for like cases",
            Indicator::Overdue => "decided late",
            Indicator::TimeBarred => "time-barred",
            Indicator::InspectionFrequency => "inspection frequency",
        }
    }

    pub fn name(self, lang: Lang) -> &'static str {
        lang.pick(self.zh(), self.en())
    }

    /// A key (`top_fine`, `top-fine`) or a Chinese name (顶格罚款, 超期办结 …).
    pub fn parse(text: &str) -> Option<Indicator> {
        let t = text.trim();
        let k = t.replace('-', "_").to_ascii_lowercase();
        INDICATORS.into_iter().find(|i| {
            i.key() == k
                || i.zh() == t
                || matches!(
                    (i, t),
                    (Indicator::OutsideRange, "超出裁量范围" | "超出基准")
                        | (Indicator::Overdue, "超期" | "办案超期")
                        | (Indicator::TimeBarred, "追责时效")
                        | (Indicator::InspectionFrequency, "检查频次" | "重复检查")
                )
        })
    }

    /// The rule in one sentence, with the parameters that apply.
    pub fn rule(self, p: &RiskParams, lang: Lang) -> String {
        use crate::register::amount::yuan;
        match self {
            Indicator::TopFine => lang
                .pick(
                    "罚款金额等于裁量基准的最高额（国发〔2024〕5号：不得随意顶格罚款）",
                    "the fine equals the highest amount of its benchmark range (State Council 2024 No. 5: no arbitrary top fines)",
                )
                .into(),
            Indicator::HighFine => tr!(
                lang,
                "罚款金额高于 {} 元（本机关设定的高额罚款线）",
                "the fine is above {} yuan (the office's high-fine line)",
                yuan(p.high_fine_fen)
            ),
            Indicator::OutsideRange => lang
                .pick(
                    "罚款金额低于裁量基准最低额或高于最高额",
                    "the fine is below the lowest or above the highest amount of its benchmark",
                )
                .into(),
            Indicator::UnequalFines => tr!(
                lang,
                "同一执法机关对同一违法行为（及依据）的罚款，最高额超过最低额的 {} 倍（类案不同罚）",
                "one agency's fines for the same violation (and basis): the highest is more than {} times the lowest",
                p.spread_ratio
            ),
            Indicator::Overdue => lang
                .pick(
                    "自立案至作出决定超过办案期限（《行政处罚法》第六十条：普通程序九十日；有延期记录的按延长后的期限）",
                    "decided later after 立案 than the time limit (Administrative Penalty Law art. 60: 90 days for the ordinary procedure; a recorded extension adds its days)",
                )
                .into(),
            Indicator::TimeBarred => lang
                .pick(
                    "立案日期距违法行为发生日期超过追责时效（《行政处罚法》第三十六条：二年；法律另有规定的五年）",
                    "立案 more than the limitation period after the violation (art. 36: two years; five where the law says so)",
                )
                .into(),
            Indicator::InspectionFrequency => tr!(
                lang,
                "同一执法机关一个自然年内检查同一主体超过 {} 次",
                "one agency inspected the same entity more than {} times in a calendar year",
                p.inspection_limit
            ),
        }
    }
}

/// A problem in a table the office supplies (benchmarks, limits), named by row and column.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TableProblem {
    pub file: String,
    pub row: Option<u64>,
    pub column: Option<String>,
    pub zh: String,
    pub en: String,
}

impl TableProblem {
    pub fn render(&self, lang: Lang) -> String {
        let mut s = tr!(lang, "文件 {}", "file {}", self.file);
        if let Some(r) = self.row {
            s += &tr!(lang, " 第 {r} 行", ", row {r}");
        }
        if let Some(c) = &self.column {
            s += &tr!(lang, "（{c}）", " ({c})");
        }
        format!("{s}: {}", lang.pick(&self.zh, &self.en))
    }
}

#[derive(Debug, thiserror::Error)]
pub enum RiskError {
    #[error("{}", .0.iter().map(|p| p.render(Lang::En)).collect::<Vec<_>>().join("\n"))]
    Table(Vec<TableProblem>),
    #[error("{0}")]
    Workspace(#[from] crate::workspace::WorkspaceError),
    #[error("{0}")]
    Io(String),
    #[error("{0}")]
    Export(String),
}

impl RiskError {
    pub fn render(&self, lang: Lang) -> String {
        match self {
            RiskError::Table(list) => list
                .iter()
                .map(|p| p.render(lang))
                .collect::<Vec<_>>()
                .join("\n"),
            RiskError::Workspace(e) => e.render(lang),
            RiskError::Io(s) | RiskError::Export(s) => s.clone(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_and_chinese_names_parse() {
        for i in INDICATORS {
            assert_eq!(Indicator::parse(i.key()), Some(i));
            assert_eq!(Indicator::parse(i.zh()), Some(i));
            assert_eq!(
                serde_json::to_string(&i).unwrap(),
                format!("\"{}\"", i.key())
            );
        }
        assert_eq!(Indicator::parse("top-fine"), Some(Indicator::TopFine));
        assert_eq!(Indicator::parse("nope"), None);
    }
}
