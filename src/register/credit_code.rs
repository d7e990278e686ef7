//! The 统一社会信用代码 (unified social credit code) of GB 32100-2015, checked by its 18th
//! character: the id of a regulated entity in an entity population (`init --population
//! entities`). Only the code's own check character is verified here; whether the 9-character
//! organisation code inside it (GB 11714) is valid, or the entity exists, is not knowable from the
//! code alone.

/// The code's alphabet in value order: digits, then capital letters without I, O, S, V, Z.
const CHARSET: &[u8; 31] = b"0123456789ABCDEFGHJKLMNPQRTUWXY";
/// Weights of positions 1–17 (3^(i-1) mod 31).
const WEIGHTS: [u32; 17] = [
    1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28,
];

/// Why a code is not a valid 统一社会信用代码.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum CodeError {
    /// Not 18 characters.
    Length(usize),
    /// A character outside the code's alphabet (1-based position).
    Character { position: usize, found: char },
    /// The 18th character is not the one positions 1–17 give.
    CheckDigit { expected: char, found: char },
}

impl CodeError {
    pub fn render(&self, lang: crate::i18n::Lang) -> String {
        use crate::tr;
        match self {
            CodeError::Length(n) => tr!(
                lang,
                "应为 18 位，实为 {n} 位",
                "it has {n} characters, not 18"
            ),
            CodeError::Character { position, found } => tr!(
                lang,
                "第 {position} 位“{found}”不是信用代码可用的字符（数字及除 I、O、S、V、Z 外的大写字母）",
                "character {position} ({found}) is not one a credit code uses (digits and capital letters but I, O, S, V, Z)"
            ),
            CodeError::CheckDigit { expected, found } => tr!(
                lang,
                "校验码（第 18 位）应为 {expected}，实为 {found}：代码抄错了一位，或前后两位颠倒",
                "the check character (the 18th) should be {expected}, not {found}: a character was mistyped or two were swapped"
            ),
        }
    }
}

/// The check character for the first 17 characters (`None` when one is outside the alphabet).
pub fn check_char(first17: &[u8]) -> Option<char> {
    let mut sum = 0u32;
    for (b, w) in first17.iter().zip(WEIGHTS) {
        sum += value(*b)? * w;
    }
    let c = (31 - sum % 31) % 31;
    Some(CHARSET[c as usize] as char)
}

fn value(b: u8) -> Option<u32> {
    CHARSET.iter().position(|c| *c == b).map(|p| p as u32)
}

/// Check a code as the register gives it (already trimmed). Lower-case letters are refused like
/// any other foreign character: the id is frozen as written, so `91…a` and `91…A` would be two
/// entities.
pub fn check(code: &str) -> Result<(), CodeError> {
    let chars: Vec<char> = code.chars().collect();
    if chars.len() != 18 {
        return Err(CodeError::Length(chars.len()));
    }
    for (i, c) in chars.iter().enumerate() {
        if !c.is_ascii() || value(*c as u8).is_none() {
            return Err(CodeError::Character {
                position: i + 1,
                found: *c,
            });
        }
    }
    let bytes = code.as_bytes();
    let expected = check_char(&bytes[..17]).unwrap_or('?');
    let found = chars[17];
    if expected != found {
        return Err(CodeError::CheckDigit { expected, found });
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn published_codes_pass() {
        // Codes printed on public business licences and registers.
        for code in [
            "91350100M000100Y43",
            "91110000802100433B",
            "91440300708461136T",
        ] {
            assert_eq!(check(code), Ok(()), "{code}");
        }
    }

    #[test]
    fn errors_say_what_is_wrong() {
        assert_eq!(check("9135010"), Err(CodeError::Length(7)));
        assert_eq!(
            check("91350100M000100Y44"),
            Err(CodeError::CheckDigit {
                expected: '3',
                found: '4'
            })
        );
        assert_eq!(
            check("91350100I000100Y43"),
            Err(CodeError::Character {
                position: 9,
                found: 'I'
            })
        );
        assert!(matches!(
            check("91350100m000100Y43"),
            Err(CodeError::Character { position: 9, .. })
        ));
    }

    #[test]
    fn a_swap_of_two_characters_is_caught() {
        let good = "91110000802100433B";
        let mut b: Vec<u8> = good.bytes().collect();
        for i in 0..16 {
            if b[i] == b[i + 1] {
                continue;
            }
            b.swap(i, i + 1);
            let swapped = String::from_utf8(b.clone()).unwrap();
            assert!(check(&swapped).is_err(), "{swapped}");
            b.swap(i, i + 1);
        }
    }
}
