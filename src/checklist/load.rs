//! Reading a checklist file: TOML into raw structs (unknown keys rejected), then every rule of
//! `checklists/README.md` checked, with each problem tied to its line and key.
//!
//! A checklist may come from anyone (a province's standard, a file mailed around), so reading it
//! is bounded before anything is parsed: at most `MAX_BYTES`, UTF-8, brackets nested at most
//! `MAX_DEPTH` deep, and then limits on counts and text lengths. Text that is shown to reviewers
//! or printed may not hold control or invisible format characters (`chars::is_unsafe`), and
//! no message ever repeats more than a short, cleaned excerpt of what the file says.

use super::categories::CategorySet;
use super::points::Points;
use super::*;
use crate::i18n::Lang;
use crate::tr;
use crate::tui::text;
use serde::de::{self, IgnoredAny, MapAccess, SeqAccess, Visitor};
use serde::{Deserialize, Deserializer};
use std::collections::HashMap;
use std::io::Read;
use std::path::Path;
use toml::Spanned;

/// The largest checklist file read (the built-in ones are under 30 KiB).
pub const MAX_BYTES: u64 = 1024 * 1024;
/// The deepest nesting of `[ ]` and `{ }` accepted (a checklist needs 2); also the most parts of
/// a dotted key. Checked before the TOML parser runs.
pub const MAX_DEPTH: usize = 16;
/// Most items, sections and grades in one checklist.
pub const MAX_ITEMS: usize = 1000;
pub const MAX_SECTIONS: usize = 100;
pub const MAX_GRADES: usize = 20;
/// Most entries in a list inside the checklist (`case_types`, an item's `basis`, …).
pub const MAX_LIST: usize = 100;
/// Most characters in an id, a one-line text (titles, names, case types) and a longer one
/// (item texts, deduction rules, notes, legal bases).
pub const MAX_ID_CHARS: usize = 64;
pub const MAX_SHORT_CHARS: usize = 200;
pub const MAX_LONG_CHARS: usize = 2000;
/// Problems kept (the rest are counted) and problems listed by `render`.
const MAX_KEPT: usize = 1000;
const MAX_LISTED: usize = 50;
/// Characters of a value from the file repeated in a message.
const MAX_QUOTED: usize = 40;

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
    total_points: Spanned<Num>,
    #[serde(default)]
    veto_effect: Option<VetoEffect>,
    #[serde(default)]
    veto_grade: Option<Spanned<String>>,
    #[serde(default)]
    basis_law: Option<Spanned<String>>,
    #[serde(default)]
    category_sets: Option<Vec<Spanned<String>>>,
    #[serde(default)]
    note: Option<Spanned<String>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawGrade {
    name: Spanned<String>,
    name_en: Spanned<String>,
    min: Spanned<Num>,
    #[serde(default)]
    below: Option<Spanned<Num>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawSection {
    id: Spanned<String>,
    title: Spanned<String>,
    title_en: Spanned<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawItem {
    id: Spanned<String>,
    section: Spanned<String>,
    text: Spanned<String>,
    text_en: Spanned<String>,
    max_points: Spanned<Num>,
    #[serde(default)]
    step: Option<Spanned<Num>>,
    #[serde(default)]
    deduction: Option<Spanned<String>>,
    #[serde(default)]
    deduction_en: Option<Spanned<String>>,
    #[serde(default)]
    veto: bool,
    #[serde(default)]
    blocks_excellent: bool,
    basis: Vec<Spanned<String>>,
    #[serde(default)]
    sources: Vec<Spanned<String>>,
    category: Spanned<BTreeMap<String, Spanned<String>>>,
}

/// A value where points belong, whatever it turned out to be, so that a date, a string or an
/// integer too large for any machine type is reported with its key like any other bad number
/// rather than stopping the whole file at the first one.
enum Num {
    Number(f64),
    /// An integer beyond 64 bits, as written.
    Big(String),
    /// Not a number: what it is, for the message.
    Other(Found),
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Found {
    Text(String),
    Boolean(bool),
    Date(String),
    Array,
    Table,
}

impl<'de> Deserialize<'de> for Num {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Num, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Num;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a number")
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<Num, E> {
                Ok(Num::Number(v as f64))
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<Num, E> {
                Ok(Num::Number(v as f64))
            }
            fn visit_i128<E: de::Error>(self, v: i128) -> Result<Num, E> {
                Ok(Num::Big(v.to_string()))
            }
            fn visit_u128<E: de::Error>(self, v: u128) -> Result<Num, E> {
                Ok(Num::Big(v.to_string()))
            }
            fn visit_f64<E: de::Error>(self, v: f64) -> Result<Num, E> {
                Ok(Num::Number(v))
            }
            fn visit_bool<E: de::Error>(self, v: bool) -> Result<Num, E> {
                Ok(Num::Other(Found::Boolean(v)))
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Num, E> {
                Ok(Num::Other(Found::Text(quoted(v))))
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Num, A::Error> {
                while seq.next_element::<IgnoredAny>()?.is_some() {}
                Ok(Num::Other(Found::Array))
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Num, A::Error> {
                // A TOML date arrives as a map with one private key holding its text.
                let mut found = Found::Table;
                while let Some(key) = map.next_key::<String>()? {
                    if key == "$__toml_private_datetime" {
                        found = Found::Date(quoted(&map.next_value::<String>()?));
                    } else {
                        map.next_value::<IgnoredAny>()?;
                    }
                }
                Ok(Num::Other(found))
            }
        }
        d.deserialize_any(V)
    }
}

/// A value from the file as a message may repeat it: at most `MAX_QUOTED` characters, every
/// control or format character shown as a visible stand-in (`<U+202E>`, `^[`).
pub fn quoted(s: &str) -> String {
    let mut out = String::new();
    for (n, c) in s.chars().enumerate() {
        if n == MAX_QUOTED {
            out.push('…');
            break;
        }
        if crate::chars::is_unsafe(c) {
            text::push_visible(&mut out, c);
        } else {
            out.push(c);
        }
    }
    out
}

/// What is wrong, without where.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Problem {
    Unreadable(String),
    NotAFile,
    TooLarge {
        /// The size when it is known (a device or a growing file has none).
        bytes: Option<u64>,
    },
    Empty,
    NotUtf8 {
        offset: usize,
        /// The bytes end in the middle of a character: the file was cut off.
        cut: bool,
        /// The whole file reads as GBK/GB18030.
        gbk: bool,
    },
    TooDeep,
    /// The TOML parser's message, cleaned and shortened.
    Toml(String),
    TooMany {
        count: usize,
        max: usize,
    },
    TooLong {
        chars: usize,
        max: usize,
    },
    BadChar {
        code: u32,
        /// 1-based character position.
        at: usize,
    },
    NotANumber {
        found: Found,
    },
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
    /// More problems than are kept; only counted.
    Omitted {
        count: usize,
    },
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
    /// A single problem without a line.
    fn one(file: &str, problem: Problem) -> ChecklistError {
        ChecklistError {
            file: file.to_string(),
            problems: vec![ChecklistProblem {
                line: None,
                key: None,
                problem,
            }],
        }
    }

    /// How many problems there are, counting those only counted.
    pub fn count(&self) -> usize {
        self.problems
            .iter()
            .map(|p| match p.problem {
                Problem::Omitted { count } => count,
                _ => 1,
            })
            .sum()
    }

    /// The file name, then at most `MAX_LISTED` problems one per line (`file:line [key]: …`).
    pub fn render(&self, lang: Lang) -> String {
        let n = self.count();
        let plural = if n == 1 { "" } else { "s" };
        let mut s = tr!(
            lang,
            "评查标准 {} 有 {n} 个问题：",
            "checklist {} has {n} problem{plural}:",
            self.file
        );
        let listed = self
            .problems
            .iter()
            .filter(|p| !matches!(p.problem, Problem::Omitted { .. }))
            .take(MAX_LISTED);
        let mut shown = 0;
        for p in listed {
            shown += 1;
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
        if shown < n {
            s.push_str("\n  ");
            s.push_str(&tr!(
                lang,
                "……另有 {} 个问题未列出：请先改正以上问题，再检查一次",
                "… and {} more not listed: fix the ones above and check again",
                n - shown
            ));
        }
        s
    }
}

impl Problem {
    pub fn render(&self, lang: Lang) -> String {
        use Problem::*;
        match self {
            Unreadable(e) => tr!(lang, "无法读取（{e}）", "cannot be read ({e})"),
            NotAFile => tr!(
                lang,
                "不是普通文件（是目录或设备）。请指定评查标准的 .toml 文件",
                "is not a regular file (a folder or a device); give the checklist's .toml file"
            ),
            TooLarge { bytes } => {
                let max = MAX_BYTES;
                match bytes {
                    Some(b) => tr!(
                        lang,
                        "文件太大（{b} 字节）：评查标准文件最大 1 MiB（{max} 字节）。请确认选对了文件",
                        "is too large ({b} bytes): a checklist file is at most 1 MiB ({max} bytes); check that this is the right file"
                    ),
                    None => tr!(
                        lang,
                        "超过 1 MiB（{max} 字节）仍未读完：评查标准文件最大 1 MiB。请确认选对了文件",
                        "goes on past 1 MiB ({max} bytes): a checklist file is at most 1 MiB; check that this is the right file"
                    ),
                }
            }
            Empty => tr!(
                lang,
                "文件是空的。请从 checklists/ 中复制一个评查标准再修改",
                "the file is empty; copy a checklist from checklists/ and edit it"
            ),
            NotUtf8 { offset, cut: true, .. } => tr!(
                lang,
                "在一个字符的中间结束（字节偏移 {offset}）：文件可能不完整。请重新复制或保存完整的文件",
                "ends in the middle of a character (byte offset {offset}): the file looks cut off; copy or save it again in full"
            ),
            NotUtf8 { offset, gbk: true, .. } => tr!(
                lang,
                "不是 UTF-8 文本（字节偏移 {offset}），看起来是 GBK 编码。请用 UTF-8 编码另存",
                "is not UTF-8 text (byte offset {offset}); it looks like GBK. Save it as UTF-8"
            ),
            NotUtf8 { offset, .. } => tr!(
                lang,
                "不是 UTF-8 文本（字节偏移 {offset}）。请用 UTF-8 保存",
                "is not UTF-8 text (byte offset {offset}). Save it as UTF-8"
            ),
            TooDeep => tr!(
                lang,
                "嵌套过深：[ ] 或 {{ }} 超过 {} 层，或点号键超过 {} 段。评查标准用不到这样的结构，请检查这一行",
                "nests too deeply: more than {} levels of [ ] or {{ }}, or a dotted key of more than {} parts; a checklist never needs that, check this line",
                MAX_DEPTH,
                MAX_DEPTH
            ),
            Toml(m) => toml_message(m, lang),
            TooMany { count, max } => tr!(
                lang,
                "数量太多（{count} 个，最多 {max} 个）。请确认选对了文件",
                "too many ({count}, at most {max}); check that this is the right file"
            ),
            TooLong { chars, max } => tr!(
                lang,
                "太长（{chars} 个字符，最多 {max} 个）。请缩短",
                "is too long ({chars} characters, at most {max}); shorten it"
            ),
            BadChar { code, at } => {
                let name = char_name(*code).map_or(String::new(), |n| format!(" ({n})"));
                tr!(
                    lang,
                    "第 {at} 个字符是不可见字符或控制字符 U+{code:04X}{name}：它会改变终端的显示，或使文字看起来与实际不同。请删除它",
                    "character {at} is the invisible or control character U+{code:04X}{name}: it changes what a terminal shows or makes text look different from what it is; remove it"
                )
            }
            NotANumber { found } => {
                let (zh, en) = match found {
                    Found::Text(t) => (format!("文本 \"{t}\"（数字不加引号）"), format!("the text \"{t}\" (numbers take no quotes)")),
                    Found::Boolean(b) => (format!("{b}"), format!("{b}")),
                    Found::Date(d) => (format!("日期 {d}"), format!("the date {d}")),
                    Found::Array => ("数组 [ ]".into(), "an array [ ]".into()),
                    Found::Table => ("表 { }".into(), "a table { }".into()),
                };
                tr!(
                    lang,
                    "应为分值（0 到 100000 的数，最多两位小数，如 10 或 1.5），实际是{zh}",
                    "must be points (a number from 0 to 100000 with at most two decimals, e.g. 10 or 1.5), not {en}"
                )
            }
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
            NoItems => tr!(
                lang,
                "没有任何评查条目。请至少写一个 [[items]]",
                "there are no items; add at least one [[items]]"
            ),
            Omitted { count } => tr!(
                lang,
                "另有 {count} 个问题",
                "{count} more problems"
            ),
        }
    }
}

/// A TOML parser message in the user's language, with what to do; `m` is already cleaned.
fn toml_message(m: &str, lang: Lang) -> String {
    let ticked = |prefix: &str| {
        m.strip_prefix(prefix)
            .and_then(|r| r.split('`').next())
            .map(str::to_string)
    };
    let expected = m
        .split_once(", expected ")
        .map_or(String::new(), |(_, e)| e.to_string());
    if let Some(f) = ticked("missing field `") {
        return tr!(
            lang,
            "缺少必填的键 {f}。请补上（见 checklists/README.md）",
            "TOML error: missing field `{f}`; add it (see checklists/README.md)"
        );
    }
    if let Some(f) = ticked("unknown field `") {
        let known = expected.trim_start_matches("one of ");
        return tr!(
            lang,
            "未知的键 {f}（拼写错误？这里可用的键：{known}）。请改正或删除",
            "TOML error: unknown field `{f}`, expected {expected}; fix the spelling or remove it"
        );
    }
    if let Some(v) = ticked("unknown variant `") {
        return tr!(
            lang,
            "取值 {v} 无效（可用：{expected}）",
            "TOML error: unknown value `{v}`, expected {expected}"
        );
    }
    if let Some(rest) = m.strip_prefix("invalid type: ") {
        let found = rest.split(", expected ").next().unwrap_or(rest);
        let want = match expected.as_str() {
            "a string" => "文本（用引号括起）",
            "a boolean" => "true 或 false",
            "a sequence" => "数组 [ ]",
            "f64" | "a number" => "数",
            e if e.contains("map") || e.contains("struct") => "表",
            e => e,
        };
        let found_zh = found
            .replace("integer", "整数")
            .replace("floating point", "小数")
            .replace("string", "文本")
            .replace("boolean", "布尔值")
            .replace("sequence", "数组")
            .replace("map", "表或日期")
            .replace('`', "");
        return tr!(
            lang,
            "类型不对：应为{want}，实际是{found_zh}。请按 checklists/README.md 改正",
            "TOML error: {m}; write the value as checklists/README.md says"
        );
    }
    if m.starts_with("duplicate key") {
        return tr!(
            lang,
            "同一个键写了两次。请删除其中一个",
            "TOML error: {m}: the same key is written twice; remove one"
        );
    }
    if m.contains("overflowed") {
        return tr!(
            lang,
            "数字太大，超出范围（{m}）。分值应在 0 到 100000 之间",
            "TOML error: {m}: the number is far too large; points are 0 to 100000"
        );
    }
    if m.contains("comment") {
        return tr!(
            lang,
            "注释中有不允许的控制字符（如 NUL）。请删除（{m}）",
            "TOML error: {m}: a comment holds a control character such as NUL; remove it"
        );
    }
    if m.contains("string") {
        return tr!(
            lang,
            "字符串有误：缺少结束的引号，或含有未转义的控制字符（文件是否不完整？）（{m}）",
            "TOML error: {m}: a string is not closed, or holds a raw control character (is the file cut off?)"
        );
    }
    tr!(
        lang,
        "TOML 格式错误：{m}。请对照 checklists/README.md 修改这一行",
        "TOML error: {m}"
    )
}

/// The Unicode name of a character a message is about, when it is one people meet.
fn char_name(code: u32) -> Option<&'static str> {
    Some(match code {
        0x00 => "NUL",
        0x07 => "BEL",
        0x08 => "BACKSPACE",
        0x09 => "TAB",
        0x0A => "LINE FEED",
        0x0D => "CARRIAGE RETURN",
        0x1B => "ESC",
        0x7F => "DEL",
        0x85 => "NEXT LINE",
        0x9B => "CSI",
        0xAD => "SOFT HYPHEN",
        0x200B => "ZERO WIDTH SPACE",
        0x200C => "ZERO WIDTH NON-JOINER",
        0x200D => "ZERO WIDTH JOINER",
        0x200E => "LEFT-TO-RIGHT MARK",
        0x200F => "RIGHT-TO-LEFT MARK",
        0x2028 => "LINE SEPARATOR",
        0x2029 => "PARAGRAPH SEPARATOR",
        0x202A => "LEFT-TO-RIGHT EMBEDDING",
        0x202B => "RIGHT-TO-LEFT EMBEDDING",
        0x202C => "POP DIRECTIONAL FORMATTING",
        0x202D => "LEFT-TO-RIGHT OVERRIDE",
        0x202E => "RIGHT-TO-LEFT OVERRIDE",
        0x2060 => "WORD JOINER",
        0x2066 => "LEFT-TO-RIGHT ISOLATE",
        0x2067 => "RIGHT-TO-LEFT ISOLATE",
        0x2068 => "FIRST STRONG ISOLATE",
        0x2069 => "POP DIRECTIONAL ISOLATE",
        0xFEFF => "BYTE ORDER MARK",
        _ => return None,
    })
}

/// Read a checklist file, refusing anything but a regular file and reading at most
/// `MAX_BYTES` + 1 bytes whatever the file claims; `file` names it in messages.
pub fn read(path: &Path, file: &str) -> Result<Vec<u8>, ChecklistError> {
    let unreadable =
        |e: std::io::Error| ChecklistError::one(file, Problem::Unreadable(e.to_string()));
    let meta = std::fs::metadata(path).map_err(unreadable)?;
    if !meta.is_file() {
        return Err(ChecklistError::one(file, Problem::NotAFile));
    }
    if meta.len() > MAX_BYTES {
        let bytes = Some(meta.len());
        return Err(ChecklistError::one(file, Problem::TooLarge { bytes }));
    }
    let mut bytes = Vec::new();
    std::fs::File::open(path)
        .and_then(|f| f.take(MAX_BYTES + 1).read_to_end(&mut bytes))
        .map_err(unreadable)?;
    if bytes.len() as u64 > MAX_BYTES {
        return Err(ChecklistError::one(file, Problem::TooLarge { bytes: None }));
    }
    Ok(bytes)
}

/// Read and validate a checklist file.
pub fn load(path: &Path) -> Result<Checklist, ChecklistError> {
    let file = path.display().to_string();
    let bytes = read(path, &file)?;
    parse(&file, &bytes)
}

/// Validate checklist bytes; `file` names them in messages.
pub fn parse(file: &str, bytes: &[u8]) -> Result<Checklist, ChecklistError> {
    let at = |line: Option<usize>, key: Option<String>, problem| ChecklistError {
        file: file.to_string(),
        problems: vec![ChecklistProblem { line, key, problem }],
    };
    if bytes.len() as u64 > MAX_BYTES {
        let bytes = Some(bytes.len() as u64);
        return Err(ChecklistError::one(file, Problem::TooLarge { bytes }));
    }
    let sha256 = crate::workspace::ledger::sha256_hex(bytes);
    let body = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    if body.iter().all(u8::is_ascii_whitespace) {
        return Err(ChecklistError::one(file, Problem::Empty));
    }
    let text = match std::str::from_utf8(body) {
        Ok(t) => t,
        Err(e) => {
            let offset = e.valid_up_to() + (bytes.len() - body.len());
            let line = memchr::memchr_iter(b'\n', &bytes[..offset]).count() + 1;
            let cut = e.error_len().is_none();
            let gbk = !cut
                && encoding_rs::GBK
                    .decode_without_bom_handling_and_without_replacement(body)
                    .is_some();
            return Err(at(Some(line), None, Problem::NotUtf8 { offset, cut, gbk }));
        }
    };
    let lines = Lines::new(text);
    if let Some(offset) = too_deep(text) {
        return Err(at(Some(lines.line(offset)), None, Problem::TooDeep));
    }
    let raw: RawFile = match toml::from_str(text) {
        Ok(raw) => raw,
        Err(e) => {
            let line = e.span().map(|s| lines.line(s.start));
            let message = cleaned_message(e.message());
            if message.contains("recurs") {
                return Err(at(line, None, Problem::TooDeep));
            }
            let key = toml_key(&message, text, e.span().map(|s| s.start));
            return Err(at(line, key, Problem::Toml(message)));
        }
    };
    let mut v = Validator {
        lines,
        problems: Vec::new(),
        omitted: 0,
    };
    if !v.counts(&raw) {
        return Err(v.finish(file));
    }
    let checklist = v.checklist(raw, sha256);
    if v.problems.is_empty() {
        Ok(checklist)
    } else {
        Err(v.finish(file))
    }
}

/// The TOML parser's message made safe to repeat: trimmed, at most 300 characters, control and
/// format characters (from a quoted key, say) shown as visible stand-ins.
fn cleaned_message(m: &str) -> String {
    let mut out = String::new();
    for (n, c) in m.trim().chars().enumerate() {
        if n == 300 {
            out.push('…');
            break;
        }
        if crate::chars::is_unsafe(c) {
            text::push_visible(&mut out, c);
        } else {
            out.push(c);
        }
    }
    out
}

/// The key a TOML error is about: the field its message names, or else the key written just
/// before the `=` that precedes the error's position on its line (`title = 5` → `title`).
fn toml_key(message: &str, text: &str, at: Option<usize>) -> Option<String> {
    for prefix in ["missing field `", "unknown field `"] {
        if let Some(rest) = message.strip_prefix(prefix) {
            return rest.split('`').next().map(str::to_string);
        }
    }
    let at = at?.min(text.len());
    let before = text.get(..at)?;
    let line = &before[before.rfind('\n').map_or(0, |i| i + 1)..];
    let key = line.trim_end().strip_suffix('=')?;
    let key = key[key.rfind(['{', ',']).map_or(0, |i| i + 1)..].trim();
    (!key.is_empty() && key.len() <= 100).then(|| quoted(key))
}

/// Where the text nests `[ ]`/`{ }` more than `MAX_DEPTH` deep or has a line with more than
/// `MAX_DEPTH` dots outside strings and comments (a dotted key that deep): the byte offset, so
/// that such input is refused with its line before the TOML parser recurses into it. Strings
/// (basic, literal, multi-line, with escapes) and comments are skipped; a mistake here can only
/// let something through to the parser, which has its own, higher limit.
fn too_deep(text: &str) -> Option<usize> {
    #[derive(PartialEq)]
    enum S {
        Normal,
        Comment,
        Basic,
        Literal,
        MultiBasic,
        MultiLiteral,
    }
    let b = text.as_bytes();
    let (mut state, mut depth, mut dots, mut i) = (S::Normal, 0usize, 0usize, 0usize);
    while i < b.len() {
        let c = b[i];
        let triple = |q: u8| b.get(i..i + 3) == Some(&[q, q, q][..]);
        if c == b'\n' {
            dots = 0;
            if matches!(state, S::Comment | S::Basic | S::Literal) {
                state = S::Normal;
            }
            i += 1;
            continue;
        }
        match state {
            S::Normal => match c {
                b'#' => state = S::Comment,
                b'"' if triple(b'"') => {
                    state = S::MultiBasic;
                    i += 2;
                }
                b'"' => state = S::Basic,
                b'\'' if triple(b'\'') => {
                    state = S::MultiLiteral;
                    i += 2;
                }
                b'\'' => state = S::Literal,
                b'[' | b'{' => {
                    depth += 1;
                    if depth > MAX_DEPTH {
                        return Some(i);
                    }
                }
                b']' | b'}' => depth = depth.saturating_sub(1),
                b'.' => {
                    dots += 1;
                    if dots > MAX_DEPTH {
                        return Some(i);
                    }
                }
                _ => {}
            },
            S::Comment => {}
            S::Basic | S::MultiBasic if c == b'\\' => {
                // Skip the escaped byte (a line break after `\` still ends the line).
                if b.get(i + 1) == Some(&b'\n') {
                    dots = 0;
                }
                i += 1;
            }
            S::Basic if c == b'"' => state = S::Normal,
            S::Literal if c == b'\'' => state = S::Normal,
            S::MultiBasic if triple(b'"') => {
                state = S::Normal;
                i += 2;
            }
            S::MultiLiteral if triple(b'\'') => {
                state = S::Normal;
                i += 2;
            }
            _ => {}
        }
        i += 1;
    }
    None
}

/// Line numbers by binary search over the line breaks, so that reporting many problems in a
/// large file stays cheap.
struct Lines(Vec<usize>);

impl Lines {
    fn new(text: &str) -> Lines {
        Lines(memchr::memchr_iter(b'\n', text.as_bytes()).collect())
    }

    /// The 1-based line of a byte offset.
    fn line(&self, offset: usize) -> usize {
        self.0.partition_point(|&p| p < offset) + 1
    }
}

/// Up to ten values joined for a message, each quoted.
fn some_of<'a>(values: impl Iterator<Item = &'a str>, sep: &str) -> String {
    let mut out: Vec<String> = Vec::new();
    for (n, v) in values.enumerate() {
        if n == 10 {
            out.push("…".into());
            break;
        }
        out.push(quoted(v));
    }
    out.join(sep)
}

struct Validator {
    lines: Lines,
    problems: Vec<ChecklistProblem>,
    omitted: usize,
}

impl Validator {
    fn report<T>(&mut self, at: &Spanned<T>, key: String, problem: Problem) {
        if self.problems.len() >= MAX_KEPT {
            self.omitted += 1;
            return;
        }
        self.problems.push(ChecklistProblem {
            line: Some(self.lines.line(at.span().start)),
            key: Some(key),
            problem,
        });
    }

    fn finish(mut self, file: &str) -> ChecklistError {
        self.problems.sort_by_key(|p| p.line.unwrap_or(0));
        if self.omitted > 0 {
            self.problems.push(ChecklistProblem {
                line: None,
                key: None,
                problem: Problem::Omitted {
                    count: self.omitted,
                },
            });
        }
        ChecklistError {
            file: file.to_string(),
            problems: self.problems,
        }
    }

    fn line<T>(&self, at: &Spanned<T>) -> usize {
        self.lines.line(at.span().start)
    }

    /// Refuse more items, sections or grades than any checklist has, before looking at each.
    fn counts(&mut self, raw: &RawFile) -> bool {
        let mut ok = true;
        for (spans, max, key) in [
            (
                raw.items.iter().map(|x| x.span()).collect::<Vec<_>>(),
                MAX_ITEMS,
                "items",
            ),
            (
                raw.sections.iter().map(|x| x.span()).collect(),
                MAX_SECTIONS,
                "sections",
            ),
            (
                raw.grades.iter().map(|x| x.span()).collect(),
                MAX_GRADES,
                "grades",
            ),
        ] {
            // Reported where the first one too many starts.
            if let Some(extra) = spans.get(max) {
                let at = Spanned::new(extra.clone(), ());
                let count = spans.len();
                self.report(&at, key.into(), Problem::TooMany { count, max });
                ok = false;
            }
        }
        ok
    }

    /// Check a text's length and characters. A long text (an item's wording, a rule, a note)
    /// may hold line breaks and tabs; nothing may hold any other control or format character.
    fn chars(&mut self, s: &Spanned<String>, key: &str, max: usize, long: bool) -> bool {
        let t = s.get_ref();
        if t.len() > max {
            let chars = t.chars().count();
            if chars > max {
                self.report(s, key.into(), Problem::TooLong { chars, max });
                return false;
            }
        }
        let mut it = t.chars().enumerate().peekable();
        while let Some((n, c)) = it.next() {
            if !crate::chars::is_unsafe(c) {
                continue;
            }
            let allowed = long
                && (c == '\n' || c == '\t' || (c == '\r' && matches!(it.peek(), Some((_, '\n')))));
            if !allowed {
                let problem = Problem::BadChar {
                    code: c as u32,
                    at: n + 1,
                };
                self.report(s, key.into(), problem);
                return false;
            }
        }
        true
    }

    /// A required one-line text.
    fn text(&mut self, s: &Spanned<String>, key: String) -> String {
        self.required(s, key, MAX_SHORT_CHARS, false)
    }

    /// A required text that may run to several lines.
    fn long_text(&mut self, s: &Spanned<String>, key: String) -> String {
        self.required(s, key, MAX_LONG_CHARS, true)
    }

    fn required(&mut self, s: &Spanned<String>, key: String, max: usize, long: bool) -> String {
        if !self.chars(s, &key, max, long) {
            return String::new();
        }
        let t = s.get_ref().trim();
        if t.is_empty() {
            self.report(s, key, Problem::EmptyText);
        }
        t.to_string()
    }

    /// A text that may be left out or empty.
    fn optional(&mut self, s: Option<&Spanned<String>>, key: String, long: bool) -> String {
        let max = if long {
            MAX_LONG_CHARS
        } else {
            MAX_SHORT_CHARS
        };
        match s {
            Some(s) if self.chars(s, &key, max, long) => s.get_ref().trim().to_string(),
            _ => String::new(),
        }
    }

    /// A list of texts, at most `MAX_LIST` of them.
    fn list(&mut self, list: &[Spanned<String>], key: &str, long: bool) -> Vec<String> {
        if list.len() > MAX_LIST {
            let problem = Problem::TooMany {
                count: list.len(),
                max: MAX_LIST,
            };
            self.report(&list[MAX_LIST], key.into(), problem);
            return Vec::new();
        }
        list.iter()
            .enumerate()
            .map(|(i, s)| self.optional(Some(s), format!("{key}[{i}]"), long))
            .collect()
    }

    fn points(&mut self, v: &Spanned<Num>, key: String) -> Points {
        self.points_or_none(v, key).unwrap_or(Points::ZERO)
    }

    /// Points, or `None` (reported) when the value is not valid points.
    fn points_or_none(&mut self, v: &Spanned<Num>, key: String) -> Option<Points> {
        let bad = |value: String| Problem::BadPoints { value };
        let problem = match v.get_ref() {
            Num::Number(x) => match Points::from_f64(*x) {
                Some(p) => return Some(p),
                // Keep absurd numbers readable in the message.
                None if x.is_finite() && x.abs() >= 1e9 => bad(format!("{x:e}")),
                None => bad(x.to_string()),
            },
            Num::Big(digits) => bad(quoted(digits)),
            Num::Other(found) => Problem::NotANumber {
                found: found.clone(),
            },
        };
        self.report(v, key, problem);
        None
    }

    fn id(&mut self, s: &Spanned<String>, key: String, upper_ok: bool) -> String {
        let t = s.get_ref();
        if t.len() > MAX_ID_CHARS {
            let chars = t.chars().count();
            self.report(
                s,
                key,
                Problem::TooLong {
                    chars,
                    max: MAX_ID_CHARS,
                },
            );
            return t.chars().take(MAX_ID_CHARS).collect();
        }
        let ok = !t.is_empty()
            && t.bytes().all(|b| {
                b.is_ascii_lowercase()
                    || b.is_ascii_digit()
                    || b == b'-'
                    || b == b'_'
                    || (upper_ok && b.is_ascii_uppercase())
            });
        if !ok {
            self.report(s, key, Problem::BadId { value: quoted(t) });
        }
        t.clone()
    }

    /// Remember `value` under `seen`; report a duplicate at its second use.
    fn unique(&mut self, seen: &mut HashMap<String, usize>, s: &Spanned<String>, key: String) {
        let line = self.line(s);
        if let Some(&first_line) = seen.get(s.get_ref()) {
            let value = quoted(s.get_ref());
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
        // A bad total is reported once; the checks against it are then skipped.
        let total = self.points_or_none(&head.total_points, "checklist.total_points".into());
        let total_points = total.unwrap_or(Points::ZERO);
        let basis_law = head
            .basis_law
            .as_ref()
            .map(|b| self.optional(Some(b), "checklist.basis_law".into(), true));
        let note = head
            .note
            .as_ref()
            .map(|n| self.optional(Some(n), "checklist.note".into(), true));
        let mut seen = HashMap::new();
        let case_types = self.list(&head.case_types, "checklist.case_types", false);
        if case_types.len() == head.case_types.len() {
            for (i, t) in head.case_types.iter().enumerate() {
                let key = format!("checklist.case_types[{i}]");
                let norm = Spanned::new(t.span(), normalize_case_type(t.get_ref()));
                self.unique(&mut seen, &norm, key.clone());
                if t.get_ref().trim().is_empty() {
                    self.report(t, key, Problem::EmptyText);
                }
            }
        }
        let category_sets = match &head.category_sets {
            None => CategorySet::ALL.to_vec(),
            Some(keys) => {
                let mut sets = Vec::new();
                for (i, k) in keys.iter().enumerate().take(MAX_LIST) {
                    match CategorySet::from_key(k.get_ref()) {
                        Some(s) => sets.push(s),
                        None => self.report(
                            k,
                            format!("checklist.category_sets[{i}]"),
                            Problem::UnknownCategorySet {
                                key: quoted(k.get_ref()),
                            },
                        ),
                    }
                }
                sets
            }
        };

        let grades = self.grades(&raw.grades, &head_at, total);
        // A name that was refused (bad characters, too long, empty) is left empty.
        let grades_ok = grades.iter().all(|g| !g.name.is_empty());
        let veto_grade = head.veto_grade.as_ref().map(|g| g.get_ref().clone());
        if let Some(g) = &head.veto_grade {
            // Compared with the grade names only when those are all valid.
            if self.chars(g, "checklist.veto_grade", MAX_SHORT_CHARS, false)
                && grades_ok
                && !grades.iter().any(|x| x.name == *g.get_ref())
            {
                let names = some_of(grades.iter().map(|g| g.name.as_str()), "、");
                self.report(
                    g,
                    "checklist.veto_grade".into(),
                    Problem::VetoGradeUnknown {
                        name: quoted(g.get_ref()),
                        grades: names,
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
                title_en: self.optional(
                    Some(&s.title_en),
                    format!("sections[{i}].title_en"),
                    false,
                ),
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
                    let known = some_of(sections.iter().map(|s| s.id.as_str()), ", ");
                    self.report(
                        &it.section,
                        k("section"),
                        Problem::UnknownSection {
                            value: quoted(it.section.get_ref()),
                            known,
                        },
                    );
                    0
                }
            };
            let max_points = self.points(&it.max_points, k("max_points"));
            let step = match &it.step {
                Some(s) => {
                    let bad_before = self.problems.len() + self.omitted;
                    let p = self.points(s, k("step"));
                    if p.is_zero() && self.problems.len() + self.omitted == bad_before {
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
            if max_points.is_zero()
                && !it.veto
                && matches!(it.max_points.get_ref(), Num::Number(x) if *x == 0.0)
            {
                self.report(&it.max_points, k("max_points"), Problem::NothingToDeduct);
            }
            let deduction = match &it.deduction {
                Some(d) => self.long_text(d, k("deduction")),
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
                text: self.long_text(&it.text, k("text")),
                text_en: self.long_text(&it.text_en, k("text_en")),
                max_points,
                step,
                deduction,
                deduction_en: self.optional(it.deduction_en.as_ref(), k("deduction_en"), true),
                veto: it.veto,
                blocks_excellent: it.blocks_excellent,
                basis: self.list(&it.basis, &k("basis"), true),
                sources: self.list(&it.sources, &k("sources"), false),
                category,
            });
        }
        for (s, used) in raw.sections.iter().zip(&used) {
            if !used {
                let id = quoted(s.get_ref().id.get_ref());
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
        if total.is_some() && !items.is_empty() && sum != total_points {
            let by_section = sections
                .iter()
                .enumerate()
                .take(20)
                .map(|(si, s)| {
                    let p: Points = items
                        .iter()
                        .filter(|i| i.section == si)
                        .map(|i| i.max_points)
                        .sum();
                    format!("{} {p}", quoted(&s.id))
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
            basis_law,
            category_sets,
            note,
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
        for (key, value) in raw.get_ref().iter().take(MAX_LIST) {
            let at = format!("items[{i}].category.{}", quoted(key));
            let Some(set) = CategorySet::from_key(key) else {
                let key = quoted(key);
                self.report(value, at, Problem::UnknownCategorySet { key });
                continue;
            };
            if !set.categories().contains(&value.get_ref().as_str()) {
                self.report(
                    value,
                    at,
                    Problem::CategoryUnknown {
                        set: set.key(),
                        value: quoted(value.get_ref()),
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

    /// The grade scale; `total` is `None` when the checklist's total is itself invalid.
    fn grades(
        &mut self,
        raw: &[Spanned<RawGrade>],
        head: &Spanned<()>,
        total: Option<Points>,
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
            let shown = quoted(&name);
            let min = self.points(&g.min, k("min"));
            let below = g.below.as_ref().map(|b| (self.points(b, k("below")), b));
            match out.last() {
                None => {
                    if let Some((_, b)) = below {
                        self.report(
                            b,
                            k("below"),
                            Problem::TopHasBelow {
                                name: shown.clone(),
                            },
                        );
                    }
                    if let Some(total) = total.filter(|&t| min > t) {
                        self.report(
                            &g.min,
                            k("min"),
                            Problem::TopAboveTotal {
                                name: shown.clone(),
                                min,
                                total,
                            },
                        );
                    }
                }
                Some(above) => {
                    let above_name = quoted(&above.name);
                    if min >= above.min {
                        self.report(
                            &g.min,
                            k("min"),
                            Problem::GradeOrder {
                                name: shown.clone(),
                                min,
                                above: above_name.clone(),
                                above_min: above.min,
                            },
                        );
                    }
                    let above_min = above.min;
                    match below {
                        None => self.report(
                            &g.name,
                            k("below"),
                            Problem::MissingBelow {
                                name: shown.clone(),
                                above: above_name,
                            },
                        ),
                        Some((b, at)) if b < above_min => self.report(
                            at,
                            k("below"),
                            Problem::GradeGap {
                                name: shown.clone(),
                                below: b,
                                above: above_name,
                                above_min,
                            },
                        ),
                        Some((b, at)) if b > above_min => self.report(
                            at,
                            k("below"),
                            Problem::GradeOverlap {
                                name: shown.clone(),
                                below: b,
                                above: above_name,
                                above_min,
                            },
                        ),
                        Some(_) => {}
                    }
                }
            }
            out.push(Grade {
                name,
                name_en: self.optional(Some(&g.name_en), k("name_en"), false),
                min,
                below: below.map(|(b, _)| b),
            });
        }
        if let (Some(last), Some(raw_last)) = (out.last(), raw.last()) {
            if !last.min.is_zero() {
                let name = quoted(&last.name);
                let min = last.min;
                self.report(
                    &raw_last.get_ref().min,
                    format!("grades[{}].min", raw.len() - 1),
                    Problem::LowestNotZero { name, min },
                );
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const BASE: &str = include_str!("../../tests/fixtures/hostile/checklist-bom.toml");

    fn base() -> &'static str {
        BASE.trim_start_matches('\u{FEFF}')
    }

    fn problems(text: &str) -> Vec<ChecklistProblem> {
        match parse("t.toml", text.as_bytes()) {
            Ok(_) => Vec::new(),
            Err(e) => e.problems,
        }
    }

    #[test]
    fn nesting_is_counted_outside_strings_and_comments_only() {
        let deep = |n: usize| format!("x = {}{}", "[".repeat(n), "]".repeat(n));
        assert_eq!(too_deep(&deep(MAX_DEPTH)), None);
        assert_eq!(too_deep(&deep(MAX_DEPTH + 1)), Some(4 + MAX_DEPTH));
        let brackets = "[".repeat(100);
        let dots = ".".repeat(100);
        for quoted in [
            format!("x = \"{brackets}{dots}\\\"{brackets}\""),
            format!("x = '{brackets}{dots}'"),
            format!("x = \"\"\"\n{brackets}\n\\\"\"\"{brackets}\"\"\""),
            format!("x = '''\n{brackets}{dots}\n'''"),
            format!("# {brackets}{dots}\nx = 1"),
        ] {
            assert_eq!(too_deep(&quoted), None, "{quoted}");
        }
        // After a string ends, counting resumes.
        let after = format!("x = \"]]]\" {}", "[".repeat(MAX_DEPTH + 1));
        assert!(too_deep(&after).is_some());
        let key = format!("{} = 1", vec!["a"; MAX_DEPTH + 2].join("."));
        assert!(too_deep(&key).is_some());
        for (_, text) in BUILTIN {
            assert_eq!(too_deep(text), None);
        }
    }

    #[test]
    fn line_numbers_match_a_plain_count() {
        let text = "a\nbb\n\nccc\n";
        let lines = Lines::new(text);
        for offset in 0..=text.len() {
            let plain = text[..offset].matches('\n').count() + 1;
            assert_eq!(lines.line(offset), plain, "{offset}");
        }
    }

    #[test]
    fn the_key_of_a_type_error_is_the_one_before_its_equals_sign() {
        let text = "[checklist]\ntitle = 5\ncategory = { youxian = 5 }\n";
        let at = |s: &str| Some(text.find(s).unwrap());
        assert_eq!(
            toml_key("invalid type", text, at("5")),
            Some("title".into())
        );
        assert_eq!(
            toml_key("invalid type", text, at("5 }")),
            Some("youxian".into())
        );
        assert_eq!(toml_key("duplicate key", text, at("title")), None);
        assert_eq!(
            toml_key("unknown field `x\u{1b}`, expected", text, None),
            Some("x\u{1b}".into()),
            "cleaned before, in cleaned_message"
        );
        assert_eq!(
            cleaned_message("unknown field `x\u{1b}]0;t\u{7}`"),
            "unknown field `x^[]0;t^G`"
        );
    }

    #[test]
    fn base_fixture_is_valid() {
        let c = parse("t.toml", base().as_bytes()).unwrap();
        assert_eq!(c.items.len(), 1);
    }

    #[test]
    fn sections_grades_and_lists_are_bounded() {
        let mut many_sections = base().to_string();
        for i in 0..=MAX_SECTIONS {
            many_sections +=
                &format!("[[sections]]\nid = \"S{i}\"\ntitle = \"x\"\ntitle_en = \"x\"\n");
        }
        let p = problems(&many_sections);
        assert_eq!(p.len(), 1, "{p:?}");
        assert_eq!(
            p[0].problem,
            Problem::TooMany {
                count: MAX_SECTIONS + 2,
                max: MAX_SECTIONS
            }
        );
        let mut many_grades = base().to_string();
        for i in 0..MAX_GRADES {
            many_grades +=
                &format!("[[grades]]\nname = \"G{i}\"\nname_en = \"g\"\nmin = 0\nbelow = 0\n");
        }
        let p = problems(&many_grades);
        assert_eq!(p.len(), 1, "{p:?}");
        assert_eq!(p[0].key.as_deref(), Some("grades"));
        let basis = format!("basis = [{}]", vec!["\"x\""; MAX_LIST + 1].join(", "));
        let p = problems(&base().replace("basis = []", &basis));
        assert_eq!(p.len(), 1, "{p:?}");
        assert_eq!(p[0].key.as_deref(), Some("items[0].basis"));
        assert!(matches!(p[0].problem, Problem::TooMany { count, .. } if count == MAX_LIST + 1));
    }

    #[test]
    fn long_texts_may_break_lines_short_ones_may_not() {
        let text = base().replace(
            "text = \"对外文书加盖本机关印章\"",
            "text = \"\"\"\n对外文书\r\n\t加盖本机关印章\"\"\"",
        );
        assert_eq!(problems(&text), vec![]);
        let p = problems(&base().replace("title = \"测试评查表\"", "title = \"测试\\n评查表\""));
        assert_eq!(p.len(), 1);
        assert_eq!(p[0].key.as_deref(), Some("checklist.title"));
        assert_eq!(p[0].problem, Problem::BadChar { code: 0x0A, at: 3 });
        // A lone carriage return (it moves the cursor back over the line) is refused anywhere.
        let p = problems(&base().replace("对外文书加盖本机关印章", "对外文书\\r加盖"));
        assert_eq!(p[0].problem, Problem::BadChar { code: 0x0D, at: 5 });
    }

    #[test]
    fn messages_never_repeat_a_value_raw_or_whole() {
        let id = format!("A\\u001b]0;x\\u0007{}", "9".repeat(50));
        let p = problems(&base().replace("id = \"A1\"", &format!("id = \"{id}\"")));
        let Problem::BadId { value } = &p[0].problem else {
            panic!("{p:?}")
        };
        assert_eq!(value, &format!("A^[]0;x^G{}…", "9".repeat(MAX_QUOTED - 7)));
        let long = "x".repeat(1000);
        let p = problems(&base().replace("section = \"A\"", &format!("section = \"{long}\"")));
        let text = ChecklistError {
            file: "t.toml".into(),
            problems: p,
        }
        .render(Lang::En);
        assert!(text.len() < 400, "{text}");
    }

    #[test]
    fn problems_are_counted_past_those_kept_and_listed() {
        let mut text = base().to_string();
        for i in 0..(MAX_KEPT / 2 + 10) {
            text += &format!(
                "[[items]]\nid = \"B {i}\"\nsection = \"Z\"\ntext = \"x\"\ntext_en = \"x\"\nmax_points = 0\nveto = true\nbasis = []\ncategory = {{ youxian = \"随意性执法问题\" }}\n"
            );
        }
        let e = parse("t.toml", text.as_bytes()).unwrap_err();
        assert_eq!(e.problems.len(), MAX_KEPT + 1);
        // Two per item (id, section) and the missing veto grade is not missing: it is set.
        assert_eq!(e.count(), 2 * (MAX_KEPT / 2 + 10));
        let shown = e.render(Lang::En);
        assert_eq!(shown.lines().count(), 1 + MAX_LISTED + 1, "{shown}");
        assert!(shown.ends_with(&format!(
            "… and {} more not listed: fix the ones above and check again",
            e.count() - MAX_LISTED
        )));
    }
}
