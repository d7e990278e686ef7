//! One line of the review journal: who changed what on which case file, when, against which
//! checklist, and the SHA-256 of the line before it. The JSON form is canonical — a line must be
//! byte-for-byte what serializing its event gives — so hand edits show even on the last line.

use super::decision::Decision;
use crate::checklist::points::Points;
use crate::checklist::ChecklistRef;
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "action", rename_all = "lowercase")]
pub enum Change {
    /// An item's decision changed (`None` = undecided).
    Set {
        item: String,
        old: Option<Decision>,
        new: Option<Decision>,
    },
    /// The file was finalized with this score and grade.
    Finalize { score: Points, grade: String },
    /// A finalized file was opened again for changes.
    Reopen { reason: String },
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Event {
    pub seq: u64,
    pub at: String,
    /// The reviewer who made the change.
    pub by: String,
    /// Case id (案号) of the file.
    pub case: String,
    pub checklist: ChecklistRef,
    #[serde(flatten)]
    pub change: Change,
    /// How the change came in (`cli`, `tui`, `import FILE row N`).
    pub via: String,
    pub prev: String,
}

impl Event {
    /// The line as written to the journal (no newline).
    pub fn to_line(&self) -> String {
        // Serializing plain strings, numbers and options cannot fail.
        serde_json::to_string(self).unwrap_or_default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::review::decision::Verdict;

    #[test]
    fn canonical_round_trip() {
        let e = Event {
            seq: 7,
            at: "2026-11-21T10:00:00+08:00".into(),
            by: "张三".into(),
            case: "攸民宗罚〔2023〕1号".into(),
            checklist: ChecklistRef {
                id: "xzcf-ordinary".into(),
                version: "2026.1".into(),
                sha256: "ab".into(),
            },
            change: Change::Set {
                item: "A1".into(),
                old: None,
                new: Some(Decision {
                    verdict: Verdict::Deduct,
                    points: Some(Points(150)),
                    finding: Some("未加盖印章\n第二处".into()),
                    evidence: Some("第3页".into()),
                }),
            },
            via: "cli".into(),
            prev: "00".into(),
        };
        let line = e.to_line();
        assert!(
            line.contains(r#""action":"set","item":"A1","old":null"#),
            "{line}"
        );
        assert!(line.contains(r#""points":1.5"#), "{line}");
        let back: Event = serde_json::from_str(&line).unwrap();
        assert_eq!(back, e);
        assert_eq!(back.to_line(), line);
    }
}
