//! `anjuan replace WS ID --reason TEXT`: a drawn representative (民主评议代表) who cannot come
//! is replaced by the next alternate of the same stratum, in rank order, and the replacement is
//! recorded with its reason (`panel::replacement`).

use super::args::ReplaceArgs;
use super::Outcome;
use crate::i18n::Lang;
use crate::tr;
use crate::workspace::Workspace;

pub fn run(a: ReplaceArgs, lang: Lang) -> Outcome {
    let ws = Workspace::open(&a.dir).map_err(|e| e.render(lang))?;
    let made = crate::panel::replacement::replace(&ws, &a.id, &a.reason, lang)?;
    let r = &made.record;
    out!(
        "{}",
        tr!(
            lang,
            "已替补（{}）：{} 不能到场（{}），由“{}”层第 {} 号备选 {} 替补",
            "replaced ({}): {} cannot come ({}); alternate {4} of stratum {3}, {5}, takes the seat",
            made.file,
            r.replaced,
            r.reason,
            r.stratum.join(" / "),
            r.alternate_rank,
            r.replacement
        )
    );
    out!(
        "{}",
        tr!(
            lang,
            "请重新导出邀请名单：anjuan export {} --out 文件夹",
            "export the invitation list again: anjuan export {} --out DIR",
            a.dir.display()
        )
    );
    Ok(0)
}
