//! What an installed anjuan carries besides the binary: `anjuan manual --out DIR` writes a man
//! page per command (clap_mangen: `anjuan.1`, `anjuan-draw.1`, `anjuan-review-set.1`, …) and
//! `anjuan completions bash|zsh|fish` prints the shell completions (clap_complete), both from
//! the same argument definitions the binary parses, so they cannot drift from it. The Debian
//! package (`cargo deb`, see `[package.metadata.deb]`) installs what these write. Also the
//! long `--version`: the tool's version and the pinned methods and formats it implements.

use super::args::{Cli, CompletionsArgs, ManualArgs, Shell};
use super::Outcome;
use crate::i18n::Lang;
use crate::tr;
use clap::CommandFactory;
use std::path::Path;
use std::sync::OnceLock;

/// The methods and formats whose output must stay reproducible, with their pinned names.
pub fn methods() -> [(&'static str, &'static str); 8] {
    [
        ("draw", crate::draw::ALGORITHM),
        ("assignment", crate::team::assign::ALGORITHM),
        ("journal", crate::review::journal::FORMAT),
        ("event signature", crate::review::event::SIGNING_CONTEXT),
        ("reviewer package", crate::review::package::FORMAT),
        ("re-check draw", crate::rectification::recheck::ALGORITHM),
        ("public page", crate::publication::page_data::FORMAT),
        ("ballot check codes", crate::ballots::setup::SCHEME),
    ]
}

/// `anjuan --version`: the version, then one line per pinned method.
pub fn long_version() -> &'static str {
    static TEXT: OnceLock<String> = OnceLock::new();
    TEXT.get_or_init(|| {
        let mut s = env!("CARGO_PKG_VERSION").to_string();
        for (what, name) in methods() {
            s.push_str(&format!("\n{what}: {name}"));
        }
        s
    })
}

/// Write `cmd`'s page and, recursively, one per subcommand (`anjuan-review-set.1`).
fn pages(
    cmd: &clap::Command,
    name: &str,
    out: &Path,
    written: &mut Vec<String>,
) -> std::io::Result<()> {
    let cmd = cmd.clone().name(name.to_string());
    let mut buf = Vec::new();
    clap_mangen::Man::new(cmd.clone()).render(&mut buf)?;
    let file = format!("{name}.1");
    crate::export::write_atomic(&out.join(&file), &buf)
        .map_err(|e| std::io::Error::other(e.render(Lang::En)))?;
    written.push(file);
    // clap's generated `help` subcommands get no page of their own.
    for sub in cmd
        .get_subcommands()
        .filter(|s| !s.is_hide_set() && s.get_name() != "help")
    {
        pages(sub, &format!("{name}-{}", sub.get_name()), out, written)?;
    }
    Ok(())
}

pub fn manual(a: ManualArgs, lang: Lang) -> Outcome {
    let fail = |e: std::io::Error| {
        tr!(
            lang,
            "无法写入 {}：{e}",
            "cannot write into {}: {e}",
            a.out.display()
        )
    };
    std::fs::create_dir_all(&a.out).map_err(fail)?;
    let mut cmd = Cli::command();
    cmd.build();
    let mut written = Vec::new();
    pages(&cmd, "anjuan", &a.out, &mut written).map_err(fail)?;
    println!(
        "{}",
        tr!(
            lang,
            "已写入 {} 个手册页到 {}",
            "wrote {} manual pages into {}",
            written.len(),
            a.out.display()
        )
    );
    Ok(0)
}

pub fn completions(a: CompletionsArgs) -> Outcome {
    let mut cmd = Cli::command();
    let shell = match a.shell {
        Shell::Bash => clap_complete::Shell::Bash,
        Shell::Zsh => clap_complete::Shell::Zsh,
        Shell::Fish => clap_complete::Shell::Fish,
    };
    // Into memory first: clap_complete panics on a write error, and `| head` closes the pipe.
    let mut buf = Vec::new();
    clap_complete::generate(shell, &mut cmd, "anjuan", &mut buf);
    use std::io::Write;
    let mut out = std::io::stdout().lock();
    match out.write_all(&buf).and_then(|()| out.flush()) {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => Err(e.to_string()),
        _ => Ok(0),
    }
}
