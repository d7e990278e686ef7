//! A rectification item (整改事项) and its state: one deducted or vetoed checklist item of a
//! finalized file, or an item carried from last year's campaign. Everything here is derived from
//! the review journal and the rectification record; nothing about an item is stored elsewhere.
//! 逾期 (overdue) is computed from the deadline and a date, never stored.

use super::event::{Evidence, RecheckResult};
use crate::i18n::Lang;
use chrono::NaiveDate;
use serde::Serialize;

/// Where an item is in the loop: 待整改 → 整改中 → 已整改（申请销号）→ 已销号, or 退回.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    Open,
    InProgress,
    Submitted,
    Closed,
    Returned,
}

impl Status {
    pub const ALL: [Status; 5] = [
        Status::Open,
        Status::InProgress,
        Status::Submitted,
        Status::Returned,
        Status::Closed,
    ];

    pub fn key(self) -> &'static str {
        match self {
            Status::Open => "open",
            Status::InProgress => "in_progress",
            Status::Submitted => "submitted",
            Status::Closed => "closed",
            Status::Returned => "returned",
        }
    }

    pub fn label(self, lang: Lang) -> &'static str {
        match self {
            Status::Open => lang.pick("待整改", "open"),
            Status::InProgress => lang.pick("整改中", "in progress"),
            Status::Submitted => lang.pick("已整改（申请销号）", "submitted"),
            Status::Closed => lang.pick("已销号", "closed"),
            Status::Returned => lang.pick("退回", "returned"),
        }
    }

    /// From `open`, `待整改`, … (what `--status` takes).
    pub fn parse(text: &str) -> Option<Status> {
        let t = text.trim();
        Status::ALL.into_iter().find(|s| {
            s.key() == t || s.label(Lang::Zh) == t || t == "已整改" && *s == Status::Submitted
        })
    }
}

/// 定领导、定责任、定方案、定时限.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Plan {
    pub leader: String,
    pub owner: String,
    pub measure: String,
    pub by: String,
    pub at: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Report {
    pub progress: String,
    pub evidence: Vec<Evidence>,
    pub done: bool,
    pub date: Option<String>,
    pub by: String,
    pub at: String,
    pub seq: u64,
}

/// A decision by the office on the item: 销号, 退回, or a withdrawal.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Closed {
    pub by: String,
    pub at: String,
    pub opinion: String,
    /// Closed because the problem is no longer on the re-finalized file (not 销号).
    pub withdrawn: bool,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Note {
    pub text: String,
    pub by: String,
    pub at: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Referral {
    pub to: String,
    pub reason: String,
    pub by: String,
    pub at: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Recheck {
    pub result: RecheckResult,
    pub note: String,
    pub by: String,
    pub at: String,
}

/// Where a carried item came from.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Origin {
    pub campaign: String,
    pub id: String,
    pub record_head: String,
    pub history: Vec<String>,
}

#[derive(Clone, Debug, Serialize)]
pub struct Item {
    pub id: String,
    pub agency: String,
    pub case_id: String,
    /// Checklist item id, e.g. `B2`.
    pub item: String,
    pub item_text: String,
    pub category: String,
    /// `deduct` or `veto`.
    pub verdict: String,
    pub points: Option<String>,
    pub finding: String,
    pub evidence: String,
    pub basis: Vec<String>,
    pub status: Status,
    pub deadline: Option<String>,
    /// Date of the 评查意见书 that gave the item to its agency.
    pub feedback_date: Option<String>,
    pub plan: Option<Plan>,
    pub reports: Vec<Report>,
    pub returns: Vec<Note>,
    pub closed: Option<Closed>,
    pub referral: Option<Referral>,
    /// On-site re-checks (回头看), in order.
    pub rechecks: Vec<Recheck>,
    /// Reopened by a re-check that found the problem back (反弹).
    pub rebound: bool,
    /// Brought from last year's campaign.
    pub carried: Option<Origin>,
    /// Seqs of the rectification events that changed the item.
    pub history: Vec<u64>,
    /// Seq of the review-journal finalize event the item (as it stands) comes from.
    #[serde(skip)]
    pub finalized_seq: u64,
    /// Index of the drawn file (none for carried items).
    #[serde(skip)]
    pub file: Option<usize>,
    /// Checklist item index in the file's checklist.
    #[serde(skip)]
    pub item_index: usize,
    /// Date the item arose (its file's finalization, or the carry): the earliest deadline.
    #[serde(skip)]
    pub issued_on: String,
}

impl Item {
    pub fn deadline_date(&self) -> Option<NaiveDate> {
        self.deadline.as_deref().and_then(parse_date)
    }

    /// Past its deadline on `today` and not closed.
    pub fn overdue(&self, today: NaiveDate) -> bool {
        self.status != Status::Closed && self.deadline_date().is_some_and(|d| d < today)
    }

    pub fn withdrawn(&self) -> bool {
        self.closed.as_ref().is_some_and(|c| c.withdrawn)
    }

    /// Who reported it done most recently (the one who may not close it).
    pub fn reporter(&self) -> Option<&str> {
        self.reports
            .iter()
            .rev()
            .find(|r| r.done)
            .map(|r| r.by.as_str())
    }

    /// The text shown for the item: `B2 立案审批……`.
    pub fn item_label(&self) -> String {
        format!("{} {}", self.item, self.item_text)
    }
}

/// `YYYY-MM-DD` (also `2025/1/31`, `2025.1.31`, `2025年1月31日`, `20250131`, a spreadsheet's
/// date with a time): the forms registers use, since agencies fill the same way.
pub fn parse_date(text: &str) -> Option<NaiveDate> {
    let d = crate::register::dates::Date::parse(text)?;
    NaiveDate::from_ymd_opt(d.year as i32, d.month as u32, d.day as u32)
}

/// A date in the one form records keep.
pub fn date_text(d: NaiveDate) -> String {
    d.format("%Y-%m-%d").to_string()
}

/// Today's date on this machine (the demo's fixed clock when set).
pub fn today() -> NaiveDate {
    let now = crate::workspace::now();
    NaiveDate::parse_from_str(&now[..10.min(now.len())], "%Y-%m-%d")
        .unwrap_or_else(|_| chrono::Local::now().date_naive())
}
