//! Importing decisions from a CSV or XLSX file (paper score sheets typed up, or another tool's
//! output): columns case_id, item_id, decision, points, finding, reviewer (evidence optional).
//! Every row is checked like a register row — file, row, column, what to do — and either all
//! changes are saved or none. Rows that match what the journal already holds change nothing, so
//! importing the same file twice writes nothing the second time.

use super::decision::{Decision, Verdict};
use super::event::{Change, Event};
use super::state::{self, Refusal, Status};
use super::{Review, ReviewError, Saved};
use crate::checklist::points::Points;
use crate::i18n::Lang;
use crate::register::encoding::TextEncoding;
use crate::register::import::read_problem;
use crate::register::problem::{column_letter, Place, ProblemKind};
use crate::register::reader::{self, RecordSink};
use crate::register::record::Record;
use crate::tr;
use crate::workspace::now;
use std::collections::HashMap;
use std::path::Path;

/// The columns, with the headers accepted for each (English first, as the issue names them).
const COLUMNS: [(&str, &[&str], bool); 7] = [
    ("case_id", &["case_id", "案号", "案卷编号"], true),
    (
        "item_id",
        &["item_id", "条目编号", "评查项目编号", "项目编号", "条目"],
        true,
    ),
    (
        "decision",
        &["decision", "结论", "评查结论", "评查结果"],
        true,
    ),
    ("points", &["points", "扣分", "扣分值"], false),
    (
        "finding",
        &["finding", "问题描述", "扣分理由", "存在问题"],
        false,
    ),
    ("reviewer", &["reviewer", "评查人"], true),
    ("evidence", &["evidence", "卷内页码", "页码"], false),
];

const MAX_ROWS: usize = 1_000_000;

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum RowProblem {
    File(ProblemKind),
    MissingColumn { name: &'static str, tried: String },
    DuplicateColumn { name: &'static str },
    NoRows,
    Empty,
    BadDecision { value: String },
    BadPoints { value: String },
    Repeated { first_row: u64 },
    Refused { case: String, refusal: Refusal },
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ImportProblem {
    pub place: Place,
    pub problem: RowProblem,
}

impl ImportProblem {
    pub fn render(&self, lang: Lang) -> String {
        let what = match &self.problem {
            RowProblem::File(ProblemKind::EmptyFile) => tr!(
                lang,
                "文件为空。请重新导出评查结论表",
                "the file is empty. Export the decisions sheet again"
            ),
            RowProblem::File(k) => k.render(lang),
            RowProblem::MissingColumn { name, tried } => tr!(
                lang,
                "缺少 {name} 列（可用表头：{tried}）",
                "no {name} column (accepted headers: {tried})"
            ),
            RowProblem::DuplicateColumn { name } => tr!(
                lang,
                "{name} 列出现了两次，无法确定用哪一列",
                "the {name} column appears twice; keep one"
            ),
            RowProblem::NoRows => tr!(
                lang,
                "只有表头，没有评查结论行",
                "has a header but no decision rows"
            ),
            RowProblem::Empty => tr!(lang, "此处不能为空", "must not be empty here"),
            RowProblem::BadDecision { value } => tr!(
                lang,
                "结论“{value}”无法识别：应为 pass/deduct/na/veto（或 符合/扣分/不适用/否决）",
                "decision {value:?} is not one of pass, deduct, na, veto (or 符合/扣分/不适用/否决)"
            ),
            RowProblem::BadPoints { value } => tr!(
                lang,
                "扣分“{value}”不是有效分数（如 1 或 0.5）",
                "points {value:?} are not a number of points (like 1 or 0.5)"
            ),
            RowProblem::Repeated { first_row } => tr!(
                lang,
                "同一案卷同一条目在第 {first_row} 行已出现。每个条目只能有一行",
                "the same case and item already appear on row {first_row}; give each item one row"
            ),
            RowProblem::Refused { case, refusal } => refusal.render(lang, case),
        };
        format!("{}: {what}", self.place.render(lang))
    }
}

#[derive(Debug)]
pub enum ImportError {
    Problems(Vec<ImportProblem>),
    Review(ReviewError),
}

impl ImportError {
    pub fn render(&self, lang: Lang) -> String {
        match self {
            ImportError::Review(e) => e.render(lang),
            ImportError::Problems(ps) => {
                let n = ps.len();
                let plural = if n == 1 { "" } else { "s" };
                let mut s = tr!(
                    lang,
                    "评查结论文件有 {n} 个问题，未保存任何内容：",
                    "the decisions file has {n} problem{plural}; nothing was saved:"
                );
                for p in ps {
                    s.push_str("\n  ");
                    s.push_str(&p.render(lang));
                }
                s
            }
        }
    }
}

pub struct ImportReport {
    pub rows: usize,
    pub unchanged: usize,
    pub saved: Saved,
}

/// One data row: its sheet row number and cells.
struct Row {
    row: u64,
    cells: Vec<String>,
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
            });
        }
        self.rows.len() <= MAX_ROWS
    }

    fn restart(&mut self) {
        self.rows.clear();
    }
}

/// Read `path` and save its decisions.
pub fn import(
    review: &mut Review,
    path: &Path,
    sheet: Option<&str>,
    encoding: Option<TextEncoding>,
) -> Result<ImportReport, ImportError> {
    let name = path.file_name().map_or_else(
        || path.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    );
    let place = |row: Option<u64>, column: Option<(String, String)>| Place {
        file: name.clone(),
        sheet: None,
        row,
        column,
        byte_offset: None,
    };
    let mut sink = Collect::default();
    let opts = reader::ReadOptions {
        encoding,
        sheets: reader::SheetChoice::from_flag(sheet),
        ..Default::default()
    };
    let scanned = reader::read_any(path, &opts, &mut sink).map_err(|e| {
        ImportError::Problems(vec![ImportProblem {
            place: place(None, None),
            problem: RowProblem::File(read_problem(e)),
        }])
    })?;
    let mut rows = sink.rows.into_iter();
    let header = rows.next().ok_or_else(|| {
        ImportError::Problems(vec![ImportProblem {
            place: place(None, None),
            problem: RowProblem::File(ProblemKind::EmptyFile),
        }])
    })?;
    let rows: Vec<Row> = rows.collect();
    let mut problems = Vec::new();
    let mut columns: [Option<usize>; 7] = [None; 7];
    for (k, (name, accepted, required)) in COLUMNS.iter().enumerate() {
        let found: Vec<usize> = header
            .cells
            .iter()
            .enumerate()
            .filter(|(_, h)| {
                let h = h.trim().trim_start_matches('\u{feff}').to_lowercase();
                accepted.iter().any(|a| *a == h)
            })
            .map(|(i, _)| i)
            .collect();
        match found.as_slice() {
            [] if *required => problems.push(ImportProblem {
                place: place(Some(header.row), None),
                problem: RowProblem::MissingColumn {
                    name,
                    tried: accepted.join(", "),
                },
            }),
            [] => {}
            [i] => columns[k] = Some(*i),
            [_, second, ..] => problems.push(ImportProblem {
                place: place(
                    Some(header.row),
                    Some((column_letter(*second), header.cells[*second].clone())),
                ),
                problem: RowProblem::DuplicateColumn { name },
            }),
        }
    }
    if problems.is_empty() && rows.is_empty() {
        problems.push(ImportProblem {
            place: place(Some(header.row), None),
            problem: RowProblem::NoRows,
        });
    }
    if !problems.is_empty() {
        return Err(ImportError::Problems(problems));
    }
    let tag = format!("import {name}@{}", &scanned.sha256[..16]);
    let sheet = Sheet {
        name: &name,
        tag: &tag,
        header: &header.cells,
        columns,
        rows: &rows,
    };
    review.ensure_plan().map_err(ImportError::Review)?;
    // Check everything first so every problem is reported at once; `commit` builds the events
    // again in case another process wrote to the journal meanwhile.
    let (_, unchanged) = sheet.events(review).map_err(ImportError::Problems)?;
    let saved = review
        .commit(&|r| {
            sheet
                .events(r)
                .map(|(e, _)| e)
                .map_err(|_| ReviewError::Busy)
        })
        .map_err(ImportError::Review)?;
    Ok(ImportReport {
        rows: rows.len(),
        unchanged,
        saved,
    })
}

struct Sheet<'a> {
    name: &'a str,
    tag: &'a str,
    header: &'a [String],
    columns: [Option<usize>; 7],
    rows: &'a [Row],
}

impl Sheet<'_> {
    fn cell<'r>(&self, row: &'r Row, k: usize) -> Option<&'r str> {
        let i = self.columns[k]?;
        let v = row.cells.get(i).map(|s| s.trim())?;
        (!v.is_empty()).then_some(v)
    }

    fn at(&self, row: &Row, k: usize) -> Place {
        Place {
            file: self.name.to_string(),
            sheet: None,
            row: Some(row.row),
            column: self.columns[k].map(|i| {
                (
                    column_letter(i),
                    self.header.get(i).cloned().unwrap_or_default(),
                )
            }),
            byte_offset: None,
        }
    }

    /// The events the rows call for against the review's current state, and how many rows
    /// already match it; or every problem found.
    fn events(&self, review: &Review) -> Result<(Vec<Event>, usize), Vec<ImportProblem>> {
        let mut problems = Vec::new();
        let mut events = Vec::new();
        let mut unchanged = 0;
        let mut seen: HashMap<(String, String), u64> = HashMap::new();
        // Each reviewer's sheet of each file (their own on a double-reviewed file), as rows change it.
        let mut trial: std::collections::HashMap<(usize, Option<String>), super::state::FileState> =
            Default::default();
        let at = now();
        for row in self.rows {
            let mut bad = |k: usize, problem: RowProblem| {
                problems.push(ImportProblem {
                    place: self.at(row, k),
                    problem,
                })
            };
            let (Some(case), Some(item), Some(verdict_text), Some(by)) = (
                self.cell(row, 0),
                self.cell(row, 1),
                self.cell(row, 2),
                self.cell(row, 5),
            ) else {
                for k in [0, 1, 2, 5] {
                    if self.cell(row, k).is_none() {
                        bad(k, RowProblem::Empty);
                    }
                }
                continue;
            };
            if let Some(first_row) = seen.insert((case.to_string(), item.to_string()), row.row) {
                bad(1, RowProblem::Repeated { first_row });
                continue;
            }
            let Some(verdict) = Verdict::parse(verdict_text) else {
                bad(
                    2,
                    RowProblem::BadDecision {
                        value: verdict_text.to_string(),
                    },
                );
                continue;
            };
            let points = match self.cell(row, 3) {
                // A sheet may write 0 (or leave it blank) for items it did not deduct on.
                Some(p) if verdict != Verdict::Deduct && Points::parse(p) == Some(Points::ZERO) => {
                    None
                }
                Some(p) => match Points::parse(p) {
                    Some(v) => Some(v),
                    None => {
                        bad(
                            3,
                            RowProblem::BadPoints {
                                value: p.to_string(),
                            },
                        );
                        continue;
                    }
                },
                None => None,
            };
            let refuse = |k: usize, refusal: Refusal| ImportProblem {
                place: self.at(row, k),
                problem: RowProblem::Refused {
                    case: case.to_string(),
                    refusal,
                },
            };
            let Ok(fi) = review.file_index(case) else {
                problems.push(refuse(0, Refusal::UnknownCase));
                continue;
            };
            let Some(checklist) = review.checklist_of(fi) else {
                problems.push(refuse(0, Refusal::UnknownCase));
                continue;
            };
            let Some(ii) = checklist.item_index(item) else {
                problems.push(refuse(
                    1,
                    Refusal::UnknownItem {
                        item: item.to_string(),
                        checklist: checklist.id.clone(),
                    },
                ));
                continue;
            };
            let decision = match Decision::new(
                &checklist.items[ii],
                verdict,
                points,
                self.cell(row, 4),
                self.cell(row, 6),
                Lang::Zh,
            ) {
                Ok(d) => d,
                Err(error) => {
                    let k = match error {
                        super::decision::DecisionError::FindingRequired => 4,
                        super::decision::DecisionError::Control { .. }
                        | super::decision::DecisionError::TooLong { .. } => 4,
                        _ => 3,
                    };
                    problems.push(refuse(
                        k,
                        Refusal::Invalid {
                            item: item.to_string(),
                            error,
                        },
                    ));
                    continue;
                }
            };
            let lane = review.lane_for(fi, by);
            let sheet = trial
                .entry((fi, lane.clone()))
                .or_insert_with(|| review.sheet_of(fi, by).into_owned());
            let old = sheet.decisions[ii].clone();
            if old.as_ref() == Some(&decision) {
                unchanged += 1;
                continue;
            }
            if matches!(sheet.status, Status::Finalized { .. }) {
                problems.push(refuse(2, Refusal::Finalized));
                continue;
            }
            let event = Event {
                seq: 0,
                at: at.clone(),
                by: by.to_string(),
                case: case.to_string(),
                checklist: checklist.reference(),
                change: Change::Set {
                    item: item.to_string(),
                    old,
                    new: Some(decision),
                },
                via: format!("{} row {}", self.tag, row.row),
                prev: String::new(),
                lane,
                signed: None,
            };
            if let Err(refusal) = state::apply(sheet, &review.checklists, &event) {
                problems.push(refuse(5, refusal));
                continue;
            }
            events.push(event);
        }
        if problems.is_empty() {
            Ok((events, unchanged))
        } else {
            Err(problems)
        }
    }
}
