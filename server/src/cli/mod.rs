//! The command line: `explain`, `codes`, `check`, `scan`, `catalog` (`add`, `ignore`, `update`), and the entry to the
//! language server.
//!
//! **Invariant:** only argument handling and output live here; every judgement is made by
//! [`crate::analysis`] (or, for logs, [`crate::scan`]) on text this module reads.

mod catalog;
mod catalog_update;
mod check;
mod codes;
mod explain;
mod render;
pub(crate) mod scan;
mod walk;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, Parser, Subcommand, ValueEnum};

use crate::workspace::{self, Loaded};

/// The command line, as clap reads it.
#[derive(Debug, Parser)]
#[command(
    name = "errcode-ls",
    version,
    about = "API error codes explained in your editor and terminal",
    after_help = "With no command (or `lsp`, or `--stdio`) it runs the language server on stdin/stdout.",
    max_term_width = 100
)]
pub struct Cli {
    #[command(flatten)]
    pub catalogs: CatalogArgs,
    /// Run the language server on stdin/stdout (the default without a command).
    #[arg(long)]
    pub stdio: bool,
    #[command(subcommand)]
    pub command: Option<Command>,
}

/// Which catalogs to use; accepted by every command.
#[derive(Debug, Clone, Args)]
pub struct CatalogArgs {
    /// Also load this catalog (reStructuredText, Markdown, JSON or TOML; a file, or an https://
    /// URL fetched by `catalog update`); repeatable.
    #[arg(long = "catalog", value_name = "FILE", global = true)]
    pub catalog: Vec<PathBuf>,
    /// Do not load the built-in catalog.
    #[arg(long, global = true)]
    pub no_builtin: bool,
    /// Use this configuration file instead of the nearest `errcode.toml`.
    #[arg(long, value_name = "FILE", global = true)]
    pub config: Option<PathBuf>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Run the language server on stdin/stdout.
    Lsp,
    /// Show the message, category, description and solution of error codes.
    Explain {
        /// Codes to explain, e.g. AIS.0101.
        #[arg(required = true, value_name = "CODE")]
        codes: Vec<String>,
        /// Print the entries as JSON (the native catalog schema).
        #[arg(long)]
        json: bool,
    },
    /// List the catalog.
    Codes {
        /// Only codes of this namespace (e.g. APIG).
        #[arg(long, value_name = "NAMESPACE")]
        namespace: Option<String>,
        /// Print the catalog as JSON (the native catalog schema).
        #[arg(long)]
        json: bool,
    },
    /// Report unknown or mistyped codes and unhandled codes in match/switch statements; exits 1
    /// when anything is reported.
    Check {
        /// Files or folders (default: the current folder). `.gitignore` is honoured.
        #[arg(value_name = "PATH")]
        paths: Vec<PathBuf>,
        /// Output format.
        #[arg(long, value_enum, default_value_t = Format::Text)]
        format: Format,
    },
    /// Summarise the error codes in logs: count, first and last line, message and fix.
    ///
    /// Reads files, folders (hidden entries skipped), `-` for stdin, and gzip-compressed logs.
    /// Exits 0 when codes were found, 1 when none, 2 when an input could not be read.
    Scan {
        /// Log files, folders, or `-` for stdin.
        #[arg(required = true, value_name = "FILE|DIR|-")]
        paths: Vec<PathBuf>,
        /// Print the summary as JSON.
        #[arg(long)]
        json: bool,
        /// Worker threads (default: one per core).
        #[arg(long, short = 'j', value_name = "N")]
        threads: Option<usize>,
        /// Plain files larger than this are split across threads (tests use small sizes).
        #[arg(long, hide = true, value_name = "BYTES")]
        split_above: Option<u64>,
    },
    /// Accept codes the catalog lacks into the project's own catalog, ignore them, or fetch the
    /// catalogs named by URL.
    Catalog {
        #[command(subcommand)]
        command: catalog::CatalogCommand,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    Text,
    Json,
    /// SARIF 2.1.0, for code-scanning interfaces.
    Sarif,
}

/// Whether the arguments ask for the language server.
pub fn wants_server(cli: &Cli) -> bool {
    cli.stdio || matches!(cli.command, None | Some(Command::Lsp))
}

/// Runs a command (not the server).
pub fn run(cli: Cli) -> anyhow::Result<ExitCode> {
    let start_dir = match &cli.command {
        Some(Command::Check { paths, .. }) => paths
            .first()
            .map(|p| if p.is_dir() { p.clone() } else { p.parent().map(PathBuf::from).unwrap_or_default() }),
        _ => None,
    };
    if let Some(Command::Catalog { command: catalog::CatalogCommand::Update(args) }) = &cli.command {
        return catalog_update::run(&cli.catalogs, args);
    }
    let loaded = load(&cli.catalogs, start_dir)?;
    for note in &loaded.notes {
        render::note(note);
    }
    for problem in &loaded.problems {
        render::warn(problem);
    }
    for information in &loaded.information {
        render::info(information);
    }
    match cli.command {
        Some(Command::Explain { codes, json }) => explain::run(&loaded, &codes, json),
        Some(Command::Codes { namespace, json }) => codes::run(&loaded, namespace.as_deref(), json),
        Some(Command::Check { paths, format }) => check::run(&loaded, &paths, format),
        Some(Command::Scan { paths, json, threads, split_above }) => {
            scan::run(&loaded, &paths, &scan::ScanOptions { json, threads, split_above })
        }
        Some(Command::Catalog { command }) => catalog::run(&loaded, &cli.catalogs, command),
        None | Some(Command::Lsp) => unreachable!("the server is started by main"),
    }
}

/// Reads the configuration (explicit, or the nearest above `start` or the current folder) and
/// loads the catalogs it names plus those on the command line.
pub fn load(args: &CatalogArgs, start: Option<PathBuf>) -> anyhow::Result<Loaded> {
    let (config, problems) = read_config(args, start)?;
    let files: Vec<PathBuf> =
        args.catalog.iter().filter(|p| !workspace::remote::is_url(&p.to_string_lossy())).cloned().collect();
    Ok(Loaded::new(config, &files, problems))
}

/// The configuration `load` uses, with `--no-builtin` and `--catalog URL`s applied.
fn read_config(
    args: &CatalogArgs,
    start: Option<PathBuf>,
) -> anyhow::Result<(workspace::Config, Vec<String>)> {
    let (mut config, problems) = match &args.config {
        Some(path) => workspace::read_config_file(path),
        None => {
            let cwd = std::env::current_dir()?;
            let start = start.map(|s| if s.as_os_str().is_empty() { cwd.clone() } else { cwd.join(s) });
            workspace::read_config(start.as_deref().unwrap_or(&cwd))
        }
    };
    if args.no_builtin {
        config.builtin = false;
    }
    let urls = args.catalog.iter().map(|p| p.to_string_lossy()).filter(|p| workspace::remote::is_url(p));
    config.urls.extend(urls.map(|u| u.into_owned()));
    Ok((config, problems))
}
