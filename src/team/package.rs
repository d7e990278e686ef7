//! A reviewer package: a folder the lead gives a reviewer (USB stick, mail) to work in offline
//! with the same TUI. It holds the reviewer's files only — their register rows, the draw record,
//! the review plan and its checklists, the assignment — and an empty journal whose first line
//! must follow the package's digest, so every event signed in it belongs to this one package.
//! Other agencies' register rows and other reviewers' scores never leave the lead's workspace.

use super::error::TeamError;
use super::records;
use crate::register::import::CaseDetails;
use crate::review::package::{PackageManifest, FORMAT, PACKAGE};
use crate::review::{assignment::Person, Review};
use crate::workspace::{fsio, now, CAMPAIGN, CASES, LEDGER};
use std::io::BufRead;
use std::path::{Path, PathBuf};

/// Folders copied whole: the records `Review::open` checks against the ledger.
const RECORD_DIRS: [&str; 5] = [
    "commitments",
    "draws",
    crate::review::plan::PLANS,
    crate::review::plan::CHECKLIST_DIR,
    crate::review::assignment::ASSIGNMENTS,
];

pub struct Made {
    pub dir: PathBuf,
    pub manifest: PackageManifest,
    pub digest: String,
}

/// Write `reviewer`'s package to `out` (a new or empty folder). Built beside it and renamed into
/// place, so an interrupted export leaves no half package.
pub fn make(review: &Review, reviewer: &str, out: &Path) -> Result<Made, TeamError> {
    let a = review.assignment.as_ref().ok_or(TeamError::NoAssignment)?;
    let (roster, _) = records::latest(&review.ws)?;
    let member = roster
        .member(reviewer)
        .ok_or_else(|| TeamError::UnknownMember(reviewer.to_string()))?;
    if member.keys.is_empty() {
        return Err(TeamError::NoKey(member.id.clone()));
    }
    let files: Vec<String> = review
        .files
        .iter()
        .map(|f| f.id().to_string())
        .filter(|c| a.reviewers_of(c).contains(&member.id))
        .collect();
    if files.is_empty() {
        return Err(TeamError::NoFiles(member.id.clone()));
    }
    let occupied = out.exists() && std::fs::read_dir(out).map_or(true, |mut d| d.next().is_some());
    if occupied {
        return Err(TeamError::OutExists(out.to_path_buf()));
    }
    let (_, campaign_sha256) = review.ws.campaign()?;
    let manifest = PackageManifest {
        format: FORMAT.into(),
        created_at: now(),
        campaign_sha256,
        lead_journal_head: review.journal.head().to_string(),
        assignment: a.head.clone(),
        reviewer: Person {
            id: member.id.clone(),
            name: member.name.clone(),
            unit: member.unit.clone(),
        },
        keys: member.keys.clone(),
        files,
    };
    let name = out
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "package".into());
    let tmp = out.with_file_name(format!(".{name}.partial-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&tmp);
    let built = build(&review.ws.dir, &tmp, &manifest);
    let result = built.and_then(|digest| {
        if out.exists() {
            std::fs::remove_dir(out)?;
        }
        std::fs::rename(&tmp, out)?;
        fsio::sync_dir(out.parent().unwrap_or(Path::new(".")))?;
        Ok(digest)
    });
    match result {
        Ok(digest) => Ok(Made {
            dir: out.to_path_buf(),
            manifest,
            digest,
        }),
        Err(e) => {
            let _ = std::fs::remove_dir_all(&tmp);
            Err(TeamError::Io(format!("{}: {e}", out.display())))
        }
    }
}

/// The file to take the package's register rows from (the lines are the same either way).
fn drawn_source(from: &Path, manifest: &PackageManifest) -> std::path::PathBuf {
    let latest = crate::workspace::numbered(from, "draws")
        .ok()
        .and_then(|list| list.into_iter().next_back());
    if let Some((number, _)) = latest {
        let path = from.join(crate::workspace::drawn::file_of(number));
        if let Ok(text) = std::fs::read_to_string(&path) {
            let ids: std::collections::HashSet<String> = text
                .lines()
                .filter_map(|l| serde_json::from_str::<CaseDetails>(l).ok())
                .map(|d| d.id)
                .collect();
            if manifest.files.iter().all(|f| ids.contains(f)) {
                return path;
            }
        }
    }
    from.join(CASES)
}

fn build(from: &Path, to: &Path, manifest: &PackageManifest) -> std::io::Result<String> {
    std::fs::create_dir_all(to)?;
    for file in [CAMPAIGN, LEDGER] {
        fsio::copy_new(&from.join(file), &to.join(file))?;
    }
    for dir in RECORD_DIRS {
        let Ok(entries) = std::fs::read_dir(from.join(dir)) else {
            continue;
        };
        std::fs::create_dir_all(to.join(dir))?;
        for entry in entries {
            let entry = entry?;
            if entry.file_type()?.is_file() {
                fsio::copy_new(&entry.path(), &to.join(dir).join(entry.file_name()))?;
            }
        }
    }
    // Only the package's own register rows: from the latest draw's drawn-cases file when it
    // holds them all (a few hundred lines), else from the whole cases.jsonl.
    let mut rows = String::new();
    let cases = std::fs::File::open(drawn_source(from, manifest))?;
    for line in std::io::BufReader::new(cases).lines() {
        let line = line?;
        let keep = serde_json::from_str::<CaseDetails>(&line)
            .is_ok_and(|d| manifest.files.contains(&d.id));
        if keep {
            rows.push_str(&line);
            rows.push('\n');
        }
    }
    fsio::create_new(&to.join(CASES), rows.as_bytes())?;
    let bytes = crate::workspace::pretty(manifest);
    fsio::create_new(&to.join(PACKAGE), &bytes)?;
    fsio::sync_dir(to)?;
    Ok(crate::workspace::ledger::sha256_hex(&bytes))
}
