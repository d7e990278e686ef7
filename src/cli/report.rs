//! `anjuan report WS --out DIR`: the 评查情况通报（草稿）as DOCX, every figure from the record,
//! overdue rectification items counted as of `--as-of` (default today, printed in the draft).
//! Written atomically and replaced on a later run, as `feedback` does with its letters; nothing
//! is written when the workspace cannot be read.

use super::Outcome;
use crate::i18n::Lang;
use crate::publication::report;
use crate::tr;
use clap::Args;
use std::path::PathBuf;

#[derive(Args, Debug)]
pub struct ReportArgs {
    /// 工作区 / the campaign workspace
    pub dir: PathBuf,
    /// 通报草稿写入此文件夹 / folder to write the draft into
    #[arg(long)]
    pub out: PathBuf,
    /// 统计日期（逾期按此日计算，默认今天）/ the day overdue items are counted for (default today)
    #[arg(long, value_name = "DATE")]
    pub as_of: Option<String>,
}

pub fn run(a: ReportArgs, lang: Lang) -> Outcome {
    let as_of = super::rectify::as_of(a.as_of.as_deref(), lang)?;
    let w = report::write(&a.dir, &a.out, as_of, lang).map_err(|e| e.render(lang))?;
    out!(
        "{}",
        tr!(
            lang,
            "已写出通报草稿 {}  SHA-256 {}（统计日期 {}）。标有{}处请办公室补写，数字来自评查记录",
            "bulletin draft written: {}  SHA-256 {} (as of {}). The office writes the passages marked {}; the figures come from the record",
            a.out.join(&w.file).display(),
            w.sha256,
            crate::rectification::item::date_text(as_of),
            report::edit_mark(lang)
        )
    );
    Ok(0)
}
