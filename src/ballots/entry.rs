//! Whether a ballot may be entered, and the record replayed: which ballot of which pass stands.
//! The same rules refuse a new entry at once (TUI, import, `enter`) and, in `verify`, a line of
//! the record that should never have been written: an unknown serial, a wrong check code, a
//! serial entered twice in one pass, a choice not on the scale.
//!
//! Owns: the rules and the replay. Must not: write (that is `Ballots::enter`).

use super::event::{BallotEvent, Change};
use super::setup::Setup;
use super::Refusal;
use std::collections::BTreeMap;

/// What is marked on a ballot: one level (0-based) or blank per agency, or spoiled.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Marks {
    Choices(Vec<Option<usize>>),
    Spoiled,
}

/// A ballot as entered: its serial, its check code as typed, what is marked.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Ballot {
    pub serial: u32,
    pub code: String,
    pub marks: Marks,
}

/// A ballot standing in a pass: what it says and the record line (seq) that entered it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Counted {
    pub marks: Marks,
    pub seq: u64,
}

/// One pass of one setup, replayed: serial → the ballot standing.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Pass {
    pub ballots: BTreeMap<u32, Counted>,
}

/// The serial as typed, if it is one of the setup's.
pub fn serial(setup: &Setup, typed: &str) -> Result<u32, Refusal> {
    match super::code::parse_serial(typed) {
        Some(n) if (1..=setup.ballots).contains(&n) => Ok(n),
        _ => Err(Refusal::UnknownSerial {
            typed: typed.trim().to_string(),
            issued: setup.ballots,
        }),
    }
}

/// Check a serial against the setup and the pass (unknown, or entered already).
pub fn check_serial(setup: &Setup, pass: &Pass, n: u32, pass_no: u8) -> Result<(), Refusal> {
    if !(1..=setup.ballots).contains(&n) {
        return Err(Refusal::UnknownSerial {
            typed: n.to_string(),
            issued: setup.ballots,
        });
    }
    if let Some(c) = pass.ballots.get(&n) {
        return Err(Refusal::Duplicate {
            serial: setup.serial_text(n),
            pass: pass_no,
            seq: Some(c.seq),
        });
    }
    Ok(())
}

/// Check a code as typed for ballot `n`.
pub fn check_code(setup: &Setup, n: u32, typed: &str) -> Result<(), Refusal> {
    if super::code::normalise_code(typed) == setup.code(n) {
        Ok(())
    } else {
        Err(Refusal::WrongCode {
            serial: setup.serial_text(n),
        })
    }
}

/// Check a whole ballot against the setup and the pass.
pub fn check(setup: &Setup, pass: &Pass, pass_no: u8, b: &Ballot) -> Result<(), Refusal> {
    check_serial(setup, pass, b.serial, pass_no)?;
    check_code(setup, b.serial, &b.code)?;
    if let Marks::Choices(c) = &b.marks {
        if c.len() != setup.agencies.len() {
            return Err(Refusal::Choices {
                expected: setup.agencies.len(),
                got: c.len(),
            });
        }
        if let Some((i, l)) = c
            .iter()
            .enumerate()
            .find_map(|(i, l)| l.filter(|&l| l >= setup.scale.len()).map(|l| (i, l)))
        {
            return Err(Refusal::NotOnScale {
                agency: setup.agencies[i].clone(),
                value: (l + 1).to_string(),
                scale: setup.scale.clone(),
            });
        }
    }
    Ok(())
}

/// The record's change for a checked ballot.
pub fn change(setup: &Setup, b: &Ballot) -> Change {
    let code = super::code::normalise_code(&b.code);
    match &b.marks {
        Marks::Spoiled => Change::Spoiled {
            serial: b.serial,
            code,
        },
        Marks::Choices(c) => Change::Ballot {
            serial: b.serial,
            code,
            choices: c
                .iter()
                .map(|l| l.and_then(|l| setup.scale.get(l).cloned()))
                .collect(),
        },
    }
}

/// Replay the events of setup `setup` (others are skipped): the passes as they stand, and
/// every line the rules refuse (its seq, why). A refused line changes nothing.
pub fn replay(setup: &Setup, events: &[BallotEvent]) -> (BTreeMap<u8, Pass>, Vec<(u64, Refusal)>) {
    let mut passes: BTreeMap<u8, Pass> = BTreeMap::new();
    let mut refused = Vec::new();
    for e in events.iter().filter(|e| e.setup == setup.number) {
        if !matches!(e.pass, 1 | 2) {
            refused.push((e.seq, Refusal::BadPass(e.pass.to_string())));
            continue;
        }
        let pass = passes.entry(e.pass).or_default();
        let ballot = match &e.change {
            Change::Withdraw { serial, reason } => {
                if reason.trim().is_empty() {
                    refused.push((e.seq, Refusal::EmptyReason));
                } else if pass.ballots.remove(serial).is_none() {
                    let serial = setup.serial_text(*serial);
                    refused.push((
                        e.seq,
                        Refusal::NotEntered {
                            serial,
                            pass: e.pass,
                        },
                    ));
                }
                continue;
            }
            Change::Ballot {
                serial,
                code,
                choices,
            } => marks_of(setup, choices).map(|m| Ballot {
                serial: *serial,
                code: code.clone(),
                marks: Marks::Choices(m),
            }),
            Change::Spoiled { serial, code } => Ok(Ballot {
                serial: *serial,
                code: code.clone(),
                marks: Marks::Spoiled,
            }),
        };
        match ballot.and_then(|b| check(setup, pass, e.pass, &b).map(|()| b)) {
            Ok(b) => {
                pass.ballots.insert(
                    b.serial,
                    Counted {
                        marks: b.marks,
                        seq: e.seq,
                    },
                );
            }
            Err(r) => refused.push((e.seq, r)),
        }
    }
    (passes, refused)
}

/// The recorded choices (level texts) as levels.
fn marks_of(setup: &Setup, choices: &[Option<String>]) -> Result<Vec<Option<usize>>, Refusal> {
    if choices.len() != setup.agencies.len() {
        return Err(Refusal::Choices {
            expected: setup.agencies.len(),
            got: choices.len(),
        });
    }
    choices
        .iter()
        .zip(&setup.agencies)
        .map(|(c, agency)| match c {
            None => Ok(None),
            Some(text) => match setup.scale.iter().position(|l| l == text) {
                Some(i) => Ok(Some(i)),
                None => Err(Refusal::NotOnScale {
                    agency: agency.clone(),
                    value: text.clone(),
                    scale: setup.scale.clone(),
                }),
            },
        })
        .collect()
}
