//! The per-file result sheet (一卷一表, 行政执法案卷评查表): for every drawn file under review, the
//! case and the checklist it is scored against (id, version, SHA-256), one row per checklist item
//! with its points, deduction, score, verdict and finding (with 卷内页码), the veto result, total,
//! grade and a space for the 评语, a signature line per reviewer plus the 复核人, and in the
//! footer the file's last journal event with its line digest and the journal head, so a signed
//! sheet can be checked against the journal (`anjuan verify --journal-head`).
//!
//! Everything is derived from `Review` (that is, from the journal); findings reach the files only
//! through `Table`, whose writers neutralise would-be formulas.

use super::{column_list, write_document, ExportError, Table};
use crate::checklist::Checklist;
use crate::i18n::Lang;
use crate::review::decision::{Decision, Verdict};
use crate::review::state::{FileState, Status};
use crate::review::{CaseFile, Review};
use crate::tr;
use std::path::Path;

/// One table per drawn file that has a checklist and has been started (in progress or
/// finalized), in `review.files` order.
pub fn tables(review: &Review, lang: Lang) -> Vec<Table> {
    review
        .files
        .iter()
        .enumerate()
        .filter(|(i, _)| review.states[*i].status != Status::NotStarted)
        .filter_map(|(i, f)| {
            let c = review.checklist_of(i)?;
            Some(table(review, f, &review.states[i], c, lang))
        })
        .collect()
}

/// The file stem of the result sheets (`评查表.xlsx`, `评查表.csv`).
pub fn stem(lang: Lang) -> &'static str {
    lang.pick("评查表", "result-sheets")
}

/// Write every result sheet into `out`: one workbook with a sheet per file and one CSV with all
/// files one after another. Returns (file name, SHA-256) of each file written. Refused while the
/// journal has breaks (the scores could not be trusted) or when no file has been started.
pub fn write(
    review: &Review,
    out: &Path,
    lang: Lang,
) -> Result<Vec<(String, String)>, ExportError> {
    if !review.journal.breaks.is_empty() {
        return Err(ExportError::Workspace(
            crate::review::ReviewError::Damaged(review.journal.breaks.clone()).render(lang),
        ));
    }
    let tables = tables(review, lang);
    if tables.is_empty() {
        return Err(ExportError::Workspace(
            lang.pick(
                "还没有开始评查的案卷，没有评查表可导出",
                "no file has been reviewed yet; there are no result sheets to export",
            )
            .into(),
        ));
    }
    let written = write_document(stem(lang), &tables, out)?;
    Ok(written.into_iter().map(|w| (w.file, w.sha256)).collect())
}

fn pick_text<'a>(lang: Lang, zh: &'a str, en: &'a str) -> &'a str {
    if en.trim().is_empty() {
        zh
    } else {
        lang.pick(zh, en)
    }
}

/// 问题描述: the finding, and the 卷内页码 if any.
fn finding_cell(d: &Decision, lang: Lang) -> String {
    let finding = d.finding.as_deref().unwrap_or("");
    match d.evidence.as_deref() {
        Some(e) if finding.is_empty() => tr!(lang, "卷内页码：{e}", "evidence: {e}"),
        Some(e) => tr!(
            lang,
            "{finding}（卷内页码：{e}）",
            "{finding} (evidence: {e})"
        ),
        None => finding.to_string(),
    }
}

/// Who was assigned the file, any move with its reason, and on a double review each reviewer's
/// own result and how every disagreement was resolved.
fn team_lines(
    review: &Review,
    f: &CaseFile,
    st: &FileState,
    c: &Checklist,
    lang: Lang,
) -> Vec<String> {
    let Some(a) = &review.assignment else {
        return Vec::new();
    };
    let Ok(i) = review.file_index(f.id()) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    let assigned: Vec<String> = a.reviewers_of(f.id()).iter().map(|r| a.label(r)).collect();
    if !assigned.is_empty() {
        out.push(tr!(
            lang,
            "评查人（随机分配，{}）：{}",
            "Reviewers (random assignment, {}): {}",
            a.origin.file,
            assigned.join(lang.pick("、", ", "))
        ));
    }
    for m in a.moves_of(f.id()) {
        let from = m
            .from
            .as_deref()
            .map_or_else(|| "—".to_string(), |x| a.label(x));
        out.push(tr!(
            lang,
            "调整：{from} → {}；理由：{}（{} 决定，{}）",
            "Moved: {from} → {}; reason: {} (decided by {}, {})",
            a.label(&m.to),
            m.reason,
            m.by,
            m.at
        ));
    }
    if st.double {
        for lane in &review.lanes[i] {
            let s = lane.state.score(c);
            out.push(tr!(
                lang,
                "{} 独立评查：{}，得分 {}，等次 {}",
                "{}'s own review: {}, score {}, grade {}",
                a.label(&lane.reviewer),
                lane.state.status.label(lang),
                s.points,
                lang.pick(&s.grade, &s.grade_en)
            ));
        }
        for d in review.disputes(i) {
            let item = &c.items[d.item].id;
            let side = |k: usize| {
                let (r, dec) = &d.sides[k];
                let said = dec.as_ref().map_or_else(
                    || lang.pick("未评", "undecided").to_string(),
                    |x| x.short(lang),
                );
                format!("{} {said}", a.label(r))
            };
            let resolved = match &d.resolution {
                Some(r) => tr!(
                    lang,
                    "复核人 {} 裁定为 {}，理由：{}",
                    "resolved by {} as {}, reason: {}",
                    a.label(&r.by),
                    r.decision.as_ref().map_or_else(
                        || lang.pick("未定", "undecided").to_string(),
                        |x| x.short(lang)
                    ),
                    r.reason
                ),
                None => lang.pick("尚未裁定", "not yet resolved").to_string(),
            };
            out.push(tr!(
                lang,
                "分歧 {item}：{}；{}；{resolved}",
                "Disagreement {item}: {}; {}; {resolved}",
                side(0),
                side(1)
            ));
        }
    }
    out
}

fn table(review: &Review, f: &CaseFile, st: &FileState, c: &Checklist, lang: Lang) -> Table {
    let score = st.score(c);
    let details = f.details.as_ref();
    let detail = |get: fn(&crate::register::import::CaseDetails) -> &String| {
        details.map_or("", |d| get(d).as_str())
    };

    let mut pre = vec![
        tr!(lang, "被评查单位：{}", "Agency reviewed: {}", f.agency()),
        tr!(lang, "案件名称：{}", "Case: {}", detail(|d| &d.title)),
        tr!(lang, "案号：{}", "Case id: {}", f.id()),
        tr!(lang, "当事人：{}", "Party: {}", detail(|d| &d.party)),
        tr!(lang, "案件类型：{}", "Case type: {}", f.case_type()),
        tr!(
            lang,
            "评查标准：{} 版本 {}，SHA-256 {}",
            "Checklist: {} version {}, SHA-256 {}",
            c.id,
            c.version,
            c.sha256
        ),
    ];
    // In a draw with targeted files every sheet says how its file was drawn (a targeted file's
    // result is never counted with the random sample's).
    if review
        .files
        .iter()
        .any(|x| x.selected.role == crate::register::population::Role::Targeted)
    {
        pre.insert(
            3,
            tr!(
                lang,
                "抽取方式：{}",
                "Drawn as: {}",
                f.selected.role.method(lang)
            ),
        );
    }
    let who = |id: &str| {
        review
            .assignment
            .as_ref()
            .map_or_else(|| id.to_string(), |a| a.label(id))
    };
    pre.extend(team_lines(review, f, st, c, lang));
    pre.push(match &st.status {
        Status::Finalized { by, at, .. } => tr!(
            lang,
            "状态：{}　定稿人：{}　定稿时间：{at}",
            "Status: {}   finalized by {} at {at}",
            st.status.label(lang),
            who(by)
        ),
        s => tr!(
            lang,
            "状态：{}（已评 {}/{} 项，未评项暂按满分计）",
            "Status: {} ({}/{} items decided; undecided items count in full for now)",
            s.label(lang),
            score.decided,
            score.items
        ),
    });

    let mut rows: Vec<Vec<String>> = c
        .items
        .iter()
        .zip(&st.decisions)
        .map(|(it, d)| {
            let section = c
                .sections
                .get(it.section)
                .map_or("", |s| pick_text(lang, &s.title, &s.title_en));
            let (max, off, got) = match d {
                _ if it.veto => (String::new(), String::new(), String::new()),
                None => (it.max_points.to_string(), String::new(), String::new()),
                Some(d) => {
                    let off = d.deducted().min(it.max_points);
                    (
                        it.max_points.to_string(),
                        off.to_string(),
                        it.max_points.saturating_sub(off).to_string(),
                    )
                }
            };
            vec![
                it.id.clone(),
                section.to_string(),
                pick_text(lang, &it.text, &it.text_en).to_string(),
                max,
                off,
                got,
                d.as_ref().map_or_else(
                    || lang.pick("未评", "undecided").to_string(),
                    |d| d.verdict.label(lang).to_string(),
                ),
                d.as_ref()
                    .map(|d| finding_cell(d, lang))
                    .unwrap_or_default(),
            ]
        })
        .collect();

    let summary = |label: &str, content: String, cells: [String; 5]| {
        let [max, off, got, verdict, finding] = cells;
        vec![
            String::new(),
            label.to_string(),
            content,
            max,
            off,
            got,
            verdict,
            finding,
        ]
    };
    let empty = || std::array::from_fn::<String, 5, _>(|_| String::new());
    let vetoes = if score.vetoes.is_empty() {
        lang.pick("无", "none").to_string()
    } else {
        score.vetoes.join(lang.pick("、", ", "))
    };
    rows.push(summary(
        lang.pick("否决项结果", "Veto result"),
        vetoes,
        if score.vetoes.is_empty() {
            empty()
        } else {
            let mut cells = empty();
            cells[3] = Verdict::Veto.label(lang).to_string();
            cells
        },
    ));
    let complete = score.complete();
    rows.push(summary(
        lang.pick("合计得分", "Total score"),
        format!("{} / {}", score.points, score.total),
        [
            score.total.to_string(),
            score.deducted.to_string(),
            score.points.to_string(),
            String::new(),
            if complete {
                String::new()
            } else {
                lang.pick("暂计（尚有未评项）", "provisional (items undecided)")
                    .into()
            },
        ],
    ));
    let mut grade = lang.pick(&score.grade, &score.grade_en).to_string();
    if score.vetoes.is_empty() && score.grade != c.grade_for(score.points).name {
        let ids = score.blocking.join(lang.pick("、", ", "));
        grade += &tr!(
            lang,
            "（{ids} 有扣分，不得评为最高等次）",
            " ({ids} deducted: not eligible for the top grade)"
        );
    }
    if !complete {
        grade += lang.pick("（暂定）", " (provisional)");
    }
    rows.push(summary(lang.pick("等次", "Grade"), grade, empty()));
    // Room to write the 评语 by hand on the printed sheet.
    rows.push(summary(
        lang.pick("评语", "Remarks"),
        "\n\n\n".into(),
        empty(),
    ));

    let columns = column_list(&[
        (lang.pick("序号", "No."), 5.0),
        (lang.pick("评查项目", "Section"), 14.0),
        (lang.pick("评查内容", "Item"), 40.0),
        (lang.pick("分值", "Points"), 6.0),
        (lang.pick("扣分", "Off"), 6.0),
        (lang.pick("得分", "Score"), 6.0),
        (lang.pick("评查结论", "Verdict"), 8.0),
        (lang.pick("问题描述", "Finding"), 36.0),
    ]);

    let checker = |r: &String| review.assignment.as_ref().is_some_and(|a| a.is_checker(r));
    let mut signatures: Vec<String> = st
        .reviewers
        .iter()
        .filter(|r| !checker(r))
        .map(|r| {
            let r = who(r);
            tr!(
                lang,
                "评查人 {r}（签字）：________________　日期：____________",
                "Reviewer {r} (signature): ________________   Date: ____________"
            )
        })
        .collect();
    let checkers: Vec<String> = st
        .reviewers
        .iter()
        .filter(|r| checker(r))
        .map(|r| who(r))
        .collect();
    let mut checker = checkers.join(lang.pick("、", ", "));
    if !checker.is_empty() {
        checker.insert(0, ' ');
    }
    signatures.push(tr!(
        lang,
        "复核人{checker}（签字）：________________　日期：____________",
        "Checked by{checker} (signature): ________________   Date: ____________"
    ));

    let head = review.journal.head();
    let footer = match st.last {
        Some(seq) => {
            let hash = usize::try_from(seq)
                .ok()
                .and_then(|s| s.checked_sub(1))
                .and_then(|i| review.journal.hashes.get(i))
                .map_or("", String::as_str);
            tr!(
                lang,
                "日志第 {seq} 条 {hash} | 日志头 {head}",
                "journal #{seq} {hash} | head {head}"
            )
        }
        None => tr!(lang, "日志头 {head}", "journal head {head}"),
    };

    Table {
        name: f.id().to_string(),
        title: tr!(
            lang,
            "行政执法案卷评查表（{}）",
            "Case file review sheet ({})",
            pick_text(lang, &c.title, &c.title_en)
        ),
        preamble: pre,
        columns,
        rows,
        signatures,
        footer,
    }
}
