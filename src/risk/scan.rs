//! The scan: every case in the workspace's `cases.jsonl` (the frozen population), streamed line
//! by line. Single-case indicators are decided as each line passes; the two grouped ones (类案不同罚,
//! 涉企检查频次) keep only a group number, an amount and a line number per case, and a second pass
//! reads back just the lines of flagged groups — so memory grows with the groups, not the text.
//!
//! The result is deterministic: flags sorted by indicator then case id (UTF-8 bytes), numbers in
//! ordered maps, and `flagged_sha256` the SHA-256 of the flag list's compact JSON.

use super::benchmarks::{Benchmarks, Circumstance};
use super::limits::{Period, TimeRule};
use super::params::RiskParams;
use super::{Indicator, RiskError};
use crate::register::amount::yuan;
use crate::workspace::{ledger, Workspace, WorkspaceError, CASES};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use serde_json::{json, Value};
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::io::BufRead;

/// One flagged case under one indicator.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Flag {
    pub indicator: Indicator,
    pub case_id: String,
    pub agency: String,
    /// The register file as the user named it, and the row as the spreadsheet shows it.
    pub file: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sheet: Option<String>,
    pub row: u64,
    /// What the rule compared: amounts in yuan text and fen, dates, days, limits.
    pub numbers: BTreeMap<String, Value>,
    /// The group of a grouped indicator (类案不同罚, 涉企检查频次), numbered from 1.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cluster: Option<u32>,
    /// The inspected entity (涉企检查频次 only, where it is the point; docs/RISK.md).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub entity: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// A group a grouped indicator flags, with its amounts.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Cluster {
    pub indicator: Indicator,
    pub number: u32,
    pub agency: String,
    /// 违法行为 and 依据 (类案不同罚), or the entity and year (涉企检查频次).
    pub key: Vec<String>,
    /// (case id, fine in fen or 0) sorted by case id.
    pub cases: Vec<(String, u64)>,
}

/// Per agency: cases scanned and cases flagged per indicator.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct AgencySummary {
    pub cases: u64,
    pub flagged: BTreeMap<Indicator, u64>,
}

/// The digest and name of a table the scan used.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TableRef {
    pub file: String,
    pub sha256: String,
    pub rows: usize,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Scan {
    pub params: RiskParams,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub benchmarks: Option<TableRef>,
    pub population_sha256: String,
    pub cases_sha256: String,
    pub cases: u64,
    /// How many cases each indicator could look at (had the columns it needs).
    pub checked: BTreeMap<Indicator, u64>,
    pub flagged: Vec<Flag>,
    pub clusters: Vec<Cluster>,
    pub summary: BTreeMap<String, AgencySummary>,
    pub flagged_sha256: String,
}

impl Scan {
    /// The case ids one indicator flagged, in UTF-8 byte order.
    pub fn case_ids(&self, indicator: Indicator) -> BTreeSet<&str> {
        self.flagged
            .iter()
            .filter(|f| f.indicator == indicator)
            .map(|f| f.case_id.as_str())
            .collect()
    }

    /// Every case some indicator flagged.
    pub fn flagged_ids(&self) -> BTreeSet<&str> {
        self.flagged.iter().map(|f| f.case_id.as_str()).collect()
    }

    pub fn flags(&self, indicator: Indicator) -> impl Iterator<Item = &Flag> {
        self.flagged
            .iter()
            .filter(move |f| f.indicator == indicator)
    }
}

/// The digest of a flag list, as `Scan::flagged_sha256`.
pub fn flagged_digest(flags: &[Flag]) -> String {
    ledger::sha256_hex(&serde_json::to_vec(flags).unwrap_or_default())
}

/// The fields of a `cases.jsonl` line the scan reads.
#[derive(Deserialize)]
struct Line {
    id: String,
    #[serde(default)]
    agency: String,
    #[serde(default)]
    case_type: String,
    #[serde(default)]
    closed_date: String,
    #[serde(default)]
    party: String,
    #[serde(default)]
    source: usize,
    #[serde(default)]
    sheet: Option<String>,
    #[serde(default)]
    row: u64,
    #[serde(default)]
    violation: String,
    #[serde(default)]
    basis: String,
    #[serde(default)]
    circumstance: String,
    #[serde(default)]
    fine_fen: Option<u64>,
    #[serde(default)]
    procedure: String,
    #[serde(default)]
    filed_date: String,
    #[serde(default)]
    decided_date: String,
    #[serde(default)]
    violation_date: String,
    #[serde(default)]
    extension: Option<crate::register::import::Extension>,
    #[serde(default)]
    credit_code: String,
}

fn date(text: &str) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(text, "%Y-%m-%d").ok()
}

fn money(fen: u64) -> Value {
    json!(yuan(fen))
}

/// Interns group keys to small numbers.
#[derive(Default)]
struct Groups {
    index: HashMap<(String, String, String), u32>,
    keys: Vec<(String, String, String)>,
}

impl Groups {
    fn id(&mut self, key: (&str, &str, &str)) -> u32 {
        // Look up without allocating; allocate only for a new group.
        let k = (key.0.to_string(), key.1.to_string(), key.2.to_string());
        if let Some(&i) = self.index.get(&k) {
            return i;
        }
        let i = self.keys.len() as u32;
        self.keys.push(k.clone());
        self.index.insert(k, i);
        i
    }
}

/// Scan every frozen case of `ws`.
pub fn scan(
    ws: &Workspace,
    params: &RiskParams,
    benchmarks: Option<&Benchmarks>,
) -> Result<Scan, RiskError> {
    let (campaign, _) = ws.campaign()?;
    let files: Vec<String> = campaign.registers.iter().map(|r| r.file.clone()).collect();
    let path = ws.dir.join(CASES);
    let open = || {
        std::fs::File::open(&path)
            .map(|f| std::io::BufReader::with_capacity(1 << 20, f))
            .map_err(|e| WorkspaceError::Io(format!("{}: {e}", path.display())))
    };
    let damaged =
        |n: u64, e: serde_json::Error| WorkspaceError::Damaged(format!("{CASES} line {n}: {e}"));

    let mut flagged: Vec<Flag> = Vec::new();
    let mut checked: BTreeMap<Indicator, u64> = params.indicators.iter().map(|&i| (i, 0)).collect();
    let mut summary: BTreeMap<String, AgencySummary> = BTreeMap::new();
    let mut agency_run: (String, u64) = (String::new(), 0);
    let mut fine_groups = Groups::default();
    let mut fined: Vec<(u32, u64, u64)> = Vec::new(); // (group, fen, line)
    let mut visit_groups = Groups::default();
    let mut visits: Vec<(u32, u64)> = Vec::new(); // (group, line)
    let mut cases = 0u64;
    let mut hasher = <sha2::Sha256 as sha2::Digest>::new();

    let want = |i: Indicator| params.wants(i);
    let mut line = String::new();
    let mut reader = open()?;
    let mut n: u64 = 0;
    loop {
        line.clear();
        let read = reader
            .read_line(&mut line)
            .map_err(|e| WorkspaceError::Io(format!("{CASES}: {e}")))?;
        if read == 0 {
            break;
        }
        sha2::Digest::update(&mut hasher, line.as_bytes());
        n += 1;
        if line.trim().is_empty() {
            continue;
        }
        let c: Line = serde_json::from_str(&line).map_err(|e| damaged(n, e))?;
        cases += 1;
        if agency_run.0 == c.agency {
            agency_run.1 += 1;
        } else {
            let (a, k) = std::mem::replace(&mut agency_run, (c.agency.clone(), 1));
            if k > 0 {
                summary.entry(a).or_default().cases += k;
            }
        }
        let flag =
            |indicator: Indicator, numbers: BTreeMap<String, Value>, note: Option<String>| Flag {
                indicator,
                case_id: c.id.clone(),
                agency: c.agency.clone(),
                file: files.get(c.source).cloned().unwrap_or_default(),
                sheet: c.sheet.clone(),
                row: c.row,
                numbers,
                cluster: None,
                entity: None,
                note,
            };
        let texts = [
            c.procedure.as_str(),
            c.case_type.as_str(),
            c.violation.as_str(),
            c.basis.as_str(),
        ];

        // Fines. A fine of 0 is no fine (a warning, 不予处罚).
        if let Some(fine) = c.fine_fen.filter(|&f| f > 0) {
            if want(Indicator::HighFine) {
                *checked.entry(Indicator::HighFine).or_default() += 1;
                if fine > params.high_fine_fen {
                    let mut m = BTreeMap::new();
                    m.insert("fine".into(), money(fine));
                    m.insert("fine_fen".into(), json!(fine));
                    m.insert("threshold".into(), money(params.high_fine_fen));
                    flagged.push(flag(Indicator::HighFine, m, None));
                }
            }
            let range = benchmarks.and_then(|b| {
                b.range_for(&c.violation, &c.basis, Circumstance::parse(&c.circumstance))
            });
            if let Some(r) = range {
                let mut m = BTreeMap::new();
                m.insert("fine".into(), money(fine));
                m.insert("fine_fen".into(), json!(fine));
                m.insert("low".into(), money(r.low_fen));
                m.insert("high".into(), money(r.high_fen));
                m.insert("benchmark_row".into(), json!(r.row));
                if want(Indicator::TopFine) {
                    *checked.entry(Indicator::TopFine).or_default() += 1;
                    if fine == r.high_fen {
                        flagged.push(flag(Indicator::TopFine, m.clone(), None));
                    }
                }
                if want(Indicator::OutsideRange) {
                    *checked.entry(Indicator::OutsideRange).or_default() += 1;
                    if fine < r.low_fen || fine > r.high_fen {
                        let side = if fine < r.low_fen { "below" } else { "above" };
                        m.insert("side".into(), json!(side));
                        flagged.push(flag(Indicator::OutsideRange, m, None));
                    }
                }
            }
            if want(Indicator::UnequalFines) && !(c.violation.is_empty() && c.basis.is_empty()) {
                *checked.entry(Indicator::UnequalFines).or_default() += 1;
                let g = fine_groups.id((&c.agency, &c.violation, &c.basis));
                fined.push((g, fine, n));
            }
        }

        // 超期办结: 立案 → decision (决定日期, else 办结日期).
        let filed = date(&c.filed_date);
        let (decided, decided_from) = match date(&c.decided_date) {
            Some(d) => (Some(d), "decided_date"),
            None => (date(&c.closed_date), "closed_date"),
        };
        if want(Indicator::Overdue) {
            if let (Some(f), Some(d)) = (filed, decided) {
                if let Some(rule) = params.limits.rule_for(Indicator::Overdue, &texts) {
                    if let Some(limit) = rule.limit {
                        *checked.entry(Indicator::Overdue).or_default() += 1;
                        if let Some(fl) = overdue(&c, f, d, decided_from, limit, rule) {
                            flagged.push(flag(Indicator::Overdue, fl.0, fl.1));
                        }
                    }
                }
            }
        }

        // 超过追责时效: violation → 立案.
        if want(Indicator::TimeBarred) {
            if let (Some(v), Some(f)) = (date(&c.violation_date), filed) {
                if let Some(rule) = params.limits.rule_for(Indicator::TimeBarred, &texts) {
                    if let Some(limit) = rule.limit {
                        *checked.entry(Indicator::TimeBarred).or_default() += 1;
                        let last = limit.last_day(v);
                        if last.is_some_and(|last| f > last) {
                            let mut m = BTreeMap::new();
                            m.insert("violation_date".into(), json!(v.to_string()));
                            m.insert("filed_date".into(), json!(f.to_string()));
                            m.insert("days".into(), json!((f - v).num_days()));
                            m.insert("limit".into(), json!(limit.text()));
                            m.insert("basis".into(), json!(rule.basis));
                            flagged.push(flag(Indicator::TimeBarred, m, None));
                        }
                    }
                }
            }
        }

        // 涉企检查频次: inspections of one entity by one agency per calendar year.
        if want(Indicator::InspectionFrequency)
            && params
                .inspection_types
                .iter()
                .any(|t| c.case_type.contains(t.as_str()) || c.procedure.contains(t.as_str()))
        {
            let entity = if c.credit_code.is_empty() {
                c.party.trim()
            } else {
                c.credit_code.trim()
            };
            let day = date(&c.closed_date).or(decided).or(filed);
            if let (false, Some(day)) = (entity.is_empty(), day) {
                *checked.entry(Indicator::InspectionFrequency).or_default() += 1;
                let year = chrono::Datelike::year(&day).to_string();
                let g = visit_groups.id((&c.agency, entity, &year));
                visits.push((g, n));
            }
        }
    }
    if agency_run.1 > 0 {
        summary.entry(agency_run.0).or_default().cases += agency_run.1;
    }
    let cases_sha256 = crate::draw::ticket::hex(&sha2::Digest::finalize(hasher).into());

    // Grouped indicators: decide the groups, then read back only their lines.
    let mut wanted: HashMap<u64, (Indicator, u32)> = HashMap::new();
    let mut cluster_of_group: HashMap<(Indicator, u32), usize> = HashMap::new();
    let mut clusters: Vec<Cluster> = Vec::new();
    {
        let mut lo: HashMap<u32, (u64, u64, u32)> = HashMap::new(); // group → (min, max, count)
        for &(g, fen, _) in &fined {
            let e = lo.entry(g).or_insert((u64::MAX, 0, 0));
            e.0 = e.0.min(fen);
            e.1 = e.1.max(fen);
            e.2 += 1;
        }
        let mut hit: Vec<u32> = lo
            .iter()
            .filter(|(_, &(min, max, count))| {
                count >= params.min_cluster && params.spread_ratio.exceeded(max, min)
            })
            .map(|(&g, _)| g)
            .collect();
        hit.sort_by(|a, b| fine_groups.keys[*a as usize].cmp(&fine_groups.keys[*b as usize]));
        for g in hit {
            let (agency, v, b) = fine_groups.keys[g as usize].clone();
            cluster_of_group.insert((Indicator::UnequalFines, g), clusters.len());
            clusters.push(Cluster {
                indicator: Indicator::UnequalFines,
                number: clusters.len() as u32 + 1,
                agency,
                key: vec![v, b],
                cases: Vec::new(),
            });
        }
        for &(g, _, line) in &fined {
            if cluster_of_group.contains_key(&(Indicator::UnequalFines, g)) {
                wanted.insert(line, (Indicator::UnequalFines, g));
            }
        }
    }
    drop(fined);
    let first_visit_cluster = clusters.len();
    {
        let mut count: HashMap<u32, u32> = HashMap::new();
        for &(g, _) in &visits {
            *count.entry(g).or_default() += 1;
        }
        let mut hit: Vec<u32> = count
            .iter()
            .filter(|(_, &k)| k > params.inspection_limit)
            .map(|(&g, _)| g)
            .collect();
        hit.sort_by(|a, b| visit_groups.keys[*a as usize].cmp(&visit_groups.keys[*b as usize]));
        for g in hit {
            let (agency, entity, year) = visit_groups.keys[g as usize].clone();
            cluster_of_group.insert((Indicator::InspectionFrequency, g), clusters.len());
            clusters.push(Cluster {
                indicator: Indicator::InspectionFrequency,
                number: (clusters.len() - first_visit_cluster) as u32 + 1,
                agency,
                key: vec![entity, year],
                cases: Vec::new(),
            });
        }
        for &(g, line) in &visits {
            if cluster_of_group.contains_key(&(Indicator::InspectionFrequency, g)) {
                wanted.insert(line, (Indicator::InspectionFrequency, g));
            }
        }
    }
    drop(visits);

    let mut grouped: Vec<(usize, Flag, u64)> = Vec::new();
    if !wanted.is_empty() {
        let mut reader = open()?;
        let mut n: u64 = 0;
        loop {
            line.clear();
            let read = reader
                .read_line(&mut line)
                .map_err(|e| WorkspaceError::Io(format!("{CASES}: {e}")))?;
            if read == 0 {
                break;
            }
            n += 1;
            let Some(&(indicator, g)) = wanted.get(&n) else {
                continue;
            };
            let c: Line = serde_json::from_str(&line).map_err(|e| damaged(n, e))?;
            let at = cluster_of_group[&(indicator, g)];
            let fen = c.fine_fen.unwrap_or(0);
            clusters[at].cases.push((c.id.clone(), fen));
            let mut m = BTreeMap::new();
            let entity = if indicator == Indicator::UnequalFines {
                m.insert("fine".into(), money(fen));
                m.insert("fine_fen".into(), json!(fen));
                m.insert("violation".into(), json!(c.violation));
                m.insert("basis".into(), json!(c.basis));
                None
            } else {
                let day = date(&c.closed_date)
                    .or(date(&c.decided_date))
                    .or(date(&c.filed_date));
                m.insert("date".into(), json!(day.map(|d| d.to_string())));
                m.insert("limit".into(), json!(params.inspection_limit));
                let name = if c.party.is_empty() {
                    c.credit_code.clone()
                } else if c.credit_code.is_empty() {
                    c.party.clone()
                } else {
                    format!("{}（{}）", c.party, c.credit_code)
                };
                Some(name)
            };
            grouped.push((
                at,
                Flag {
                    indicator,
                    case_id: c.id,
                    agency: c.agency,
                    file: files.get(c.source).cloned().unwrap_or_default(),
                    sheet: c.sheet,
                    row: c.row,
                    numbers: m,
                    cluster: Some(clusters[at].number),
                    entity,
                    note: None,
                },
                fen,
            ));
        }
    }
    for cl in &mut clusters {
        cl.cases.sort();
    }
    for (at, mut f, _) in grouped {
        let cl = &clusters[at];
        if f.indicator == Indicator::UnequalFines {
            let min = cl.cases.iter().map(|c| c.1).min().unwrap_or(0);
            let max = cl.cases.iter().map(|c| c.1).max().unwrap_or(0);
            f.numbers.insert("cluster_low".into(), money(min));
            f.numbers.insert("cluster_high".into(), money(max));
            f.numbers
                .insert("cluster_size".into(), json!(cl.cases.len()));
            f.numbers
                .insert("ratio".into(), json!(ratio_text(max, min)));
        } else {
            f.numbers.insert("count".into(), json!(cl.cases.len()));
            f.numbers.insert("year".into(), json!(cl.key[1]));
        }
        flagged.push(f);
    }

    flagged.sort_by(|a, b| {
        (a.indicator, a.case_id.as_bytes()).cmp(&(b.indicator, b.case_id.as_bytes()))
    });
    for f in &flagged {
        *summary
            .entry(f.agency.clone())
            .or_default()
            .flagged
            .entry(f.indicator)
            .or_default() += 1;
    }
    let flagged_sha256 = flagged_digest(&flagged);
    Ok(Scan {
        params: params.clone(),
        benchmarks: benchmarks.map(|b| TableRef {
            file: b.file.clone(),
            sha256: b.sha256.clone(),
            rows: b.rows.len(),
        }),
        population_sha256: campaign.population.sha256.clone(),
        cases_sha256,
        cases,
        checked,
        flagged,
        clusters,
        summary,
        flagged_sha256,
    })
}

/// Highest ÷ lowest with two decimals, rounded down, exactly.
fn ratio_text(high: u64, low: u64) -> String {
    if low == 0 {
        return "∞".into();
    }
    let h = (high as u128) * 100 / (low as u128);
    format!("{}.{:02}", h / 100, h % 100)
}

type Numbers = (BTreeMap<String, Value>, Option<String>);

fn overdue(
    c: &Line,
    filed: NaiveDate,
    decided: NaiveDate,
    decided_from: &str,
    limit: Period,
    rule: &TimeRule,
) -> Option<Numbers> {
    let base = limit.last_day(filed)?;
    let days = (decided - filed).num_days();
    let ext_days = c.extension.and_then(|e| e.days);
    let last = match ext_days {
        Some(d) => base.checked_add_days(chrono::Days::new(d as u64))?,
        None => base,
    };
    if decided <= last {
        return None;
    }
    let mut m = BTreeMap::new();
    m.insert("filed_date".into(), json!(filed.to_string()));
    m.insert("decided_date".into(), json!(decided.to_string()));
    m.insert("decided_from".into(), json!(decided_from));
    m.insert("days".into(), json!(days));
    m.insert("limit".into(), json!(limit.text()));
    m.insert("basis".into(), json!(rule.basis));
    let note = match (c.extension, ext_days) {
        (Some(_), Some(d)) => {
            m.insert("extension_days".into(), json!(d));
            Some(format!(
                "延期 {d} 日后仍超期 / late even after the recorded {d}-day extension"
            ))
        }
        (Some(_), None) => {
            m.insert("extension".into(), json!("recorded"));
            Some("有延期记录但未写天数，请核对延期审批 / an extension is recorded without its days: check the approval".into())
        }
        _ => None,
    };
    Some((m, note))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ratio_text_is_exact() {
        assert_eq!(ratio_text(300, 100), "3.00");
        assert_eq!(ratio_text(1000, 300), "3.33");
        assert_eq!(ratio_text(5, 0), "∞");
    }
}
