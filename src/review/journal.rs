//! The review journal: an append-only file of events, one JSON line each, every line carrying the
//! SHA-256 of the line before it. An event is on disk (fsync'ed) before `append` returns, and only
//! then may anyone be told it is saved. A crash can leave at most an incomplete last line; reading
//! reports it, and the next append moves it aside into `journal-torn/` before writing — history is
//! never rewritten or silently dropped.
//!
//! The chain is generic over its lines (`Entry`): the review journal holds `Event`s, and the
//! rectification record (`rectification.jsonl`) holds its own events under the same rules.

use super::event::{Event, Signed};
use crate::draw::ticket::unhex;
use crate::i18n::Lang;
use crate::tr;
use crate::workspace::{fsio, ledger};
use rayon::prelude::*;
use std::fs::{File, OpenOptions};
use std::io::{self, Write};
use std::path::{Path, PathBuf};

pub const JOURNAL: &str = "journal.jsonl";
/// The name of the journal's line format and chain rule (docs/JOURNAL.md), as `--version`
/// prints it; a change of either gets a new name.
pub const FORMAT: &str = "anjuan-journal-v1";
pub const TORN_DIR: &str = "journal-torn";
pub use crate::workspace::ledger::GENESIS;

/// A break in the journal, at a line (1-based).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Break {
    /// The line is not an event (or not in the form anjuan writes).
    Unreadable {
        line: usize,
        reason: String,
    },
    NotCanonical {
        line: usize,
    },
    /// `prev` does not match the line before: that line was edited, or lines were removed or
    /// inserted between.
    Chain {
        line: usize,
    },
    /// A sequence number other than the next: events missing, reordered or inserted.
    Sequence {
        line: usize,
        found: u64,
        expected: u64,
    },
}

impl Break {
    pub fn line(&self) -> usize {
        match self {
            Break::Unreadable { line, .. }
            | Break::NotCanonical { line }
            | Break::Chain { line }
            | Break::Sequence { line, .. } => *line,
        }
    }

    /// The break in the review journal, in words.
    pub fn render(&self, lang: Lang) -> String {
        self.render_in(lang, JOURNAL)
    }

    /// The break in the chained file `file` (e.g. `rectification.jsonl`), in words.
    pub fn render_in(&self, lang: Lang, file: &str) -> String {
        match self {
            Break::Unreadable { line, reason } => tr!(
                lang,
                "{file} 第 {line} 行不是日志事件（{reason}）：该行被改动或损坏",
                "{file} line {line} is not a journal event ({reason}): it was altered or damaged"
            ),
            Break::NotCanonical { line } => tr!(
                lang,
                "{file} 第 {line} 行与 anjuan 写入的格式不一致：该行被手工改动",
                "{file} line {line} differs from the form anjuan writes: it was edited by hand"
            ),
            Break::Chain { line } => {
                let before = line - 1;
                tr!(
                    lang,
                    "{file} 第 {line} 行记录的前一行摘要与第 {before} 行不符：第 {before} 行被改动，或其间有行被删除、插入",
                    "{file} line {line}: its prev digest does not match line {before}: line {before} was edited, or lines were removed or inserted between"
                )
            }
            Break::Sequence {
                line,
                found,
                expected,
            } => {
                if found > expected {
                    let n = found - expected;
                    tr!(
                        lang,
                        "{file} 第 {line} 行序号为 {found}，应为 {expected}：此前有 {n} 个事件被删除",
                        "{file} line {line} has seq {found}, expected {expected}: {n} events before it were removed"
                    )
                } else {
                    tr!(
                        lang,
                        "{file} 第 {line} 行序号为 {found}，应为 {expected}：事件顺序被调换或有行被插入",
                        "{file} line {line} has seq {found}, expected {expected}: events were reordered or a line was inserted"
                    )
                }
            }
        }
    }
}

/// An incomplete last line left by a crash.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Torn {
    pub offset: u64,
    pub bytes: Vec<u8>,
}

#[derive(Debug)]
pub enum AppendError {
    Io(io::Error),
    /// The journal has breaks; nothing is written until they are resolved.
    Damaged,
    /// Another process appended since this journal was read: reload and decide again.
    Changed,
}

/// One line of a chained journal: what `Chain` needs of it.
pub trait Entry: Sized + Clone + Send {
    fn seq(&self) -> u64;
    fn prev(&self) -> &str;
    /// Set the line's place in the chain before it is written.
    fn place(&mut self, seq: u64, prev: String);
    /// The line as written (no newline); reading requires exactly this form of the last line.
    fn to_line(&self) -> String;
    fn parse(line: &[u8]) -> Result<Self, String>;
    /// Sign the line with a reviewer's key (only review events are ever signed).
    fn sign_with(&mut self, _key: &ed25519_dalek::SigningKey) {}
}

impl Entry for Event {
    fn seq(&self) -> u64 {
        self.seq
    }
    fn prev(&self) -> &str {
        &self.prev
    }
    fn place(&mut self, seq: u64, prev: String) {
        self.seq = seq;
        self.prev = prev;
    }
    fn to_line(&self) -> String {
        Event::to_line(self)
    }
    fn parse(line: &[u8]) -> Result<Event, String> {
        serde_json::from_slice(line).map_err(|e| e.to_string())
    }
    fn sign_with(&mut self, key: &ed25519_dalek::SigningKey) {
        if self.signed.is_none() {
            self.signed = Some(sign(self, key));
        }
    }
}

/// The review journal.
pub type Journal = Chain<Event>;

/// A chained journal as read from disk.
pub struct Chain<E> {
    path: PathBuf,
    /// What the first line's `prev` must be: `GENESIS`, or in a reviewer package the package's
    /// digest, which ties every event written there to that one package.
    root: String,
    /// Signs every appended event (a reviewer working in their package).
    pub signer: Option<ed25519_dalek::SigningKey>,
    pub events: Vec<E>,
    /// SHA-256 of each complete line.
    pub hashes: Vec<String>,
    pub breaks: Vec<Break>,
    pub torn: Option<Torn>,
    /// Complete lines that end in `\r\n`: a copy converted their line endings. Each is read,
    /// hashed and checked without the `\r`, which no event can contain (JSON escapes it).
    pub crlf_lines: usize,
    /// Length of the complete lines; the file may be longer by a torn tail.
    valid_len: u64,
    file_len: u64,
    /// Where a torn tail was set aside by an append that then failed: reported by the next
    /// append that succeeds.
    set_aside: Option<PathBuf>,
}

impl<E: Entry> Chain<E> {
    /// Read `path` (a missing file is an empty journal).
    pub fn read(path: &Path) -> io::Result<Chain<E>> {
        Chain::read_rooted(path, GENESIS)
    }

    /// Read a journal whose first line follows `root` instead of `GENESIS`.
    pub fn read_rooted(path: &Path, root: &str) -> io::Result<Chain<E>> {
        let bytes = match crate::workspace::safe_path::read(path) {
            Ok(b) => b,
            Err(e) if e.kind() == io::ErrorKind::NotFound => Vec::new(),
            Err(e) => return Err(e),
        };
        Ok(Chain::from_bytes(path, &bytes, root))
    }

    /// Parse journal bytes as read from `path` (also the fuzzing entry point).
    pub fn from_bytes(path: &Path, bytes: &[u8], root: &str) -> Chain<E> {
        let valid_len = memchr::memrchr(b'\n', bytes).map_or(0, |i| i + 1);
        let torn = (valid_len < bytes.len()).then(|| Torn {
            offset: valid_len as u64,
            bytes: bytes[valid_len..].to_vec(),
        });
        let body = &bytes[..valid_len];
        let mut starts = vec![0usize];
        starts.extend(memchr::memchr_iter(b'\n', body).map(|i| i + 1));
        starts.pop();
        // Hashing and parsing are per line and independent; only the chain check is sequential.
        // Any change to a line breaks the next line's `prev`, so only the last line, which has
        // no successor, must also be exactly in the form anjuan writes.
        let last = starts.len();
        let parsed: Vec<(String, Result<E, Break>)> = starts
            .par_iter()
            .enumerate()
            .map(|(i, &s)| {
                let end = s + memchr::memchr(b'\n', &body[s..]).unwrap_or(body.len() - s);
                let line = &body[s..end];
                let line = line.strip_suffix(b"\r").unwrap_or(line);
                let hash = ledger::sha256_hex(line);
                let n = i + 1;
                let event = match E::parse(line) {
                    Ok(e) if n < last || e.to_line().as_bytes() == line => Ok(e),
                    Ok(_) => Err(Break::NotCanonical { line: n }),
                    Err(reason) => Err(Break::Unreadable { line: n, reason }),
                };
                (hash, event)
            })
            .collect();
        let mut journal = Chain {
            path: path.to_path_buf(),
            root: root.to_string(),
            signer: None,
            events: Vec::with_capacity(parsed.len()),
            hashes: Vec::with_capacity(parsed.len()),
            breaks: Vec::new(),
            torn,
            crlf_lines: crate::workspace::endings::crlf_lines(body),
            valid_len: valid_len as u64,
            file_len: bytes.len() as u64,
            set_aside: None,
        };
        let mut prev = root.to_string();
        let mut expected = 1u64;
        for (i, (hash, event)) in parsed.into_iter().enumerate() {
            let line = i + 1;
            match event {
                Ok(e) => {
                    if e.seq() != expected {
                        journal.breaks.push(Break::Sequence {
                            line,
                            found: e.seq(),
                            expected,
                        });
                    }
                    if e.prev() != prev {
                        journal.breaks.push(Break::Chain { line });
                    }
                    expected = e.seq().max(expected - 1) + 1;
                    journal.events.push(e);
                }
                Err(b) => {
                    journal.breaks.push(b);
                    expected += 1;
                }
            }
            prev = hash.clone();
            journal.hashes.push(hash);
        }
        journal
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Digest of the last complete line: what result sheets print.
    pub fn head(&self) -> &str {
        self.hashes.last().map_or(&self.root, |h| h.as_str())
    }

    pub fn root(&self) -> &str {
        &self.root
    }

    pub fn next_seq(&self) -> u64 {
        self.events.last().map_or(1, |e| e.seq() + 1)
    }

    /// Append events (their `seq` and `prev` are filled in here) and fsync. Returns only once
    /// they are durable. A torn tail from an earlier crash is first copied into
    /// `journal-torn/` and cut off; its copy's path is returned. If the disk refuses the write
    /// (full, read-only, an I/O error), the journal is left exactly as it was and the error,
    /// naming the file, is returned: nothing of the events is on disk.
    pub fn append(&mut self, mut events: Vec<E>) -> Result<Option<PathBuf>, AppendError> {
        if !self.breaks.is_empty() {
            return Err(AppendError::Damaged);
        }
        // Errors name the file, keeping their kind (disk full, read-only, …) for the message.
        let path = self.path.clone();
        let at = |e: io::Error| AppendError::Io(named(&path, e));
        if self.file_len == 0 && !self.path.exists() {
            // The first events: a whole new file linked into place, or nothing at all.
            let (buf, hashes) = self.encode(&mut events);
            match fsio::create_new(&self.path, buf.as_bytes()) {
                Ok(()) => {}
                Err(e) if e.kind() == io::ErrorKind::AlreadyExists => {
                    return Err(AppendError::Changed)
                }
                Err(e) => return Err(at(e)),
            }
            self.commit_appended(buf.len(), events, hashes);
            return Ok(None);
        }
        let mut file = OpenOptions::new()
            .read(true)
            .append(true)
            .create(true)
            .open(&self.path)
            .map_err(at)?;
        file.lock().map_err(at)?;
        let len = file.metadata().map_err(at)?.len();
        if len != self.file_len {
            return Err(AppendError::Changed);
        }
        if let Some(t) = self.torn.take() {
            match self.set_aside(&file, &t) {
                Ok(copy) => {
                    self.file_len = self.valid_len;
                    self.set_aside = Some(copy);
                }
                Err(e) => {
                    self.torn = Some(t);
                    return Err(AppendError::Io(e));
                }
            }
        }
        let (buf, hashes) = self.encode(&mut events);
        if let Err(e) = write_durably(&mut file, buf.as_bytes()) {
            // Leave no partial line behind if the disk refused part of it.
            let _ = file.set_len(self.valid_len);
            let _ = file.sync_all();
            return Err(at(e));
        }
        self.commit_appended(buf.len(), events, hashes);
        Ok(self.set_aside.take())
    }

    /// The lines for `events` after the journal's head (their `seq`, `prev` and, with a signer,
    /// signature filled in), and each line's digest.
    fn encode(&self, events: &mut [E]) -> (String, Vec<String>) {
        let mut prev = self.head().to_string();
        let mut buf = String::new();
        let mut hashes = Vec::with_capacity(events.len());
        for (seq, e) in (self.next_seq()..).zip(events.iter_mut()) {
            e.place(seq, prev);
            if let Some(key) = &self.signer {
                e.sign_with(key);
            }
            let line = e.to_line();
            prev = ledger::sha256_hex(line.as_bytes());
            hashes.push(prev.clone());
            buf.push_str(&line);
            buf.push('\n');
        }
        (buf, hashes)
    }

    /// Take `len` bytes of lines, now durable, into the journal as read.
    fn commit_appended(&mut self, len: usize, events: Vec<E>, hashes: Vec<String>) {
        self.valid_len += len as u64;
        self.file_len = self.valid_len;
        self.events.extend(events);
        self.hashes.extend(hashes);
    }

    /// Copy a torn tail to `journal-torn/` (durably) and cut it off the journal.
    fn set_aside(&self, file: &File, torn: &Torn) -> io::Result<PathBuf> {
        let dir = self.path.parent().unwrap_or(Path::new(".")).join(TORN_DIR);
        let dir_existed = dir.exists();
        std::fs::create_dir_all(&dir).map_err(|e| named(&dir, e))?;
        let stamp = chrono::Local::now().format("%Y%m%dT%H%M%S%.f");
        // `journal-at-…` for journal.jsonl, `rectification-at-…` for rectification.jsonl.
        let stem = self
            .path
            .file_stem()
            .map_or("journal".into(), |s| s.to_string_lossy());
        let copy = dir.join(format!("{stem}-at-{}-{stamp}.part", torn.offset));
        if let Err(e) = fsio::create_new(&copy, &torn.bytes) {
            if !dir_existed {
                let _ = std::fs::remove_dir(&dir);
            }
            return Err(named(&copy, e));
        }
        file.set_len(self.valid_len)
            .and_then(|()| file.sync_all())
            .map_err(|e| named(&self.path, e))?;
        Ok(copy)
    }
}

/// `e` with the file it concerns in its message; its kind is kept.
fn named(path: &Path, e: io::Error) -> io::Error {
    io::Error::new(e.kind(), format!("{}: {e}", path.display()))
}

/// Sign an event in place: its own `seq` and `prev` are where it was signed.
pub fn sign(e: &Event, key: &ed25519_dalek::SigningKey) -> Signed {
    use ed25519_dalek::Signer;
    let public = crate::draw::ticket::hex(&key.verifying_key().to_bytes());
    let sig = key.sign(&e.signed_message(e.seq, &e.prev, &public));
    Signed {
        seq: e.seq,
        prev: e.prev.clone(),
        key: public,
        sig: crate::draw::ticket::hex_bytes(&sig.to_bytes()),
    }
}

/// Check an event's signature against its own key (whether the key belongs to the event's
/// reviewer is the roster's question).
pub fn signature_valid(e: &Event) -> bool {
    let Some(s) = &e.signed else {
        return false;
    };
    let (mut key, mut sig) = ([0u8; 32], [0u8; 64]);
    if !unhex(&s.key, &mut key) || !unhex(&s.sig, &mut sig) {
        return false;
    }
    let Ok(key) = ed25519_dalek::VerifyingKey::from_bytes(&key) else {
        return false;
    };
    let sig = ed25519_dalek::Signature::from_bytes(&sig);
    key.verify_strict(&e.signed_message(s.seq, &s.prev, &s.key), &sig)
        .is_ok()
}

fn write_durably(file: &mut File, bytes: &[u8]) -> io::Result<()> {
    file.write_all(bytes)?;
    file.sync_data()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::checklist::ChecklistRef;
    use crate::review::event::Change;

    fn event(case: &str, reason: &str) -> Event {
        Event {
            seq: 0,
            at: "2026-11-21T10:00:00+08:00".into(),
            by: "李四".into(),
            case: case.into(),
            checklist: ChecklistRef {
                id: "c".into(),
                version: "1".into(),
                sha256: "00".into(),
            },
            change: Change::Reopen {
                reason: reason.into(),
            },
            via: "test".into(),
            prev: String::new(),
            lane: None,
            signed: None,
        }
    }

    fn journal_with(n: usize) -> (tempfile::TempDir, PathBuf) {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(JOURNAL);
        let mut j = Journal::read(&path).unwrap();
        for i in 0..n {
            j.append(vec![event(&format!("case-{i}"), "原因")]).unwrap();
        }
        (dir, path)
    }

    #[test]
    fn appends_chain_and_reread() {
        let (_d, path) = journal_with(5);
        let j = Journal::read(&path).unwrap();
        assert!(j.breaks.is_empty(), "{:?}", j.breaks);
        assert_eq!(j.events.len(), 5);
        assert_eq!(j.events[4].seq, 5);
        assert_eq!(j.events[0].prev, GENESIS);
        assert_eq!(j.events[1].prev, j.hashes[0]);
        assert!(j.torn.is_none());
    }

    fn lines(path: &Path) -> Vec<String> {
        std::fs::read_to_string(path)
            .unwrap()
            .lines()
            .map(String::from)
            .collect()
    }

    fn write_lines(path: &Path, lines: &[String]) {
        std::fs::write(path, lines.join("\n") + "\n").unwrap();
    }

    #[test]
    fn edits_deletions_reorders_and_insertions_name_their_line() {
        let (_d, path) = journal_with(6);
        let orig = lines(&path);

        let mut edited = orig.clone();
        edited[2] = edited[2].replace("case-2", "case-X");
        write_lines(&path, &edited);
        let j = Journal::read(&path).unwrap();
        assert_eq!(j.breaks, vec![Break::Chain { line: 4 }]);

        let mut deleted = orig.clone();
        deleted.remove(3);
        write_lines(&path, &deleted);
        let j = Journal::read(&path).unwrap();
        assert_eq!(
            j.breaks,
            vec![
                Break::Sequence {
                    line: 4,
                    found: 5,
                    expected: 4
                },
                Break::Chain { line: 4 }
            ]
        );

        let mut swapped = orig.clone();
        swapped.swap(1, 2);
        write_lines(&path, &swapped);
        let j = Journal::read(&path).unwrap();
        assert!(j.breaks.iter().any(|b| b.line() == 2));
        assert!(j
            .breaks
            .iter()
            .any(|b| matches!(b, Break::Sequence { line: 3, .. })));

        let mut inserted = orig.clone();
        inserted.insert(2, orig[1].clone());
        write_lines(&path, &inserted);
        let j = Journal::read(&path).unwrap();
        assert!(j.breaks.contains(&Break::Sequence {
            line: 3,
            found: 2,
            expected: 3
        }));

        let mut respaced = orig.clone();
        respaced[5] = respaced[5].replacen(":", ": ", 1);
        write_lines(&path, &respaced);
        let j = Journal::read(&path).unwrap();
        assert_eq!(j.breaks, vec![Break::NotCanonical { line: 6 }]);

        let mut garbage = orig;
        garbage[0] = "not json".into();
        write_lines(&path, &garbage);
        let mut j = Journal::read(&path).unwrap();
        assert!(matches!(j.breaks[0], Break::Unreadable { line: 1, .. }));
        assert!(matches!(
            j.append(vec![event("x", "y")]),
            Err(AppendError::Damaged)
        ));
    }

    /// A crash can stop a write at any byte of the last line: every earlier event survives, the
    /// fragment is kept aside, and the next append continues the chain.
    #[test]
    fn torn_at_every_byte_of_the_last_line() {
        let (dir, path) = journal_with(3);
        let full = std::fs::read(&path).unwrap();
        let last_start = full[..full.len() - 1]
            .iter()
            .rposition(|&b| b == b'\n')
            .unwrap()
            + 1;
        for cut in last_start..full.len() {
            std::fs::write(&path, &full[..cut]).unwrap();
            let _ = std::fs::remove_dir_all(dir.path().join(TORN_DIR));
            let mut j = Journal::read(&path).unwrap();
            assert!(j.breaks.is_empty());
            assert_eq!(j.events.len(), 2, "cut at {cut}");
            let torn = j.torn.clone();
            assert_eq!(torn.is_some(), cut > last_start, "cut at {cut}");
            let saved = j.append(vec![event("after", "恢复后")]).unwrap();
            if let Some(t) = torn {
                let copy = saved.expect("torn tail kept");
                assert_eq!(std::fs::read(copy).unwrap(), t.bytes);
            }
            let j = Journal::read(&path).unwrap();
            assert!(j.breaks.is_empty() && j.torn.is_none());
            assert_eq!(j.events.len(), 3);
            assert_eq!(j.events[2].case, "after");
            assert_eq!(j.events[2].seq, 3);
        }
    }

    /// The disk refuses the first events, then a later one half-way (the journal's last page
    /// takes the start of the line): each time the journal is exactly as it was — no file at
    /// all, or the same bytes — and the same journal takes the events once there is room.
    #[test]
    fn a_write_the_disk_refuses_leaves_the_journal_as_it_was() {
        use crate::workspace::fsio::{faulty, Fault};
        faulty::run(
            "review::journal::tests::a_write_the_disk_refuses_leaves_the_journal_as_it_was",
            |dir| {
                let path = dir.join(JOURNAL);
                let long = "理由".repeat(1000);
                let refused = |j: &mut Journal| match j.append(vec![event("x", &long)]) {
                    Err(AppendError::Io(e)) => {
                        assert_eq!(Fault::of(&e), Some(Fault::Full), "{e}");
                        assert!(e.to_string().contains(JOURNAL), "{e}");
                    }
                    Err(e) => panic!("{e:?}"),
                    Ok(_) => panic!("the full disk took the event"),
                };
                let mut j = Journal::read(&path).unwrap();
                faulty::fill(dir);
                refused(&mut j);
                let names: Vec<_> = std::fs::read_dir(dir).unwrap().collect();
                assert_eq!(names.len(), 1, "only the filler: {names:?}");
                std::fs::remove_file(dir.join(".filler")).unwrap();
                j.append(vec![event("a", "短")]).unwrap();
                let before = std::fs::read(&path).unwrap();
                faulty::fill(dir);
                refused(&mut j);
                let after = std::fs::read(&path).unwrap();
                assert!(
                    after == before,
                    "{} bytes, was {}",
                    after.len(),
                    before.len()
                );
                std::fs::remove_file(dir.join(".filler")).unwrap();
                j.append(vec![event("b", &long)]).unwrap();
                let again = Journal::read(&path).unwrap();
                assert!(again.breaks.is_empty() && again.torn.is_none());
                assert_eq!(again.events.len(), 2);
                assert_eq!(again.events[1].prev, again.hashes[0]);
            },
        );
    }

    /// A torn tail and a full disk at once: the tail stays where it is (nothing half set aside),
    /// and once there is room the next append keeps it in `journal-torn/` and goes on.
    #[test]
    fn a_torn_tail_on_a_full_disk_stays_until_there_is_room() {
        use crate::workspace::fsio::faulty;
        faulty::run(
            "review::journal::tests::a_torn_tail_on_a_full_disk_stays_until_there_is_room",
            |dir| {
                let path = dir.join(JOURNAL);
                let mut j = Journal::read(&path).unwrap();
                j.append(vec![event("a", "r")]).unwrap();
                let mut bytes = std::fs::read(&path).unwrap();
                let tail = "{\"seq\":2,\"at\":\"2026-11-21T1".as_bytes();
                bytes.extend_from_slice(tail);
                std::fs::write(&path, &bytes).unwrap();
                faulty::fill(dir);
                let mut j = Journal::read(&path).unwrap();
                assert!(j.torn.is_some());
                assert!(matches!(
                    j.append(vec![event("b", "r")]),
                    Err(AppendError::Io(_))
                ));
                assert!(std::fs::read(&path).unwrap() == bytes);
                assert!(!dir.join(TORN_DIR).exists(), "no half-made journal-torn/");
                std::fs::remove_file(dir.join(".filler")).unwrap();
                let copy = j.append(vec![event("b", "r")]).unwrap().expect("set aside");
                assert_eq!(std::fs::read(copy).unwrap(), tail);
                let j = Journal::read(&path).unwrap();
                assert!(j.breaks.is_empty() && j.torn.is_none());
                assert_eq!(j.events.len(), 2);
            },
        );
    }

    /// A journal copied with CRLF line endings: the same events and chain; appends go on.
    #[test]
    fn crlf_lines_are_read_without_the_cr() {
        let (_d, path) = journal_with(3);
        let lf = Journal::read(&path).unwrap();
        let bytes = std::fs::read(&path).unwrap();
        std::fs::write(&path, crate::workspace::endings::to_crlf(&bytes)).unwrap();
        let mut j = Journal::read(&path).unwrap();
        assert!(j.breaks.is_empty() && j.torn.is_none(), "{:?}", j.breaks);
        assert_eq!(j.crlf_lines, 3);
        assert_eq!(j.hashes, lf.hashes);
        j.append(vec![event("after", "r")]).unwrap();
        let j = Journal::read(&path).unwrap();
        assert!(j.breaks.is_empty());
        assert_eq!((j.events.len(), j.crlf_lines), (4, 3));
        // A CR anywhere else in a line is an edit.
        let text = std::fs::read_to_string(&path).unwrap();
        std::fs::write(&path, text.replacen("\"by\"", "\"by\"\r", 1)).unwrap();
        assert!(!Journal::read(&path).unwrap().breaks.is_empty());
    }

    #[test]
    fn a_second_writer_is_noticed() {
        let (_d, path) = journal_with(1);
        let mut a = Journal::read(&path).unwrap();
        let mut b = Journal::read(&path).unwrap();
        a.append(vec![event("a", "r")]).unwrap();
        assert!(matches!(
            b.append(vec![event("b", "r")]),
            Err(AppendError::Changed)
        ));
        let mut b = Journal::read(&path).unwrap();
        b.append(vec![event("b", "r")]).unwrap();
        let j = Journal::read(&path).unwrap();
        assert!(j.breaks.is_empty());
        assert_eq!(j.events.len(), 3);
    }
}
