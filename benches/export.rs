//! Export benchmark: every sheet of the demo campaign (100 reviewed files: 100 per-file result
//! sheets in one workbook, the summary, the pull list, the witness sheet and the three campaign
//! forms, each as XLSX and CSV, plus the manifest), written to disk. Also `verify --export`,
//! which rebuilds every CSV from the journal. Run: `cargo bench --bench export`.

use anjuan::export::{bundle, verify};
use anjuan::i18n::Lang;
use anjuan::workspace::Workspace;
use std::process::Command;
use std::time::{Duration, Instant};

mod common;

fn report(what: &str, mut times: Vec<Duration>) {
    times.sort();
    println!(
        "{what}: n={} median {:.0?} min {:.0?} max {:.0?}",
        times.len(),
        times[times.len() / 2],
        times[0],
        times[times.len() - 1]
    );
}

fn main() {
    let tmp = common::scratch();
    let ws = tmp.path().join("demo");
    let built = Command::new(env!("CARGO_BIN_EXE_anjuan"))
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .args(["demo", "--build"])
        .arg(&ws)
        .output()
        .expect("demo --build");
    assert!(
        built.status.success(),
        "{}",
        String::from_utf8_lossy(&built.stderr)
    );
    let mut write = Vec::new();
    let mut check = Vec::new();
    let mut bytes = 0;
    for k in 0..10 {
        let out = tmp.path().join(format!("out{k}"));
        let t = Instant::now();
        let m = bundle::export(&ws, &out, Lang::Zh).expect("export");
        write.push(t.elapsed());
        bytes = m.files.iter().map(|f| f.bytes).sum::<u64>();
        let w = Workspace::open(&ws).expect("workspace");
        let t = Instant::now();
        let checks = verify::verify(&w, &out, Lang::Zh);
        check.push(t.elapsed());
        assert!(checks.iter().all(|c| c.ok));
    }
    println!(
        "export: 14 files, {:.1} MiB",
        bytes as f64 / (1 << 20) as f64
    );
    report(
        "export every sheet of 100 reviewed files (XLSX + CSV + manifest, fsync'ed)",
        write,
    );
    report(
        "verify --export (digests, chain, every CSV rebuilt from the journal)",
        check,
    );
}
