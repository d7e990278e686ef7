//! The 评查意见书 of a campaign gathered from the record: for one agency, its reviewed files with
//! score and grade, and every one of its rectification items (not withdrawn) with item, finding,
//! evidence page, basis and deadline — the plain `feedback::Letter` the writers lay out.

use super::feedback::{Letter, LetterFile, LetterProblem};
use crate::i18n::Lang;
use crate::rectification::Rectification;
use crate::tr;

/// How the office heads its letters.
#[derive(Clone, Debug, Default)]
pub struct Heading {
    pub office: String,
    /// 文号; `{n}` is replaced by the letter's number in this run (1, 2, …).
    pub number: String,
    pub campaign: String,
    pub date: String,
    pub deadline: String,
}

/// The letter to `agency`, the `n`-th of this run.
pub fn letter(r: &Rectification, agency: &str, h: &Heading, n: usize, lang: Lang) -> Letter {
    let review = &r.review;
    let files = r
        .agency_files(agency)
        .into_iter()
        .map(|i| {
            let f = &review.files[i];
            let (score, grade) = match review.checklist_of(i) {
                Some(c) if review.states[i].is_finalized() => {
                    let s = review.states[i].score(c);
                    (s.points.to_string(), s.grade)
                }
                _ => (String::new(), lang.pick("未定稿", "not finalized").into()),
            };
            LetterFile {
                case_id: f.id().to_string(),
                case_type: f.case_type().to_string(),
                score,
                grade,
            }
        })
        .collect();
    let problems = r
        .book
        .items
        .iter()
        .filter(|it| it.agency == agency && !it.withdrawn() && it.carried.is_none())
        .map(|it| LetterProblem {
            id: it.id.clone(),
            case_id: it.case_id.clone(),
            item: it.item_label(),
            category: it.category.clone(),
            verdict: match (it.verdict.as_str(), &it.points) {
                ("veto", _) => lang.pick("否决", "veto").into(),
                (_, Some(p)) => tr!(lang, "扣 {p} 分", "minus {p}"),
                _ => lang.pick("扣分", "deduct").into(),
            },
            finding: it.finding.clone(),
            evidence: it.evidence.clone(),
            basis: it.basis.join(lang.pick("；", "; ")),
            deadline: it
                .deadline
                .clone()
                .filter(|d| *d != h.deadline)
                .unwrap_or_default(),
        })
        .collect();
    Letter {
        office: h.office.clone(),
        doc_number: h.number.replace("{n}", &n.to_string()),
        campaign: h.campaign.clone(),
        agency: agency.to_string(),
        date: h.date.clone(),
        deadline: h.deadline.clone(),
        files,
        problems,
        digests: vec![
            tr!(lang, "日志头 {}", "journal head {}", review.journal.head()),
            tr!(lang, "整改记录头 {}", "record head {}", r.head()),
            tr!(
                lang,
                "抽取记录 SHA-256 {}",
                "draw record SHA-256 {}",
                review.draw_ref.sha256
            ),
        ],
    }
}
