//! The 评查情况通报（草稿）: the campaign's bulletin as a DOCX for the office to edit — how the
//! files were chosen (registers, population, the pre-seed commitment, the witnessed draw with
//! its seed and digests, superseded draws), the results (files, average, grades, 优秀率 and
//! 合格率, the ranking and its charts), the problems by category of the campaign's category set
//! with typical examples, the 不合格 files, rectification progress when the loop has begun,
//! and a placeholder for the next steps marked 【请编辑】.
//!
//! Every number comes from `Figures` (the same the 评查情况汇总表 and the public page print)
//! and from the rectification progress `export::rectification::progress`; every fact of the
//! draw from its records. Nothing here computes a figure of its own. The bulletin names no
//! 当事人, 承办人 or contact: a case is named by its case id and agency only, never by its
//! title (a case name often carries the party's). Its bytes are a function of the record and
//! `as_of`, so the same record gives the same file.

use super::report_charts;
use crate::export::docx::{self, Block, Document};
use crate::export::figures::{AgencyFigures, Figures};
use crate::export::rectification::{closing_rate, progress};
use crate::export::{ExportError, Written};
use crate::i18n::Lang;
use crate::rectification::item::{date_text, Status};
use crate::rectification::{RectError, Rectification};
use crate::tr;
use chrono::NaiveDate;
use std::path::Path;

/// Typical examples quoted per problem category.
pub const EXAMPLES_PER_CATEGORY: usize = 3;

/// The mark on every passage the office is to write or check, easy to search for.
pub fn edit_mark(lang: Lang) -> &'static str {
    lang.pick("【请编辑】", "[EDIT]")
}

/// The file the draft is written as.
pub fn file_name(lang: Lang) -> &'static str {
    lang.pick("评查情况通报（草稿）.docx", "review-bulletin-draft.docx")
}

/// Why no draft was written; `render` says it in the user's language with what to do.
#[derive(Debug, thiserror::Error)]
pub enum ReportError {
    #[error("the workspace cannot be read for the bulletin")]
    Open(RectError),
    #[error("{0}")]
    Export(#[from] ExportError),
}

impl ReportError {
    pub fn render(&self, lang: Lang) -> String {
        match self {
            ReportError::Open(e) => tr!(
                lang,
                "{}。通报草稿没有生成，未写出任何文件",
                "{}. No bulletin was written",
                e.render(lang).trim_end_matches(['。', '.'])
            ),
            ReportError::Export(e) => e.render(lang),
        }
    }
}

/// Open the workspace `dir`, refusing a damaged journal or rectification record (its figures
/// cannot be relied on), and build the draft as of `as_of`.
pub fn build(dir: &Path, as_of: NaiveDate, lang: Lang) -> Result<Document, ReportError> {
    let r = Rectification::open(dir).map_err(ReportError::Open)?;
    if !r.review.journal.breaks.is_empty() {
        return Err(ReportError::Open(RectError::Review(
            crate::review::ReviewError::Damaged(r.review.journal.breaks.clone()),
        )));
    }
    if !r.record.breaks.is_empty() {
        return Err(ReportError::Open(RectError::Damaged(
            r.record.breaks.clone(),
        )));
    }
    Ok(document(&r, as_of, lang))
}

/// Build the draft from `dir` and write it into `out` (created if missing) as `file_name`;
/// nothing is written when the workspace cannot be read.
pub fn write(dir: &Path, out: &Path, as_of: NaiveDate, lang: Lang) -> Result<Written, ReportError> {
    let doc = build(dir, as_of, lang)?;
    let bytes = docx::to_bytes(&doc)?;
    let mut w = crate::export::write_files(out, [(file_name(lang).to_string(), bytes)])?;
    Ok(w.remove(0))
}

/// `2026-03-16T09:00:03+08:00` as `2026年3月16日 09:00` (`2026-03-16 09:00` in English);
/// anything else as it is.
fn when(at: &str, lang: Lang) -> String {
    match chrono::DateTime::parse_from_rfc3339(at) {
        Ok(t) => format!(
            "{} {}",
            crate::export::feedback::date(&t.date_naive().to_string(), lang),
            t.format("%H:%M")
        ),
        Err(_) => at.to_string(),
    }
}

fn day(d: NaiveDate, lang: Lang) -> String {
    crate::export::feedback::date(&date_text(d), lang)
}

/// `关于演示专项行政执法案卷评查情况的通报（草稿）`, without repeating a name that already says
/// 行政执法案卷评查.
fn title(campaign: Option<&str>, lang: Lang) -> String {
    match (lang, campaign.map(str::trim).filter(|c| !c.is_empty())) {
        (Lang::Zh, Some(c)) if c.ends_with("评查") => format!("关于{c}情况的通报（草稿）"),
        (Lang::Zh, Some(c)) => format!("关于{c}行政执法案卷评查情况的通报（草稿）"),
        (Lang::Zh, None) => "关于行政执法案卷评查情况的通报（草稿）".into(),
        (Lang::En, Some(c)) => format!("Bulletin on the Case-File Review: {c} (Draft)"),
        (Lang::En, None) => "Bulletin on the Case-File Review (Draft)".into(),
    }
}

fn method(m: &crate::draw::allocation::Method, lang: Lang) -> String {
    use crate::draw::allocation::Method;
    match m {
        Method::Proportional {
            min_per_stratum, ..
        } => tr!(
            lang,
            "按各层案卷数比例分配（每层至少 {min_per_stratum} 件）",
            "in proportion to each stratum's size (at least {min_per_stratum} per stratum)"
        ),
        Method::Equal { per_stratum } => {
            tr!(lang, "每层 {per_stratum} 件", "{per_stratum} per stratum")
        }
        Method::Fixed { .. } => lang.pick("按事先确定的各层数额", "by fixed quotas").into(),
    }
}

/// A digest on a line of its own in the tables' size, where 64 hex digits fit on one line.
fn digest(what: &str, sha256: &str, lang: Lang) -> Block {
    Block::Note(tr!(
        lang,
        "{what} SHA-256：{sha256}",
        "{what} SHA-256: {sha256}"
    ))
}

/// A stratum field as the office names it (`agency` → 执法机关); a register's own column
/// header as it is.
fn field_name(field: &str, lang: Lang) -> String {
    match field {
        "agency" => lang.pick("执法机关", "agency").into(),
        "case_type" => lang.pick("案件类型", "case type").into(),
        other => other.to_string(),
    }
}

fn list(items: &[String], lang: Lang) -> String {
    items.join(lang.pick("、", ", "))
}

/// 一、基本情况: what was reviewed and how it was chosen.
fn basics(r: &Rectification, f: &Figures, lang: Lang, out: &mut Vec<Block>) {
    let review = &r.review;
    let d = &review.draw;
    let campaign = review.ws.campaign().ok().map(|(c, _)| c);
    out.push(Block::heading(lang.pick("一、基本情况", "1. Background")));
    if let Some(c) = &campaign {
        let fields: Vec<String> = d
            .stratum_fields
            .iter()
            .map(|f| field_name(f, lang))
            .collect();
        out.push(Block::body(tr!(
            lang,
            "（一）抽样总体。各单位报送的案卷目录 {} 份，经校验冻结，{} 件案卷构成抽样总体（按{}分层，{} 层）。",
            "(1) Population. {} registers were submitted, checked and frozen; {} case files form the population (strata by {}, {} strata).",
            c.registers.len(),
            c.population.size,
            list(&fields, lang),
            c.population.strata.len()
        )));
    }
    out.push(digest(
        lang.pick("总体摘要", "Population"),
        &d.population_sha256,
        lang,
    ));
    out.push(digest(
        lang.pick("评查项目记录", "Campaign record"),
        &d.campaign_sha256,
        lang,
    ));
    let committed = review
        .ws
        .read_commitment(&d.commitment.file)
        .ok()
        .map(|(c, _)| when(&c.created_at, lang))
        .unwrap_or_default();
    let n: u64 = d.allocation.iter().map(|a| a.allocated).sum();
    out.push(Block::body(tr!(
        lang,
        "（二）抽样前承诺。抽取前于 {committed} 固定并公布分配方案（第 {} 号承诺）：{}，共抽取样本 {n} 件，每层另备选 {} 件。",
        "(2) Pre-seed commitment. Before the draw, on {committed}, the allocation was fixed and published (commitment no. {}): {}, a sample of {n} files and {} alternates per stratum.",
        d.commitment.number,
        method(&d.method, lang),
        d.alternates
    )));
    out.push(digest(
        lang.pick("抽样前承诺", "Commitment"),
        &d.commitment.sha256,
        lang,
    ));
    let witnesses: Vec<String> = d
        .witnesses
        .iter()
        .map(|w| {
            if w.unit.trim().is_empty() {
                w.name.clone()
            } else {
                tr!(lang, "{}（{}）", "{} ({})", w.name, w.unit)
            }
        })
        .collect();
    let witnesses = if witnesses.is_empty() {
        lang.pick("（无见证人记录）", "(no witness recorded)")
            .to_string()
    } else {
        list(&witnesses, lang)
    };
    let entered: Vec<String> = d.seed_parts.iter().map(|p| p.who.clone()).collect();
    let seed = if entered.is_empty() {
        d.seed.clone()
    } else {
        tr!(
            lang,
            "{}（由{}分段录入）",
            "{} (entered in parts by {})",
            d.seed,
            list(&entered, lang)
        )
    };
    out.push(Block::body(tr!(
        lang,
        "（三）见证抽取。{}，在{}，由{}组织，{}现场见证，以随机种子 {seed} 按公开算法 {} 抽取（第 {} 次抽取）。抽取结果任何人可用 anjuan verify 复核。",
        "(3) The witnessed draw. On {}, at {}, organised by {} and witnessed by {}, the files were drawn with the seed {seed} by the published algorithm {} (draw no. {}). Anyone can check the result with anjuan verify.",
        when(&d.drawn_at, lang),
        d.place.as_deref().unwrap_or(lang.pick("（地点未记录）", "(place not recorded)")),
        d.organiser.as_deref().unwrap_or(lang.pick("（组织人未记录）", "(organiser not recorded)")),
        witnesses,
        d.algorithm,
        d.number
    )));
    out.push(digest(
        lang.pick("抽取记录", "Draw record"),
        &review.draw_ref.sha256,
        lang,
    ));
    // Every draw this one replaced, back along the chain of records (bounded: a record that
    // named itself cannot loop).
    let (mut by, mut link) = (d.number, d.supersedes.clone());
    let mut steps = 0;
    while let Some(s) = link.take().filter(|_| steps < 1000) {
        steps += 1;
        out.push(Block::body(tr!(
            lang,
            "第 {by} 次抽取作废第 {} 次抽取，理由：{}。",
            "Draw no. {by} superseded draw no. {}; reason: {}.",
            s.number,
            s.reason
        )));
        out.push(digest(
            &tr!(
                lang,
                "作废的第 {} 次抽取记录",
                "Superseded draw no. {}",
                s.number
            ),
            &s.sha256,
            lang,
        ));
        by = s.number;
        link = review
            .ws
            .read_draw(&s.file)
            .ok()
            .and_then(|(r, _)| r.supersedes);
    }
    // Files in the review beyond the sample: alternates taken up in the place of a missing one.
    let taken_up = (f.finalized + f.in_progress + f.not_started).saturating_sub(f.samples);
    let agencies = f.agencies.len();
    out.push(Block::body(tr!(
        lang,
        "（四）评查对象。共抽中 {agencies} 个单位的样本案卷 {} 件，另有备选案卷 {} 件；启用备选案卷 {taken_up} 件。",
        "(4) Files reviewed. A sample of {} files of {agencies} agencies was drawn, with {} alternates; {taken_up} alternates were taken up.",
        f.samples,
        f.alternates
    )));
}

/// The ranking: rank, agency, files drawn and finalized, per grade, average, 优秀率, 合格率.
fn ranking_table(f: &Figures, lang: Lang) -> Block {
    // Relative widths: the agency's name on one line where it can be, numbers up to `100.0`.
    let mut columns = vec![
        (lang.pick("排名", "Rank").to_string(), 4),
        (lang.pick("被评查单位", "Agency").to_string(), 17),
        (lang.pick("抽取数", "Drawn").to_string(), 4),
        (lang.pick("实评数", "Final").to_string(), 4),
    ];
    for g in &f.grades {
        columns.push((g.pick(lang).to_string(), 4));
    }
    columns.extend([
        (lang.pick("平均分", "Average").to_string(), 5),
        (lang.pick("优秀率（%）", "Excellent (%)").to_string(), 6),
        (lang.pick("合格率（%）", "Pass (%)").to_string(), 6),
    ]);
    let row = |rank: String, a: &AgencyFigures| {
        let mut r = vec![
            rank,
            a.agency.clone(),
            a.drawn.to_string(),
            a.finalized().to_string(),
        ];
        r.extend(a.grades.iter().map(|k| k.to_string()));
        r.extend([a.average_text(), a.excellent_rate(), a.pass_rate()]);
        r
    };
    let mut rows: Vec<Vec<String>> = f
        .agencies
        .iter()
        .map(|a| row(a.rank.map(|k| k.to_string()).unwrap_or_default(), a))
        .collect();
    rows.push(row(String::new(), &f.total));
    Block::Table { columns, rows }
}

/// 二、评查结果.
fn results(f: &Figures, as_of: NaiveDate, lang: Lang, out: &mut Vec<Block>) {
    out.push(Block::heading(lang.pick("二、评查结果", "2. Results")));
    out.push(Block::body(tr!(
        lang,
        "截至 {}，样本案卷 {} 件中已评查定稿 {} 件（含启用的备选案卷），进行中 {} 件，未开始 {} 件。",
        "As of {}, of the {} sample files {} had been reviewed and finalized (alternates taken up included), {} were in progress and {} not started.",
        day(as_of, lang),
        f.samples,
        f.finalized,
        f.in_progress,
        f.not_started
    )));
    if !f.all_samples_final {
        out.push(Block::Paragraph {
            text: lang
                .pick(
                    "尚有样本案卷未定稿，本通报中的数字为阶段性统计，仅含已定稿案卷，全部定稿后以最终统计为准。",
                    "Some sample files are not finalized yet: the figures in this bulletin are provisional, count finalized files only, and are final once every file is.",
                )
                .into(),
            indent: true,
            bold: true,
            align: docx::Align::Justify,
        });
    }
    let t = &f.total;
    if t.finalized() == 0 {
        out.push(Block::body(lang.pick(
            "尚无定稿案卷，暂无评查结果。",
            "No file is finalized yet, so there are no results.",
        )));
        return;
    }
    let grades: Vec<String> = f
        .grades
        .iter()
        .zip(&t.grades)
        .map(|(g, k)| tr!(lang, "{} {k} 件", "{}: {k}", g.pick(lang)))
        .collect();
    out.push(Block::body(tr!(
        lang,
        "已定稿案卷平均得分 {} 分，最高 {} 分，最低 {} 分。其中{}；有否决项的 {} 件。优秀率 {}%，合格率 {}%。",
        "The finalized files scored {} on average (highest {}, lowest {}); {}; {} with a veto. Excellent rate {}%, pass rate {}%.",
        t.average_text(),
        t.highest().unwrap_or_default(),
        t.lowest().unwrap_or_default(),
        list(&grades, lang),
        t.vetoed,
        t.excellent_rate(),
        t.pass_rate()
    )));
    out.push(Block::body(lang.pick(
        "各单位评查得分排名如下（依平均分从高到低；平均分相同时实评数多者在前，再按单位名称；无定稿案卷的单位列于最后，不排名）：",
        "The agencies ranked by average score (then by files finalized, then by name; agencies with no finalized file last, unranked):",
    )));
    out.push(ranking_table(f, lang));
    out.push(Block::Chart(report_charts::grades_by_agency(f, lang)));
    out.push(caption(
        1,
        lang.pick("各单位案卷评查等次分布（件）", "Grades by agency (files)"),
        lang,
    ));
    out.push(Block::Chart(report_charts::average_by_agency(f, lang)));
    out.push(caption(
        2,
        lang.pick("各单位案卷平均分（分）", "Average score by agency"),
        lang,
    ));
}

/// `图 1　…` under a chart.
fn caption(n: usize, text: &str, lang: Lang) -> Block {
    Block::Paragraph {
        text: tr!(lang, "图 {n}　{text}", "Figure {n}. {text}"),
        indent: false,
        bold: false,
        align: docx::Align::Center,
    }
}

/// 三、发现的主要问题: counts by category, the chart, and typical examples of each.
fn problems(r: &Rectification, f: &Figures, lang: Lang, out: &mut Vec<Block>) {
    out.push(Block::heading(
        lang.pick("三、发现的主要问题", "3. Main problems found"),
    ));
    if f.problems == 0 {
        out.push(Block::body(lang.pick(
            "已定稿案卷中未发现扣分或否决的问题。",
            "No item of a finalized file was decided deduct or veto.",
        )));
        return;
    }
    let counts: Vec<String> = f
        .categories
        .iter()
        .map(|c| tr!(lang, "{} {} 个", "{}: {}", c.category, c.count))
        .collect();
    out.push(Block::body(tr!(
        lang,
        "已定稿案卷中共发现问题 {} 个（评查结论为“扣分”或“否决”的评查项），按{}的问题类别统计：{}。",
        "The finalized files show {} problems (items decided deduct or veto); by the problem categories of {}: {}.",
        f.problems,
        f.category_set,
        list(&counts, lang)
    )));
    out.push(Block::Chart(report_charts::problems_by_category(f, lang)));
    out.push(caption(
        3,
        lang.pick("发现问题按类别分布（个）", "Problems by category"),
        lang,
    ));
    let examples = Figures::examples(&r.review, lang, EXAMPLES_PER_CATEGORY);
    for (k, c) in examples.iter().enumerate() {
        let n = numeral(k + 1, lang);
        if c.count == 0 {
            out.push(Block::body(tr!(
                lang,
                "（{n}）{}：本次评查未发现此类问题。",
                "({n}) {}: none found.",
                c.category
            )));
            continue;
        }
        out.push(Block::body(tr!(
            lang,
            "（{n}）{}：{} 个。典型问题如：",
            "({n}) {}: {} problems. Typical examples:",
            c.category,
            c.count
        )));
        for (i, e) in c.examples.iter().enumerate() {
            out.push(Block::body(tr!(
                lang,
                "{}. {} {}（评查项 {}）：{}",
                "{}. {} {} (item {}): {}",
                i + 1,
                e.agency,
                e.case_id,
                e.item_id,
                e.finding
            )));
        }
    }
}

/// `1` → `一` … `10` → `十`, then digits; plain digits in English.
fn numeral(n: usize, lang: Lang) -> String {
    const ZH: [&str; 10] = ["一", "二", "三", "四", "五", "六", "七", "八", "九", "十"];
    match lang {
        Lang::Zh if (1..=10).contains(&n) => ZH[n - 1].into(),
        _ => n.to_string(),
    }
}

/// 四、不合格案卷.
fn failed(r: &Rectification, lang: Lang, out: &mut Vec<Block>) {
    out.push(Block::heading(
        lang.pick("四、不合格案卷", "4. Files that failed"),
    ));
    let list = Figures::failed_files(&r.review, lang);
    if list.is_empty() {
        out.push(Block::body(lang.pick(
            "已定稿案卷中没有评为不合格的案卷。",
            "No finalized file failed.",
        )));
        return;
    }
    out.push(Block::body(tr!(
        lang,
        "评为不合格的案卷共 {} 件：",
        "{} files failed:",
        list.len()
    )));
    out.push(Block::Table {
        columns: vec![
            (lang.pick("序号", "No.").into(), 3),
            (lang.pick("被评查单位", "Agency").into(), 12),
            (lang.pick("案号", "Case id").into(), 13),
            (lang.pick("案件类型", "Case type").into(), 8),
            (lang.pick("得分", "Score").into(), 3),
            (lang.pick("否决项", "Vetoed items").into(), 15),
        ],
        rows: list
            .iter()
            .enumerate()
            .map(|(n, x)| {
                vec![
                    (n + 1).to_string(),
                    x.agency.clone(),
                    x.case_id.clone(),
                    x.case_type.clone(),
                    x.score.to_string(),
                    x.vetoes.join(lang.pick("；", "; ")),
                ]
            })
            .collect(),
    });
}

/// 五、整改情况: per agency with items, once the rectification record has a step.
fn rectification(r: &Rectification, as_of: NaiveDate, lang: Lang, out: &mut Vec<Block>) {
    out.push(Block::heading(
        lang.pick("五、整改情况", "5. Rectification"),
    ));
    if r.record.events.is_empty() {
        out.push(Block::body(lang.pick(
            "尚未下发评查意见书，尚无整改记录。各单位整改后再行通报整改情况。",
            "No feedback letter has been issued and there is no rectification record yet; progress will be reported once the agencies rectify.",
        )));
        return;
    }
    let (rows, total) = progress(r, as_of);
    out.push(Block::body(tr!(
        lang,
        "截至 {}，共有整改事项 {} 个，已销号 {} 个，销号率 {}；逾期未销号 {} 个，移送问责线索 {} 个。各单位整改进度如下：",
        "As of {}, there are {} items to rectify, {} closed (closed rate {}); {} overdue, {} referred for accountability. Progress by agency:",
        day(as_of, lang),
        total.items,
        total.closed(),
        closing_rate(total.closed(), total.items).unwrap_or_else(|| "—".into()),
        total.overdue,
        total.referred
    )));
    let mut columns = vec![
        (lang.pick("被评查单位", "Agency").to_string(), 12),
        (lang.pick("整改事项", "Items").to_string(), 4),
    ];
    columns.extend(Status::ALL.iter().map(|s| (s.label(lang).to_string(), 4)));
    columns.extend([
        (lang.pick("逾期", "Overdue").to_string(), 3),
        (lang.pick("移送", "Referred").to_string(), 3),
        (lang.pick("销号率", "Closed rate").to_string(), 5),
    ]);
    let line = |name: &str, p: &crate::export::rectification::Progress| {
        let mut row = vec![name.to_string(), p.items.to_string()];
        row.extend(Status::ALL.iter().map(|s| p.count(*s).to_string()));
        row.extend([p.overdue.to_string(), p.referred.to_string(), p.rate()]);
        row
    };
    let mut body: Vec<Vec<String>> = rows
        .iter()
        .filter(|p| p.items > 0)
        .map(|p| line(&p.agency, p))
        .collect();
    body.push(line(lang.pick("合计", "Total"), &total));
    out.push(Block::Table {
        columns,
        rows: body,
    });
}

/// 六、下一步工作: for the office to write.
fn next_steps(lang: Lang, out: &mut Vec<Block>) {
    let mark = edit_mark(lang);
    out.push(Block::heading(lang.pick("六、下一步工作", "6. Next steps")));
    for text in [
        tr!(
            lang,
            "（一）{mark}对评为不合格的案卷和发现的问题提出整改要求、时限。",
            "(1) {mark} What the agencies are to rectify, and by when."
        ),
        tr!(
            lang,
            "（二）{mark}针对共性问题的培训、规范和制度建设安排。",
            "(2) {mark} Training, standards and rules for the problems found across agencies."
        ),
        tr!(
            lang,
            "（三）{mark}整改落实情况的复查和通报安排。",
            "(3) {mark} How rectification will be re-checked and reported."
        ),
    ] {
        out.push(Block::body(text));
    }
}

/// The draft, as of `as_of` (the day overdue items are counted for, printed in it).
pub fn document(r: &Rectification, as_of: NaiveDate, lang: Lang) -> Document {
    let review = &r.review;
    let mark = edit_mark(lang);
    let f = Figures::of(review, lang);
    let campaign = review.ws.campaign().ok().and_then(|(c, _)| c.name);
    let mut blocks = vec![
        Block::Title(title(campaign.as_deref(), lang)),
        Block::Note(tr!(
            lang,
            "草稿：由 anjuan {} 依评查记录于统计日期 {} 生成。数字、案号与摘要均来自记录，请勿改动；文字由办公室修改，标有{mark}处须补写。",
            "Draft made by anjuan {} from the review record as of {}. The figures, case ids and digests come from the record and are not to be changed; the office edits the prose and writes the passages marked {mark}.",
            crate::TOOL_VERSION,
            date_text(as_of)
        )),
        Block::Addressee(tr!(
            lang,
            "各被评查单位{mark}：",
            "To the agencies reviewed {mark}:"
        )),
        Block::body(match &campaign {
            Some(c) => tr!(
                lang,
                "根据{c}工作安排，{mark}组织对行政执法案卷进行了随机抽取和评查。现将评查情况通报如下：",
                "Under the work arrangements of {c}, {mark} drew and reviewed administrative enforcement case files at random. The results are as follows:"
            ),
            None => tr!(
                lang,
                "根据工作安排，{mark}组织对行政执法案卷进行了随机抽取和评查。现将评查情况通报如下：",
                "Under the work arrangements, {mark} drew and reviewed administrative enforcement case files at random. The results are as follows:"
            ),
        }),
    ];
    basics(r, &f, lang, &mut blocks);
    results(&f, as_of, lang, &mut blocks);
    problems(r, &f, lang, &mut blocks);
    failed(r, lang, &mut blocks);
    rectification(r, as_of, lang, &mut blocks);
    next_steps(lang, &mut blocks);
    blocks.push(Block::Signature(vec![
        tr!(lang, "{mark}（评查机关）", "{mark} (reviewing office)"),
        day(as_of, lang),
    ]));
    // The audit lines of every page: the draw, the journal and the rectification record.
    let rect = if r.record.events.is_empty() {
        lang.pick("整改记录：尚无", "rectification record: none yet")
            .to_string()
    } else {
        tr!(
            lang,
            "整改记录头 {}（{} 个事件）",
            "rectification head {} ({} events)",
            r.head(),
            r.record.events.len()
        )
    };
    let footer = [
        tr!(
            lang,
            "抽取记录 SHA-256 {}",
            "draw record SHA-256 {}",
            review.draw_ref.sha256
        ),
        tr!(
            lang,
            "日志头 {}（{} 个事件）",
            "journal head {} ({} events)",
            review.journal.head(),
            review.journal.events.len()
        ),
        rect,
    ];
    Document {
        blocks,
        footer: footer.join("\n"),
        landscape: false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_title_does_not_repeat_the_campaign() {
        assert_eq!(
            title(Some("演示专项"), Lang::Zh),
            "关于演示专项行政执法案卷评查情况的通报（草稿）"
        );
        assert_eq!(
            title(Some("2026年度行政执法案卷评查"), Lang::Zh),
            "关于2026年度行政执法案卷评查情况的通报（草稿）"
        );
        assert_eq!(
            title(Some("  "), Lang::Zh),
            "关于行政执法案卷评查情况的通报（草稿）"
        );
        assert_eq!(
            title(None, Lang::En),
            "Bulletin on the Case-File Review (Draft)"
        );
    }

    #[test]
    fn times_print_as_the_office_writes_them() {
        assert_eq!(
            when("2026-03-16T09:00:03+08:00", Lang::Zh),
            "2026年3月16日 09:00"
        );
        assert_eq!(
            when("2026-03-16T09:00:03+08:00", Lang::En),
            "2026-03-16 09:00"
        );
        assert_eq!(when("昨天", Lang::Zh), "昨天");
        assert_eq!(numeral(3, Lang::Zh), "三");
        assert_eq!(numeral(11, Lang::Zh), "11");
        assert_eq!(numeral(3, Lang::En), "3");
    }
}
