//! `cases.jsonl` written while the registers are read (`init`), one case's details per line,
//! instead of collected in memory first: a ten-million-row register would need gigabytes as
//! `CaseDetails`, and the import then grows only with the population's compact entries.
//! Also the streamed SHA-256 of a file, so no frozen file is read whole to be hashed.

use crate::register::import::{CaseDetails, CaseSink};
use sha2::{Digest, Sha256};
use std::fs::File;
use std::io::{self, BufWriter, Read, Seek, SeekFrom, Write};
use std::path::Path;

/// The cases of an import, streamed to a file. A write error is kept and reported by `finish`
/// (the import itself cannot fail on it midway); nothing after it is written.
pub struct CaseSpool {
    w: BufWriter<File>,
    line: Vec<u8>,
    written: u64,
    count: usize,
    marks: Vec<(usize, u64)>,
    error: Option<io::Error>,
    /// The digest of what was written, while nothing was rolled back (a rolled-back file is
    /// hashed again from disk).
    hasher: Option<Sha256>,
}

impl CaseSpool {
    pub fn create(path: &Path) -> io::Result<CaseSpool> {
        Ok(CaseSpool {
            w: BufWriter::with_capacity(1 << 20, File::create(path)?),
            line: Vec::new(),
            written: 0,
            count: 0,
            marks: Vec::new(),
            error: None,
            hasher: Some(Sha256::new()),
        })
    }

    /// Flush and fsync; the file's SHA-256 (hex) when it was computed while writing (`None`
    /// after a rollback), or the first write error.
    pub fn finish(self) -> io::Result<Option<String>> {
        if let Some(e) = self.error {
            return Err(e);
        }
        let file = self.w.into_inner().map_err(|e| e.into_error())?;
        file.sync_all()?;
        Ok(self
            .hasher
            .map(|h| crate::draw::ticket::hex(&h.finalize().into())))
    }

    fn cut(&mut self, at: u64) -> io::Result<()> {
        self.w.flush()?;
        let f = self.w.get_mut();
        f.set_len(at)?;
        f.seek(SeekFrom::Start(at))?;
        Ok(())
    }
}

impl CaseSink for CaseSpool {
    fn push(&mut self, case: CaseDetails) {
        if self.error.is_some() {
            return;
        }
        self.line.clear();
        if let Err(e) = serde_json::to_writer(&mut self.line, &case) {
            self.error = Some(io::Error::other(e));
            return;
        }
        self.line.push(b'\n');
        match self.w.write_all(&self.line) {
            Ok(()) => {
                if let Some(h) = &mut self.hasher {
                    h.update(&self.line);
                }
                self.written += self.line.len() as u64;
                self.count += 1;
            }
            Err(e) => self.error = Some(e),
        }
    }

    fn mark(&mut self) -> usize {
        self.marks.push((self.count, self.written));
        self.count
    }

    fn rollback(&mut self, mark: usize) {
        let Some(&(_, at)) = self.marks.iter().rev().find(|(n, _)| *n == mark) else {
            self.error
                .get_or_insert_with(|| io::Error::other("cases: rollback to an unknown mark"));
            return;
        };
        self.marks.retain(|(n, _)| *n <= mark);
        if at < self.written {
            self.hasher = None;
        }
        if self.error.is_none() {
            if let Err(e) = self.cut(at) {
                self.error = Some(e);
                return;
            }
        }
        self.written = at;
        self.count = mark;
    }
}

/// Copy `from` to `to` (a new file), hashing the bytes as they pass: the copy is read once.
/// Returns the SHA-256 (hex) of what was written; `to` is fsynced.
pub fn copy_hashed(from: &Path, to: &Path) -> io::Result<String> {
    let mut src = File::open(from)?;
    let mut dst = File::create_new(to)?;
    let mut h = Sha256::new();
    let mut buf = vec![0u8; 1 << 20];
    loop {
        let n = src.read(&mut buf)?;
        if n == 0 {
            break;
        }
        h.update(&buf[..n]);
        dst.write_all(&buf[..n])?;
    }
    dst.sync_all()?;
    Ok(crate::draw::ticket::hex(&h.finalize().into()))
}

/// The SHA-256 of a file, read in blocks (hex).
pub fn sha256_file(path: &Path) -> io::Result<String> {
    let mut f = File::open(path)?;
    let mut h = Sha256::new();
    let mut buf = vec![0u8; 1 << 20];
    loop {
        let n = f.read(&mut buf)?;
        if n == 0 {
            break;
        }
        h.update(&buf[..n]);
    }
    Ok(crate::draw::ticket::hex(&h.finalize().into()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn case(id: &str) -> CaseDetails {
        serde_json::from_value(serde_json::json!({
            "id": id, "stratum": ["甲局"], "agency": "甲局", "case_type": "",
            "closed_date": "", "title": "", "party": "", "source": 0, "row": 1
        }))
        .unwrap()
    }

    #[test]
    fn the_digest_while_writing_is_the_files() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("cases.jsonl");
        let mut s = CaseSpool::create(&path).unwrap();
        let m = s.mark();
        s.rollback(m); // nothing written since: the running digest stays good
        s.push(case("A1"));
        s.push(case("A2"));
        let digest = s.finish().unwrap().unwrap();
        assert_eq!(digest, sha256_file(&path).unwrap());
    }

    #[test]
    fn a_rolled_back_file_leaves_only_the_lines_before_its_mark() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("cases.jsonl");
        let mut s = CaseSpool::create(&path).unwrap();
        s.push(case("A1"));
        let m = s.mark();
        s.push(case("B1"));
        s.push(case("B2"));
        s.rollback(m);
        s.push(case("B1"));
        assert_eq!(s.finish().unwrap(), None, "rolled back: hashed from disk");
        let text = std::fs::read_to_string(&path).unwrap();
        let ids: Vec<CaseDetails> = text
            .lines()
            .map(|l| serde_json::from_str(l).unwrap())
            .collect();
        assert_eq!(ids, vec![case("A1"), case("B1")]);
        assert_eq!(
            sha256_file(&path).unwrap(),
            crate::workspace::ledger::sha256_hex(text.as_bytes())
        );
    }
}
