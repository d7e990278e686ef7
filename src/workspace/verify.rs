//! `anjuan verify`: re-derive everything in a workspace from its files and the register bytes,
//! and say exactly what differs. Nothing here trusts a stored result it can recompute.

use super::endings::{self, Recovered};
use super::records::*;
use super::{ledger, Workspace, CAMPAIGN, CASES, LEDGER, POPULATION};
use crate::draw::allocation;
use crate::i18n::Lang;
use crate::register::collection::{self, CollectionPlan, CollectionRecord};
use crate::register::import::{self, RecordedLayout, RegisterFile};
use crate::register::layout;
use crate::tr;
use std::path::PathBuf;

/// One verified fact: what was checked and whether it held.
pub struct Check {
    pub ok: bool,
    pub what: String,
}

struct Report {
    checks: Vec<Check>,
    lang: Lang,
}

impl Report {
    fn check(&mut self, ok: bool, what: String) -> bool {
        self.checks.push(Check { ok, what });
        ok
    }
}

/// How much of the workspace a run re-derives.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Scope {
    /// Everything: every file's digest, the registers re-read into the population, every draw
    /// recomputed. Reads the whole population (a million-case register: seconds).
    Full,
    /// The record without the population: the ledger chain, the digests of every file except
    /// the registers, `population.tsv` and `cases.jsonl`, the commitments and the draws' own
    /// consistency. What `verify --export` needs under an export; its cost follows the sample.
    Record,
}

/// The files `Scope::Record` leaves to a full run: the register copies and the two files
/// the size of the population.
fn population_sized(e: &ledger::Entry) -> bool {
    e.event == "register"
        || e.file == POPULATION
        || e.file == CASES
        || e.file.starts_with("registers/")
}

/// Verify the workspace; `originals` are the agencies' register files, if at hand, in the order
/// they were imported.
pub fn verify(ws: &Workspace, originals: &[PathBuf], lang: Lang) -> Vec<Check> {
    verify_scope(ws, originals, Scope::Full, lang)
}

/// `verify` at the given scope (`Scope::Record` ignores `originals`).
pub fn verify_scope(ws: &Workspace, originals: &[PathBuf], scope: Scope, lang: Lang) -> Vec<Check> {
    let mut r = Report {
        checks: Vec::new(),
        lang,
    };
    let (entries, errors) = ledger::read(&ws.dir.join(LEDGER));
    if errors.is_empty() {
        let n = entries.len();
        r.check(
            true,
            tr!(
                lang,
                "台账哈希链完整（{n} 条）",
                "ledger hash chain intact ({n} entries)"
            ),
        );
    }
    for e in errors {
        r.check(false, e);
    }
    let converted = std::fs::read(ws.dir.join(LEDGER)).map_or(0, |b| endings::crlf_lines(&b));
    if converted > 0 {
        r.check(
            true,
            tr!(
                lang,
                "注意：{LEDGER} 有 {converted} 行的换行符在复制时被转换为 CRLF；换行符不属于内容，哈希链按去掉 \\r 的内容核对",
                "note: {converted} lines of {LEDGER} had their line endings converted to CRLF by a copy; line endings are not content, and the hash chain is checked without the \\r"
            ),
        );
    }
    // Every file the ledger names must still have the digest it had when written.
    let mut seen = std::collections::BTreeMap::new();
    let mut left = std::collections::BTreeSet::new();
    for e in &entries {
        seen.insert(e.file.clone(), e.sha256.clone());
        if scope == Scope::Record && population_sized(e) {
            left.insert(e.file.clone());
        }
    }
    for (file, sha) in seen.iter().filter(|(f, _)| !left.contains(*f)) {
        // Hashed as a stream first: a province's cases.jsonl is gigabytes. Only a file whose
        // digest differs is read whole, to tell converted line endings from an alteration.
        let streamed = super::safe_path::join(&ws.dir, file).and_then(|p| {
            super::safe_path::check_regular(&p)?;
            super::cases_file::sha256_file(&p)
        });
        if streamed.as_ref().is_ok_and(|h| h == sha) {
            r.check(
                true,
                tr!(
                    lang,
                    "{file} 与台账一致 {sha}",
                    "{file} matches the ledger {sha}"
                ),
            );
            continue;
        }
        match super::safe_path::read_inside(&ws.dir, file) {
            Ok(bytes) => {
                let (ok, what) = match endings::recover(&bytes, sha) {
                    Recovered::Exact(_) => (
                        true,
                        tr!(
                            lang,
                            "{file} 与台账一致 {sha}",
                            "{file} matches the ledger {sha}"
                        ),
                    ),
                    Recovered::Converted(_) => (
                        true,
                        tr!(
                            lang,
                            "{file} 与台账一致 {sha}（复制时换行符被转换，还原换行符后逐字节相同，内容未变）",
                            "{file} matches the ledger {sha} (a copy converted its line endings; with them restored it is the same byte for byte, the content is unchanged)"
                        ),
                    ),
                    Recovered::Altered { found } => (
                        false,
                        tr!(
                            lang,
                            "{file} 已被改动：SHA-256 为 {found}，台账记载 {sha}（不只是换行符不同）",
                            "{file} was altered: SHA-256 {found}, the ledger says {sha} (more than its line endings differ)"
                        ),
                    ),
                };
                r.check(ok, what);
            }
            Err(e) => {
                r.check(
                    false,
                    tr!(
                        lang,
                        "{file} 缺失或无法读取：{e}",
                        "{file} is missing or unreadable: {e}"
                    ),
                );
            }
        }
    }
    // `risk` holds the risk scans (`risk::record`) and `ballots` the ballot setups
    // (`ballots::setup`), named here as text: workspace is below both.
    for sub in ["commitments", "draws", "risk", "ballots"] {
        if let Ok(list) = super::numbered(&ws.dir, sub) {
            for (_, file) in list {
                if !seen.contains_key(&file) {
                    r.check(
                        false,
                        tr!(
                            lang,
                            "{file} 不在台账中（事后加入？）",
                            "{file} is not in the ledger (added afterwards?)"
                        ),
                    );
                }
            }
        }
    }
    for required in [CAMPAIGN, POPULATION, CASES] {
        if !seen.contains_key(required) {
            r.check(
                false,
                tr!(
                    lang,
                    "台账中没有 {required}",
                    "the ledger does not name {required}"
                ),
            );
        }
    }
    let (campaign, campaign_sha) = match ws.campaign() {
        Ok(c) => c,
        Err(e) => {
            r.check(false, e.render(lang));
            return r.checks;
        }
    };
    if scope == Scope::Full {
        verify_registers(ws, &campaign, originals, &mut r);
    } else {
        let n = campaign.population.size;
        r.check(
            true,
            tr!(
                lang,
                "注意：本次未重读登记册、{POPULATION} 与 {CASES}，也未重算抽取（需读取全部 {n} 件案卷）；完整核对请运行 anjuan verify（不带 --export，或加 --full）",
                "note: the registers, {POPULATION} and {CASES} were not re-read and the draws not recomputed this time (that reads all {n} cases); for the full check run anjuan verify without --export, or with --full"
            ),
        );
    }
    verify_records(ws, &campaign, &campaign_sha, scope, &mut r);
    r.checks
}

fn verify_registers(ws: &Workspace, campaign: &Campaign, originals: &[PathBuf], r: &mut Report) {
    let lang = r.lang;
    if !originals.is_empty() && originals.len() != campaign.registers.len() {
        let (a, b) = (originals.len(), campaign.registers.len());
        r.check(
            false,
            tr!(
                lang,
                "给出了 {a} 个原始文件，记录中有 {b} 个",
                "{a} original files given, the record has {b}"
            ),
        );
    }
    for (i, reg) in campaign.registers.iter().enumerate() {
        if let Some(orig) = originals.get(i) {
            let name = orig.display().to_string();
            match std::fs::read(orig) {
                Ok(bytes) => {
                    let actual = ledger::sha256_hex(&bytes);
                    let (file, sha) = (&reg.file, &reg.sha256);
                    r.check(
                        actual == reg.sha256,
                        if actual == reg.sha256 {
                            tr!(lang, "原始文件 {name} 的来源摘要一致 {sha}", "original {name}: source digest matches {sha}")
                        } else {
                            tr!(lang, "原始文件 {name} 的 SHA-256 为 {actual}，记录中 {file} 为 {sha}", "original {name} has SHA-256 {actual}; the record has {sha} for {file}")
                        },
                    );
                }
                Err(e) => {
                    r.check(false, format!("{name}: {e}"));
                }
            }
        }
    }
    // Re-import the stored copies with the recorded settings: same sources, same population.
    // Each copy must be a regular file inside the workspace (the register reader itself follows
    // links, as a user's own file may be one).
    let mut files: Vec<RegisterFile> = Vec::new();
    for reg in &campaign.registers {
        let checked = super::safe_path::join(&ws.dir, &reg.stored_as)
            .and_then(|p| super::safe_path::check_regular(&p).map(|_| p));
        match checked {
            Ok(path) => files.push(RegisterFile {
                path,
                agency: reg.agency.clone(),
                header_row: reg.header_row,
                agency_from_sheet: reg.agency_from_sheet,
                // The layout decided at freezing is re-applied as it was recorded, so a
                // campaign verifies the same under a later version's detection.
                recorded: Some(RecordedLayout {
                    layouts: reg.layouts.clone(),
                    delimiter: reg.delimiter,
                    encoding: reg.encoding,
                }),
            }),
            Err(e) => {
                r.check(false, format!("{}: {e}", reg.stored_as));
            }
        }
    }
    if files.len() < campaign.registers.len() {
        return;
    }
    // A copy whose line endings a copy converted is re-imported as the bytes it was frozen as.
    let _restored = restore_line_endings(&mut files, campaign);
    match import::import(&files, &campaign.settings, None, false) {
        Ok(imported) => {
            for (reg, src) in campaign.registers.iter().zip(&imported.sources) {
                let file = &reg.file;
                // Old records have no layouts: their header was row 1, nothing skipped.
                if !reg.layouts.is_empty() {
                    let diffs = layout::differences(&reg.layouts, &src.layouts, lang);
                    r.check(
                        diffs.is_empty(),
                        if diffs.is_empty() {
                            tr!(
                                lang,
                                "{file}：版式（表头、跳过的行）与记录一致",
                                "{file}: layout (header, skipped rows) matches the record"
                            )
                        } else {
                            tr!(
                                lang,
                                "{file}：版式与记录不一致：{}",
                                "{file}: the layout differs from the record: {}",
                                diffs.join(lang.pick("；", "; "))
                            )
                        },
                    );
                }
                let ok = src.sha256 == reg.sha256 && src.kept == reg.kept && src.rows == reg.rows;
                r.check(
                    ok,
                    if ok {
                        tr!(lang, "{file}：来源摘要与行数一致", "{file}: source digest and row counts match")
                    } else {
                        let (a, b, c, d) = (&src.sha256, src.kept, &reg.sha256, reg.kept);
                        tr!(lang, "{file}：重新导入得到 {a}（{b} 行入选），记录为 {c}（{d} 行）", "{file}: re-import gives {a} ({b} rows kept), the record says {c} ({d})")
                    },
                );
            }
            if let Some(col) = &campaign.collection {
                check_collection(ws, col, &imported.agencies, lang, r);
            }
            let digest = imported.population.digest();
            let want = &campaign.population.sha256;
            r.check(
                &digest == want,
                if &digest == want {
                    tr!(
                        lang,
                        "总体摘要一致 {digest}",
                        "population digest matches {digest}"
                    )
                } else {
                    tr!(
                        lang,
                        "总体摘要不一致：重新计算为 {digest}，记录为 {want}",
                        "population digest differs: recomputed {digest}, recorded {want}"
                    )
                },
            );
            let strata: Vec<StratumSize> = imported
                .population
                .strata()
                .into_iter()
                .map(|(stratum, size)| StratumSize { stratum, size })
                .collect();
            r.check(
                strata == campaign.population.strata,
                if strata == campaign.population.strata {
                    tr!(lang, "各层规模一致", "stratum sizes match")
                } else {
                    tr!(
                        lang,
                        "各层规模与记录不一致",
                        "stratum sizes differ from the record"
                    )
                },
            );
        }
        Err(problems) => {
            for p in problems {
                r.check(false, p.render(lang));
            }
        }
    }
}

/// Temporary copies of register files with their original line endings, removed on drop.
struct Restored(Option<PathBuf>);

impl Drop for Restored {
    fn drop(&mut self) {
        if let Some(dir) = &self.0 {
            let _ = std::fs::remove_dir_all(dir);
        }
    }
}

/// For each register copy that differs from its source digest only by converted line endings
/// (a register may well have been CRLF to begin with), point `files` at a temporary file with
/// the recorded bytes, outside the workspace (which may be read-only). Any other difference is
/// left for the re-import to report; the population digest recomputed from the copy as it is
/// still shows whether the rows themselves changed.
fn restore_line_endings(files: &mut [RegisterFile], campaign: &Campaign) -> Restored {
    let mut restored = Restored(None);
    for (f, reg) in files.iter_mut().zip(&campaign.registers) {
        let Ok(bytes) = std::fs::read(&f.path) else {
            continue;
        };
        let Recovered::Converted(original) = endings::recover(&bytes, &reg.sha256) else {
            continue;
        };
        let dir = match &restored.0 {
            Some(d) => d.clone(),
            None => {
                static N: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
                let n = N.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                let d =
                    std::env::temp_dir().join(format!("anjuan-verify-{}-{n}", std::process::id()));
                if std::fs::create_dir_all(&d).is_err() {
                    return restored;
                }
                restored.0 = Some(d.clone());
                d
            }
        };
        let name = f
            .path
            .file_name()
            .map(|n| n.to_os_string())
            .unwrap_or_default();
        let copy = dir.join(name);
        if std::fs::write(&copy, &original).is_ok() {
            f.path = copy;
        }
    }
    restored
}

fn verify_records(
    ws: &Workspace,
    campaign: &Campaign,
    campaign_sha: &str,
    scope: Scope,
    r: &mut Report,
) {
    let lang = r.lang;
    let strata = campaign.population.strata_sizes();
    let mut commitment_sha = std::collections::BTreeMap::new();
    for (number, file) in ws.commitments().unwrap_or_default() {
        let Ok((c, sha)) = ws.read_commitment(&file) else {
            r.check(false, tr!(lang, "{file} 无法读取", "{file} cannot be read"));
            continue;
        };
        commitment_sha.insert(number, (file.clone(), sha.clone(), c.created_at.clone()));
        r.check(
            c.campaign_sha256 == campaign_sha && c.population_sha256 == campaign.population.sha256,
            tr!(
                lang,
                "{file}：指向本工作区的总体",
                "{file}: refers to this workspace's population"
            ),
        );
        let ok =
            allocation::allocate(&strata, &c.method, c.alternates).is_ok_and(|a| a == c.allocation);
        r.check(
            ok,
            if ok {
                tr!(
                    lang,
                    "{file}：分配表重新计算一致（承诺摘要 {sha}）",
                    "{file}: allocation recomputed and matches (commitment digest {sha})"
                )
            } else {
                tr!(
                    lang,
                    "{file}：分配表与重新计算的结果不同",
                    "{file}: the allocation differs from a recomputation"
                )
            },
        );
        if let Some(t) = &c.targeted {
            let n = t.candidates.len();
            let scan = &t.scan.file;
            let ok = super::check_targeted(t).is_ok()
                && ws.check_recorded(&t.scan.file, &t.scan.sha256).is_ok();
            r.check(
                ok,
                if ok {
                    tr!(
                        lang,
                        "{file}：重点抽查名单 {n} 件（摘要 {}）取自已记录的风险筛查 {scan}",
                        "{file}: the targeted set of {n} cases (digest {}) comes from the recorded risk scan {scan}",
                        t.candidates_sha256
                    )
                } else {
                    tr!(
                        lang,
                        "{file}：重点抽查名单与其摘要或所引用的风险筛查 {scan} 不符",
                        "{file}: the targeted set disagrees with its digest or with the risk scan {scan} it names"
                    )
                },
            );
        }
    }
    let draws = ws.draws().unwrap_or_default();
    for (i, (number, file)) in draws.iter().enumerate() {
        let Ok((d, _)) = ws.read_draw(file) else {
            r.check(false, tr!(lang, "{file} 无法读取", "{file} cannot be read"));
            continue;
        };
        match commitment_sha.get(&d.commitment.number) {
            Some((cfile, csha, created)) => {
                let ok = *csha == d.commitment.sha256
                    && *cfile == d.commitment.file
                    && created.as_str() <= d.drawn_at.as_str();
                r.check(
                    ok,
                    if ok {
                        tr!(lang, "{file}：引用的承诺 {cfile} 一致，且早于抽取", "{file}: its commitment {cfile} matches and predates the draw")
                    } else {
                        tr!(lang, "{file}：引用的承诺与 {cfile} 不符或晚于抽取", "{file}: the commitment it names does not match {cfile} or is later than the draw")
                    },
                );
            }
            None => {
                r.check(
                    false,
                    tr!(
                        lang,
                        "{file}：引用的承诺不存在",
                        "{file}: the commitment it names does not exist"
                    ),
                );
            }
        }
        // Draw n > 1 must supersede draw n-1 with a reason: redraws are always visible.
        if i > 0 {
            let prev = &draws[i - 1];
            let ok = d
                .supersedes
                .as_ref()
                .is_some_and(|s| s.number == prev.0 && !s.reason.trim().is_empty());
            r.check(
                ok,
                if ok {
                    let reason = d
                        .supersedes
                        .as_ref()
                        .map(|s| s.reason.clone())
                        .unwrap_or_default();
                    tr!(
                        lang,
                        "{file}：作废第 {} 次抽取，理由：{reason}",
                        "{file}: supersedes draw {}, reason: {reason}",
                        prev.0
                    )
                } else {
                    tr!(
                        lang,
                        "{file}：没有说明为何作废上一次抽取",
                        "{file}: does not state why it supersedes the previous draw"
                    )
                },
            );
        }
        let seed_ok = crate::draw::seed::check_seed(&d.seed).is_ok()
            && d.seed_parts
                .iter()
                .map(|p| p.digits.as_str())
                .collect::<String>()
                == d.seed
            && crate::draw::ticket::h(d.seed.as_bytes()) == d.seed_sha256;
        r.check(
            seed_ok,
            tr!(
                lang,
                "{file}：种子格式、分段拼接与种子摘要一致",
                "{file}: seed format, parts and seed digest agree"
            ),
        );
        let commitment_alloc = ws
            .read_commitment(&d.commitment.file)
            .map(|(c, _)| {
                c.allocation == d.allocation && c.method == d.method && c.alternates == d.alternates
            })
            .unwrap_or(false);
        r.check(
            commitment_alloc,
            tr!(
                lang,
                "{file}：分配表与承诺一致",
                "{file}: allocation equals the commitment's"
            ),
        );
        if scope == Scope::Record {
            continue;
        }
        match ws.population(Some(&d.seed), &campaign.population.sha256) {
            Ok(p) => {
                let targeted = ws
                    .read_commitment(&d.commitment.file)
                    .ok()
                    .and_then(|(c, _)| c.targeted);
                let again = match super::selection(&p, &d.allocation, targeted.as_ref()) {
                    Ok(again) => again,
                    Err(e) => {
                        r.check(false, format!("{file}: {}", e.render(lang)));
                        continue;
                    }
                };
                let diffs = diff_selected(&d.selected, &again, lang);
                let n = again.len();
                if diffs.is_empty() {
                    r.check(true, tr!(lang, "{file}：{n} 个中选与备选案卷及其签号重新计算一致（第 {number} 次抽取）", "{file}: all {n} sampled and alternate cases and tickets recomputed and match (draw {number})"));
                } else {
                    for diff in diffs {
                        r.check(false, format!("{file}: {diff}"));
                    }
                }
            }
            Err(e) => {
                r.check(false, e.render(lang));
            }
        }
        let drawn = super::drawn::file_of(*number);
        match ws.drawn_file_agrees(*number, &d.selected) {
            Some(Ok(ok)) => {
                r.check(
                    ok,
                    if ok {
                        tr!(
                            lang,
                            "{drawn}：抽中案卷的目录信息与 cases.jsonl 逐字节一致",
                            "{drawn}: the drawn cases' details are cases.jsonl's, byte for byte"
                        )
                    } else {
                        tr!(
                            lang,
                            "{drawn}：抽中案卷的目录信息与 cases.jsonl 不一致（文件被改动过）",
                            "{drawn}: the drawn cases' details differ from cases.jsonl (the file was altered)"
                        )
                    },
                );
            }
            Some(Err(e)) => {
                r.check(false, e.render(lang));
            }
            // A draw made before these files existed (or one whose file could not be written):
            // its details are read from cases.jsonl.
            None => {}
        }
    }
}

fn diff_selected(
    recorded: &[crate::register::population::Selected],
    again: &[crate::register::population::Selected],
    lang: Lang,
) -> Vec<String> {
    let mut out = Vec::new();
    let n = recorded.len().max(again.len());
    for i in 0..n {
        match (recorded.get(i), again.get(i)) {
            (Some(a), Some(b)) if a == b => {}
            (Some(a), Some(b)) => {
                let s = a.stratum.join("/");
                let (ra, ia, ta) = (a.rank, &a.case_id, &a.ticket);
                let (ib, tb) = (&b.case_id, &b.ticket);
                out.push(tr!(
                    lang,
                    "第 {} 条（{s} 第 {ra} 名）：记录为 {ia}（签号 {ta}），重新计算为 {ib}（签号 {tb}）",
                    "entry {} ({s} rank {ra}): recorded {ia} (ticket {ta}), recomputed {ib} (ticket {tb})",
                    i + 1
                ));
            }
            (Some(a), None) => {
                let id = &a.case_id;
                out.push(tr!(
                    lang,
                    "记录中多出 {id}",
                    "the record has an extra case {id}"
                ));
            }
            (None, Some(b)) => {
                let id = &b.case_id;
                out.push(tr!(lang, "记录中缺少 {id}", "the record lacks case {id}"));
            }
            (None, None) => {}
        }
    }
    out
}

/// The collection round recomputed: the stored list is the one recorded, and the registers still
/// give the same agencies, zero reports and allowed absences.
fn check_collection(
    ws: &super::Workspace,
    col: &CollectionRecord,
    found: &std::collections::BTreeMap<String, u64>,
    lang: Lang,
    r: &mut Report,
) {
    let list = super::safe_path::join(&ws.dir, &col.stored_as)
        .map_err(|e| e.to_string())
        .and_then(|p| {
            collection::read_list(&p).map_err(|ps| {
                ps.iter()
                    .map(|p| p.render(lang))
                    .collect::<Vec<_>>()
                    .join("; ")
            })
        });
    let list = match list {
        Ok(l) => l,
        Err(e) => {
            r.check(false, format!("{}: {e}", col.stored_as));
            return;
        }
    };
    let plan = CollectionPlan {
        list: None,
        zero_reports: col.zero_reports.clone(),
        allow_missing: col
            .missing_allowed
            .iter()
            .map(|m| (m.name.clone(), m.reason.clone()))
            .collect(),
    };
    let again = collection::check(&list, found, &plan, &col.stored_as).map(|mut rec| {
        rec.list_file = col.list_file.clone();
        rec
    });
    let ok = list.sha256 == col.list_sha256 && again.as_ref() == Ok(col);
    r.check(
        ok,
        if ok {
            tr!(
                lang,
                "执法机关名单与报送情况一致（{} 个机关）",
                "the list of agencies and who reported match ({} agencies)",
                col.expected.len()
            )
        } else {
            let why = match &again {
                Err(ps) => ps
                    .iter()
                    .map(|p| p.render(lang))
                    .collect::<Vec<_>>()
                    .join("; "),
                Ok(_) => tr!(
                    lang,
                    "名单摘要 {}，记录为 {}",
                    "list digest {}, recorded {}",
                    list.sha256,
                    col.list_sha256
                ),
            };
            tr!(
                lang,
                "执法机关名单或报送情况与记录不一致：{why}",
                "the list of agencies or who reported differs from the record: {why}"
            )
        },
    );
}
