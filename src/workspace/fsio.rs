//! Durable file writes: records are written to a temporary file, fsync'ed, then linked into
//! place without ever replacing an existing record; the ledger is appended and fsync'ed.

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
    {
        let mut f = File::create(&tmp)?;
        f.write_all(bytes)?;
        f.sync_all()?;
    }
    // hard_link refuses to replace an existing file, unlike rename.
    let linked = fs::hard_link(&tmp, target);
    let _ = fs::remove_file(&tmp);
    linked?;
    sync_dir(target.parent().unwrap_or(Path::new(".")))
}

/// Copy a file durably to a new path; returns the bytes copied.
pub fn copy_new(from: &Path, target: &Path) -> io::Result<u64> {
    let tmp = temp_path(target);
    let n = fs::copy(from, &tmp)?;
    File::open(&tmp)?.sync_all()?;
    let linked = fs::hard_link(&tmp, target);
    let _ = fs::remove_file(&tmp);
    linked?;
    Ok(n)
}

/// Stream a new file through `fill`, then fsync and link it into place.
pub fn create_new_with(
    target: &Path,
    fill: &mut dyn FnMut(&mut dyn Write) -> io::Result<()>,
) -> io::Result<()> {
    let tmp = temp_path(target);
    {
        let file = File::create(&tmp)?;
        let mut w = io::BufWriter::with_capacity(1 << 20, file);
        fill(&mut w)?;
        let file = w.into_inner().map_err(|e| e.into_error())?;
        file.sync_all()?;
    }
    let linked = fs::hard_link(&tmp, target);
    let _ = fs::remove_file(&tmp);
    linked?;
    sync_dir(target.parent().unwrap_or(Path::new(".")))
}

/// Append one line and fsync before returning.
pub fn append_line(path: &Path, line: &str) -> io::Result<()> {
    let mut f = OpenOptions::new().create(true).append(true).open(path)?;
    f.write_all(line.as_bytes())?;
    f.write_all(b"\n")?;
    f.sync_all()
}
