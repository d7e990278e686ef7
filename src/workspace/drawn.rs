//! `drawn/NNNN.jsonl`: the register details (`CaseDetails`) of draw NNNN's cases — its sample
//! and alternates, one JSON line each, in the draw record's order — written and entered in the
//! ledger right after the draw. Every later command (review, the TUI, export, rectification)
//! needs only these few lines; reading them instead of the whole `cases.jsonl` makes their cost
//! follow the sample, not the register (a million-case `cases.jsonl` is over 200 MB).
//!
//! Nothing here is new information: each line is the `cases.jsonl` line of that case, so
//! `verify` rebuilds the file from `cases.jsonl` and compares it byte for byte. A workspace
//! drawn before these files existed, or one whose file could not be written (a full disk right
//! after the draw), reads `cases.jsonl` as before.

use super::{io_err, ledger, safe_path, Workspace, WorkspaceError, CASES};
use crate::register::import::CaseDetails;
use crate::register::population::Selected;
use std::collections::{HashMap, HashSet};
use std::io::BufRead;
use std::path::Path;

pub const DRAWN: &str = "drawn";

/// The file of draw `number`.
pub fn file_of(number: u32) -> String {
    format!("{DRAWN}/{number:04}.jsonl")
}

/// The details of the cases `ids` names, streamed from `cases.jsonl`.
pub fn scan(
    dir: &Path,
    ids: &HashSet<&str>,
) -> Result<HashMap<String, CaseDetails>, WorkspaceError> {
    let path = dir.join(CASES);
    let file = std::fs::File::open(&path)
        .map_err(|e| WorkspaceError::Io(format!("{}: {e}", path.display())))?;
    let mut out = HashMap::new();
    for (n, line) in std::io::BufReader::with_capacity(1 << 20, file)
        .lines()
        .enumerate()
    {
        let line = line.map_err(|e| WorkspaceError::Io(format!("{CASES}: {e}")))?;
        // Cheap prefilter: the id is the first field.
        let Some(rest) = line.strip_prefix("{\"id\":") else {
            continue;
        };
        let Some(id) = rest.split("\",").next().map(|s| s.trim_start_matches('"')) else {
            continue;
        };
        if !ids.contains(id) && !id.contains('\\') {
            continue;
        }
        let d: CaseDetails = serde_json::from_str(&line)
            .map_err(|e| WorkspaceError::Damaged(format!("{CASES} line {}: {e}", n + 1)))?;
        if ids.contains(d.id.as_str()) {
            out.insert(d.id.clone(), d);
        }
    }
    Ok(out)
}

/// The file's bytes for `selected`, from the details found for them.
fn bytes_of(selected: &[Selected], details: &HashMap<String, CaseDetails>) -> Vec<u8> {
    let mut out = Vec::new();
    for s in selected {
        if let Some(d) = details.get(&s.case_id) {
            out.extend_from_slice(
                serde_json::to_string(d)
                    .expect("case details serialise")
                    .as_bytes(),
            );
            out.push(b'\n');
        }
    }
    out
}

fn ids(selected: &[Selected]) -> HashSet<&str> {
    selected.iter().map(|s| s.case_id.as_str()).collect()
}

impl Workspace {
    /// Write `drawn/NNNN.jsonl` for draw `number` and enter it in the ledger. On a failure
    /// nothing of it is kept (no file, no ledger line) and the caller says so: the draw stands,
    /// and later commands read `cases.jsonl` instead.
    pub fn write_drawn(
        &self,
        number: u32,
        selected: &[Selected],
        at: &str,
    ) -> Result<(), WorkspaceError> {
        let details = scan(&self.dir, &ids(selected))?;
        let bytes = bytes_of(selected, &details);
        self.write_recorded(DRAWN, &file_of(number), "drawn_cases", &bytes, at)?;
        Ok(())
    }

    /// The details of `selected` (cases of draw `number`): from `drawn/NNNN.jsonl` when it is
    /// there and is the file the ledger recorded, otherwise from `cases.jsonl`.
    pub fn drawn_details(
        &self,
        number: u32,
        selected: &[Selected],
    ) -> Result<HashMap<String, CaseDetails>, WorkspaceError> {
        let file = file_of(number);
        let path = self.dir.join(&file);
        if !path.exists() {
            return scan(&self.dir, &ids(selected));
        }
        let raw = safe_path::read(&path).map_err(io_err(&path))?;
        let bytes = super::endings::crlf_to_lf(&raw);
        self.check_recorded(&file, &ledger::sha256_hex(&bytes))?;
        let wanted = ids(selected);
        let mut out = HashMap::new();
        for (n, line) in bytes.split(|&b| b == b'\n').enumerate() {
            if line.is_empty() {
                continue;
            }
            let d: CaseDetails = serde_json::from_slice(line)
                .map_err(|e| WorkspaceError::Damaged(format!("{file} line {}: {e}", n + 1)))?;
            if wanted.contains(d.id.as_str()) {
                out.insert(d.id.clone(), d);
            }
        }
        Ok(out)
    }

    /// `verify`: whether `drawn/NNNN.jsonl` is exactly what `cases.jsonl` gives for the draw
    /// (`None` when there is no such file).
    pub fn drawn_file_agrees(
        &self,
        number: u32,
        selected: &[Selected],
    ) -> Option<Result<bool, WorkspaceError>> {
        let path = self.dir.join(file_of(number));
        if !path.exists() {
            return None;
        }
        Some((|| {
            let raw = safe_path::read(&path).map_err(io_err(&path))?;
            let details = scan(&self.dir, &ids(selected))?;
            Ok(
                super::endings::crlf_to_lf(&raw).as_ref()
                    == bytes_of(selected, &details).as_slice(),
            )
        })())
    }
}
