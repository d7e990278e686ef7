//! Reading register files into records. CSV that is valid UTF-8 streams through two threads (one
//! reads, hashes every byte for the source digest and validates UTF-8; the other parses), so a
//! 10-million-row register never sits in memory. Anything else (GBK, GB18030, broken bytes) is
//! decoded whole, with every undecodable byte sequence reported. XLSX goes through calamine.

use super::csv_parse::CsvParser;
use super::encoding::{self, BadBytes, TextEncoding};
use super::record::{CellKind, Record, Span};
use sha2::{Digest, Sha256};
use std::fs::File;
use std::io::Read;
use std::path::Path;
use std::sync::mpsc::sync_channel;

const BLOCK: usize = 1 << 20;

/// What reading a file found out about it.
#[derive(Clone, Debug)]
pub struct Scanned {
    pub sha256: String,
    pub bytes: u64,
    pub encoding: Option<TextEncoding>,
    pub bad: Vec<(u64, BadBytes)>,
}

#[derive(Debug)]
pub enum ReadError {
    Io(std::io::Error),
    Empty,
    Utf16,
    NoSheet { wanted: String, sheets: Vec<String> },
    Xlsx(String),
}

pub enum Format {
    Csv,
    Xlsx,
}

pub fn format_of(path: &Path) -> Format {
    match path
        .extension()
        .and_then(|e| e.to_str())
        .map(|e| e.to_ascii_lowercase())
    {
        Some(e) if e == "xlsx" || e == "xlsm" || e == "xls" || e == "ods" => Format::Xlsx,
        _ => Format::Csv,
    }
}

/// Where records go. `restart` is called before records are delivered a second time (a file
/// that looked like UTF-8 turned out not to be), so the sink can drop what it collected.
pub trait RecordSink {
    /// Returns false to stop reading.
    fn record(&mut self, rec: &Record) -> bool;
    fn restart(&mut self) {}
}

/// Read a CSV file.
pub fn read_csv(
    path: &Path,
    wanted: Option<TextEncoding>,
    sink: &mut dyn RecordSink,
) -> Result<Scanned, ReadError> {
    if matches!(wanted, None | Some(TextEncoding::Utf8)) {
        if let Some(done) = stream_utf8(path, &mut |r| sink.record(r))? {
            return Ok(done);
        }
        sink.restart();
    }
    read_decoded(path, wanted, &mut |r| sink.record(r))
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
    on_record: &mut dyn FnMut(&Record) -> bool,
) -> Result<Option<Scanned>, ReadError> {
    let mut file = File::open(path).map_err(ReadError::Io)?;
    let (tx, rx) = sync_channel::<Batch>(4);
    std::thread::scope(|scope| {
        let reader = scope.spawn(move || -> Result<Option<(String, u64)>, ReadError> {
            let mut hasher = Sha256::new();
            let mut total = 0u64;
            let mut carry: Vec<u8> = Vec::new();
            let mut first = true;
            let mut parser = CsvParser::default();
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
                        return Err(ReadError::Utf16);
                    }
                    if block.starts_with(&[0xEF, 0xBB, 0xBF]) {
                        block.drain(..3);
                    }
                }
                // Cut after the last line end so no character straddles two blocks.
                let cut = if eof {
                    block.len()
                } else {
                    memchr::memrchr(b'\n', &block).map_or(0, |i| i + 1)
                };
                carry = block.split_off(cut);
                let Ok(text) = simdutf8::basic::from_utf8(&block) else {
                    return Ok(None);
                };
                let mut batch = Batch {
                    text: String::with_capacity(text.len()),
                    ..Default::default()
                };
                parser.feed(text, eof, &mut |rec| {
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
        Ok(outcome.map(|(sha256, bytes)| Scanned {
            sha256,
            bytes,
            encoding: Some(TextEncoding::Utf8),
            bad: Vec::new(),
        }))
    })
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
    on_record: &mut dyn FnMut(&Record) -> bool,
) -> Result<Scanned, ReadError> {
    let bytes = std::fs::read(path).map_err(ReadError::Io)?;
    if bytes.is_empty() {
        return Err(ReadError::Empty);
    }
    if bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]) {
        return Err(ReadError::Utf16);
    }
    let sha256 = crate::draw::ticket::hex(&Sha256::digest(&bytes).into());
    let (body, base, enc) = if bytes.starts_with(&[0xEF, 0xBB, 0xBF]) {
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
    let mut parser = CsvParser::default();
    parser.feed(&text, true, &mut |rec| {
        while next_bad < bad.len() && (bad[next_bad].text_offset as u64) < rec.offset {
            rows.push(last_row);
            next_bad += 1;
        }
        last_row = rec.row;
        on_record(rec)
    });
    while rows.len() < bad.len() {
        rows.push(last_row);
    }
    Ok(Scanned {
        sha256,
        bytes: bytes.len() as u64,
        encoding: Some(enc),
        bad: rows.into_iter().zip(bad).collect(),
    })
}

/// Read a spreadsheet's first sheet (or the named one). Rows are numbered as the sheet shows them.
pub fn read_xlsx(
    path: &Path,
    sheet: Option<&str>,
    sink: &mut dyn RecordSink,
) -> Result<Scanned, ReadError> {
    use calamine::{open_workbook_auto, Data, Reader};
    let bytes = std::fs::read(path).map_err(ReadError::Io)?;
    if bytes.is_empty() {
        return Err(ReadError::Empty);
    }
    let sha256 = crate::draw::ticket::hex(&Sha256::digest(&bytes).into());
    let mut book = open_workbook_auto(path).map_err(|e| ReadError::Xlsx(e.to_string()))?;
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
    let range = book
        .worksheet_range(&name)
        .map_err(|e| ReadError::Xlsx(e.to_string()))?;
    let (row0, col0) = range.start().unwrap_or((0, 0));
    let mut buf = String::new();
    let mut spans: Vec<Span> = Vec::new();
    let mut kinds: Vec<CellKind> = Vec::new();
    for (i, cells) in range.rows().enumerate() {
        buf.clear();
        spans.clear();
        kinds.clear();
        // Keep absolute column positions so letters match the sheet.
        for _ in 0..col0 {
            spans.push(Span {
                start: 0,
                end: 0,
                scratch: false,
            });
            kinds.push(CellKind::Text);
        }
        for cell in cells {
            let start = buf.len() as u32;
            let kind = match cell {
                Data::String(s) => {
                    buf.push_str(s);
                    CellKind::Text
                }
                Data::Int(v) => {
                    buf.push_str(&v.to_string());
                    CellKind::Number(*v as f64)
                }
                Data::Float(v) => {
                    buf.push_str(&number_text(*v));
                    CellKind::Number(*v)
                }
                Data::DateTime(d) => {
                    let serial = d.as_f64();
                    let text = super::dates::Date::from_serial(serial)
                        .map_or(serial.to_string(), |d| d.to_string());
                    buf.push_str(&text);
                    CellKind::Date(serial)
                }
                Data::DateTimeIso(s) | Data::DurationIso(s) => {
                    buf.push_str(s);
                    CellKind::Text
                }
                Data::Bool(b) => {
                    buf.push_str(if *b { "TRUE" } else { "FALSE" });
                    CellKind::Other
                }
                Data::Error(e) => {
                    buf.push_str(&format!("#{e:?}"));
                    CellKind::Other
                }
                Data::Empty => CellKind::Text,
            };
            spans.push(Span {
                start,
                end: buf.len() as u32,
                scratch: false,
            });
            kinds.push(kind);
        }
        // Trailing empty cells are not fields (a sheet has no ragged rows).
        while spans.len() > 1
            && spans.last().is_some_and(|s| s.start == s.end)
            && kinds.last() == Some(&CellKind::Text)
        {
            spans.pop();
            kinds.pop();
        }
        let rec = Record {
            row: row0 as u64 + i as u64 + 1,
            offset: 0,
            buf: &buf,
            scratch: "",
            spans: &spans,
            kinds: Some(&kinds),
        };
        if !sink.record(&rec) {
            break;
        }
    }
    Ok(Scanned {
        sha256,
        bytes: bytes.len() as u64,
        encoding: None,
        bad: Vec::new(),
    })
}

/// A number cell as text: integers without a decimal point, others in shortest form.
pub fn number_text(v: f64) -> String {
    if v.fract() == 0.0 && v.abs() < 1e15 {
        format!("{}", v as i64)
    } else {
        format!("{v}")
    }
}
