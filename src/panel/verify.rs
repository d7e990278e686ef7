//! What `anjuan verify` re-derives of the panel: every recorded replacement names a recorded
//! draw, and its alternate is the one the rank-order rule (`replacement::next`) gives after the
//! replacements before it.

use super::replacement::{self, Replacement};
use crate::i18n::Lang;
use crate::tr;
use crate::workspace::records::DrawRecord;
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
        let ok = follows_rule(&draw, &earlier, r);
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

/// Whether `r` names the alternate the rank-order rule gives after `earlier` (id, rank and
/// stratum).
pub fn follows_rule(draw: &DrawRecord, earlier: &[&Replacement], r: &Replacement) -> bool {
    replacement::next(draw, earlier, &r.replaced).is_ok_and(|alt| {
        alt.case_id == r.replacement && alt.rank == r.alternate_rank && alt.stratum == r.stratum
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::register::population::{Role, Selected};
    use crate::workspace::records::RecordRef;
    use replacement::Refusal;

    fn row(stratum: &str, role: Role, rank: u64, id: &str) -> Selected {
        Selected {
            stratum: vec![stratum.into()],
            role,
            rank,
            ticket: Default::default(),
            case_id: id.into(),
        }
    }

    fn draw() -> DrawRecord {
        let mut d: DrawRecord = serde_json::from_value(serde_json::json!({
            "kind": "anjuan-draw", "number": 1, "algorithm": "anjuan-draw-v1",
            "tool_version": "t", "drawn_at": "t",
            "commitment": {"number": 1, "file": "commitments/0001.json", "sha256": "00"},
            "campaign_sha256": "", "population_sha256": "", "source_sha256": [],
            "stratum_fields": ["agency"], "method": {"method": "proportional", "n": 2, "min_per_stratum": 1},
            "alternates": 2, "allocation": [], "seed": "", "seed_sha256": "", "seed_parts": [],
            "witnesses": [], "selected": []
        }))
        .unwrap();
        d.selected = vec![
            row("甲", Role::Sample, 1, "A1"),
            row("甲", Role::Alternate, 3, "A3"),
            row("甲", Role::Alternate, 2, "A2"),
            row("乙", Role::Sample, 1, "B1"),
            row("乙", Role::Alternate, 2, "B2"),
        ];
        d
    }

    fn made(replaced: &str, replacement: &str, rank: u64, stratum: &str) -> Replacement {
        Replacement {
            kind: replacement::KIND.into(),
            number: 1,
            tool_version: "t".into(),
            created_at: "t".into(),
            draw: RecordRef {
                number: 1,
                file: "draws/0001.json".into(),
                sha256: "00".into(),
            },
            stratum: vec![stratum.into()],
            replaced: replaced.into(),
            reason: "r".into(),
            replacement: replacement.into(),
            alternate_rank: rank,
        }
    }

    #[test]
    fn alternates_are_called_in_rank_order_within_the_stratum() {
        let d = draw();
        assert_eq!(replacement::next(&d, &[], "A1").unwrap().case_id, "A2");
        let first = made("A1", "A2", 2, "甲");
        assert_eq!(
            replacement::next(&d, &[&first], "A2").unwrap().case_id,
            "A3"
        );
        assert_eq!(
            replacement::next(&d, &[&first], "A1"),
            Err(Refusal::AlreadyReplaced("A1".into()))
        );
        assert_eq!(
            replacement::next(&d, &[], "A2"),
            Err(Refusal::NotOnPanel("A2".into()))
        );
        let second = made("A2", "A3", 3, "甲");
        assert_eq!(
            replacement::next(&d, &[&first, &second], "A3"),
            Err(Refusal::NoAlternateLeft(vec!["甲".into()]))
        );
        assert_eq!(
            replacement::next(&d, &[&first], "B1").unwrap().case_id,
            "B2"
        );
    }

    #[test]
    fn a_skipped_or_foreign_alternate_breaks_the_rule() {
        let d = draw();
        assert!(follows_rule(&d, &[], &made("A1", "A2", 2, "甲")));
        // Rank 3 while rank 2 was never called.
        assert!(!follows_rule(&d, &[], &made("A1", "A3", 3, "甲")));
        // An alternate of another stratum.
        assert!(!follows_rule(&d, &[], &made("A1", "B2", 2, "乙")));
        // The right alternate with its rank misrecorded.
        assert!(!follows_rule(
            &d,
            &[],
            &make_rank(made("A1", "A2", 2, "甲"), 1)
        ));
    }

    fn make_rank(mut r: Replacement, rank: u64) -> Replacement {
        r.alternate_rank = rank;
        r
    }
}
