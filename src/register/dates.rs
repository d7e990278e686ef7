//! Dates as registers write them: `2024-03-05`, `2024/3/5`, `2024.3.5`, `2024年3月5日`,
//! `20240305`, optionally followed by a time, and spreadsheet date serials.

use serde::{Deserialize, Serialize};
use std::fmt;

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Date {
    pub year: u16,
    pub month: u8,
    pub day: u8,
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

fn days_in_month(year: u16, month: u8) -> u8 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if (year.is_multiple_of(4) && !year.is_multiple_of(100)) || year.is_multiple_of(400) => {
            29
        }
        2 => 28,
        _ => 0,
    }
}

impl Date {
    pub fn new(year: u16, month: u8, day: u8) -> Option<Date> {
        ((1900..=2999).contains(&year) && day >= 1 && day <= days_in_month(year, month))
            .then_some(Date { year, month, day })
    }

    /// Parse a register's date text.
    pub fn parse(text: &str) -> Option<Date> {
        let t = text.trim();
        // Drop a time part: "2024-03-05 00:00:00" or "2024-03-05T08:00".
        let t = t.split([' ', 'T']).next().unwrap_or(t);
        let t = t.strip_suffix('日').unwrap_or(t);
        // The common ISO form first, without splitting.
        if let [y0, y1, y2, y3, b'-', m0, m1, b'-', d0, d1] = *t.as_bytes() {
            let digit = |b: u8| b.is_ascii_digit().then(|| (b - b'0') as u16);
            let y = digit(y0)? * 1000 + digit(y1)? * 100 + digit(y2)? * 10 + digit(y3)?;
            return Date::new(
                y,
                (digit(m0)? * 10 + digit(m1)?) as u8,
                (digit(d0)? * 10 + digit(d1)?) as u8,
            );
        }
        if t.len() == 8 && t.bytes().all(|b| b.is_ascii_digit()) {
            return Date::new(
                t[..4].parse().ok()?,
                t[4..6].parse().ok()?,
                t[6..].parse().ok()?,
            );
        }
        // Exactly three all-digit parts: year of 4 digits, month and day of 1–2.
        let mut parts = t.split(['-', '/', '.', '年', '月']);
        let mut next = |max: usize| -> Option<u16> {
            let p = parts.next()?;
            (!p.is_empty() && p.len() <= max && p.bytes().all(|b| b.is_ascii_digit()))
                .then(|| p.parse().ok())?
        };
        let (y, m, d) = (next(4)?, next(2)?, next(2)?);
        if parts.next().is_some() || y < 1000 {
            return None;
        }
        Date::new(y, m as u8, d as u8)
    }

    /// A spreadsheet serial day number (1900 date system, as Excel and LibreOffice write).
    pub fn from_serial(serial: f64) -> Option<Date> {
        if !(1.0..2_958_466.0).contains(&serial) {
            return None;
        }
        // Serial 25569 is 1970-01-01; whole days only.
        let days = serial.floor() as i64 - 25569;
        let (y, m, d) = civil_from_days(days);
        Date::new(u16::try_from(y).ok()?, m, d)
    }
}

/// Howard Hinnant's days-to-civil algorithm.
fn civil_from_days(z: i64) -> (i64, u8, u8) {
    let z = z + 719_468;
    let era = if z >= 0 { z } else { z - 146_096 } / 146_097;
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365;
    let y = yoe + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u8;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u8;
    (if m <= 2 { y + 1 } else { y }, m, d)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats() {
        let d = Date::new(2024, 3, 5).unwrap();
        for t in [
            "2024-03-05",
            "2024/3/5",
            "2024.03.05",
            "2024年3月5日",
            "20240305",
            " 2024-03-05 00:00:00",
            "2024-03-05T08:00:00",
        ] {
            assert_eq!(Date::parse(t), Some(d), "{t}");
        }
        for t in [
            "2024-13-45",
            "2023-02-29",
            "24-3-5",
            "2024-3",
            "abc",
            "",
            "2024-03-05x",
        ] {
            assert_eq!(Date::parse(t), None, "{t}");
        }
        assert_eq!(
            Date::parse("2024-02-29").map(|d| d.to_string()),
            Some("2024-02-29".into())
        );
    }

    #[test]
    fn serials() {
        assert_eq!(Date::from_serial(45356.0), Date::new(2024, 3, 5));
        assert_eq!(Date::from_serial(25569.5), Date::new(1970, 1, 1));
        assert_eq!(Date::from_serial(-3.0), None);
    }
}
