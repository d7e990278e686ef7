//! `anjuan commit`: the pre-seed commitment, printed with its digest to be read out and written
//! on the witness sheet before any die is rolled.

use super::args::CommitArgs;
use super::{heading, Outcome};
use crate::draw::allocation::Allocation;
use crate::i18n::Lang;
use crate::risk::{self, Indicator};
use crate::tr;
use crate::workspace::records::TargetedSet;
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

/// Without `--targeted-max`, a targeted set larger than this is refused: each targeted file is
/// a file to pull and review, and a scan can flag thousands.
const TARGETED_WITHOUT_MAX: usize = 1000;

/// `--targeted`, `--targeted-max`, `--risk-scan` → the set fixed in the commitment.
fn targeted(a: &CommitArgs, ws: &Workspace, lang: Lang) -> Result<Option<TargetedSet>, String> {
    if a.targeted.is_empty() {
        return Ok(None);
    }
    let list = super::risk::indicators("--targeted", &a.targeted, lang)?;
    if a.targeted_max == Some(0) {
        return Err(tr!(
            lang,
            "--targeted-max 须至少为 1（不需要重点抽查时不加 --targeted）",
            "--targeted-max must be at least 1 (leave out --targeted for no targeted files)"
        ));
    }
    let t = risk::targeted::targeted_set(ws, a.risk_scan, &list, a.targeted_max, lang)
        .map_err(|e| e.render(lang))?;
    let names: Vec<&str> = list.iter().map(|i| i.name(lang)).collect();
    if t.candidates.is_empty() {
        return Err(tr!(
            lang,
            "{} 中“{}”没有标出任何案卷；不加 --targeted 即可承诺随机抽取",
            "{} flagged no case under {}; commit without --targeted for the random draw alone",
            t.scan.file,
            names.join("、")
        ));
    }
    if t.max.is_none() && t.candidates.len() > TARGETED_WITHOUT_MAX {
        return Err(tr!(
            lang,
            "“{}”标出 {} 件，超过 {TARGETED_WITHOUT_MAX} 件。请用 --targeted-max K 指定重点抽查件数（按签号顺序选取）",
            "{} flagged {} cases, more than {TARGETED_WITHOUT_MAX}. Give --targeted-max K for how many to draw (chosen in ticket order)",
            names.join("、"),
            t.candidates.len()
        ));
    }
    Ok(Some(t))
}

pub fn run(a: CommitArgs, lang: Lang) -> Outcome {
    let ws = Workspace::open(&a.dir).map_err(|e| e.render(lang))?;
    let method = a.allocation.method(lang)?;
    let targeted = targeted(&a, &ws, lang)?;
    let (c, sha, file) = ws
        .commit(method, a.allocation.alternates, targeted)
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
    if let Some(t) = &c.targeted {
        print_targeted(t, lang);
    }
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

/// The targeted set as the commitment fixes it, to be read out with the allocation.
pub fn print_targeted(t: &TargetedSet, lang: Lang) {
    let names: Vec<String> = t
        .indicators
        .iter()
        .map(|k| Indicator::parse(k).map_or(k.clone(), |i| i.name(lang).to_string()))
        .collect();
    let how_many = match t.max {
        Some(k) => tr!(
            lang,
            "按签号顺序抽取至多 {k} 件",
            "at most {k} drawn, in ticket order"
        ),
        None => tr!(
            lang,
            "全部抽取（已被随机抽中的除外）",
            "all drawn (less any the random sample takes)"
        ),
    };
    out!(
        "{}",
        tr!(
            lang,
            "重点抽查（与随机抽取分开统计）：{}，依据 {}（{}）；候选 {} 件，{how_many}",
            "targeted files (kept apart from the random sample): {}, from {} ({}); {} candidates, {how_many}",
            names.join("、"),
            t.scan.file,
            t.scan.sha256,
            t.candidates.len()
        )
    );
    out!(
        "{}",
        tr!(
            lang,
            "  候选名单摘要 {}",
            "  candidate list SHA-256 {}",
            t.candidates_sha256
        )
    );
}
