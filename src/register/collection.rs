//! The collection round: the office's list of agencies that must report (执法机关名单) checked
//! against the registers before anything is frozen — who sent a register, who declared no cases
//! (零报告), who is missing, and which agency names in the registers are not on the list (a typo
//! such as 县林业局 for 攸县林业局 must not become a stratum of its own unnoticed). It decides and
//! records; the caller refuses to freeze while any problem stands.

use super::columns::{normalise, Role};
use super::import::read_problem;
use super::problem::{Place, Problem, ProblemKind};
use super::reader::{self, RecordSink};
use super::record::Record;
use crate::i18n::Lang;
use crate::tr;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::path::Path;

/// A list longer than this is not a county's or a city's list of agencies.
pub const MAX_AGENCIES: usize = 10_000;

/// The office's list as read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AgencyList {
    pub file: String,
    pub sha256: String,
    pub names: Vec<String>,
}

/// What the user said at `init` besides the list.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct CollectionPlan {
    pub list: Option<std::path::PathBuf>,
    pub zero_reports: Vec<String>,
    /// (name, reason) for each agency frozen without its register.
    pub allow_missing: Vec<(String, String)>,
}

/// `campaign.json` → `collection`: the outcome of the round, printed on the witness sheet.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CollectionRecord {
    /// The list as the user named it, and its copy in the workspace.
    pub list_file: String,
    pub stored_as: String,
    pub list_sha256: String,
    /// Every agency on the list, in its order.
    pub expected: Vec<String>,
    /// Agencies that sent cases, with the number of case rows in their registers.
    pub reported: Vec<ReportedAgency>,
    /// Agencies that declared they had no cases (零报告).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub zero_reports: Vec<String>,
    /// Agencies frozen without a register, with the reason given.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub missing_allowed: Vec<MissingAgency>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ReportedAgency {
    pub name: String,
    pub rows: u64,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MissingAgency {
    pub name: String,
    pub reason: String,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum CollectionProblem {
    /// The list itself could not be read, or holds a name twice.
    List(Vec<Problem>),
    /// A name in the registers is not on the list.
    Unlisted {
        name: String,
        rows: u64,
        like: Option<String>,
    },
    /// A listed agency sent nothing and declared nothing.
    Missing { name: String },
    /// Declared no cases, yet its cases are in the registers.
    ZeroWithCases { name: String, rows: u64 },
    /// `--zero-report` / `--allow-missing` name an agency not on the list.
    NotListed { flag: &'static str, name: String },
    /// `--allow-missing` without a reason.
    NoReason { name: String },
    /// The registers hold no agency column to check against the list.
    NoAgencyColumn,
    /// `--zero-report` / `--allow-missing` without `--agencies`.
    NoList,
}

impl CollectionProblem {
    pub fn render(&self, lang: Lang) -> String {
        use CollectionProblem::*;
        match self {
            List(ps) => ps
                .iter()
                .map(|p| p.render(lang))
                .collect::<Vec<_>>()
                .join("\n"),
            Unlisted { name, rows, like } => {
                let hint = match like {
                    Some(l) => tr!(lang, "是否应为“{l}”？", "Did you mean {l:?}? "),
                    None => String::new(),
                };
                tr!(
                    lang,
                    "案卷目录中的执法机关“{name}”（{rows} 行）不在执法机关名单中。{hint}请更正案卷目录中的机关名称，或把它加入名单",
                    "the agency {name:?} ({rows} rows) in the registers is not on the list of agencies. {hint}Correct the name in the register, or add it to the list"
                )
            }
            Missing { name } => tr!(
                lang,
                "名单中的“{name}”没有报送案卷目录。请收齐后再冻结；如该机关确无案件，用 --zero-report {name} 登记零报告；如须先行冻结，用 --allow-missing {name} --reason \"原因\"",
                "{name:?} on the list sent no register. Collect it before freezing; if it had no cases, record a zero report with --zero-report {name}; to freeze without it, pass --allow-missing {name} --reason \"why\""
            ),
            ZeroWithCases { name, rows } => tr!(
                lang,
                "“{name}”登记为零报告，但案卷目录中有它的 {rows} 行案件。请核实后去掉 --zero-report {name} 或更正案卷目录",
                "{name:?} is recorded as a zero report, yet the registers hold {rows} of its case rows. Check, then drop --zero-report {name} or correct the register"
            ),
            NotListed { flag, name } => tr!(
                lang,
                "{flag} 指定的“{name}”不在执法机关名单中。请检查名称",
                "{flag} names {name:?}, which is not on the list of agencies. Check the name"
            ),
            NoReason { name } => tr!(
                lang,
                "--allow-missing {name} 需要用 --reason \"原因\" 说明为何缺少其案卷目录",
                "--allow-missing {name} needs --reason \"why\": say why its register is missing"
            ),
            NoList => tr!(
                lang,
                "--zero-report 和 --allow-missing 需要同时用 --agencies 文件 给出执法机关名单",
                "--zero-report and --allow-missing need the list of agencies: --agencies FILE"
            ),
            NoAgencyColumn => tr!(
                lang,
                "案卷目录没有执法机关列，无法与执法机关名单核对。请用 --agency-for 或 --agency-from-sheet 为各文件指定机关",
                "the registers have no agency column to check against the list. Give each file its agency with --agency-for or --agency-from-sheet"
            ),
        }
    }
}

/// Collects the non-blank rows' cells of a small file.
#[derive(Default)]
struct Rows(Vec<(u64, Vec<String>)>);

impl RecordSink for Rows {
    fn record(&mut self, rec: &Record) -> bool {
        if !rec.is_blank() {
            self.0.push((
                rec.row,
                (0..rec.len())
                    .map(|i| rec.text(i).trim().to_string())
                    .collect(),
            ));
        }
        self.0.len() <= MAX_AGENCIES + 50
    }

    fn restart(&mut self) {
        self.0.clear();
    }
}

/// Read the list: one name a row, in the column headed 执法机关 (or another agency alias) when
/// the first rows hold such a header, else in the first column. Rows above that header (a title)
/// are not names.
pub fn read_list(path: &Path) -> Result<AgencyList, Vec<Problem>> {
    let file = path.display().to_string();
    let mut rows = Rows::default();
    let scanned = reader::read_any(path, &reader::ReadOptions::default(), &mut rows)
        .map_err(|e| vec![Problem::new(Place::file(&file), read_problem(e))])?;
    let header = rows.0.iter().take(10).position(|(_, cells)| {
        cells
            .iter()
            .any(|c| Role::Agency.aliases().contains(&normalise(c).as_str()))
    });
    let (column, body) = match header {
        Some(h) => {
            let col = rows.0[h]
                .1
                .iter()
                .position(|c| Role::Agency.aliases().contains(&normalise(c).as_str()))
                .unwrap_or(0);
            (col, &rows.0[h + 1..])
        }
        None => (0, &rows.0[..]),
    };
    let mut names: Vec<String> = Vec::new();
    let mut seen: BTreeMap<String, u64> = BTreeMap::new();
    let mut problems = Vec::new();
    for (row, cells) in body {
        let Some(name) = cells.get(column).filter(|c| !c.is_empty()) else {
            continue;
        };
        if let Some(first) = seen.get(name) {
            problems.push(Problem::new(
                Place {
                    row: Some(*row),
                    ..Place::file(&file)
                },
                ProblemKind::DuplicateId {
                    id: name.clone(),
                    rows: vec![first.to_string(), row.to_string()],
                },
            ));
            continue;
        }
        seen.insert(name.clone(), *row);
        names.push(name.clone());
    }
    if names.is_empty() && problems.is_empty() {
        problems.push(Problem::new(Place::file(&file), ProblemKind::HeaderOnly));
    }
    if names.len() > MAX_AGENCIES {
        problems.push(Problem::new(
            Place::file(&file),
            ProblemKind::TooMany {
                more: (names.len() - MAX_AGENCIES) as u64,
            },
        ));
    }
    if !problems.is_empty() {
        return Err(problems);
    }
    Ok(AgencyList {
        file,
        sha256: scanned.sha256,
        names,
    })
}

/// Check the agencies found in the registers (name → case rows) against the list.
pub fn check(
    list: &AgencyList,
    found: &BTreeMap<String, u64>,
    plan: &CollectionPlan,
    stored_as: &str,
) -> Result<CollectionRecord, Vec<CollectionProblem>> {
    let mut problems = Vec::new();
    let listed = |n: &str| list.names.iter().any(|l| l == n);
    for (flag, names) in [
        ("--zero-report", plan.zero_reports.clone()),
        (
            "--allow-missing",
            plan.allow_missing.iter().map(|(n, _)| n.clone()).collect(),
        ),
    ] {
        for name in names.into_iter().filter(|n| !listed(n)) {
            problems.push(CollectionProblem::NotListed { flag, name });
        }
    }
    for (name, reason) in &plan.allow_missing {
        if reason.trim().is_empty() {
            problems.push(CollectionProblem::NoReason { name: name.clone() });
        }
    }
    for (name, rows) in found {
        if !listed(name) {
            problems.push(CollectionProblem::Unlisted {
                name: name.clone(),
                rows: *rows,
                like: closest(name, &list.names),
            });
        }
    }
    let mut reported = Vec::new();
    let mut missing_allowed = Vec::new();
    for name in &list.names {
        let zero = plan.zero_reports.contains(name);
        match found.get(name) {
            Some(&rows) if zero => {
                problems.push(CollectionProblem::ZeroWithCases {
                    name: name.clone(),
                    rows,
                });
            }
            Some(&rows) => reported.push(ReportedAgency {
                name: name.clone(),
                rows,
            }),
            None if zero => {}
            None => match plan.allow_missing.iter().find(|(n, _)| n == name) {
                Some((_, reason)) => missing_allowed.push(MissingAgency {
                    name: name.clone(),
                    reason: reason.trim().to_string(),
                }),
                None => problems.push(CollectionProblem::Missing { name: name.clone() }),
            },
        }
    }
    if !problems.is_empty() {
        return Err(problems);
    }
    Ok(CollectionRecord {
        list_file: list.file.clone(),
        stored_as: stored_as.to_string(),
        list_sha256: list.sha256.clone(),
        expected: list.names.clone(),
        reported,
        zero_reports: list
            .names
            .iter()
            .filter(|n| plan.zero_reports.contains(n))
            .cloned()
            .collect(),
        missing_allowed,
    })
}

/// The listed name most like an unlisted one: one holds the other (县林业局 / 攸县林业局), or
/// they differ in at most two characters.
fn closest(name: &str, names: &[String]) -> Option<String> {
    let a: Vec<char> = name.chars().collect();
    names
        .iter()
        .filter_map(|n| {
            let b: Vec<char> = n.chars().collect();
            let d = if n.contains(name) || name.contains(n.as_str()) {
                a.len().abs_diff(b.len()).min(2)
            } else {
                edit_distance(&a, &b)
            };
            (d <= 2).then_some((d, n))
        })
        .min_by_key(|(d, n)| (*d, (*n).clone()))
        .map(|(_, n)| n.clone())
}

fn edit_distance(a: &[char], b: &[char]) -> usize {
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.iter().enumerate() {
        let mut cur = vec![i + 1; b.len() + 1];
        for (j, cb) in b.iter().enumerate() {
            cur[j + 1] = (prev[j] + usize::from(ca != cb))
                .min(prev[j + 1] + 1)
                .min(cur[j] + 1);
        }
        prev = cur;
    }
    prev[b.len()]
}

impl CollectionRecord {
    /// Lines for `init` and the witness sheet.
    pub fn describe(&self, lang: Lang) -> Vec<String> {
        let name = std::path::Path::new(&self.list_file)
            .file_name()
            .map_or_else(
                || self.list_file.clone(),
                |n| n.to_string_lossy().into_owned(),
            );
        let mut lines = vec![tr!(
            lang,
            "执法机关名单：{name}（{} 个机关）SHA-256 {}",
            "List of agencies: {name} ({} agencies) SHA-256 {}",
            self.expected.len(),
            self.list_sha256
        )];
        lines.push(tr!(
            lang,
            "  已报送 {} 个，零报告 {} 个，未报送 {} 个",
            "  {} sent a register, {} zero reports, {} missing",
            self.reported.len(),
            self.zero_reports.len(),
            self.missing_allowed.len()
        ));
        if !self.zero_reports.is_empty() {
            lines.push(tr!(
                lang,
                "  零报告：{}",
                "  zero reports: {}",
                self.zero_reports.join(lang.pick("、", ", "))
            ));
        }
        for m in &self.missing_allowed {
            lines.push(tr!(
                lang,
                "  未报送而冻结：{}，原因：{}",
                "  frozen without its register: {}, because: {}",
                m.name,
                m.reason
            ));
        }
        lines
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn list(names: &[&str]) -> AgencyList {
        AgencyList {
            file: "名单.csv".into(),
            sha256: "00".into(),
            names: names.iter().map(|s| s.to_string()).collect(),
        }
    }

    fn found(v: &[(&str, u64)]) -> BTreeMap<String, u64> {
        v.iter().map(|(n, r)| (n.to_string(), *r)).collect()
    }

    #[test]
    fn typo_missing_zero_and_allowed() {
        let l = list(&["攸县林业局", "攸县水利局", "攸县气象局", "攸县教育局"]);
        let e = check(
            &l,
            &found(&[("县林业局", 3), ("攸县水利局", 40)]),
            &CollectionPlan::default(),
            "lists/a.csv",
        )
        .unwrap_err();
        assert!(e.contains(&CollectionProblem::Unlisted {
            name: "县林业局".into(),
            rows: 3,
            like: Some("攸县林业局".into())
        }));
        assert!(e.contains(&CollectionProblem::Missing {
            name: "攸县气象局".into()
        }));
        let plan = CollectionPlan {
            list: None,
            zero_reports: vec!["攸县气象局".into()],
            allow_missing: vec![("攸县教育局".into(), "系统故障，下周补报".into())],
        };
        let r = check(
            &l,
            &found(&[("攸县林业局", 3), ("攸县水利局", 40)]),
            &plan,
            "lists/a.csv",
        )
        .unwrap();
        assert_eq!(r.zero_reports, vec!["攸县气象局".to_string()]);
        assert_eq!(r.missing_allowed[0].name, "攸县教育局");
        assert_eq!(r.reported.len(), 2);
        let e = check(
            &l,
            &found(&[("攸县林业局", 3), ("攸县水利局", 40), ("攸县气象局", 1)]),
            &CollectionPlan {
                allow_missing: vec![("攸县教育局".into(), " ".into())],
                ..plan
            },
            "x",
        )
        .unwrap_err();
        assert!(e.contains(&CollectionProblem::ZeroWithCases {
            name: "攸县气象局".into(),
            rows: 1
        }));
        assert!(e.contains(&CollectionProblem::NoReason {
            name: "攸县教育局".into()
        }));
        for p in &e {
            assert!(!p.render(Lang::Zh).is_empty() && !p.render(Lang::En).is_empty());
        }
    }

    #[test]
    fn closest_name() {
        let names: Vec<String> = ["攸县林业局", "攸县水利局"]
            .iter()
            .map(|s| s.to_string())
            .collect();
        assert_eq!(closest("县林业局", &names), Some("攸县林业局".into()));
        assert_eq!(closest("攸县林业厅", &names), Some("攸县林业局".into()));
        assert_eq!(closest("攸县公安局交警大队", &names), None);
    }
}
