//! Text encodings of register files: UTF-8 (with or without BOM), GBK and GB18030 as Excel on
//! Chinese Windows writes them, and UTF-16 with a BOM ("Unicode 文本"). Undecodable bytes are reported with their offset, never replaced
//! silently.

use serde::{Deserialize, Serialize};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, clap::ValueEnum)]
#[serde(rename_all = "lowercase")]
pub enum TextEncoding {
    #[value(name = "utf-8", alias = "utf8")]
    #[serde(rename = "utf-8")]
    Utf8,
    Gbk,
    Gb18030,
    /// UTF-16 little-endian with a byte-order mark (Excel's and WPS's "Unicode 文本").
    #[value(name = "utf-16le")]
    #[serde(rename = "utf-16le")]
    Utf16Le,
    #[value(name = "utf-16be")]
    #[serde(rename = "utf-16be")]
    Utf16Be,
}

impl TextEncoding {
    pub fn label(self) -> &'static str {
        match self {
            TextEncoding::Utf8 => "UTF-8",
            TextEncoding::Gbk => "GBK",
            TextEncoding::Gb18030 => "GB18030",
            TextEncoding::Utf16Le => "UTF-16LE",
            TextEncoding::Utf16Be => "UTF-16BE",
        }
    }
}

/// One undecodable byte sequence: its offset in the file and in the decoded text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BadBytes {
    pub file_offset: u64,
    pub text_offset: usize,
    pub bytes: Vec<u8>,
}

pub fn show_bytes(bytes: &[u8]) -> String {
    bytes
        .iter()
        .map(|b| format!("0x{b:02X}"))
        .collect::<Vec<_>>()
        .join(" ")
}

/// Decode `bytes` (after any BOM, which starts at `base`), replacing each malformed sequence by
/// U+FFFD so the rest can still be checked, and listing every one of them.
pub fn decode(bytes: &[u8], base: u64, enc: TextEncoding) -> (String, Vec<BadBytes>) {
    match enc {
        TextEncoding::Utf8 => decode_utf8(bytes, base),
        // The Encoding Standard's GBK decoder is the GB18030 decoder, so both read 4-byte codes;
        // GBK is kept as a separate name only for the record.
        TextEncoding::Gbk | TextEncoding::Gb18030 => decode_with(encoding_rs::GB18030, bytes, base),
        // An unpaired surrogate is two malformed bytes; an odd last byte is one.
        TextEncoding::Utf16Le => decode_with(encoding_rs::UTF_16LE, bytes, base),
        TextEncoding::Utf16Be => decode_with(encoding_rs::UTF_16BE, bytes, base),
    }
}

fn decode_utf8(bytes: &[u8], base: u64) -> (String, Vec<BadBytes>) {
    let mut out = String::with_capacity(bytes.len());
    let mut bad = Vec::new();
    let mut rest = bytes;
    let mut pos = 0usize;
    loop {
        match std::str::from_utf8(rest) {
            Ok(s) => {
                out.push_str(s);
                break;
            }
            Err(e) => {
                let valid = e.valid_up_to();
                out.push_str(std::str::from_utf8(&rest[..valid]).unwrap_or_default());
                let len = e.error_len().unwrap_or(rest.len() - valid);
                bad.push(BadBytes {
                    file_offset: base + (pos + valid) as u64,
                    text_offset: out.len(),
                    bytes: rest[valid..valid + len].to_vec(),
                });
                out.push('\u{fffd}');
                pos += valid + len;
                rest = &rest[valid + len..];
            }
        }
    }
    (out, bad)
}

fn decode_gb18030(bytes: &[u8], base: u64) -> (String, Vec<BadBytes>) {
    decode_with(encoding_rs::GB18030, bytes, base)
}

/// Decode with an Encoding Standard decoder (the BOM, if any, already stripped), listing every
/// malformed sequence with its file offset.
fn decode_with(
    encoding: &'static encoding_rs::Encoding,
    bytes: &[u8],
    base: u64,
) -> (String, Vec<BadBytes>) {
    use encoding_rs::DecoderResult;
    let mut decoder = encoding.new_decoder_without_bom_handling();
    let mut out = String::with_capacity(bytes.len() * 3 / 2 + 16);
    let mut bad = Vec::new();
    let mut read_total = 0usize;
    loop {
        let need = decoder
            .max_utf8_buffer_length_without_replacement(bytes.len() - read_total)
            .unwrap_or(usize::MAX);
        out.reserve(need.min(1 << 26));
        let (result, read) =
            decoder.decode_to_string_without_replacement(&bytes[read_total..], &mut out, true);
        read_total += read;
        match result {
            DecoderResult::InputEmpty => break,
            DecoderResult::OutputFull => continue,
            DecoderResult::Malformed(bad_len, consumed_after) => {
                let bad_len = bad_len as usize;
                let end = read_total - consumed_after as usize;
                let start = end - bad_len;
                bad.push(BadBytes {
                    file_offset: base + start as u64,
                    text_offset: out.len(),
                    bytes: bytes[start..end].to_vec(),
                });
                out.push('\u{fffd}');
            }
        }
    }
    (out, bad)
}

/// Pick the encoding of a file without BOM that is not valid UTF-8: the one with fewer errors,
/// preferring UTF-8 on a tie (a UTF-8 file with one broken byte stays UTF-8).
pub fn detect(bytes: &[u8]) -> TextEncoding {
    if simdutf8::basic::from_utf8(bytes).is_ok() {
        return TextEncoding::Utf8;
    }
    let utf8_errors = decode_utf8(bytes, 0).1.len();
    let gb_errors = decode_gb18030(bytes, 0).1.len();
    if gb_errors < utf8_errors {
        if gb18030_needs_four_bytes(bytes) {
            TextEncoding::Gb18030
        } else {
            TextEncoding::Gbk
        }
    } else {
        TextEncoding::Utf8
    }
}

/// Does the text use GB18030's four-byte codes (so it is GB18030 rather than GBK)?
fn gb18030_needs_four_bytes(bytes: &[u8]) -> bool {
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if b < 0x80 {
            i += 1;
        } else if i + 1 < bytes.len() && (0x30..=0x39).contains(&bytes[i + 1]) {
            return true;
        } else {
            i += 2;
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn gbk_and_gb18030_are_detected_and_decoded() {
        let (gbk, _, _) =
            encoding_rs::GBK.encode("案号,执法机关\n攸市监罚〔2024〕1号,攸县市场监督管理局\n");
        assert_eq!(detect(&gbk), TextEncoding::Gbk);
        let (text, bad) = decode(&gbk, 0, TextEncoding::Gbk);
        assert!(bad.is_empty());
        assert!(text.contains("攸县市场监督管理局"));
        let (g4, _, _) = encoding_rs::GB18030.encode("当事人\n王𠮷\n");
        assert_eq!(detect(&g4), TextEncoding::Gb18030);
        assert_eq!(decode(&g4, 0, TextEncoding::Gb18030).0, "当事人\n王𠮷\n");
    }

    #[test]
    fn bad_bytes_are_listed_with_offsets() {
        let mut bytes = "攸县,公安局\n".as_bytes().to_vec();
        bytes.insert(3, 0xFF);
        assert_eq!(detect(&bytes), TextEncoding::Utf8);
        let (text, bad) = decode(&bytes, 3, TextEncoding::Utf8);
        assert_eq!(
            bad,
            vec![BadBytes {
                file_offset: 6,
                text_offset: 3,
                bytes: vec![0xFF]
            }]
        );
        assert_eq!(text, "攸\u{fffd}县,公安局\n");
        let (_, bad) = decode(&[b'a', 0x81, b'\n', 0xFF], 0, TextEncoding::Gbk);
        assert_eq!(bad.len(), 2, "{bad:?}");
        assert_eq!(bad[1].file_offset, 3);
        assert_eq!(show_bytes(&[0xff, 0x0a]), "0xFF 0x0A");
    }

    #[test]
    fn utf16_both_orders_with_bad_sequences_listed() {
        let le: Vec<u8> = "案号\t名称\r\n"
            .encode_utf16()
            .flat_map(u16::to_le_bytes)
            .collect();
        let be: Vec<u8> = "案号\t名称\r\n"
            .encode_utf16()
            .flat_map(u16::to_be_bytes)
            .collect();
        assert_eq!(
            decode(&le, 2, TextEncoding::Utf16Le),
            ("案号\t名称\r\n".into(), vec![])
        );
        assert_eq!(decode(&be, 2, TextEncoding::Utf16Be).0, "案号\t名称\r\n");
        // A lone high surrogate (D800) after 案, then an odd last byte.
        let mut bad = le[..2].to_vec();
        bad.extend_from_slice(&[0x00, 0xD8, b'a', 0x00, 0x41]);
        let (text, found) = decode(&bad, 2, TextEncoding::Utf16Le);
        assert_eq!(text, "案\u{fffd}a\u{fffd}");
        assert_eq!(found.len(), 2, "{found:?}");
        assert_eq!(
            (found[0].file_offset, &found[0].bytes[..]),
            (4, &[0x00, 0xD8][..])
        );
        assert_eq!(
            (found[1].file_offset, &found[1].bytes[..]),
            (8, &[0x41][..])
        );
    }
}
