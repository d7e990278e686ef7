//! The README's outside check: `tools/interop/check_record.py` (Python standard library only, no
//! anjuan) accepts a real campaign with its register, journal head and export, and names what was
//! altered. Runs where `python3` is installed (it is on the CI machines); elsewhere it says it
//! skipped. check_draw.py, which needs the reference package from PyPI, is covered by the
//! interoperability fixtures (tests/interop.rs) and docs/INTEROP.md.

mod common;

use std::path::Path;
use std::process::Command;

fn python() -> Option<&'static str> {
    let ok = Command::new("python3")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success());
    if !ok {
        assert!(
            std::env::var_os("CI").is_none(),
            "python3 is needed for the outside-check test on CI"
        );
        eprintln!("skipped: python3 is not installed");
    }
    ok.then_some("python3")
}

fn check(args: &[&std::ffi::OsStr]) -> (i32, String) {
    let out = Command::new("python3")
        .arg(common::repo("tools/interop/check_record.py"))
        .args(args)
        .output()
        .unwrap();
    let text =
        String::from_utf8_lossy(&out.stdout).into_owned() + &String::from_utf8_lossy(&out.stderr);
    (out.status.code().unwrap_or(-1), text)
}

fn head(export: &Path) -> String {
    let m: serde_json::Value =
        serde_json::from_slice(&std::fs::read(export.join("manifest.json")).unwrap()).unwrap();
    m["journal_head"].as_str().unwrap().to_string()
}

#[test]
fn check_record_py_accepts_a_campaign_and_names_what_was_altered() {
    if python().is_none() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let ws = dir.path().join("ws");
    common::anjuan()
        .args(["demo", "--build"])
        .arg(&ws)
        .assert()
        .success();
    let out = dir.path().join("out");
    common::anjuan()
        .arg("export")
        .arg(&ws)
        .arg("--out")
        .arg(&out)
        .assert()
        .success();
    // The demo freezes the sample collection round in name order: its first register.
    let mut registers: Vec<_> = std::fs::read_dir(common::repo("samples/collection"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    registers.sort();
    let register = registers[0].clone();
    let h = head(&out);
    let (code, text) = check(&[
        ws.as_os_str(),
        "--register".as_ref(),
        register.as_os_str(),
        "--journal-head".as_ref(),
        h.as_ref(),
        "--export".as_ref(),
        out.as_os_str(),
    ]);
    assert_eq!(code, 0, "{text}");
    assert!(text.contains("everything checked holds"), "{text}");
    assert!(
        text.contains("commitments/0001.json was recorded before draws/0001.json"),
        "{text}"
    );
    assert!(text.contains("is the file frozen as"), "{text}");
    assert!(!text.contains("DIFFERS"), "{text}");

    // A score changed in the middle of the journal.
    let journal = ws.join("journal.jsonl");
    let original = std::fs::read_to_string(&journal).unwrap();
    let mut lines: Vec<String> = original.lines().map(String::from).collect();
    lines[3] = lines[3].replacen("\"pass\"", "\"fail\"", 1);
    assert_ne!(
        lines.join("\n") + "\n",
        original,
        "line 4 has a verdict to change"
    );
    std::fs::write(&journal, lines.join("\n") + "\n").unwrap();
    let (code, text) = check(&[ws.as_os_str()]);
    assert_eq!(code, 1, "{text}");
    assert!(
        text.contains("journal.jsonl line 5 does not follow line 4"),
        "{text}"
    );

    // The last lines cut off after the sheet was printed: the chain holds, the head is gone.
    let kept: Vec<&str> = original.lines().collect();
    std::fs::write(&journal, kept[..kept.len() - 3].join("\n") + "\n").unwrap();
    let (code, text) = check(&[ws.as_os_str(), "--journal-head".as_ref(), h.as_ref()]);
    assert_eq!(code, 1, "{text}");
    assert!(
        text.contains(&format!("DIFFERS  journal head {h} is in the chain")),
        "{text}"
    );
    std::fs::write(&journal, &original).unwrap();

    // A register that is not the frozen one, and an exported sheet replaced.
    let other = dir.path().join("other.csv");
    let mut bytes = std::fs::read(&register).unwrap();
    bytes.extend_from_slice("\r\n".as_bytes());
    std::fs::write(&other, bytes).unwrap();
    let sheet = std::fs::read_dir(&out)
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| p.extension().is_some_and(|e| e == "csv"))
        .unwrap();
    std::fs::write(&sheet, "改过的表\r\n").unwrap();
    let (code, text) = check(&[
        ws.as_os_str(),
        "--register".as_ref(),
        other.as_os_str(),
        "--export".as_ref(),
        out.as_os_str(),
    ]);
    assert_eq!(code, 1, "{text}");
    assert!(text.contains("DIFFERS  register"), "{text}");
    assert!(
        text.contains(&format!(
            "DIFFERS  {} matches its manifest",
            sheet.display()
        )),
        "{text}"
    );
}
