//! The 裁量基准 table: 违法行为 (or 处罚依据) → the lowest and highest fine, optionally per 情节
//! (轻微/一般/严重). Validated like a checklist — every problem, by row and column, in one
//! round — and identified by the SHA-256 of its bytes, which goes into the scan's record.

use super::table::{cell, SmallTable};
use super::{RiskError, TableProblem};
use crate::register::amount::{self, AmountError};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, HashMap};
use std::path::Path;

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Circumstance {
    Minor,
    Ordinary,
    Serious,
}

impl Circumstance {
    /// 轻微/较轻/从轻 → minor, 一般 → ordinary, 严重/较重/从重 → serious, each also written
    /// 情节轻微 etc. Anything else is no known circumstance.
    pub fn parse(text: &str) -> Option<Circumstance> {
        let t = text.trim();
        let t = t.strip_prefix("情节").unwrap_or(t);
        match t.to_ascii_lowercase().as_str() {
            "轻微" | "较轻" | "从轻" | "轻" | "minor" => Some(Circumstance::Minor),
            "一般" | "ordinary" => Some(Circumstance::Ordinary),
            "严重" | "较重" | "从重" | "重" | "serious" => Some(Circumstance::Serious),
            _ => None,
        }
    }

    pub fn zh(self) -> &'static str {
        match self {
            Circumstance::Minor => "轻微",
            Circumstance::Ordinary => "一般",
            Circumstance::Serious => "严重",
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Benchmark {
    pub violation: String,
    pub basis: String,
    pub circumstance: Option<Circumstance>,
    pub low_fen: u64,
    pub high_fen: u64,
    pub row: u64,
}

/// A loaded, validated table.
#[derive(Clone, Debug)]
pub struct Benchmarks {
    pub file: String,
    pub sha256: String,
    pub rows: Vec<Benchmark>,
    by_violation: HashMap<String, Vec<usize>>,
    by_basis: HashMap<String, Vec<usize>>,
}

/// The range a case is measured against, and the table rows it came from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Range {
    pub low_fen: u64,
    pub high_fen: u64,
    /// The first table row of the range.
    pub row: u64,
}

const VIOLATION: &[&str] = &["违法行为", "违法行为名称", "违法事项", "案由", "violation"];
const BASIS: &[&str] = &["依据", "处罚依据", "法律依据", "basis"];
const CIRCUMSTANCE: &[&str] = &["情节", "违法情节", "裁量情节", "裁量等级", "circumstance"];
const LOW: &[&str] = &[
    "最低罚款",
    "最低罚款（元）",
    "最低罚款(元)",
    "罚款下限",
    "最低额",
    "最低",
    "下限",
    "low",
    "min",
];
const HIGH: &[&str] = &[
    "最高罚款",
    "最高罚款（元）",
    "最高罚款(元)",
    "罚款上限",
    "最高额",
    "最高",
    "上限",
    "high",
    "max",
];

impl Benchmarks {
    pub fn load(path: &Path) -> Result<Benchmarks, RiskError> {
        let t = SmallTable::read(path).map_err(|p| RiskError::Table(vec![p]))?;
        let (cv, cb, cc, cl, ch) = (
            t.column(VIOLATION),
            t.column(BASIS),
            t.column(CIRCUMSTANCE),
            t.column(LOW),
            t.column(HIGH),
        );
        let mut problems: Vec<TableProblem> = Vec::new();
        let headers = "违法行为、依据、情节、最低罚款、最高罚款";
        if cv.is_none() && cb.is_none() {
            problems.push(t.problem(
                Some(1),
                None,
                format!("缺少“违法行为”或“依据”列（表头应为：{headers}）"),
                format!("no 违法行为 (violation) or 依据 (basis) column (headers: {headers})"),
            ));
        }
        for (col, zh, en) in [
            (cl, "最低罚款", "lowest fine"),
            (ch, "最高罚款", "highest fine"),
        ] {
            if col.is_none() {
                problems.push(t.problem(
                    Some(1),
                    None,
                    format!("缺少“{zh}”列（表头应为：{headers}）"),
                    format!("no {zh} ({en}) column (headers: {headers})"),
                ));
            }
        }
        if !problems.is_empty() {
            return Err(RiskError::Table(problems));
        }
        let mut rows = Vec::new();
        let mut seen: BTreeMap<(String, String, Option<Circumstance>), u64> = BTreeMap::new();
        for (row, cells) in &t.rows {
            let violation = cell(cells, cv).to_string();
            let basis = cell(cells, cb).to_string();
            let mut ok = true;
            if violation.is_empty() && basis.is_empty() {
                problems.push(t.problem(
                    Some(*row),
                    cv.or(cb),
                    "违法行为和依据都为空。请至少填写一项".into(),
                    "both the violation and the basis are empty. Fill in at least one".into(),
                ));
                ok = false;
            }
            let ctext = cell(cells, cc);
            let circumstance = if ctext.is_empty() {
                None
            } else {
                match Circumstance::parse(ctext) {
                    Some(c) => Some(c),
                    None => {
                        problems.push(t.problem(
                            Some(*row),
                            cc,
                            format!("情节“{ctext}”无法识别。请写 轻微、一般 或 严重，或留空"),
                            format!("circumstance {ctext:?} is not known. Write 轻微, 一般 or 严重 (minor, ordinary, serious), or leave it empty"),
                        ));
                        ok = false;
                        None
                    }
                }
            };
            let mut money = |col: Option<usize>, zh: &str| -> Option<u64> {
                let text = cell(cells, col);
                match amount::parse_fen(text) {
                    Ok(Some(v)) => Some(v),
                    Ok(None) => {
                        problems.push(t.problem(
                            Some(*row),
                            col,
                            format!("{zh}为空。请填写金额（元）"),
                            format!("the {zh} is empty. Fill in the amount in yuan"),
                        ));
                        None
                    }
                    Err(why) => {
                        let why = match why {
                            AmountError::Negative => "负数 / negative",
                            AmountError::TooPrecise => "精确到分以下 / finer than a fen",
                            AmountError::TooLarge => "过大 / too large",
                            AmountError::NotANumber => "不是金额 / not an amount",
                        };
                        problems.push(t.problem(
                            Some(*row),
                            col,
                            format!("{zh}“{text}”无法读取（{why}）。请写成 15000、15,000 或 1.5万"),
                            format!("{zh} {text:?} cannot be read ({why}). Write 15000, 15,000 or 1.5万"),
                        ));
                        None
                    }
                }
            };
            let low = money(cl, "最低罚款");
            let high = money(ch, "最高罚款");
            let (Some(low), Some(high)) = (low, high) else {
                continue;
            };
            if low > high {
                problems.push(t.problem(
                    Some(*row),
                    cl,
                    format!(
                        "最低罚款 {} 元高于最高罚款 {} 元。请检查是否填反",
                        amount::yuan(low),
                        amount::yuan(high)
                    ),
                    format!(
                        "the lowest fine {} is above the highest {}. Check whether they are swapped",
                        amount::yuan(low),
                        amount::yuan(high)
                    ),
                ));
                ok = false;
            }
            let key = (violation.clone(), basis.clone(), circumstance);
            if let Some(first) = seen.get(&key) {
                problems.push(t.problem(
                    Some(*row),
                    cv.or(cb),
                    format!("与第 {first} 行重复（违法行为、依据、情节都相同）。请合并为一行"),
                    format!("repeats row {first} (same violation, basis and circumstance). Keep one row"),
                ));
                ok = false;
            } else {
                seen.insert(key, *row);
            }
            if ok {
                rows.push(Benchmark {
                    violation,
                    basis,
                    circumstance,
                    low_fen: low,
                    high_fen: high,
                    row: *row,
                });
            }
        }
        if problems.is_empty() && rows.is_empty() {
            problems.push(t.problem(
                None,
                None,
                "表中没有基准行".into(),
                "the table has no benchmark rows".into(),
            ));
        }
        if !problems.is_empty() {
            return Err(RiskError::Table(problems));
        }
        Ok(Benchmarks::new(t.file, t.sha256, rows))
    }

    pub fn new(file: String, sha256: String, rows: Vec<Benchmark>) -> Benchmarks {
        let mut by_violation: HashMap<String, Vec<usize>> = HashMap::new();
        let mut by_basis: HashMap<String, Vec<usize>> = HashMap::new();
        for (i, b) in rows.iter().enumerate() {
            if b.violation.is_empty() {
                by_basis.entry(b.basis.clone()).or_default().push(i);
            } else {
                by_violation.entry(b.violation.clone()).or_default().push(i);
            }
        }
        Benchmarks {
            file,
            sha256,
            rows,
            by_violation,
            by_basis,
        }
    }

    /// The range for a case. A row naming the violation is matched by the case's 违法行为 (and,
    /// when the row also names a basis, by its 依据 too); a row with only a basis by the case's
    /// 依据. With a 情节 the rows of that 情节 apply; otherwise (or without such rows) the range
    /// spans every matching row: from the lowest low to the highest high.
    pub fn range_for(
        &self,
        violation: &str,
        basis: &str,
        circumstance: Option<Circumstance>,
    ) -> Option<Range> {
        let mut hits: Vec<&Benchmark> = Vec::new();
        if !violation.is_empty() {
            if let Some(list) = self.by_violation.get(violation) {
                hits.extend(
                    list.iter()
                        .map(|&i| &self.rows[i])
                        .filter(|b| b.basis.is_empty() || b.basis == basis),
                );
            }
        }
        if hits.is_empty() && !basis.is_empty() {
            if let Some(list) = self.by_basis.get(basis) {
                hits.extend(list.iter().map(|&i| &self.rows[i]));
            }
        }
        if let Some(c) = circumstance {
            let same: Vec<&Benchmark> = hits
                .iter()
                .copied()
                .filter(|b| b.circumstance == Some(c))
                .collect();
            if !same.is_empty() {
                hits = same;
            }
        }
        let first = hits.first()?;
        Some(Range {
            low_fen: hits.iter().map(|b| b.low_fen).min().unwrap_or(0),
            high_fen: hits.iter().map(|b| b.high_fen).max().unwrap_or(0),
            row: first.row,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn b(v: &str, basis: &str, c: Option<Circumstance>, low: u64, high: u64) -> Benchmark {
        Benchmark {
            violation: v.into(),
            basis: basis.into(),
            circumstance: c,
            low_fen: low,
            high_fen: high,
            row: 2,
        }
    }

    #[test]
    fn ranges_by_violation_basis_and_circumstance() {
        let t = Benchmarks::new(
            "t".into(),
            "s".into(),
            vec![
                b("占道经营", "", Some(Circumstance::Minor), 0, 100),
                b("占道经营", "", Some(Circumstance::Serious), 500, 1000),
                b("", "第十条", None, 10, 20),
            ],
        );
        let r = t.range_for("占道经营", "", None).unwrap();
        assert_eq!((r.low_fen, r.high_fen), (0, 1000));
        let r = t
            .range_for("占道经营", "", Some(Circumstance::Serious))
            .unwrap();
        assert_eq!((r.low_fen, r.high_fen), (500, 1000));
        let r = t.range_for("别的", "第十条", None).unwrap();
        assert_eq!((r.low_fen, r.high_fen), (10, 20));
        assert!(t.range_for("别的", "", None).is_none());
        assert_eq!(Circumstance::parse("情节严重"), Some(Circumstance::Serious));
        assert_eq!(Circumstance::parse("较轻"), Some(Circumstance::Minor));
    }
}
