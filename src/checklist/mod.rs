//! Stage 4a: checklists (评查标准) — the items a reviewer scores a case file against, their points,
//! veto and "blocks 优秀" rules, and the grade scale. Loaded from TOML files whose schema is
//! documented in `checklists/README.md`; this stage only reads and validates, it never scores.

pub mod categories;
pub mod load;
pub mod points;

use categories::CategorySet;
pub use load::{ChecklistError, ChecklistProblem};
use points::Points;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum VetoEffect {
    /// A vetoed file scores 0 and gets the veto grade.
    ScoreZero,
    /// The score stands; the grade is the veto grade.
    GradeOnly,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Grade {
    pub name: String,
    pub name_en: String,
    pub min: Points,
    /// Exclusive upper bound; `None` for the highest grade.
    pub below: Option<Points>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Section {
    pub id: String,
    pub title: String,
    pub title_en: String,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ChecklistItem {
    pub id: String,
    /// Index into `Checklist::sections`.
    pub section: usize,
    pub text: String,
    pub text_en: String,
    pub max_points: Points,
    pub step: Points,
    pub deduction: String,
    pub deduction_en: String,
    pub veto: bool,
    pub blocks_excellent: bool,
    pub basis: Vec<String>,
    pub sources: Vec<String>,
    pub category: BTreeMap<CategorySet, String>,
}

/// A validated checklist and the digest of the exact file it came from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Checklist {
    pub id: String,
    pub version: String,
    pub title: String,
    pub title_en: String,
    pub case_types: Vec<String>,
    pub total_points: Points,
    pub veto_effect: VetoEffect,
    pub veto_grade: Option<String>,
    pub basis_law: Option<String>,
    pub category_sets: Vec<CategorySet>,
    pub note: Option<String>,
    pub grades: Vec<Grade>,
    pub sections: Vec<Section>,
    pub items: Vec<ChecklistItem>,
    pub sha256: String,
}

/// What a review records about the checklist it used.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ChecklistRef {
    pub id: String,
    pub version: String,
    pub sha256: String,
}

impl Checklist {
    pub fn reference(&self) -> ChecklistRef {
        ChecklistRef {
            id: self.id.clone(),
            version: self.version.clone(),
            sha256: self.sha256.clone(),
        }
    }

    pub fn item_index(&self, id: &str) -> Option<usize> {
        self.items.iter().position(|i| i.id == id)
    }

    /// The grade a score falls in on this checklist's scale (ignoring veto and blocking rules).
    pub fn grade_for(&self, score: Points) -> &Grade {
        self.grades
            .iter()
            .find(|g| score >= g.min)
            .unwrap_or_else(|| &self.grades[self.grades.len() - 1])
    }

    pub fn grade_named(&self, name: &str) -> Option<&Grade> {
        self.grades.iter().find(|g| g.name == name)
    }

    /// Whether this checklist applies to a register case type by its `case_types` list.
    pub fn matches_case_type(&self, case_type: &str) -> bool {
        let wanted = normalize_case_type(case_type);
        self.case_types
            .iter()
            .any(|t| normalize_case_type(t) == wanted)
    }
}

/// Case types compare without spaces and without the full-/half-width bracket difference, since
/// registers typed on different machines mix `（` and `(`.
pub fn normalize_case_type(t: &str) -> String {
    t.chars()
        .filter(|c| !c.is_whitespace())
        .map(|c| match c {
            '（' => '(',
            '）' => ')',
            c => c,
        })
        .collect()
}

/// The checklists shipped with anjuan, compiled in so the binary works anywhere:
/// (file name, file bytes).
pub const BUILTIN: [(&str, &str); 5] = [
    (
        "xzcf-ordinary.toml",
        include_str!("../../checklists/xzcf-ordinary.toml"),
    ),
    (
        "xzcf-simple.toml",
        include_str!("../../checklists/xzcf-simple.toml"),
    ),
    ("xzxk.toml", include_str!("../../checklists/xzxk.toml")),
    ("xzqz.toml", include_str!("../../checklists/xzqz.toml")),
    ("xzjc.toml", include_str!("../../checklists/xzjc.toml")),
];

/// The built-in checklists, parsed.
pub fn builtin() -> Result<Vec<Checklist>, ChecklistError> {
    BUILTIN
        .iter()
        .map(|(name, text)| load::parse(name, text.as_bytes()))
        .collect()
}

/// The built-in checklists with the bytes they were parsed from (what a plan copies).
pub fn builtin_files() -> Result<Vec<(Checklist, Vec<u8>)>, ChecklistError> {
    BUILTIN
        .iter()
        .map(|(name, text)| {
            load::parse(name, text.as_bytes()).map(|c| (c, text.as_bytes().to_vec()))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_checklists_are_valid_and_distinct() {
        let all = builtin().unwrap_or_else(|e| panic!("{}", e.render(crate::i18n::Lang::En)));
        let mut ids: Vec<_> = all.iter().map(|c| c.id.clone()).collect();
        ids.sort();
        ids.dedup();
        assert_eq!(ids.len(), BUILTIN.len());
        for c in &all {
            let sum: Points = c.items.iter().map(|i| i.max_points).sum();
            assert_eq!(sum, c.total_points, "{}", c.id);
            assert!(c.items.iter().any(|i| i.veto), "{} has a veto layer", c.id);
            for set in CategorySet::ALL {
                assert!(c.items.iter().all(|i| i.category.contains_key(&set)));
            }
        }
    }

    #[test]
    fn sample_case_types_all_have_a_checklist() {
        let all = builtin().unwrap();
        for t in [
            "行政处罚（一般程序）",
            "行政处罚（简易程序）",
            "行政许可",
            "行政强制",
            "行政检查",
            "行政处罚 (一般程序)",
        ] {
            let n = all.iter().filter(|c| c.matches_case_type(t)).count();
            assert_eq!(n, 1, "{t}");
        }
    }
}
