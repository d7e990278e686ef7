//! Workbooks read whole: .xls (BIFF8, and WPS's .et, which is the same format) and .ods. calamine
//! builds each sheet as a dense grid, so these files are bounded first: the whole file by
//! `MAX_WORKBOOK_FILE`, an .xls by `xls_guard` (compound-file chains, records, grid size), an
//! .ods by `xlsx_guard::inflate` (zip bombs) and a scan of `content.xml` here (repeated rows and
//! columns, which calamine expands). The same scans find what calamine does not say: hidden rows
//! of both, merged ranges of .ods. Rows are numbered as the sheet shows them; cells a merged range
//! covers get its top-left cell's value, as in `xlsx.rs`.

use super::reader::{read_regular, Merge, ReadError, RecordSink, Scanned, SheetChoice, SheetInfo};
use super::record::CellKind;
use super::xls_guard::{self, XlsGuardError};
use super::xlsx::{chosen_sheets, date_value, MergeFill, RowBuilder, MAX_MERGED_CELLS};
use super::xlsx_guard;
use calamine::{Data, Ods, Range, Reader, Xls};
use sha2::{Digest, Sha256};
use std::io::Cursor;
use std::path::Path;

/// A workbook read whole larger than this is refused (save it as CSV UTF-8, which streams).
pub const MAX_WORKBOOK_FILE: u64 = 128 << 20;
/// Grid cells calamine may build for an .ods, all sheets together (values and formulas).
pub const MAX_ODS_CELLS: u64 = xls_guard::MAX_CELLS;
const MAX_HIDDEN: usize = 100_000;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum WorkbookKind {
    Xls,
    Ods,
}

impl WorkbookKind {
    pub fn label(self) -> &'static str {
        match self {
            WorkbookKind::Xls => "XLS",
            WorkbookKind::Ods => "ODS",
        }
    }
}

/// Read the chosen sheets of an .xls/.et or .ods file.
pub fn read_workbook(
    path: &Path,
    kind: WorkbookKind,
    choice: &SheetChoice,
    sink: &mut dyn RecordSink,
) -> Result<Scanned, ReadError> {
    let bytes = read_regular(path, MAX_WORKBOOK_FILE)?;
    if bytes.is_empty() {
        return Err(ReadError::Empty);
    }
    let sha256 = crate::draw::ticket::hex(&Sha256::digest(&bytes).into());
    let bad = |reason: String| ReadError::Workbook {
        format: kind.label(),
        reason,
    };
    let (names, sheets) = match kind {
        WorkbookKind::Xls => {
            let (plain, found) = xls_guard::prepare(&bytes).map_err(|e| match e {
                XlsGuardError::Encrypted => ReadError::Guard(xlsx_guard::GuardError::Encrypted),
                XlsGuardError::TooManyCells { cells } => ReadError::TooManyCells {
                    sheet: String::new(),
                    cells,
                    limit: xls_guard::MAX_CELLS,
                },
                XlsGuardError::Damaged(reason) => bad(reason),
            })?;
            let book =
                guarded(|| Xls::new(Cursor::new(plain)).map_err(|e| e.to_string())).map_err(bad)?;
            load(
                book,
                found
                    .into_iter()
                    .map(|s| (s.hidden_rows, Vec::new()))
                    .collect(),
            )
            .map_err(bad)?
        }
        WorkbookKind::Ods => {
            let scan = scan_ods(&bytes)?;
            let book = guarded(|| Ods::new(Cursor::new(&bytes[..])).map_err(|e| e.to_string()))
                .map_err(bad)?;
            load(
                book,
                scan.into_iter().map(|s| (s.hidden, s.merges)).collect(),
            )
            .map_err(bad)?
        }
    };
    for name in chosen_sheets(&names, choice)? {
        let Some(sheet) = sheets.iter().find(|s| s.info.name == name) else {
            continue;
        };
        if !emit_sheet(sheet, sink)? {
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

/// Run calamine on a file the guards passed; a panic left in it becomes an error, not a crash.
/// Fuzzing found such panics in calamine's BIFF reader (an index past a record's end, see
/// fuzz/regressions/register_workbook/). While calamine runs, the panic hook is a silent one, so
/// the user reads anjuan's message about a damaged workbook and not a Rust panic; the previous
/// hook (the TUI's terminal restore, libFuzzer's abort) is put back afterwards. Workbooks are
/// read on the importing thread while no other thread of anjuan runs.
fn guarded<T>(f: impl FnOnce() -> Result<T, String>) -> Result<T, String> {
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(|_| {}));
    let outcome = std::panic::catch_unwind(std::panic::AssertUnwindSafe(f));
    std::panic::set_hook(previous);
    outcome.unwrap_or_else(|_| Err("the workbook reader failed on this file".to_string()))
}

struct LoadedSheet {
    info: SheetInfo,
    values: Range<Data>,
    formulas: Range<String>,
}

/// Every worksheet's grid, formulas and merges; `extra[i]` is what the guard found about sheet
/// `i` (hidden rows, and merges where calamine has none).
fn load<R, B>(
    mut book: R,
    extra: Vec<(Vec<u64>, Vec<Merge>)>,
) -> Result<(Vec<String>, Vec<LoadedSheet>), String>
where
    R: Reader<Cursor<B>> + MergedRegions,
    R::Error: std::fmt::Display,
    B: AsRef<[u8]>,
{
    let names: Vec<String> = book
        .sheets_metadata()
        .iter()
        .filter(|s| s.typ == calamine::SheetType::WorkSheet)
        .map(|s| s.name.clone())
        .collect();
    let all = book.sheet_names();
    let mut out = Vec::with_capacity(names.len());
    for name in &names {
        let index = all.iter().position(|n| n == name).unwrap_or(usize::MAX);
        let (hidden_rows, mut merged) = extra.get(index).cloned().unwrap_or_default();
        if let Some(m) = book.merged_regions(name) {
            merged = m;
        }
        let values = guarded(|| book.worksheet_range(name).map_err(|e| e.to_string()))?;
        let formulas = guarded(|| book.worksheet_formula(name).map_err(|e| e.to_string()))?;
        out.push(LoadedSheet {
            info: SheetInfo {
                name: name.clone(),
                hidden_rows,
                merged,
            },
            values,
            formulas,
        });
    }
    Ok((names, out))
}

/// Merged ranges as calamine reports them, where it does.
trait MergedRegions {
    fn merged_regions(&self, sheet: &str) -> Option<Vec<Merge>>;
}

impl<RS: std::io::Read + std::io::Seek> MergedRegions for Xls<RS> {
    fn merged_regions(&self, sheet: &str) -> Option<Vec<Merge>> {
        let dims = self.worksheet_merge_cells(sheet)?;
        Some(
            dims.iter()
                .filter(|d| d.start != d.end)
                .map(|d| Merge {
                    first_row: u64::from(d.start.0.min(d.end.0)) + 1,
                    last_row: u64::from(d.start.0.max(d.end.0)) + 1,
                    first_col: d.start.1.min(d.end.1),
                    last_col: d.start.1.max(d.end.1),
                })
                .collect(),
        )
    }
}

/// calamine reads no merged ranges from .ods; `scan_ods` finds them.
impl<RS: std::io::Read + std::io::Seek> MergedRegions for Ods<RS> {
    fn merged_regions(&self, _sheet: &str) -> Option<Vec<Merge>> {
        None
    }
}

/// Hand one sheet's rows on; false if the sink stopped.
fn emit_sheet(sheet: &LoadedSheet, sink: &mut dyn RecordSink) -> Result<bool, ReadError> {
    let mut fill = MergeFill::new(&sheet.info.merged).map_err(|cells| ReadError::TooManyCells {
        sheet: sheet.info.name.clone(),
        cells,
        limit: MAX_MERGED_CELLS,
    })?;
    sink.begin_sheet(&sheet.info);
    let Some((r0, c0)) = sheet.values.start() else {
        return Ok(true);
    };
    let mut row = RowBuilder::default();
    for (i, cells) in sheet.values.rows().enumerate() {
        let r = r0 + i as u32;
        let mut any = false;
        for (j, value) in cells.iter().enumerate() {
            let c = c0 + j as u32;
            let (text, kind) = match value {
                Data::Empty => continue,
                v => data_value(v),
            };
            let formula = sheet
                .formulas
                .get_value((r, c))
                .is_some_and(|f| !f.is_empty());
            row.put(c, text, if formula { CellKind::Formula } else { kind });
            any = true;
        }
        let covered = sheet
            .info
            .merged
            .iter()
            .any(|m| (m.first_row..=m.last_row).contains(&(u64::from(r) + 1)));
        if (any || covered) && !row.emit(r, &mut fill, sink) {
            return Ok(false);
        }
    }
    Ok(true)
}

/// A cell's text and kind, as `xlsx::value_of` gives them.
fn data_value(value: &Data) -> (String, CellKind) {
    use super::reader::number_text;
    match value {
        Data::String(s) | Data::DurationIso(s) => (s.clone(), CellKind::Text),
        Data::DateTimeIso(s) => match iso_serial(s) {
            Some(serial) => date_value(serial),
            None => (s.clone(), CellKind::Text),
        },
        Data::Int(v) => (v.to_string(), CellKind::Number(*v as f64)),
        Data::Float(v) => (number_text(*v), CellKind::Number(*v)),
        Data::DateTime(d) => date_value(d.as_f64()),
        Data::Bool(b) => ((if *b { "TRUE" } else { "FALSE" }).into(), CellKind::Other),
        Data::Error(e) => (format!("#{e:?}"), CellKind::Other),
        Data::Empty => (String::new(), CellKind::Text),
    }
}

/// "2023-01-02" or "2023-01-02T08:30:00" (what .ods stores) as a spreadsheet date serial.
pub fn iso_serial(s: &str) -> Option<f64> {
    let (date, time) = s.split_once('T').unwrap_or((s, ""));
    let mut parts = date.splitn(3, '-');
    let y: i64 = parts.next()?.parse().ok()?;
    let m: i64 = parts.next()?.parse().ok()?;
    let d: i64 = parts.next()?.parse().ok()?;
    if !(1..=12).contains(&m) || !(1..=31).contains(&d) || !(1900..=9999).contains(&y) {
        return None;
    }
    // Days from 1970-01-01 (Howard Hinnant's days_from_civil), then from 1899-12-30.
    let (yy, mm) = if m <= 2 { (y - 1, m + 9) } else { (y, m - 3) };
    let era = yy.div_euclid(400);
    let yoe = yy - era * 400;
    let doy = (153 * mm + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    let days = era * 146_097 + doe - 719_468 + 25_569;
    let mut fraction = 0.0;
    if !time.is_empty() {
        let mut t = time.split(':');
        let h: f64 = t.next()?.parse().ok()?;
        let min: f64 = t.next().unwrap_or("0").parse().ok()?;
        let sec: f64 = t.next().unwrap_or("0").parse().ok()?;
        fraction = (h * 3600.0 + min * 60.0 + sec) / 86_400.0;
    }
    Some(days as f64 + fraction)
}

/// What the scan of an .ods `content.xml` found about one table, in document order.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct OdsSheet {
    pub name: String,
    pub hidden: Vec<u64>,
    pub merges: Vec<Merge>,
}

/// Inflate the .ods under the zip limits, check it is a spreadsheet, and scan `content.xml`.
pub fn scan_ods(bytes: &[u8]) -> Result<Vec<OdsSheet>, ReadError> {
    let mut mimetype = Vec::new();
    let mut scan = OdsScan::default();
    xlsx_guard::inflate(bytes, &mut |name, chunk| match name {
        "mimetype" if mimetype.len() < 256 => mimetype.extend_from_slice(chunk),
        "content.xml" => scan.feed(chunk),
        _ => {}
    })
    .map_err(ReadError::Guard)?;
    let bad = |reason: String| ReadError::Workbook {
        format: "ODS",
        reason,
    };
    if mimetype.trim_ascii() != b"application/vnd.oasis.opendocument.spreadsheet" {
        return Err(bad(format!(
            "its mimetype is {:?}, not an OpenDocument spreadsheet",
            String::from_utf8_lossy(&mimetype)
        )));
    }
    if scan.cells > MAX_ODS_CELLS {
        return Err(ReadError::TooManyCells {
            sheet: scan.over_in.unwrap_or_default(),
            cells: scan.cells,
            limit: MAX_ODS_CELLS,
        });
    }
    Ok(scan.sheets)
}

/// Follows tables, rows and cells of `content.xml` chunk by chunk, counting what calamine will
/// build: every cell it pushes (empty ones before a value included) and the grid from the first
/// to the last row with a value, repeats expanded.
#[derive(Default)]
struct OdsScan {
    tail: Vec<u8>,
    sheets: Vec<OdsSheet>,
    in_table: bool,
    row: u64,
    col: u64,
    row_repeat: u64,
    row_hidden: bool,
    /// Cells calamine pushes for the current row, and the empty ones waiting for a value.
    pushed: u64,
    pending: u64,
    row_width: u64,
    first_value_row: Option<u64>,
    end_value_row: u64,
    width: u64,
    sheet_pushed: u64,
    cells: u64,
    over_in: Option<String>,
}

impl OdsScan {
    fn feed(&mut self, data: &[u8]) {
        let mut tail = std::mem::take(&mut self.tail);
        super::xlsx_guard::feed_tags(&mut tail, data, &mut |tag| self.tag(tag));
        self.tail = tail;
    }

    fn attr(tag: &[u8], key: &[u8]) -> Option<String> {
        let local = key.rsplit(|b| *b == b':').next().unwrap_or(key);
        xlsx_guard::attribute(tag, local)
    }

    fn count(tag: &[u8], key: &[u8]) -> u64 {
        Self::attr(tag, key)
            .and_then(|v| v.trim().parse::<u64>().ok())
            .unwrap_or(1)
            .clamp(1, 1 << 40)
    }

    fn tag(&mut self, tag: &[u8]) {
        let closing = tag.first() == Some(&b'/');
        let body = if closing { &tag[1..] } else { tag };
        let end = body
            .iter()
            .position(|b| b.is_ascii_whitespace() || *b == b'/')
            .unwrap_or(body.len());
        let name = &body[..end];
        let empty = tag.last() == Some(&b'/');
        match (name, closing) {
            (b"table:table", false) if !empty => {
                self.in_table = true;
                self.row = 0;
                self.first_value_row = None;
                self.end_value_row = 0;
                self.width = 0;
                self.sheet_pushed = 0;
                self.sheets.push(OdsSheet {
                    name: Self::attr(tag, b"table:name").unwrap_or_default(),
                    ..OdsSheet::default()
                });
            }
            (b"table:table", true) if self.in_table => {
                self.in_table = false;
                let rows = self.end_value_row - self.first_value_row.unwrap_or(self.end_value_row);
                let grid = rows.saturating_mul(self.width);
                self.cells = self
                    .cells
                    .saturating_add(grid.saturating_mul(2))
                    .saturating_add(self.sheet_pushed.saturating_mul(2));
                if self.cells > MAX_ODS_CELLS && self.over_in.is_none() {
                    self.over_in = self.sheets.last().map(|s| s.name.clone());
                }
            }
            (b"table:table-row", false) if self.in_table => {
                self.row_repeat = Self::count(tag, b"table:number-rows-repeated");
                self.row_hidden = matches!(
                    Self::attr(tag, b"table:visibility").as_deref(),
                    Some("collapse" | "filter")
                );
                self.col = 0;
                self.pushed = 0;
                self.pending = 0;
                self.row_width = 0;
                if empty {
                    self.end_row();
                }
            }
            (b"table:table-row", true) if self.in_table => self.end_row(),
            (b"table:table-cell" | b"table:covered-table-cell", false) if self.in_table => {
                let repeat = Self::count(tag, b"table:number-columns-repeated");
                let valued = Self::attr(tag, b"office:value-type").is_some()
                    || Self::attr(tag, b"table:formula").is_some()
                    || !empty;
                let rows = Self::count(tag, b"table:number-rows-spanned");
                let cols = Self::count(tag, b"table:number-columns-spanned");
                if (rows > 1 || cols > 1) && name == b"table:table-cell" {
                    if let Some(sheet) = self.sheets.last_mut() {
                        if sheet.merges.len() < xlsx_guard::MAX_MERGES
                            && self.row < 1 << 32
                            && self.col + cols <= 1 << 32
                        {
                            sheet.merges.push(Merge {
                                first_row: self.row + 1,
                                last_row: self.row + rows.min(1 << 32),
                                first_col: self.col as u32,
                                last_col: (self.col + cols - 1) as u32,
                            });
                        }
                    }
                }
                if valued {
                    self.pushed = self.pushed.saturating_add(self.pending + repeat);
                    self.pending = 0;
                    self.row_width = self.col.saturating_add(repeat);
                } else {
                    self.pending = self.pending.saturating_add(repeat);
                }
                self.col = self.col.saturating_add(repeat);
            }
            _ => {}
        }
    }

    fn end_row(&mut self) {
        if self.row_hidden {
            if let Some(sheet) = self.sheets.last_mut() {
                let room = MAX_HIDDEN.saturating_sub(sheet.hidden.len()) as u64;
                sheet
                    .hidden
                    .extend((self.row + 1..=self.row + self.row_repeat.min(room)).take(MAX_HIDDEN));
            }
        }
        if self.row_width > 0 {
            self.first_value_row.get_or_insert(self.row);
            self.end_value_row = self.row.saturating_add(self.row_repeat);
            self.width = self.width.max(self.row_width);
        }
        self.sheet_pushed = self.sheet_pushed.saturating_add(self.pushed);
        self.row = self.row.saturating_add(self.row_repeat);
        self.row_repeat = 1;
        self.row_hidden = false;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn iso_dates_become_serials() {
        assert_eq!(iso_serial("2023-01-02"), Some(44928.0));
        assert_eq!(iso_serial("1900-03-01"), Some(61.0));
        assert_eq!(iso_serial("2024-02-29T12:00:00"), Some(45351.5));
        assert_eq!(iso_serial("2024-13-01"), None);
        assert_eq!(iso_serial("x"), None);
    }

    #[test]
    fn ods_scan_finds_hidden_rows_merges_and_counts_repeats() {
        let xml = r#"<office:spreadsheet><table:table table:name="案卷"><table:table-column/><table:table-row><table:table-cell table:number-columns-spanned="8" table:number-rows-spanned="1" office:value-type="string"><text:p>标题</text:p></table:table-cell><table:covered-table-cell table:number-columns-repeated="7"/></table:table-row><table:table-row table:visibility="collapse" table:number-rows-repeated="2"><table:table-cell table:number-columns-repeated="3"/><table:table-cell office:value-type="float" office:value="1"/></table:table-row><table:table-row table:number-rows-repeated="1048570"><table:table-cell table:number-columns-repeated="1024"/></table:table-row></table:table></office:spreadsheet>"#.as_bytes();
        for split in 1..xml.len() {
            let mut scan = OdsScan::default();
            scan.feed(&xml[..split]);
            scan.feed(&xml[split..]);
            assert_eq!(scan.sheets.len(), 1, "split at {split}");
            let s = &scan.sheets[0];
            assert_eq!(s.name, "案卷");
            assert_eq!(s.hidden, vec![2, 3]);
            assert_eq!(
                s.merges.iter().map(Merge::label).collect::<Vec<_>>(),
                vec!["A1:H1"]
            );
            // Rows 1-3 by the 4 columns up to the last value (covered cells are empty), twice
            // (values and formulas), plus the cells each row pushes (1, then 3 empty + 1).
            assert_eq!(scan.cells, 3 * 4 * 2 + (1 + 4) * 2, "split at {split}");
        }
        let mut huge = OdsScan::default();
        huge.feed(br#"<table:table table:name="a"><table:table-row table:number-rows-repeated="1000000"><table:table-cell table:number-columns-repeated="1000" office:value-type="float" office:value="1"/></table:table-row></table:table>"#);
        assert!(huge.cells > MAX_ODS_CELLS);
    }
}
