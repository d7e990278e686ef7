//! What `anjuan verify` re-derives of the risk stage (the whole population is read, so only
//! under a full verify): every recorded scan run again from its parameters and stored tables
//! must flag the same cases (`flagged_sha256`), and every commitment's targeted set must be
//! exactly what its scan's indicators flag.

use super::record::ScanRecord;
use super::targeted::{flagged_by, indicators_of, rerun};
use super::Scan;
use crate::i18n::Lang;
use crate::tr;
use crate::workspace::verify::Check;
use crate::workspace::Workspace;
use std::collections::BTreeMap;

pub fn verify(ws: &Workspace, lang: Lang) -> Vec<Check> {
    let mut out = Vec::new();
    let mut check = |ok: bool, what: String| out.push(Check { ok, what });
    let mut again: BTreeMap<String, Scan> = BTreeMap::new();
    for (_, file) in super::record::recorded(ws).unwrap_or_default() {
        let rec: Result<ScanRecord, String> = std::fs::read(ws.dir.join(&file))
            .map_err(|e| e.to_string())
            .and_then(|b| serde_json::from_slice(&b).map_err(|e| e.to_string()));
        let rec = match rec {
            Ok(r) => r,
            Err(e) => {
                check(false, format!("{file}: {e}"));
                continue;
            }
        };
        match rerun(ws, &rec) {
            Ok(scan) => {
                let ok = scan.flagged_sha256 == rec.scan.flagged_sha256;
                let n = scan.flagged.len();
                check(
                    ok,
                    if ok {
                        tr!(
                            lang,
                            "{file}：风险筛查按记录的参数重新运行，{n} 条提示一致（摘要 {}）",
                            "{file}: the risk scan run again with its recorded parameters gives the same {n} flags (digest {})",
                            scan.flagged_sha256
                        )
                    } else {
                        tr!(
                            lang,
                            "{file}：风险筛查重新运行得到 {n} 条提示（摘要 {}），与记录的 {} 条（摘要 {}）不同",
                            "{file}: the risk scan run again gives {n} flags (digest {}), the record {} (digest {})",
                            scan.flagged_sha256,
                            rec.scan.flagged.len(),
                            rec.scan.flagged_sha256
                        )
                    },
                );
                again.insert(file, scan);
            }
            Err(e) => check(
                false,
                tr!(
                    lang,
                    "{file}：无法重新运行风险筛查：{}",
                    "{file}: the risk scan cannot be run again: {}",
                    e.render(lang)
                ),
            ),
        }
    }
    for (_, file) in ws.commitments().unwrap_or_default() {
        let Ok((c, _)) = ws.read_commitment(&file) else {
            continue;
        };
        let Some(t) = c.targeted else { continue };
        let Some(scan) = again.get(&t.scan.file) else {
            check(
                false,
                tr!(
                    lang,
                    "{file}：重点抽查名单所依据的风险筛查 {} 无法重新运行",
                    "{file}: the risk scan {} its targeted set comes from cannot be run again",
                    t.scan.file
                ),
            );
            continue;
        };
        let ok = indicators_of(&t).is_some_and(|list| flagged_by(scan, &list) == t.candidates);
        check(
            ok,
            if ok {
                tr!(
                    lang,
                    "{file}：重点抽查名单 {} 件与重新运行的 {}（{}）一致",
                    "{file}: the targeted set of {} cases equals what {} flags again ({})",
                    t.candidates.len(),
                    t.scan.file,
                    t.indicators.join(", ")
                )
            } else {
                tr!(
                    lang,
                    "{file}：重点抽查名单与重新运行的 {}（{}）不一致",
                    "{file}: the targeted set differs from what {} flags again ({})",
                    t.scan.file,
                    t.indicators.join(", ")
                )
            },
        );
    }
    out
}
