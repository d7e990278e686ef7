//! Reading a worksheet cell by cell. calamine's `worksheet_range` builds a dense grid from the
//! first to the last used cell, so one cell at XFD1048576 would ask for 17 billion cells; here
//! cells stream by and only rows that hold something become records. The workbook is checked
//! by `xlsx_guard` first (zip bombs, oversized parts, formula cells).

use super::reader::{number_text, read_regular, ReadError, RecordSink, Scanned};
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
    let bytes = read_regular(path, xlsx_guard::MAX_FILE)?;
    if bytes.is_empty() {
        return Err(ReadError::Empty);
    }
    let sha256 = crate::draw::ticket::hex(&Sha256::digest(&bytes).into());
    let inspection = xlsx_guard::inspect(&bytes).map_err(ReadError::Guard)?;
    let mut book =
        Xlsx::new(Cursor::new(&bytes[..])).map_err(|e| ReadError::Xlsx(e.to_string()))?;
    let names = book.sheet_names().to_vec();
    let name = match sheet {
        Some(s) if names.iter().any(|n| n == s) => s.to_string(),
        Some(s) => {
            return Err(ReadError::NoSheet {
                wanted: s.to_string(),
                sheets: names,
            })
        }
        None => names.first().cloned().ok_or(ReadError::Empty)?,
    };
    let formulas = inspection.formulas_of(&name);
    let mut cells = book
        .worksheet_cells_reader(&name)
        .map_err(|e| ReadError::Xlsx(e.to_string()))?;
    let mut row = RowBuilder::default();
    let mut current: Option<u32> = None;
    let mut stopped = false;
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
                if !row.emit(prev, sink) {
                    stopped = true;
                    break;
                }
            }
            current = Some(r);
        }
        row.put(c, cell.get_value(), formulas.contains(&(r, c)));
    }
    if let (Some(r), false) = (current, stopped) {
        row.emit(r, sink);
    }
    Ok(Scanned {
        sha256,
        bytes: bytes.len() as u64,
        encoding: None,
        delimiter: None,
        bad: Vec::new(),
    })
}

/// The cells of one row, gathered in column order.
#[derive(Default)]
struct RowBuilder {
    cells: Vec<(u32, String, CellKind)>,
    buf: String,
    spans: Vec<Span>,
    kinds: Vec<CellKind>,
}

impl RowBuilder {
    fn put(&mut self, col: u32, value: &DataRef<'_>, formula: bool) {
        let (text, kind) = match value {
            DataRef::String(s) | DataRef::DateTimeIso(s) | DataRef::DurationIso(s) => {
                (s.clone(), CellKind::Text)
            }
            DataRef::SharedString(s) => (s.to_string(), CellKind::Text),
            DataRef::Int(v) => (v.to_string(), CellKind::Number(*v as f64)),
            DataRef::Float(v) => (number_text(*v), CellKind::Number(*v)),
            DataRef::DateTime(d) => {
                let serial = d.as_f64();
                let text = super::dates::Date::from_serial(serial)
                    .map_or(serial.to_string(), |d| d.to_string());
                (text, CellKind::Date(serial))
            }
            DataRef::Bool(b) => ((if *b { "TRUE" } else { "FALSE" }).into(), CellKind::Other),
            DataRef::Error(e) => (format!("#{e:?}"), CellKind::Other),
            DataRef::Empty => (String::new(), CellKind::Text),
        };
        let kind = if formula { CellKind::Formula } else { kind };
        self.cells.push((col, text, kind));
    }

    /// Hand the gathered row on as a record (row is 0-based); false if the sink stopped.
    fn emit(&mut self, row: u32, sink: &mut dyn RecordSink) -> bool {
        // A damaged file may repeat a cell; the last one wins, as in a spreadsheet program.
        self.cells.sort_by_key(|(c, _, _)| *c);
        let mut cells: Vec<(u32, String, CellKind)> = Vec::with_capacity(self.cells.len());
        for cell in self.cells.drain(..) {
            match cells.last_mut() {
                Some(last) if last.0 == cell.0 => *last = cell,
                _ => cells.push(cell),
            }
        }
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
