//! Stage 5: what leaves the room — printable sheets as XLSX and CSV, and letters as DOCX. Every
//! sheet is a `Table` (title, header lines, column headers, rows, signature lines, and the audit
//! footer with the digests that tie it to the record); `xlsx` and `csv` turn a table into a file,
//! `docx` turns a `docx::Document` (or any table, `docx::from_table`) into a Word file with
//! deterministic bytes, and files are written atomically (temporary file, fsync, rename). Values
//! that came from registers or findings are neutralised so no spreadsheet runs them as formulas,
//! and escaped so they cannot add markup to a DOCX.
//!
//! Sheets: the witness sheet of the draw (`witness`), the pull list (`pull_list`), per-file
//! result sheets (`result_sheet`), the agency summary (`summary`) with its charts (`charts`), drawn
//! from the campaign's figures (`figures`), and the campaign forms
//! (`forms`), the rectification sheets (`rectification`) and the agency's rectification sheet
//! to fill in (`agency_sheet`); `bundle` writes them all with a manifest and `verify` checks an
//! export folder. Letters: the 评查意见书 to one agency (`feedback`), laid out from plain data,
//! gathered from the record by `letters`, written as DOCX (`docx`) and XLSX. The 民主评议: the
//! numbered ballots and the tally sheet (`ballot_sheets`), the 测评结果 sheets (`ballot_results`).

pub mod agency_sheet;
pub mod ballot_results;
pub mod ballot_sheets;
pub mod bundle;
pub mod charts;
pub mod csv;
pub mod docx;
mod docx_chart;
pub mod feedback;
pub mod figures;
mod findings;
pub mod forms;
pub mod invitations;
pub mod letters;
pub mod pull_list;
pub mod rectification;
pub mod result_sheet;
pub mod summary;
pub mod verify;
pub mod witness;
pub mod xlsx;

use std::io::Write;
use std::path::{Path, PathBuf};

/// A printable sheet.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Table {
    /// File stem and sheet name, e.g. `抽样记录表`.
    pub name: String,
    pub title: String,
    /// Lines under the title (campaign, digests, …), printed across the page.
    pub preamble: Vec<String>,
    pub columns: Vec<Column>,
    pub rows: Vec<Vec<String>>,
    /// Signature lines under the table, e.g. `见证人（签字）：________  日期：________`.
    pub signatures: Vec<String>,
    /// The audit line printed in every page's footer (kept under Excel's 255-character limit).
    pub footer: String,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Column {
    pub header: String,
    /// Width in characters of the printed column (a Chinese character counts 2).
    pub width: f64,
}

/// Columns from (header, width) pairs.
pub fn column_list(spec: &[(&str, f64)]) -> Vec<Column> {
    spec.iter()
        .map(|(header, width)| Column {
            header: header.to_string(),
            width: *width,
        })
        .collect()
}

/// Cells beginning with these are formulas (or DDE) to a spreadsheet.
const FORMULA_START: [char; 6] = ['=', '+', '-', '@', '\t', '\r'];

/// Make a value safe to put in a spreadsheet cell: a leading `'` keeps a would-be formula text.
pub fn neutralize(value: &str) -> String {
    match value.chars().next() {
        Some(c) if FORMULA_START.contains(&c) => format!("'{value}"),
        _ => value.to_string(),
    }
}

#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    #[error("{path}: {source}")]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("{0}")]
    Xlsx(String),
    #[error("{0}")]
    Docx(String),
    #[error("{0}")]
    Workspace(String),
}

impl ExportError {
    pub fn render(&self, lang: crate::i18n::Lang) -> String {
        use crate::tr;
        match self {
            ExportError::Io { path, source } => {
                let p = path.display();
                if let Some(fault) = crate::workspace::fsio::Fault::of(source) {
                    let (what, todo) = (fault.what(lang, &p.to_string()), fault.todo(lang));
                    return tr!(
                        lang,
                        "{what}（{source}）。导出没有完成：导出文件夹中没有留下不完整的文件，此前导出的文件未被改动。{todo}（也可以用 --out 导出到别处）",
                        "{what} ({source}). The export was not made: no incomplete file was left in the export folder, and the files of an earlier export there are unchanged. To export, {todo} (or export elsewhere with --out)"
                    );
                }
                tr!(
                    lang,
                    "无法写入 {p}（{source}）。如果该文件正在 Excel/WPS 中打开，请先关闭再导出；已有文件未被改动",
                    "cannot write {p} ({source}). If the file is open in Excel or WPS, close it and export again; the existing file was not changed"
                )
            }
            ExportError::Xlsx(e) => {
                tr!(lang, "生成 XLSX 失败：{e}", "could not build the XLSX: {e}")
            }
            ExportError::Docx(e) => {
                tr!(lang, "生成 DOCX 失败：{e}", "could not build the DOCX: {e}")
            }
            ExportError::Workspace(e) => e.clone(),
        }
    }
}

/// Write `bytes` to `target` so that it is either the old file or the whole new one: a
/// temporary file in the same folder, fsync'ed, then renamed over the target.
pub fn write_atomic(target: &Path, bytes: &[u8]) -> Result<(), ExportError> {
    let err = |source| ExportError::Io {
        path: target.to_path_buf(),
        source,
    };
    let dir = target.parent().unwrap_or(Path::new("."));
    let name = target
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let tmp = dir.join(format!(".{name}.{}.tmp", std::process::id()));
    let result = (|| {
        let mut f = std::fs::File::create(&tmp)?;
        f.write_all(bytes)?;
        f.sync_all()?;
        std::fs::rename(&tmp, target)?;
        crate::workspace::fsio::sync_dir(dir)
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    result.map_err(err)
}

/// A file written by an export, as the manifest lists it.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Written {
    pub file: String,
    pub sha256: String,
    pub bytes: u64,
}

/// Write one document — its sheets as `STEM.xlsx` and `STEM.csv` — into `out`.
pub fn write_document(
    stem: &str,
    tables: &[Table],
    out: &Path,
) -> Result<Vec<Written>, ExportError> {
    write_files(
        out,
        [
            (format!("{stem}.xlsx"), xlsx::workbook(tables)?),
            (format!("{stem}.csv"), csv::document(tables)),
        ],
    )
}

/// Write each (file name, bytes) into `out` atomically, in order, and list them as the manifest
/// does.
pub fn write_files(
    out: &Path,
    files: impl IntoIterator<Item = (String, Vec<u8>)>,
) -> Result<Vec<Written>, ExportError> {
    std::fs::create_dir_all(out).map_err(|source| ExportError::Io {
        path: out.to_path_buf(),
        source,
    })?;
    let mut written = Vec::new();
    for (file, bytes) in files {
        write_atomic(&out.join(&file), &bytes)?;
        written.push(Written {
            file,
            sha256: crate::workspace::ledger::sha256_hex(&bytes),
            bytes: bytes.len() as u64,
        });
    }
    Ok(written)
}

/// Write one table as its own document, named by the table.
pub fn write_table(table: &Table, out: &Path) -> Result<Vec<Written>, ExportError> {
    write_document(&table.name, std::slice::from_ref(table), out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formulas_are_neutralized() {
        for bad in [
            "=1+1",
            "+1",
            "-2",
            "@SUM(A1)",
            "\tx",
            "\rx",
            "=HYPERLINK(\"http://x\")",
        ] {
            assert!(neutralize(bad).starts_with('\''), "{bad:?}");
        }
        assert_eq!(neutralize("攸交罚〔2023〕52号"), "攸交罚〔2023〕52号");
        assert_eq!(neutralize(""), "");
    }

    #[test]
    fn atomic_write_replaces_whole_files_only() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("a.csv");
        write_atomic(&p, b"one").unwrap();
        write_atomic(&p, b"two").unwrap();
        assert_eq!(std::fs::read(&p).unwrap(), b"two");
        assert_eq!(
            std::fs::read_dir(dir.path()).unwrap().count(),
            1,
            "no temporary file left"
        );
        let missing = dir.path().join("no-such-dir").join("b.csv");
        assert!(write_atomic(&missing, b"x").is_err());
    }
}
