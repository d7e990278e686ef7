//! The roster as recorded in the workspace: `rosters/NNNN.json`, each in the ledger. Importing a
//! list and registering a key each write a new record; the newest is in force, and older ones
//! stay so that a key used for signing earlier is still known.

use super::error::TeamError;
use super::roster::Roster;
use crate::workspace::records::RecordRef;
use crate::workspace::{now, Workspace};
use serde::{Deserialize, Serialize};

pub const ROSTERS: &str = "rosters";
pub const FORMAT: &str = "anjuan-roster-v1";

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RosterRecord {
    pub format: String,
    pub number: u32,
    pub created_at: String,
    /// What changed: `import FILE (sha256 …)` or `key ID fingerprint`.
    pub change: String,
    pub roster: Roster,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub previous: Option<RecordRef>,
}

/// Every roster record, oldest first, each checked against the ledger.
pub fn all(ws: &Workspace) -> Result<Vec<(RosterRecord, RecordRef)>, TeamError> {
    Ok(ws.recorded(ROSTERS)?)
}

/// The roster in force.
pub fn latest(ws: &Workspace) -> Result<(Roster, RecordRef), TeamError> {
    all(ws)?
        .pop()
        .map(|(r, rref)| (r.roster, rref))
        .ok_or(TeamError::NoRoster)
}

/// Record a new roster (nothing is written if it equals the one in force).
pub fn record(ws: &Workspace, roster: Roster, change: String) -> Result<RecordRef, TeamError> {
    let earlier = all(ws)?;
    if let Some((last, rref)) = earlier.last() {
        if last.roster == roster {
            return Ok(rref.clone());
        }
    }
    let number = earlier.last().map_or(1, |(r, _)| r.number + 1);
    let created_at = now();
    let rec = RosterRecord {
        format: FORMAT.into(),
        number,
        created_at: created_at.clone(),
        change,
        roster,
        previous: earlier.last().map(|(_, r)| r.clone()),
    };
    let (file, sha256) = ws.write_record(ROSTERS, number, "roster", &rec, &created_at)?;
    Ok(RecordRef {
        number,
        file,
        sha256,
    })
}

/// Every key ever registered, with its member id (a key registered earlier still verifies the
/// events it signed then).
pub fn all_keys(ws: &Workspace) -> Result<Vec<(String, String)>, TeamError> {
    let mut keys: Vec<(String, String)> = Vec::new();
    for (r, _) in all(ws)? {
        for m in &r.roster.members {
            for k in &m.keys {
                if !keys.iter().any(|(id, key)| id == &m.id && key == k) {
                    keys.push((m.id.clone(), k.clone()));
                }
            }
        }
    }
    Ok(keys)
}
