//! `errcode-ls codes`: the catalog, one line (or one JSON entry) per variant of each code.

use std::io::Write;
use std::process::ExitCode;

use super::render::{BOLD, DIM};
use crate::catalog::native::{NativeCatalog, NativeEntry};
use crate::workspace::Loaded;

pub fn run(loaded: &Loaded, namespace: Option<&str>, json: bool) -> anyhow::Result<ExitCode> {
    let catalog = &loaded.catalog;
    let entries: Vec<_> = catalog
        .ids()
        .flat_map(|id| catalog.variants(id))
        .filter(|e| namespace.is_none_or(|ns| e.namespace.eq_ignore_ascii_case(ns)))
        .collect();
    let mut out = anstream::stdout();
    if json {
        // A version and a source describe one document: they are printed for a catalog of one.
        let single = match catalog.sources() {
            [one] => Some(one),
            _ => None,
        };
        let document = NativeCatalog {
            name: Some(catalog.sources().iter().map(|s| s.name.as_str()).collect::<Vec<_>>().join(" + ")),
            version: single.and_then(|s| s.version.clone()),
            source: single.and_then(|s| s.url.clone()),
            notes: catalog.sources().iter().flat_map(|s| s.notes.iter().cloned()).collect(),
            codes: entries.iter().map(|e| NativeEntry::from_entry(catalog, e)).collect(),
        };
        writeln!(out, "{}", serde_json::to_string_pretty(&document)?)?;
        return Ok(ExitCode::SUCCESS);
    }
    let code_width = entries.iter().map(|e| e.code.chars().count()).max().unwrap_or(0);
    let category_width =
        entries.iter().map(|e| e.category.as_deref().unwrap_or("").chars().count()).max().unwrap_or(0);
    for source in catalog.sources().iter().filter(|s| s.version.is_some() || s.url.is_some()) {
        let about: Vec<String> =
            [source.version.as_ref().map(|v| format!("version {v}")), source.url.clone()]
                .into_iter()
                .flatten()
                .collect();
        writeln!(out, "{DIM}# {}: {}{DIM:#}", source.name, about.join(", "))?;
    }
    for entry in &entries {
        let category = entry.category.as_deref().unwrap_or("");
        writeln!(
            out,
            "{BOLD}{:code_width$}{BOLD:#}  {DIM}{category:category_width$}{DIM:#}  {}",
            entry.code, entry.message
        )?;
    }
    if entries.is_empty() {
        let mut err = anstream::stderr();
        match namespace {
            Some(ns) => writeln!(err, "no codes in namespace `{ns}`")?,
            None => writeln!(err, "the catalog is empty")?,
        }
        return Ok(ExitCode::FAILURE);
    }
    Ok(ExitCode::SUCCESS)
}
