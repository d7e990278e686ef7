//! `anjuan rectify WS recheck|rechecked|carry`: 回头看 — the witnessed re-check draw of closed
//! items (commitment first, then the dice seed), the on-site results, and last year's unfinished
//! items carried in.

use super::args::TextOrJson;
use super::commit::spaced;
use super::rectify::report_saved;
use super::rectify_args::{CarryArgs, RecheckArgs, RecheckedArgs};
use super::{heading, Outcome};
use crate::draw::seed::{self, SeedPart};
use crate::i18n::Lang;
use crate::rectification::event::{Change, RecheckResult};
use crate::rectification::{carry, recheck, Rectification};
use crate::tr;
use crate::workspace;
use serde_json::json;

pub fn recheck(r: &mut Rectification, a: RecheckArgs, lang: Lang) -> Outcome {
    let by =
        a.by.clone()
            .unwrap_or_else(|| lang.pick("组织人", "organiser").to_string());
    let share = match &a.share {
        Some(s) => Some(recheck::parse_share(s).ok_or_else(|| {
            tr!(
                lang,
                "--share “{s}” 不是 1%–100% 的比例：请写成 20%",
                "--share “{s}” is not a share from 1% to 100%: write it as 20%"
            )
        })?),
        None => None,
    };
    let seeded = a.seed.is_some() || !a.seed_part.is_empty();
    if !seeded {
        // Step one: the commitment.
        let percent = share.ok_or_else(|| {
            lang.pick(
                "请给出 --share（如 20%）先作承诺，或给出 --seed-part 对已有承诺抽取",
                "give --share (e.g. 20%) to commit first, or --seed-part to draw for a commitment made",
            )
            .to_string()
        })?;
        let c = commitment(r, percent, lang)?;
        let saved = r
            .commit(vec![c.change()], &by, "cli")
            .map_err(|e| e.render(lang))?;
        let (eligible, count) = (c.eligible, c.count);
        let seq = saved.events[0].seq;
        let digest = r.record.hashes[seq as usize - 1].clone();
        out!("{}", heading(lang, "回头看抽查承诺", "Re-check commitment"));
        out!(
            "{}",
            tr!(
                lang,
                "已销号事项 {} 项，抽查 {percent}%，即 {count} 项（{}，第 {seq} 号事件）",
                "{} closed items, {percent}% re-checked: {count} items ({}, event {seq})",
                eligible.len(),
                recheck::ALGORITHM
            )
        );
        out!("{}", tr!(lang, "承诺摘要（请在掷骰前宣读并写在见证单上）：", "commitment digest (read it out and write it on the witness sheet before any die is rolled):"));
        out!("  {digest}");
        out!("  {}", spaced(&digest));
        out!(
            "{}",
            tr!(
                lang,
                "掷骰后：anjuan rectify {} recheck --seed-part 姓名=数字 --witness 姓名/单位",
                "after the dice: anjuan rectify {} recheck --seed-part WHO=DIGITS --witness NAME/UNIT",
                r.review.ws.dir.display()
            )
        );
        return Ok(0);
    }
    // Step two: the draw, for the commitment waiting — or, given `--share` with the seed and no
    // commitment waiting, both in one write (said so: the digest was not read out first).
    let mut changes = Vec::new();
    let (commitment, eligible, count) = match (r.book.recheck_commitment, share) {
        (Some(c), _) => {
            let (eligible, count) = r.book.commitments.get(&c).cloned().unwrap_or_default();
            if let (Some(p), Some(Change::RecheckCommit { percent, .. })) = (
                share,
                r.record.events.get(c as usize - 1).map(|e| &e.change),
            ) {
                if p != *percent {
                    return Err(tr!(
                        lang,
                        "--share {p}% 与承诺的 {percent}% 不符：抽取只能按承诺进行",
                        "--share {p}% differs from the {percent}% committed: the draw follows the commitment"
                    ));
                }
            }
            (c, eligible, count)
        }
        (None, Some(percent)) => {
            let c = commitment(r, percent, lang)?;
            changes.push(c.change());
            let (eligible, count) = (c.eligible, c.count);
            eprintln!(
                "{}",
                lang.pick(
                    "注意：承诺与抽取同时记录，承诺摘要未在掷骰前宣读。正式的回头看请先单独运行 --share 作承诺并宣读摘要。",
                    "note: the commitment is recorded together with the draw, so its digest was not read out before the dice. For a witnessed re-check, run --share alone first and read its digest out."
                )
            );
            (r.record.next_seq(), eligible, count)
        }
        (None, None) => {
            return Err(crate::rectification::book::Refusal::NoRecheckCommitment.render(lang))
        }
    };
    let at = workspace::now();
    let parts: Vec<SeedPart> = a
        .seed_part
        .iter()
        .map(|p| seed::parse_part(p, &at))
        .collect::<Result<_, _>>()
        .map_err(|e| e.render(lang))?;
    let (seed, parts) =
        seed::assemble(a.seed.as_deref(), parts, &by, &at).map_err(|e| e.render(lang))?;
    seed::check_seed(&seed).map_err(|e| e.render(lang))?;
    let witnesses = a
        .witness
        .iter()
        .map(|w| workspace::parse_witness(w))
        .collect::<Result<Vec<_>, _>>()
        .map_err(|e| e.render(lang))?;
    let drawn = recheck::draw(&seed, &eligible, count);
    let items: Vec<String> = drawn.iter().map(|(id, _)| id.clone()).collect();
    changes.push(Change::Recheck {
        commitment,
        seed: seed.clone(),
        parts,
        witnesses,
        items: items.clone(),
    });
    r.commit(changes, &by, "cli").map_err(|e| e.render(lang))?;
    if a.format == TextOrJson::Json {
        let out = json!({
            "algorithm": recheck::ALGORITHM,
            "commitment": commitment,
            "seed": seed,
            "eligible": eligible.len(),
            "items": drawn.iter().map(|(id, t)| json!({"id": id, "ticket": t})).collect::<Vec<_>>(),
            "record_head": r.head(),
        });
        let text = serde_json::to_string_pretty(&out).unwrap_or_default();
        out!("{}", crate::tui::text::json_safe(&text));
        return Ok(0);
    }
    out!("{}", heading(lang, "回头看抽查结果", "Re-check draw"));
    for (n, (id, ticket)) in drawn.iter().enumerate() {
        let it = r.book.get(id);
        out!(
            "  {:>3}  {}  {id}  {}  {}",
            n + 1,
            crate::draw::ticket::display(ticket),
            it.map_or("", |i| i.agency.as_str()),
            it.map_or("", |i| i.case_id.as_str())
        );
    }
    out!(
        "{}",
        tr!(
            lang,
            "整改记录头：{}。复查后用 anjuan rectify WS rechecked 编号 --result confirmed|rebound --note … --by 姓名 录入结果",
            "record head: {}. After the visit, record each result with anjuan rectify WS rechecked ID --result confirmed|rebound --note … --by NAME",
            r.head()
        )
    );
    Ok(0)
}

/// The commitment for `percent` of the closed items, or why there is none.
fn commitment(r: &Rectification, percent: u32, lang: Lang) -> Result<recheck::Commitment, String> {
    let c = recheck::Commitment::of(&r.book.items, percent);
    if c.eligible.is_empty() {
        return Err(lang
            .pick(
                "还没有已销号的整改事项，无可复查",
                "no item has been closed yet: there is nothing to re-check",
            )
            .into());
    }
    Ok(c)
}

pub fn rechecked(r: &mut Rectification, a: RecheckedArgs, lang: Lang) -> Outcome {
    let result = match a.result.trim() {
        "confirmed" | "ok" | "整改到位" => RecheckResult::Confirmed,
        "rebound" | "反弹" => RecheckResult::Rebound,
        other => {
            return Err(tr!(
                lang,
                "--result “{other}” 无效：请用 confirmed（整改到位）或 rebound（反弹）",
                "--result “{other}” is not a result: use confirmed or rebound"
            ))
        }
    };
    let saved = r
        .commit(
            vec![Change::Rechecked {
                id: a.id,
                result,
                note: a.note.trim().to_string(),
            }],
            &a.by,
            "cli",
        )
        .map_err(|e| e.render(lang))?;
    report_saved(r, &saved, lang);
    Ok(0)
}

pub fn carry_in(r: &mut Rectification, a: CarryArgs, lang: Lang) -> Outcome {
    let first = r
        .book
        .items
        .iter()
        .filter(|it| it.carried.is_some())
        .count() as u32
        + 1;
    let (from, items) = carry::from_previous(&a.from, first, lang)?;
    if carry::already_carried(&r.record.events, &from) {
        return Err(tr!(
            lang,
            "已从“{}”带入过整改事项，不再重复带入",
            "items were carried from “{}” already; not carried twice",
            from.campaign
        ));
    }
    if items.is_empty() {
        out!(
            "{}",
            tr!(
                lang,
                "“{}”没有未完成的整改事项，无需带入。",
                "“{}” has no unfinished items: nothing to carry.",
                from.campaign
            )
        );
        return Ok(0);
    }
    let by =
        a.by.unwrap_or_else(|| lang.pick("组织人", "organiser").to_string());
    let n = items.len();
    let saved = r
        .commit(
            vec![Change::Carry {
                from: from.clone(),
                items,
            }],
            &by,
            "cli",
        )
        .map_err(|e| e.render(lang))?;
    print_carried(&from, n, lang);
    report_saved(r, &saved, lang);
    Ok(0)
}

pub fn print_carried(from: &crate::rectification::event::CarriedFrom, n: usize, lang: Lang) {
    out!(
        "{}",
        tr!(
            lang,
            "已从“{}”带入未完成整改事项 {n} 项（原记录头 {}，第 {} 个事件；原工作区 campaign.json SHA-256 {}）",
            "carried {n} unfinished items from “{}” (its record head {} at event {}; its campaign.json SHA-256 {})",
            from.campaign,
            from.record_head,
            from.record_events,
            from.campaign_sha256
        )
    );
}
