//! The layout of one register sheet as agencies really fill it in: where the header is (found in
//! the first rows, or named with `--header-row`), a second header row under merged parent cells,
//! and the rows that are not cases (titles, 填报 lines, 合计 rows, notes, rows with only a 序号).
//! It decides and records; it never changes a byte of the file, and it never skips a row without
//! listing it with its reason. Validation of the case rows stays in `import.rs`.

use super::columns::{normalise, Role};
use super::entities::PopulationKind;
use crate::i18n::Lang;
use crate::tr;
use serde::{Deserialize, Serialize};

/// The header is looked for in the first this many rows (as the sheet numbers them).
pub const HEADER_SEARCH_ROWS: u64 = 30;

/// At most this many rows of one sheet are left out as not cases; more means the layout is not
/// understood, and the sheet is refused rather than a long list frozen.
pub const MAX_SKIPPED: usize = 10_000;

/// Separator between a parent header and its child in a combined name, e.g. `办理期限/办结日期`.
pub const HEADER_JOIN: char = '/';

/// The field delimiter of a text register (`--delimiter`; detected when not given).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, clap::ValueEnum)]
#[serde(rename_all = "snake_case")]
pub enum Delimiter {
    #[value(alias = ",")]
    Comma,
    #[value(alias = "\\t")]
    Tab,
    #[value(alias = ";")]
    Semicolon,
}

impl Delimiter {
    pub fn byte(self) -> u8 {
        match self {
            Delimiter::Comma => b',',
            Delimiter::Tab => b'\t',
            Delimiter::Semicolon => b';',
        }
    }

    pub fn from_byte(b: u8) -> Option<Delimiter> {
        match b {
            b',' => Some(Delimiter::Comma),
            b'\t' => Some(Delimiter::Tab),
            b';' => Some(Delimiter::Semicolon),
            _ => None,
        }
    }

    pub fn zh(self) -> &'static str {
        match self {
            Delimiter::Comma => "逗号",
            Delimiter::Tab => "制表符",
            Delimiter::Semicolon => "分号",
        }
    }

    pub fn en(self) -> &'static str {
        match self {
            Delimiter::Comma => "comma",
            Delimiter::Tab => "tab",
            Delimiter::Semicolon => "semicolon",
        }
    }
}

/// How one sheet (or text file) was laid out; frozen in `campaign.json`, re-applied by `verify`.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Layout {
    /// The sheet's name (workbooks only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sheet: Option<String>,
    /// The agency given by the sheet's name (`--agency-from-sheet`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub agency_from_sheet: Option<String>,
    /// First header row as the spreadsheet shows it; 0 for an empty sheet.
    pub header_row: u64,
    /// 1, or 2 when a second header row sits under merged parent cells.
    pub header_rows: u64,
    /// The header row was named with `--header-row` rather than found.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub header_given: bool,
    /// One name per column, parent and child combined (`办理期限/办结日期`).
    #[serde(default)]
    pub headers: Vec<String>,
    /// Rows above the header (titles, 填报 lines) and non-case rows below it, in row order.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub skipped: Vec<SkippedRow>,
    /// Hidden rows that were read as cases (a hidden row is a case like any other).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub hidden_rows: Vec<u64>,
    /// Merged ranges that reach into the data rows, e.g. `C4:C8`; every covered cell took the
    /// value of the range's top-left cell.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub merged: Vec<String>,
    /// Case rows read and kept by the filter, on this sheet.
    pub rows: u64,
    pub kept: u64,
}

impl Layout {
    /// Rows above the header that are not data.
    pub fn before_header(&self) -> impl Iterator<Item = &SkippedRow> {
        self.skipped.iter().filter(|s| s.row < self.header_row)
    }

    /// Non-case rows below the header.
    pub fn non_case_rows(&self) -> impl Iterator<Item = &SkippedRow> {
        let last_header = self.header_row + self.header_rows.saturating_sub(1);
        self.skipped.iter().filter(move |s| s.row > last_header)
    }

    /// The last header row.
    pub fn last_header_row(&self) -> u64 {
        self.header_row + self.header_rows.saturating_sub(1)
    }
}

/// One row that was not read as a case, with why and what it said (shortened).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SkippedRow {
    pub row: u64,
    pub reason: SkipReason,
    pub text: String,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SkipReason {
    /// A title above the header (one text, often merged across the row).
    Title,
    /// 填报单位 / 填报日期 / 填报人 / 审核人 / 联系电话 lines.
    FilingInfo,
    /// Any other row above the header.
    AboveHeader,
    /// 合计 / 总计 / 小计 / 共计.
    Summary,
    /// 填表说明 / 说明 / 备注 / 注.
    Note,
    /// A row whose only content is a running number (序号).
    NumberOnly,
}

impl SkipReason {
    pub fn zh(self) -> &'static str {
        match self {
            SkipReason::Title => "标题",
            SkipReason::FilingInfo => "填报信息",
            SkipReason::AboveHeader => "表头前的行",
            SkipReason::Summary => "合计行",
            SkipReason::Note => "说明或备注",
            SkipReason::NumberOnly => "只有序号",
        }
    }

    pub fn en(self) -> &'static str {
        match self {
            SkipReason::Title => "title",
            SkipReason::FilingInfo => "filing details",
            SkipReason::AboveHeader => "above the header",
            SkipReason::Summary => "summary row",
            SkipReason::Note => "note",
            SkipReason::NumberOnly => "only a running number",
        }
    }
}

/// At most this many characters of a skipped row are kept in the record.
const ROW_TEXT_CHARS: usize = 60;

/// A row's non-empty cells joined for the record and for messages, shortened.
pub fn row_text(cells: &[&str]) -> String {
    let mut seen: Vec<&str> = Vec::new();
    for c in cells.iter().map(|c| c.trim()).filter(|c| !c.is_empty()) {
        // A merged cell repeats its value across the row: show it once.
        if seen.last() != Some(&c) {
            seen.push(c);
        }
    }
    let joined = seen.join(" | ");
    let mut out: String = joined
        .chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .take(ROW_TEXT_CHARS)
        .collect();
    if joined.chars().count() > ROW_TEXT_CHARS {
        out.push('…');
    }
    out
}

/// Does this row name the case id column? With `--id-column`, that exact header; otherwise any
/// of the id aliases (also as the child part of a combined name).
pub fn names_id_column(cells: &[&str], id_override: Option<&str>, kind: PopulationKind) -> bool {
    cells.iter().any(|c| match id_override {
        Some(name) => c.trim() == name.trim(),
        None => header_is(kind, Role::Id, c),
    })
}

/// Whether a header (possibly combined `parent/child`) is one of a role's names.
pub fn header_is(kind: PopulationKind, role: Role, header: &str) -> bool {
    let aliases = kind.aliases(role);
    if aliases.contains(&normalise(header).as_str()) {
        return true;
    }
    header
        .rsplit_once(HEADER_JOIN)
        .is_some_and(|(_, child)| aliases.contains(&normalise(child).as_str()))
}

/// What a row above the header is.
pub fn classify_above_header(cells: &[&str]) -> SkipReason {
    let texts: Vec<&str> = cells
        .iter()
        .map(|c| c.trim())
        .filter(|c| !c.is_empty())
        .collect();
    if texts.iter().any(|t| starts_with_any(t, FILING)) {
        return SkipReason::FilingInfo;
    }
    let mut distinct = texts.clone();
    distinct.dedup();
    if distinct.len() == 1 {
        return SkipReason::Title;
    }
    SkipReason::AboveHeader
}

/// Row starts of a 合计 row (spaces inside, as in `合  计`, are ignored).
const SUMMARY: &[&str] = &["合计", "总计", "小计", "共计", "总数", "合 计"];
/// Row starts of notes.
const NOTE: &[&str] = &[
    "填表说明",
    "说明：",
    "说明:",
    "备注",
    "注：",
    "注:",
    "注1",
    "注 1",
];
/// Row starts of the filing and signature lines.
const FILING: &[&str] = &[
    "填报单位",
    "填报日期",
    "填报时间",
    "填报人",
    "填表人",
    "制表人",
    "制表单位",
    "审核人",
    "负责人",
    "单位负责人",
    "分管领导",
    "联系人",
    "联系电话",
    "报送单位",
    "报送日期",
];

/// Whether `text` starts with `start`, white space inside either ignored (`合  计`), without
/// allocating: this runs on the id cell of every row.
fn starts_with_squeezed(text: &str, start: &str) -> bool {
    let mut t = text.chars().filter(|c| !c.is_whitespace());
    start
        .chars()
        .filter(|c| !c.is_whitespace())
        .all(|s| t.next() == Some(s))
}

fn starts_with_any(text: &str, starts: &[&str]) -> bool {
    starts.iter().any(|s| starts_with_squeezed(text, s))
}

/// Cheap test before `classify_below_header`: a row whose id cell holds a real id is a case.
pub fn may_be_non_case(id: &str) -> bool {
    match id.chars().find(|c| !c.is_whitespace()) {
        None => true,
        Some(first) => MARKER_FIRST.contains(&first) && is_marker(id),
    }
}

/// The first characters of every marker in `SUMMARY`, `NOTE` and `FILING` (a test keeps them so).
const MARKER_FIRST: [char; 15] = [
    '合', '总', '小', '共', '填', '说', '备', '注', '制', '审', '负', '单', '分', '联', '报',
];

/// Is this id cell itself the text of a non-case row (a 合计 merged over the id column)? The
/// first character decides for nearly every row, which keeps this off the import's profile.
fn is_marker(id: &str) -> bool {
    let Some(first) = id.chars().find(|c| !c.is_whitespace()) else {
        return false;
    };
    MARKER_FIRST.contains(&first)
        && (starts_with_any(id, SUMMARY)
            || starts_with_any(id, NOTE)
            || starts_with_any(id, FILING))
}

/// Whether a data row is not a case, and why. `id` is the id cell; `number_columns` are the
/// columns headed 序号 (or similar). A row with a real case id is always a case.
pub fn classify_below_header(
    cells: &[&str],
    id: &str,
    number_columns: &[usize],
) -> Option<SkipReason> {
    let id = id.trim();
    if !id.is_empty() && !is_marker(id) {
        return None;
    }
    let filled: Vec<(usize, &str)> = cells
        .iter()
        .enumerate()
        .map(|(i, c)| (i, c.trim()))
        .filter(|(_, c)| !c.is_empty())
        .collect();
    if filled.iter().any(|(_, t)| starts_with_any(t, SUMMARY)) {
        return Some(SkipReason::Summary);
    }
    let first = filled.first().map(|(_, t)| *t)?;
    if starts_with_any(first, NOTE) {
        return Some(SkipReason::Note);
    }
    if starts_with_any(first, FILING) {
        return Some(SkipReason::FilingInfo);
    }
    if id.is_empty()
        && !number_columns.is_empty()
        && filled.iter().all(|(i, t)| {
            number_columns.contains(i) && t.chars().all(|c| c.is_ascii_digit() || c == '.')
        })
    {
        return Some(SkipReason::NumberOnly);
    }
    None
}

/// Header names of running-number columns.
pub fn is_number_header(h: &str) -> bool {
    matches!(
        normalise(h).as_str(),
        "序号" | "编号" | "顺序号" | "行号" | "no" | "no." | "#" | "seq"
    )
}

/// Whether `next` (the row right below `header`) is a second header row: every cell that differs
/// from the header cell above it stands under a merged parent (an empty header cell, or one whose
/// text spans into its neighbours), at least one does, and none is a number or a date.
pub fn is_sub_header(header: &[String], next: &[&str], next_has_values: bool) -> bool {
    if next_has_values {
        return false;
    }
    let width = header.len().max(next.len());
    let p = |j: usize| header.get(j).map_or("", |s| s.trim());
    let c = |j: usize| next.get(j).map_or("", |s| s.trim());
    let mut under_parent = 0;
    for j in 0..width {
        let (pj, cj) = (p(j), c(j));
        if cj.is_empty() || cj == pj {
            continue;
        }
        let spanned = pj.is_empty()
            || (j > 0 && p(j - 1) == pj)
            || (j + 1 < width && p(j + 1) == pj)
            || (j + 1 < width && p(j + 1).is_empty() && !c(j + 1).is_empty());
        if !spanned {
            return false;
        }
        under_parent += 1;
    }
    under_parent > 0
}

/// One name per column from a header and its second row: the child under its parent
/// (`办理期限/办结日期`), the parent alone where the child is empty or repeats it.
pub fn combine_headers(header: &[String], next: &[&str]) -> Vec<String> {
    let width = header.len().max(next.len());
    let mut out = Vec::with_capacity(width);
    let mut parent = String::new();
    for j in 0..width {
        let pj = header.get(j).map_or("", |s| s.trim());
        let cj = next.get(j).map_or("", |s| s.trim());
        if !pj.is_empty() {
            parent = pj.to_string();
        } else if cj.is_empty() {
            parent.clear();
        }
        // An empty header cell continues the parent to its left only while children follow.
        let pj = if pj.is_empty() { parent.as_str() } else { pj };
        out.push(if cj.is_empty() || cj == pj {
            if header.get(j).map_or("", |s| s.trim()).is_empty() {
                String::new()
            } else {
                pj.to_string()
            }
        } else if pj.is_empty() {
            cj.to_string()
        } else {
            format!("{pj}{HEADER_JOIN}{cj}")
        });
    }
    out
}

/// Row numbers as ranges: `1–2、5`.
pub fn row_ranges(rows: &[u64]) -> String {
    let mut out: Vec<String> = Vec::new();
    let mut i = 0;
    while i < rows.len() {
        let mut j = i;
        while j + 1 < rows.len() && rows[j + 1] == rows[j] + 1 {
            j += 1;
        }
        out.push(if i == j {
            rows[i].to_string()
        } else {
            format!("{}–{}", rows[i], rows[j])
        });
        i = j + 1;
    }
    out.join(", ")
}

impl Layout {
    /// What was found, line by line, as `init` prints it and the witness sheet shows it:
    /// "表头在第 3 行；第 1–2 行（标题、填报信息）不作为数据", then the rows that are not cases.
    ///
    /// A note or a 填报人 row may hold names and telephone numbers: with `private` false (sheets
    /// that leave the workspace) only a 合计 or 序号 row's text is shown, the others by row and
    /// reason alone.
    pub fn describe(&self, lang: Lang, private: bool) -> Vec<String> {
        let mut lines = Vec::new();
        let on_sheet = match &self.sheet {
            Some(s) => tr!(lang, "工作表“{s}”：", "sheet {s:?}: "),
            None => String::new(),
        };
        if self.header_row == 0 {
            lines.push(format!(
                "{on_sheet}{}",
                lang.pick("空工作表，没有内容", "empty sheet, nothing on it")
            ));
            return lines;
        }
        let how = if self.header_given {
            lang.pick("（由 --header-row 指定）", " (as --header-row says)")
        } else {
            ""
        };
        let header = if self.header_rows > 1 {
            tr!(
                lang,
                "表头在第 {}–{} 行（两行合并）{how}",
                "the header is in rows {}–{} (two rows combined){how}",
                self.header_row,
                self.last_header_row()
            )
        } else {
            tr!(
                lang,
                "表头在第 {} 行{how}",
                "the header is in row {}{how}",
                self.header_row
            )
        };
        let above: Vec<&SkippedRow> = self.before_header().collect();
        let mut first = format!("{on_sheet}{header}");
        if !above.is_empty() {
            let rows: Vec<u64> = above.iter().map(|s| s.row).collect();
            let mut reasons: Vec<&str> = Vec::new();
            for s in &above {
                let r = lang.pick(s.reason.zh(), s.reason.en());
                if !reasons.contains(&r) {
                    reasons.push(r);
                }
            }
            first += &tr!(
                lang,
                "；第 {} 行（{}）不作为数据",
                "; rows {} ({}) are not data",
                row_ranges(&rows),
                reasons.join(lang.pick("、", ", "))
            );
        }
        if let Some(a) = &self.agency_from_sheet {
            first += &tr!(
                lang,
                "；执法机关取工作表名“{a}”",
                "; the agency is the sheet's name {a:?}"
            );
        }
        lines.push(first);
        if self.header_rows > 1 {
            lines.push(tr!(
                lang,
                "  合并后的列名：{}",
                "  combined column names: {}",
                self.headers.join(" | ")
            ));
        }
        for s in self.non_case_rows() {
            let shown = private || matches!(s.reason, SkipReason::Summary | SkipReason::NumberOnly);
            let why = lang.pick(s.reason.zh(), s.reason.en());
            lines.push(if shown {
                tr!(
                    lang,
                    "  跳过第 {} 行（{why}）：{}",
                    "  row {} skipped ({why}): {}",
                    s.row,
                    s.text
                )
            } else {
                tr!(
                    lang,
                    "  跳过第 {} 行（{why}）",
                    "  row {} skipped ({why})",
                    s.row
                )
            });
        }
        if !self.hidden_rows.is_empty() {
            lines.push(tr!(
                lang,
                "  隐藏行照常作为案卷读取：第 {} 行",
                "  hidden rows read as cases like any other: {}",
                row_ranges(&self.hidden_rows)
            ));
        }
        if !self.merged.is_empty() {
            lines.push(tr!(
                lang,
                "  数据区的合并单元格（每格取左上角的值）：{}",
                "  merged cells in the data area (each cell takes the top-left value): {}",
                self.merged.join(", ")
            ));
        }
        lines
    }
}

/// The skipped rows as `verify` compares them: `24 summary row; 25 filing details`.
fn skipped_list(l: &Layout) -> String {
    l.skipped
        .iter()
        .map(|s| format!("{} {}", s.row, s.reason.en()))
        .collect::<Vec<_>>()
        .join("; ")
}

/// How a layout found now differs from the recorded one, each difference named (`verify`).
pub fn differences(recorded: &[Layout], now: &[Layout], lang: Lang) -> Vec<String> {
    let mut out = Vec::new();
    if recorded.len() != now.len() {
        out.push(tr!(
            lang,
            "记录了 {} 个工作表的版式，现在读到 {} 个",
            "the record has the layout of {} sheets, the file now gives {}",
            recorded.len(),
            now.len()
        ));
    }
    for (r, n) in recorded.iter().zip(now) {
        let on = match &r.sheet {
            Some(s) => tr!(lang, "工作表“{s}”：", "sheet {s:?}: "),
            None => String::new(),
        };
        let mut differ = |zh: &str, en: &str, was: String, is: String| {
            if was != is {
                out.push(tr!(
                    lang,
                    "{on}{zh}记录为 {was}，现在为 {is}",
                    "{on}{en} recorded as {was}, now {is}"
                ));
            }
        };
        differ(
            "工作表",
            "sheet",
            format!("{:?}", r.sheet),
            format!("{:?}", n.sheet),
        );
        differ(
            "表头行",
            "header row",
            format!("{}+{}", r.header_row, r.header_rows),
            format!("{}+{}", n.header_row, n.header_rows),
        );
        differ(
            "列名",
            "column names",
            r.headers.join(" | "),
            n.headers.join(" | "),
        );
        differ("跳过的行", "skipped rows", skipped_list(r), skipped_list(n));
        differ(
            "隐藏行",
            "hidden rows",
            row_ranges(&r.hidden_rows),
            row_ranges(&n.hidden_rows),
        );
        differ(
            "合并单元格",
            "merged cells",
            r.merged.join(", "),
            n.merged.join(", "),
        );
        differ(
            "案卷行数",
            "case rows",
            format!("{}/{}", r.rows, r.kept),
            format!("{}/{}", n.rows, n.kept),
        );
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn s(v: &[&str]) -> Vec<String> {
        v.iter().map(|x| x.to_string()).collect()
    }

    #[test]
    fn id_column_found_by_alias_or_override() {
        let cases = PopulationKind::Cases;
        assert!(names_id_column(&["序号", "案号", "案件名称"], None, cases));
        assert!(!names_id_column(
            &["攸县交通运输局2023年度行政处罚案件目录"],
            None,
            cases
        ));
        assert!(names_id_column(&["办理期限/案号"], None, cases));
        assert!(names_id_column(&["文号"], Some("文号"), cases));
        assert!(!names_id_column(&["案号"], Some("文号"), cases));
        let entities = PopulationKind::Entities;
        assert!(names_id_column(
            &["序号", "统一社会信用代码", "名称"],
            None,
            entities
        ));
        assert!(!names_id_column(&["序号", "案号"], None, entities));
    }

    #[test]
    fn every_marker_starts_with_a_listed_character() {
        for m in SUMMARY.iter().chain(NOTE).chain(FILING) {
            let first = m.chars().next().unwrap();
            assert!(MARKER_FIRST.contains(&first), "{m}");
        }
    }

    #[test]
    fn rows_above_the_header() {
        assert_eq!(
            classify_above_header(&["攸县交通运输局2023年度行政处罚案件目录"; 6]),
            SkipReason::Title
        );
        assert_eq!(
            classify_above_header(&[
                "填报单位（盖章）：攸县交通运输局",
                "",
                "填报日期：2025年1月10日"
            ]),
            SkipReason::FilingInfo
        );
        assert_eq!(classify_above_header(&["a", "b"]), SkipReason::AboveHeader);
    }

    #[test]
    fn non_case_rows_and_real_cases() {
        let n = [0usize];
        assert_eq!(
            classify_below_header(&["合计：20件", "合计：20件", "", ""], "合计：20件", &n),
            Some(SkipReason::Summary)
        );
        assert_eq!(
            classify_below_header(&["合  计", "", "", "20件"], "", &n),
            Some(SkipReason::Summary)
        );
        assert_eq!(
            classify_below_header(&["填报人：张某某    审核人：李某某", "", ""], "", &n),
            Some(SkipReason::FilingInfo)
        );
        assert_eq!(
            classify_below_header(&["备注：本表不含撤销案件", ""], "", &n),
            Some(SkipReason::Note)
        );
        assert_eq!(
            classify_below_header(&["填表说明：1. 案号按决定书填写"], "", &n),
            Some(SkipReason::Note)
        );
        assert_eq!(
            classify_below_header(&["21", "", ""], "", &n),
            Some(SkipReason::NumberOnly)
        );
        // A real case id makes it a case whatever else the row says.
        assert_eq!(
            classify_below_header(&["3", "攸交罚〔2024〕9号", "合计"], "攸交罚〔2024〕9号", &n),
            None
        );
        // An empty id with other content is left to validation (an error, not a skip).
        assert_eq!(
            classify_below_header(&["4", "", "某某公司违法运输案"], "", &n),
            None
        );
        assert_eq!(classify_below_header(&["21", "", ""], "", &[]), None);
    }

    #[test]
    fn two_row_header_combined() {
        // Merged cells filled (XLSX, XLS): the parent repeats across its span and the
        // vertically merged cells repeat downwards.
        let h = s(&["序号", "案号", "办理期限", "办理期限", "承办人"]);
        let c = ["序号", "案号", "立案日期", "办结日期", "承办人"];
        assert!(is_sub_header(&h, &c, false));
        assert_eq!(
            combine_headers(&h, &c),
            s(&[
                "序号",
                "案号",
                "办理期限/立案日期",
                "办理期限/办结日期",
                "承办人"
            ])
        );
        // CSV as Excel writes a merge: the value in the first cell, the others empty.
        let h = s(&["序号", "案号", "办理期限", "", "承办人"]);
        let c = ["", "", "立案日期", "办结日期", ""];
        assert!(is_sub_header(&h, &c, false));
        assert_eq!(
            combine_headers(&h, &c),
            s(&[
                "序号",
                "案号",
                "办理期限/立案日期",
                "办理期限/办结日期",
                "承办人"
            ])
        );
        assert!(header_is(
            PopulationKind::Cases,
            Role::ClosedDate,
            "办理期限/办结日期"
        ));
        // A data row is not a second header.
        let h = s(&["序号", "案号", "执法机关"]);
        assert!(!is_sub_header(
            &h,
            &["1", "攸交罚〔2024〕1号", "攸县交通运输局"],
            false
        ));
        assert!(!is_sub_header(&h, &["", "", ""], false));
        assert!(!is_sub_header(
            &s(&["序号", "案号", "办理期限", ""]),
            &["", "", "2024-01-01", "2024-02-01"],
            true
        ));
    }

    #[test]
    fn row_text_is_short_and_shows_merged_values_once() {
        assert_eq!(row_text(&["合计", "合计", "", "20件"]), "合计 | 20件");
        let long = "很".repeat(100);
        assert_eq!(row_text(&[&long]).chars().count(), ROW_TEXT_CHARS + 1);
    }
}
