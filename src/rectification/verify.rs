//! What `anjuan verify` checks of the rectification record: its hash chain (an edited, removed,
//! reordered or inserted line is named by its line number), every step against the rules with
//! the items re-derived from the review journal as of the step, and every evidence file against
//! its recorded SHA-256.

use super::event::Change;
use super::{evidence, Rectification, RECORD};
use crate::i18n::Lang;
use crate::tr;
use crate::workspace::verify::Check;
use crate::workspace::Workspace;

/// `heads`: record heads printed on sheets, each to be found in the chain.
pub fn verify(ws: &Workspace, heads: &[String], lang: Lang) -> Vec<Check> {
    let mut out = Vec::new();
    if !ws.dir.join(RECORD).exists() {
        for h in heads {
            out.push(Check {
                ok: h == crate::review::journal::GENESIS,
                what: tr!(
                    lang,
                    "尚无整改记录，无法核对记录头 {h}",
                    "there is no rectification record to check the head {h} against"
                ),
            });
        }
        return out;
    }
    let mut check = |ok: bool, what: String| out.push(Check { ok, what });
    let r = match Rectification::open(&ws.dir) {
        Ok(r) => r,
        // Carried in at init, before any draw: only the chain can be checked yet.
        Err(super::RectError::Review(crate::review::ReviewError::NoDraw)) => {
            match crate::review::journal::Chain::<super::event::RectEvent>::read(&ws.dir.join(RECORD)) {
                Ok(c) if c.breaks.is_empty() => check(
                    true,
                    tr!(
                        lang,
                        "整改记录哈希链完整（{} 个事件，记录头 {}；尚未抽取，事项待抽取后核对）",
                        "rectification record hash chain intact ({} events, head {}; no draw yet, the items are checked once there is one)",
                        c.events.len(),
                        c.head()
                    ),
                ),
                Ok(c) => {
                    for b in &c.breaks {
                        check(false, b.render_in(lang, RECORD));
                    }
                }
                Err(e) => check(false, format!("{RECORD}: {e}")),
            }
            return out;
        }
        Err(e) => {
            check(false, e.render(lang));
            return out;
        }
    };
    if r.record.breaks.is_empty() {
        check(
            true,
            tr!(
                lang,
                "整改记录哈希链完整（{} 个事件，记录头 {}）",
                "rectification record hash chain intact ({} events, head {})",
                r.record.events.len(),
                r.head()
            ),
        );
    }
    for b in &r.record.breaks {
        check(false, b.render_in(lang, RECORD));
    }
    for h in heads {
        let at = r
            .record
            .hashes
            .iter()
            .position(|x| x.eq_ignore_ascii_case(h.trim()));
        check(
            at.is_some(),
            match at {
                Some(i) => tr!(
                    lang,
                    "整改记录头 {h} 是记录第 {} 行，其后 {} 行都接续其后",
                    "record head {h} is line {} of the record; the {} lines after it chain on from it",
                    i + 1,
                    r.record.hashes.len() - i - 1
                ),
                None => tr!(
                    lang,
                    "整改记录头 {h} 不在记录链中：打印之后记录被改动或截断",
                    "record head {h} is not in the record's chain: the record was altered or cut after it was printed"
                ),
            },
        );
    }
    if let Some(t) = &r.record.torn {
        check(
            true,
            tr!(
                lang,
                "{RECORD} 末尾有一行未写完（第 {} 字节起，崩溃所致，从未被确认保存），下次写入时将移至 journal-torn/",
                "{RECORD} ends in an incomplete line (from byte {}, left by a crash and never acknowledged); the next write moves it to journal-torn/",
                t.offset
            ),
        );
    }
    if r.refused.is_empty() {
        let items = r.book.items.len();
        check(
            true,
            tr!(
                lang,
                "整改记录的每一步均符合规则（{items} 个整改事项由评查日志重新推导）",
                "every step of the rectification record follows the rules ({items} items re-derived from the review journal)"
            ),
        );
    }
    for (line, refusal) in &r.refused {
        check(
            false,
            tr!(
                lang,
                "{RECORD} 第 {line} 行：{}（该行被改动，或评查日志被改动）",
                "{RECORD} line {line}: {} (the line was edited, or the review journal was)",
                refusal.render(lang)
            ),
        );
    }
    let mut files = 0;
    for (n, e) in r.record.events.iter().enumerate() {
        let Change::Report { evidence: list, .. } = &e.change else {
            continue;
        };
        for ev in list {
            files += 1;
            if let Err(why) = evidence::check(&ws.dir, ev) {
                let line = n + 1;
                check(
                    false,
                    tr!(
                        lang,
                        "{RECORD} 第 {line} 行的佐证材料 {} 缺失或被改动：{why}",
                        "{RECORD} line {line}: the evidence {} is missing or altered: {why}",
                        ev.name
                    ),
                );
            }
        }
    }
    if files > 0 {
        check(
            true,
            tr!(
                lang,
                "已核对 {files} 份佐证材料的摘要",
                "checked the digests of {files} evidence files"
            ),
        );
    }
    out
}
