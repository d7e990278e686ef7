//! Problems found while importing a register. Each names the file, the row as a spreadsheet shows
//! it (header = row 1), the column, what is wrong and what to do, in Chinese or English.

use super::xlsx_guard::MAX_RATIO;
use crate::i18n::Lang;
use crate::tr;

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Place {
    pub file: String,
    /// The sheet of a workbook, when the file has several or one was chosen.
    pub sheet: Option<String>,
    pub row: Option<u64>,
    /// Column letter and header text, e.g. `("B", "执法机关")`.
    pub column: Option<(String, String)>,
    pub byte_offset: Option<u64>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ProblemKind {
    Unreadable {
        reason: String,
    },
    EmptyFile,
    HeaderOnly,
    /// No row among the first `searched` names the case id column.
    NoHeaderRow {
        searched: u64,
        /// The first non-blank rows as read (row, text).
        rows: Vec<(u64, String)>,
        id_column: Option<String>,
    },
    /// `--header-row` named a row that is blank or beyond the end.
    HeaderRowBlank {
        row: u64,
    },
    /// More rows than `limit` on one sheet are not cases.
    TooManySkipped {
        limit: usize,
    },
    Utf16,
    MissingColumn {
        role: &'static str,
        zh: &'static str,
        tried: String,
    },
    AmbiguousColumn {
        role: &'static str,
        candidates: Vec<String>,
    },
    NoSuchColumn {
        name: String,
        headers: String,
    },
    DuplicateHeader {
        name: String,
    },
    NoSuchSheet {
        name: String,
        sheets: String,
    },
    Undecodable {
        encoding: &'static str,
        bytes: String,
    },
    Ragged {
        expected: usize,
        found: usize,
    },
    EmptyId,
    ControlInId {
        code: u32,
    },
    EmptyStratum,
    ControlInField {
        code: u32,
    },
    DuplicateId {
        id: String,
        rows: Vec<String>,
    },
    BadDate {
        text: String,
    },
    EmptyDateFiltered,
    NumericId {
        shown: String,
    },
    TooMany {
        more: u64,
    },
    NotAFile {
        what: &'static str,
    },
    TooLarge {
        bytes: u64,
        limit: u64,
    },
    RowTooLong {
        limit: usize,
    },
    Unsupported {
        ext: String,
    },
    ZipBomb {
        part: String,
        packed: u64,
    },
    PartTooLarge {
        part: String,
        limit: u64,
    },
    Encrypted,
    BadWorkbook {
        reason: String,
    },
    FormulaCell,
    /// An .xls/.et or .ods workbook that cannot be read.
    BadSpreadsheet {
        format: &'static str,
        reason: String,
    },
    /// Named .xls/.et/.ods but something else (`reader::NOT_A_WORKBOOK` codes).
    NotAWorkbook {
        ext: String,
        what: &'static str,
    },
    TooManyCells {
        sheet: String,
        cells: u64,
        limit: u64,
    },
    InvisibleInId {
        code: u32,
    },
    InvisibleInField {
        code: u32,
    },
    IdTooLong {
        chars: usize,
        limit: usize,
    },
    /// A fine that cannot be read exactly (`amount::parse_fen`).
    BadAmount {
        text: String,
        why: super::amount::AmountError,
    },
    /// An extension of the deadline that is neither a number of days nor yes/no.
    BadExtension {
        text: String,
    },
    /// An entity's id that is not a valid 统一社会信用代码 (`credit_code::check`).
    BadCreditCode {
        text: String,
        why: super::credit_code::CodeError,
    },
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Problem {
    pub place: Place,
    pub kind: ProblemKind,
}

/// Spreadsheet column letters: 0 → A, 25 → Z, 26 → AA.
pub fn column_letter(index: usize) -> String {
    let mut n = index + 1;
    let mut out = Vec::new();
    while n > 0 {
        let r = (n - 1) % 26;
        out.push(b'A' + r as u8);
        n = (n - 1) / 26;
    }
    out.reverse();
    String::from_utf8(out).unwrap_or_default()
}

impl Place {
    pub fn file(file: &str) -> Place {
        Place {
            file: file.to_string(),
            sheet: None,
            row: None,
            column: None,
            byte_offset: None,
        }
    }

    pub fn render(&self, lang: Lang) -> String {
        let mut s = match lang {
            Lang::Zh => format!("文件 {}", self.file),
            Lang::En => format!("file {}", self.file),
        };
        if let Some(sheet) = &self.sheet {
            s += &tr!(lang, " 工作表“{sheet}”", ", sheet {sheet:?}");
        }
        if let Some(row) = self.row {
            s += &tr!(lang, " 第 {row} 行", ", row {row}");
        }
        if let Some((letter, header)) = &self.column {
            s += &tr!(
                lang,
                " {letter} 列（{header}）",
                ", column {letter} ({header})"
            );
        }
        if let Some(off) = self.byte_offset {
            s += &tr!(lang, " 字节偏移 {off}", ", byte offset {off}");
        }
        s
    }
}

impl Problem {
    pub fn new(place: Place, kind: ProblemKind) -> Problem {
        Problem { place, kind }
    }

    pub fn render(&self, lang: Lang) -> String {
        format!("{}: {}", self.place.render(lang), self.kind.render(lang))
    }
}

impl ProblemKind {
    pub fn render(&self, lang: Lang) -> String {
        use ProblemKind::*;
        match self {
            Unreadable { reason } => tr!(
                lang,
                "无法读取（{reason}）。请确认路径正确、文件未被其他程序占用",
                "cannot be read ({reason}). Check the path and that no other program holds it"
            ),
            EmptyFile => tr!(lang, "文件为空。请重新导出案卷目录", "the file is empty. Export the register again"),
            HeaderOnly => tr!(
                lang,
                "只有表头，没有案卷行。请确认导出了数据",
                "has a header but no case rows. Check that the data was exported"
            ),
            NoHeaderRow {
                searched,
                rows,
                id_column,
            } => {
                let what = match id_column {
                    Some(c) => tr!(lang, "名为“{c}”的列", "a column named {c:?}"),
                    None => tr!(
                        lang,
                        "案号列（{}）",
                        "a case id column ({})",
                        crate::register::columns::Role::Id.aliases().join("/")
                    ),
                };
                let mut shown = String::new();
                for (row, text) in rows {
                    shown += &tr!(lang, "\n    第 {row} 行：{text}", "\n    row {row}: {text}");
                }
                if rows.is_empty() {
                    shown = lang.pick("（没有内容）", "(nothing)").to_string();
                }
                tr!(
                    lang,
                    "前 {searched} 行中没有一行含有{what}，找不到表头。anjuan 读到的前几行：{shown}\n  请用 --header-row N（表头所在行，按表格显示的行号）指明表头，或用 --id-column 列名 指明案号列",
                    "none of the first {searched} rows has {what}, so the header was not found. The first rows as anjuan read them:{shown}\n  Name the header's row with --header-row N (as the spreadsheet numbers it), or the case id column with --id-column NAME"
                )
            }
            TooManySkipped { limit } => tr!(
                lang,
                "本工作表自此行起不作为案卷的行（合计、说明、只有序号等）超过 {limit} 行，版式不像案卷目录。请检查表头是否找对（可用 --header-row 指定），或删去多余的行后重新导出",
                "from this row on, more than {limit} rows of this sheet are not cases (合计, notes, rows with only a 序号…), which is not the layout of a register. Check that the header was found (name it with --header-row), or remove the extra rows and export again"
            ),
            HeaderRowBlank { row } => tr!(
                lang,
                "--header-row 指定的第 {row} 行是空行或不存在。请检查行号（按表格显示的行号）",
                "the row {row} named by --header-row is blank or missing. Check the number (as the spreadsheet shows it)"
            ),
            Utf16 => tr!(
                lang,
                "是没有字节顺序标记（BOM）的 UTF-16 编码，无法确定字节顺序。请在表格软件中重新另存为“Unicode 文本”（带 BOM）或“CSV UTF-8”",
                "is UTF-16 without a byte-order mark (BOM), so its byte order is unknown. Save it again as \"Unicode Text\" (UTF-16 with BOM) or as \"CSV UTF-8\" in the spreadsheet program"
            ),
            MissingColumn { role, zh, tried } => tr!(
                lang,
                "找不到{zh}列（试过：{tried}）。请用 --{role}-column 指定列名",
                "no {role} column found (tried: {tried}). Name it with --{role}-column"
            ),
            AmbiguousColumn { role, candidates } => {
                let c = candidates.join("、");
                tr!(
                    lang,
                    "有多列都像 {role} 列：{c}。请用 --{role}-column 指定其一",
                    "several columns look like the {role} column: {c}. Choose one with --{role}-column"
                )
            }
            NoSuchColumn { name, headers } => tr!(
                lang,
                "没有名为“{name}”的列；表头为：{headers}。请检查列名",
                "has no column named {name:?}; the headers are: {headers}. Check the name"
            ),
            DuplicateHeader { name } => tr!(
                lang,
                "表头“{name}”出现了不止一次，无法确定使用哪一列。请重命名其中一列",
                "the header {name:?} appears more than once, so the column is ambiguous. Rename one of them"
            ),
            NoSuchSheet { name, sheets } => tr!(
                lang,
                "没有名为“{name}”的工作表；现有：{sheets}。请用 --sheet 指定",
                "has no sheet named {name:?}; sheets: {sheets}. Choose one with --sheet"
            ),
            Undecodable { encoding, bytes } => tr!(
                lang,
                "字节 {bytes} 不是有效的 {encoding} 编码（不会被替换或忽略）。请用正确编码重新导出，或用 --encoding 指定编码",
                "bytes {bytes} are not valid {encoding} (they are never replaced or skipped). Re-export the file, or give the encoding with --encoding"
            ),
            Ragged { expected, found } => tr!(
                lang,
                "有 {found} 个字段，表头有 {expected} 个。请检查该行是否多了或少了逗号、引号未闭合",
                "has {found} fields but the header has {expected}. Look for an extra or missing comma or an unclosed quote"
            ),
            EmptyId => tr!(
                lang,
                "案号为空。请补填案号，或删除该行",
                "the case id is empty. Fill it in or delete the row"
            ),
            ControlInId { code } => tr!(
                lang,
                "案号含控制字符 U+{code:04X}。请删除该不可见字符后重新导出",
                "the case id contains the control character U+{code:04X}. Remove the invisible character and export again"
            ),
            EmptyStratum => tr!(
                lang,
                "分层字段（如执法机关）为空。请补填，或用 --agency-for 文件=机关 为整个文件指定",
                "the stratum field (e.g. the agency) is empty. Fill it in, or give it for the whole file with --agency-for FILE=NAME"
            ),
            ControlInField { code } => tr!(
                lang,
                "含控制字符 U+{code:04X}（制表符、换行等）。请删除后重新导出",
                "contains the control character U+{code:04X} (tab, line break, …). Remove it and export again"
            ),
            DuplicateId { id, rows } => {
                let r = rows.join("; ");
                tr!(
                    lang,
                    "案号“{id}”重复，出现在：{r}。每个案号只能出现一次：请删除重复行或更正案号",
                    "the case id {id:?} appears more than once: {r}. Each id must be unique: remove the duplicate or correct the id"
                )
            }
            BadDate { text } => tr!(
                lang,
                "日期“{text}”无法识别。请写成 2024-03-05、2024/3/5 或 2024年3月5日",
                "the date {text:?} cannot be read. Write it as 2024-03-05, 2024/3/5 or 2024年3月5日"
            ),
            EmptyDateFiltered => tr!(
                lang,
                "日期为空，无法按日期范围筛选。请补填日期",
                "the date is empty, so the date filter cannot decide. Fill in the date"
            ),
            NumericId { shown } => tr!(
                lang,
                "案号是数字单元格（{shown}），Excel 可能已去掉前导零或末尾数字。请把该列设为“文本”格式后重新输入，或加 --numeric-ids 确认按原样使用",
                "the case id is a number cell ({shown}); Excel may have dropped leading zeros or trailing digits. Format the column as Text and re-enter, or pass --numeric-ids to accept it"
            ),
            TooMany { more } => tr!(
                lang,
                "另有 {more} 个问题未列出（已列出的请先修正）",
                "{more} more problems not listed (fix the ones above first)"
            ),
            NotAFile { what } => {
                let zh = if *what == "folder" { "文件夹" } else { "设备或管道" };
                tr!(
                    lang,
                    "不是普通文件（是{zh}），不能作为案卷目录读取。请指定导出的 CSV 或 XLSX 文件",
                    "is not a regular file (it is a {what}) and cannot be read as a register. Name the exported CSV or XLSX file"
                )
            }
            TooLarge { bytes, limit } => {
                let (mb, lim) = (bytes >> 20, limit >> 20);
                tr!(
                    lang,
                    "文件有 {mb} MiB，超过上限 {lim} MiB。请另存为“CSV UTF-8”（UTF-8 的 CSV 不受此限）",
                    "is {mb} MiB, more than the limit of {lim} MiB. Save it as \"CSV UTF-8\" (UTF-8 CSV has no such limit)"
                )
            }
            RowTooLong { limit } => {
                let mib = limit >> 20;
                tr!(
                    lang,
                    "从该行起超过 {mib} MiB 仍未结束：多半是引号未闭合，或文件没有换行。请检查该行的引号",
                    "the row starting here runs on for more than {mib} MiB: most likely an unclosed quote, or a file without line ends. Check the quotes in this row"
                )
            }
            Unsupported { ext } => tr!(
                lang,
                "不支持 .{ext} 格式。请在表格软件中另存为 .xlsx 或“CSV UTF-8”",
                "the .{ext} format is not read. Save it as .xlsx or \"CSV UTF-8\" in the spreadsheet program"
            ),
            ZipBomb { part, packed } => tr!(
                lang,
                "工作簿部件 {part} 解压后超过压缩大小（{packed} 字节）的 {MAX_RATIO} 倍，疑似“压缩炸弹”，已拒绝读取。请从原系统重新导出",
                "the workbook part {part} unpacks to more than {MAX_RATIO} times its packed size ({packed} bytes), like a zip bomb, and was not read. Export the register again from its system"
            ),
            PartTooLarge { part, limit } => {
                let mib = limit >> 20;
                tr!(
                    lang,
                    "工作簿部件 {part} 解压后超过 {mib} MiB，已拒绝读取。请另存为“CSV UTF-8”",
                    "the workbook part {part} unpacks to more than {mib} MiB and was not read. Save the sheet as \"CSV UTF-8\""
                )
            }
            Encrypted => tr!(
                lang,
                "工作簿已加密（设有打开密码），或是改了扩展名的旧版 .xls 文件。请取消密码后另存为 .xlsx",
                "the workbook is encrypted (it has an open password), or is an old .xls file renamed. Remove the password and save it as .xlsx"
            ),
            BadWorkbook { reason } => tr!(
                lang,
                "不是可读取的 XLSX 工作簿（{reason}），可能已损坏或被截断。请在表格软件中打开并重新另存为 .xlsx，或另存为“CSV UTF-8”",
                "is not a readable XLSX workbook ({reason}); it may be damaged or cut short. Open it in the spreadsheet program and save it again as .xlsx, or as \"CSV UTF-8\""
            ),
            BadSpreadsheet { format, reason } => tr!(
                lang,
                "不是可读取的 {format} 工作簿（{reason}），可能已损坏或被截断。请在表格软件中打开并另存为 .xlsx 或“CSV UTF-8”",
                "is not a readable {format} workbook ({reason}); it may be damaged or cut short. Open it in the spreadsheet program and save it as .xlsx or as \"CSV UTF-8\""
            ),
            NotAWorkbook { ext, what } => {
                let (zh, en) = match *what {
                    "html" => ("网页（HTML 表格，有些系统导出的 .xls 即是如此）", "a web page (an HTML table, as some systems export under an .xls name)"),
                    "xml2003" => ("Excel 2003 XML 表格", "an Excel 2003 XML spreadsheet"),
                    "pdf" => ("PDF 文档", "a PDF document"),
                    "text" => ("文本文件（如 CSV 或制表符分隔的文本）", "a text file (such as CSV or tab-separated text)"),
                    _ => ("无法识别的文件", "a file of unknown kind"),
                };
                tr!(
                    lang,
                    "扩展名是 .{ext}，但不是工作簿，而是{zh}。请在表格软件中打开并另存为 .xlsx 或“CSV UTF-8”",
                    "is named .{ext} but is not a workbook: it is {en}. Open it in the spreadsheet program and save it as .xlsx or as \"CSV UTF-8\""
                )
            }
            TooManyCells { sheet, cells, limit } => {
                let (zs, es) = if sheet.is_empty() {
                    (String::new(), String::new())
                } else {
                    (format!("工作表“{sheet}”"), format!(" (sheet {sheet:?})"))
                };
                tr!(
                    lang,
                    "{zs}读入时需要 {cells} 个单元格，超过上限 {limit}，已拒绝读取。请另存为“CSV UTF-8”（CSV 逐行读取，不受此限）",
                    "would take {cells} cells in memory to read{es}, more than the limit of {limit}, and was not read. Save it as \"CSV UTF-8\" (CSV is read row by row and has no such limit)"
                )
            }
            FormulaCell => tr!(
                lang,
                "单元格是公式，显示的值是表格软件上次计算的结果，重新打开时可能改变。请复制该列并“选择性粘贴为数值”后再导入",
                "the cell holds a formula: the value shown is what the spreadsheet last computed and may change when it is opened again. Copy the column and paste it as values, then import again"
            ),
            InvisibleInId { code } => tr!(
                lang,
                "案号含不可见的格式字符 U+{code:04X}（如字节顺序标记、零宽字符、文字方向控制符），会让不同的案号看起来一样。请删除后重新导出",
                "the case id contains the invisible format character U+{code:04X} (a byte-order mark, zero-width or text-direction character), which makes different ids look alike. Remove it and export again"
            ),
            InvisibleInField { code } => tr!(
                lang,
                "含不可见的格式字符 U+{code:04X}（字节顺序标记、零宽字符、文字方向控制符）。请删除后重新导出",
                "contains the invisible format character U+{code:04X} (a byte-order mark, zero-width or text-direction character). Remove it and export again"
            ),
            IdTooLong { chars, limit } => tr!(
                lang,
                "案号有 {chars} 个字符，超过 {limit} 个，不像案号。请检查是否选错了列",
                "the case id is {chars} characters long, more than {limit}; it does not look like a case id. Check that the right column was chosen"
            ),
            BadAmount { text, why } => {
                use super::amount::AmountError::*;
                let (zh, en) = match why {
                    Negative => ("金额为负数", "the amount is negative"),
                    TooPrecise => ("金额精确到分以下", "the amount is finer than one fen"),
                    TooLarge => ("金额过大", "the amount is too large"),
                    NotANumber => ("不是金额", "it is not an amount"),
                };
                tr!(
                    lang,
                    "罚款金额“{text}”无法读取（{zh}）。请写成以元为单位的数字，如 15000、15,000、15000.00 或 1.5万；未罚款的留空",
                    "the fine {text:?} cannot be read ({en}). Write it in yuan, as 15000, 15,000, 15000.00 or 1.5万; leave it empty when there is no fine"
                )
            }
            BadExtension { text } => tr!(
                lang,
                "延长期限“{text}”无法识别。请写延长的天数（如 30 或 30日），或“是”/“否”",
                "the extension {text:?} cannot be read. Write the days added (30 or 30日), or 是/否 (yes/no)"
            ),
            BadCreditCode { text, why } => {
                let why = why.render(lang);
                tr!(
                    lang,
                    "统一社会信用代码“{text}”无效：{why}。请对照营业执照或登记证书更正；确无信用代码的对象请用 --id-column 指定其他编号列",
                    "the unified social credit code {text:?} is not valid: {why}. Correct it from the licence or registration certificate; for entities without one, name another id column with --id-column"
                )
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn letters() {
        assert_eq!(column_letter(0), "A");
        assert_eq!(column_letter(25), "Z");
        assert_eq!(column_letter(26), "AA");
        assert_eq!(column_letter(701), "ZZ");
        assert_eq!(column_letter(702), "AAA");
    }

    #[test]
    fn renders_place_and_fix_in_both_languages() {
        let p = Problem::new(
            Place {
                file: "a.csv".into(),
                sheet: None,
                row: Some(7),
                column: Some(("B".into(), "执法机关".into())),
                byte_offset: None,
            },
            ProblemKind::EmptyStratum,
        );
        assert_eq!(
            p.render(Lang::Zh),
            "文件 a.csv 第 7 行 B 列（执法机关）: 分层字段（如执法机关）为空。请补填，或用 --agency-for 文件=机关 为整个文件指定"
        );
        assert!(p
            .render(Lang::En)
            .starts_with("file a.csv, row 7, column B (执法机关): the stratum field"));
    }
}
