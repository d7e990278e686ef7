//! Merging a reviewer package back into the lead's workspace. The package journal must be an
//! unbroken chain from the package's digest; every event must be signed, where it stands, by a
//! key the roster gives the package's reviewer. Events already merged (same signature) are
//! skipped, so merging twice changes nothing; the rest go through the same rules as a change
//! made in the lead's workspace and are appended to its journal with their signatures. Whatever
//! is refused is reported line by line and stays in the package, untouched.

use super::error::TeamError;
use super::records;
use crate::i18n::Lang;
use crate::review::event::Event;
use crate::review::journal::{self, Break, Journal, JOURNAL};
use crate::review::package::{PackageManifest, PACKAGE};
use crate::review::state::Refusal;
use crate::review::Review;
use crate::tr;
use crate::workspace::read_json;
use std::collections::HashSet;
use std::path::{Path, PathBuf};

/// Why a package line was not merged.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Rejection {
    /// The line itself is damaged, or the chain breaks there (edited, removed, reordered or
    /// inserted lines).
    Damaged(Break),
    /// After a break, order and completeness can no longer be trusted.
    AfterBreak {
        line: usize,
    },
    Unsigned,
    /// Signed at another place (another package, or another position): a replay.
    SignedElsewhere,
    UnknownKey {
        key: String,
    },
    /// A registered key, but of someone other than the event's reviewer or the package's.
    NotTheirs {
        key_owner: String,
        by: String,
    },
    /// The signature does not verify: the event was altered after signing, or forged.
    Forged,
    Refused(Refusal),
    /// An earlier event of the same file was refused.
    AfterRefused,
}

impl Rejection {
    pub fn render(&self, lang: Lang, case: &str) -> String {
        match self {
            Rejection::Damaged(b) => b.render(lang),
            Rejection::AfterBreak { line } => tr!(
                lang,
                "位于第 {line} 行的断裂之后，无法确认顺序与完整性",
                "follows the break at line {line}; its order and completeness cannot be trusted"
            ),
            Rejection::Unsigned => tr!(lang, "没有签名", "not signed"),
            Rejection::SignedElsewhere => tr!(
                lang,
                "签名属于另一个评查包或另一位置（重放）",
                "signed at another place (another package or position): a replay"
            ),
            Rejection::UnknownKey { key } => {
                let fp = super::keys::fingerprint(key);
                tr!(
                    lang,
                    "签名公钥 {fp} 未在名单中登记",
                    "signed by key {fp}, which is not registered on the roster"
                )
            }
            Rejection::NotTheirs { key_owner, by } => tr!(
                lang,
                "记录写明评查人 {by}，签名却是 {key_owner} 的密钥（或不是本评查包的评查人）",
                "the event names {by} but is signed with {key_owner}'s key (or is not the package reviewer's)"
            ),
            Rejection::Forged => tr!(
                lang,
                "签名验证失败：记录在签名后被改动，或为伪造",
                "the signature does not verify: the event was altered after signing, or forged"
            ),
            Rejection::Refused(r) => r.render(lang, case),
            Rejection::AfterRefused => tr!(
                lang,
                "同一案卷的前一条记录未被接受",
                "an earlier event of the same file was not accepted"
            ),
        }
    }
}

pub struct Rejected {
    pub line: usize,
    pub case: String,
    pub why: Rejection,
}

pub struct Merged {
    pub package: PathBuf,
    pub manifest: PackageManifest,
    pub digest: String,
    pub accepted: Vec<Event>,
    pub already: usize,
    pub rejected: Vec<Rejected>,
    /// Bytes of an incomplete last line (a crash while the reviewer was saving; never saved).
    pub torn: Option<usize>,
}

/// Merge one package into the workspace `review` is open on.
pub fn merge(review: &mut Review, package: &Path) -> Result<Merged, TeamError> {
    let path = package.join(PACKAGE);
    if !path.is_file() {
        return Err(TeamError::NotAPackage(package.to_path_buf()));
    }
    let (manifest, digest) = read_json::<PackageManifest>(&path)?;
    let (_, campaign) = review.ws.campaign()?;
    if manifest.campaign_sha256 != campaign {
        return Err(TeamError::ForeignPackage(format!(
            "campaign.json {} ≠ {campaign}",
            manifest.campaign_sha256
        )));
    }
    let assignments = crate::review::assignment::records(&review.ws)?;
    if !assignments.iter().any(|(_, r)| *r == manifest.assignment) {
        return Err(TeamError::ForeignPackage(format!(
            "{} ({})",
            manifest.assignment.file, manifest.assignment.sha256
        )));
    }
    let owner = manifest.reviewer.id.clone();
    let keys = records::all_keys(&review.ws)?;
    let pj = Journal::read_rooted(&package.join(JOURNAL), &digest)
        .map_err(|e| TeamError::Io(format!("{}: {e}", package.join(JOURNAL).display())))?;
    let merged: HashSet<String> = review
        .journal
        .events
        .iter()
        .filter_map(|e| e.signed.as_ref().map(|s| s.sig.clone()))
        .collect();

    let mut rejected = Vec::new();
    let first_break = pj.breaks.iter().map(Break::line).min();
    for b in &pj.breaks {
        rejected.push(Rejected {
            line: b.line(),
            case: String::new(),
            why: Rejection::Damaged(b.clone()),
        });
    }
    // Lines of parsed events: the journal drops unreadable lines, so map back by seq order.
    let lines = event_lines(&pj);
    let mut candidates: Vec<(usize, Event)> = Vec::new();
    let mut already = 0;
    for (e, &line) in pj.events.iter().zip(&lines) {
        let reject = |why| Rejected {
            line,
            case: e.case.clone(),
            why,
        };
        if let Some(b) = first_break.filter(|&b| line >= b) {
            if !pj.breaks.iter().any(|x| x.line() == line) {
                rejected.push(reject(Rejection::AfterBreak { line: b }));
            }
            continue;
        }
        let Some(s) = &e.signed else {
            rejected.push(reject(Rejection::Unsigned));
            continue;
        };
        if s.seq != e.seq || s.prev != e.prev {
            rejected.push(reject(Rejection::SignedElsewhere));
            continue;
        }
        let Some((key_owner, _)) = keys.iter().find(|(_, k)| *k == s.key) else {
            rejected.push(reject(Rejection::UnknownKey { key: s.key.clone() }));
            continue;
        };
        if *key_owner != e.by || e.by != owner {
            rejected.push(reject(Rejection::NotTheirs {
                key_owner: key_owner.clone(),
                by: e.by.clone(),
            }));
            continue;
        }
        if !journal::signature_valid(e) {
            rejected.push(reject(Rejection::Forged));
            continue;
        }
        if merged.contains(&s.sig) {
            already += 1;
            continue;
        }
        candidates.push((line, e.clone()));
    }
    // One refused event stops the rest of its file, including from the checks above.
    let mut failed: std::collections::HashMap<String, usize> = Default::default();
    for r in rejected.iter().filter(|r| !r.case.is_empty()) {
        let first = failed.entry(r.case.clone()).or_insert(r.line);
        *first = (*first).min(r.line);
    }
    let (later, candidates): (Vec<_>, Vec<_>) = candidates
        .into_iter()
        .partition(|(line, e)| failed.get(&e.case).is_some_and(|f| line > f));
    for (line, e) in later {
        rejected.push(Rejected {
            line,
            case: e.case,
            why: Rejection::AfterRefused,
        });
    }
    let events: Vec<Event> = candidates.iter().map(|(_, e)| e.clone()).collect();
    let accepted = if events.is_empty() {
        Vec::new()
    } else {
        let (written, refused) = review.append_foreign(&events)?;
        for (k, why) in refused {
            rejected.push(Rejected {
                line: candidates[k].0,
                case: candidates[k].1.case.clone(),
                why: why.map_or(Rejection::AfterRefused, Rejection::Refused),
            });
        }
        written
    };
    rejected.sort_by_key(|r| r.line);
    Ok(Merged {
        package: package.to_path_buf(),
        manifest,
        digest,
        accepted,
        already,
        rejected,
        torn: pj.torn.as_ref().map(|t| t.bytes.len()),
    })
}

/// The 1-based line of each parsed event (unreadable lines are not in `events`).
fn event_lines(j: &Journal) -> Vec<usize> {
    let unreadable: HashSet<usize> = j
        .breaks
        .iter()
        .filter(|b| matches!(b, Break::Unreadable { .. } | Break::NotCanonical { .. }))
        .map(Break::line)
        .collect();
    (1..=j.hashes.len())
        .filter(|l| !unreadable.contains(l))
        .collect()
}
