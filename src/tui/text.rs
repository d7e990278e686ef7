//! Text for a terminal that shows Chinese: display widths (a CJK character takes two columns),
//! wrapping at any character (ratatui only breaks at spaces), and removal of control characters
//! from imported text before it is drawn or printed.

use std::borrow::Cow;
use unicode_width::UnicodeWidthChar;

pub fn char_width(c: char) -> usize {
    c.width().unwrap_or(0)
}

pub fn width(s: &str) -> usize {
    s.chars().map(char_width).sum()
}

pub use crate::chars::{is_format, is_unsafe};

/// Append the visible stand-in for an unsafe character: C0 controls and DEL in caret form
/// (`^[` for ESC, `^G` for BEL, `^?` for DEL), every other one as `<U+202E>`. Only ASCII, so
/// display widths stay exact (U+FFFD is ambiguous-width in CJK terminals).
pub fn push_visible(out: &mut String, c: char) {
    let n = c as u32;
    if n < 0x20 {
        out.push('^');
        out.push(char::from(n as u8 + 0x40));
    } else if n == 0x7f {
        out.push_str("^?");
    } else {
        out.push_str(&format!("<U+{n:04X}>"));
    }
}

/// Text from outside (register cells, checklists, findings, names) made safe to draw as one
/// line: tabs and line breaks become spaces, every other unsafe character its visible stand-in
/// (`push_visible`); everything else — CJK, punctuation — is unchanged (no NFC).
pub fn clean(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '\n' | '\t' => out.push(' '),
            c if is_unsafe(c) => push_visible(&mut out, c),
            c => out.push(c),
        }
    }
    out
}

/// Output for a terminal (what the command line prints): like `clean`, but line breaks and tabs
/// are kept. Borrows when there is nothing to change.
pub fn terminal_safe(s: &str) -> Cow<'_, str> {
    if !s.chars().any(|c| c != '\n' && c != '\t' && is_unsafe(c)) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 16);
    for c in s.chars() {
        match c {
            '\n' | '\t' => out.push(c),
            c if is_unsafe(c) => push_visible(&mut out, c),
            c => out.push(c),
        }
    }
    Cow::Owned(out)
}

/// JSON text made terminal-safe without changing what it means: every unsafe character left raw
/// by the serializer (DEL, C1, format characters — all inside strings, since JSON's own syntax is
/// ASCII) becomes a `\uXXXX` escape, so a script still reads exactly the same strings.
pub fn json_safe(s: &str) -> Cow<'_, str> {
    if !s.chars().any(|c| c != '\n' && c != '\t' && is_unsafe(c)) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 16);
    for c in s.chars() {
        if c != '\n' && c != '\t' && is_unsafe(c) {
            let mut units = [0u16; 2];
            for u in c.encode_utf16(&mut units) {
                out.push_str(&format!("\\u{u:04x}"));
            }
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
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
        assert_eq!(clean("a\u{202E}b\u{7}c"), "a<U+202E>b^Gc");
    }

    #[test]
    fn unsafe_characters_become_visible_and_nothing_else_changes() {
        let hostile =
            "\u{1b}]0;pwned\u{7}案\u{1b}[2J\u{9b}1m\u{7f}A\u{202E}1\u{200B}\u{FEFF}\u{2066}";
        let shown = clean(hostile);
        assert_eq!(
            shown,
            "^[]0;pwned^G案^[[2J<U+009B>1m^?A<U+202E>1<U+200B><U+FEFF><U+2066>"
        );
        assert!(!shown.chars().any(is_unsafe));
        // Widths are those of what is drawn: all stand-ins are ASCII.
        assert_eq!(width(&shown), shown.chars().count() + 1);
        let plain = "攸县市场监督管理局（一般程序）：《行政处罚法》第59条，“罚款”…—A-1_b.";
        assert_eq!(clean(plain), plain);
        assert!(matches!(terminal_safe(plain), Cow::Borrowed(_)));
        assert_eq!(terminal_safe("a\n\tb\r\u{1b}c"), "a\n\tb^M^[c");
        assert_eq!(clean("a\nb\tc"), "a b c");
        // Lines and cells cut by width are cleaned first, so a cut never splits a stand-in.
        assert_eq!(fit("\u{1b}[2J", 4), "^[..");
        assert!(wrap("x\u{202E}y", 3)
            .iter()
            .all(|l| !l.chars().any(is_unsafe)));
    }

    #[test]
    fn json_stays_the_same_json() {
        let v = serde_json::json!({"title": "a\u{202E}b\u{7f}\u{85}\u{1b}c", "tag": "\u{E0041}"});
        let text = serde_json::to_string(&v).unwrap();
        let safe = json_safe(&text);
        assert!(!safe.chars().any(is_unsafe), "{safe}");
        let back: serde_json::Value = serde_json::from_str(&safe).unwrap();
        assert_eq!(back, v);
    }
}
