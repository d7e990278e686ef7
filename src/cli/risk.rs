//! `anjuan risk WS`: the register-wide risk scan (`risk::scan`) over every frozen case, printed
//! as text or JSON, recorded as `risk/NNNN.json`, and with `--out DIR` written as
//! 风险筛查报告.xlsx and .csv (one sheet per indicator and 各单位汇总).

use super::risk_args::{RiskArgs, RiskFormat};
use super::Outcome;
use crate::i18n::Lang;
use crate::register::amount;
use crate::risk::{self, report, Benchmarks, Indicator, Limits, Ratio, RiskParams, Scan};
use crate::tr;
use crate::workspace::Workspace;
use serde_json::json;

/// Raw flags → validated parameters (the one boundary where text becomes numbers).
fn params(a: &RiskArgs, lang: Lang) -> Result<RiskParams, String> {
    let mut p = RiskParams::default();
    if let Some(text) = &a.high_fine {
        p.high_fine_fen = match amount::parse_fen(text) {
            Ok(Some(v)) => v,
            _ => {
                return Err(tr!(
                    lang,
                    "--high-fine “{text}” 不是金额。请写以元为单位的数字，如 50000 或 5万",
                    "--high-fine {text:?} is not an amount. Write yuan, as 50000 or 5万"
                ))
            }
        };
    }
    if let Some(text) = &a.spread_ratio {
        p.spread_ratio = Ratio::parse(text).ok_or_else(|| {
            tr!(
                lang,
                "--spread-ratio “{text}” 无法识别。请写不小于 1 的数，最多三位小数，如 3 或 2.5",
                "--spread-ratio {text:?} cannot be read. Write a number of at least 1 with at most three decimals, as 3 or 2.5"
            )
        })?;
    }
    if let Some(n) = a.inspection_limit {
        p.inspection_limit = n;
    }
    if !a.only.is_empty() {
        let mut list = indicators("--only", &a.only, lang)?;
        list.sort();
        p.indicators = list;
    }
    if let Some(path) = &a.limits {
        p.limits = Limits::load(path).map_err(|e| e.render(lang))?;
    }
    Ok(p)
}

pub fn run(a: RiskArgs, lang: Lang) -> Outcome {
    let p = params(&a, lang)?;
    let ws = Workspace::open(&a.dir).map_err(|e| e.render(lang))?;
    let benchmarks = match &a.benchmarks {
        Some(path) => Some(Benchmarks::load(path).map_err(|e| e.render(lang))?),
        None => None,
    };
    let scan = risk::scan(&ws, &p, benchmarks.as_ref()).map_err(|e| e.render(lang))?;
    let recorded = if a.no_record {
        None
    } else {
        let (_, file, sha) =
            risk::record::record(&ws, &scan, a.benchmarks.as_deref(), a.limits.as_deref())
                .map_err(|e| e.render(lang))?;
        Some((file, sha))
    };
    let mut written = Vec::new();
    if let Some(out) = &a.out {
        let tables = report::tables(&scan, lang);
        let stem = lang.pick("风险筛查报告", "risk-scan");
        let xlsx = crate::export::xlsx::workbook(&tables).map_err(|e| e.to_string())?;
        std::fs::create_dir_all(out).map_err(|e| format!("{}: {e}", out.display()))?;
        for (ext, bytes) in [
            ("xlsx", xlsx),
            ("csv", crate::export::csv::document(&tables)),
        ] {
            let path = out.join(format!("{stem}.{ext}"));
            crate::export::write_atomic(&path, &bytes).map_err(|e| e.to_string())?;
            written.push(path);
        }
    }
    match a.format {
        RiskFormat::Json => {
            let mut v = to_json(&scan, lang);
            if let Some((file, sha)) = &recorded {
                v.record = Some(json!({ "file": file, "sha256": sha }));
            }
            let text = serde_json::to_string_pretty(&v).map_err(|e| e.to_string())?;
            use std::io::Write as _;
            let mut stdout = std::io::BufWriter::new(std::io::stdout().lock());
            let _ = writeln!(stdout, "{}", crate::tui::text::json_safe(&text));
        }
        RiskFormat::Text => print_text(&scan, lang, recorded.as_ref()),
    }
    for path in written {
        eprintln!("{}", tr!(lang, "已写入 {}", "wrote {}", path.display()));
    }
    Ok(0)
}

/// The `--format json` object: `indicators` (key, name, rule, params, flagged) and `summary`.
/// Serialised from borrowed views, so a scan with a million flags is not copied into a tree.
#[derive(serde::Serialize)]
pub struct JsonReport<'a> {
    kind: &'static str,
    population_sha256: &'a str,
    cases_sha256: &'a str,
    cases: u64,
    benchmarks: Option<&'a risk::scan::TableRef>,
    params: &'a RiskParams,
    flagged_sha256: &'a str,
    indicators: Vec<JsonIndicator<'a>>,
    summary: Vec<JsonAgency<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    record: Option<serde_json::Value>,
}

#[derive(serde::Serialize)]
pub struct JsonIndicator<'a> {
    key: &'static str,
    name: &'static str,
    name_zh: &'static str,
    rule: String,
    params: serde_json::Value,
    checked: u64,
    flagged: Vec<&'a risk::Flag>,
    #[serde(skip_serializing_if = "Option::is_none")]
    clusters: Option<Vec<serde_json::Value>>,
}

#[derive(serde::Serialize)]
pub struct JsonAgency<'a> {
    agency: &'a str,
    cases: u64,
    flagged: std::collections::BTreeMap<&'static str, u64>,
}

pub fn to_json<'a>(scan: &'a Scan, lang: Lang) -> JsonReport<'a> {
    let p = &scan.params;
    let indicators = p
        .indicators
        .iter()
        .map(|&i| {
            let params = match i {
                Indicator::HighFine => json!({ "high_fine": amount::yuan(p.high_fine_fen), "high_fine_fen": p.high_fine_fen }),
                Indicator::UnequalFines => json!({ "spread_ratio": p.spread_ratio, "min_cluster": p.min_cluster }),
                Indicator::InspectionFrequency => json!({ "inspection_limit": p.inspection_limit, "inspection_types": p.inspection_types }),
                Indicator::Overdue | Indicator::TimeBarred => json!({
                    "rules": p.limits.rules.iter().filter(|r| r.indicator == i).collect::<Vec<_>>(),
                    "limits_sha256": p.limits.sha256,
                }),
                Indicator::TopFine | Indicator::OutsideRange => json!({
                    "benchmarks_sha256": scan.benchmarks.as_ref().map(|b| b.sha256.clone()),
                }),
            };
            let clusters = matches!(i, Indicator::UnequalFines | Indicator::InspectionFrequency)
                .then(|| {
                    scan.clusters
                        .iter()
                        .filter(|c| c.indicator == i)
                        .map(|c| {
                            json!({
                                "number": c.number,
                                "agency": c.agency,
                                "key": c.key,
                                "cases": c.cases.iter().map(|(id, fen)| if i == Indicator::UnequalFines {
                                    json!({"case_id": id, "fine": amount::yuan(*fen), "fine_fen": fen})
                                } else {
                                    json!({"case_id": id})
                                }).collect::<Vec<_>>(),
                            })
                        })
                        .collect()
                });
            JsonIndicator {
                key: i.key(),
                name: i.name(lang),
                name_zh: i.zh(),
                rule: i.rule(p, lang),
                params,
                checked: scan.checked.get(&i).copied().unwrap_or(0),
                flagged: scan.flags(i).collect(),
                clusters,
            }
        })
        .collect();
    let summary = scan
        .summary
        .iter()
        .map(|(agency, s)| JsonAgency {
            agency,
            cases: s.cases,
            flagged: s.flagged.iter().map(|(i, n)| (i.key(), *n)).collect(),
        })
        .collect();
    JsonReport {
        kind: "anjuan-risk-scan",
        population_sha256: &scan.population_sha256,
        cases_sha256: &scan.cases_sha256,
        cases: scan.cases,
        benchmarks: scan.benchmarks.as_ref(),
        params: &scan.params,
        flagged_sha256: &scan.flagged_sha256,
        indicators,
        summary,
        record: None,
    }
}

/// The text output lists at most this many cases per indicator; the report and JSON list all.
const TEXT_LIMIT: usize = 50;

fn print_text(scan: &Scan, lang: Lang, recorded: Option<&(String, String)>) {
    out!("{}", super::heading(lang, "风险筛查", "Risk scan"));
    out!(
        "{}",
        tr!(
            lang,
            "冻结总体 {} 件（总体 {}）",
            "{} frozen cases (population {})",
            scan.cases,
            scan.population_sha256
        )
    );
    if let Some(b) = &scan.benchmarks {
        out!(
            "{}",
            tr!(
                lang,
                "裁量基准 {}（{} 行）SHA-256 {}",
                "benchmarks {} ({} rows) SHA-256 {}",
                b.file,
                b.rows,
                b.sha256
            )
        );
    }
    for &i in &scan.params.indicators {
        let flags: Vec<&risk::Flag> = scan.flags(i).collect();
        out!();
        out!(
            "{}",
            tr!(
                lang,
                "【{}】{} 件（可检查 {} 件）— {}",
                "[{}] {} flagged ({} checked) — {}",
                i.name(lang),
                flags.len(),
                scan.checked.get(&i).copied().unwrap_or(0),
                i.rule(&scan.params, lang)
            )
        );
        let more = flags.len().saturating_sub(TEXT_LIMIT);
        for f in flags.into_iter().take(TEXT_LIMIT) {
            let numbers: Vec<String> = f
                .numbers
                .iter()
                .filter(|(k, _)| !k.ends_with("_fen"))
                .map(|(k, v)| match v {
                    serde_json::Value::String(s) => format!("{k}={s}"),
                    v => format!("{k}={v}"),
                })
                .collect();
            let group = f
                .cluster
                .map(|c| tr!(lang, " 第{c}组", " group {c}"))
                .unwrap_or_default();
            let entity = f
                .entity
                .as_deref()
                .map(|e| format!("  {e}"))
                .unwrap_or_default();
            out!(
                "  {}  {}  {}:{}{}{}  {}",
                f.case_id,
                f.agency,
                f.file,
                f.row,
                group,
                entity,
                numbers.join(" ")
            );
        }
        if more > 0 {
            out!(
                "{}",
                tr!(
                    lang,
                    "  ……另有 {more} 件（完整清单见 --out 报告或 --format json）",
                    "  … {more} more (the full list: the --out report or --format json)"
                )
            );
        }
    }
    out!();
    out!(
        "{}",
        tr!(
            lang,
            "筛查结果 SHA-256 {}",
            "scan result SHA-256 {}",
            scan.flagged_sha256
        )
    );
    if let Some((file, sha)) = recorded {
        out!(
            "{}",
            tr!(lang, "已记录 {file}（{sha}）", "recorded {file} ({sha})")
        );
    }
}

/// Indicator names given to `flag` (key, Chinese or English name; blanks ignored), each once,
/// in the order given; an unknown one is refused with the list of known ones.
pub fn indicators(flag: &str, given: &[String], lang: Lang) -> Result<Vec<Indicator>, String> {
    let mut list = Vec::new();
    for t in given.iter().map(|t| t.trim()).filter(|t| !t.is_empty()) {
        let i = Indicator::parse(t).ok_or_else(|| {
            let keys: Vec<String> = risk::INDICATORS
                .iter()
                .map(|i| format!("{} {}", i.key(), i.zh()))
                .collect();
            tr!(
                lang,
                "{flag} “{t}” 不是风险指标。可用：{}",
                "{flag} {t:?} is not a risk indicator. Known: {}",
                keys.join(", ")
            )
        })?;
        if !list.contains(&i) {
            list.push(i);
        }
    }
    Ok(list)
}
