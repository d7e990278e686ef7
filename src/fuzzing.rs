//! Entry points for the fuzz targets in `fuzz/` and for `tests/fuzz_corpus.rs`, which replays
//! their seed corpora and every crash ever found. Each takes arbitrary bytes and must return
//! without panicking; each also checks what must hold of whatever it produced.

use crate::i18n::Lang;
use crate::register::encoding::TextEncoding;
use crate::register::import::{import, ImportSettings, RegisterFile};
use std::path::{Path, PathBuf};

/// A file in a scratch folder of this process and thread (the readers take paths, as users give
/// them; the corpus replay runs targets on several threads).
fn scratch(name: &str) -> PathBuf {
    let thread = format!("{:?}", std::thread::current().id());
    let thread: String = thread.chars().filter(char::is_ascii_digit).collect();
    let dir = std::env::temp_dir().join(format!("anjuan-fuzz-{}-{thread}", std::process::id()));
    let _ = std::fs::create_dir_all(&dir);
    dir.join(name)
}

/// Import `bytes` as a register file with extension `ext` ("csv" or "xlsx"), detected and as GBK.
pub fn register(bytes: &[u8], ext: &str) {
    let path = scratch(&format!("register.{ext}"));
    if std::fs::write(&path, bytes).is_err() {
        return;
    }
    let files = [RegisterFile {
        path: path.clone(),
        agency: None,
        ..Default::default()
    }];
    for encoding in [None, Some(TextEncoding::Gbk)] {
        let settings = ImportSettings {
            encoding,
            ..ImportSettings::default()
        };
        match import(&files, &settings, None, true) {
            Ok(imported) => {
                assert!(
                    !imported.population.is_empty(),
                    "an empty population was accepted"
                );
                assert_eq!(imported.cases.len() as u64, imported.population.len());
                assert_eq!(imported.sources.len(), 1);
                for case in &imported.cases {
                    assert!(!case.id.is_empty());
                    assert!(!case.id.chars().any(|c| c.is_control()));
                }
            }
            Err(problems) => {
                assert!(!problems.is_empty(), "refused without a reason");
                for p in &problems {
                    assert!(!p.render(Lang::Zh).is_empty());
                    assert!(!p.render(Lang::En).is_empty());
                }
            }
        }
    }
}

/// Read `bytes` as delimited text the ways a user may ask for: detected, each delimiter forced,
/// and as UTF-16 in both byte orders (with and without the BOM the bytes may or may not have).
/// Rows must come in order and the delimiter reported must be one of the candidates.
pub fn text(bytes: &[u8]) {
    use crate::register::delimiter::{detect, CANDIDATES};
    use crate::register::reader::ReadOptions;
    register(bytes, "csv");
    let path = scratch("text.txt");
    if std::fs::write(&path, bytes).is_err() {
        return;
    }
    if let Ok(s) = std::str::from_utf8(bytes) {
        assert!(CANDIDATES.contains(&detect(s)));
    }
    let encodings = [
        None,
        Some(TextEncoding::Utf16Le),
        Some(TextEncoding::Utf16Be),
    ];
    for encoding in encodings {
        for delimiter in [None, Some(b';'), Some(b'\t')] {
            let opts = ReadOptions {
                encoding,
                delimiter,
                ..ReadOptions::default()
            };
            let mut rows = RowOrder::default();
            if let Ok(scanned) = crate::register::reader::read_any(&path, &opts, &mut rows) {
                let d = scanned.delimiter.unwrap_or(b',');
                assert!(delimiter.map_or(CANDIDATES.contains(&d), |want| want == d));
                assert_eq!(scanned.bytes, bytes.len() as u64);
            }
        }
    }
}

/// Read `bytes` as an .xls and as an .ods workbook, every sheet, then import them.
pub fn workbook(bytes: &[u8]) {
    use crate::register::reader::{ReadOptions, SheetChoice};
    for ext in ["xls", "ods"] {
        let path = scratch(&format!("workbook.{ext}"));
        if std::fs::write(&path, bytes).is_err() {
            return;
        }
        let opts = ReadOptions {
            sheets: SheetChoice::All,
            ..ReadOptions::default()
        };
        let mut rows = RowOrder::default();
        let _ = crate::register::reader::read_any(&path, &opts, &mut rows);
        register(bytes, ext);
    }
}

/// Checks that rows come in order within each sheet and that merges are well formed.
#[derive(Default)]
struct RowOrder {
    last: u64,
}

impl crate::register::reader::RecordSink for RowOrder {
    fn record(&mut self, rec: &crate::register::record::Record) -> bool {
        assert!(
            rec.row > self.last,
            "row {} after row {}",
            rec.row,
            self.last
        );
        self.last = rec.row;
        for i in 0..rec.len() {
            let _ = rec.text(i);
        }
        true
    }
    fn restart(&mut self) {
        self.last = 0;
    }
    fn begin_sheet(&mut self, sheet: &crate::register::reader::SheetInfo) {
        self.last = 0;
        for m in &sheet.merged {
            assert!(m.first_row >= 1 && m.first_row <= m.last_row && m.first_col <= m.last_col);
        }
    }
}

/// Load `bytes` as a checklist file.
pub fn checklist(bytes: &[u8]) {
    match crate::checklist::load::parse("fuzz.toml", bytes) {
        Ok(c) => {
            assert!(
                !c.items.is_empty(),
                "a checklist without items was accepted"
            );
            for item in &c.items {
                assert!(c.item_index(&item.id).is_some());
            }
        }
        Err(e) => {
            assert!(e.count() > 0, "refused without a reason");
            assert!(!e.render(Lang::Zh).is_empty());
            assert!(!e.render(Lang::En).is_empty());
        }
    }
}

/// Read `bytes` as a journal.
pub fn journal(bytes: &[u8]) {
    use crate::review::journal::{signature_valid, Journal, GENESIS};
    let j = Journal::from_bytes(Path::new("journal.jsonl"), bytes, GENESIS);
    assert_eq!(
        j.hashes.len(),
        bytes.iter().filter(|&&b| b == b'\n').count()
    );
    assert!(j.events.len() <= j.hashes.len());
    if j.breaks.is_empty() {
        assert_eq!(j.events.len(), j.hashes.len());
    }
    for b in &j.breaks {
        assert!(!b.render(Lang::En).is_empty());
    }
    for e in &j.events {
        let _ = signature_valid(e);
        let line = e.to_line();
        assert!(!line.contains('\n'), "an event line holds a line break");
    }
}
