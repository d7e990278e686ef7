//! Which column of a register holds what. Header names in Chinese or English are recognised from
//! a fixed alias table; any of them can be overridden by name. A stratum field is either a known
//! role (normally the agency) or any header named by the user.

use super::entities::PopulationKind;
use super::layout::{header_is, HEADER_JOIN};
use super::problem::{column_letter, Place, Problem, ProblemKind};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    Id,
    Agency,
    CaseType,
    ClosedDate,
    Title,
    Party,
    // Read for the risk scan (`risk`); none of them enters the population digest.
    Violation,
    Basis,
    Circumstance,
    Fine,
    Procedure,
    FiledDate,
    DecidedDate,
    ViolationDate,
    Extension,
    CreditCode,
    // Contact details of a regulated entity (entity populations only): kept in the workspace for
    // the invitation list, never published.
    Contact,
    Phone,
    Address,
}

pub const ROLES: [Role; 19] = [
    Role::Id,
    Role::Agency,
    Role::CaseType,
    Role::ClosedDate,
    Role::Title,
    Role::Party,
    Role::Violation,
    Role::Basis,
    Role::Circumstance,
    Role::Fine,
    Role::Procedure,
    Role::FiledDate,
    Role::DecidedDate,
    Role::ViolationDate,
    Role::Extension,
    Role::CreditCode,
    Role::Contact,
    Role::Phone,
    Role::Address,
];

/// The roles read only for the risk scan, in the order `--ROLE-column` flags list them.
pub const RISK_ROLES: [Role; 10] = [
    Role::Violation,
    Role::Basis,
    Role::Circumstance,
    Role::Fine,
    Role::Procedure,
    Role::FiledDate,
    Role::DecidedDate,
    Role::ViolationDate,
    Role::Extension,
    Role::CreditCode,
];

impl Role {
    /// The name used in flags (`--id-column`) and records.
    pub fn name(self) -> &'static str {
        match self {
            Role::Id => "id",
            Role::Agency => "agency",
            Role::CaseType => "case-type",
            Role::ClosedDate => "date",
            Role::Title => "title",
            Role::Party => "party",
            Role::Violation => "violation",
            Role::Basis => "basis",
            Role::Circumstance => "circumstance",
            Role::Fine => "fine",
            Role::Procedure => "procedure",
            Role::FiledDate => "filed-date",
            Role::DecidedDate => "decided-date",
            Role::ViolationDate => "violation-date",
            Role::Extension => "extension",
            Role::CreditCode => "credit-code",
            Role::Contact => "contact",
            Role::Phone => "phone",
            Role::Address => "address",
        }
    }

    /// Whether a column of this role is read only for the risk scan. Among several columns
    /// matching such a role, the one with the earliest alias in the list wins (违法行为 before
    /// 案由), where the older roles keep the leftmost column.
    pub fn is_risk(self) -> bool {
        RISK_ROLES.contains(&self)
    }

    pub fn zh(self) -> &'static str {
        match self {
            Role::Id => "案号",
            Role::Agency => "执法机关",
            Role::CaseType => "案件类型",
            Role::ClosedDate => "办结日期",
            Role::Title => "案件名称",
            Role::Party => "当事人",
            Role::Violation => "违法行为",
            Role::Basis => "处罚依据",
            Role::Circumstance => "违法情节",
            Role::Fine => "罚款金额",
            Role::Procedure => "程序类型",
            Role::FiledDate => "立案日期",
            Role::DecidedDate => "决定日期",
            Role::ViolationDate => "违法行为发生日期",
            Role::Extension => "延长期限",
            Role::CreditCode => "统一社会信用代码",
            Role::Contact => "联系人",
            Role::Phone => "联系电话",
            Role::Address => "地址",
        }
    }

    /// Header texts recognised for this role in a case register, compared after `normalise`
    /// (an entity list's are `PopulationKind::aliases`).
    pub fn aliases(self) -> &'static [&'static str] {
        match self {
            Role::Id => &[
                "案号",
                "案件编号",
                "案件号",
                "案卷号",
                "案卷编号",
                "文书编号",
                "决定书文号",
                "处罚决定书文号",
                "行政处罚决定书文号",
                "caseid",
                "caseno",
                "casenumber",
                "id",
            ],
            Role::Agency => &[
                "执法机关",
                "执法单位",
                "执法部门",
                "实施机关",
                "行政执法机关",
                "执法主体",
                "办案单位",
                "agency",
                "enforcementagency",
                "authority",
            ],
            Role::CaseType => &[
                "案件类型",
                "案件类别",
                "执法类别",
                "执法类型",
                "执法行为类别",
                "casetype",
                "type",
            ],
            Role::ClosedDate => &[
                "办结日期",
                "结案日期",
                "办结时间",
                "结案时间",
                "closeddate",
                "closedate",
                "dateclosed",
                "closed",
            ],
            Role::Title => &["案件名称", "案由", "casename", "title", "name"],
            Role::Party => &[
                "当事人",
                "当事人名称",
                "当事人姓名",
                "行政相对人",
                "相对人",
                "party",
            ],
            // 案由 stays a title alias too: a register with only 案由 keeps its titles.
            Role::Violation => &[
                "违法行为",
                "违法行为名称",
                "违法事项",
                "违法类型",
                "案由",
                "violation",
                "offence",
                "offense",
            ],
            Role::Basis => &[
                "处罚依据",
                "法律依据",
                "处罚法律依据",
                "依据",
                "basis",
                "legalbasis",
            ],
            Role::Circumstance => &[
                "违法情节",
                "情节",
                "裁量情节",
                "裁量等级",
                "circumstance",
                "severity",
            ],
            Role::Fine => &[
                "罚款金额",
                "罚款数额",
                "罚款金额（元）",
                "罚款金额(元)",
                "罚款",
                "罚没金额",
                "罚没金额（元）",
                "罚没金额(元)",
                "罚没款",
                "处罚金额",
                "fine",
                "fineamount",
                "amount",
            ],
            Role::Procedure => &[
                "程序类型",
                "适用程序",
                "办案程序",
                "处罚程序",
                "程序",
                "procedure",
            ],
            Role::FiledDate => &["立案日期", "立案时间", "filed", "fileddate", "dateopened"],
            Role::DecidedDate => &[
                "决定日期",
                "处罚决定日期",
                "作出决定日期",
                "决定时间",
                "处罚日期",
                "decided",
                "decideddate",
                "decisiondate",
            ],
            Role::ViolationDate => &[
                "违法行为发生日期",
                "违法发生日期",
                "违法行为发生时间",
                "违法日期",
                "发生日期",
                "violationdate",
            ],
            Role::Extension => &[
                "延长期限",
                "延期",
                "延期天数",
                "延长天数",
                "批准延期",
                "延长办案期限",
                "extension",
                "extensiondays",
            ],
            Role::CreditCode => &[
                "统一社会信用代码",
                "社会信用代码",
                "信用代码",
                "当事人统一社会信用代码",
                "creditcode",
                "uscc",
            ],
            Role::Contact | Role::Phone | Role::Address => &[],
        }
    }

    pub fn from_alias(text: &str) -> Option<Role> {
        let n = normalise(text);
        ROLES
            .into_iter()
            .find(|r| r.aliases().contains(&n.as_str()) || n == normalise(r.name()))
    }
}

/// Header comparison form: trimmed, BOM removed, ASCII lower-cased, without spaces, `_` and `-`.
pub fn normalise(header: &str) -> String {
    header
        .trim_matches(|c: char| c.is_whitespace() || c == '\u{feff}')
        .chars()
        .filter(|c| !matches!(c, ' ' | '_' | '-' | '\u{3000}'))
        .map(|c| c.to_ascii_lowercase())
        .collect()
}

/// What the user said about columns for a whole import.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ColumnChoice {
    /// Role → exact header text chosen with `--ROLE-column`.
    #[serde(default)]
    pub overrides: BTreeMap<Role, String>,
    /// Stratum fields in order; empty means `[agency]`.
    #[serde(default)]
    pub stratum: Vec<StratumField>,
    /// Case files or regulated entities (`init --population`): which headers name which role.
    #[serde(default, skip_serializing_if = "PopulationKind::is_cases")]
    pub population: PopulationKind,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum StratumField {
    Role(Role),
    Header(String),
}

impl StratumField {
    pub fn parse(text: &str) -> StratumField {
        match Role::from_alias(text) {
            Some(r) => StratumField::Role(r),
            None => StratumField::Header(text.trim().to_string()),
        }
    }

    pub fn label(&self) -> String {
        match self {
            StratumField::Role(r) => r.name().replace('-', "_"),
            StratumField::Header(h) => h.clone(),
        }
    }
}

impl ColumnChoice {
    pub fn stratum_fields(&self) -> Vec<StratumField> {
        if self.stratum.is_empty() {
            vec![StratumField::Role(Role::Agency)]
        } else {
            self.stratum.clone()
        }
    }
}

/// Where a value comes from in one file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Source {
    Column(usize),
    Fixed(String),
}

/// The resolved columns of one file.
#[derive(Clone, Debug)]
pub struct ColumnMap {
    pub headers: Vec<String>,
    pub roles: BTreeMap<Role, Source>,
    pub stratum: Vec<Source>,
}

impl ColumnMap {
    pub fn column(&self, role: Role) -> Option<usize> {
        match self.roles.get(&role) {
            Some(Source::Column(c)) => Some(*c),
            _ => None,
        }
    }

    pub fn header_label(&self, col: usize) -> (String, String) {
        (
            column_letter(col),
            self.headers.get(col).cloned().unwrap_or_default(),
        )
    }

    /// Resolve a file's header row.
    pub fn resolve(
        file: &str,
        headers: &[String],
        choice: &ColumnChoice,
        agency_for: Option<&str>,
    ) -> Result<ColumnMap, Vec<Problem>> {
        let mut problems = Vec::new();
        let trimmed: Vec<String> = headers
            .iter()
            .map(|h| {
                h.trim_matches(|c: char| c.is_whitespace() || c == '\u{feff}')
                    .to_string()
            })
            .collect();
        let place = || Place::file(file);
        let exact = |name: &str, problems: &mut Vec<Problem>| -> Option<usize> {
            // The whole header, or else the child part of a combined one (`办理期限/办结日期`).
            let mut hits: Vec<usize> = trimmed
                .iter()
                .enumerate()
                .filter(|(_, h)| h.as_str() == name.trim())
                .map(|(i, _)| i)
                .collect();
            if hits.is_empty() {
                hits = trimmed
                    .iter()
                    .enumerate()
                    .filter(|(_, h)| {
                        h.rsplit_once(HEADER_JOIN)
                            .is_some_and(|(_, child)| child.trim() == name.trim())
                    })
                    .map(|(i, _)| i)
                    .collect();
            }
            match hits.as_slice() {
                [one] => Some(*one),
                [] => {
                    problems.push(Problem::new(
                        place(),
                        ProblemKind::NoSuchColumn {
                            name: name.to_string(),
                            headers: trimmed.join(", "),
                        },
                    ));
                    None
                }
                _ => {
                    problems.push(Problem::new(
                        place(),
                        ProblemKind::DuplicateHeader {
                            name: name.to_string(),
                        },
                    ));
                    None
                }
            }
        };
        let mut roles = BTreeMap::new();
        for role in ROLES {
            if role == Role::Agency {
                if let Some(name) = agency_for {
                    roles.insert(role, Source::Fixed(name.to_string()));
                    continue;
                }
            }
            if let Some(name) = choice.overrides.get(&role) {
                if let Some(c) = exact(name, &mut problems) {
                    roles.insert(role, Source::Column(c));
                }
                continue;
            }
            let hits: Vec<usize> = trimmed
                .iter()
                .enumerate()
                .filter(|(_, h)| header_is(choice.population, role, h))
                .map(|(i, _)| i)
                .collect();
            match hits.as_slice() {
                [] => {}
                [one] => {
                    roles.insert(role, Source::Column(*one));
                }
                many => {
                    // Two columns both named e.g. 案号: a real ambiguity only when the role is used.
                    let used = role == Role::Id
                        || choice.stratum_fields().contains(&StratumField::Role(role));
                    if used {
                        problems.push(Problem::new(
                            place(),
                            ProblemKind::AmbiguousColumn {
                                role: role.name(),
                                candidates: many.iter().map(|&i| trimmed[i].clone()).collect(),
                            },
                        ));
                    } else if role.is_risk() {
                        let rank = |i: &usize| {
                            let n = normalise(&trimmed[*i]);
                            let child = trimmed[*i]
                                .rsplit_once(HEADER_JOIN)
                                .map(|(_, c)| normalise(c));
                            choice
                                .population
                                .aliases(role)
                                .iter()
                                .position(|a| *a == n || child.as_deref() == Some(*a))
                                .unwrap_or(usize::MAX)
                        };
                        let best = many.iter().min_by_key(|i| (rank(i), **i)).copied();
                        roles.insert(role, Source::Column(best.unwrap_or(many[0])));
                    } else {
                        roles.insert(role, Source::Column(many[0]));
                    }
                }
            }
        }
        if !roles.contains_key(&Role::Id)
            && !problems.iter().any(|p| {
                matches!(
                    p.kind,
                    ProblemKind::AmbiguousColumn { role: "id", .. }
                        | ProblemKind::NoSuchColumn { .. }
                        | ProblemKind::DuplicateHeader { .. }
                )
            })
        {
            problems.push(Problem::new(
                place(),
                ProblemKind::MissingColumn {
                    role: Role::Id.name(),
                    zh: Role::Id.zh(),
                    tried: choice.population.aliases(Role::Id).join("/"),
                },
            ));
        }
        let mut stratum = Vec::new();
        for field in choice.stratum_fields() {
            match &field {
                StratumField::Role(role) => match roles.get(role) {
                    Some(src) => stratum.push(src.clone()),
                    None => {
                        if !problems.iter().any(|p| matches!(&p.kind, ProblemKind::AmbiguousColumn { role: r, .. } if *r == role.name())) {
                            problems.push(Problem::new(
                                place(),
                                ProblemKind::MissingColumn {
                                    role: role.name(),
                                    zh: role.zh(),
                                    tried: choice.population.aliases(*role).join("/"),
                                },
                            ))
                        }
                    }
                },
                StratumField::Header(h) => {
                    if let Some(c) = exact(h, &mut problems) {
                        stratum.push(Source::Column(c));
                    }
                }
            }
        }
        if problems.is_empty() {
            Ok(ColumnMap {
                headers: trimmed,
                roles,
                stratum,
            })
        } else {
            Err(problems)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn h(v: &[&str]) -> Vec<String> {
        v.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn chinese_and_english_headers_map() {
        let m = ColumnMap::resolve(
            "f",
            &h(&[
                "\u{feff}序号",
                "案件编号",
                "执法单位",
                "案件类型",
                "结案日期",
            ]),
            &ColumnChoice::default(),
            None,
        )
        .unwrap();
        assert_eq!(m.column(Role::Id), Some(1));
        assert_eq!(m.stratum, vec![Source::Column(2)]);
        assert_eq!(m.column(Role::ClosedDate), Some(4));
        let m = ColumnMap::resolve(
            "f",
            &h(&["Case_ID", "Agency "]),
            &ColumnChoice::default(),
            None,
        )
        .unwrap();
        assert_eq!(m.column(Role::Id), Some(0));
    }

    #[test]
    fn overrides_agency_for_and_missing_columns() {
        let mut choice = ColumnChoice::default();
        choice.overrides.insert(Role::Id, "文号".into());
        let m =
            ColumnMap::resolve("f", &h(&["文号", "名称"]), &choice, Some("攸县林业局")).unwrap();
        assert_eq!(m.column(Role::Id), Some(0));
        assert_eq!(m.stratum, vec![Source::Fixed("攸县林业局".into())]);
        let e = ColumnMap::resolve("f", &h(&["文号", "名称"]), &ColumnChoice::default(), None)
            .unwrap_err();
        assert_eq!(e.len(), 2, "{e:?}");
        let e = ColumnMap::resolve(
            "f",
            &h(&["案号", "案号", "执法机关"]),
            &ColumnChoice::default(),
            None,
        )
        .unwrap_err();
        assert!(
            matches!(e[0].kind, ProblemKind::AmbiguousColumn { role: "id", .. }),
            "{e:?}"
        );
    }

    #[test]
    fn stratum_fields_by_role_or_header() {
        assert_eq!(
            StratumField::parse("执法机关"),
            StratumField::Role(Role::Agency)
        );
        assert_eq!(
            StratumField::parse("case_type"),
            StratumField::Role(Role::CaseType)
        );
        assert_eq!(
            StratumField::parse("区域"),
            StratumField::Header("区域".into())
        );
        let choice = ColumnChoice {
            stratum: vec![
                StratumField::Role(Role::Agency),
                StratumField::Header("区域".into()),
            ],
            ..Default::default()
        };
        let m = ColumnMap::resolve("f", &h(&["案号", "执法机关", "区域"]), &choice, None).unwrap();
        assert_eq!(m.stratum, vec![Source::Column(1), Source::Column(2)]);
    }
}
