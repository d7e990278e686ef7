//! `anjuan checklist check FILE…` and `anjuan checklist list`.

use super::args::{ChecklistAction, ChecklistArgs};
use super::Outcome;
use crate::checklist::{self, Checklist};
use crate::i18n::Lang;
use crate::tr;

pub fn run(a: ChecklistArgs, lang: Lang) -> Outcome {
    match a.action {
        ChecklistAction::Check { files } => {
            let mut bad = 0;
            for f in &files {
                match checklist::load::load(f) {
                    Ok(c) => out!("{}", summary(&c, lang)),
                    Err(e) => {
                        bad += 1;
                        out!("{}", e.render(lang));
                    }
                }
            }
            Ok(if bad == 0 { 0 } else { 1 })
        }
        ChecklistAction::List => {
            let all = checklist::builtin().map_err(|e| e.render(lang))?;
            for c in &all {
                out!("{}", summary(c, lang));
            }
            Ok(0)
        }
    }
}

/// One paragraph describing a valid checklist.
pub fn summary(c: &Checklist, lang: Lang) -> String {
    let veto = c.items.iter().filter(|i| i.veto).count();
    let scored = c.items.iter().filter(|i| !i.max_points.is_zero()).count();
    let grades = c
        .grades
        .iter()
        .map(|g| match g.below {
            None => format!("{} ≥{}", g.name, g.min),
            Some(b) => format!("{} {}–<{}", g.name, g.min, b),
        })
        .collect::<Vec<_>>()
        .join(" · ");
    let title = lang.pick(&c.title, &c.title_en);
    let mut s = tr!(
        lang,
        "有效  {} 版本 {}：{title}\n      {} 个条目（否决项 {veto}，计分项 {scored}），{} 个分组，满分 {}；等次 {grades}",
        "valid {} version {}: {title}\n      {} items ({veto} veto, {scored} scored), {} sections, total {}; grades {grades}",
        c.id,
        c.version,
        c.items.len(),
        c.sections.len(),
        c.total_points
    );
    if !c.case_types.is_empty() {
        s += &tr!(
            lang,
            "\n      适用案件类型：{}",
            "\n      case types: {}",
            c.case_types.join("、")
        );
    }
    s += &format!("\n      SHA-256 {}", c.sha256);
    s
}
