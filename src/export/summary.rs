//! The agency summary (评查情况汇总表): one row per agency reviewed, ranked by average score —
//! files drawn, files finalized, files per grade with their share, vetoed files, average,
//! highest and lowest score — and a total row over all agencies. Only finalized files count;
//! the preamble says so when some sample files are not finalized yet, and ties the sheet to the
//! draw record and the journal head.

use super::{column_list, Column, Table};
use crate::checklist::points::Points;
use crate::i18n::Lang;
use crate::register::population::Role;
use crate::review::state::Status;
use crate::review::Review;
use crate::tr;
use std::cmp::Ordering;
use std::collections::BTreeMap;

/// The figures of one agency, or of all of them.
#[derive(Clone, Debug, Default)]
struct Tally {
    /// Sample files drawn.
    drawn: usize,
    /// Finalized files (sample or alternate), with their scores in hundredths.
    scores: Vec<Points>,
    /// Finalized files per grade name.
    grades: BTreeMap<String, usize>,
    vetoed: usize,
}

impl Tally {
    fn finalized(&self) -> usize {
        self.scores.len()
    }

    fn sum(&self) -> u64 {
        self.scores.iter().map(|p| u64::from(p.0)).sum()
    }

    /// Average score descending, exactly (no floating point); agencies with no finalized file last.
    fn cmp_average(&self, other: &Tally) -> Ordering {
        match (self.finalized(), other.finalized()) {
            (0, 0) => Ordering::Equal,
            (0, _) => Ordering::Greater,
            (_, 0) => Ordering::Less,
            (a, b) => (other.sum() * a as u64).cmp(&(self.sum() * b as u64)),
        }
    }

    fn add(&mut self, other: &Tally) {
        self.drawn += other.drawn;
        self.scores.extend_from_slice(&other.scores);
        for (g, n) in &other.grades {
            *self.grades.entry(g.clone()).or_default() += n;
        }
        self.vetoed += other.vetoed;
    }

    /// The cells after the agency name: 抽取数, 实评数, one per grade, 否决件数, 平均分, 最高分, 最低分.
    fn cells(&self, grades: &[String]) -> Vec<String> {
        let n = self.finalized();
        let mut cells = vec![self.drawn.to_string(), n.to_string()];
        if n == 0 {
            cells.extend(std::iter::repeat_n(String::new(), grades.len() + 4));
            return cells;
        }
        for g in grades {
            let k = self.grades.get(g).copied().unwrap_or(0);
            cells.push(format!("{k}（{}%）", percent(k, n)));
        }
        cells.push(self.vetoed.to_string());
        cells.push(average(self.sum(), n));
        let max = self.scores.iter().max().copied().unwrap_or_default();
        let min = self.scores.iter().min().copied().unwrap_or_default();
        cells.push(max.to_string());
        cells.push(min.to_string());
        cells
    }
}

/// Average score descending, then more files finalized, then the agency's name.
fn ranking((a_name, a): &(String, Tally), (b_name, b): &(String, Tally)) -> Ordering {
    a.cmp_average(b)
        .then(b.finalized().cmp(&a.finalized()))
        .then(a_name.cmp(b_name))
}

/// `part / whole` as a percentage with one decimal, rounded half up (`33.3`).
fn percent(part: usize, whole: usize) -> String {
    let (part, whole) = (part as u64, whole.max(1) as u64);
    let tenths = (2000 * part + whole) / (2 * whole);
    format!("{}.{}", tenths / 10, tenths % 10)
}

/// The mean of scores summing to `sum` hundredths over `n` files, with one decimal, rounded
/// half up (`61.7`).
fn average(sum: u64, n: usize) -> String {
    let n = n.max(1) as u64;
    let tenths = (sum + 5 * n) / (10 * n);
    format!("{}.{}", tenths / 10, tenths % 10)
}

pub fn table(review: &Review, lang: Lang) -> Table {
    // Grade names in the order of the first checklist, then any other grade a finalized file
    // got under another checklist, so no file is left out of the grade columns.
    let mut grades: Vec<String> = review
        .checklists
        .first()
        .map(|c| c.grades.iter().map(|g| g.name.clone()).collect())
        .unwrap_or_default();
    let mut grades_en: Vec<String> = review
        .checklists
        .first()
        .map(|c| c.grades.iter().map(|g| g.name_en.clone()).collect())
        .unwrap_or_default();

    let mut by_agency: BTreeMap<String, Tally> = BTreeMap::new();
    let (mut finalized, mut in_progress, mut not_started) = (0, 0, 0);
    let (mut samples, mut alternates) = (0, 0);
    let mut all_samples_final = true;
    for (i, f) in review.files.iter().enumerate() {
        let st = &review.states[i];
        let is_sample = f.selected.role == Role::Sample;
        let tally = by_agency.entry(f.agency()).or_default();
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
        if !grades.contains(&score.grade) {
            grades.push(score.grade.clone());
            grades_en.push(score.grade_en.clone());
        }
        *tally.grades.entry(score.grade).or_default() += 1;
    }

    // Ranking: average descending, then more files finalized, then the agency's name.
    let mut ranked: Vec<(String, Tally)> = by_agency.into_iter().collect();
    ranked.sort_by(ranking);
    let mut total = Tally::default();
    let mut rows = Vec::new();
    for (rank, (agency, t)) in ranked.iter().enumerate() {
        total.add(t);
        let mut row = vec![
            if t.finalized() > 0 {
                (rank + 1).to_string()
            } else {
                String::new()
            },
            agency.clone(),
        ];
        row.extend(t.cells(&grades));
        rows.push(row);
    }
    let mut row = vec![String::new(), lang.pick("合计", "Total").to_string()];
    row.extend(total.cells(&grades));
    rows.push(row);

    let mut pre = Vec::new();
    if let Some(name) = review.ws.campaign().ok().and_then(|(c, _)| c.name) {
        pre.push(tr!(lang, "专项名称：{name}", "Campaign: {name}"));
    }
    let d = &review.draw_ref;
    pre.push(tr!(
        lang,
        "抽取记录：{}（第 {} 次）SHA-256 {}",
        "Draw record: {} (no. {}) SHA-256 {}",
        d.file,
        d.number,
        d.sha256
    ));
    pre.push(tr!(
        lang,
        "抽取样本 {samples} 件（另有备选 {alternates} 件）；已定稿 {finalized} 件，进行中 {in_progress} 件，未开始 {not_started} 件（含已启用的备选案卷）",
        "Sample of {samples} files ({alternates} alternates); finalized {finalized}, in progress {in_progress}, not started {not_started} (alternates taken up included)"
    ));
    if !all_samples_final {
        pre.push(
            lang.pick(
                "以下统计仅含已定稿案卷",
                "The figures below count finalized files only",
            )
            .to_string(),
        );
    }
    if !review.journal.breaks.is_empty() {
        pre.push(tr!(
            lang,
            "注意：评查日志有 {} 处断裂，请先运行 anjuan verify 查明，以下数字不能作准",
            "Warning: the review journal has {} breaks; run anjuan verify first, the figures below cannot be relied on",
            review.journal.breaks.len()
        ));
    }
    pre.push(tr!(
        lang,
        "排名依平均分从高到低，平均分相同时实评数多者在前，再按单位名称；无已定稿案卷的单位列于最后，不排名",
        "Ranked by average score, then by files finalized, then by name; agencies with no finalized file come last, unranked"
    ));

    let mut columns = column_list(&[
        (lang.pick("排名", "Rank"), 5.0),
        (lang.pick("被评查单位", "Agency"), 26.0),
        (lang.pick("抽取数", "Drawn"), 7.0),
        (lang.pick("实评数", "Finalized"), 8.0),
    ]);
    for (g, g_en) in grades.iter().zip(&grades_en) {
        let header = if g_en.trim().is_empty() {
            g
        } else {
            lang.pick(g, g_en)
        };
        columns.push(Column {
            header: header.to_string(),
            width: 11.0,
        });
    }
    columns.extend(
        [
            (lang.pick("否决件数", "Vetoed"), 8.0),
            (lang.pick("平均分", "Average"), 7.0),
            (lang.pick("最高分", "Highest"), 7.0),
            (lang.pick("最低分", "Lowest"), 7.0),
        ]
        .into_iter()
        .map(|(h, w)| Column {
            header: h.into(),
            width: w,
        }),
    );

    let signatures = vec![
        tr!(
            lang,
            "填报单位（盖章）：________________________",
            "Reporting unit (seal): ________________________"
        ),
        tr!(
            lang,
            "负责人（签字）：________________",
            "Person in charge (signature): ________________"
        ),
        tr!(
            lang,
            "填报时间：________年____月____日",
            "Date: ____________"
        ),
    ];

    Table {
        name: lang.pick("评查情况汇总表", "review-summary").into(),
        title: lang
            .pick(
                "行政执法案卷评查情况汇总表",
                "Summary of the case file review by agency",
            )
            .into(),
        preamble: pre,
        columns,
        rows,
        signatures,
        footer: tr!(
            lang,
            "抽取记录 SHA-256 {} | 日志头 {}",
            "draw record SHA-256 {} | journal head {}",
            d.sha256,
            review.journal.head()
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rounding_is_half_up_and_exact() {
        assert_eq!(percent(1, 3), "33.3");
        assert_eq!(percent(2, 3), "66.7");
        assert_eq!(percent(1, 8), "12.5");
        assert_eq!(percent(1, 16), "6.3"); // 6.25 → 6.3
        assert_eq!(percent(0, 5), "0.0");
        assert_eq!(percent(3, 3), "100.0");
        assert_eq!(average(18_500, 3), "61.7"); // 185 / 3
        assert_eq!(average(10_000, 1), "100.0");
        assert_eq!(average(17_025, 2), "85.1"); // 85.125
        assert_eq!(average(16_990, 2), "85.0"); // 84.95 → 85.0
    }

    #[test]
    fn unreviewed_agencies_rank_last() {
        let none = Tally::default();
        let some = Tally {
            scores: vec![Points(0)],
            ..Tally::default()
        };
        assert_eq!(some.cmp_average(&none), Ordering::Less);
        assert_eq!(none.cmp_average(&some), Ordering::Greater);
        let high = Tally {
            scores: vec![Points(9000), Points(8000)],
            ..Tally::default()
        };
        assert_eq!(high.cmp_average(&some), Ordering::Less);

        // 85 over two files beats 85 over one; equal figures go by name.
        let two = Tally {
            scores: vec![Points(8000), Points(9000)],
            ..Tally::default()
        };
        let one = Tally {
            scores: vec![Points(8500)],
            ..Tally::default()
        };
        let mut list = [
            ("丙".to_string(), none.clone()),
            ("乙".to_string(), one.clone()),
            ("甲".to_string(), one),
            ("丁".to_string(), two),
            ("乙乙".to_string(), none),
        ];
        list.sort_by(ranking);
        let names: Vec<&str> = list.iter().map(|(n, _)| n.as_str()).collect();
        assert_eq!(names, ["丁", "乙", "甲", "丙", "乙乙"]);
    }
}
