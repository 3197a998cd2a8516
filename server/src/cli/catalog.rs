//! `errcode-ls catalog add CODE... [--message M] [--category C]` and
//! `errcode-ls catalog ignore CODE... [--user]`: accept codes into the project's own catalog or
//! ignore them, with the same writes as the editor's quick fixes.
//!
//! The project is the one `--config` names, else the nearest `errcode.toml` above the current
//! folder, else a new `errcode.toml` in the current folder.
//!
//! **Invariant:** argument handling and messages only; the files are written by
//! [`crate::workspace::project`].

use std::io::Write;
use std::path::Path;
use std::process::ExitCode;

use clap::Subcommand;

use crate::workspace::edit::NewEntry;
use crate::workspace::{self, Loaded, Project};

#[derive(Debug, Subcommand)]
pub enum CatalogCommand {
    /// Add codes to the project's own catalog (`errcode-catalog.toml` beside `errcode.toml`,
    /// both created when missing). The category defaults to the one of the code's namespace.
    Add {
        #[arg(required = true, value_name = "CODE")]
        codes: Vec<String>,
        /// The entries' message (default: empty, to be written later).
        #[arg(long, value_name = "M")]
        message: Option<String>,
        /// The entries' category (default: the category of the code's namespace in the catalog).
        #[arg(long, value_name = "C")]
        category: Option<String>,
    },
    /// Never report these codes (or code globs such as `TEST.*`): adds them to `ignore-codes`.
    Ignore {
        #[arg(required = true, value_name = "CODE")]
        codes: Vec<String>,
        /// In the user-level configuration (`$XDG_CONFIG_HOME/errcode-ls/errcode.toml`) rather
        /// than the project's.
        #[arg(long)]
        user: bool,
    },
    /// Fetch the catalogs named by URL into the cache folder (revalidated with ETag and
    /// Last-Modified); every command then reads them from there, offline too.
    Update(super::catalog_update::CatalogUpdateArgs),
    /// Compare two catalogs (files or URLs, any format): codes added, removed and changed.
    /// Exits 1 when they differ.
    Diff(super::catalog_diff::CatalogDiffArgs),
    /// Merge catalogs (files or URLs, any format) into one native catalog file (JSON or TOML).
    Import(super::catalog_import::CatalogImportArgs),
}

pub fn run(
    loaded: &Loaded,
    catalogs: &super::CatalogArgs,
    command: CatalogCommand,
) -> anyhow::Result<ExitCode> {
    let config = catalogs.config.as_deref();
    let cwd = std::env::current_dir()?;
    let project = match config {
        Some(file) => Project { config_file: cwd.join(file) },
        None => Project::of(&cwd),
    };
    // Paths under the current folder are shown relative to it.
    let shown = |path: &Path| path.strip_prefix(&cwd).unwrap_or(path).display().to_string();
    let mut out = anstream::stdout();
    match command {
        // Fetching needs no catalog (`cli::run` answers it before loading anything).
        CatalogCommand::Update(args) => return super::catalog_update::run(catalogs, &args),
        CatalogCommand::Diff(args) => return super::catalog_diff::run(&args),
        CatalogCommand::Import(args) => return super::catalog_import::run(&args),
        CatalogCommand::Add { codes, message, category } => {
            check_codes(&codes)?;
            let entries: Vec<NewEntry> = codes
                .iter()
                .map(|code| NewEntry {
                    code: code.clone(),
                    category: category.clone().or_else(|| workspace::category_for(&loaded.catalog, code)),
                    message: message.clone().unwrap_or_default(),
                })
                .collect();
            let added = project.add_to_catalog(&entries)?;
            let file = project.catalog_file();
            for entry in &entries {
                if added.contains(&entry.code) {
                    let category =
                        entry.category.as_deref().map(|c| format!(" (category {c})")).unwrap_or_default();
                    writeln!(out, "added {} to {}{category}", entry.code, shown(&file))?;
                } else {
                    writeln!(out, "{} is already in {}", entry.code, shown(&file))?;
                }
            }
        }
        CatalogCommand::Ignore { codes, user } => {
            check_codes(&codes)?;
            let (file, added) = if user {
                workspace::ignore_for_user(&codes)?
            } else {
                (project.config_file.clone(), project.ignore(&codes)?)
            };
            for code in &codes {
                let verb = if added.contains(code) { "now ignored" } else { "already ignored" };
                writeln!(out, "{code} {verb} in {}", shown(&file))?;
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// A code is one word: anything else would be a mistake on the command line.
fn check_codes(codes: &[String]) -> anyhow::Result<()> {
    match codes.iter().find(|c| c.is_empty() || c.contains(char::is_whitespace)) {
        Some(bad) => anyhow::bail!("`{bad}` is not a code: codes are single words such as AIS.0117"),
        None => Ok(()),
    }
}
