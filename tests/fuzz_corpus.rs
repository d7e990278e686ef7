//! Replays the fuzz targets' seeds and every input a fuzzer ever crashed on
//! (`fuzz/regressions/<target>/`, see docs/FUZZING.md) through the entry points the targets call
//! (`anjuan::fuzzing`), so a crash once found stays fixed without a nightly toolchain. Each seed
//! is also replayed cut short at eight places: truncation is the commonest damage.

use std::path::{Path, PathBuf};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Files under `dirs` whose names end in one of `exts`, plus the target's regressions.
fn inputs(target: &str, dirs: &[&str], exts: &[&str]) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let regressions = format!("fuzz/regressions/{target}");
    for dir in dirs.iter().copied().chain([regressions.as_str()]) {
        let Ok(entries) = std::fs::read_dir(root().join(dir)) else {
            continue;
        };
        for e in entries.flatten() {
            let p = e.path();
            let name = p.file_name().unwrap().to_string_lossy().into_owned();
            let seed = exts.iter().any(|x| name.ends_with(x));
            let regression = dir.starts_with("fuzz/") && !name.starts_with('.');
            if p.is_file() && (seed || regression) && std::fs::metadata(&p).unwrap().len() < 1 << 20
            {
                out.push(p);
            }
        }
    }
    out.sort();
    assert!(!out.is_empty(), "no inputs for {target}");
    out
}

fn replay(paths: &[PathBuf], run: &dyn Fn(&[u8])) {
    for p in paths {
        let bytes = std::fs::read(p).unwrap();
        let cuts: Vec<usize> = (0..=8).map(|i| bytes.len() * i / 8).collect();
        for cut in cuts {
            let outcome =
                std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| run(&bytes[..cut])));
            assert!(outcome.is_ok(), "{} cut at {cut} panicked", show(p));
        }
    }
}

fn show(p: &Path) -> String {
    p.strip_prefix(root()).unwrap_or(p).display().to_string()
}

#[test]
fn register_csv_seeds_and_regressions() {
    let files = inputs(
        "register_csv",
        &[
            "samples",
            "tests/fixtures/registers",
            "tests/fixtures/hostile",
            "tests/fixtures/roster",
        ],
        &[".csv"],
    );
    replay(&files, &|b| anjuan::fuzzing::register(b, "csv"));
}

#[test]
fn register_text_layouts() {
    // UTF-16 text and other delimiters, through the same entry as the csv target.
    let files = inputs(
        "register_csv",
        &["tests/fixtures/registers/layouts"],
        &[".csv", ".txt"],
    );
    replay(&files, &|b| anjuan::fuzzing::text(b));
}

#[test]
fn register_workbook_seeds_and_regressions() {
    let files = inputs(
        "register_workbook",
        &["tests/fixtures/registers/layouts"],
        &[".xls", ".et", ".ods"],
    );
    replay(&files, &|b| anjuan::fuzzing::workbook(b));
}

#[test]
fn register_xlsx_seeds_and_regressions() {
    let files = inputs(
        "register_xlsx",
        &[
            "samples",
            "tests/fixtures/roster",
            "tests/fixtures/decisions",
            "tests/fixtures/hostile",
        ],
        &[".xlsx"],
    );
    replay(&files, &|b| anjuan::fuzzing::register(b, "xlsx"));
}

#[test]
fn checklist_seeds_and_regressions() {
    let files = inputs(
        "checklist",
        &["checklists", "tests/fixtures/hostile"],
        &[".toml"],
    );
    replay(&files, &|b| anjuan::fuzzing::checklist(b));
}

#[test]
fn journal_seeds_and_regressions() {
    let files = inputs("journal", &["tests/fixtures/journal"], &[".jsonl"]);
    replay(&files, &|b| anjuan::fuzzing::journal(b));
}
