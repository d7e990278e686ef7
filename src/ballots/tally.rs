//! The count of one entry pass: turnout, each agency's votes per level, the two 满意率 and the
//! ranking, all in integers; a rate is shown as a percentage rounded half-up to 2 decimals, and
//! only shown so: comparisons and the 回头看 threshold use the exact fractions.
//!
//! Definitions (docs/BALLOTS.md, "The rates"): for an agency, `rated` = the valid (not spoiled)
//! ballots that give it a level; a blank is an abstention on that agency alone and counts in
//! neither part of its rates. 满意率 = 满意 / rated; 满意及基本满意率 = (满意 + 基本满意) / rated,
//! where 基本满意 is the scale's second level when it has three or more (on a two-level scale the
//! two rates are the same). Ranking: by 满意率, then 满意及基本满意率, both higher first; agencies
//! equal in both share a rank (1, 2, 2, 4) and are listed in the setup's order; an agency nobody
//! rated has no rates and comes last.
//!
//! Owns: the arithmetic. Must not: read files or print.

use super::entry::{Marks, Pass};
use super::setup::Setup;
use serde::Serialize;
use std::cmp::Ordering;

/// An exact rate: `numerator / denominator` (no rate when the denominator is 0).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Rate {
    pub numerator: u32,
    pub denominator: u32,
}

impl Rate {
    /// The percentage in hundredths (9333 for 93.33 %), rounded half-up.
    pub fn hundredths(&self) -> Option<u64> {
        let (n, d) = (self.numerator as u64, self.denominator as u64);
        (d > 0).then(|| (2 * n * 10_000 + d) / (2 * d))
    }

    /// `93.33` (no `%`), or `None` without a denominator.
    pub fn percent(&self) -> Option<String> {
        self.hundredths()
            .map(|h| format!("{}.{:02}", h / 100, h % 100))
    }

    /// `93.33%`, or `—`.
    pub fn shown(&self) -> String {
        self.percent()
            .map_or_else(|| "—".to_string(), |p| format!("{p}%"))
    }

    /// Exact order; no rate is below every rate.
    pub fn cmp_exact(&self, other: &Rate) -> Ordering {
        match (self.denominator, other.denominator) {
            (0, 0) => Ordering::Equal,
            (0, _) => Ordering::Less,
            (_, 0) => Ordering::Greater,
            (a, b) => {
                let l = self.numerator as u64 * b as u64;
                let r = other.numerator as u64 * a as u64;
                l.cmp(&r)
            }
        }
    }

    /// Whether the rate is below `threshold` hundredths of a percent (8000 = 80 %), exactly.
    pub fn below(&self, threshold: u64) -> bool {
        self.denominator > 0
            && (self.numerator as u64) * 10_000 < threshold * self.denominator as u64
    }
}

impl Serialize for Rate {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let mut st = s.serialize_struct("Rate", 3)?;
        st.serialize_field("numerator", &self.numerator)?;
        st.serialize_field("denominator", &self.denominator)?;
        st.serialize_field("percent", &self.percent())?;
        st.end()
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct LevelCount {
    pub level: String,
    pub count: u32,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct AgencyTally {
    pub agency: String,
    /// 1 for the best; equal agencies share a rank.
    pub rank: u32,
    /// Votes per level, in the scale's order.
    pub counts: Vec<LevelCount>,
    /// Valid ballots that left the agency blank.
    pub blank: u32,
    /// Valid ballots that gave the agency a level: the rates' denominator.
    pub rated: u32,
    pub satisfied_rate: Rate,
    pub satisfied_or_basic_rate: Rate,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Turnout {
    /// Ballots issued: the setup's number.
    pub issued: u32,
    /// Ballots entered (valid and spoiled).
    pub returned: u32,
    pub valid: u32,
    pub spoiled: u32,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Tally {
    pub setup: u32,
    pub pass: u8,
    pub scale: Vec<String>,
    /// The level counted as 基本满意 in the second rate (`null` on a two-level scale).
    pub basic_level: Option<String>,
    pub turnout: Turnout,
    /// In ranking order.
    pub agencies: Vec<AgencyTally>,
}

/// Count pass `pass_no` (as replayed) of `setup`.
pub fn tally(setup: &Setup, pass_no: u8, pass: &Pass) -> Tally {
    let k = setup.scale.len();
    let n = setup.agencies.len();
    let mut counts = vec![vec![0u32; k]; n];
    let mut blank = vec![0u32; n];
    let (mut valid, mut spoiled) = (0u32, 0u32);
    for c in pass.ballots.values() {
        match &c.marks {
            Marks::Spoiled => spoiled += 1,
            Marks::Choices(choices) => {
                valid += 1;
                for (i, l) in choices.iter().enumerate().take(n) {
                    match l {
                        Some(l) if *l < k => counts[i][*l] += 1,
                        _ => blank[i] += 1,
                    }
                }
            }
        }
    }
    let basic = setup.basic_level();
    let mut agencies: Vec<AgencyTally> = setup
        .agencies
        .iter()
        .enumerate()
        .map(|(i, agency)| {
            let rated: u32 = counts[i].iter().sum();
            let satisfied = counts[i][0];
            let plus = satisfied + basic.map_or(0, |b| counts[i][b]);
            AgencyTally {
                agency: agency.clone(),
                rank: 0,
                counts: setup
                    .scale
                    .iter()
                    .zip(&counts[i])
                    .map(|(level, &count)| LevelCount {
                        level: level.clone(),
                        count,
                    })
                    .collect(),
                blank: blank[i],
                rated,
                satisfied_rate: Rate {
                    numerator: satisfied,
                    denominator: rated,
                },
                satisfied_or_basic_rate: Rate {
                    numerator: plus,
                    denominator: rated,
                },
            }
        })
        .collect();
    let better = |a: &AgencyTally, b: &AgencyTally| {
        b.satisfied_rate.cmp_exact(&a.satisfied_rate).then(
            b.satisfied_or_basic_rate
                .cmp_exact(&a.satisfied_or_basic_rate),
        )
    };
    let ranks: Vec<u32> = agencies
        .iter()
        .map(|a| {
            1 + agencies
                .iter()
                .filter(|b| better(b, a) == Ordering::Less)
                .count() as u32
        })
        .collect();
    for (a, r) in agencies.iter_mut().zip(ranks) {
        a.rank = r;
    }
    // A stable sort keeps the setup's order among equals.
    agencies.sort_by_key(|a| a.rank);
    Tally {
        setup: setup.number,
        pass: pass_no,
        scale: setup.scale.clone(),
        basic_level: basic.map(|b| setup.scale[b].clone()),
        turnout: Turnout {
            issued: setup.ballots,
            returned: valid + spoiled,
            valid,
            spoiled,
        },
        agencies,
    }
}

/// A threshold as given (`80`, `85.5`, `80%`) in hundredths of a percent, 0–100 %.
pub fn parse_threshold(text: &str) -> Option<u64> {
    let t = text.trim().trim_end_matches(['%', '％']);
    let (whole, frac) = t.split_once('.').unwrap_or((t, ""));
    if whole.is_empty()
        || whole.len() > 3
        || frac.len() > 2
        || !whole
            .bytes()
            .chain(frac.bytes())
            .all(|b| b.is_ascii_digit())
    {
        return None;
    }
    let h = whole.parse::<u64>().ok()? * 100 + format!("{frac:0<2}").parse::<u64>().ok()?;
    (h <= 10_000).then_some(h)
}

/// The agencies whose 满意及基本满意率 is below `threshold` (hundredths of a percent), in the
/// tally's order: those for 回头看.
pub fn recheck(t: &Tally, threshold: u64) -> Vec<&AgencyTally> {
    t.agencies
        .iter()
        .filter(|a| a.satisfied_or_basic_rate.below(threshold))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::super::entry::Counted;
    use super::*;

    fn setup(agencies: &[&str], scale: &[&str]) -> Setup {
        Setup {
            kind: String::new(),
            number: 1,
            scheme: String::new(),
            tool_version: String::new(),
            created_at: String::new(),
            agencies_file: String::new(),
            agencies_sha256: String::new(),
            agencies: agencies.iter().map(|s| s.to_string()).collect(),
            scale: scale.iter().map(|s| s.to_string()).collect(),
            ballots: 10,
            ballots_from_draw: None,
            secret: String::new(),
            replaces: None,
        }
    }

    fn pass(ballots: &[Option<&[Option<usize>]>]) -> Pass {
        let mut p = Pass::default();
        for (i, b) in ballots.iter().enumerate() {
            let marks = match b {
                None => Marks::Spoiled,
                Some(c) => Marks::Choices(c.to_vec()),
            };
            p.ballots.insert(i as u32 + 1, Counted { marks, seq: 0 });
        }
        p
    }

    #[test]
    fn rates_round_half_up_and_compare_exactly() {
        let r = |n, d| Rate {
            numerator: n,
            denominator: d,
        };
        assert_eq!(r(2, 3).percent().as_deref(), Some("66.67"));
        assert_eq!(r(1, 3).percent().as_deref(), Some("33.33"));
        // 1/8 = 12.5 % exactly; 1/16 = 6.25 %; 1/32 = 3.125 % → 3.13 (half up).
        assert_eq!(r(1, 32).percent().as_deref(), Some("3.13"));
        assert_eq!(r(0, 0).percent(), None);
        assert_eq!(r(0, 0).shown(), "—");
        assert_eq!(r(1, 1).shown(), "100.00%");
        // 2/3 and 66.67 % are shown alike, yet 2/3 is less than 6667/10000.
        assert_eq!(r(2, 3).cmp_exact(&r(6667, 10_000)), Ordering::Less);
        assert_eq!(r(2, 4).cmp_exact(&r(1, 2)), Ordering::Equal);
        assert!(r(79, 100).below(8000));
        assert!(!r(80, 100).below(8000));
        assert!(!r(0, 0).below(8000));
    }

    #[test]
    fn counts_blanks_spoiled_and_ranks_with_ties() {
        let s = setup(&["甲", "乙", "丙", "丁"], &["满意", "基本满意", "不满意"]);
        let p = pass(&[
            Some(&[Some(0), Some(0), Some(1), None]),
            Some(&[Some(0), Some(1), Some(1), None]),
            Some(&[Some(2), Some(0), Some(0), None]),
            None,
            Some(&[Some(1), Some(1), Some(2), None]),
        ]);
        let t = tally(&s, 1, &p);
        assert_eq!(
            t.turnout,
            Turnout {
                issued: 10,
                returned: 5,
                valid: 4,
                spoiled: 1
            }
        );
        let by = |name: &str| t.agencies.iter().find(|a| a.agency == name).unwrap();
        // 甲: 满意 2, 基本满意 1, 不满意 1 → 2/4, 3/4.  乙: 2, 2, 0 → 2/4, 4/4.
        // 丙: 1, 2, 1 → 1/4, 3/4.  丁: all blank → no rates.
        assert_eq!(by("甲").satisfied_rate.percent().as_deref(), Some("50.00"));
        assert_eq!(
            by("甲").satisfied_or_basic_rate.percent().as_deref(),
            Some("75.00")
        );
        assert_eq!(
            by("乙").satisfied_or_basic_rate.percent().as_deref(),
            Some("100.00")
        );
        assert_eq!((by("丁").blank, by("丁").rated), (4, 0));
        let order: Vec<(&str, u32)> = t
            .agencies
            .iter()
            .map(|a| (a.agency.as_str(), a.rank))
            .collect();
        assert_eq!(order, vec![("乙", 1), ("甲", 2), ("丙", 3), ("丁", 4)]);
        // 回头看 below 80 %: 甲 and 丙 (75 %); 丁 has no rate.
        let low: Vec<&str> = recheck(&t, 8000)
            .iter()
            .map(|a| a.agency.as_str())
            .collect();
        assert_eq!(low, vec!["甲", "丙"]);
    }

    #[test]
    fn equal_agencies_share_a_rank_in_setup_order() {
        let s = setup(&["甲", "乙", "丙"], &["满意", "不满意"]);
        let p = pass(&[
            Some(&[Some(1), Some(0), Some(1)]),
            Some(&[Some(0), Some(0), Some(0)]),
        ]);
        let t = tally(&s, 1, &p);
        let order: Vec<(&str, u32)> = t
            .agencies
            .iter()
            .map(|a| (a.agency.as_str(), a.rank))
            .collect();
        assert_eq!(order, vec![("乙", 1), ("甲", 2), ("丙", 2)]);
        assert_eq!(t.basic_level, None);
        assert_eq!(
            t.agencies[1].satisfied_rate,
            t.agencies[1].satisfied_or_basic_rate
        );
    }

    #[test]
    fn thresholds() {
        assert_eq!(parse_threshold("80"), Some(8000));
        assert_eq!(parse_threshold("85.5"), Some(8550));
        assert_eq!(parse_threshold("90%"), Some(9000));
        assert_eq!(parse_threshold("100"), Some(10_000));
        assert_eq!(parse_threshold("101"), None);
        assert_eq!(parse_threshold("8O"), None);
        assert_eq!(parse_threshold("80.123"), None);
    }
}
