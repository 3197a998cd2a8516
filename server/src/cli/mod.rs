//! The command line: `explain`, `codes`, `check`, `scan`, `catalog` (`add`, `ignore`, `update`,
//! `diff`, `import`), `gen`, `completions`, `man`, and the entry to the language server.
//!
//! **Invariant:** only argument handling and output live here; every judgement is made by
//! [`crate::analysis`] (or, for logs, [`crate::scan`]) on text this module reads.

mod catalog;
mod catalog_diff;
mod catalog_import;
mod catalog_update;
mod check;
mod codes;
mod explain;
mod fix;
mod generate;
mod pool;
mod render;
mod report;
pub mod scan;
pub(crate) mod timeline;
mod walk;

use std::ffi::OsString;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, CommandFactory, Parser, Subcommand, ValueEnum};

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
    /// When to colour the output (`NO_COLOR` set in the environment means never, unless
    /// `always`).
    #[arg(long, value_enum, value_name = "WHEN", default_value_t = ColorWhen::Auto, global = true)]
    pub color: ColorWhen,
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
    Check(CheckArgs),
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
        /// Read big files instead of memory-mapping them (for logs that may be truncated while
        /// they are scanned: a mapped file cut short ends the process).
        #[arg(long)]
        no_mmap: bool,
        /// Also count codes over time, reading each line's timestamp (ISO 8601 / RFC 3339,
        /// syslog, common log format, epoch seconds or milliseconds in JSON `ts`/`time`/
        /// `timestamp` fields); lines without one take the last one before them.
        #[arg(long)]
        timeline: bool,
        /// Bucket size of the timeline: `1m`, `5m`, `1h`, … or `auto`.
        #[arg(long, value_name = "SIZE", default_value = "auto", value_parser = timeline::parse_bucket_arg)]
        bucket: timeline::BucketArg,
        /// Write a self-contained HTML report (chart over time, per-code table) to this file.
        #[arg(long, value_name = "FILE")]
        html: Option<PathBuf>,
        /// The year of syslog timestamps, which carry none (default: the current year).
        #[arg(long, value_name = "YEAR")]
        syslog_year: Option<i64>,
    },
    /// Accept codes the catalog lacks into the project's own catalog or ignore them; fetch the
    /// catalogs named by URL; compare catalogs and import them into one file.
    Catalog {
        #[command(subcommand)]
        command: catalog::CatalogCommand,
    },
    /// Print a shell completion script, e.g. `errcode-ls completions bash > ~/.local/share/bash-completion/completions/errcode-ls`.
    Completions {
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
    /// Print the manual page (roff), e.g. `errcode-ls man > ~/.local/share/man/man1/errcode-ls.1`.
    Man,
    /// Generate typed constants for the catalog's codes (Rust, Python, Go, TypeScript, Java, C#,
    /// Kotlin, PHP), each documented with its message and the first line of its solution.
    Gen(generate::GenArgs),
}

/// `check`'s arguments.
#[derive(Debug, Clone, Args)]
pub struct CheckArgs {
    /// Files or folders (default: the current folder). `.gitignore` is honoured.
    #[arg(value_name = "PATH")]
    pub paths: Vec<PathBuf>,
    /// Output format: `full` shows the source line of each finding, `concise` one line each.
    #[arg(long, value_enum, default_value_t = Format::Full)]
    pub format: Format,
    /// Apply the preferred fixes (a mistyped code's replacement when one code is a clear
    /// winner), write the files, and report what is left.
    #[arg(long)]
    pub fix: bool,
    /// With --fix, also add the missing arms of match/switch statements.
    #[arg(long, requires = "fix")]
    pub fix_arms: bool,
    /// Print how many findings there are per rule and code instead of the findings.
    #[arg(long)]
    pub statistics: bool,
}

impl CheckArgs {
    fn fix_options(&self) -> fix::FixOptions {
        fix::FixOptions { arms: self.fix_arms }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// Each finding with its source line, the span underlined, related codes and the fix.
    Full,
    /// One line per finding: `path:line:column: severity[rule]: message`. `text`, its former
    /// name, still selects it, so scripts written for it keep their output.
    #[value(alias = "text")]
    Concise,
    Json,
    /// SARIF 2.1.0, for code-scanning interfaces.
    Sarif,
}

/// `--color`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorWhen {
    /// When the output is a terminal and `NO_COLOR` is not set.
    Auto,
    Always,
    Never,
}

/// The whole program for a list of arguments (the first names the program): parses them,
/// then runs the language server or a command, and returns the exit status. The binary and
/// the Python package's entry point both call this, so they cannot differ.
pub fn main<I, T>(args: I) -> u8
where
    I: IntoIterator<Item = T>,
    T: Into<OsString> + Clone,
{
    let cli = match Cli::try_parse_from(args) {
        Ok(cli) => cli,
        Err(e) => {
            let _ = e.print();
            return if e.use_stderr() { 2 } else { 0 };
        }
    };
    let choice = match cli.color {
        ColorWhen::Auto => anstream::ColorChoice::Auto,
        ColorWhen::Always => anstream::ColorChoice::Always,
        ColorWhen::Never => anstream::ColorChoice::Never,
    };
    choice.write_global();
    if wants_server(&cli) {
        return match crate::lsp::run_stdio() {
            Ok(code) => exit_number(code),
            Err(e) => {
                eprintln!("errcode-ls: the language server failed to start: {e:#}");
                2
            }
        };
    }
    match run(cli) {
        Ok(code) => exit_number(code),
        Err(e) => {
            eprintln!("error: {e:#}");
            2
        }
    }
}

/// The number behind the statuses the commands return (0, 1 and 2 are the only ones).
fn exit_number(code: ExitCode) -> u8 {
    [0, 1].into_iter().find(|&n| code == ExitCode::from(n)).unwrap_or(2)
}

/// Whether the arguments ask for the language server.
pub fn wants_server(cli: &Cli) -> bool {
    cli.stdio || matches!(cli.command, None | Some(Command::Lsp))
}

/// Runs a command (not the server).
pub fn run(cli: Cli) -> anyhow::Result<ExitCode> {
    let start_dir = match &cli.command {
        Some(Command::Check(CheckArgs { paths, .. })) => paths
            .first()
            .map(|p| if p.is_dir() { p.clone() } else { p.parent().map(PathBuf::from).unwrap_or_default() }),
        _ => None,
    };
    // These read only the catalogs they are given, not the configured ones.
    match &cli.command {
        Some(Command::Catalog { command: catalog::CatalogCommand::Update(args) }) => {
            return catalog_update::run(&cli.catalogs, args);
        }
        Some(Command::Catalog { command: catalog::CatalogCommand::Diff(args) }) => {
            return catalog_diff::run(args);
        }
        Some(Command::Catalog { command: catalog::CatalogCommand::Import(args) }) => {
            return catalog_import::run(args);
        }
        _ => {}
    }
    if let Some(Command::Completions { shell }) = cli.command {
        let mut script = Vec::new();
        clap_complete::generate(shell, &mut Cli::command(), "errcode-ls", &mut script);
        std::io::Write::write_all(&mut std::io::stdout(), &script)?;
        return Ok(ExitCode::SUCCESS);
    }
    if let Some(Command::Man) = cli.command {
        clap_mangen::Man::new(Cli::command()).render(&mut std::io::stdout())?;
        return Ok(ExitCode::SUCCESS);
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
        Some(Command::Check(args)) => check::run(&loaded, &args),
        Some(Command::Scan {
            paths,
            json,
            threads,
            split_above,
            no_mmap,
            timeline,
            bucket,
            html,
            syslog_year,
        }) => {
            let timeline = (timeline || html.is_some()).then_some(bucket);
            let clock = timeline::clock(syslog_year);
            let options =
                scan::ScanOptions { json, threads, split_above, mmap: !no_mmap, timeline, html, clock };
            scan::run(&loaded, &paths, &options)
        }
        Some(Command::Catalog { command }) => catalog::run(&loaded, &cli.catalogs, command),
        Some(Command::Gen(args)) => generate::run(&loaded, &args),
        None | Some(Command::Lsp | Command::Completions { .. } | Command::Man) => {
            unreachable!("handled before the catalogs are loaded")
        }
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
