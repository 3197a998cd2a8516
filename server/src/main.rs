//! The `errcode-ls` binary: the CLI, or the language server on stdio.

use std::process::ExitCode;

use clap::Parser;
use errcode_ls::cli::{self, Cli};

fn main() -> ExitCode {
    let cli = Cli::parse();
    if cli::wants_server(&cli) {
        eprintln!(
            "errcode-ls: the language server is started by your editor over stdio; \
             run `errcode-ls --help` for the command line"
        );
        return ExitCode::from(2);
    }
    match cli::run(cli) {
        Ok(code) => code,
        Err(e) => {
            eprintln!("error: {e:#}");
            ExitCode::from(2)
        }
    }
}
