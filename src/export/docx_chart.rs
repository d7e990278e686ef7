//! The DrawingML chart parts of a DOCX (`word/charts/chartN.xml`) and the inline drawing that
//! places each on the page. A chart carries its values in `c:strCache`/`c:numCache` and has no
//! embedded workbook: Word, WPS and LibreOffice all draw a chart from the cache, and a workbook
//! would be a second copy of the figures to keep byte-identical. The references (`Sheet1!$A$2`)
//! only name where a workbook would hold the values; Word asks for one only when the data is
//! edited.
//!
//! Owns the chart XML and nothing else: what a chart shows is `docx::Chart`, set by the caller.
//! Every text goes through `docx`'s escaping and filtering, as the document's own text does.

use super::docx::{escape_into, printable, Chart};

pub(super) const CONTENT_TYPE: &str =
    "application/vnd.openxmlformats-officedocument.drawingml.chart+xml";
pub(super) const RELATIONSHIP: &str =
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships/chart";

const C_NS: &str = "http://schemas.openxmlformats.org/drawingml/2006/chart";
const A_NS: &str = "http://schemas.openxmlformats.org/drawingml/2006/main";
const R_NS: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
const WP_NS: &str = "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing";

/// Series colours in order, distinct in print and in grey: blue, orange, grey, gold, then
/// darker and lighter tones.
const PALETTE: [&str; 8] = [
    "4472C4", "ED7D31", "A5A5A5", "FFC000", "5B9BD5", "70AD47", "264478", "9E480E",
];

/// One English Metric Unit per twip: 635.
const EMU_PER_TWIP: u64 = 635;
const EMU_PER_MM: u64 = 36_000;

/// Escaped, with the characters XML forbids and the invisible ones dropped; a line break is a
/// space (a label is one line).
fn text(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '\r' | '\n' | '\t' => out.push(' '),
            c if printable(c) => escape_into(&mut out, c),
            _ => {}
        }
    }
    out
}

/// A value as a number the cache can hold, or `None` for a gap: digits with at most one point
/// and an optional leading minus, nothing else (so no text can reach a number cell).
fn number(v: &str) -> Option<&str> {
    let v = v.trim();
    let digits = v.strip_prefix('-').unwrap_or(v);
    let mut parts = digits.split('.');
    let whole = parts.next().unwrap_or("");
    let frac = parts.next();
    let ok = !whole.is_empty()
        && whole.bytes().all(|b| b.is_ascii_digit())
        && frac.is_none_or(|f| !f.is_empty() && f.bytes().all(|b| b.is_ascii_digit()))
        && parts.next().is_none();
    ok.then_some(v)
}

/// Spreadsheet column letters of the 0-based column `k` (`0` → `A`, `26` → `AA`).
fn column(k: usize) -> String {
    let mut k = k + 1;
    let mut out = Vec::new();
    while k > 0 {
        let r = (k - 1) % 26;
        out.push(b'A' + r as u8);
        k = (k - 1) / 26;
    }
    out.reverse();
    String::from_utf8(out).unwrap_or_default()
}

/// Rich text properties: the size in hundredths of a point, bold or not, CJK and Latin fonts.
fn rpr(tag: &str, size: u32, bold: bool) -> String {
    format!(
        "<a:{tag} lang=\"zh-CN\" sz=\"{size}\" b=\"{}\"><a:latin typeface=\"SimSun\"/>\
         <a:ea typeface=\"宋体\"/><a:cs typeface=\"SimSun\"/></a:{tag}>",
        u8::from(bold)
    )
}

fn tx_pr(size: u32) -> String {
    format!(
        "<c:txPr><a:bodyPr/><a:lstStyle/><a:p><a:pPr>{}</a:pPr><a:endParaRPr lang=\"zh-CN\"/></a:p></c:txPr>",
        rpr("defRPr", size, false)
    )
}

/// The chart part.
pub(super) fn chart_xml(c: &Chart) -> String {
    let n = c.categories.len();
    let mut x = String::with_capacity(4096);
    x.push_str("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n");
    x.push_str(&format!(
        "<c:chartSpace xmlns:c=\"{C_NS}\" xmlns:a=\"{A_NS}\" xmlns:r=\"{R_NS}\">\
         <c:date1904 val=\"0\"/><c:lang val=\"zh-CN\"/><c:roundedCorners val=\"0\"/><c:chart>"
    ));
    if !c.title.is_empty() {
        x.push_str(&format!(
            "<c:title><c:tx><c:rich><a:bodyPr/><a:lstStyle/><a:p><a:pPr>{}</a:pPr><a:r>{}<a:t>{}</a:t></a:r></a:p>\
             </c:rich></c:tx><c:overlay val=\"0\"/></c:title><c:autoTitleDeleted val=\"0\"/>",
            rpr("defRPr", 1200, true),
            rpr("rPr", 1200, true),
            text(&c.title)
        ));
    } else {
        x.push_str("<c:autoTitleDeleted val=\"1\"/>");
    }
    let (dir, grouping, overlap) = match (c.horizontal, c.stacked) {
        (true, true) => ("bar", "stacked", "<c:overlap val=\"100\"/>"),
        (true, false) => ("bar", "clustered", ""),
        (false, true) => ("col", "stacked", "<c:overlap val=\"100\"/>"),
        (false, false) => ("col", "clustered", ""),
    };
    x.push_str(&format!(
        "<c:plotArea><c:layout/><c:barChart><c:barDir val=\"{dir}\"/><c:grouping val=\"{grouping}\"/>\
         <c:varyColors val=\"0\"/>"
    ));
    let last = n + 1;
    for (k, s) in c.series.iter().enumerate() {
        let col = column(k + 1);
        let colour = PALETTE[k % PALETTE.len()];
        x.push_str(&format!(
            "<c:ser><c:idx val=\"{k}\"/><c:order val=\"{k}\"/><c:tx><c:strRef><c:f>Sheet1!${col}$1</c:f>\
             <c:strCache><c:ptCount val=\"1\"/><c:pt idx=\"0\"><c:v>{}</c:v></c:pt></c:strCache></c:strRef></c:tx>\
             <c:spPr><a:solidFill><a:srgbClr val=\"{colour}\"/></a:solidFill></c:spPr><c:invertIfNegative val=\"0\"/>",
            text(&s.name)
        ));
        if c.labels && !c.stacked {
            x.push_str(&format!(
                "<c:dLbls>{}<c:showLegendKey val=\"0\"/><c:showVal val=\"1\"/><c:showCatName val=\"0\"/>\
                 <c:showSerName val=\"0\"/><c:showPercent val=\"0\"/><c:showBubbleSize val=\"0\"/></c:dLbls>",
                tx_pr(900)
            ));
        }
        x.push_str(&format!(
            "<c:cat><c:strRef><c:f>Sheet1!$A$2:$A${last}</c:f><c:strCache><c:ptCount val=\"{n}\"/>"
        ));
        for (i, name) in c.categories.iter().enumerate() {
            x.push_str(&format!(
                "<c:pt idx=\"{i}\"><c:v>{}</c:v></c:pt>",
                text(name)
            ));
        }
        x.push_str(&format!(
            "</c:strCache></c:strRef></c:cat><c:val><c:numRef><c:f>Sheet1!${col}$2:${col}${last}</c:f>\
             <c:numCache><c:formatCode>General</c:formatCode><c:ptCount val=\"{n}\"/>"
        ));
        for (i, v) in s.values.iter().take(n).enumerate() {
            if let Some(v) = number(v) {
                x.push_str(&format!("<c:pt idx=\"{i}\"><c:v>{v}</c:v></c:pt>"));
            }
        }
        x.push_str("</c:numCache></c:numRef></c:val></c:ser>");
    }
    x.push_str(&format!(
        "<c:gapWidth val=\"60\"/>{overlap}<c:axId val=\"500000001\"/><c:axId val=\"500000002\"/></c:barChart>"
    ));
    // Horizontal bars list the categories top to bottom in the order given (a ranking reads
    // from the top), so that axis runs max to min and the value axis crosses at its end.
    let (cat_pos, val_pos, orientation, crosses) = if c.horizontal {
        ("l", "b", "maxMin", "max")
    } else {
        ("b", "l", "minMax", "autoZero")
    };
    x.push_str(&format!(
        "<c:catAx><c:axId val=\"500000001\"/><c:scaling><c:orientation val=\"{orientation}\"/></c:scaling>\
         <c:delete val=\"0\"/><c:axPos val=\"{cat_pos}\"/><c:numFmt formatCode=\"General\" sourceLinked=\"0\"/>\
         <c:majorTickMark val=\"none\"/><c:minorTickMark val=\"none\"/><c:tickLblPos val=\"nextTo\"/>{}\
         <c:crossAx val=\"500000002\"/><c:crosses val=\"autoZero\"/><c:auto val=\"1\"/><c:lblAlgn val=\"ctr\"/>\
         <c:lblOffset val=\"100\"/><c:tickLblSkip val=\"1\"/><c:noMultiLvlLbl val=\"0\"/></c:catAx>",
        tx_pr(900)
    ));
    let max = number(&c.max)
        .map(|m| format!("<c:max val=\"{m}\"/>"))
        .unwrap_or_default();
    x.push_str(&format!(
        "<c:valAx><c:axId val=\"500000002\"/><c:scaling><c:orientation val=\"minMax\"/>{max}<c:min val=\"0\"/></c:scaling>\
         <c:delete val=\"0\"/><c:axPos val=\"{val_pos}\"/><c:majorGridlines/><c:numFmt formatCode=\"General\" sourceLinked=\"0\"/>\
         <c:majorTickMark val=\"out\"/><c:minorTickMark val=\"none\"/><c:tickLblPos val=\"nextTo\"/>{}\
         <c:crossAx val=\"500000001\"/><c:crosses val=\"{crosses}\"/><c:crossBetween val=\"between\"/></c:valAx></c:plotArea>",
        tx_pr(900)
    ));
    if c.series.len() > 1 {
        x.push_str(&format!(
            "<c:legend><c:legendPos val=\"b\"/><c:overlay val=\"0\"/>{}</c:legend>",
            tx_pr(900)
        ));
    }
    x.push_str(&format!(
        "<c:plotVisOnly val=\"1\"/><c:dispBlanksAs val=\"gap\"/></c:chart>{}</c:chartSpace>",
        tx_pr(900)
    ));
    x
}

/// The paragraph holding chart `number` (1-based, as `rIdChartN` and `chartN.xml`): centered,
/// across the text width, with single line spacing (the body's exact spacing would clip it),
/// and kept on the page of what follows (its caption).
pub(super) fn chart_paragraph(x: &mut String, c: &Chart, number: usize, text_w: u32) {
    let cx = u64::from(text_w) * EMU_PER_TWIP;
    let cy = u64::from(c.height_mm.max(20)) * EMU_PER_MM;
    let name = text(&c.title);
    x.push_str(&format!(
        "<w:p><w:pPr><w:keepNext/><w:keepLines/><w:spacing w:line=\"240\" w:lineRule=\"auto\"/><w:jc w:val=\"center\"/></w:pPr>\
         <w:r><w:drawing><wp:inline distT=\"0\" distB=\"0\" distL=\"0\" distR=\"0\" xmlns:wp=\"{WP_NS}\">\
         <wp:extent cx=\"{cx}\" cy=\"{cy}\"/><wp:effectExtent l=\"0\" t=\"0\" r=\"0\" b=\"0\"/>\
         <wp:docPr id=\"{number}\" name=\"Chart {number}\" descr=\"{name}\"/><wp:cNvGraphicFramePr/>\
         <a:graphic xmlns:a=\"{A_NS}\"><a:graphicData uri=\"{C_NS}\">\
         <c:chart xmlns:c=\"{C_NS}\" xmlns:r=\"{R_NS}\" r:id=\"rIdChart{number}\"/></a:graphicData></a:graphic>\
         </wp:inline></w:drawing></w:r></w:p>"
    ));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_numbers_reach_the_number_cache() {
        for ok in ["0", "61.7", "100", "-3", "0.25"] {
            assert_eq!(number(ok), Some(ok));
        }
        for bad in [
            "", "-", ".5", "5.", "1.2.3", "1e3", "=1+1", "六十", "1 2", "<c:v>",
        ] {
            assert_eq!(number(bad), None, "{bad:?}");
        }
    }

    #[test]
    fn columns_are_spreadsheet_letters() {
        assert_eq!(column(0), "A");
        assert_eq!(column(25), "Z");
        assert_eq!(column(26), "AA");
        assert_eq!(column(27), "AB");
    }

    #[test]
    fn labels_are_escaped_and_values_cached() {
        let c = Chart {
            title: "平均分<b>&".into(),
            categories: vec!["甲局</c:v>".into(), "乙\n局".into()],
            series: vec![super::super::docx::Series {
                name: "平均分".into(),
                values: vec!["61.7".into(), "x".into()],
            }],
            horizontal: true,
            labels: true,
            height_mm: 60,
            ..Chart::default()
        };
        let x = chart_xml(&c);
        assert!(x.contains("平均分&lt;b&gt;&amp;"));
        assert!(x.contains("<c:v>甲局&lt;/c:v&gt;</c:v>"));
        assert!(x.contains("<c:v>乙 局</c:v>"));
        assert!(x.contains("<c:pt idx=\"0\"><c:v>61.7</c:v></c:pt></c:numCache>"));
        assert!(x.contains("<c:ptCount val=\"2\"/>"));
    }
}
