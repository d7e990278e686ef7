//! `anjuan export DIR --out OUTDIR`: the printable sheets, as XLSX and CSV.

use super::args::ExportArgs;
use super::Outcome;
use crate::export::{witness, write_table};
use crate::i18n::Lang;
use crate::tr;

pub fn run(a: ExportArgs, lang: Lang) -> Outcome {
    let table = witness::table(&a.dir, lang).map_err(|e| e.render(lang))?;
    let written = write_table(&table, &a.out).map_err(|e| e.render(lang))?;
    out!(
        "{}",
        tr!(lang, "已导出到 {}：", "written to {}:", a.out.display())
    );
    for (file, sha) in written {
        out!("  {file}  SHA-256 {sha}");
    }
    Ok(0)
}
