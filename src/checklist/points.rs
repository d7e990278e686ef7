//! Points as whole hundredths, so 0.5 + 0.25 + … adds up exactly and a score never depends on
//! floating-point rounding. Written and read as plain decimal numbers (`1.5`).

use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Points(pub u32);

/// The largest number of points anything may carry (a checklist total, say).
pub const MAX: u32 = 10_000_000;

impl Points {
    pub const ZERO: Points = Points(0);

    /// From a decimal with at most two decimals, 0 ≤ v ≤ 100000.
    pub fn from_f64(v: f64) -> Option<Points> {
        if !v.is_finite() || v < 0.0 {
            return None;
        }
        let hundredths = (v * 100.0).round();
        if (hundredths - v * 100.0).abs() > 1e-6 || hundredths > MAX as f64 {
            return None;
        }
        Some(Points(hundredths as u32))
    }

    /// Parse user input such as `2`, `1.5`, `0.25`, also with a full-width dot.
    pub fn parse(text: &str) -> Option<Points> {
        let t = text.trim().replace('．', ".");
        let (whole, frac) = t.split_once('.').unwrap_or((&t, ""));
        if whole.is_empty() && frac.is_empty()
            || !whole.bytes().all(|b| b.is_ascii_digit())
            || !frac.bytes().all(|b| b.is_ascii_digit())
            || whole.len() > 6
        {
            return None;
        }
        let frac = frac.trim_end_matches('0');
        if frac.len() > 2 {
            return None;
        }
        let w: u32 = if whole.is_empty() {
            0
        } else {
            whole.parse().ok()?
        };
        let f: u32 = format!("{frac:0<2}").parse().ok()?;
        let v = w.checked_mul(100)?.checked_add(f)?;
        (v <= MAX).then_some(Points(v))
    }

    pub fn as_f64(self) -> f64 {
        self.0 as f64 / 100.0
    }

    pub fn is_zero(self) -> bool {
        self.0 == 0
    }

    /// Whether `self` is a whole multiple of `step` (a zero step divides nothing).
    pub fn is_multiple_of(self, step: Points) -> bool {
        step.0 != 0 && self.0.is_multiple_of(step.0)
    }

    pub fn saturating_sub(self, other: Points) -> Points {
        Points(self.0.saturating_sub(other.0))
    }
}

impl std::ops::Add for Points {
    type Output = Points;
    fn add(self, o: Points) -> Points {
        Points(self.0.saturating_add(o.0))
    }
}

impl std::iter::Sum for Points {
    fn sum<I: Iterator<Item = Points>>(iter: I) -> Points {
        iter.fold(Points::ZERO, |a, b| a + b)
    }
}

impl fmt::Display for Points {
    /// `2`, `1.5`, `0.25`: no trailing zeros, as a sheet prints them.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (w, r) = (self.0 / 100, self.0 % 100);
        let s = if r == 0 {
            format!("{w}")
        } else if r % 10 == 0 {
            format!("{w}.{}", r / 10)
        } else {
            format!("{w}.{r:02}")
        };
        f.pad(&s)
    }
}

impl Serialize for Points {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        if self.0.is_multiple_of(100) {
            s.serialize_u64(u64::from(self.0 / 100))
        } else {
            s.serialize_f64(self.as_f64())
        }
    }
}

impl<'de> Deserialize<'de> for Points {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Points, D::Error> {
        let v = f64::deserialize(d)?;
        Points::from_f64(v).ok_or_else(|| {
            serde::de::Error::custom(format!(
                "{v} is not a number of points (0 or more, at most two decimals)"
            ))
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_and_prints_decimals_exactly() {
        for (text, hundredths, shown) in [
            ("2", 200, "2"),
            ("1.5", 150, "1.5"),
            ("0.25", 25, "0.25"),
            (".5", 50, "0.5"),
            ("3.10", 310, "3.1"),
            ("1．5", 150, "1.5"),
        ] {
            let p = Points::parse(text).unwrap();
            assert_eq!(p.0, hundredths, "{text}");
            assert_eq!(p.to_string(), shown);
        }
        for bad in ["", ".", "-1", "1.234", "abc", "1e3", "1,5", "9999999"] {
            assert_eq!(Points::parse(bad), None, "{bad:?}");
        }
    }

    #[test]
    fn from_float_rejects_more_than_two_decimals() {
        assert_eq!(Points::from_f64(0.1), Some(Points(10)));
        assert_eq!(Points::from_f64(1.005), None);
        assert_eq!(Points::from_f64(-1.0), None);
        assert_eq!(Points::from_f64(f64::NAN), None);
    }

    #[test]
    fn json_round_trip() {
        for p in [Points(0), Points(150), Points(1000), Points(25)] {
            let s = serde_json::to_string(&p).unwrap();
            assert_eq!(serde_json::from_str::<Points>(&s).unwrap(), p, "{s}");
        }
        assert_eq!(serde_json::to_string(&Points(300)).unwrap(), "3");
    }

    #[test]
    fn multiples() {
        assert!(Points(1200).is_multiple_of(Points(150)));
        assert!(!Points(100).is_multiple_of(Points(150)));
        assert!(!Points(100).is_multiple_of(Points(0)));
    }
}
