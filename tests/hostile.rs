//! The hostile register corpus in tests/fixtures/hostile/ (README.md there says what each file
//! attacks; make.py writes them): one test per file. Each runs the real binary under an address-
//! space limit and a time limit, and checks the clear error it gives (file, row, column, what to
//! do) or the safe result, and that nothing panicked and nothing was frozen on error.

mod common;

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// Memory any one run may map: far below what the attacks would take unguarded (a dense grid of
/// 17 billion cells, a 200 MB sheet unpacked and held, a 1 GiB row).
const MEMORY_LIMIT: u64 = 3 << 30;
const TIME_LIMIT: Duration = Duration::from_secs(60);

fn fixture(name: &str) -> PathBuf {
    common::repo("tests/fixtures/hostile").join(name)
}

struct Run {
    code: Option<i32>,
    /// stdout and stderr together.
    text: String,
}

/// Run anjuan with `args`, bounded in memory (prlimit) and time (killed after TIME_LIMIT).
fn run(args: &[&std::ffi::OsStr]) -> Run {
    let mut cmd = Command::new("prlimit");
    cmd.arg(format!("--as={MEMORY_LIMIT}"))
        .arg("--")
        .arg(env!("CARGO_BIN_EXE_anjuan"))
        .args(args)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    let start = Instant::now();
    let mut child = cmd.spawn().expect("prlimit (util-linux) runs anjuan");
    let (mut out, mut err) = (child.stdout.take().unwrap(), child.stderr.take().unwrap());
    let out_thread = std::thread::spawn(move || {
        let mut b = Vec::new();
        std::io::Read::read_to_end(&mut out, &mut b).ok();
        b
    });
    let err_thread = std::thread::spawn(move || {
        let mut b = Vec::new();
        std::io::Read::read_to_end(&mut err, &mut b).ok();
        b
    });
    let status = loop {
        if let Some(s) = child.try_wait().unwrap() {
            break s;
        }
        if start.elapsed() > TIME_LIMIT {
            child.kill().ok();
            child.wait().ok();
            panic!("anjuan {args:?} ran longer than {TIME_LIMIT:?}");
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    let mut raw = out_thread.join().unwrap();
    raw.extend(err_thread.join().unwrap());
    let text = String::from_utf8_lossy(&raw).into_owned();
    assert!(
        !raw.contains(&0x1b),
        "anjuan {args:?} wrote an escape byte to the terminal:\n{text:?}"
    );
    assert!(
        !text.contains("panicked") && status.code() != Some(101),
        "anjuan {args:?} panicked:\n{text}"
    );
    assert!(
        status.code().is_some(),
        "anjuan {args:?} was killed (memory limit?): {status:?}\n{text}"
    );
    Run {
        code: status.code(),
        text,
    }
}

/// `anjuan init` of one register file into a fresh workspace, in `lang`.
fn init(file: &Path, lang: &str) -> (Run, tempfile::TempDir) {
    let dir = tempfile::tempdir().unwrap();
    let ws = dir.path().join("ws");
    let r = run(&[
        "--lang".as_ref(),
        lang.as_ref(),
        "init".as_ref(),
        ws.as_os_str(),
        "--register".as_ref(),
        file.as_os_str(),
    ]);
    (r, dir)
}

/// The file is refused: exit 2, nothing frozen, and each expected text (English) appears; the
/// Chinese run names the file too.
fn refused_path(file: &Path, expected: &[&str]) -> String {
    let (r, dir) = init(file, "en");
    assert_eq!(r.code, Some(2), "{}", r.text);
    assert!(
        !dir.path().join("ws").exists(),
        "a workspace was created for a refused register"
    );
    for e in expected {
        assert!(r.text.contains(e), "expected {e:?} in:\n{}", r.text);
    }
    let (zh, _) = init(file, "zh");
    assert_eq!(zh.code, Some(2), "{}", zh.text);
    assert!(zh.text.contains("未冻结任何数据"), "{}", zh.text);
    assert!(
        zh.text.contains(&format!("文件 {}", file.display())),
        "{}",
        zh.text
    );
    r.text
}

fn refused(name: &str, expected: &[&str]) -> String {
    refused_path(&fixture(name), expected)
}

/// The file is imported: exit 0 and `rows` case rows frozen.
fn imported(name: &str, rows: u64) -> (String, tempfile::TempDir) {
    let (r, dir) = init(&fixture(name), "en");
    assert_eq!(r.code, Some(0), "{}", r.text);
    assert!(
        r.text.contains(&format!("{rows} rows, {rows} kept")),
        "{}",
        r.text
    );
    (r.text, dir)
}

#[test]
fn empty_csv() {
    refused("empty.csv", &["empty.csv: the file is empty"]);
}

#[test]
fn header_only_csv() {
    refused(
        "header-only.csv",
        &["header-only.csv: has a header but no case rows"],
    );
}

#[test]
fn blank_lines_only_csv() {
    refused("blank-lines-only.csv", &["the file is empty"]);
}

#[test]
fn truncated_quote_csv() {
    refused(
        "truncated-quote.csv",
        &["row 7: has 4 fields but the header has 6", "unclosed quote"],
    );
}

#[test]
fn truncated_gbk_csv() {
    refused(
        "truncated-gbk.csv",
        &["row 7, byte offset 505: bytes 0xCF are not valid GBK"],
    );
}

#[test]
fn invalid_utf8_csv() {
    refused(
        "invalid-utf8.csv",
        &[
            "row 4, byte offset 312: bytes 0xFF are not valid UTF-8",
            "row 4, byte offset 313: bytes 0xC3 are not valid UTF-8",
        ],
    );
}

#[test]
fn invalid_gbk_csv() {
    refused(
        "invalid-gbk.csv",
        &["row 5, byte offset 317: bytes 0xFF are not valid GBK"],
    );
}

#[test]
fn utf16_no_bom_csv() {
    let text = refused("utf16-no-bom.csv", &["is UTF-16", "CSV UTF-8"]);
    // One clear problem, not a page of undecodable bytes.
    assert!(text.contains("1 problems"), "{text}");
}

#[test]
fn bom_twice_csv() {
    // A second byte-order mark at the start is not part of the first header.
    imported("bom-twice.csv", 5);
}

#[test]
fn bom_mid_file_csv() {
    // Two exports pasted together: the second one's BOM lands in a case id.
    refused(
        "bom-mid-file.csv",
        &["row 7, column A (案号): the case id contains the invisible format character U+FEFF"],
    );
}

#[test]
fn bom_in_id_csv() {
    refused(
        "bom-in-id.csv",
        &["row 4, column A (案号): the case id contains the invisible format character U+FEFF"],
    );
}

#[test]
fn nul_bytes_csv() {
    refused(
        "nul-bytes.csv",
        &["row 4, column A (案号): the case id contains the control character U+0000"],
    );
}

#[test]
fn control_in_id_csv() {
    let text = refused(
        "control-in-id.csv",
        &["row 4, column A (案号): the case id contains the control character U+001B"],
    );
    // The escape sequence itself never reaches the terminal.
    assert!(!text.contains('\u{1b}'), "{text:?}");
}

#[test]
fn bidi_in_id_csv() {
    let text = refused(
        "bidi-in-id.csv",
        &[
            "row 4, column A (案号): the case id contains the invisible format character U+202E",
            "row 5, column A (案号): the case id contains the invisible format character U+200B",
            "row 6, column B (执法机关): contains the invisible format character U+2066",
        ],
    );
    assert!(
        !text.contains(['\u{202e}', '\u{200b}', '\u{2066}']),
        "{text:?}"
    );
}

#[test]
fn duplicate_headers_csv() {
    refused(
        "duplicate-headers.csv",
        &[
            "several columns look like the id column: 案号、案号",
            "--id-column",
        ],
    );
}

#[test]
fn formula_cells_csv() {
    // In a CSV a formula is only text: it is imported as the id it spells, and every export
    // writes it so that a spreadsheet shows it instead of running it.
    let (_, dir) = imported("formula-cells.csv", 4);
    let ws = dir.path().join("ws");
    let ok = |args: &[&std::ffi::OsStr]| {
        let r = run(args);
        assert_eq!(r.code, Some(0), "{}", r.text);
    };
    ok(&[
        "commit".as_ref(),
        ws.as_os_str(),
        "--n".as_ref(),
        "4".as_ref(),
        "--min-per-stratum".as_ref(),
        "1".as_ref(),
    ]);
    ok(&[
        "draw".as_ref(),
        ws.as_os_str(),
        "--seed".as_ref(),
        common::SEED.as_ref(),
        "--witness".as_ref(),
        "王五/县纪委监委".as_ref(),
    ]);
    let out = dir.path().join("out");
    ok(&[
        "export".as_ref(),
        ws.as_os_str(),
        "--out".as_ref(),
        out.as_os_str(),
    ]);
    let mut csv_text = String::new();
    let mut checked_xlsx = 0;
    for entry in std::fs::read_dir(&out).unwrap() {
        let path = entry.unwrap().path();
        match path.extension().and_then(|e| e.to_str()) {
            Some("csv") => csv_text += &std::fs::read_to_string(&path).unwrap(),
            Some("xlsx") => {
                use calamine::{Reader, Xlsx};
                let mut book: Xlsx<_> = calamine::open_workbook(&path).unwrap();
                for name in book.sheet_names() {
                    let formulas = book.worksheet_formula(&name).unwrap();
                    assert!(
                        formulas.used_cells().all(|(_, _, f)| f.is_empty()),
                        "{} sheet {name} has a formula",
                        path.display()
                    );
                    let cells = book.worksheet_range(&name).unwrap();
                    for (_, _, v) in cells.used_cells() {
                        let s = v.to_string();
                        assert!(
                            !s.starts_with(['=', '+', '-', '@']) || s.len() == 1,
                            "{} sheet {name}: {s:?}",
                            path.display()
                        );
                    }
                }
                checked_xlsx += 1;
            }
            _ => {}
        }
    }
    assert!(checked_xlsx > 0, "no XLSX exported");
    assert!(csv_text.contains("'@SUM(1+1)"), "{csv_text}");
    assert!(csv_text.contains("\"'=HYPERLINK("), "{csv_text}");
    for line in csv_text.lines() {
        for cell in line.split(',') {
            assert!(
                !cell.trim_start_matches('"').starts_with(['=', '+', '@']),
                "{cell:?} in {line}"
            );
        }
    }
}

#[test]
fn long_cell_csv() {
    // A 630 KB title is kept; an id of 300 characters is not an id.
    let text = refused(
        "long-cell.csv",
        &["row 5, column A (案号): the case id is 300 characters long, more than 256"],
    );
    assert!(!text.contains("row 4"), "{text}");
}

/// `seed` followed by `filler` until the file is over 17 MiB.
fn grown(seed: &str, filler: &[u8]) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(seed);
    let mut f = std::fs::File::create(&path).unwrap();
    f.write_all(&std::fs::read(fixture(seed)).unwrap()).unwrap();
    let block = filler.repeat((1 << 20) / filler.len());
    for _ in 0..17 {
        f.write_all(&block).unwrap();
    }
    (dir, path)
}

#[test]
fn unclosed_quote_seed_csv() {
    // As stored, the quote closes at the end of the file: a short row.
    refused(
        "unclosed-quote-seed.csv",
        &["row 5: has 4 fields but the header has 6"],
    );
    // Grown to 17 MiB with line breaks inside the open quote: stopped at 16 MiB, at the row
    // where the quote opened.
    let (_dir, path) = grown("unclosed-quote-seed.csv", "某某案件名称，\n".as_bytes());
    refused_path(
        &path,
        &[
            "row 5: the row starting here runs on for more than 16 MiB",
            "unclosed quote",
        ],
    );
}

#[test]
fn no_line_ends_seed_csv() {
    refused("no-line-ends-seed.csv", &["has a header but no case rows"]);
    let (_dir, path) = grown("no-line-ends-seed.csv", b"aaaaaaa,");
    refused_path(
        &path,
        &["row 1: the row starting here runs on for more than 16 MiB"],
    );
    // The same in GBK, which is decoded whole.
    let (_dir, gbk) = grown("no-line-ends-seed.csv", &[0xB0, 0xB8, b',']);
    refused_path(
        &gbk,
        &["row 1: the row starting here runs on for more than 16 MiB"],
    );
}

#[test]
fn a_long_row_under_the_limit_is_read() {
    // 12 MiB in one title: under the limit, read in one pass (a quadratic search for the line end
    // over a growing carry would take minutes here).
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("long-title.csv");
    let mut text = std::fs::read_to_string(fixture("header-only.csv")).unwrap();
    text += "攸市监罚〔2024〕1号,攸县公安局,行政处罚,";
    text += &"很长".repeat(2 << 20);
    text += ",某,2024-03-01\n攸市监罚〔2024〕2号,攸县公安局,行政处罚,案,某,2024-03-02\n";
    std::fs::write(&path, text).unwrap();
    let start = Instant::now();
    let (r, _d) = init(&path, "en");
    assert_eq!(r.code, Some(0), "{}", r.text);
    assert!(r.text.contains("2 rows, 2 kept"), "{}", r.text);
    assert!(start.elapsed() < Duration::from_secs(30));
}

#[test]
fn old_format_xls() {
    // An OLE header and nothing behind it: read as .xls now, and refused as one.
    refused(
        "old-format.xls",
        &[
            "is not a readable XLS workbook",
            "save it as .xlsx or as \"CSV UTF-8\"",
        ],
    );
}

fn layout(name: &str) -> Vec<u8> {
    std::fs::read(common::repo("tests/fixtures/registers/layouts").join(name)).unwrap()
}

/// Write `bytes` as `name` in a fresh folder and expect the refusal.
fn refused_bytes(name: &str, bytes: &[u8], expected: &[&str]) -> String {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(name);
    std::fs::write(&path, bytes).unwrap();
    refused_path(&path, expected)
}

#[test]
fn truncated_xls() {
    let xls = layout("messy.xls");
    refused_bytes(
        "truncated.xls",
        &xls[..xls.len() / 2],
        &["is not a readable XLS workbook", "save it as .xlsx"],
    );
}

#[test]
fn random_bytes_behind_the_ole_magic_xls() {
    let mut bytes = vec![0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
    let mut x = 0x2545_F491_4F6C_DD1Du64;
    for _ in 0..20_000 {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        bytes.push(x as u8);
    }
    refused_bytes("random.xls", &bytes, &["is not a readable XLS workbook"]);
    // The same with a valid header: sector sizes right, every chain pointing anywhere.
    bytes[24..34].copy_from_slice(&[0x3E, 0, 3, 0, 0xFE, 0xFF, 9, 0, 6, 0]);
    refused_bytes(
        "random-header.xls",
        &bytes,
        &["is not a readable XLS workbook"],
    );
}

#[test]
fn utf16_odd_byte_count() {
    let mut bytes = layout("unicode-text.txt");
    bytes.push(b'x');
    refused_bytes("odd.txt", &bytes, &["are not valid UTF-16LE"]);
}

#[test]
fn utf16_lone_surrogate() {
    let text = "案号\t执法机关\t案件类型\r\n攸林罚〔2023〕1号\t攸县林业局\t行政处罚\r\n";
    let mut bytes = vec![0xFF, 0xFE];
    for (i, u) in text.encode_utf16().enumerate() {
        // A high surrogate alone in the middle of the second row's id.
        let u = if i == 20 { 0xD83D } else { u };
        bytes.extend_from_slice(&u.to_le_bytes());
    }
    refused_bytes(
        "surrogate.txt",
        &bytes,
        &["row 2", "bytes 0x3D 0xD8 are not valid UTF-16LE"],
    );
}

#[test]
fn ods_asking_for_millions_of_repeated_cells() {
    use std::io::Write as _;
    let content = r#"<?xml version="1.0" encoding="UTF-8"?><office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"><office:body><office:spreadsheet><table:table table:name="案卷目录"><table:table-row><table:table-cell office:value-type="string"><text:p>案号</text:p></table:table-cell></table:table-row><table:table-row table:number-rows-repeated="1000000"><table:table-cell table:number-columns-repeated="16384" office:value-type="float" office:value="1"><text:p>1</text:p></table:table-cell></table:table-row></table:table></office:spreadsheet></office:body></office:document-content>"#;
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let stored =
        zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    zip.start_file("mimetype", stored).unwrap();
    zip.write_all(b"application/vnd.oasis.opendocument.spreadsheet")
        .unwrap();
    zip.start_file("content.xml", stored).unwrap();
    zip.write_all(content.as_bytes()).unwrap();
    let bytes = zip.finish().unwrap().into_inner();
    let text = refused_bytes(
        "repeated.ods",
        &bytes,
        &[
            "cells in memory to read (sheet \"案卷目录\"), more than the limit of 8388608",
            "CSV UTF-8",
        ],
    );
    assert!(text.contains("1 problems"), "{text}");
}

#[test]
fn encrypted_xlsx() {
    refused(
        "encrypted.xlsx",
        &["the workbook is encrypted (it has an open password), or is an old .xls file renamed"],
    );
}

#[test]
fn good_xlsx() {
    // The control: the same minimal workbook writer, nothing hostile.
    imported("good.xlsx", 3);
}

#[test]
fn truncated_xlsx() {
    refused(
        "truncated.xlsx",
        &["is not a readable XLSX workbook", "save it again as .xlsx"],
    );
}

#[test]
fn not_a_zip_xlsx() {
    refused("not-a-zip.xlsx", &["is not a readable XLSX workbook"]);
}

#[test]
fn not_xml_xlsx() {
    refused("not-xml.xlsx", &["is not a readable XLSX workbook"]);
}

#[test]
fn billion_laughs_xlsx() {
    // Entities declared in a DTD are never expanded.
    refused("billion-laughs.xlsx", &["is not a readable XLSX workbook"]);
}

#[test]
fn rows_out_of_order_xlsx() {
    refused(
        "rows-out-of-order.xlsx",
        &["row 2 comes after row 4 in the file"],
    );
}

#[test]
fn bad_cell_ref_xlsx() {
    refused("bad-cell-ref.xlsx", &["lies beyond the sheet's limits"]);
}

#[test]
fn zip_bomb_xlsx() {
    refused(
        "zip-bomb.xlsx",
        &[
            "xl/worksheets/sheet1.xml unpacks to more than 250 times its packed size",
            "zip bomb",
        ],
    );
}

#[test]
fn lying_size_xlsx() {
    // The zip says 1000 bytes; the bytes are counted as they unpack.
    refused("lying-size.xlsx", &["zip bomb"]);
}

#[test]
fn million_empty_rows_xlsx() {
    // A million empty rows and a dimension of A1:XFD1048576: the three cases are read, in
    // bounded memory (prlimit) and time.
    imported("million-empty-rows.xlsx", 3);
}

#[test]
fn far_cell_xlsx() {
    // Something in XFD1048576 alone: that row is reported, no grid of 17 billion cells is built.
    refused(
        "far-cell.xlsx",
        &["row 1048576: has 16384 fields but the header has 6"],
    );
}

#[test]
fn formula_cells_xlsx() {
    let text = refused(
        "formula-cells.xlsx",
        &[
            "row 3, column B (案号): the cell holds a formula",
            "row 4, column C (执法机关): the cell holds a formula",
            "paste it as values",
        ],
    );
    // 序号 (=ROW()-1) is not read, so its formulas are not a problem.
    assert!(!text.contains("column A"), "{text}");
    assert!(text.contains("2 problems"), "{text}");
}

#[cfg(unix)]
#[test]
fn devices_pipes_folders_and_links_as_registers() {
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("pipe.csv");
    let made = Command::new("mkfifo").arg(&fifo).status().unwrap();
    assert!(made.success());
    // Opening a FIFO would block for ever; it is refused before it is opened.
    refused_path(&fifo, &["is not a regular file (it is a device or pipe)"]);
    let zero = dir.path().join("zero.csv");
    std::os::unix::fs::symlink("/dev/zero", &zero).unwrap();
    refused_path(&zero, &["is not a regular file"]);
    let folder = dir.path().join("folder.csv");
    std::fs::create_dir(&folder).unwrap();
    refused_path(&folder, &["is not a regular file (it is a folder)"]);
    // A link to a real register is the user's own choice and is read.
    let link = dir.path().join("link.xlsx");
    std::os::unix::fs::symlink(fixture("good.xlsx"), &link).unwrap();
    let (r, _d) = init(&link, "en");
    assert_eq!(r.code, Some(0), "{}", r.text);
    // `..` in a path given on the command line is the user's path and is read as given.
    let dotted = fixture("../hostile/good.xlsx");
    let (r, _d) = init(&dotted, "en");
    assert_eq!(r.code, Some(0), "{}", r.text);
}

#[cfg(unix)]
#[test]
fn dotdot_and_links_in_a_workspace_register_list() {
    let dir = tempfile::tempdir().unwrap();
    let ws = dir.path().join("ws");
    let r = run(&[
        "--lang".as_ref(),
        "en".as_ref(),
        "init".as_ref(),
        ws.as_os_str(),
        "--register".as_ref(),
        fixture("good.xlsx").as_os_str(),
    ]);
    assert_eq!(r.code, Some(0), "{}", r.text);
    let verify = || {
        run(&[
            "--lang".as_ref(),
            "en".as_ref(),
            "verify".as_ref(),
            ws.as_os_str(),
        ])
    };
    assert_eq!(verify().code, Some(0));
    // campaign.json names a register copy outside the workspace.
    let campaign = ws.join("campaign.json");
    let original = std::fs::read_to_string(&campaign).unwrap();
    let stored = "registers/01-good.xlsx";
    assert!(original.contains(stored), "{original}");
    std::fs::copy(fixture("good.xlsx"), dir.path().join("outside.xlsx")).unwrap();
    std::fs::write(
        &campaign,
        original.replace(stored, "registers/../../outside.xlsx"),
    )
    .unwrap();
    let r = verify();
    assert_ne!(r.code, Some(0), "{}", r.text);
    assert!(
        r.text.contains("points outside its folder and was refused"),
        "{}",
        r.text
    );
    std::fs::write(&campaign, &original).unwrap();
    // The register copy replaced by a link to a device that never ends.
    let copy = ws.join(stored);
    std::fs::remove_file(&copy).unwrap();
    std::os::unix::fs::symlink("/dev/zero", &copy).unwrap();
    let r = verify();
    assert_ne!(r.code, Some(0), "{}", r.text);
    assert!(r.text.contains("is a symbolic link"), "{}", r.text);
    std::fs::remove_file(&copy).unwrap();
    std::fs::copy(fixture("good.xlsx"), &copy).unwrap();
    assert_eq!(verify().code, Some(0));
}

#[cfg(unix)]
#[test]
fn links_for_the_journal_and_ledger_and_outside_names_in_a_manifest() {
    // A journal or ledger replaced by a link to a device that never ends: refused at once.
    let dir = tempfile::tempdir().unwrap();
    let ws = common::drawn_workspace(dir.path());
    let cmd = |args: &[&str]| {
        let mut all: Vec<&std::ffi::OsStr> = vec!["--lang".as_ref(), "en".as_ref()];
        all.push(std::ffi::OsStr::new(args[0]));
        all.push(ws.as_os_str());
        all.extend(args[1..].iter().map(std::ffi::OsStr::new));
        run(&all)
    };
    assert_eq!(cmd(&["review", "status"]).code, Some(0));
    let journal = ws.join("journal.jsonl");
    std::os::unix::fs::symlink("/dev/zero", &journal).unwrap();
    let r = cmd(&["review", "status"]);
    assert_ne!(r.code, Some(0), "{}", r.text);
    assert!(r.text.contains("is a symbolic link"), "{}", r.text);
    std::fs::remove_file(&journal).unwrap();
    let ledger = ws.join("ledger.jsonl");
    let kept = dir.path().join("ledger-copy");
    std::fs::rename(&ledger, &kept).unwrap();
    std::os::unix::fs::symlink("/dev/zero", &ledger).unwrap();
    let r = cmd(&["verify"]);
    assert_ne!(r.code, Some(0), "{}", r.text);
    assert!(r.text.contains("is a symbolic link"), "{}", r.text);
    std::fs::remove_file(&ledger).unwrap();
    std::fs::rename(&kept, &ledger).unwrap();

    // An export manifest that names a file outside its folder is refused, not read.
    let out = dir.path().join("out");
    assert_eq!(
        cmd(&["export", "--out", out.to_str().unwrap()]).code,
        Some(0)
    );
    let manifest = out.join("manifest.json");
    let text = std::fs::read_to_string(&manifest).unwrap();
    let mut m: serde_json::Value = serde_json::from_str(&text).unwrap();
    m["files"][0]["file"] = "../../outside.csv".into();
    std::fs::write(&manifest, serde_json::to_vec_pretty(&m).unwrap()).unwrap();
    let r = cmd(&["verify", "--export", out.to_str().unwrap()]);
    assert_ne!(r.code, Some(0), "{}", r.text);
    assert!(
        r.text.contains("points outside its folder and was refused"),
        "{}",
        r.text
    );
}

/// Found by fuzzing (fuzz/regressions/register_workbook/): a BIFF record that makes calamine
/// index past its end and panic. The panic is caught and silenced; the user reads which file
/// cannot be read and what to do.
#[test]
fn xls_on_which_the_workbook_library_panics() {
    let bytes = std::fs::read(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("fuzz/regressions/register_workbook/calamine-biff-index-past-record.xls"),
    )
    .unwrap();
    refused_bytes(
        "calamine-panic.xls",
        &bytes,
        &[
            "is not a readable XLS workbook (the workbook reader failed on this file)",
            "save it as .xlsx or as \"CSV UTF-8\"",
        ],
    );
}
