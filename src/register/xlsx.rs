//! Reading a worksheet cell by cell. calamine's `worksheet_range` builds a dense grid from the
//! first to the last used cell, so one cell at XFD1048576 would ask for 17 billion cells; here
//! cells stream by and only rows that hold something become records. The workbook is checked
//! by `xlsx_guard` first (zip bombs, oversized parts, formula cells, hidden rows, merged ranges).
//! A merged range fills its covered cells as rows stream by; a row the sheet does not hold at all
//! (no cell in it) is not made up, even when a merge covers it.

use super::reader::{
    number_text, read_regular, Merge, ReadError, RecordSink, Scanned, SheetChoice, SheetInfo,
};
use super::record::{CellKind, Record, Span};
use super::xlsx_guard;
use calamine::{DataRef, Reader, Xlsx};
use sha2::{Digest, Sha256};
use std::io::Cursor;
use std::path::Path;

/// Excel's own limits: rows 1–1 048 576, columns A–XFD.
const MAX_ROW: u32 = 1 << 20;
const MAX_COL: u32 = 1 << 14;

/// Read a workbook's first sheet (or the named one). Rows are numbered as the sheet shows them.
pub fn read_xlsx(
    path: &Path,
    sheet: Option<&str>,
    sink: &mut dyn RecordSink,
) -> Result<Scanned, ReadError> {
    let choice = match sheet {
        Some(s) => SheetChoice::Named(s.to_string()),
        None => SheetChoice::First,
    };
    read_xlsx_sheets(path, &choice, sink)
}

/// Read the chosen sheets of a workbook, each announced to the sink with what it hides and
/// merges. Cells covered by a merged range get the top-left cell's value and kind.
pub fn read_xlsx_sheets(
    path: &Path,
    choice: &SheetChoice,
    sink: &mut dyn RecordSink,
) -> Result<Scanned, ReadError> {
    let bytes = read_regular(path, xlsx_guard::MAX_FILE)?;
    if bytes.is_empty() {
        return Err(ReadError::Empty);
    }
    let sha256 = crate::draw::ticket::hex(&Sha256::digest(&bytes).into());
    let inspection = xlsx_guard::inspect(&bytes).map_err(ReadError::Guard)?;
    let mut book =
        Xlsx::new(Cursor::new(&bytes[..])).map_err(|e| ReadError::Xlsx(e.to_string()))?;
    let names = book.sheet_names().to_vec();
    for name in chosen_sheets(&names, choice)? {
        let info = inspection.sheet_info(&name);
        if !read_sheet(&mut book, &name, &inspection, info, sink)? {
            break;
        }
    }
    Ok(Scanned {
        sha256,
        bytes: bytes.len() as u64,
        encoding: None,
        delimiter: None,
        bad: Vec::new(),
    })
}

/// The sheets `choice` names, in workbook order; `NoSheet` lists them all.
pub fn chosen_sheets(names: &[String], choice: &SheetChoice) -> Result<Vec<String>, ReadError> {
    match choice {
        SheetChoice::First => Ok(vec![names.first().cloned().ok_or(ReadError::Empty)?]),
        SheetChoice::All if !names.is_empty() => Ok(names.to_vec()),
        SheetChoice::All => Err(ReadError::Empty),
        SheetChoice::Named(s) if names.iter().any(|n| n == s) => Ok(vec![s.clone()]),
        SheetChoice::Named(s) => Err(ReadError::NoSheet {
            wanted: s.clone(),
            sheets: names.to_vec(),
        }),
    }
}

/// One sheet, cell by cell; false if the sink stopped.
fn read_sheet(
    book: &mut Xlsx<Cursor<&[u8]>>,
    name: &str,
    inspection: &xlsx_guard::Inspection,
    info: SheetInfo,
    sink: &mut dyn RecordSink,
) -> Result<bool, ReadError> {
    let mut fill = MergeFill::new(&info.merged).map_err(|cells| ReadError::TooManyCells {
        sheet: name.to_string(),
        cells,
        limit: MAX_MERGED_CELLS,
    })?;
    sink.begin_sheet(&info);
    let formulas = inspection.formulas_of(name);
    let mut cells = book
        .worksheet_cells_reader(name)
        .map_err(|e| ReadError::Xlsx(e.to_string()))?;
    let mut row = RowBuilder::default();
    let mut current: Option<u32> = None;
    while let Some(cell) = cells
        .next_cell()
        .map_err(|e| ReadError::Xlsx(e.to_string()))?
    {
        let (r, c) = cell.get_position();
        if r >= MAX_ROW || c >= MAX_COL {
            return Err(ReadError::Xlsx(format!(
                "cell at row {}, column {} lies beyond the sheet's limits",
                r as u64 + 1,
                c as u64 + 1
            )));
        }
        if current != Some(r) {
            if let Some(prev) = current {
                if r < prev {
                    return Err(ReadError::Xlsx(format!(
                        "row {} comes after row {} in the file; the sheet is damaged",
                        r + 1,
                        prev + 1
                    )));
                }
                if !row.emit(prev, &mut fill, sink) {
                    return Ok(false);
                }
            }
            current = Some(r);
        }
        let (text, kind) = value_of(cell.get_value());
        let kind = if formulas.contains(&(r, c)) {
            CellKind::Formula
        } else {
            kind
        };
        row.put(c, text, kind);
    }
    Ok(match current {
        Some(r) => row.emit(r, &mut fill, sink),
        None => true,
    })
}

/// A cell's text and kind.
pub fn value_of(value: &DataRef<'_>) -> (String, CellKind) {
    match value {
        DataRef::String(s) | DataRef::DateTimeIso(s) | DataRef::DurationIso(s) => {
            (s.clone(), CellKind::Text)
        }
        DataRef::SharedString(s) => (s.to_string(), CellKind::Text),
        DataRef::Int(v) => (v.to_string(), CellKind::Number(*v as f64)),
        DataRef::Float(v) => (number_text(*v), CellKind::Number(*v)),
        DataRef::DateTime(d) => date_value(d.as_f64()),
        DataRef::Bool(b) => ((if *b { "TRUE" } else { "FALSE" }).into(), CellKind::Other),
        DataRef::Error(e) => (format!("#{e:?}"), CellKind::Other),
        DataRef::Empty => (String::new(), CellKind::Text),
    }
}

/// A date serial as the register shows it (ISO date) and its kind.
pub fn date_value(serial: f64) -> (String, CellKind) {
    let text =
        super::dates::Date::from_serial(serial).map_or(serial.to_string(), |d| d.to_string());
    (text, CellKind::Date(serial))
}

/// Cells a sheet's merged ranges may cover, all together (each covered cell is one more value
/// handed on per row).
pub const MAX_MERGED_CELLS: u64 = 1 << 22;

/// Fills the cells a merged range covers with its top-left cell's value, row by row, remembering
/// only the merges that reach the current row (no grid).
#[derive(Default)]
pub struct MergeFill {
    /// Sorted by first row.
    merges: Vec<Merge>,
    next: usize,
    active: Vec<(Merge, String, CellKind)>,
}

impl MergeFill {
    /// Err(total covered cells) if they are more than `MAX_MERGED_CELLS`.
    pub fn new(merges: &[Merge]) -> Result<MergeFill, u64> {
        let area: u64 = merges
            .iter()
            .map(|m| (m.last_row - m.first_row + 1) * (u64::from(m.last_col - m.first_col) + 1))
            .fold(0u64, u64::saturating_add);
        if area > MAX_MERGED_CELLS {
            return Err(area);
        }
        let mut merges = merges.to_vec();
        merges.sort_by_key(|m| (m.first_row, m.first_col));
        Ok(MergeFill {
            merges,
            ..MergeFill::default()
        })
    }

    /// Does any merge still reach `row` or a later one?
    pub fn pending(&self) -> bool {
        self.next < self.merges.len() || !self.active.is_empty()
    }

    /// Fill row `row` (1-based); `cells` are (column, text, kind) sorted by column, unique.
    pub fn apply(&mut self, row: u64, cells: &mut Vec<(u32, String, CellKind)>) {
        if self.merges.is_empty() {
            return;
        }
        self.active.retain(|(m, _, _)| m.last_row >= row);
        while self.next < self.merges.len() && self.merges[self.next].first_row <= row {
            let m = self.merges[self.next];
            self.next += 1;
            if m.first_row == row {
                let (text, kind) = cells
                    .iter()
                    .find(|(c, _, _)| *c == m.first_col)
                    .map_or((String::new(), CellKind::Text), |(_, t, k)| (t.clone(), *k));
                if !text.is_empty() {
                    self.active.push((m, text, kind));
                }
            }
        }
        let before = cells.len();
        for (m, text, kind) in &self.active {
            for col in m.first_col..=m.last_col {
                if row == m.first_row && col == m.first_col {
                    continue;
                }
                match cells.binary_search_by_key(&col, |(c, _, _)| *c) {
                    Ok(i) => cells[i] = (col, text.clone(), *kind),
                    Err(i) => cells.insert(i, (col, text.clone(), *kind)),
                }
            }
        }
        debug_assert!(cells.len() >= before);
    }
}

/// The cells of one row, gathered in column order.
#[derive(Default)]
pub struct RowBuilder {
    cells: Vec<(u32, String, CellKind)>,
    buf: String,
    spans: Vec<Span>,
    kinds: Vec<CellKind>,
}

impl RowBuilder {
    pub fn put(&mut self, col: u32, text: String, kind: CellKind) {
        self.cells.push((col, text, kind));
    }

    /// Hand the gathered row on as a record (row is 0-based); false if the sink stopped.
    pub fn emit(&mut self, row: u32, fill: &mut MergeFill, sink: &mut dyn RecordSink) -> bool {
        // A damaged file may repeat a cell; the last one wins, as in a spreadsheet program.
        self.cells.sort_by_key(|(c, _, _)| *c);
        let mut cells: Vec<(u32, String, CellKind)> = Vec::with_capacity(self.cells.len());
        for cell in self.cells.drain(..) {
            match cells.last_mut() {
                Some(last) if last.0 == cell.0 => *last = cell,
                _ => cells.push(cell),
            }
        }
        fill.apply(row as u64 + 1, &mut cells);
        self.buf.clear();
        self.spans.clear();
        self.kinds.clear();
        let empty = Span {
            start: 0,
            end: 0,
            scratch: false,
        };
        for (col, text, kind) in cells {
            // Keep absolute column positions so letters match the sheet.
            while self.spans.len() < col as usize {
                self.spans.push(empty);
                self.kinds.push(CellKind::Text);
            }
            let start = self.buf.len() as u32;
            self.buf.push_str(&text);
            self.spans.push(Span {
                start,
                end: self.buf.len() as u32,
                scratch: false,
            });
            self.kinds.push(kind);
        }
        // Trailing empty cells are not fields (a sheet has no ragged rows).
        while self.spans.len() > 1
            && self.spans.last().is_some_and(|s| s.start == s.end)
            && self.kinds.last() == Some(&CellKind::Text)
        {
            self.spans.pop();
            self.kinds.pop();
        }
        sink.record(&Record {
            row: row as u64 + 1,
            offset: 0,
            buf: &self.buf,
            scratch: "",
            spans: &self.spans,
            kinds: Some(&self.kinds),
        })
    }
}
