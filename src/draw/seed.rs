//! The seed of a draw (spec §1): ASCII digits only, at least 20, used as text. Parts entered by
//! different people are concatenated in the order recorded; each part keeps who entered it and when.

use crate::i18n::Lang;
use crate::tr;
use serde::{Deserialize, Serialize};

pub const MIN_SEED_DIGITS: usize = 20;

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SeedPart {
    pub who: String,
    pub digits: String,
    pub entered_at: String,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SeedError {
    #[error("the seed may contain only the digits 0-9; found {found:?} at position {position}")]
    NotADigit { found: char, position: usize },
    #[error("the seed has {digits} digits; at least {MIN_SEED_DIGITS} are required")]
    TooShort { digits: usize },
    #[error("--seed {seed} differs from the concatenated --seed-part digits {joined}")]
    PartsDisagree { seed: String, joined: String },
    #[error("a seed part must be written WHO=DIGITS, got {0:?}")]
    BadPart(String),
    #[error("no seed given: use --seed DIGITS or --seed-part WHO=DIGITS")]
    Missing,
}

impl SeedError {
    pub fn render(&self, lang: Lang) -> String {
        match self {
            SeedError::NotADigit { found, position } => tr!(
                lang,
                "种子只能由数字 0–9 组成：第 {position} 位是“{found}”。请重新输入骰子点数",
                "the seed may contain only the digits 0-9; position {position} is {found:?}. Re-enter the rolls"
            ),
            SeedError::TooShort { digits } => tr!(
                lang,
                "种子只有 {digits} 位，至少需要 {MIN_SEED_DIGITS} 位：请继续掷骰",
                "the seed has {digits} digits; at least {MIN_SEED_DIGITS} are required: roll more"
            ),
            SeedError::PartsDisagree { seed, joined } => tr!(
                lang,
                "--seed {seed} 与各 --seed-part 依次拼接的 {joined} 不一致：请核对记录",
                "--seed {seed} differs from the concatenated --seed-part digits {joined}: check the record"
            ),
            SeedError::BadPart(p) => tr!(
                lang,
                "种子分段应写作 姓名=数字，实际为“{p}”",
                "a seed part must be written WHO=DIGITS, got {p:?}"
            ),
            SeedError::Missing => tr!(
                lang,
                "未给出种子：请用 --seed 数字 或 --seed-part 姓名=数字",
                "no seed given: use --seed DIGITS or --seed-part WHO=DIGITS"
            ),
        }
    }
}

/// Check that `digits` are only ASCII digits (any length).
pub fn check_digits(digits: &str) -> Result<(), SeedError> {
    match digits
        .chars()
        .enumerate()
        .find(|(_, c)| !c.is_ascii_digit())
    {
        Some((i, c)) => Err(SeedError::NotADigit {
            found: c,
            position: i + 1,
        }),
        None => Ok(()),
    }
}

/// Validate a whole seed.
pub fn check_seed(seed: &str) -> Result<(), SeedError> {
    check_digits(seed)?;
    if seed.len() < MIN_SEED_DIGITS {
        return Err(SeedError::TooShort { digits: seed.len() });
    }
    Ok(())
}

/// Parse `WHO=DIGITS`.
pub fn parse_part(text: &str, entered_at: &str) -> Result<SeedPart, SeedError> {
    let (who, digits) = text
        .rsplit_once('=')
        .ok_or_else(|| SeedError::BadPart(text.to_string()))?;
    let who = who.trim();
    if who.is_empty() || digits.is_empty() {
        return Err(SeedError::BadPart(text.to_string()));
    }
    check_digits(digits)?;
    Ok(SeedPart {
        who: who.to_string(),
        digits: digits.to_string(),
        entered_at: entered_at.to_string(),
    })
}

/// Combine `--seed` and `--seed-part`s into the seed and its recorded parts.
pub fn assemble(
    seed: Option<&str>,
    parts: Vec<SeedPart>,
    entered_by: &str,
    entered_at: &str,
) -> Result<(String, Vec<SeedPart>), SeedError> {
    let joined: String = parts.iter().map(|p| p.digits.as_str()).collect();
    let (seed, parts) = match (seed, parts.is_empty()) {
        (None, true) => return Err(SeedError::Missing),
        (None, false) => (joined, parts),
        (Some(s), true) => {
            let part = SeedPart {
                who: entered_by.to_string(),
                digits: s.to_string(),
                entered_at: entered_at.to_string(),
            };
            (s.to_string(), vec![part])
        }
        (Some(s), false) => {
            if s != joined {
                return Err(SeedError::PartsDisagree {
                    seed: s.to_string(),
                    joined,
                });
            }
            (joined, parts)
        }
    };
    check_seed(&seed)?;
    Ok((seed, parts))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn seeds_are_digits_and_long_enough() {
        assert!(check_seed("01234567890123456789").is_ok());
        assert_eq!(
            check_seed("0123456789012345678"),
            Err(SeedError::TooShort { digits: 19 })
        );
        assert_eq!(
            check_seed("0123456789 123456789"),
            Err(SeedError::NotADigit {
                found: ' ',
                position: 11
            })
        );
        assert!(matches!(
            check_seed("１２３４５６７８９０１２３４５６７８９０"),
            Err(SeedError::NotADigit { .. })
        ));
    }

    #[test]
    fn parts_concatenate_in_order_and_must_agree_with_seed() {
        let parts = vec![
            parse_part("张三=0123456789", "t1").unwrap(),
            parse_part("李四=9876543210", "t2").unwrap(),
        ];
        let (seed, parts) = assemble(None, parts.clone(), "x", "t").unwrap();
        assert_eq!(seed, "01234567899876543210");
        assert_eq!(parts[1].who, "李四");
        assert!(matches!(
            assemble(Some("11111111111111111111"), parts, "x", "t"),
            Err(SeedError::PartsDisagree { .. })
        ));
        assert!(parse_part("=123", "t").is_err());
        assert!(parse_part("王五=12a", "t").is_err());
    }
}
