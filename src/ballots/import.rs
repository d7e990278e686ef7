//! The tally sheet (计票表) filled in elsewhere — by hand in Excel or WPS, or by a script — and
//! brought in (`ballot WS import`): one row per ballot, 编号, 校验码, a column per evaluated
//! agency holding the level's text or its number 1..k (empty or 0: blank), and optionally 废票.
//! Every row is checked by the same rules as a ballot typed in; every problem of every row is
//! reported at once, with its row and column, and nothing is written unless all rows pass.
//!
//! Owns: finding the columns and reading the rows. Must not: write other than through
//! `Ballots::enter` (one write for the whole sheet).

use super::entry::{self, Ballot, Marks};
use super::setup::Setup;
use super::{BallotError, Ballots, FileProblem, Problem, Refusal, Saved};
use crate::register::columns::normalise;
use crate::register::import::read_problem;
use crate::register::problem::{column_letter, Place, ProblemKind};
use crate::register::reader::{self, RecordSink};
use crate::register::record::{CellKind, Record};
use std::collections::BTreeMap;
use std::path::Path;

pub const SERIAL_HEADERS: [&str; 3] = ["编号", "票号", "serial"];
pub const CODE_HEADERS: [&str; 3] = ["校验码", "check code", "code"];
pub const SPOILED_HEADERS: [&str; 2] = ["废票", "spoiled"];
const HEADER_SEARCH: usize = 30;
const MAX_ROWS: usize = 200_000;

struct Row {
    row: u64,
    cells: Vec<String>,
    kinds: Vec<CellKind>,
}

#[derive(Default)]
struct Collect(Vec<Row>);

impl RecordSink for Collect {
    fn record(&mut self, rec: &Record) -> bool {
        if !rec.is_blank() {
            self.0.push(Row {
                row: rec.row,
                cells: (0..rec.len())
                    .map(|i| rec.text(i).trim().to_string())
                    .collect(),
                kinds: (0..rec.len()).map(|i| rec.kind(i)).collect(),
            });
        }
        self.0.len() <= MAX_ROWS
    }

    fn restart(&mut self) {
        self.0.clear();
    }
}

fn is(cell: &str, names: &[&str]) -> bool {
    let c = normalise(cell);
    names.iter().any(|n| normalise(n) == c)
}

/// Where each column is.
struct Columns {
    serial: usize,
    code: usize,
    spoiled: Option<usize>,
    agencies: Vec<usize>,
    headers: Vec<String>,
}

impl Columns {
    fn find(
        setup: &Setup,
        row: &Row,
        at: &dyn Fn(Option<usize>) -> Place,
    ) -> Result<Columns, Vec<Problem>> {
        let mut problems = Vec::new();
        let (mut serial, mut code, mut spoiled) = (None, None, None);
        let mut agencies: Vec<Option<usize>> = vec![None; setup.agencies.len()];
        for (i, h) in row.cells.iter().enumerate() {
            if h.is_empty() {
                continue;
            }
            let slot = if is(h, &SERIAL_HEADERS) {
                &mut serial
            } else if is(h, &CODE_HEADERS) {
                &mut code
            } else if is(h, &SPOILED_HEADERS) {
                &mut spoiled
            } else if let Some(a) = setup.agencies.iter().position(|a| a == h) {
                &mut agencies[a]
            } else {
                problems.push(Problem::new(
                    at(Some(i)),
                    FileProblem::UnknownColumn(h.clone()),
                ));
                continue;
            };
            if slot.is_some() {
                problems.push(Problem::new(
                    at(Some(i)),
                    FileProblem::DuplicateColumn(h.clone()),
                ));
            } else {
                *slot = Some(i);
            }
        }
        let mut need = |found: Option<usize>, name: &str| {
            if found.is_none() {
                problems.push(Problem::new(
                    at(None),
                    FileProblem::MissingColumn(name.to_string()),
                ));
            }
            found.unwrap_or(0)
        };
        let serial = need(serial, SERIAL_HEADERS[0]);
        let code = need(code, CODE_HEADERS[0]);
        let agencies: Vec<usize> = agencies
            .iter()
            .zip(&setup.agencies)
            .map(|(c, name)| need(*c, name))
            .collect();
        if problems.is_empty() {
            Ok(Columns {
                serial,
                code,
                spoiled,
                agencies,
                headers: row.cells.clone(),
            })
        } else {
            Err(problems)
        }
    }
}

/// A 废票 cell: marked or not.
fn spoiled_mark(v: &str) -> Option<bool> {
    match v.trim().to_lowercase().as_str() {
        "" | "0" | "否" | "no" | "n" => Some(false),
        "1" | "是" | "废" | "废票" | "√" | "✓" | "x" | "yes" | "y" => Some(true),
        _ => None,
    }
}

/// What an import did.
pub struct Imported {
    pub file: String,
    pub ballots: usize,
    pub spoiled: usize,
    /// Rows with nothing besides column 编号 (notes, serials not returned): not ballots.
    pub ignored: Vec<u64>,
    pub saved: Saved,
}

/// Read the tally sheet at `path` and enter every ballot on it in pass `pass`, or report every
/// problem and write nothing.
pub fn import(
    b: &mut Ballots,
    path: &Path,
    pass: u8,
    clerk: Option<&str>,
) -> Result<Imported, BallotError> {
    let (setup, _) = b.current()?;
    let setup = setup.clone();
    let standing = b.pass(pass)?;
    let file = path.file_name().map_or_else(
        || path.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    );
    let place = |row: Option<u64>, column: Option<(String, String)>| Place {
        file: file.clone(),
        sheet: None,
        row,
        column,
        byte_offset: None,
    };
    let fail = |list: Vec<Problem>| BallotError::File {
        file: file.clone(),
        list,
    };
    let mut rows = Collect::default();
    let scanned =
        reader::read_any(path, &reader::ReadOptions::default(), &mut rows).map_err(|e| {
            fail(vec![Problem::new(
                place(None, None),
                FileProblem::Read(read_problem(e)),
            )])
        })?;
    if rows.0.is_empty() {
        return Err(fail(vec![Problem::new(
            place(None, None),
            FileProblem::Read(ProblemKind::EmptyFile),
        )]));
    }
    let Some(h) = rows.0.iter().take(HEADER_SEARCH).position(|r| {
        r.cells.iter().any(|c| is(c, &SERIAL_HEADERS))
            && r.cells.iter().any(|c| is(c, &CODE_HEADERS))
    }) else {
        return Err(fail(vec![Problem::new(
            place(None, None),
            FileProblem::NoHeader,
        )]));
    };
    let header_row = rows.0[h].row;
    let header_cells = rows.0[h].cells.clone();
    let col = |i: usize| {
        (
            column_letter(i),
            header_cells.get(i).cloned().unwrap_or_default(),
        )
    };
    let columns = Columns::find(&setup, &rows.0[h], &|i| place(Some(header_row), i.map(col)))
        .map_err(&fail)?;
    let body = &rows.0[h + 1..];
    if body.is_empty() {
        return Err(fail(vec![Problem::new(
            place(Some(header_row), None),
            FileProblem::NoRows,
        )]));
    }
    let short = &scanned.sha256[..12.min(scanned.sha256.len())];
    let mut problems = Vec::new();
    let mut ballots = Vec::new();
    let mut first_row: BTreeMap<u32, u64> = BTreeMap::new();
    let mut ignored = Vec::new();
    for r in body {
        let at = |i: usize| {
            place(
                Some(r.row),
                Some((column_letter(i), columns.headers[i].clone())),
            )
        };
        let cell = |i: usize| r.cells.get(i).map_or("", |s| s.as_str());
        let serial_text = cell(columns.serial);
        // Nothing besides column 编号: a note under the table, or a serial listed but not
        // returned. Not a ballot; reported.
        let rest_empty = std::iter::once(columns.code)
            .chain(columns.agencies.iter().copied())
            .chain(columns.spoiled)
            .all(|c| cell(c).is_empty());
        if rest_empty {
            ignored.push(r.row);
            continue;
        }
        if serial_text.is_empty() {
            problems.push(Problem::new(at(columns.serial), FileProblem::EmptySerial));
            continue;
        }
        let serial = match entry::serial(&setup, serial_text) {
            Ok(s) => s,
            Err(e) => {
                problems.push(Problem::new(at(columns.serial), FileProblem::Refused(e)));
                continue;
            }
        };
        if let Some(first) = first_row.insert(serial, r.row) {
            problems.push(Problem::new(
                at(columns.serial),
                FileProblem::RepeatedRow { first_row: first },
            ));
            continue;
        }
        if let Err(e) = entry::check_serial(&setup, &standing, serial, pass) {
            problems.push(Problem::new(at(columns.serial), FileProblem::Refused(e)));
            continue;
        }
        // A code typed into a number cell loses its leading zeros: they are put back.
        let mut code = super::code::normalise_code(cell(columns.code));
        if matches!(r.kinds.get(columns.code), Some(CellKind::Number(_)))
            && code.len() < super::code::CODE_DIGITS
        {
            code = format!("{code:0>width$}", width = super::code::CODE_DIGITS);
        }
        if let Err(e) = entry::check_code(&setup, serial, &code) {
            problems.push(Problem::new(at(columns.code), FileProblem::Refused(e)));
            continue;
        }
        let spoiled = match columns.spoiled {
            None => false,
            Some(c) => match spoiled_mark(cell(c)) {
                Some(s) => s,
                None => {
                    problems.push(Problem::new(
                        at(c),
                        FileProblem::BadSpoiledMark(cell(c).into()),
                    ));
                    continue;
                }
            },
        };
        let mut choices = Vec::new();
        let mut bad = false;
        for (a, &c) in columns.agencies.iter().enumerate() {
            let v = cell(c);
            if v.is_empty() || v == "0" {
                choices.push(None);
                continue;
            }
            match setup.level_of(v) {
                Some(l) => choices.push(Some(l)),
                None => {
                    bad = true;
                    problems.push(Problem::new(
                        at(c),
                        FileProblem::Refused(Refusal::NotOnScale {
                            agency: setup.agencies[a].clone(),
                            value: v.to_string(),
                            scale: setup.scale.clone(),
                        }),
                    ));
                }
            }
        }
        if bad {
            continue;
        }
        let marks = if spoiled {
            if choices.iter().any(Option::is_some) {
                let c = columns.spoiled.unwrap_or(0);
                problems.push(Problem::new(at(c), FileProblem::SpoiledWithChoices));
                continue;
            }
            Marks::Spoiled
        } else {
            Marks::Choices(choices)
        };
        ballots.push((
            Ballot {
                serial,
                code,
                marks,
            },
            format!("import {file}@{short} row {}", r.row),
        ));
    }
    if ballots.is_empty() && problems.is_empty() {
        problems.push(Problem::new(
            place(Some(header_row), None),
            FileProblem::NoRows,
        ));
    }
    if !problems.is_empty() {
        return Err(fail(problems));
    }
    let spoiled = ballots
        .iter()
        .filter(|(b, _)| b.marks == Marks::Spoiled)
        .count();
    let saved = b.enter(&ballots, pass, clerk)?;
    Ok(Imported {
        file,
        ballots: ballots.len(),
        spoiled,
        ignored,
        saved,
    })
}
