//! An XLSX is checked before calamine opens it. calamine keeps the shared strings in memory and
//! inflates whatever the zip holds, so a zip bomb, or a sheet that unpacks to gigabytes, has to be
//! refused first. Every part is inflated once here, counting bytes and stopping at the limit
//! (the sizes a zip declares can lie). The same pass finds formula cells: the value a formula
//! shows is whatever the spreadsheet last computed, and may change when it is opened again.

use super::reader::{Merge, SheetInfo};
use memchr::memchr;
use std::collections::{BTreeSet, HashMap};
use std::io::{Cursor, Read};

/// A register workbook larger than this is refused (export it as CSV instead).
pub const MAX_FILE: u64 = 512 << 20;
/// At most this many bytes unpacked from one part, and from all parts together.
pub const MAX_PART: u64 = 512 << 20;
pub const MAX_TOTAL: u64 = 1 << 30;
/// A part that unpacks to more than this many times its packed size (plus 1 MiB) is a zip bomb;
/// real worksheets compress 5–50 times.
pub const MAX_RATIO: u64 = 250;
/// Formula cells remembered per sheet; more are counted but their places are not kept.
const MAX_FORMULAS: usize = 100_000;
/// Hidden rows and merged ranges remembered per sheet.
const MAX_HIDDEN: usize = 100_000;
pub const MAX_MERGES: usize = 100_000;

#[derive(Debug, PartialEq, Eq)]
pub enum GuardError {
    TooLarge { part: String, limit: u64 },
    Bomb { part: String, packed: u64 },
    Encrypted,
    Zip(String),
}

impl std::fmt::Display for GuardError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            GuardError::TooLarge { part, limit } => {
                write!(f, "part {part} unpacks to more than {} MiB", limit >> 20)
            }
            GuardError::Bomb { part, packed } => write!(
                f,
                "part {part} unpacks to more than {MAX_RATIO} times its packed size of {packed} bytes (a zip bomb)"
            ),
            GuardError::Encrypted => write!(f, "the workbook is encrypted"),
            GuardError::Zip(e) => write!(f, "{e}"),
        }
    }
}

/// What the check found out: which part holds which sheet, and where the formulas are.
#[derive(Debug, Default)]
pub struct Inspection {
    /// (sheet name, part path) in workbook order.
    pub sheets: Vec<(String, String)>,
    /// Formula cells (0-based row, column) per worksheet part.
    pub formulas: HashMap<String, BTreeSet<(u32, u32)>>,
    /// Rows marked `hidden` (1-based) per worksheet part.
    pub hidden: HashMap<String, Vec<u64>>,
    /// `<mergeCell ref="A1:F1"/>` ranges per worksheet part, in file order.
    pub merges: HashMap<String, Vec<Merge>>,
}

impl Inspection {
    /// Formula cells of the named sheet (empty if the sheet's part is unknown).
    pub fn formulas_of(&self, sheet: &str) -> BTreeSet<(u32, u32)> {
        self.sheets
            .iter()
            .find(|(name, _)| name == sheet)
            .and_then(|(_, part)| self.formulas.get(part))
            .cloned()
            .unwrap_or_default()
    }

    fn part_of(&self, sheet: &str) -> Option<&str> {
        self.sheets
            .iter()
            .find(|(name, _)| name == sheet)
            .map(|(_, part)| part.as_str())
    }

    /// What the named sheet hides and merges.
    pub fn sheet_info(&self, sheet: &str) -> SheetInfo {
        let part = self.part_of(sheet);
        SheetInfo {
            name: sheet.to_string(),
            hidden_rows: part
                .and_then(|p| self.hidden.get(p))
                .cloned()
                .unwrap_or_default(),
            merged: part
                .and_then(|p| self.merges.get(p))
                .cloned()
                .unwrap_or_default(),
        }
    }
}

pub fn inspect(bytes: &[u8]) -> Result<Inspection, GuardError> {
    let mut found = Inspection::default();
    let mut workbook = Vec::new();
    let mut rels = Vec::new();
    let mut scan: Option<(String, FormulaScan)> = None;
    inflate(bytes, &mut |name, chunk| {
        let is_sheet = name.starts_with("xl/worksheets/") && name.ends_with(".xml");
        if chunk.is_empty() {
            if let Some((part, done)) = scan.take() {
                if !done.found.is_empty() {
                    found.formulas.insert(part.clone(), done.found);
                }
                if !done.hidden.is_empty() {
                    found.hidden.insert(part.clone(), done.hidden);
                }
                if !done.merges.is_empty() {
                    found.merges.insert(part, done.merges);
                }
            }
            return;
        }
        if is_sheet {
            scan.get_or_insert_with(|| (name.to_string(), FormulaScan::default()))
                .1
                .feed(chunk);
        }
        match name {
            "xl/workbook.xml" => workbook.extend_from_slice(chunk),
            "xl/_rels/workbook.xml.rels" => rels.extend_from_slice(chunk),
            _ => {}
        }
    })?;
    found.sheets = sheet_parts(&workbook, &rels);
    Ok(found)
}

/// Inflate every part of a zip once, within the limits, handing each chunk to `visit` with the
/// part's name, and an empty chunk when a part is done. Shared by XLSX and ODS.
pub fn inflate(bytes: &[u8], visit: &mut dyn FnMut(&str, &[u8])) -> Result<(), GuardError> {
    if bytes.len() as u64 > MAX_FILE {
        return Err(GuardError::TooLarge {
            part: "(file)".into(),
            limit: MAX_FILE,
        });
    }
    // An OLE compound file: what Excel writes for a workbook with an open password, or an old
    // .xls under a new name. Neither is a zip.
    if bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) {
        return Err(GuardError::Encrypted);
    }
    let mut zip =
        zip::ZipArchive::new(Cursor::new(bytes)).map_err(|e| GuardError::Zip(e.to_string()))?;
    let mut total = 0u64;
    for i in 0..zip.len() {
        let mut part = zip.by_index(i).map_err(|e| match e {
            zip::result::ZipError::UnsupportedArchive(m) if m.contains("ncrypt") => {
                GuardError::Encrypted
            }
            e => GuardError::Zip(e.to_string()),
        })?;
        if part.encrypted() {
            return Err(GuardError::Encrypted);
        }
        let name = part.name().to_string();
        let packed = part.compressed_size();
        let limit = MAX_PART
            .min(MAX_TOTAL - total)
            .min(packed.saturating_mul(MAX_RATIO) + (1 << 20));
        if part.size() > limit {
            return Err(too_big(&name, packed, limit));
        }
        let mut chunk = vec![0u8; 64 << 10];
        let mut unpacked = 0u64;
        loop {
            let n = match part.read(&mut chunk) {
                Ok(0) => break,
                Ok(n) => n,
                Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
                Err(e) => return Err(GuardError::Zip(format!("{name}: {e}"))),
            };
            unpacked += n as u64;
            if unpacked > limit {
                return Err(too_big(&name, packed, limit));
            }
            visit(&name, &chunk[..n]);
        }
        visit(&name, &[]);
        total += unpacked;
    }
    Ok(())
}

fn too_big(part: &str, packed: u64, limit: u64) -> GuardError {
    if limit < MAX_PART.min(MAX_TOTAL) && limit == packed.saturating_mul(MAX_RATIO) + (1 << 20) {
        GuardError::Bomb {
            part: part.to_string(),
            packed,
        }
    } else {
        GuardError::TooLarge {
            part: part.to_string(),
            limit,
        }
    }
}

/// Finds `<f>` elements inside `<c>` cells while a worksheet streams by, chunk by chunk.
#[derive(Default)]
struct FormulaScan {
    tail: Vec<u8>,
    row: u32,
    next_col: u32,
    cell: Option<(u32, u32)>,
    found: BTreeSet<(u32, u32)>,
    hidden: Vec<u64>,
    merges: Vec<Merge>,
}

impl FormulaScan {
    fn feed(&mut self, data: &[u8]) {
        let mut tail = std::mem::take(&mut self.tail);
        feed_tags(&mut tail, data, &mut |tag| self.tag(tag));
        self.tail = tail;
    }

    fn tag(&mut self, tag: &[u8]) {
        let end = tag
            .iter()
            .position(|b| b.is_ascii_whitespace() || *b == b'/')
            .unwrap_or(tag.len());
        let name = &tag[..end];
        let local = name.rsplit(|b| *b == b':').next().unwrap_or(name);
        match local {
            b"row" => {
                self.row = match attribute(tag, b"r").and_then(|r| parse_u32(&r)) {
                    Some(r) => r.saturating_sub(1),
                    None => self.row + 1,
                };
                self.next_col = 0;
                let hidden = attribute(tag, b"hidden");
                if matches!(hidden.as_deref(), Some("1" | "true")) && self.hidden.len() < MAX_HIDDEN
                {
                    self.hidden.push(self.row as u64 + 1);
                }
            }
            b"mergeCell" => {
                if let Some(m) = attribute(tag, b"ref").and_then(|r| merge_ref(&r)) {
                    if self.merges.len() < MAX_MERGES {
                        self.merges.push(m);
                    }
                }
            }
            b"c" => {
                let at = attribute(tag, b"r")
                    .and_then(|r| cell_ref(&r))
                    .unwrap_or((self.row, self.next_col));
                self.next_col = at.1.saturating_add(1);
                self.cell = Some(at);
            }
            b"f" => {
                if let Some(at) = self.cell {
                    if self.found.len() < MAX_FORMULAS {
                        self.found.insert(at);
                    }
                }
            }
            _ => {}
        }
    }
}

/// Hand each complete `<…>` tag of an XML part that streams by in chunks to `on_tag` (without
/// the angle brackets). An unfinished tag waits in `tail` for the next chunk; tags that matter
/// are short, so a longer one is dropped rather than held.
pub(super) fn feed_tags(tail: &mut Vec<u8>, data: &[u8], on_tag: &mut dyn FnMut(&[u8])) {
    let mut buf = std::mem::take(tail);
    buf.extend_from_slice(data);
    let mut i = 0;
    while let Some(lt) = memchr(b'<', &buf[i..]) {
        let start = i + lt;
        let Some(gt) = memchr(b'>', &buf[start..]) else {
            if buf.len() - start < 4096 {
                *tail = buf[start..].to_vec();
            }
            return;
        };
        on_tag(&buf[start + 1..start + gt]);
        i = start + gt + 1;
    }
}

/// The value of attribute `key` (without namespace prefix) in a tag's text, unescaped.
pub fn attribute(tag: &[u8], key: &[u8]) -> Option<String> {
    let mut i = 0;
    while i < tag.len() {
        let eq = i + memchr(b'=', &tag[i..])?;
        let name_start = tag[..eq]
            .iter()
            .rposition(|b| b.is_ascii_whitespace())
            .map_or(0, |p| p + 1);
        let name = &tag[name_start..eq];
        let quote = *tag.get(eq + 1)?;
        if quote != b'"' && quote != b'\'' {
            return None;
        }
        let close = eq + 2 + memchr(quote, &tag[eq + 2..])?;
        let local = name.rsplit(|b| *b == b':').next().unwrap_or(name);
        if local == key {
            return Some(unescape(&tag[eq + 2..close]));
        }
        i = close + 1;
    }
    None
}

fn unescape(raw: &[u8]) -> String {
    let text = String::from_utf8_lossy(raw);
    if !text.contains('&') {
        return text.into_owned();
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = &*text;
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        rest = &rest[amp..];
        let Some(semi) = rest.find(';') else { break };
        let entity = &rest[1..semi];
        let ch = match entity {
            "amp" => Some('&'),
            "lt" => Some('<'),
            "gt" => Some('>'),
            "quot" => Some('"'),
            "apos" => Some('\''),
            e if e.starts_with("#x") => u32::from_str_radix(&e[2..], 16)
                .ok()
                .and_then(char::from_u32),
            e if e.starts_with('#') => e[1..].parse().ok().and_then(char::from_u32),
            _ => None,
        };
        match ch {
            Some(c) => {
                out.push(c);
                rest = &rest[semi + 1..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

fn parse_u32(s: &str) -> Option<u32> {
    s.trim().parse().ok()
}

/// "B12" → (11, 1), 0-based as calamine counts.
pub fn cell_ref(r: &str) -> Option<(u32, u32)> {
    let letters = r.bytes().take_while(u8::is_ascii_alphabetic).count();
    if letters == 0 || letters > 3 {
        return None;
    }
    let mut col = 0u32;
    for b in r[..letters].bytes() {
        col = col * 26 + (b.to_ascii_uppercase() - b'A' + 1) as u32;
    }
    let row = parse_u32(&r[letters..])?;
    Some((row.checked_sub(1)?, col - 1))
}

/// "A1:F1" → the merge, rows 1-based; a single cell is no merge.
pub fn merge_ref(r: &str) -> Option<Merge> {
    let (a, b) = r.split_once(':')?;
    let (a, b) = (cell_ref(a)?, cell_ref(b)?);
    let m = Merge {
        first_row: a.0.min(b.0) as u64 + 1,
        last_row: a.0.max(b.0) as u64 + 1,
        first_col: a.1.min(b.1),
        last_col: a.1.max(b.1),
    };
    (m.first_row != m.last_row || m.first_col != m.last_col).then_some(m)
}

/// Sheet names and the parts that hold them, from workbook.xml and its relationships.
fn sheet_parts(workbook: &[u8], rels: &[u8]) -> Vec<(String, String)> {
    let mut targets: HashMap<String, String> = HashMap::new();
    for tag in tags(rels, b"Relationship") {
        if let (Some(id), Some(target)) = (attribute(tag, b"Id"), attribute(tag, b"Target")) {
            let path = match target.strip_prefix('/') {
                Some(abs) => abs.to_string(),
                None => format!("xl/{target}"),
            };
            targets.insert(id, path);
        }
    }
    tags(workbook, b"sheet")
        .filter_map(|tag| {
            let name = attribute(tag, b"name")?;
            let id = attribute(tag, b"id")?;
            Some((name, targets.get(&id)?.clone()))
        })
        .collect()
}

/// The text of every start tag whose local name is `local`.
fn tags<'a>(xml: &'a [u8], local: &'a [u8]) -> impl Iterator<Item = &'a [u8]> + 'a {
    let mut i = 0;
    std::iter::from_fn(move || loop {
        let start = i + memchr(b'<', &xml[i..])?;
        let end = start + memchr(b'>', &xml[start..])?;
        i = end + 1;
        let tag = &xml[start + 1..end];
        let name_end = tag
            .iter()
            .position(|b| b.is_ascii_whitespace() || *b == b'/')
            .unwrap_or(tag.len());
        let name = &tag[..name_end];
        if name.rsplit(|b| *b == b':').next() == Some(local) {
            return Some(tag);
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formula_cells_are_found_across_chunks() {
        let xml = br#"<worksheet><sheetData><row r="1"><c r="A1" t="s"><v>0</v></c></row><row r="2"><c r="A2"><f>1+1</f><v>2</v></c><c r="C2"><x:f t="shared" si="0"/></c></row><row><c><f>NOW()</f></c></row></sheetData></worksheet>"#;
        for split in 1..xml.len() {
            let mut scan = FormulaScan::default();
            scan.feed(&xml[..split]);
            scan.feed(&xml[split..]);
            assert_eq!(
                scan.found.iter().copied().collect::<Vec<_>>(),
                vec![(1, 0), (1, 2), (2, 0)],
                "split at {split}"
            );
        }
    }

    #[test]
    fn hidden_rows_and_merges_are_found() {
        let xml = br#"<worksheet><sheetData><row r="1"><c r="A1"/></row><row r="10" hidden="1"/><row r="11" hidden="true" spans="1:3"></row><row r="12" hidden="0"/></sheetData><mergeCells count="3"><mergeCell ref="A1:F1"/><mergeCell ref="C4:C8"/><mergeCell ref="B2"/></mergeCells></worksheet>"#;
        for split in 1..xml.len() {
            let mut scan = FormulaScan::default();
            scan.feed(&xml[..split]);
            scan.feed(&xml[split..]);
            assert_eq!(scan.hidden, vec![10, 11], "split at {split}");
            let labels: Vec<String> = scan.merges.iter().map(Merge::label).collect();
            assert_eq!(labels, vec!["A1:F1", "C4:C8"], "split at {split}");
        }
    }

    #[test]
    fn sheet_parts_follow_relationships() {
        let wb = br#"<workbook><sheets><sheet name="&#26696;&amp;1" sheetId="1" r:id="rId2"/><sheet name="b" sheetId="2" r:id="rId1"/></sheets></workbook>"#;
        let rels = br#"<Relationships><Relationship Id="rId1" Target="worksheets/sheet2.xml"/><Relationship Id="rId2" Target="/xl/worksheets/sheet1.xml"/></Relationships>"#;
        assert_eq!(
            sheet_parts(wb, rels),
            vec![
                ("案&1".to_string(), "xl/worksheets/sheet1.xml".to_string()),
                ("b".to_string(), "xl/worksheets/sheet2.xml".to_string()),
            ]
        );
        assert_eq!(cell_ref("XFD1048576"), Some((1048575, 16383)));
        assert_eq!(cell_ref("A0"), None);
        assert_eq!(cell_ref("ABCD1"), None);
    }
}
