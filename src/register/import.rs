//! Import: register files + column choices + filters → a validated population. Every problem in
//! every file is collected before anything is returned, so the user fixes them all in one round.

use super::columns::{ColumnChoice, ColumnMap, Role, Source};
use super::dates::Date;
use super::encoding::{show_bytes, TextEncoding};
use super::filter::Filter;
use super::population::{Population, PopulationBuilder};
use super::problem::{Place, Problem, ProblemKind};
use super::reader::{self, ReadError, RecordSink};
use super::record::{CellKind, Record};
use super::xlsx_guard::GuardError;
use serde::{Deserialize, Serialize};
use std::path::PathBuf;

/// A stratum is made of at most this many fields.
pub const MAX_STRATUM_FIELDS: usize = 8;

/// At most this many problems are kept; the rest are counted.
pub const MAX_PROBLEMS: usize = 10_000;

/// One register file to import; `agency` gives the agency for a file without that column.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RegisterFile {
    pub path: PathBuf,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub agency: Option<String>,
}

impl RegisterFile {
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
    /// Case rows read (header and blank rows not counted).
    pub rows: u64,
    /// Rows that passed the filter.
    pub kept: u64,
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
    pub row: u64,
}

pub struct Imported {
    pub population: Population,
    pub sources: Vec<SourceInfo>,
    pub cases: Vec<CaseDetails>,
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

/// Import and validate. With `seed`, the population carries ticket keys for `select`.
pub fn import(
    files: &[RegisterFile],
    settings: &ImportSettings,
    seed: Option<&str>,
    keep_cases: bool,
) -> Result<Imported, Vec<Problem>> {
    let mut builder = PopulationBuilder::new(seed);
    let mut problems = Problems {
        list: Vec::new(),
        dropped: 0,
    };
    let mut sources = Vec::new();
    let mut cases: Vec<CaseDetails> = Vec::new();
    // (first origin, first data row) per file: origins number data rows across all files.
    let mut origin_base: Vec<(u32, u64)> = Vec::new();
    let mut next_origin: u32 = 0;
    let mut id_columns: Vec<Option<(String, String)>> = Vec::new();

    for (fi, file) in files.iter().enumerate() {
        let name = file.name();
        let mut sink = FileImport {
            state: FileState::new(fi, &name, file, settings, next_origin),
            mark: builder.mark(),
            cases_mark: cases.len(),
            problems_mark: problems.list.len(),
            builder: &mut builder,
            problems: &mut problems,
            cases: keep_cases.then_some(&mut cases),
        };
        let opts = reader::ReadOptions {
            encoding: settings.encoding,
            delimiter: None,
            sheets: reader::SheetChoice::from_flag(settings.sheet.as_deref()),
        };
        let scanned = reader::read_any(&file.path, &opts, &mut sink);
        let scanned = match scanned {
            Ok(s) => s,
            Err(e) => {
                sink.restart();
                problems.push(fi, Problem::new(read_place(&name, &e), read_problem(e)));
                id_columns.push(None);
                origin_base.push((next_origin, 2));
                continue;
            }
        };
        let st = sink.state;
        id_columns.push(st.id_column());
        origin_base.push((st.first_origin, st.first_row));
        next_origin = st.next_origin;
        let enc = scanned.encoding.map_or("UTF-8", TextEncoding::label);
        for (row, bad) in &scanned.bad {
            problems.push(
                fi,
                Problem::new(
                    Place {
                        file: name.clone(),
                        row: Some(*row),
                        column: None,
                        byte_offset: Some(bad.file_offset),
                    },
                    ProblemKind::Undecodable {
                        encoding: enc,
                        bytes: show_bytes(&bad.bytes),
                    },
                ),
            );
        }
        if st.header_seen && st.rows == 0 && st.map.is_some() {
            problems.push(
                fi,
                Problem::new(Place::file(&name), ProblemKind::HeaderOnly),
            );
        }
        if !st.header_seen {
            problems.push(fi, Problem::new(Place::file(&name), ProblemKind::EmptyFile));
        }
        sources.push(SourceInfo {
            file: name.clone(),
            sha256: scanned.sha256,
            bytes: scanned.bytes,
            encoding: scanned.encoding,
            rows: st.rows,
            kept: st.kept,
        });
    }

    let (population, duplicates) = builder.finish();
    for d in duplicates {
        let place_of = |origin: u32| -> (usize, u64) {
            let fi = origin_base
                .iter()
                .rposition(|(first, _)| *first <= origin)
                .unwrap_or(0);
            let (first, row) = origin_base[fi];
            (fi, row + (origin - first) as u64)
        };
        let rows: Vec<String> = d
            .origins
            .iter()
            .map(|&o| {
                let (fi, row) = place_of(o);
                format!("{} {}", files[fi].name(), row)
            })
            .collect();
        let (fi, row) = place_of(d.origins[0]);
        problems.push(
            fi,
            Problem::new(
                Place {
                    file: files[fi].name(),
                    row: Some(row),
                    column: id_columns[fi].clone(),
                    byte_offset: None,
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
        cases,
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
    cases: Option<&'x mut Vec<CaseDetails>>,
    mark: super::population::Mark,
    cases_mark: usize,
    problems_mark: usize,
}

impl reader::RecordSink for FileImport<'_, '_> {
    fn record(&mut self, rec: &Record) -> bool {
        self.state
            .record(rec, self.builder, self.problems, self.cases.as_deref_mut());
        true
    }

    fn restart(&mut self) {
        self.builder.rollback(self.mark);
        if let Some(c) = self.cases.as_deref_mut() {
            c.truncate(self.cases_mark);
        }
        self.problems.list.truncate(self.problems_mark);
        let s = &self.state;
        self.state = FileState::new(s.index, s.name, s.file, s.settings, s.first_origin);
    }
}

/// Per-file validation state while records stream by.
struct FileState<'a> {
    index: usize,
    name: &'a str,
    file: &'a RegisterFile,
    settings: &'a ImportSettings,
    map: Option<ColumnMap>,
    header_seen: bool,
    first_origin: u32,
    first_row: u64,
    next_origin: u32,
    rows: u64,
    kept: u64,
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
            map: None,
            header_seen: false,
            first_origin: origin,
            first_row: 2,
            next_origin: origin,
            rows: 0,
            kept: 0,
        }
    }

    fn id_column(&self) -> Option<(String, String)> {
        let map = self.map.as_ref()?;
        Some(map.header_label(map.column(Role::Id)?))
    }

    fn place(&self, row: u64, col: Option<usize>) -> Place {
        Place {
            file: self.name.to_string(),
            row: Some(row),
            column: col.and_then(|c| self.map.as_ref().map(|m| m.header_label(c))),
            byte_offset: None,
        }
    }

    fn record(
        &mut self,
        rec: &Record,
        builder: &mut PopulationBuilder,
        problems: &mut Problems,
        cases: Option<&mut Vec<CaseDetails>>,
    ) {
        if !self.header_seen {
            if rec.is_blank() {
                return;
            }
            self.header_seen = true;
            self.first_row = rec.row + 1;
            let headers: Vec<String> = (0..rec.len()).map(|i| rec.text(i).to_string()).collect();
            match ColumnMap::resolve(
                self.name,
                &headers,
                &self.settings.columns,
                self.file.agency.as_deref(),
            ) {
                Ok(m) => self.map = Some(m),
                Err(ps) => ps.into_iter().for_each(|p| problems.push(self.index, p)),
            }
            return;
        }
        let origin = self.first_origin + (rec.row - self.first_row) as u32;
        self.next_origin = origin + 1;
        let Some(map) = self.map.as_ref() else { return };
        if rec.is_blank() {
            return;
        }
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
        if !ok {
            return;
        }
        let value_of = |role: Role| -> Option<&str> {
            match map.roles.get(&role)? {
                Source::Column(c) => Some(trim(rec.text(*c))),
                Source::Fixed(s) => Some(s.as_str()),
            }
        };
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
                row: rec.row,
            });
        }
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
