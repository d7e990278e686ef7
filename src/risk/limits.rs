//! The time limits of 超期办结 and 超过追责时效, as an editable table. The default is the
//! 《行政处罚法》: 90 days from 立案 to the decision (第六十条) except for the 简易程序 (decided on
//! the spot, 第五十一条), and two years from the violation to 立案 (第三十六条). An office's own
//! table (`--limits FILE`) replaces the default whole; docs/RISK.md shows the default to copy.
//!
//! A rule applies to a case when its 适用于 text occurs in the case's 程序类型, 案件类型, 违法行为
//! or 处罚依据; rules with such a text are tried first, in table order, and a rule without one is
//! the fallback.

use super::table::{cell, SmallTable};
use super::{Indicator, RiskError, TableProblem};
use chrono::{Months, NaiveDate};
use serde::{Deserialize, Serialize};
use std::path::Path;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Period {
    Days(u32),
    Years(u32),
}

impl Period {
    /// The last day still within the period counted from `from`.
    pub fn last_day(self, from: NaiveDate) -> Option<NaiveDate> {
        match self {
            Period::Days(d) => from.checked_add_days(chrono::Days::new(d as u64)),
            // 29 February plus a year is 28 February.
            Period::Years(y) => from.checked_add_months(Months::new(12 * y)),
        }
    }

    pub fn text(self) -> String {
        match self {
            Period::Days(d) => format!("{d}日"),
            Period::Years(y) => format!("{y}年"),
        }
    }

    fn parse(text: &str) -> Option<Option<Period>> {
        let t = text.trim();
        if matches!(t, "不适用" | "无" | "-" | "n/a" | "none") {
            return Some(None);
        }
        let (num, years) = if let Some(n) = t.strip_suffix('年') {
            (n, true)
        } else if let Some(n) = t.strip_suffix('日').or_else(|| t.strip_suffix('天')) {
            (n, false)
        } else {
            (t, false)
        };
        let n: u32 = num.trim().parse().ok()?;
        match years {
            true if (1..=50).contains(&n) => Some(Some(Period::Years(n))),
            false if (1..=3650).contains(&n) => Some(Some(Period::Days(n))),
            _ => None,
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TimeRule {
    /// `overdue` or `time_barred`.
    pub indicator: Indicator,
    /// Empty: every case not matched by another rule.
    #[serde(default)]
    pub applies_to: String,
    /// `None`: no limit (e.g. the 简易程序).
    pub limit: Option<Period>,
    #[serde(default)]
    pub basis: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Limits {
    pub rules: Vec<TimeRule>,
    /// The table file's SHA-256, when the office supplied one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sha256: Option<String>,
}

impl Default for Limits {
    fn default() -> Limits {
        let rule = |indicator, applies_to: &str, limit, basis: &str| TimeRule {
            indicator,
            applies_to: applies_to.into(),
            limit,
            basis: basis.into(),
        };
        Limits {
            rules: vec![
                rule(
                    Indicator::Overdue,
                    "简易程序",
                    None,
                    "《行政处罚法》第五十一条（当场作出）",
                ),
                rule(
                    Indicator::Overdue,
                    "",
                    Some(Period::Days(90)),
                    "《行政处罚法》第六十条",
                ),
                rule(
                    Indicator::TimeBarred,
                    "",
                    Some(Period::Years(2)),
                    "《行政处罚法》第三十六条",
                ),
            ],
            sha256: None,
        }
    }
}

impl Limits {
    /// The rule of `indicator` for a case with these texts.
    pub fn rule_for(&self, indicator: Indicator, texts: &[&str]) -> Option<&TimeRule> {
        let mine = self.rules.iter().filter(|r| r.indicator == indicator);
        mine.clone()
            .find(|r| {
                !r.applies_to.is_empty() && texts.iter().any(|t| t.contains(r.applies_to.as_str()))
            })
            .or_else(|| mine.clone().find(|r| r.applies_to.is_empty()))
    }

    /// Read an office's table: columns 指标, 适用于, 期限, 依据 (optional).
    pub fn load(path: &Path) -> Result<Limits, RiskError> {
        let t = SmallTable::read(path).map_err(|p| RiskError::Table(vec![p]))?;
        let c_ind = t.column(&["指标", "项目", "类别", "indicator"]);
        let c_app = t.column(&[
            "适用于",
            "适用",
            "匹配",
            "范围",
            "applies_to",
            "appliesto",
            "match",
        ]);
        let c_lim = t.column(&["期限", "时限", "limit"]);
        let c_basis = t.column(&["依据", "法律依据", "basis"]);
        let mut problems: Vec<TableProblem> = Vec::new();
        for (col, zh, en) in [(c_ind, "指标", "indicator"), (c_lim, "期限", "limit")] {
            if col.is_none() {
                problems.push(t.problem(
                    Some(1),
                    None,
                    format!("缺少“{zh}”列（表头应为：指标、适用于、期限、依据）"),
                    format!("no {en} column (headers: 指标, 适用于, 期限, 依据)"),
                ));
            }
        }
        if !problems.is_empty() {
            return Err(RiskError::Table(problems));
        }
        let mut rules = Vec::new();
        for (row, cells) in &t.rows {
            let ind_text = cell(cells, c_ind);
            let indicator = match ind_text {
                "办案期限" | "超期办结" | "overdue" => Some(Indicator::Overdue),
                "追责时效" | "超过追责时效" | "time_barred" => {
                    Some(Indicator::TimeBarred)
                }
                _ => None,
            };
            let Some(indicator) = indicator else {
                problems.push(t.problem(
                    Some(*row),
                    c_ind,
                    format!("指标“{ind_text}”无法识别。请写“办案期限”或“追责时效”"),
                    format!("indicator {ind_text:?} is not known. Write 办案期限 (overdue) or 追责时效 (time_barred)"),
                ));
                continue;
            };
            let lim_text = cell(cells, c_lim);
            let Some(limit) = Period::parse(lim_text) else {
                problems.push(t.problem(
                    Some(*row),
                    c_lim,
                    format!("期限“{lim_text}”无法识别。请写如 90日、2年 或“不适用”"),
                    format!("limit {lim_text:?} cannot be read. Write e.g. 90日, 2年 or 不适用"),
                ));
                continue;
            };
            rules.push(TimeRule {
                indicator,
                applies_to: cell(cells, c_app).to_string(),
                limit,
                basis: cell(cells, c_basis).to_string(),
            });
        }
        if problems.is_empty() && rules.is_empty() {
            problems.push(t.problem(
                None,
                None,
                "表中没有规则".into(),
                "the table has no rules".into(),
            ));
        }
        if !problems.is_empty() {
            return Err(RiskError::Table(problems));
        }
        Ok(Limits {
            rules,
            sha256: Some(t.sha256),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn default_rules_and_periods() {
        let l = Limits::default();
        let r = l
            .rule_for(Indicator::Overdue, &["行政处罚（简易程序）"])
            .unwrap();
        assert_eq!(r.limit, None);
        let r = l.rule_for(Indicator::Overdue, &["普通程序"]).unwrap();
        assert_eq!(r.limit, Some(Period::Days(90)));
        let d = NaiveDate::from_ymd_opt(2024, 2, 29).unwrap();
        assert_eq!(
            Period::Years(2).last_day(d),
            NaiveDate::from_ymd_opt(2026, 2, 28)
        );
        assert_eq!(Period::parse("90日"), Some(Some(Period::Days(90))));
        assert_eq!(Period::parse("5年"), Some(Some(Period::Years(5))));
        assert_eq!(Period::parse("不适用"), Some(None));
        assert_eq!(Period::parse("九十日"), None);
    }
}
