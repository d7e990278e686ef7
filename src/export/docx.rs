//! A small DOCX writer of our own, for letters and sheets that must open and print alike in WPS,
//! Word and LibreOffice: A4, the 公文 margins of GB/T 9704 (top 37 mm, bottom 35 mm, left 28 mm,
//! right 26 mm), 仿宋 三号 body text on a 22-line page, a 小标宋 二号 title, bordered tables whose
//! header row repeats on every page, native bar charts (`docx_chart`), and the audit lines with
//! page x / y in every page's footer.
//!
//! Hand-written rather than a crate because exports are digested (SHA-256) and rebuilt by
//! `verify --export`: the bytes must be a function of the `Document` alone and must not change
//! when a dependency does. The parts are fixed XML filled with escaped text, zipped in a fixed
//! order with a fixed timestamp (1980-01-01) and a fixed deflate level by `zip`, whose version
//! (and its deflate backend's) the lock file pins.
//!
//! This module owns the OOXML and nothing else: what a document says is decided by its callers
//! (`feedback`, `from_table`), and writing the file is `write_atomic`'s. Every text is escaped
//! here, so text from registers or findings cannot add markup; characters XML 1.0 forbids, the
//! other control characters and the invisible format characters (`chars::is_format`) are
//! dropped; `\n` becomes a line break and `\t` a tab.

use super::docx_chart::{chart_paragraph, chart_xml};
use super::{ExportError, Table};
use std::io::Write as _;

/// A document: blocks printed top to bottom, and the footer of every page.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Document {
    pub blocks: Vec<Block>,
    /// Audit lines (journal head, digests) printed small in every page's footer, above the page
    /// number `x / y`; `\n` separates lines.
    pub footer: String,
    /// Landscape pages, for sheets too wide for portrait (`xlsx::is_wide`). Letters are portrait.
    pub landscape: bool,
}

#[derive(Clone, Debug, PartialEq)]
pub enum Block {
    /// The title: centered, 小标宋 (宋体 where absent) bold, 22 pt (二号).
    Title(String),
    /// The 文号 line under the title, e.g. `攸司评〔2025〕3号`: centered, 仿宋 16 pt (三号).
    DocNumber(String),
    /// The addressee, e.g. `攸县交通运输局：`, flush left.
    Addressee(String),
    /// Body text, 仿宋 16 pt; `indent` is the 2-character first-line indent of a paragraph.
    Paragraph {
        text: String,
        indent: bool,
        bold: bool,
        align: Align,
    },
    /// A line in the tables' size (10.5 pt), flush left: a sheet's preamble.
    Note(String),
    /// A bordered table across the text width; `columns` are (header, relative width). The
    /// header row repeats on every page, cells wrap, and a row is not split across pages.
    /// Rows longer than the header get columns of their own (nothing is dropped).
    Table {
        columns: Vec<(String, u32)>,
        rows: Vec<Vec<String>>,
    },
    /// Right-aligned lines kept together: issuing office, `（印章）`, date.
    Signature(Vec<String>),
    /// A native chart (DrawingML, `word/charts/chartN.xml`) across the text width, drawn by
    /// Word, WPS and LibreOffice from the values cached in the part (no embedded workbook).
    Chart(Chart),
    PageBreak,
}

/// A bar chart: one bar (or one segment of a stacked bar) per category and series.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Chart {
    pub title: String,
    pub categories: Vec<String>,
    pub series: Vec<Series>,
    /// Horizontal bars (category names on the left, as long Chinese names read best), or
    /// vertical columns.
    pub horizontal: bool,
    /// Series stacked into one bar per category (a distribution), or side by side.
    pub stacked: bool,
    /// The value printed at the end of each bar (not on stacked bars, where zeros would crowd).
    pub labels: bool,
    /// The value axis's upper end (e.g. `100` for scores); automatic when empty.
    pub max: String,
    /// Height of the chart on the page in millimetres.
    pub height_mm: u32,
}

/// One series: its name (the legend) and a value per category, as decimal text (`61.7`, `3`);
/// an empty or non-numeric value is a gap.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Series {
    pub name: String,
    pub values: Vec<String>,
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Align {
    /// Both edges, as 公文 body text is set.
    #[default]
    Justify,
    Left,
    Center,
    Right,
}

impl Block {
    /// A body paragraph: first-line indent, justified.
    pub fn body(text: impl Into<String>) -> Block {
        Block::Paragraph {
            text: text.into(),
            indent: true,
            bold: false,
            align: Align::Justify,
        }
    }

    /// A section heading (`一、…`): indented like the body, bold.
    pub fn heading(text: impl Into<String>) -> Block {
        Block::Paragraph {
            text: text.into(),
            indent: true,
            bold: true,
            align: Align::Left,
        }
    }

    /// A line flush left, e.g. a line to sign on.
    pub fn line(text: impl Into<String>) -> Block {
        Block::Paragraph {
            text: text.into(),
            indent: false,
            bold: false,
            align: Align::Left,
        }
    }
}

/// Millimetres in twips (1/20 pt), rounded.
const fn mm(x: u32) -> u32 {
    (x * 14400 + 127) / 254
}

/// A4 in twips.
const A4_SHORT: u32 = 11906;
const A4_LONG: u32 = 16838;
const MARGIN_TOP: u32 = mm(37);
const MARGIN_BOTTOM: u32 = mm(35);
const MARGIN_LEFT: u32 = mm(28);
const MARGIN_RIGHT: u32 = mm(26);
/// From the bottom edge to the footer's last line, leaving the audit lines room above it.
const FOOTER_FROM_EDGE: u32 = mm(15);
/// 28.95 pt: 22 lines on the 225 mm of text height, as GB/T 9704 sets the page.
const LINE: u32 = 579;
/// 16 pt (三号) in twips: one character of body text, for the 2-character indent.
const BODY_CHAR: u32 = 320;
/// Cell padding left and right, 1 mm.
const CELL_PAD: u32 = 57;

const W_NS: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
const R_NS: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
const XML_DECL: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n";

/// The document as DOCX bytes; the same document always gives the same bytes.
pub fn to_bytes(doc: &Document) -> Result<Vec<u8>, ExportError> {
    let charts: Vec<&Chart> = doc
        .blocks
        .iter()
        .filter_map(|b| match b {
            Block::Chart(c) => Some(c),
            _ => None,
        })
        .collect();
    let mut parts = vec![
        (
            "[Content_Types].xml".to_string(),
            content_types(charts.len()),
        ),
        ("_rels/.rels".to_string(), ROOT_RELS.to_string()),
        ("word/document.xml".to_string(), document_xml(doc)),
        (
            "word/_rels/document.xml.rels".to_string(),
            document_rels(charts.len()),
        ),
        ("word/styles.xml".to_string(), styles_xml()),
        ("word/settings.xml".to_string(), settings_xml()),
        ("word/fontTable.xml".to_string(), font_table_xml()),
        ("word/footer1.xml".to_string(), footer_xml(&doc.footer)),
    ];
    for (i, c) in charts.iter().enumerate() {
        parts.push((format!("word/charts/chart{}.xml", i + 1), chart_xml(c)));
    }
    let z = |e: zip::result::ZipError| ExportError::Docx(e.to_string());
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .compression_level(Some(6))
        .last_modified_time(zip::DateTime::default())
        .unix_permissions(0o644);
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    for (name, xml) in parts {
        zip.start_file(name, options).map_err(z)?;
        zip.write_all(xml.as_bytes()).map_err(|e| z(e.into()))?;
    }
    Ok(zip.finish().map_err(z)?.into_inner())
}

/// Any sheet as a document: its title, preamble lines, table, signature lines and footer, in
/// landscape where the XLSX prints it so.
pub fn from_table(t: &Table) -> Document {
    let mut blocks = vec![Block::Title(t.title.clone())];
    blocks.extend(t.preamble.iter().cloned().map(Block::Note));
    if !t.columns.is_empty() || !t.rows.is_empty() {
        blocks.push(Block::Table {
            // Widths in characters, as relative widths to a tenth.
            columns: t
                .columns
                .iter()
                .map(|c| (c.header.clone(), (c.width.max(0.0) * 10.0).round() as u32))
                .collect(),
            rows: t.rows.clone(),
        });
    }
    blocks.extend(t.signatures.iter().cloned().map(Block::line));
    Document {
        blocks,
        footer: t.footer.clone(),
        landscape: super::xlsx::is_wide(t),
    }
}

/// Whether `c` is printed: not a control character (XML 1.0 forbids most C0 controls; the
/// others, DEL and C1, print as nothing or garbage), not an invisible format character (bidi
/// overrides could reorder what a reader sees), and not one of XML's noncharacters.
pub(super) fn printable(c: char) -> bool {
    !(c.is_control() || crate::chars::is_format(c) || matches!(c, '\u{FFFE}' | '\u{FFFF}'))
}

pub(super) fn escape_into(out: &mut String, c: char) {
    match c {
        '&' => out.push_str("&amp;"),
        '<' => out.push_str("&lt;"),
        '>' => out.push_str("&gt;"),
        '"' => out.push_str("&quot;"),
        '\'' => out.push_str("&apos;"),
        c => out.push(c),
    }
}

/// `text` as one run with properties `rpr`: escaped, `\n` (or `\r\n`, `\r`) as line breaks, `\t`
/// as tabs, unprintable characters dropped.
fn run(out: &mut String, text: &str, rpr: &str) {
    out.push_str("<w:r>");
    if !rpr.is_empty() {
        out.push_str("<w:rPr>");
        out.push_str(rpr);
        out.push_str("</w:rPr>");
    }
    let mut in_text = false;
    let close = |out: &mut String, in_text: &mut bool| {
        if std::mem::take(in_text) {
            out.push_str("</w:t>");
        }
    };
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\r' | '\n' => {
                if c == '\r' && chars.peek() == Some(&'\n') {
                    chars.next();
                }
                close(out, &mut in_text);
                out.push_str("<w:br/>");
            }
            '\t' => {
                close(out, &mut in_text);
                out.push_str("<w:tab/>");
            }
            c if !printable(c) => {}
            c => {
                if !in_text {
                    out.push_str("<w:t xml:space=\"preserve\">");
                    in_text = true;
                }
                escape_into(out, c);
            }
        }
    }
    close(out, &mut in_text);
    out.push_str("</w:r>");
}

/// A paragraph of one run.
fn paragraph(out: &mut String, ppr: &str, text: &str, rpr: &str) {
    out.push_str("<w:p><w:pPr>");
    out.push_str(ppr);
    out.push_str("</w:pPr>");
    run(out, text, rpr);
    out.push_str("</w:p>");
}

fn jc(align: Align) -> &'static str {
    match align {
        Align::Justify => "both",
        Align::Left => "left",
        Align::Center => "center",
        Align::Right => "right",
    }
}

/// Page width and height in twips.
fn page(doc: &Document) -> (u32, u32) {
    if doc.landscape {
        (A4_LONG, A4_SHORT)
    } else {
        (A4_SHORT, A4_LONG)
    }
}

fn document_xml(doc: &Document) -> String {
    let (page_w, page_h) = page(doc);
    let text_w = page_w - MARGIN_LEFT - MARGIN_RIGHT;
    let mut x = String::with_capacity(4096);
    x.push_str(XML_DECL);
    x.push_str(&format!(
        "<w:document xmlns:w=\"{W_NS}\" xmlns:r=\"{R_NS}\"><w:body>"
    ));
    let mut charts = 0;
    for (i, b) in doc.blocks.iter().enumerate() {
        if let Block::Chart(c) = b {
            charts += 1;
            chart_paragraph(&mut x, c, charts, text_w);
            continue;
        }
        block(&mut x, b, doc.blocks.get(i + 1), text_w);
    }
    let orient = if doc.landscape {
        " w:orient=\"landscape\""
    } else {
        ""
    };
    x.push_str(&format!(
        "<w:sectPr><w:footerReference w:type=\"default\" r:id=\"rIdFooter1\"/>\
         <w:pgSz w:w=\"{page_w}\" w:h=\"{page_h}\"{orient}/>\
         <w:pgMar w:top=\"{MARGIN_TOP}\" w:right=\"{MARGIN_RIGHT}\" w:bottom=\"{MARGIN_BOTTOM}\" \
         w:left=\"{MARGIN_LEFT}\" w:header=\"{FOOTER_FROM_EDGE}\" w:footer=\"{FOOTER_FROM_EDGE}\" w:gutter=\"0\"/>\
         <w:cols w:space=\"425\"/></w:sectPr></w:body></w:document>"
    ));
    x
}

/// One block; `next` decides whether a paragraph keeps with what follows.
fn block(x: &mut String, b: &Block, next: Option<&Block>, text_w: u32) {
    match b {
        Block::Title(t) => paragraph(x, "<w:pStyle w:val=\"Title\"/>", t, ""),
        Block::DocNumber(t) => paragraph(x, "<w:pStyle w:val=\"DocNumber\"/>", t, ""),
        Block::Addressee(t) => paragraph(x, "<w:jc w:val=\"left\"/>", t, ""),
        Block::Paragraph {
            text,
            indent,
            bold,
            align,
        } => {
            // A heading (bold) stays with its text, the sentence introducing a table with the
            // table's first rows, and the last paragraph with the signature: a sealed page
            // must carry some of the text it signs (GB/T 9704).
            let keep = match next {
                Some(Block::Signature(_)) => "<w:keepNext/><w:keepLines/>",
                Some(Block::Table { .. }) => "<w:keepNext/>",
                Some(Block::Chart(_)) => "<w:keepNext/>",
                _ if *bold => "<w:keepNext/>",
                _ => "",
            };
            let ind = if *indent {
                format!(
                    "<w:ind w:firstLineChars=\"200\" w:firstLine=\"{}\"/>",
                    2 * BODY_CHAR
                )
            } else {
                String::new()
            };
            let ppr = format!("{keep}{ind}<w:jc w:val=\"{}\"/>", jc(*align));
            paragraph(x, &ppr, text, if *bold { "<w:b/><w:bCs/>" } else { "" });
        }
        Block::Note(t) => {
            let keep = if matches!(next, Some(Block::Table { .. })) {
                "<w:keepNext/>"
            } else {
                ""
            };
            paragraph(x, &format!("<w:pStyle w:val=\"TableText\"/>{keep}"), t, "");
        }
        Block::Table { columns, rows } => table(x, columns, rows, text_w),
        Block::Signature(lines) => {
            for (i, l) in lines.iter().enumerate() {
                let keep = if i + 1 < lines.len() {
                    "<w:keepNext/>"
                } else {
                    ""
                };
                // Two blank lines above the office name, room for the seal.
                let before = if i == 0 {
                    format!("<w:spacing w:before=\"{}\"/>", 2 * LINE)
                } else {
                    String::new()
                };
                let ppr = format!(
                    "{keep}{before}<w:ind w:right=\"{}\"/><w:jc w:val=\"right\"/>",
                    4 * BODY_CHAR
                );
                paragraph(x, &ppr, l, "");
            }
        }
        // Drawn by `document_xml`, which numbers the charts.
        Block::Chart(_) => {}
        Block::PageBreak => x.push_str("<w:p><w:r><w:br w:type=\"page\"/></w:r></w:p>"),
    }
}

/// Column widths in twips summing to `total`, in proportion to `weights` (each at least 1);
/// the last column takes the rounding.
fn grid(weights: &[u32], total: u32) -> Vec<u32> {
    let weights: Vec<u64> = weights.iter().map(|&w| u64::from(w.max(1))).collect();
    let sum: u64 = weights.iter().sum();
    let mut widths: Vec<u32> = weights
        .iter()
        .map(|&w| (u64::from(total) * w / sum.max(1)) as u32)
        .collect();
    if let Some((last, others)) = widths.split_last_mut() {
        *last = total - others.iter().sum::<u32>();
    }
    widths
}

fn table(x: &mut String, columns: &[(String, u32)], rows: &[Vec<String>], text_w: u32) {
    let n = rows
        .iter()
        .map(Vec::len)
        .chain([columns.len()])
        .max()
        .unwrap_or(0);
    if n == 0 {
        return;
    }
    // Columns the header does not name get the average width.
    let mean = match columns.len() {
        0 => 1,
        k => columns.iter().map(|c| c.1.max(1)).sum::<u32>() / k as u32,
    };
    let weights: Vec<u32> = (0..n)
        .map(|i| columns.get(i).map_or(mean, |c| c.1))
        .collect();
    let widths = grid(&weights, text_w);
    let border = |side: &str| {
        format!("<w:{side} w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"000000\"/>")
    };
    x.push_str(&format!(
        "<w:tbl><w:tblPr><w:tblW w:w=\"{text_w}\" w:type=\"dxa\"/><w:jc w:val=\"center\"/><w:tblBorders>{}{}{}{}{}{}</w:tblBorders>\
         <w:tblLayout w:type=\"fixed\"/><w:tblCellMar><w:left w:w=\"{CELL_PAD}\" w:type=\"dxa\"/>\
         <w:right w:w=\"{CELL_PAD}\" w:type=\"dxa\"/></w:tblCellMar></w:tblPr><w:tblGrid>",
        border("top"),
        border("left"),
        border("bottom"),
        border("right"),
        border("insideH"),
        border("insideV"),
    ));
    for w in &widths {
        x.push_str(&format!("<w:gridCol w:w=\"{w}\"/>"));
    }
    x.push_str("</w:tblGrid>");
    let cell = |x: &mut String, w: u32, text: &str, header: bool| {
        let (shd, jc, rpr) = if header {
            (
                "<w:shd w:val=\"clear\" w:color=\"auto\" w:fill=\"D9D9D9\"/>",
                "<w:jc w:val=\"center\"/>",
                "<w:b/><w:bCs/>",
            )
        } else {
            ("", "", "")
        };
        x.push_str(&format!(
            "<w:tc><w:tcPr><w:tcW w:w=\"{w}\" w:type=\"dxa\"/>{shd}<w:vAlign w:val=\"center\"/></w:tcPr>"
        ));
        paragraph(
            x,
            &format!("<w:pStyle w:val=\"TableText\"/>{jc}"),
            text,
            rpr,
        );
        x.push_str("</w:tc>");
    };
    x.push_str("<w:tr><w:trPr><w:cantSplit/><w:tblHeader/></w:trPr>");
    for (i, w) in widths.iter().enumerate() {
        cell(x, *w, columns.get(i).map_or("", |c| c.0.as_str()), true);
    }
    x.push_str("</w:tr>");
    for r in rows {
        x.push_str("<w:tr><w:trPr><w:cantSplit/></w:trPr>");
        for (i, w) in widths.iter().enumerate() {
            cell(x, *w, r.get(i).map_or("", String::as_str), false);
        }
        x.push_str("</w:tr>");
    }
    x.push_str("</w:tbl>");
    // A paragraph after every table: Word needs one before the section's end, and it spaces
    // the table from what follows.
    x.push_str("<w:p><w:pPr><w:pStyle w:val=\"TableText\"/></w:pPr></w:p>");
}

fn footer_xml(text: &str) -> String {
    let mut x = String::new();
    x.push_str(XML_DECL);
    x.push_str(&format!("<w:ftr xmlns:w=\"{W_NS}\" xmlns:r=\"{R_NS}\">"));
    if !text.is_empty() {
        paragraph(&mut x, "<w:pStyle w:val=\"Footer\"/>", text, "");
    }
    let field = |instr: &str| {
        format!("<w:fldSimple w:instr=\" {instr} \"><w:r><w:t>1</w:t></w:r></w:fldSimple>")
    };
    x.push_str(&format!(
        "<w:p><w:pPr><w:pStyle w:val=\"Footer\"/><w:jc w:val=\"center\"/></w:pPr>{}\
         <w:r><w:t xml:space=\"preserve\"> / </w:t></w:r>{}</w:p></w:ftr>",
        field("PAGE"),
        field("NUMPAGES")
    ));
    x
}

/// Body text: 仿宋 (FangSong) for Chinese and Latin alike; the ambiguous characters (quotes,
/// dashes) take the East Asian font.
const BODY_FONTS: &str =
    "<w:rFonts w:ascii=\"FangSong\" w:eastAsia=\"仿宋\" w:hAnsi=\"FangSong\" w:cs=\"FangSong\" w:hint=\"eastAsia\"/>";
const TITLE_FONTS: &str = "<w:rFonts w:ascii=\"方正小标宋简体\" w:eastAsia=\"方正小标宋简体\" w:hAnsi=\"方正小标宋简体\" w:cs=\"方正小标宋简体\" w:hint=\"eastAsia\"/>";

fn styles_xml() -> String {
    format!(
        "{XML_DECL}<w:styles xmlns:w=\"{W_NS}\">\
<w:docDefaults><w:rPrDefault><w:rPr>{BODY_FONTS}<w:kern w:val=\"2\"/><w:sz w:val=\"32\"/><w:szCs w:val=\"32\"/>\
<w:lang w:val=\"en-US\" w:eastAsia=\"zh-CN\" w:bidi=\"ar-SA\"/></w:rPr></w:rPrDefault>\
<w:pPrDefault><w:pPr><w:widowControl w:val=\"0\"/><w:spacing w:before=\"0\" w:after=\"0\" w:line=\"{LINE}\" w:lineRule=\"exact\"/><w:jc w:val=\"both\"/></w:pPr></w:pPrDefault></w:docDefaults>\
<w:style w:type=\"paragraph\" w:default=\"1\" w:styleId=\"Normal\"><w:name w:val=\"Normal\"/><w:qFormat/></w:style>\
<w:style w:type=\"character\" w:default=\"1\" w:styleId=\"DefaultParagraphFont\"><w:name w:val=\"Default Paragraph Font\"/><w:uiPriority w:val=\"1\"/><w:semiHidden/></w:style>\
<w:style w:type=\"table\" w:default=\"1\" w:styleId=\"TableNormal\"><w:name w:val=\"Normal Table\"/><w:semiHidden/>\
<w:tblPr><w:tblInd w:w=\"0\" w:type=\"dxa\"/><w:tblCellMar><w:top w:w=\"0\" w:type=\"dxa\"/><w:left w:w=\"{CELL_PAD}\" w:type=\"dxa\"/>\
<w:bottom w:w=\"0\" w:type=\"dxa\"/><w:right w:w=\"{CELL_PAD}\" w:type=\"dxa\"/></w:tblCellMar></w:tblPr></w:style>\
<w:style w:type=\"paragraph\" w:styleId=\"Title\"><w:name w:val=\"Title\"/><w:basedOn w:val=\"Normal\"/><w:next w:val=\"Normal\"/><w:qFormat/>\
<w:pPr><w:keepNext/><w:spacing w:after=\"{title_after}\" w:line=\"{title_line}\" w:lineRule=\"exact\"/><w:jc w:val=\"center\"/><w:outlineLvl w:val=\"0\"/></w:pPr>\
<w:rPr>{TITLE_FONTS}<w:b/><w:bCs/><w:sz w:val=\"44\"/><w:szCs w:val=\"44\"/></w:rPr></w:style>\
<w:style w:type=\"paragraph\" w:styleId=\"DocNumber\"><w:name w:val=\"Document Number\"/><w:basedOn w:val=\"Normal\"/><w:next w:val=\"Normal\"/>\
<w:pPr><w:keepNext/><w:spacing w:after=\"{LINE}\"/><w:jc w:val=\"center\"/></w:pPr></w:style>\
<w:style w:type=\"paragraph\" w:styleId=\"TableText\"><w:name w:val=\"Table Text\"/><w:basedOn w:val=\"Normal\"/>\
<w:pPr><w:spacing w:line=\"240\" w:lineRule=\"auto\"/><w:jc w:val=\"left\"/></w:pPr><w:rPr><w:sz w:val=\"21\"/><w:szCs w:val=\"21\"/></w:rPr></w:style>\
<w:style w:type=\"paragraph\" w:styleId=\"Footer\"><w:name w:val=\"footer\"/><w:basedOn w:val=\"Normal\"/>\
<w:pPr><w:spacing w:line=\"240\" w:lineRule=\"auto\"/><w:jc w:val=\"left\"/></w:pPr><w:rPr><w:sz w:val=\"16\"/><w:szCs w:val=\"16\"/></w:rPr></w:style>\
</w:styles>",
        // Two lines of 22 pt text fit in 1.5 body lines.
        title_line = LINE * 3 / 2,
        title_after = LINE / 2,
    )
}

fn settings_xml() -> String {
    format!(
        "{XML_DECL}<w:settings xmlns:w=\"{W_NS}\"><w:zoom w:percent=\"100\"/><w:defaultTabStop w:val=\"420\"/>\
<w:characterSpacingControl w:val=\"compressPunctuation\"/>\
<w:compat><w:compatSetting w:name=\"compatibilityMode\" w:uri=\"http://schemas.microsoft.com/office/word\" w:val=\"15\"/></w:compat>\
<w:themeFontLang w:val=\"en-US\" w:eastAsia=\"zh-CN\"/></w:settings>"
    )
}

/// The fonts named, with what Word and WPS need to substitute a Chinese font where one is
/// missing (GB2312 charset, family, pitch); LibreOffice substitutes through fontconfig.
fn font_table_xml() -> String {
    let font = |name: &str, alt: &str, panose: &str, family: &str, pitch: &str| {
        format!(
            "<w:font w:name=\"{name}\"><w:altName w:val=\"{alt}\"/><w:panose1 w:val=\"{panose}\"/>\
<w:charset w:val=\"86\"/><w:family w:val=\"{family}\"/><w:pitch w:val=\"{pitch}\"/></w:font>"
        )
    };
    format!(
        "{XML_DECL}<w:fonts xmlns:w=\"{W_NS}\">{}{}{}{}</w:fonts>",
        font(
            "仿宋",
            "FangSong",
            "02010609060101010101",
            "modern",
            "fixed"
        ),
        font(
            "FangSong",
            "仿宋",
            "02010609060101010101",
            "modern",
            "fixed"
        ),
        font(
            "方正小标宋简体",
            "宋体",
            "02000000000000000000",
            "auto",
            "variable"
        ),
        font("宋体", "SimSun", "02010600030101010101", "auto", "variable"),
    )
}

const CONTENT_TYPES_HEAD: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n\
<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">\
<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>\
<Default Extension=\"xml\" ContentType=\"application/xml\"/>\
<Override PartName=\"/word/document.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml\"/>\
<Override PartName=\"/word/styles.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml\"/>\
<Override PartName=\"/word/settings.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.settings+xml\"/>\
<Override PartName=\"/word/fontTable.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.fontTable+xml\"/>\
<Override PartName=\"/word/footer1.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.footer+xml\"/>\
";

/// The content types, with an override for each of `charts` chart parts.
fn content_types(charts: usize) -> String {
    let mut x = CONTENT_TYPES_HEAD.to_string();
    for i in 1..=charts {
        x.push_str(&format!(
            "<Override PartName=\"/word/charts/chart{i}.xml\" ContentType=\"{}\"/>",
            super::docx_chart::CONTENT_TYPE
        ));
    }
    x.push_str("</Types>");
    x
}

const ROOT_RELS: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n\
<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">\
<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" Target=\"word/document.xml\"/>\
</Relationships>";

const DOCUMENT_RELS_HEAD: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n\
<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">\
<Relationship Id=\"rIdStyles\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles\" Target=\"styles.xml\"/>\
<Relationship Id=\"rIdSettings\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/settings\" Target=\"settings.xml\"/>\
<Relationship Id=\"rIdFontTable\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/fontTable\" Target=\"fontTable.xml\"/>\
<Relationship Id=\"rIdFooter1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/footer\" Target=\"footer1.xml\"/>\
";

/// The document's relationships, with `rIdChartN` for each of `charts` charts.
fn document_rels(charts: usize) -> String {
    let mut x = DOCUMENT_RELS_HEAD.to_string();
    for i in 1..=charts {
        x.push_str(&format!(
            "<Relationship Id=\"rIdChart{i}\" Type=\"{}\" Target=\"charts/chart{i}.xml\"/>",
            super::docx_chart::RELATIONSHIP
        ));
    }
    x.push_str("</Relationships>");
    x
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Read as _;

    /// The parts of a DOCX, by name, as text.
    fn parts(bytes: &[u8]) -> Vec<(String, String)> {
        let mut z = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
        (0..z.len())
            .map(|i| {
                let mut f = z.by_index(i).unwrap();
                let mut s = String::new();
                f.read_to_string(&mut s).unwrap();
                (f.name().to_string(), s)
            })
            .collect()
    }

    fn part(bytes: &[u8], name: &str) -> String {
        parts(bytes)
            .into_iter()
            .find(|(n, _)| n == name)
            .unwrap_or_else(|| panic!("no {name}"))
            .1
    }

    /// Parse as XML to the end: fails on a bad tag, an unmatched end tag, an entity other than
    /// XML's five or a character XML 1.0 forbids.
    fn assert_well_formed(name: &str, xml: &str) {
        use quick_xml::events::Event;
        let mut r = quick_xml::Reader::from_str(xml);
        loop {
            match r.read_event() {
                Ok(Event::Eof) => break,
                Ok(Event::GeneralRef(e)) => {
                    let known =
                        ["amp", "lt", "gt", "quot", "apos"].contains(&e.decode().unwrap().as_ref());
                    assert!(
                        known || e.resolve_char_ref().is_ok_and(|c| c.is_some()),
                        "{name}: entity {e:?}"
                    );
                }
                Ok(_) => {}
                Err(e) => panic!("{name}: {e} at {}", r.buffer_position()),
            }
        }
        // The parser does not check these.
        assert!(
            !xml.chars().any(|c| (c < ' ' && !"\t\n\r".contains(c))
                || matches!(c, '\u{FFFE}' | '\u{FFFF}')),
            "{name}: a character XML 1.0 forbids"
        );
    }

    #[test]
    fn the_well_formedness_check_catches_bad_xml() {
        for bad in ["<a><b></a>", "<a>&x;</a>", "<a>\u{1}</a>", "<a x=\"1></a>"] {
            let caught = std::panic::catch_unwind(|| assert_well_formed("t", bad));
            assert!(caught.is_err(), "{bad:?}");
        }
        assert_well_formed("t", "<a x=\"&quot;\">&amp;&#x4e2d;</a>");
    }

    fn sample(finding: &str) -> Document {
        Document {
            blocks: vec![
                Block::Title("行政执法案卷评查意见书".into()),
                Block::DocNumber("攸司评〔2025〕3号".into()),
                Block::Addressee("攸县交通运输局：".into()),
                Block::body("根据工作安排，现将评查意见反馈如下："),
                Block::heading("二、存在的问题"),
                Block::Table {
                    columns: vec![("序号".into(), 4), ("具体问题".into(), 16)],
                    rows: vec![
                        vec!["1".into(), finding.into()],
                        vec!["2".into(), "短".into(), "多出的一格".into()],
                    ],
                },
                Block::Note("抽取记录 SHA-256 abc".into()),
                Block::Signature(vec!["攸县司法局".into(), "（印章）".into()]),
                Block::PageBreak,
                Block::line("签收人：________"),
            ],
            footer: "日志头 0123\n整改记录头 4567 & <x>".into(),
            landscape: false,
        }
    }

    #[test]
    fn every_part_is_well_formed_xml() {
        let bytes = to_bytes(&sample("<w:p>&\"'")).unwrap();
        let parts = parts(&bytes);
        let names: Vec<&str> = parts.iter().map(|(n, _)| n.as_str()).collect();
        assert_eq!(
            names,
            [
                "[Content_Types].xml",
                "_rels/.rels",
                "word/document.xml",
                "word/_rels/document.xml.rels",
                "word/styles.xml",
                "word/settings.xml",
                "word/fontTable.xml",
                "word/footer1.xml"
            ]
        );
        for (name, xml) in &parts {
            assert_well_formed(name, xml);
        }
    }

    #[test]
    fn text_is_escaped_and_cannot_add_markup() {
        let bytes = to_bytes(&sample("<w:p>&\"'</w:t></w:r><w:r><w:t>x")).unwrap();
        let doc = part(&bytes, "word/document.xml");
        assert!(doc.contains(
            "&lt;w:p&gt;&amp;&quot;&apos;&lt;/w:t&gt;&lt;/w:r&gt;&lt;w:r&gt;&lt;w:t&gt;x"
        ));
        assert!(!doc.contains("<w:p>&"));
        assert_well_formed("document.xml", &doc);
        let footer = part(&bytes, "word/footer1.xml");
        assert!(footer.contains("4567 &amp; &lt;x&gt;"), "{footer}");
    }

    #[test]
    fn newlines_break_lines_and_tabs_tab() {
        let mut x = String::new();
        run(&mut x, "第一行\n第二行\r\n第三行\r第四\t行", "");
        assert_eq!(
            x,
            "<w:r><w:t xml:space=\"preserve\">第一行</w:t><w:br/>\
             <w:t xml:space=\"preserve\">第二行</w:t><w:br/>\
             <w:t xml:space=\"preserve\">第三行</w:t><w:br/>\
             <w:t xml:space=\"preserve\">第四</w:t><w:tab/>\
             <w:t xml:space=\"preserve\">行</w:t></w:r>"
        );
        let bytes = to_bytes(&sample("a\nb")).unwrap();
        let footer = part(&bytes, "word/footer1.xml");
        assert!(footer.contains("0123</w:t><w:br/><w:t xml:space=\"preserve\">整改记录头"));
    }

    #[test]
    fn forbidden_and_invisible_characters_are_dropped() {
        let mut x = String::new();
        run(
            &mut x,
            "a\u{0}b\u{1}c\u{8}d\u{b}e\u{c}f\u{1b}[2Jg\u{7f}h\u{85}i\u{202e}j\u{feff}k\u{fffe}l\u{ffff}m",
            "",
        );
        assert_eq!(
            x,
            "<w:r><w:t xml:space=\"preserve\">abcdef[2Jghijklm</w:t></w:r>"
        );
        let bytes = to_bytes(&sample("问题\u{0}\u{1f}描述")).unwrap();
        let doc = part(&bytes, "word/document.xml");
        assert!(doc.contains(">问题描述<"));
        assert_well_formed("document.xml", &doc);
    }

    #[test]
    fn the_same_document_gives_the_same_bytes() {
        let a = to_bytes(&sample("同一份")).unwrap();
        let b = to_bytes(&sample("同一份")).unwrap();
        assert_eq!(a, b);
        assert_ne!(a, to_bytes(&sample("另一份")).unwrap());
        // The zip entries carry the fixed 1980-01-01 timestamp, not the time of the export.
        let mut z = zip::ZipArchive::new(std::io::Cursor::new(&a)).unwrap();
        for i in 0..z.len() {
            let f = z.by_index(i).unwrap();
            assert_eq!(
                f.last_modified(),
                Some(zip::DateTime::default()),
                "{}",
                f.name()
            );
        }
    }

    #[test]
    fn page_is_a4_with_the_official_margins() {
        let doc = part(&to_bytes(&sample("x")).unwrap(), "word/document.xml");
        assert!(doc.contains("<w:pgSz w:w=\"11906\" w:h=\"16838\"/>"));
        assert!(doc.contains(
            "<w:pgMar w:top=\"2098\" w:right=\"1474\" w:bottom=\"1984\" w:left=\"1587\""
        ));
        let wide = Document {
            landscape: true,
            ..sample("x")
        };
        let doc = part(&to_bytes(&wide).unwrap(), "word/document.xml");
        assert!(doc.contains("<w:pgSz w:w=\"16838\" w:h=\"11906\" w:orient=\"landscape\"/>"));
    }

    #[test]
    fn tables_fill_the_text_width_and_repeat_their_header() {
        let doc = part(&to_bytes(&sample("x")).unwrap(), "word/document.xml");
        // Three columns (the longer row adds one), summing to the text width.
        let text_w = A4_SHORT - MARGIN_LEFT - MARGIN_RIGHT;
        let cols: Vec<u32> = doc
            .split("<w:gridCol w:w=\"")
            .skip(1)
            .map(|s| s[..s.find('"').unwrap()].parse().unwrap())
            .collect();
        assert_eq!(cols.len(), 3);
        assert_eq!(cols.iter().sum::<u32>(), text_w);
        assert!(doc.contains("多出的一格"));
        assert_eq!(doc.matches("<w:tblHeader/>").count(), 1);
        assert_eq!(grid(&[0, 0], 101), [50, 51]);
        assert_eq!(grid(&[1, 2, 1], 8845), [2211, 4422, 2212]);
    }

    #[test]
    fn any_sheet_becomes_a_document() {
        let t = Table {
            name: "整改台账".into(),
            title: "行政执法案卷评查问题整改台账".into(),
            preamble: vec!["要求：限期整改".into()],
            columns: super::super::column_list(&[("序号", 5.0), ("具体表现", 200.0)]),
            rows: vec![vec!["1".into(), "未附送达回证".into()]],
            signatures: vec!["填报人（签字）：________".into()],
            footer: "日志头 abc".into(),
        };
        let d = from_table(&t);
        assert!(d.landscape, "as wide as the XLSX prints in landscape");
        assert_eq!(d.footer, "日志头 abc");
        assert_eq!(
            d.blocks[..3],
            [
                Block::Title(t.title.clone()),
                Block::Note("要求：限期整改".into()),
                Block::Table {
                    columns: vec![("序号".into(), 50), ("具体表现".into(), 2000)],
                    rows: t.rows.clone(),
                },
            ]
        );
        assert_eq!(d.blocks[3], Block::line("填报人（签字）：________"));
        to_bytes(&d).unwrap();
    }

    #[test]
    fn charts_are_parts_of_their_own_referenced_from_the_text() {
        let chart = |t: &str| {
            Block::Chart(Chart {
                title: t.into(),
                categories: vec!["甲局".into(), "乙局".into()],
                series: vec![
                    Series {
                        name: "优秀".into(),
                        values: vec!["1".into(), "0".into()],
                    },
                    Series {
                        name: "合格".into(),
                        values: vec!["2".into(), "3".into()],
                    },
                ],
                horizontal: true,
                stacked: true,
                height_mm: 80,
                ..Chart::default()
            })
        };
        let mut doc = sample("x");
        doc.blocks.insert(4, chart("等次分布"));
        doc.blocks.push(chart(""));
        let bytes = to_bytes(&doc).unwrap();
        let parts = parts(&bytes);
        for (name, xml) in &parts {
            assert_well_formed(name, xml);
        }
        let names: Vec<&str> = parts.iter().map(|(n, _)| n.as_str()).collect();
        assert_eq!(
            names[8..],
            ["word/charts/chart1.xml", "word/charts/chart2.xml"]
        );
        let body = part(&bytes, "word/document.xml");
        assert!(body.contains("r:id=\"rIdChart1\"") && body.contains("r:id=\"rIdChart2\""));
        let rels = part(&bytes, "word/_rels/document.xml.rels");
        assert!(rels.contains("Id=\"rIdChart2\""));
        assert!(rels.contains("Target=\"charts/chart2.xml\""));
        let types = part(&bytes, "[Content_Types].xml");
        assert!(types.contains("/word/charts/chart1.xml"));
        let c1 = part(&bytes, "word/charts/chart1.xml");
        assert!(c1.contains("<c:grouping val=\"stacked\"/>"));
        assert!(c1.contains("<c:v>甲局</c:v>"));
        assert!(c1.contains("<c:v>等次分布</c:v>") || c1.contains("<a:t>等次分布</a:t>"));
        assert!(part(&bytes, "word/charts/chart2.xml").contains("autoTitleDeleted val=\"1\""));
        assert_eq!(bytes, to_bytes(&doc).unwrap());
        // Without charts, the parts are as they always were.
        assert_eq!(
            part(
                &to_bytes(&sample("x")).unwrap(),
                "word/_rels/document.xml.rels"
            ),
            format!("{DOCUMENT_RELS_HEAD}</Relationships>")
        );
    }
}
