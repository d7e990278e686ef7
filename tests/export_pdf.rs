//! The exported witness sheet printed through LibreOffice (headless) to PDF: it converts, the
//! page is A4 portrait, and a Chinese font is embedded. Skipped, with the reason printed, where
//! LibreOffice is not installed (`.ci/run` installs it).

mod common;
use common::*;
use std::process::Command;

#[test]
fn witness_sheet_prints_to_a4_pdf() {
    let Some(office) = soffice() else {
        eprintln!(
            "SKIPPED: LibreOffice (soffice) is not installed, so the XLSX-to-PDF check did not run"
        );
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let ws = drawn_workspace(dir.path());
    let out = dir.path().join("out");
    anjuan()
        .arg("export")
        .arg(&ws)
        .arg("--out")
        .arg(&out)
        .assert()
        .success();
    let profile = format!("file://{}", dir.path().join("lo-profile").display());
    let status = Command::new(office)
        .arg(format!("-env:UserInstallation={profile}"))
        .args(["--headless", "--convert-to", "pdf", "--outdir"])
        .arg(&out)
        .arg(out.join("抽样记录表.xlsx"))
        .output()
        .unwrap();
    assert!(
        status.status.success(),
        "{}",
        String::from_utf8_lossy(&status.stderr)
    );
    let pdf = std::fs::read(out.join("抽样记录表.pdf")).unwrap();
    assert!(pdf.starts_with(b"%PDF"));
    let text = String::from_utf8_lossy(&pdf);
    let pages = text.matches("/Type/Page").count() + text.matches("/Type /Page").count()
        - text.matches("/Type/Pages").count()
        - text.matches("/Type /Pages").count();
    assert!(
        pages >= 2,
        "100 sampled files and alternates take more than one page: {pages}"
    );
    // A4 portrait is 595 x 842 points.
    assert!(
        text.contains("/MediaBox[0 0 595") || text.contains("/MediaBox [0 0 595"),
        "A4 portrait page"
    );
    assert!(text.contains("/FontFile"), "fonts are embedded");
}
