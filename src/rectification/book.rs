//! The book of rectification items: derived by replaying the review journal's finalizations and
//! the rectification record's events in the order they were written. The same `apply` checks an
//! event before it is written and when it is read back (`verify`), so the record can only hold
//! steps the rules allow.
//!
//! The id rule: the items of a file are issued when the file is finalized, numbered `Z0001`,
//! `Z0002`, … in the order of the finalize events in the review journal, and within a file in
//! checklist order; items carried from last year are `H0001`, …. An id is never reused or
//! changed: when a file is reopened and finalized again, a problem still there keeps its id (its
//! finding as now written), one no longer there is closed as withdrawn with the reopen's
//! reason, and a new one gets the next number.

use super::event::{Change, RecheckResult, RectEvent};
use super::item::{
    parse_date, Closed, Item, Note, Origin, Plan, Recheck, Referral, Report, Status,
};
use crate::checklist::categories::CategorySet;
use crate::i18n::Lang;
use crate::review::decision::{Decision, Verdict};
use crate::review::{Finalization, Review};
use crate::tr;
use std::collections::HashMap;

/// Why a step cannot be taken, with what to do.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Refusal {
    UnknownItem(String),
    NoBy,
    Empty(&'static str),
    BadDate {
        field: &'static str,
        text: String,
    },
    DeadlineBeforeFeedback {
        deadline: String,
        feedback: String,
    },
    DeadlineBeforeIssue {
        deadline: String,
        issued: String,
    },
    /// The step does not follow from the item's status.
    Status {
        id: String,
        status: Status,
        action: &'static str,
    },
    Withdrawn(String),
    NoPlan(String),
    CloseByReporter {
        id: String,
        by: String,
    },
    AlreadyReferred(String),
    /// Feedback naming an item of another agency, or one given feedback already.
    FeedbackItem {
        id: String,
        agency: String,
    },
    NotRechecked(String),
    /// An event claims more review events than the journal has, or fewer than an earlier one.
    ReviewOrder {
        review: u64,
        journal: u64,
    },
    DuplicateId(String),
    /// A re-check commitment that does not match the items as they stand.
    RecheckCommitment,
    RecheckPending(usize),
    NoRecheckCommitment,
    RecheckSeed,
    /// The recorded re-check items are not what the seed draws.
    RecheckDiffers,
    /// A control character, or a text longer than `MAX_TEXT`.
    BadText {
        field: &'static str,
        too_long: bool,
    },
}

/// The longest text a step takes (a measure, a progress report, an opinion).
pub const MAX_TEXT: usize = 2000;

/// Texts of a step: no control characters (newlines allowed), at most `MAX_TEXT` characters.
fn check_texts(fields: &[(&'static str, &str)]) -> Result<(), Refusal> {
    for (field, v) in fields {
        if crate::review::decision::forbidden_char(v, true).is_some() {
            return Err(Refusal::BadText {
                field,
                too_long: false,
            });
        }
        if v.chars().count() > MAX_TEXT {
            return Err(Refusal::BadText {
                field,
                too_long: true,
            });
        }
    }
    Ok(())
}

impl Refusal {
    pub fn render(&self, lang: Lang) -> String {
        match self {
            Refusal::UnknownItem(id) => tr!(
                lang,
                "没有编号为 {id} 的整改事项。请用 anjuan rectify WS list 查看编号",
                "there is no rectification item {id}. Run anjuan rectify WS list to see the ids"
            ),
            Refusal::NoBy => tr!(
                lang,
                "未写明操作人：请用 --by 姓名",
                "no one is named as making the change: give --by NAME"
            ),
            Refusal::Empty(field) => tr!(
                lang,
                "{field} 不能为空：请填写后重试",
                "{field} must not be empty: fill it in and try again"
            ),
            Refusal::BadDate { field, text } => tr!(
                lang,
                "{field} “{text}” 不是日期：请写成 2025-01-31",
                "{field} “{text}” is not a date: write it as 2025-01-31"
            ),
            Refusal::DeadlineBeforeFeedback { deadline, feedback } => tr!(
                lang,
                "整改时限 {deadline} 早于评查意见书日期 {feedback}：请给出 {feedback} 或以后的日期",
                "the deadline {deadline} is before the feedback date {feedback}: give {feedback} or later"
            ),
            Refusal::DeadlineBeforeIssue { deadline, issued } => tr!(
                lang,
                "整改时限 {deadline} 早于问题提出的日期 {issued}：请给出 {issued} 或以后的日期",
                "the deadline {deadline} is before the problem was found ({issued}): give {issued} or later"
            ),
            Refusal::Status { id, status, action } => {
                let label = status.label(lang);
                let todo = match (action, status) {
                    (&"close", Status::Open | Status::InProgress | Status::Returned) => lang.pick(
                        "只有已整改（申请销号）的事项可以销号：请先由整改单位报告完成（rectify report --done）",
                        "only an item reported done can be closed: have the agency report it done first (rectify report --done)",
                    ),
                    (&"return", _) => lang.pick(
                        "只有已整改（申请销号）的事项可以退回",
                        "only an item reported done can be returned",
                    ),
                    (_, Status::Closed) => lang.pick(
                        "该事项已销号；若问题反弹，请通过回头看复查（rectify recheck）重新打开",
                        "the item is closed; if the problem is back, a re-check (rectify recheck) reopens it",
                    ),
                    (_, Status::Submitted) => lang.pick(
                        "该事项已申请销号：请先销号或退回（rectify close / return）",
                        "the item is waiting to be closed: close or return it first (rectify close / return)",
                    ),
                    _ => "",
                };
                let action = match (*action, lang) {
                    ("plan", Lang::Zh) => "制定整改方案",
                    ("report", Lang::Zh) => "报告整改情况",
                    ("close", Lang::Zh) => "销号",
                    ("return", Lang::Zh) => "退回",
                    ("recheck", Lang::Zh) => "列入回头看复查",
                    (a, _) => a,
                };
                tr!(
                    lang,
                    "整改事项 {id} 状态为“{label}”，不能{action}。{todo}",
                    "rectification item {id} is {label}: it cannot take {action}. {todo}"
                )
            }
            Refusal::Withdrawn(id) => tr!(
                lang,
                "整改事项 {id} 已因案卷复核后不再扣分而撤销，无需整改",
                "rectification item {id} was withdrawn (the re-finalized file no longer has the problem): nothing to rectify"
            ),
            Refusal::NoPlan(id) => tr!(
                lang,
                "整改事项 {id} 还没有整改方案：请先 rectify plan {id} --leader … --owner … --measure …",
                "rectification item {id} has no plan yet: first rectify plan {id} --leader … --owner … --measure …"
            ),
            Refusal::CloseByReporter { id, by } => tr!(
                lang,
                "整改事项 {id} 由 {by} 报告完成，销号须由另一人核实：请由其他人员 --by 销号",
                "rectification item {id} was reported done by {by}; someone else must check and close it (--by another person)"
            ),
            Refusal::AlreadyReferred(id) => tr!(
                lang,
                "整改事项 {id} 已移送，不能重复移送",
                "rectification item {id} has been referred already"
            ),
            Refusal::FeedbackItem { id, agency } => tr!(
                lang,
                "整改事项 {id} 不属于 {agency}，或已随评查意见书下发",
                "rectification item {id} is not {agency}'s, or was already given in a feedback letter"
            ),
            Refusal::NotRechecked(id) => tr!(
                lang,
                "整改事项 {id} 不在回头看抽查名单中，或已复查：请先 rectify recheck 抽取",
                "rectification item {id} is not on the re-check draw, or was re-checked already: draw with rectify recheck first"
            ),
            Refusal::ReviewOrder { review, journal } => tr!(
                lang,
                "该事件记录的评查日志事件数 {review} 与评查日志（{journal} 个事件）不符",
                "the event records {review} review-journal events, which does not fit the journal ({journal} events)"
            ),
            Refusal::RecheckCommitment => tr!(
                lang,
                "回头看承诺与当前已销号事项不符（可抽范围、比例或数量被改动）",
                "the re-check commitment does not match the closed items as they stand (the eligible list, share or count was altered)"
            ),
            Refusal::RecheckPending(n) => tr!(
                lang,
                "上一次回头看抽中的 {n} 个事项尚未全部录入复查结果：请先用 rectify rechecked 录入",
                "{n} items of the last re-check draw have no result yet: record them with rectify rechecked first"
            ),
            Refusal::NoRecheckCommitment => tr!(
                lang,
                "没有待抽取的回头看承诺：请先运行 rectify WS recheck --share 20%（不带种子），宣读承诺摘要后再掷骰",
                "no re-check commitment waits for a seed: first run rectify WS recheck --share 20% (no seed), read out its digest, then roll the dice"
            ),
            Refusal::RecheckSeed => tr!(
                lang,
                "回头看种子无效：只能是数字，至少 20 位",
                "the re-check seed is invalid: digits only, at least 20"
            ),
            Refusal::RecheckDiffers => tr!(
                lang,
                "记录的回头看抽查事项与由承诺和种子重算的结果不符",
                "the recorded re-check items differ from what the commitment and seed draw"
            ),
            Refusal::BadText { field, too_long: true } => tr!(
                lang,
                "{field} 超过 {MAX_TEXT} 字：请精简",
                "{field} is longer than {MAX_TEXT} characters: shorten it"
            ),
            Refusal::BadText { field, .. } => tr!(
                lang,
                "{field} 含有控制字符：请删去后重试",
                "{field} contains a control character: remove it and try again"
            ),
            Refusal::DuplicateId(id) => tr!(
                lang,
                "编号 {id} 已被使用",
                "the id {id} is taken already"
            ),
        }
    }
}

/// Every rectification item, as derived.
#[derive(Clone, Debug, Default)]
pub struct Book {
    pub items: Vec<Item>,
    index: HashMap<String, usize>,
    /// Active (not withdrawn) items of each drawn file by checklist item index.
    /// (drawn file → checklist item index → item), so a finalization touches only its file.
    by_file: HashMap<usize, std::collections::BTreeMap<usize, usize>>,
    next_z: u32,
    /// Items drawn for an on-site re-check and not yet re-checked.
    pub to_recheck: Vec<String>,
    /// The re-check commitment waiting for its seed (its seq).
    pub recheck_commitment: Option<u64>,
    /// Every re-check commitment: seq → (eligible ids, count).
    pub commitments: HashMap<u64, (Vec<String>, u64)>,
    /// The latest 评查意见书 issued to each agency, as it was headed.
    pub letters: HashMap<String, LetterHead>,
    /// Review events absorbed so far.
    pub review_seen: u64,
}

/// How an issued letter was headed (from its `feedback` event).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LetterHead {
    pub date: String,
    pub deadline: String,
    pub office: String,
    pub number: String,
}

/// The category an item is counted under.
fn category_of(review: &Review, checklist: usize, item: usize, lang: Lang) -> String {
    let set = review
        .plan
        .as_ref()
        .map_or(CategorySet::Youxian, |(p, _)| p.category_set);
    review
        .checklists
        .get(checklist)
        .and_then(|c| c.items.get(item))
        .and_then(|it| it.category.get(&set).cloned())
        .unwrap_or_else(|| lang.pick("（未归类）", "(uncategorised)").to_string())
}

fn finding_of(d: &Decision) -> (String, Option<String>, String, String) {
    let verdict = match d.verdict {
        Verdict::Veto => "veto",
        _ => "deduct",
    };
    (
        verdict.to_string(),
        d.points.map(|p| p.to_string()),
        d.finding.clone().unwrap_or_default(),
        d.evidence.clone().unwrap_or_default(),
    )
}

impl Book {
    pub fn get(&self, id: &str) -> Option<&Item> {
        self.index.get(id).map(|&i| &self.items[i])
    }

    /// The current (not withdrawn) item of a drawn file's checklist item.
    pub fn of_finding(&self, file: usize, item: usize) -> Option<&Item> {
        self.by_file
            .get(&file)
            .and_then(|m| m.get(&item))
            .map(|&i| &self.items[i])
    }

    fn get_mut(&mut self, id: &str) -> Option<&mut Item> {
        self.index.get(id).map(|&i| &mut self.items[i])
    }

    /// Take in a file's finalization: keep, withdraw and issue items as the id rule says.
    pub fn absorb(&mut self, review: &Review, f: &Finalization) {
        let file = &review.files[f.file];
        let agency = file.agency();
        let day = f.at.get(..10).unwrap_or("").to_string();
        let present: Vec<usize> = f.problems.iter().map(|(k, _)| *k).collect();
        // Withdraw what is no longer there.
        let active = self.by_file.entry(f.file).or_default();
        let gone: Vec<usize> = active
            .iter()
            .filter(|(k, _)| !present.contains(k))
            .map(|(_, &i)| i)
            .collect();
        active.retain(|k, _| present.contains(k));
        for i in gone {
            let it = &mut self.items[i];
            if it.status != Status::Closed {
                it.status = Status::Closed;
                it.closed = Some(Closed {
                    by: f.by.clone(),
                    at: f.at.clone(),
                    opinion: f.reopened.clone().unwrap_or_default(),
                    withdrawn: true,
                });
            }
        }
        let checklist = review.checklists.get(f.checklist);
        for (k, d) in &f.problems {
            let (verdict, points, finding, evidence) = finding_of(d);
            if let Some(&i) = self.by_file.get(&f.file).and_then(|m| m.get(k)) {
                let it = &mut self.items[i];
                it.verdict = verdict;
                it.points = points;
                it.finding = finding;
                it.evidence = evidence;
                it.finalized_seq = f.seq;
                continue;
            }
            let ci = checklist.and_then(|c| c.items.get(*k));
            self.next_z += 1;
            let id = format!("Z{:04}", self.next_z);
            let item = Item {
                id: id.clone(),
                agency: agency.clone(),
                case_id: file.id().to_string(),
                item: ci.map_or(String::new(), |c| c.id.clone()),
                item_text: ci.map_or(String::new(), |c| c.text.clone()),
                category: category_of(review, f.checklist, *k, Lang::Zh),
                verdict,
                points,
                finding,
                evidence,
                basis: ci.map_or(Vec::new(), |c| c.basis.clone()),
                status: Status::Open,
                deadline: None,
                feedback_date: None,
                plan: None,
                reports: Vec::new(),
                returns: Vec::new(),
                closed: None,
                referral: None,
                rechecks: Vec::new(),
                rebound: false,
                carried: None,
                history: Vec::new(),
                finalized_seq: f.seq,
                file: Some(f.file),
                item_index: *k,
                issued_on: day.clone(),
            };
            self.index.insert(id, self.items.len());
            self.by_file
                .entry(f.file)
                .or_default()
                .insert(*k, self.items.len());
            self.items.push(item);
        }
    }

    /// Absorb every finalization up to review event `upto` not yet taken in.
    pub fn absorb_upto(&mut self, review: &Review, upto: u64) {
        let fins = &review.finalizations;
        let start = fins.partition_point(|f| f.seq <= self.review_seen);
        for f in fins[start..].iter().take_while(|f| f.seq <= upto) {
            self.absorb(review, f);
        }
        self.review_seen = self.review_seen.max(upto);
    }

    /// Check `e` against the items and apply it, or say why not.
    pub fn apply(&mut self, e: &RectEvent, journal_events: u64) -> Result<(), Refusal> {
        if e.review > journal_events || e.review < self.review_seen {
            return Err(Refusal::ReviewOrder {
                review: e.review,
                journal: journal_events,
            });
        }
        if e.by.trim().is_empty() {
            return Err(Refusal::NoBy);
        }
        self.step(e)
    }

    /// Every arm checks everything before it changes anything, so a refused event leaves the
    /// book as it was.
    fn step(&mut self, e: &RectEvent) -> Result<(), Refusal> {
        let who = || (e.by.clone(), e.at.clone());
        check_texts(&[("--by", &e.by)])?;
        match &e.change {
            Change::Plan {
                leader,
                owner,
                measure,
                ..
            } => check_texts(&[
                ("--leader", leader),
                ("--owner", owner),
                ("--measure", measure),
            ])?,
            Change::Report { progress, .. } => check_texts(&[("--progress", progress)])?,
            Change::Close { opinion, .. } => check_texts(&[("--opinion", opinion)])?,
            Change::Return { reason, .. } => check_texts(&[("--reason", reason)])?,
            Change::Refer { to, reason, .. } => check_texts(&[("--to", to), ("--reason", reason)])?,
            Change::Rechecked { note, .. } => check_texts(&[("--note", note)])?,
            Change::Feedback { office, number, .. } => {
                check_texts(&[("--office", office), ("--number", number)])?
            }
            _ => {}
        }
        match &e.change {
            Change::Feedback {
                agency,
                date,
                deadline,
                office,
                number,
                items,
            } => {
                let d = parse_date(date).ok_or(Refusal::BadDate {
                    field: "date",
                    text: date.clone(),
                })?;
                let dl = parse_date(deadline).ok_or(Refusal::BadDate {
                    field: "deadline",
                    text: deadline.clone(),
                })?;
                if dl < d {
                    return Err(Refusal::DeadlineBeforeFeedback {
                        deadline: deadline.clone(),
                        feedback: date.clone(),
                    });
                }
                for id in items {
                    let it = self.live(id)?;
                    if &it.agency != agency || it.feedback_date.is_some() {
                        return Err(Refusal::FeedbackItem {
                            id: id.clone(),
                            agency: agency.clone(),
                        });
                    }
                }
                if items.is_empty() {
                    return Err(Refusal::Empty("items"));
                }
                for id in items {
                    let it = self.get_mut(id).expect("checked above");
                    it.feedback_date = Some(date.clone());
                    if it.deadline.is_none() {
                        it.deadline = Some(deadline.clone());
                    }
                    it.history.push(e.seq);
                }
                self.letters.insert(
                    agency.clone(),
                    LetterHead {
                        date: date.clone(),
                        deadline: deadline.clone(),
                        office: office.clone(),
                        number: number.clone(),
                    },
                );
                Ok(())
            }
            Change::Plan {
                id,
                leader,
                owner,
                measure,
                deadline,
            } => {
                let it = self.live(id)?;
                if matches!(it.status, Status::Submitted | Status::Closed) {
                    return Err(Refusal::Status {
                        id: id.clone(),
                        status: it.status,
                        action: "plan",
                    });
                }
                for (field, v) in [
                    ("--leader", leader),
                    ("--owner", owner),
                    ("--measure", measure),
                ] {
                    if v.trim().is_empty() {
                        return Err(Refusal::Empty(field));
                    }
                }
                if let Some(dl) = deadline {
                    let d = parse_date(dl).ok_or(Refusal::BadDate {
                        field: "--deadline",
                        text: dl.clone(),
                    })?;
                    check_deadline(it, d, dl)?;
                }
                let (by, at) = who();
                let it = self.get_mut(id).expect("checked above");
                it.plan = Some(Plan {
                    leader: leader.clone(),
                    owner: owner.clone(),
                    measure: measure.clone(),
                    by,
                    at,
                });
                if let Some(dl) = deadline {
                    it.deadline = Some(dl.clone());
                }
                it.status = Status::InProgress;
                it.history.push(e.seq);
                Ok(())
            }
            Change::Report {
                id,
                progress,
                evidence,
                done,
                date,
            } => {
                let it = self.live(id)?;
                if matches!(it.status, Status::Submitted | Status::Closed) {
                    return Err(Refusal::Status {
                        id: id.clone(),
                        status: it.status,
                        action: "report",
                    });
                }
                if it.plan.is_none() {
                    return Err(Refusal::NoPlan(id.clone()));
                }
                if progress.trim().is_empty() {
                    return Err(Refusal::Empty("--progress"));
                }
                if let Some(d) = date {
                    parse_date(d).ok_or(Refusal::BadDate {
                        field: "date",
                        text: d.clone(),
                    })?;
                }
                let (by, at) = who();
                let it = self.get_mut(id).expect("checked above");
                it.reports.push(Report {
                    progress: progress.clone(),
                    evidence: evidence.clone(),
                    done: *done,
                    date: date.clone(),
                    by,
                    at,
                    seq: e.seq,
                });
                it.status = if *done {
                    Status::Submitted
                } else {
                    Status::InProgress
                };
                it.history.push(e.seq);
                Ok(())
            }
            Change::Close { id, opinion } => {
                let it = self.live(id)?;
                if it.status != Status::Submitted {
                    return Err(Refusal::Status {
                        id: id.clone(),
                        status: it.status,
                        action: "close",
                    });
                }
                if it.reporter().is_some_and(|r| r.trim() == e.by.trim()) {
                    return Err(Refusal::CloseByReporter {
                        id: id.clone(),
                        by: e.by.clone(),
                    });
                }
                if opinion.trim().is_empty() {
                    return Err(Refusal::Empty("--opinion"));
                }
                let (by, at) = who();
                let it = self.get_mut(id).expect("checked above");
                it.closed = Some(Closed {
                    by,
                    at,
                    opinion: opinion.clone(),
                    withdrawn: false,
                });
                it.status = Status::Closed;
                it.history.push(e.seq);
                Ok(())
            }
            Change::Return { id, reason } => {
                let it = self.live(id)?;
                if it.status != Status::Submitted {
                    return Err(Refusal::Status {
                        id: id.clone(),
                        status: it.status,
                        action: "return",
                    });
                }
                if reason.trim().is_empty() {
                    return Err(Refusal::Empty("--reason"));
                }
                let (by, at) = who();
                let it = self.get_mut(id).expect("checked above");
                it.returns.push(Note {
                    text: reason.clone(),
                    by,
                    at,
                });
                it.status = Status::Returned;
                it.history.push(e.seq);
                Ok(())
            }
            Change::Refer { id, to, reason } => {
                let it = self.live(id)?;
                if it.referral.is_some() {
                    return Err(Refusal::AlreadyReferred(id.clone()));
                }
                if to.trim().is_empty() {
                    return Err(Refusal::Empty("--to"));
                }
                if reason.trim().is_empty() {
                    return Err(Refusal::Empty("--reason"));
                }
                let (by, at) = who();
                let it = self.get_mut(id).expect("checked above");
                it.referral = Some(Referral {
                    to: to.clone(),
                    reason: reason.clone(),
                    by,
                    at,
                });
                it.history.push(e.seq);
                Ok(())
            }
            Change::Carry { from, items } => {
                let mut seen = std::collections::HashSet::new();
                for c in items {
                    if self.index.contains_key(&c.id) || !seen.insert(c.id.as_str()) {
                        return Err(Refusal::DuplicateId(c.id.clone()));
                    }
                }
                for c in items {
                    let status = match c.status.as_str() {
                        "in_progress" => Status::InProgress,
                        "returned" => Status::Returned,
                        "submitted" => Status::Submitted,
                        _ => Status::Open,
                    };
                    let item = Item {
                        id: c.id.clone(),
                        agency: c.agency.clone(),
                        case_id: c.case_id.clone(),
                        item: c.item.clone(),
                        item_text: c.item_text.clone(),
                        category: c.category.clone(),
                        verdict: "deduct".into(),
                        points: None,
                        finding: c.finding.clone(),
                        evidence: String::new(),
                        basis: c.basis.clone(),
                        status,
                        deadline: c.deadline.clone(),
                        feedback_date: None,
                        plan: None,
                        reports: Vec::new(),
                        returns: Vec::new(),
                        closed: None,
                        referral: None,
                        rechecks: Vec::new(),
                        rebound: c.rebound,
                        carried: Some(Origin {
                            campaign: from.campaign.clone(),
                            id: c.origin_id.clone(),
                            record_head: from.record_head.clone(),
                            history: c.history.clone(),
                        }),
                        history: vec![e.seq],
                        finalized_seq: 0,
                        file: None,
                        item_index: 0,
                        issued_on: e.at.get(..10).unwrap_or("").to_string(),
                    };
                    self.index.insert(c.id.clone(), self.items.len());
                    self.items.push(item);
                }
                Ok(())
            }
            Change::RecheckCommit {
                algorithm,
                percent,
                count,
                eligible,
            } => {
                // Exactly what `Commitment::of` makes of the items as they stand.
                let now = super::recheck::Commitment::of(&self.items, *percent);
                if algorithm != super::recheck::ALGORITHM
                    || *eligible != now.eligible
                    || *count != now.count
                    || !(1..=100).contains(percent)
                {
                    return Err(Refusal::RecheckCommitment);
                }
                if !self.to_recheck.is_empty() {
                    return Err(Refusal::RecheckPending(self.to_recheck.len()));
                }
                self.recheck_commitment = Some(e.seq);
                self.commitments.insert(e.seq, (eligible.clone(), *count));
                Ok(())
            }
            Change::Recheck {
                commitment,
                seed,
                items,
                ..
            } => {
                if self.recheck_commitment != Some(*commitment) {
                    return Err(Refusal::NoRecheckCommitment);
                }
                let (eligible, count) = self
                    .commitments
                    .get(commitment)
                    .cloned()
                    .ok_or(Refusal::NoRecheckCommitment)?;
                crate::draw::seed::check_seed(seed).map_err(|_| Refusal::RecheckSeed)?;
                let drawn: Vec<String> = super::recheck::draw(seed, &eligible, count)
                    .into_iter()
                    .map(|(id, _)| id)
                    .collect();
                if drawn != *items {
                    return Err(Refusal::RecheckDiffers);
                }
                for id in items {
                    let it = self.live(id)?;
                    if it.status != Status::Closed {
                        return Err(Refusal::Status {
                            id: id.clone(),
                            status: it.status,
                            action: "recheck",
                        });
                    }
                }
                self.to_recheck = items.clone();
                self.recheck_commitment = None;
                for id in items {
                    if let Some(it) = self.get_mut(id) {
                        it.history.push(e.seq);
                    }
                }
                Ok(())
            }
            Change::Rechecked { id, result, note } => {
                if !self.to_recheck.contains(id) {
                    return Err(Refusal::NotRechecked(id.clone()));
                }
                if note.trim().is_empty() {
                    return Err(Refusal::Empty("--note"));
                }
                let (by, at) = who();
                let it = self
                    .get_mut(id)
                    .ok_or_else(|| Refusal::UnknownItem(id.clone()))?;
                it.rechecks.push(Recheck {
                    result: *result,
                    note: note.clone(),
                    by,
                    at,
                });
                if *result == RecheckResult::Rebound {
                    it.status = Status::Open;
                    it.rebound = true;
                    it.closed = None;
                }
                it.history.push(e.seq);
                self.to_recheck.retain(|x| x != id);
                Ok(())
            }
        }
    }

    /// An item a step can act on: known and not withdrawn.
    fn live(&self, id: &str) -> Result<&Item, Refusal> {
        let it = self
            .get(id)
            .ok_or_else(|| Refusal::UnknownItem(id.to_string()))?;
        if it.withdrawn() {
            return Err(Refusal::Withdrawn(id.to_string()));
        }
        Ok(it)
    }
}

/// A deadline may not be before the feedback letter (or, before any, the day the problem arose).
fn check_deadline(it: &Item, d: chrono::NaiveDate, text: &str) -> Result<(), Refusal> {
    if let Some(f) = it.feedback_date.as_deref().and_then(parse_date) {
        if d < f {
            return Err(Refusal::DeadlineBeforeFeedback {
                deadline: text.to_string(),
                feedback: it.feedback_date.clone().unwrap_or_default(),
            });
        }
    } else if let Some(i) = parse_date(&it.issued_on) {
        if d < i {
            return Err(Refusal::DeadlineBeforeIssue {
                deadline: text.to_string(),
                issued: it.issued_on.clone(),
            });
        }
    }
    Ok(())
}
