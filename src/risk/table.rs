//! A small table the office supplies (the 裁量基准, the time limits), read with the register
//! reader so CSV in any supported encoding and XLSX/XLS/ODS all work: the first non-blank row is
//! the header, blank rows are skipped, and every row keeps the number the spreadsheet shows.

use super::TableProblem;
use crate::register::columns::normalise;
use crate::register::reader::{self, ReadOptions, RecordSink};
use crate::register::record::Record;
use std::path::Path;

/// At most this many rows are read: a benchmark table has hundreds, not millions.
const MAX_ROWS: usize = 100_000;

pub(super) struct SmallTable {
    pub file: String,
    pub sha256: String,
    pub headers: Vec<String>,
    /// (row number, cells)
    pub rows: Vec<(u64, Vec<String>)>,
}

struct Collect {
    header: Option<Vec<String>>,
    rows: Vec<(u64, Vec<String>)>,
    too_many: bool,
}

impl RecordSink for Collect {
    fn record(&mut self, rec: &Record) -> bool {
        let cells: Vec<String> = (0..rec.len())
            .map(|i| rec.text(i).trim().to_string())
            .collect();
        if cells.iter().all(String::is_empty) {
            return true;
        }
        if self.header.is_none() {
            self.header = Some(cells);
        } else if self.rows.len() >= MAX_ROWS {
            self.too_many = true;
            return false;
        } else {
            self.rows.push((rec.row, cells));
        }
        true
    }

    fn restart(&mut self) {
        self.header = None;
        self.rows.clear();
    }
}

impl SmallTable {
    pub fn read(path: &Path) -> Result<SmallTable, TableProblem> {
        let file = path.display().to_string();
        let problem = |zh: String, en: String| TableProblem {
            file: file.clone(),
            row: None,
            column: None,
            zh,
            en,
        };
        let mut sink = Collect {
            header: None,
            rows: Vec::new(),
            too_many: false,
        };
        let scanned = reader::read_any(path, &ReadOptions::default(), &mut sink).map_err(|e| {
            let kind = crate::register::import::read_problem(e);
            problem(
                kind.render(crate::i18n::Lang::Zh),
                kind.render(crate::i18n::Lang::En),
            )
        })?;
        if let Some((row, _)) = scanned.bad.first() {
            return Err(TableProblem {
                row: Some(*row),
                ..problem(
                    "含有无法按其编码解读的字节。请另存为 UTF-8 或 GBK 的 CSV".into(),
                    "holds bytes its encoding cannot decode. Save it as UTF-8 or GBK CSV".into(),
                )
            });
        }
        if sink.too_many {
            return Err(problem(
                format!("超过 {MAX_ROWS} 行，不像一张表"),
                format!("more than {MAX_ROWS} rows; not a table of this kind"),
            ));
        }
        let Some(headers) = sink.header else {
            return Err(problem("文件为空".into(), "the file is empty".into()));
        };
        Ok(SmallTable {
            file,
            sha256: scanned.sha256,
            headers,
            rows: sink.rows,
        })
    }

    /// The column whose header is one of `aliases` (compared after `normalise`).
    pub fn column(&self, aliases: &[&str]) -> Option<usize> {
        self.headers.iter().position(|h| {
            let n = normalise(h);
            aliases.iter().any(|a| normalise(a) == n)
        })
    }

    pub fn problem(
        &self,
        row: Option<u64>,
        col: Option<usize>,
        zh: String,
        en: String,
    ) -> TableProblem {
        TableProblem {
            file: self.file.clone(),
            row,
            column: col.map(|c| self.headers.get(c).cloned().unwrap_or_default()),
            zh,
            en,
        }
    }
}

/// A cell of a row, empty when the row is short.
pub(super) fn cell(cells: &[String], col: Option<usize>) -> &str {
    col.and_then(|c| cells.get(c)).map_or("", String::as_str)
}
