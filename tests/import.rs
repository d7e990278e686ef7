//! Import and validation against real files: UTF-8 with and without BOM, GBK, GB18030, XLSX
//! written by LibreOffice, and registers with known problems (see tests/fixtures/registers/README.md).

use anjuan::i18n::Lang;
use anjuan::register::import::{import, ImportSettings, RegisterFile};
use anjuan::register::problem::{Problem, ProblemKind};
use std::path::PathBuf;

fn fixture(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/registers")
        .join(name)
}

fn file(name: &str) -> RegisterFile {
    RegisterFile {
        path: fixture(name),
        agency: None,
        ..Default::default()
    }
}

fn problems(files: &[RegisterFile], settings: &ImportSettings) -> Vec<Problem> {
    match import(files, settings, None, true) {
        Ok(_) => panic!("expected problems"),
        Err(p) => p,
    }
}

fn population_text(files: &[RegisterFile], settings: &ImportSettings) -> String {
    let imported = import(files, settings, None, true).unwrap_or_else(|p| {
        panic!(
            "{}",
            p.iter()
                .map(|p| p.render(Lang::En))
                .collect::<Vec<_>>()
                .join("\n")
        )
    });
    let mut text = Vec::new();
    imported
        .population
        .canonical_text(&mut |c| text.extend_from_slice(c));
    String::from_utf8(text).unwrap()
}

#[test]
fn every_encoding_and_format_gives_the_same_population() {
    let s = ImportSettings::default();
    let utf8 = population_text(&[file("good-utf8.csv")], &s);
    assert_eq!(utf8.lines().count(), 12);
    assert!(utf8.contains("攸市监罚〔2024〕12号\t攸县市场监督管理局\n"));
    assert_eq!(population_text(&[file("good-utf8-bom.csv")], &s), utf8);
    assert_eq!(population_text(&[file("good-gbk.csv")], &s), utf8);
    assert_eq!(population_text(&[file("english-headers.csv")], &s), utf8);
    assert_eq!(population_text(&[file("good-gb18030.csv")], &s), utf8);
    let xlsx = ImportSettings {
        sheet: Some("案卷目录".into()),
        ..Default::default()
    };
    assert_eq!(population_text(&[file("good.xlsx")], &xlsx), utf8);
}

#[test]
fn encodings_are_detected_and_recorded() {
    let s = ImportSettings::default();
    let enc = |name: &str| import(&[file(name)], &s, None, false).ok().unwrap().sources[0].encoding;
    use anjuan::register::encoding::TextEncoding::*;
    assert_eq!(enc("good-utf8.csv"), Some(Utf8));
    assert_eq!(enc("good-gbk.csv"), Some(Gbk));
    assert_eq!(enc("good-gb18030.csv"), Some(Gb18030));
    let imported = import(&[file("good-gb18030.csv")], &s, None, true)
        .ok()
        .unwrap();
    assert!(
        imported.cases.iter().any(|c| c.party == "𠮷某某"),
        "4-byte GB18030 decoded"
    );
}

#[test]
fn bad_mixed_reports_exactly_its_problems() {
    let ps = problems(&[file("bad-mixed.csv")], &ImportSettings::default());
    let got: Vec<(Option<u64>, Option<String>, String)> = ps
        .iter()
        .map(|p| {
            let kind = format!("{:?}", p.kind);
            (
                p.place.row,
                p.place.column.as_ref().map(|c| c.0.clone()),
                kind.split([' ', '{', '(']).next().unwrap().to_string(),
            )
        })
        .collect();
    assert_eq!(
        got,
        vec![
            (Some(4), Some("B".into()), "EmptyId".into()),
            (Some(6), Some("B".into()), "DuplicateId".into()),
            (Some(7), Some("C".into()), "EmptyStratum".into()),
            (Some(10), None, "Ragged".into()),
            (Some(11), Some("H".into()), "BadDate".into()),
            (Some(12), Some("B".into()), "ControlInId".into()),
        ],
        "{ps:#?}"
    );
    let dup = ps
        .iter()
        .find(|p| matches!(p.kind, ProblemKind::DuplicateId { .. }))
        .unwrap();
    let zh = dup.render(Lang::Zh);
    assert!(
        zh.contains("bad-mixed.csv 6") && zh.contains("bad-mixed.csv 9"),
        "{zh}"
    );
    assert!(ps[3]
        .render(Lang::En)
        .contains("has 11 fields but the header has 10"));
    assert!(ps[5].render(Lang::Zh).contains("U+0007"));
}

#[test]
fn undecodable_bytes_are_reported_with_offset_never_replaced() {
    let ps = problems(&[file("bad-bytes-utf8.csv")], &ImportSettings::default());
    assert_eq!(ps.len(), 1, "{ps:#?}");
    assert_eq!(ps[0].place.byte_offset, Some(1060));
    assert_eq!(ps[0].place.row, Some(6));
    assert!(ps[0].render(Lang::En).contains("0xFF are not valid UTF-8"));
    let ps = problems(&[file("bad-bytes-gbk.csv")], &ImportSettings::default());
    assert_eq!(ps.len(), 1, "{ps:#?}");
    assert_eq!(
        (ps[0].place.byte_offset, ps[0].place.row),
        (Some(339), Some(3))
    );
    assert!(ps[0].render(Lang::Zh).contains("GBK"));
}

#[test]
fn empty_header_only_and_missing_id_column() {
    let s = ImportSettings::default();
    assert!(matches!(
        problems(&[file("empty.csv")], &s)[0].kind,
        ProblemKind::EmptyFile
    ));
    assert!(matches!(
        problems(&[file("header-only.csv")], &s)[0].kind,
        ProblemKind::HeaderOnly
    ));
    // No row of the first 30 names an id column: the first rows are shown as read, with both
    // ways out.
    let ps = problems(&[file("no-id-column.csv")], &s);
    assert_eq!(ps.len(), 1, "{ps:?}");
    assert!(
        matches!(&ps[0].kind, ProblemKind::NoHeaderRow { searched: 30, rows, .. } if rows.len() == 4 && rows[0].0 == 1),
        "{ps:?}"
    );
    let zh = ps[0].render(Lang::Zh);
    assert!(
        zh.contains("--id-column") && zh.contains("--header-row"),
        "{zh}"
    );
    assert!(zh.contains("第 1 行：执法机关 | 案件类型"), "{zh}");
}

#[test]
fn xlsx_number_cells_that_lost_digits_are_errors() {
    let ps = problems(&[file("numeric-ids.xlsx")], &ImportSettings::default());
    let shown: Vec<String> = ps
        .iter()
        .filter_map(|p| match &p.kind {
            ProblemKind::NumericId { shown } => Some(format!("{}:{}", p.place.row.unwrap(), shown)),
            _ => None,
        })
        .collect();
    assert_eq!(shown.len(), 4, "{ps:#?}");
    assert!(shown[0].starts_with("2:123"), "{shown:?}");
    // Accepting number cells still refuses ones beyond 15 significant digits.
    let lenient = ImportSettings {
        numeric_ids: true,
        ..Default::default()
    };
    let ps = problems(&[file("numeric-ids.xlsx")], &lenient);
    assert_eq!(ps.len(), 1, "{ps:#?}");
}

#[test]
fn agency_for_files_without_the_column_and_several_files_together() {
    let files = vec![
        file("good-utf8.csv"),
        RegisterFile {
            path: fixture("agency-only-forestry.csv"),
            agency: Some("攸县林业局".into()),
            ..Default::default()
        },
    ];
    // The forestry file repeats 4 ids of good-utf8.csv: all duplicates, each listed with both places.
    let ps = problems(&files, &ImportSettings::default());
    assert_eq!(ps.len(), 4, "{ps:#?}");
    assert!(ps[0].render(Lang::En).contains("agency-only-forestry.csv"));
    let only = vec![RegisterFile {
        path: fixture("agency-only-forestry.csv"),
        agency: Some("攸县林业局".into()),
        ..Default::default()
    }];
    let text = population_text(&only, &ImportSettings::default());
    assert_eq!(text.lines().count(), 5);
    assert!(text.lines().all(|l| l.ends_with("\t攸县林业局")));
    // Without --agency-for the file cannot be stratified.
    let ps = problems(
        &[file("agency-only-forestry.csv")],
        &ImportSettings::default(),
    );
    assert!(matches!(
        ps[0].kind,
        ProblemKind::MissingColumn { role: "agency", .. }
    ));
}

#[test]
fn filters_apply_before_freezing() {
    let mut s = ImportSettings::default();
    s.filter.add("case_type=行政许可", Lang::En).unwrap();
    let text = population_text(&[file("good-utf8.csv")], &s);
    assert_eq!(text.lines().count(), 3);
    let mut s = ImportSettings::default();
    s.filter.add("closed>=2024-01-01", Lang::En).unwrap();
    s.filter.add("agency=攸县林业局", Lang::En).unwrap();
    let imported = import(&[file("good-utf8.csv")], &s, None, true)
        .ok()
        .unwrap();
    assert!(imported
        .cases
        .iter()
        .all(|c| c.agency == "攸县林业局" && c.closed_date.as_str() >= "2024-01-01"));
    assert_eq!(imported.sources[0].rows, 12);
    assert_eq!(imported.sources[0].kept, imported.cases.len() as u64);
}

#[test]
fn samples_in_all_three_forms_agree() {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("samples");
    let s = ImportSettings::default();
    let one = |p: &str| {
        population_text(
            &[RegisterFile {
                path: root.join(p),
                agency: None,
                ..Default::default()
            }],
            &s,
        )
    };
    let utf8 = one("county-register.csv");
    assert_eq!(utf8.lines().count(), 4000);
    assert_eq!(one("county-register-gbk.csv"), utf8);
    assert_eq!(one("county-register.xlsx"), utf8);
}

#[test]
fn a_large_register_with_three_bad_rows_reports_exactly_those() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("big.csv");
    let mut text = String::from("案号,执法机关,案件类型,办结日期,当事人\n");
    for i in 0..200_000u32 {
        let id = match i {
            1000 => String::new(),
            150_000 => "攸市监罚〔2024〕7号".to_string(),
            _ => format!("攸市监罚〔2024〕{i}号"),
        };
        let date = if i == 90_000 {
            "2024-02-30"
        } else {
            "2024-03-01"
        };
        text.push_str(&format!(
            "{id},攸县{}局,行政许可,{date},\"张某,某\"\n",
            i % 31
        ));
    }
    std::fs::write(&path, text).unwrap();
    let ps = problems(&[RegisterFile::new(path)], &ImportSettings::default());
    let rows: Vec<u64> = ps.iter().map(|p| p.place.row.unwrap()).collect();
    assert_eq!(rows, vec![9, 1002, 90_002], "{ps:#?}");
    assert!(matches!(ps[0].kind, ProblemKind::DuplicateId { .. }));
}

#[test]
fn a_large_gbk_file_first_streamed_as_utf8_is_read_again_without_double_counting() {
    // Over 1 MiB of pure ASCII first, so the streaming UTF-8 pass delivers whole blocks of
    // records before it meets the first GBK byte and the file must be read again as GBK.
    let dir = tempfile::tempdir().unwrap();
    let mut text = String::from("case_id,agency,party\n");
    for i in 0..40_000 {
        text.push_str(&format!(
            "A-{i:06},Agency-{},party number {i} with some padding\n",
            i % 7
        ));
    }
    assert!(text.len() > 2 << 20);
    text.push_str("攸林罚〔2024〕1号,攸县林业局,张某某\n");
    let (gbk, _, bad) = encoding_rs::GBK.encode(&text);
    assert!(!bad);
    let gbk_path = dir.path().join("big-gbk.csv");
    std::fs::write(&gbk_path, &gbk).unwrap();
    let utf8_path = dir.path().join("big-utf8.csv");
    std::fs::write(&utf8_path, &text).unwrap();
    let s = ImportSettings::default();
    let gbk_import = import(
        &[RegisterFile {
            path: gbk_path,
            agency: None,
            ..Default::default()
        }],
        &s,
        None,
        false,
    )
    .ok()
    .unwrap();
    assert_eq!(
        gbk_import.sources[0].encoding,
        Some(anjuan::register::encoding::TextEncoding::Gbk)
    );
    assert_eq!(gbk_import.sources[0].rows, 40_001);
    assert_eq!(gbk_import.population.len(), 40_001);
    let utf8_import = import(
        &[RegisterFile {
            path: utf8_path,
            agency: None,
            ..Default::default()
        }],
        &s,
        None,
        false,
    )
    .ok()
    .unwrap();
    assert_eq!(
        gbk_import.population.digest(),
        utf8_import.population.digest()
    );
}
