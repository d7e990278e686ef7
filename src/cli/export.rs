//! `anjuan export DIR --out OUTDIR`: every printable sheet as XLSX and CSV, and a manifest of
//! them with their SHA-256, the draw record and the journal head they were made from.

use super::args::ExportArgs;
use super::Outcome;
use crate::export::bundle;
use crate::i18n::Lang;
use crate::tr;

pub fn run(a: ExportArgs, lang: Lang) -> Outcome {
    let as_of = match &a.as_of {
        Some(d) => Some(super::rectify::as_of(Some(d), lang)?),
        None => None,
    };
    let manifest = bundle::export_as_of(&a.dir, &a.out, as_of, lang).map_err(|e| e.render(lang))?;
    out!(
        "{}",
        tr!(lang, "已导出到 {}：", "written to {}:", a.out.display())
    );
    for f in &manifest.files {
        out!("  {}  SHA-256 {}", f.file, f.sha256);
    }
    out!(
        "{}",
        tr!(
            lang,
            "清单 {}：日志头 {}（{} 个事件），抽取记录 {}。核对：anjuan verify {} --export {}",
            "manifest {}: journal head {} ({} events), draw record {}. Check: anjuan verify {} --export {}",
            bundle::MANIFEST,
            manifest.journal_head,
            manifest.journal_events,
            manifest.draw.file,
            a.dir.display(),
            a.out.display()
        )
    );
    Ok(0)
}
