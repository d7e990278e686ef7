//! One register row as the readers hand it on: fields as byte ranges into a shared buffer (no
//! allocation per row), plus, for spreadsheet files, what kind of cell each field was.

/// What a spreadsheet cell held; CSV fields are all `Text`.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum CellKind {
    Text,
    Number(f64),
    Date(f64),
    Other,
    /// A formula: its shown value is only what the spreadsheet last computed.
    Formula,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Span {
    pub start: u32,
    pub end: u32,
    /// The field was unescaped into the scratch buffer (it had doubled quotes).
    pub scratch: bool,
}

pub struct Record<'a> {
    /// Row as a spreadsheet shows it (header = 1).
    pub row: u64,
    /// Byte offset of the row's first byte in the decoded text (CSV) or 0 (XLSX).
    pub offset: u64,
    pub buf: &'a str,
    pub scratch: &'a str,
    pub spans: &'a [Span],
    pub kinds: Option<&'a [CellKind]>,
}

impl<'a> Record<'a> {
    pub fn len(&self) -> usize {
        self.spans.len()
    }

    pub fn is_empty(&self) -> bool {
        self.spans.is_empty()
    }

    pub fn bytes(&self, i: usize) -> &'a [u8] {
        self.text(i).as_bytes()
    }

    /// The field as text. Fields end at ASCII delimiters of validated text, so slicing never
    /// splits a character (`get` keeps even a broken span from panicking).
    pub fn text(&self, i: usize) -> &'a str {
        let Some(s) = self.spans.get(i) else {
            return "";
        };
        let src = if s.scratch { self.scratch } else { self.buf };
        src.get(s.start as usize..s.end as usize)
            .unwrap_or("\u{fffd}")
    }

    pub fn kind(&self, i: usize) -> CellKind {
        self.kinds
            .and_then(|k| k.get(i).copied())
            .unwrap_or(CellKind::Text)
    }

    /// A row with no content at all (trailing `,,,,` lines Excel writes).
    pub fn is_blank(&self) -> bool {
        (0..self.len()).all(|i| self.bytes(i).iter().all(|b| b.is_ascii_whitespace()))
    }
}
