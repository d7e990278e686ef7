//! A table as CSV: UTF-8 with a BOM (so Excel on Chinese Windows opens it as UTF-8), CRLF line
//! ends, RFC 4180 quoting, every value neutralised against formula injection.

use super::{neutralize, Table};

fn field(value: &str) -> String {
    let v = neutralize(value);
    if v.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", v.replace('"', "\"\""))
    } else {
        v
    }
}

fn line(out: &mut String, cells: &[String]) {
    out.push_str(&cells.iter().map(|c| field(c)).collect::<Vec<_>>().join(","));
    out.push_str("\r\n");
}

pub fn to_bytes(t: &Table) -> Vec<u8> {
    let mut s = String::from("\u{feff}");
    line(&mut s, std::slice::from_ref(&t.title));
    for p in &t.preamble {
        line(&mut s, std::slice::from_ref(p));
    }
    line(
        &mut s,
        &t.columns
            .iter()
            .map(|c| c.header.clone())
            .collect::<Vec<_>>(),
    );
    for r in &t.rows {
        line(&mut s, r);
    }
    for sig in &t.signatures {
        line(&mut s, std::slice::from_ref(sig));
    }
    line(&mut s, std::slice::from_ref(&t.footer));
    s.into_bytes()
}

/// Several tables as one CSV: one BOM at the start, the tables one after another, a blank line
/// between them. For one table this is `to_bytes`.
pub fn document(tables: &[Table]) -> Vec<u8> {
    const BOM: &[u8] = "\u{feff}".as_bytes();
    let mut out = BOM.to_vec();
    for (i, t) in tables.iter().enumerate() {
        if i > 0 {
            out.extend_from_slice(b"\r\n");
        }
        let bytes = to_bytes(t);
        out.extend_from_slice(bytes.strip_prefix(BOM).unwrap_or(&bytes));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::export::Column;

    #[test]
    fn bom_quoting_and_injection() {
        let t = Table {
            name: "t".into(),
            title: "标题".into(),
            columns: vec![
                Column {
                    header: "案号".into(),
                    width: 10.0,
                },
                Column {
                    header: "b".into(),
                    width: 5.0,
                },
            ],
            rows: vec![vec!["=cmd|' /C calc'!A0".into(), "a,\"b\"\nc".into()]],
            footer: "f".into(),
            ..Table::default()
        };
        let text = String::from_utf8(to_bytes(&t)).unwrap();
        assert!(text.starts_with('\u{feff}'));
        assert!(
            text.contains("'=cmd|' /C calc'!A0,\"a,\"\"b\"\"\nc\"\r\n"),
            "{text:?}"
        );
    }
}
