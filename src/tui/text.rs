//! Text for a terminal that shows Chinese: display widths (a CJK character takes two columns),
//! wrapping at any character (ratatui only breaks at spaces), and removal of control characters
//! from imported text before it is drawn.

use unicode_width::UnicodeWidthChar;

pub fn char_width(c: char) -> usize {
    c.width().unwrap_or(0)
}

pub fn width(s: &str) -> usize {
    s.chars().map(char_width).sum()
}

/// Control and bidi-override characters become a visible `?`; nothing else changes (no NFC).
pub fn clean(s: &str) -> String {
    s.chars()
        .map(|c| {
            if c.is_control() || matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}') {
                if c == '\n' || c == '\t' {
                    ' '
                } else {
                    '?'
                }
            } else {
                c
            }
        })
        .collect()
}

/// Wrap to `max` columns, breaking between any two characters (Chinese has no spaces) and never
/// splitting a wide character across lines. Explicit line breaks are kept.
pub fn wrap(s: &str, max: usize) -> Vec<String> {
    let max = max.max(2);
    let mut out = Vec::new();
    for para in s.split('\n') {
        let mut line = String::new();
        let mut w = 0;
        for c in clean(para).chars() {
            let cw = char_width(c);
            if w + cw > max {
                // Inside a Latin word, break at the last space instead (English glosses).
                let cut = if c.is_ascii_alphanumeric() {
                    line.rfind(' ').filter(|&i| i > 0)
                } else {
                    None
                };
                match cut {
                    Some(i) if line[i + 1..].chars().all(|x| x.is_ascii_graphic()) => {
                        let tail = line[i + 1..].to_string();
                        line.truncate(i);
                        out.push(std::mem::replace(&mut line, tail));
                        w = width(&line);
                    }
                    _ => {
                        out.push(std::mem::take(&mut line));
                        w = 0;
                    }
                }
                if c == ' ' {
                    // A space at a break is the break.
                    continue;
                }
            }
            line.push(c);
            w += cw;
        }
        out.push(line);
    }
    out
}

/// Cut to at most `max` columns, ending with `…` (U+2026 is ambiguous-width, so `..`) if cut.
pub fn truncate(s: &str, max: usize) -> String {
    let s = clean(s);
    if width(&s) <= max {
        return s;
    }
    let mut out = String::new();
    let mut w = 0;
    for c in s.chars() {
        let cw = char_width(c);
        if w + cw + 2 > max {
            break;
        }
        out.push(c);
        w += cw;
    }
    out.push_str("..");
    out
}

/// Pad with spaces to exactly `cols` columns (truncating if longer).
pub fn fit(s: &str, cols: usize) -> String {
    let t = truncate(s, cols);
    let w = width(&t);
    format!("{t}{}", " ".repeat(cols.saturating_sub(w)))
}

/// Right-align in exactly `cols` columns.
pub fn rfit(s: &str, cols: usize) -> String {
    let t = truncate(s, cols);
    format!("{}{t}", " ".repeat(cols.saturating_sub(width(&t))))
}

/// A hex digit drawn 3 columns wide and 5 rows high: `true` cells are painted. Painted cells are
/// spaces with a background colour, so no ambiguous-width block character is needed.
pub fn big_digit(d: char) -> [[bool; 3]; 5] {
    const FONT: [[&str; 5]; 16] = [
        ["###", "# #", "# #", "# #", "###"],
        [" # ", "## ", " # ", " # ", "###"],
        ["###", "  #", "###", "#  ", "###"],
        ["###", "  #", "###", "  #", "###"],
        ["# #", "# #", "###", "  #", "  #"],
        ["###", "#  ", "###", "  #", "###"],
        ["###", "#  ", "###", "# #", "###"],
        ["###", "  #", "  #", "  #", "  #"],
        ["###", "# #", "###", "# #", "###"],
        ["###", "# #", "###", "  #", "###"],
        ["###", "  #", "###", "# #", "###"],
        ["#  ", "#  ", "###", "# #", "###"],
        ["   ", "###", "#  ", "#  ", "###"],
        ["  #", "  #", "###", "# #", "###"],
        ["###", "#  ", "###", "#  ", "###"],
        ["###", "#  ", "###", "#  ", "#  "],
    ];
    let mut out = [[false; 3]; 5];
    if let Some(n) = d.to_digit(16) {
        for (r, row) in FONT[n as usize].iter().enumerate() {
            for (c, b) in row.bytes().enumerate() {
                out[r][c] = b == b'#';
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wraps_chinese_by_width() {
        let lines = wrap("对外文书加盖本机关印章abc", 8);
        assert_eq!(lines, vec!["对外文书", "加盖本机", "关印章ab", "c"]);
        for l in &lines {
            assert!(width(l) <= 8);
        }
        // English breaks between words.
        assert_eq!(
            wrap("Score 98, grade excellent.", 14),
            vec!["Score 98,", "grade", "excellent."]
        );
        // A wide character never straddles the edge: 7 columns fit 3 characters.
        assert_eq!(wrap("印章印章", 7), vec!["印章印", "章"]);
    }

    #[test]
    fn fits_and_cleans() {
        assert_eq!(fit("执法机关", 6), "执法..");
        assert_eq!(width(&fit("执法机关", 9)), 9);
        assert_eq!(clean("a\u{202E}b\u{7}c"), "a?b?c");
    }
}
