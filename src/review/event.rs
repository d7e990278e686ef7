//! One line of the review journal: who changed what on which case file, when, against which
//! checklist, and the SHA-256 of the line before it. The JSON form is canonical — a line must be
//! byte-for-byte what serializing its event gives — so hand edits show even on the last line.

use super::decision::Decision;
use crate::checklist::points::Points;
use crate::checklist::ChecklistRef;
use serde::{Deserialize, Serialize};

/// What changed. (Written flat into the event's JSON object, after `"action"`.)
#[derive(Clone, Debug, PartialEq, Eq)]
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
    /// On a double-reviewed file, the 复核人 settles an item the two reviewers decided
    /// differently.
    Resolve {
        item: String,
        new: Option<Decision>,
        reason: String,
    },
}

/// A reviewer's Ed25519 signature over an event, made where the event was first written (a
/// reviewer package's journal). `seq` and `prev` are the event's place in that journal: merged
/// into the lead's journal the event gets a new place, and these keep the signed one.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Signed {
    pub seq: u64,
    pub prev: String,
    /// Public key, 64 hex digits.
    pub key: String,
    /// Signature over `Event::signed_message`, 128 hex digits.
    pub sig: String,
}

/// Prefix of every signed message, so a signature over an event can never be taken for one
/// over anything else.
pub const SIGNING_CONTEXT: &str = "anjuan-event-v1";

#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
#[serde(try_from = "Wire")]
pub struct Event {
    pub seq: u64,
    pub at: String,
    /// The reviewer who made the change.
    pub by: String,
    /// Case id (案号) of the file.
    pub case: String,
    /// On a double-reviewed file: the reviewer whose own, independent sheet this changes. `None`
    /// is the file's sheet itself (the reconciled one, on a double-reviewed file).
    pub lane: Option<String>,
    pub checklist: ChecklistRef,
    pub change: Change,
    /// How the change came in (`cli`, `tui`, `import FILE row N`).
    pub via: String,
    pub prev: String,
    pub signed: Option<Signed>,
}

impl Event {
    /// The line as written to the journal (no newline).
    pub fn to_line(&self) -> String {
        // Serializing plain strings, numbers and options cannot fail.
        serde_json::to_string(self).unwrap_or_default()
    }

    /// The bytes a reviewer signs: the context, the event's line as it stood where it was
    /// signed (its `seq` and `prev` there, no signature), and the public key.
    pub fn signed_message(&self, seq: u64, prev: &str, key: &str) -> Vec<u8> {
        let bare = Event {
            seq,
            prev: prev.to_string(),
            signed: None,
            ..self.clone()
        };
        format!("{SIGNING_CONTEXT}\n{}\n{key}", bare.to_line()).into_bytes()
    }
}

impl Serialize for Event {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let mut m = s.serialize_struct("Event", 11)?;
        m.serialize_field("seq", &self.seq)?;
        m.serialize_field("at", &self.at)?;
        m.serialize_field("by", &self.by)?;
        m.serialize_field("case", &self.case)?;
        // Written only when present, so lines from before double review keep their form.
        if let Some(lane) = &self.lane {
            m.serialize_field("lane", lane)?;
        }
        m.serialize_field("checklist", &self.checklist)?;
        match &self.change {
            Change::Set { item, old, new } => {
                m.serialize_field("action", "set")?;
                m.serialize_field("item", item)?;
                m.serialize_field("old", old)?;
                m.serialize_field("new", new)?;
            }
            Change::Finalize { score, grade } => {
                m.serialize_field("action", "finalize")?;
                m.serialize_field("score", score)?;
                m.serialize_field("grade", grade)?;
            }
            Change::Reopen { reason } => {
                m.serialize_field("action", "reopen")?;
                m.serialize_field("reason", reason)?;
            }
            Change::Resolve { item, new, reason } => {
                m.serialize_field("action", "resolve")?;
                m.serialize_field("item", item)?;
                m.serialize_field("new", new)?;
                m.serialize_field("reason", reason)?;
            }
        }
        m.serialize_field("via", &self.via)?;
        m.serialize_field("prev", &self.prev)?;
        if let Some(signed) = &self.signed {
            m.serialize_field("signed", signed)?;
        }
        m.end()
    }
}

/// The flat JSON form. (serde's `flatten` would do the same but buffers every line, and opening
/// a journal of 20,000 events must stay well under 100 ms.)
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Wire {
    seq: u64,
    at: String,
    by: String,
    case: String,
    #[serde(default)]
    lane: Option<String>,
    checklist: ChecklistRef,
    action: Action,
    #[serde(default)]
    item: Option<String>,
    #[serde(default, deserialize_with = "present")]
    old: Option<Option<Decision>>,
    #[serde(default, deserialize_with = "present")]
    new: Option<Option<Decision>>,
    #[serde(default)]
    score: Option<Points>,
    #[serde(default)]
    grade: Option<String>,
    #[serde(default)]
    reason: Option<String>,
    via: String,
    prev: String,
    #[serde(default)]
    signed: Option<Signed>,
}

#[derive(Deserialize)]
#[serde(rename_all = "lowercase")]
enum Action {
    Set,
    Finalize,
    Reopen,
    Resolve,
}

/// Tells a field written as `null` (Some(None)) from a missing one (None).
fn present<'de, D, T>(d: D) -> Result<Option<Option<T>>, D::Error>
where
    D: serde::Deserializer<'de>,
    T: Deserialize<'de>,
{
    Option::<T>::deserialize(d).map(Some)
}

impl TryFrom<Wire> for Event {
    type Error = String;

    fn try_from(w: Wire) -> Result<Event, String> {
        use Action::*;
        let change = match (w.action, w.item, w.old, w.new, w.score, w.grade, w.reason) {
            (Set, Some(item), Some(old), Some(new), None, None, None) => {
                Change::Set { item, old, new }
            }
            (Finalize, None, None, None, Some(score), Some(grade), None) => {
                Change::Finalize { score, grade }
            }
            (Reopen, None, None, None, None, None, Some(reason)) => Change::Reopen { reason },
            (Resolve, Some(item), None, Some(new), None, None, Some(reason)) => {
                Change::Resolve { item, new, reason }
            }
            _ => {
                return Err(
                    "fields that do not belong to the action (set: item, old, new; \
                     finalize: score, grade; reopen: reason; resolve: item, new, reason)"
                        .into(),
                )
            }
        };
        Ok(Event {
            seq: w.seq,
            at: w.at,
            by: w.by,
            case: w.case,
            lane: w.lane,
            checklist: w.checklist,
            change,
            via: w.via,
            prev: w.prev,
            signed: w.signed,
        })
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
            lane: None,
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
            signed: None,
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
