//! `anjuan commit`: the pre-seed commitment, printed with its digest to be read out and written
//! on the witness sheet before any die is rolled.

use super::args::CommitArgs;
use super::{heading, Outcome};
use crate::draw::allocation::Allocation;
use crate::i18n::Lang;
use crate::tr;
use crate::workspace::Workspace;

pub fn print_allocation(allocation: &[Allocation], lang: Lang) {
    out!(
        "  {:>8} {:>6} {:>6}  {}",
        lang.pick("规模", "size"),
        lang.pick("抽取", "draw"),
        lang.pick("备选", "alt"),
        lang.pick("层", "stratum")
    );
    for a in allocation {
        out!(
            "  {:>8} {:>6} {:>6}  {}",
            a.size,
            a.allocated,
            a.alternates,
            a.stratum.join(" / ")
        );
    }
    let n: u64 = allocation.iter().map(|a| a.allocated).sum();
    let r: u64 = allocation.iter().map(|a| a.alternates).sum();
    out!(
        "  {:>8} {:>6} {:>6}  {}",
        "",
        n,
        r,
        lang.pick("合计", "total")
    );
}

pub fn run(a: CommitArgs, lang: Lang) -> Outcome {
    let ws = Workspace::open(&a.dir).map_err(|e| e.render(lang))?;
    let method = a.allocation.method(lang)?;
    let (c, sha, file) = ws
        .commit(method, a.allocation.alternates)
        .map_err(|e| e.render(lang))?;
    out!("{}", heading(lang, "抽样前承诺", "Pre-seed commitment"));
    out!(
        "{}",
        tr!(
            lang,
            "第 {} 号承诺（{file}），{}",
            "commitment {} ({file}), {}",
            c.number,
            c.created_at
        )
    );
    if let Some(p) = &c.previous {
        out!(
            "{}",
            tr!(
                lang,
                "  取代第 {} 号承诺（仍保留在记录中）{}",
                "  replaces commitment {} (kept on record) {}",
                p.number,
                p.sha256
            )
        );
    }
    out!(
        "{}",
        tr!(
            lang,
            "总体摘要 {}（{} 件）",
            "population SHA-256 {} ({} cases)",
            c.population_sha256,
            c.population_size
        )
    );
    out!(
        "{}",
        tr!(
            lang,
            "分配方法：{} {}",
            "method: {} {}",
            c.method.name(),
            serde_json::to_string(&c.method).unwrap_or_default()
        )
    );
    print_allocation(&c.allocation, lang);
    out!();
    out!("{}", tr!(lang, "承诺摘要（请在掷骰前宣读并写在见证单上）：", "commitment SHA-256 (read it out and write it on the witness sheet before any die is rolled):"));
    out!("  {sha}");
    out!("  {}", spaced(&sha));
    Ok(0)
}

/// The digest in groups of four, easier to read aloud.
pub fn spaced(hex: &str) -> String {
    hex.as_bytes()
        .chunks(4)
        .map(|c| String::from_utf8_lossy(c).into_owned())
        .collect::<Vec<_>>()
        .join(" ")
}
