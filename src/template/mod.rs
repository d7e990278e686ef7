//! Blank workbooks the office sends out before a campaign: the case register template the
//! agencies fill in (`register`) and the reviewer roster template (`roster`). Each is built so that
//! what comes back imports without questions: the header in row 1 spelt as the importers
//! recognise it, text columns formatted as text (案号 keep their leading zeros and long digit
//! runs), date columns as dates, drop-downs made from the values the code accepts, and a sheet of
//! instructions.
//!
//! Owns the templates' layout and writing them to disk. It must not read registers or rosters:
//! the header names, case types and role values come from `register::columns`, `checklist` and
//! `team::roster`, which stay the only place each is defined.

pub mod register;
pub mod roster;

use crate::i18n::Lang;
use crate::tr;
use rust_xlsxwriter::{Format, FormatAlign, FormatBorder, Worksheet, XlsxError};
use std::path::{Path, PathBuf};

/// The font of every cell, as in the exported sheets.
pub const FONT: &str = crate::export::xlsx::FONT;
/// The name of the instructions sheet in both templates.
pub const INSTRUCTIONS_SHEET: &str = "填表说明";
/// Excel's built-in number format 49, `@` (text): what is typed stays as typed. The built-in
/// index rather than a custom `@` format, as Excel and WPS write it themselves.
pub const TEXT_FORMAT_INDEX: u8 = 49;
/// The date format of date columns.
pub const DATE_FORMAT: &str = "yyyy-mm-dd";
/// Validations (drop-downs, dates only) reach the sheet's last row (0-based), so rows typed
/// below the prepared ones are checked too; a range costs nothing, unlike prepared cells.
pub const LAST_ROW: u32 = 1_048_575;

#[derive(Debug, thiserror::Error)]
pub enum TemplateError {
    #[error("{} already exists", path.display())]
    Exists { path: PathBuf },
    #[error("{}: not an .xlsx file name", path.display())]
    NotXlsx { path: PathBuf },
    #[error("cannot write {}: {source}", path.display())]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("could not build the workbook: {0}")]
    Xlsx(String),
    #[error("the built-in checklists could not be read: {0}")]
    Checklist(String),
}

impl From<XlsxError> for TemplateError {
    fn from(e: XlsxError) -> Self {
        TemplateError::Xlsx(e.to_string())
    }
}

impl TemplateError {
    pub fn render(&self, lang: Lang) -> String {
        match self {
            TemplateError::Exists { path } => tr!(
                lang,
                "{} 已存在，未作改动。如要用新模板覆盖它，请加 --force；或用 --out 另写一个文件名",
                "{} already exists and was left unchanged. Add --force to overwrite it with a new template, or choose another name with --out",
                path.display()
            ),
            TemplateError::NotXlsx { path } => tr!(
                lang,
                "模板是 Excel 工作簿，--out 的文件名应以 .xlsx 结尾，实际为 {}",
                "the template is an Excel workbook: the --out file name must end in .xlsx, got {}",
                path.display()
            ),
            TemplateError::Io { path, source } => {
                let p = path.display().to_string();
                if let Some(fault) = crate::workspace::fsio::Fault::of(source) {
                    return format!("{}。{}", fault.what(lang, &p), fault.todo(lang));
                }
                if source.kind() == std::io::ErrorKind::NotFound {
                    return tr!(
                        lang,
                        "无法写入 {p}：所在文件夹不存在，请先建立文件夹或改用 --out 指定其他位置",
                        "cannot write {p}: its folder does not exist; make the folder first or choose another place with --out"
                    );
                }
                tr!(
                    lang,
                    "无法写入 {p}（{source}）。如果该文件正在 Excel/WPS 中打开，请先关闭再试；已有文件未被改动",
                    "cannot write {p} ({source}). If the file is open in Excel or WPS, close it and try again; the existing file was not changed"
                )
            }
            TemplateError::Xlsx(e) => tr!(lang, "生成 XLSX 失败：{e}", "could not build the XLSX: {e}"),
            TemplateError::Checklist(e) => tr!(
                lang,
                "读取内置评查标准失败：{e}",
                "the built-in checklists could not be read: {e}"
            ),
        }
    }
}

/// Write a finished workbook. Without `force` an existing file is refused (atomically: the new
/// file is linked into place only if the name is still free); with it, the old file is replaced
/// by a rename, so the name always holds either the old file or the whole new one.
pub fn write(target: &Path, bytes: &[u8], force: bool) -> Result<(), TemplateError> {
    let is_xlsx = target
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("xlsx"));
    if !is_xlsx {
        return Err(TemplateError::NotXlsx {
            path: target.to_path_buf(),
        });
    }
    let io = |source| TemplateError::Io {
        path: target.to_path_buf(),
        source,
    };
    if !force {
        return crate::workspace::fsio::create_new(target, bytes).map_err(|e| {
            if e.kind() == std::io::ErrorKind::AlreadyExists {
                TemplateError::Exists {
                    path: target.to_path_buf(),
                }
            } else {
                io(e)
            }
        });
    }
    crate::export::write_atomic(target, bytes).map_err(|e| match e {
        crate::export::ExportError::Io { source, .. } => io(source),
        other => TemplateError::Xlsx(other.render(Lang::En)),
    })
}

/// What a column holds, which decides its number format and validation.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ColumnKind {
    /// A running number; left to the spreadsheet.
    Number,
    /// Text, formatted `@` so digits stay as typed.
    Text,
    /// A date cell, formatted `yyyy-mm-dd`, accepting dates only.
    Date,
}

/// One column of a template.
#[derive(Clone, Copy, Debug)]
pub struct Column {
    pub header: &'static str,
    /// In Excel's character units (a Chinese character takes about 2).
    pub width: f64,
    pub kind: ColumnKind,
}

/// The formats a template uses, all in the house font.
pub(crate) struct Formats {
    pub header: Format,
    pub text: Format,
    pub date: Format,
    pub number: Format,
    pub note: Format,
    pub note_title: Format,
}

impl Formats {
    pub fn new() -> Formats {
        let base = Format::new().set_font_name(FONT).set_font_size(11);
        let cell = base
            .clone()
            .set_border(FormatBorder::Thin)
            .set_align(FormatAlign::VerticalCenter);
        Formats {
            header: cell
                .clone()
                .set_bold()
                .set_text_wrap()
                .set_align(FormatAlign::Center)
                .set_background_color("#D9D9D9"),
            text: cell
                .clone()
                .set_num_format_index(TEXT_FORMAT_INDEX)
                .set_text_wrap(),
            date: cell
                .clone()
                .set_num_format(DATE_FORMAT)
                .set_align(FormatAlign::Center),
            number: cell.set_align(FormatAlign::Center),
            note: base.clone().set_text_wrap().set_align(FormatAlign::Top),
            note_title: base.set_bold().set_font_size(14),
        }
    }

    pub fn of(&self, kind: ColumnKind) -> &Format {
        match kind {
            ColumnKind::Number => &self.number,
            ColumnKind::Text => &self.text,
            ColumnKind::Date => &self.date,
        }
    }
}

/// The data sheet's common layout: header in row 1 (frozen, repeated on every printed page),
/// column widths and formats, `rows` pre-formatted empty rows below it, A4 landscape fitted to
/// the page width with page numbers in the footer.
pub(crate) fn data_sheet(
    sheet: &mut Worksheet,
    columns: &[Column],
    rows: u32,
    f: &Formats,
) -> Result<(), XlsxError> {
    for (i, c) in columns.iter().enumerate() {
        let col = i as u16;
        sheet.set_column_width(col, c.width)?;
        // The column's own format, so a row typed below the prepared ones is formatted too.
        sheet.set_column_format(col, f.of(c.kind))?;
        sheet.write_string_with_format(0, col, c.header, &f.header)?;
        for row in 1..=rows {
            sheet.write_blank(row, col, f.of(c.kind))?;
        }
    }
    sheet.set_row_height(0, 30)?;
    sheet.set_freeze_panes(1, 0)?;
    sheet.set_repeat_rows(0, 0)?;
    sheet.set_paper_size(9); // A4
    sheet.set_landscape();
    sheet.set_print_fit_to_pages(1, 0);
    sheet.set_print_center_horizontally(true);
    sheet.set_margins(0.4, 0.4, 0.6, 0.6, 0.3, 0.3);
    sheet.set_footer("&C&9第 &P 页 / 共 &N 页");
    Ok(())
}

/// The instructions sheet: a title, numbered Chinese paragraphs, then an English line.
pub(crate) fn instructions_sheet(
    sheet: &mut Worksheet,
    title: &str,
    paragraphs: &[&str],
    english: &str,
    f: &Formats,
) -> Result<(), XlsxError> {
    sheet.set_name(INSTRUCTIONS_SHEET)?;
    sheet.set_column_width(0, 100)?;
    sheet.write_string_with_format(0, 0, title, &f.note_title)?;
    sheet.set_row_height(0, 24)?;
    let mut row = 1;
    for (i, p) in paragraphs.iter().enumerate() {
        let text = format!("{}. {p}", i + 1);
        sheet.write_string_with_format(row, 0, &text, &f.note)?;
        sheet.set_row_height(row, 15.0 * lines(&text, 100.0))?;
        row += 1;
    }
    row += 1;
    sheet.write_string_with_format(row, 0, english, &f.note)?;
    sheet.set_row_height(row, 15.0 * lines(english, 100.0))?;
    sheet.set_paper_size(9);
    sheet.set_portrait();
    sheet.set_print_fit_to_pages(1, 0);
    Ok(())
}

/// Lines a paragraph needs in a column `width` characters wide (a Chinese character counts 2).
fn lines(text: &str, width: f64) -> f64 {
    let w = unicode_width::UnicodeWidthStr::width(text) as f64;
    (w / width).ceil().max(1.0)
}

/// Workbook properties with a fixed creation time, so the same version of anjuan writes the
/// same bytes (a template's SHA-256 can be quoted in the notice that sends it out).
pub(crate) fn properties(title: &str) -> Result<rust_xlsxwriter::DocProperties, XlsxError> {
    let fixed = rust_xlsxwriter::ExcelDateTime::from_ymd(2025, 1, 1)?;
    Ok(rust_xlsxwriter::DocProperties::new()
        .set_title(title)
        .set_author("anjuan")
        .set_creation_datetime(&fixed))
}
