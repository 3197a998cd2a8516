//! `errcode-ls catalog import SRC... --out FILE.{json,toml}`: any catalogs (files or URLs, any
//! format) merged into one native catalog, the file a team vendors and generates code from.
//!
//! Every problem is reported (a bad row, a code two sources define differently, an entry
//! without a code) and the file holds everything that loaded; the exit status is 1 when a
//! problem lost something, so CI notices. Every variant of a code is kept. URLs are read as
//! `catalog diff` reads them (the cache; `--fetch` fetches first).
//!
//! **Invariant:** arguments and output only; reading is [`crate::workspace::sources`], writing
//! [`crate::workspace::write`].

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::Args;

use super::render::{self, BOLD};
use crate::catalog::Severity;
use crate::catalog::native::{NativeCatalog, NativeEntry};
use crate::workspace::remote::Limits;
use crate::workspace::sources::load_sources;
use crate::workspace::write::{self, Planned};

#[derive(Debug, Clone, Args)]
pub struct CatalogImportArgs {
    /// Catalog documents (files or URLs), merged in order: the first definition of a code wins.
    #[arg(required = true, value_name = "SRC")]
    pub sources: Vec<String>,
    /// The native catalog to write; `.json` or `.toml` picks the format.
    #[arg(long, value_name = "FILE")]
    pub out: PathBuf,
    /// The catalog's name (default: the first source's title).
    #[arg(long, value_name = "NAME")]
    pub name: Option<String>,
    /// Fetch URL sources first (revalidating their cached copies), as `catalog update` does.
    #[arg(long)]
    pub fetch: bool,
}

pub fn run(args: &CatalogImportArgs) -> anyhow::Result<ExitCode> {
    let extension = args.out.extension().and_then(|e| e.to_str()).map(str::to_ascii_lowercase);
    let toml = match extension.as_deref() {
        Some("toml") => true,
        Some("json") => false,
        _ => anyhow::bail!(
            "--out {}: the file must end in .json or .toml (the native catalog formats)",
            args.out.display()
        ),
    };
    let limits = Limits::default();
    let sources = load_sources(&args.sources, args.fetch.then_some(&limits))?;
    for note in &sources.notes {
        render::note(note);
    }
    let mut lost = 0;
    for problem in &sources.problems {
        match problem.severity() {
            Severity::Warning => {
                lost += 1;
                render::warn(&problem.to_string());
            }
            Severity::Information => render::info(&problem.to_string()),
        }
    }
    let catalog = &sources.catalog;
    // Version and source URL describe one document; a merge of several has neither.
    let single = match catalog.sources() {
        [one] => Some(one),
        _ => None,
    };
    let document = NativeCatalog {
        name: args.name.clone().or_else(|| catalog.sources().first().map(|s| s.name.clone())),
        version: single.and_then(|s| s.version.clone()),
        // A page fetched from a URL comes from that URL, unless it names its own source.
        source: single.and_then(|s| s.url.clone()).or_else(|| match args.sources.as_slice() {
            [one] if crate::workspace::remote::is_url(one) => Some(one.clone()),
            _ => None,
        }),
        notes: catalog.sources().iter().flat_map(|s| s.notes.iter().cloned()).collect(),
        codes: catalog
            .ids()
            .flat_map(|id| catalog.variants(id))
            .map(|e| NativeEntry { catalog: None, source: None, ..NativeEntry::from_entry(catalog, e) })
            .collect(),
    };
    let text = if toml {
        format!("{HEADER_TOML}{}", toml::to_string_pretty(&document)?)
    } else {
        format!("{}\n", serde_json::to_string_pretty(&document)?)
    };
    let before = write::read_current(&args.out)?;
    write::commit(&[Planned { path: args.out.clone(), before, after: text }])?;
    let mut out = anstream::stdout();
    let count = document.codes.len();
    let problems = match lost {
        0 => String::new(),
        1 => " (1 problem above)".to_owned(),
        n => format!(" ({n} problems above)"),
    };
    let from = match args.sources.len() {
        1 => "1 source".to_owned(),
        n => format!("{n} sources"),
    };
    writeln!(out, "{BOLD}imported{BOLD:#} {count} codes from {from} into {}{problems}", args.out.display())?;
    Ok(if lost > 0 { ExitCode::FAILURE } else { ExitCode::SUCCESS })
}

/// TOML has comments: say what the file is and where it comes from.
const HEADER_TOML: &str =
    "# Error codes in errcode-ls's native catalog schema, written by `errcode-ls catalog import`.\n\n";
