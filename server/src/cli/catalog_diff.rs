//! `errcode-ls catalog diff OLD NEW [--json] [--fetch]`: what a docs update changes, before it
//! is adopted. Exits 0 when the catalogs agree, 1 when they differ, 2 when one cannot be read.
//!
//! OLD and NEW are files or URLs in any catalog format; URLs are read from the cache unless
//! `--fetch` asks for the current page (see [`crate::workspace::sources`]).
//!
//! **Invariant:** arguments and output only; the comparison is [`crate::catalog::diff`].

use std::io::Write;
use std::process::ExitCode;

use anstyle::AnsiColor;
use clap::Args;
use serde_json::json;

use super::render::{self, BOLD, DIM};
use crate::catalog::diff::{CatalogDiff, diff};
use crate::catalog::native::NativeEntry;
use crate::catalog::{Catalog, Entry};
use crate::workspace::remote::Limits;
use crate::workspace::sources::{Sources, load_sources};

const ADDED: anstyle::Style = AnsiColor::Green.on_default();
const REMOVED: anstyle::Style = AnsiColor::Red.on_default();

#[derive(Debug, Clone, Args)]
pub struct CatalogDiffArgs {
    /// The catalog as it is (a file, or a URL read from the cache).
    #[arg(value_name = "OLD")]
    pub old: String,
    /// The catalog as it would be (a file, or a URL read from the cache).
    #[arg(value_name = "NEW")]
    pub new: String,
    /// Print the differences as JSON.
    #[arg(long)]
    pub json: bool,
    /// Fetch URL arguments first (revalidating their cached copies), as `catalog update` does.
    #[arg(long)]
    pub fetch: bool,
}

pub fn run(args: &CatalogDiffArgs) -> anyhow::Result<ExitCode> {
    let limits = Limits::default();
    let fetch = args.fetch.then_some(&limits);
    let old = load(&args.old, fetch)?;
    let new = load(&args.new, fetch)?;
    let changes = diff(&old.catalog, &new.catalog);
    let mut out = anstream::stdout();
    if args.json {
        writeln!(
            out,
            "{}",
            serde_json::to_string_pretty(&as_json(args, &old.catalog, &new.catalog, &changes))?
        )?;
    } else {
        print_text(&mut out, args, &old.catalog, &new.catalog, &changes)?;
    }
    Ok(if changes.is_empty() { ExitCode::SUCCESS } else { ExitCode::FAILURE })
}

/// One side, with its notes and problems shown on stderr.
fn load(source: &str, fetch: Option<&Limits>) -> anyhow::Result<Sources> {
    let sources = load_sources(&[source.to_owned()], fetch)?;
    for note in &sources.notes {
        render::note(note);
    }
    for problem in &sources.problems {
        match problem.severity() {
            crate::catalog::Severity::Warning => render::warn(&problem.to_string()),
            crate::catalog::Severity::Information => render::info(&problem.to_string()),
        }
    }
    Ok(sources)
}

fn print_text(
    out: &mut impl Write,
    args: &CatalogDiffArgs,
    old: &Catalog,
    new: &Catalog,
    changes: &CatalogDiff<'_>,
) -> std::io::Result<()> {
    writeln!(out, "{BOLD}--- {} ({}){BOLD:#}", args.old, about(old))?;
    writeln!(out, "{BOLD}+++ {} ({}){BOLD:#}", args.new, about(new))?;
    let width = [&changes.added, &changes.removed]
        .into_iter()
        .flatten()
        .map(|e| e.code.chars().count())
        .chain(changes.changed.iter().map(|c| c.code.chars().count()))
        .max()
        .unwrap_or(0);
    let one_line = |catalog: &Catalog, entry: &Entry| {
        let message = catalog.message_or_origin(entry);
        message.lines().next().unwrap_or("").to_owned()
    };
    for entry in &changes.added {
        writeln!(
            out,
            "{ADDED}added  {ADDED:#}  {BOLD}{:width$}{BOLD:#}  {}",
            entry.code,
            one_line(new, entry)
        )?;
    }
    for entry in &changes.removed {
        writeln!(
            out,
            "{REMOVED}removed{REMOVED:#}  {BOLD}{:width$}{BOLD:#}  {}",
            entry.code,
            one_line(old, entry)
        )?;
    }
    for changed in &changes.changed {
        let fields: Vec<&str> = changed.fields.iter().map(|f| f.field).collect();
        writeln!(out, "changed  {BOLD}{:width$}{BOLD:#}  {DIM}{}{DIM:#}", changed.code, fields.join(", "))?;
        for field in &changed.fields {
            writeln!(out, "    {}:", field.field)?;
            for line in lines(&field.old) {
                writeln!(out, "      {REMOVED}- {line}{REMOVED:#}")?;
            }
            for line in lines(&field.new) {
                writeln!(out, "      {ADDED}+ {line}{ADDED:#}")?;
            }
        }
    }
    let (a, r, c) = (changes.added.len(), changes.removed.len(), changes.changed.len());
    if changes.is_empty() {
        writeln!(out, "no differences")
    } else {
        writeln!(out, "{a} added, {r} removed, {c} changed")
    }
}

/// "3 codes, version 2026-11": what the header line says about one side.
fn about(catalog: &Catalog) -> String {
    let codes = catalog.ids().count();
    match catalog.sources().iter().find_map(|s| s.version.as_deref()) {
        Some(version) => format!("{codes} codes, version {version}"),
        None => format!("{codes} codes"),
    }
}

/// A field's lines; an empty field shows as `(empty)` so the change stays visible.
fn lines(text: &str) -> Vec<&str> {
    if text.is_empty() { vec!["(empty)"] } else { text.lines().collect() }
}

fn as_json(
    args: &CatalogDiffArgs,
    old: &Catalog,
    new: &Catalog,
    changes: &CatalogDiff<'_>,
) -> serde_json::Value {
    let entry = |catalog: &Catalog, e: &Entry| {
        let native = NativeEntry { catalog: None, source: None, ..NativeEntry::from_entry(catalog, e) };
        serde_json::to_value(native).unwrap_or_default()
    };
    json!({
        "old": side(&args.old, old),
        "new": side(&args.new, new),
        "added": changes.added.iter().map(|e| entry(new, e)).collect::<Vec<_>>(),
        "removed": changes.removed.iter().map(|e| entry(old, e)).collect::<Vec<_>>(),
        "changed": changes.changed.iter().map(|c| json!({
            "code": c.code,
            "fields": c.fields.iter().map(|f| (f.field.to_owned(), json!({ "old": f.old, "new": f.new }))).collect::<serde_json::Map<_, _>>(),
        })).collect::<Vec<_>>(),
    })
}

/// One side of the diff in JSON: what was compared, its size and version.
fn side(source: &str, catalog: &Catalog) -> serde_json::Value {
    let version = catalog.sources().iter().find_map(|s| s.version.as_deref());
    json!({ "source": source, "codes": catalog.ids().count(), "version": version })
}
