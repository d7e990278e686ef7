//! Reading register files into records. CSV that is valid UTF-8 streams through two threads (one
//! reads, hashes every byte for the source digest and validates UTF-8; the other parses), so a
//! 10-million-row register never sits in memory. Anything else (GBK, GB18030, broken bytes) is
//! decoded whole, with every undecodable byte sequence reported. The field delimiter is given or
//! detected (`delimiter.rs`). XLSX is in `xlsx.rs`, .xls/.et/.ods in `workbook.rs`; which reader
//! a file gets is decided by its first bytes (`sniff`), then its name.
//! Only regular files are read (a FIFO or a device named as a register would block or never end),
//! and every size is bounded: a row longer than `MAX_ROW_BYTES` (an unclosed quote, a file with no
//! line ends) stops the read with the row where it began.

use super::csv_parse::CsvParser;
use super::encoding::{self, BadBytes, TextEncoding};
use super::record::{Record, Span};
use sha2::{Digest, Sha256};
use std::fs::File;
use std::io::Read;
use std::path::Path;
use std::sync::mpsc::sync_channel;

const BLOCK: usize = 1 << 20;

/// Longest row accepted, quotes and line breaks inside fields included.
pub const MAX_ROW_BYTES: usize = super::csv_parse::MAX_RECORD;
/// A file that is not UTF-8 is decoded whole; larger ones must be converted to UTF-8 first.
pub const MAX_DECODED_FILE: u64 = 1 << 30;

/// What reading a file found out about it.
#[derive(Clone, Debug)]
pub struct Scanned {
    pub sha256: String,
    pub bytes: u64,
    pub encoding: Option<TextEncoding>,
    /// The field delimiter of a text file (given or detected); `None` for workbooks.
    pub delimiter: Option<u8>,
    pub bad: Vec<(u64, BadBytes)>,
}

/// Which sheets of a workbook to read. Text files have one "sheet" and ignore this.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub enum SheetChoice {
    #[default]
    First,
    Named(String),
    /// Every sheet, in workbook order (`--sheet all`).
    All,
}

impl SheetChoice {
    /// `--sheet NAME`; the word `all` (any case) means every sheet.
    pub fn from_flag(flag: Option<&str>) -> SheetChoice {
        match flag {
            None => SheetChoice::First,
            Some(s) if s.eq_ignore_ascii_case("all") => SheetChoice::All,
            Some(s) => SheetChoice::Named(s.to_string()),
        }
    }
}

/// A merged range of cells: rows as the sheet shows them (1-based), columns 0-based, both
/// inclusive. Readers fill every covered cell with the top-left cell's value.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Merge {
    pub first_row: u64,
    pub last_row: u64,
    pub first_col: u32,
    pub last_col: u32,
}

impl Merge {
    /// As a spreadsheet names it, e.g. `A5:A7`.
    pub fn label(&self) -> String {
        use super::problem::column_letter;
        format!(
            "{}{}:{}{}",
            column_letter(self.first_col as usize),
            self.first_row,
            column_letter(self.last_col as usize),
            self.last_row
        )
    }

    pub fn covers(&self, row: u64, col: u32) -> bool {
        (self.first_row..=self.last_row).contains(&row)
            && (self.first_col..=self.last_col).contains(&col)
    }
}

/// What a workbook says about one sheet before its records are handed on.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SheetInfo {
    pub name: String,
    /// Rows (1-based) the sheet hides; they are read like any other.
    pub hidden_rows: Vec<u64>,
    pub merged: Vec<Merge>,
}

/// How to read one file: the text encoding and delimiter (detected when `None`) and, for
/// workbooks, which sheets.
#[derive(Clone, Debug, Default)]
pub struct ReadOptions {
    pub encoding: Option<TextEncoding>,
    pub delimiter: Option<u8>,
    pub sheets: SheetChoice,
}

#[derive(Debug)]
pub enum ReadError {
    Io(std::io::Error),
    Empty,
    Utf16,
    NoSheet {
        wanted: String,
        sheets: Vec<String>,
    },
    Xlsx(String),
    /// A workbook refused before it was unpacked (zip bomb, oversized part, encryption).
    Guard(super::xlsx_guard::GuardError),
    /// Not a regular file: a folder, a device, a pipe (what it is).
    NotAFile(&'static str),
    TooLarge {
        bytes: u64,
        limit: u64,
    },
    /// The row starting here never ended within `MAX_ROW_BYTES`.
    RowTooLong {
        row: u64,
    },
    /// A format that is not read (.xlsb).
    Unsupported(String),
    /// An .xls/.et or .ods workbook that cannot be read (format "XLS" or "ODS", and why).
    Workbook {
        format: &'static str,
        reason: String,
    },
    /// Named as a workbook but something else: `what` is one of `NOT_A_WORKBOOK`'s codes.
    NotAWorkbook {
        ext: String,
        what: &'static str,
    },
    /// A workbook read whole would build more cells than `limit` (sheet named if known).
    TooManyCells {
        sheet: String,
        cells: u64,
        limit: u64,
    },
}

pub enum Format {
    Csv,
    Xlsx,
    /// BIFF8 in an OLE file: .xls, and WPS's .et.
    Xls,
    Ods,
    Unsupported(String),
    NotAWorkbook {
        ext: String,
        what: &'static str,
    },
}

/// The format a file's name says.
pub fn format_of(path: &Path) -> Format {
    match extension(path).as_deref() {
        Some("xlsx" | "xlsm") => Format::Xlsx,
        Some("xls" | "et") => Format::Xls,
        Some("ods") => Format::Ods,
        Some(e @ "xlsb") => Format::Unsupported(e.to_string()),
        _ => Format::Csv,
    }
}

fn extension(path: &Path) -> Option<String> {
    path.extension()
        .and_then(|e| e.to_str())
        .map(|e| e.to_ascii_lowercase())
}

const OLE_MAGIC: [u8; 8] = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
const ODS_MIMETYPE: &[u8] = b"mimetypeapplication/vnd.oasis.opendocument.spreadsheet";

/// What a file named as a workbook may be instead (codes `ProblemKind::NotAWorkbook` renders).
pub const NOT_A_WORKBOOK: [&str; 5] = ["html", "xml2003", "pdf", "text", "unknown"];

/// The format a file's first bytes say, falling back on its name: an OLE compound file is read
/// as .xls, a zip as .xlsx (or .ods when its `mimetype` says so). A file named .xls/.et/.ods that
/// is neither is described (an HTML table saved as .xls is what some systems export).
pub fn sniff(path: &Path) -> Result<Format, ReadError> {
    check_regular(path)?;
    let mut head = Vec::with_capacity(4096);
    File::open(path)
        .and_then(|f| f.take(4096).read_to_end(&mut head))
        .map_err(ReadError::Io)?;
    let by_name = format_of(path);
    if head.is_empty() {
        return Ok(by_name);
    }
    if head.starts_with(&OLE_MAGIC) {
        return Ok(match by_name {
            Format::Unsupported(e) => Format::Unsupported(e),
            // Excel's password-protected .xlsx is an OLE file: the XLSX guard says so.
            Format::Xlsx => Format::Xlsx,
            _ => Format::Xls,
        });
    }
    if head.starts_with(b"PK\x03\x04") || head.starts_with(b"PK\x05\x06") {
        if head.get(30..).is_some_and(|h| h.starts_with(ODS_MIMETYPE)) {
            return Ok(Format::Ods);
        }
        return Ok(match by_name {
            Format::Ods => Format::Ods,
            Format::Unsupported(e) => Format::Unsupported(e),
            _ => Format::Xlsx,
        });
    }
    Ok(match by_name {
        Format::Xls | Format::Ods => Format::NotAWorkbook {
            ext: extension(path).unwrap_or_default(),
            what: describe(&head),
        },
        other => other,
    })
}

/// What the first bytes of a file that is not a workbook look like.
fn describe(head: &[u8]) -> &'static str {
    let text = String::from_utf8_lossy(head).to_ascii_lowercase();
    let start = text.trim_start_matches(['\u{feff}', ' ', '\t', '\r', '\n']);
    if start.starts_with("%pdf") {
        "pdf"
    } else if text.contains("urn:schemas-microsoft-com:office:spreadsheet") {
        "xml2003"
    } else if start.starts_with('<') && (text.contains("<html") || text.contains("<table")) {
        "html"
    } else if head.starts_with(&[0xFF, 0xFE])
        || head.starts_with(&[0xFE, 0xFF])
        || !head.iter().any(|&b| b < 0x09 || (0x0E..0x20).contains(&b))
    {
        "text"
    } else {
        "unknown"
    }
}

/// Refuse anything but a regular file before opening it: opening a FIFO blocks, and a device
/// such as /dev/zero never ends. Symbolic links are followed to what they name.
pub fn check_regular(path: &Path) -> Result<u64, ReadError> {
    let meta = std::fs::metadata(path).map_err(ReadError::Io)?;
    let ft = meta.file_type();
    if ft.is_file() {
        return Ok(meta.len());
    }
    Err(ReadError::NotAFile(if ft.is_dir() {
        "folder"
    } else {
        "device or pipe"
    }))
}

/// Read a whole regular file of at most `limit` bytes.
pub fn read_regular(path: &Path, limit: u64) -> Result<Vec<u8>, ReadError> {
    let len = check_regular(path)?;
    if len > limit {
        return Err(ReadError::TooLarge { bytes: len, limit });
    }
    let mut bytes = Vec::with_capacity(len as usize);
    File::open(path)
        .and_then(|f| f.take(limit + 1).read_to_end(&mut bytes))
        .map_err(ReadError::Io)?;
    if bytes.len() as u64 > limit {
        return Err(ReadError::TooLarge {
            bytes: bytes.len() as u64,
            limit,
        });
    }
    Ok(bytes)
}

/// Read a register-like file of any supported format: text (in `opts.encoding`, or detected)
/// or the chosen sheets of a workbook.
pub fn read_any(
    path: &Path,
    opts: &ReadOptions,
    sink: &mut dyn RecordSink,
) -> Result<Scanned, ReadError> {
    use super::workbook::{read_workbook, WorkbookKind};
    match sniff(path)? {
        Format::Csv => read_text(path, opts, sink),
        Format::Xlsx => super::xlsx::read_xlsx_sheets(path, &opts.sheets, sink),
        Format::Xls => read_workbook(path, WorkbookKind::Xls, &opts.sheets, sink),
        Format::Ods => read_workbook(path, WorkbookKind::Ods, &opts.sheets, sink),
        Format::NotAWorkbook { ext, what } => Err(ReadError::NotAWorkbook { ext, what }),
        Format::Unsupported(ext) => Err(ReadError::Unsupported(ext)),
    }
}

/// Where records go. `restart` is called before records are delivered a second time (a file
/// that looked like UTF-8 turned out not to be), so the sink can drop what it collected.
pub trait RecordSink {
    /// Returns false to stop reading.
    fn record(&mut self, rec: &Record) -> bool;
    fn restart(&mut self) {}
    /// A workbook's sheet begins; its records follow, numbered as that sheet shows them. Called
    /// once per sheet read (also for a single sheet), never for text files.
    fn begin_sheet(&mut self, _sheet: &SheetInfo) {}
}

/// Read a CSV file (comma or detected delimiter, `wanted` encoding or detected).
pub fn read_csv(
    path: &Path,
    wanted: Option<TextEncoding>,
    sink: &mut dyn RecordSink,
) -> Result<Scanned, ReadError> {
    let opts = ReadOptions {
        encoding: wanted,
        ..ReadOptions::default()
    };
    read_text(path, &opts, sink)
}

/// Read a delimited text file: UTF-8 streams; anything else (GBK, GB18030, UTF-16 with a BOM,
/// broken bytes) is decoded whole. The delimiter is `opts.delimiter` or detected from the start
/// of the text (`delimiter.rs`).
pub fn read_text(
    path: &Path,
    opts: &ReadOptions,
    sink: &mut dyn RecordSink,
) -> Result<Scanned, ReadError> {
    if matches!(opts.encoding, None | Some(TextEncoding::Utf8)) {
        if let Some(done) = stream_utf8(path, opts.delimiter, &mut |r| sink.record(r))? {
            return Ok(done);
        }
        sink.restart();
    }
    read_decoded(path, opts.encoding, opts.delimiter, &mut |r| sink.record(r))
}

/// Parsed records of one block, handed from the reading thread to the importing one.
#[derive(Default)]
struct Batch {
    text: String,
    spans: Vec<Span>,
    /// (row, offset, first span, end span)
    records: Vec<(u64, u64, u32, u32)>,
}

/// Streaming pass; `Ok(None)` if the file is not valid UTF-8. The reading thread hashes every
/// byte, validates UTF-8 and parses; this thread only sees finished records.
fn stream_utf8(
    path: &Path,
    delimiter: Option<u8>,
    on_record: &mut dyn FnMut(&Record) -> bool,
) -> Result<Option<Scanned>, ReadError> {
    check_regular(path)?;
    let mut file = File::open(path).map_err(ReadError::Io)?;
    let (tx, rx) = sync_channel::<Batch>(4);
    std::thread::scope(|scope| {
        let reader = scope.spawn(move || -> Result<Option<(String, u64, u8)>, ReadError> {
            let mut hasher = Sha256::new();
            let mut total = 0u64;
            let mut carry: Vec<u8> = Vec::new();
            let mut first = true;
            // Made once the first text is here: the delimiter is detected from it.
            let mut parser: Option<CsvParser> = None;
            loop {
                let mut block = std::mem::take(&mut carry);
                let start = block.len();
                block.resize(start + BLOCK, 0);
                let n = read_full(&mut file, &mut block[start..]).map_err(ReadError::Io)?;
                block.truncate(start + n);
                hasher.update(&block[start..]);
                total += n as u64;
                let eof = n == 0;
                if first {
                    first = false;
                    if total == 0 {
                        return Err(ReadError::Empty);
                    }
                    if block.starts_with(&[0xFF, 0xFE]) || block.starts_with(&[0xFE, 0xFF]) {
                        return Ok(None); // UTF-16 with a BOM: decoded whole
                    }
                    if looks_utf16(&block) {
                        return Err(ReadError::Utf16);
                    }
                    if block.starts_with(&[0xEF, 0xBB, 0xBF]) {
                        block.drain(..3);
                    }
                }
                // Cut after the last line end so no character straddles two blocks. Only the new
                // bytes are searched: the carried ones hold no line end.
                let fresh = start.min(block.len());
                let cut = if eof {
                    block.len()
                } else {
                    memchr::memrchr(b'\n', &block[fresh..]).map_or(0, |i| fresh + i + 1)
                };
                carry = block.split_off(cut);
                if carry.len() > MAX_ROW_BYTES {
                    return Err(ReadError::RowTooLong {
                        row: parser.as_ref().map_or(1, CsvParser::next_row),
                    });
                }
                let Ok(text) = simdutf8::basic::from_utf8(&block) else {
                    return Ok(None);
                };
                if parser.is_none() && (!text.is_empty() || eof) {
                    let d = delimiter.unwrap_or_else(|| super::delimiter::detect(text));
                    parser = Some(CsvParser::with_delimiter(d));
                }
                let Some(parser) = parser.as_mut() else {
                    continue;
                };
                let mut batch = Batch {
                    text: String::with_capacity(text.len()),
                    ..Default::default()
                };
                let fed = parser.feed(text, eof, &mut |rec| {
                    let first_span = batch.spans.len() as u32;
                    for i in 0..rec.len() {
                        let field = rec.text(i);
                        let at = batch.text.len() as u32;
                        batch.text.push_str(field);
                        batch.spans.push(Span {
                            start: at,
                            end: at + field.len() as u32,
                            scratch: false,
                        });
                    }
                    batch
                        .records
                        .push((rec.row, rec.offset, first_span, batch.spans.len() as u32));
                    true
                });
                if !fed && parser.too_long() {
                    return Err(ReadError::RowTooLong {
                        row: parser.next_row(),
                    });
                }
                if !batch.records.is_empty() && tx.send(batch).is_err() {
                    return Ok(None);
                }
                if eof {
                    break;
                }
            }
            Ok(Some((
                crate::draw::ticket::hex(&hasher.finalize().into()),
                total,
                parser.as_ref().map_or(b',', CsvParser::delimiter),
            )))
        });
        let mut stopped = false;
        for batch in rx.iter() {
            if stopped {
                continue;
            }
            for &(row, offset, a, b) in &batch.records {
                let rec = Record {
                    row,
                    offset,
                    buf: &batch.text,
                    scratch: "",
                    spans: &batch.spans[a as usize..b as usize],
                    kinds: None,
                };
                if !on_record(&rec) {
                    stopped = true;
                    break;
                }
            }
        }
        let outcome = reader.join().unwrap_or_else(|_| {
            Err(ReadError::Io(std::io::Error::other("reader thread failed")))
        })?;
        Ok(outcome.map(|(sha256, bytes, delimiter)| Scanned {
            sha256,
            bytes,
            encoding: Some(TextEncoding::Utf8),
            delimiter: Some(delimiter),
            bad: Vec::new(),
        }))
    })
}

/// UTF-16 without a byte-order mark: ASCII characters (commas, digits, line ends) each bring a
/// NUL byte, all at even or all at odd offsets. A stray NUL in a real CSV is rare and reported
/// where it is.
fn looks_utf16(bytes: &[u8]) -> bool {
    let head = &bytes[..bytes.len().min(4096)];
    let (mut even, mut odd) = (0usize, 0usize);
    for i in memchr::memchr_iter(0, head) {
        if i % 2 == 0 {
            even += 1;
        } else {
            odd += 1;
        }
    }
    let nul = even + odd;
    nul * 20 >= head.len() && even.max(odd) * 10 >= nul * 9
}

fn read_full(file: &mut File, buf: &mut [u8]) -> std::io::Result<usize> {
    let mut n = 0;
    while n < buf.len() {
        match file.read(&mut buf[n..]) {
            Ok(0) => break,
            Ok(k) => n += k,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
            Err(e) => return Err(e),
        }
    }
    Ok(n)
}

/// Whole-file pass for other encodings and broken bytes. Bad byte sequences are returned with
/// the spreadsheet row they fall in.
fn read_decoded(
    path: &Path,
    wanted: Option<TextEncoding>,
    delimiter: Option<u8>,
    on_record: &mut dyn FnMut(&Record) -> bool,
) -> Result<Scanned, ReadError> {
    let bytes = read_regular(path, MAX_DECODED_FILE)?;
    if bytes.is_empty() {
        return Err(ReadError::Empty);
    }
    let bom16 = if bytes.starts_with(&[0xFF, 0xFE]) {
        Some(TextEncoding::Utf16Le)
    } else if bytes.starts_with(&[0xFE, 0xFF]) {
        Some(TextEncoding::Utf16Be)
    } else {
        None
    };
    let forced16 = wanted.filter(|e| matches!(e, TextEncoding::Utf16Le | TextEncoding::Utf16Be));
    if bom16.is_none() && forced16.is_none() && looks_utf16(&bytes) {
        return Err(ReadError::Utf16);
    }
    let sha256 = crate::draw::ticket::hex(&Sha256::digest(&bytes).into());
    let (body, base, enc) = if let Some(enc) = bom16.filter(|b| forced16.is_none_or(|f| f == *b)) {
        (&bytes[2..], 2, enc)
    } else if let Some(enc) = forced16 {
        (&bytes[..], 0, enc)
    } else if bytes.starts_with(&[0xEF, 0xBB, 0xBF]) {
        (&bytes[3..], 3, wanted.unwrap_or(TextEncoding::Utf8))
    } else if bytes.starts_with(&[0x84, 0x31, 0x95, 0x33]) {
        (&bytes[4..], 4, TextEncoding::Gb18030)
    } else {
        (
            &bytes[..],
            0,
            wanted.unwrap_or_else(|| encoding::detect(&bytes)),
        )
    };
    let (text, bad) = encoding::decode(body, base, enc);
    // Map each bad sequence to the row whose text contains it.
    let mut rows: Vec<u64> = Vec::with_capacity(bad.len());
    let mut next_bad = 0;
    let mut last_row = 1;
    let delimiter = delimiter.unwrap_or_else(|| super::delimiter::detect(&text));
    let mut parser = CsvParser::with_delimiter(delimiter);
    // Fed in blocks cut after a line end, as the streaming path does, so field positions stay
    // within one block however large the file.
    let mut rest = &text[..];
    while !rest.is_empty() {
        let cut = if rest.len() <= BLOCK {
            rest.len()
        } else {
            memchr::memrchr(b'\n', &rest.as_bytes()[..BLOCK]).map_or_else(
                || memchr::memchr(b'\n', rest.as_bytes()).map_or(rest.len(), |i| i + 1),
                |i| i + 1,
            )
        };
        let (block, tail) = rest.split_at(cut);
        rest = tail;
        let go_on = parser.feed(block, rest.is_empty(), &mut |rec| {
            while next_bad < bad.len() && (bad[next_bad].text_offset as u64) < rec.offset {
                rows.push(last_row);
                next_bad += 1;
            }
            last_row = rec.row;
            on_record(rec)
        });
        if parser.too_long() {
            return Err(ReadError::RowTooLong {
                row: parser.next_row(),
            });
        }
        if !go_on {
            break;
        }
    }
    while rows.len() < bad.len() {
        rows.push(last_row);
    }
    Ok(Scanned {
        sha256,
        bytes: bytes.len() as u64,
        encoding: Some(enc),
        delimiter: Some(delimiter),
        bad: rows.into_iter().zip(bad).collect(),
    })
}

pub use super::xlsx::read_xlsx;

/// A number cell as text: integers without a decimal point, others in shortest form.
pub fn number_text(v: f64) -> String {
    if v.fract() == 0.0 && v.abs() < 1e15 {
        format!("{}", v as i64)
    } else {
        format!("{v}")
    }
}
