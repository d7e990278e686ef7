//! Hostile checklists (`tests/fixtures/hostile/checklist-*.toml`, each described in
//! `CHECKLISTS.md`), loaded the way a user would: `anjuan checklist check FILE` in Chinese and in
//! English, and `anjuan review DIR setup --checklist FILE` on a freshly drawn workspace. Every
//! run must end within `LIMIT` by itself, never panic, print a bounded amount, and never print a
//! control or invisible format character; each test then asserts the specific message that
//! names the file, line, key and what to do — or, for the BOM, that the file is accepted.

mod common;

use common::{anjuan, repo};
use std::ffi::OsStr;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

/// Generous for a debug build on a busy machine; every fixture takes milliseconds.
const LIMIT: Duration = Duration::from_secs(20);

fn fixture(name: &str) -> PathBuf {
    repo(&format!("tests/fixtures/hostile/{name}"))
}

/// What a terminal must never be sent: C0/C1 controls other than line feed and tab, and the
/// invisible format characters that reorder or hide text (listed here on their own, not taken
/// from the code under test).
fn unsafe_char(c: char) -> bool {
    (c.is_control() && c != '\n' && c != '\t')
        || matches!(c,
            '\u{AD}' | '\u{61C}' | '\u{180E}' | '\u{200B}'..='\u{200F}' | '\u{2028}'..='\u{202E}'
            | '\u{2060}'..='\u{2064}' | '\u{2066}'..='\u{206F}' | '\u{FEFF}')
}

struct Out {
    code: i32,
    stdout: String,
    stderr: String,
}

/// Run the binary; check the time, the exit, the absence of a panic and the output's safety.
fn run<S: AsRef<OsStr>>(args: &[S]) -> Out {
    let start = Instant::now();
    let out = anjuan()
        .args(args)
        .timeout(LIMIT)
        .output()
        .expect("anjuan ran");
    let took = start.elapsed();
    assert!(took < LIMIT, "took {took:?}");
    let code = out
        .status
        .code()
        .expect("anjuan ended by itself (the time limit kills it with a signal)");
    let stdout = String::from_utf8(out.stdout).expect("stdout is UTF-8");
    let stderr = String::from_utf8(out.stderr).expect("stderr is UTF-8");
    assert_ne!(code, 101, "panicked: {stderr}");
    assert!(!stderr.contains("panicked"), "{stderr}");
    for (name, text) in [("stdout", &stdout), ("stderr", &stderr)] {
        if let Some(c) = text.chars().find(|&c| unsafe_char(c)) {
            panic!("{name} holds U+{:04X}: {text:?}", c as u32);
        }
        assert!(text.len() < 16 * 1024, "{name} is {} bytes", text.len());
    }
    Out {
        code,
        stdout,
        stderr,
    }
}

/// A small drawn workspace (12 cases, 3 drawn) in `dir/ws`.
fn drawn(dir: &Path) -> PathBuf {
    let ws = dir.join("ws");
    let ok = |args: &[&OsStr]| {
        let o = run(args);
        assert_eq!(o.code, 0, "{}", o.stderr);
    };
    let register = repo("tests/fixtures/registers/good-utf8.csv");
    ok(&[
        "init".as_ref(),
        ws.as_os_str(),
        "--register".as_ref(),
        register.as_os_str(),
    ]);
    let commit = ["--n", "3", "--min-per-stratum", "1", "--alternates", "1"];
    let mut args: Vec<&OsStr> = vec!["commit".as_ref(), ws.as_os_str()];
    args.extend(commit.iter().map(OsStr::new));
    ok(&args);
    let seed = ["--seed", common::SEED, "--witness", "王五/县纪委监委"];
    let mut args: Vec<&OsStr> = vec!["draw".as_ref(), ws.as_os_str()];
    args.extend(seed.iter().map(OsStr::new));
    ok(&args);
    ws
}

/// The review plans recorded in a workspace.
fn plans(ws: &Path) -> usize {
    std::fs::read_dir(ws.join("review-plans")).map_or(0, |d| d.count())
}

/// `checklist check` in Chinese and English, and `review setup --checklist` on a drawn workspace.
struct Tried {
    zh: Out,
    en: Out,
    setup: Out,
    ws: PathBuf,
    _dir: tempfile::TempDir,
}

fn attempt(name: &str) -> Tried {
    let path = fixture(name);
    let p = path.as_os_str();
    let zh = run(&["checklist".as_ref(), "check".as_ref(), p]);
    let en = run(&[
        "--lang".as_ref(),
        "en".as_ref(),
        "checklist".as_ref(),
        "check".as_ref(),
        p,
    ]);
    let dir = tempfile::tempdir().unwrap();
    let ws = drawn(dir.path());
    let setup = run(&[
        "review".as_ref(),
        ws.as_os_str(),
        "setup".as_ref(),
        "--checklist".as_ref(),
        p,
        "--default-checklist".as_ref(),
        "hostile-base".as_ref(),
    ]);
    Tried {
        zh,
        en,
        setup,
        ws,
        _dir: dir,
    }
}

/// `name` is refused by both commands, with every one of `zh` and `en` in the message (each
/// prefixed by `name` when it starts with `:`, i.e. is a `FILE:LINE [KEY]: …` position), and
/// the setup records nothing. Returns the Chinese message.
fn refused(name: &str, zh: &[&str], en: &[&str]) -> String {
    let t = attempt(name);
    let expect = |out: &Out, parts: &[&str], lang: &str| {
        assert_eq!(out.code, 1, "{name} ({lang}): {}{}", out.stdout, out.stderr);
        for part in parts {
            let part = if part.starts_with(':') {
                format!("{name}{part}")
            } else {
                part.to_string()
            };
            assert!(
                out.stdout.contains(&part),
                "{name} ({lang}): {part:?} not in\n{}",
                out.stdout
            );
        }
    };
    expect(&t.zh, zh, "zh");
    expect(&t.en, en, "en");
    // Setup reads the file the same way and gives the same message; no plan is recorded.
    assert_eq!(t.setup.code, 2, "{name}: {}", t.setup.stdout);
    assert_eq!(t.setup.stderr.trim_end(), t.zh.stdout.trim_end(), "{name}");
    assert_eq!(plans(&t.ws), 0, "{name}");
    t.zh.stdout
}

/// The 1-based line of the first occurrence of `needle` in the fixture.
fn line_of(name: &str, needle: &str) -> usize {
    let bytes = std::fs::read(fixture(name)).unwrap();
    let text = String::from_utf8_lossy(&bytes);
    let at = text
        .find(needle)
        .unwrap_or_else(|| panic!("{needle:?} in {name}"));
    text[..at].matches('\n').count() + 1
}

const TOO_DEEP_ZH: &str = "嵌套过深：[ ] 或 { } 超过 16 层";
const TOO_DEEP_EN: &str = "nests too deeply: more than 16 levels of [ ] or { }";

#[test]
fn deep_arrays_are_refused_before_parsing() {
    let at = format!(
        ":{}: ",
        line_of("checklist-deep-arrays.toml", "case_types = [[[")
    );
    refused(
        "checklist-deep-arrays.toml",
        &[&format!("{at}{TOO_DEEP_ZH}"), "有 1 个问题"],
        &[&format!("{at}{TOO_DEEP_EN}")],
    );
}

#[test]
fn deep_inline_tables_are_refused_before_parsing() {
    let at = format!(
        ":{}: ",
        line_of("checklist-deep-inline-tables.toml", "note = {a={a=")
    );
    refused(
        "checklist-deep-inline-tables.toml",
        &[&format!("{at}{TOO_DEEP_ZH}")],
        &[&format!("{at}{TOO_DEEP_EN}")],
    );
}

#[test]
fn deep_dotted_keys_are_refused_before_parsing() {
    let at = format!(
        ":{}: ",
        line_of("checklist-deep-dotted-keys.toml", "a.a.a.a")
    );
    refused(
        "checklist-deep-dotted-keys.toml",
        &[&format!("{at}{TOO_DEEP_ZH}")],
        &["or a dotted key of more than 16 parts"],
    );
}

#[test]
fn a_huge_file_is_refused_by_its_size() {
    let name = "checklist-huge-file.toml";
    let size = std::fs::metadata(fixture(name)).unwrap().len();
    assert!(size > 1024 * 1024);
    refused(
        name,
        &[&format!(
            ": 文件太大（{size} 字节）：评查标准文件最大 1 MiB（1048576 字节）。请确认选对了文件"
        )],
        &[&format!(
            ": is too large ({size} bytes): a checklist file is at most 1 MiB"
        )],
    );
    // A device that never ends is not read at all; nor is a folder.
    #[cfg(unix)]
    {
        let o = run(&["checklist", "check", "/dev/zero"]);
        assert_eq!(o.code, 1);
        assert!(o.stdout.contains("/dev/zero: 不是普通文件"), "{}", o.stdout);
    }
    let folder = repo("tests/fixtures/hostile");
    let o = run(&["checklist".as_ref(), "check".as_ref(), folder.as_os_str()]);
    assert_eq!(o.code, 1);
    assert!(
        o.stdout.contains("不是普通文件（是目录或设备）"),
        "{}",
        o.stdout
    );
}

#[test]
fn too_many_items_are_refused() {
    let name = "checklist-many-items.toml";
    // Reported at the first item past the limit: the 1001st `[[items]]`.
    let bytes = std::fs::read_to_string(fixture(name)).unwrap();
    let header = bytes.match_indices("[[items]]").nth(1000).unwrap().0;
    let line = bytes[..header].matches('\n').count() + 1;
    let out = refused(
        name,
        &[&format!(
            ":{line} [items]: 数量太多（1200 个，最多 1000 个）"
        )],
        &[&format!(":{line} [items]: too many (1200, at most 1000)")],
    );
    assert_eq!(
        out.lines().count(),
        2,
        "only the count, not 1 200 item checks:\n{out}"
    );
}

#[test]
fn extremely_long_strings_are_refused_and_not_repeated() {
    let name = "checklist-long-strings.toml";
    let out = refused(
        name,
        &[
            ":5 [checklist.title]: 太长（50000 个字符，最多 200 个）。请缩短",
            ":30 [items[0].text]: 太长（100000 个字符，最多 2000 个）",
        ],
        &[":5 [checklist.title]: is too long (50000 characters, at most 200); shorten it"],
    );
    assert!(!out.contains("长长长"), "the title is not repeated:\n{out}");
    assert!(!out.contains("xxx"), "the text is not repeated:\n{out}");
}

#[test]
fn a_flood_of_problems_is_listed_in_part_and_counted() {
    let out = refused(
        "checklist-many-problems.toml",
        &[
            "有 3001 个问题",
            ":28 [items[0].id]: 编号“A 1”无效",
            "……另有 2951 个问题未列出：请先改正以上问题，再检查一次",
        ],
        &["has 3001 problems", "… and 2951 more not listed"],
    );
    assert_eq!(out.lines().count(), 1 + 50 + 1, "{out}");
}

#[test]
fn a_gbk_file_is_named_as_not_utf8() {
    refused(
        "checklist-gbk.toml",
        &[":5: 不是 UTF-8 文本（字节偏移 111），看起来是 GBK 编码。请用 UTF-8 编码另存"],
        &[":5: is not UTF-8 text (byte offset 111); it looks like GBK. Save it as UTF-8"],
    );
}

#[test]
fn a_bom_is_accepted() {
    let t = attempt("checklist-bom.toml");
    assert_eq!(t.zh.code, 0, "{}", t.zh.stdout);
    assert!(
        t.zh.stdout
            .starts_with("有效  hostile-base 版本 1：测试评查表"),
        "{}",
        t.zh.stdout
    );
    assert!(t
        .en
        .stdout
        .starts_with("valid hostile-base version 1: Test review sheet"));
    assert_eq!(t.setup.code, 0, "{}", t.setup.stderr);
    assert!(
        t.setup.stdout.contains("hostile-base 1 测试评查表"),
        "{}",
        t.setup.stdout
    );
    assert_eq!(plans(&t.ws), 1);
}

#[test]
fn nul_bytes_are_refused() {
    refused(
        "checklist-nul-bytes.toml",
        &[":1: 注释中有不允许的控制字符（如 NUL）。请删除"],
        &[
            ":1: TOML error: invalid comment character",
            "a comment holds a control character such as NUL",
        ],
    );
}

#[test]
fn control_characters_in_texts_are_refused_and_never_printed() {
    let what = "是不可见字符或控制字符";
    refused(
        "checklist-control-chars.toml",
        &[
            &format!(":5 [checklist.title]: 第 3 个字符{what} U+001B (ESC)：它会改变终端的显示"),
            &format!(":10 [checklist.note]: 第 2 个字符{what} U+0000 (NUL)"),
            &format!(":13 [grades[0].name]: 第 3 个字符{what} U+001B (ESC)"),
            &format!(":25 [sections[0].title]: 第 3 个字符{what} U+0085 (NEXT LINE)"),
            &format!(":31 [items[0].text]: 第 5 个字符{what} U+0008 (BACKSPACE)"),
            "有 5 个问题",
        ],
        &[":5 [checklist.title]: character 3 is the invisible or control character U+001B (ESC)"],
    );
}

#[test]
fn raw_escape_bytes_are_refused_and_never_printed() {
    refused(
        "checklist-raw-escape.toml",
        &[":5: 字符串有误：缺少结束的引号，或含有未转义的控制字符"],
        &[
            ":5: TOML error: invalid basic string",
            "holds a raw control character",
        ],
    );
}

#[test]
fn an_escape_sequence_as_a_key_is_shown_visibly() {
    refused(
        "checklist-escape-in-key.toml",
        &[":8 [^[]0;pwned^G<U+202E>]: 未知的键 ^[]0;pwned^G<U+202E>（拼写错误？"],
        &[":8 [^[]0;pwned^G<U+202E>]: TOML error: unknown field `^[]0;pwned^G<U+202E>`"],
    );
}

#[test]
fn bidi_characters_in_ids_titles_and_grades_are_refused() {
    refused(
        "checklist-bidi.toml",
        &[
            ":5 [checklist.title]: 第 3 个字符是不可见字符或控制字符 U+202E (RIGHT-TO-LEFT OVERRIDE)",
            ":12 [grades[0].name]: 第 1 个字符是不可见字符或控制字符 U+2066 (LEFT-TO-RIGHT ISOLATE)",
            ":24 [sections[0].title]: 第 3 个字符是不可见字符或控制字符 U+200F (RIGHT-TO-LEFT MARK)",
            ":28 [items[0].id]: 编号“A<U+202E>1”无效",
        ],
        &[":28 [items[0].id]: id \"A<U+202E>1\" is invalid"],
    );
}

#[test]
fn zero_width_characters_are_refused() {
    let out = refused(
        "checklist-zero-width.toml",
        &[
            ":5 [checklist.title]: 第 1 个字符是不可见字符或控制字符 U+FEFF (BYTE ORDER MARK)",
            ":17 [grades[1].name]: 第 2 个字符是不可见字符或控制字符 U+200D (ZERO WIDTH JOINER)",
            ":28 [items[0].id]: 编号“A<U+200B>1”无效",
            "有 3 个问题",
        ],
        &[":28 [items[0].id]: id \"A<U+200B>1\" is invalid"],
    );
    // The refused grade name does not also make veto_grade "unknown".
    assert!(!out.contains("veto_grade"), "{out}");
}

#[test]
fn duplicate_keys_are_refused() {
    refused(
        "checklist-duplicate-keys.toml",
        &[":7: 同一个键写了两次。请删除其中一个"],
        &[":7: TOML error: duplicate key"],
    );
}

#[test]
fn duplicate_item_ids_are_refused() {
    refused(
        "checklist-duplicate-item-ids.toml",
        &[":38 [items[1].id]: “A1”重复（第 28 行已使用）。编号必须唯一"],
        &[":38 [items[1].id]: \"A1\" is a duplicate (already used on line 28)"],
    );
}

#[test]
fn bad_points_are_each_named() {
    let bad = |line: usize, i: usize, v: &str| {
        format!(
            ":{line} [items[{i}].max_points]: 分值 {v} 无效：应在 0 到 100000 之间，最多两位小数"
        )
    };
    let out = refused(
        "checklist-bad-points.toml",
        &[
            &bad(32, 0, "NaN"),
            &bad(42, 1, "inf"),
            &bad(52, 2, "-5"),
            &bad(62, 3, "1e300"),
            &bad(72, 4, "0.125"),
            ":86 [items[5].step]: 分值 14 不是扣分步长 4 的整数倍",
            "有 6 个问题",
        ],
        &[":32 [items[0].max_points]: points NaN are invalid"],
    );
    // A refused value is not also reported as "worth 0 points".
    assert!(!out.contains("分值为 0 的条目"), "{out}");
}

#[test]
fn integers_beyond_64_bits_are_named() {
    let out = refused(
        "checklist-integer-overflow.toml",
        &[
            ":7 [checklist.total_points]: 分值 99999999999999999999 无效",
            ":32 [items[0].max_points]: 分值 18446744073709551616 无效",
            ":33 [items[0].step]: 分值 9.223372036854776e18 无效",
            "有 3 个问题",
        ],
        &[":7 [checklist.total_points]: points 99999999999999999999 are invalid"],
    );
    // Nothing is checked against the invalid total.
    assert!(!out.contains("满分"), "{out}");
}

#[test]
fn integers_beyond_128_bits_are_named() {
    refused(
        "checklist-integer-beyond-i128.toml",
        &[":32 [max_points]: 数字太大，超出范围"],
        &[":32 [max_points]: TOML error: integer number overflowed: the number is far too large"],
    );
}

#[test]
fn a_date_where_points_belong_is_named() {
    refused(
        "checklist-date-as-points.toml",
        &[
            ":7 [checklist.total_points]: 应为分值（0 到 100000 的数，最多两位小数，如 10 或 1.5），实际是日期 2024-01-01",
            "有 1 个问题",
        ],
        &[":7 [checklist.total_points]: must be points", "not the date 2024-01-01"],
    );
}

#[test]
fn a_wrong_type_is_named_with_its_key() {
    refused(
        "checklist-wrong-types.toml",
        &[":5 [title]: 类型不对：应为文本（用引号括起），实际是整数 5"],
        &[":5 [title]: TOML error: invalid type: integer `5`, expected a string"],
    );
}

#[test]
fn unknown_fields_are_named() {
    refused(
        "checklist-unknown-fields.toml",
        &[":7 [totl_points]: 未知的键 totl_points（拼写错误？这里可用的键：`id`"],
        &[
            ":7 [totl_points]: TOML error: unknown field `totl_points`",
            "fix the spelling or remove it",
        ],
    );
}

#[test]
fn grade_overlap_and_gap_are_named() {
    refused(
        "checklist-grades-overlap-gap.toml",
        &[
            ":20 [grades[1].below]: 等次重叠：“合格”到 9 以下，而“良好”从 8 开始。请令 below = 8",
            ":26 [grades[2].below]: 等次有空档：“不合格”止于 5 以下，“合格”从 6 开始",
        ],
        &[
            ":20 [grades[1].below]: grades overlap",
            ":26 [grades[2].below]: the grade scale has a gap",
        ],
    );
}

#[test]
fn an_empty_file_is_named() {
    refused(
        "checklist-empty.toml",
        &[": 文件是空的。请从 checklists/ 中复制一个评查标准再修改"],
        &[": the file is empty"],
    );
}

#[test]
fn a_checklist_without_items_is_named() {
    let out = refused(
        "checklist-no-items.toml",
        &[":3 [items]: 没有任何评查条目。请至少写一个 [[items]]"],
        &[":3 [items]: there are no items"],
    );
    assert_eq!(out.lines().count(), 2, "{out}");
}

#[test]
fn a_truncated_file_is_named() {
    refused(
        "checklist-truncated.toml",
        &[":30: 字符串有误：缺少结束的引号", "文件是否不完整"],
        &[
            ":30: TOML error: invalid basic string",
            "is the file cut off?",
        ],
    );
}

#[test]
fn a_file_cut_mid_character_is_named() {
    refused(
        "checklist-truncated-mid-char.toml",
        &[":30: 在一个字符的中间结束（字节偏移 485）：文件可能不完整"],
        &[":30: ends in the middle of a character (byte offset 485): the file looks cut off"],
    );
}

/// The other way a checklist is loaded: from the workspace's copy, when any review command opens
/// the campaign. A copy replaced by a hostile file is refused as altered, quickly, whatever it is.
#[test]
fn a_planned_checklist_swapped_for_a_hostile_file_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let ws = drawn(dir.path());
    let base = fixture("checklist-bom.toml");
    let o = run(&[
        "review".as_ref(),
        ws.as_os_str(),
        "setup".as_ref(),
        "--checklist".as_ref(),
        base.as_os_str(),
        "--default-checklist".as_ref(),
        "hostile-base".as_ref(),
    ]);
    assert_eq!(o.code, 0, "{}", o.stderr);
    let copy = ws.join("checklists/hostile-base-1.toml");
    assert_eq!(std::fs::read(&copy).unwrap(), std::fs::read(&base).unwrap());
    for name in [
        "checklist-huge-file.toml",
        "checklist-deep-arrays.toml",
        "checklist-control-chars.toml",
        "checklist-empty.toml",
    ] {
        std::fs::copy(fixture(name), &copy).unwrap();
        let o = run(&["review".as_ref(), ws.as_os_str(), "status".as_ref()]);
        assert_eq!(o.code, 2, "{name}: {}", o.stdout);
        assert!(
            o.stderr
                .contains("checklists/hostile-base-1.toml 在登记后被修改"),
            "{name}: {}",
            o.stderr
        );
    }
}

/// Every fixture has its line in CHECKLISTS.md and its own test here.
#[test]
fn every_fixture_is_described_and_tested() {
    let readme = std::fs::read_to_string(fixture("CHECKLISTS.md")).unwrap();
    let tests = include_str!("hostile_checklist.rs");
    let mut names: Vec<String> = std::fs::read_dir(repo("tests/fixtures/hostile"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with("checklist-") && n.ends_with(".toml"))
        .collect();
    names.sort();
    assert!(names.len() >= 25, "{names:?}");
    for n in &names {
        assert!(
            readme.contains(&format!("| `{n}` |")),
            "{n} is not in CHECKLISTS.md"
        );
        let quoted = format!("\"{n}\"");
        assert!(tests.contains(&quoted), "{n} has no test");
    }
}
