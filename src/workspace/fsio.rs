//! Durable file writes: records are written to a temporary file, fsync'ed, then linked into
//! place without ever replacing an existing record; the ledger is appended and fsync'ed.

use crate::i18n::Lang;
use crate::tr;
use std::fs::{self, File, OpenOptions};
use std::io::{self, Write};
use std::path::{Path, PathBuf};

fn temp_path(target: &Path) -> PathBuf {
    let name = target
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    target.with_file_name(format!(".{name}.{}.tmp", std::process::id()))
}

pub fn sync_dir(dir: &Path) -> io::Result<()> {
    // Directory fsync makes the new name durable; not supported everywhere, so best effort.
    match File::open(dir) {
        Ok(d) => d.sync_all().or(Ok(())),
        Err(_) => Ok(()),
    }
}

/// Write a new file that must not exist yet. Fails with `AlreadyExists` otherwise.
pub fn create_new(target: &Path, bytes: &[u8]) -> io::Result<()> {
    let tmp = temp_path(target);
    let written = (|| {
        let mut f = File::create(&tmp)?;
        f.write_all(bytes)?;
        f.sync_all()
    })();
    link_new(&tmp, target, written)?;
    sync_dir(target.parent().unwrap_or(Path::new(".")))
}

/// Link a fully written temporary file to `target` (never over an existing file) and remove the
/// temporary name, whether or not writing it succeeded: a failed write (disk full, read-only)
/// leaves no temporary file behind.
fn link_new(tmp: &Path, target: &Path, written: io::Result<()>) -> io::Result<()> {
    let linked = written.and_then(|()| fs::hard_link(tmp, target));
    let _ = fs::remove_file(tmp);
    linked
}

/// Copy a file durably to a new path; returns the bytes copied.
pub fn copy_new(from: &Path, target: &Path) -> io::Result<u64> {
    let tmp = temp_path(target);
    let mut n = 0;
    let written = (|| {
        n = fs::copy(from, &tmp)?;
        File::open(&tmp)?.sync_all()
    })();
    link_new(&tmp, target, written)?;
    Ok(n)
}

/// Stream a new file through `fill`, then fsync and link it into place.
pub fn create_new_with(
    target: &Path,
    fill: &mut dyn FnMut(&mut dyn Write) -> io::Result<()>,
) -> io::Result<()> {
    let tmp = temp_path(target);
    let written = (|| {
        let file = File::create(&tmp)?;
        let mut w = io::BufWriter::with_capacity(1 << 20, file);
        fill(&mut w)?;
        let file = w.into_inner().map_err(|e| e.into_error())?;
        file.sync_all()
    })();
    link_new(&tmp, target, written)?;
    sync_dir(target.parent().unwrap_or(Path::new(".")))
}

/// Append one line (with its `\n`, in one write) and fsync before returning. If the disk
/// refuses any part of it, the file is cut back to its old length: never a partial line.
pub fn append_line(path: &Path, line: &str) -> io::Result<()> {
    let mut f = OpenOptions::new().create(true).append(true).open(path)?;
    let old_len = f.metadata()?.len();
    let mut buf = Vec::with_capacity(line.len() + 1);
    buf.extend_from_slice(line.as_bytes());
    buf.push(b'\n');
    let written = f.write_all(&buf).and_then(|()| f.sync_all());
    if written.is_err() {
        let _ = f.set_len(old_len);
        let _ = f.sync_all();
    }
    written
}

/// What the storage refused a write for, when it is one a user can act on.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Fault {
    /// No space left (or the quota is used up).
    Full,
    /// The file system is mounted read-only.
    ReadOnly,
}

impl Fault {
    pub fn of(e: &io::Error) -> Option<Fault> {
        match e.kind() {
            io::ErrorKind::StorageFull | io::ErrorKind::QuotaExceeded => Some(Fault::Full),
            io::ErrorKind::ReadOnlyFilesystem => Some(Fault::ReadOnly),
            _ => None,
        }
    }

    /// What happened, naming the file: "the disk is full: …", "the folder of … is read-only".
    pub fn what(self, lang: Lang, path: &str) -> String {
        match self {
            Fault::Full => tr!(
                lang,
                "磁盘已满：{path} 所在的磁盘没有剩余空间",
                "the disk is full: there is no space left for {path}"
            ),
            Fault::ReadOnly => tr!(
                lang,
                "{path} 所在的文件夹是只读的（只读挂载的磁盘、光盘或受保护的文件夹），无法写入",
                "the folder of {path} is read-only (a read-only mount, a disc or a protected folder): it cannot be written"
            ),
        }
    }

    /// The same for a file of the campaign workspace: "the workspace is read-only: …".
    pub fn what_in_workspace(self, lang: Lang, path: &str) -> String {
        match self {
            Fault::Full => self.what(lang, path),
            Fault::ReadOnly => tr!(
                lang,
                "工作区是只读的：无法写入 {path}（只读挂载的磁盘、光盘或受保护的文件夹）",
                "the workspace is read-only: {path} cannot be written (a read-only mount, a disc or a protected folder)"
            ),
        }
    }

    /// What to do about it.
    pub fn todo(self, lang: Lang) -> String {
        match self {
            Fault::Full => tr!(
                lang,
                "请腾出磁盘空间后重试",
                "free some disk space, then try again"
            ),
            Fault::ReadOnly => tr!(
                lang,
                "请把文件夹复制到可写的位置（或以可写方式重新挂载）后在那里重试",
                "copy the folder to a writable place (or mount it writable), then try again there"
            ),
        }
    }
}

/// Real storage faults for unit tests: the test runs itself again (this test binary, this one
/// test) under `unshare -rm`, in a mount namespace of its own where a small tmpfs really
/// returns "no space left" and a bind mount is really read-only (chmod does not stop root).
#[cfg(test)]
pub(crate) mod faulty {
    use std::path::Path;
    use std::process::Command;

    const CHILD: &str = "ANJUAN_FAULT_DIR";

    /// Whether this machine lets a test mount a tmpfs in a namespace of its own. Without it
    /// the test fails when `CI` is set (CI must run these) and is skipped with a notice otherwise.
    fn available() -> bool {
        let probe = Command::new("unshare")
            .args(["-rm", "sh", "-c"])
            .arg("d=$(mktemp -d) && mount -t tmpfs -o size=64k tmpfs \"$d\" && umount \"$d\"; s=$?; rmdir \"$d\"; exit $s")
            .output();
        let ok = probe.as_ref().is_ok_and(|o| o.status.success());
        if !ok {
            let why = match &probe {
                Ok(o) => String::from_utf8_lossy(&o.stderr).into_owned(),
                Err(e) => e.to_string(),
            };
            assert!(
                std::env::var_os("CI").is_none(),
                "fault injection needs `unshare -rm` and tmpfs mounts, which CI must allow: {why}"
            );
            eprintln!("skipped: fault injection needs `unshare -rm` and tmpfs mounts ({why})");
        }
        ok
    }

    /// Run `body` with an empty folder on a 1 MiB tmpfs of its own. `test` is the test's full
    /// name (`module::tests::name`): the child runs exactly that test.
    pub fn run(test: &str, body: impl FnOnce(&Path)) {
        if let Some(dir) = std::env::var_os(CHILD) {
            body(Path::new(&dir));
            return;
        }
        if !available() {
            return;
        }
        let tmp = tempfile::tempdir().unwrap();
        let exe = std::env::current_exe().unwrap();
        let out = Command::new("unshare")
            .args(["-rm", "sh", "-c"])
            .arg(r#"mount -t tmpfs -o size=1m tmpfs "$ANJUAN_FAULT_DIR" || exit 97; exec "$@""#)
            .arg("sh")
            .arg(&exe)
            .args(["--exact", test, "--nocapture", "--test-threads=1"])
            .env(CHILD, tmp.path())
            .output()
            .unwrap();
        let stdout = String::from_utf8_lossy(&out.stdout);
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(
            out.status.success() && stdout.contains("test result: ok. 1 passed"),
            "{test} in its own file system: {}\n{stdout}\n{stderr}",
            out.status
        );
    }

    /// Fill the file system holding `dir` up to its last page.
    pub fn fill(dir: &Path) {
        use std::io::Write;
        let mut f = std::fs::File::create(dir.join(".filler")).unwrap();
        let chunk = vec![0u8; 4096];
        while f.write_all(&chunk).is_ok() {}
        let e = f.write_all(&chunk).unwrap_err();
        assert_eq!(super::Fault::of(&e), Some(super::Fault::Full), "{e}");
    }

    /// Make `dir` a read-only mount of itself.
    pub fn read_only(dir: &Path) {
        let d = dir.as_os_str();
        for args in [
            vec!["--bind".as_ref(), d, d],
            vec!["-o".as_ref(), "remount,bind,ro".as_ref(), d],
        ] {
            let st = Command::new("mount").args(args).status().unwrap();
            assert!(st.success());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::faulty;
    use super::*;

    fn listing(dir: &Path) -> Vec<String> {
        let mut names: Vec<String> = fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        names
    }

    #[test]
    fn dev_full_is_a_full_disk() {
        let e = append_line(Path::new("/dev/full"), "x").unwrap_err();
        assert_eq!(Fault::of(&e), Some(Fault::Full), "{e}");
        assert!(Fault::Full.what(Lang::En, "a/b").contains("a/b"));
    }

    /// A record the full disk refuses is not there at all, under its name or a temporary one.
    #[test]
    fn new_files_on_a_full_disk_leave_nothing() {
        faulty::run(
            "workspace::fsio::tests::new_files_on_a_full_disk_leave_nothing",
            |dir| {
                fs::write(dir.join("source"), vec![b'x'; 20_000]).unwrap();
                faulty::fill(dir);
                let before = listing(dir);
                let big = vec![b'y'; 20_000];
                for result in [
                    create_new(&dir.join("a.json"), &big),
                    copy_new(&dir.join("source"), &dir.join("b.csv")).map(|_| ()),
                    create_new_with(&dir.join("c.tsv"), &mut |w| w.write_all(&big)),
                ] {
                    let e = result.unwrap_err();
                    assert_eq!(Fault::of(&e), Some(Fault::Full), "{e}");
                }
                assert_eq!(listing(dir), before, "no file and no temporary file");
            },
        );
    }

    #[test]
    fn new_files_in_a_read_only_folder_leave_nothing() {
        faulty::run(
            "workspace::fsio::tests::new_files_in_a_read_only_folder_leave_nothing",
            |dir| {
                fs::write(dir.join("ledger.jsonl"), "{}\n").unwrap();
                faulty::read_only(dir);
                let before = listing(dir);
                let e = create_new(&dir.join("a.json"), b"{}").unwrap_err();
                assert_eq!(Fault::of(&e), Some(Fault::ReadOnly), "{e}");
                let e = append_line(&dir.join("ledger.jsonl"), "{}").unwrap_err();
                assert_eq!(Fault::of(&e), Some(Fault::ReadOnly), "{e}");
                assert_eq!(listing(dir), before);
                assert_eq!(fs::read(dir.join("ledger.jsonl")).unwrap(), b"{}\n");
            },
        );
    }

    /// The disk takes the first part of a line (what fits in the file's last page) and refuses
    /// the rest: the file is cut back to the old length, not left with half a line.
    #[test]
    fn a_line_the_disk_refuses_half_of_is_cut_back() {
        faulty::run(
            "workspace::fsio::tests::a_line_the_disk_refuses_half_of_is_cut_back",
            |dir| {
                let path = dir.join("ledger.jsonl");
                fs::write(&path, "{\"seq\":1}\n").unwrap();
                faulty::fill(dir);
                let before = fs::read(&path).unwrap();
                let long = format!("{{\"seq\":2,\"file\":\"{}\"}}", "x".repeat(10_000));
                let e = append_line(&path, &long).unwrap_err();
                assert_eq!(Fault::of(&e), Some(Fault::Full), "{e}");
                let after = fs::read(&path).unwrap();
                assert!(
                    after == before,
                    "the file is {} bytes, was {}: a partial line was left",
                    after.len(),
                    before.len()
                );
                // Once there is room, the same line goes in whole.
                fs::remove_file(dir.join(".filler")).unwrap();
                append_line(&path, &long).unwrap();
                assert_eq!(
                    fs::read_to_string(&path).unwrap(),
                    format!("{{\"seq\":1}}\n{long}\n")
                );
            },
        );
    }
}
