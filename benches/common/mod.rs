//! Shared by the benchmarks: a scratch folder on the repository's disk (not a tmpfs, so fsync
//! costs what it costs users), the drawn sample workspace, and the latency report.
#![allow(dead_code)]

use anjuan::draw::allocation::Method;
use anjuan::register::import::{ImportSettings, RegisterFile};
use anjuan::workspace::Workspace;
use std::path::{Path, PathBuf};
use std::time::Duration;

pub fn scratch() -> tempfile::TempDir {
    let base = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("target/bench-tmp");
    std::fs::create_dir_all(&base).expect("bench dir");
    tempfile::tempdir_in(&base).expect("tempdir")
}

/// The sample county, committed (100 files, min 1, 2 alternates) and drawn, in `dir/ws`.
pub fn drawn_workspace(dir: &Path) -> PathBuf {
    let ws = dir.join("ws");
    let files = [RegisterFile::new(
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("samples/county-register.csv"),
    )];
    Workspace::init(&ws, &files, &ImportSettings::default(), None).expect("init");
    let w = Workspace::open(&ws).expect("open");
    let method = Method::Proportional {
        n: 100,
        min_per_stratum: 1,
    };
    w.commit(method, 2, None).expect("commit");
    w.draw("31415926535897932384", vec![], vec![], None, None, None)
        .expect("draw");
    ws
}

/// One line: count, median, p90, p99 and max.
pub fn report(what: &str, mut times: Vec<Duration>) {
    times.sort();
    let p = |q: f64| times[((times.len() - 1) as f64 * q).round() as usize];
    println!(
        "{what}: n={} median {:.2?} p90 {:.2?} p99 {:.2?} max {:.2?}",
        times.len(),
        p(0.5),
        p(0.9),
        p(0.99),
        times[times.len() - 1]
    );
}
