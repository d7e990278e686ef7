//! `anjuan feedback WS --out DIR`: the 评查意见书 to every agency whose files are all finalized —
//! one DOCX to print and seal and the same content as XLSX. Issuing a letter records, in the
//! rectification record, which items it gave the agency and by when (one `feedback` event per
//! agency, all in one write); letters written again later come from the same record.

use super::rectify::date_arg;
use super::rectify_args::FeedbackArgs;
use super::{heading, Outcome};
use crate::export::letters::{letter, Heading};
use crate::i18n::Lang;
use crate::rectification::event::Change;
use crate::rectification::item::{date_text, parse_date, today};
use crate::rectification::Rectification;
use crate::tr;

/// The deadline when neither `--deadline` nor `--days` is given.
pub const DEFAULT_DAYS: u32 = 30;

pub fn run(a: FeedbackArgs, lang: Lang) -> Outcome {
    let mut r = Rectification::open(&a.dir).map_err(|e| e.render(lang))?;
    let date = match &a.date {
        Some(d) => date_arg("--date", d, lang)?,
        None => date_text(today()),
    };
    let day = parse_date(&date).unwrap_or_else(today);
    let deadline = match (&a.deadline, a.days) {
        (Some(d), _) => date_arg("--deadline", d, lang)?,
        (None, days) => date_text(day + chrono::Days::new(u64::from(days.unwrap_or(DEFAULT_DAYS)))),
    };
    if parse_date(&deadline) < Some(day) {
        return Err(tr!(
            lang,
            "整改期限 {deadline} 早于意见书日期 {date}：请给出 {date} 或以后的日期",
            "the deadline {deadline} is before the letter's date {date}: give {date} or later"
        ));
    }
    let all = r.agencies();
    for name in &a.agency {
        super::rectify::check_agency(&r, name, lang)?;
    }
    let chosen: Vec<String> = if a.agency.is_empty() {
        all
    } else {
        a.agency.clone()
    };
    let mut ready = Vec::new();
    let mut waiting = Vec::new();
    for agency in chosen {
        if r.agency_files(&agency).is_empty() {
            continue;
        }
        match r.agency_unfinished(&agency) {
            0 => ready.push(agency),
            n => waiting.push((agency, n)),
        }
    }
    if !a.agency.is_empty() && !waiting.is_empty() {
        let list: Vec<String> = waiting
            .iter()
            .map(|(a, n)| tr!(lang, "{a}（{n} 件未定稿）", "{a} ({n} files not finalized)"))
            .collect();
        return Err(tr!(
            lang,
            "以下执法机关尚有案卷未定稿，不能下发评查意见书：{}。请先完成评查并定稿",
            "these agencies still have files not finalized, so no letter can be issued: {}. Finalize their files first",
            list.join("、")
        ));
    }
    // One event per agency with items not yet given in a letter; all or nothing. The 文号's
    // `{n}` counts on from the letters issued before.
    let mut next = r.book.letters.len();
    let changes: Vec<Change> = ready
        .iter()
        .filter_map(|agency| {
            let items: Vec<String> = r
                .book
                .items
                .iter()
                .filter(|it| {
                    &it.agency == agency
                        && it.carried.is_none()
                        && !it.withdrawn()
                        && it.feedback_date.is_none()
                })
                .map(|it| it.id.clone())
                .collect();
            if items.is_empty() {
                return None;
            }
            next += 1;
            Some(Change::Feedback {
                agency: agency.clone(),
                date: date.clone(),
                deadline: deadline.clone(),
                office: a.office.trim().to_string(),
                number: a.number.trim().replace("{n}", &next.to_string()),
                items,
            })
        })
        .collect();
    let by =
        a.by.clone()
            .unwrap_or_else(|| lang.pick("评查办公室", "review office").to_string());
    let issued = changes.len();
    if !changes.is_empty() {
        r.commit(changes, &by, "cli").map_err(|e| e.render(lang))?;
    }
    let (campaign, _) = r.review.ws.campaign().map_err(|e| e.render(lang))?;
    let h = Heading {
        office: a.office.clone(),
        number: a.number.clone(),
        campaign: campaign
            .name
            .unwrap_or_else(|| lang.pick("行政执法案卷评查", "the case-file review").into()),
        date: date.clone(),
        deadline: deadline.clone(),
    };
    std::fs::create_dir_all(&a.out).map_err(|e| {
        tr!(
            lang,
            "无法创建文件夹 {}：{e}",
            "cannot create the folder {}: {e}",
            a.out.display()
        )
    })?;
    out!("{}", heading(lang, "评查意见书", "Feedback letters"));
    let mut problems = 0;
    for (n, agency) in ready.iter().enumerate() {
        // A letter issued is written again exactly as it was headed then.
        let h = match r.book.letters.get(agency) {
            Some(l) => Heading {
                office: l.office.clone(),
                number: l.number.clone(),
                date: l.date.clone(),
                deadline: l.deadline.clone(),
                ..h.clone()
            },
            None => Heading {
                number: a.number.replace("{n}", ""),
                ..h.clone()
            },
        };
        let l = letter(&r, agency, &h, n + 1, lang);
        problems += l.problems.len();
        let written =
            crate::export::feedback::write(&l, lang, &a.out).map_err(|e| e.render(lang))?;
        for w in written {
            out!("  {}  {}  SHA-256 {}", agency, w.file, w.sha256);
        }
    }
    for (agency, n) in &waiting {
        out!(
            "{}",
            tr!(
                lang,
                "  暂缓：{agency} 尚有 {n} 件案卷未定稿，定稿后再运行 anjuan feedback",
                "  waiting: {agency} has {n} files not finalized; run anjuan feedback again once they are"
            )
        );
    }
    out!(
        "{}",
        tr!(
            lang,
            "已写出 {} 份评查意见书（问题 {problems} 个），新下发 {issued} 份（整改期限 {deadline}，已下发的按原日期与期限重写）；整改记录头 {}",
            "{} letters written ({problems} problems), {issued} newly issued (deadline {deadline}; those issued before are written as they were); record head {}",
            ready.len(),
            r.head()
        )
    );
    Ok(0)
}
