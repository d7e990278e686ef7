//! One line of the rectification record (`rectification.jsonl`): who did what to which
//! rectification item, when, and the SHA-256 of the line before it — the same chain, fsync and
//! torn-line rules as the review journal (`review::journal::Chain`). Each event also records how
//! many review-journal events existed when it was written (`review`), because the items it
//! names are derived from the review journal: replaying both in that order gives the same items
//! on every machine. The JSON form is canonical, so a hand edit shows even on the last line.

use crate::review::journal::Entry;
use serde::{Deserialize, Serialize};

/// An evidence file (整改佐证材料) copied into the workspace.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Evidence {
    /// The file's name as the user gave it.
    pub name: String,
    /// Where the copy is, relative to the workspace.
    pub file: String,
    pub sha256: String,
}

/// A result of an on-site re-check (回头看).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RecheckResult {
    /// The problem stays rectified.
    Confirmed,
    /// The problem is back (反弹): the item is reopened.
    Rebound,
}

/// An item brought from last year's campaign (`init --carry`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CarriedItem {
    /// Its id in this workspace.
    pub id: String,
    /// Its id in the campaign it came from.
    pub origin_id: String,
    pub agency: String,
    pub case_id: String,
    pub item: String,
    pub item_text: String,
    pub category: String,
    pub finding: String,
    pub basis: Vec<String>,
    /// Its status there (`open`, `in_progress`, `returned`, `submitted`).
    pub status: String,
    pub deadline: Option<String>,
    pub rebound: bool,
    /// Its events there, each line as it stands in that record.
    pub history: Vec<String>,
}

/// Where carried items came from.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CarriedFrom {
    pub campaign: String,
    /// SHA-256 of that workspace's `campaign.json`.
    pub campaign_sha256: String,
    /// Head of that workspace's rectification record when the items were carried.
    pub record_head: String,
    /// Its number of rectification events then.
    pub record_events: u64,
}

/// What changed. (Written flat into the event's JSON object, after `"action"`.)
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "action", rename_all = "snake_case", deny_unknown_fields)]
pub enum Change {
    /// A 评查意见书 was issued to an agency: these items now have a deadline.
    Feedback {
        agency: String,
        date: String,
        deadline: String,
        /// The issuing office and the 文号 as printed, so the letter can be written again
        /// exactly as it was sent.
        office: String,
        number: String,
        items: Vec<String>,
    },
    /// 定领导、定责任、定方案、定时限.
    Plan {
        id: String,
        leader: String,
        owner: String,
        measure: String,
        deadline: Option<String>,
    },
    /// Progress on an item; `done` asks for it to be closed (已整改，申请销号).
    Report {
        id: String,
        progress: String,
        evidence: Vec<Evidence>,
        done: bool,
        /// 完成日期, as the agency gives it.
        date: Option<String>,
    },
    /// 销号.
    Close { id: String, opinion: String },
    /// 退回: not rectified well enough; back to 整改中.
    Return { id: String, reason: String },
    /// 问责线索移送: the item goes on the 移交清单 and stays open for rectification.
    Refer {
        id: String,
        to: String,
        reason: String,
    },
    /// Last year's unfinished items, brought into this campaign.
    Carry {
        from: CarriedFrom,
        items: Vec<CarriedItem>,
    },
    /// Before the seed of a re-check draw: the closed items it draws from, the share and so
    /// the count. The digest of this line is read out before any die is rolled.
    RecheckCommit {
        algorithm: String,
        /// Percent of the eligible items, 1–100.
        percent: u32,
        count: u64,
        eligible: Vec<String>,
    },
    /// The witnessed draw of closed items to re-check on site (回头看), from the commitment on
    /// line `commitment`: every machine recomputes `items` from it and the seed.
    Recheck {
        commitment: u64,
        seed: String,
        parts: Vec<crate::draw::seed::SeedPart>,
        witnesses: Vec<crate::workspace::records::Witness>,
        items: Vec<String>,
    },
    /// What the on-site re-check found.
    Rechecked {
        id: String,
        result: RecheckResult,
        note: String,
    },
}

impl Change {
    /// The item the change is about (none for feedback, carry and recheck draws).
    pub fn item(&self) -> Option<&str> {
        match self {
            Change::Plan { id, .. }
            | Change::Report { id, .. }
            | Change::Close { id, .. }
            | Change::Return { id, .. }
            | Change::Refer { id, .. }
            | Change::Rechecked { id, .. } => Some(id),
            Change::Feedback { .. }
            | Change::Carry { .. }
            | Change::RecheckCommit { .. }
            | Change::Recheck { .. } => None,
        }
    }

    pub fn action(&self) -> &'static str {
        match self {
            Change::Feedback { .. } => "feedback",
            Change::Plan { .. } => "plan",
            Change::Report { .. } => "report",
            Change::Close { .. } => "close",
            Change::Return { .. } => "return",
            Change::Refer { .. } => "refer",
            Change::Carry { .. } => "carry",
            Change::RecheckCommit { .. } => "recheck_commit",
            Change::Recheck { .. } => "recheck",
            Change::Rechecked { .. } => "rechecked",
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RectEvent {
    pub seq: u64,
    pub at: String,
    pub by: String,
    /// How many review-journal events there were when this was written.
    pub review: u64,
    #[serde(flatten)]
    pub change: Change,
    /// How the change came in (`cli`, `tui`, `import FILE@SHA256-PREFIX row N`).
    pub via: String,
    pub prev: String,
}

impl Entry for RectEvent {
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
    fn parse(line: &[u8]) -> Result<RectEvent, String> {
        serde_json::from_slice(line).map_err(|e| e.to_string())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn canonical_round_trip() {
        let e = RectEvent {
            seq: 3,
            at: "2026-12-01T10:00:00+08:00".into(),
            by: "王五".into(),
            review: 57,
            change: Change::Plan {
                id: "Z0001".into(),
                leader: "刘局长".into(),
                owner: "法制股 陈某".into(),
                measure: "补正\n并培训".into(),
                deadline: None,
            },
            via: "cli".into(),
            prev: "00".into(),
        };
        let line = e.to_line();
        assert!(
            line.starts_with(
                r#"{"seq":3,"at":"2026-12-01T10:00:00+08:00","by":"王五","review":57,"action":"plan","id":"Z0001""#
            ),
            "{line}"
        );
        let back = RectEvent::parse(line.as_bytes()).unwrap();
        assert_eq!(back, e);
        assert_eq!(back.to_line(), line);
        assert!(RectEvent::parse(line.replace("plan", "plot").as_bytes()).is_err());
    }
}
