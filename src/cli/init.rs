//! `anjuan init`: import, validate and freeze registers into a new workspace.

use super::args::InitArgs;
use super::{heading, Outcome};
use crate::i18n::Lang;
use crate::register::layout::Delimiter;
use crate::tr;
use crate::workspace::Workspace;

pub fn run(a: InitArgs, lang: Lang) -> Outcome {
    let settings = a.import.settings(lang)?;
    let files = a.import.files(&a.registers, lang)?;
    let plan = a.collection();
    // Last year's workspace is checked before anything is created.
    if let Some(prev) = &a.carry {
        crate::rectification::carry::from_previous(prev, 1, lang)?;
    }
    let report = Workspace::init_with(&a.dir, &files, &settings, a.name.clone(), &plan)
        .map_err(|e| e.render(lang))?;
    let c = &report.campaign;
    let entities = !c.settings.columns.population.is_cases();
    if entities {
        out!(
            "{}",
            heading(lang, "监管对象名录已冻结", "Entity list frozen")
        );
    } else {
        out!("{}", heading(lang, "案卷目录已冻结", "Registers frozen"));
    }
    for r in &c.registers {
        let enc = match (r.encoding, r.delimiter) {
            (Some(e), Some(d)) if d != Delimiter::Comma => {
                format!("{}, {}", e.label(), lang.pick(d.zh(), d.en()))
            }
            (Some(e), _) => e.label().to_string(),
            (None, _) => workbook_kind(&r.file),
        };
        out!(
            "{}",
            tr!(
                lang,
                "  {}  [{enc}]  {} 行，入选 {} 行\n    SHA-256 {}",
                "  {}  [{enc}]  {} rows, {} kept\n    SHA-256 {}",
                r.file,
                r.rows,
                r.kept,
                r.sha256
            )
        );
        for line in r.layout_lines(lang) {
            out!("    {line}");
        }
    }
    if let Some(col) = &c.collection {
        for line in col.describe(lang) {
            out!("{line}");
        }
    }
    if !c.settings.filter.is_empty() {
        out!(
            "{} {}",
            lang.pick("  筛选条件:", "  filters:"),
            serde_json::to_string(&c.settings.filter).unwrap_or_default()
        );
    }
    out!(
        "{}",
        tr!(
            lang,
            "总体：{} {}，{} 层（分层字段：{}）",
            "population: {} {} in {} strata (fields: {})",
            c.population.size,
            if entities {
                lang.pick("个监管对象", "entities")
            } else {
                lang.pick("件", "cases")
            },
            c.population.strata.len(),
            c.population.stratum_fields.join(", ")
        )
    );
    for s in &c.population.strata {
        out!("  {:>8}  {}", s.size, s.stratum.join(" / "));
    }
    out!(
        "{}",
        tr!(
            lang,
            "总体摘要 population SHA-256: {}",
            "population SHA-256: {}",
            c.population.sha256
        )
    );
    if let Some(prev) = &a.carry {
        let by = lang.pick("组织人", "organiser");
        let (from, items, head) =
            crate::rectification::carry::into_new_workspace(&a.dir, prev, by, lang).map_err(
                |e| {
                    tr!(
                        lang,
                        "案卷目录已冻结，但未能带入上年整改事项：{e}。可稍后运行 anjuan rectify {} carry --from {}",
                        "the registers are frozen, but last year's items could not be carried in: {e}. Run anjuan rectify {} carry --from {} later",
                        a.dir.display(),
                        prev.display()
                    )
                },
            )?;
        super::rectify_recheck::print_carried(&from, items.len(), lang);
        for it in &items {
            out!(
                "  {}  ← {}  {}  {}  {}  {}",
                it.id,
                it.origin_id,
                it.agency,
                it.case_id,
                it.item,
                it.status
            );
        }
        out!("{}", tr!(lang, "整改记录头：{head}", "record head: {head}"));
    }
    out!(
        "{}",
        tr!(
            lang,
            "下一步：anjuan commit {} --n {}",
            "next: anjuan commit {} --n {}",
            a.dir.display(),
            // 民主评议代表“一般不少于30人”; a campaign's files, the usual 100.
            if entities { 30 } else { 100 }
        )
    );
    Ok(0)
}

/// What kind of workbook a register is, by its name, for the import report.
fn workbook_kind(file: &str) -> String {
    std::path::Path::new(file)
        .extension()
        .map(|e| e.to_string_lossy().to_uppercase())
        .unwrap_or_else(|| "XLSX".into())
}
