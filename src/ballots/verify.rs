//! `anjuan verify` for the ballots: each setup record is well-formed and, when its number came
//! from a draw, matches that draw; the ballot record's chain holds; every line replays under the
//! rules of its setup (each counted serial was issued, each check code is the one the setup's
//! secret gives, no serial twice in a pass, every choice on the scale); and the tally is
//! recomputed from the record.
//!
//! Owns: the checks. Must not: write.

use super::event::BallotEvent;
use super::setup::{parse_scale, Setup, KIND, MAX_BALLOTS, SCHEME};
use super::{entry, tally, Ballots, JOURNAL};
use crate::i18n::Lang;
use crate::review::journal::Chain;
use crate::tr;
use crate::workspace::verify::Check;
use crate::workspace::Workspace;

pub fn verify(ws: &Workspace, lang: Lang) -> Vec<Check> {
    let mut checks = Vec::new();
    let mut check = |ok: bool, what: String| checks.push(Check { ok, what });
    let has_record = ws.dir.join(JOURNAL).exists();
    let has_setups = ws.dir.join(super::SETUPS).exists();
    if !has_record && !has_setups {
        return checks;
    }
    let b = match Ballots::open(&ws.dir) {
        Ok(b) => b,
        Err(e) => {
            check(false, e.render(lang));
            return checks;
        }
    };
    for (s, r) in &b.setups {
        let problems = setup_problems(s, r.number);
        let ok = problems.is_empty();
        check(
            ok,
            if ok {
                tr!(
                    lang,
                    "{}：民主评议设置第 {} 次（{} 个被评议单位，{} 张测评票）与台账一致",
                    "{}: ballot setup {} ({} agencies, {} ballots) matches the ledger",
                    r.file,
                    r.number,
                    s.agencies.len(),
                    s.ballots
                )
            } else {
                tr!(
                    lang,
                    "{}：设置记录有误：{}",
                    "{}: the setup record is wrong: {}",
                    r.file,
                    problems.join("; ")
                )
            },
        );
        if let Some(d) = &s.ballots_from_draw {
            let ok = match b.ws.read_draw(&d.file) {
                Ok((draw, sha)) => {
                    sha == d.sha256
                        && draw
                            .selected
                            .iter()
                            .filter(|x| x.role == crate::register::population::Role::Sample)
                            .count() as u32
                            == s.ballots
                }
                Err(_) => false,
            };
            check(
                ok,
                if ok {
                    tr!(
                        lang,
                        "{}：测评票张数 {} 与抽取记录 {} 的抽中人数一致",
                        "{}: {} ballots, the sample size of draw record {}",
                        r.file,
                        s.ballots,
                        d.file
                    )
                } else {
                    tr!(
                        lang,
                        "{}：测评票张数 {} 与抽取记录 {} 不符（记录被改动或缺失）",
                        "{}: {} ballots does not match draw record {} (altered or missing)",
                        r.file,
                        s.ballots,
                        d.file
                    )
                },
            );
        }
    }
    check_record(&b.journal, &b, lang, &mut check);
    checks
}

fn check_record(
    j: &Chain<BallotEvent>,
    b: &Ballots,
    lang: Lang,
    check: &mut dyn FnMut(bool, String),
) {
    if j.breaks.is_empty() {
        check(
            true,
            tr!(
                lang,
                "{JOURNAL}：{} 行，哈希链完整（记录头 {}）",
                "{JOURNAL}: {} lines, the hash chain holds (head {})",
                j.events.len(),
                j.head()
            ),
        );
    }
    for br in &j.breaks {
        check(false, br.render_in(lang, JOURNAL));
    }
    if let Some(t) = &j.torn {
        check(
            true,
            tr!(
                lang,
                "{JOURNAL} 末尾有一行不完整（偏移 {}，未确认保存），下次写入时移入 journal-torn/",
                "{JOURNAL} ends with an incomplete line (offset {}, never acknowledged); the next write moves it to journal-torn/",
                t.offset
            ),
        );
    }
    for e in &j.events {
        if !b.setups.iter().any(|(s, _)| s.number == e.setup) {
            check(
                false,
                tr!(
                    lang,
                    "{JOURNAL} 第 {} 行属于不存在的设置第 {} 次",
                    "{JOURNAL} line {} belongs to setup {}, which does not exist",
                    e.seq,
                    e.setup
                ),
            );
        }
    }
    for (s, r) in &b.setups {
        let (passes, refused) = entry::replay(s, &j.events);
        let lines = j.events.iter().filter(|e| e.setup == s.number).count();
        if refused.is_empty() && lines > 0 {
            check(
                true,
                tr!(
                    lang,
                    "设置第 {} 次的 {lines} 行录入都符合规则：每个编号均为本次发放，校验码均与 {} 的密钥相符，同一遍中没有重复，评价均在等次之内",
                    "the {lines} entries of setup {}: every serial was issued, every check code is the one the secret of {} gives, none twice in a pass, every choice on the scale",
                    s.number,
                    r.file
                ),
            );
        }
        for (seq, why) in &refused {
            check(
                false,
                tr!(
                    lang,
                    "{JOURNAL} 第 {seq} 行不符合规则：{}",
                    "{JOURNAL} line {seq} breaks the rules: {}",
                    why.render(lang)
                ),
            );
        }
        for (p, pass) in &passes {
            let t = tally::tally(s, *p, pass);
            let u = &t.turnout;
            check(
                true,
                tr!(
                    lang,
                    "设置第 {} 次第 {p} 遍计票已由记录重新计算：发放 {}，收回 {}，有效 {}，废票 {}",
                    "setup {} pass {p} recounted from the record: issued {}, returned {}, valid {}, spoiled {}",
                    s.number,
                    u.issued,
                    u.returned,
                    u.valid,
                    u.spoiled
                ),
            );
        }
    }
}

/// What is wrong with a setup record as read (empty when nothing).
fn setup_problems(s: &Setup, number: u32) -> Vec<String> {
    let mut p = Vec::new();
    if s.kind != KIND || s.scheme != SCHEME {
        p.push(format!("kind/scheme {} {}", s.kind, s.scheme));
    }
    if s.number != number {
        p.push(format!("number {} in file {number}", s.number));
    }
    let mut secret = [0u8; 32];
    if !crate::draw::ticket::unhex(&s.secret, &mut secret) {
        p.push("secret is not 32 bytes of hex".into());
    }
    if parse_scale(Some(&s.scale.join(","))).ok().as_ref() != Some(&s.scale) {
        p.push(format!("scale {:?}", s.scale));
    }
    let mut names = s.agencies.clone();
    names.sort();
    names.dedup();
    if s.agencies.is_empty() || names.len() != s.agencies.len() {
        p.push("agencies empty or repeated".into());
    }
    if s.ballots == 0 || s.ballots > MAX_BALLOTS {
        p.push(format!("ballots {}", s.ballots));
    }
    p
}

/// `verify --ballot-head HEX`: each record head printed on a result sheet must still be a line
/// of `ballots.jsonl`'s chain, which also catches an edit of the lines up to it.
pub fn heads(ws: &Workspace, heads: &[String], lang: Lang) -> Vec<Check> {
    if heads.is_empty() {
        return Vec::new();
    }
    let j = match Chain::<BallotEvent>::read(&ws.dir.join(JOURNAL)) {
        Ok(j) => j,
        Err(e) => {
            return vec![Check {
                ok: false,
                what: tr!(
                    lang,
                    "无法读取 {JOURNAL}：{e}",
                    "cannot read {JOURNAL}: {e}"
                ),
            }]
        }
    };
    heads
        .iter()
        .map(|h| {
            let at = j.hashes.iter().position(|x| x.eq_ignore_ascii_case(h.trim()));
            Check {
                ok: at.is_some() && j.breaks.is_empty(),
                what: match at {
                    Some(i) => tr!(
                        lang,
                        "测评票记录头 {h} 是 {JOURNAL} 第 {} 行，其后 {} 行都接续其后",
                        "ballot record head {h} is line {} of {JOURNAL}; the {} lines after it chain on from it",
                        i + 1,
                        j.hashes.len() - i - 1
                    ),
                    None => tr!(
                        lang,
                        "测评票记录头 {h} 不在 {JOURNAL} 的链中：打印之后记录被改动或截断",
                        "ballot record head {h} is not in the chain of {JOURNAL}: the record was altered or cut after it was printed"
                    ),
                },
            }
        })
        .collect()
}
