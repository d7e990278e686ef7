//! `anjuan rectify WS sheet|import`: the agency's 整改台账, written for it to fill in offline and
//! read back. The layout and the reading are `rectification::sheet`'s, the writing
//! `export::agency_sheet`'s; this only checks the arguments and says what happened.

use super::rectify::{check_agency, report_saved};
use super::rectify_args::{ImportArgs, SheetArgs};
use super::Outcome;
use crate::export::agency_sheet;
use crate::i18n::Lang;
use crate::rectification::item::Status;
use crate::rectification::{sheet, Rectification};
use crate::tr;

pub fn sheet(r: &Rectification, a: SheetArgs, lang: Lang) -> Outcome {
    check_agency(r, &a.agency, lang)?;
    let out = a.out.display().to_string();
    let is_xlsx = a
        .out
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("xlsx"));
    if !is_xlsx {
        return Err(tr!(
            lang,
            "--out {out}：整改台账是 XLSX 文件，请用 .xlsx 结尾的文件名",
            "--out {out}: the sheet is an XLSX file; give a name ending in .xlsx"
        ));
    }
    if std::fs::symlink_metadata(&a.out).is_ok() && !a.force {
        return Err(tr!(
            lang,
            "{out} 已存在，未改动。要覆盖它请加 --force，或换一个文件名",
            "{out} exists and was left as it is. Add --force to overwrite it, or choose another name"
        ));
    }
    let items = agency_sheet::items(r, &a.agency);
    if items.is_empty() {
        return Err(tr!(
            lang,
            "执法机关“{}”没有整改事项（案卷均未扣分，或事项已撤销），无需生成整改台账",
            "the agency “{}” has no rectification items (no deductions, or all withdrawn): there is no sheet to make",
            a.agency
        ));
    }
    let to_fill = items
        .iter()
        .filter(|it| {
            matches!(
                it.status,
                Status::Open | Status::InProgress | Status::Returned
            )
        })
        .count();
    let n = agency_sheet::write(r, &a.agency, &a.out, lang).map_err(|e| e.render(lang))?;
    out!(
        "{}",
        tr!(
            lang,
            "已生成 {out}：{} 的整改台账，{n} 个事项，其中待填写 {to_fill} 个（其余已整改或已销号，仅供查看）。",
            "wrote {out}: the rectification sheet of {}, {n} items, {to_fill} to fill in (the others are submitted or closed, for reference).",
            a.agency
        )
    );
    out!(
        "{}",
        tr!(
            lang,
            "表头在第 {} 行。填好后用 anjuan rectify {} import 文件 --by 姓名 导入。",
            "The column headers are on row {}. When it comes back filled in: anjuan rectify {} import FILE --by NAME",
            sheet::HEADER_ROW,
            r.review.ws.dir.display()
        )
    );
    Ok(0)
}

pub fn import(r: &mut Rectification, a: ImportArgs, lang: Lang) -> Outcome {
    let done = sheet::import(r, &a.file, a.by.as_deref()).map_err(|e| e.render(lang))?;
    let events = done.saved.as_ref().map_or(0, |s| s.events.len());
    out!(
        "{}",
        tr!(
            lang,
            "已读取整改台账 {}（{}）：{} 个事项行，{} 个事项有变更（{events} 个事件），未变更 {} 行。",
            "read the rectification sheet {} ({}): {} item rows, {} items changed ({events} events), {} rows unchanged (未变更).",
            done.file,
            done.agency,
            done.rows,
            done.changed_items,
            done.unchanged
        )
    );
    let rows = |list: &[u64]| {
        list.iter()
            .map(u64::to_string)
            .collect::<Vec<_>>()
            .join(lang.pick("、", ", "))
    };
    if !done.kept_newer.is_empty() {
        out!(
            "{}",
            tr!(
                lang,
                "注意：第 {} 行与生成台账时相同，但此后整改记录已有更新，保留已记录的内容。",
                "note: rows {} are as the sheet was made, but the record has changed since; what is recorded was kept.",
                rows(&done.kept_newer)
            )
        );
    }
    if !done.deadline_ignored.is_empty() {
        out!(
            "{}",
            tr!(
                lang,
                "注意：第 {} 行的整改时限与记录不同。整改时限不从台账导入（以评查意见书为准）。",
                "note: rows {} give a deadline other than the recorded one. Deadlines are not imported (the feedback letter sets them).",
                rows(&done.deadline_ignored)
            )
        );
    }
    if !done.ignored.is_empty() {
        out!(
            "{}",
            tr!(
                lang,
                "已忽略第 {} 行：不是整改事项行（没有有效的整改编号，也未填写）。",
                "ignored rows {}: not item rows (no valid item id and nothing filled in).",
                rows(&done.ignored)
            )
        );
    }
    match &done.saved {
        Some(saved) => report_saved(r, saved, lang),
        None => out!(
            "{}",
            lang.pick(
                "没有需要保存的变更，整改记录未改动。",
                "nothing to save: the record was not changed."
            )
        ),
    }
    Ok(0)
}
