//! Stage 6: the rectification loop (整改). Every deducted or vetoed item of a finalized file
//! becomes a rectification item (`book`); the office's and agencies' steps on it — feedback,
//! plan, report, close, return, refer, carry, re-check — are events in `rectification.jsonl`
//! (`event`), hash-chained and fsync'ed before anyone is told they are saved, exactly like the
//! review journal. Items are derived from the review journal and this record alone; `verify`
//! replays both and names any line the rules refuse.
//!
//! Floors: this stage reads `review` (and through it `workspace` and `checklist`); `export`
//! prints from it and `cli`/`tui` drive it.

pub mod book;
pub mod carry;
pub mod event;
pub mod evidence;
pub mod item;
pub mod recheck;
pub mod sheet;
pub mod verify;

use crate::i18n::Lang;
use crate::review::journal::{AppendError, Break, Chain};
use crate::review::{Review, ReviewError};
use crate::tr;
use book::{Book, Refusal};
use event::{Change, RectEvent};
use std::path::{Path, PathBuf};

pub const RECORD: &str = "rectification.jsonl";

#[derive(Debug)]
pub enum RectError {
    Review(ReviewError),
    Record(std::io::Error),
    Damaged(Vec<Break>),
    /// The record holds steps the rules refuse (line, refusal): it was edited.
    Inconsistent(Vec<(usize, Refusal)>),
    Refused(Refusal),
    Busy,
    ReadOnly,
    /// A reviewer package holds one reviewer's files; rectification is the office's.
    Package,
}

impl From<ReviewError> for RectError {
    fn from(e: ReviewError) -> Self {
        RectError::Review(e)
    }
}

impl RectError {
    /// A refused append, as the error to show.
    pub fn from_append(e: AppendError, record: &Chain<RectEvent>) -> RectError {
        match e {
            AppendError::Io(e) => RectError::Record(e),
            AppendError::Damaged => RectError::Damaged(record.breaks.clone()),
            AppendError::Changed => RectError::Busy,
        }
    }

    pub fn render(&self, lang: Lang) -> String {
        match self {
            RectError::Review(e) => e.render(lang),
            RectError::Record(e) => match crate::workspace::fsio::Fault::of(e) {
                Some(f) => format!(
                    "{}。{}{}",
                    f.what_in_workspace(lang, &e.to_string()),
                    lang.pick(
                        "本次操作没有保存，整改记录保持原样。",
                        "This step was NOT saved; the rectification record is as it was. "
                    ),
                    f.todo(lang)
                ),
                None => tr!(
                    lang,
                    "无法写入整改记录 {RECORD}：{e}。本次操作未保存",
                    "could not write the rectification record {RECORD}: {e}. Nothing of this step was saved"
                ),
            },
            RectError::Damaged(breaks) => {
                let lines: Vec<String> = breaks.iter().map(|b| b.render_in(lang, RECORD)).collect();
                tr!(
                    lang,
                    "整改记录已损坏，不再写入：{}。请用 anjuan verify 检查，并从备份恢复",
                    "the rectification record is damaged and will not be written to: {}. Run anjuan verify and restore it from a backup",
                    lines.join("；")
                )
            }
            RectError::Inconsistent(list) => {
                let lines: Vec<String> = list
                    .iter()
                    .map(|(l, r)| tr!(lang, "第 {l} 行：{}", "line {l}: {}", r.render(lang)))
                    .collect();
                tr!(
                    lang,
                    "整改记录 {RECORD} 中有规则不允许的步骤（记录被改动）：{}",
                    "the rectification record {RECORD} holds steps the rules do not allow (it was edited): {}",
                    lines.join("；")
                )
            }
            RectError::Refused(r) => r.render(lang),
            RectError::Busy => tr!(
                lang,
                "整改记录正被另一程序反复写入，请稍后重试",
                "another program keeps writing the rectification record: try again in a moment"
            ),
            RectError::Package => tr!(
                lang,
                "这是评查包（单个评查人员的案卷）：整改只在牵头人的工作区中进行，请先 anjuan team merge 合并",
                "this is a reviewer package (one reviewer's files): rectification happens in the lead's workspace; merge it first with anjuan team merge"
            ),
            RectError::ReadOnly => tr!(
                lang,
                "按历史状态打开的整改记录不能修改",
                "a rectification record opened as of an earlier point cannot be changed"
            ),
        }
    }
}

/// The review, the rectification record and the items derived from both.
pub struct Rectification {
    pub review: Review,
    pub record: Chain<RectEvent>,
    pub book: Book,
    /// Events the rules refuse: (line, refusal).
    pub refused: Vec<(usize, Refusal)>,
    read_only: bool,
}

/// What a saved step reports.
pub struct Saved {
    pub events: Vec<RectEvent>,
    pub recovered: Option<PathBuf>,
}

const APPEND_ATTEMPTS: usize = 20;

impl Rectification {
    pub fn open(dir: &Path) -> Result<Rectification, RectError> {
        Rectification::open_at(dir, None, None)
    }

    /// As it stood after `review` review-journal events and `events` rectification events
    /// (everything when `None`): for rebuilding an export made then, never for writing.
    pub fn open_at(
        dir: &Path,
        review: Option<usize>,
        events: Option<usize>,
    ) -> Result<Rectification, RectError> {
        let review = Review::open_at(dir, review)?;
        let mut record =
            Chain::<RectEvent>::read(&review.ws.dir.join(RECORD)).map_err(RectError::Record)?;
        let read_only = events.is_some_and(|n| n < record.events.len());
        if let Some(n) = events {
            record.events.truncate(n);
            record.hashes.truncate(n);
        }
        let mut r = Rectification {
            review,
            record,
            book: Book::default(),
            refused: Vec::new(),
            read_only,
        };
        r.replay();
        Ok(r)
    }

    /// Derive the book: finalizations and events in the order they were written.
    fn replay(&mut self) {
        let journal = self.review.journal.events.len() as u64;
        let mut book = Book::default();
        self.refused.clear();
        for (line, e) in self.record.events.iter().enumerate() {
            book.absorb_upto(&self.review, e.review.min(journal));
            if let Err(r) = book.apply(e, journal) {
                self.refused.push((line + 1, r));
            }
        }
        book.absorb_upto(&self.review, journal);
        self.book = book;
    }

    pub fn head(&self) -> &str {
        self.record.head()
    }

    /// Check `changes` against the rules and append them all, or none; returns once they are
    /// on disk.
    pub fn commit(
        &mut self,
        changes: Vec<Change>,
        by: &str,
        via: &str,
    ) -> Result<Saved, RectError> {
        let changes = changes.into_iter().map(|c| (c, via.to_string())).collect();
        self.commit_each(changes, by)
    }

    /// `commit`, with each change's own `via` (an imported sheet names the row each came from).
    pub fn commit_each(
        &mut self,
        changes: Vec<(Change, String)>,
        by: &str,
    ) -> Result<Saved, RectError> {
        if self.read_only {
            return Err(RectError::ReadOnly);
        }
        if self.review.package.is_some() {
            return Err(RectError::Package);
        }
        for _ in 0..APPEND_ATTEMPTS {
            if !self.record.breaks.is_empty() {
                return Err(RectError::Damaged(self.record.breaks.clone()));
            }
            if !self.refused.is_empty() {
                return Err(RectError::Inconsistent(self.refused.clone()));
            }
            let (trial, events) = self.check(&changes, by).map_err(RectError::Refused)?;
            match self.record.append(events.clone()) {
                Ok(recovered) => {
                    self.book = trial;
                    let n = events.len();
                    let start = self.record.events.len() - n;
                    return Ok(Saved {
                        events: self.record.events[start..].to_vec(),
                        recovered,
                    });
                }
                Err(AppendError::Changed) => self.reload()?,
                Err(AppendError::Damaged) => {
                    return Err(RectError::Damaged(self.record.breaks.clone()))
                }
                Err(AppendError::Io(e)) => return Err(RectError::Record(e)),
            }
        }
        Err(RectError::Busy)
    }

    /// The event `change` is written as: the `k`-th of a batch appended now.
    pub fn event(&self, change: Change, by: &str, via: &str, k: usize, at: &str) -> RectEvent {
        RectEvent {
            seq: self.record.next_seq() + k as u64,
            at: at.to_string(),
            by: by.trim().to_string(),
            review: self.review.journal.events.len() as u64,
            change,
            via: via.to_string(),
            prev: String::new(),
        }
    }

    /// Check a batch of changes against the rules without writing it: the book as it would
    /// become, and the events to append. The one check the command line's and the TUI's dry
    /// runs, and `commit`, all go through.
    pub fn check(
        &self,
        changes: &[(Change, String)],
        by: &str,
    ) -> Result<(Book, Vec<RectEvent>), Refusal> {
        let journal = self.review.journal.events.len() as u64;
        let at = crate::workspace::now();
        // The book is already derived up to the journal as read (`replay`, `commit`).
        let mut trial = self.book.clone();
        let mut events = Vec::with_capacity(changes.len());
        for (k, (change, via)) in changes.iter().enumerate() {
            let e = self.event(change.clone(), by, via, k, &at);
            trial.apply(&e, journal)?;
            events.push(e);
        }
        Ok((trial, events))
    }

    /// Read the review journal and the record again (another program wrote to them).
    pub fn reload(&mut self) -> Result<(), RectError> {
        let dir = self.review.ws.dir.clone();
        *self = Rectification::open(&dir)?;
        Ok(())
    }

    /// The drawn files of `agency` that are in the review: its sample files and the alternates
    /// called upon (an alternate never started was never part of it).
    pub fn agency_files(&self, agency: &str) -> Vec<usize> {
        use crate::register::population::Role;
        use crate::review::state::Status;
        let r = &self.review;
        (0..r.files.len())
            .filter(|&i| r.files[i].agency() == agency)
            .filter(|&i| {
                !(r.files[i].selected.role == Role::Alternate
                    && r.states[i].status == Status::NotStarted)
            })
            .collect()
    }

    /// How many of `agency`'s files in the review are not finalized.
    pub fn agency_unfinished(&self, agency: &str) -> usize {
        self.agency_files(agency)
            .into_iter()
            .filter(|&i| !self.review.states[i].is_finalized())
            .count()
    }

    /// Agencies in the order of the drawn files.
    pub fn agencies(&self) -> Vec<String> {
        let mut out: Vec<String> = Vec::new();
        for f in &self.review.files {
            let a = f.agency();
            if !out.contains(&a) {
                out.push(a);
            }
        }
        for it in &self.book.items {
            if !out.contains(&it.agency) {
                out.push(it.agency.clone());
            }
        }
        out
    }
}
