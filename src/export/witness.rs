//! The witness sheet of the draw (抽样记录表): everything a witness signs for — the registers and
//! their digests, the population, filters, allocation, the pre-seed commitment, the seed and who
//! entered it, the sample and alternates by stratum with their tickets, the record digest — and a
//! signature line for the organiser and each witness.

use super::{column_list, ExportError, Table};
use crate::draw::ticket;
use crate::i18n::Lang;
use crate::review::Review;
use crate::tr;
use std::collections::HashMap;
use std::path::Path;

/// The witness sheet of the review's draw (the latest one).
pub fn table(review: &Review, lang: Lang) -> Result<Table, ExportError> {
    let (campaign, _) = review
        .ws
        .campaign()
        .map_err(|e| ExportError::Workspace(e.render(lang)))?;
    let (d, sha, file) = (&review.draw, &review.draw_ref.sha256, &review.draw_ref.file);
    let titles: HashMap<&str, &str> = review
        .files
        .iter()
        .filter_map(|f| {
            f.details
                .as_ref()
                .map(|d| (d.id.as_str(), d.title.as_str()))
        })
        .collect();
    let kind = campaign.settings.columns.population;
    let entities = !kind.is_cases();
    let mut pre = Vec::new();
    if let Some(n) = &campaign.name {
        pre.push(tr!(lang, "专项名称：{n}", "Campaign: {n}"));
    }
    pre.push(tr!(
        lang,
        "抽取时间：{}　地点：{}　组织人：{}",
        "Drawn at: {}   Place: {}   Organiser: {}",
        d.drawn_at,
        d.place.as_deref().unwrap_or("________"),
        d.organiser.as_deref().unwrap_or("________")
    ));
    for r in &campaign.registers {
        let name = Path::new(&r.file)
            .file_name()
            .map_or_else(|| r.file.clone(), |n| n.to_string_lossy().into_owned());
        pre.push(tr!(
            lang,
            "案卷目录：{name}（{} 行）SHA-256 {}",
            "Register: {name} ({} rows) SHA-256 {}",
            r.rows,
            r.sha256
        ));
    }
    // What each file's layout left out, so the witnesses sign for the rows that are not cases
    // as well as for those that are.
    let mut skipped: Vec<String> = Vec::new();
    for r in &campaign.registers {
        let name = Path::new(&r.file)
            .file_name()
            .map_or_else(|| r.file.clone(), |n| n.to_string_lossy().into_owned());
        for l in r
            .layouts
            .iter()
            .filter(|l| l.header_row > 1 || !l.skipped.is_empty() || !l.hidden_rows.is_empty())
        {
            for line in l.describe(lang, false) {
                skipped.push(format!("　{name}：{}", line.trim_start()));
            }
        }
    }
    if let Some(col) = &campaign.collection {
        pre.extend(col.describe(lang));
    }
    if skipped.is_empty() {
        pre.push(
            lang.pick(
                "各文件跳过的非案件行：无",
                "Rows of each file that are not cases: none",
            )
            .into(),
        );
    } else {
        pre.push(
            lang.pick(
                "各文件跳过的非案件行：",
                "Rows of each file that are not cases:",
            )
            .into(),
        );
        pre.extend(skipped);
    }
    pre.push(if entities {
        tr!(
            lang,
            "总体：监管对象 {} 个，分层字段 {}；总体摘要 SHA-256 {}",
            "Population: {} regulated entities, strata by {}; population SHA-256 {}",
            campaign.population.size,
            d.stratum_fields.join(" + "),
            d.population_sha256
        )
    } else {
        tr!(
            lang,
            "总体：{} 件，分层字段 {}；总体摘要 SHA-256 {}",
            "Population: {} cases, strata by {}; population SHA-256 {}",
            campaign.population.size,
            d.stratum_fields.join(" + "),
            d.population_sha256
        )
    });
    let f = &campaign.settings.filter;
    let filter = serde_json::to_string(f).unwrap_or_default();
    if filter != "{}" {
        pre.push(tr!(lang, "筛选条件：{filter}", "Filters: {filter}"));
    }
    let method = serde_json::to_string(&d.method).unwrap_or_default();
    let n: u64 = d.allocation.iter().map(|a| a.allocated).sum();
    pre.push(tr!(
        lang,
        "分配：{method}；样本 {n} 件，{} 层，每层备选 {} 件",
        "Allocation: {method}; sample of {n} in {} strata, {} alternates per stratum",
        d.allocation.len(),
        d.alternates
    ));
    pre.push(tr!(
        lang,
        "抽样前承诺：{}（第 {} 号）SHA-256 {}",
        "Pre-seed commitment: {} (no. {}) SHA-256 {}",
        d.commitment.file,
        d.commitment.number,
        d.commitment.sha256
    ));
    if let Some(t) = review
        .ws
        .read_commitment(&d.commitment.file)
        .ok()
        .and_then(|(c, _)| c.targeted)
    {
        let drawn = d
            .selected
            .iter()
            .filter(|s| s.role == crate::register::population::Role::Targeted)
            .count();
        let how = match t.max {
            Some(k) => tr!(lang, "至多 {k} 件", "at most {k}"),
            None => lang.pick("全部", "all").to_string(),
        };
        pre.push(tr!(
            lang,
            "重点抽查（承诺中固定，与随机抽取分开统计）：指标 {}，依据风险筛查 {}（SHA-256 {}）；候选 {} 件（名单摘要 {}），按签号抽取{how}（已被随机抽中的除外），本次 {drawn} 件",
            "Targeted files (fixed in the commitment, counted apart from the random sample): indicators {}, from risk scan {} (SHA-256 {}); {} candidates (list SHA-256 {}), {how} drawn in ticket order (less any the random sample takes): {drawn}",
            t.indicators.join(", "),
            t.scan.file,
            t.scan.sha256,
            t.candidates.len(),
            t.candidates_sha256
        ));
    }
    pre.push(tr!(
        lang,
        "种子：{}（SHA-256 {}）",
        "Seed: {} (SHA-256 {})",
        d.seed,
        d.seed_sha256
    ));
    for p in &d.seed_parts {
        pre.push(tr!(
            lang,
            "　种子部分：{} 录入 {}，时间 {}",
            "  seed part: {} entered {} at {}",
            p.who,
            p.digits,
            p.entered_at
        ));
    }
    let witnesses = d
        .witnesses
        .iter()
        .map(|w| {
            if w.unit.is_empty() {
                w.name.clone()
            } else {
                format!("{}（{}）", w.name, w.unit)
            }
        })
        .collect::<Vec<_>>()
        .join("、");
    pre.push(tr!(lang, "见证人：{witnesses}", "Witnesses: {witnesses}"));
    if let Some(s) = &d.supersedes {
        pre.push(tr!(
            lang,
            "本次抽取作废第 {} 次抽取（SHA-256 {}），理由：{}",
            "This draw supersedes draw {} (SHA-256 {}); reason: {}",
            s.number,
            s.sha256,
            s.reason
        ));
    }
    pre.push(tr!(
        lang,
        "抽取记录：{file}（第 {} 次）SHA-256 {sha}；算法 {}，任何人可用 anjuan verify 或公开的参考实现复核",
        "Draw record: {file} (no. {}) SHA-256 {sha}; algorithm {}; anyone can recompute it with anjuan verify or the published reference method",
        d.number,
        d.algorithm
    ));

    let mut selected: Vec<_> = d.selected.iter().collect();
    selected.sort_by(|a, b| a.listing_key().cmp(&b.listing_key()));
    let rows = selected
        .iter()
        .map(|s| {
            vec![
                s.stratum.join(" / "),
                s.role.label(lang).to_string(),
                s.rank.to_string(),
                s.case_id.clone(),
                titles
                    .get(s.case_id.as_str())
                    .copied()
                    .unwrap_or_default()
                    .to_string(),
                ticket::display(&s.ticket).to_string(),
            ]
        })
        .collect();
    let columns = column_list(&[
        (
            if entities {
                lang.pick("分层", "Stratum")
            } else {
                lang.pick("分层（执法机关）", "Stratum (agency)")
            },
            22.0,
        ),
        (lang.pick("类别", "Role"), 7.0),
        (lang.pick("序号", "Rank"), 5.0),
        (kind.id_label(lang), 22.0),
        (kind.title_label(lang), 30.0),
        (lang.pick("票号（前 18 位）", "Ticket (18 digits)"), 22.0),
    ]);
    let mut signatures = vec![tr!(
        lang,
        "组织人（签字）：________________　日期：____________",
        "Organiser (signature): ________________   Date: ____________"
    )];
    for w in &d.witnesses {
        signatures.push(tr!(
            lang,
            "见证人 {}（{}）（签字）：________________　日期：____________",
            "Witness {} ({}) (signature): ________________   Date: ____________",
            w.name,
            w.unit
        ));
    }
    Ok(Table {
        name: lang.pick("抽样记录表", "draw-witness-sheet").into(),
        title: if entities {
            lang.pick(
                "民主评议代表随机抽取记录表",
                "Witness sheet of the random draw of the 民主评议 panel",
            )
        } else {
            lang.pick(
                "行政执法案卷随机抽样记录表",
                "Witness sheet of the random draw of case files",
            )
        }
        .into(),
        preamble: pre,
        columns,
        rows,
        signatures,
        footer: tr!(
            lang,
            "抽取记录 SHA-256 {sha} | 承诺 {} | 总体 {}",
            "draw record SHA-256 {sha} | commitment {} | population {}",
            d.commitment.sha256,
            d.population_sha256
        ),
    })
}
