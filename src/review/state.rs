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
    /// Double review: this sheet's decisions are derived from the two reviewers' own sheets
    /// (where they agree) and the 复核人's resolutions (where they do not).
    pub double: bool,
    /// Per item, the 复核人's resolution (double review only).
    pub resolutions: Vec<Option<Resolution>>,
}

/// How the 复核人 settled an item two reviewers decided differently.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Resolution {
    pub decision: Option<Decision>,
    pub reason: String,
    pub by: String,
    pub at: String,
    pub seq: u64,
}

/// One reviewer's own sheet of a double-reviewed file.
#[derive(Clone, Debug)]
pub struct Lane {
    pub reviewer: String,
    pub state: FileState,
}

/// An item two reviewers decided differently.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Dispute {
    pub item: usize,
    /// (reviewer, decision) for each of the two counted sheets.
    pub sides: [(String, Option<Decision>); 2],
    pub resolution: Option<Resolution>,
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
            double: false,
            resolutions: Vec::new(),
        }
    }

    pub fn is_finalized(&self) -> bool {
        matches!(self.status, Status::Finalized { .. })
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
    OtherChecklist {
        bound: ChecklistRef,
    },
    UnknownItem {
        item: String,
        checklist: String,
    },
    Invalid {
        item: String,
        error: DecisionError,
    },
    StaleOld {
        item: String,
    },
    Unchanged {
        item: String,
    },
    Finalized,
    Incomplete {
        missing: Vec<String>,
    },
    FinalizeDiffers {
        score: Points,
        grade: String,
    },
    NotFinalized,
    NoReviewer,
    NoReason,
    /// A reviewer's own sheet is changed by someone else.
    NotOwnSheet {
        lane: String,
    },
    /// The file was already reviewed on its single sheet.
    NotDouble,
    /// On a double-reviewed file decisions go on the reviewers' own sheets.
    OnOwnSheet,
    /// Reconciliation needs both reviewers' sheets finalized.
    SheetsOpen {
        finalized: usize,
    },
    NotDisputed {
        item: String,
    },
    Unresolved {
        items: Vec<String>,
    },
    NotAssigned {
        by: String,
    },
    NotChecker {
        by: String,
    },
    /// 回避: the person's unit is the agency that made the file.
    OwnAgency {
        by: String,
        agency: String,
    },
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
                "退回已定稿的案卷或裁定分歧都必须说明理由（--reason）",
                "reopening a finalized file or resolving a disagreement needs a reason (--reason)"
            ),
            NotOwnSheet { lane } => tr!(
                lang,
                "案卷“{case}”中 {lane} 的评查表只能由 {lane} 本人修改",
                "on case {case:?}, {lane}'s own sheet can be changed only by {lane}"
            ),
            NotDouble => tr!(
                lang,
                "案卷“{case}”不是双人评查的案卷（或已按单人评查开始），不能使用个人评查表或分歧裁定",
                "case {case:?} is not double-reviewed (or was already started as a single review): no personal sheets or resolutions"
            ),
            OnOwnSheet => tr!(
                lang,
                "案卷“{case}”由两名评查人各自独立评查：条目结论记在各自的评查表上，分歧由复核人裁定",
                "case {case:?} is double-reviewed: decisions go on each reviewer's own sheet, and the checker resolves disagreements"
            ),
            SheetsOpen { finalized } => tr!(
                lang,
                "案卷“{case}”的两份评查表尚未都定稿（已定稿 {finalized} 份），还不能复核",
                "case {case:?}: both reviewers' sheets must be finalized before reconciling ({finalized} so far)"
            ),
            NotDisputed { item } => tr!(
                lang,
                "条目 {item} 两名评查人意见一致，无需裁定",
                "the two reviewers agree on item {item}; there is nothing to resolve"
            ),
            Unresolved { items } => {
                let n = items.len();
                let list = items.join(", ");
                tr!(
                    lang,
                    "案卷“{case}”还有 {n} 个分歧条目未裁定：{list}",
                    "case {case:?} still has {n} unresolved disagreements: {list}"
                )
            }
            NotAssigned { by } => tr!(
                lang,
                "{by} 未被分配评查案卷“{case}”。分配情况见 anjuan team status DIR；如需调整请由组长 anjuan team reassign DIR",
                "{by} is not assigned case {case:?}. See anjuan team status DIR; the lead can change it with anjuan team reassign DIR"
            ),
            NotChecker { by } => tr!(
                lang,
                "{by} 不是复核人：双人评查的分歧裁定和定稿由名单中的复核人进行",
                "{by} is not a checker: on double-reviewed files the roster's checkers resolve and finalize"
            ),
            OwnAgency { by, agency } => tr!(
                lang,
                "回避：{by} 来自“{agency}”，不能评查或复核本单位的案卷“{case}”",
                "conflict of interest: {by} is from {agency:?} and cannot review or check that agency's case {case:?}"
            ),
        }
    }
}

/// Apply one event to a drawn file: to a reviewer's own sheet (`lane`) or to the file's sheet.
/// `counted` are the reviewers whose sheets a double review reconciles (the assigned ones; all
/// sheets when nothing is assigned).
pub fn apply_to_file(
    main: &mut FileState,
    lanes: &mut Vec<Lane>,
    counted: &[String],
    checklists: &[Checklist],
    event: &Event,
) -> Result<(), Refusal> {
    let Some(lane) = &event.lane else {
        return apply_to_main(main, lanes, counted, checklists, event);
    };
    if *lane != event.by {
        return Err(Refusal::NotOwnSheet { lane: lane.clone() });
    }
    if matches!(event.change, Change::Resolve { .. }) {
        return Err(Refusal::NotDouble);
    }
    if main.is_finalized() {
        return Err(Refusal::Finalized);
    }
    if !main.double && main.events > 0 {
        return Err(Refusal::NotDouble);
    }
    let mut sheet = match lanes.iter().find(|l| l.reviewer == *lane) {
        Some(l) => l.state.clone(),
        None => FileState::new(main.checklist, main.decisions.len()),
    };
    if main.bound && !sheet.bound {
        sheet.checklist = main.checklist;
        sheet.bound = true;
        sheet.decisions = vec![None; checklists.get(main.checklist).map_or(0, |c| c.items.len())];
    }
    apply(&mut sheet, checklists, event)?;
    if main.bound && sheet.checklist != main.checklist {
        return Err(Refusal::OtherChecklist {
            bound: checklists[main.checklist].reference(),
        });
    }
    match lanes.iter_mut().find(|l| l.reviewer == *lane) {
        Some(l) => l.state = sheet,
        None => lanes.push(Lane {
            reviewer: lane.clone(),
            state: sheet,
        }),
    }
    main.double = true;
    if !main.bound {
        main.checklist = lanes.last().map_or(main.checklist, |l| l.state.checklist);
        main.bound = true;
    }
    note(main, event);
    if main.status == Status::NotStarted {
        main.status = Status::InProgress;
    }
    rederive(main, lanes, counted, checklists);
    Ok(())
}

fn apply_to_main(
    main: &mut FileState,
    lanes: &mut [Lane],
    counted: &[String],
    checklists: &[Checklist],
    event: &Event,
) -> Result<(), Refusal> {
    if !main.double {
        if matches!(event.change, Change::Resolve { .. }) {
            return Err(Refusal::NotDouble);
        }
        return apply(main, checklists, event);
    }
    let sheets = counted_sheets(lanes, counted);
    let finalized = sheets.iter().filter(|l| l.state.is_finalized()).count();
    match &event.change {
        Change::Set { .. } => Err(Refusal::OnOwnSheet),
        Change::Resolve { item, new, reason } => {
            if main.is_finalized() {
                return Err(Refusal::Finalized);
            }
            if finalized < 2 {
                return Err(Refusal::SheetsOpen { finalized });
            }
            let checklist = &checklists[main.checklist];
            let Some(k) = checklist.item_index(item) else {
                return Err(Refusal::UnknownItem {
                    item: item.clone(),
                    checklist: checklist.id.clone(),
                });
            };
            if reason.trim().is_empty() {
                return Err(Refusal::NoReason);
            }
            if !disputes(lanes, counted).iter().any(|d| d.item == k) {
                return Err(Refusal::NotDisputed { item: item.clone() });
            }
            if let Some(d) = new {
                d.check(&checklist.items[k])
                    .map_err(|error| Refusal::Invalid {
                        item: item.clone(),
                        error,
                    })?;
            }
            main.resolutions.resize(checklist.items.len(), None);
            main.resolutions[k] = Some(Resolution {
                decision: new.clone(),
                reason: reason.clone(),
                by: event.by.clone(),
                at: event.at.clone(),
                seq: event.seq,
            });
            main.status = Status::InProgress;
            note(main, event);
            rederive(main, lanes, counted, checklists);
            Ok(())
        }
        Change::Finalize { .. } => {
            if !main.is_finalized() && finalized < 2 {
                return Err(Refusal::SheetsOpen { finalized });
            }
            let open: Vec<String> = disputes_with(lanes, counted, &main.resolutions)
                .iter()
                .filter(|d| d.resolution.as_ref().is_none_or(|r| r.decision.is_none()))
                .map(|d| checklists[main.checklist].items[d.item].id.clone())
                .collect();
            if !main.is_finalized() && !open.is_empty() {
                return Err(Refusal::Unresolved { items: open });
            }
            apply(main, checklists, event)
        }
        Change::Reopen { .. } => apply(main, checklists, event),
    }
}

/// The sheets a double review reconciles, in order of their first event.
fn counted_sheets<'a>(lanes: &'a [Lane], counted: &[String]) -> Vec<&'a Lane> {
    lanes
        .iter()
        .filter(|l| counted.is_empty() || counted.contains(&l.reviewer))
        .take(2)
        .collect()
}

/// Items the two counted sheets decide differently (in verdict or points), once both are final.
pub fn disputes(lanes: &[Lane], counted: &[String]) -> Vec<Dispute> {
    disputes_with(lanes, counted, &[])
}

fn disputes_with(
    lanes: &[Lane],
    counted: &[String],
    resolutions: &[Option<Resolution>],
) -> Vec<Dispute> {
    let sheets = counted_sheets(lanes, counted);
    let [a, b] = sheets.as_slice() else {
        return Vec::new();
    };
    if !a.state.is_finalized() || !b.state.is_finalized() {
        return Vec::new();
    }
    a.state
        .decisions
        .iter()
        .zip(&b.state.decisions)
        .enumerate()
        .filter(|(_, (x, y))| !agree(x.as_ref(), y.as_ref()))
        .map(|(item, (x, y))| Dispute {
            item,
            sides: [
                (a.reviewer.clone(), x.clone()),
                (b.reviewer.clone(), y.clone()),
            ],
            resolution: resolutions.get(item).cloned().flatten(),
        })
        .collect()
}

impl FileState {
    /// This (reconciled) sheet's disagreements with their resolutions so far.
    pub fn disputes(&self, lanes: &[Lane], counted: &[String]) -> Vec<Dispute> {
        disputes_with(lanes, counted, &self.resolutions)
    }
}

fn agree(a: Option<&Decision>, b: Option<&Decision>) -> bool {
    match (a, b) {
        (Some(a), Some(b)) => a.verdict == b.verdict && a.points == b.points,
        (None, None) => true,
        _ => false,
    }
}

/// Two agreeing decisions as one: the first's, with the second's finding and evidence added
/// where they say something else.
fn merged(a: &Decision, b: &Decision) -> Decision {
    let join = |x: &Option<String>, y: &Option<String>| match (x, y) {
        (Some(x), Some(y)) if x != y => Some(format!("{x}\n{y}")),
        (None, y) => y.clone(),
        (x, _) => x.clone(),
    };
    Decision {
        verdict: a.verdict,
        points: a.points,
        finding: join(&a.finding, &b.finding),
        evidence: join(&a.evidence, &b.evidence),
    }
}

/// Derive a double-reviewed file's decisions from the two sheets and the resolutions.
fn rederive(main: &mut FileState, lanes: &[Lane], counted: &[String], checklists: &[Checklist]) {
    if !main.double || main.is_finalized() {
        return;
    }
    let items = checklists.get(main.checklist).map_or(0, |c| c.items.len());
    main.resolutions.resize(items, None);
    main.decisions = vec![None; items];
    let sheets = counted_sheets(lanes, counted);
    let [a, b] = sheets.as_slice() else {
        return;
    };
    if !a.state.is_finalized() || !b.state.is_finalized() {
        return;
    }
    for k in 0..items {
        let (x, y) = (&a.state.decisions[k], &b.state.decisions[k]);
        main.decisions[k] = match (x, y) {
            (Some(x), Some(y)) if agree(Some(x), Some(y)) => Some(merged(x, y)),
            _ => main.resolutions[k]
                .as_ref()
                .and_then(|r| r.decision.clone()),
        };
    }
}

fn note(state: &mut FileState, event: &Event) {
    if !state.reviewers.contains(&event.by) {
        state.reviewers.push(event.by.clone());
    }
    state.last = Some(event.seq);
    state.events += 1;
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
        Change::Resolve { .. } => return Err(Refusal::NotDouble),
    };
    state.checklist = idx;
    state.bound = true;
    state.status = next;
    note(state, event);
    Ok(())
}
