//! The agency's 整改台账 (`rectify WS sheet`, `rectify WS import`): the layout of the sheet an
//! agency fills in offline — its columns, the preamble lines that are read back, the fixed row of
//! the column headers, the values it is pre-filled with — and turning a filled-in sheet back into
//! steps. Reading finds the header row by its names (a sheet re-saved by WPS, LibreOffice or
//! Excel, or filled in by a script, may have moved it, added columns or reordered them), checks
//! every row against the items and the rules, and returns either every problem at once (file,
//! row, column, what to do) or the changes for one `commit_each`: all or nothing.
//!
//! Must not: write the sheet (that is `export::agency_sheet`, which takes the layout from here);
//! write to the record other than through `Rectification::commit_each`; take a deadline from the
//! sheet (整改时限 is the office's: the 评查意见书 or `rectify plan --deadline` set it).

use super::book::{Book, Refusal, MAX_TEXT};
use super::event::Change;
use super::item::{date_text, parse_date, Item, Status};
use super::{RectError, Rectification, Saved};
use crate::i18n::Lang;
use crate::register::import::read_problem;
use crate::register::problem::{column_letter, Place, ProblemKind};
use crate::register::reader::{self, RecordSink};
use crate::register::record::{CellKind, Record};
use crate::tr;
use std::collections::HashMap;
use std::path::Path;

/// The sheet's columns, in the order they are written.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Col {
    Id,
    Case,
    Item,
    Category,
    Finding,
    Deadline,
    Status,
    Leader,
    Owner,
    Measure,
    Progress,
    Done,
}

/// One column: its header in each language, other headers accepted for it when reading, the
/// printed width, and whether the agency fills it in (white) or only reads it (grey).
pub struct Spec {
    pub col: Col,
    pub zh: &'static str,
    pub en: &'static str,
    pub width: f64,
    pub fill_in: bool,
    also: &'static [&'static str],
}

impl Spec {
    pub fn header(&self, lang: Lang) -> &'static str {
        lang.pick(self.zh, self.en)
    }

    fn accepts(&self, header: &str) -> bool {
        let h = header_key(header);
        !h.is_empty()
            && [self.zh, self.en]
                .iter()
                .chain(self.also)
                .any(|a| header_key(a) == h)
    }
}

/// `COLUMNS[c as usize]` is column `c`.
pub const COLUMNS: [Spec; 12] = [
    spec(Col::Id, "整改编号", "Item id", 10.0, false, &["编号", "id"]),
    spec(Col::Case, "案号", "Case id", 18.0, false, &["案卷编号"]),
    spec(Col::Item, "检查项", "Checklist item", 24.0, false, &[]),
    spec(Col::Category, "问题类别", "Category", 12.0, false, &[]),
    spec(
        Col::Finding,
        "具体问题",
        "Problem",
        30.0,
        false,
        &["存在问题", "具体表现"],
    ),
    spec(Col::Deadline, "整改时限", "Deadline", 11.0, false, &[]),
    spec(Col::Status, "当前状态", "Status", 10.0, false, &["状态"]),
    spec(
        Col::Leader,
        "责任领导",
        "Leader responsible",
        10.0,
        true,
        &[],
    ),
    spec(
        Col::Owner,
        "责任人",
        "Person responsible",
        10.0,
        true,
        &["具体责任人"],
    ),
    spec(
        Col::Measure,
        "整改措施",
        "Measures",
        26.0,
        true,
        &["整改方案"],
    ),
    spec(
        Col::Progress,
        "整改情况",
        "Progress",
        26.0,
        true,
        &["整改进展", "整改完成情况"],
    ),
    spec(
        Col::Done,
        "完成日期",
        "Completed on",
        11.0,
        true,
        &["整改完成日期", "完成时间"],
    ),
];

const fn spec(
    col: Col,
    zh: &'static str,
    en: &'static str,
    width: f64,
    fill_in: bool,
    also: &'static [&'static str],
) -> Spec {
    Spec {
        col,
        zh,
        en,
        width,
        fill_in,
        also,
    }
}

/// The columns import reads (the others are for the agency's information).
const READ: [Col; 6] = [
    Col::Id,
    Col::Leader,
    Col::Owner,
    Col::Measure,
    Col::Progress,
    Col::Done,
];

/// The fill-in columns, in order.
const FILL_IN: [Col; 5] = [
    Col::Leader,
    Col::Owner,
    Col::Measure,
    Col::Progress,
    Col::Done,
];

/// Lines between the title and the column headers in a sheet as written.
pub const PREAMBLE_LINES: usize = 6;
/// Row (1-based) of the column headers in a sheet as written: the title, then the preamble.
/// Import does not rely on it: it looks for the headers among the first `HEADER_SEARCH` rows.
pub const HEADER_ROW: u64 = 2 + PREAMBLE_LINES as u64;
/// Rows searched for the column headers.
pub const HEADER_SEARCH: usize = 30;
const MAX_ROWS: usize = 100_000;

const AGENCY_LABELS: [&str; 2] = ["执法机关", "Agency"];
const RECORD_LABELS: [&str; 2] = ["整改记录", "Record"];

/// What the preamble says about the sheet.
pub struct Heading<'a> {
    pub campaign: Option<&'a str>,
    pub agency: &'a str,
    pub date: &'a str,
    /// Rectification events when the sheet was made, and the record's head then.
    pub events: usize,
    pub head: &'a str,
}

/// The preamble: `PREAMBLE_LINES` lines. The agency and record lines are read back by import.
pub fn preamble(h: &Heading, lang: Lang) -> Vec<String> {
    let campaign = h.campaign.unwrap_or(lang.pick("（未命名）", "(unnamed)"));
    let (agency, events, head, date) = (h.agency, h.events, h.head, h.date);
    vec![
        tr!(lang, "专项名称：{campaign}", "Campaign: {campaign}"),
        tr!(lang, "执法机关：{agency}", "Agency: {agency}"),
        tr!(lang, "生成日期：{date}", "Made on: {date}"),
        tr!(
            lang,
            "整改记录：{events} 个事件，记录头 {head}",
            "Record: {events} events, head {head}"
        ),
        lang.pick(
            "填写说明：请在灰色以外的白色列（责任领导、责任人、整改措施、整改情况、完成日期）填写，不要改动整改编号，不要删改表头行。白色列已填的是已记录的情况，原样保留的行不产生任何变更。",
            "How to fill in: write only in the white columns (leader, person responsible, measures, progress, completed on), do not change the item ids or the header row. What the white columns hold is what is recorded; a row left as it is changes nothing.",
        )
        .to_string(),
        lang.pick(
            "责任领导、责任人、整改措施须一并填写；整改完成的，写明整改情况并填写完成日期（视为申请销号），尚未完成的只写整改情况。只有“待整改”“整改中”“退回”的事项需要填写，“已整改（申请销号）”“已销号”的仅供查看。整改时限以评查意见书为准：整改时限、当前状态等灰色列仅供参考，不导入。",
            "Leader, person responsible and measures go together; when the problem is rectified, write the progress and the date it was completed (this asks for the item to be closed), otherwise the progress only. Only items open, in progress or returned need filling in; those submitted or closed are for reference. The deadline is the feedback letter's: the grey columns (deadline, status, …) are for reference and are not imported.",
        )
        .to_string(),
    ]
}

/// What the fill-in columns hold for an item as recorded: the plan's leader, owner and measures,
/// the last report's progress and date. A sheet pre-filled with these changes nothing when it
/// comes back untouched.
pub fn prefill(it: &Item) -> [String; 5] {
    let f = Filled::recorded(it);
    [
        f.leader,
        f.owner,
        f.measure,
        f.progress,
        f.date.unwrap_or_default(),
    ]
}

/// The fill-in columns of a row, or of an item as recorded.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
struct Filled {
    leader: String,
    owner: String,
    measure: String,
    progress: String,
    /// `YYYY-MM-DD` when it is a date.
    date: Option<String>,
}

impl Filled {
    fn recorded(it: &Item) -> Filled {
        let (leader, owner, measure) = it.plan.as_ref().map_or_else(Default::default, |p| {
            (p.leader.clone(), p.owner.clone(), p.measure.clone())
        });
        let last = it.reports.last();
        Filled {
            leader,
            owner,
            measure,
            progress: last.map_or_else(String::new, |r| r.progress.clone()),
            date: last.and_then(|r| r.date.as_deref()).map(normal_date),
        }
    }

    fn plan(&self) -> (&str, &str, &str) {
        (&self.leader, &self.owner, &self.measure)
    }

    fn report(&self) -> (&str, Option<&str>) {
        (&self.progress, self.date.as_deref())
    }
}

fn normal_date(text: &str) -> String {
    parse_date(text).map_or_else(|| text.to_string(), date_text)
}

/// A header compared without spaces (also ideographic ones), a BOM, or case.
fn header_key(text: &str) -> String {
    text.chars()
        .filter(|c| !c.is_whitespace() && *c != '\u{feff}')
        .flat_map(char::to_lowercase)
        .collect()
}

/// `标签：值` (or `Label: value`, either colon) → the value.
fn labelled<'a>(cell: &'a str, labels: &[&str]) -> Option<&'a str> {
    let t = cell.trim().trim_start_matches('\u{feff}');
    labels.iter().find_map(|l| {
        let rest = t.strip_prefix(l)?.trim_start();
        let rest = rest.strip_prefix('：').or_else(|| rest.strip_prefix(':'))?;
        Some(rest.trim())
    })
}

/// The record line's events and head: `37 个事件，记录头 HEX` / `37 events, head HEX`.
fn record_line(value: &str) -> Option<(usize, String)> {
    let digits: String = value.chars().take_while(char::is_ascii_digit).collect();
    let events = digits.parse().ok()?;
    let head = value.split_whitespace().last()?;
    (head.len() == 64 && head.bytes().all(|b| b.is_ascii_hexdigit()))
        .then(|| (events, head.to_ascii_lowercase()))
}

/// A cell's text as written before it was made safe for a spreadsheet (`export::neutralize`
/// puts a `'` before a leading `=`, `+`, `-` or `@`), with Windows line ends made `\n`.
fn cell_text(raw: &str) -> String {
    let t = raw.replace("\r\n", "\n");
    let t = t.trim();
    match t.strip_prefix('\'') {
        Some(rest) if rest.starts_with(['=', '+', '-', '@']) => rest.to_string(),
        _ => t.to_string(),
    }
}

/// A completion date: any form `parse_date` takes, or a spreadsheet's date serial (a date cell
/// read as a number, or the five digits a CSV of an unformatted date cell holds).
fn date_cell(text: &str, kind: CellKind) -> Option<String> {
    if let Some(d) = parse_date(text) {
        return Some(date_text(d));
    }
    let t = text.trim();
    let serial = match kind {
        CellKind::Number(v) | CellKind::Date(v) => v,
        _ if t.len() == 5 && t.bytes().all(|b| b.is_ascii_digit()) => t.parse().ok()?,
        _ => return None,
    };
    let d = crate::register::dates::Date::from_serial(serial)?;
    // 2000–2099: a small number in the column is a mistake, not a day in 1900.
    (2000..=2099)
        .contains(&d.year)
        .then(|| parse_date(&d.to_string()).map(date_text))?
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum RowProblem {
    File(ProblemKind),
    NoHeader,
    MissingColumn {
        name: &'static str,
        tried: String,
    },
    DuplicateColumn {
        name: &'static str,
    },
    NoRows,
    /// The preamble names an agency this campaign does not have.
    UnknownAgency {
        agency: String,
        known: Vec<String>,
    },
    /// The preamble's record line does not fit this workspace's record.
    OtherRecord {
        events: usize,
        head: String,
        have: usize,
    },
    EmptyId,
    UnknownItem {
        id: String,
    },
    Repeated {
        id: String,
        first_row: u64,
    },
    OtherAgency {
        id: String,
        item_agency: String,
        sheet_agency: String,
    },
    BadDate {
        value: String,
    },
    BadText {
        too_long: bool,
    },
    /// One of leader, owner and measures is empty while the others are given (`recorded`: what
    /// the record holds there).
    PlanIncomplete {
        recorded: Option<String>,
    },
    DateWithoutProgress,
    ProgressCleared {
        recorded: String,
    },
    NoPlan {
        id: String,
    },
    /// A submitted or closed item whose fill-in cells were changed.
    ReadOnly {
        id: String,
        status: Status,
    },
    Refused(Refusal),
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SheetProblem {
    pub place: Place,
    pub problem: RowProblem,
}

impl SheetProblem {
    pub fn render(&self, lang: Lang) -> String {
        let what = match &self.problem {
            RowProblem::File(ProblemKind::EmptyFile) => tr!(
                lang,
                "文件为空。请用 anjuan rectify WS sheet 重新生成整改台账",
                "the file is empty. Make the sheet again with anjuan rectify WS sheet"
            ),
            RowProblem::File(k) => k.render(lang),
            RowProblem::NoHeader => tr!(
                lang,
                "前 {HEADER_SEARCH} 行中找不到表头（含“整改编号”的一行）。请使用 anjuan rectify WS sheet 生成的台账填写，不要删改表头行",
                "no header row (the one with “整改编号”, item id) in the first {HEADER_SEARCH} rows. Fill in the sheet anjuan rectify WS sheet makes, and keep its header row"
            ),
            RowProblem::MissingColumn { name, tried } => tr!(
                lang,
                "缺少“{name}”列（可用表头：{tried}）。请恢复该列的表头",
                "no “{name}” column (accepted headers: {tried}). Put its header back"
            ),
            RowProblem::DuplicateColumn { name } => tr!(
                lang,
                "“{name}”列出现了两次，无法确定用哪一列：请删去一列",
                "the “{name}” column appears twice: keep one"
            ),
            RowProblem::NoRows => tr!(
                lang,
                "只有表头，没有整改事项行",
                "has a header but no item rows"
            ),
            RowProblem::UnknownAgency { agency, known } => tr!(
                lang,
                "台账注明的执法机关“{agency}”不在本次评查中（本次评查的执法机关：{}）。请用 anjuan rectify WS sheet --agency 重新生成台账",
                "the sheet names an agency “{agency}” that is not in this campaign (its agencies: {}). Make the sheet again with anjuan rectify WS sheet --agency",
                known.join("、")
            ),
            RowProblem::OtherRecord { events, head, have } => tr!(
                lang,
                "台账注明生成时整改记录有 {events} 个事件、记录头 {head}，与本工作区的整改记录（{have} 个事件）不符：这份台账不是从本工作区生成的。请在生成它的工作区导入，或用 anjuan rectify WS sheet 重新生成",
                "the sheet says the record had {events} events with head {head} when it was made, which does not fit this workspace's record ({have} events): it was made from another workspace. Import it there, or make a new sheet with anjuan rectify WS sheet"
            ),
            RowProblem::EmptyId => tr!(
                lang,
                "整改编号为空，但此行填写了内容：请填回该事项原来的整改编号（整改编号不能改动）",
                "the item id is empty but the row is filled in: put the item's id back (ids must not be changed)"
            ),
            RowProblem::UnknownItem { id } => tr!(
                lang,
                "没有编号为 {id} 的整改事项：请填回台账原有的整改编号（不要改动），或删去此行；编号可用 anjuan rectify WS list 查看",
                "there is no rectification item {id}: put back the id the sheet had (ids must not be changed) or delete the row; anjuan rectify WS list shows the ids"
            ),
            RowProblem::Repeated { id, first_row } => tr!(
                lang,
                "整改编号 {id} 在第 {first_row} 行已出现：每个事项只能有一行，请把两行合并为一行",
                "the item id {id} appears on row {first_row} already: give each item one row (merge the two)"
            ),
            RowProblem::OtherAgency {
                id,
                item_agency,
                sheet_agency,
            } => tr!(
                lang,
                "整改事项 {id} 属于“{item_agency}”，不属于本台账的执法机关“{sheet_agency}”：请删去此行，由“{item_agency}”在其整改台账中填写",
                "rectification item {id} is {item_agency}'s, not this sheet's agency {sheet_agency}: delete the row; {item_agency} fills it in on its own sheet"
            ),
            RowProblem::BadDate { value } => tr!(
                lang,
                "完成日期“{value}”不是日期：请写成 2025-01-31（或 2025/1/31、2025年1月31日），尚未完成的请留空",
                "completion date “{value}” is not a date: write it as 2025-01-31 (or 2025/1/31, 2025年1月31日), or leave it empty if not done yet"
            ),
            RowProblem::BadText { too_long: true } => tr!(
                lang,
                "内容超过 {MAX_TEXT} 字：请精简",
                "longer than {MAX_TEXT} characters: shorten it"
            ),
            RowProblem::BadText { too_long: false } => tr!(
                lang,
                "含有控制字符或不可见的格式字符：请删去后重新导入",
                "contains a control or invisible format character: remove it and import again"
            ),
            RowProblem::PlanIncomplete { recorded: None } => tr!(
                lang,
                "此处为空：责任领导、责任人、整改措施须一并填写",
                "empty: leader, person responsible and measures go together"
            ),
            RowProblem::PlanIncomplete { recorded: Some(r) } => tr!(
                lang,
                "此处为空：责任领导、责任人、整改措施须一并填写，已记录的内容不能清空（已记录为“{r}”）",
                "empty: leader, person responsible and measures go together, and what is recorded cannot be cleared (recorded: “{r}”)"
            ),
            RowProblem::DateWithoutProgress => tr!(
                lang,
                "填写了完成日期，但整改情况为空：请写明整改情况",
                "a completion date is given but the progress is empty: say what was done"
            ),
            RowProblem::ProgressCleared { recorded } => tr!(
                lang,
                "已记录的整改情况不能清空：请保留原内容（“{recorded}”）或写明新的整改情况",
                "the progress recorded cannot be cleared: keep it (“{recorded}”) or write the new progress"
            ),
            RowProblem::NoPlan { id } => tr!(
                lang,
                "整改事项 {id} 还没有整改方案：填写整改情况前，请先填写责任领导、责任人、整改措施",
                "rectification item {id} has no plan yet: fill in the leader, person responsible and measures before the progress"
            ),
            RowProblem::ReadOnly { id, status } => tr!(
                lang,
                "整改事项 {id} 状态为“{}”，仅供查看，不能再填写：请把此行白色列恢复为原内容，或删去此行",
                "rectification item {id} is {}: it is for reference and cannot be filled in. Put the row's white cells back as they were, or delete the row",
                status.label(lang)
            ),
            RowProblem::Refused(r) => r.render(lang),
        };
        format!("{}: {what}", self.place.render(lang))
    }
}

#[derive(Debug)]
pub enum SheetError {
    Problems {
        file: String,
        list: Vec<SheetProblem>,
    },
    Rect(RectError),
}

impl From<RectError> for SheetError {
    fn from(e: RectError) -> Self {
        SheetError::Rect(e)
    }
}

impl SheetError {
    pub fn render(&self, lang: Lang) -> String {
        match self {
            SheetError::Rect(e) => e.render(lang),
            SheetError::Problems { file, list } => {
                let n = list.len();
                let plural = if n == 1 { "" } else { "s" };
                let mut s = tr!(
                    lang,
                    "整改台账 {file} 有 {n} 个问题，未保存任何内容（改正后重新导入整份台账）：",
                    "the rectification sheet {file} has {n} problem{plural}; nothing was saved (correct them and import the whole sheet again):"
                );
                for p in list {
                    s.push_str("\n  ");
                    s.push_str(&p.render(lang));
                }
                s
            }
        }
    }
}

/// What an import did.
pub struct Imported {
    pub file: String,
    pub agency: String,
    /// Item rows read.
    pub rows: usize,
    /// Items that changed (a row with a plan and a report is one item, two events).
    pub changed_items: usize,
    /// Rows whose fill-in cells hold what is recorded.
    pub unchanged: usize,
    /// Rows left as the sheet was made while the record has changed since: anjuan's is kept.
    pub kept_newer: Vec<u64>,
    /// Rows that name no item and fill nothing in (notes, signature lines under the table).
    pub ignored: Vec<u64>,
    /// Rows whose 整改时限 differs from the item's deadline (never taken from the sheet).
    pub deadline_ignored: Vec<u64>,
    /// None when nothing changed (nothing is written then).
    pub saved: Option<Saved>,
}

/// One non-blank row as read: its number as the sheet shows it, cells and their kinds.
struct Row {
    row: u64,
    cells: Vec<String>,
    kinds: Vec<CellKind>,
}

impl Row {
    /// The first cell with text (a preamble line, wherever a column put before it moved it).
    fn first(&self) -> &str {
        self.cells
            .iter()
            .find(|c| !c.trim().is_empty())
            .map_or("", |s| s.as_str())
    }
}

#[derive(Default)]
struct Collect {
    rows: Vec<Row>,
}

impl RecordSink for Collect {
    fn record(&mut self, rec: &Record) -> bool {
        if !rec.is_blank() {
            self.rows.push(Row {
                row: rec.row,
                cells: (0..rec.len()).map(|i| rec.text(i).to_string()).collect(),
                kinds: (0..rec.len()).map(|i| rec.kind(i)).collect(),
            });
        }
        self.rows.len() <= MAX_ROWS
    }

    fn restart(&mut self) {
        self.rows.clear();
    }
}

/// The columns found in the header row.
struct Header {
    row: u64,
    cells: Vec<String>,
    at: [Option<usize>; 12],
}

impl Header {
    fn find(row: &Row, file: &str) -> Result<Header, Vec<SheetProblem>> {
        let mut at = [None; 12];
        let mut problems = Vec::new();
        let place = |i: Option<usize>| Place {
            file: file.to_string(),
            sheet: None,
            row: Some(row.row),
            column: i.map(|i| (column_letter(i), row.cells[i].clone())),
            byte_offset: None,
        };
        for spec in &COLUMNS {
            let found: Vec<usize> = (0..row.cells.len())
                .filter(|&i| spec.accepts(&row.cells[i]))
                .collect();
            match found.as_slice() {
                [] if READ.contains(&spec.col) => problems.push(SheetProblem {
                    place: place(None),
                    problem: RowProblem::MissingColumn {
                        name: spec.zh,
                        tried: [spec.zh, spec.en]
                            .iter()
                            .chain(spec.also)
                            .copied()
                            .collect::<Vec<_>>()
                            .join("、"),
                    },
                }),
                [] => {}
                [i] => at[spec.col as usize] = Some(*i),
                [_, second, ..] if READ.contains(&spec.col) => problems.push(SheetProblem {
                    place: place(Some(*second)),
                    problem: RowProblem::DuplicateColumn { name: spec.zh },
                }),
                // An informational column twice: it is not read, so either will do.
                [first, ..] => at[spec.col as usize] = Some(*first),
            }
        }
        if problems.is_empty() {
            Ok(Header {
                row: row.row,
                cells: row.cells.clone(),
                at,
            })
        } else {
            Err(problems)
        }
    }

    fn cell(&self, row: &Row, c: Col) -> String {
        self.at[c as usize]
            .and_then(|i| row.cells.get(i))
            .map_or_else(String::new, |s| cell_text(s))
    }

    fn kind(&self, row: &Row, c: Col) -> CellKind {
        self.at[c as usize]
            .and_then(|i| row.kinds.get(i).copied())
            .unwrap_or(CellKind::Text)
    }

    fn column(&self, c: Col) -> Option<(String, String)> {
        self.at[c as usize].map(|i| (column_letter(i), self.cells[i].clone()))
    }
}

/// Read the filled-in sheet at `path` (XLSX, XLS, ODS, or CSV in UTF-8 or GBK) and save what it
/// changes with one commit, each event's `via` naming the file, its digest and the row; or
/// return every problem found, having written nothing.
///
/// `by` is who records it; without it, the steps are recorded as the sheet's agency's (they are
/// the agency's plans and reports), so anyone at the office may close them.
pub fn import(
    r: &mut Rectification,
    path: &Path,
    by: Option<&str>,
) -> Result<Imported, SheetError> {
    let given = by.map(str::trim);
    if given.is_some_and(str::is_empty) {
        return Err(RectError::Refused(Refusal::NoBy).into());
    }
    let file = path.file_name().map_or_else(
        || path.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    );
    let fail = |list: Vec<SheetProblem>| SheetError::Problems {
        file: file.clone(),
        list,
    };
    let at = |row: Option<u64>, column: Option<(String, String)>| Place {
        file: file.clone(),
        sheet: None,
        row,
        column,
        byte_offset: None,
    };
    let mut sink = Collect::default();
    let scanned =
        reader::read_any(path, &reader::ReadOptions::default(), &mut sink).map_err(|e| {
            fail(vec![SheetProblem {
                place: at(None, None),
                problem: RowProblem::File(read_problem(e)),
            }])
        })?;
    if sink.rows.is_empty() {
        return Err(fail(vec![SheetProblem {
            place: at(None, None),
            problem: RowProblem::File(ProblemKind::EmptyFile),
        }]));
    }
    let Some(h) = sink
        .rows
        .iter()
        .take(HEADER_SEARCH)
        .position(|row| row.cells.iter().any(|c| COLUMNS[0].accepts(c)))
    else {
        return Err(fail(vec![SheetProblem {
            place: at(None, None),
            problem: RowProblem::NoHeader,
        }]));
    };
    let header = Header::find(&sink.rows[h], &file).map_err(&fail)?;
    let (above, rest) = sink.rows.split_at(h);
    let rows = &rest[1..];
    if rows.is_empty() {
        return Err(fail(vec![SheetProblem {
            place: at(Some(header.row), None),
            problem: RowProblem::NoRows,
        }]));
    }
    // The preamble: whose sheet it is and the record it was made from.
    let mut agency = None;
    let mut made_from = None;
    for row in above {
        if let Some(a) = labelled(row.first(), &AGENCY_LABELS) {
            agency.get_or_insert((row.row, a.to_string()));
        }
        if let Some(v) = labelled(row.first(), &RECORD_LABELS).and_then(record_line) {
            made_from.get_or_insert((row.row, v));
        }
    }
    if let Some((row, a)) = &agency {
        let known = r.agencies();
        if !known.contains(a) {
            return Err(fail(vec![SheetProblem {
                place: at(Some(*row), Some(("A".into(), String::new()))),
                problem: RowProblem::UnknownAgency {
                    agency: a.clone(),
                    known,
                },
            }]));
        }
    }
    // The items as the sheet was pre-filled, when the record has moved on since.
    let baseline = match made_from {
        Some((row, (events, head))) => {
            let have = r.record.events.len();
            let head_then = match events {
                0 => Some(r.record.root()),
                n => r.record.hashes.get(n - 1).map(|h| h.as_str()),
            };
            if events > have || head_then != Some(head.as_str()) {
                return Err(fail(vec![SheetProblem {
                    place: at(Some(row), Some(("A".into(), String::new()))),
                    problem: RowProblem::OtherRecord { events, head, have },
                }]));
            }
            (events < have).then_some(events)
        }
        None => None,
    };
    let baseline = match baseline {
        Some(n) => Some(Rectification::open_at(&r.review.ws.dir, None, Some(n))?.book),
        None => None,
    };
    let tag = format!("import {file}@{}", &scanned.sha256[..16]);
    let rows = Rows {
        file: &file,
        header: &header,
        rows,
        tag: &tag,
        // Only checked to be someone; the steps are written with the real name below.
        by: given.unwrap_or("（整改台账）"),
    };
    let mut out = rows
        .changes(r, baseline.as_ref(), agency.map(|(_, a)| a))
        .map_err(&fail)?;
    if !out.changes.is_empty() {
        let by = given.map_or_else(|| out.imported.agency.clone(), str::to_string);
        out.imported.saved = Some(r.commit_each(std::mem::take(&mut out.changes), &by)?);
    }
    Ok(out.imported)
}

struct Rows<'a> {
    file: &'a str,
    header: &'a Header,
    rows: &'a [Row],
    tag: &'a str,
    by: &'a str,
}

/// The changes to save, each with its row's `via`, and what the import reports.
struct Outcome {
    changes: Vec<(Change, String)>,
    imported: Imported,
}

impl Rows<'_> {
    fn place(&self, row: &Row, c: Col) -> Place {
        Place {
            file: self.file.to_string(),
            sheet: None,
            row: Some(row.row),
            column: self.header.column(c),
            byte_offset: None,
        }
    }

    /// The changes every row calls for against `r` (and `baseline`, the items as the sheet was
    /// made), checked row by row against the rules in order; or every problem found.
    fn changes(
        &self,
        r: &Rectification,
        baseline: Option<&Book>,
        mut agency: Option<String>,
    ) -> Result<Outcome, Vec<SheetProblem>> {
        let mut problems = Vec::new();
        let mut changes: Vec<(Change, String)> = Vec::new();
        let mut imported = Imported {
            file: self.file.to_string(),
            agency: String::new(),
            rows: 0,
            changed_items: 0,
            unchanged: 0,
            kept_newer: Vec::new(),
            ignored: Vec::new(),
            deadline_ignored: Vec::new(),
            saved: None,
        };
        let mut seen: HashMap<String, u64> = HashMap::new();
        let journal = r.review.journal.events.len() as u64;
        let mut trial = r.book.clone();
        let at = crate::workspace::now();
        let h = self.header;
        for row in self.rows {
            let mut bad = |c: Col, problem: RowProblem| {
                problems.push(SheetProblem {
                    place: self.place(row, c),
                    problem,
                })
            };
            // Ids are upper case; a sheet may have had them typed in lower.
            let id = h.cell(row, Col::Id).to_uppercase();
            let fills: Vec<String> = FILL_IN.iter().map(|&c| h.cell(row, c)).collect();
            let item = (!id.is_empty()).then(|| r.book.get(&id)).flatten();
            if item.is_none() && (fills.iter().all(String::is_empty) || merged_note(row)) {
                imported.ignored.push(row.row);
                continue;
            }
            imported.rows += 1;
            if id.is_empty() {
                bad(Col::Id, RowProblem::EmptyId);
                continue;
            }
            if let Some(&first_row) = seen.get(&id) {
                bad(Col::Id, RowProblem::Repeated { id, first_row });
                continue;
            }
            seen.insert(id.clone(), row.row);
            let Some(it) = item else {
                bad(Col::Id, RowProblem::UnknownItem { id });
                continue;
            };
            let sheet_agency = agency.get_or_insert_with(|| it.agency.clone());
            if &it.agency != sheet_agency {
                bad(
                    Col::Id,
                    RowProblem::OtherAgency {
                        id,
                        item_agency: it.agency.clone(),
                        sheet_agency: sheet_agency.clone(),
                    },
                );
                continue;
            }
            let mut row_bad = false;
            for (k, c) in FILL_IN[..4].iter().enumerate() {
                let v = &fills[k];
                let too_long = v.chars().count() > MAX_TEXT;
                if too_long || crate::review::decision::forbidden_char(v, true).is_some() {
                    bad(*c, RowProblem::BadText { too_long });
                    row_bad = true;
                }
            }
            let date = match fills[4].as_str() {
                "" => None,
                text => match date_cell(text, h.kind(row, Col::Done)) {
                    Some(d) => Some(d),
                    None => {
                        bad(
                            Col::Done,
                            RowProblem::BadDate {
                                value: text.to_string(),
                            },
                        );
                        row_bad = true;
                        None
                    }
                },
            };
            if row_bad {
                continue;
            }
            let cells = Filled {
                leader: fills[0].clone(),
                owner: fills[1].clone(),
                measure: fills[2].clone(),
                progress: fills[3].clone(),
                date,
            };
            let now = Filled::recorded(it);
            let then = baseline.and_then(|b| b.get(&id)).map(Filled::recorded);
            let plan_changed = cells.plan() != now.plan()
                && then.as_ref().is_none_or(|t| cells.plan() != t.plan());
            let report_changed = cells.report() != now.report()
                && then.as_ref().is_none_or(|t| cells.report() != t.report());
            if let Some(d) = date_cell(&h.cell(row, Col::Deadline), h.kind(row, Col::Deadline)) {
                if it.deadline.as_deref().map(normal_date) != Some(d) {
                    imported.deadline_ignored.push(row.row);
                }
            }
            if !plan_changed && !report_changed {
                imported.unchanged += 1;
                if cells != now {
                    imported.kept_newer.push(row.row);
                }
                continue;
            }
            let first_changed = if plan_changed {
                Col::Leader
            } else {
                Col::Progress
            };
            if it.withdrawn() {
                bad(first_changed, RowProblem::Refused(Refusal::Withdrawn(id)));
                continue;
            }
            if matches!(it.status, Status::Submitted | Status::Closed) {
                bad(
                    first_changed,
                    RowProblem::ReadOnly {
                        id,
                        status: it.status,
                    },
                );
                continue;
            }
            let mut steps = Vec::new();
            if plan_changed {
                let recorded = [&now.leader, &now.owner, &now.measure];
                let mut complete = true;
                for (k, c) in FILL_IN[..3].iter().enumerate() {
                    if fills[k].is_empty() {
                        complete = false;
                        bad(
                            *c,
                            RowProblem::PlanIncomplete {
                                recorded: (!recorded[k].is_empty()).then(|| recorded[k].clone()),
                            },
                        );
                    }
                }
                if !complete {
                    continue;
                }
                steps.push(Change::Plan {
                    id: id.clone(),
                    leader: cells.leader.clone(),
                    owner: cells.owner.clone(),
                    measure: cells.measure.clone(),
                    deadline: None,
                });
            }
            if report_changed {
                if cells.progress.is_empty() {
                    if cells.date.is_some() {
                        bad(Col::Progress, RowProblem::DateWithoutProgress);
                    } else {
                        bad(
                            Col::Progress,
                            RowProblem::ProgressCleared {
                                recorded: now.progress.clone(),
                            },
                        );
                    }
                    continue;
                }
                if it.plan.is_none() && !plan_changed {
                    bad(Col::Leader, RowProblem::NoPlan { id });
                    continue;
                }
                steps.push(Change::Report {
                    id: id.clone(),
                    progress: cells.progress.clone(),
                    evidence: Vec::new(),
                    done: cells.date.is_some(),
                    date: cells.date.clone(),
                });
            }
            // The rules, on the items as the rows before have changed them.
            let via = format!("{} row {}", self.tag, row.row);
            let mut attempt = trial.clone();
            let mut refused = None;
            for (k, change) in steps.iter().enumerate() {
                let e = r.event(change.clone(), self.by, &via, changes.len() + k, &at);
                if let Err(x) = attempt.apply(&e, journal) {
                    refused = Some(x);
                    break;
                }
            }
            if let Some(x) = refused {
                bad(first_changed, RowProblem::Refused(x));
                continue;
            }
            trial = attempt;
            imported.changed_items += 1;
            changes.extend(steps.into_iter().map(|c| (c, via.clone())));
        }
        imported.agency = agency.unwrap_or_default();
        if problems.is_empty() {
            Ok(Outcome { changes, imported })
        } else {
            Err(problems)
        }
    }
}

/// A line written across the table (a merged cell a spreadsheet hands on in every column it
/// covers, or in the first only): every non-empty cell holds the same text.
fn merged_note(row: &Row) -> bool {
    let mut texts = row.cells.iter().map(|c| c.trim()).filter(|c| !c.is_empty());
    match texts.next() {
        Some(first) => texts.all(|t| t == first),
        None => true,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_are_in_their_enum_order() {
        for (k, s) in COLUMNS.iter().enumerate() {
            assert_eq!(s.col as usize, k, "{}", s.zh);
        }
        assert!(COLUMNS
            .iter()
            .filter(|s| s.fill_in)
            .map(|s| s.col)
            .eq(FILL_IN));
    }

    #[test]
    fn headers_match_without_spaces_or_case() {
        let id = &COLUMNS[Col::Id as usize];
        for h in [
            "整改编号",
            " 整改 编号 ",
            "\u{feff}整改编号",
            "ITEM ID",
            "item　id",
        ] {
            assert!(id.accepts(h), "{h:?}");
        }
        assert!(!id.accepts("整改编号（请勿改动）"));
        assert!(!id.accepts(""));
        assert!(COLUMNS[Col::Done as usize].accepts("整改完成日期"));
    }

    #[test]
    fn preamble_lines_are_read_back() {
        let head = "ab".repeat(32);
        let h = Heading {
            campaign: Some("演示专项"),
            agency: "攸县交通运输局",
            date: "2026-12-03",
            events: 37,
            head: &head,
        };
        for lang in [Lang::Zh, Lang::En] {
            let p = preamble(&h, lang);
            assert_eq!(p.len(), PREAMBLE_LINES);
            let agency: Vec<&str> = p
                .iter()
                .filter_map(|l| labelled(l, &AGENCY_LABELS))
                .collect();
            assert_eq!(agency, ["攸县交通运输局"]);
            let rec: Vec<_> = p
                .iter()
                .filter_map(|l| labelled(l, &RECORD_LABELS).and_then(record_line))
                .collect();
            assert_eq!(rec, [(37, head.clone())]);
        }
        assert_eq!(
            labelled("执法机关:攸县林业局 ", &AGENCY_LABELS),
            Some("攸县林业局")
        );
        assert_eq!(labelled("执法机关林业局", &AGENCY_LABELS), None);
    }

    #[test]
    fn cells_undo_the_formula_guard() {
        assert_eq!(cell_text("'=1+1"), "=1+1");
        assert_eq!(cell_text("'-补正"), "-补正");
        assert_eq!(cell_text("'s"), "'s");
        assert_eq!(cell_text(" 补正\r\n培训 "), "补正\n培训");
    }

    #[test]
    fn completion_dates_in_every_form() {
        for (text, kind) in [
            ("2025-01-31", CellKind::Text),
            ("2025/1/31", CellKind::Text),
            ("2025年1月31日", CellKind::Text),
            ("20250131", CellKind::Number(20250131.0)),
            ("2025-01-31 00:00:00", CellKind::Text),
            ("45688", CellKind::Number(45688.0)),
            ("45688", CellKind::Text),
            ("2025-01-31", CellKind::Date(45688.0)),
            ("45688.5", CellKind::Date(45688.5)),
        ] {
            assert_eq!(
                date_cell(text, kind).as_deref(),
                Some("2025-01-31"),
                "{text}"
            );
        }
        for (text, kind) in [
            ("下月完成", CellKind::Text),
            ("3", CellKind::Number(3.0)),
            ("2025-02-30", CellKind::Text),
            ("123456", CellKind::Text),
        ] {
            assert_eq!(date_cell(text, kind), None, "{text}");
        }
    }

    #[test]
    fn merged_lines_under_the_table() {
        let row = |cells: &[&str]| Row {
            row: 9,
            cells: cells.iter().map(|s| s.to_string()).collect(),
            kinds: Vec::new(),
        };
        assert!(merged_note(&row(&["填报人：张三", "填报人：张三", ""])));
        assert!(merged_note(&row(&["填报人：张三"])));
        assert!(!merged_note(&row(&["Z0001", "刘局长"])));
    }
}
