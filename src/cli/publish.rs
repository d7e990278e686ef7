//! `anjuan publish WS --out DIR`: the public record page (`publication::page`), and a plain
//! statement of what it holds — so the office knows what it is about to put online.

use super::args::PublishArgs;
use super::Outcome;
use crate::i18n::Lang;
use crate::publication::page::publish;
use crate::publication::page_data::Options;
use crate::tr;

pub fn run(a: PublishArgs, lang: Lang) -> Outcome {
    let options = Options {
        with_results: a.with_results,
        with_titles: a.with_titles,
    };
    let (path, bytes, inc) = publish(&a.dir, &a.out, options, lang).map_err(|e| e.render(lang))?;
    println!(
        "{}",
        tr!(
            lang,
            "已写入公开页面 {}（{} 字节）",
            "wrote the public page {} ({} bytes)",
            path.display(),
            bytes
        )
    );
    println!(
        "{}",
        tr!(
            lang,
            "包含：抽样总体 {} 件（每件只有案号和所属分层，共 {} 层）、案卷目录的摘要、账本、{} 份承诺、{} 次抽取（种子、输入人、见证人、样本与备选及签号）",
            "it holds: the population of {} cases (only each case's id and stratum; {} strata), the registers' digests, the ledger, {} commitments, {} draws (seed, who entered it, witnesses, sample and alternates with tickets)",
            inc.cases,
            inc.strata,
            inc.commitments,
            inc.draws
        )
    );
    match inc.results {
        Some(n) => println!(
            "{}",
            tr!(
                lang,
                "另含（--with-results）：{n} 件已定稿案卷的得分和等级，各单位等级分布和平均分，问题按类别的件数",
                "also (--with-results): the score and grade of {n} finalized files, grades and average per agency, problems per category"
            )
        ),
        None => println!(
            "{}",
            lang.pick(
                "不含评查得分和等级（需要时加 --with-results）",
                "no scores or grades (add --with-results to publish them)"
            )
        ),
    }
    match inc.titles {
        Some(n) => println!(
            "{}",
            tr!(
                lang,
                "另含（--with-titles）：{n} 件抽中案卷的案件名称和当事人{}——请确认可以公开",
                "also (--with-titles): the case name and party of {n} drawn files{} — make sure they may be published",
                if a.with_results {
                    lang.pick("及发现的问题", " and their findings")
                } else {
                    ""
                }
            )
        ),
        None => println!(
            "{}",
            lang.pick(
                "不含当事人、案件名称、承办人和发现的问题（需要时加 --with-titles）",
                "no parties, case names, case handlers or findings (add --with-titles to publish them)"
            )
        ),
    }
    Ok(0)
}
