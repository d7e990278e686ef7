//! Who reviews which drawn file: `assignments/NNNN.json`, each in the ledger. The first record
//! of a draw is the random assignment (made by `team::assign`, which `verify` recomputes); each
//! later one moves one file from one reviewer to another with a reason (illness, a declared
//! conflict). Reading them here lets the review rules, the TUI and the sheets know the current
//! assignment without depending on the team stage that makes it.

use crate::workspace::records::RecordRef;
use crate::workspace::{Workspace, WorkspaceError};
use serde::{Deserialize, Serialize};

pub const ASSIGNMENTS: &str = "assignments";
pub const FORMAT: &str = "anjuan-assignment-v1";

/// A team member as the assignment recorded them (a snapshot of the roster).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Person {
    pub id: String,
    pub name: String,
    pub unit: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AssignedFile {
    pub case: String,
    pub agency: String,
    /// Reviewer ids, sorted.
    pub reviewers: Vec<String>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case", deny_unknown_fields)]
pub enum AssignmentChange {
    /// The random assignment after a draw.
    Random {
        algorithm: String,
        draw: RecordRef,
        roster: RecordRef,
        seed: String,
        population_sha256: String,
        per_file: usize,
        /// The 评查人 the algorithm chose from, and the 复核人 who settle double reviews.
        reviewers: Vec<Person>,
        checkers: Vec<Person>,
        files: Vec<AssignedFile>,
        balanced: bool,
    },
    /// One file moved from one reviewer to another (or, with no `from`, given a reviewer: an
    /// alternate brought in for a missing file).
    Reassign {
        case: String,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        from: Option<String>,
        to: Person,
        reason: String,
        /// Who decided it (the team lead).
        by: String,
    },
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AssignmentRecord {
    pub format: String,
    pub number: u32,
    pub created_at: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub previous: Option<RecordRef>,
    pub change: AssignmentChange,
}

/// A manual reassignment, for the sheets.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Moved {
    pub from: Option<String>,
    pub to: String,
    pub reason: String,
    pub by: String,
    pub at: String,
}

/// The assignment in force: the random one with every reassignment since applied.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Assignment {
    /// The random record.
    pub origin: RecordRef,
    pub draw: RecordRef,
    pub per_file: usize,
    pub balanced: bool,
    pub people: Vec<Person>,
    pub checkers: Vec<Person>,
    pub files: Vec<AssignedFile>,
    pub moves: Vec<(String, Moved)>,
    /// The newest record (random or reassignment).
    pub head: RecordRef,
}

impl Assignment {
    pub fn reviewers_of(&self, case: &str) -> &[String] {
        self.files
            .iter()
            .find(|f| f.case == case)
            .map_or(&[], |f| f.reviewers.as_slice())
    }

    pub fn person(&self, id: &str) -> Option<&Person> {
        self.people
            .iter()
            .chain(&self.checkers)
            .find(|p| p.id == id)
    }

    pub fn is_checker(&self, id: &str) -> bool {
        self.checkers.iter().any(|p| p.id == id)
    }

    /// `name（unit）` for a sheet, or the id itself for someone not on the roster.
    pub fn label(&self, id: &str) -> String {
        match self.person(id) {
            Some(p) if p.unit.is_empty() => p.name.clone(),
            Some(p) => format!("{}（{}）", p.name, p.unit),
            None => id.to_string(),
        }
    }

    pub fn moves_of<'a>(&'a self, case: &'a str) -> impl Iterator<Item = &'a Moved> + 'a {
        self.moves
            .iter()
            .filter(move |(c, _)| c == case)
            .map(|(_, m)| m)
    }

    pub fn files_of<'a>(&'a self, reviewer: &'a str) -> impl Iterator<Item = &'a str> + 'a {
        self.files
            .iter()
            .filter(move |f| f.reviewers.iter().any(|r| r == reviewer))
            .map(|f| f.case.as_str())
    }
}

/// Every assignment record, oldest first.
pub fn records(ws: &Workspace) -> Result<Vec<(AssignmentRecord, RecordRef)>, WorkspaceError> {
    ws.recorded(ASSIGNMENTS)
}

/// The assignment in force for `draw`: the newest random record made for it, with the
/// reassignments after it. `None` if the draw has none (records for a superseded draw are ignored).
pub fn current(records: &[(AssignmentRecord, RecordRef)], draw: &RecordRef) -> Option<Assignment> {
    let start = records.iter().rposition(
        |(r, _)| matches!(&r.change, AssignmentChange::Random { draw: d, .. } if d == draw),
    )?;
    let (first, origin) = &records[start];
    let AssignmentChange::Random {
        per_file,
        reviewers,
        checkers,
        files,
        balanced,
        ..
    } = &first.change
    else {
        return None;
    };
    let mut a = Assignment {
        origin: origin.clone(),
        draw: draw.clone(),
        per_file: *per_file,
        balanced: *balanced,
        people: reviewers.clone(),
        checkers: checkers.clone(),
        files: files.clone(),
        moves: Vec::new(),
        head: origin.clone(),
    };
    for (r, rref) in &records[start + 1..] {
        if let AssignmentChange::Reassign {
            case,
            from,
            to,
            reason,
            by,
        } = &r.change
        {
            a.apply_move(case, from.as_deref(), to);
            a.moves.push((
                case.clone(),
                Moved {
                    from: from.clone(),
                    to: to.id.clone(),
                    reason: reason.clone(),
                    by: by.clone(),
                    at: r.created_at.clone(),
                },
            ));
            a.head = rref.clone();
        }
    }
    Some(a)
}

impl Assignment {
    fn apply_move(&mut self, case: &str, from: Option<&str>, to: &Person) {
        match self.files.iter_mut().find(|f| f.case == case) {
            Some(f) => {
                match from {
                    Some(from) => f
                        .reviewers
                        .iter_mut()
                        .filter(|r| *r == from)
                        .for_each(|r| *r = to.id.clone()),
                    None => f.reviewers.push(to.id.clone()),
                }
                f.reviewers.sort();
            }
            None => self.files.push(AssignedFile {
                case: case.to_string(),
                agency: String::new(),
                reviewers: vec![to.id.clone()],
            }),
        }
        if self.person(&to.id).is_none() {
            self.people.push(to.clone());
        }
    }
}
