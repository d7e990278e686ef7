//! What `anjuan verify` re-derives of the panel: every recorded replacement names a recorded
//! draw, and its alternate is the one the rank-order rule (`replacement::next`) gives after the
//! replacements before it.

use super::replacement::{self, Replacement};
use crate::i18n::Lang;
use crate::tr;
use crate::workspace::verify::Check;
use crate::workspace::Workspace;

pub fn verify(ws: &Workspace, lang: Lang) -> Vec<Check> {
    let mut out = Vec::new();
    let list = match replacement::all(ws) {
        Ok(l) => l,
        Err(e) => {
            out.push(Check {
                ok: false,
                what: e.render(lang),
            });
            return out;
        }
    };
    let mut done: Vec<&Replacement> = Vec::new();
    for (file, r) in &list {
        let draw = ws
            .read_draw(&r.draw.file)
            .ok()
            .filter(|(_, sha)| *sha == r.draw.sha256);
        let Some((draw, _)) = draw else {
            out.push(Check {
                ok: false,
                what: tr!(
                    lang,
                    "{file}：所依据的抽取记录 {} 不存在或已被改动",
                    "{file}: the draw record {} it names is missing or changed",
                    r.draw.file
                ),
            });
            continue;
        };
        let earlier: Vec<&Replacement> =
            done.iter().copied().filter(|e| e.draw == r.draw).collect();
        let ok = match replacement::next(&draw, &earlier, &r.replaced) {
            Ok(alt) => {
                alt.case_id == r.replacement
                    && alt.rank == r.alternate_rank
                    && alt.stratum == r.stratum
            }
            Err(_) => false,
        };
        out.push(Check {
            ok,
            what: if ok {
                tr!(
                    lang,
                    "{file}：{} 由本层第 {} 号备选 {} 替补，符合按序替补规则",
                    "{file}: {} replaced by alternate {} of its stratum, {}, as the rank order gives",
                    r.replaced,
                    r.alternate_rank,
                    r.replacement
                )
            } else {
                tr!(
                    lang,
                    "{file}：{} 的替补 {}（备选第 {} 号）不是按序替补规则给出的",
                    "{file}: the replacement {1} (alternate {2}) of {0} is not the one the rank order gives",
                    r.replaced,
                    r.replacement,
                    r.alternate_rank
                )
            },
        });
        done.push(r);
    }
    out
}
