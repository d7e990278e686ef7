//! Current state of every drawn file, derived only from the journal: replaying the events in order
//! gives each file's decisions, status and reviewers. The same `apply` checks an event before it
//! is written and when it is read back, so the journal can only hold events the rules allow.

use super::decision::{Decision, DecisionError};
use super::event::{Change, Event};
use super::score::{score, Score};
use crate::checklist::points::Points;
use crate::checklist::{Checklist, ChecklistRef};
use crate::i18n::Lang;
use crate::tr;

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Status {
    NotStarted,
    InProgress,
    Finalized { by: String, at: String, seq: u64 },
}

impl Status {
    pub fn label(&self, lang: Lang) -> &'static str {
        match self {
            Status::NotStarted => lang.pick("未开始", "not started"),
            Status::InProgress => lang.pick("进行中", "in progress"),
            Status::Finalized { .. } => lang.pick("已完成", "finalized"),
        }
    }

    pub fn key(&self) -> &'static str {
        match self {
            Status::NotStarted => "not_started",
            Status::InProgress => "in_progress",
            Status::Finalized { .. } => "finalized",
        }
    }
}

/// One drawn file's review state.
#[derive(Clone, Debug)]
pub struct FileState {
    /// Index into the session's checklists.
    pub checklist: usize,
    /// Whether an event has fixed the checklist (else it follows the plan).
    pub bound: bool,
    pub decisions: Vec<Option<Decision>>,
    pub status: Status,
    /// Everyone who changed the file, in order of first change.
    pub reviewers: Vec<String>,
    /// Seq of the file's latest event (its line digest is `Journal::hashes[seq - 1]`).
    pub last: Option<u64>,
    pub events: usize,
}

impl FileState {
    pub fn new(checklist: usize, items: usize) -> FileState {
        FileState {
            checklist,
            bound: false,
            decisions: vec![None; items],
            status: Status::NotStarted,
            reviewers: Vec::new(),
            last: None,
            events: 0,
        }
    }

    pub fn score(&self, checklist: &Checklist) -> Score {
        score(checklist, &self.decisions)
    }
}

/// Why an event cannot be applied.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Refusal {
    UnknownCase,
    UnknownChecklist(ChecklistRef),
    OtherChecklist { bound: ChecklistRef },
    UnknownItem { item: String, checklist: String },
    Invalid { item: String, error: DecisionError },
    StaleOld { item: String },
    Unchanged { item: String },
    Finalized,
    Incomplete { missing: Vec<String> },
    FinalizeDiffers { score: Points, grade: String },
    NotFinalized,
    NoReviewer,
    NoReason,
}

impl Refusal {
    pub fn render(&self, lang: Lang, case: &str) -> String {
        use Refusal::*;
        match self {
            UnknownCase => tr!(
                lang,
                "案卷“{case}”不在本次抽取结果中。请用 anjuan review DIR status 查看抽中的案卷",
                "case {case:?} is not among the drawn files. See anjuan review DIR status"
            ),
            UnknownChecklist(r) => tr!(
                lang,
                "评查标准 {} 版本 {}（SHA-256 {}）未登记在评查方案中",
                "checklist {} version {} (SHA-256 {}) is not in any review plan",
                r.id,
                r.version,
                r.sha256
            ),
            OtherChecklist { bound } => tr!(
                lang,
                "案卷“{case}”已按评查标准 {} 版本 {} 评查，不能换用其他标准或版本",
                "case {case:?} is being reviewed with checklist {} version {}; it cannot switch checklist or version",
                bound.id,
                bound.version
            ),
            UnknownItem { item, checklist } => tr!(
                lang,
                "评查标准 {checklist} 中没有条目“{item}”。请用 anjuan review DIR show \"{case}\" 查看条目编号",
                "checklist {checklist} has no item {item:?}. See the item ids with anjuan review DIR show \"{case}\""
            ),
            Invalid { item, error } => {
                let e = error.render(lang);
                tr!(lang, "条目 {item}：{e}", "item {item}: {e}")
            }
            StaleOld { item } => tr!(
                lang,
                "条目 {item} 的原值与日志不符（可能有人同时修改）。请重新查看后再改",
                "item {item}'s previous value does not match the journal (someone may have changed it meanwhile). Look again and retry"
            ),
            Unchanged { item } => tr!(
                lang,
                "条目 {item} 已是该结论，无需修改",
                "item {item} already has this decision"
            ),
            Finalized => tr!(
                lang,
                "案卷“{case}”已定稿。如需修改，请先 reopen 并说明理由",
                "case {case:?} is finalized. To change it, reopen it first with a reason"
            ),
            Incomplete { missing } => {
                let n = missing.len();
                let list = missing.join(", ");
                tr!(
                    lang,
                    "案卷“{case}”还有 {n} 个条目未评：{list}。全部评完才能定稿",
                    "case {case:?} still has {n} undecided items: {list}. Every item must be decided before finalizing"
                )
            }
            FinalizeDiffers { score, grade } => tr!(
                lang,
                "定稿记录的得分 {score}、等次 {grade} 与按日志重算的结果不符",
                "the finalize event records score {score}, grade {grade}, which the journal does not re-derive"
            ),
            NotFinalized => tr!(
                lang,
                "案卷“{case}”尚未定稿，无需退回",
                "case {case:?} is not finalized; there is nothing to reopen"
            ),
            NoReviewer => tr!(
                lang,
                "请用 --reviewer 写明评查人姓名",
                "name the reviewer with --reviewer"
            ),
            NoReason => tr!(
                lang,
                "退回已定稿的案卷必须说明理由（--reason）",
                "reopening a finalized file needs a reason (--reason)"
            ),
        }
    }
}

/// Apply one event to a file's state, or say why the rules do not allow it.
pub fn apply(
    state: &mut FileState,
    checklists: &[Checklist],
    event: &Event,
) -> Result<(), Refusal> {
    if event.by.trim().is_empty() {
        return Err(Refusal::NoReviewer);
    }
    let r = &event.checklist;
    let Some(idx) = checklists
        .iter()
        .position(|c| c.sha256 == r.sha256 && c.id == r.id && c.version == r.version)
    else {
        return Err(Refusal::UnknownChecklist(event.checklist.clone()));
    };
    if state.bound && idx != state.checklist {
        return Err(Refusal::OtherChecklist {
            bound: checklists[state.checklist].reference(),
        });
    }
    if !state.bound && idx != state.checklist {
        // The first event fixes the checklist, which may be an earlier plan's version.
        state.decisions = vec![None; checklists[idx].items.len()];
    }
    let checklist = &checklists[idx];
    let next = match &event.change {
        Change::Set { item, old, new } => {
            if matches!(state.status, Status::Finalized { .. }) {
                return Err(Refusal::Finalized);
            }
            let Some(i) = checklist.item_index(item) else {
                return Err(Refusal::UnknownItem {
                    item: item.clone(),
                    checklist: checklist.id.clone(),
                });
            };
            if *old != state.decisions[i] {
                return Err(Refusal::StaleOld { item: item.clone() });
            }
            if old == new {
                return Err(Refusal::Unchanged { item: item.clone() });
            }
            if let Some(d) = new {
                d.check(&checklist.items[i])
                    .map_err(|error| Refusal::Invalid {
                        item: item.clone(),
                        error,
                    })?;
            }
            state.decisions[i] = new.clone();
            Status::InProgress
        }
        Change::Finalize { score: s, grade } => {
            if matches!(state.status, Status::Finalized { .. }) {
                return Err(Refusal::Finalized);
            }
            let missing: Vec<String> = checklist
                .items
                .iter()
                .zip(&state.decisions)
                .filter(|(_, d)| d.is_none())
                .map(|(it, _)| it.id.clone())
                .collect();
            if !missing.is_empty() {
                return Err(Refusal::Incomplete { missing });
            }
            let computed = score(checklist, &state.decisions);
            if computed.points != *s || computed.grade != *grade {
                return Err(Refusal::FinalizeDiffers {
                    score: *s,
                    grade: grade.clone(),
                });
            }
            Status::Finalized {
                by: event.by.clone(),
                at: event.at.clone(),
                seq: event.seq,
            }
        }
        Change::Reopen { reason } => {
            if !matches!(state.status, Status::Finalized { .. }) {
                return Err(Refusal::NotFinalized);
            }
            if reason.trim().is_empty() {
                return Err(Refusal::NoReason);
            }
            Status::InProgress
        }
    };
    state.checklist = idx;
    state.bound = true;
    state.status = next;
    if !state.reviewers.contains(&event.by) {
        state.reviewers.push(event.by.clone());
    }
    state.last = Some(event.seq);
    state.events += 1;
    Ok(())
}
