//! `anjuan demo`: a rehearsal of the whole ceremony on the fictional registers in `samples/`, in a
//! fresh temporary workspace (nothing is written into the repository).

use super::args::DemoArgs;
use super::{commit::print_allocation, draw::print_selected, heading, Outcome};
use crate::draw::allocation::Method;
use crate::i18n::Lang;
use crate::register::collection::CollectionPlan;
use crate::register::import::{ImportSettings, RegisterFile};
use crate::tr;
use crate::workspace::{self, verify, Workspace};
use std::io::IsTerminal;
use std::path::{Path, PathBuf};

/// A fixed rehearsal seed, so a demo is reproducible; real draws take dice.
pub const DEMO_SEED: &str = "31415926535897932384";

/// The sample collection round: every agency's register as it came back, and the list.
const COLLECTION: &str = "collection";
const AGENCY_LIST: &str = "执法机关名单.csv";
/// The agency on the sample list that sent a zero report.
const ZERO_REPORT: &str = "攸县气象局";

/// `--samples` when it holds the samples; else those an installed package put beside the
/// binary (`/usr/bin/anjuan` → `/usr/share/anjuan/samples`); else the repository's.
fn samples_dir(given: &Path) -> PathBuf {
    if given.join(COLLECTION).is_dir() {
        return given.to_path_buf();
    }
    let installed = std::env::current_exe().ok().and_then(|exe| {
        let dir = exe.parent()?.parent()?.join("share/anjuan/samples");
        dir.join(COLLECTION).is_dir().then_some(dir)
    });
    installed.unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("samples"))
}

pub fn run(a: DemoArgs, lang: Lang) -> Outcome {
    let samples = samples_dir(&a.samples);
    if !samples.join(AGENCY_LIST).is_file() {
        return Err(tr!(
            lang,
            "找不到示例数据 {}：请在仓库根目录运行，或用 --samples 指定",
            "sample data {} not found: run from the repository root or pass --samples",
            samples.join(AGENCY_LIST).display()
        ));
    }
    let samples = samples.as_path();
    if let Some(dir) = &a.build {
        return super::demo_build::run(dir, samples, lang);
    }
    let dir = match a.keep {
        Some(d) => d,
        None => std::env::temp_dir().join(format!(
            "anjuan-demo-{}-{}",
            std::process::id(),
            chrono::Local::now().format("%Y%m%d%H%M%S")
        )),
    };
    out!("{}", tr!(lang, "演示：以下全部为虚构数据，种子为固定的演示种子（真实抽取须现场掷骰）。", "Rehearsal: all data is fictional and the seed is a fixed demo seed (a real draw uses dice in the room)."));
    out!(
        "{}",
        tr!(lang, "工作区：{}", "workspace: {}", dir.display())
    );
    let ws = freeze_and_commit(&dir, samples, lang)?;
    if !a.print && std::io::stdout().is_terminal() && std::io::stdin().is_terminal() {
        // The ceremony continues on screen: witnesses, dice, the draw, then the review desk.
        crate::tui::run(
            &dir,
            Some(lang.pick("演示评查人", "demo reviewer").into()),
            None,
            lang,
        )?;
        out!(
            "{}",
            tr!(
                lang,
                "演示工作区保留在 {}，可用 anjuan verify 复核，或用 anjuan tui 再次打开。",
                "The demo workspace stays in {}; check it with anjuan verify, open it again with anjuan tui.",
                dir.display()
            )
        );
        return Ok(0);
    }
    let at = workspace::now();
    let parts = vec![crate::draw::seed::SeedPart {
        who: lang.pick("演示见证人", "demo witness").into(),
        digits: DEMO_SEED.into(),
        entered_at: at,
    }];
    let witness = workspace::records::Witness {
        name: lang.pick("演示见证人", "demo witness").into(),
        unit: lang.pick("县司法局", "county justice bureau").into(),
    };
    let (record, rsha, _) = ws
        .draw(
            DEMO_SEED,
            parts,
            vec![witness],
            None,
            Some(lang.pick("演示", "rehearsal").into()),
            None,
        )
        .map_err(|e| e.render(lang))?;
    out!("{}", heading(lang, "3. 抽取", "3. Draw"));
    out!("{}", tr!(lang, "  种子 {}", "  seed {}", record.seed));
    print_selected(&record.selected, lang);
    out!(
        "{}",
        tr!(lang, "  抽取记录摘要 {rsha}", "  record SHA-256 {rsha}")
    );
    out!("{}", heading(lang, "4. 复核", "4. Verify"));
    let checks = verify::verify(&ws, &[], lang);
    let bad = checks.iter().filter(|c| !c.ok).count();
    out!(
        "{}",
        tr!(
            lang,
            "  {} 项核对，{bad} 项不一致。自行复核：anjuan verify {}",
            "  {} checks, {bad} differ. Check it yourself: anjuan verify {}",
            checks.len(),
            dir.display()
        )
    );
    Ok(if bad == 0 { 0 } else { 1 })
}

/// Steps 1 and 2 of every rehearsal (`demo` and `demo --build`), printed as they go: freeze the
/// sample collection round (every file in `samples/collection/`, every sheet, the agency of the
/// one-sheet-per-agency workbook from its sheet names, checked against the list with its zero
/// report), then commit to 100 files, proportional by agency, at least 1 each, 2 alternates each.
pub(super) fn freeze_and_commit(
    dir: &Path,
    samples: &Path,
    lang: Lang,
) -> Result<Workspace, String> {
    let folder = samples.join(COLLECTION);
    let mut paths: Vec<PathBuf> = std::fs::read_dir(&folder)
        .map_err(|e| format!("{}: {e}", folder.display()))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.is_file())
        .collect();
    // Name order, so the workspace is the same on every machine.
    paths.sort();
    let files: Vec<RegisterFile> = paths
        .into_iter()
        .map(|path| RegisterFile {
            path,
            agency_from_sheet: true,
            ..Default::default()
        })
        .collect();
    let settings = ImportSettings {
        sheet: Some("all".into()),
        ..Default::default()
    };
    let plan = CollectionPlan {
        list: Some(samples.join(AGENCY_LIST)),
        zero_reports: vec![ZERO_REPORT.into()],
        allow_missing: Vec::new(),
    };
    let report = Workspace::init_with(
        dir,
        &files,
        &settings,
        Some(lang.pick("演示专项", "demo campaign").into()),
        &plan,
    )
    .map_err(|e| e.render(lang))?;
    let c = &report.campaign;
    out!(
        "{}",
        heading(
            lang,
            "1. 冻结各机关报送的案卷目录",
            "1. Freeze the registers the agencies sent"
        )
    );
    for r in &c.registers {
        let name = Path::new(&r.file)
            .file_name()
            .map_or_else(|| r.file.clone(), |n| n.to_string_lossy().into_owned());
        out!("  {name}  SHA-256 {}", r.sha256);
        for line in r.layout_lines(lang) {
            out!("    {line}");
        }
    }
    if let Some(col) = &c.collection {
        for line in col.describe(lang) {
            out!("  {line}");
        }
    }
    out!(
        "{}",
        tr!(
            lang,
            "  总体 {} 件 / {} 个执法机关，总体摘要 {}",
            "  {} cases / {} agencies, population SHA-256 {}",
            c.population.size,
            c.population.strata.len(),
            c.population.sha256
        )
    );
    let ws = Workspace::open(dir).map_err(|e| e.render(lang))?;
    let (commitment, sha, _) = ws
        .commit(
            Method::Proportional {
                n: 100,
                min_per_stratum: 1,
            },
            2,
            None,
        )
        .map_err(|e| e.render(lang))?;
    out!(
        "{}",
        heading(
            lang,
            "2. 抽样前承诺（按比例 100 件，每个机关至少 1 件，各 2 件备选）",
            "2. Pre-seed commitment (100 proportional, at least 1 per agency, 2 alternates each)"
        )
    );
    print_allocation(&commitment.allocation, lang);
    out!(
        "{}",
        tr!(lang, "  承诺摘要 {sha}", "  commitment SHA-256 {sha}")
    );
    Ok(ws)
}
