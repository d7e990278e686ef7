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
/// Lines ending in `\r\n` (a copy that converted line endings) are read without the `\r`:
/// the chain covers the content, which such a copy leaves unchanged.
pub fn read(path: &Path) -> (Vec<Entry>, Vec<String>) {
    let text = match super::safe_path::read(path).and_then(|b| {
        String::from_utf8(b).map_err(|e| std::io::Error::new(std::io::ErrorKind::InvalidData, e))
    }) {
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
        // An entry cut off by a crash must not be glued to the next one: refuse, and say where.
        Ok(text) if !text.is_empty() && !text.ends_with('\n') => {
            return Err(std::io::Error::new(
                std::io::ErrorKind::InvalidData,
                format!(
                    "{}: the last line is incomplete (an interrupted write); nothing was appended",
                    path.display()
                ),
            ))
        }
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::workspace::fsio::{faulty, Fault};

    fn two_entries(path: &Path) {
        append(path, "register", "registers/01-a.csv", "ab", "t1").unwrap();
        append(path, "population", "population.tsv", "cd", "t2").unwrap();
    }

    /// The disk refuses an entry half-way: the ledger is as it was, its chain whole, and the
    /// entry goes in complete once there is room.
    #[test]
    fn an_entry_the_disk_refuses_is_not_half_written() {
        faulty::run(
            "workspace::ledger::tests::an_entry_the_disk_refuses_is_not_half_written",
            |dir| {
                let path = dir.join("ledger.jsonl");
                two_entries(&path);
                faulty::fill(dir);
                let before = std::fs::read(&path).unwrap();
                let long = "x".repeat(9000);
                let e = append(&path, &long, "commitments/0001.json", "ef", "t3").unwrap_err();
                assert_eq!(Fault::of(&e), Some(Fault::Full), "{e}");
                let after = std::fs::read(&path).unwrap();
                assert!(
                    after == before,
                    "the file is {} bytes, was {}: a partial line was left",
                    after.len(),
                    before.len()
                );
                let (entries, errors) = read(&path);
                assert!(errors.is_empty(), "{errors:?}");
                assert_eq!(entries.len(), 2);
                std::fs::remove_file(dir.join(".filler")).unwrap();
                append(&path, &long, "commitments/0001.json", "ef", "t3").unwrap();
                let (entries, errors) = read(&path);
                assert!(errors.is_empty(), "{errors:?}");
                assert_eq!(entries.len(), 3);
            },
        );
    }

    /// An entry cut off by a crash is not glued to the next one.
    #[test]
    fn a_torn_last_entry_is_refused_not_glued() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("ledger.jsonl");
        two_entries(&path);
        let mut bytes = std::fs::read(&path).unwrap();
        bytes.extend_from_slice(b"{\"seq\":3,\"at\":");
        std::fs::write(&path, &bytes).unwrap();
        let e = append(&path, "commit", "commitments/0001.json", "ef", "t3").unwrap_err();
        assert_eq!(e.kind(), std::io::ErrorKind::InvalidData);
        assert!(e.to_string().contains("ledger.jsonl"), "{e}");
        assert_eq!(std::fs::read(&path).unwrap(), bytes);
    }

    /// A copy that turned every `\n` into `\r\n` leaves the chain intact, and appends go on.
    #[test]
    fn crlf_lines_keep_the_chain() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("ledger.jsonl");
        two_entries(&path);
        let lf = std::fs::read(&path).unwrap();
        std::fs::write(&path, crate::workspace::endings::to_crlf(&lf)).unwrap();
        let (entries, errors) = read(&path);
        assert!(errors.is_empty(), "{errors:?}");
        assert_eq!(entries.len(), 2);
        append(&path, "commit", "commitments/0001.json", "ef", "t3").unwrap();
        let (entries, errors) = read(&path);
        assert!(errors.is_empty(), "{errors:?}");
        assert_eq!(entries[2].seq, 3);
    }
}
