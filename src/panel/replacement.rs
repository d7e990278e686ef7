//! `replacements/NNNN.json`: one representative who cannot come, replaced by the next alternate
//! of the same stratum in rank order (spec §4: alternates are used only in rank order), with the
//! reason. The rule is pinned here (`next`) and applied again by `verify`, so a replacement that
//! skipped an alternate, or named one of another stratum, shows.

use crate::i18n::Lang;
use crate::register::population::{Role, Selected};
use crate::tr;
use crate::workspace::records::{DrawRecord, RecordRef};
use crate::workspace::{Workspace, WorkspaceError};
use serde::{Deserialize, Serialize};

pub const DIR: &str = "replacements";
pub const KIND: &str = "anjuan-replacement";

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Replacement {
    pub kind: String,
    pub number: u32,
    pub tool_version: String,
    pub created_at: String,
    /// The draw whose panel this changes.
    pub draw: RecordRef,
    pub stratum: Vec<String>,
    /// The representative who cannot come (a drawn one, or an earlier replacement).
    pub replaced: String,
    pub reason: String,
    /// The alternate who takes the seat, and its rank among the stratum's alternates.
    pub replacement: String,
    pub alternate_rank: u64,
}

/// Why a replacement cannot be made.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Refusal {
    NotOnPanel(String),
    AlreadyReplaced(String),
    NoAlternateLeft(Vec<String>),
    NoReason,
}

impl Refusal {
    pub fn render(&self, lang: Lang) -> String {
        match self {
            Refusal::NotOnPanel(id) => tr!(
                lang,
                "“{id}”不在本次抽取的代表名单中（备选须先替补才在名单中）。请核对统一社会信用代码",
                "{id} is not on the drawn panel (an alternate is on it only once it replaces someone). Check the code"
            ),
            Refusal::AlreadyReplaced(id) => tr!(
                lang,
                "“{id}”已被替补，不在当前名单中",
                "{id} has already been replaced and is no longer on the panel"
            ),
            Refusal::NoAlternateLeft(s) => {
                let s = s.join(" / ");
                tr!(
                    lang,
                    "“{s}”层的备选已全部用完。请在抽取前承诺更多备选（anjuan commit --alternates），以 --supersede 说明理由后重新抽取",
                    "the alternates of stratum {s} are all used. Commit more alternates (anjuan commit --alternates) and draw again with --supersede and the reason"
                )
            }
            Refusal::NoReason => lang
                .pick(
                    "请用 --reason 说明不能到场的原因（记入替补记录）",
                    "give the reason the representative cannot come with --reason (it is recorded)",
                )
                .to_string(),
        }
    }
}

/// The alternate who replaces `id`, after the `earlier` replacements of the same draw: the
/// lowest-ranked alternate of `id`'s stratum that no earlier replacement called on.
pub fn next<'d>(
    draw: &'d DrawRecord,
    earlier: &[&Replacement],
    id: &str,
) -> Result<&'d Selected, Refusal> {
    if earlier.iter().any(|r| r.replaced == id) {
        return Err(Refusal::AlreadyReplaced(id.to_string()));
    }
    let called: std::collections::HashSet<&str> =
        earlier.iter().map(|r| r.replacement.as_str()).collect();
    let member = draw.selected.iter().find(|s| {
        s.case_id == id
            && (s.role == Role::Sample || (s.role == Role::Alternate && called.contains(id)))
    });
    let Some(member) = member else {
        return Err(Refusal::NotOnPanel(id.to_string()));
    };
    let mut alternates: Vec<&Selected> = draw
        .selected
        .iter()
        .filter(|s| {
            s.role == Role::Alternate
                && s.stratum == member.stratum
                && !called.contains(s.case_id.as_str())
        })
        .collect();
    alternates.sort_by_key(|s| s.rank);
    alternates
        .first()
        .copied()
        .ok_or_else(|| Refusal::NoAlternateLeft(member.stratum.clone()))
}

/// Every recorded replacement, in order, with its file.
pub fn all(ws: &Workspace) -> Result<Vec<(String, Replacement)>, WorkspaceError> {
    let mut out = Vec::new();
    for (_, file) in crate::workspace::numbered_records(&ws.dir, DIR)? {
        let bytes = std::fs::read(ws.dir.join(&file))
            .map_err(|e| WorkspaceError::Damaged(format!("{file}: {e}")))?;
        ws.check_recorded(&file, &crate::workspace::ledger::sha256_hex(&bytes))?;
        let r: Replacement = serde_json::from_slice(&bytes)
            .map_err(|e| WorkspaceError::Damaged(format!("{file}: {e}")))?;
        out.push((file, r));
    }
    Ok(out)
}

/// The replacements made on one draw.
pub fn of_draw(
    ws: &Workspace,
    draw: &RecordRef,
) -> Result<Vec<(String, Replacement)>, WorkspaceError> {
    Ok(all(ws)?
        .into_iter()
        .filter(|(_, r)| r.draw == *draw)
        .collect())
}

/// What `replace` did.
pub struct Made {
    pub file: String,
    pub record: Replacement,
}

/// Replace `id` on the latest draw's panel, recording why.
pub fn replace(ws: &Workspace, id: &str, reason: &str, lang: Lang) -> Result<Made, String> {
    let (campaign, _) = ws.campaign().map_err(|e| e.render(lang))?;
    if campaign.settings.columns.population.is_cases() {
        return Err(lang
            .pick(
                "替补只用于监管对象总体（民主评议代表，init --population entities）。案卷的备选按调卷清单的顺序调取",
                "replacement is for a population of entities (init --population entities); a case file's alternates are pulled in the pull list's order",
            )
            .to_string());
    }
    let reason = reason.trim();
    if reason.is_empty() {
        return Err(Refusal::NoReason.render(lang));
    }
    let panel = super::Panel::open(ws)
        .map_err(|e| e.render(lang))?
        .ok_or_else(|| {
            lang.pick(
                "还没有抽取：请先 anjuan commit 并 anjuan draw",
                "nothing has been drawn: run anjuan commit and anjuan draw first",
            )
            .to_string()
        })?;
    let earlier: Vec<&Replacement> = panel.replacements.iter().map(|(_, r)| r).collect();
    let alt = next(&panel.draw, &earlier, id.trim()).map_err(|r| r.render(lang))?;
    let number = crate::workspace::numbered_records(&ws.dir, DIR)
        .map_err(|e| e.render(lang))?
        .last()
        .map_or(1, |(n, _)| n + 1);
    let at = crate::workspace::now();
    let record = Replacement {
        kind: KIND.into(),
        number,
        tool_version: env!("CARGO_PKG_VERSION").into(),
        created_at: at.clone(),
        draw: panel.draw_ref.clone(),
        stratum: alt.stratum.clone(),
        replaced: id.trim().to_string(),
        reason: reason.to_string(),
        replacement: alt.case_id.clone(),
        alternate_rank: alt.rank,
    };
    let (file, _) = ws
        .write_record(DIR, number, "replacement", &record, &at)
        .map_err(|e| e.render(lang))?;
    Ok(Made { file, record })
}
