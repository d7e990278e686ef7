//! The reviewer roster template (评查人员名单模板): sheet `评查人员名单` with the columns
//! `team roster` reads (headers from `team::roster::Field`, the 角色 drop-down from
//! `team::roster::MemberRole`), and sheet `填表说明`.

use super::{data_sheet, instructions_sheet, properties, Column, ColumnKind, Formats};
use super::{TemplateError, LAST_ROW};
use crate::i18n::Lang;
use crate::team::roster::{Field, MemberRole};
use rust_xlsxwriter::{DataValidation, Workbook};

/// The data sheet's name.
pub const SHEET: &str = "评查人员名单";
/// Empty rows prepared below the header.
pub const ROWS: u32 = 60;
/// The file name the command writes when `--out` is not given.
pub const DEFAULT_FILE: &str = "评查人员名单模板.xlsx";

/// The roster's fields in template order, with widths.
const FIELDS: [(Field, f64); 5] = [
    (Field::Id, 10.0),
    (Field::Name, 12.0),
    (Field::Unit, 30.0),
    (Field::Role, 10.0),
    (Field::Key, 70.0),
];

/// Every role a member can have, in the order the drop-down shows them.
const ROLES: [MemberRole; 2] = [MemberRole::Reviewer, MemberRole::Checker];

/// Fails to compile when `MemberRole` gains a variant, so that `ROLES` is extended with it.
const _: fn(MemberRole) = |r| match r {
    MemberRole::Reviewer | MemberRole::Checker => {}
};

/// The role values offered in the drop-down: the roles' Chinese labels.
pub fn role_values() -> Vec<&'static str> {
    ROLES.iter().map(|r| r.label(Lang::Zh)).collect()
}

/// The columns: the Chinese label of each field (the roster importer's first alias).
pub fn columns() -> Vec<Column> {
    FIELDS
        .iter()
        .map(|&(field, width)| Column {
            header: field.label(Lang::Zh),
            width,
            kind: ColumnKind::Text,
        })
        .collect()
}

const INSTRUCTIONS: [&str; 7] = [
    "本表用于登记本次评查的评查人员，一行填一人，从第 2 行开始连续填写；第 1 行表头请保留，不要修改。",
    "编号：每人一个，不能重复，例如 R01、R02；编号会用作密钥文件名，不要使用 / \\ : * ? \" < > | 等字符。不填编号的，导入时按顺序编为 R01、R02……",
    "姓名、单位：必填。单位请写所在机关全称，与案卷目录中的执法机关名称一致，以便分配时回避本单位的案卷。",
    "角色：从下拉列表中选择“评查人”或“复核人”；留空视为评查人。复核人负责裁定双人评查的分歧。",
    "公钥：可以留空。评查人在本人电脑上运行 anjuan team keygen 生成密钥后，把公钥交评查组登记（anjuan team key），或填在此列。",
    "不要合并单元格，不要加标题行、合计行或备注行，不要使用公式。",
    "填好后以 Excel 工作簿（.xlsx）保存，用 anjuan team roster 工作区 本文件 导入。",
];

const ENGLISH: &str = "Roster: one person per row from row 2, keeping the header in row 1. 编号 (id) unique, e.g. R01; 姓名 (name) and 单位 (unit, the agency's full name) required; 角色 (role) 评查人 (reviewer, the default) or 复核人 (checker); 公钥 (public key) may stay empty. Import with: anjuan team roster WORKSPACE FILE.";

/// The template as the bytes of an .xlsx workbook.
pub fn workbook() -> Result<Vec<u8>, TemplateError> {
    let f = Formats::new();
    let columns = columns();
    let mut book = Workbook::new();
    book.set_properties(&properties("评查人员名单模板")?);
    let sheet = book.add_worksheet();
    sheet.set_name(SHEET)?;
    data_sheet(sheet, &columns, ROWS, &f)?;
    let role = FIELDS
        .iter()
        .position(|(field, _)| *field == Field::Role)
        .unwrap_or(0) as u16;
    sheet.add_data_validation(
        1,
        role,
        LAST_ROW,
        role,
        &DataValidation::new()
            .allow_list_strings(&role_values())?
            .set_error_title("角色")?
            .set_error_message("请从列表中选择“评查人”或“复核人”（留空视为评查人）。")?,
    )?;
    let notes = book.add_worksheet();
    instructions_sheet(notes, "评查人员名单填表说明", &INSTRUCTIONS, ENGLISH, &f)?;
    Ok(book.save_to_buffer()?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_offered_role_is_accepted_and_every_role_is_offered() {
        let values = role_values();
        let mut roles: Vec<MemberRole> = values
            .iter()
            .map(|v| MemberRole::from_cell(v).unwrap())
            .collect();
        roles.dedup();
        assert_eq!(roles, ROLES);
        assert_eq!(values, ["评查人", "复核人"]);
    }

    #[test]
    fn headers_are_roster_aliases() {
        let headers: Vec<&str> = columns().iter().map(|c| c.header).collect();
        assert_eq!(headers, ["编号", "姓名", "单位", "角色", "公钥"]);
        for ((field, _), h) in FIELDS.iter().zip(&headers) {
            assert!(field.aliases().contains(h), "{h}");
        }
    }
}
