//! A workspace copied through a machine that converted its line endings — every text file LF →
//! CRLF, as a Windows zip tool or `git core.autocrlf` does, or back again. anjuan reads it, says
//! so (on opening and in verify, in both languages), verifies it, and appends to it; a file whose
//! content changed beyond its line endings is still reported as altered.

mod common;
#[path = "common/pty.rs"]
mod pty;

use common::*;
use predicates::str::contains;
use std::path::{Path, PathBuf};

const TEXT: [&str; 6] = ["json", "jsonl", "tsv", "csv", "toml", "txt"];

/// Every text file under `dir`, recursively.
fn text_files(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for e in std::fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        if p.is_dir() {
            out.extend(text_files(&p));
        } else if p
            .extension()
            .is_some_and(|x| TEXT.contains(&x.to_string_lossy().as_ref()))
        {
            out.push(p);
        }
    }
    out
}

/// LF → CRLF (a line already ending in CRLF stays as it is), like unix2dos.
fn unix2dos(bytes: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(bytes.len() * 11 / 10);
    for (i, &b) in bytes.iter().enumerate() {
        if b == b'\n' && (i == 0 || bytes[i - 1] != b'\r') {
            out.push(b'\r');
        }
        out.push(b);
    }
    out
}

/// CRLF → LF, like dos2unix.
fn dos2unix(bytes: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(bytes.len());
    for (i, &b) in bytes.iter().enumerate() {
        if b == b'\r' && bytes.get(i + 1) == Some(&b'\n') {
            continue;
        }
        out.push(b);
    }
    out
}

fn convert(dir: &Path, how: fn(&[u8]) -> Vec<u8>) -> usize {
    let files = text_files(dir);
    for f in &files {
        let bytes = std::fs::read(f).unwrap();
        std::fs::write(f, how(&bytes)).unwrap();
    }
    files.len()
}

/// `anjuan verify`: (exit code, stdout).
fn verify(ws: &Path, lang: &str) -> (i32, String) {
    let out = anjuan()
        .args(["--lang", lang, "verify"])
        .arg(ws)
        .output()
        .unwrap();
    (
        out.status.code().unwrap(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
    )
}

fn differing(stdout: &str) -> Vec<&str> {
    stdout.lines().filter(|l| l.starts_with("DIFF")).collect()
}

/// A reviewed workspace: two events on a file, an export.
fn reviewed(dir: &Path) -> (PathBuf, String) {
    let ws = drawn_workspace(dir);
    let case = case_of_type(&ws, "行政处罚（一般程序）");
    for (item, args) in [
        ("A1", vec!["--pass"]),
        (
            "A2",
            vec!["--deduct", "1", "--finding", "身份证明材料缺失\n第二行"],
        ),
    ] {
        anjuan()
            .arg("review")
            .arg(&ws)
            .args(["set", &case, item])
            .args(args)
            .args(["--reviewer", "张三"])
            .assert()
            .success();
    }
    (ws, case)
}

#[test]
fn a_workspace_copied_with_crlf_line_endings_reads_verifies_and_goes_on() {
    let dir = tempfile::tempdir().unwrap();
    let (ws, case) = reviewed(dir.path());
    let status_before = status(&ws);
    let journal_lines_before = journal_lines(&ws).len();
    assert!(convert(&ws, unix2dos) >= 8);
    let journal = std::fs::read(ws.join("journal.jsonl")).unwrap();
    assert_eq!(
        journal.windows(2).filter(|w| w == b"\r\n").count(),
        journal_lines_before,
        "every journal line converted"
    );

    // Verify: everything matches, and it says the line endings were converted.
    let (code, out) = verify(&ws, "en");
    assert_eq!(code, 0, "{out}");
    for want in [
        "campaign.json matches the ledger",
        "a copy converted its line endings; with them restored it is the same byte for byte",
        "lines of ledger.jsonl had their line endings converted to CRLF",
        &format!("{journal_lines_before} lines of journal.jsonl had their line endings converted"),
        "review journal hash chain intact",
        "population digest matches",
        "source digest and row counts match",
    ] {
        assert!(out.contains(want), "{want:?} not in:\n{out}");
    }
    let (code, zh) = verify(&ws, "zh");
    assert_eq!(code, 0, "{zh}");
    assert!(zh.contains("复制时换行符被转换"), "{zh}");

    // Opening it: said once, in both languages; everything reads as before.
    anjuan()
        .args(["--lang", "en", "review"])
        .arg(&ws)
        .arg("status")
        .assert()
        .success()
        .stderr(contains("converted its line endings"))
        .stderr(contains("The content is unchanged"));
    anjuan()
        .arg("review")
        .arg(&ws)
        .arg("status")
        .assert()
        .success()
        .stderr(contains("换行符"))
        .stderr(contains("内容没有改变"));
    assert_eq!(status(&ws)["files"], status_before["files"]);

    // A new event goes on from the converted chain, and everything still verifies.
    anjuan()
        .args(["--lang", "en", "review"])
        .arg(&ws)
        .args(["set", &case, "A3", "--pass", "--reviewer", "李四"])
        .assert()
        .success()
        .stdout(contains(format!(
            "saved (journal event {}, on disk)",
            journal_lines_before + 1
        )));
    anjuan()
        .arg("commit")
        .arg(&ws)
        .args(["--n", "20", "--min-per-stratum", "0", "--alternates", "0"])
        .assert()
        .success();
    let (code, out) = verify(&ws, "en");
    assert_eq!(code, 0, "{out}");
    assert!(
        out.contains("commitments/0002.json matches the ledger"),
        "{out}"
    );
    let out_dir = dir.path().join("export");
    anjuan()
        .arg("export")
        .arg(&ws)
        .arg("--out")
        .arg(&out_dir)
        .assert()
        .success();
    anjuan()
        .arg("verify")
        .arg(&ws)
        .arg("--export")
        .arg(&out_dir)
        .assert()
        .success();
    // The export copied back through the same machine still checks.
    convert(&out_dir, unix2dos);
    let out = anjuan()
        .args(["--lang", "en", "verify"])
        .arg(&ws)
        .arg("--export")
        .arg(&out_dir)
        .assert()
        .success();
    let out = String::from_utf8_lossy(&out.get_output().stdout).into_owned();
    assert!(
        out.contains("matches the manifest (a copy converted"),
        "{out}"
    );
}

/// Converted and also edited: each edit is still found and named.
#[test]
fn content_changed_beyond_line_endings_is_still_reported() {
    let dir = tempfile::tempdir().unwrap();
    let (ws, _case) = reviewed(dir.path());
    convert(&ws, unix2dos);
    assert_eq!(verify(&ws, "en").0, 0);

    let edit = |name: &str, file: &str, from: &str, to: &str| -> PathBuf {
        let copy = dir.path().join(name);
        copy_dir(&ws, &copy);
        let path = copy.join(file);
        let text = std::fs::read_to_string(&path).unwrap();
        assert!(text.contains(from), "{file} has no {from:?}");
        std::fs::write(&path, text.replacen(from, to, 1)).unwrap();
        copy
    };

    // A draw record: one witness renamed.
    let ws1 = edit("w1", "draws/0001.json", "王五", "王六");
    let (code, out) = verify(&ws1, "en");
    assert_eq!(code, 1, "{out}");
    assert!(
        differing(&out)
            .iter()
            .any(|l| l.contains("draws/0001.json was altered")
                && l.contains("more than its line endings differ")),
        "{out}"
    );

    // A journal line: event 1's decision edited; line 2 names its digest.
    let ws2 = edit(
        "w2",
        "journal.jsonl",
        "\"verdict\":\"pass\"",
        "\"verdict\":\"na\"",
    );
    let (code, out) = verify(&ws2, "en");
    assert_eq!(code, 1, "{out}");
    assert!(
        differing(&out)
            .iter()
            .any(|l| l.contains("journal.jsonl line 2: its prev digest does not match line 1")),
        "{out}"
    );

    // The frozen population: one case id changed.
    let pop = std::fs::read_to_string(ws.join("population.tsv")).unwrap();
    let first_id = pop.split('\t').next().unwrap().to_string();
    let ws3 = edit("w3", "population.tsv", &first_id, &format!("{first_id}X"));
    let (code, out) = verify(&ws3, "en");
    assert_eq!(code, 1, "{out}");
    assert!(
        differing(&out)
            .iter()
            .any(|l| l.contains("population.tsv was altered")),
        "{out}"
    );

    // A stray CR inside a line is content, not a line ending.
    let ws4 = edit("w4", "campaign.json", "\"kind\"", "\"kind\"\r");
    let (code, out) = verify(&ws4, "en");
    assert_eq!(code, 1, "{out}");
    assert!(
        differing(&out)
            .iter()
            .any(|l| l.contains("campaign.json was altered")),
        "{out}"
    );
}

/// Registers come with line endings of their own: LF, CRLF, or as a spreadsheet writes CSV
/// (CRLF between rows, LF inside a cell — the sample register is such a file). Copied with
/// either conversion, the recorded bytes are restored exactly and everything verifies. A
/// register whose rows were mixed cannot be restored from a converted copy: verify says that its
/// bytes no longer give the source digest, while the population recomputed from it still
/// matches the frozen one (and the agency's original, at hand, can be checked with --register).
#[test]
fn register_copies_with_their_own_line_endings() {
    let dir = tempfile::tempdir().unwrap();
    let sample = std::fs::read(repo("samples/county-register.csv")).unwrap();
    let rows = sample.windows(2).filter(|w| w == b"\r\n").count();
    let in_cells = sample.iter().filter(|&&b| b == b'\n').count() - rows;
    assert!(
        rows > 1000 && in_cells > 0,
        "the sample is a spreadsheet's CSV"
    );
    let mixed = {
        // CRLF on the first half of the rows only.
        let lf = dos2unix(&sample);
        let half = lf.len() / 2;
        let cut = half + lf[half..].iter().position(|&b| b == b'\n').unwrap();
        let mut v = unix2dos(&lf[..cut]);
        v.extend_from_slice(&lf[cut..]);
        v
    };
    type Conversion = fn(&[u8]) -> Vec<u8>;
    let cases: [(&str, Vec<u8>, Conversion); 5] = [
        ("lf", dos2unix(&sample), unix2dos),
        ("crlf", unix2dos(&sample), dos2unix),
        ("excel-to-crlf", sample.clone(), unix2dos),
        ("excel-to-lf", sample.clone(), dos2unix),
        ("mixed", mixed, dos2unix),
    ];
    for (name, register, how) in cases {
        let csv = dir.path().join(format!("{name}.csv"));
        std::fs::write(&csv, &register).unwrap();
        let ws = dir.path().join(name);
        committed_from(&ws, &csv, 100, 2);
        draw(&ws);
        assert_eq!(verify(&ws, "en").0, 0);
        convert(&ws, how);
        let copy = std::fs::read(ws.join(format!("registers/01-{name}.csv"))).unwrap();
        assert_ne!(copy, register, "{name}: the copy was converted");
        let (code, out) = verify(&ws, "en");
        if name != "mixed" {
            assert_eq!(code, 0, "{name}: {out}");
            assert!(
                out.lines().any(|l| l
                    .contains(&format!("registers/01-{name}.csv matches the ledger"))
                    && l.contains("a copy converted its line endings")),
                "{name}: {out}"
            );
            assert!(out.contains("source digest and row counts match"), "{out}");
        } else {
            assert_eq!(code, 1, "{out}");
            let diffs = differing(&out);
            assert_eq!(diffs.len(), 2, "{diffs:?}");
            assert!(
                diffs[0].contains("registers/01-mixed.csv was altered")
                    && diffs[1].contains("mixed.csv: re-import gives"),
                "only the register copy differs: {diffs:?}"
            );
            assert!(out.contains("OK     population digest matches"), "{out}");
            // The original, at hand, still has the recorded digest.
            let with_original = anjuan()
                .args(["--lang", "en", "verify"])
                .arg(&ws)
                .arg("--register")
                .arg(&csv)
                .output()
                .unwrap();
            let text = String::from_utf8_lossy(&with_original.stdout);
            assert!(text.contains("source digest matches"), "{text}");
        }
    }
}

/// The TUI says it once, on opening.
#[test]
fn the_tui_says_on_opening_that_line_endings_were_converted() {
    let dir = tempfile::tempdir().unwrap();
    let (ws, _case) = reviewed(dir.path());
    convert(&ws, unix2dos);
    let args = [
        "--lang",
        "en",
        "tui",
        ws.to_str().unwrap(),
        "--reviewer",
        "张三",
    ]
    .map(String::from);
    let bin = assert_cmd::cargo::cargo_bin("anjuan");
    let mut t = pty::Pty::spawn(bin.to_str().unwrap(), &args, &[]);
    t.wait_all(&["Line endings converted", "The content is unchanged"]);
    t.send("x");
    t.wait_until("the desk", |s| {
        s.contains("Review desk") && !s.contains("Line endings converted")
    });
    t.send("q");
    assert!(t.wait_exit().success());
}
