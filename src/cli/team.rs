//! `anjuan team …`: the roster and its keys, the random assignment and moves, reviewer packages
//! and merging them back.

use super::args::{TeamAction, TextOrJson};
use super::Outcome;
use crate::i18n::Lang;
use crate::review::Review;
use crate::team::error::TeamError;
use crate::team::merge::Merged;
use crate::team::{assignment, keys, merge, package, records, roster};
use crate::tr;
use crate::workspace::{Workspace, CASES};
use serde_json::json;
use std::path::Path;

pub fn run(action: TeamAction, lang: Lang) -> Outcome {
    let r = |e: TeamError| e.render(lang);
    match action {
        TeamAction::Keygen { reviewer, out } => {
            let key = keys::generate().map_err(|e| e.render(lang))?;
            let (secret, public) =
                keys::write_pair(&out, &reviewer, &key).map_err(|e| e.render(lang))?;
            let fp = keys::fingerprint(&keys::public_hex(&key));
            out!(
                "{}",
                tr!(
                    lang,
                    "已生成签名密钥。\n  私钥（只留在本机，切勿外传）：{}\n  公钥（交给组长登记）：{}\n  公钥指纹（登记时请当面核对）：{fp}",
                    "signing key made.\n  secret key (stays on this machine; never hand it out): {}\n  public key (give it to the lead): {}\n  fingerprint (read it out when the lead registers it): {fp}",
                    secret.display(),
                    public.display()
                )
            );
            Ok(0)
        }
        TeamAction::Roster { dir, file } => {
            // Before the draw: the roster must be fixed before anyone knows the seed.
            let ws = Workspace::open(&dir).map_err(|e| e.render(lang))?;
            let roster = roster::import(&file).map_err(|e| e.render(lang))?;
            let agencies = agencies(&ws).map_err(|e| format!("{CASES}: {e}"))?;
            for w in roster::warnings(&roster, &agencies) {
                eprintln!("{}", crate::tui::text::terminal_safe(&w.render(lang)));
            }
            let bytes = std::fs::read(&file).map_err(|e| format!("{}: {e}", file.display()))?;
            let change = format!(
                "import {} (sha256 {})",
                file.file_name().unwrap_or_default().to_string_lossy(),
                crate::workspace::ledger::sha256_hex(&bytes)
            );
            let n = (roster.reviewers().count(), roster.checkers().count());
            let rref = records::record(&ws, roster, change).map_err(r)?;
            out!(
                "{}",
                tr!(
                    lang,
                    "已登记评查人员名单 {}：评查人 {} 名，复核人 {} 名。",
                    "recorded roster {}: {} reviewers, {} checkers.",
                    rref.file,
                    n.0,
                    n.1
                )
            );
            Ok(0)
        }
        TeamAction::Key { dir, key, reviewer } => {
            let ws = Workspace::open(&dir).map_err(|e| e.render(lang))?;
            let path = Path::new(&key);
            let (named, hex) = if path.is_file() {
                keys::read_public(path).map_err(|e| e.render(lang))?
            } else {
                keys::parse_public(&key).map_err(|e| e.render(lang))?
            };
            let id = reviewer.or(named).ok_or_else(|| {
                tr!(
                    lang,
                    "请用 --reviewer 写明这是谁的公钥",
                    "say whose key this is with --reviewer"
                )
            })?;
            let (mut roster, _) = records::latest(&ws).map_err(r)?;
            let added = roster.add_key(&id, &hex).map_err(|e| e.render(lang))?;
            let fp = keys::fingerprint(&hex);
            if added {
                let rref = records::record(&ws, roster, format!("key {id} {fp}")).map_err(r)?;
                out!(
                    "{}",
                    tr!(
                        lang,
                        "已为 {id} 登记公钥，指纹 {fp}（{}）。请与本人当面核对指纹。",
                        "registered a public key for {id}, fingerprint {fp} ({}). Check the fingerprint with them in person.",
                        rref.file
                    )
                );
            } else {
                out!(
                    "{}",
                    tr!(
                        lang,
                        "{id} 已登记过该公钥（指纹 {fp}），未作改动。",
                        "{id} already has this key (fingerprint {fp}); nothing changed."
                    )
                );
            }
            Ok(0)
        }
        TeamAction::Assign { dir, double } => {
            let mut review = Review::open(&dir).map_err(|e| e.render(lang))?;
            // Packages carry the plan, so fix it before anyone starts.
            review.ensure_plan().map_err(|e| e.render(lang))?;
            let (_, rref) = assignment::make(&review, if double { 2 } else { 1 }).map_err(r)?;
            let review = Review::open(&dir).map_err(|e| e.render(lang))?;
            out!(
                "{}",
                tr!(
                    lang,
                    "已随机分配评查人并记录于 {}（算法 {}，任何人可用 anjuan verify 复算）。",
                    "reviewers assigned at random and recorded in {} (algorithm {}; anyone can recompute it with anjuan verify).",
                    rref.file,
                    crate::team::assign::ALGORITHM
                )
            );
            print_loads(&review, lang);
            Ok(0)
        }
        TeamAction::Reassign {
            dir,
            case,
            from,
            to,
            reason,
            by,
        } => {
            let review = Review::open(&dir).map_err(|e| e.render(lang))?;
            let (_, rref) =
                assignment::reassign(&review, &case, from.as_deref(), &to, &reason, &by)
                    .map_err(r)?;
            out!(
                "{}",
                tr!(
                    lang,
                    "已调整：案卷“{case}”改由 {to} 评查，理由已记录于 {}。",
                    "moved: case {case:?} now goes to {to}; the reason is recorded in {}.",
                    rref.file
                )
            );
            Ok(0)
        }
        TeamAction::Status { dir, format } => status(&dir, format.format, lang),
        TeamAction::Package { dir, reviewer, out } => {
            let review = Review::open(&dir).map_err(|e| e.render(lang))?;
            let made = package::make(&review, &reviewer, &out).map_err(r)?;
            out!(
                "{}",
                tr!(
                    lang,
                    "已为 {}（{}）导出评查包 {}：{} 份案卷。\n评查包摘要 {}\n评查人在本人电脑上运行：anjuan tui {} --reviewer {} --key {}.key",
                    "package for {} ({}) written to {}: {} files.\npackage digest {}\nThe reviewer runs on their machine: anjuan tui {} --reviewer {} --key {}.key",
                    made.manifest.reviewer.name,
                    made.manifest.reviewer.id,
                    made.dir.display(),
                    made.manifest.files.len(),
                    made.digest,
                    made.dir.display(),
                    made.manifest.reviewer.id,
                    made.manifest.reviewer.id
                )
            );
            Ok(0)
        }
        TeamAction::Merge { dir, packages } => {
            let mut review = Review::open(&dir).map_err(|e| e.render(lang))?;
            let mut rejected = 0;
            for p in &packages {
                let m = merge::merge(&mut review, p).map_err(r)?;
                rejected += m.rejected.len();
                report(&m, lang);
            }
            out!(
                "{}",
                tr!(
                    lang,
                    "合并后的评查日志摘要：{}",
                    "journal head after merging: {}",
                    review.journal.head()
                )
            );
            Ok(if rejected > 0 { 1 } else { 0 })
        }
    }
}

/// Every agency in the frozen register, for the roster's unit check.
fn agencies(ws: &Workspace) -> std::io::Result<Vec<String>> {
    use std::io::BufRead;
    let mut set = std::collections::BTreeSet::new();
    let file = std::fs::File::open(ws.dir.join(CASES))?;
    for line in std::io::BufReader::new(file).lines() {
        if let Ok(d) = serde_json::from_str::<crate::register::import::CaseDetails>(&line?) {
            set.insert(d.agency);
        }
    }
    Ok(set.into_iter().collect())
}

fn print_loads(review: &Review, lang: Lang) {
    let Some(a) = &review.assignment else {
        return;
    };
    for p in &a.people {
        let n = a.files_of(&p.id).count();
        out!("  {} {}（{}）：{n}", p.id, p.name, p.unit);
    }
    if !a.balanced {
        out!(
            "{}",
            tr!(
                lang,
                "注意：因回避规则，各人的案卷数无法做到相差不超过 1 份；上表已是规则允许的最均衡分配。可增加其他单位的评查人后在新的抽取中重新分配。",
                "note: because of the conflict-of-interest rule the loads cannot be within one file of each other; the table is the most even spread the rules allow. Adding reviewers from other units helps."
            )
        );
    }
}

fn report(m: &Merged, lang: Lang) {
    out!(
        "{}",
        tr!(
            lang,
            "评查包 {}（{} {}）：新合并 {} 条，已合并过 {} 条，拒收 {} 条。",
            "package {} ({} {}): {} events merged, {} already merged before, {} rejected.",
            m.package.display(),
            m.manifest.reviewer.id,
            m.manifest.reviewer.name,
            m.accepted.len(),
            m.already,
            m.rejected.len()
        )
    );
    for x in &m.rejected {
        let what = x.why.render(lang, &x.case);
        let case = if x.case.is_empty() {
            String::new()
        } else {
            format!(" {}", x.case)
        };
        out!(
            "  {}",
            tr!(
                lang,
                "拒收 journal.jsonl 第 {} 行{case}：{what}",
                "rejected journal.jsonl line {}{case}: {what}",
                x.line
            )
        );
    }
    if let Some(n) = m.torn {
        out!(
            "  {}",
            tr!(
                lang,
                "包内日志末尾有 {n} 字节的不完整记录（评查人电脑在保存时中断，该条从未显示为已保存），未合并",
                "the package journal ends in an incomplete record of {n} bytes (the reviewer's machine stopped while saving; it was never shown as saved); not merged"
            )
        );
    }
}

fn status(dir: &Path, format: TextOrJson, lang: Lang) -> Outcome {
    let review = Review::open(dir).map_err(|e| e.render(lang))?;
    let (roster, rref) = records::latest(&review.ws).map_err(|e| e.render(lang))?;
    let a = review.assignment.as_ref();
    if format == TextOrJson::Json {
        let files: Vec<_> = review
            .files
            .iter()
            .enumerate()
            .filter_map(|(i, f)| {
                let reviewers = review.assigned(f.id());
                (!reviewers.is_empty()).then(|| {
                    json!({
                        "case": f.id(),
                        "agency": f.agency(),
                        "reviewers": reviewers,
                        "status": review.states[i].status.key(),
                        "disputes": review.disputes(i).len(),
                    })
                })
            })
            .collect();
        let v = json!({
            "roster": rref.file,
            "members": roster.members.iter().map(|m| json!({
                "id": m.id, "name": m.name, "unit": m.unit, "role": m.role,
                "keys": m.keys.iter().map(|k| keys::fingerprint(k)).collect::<Vec<_>>(),
            })).collect::<Vec<_>>(),
            "assignment": a.map(|a| json!({
                "record": a.origin.file, "per_file": a.per_file, "balanced": a.balanced,
                "moves": a.moves.iter().map(|(case, m)| json!({
                    "case": case, "from": m.from, "to": m.to, "reason": m.reason, "by": m.by, "at": m.at,
                })).collect::<Vec<_>>(),
            })),
            "files": files,
        });
        let text = serde_json::to_string_pretty(&v).unwrap_or_default();
        out!("{}", crate::tui::text::json_safe(&text));
        return Ok(0);
    }
    out!("{}", super::heading(lang, "评查人员名单", "Roster"));
    for m in &roster.members {
        let key = match m.keys.last() {
            Some(k) => keys::fingerprint(k),
            None => lang.pick("未登记公钥", "no key").to_string(),
        };
        out!(
            "  {} {}（{}）{}  {key}",
            m.id,
            m.name,
            m.unit,
            m.role.label(lang)
        );
    }
    let Some(a) = a else {
        out!(
            "{}",
            tr!(
                lang,
                "尚未分配评查人（anjuan team assign DIR）。",
                "no assignment yet (anjuan team assign DIR)."
            )
        );
        return Ok(0);
    };
    out!("{}", super::heading(lang, "分配", "Assignment"));
    out!(
        "{}",
        tr!(
            lang,
            "{}，每卷 {} 人",
            "{}, {} per file",
            a.origin.file,
            a.per_file
        )
    );
    print_loads(&review, lang);
    for (case, m) in &a.moves {
        let from = m.from.as_deref().unwrap_or("—");
        out!(
            "  {}",
            tr!(
                lang,
                "调整：{case} {from} → {}（{}，{} 决定，{}）",
                "moved: {case} {from} → {} ({}, decided by {}, {})",
                m.to,
                m.reason,
                m.by,
                m.at
            )
        );
    }
    out!("{}", super::heading(lang, "案卷", "Files"));
    for (i, f) in review.files.iter().enumerate() {
        let reviewers = review.assigned(f.id());
        if reviewers.is_empty() {
            continue;
        }
        let disputes = review.disputes(i).len();
        let extra = if disputes > 0 {
            tr!(lang, "  分歧 {disputes} 项", "  {disputes} disagreements")
        } else {
            String::new()
        };
        out!(
            "  {}  {}  {}  {}{extra}",
            f.id(),
            f.agency(),
            reviewers.join(", "),
            review.states[i].status.label(lang)
        );
    }
    Ok(0)
}
