//! Serial numbers and check codes of the printed ballots (测评票): `anjuan-ballot-v1`. A ballot's
//! check code is HMAC-SHA256 (RFC 2104) keyed by the setup's secret, of the serial written in
//! decimal without leading zeros; its first 8 bytes, read as a big-endian integer, modulo 10^8,
//! written as 8 digits. Digits, so the whole count can be typed on a numeric keypad.
//!
//! Owns: the code, how serials are written and read back. Must not: know about the journal or
//! the tally (a code is valid or not; what that means is `entry`'s).

use sha2::{Digest, Sha256};

/// Digits in a check code.
pub const CODE_DIGITS: usize = 8;
const BLOCK: usize = 64;

/// HMAC-SHA256 of `message` under `key` (RFC 2104).
pub fn hmac_sha256(key: &[u8], message: &[u8]) -> [u8; 32] {
    let mut k = [0u8; BLOCK];
    if key.len() > BLOCK {
        k[..32].copy_from_slice(&Sha256::digest(key));
    } else {
        k[..key.len()].copy_from_slice(key);
    }
    let pad = |byte: u8| k.map(|b| b ^ byte);
    let inner = Sha256::new()
        .chain_update(pad(0x36))
        .chain_update(message)
        .finalize();
    Sha256::new()
        .chain_update(pad(0x5c))
        .chain_update(inner)
        .finalize()
        .into()
}

/// The check code of ballot `serial` under `secret` (the setup's 32 bytes).
pub fn check_code(secret: &[u8], serial: u32) -> String {
    let mac = hmac_sha256(secret, serial.to_string().as_bytes());
    let mut first = [0u8; 8];
    first.copy_from_slice(&mac[..8]);
    let n = u64::from_be_bytes(first) % 10u64.pow(CODE_DIGITS as u32);
    format!("{n:0width$}", width = CODE_DIGITS)
}

/// A code as typed, without the spaces and dashes it may be printed or copied with.
pub fn normalise_code(typed: &str) -> String {
    typed
        .chars()
        .filter(|c| !matches!(c, ' ' | '-' | '\u{3000}' | '\t'))
        .collect()
}

/// The code as printed on the ballot, in two groups of four for reading.
pub fn grouped(code: &str) -> String {
    match code.len() {
        CODE_DIGITS => format!("{} {}", &code[..4], &code[4..]),
        _ => code.to_string(),
    }
}

/// Digits a serial is written with for `n` ballots: 001…N, at least three.
pub fn serial_width(n: u32) -> usize {
    n.to_string().len().max(3)
}

/// Serial `s` as printed for `n` ballots.
pub fn serial_text(s: u32, n: u32) -> String {
    format!("{s:0width$}", width = serial_width(n))
}

/// A serial as typed (`7`, `007`, `No.7` is not one): its number, if it is all digits.
pub fn parse_serial(typed: &str) -> Option<u32> {
    let t = typed.trim();
    if t.is_empty() || t.len() > 9 || !t.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    t.parse().ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// RFC 4231 test cases 1, 2 and 6 (a key longer than the block).
    #[test]
    fn hmac_matches_rfc_4231() {
        let hex = |b: [u8; 32]| b.iter().map(|x| format!("{x:02x}")).collect::<String>();
        assert_eq!(
            hex(hmac_sha256(&[0x0b; 20], b"Hi There")),
            "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7"
        );
        assert_eq!(
            hex(hmac_sha256(b"Jefe", b"what do ya want for nothing?")),
            "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"
        );
        assert_eq!(
            hex(hmac_sha256(
                &[0xaa; 131],
                b"Test Using Larger Than Block-Size Key - Hash Key First"
            )),
            "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54"
        );
    }

    #[test]
    fn codes_are_eight_digits_and_differ_by_serial_and_secret() {
        let secret = [7u8; 32];
        let a = check_code(&secret, 1);
        assert_eq!(a.len(), CODE_DIGITS);
        assert!(a.bytes().all(|b| b.is_ascii_digit()));
        assert_eq!(a, check_code(&secret, 1));
        assert_ne!(a, check_code(&secret, 2));
        assert_ne!(a, check_code(&[8u8; 32], 1));
        // Pinned: docs/BALLOTS.md gives this example.
        let mac = hmac_sha256(&secret, b"1");
        let n = u64::from_be_bytes(mac[..8].try_into().unwrap()) % 100_000_000;
        assert_eq!(a, format!("{n:08}"));
    }

    #[test]
    fn serials_are_written_and_read() {
        assert_eq!(serial_text(7, 30), "007");
        assert_eq!(serial_text(7, 1200), "0007");
        assert_eq!(parse_serial(" 007 "), Some(7));
        assert_eq!(parse_serial("7a"), None);
        assert_eq!(parse_serial(""), None);
        assert_eq!(normalise_code("1234 5678"), "12345678");
        assert_eq!(grouped("12345678"), "1234 5678");
    }
}
