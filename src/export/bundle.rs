//! Everything `anjuan export` writes, in one place: which sheets exist, how each becomes an XLSX
//! workbook and a CSV, and the manifest that lists every file with its SHA-256, the draw record
//! and the journal head it was made from. `verify` rebuilds the CSVs from the same functions,
//! so an exported file can be checked against the record years later.

use super::{
    csv, forms, pull_list, result_sheet, summary, witness, write_atomic, write_document,
    ExportError, Table, Written,
};
use crate::i18n::Lang;
use crate::review::Review;
use crate::workspace::records::RecordRef;
use serde::{Deserialize, Serialize};
use std::path::Path;

pub const MANIFEST: &str = "manifest.json";

/// One exported document: its file stem and its sheets.
pub struct Output {
    pub stem: String,
    pub tables: Vec<Table>,
}

/// Every document with its sheets, in the order they are written.
pub fn outputs(review: &Review, lang: Lang) -> Result<Vec<Output>, ExportError> {
    let one = |t: Table| Output {
        stem: t.name.clone(),
        tables: vec![t],
    };
    let mut out = vec![
        one(witness::table(review, lang)?),
        one(pull_list::table(review, lang)),
    ];
    let sheets = result_sheet::tables(review, lang);
    if !sheets.is_empty() {
        out.push(Output {
            stem: result_sheet::stem(lang).to_string(),
            tables: sheets,
        });
        out.push(one(summary::table(review, lang)));
        out.push(one(forms::problem_list(review, lang)));
        out.push(one(forms::statistics(review, lang)));
        out.push(one(forms::rectification_ledger(review, lang)));
    }
    Ok(out)
}

/// The CSV of a document: its sheets one after another, one BOM at the start.
pub fn csv_bytes(o: &Output) -> Vec<u8> {
    csv::document(&o.tables)
}

/// A file of the export, as the manifest lists it.
pub type ManifestFile = Written;

/// `manifest.json` in the export folder.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Manifest {
    pub kind: String,
    pub tool_version: String,
    pub created_at: String,
    pub lang: Lang,
    pub draw: RecordRef,
    pub journal_head: String,
    pub journal_events: usize,
    pub files: Vec<ManifestFile>,
}

/// Write every document (XLSX and CSV) and then the manifest into `out`.
pub fn export(dir: &Path, out: &Path, lang: Lang) -> Result<Manifest, ExportError> {
    let review = Review::open(dir).map_err(|e| ExportError::Workspace(e.render(lang)))?;
    if !review.journal.breaks.is_empty() {
        return Err(ExportError::Workspace(
            crate::review::ReviewError::Damaged(review.journal.breaks.clone()).render(lang),
        ));
    }
    let mut files = Vec::new();
    for o in outputs(&review, lang)? {
        files.extend(write_document(&o.stem, &o.tables, out)?);
    }
    let manifest = Manifest {
        kind: "anjuan-export-manifest".into(),
        tool_version: crate::TOOL_VERSION.into(),
        created_at: crate::workspace::now(),
        lang,
        draw: review.draw_ref.clone(),
        journal_head: review.journal.head().to_string(),
        journal_events: review.journal.events.len(),
        files,
    };
    write_atomic(&out.join(MANIFEST), &crate::workspace::pretty(&manifest))?;
    Ok(manifest)
}
