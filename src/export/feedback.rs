//! The 评查意见书: the review-opinion letter to one agency — which of its files were reviewed
//! and how they scored, every problem found (each with the stable rectification id the 整改台账
//! is filled in by), what to rectify by when, the issuing office's signature and seal, a line
//! for the agency's receipt, and the audit digests in the footer.
//!
//! Laid out from plain data (`Letter`), so this module depends on nothing but the writers: the
//! caller gathers the files, problems and digests from the review and the rectification record.
//! `document` gives the letter to print and seal (DOCX), `table` the same content as a sheet
//! (XLSX), and `write` writes both. Nothing here drops a problem: every one is a row of both.

use super::docx::{Block, Document};
use super::{Column, ExportError, Table, Written};
use crate::i18n::Lang;
use crate::tr;
use std::path::Path;

/// What a letter says, gathered by the caller.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Letter {
    /// The issuing office, e.g. `攸县司法局`; empty prints `（评查机关）`.
    pub office: String,
    /// 文号, e.g. `攸司评〔2025〕3号`; empty leaves a line to fill in by hand.
    pub doc_number: String,
    pub campaign: String,
    /// The addressee: the agency whose files were reviewed.
    pub agency: String,
    /// The letter's date, `YYYY-MM-DD`.
    pub date: String,
    /// The default rectification deadline, `YYYY-MM-DD`.
    pub deadline: String,
    pub files: Vec<LetterFile>,
    pub problems: Vec<LetterProblem>,
    /// Audit lines: journal head, rectification record head, campaign digest.
    pub digests: Vec<String>,
}

/// One of the agency's reviewed files.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct LetterFile {
    pub case_id: String,
    pub case_type: String,
    pub score: String,
    pub grade: String,
}

/// One problem to rectify.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct LetterProblem {
    /// The stable rectification id, e.g. `Z0007`.
    pub id: String,
    pub case_id: String,
    /// The checklist item, e.g. `B2 立案审批`.
    pub item: String,
    pub category: String,
    /// `扣分 1 分`, `否决`.
    pub verdict: String,
    pub finding: String,
    /// 卷内页码, e.g. `第12页`.
    pub evidence: String,
    pub basis: String,
    /// This problem's deadline `YYYY-MM-DD`; empty means the letter's.
    pub deadline: String,
}

fn title(lang: Lang) -> &'static str {
    lang.pick(
        "行政执法案卷评查意见书",
        "Review Opinion on Administrative Enforcement Case Files",
    )
}

fn office(l: &Letter, lang: Lang) -> String {
    if l.office.trim().is_empty() {
        lang.pick("（评查机关）", "(reviewing office)").into()
    } else {
        l.office.clone()
    }
}

fn doc_number(l: &Letter, lang: Lang) -> String {
    if l.doc_number.trim().is_empty() {
        lang.pick("〔    〕  号", "Ref. 〔    〕 No.    ").into()
    } else {
        l.doc_number.clone()
    }
}

/// `2025-03-07` as `2025年3月7日` in Chinese (as GB/T 9704 writes dates); anything else as it is.
pub fn date(d: &str, lang: Lang) -> String {
    let parts: Vec<&str> = d.split('-').collect();
    match (lang, parts.as_slice()) {
        (Lang::Zh, [y, m, day])
            if y.len() == 4 && [y, m, day].iter().all(|p| p.parse::<u32>().is_ok()) =>
        {
            let n = |p: &str| p.parse::<u32>().unwrap_or_default();
            format!("{y}年{}月{}日", n(m), n(day))
        }
        _ => d.to_string(),
    }
}

/// `by {deadline}`, or within the set time when there is no deadline.
fn due(deadline: &str, lang: Lang) -> String {
    if deadline.trim().is_empty() {
        lang.pick("在规定时限内", "within the time set").into()
    } else {
        tr!(lang, "于{}前", "by {}", date(deadline, lang))
    }
}

/// The problem's deadline, or the letter's.
fn deadline_of<'a>(l: &'a Letter, p: &'a LetterProblem) -> &'a str {
    if p.deadline.trim().is_empty() {
        &l.deadline
    } else {
        &p.deadline
    }
}

/// Whether some problem has a deadline of its own.
fn has_own_deadlines(l: &Letter) -> bool {
    l.problems.iter().any(|p| deadline_of(l, p) != l.deadline)
}

fn opening(l: &Letter, lang: Lang) -> String {
    let n = l.files.len();
    let d = date(&l.date, lang);
    match (lang, l.campaign.trim().is_empty()) {
        (Lang::Zh, false) => format!(
            "根据{}工作安排，我局于{d}前对你单位{n}件行政执法案卷进行了评查。现将评查意见反馈如下：",
            l.campaign
        ),
        (Lang::Zh, true) => format!(
            "根据工作安排，我局于{d}前对你单位{n}件行政执法案卷进行了评查。现将评查意见反馈如下："
        ),
        (Lang::En, false) => format!(
            "Under the work arrangements of {}, this office reviewed {n} administrative enforcement case file(s) of your unit before {d}. Our opinions are as follows:",
            l.campaign
        ),
        (Lang::En, true) => format!(
            "Under the work arrangements, this office reviewed {n} administrative enforcement case file(s) of your unit before {d}. Our opinions are as follows:"
        ),
    }
}

/// `共评查案卷 3 件，其中优秀 2 件、合格 1 件。`: grades in the order they first appear.
fn files_summary(l: &Letter, lang: Lang) -> String {
    let mut grades: Vec<(&str, usize)> = Vec::new();
    for f in l.files.iter().filter(|f| !f.grade.trim().is_empty()) {
        match grades.iter_mut().find(|(g, _)| *g == f.grade) {
            Some((_, n)) => *n += 1,
            None => grades.push((&f.grade, 1)),
        }
    }
    let n = l.files.len();
    if grades.is_empty() {
        return tr!(lang, "共评查案卷 {n} 件。", "{n} file(s) reviewed.");
    }
    let list = grades
        .iter()
        .map(|(g, k)| tr!(lang, "{g} {k} 件", "{g}: {k}"))
        .collect::<Vec<_>>()
        .join(lang.pick("、", ", "));
    tr!(
        lang,
        "共评查案卷 {n} 件，其中{list}。",
        "{n} file(s) reviewed; {list}."
    )
}

fn problems_summary(l: &Letter, lang: Lang) -> String {
    match l.problems.len() {
        0 => lang
            .pick(
                "本次评查未发现需要整改的问题。",
                "The review found no problem to rectify.",
            )
            .into(),
        m => tr!(
            lang,
            "评查发现问题 {m} 个，逐条列明如下（整改编号与《整改台账》逐条对应）：",
            "The review found {m} problem(s), listed below (each rectification id is a line of the Rectification Ledger):"
        ),
    }
}

/// The rectification requirements, and a sentence for the problems with their own deadline.
fn requirements(l: &Letter, lang: Lang) -> Vec<String> {
    if l.problems.is_empty() {
        return vec![lang
            .pick(
                "本次评查无需整改。请你单位继续规范行政执法案卷制作和管理。",
                "No rectification is required. Please keep the case files of your unit in good order.",
            )
            .into()];
    }
    let due = due(&l.deadline, lang);
    let mut out = vec![tr!(
        lang,
        "请你单位按照“定领导、定责任、定方案、定时限”的要求，{due}逐条整改到位，填写《整改台账》（附后，按整改编号逐条填写责任领导、责任人、整改措施、整改情况、完成日期），连同整改佐证材料报送我局。逾期未整改或整改不到位的，将按规定予以通报；涉嫌违纪违法的，移交监督问责组处置。",
        "Following the rule of “a leader, a responsibility, a plan and a deadline” for every problem, please rectify each problem {due}, fill in the Rectification Ledger (attached; for each rectification id, the leader and the person responsible, the measures, the progress and the completion date), and send it with the supporting evidence to this office. Problems not rectified in time or not fully rectified will be reported as required; suspected breaches of discipline or law will be referred to the supervision and accountability group."
    )];
    if has_own_deadlines(l) {
        out.push(
            lang.pick(
                "个别问题另定整改时限的（见问题表“整改时限”栏），按所列时限整改。",
                "Problems with a deadline of their own (the Deadline column of the table) are to be rectified by that deadline.",
            )
            .into(),
        );
    }
    out
}

fn receipt(lang: Lang) -> &'static str {
    lang.pick(
        "签收人：________　签收日期：________",
        "Received by: ________   Date received: ________",
    )
}

/// A column: Chinese header, English header, width in characters on the sheet, and width on
/// the letter's page in twips. The page widths are set by hand, not scaled from the sheet's: each
/// cell's fixed padding would squeeze the narrow columns, and ten columns share a portrait page
/// (the letter is a 公文), so each is as wide as its usual content needs to break cleanly: `序号`
/// and `Z0007` on one line, a date on two, even where the Latin text falls back to a wide font
/// (DejaVu Sans in LibreOffice without FangSong).
type Spec = (&'static str, &'static str, f64, u32);

const FILE_COLUMNS: [Spec; 5] = [
    ("序号", "No.", 5.0, 700),
    ("案号", "Case id", 24.0, 3300),
    ("案件类型", "Case type", 14.0, 2245),
    ("得分", "Score", 8.0, 1300),
    ("等次", "Grade", 8.0, 1300),
];

const PROBLEM_COLUMNS: [Spec; 10] = [
    ("序号", "No.", 5.0, 540),
    ("整改编号", "Rectification id", 8.0, 820),
    ("案号", "Case id", 18.0, 1340),
    ("检查项", "Item", 12.0, 850),
    ("问题类别", "Category", 8.0, 540),
    ("扣分情况", "Deduction", 8.0, 560),
    ("具体问题", "Problem", 28.0, 1755),
    ("证据页码", "Evidence", 8.0, 640),
    ("依据", "Basis", 16.0, 1040),
    ("整改时限", "Deadline", 11.0, 760),
];

/// Narrower than this (twips), a four-character header prints as two lines of two, as printed
/// forms set them, rather than three characters and one.
const NARROW: u32 = 1000;

fn columns(spec: &[Spec], lang: Lang) -> Vec<Column> {
    spec.iter()
        .map(|&(zh, en, chars, _)| Column {
            header: lang.pick(zh, en).into(),
            width: chars,
        })
        .collect()
}

fn docx_columns(spec: &[Spec], lang: Lang) -> Vec<(String, u32)> {
    spec.iter()
        .map(|&(zh, en, _, twips)| {
            let header = match lang {
                Lang::Zh if twips < NARROW && zh.chars().count() == 4 => {
                    let (a, b) = zh.split_at(zh.char_indices().nth(2).map_or(0, |(i, _)| i));
                    format!("{a}\n{b}")
                }
                _ => lang.pick(zh, en).to_string(),
            };
            (header, twips)
        })
        .collect()
}

/// A `YYYY-MM-DD` date in a narrow cell as `YYYY-` over `MM-DD`: a date has no break
/// opportunity, and each renderer would cut it somewhere else.
fn narrow_date(d: &str) -> String {
    match d.split_once('-') {
        Some((y, md)) if y.len() == 4 && md.len() == 5 => format!("{y}-\n{md}"),
        _ => d.to_string(),
    }
}

fn file_rows(l: &Letter) -> Vec<Vec<String>> {
    l.files
        .iter()
        .enumerate()
        .map(|(n, f)| {
            vec![
                (n + 1).to_string(),
                f.case_id.clone(),
                f.case_type.clone(),
                f.score.clone(),
                f.grade.clone(),
            ]
        })
        .collect()
}

/// One row per problem, in the caller's order, each with its deadline (the letter's if it has
/// none of its own).
fn problem_rows(l: &Letter) -> Vec<Vec<String>> {
    l.problems
        .iter()
        .enumerate()
        .map(|(n, p)| {
            vec![
                (n + 1).to_string(),
                p.id.clone(),
                p.case_id.clone(),
                p.item.clone(),
                p.category.clone(),
                p.verdict.clone(),
                p.finding.clone(),
                p.evidence.clone(),
                p.basis.clone(),
                deadline_of(l, p).to_string(),
            ]
        })
        .collect()
}

/// The letter, to print and seal.
pub fn document(l: &Letter, lang: Lang) -> Document {
    let mut blocks = vec![
        Block::Title(title(lang).into()),
        Block::DocNumber(doc_number(l, lang)),
        Block::Addressee(tr!(lang, "{}：", "To {}:", l.agency)),
        Block::body(opening(l, lang)),
        Block::heading(lang.pick("一、评查案卷及结果", "1. Files reviewed and results")),
        Block::body(files_summary(l, lang)),
    ];
    if !l.files.is_empty() {
        blocks.push(Block::Table {
            columns: docx_columns(&FILE_COLUMNS, lang),
            rows: file_rows(l),
        });
    }
    blocks.push(Block::heading(
        lang.pick("二、存在的问题", "2. Problems found"),
    ));
    blocks.push(Block::body(problems_summary(l, lang)));
    if !l.problems.is_empty() {
        let mut rows = problem_rows(l);
        for r in &mut rows {
            r[9] = narrow_date(&r[9]);
        }
        blocks.push(Block::Table {
            columns: docx_columns(&PROBLEM_COLUMNS, lang),
            rows,
        });
    }
    blocks.push(Block::heading(
        lang.pick("三、整改要求", "3. Rectification required"),
    ));
    blocks.extend(requirements(l, lang).into_iter().map(Block::body));
    blocks.push(Block::Signature(vec![
        office(l, lang),
        lang.pick("（印章）", "(seal)").into(),
        date(&l.date, lang),
    ]));
    blocks.push(Block::line(""));
    blocks.push(Block::line(receipt(lang)));
    Document {
        blocks,
        footer: l.digests.join("\n"),
        landscape: false,
    }
}

/// The same content as a sheet: the letter's particulars and files in the preamble, one row
/// per problem, the signature and receipt lines.
pub fn table(l: &Letter, lang: Lang) -> Table {
    let mut preamble = vec![
        tr!(lang, "文号：{}", "Ref.: {}", doc_number(l, lang)),
        tr!(lang, "被评查单位：{}", "Agency reviewed: {}", l.agency),
        tr!(lang, "评查工作：{}", "Campaign: {}", l.campaign),
        tr!(lang, "日期：{}", "Date: {}", l.date),
        tr!(
            lang,
            "整改时限：{}",
            "Rectification deadline: {}",
            l.deadline
        ),
        files_summary(l, lang),
    ];
    preamble.extend(file_rows(l).into_iter().map(|r| {
        tr!(
            lang,
            "{}. {}（{}）得分 {}，{}",
            "{}. {} ({}) score {}, {}",
            r[0],
            r[1],
            r[2],
            r[3],
            r[4]
        )
    }));
    preamble.push(problems_summary(l, lang));
    preamble.extend(requirements(l, lang));
    Table {
        name: tr!(lang, "评查意见书-{}", "review-opinion-{}", l.agency),
        title: title(lang).into(),
        preamble,
        columns: columns(&PROBLEM_COLUMNS, lang),
        rows: problem_rows(l),
        signatures: vec![
            tr!(
                lang,
                "{}（印章）　{}",
                "{} (seal)   {}",
                office(l, lang),
                date(&l.date, lang)
            ),
            receipt(lang).into(),
        ],
        footer: l.digests.join(" | "),
    }
}

/// A file name from the table's name: the characters Windows refuses in names replaced by `_`.
fn file_stem(name: &str) -> String {
    name.chars()
        .map(|c| {
            if c.is_control() || "/\\:*?\"<>|".contains(c) {
                '_'
            } else {
                c
            }
        })
        .collect()
}

/// Write the letter into `out` as `评查意见书-{agency}.docx` (to print and seal) and `.xlsx`
/// (the same content as a sheet).
pub fn write(l: &Letter, lang: Lang, out: &Path) -> Result<Vec<Written>, ExportError> {
    let t = table(l, lang);
    let stem = file_stem(&t.name);
    super::write_files(
        out,
        [
            (
                format!("{stem}.docx"),
                super::docx::to_bytes(&document(l, lang))?,
            ),
            (format!("{stem}.xlsx"), super::xlsx::to_bytes(&t)?),
        ],
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn problem(id: &str, finding: &str) -> LetterProblem {
        LetterProblem {
            id: id.into(),
            case_id: "攸交罚〔2024〕10号".into(),
            item: "B2 立案审批".into(),
            category: "程序规范".into(),
            verdict: "扣分 1 分".into(),
            finding: finding.into(),
            evidence: "第12页".into(),
            basis: "《行政处罚法》第五十四条".into(),
            deadline: String::new(),
        }
    }

    fn letter() -> Letter {
        Letter {
            office: "攸县司法局".into(),
            doc_number: "攸司评〔2025〕3号".into(),
            campaign: "2025年度行政执法案卷评查".into(),
            agency: "攸县交通运输局".into(),
            date: "2025-11-20".into(),
            deadline: "2025-12-31".into(),
            files: vec![
                LetterFile {
                    case_id: "攸交罚〔2024〕10号".into(),
                    case_type: "行政处罚".into(),
                    score: "92".into(),
                    grade: "优秀".into(),
                },
                LetterFile {
                    case_id: "攸交罚〔2024〕11号".into(),
                    case_type: "行政处罚".into(),
                    score: "75".into(),
                    grade: "合格".into(),
                },
                LetterFile {
                    case_id: "攸交强〔2024〕2号".into(),
                    case_type: "行政强制".into(),
                    score: "90".into(),
                    grade: "优秀".into(),
                },
            ],
            problems: vec![
                problem("Z0001", "立案审批表无负责人签批意见"),
                LetterProblem {
                    deadline: "2025-12-15".into(),
                    ..problem("Z0002", "送达回证缺少签名")
                },
            ],
            digests: vec!["日志头 aa".into(), "整改记录头 bb".into()],
        }
    }

    fn texts(d: &Document) -> Vec<String> {
        d.blocks
            .iter()
            .flat_map(|b| match b {
                Block::Title(t) | Block::DocNumber(t) | Block::Addressee(t) | Block::Note(t) => {
                    vec![t.clone()]
                }
                Block::Paragraph { text, .. } => vec![text.clone()],
                Block::Signature(lines) => lines.clone(),
                Block::Table { .. } | Block::Chart(_) | Block::PageBreak => vec![],
            })
            .collect()
    }

    /// A table block's columns and rows.
    type TableBlock<'a> = (&'a Vec<(String, u32)>, &'a Vec<Vec<String>>);

    fn tables(d: &Document) -> Vec<TableBlock<'_>> {
        d.blocks
            .iter()
            .filter_map(|b| match b {
                Block::Table { columns, rows } => Some((columns, rows)),
                _ => None,
            })
            .collect()
    }

    #[test]
    fn the_letter_reads_as_the_office_writes_it() {
        let d = document(&letter(), Lang::Zh);
        let t = texts(&d);
        assert_eq!(
            t[..4],
            [
                "行政执法案卷评查意见书",
                "攸司评〔2025〕3号",
                "攸县交通运输局：",
                "根据2025年度行政执法案卷评查工作安排，我局于2025年11月20日前对你单位3件行政执法案卷进行了评查。现将评查意见反馈如下："
            ]
        );
        for heading in ["一、评查案卷及结果", "二、存在的问题", "三、整改要求"]
        {
            assert!(t.iter().any(|x| x == heading), "{heading}");
        }
        assert!(t.contains(&"共评查案卷 3 件，其中优秀 2 件、合格 1 件。".to_string()));
        assert!(t.iter().any(|x| x.starts_with(
            "请你单位按照“定领导、定责任、定方案、定时限”的要求，于2025年12月31日前逐条整改到位"
        )));
        assert!(t.iter().any(|x| x.starts_with("个别问题另定整改时限的")));
        assert_eq!(
            d.blocks.iter().find(|b| matches!(b, Block::Signature(_))),
            Some(&Block::Signature(vec![
                "攸县司法局".into(),
                "（印章）".into(),
                "2025年11月20日".into()
            ]))
        );
        assert_eq!(t.last().unwrap(), "签收人：________　签收日期：________");
        assert_eq!(d.footer, "日志头 aa\n整改记录头 bb");
        assert!(!d.landscape);
    }

    #[test]
    fn every_problem_is_a_row_with_its_deadline() {
        let d = document(&letter(), Lang::Zh);
        let tables = tables(&d);
        assert_eq!(tables.len(), 2);
        let (files, problems) = (tables[0], tables[1]);
        assert_eq!(
            files.0.iter().map(|c| c.0.as_str()).collect::<Vec<_>>(),
            ["序号", "案号", "案件类型", "得分", "等次"]
        );
        assert_eq!(files.1.len(), 3);
        assert_eq!(
            problems
                .0
                .iter()
                .map(|c| c.0.replace('\n', ""))
                .collect::<Vec<_>>(),
            [
                "序号",
                "整改编号",
                "案号",
                "检查项",
                "问题类别",
                "扣分情况",
                "具体问题",
                "证据页码",
                "依据",
                "整改时限"
            ]
        );
        assert_eq!(
            problems.0.iter().map(|c| c.1).sum::<u32>(),
            8845,
            "the text width of a portrait page"
        );
        assert_eq!(problems.1.len(), 2);
        assert_eq!(problems.1[0][1], "Z0001");
        assert_eq!(problems.1[0][9], "2025-\n12-31", "the letter's deadline");
        assert_eq!(problems.1[1][9], "2025-\n12-15", "its own deadline");
        let sheet = table(&letter(), Lang::Zh);
        assert_eq!(sheet.rows.len(), 2);
        assert_eq!(sheet.rows[0][6], "立案审批表无负责人签批意见");
        assert_eq!(sheet.rows[0][9], "2025-12-31");
        assert_eq!(sheet.rows[1][9], "2025-12-15");
        assert_eq!(sheet.columns.len(), sheet.rows[0].len());
    }

    #[test]
    fn a_letter_without_problems_says_so() {
        let l = Letter {
            problems: vec![],
            office: String::new(),
            doc_number: " ".into(),
            ..letter()
        };
        let d = document(&l, Lang::Zh);
        let t = texts(&d);
        assert_eq!(tables(&d).len(), 1, "only the files table");
        assert!(t.contains(&"本次评查未发现需要整改的问题。".to_string()));
        assert!(!t.iter().any(|x| x.contains("逐条整改到位")));
        assert_eq!(t[1], "〔    〕  号", "a 文号 to fill in by hand");
        assert!(t.contains(&"（评查机关）".to_string()));
        assert!(table(&l, Lang::Zh).rows.is_empty());
    }

    #[test]
    fn the_sheet_carries_the_letters_particulars() {
        let t = table(&letter(), Lang::Zh);
        assert_eq!(t.name, "评查意见书-攸县交通运输局");
        assert_eq!(t.title, "行政执法案卷评查意见书");
        for line in [
            "文号：攸司评〔2025〕3号",
            "被评查单位：攸县交通运输局",
            "日期：2025-11-20",
            "整改时限：2025-12-31",
            "共评查案卷 3 件，其中优秀 2 件、合格 1 件。",
            "1. 攸交罚〔2024〕10号（行政处罚）得分 92，优秀",
        ] {
            assert!(t.preamble.contains(&line.to_string()), "{line}");
        }
        assert_eq!(
            t.signatures,
            [
                "攸县司法局（印章）　2025年11月20日",
                "签收人：________　签收日期：________"
            ]
        );
        assert_eq!(t.footer, "日志头 aa | 整改记录头 bb");
    }

    #[test]
    fn english_on_request() {
        let d = document(&letter(), Lang::En);
        let t = texts(&d);
        assert_eq!(
            t[0],
            "Review Opinion on Administrative Enforcement Case Files"
        );
        assert_eq!(t[2], "To 攸县交通运输局:");
        assert!(t[3].contains(
            "reviewed 3 administrative enforcement case file(s) of your unit before 2025-11-20"
        ));
        assert!(t.iter().any(|x| x.contains("by 2025-12-31")));
        let (cols, _) = tables(&d)[1];
        assert_eq!(cols[1].0, "Rectification id");
    }

    #[test]
    fn dates_and_file_names() {
        assert_eq!(date("2025-03-07", Lang::Zh), "2025年3月7日");
        assert_eq!(date("2025-03-07", Lang::En), "2025-03-07");
        assert_eq!(date("2025年3月", Lang::Zh), "2025年3月");
        assert_eq!(date("", Lang::Zh), "");
        assert_eq!(narrow_date("2025-12-31"), "2025-\n12-31");
        assert_eq!(narrow_date("另行通知"), "另行通知");
        assert_eq!(
            file_stem("评查意见书-县局/所:A\u{1}"),
            "评查意见书-县局_所_A_"
        );
    }
}
