//! What `anjuan verify DIR --export OUTDIR` checks of an export folder: every file the manifest
//! lists still has its digest; the draw record it names is the workspace's; its journal head is
//! still in the journal's chain; and every CSV is byte for byte what the record gives when the
//! sheets are rebuilt from the journal as it stood at that head.

use super::bundle::{self, Manifest, MANIFEST};
use crate::i18n::Lang;
use crate::tr;
use crate::workspace::verify::Check;
use crate::workspace::Workspace;
use std::path::Path;

pub fn verify(ws: &Workspace, out: &Path, lang: Lang) -> Vec<Check> {
    let mut checks = Vec::new();
    let mut check = |ok: bool, what: String| checks.push(Check { ok, what });
    let folder = out.display().to_string();
    let manifest: Manifest = match std::fs::read(out.join(MANIFEST))
        .map_err(|e| e.to_string())
        .and_then(|b| serde_json::from_slice(&b).map_err(|e| e.to_string()))
    {
        Ok(m) => m,
        Err(e) => {
            check(
                false,
                tr!(
                    lang,
                    "{folder}：无法读取 {MANIFEST}（{e}）",
                    "{folder}: cannot read {MANIFEST} ({e})"
                ),
            );
            return checks;
        }
    };
    for f in &manifest.files {
        match crate::workspace::safe_path::read_inside(out, &f.file) {
            Ok(bytes) => {
                use crate::workspace::endings::{recover, Recovered};
                let found = recover(&bytes, &f.sha256);
                let sha = match &found {
                    Recovered::Altered { found } => found.clone(),
                    _ => f.sha256.clone(),
                };
                check(
                    sha == f.sha256,
                    if found.converted() {
                        tr!(
                            lang,
                            "导出文件 {} 与清单摘要一致（复制时换行符被转换，还原后逐字节相同）",
                            "exported file {} matches the manifest (a copy converted its line endings; restored, it is the same byte for byte)",
                            f.file
                        )
                    } else if sha == f.sha256 {
                        tr!(
                            lang,
                            "导出文件 {} 与清单摘要一致",
                            "exported file {} matches the manifest",
                            f.file
                        )
                    } else {
                        tr!(
                            lang,
                            "导出文件 {} 在导出后被改动（清单 SHA-256 {}，现在 {sha}）",
                            "exported file {} changed after export (manifest SHA-256 {}, now {sha})",
                            f.file,
                            f.sha256
                        )
                    },
                );
            }
            Err(e) => check(
                false,
                tr!(
                    lang,
                    "导出文件 {} 缺失（{e}）",
                    "exported file {} is missing ({e})",
                    f.file
                ),
            ),
        }
    }
    let draw_ok = crate::workspace::safe_path::read_inside(&ws.dir, &manifest.draw.file)
        .map(|b| {
            crate::workspace::endings::recover(&b, &manifest.draw.sha256)
                .bytes()
                .is_some()
        })
        .unwrap_or(false);
    check(
        draw_ok,
        if draw_ok {
            tr!(
                lang,
                "导出所依据的抽取记录 {} 与工作区一致",
                "the export's draw record {} is the workspace's",
                manifest.draw.file
            )
        } else {
            tr!(
                lang,
                "导出所依据的抽取记录 {}（SHA-256 {}）不在本工作区中",
                "the export's draw record {} (SHA-256 {}) is not this workspace's",
                manifest.draw.file,
                manifest.draw.sha256
            )
        },
    );
    let journal = match crate::review::journal::Journal::read(
        &ws.dir.join(crate::review::journal::JOURNAL),
    ) {
        Ok(j) => j,
        Err(e) => {
            check(false, e.to_string());
            return checks;
        }
    };
    let at = if manifest.journal_events == 0 {
        (manifest.journal_head == crate::review::journal::GENESIS).then_some(0)
    } else {
        journal
            .hashes
            .get(manifest.journal_events - 1)
            .filter(|h| **h == manifest.journal_head)
            .map(|_| manifest.journal_events)
    };
    let Some(at) = at else {
        check(
            false,
            tr!(
                lang,
                "导出时的日志头 {}（第 {} 个事件）不在当前日志链中：导出后日志被改动或截断",
                "the journal head {} at export (event {}) is not in the journal's chain: the journal was altered or cut after the export",
                manifest.journal_head,
                manifest.journal_events
            ),
        );
        return checks;
    };
    check(
        true,
        tr!(
            lang,
            "导出时的日志头是日志第 {at} 个事件，其后 {} 个事件都接续其后",
            "the journal head at export is event {at}; the {} events after it chain on from it",
            journal.events.len() - at
        ),
    );
    let record = match crate::review::journal::Chain::<crate::rectification::event::RectEvent>::read(
        &ws.dir.join(crate::rectification::RECORD),
    ) {
        Ok(j) => j,
        Err(e) => {
            check(false, e.to_string());
            return checks;
        }
    };
    // An export from before the record existed is rebuilt with none of it.
    let rect_at = match (&manifest.rectification_head, manifest.rectification_events) {
        (Some(head), Some(0)) => (head == crate::review::journal::GENESIS).then_some(0),
        (Some(head), Some(n)) => record.hashes.get(n - 1).filter(|h| *h == head).map(|_| n),
        _ => Some(0),
    };
    let Some(rect_at) = rect_at else {
        check(
            false,
            tr!(
                lang,
                "导出时的整改记录头 {}（第 {} 个事件）不在当前整改记录链中：导出后记录被改动或截断",
                "the rectification record head {} at export (event {}) is not in the record's chain: the record was altered or cut after the export",
                manifest.rectification_head.clone().unwrap_or_default(),
                manifest.rectification_events.unwrap_or(0)
            ),
        );
        return checks;
    };
    let as_of = manifest
        .as_of
        .as_deref()
        .and_then(crate::rectification::item::parse_date)
        .unwrap_or_else(crate::rectification::item::today);
    let rect = match crate::rectification::Rectification::open_at(&ws.dir, Some(at), Some(rect_at))
    {
        Ok(r) => r,
        Err(e) => {
            check(false, e.render(lang));
            return checks;
        }
    };
    let outputs = match bundle::outputs(&rect, as_of, manifest.lang) {
        Ok(o) => o,
        Err(e) => {
            check(false, e.render(lang));
            return checks;
        }
    };
    for o in &outputs {
        let file = format!("{}.csv", o.stem);
        let Some(listed) = manifest.files.iter().find(|f| f.file == file) else {
            check(
                false,
                tr!(lang, "清单中没有 {file}", "{file} is not in the manifest"),
            );
            continue;
        };
        let rebuilt = crate::workspace::ledger::sha256_hex(&bundle::csv_bytes(o));
        check(
            rebuilt == listed.sha256,
            if rebuilt == listed.sha256 {
                tr!(
                    lang,
                    "{file} 可由记录重新生成，逐字节一致",
                    "{file} re-derives from the record byte for byte"
                )
            } else {
                tr!(
                    lang,
                    "{file} 与按记录重新生成的内容不同（导出后被改动，或由其他版本生成）",
                    "{file} differs from what the record gives (changed after export, or made by another version)"
                )
            },
        );
    }
    checks
}
