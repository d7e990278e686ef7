//! What `ballot WS print` writes for a 民主评议: the numbered ballots (测评票.xlsx, one A4 page
//! each: title, instructions, serial and check code, one row per evaluated agency with a box per
//! level), the plain tally sheet to type them up in elsewhere (计票表.xlsx, read back by
//! `ballots::import`) and the office's list of serials and check codes (校验码清单.csv). Every
//! file is written whole or not at all (`write_atomic`); the same setup prints the same bytes.
//!
//! Owns: the layout of the printed ballot and of the blank tally sheet. Must not: decide codes
//! or serials (`ballots::code`, `ballots::setup`).

use super::xlsx::{new_workbook, page_setup, FONT};
use super::{neutralize, ExportError, Written};
use crate::ballots::code::grouped;
use crate::ballots::import::{CODE_HEADERS, SERIAL_HEADERS, SPOILED_HEADERS};
use crate::ballots::setup::Setup;
use crate::workspace::records::RecordRef;
use rust_xlsxwriter::{Format, FormatAlign, FormatBorder, Workbook, Worksheet, XlsxError};
use std::path::Path;

pub const BALLOTS_FILE: &str = "测评票.xlsx";
pub const TALLY_FILE: &str = "计票表.xlsx";
pub const CODES_FILE: &str = "校验码清单.csv";
/// Ballots on one worksheet (Excel allows 1023 page breaks on a sheet).
pub const PER_SHEET: u32 = 500;
/// Printable height of an A4 page under `page_setup`'s margins, in points.
const PAGE_HEIGHT: f64 = 730.0;
const FIXED_HEIGHT: f64 = 30.0 + 18.0 + 24.0 + 52.0 + 22.0 + 20.0;

/// The audit line of every page: which setup the ballots belong to.
pub fn footer(setup: &Setup, r: &RecordRef) -> String {
    format!(
        "民主评议测评票 | 设置 {} SHA-256 {} | 共 {} 张",
        r.file,
        &r.sha256[..16.min(r.sha256.len())],
        setup.ballots
    )
}

fn x(e: XlsxError) -> ExportError {
    ExportError::Xlsx(e.to_string())
}

/// The ballots as one workbook: a sheet per `PER_SHEET` ballots, a page per ballot.
pub fn ballots_xlsx(
    setup: &Setup,
    r: &RecordRef,
    campaign: Option<&str>,
) -> Result<Vec<u8>, ExportError> {
    let mut book = new_workbook().map_err(x)?;
    let mut first = 1;
    while first <= setup.ballots {
        let last = (first + PER_SHEET - 1).min(setup.ballots);
        let sheet = book.add_worksheet();
        let name = if setup.ballots <= PER_SHEET {
            "测评票".to_string()
        } else {
            format!(
                "测评票{}-{}",
                setup.serial_text(first),
                setup.serial_text(last)
            )
        };
        sheet.set_name(name).map_err(x)?;
        ballot_pages(sheet, setup, first..=last, campaign).map_err(x)?;
        page_setup(sheet, false, &footer(setup, r));
        first = last + 1;
    }
    book.save_to_buffer().map_err(x)
}

fn ballot_pages(
    sheet: &mut Worksheet,
    setup: &Setup,
    serials: std::ops::RangeInclusive<u32>,
    campaign: Option<&str>,
) -> Result<(), XlsxError> {
    let k = setup.scale.len() as u16;
    let last = 1 + k;
    let level_width = (48.0 / k as f64).clamp(10.0, 16.0);
    sheet.set_column_width(0, 6)?;
    sheet.set_column_width(1, 40)?;
    for c in 0..k {
        sheet.set_column_width(2 + c, level_width)?;
    }
    let base = Format::new().set_font_name(FONT).set_font_size(11);
    let title = base
        .clone()
        .set_bold()
        .set_font_size(18)
        .set_align(FormatAlign::Center)
        .set_align(FormatAlign::VerticalCenter);
    let sub = base.clone().set_align(FormatAlign::Center);
    let number = base
        .clone()
        .set_bold()
        .set_font_size(13)
        .set_align(FormatAlign::VerticalCenter);
    let note = base
        .clone()
        .set_font_size(10)
        .set_text_wrap()
        .set_align(FormatAlign::Top);
    let head = base
        .clone()
        .set_bold()
        .set_border(FormatBorder::Thin)
        .set_background_color("#D9D9D9")
        .set_align(FormatAlign::Center)
        .set_align(FormatAlign::VerticalCenter);
    let cell = base
        .clone()
        .set_border(FormatBorder::Thin)
        .set_text_wrap()
        .set_align(FormatAlign::VerticalCenter);
    let centred = cell.clone().set_align(FormatAlign::Center);
    let n = setup.agencies.len() as f64;
    let row_height = ((PAGE_HEIGHT - FIXED_HEIGHT) / n.max(1.0)).clamp(14.0, 28.0);
    let levels = setup.scale.join("、");
    let instructions = format!(
        "填写说明：请对每个被评议单位，在“{levels}”中选一项，在对应的方格内划“√”；不了解的单位可以不选。\
         本票不记名，当场填写、当场收回。票面编号和校验码用于防止伪造和重复计票，请勿涂改；\
         涂改、多选无法辨认的，该单位按未评价计。"
    );
    let mut row = 0u32;
    let mut breaks = Vec::new();
    for s in serials {
        if row > 0 {
            breaks.push(row);
        }
        sheet.merge_range(row, 0, row, last, "民主评议测评票", &title)?;
        sheet.set_row_height(row, 30)?;
        row += 1;
        let line = campaign.map_or_else(
            || "民主评议会".to_string(),
            |c| format!("{}　民主评议会", neutralize(c)),
        );
        sheet.merge_range(row, 0, row, last, &line, &sub)?;
        sheet.set_row_height(row, 18)?;
        row += 1;
        let serial = format!("编号：{}", setup.serial_text(s));
        let code = format!("校验码：{}", grouped(&setup.code(s)));
        sheet.merge_range(row, 0, row, 1, &serial, &number)?;
        sheet.merge_range(row, 2, row, last, &code, &number)?;
        sheet.set_row_height(row, 24)?;
        row += 1;
        sheet.merge_range(row, 0, row, last, &instructions, &note)?;
        sheet.set_row_height(row, 52)?;
        row += 1;
        sheet.write_string_with_format(row, 0, "序号", &head)?;
        sheet.write_string_with_format(row, 1, "被评议单位", &head)?;
        for (c, l) in setup.scale.iter().enumerate() {
            sheet.write_string_with_format(row, 2 + c as u16, neutralize(l), &head)?;
        }
        sheet.set_row_height(row, 22)?;
        row += 1;
        for (i, a) in setup.agencies.iter().enumerate() {
            sheet.write_string_with_format(row, 0, (i + 1).to_string(), &centred)?;
            sheet.write_string_with_format(row, 1, neutralize(a), &cell)?;
            for c in 0..k {
                sheet.write_blank(row, 2 + c, &centred)?;
            }
            sheet.set_row_height(row, row_height)?;
            row += 1;
        }
        let back = format!("（{}　校验码 {}）", serial, grouped(&setup.code(s)));
        sheet.merge_range(
            row,
            0,
            row,
            last,
            &back,
            &base.clone().set_font_size(9).set_align(FormatAlign::Right),
        )?;
        sheet.set_row_height(row, 20)?;
        row += 1;
    }
    sheet.set_page_breaks(&breaks)?;
    Ok(())
}

/// The headers of the tally sheet, in order: 编号, 校验码, each agency, 废票.
pub fn tally_headers(setup: &Setup) -> Vec<String> {
    let mut h = vec![SERIAL_HEADERS[0].to_string(), CODE_HEADERS[0].to_string()];
    h.extend(setup.agencies.iter().cloned());
    h.push(SPOILED_HEADERS[0].to_string());
    h
}

/// The blank tally sheet: the headers in row 1 (编号 and 校验码 formatted as text, so leading
/// zeros stay), and a sheet of instructions.
pub fn tally_xlsx(setup: &Setup, r: &RecordRef) -> Result<Vec<u8>, ExportError> {
    let mut book: Workbook = new_workbook().map_err(x)?;
    let base = Format::new().set_font_name(FONT).set_font_size(10);
    let text = base.clone().set_num_format("@");
    let head = base
        .clone()
        .set_bold()
        .set_background_color("#D9D9D9")
        .set_border(FormatBorder::Thin);
    let sheet = book.add_worksheet();
    sheet.set_name("计票表").map_err(x)?;
    for (i, h) in tally_headers(setup).iter().enumerate() {
        let c = i as u16;
        let w = (unicode_width::UnicodeWidthStr::width(h.as_str()) as f64 + 2.0).clamp(8.0, 30.0);
        sheet
            .set_column_width(c, if c < 2 { 12.0 } else { w })
            .map_err(x)?;
        sheet.set_column_format(c, &text).map_err(x)?;
        sheet
            .write_string_with_format(0, c, neutralize(h), &head)
            .map_err(x)?;
    }
    sheet.set_freeze_panes(1, 2).map_err(x)?;
    let notes = book.add_worksheet();
    notes.set_name("填写说明").map_err(x)?;
    notes.set_column_width(0, 100).map_err(x)?;
    let levels: Vec<String> = setup
        .scale
        .iter()
        .enumerate()
        .map(|(i, l)| format!("{} {l}", i + 1))
        .collect();
    let lines = [
        "民主评议计票表：每行一张收回的测评票。".to_string(),
        "编号、校验码：照票面抄写（校验码 8 位数字，空格可有可无）。未收回的票不填。".to_string(),
        format!("各单位一列：填等次名称或其序号（{}）；未选、无法辨认的留空或填 0。", levels.join("、")),
        "废票：整张作废的票在“废票”列填 1，各单位列留空。".to_string(),
        "导入：anjuan ballot 工作区 import 计票表.xlsx [--pass 2]。任何一行有误，整表都不导入，并列出每个错误的行和列。".to_string(),
        format!("本表对应设置 {}（SHA-256 {}），共发放 {} 张。", r.file, r.sha256, setup.ballots),
    ];
    for (i, l) in lines.iter().enumerate() {
        notes
            .write_string_with_format(i as u32, 0, l, &base)
            .map_err(x)?;
    }
    book.save_to_buffer().map_err(x)
}

/// 编号,校验码 for every ballot: UTF-8 with a BOM, CRLF.
pub fn codes_csv(setup: &Setup) -> Vec<u8> {
    let mut s = String::from("\u{feff}编号,校验码\r\n");
    for n in 1..=setup.ballots {
        s.push_str(&format!("{},{}\r\n", setup.serial_text(n), setup.code(n)));
    }
    s.into_bytes()
}

/// Write the three files into `out` (made if missing), each whole or not at all.
pub fn print(
    setup: &Setup,
    r: &RecordRef,
    campaign: Option<&str>,
    out: &Path,
) -> Result<Vec<Written>, ExportError> {
    super::write_files(
        out,
        [
            (BALLOTS_FILE.to_string(), ballots_xlsx(setup, r, campaign)?),
            (TALLY_FILE.to_string(), tally_xlsx(setup, r)?),
            (CODES_FILE.to_string(), codes_csv(setup)),
        ],
    )
}
