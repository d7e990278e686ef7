//! The `anjuan` binary: parse arguments and hand over to the library.
#![forbid(unsafe_code)]

use clap::Parser;

fn main() {
    let cli = anjuan::cli::Cli::parse();
    std::process::exit(anjuan::cli::run(cli));
}
