//! Importing the review team's roster from real files: UTF-8 with BOM, GBK as Excel on Chinese
//! Windows writes it, XLSX written by LibreOffice, English headers without an id column, and a
//! file with many problems at once (see tests/fixtures/roster/README.md).

use anjuan::i18n::Lang;
use anjuan::register::problem::ProblemKind as RegisterProblem;
use anjuan::team::keys::{self, IdProblem, KeyProblem};
use anjuan::team::roster::{
    self, Field, Member, MemberRole, ProblemKind, Roster, RosterError, RosterProblem, RosterWarning,
};
use ed25519_dalek::SigningKey;
use std::path::PathBuf;

fn fixture(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/roster")
        .join(name)
}

/// The fixtures' keys are those of the secret seeds made of 32 equal bytes (test keys only).
fn key(seed: u8) -> String {
    keys::public_hex(&SigningKey::from_bytes(&[seed; 32]))
}

fn member(id: &str, name: &str, unit: &str, role: MemberRole, keys: Vec<String>) -> Member {
    Member {
        id: id.into(),
        name: name.into(),
        unit: unit.into(),
        role,
        keys,
    }
}

fn expected() -> Roster {
    use MemberRole::{Checker, Reviewer};
    Roster {
        members: vec![
            member(
                "R01",
                "王建华",
                "攸县市场监督管理局",
                Reviewer,
                vec![key(1)],
            ),
            member("R02", "李晓红", "攸县交通运输局", Reviewer, vec![]),
            member(
                "R03",
                "陈志强",
                "市生态环境局攸县分局",
                Reviewer,
                vec![key(3)],
            ),
            member("R04", "刘芳", "攸县自然资源局", Checker, vec![key(4)]),
            member("R05", "赵卫东", "攸县市场监督管理局", Reviewer, vec![]),
            member("R06", "孙丽", "攸县交通运输局", Checker, vec![]),
        ],
    }
}

/// Column letter and header, as problems name them.
type Column = Option<(String, String)>;

fn import(name: &str) -> Roster {
    roster::import(&fixture(name)).unwrap_or_else(|e| panic!("{}", e.render(Lang::En)))
}

#[test]
fn utf8_roster_has_the_six_people() {
    let r = import("roster-utf8.csv");
    assert_eq!(r, expected());
    let ids = |it: &mut dyn Iterator<Item = &Member>| it.map(|m| m.id.clone()).collect::<Vec<_>>();
    assert_eq!(ids(&mut r.reviewers()), ["R01", "R02", "R03", "R05"]);
    assert_eq!(ids(&mut r.checkers()), ["R04", "R06"]);
    assert_eq!(
        r.key_owner(&key(3)).map(|m| m.name.as_str()),
        Some("陈志强")
    );
}

#[test]
fn gbk_xlsx_and_english_headers_give_the_same_roster() {
    let utf8 = import("roster-utf8.csv");
    assert_eq!(import("roster-gbk.csv"), utf8);
    assert_eq!(import("roster.xlsx"), utf8);
    // No id column: ids are numbered in file order, which here are the same.
    assert_eq!(import("roster-english.csv"), utf8);
}

#[test]
fn the_units_are_the_sample_registers_agencies() {
    let r = import("roster-utf8.csv");
    let register = std::fs::read_to_string(
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("samples/county-register.csv"),
    )
    .unwrap();
    let agencies: Vec<String> = register
        .lines()
        .skip(1)
        .filter_map(|l| l.split(',').nth(2))
        .map(String::from)
        .collect::<std::collections::BTreeSet<_>>()
        .into_iter()
        .collect();
    let w = roster::warnings(&r, &agencies);
    assert_eq!(
        w,
        ["R02 李晓红", "R05 赵卫东", "R06 孙丽"]
            .map(|m| RosterWarning::NoKey { member: m.into() })
            .to_vec(),
        "every unit is spelt as in samples/county-register.csv"
    );
}

#[test]
fn the_bad_roster_reports_every_problem_with_row_and_column() {
    let problems: Vec<RosterProblem> = match roster::import(&fixture("roster-bad.csv")) {
        Err(RosterError::Problems(p)) => p,
        other => panic!("expected problems, got {other:?}"),
    };
    let file = fixture("roster-bad.csv").display().to_string();
    let col = |letter: &str, header: &str| Some((letter.to_string(), header.to_string()));
    let expected: Vec<(u64, Column, ProblemKind)> = vec![
        (
            3,
            col("B", "姓名"),
            ProblemKind::EmptyField { field: Field::Name },
        ),
        (
            4,
            col("C", "单位"),
            ProblemKind::EmptyField { field: Field::Unit },
        ),
        (
            5,
            col("A", "编号"),
            ProblemKind::DuplicateId {
                id: "R01".into(),
                first_row: 2,
            },
        ),
        (
            6,
            col("D", "角色"),
            ProblemKind::UnknownRole {
                value: "组长".into(),
            },
        ),
        (
            7,
            col("E", "公钥"),
            ProblemKind::BadKey(KeyProblem::WrongLength {
                expected: 64,
                found: 63,
            }),
        ),
        (
            8,
            col("E", "公钥"),
            ProblemKind::SharedKey {
                fingerprint: keys::fingerprint(&key(1)),
                first_row: 2,
                owner: "R01 王建华".into(),
            },
        ),
        (
            9,
            col("A", "编号"),
            ProblemKind::BadId(IdProblem::PathSeparator),
        ),
        (
            10,
            col("B", "姓名"),
            ProblemKind::Invisible {
                field: Field::Name,
                code: 0x202E,
            },
        ),
        (
            11,
            col("E", "公钥"),
            ProblemKind::BadKey(KeyProblem::WeakKey),
        ),
        (
            12,
            col("E", "公钥"),
            ProblemKind::BadKey(KeyProblem::NotHex),
        ),
    ];
    let found: Vec<_> = problems
        .iter()
        .map(|p| {
            assert_eq!(p.place.file, file);
            (p.place.row.unwrap(), p.place.column.clone(), p.kind.clone())
        })
        .collect();
    assert_eq!(found, expected);

    let zh = RosterError::Problems(problems.clone()).render(Lang::Zh);
    assert!(
        zh.starts_with("评查人员名单有 10 个问题，未导入任何人员："),
        "{zh}"
    );
    assert!(
        zh.contains(&format!(
            "文件 {file} 第 6 行 D 列（角色）: 角色“组长”无法识别。请填“评查人”或“复核人”"
        )),
        "{zh}"
    );
    let en = problems[6].render(Lang::En);
    assert!(
        en.starts_with(&format!(
            "file {file}, row 9, column A (编号): the id cannot be used"
        )),
        "{en}"
    );
    // The invisible character itself is never echoed back.
    assert!(!zh.contains('\u{202E}'));
}

#[test]
fn missing_files_and_sheets_are_reported_not_panicked() {
    match roster::import(&fixture("no-such-roster.csv")) {
        Err(RosterError::Problems(p)) => {
            assert!(matches!(
                p[0].kind,
                ProblemKind::File(RegisterProblem::Unreadable { .. })
            ));
        }
        other => panic!("{other:?}"),
    }
    let options = roster::ImportOptions {
        sheet: Some("名单".into()),
        ..Default::default()
    };
    match roster::import_with(&fixture("roster.xlsx"), &options) {
        Err(RosterError::Problems(p)) => assert_eq!(
            p[0].kind,
            ProblemKind::File(RegisterProblem::NoSuchSheet {
                name: "名单".into(),
                sheets: "roster-utf8".into()
            })
        ),
        other => panic!("{other:?}"),
    }
}

#[test]
fn a_registered_key_verifies_its_holders_signature() {
    let mut r = import("roster-utf8.csv");
    let dir = tempfile::tempdir().unwrap();
    let k = keys::generate().unwrap();
    let (_, public) = keys::write_pair(dir.path(), "R02", &k).unwrap();
    let text = std::fs::read_to_string(public).unwrap();
    assert_eq!(r.add_key("R02", &text), Ok(true));
    let (id, secret) = keys::read_secret(&dir.path().join("R02.key")).unwrap();
    let sig = keys::sign(&secret, "R02 scored 攸交罚〔2023〕52号".as_bytes());
    let owner = r.key_owner(&keys::public_hex(&secret)).unwrap();
    assert_eq!((owner.id.as_str(), id.as_str()), ("R02", "R02"));
    assert_eq!(
        keys::verify(
            &owner.keys[0],
            "R02 scored 攸交罚〔2023〕52号".as_bytes(),
            &sig
        ),
        Ok(())
    );
}
