//! Everything `anjuan export` writes, in one place: which sheets exist, how each becomes an XLSX
//! workbook and a CSV, and the manifest that lists every file with its SHA-256, the draw record
//! and the journal head it was made from. `verify` rebuilds the CSVs from the same functions,
//! so an exported file can be checked against the record years later.

use super::charts::Charts;
use super::figures::Figures;
use super::{
    csv, forms, invitations, pull_list, rectification, result_sheet, summary, witness,
    write_atomic, write_files, xlsx, ExportError, Table, Written,
};
use crate::i18n::Lang;
use crate::rectification::Rectification;
use crate::workspace::records::RecordRef;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use std::path::Path;

pub const MANIFEST: &str = "manifest.json";

/// One exported document: its file stem and its sheets.
pub struct Output {
    pub stem: String,
    pub tables: Vec<Table>,
    /// The charts the workbook draws (the summary's), with their data: sheets of the workbook
    /// after `tables`, and tables of the CSV.
    pub charts: Option<Charts>,
}

impl Output {
    /// The XLSX of the document.
    pub fn xlsx_bytes(&self) -> Result<Vec<u8>, ExportError> {
        match &self.charts {
            Some(c) => c.workbook(&self.tables),
            None => xlsx::workbook(&self.tables),
        }
    }
}

/// Every document with its sheets, in the order they are written; overdue items as of `as_of`.
pub fn outputs(
    rect: &Rectification,
    as_of: NaiveDate,
    lang: Lang,
) -> Result<Vec<Output>, ExportError> {
    let review = &rect.review;
    let one = |t: Table| Output {
        stem: t.name.clone(),
        tables: vec![t],
        charts: None,
    };
    let entities = review
        .ws
        .campaign()
        .is_ok_and(|(c, _)| !c.settings.columns.population.is_cases());
    if entities {
        // A 民主评议 panel: the witness sheet and the invitation list; there are no files to
        // pull or review.
        let panel = crate::panel::Panel::open(&review.ws)
            .map_err(|e| ExportError::Workspace(e.render(lang)))?
            .ok_or_else(|| {
                ExportError::Workspace(crate::review::ReviewError::NoDraw.render(lang))
            })?;
        return Ok(vec![
            one(witness::table(review, lang)?),
            one(invitations::table(review, &panel, lang)),
        ]);
    }
    let mut out = vec![
        one(witness::table(review, lang)?),
        one(pull_list::table(review, lang)),
    ];
    let sheets = result_sheet::tables(review, lang);
    if !sheets.is_empty() {
        out.push(Output {
            stem: result_sheet::stem(lang).to_string(),
            tables: sheets,
            charts: None,
        });
        let figures = Figures::of(review, lang);
        let sum = summary::table_of(review, &figures, lang);
        let mut tables = vec![sum];
        tables.extend(summary::targeted_table(review, &figures, lang));
        out.push(Output {
            stem: tables[0].name.clone(),
            charts: Some(Charts::of(&figures, &tables[0].footer, lang)),
            tables,
        });
        out.push(one(forms::problem_list(review, lang)));
        out.push(one(forms::statistics_with(review, Some(&rect.book), lang)));
        out.push(one(rectification::rectification_ledger(rect, as_of, lang)));
        out.push(one(rectification::progress_table(rect, as_of, lang)));
        out.push(one(rectification::referral_list(rect, as_of, lang)));
    }
    Ok(out)
}

/// The CSV of a document: its sheets one after another (the chart data last), one BOM at the
/// start.
pub fn csv_bytes(o: &Output) -> Vec<u8> {
    match &o.charts {
        Some(c) => {
            let mut tables = o.tables.clone();
            tables.extend(c.tables().into_iter().cloned());
            csv::document(&tables)
        }
        None => csv::document(&o.tables),
    }
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
    /// The rectification record's head and length at export (absent: no record yet, or an
    /// export made before the record existed).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rectification_head: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rectification_events: Option<usize>,
    /// The day overdue items were counted for.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub as_of: Option<String>,
    pub files: Vec<ManifestFile>,
}

/// Write every document (XLSX and CSV) and then the manifest into `out`. Everything is first
/// written and fsync'ed into a staging folder inside `out`, then renamed into place, manifest
/// last: if the disk fills up or refuses writes half-way, the staging folder is removed and
/// `out` is as it was — no partial file, and an earlier export there unchanged.
pub fn export(dir: &Path, out: &Path, lang: Lang) -> Result<Manifest, ExportError> {
    export_as_of(dir, out, None, lang)
}

/// `export`, with overdue items counted as of `as_of` (today when `None`).
pub fn export_as_of(
    dir: &Path,
    out: &Path,
    as_of: Option<NaiveDate>,
    lang: Lang,
) -> Result<Manifest, ExportError> {
    let as_of = as_of.unwrap_or_else(crate::rectification::item::today);
    let rect = Rectification::open(dir).map_err(|e| ExportError::Workspace(e.render(lang)))?;
    if !rect.review.journal.breaks.is_empty() {
        return Err(ExportError::Workspace(
            crate::review::ReviewError::Damaged(rect.review.journal.breaks.clone()).render(lang),
        ));
    }
    if !rect.record.breaks.is_empty() {
        return Err(ExportError::Workspace(
            crate::rectification::RectError::Damaged(rect.record.breaks.clone()).render(lang),
        ));
    }
    let created = !out.exists();
    let io = |path: &Path| {
        let path = path.to_path_buf();
        move |source| ExportError::Io { path, source }
    };
    std::fs::create_dir_all(out).map_err(io(out))?;
    let stage = out.join(format!(".anjuan-export-{}.tmp", std::process::id()));
    let _ = std::fs::remove_dir_all(&stage);
    let result = std::fs::create_dir(&stage)
        .map_err(io(out))
        .and_then(|()| write_staged(&rect, as_of, lang, &stage, out));
    let _ = std::fs::remove_dir_all(&stage);
    if result.is_err() && created {
        // Only if still empty: nothing of ours is in it.
        let _ = std::fs::remove_dir(out);
    }
    result.map_err(|e| match e {
        // Name the file as it would have been in `out`, not its staging name.
        ExportError::Io { path, source } => ExportError::Io {
            path: path
                .strip_prefix(&stage)
                .map_or_else(|_| path.clone(), |p| out.join(p)),
            source,
        },
        e => e,
    })
}

fn write_staged(
    rect: &Rectification,
    as_of: NaiveDate,
    lang: Lang,
    stage: &Path,
    out: &Path,
) -> Result<Manifest, ExportError> {
    let review = &rect.review;
    let mut files = Vec::new();
    for o in outputs(rect, as_of, lang)? {
        files.extend(write_files(
            stage,
            [
                (format!("{}.xlsx", o.stem), o.xlsx_bytes()?),
                (format!("{}.csv", o.stem), csv_bytes(&o)),
            ],
        )?);
    }
    let manifest = Manifest {
        kind: "anjuan-export-manifest".into(),
        tool_version: crate::TOOL_VERSION.into(),
        created_at: crate::workspace::now(),
        lang,
        draw: review.draw_ref.clone(),
        journal_head: review.journal.head().to_string(),
        journal_events: review.journal.events.len(),
        rectification_head: Some(rect.head().to_string()),
        rectification_events: Some(rect.record.events.len()),
        as_of: Some(crate::rectification::item::date_text(as_of)),
        files,
    };
    write_atomic(&stage.join(MANIFEST), &crate::workspace::pretty(&manifest))?;
    // Every file is complete and on disk: move them in, the manifest last.
    let names = manifest.files.iter().map(|f| f.file.as_str());
    for name in names.chain([MANIFEST]) {
        std::fs::rename(stage.join(name), out.join(name)).map_err(|source| ExportError::Io {
            path: out.join(name),
            source,
        })?;
    }
    crate::workspace::fsio::sync_dir(out).map_err(|source| ExportError::Io {
        path: out.to_path_buf(),
        source,
    })?;
    Ok(manifest)
}
