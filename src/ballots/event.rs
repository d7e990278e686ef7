//! One line of the ballot record (`ballots.jsonl`): a ballot entered (its serial, check code and
//! one choice per agency), a ballot entered as spoiled (废票), or an entry withdrawn so that the
//! ballot can be entered again in that pass. The same chain, fsync and torn-line rules as the
//! review journal (`review::journal::Chain`); the JSON form is canonical, so a hand edit shows
//! even on the last line.
//!
//! Owns: the line's form. Must not: judge whether an entry is allowed (`entry` does).

use crate::review::journal::Entry;
use serde::{Deserialize, Serialize};

/// What the line records. (Written flat into the event's JSON object, after `"action"`.)
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "action", rename_all = "snake_case", deny_unknown_fields)]
pub enum Change {
    /// A valid ballot: `choices[i]` is the level given to the setup's agency `i` (its text on
    /// the scale), or `null` when the representative left it blank.
    Ballot {
        serial: u32,
        code: String,
        choices: Vec<Option<String>>,
    },
    /// A spoiled ballot (废票): returned, counted in the turnout, in no agency's figures.
    Spoiled { serial: u32, code: String },
    /// The pass's entry of `serial` is taken back (a typing mistake); it may be entered again.
    Withdraw { serial: u32, reason: String },
}

impl Change {
    pub fn serial(&self) -> u32 {
        match self {
            Change::Ballot { serial, .. }
            | Change::Spoiled { serial, .. }
            | Change::Withdraw { serial, .. } => *serial,
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct BallotEvent {
    pub seq: u64,
    pub at: String,
    /// The clerk (`--clerk`), when named.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub by: Option<String>,
    /// The setup (`ballots/NNNN.json`) the ballot belongs to.
    pub setup: u32,
    /// The entry pass: 1, or 2 for the second, independent entry of the same ballots.
    pub pass: u8,
    #[serde(flatten)]
    pub change: Change,
    /// `tui`, `cli`, or `import FILE@SHA256-PREFIX row N`.
    pub via: String,
    pub prev: String,
}

impl Entry for BallotEvent {
    fn seq(&self) -> u64 {
        self.seq
    }
    fn prev(&self) -> &str {
        &self.prev
    }
    fn place(&mut self, seq: u64, prev: String) {
        self.seq = seq;
        self.prev = prev;
    }
    fn to_line(&self) -> String {
        // Plain strings, numbers and options: serializing cannot fail.
        serde_json::to_string(self).unwrap_or_default()
    }
    fn parse(line: &[u8]) -> Result<BallotEvent, String> {
        serde_json::from_slice(line).map_err(|e| e.to_string())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn canonical_round_trip() {
        let e = BallotEvent {
            seq: 2,
            at: "2027-02-20T10:00:00+08:00".into(),
            by: None,
            setup: 1,
            pass: 1,
            change: Change::Ballot {
                serial: 7,
                code: "01234567".into(),
                choices: vec![Some("满意".into()), None],
            },
            via: "tui".into(),
            prev: "00".into(),
        };
        let line = e.to_line();
        assert_eq!(
            line,
            r#"{"seq":2,"at":"2027-02-20T10:00:00+08:00","setup":1,"pass":1,"action":"ballot","serial":7,"code":"01234567","choices":["满意",null],"via":"tui","prev":"00"}"#
        );
        let back = BallotEvent::parse(line.as_bytes()).unwrap();
        assert_eq!(back, e);
        assert!(BallotEvent::parse(line.replace("ballot", "ballet").as_bytes()).is_err());
    }
}
