//! Import: register files + column choices + filters → a validated population. Every problem in
//! every file is collected before anything is returned, so the user fixes them all in one round.
//! Each sheet's layout (header row, non-case rows) is decided by `layout.rs` as its records stream
//! by, and comes back with the population so that it can be frozen and re-applied.

use super::columns::{ColumnChoice, ColumnMap, Role, Source};
use super::dates::Date;
use super::encoding::{show_bytes, TextEncoding};
use super::filter::Filter;
use super::layout::{self, Delimiter, Layout, SkippedRow};
use super::population::{Population, PopulationBuilder};
use super::problem::{Place, Problem, ProblemKind};
use super::reader::{self, ReadError, RecordSink, SheetInfo};
use super::record::{CellKind, Record};
use super::xlsx_guard::GuardError;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, HashMap};
use std::path::PathBuf;

/// A stratum is made of at most this many fields.
pub const MAX_STRATUM_FIELDS: usize = 8;

/// At most this many problems are kept; the rest are counted.
pub const MAX_PROBLEMS: usize = 10_000;

/// One register file to import, with what the user said about it alone.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct RegisterFile {
    pub path: PathBuf,
    /// The agency of a file without that column (`--agency-for`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub agency: Option<String>,
    /// The header's row on every sheet of this file (`--header-row`), instead of the search.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub header_row: Option<u64>,
    /// Each sheet's name is its agency (`--agency-from-sheet`).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub agency_from_sheet: bool,
    /// The layout frozen earlier, re-applied exactly (`verify`): header rows, delimiter,
    /// encoding. Never part of a record.
    #[serde(skip)]
    pub recorded: Option<RecordedLayout>,
}

/// What `verify` re-applies to a stored register.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct RecordedLayout {
    pub layouts: Vec<Layout>,
    pub delimiter: Option<Delimiter>,
    pub encoding: Option<TextEncoding>,
}

impl RegisterFile {
    pub fn new(path: PathBuf) -> RegisterFile {
        RegisterFile {
            path,
            ..Default::default()
        }
    }

    pub fn name(&self) -> String {
        self.path.display().to_string()
    }
}

/// Everything besides the files that decides the population; frozen with it.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ImportSettings {
    #[serde(default)]
    pub columns: ColumnChoice,
    #[serde(default)]
    pub filter: Filter,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub encoding: Option<TextEncoding>,
    /// `--delimiter` for text files; detected when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub delimiter: Option<Delimiter>,
    /// `--sheet NAME`, or `all`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sheet: Option<String>,
    #[serde(default)]
    pub numeric_ids: bool,
}

/// What was read from one file.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SourceInfo {
    pub file: String,
    pub sha256: String,
    pub bytes: u64,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub encoding: Option<TextEncoding>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub delimiter: Option<Delimiter>,
    /// Case rows read (header, blank and non-case rows not counted).
    pub rows: u64,
    /// Rows that passed the filter.
    pub kept: u64,
    /// One layout per sheet read (one for a text file).
    #[serde(default)]
    pub layouts: Vec<Layout>,
}

/// A case's descriptive fields, kept for the workspace (pull lists, review, exports).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CaseDetails {
    pub id: String,
    pub stratum: Vec<String>,
    pub agency: String,
    pub case_type: String,
    pub closed_date: String,
    pub title: String,
    pub party: String,
    pub source: usize,
    /// The sheet of a workbook the case is on.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sheet: Option<String>,
    pub row: u64,
    // The risk scan's fields (`risk`), empty when the register has no such column. Optional in
    // the file, so workspaces made before them still read.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub violation: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub basis: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub circumstance: String,
    /// The fine in fen (分), read exactly (`amount`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fine_fen: Option<u64>,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub procedure: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub filed_date: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub decided_date: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub violation_date: String,
    /// A recorded extension of the time limit, with its days when the register gives them.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub extension: Option<Extension>,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub credit_code: String,
    // A regulated entity's contact details (entity populations): for the office's invitation
    // list only, never published.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub contact: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub phone: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub address: String,
}

/// An extension of the time limit for deciding, as the register records it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Extension {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub days: Option<u32>,
}

/// Read an extension cell: blank/否/无 → none; `30`, `30日`, `30天` → 30 days; 是/已批准/有 →
/// an extension of unrecorded length. `None` when the cell is none of these.
pub fn parse_extension(text: &str) -> Option<Option<Extension>> {
    let t = text.trim();
    if super::amount::is_blank(t) || matches!(t, "否" | "未延期" | "no" | "No" | "N" | "n") {
        return Some(None);
    }
    if matches!(
        t,
        "是" | "有" | "已批准" | "已延期" | "延期" | "批准" | "yes" | "Yes" | "Y" | "y"
    ) {
        return Some(Some(Extension { days: None }));
    }
    let digits = t
        .strip_suffix('日')
        .or_else(|| t.strip_suffix('天'))
        .or_else(|| t.strip_suffix("个工作日"))
        .unwrap_or(t)
        .trim();
    match digits.parse::<u32>() {
        Ok(d) if d <= 3650 => Some(Some(Extension { days: Some(d) })),
        _ => None,
    }
}

/// Where the kept cases' details go while a register is read: memory for small uses, a file for
/// `init` (a province's register does not fit in memory as `CaseDetails`). A file can start
/// over (`restart`), so the sink can roll back to a mark taken when the file began.
pub trait CaseSink {
    fn push(&mut self, case: CaseDetails);
    /// A point to roll back to.
    fn mark(&mut self) -> usize;
    /// Drop every case pushed after `mark`.
    fn rollback(&mut self, mark: usize);
}

impl CaseSink for Vec<CaseDetails> {
    fn push(&mut self, case: CaseDetails) {
        Vec::push(self, case);
    }
    fn mark(&mut self) -> usize {
        self.len()
    }
    fn rollback(&mut self, mark: usize) {
        self.truncate(mark);
    }
}

pub struct Imported {
    pub population: Population,
    pub sources: Vec<SourceInfo>,
    /// The kept cases, in register order (empty unless `import` was asked to keep them).
    pub cases: Vec<CaseDetails>,
    /// Valid case rows per agency name, before filtering (for the collection round).
    pub agencies: BTreeMap<String, u64>,
}

struct Problems {
    list: Vec<(usize, u64, Problem)>,
    dropped: u64,
}

impl Problems {
    fn push(&mut self, file: usize, p: Problem) {
        if self.list.len() < MAX_PROBLEMS {
            self.list.push((file, p.place.row.unwrap_or(0), p));
        } else {
            self.dropped += 1;
        }
    }
}

/// Where one sheet's case rows sit in the run of origins (one origin per data row across all
/// files), so a duplicate can be named by file, sheet and row.
#[derive(Clone, Debug)]
struct Segment {
    first_origin: u32,
    first_row: u64,
    file: usize,
    sheet: Option<String>,
    id_column: Option<(String, String)>,
}

/// Import and validate. With `seed`, the population carries ticket keys for `select`.
pub fn import(
    files: &[RegisterFile],
    settings: &ImportSettings,
    seed: Option<&str>,
    keep_cases: bool,
) -> Result<Imported, Vec<Problem>> {
    let mut cases: Vec<CaseDetails> = Vec::new();
    let mut imported = import_into(
        files,
        settings,
        seed,
        keep_cases.then_some(&mut cases as &mut dyn CaseSink),
    )?;
    imported.cases = cases;
    Ok(imported)
}

/// `import` with the kept cases' details sent to `cases` as they are read.
pub fn import_into(
    files: &[RegisterFile],
    settings: &ImportSettings,
    seed: Option<&str>,
    mut cases: Option<&mut dyn CaseSink>,
) -> Result<Imported, Vec<Problem>> {
    let mut builder = PopulationBuilder::new(seed);
    let mut problems = Problems {
        list: Vec::new(),
        dropped: 0,
    };
    let mut sources = Vec::new();
    let mut segments: Vec<Segment> = Vec::new();
    let mut agencies: BTreeMap<String, u64> = BTreeMap::new();
    let mut next_origin: u32 = 0;

    for (fi, file) in files.iter().enumerate() {
        let name = file.name();
        let recorded = file.recorded.as_ref();
        let opts = reader::ReadOptions {
            encoding: recorded.and_then(|r| r.encoding).or(settings.encoding),
            delimiter: recorded
                .and_then(|r| r.delimiter)
                .or(settings.delimiter)
                .map(Delimiter::byte),
            sheets: reader::SheetChoice::from_flag(settings.sheet.as_deref()),
        };
        let mut sink = FileImport {
            state: FileState::new(fi, &name, file, settings, next_origin),
            mark: builder.mark(),
            cases_mark: match &mut cases {
                Some(c) => c.mark(),
                None => 0,
            },
            problems_mark: problems.list.len(),
            segments_mark: segments.len(),
            builder: &mut builder,
            problems: &mut problems,
            segments: &mut segments,
            cases: match &mut cases {
                Some(c) => Some(&mut **c),
                None => None,
            },
        };
        let scanned = reader::read_any(&file.path, &opts, &mut sink);
        let scanned = match scanned {
            Ok(s) => s,
            Err(e) => {
                sink.restart();
                problems.push(fi, Problem::new(read_place(&name, &e), read_problem(e)));
                continue;
            }
        };
        sink.finish_sheet();
        let mut st = sink.state;
        st.flush_agency_run();
        next_origin = st.next_origin;
        for (name, n) in st.agencies {
            *agencies.entry(name).or_insert(0) += n;
        }
        let enc = scanned.encoding.map_or("UTF-8", TextEncoding::label);
        for (row, bad) in &scanned.bad {
            problems.push(
                fi,
                Problem::new(
                    Place {
                        row: Some(*row),
                        byte_offset: Some(bad.file_offset),
                        ..Place::file(&name)
                    },
                    ProblemKind::Undecodable {
                        encoding: enc,
                        bytes: show_bytes(&bad.bytes),
                    },
                ),
            );
        }
        if st.any_header && st.file_rows == 0 && !st.header_failed {
            problems.push(
                fi,
                Problem::new(Place::file(&name), ProblemKind::HeaderOnly),
            );
        }
        if !st.any_record {
            problems.push(fi, Problem::new(Place::file(&name), ProblemKind::EmptyFile));
        }
        sources.push(SourceInfo {
            file: name.clone(),
            sha256: scanned.sha256,
            bytes: scanned.bytes,
            encoding: scanned.encoding,
            delimiter: scanned.delimiter.and_then(Delimiter::from_byte),
            rows: st.file_rows,
            kept: st.file_kept,
            layouts: st.layouts,
        });
    }

    let (population, duplicates) = builder.finish();
    for d in duplicates {
        let place_of = |origin: u32| -> (&Segment, u64) {
            let at = segments
                .iter()
                .rposition(|s| s.first_origin <= origin)
                .unwrap_or(0);
            let seg = &segments[at];
            (seg, seg.first_row + (origin - seg.first_origin) as u64)
        };
        let rows: Vec<String> = d
            .origins
            .iter()
            .map(|&o| {
                let (seg, row) = place_of(o);
                match &seg.sheet {
                    Some(sheet) => format!("{} [{sheet}] {row}", files[seg.file].name()),
                    None => format!("{} {row}", files[seg.file].name()),
                }
            })
            .collect();
        let (seg, row) = place_of(d.origins[0]);
        problems.push(
            seg.file,
            Problem::new(
                Place {
                    sheet: seg.sheet.clone(),
                    row: Some(row),
                    column: seg.id_column.clone(),
                    ..Place::file(&files[seg.file].name())
                },
                ProblemKind::DuplicateId { id: d.id, rows },
            ),
        );
    }
    if problems.list.is_empty() && population.is_empty() {
        let name = files
            .iter()
            .map(RegisterFile::name)
            .collect::<Vec<_>>()
            .join(", ");
        problems.push(0, Problem::new(Place::file(&name), ProblemKind::HeaderOnly));
    }
    if !problems.list.is_empty() {
        problems.list.sort_by_key(|(fi, row, _)| (*fi, *row));
        let mut out: Vec<Problem> = problems.list.into_iter().map(|(_, _, p)| p).collect();
        if problems.dropped > 0 {
            out.push(Problem::new(
                Place::file("…"),
                ProblemKind::TooMany {
                    more: problems.dropped,
                },
            ));
        }
        return Err(out);
    }
    Ok(Imported {
        population,
        sources,
        cases: Vec::new(),
        agencies,
    })
}

/// What a file that could not be read at all is told.
pub fn read_problem(e: ReadError) -> ProblemKind {
    match e {
        ReadError::Io(e) => ProblemKind::Unreadable {
            reason: e.to_string(),
        },
        ReadError::Empty => ProblemKind::EmptyFile,
        ReadError::Utf16 => ProblemKind::Utf16,
        ReadError::NoSheet { wanted, sheets } => ProblemKind::NoSuchSheet {
            name: wanted,
            sheets: sheets.join(", "),
        },
        ReadError::Xlsx(reason) => ProblemKind::BadWorkbook { reason },
        ReadError::Guard(g) => match g {
            GuardError::TooLarge { part, limit } => ProblemKind::PartTooLarge { part, limit },
            GuardError::Bomb { part, packed } => ProblemKind::ZipBomb { part, packed },
            GuardError::Encrypted => ProblemKind::Encrypted,
            GuardError::Zip(reason) => ProblemKind::BadWorkbook { reason },
        },
        ReadError::NotAFile(what) => ProblemKind::NotAFile { what },
        ReadError::TooLarge { bytes, limit } => ProblemKind::TooLarge { bytes, limit },
        ReadError::RowTooLong { .. } => ProblemKind::RowTooLong {
            limit: reader::MAX_ROW_BYTES,
        },
        ReadError::Unsupported(ext) => ProblemKind::Unsupported { ext },
        ReadError::Workbook { format, reason } => ProblemKind::BadSpreadsheet { format, reason },
        ReadError::NotAWorkbook { ext, what } => ProblemKind::NotAWorkbook { ext, what },
        ReadError::TooManyCells {
            sheet,
            cells,
            limit,
        } => ProblemKind::TooManyCells {
            sheet,
            cells,
            limit,
        },
    }
}

/// Where a read error happened, if at a row.
pub fn read_place(file: &str, e: &ReadError) -> Place {
    match e {
        ReadError::RowTooLong { row } => Place {
            row: Some(*row),
            ..Place::file(file)
        },
        _ => Place::file(file),
    }
}

/// One file's records flowing into the shared builder; can start over from its mark.
struct FileImport<'a, 'x> {
    state: FileState<'a>,
    builder: &'x mut PopulationBuilder,
    problems: &'x mut Problems,
    segments: &'x mut Vec<Segment>,
    cases: Option<&'x mut dyn CaseSink>,
    mark: super::population::Mark,
    cases_mark: usize,
    problems_mark: usize,
    segments_mark: usize,
}

impl FileImport<'_, '_> {
    fn finish_sheet(&mut self) {
        self.state.finish_sheet(self.problems, self.segments);
    }
}

impl reader::RecordSink for FileImport<'_, '_> {
    fn record(&mut self, rec: &Record) -> bool {
        self.state.record(
            rec,
            self.builder,
            self.problems,
            self.segments,
            match &mut self.cases {
                Some(c) => Some(&mut **c),
                None => None,
            },
        );
        true
    }

    fn restart(&mut self) {
        self.builder.rollback(self.mark);
        if let Some(c) = self.cases.as_deref_mut() {
            c.rollback(self.cases_mark);
        }
        self.problems.list.truncate(self.problems_mark);
        self.segments.truncate(self.segments_mark);
        let s = &self.state;
        self.state = FileState::new(s.index, s.name, s.file, s.settings, s.first_origin);
    }

    fn begin_sheet(&mut self, sheet: &SheetInfo) {
        self.finish_sheet();
        self.state.begin_sheet(sheet);
    }
}

/// Where a sheet is in the search for its header.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Phase {
    /// Looking at the first rows for the header.
    Seeking,
    /// The header is known; the next row may be its second row.
    Header,
    /// Case rows.
    Data,
    /// No header: the rest of the sheet is not read (the problem is reported).
    Failed,
}

/// At most this many rows above a missing header are shown in the message.
const SHOWN_ROWS: usize = 8;

/// Per-file validation state while records stream by; the sheet fields start over with each
/// sheet of a workbook.
struct FileState<'a> {
    index: usize,
    name: &'a str,
    file: &'a RegisterFile,
    settings: &'a ImportSettings,
    first_origin: u32,
    next_origin: u32,
    // The file as a whole.
    layouts: Vec<Layout>,
    file_rows: u64,
    file_kept: u64,
    any_record: bool,
    any_header: bool,
    header_failed: bool,
    /// Valid case rows per agency, before the filter (the collection round).
    agencies: HashMap<String, u64>,
    /// The agency of the latest rows and how many there were, not yet in `agencies`.
    agency_run: (String, u64),
    // The current sheet.
    started: bool,
    sheet: Option<String>,
    agency: Option<String>,
    info: SheetInfo,
    forced: Option<(u64, Option<u64>)>,
    phase: Phase,
    header: Vec<String>,
    shown: Vec<(u64, String)>,
    layout: Layout,
    map: Option<ColumnMap>,
    number_columns: Vec<usize>,
    first_row: u64,
    seg_origin: u32,
    sheet_records: bool,
    rows: u64,
    kept: u64,
    /// The ids are 统一社会信用代码 to be checked (an entity list's default id column).
    credit_codes: bool,
}

impl<'a> FileState<'a> {
    fn new(
        index: usize,
        name: &'a str,
        file: &'a RegisterFile,
        settings: &'a ImportSettings,
        origin: u32,
    ) -> Self {
        FileState {
            index,
            name,
            file,
            settings,
            first_origin: origin,
            next_origin: origin,
            layouts: Vec::new(),
            file_rows: 0,
            file_kept: 0,
            any_record: false,
            any_header: false,
            header_failed: false,
            agencies: HashMap::new(),
            agency_run: (String::new(), 0),
            started: false,
            sheet: None,
            agency: file.agency.clone(),
            info: SheetInfo::default(),
            forced: None,
            phase: Phase::Seeking,
            header: Vec::new(),
            shown: Vec::new(),
            layout: Layout::default(),
            map: None,
            number_columns: Vec::new(),
            first_row: 2,
            seg_origin: origin,
            sheet_records: false,
            rows: 0,
            kept: 0,
            credit_codes: settings.columns.population.checks_credit_code(
                settings
                    .columns
                    .overrides
                    .get(&Role::Id)
                    .map(String::as_str),
            ),
        }
    }

    /// Start a sheet (or the one "sheet" of a text file): the header is looked for anew.
    fn begin_sheet(&mut self, sheet: &SheetInfo) {
        self.started = true;
        self.sheet = (!sheet.name.is_empty()).then(|| sheet.name.clone());
        self.info = sheet.clone();
        self.info.hidden_rows.sort_unstable();
        self.agency = match (&self.sheet, self.file.agency_from_sheet, &self.file.agency) {
            (Some(name), true, None) => Some(name.trim().to_string()),
            _ => self.file.agency.clone(),
        };
        let recorded = self.file.recorded.as_ref().and_then(|r| {
            r.layouts
                .iter()
                .find(|l| l.sheet == self.sheet)
                .filter(|l| l.header_row > 0)
        });
        self.forced = match recorded {
            Some(l) => Some((l.header_row, Some(l.header_rows))),
            None => self.file.header_row.map(|r| (r, None)),
        };
        self.phase = Phase::Seeking;
        self.header.clear();
        self.shown.clear();
        self.layout = Layout {
            sheet: self.sheet.clone(),
            agency_from_sheet: self.agency.clone().filter(|_| self.file.agency_from_sheet),
            header_given: self.file.header_row.is_some(),
            ..Layout::default()
        };
        self.map = None;
        self.number_columns.clear();
        self.sheet_records = false;
        self.rows = 0;
        self.kept = 0;
    }

    /// Close the current sheet: a header never found is a problem, the layout is kept.
    fn finish_sheet(&mut self, problems: &mut Problems, segments: &mut Vec<Segment>) {
        if !self.started {
            return;
        }
        self.started = false;
        if self.phase == Phase::Header {
            let header = std::mem::take(&mut self.header);
            self.resolve(header, problems, segments);
        }
        if self.phase == Phase::Seeking && self.sheet_records {
            self.header_failed = true;
            let kind = match self.forced {
                Some((row, _)) => ProblemKind::HeaderRowBlank { row },
                None => ProblemKind::NoHeaderRow {
                    searched: layout::HEADER_SEARCH_ROWS,
                    rows: std::mem::take(&mut self.shown),
                    id_column: self.settings.columns.overrides.get(&Role::Id).cloned(),
                },
            };
            problems.push(self.index, Problem::new(self.sheet_place(), kind));
        }
        let last_header = self.layout.last_header_row();
        // Only merges that reach a case row matter: one inside a 合计 or 填报人 row gave its
        // value to nothing that was read.
        let skipped = &self.layout.skipped;
        let mut merged: Vec<&reader::Merge> = self
            .info
            .merged
            .iter()
            .filter(|m| {
                let from = m.first_row.max(last_header + 1);
                let rows = (m.last_row + 1).saturating_sub(from);
                let left_out = skipped
                    .iter()
                    .filter(|s| (from..=m.last_row).contains(&s.row))
                    .count() as u64;
                self.layout.header_row > 0 && rows > left_out
            })
            .collect();
        merged.sort();
        self.layout.merged = merged.into_iter().map(|m| m.label()).collect();
        self.layout.rows = self.rows;
        self.layout.kept = self.kept;
        self.file_rows += self.rows;
        self.file_kept += self.kept;
        self.layouts.push(std::mem::take(&mut self.layout));
    }

    fn flush_agency_run(&mut self) {
        let (name, n) = std::mem::take(&mut self.agency_run);
        if n > 0 {
            *self.agencies.entry(name).or_insert(0) += n;
        }
    }

    fn sheet_place(&self) -> Place {
        Place {
            sheet: self.sheet.clone(),
            ..Place::file(self.name)
        }
    }

    fn place(&self, row: u64, col: Option<usize>) -> Place {
        Place {
            row: Some(row),
            column: col.and_then(|c| self.map.as_ref().map(|m| m.header_label(c))),
            ..self.sheet_place()
        }
    }

    /// The header is decided: map its columns and start the case rows below it.
    fn resolve(
        &mut self,
        headers: Vec<String>,
        problems: &mut Problems,
        segments: &mut Vec<Segment>,
    ) {
        self.phase = Phase::Data;
        self.any_header = true;
        // `--agency-from-sheet` names the agency of sheets that have no agency column; where a
        // sheet has one (or `--agency-column` names one), the column says it row by row.
        if self.file.agency_from_sheet && self.file.agency.is_none() {
            let named = self.settings.columns.overrides.get(&Role::Agency);
            let has_column = headers.iter().any(|h| match named {
                Some(n) => h.trim() == n.trim(),
                None => layout::header_is(self.settings.columns.population, Role::Agency, h),
            });
            if has_column {
                self.agency = None;
                self.layout.agency_from_sheet = None;
            }
        }
        match ColumnMap::resolve(
            self.name,
            &headers,
            &self.settings.columns,
            self.agency.as_deref(),
        ) {
            Ok(m) => self.map = Some(m),
            Err(ps) => {
                self.header_failed = true;
                for mut p in ps {
                    p.place.sheet = self.sheet.clone();
                    problems.push(self.index, p);
                }
            }
        }
        self.number_columns = headers
            .iter()
            .enumerate()
            .filter(|(_, h)| layout::is_number_header(h))
            .map(|(i, _)| i)
            .collect();
        self.layout.headers = headers;
        self.first_row = self.layout.last_header_row() + 1;
        self.seg_origin = self.next_origin;
        segments.push(Segment {
            first_origin: self.seg_origin,
            first_row: self.first_row,
            file: self.index,
            sheet: self.sheet.clone(),
            id_column: self.map.as_ref().and_then(|m| {
                let c = m.column(Role::Id)?;
                Some(m.header_label(c))
            }),
        });
    }

    /// List a row that is not a case. Past `MAX_SKIPPED` on one sheet the layout is not what it
    /// seems (the record would grow with the file), so the sheet is refused instead.
    fn skip(
        &mut self,
        row: u64,
        reason: layout::SkipReason,
        cells: &[&str],
        problems: &mut Problems,
    ) {
        if self.layout.skipped.len() >= layout::MAX_SKIPPED {
            if self.phase != Phase::Failed {
                self.phase = Phase::Failed;
                self.header_failed = true;
                problems.push(
                    self.index,
                    Problem::new(
                        Place {
                            row: Some(row),
                            ..self.sheet_place()
                        },
                        ProblemKind::TooManySkipped {
                            limit: layout::MAX_SKIPPED,
                        },
                    ),
                );
            }
            return;
        }
        self.layout.skipped.push(SkippedRow {
            row,
            reason,
            text: layout::row_text(cells),
        });
    }

    fn record(
        &mut self,
        rec: &Record,
        builder: &mut PopulationBuilder,
        problems: &mut Problems,
        segments: &mut Vec<Segment>,
        cases: Option<&mut dyn CaseSink>,
    ) {
        if !self.started {
            self.begin_sheet(&SheetInfo::default());
        }
        if rec.is_blank() {
            if self.phase == Phase::Data {
                self.next_origin = self.seg_origin + (rec.row - self.first_row) as u32 + 1;
            }
            return;
        }
        self.any_record = true;
        self.sheet_records = true;
        let all_cells = || -> Vec<&str> { (0..rec.len()).map(|i| rec.text(i)).collect() };
        match self.phase {
            Phase::Failed => return,
            Phase::Seeking => {
                let cells = all_cells();
                let is_header = match self.forced {
                    Some((row, _)) => {
                        if rec.row > row {
                            // The named row was blank or missing.
                            self.phase = Phase::Failed;
                            self.header_failed = true;
                            problems.push(
                                self.index,
                                Problem::new(
                                    self.sheet_place(),
                                    ProblemKind::HeaderRowBlank { row },
                                ),
                            );
                            return;
                        }
                        rec.row == row
                    }
                    None => {
                        if rec.row > layout::HEADER_SEARCH_ROWS {
                            self.phase = Phase::Failed;
                            self.header_failed = true;
                            problems.push(
                                self.index,
                                Problem::new(
                                    self.sheet_place(),
                                    ProblemKind::NoHeaderRow {
                                        searched: layout::HEADER_SEARCH_ROWS,
                                        rows: std::mem::take(&mut self.shown),
                                        id_column: self
                                            .settings
                                            .columns
                                            .overrides
                                            .get(&Role::Id)
                                            .cloned(),
                                    },
                                ),
                            );
                            return;
                        }
                        let id = self.settings.columns.overrides.get(&Role::Id);
                        layout::names_id_column(
                            &cells,
                            id.map(String::as_str),
                            self.settings.columns.population,
                        )
                    }
                };
                if is_header {
                    self.layout.header_row = rec.row;
                    self.layout.header_rows = 1;
                    self.header = cells.iter().map(|c| c.to_string()).collect();
                    self.phase = Phase::Header;
                    if self.forced.is_some_and(|(_, rows)| rows == Some(1)) {
                        let header = std::mem::take(&mut self.header);
                        self.resolve(header, problems, segments);
                    }
                } else {
                    if self.shown.len() < SHOWN_ROWS {
                        self.shown.push((rec.row, layout::row_text(&cells)));
                    }
                    let reason = layout::classify_above_header(&cells);
                    self.skip(rec.row, reason, &cells, problems);
                }
                return;
            }
            Phase::Header => {
                let cells = all_cells();
                let header = std::mem::take(&mut self.header);
                let has_values = rec
                    .kinds
                    .is_some_and(|k| k.iter().any(|k| !matches!(k, CellKind::Text)));
                let second = rec.row == self.layout.header_row + 1
                    && match self.forced {
                        Some((_, Some(rows))) => rows == 2,
                        _ => layout::is_sub_header(&header, &cells, has_values),
                    };
                if second {
                    self.layout.header_rows = 2;
                    let combined = layout::combine_headers(&header, &cells);
                    self.resolve(combined, problems, segments);
                    return;
                }
                self.resolve(header, problems, segments);
            }
            Phase::Data => {}
        }
        let origin = self.seg_origin + (rec.row - self.first_row) as u32;
        self.next_origin = origin + 1;
        let Some(map) = self.map.as_ref() else { return };
        let id_text = map.column(Role::Id).map_or("", |c| rec.text(c));
        // A row with a real case id is a case: only the others are looked at more closely, so
        // the cost of a 10-million-row register stays in the parser.
        if layout::may_be_non_case(id_text) {
            let cells = all_cells();
            if let Some(reason) =
                layout::classify_below_header(&cells, id_text, &self.number_columns)
            {
                self.skip(rec.row, reason, &cells, problems);
                return;
            }
        }
        if self.info.hidden_rows.binary_search(&rec.row).is_ok() {
            self.layout.hidden_rows.push(rec.row);
        }
        self.case_row(rec, origin, builder, problems, cases);
    }

    /// Validate one case row and add it to the population.
    fn case_row(
        &mut self,
        rec: &Record,
        origin: u32,
        builder: &mut PopulationBuilder,
        problems: &mut Problems,
        cases: Option<&mut dyn CaseSink>,
    ) {
        let Some(map) = self.map.as_ref() else { return };
        self.rows += 1;
        let width = map.headers.len();
        let is_sheet = rec.kinds.is_some();
        if (!is_sheet && rec.len() != width) || rec.len() > width {
            problems.push(
                self.index,
                Problem::new(
                    self.place(rec.row, None),
                    ProblemKind::Ragged {
                        expected: width,
                        found: rec.len(),
                    },
                ),
            );
            return;
        }
        let mut ok = true;
        // A formula's shown value is only what the spreadsheet last computed: refuse it in every
        // column anjuan reads, each column reported once per row.
        if rec.kinds.is_some_and(|k| k.contains(&CellKind::Formula)) {
            let mut cols: Vec<usize> = map
                .roles
                .values()
                .chain(&map.stratum)
                .filter_map(|s| match s {
                    Source::Column(c) => Some(*c),
                    Source::Fixed(_) => None,
                })
                .filter(|c| rec.kind(*c) == CellKind::Formula)
                .collect();
            cols.sort_unstable();
            cols.dedup();
            for c in cols {
                problems.push(
                    self.index,
                    Problem::new(self.place(rec.row, Some(c)), ProblemKind::FormulaCell),
                );
                ok = false;
            }
        }
        let id_col = map.column(Role::Id).unwrap_or(0);
        if let CellKind::Number(v) = rec.kind(id_col) {
            if !(self.settings.numeric_ids && v.fract() == 0.0 && v.abs() < 1e15) {
                problems.push(
                    self.index,
                    Problem::new(
                        self.place(rec.row, Some(id_col)),
                        ProblemKind::NumericId {
                            shown: rec.text(id_col).to_string(),
                        },
                    ),
                );
                ok = false;
            }
        }
        let id = trim(rec.text(id_col));
        if id.is_empty() {
            problems.push(
                self.index,
                Problem::new(self.place(rec.row, Some(id_col)), ProblemKind::EmptyId),
            );
            ok = false;
        } else if let Some(c) = first_control(id) {
            let code = c as u32;
            let kind = if is_control(c) {
                ProblemKind::ControlInId { code }
            } else {
                ProblemKind::InvisibleInId { code }
            };
            problems.push(
                self.index,
                Problem::new(self.place(rec.row, Some(id_col)), kind),
            );
            ok = false;
        } else if let Some(why) = self
            .credit_codes
            .then(|| super::credit_code::check(id).err())
            .flatten()
        {
            problems.push(
                self.index,
                Problem::new(
                    self.place(rec.row, Some(id_col)),
                    ProblemKind::BadCreditCode {
                        text: id.to_string(),
                        why,
                    },
                ),
            );
            ok = false;
        } else if id.len() > MAX_ID_CHARS && id.chars().count() > MAX_ID_CHARS {
            problems.push(
                self.index,
                Problem::new(
                    self.place(rec.row, Some(id_col)),
                    ProblemKind::IdTooLong {
                        chars: id.chars().count(),
                        limit: MAX_ID_CHARS,
                    },
                ),
            );
            ok = false;
        }
        // Stratum values without an allocation per row (at most MAX_STRATUM_FIELDS fields).
        let mut values: [&str; MAX_STRATUM_FIELDS] = [""; MAX_STRATUM_FIELDS];
        for (slot, src) in values.iter_mut().zip(&map.stratum) {
            let (value, col) = match src {
                Source::Column(c) => (trim(rec.text(*c)), Some(*c)),
                Source::Fixed(s) => (s.trim(), None),
            };
            if value.is_empty() {
                problems.push(
                    self.index,
                    Problem::new(self.place(rec.row, col), ProblemKind::EmptyStratum),
                );
                ok = false;
            } else if let Some(c) = first_control(value) {
                let code = c as u32;
                let kind = if is_control(c) {
                    ProblemKind::ControlInField { code }
                } else {
                    ProblemKind::InvisibleInField { code }
                };
                problems.push(self.index, Problem::new(self.place(rec.row, col), kind));
                ok = false;
            }
            *slot = value;
        }
        let values = &values[..map.stratum.len().min(MAX_STRATUM_FIELDS)];
        let date = match map.column(Role::ClosedDate) {
            None => None,
            Some(c) => {
                let text = trim(rec.text(c));
                let parsed = match rec.kind(c) {
                    CellKind::Date(serial) | CellKind::Number(serial) => Date::from_serial(serial),
                    _ => Date::parse(text),
                };
                if text.is_empty() {
                    if self.settings.filter.uses_date() {
                        problems.push(
                            self.index,
                            Problem::new(
                                self.place(rec.row, Some(c)),
                                ProblemKind::EmptyDateFiltered,
                            ),
                        );
                        ok = false;
                    }
                    None
                } else if parsed.is_none() {
                    problems.push(
                        self.index,
                        Problem::new(
                            self.place(rec.row, Some(c)),
                            ProblemKind::BadDate {
                                text: text.to_string(),
                            },
                        ),
                    );
                    ok = false;
                    None
                } else {
                    parsed
                }
            }
        };
        let risk = self.risk_fields(rec, problems);
        let Some(risk) = risk.filter(|_| ok) else {
            return;
        };
        let value_of = |role: Role| -> Option<&str> {
            match map.roles.get(&role)? {
                Source::Column(c) => Some(trim(rec.text(*c))),
                Source::Fixed(s) => Some(s.as_str()),
            }
        };
        // Every valid row counts for the collection round, whether or not the filter keeps it.
        // Registers come grouped by agency: the run of one name is counted before the map is
        // touched, which keeps hashing off the path of every row.
        if let Some(agency) = value_of(Role::Agency) {
            if self.agency_run.0 == agency {
                self.agency_run.1 += 1;
            } else {
                let (name, n) = std::mem::replace(&mut self.agency_run, (agency.to_string(), 1));
                if n > 0 {
                    *self.agencies.entry(name).or_insert(0) += n;
                }
            }
        }
        if !self
            .settings
            .filter
            .keeps_with(date, || (value_of(Role::CaseType), value_of(Role::Agency)))
        {
            return;
        }
        self.kept += 1;
        let s = builder.stratum(values);
        if builder.push(id, s, origin).is_err() {
            problems.push(
                self.index,
                Problem::new(
                    self.place(rec.row, None),
                    ProblemKind::Unreadable {
                        reason: "register too large".into(),
                    },
                ),
            );
        }
        if let Some(cases) = cases {
            cases.push(CaseDetails {
                id: id.to_string(),
                stratum: values.iter().map(|v| v.to_string()).collect(),
                agency: value_of(Role::Agency).unwrap_or_default().to_string(),
                case_type: value_of(Role::CaseType).unwrap_or_default().to_string(),
                closed_date: date.map(|d| d.to_string()).unwrap_or_default(),
                title: value_of(Role::Title).unwrap_or_default().to_string(),
                party: value_of(Role::Party).unwrap_or_default().to_string(),
                source: self.index,
                sheet: self.sheet.clone(),
                row: rec.row,
                violation: risk.text[0].to_string(),
                basis: risk.text[1].to_string(),
                circumstance: risk.text[2].to_string(),
                procedure: risk.text[3].to_string(),
                credit_code: risk.text[4].to_string(),
                fine_fen: risk.fine,
                filed_date: risk.dates[0].map(|d| d.to_string()).unwrap_or_default(),
                decided_date: risk.dates[1].map(|d| d.to_string()).unwrap_or_default(),
                violation_date: risk.dates[2].map(|d| d.to_string()).unwrap_or_default(),
                extension: risk.extension,
                contact: value_of(Role::Contact).unwrap_or_default().to_string(),
                phone: value_of(Role::Phone).unwrap_or_default().to_string(),
                address: value_of(Role::Address).unwrap_or_default().to_string(),
            });
        }
    }
}

/// The risk scan's values of one row, borrowed from it.
struct RiskFields<'r> {
    /// Violation, basis, circumstance, procedure, credit code.
    text: [&'r str; 5],
    fine: Option<u64>,
    /// Filed, decided, violation.
    dates: [Option<Date>; 3],
    extension: Option<Extension>,
}

impl FileState<'_> {
    /// Read the risk columns of a row; `None` when one of them is wrong (the problem is pushed).
    /// Registers without these columns pay nothing here.
    fn risk_fields<'r>(&self, rec: &Record<'r>, problems: &mut Problems) -> Option<RiskFields<'r>> {
        let map = self.map.as_ref()?;
        let mut out = RiskFields {
            text: [""; 5],
            fine: None,
            dates: [None; 3],
            extension: None,
        };
        let mut ok = true;
        let texts = [
            Role::Violation,
            Role::Basis,
            Role::Circumstance,
            Role::Procedure,
            Role::CreditCode,
        ];
        for (slot, role) in out.text.iter_mut().zip(texts) {
            if let Some(c) = map.column(role) {
                *slot = trim(rec.text(c));
            }
        }
        if let Some(c) = map.column(Role::Fine) {
            let text = trim(rec.text(c));
            match super::amount::parse_fen(text) {
                Ok(v) => out.fine = v,
                Err(why) => {
                    problems.push(
                        self.index,
                        Problem::new(
                            self.place(rec.row, Some(c)),
                            ProblemKind::BadAmount {
                                text: text.to_string(),
                                why,
                            },
                        ),
                    );
                    ok = false;
                }
            }
        }
        let dates = [Role::FiledDate, Role::DecidedDate, Role::ViolationDate];
        for (slot, role) in out.dates.iter_mut().zip(dates) {
            let Some(c) = map.column(role) else { continue };
            let text = trim(rec.text(c));
            if super::amount::is_blank(text) {
                continue;
            }
            let parsed = match rec.kind(c) {
                CellKind::Date(serial) | CellKind::Number(serial) => Date::from_serial(serial),
                _ => Date::parse(text),
            };
            match parsed {
                Some(d) => *slot = Some(d),
                None => {
                    problems.push(
                        self.index,
                        Problem::new(
                            self.place(rec.row, Some(c)),
                            ProblemKind::BadDate {
                                text: text.to_string(),
                            },
                        ),
                    );
                    ok = false;
                }
            }
        }
        if let Some(c) = map.column(Role::Extension) {
            let text = trim(rec.text(c));
            match parse_extension(text) {
                Some(e) => out.extension = e,
                None => {
                    problems.push(
                        self.index,
                        Problem::new(
                            self.place(rec.row, Some(c)),
                            ProblemKind::BadExtension {
                                text: text.to_string(),
                            },
                        ),
                    );
                    ok = false;
                }
            }
        }
        ok.then_some(out)
    }
}

/// An id longer than this many characters is refused (case numbers are a few dozen).
pub const MAX_ID_CHARS: usize = 256;

/// The first control character (spec §1: U+0000–U+001F, U+007F) or invisible format character
/// (`is_invisible`). Control characters are single ASCII bytes; every invisible one starts with
/// one of six lead bytes, so only those characters are decoded.
fn first_control(s: &str) -> Option<char> {
    let bytes = s.as_bytes();
    let mut from = 0;
    while let Some(i) = bytes[from..].iter().position(|&b| {
        b < 0x20 || b == 0x7f || matches!(b, 0xC2 | 0xD8 | 0xE1 | 0xE2 | 0xEF | 0xF3)
    }) {
        let at = from + i;
        let c = s[at..].chars().next()?;
        if is_control(c) || is_invisible(c) {
            return Some(c);
        }
        from = at + c.len_utf8();
    }
    None
}

use crate::chars::is_hidden_in_id as is_invisible;

/// Trim Unicode white space (spec §1), skipping the work when neither end can be white space:
/// the first byte is not ASCII space or a lead byte of a non-ASCII space, and the last byte is
/// not the final byte of any white-space character.
pub fn trim(s: &str) -> &str {
    let b = s.as_bytes();
    let (Some(&first), Some(&last)) = (b.first(), b.last()) else {
        return s;
    };
    let first_clear = first.is_ascii_graphic() || (first >= 0xC3 && !matches!(first, 0xE1..=0xE3));
    let last_clear = last.is_ascii_graphic()
        || (last >= 0x80 && !matches!(last, 0x80..=0x8A | 0x9F | 0xA0 | 0xA8 | 0xA9 | 0xAF));
    if first_clear && last_clear {
        s
    } else {
        s.trim()
    }
}

/// Spec §1: U+0000–U+001F and U+007F.
pub fn is_control(c: char) -> bool {
    (c as u32) < 0x20 || c as u32 == 0x7f
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fast_trim_agrees_with_str_trim() {
        let spaces = [
            "", " ", "\t", "\u{85}", "\u{a0}", "\u{1680}", "\u{2000}", "\u{200a}", "\u{2028}",
            "\u{2029}", "\u{202f}", "\u{205f}", "\u{3000}",
        ];
        let cores = [
            "攸市监罚〔2024〕1号",
            "a",
            "号",
            "é",
            "\u{200b}x\u{200b}",
            "𠮷",
        ];
        for a in spaces {
            for b in spaces {
                for c in cores {
                    let s = format!("{a}{c}{b}");
                    assert_eq!(trim(&s), s.trim(), "{s:?}");
                }
            }
        }
        assert_eq!(first_control("a\u{7}b"), Some('\u{7}'));
        assert_eq!(first_control("攸\u{7f}"), Some('\u{7f}'));
        assert_eq!(first_control("攸县"), None);
        assert_eq!(first_control("攸市监罚（2024）1号"), None);
        assert_eq!(first_control("A\u{202E}1"), Some('\u{202E}'));
        assert_eq!(first_control("\u{FEFF}A1"), Some('\u{FEFF}'));
        assert_eq!(first_control("A\u{200B}1"), Some('\u{200B}'));
        assert_eq!(first_control("é\u{a0}"), None);
        assert_eq!(first_control("👩\u{200d}💻"), None);
        assert_eq!(first_control("A\u{9b}1"), Some('\u{9b}'));
        assert_eq!(first_control("A\u{e0041}"), Some('\u{e0041}'));
    }
}
