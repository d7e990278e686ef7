//! Names that come from files (campaign.json, the ledger, an export manifest, a reviewer's
//! package) are joined to their folder only if they stay inside it, and what they name is read
//! only if it is a regular file. A copied or hostile workspace could otherwise name
//! `../../etc/passwd`, an absolute path, or a symbolic link to a device that never ends.

use std::io;
use std::path::{Component, Path, PathBuf};

/// A file anjuan reads from a workspace is never larger than this (journals of 100 000 events
/// are about 40 MiB; registers are read through their own bounded readers).
pub const MAX_RECORD_FILE: u64 = 1 << 30;

fn refuse(what: String) -> io::Error {
    io::Error::new(io::ErrorKind::InvalidData, what)
}

/// `dir/name`, if `name` is a plain relative path: no root, no drive, no `..`.
pub fn join(dir: &Path, name: &str) -> io::Result<PathBuf> {
    let rel = Path::new(name);
    let plain = !name.is_empty()
        && rel
            .components()
            .all(|c| matches!(c, Component::Normal(_) | Component::CurDir));
    if !plain {
        return Err(refuse(format!(
            "记录中的文件名 {name:?} 指向文件夹之外，已拒绝；工作区可能被改动 / \
             the file name {name:?} in the record points outside its folder and was refused; \
             the workspace may have been tampered with"
        )));
    }
    Ok(dir.join(rel))
}

/// Refuse a symbolic link or anything but a regular file at `path` (not following links).
pub fn check_regular(path: &Path) -> io::Result<u64> {
    let meta = std::fs::symlink_metadata(path)?;
    let ft = meta.file_type();
    if ft.is_file() {
        return Ok(meta.len());
    }
    let shown = path.display();
    Err(refuse(if ft.is_symlink() {
        format!(
            "{shown} 是符号链接，工作区内的文件必须是普通文件 / \
             {shown} is a symbolic link; files inside a workspace must be regular files"
        )
    } else {
        format!("{shown} 不是普通文件 / {shown} is not a regular file")
    }))
}

/// Read a regular file (not a link, not a device) of at most `MAX_RECORD_FILE` bytes.
pub fn read(path: &Path) -> io::Result<Vec<u8>> {
    let len = check_regular(path)?;
    if len > MAX_RECORD_FILE {
        return Err(refuse(format!(
            "{} 大于 {} MiB / {} is larger than {} MiB",
            path.display(),
            MAX_RECORD_FILE >> 20,
            path.display(),
            MAX_RECORD_FILE >> 20
        )));
    }
    std::fs::read(path)
}

/// Read `dir/name` with both checks.
pub fn read_inside(dir: &Path, name: &str) -> io::Result<Vec<u8>> {
    read(&join(dir, name)?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_outside_the_folder_are_refused() {
        let dir = Path::new("ws");
        assert_eq!(
            join(dir, "registers/01-a.csv").unwrap(),
            dir.join("registers/01-a.csv")
        );
        for bad in ["", "../x", "registers/../../x", "/etc/passwd", "a/../../b"] {
            assert!(join(dir, bad).is_err(), "{bad}");
        }
    }

    #[cfg(unix)]
    #[test]
    fn links_and_devices_are_not_read() {
        let t = tempfile::tempdir().unwrap();
        std::fs::write(t.path().join("real"), b"x").unwrap();
        std::os::unix::fs::symlink(t.path().join("real"), t.path().join("link")).unwrap();
        std::os::unix::fs::symlink("/dev/zero", t.path().join("zero")).unwrap();
        assert_eq!(read_inside(t.path(), "real").unwrap(), b"x");
        let e = read_inside(t.path(), "link").unwrap_err().to_string();
        assert!(e.contains("symbolic link"), "{e}");
        assert!(read_inside(t.path(), "zero").is_err());
        assert!(read(Path::new("/dev/zero")).is_err());
    }
}
