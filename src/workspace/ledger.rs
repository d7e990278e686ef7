//! The workspace ledger: one JSON line per record written (import, commitment, draw), each
//! carrying the SHA-256 of the line before it, so a removed, edited or reordered record shows.

use super::fsio;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use std::path::Path;

pub const GENESIS: &str = "0000000000000000000000000000000000000000000000000000000000000000";

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Entry {
    pub seq: u64,
    pub at: String,
    pub event: String,
    pub file: String,
    pub sha256: String,
    pub prev: String,
}

pub fn sha256_hex(bytes: &[u8]) -> String {
    crate::draw::ticket::hex(&Sha256::digest(bytes).into())
}

/// Read and check the chain: the entries that parse, and every break, naming the line (1-based).
pub fn read(path: &Path) -> (Vec<Entry>, Vec<String>) {
    let text = match std::fs::read_to_string(path) {
        Ok(t) => t,
        Err(e) => return (Vec::new(), vec![format!("ledger.jsonl: {e}")]),
    };
    let mut entries = Vec::new();
    let mut errors = Vec::new();
    let mut prev = GENESIS.to_string();
    for (i, line) in text.lines().enumerate() {
        let n = i + 1;
        match serde_json::from_str::<Entry>(line) {
            Ok(e) => {
                if e.prev != prev {
                    errors.push(format!(
                        "ledger.jsonl line {n}: prev {} != SHA-256 of line {} ({prev})",
                        e.prev,
                        n - 1
                    ));
                }
                if e.seq != n as u64 {
                    errors.push(format!(
                        "ledger.jsonl line {n}: seq {} (expected {n})",
                        e.seq
                    ));
                }
                entries.push(e);
            }
            Err(err) => errors.push(format!("ledger.jsonl line {n}: not a ledger entry ({err})")),
        }
        prev = sha256_hex(line.as_bytes());
    }
    (entries, errors)
}

/// Append an entry for `file` (relative to the workspace) with the given digest.
pub fn append(
    path: &Path,
    event: &str,
    file: &str,
    sha256: &str,
    at: &str,
) -> std::io::Result<Entry> {
    let (seq, prev) = match std::fs::read_to_string(path) {
        Ok(text) => {
            let last = text.lines().last();
            (
                text.lines().count() as u64 + 1,
                last.map_or(GENESIS.to_string(), |l| sha256_hex(l.as_bytes())),
            )
        }
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => (1, GENESIS.to_string()),
        Err(e) => return Err(e),
    };
    let entry = Entry {
        seq,
        at: at.to_string(),
        event: event.to_string(),
        file: file.to_string(),
        sha256: sha256.to_string(),
        prev,
    };
    let line = serde_json::to_string(&entry).map_err(std::io::Error::other)?;
    fsio::append_line(path, &line)?;
    Ok(entry)
}
