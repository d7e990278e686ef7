//! `anjuan demo`: a rehearsal of the whole ceremony on the fictional registers in `samples/`, in a
//! fresh temporary workspace (nothing is written into the repository).

use super::args::DemoArgs;
use super::{commit::print_allocation, draw::print_selected, heading, Outcome};
use crate::draw::allocation::Method;
use crate::i18n::Lang;
use crate::register::import::{ImportSettings, RegisterFile};
use crate::tr;
use crate::workspace::{self, verify, Workspace};
use std::io::IsTerminal;
use std::path::{Path, PathBuf};

/// A fixed rehearsal seed, so a demo is reproducible; real draws take dice.
pub const DEMO_SEED: &str = "31415926535897932384";

fn samples_dir(given: &Path) -> PathBuf {
    if given.join("county-register.csv").is_file() {
        return given.to_path_buf();
    }
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("samples")
}

pub fn run(a: DemoArgs, lang: Lang) -> Outcome {
    let samples = samples_dir(&a.samples);
    let register = samples.join("county-register.csv");
    if !register.is_file() {
        return Err(tr!(
            lang,
            "找不到示例数据 {}：请在仓库根目录运行，或用 --samples 指定",
            "sample data {} not found: run from the repository root or pass --samples",
            register.display()
        ));
    }
    if let Some(dir) = &a.build {
        return super::demo_build::run(dir, &register, lang);
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
    let ws = freeze_and_commit(&dir, &register, lang)?;
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
/// sample register, then commit to 100 files, proportional by agency, at least 1 each, 2
/// alternates each.
pub(super) fn freeze_and_commit(
    dir: &Path,
    register: &Path,
    lang: Lang,
) -> Result<Workspace, String> {
    let files = vec![RegisterFile {
        path: register.to_path_buf(),
        agency: None,
        ..Default::default()
    }];
    let report = Workspace::init(
        dir,
        &files,
        &ImportSettings::default(),
        Some(lang.pick("演示专项", "demo campaign").into()),
    )
    .map_err(|e| e.render(lang))?;
    let c = &report.campaign;
    out!(
        "{}",
        heading(lang, "1. 冻结案卷目录", "1. Freeze the register")
    );
    for r in &c.registers {
        out!("  {}  SHA-256 {}", r.file, r.sha256);
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
