//! What `anjuan verify` checks of the review: the journal's hash chain (an edited, removed,
//! reordered or inserted line is named by its line number), the recorded checklists' digests,
//! every event against the rules (scores of finalized files re-derived), and, when given, that a
//! journal head printed on a sheet is still part of the chain.

use super::journal::{Journal, JOURNAL, TORN_DIR};
use super::plan;
use super::Review;
use crate::i18n::Lang;
use crate::tr;
use crate::workspace::verify::Check;
use crate::workspace::Workspace;

pub fn verify(ws: &Workspace, heads: &[String], lang: Lang) -> Vec<Check> {
    let mut out = Vec::new();
    let mut check = |ok: bool, what: String| out.push(Check { ok, what });
    let plans = match plan::plans(ws) {
        Ok(p) => p,
        Err(e) => {
            check(false, e.render(lang));
            return out;
        }
    };
    let journal = match Journal::read(&ws.dir.join(JOURNAL)) {
        Ok(j) => j,
        Err(e) => {
            check(false, format!("{JOURNAL}: {e}"));
            return out;
        }
    };
    if plans.is_empty() && journal.events.is_empty() && journal.breaks.is_empty() {
        if !heads.is_empty() {
            check(
                false,
                tr!(
                    lang,
                    "尚无评查日志，无法核对日志摘要",
                    "there is no review journal to check the head against"
                ),
            );
        }
        return out;
    }
    for (p, _) in &plans {
        for pc in &p.checklists {
            match plan::load_planned(&ws.dir, pc) {
                Ok(_) => check(
                    true,
                    tr!(
                        lang,
                        "评查标准 {} 版本 {} 与登记的摘要一致（{}）",
                        "checklist {} version {} matches its recorded digest ({})",
                        pc.id,
                        pc.version,
                        pc.file
                    ),
                ),
                Err(e) => check(false, super::render_plan_error(&e, lang)),
            }
        }
    }
    if journal.breaks.is_empty() {
        check(
            true,
            tr!(
                lang,
                "评查日志哈希链完整（{} 个事件，日志头 {}）",
                "review journal hash chain intact ({} events, head {})",
                journal.events.len(),
                journal.head()
            ),
        );
    }
    for b in &journal.breaks {
        check(false, b.render(lang));
    }
    if let Some(t) = &journal.torn {
        check(
            true,
            tr!(
                lang,
                "注意：日志末尾有 {} 字节的不完整行（写入时中断，从未确认保存），下次写入时会移入 {TORN_DIR}/ 保留",
                "note: the journal ends with an incomplete line of {} bytes (a write interrupted before it was confirmed); the next write moves it into {TORN_DIR}/",
                t.bytes.len()
            ),
        );
    }
    if journal.crlf_lines > 0 {
        check(
            true,
            tr!(
                lang,
                "注意：{JOURNAL} 有 {} 行的换行符在复制时被转换为 CRLF；换行符不属于内容，哈希链按去掉 \\r 的内容核对",
                "note: {} lines of {JOURNAL} had their line endings converted to CRLF by a copy; line endings are not content, and the hash chain is checked without the \\r",
                journal.crlf_lines
            ),
        );
    }
    let torn_copies = std::fs::read_dir(ws.dir.join(TORN_DIR)).map_or(0, |d| d.count());
    if torn_copies > 0 {
        check(
            true,
            tr!(
                lang,
                "注意：{TORN_DIR}/ 中保留了 {torn_copies} 个中断写入的残行（均未确认保存）",
                "note: {TORN_DIR}/ keeps {torn_copies} fragments of interrupted writes (none was confirmed)"
            ),
        );
    }
    for head in heads {
        let h = head.trim().to_ascii_lowercase();
        let found = (h.len() >= 12)
            .then(|| journal.hashes.iter().position(|x| x.starts_with(&h)))
            .flatten();
        match found {
            Some(i) => check(
                true,
                tr!(
                    lang,
                    "日志摘要 {h} 是日志第 {} 行，之后的记录均接续其后",
                    "journal head {h} is line {} of the journal, and everything after it chains on from it",
                    i + 1
                ),
            ),
            None => check(
                false,
                tr!(
                    lang,
                    "日志摘要 {h} 不在当前日志中：打印该摘要之后日志被改动或截断（摘要至少需 12 位）",
                    "journal head {h} is not in the journal: it was altered or cut after that head was printed (give at least 12 hex digits)"
                ),
            ),
        }
    }
    match Review::open(&ws.dir) {
        Ok(review) => {
            let finalized = review
                .states
                .iter()
                .filter(|s| matches!(s.status, super::state::Status::Finalized { .. }))
                .count();
            if review.refused.is_empty() {
                check(
                    true,
                    tr!(
                        lang,
                        "全部评查事件符合规则，{finalized} 份已定稿案卷的得分与等次可由日志重算",
                        "every review event follows the rules; the scores and grades of {finalized} finalized files re-derive from the journal"
                    ),
                );
            }
            for (line, case, r) in &review.refused {
                let why = r.render(lang, case);
                check(
                    false,
                    tr!(
                        lang,
                        "journal.jsonl 第 {line} 行的事件不符合规则：{why}",
                        "journal.jsonl line {line}: the event breaks the rules: {why}"
                    ),
                );
            }
        }
        Err(e) => check(false, e.render(lang)),
    }
    out
}
