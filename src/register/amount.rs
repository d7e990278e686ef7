//! Money as registers write it, read exactly into integer fen (分): `15000`, `15,000`,
//! `15000.00`, `1.5万`, `1.5万元`, `¥15,000`, `15000元`, full-width digits and punctuation.
//! Never through a float: `1.5万` is 1,500,000 fen, not 1499999.99…. A value that is negative,
//! has more precision than a fen after the 万 is applied, or is anything else is refused, and
//! the caller names the row and column.

/// What a cell can hold instead of an amount: nothing was fined (blank, `-`, `—`, `/`, `无`).
pub fn is_blank(text: &str) -> bool {
    matches!(
        text.trim(),
        "" | "-" | "—" | "－" | "/" | "／" | "无" | "——"
    )
}

/// Why an amount could not be read.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AmountError {
    Negative,
    /// Finer than one fen (e.g. `0.001`, or `1.234567万`).
    TooPrecise,
    TooLarge,
    NotANumber,
}

/// The largest amount accepted: a trillion yuan, far above any fine, far below u64 fen.
const MAX_FEN: u128 = 100_000_000_000_000;

/// Parse an amount in yuan to fen. `Ok(None)` for a blank cell (see `is_blank`).
pub fn parse_fen(text: &str) -> Result<Option<u64>, AmountError> {
    if is_blank(text) {
        return Ok(None);
    }
    // Full-width forms (０-９, ．, ，) become ASCII; thin and ordinary spaces go.
    let mut s: String = text
        .trim()
        .chars()
        .filter(|c| !c.is_whitespace())
        .map(|c| match c {
            '０'..='９' => char::from(b'0' + (c as u32 - '０' as u32) as u8),
            '．' => '.',
            '，' => ',',
            '－' => '-',
            '＋' => '+',
            c => c,
        })
        .collect();
    for prefix in ["¥", "￥", "RMB", "CNY", "人民币"] {
        if let Some(rest) = s.strip_prefix(prefix) {
            s = rest.to_string();
        }
    }
    if s.starts_with('-') {
        return Err(AmountError::Negative);
    }
    let s = s.strip_prefix('+').unwrap_or(&s);
    let s = s.strip_suffix('元').unwrap_or(s);
    let (s, scale) = match s.strip_suffix('万') {
        Some(rest) => (rest, 4u32),
        None => (s, 0u32),
    };
    if s.starts_with('-') {
        return Err(AmountError::Negative);
    }
    let (int, frac) = match s.split_once('.') {
        Some((i, f)) => (i, f),
        None => (s, ""),
    };
    // Thousands separators only in the integer part, in groups of three.
    let int_digits: String = if int.contains(',') {
        let groups: Vec<&str> = int.split(',').collect();
        let ok = !groups[0].is_empty()
            && groups[0].len() <= 3
            && groups[1..].iter().all(|g| g.len() == 3);
        if !ok {
            return Err(AmountError::NotANumber);
        }
        groups.concat()
    } else {
        int.to_string()
    };
    if int_digits.is_empty() && frac.is_empty() {
        return Err(AmountError::NotANumber);
    }
    if !int_digits.bytes().all(|b| b.is_ascii_digit()) || !frac.bytes().all(|b| b.is_ascii_digit())
    {
        return Err(AmountError::NotANumber);
    }
    if int_digits.len() > 20 {
        return Err(AmountError::TooLarge);
    }
    // value = int.frac yuan × 10^scale; in fen: × 10^(scale+2). Digits of frac beyond
    // scale+2 must be zeros.
    let shift = (scale + 2) as usize;
    let frac = frac.trim_end_matches('0');
    if frac.len() > shift {
        return Err(AmountError::TooPrecise);
    }
    let mut digits = int_digits;
    digits.push_str(frac);
    for _ in frac.len()..shift {
        digits.push('0');
    }
    let digits = digits.trim_start_matches('0');
    if digits.len() > 20 {
        return Err(AmountError::TooLarge);
    }
    let v: u128 = if digits.is_empty() {
        0
    } else {
        digits.parse().map_err(|_| AmountError::NotANumber)?
    };
    if v > MAX_FEN {
        return Err(AmountError::TooLarge);
    }
    Ok(Some(v as u64))
}

/// Fen as yuan text: `1500000` → `15000`, `150` → `1.50`.
pub fn yuan(fen: u64) -> String {
    if fen.is_multiple_of(100) {
        format!("{}", fen / 100)
    } else {
        format!("{}.{:02}", fen / 100, fen % 100)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(s: &str) -> Result<Option<u64>, AmountError> {
        parse_fen(s)
    }

    #[test]
    fn amounts_are_read_exactly() {
        assert_eq!(p("15000"), Ok(Some(1_500_000)));
        assert_eq!(p("15,000"), Ok(Some(1_500_000)));
        assert_eq!(p("15000.00"), Ok(Some(1_500_000)));
        assert_eq!(p("1.5万"), Ok(Some(1_500_000)));
        assert_eq!(p("1.5万元"), Ok(Some(1_500_000)));
        assert_eq!(p("¥15,000"), Ok(Some(1_500_000)));
        assert_eq!(p("￥15,000元"), Ok(Some(1_500_000)));
        assert_eq!(p("１５，０００"), Ok(Some(1_500_000)));
        assert_eq!(p("0.01"), Ok(Some(1)));
        assert_eq!(p("1,234.5"), Ok(Some(123_450)));
        assert_eq!(p(".5"), Ok(Some(50)));
        assert_eq!(p("1.234567万"), Ok(Some(1_234_567)));
        assert_eq!(p("49999"), Ok(Some(4_999_900)));
        assert_eq!(p("0"), Ok(Some(0)));
        assert_eq!(p(""), Ok(None));
        assert_eq!(p(" - "), Ok(None));
        assert_eq!(p("无"), Ok(None));
        assert_eq!(yuan(1_500_000), "15000");
        assert_eq!(yuan(123_450), "1234.50");
    }

    #[test]
    fn bad_amounts_are_refused() {
        assert_eq!(p("-100"), Err(AmountError::Negative));
        assert_eq!(p("－100"), Err(AmountError::Negative));
        assert_eq!(p("0.001"), Err(AmountError::TooPrecise));
        assert_eq!(p("1.2345678万"), Err(AmountError::TooPrecise));
        assert_eq!(p("abc"), Err(AmountError::NotANumber));
        assert_eq!(p("1,00"), Err(AmountError::NotANumber));
        assert_eq!(p("1.5千"), Err(AmountError::NotANumber));
        assert_eq!(p("1e5"), Err(AmountError::NotANumber));
        assert_eq!(p("."), Err(AmountError::NotANumber));
        assert_eq!(p("1.2.3"), Err(AmountError::NotANumber));
        assert_eq!(p("99999999999999999999999"), Err(AmountError::TooLarge));
    }
}
