//! The command line: raw arguments become typed settings here, at one boundary; each subcommand
//! lives in its own module and calls the stages' real APIs.

/// `println!` that ignores a closed stdout (`anjuan … | head`) instead of panicking, and never
/// lets text from outside (register cells, checklists, findings, names) reach the terminal raw:
/// control and invisible format characters are printed as visible stand-ins (`^[`, `<U+202E>`;
/// `tui::text::terminal_safe`). JSON goes through `tui::text::json_safe` first, which escapes
/// them without changing the data.
macro_rules! out {
    () => {{
        use std::io::Write as _;
        let _ = writeln!(std::io::stdout());
    }};
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        let text = format!($($arg)*);
        let _ = writeln!(
            std::io::stdout(),
            "{}",
            $crate::tui::text::terminal_safe(&text)
        );
    }};
}

mod args;
mod ballot;
mod ballot_args;
mod checklist;
mod commit;
mod demo;
mod demo_build;
mod draw;
mod export;
mod feedback;
mod init;
mod install;
mod publish;
mod rectify;
mod rectify_args;
mod rectify_recheck;
mod rectify_sheet;
mod replace;
mod report;
mod review;
mod risk;
mod risk_args;
mod sample;
mod team;
mod template;
mod verify;

use crate::i18n::Lang;
use crate::tr;
pub use args::{Cli, Command};

/// Exit codes: 0 success, 1 verification found a difference, 2 the input or request was wrong.
pub fn run(cli: Cli) -> i32 {
    let lang = cli.lang;
    // A 民主评议 panel is drawn from entities: there are no case files to review, rectify or scan.
    let cases_only = match &cli.command {
        Command::Review(a) => Some(&a.dir),
        Command::Tui(a) => Some(&a.dir),
        Command::Rectify(a) => Some(&a.dir),
        Command::Feedback(a) => Some(&a.dir),
        Command::Report(a) => Some(&a.dir),
        Command::Risk(a) => Some(&a.dir),
        _ => None,
    };
    if let Some(dir) = cases_only {
        if let Err(message) = refuse_entities(dir, lang) {
            eprintln!("{message}");
            return 2;
        }
    }
    let result = match cli.command {
        Command::Init(a) => init::run(a, lang),
        Command::Commit(a) => commit::run(a, lang),
        Command::Draw(a) => draw::run(a, lang),
        Command::Verify(a) => verify::run(a, lang),
        Command::Sample(a) => sample::run(a, lang),
        Command::Review(a) => review::run(a, lang),
        Command::Checklist(a) => checklist::run(a, lang),
        Command::Tui(a) => crate::tui::run(&a.dir, a.reviewer, a.key.as_deref(), lang).map(|()| 0),
        Command::Team(a) => team::run(a.action, lang),
        Command::Export(a) => export::run(a, lang),
        Command::Demo(a) => demo::run(a, lang),
        Command::Template(a) => template::run(a, lang),
        Command::Rectify(a) => rectify::run(a, lang),
        Command::Feedback(a) => feedback::run(a, lang),
        Command::Publish(a) => publish::run(a, lang),
        Command::Risk(a) => risk::run(a, lang),
        Command::Replace(a) => replace::run(a, lang),
        Command::Report(a) => report::run(a, lang),
        Command::Ballot(a) => ballot::run(a, lang),
        Command::Manual(a) => install::manual(a, lang),
        Command::Completions(a) => install::completions(a),
    };
    match result {
        Ok(code) => code,
        Err(message) => {
            eprintln!("{}", crate::tui::text::terminal_safe(message.trim_end()));
            2
        }
    }
}

/// A subcommand's result: an exit code, or a message for the user.
pub type Outcome = Result<i32, String>;

pub fn heading(lang: Lang, zh: &str, en: &str) -> String {
    format!("== {} ==", lang.pick(zh, en))
}

/// Refuse a case-file command on a workspace whose population is regulated entities.
fn refuse_entities(dir: &std::path::Path, lang: Lang) -> Result<(), String> {
    let Ok(ws) = crate::workspace::Workspace::open(dir) else {
        // Not a workspace: the command itself says so.
        return Ok(());
    };
    match ws.campaign() {
        Ok((c, _)) if !c.settings.columns.population.is_cases() => Err(tr!(
            lang,
            "{} 的总体是监管对象（民主评议代表），没有案卷可评查、整改或筛查。邀请名单用 anjuan export，替补用 anjuan replace，测评用 anjuan ballot",
            "the population of {} is regulated entities (a 民主评议 panel): there are no case files to review, rectify or scan. Use anjuan export for the invitation list, anjuan replace for replacements and anjuan ballot for the evaluation",
            dir.display()
        )),
        _ => Ok(()),
    }
}
