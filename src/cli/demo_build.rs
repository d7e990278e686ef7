//! `anjuan demo --build DIR`: a complete fictional campaign without the terminal UI — freeze the
//! sample collection round, commit, draw with the fixed demo seed before fictional witnesses,
//! record the built-in review plan, then review and finalize every sample file with invented but
//! realistic decisions. The decisions come from a small xorshift generator seeded from each case
//! id, so the same campaign (apart from timestamps) results every time.

use super::demo::DEMO_SEED;
use super::{heading, Outcome};
use crate::checklist::points::Points;
use crate::checklist::{Checklist, ChecklistItem};
use crate::draw::seed::SeedPart;
use crate::i18n::Lang;
use crate::register::population::Role;
use crate::review::decision::{Decision, Verdict};
use crate::review::event::{Change, Event};
use crate::review::state::Status;
use crate::review::Review;
use crate::tr;
use crate::workspace;
use crate::workspace::records::Witness;
use std::path::Path;

/// Fictional reviewers; each agency's files go to one of them.
const REVIEWERS: [&str; 6] = ["张三", "李四", "王五", "赵六", "孙七", "周八"];

/// How many sample files get one veto item decided 否决.
const VETOED_FILES: usize = 4;

/// How the changes are marked in the journal.
const VIA: &str = "demo --build";

/// xorshift64*: small, fast and the same on every platform.
struct Rng(u64);

impl Rng {
    /// Seeded from the bytes of `key` (FNV-1a), never zero.
    fn new(key: &str) -> Rng {
        Rng(fnv(key) | 1)
    }

    fn next(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x >> 12;
        x ^= x << 25;
        x ^= x >> 27;
        self.0 = x;
        x.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    /// Uniform-enough in `0..n` (`n` > 0).
    fn below(&mut self, n: u64) -> u64 {
        (self.next() >> 11) % n
    }

    /// True with probability `percent` / 100.
    fn chance(&mut self, percent: u64) -> bool {
        self.below(100) < percent
    }

    fn pick<'a>(&mut self, from: &[&'a str]) -> &'a str {
        from[self.below(from.len() as u64) as usize]
    }
}

fn fnv(key: &str) -> u64 {
    key.bytes().fold(0xcbf2_9ce4_8422_2325, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    })
}

/// Realistic findings: (sections the rule is for, checklist-id prefix or "" for all, words of
/// the item text any of which selects the rule, phrasings). The first rule that fits an item wins.
type Rule = (
    &'static str,
    &'static str,
    &'static [&'static str],
    &'static [&'static str],
);
const RULES: &[Rule] = &[
    (
        "AEF",
        "xzcf",
        &["印章", "名义"],
        &["处罚决定书加盖内设机构印章，未以本机关名义作出"],
    ),
    (
        "AEF",
        "xzxk",
        &["印章", "名义"],
        &["受理通知书加盖业务科室印章，未使用本机关专用印章"],
    ),
    (
        "AEF",
        "",
        &["印章", "名义"],
        &["文书加盖内设机构印章，未以本机关名义作出"],
    ),
    (
        "A",
        "",
        &["身份", "主体资格"],
        &[
            "当事人身份证复印件未入卷",
            "营业执照复印件记载的名称与决定书不一致",
        ],
    ),
    (
        "A",
        "",
        &["管辖"],
        &["卷内未说明管辖依据，案件来源登记不完整"],
    ),
    (
        "AE",
        "",
        &["执法证件", "执法人员", "检查人员"],
        &[
            "执法文书未载明执法人员的执法证件号码",
            "笔录未记载执法人员出示执法证件的情况",
        ],
    ),
    (
        "B",
        "",
        &["询问"],
        &[
            "询问笔录未由两名执法人员签名，仅一名执法人员签字",
            "询问笔录未经被询问人逐页签名确认",
        ],
    ),
    (
        "BE",
        "",
        &["现场检查", "现场笔录", "勘验", "检查笔录"],
        &[
            "现场检查笔录未记载检查起止时间和具体地点",
            "现场笔录无当事人签名，亦未注明拒签情况",
        ],
    ),
    (
        "BE",
        "",
        &["抽样", "检验", "鉴定"],
        &[
            "抽样取证凭证未由当事人签字确认",
            "检验报告未告知当事人，亦无送达记录",
        ],
    ),
    (
        "BE",
        "",
        &["照片", "音像", "全过程", "全程"],
        &[
            "现场照片未注明拍摄时间、地点和拍摄人",
            "关键环节无音像记录，亦未说明原因",
        ],
    ),
    (
        "B",
        "",
        &["调查终结", "违法所得", "相互印证"],
        &[
            "调查终结报告未载明违法所得的计算依据",
            "证据之间未形成完整链条，违法所得金额无计算说明",
        ],
    ),
    (
        "B",
        "",
        &["申请书", "申请材料", "核实"],
        &["申请材料清单不全，核查记录未由两名工作人员签名"],
    ),
    (
        "B",
        "",
        &["证据", "来源"],
        &["证据复印件未注明出处，未加盖核对印章"],
    ),
    (
        "D",
        "",
        &["裁量"],
        &[
            "未说明适用裁量基准的档次及理由",
            "裁量说理简单笼统，未结合具体情节",
        ],
    ),
    (
        "D",
        "",
        &["从轻", "减轻", "包容审慎", "不予处罚"],
        &["卷内有当事人及时改正的材料，未审查是否从轻或不予处罚"],
    ),
    (
        "E",
        "",
        &["九十日"],
        &["未在立案后九十日内作出决定且无延期审批"],
    ),
    ("E", "", &["三十日"], &["查封、扣押期限届满未办理延期审批"]),
    (
        "E",
        "",
        &["立案"],
        &["立案审批表未载明负责人审批意见和日期"],
    ),
    ("E", "", &["听证"], &["听证告知书未载明申请听证的期限"]),
    (
        "E",
        "",
        &["法制审核"],
        &["法制审核意见书未载明审核人员和审核日期"],
    ),
    ("E", "", &["负责人"], &["审批表无机关负责人签批意见和日期"]),
    (
        "EF",
        "",
        &["告知"],
        &["告知书未载明拟作出决定的事实、理由和依据"],
    ),
    (
        "EG",
        "",
        &["陈述", "申辩"],
        &["当事人陈述申辩意见未记录复核情况"],
    ),
    (
        "E",
        "",
        &["计划", "双随机", "频次"],
        &["检查未纳入年度检查计划，亦无专项检查审批"],
    ),
    ("E", "", &["受理", "申请"], &["受理通知书未注明受理日期"]),
    (
        "EG",
        "",
        &["期限"],
        &["超过法定期限作出决定，且无延期审批手续"],
    ),
    (
        "F",
        "",
        &["送达", "交付", "签收"],
        &[
            "送达回证缺少受送达人签名，且无见证人签字",
            "决定书超过七日送达，无延期送达说明",
        ],
    ),
    ("FG", "", &["催告"], &["催告书未载明履行义务的期限和方式"]),
    (
        "F",
        "",
        &["格式", "逐项填写", "涂改"],
        &[
            "文书存在涂改，涂改处未加盖印章或由当事人捺印",
            "文书存在漏填项目，文号编写不规范",
        ],
    ),
    ("F", "", &["检查结果"], &["检查结果未书面告知被检查对象"]),
    (
        "F",
        "",
        &["决定"],
        &["决定书未载明申请行政复议、提起行政诉讼的途径和期限"],
    ),
    (
        "BEG",
        "",
        &["查封", "扣押"],
        &["查封、扣押清单未由当事人签名确认", "扣押财物保管记录不全"],
    ),
    (
        "G",
        "xzcf",
        &["罚款", "罚缴", "票据"],
        &["罚款缴纳凭证未入卷"],
    ),
    ("G", "", &["收费", "罚款"], &["收费（罚款）票据未入卷"]),
    (
        "G",
        "",
        &["公开", "公示"],
        &["应公开的执法决定未按规定在政府网站公示"],
    ),
    (
        "G",
        "",
        &["结案", "履行", "执行", "处理"],
        &["结案报告未载明执行情况"],
    ),
    ("H", "", &["目录"], &["卷内目录未逐件填写，页码编写不连续"]),
    (
        "H",
        "",
        &["装订", "合订", "卷皮", "一卷", "立卷"],
        &[
            "卷内文书未按时间顺序排列装订",
            "卷内备考表未填写立卷人、检查人",
        ],
    ),
    (
        "C",
        "",
        &["依据", "法律", "条款"],
        &[
            "引用法律条文未具体到条、款、项",
            "法律依据名称使用简称，表述不规范",
        ],
    ),
];

/// When no rule fits: one phrasing per section id.
const BY_SECTION: &[(&str, &str)] = &[
    ("A", "卷内未附执法人员执法证件复印件，无法核实执法资格"),
    ("B", "证据材料不完整，部分事实无证据支持"),
    ("C", "引用法律条文未具体到条、款、项"),
    ("D", "裁量说理简单笼统，未结合具体情节"),
    ("E", "相关程序文书缺失，无法证明已履行该程序"),
    ("F", "文书要素填写不全"),
    ("G", "相关处理记录不完整"),
    ("H", "卷内材料不齐全，归档不规范"),
];

/// Veto findings for the veto items a vetoed file may fail on: (checklist, item, finding).
const VETO_FINDINGS: &[(&str, &str, &str)] = &[
    (
        "xzcf-ordinary",
        "V2",
        "询问笔录、现场检查笔录仅一名执法人员签名，另一名签名人员系协管员，未取得行政执法证件",
    ),
    (
        "xzcf-ordinary",
        "V5",
        "认定违法事实的主要证据仅有当事人询问笔录，无现场检查笔录、照片等其他证据印证",
    ),
    (
        "xzcf-ordinary",
        "V8",
        "卷内无陈述申辩告知书及送达记录，作出处罚决定前未告知当事人陈述、申辩权利",
    ),
    (
        "xzcf-simple",
        "V2",
        "当场处罚决定书仅一名执法人员签名，未载明执法证件号码",
    ),
    (
        "xzcf-simple",
        "V6",
        "当场处罚决定书未载明已告知当事人陈述、申辩权利，卷内亦无陈述申辩记录",
    ),
    (
        "xzjc",
        "V3",
        "现场检查由一名执法人员和一名辅助人员实施，辅助人员未取得行政执法证件",
    ),
    (
        "xzqz",
        "V2",
        "扣押现场笔录仅一名执法人员签名，另一名实施人员为辅助人员",
    ),
    (
        "xzqz",
        "V5",
        "实施扣押前未经行政机关负责人批准，事后亦未补办批准手续",
    ),
    (
        "xzxk",
        "V1",
        "准予许可决定书由内设科室负责人签发，经办人员未取得行政执法证件",
    ),
    (
        "xzxk",
        "V3",
        "申请材料缺少法定的安全评价报告，仍作出准予许可决定",
    ),
];

fn applies(prefix: &str, checklist: &str) -> bool {
    prefix.is_empty() || checklist.starts_with(prefix)
}

/// What an item is about, for the finding (`…的要求`): its text without parentheticals, clause
/// by clause until it says something (at least 8 characters), at most 30 characters.
fn short_text(text: &str) -> String {
    let mut plain = String::new();
    let mut depth = 0usize;
    for c in text.chars() {
        match c {
            '（' | '(' => depth += 1,
            '）' | ')' => depth = depth.saturating_sub(1),
            '“' if depth == 0 => plain.push('‘'),
            '”' if depth == 0 => plain.push('’'),
            c if depth == 0 => plain.push(c),
            _ => {}
        }
    }
    let mut head = String::new();
    for clause in plain.split(['，', '；', '。', ',']) {
        if !head.is_empty() {
            head.push('，');
        }
        head.push_str(clause);
        if head.chars().count() >= 8 {
            break;
        }
    }
    if head.chars().count() > 30 {
        head = head.chars().take(30).collect();
        head.push('…');
    }
    head
}

fn evidence(rng: &mut Rng) -> String {
    let from = 1 + rng.below(60);
    if rng.chance(40) {
        format!("第{}-{}页", from, from + 1 + rng.below(3))
    } else {
        format!("第{from}页")
    }
}

/// One item's decision before it is validated: (item index, verdict, points, finding, evidence).
type Planned = (
    usize,
    Verdict,
    Option<Points>,
    Option<String>,
    Option<String>,
);

/// The decisions for one file, in item order. `veto` names the item to veto, if any.
fn decide(case: &str, checklist: &Checklist, veto: Option<&str>) -> Vec<Planned> {
    let mut rng = Rng::new(case);
    // How careful the agency was with this file: per cent of items with a deduction.
    let deduct_rate = match rng.below(100) {
        0..=24 => 3,
        25..=54 => 10,
        55..=79 => 20,
        80..=94 => 32,
        _ => 55,
    };
    let mut out = Vec::with_capacity(checklist.items.len());
    for (i, item) in checklist.items.iter().enumerate() {
        out.push(decide_item(&mut rng, checklist, item, i, veto, deduct_rate));
    }
    out
}

fn decide_item(
    rng: &mut Rng,
    checklist: &Checklist,
    item: &ChecklistItem,
    index: usize,
    veto: Option<&str>,
    deduct_rate: u64,
) -> Planned {
    if item.veto && veto == Some(item.id.as_str()) {
        let finding = VETO_FINDINGS
            .iter()
            .find(|(c, i, _)| *c == checklist.id && *i == item.id)
            .map(|(_, _, f)| f.to_string())
            .unwrap_or_else(|| format!("经查，存在“{}”的情形", short_text(&item.text)));
        return (
            index,
            Verdict::Veto,
            None,
            Some(finding),
            Some(evidence(rng)),
        );
    }
    if item.max_points.is_zero() {
        return (index, Verdict::Pass, None, None, None);
    }
    let may_be_na = item.deduction.contains("不涉及") || item.text.contains("不涉及");
    if may_be_na && rng.chance(35) {
        return (
            index,
            Verdict::Na,
            None,
            Some("本案不涉及该环节".into()),
            None,
        );
    }
    if !rng.chance(deduct_rate) {
        return (index, Verdict::Pass, None, None, None);
    }
    let steps = (item.max_points.0 / item.step.0.max(1)).max(1);
    let most = steps.min(match deduct_rate {
        0..=9 => 1,
        10..=29 => 2,
        _ => 4,
    });
    let k = 1 + rng.below(u64::from(most)) as u32;
    let points = Points(item.step.0 * k);
    let section = checklist.sections[item.section].id.as_str();
    // What the item is about (its first clause) decides before the rest of its text.
    let head = short_text(&item.text);
    let rule_for = |text: &str| {
        RULES.iter().find(|(sections, prefix, words, _)| {
            sections.contains(section)
                && applies(prefix, &checklist.id)
                && words.iter().any(|w| text.contains(w))
        })
    };
    let rule = rule_for(&head).or_else(|| rule_for(&item.text));
    let phrase = match rule {
        Some((_, _, _, phrasings)) => rng.pick(phrasings),
        None => BY_SECTION
            .iter()
            .find(|(s, _)| *s == section)
            .map_or("存在不规范情形", |(_, f)| f),
    };
    let finding = format!("{phrase}，不符合“{head}”的要求");
    (
        index,
        Verdict::Deduct,
        Some(points),
        Some(finding),
        Some(evidence(rng)),
    )
}

/// The veto item a vetoed file fails on: one with a prepared finding where possible.
fn veto_item(case: &str, checklist: &Checklist) -> Option<String> {
    let prepared: Vec<&str> = checklist
        .items
        .iter()
        .filter(|it| {
            it.veto
                && VETO_FINDINGS
                    .iter()
                    .any(|(c, i, _)| *c == checklist.id && *i == it.id)
        })
        .map(|it| it.id.as_str())
        .collect();
    let any: Vec<&str> = checklist
        .items
        .iter()
        .filter(|it| it.veto)
        .map(|it| it.id.as_str())
        .collect();
    let from = if prepared.is_empty() { any } else { prepared };
    if from.is_empty() {
        return None;
    }
    let mut rng = Rng::new(&format!("veto:{case}"));
    Some(rng.pick(&from).to_string())
}

fn is_empty_dir(dir: &Path) -> bool {
    match std::fs::read_dir(dir) {
        Ok(mut entries) => entries.next().is_none(),
        Err(_) => false,
    }
}

/// When the fictional campaign "happens" (each record and event one second after the last).
pub const DEMO_CLOCK: &str = "2026-03-16T09:00:00+08:00";

pub fn run(dir: &Path, samples: &Path, lang: Lang) -> Outcome {
    if dir.exists() && !(dir.is_dir() && is_empty_dir(dir)) {
        return Err(tr!(
            lang,
            "{} 已存在且不是空文件夹，演示评查项目不会写入其中。请指定一个不存在的或空的文件夹",
            "{} exists and is not an empty folder; the demo campaign is not built there. Give a folder that does not exist or is empty",
            dir.display()
        ));
    }
    let started = std::time::Instant::now();
    // A fictional clock: the same campaign, byte for byte, on every machine and every run.
    if let Ok(t) = chrono::DateTime::parse_from_rfc3339(DEMO_CLOCK) {
        workspace::use_fixed_clock(t);
    }
    out!("{}", tr!(lang, "演示：以下全部为虚构数据，种子为固定的演示种子（真实抽取须现场掷骰）。", "Rehearsal: all data is fictional and the seed is a fixed demo seed (a real draw uses dice in the room)."));

    // 1. Freeze and commit as `demo` does, then draw with two witnesses and a place.
    let ws = super::demo::freeze_and_commit(dir, samples, lang)?;
    let at = workspace::now();
    let (first, second) = DEMO_SEED.split_at(DEMO_SEED.len() / 2);
    let witnesses = [
        (
            lang.pick("钱某某", "Qian (fictional)"),
            lang.pick("县司法局", "county justice bureau"),
        ),
        (
            lang.pick("吴某某", "Wu (fictional)"),
            lang.pick("县纪委监委", "county discipline commission"),
        ),
    ];
    let parts = [first, second]
        .iter()
        .zip(&witnesses)
        .map(|(digits, (who, _))| SeedPart {
            who: who.to_string(),
            digits: digits.to_string(),
            entered_at: at.clone(),
        })
        .collect();
    let witnesses = witnesses
        .iter()
        .map(|(name, unit)| Witness {
            name: name.to_string(),
            unit: unit.to_string(),
        })
        .collect();
    let (record, rsha, _) = ws
        .draw(
            DEMO_SEED,
            parts,
            witnesses,
            None,
            Some(
                lang.pick(
                    "县司法局三楼会议室（演示）",
                    "county justice bureau, 3rd floor meeting room (rehearsal)",
                )
                .into(),
            ),
            Some(lang.pick("县司法局", "county justice bureau").into()),
        )
        .map_err(|e| e.render(lang))?;
    out!("{}", heading(lang, "3. 抽取", "3. Draw"));
    out!(
        "{}",
        tr!(
            lang,
            "  种子 {}，抽取记录摘要 {rsha}",
            "  seed {}, record SHA-256 {rsha}",
            record.seed
        )
    );

    // 2. The review plan, then every sample file: its decisions in one batch, then finalize.
    let mut review = Review::open(dir).map_err(|e| e.render(lang))?;
    review.ensure_plan().map_err(|e| e.render(lang))?;
    let samples: Vec<usize> = (0..review.files.len())
        .filter(|&i| review.files[i].selected.role == Role::Sample)
        .collect();
    let mut by_hash: Vec<usize> = samples.clone();
    by_hash.sort_by_key(|&i| (fnv(&format!("veto:{}", review.files[i].id())), i));
    let vetoed: Vec<usize> = by_hash.into_iter().take(VETOED_FILES).collect();
    out!(
        "{}",
        heading(
            lang,
            "4. 评查（虚构的评查结论）",
            "4. Review (fictional decisions)"
        )
    );
    for &fi in &samples {
        let case = review.files[fi].id().to_string();
        let agency = review.files[fi].agency();
        let reviewer = REVIEWERS[(fnv(&agency) % REVIEWERS.len() as u64) as usize];
        let Some(checklist) = review.checklist_of(fi).cloned() else {
            return Err(tr!(
                lang,
                "案卷“{case}”没有对应的评查标准",
                "case {case:?} has no checklist"
            ));
        };
        let veto = if vetoed.contains(&fi) {
            veto_item(&case, &checklist)
        } else {
            None
        };
        let mut decisions = Vec::new();
        for (i, verdict, points, finding, evidence) in decide(&case, &checklist, veto.as_deref()) {
            let item = &checklist.items[i];
            let d = Decision::new(
                item,
                verdict,
                points,
                finding.as_deref(),
                evidence.as_deref(),
                lang,
            )
            .map_err(|e| format!("{case} {}: {}", item.id, e.render(lang)))?;
            decisions.push((item.id.clone(), i, d));
        }
        let reference = checklist.reference();
        review
            .commit(&|r| {
                let fi = r.file_index(&case)?;
                Ok(decisions
                    .iter()
                    .map(|(id, i, d)| Event {
                        seq: 0,
                        at: workspace::now(),
                        by: reviewer.to_string(),
                        case: case.clone(),
                        checklist: reference.clone(),
                        change: Change::Set {
                            item: id.clone(),
                            old: r.states[fi].decisions[*i].clone(),
                            new: Some(d.clone()),
                        },
                        via: VIA.to_string(),
                        prev: String::new(),
                        lane: None,
                        signed: None,
                    })
                    .collect())
            })
            .map_err(|e| e.render(lang))?;
        review
            .finalize(&case, reviewer, VIA)
            .map_err(|e| e.render(lang))?;
    }

    // 3. What came of it.
    let mut grades: Vec<(String, usize)> = Vec::new();
    let mut finalized = 0;
    let mut vetoes = 0;
    for &fi in &samples {
        if !matches!(review.states[fi].status, Status::Finalized { .. }) {
            continue;
        }
        finalized += 1;
        let Some(c) = review.checklist_of(fi) else {
            continue;
        };
        let s = review.states[fi].score(c);
        if !s.vetoes.is_empty() {
            vetoes += 1;
        }
        let g = match lang {
            Lang::Zh => s.grade,
            Lang::En => s.grade_en,
        };
        match grades.iter_mut().find(|(name, _)| *name == g) {
            Some((_, n)) => *n += 1,
            None => grades.push((g, 1)),
        }
    }
    let order = |g: &str| {
        [
            "优秀",
            "excellent",
            "良好",
            "good",
            "合格",
            "pass",
            "不合格",
            "fail",
        ]
        .iter()
        .position(|x| *x == g)
        .unwrap_or(usize::MAX)
    };
    grades.sort_by_key(|(g, _)| order(g));
    let grades = grades
        .iter()
        .map(|(g, n)| format!("{g} {n}"))
        .collect::<Vec<_>>()
        .join(lang.pick("，", ", "));
    out!(
        "{}",
        tr!(
            lang,
            "  已定稿 {finalized} / {} 件（其中 {vetoes} 件有否决项）；等次：{grades}",
            "  {finalized} of {} files finalized ({vetoes} with a veto); grades: {grades}",
            samples.len()
        )
    );
    out!(
        "{}",
        tr!(
            lang,
            "  评查日志 {} 条，日志头 {}（用时 {:.1} 秒）",
            "  {} journal events, journal head {} ({:.1} s)",
            review.journal.events.len(),
            review.journal.head(),
            started.elapsed().as_secs_f64()
        )
    );
    let d = dir.display();
    out!("{}", heading(lang, "接下来可以试试", "Try next"));
    out!("{}", tr!(lang, "  工作区：{d}", "  workspace: {d}"));
    out!(
        "{}",
        tr!(
            lang,
            "  anjuan tui {d}            # 评查台",
            "  anjuan tui {d}            # the review desk"
        )
    );
    out!(
        "{}",
        tr!(
            lang,
            "  anjuan review {d} status  # 每件案卷的得分与等次",
            "  anjuan review {d} status  # every file's score and grade"
        )
    );
    out!(
        "{}",
        tr!(
            lang,
            "  anjuan export {d} --out {d}/导出  # 见证单与评查结果表",
            "  anjuan export {d} --out {d}/导出  # witness sheet and result sheets"
        )
    );
    out!(
        "{}",
        tr!(
            lang,
            "  anjuan feedback {d} --out {d}/意见书  # 向各执法机关下发评查意见书（DOCX、XLSX）",
            "  anjuan feedback {d} --out {d}/意见书  # the feedback letters to the agencies (DOCX, XLSX)"
        )
    );
    out!(
        "{}",
        tr!(
            lang,
            "  anjuan rectify {d} list   # 整改事项：定方案、报告、销号（docs/RECTIFICATION.md）",
            "  anjuan rectify {d} list   # rectification items: plan, report, close (docs/RECTIFICATION.md)"
        )
    );
    out!(
        "{}",
        tr!(
            lang,
            "  anjuan report {d} --out {d}/通报  # 评查情况通报（草稿，DOCX）",
            "  anjuan report {d} --out {d}/通报  # the review bulletin draft (DOCX)"
        )
    );
    out!(
        "{}",
        tr!(
            lang,
            "  anjuan publish {d} --out {d}/公开 --with-results  # 在浏览器中自行复核的公开页面",
            "  anjuan publish {d} --out {d}/公开 --with-results  # the public page that checks itself in a browser"
        )
    );
    out!(
        "{}",
        tr!(
            lang,
            "  anjuan verify {d}         # 复核抽取与评查日志",
            "  anjuan verify {d}         # check the draw and the journal"
        )
    );
    Ok(if finalized == samples.len() { 0 } else { 1 })
}
