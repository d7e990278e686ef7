//! What `anjuan verify` checks of the team stage: every random assignment recomputes from its
//! recorded inputs, and every signed event in the journal verifies under a key the roster
//! registered for the reviewer it names.

use super::{assignment, records};
use crate::i18n::Lang;
use crate::review::journal;
use crate::review::Review;
use crate::tr;
use crate::workspace::verify::Check;
use crate::workspace::Workspace;

pub fn verify(ws: &Workspace, lang: Lang) -> Vec<Check> {
    let mut out = Vec::new();
    let has_team = ws.dir.join(records::ROSTERS).exists()
        || ws.dir.join(crate::review::assignment::ASSIGNMENTS).exists();
    if !has_team {
        return out;
    }
    let review = match Review::open(&ws.dir) {
        Ok(r) => r,
        Err(e) => {
            out.push(Check {
                ok: false,
                what: e.render(lang),
            });
            return out;
        }
    };
    match assignment::recompute(&review) {
        Ok(results) => {
            for (file, result) in results {
                out.push(match result {
                    Ok(()) => Check {
                        ok: true,
                        what: tr!(
                            lang,
                            "{file}：按公开算法重算评查人分配，结果一致",
                            "{file}: the reviewer assignment recomputes exactly with the published algorithm"
                        ),
                    },
                    Err(why) => Check {
                        ok: false,
                        what: tr!(
                            lang,
                            "{file}：重算评查人分配不一致：{why}",
                            "{file}: the reviewer assignment does not recompute: {why}"
                        ),
                    },
                });
            }
        }
        Err(e) => out.push(Check {
            ok: false,
            what: e.render(lang),
        }),
    }
    let keys = match records::all_keys(ws) {
        Ok(k) => k,
        Err(e) => {
            out.push(Check {
                ok: false,
                what: e.render(lang),
            });
            return out;
        }
    };
    let (mut signed, mut unsigned) = (0, 0);
    for (line, e) in review.journal.events.iter().enumerate() {
        let Some(s) = &e.signed else {
            unsigned += 1;
            continue;
        };
        signed += 1;
        let line = line + 1;
        let registered = keys.iter().any(|(id, k)| *id == e.by && *k == s.key);
        if !registered {
            out.push(Check {
                ok: false,
                what: tr!(
                    lang,
                    "journal.jsonl 第 {line} 行：签名公钥不是名单为 {} 登记的公钥",
                    "journal.jsonl line {line}: signed with a key the roster never registered for {}",
                    e.by
                ),
            });
        } else if !journal::signature_valid(e) {
            out.push(Check {
                ok: false,
                what: tr!(
                    lang,
                    "journal.jsonl 第 {line} 行：签名验证失败，记录在签名后被改动",
                    "journal.jsonl line {line}: the signature does not verify; the event was changed after signing"
                ),
            });
        }
    }
    if signed > 0 || unsigned > 0 {
        let bad = out.iter().filter(|c| !c.ok).count();
        out.push(Check {
            ok: bad == 0,
            what: tr!(
                lang,
                "评查人签名：{signed} 条记录带签名（来自评查包），{unsigned} 条在本工作区直接录入",
                "reviewer signatures: {signed} events signed (merged from packages), {unsigned} entered in this workspace",
            ),
        });
    }
    out
}
