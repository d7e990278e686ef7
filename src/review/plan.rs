//! The review plan: which checklists (by id, version and SHA-256) a campaign scores against, how
//! the register's case types map to them, and which category set the findings report under.
//! Plans are numbered records in the ledger like commitments and draws; a later plan supersedes
//! an earlier one but never changes what files already started were scored against.

use crate::checklist::categories::CategorySet;
use crate::checklist::{self, normalize_case_type, Checklist};
use crate::workspace::records::RecordRef;
use crate::workspace::{endings, fsio, ledger, now, Workspace};
use serde::{Deserialize, Serialize};
use std::path::Path;

pub const PLANS: &str = "review-plans";
pub const CHECKLIST_DIR: &str = "checklists";

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PlannedChecklist {
    pub id: String,
    pub version: String,
    pub title: String,
    /// Byte copy inside the workspace, e.g. `checklists/xzcf-ordinary-2026.1.toml`.
    pub file: String,
    pub sha256: String,
    pub case_types: Vec<String>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CaseTypeRule {
    pub case_type: String,
    pub checklist: String,
}

/// `review-plans/NNNN.json`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ReviewPlan {
    pub kind: String,
    pub number: u32,
    pub tool_version: String,
    pub created_at: String,
    pub draw: RecordRef,
    pub category_set: CategorySet,
    pub checklists: Vec<PlannedChecklist>,
    /// Explicit case type → checklist rules; they win over the checklists' own `case_types`.
    pub mapping: Vec<CaseTypeRule>,
    /// For case types nothing else matches (also files without a case type).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub default_checklist: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub previous: Option<RecordRef>,
}

impl ReviewPlan {
    /// The checklist id a case type is reviewed with, if any.
    pub fn checklist_for(&self, case_type: &str) -> Option<&str> {
        let t = normalize_case_type(case_type);
        if let Some(rule) = self
            .mapping
            .iter()
            .find(|r| normalize_case_type(&r.case_type) == t)
        {
            return Some(&rule.checklist);
        }
        let mut by_list = self
            .checklists
            .iter()
            .filter(|c| c.case_types.iter().any(|ct| normalize_case_type(ct) == t));
        match (by_list.next(), by_list.next()) {
            (Some(c), None) => Some(&c.id),
            _ => self.default_checklist.as_deref(),
        }
    }

    /// Same checklists, rules and category set (what makes a new plan worth recording).
    pub fn same_terms(&self, other: &ReviewPlan) -> bool {
        self.draw == other.draw
            && self.category_set == other.category_set
            && self.checklists == other.checklists
            && self.mapping == other.mapping
            && self.default_checklist == other.default_checklist
    }
}

/// File name for a checklist copy: id and version, with anything unusual in the version replaced.
pub fn copy_name(c: &Checklist) -> String {
    let version: String = c
        .version
        .chars()
        .map(|ch| {
            if ch.is_ascii_alphanumeric() || ch == '.' || ch == '-' || ch == '_' {
                ch
            } else {
                '_'
            }
        })
        .collect();
    format!("{CHECKLIST_DIR}/{}-{version}.toml", c.id)
}

/// Every plan recorded so far, oldest first.
pub fn plans(
    ws: &Workspace,
) -> Result<Vec<(ReviewPlan, RecordRef)>, crate::workspace::WorkspaceError> {
    let mut out = Vec::new();
    for (number, file) in crate::workspace::numbered(&ws.dir, PLANS)? {
        let (plan, sha256) = crate::workspace::read_json::<ReviewPlan>(&ws.dir.join(&file))?;
        out.push((
            plan,
            RecordRef {
                number,
                file,
                sha256,
            },
        ));
    }
    Ok(out)
}

/// Load a planned checklist from the workspace, refusing a file that changed since it was recorded.
pub fn load_planned(dir: &Path, p: &PlannedChecklist) -> Result<Checklist, PlanError> {
    let bytes = crate::workspace::safe_path::read_inside(dir, &p.file)
        .map_err(|e| PlanError::Io(format!("{}: {e}", p.file)))?;
    // A copy that only converted the line endings gives back the recorded bytes.
    let recovered = endings::recover(&bytes, &p.sha256);
    let Some(bytes) = recovered.bytes() else {
        return Err(PlanError::ChecklistAltered {
            file: p.file.clone(),
            recorded: p.sha256.clone(),
            found: ledger::sha256_hex(&bytes),
        });
    };
    checklist::load::parse(&p.file, bytes).map_err(PlanError::Checklist)
}

#[derive(Debug)]
pub enum PlanError {
    Io(String),
    /// Copying a checklist into the workspace was refused (disk full, read-only).
    Storage {
        file: String,
        fault: crate::workspace::fsio::Fault,
        detail: String,
    },
    Checklist(checklist::ChecklistError),
    ChecklistAltered {
        file: String,
        recorded: String,
        found: String,
    },
    DuplicateId(String),
    VersionReused {
        id: String,
        version: String,
        file: String,
    },
    UnknownInRule {
        case_type: String,
        checklist: String,
    },
    UnsupportedSet {
        checklist: String,
        set: CategorySet,
    },
    Unmapped(Vec<(String, usize)>),
}

/// Copy `checklists` into the workspace if needed and return their plan entries. A checklist
/// whose id and version were recorded before must be byte-identical to that recording.
pub fn store_checklists(
    ws: &Workspace,
    checklists: &[(Checklist, Vec<u8>)],
    earlier: &[(ReviewPlan, RecordRef)],
) -> Result<Vec<PlannedChecklist>, PlanError> {
    let mut out = Vec::new();
    for (c, bytes) in checklists {
        if out.iter().any(|p: &PlannedChecklist| p.id == c.id) {
            return Err(PlanError::DuplicateId(c.id.clone()));
        }
        let file = copy_name(c);
        let recorded = earlier
            .iter()
            .flat_map(|(p, _)| &p.checklists)
            .find(|p| p.id == c.id && (p.version == c.version || p.file == file));
        if let Some(r) = recorded {
            if r.sha256 != c.sha256 {
                return Err(PlanError::VersionReused {
                    id: c.id.clone(),
                    version: c.version.clone(),
                    file: r.file.clone(),
                });
            }
        }
        let entry = planned_entry(c);
        let target = ws.dir.join(&file);
        std::fs::create_dir_all(ws.dir.join(CHECKLIST_DIR))
            .map_err(|e| write_error(CHECKLIST_DIR, e))?;
        match fsio::create_new(&target, bytes) {
            Ok(()) => {}
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
                let existing =
                    std::fs::read(&target).map_err(|e| PlanError::Io(format!("{file}: {e}")))?;
                if endings::recover(&existing, &c.sha256).bytes().is_none() {
                    return Err(PlanError::ChecklistAltered {
                        file,
                        recorded: c.sha256.clone(),
                        found: ledger::sha256_hex(&existing),
                    });
                }
            }
            Err(e) => return Err(write_error(&file, e)),
        }
        out.push(entry);
    }
    Ok(out)
}

fn write_error(file: &str, e: std::io::Error) -> PlanError {
    match fsio::Fault::of(&e) {
        Some(fault) => PlanError::Storage {
            file: file.to_string(),
            fault,
            detail: e.to_string(),
        },
        None => PlanError::Io(format!("{file}: {e}")),
    }
}

/// A checklist's entry in a plan (its copy named by `copy_name`).
pub fn planned_entry(c: &Checklist) -> PlannedChecklist {
    PlannedChecklist {
        id: c.id.clone(),
        version: c.version.clone(),
        title: c.title.clone(),
        file: copy_name(c),
        sha256: c.sha256.clone(),
        case_types: c.case_types.clone(),
    }
}

/// A new plan's terms, checked against the drawn files' case types.
pub fn draft(
    draw: RecordRef,
    category_set: CategorySet,
    checklists: Vec<PlannedChecklist>,
    parsed: &[Checklist],
    mapping: Vec<CaseTypeRule>,
    default_checklist: Option<String>,
    drawn_case_types: &[String],
) -> Result<ReviewPlan, PlanError> {
    for c in parsed {
        if !c.category_sets.contains(&category_set) {
            return Err(PlanError::UnsupportedSet {
                checklist: c.id.clone(),
                set: category_set,
            });
        }
    }
    let known = |id: &str| checklists.iter().any(|c| c.id == id);
    for r in &mapping {
        if !known(&r.checklist) {
            return Err(PlanError::UnknownInRule {
                case_type: r.case_type.clone(),
                checklist: r.checklist.clone(),
            });
        }
    }
    if let Some(d) = &default_checklist {
        if !known(d) {
            return Err(PlanError::UnknownInRule {
                case_type: "*".into(),
                checklist: d.clone(),
            });
        }
    }
    let plan = ReviewPlan {
        kind: "anjuan-review-plan".into(),
        number: 0,
        tool_version: crate::TOOL_VERSION.into(),
        created_at: now(),
        draw,
        category_set,
        checklists,
        mapping,
        default_checklist,
        previous: None,
    };
    let mut unmapped: Vec<(String, usize)> = Vec::new();
    for t in drawn_case_types {
        if plan.checklist_for(t).is_none() {
            match unmapped.iter_mut().find(|(u, _)| u == t) {
                Some((_, n)) => *n += 1,
                None => unmapped.push((t.clone(), 1)),
            }
        }
    }
    if !unmapped.is_empty() {
        return Err(PlanError::Unmapped(unmapped));
    }
    Ok(plan)
}
