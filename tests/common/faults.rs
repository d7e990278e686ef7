//! Real storage faults for the integration tests. A shell script runs under `unshare -rm` — a
//! user and mount namespace of its own, where it may mount — with a small tmpfs that really
//! answers "no space left on device" once it is full, and bind mounts that are really read-only
//! (chmod does not stop root, so permissions are no way to test this). The script copies a
//! prepared workspace in, fills the remaining space, runs the real binary, and copies what it
//! left out to a host folder for the test to inspect and `anjuan verify`.
//!
//! Without `unshare` (or where namespaces are not allowed) a test fails with a clear message
//! when `CI` is set, and otherwise prints a skip notice and passes.
#![allow(dead_code)]

use std::ffi::OsStr;
use std::path::{Path, PathBuf};
use std::process::Command;

/// Shell functions every script can use. `$FS` is the tmpfs, `$OUT` the host folder for
/// results, `$ANJUAN` the binary.
const PRELUDE: &str = r#"
set -u
fill() {
    # Up to the last page: cat stops at the first "no space left".
    cat /dev/zero > "$FS/.filler" 2>/dev/null
    avail=$(df -k --output=avail "$FS" | tail -n 1 | tr -d ' ')
    [ "$avail" = 0 ] || { echo "fill left $avail KiB free" >&2; exit 96; }
}
# Free KiB kibibytes again (the filler is cut by that much).
free_kib() {
    size=$(stat -c %s "$FS/.filler")
    truncate -s $((size - $1 * 1024)) "$FS/.filler"
}
unfill() { rm -f "$FS/.filler"; }
read_only() { mount --bind "$1" "$1" && mount -o remount,bind,ro "$1"; }
writable() { umount "$1"; }
# run NAME CMD...: stdout, stderr and exit code into $OUT/NAME.{out,err,code}
run() {
    name=$1; shift
    "$@" > "$OUT/$name.out" 2> "$OUT/$name.err"
    echo $? > "$OUT/$name.code"
}
# snap NAME DIR: a copy of DIR as $OUT/NAME
snap() { cp -a "$2" "$OUT/$1"; }
"#;

/// What a script left: the results it saved into its host folder.
pub struct Results {
    _tmp: tempfile::TempDir,
    pub out: PathBuf,
    /// The script's own output, for failure messages.
    pub log: String,
}

impl Results {
    pub fn path(&self, name: &str) -> PathBuf {
        self.out.join(name)
    }

    fn text(&self, file: &str) -> String {
        std::fs::read_to_string(self.out.join(file))
            .unwrap_or_else(|e| panic!("{file}: {e}\nscript output:\n{}", self.log))
    }

    pub fn stdout(&self, name: &str) -> String {
        self.text(&format!("{name}.out"))
    }

    pub fn stderr(&self, name: &str) -> String {
        self.text(&format!("{name}.err"))
    }

    pub fn code(&self, name: &str) -> i32 {
        self.text(&format!("{name}.code")).trim().parse().unwrap()
    }
}

/// Whether this machine can run the scripts; `false` after a skip notice (never when `CI` is set).
pub fn available() -> bool {
    let probe = Command::new("unshare")
        .args(["-rm", "sh", "-c"])
        .arg(
            r#"d=$(mktemp -d) && mount -t tmpfs -o size=64k tmpfs "$d" && mount --bind "$d" "$d" \
               && mount -o remount,bind,ro "$d" && ! touch "$d/x" 2>/dev/null; s=$?
               umount "$d" 2>/dev/null; umount "$d" 2>/dev/null; rmdir "$d"; exit $s"#,
        )
        .output();
    let ok = probe.as_ref().is_ok_and(|o| o.status.success());
    if !ok {
        let why = match &probe {
            Ok(o) => format!(
                "{}: {}",
                o.status,
                String::from_utf8_lossy(&o.stderr).trim()
            ),
            Err(e) => e.to_string(),
        };
        assert!(
            std::env::var_os("CI").is_none(),
            "the fault-injection tests need `unshare -rm` with tmpfs and bind mounts, which CI \
             must allow (run as root, or allow unprivileged user namespaces): {why}"
        );
        eprintln!("SKIPPED: fault injection needs `unshare -rm` with tmpfs mounts ({why})");
    }
    ok
}

/// The shell script that mounts a `size_kib` tmpfs at $FS and runs `body` after the prelude.
pub fn script(size_kib: u64, body: &str) -> String {
    format!("mount -t tmpfs -o size={size_kib}k tmpfs \"$FS\" || exit 97\n{PRELUDE}\n{body}")
}

/// A host folder for a script: `fs` (where $FS is mounted) and `out` (its $OUT).
pub fn folders() -> tempfile::TempDir {
    let tmp = tempfile::tempdir().unwrap();
    std::fs::create_dir(tmp.path().join("fs")).unwrap();
    std::fs::create_dir(tmp.path().join("out")).unwrap();
    tmp
}

/// The environment a script expects, for the folders made by `folders`.
pub fn script_env(tmp: &Path) -> [(&'static str, PathBuf); 3] {
    [
        ("FS", tmp.join("fs")),
        ("OUT", tmp.join("out")),
        ("ANJUAN", assert_cmd::cargo::cargo_bin("anjuan")),
    ]
}

/// The command that runs `body` under `unshare -rm` on a `size_kib` tmpfs.
pub fn command(size_kib: u64, body: &str) -> (Command, tempfile::TempDir) {
    let tmp = folders();
    let mut cmd = Command::new("unshare");
    cmd.args(["-rm", "sh", "-c"]).arg(script(size_kib, body));
    for (k, v) in script_env(tmp.path()) {
        cmd.env(k, v);
    }
    (cmd, tmp)
}

/// The results a script left in the folders made by `folders`.
pub fn results(tmp: tempfile::TempDir, log: String) -> Results {
    Results {
        out: tmp.path().join("out"),
        _tmp: tmp,
        log,
    }
}

/// Run `script` on a `size_kib` tmpfs, with `env` set; `None` if the machine cannot (see
/// `available`). Panics with the script's output if it exits non-zero itself.
pub fn run(size_kib: u64, env: &[(&str, &OsStr)], script: &str) -> Option<Results> {
    if !available() {
        return None;
    }
    let (mut cmd, tmp) = command(size_kib, script);
    for (k, v) in env {
        cmd.env(k, v);
    }
    let o = cmd.output().unwrap();
    let log = format!(
        "{}\n{}",
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr)
    );
    assert!(
        o.status.success(),
        "the script failed ({}):\n{log}",
        o.status
    );
    Some(results(tmp, log))
}

/// Every file under `dir` (relative path → bytes), to compare two states of a folder.
pub fn tree(dir: &Path) -> std::collections::BTreeMap<String, Vec<u8>> {
    fn walk(base: &Path, dir: &Path, out: &mut std::collections::BTreeMap<String, Vec<u8>>) {
        let mut entries: Vec<_> = std::fs::read_dir(dir)
            .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
            .map(|e| e.unwrap().path())
            .collect();
        entries.sort();
        for p in entries {
            let rel = p.strip_prefix(base).unwrap().to_string_lossy().into_owned();
            if p.is_dir() {
                out.insert(format!("{rel}/"), Vec::new());
                walk(base, &p, out);
            } else {
                out.insert(rel, std::fs::read(&p).unwrap());
            }
        }
    }
    let mut out = std::collections::BTreeMap::new();
    walk(dir, dir, &mut out);
    out
}

/// The names in `a` and `b` that differ (missing on one side, or other bytes).
pub fn differences(
    a: &std::collections::BTreeMap<String, Vec<u8>>,
    b: &std::collections::BTreeMap<String, Vec<u8>>,
) -> Vec<String> {
    let mut names: Vec<&String> = a.keys().chain(b.keys()).collect();
    names.sort();
    names.dedup();
    names
        .into_iter()
        .filter(|n| a.get(*n) != b.get(*n))
        .cloned()
        .collect()
}
