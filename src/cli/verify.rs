//! `anjuan verify`: exit 0 only if everything re-derives exactly.

use super::args::VerifyArgs;
use super::Outcome;
use crate::i18n::Lang;
use crate::tr;
use crate::workspace::{verify, Workspace};

pub fn run(a: VerifyArgs, lang: Lang) -> Outcome {
    let ws = Workspace::open(&a.dir).map_err(|e| e.render(lang))?;
    // Under an export the record is checked without the population (its cost follows the
    // sample); a plain `verify`, `--register` or `--full` re-derives everything, and says so.
    let scope = if a.exports.is_empty() || !a.registers.is_empty() || a.full {
        verify::Scope::Full
    } else {
        verify::Scope::Record
    };
    if scope == verify::Scope::Full && !a.quiet {
        if let Ok((c, _)) = ws.campaign() {
            eprintln!(
                "{}",
                tr!(
                    lang,
                    "核对登记册与抽取：读取全部 {} 件案卷并重新计算……",
                    "checking the registers and the draws: reading all {} cases and recomputing …",
                    c.population.size
                )
            );
        }
    }
    let mut checks = verify::verify_scope(&ws, &a.registers, scope, lang);
    if scope == verify::Scope::Full {
        checks.extend(crate::risk::verify::verify(&ws, lang));
    }
    checks.extend(crate::review::verify::verify(&ws, &a.journal_heads, lang));
    checks.extend(crate::team::verify::verify(&ws, lang));
    checks.extend(crate::panel::verify::verify(&ws, lang));
    checks.extend(crate::rectification::verify::verify(
        &ws,
        &a.record_heads,
        lang,
    ));
    checks.extend(crate::ballots::verify::verify(&ws, lang));
    checks.extend(crate::ballots::verify::heads(&ws, &a.ballot_heads, lang));
    for out in &a.exports {
        checks.extend(crate::export::verify::verify(&ws, out, lang));
    }
    let bad = checks.iter().filter(|c| !c.ok).count();
    for c in &checks {
        if c.ok && a.quiet {
            continue;
        }
        let mark = if c.ok {
            lang.pick("一致  ", "OK    ")
        } else {
            lang.pick("不一致", "DIFF  ")
        };
        out!("{mark} {}", c.what);
    }
    if bad == 0 {
        out!(
            "{}",
            tr!(
                lang,
                "全部 {} 项核对一致。",
                "all {} checks match.",
                checks.len()
            )
        );
        Ok(0)
    } else {
        out!("{}", tr!(lang, "{bad} 项不一致。", "{bad} checks differ."));
        Ok(1)
    }
}
