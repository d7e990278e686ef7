//! A file's score and grade from its decisions, by the checklist's own rules: deductions off the
//! total, a veto to the veto grade (and 0 with `score_zero`), and a deduction on a
//! `blocks_excellent` item keeping the file out of the highest grade.

use super::decision::{Decision, Verdict};
use crate::checklist::points::Points;
use crate::checklist::{Checklist, VetoEffect};
use serde::Serialize;

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Score {
    /// The file's score (0 after a veto with `score_zero`).
    pub points: Points,
    pub total: Points,
    pub deducted: Points,
    /// Items decided, out of `items`.
    pub decided: usize,
    pub items: usize,
    /// Ids of items decided 否决.
    pub vetoes: Vec<String>,
    /// Ids of `blocks_excellent` items with a deduction.
    pub blocking: Vec<String>,
    pub grade: String,
    pub grade_en: String,
}

impl Score {
    pub fn complete(&self) -> bool {
        self.decided == self.items
    }
}

/// Score `decisions` (one slot per checklist item, `None` = not decided yet). Undecided items
/// count as full points, so a file in progress shows what it would score if the rest passed.
pub fn score(checklist: &Checklist, decisions: &[Option<Decision>]) -> Score {
    let mut deducted = Points::ZERO;
    let mut vetoes = Vec::new();
    let mut blocking = Vec::new();
    let mut decided = 0;
    for (item, d) in checklist.items.iter().zip(decisions) {
        let Some(d) = d else { continue };
        decided += 1;
        let off = d.deducted().min(item.max_points);
        deducted = deducted + off;
        if d.verdict == Verdict::Veto {
            vetoes.push(item.id.clone());
        }
        if item.blocks_excellent && !off.is_zero() {
            blocking.push(item.id.clone());
        }
    }
    let mut points = checklist.total_points.saturating_sub(deducted);
    let grade = if vetoes.is_empty() {
        let by_score = checklist.grade_for(points);
        let top = &checklist.grades[0];
        if by_score == top && !blocking.is_empty() && checklist.grades.len() > 1 {
            &checklist.grades[1]
        } else {
            by_score
        }
    } else {
        if checklist.veto_effect == VetoEffect::ScoreZero {
            points = Points::ZERO;
        }
        checklist
            .veto_grade
            .as_deref()
            .and_then(|g| checklist.grade_named(g))
            .unwrap_or_else(|| &checklist.grades[checklist.grades.len() - 1])
    };
    Score {
        points,
        total: checklist.total_points,
        deducted,
        decided,
        items: checklist.items.len(),
        vetoes,
        blocking,
        grade: grade.name.clone(),
        grade_en: grade.name_en.clone(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::checklist::load::parse;

    const CHECKLIST: &str = r#"
[checklist]
id = "t"
version = "1"
title = "测试"
title_en = "test"
total_points = 10
veto_grade = "不合格"
[[grades]]
name = "优秀"
name_en = "excellent"
min = 9
[[grades]]
name = "合格"
name_en = "pass"
min = 6
below = 9
[[grades]]
name = "不合格"
name_en = "fail"
min = 0
below = 6
[[sections]]
id = "A"
title = "甲"
title_en = "a"
[[items]]
id = "V1"
section = "A"
text = "否决"
text_en = "veto"
max_points = 0
veto = true
basis = []
category = { youxian = "选择性执法问题", liulin = "野蛮执法问题", hunan = "执法乱作为" }
[[items]]
id = "A1"
section = "A"
text = "印章"
text_en = "seal"
max_points = 4
step = 0.5
deduction = "每处扣0.5分"
blocks_excellent = true
basis = []
category = { youxian = "随意性执法问题", liulin = "其他问题", hunan = "执法不文明不规范" }
[[items]]
id = "A2"
section = "A"
text = "文书"
text_en = "documents"
max_points = 6
deduction = "每处扣1分"
basis = []
category = { youxian = "随意性执法问题", liulin = "其他问题", hunan = "执法不文明不规范" }
"#;

    fn d(v: Verdict, p: Option<u32>) -> Option<Decision> {
        Some(Decision {
            verdict: v,
            points: p.map(Points),
            finding: Some("f".into()),
            evidence: None,
        })
    }

    #[test]
    fn grades_follow_the_rules() {
        let c = parse("t.toml", CHECKLIST.as_bytes()).unwrap();
        let pass = d(Verdict::Pass, None);
        let s = score(&c, &[pass.clone(), pass.clone(), pass.clone()]);
        assert_eq!(
            (s.points, s.grade.as_str(), s.complete()),
            (Points(1000), "优秀", true)
        );

        // 0.5 off a blocking item: 9.5 would be 优秀, but the item bars it.
        let s = score(
            &c,
            &[pass.clone(), d(Verdict::Deduct, Some(50)), pass.clone()],
        );
        assert_eq!((s.points, s.grade.as_str()), (Points(950), "合格"));
        assert_eq!(s.blocking, vec!["A1".to_string()]);

        // 8.5 is inside 合格's range [6, 9).
        let s = score(
            &c,
            &[pass.clone(), pass.clone(), d(Verdict::Deduct, Some(150))],
        );
        assert_eq!((s.points, s.grade.as_str()), (Points(850), "合格"));

        let s = score(&c, &[d(Verdict::Veto, None), pass.clone(), pass.clone()]);
        assert_eq!((s.points, s.grade.as_str()), (Points(0), "不合格"));
        assert_eq!(s.vetoes, vec!["V1".to_string()]);

        // Undecided items count in full but keep the file incomplete.
        let s = score(&c, &[None, d(Verdict::Na, None), None]);
        assert_eq!(
            (s.points, s.decided, s.complete()),
            (Points(1000), 1, false)
        );
    }

    #[test]
    fn grade_only_veto_keeps_the_score() {
        let text = CHECKLIST.replace("veto_grade", "veto_effect = \"grade_only\"\nveto_grade");
        let c = parse("t.toml", text.as_bytes()).unwrap();
        let pass = d(Verdict::Pass, None);
        let s = score(
            &c,
            &[
                d(Verdict::Veto, None),
                pass.clone(),
                d(Verdict::Deduct, Some(100)),
            ],
        );
        assert_eq!((s.points, s.grade.as_str()), (Points(900), "不合格"));
    }
}
