//! Which byte separates the fields of a text register: a comma (CSV), a tab (Excel's and WPS's
//! "Unicode 文本", "文本文件（制表符分隔）") or a semicolon (CSV from a European-locale Excel).
//! Decided from the start of the decoded text only, so the streaming path costs nothing more.
//! Title rows (`攸县交通运输局2023年度行政处罚案件目录` alone, or followed by the empty fields of a
//! merged title) and a `填报单位：…` row must not throw it off: the candidate whose field count is
//! shared by the most lines wins, and a line with one field never counts.

/// The candidates in the order that breaks ties.
pub const CANDIDATES: [u8; 3] = [b',', b'\t', b';'];
/// How much of the text is looked at.
pub const SAMPLE_BYTES: usize = 64 << 10;
pub const SAMPLE_LINES: usize = 50;

/// The delimiter of `text`, a comma when nothing else is evident.
pub fn detect(text: &str) -> u8 {
    let (sample, complete) = if text.len() > SAMPLE_BYTES {
        let mut cut = SAMPLE_BYTES;
        while !text.is_char_boundary(cut) {
            cut -= 1;
        }
        (&text[..cut], false)
    } else {
        (text, true)
    };
    let mut best = (0usize, b',');
    for &delimiter in &CANDIDATES {
        let score = modal_share(&field_counts(sample, delimiter, complete));
        if score > best.0 {
            best = (score, delimiter);
        }
    }
    best.1
}

/// The field count of each non-blank record among the first `SAMPLE_LINES`, quotes respected (a
/// delimiter or line break inside a quoted field does not count). A record cut off by the end of
/// an incomplete sample is left out.
fn field_counts(sample: &str, delimiter: u8, complete: bool) -> Vec<usize> {
    let mut counts = Vec::new();
    let mut fields = 1usize;
    let mut quoted = false;
    let mut blank = true;
    for &b in sample.as_bytes() {
        if counts.len() >= SAMPLE_LINES {
            return counts;
        }
        match b {
            b'"' => {
                quoted = !quoted;
                blank = false;
            }
            b'\n' if !quoted => {
                if !blank {
                    counts.push(fields);
                }
                fields = 1;
                blank = true;
            }
            _ if b == delimiter && !quoted => {
                fields += 1;
                blank = false;
            }
            b' ' | b'\r' | b'\t' => {}
            _ => blank = false,
        }
    }
    if complete && !blank && counts.len() < SAMPLE_LINES {
        counts.push(fields);
    }
    counts
}

/// How many records share the commonest field count of at least 2 (the larger count on a tie).
fn modal_share(counts: &[usize]) -> usize {
    let mut tally: std::collections::BTreeMap<usize, usize> = std::collections::BTreeMap::new();
    for &c in counts.iter().filter(|&&c| c >= 2) {
        *tally.entry(c).or_default() += 1;
    }
    tally.values().copied().max().unwrap_or(0)
}

/// How a delimiter is named to a user.
pub fn label(delimiter: u8) -> &'static str {
    match delimiter {
        b',' => "comma",
        b'\t' => "tab",
        b';' => "semicolon",
        _ => "other",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const HEADER: [&str; 4] = ["序号", "案号", "执法机关", "案件名称"];

    fn table(d: &str, title: Option<&str>, filler: bool) -> String {
        let mut s = String::new();
        if let Some(t) = title {
            s.push_str(t);
            s.push_str("\r\n");
        }
        if filler {
            s.push_str("填报单位：攸县交通运输局    填报日期：2025年1月10日\r\n");
        }
        s.push_str(&HEADER.join(d));
        s.push_str("\r\n");
        for i in 1..=5 {
            let row = [
                i.to_string(),
                format!("攸交罚〔2023〕{i}号"),
                "攸县交通运输局".into(),
                "某某擅自占用公路案".into(),
            ];
            s.push_str(&row.join(d));
            s.push_str("\r\n");
        }
        s
    }

    #[test]
    fn plain_tables_in_each_delimiter() {
        assert_eq!(detect(&table(",", None, false)), b',');
        assert_eq!(detect(&table("\t", None, false)), b'\t');
        assert_eq!(detect(&table(";", None, false)), b';');
    }

    #[test]
    fn title_and_filler_rows_do_not_decide() {
        let title = "攸县交通运输局2023年度行政处罚案件目录";
        for d in [",", "\t", ";"] {
            assert_eq!(
                detect(&table(d, Some(title), true)),
                d.as_bytes()[0],
                "{d:?}"
            );
            // Excel writes a title merged over the columns with the empty fields after it.
            let merged = format!("{title}{}", d.repeat(3));
            assert_eq!(detect(&table(d, Some(&merged), false)), d.as_bytes()[0]);
        }
    }

    #[test]
    fn quoted_delimiters_and_line_breaks_are_not_counted() {
        // Commas inside quoted names would make comma look like the delimiter if counted.
        let text = "案号;案件名称\n1;\"张某,李某,王某\"\n2;\"多行\n名称,含逗号\"\n3;x\n";
        assert_eq!(detect(text), b';');
        let counts = field_counts(text, b';', true);
        assert_eq!(counts, vec![2, 2, 2, 2]);
    }

    #[test]
    fn ties_and_nothing_found() {
        assert_eq!(detect(""), b',');
        assert_eq!(detect("只有一列\n没有分隔符\n"), b',');
        // One line each way: comma wins the tie, then tab.
        assert_eq!(detect("a,b\tc;d\n"), b',');
        assert_eq!(detect("a\tb;c\n"), b'\t');
    }

    #[test]
    fn only_the_start_is_looked_at() {
        let mut text = String::new();
        for _ in 0..60 {
            text.push_str("a\tb\tc\n");
        }
        for _ in 0..200 {
            text.push_str("a,b,c,d,e\n");
        }
        assert_eq!(detect(&text), b'\t', "the first 50 lines are tab-separated");
        let long = format!("{}\n{}", "x\t".repeat(SAMPLE_BYTES), "y");
        assert_eq!(
            detect(&long),
            b',',
            "a record cut by the sample is left out"
        );
    }
}
