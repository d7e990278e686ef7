//! The agency's 整改台账 as a sheet to fill in offline (`rectify WS sheet`): one row per item of
//! the agency that is not withdrawn, in id order, the fill-in columns pre-filled with what is
//! recorded so that a row left as it is changes nothing when the sheet comes back. Submitted and
//! closed items are listed too (the agency sees everything), for reference only.
//!
//! The layout — columns, preamble, header row — is `rectification::sheet`'s, which reads the
//! sheet back; this module only lays the items out in it.

use super::xlsx::Look;
use super::{column_list, ExportError, Table};
use crate::i18n::Lang;
use crate::rectification::item::{date_text, today};
use crate::rectification::sheet::{self, Col, Heading, COLUMNS};
use crate::rectification::Rectification;
use crate::tr;
use std::path::Path;

/// The items of `agency` the sheet lists: every one not withdrawn.
pub fn items<'r>(r: &'r Rectification, agency: &str) -> Vec<&'r crate::rectification::item::Item> {
    r.book
        .items
        .iter()
        .filter(|it| it.agency == agency && !it.withdrawn())
        .collect()
}

/// The sheet of `agency`.
pub fn table(r: &Rectification, agency: &str, lang: Lang) -> Table {
    let campaign = r.review.ws.campaign().ok().and_then(|(c, _)| c.name);
    let date = date_text(today());
    let preamble = sheet::preamble(
        &Heading {
            campaign: campaign.as_deref(),
            agency,
            date: &date,
            events: r.record.events.len(),
            head: r.head(),
        },
        lang,
    );
    let rows = items(r, agency)
        .into_iter()
        .map(|it| {
            let [leader, owner, measure, progress, done] = sheet::prefill(it);
            COLUMNS
                .iter()
                .map(|c| match c.col {
                    Col::Id => it.id.clone(),
                    Col::Case => it.case_id.clone(),
                    Col::Item => it.item_label(),
                    Col::Category => it.category.clone(),
                    Col::Finding => it.finding.clone(),
                    Col::Deadline => it
                        .deadline
                        .clone()
                        .unwrap_or_else(|| lang.pick("未定", "none").to_string()),
                    Col::Status => it.status.label(lang).to_string(),
                    Col::Leader => leader.clone(),
                    Col::Owner => owner.clone(),
                    Col::Measure => measure.clone(),
                    Col::Progress => progress.clone(),
                    Col::Done => done.clone(),
                })
                .collect()
        })
        .collect();
    let columns: Vec<(&str, f64)> = COLUMNS.iter().map(|c| (c.header(lang), c.width)).collect();
    Table {
        name: tr!(lang, "整改台账-{agency}", "rectification-sheet-{agency}"),
        title: tr!(
            lang,
            "{agency}行政执法案卷评查问题整改台账",
            "{agency}: rectification sheet of the case-file review findings"
        ),
        preamble,
        columns: column_list(&columns),
        rows,
        signatures: Vec::new(),
        footer: tr!(
            lang,
            "整改记录头 {} | 日志头 {}",
            "record head {} | journal head {}",
            r.head(),
            r.review.journal.head()
        ),
    }
}

/// The grey columns and the frozen header of the sheet.
pub fn look() -> Look {
    Look {
        shaded: COLUMNS
            .iter()
            .enumerate()
            .filter(|(_, c)| !c.fill_in)
            .map(|(i, _)| i)
            .collect(),
        freeze_header: true,
        ..Look::default()
    }
}

/// Write the sheet of `agency` to `out` as XLSX, atomically.
pub fn write(
    r: &Rectification,
    agency: &str,
    out: &Path,
    lang: Lang,
) -> Result<usize, ExportError> {
    let t = table(r, agency, lang);
    let bytes = super::xlsx::to_bytes_with(&t, &look())?;
    super::write_atomic(out, &bytes)?;
    Ok(t.rows.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_header_row_is_where_the_layout_says() {
        // Title on row 1, the preamble under it, then the headers.
        assert_eq!(
            sheet::HEADER_ROW,
            2 + sheet::PREAMBLE_LINES as u64,
            "docs/RECTIFICATION.md names row 8"
        );
        assert_eq!(sheet::HEADER_ROW, 8);
        let l = look();
        assert_eq!(l.shaded, (0..7).collect::<Vec<_>>());
    }
}
