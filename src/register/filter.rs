//! Which register rows enter the population: closed-date range, case types, agencies. Filters are
//! part of the frozen record, so the same files and filters always give the same population.

use super::columns::Role;
use super::dates::Date;
use crate::i18n::Lang;
use crate::tr;
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Filter {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub closed_from: Option<Date>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub closed_to: Option<Date>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub case_types: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub agencies: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FilterError(pub String);

impl Filter {
    pub fn is_empty(&self) -> bool {
        *self == Filter::default()
    }

    pub fn uses_date(&self) -> bool {
        self.closed_from.is_some() || self.closed_to.is_some()
    }

    /// Add one `--filter` expression: `closed>=2024-01-01`, `closed<=2024-12-31`,
    /// `closed=2024-01-01..2024-12-31`, `case_type=行政许可`, `agency=攸县公安局`. Keys may be any
    /// header alias of the role (`办结日期`, `案件类型`, `执法机关`). Repeating a key widens a set.
    pub fn add(&mut self, expr: &str, lang: Lang) -> Result<(), FilterError> {
        let bad = || {
            FilterError(tr!(
                lang,
                "无法理解筛选条件“{expr}”。可用：closed>=2024-01-01、closed<=2024-12-31、closed=2024-01-01..2024-12-31、case_type=行政许可、agency=攸县公安局",
                "cannot read the filter {expr:?}. Use closed>=2024-01-01, closed<=2024-12-31, closed=2024-01-01..2024-12-31, case_type=行政许可 or agency=攸县公安局"
            ))
        };
        let (key, op, value) = ["<=", ">=", "="]
            .iter()
            .find_map(|op| expr.split_once(op).map(|(k, v)| (k.trim(), *op, v.trim())))
            .ok_or_else(bad)?;
        let date = |t: &str| {
            Date::parse(t).ok_or_else(|| {
                FilterError(tr!(
                    lang,
                    "筛选条件中的日期“{t}”无法识别",
                    "the date {t:?} in the filter cannot be read"
                ))
            })
        };
        match (Role::from_alias(key), op) {
            (Some(Role::ClosedDate), ">=") => self.closed_from = Some(date(value)?),
            (Some(Role::ClosedDate), "<=") => self.closed_to = Some(date(value)?),
            (Some(Role::ClosedDate), "=") => {
                let (a, b) = value.split_once("..").ok_or_else(bad)?;
                self.closed_from = Some(date(a.trim())?);
                self.closed_to = Some(date(b.trim())?);
            }
            (Some(Role::CaseType), "=") if !value.is_empty() => {
                self.case_types.push(value.to_string())
            }
            (Some(Role::Agency), "=") if !value.is_empty() => self.agencies.push(value.to_string()),
            _ => return Err(bad()),
        }
        Ok(())
    }

    /// Like `keeps`, fetching the case type and agency only when a filter needs them.
    pub fn keeps_with<'a>(
        &self,
        date: Option<Date>,
        values: impl FnOnce() -> (Option<&'a str>, Option<&'a str>),
    ) -> bool {
        if self.is_empty() {
            return true;
        }
        let (case_type, agency) = values();
        self.keeps(date, case_type, agency)
    }

    /// Does a row with these values enter the population?
    pub fn keeps(&self, date: Option<Date>, case_type: Option<&str>, agency: Option<&str>) -> bool {
        if let Some(from) = self.closed_from {
            if date.is_none_or(|d| d < from) {
                return false;
            }
        }
        if let Some(to) = self.closed_to {
            if date.is_none_or(|d| d > to) {
                return false;
            }
        }
        if !self.case_types.is_empty()
            && !case_type.is_some_and(|t| self.case_types.iter().any(|c| c == t))
        {
            return false;
        }
        if !self.agencies.is_empty()
            && !agency.is_some_and(|a| self.agencies.iter().any(|c| c == a))
        {
            return false;
        }
        true
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parse_and_apply() {
        let mut f = Filter::default();
        f.add("办结日期=2024-01-01..2024-06-30", Lang::Zh).unwrap();
        f.add("case_type=行政许可", Lang::Zh).unwrap();
        f.add("案件类型=行政强制", Lang::Zh).unwrap();
        let d = Date::parse;
        assert!(f.keeps(d("2024-03-01"), Some("行政许可"), Some("x")));
        assert!(f.keeps(d("2024-06-30"), Some("行政强制"), None));
        assert!(!f.keeps(d("2024-07-01"), Some("行政许可"), None));
        assert!(!f.keeps(d("2024-03-01"), Some("行政检查"), None));
        assert!(!f.keeps(None, Some("行政许可"), None));
        assert!(f.add("colour=red", Lang::En).is_err());
        assert!(f.add("closed>=2024-13-01", Lang::En).is_err());
    }
}
