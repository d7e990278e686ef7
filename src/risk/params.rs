//! The scan's thresholds, each with a documented default (docs/RISK.md). They are plain data,
//! serialised into the scan's record (and later into a commitment), so a scan can be repeated
//! exactly: amounts in fen, ratios in thousandths, never floats.

use super::limits::Limits;
use super::{Indicator, INDICATORS};
use serde::{Deserialize, Serialize};
use std::fmt;

/// A ratio with three decimals, written as text (`"3"`, `"2.5"`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Ratio {
    pub milli: u64,
}

impl Ratio {
    pub fn parse(text: &str) -> Option<Ratio> {
        let t = text.trim();
        let (i, f) = t.split_once('.').unwrap_or((t, ""));
        if i.is_empty() && f.is_empty() {
            return None;
        }
        if !i.bytes().all(|b| b.is_ascii_digit())
            || !f.bytes().all(|b| b.is_ascii_digit())
            || f.len() > 3
            || i.len() > 9
        {
            return None;
        }
        let i: u64 = if i.is_empty() { 0 } else { i.parse().ok()? };
        let mut f = f.to_string();
        while f.len() < 3 {
            f.push('0');
        }
        let milli = i * 1000 + f.parse::<u64>().ok()?;
        // A ratio of highest to lowest is at least 1.
        (milli >= 1000).then_some(Ratio { milli })
    }

    /// `high > ratio × low`, exactly.
    pub fn exceeded(self, high: u64, low: u64) -> bool {
        (high as u128) * 1000 > (self.milli as u128) * (low as u128)
    }
}

impl fmt::Display for Ratio {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (i, m) = (self.milli / 1000, self.milli % 1000);
        if m == 0 {
            write!(f, "{i}")
        } else {
            let s = format!("{m:03}");
            write!(f, "{i}.{}", s.trim_end_matches('0'))
        }
    }
}

impl Serialize for Ratio {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.to_string())
    }
}

impl<'de> Deserialize<'de> for Ratio {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Ratio, D::Error> {
        let s = String::deserialize(d)?;
        Ratio::parse(&s).ok_or_else(|| serde::de::Error::custom(format!("bad ratio {s:?}")))
    }
}

/// Default high-fine line: 50,000 yuan. Offices set their own (`--high-fine`).
pub const DEFAULT_HIGH_FINE_FEN: u64 = 5_000_000;
/// Default spread: the highest fine of a cluster more than 3 times its lowest.
pub const DEFAULT_SPREAD_MILLI: u64 = 3_000;
/// Default inspection limit: more than 2 inspections of one entity by one agency in a year.
pub const DEFAULT_INSPECTION_LIMIT: u32 = 2;

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RiskParams {
    /// The indicators computed, in report order.
    pub indicators: Vec<Indicator>,
    /// A fine strictly above this many fen is 高额罚款.
    pub high_fine_fen: u64,
    /// 类案不同罚: highest > ratio × lowest within one cluster.
    pub spread_ratio: Ratio,
    /// A cluster has at least this many fined cases.
    pub min_cluster: u32,
    /// 涉企检查频次: more than this many inspections of one entity by one agency in a year.
    pub inspection_limit: u32,
    /// A case is an inspection when its 案件类型 or 程序 contains one of these.
    pub inspection_types: Vec<String>,
    /// 办案期限 and 追责时效 (the editable table).
    pub limits: Limits,
}

impl Default for RiskParams {
    fn default() -> RiskParams {
        RiskParams {
            indicators: INDICATORS.to_vec(),
            high_fine_fen: DEFAULT_HIGH_FINE_FEN,
            spread_ratio: Ratio {
                milli: DEFAULT_SPREAD_MILLI,
            },
            min_cluster: 2,
            inspection_limit: DEFAULT_INSPECTION_LIMIT,
            inspection_types: vec!["检查".into()],
            limits: Limits::default(),
        }
    }
}

impl RiskParams {
    pub fn wants(&self, i: Indicator) -> bool {
        self.indicators.contains(&i)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ratios_are_exact() {
        let r = Ratio::parse("3").unwrap();
        assert!(!r.exceeded(300, 100));
        assert!(r.exceeded(301, 100));
        assert_eq!(Ratio::parse("2.5").unwrap().to_string(), "2.5");
        assert_eq!(Ratio::parse("2.125").unwrap().milli, 2125);
        assert_eq!(Ratio::parse("0.5"), None);
        assert_eq!(Ratio::parse("2.1234"), None);
        assert_eq!(Ratio::parse("x"), None);
        let p = RiskParams::default();
        let json = serde_json::to_string(&p).unwrap();
        assert_eq!(serde_json::from_str::<RiskParams>(&json).unwrap(), p);
    }
}
