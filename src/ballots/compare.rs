//! Double entry: the same ballots entered twice, by two people (`--pass 1`, `--pass 2`), set
//! side by side. Every difference is listed — a ballot in one pass only, spoiled in one and not
//! the other, or one agency's choice — so the paper ballot can be looked at again.
//!
//! Owns: finding the differences. Must not: decide which pass is right.

use super::entry::{Marks, Pass};
use super::setup::Setup;
use serde::Serialize;

/// What one pass holds at a place: a level, a blank, a spoiled ballot, or no entry.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Value {
    Level(String),
    Blank,
    Spoiled,
    /// A valid ballot (set against a spoiled one).
    Ballot,
    NotEntered,
}

impl Value {
    /// As JSON and the text output show it: the level's text, or `blank`, `spoiled`, `ballot`,
    /// `not_entered` (空白, 废票, 有效票, 未录入 in Chinese text).
    pub fn token(&self) -> &str {
        match self {
            Value::Level(l) => l,
            Value::Blank => "blank",
            Value::Spoiled => "spoiled",
            Value::Ballot => "ballot",
            Value::NotEntered => "not_entered",
        }
    }

    pub fn shown(&self, lang: crate::i18n::Lang) -> String {
        match self {
            Value::Level(l) => l.clone(),
            Value::Blank => lang.pick("（空白）", "(blank)").into(),
            Value::Spoiled => lang.pick("废票", "spoiled").into(),
            Value::Ballot => lang.pick("有效票", "valid ballot").into(),
            Value::NotEntered => lang.pick("（未录入）", "(not entered)").into(),
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Difference {
    pub serial: u32,
    /// The agency, or `None` when the whole ballot differs.
    pub agency: Option<String>,
    pub first: Value,
    pub second: Value,
}

/// Every difference between the two passes, by serial, then in the setup's agency order.
pub fn compare(setup: &Setup, first: &Pass, second: &Pass) -> Vec<Difference> {
    let mut serials: Vec<u32> = first
        .ballots
        .keys()
        .chain(second.ballots.keys())
        .copied()
        .collect();
    serials.sort_unstable();
    serials.dedup();
    let level = |l: &Option<usize>| match l {
        Some(l) => Value::Level(setup.scale.get(*l).cloned().unwrap_or_default()),
        None => Value::Blank,
    };
    let mut out = Vec::new();
    for s in serials {
        let whole = |first, second| Difference {
            serial: s,
            agency: None,
            first,
            second,
        };
        match (
            first.ballots.get(&s).map(|c| &c.marks),
            second.ballots.get(&s).map(|c| &c.marks),
        ) {
            (Some(a), None) => out.push(whole(kind(a), Value::NotEntered)),
            (None, Some(b)) => out.push(whole(Value::NotEntered, kind(b))),
            (Some(Marks::Choices(a)), Some(Marks::Choices(b))) => {
                for (i, agency) in setup.agencies.iter().enumerate() {
                    let (x, y) = (a.get(i).copied().flatten(), b.get(i).copied().flatten());
                    if x != y {
                        out.push(Difference {
                            serial: s,
                            agency: Some(agency.clone()),
                            first: level(&x),
                            second: level(&y),
                        });
                    }
                }
            }
            (Some(a), Some(b)) if kind(a) != kind(b) => out.push(whole(kind(a), kind(b))),
            _ => {}
        }
    }
    out
}

fn kind(m: &Marks) -> Value {
    match m {
        Marks::Spoiled => Value::Spoiled,
        Marks::Choices(_) => Value::Ballot,
    }
}
