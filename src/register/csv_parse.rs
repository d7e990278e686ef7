//! RFC 4180 CSV records over UTF-8 text, streamed block by block with no allocation per row.
//! Fields may be quoted, contain commas, doubled quotes and line breaks; `\n` and `\r\n` both end
//! a row. A quote inside an unquoted field is kept as text, as spreadsheets do. The delimiter is
//! a comma unless given (`;` and tab are what other locales and "Unicode 文本" write).

use super::record::{Record, Span};
use memchr::{memchr, memchr2};

/// A record (row) longer than this stops the parser: it is an unclosed quote or a file without
/// line ends, and keeping it would hold the whole file in memory.
pub const MAX_RECORD: usize = 16 << 20;

pub struct CsvParser {
    spans: Vec<Span>,
    scratch: String,
    /// Records emitted so far (the header is record 0, spreadsheet row 1).
    records: u64,
    /// Offset in the decoded text of the next block's first byte.
    base: u64,
    carry: String,
    too_long: bool,
    delimiter: u8,
}

enum Step {
    Record(usize),
    Incomplete,
}

impl Default for CsvParser {
    fn default() -> Self {
        CsvParser {
            spans: Vec::with_capacity(32),
            scratch: String::new(),
            records: 0,
            base: 0,
            carry: String::new(),
            too_long: false,
            delimiter: b',',
        }
    }
}

impl CsvParser {
    /// A parser splitting fields at `delimiter`, an ASCII byte other than a quote or line end.
    pub fn with_delimiter(delimiter: u8) -> Self {
        CsvParser {
            delimiter,
            ..CsvParser::default()
        }
    }

    /// Parse a block of text. Unless `last`, a record not finished in this block is kept and
    /// completed with the next block. `on_record` returns false to stop early.
    pub fn feed(
        &mut self,
        block: &str,
        last: bool,
        on_record: &mut dyn FnMut(&Record) -> bool,
    ) -> bool {
        if self.carry.is_empty() {
            let used = match self.parse(block, last, on_record) {
                Some(used) => used,
                None => return false,
            };
            self.carry.push_str(&block[used..]);
            self.base += used as u64;
        } else {
            // Rare: a quoted field with a line break spanned blocks.
            let mut joined = std::mem::take(&mut self.carry);
            joined.push_str(block);
            let used = match self.parse(&joined, last, on_record) {
                Some(used) => used,
                None => return false,
            };
            self.base += used as u64;
            joined.drain(..used);
            self.carry = joined;
        }
        if self.carry.len() > MAX_RECORD {
            self.too_long = true;
            return false;
        }
        true
    }

    pub fn delimiter(&self) -> u8 {
        self.delimiter
    }

    /// Did the parser stop because a record grew beyond `MAX_RECORD`?
    pub fn too_long(&self) -> bool {
        self.too_long
    }

    /// Spreadsheet row of the next record (the one being read, when a read stops).
    pub fn next_row(&self) -> u64 {
        self.records + 1
    }

    fn parse(
        &mut self,
        text: &str,
        last: bool,
        on_record: &mut dyn FnMut(&Record) -> bool,
    ) -> Option<usize> {
        let mut pos = 0;
        let buf = text.as_bytes();
        while pos < buf.len() {
            match self.record(text, pos, last) {
                Step::Record(next) => {
                    self.records += 1;
                    let rec = Record {
                        row: self.records,
                        offset: self.base + pos as u64,
                        buf: text,
                        scratch: &self.scratch,
                        spans: &self.spans,
                        kinds: None,
                    };
                    if !on_record(&rec) {
                        return None;
                    }
                    pos = next;
                }
                Step::Incomplete => break,
            }
        }
        Some(pos)
    }

    /// Read one record starting at `pos`; returns the position after its line end.
    fn record(&mut self, text: &str, mut pos: usize, last: bool) -> Step {
        let buf = text.as_bytes();
        self.spans.clear();
        self.scratch.clear();
        loop {
            if pos < buf.len() && buf[pos] == b'"' {
                match self.quoted(text, pos, last) {
                    Some(next) => pos = next,
                    None => return Step::Incomplete,
                }
            } else {
                let end = match memchr2(self.delimiter, b'\n', &buf[pos..]) {
                    Some(i) => pos + i,
                    None if last => buf.len(),
                    None => return Step::Incomplete,
                };
                let field = trim_cr(&buf[pos..end], end == buf.len() || buf[end] == b'\n');
                self.spans.push(Span {
                    start: pos as u32,
                    end: (pos + field.len()) as u32,
                    scratch: false,
                });
                pos = end;
            }
            if pos >= buf.len() {
                return Step::Record(buf.len());
            }
            if buf[pos] == b'\n' {
                return Step::Record(pos + 1);
            }
            pos += 1; // past the delimiter
            if pos >= buf.len() {
                if !last {
                    return Step::Incomplete;
                }
                self.spans.push(Span {
                    start: pos as u32,
                    end: pos as u32,
                    scratch: false,
                });
                return Step::Record(pos);
            }
        }
    }

    /// A quoted field starting at `pos` (the opening quote). Pushes its span and returns the
    /// position of the delimiter or line end after it, or None if the block ends inside it.
    fn quoted(&mut self, text: &str, pos: usize, last: bool) -> Option<usize> {
        let buf = text.as_bytes();
        let open = pos + 1;
        let mut search = open;
        // Set once a doubled quote forces the content into the scratch buffer.
        let mut escaped_from: Option<usize> = None;
        let close = loop {
            match memchr(b'"', &buf[search..]) {
                None if last => break buf.len(),
                None => return None,
                Some(i) => {
                    let q = search + i;
                    if q + 1 == buf.len() && !last {
                        return None; // cannot tell yet whether the quote is doubled
                    }
                    if q + 1 < buf.len() && buf[q + 1] == b'"' {
                        if escaped_from.is_none() {
                            escaped_from = Some(self.scratch.len());
                            self.scratch.push_str(&text[open..q + 1]);
                        } else {
                            self.scratch.push_str(&text[search..q + 1]);
                        }
                        search = q + 2;
                        continue;
                    }
                    break q;
                }
            }
        };
        let after = (close + 1).min(buf.len());
        // Text between the closing quote and the next delimiter is kept, as spreadsheets do.
        let tail_end = match memchr2(self.delimiter, b'\n', &buf[after..]) {
            Some(i) => after + i,
            None if last => buf.len(),
            None => return None,
        };
        let tail_len = trim_cr(
            &buf[after..tail_end],
            tail_end == buf.len() || buf[tail_end] == b'\n',
        )
        .len();
        let tail = &text[after..after + tail_len];
        match escaped_from {
            None if tail.is_empty() => {
                self.spans.push(Span {
                    start: open as u32,
                    end: close as u32,
                    scratch: false,
                });
            }
            _ => {
                let start = match escaped_from {
                    Some(s) => {
                        self.scratch.push_str(&text[search..close]);
                        s
                    }
                    None => {
                        let s = self.scratch.len();
                        self.scratch.push_str(&text[open..close]);
                        s
                    }
                };
                self.scratch.push_str(tail);
                self.spans.push(Span {
                    start: start as u32,
                    end: self.scratch.len() as u32,
                    scratch: true,
                });
            }
        }
        Some(tail_end)
    }
}

fn trim_cr(field: &[u8], before_line_end: bool) -> &[u8] {
    if before_line_end {
        field.strip_suffix(b"\r").unwrap_or(field)
    } else {
        field
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse_blocks(blocks: &[&str]) -> Vec<(u64, Vec<String>)> {
        let mut p = CsvParser::default();
        let mut out = Vec::new();
        for (i, b) in blocks.iter().enumerate() {
            p.feed(b, i + 1 == blocks.len(), &mut |r| {
                out.push((r.row, (0..r.len()).map(|i| r.text(i).to_string()).collect()));
                true
            });
        }
        out
    }

    fn rows(v: &[(u64, Vec<String>)]) -> Vec<Vec<&str>> {
        v.iter()
            .map(|(_, f)| f.iter().map(|s| s.as_str()).collect())
            .collect()
    }

    #[test]
    fn plain_quoted_escaped_and_crlf() {
        let text = "a,b,c\r\n1,\"x,y\",\"say \"\"hi\"\"\"\r\n\"multi\nline\",,end\n";
        let got = parse_blocks(&[text]);
        assert_eq!(
            rows(&got),
            vec![
                vec!["a", "b", "c"],
                vec!["1", "x,y", "say \"hi\""],
                vec!["multi\nline", "", "end"]
            ]
        );
        assert_eq!(got[2].0, 3, "a multi-line record is one spreadsheet row");
    }

    #[test]
    fn every_split_point_gives_the_same_records() {
        let text =
            "案号,名称\n攸公罚〔2024〕1号,\"张三,\"\"某\"\"\r\n公司\"\r\n2,x\"y\n\"3\"z,\"\"\n4,";
        let whole = parse_blocks(&[text]);
        assert_eq!(
            rows(&whole),
            vec![
                vec!["案号", "名称"],
                vec!["攸公罚〔2024〕1号", "张三,\"某\"\r\n公司"],
                vec!["2", "x\"y"],
                vec!["3z", ""],
                vec!["4", ""]
            ]
        );
        for cut in (0..=text.len()).filter(|&c| text.is_char_boundary(c)) {
            assert_eq!(
                parse_blocks(&[&text[..cut], &text[cut..]]),
                whole,
                "cut at {cut}"
            );
        }
    }

    #[test]
    fn tab_and_semicolon_delimiters_keep_line_breaks_in_quotes() {
        for d in [b'\t', b';'] {
            let sep = (d as char).to_string();
            let text = ["案号", "名称,含逗号"].join(&sep)
                + "\r\n1"
                + &sep
                + "\"两行\r\n名称\""
                + &sep
                + "x\r\n";
            let mut p = CsvParser::with_delimiter(d);
            let mut out = Vec::new();
            p.feed(&text, true, &mut |r| {
                out.push((
                    r.row,
                    (0..r.len())
                        .map(|i| r.text(i).to_string())
                        .collect::<Vec<_>>(),
                ));
                true
            });
            assert_eq!(
                out,
                vec![
                    (1, vec!["案号".to_string(), "名称,含逗号".into()]),
                    (2, vec!["1".to_string(), "两行\r\n名称".into(), "x".into()]),
                ],
                "{sep:?}"
            );
        }
    }

    #[test]
    fn unclosed_quote_takes_the_rest_and_offsets_are_tracked() {
        let got = parse_blocks(&["a,b\n1,\"open\n2,3\n"]);
        assert_eq!(rows(&got), vec![vec!["a", "b"], vec!["1", "open\n2,3\n"]]);
        let mut p = CsvParser::default();
        let mut offsets = Vec::new();
        p.feed("ab,c\nd,e\n", false, &mut |r| {
            offsets.push(r.offset);
            true
        });
        p.feed("f,g\n", true, &mut |r| {
            offsets.push(r.offset);
            true
        });
        assert_eq!(offsets, vec![0, 5, 9]);
    }
}
