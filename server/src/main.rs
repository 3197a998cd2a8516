//! The `errcode-ls` binary: the CLI, or the language server on stdio.

use std::process::ExitCode;

fn main() -> ExitCode {
    ExitCode::from(errcode_ls::cli::main(std::env::args_os()))
}
