//! The review team's roster (评查人员名单): who may review (评查人) and who resolves double
//! reviews (复核人), each with the unit they work for (compared with the case files' agency for
//! 回避) and the public keys they sign with. Imported from CSV (UTF-8, GBK, GB18030) or XLSX
//! through the register readers, with every problem in the file reported at once, each naming the
//! row and column as the spreadsheet shows them and the fix.
//!
//! Owns the roster's columns, validation and key registration. It must not decide who reviews what
//! (`team::assign`) or read the workspace; the caller stores the imported roster.

use super::keys::{self, IdProblem, KeyError, KeyProblem};
use crate::i18n::Lang;
use crate::register::columns::normalise;
use crate::register::encoding::{show_bytes, TextEncoding};
use crate::register::problem::{column_letter, Place};
use crate::register::reader::{self, ReadError, RecordSink};
use crate::register::record::Record;
use crate::tr;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use std::fmt;
use std::path::Path;

/// More rows than this is not a roster (probably a case register chosen by mistake).
pub const MAX_ROWS: usize = 5000;

/// At most this many problems are listed; the rest are counted.
const MAX_PROBLEMS: usize = 200;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MemberRole {
    /// 评查人: scores files.
    Reviewer,
    /// 复核人: resolves and finalises double-reviewed files.
    Checker,
}

impl MemberRole {
    pub fn label(self, lang: Lang) -> &'static str {
        match self {
            MemberRole::Reviewer => lang.pick("评查人", "reviewer"),
            MemberRole::Checker => lang.pick("复核人", "checker"),
        }
    }

    /// The role a roster cell names; an empty cell means a reviewer.
    pub fn from_cell(text: &str) -> Option<MemberRole> {
        let t = text.trim();
        if t.is_empty() {
            return Some(MemberRole::Reviewer);
        }
        match t.to_lowercase().as_str() {
            "评查人" | "评查员" | "评查人员" | "reviewer" => Some(MemberRole::Reviewer),
            "复核人" | "复核员" | "复核人员" | "checker" => Some(MemberRole::Checker),
            _ => None,
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Member {
    pub id: String,
    pub name: String,
    pub unit: String,
    pub role: MemberRole,
    /// Registered public keys, 64 lower-case hex each, oldest first.
    #[serde(default)]
    pub keys: Vec<String>,
}

impl Member {
    /// `R03 张三` for messages.
    pub fn label(&self) -> String {
        format!("{} {}", self.id, self.name)
    }
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Roster {
    pub members: Vec<Member>,
}

impl Roster {
    pub fn member(&self, id: &str) -> Option<&Member> {
        self.members.iter().find(|m| m.id == id)
    }

    /// Members with the role 评查人, in roster order.
    pub fn reviewers(&self) -> impl Iterator<Item = &Member> {
        self.members
            .iter()
            .filter(|m| m.role == MemberRole::Reviewer)
    }

    /// Members with the role 复核人, in roster order.
    pub fn checkers(&self) -> impl Iterator<Item = &Member> {
        self.members
            .iter()
            .filter(|m| m.role == MemberRole::Checker)
    }

    /// Register a public key for a member: `Ok(true)` if added, `Ok(false)` if the member already
    /// has it. Accepts a bare 64-hex key or the text of a `.pub` file (whose reviewer line, if
    /// any, must name this member). Refused if the key is invalid or another member has it.
    pub fn add_key(&mut self, id: &str, public_hex: &str) -> Result<bool, RosterError> {
        let (named, hex) = keys::parse_public(public_hex).map_err(|e| match e {
            KeyError::Malformed { what, .. } => RosterError::BadKey(what),
            _ => RosterError::BadKey(KeyProblem::NotAKeyFile),
        })?;
        if self.member(id).is_none() {
            return Err(RosterError::NoSuchMember { id: id.to_string() });
        }
        if let Some(named) = named.filter(|n| n != id) {
            return Err(RosterError::KeyNamesAnother {
                id: id.to_string(),
                named,
            });
        }
        if let Some(owner) = self.key_owner(&hex) {
            if owner.id != id {
                return Err(RosterError::KeyTaken {
                    fingerprint: keys::fingerprint(&hex),
                    owner: owner.label(),
                });
            }
            return Ok(false);
        }
        match self.members.iter_mut().find(|m| m.id == id) {
            Some(m) => {
                m.keys.push(hex);
                Ok(true)
            }
            None => Err(RosterError::NoSuchMember { id: id.to_string() }),
        }
    }

    /// Which member (if any) holds this key (compared as lower-case hex).
    pub fn key_owner(&self, public_hex: &str) -> Option<&Member> {
        let hex = public_hex.trim().to_ascii_lowercase();
        self.members.iter().find(|m| m.keys.contains(&hex))
    }
}

/// The roster's columns.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Field {
    Id,
    Name,
    Unit,
    Role,
    Key,
}

const FIELDS: [Field; 5] = [Field::Id, Field::Name, Field::Unit, Field::Role, Field::Key];

impl Field {
    pub fn label(self, lang: Lang) -> &'static str {
        match self {
            Field::Id => lang.pick("编号", "id"),
            Field::Name => lang.pick("姓名", "name"),
            Field::Unit => lang.pick("单位", "unit"),
            Field::Role => lang.pick("角色", "role"),
            Field::Key => lang.pick("公钥", "public key"),
        }
    }

    /// Header texts recognised, compared after `register::columns::normalise` (trimmed, without
    /// spaces, `_` and `-`, ASCII lower-case).
    pub fn aliases(self) -> &'static [&'static str] {
        match self {
            Field::Id => &[
                "编号",
                "人员编号",
                "评查人员编号",
                "评查人编号",
                "id",
                "memberid",
                "reviewerid",
            ],
            Field::Name => &["姓名", "人员姓名", "评查人员姓名", "name", "fullname"],
            Field::Unit => &[
                "单位",
                "所在单位",
                "工作单位",
                "所属单位",
                "单位名称",
                "unit",
                "agency",
                "organisation",
                "organization",
            ],
            Field::Role => &["角色", "身份", "role"],
            Field::Key => &["公钥", "签名公钥", "publickey", "pubkey"],
        }
    }

    fn of_header(header: &str) -> Option<Field> {
        let n = normalise(header);
        FIELDS
            .into_iter()
            .find(|f| f.aliases().contains(&n.as_str()))
    }
}

/// How to read the file; the defaults detect the encoding and read the first sheet.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ImportOptions {
    pub encoding: Option<TextEncoding>,
    pub sheet: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RosterProblem {
    pub place: Place,
    pub kind: ProblemKind,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ProblemKind {
    /// The file could not be read as a table at all (as for a register).
    File(crate::register::problem::ProblemKind),
    EmptyFile,
    Undecodable {
        encoding: &'static str,
        bytes: String,
    },
    TooManyRows,
    MissingColumn {
        field: Field,
        headers: String,
    },
    /// Two columns both look like the same field.
    AmbiguousColumn {
        field: Field,
        columns: Vec<String>,
    },
    /// Cells to the right of the last header, from column `column` on.
    ExtraCells {
        column: String,
        expected: usize,
        found: usize,
    },
    EmptyField {
        field: Field,
    },
    Invisible {
        field: Field,
        code: u32,
    },
    BadId(IdProblem),
    /// The id was already used in `first_row` (ids are compared ignoring case: they name files).
    DuplicateId {
        id: String,
        first_row: u64,
    },
    UnknownRole {
        value: String,
    },
    BadKey(KeyProblem),
    /// The key is already on `owner` (row `first_row`).
    SharedKey {
        fingerprint: String,
        first_row: u64,
        owner: String,
    },
    /// A header but no people.
    NoMembers,
    /// People, but none with the role 评查人.
    NoReviewers,
    TooMany {
        more: usize,
    },
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum RosterError {
    /// The file's problems, all of them, in row order.
    Problems(Vec<RosterProblem>),
    NoSuchMember {
        id: String,
    },
    BadKey(KeyProblem),
    /// A `.pub` file that names another reviewer.
    KeyNamesAnother {
        id: String,
        named: String,
    },
    KeyTaken {
        fingerprint: String,
        owner: String,
    },
}

/// Things that do not stop an import but should be looked at before the assignment.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum RosterWarning {
    /// A unit that is none of the agencies: a misspelt agency would silently defeat 回避.
    UnknownUnit {
        unit: String,
        /// `R03 张三` of every member of that unit.
        members: Vec<String>,
        /// The agency it is probably meant to be.
        suggestion: Option<String>,
    },
    /// A member who has registered no key yet, so cannot sign.
    NoKey { member: String },
}

/// Import a roster with the defaults (encoding detected, first sheet).
pub fn import(path: &Path) -> Result<Roster, RosterError> {
    import_with(path, &ImportOptions::default())
}

/// Import a roster from CSV or XLSX. Nothing is returned unless the whole file is valid.
pub fn import_with(path: &Path, options: &ImportOptions) -> Result<Roster, RosterError> {
    let file = path.display().to_string();
    let mut rows = Rows::default();
    let opts = reader::ReadOptions {
        encoding: options.encoding,
        sheets: reader::SheetChoice::from_flag(options.sheet.as_deref()),
        ..Default::default()
    };
    let scanned = reader::read_any(path, &opts, &mut rows);
    let scanned = match scanned {
        Ok(s) => s,
        Err(e) => {
            return Err(RosterError::Problems(vec![RosterProblem {
                place: Place::file(&file),
                kind: read_problem(e),
            }]))
        }
    };
    let mut check = Check {
        file,
        problems: Vec::new(),
    };
    let encoding = scanned.encoding.map_or("UTF-8", TextEncoding::label);
    for (row, bad) in &scanned.bad {
        check.problems.push(RosterProblem {
            place: Place {
                file: check.file.clone(),
                sheet: None,
                row: Some(*row),
                column: None,
                byte_offset: Some(bad.file_offset),
            },
            kind: ProblemKind::Undecodable {
                encoding,
                bytes: show_bytes(&bad.bytes),
            },
        });
    }
    if rows.too_many {
        check.at(None, None, ProblemKind::TooManyRows);
    }
    let roster = check.rows(&rows.rows);
    if check.problems.is_empty() {
        return Ok(roster);
    }
    let mut problems = check.problems;
    problems.sort_by_key(|p| (p.place.row.unwrap_or(u64::MAX), column_index(&p.place)));
    if problems.len() > MAX_PROBLEMS {
        let more = problems.len() - MAX_PROBLEMS;
        problems.truncate(MAX_PROBLEMS);
        problems.push(RosterProblem {
            place: Place::file("…"),
            kind: ProblemKind::TooMany { more },
        });
    }
    Err(RosterError::Problems(problems))
}

/// Units that match none of `agencies` (exactly, after trimming) and members without a key. With
/// no agencies given, units are not checked.
pub fn warnings(roster: &Roster, agencies: &[String]) -> Vec<RosterWarning> {
    let mut out = Vec::new();
    if !agencies.iter().all(|a| a.trim().is_empty()) {
        let mut units: Vec<(&str, Vec<String>)> = Vec::new();
        for m in &roster.members {
            if agencies.iter().any(|a| a.trim() == m.unit.trim()) {
                continue;
            }
            match units.iter_mut().find(|(u, _)| *u == m.unit) {
                Some((_, list)) => list.push(m.label()),
                None => units.push((&m.unit, vec![m.label()])),
            }
        }
        for (unit, members) in units {
            out.push(RosterWarning::UnknownUnit {
                unit: unit.to_string(),
                members,
                suggestion: closest(unit, agencies),
            });
        }
    }
    for m in &roster.members {
        if m.keys.is_empty() {
            out.push(RosterWarning::NoKey { member: m.label() });
        }
    }
    out
}

// ---------------------------------------------------------------------------------------------
// Reading and checking

/// Every row's trimmed cells; a roster is small enough to hold.
#[derive(Default)]
struct Rows {
    rows: Vec<(u64, Vec<String>)>,
    too_many: bool,
}

impl RecordSink for Rows {
    fn record(&mut self, rec: &Record) -> bool {
        if rec.is_blank() {
            return true;
        }
        if self.rows.len() > MAX_ROWS {
            self.too_many = true;
            return false;
        }
        let cells = (0..rec.len()).map(|i| rec.text(i).trim().to_string());
        self.rows.push((rec.row, cells.collect()));
        true
    }

    fn restart(&mut self) {
        *self = Rows::default();
    }
}

struct Check {
    file: String,
    problems: Vec<RosterProblem>,
}

/// Where each field is: column index and header text.
type Columns = [Option<(usize, String)>; 5];

fn slot(field: Field) -> usize {
    field as usize
}

impl Check {
    fn at(&mut self, row: Option<u64>, column: Option<(usize, &str)>, kind: ProblemKind) {
        self.problems.push(RosterProblem {
            place: Place {
                file: self.file.clone(),
                sheet: None,
                row,
                column: column.map(|(i, h)| (column_letter(i), h.to_string())),
                byte_offset: None,
            },
            kind,
        });
    }

    fn header(&mut self, row: u64, cells: &[String]) -> Option<Columns> {
        let mut columns: Columns = Default::default();
        let mut ambiguous: Vec<(Field, Vec<String>)> = Vec::new();
        for (i, h) in cells.iter().enumerate() {
            let Some(field) = Field::of_header(h) else {
                continue;
            };
            let shown = format!("{} {h}", column_letter(i));
            match &columns[slot(field)] {
                None => columns[slot(field)] = Some((i, h.clone())),
                Some((first, first_h)) => match ambiguous.iter_mut().find(|(f, _)| *f == field) {
                    Some((_, list)) => list.push(shown),
                    None => ambiguous.push((
                        field,
                        vec![format!("{} {first_h}", column_letter(*first)), shown],
                    )),
                },
            }
        }
        let mut ok = true;
        for (field, columns) in ambiguous {
            self.at(
                Some(row),
                None,
                ProblemKind::AmbiguousColumn { field, columns },
            );
            ok = false;
        }
        for field in [Field::Name, Field::Unit] {
            if columns[slot(field)].is_none() {
                let headers = cells
                    .iter()
                    .enumerate()
                    .filter(|(_, h)| !h.is_empty())
                    .map(|(i, h)| format!("{} {h}", column_letter(i)))
                    .collect::<Vec<_>>()
                    .join("、");
                self.at(
                    Some(row),
                    None,
                    ProblemKind::MissingColumn { field, headers },
                );
                ok = false;
            }
        }
        ok.then_some(columns)
    }

    fn rows(&mut self, rows: &[(u64, Vec<String>)]) -> Roster {
        let Some(((header_row, header), data)) = rows.split_first() else {
            self.at(None, None, ProblemKind::EmptyFile);
            return Roster::default();
        };
        let Some(columns) = self.header(*header_row, header) else {
            return Roster::default();
        };
        if data.is_empty() {
            self.at(None, None, ProblemKind::NoMembers);
            return Roster::default();
        }
        let col = |f: Field| columns[slot(f)].as_ref().map(|(i, h)| (*i, h.as_str()));
        let width = header.len();
        let mut members: Vec<(u64, Member)> = Vec::with_capacity(data.len());
        let mut role_unknown = false;
        for (row, cells) in data {
            let row = *row;
            let cell = |f: Field| {
                col(f)
                    .and_then(|(i, _)| cells.get(i))
                    .map_or("", |s| s.as_str())
            };
            if let Some(extra) = (width..cells.len()).find(|&i| !cells[i].is_empty()) {
                let found = cells.iter().rposition(|c| !c.is_empty()).unwrap_or(extra) + 1;
                self.at(
                    Some(row),
                    None,
                    ProblemKind::ExtraCells {
                        column: column_letter(extra),
                        expected: width,
                        found,
                    },
                );
            }
            let id = match col(Field::Id) {
                Some(c) => {
                    let id = cell(Field::Id);
                    if id.is_empty() {
                        self.at(
                            Some(row),
                            Some(c),
                            ProblemKind::EmptyField { field: Field::Id },
                        );
                    } else if let Err(p) = keys::check_reviewer_id(id) {
                        self.at(Some(row), Some(c), ProblemKind::BadId(p));
                    }
                    id.to_string()
                }
                None => String::new(),
            };
            for field in [Field::Name, Field::Unit] {
                let c = col(field);
                let text = cell(field);
                if text.is_empty() {
                    self.at(Some(row), c, ProblemKind::EmptyField { field });
                } else if let Some(ch) = text.chars().find(|&ch| keys::is_invisible(ch)) {
                    self.at(
                        Some(row),
                        c,
                        ProblemKind::Invisible {
                            field,
                            code: ch as u32,
                        },
                    );
                }
            }
            let role = match MemberRole::from_cell(cell(Field::Role)) {
                Some(r) => r,
                None => {
                    role_unknown = true;
                    let value = cell(Field::Role).chars().take(40).collect();
                    self.at(
                        Some(row),
                        col(Field::Role),
                        ProblemKind::UnknownRole { value },
                    );
                    MemberRole::Reviewer
                }
            };
            let mut member_keys: Vec<String> = Vec::new();
            let key_cell = cell(Field::Key);
            for token in key_cell
                .split(|c: char| c.is_whitespace() || matches!(c, ',' | ';' | '，' | '；' | '、'))
                .filter(|t| !t.is_empty())
            {
                match keys::parse_public(token) {
                    Ok((_, hex)) => {
                        if !member_keys.contains(&hex) {
                            member_keys.push(hex);
                        }
                    }
                    Err(KeyError::Malformed { what, .. }) => {
                        self.at(Some(row), col(Field::Key), ProblemKind::BadKey(what));
                    }
                    Err(_) => {
                        self.at(
                            Some(row),
                            col(Field::Key),
                            ProblemKind::BadKey(KeyProblem::NotAKeyFile),
                        );
                    }
                }
            }
            members.push((
                row,
                Member {
                    id,
                    name: cell(Field::Name).to_string(),
                    unit: cell(Field::Unit).to_string(),
                    role,
                    keys: member_keys,
                },
            ));
        }

        if col(Field::Id).is_none() {
            let digits = members.len().to_string().len().max(2);
            for (i, (_, m)) in members.iter_mut().enumerate() {
                m.id = format!("R{:0digits$}", i + 1);
            }
        }

        // Ids name key files, and Windows file names ignore case.
        let mut ids: HashMap<String, u64> = HashMap::new();
        let mut key_rows: HashMap<&str, (u64, &Member)> = HashMap::new();
        for (row, m) in &members {
            if !m.id.is_empty() {
                match ids.get(&m.id.to_lowercase()) {
                    Some(&first_row) => self.at(
                        Some(*row),
                        col(Field::Id),
                        ProblemKind::DuplicateId {
                            id: m.id.clone(),
                            first_row,
                        },
                    ),
                    None => {
                        ids.insert(m.id.to_lowercase(), *row);
                    }
                }
            }
            for k in &m.keys {
                match key_rows.get(k.as_str()) {
                    Some(&(first_row, owner)) => self.at(
                        Some(*row),
                        col(Field::Key),
                        ProblemKind::SharedKey {
                            fingerprint: keys::fingerprint(k),
                            first_row,
                            owner: owner.label(),
                        },
                    ),
                    None => {
                        key_rows.insert(k, (*row, m));
                    }
                }
            }
        }
        if !role_unknown && !members.iter().any(|(_, m)| m.role == MemberRole::Reviewer) {
            self.at(None, None, ProblemKind::NoReviewers);
        }
        Roster {
            members: members.into_iter().map(|(_, m)| m).collect(),
        }
    }
}

fn read_problem(e: ReadError) -> ProblemKind {
    match e {
        ReadError::Empty => ProblemKind::EmptyFile,
        e => ProblemKind::File(crate::register::import::read_problem(e)),
    }
}

/// Sort key for a column letter (`A` < `Z` < `AA`); problems without a column come first.
fn column_index(place: &Place) -> (usize, String) {
    place
        .column
        .as_ref()
        .map_or((0, String::new()), |(l, _)| (l.len(), l.clone()))
}

/// The agency a misspelt unit probably means: one containing it or contained in it (at least
/// three characters), or within an edit distance of a quarter of its length (agency names share
/// 攸县…局, so 攸县司法局 is two edits from 攸县林业局 and must not count as a typo of it).
fn closest(unit: &str, agencies: &[String]) -> Option<String> {
    let unit: String = unit.chars().filter(|c| !c.is_whitespace()).collect();
    let len = unit.chars().count();
    agencies
        .iter()
        .filter_map(|a| {
            let a_trim: String = a.chars().filter(|c| !c.is_whitespace()).collect();
            let a_len = a_trim.chars().count();
            let d = if len.min(a_len) >= 3 && (a_trim.contains(&unit) || unit.contains(&a_trim)) {
                len.abs_diff(a_len)
            } else {
                edit_distance(&unit, &a_trim)
            };
            (d <= (len.max(a_len) / 4).max(1)).then_some((d, a.trim()))
        })
        .min_by_key(|&(d, _)| d)
        .map(|(_, a)| a.to_string())
}

fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut cur = vec![i + 1; b.len() + 1];
        for (j, &cb) in b.iter().enumerate() {
            cur[j + 1] = (prev[j] + usize::from(ca != cb))
                .min(prev[j + 1] + 1)
                .min(cur[j] + 1);
        }
        prev = cur;
    }
    prev[b.len()]
}

// ---------------------------------------------------------------------------------------------
// Messages

impl RosterProblem {
    pub fn render(&self, lang: Lang) -> String {
        format!("{}: {}", self.place.render(lang), self.kind.render(lang))
    }
}

fn field_aliases(field: Field) -> String {
    field.aliases().join("/")
}

impl ProblemKind {
    pub fn render(&self, lang: Lang) -> String {
        use ProblemKind::*;
        match self {
            File(kind) => kind.render(lang),
            EmptyFile => tr!(
                lang,
                "文件为空。请在第一行写表头（编号、姓名、单位、角色、公钥），以下每行一人",
                "the file is empty. Put the headers (编号/id, 姓名/name, 单位/unit, 角色/role, 公钥/public key) in the first row and one person per row below"
            ),
            Undecodable { encoding, bytes } => tr!(
                lang,
                "字节 {bytes} 不是有效的 {encoding} 编码。请用 Excel 另存为“CSV UTF-8”后重试，或指定正确编码",
                "bytes {bytes} are not valid {encoding}. Save the file from Excel as \"CSV UTF-8\" and try again, or give the right encoding"
            ),
            TooManyRows => tr!(
                lang,
                "超过 {MAX_ROWS} 行，不像评查人员名单（是否选成了案卷目录？）。请选择人员名单文件",
                "has more than {MAX_ROWS} rows, which is no roster (was a case register chosen?). Choose the roster file"
            ),
            MissingColumn { field, headers } => {
                let zh = field.label(Lang::Zh);
                let en = field.label(Lang::En);
                let aliases = field_aliases(*field);
                tr!(
                    lang,
                    "表头中没有“{zh}”列（可用列名：{aliases}）；现有表头：{headers}。请在第 1 行加上或改正该列名",
                    "the header has no {en} column (accepted names: {aliases}); the headers are: {headers}. Add or rename the column in row 1"
                )
            }
            AmbiguousColumn { field, columns } => {
                let c = columns.join("、");
                let zh = field.label(Lang::Zh);
                let en = field.label(Lang::En);
                tr!(
                    lang,
                    "有多列都像“{zh}”列：{c}。请删除或重命名其中多余的列",
                    "several columns look like the {en} column: {c}. Delete or rename the extra ones"
                )
            }
            ExtraCells {
                column,
                expected,
                found,
            } => tr!(
                lang,
                "该行有 {found} 个单元格（{column} 列起无表头），表头只有 {expected} 列。请给多出的列加表头，或检查是否多了逗号",
                "this row has {found} cells (no header from column {column} on), but the header has {expected} columns. Give the extra column a header, or look for a stray comma"
            ),
            EmptyField { field } => {
                let zh = field.label(Lang::Zh);
                let en = field.label(Lang::En);
                match field {
                    Field::Unit => tr!(
                        lang,
                        "单位为空。请按案卷目录中执法机关的写法填写所在单位（回避依据此列判断）",
                        "the unit is empty. Fill it in, spelt as the agency is in the case registers (回避, recusal, is decided on it)"
                    ),
                    _ => tr!(
                        lang,
                        "{zh}为空。请补填，或删除该行",
                        "the {en} is empty. Fill it in or delete the row"
                    ),
                }
            }
            Invisible { field, code } => {
                let zh = field.label(Lang::Zh);
                let en = field.label(Lang::En);
                tr!(
                    lang,
                    "{zh}含有不可见字符 U+{code:04X}（控制符、零宽或改变文字方向的字符），会使看起来相同的文字实际不同。请删除该字符后重新输入",
                    "the {en} contains the invisible character U+{code:04X} (a control, zero-width or direction-changing character), which makes equal-looking texts differ. Delete it and type the text again"
                )
            }
            BadId(p) => tr!(
                lang,
                "编号不可用（编号将用作密钥文件名）：{}",
                "the id cannot be used (ids name the key files): {}",
                p.render(lang)
            ),
            DuplicateId { id, first_row } => tr!(
                lang,
                "编号“{id}”与第 {first_row} 行重复（不区分大小写）。每人编号必须唯一：请更正其中一个",
                "the id {id:?} is already used in row {first_row} (ignoring case). Each person needs their own id: correct one of them"
            ),
            UnknownRole { value } => tr!(
                lang,
                "角色“{value}”无法识别。请填“评查人”或“复核人”（留空即评查人）",
                "the role {value:?} is not known. Write 评查人 (reviewer) or 复核人 (checker); empty means reviewer"
            ),
            BadKey(p) => tr!(
                lang,
                "公钥无效：{}",
                "the public key is invalid: {}",
                p.render(lang)
            ),
            SharedKey {
                fingerprint,
                first_row,
                owner,
            } => tr!(
                lang,
                "公钥（指纹 {fingerprint}）已填在第 {first_row} 行 {owner} 名下。每人必须使用自己生成的密钥：请核对后改正",
                "the public key (fingerprint {fingerprint}) is already given for {owner} in row {first_row}. Everyone must use a key they generated themselves: check and correct it"
            ),
            NoMembers => tr!(
                lang,
                "只有表头，没有人员。请在表头下每行填写一名评查人员",
                "has a header but no people. Add one person per row below the header"
            ),
            NoReviewers => tr!(
                lang,
                "名单中没有评查人（全部是复核人），无法分配案卷。请把评查人员的角色填为“评查人”或留空",
                "the roster has no reviewers (everyone is a checker), so no file can be assigned. Set the reviewers' role to 评查人 or leave it empty"
            ),
            TooMany { more } => tr!(
                lang,
                "另有 {more} 个问题未列出（请先修正以上问题）",
                "{more} more problems not listed (fix the ones above first)"
            ),
        }
    }
}

impl RosterError {
    pub fn render(&self, lang: Lang) -> String {
        match self {
            RosterError::Problems(ps) => {
                let n = ps.len();
                let mut s = tr!(
                    lang,
                    "评查人员名单有 {n} 个问题，未导入任何人员：",
                    "the roster has {n} problems; nobody was imported:"
                );
                for p in ps {
                    s.push_str("\n  ");
                    s.push_str(&p.render(lang));
                }
                s
            }
            RosterError::NoSuchMember { id } => tr!(
                lang,
                "名单中没有编号为“{id}”的人员。请核对编号",
                "nobody on the roster has the id {id:?}. Check the id"
            ),
            RosterError::BadKey(p) => tr!(
                lang,
                "公钥无效：{}",
                "the public key is invalid: {}",
                p.render(lang)
            ),
            RosterError::KeyNamesAnother { id, named } => tr!(
                lang,
                "该公钥文件写明属于“{named}”，不是“{id}”。请确认没有拿错别人的 .pub 文件",
                "this public key file says it belongs to {named:?}, not {id:?}. Check that it is not someone else's .pub file"
            ),
            RosterError::KeyTaken { fingerprint, owner } => tr!(
                lang,
                "公钥（指纹 {fingerprint}）已登记在 {owner} 名下，不能再登记给他人。每人必须使用自己生成的密钥",
                "the public key (fingerprint {fingerprint}) is registered to {owner} and cannot be registered to anyone else. Everyone must use a key they generated themselves"
            ),
        }
    }
}

impl fmt::Display for RosterError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.render(Lang::En))
    }
}

impl std::error::Error for RosterError {}

impl RosterWarning {
    pub fn render(&self, lang: Lang) -> String {
        match self {
            RosterWarning::UnknownUnit {
                unit,
                members,
                suggestion,
            } => {
                let who = members.join("、");
                let mut s = tr!(
                    lang,
                    "单位“{unit}”（{who}）与案卷目录中的任何执法机关都不一致。",
                    "the unit {unit:?} ({who}) matches no agency in the case registers. "
                );
                s += &match suggestion {
                    Some(a) => tr!(
                        lang,
                        "是否应为“{a}”？如是，请按案卷目录的写法更正，否则回避将不起作用",
                        "Is it {a:?}? If so, spell it as the registers do, or 回避 (recusal) will not work"
                    ),
                    None => tr!(
                        lang,
                        "如该单位是执法机关之一，请按案卷目录的写法更正，否则回避将不起作用；如不是（如司法局），可忽略本提示",
                        "If it is one of the agencies, spell it as the registers do, or 回避 (recusal) will not work; if not (e.g. the justice bureau), ignore this"
                    ),
                };
                s
            }
            RosterWarning::NoKey { member } => tr!(
                lang,
                "{member} 尚未登记公钥，还不能签名。请其在自己的电脑上生成密钥并交来 .pub 文件",
                "{member} has no registered public key yet, so cannot sign. Ask them to generate a key on their own computer and hand in the .pub file"
            ),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ed25519_dalek::SigningKey;

    fn pk(n: u8) -> String {
        keys::public_hex(&SigningKey::from_bytes(&[n; 32]))
    }

    fn write(dir: &tempfile::TempDir, name: &str, text: &str) -> std::path::PathBuf {
        let p = dir.path().join(name);
        std::fs::write(&p, text).unwrap();
        p
    }

    fn problems(path: &Path) -> Vec<RosterProblem> {
        match import(path) {
            Err(RosterError::Problems(p)) => p,
            other => panic!("expected problems, got {other:?}"),
        }
    }

    fn kinds(path: &Path) -> Vec<(Option<u64>, Option<String>, ProblemKind)> {
        problems(path)
            .into_iter()
            .map(|p| (p.place.row, p.place.column.map(|c| c.0), p.kind))
            .collect()
    }

    #[test]
    fn roles_from_cells() {
        for t in [
            "",
            " ",
            "评查人",
            "评查员",
            "reviewer",
            "Reviewer",
            " REVIEWER ",
        ] {
            assert_eq!(
                MemberRole::from_cell(t),
                Some(MemberRole::Reviewer),
                "{t:?}"
            );
        }
        for t in ["复核人", "复核员", "checker", "Checker"] {
            assert_eq!(MemberRole::from_cell(t), Some(MemberRole::Checker), "{t:?}");
        }
        assert_eq!(MemberRole::from_cell("组长"), None);
        assert_eq!(MemberRole::Checker.label(Lang::Zh), "复核人");
        assert_eq!(MemberRole::Reviewer.label(Lang::En), "reviewer");
        assert_eq!(
            serde_json::to_string(&MemberRole::Checker).unwrap(),
            "\"checker\""
        );
    }

    #[test]
    fn reads_members_with_aliases_crlf_and_bom() {
        let dir = tempfile::tempdir().unwrap();
        let k = pk(1);
        let p = write(
            &dir,
            "r.csv",
            &format!(
                "\u{FEFF}人员编号, 姓名 ,所在单位,角色,公钥,备注\r\nA1,张三,攸县林业局,,{},组长\r\nA2,李四,攸县水利局,复核员,,\r\n,,,,,\r\n",
                k.to_ascii_uppercase()
            ),
        );
        let r = import(&p).unwrap();
        assert_eq!(
            r.members,
            vec![
                Member {
                    id: "A1".into(),
                    name: "张三".into(),
                    unit: "攸县林业局".into(),
                    role: MemberRole::Reviewer,
                    keys: vec![k.clone()],
                },
                Member {
                    id: "A2".into(),
                    name: "李四".into(),
                    unit: "攸县水利局".into(),
                    role: MemberRole::Checker,
                    keys: vec![],
                },
            ]
        );
        assert_eq!(r.reviewers().count(), 1);
        assert_eq!(r.checkers().next().unwrap().id, "A2");
        assert_eq!(r.key_owner(&k.to_ascii_uppercase()).unwrap().id, "A1");
        assert_eq!(r.member("A2").unwrap().name, "李四");
        assert!(r.member("a2").is_none());
    }

    #[test]
    fn ids_are_numbered_when_there_is_no_id_column() {
        let dir = tempfile::tempdir().unwrap();
        let p = write(&dir, "r.csv", "Name,Unit\nA,X\nB,Y\n");
        let ids: Vec<String> = import(&p)
            .unwrap()
            .members
            .into_iter()
            .map(|m| m.id)
            .collect();
        assert_eq!(ids, ["R01", "R02"]);
        let mut text = "name,agency\n".to_string();
        for i in 0..100 {
            text += &format!("P{i},U\n");
        }
        let p = write(&dir, "big.csv", &text);
        let r = import(&p).unwrap();
        assert_eq!(r.members[0].id, "R001");
        assert_eq!(r.members[99].id, "R100");
    }

    #[test]
    fn missing_and_ambiguous_columns() {
        let dir = tempfile::tempdir().unwrap();
        let p = write(&dir, "r.csv", "编号,名字,单位\nR01,张三,攸县林业局\n");
        let k = kinds(&p);
        assert_eq!(k.len(), 1);
        assert!(matches!(
            &k[0],
            (Some(1), None, ProblemKind::MissingColumn { field: Field::Name, headers }) if headers == "A 编号、B 名字、C 单位"
        ));
        let msg = problems(&p)[0].render(Lang::Zh);
        assert!(msg.contains("第 1 行") && msg.contains("姓名"), "{msg}");

        let p = write(&dir, "r.csv", "姓名,单位,工作单位\n张三,a,b\n");
        assert_eq!(
            kinds(&p),
            vec![(
                Some(1),
                None,
                ProblemKind::AmbiguousColumn {
                    field: Field::Unit,
                    columns: vec!["B 单位".into(), "C 工作单位".into()]
                }
            )]
        );
    }

    #[test]
    fn duplicate_ids_ignore_case() {
        let dir = tempfile::tempdir().unwrap();
        let p = write(
            &dir,
            "r.csv",
            "编号,姓名,单位\nR01,张三,a\nR02,李四,b\nr01,王五,c\nR02,赵六,d\n",
        );
        assert_eq!(
            kinds(&p),
            vec![
                (
                    Some(4),
                    Some("A".into()),
                    ProblemKind::DuplicateId {
                        id: "r01".into(),
                        first_row: 2
                    }
                ),
                (
                    Some(5),
                    Some("A".into()),
                    ProblemKind::DuplicateId {
                        id: "R02".into(),
                        first_row: 3
                    }
                ),
            ]
        );
    }

    #[test]
    fn row_problems_name_row_and_column() {
        let dir = tempfile::tempdir().unwrap();
        let p = write(
            &dir,
            "r.csv",
            &format!(
                "编号,姓名,单位,角色,公钥\nR/1,张\u{202E}三,,组长,{k}\nR02,李四,b,,{k}\nR03,王五,c,,{bad},extra\n",
                k = pk(1),
                bad = &pk(2)[..63]
            ),
        );
        let k = kinds(&p);
        assert_eq!(
            k,
            vec![
                (
                    Some(2),
                    Some("A".into()),
                    ProblemKind::BadId(IdProblem::PathSeparator)
                ),
                (
                    Some(2),
                    Some("B".into()),
                    ProblemKind::Invisible {
                        field: Field::Name,
                        code: 0x202E
                    }
                ),
                (
                    Some(2),
                    Some("C".into()),
                    ProblemKind::EmptyField { field: Field::Unit }
                ),
                (
                    Some(2),
                    Some("D".into()),
                    ProblemKind::UnknownRole {
                        value: "组长".into()
                    }
                ),
                (
                    Some(3),
                    Some("E".into()),
                    ProblemKind::SharedKey {
                        fingerprint: keys::fingerprint(&pk(1)),
                        first_row: 2,
                        owner: "R/1 张\u{202E}三".into()
                    }
                ),
                (
                    Some(4),
                    None,
                    ProblemKind::ExtraCells {
                        column: "F".into(),
                        expected: 5,
                        found: 6
                    }
                ),
                (
                    Some(4),
                    Some("E".into()),
                    ProblemKind::BadKey(KeyProblem::WrongLength {
                        expected: 64,
                        found: 63
                    })
                ),
            ]
        );
    }

    #[test]
    fn empty_header_only_and_checkers_only() {
        let dir = tempfile::tempdir().unwrap();
        let p = write(&dir, "empty.csv", "");
        assert_eq!(kinds(&p), vec![(None, None, ProblemKind::EmptyFile)]);
        let p = write(&dir, "blank.csv", "\r\n,,\r\n");
        assert_eq!(kinds(&p), vec![(None, None, ProblemKind::EmptyFile)]);
        let p = write(&dir, "header.csv", "姓名,单位\r\n");
        assert_eq!(kinds(&p), vec![(None, None, ProblemKind::NoMembers)]);
        let p = write(&dir, "checkers.csv", "姓名,单位,角色\n张三,a,复核人\n");
        assert_eq!(kinds(&p), vec![(None, None, ProblemKind::NoReviewers)]);
        let msg = RosterError::Problems(problems(&p)).render(Lang::En);
        assert!(msg.starts_with("the roster has 1 problems"), "{msg}");
        assert!(
            msg.contains("checkers.csv: the roster has no reviewers"),
            "{msg}"
        );
    }

    #[test]
    fn gbk_is_detected() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("gbk.csv");
        let (bytes, _, _) = encoding_rs::GBK.encode("姓名,单位\r\n张三,攸县林业局\r\n");
        std::fs::write(&p, bytes).unwrap();
        let r = import(&p).unwrap();
        assert_eq!(r.members[0].name, "张三");
        assert_eq!(r.members[0].unit, "攸县林业局");
    }

    #[test]
    fn add_key_registers_once_and_never_for_two() {
        let mut r = Roster {
            members: vec![
                Member {
                    id: "R01".into(),
                    name: "张三".into(),
                    unit: "a".into(),
                    role: MemberRole::Reviewer,
                    keys: vec![],
                },
                Member {
                    id: "R02".into(),
                    name: "李四".into(),
                    unit: "b".into(),
                    role: MemberRole::Checker,
                    keys: vec![],
                },
            ],
        };
        assert_eq!(r.add_key("R01", &pk(1)), Ok(true));
        assert_eq!(r.add_key("R01", &pk(1).to_ascii_uppercase()), Ok(false));
        assert_eq!(r.add_key("R01", &pk(3)), Ok(true));
        assert_eq!(r.member("R01").unwrap().keys, vec![pk(1), pk(3)]);
        assert_eq!(
            r.add_key("R02", &pk(1)),
            Err(RosterError::KeyTaken {
                fingerprint: keys::fingerprint(&pk(1)),
                owner: "R01 张三".into()
            })
        );
        assert_eq!(
            r.add_key("R09", &pk(2)),
            Err(RosterError::NoSuchMember { id: "R09".into() })
        );
        assert!(matches!(
            r.add_key("R02", "zz"),
            Err(RosterError::BadKey(KeyProblem::WrongLength { .. }))
        ));
        let file = keys::public_file_text("R01", &pk(2));
        assert_eq!(
            r.add_key("R02", &file),
            Err(RosterError::KeyNamesAnother {
                id: "R02".into(),
                named: "R01".into()
            })
        );
        let file = keys::public_file_text("R02", &pk(2));
        assert_eq!(r.add_key("R02", &file), Ok(true));
        assert_eq!(r.key_owner(&pk(2)).unwrap().id, "R02");
        assert!(r.key_owner(&pk(4)).is_none());
    }

    #[test]
    fn warnings_for_units_and_keys() {
        let member = |id: &str, unit: &str, keys: Vec<String>| Member {
            id: id.into(),
            name: format!("{id}名"),
            unit: unit.into(),
            role: MemberRole::Reviewer,
            keys,
        };
        let r = Roster {
            members: vec![
                member("R01", "攸县交通运输局", vec![pk(1)]),
                member("R02", "县交通运输局", vec![pk(2)]),
                member("R03", "攸县市场监管局", vec![pk(3)]),
                member("R04", "攸县司法局", vec![]),
                member("R05", "县交通运输局", vec![pk(5)]),
            ],
        };
        let agencies: Vec<String> = ["攸县交通运输局", "攸县市场监督管理局", "攸县林业局"]
            .map(String::from)
            .to_vec();
        let w = warnings(&r, &agencies);
        assert_eq!(
            w,
            vec![
                RosterWarning::UnknownUnit {
                    unit: "县交通运输局".into(),
                    members: vec!["R02 R02名".into(), "R05 R05名".into()],
                    suggestion: Some("攸县交通运输局".into()),
                },
                RosterWarning::UnknownUnit {
                    unit: "攸县市场监管局".into(),
                    members: vec!["R03 R03名".into()],
                    suggestion: Some("攸县市场监督管理局".into()),
                },
                RosterWarning::UnknownUnit {
                    unit: "攸县司法局".into(),
                    members: vec!["R04 R04名".into()],
                    suggestion: None,
                },
                RosterWarning::NoKey {
                    member: "R04 R04名".into()
                },
            ]
        );
        assert!(w[0].render(Lang::Zh).contains("是否应为“攸县交通运输局”"));
        assert!(w[3].render(Lang::En).contains("no registered public key"));
        assert_eq!(
            warnings(&r, &[]),
            vec![RosterWarning::NoKey {
                member: "R04 R04名".into()
            }]
        );
    }

    #[test]
    fn roster_json_round_trip_and_unknown_fields() {
        let r = Roster {
            members: vec![Member {
                id: "R01".into(),
                name: "张三".into(),
                unit: "a".into(),
                role: MemberRole::Checker,
                keys: vec![pk(1)],
            }],
        };
        let json = serde_json::to_string(&r).unwrap();
        assert_eq!(serde_json::from_str::<Roster>(&json).unwrap(), r);
        let no_keys = r#"{"members":[{"id":"R01","name":"张三","unit":"a","role":"reviewer"}]}"#;
        assert!(serde_json::from_str::<Roster>(no_keys).unwrap().members[0]
            .keys
            .is_empty());
        let typo =
            r#"{"members":[{"id":"R01","name":"张三","unit":"a","role":"reviewer","kyes":[]}]}"#;
        assert!(serde_json::from_str::<Roster>(typo).is_err());
    }
}
