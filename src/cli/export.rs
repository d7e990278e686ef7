//! `anjuan export DIR --out OUTDIR`: the printable sheets, as XLSX and CSV — the witness sheet of
//! the draw and, once files are being reviewed, their result sheets (一卷一表).

use super::args::ExportArgs;
use super::Outcome;
use crate::export::{result_sheet, witness, write_table};
use crate::i18n::Lang;
use crate::review::Review;
use crate::tr;

pub fn run(a: ExportArgs, lang: Lang) -> Outcome {
    let table = witness::table(&a.dir, lang).map_err(|e| e.render(lang))?;
    let mut written = write_table(&table, &a.out).map_err(|e| e.render(lang))?;
    let review = Review::open(&a.dir).map_err(|e| e.render(lang))?;
    if result_sheet::tables(&review, lang).is_empty() {
        eprintln!(
            "{}",
            tr!(
                lang,
                "尚无开始评查的案卷：未导出评查表。",
                "no file is being reviewed yet: no result sheets exported."
            )
        );
    } else {
        written.extend(result_sheet::write(&review, &a.out, lang).map_err(|e| e.render(lang))?);
    }
    out!(
        "{}",
        tr!(lang, "已导出到 {}：", "written to {}:", a.out.display())
    );
    for (file, sha) in written {
        out!("  {file}  SHA-256 {sha}");
    }
    Ok(0)
}
