//! 回头看, part one: last year's unfinished items brought into this year's workspace. Every item
//! of the previous campaign that is not closed (待整改, 整改中, 已整改 awaiting 销号, 退回 — and
//! rebound ones) is carried with its finding, its state and the lines of its history there, and
//! the carry records the digest of the previous campaign and the head of its record, so the
//! items can be traced to the very record they came from. Carried items get ids `H0001`, … and
//! are listed apart from this year's.

use super::event::{CarriedFrom, CarriedItem, Change, RectEvent};
use super::item::Status;
use super::{Rectification, RECORD};
use crate::i18n::Lang;
use crate::review::journal::{Chain, Entry};
use crate::tr;
use std::path::Path;

/// The unfinished items of the campaign in `prev`, numbered from `first` (1 for `H0001`).
pub fn from_previous(
    prev: &Path,
    first: u32,
    lang: Lang,
) -> Result<(CarriedFrom, Vec<CarriedItem>), String> {
    let shown = prev.display().to_string();
    let r = Rectification::open(prev).map_err(|e| {
        tr!(
            lang,
            "无法打开上一年的工作区 {shown}：{}",
            "cannot open last year's workspace {shown}: {}",
            e.render(lang)
        )
    })?;
    if !r.record.breaks.is_empty() || !r.refused.is_empty() {
        return Err(tr!(
            lang,
            "上一年工作区 {shown} 的整改记录未通过核对：请先运行 anjuan verify {shown} 并修复",
            "the rectification record of last year's workspace {shown} does not verify: run anjuan verify {shown} and fix it first"
        ));
    }
    let (campaign, campaign_sha256) = r.review.ws.campaign().map_err(|e| e.render(lang))?;
    let from = CarriedFrom {
        campaign: campaign.name.clone().unwrap_or_else(|| {
            prev.file_name()
                .map_or_else(|| shown.clone(), |n| n.to_string_lossy().into_owned())
        }),
        campaign_sha256,
        record_head: r.head().to_string(),
        record_events: r.record.events.len() as u64,
    };
    let lines = |seqs: &[u64]| -> Vec<String> {
        seqs.iter()
            .filter_map(|s| r.record.events.get((*s as usize).checked_sub(1)?))
            .map(Entry::to_line)
            .collect()
    };
    let items = r
        .book
        .items
        .iter()
        .filter(|it| it.status != Status::Closed)
        .enumerate()
        .map(|(k, it)| CarriedItem {
            id: format!("H{:04}", first + k as u32),
            origin_id: it.id.clone(),
            agency: it.agency.clone(),
            case_id: it.case_id.clone(),
            item: it.item.clone(),
            item_text: it.item_text.clone(),
            category: it.category.clone(),
            finding: it.finding.clone(),
            basis: it.basis.clone(),
            status: it.status.key().to_string(),
            deadline: it.deadline.clone(),
            rebound: it.rebound,
            history: lines(&it.history),
        })
        .collect();
    Ok((from, items))
}

/// Whether the record already holds a carry from that campaign.
pub fn already_carried(events: &[RectEvent], from: &CarriedFrom) -> bool {
    events.iter().any(|e| {
        matches!(&e.change, Change::Carry { from: f, .. } if f.campaign_sha256 == from.campaign_sha256)
    })
}

/// Carry into a workspace just made by `init` (no draw yet, so no review to derive items from:
/// the carry is the record's first event).
pub fn into_new_workspace(
    ws: &Path,
    prev: &Path,
    by: &str,
    lang: Lang,
) -> Result<(CarriedFrom, Vec<CarriedItem>, String), String> {
    let path = ws.join(RECORD);
    let mut record = Chain::<RectEvent>::read(&path).map_err(|e| e.to_string())?;
    if !record.events.is_empty() {
        return Err(tr!(
            lang,
            "{RECORD} 已有记录：请改用 anjuan rectify WS carry --from 上年工作区",
            "{RECORD} is not empty: use anjuan rectify WS carry --from PREV_WS instead"
        ));
    }
    let (from, items) = from_previous(prev, 1, lang)?;
    if items.is_empty() {
        return Ok((from, items, record.head().to_string()));
    }
    let e = RectEvent {
        seq: 1,
        at: crate::workspace::now(),
        by: by.to_string(),
        review: 0,
        change: Change::Carry {
            from: from.clone(),
            items: items.clone(),
        },
        via: "init --carry".into(),
        prev: String::new(),
    };
    record
        .append(vec![e])
        .map_err(|e| super::RectError::from_append(e, &record).render(lang))?;
    Ok((from, items, record.head().to_string()))
}
