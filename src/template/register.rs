//! The case register template (案卷目录模板) the office sends to the agencies: sheet `案卷目录`
//! with the header in row 1 and 200 prepared rows, sheet `填表说明` with the instructions.
//!
//! The header names are ones `register::columns::Role::aliases` recognises (a unit test holds them
//! to it), and the 案件类型 drop-down lists the case types of the built-in checklists, read from
//! `checklist::builtin()` rather than written out a second time here.

use super::{data_sheet, instructions_sheet, properties, Column, ColumnKind, Formats};
use super::{TemplateError, DATE_FORMAT, LAST_ROW};
use crate::checklist::{self, normalize_case_type};
use rust_xlsxwriter::{
    DataValidation, DataValidationErrorStyle, DataValidationRule, ExcelDateTime, Workbook,
};

/// The data sheet's name.
pub const SHEET: &str = "案卷目录";
/// Empty rows prepared (borders, formats, validations) below the header.
pub const ROWS: u32 = 200;
/// The file name the command writes when `--out` is not given.
pub const DEFAULT_FILE: &str = "案卷目录模板.xlsx";

/// The columns, in the order of `samples/county-register.csv`.
pub const COLUMNS: [Column; 10] = [
    col("序号", 6.0, ColumnKind::Number),
    col("案号", 28.0, ColumnKind::Text),
    col("执法机关", 24.0, ColumnKind::Text),
    col("案件类型", 20.0, ColumnKind::Text),
    col("案件名称", 34.0, ColumnKind::Text),
    col("当事人", 20.0, ColumnKind::Text),
    col("立案日期", 12.0, ColumnKind::Date),
    col("办结日期", 12.0, ColumnKind::Date),
    col("承办人", 14.0, ColumnKind::Text),
    col("处理结果", 24.0, ColumnKind::Text),
];

const fn col(header: &'static str, width: f64, kind: ColumnKind) -> Column {
    Column {
        header,
        width,
        kind,
    }
}

fn index_of(header: &str) -> u16 {
    COLUMNS.iter().position(|c| c.header == header).unwrap_or(0) as u16
}

/// The case types the built-in checklists are chosen by, in checklist order, each once.
pub fn case_types() -> Result<Vec<String>, TemplateError> {
    let all = checklist::builtin().map_err(|e| TemplateError::Checklist(e.to_string()))?;
    let mut out: Vec<String> = Vec::new();
    for t in all.iter().flat_map(|c| &c.case_types) {
        if !out
            .iter()
            .any(|o| normalize_case_type(o) == normalize_case_type(t))
        {
            out.push(t.clone());
        }
    }
    Ok(out)
}

const INSTRUCTIONS: [&str; 10] = [
    "本表用于报送本机关的行政执法案卷目录，评查时从中随机抽取案卷。请在“案卷目录”工作表中填写，一行填一件案件，从第 2 行开始连续填写，中间不要空行。",
    "第 1 行是表头，请保留，不要修改、删除或移动，也不要在表头上方插入标题行；不需要的列可以留空，不要删除。",
    "案号：按行政处罚决定书（或许可、强制、检查等文书）上的文号原样填写，包括括号和“号”字，例如“攸市监罚〔2024〕12号”。本列已设为文本格式，以数字开头或很长的编号也不会被改动。",
    "执法机关：每一行都填写本机关全称（与盖章名称一致），不要只在第一行填写。",
    "案件类型：从下拉列表中选择；确有列表以外的类型，照实填写（评查组会另行确定适用的评查标准）。",
    "立案日期、办结日期：填写为日期，例如 2024-03-05 或 2024/3/5；不要写成“2024.3.5”、“3月5日”等文字。",
    "不要合并单元格，不要在数据区加“合计”“小计”行、备注行或签字行，不要使用公式；隐藏的行也会被当作案件，请删除而不是隐藏不报送的行。",
    "本机关的全部案件放在这一个工作表中；超过 200 件的，在下方继续填写即可（文本、日期格式和下拉列表同样适用）。本期没有案件的，报送零报告，不必报送空表。",
    "填好后以 Excel 工作簿（.xlsx）格式报送（WPS 请“另存为”Excel 工作簿），不要转成 .xls、PDF 或图片，不要加密码。",
    "填报单位的盖章、填报人和联系电话，请写在报送函上，不要写在本表中。",
];

const ENGLISH: &str = "For agencies: fill in sheet 案卷目录, one case per row from row 2, keeping the header in row 1 unchanged. 案号 exactly as on the decision document (the column is text); dates as real dates (2024-03-05); no merged cells, no totals, notes or formulas in the data area (a hidden row still counts as a case). Send the file back as .xlsx.";

/// The template as the bytes of an .xlsx workbook.
pub fn workbook() -> Result<Vec<u8>, TemplateError> {
    let types = case_types()?;
    let f = Formats::new();
    let mut book = Workbook::new();
    book.set_properties(&properties("行政执法案卷目录模板")?);
    let sheet = book.add_worksheet();
    sheet.set_name(SHEET)?;
    data_sheet(sheet, &COLUMNS, ROWS, &f)?;

    let id = index_of("案号");
    sheet.add_data_validation(
        1,
        id,
        LAST_ROW,
        id,
        &DataValidation::new()
            .allow_any_value()
            .set_input_title("案号")?
            .set_input_message("按决定书上的文号原样填写，例如：攸市监罚〔2024〕12号")?,
    )?;
    let ct = index_of("案件类型");
    sheet.add_data_validation(
        1,
        ct,
        LAST_ROW,
        ct,
        &DataValidation::new()
            .allow_list_strings(&types)?
            .set_error_style(DataValidationErrorStyle::Warning)
            .set_error_title("案件类型不在列表中")?
            .set_error_message(
                "列表中的类型都有对应的评查标准。确属列表以外的类型，可以选择“是”照实填写。",
            )?,
    )?;
    let first = ExcelDateTime::from_ymd(1990, 1, 1)?;
    let last = ExcelDateTime::from_ymd(2099, 12, 31)?;
    let dates = DataValidation::new()
        .allow_date(DataValidationRule::Between(first, last))
        .set_error_title("请填写日期")?
        .set_error_message(format!(
            "请填写日期，例如 2024-03-05 或 2024/3/5（显示为 {DATE_FORMAT}），不要写成文字。"
        ))?;
    for header in ["立案日期", "办结日期"] {
        let c = index_of(header);
        sheet.add_data_validation(1, c, LAST_ROW, c, &dates)?;
    }

    let notes = book.add_worksheet();
    instructions_sheet(notes, "案卷目录填表说明", &INSTRUCTIONS, ENGLISH, &f)?;
    Ok(book.save_to_buffer()?)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::register::columns::Role;

    /// Every header maps to the role the importer should give it, and the extra columns to none,
    /// so that 立案日期 is never taken for the closed date.
    #[test]
    fn headers_are_the_ones_the_importer_recognises() {
        let expected = [
            ("序号", None),
            ("案号", Some(Role::Id)),
            ("执法机关", Some(Role::Agency)),
            ("案件类型", Some(Role::CaseType)),
            ("案件名称", Some(Role::Title)),
            ("当事人", Some(Role::Party)),
            ("立案日期", Some(Role::FiledDate)),
            ("办结日期", Some(Role::ClosedDate)),
            ("承办人", None),
            ("处理结果", None),
        ];
        let headers: Vec<&str> = COLUMNS.iter().map(|c| c.header).collect();
        assert_eq!(headers, expected.map(|(h, _)| h));
        for (h, role) in expected {
            assert_eq!(Role::from_alias(h), role, "{h}");
        }
    }

    #[test]
    fn case_types_cover_every_builtin_checklist_once() {
        let types = case_types().unwrap();
        let all = checklist::builtin().unwrap();
        for c in &all {
            assert!(types.iter().any(|t| c.matches_case_type(t)), "{}", c.id);
        }
        for t in &types {
            let n = all.iter().filter(|c| c.matches_case_type(t)).count();
            assert_eq!(n, 1, "{t}");
        }
        assert!(types.iter().any(|t| t == "行政处罚（一般程序）"));
    }

    #[test]
    fn the_workbook_is_the_same_every_time() {
        assert_eq!(workbook().unwrap(), workbook().unwrap());
    }
}
