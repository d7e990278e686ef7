//! The campaign's figures, computed once from the review for every place that shows them: the
//! 评查情况汇总表 and its charts, the 通报 draft and the public page. Each place prints the same
//! numbers because each takes them from here: files drawn and finalized per agency, grade
//! counts, vetoes, average, highest and lowest score, the ranking, the 优秀率 and 合格率, and the
//! problems found per category of the campaign's category set.
//!
//! Only finalized files count (a file in progress may still change). Averages and shares are
//! computed exactly in integers and rounded half up to one decimal, never through a float, so
//! the same journal gives the same figures on every machine.

use super::findings;
use crate::checklist::points::Points;
use crate::checklist::Checklist;
use crate::i18n::Lang;
use crate::register::population::Role;
use crate::review::state::Status;
use crate::review::Review;
use std::cmp::Ordering;
use std::collections::BTreeMap;

/// A grade's names, in the order of the first checklist (then any other grade a file got).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct GradeName {
    pub zh: String,
    pub en: String,
}

impl GradeName {
    /// The name to print: the English one only when asked for and present.
    pub fn pick(&self, lang: Lang) -> &str {
        findings::pick_text(lang, &self.zh, &self.en)
    }
}

/// The figures of one agency, or of all of them (`Figures::total`).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct AgencyFigures {
    pub agency: String,
    /// 1-based rank by average score; `None` for an agency with no finalized file.
    pub rank: Option<usize>,
    /// Sample files drawn (alternates not counted).
    pub drawn: usize,
    /// Scores of the finalized files (sample files and alternates taken up), in hundredths.
    pub scores: Vec<Points>,
    /// Finalized files per grade, aligned with `Figures::grades`.
    pub grades: Vec<usize>,
    /// Finalized files with a veto (否决).
    pub vetoed: usize,
    /// Finalized files graded excellent (the first checklist's highest grade).
    pub excellent: usize,
    /// Finalized files graded as failing (the checklist's veto grade, or its lowest grade).
    pub failed: usize,
}

impl AgencyFigures {
    pub fn finalized(&self) -> usize {
        self.scores.len()
    }

    pub fn sum(&self) -> u64 {
        self.scores.iter().map(|p| u64::from(p.0)).sum()
    }

    /// The average score in tenths, rounded half up (`617` for 61.7); `None` without files.
    pub fn average_tenths(&self) -> Option<u64> {
        let n = self.finalized() as u64;
        (n > 0).then(|| (self.sum() + 5 * n) / (10 * n))
    }

    /// The average with one decimal (`61.7`), empty without finalized files.
    pub fn average_text(&self) -> String {
        self.average_tenths().map(tenths_text).unwrap_or_default()
    }

    pub fn highest(&self) -> Option<Points> {
        self.scores.iter().max().copied()
    }

    pub fn lowest(&self) -> Option<Points> {
        self.scores.iter().min().copied()
    }

    /// 优秀率 as a percentage with one decimal (`33.3`), empty without finalized files.
    pub fn excellent_rate(&self) -> String {
        self.share(self.excellent)
    }

    /// 合格率: the files not failing, as a percentage with one decimal.
    pub fn pass_rate(&self) -> String {
        self.share(self.finalized() - self.failed)
    }

    /// `k` of the finalized files as a percentage with one decimal, empty without files.
    pub fn share(&self, k: usize) -> String {
        if self.finalized() == 0 {
            String::new()
        } else {
            percent(k, self.finalized())
        }
    }

    /// Average score descending, exactly (no floating point); agencies with no finalized file
    /// last.
    fn cmp_average(&self, other: &AgencyFigures) -> Ordering {
        match (self.finalized(), other.finalized()) {
            (0, 0) => Ordering::Equal,
            (0, _) => Ordering::Greater,
            (_, 0) => Ordering::Less,
            (a, b) => (other.sum() * a as u64).cmp(&(self.sum() * b as u64)),
        }
    }

    fn add(&mut self, other: &AgencyFigures) {
        self.drawn += other.drawn;
        self.scores.extend_from_slice(&other.scores);
        if self.grades.len() < other.grades.len() {
            self.grades.resize(other.grades.len(), 0);
        }
        for (k, n) in other.grades.iter().enumerate() {
            self.grades[k] += n;
        }
        self.vetoed += other.vetoed;
        self.excellent += other.excellent;
        self.failed += other.failed;
    }
}

/// Problems found in one category of the campaign's category set.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CategoryCount {
    pub category: String,
    pub count: usize,
}

/// Everything the summaries, charts, the 通报 and the public page print about the results.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Figures {
    pub grades: Vec<GradeName>,
    /// Every agency with a drawn file, ranked: average descending, then more files finalized,
    /// then the name; agencies with no finalized file last, unranked.
    pub agencies: Vec<AgencyFigures>,
    pub total: AgencyFigures,
    /// The categories of the campaign's set in the work plan's order (zero counts included),
    /// then any other category a finding has.
    pub categories: Vec<CategoryCount>,
    /// The category set's title (e.g. 攸县 行政执法乱象专项整治).
    pub category_set: String,
    /// Findings (items decided 扣分 or 否决 in finalized files).
    pub problems: usize,
    pub samples: usize,
    pub alternates: usize,
    /// Files finalized, in progress and not started (alternates only once taken up).
    pub finalized: usize,
    pub in_progress: usize,
    pub not_started: usize,
    /// Whether every sample file is finalized (otherwise the figures are provisional).
    pub all_samples_final: bool,
    /// The same figures of the targeted files (重点抽查), when the draw has any. They are kept
    /// apart: the figures above are the random sample's alone.
    pub targeted: Option<Box<Figures>>,
}

/// Which drawn files a set of figures is of.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Part {
    /// The random sample and the alternates taken up (随机抽取).
    Random,
    /// The targeted files (重点抽查).
    Targeted,
}

impl Part {
    pub fn holds(self, role: Role) -> bool {
        (role == Role::Targeted) == (self == Part::Targeted)
    }
}

/// The grade a file fails with under checklist `c`: its veto grade, or else its lowest grade.
fn failing_grade(c: &Checklist) -> Option<&str> {
    c.veto_grade.as_deref().or_else(|| {
        c.grades
            .iter()
            .min_by_key(|g| g.min)
            .map(|g| g.name.as_str())
    })
}

/// A finding to quote as a typical example of its category.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Example {
    pub agency: String,
    pub case_id: String,
    /// The checklist item's id, e.g. `B2`, and its text.
    pub item_id: String,
    pub item_text: String,
    /// The finding, with its 卷内页码 (`finding（卷内页码 12）`).
    pub finding: String,
}

/// The problems of one category with up to `n` typical examples.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CategoryExamples {
    pub category: String,
    pub count: usize,
    pub examples: Vec<Example>,
}

/// A finalized file graded as failing (不合格).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FailedFile {
    pub agency: String,
    pub case_id: String,
    pub case_type: String,
    pub score: Points,
    pub grade: String,
    /// The items decided 否决, as `id title`.
    pub vetoes: Vec<String>,
}

/// `part / whole` as a percentage with one decimal, rounded half up (`33.3`).
pub fn percent(part: usize, whole: usize) -> String {
    let (part, whole) = (part as u64, whole.max(1) as u64);
    tenths_text((2000 * part + whole) / (2 * whole))
}

/// `617` → `61.7`.
pub fn tenths_text(tenths: u64) -> String {
    format!("{}.{}", tenths / 10, tenths % 10)
}

/// Average score descending, then more files finalized, then the agency's name.
fn ranking(a: &AgencyFigures, b: &AgencyFigures) -> Ordering {
    a.cmp_average(b)
        .then(b.finalized().cmp(&a.finalized()))
        .then(a.agency.cmp(&b.agency))
}

impl Figures {
    /// The random sample's figures, with the targeted files' apart (`targeted`).
    pub fn of(review: &Review, lang: Lang) -> Figures {
        let mut f = Figures::of_part(review, lang, Part::Random);
        if review
            .files
            .iter()
            .any(|x| x.selected.role == Role::Targeted)
        {
            f.targeted = Some(Box::new(Figures::of_part(review, lang, Part::Targeted)));
        }
        f
    }

    /// The figures of the files of `part` only.
    pub fn of_part(review: &Review, lang: Lang, part: Part) -> Figures {
        // Grade names in the order of the first checklist, then any other grade a finalized
        // file got under another checklist, so no file is left out of the grade columns.
        let mut grades: Vec<GradeName> = review
            .checklists
            .first()
            .map(|c| {
                c.grades
                    .iter()
                    .map(|g| GradeName {
                        zh: g.name.clone(),
                        en: g.name_en.clone(),
                    })
                    .collect()
            })
            .unwrap_or_default();
        let top = grades.first().map(|g| g.zh.clone());

        let mut by_agency: BTreeMap<String, AgencyFigures> = BTreeMap::new();
        let (mut finalized, mut in_progress, mut not_started) = (0, 0, 0);
        let (mut samples, mut alternates) = (0, 0);
        let mut all_samples_final = true;
        for (i, f) in review.files.iter().enumerate() {
            if !part.holds(f.selected.role) {
                continue;
            }
            let st = &review.states[i];
            let is_sample = f.selected.role.reviewed();
            let agency = f.agency();
            let tally = by_agency
                .entry(agency.clone())
                .or_insert_with(|| AgencyFigures {
                    agency,
                    ..AgencyFigures::default()
                });
            if is_sample {
                samples += 1;
                tally.drawn += 1;
            } else {
                alternates += 1;
            }
            // Alternates count once they are taken up (in the place of a missing sample file).
            if is_sample || st.status != Status::NotStarted {
                match st.status {
                    Status::NotStarted => not_started += 1,
                    Status::InProgress => in_progress += 1,
                    Status::Finalized { .. } => finalized += 1,
                }
            }
            if is_sample && !matches!(st.status, Status::Finalized { .. }) {
                all_samples_final = false;
            }
            let Status::Finalized { .. } = st.status else {
                continue;
            };
            let Some(c) = review.checklist_of(i) else {
                continue;
            };
            let score = st.score(c);
            tally.scores.push(score.points);
            if !score.vetoes.is_empty() {
                tally.vetoed += 1;
            }
            if failing_grade(c) == Some(score.grade.as_str()) {
                tally.failed += 1;
            }
            if top.as_deref() == Some(score.grade.as_str()) {
                tally.excellent += 1;
            }
            let k = match grades.iter().position(|g| g.zh == score.grade) {
                Some(k) => k,
                None => {
                    grades.push(GradeName {
                        zh: score.grade.clone(),
                        en: score.grade_en.clone(),
                    });
                    grades.len() - 1
                }
            };
            if tally.grades.len() <= k {
                tally.grades.resize(k + 1, 0);
            }
            tally.grades[k] += 1;
        }

        let mut agencies: Vec<AgencyFigures> = by_agency.into_values().collect();
        agencies.sort_by(ranking);
        let mut total = AgencyFigures {
            agency: lang.pick("合计", "Total").to_string(),
            ..AgencyFigures::default()
        };
        for (k, a) in agencies.iter_mut().enumerate() {
            a.grades.resize(grades.len(), 0);
            if a.finalized() > 0 {
                a.rank = Some(k + 1);
            }
            total.add(a);
        }
        total.grades.resize(grades.len(), 0);

        let found = findings::collect(review, lang);
        let categories = findings::category_order(&found, lang)
            .into_iter()
            .map(|c| CategoryCount {
                count: found
                    .list
                    .iter()
                    .filter(|x| x.category == c && part.holds(review.files[x.file].selected.role))
                    .count(),
                category: c,
            })
            .collect();
        let problems = found
            .list
            .iter()
            .filter(|x| part.holds(review.files[x.file].selected.role))
            .count();
        Figures {
            grades,
            agencies,
            total,
            categories,
            category_set: found.set.title().to_string(),
            problems,
            samples,
            alternates,
            finalized,
            in_progress,
            not_started,
            all_samples_final,
            targeted: None,
        }
    }
}

/// Up to `n` of `list` (indices, in order): findings with a written finding from agencies not
/// yet chosen, then other written findings, then any.
fn typical(list: &[&findings::Finding], n: usize) -> Vec<usize> {
    let written = |k: usize| {
        list[k]
            .decision
            .finding
            .as_deref()
            .is_some_and(|f| !f.trim().is_empty())
    };
    let mut chosen: Vec<usize> = Vec::new();
    for pass in 0..3 {
        for k in 0..list.len() {
            let fits = match pass {
                0 => written(k) && !chosen.iter().any(|&c| list[c].agency == list[k].agency),
                1 => written(k),
                _ => true,
            };
            if fits && chosen.len() < n && !chosen.contains(&k) {
                chosen.push(k);
            }
        }
    }
    chosen.sort_unstable();
    chosen
}

impl Figures {
    /// Per category of `Figures::categories` (same order, same counts), up to `n` typical
    /// examples: findings with a written finding first, one per agency before a second from
    /// the same agency, in the findings' order (work plan category, agency, file, item).
    pub fn examples(review: &Review, lang: Lang, n: usize) -> Vec<CategoryExamples> {
        let found = findings::collect(review, lang);
        findings::category_order(&found, lang)
            .into_iter()
            .map(|category| {
                let list: Vec<&findings::Finding> = found
                    .list
                    .iter()
                    .filter(|x| x.category == category)
                    .collect();
                let chosen = typical(&list, n);
                CategoryExamples {
                    count: list.len(),
                    examples: chosen
                        .into_iter()
                        .map(|k| {
                            let x = list[k];
                            Example {
                                agency: x.agency.clone(),
                                case_id: x.case.to_string(),
                                item_id: x.item.id.clone(),
                                item_text: findings::pick_text(lang, &x.item.text, &x.item.text_en)
                                    .to_string(),
                                finding: findings::finding_text(x.decision, lang),
                            }
                        })
                        .collect(),
                    category,
                }
            })
            .collect()
    }

    /// The finalized files graded as failing, in the order of the drawn files (agency by agency).
    pub fn failed_files(review: &Review, lang: Lang) -> Vec<FailedFile> {
        let mut out = Vec::new();
        for (i, f) in review.files.iter().enumerate() {
            let st = &review.states[i];
            if !st.is_finalized() {
                continue;
            }
            let Some(c) = review.checklist_of(i) else {
                continue;
            };
            let score = st.score(c);
            if failing_grade(c) != Some(score.grade.as_str()) {
                continue;
            }
            let vetoes = score
                .vetoes
                .iter()
                .map(|id| match c.items.iter().find(|it| &it.id == id) {
                    Some(it) => format!(
                        "{id} {}",
                        findings::shorten(findings::pick_text(lang, &it.text, &it.text_en), 30)
                    ),
                    None => id.clone(),
                })
                .collect();
            out.push(FailedFile {
                agency: f.agency(),
                case_id: f.id().to_string(),
                case_type: f.case_type().to_string(),
                score: score.points,
                grade: findings::pick_text(lang, &score.grade, &score.grade_en).to_string(),
                vetoes,
            });
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn with(agency: &str, scores: &[u32]) -> AgencyFigures {
        AgencyFigures {
            agency: agency.into(),
            scores: scores.iter().map(|&s| Points(s)).collect(),
            ..AgencyFigures::default()
        }
    }

    #[test]
    fn rounding_is_half_up_and_exact() {
        assert_eq!(percent(1, 3), "33.3");
        assert_eq!(percent(2, 3), "66.7");
        assert_eq!(percent(1, 8), "12.5");
        assert_eq!(percent(1, 16), "6.3"); // 6.25 → 6.3
        assert_eq!(percent(0, 5), "0.0");
        assert_eq!(percent(3, 3), "100.0");
        assert_eq!(with("", &[8000, 8000, 2500]).average_text(), "61.7"); // 185 / 3
        assert_eq!(with("", &[10_000]).average_text(), "100.0");
        assert_eq!(with("", &[8500, 8525]).average_text(), "85.1"); // 85.125
        assert_eq!(with("", &[8500, 8490]).average_text(), "85.0"); // 84.95 → 85.0
        assert_eq!(with("", &[]).average_text(), "");
    }

    #[test]
    fn rates_count_excellent_and_failing_files() {
        let a = AgencyFigures {
            excellent: 1,
            failed: 1,
            ..with("", &[9500, 7000, 3000])
        };
        assert_eq!(a.excellent_rate(), "33.3");
        assert_eq!(a.pass_rate(), "66.7");
        assert_eq!(with("", &[]).pass_rate(), "");
    }

    #[test]
    fn unreviewed_agencies_rank_last() {
        let none = with("丙", &[]);
        let some = with("", &[0]);
        assert_eq!(some.cmp_average(&none), Ordering::Less);
        assert_eq!(none.cmp_average(&some), Ordering::Greater);
        assert_eq!(with("", &[9000, 8000]).cmp_average(&some), Ordering::Less);

        // 85 over two files beats 85 over one; equal figures go by name.
        let mut list = [
            none,
            with("乙", &[8500]),
            with("甲", &[8500]),
            with("丁", &[8000, 9000]),
            with("乙乙", &[]),
        ];
        list.sort_by(ranking);
        let names: Vec<&str> = list.iter().map(|a| a.agency.as_str()).collect();
        assert_eq!(names, ["丁", "乙", "甲", "丙", "乙乙"]);
    }
}
