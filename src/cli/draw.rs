//! `anjuan draw`: seed entry after the commitment, the draw, and its immutable record.

use super::args::DrawArgs;
use super::{heading, Outcome};
use crate::draw::seed::{self, SeedPart};
use crate::draw::ticket;
use crate::i18n::Lang;
use crate::register::population::{Role, Selected};
use crate::tr;
use crate::workspace::{self, Workspace};

pub fn print_selected(selected: &[Selected], lang: Lang) {
    let mut current: Option<&Vec<String>> = None;
    for s in selected.iter().filter(|s| s.role != Role::Targeted) {
        if current != Some(&s.stratum) {
            out!("{}", s.stratum.join(" / "));
            current = Some(&s.stratum);
        }
        let role = match s.role {
            Role::Sample => lang.pick("抽中", "sample"),
            _ => lang.pick("备选", "alternate"),
        };
        out!(
            "  {:>3} {role:<9} {}  {}",
            s.rank,
            ticket::display(&s.ticket),
            s.case_id
        );
    }
    // The targeted files in their own list, by ticket over the whole set, each with its stratum.
    let mut first = true;
    for s in selected.iter().filter(|s| s.role == Role::Targeted) {
        if first {
            out!(
                "{}",
                lang.pick(
                    "重点抽查（按签号，不计入随机抽取）",
                    "targeted files (by ticket, not part of the random sample)"
                )
            );
            first = false;
        }
        out!(
            "  {:>3} {}  {}  {}",
            s.rank,
            ticket::display(&s.ticket),
            s.case_id,
            s.stratum.join(" / ")
        );
    }
}

pub fn run(a: DrawArgs, lang: Lang) -> Outcome {
    let ws = Workspace::open(&a.dir).map_err(|e| e.render(lang))?;
    let at = workspace::now();
    let parts: Vec<SeedPart> = a
        .seed_part
        .iter()
        .map(|p| seed::parse_part(p, &at))
        .collect::<Result<_, _>>()
        .map_err(|e| e.render(lang))?;
    let entered_by = a
        .organiser
        .clone()
        .unwrap_or_else(|| lang.pick("组织人", "organiser").to_string());
    let (seed, parts) =
        seed::assemble(a.seed.as_deref(), parts, &entered_by, &at).map_err(|e| e.render(lang))?;
    let witnesses = a
        .witness
        .iter()
        .map(|w| workspace::parse_witness(w))
        .collect::<Result<Vec<_>, _>>()
        .map_err(|e| e.render(lang))?;
    let (record, sha, file) = ws
        .draw(&seed, parts, witnesses, a.supersede, a.place, a.organiser)
        .map_err(|e| e.render(lang))?;
    out!("{}", heading(lang, "抽取结果", "Draw result"));
    out!(
        "{}",
        tr!(
            lang,
            "第 {} 次抽取（{file}），{}",
            "draw {} ({file}), {}",
            record.number,
            record.drawn_at
        )
    );
    if let Some(s) = &record.supersedes {
        out!(
            "{}",
            tr!(
                lang,
                "  作废第 {} 次抽取，理由：{}",
                "  supersedes draw {}, reason: {}",
                s.number,
                s.reason
            )
        );
    }
    out!(
        "{}",
        tr!(
            lang,
            "种子 {}（{} 位）",
            "seed {} ({} digits)",
            record.seed,
            record.seed.len()
        )
    );
    out!(
        "{}",
        tr!(
            lang,
            "承诺 {} {}",
            "commitment {} {}",
            record.commitment.file,
            record.commitment.sha256
        )
    );
    print_selected(&record.selected, lang);
    out!();
    out!(
        "{}",
        tr!(
            lang,
            "抽取记录摘要 record SHA-256：{sha}",
            "record SHA-256: {sha}"
        )
    );
    out!(
        "{}",
        tr!(
            lang,
            "任何人可复核：anjuan verify {}",
            "anyone can check it: anjuan verify {}",
            a.dir.display()
        )
    );
    Ok(0)
}
