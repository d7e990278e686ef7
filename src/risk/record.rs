//! A scan kept in the workspace: `risk/NNNN.json` (the whole `Scan`: parameters, table
//! digests, the flag list and its digest), with byte-identical copies of the tables it used
//! (`risk/benchmarks-<sha256>.<ext>`, `risk/limits-<sha256>.<ext>`), all named in the ledger so
//! `verify` checks them and a later commitment can point at one scan by number and digest.

use super::scan::Scan;
use super::RiskError;
use crate::workspace::{fsio, ledger, now, Workspace, LEDGER};
use serde::{Deserialize, Serialize};
use std::path::Path;

pub const DIR: &str = "risk";

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ScanRecord {
    pub kind: String,
    pub number: u32,
    pub tool_version: String,
    pub created_at: String,
    /// The stored copies of the tables, relative to the workspace.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub benchmarks_copy: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub limits_copy: Option<String>,
    pub scan: Scan,
}

fn io(path: &Path) -> impl Fn(std::io::Error) -> RiskError + '_ {
    move |e| RiskError::Io(format!("{}: {e}", path.display()))
}

/// Copy a table into `risk/` once per digest, named in the ledger.
fn keep_copy(ws: &Workspace, what: &str, table: &Path, sha: &str) -> Result<String, RiskError> {
    let ext = table
        .extension()
        .and_then(|e| e.to_str())
        .map(|e| e.to_ascii_lowercase())
        .filter(|e| e.chars().all(|c| c.is_ascii_alphanumeric()) && e.len() <= 5)
        .unwrap_or_else(|| "csv".into());
    let rel = format!("{DIR}/{what}-{sha}.{ext}");
    let target = ws.dir.join(&rel);
    if target.exists() {
        return Ok(rel);
    }
    let bytes = std::fs::read(table).map_err(io(table))?;
    if ledger::sha256_hex(&bytes) != sha {
        return Err(RiskError::Io(format!(
            "{}: changed while it was read; run the scan again",
            table.display()
        )));
    }
    let folder = ws.dir.join(DIR);
    std::fs::create_dir_all(&folder).map_err(io(&folder))?;
    fsio::create_new(&target, &bytes).map_err(io(&target))?;
    ledger::append(
        &ws.dir.join(LEDGER),
        &format!("risk-{what}"),
        &rel,
        sha,
        &now(),
    )
    .map_err(io(&target))?;
    Ok(rel)
}

/// Record a scan as the next `risk/NNNN.json`: (record, file, SHA-256).
pub fn record(
    ws: &Workspace,
    scan: &Scan,
    benchmarks: Option<&Path>,
    limits: Option<&Path>,
) -> Result<(ScanRecord, String, String), RiskError> {
    let benchmarks_copy = match (benchmarks, &scan.benchmarks) {
        (Some(p), Some(b)) => Some(keep_copy(ws, "benchmarks", p, &b.sha256)?),
        _ => None,
    };
    let limits_copy = match (limits, &scan.params.limits.sha256) {
        (Some(p), Some(sha)) => Some(keep_copy(ws, "limits", p, sha)?),
        _ => None,
    };
    let existing = crate::workspace::numbered_records(&ws.dir, DIR)?;
    let number = existing.last().map_or(1, |(n, _)| n + 1);
    let rec = ScanRecord {
        kind: "anjuan-risk-scan".into(),
        number,
        tool_version: crate::TOOL_VERSION.into(),
        created_at: now(),
        benchmarks_copy,
        limits_copy,
        scan: scan.clone(),
    };
    let (file, sha) = ws.write_record(DIR, number, "risk", &rec, &rec.created_at)?;
    Ok((rec, file, sha))
}

/// The recorded scans: (number, file).
pub fn recorded(ws: &Workspace) -> Result<Vec<(u32, String)>, RiskError> {
    Ok(crate::workspace::numbered_records(&ws.dir, DIR)?)
}
