//! The scan as printable tables: one sheet per indicator and 各单位汇总, each with the footer
//! digests that tie it to the record (population, benchmarks, the flag list). Only the
//! 涉企检查频次 sheet names the entity; no other sheet shows 当事人.

use super::scan::{Flag, Scan};
use super::{Indicator, INDICATORS};
use crate::export::{Column, Table};
use crate::i18n::Lang;
use crate::tr;
use serde_json::Value;

fn columns(cols: &[(&str, &str, f64)], lang: Lang) -> Vec<Column> {
    cols.iter()
        .map(|(zh, en, w)| Column {
            header: lang.pick(zh, en).into(),
            width: *w,
        })
        .collect()
}

fn num(f: &Flag, key: &str) -> String {
    match f.numbers.get(key) {
        Some(Value::String(s)) => s.clone(),
        Some(Value::Null) | None => String::new(),
        Some(v) => v.to_string(),
    }
}

fn place(f: &Flag) -> String {
    match &f.sheet {
        Some(s) => format!("{} [{s}]", f.file),
        None => f.file.clone(),
    }
}

/// The footer every sheet of the report carries.
pub fn footer(scan: &Scan, lang: Lang) -> String {
    let bench = scan
        .benchmarks
        .as_ref()
        .map_or("-".to_string(), |b| b.sha256.clone());
    tr!(
        lang,
        "总体 {} | 裁量基准 {} | 筛查结果 {}",
        "population {} | benchmarks {} | scan result {}",
        scan.population_sha256,
        bench,
        scan.flagged_sha256
    )
}

fn preamble(scan: &Scan, lang: Lang) -> Vec<String> {
    let p = &scan.params;
    let mut out = vec![tr!(
        lang,
        "筛查范围：冻结总体全部 {} 件案卷（不限于抽中样本）",
        "scope: all {} frozen cases (not only the sample)",
        scan.cases
    )];
    out.push(tr!(
        lang,
        "参数：高额罚款线 {} 元；类案不同罚倍数 {}；涉企检查每年上限 {} 次",
        "parameters: high-fine line {} yuan; spread ratio {}; inspections per year at most {}",
        crate::register::amount::yuan(p.high_fine_fen),
        p.spread_ratio,
        p.inspection_limit
    ));
    if let Some(b) = &scan.benchmarks {
        out.push(tr!(
            lang,
            "裁量基准：{}（{} 行，SHA-256 {}）",
            "benchmarks: {} ({} rows, SHA-256 {})",
            b.file,
            b.rows,
            b.sha256
        ));
    }
    out
}

/// One table per indicator computed, then the per-agency summary.
pub fn tables(scan: &Scan, lang: Lang) -> Vec<Table> {
    let mut out = Vec::new();
    let footer = footer(scan, lang);
    let base: [(&str, &str, f64); 5] = [
        ("序号", "No.", 6.0),
        ("案号", "Case id", 26.0),
        ("执法机关", "Agency", 22.0),
        ("来源文件", "File", 20.0),
        ("行", "Row", 6.0),
    ];
    for ind in INDICATORS.into_iter().filter(|i| scan.params.wants(*i)) {
        let extra: Vec<(&str, &str, f64, &str)> = match ind {
            Indicator::TopFine | Indicator::OutsideRange => vec![
                ("罚款（元）", "Fine (yuan)", 12.0, "fine"),
                ("基准最低（元）", "Lowest (yuan)", 12.0, "low"),
                ("基准最高（元）", "Highest (yuan)", 12.0, "high"),
                ("基准表行", "Benchmark row", 8.0, "benchmark_row"),
            ],
            Indicator::HighFine => vec![
                ("罚款（元）", "Fine (yuan)", 12.0, "fine"),
                ("高额线（元）", "Line (yuan)", 12.0, "threshold"),
            ],
            Indicator::UnequalFines => vec![
                ("类案组", "Cluster", 6.0, "#cluster"),
                ("违法行为", "Violation", 24.0, "violation"),
                ("依据", "Basis", 20.0, "basis"),
                ("罚款（元）", "Fine (yuan)", 12.0, "fine"),
                ("组内最低", "Cluster low", 12.0, "cluster_low"),
                ("组内最高", "Cluster high", 12.0, "cluster_high"),
                ("倍数", "Ratio", 8.0, "ratio"),
            ],
            Indicator::Overdue => vec![
                ("立案日期", "Filed", 12.0, "filed_date"),
                ("决定日期", "Decided", 12.0, "decided_date"),
                ("用时（日）", "Days", 8.0, "days"),
                ("期限", "Limit", 8.0, "limit"),
                ("依据", "Basis", 20.0, "basis"),
                ("说明", "Note", 30.0, "#note"),
            ],
            Indicator::TimeBarred => vec![
                ("违法行为发生日期", "Violation date", 14.0, "violation_date"),
                ("立案日期", "Filed", 12.0, "filed_date"),
                ("相隔（日）", "Days", 8.0, "days"),
                ("时效", "Limit", 8.0, "limit"),
                ("依据", "Basis", 20.0, "basis"),
            ],
            Indicator::InspectionFrequency => vec![
                ("类案组", "Group", 6.0, "#cluster"),
                ("被检查主体", "Entity", 28.0, "#entity"),
                ("年度", "Year", 6.0, "year"),
                ("检查日期", "Date", 12.0, "date"),
                ("当年次数", "Count", 8.0, "count"),
                ("上限", "Limit", 6.0, "limit"),
            ],
        };
        let mut cols: Vec<(&str, &str, f64)> = base.to_vec();
        cols.extend(extra.iter().map(|(z, e, w, _)| (*z, *e, *w)));
        let rows: Vec<Vec<String>> = scan
            .flags(ind)
            .enumerate()
            .map(|(i, f)| {
                let mut r = vec![
                    (i + 1).to_string(),
                    f.case_id.clone(),
                    f.agency.clone(),
                    place(f),
                    f.row.to_string(),
                ];
                for (_, _, _, key) in &extra {
                    r.push(match *key {
                        "#cluster" => f.cluster.map(|c| c.to_string()).unwrap_or_default(),
                        "#entity" => f.entity.clone().unwrap_or_default(),
                        "#note" => f.note.clone().unwrap_or_default(),
                        k => num(f, k),
                    });
                }
                r
            })
            .collect();
        let mut pre = preamble(scan, lang);
        pre.insert(
            0,
            tr!(lang, "规则：{}", "rule: {}", ind.rule(&scan.params, lang)),
        );
        pre.push(tr!(
            lang,
            "可检查 {} 件，列出 {} 件",
            "{} cases could be checked, {} listed",
            scan.checked.get(&ind).copied().unwrap_or(0),
            rows.len()
        ));
        out.push(Table {
            name: ind.name(lang).into(),
            title: tr!(lang, "风险筛查：{}", "Risk scan: {}", ind.name(lang)),
            preamble: pre,
            columns: columns(&cols, lang),
            rows,
            signatures: Vec::new(),
            footer: footer.clone(),
        });
    }
    // 各单位汇总
    let wanted: Vec<Indicator> = INDICATORS
        .into_iter()
        .filter(|i| scan.params.wants(*i))
        .collect();
    let mut cols: Vec<(String, f64)> = vec![
        (lang.pick("执法机关", "Agency").into(), 24.0),
        (lang.pick("案卷数", "Cases").into(), 8.0),
    ];
    cols.extend(wanted.iter().map(|i| (i.name(lang).to_string(), 10.0)));
    cols.push((lang.pick("涉及案卷", "Cases flagged").into(), 10.0));
    let mut per_agency_cases: std::collections::BTreeMap<&str, std::collections::BTreeSet<&str>> =
        Default::default();
    for f in &scan.flagged {
        per_agency_cases
            .entry(f.agency.as_str())
            .or_default()
            .insert(f.case_id.as_str());
    }
    let rows = scan
        .summary
        .iter()
        .map(|(agency, s)| {
            let mut r = vec![agency.clone(), s.cases.to_string()];
            r.extend(
                wanted
                    .iter()
                    .map(|i| s.flagged.get(i).copied().unwrap_or(0).to_string()),
            );
            r.push(
                per_agency_cases
                    .get(agency.as_str())
                    .map_or(0, |s| s.len())
                    .to_string(),
            );
            r
        })
        .collect();
    out.push(Table {
        name: lang.pick("各单位汇总", "By agency").into(),
        title: lang
            .pick("风险筛查各单位汇总", "Risk scan by agency")
            .into(),
        preamble: preamble(scan, lang),
        columns: cols
            .into_iter()
            .map(|(header, width)| Column { header, width })
            .collect(),
        rows,
        signatures: Vec::new(),
        footer,
    });
    out
}
