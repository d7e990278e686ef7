//! A table as a printable XLSX worksheet: A4 portrait, fitted to the page width, the column
//! headers repeated on every page, a Chinese font, column widths for Chinese text, signature
//! lines, and the audit line with page numbers in every page's footer.

use super::{neutralize, ExportError, Table};
use rust_xlsxwriter::{Format, FormatAlign, FormatBorder, Workbook};

pub const FONT: &str = "宋体";
/// Excel's limit for a header or footer, in UTF-16 units, including the codes.
const FOOTER_LIMIT: usize = 255;

/// The footer: the audit text on the left (cut to fit the limit), page x of y on the right.
pub fn footer(text: &str) -> String {
    let right = "&R&8第 &P 页 / 共 &N 页";
    let budget = FOOTER_LIMIT - right.encode_utf16().count() - "&L&8".len();
    let mut left = String::new();
    let mut used = 0;
    for c in text.replace('&', "&&").chars() {
        let n = c.len_utf16();
        if used + n > budget {
            break;
        }
        left.push(c);
        used += n;
    }
    format!("&L&8{left}{right}")
}

/// Tables wider than this many characters print in landscape (the rectification ledger's 14
/// columns), here and in `docx::from_table`.
pub const LANDSCAPE_ABOVE: f64 = 130.0;

/// Whether `t` prints in landscape.
pub fn is_wide(t: &Table) -> bool {
    t.columns.iter().map(|c| c.width).sum::<f64>() > LANDSCAPE_ABOVE
}

/// Rows a text needs in a cell `width` characters wide (a Chinese character counts 2).
fn lines_needed(text: &str, width: f64) -> f64 {
    let w = unicode_width::UnicodeWidthStr::width(text) as f64;
    text.split('\n').count().max(1) as f64 + (w / width.max(1.0)).floor()
}

/// A new workbook whose properties carry a fixed creation time (rust_xlsxwriter would write the
/// current one), so the same record gives the same XLSX bytes on every run and machine, and a
/// sheet's SHA-256 in a manifest can be recomputed.
pub fn new_workbook() -> Result<Workbook, rust_xlsxwriter::XlsxError> {
    let fixed = rust_xlsxwriter::ExcelDateTime::from_ymd(2025, 1, 1)?;
    let mut book = Workbook::new();
    book.set_properties(
        &rust_xlsxwriter::DocProperties::new()
            .set_author("anjuan")
            .set_creation_datetime(&fixed),
    );
    Ok(book)
}

/// One table as a workbook of one sheet.
pub fn to_bytes(t: &Table) -> Result<Vec<u8>, ExportError> {
    workbook(std::slice::from_ref(t))
}

/// How a sheet to be filled in elsewhere is set apart from a printed one (XLSX only: a CSV has
/// no colours). The default is the printed look.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Look {
    /// Columns (0-based) whose data cells are grey: for reading, not for filling in.
    pub shaded: Vec<usize>,
    /// Keep the column headers and the first column in view while scrolling.
    pub freeze_header: bool,
    /// Columns (0-based) whose cells are numbers, written as numbers (shown with as many
    /// decimals as the text has) so that charts can draw them; an empty cell stays empty.
    pub numbers: Vec<usize>,
}

/// One table as a workbook of one sheet, with `look`.
pub fn to_bytes_with(t: &Table, look: &Look) -> Result<Vec<u8>, ExportError> {
    let x = |e: rust_xlsxwriter::XlsxError| ExportError::Xlsx(e.to_string());
    let mut book = new_workbook().map_err(x)?;
    let sheet = book.add_worksheet();
    sheet
        .set_name(sheet_name(&t.name, &mut Default::default()))
        .map_err(x)?;
    fill(sheet, t, look).map_err(x)?;
    book.save_to_buffer().map_err(x)
}

/// Several tables as the sheets of one workbook (e.g. one sheet per reviewed file), each
/// named by its table's `name` (made a valid, unique sheet name).
pub fn workbook(tables: &[Table]) -> Result<Vec<u8>, ExportError> {
    let x = |e: rust_xlsxwriter::XlsxError| ExportError::Xlsx(e.to_string());
    let mut book = new_workbook().map_err(x)?;
    let mut used = std::collections::HashSet::new();
    for t in tables {
        let sheet = book.add_worksheet();
        sheet.set_name(sheet_name(&t.name, &mut used)).map_err(x)?;
        fill(sheet, t, &Look::default()).map_err(x)?;
    }
    book.save_to_buffer().map_err(x)
}

/// Excel sheet names: at most 31 characters, none of `[]:*?/\`, unique.
pub fn sheet_name(name: &str, used: &mut std::collections::HashSet<String>) -> String {
    let clean: String = name
        .chars()
        .map(|c| if "[]:*?/\\".contains(c) { '_' } else { c })
        .collect();
    let base: String = clean.chars().take(31).collect();
    let mut candidate = base.clone();
    let mut n = 2;
    while !used.insert(candidate.clone()) {
        let suffix = format!("~{n}");
        candidate = base
            .chars()
            .take(31 - suffix.chars().count())
            .collect::<String>()
            + &suffix;
        n += 1;
    }
    candidate
}

/// The row (0-based) of `t`'s column headers in its sheet: under the title and the preamble.
/// Its rows follow it, one per row.
pub fn header_row(t: &Table) -> u32 {
    1 + t.preamble.len() as u32
}

/// Write `t` into `sheet` with the fixed look and page setup.
pub(super) fn fill(
    sheet: &mut rust_xlsxwriter::Worksheet,
    t: &Table,
    look: &Look,
) -> Result<(), rust_xlsxwriter::XlsxError> {
    let base = Format::new().set_font_name(FONT).set_font_size(10);
    let title = base
        .clone()
        .set_bold()
        .set_font_size(16)
        .set_align(FormatAlign::Center);
    let text = base.clone().set_text_wrap().set_align(FormatAlign::Top);
    let head = text
        .clone()
        .set_bold()
        .set_border(FormatBorder::Thin)
        .set_background_color("#D9D9D9")
        .set_align(FormatAlign::Center);
    let cell = text.clone().set_border(FormatBorder::Thin);
    let shaded = cell.clone().set_background_color("#E7E6E6");
    let last_col = t.columns.len().saturating_sub(1) as u16;
    let total_width: f64 = t.columns.iter().map(|c| c.width).sum();
    for (i, c) in t.columns.iter().enumerate() {
        sheet.set_column_width(i as u16, c.width)?;
    }
    let merged = |sheet: &mut rust_xlsxwriter::Worksheet, row: u32, s: &str, f: &Format| {
        if last_col == 0 {
            sheet
                .write_string_with_format(row, 0, neutralize(s), f)
                .map(|_| ())
        } else {
            sheet
                .merge_range(row, 0, row, last_col, &neutralize(s), f)
                .map(|_| ())
        }
    };
    let mut row = 0u32;
    merged(sheet, row, &t.title, &title)?;
    sheet.set_row_height(row, 24)?;
    row += 1;
    for p in &t.preamble {
        merged(sheet, row, p, &text)?;
        sheet.set_row_height(row, 14.0 * lines_needed(p, total_width))?;
        row += 1;
    }
    let header_row = row;
    debug_assert_eq!(header_row, self::header_row(t));
    for (i, c) in t.columns.iter().enumerate() {
        sheet.write_string_with_format(row, i as u16, neutralize(&c.header), &head)?;
    }
    row += 1;
    for r in &t.rows {
        let mut lines: f64 = 1.0;
        for (i, v) in r.iter().enumerate() {
            let w = t.columns.get(i).map_or(10.0, |c| c.width);
            lines = lines.max(lines_needed(v, w));
            let f = if look.shaded.contains(&i) {
                &shaded
            } else {
                &cell
            };
            if look.numbers.contains(&i) {
                write_number(sheet, row, i as u16, v, f)?;
            } else {
                sheet.write_string_with_format(row, i as u16, neutralize(v), f)?;
            }
        }
        sheet.set_row_height(row, 14.0 * lines)?;
        row += 1;
    }
    row += 1;
    for s in &t.signatures {
        merged(sheet, row, s, &base)?;
        sheet.set_row_height(row, 28)?;
        row += 1;
    }
    page_setup(sheet, is_wide(t), &t.footer);
    sheet.set_repeat_rows(header_row, header_row)?;
    if look.freeze_header {
        sheet.set_freeze_panes(header_row + 1, 1)?;
    }
    Ok(())
}

/// A4, fitted to the page width, centred, the audit `footer_text` with page numbers.
pub(super) fn page_setup(
    sheet: &mut rust_xlsxwriter::Worksheet,
    landscape: bool,
    footer_text: &str,
) {
    sheet.set_paper_size(9); // A4
    if landscape {
        sheet.set_landscape();
    } else {
        sheet.set_portrait();
    }
    sheet.set_print_fit_to_pages(1, 0);
    sheet.set_print_center_horizontally(true);
    sheet.set_margins(0.5, 0.5, 0.75, 0.75, 0.3, 0.3);
    sheet.set_footer(footer(footer_text));
}

/// A number cell from its text (`3`, `61.7`), shown with the text's decimals; empty text is an
/// empty cell, and text that is no number stays text.
fn write_number(
    sheet: &mut rust_xlsxwriter::Worksheet,
    row: u32,
    col: u16,
    v: &str,
    f: &Format,
) -> Result<(), rust_xlsxwriter::XlsxError> {
    if v.is_empty() {
        sheet.write_blank(row, col, f)?;
        return Ok(());
    }
    match v.parse::<f64>() {
        Ok(n) if n.is_finite() => {
            let decimals = v.split_once('.').map_or(0, |(_, d)| d.len());
            let shown = match decimals {
                0 => "0".to_string(),
                d => format!("0.{}", "0".repeat(d)),
            };
            sheet.write_number_with_format(row, col, n, &f.clone().set_num_format(shown))?;
        }
        _ => {
            sheet.write_string_with_format(row, col, neutralize(v), f)?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sheet_names_are_valid_and_unique() {
        let mut used = std::collections::HashSet::new();
        let long = "攸人社罚〔2024〕290号案卷评查表一卷一表附加很长的名字";
        let a = sheet_name(long, &mut used);
        let b = sheet_name(long, &mut used);
        assert!(a.chars().count() <= 31 && b.chars().count() <= 31);
        assert_ne!(a, b);
        assert_eq!(sheet_name("a/b:c", &mut used), "a_b_c");
    }

    #[test]
    fn footer_stays_within_excels_limit() {
        let long = "日志头 abc & 摘要 ".repeat(100);
        let f = footer(&long);
        assert!(
            f.encode_utf16().count() <= FOOTER_LIMIT,
            "{}",
            f.encode_utf16().count()
        );
        assert!(f.starts_with("&L&8日志头 abc && 摘要"));
        assert!(f.ends_with("&R&8第 &P 页 / 共 &N 页"));
    }
}
