//! `anjuan template register|roster`: write a blank template to send out, refusing to replace an
//! existing file unless `--force`.

use super::args::{TemplateAction, TemplateArgs};
use super::Outcome;
use crate::i18n::Lang;
use crate::template::{self, register, roster, INSTRUCTIONS_SHEET};
use crate::tr;
use std::path::PathBuf;

pub fn run(a: TemplateArgs, lang: Lang) -> Outcome {
    let render = |e: template::TemplateError| e.render(lang);
    match a.action {
        TemplateAction::Register(o) => {
            let path = o
                .out
                .unwrap_or_else(|| PathBuf::from(register::DEFAULT_FILE));
            let bytes = register::workbook().map_err(render)?;
            template::write(&path, &bytes, o.force).map_err(render)?;
            let types = register::case_types().map_err(render)?;
            out!(
                "{}",
                tr!(
                    lang,
                    "已写出案卷目录模板 {}：\n  工作表“{}”：第 1 行表头（{}），其下 {} 行已设好格式；案件类型下拉列表 {} 项\n  工作表“{}”：给填表人的说明\n发给各执法机关填写；收回后导入：anjuan init 工作区 --register 收回的文件…",
                    "wrote the register template {}:\n  sheet {:?}: header in row 1 ({}), {} formatted rows below it; {} case types in the 案件类型 drop-down\n  sheet {:?}: instructions\nSend it to the agencies; import the returned files with: anjuan init WORKSPACE --register FILES…",
                    path.display(),
                    register::SHEET,
                    register::COLUMNS.map(|c| c.header).join("、"),
                    register::ROWS,
                    types.len(),
                    INSTRUCTIONS_SHEET
                )
            );
        }
        TemplateAction::Roster(o) => {
            let path = o.out.unwrap_or_else(|| PathBuf::from(roster::DEFAULT_FILE));
            let bytes = roster::workbook().map_err(render)?;
            template::write(&path, &bytes, o.force).map_err(render)?;
            let headers: Vec<&str> = roster::columns().iter().map(|c| c.header).collect();
            out!(
                "{}",
                tr!(
                    lang,
                    "已写出评查人员名单模板 {}：\n  工作表“{}”：第 1 行表头（{}），其下 {} 行已设好格式；角色下拉列表：{}\n  工作表“{}”：给填表人的说明\n填好后导入：anjuan team roster 工作区 {}",
                    "wrote the roster template {}:\n  sheet {:?}: header in row 1 ({}), {} formatted rows below it; 角色 drop-down: {}\n  sheet {:?}: instructions\nImport it when filled in: anjuan team roster WORKSPACE {}",
                    path.display(),
                    roster::SHEET,
                    headers.join("、"),
                    roster::ROWS,
                    roster::role_values().join("、"),
                    INSTRUCTIONS_SHEET,
                    path.display()
                )
            );
        }
    }
    Ok(0)
}
