//! `errcode-ls explain CODE...`: each code's card, one per variant when a catalog lists the
//! code several times with different content.

use std::io::Write;
use std::process::ExitCode;

use super::render::{self, BOLD, DIM, ERROR};
use crate::catalog::Entry;
use crate::catalog::native::NativeEntry;
use crate::workspace::Loaded;

pub fn run(loaded: &Loaded, codes: &[String], json: bool) -> anyhow::Result<ExitCode> {
    let catalog = &loaded.catalog;
    let mut found = Vec::new();
    let mut missing = false;
    for code in codes {
        let code = code.trim();
        match catalog.lookup(code) {
            Some(id) => {
                let count = catalog.variant_count(id);
                found.extend(catalog.variants(id).enumerate().map(|(n, entry)| (entry, n + 1, count)));
            }
            None => {
                missing = true;
                let closest: Vec<String> = catalog
                    .closest(code, 3)
                    .iter()
                    .map(|&id| format!("`{}`", catalog.entry(id).code))
                    .collect();
                let hint = if closest.is_empty() {
                    String::from(" (`errcode-ls codes` lists the catalog)")
                } else {
                    format!("; did you mean {}?", closest.join(", "))
                };
                let mut err = anstream::stderr();
                writeln!(err, "{ERROR}error{ERROR:#}: unknown error code `{code}`{hint}")?;
            }
        }
    }
    let mut out = anstream::stdout();
    if json {
        let entries: Vec<NativeEntry> =
            found.iter().map(|(e, _, _)| NativeEntry::from_entry(catalog, e)).collect();
        writeln!(out, "{}", serde_json::to_string_pretty(&entries)?)?;
    } else {
        for (n, &(entry, variant, count)) in found.iter().enumerate() {
            if n > 0 {
                writeln!(out)?;
            }
            write!(out, "{}", card(loaded, entry, (variant, count)))?;
        }
    }
    Ok(if missing { ExitCode::FAILURE } else { ExitCode::SUCCESS })
}

/// An entry as a terminal card; `(variant, count)` numbers it among its code's variants.
fn card(loaded: &Loaded, entry: &Entry, (variant, count): (usize, usize)) -> String {
    let width = render::width();
    let source = loaded.catalog.source(entry.source);
    let numbered =
        if count > 1 { format!(" {DIM}(variant {variant} of {count}){DIM:#}") } else { String::new() };
    let message = loaded.catalog.message_or_origin(entry);
    let mut out = format!("{BOLD}{}{BOLD:#}{numbered} — {message}\n", entry.code);
    let mut facts: Vec<(&str, String)> = Vec::new();
    if let Some(status) = &entry.status {
        facts.push(("HTTP status", status.clone()));
    }
    if let Some(category) = &entry.category {
        facts.push(("Category", category.clone()));
    }
    for (name, value) in &entry.extra {
        facts.push((name.as_str(), value.replace('\n', " ")));
    }
    facts.push(("Catalog", format!("{} ({}:{})", source.name, source.display_path(), entry.pos.line)));
    let label_width = facts.iter().map(|(name, _)| name.chars().count()).max().unwrap_or(0);
    for (name, value) in facts {
        out.push_str(&format!("  {DIM}{name:label_width$}{DIM:#}  {value}\n"));
    }
    for (title, body) in [("Description", &entry.description), ("Solution", &entry.solution)] {
        if body.trim().is_empty() {
            continue;
        }
        out.push_str(&format!("\n{BOLD}{title}{BOLD:#}\n"));
        out.push_str(&render::markdown(body, "  ", width));
    }
    out
}
