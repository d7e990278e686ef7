//! Evidence files (整改佐证材料): copied into `rectification/evidence/` under their SHA-256 before
//! the report that names them is written, so the record never names a file that is not there.
//! The same file given twice is stored once.

use super::event::Evidence;
use crate::i18n::Lang;
use crate::tr;
use crate::workspace::{fsio, ledger};
use std::path::Path;

pub const DIR: &str = "rectification/evidence";

/// Largest evidence file taken (scans and photos; a whole video is not evidence of a form).
pub const MAX_BYTES: u64 = 200 * 1024 * 1024;

/// Copy `from` into the workspace; returns how the report records it.
pub fn store(ws: &Path, from: &Path, lang: Lang) -> Result<Evidence, String> {
    let shown = from.display().to_string();
    let meta = std::fs::metadata(from).map_err(|e| {
        tr!(
            lang,
            "无法读取佐证材料 {shown}：{e}。请检查文件路径",
            "cannot read the evidence file {shown}: {e}. Check the path"
        )
    })?;
    if !meta.is_file() {
        return Err(tr!(
            lang,
            "佐证材料 {shown} 不是普通文件：请给出文件，而非文件夹",
            "the evidence {shown} is not a regular file: give a file, not a folder"
        ));
    }
    if meta.len() > MAX_BYTES {
        let mb = MAX_BYTES / 1024 / 1024;
        return Err(tr!(
            lang,
            "佐证材料 {shown} 超过 {mb} MB：请压缩或拆分后再报送",
            "the evidence file {shown} is larger than {mb} MB: compress or split it"
        ));
    }
    let bytes = std::fs::read(from).map_err(|e| {
        tr!(
            lang,
            "无法读取佐证材料 {shown}：{e}",
            "cannot read the evidence file {shown}: {e}"
        )
    })?;
    let sha256 = ledger::sha256_hex(&bytes);
    let name = from
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "evidence".into());
    // The stored name: the digest and a short, plain extension, never the user's name (which
    // may hold anything a file system or a later reader trips on).
    let ext: String = Path::new(&name)
        .extension()
        .map(|e| e.to_string_lossy().to_ascii_lowercase())
        .filter(|e| e.len() <= 8 && e.bytes().all(|b| b.is_ascii_alphanumeric()))
        .map(|e| format!(".{e}"))
        .unwrap_or_default();
    let file = format!("{DIR}/{sha256}{ext}");
    let target = ws.join(&file);
    let dir = ws.join(DIR);
    std::fs::create_dir_all(&dir).map_err(|e| write_error(lang, &dir, &e))?;
    match fsio::create_new(&target, &bytes) {
        Ok(()) => {}
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
            // Stored before: it must still be the same bytes.
            let have = std::fs::read(&target).map_err(|e| write_error(lang, &target, &e))?;
            if ledger::sha256_hex(&have) != sha256 {
                return Err(tr!(
                    lang,
                    "工作区中的佐证材料 {file} 已被改动：请用 anjuan verify 检查",
                    "the evidence copy {file} in the workspace was altered: run anjuan verify"
                ));
            }
        }
        Err(e) => return Err(write_error(lang, &target, &e)),
    }
    Ok(Evidence { name, file, sha256 })
}

fn write_error(lang: Lang, path: &Path, e: &std::io::Error) -> String {
    let shown = path.display().to_string();
    match fsio::Fault::of(e) {
        Some(f) => format!("{}。{}", f.what_in_workspace(lang, &shown), f.todo(lang)),
        None => tr!(
            lang,
            "无法把佐证材料写入 {shown}：{e}。本次报告未保存",
            "could not store the evidence at {shown}: {e}. The report was not saved"
        ),
    }
}

/// Whether a stored evidence file is there with its recorded digest.
pub fn check(ws: &Path, e: &Evidence) -> Result<(), String> {
    if e.file.contains("..") || !e.file.starts_with(DIR) {
        return Err(format!("{}: not inside {DIR}", e.file));
    }
    let bytes = std::fs::read(ws.join(&e.file)).map_err(|err| format!("{}: {err}", e.file))?;
    if ledger::sha256_hex(&bytes) != e.sha256 {
        return Err(format!("{}: SHA-256 differs from the record", e.file));
    }
    Ok(())
}
