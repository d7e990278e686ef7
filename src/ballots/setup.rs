//! The setup of a 民主评议 (`ballot WS setup`): the evaluated agencies (被评议单位), the scale, the
//! number of ballots and the secret their check codes are made with, recorded as
//! `ballots/NNNN.json` in the ledger before any ballot is printed.
//!
//! Owns: reading the agencies' list, checking the scale, the record's form, when a new setup is
//! allowed. Must not: print (that is `export::ballot_sheets`) or count.

use super::{BallotError, Ballots, FileProblem, Problem};
use crate::register::columns::normalise;
use crate::register::import::read_problem;
use crate::register::problem::{column_letter, Place};
use crate::register::reader::{self, RecordSink};
use crate::register::record::Record;
use crate::workspace::records::RecordRef;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::path::Path;

pub const KIND: &str = "anjuan-ballot-setup";
/// The check-code scheme and the record's rules (docs/BALLOTS.md).
pub const SCHEME: &str = "anjuan-ballot-v1";
pub const DEFAULT_SCALE: [&str; 3] = ["满意", "基本满意", "不满意"];
/// Headers of the name column in the agencies' list.
pub const NAME_HEADERS: [&str; 7] = [
    "被评议单位",
    "单位名称",
    "被评议单位名称",
    "单位",
    "执法机关",
    "名称",
    "agency",
];
pub const MAX_AGENCIES: usize = 200;
pub const MAX_BALLOTS: u32 = 100_000;
const MAX_NAME: usize = 100;

/// `ballots/NNNN.json`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Setup {
    pub kind: String,
    pub number: u32,
    pub scheme: String,
    pub tool_version: String,
    pub created_at: String,
    /// The agencies' list as the user named it, and its SHA-256.
    pub agencies_file: String,
    pub agencies_sha256: String,
    /// The evaluated agencies, in the list's order: the ballot's rows and the tally's columns.
    pub agencies: Vec<String>,
    /// The levels, best first.
    pub scale: Vec<String>,
    /// Ballots issued (numbered 1..=ballots).
    pub ballots: u32,
    /// The draw whose sample size gave the number, when `--ballots` did not.
    pub ballots_from_draw: Option<RecordRef>,
    /// 32 random bytes (hex): the check codes' key.
    pub secret: String,
    /// The setup this one replaces, and why.
    pub replaces: Option<Replaced>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Replaced {
    pub number: u32,
    pub file: String,
    pub sha256: String,
    /// Ballots counted under it (all passes) when it was replaced.
    pub counted: usize,
    pub reason: Option<String>,
}

impl Setup {
    pub fn secret_bytes(&self) -> [u8; 32] {
        let mut out = [0u8; 32];
        if !crate::draw::ticket::unhex(&self.secret, &mut out) {
            // A record whose secret is not 32 bytes of hex fails verify; codes then match none.
            out = [0u8; 32];
        }
        out
    }

    /// The check code of ballot `serial`.
    pub fn code(&self, serial: u32) -> String {
        super::code::check_code(&self.secret_bytes(), serial)
    }

    pub fn serial_text(&self, serial: u32) -> String {
        super::code::serial_text(serial, self.ballots)
    }

    /// Level `i` (0-based) counts as satisfied (满意): the first.
    /// The second level counts as basically satisfied (基本满意) on a scale of three or more.
    pub fn basic_level(&self) -> Option<usize> {
        (self.scale.len() >= 3).then_some(1)
    }

    /// The level a cell or key means: its text on the scale, or its number 1..=k.
    pub fn level_of(&self, value: &str) -> Option<usize> {
        let v = value.trim();
        if let Some(i) = self.scale.iter().position(|l| l == v) {
            return Some(i);
        }
        match v.parse::<usize>() {
            Ok(n) if (1..=self.scale.len()).contains(&n) => Some(n - 1),
            _ => None,
        }
    }
}

/// The scale from `--scale` (comma-separated, either comma): 2–5 distinct levels.
pub fn parse_scale(text: Option<&str>) -> Result<Vec<String>, BallotError> {
    let levels: Vec<String> = match text {
        None => DEFAULT_SCALE.iter().map(|s| s.to_string()).collect(),
        Some(t) => t
            .split([',', '，', '、'])
            .map(|s| s.trim().to_string())
            .collect(),
    };
    let bad = |why| BallotError::Scale {
        given: levels.join(","),
        why,
    };
    if !(2..=5).contains(&levels.len()) {
        return Err(bad(super::ScaleProblem::Count));
    }
    for (i, l) in levels.iter().enumerate() {
        if l.is_empty() || l.chars().any(crate::chars::is_unsafe) {
            return Err(bad(super::ScaleProblem::Empty));
        }
        // A level that is a number would be read as another level's number.
        if l.parse::<f64>().is_ok() || l == "废票" {
            return Err(bad(super::ScaleProblem::Reserved(l.clone())));
        }
        if levels[..i].contains(l) {
            return Err(bad(super::ScaleProblem::Repeated(l.clone())));
        }
    }
    Ok(levels)
}

/// The non-blank rows of a small file: (row as the sheet shows it, cells).
#[derive(Default)]
struct Rows(Vec<(u64, Vec<String>)>);

impl RecordSink for Rows {
    fn record(&mut self, rec: &Record) -> bool {
        if !rec.is_blank() {
            self.0.push((
                rec.row,
                (0..rec.len())
                    .map(|i| rec.text(i).trim().to_string())
                    .collect(),
            ));
        }
        self.0.len() <= MAX_AGENCIES + 50
    }

    fn restart(&mut self) {
        self.0.clear();
    }
}

/// The agencies' list read: (names, SHA-256 of the file).
pub fn read_agencies(path: &Path) -> Result<(Vec<String>, String), BallotError> {
    let file = path.display().to_string();
    let at = |row: Option<u64>, column: Option<(String, String)>| Place {
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
    let mut rows = Rows::default();
    let scanned =
        reader::read_any(path, &reader::ReadOptions::default(), &mut rows).map_err(|e| {
            fail(vec![Problem::new(
                at(None, None),
                FileProblem::Read(read_problem(e)),
            )])
        })?;
    let keys: Vec<String> = NAME_HEADERS.iter().map(|h| normalise(h)).collect();
    let found = rows
        .0
        .iter()
        .take(10)
        .enumerate()
        .find_map(|(i, (_, cells))| {
            cells
                .iter()
                .position(|c| keys.contains(&normalise(c)))
                .map(|col| (i, col))
        });
    let Some((h, col)) = found else {
        return Err(fail(vec![Problem::new(
            at(None, None),
            FileProblem::NoNameColumn,
        )]));
    };
    let header = rows.0[h].1[col].clone();
    let column = Some((column_letter(col), header));
    let mut names = Vec::new();
    let mut seen: BTreeMap<String, u64> = BTreeMap::new();
    let mut problems = Vec::new();
    for (row, cells) in &rows.0[h + 1..] {
        let name = cells.get(col).map_or("", |s| s.as_str());
        let place = at(Some(*row), column.clone());
        if name.is_empty() {
            problems.push(Problem::new(place, FileProblem::EmptyName));
        } else if name.chars().any(crate::chars::is_unsafe) || name.chars().count() > MAX_NAME {
            problems.push(Problem::new(place, FileProblem::BadName));
        } else if let Some(first) = seen.get(name) {
            problems.push(Problem::new(
                place,
                FileProblem::DuplicateName {
                    name: name.to_string(),
                    first_row: *first,
                },
            ));
        } else if name == "废票" || NAME_HEADERS.iter().any(|h| normalise(h) == normalise(name)) {
            // It would be taken for another column of the tally sheet.
            problems.push(Problem::new(place, FileProblem::ReservedName(name.into())));
        } else {
            seen.insert(name.to_string(), *row);
            names.push(name.to_string());
        }
    }
    if names.is_empty() && problems.is_empty() {
        problems.push(Problem::new(at(None, column), FileProblem::NoAgencies));
    }
    if names.len() > MAX_AGENCIES {
        problems.push(Problem::new(at(None, None), FileProblem::TooManyAgencies));
    }
    if !problems.is_empty() {
        return Err(fail(problems));
    }
    Ok((names, scanned.sha256))
}

/// What `setup` was asked.
pub struct SetupRequest<'a> {
    pub agencies: &'a Path,
    pub scale: Option<&'a str>,
    pub ballots: Option<u32>,
    /// Start a new setup although ballots were counted under the current one (its reason).
    pub new: Option<String>,
}

/// Check the request, then write the setup record (and its ledger entry).
pub fn setup(b: &Ballots, req: &SetupRequest) -> Result<(Setup, RecordRef), BallotError> {
    let scale = parse_scale(req.scale)?;
    let (agencies, agencies_sha256) = read_agencies(req.agencies)?;
    let (ballots, from_draw) = match req.ballots {
        Some(0) => return Err(BallotError::NoBallots),
        Some(n) if n > MAX_BALLOTS => return Err(BallotError::TooManyBallots(n)),
        Some(n) => (n, None),
        None => sample_size(b)?,
    };
    let replaces = match b.setups.last() {
        None => None,
        Some((_, r)) => {
            let counted = b
                .journal
                .events
                .iter()
                .filter(|e| e.setup == r.number)
                .count();
            if counted > 0 && req.new.is_none() {
                return Err(BallotError::AlreadyCounted {
                    number: r.number,
                    counted,
                });
            }
            Some(Replaced {
                number: r.number,
                file: r.file.clone(),
                sha256: r.sha256.clone(),
                counted,
                reason: req.new.clone(),
            })
        }
    };
    if req.new.as_deref().is_some_and(|r| r.trim().is_empty()) {
        return Err(BallotError::EmptyReason);
    }
    let mut secret = [0u8; 32];
    getrandom::fill(&mut secret).map_err(|e| BallotError::Random(e.to_string()))?;
    let number = b.setups.last().map_or(1, |(_, r)| r.number + 1);
    let setup = Setup {
        kind: KIND.into(),
        number,
        scheme: SCHEME.into(),
        tool_version: crate::TOOL_VERSION.into(),
        created_at: crate::workspace::now(),
        agencies_file: req.agencies.file_name().map_or_else(
            || req.agencies.display().to_string(),
            |n| n.to_string_lossy().into_owned(),
        ),
        agencies_sha256,
        agencies,
        scale,
        ballots,
        ballots_from_draw: from_draw,
        secret: crate::draw::ticket::hex(&secret),
        replaces,
    };
    let (file, sha256) =
        b.ws.write_record(
            super::SETUPS,
            number,
            "ballot_setup",
            &setup,
            &setup.created_at,
        )
        .map_err(BallotError::Workspace)?;
    Ok((
        setup,
        RecordRef {
            number,
            file,
            sha256,
        },
    ))
}

/// The number of `sample` rows of the latest draw, and that draw.
fn sample_size(b: &Ballots) -> Result<(u32, Option<RecordRef>), BallotError> {
    let draws = b.ws.draws().map_err(BallotError::Workspace)?;
    let Some((number, file)) = draws.last().cloned() else {
        return Err(BallotError::NoDraw);
    };
    let (draw, sha256) = b.ws.read_draw(&file).map_err(BallotError::Workspace)?;
    let n = draw
        .selected
        .iter()
        .filter(|s| s.role == crate::register::population::Role::Sample)
        .count() as u32;
    if n == 0 {
        return Err(BallotError::NoBallots);
    }
    Ok((
        n.min(MAX_BALLOTS),
        Some(RecordRef {
            number,
            file,
            sha256,
        }),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scales() {
        assert_eq!(parse_scale(None).unwrap(), DEFAULT_SCALE);
        assert_eq!(parse_scale(Some("好，差")).unwrap(), vec!["好", "差"]);
        assert!(parse_scale(Some("满意")).is_err());
        assert!(parse_scale(Some("a,b,c,d,e,f")).is_err());
        assert!(parse_scale(Some("满意,满意")).is_err());
        assert!(parse_scale(Some("满意,,不满意")).is_err());
        assert!(parse_scale(Some("1,2")).is_err());
    }
}
