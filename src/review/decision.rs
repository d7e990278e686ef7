//! A reviewer's decision on one checklist item — 符合 / 扣分 / 不适用 / 否决 — with the finding
//! and evidence reference that must back it, and the rules that make a decision valid for an item.

use crate::checklist::points::Points;
use crate::checklist::ChecklistItem;
use crate::i18n::Lang;
use crate::tr;
use serde::{Deserialize, Serialize};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Verdict {
    /// 符合: full points.
    Pass,
    /// 扣分: `points` off the item, never below zero for it.
    Deduct,
    /// 不适用 / 不涉及: full points.
    Na,
    /// 否决: only on veto items.
    Veto,
}

impl Verdict {
    pub fn label(self, lang: Lang) -> &'static str {
        match self {
            Verdict::Pass => lang.pick("符合", "pass"),
            Verdict::Deduct => lang.pick("扣分", "deduct"),
            Verdict::Na => lang.pick("不适用", "n/a"),
            Verdict::Veto => lang.pick("否决", "veto"),
        }
    }

    /// Accepts the English keywords and the Chinese words a paper sheet would carry.
    pub fn parse(text: &str) -> Option<Verdict> {
        match text.trim().to_lowercase().as_str() {
            "pass" | "符合" | "通过" | "合格" => Some(Verdict::Pass),
            "deduct" | "扣分" => Some(Verdict::Deduct),
            "na" | "n/a" | "不适用" | "不涉及" => Some(Verdict::Na),
            "veto" | "否决" => Some(Verdict::Veto),
            _ => None,
        }
    }
}

/// The decided state of one item.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Decision {
    pub verdict: Verdict,
    /// Points deducted (扣分); only with `Deduct`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub points: Option<Points>,
    /// 问题描述: required for a deduction or veto.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub finding: Option<String>,
    /// 卷内页码 or another pointer into the paper file.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub evidence: Option<String>,
}

pub const MAX_FINDING_CHARS: usize = 2000;
pub const MAX_SHORT_CHARS: usize = 200;

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum DecisionError {
    DeductOnZeroItem,
    DeductNeedsPoints,
    PointsNotDeduct,
    DeductZero,
    TooMany { max: Points },
    NotAStep { step: Points },
    VetoNotAllowed,
    FindingRequired,
    TooLong { what: &'static str, max: usize },
    Control { what: &'static str, code: u32 },
}

impl DecisionError {
    pub fn render(&self, lang: Lang) -> String {
        use DecisionError::*;
        match self {
            DeductOnZeroItem => tr!(
                lang,
                "该条目分值为 0（否决项），不能扣分：请选择符合、不适用或否决",
                "this item is worth 0 points (a veto item) and cannot be deducted: choose pass, n/a or veto"
            ),
            DeductNeedsPoints => tr!(lang, "扣分须写明扣几分", "a deduction needs its points"),
            PointsNotDeduct => tr!(
                lang,
                "只有“扣分”才能填写分数",
                "points go only with a deduction"
            ),
            DeductZero => tr!(
                lang,
                "扣分须大于 0；不扣分请选“符合”",
                "a deduction must be more than 0; use pass for no deduction"
            ),
            TooMany { max } => tr!(
                lang,
                "本条目最多扣 {max} 分（扣完为止，不计负分）",
                "this item allows at most {max} points off (never below zero)"
            ),
            NotAStep { step } => tr!(
                lang,
                "扣分须是 {step} 分的整数倍（本条目的扣分步长）",
                "a deduction must be a whole multiple of {step} (this item's step)"
            ),
            VetoNotAllowed => tr!(
                lang,
                "该条目不是否决项，不能否决",
                "this item is not a veto item and cannot be vetoed"
            ),
            FindingRequired => tr!(
                lang,
                "扣分或否决必须填写问题描述（--finding）",
                "a deduction or veto needs a finding (--finding)"
            ),
            TooLong { what, max } => tr!(
                lang,
                "{what}过长（最多 {max} 字）",
                "{what} is too long (at most {max} characters)"
            ),
            Control { what, code } => tr!(
                lang,
                "{what}含有不可见的控制字符 U+{code:04X}，请删除",
                "{what} contains the invisible control character U+{code:04X}; remove it"
            ),
        }
    }
}

/// Characters that must never reach a sheet or a terminal: C0/C1 controls (except a line break in
/// longer texts) and the invisible format characters (`chars::is_format`: bidi overrides and
/// isolates, zero-width characters) that can make text read differently than it is stored.
pub fn forbidden_char(text: &str, allow_newline: bool) -> Option<char> {
    text.chars()
        .find(|&c| (c.is_control() && !(allow_newline && c == '\n')) || crate::chars::is_format(c))
}

/// Trim a free text and check it; `None` if empty after trimming.
pub fn clean_text(
    text: Option<&str>,
    what: &'static str,
    max: usize,
    allow_newline: bool,
) -> Result<Option<String>, DecisionError> {
    let Some(t) = text.map(|t| t.trim().replace("\r\n", "\n")) else {
        return Ok(None);
    };
    if t.is_empty() {
        return Ok(None);
    }
    if let Some(c) = forbidden_char(&t, allow_newline) {
        return Err(DecisionError::Control {
            what,
            code: c as u32,
        });
    }
    if t.chars().count() > max {
        return Err(DecisionError::TooLong { what, max });
    }
    Ok(Some(t))
}

impl Decision {
    /// Build a decision from loose parts, checking it against the item.
    pub fn new(
        item: &ChecklistItem,
        verdict: Verdict,
        points: Option<Points>,
        finding: Option<&str>,
        evidence: Option<&str>,
        lang: Lang,
    ) -> Result<Decision, DecisionError> {
        let finding = clean_text(
            finding,
            lang.pick("问题描述", "the finding"),
            MAX_FINDING_CHARS,
            true,
        )?;
        let evidence = clean_text(
            evidence,
            lang.pick("卷内页码", "the evidence reference"),
            MAX_SHORT_CHARS,
            false,
        )?;
        let d = Decision {
            verdict,
            points,
            finding,
            evidence,
        };
        d.check(item)?;
        Ok(d)
    }

    /// The rules of `checklists/README.md` ("Scoring").
    pub fn check(&self, item: &ChecklistItem) -> Result<(), DecisionError> {
        match (self.verdict, self.points) {
            (Verdict::Deduct, None) => return Err(DecisionError::DeductNeedsPoints),
            (Verdict::Deduct, Some(p)) => {
                if item.max_points.is_zero() {
                    return Err(DecisionError::DeductOnZeroItem);
                }
                if p.is_zero() {
                    return Err(DecisionError::DeductZero);
                }
                if p > item.max_points {
                    return Err(DecisionError::TooMany {
                        max: item.max_points,
                    });
                }
                if !p.is_multiple_of(item.step) {
                    return Err(DecisionError::NotAStep { step: item.step });
                }
            }
            (_, Some(_)) => return Err(DecisionError::PointsNotDeduct),
            (Verdict::Veto, None) if !item.veto => return Err(DecisionError::VetoNotAllowed),
            _ => {}
        }
        if matches!(self.verdict, Verdict::Deduct | Verdict::Veto) && self.finding.is_none() {
            return Err(DecisionError::FindingRequired);
        }
        Ok(())
    }

    /// Points taken off this item.
    pub fn deducted(&self) -> Points {
        match self.verdict {
            Verdict::Deduct => self.points.unwrap_or_default(),
            _ => Points::ZERO,
        }
    }

    /// `扣分 1.5` / `deduct 1.5`, for lists and messages.
    pub fn short(&self, lang: Lang) -> String {
        match self.points {
            Some(p) => format!("{} {p}", self.verdict.label(lang)),
            None => self.verdict.label(lang).to_string(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeMap;

    fn item(max: u32, step: u32, veto: bool) -> ChecklistItem {
        ChecklistItem {
            id: "X1".into(),
            section: 0,
            text: "t".into(),
            text_en: "t".into(),
            max_points: Points(max),
            step: Points(step),
            deduction: "d".into(),
            deduction_en: String::new(),
            veto,
            blocks_excellent: false,
            basis: vec![],
            sources: vec![],
            category: BTreeMap::new(),
        }
    }

    fn try_(
        it: &ChecklistItem,
        v: Verdict,
        p: Option<u32>,
        f: Option<&str>,
    ) -> Result<Decision, DecisionError> {
        Decision::new(it, v, p.map(Points), f, None, Lang::En)
    }

    #[test]
    fn deduction_rules() {
        let it = item(300, 50, false);
        assert!(try_(&it, Verdict::Deduct, Some(150), Some("缺页码")).is_ok());
        assert_eq!(
            try_(&it, Verdict::Deduct, Some(350), Some("x")),
            Err(DecisionError::TooMany { max: Points(300) })
        );
        assert_eq!(
            try_(&it, Verdict::Deduct, Some(120), Some("x")),
            Err(DecisionError::NotAStep { step: Points(50) })
        );
        assert_eq!(
            try_(&it, Verdict::Deduct, Some(0), Some("x")),
            Err(DecisionError::DeductZero)
        );
        assert_eq!(
            try_(&it, Verdict::Deduct, None, Some("x")),
            Err(DecisionError::DeductNeedsPoints)
        );
        assert_eq!(
            try_(&it, Verdict::Deduct, Some(100), Some("  ")),
            Err(DecisionError::FindingRequired)
        );
        assert_eq!(
            try_(&it, Verdict::Pass, Some(100), None),
            Err(DecisionError::PointsNotDeduct)
        );
        assert_eq!(
            try_(&it, Verdict::Veto, None, Some("x")),
            Err(DecisionError::VetoNotAllowed)
        );
        assert!(try_(&it, Verdict::Na, None, None).is_ok());
    }

    #[test]
    fn veto_items() {
        let it = item(0, 100, true);
        assert!(try_(&it, Verdict::Veto, None, Some("无执法证")).is_ok());
        assert_eq!(
            try_(&it, Verdict::Veto, None, None),
            Err(DecisionError::FindingRequired)
        );
        assert_eq!(
            try_(&it, Verdict::Deduct, Some(100), Some("x")),
            Err(DecisionError::DeductOnZeroItem)
        );
        assert!(try_(&it, Verdict::Pass, None, None).is_ok());
    }

    #[test]
    fn hostile_text_is_refused() {
        let it = item(300, 100, false);
        for bad in ["a\u{202E}b", "a\u{0007}b", "a\rb"] {
            assert!(
                matches!(
                    try_(&it, Verdict::Deduct, Some(100), Some(bad)),
                    Err(DecisionError::Control { .. })
                ),
                "{bad:?}"
            );
        }
        let d = try_(&it, Verdict::Deduct, Some(100), Some(" 第一处\r\n第二处 ")).unwrap();
        assert_eq!(d.finding.as_deref(), Some("第一处\n第二处"));
        let long = "字".repeat(MAX_FINDING_CHARS + 1);
        assert!(matches!(
            try_(&it, Verdict::Deduct, Some(100), Some(&long)),
            Err(DecisionError::TooLong { .. })
        ));
    }

    #[test]
    fn verdict_words() {
        assert_eq!(Verdict::parse("扣分"), Some(Verdict::Deduct));
        assert_eq!(Verdict::parse(" PASS "), Some(Verdict::Pass));
        assert_eq!(Verdict::parse("不涉及"), Some(Verdict::Na));
        assert_eq!(Verdict::parse("否决"), Some(Verdict::Veto));
        assert_eq!(Verdict::parse("maybe"), None);
    }
}
