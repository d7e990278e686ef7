//! Reading a checklist file: TOML into raw structs (unknown keys rejected), then every rule of
//! `checklists/README.md` checked, with each problem tied to its line and key.

use super::categories::CategorySet;
use super::points::Points;
use super::*;
use crate::i18n::Lang;
use crate::tr;
use serde::Deserialize;
use std::collections::HashMap;
use std::path::Path;
use toml::Spanned;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFile {
    checklist: Spanned<RawHead>,
    #[serde(default)]
    grades: Vec<Spanned<RawGrade>>,
    #[serde(default)]
    sections: Vec<Spanned<RawSection>>,
    #[serde(default)]
    items: Vec<Spanned<RawItem>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawHead {
    id: Spanned<String>,
    version: Spanned<String>,
    title: Spanned<String>,
    title_en: Spanned<String>,
    #[serde(default)]
    case_types: Vec<Spanned<String>>,
    total_points: Spanned<f64>,
    #[serde(default)]
    veto_effect: Option<VetoEffect>,
    #[serde(default)]
    veto_grade: Option<Spanned<String>>,
    #[serde(default)]
    basis_law: Option<String>,
    #[serde(default)]
    category_sets: Option<Vec<Spanned<String>>>,
    #[serde(default)]
    note: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawGrade {
    name: Spanned<String>,
    name_en: String,
    min: Spanned<f64>,
    #[serde(default)]
    below: Option<Spanned<f64>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawSection {
    id: Spanned<String>,
    title: Spanned<String>,
    title_en: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawItem {
    id: Spanned<String>,
    section: Spanned<String>,
    text: Spanned<String>,
    text_en: Spanned<String>,
    max_points: Spanned<f64>,
    #[serde(default)]
    step: Option<Spanned<f64>>,
    #[serde(default)]
    deduction: Option<Spanned<String>>,
    #[serde(default)]
    deduction_en: Option<String>,
    #[serde(default)]
    veto: bool,
    #[serde(default)]
    blocks_excellent: bool,
    basis: Vec<String>,
    #[serde(default)]
    sources: Vec<String>,
    category: Spanned<BTreeMap<String, Spanned<String>>>,
}

/// What is wrong, without where.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Problem {
    Unreadable(String),
    NotUtf8 {
        offset: usize,
    },
    Toml(String),
    BadId {
        value: String,
    },
    EmptyText,
    Duplicate {
        value: String,
        first_line: usize,
    },
    UnknownSection {
        value: String,
        known: String,
    },
    BadPoints {
        value: String,
    },
    StepDoesNotDivide {
        points: Points,
        step: Points,
    },
    SumMismatch {
        total: Points,
        sum: Points,
        by_section: String,
    },
    NoGrades,
    GradeOrder {
        name: String,
        min: Points,
        above: String,
        above_min: Points,
    },
    TopHasBelow {
        name: String,
    },
    MissingBelow {
        name: String,
        above: String,
    },
    GradeGap {
        name: String,
        below: Points,
        above: String,
        above_min: Points,
    },
    GradeOverlap {
        name: String,
        below: Points,
        above: String,
        above_min: Points,
    },
    LowestNotZero {
        name: String,
        min: Points,
    },
    TopAboveTotal {
        name: String,
        min: Points,
        total: Points,
    },
    VetoGradeMissing,
    VetoGradeUnknown {
        name: String,
        grades: String,
    },
    DeductionMissing,
    NothingToDeduct,
    UnknownCategorySet {
        key: String,
    },
    CategoryMissing {
        set: &'static str,
    },
    CategoryUnknown {
        set: &'static str,
        value: String,
        allowed: String,
    },
    EmptySection {
        id: String,
    },
    NoItems,
}

/// A problem at a line (1-based) and key (`items[3].max_points`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ChecklistProblem {
    pub line: Option<usize>,
    pub key: Option<String>,
    pub problem: Problem,
}

/// Everything wrong with one checklist file.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("checklist {file} has {} problems", problems.len())]
pub struct ChecklistError {
    pub file: String,
    pub problems: Vec<ChecklistProblem>,
}

impl ChecklistError {
    pub fn render(&self, lang: Lang) -> String {
        let n = self.problems.len();
        let plural = if n == 1 { "" } else { "s" };
        let mut s = tr!(
            lang,
            "评查标准 {} 有 {n} 个问题：",
            "checklist {} has {n} problem{plural}:",
            self.file
        );
        for p in &self.problems {
            s.push_str("\n  ");
            s.push_str(&self.file);
            if let Some(line) = p.line {
                s.push_str(&format!(":{line}"));
            }
            if let Some(key) = &p.key {
                s.push_str(&format!(" [{key}]"));
            }
            s.push_str(": ");
            s.push_str(&p.problem.render(lang));
        }
        s
    }
}

impl Problem {
    pub fn render(&self, lang: Lang) -> String {
        use Problem::*;
        match self {
            Unreadable(e) => tr!(lang, "无法读取（{e}）", "cannot be read ({e})"),
            NotUtf8 { offset } => tr!(
                lang,
                "不是 UTF-8 文本（字节偏移 {offset}）。请用 UTF-8 保存",
                "is not UTF-8 text (byte offset {offset}). Save it as UTF-8"
            ),
            Toml(m) => tr!(lang, "TOML 格式错误：{m}", "TOML error: {m}"),
            BadId { value } => tr!(
                lang,
                "编号“{value}”无效：只能用小写英文字母、数字、- 和 _（条目编号可用大写），不能为空",
                "id {value:?} is invalid: use ASCII letters, digits, - and _ only, not empty"
            ),
            EmptyText => tr!(lang, "不能为空", "must not be empty"),
            Duplicate { value, first_line } => tr!(
                lang,
                "“{value}”重复（第 {first_line} 行已使用）。编号必须唯一",
                "{value:?} is a duplicate (already used on line {first_line}); ids must be unique"
            ),
            UnknownSection { value, known } => tr!(
                lang,
                "没有编号为“{value}”的分组（[[sections]] 中有：{known}）",
                "no section {value:?} (the [[sections]] are: {known})"
            ),
            BadPoints { value } => tr!(
                lang,
                "分值 {value} 无效：应在 0 到 100000 之间，最多两位小数",
                "points {value} are invalid: 0 to 100000, at most two decimals"
            ),
            StepDoesNotDivide { points, step } => tr!(
                lang,
                "分值 {points} 不是扣分步长 {step} 的整数倍。请调整 step 或 max_points",
                "max_points {points} is not a whole multiple of step {step}; adjust step or max_points"
            ),
            SumMismatch { total, sum, by_section } => tr!(
                lang,
                "各项分值合计 {sum}，但 total_points 为 {total}（按分组：{by_section}）。请使两者相等",
                "the items' max_points add up to {sum} but total_points is {total} (by section: {by_section}); make them equal"
            ),
            NoGrades => tr!(
                lang,
                "没有等次。请至少写一个 [[grades]]",
                "no grades; add at least one [[grades]]"
            ),
            GradeOrder { name, min, above, above_min } => tr!(
                lang,
                "等次应从高到低排列：“{name}”的下限 {min} 不低于上一等次“{above}”的下限 {above_min}",
                "grades must run from highest to lowest: {name:?} starts at {min}, not below {above:?} ({above_min})"
            ),
            TopHasBelow { name } => tr!(
                lang,
                "最高等次“{name}”不应有 below（它一直到满分）",
                "the highest grade {name:?} must not have `below` (it reaches the total)"
            ),
            MissingBelow { name, above } => tr!(
                lang,
                "等次“{name}”缺少 below（应等于“{above}”的下限）",
                "grade {name:?} needs `below` (equal to the min of {above:?})"
            ),
            GradeGap { name, below, above, above_min } => tr!(
                lang,
                "等次有空档：“{name}”止于 {below} 以下，“{above}”从 {above_min} 开始，{below} 至 {above_min} 之间的分数没有等次。请令 below = {above_min}",
                "the grade scale has a gap: {name:?} ends below {below} but {above:?} starts at {above_min}, so scores from {below} to {above_min} have no grade; set below = {above_min}"
            ),
            GradeOverlap { name, below, above, above_min } => tr!(
                lang,
                "等次重叠：“{name}”到 {below} 以下，而“{above}”从 {above_min} 开始。请令 below = {above_min}",
                "grades overlap: {name:?} runs below {below} but {above:?} starts at {above_min}; set below = {above_min}"
            ),
            LowestNotZero { name, min } => tr!(
                lang,
                "最低等次“{name}”的下限是 {min}，低于它的分数没有等次。请令 min = 0",
                "the lowest grade {name:?} starts at {min}, so lower scores have no grade; set min = 0"
            ),
            TopAboveTotal { name, min, total } => tr!(
                lang,
                "等次“{name}”的下限 {min} 高于满分 {total}",
                "grade {name:?} starts at {min}, above the total of {total}"
            ),
            VetoGradeMissing => tr!(
                lang,
                "有否决项，但 [checklist] 中没有 veto_grade（否决后的等次，如“不合格”）",
                "there are veto items but [checklist] has no veto_grade (the grade of a vetoed file, e.g. \"不合格\")"
            ),
            VetoGradeUnknown { name, grades } => tr!(
                lang,
                "veto_grade “{name}”不是已定义的等次（{grades}）",
                "veto_grade {name:?} is not one of the grades ({grades})"
            ),
            DeductionMissing => tr!(
                lang,
                "有分值的条目需要写扣分标准 deduction",
                "an item with points needs a `deduction` rule"
            ),
            NothingToDeduct => tr!(
                lang,
                "分值为 0 的条目必须是否决项（veto = true），否则无可评",
                "an item worth 0 points must be a veto item (veto = true), or there is nothing to score"
            ),
            UnknownCategorySet { key } => tr!(
                lang,
                "未知的问题类别体系“{key}”（可用：youxian、liulin、hunan）",
                "unknown category set {key:?} (known: youxian, liulin, hunan)"
            ),
            CategoryMissing { set } => tr!(
                lang,
                "缺少 {set} 体系下的问题类别",
                "no category given for the {set} set"
            ),
            CategoryUnknown { set, value, allowed } => tr!(
                lang,
                "“{value}”不是 {set} 体系的问题类别（可用：{allowed}）",
                "{value:?} is not a category of the {set} set (allowed: {allowed})"
            ),
            EmptySection { id } => tr!(
                lang,
                "分组“{id}”没有任何条目",
                "section {id:?} has no items"
            ),
            NoItems => tr!(lang, "没有任何评查条目", "there are no items"),
        }
    }
}

/// Read and validate a checklist file.
pub fn load(path: &Path) -> Result<Checklist, ChecklistError> {
    let file = path.display().to_string();
    match std::fs::read(path) {
        Ok(bytes) => parse(&file, &bytes),
        Err(e) => Err(ChecklistError {
            file,
            problems: vec![ChecklistProblem {
                line: None,
                key: None,
                problem: Problem::Unreadable(e.to_string()),
            }],
        }),
    }
}

/// Validate checklist bytes; `file` names them in messages.
pub fn parse(file: &str, bytes: &[u8]) -> Result<Checklist, ChecklistError> {
    let fail = |problems| ChecklistError {
        file: file.to_string(),
        problems,
    };
    let sha256 = crate::workspace::ledger::sha256_hex(bytes);
    let body = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let text = std::str::from_utf8(body).map_err(|e| {
        fail(vec![ChecklistProblem {
            line: None,
            key: None,
            problem: Problem::NotUtf8 {
                offset: e.valid_up_to() + (bytes.len() - body.len()),
            },
        }])
    })?;
    let raw: RawFile = toml::from_str(text).map_err(|e| {
        fail(vec![ChecklistProblem {
            line: e.span().map(|s| line_of(text, s.start)),
            key: None,
            problem: Problem::Toml(e.message().trim().to_string()),
        }])
    })?;
    let mut v = Validator {
        text,
        problems: Vec::new(),
    };
    let checklist = v.checklist(raw, sha256);
    if v.problems.is_empty() {
        Ok(checklist)
    } else {
        v.problems.sort_by_key(|p| p.line.unwrap_or(0));
        Err(fail(v.problems))
    }
}

fn line_of(text: &str, offset: usize) -> usize {
    let offset = offset.min(text.len());
    memchr::memchr_iter(b'\n', &text.as_bytes()[..offset]).count() + 1
}

struct Validator<'a> {
    text: &'a str,
    problems: Vec<ChecklistProblem>,
}

impl Validator<'_> {
    fn report<T>(&mut self, at: &Spanned<T>, key: String, problem: Problem) {
        self.problems.push(ChecklistProblem {
            line: Some(line_of(self.text, at.span().start)),
            key: Some(key),
            problem,
        });
    }

    fn line<T>(&self, at: &Spanned<T>) -> usize {
        line_of(self.text, at.span().start)
    }

    fn text(&mut self, s: &Spanned<String>, key: String) -> String {
        let t = s.get_ref().trim();
        if t.is_empty() {
            self.report(s, key, Problem::EmptyText);
        }
        t.to_string()
    }

    fn points(&mut self, v: &Spanned<f64>, key: String) -> Points {
        match Points::from_f64(*v.get_ref()) {
            Some(p) => p,
            None => {
                let x = *v.get_ref();
                // Keep absurd numbers readable in the message.
                let value = if x.is_finite() && x.abs() >= 1e9 {
                    format!("{x:e}")
                } else {
                    x.to_string()
                };
                self.report(v, key, Problem::BadPoints { value });
                Points::ZERO
            }
        }
    }

    fn id(&mut self, s: &Spanned<String>, key: String, upper_ok: bool) -> String {
        let t = s.get_ref();
        let ok = !t.is_empty()
            && t.len() <= 64
            && t.bytes().all(|b| {
                b.is_ascii_lowercase()
                    || b.is_ascii_digit()
                    || b == b'-'
                    || b == b'_'
                    || (upper_ok && b.is_ascii_uppercase())
            });
        if !ok {
            self.report(s, key, Problem::BadId { value: t.clone() });
        }
        t.clone()
    }

    /// Remember `value` under `seen`; report a duplicate at its second use.
    fn unique(&mut self, seen: &mut HashMap<String, usize>, s: &Spanned<String>, key: String) {
        let line = self.line(s);
        if let Some(&first_line) = seen.get(s.get_ref()) {
            let value = s.get_ref().clone();
            self.report(s, key, Problem::Duplicate { value, first_line });
        } else {
            seen.insert(s.get_ref().clone(), line);
        }
    }

    fn checklist(&mut self, raw: RawFile, sha256: String) -> Checklist {
        let head_at = Spanned::new(raw.checklist.span(), ());
        let head = raw.checklist.into_inner();
        let id = self.id(&head.id, "checklist.id".into(), false);
        let version = self.text(&head.version, "checklist.version".into());
        let title = self.text(&head.title, "checklist.title".into());
        let title_en = self.text(&head.title_en, "checklist.title_en".into());
        let total_points = self.points(&head.total_points, "checklist.total_points".into());
        let mut seen = HashMap::new();
        let mut case_types = Vec::new();
        for (i, t) in head.case_types.iter().enumerate() {
            let key = format!("checklist.case_types[{i}]");
            let norm = Spanned::new(t.span(), normalize_case_type(t.get_ref()));
            self.unique(&mut seen, &norm, key.clone());
            case_types.push(self.text(t, key));
        }
        let category_sets = match &head.category_sets {
            None => CategorySet::ALL.to_vec(),
            Some(keys) => {
                let mut sets = Vec::new();
                for (i, k) in keys.iter().enumerate() {
                    match CategorySet::from_key(k.get_ref()) {
                        Some(s) => sets.push(s),
                        None => self.report(
                            k,
                            format!("checklist.category_sets[{i}]"),
                            Problem::UnknownCategorySet {
                                key: k.get_ref().clone(),
                            },
                        ),
                    }
                }
                sets
            }
        };

        let grades = self.grades(&raw.grades, &head_at, total_points);
        let veto_grade = head.veto_grade.as_ref().map(|g| g.get_ref().clone());
        if let Some(g) = &head.veto_grade {
            if !grades.iter().any(|x| x.name == *g.get_ref()) {
                let names = grades.iter().map(|g| g.name.as_str()).collect::<Vec<_>>();
                self.report(
                    g,
                    "checklist.veto_grade".into(),
                    Problem::VetoGradeUnknown {
                        name: g.get_ref().clone(),
                        grades: names.join("、"),
                    },
                );
            }
        }

        let mut sections = Vec::new();
        let mut section_ids = HashMap::new();
        for (i, s) in raw.sections.iter().enumerate() {
            let s = s.get_ref();
            self.unique(&mut section_ids, &s.id, format!("sections[{i}].id"));
            sections.push(Section {
                id: self.id(&s.id, format!("sections[{i}].id"), true),
                title: self.text(&s.title, format!("sections[{i}].title")),
                title_en: s.title_en.trim().to_string(),
            });
        }

        let mut items = Vec::new();
        let mut item_ids = HashMap::new();
        let mut used = vec![false; sections.len()];
        for (i, spanned) in raw.items.iter().enumerate() {
            let it = spanned.get_ref();
            let k = |field: &str| format!("items[{i}].{field}");
            self.unique(&mut item_ids, &it.id, k("id"));
            let id = self.id(&it.id, k("id"), true);
            let section = match sections.iter().position(|s| s.id == *it.section.get_ref()) {
                Some(p) => {
                    used[p] = true;
                    p
                }
                None => {
                    let known = sections.iter().map(|s| s.id.as_str()).collect::<Vec<_>>();
                    self.report(
                        &it.section,
                        k("section"),
                        Problem::UnknownSection {
                            value: it.section.get_ref().clone(),
                            known: known.join(", "),
                        },
                    );
                    0
                }
            };
            let max_points = self.points(&it.max_points, k("max_points"));
            let step = match &it.step {
                Some(s) => {
                    let p = self.points(s, k("step"));
                    if p.is_zero() {
                        let value = "0".to_string();
                        self.report(s, k("step"), Problem::BadPoints { value });
                    }
                    p
                }
                None => Points(100),
            };
            if !max_points.is_zero() && !step.is_zero() && !max_points.is_multiple_of(step) {
                let at = it.step.as_ref().map_or(it.max_points.span(), |s| s.span());
                self.report(
                    &Spanned::new(at, ()),
                    k("step"),
                    Problem::StepDoesNotDivide {
                        points: max_points,
                        step,
                    },
                );
            }
            if max_points.is_zero() && !it.veto {
                self.report(&it.max_points, k("max_points"), Problem::NothingToDeduct);
            }
            let deduction = match &it.deduction {
                Some(d) => self.text(d, k("deduction")),
                None => {
                    if !max_points.is_zero() {
                        self.report(&it.id, k("deduction"), Problem::DeductionMissing);
                    }
                    String::new()
                }
            };
            let category = self.category(&it.category, &category_sets, i);
            items.push(ChecklistItem {
                id,
                section,
                text: self.text(&it.text, k("text")),
                text_en: self.text(&it.text_en, k("text_en")),
                max_points,
                step,
                deduction,
                deduction_en: it
                    .deduction_en
                    .clone()
                    .unwrap_or_default()
                    .trim()
                    .to_string(),
                veto: it.veto,
                blocks_excellent: it.blocks_excellent,
                basis: it.basis.iter().map(|b| b.trim().to_string()).collect(),
                sources: it.sources.clone(),
                category,
            });
        }
        for (s, used) in raw.sections.iter().zip(&used) {
            if !used {
                let id = s.get_ref().id.get_ref().clone();
                self.report(s, format!("sections[{id}]"), Problem::EmptySection { id });
            }
        }
        if items.is_empty() {
            self.report(&head.id, "items".into(), Problem::NoItems);
        }
        if items.iter().any(|i| i.veto) && veto_grade.is_none() {
            self.report(
                &head.id,
                "checklist.veto_grade".into(),
                Problem::VetoGradeMissing,
            );
        }
        let sum: Points = items.iter().map(|i| i.max_points).sum();
        if sum != total_points {
            let by_section = sections
                .iter()
                .enumerate()
                .map(|(si, s)| {
                    let p: Points = items
                        .iter()
                        .filter(|i| i.section == si)
                        .map(|i| i.max_points)
                        .sum();
                    format!("{} {p}", s.id)
                })
                .collect::<Vec<_>>()
                .join(" · ");
            self.report(
                &head.total_points,
                "checklist.total_points".into(),
                Problem::SumMismatch {
                    total: total_points,
                    sum,
                    by_section,
                },
            );
        }
        Checklist {
            id,
            version,
            title,
            title_en,
            case_types,
            total_points,
            veto_effect: head.veto_effect.unwrap_or(VetoEffect::ScoreZero),
            veto_grade,
            basis_law: head.basis_law,
            category_sets,
            note: head.note,
            grades,
            sections,
            items,
            sha256,
        }
    }

    fn category(
        &mut self,
        raw: &Spanned<BTreeMap<String, Spanned<String>>>,
        sets: &[CategorySet],
        i: usize,
    ) -> BTreeMap<CategorySet, String> {
        let mut out = BTreeMap::new();
        for (key, value) in raw.get_ref() {
            let at = format!("items[{i}].category.{key}");
            let Some(set) = CategorySet::from_key(key) else {
                let key = key.clone();
                self.report(value, at, Problem::UnknownCategorySet { key });
                continue;
            };
            if !set.categories().contains(&value.get_ref().as_str()) {
                self.report(
                    value,
                    at,
                    Problem::CategoryUnknown {
                        set: set.key(),
                        value: value.get_ref().clone(),
                        allowed: set.categories().join("、"),
                    },
                );
            }
            out.insert(set, value.get_ref().clone());
        }
        for set in sets {
            if !out.contains_key(set) {
                let at = format!("items[{i}].category");
                self.report(raw, at, Problem::CategoryMissing { set: set.key() });
            }
        }
        out
    }

    fn grades(
        &mut self,
        raw: &[Spanned<RawGrade>],
        head: &Spanned<()>,
        total: Points,
    ) -> Vec<Grade> {
        if raw.is_empty() {
            self.report(head, "grades".into(), Problem::NoGrades);
            return vec![Grade {
                name: String::new(),
                name_en: String::new(),
                min: Points::ZERO,
                below: None,
            }];
        }
        let mut names = HashMap::new();
        let mut out: Vec<Grade> = Vec::new();
        for (i, g) in raw.iter().enumerate() {
            let g = g.get_ref();
            let k = |f: &str| format!("grades[{i}].{f}");
            self.unique(&mut names, &g.name, k("name"));
            let name = self.text(&g.name, k("name"));
            let min = self.points(&g.min, k("min"));
            let below = g.below.as_ref().map(|b| (self.points(b, k("below")), b));
            match out.last() {
                None => {
                    if let Some((_, b)) = below {
                        self.report(b, k("below"), Problem::TopHasBelow { name: name.clone() });
                    }
                    if min > total {
                        self.report(
                            &g.min,
                            k("min"),
                            Problem::TopAboveTotal {
                                name: name.clone(),
                                min,
                                total,
                            },
                        );
                    }
                }
                Some(above) => {
                    if min >= above.min {
                        self.report(
                            &g.min,
                            k("min"),
                            Problem::GradeOrder {
                                name: name.clone(),
                                min,
                                above: above.name.clone(),
                                above_min: above.min,
                            },
                        );
                    }
                    match below {
                        None => self.report(
                            &g.name,
                            k("below"),
                            Problem::MissingBelow {
                                name: name.clone(),
                                above: above.name.clone(),
                            },
                        ),
                        Some((b, at)) if b < above.min => self.report(
                            at,
                            k("below"),
                            Problem::GradeGap {
                                name: name.clone(),
                                below: b,
                                above: above.name.clone(),
                                above_min: above.min,
                            },
                        ),
                        Some((b, at)) if b > above.min => self.report(
                            at,
                            k("below"),
                            Problem::GradeOverlap {
                                name: name.clone(),
                                below: b,
                                above: above.name.clone(),
                                above_min: above.min,
                            },
                        ),
                        Some(_) => {}
                    }
                }
            }
            out.push(Grade {
                name,
                name_en: g.name_en.trim().to_string(),
                min,
                below: below.map(|(b, _)| b),
            });
        }
        if let (Some(last), Some(raw_last)) = (out.last(), raw.last()) {
            if !last.min.is_zero() {
                self.report(
                    &raw_last.get_ref().min,
                    format!("grades[{}].min", raw.len() - 1),
                    Problem::LowestNotZero {
                        name: last.name.clone(),
                        min: last.min,
                    },
                );
            }
        }
        out
    }
}
