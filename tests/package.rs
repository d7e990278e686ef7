//! What the Debian package installs besides the binary: the man pages, the shell completions and
//! the blank templates in packaging/ are what this binary writes (tools/packaging.sh regenerates
//! them; `ANJUAN_UPDATE_PACKAGING=1 cargo test --test package` does the same), the pages render
//! with man, the bash completion loads, and `--version` names every pinned method. The package
//! itself is built and installed by .ci/run (`cargo deb`, `dpkg -i`).

mod common;

use std::collections::BTreeMap;
use std::path::Path;
use std::process::Command;

fn files(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    std::fs::read_dir(dir)
        .unwrap()
        .map(|e| {
            let e = e.unwrap();
            (
                e.file_name().to_string_lossy().to_string(),
                std::fs::read(e.path()).unwrap(),
            )
        })
        .collect()
}

/// What the binary writes now, into `dir/{man,completions,templates}`.
fn generate(dir: &Path) {
    common::anjuan()
        .arg("manual")
        .arg("--out")
        .arg(dir.join("man"))
        .assert()
        .success();
    std::fs::create_dir_all(dir.join("completions")).unwrap();
    for (shell, name) in [
        ("bash", "anjuan.bash"),
        ("zsh", "_anjuan"),
        ("fish", "anjuan.fish"),
    ] {
        let out = common::anjuan()
            .args(["completions", shell])
            .output()
            .unwrap();
        assert!(out.status.success());
        std::fs::write(dir.join("completions").join(name), out.stdout).unwrap();
    }
    std::fs::create_dir_all(dir.join("templates")).unwrap();
    for (kind, name) in [
        ("register", "案卷目录模板.xlsx"),
        ("roster", "评查人员名单模板.xlsx"),
    ] {
        common::anjuan()
            .args(["template", kind, "--out"])
            .arg(dir.join("templates").join(name))
            .assert()
            .success();
    }
}

#[test]
fn packaging_is_what_the_binary_writes() {
    let tmp = tempfile::tempdir().unwrap();
    generate(tmp.path());
    let repo = common::repo("packaging");
    for part in ["man", "completions", "templates"] {
        let now = files(&tmp.path().join(part));
        if std::env::var_os("ANJUAN_UPDATE_PACKAGING").is_some() {
            let dir = repo.join(part);
            let _ = std::fs::remove_dir_all(&dir);
            std::fs::create_dir_all(&dir).unwrap();
            for (name, bytes) in &now {
                std::fs::write(dir.join(name), bytes).unwrap();
            }
            continue;
        }
        let stored = files(&repo.join(part));
        assert_eq!(
            stored.keys().collect::<Vec<_>>(),
            now.keys().collect::<Vec<_>>(),
            "packaging/{part} is not what the binary writes: run bash tools/packaging.sh"
        );
        for (name, bytes) in &now {
            assert!(
                &stored[name] == bytes,
                "packaging/{part}/{name} is out of date: run bash tools/packaging.sh"
            );
        }
    }
}

#[test]
fn every_command_has_a_page_that_man_renders() {
    let tmp = tempfile::tempdir().unwrap();
    generate(tmp.path());
    let man = tmp.path().join("man");
    let pages = files(&man);
    for cmd in [
        "anjuan",
        "anjuan-init",
        "anjuan-commit",
        "anjuan-draw",
        "anjuan-verify",
        "anjuan-review-set",
        "anjuan-export",
        "anjuan-rectify-close",
        "anjuan-publish",
        "anjuan-report",
        "anjuan-tui",
    ] {
        let page = String::from_utf8(pages[&format!("{cmd}.1")].clone()).unwrap();
        assert!(page.contains(".TH"), "{cmd}.1 is a man page");
    }
    let draw = String::from_utf8(pages["anjuan-draw.1"].clone()).unwrap();
    assert!(
        draw.contains("seed") && draw.contains("witness"),
        "the draw's flags"
    );
    // Rendered by man itself where it is installed.
    let rendered = Command::new("man")
        .arg("-l")
        .arg(man.join("anjuan-draw.1"))
        .env("MANPAGER", "cat")
        .env("MANWIDTH", "100")
        .output();
    match rendered {
        Ok(o) if o.status.success() => {
            let text = String::from_utf8_lossy(&o.stdout);
            assert!(
                text.contains("anjuan-draw") && text.contains("--seed"),
                "{text}"
            );
        }
        _ => eprintln!("note: man is not installed here; the page's text was checked only"),
    }
}

#[test]
fn the_bash_completion_loads_and_completes_subcommands() {
    let tmp = tempfile::tempdir().unwrap();
    generate(tmp.path());
    let script = tmp.path().join("completions/anjuan.bash");
    let out = Command::new("bash")
        .arg("-c")
        .arg(format!(
            "source '{}' && complete -p anjuan && COMP_WORDS=(anjuan pub) COMP_CWORD=1 COMP_LINE='anjuan pub' COMP_POINT=10 && _anjuan anjuan pub anjuan && printf '%s\\n' \"${{COMPREPLY[@]}}\"",
            script.display()
        ))
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(text.contains("-F _anjuan anjuan"), "{text}");
    assert!(text.lines().any(|l| l == "publish"), "{text}");
}

#[test]
fn version_names_every_pinned_method() {
    let out = common::anjuan().arg("--version").output().unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        text.starts_with(&format!("anjuan {}", env!("CARGO_PKG_VERSION"))),
        "{text}"
    );
    for (what, name) in [
        ("draw", "anjuan-draw-v1"),
        ("assignment", "anjuan-assign-v1"),
        ("journal", "anjuan-journal-v1"),
        ("re-check draw", "anjuan-recheck-v1"),
        ("public page", "anjuan-public-page-v1"),
        ("ballot check codes", "anjuan-ballot-v1"),
    ] {
        assert!(
            text.contains(&format!("{what}: {name}")),
            "{what} in {text}"
        );
    }
    // The methods the records name are the ones --version prints.
    let dir = tempfile::tempdir().unwrap();
    let ws = common::drawn_workspace(dir.path());
    let draw: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(ws.join("draws/0001.json")).unwrap())
            .unwrap();
    assert!(text.contains(&format!("draw: {}", draw["algorithm"].as_str().unwrap())));
}
