//! `anjuan ballot WS …`: the 民主评议 — setup, print, count (the TUI), enter, import, withdraw,
//! compare, tally and results — over `ballots::Ballots`, which checks every ballot and returns
//! only once it is on disk.

use super::args::TextOrJson;
use super::ballot_args::{BallotAction, BallotArgs, PassArgs};
use super::Outcome;
use crate::ballots::compare::{compare, Difference};
use crate::ballots::entry::{Ballot, Marks};
use crate::ballots::setup::{self, SetupRequest};
use crate::ballots::tally::{self, Tally};
use crate::ballots::{parse_pass, BallotError, Ballots, Refusal, Saved};
use crate::i18n::Lang;
use crate::tr;
use crate::tui::text::{fit, rfit};
use serde_json::json;

pub fn run(a: BallotArgs, lang: Lang) -> Outcome {
    let e = |e: BallotError| e.render(lang);
    let mut b = Ballots::open(&a.dir).map_err(e)?;
    match a.action {
        BallotAction::Setup(s) => {
            let req = SetupRequest {
                agencies: &s.agencies,
                scale: Some(&s.scale),
                ballots: s.ballots,
                new: s.new,
            };
            let replacing = b.setups.last().map(|(_, r)| r.number);
            let (setup, r) = setup::setup(&b, &req).map_err(e)?;
            out!(
                "{}",
                tr!(
                    lang,
                    "已记录民主评议设置第 {} 次：{}（SHA-256 {}）\n被评议单位 {} 个，评价等次 {}，测评票 {} 张（编号 {}–{}）",
                    "ballot setup {} recorded: {} (SHA-256 {})\n{} evaluated agencies, scale {}, {} ballots (serials {}–{})",
                    setup.number,
                    r.file,
                    r.sha256,
                    setup.agencies.len(),
                    setup.scale.join("、"),
                    setup.ballots,
                    setup.serial_text(1),
                    setup.serial_text(setup.ballots)
                )
            );
            if let Some(d) = &setup.ballots_from_draw {
                out!(
                    "{}",
                    tr!(
                        lang,
                        "张数取自抽取记录 {} 的抽中人数",
                        "the number is the sample size of draw record {}",
                        d.file
                    )
                );
            }
            if let Some(n) = replacing {
                out!(
                    "{}",
                    tr!(
                        lang,
                        "注意：此前按设置第 {n} 次印制的测评票已作废（校验码不同），请重新印制",
                        "note: ballots printed for setup {n} are void now (their check codes differ): print them again"
                    )
                );
            }
            Ok(0)
        }
        BallotAction::Print(p) => {
            let (setup, r) = b.current().map_err(e)?;
            let campaign = b.ws.campaign().ok().and_then(|(c, _)| c.name);
            let written =
                crate::export::ballot_sheets::print(setup, r, campaign.as_deref(), &p.out)
                    .map_err(|x| x.render(lang))?;
            out!(
                "{}",
                tr!(
                    lang,
                    "已印制测评票 {} 张（设置第 {} 次）：",
                    "{} ballots printed (setup {}):",
                    setup.ballots,
                    setup.number
                )
            );
            for w in written {
                out!("  {}  {}", p.out.join(&w.file).display(), w.sha256);
            }
            Ok(0)
        }
        BallotAction::Count(c) => {
            let pass = parse_pass(c.pass.pass).map_err(e)?;
            crate::tui::count::run(b, pass, c.pass.clerk, lang).map(|()| 0)
        }
        BallotAction::Enter(en) => {
            let pass = parse_pass(en.pass.pass).map_err(e)?;
            let (setup, _) = b.current().map_err(e)?;
            let serial = crate::ballots::entry::serial(setup, &en.serial)
                .map_err(|r| BallotError::Refused(r).render(lang))?;
            let marks = if en.spoiled {
                Marks::Spoiled
            } else {
                Marks::Choices(choices(setup, en.choices.as_deref().unwrap_or(""), lang)?)
            };
            let ballot = Ballot {
                serial,
                code: en.code,
                marks,
            };
            let saved = b
                .enter(&[(ballot, "cli".into())], pass, en.pass.clerk.as_deref())
                .map_err(e)?;
            said(&b, &saved, pass, lang);
            Ok(0)
        }
        BallotAction::Import(i) => {
            let pass = parse_pass(i.pass.pass).map_err(e)?;
            let done =
                crate::ballots::import::import(&mut b, &i.file, pass, i.pass.clerk.as_deref())
                    .map_err(e)?;
            out!(
                "{}",
                tr!(
                    lang,
                    "已导入 {}：{} 张测评票（其中废票 {} 张），第 {pass} 遍",
                    "imported {}: {} ballots ({} spoiled), pass {pass}",
                    done.file,
                    done.ballots,
                    done.spoiled
                )
            );
            if !done.ignored.is_empty() {
                let rows: Vec<String> = done.ignored.iter().map(u64::to_string).collect();
                out!(
                    "{}",
                    tr!(
                        lang,
                        "未作为测评票：第 {} 行（除编号外没有内容）",
                        "not ballots: rows {} (nothing besides 编号)",
                        rows.join("、")
                    )
                );
            }
            said(&b, &done.saved, pass, lang);
            Ok(0)
        }
        BallotAction::Withdraw(w) => {
            let PassArgs { pass, clerk } = w.pass;
            let pass = parse_pass(pass).map_err(e)?;
            let saved = b
                .withdraw(&w.serial, pass, &w.reason, clerk.as_deref())
                .map_err(e)?;
            said(&b, &saved, pass, lang);
            Ok(0)
        }
        BallotAction::Compare(c) => {
            let (setup, _) = b.current().map_err(e)?;
            let (first, second) = (b.pass(1).map_err(e)?, b.pass(2).map_err(e)?);
            let diffs = compare(setup, &first, &second);
            match c.format {
                TextOrJson::Json => {
                    let list: Vec<_> = diffs.iter().map(|d| diff_json(setup, d)).collect();
                    let v = json!({
                        "setup": setup.number,
                        "pass1": first.ballots.len(),
                        "pass2": second.ballots.len(),
                        "differences": list,
                    });
                    out!(
                        "{}",
                        crate::tui::text::json_safe(
                            &serde_json::to_string_pretty(&v).unwrap_or_default()
                        )
                    );
                }
                TextOrJson::Text => {
                    out!(
                        "{}",
                        tr!(
                            lang,
                            "第 1 遍 {} 张，第 2 遍 {} 张",
                            "pass 1: {} ballots, pass 2: {} ballots",
                            first.ballots.len(),
                            second.ballots.len()
                        )
                    );
                    for d in &diffs {
                        out!(
                            "{}  {}  {} → {}",
                            setup.serial_text(d.serial),
                            d.agency
                                .as_deref()
                                .unwrap_or(lang.pick("（整张票）", "(whole ballot)")),
                            d.first.shown(lang),
                            d.second.shown(lang)
                        );
                    }
                    let n = diffs.len();
                    if n == 0 {
                        out!(
                            "{}",
                            lang.pick("两遍录入完全一致。", "the two passes agree.")
                        );
                    } else {
                        out!("{}", tr!(lang, "{n} 处不一致。", "{n} differences."));
                    }
                }
            }
            Ok(if diffs.is_empty() { 0 } else { 1 })
        }
        BallotAction::Tally(t) => {
            let pass = parse_pass(t.pass).map_err(e)?;
            let tally = counted(&b, pass, false, lang)?;
            match t.format {
                TextOrJson::Json => {
                    let v = tally_json(&b, &tally);
                    out!(
                        "{}",
                        crate::tui::text::json_safe(
                            &serde_json::to_string_pretty(&v).unwrap_or_default()
                        )
                    );
                }
                TextOrJson::Text => print_tally(&b, &tally, lang),
            }
            Ok(0)
        }
        BallotAction::Results(r) => {
            let pass = parse_pass(r.pass).map_err(e)?;
            let threshold = tally::parse_threshold(&r.recheck_below).ok_or_else(|| {
                tr!(
                    lang,
                    "--recheck-below “{}” 不是 0–100 之间的百分比（如 80 或 85.5）",
                    "--recheck-below “{}” is not a percentage from 0 to 100 (such as 80 or 85.5)",
                    r.recheck_below
                )
            })?;
            let tally = counted(&b, pass, true, lang)?;
            let (setup, setup_ref) = b.current().map_err(e)?;
            let recheck: Vec<String> = tally::recheck(&tally, threshold)
                .into_iter()
                .map(|a| a.agency.clone())
                .collect();
            let campaign = b.ws.campaign().ok().and_then(|(c, _)| c.name);
            let results = crate::export::ballot_results::Results {
                setup,
                setup_ref,
                tally: &tally,
                threshold,
                recheck: recheck.clone(),
                head: b.journal.head(),
                events: b.journal.events.len(),
                campaign: campaign.as_deref(),
            };
            let written = crate::export::ballot_results::write(&results, &r.out)
                .map_err(|x| x.render(lang))?;
            for w in &written {
                out!("  {}  {}", r.out.join(&w.file).display(), w.sha256);
            }
            out!(
                "{}",
                tr!(
                    lang,
                    "回头看（满意及基本满意率低于 {}%）：{}",
                    "回头看 (satisfied or basically satisfied below {}%): {}",
                    r.recheck_below.trim().trim_end_matches('%'),
                    if recheck.is_empty() {
                        lang.pick("无", "none").to_string()
                    } else {
                        recheck.join("、")
                    }
                )
            );
            Ok(0)
        }
    }
}

/// The choices of `enter --choices`: one per agency, a level's text or number, 0 or empty for
/// none.
fn choices(setup: &setup::Setup, text: &str, lang: Lang) -> Result<Vec<Option<usize>>, String> {
    let parts: Vec<&str> = if text.trim().is_empty() {
        Vec::new()
    } else {
        text.split([',', '，']).map(str::trim).collect()
    };
    if parts.len() != setup.agencies.len() {
        return Err(BallotError::Refused(Refusal::Choices {
            expected: setup.agencies.len(),
            got: parts.len(),
        })
        .render(lang));
    }
    parts
        .iter()
        .zip(&setup.agencies)
        .map(|(p, agency)| match *p {
            "" | "0" => Ok(None),
            v => setup.level_of(v).map(Some).ok_or_else(|| {
                BallotError::Refused(Refusal::NotOnScale {
                    agency: agency.clone(),
                    value: v.to_string(),
                    scale: setup.scale.clone(),
                })
                .render(lang)
            }),
        })
        .collect()
}

fn said(b: &Ballots, saved: &Saved, pass: u8, lang: Lang) {
    if let Some(p) = &saved.recovered {
        eprintln!(
            "{}",
            tr!(
                lang,
                "记录末尾不完整的一行已移至 {}",
                "an incomplete last line of the record was moved to {}",
                p.display()
            )
        );
    }
    let last = saved.seqs.last().copied().unwrap_or_default();
    out!(
        "{}",
        tr!(
            lang,
            "已保存 #{last}（第 {pass} 遍，记录头 {}）",
            "saved #{last} (pass {pass}, record head {})",
            b.journal.head()
        )
    );
}

/// The tally of `pass`; with `strict`, refused while a second pass differs from the first.
fn counted(b: &Ballots, pass: u8, strict: bool, lang: Lang) -> Result<Tally, String> {
    let e = |e: BallotError| e.render(lang);
    let (setup, _) = b.current().map_err(e)?;
    let passes = b.passes().map_err(e)?;
    if let (Some(first), Some(second)) = (passes.get(&1), passes.get(&2)) {
        let n = compare(setup, first, second).len();
        if n > 0 {
            if strict {
                return Err(e(BallotError::PassesDiffer(n)));
            }
            eprintln!("{}", e(BallotError::PassesDiffer(n)));
        }
    }
    let standing = passes.get(&pass).cloned().unwrap_or_default();
    Ok(tally::tally(setup, pass, &standing))
}

fn diff_json(setup: &setup::Setup, d: &Difference) -> serde_json::Value {
    json!({
        "serial": setup.serial_text(d.serial),
        "agency": d.agency,
        "pass1": d.first.token(),
        "pass2": d.second.token(),
    })
}

fn tally_json(b: &Ballots, t: &Tally) -> serde_json::Value {
    let mut v = serde_json::to_value(t).unwrap_or_default();
    if let (Some(map), Ok((_, r))) = (v.as_object_mut(), b.current()) {
        map.insert("setup_file".into(), json!(r.file));
        map.insert("setup_sha256".into(), json!(r.sha256));
        map.insert("record_head".into(), json!(b.journal.head()));
        map.insert("record_events".into(), json!(b.journal.events.len()));
    }
    v
}

fn print_tally(b: &Ballots, t: &Tally, lang: Lang) {
    let u = &t.turnout;
    out!(
        "{}",
        super::heading(
            lang,
            &format!("民主评议计票（设置第 {} 次，第 {} 遍）", t.setup, t.pass),
            &format!("Ballot tally (setup {}, pass {})", t.setup, t.pass)
        )
    );
    out!(
        "{}",
        tr!(
            lang,
            "发放 {} 张，收回 {} 张，有效 {} 张，废票 {} 张",
            "issued {}, returned {}, valid {}, spoiled {}",
            u.issued,
            u.returned,
            u.valid,
            u.spoiled
        )
    );
    let mut head = format!(
        "{} {}",
        fit(lang.pick("名次", "rank"), 5),
        fit(lang.pick("被评议单位", "agency"), 24)
    );
    for l in &t.scale {
        head.push_str(&rfit(l, 9));
    }
    head.push_str(&rfit(lang.pick("未评价", "blank"), 8));
    head.push_str(&rfit(lang.pick("满意率", "satisfied"), 11));
    if t.basic_level.is_some() {
        head.push_str(&rfit(lang.pick("含基本满意", "+basic"), 11));
    }
    out!("{head}");
    for a in &t.agencies {
        let mut line = format!("{} {}", fit(&a.rank.to_string(), 5), fit(&a.agency, 24));
        for c in &a.counts {
            line.push_str(&rfit(&c.count.to_string(), 9));
        }
        line.push_str(&rfit(&a.blank.to_string(), 8));
        line.push_str(&rfit(&a.satisfied_rate.shown(), 11));
        if t.basic_level.is_some() {
            line.push_str(&rfit(&a.satisfied_or_basic_rate.shown(), 11));
        }
        out!("{line}");
    }
    out!(
        "{}",
        tr!(
            lang,
            "测评票记录头 {}（{} 行）",
            "record head {} ({} lines)",
            b.journal.head(),
            b.journal.events.len()
        )
    );
}
