//! The readers on files other software wrote (tests/fixtures/registers/layouts/, README.md there
//! says what each holds): cell texts, row numbers, sheets, hidden rows, merges, delimiter and
//! encoding, formulas, and the refusals.

mod common;

use anjuan::register::encoding::TextEncoding;
use anjuan::register::reader::{
    read_any, Merge, ReadError, ReadOptions, RecordSink, Scanned, SheetChoice, SheetInfo,
};
use anjuan::register::record::{CellKind, Record};
use std::path::PathBuf;

#[derive(Default)]
struct Collect {
    sheets: Vec<SheetInfo>,
    /// (sheet index, row, cells)
    rows: Vec<(usize, u64, Vec<String>)>,
    kinds: Vec<(u64, Vec<CellKind>)>,
}

impl RecordSink for Collect {
    fn record(&mut self, rec: &Record) -> bool {
        let cells = (0..rec.len()).map(|i| rec.text(i).to_string()).collect();
        self.rows
            .push((self.sheets.len().saturating_sub(1), rec.row, cells));
        self.kinds
            .push((rec.row, (0..rec.len()).map(|i| rec.kind(i)).collect()));
        true
    }
    fn restart(&mut self) {
        self.rows.clear();
        self.kinds.clear();
    }
    fn begin_sheet(&mut self, sheet: &SheetInfo) {
        self.sheets.push(sheet.clone());
    }
}

fn layout(name: &str) -> PathBuf {
    common::repo("tests/fixtures/registers/layouts").join(name)
}

fn read(name: &str, opts: &ReadOptions) -> (Scanned, Collect) {
    let mut c = Collect::default();
    let s = read_any(&layout(name), opts, &mut c).unwrap_or_else(|e| panic!("{name}: {e:?}"));
    (s, c)
}

fn row(c: &Collect, n: u64) -> Vec<&str> {
    let (_, _, cells) = c
        .rows
        .iter()
        .find(|(_, r, _)| *r == n)
        .unwrap_or_else(|| panic!("no row {n}"));
    cells.iter().map(String::as_str).collect()
}

const HEADER: [&str; 8] = [
    "序号",
    "案号",
    "执法机关",
    "案件类型",
    "案件名称",
    "当事人",
    "立案日期",
    "办结日期",
];
const TITLE: &str = "攸县交通运输局2023年度行政处罚案件目录";

/// The 20 cases as clean.csv holds them, the reference for every other layout.
fn reference() -> Vec<Vec<String>> {
    let (s, c) = read("clean.csv", &ReadOptions::default());
    assert_eq!(s.encoding, Some(TextEncoding::Utf8));
    assert_eq!(s.delimiter, Some(b','));
    assert!(c.sheets.is_empty(), "text files have no sheets");
    assert_eq!(row(&c, 1), HEADER);
    assert_eq!(c.rows.len(), 21);
    c.rows[1..].iter().map(|(_, _, r)| r.clone()).collect()
}

fn cases(c: &Collect, first: u64) -> Vec<Vec<String>> {
    (first..first + 20)
        .map(|n| row(c, n).iter().map(|s| s.to_string()).collect())
        .collect()
}

#[test]
fn clean_csv_keeps_the_line_break() {
    let cases = reference();
    assert_eq!(
        cases[2][4],
        "攸县某某客运有限公司超限运输车辆\n行驶公路许可申请"
    );
    assert_eq!(cases[0][1], "攸交罚〔2023〕1号");
    assert_eq!(cases[19][2], "攸县林业局");
}

#[test]
fn semicolon_csv_is_detected() {
    let (s, c) = read("semicolon.csv", &ReadOptions::default());
    assert_eq!(s.delimiter, Some(b';'));
    assert_eq!(row(&c, 1), HEADER);
    assert_eq!(cases(&c, 2), reference());
    // Forcing a comma splits nothing but the one name with a comma in it.
    let forced = ReadOptions {
        delimiter: Some(b','),
        ..ReadOptions::default()
    };
    let (s, _) = read("semicolon.csv", &forced);
    assert_eq!(s.delimiter, Some(b','));
}

#[test]
fn unicode_text_in_both_byte_orders() {
    let raw = std::fs::read(layout("unicode-text.txt")).unwrap();
    for (name, enc) in [
        ("unicode-text.txt", TextEncoding::Utf16Le),
        ("unicode-text-be.txt", TextEncoding::Utf16Be),
    ] {
        let (s, c) = read(name, &ReadOptions::default());
        assert_eq!(s.encoding, Some(enc), "{name}");
        assert_eq!(s.delimiter, Some(b'\t'), "{name}");
        assert!(s.bad.is_empty(), "{name}: {:?}", s.bad);
        assert_eq!(row(&c, 1), vec![TITLE, "", "", "", "", "", "", ""]);
        assert_eq!(row(&c, 2), HEADER);
        assert_eq!(cases(&c, 3), reference(), "{name}");
    }
    // The digest is of the file's own bytes.
    let (s, _) = read("unicode-text.txt", &ReadOptions::default());
    use sha2::Digest;
    let want: String = sha2::Sha256::digest(&raw)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    assert_eq!(s.sha256, want);
    assert_eq!(s.bytes, raw.len() as u64);
    // Forced, with the BOM it matches.
    let forced = ReadOptions {
        encoding: Some(TextEncoding::Utf16Le),
        ..ReadOptions::default()
    };
    let (s, c) = read("unicode-text.txt", &forced);
    assert_eq!(s.encoding, Some(TextEncoding::Utf16Le));
    assert_eq!(row(&c, 2), HEADER);
}

fn merge(first_row: u64, last_row: u64, first_col: u32, last_col: u32) -> Merge {
    Merge {
        first_row,
        last_row,
        first_col,
        last_col,
    }
}

/// The messy layout, whoever wrote it.
fn check_messy(name: &str, hidden: bool) {
    let (s, c) = read(name, &ReadOptions::default());
    assert_eq!((s.encoding, s.delimiter), (None, None), "{name}");
    assert_eq!(c.sheets.len(), 1, "{name}");
    let info = &c.sheets[0];
    assert_eq!(info.name, "案卷目录", "{name}");
    let mut merged = info.merged.clone();
    merged.sort();
    assert_eq!(
        merged,
        vec![merge(1, 1, 0, 7), merge(4, 8, 2, 2), merge(24, 24, 0, 2)],
        "{name}"
    );
    if hidden {
        assert_eq!(info.hidden_rows, vec![10], "{name}");
    }
    assert_eq!(
        row(&c, 1),
        vec![TITLE; 8],
        "{name}: the title fills its merge"
    );
    assert_eq!(
        row(&c, 2),
        vec!["填报单位（盖章）：攸县交通运输局    填报日期：2025年1月10日"],
        "{name}"
    );
    assert_eq!(row(&c, 3), HEADER, "{name}");
    assert_eq!(cases(&c, 4), reference(), "{name}");
    assert_eq!(row(&c, 24), vec!["合计：20件"; 3], "{name}");
    assert_eq!(
        row(&c, 25),
        vec!["填报人：张某某    审核人：李某某"],
        "{name}"
    );
    assert_eq!(c.rows.len(), 25, "{name}");
    // 序号 a number, the dates date cells, the merged 执法机关 text all the way down.
    let kinds = &c.kinds.iter().find(|(r, _)| *r == 8).unwrap().1;
    assert_eq!(kinds[0], CellKind::Number(5.0), "{name}");
    assert!(matches!(kinds[6], CellKind::Date(_)), "{name}: {kinds:?}");
    assert_eq!(kinds[2], CellKind::Text, "{name}");
}

#[test]
fn messy_xlsx() {
    check_messy("messy.xlsx", true);
}

#[test]
fn messy_xls_by_libreoffice_and_as_et() {
    check_messy("messy.xls", true);
    check_messy("messy.et", true);
}

#[test]
fn messy_xls_by_xlwt() {
    check_messy("messy-xlwt.xls", true);
}

#[test]
fn messy_ods() {
    check_messy("messy.ods", true);
}

#[test]
fn by_sheet_first_named_and_all() {
    let (_, first) = read("by-sheet.xlsx", &ReadOptions::default());
    assert_eq!(first.sheets.len(), 1);
    assert_eq!(first.sheets[0].name, "攸县交通运输局");
    let all = ReadOptions {
        sheets: SheetChoice::All,
        ..ReadOptions::default()
    };
    let (_, c) = read("by-sheet.xlsx", &all);
    let names: Vec<&str> = c.sheets.iter().map(|s| s.name.as_str()).collect();
    assert_eq!(names, vec!["攸县交通运输局", "攸县林业局"]);
    assert_eq!(c.sheets[1].merged, vec![merge(1, 1, 0, 6)]);
    assert_eq!(c.rows.len(), 24);
    let reference = reference();
    for (sheet, (agency, cases)) in ["攸县交通运输局", "攸县林业局"]
        .iter()
        .zip(reference.chunks(10))
        .enumerate()
    {
        let rows: Vec<&(usize, u64, Vec<String>)> =
            c.rows.iter().filter(|(s, _, _)| *s == sheet).collect();
        assert_eq!(rows[0].1, 1);
        assert_eq!(rows[0].2[0], format!("{agency}2023年度行政执法案件目录"));
        assert_eq!(rows[1].2[1], "案号");
        for (i, case) in cases.iter().enumerate() {
            let (_, n, cells) = rows[2 + i];
            assert_eq!(*n, 3 + i as u64, "rows are numbered per sheet");
            assert_eq!(cells[0], (i + 1).to_string());
            assert_eq!(
                cells[1..3],
                case[1..2]
                    .iter()
                    .chain(&case[3..4])
                    .cloned()
                    .collect::<Vec<_>>()[..]
            );
        }
    }
    let named = ReadOptions {
        sheets: SheetChoice::Named("攸县林业局".into()),
        ..ReadOptions::default()
    };
    let (_, c) = read("by-sheet.xlsx", &named);
    assert_eq!(c.sheets.len(), 1);
    assert_eq!(row(&c, 3)[1], "攸林罚〔2023〕1号");
    let missing = ReadOptions {
        sheets: SheetChoice::Named("攸县公安局".into()),
        ..ReadOptions::default()
    };
    match read_any(&layout("by-sheet.xlsx"), &missing, &mut Collect::default()) {
        Err(ReadError::NoSheet { wanted, sheets }) => {
            assert_eq!(wanted, "攸县公安局");
            assert_eq!(sheets, vec!["攸县交通运输局", "攸县林业局"]);
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn no_sheet_lists_the_sheets_of_xls_and_ods() {
    for name in ["messy.xls", "messy.ods"] {
        let missing = ReadOptions {
            sheets: SheetChoice::Named("Sheet9".into()),
            ..ReadOptions::default()
        };
        match read_any(&layout(name), &missing, &mut Collect::default()) {
            Err(ReadError::NoSheet { sheets, .. }) => assert_eq!(sheets, vec!["案卷目录"]),
            other => panic!("{name}: {other:?}"),
        }
    }
}

#[test]
fn two_row_header_repeats_merged_header_cells() {
    let (_, c) = read("two-row-header.xlsx", &ReadOptions::default());
    let mut merged = c.sheets[0].merged.clone();
    merged.sort();
    assert_eq!(merged.len(), 8);
    assert!(merged.contains(&merge(3, 3, 6, 7)));
    assert!(merged.contains(&merge(3, 4, 0, 0)));
    assert_eq!(
        row(&c, 3),
        vec![
            "序号",
            "案号",
            "执法机关",
            "案件类型",
            "案件名称",
            "当事人",
            "办理期限",
            "办理期限"
        ]
    );
    // The second header row: the vertical merges repeat, the children stand under 办理期限.
    assert_eq!(row(&c, 4), HEADER.to_vec());
    assert_eq!(cases(&c, 5), reference());
}

#[test]
fn formulas_are_flagged_in_xls_and_ods() {
    for name in ["formula.xls", "formula.ods"] {
        let (_, c) = read(name, &ReadOptions::default());
        let kinds = |n: u64| c.kinds.iter().find(|(r, _)| *r == n).unwrap().1.clone();
        assert_eq!(kinds(2)[4], CellKind::Formula, "{name}");
        assert_eq!(kinds(3)[3], CellKind::Formula, "{name}");
        assert_eq!(kinds(2)[3], CellKind::Date(44928.0), "{name}");
        assert_eq!(kinds(3)[4], CellKind::Number(5.0), "{name}");
        assert_eq!(row(&c, 2)[3], "2023-01-02", "{name}");
    }
}

fn refusal(name: &str, bytes: &[u8]) -> ReadError {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(name);
    std::fs::write(&path, bytes).unwrap();
    match read_any(&path, &ReadOptions::default(), &mut Collect::default()) {
        Err(e) => e,
        Ok(s) => panic!("{name} was read: {s:?}"),
    }
}

#[test]
fn an_html_table_named_xls_is_described() {
    let html = "<html><head><meta charset=\"utf-8\"></head><body><table><tr><td>案号</td></tr></table></body></html>";
    match refusal("导出.xls", html.as_bytes()) {
        ReadError::NotAWorkbook { ext, what } => assert_eq!((ext.as_str(), what), ("xls", "html")),
        other => panic!("{other:?}"),
    }
    let text = "案号\t执法机关\r\n1\t攸县林业局\r\n";
    match refusal("导出.ods", text.as_bytes()) {
        ReadError::NotAWorkbook { what, .. } => assert_eq!(what, "text"),
        other => panic!("{other:?}"),
    }
    let kind = anjuan::register::import::read_problem(refusal("a.xls", html.as_bytes()));
    let en = kind.render(anjuan::i18n::Lang::En);
    assert!(
        en.contains("is named .xls but is not a workbook: it is a web page"),
        "{en}"
    );
    assert!(en.contains("save it as .xlsx or as \"CSV UTF-8\""), "{en}");
}

#[test]
fn the_whole_file_limit_is_named() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("big.xls");
    let f = std::fs::File::create(&path).unwrap();
    f.set_len(anjuan::register::workbook::MAX_WORKBOOK_FILE + 1)
        .unwrap();
    drop(f);
    let mut head = std::fs::OpenOptions::new().write(true).open(&path).unwrap();
    std::io::Write::write_all(&mut head, &[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1])
        .unwrap();
    let e = read_any(&path, &ReadOptions::default(), &mut Collect::default()).unwrap_err();
    assert!(
        matches!(e, ReadError::TooLarge { limit, .. } if limit == 128 << 20),
        "{e:?}"
    );
    let en = anjuan::register::import::read_problem(e).render(anjuan::i18n::Lang::En);
    assert!(
        en.contains("more than the limit of 128 MiB. Save it as \"CSV UTF-8\""),
        "{en}"
    );
}
