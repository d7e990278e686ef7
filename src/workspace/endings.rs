//! Line endings changed by a copy. A workspace copied through a Windows machine (a zip tool, a
//! USB stick, `git config core.autocrlf`) can come back with every `\n` turned into `\r\n`, or
//! the other way round. Digests are over exact bytes, so such a copy would look altered although
//! nothing in it changed. A file is accepted when its bytes, or its bytes with the line endings
//! converted back (`\r\n` → `\n`, or every line ending → `\r\n`), have the recorded SHA-256:
//! then the converted bytes *are* the recorded ones, byte for byte, and anjuan reads those and
//! says that the line endings were converted. Any other difference is still an alteration.

use super::ledger::sha256_hex;
use std::borrow::Cow;

/// How a file's bytes relate to the digest recorded for them.
#[derive(Debug, PartialEq, Eq)]
pub enum Recovered<'a> {
    /// The bytes are the recorded ones.
    Exact(&'a [u8]),
    /// Only the line endings differ: these are the recorded bytes, restored.
    Converted(Vec<u8>),
    /// The content differs; `found` is the SHA-256 of the bytes as they are.
    Altered { found: String },
}

impl Recovered<'_> {
    /// The recorded bytes, when they could be had.
    pub fn bytes(&self) -> Option<&[u8]> {
        match self {
            Recovered::Exact(b) => Some(b),
            Recovered::Converted(b) => Some(b),
            Recovered::Altered { .. } => None,
        }
    }

    pub fn converted(&self) -> bool {
        matches!(self, Recovered::Converted(_))
    }
}

/// Every `\r\n` as `\n` (a lone `\r` stays).
pub fn crlf_to_lf(bytes: &[u8]) -> Cow<'_, [u8]> {
    if memchr::memmem::find(bytes, b"\r\n").is_none() {
        return Cow::Borrowed(bytes);
    }
    let mut out = Vec::with_capacity(bytes.len());
    let mut rest = bytes;
    while let Some(i) = memchr::memmem::find(rest, b"\r\n") {
        out.extend_from_slice(&rest[..i]);
        out.push(b'\n');
        rest = &rest[i + 2..];
    }
    out.extend_from_slice(rest);
    Cow::Owned(out)
}

/// Every line ending as `\r\n`.
pub fn to_crlf(bytes: &[u8]) -> Vec<u8> {
    let lf = crlf_to_lf(bytes);
    let mut out = Vec::with_capacity(lf.len() + lf.len() / 32);
    for &b in lf.iter() {
        if b == b'\n' {
            out.push(b'\r');
        }
        out.push(b);
    }
    out
}

/// Line endings as a spreadsheet writes a CSV: `\r\n` between records, `\n` for a line break
/// inside a quoted cell. (A `"` byte never occurs inside a multi-byte character in UTF-8, GBK
/// or GB18030, so counting quotes finds the cells.)
pub fn to_csv_crlf(bytes: &[u8]) -> Vec<u8> {
    let lf = crlf_to_lf(bytes);
    let mut out = Vec::with_capacity(lf.len() + lf.len() / 32);
    let mut quoted = false;
    for &b in lf.iter() {
        match b {
            b'"' => quoted = !quoted,
            b'\n' if !quoted => out.push(b'\r'),
            _ => {}
        }
        out.push(b);
    }
    out
}

/// Compare `bytes` with the recorded digest `sha256`, allowing for converted line endings: the
/// recorded bytes may have had `\n` only, `\r\n` only, or (a CSV from a spreadsheet) `\r\n`
/// between records and `\n` inside cells.
pub fn recover<'a>(bytes: &'a [u8], sha256: &str) -> Recovered<'a> {
    let found = sha256_hex(bytes);
    if found.eq_ignore_ascii_case(sha256) {
        return Recovered::Exact(bytes);
    }
    let lf = crlf_to_lf(bytes);
    if matches!(lf, Cow::Owned(_)) && sha256_hex(&lf).eq_ignore_ascii_case(sha256) {
        return Recovered::Converted(lf.into_owned());
    }
    if memchr::memchr(b'\n', bytes).is_some() {
        let crlf = to_crlf(bytes);
        if crlf != bytes && sha256_hex(&crlf).eq_ignore_ascii_case(sha256) {
            return Recovered::Converted(crlf);
        }
        if memchr::memchr(b'"', bytes).is_some() {
            let csv = to_csv_crlf(bytes);
            if csv != bytes && csv != crlf && sha256_hex(&csv).eq_ignore_ascii_case(sha256) {
                return Recovered::Converted(csv);
            }
        }
    }
    Recovered::Altered { found }
}

/// How many lines of `bytes` end in `\r\n`.
pub fn crlf_lines(bytes: &[u8]) -> usize {
    memchr::memmem::find_iter(bytes, b"\r\n").count()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn converted_endings_are_recovered_exactly_and_nothing_else_is() {
        let lf = b"{\n  \"a\": 1\n}\n".to_vec();
        let sha = sha256_hex(&lf);
        assert_eq!(recover(&lf, &sha), Recovered::Exact(&lf));
        let crlf = to_crlf(&lf);
        assert_eq!(crlf, b"{\r\n  \"a\": 1\r\n}\r\n");
        assert_eq!(recover(&crlf, &sha), Recovered::Converted(lf.clone()));
        // A file recorded with CRLF, copied with LF.
        let crlf_sha = sha256_hex(&crlf);
        assert_eq!(recover(&lf, &crlf_sha), Recovered::Converted(crlf.clone()));
        // Partly converted.
        let mixed = b"{\r\n  \"a\": 1\n}\r\n";
        assert_eq!(recover(mixed, &sha), Recovered::Converted(lf.clone()));
        // Converted and edited: altered.
        let edited = b"{\r\n  \"a\": 2\r\n}\r\n";
        assert!(matches!(recover(edited, &sha), Recovered::Altered { .. }));
        // A lone CR is content, not a line ending.
        let lone = b"{\r  \"a\": 1\n}\n";
        assert!(matches!(recover(lone, &sha), Recovered::Altered { .. }));
        assert_eq!(crlf_lines(&crlf), 3);
        // A spreadsheet's CSV: CRLF records, LF inside a quoted cell; converted either way.
        let excel = b"id,note\r\n1,\"two\nlines\"\r\n2,x\r\n".to_vec();
        let excel_sha = sha256_hex(&excel);
        for copy in [to_crlf(&excel), crlf_to_lf(&excel).into_owned()] {
            assert_eq!(
                recover(&copy, &excel_sha),
                Recovered::Converted(excel.clone())
            );
        }
        assert_eq!(
            crlf_to_lf(b"a\r\r\nb"),
            Cow::<[u8]>::Owned(b"a\r\nb".to_vec())
        );
    }
}
