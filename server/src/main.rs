//! The `errcode-ls` binary: the CLI, or the language server on stdio.

use std::process::ExitCode;

use clap::Parser;
use errcode_ls::cli::{self, Cli};

fn main() -> ExitCode {
    let cli = Cli::parse();
    if cli::wants_server(&cli) {
        return match errcode_ls::lsp::run_stdio() {
            Ok(code) => code,
            Err(e) => {
                eprintln!("errcode-ls: the language server failed to start: {e:#}");
                ExitCode::from(2)
            }
        };
    }
    match cli::run(cli) {
        Ok(code) => code,
        Err(e) => {
            eprintln!("error: {e:#}");
            ExitCode::from(2)
        }
    }
}
