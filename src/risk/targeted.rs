//! The risk stage's part of a targeted draw (重点抽查, `commit --targeted`): the set of cases a
//! commitment fixes before the seed, taken from one recorded scan (`risk/NNNN.json`) and the
//! indicators named, and the scan run again from its recorded parameters and stored tables so
//! `verify` can re-derive both. Choosing which of the set are drawn is the draw's business
//! (`Population::select_targeted`), not this module's.

use super::record::{ScanRecord, DIR};
use super::{Benchmarks, Indicator, RiskError, Scan};
use crate::i18n::Lang;
use crate::tr;
use crate::workspace::records::{RecordRef, TargetedSet};
use crate::workspace::Workspace;

/// A recorded scan with its reference: `number` or, without one, the latest.
pub fn recorded_scan(
    ws: &Workspace,
    number: Option<u32>,
    lang: Lang,
) -> Result<(ScanRecord, RecordRef), RiskError> {
    let list = super::record::recorded(ws)?;
    let found = match number {
        Some(n) => list.iter().find(|(m, _)| *m == n),
        None => list.last(),
    };
    let Some((n, file)) = found.cloned() else {
        return Err(RiskError::Io(match number {
            Some(n) => tr!(
                lang,
                "没有第 {n} 次风险筛查记录（{DIR}/{n:04}.json）。请用 anjuan risk 查看已记录的筛查",
                "there is no recorded risk scan {n} ({DIR}/{n:04}.json). Run anjuan risk to record one"
            ),
            None => tr!(
                lang,
                "工作区还没有记录过风险筛查。请先运行 anjuan risk（不加 --no-record），再承诺重点抽查",
                "the workspace has no recorded risk scan. Run anjuan risk (without --no-record) first, then commit the targeted files"
            ),
        }));
    };
    let path = ws.dir.join(&file);
    let bytes = std::fs::read(&path).map_err(|e| RiskError::Io(format!("{file}: {e}")))?;
    let sha256 = crate::workspace::ledger::sha256_hex(&bytes);
    ws.check_recorded(&file, &sha256)?;
    let rec: ScanRecord =
        serde_json::from_slice(&bytes).map_err(|e| RiskError::Io(format!("{file}: {e}")))?;
    Ok((
        rec,
        RecordRef {
            number: n,
            file,
            sha256,
        },
    ))
}

/// The ids the `indicators` flagged in `scan`, unique, in UTF-8 byte order.
pub fn flagged_by(scan: &Scan, indicators: &[Indicator]) -> Vec<String> {
    let set: std::collections::BTreeSet<&str> = scan
        .flagged
        .iter()
        .filter(|f| indicators.contains(&f.indicator))
        .map(|f| f.case_id.as_str())
        .collect();
    set.into_iter().map(str::to_string).collect()
}

/// The targeted set for a commitment: the cases `indicators` flagged in the recorded scan
/// `number` (the latest without one), at most `max` of them to be drawn.
pub fn targeted_set(
    ws: &Workspace,
    number: Option<u32>,
    indicators: &[Indicator],
    max: Option<u64>,
    lang: Lang,
) -> Result<TargetedSet, RiskError> {
    let (rec, scan_ref) = recorded_scan(ws, number, lang)?;
    let (campaign, _) = ws.campaign()?;
    if rec.scan.population_sha256 != campaign.population.sha256 {
        return Err(RiskError::Io(tr!(
            lang,
            "{} 不是本工作区总体的筛查",
            "{} is not a scan of this workspace's population",
            scan_ref.file
        )));
    }
    if let Some(missing) = indicators
        .iter()
        .find(|i| !rec.scan.params.indicators.contains(i))
    {
        return Err(RiskError::Io(tr!(
            lang,
            "{} 没有计算“{}”（{}）。请不带 --only（或在 --only 中加上它）重新运行 anjuan risk",
            "{} did not compute {} ({}). Run anjuan risk again without --only (or with it in --only)",
            scan_ref.file,
            missing.zh(),
            missing.en()
        )));
    }
    let candidates = flagged_by(&rec.scan, indicators);
    Ok(TargetedSet {
        indicators: indicators.iter().map(|i| i.key().to_string()).collect(),
        scan: scan_ref,
        max,
        candidates_sha256: TargetedSet::digest_of(&candidates),
        candidates,
    })
}

/// The recorded scan run again over the frozen cases, from its recorded parameters and the
/// stored copy of its 裁量基准 table.
pub fn rerun(ws: &Workspace, rec: &ScanRecord) -> Result<Scan, RiskError> {
    let benchmarks = match (&rec.benchmarks_copy, &rec.scan.benchmarks) {
        (Some(copy), Some(_)) => Some(Benchmarks::load(&ws.dir.join(copy))?),
        (None, Some(b)) => {
            return Err(RiskError::Io(format!(
                "the scan used the benchmarks table {} but kept no copy of it",
                b.file
            )))
        }
        _ => None,
    };
    super::scan(ws, &rec.scan.params, benchmarks.as_ref())
}

/// The indicator keys of a targeted set, parsed.
pub fn indicators_of(t: &TargetedSet) -> Option<Vec<Indicator>> {
    t.indicators.iter().map(|k| Indicator::parse(k)).collect()
}
