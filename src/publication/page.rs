//! `anjuan publish WS --out DIR`: the public record page, `DIR/index.html`. One self-contained
//! file — its style, its scripts (draw_v1.js, sha256.js, verify.js, page.js, all in
//! `page/`) and its data inline; a Content-Security-Policy that forbids the browser to load
//! anything from anywhere — so it works from a USB stick or uploaded as it is to any web server,
//! and a visitor's browser recomputes the draw from the data it carries.
//!
//! The data block is JSON inside `<script type="application/json">`, with every `<` written
//! `\u003c` so no text from a register can end the block or add markup. The same workspace and
//! options give the same bytes (the page carries no time of its own).

use super::page_data::{gather, GatherError, Included, Options, PageData};
use crate::export::{write_atomic, ExportError};
use crate::i18n::Lang;
use std::path::{Path, PathBuf};

pub const PAGE: &str = "index.html";

const TEMPLATE: &str = include_str!("page/index.html");
const STYLE: &str = include_str!("page/page.css");
const SCRIPTS: [&str; 4] = [
    include_str!("page/sha256.js"),
    include_str!("page/draw_v1.js"),
    include_str!("page/verify.js"),
    include_str!("page/page.js"),
];

/// The embedded data as the page carries it: JSON, with `<` escaped (and the two line
/// separators JavaScript once treated as line ends).
pub fn data_json(data: &PageData) -> String {
    let json = serde_json::to_string(data).expect("page data serialises");
    json.replace('<', "\\u003c")
        .replace('\u{2028}', "\\u2028")
        .replace('\u{2029}', "\\u2029")
}

/// The whole page.
pub fn render(data: &PageData) -> String {
    let scripts: String = SCRIPTS
        .iter()
        .map(|s| format!("<script>\n{s}</script>\n"))
        .collect();
    let title = match &data.campaign.name {
        Some(n) => format!("{} · 抽取公开记录", escape_html(n).replace('{', "&#123;")),
        None => "案卷评查抽取公开记录".to_string(),
    };
    // The data goes in last, so nothing in it is ever taken for a placeholder.
    TEMPLATE
        .replace("{{title}}", &title)
        .replace("{{lang}}", data.lang.pick("zh-CN", "en"))
        .replace("{{style}}", STYLE)
        .replace("{{scripts}}", &scripts)
        .replace("{{data}}", &data_json(data))
}

fn escape_html(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

#[derive(Debug)]
pub enum PublishError {
    Gather(GatherError),
    Export(ExportError),
    Folder(PathBuf, String),
}

impl PublishError {
    pub fn render(&self, lang: Lang) -> String {
        match self {
            PublishError::Gather(e) => e.render(lang),
            PublishError::Export(e) => e.render(lang),
            PublishError::Folder(p, e) => crate::tr!(
                lang,
                "无法创建输出文件夹 {}：{e}；未写入任何文件",
                "cannot create the output folder {}: {e}; nothing was written",
                p.display()
            ),
        }
    }
}

/// Write the page of the workspace at `dir` into `out/index.html` (atomically: an earlier page
/// there stays whole until the new one is complete).
pub fn publish(
    dir: &Path,
    out: &Path,
    options: Options,
    lang: Lang,
) -> Result<(PathBuf, usize, Included), PublishError> {
    let (data, included) = gather(dir, options, lang).map_err(PublishError::Gather)?;
    let html = render(&data);
    std::fs::create_dir_all(out)
        .map_err(|e| PublishError::Folder(out.to_path_buf(), e.to_string()))?;
    let target = out.join(PAGE);
    write_atomic(&target, html.as_bytes()).map_err(PublishError::Export)?;
    Ok((target, html.len(), included))
}
