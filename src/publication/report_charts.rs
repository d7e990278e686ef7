//! The three figures of the 通报 as charts — the grade distribution per agency, the problems by
//! category, the average score by agency — drawn from `Figures` alone, so the chart, the table
//! beside it and the public page show the same numbers. The charts are untitled: the caption
//! under each names it.

use crate::export::docx::{Chart, Series};
use crate::export::figures::{tenths_text, Figures};
use crate::i18n::Lang;

/// Height of a chart with one horizontal bar per agency: room for the axis and legend,
/// then 6 mm a bar, within one page's text height with its caption.
fn height(bars: usize) -> u32 {
    (30 + 6 * bars as u32).clamp(70, 210)
}

/// 图 N: how many finalized files of each agency got each grade, one stacked bar per agency in
/// the ranking's order (agencies with no finalized file are left out: they have no bar).
pub fn grades_by_agency(f: &Figures, lang: Lang) -> Chart {
    let ranked: Vec<_> = f.agencies.iter().filter(|a| a.finalized() > 0).collect();
    Chart {
        title: String::new(),
        categories: ranked.iter().map(|a| a.agency.clone()).collect(),
        series: f
            .grades
            .iter()
            .enumerate()
            .map(|(k, g)| Series {
                name: g.pick(lang).to_string(),
                values: ranked
                    .iter()
                    .map(|a| a.grades.get(k).copied().unwrap_or(0).to_string())
                    .collect(),
            })
            .collect(),
        horizontal: true,
        stacked: true,
        labels: false,
        max: String::new(),
        height_mm: height(ranked.len()),
    }
}

/// The average score of each agency with finalized files, in the ranking's order, on a 0-100
/// axis.
pub fn average_by_agency(f: &Figures, lang: Lang) -> Chart {
    let ranked: Vec<_> = f
        .agencies
        .iter()
        .filter_map(|a| a.average_tenths().map(|t| (a, t)))
        .collect();
    Chart {
        title: String::new(),
        categories: ranked.iter().map(|(a, _)| a.agency.clone()).collect(),
        series: vec![Series {
            name: lang.pick("平均分", "Average").into(),
            values: ranked.iter().map(|(_, t)| tenths_text(*t)).collect(),
        }],
        horizontal: true,
        stacked: false,
        labels: true,
        max: "100".into(),
        height_mm: height(ranked.len()),
    }
}

/// The problems found in each category of the campaign's category set (zero counts included:
/// a category with no problem is a finding too).
pub fn problems_by_category(f: &Figures, lang: Lang) -> Chart {
    Chart {
        title: String::new(),
        categories: f.categories.iter().map(|c| c.category.clone()).collect(),
        series: vec![Series {
            name: lang.pick("问题数", "Problems").into(),
            values: f.categories.iter().map(|c| c.count.to_string()).collect(),
        }],
        horizontal: true,
        stacked: false,
        labels: true,
        max: String::new(),
        height_mm: height(f.categories.len()).min(110),
    }
}
