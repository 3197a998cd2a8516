//! `stale-generated`: a file `errcode-ls gen` wrote whose catalog has changed since.
//!
//! The file's header records the options it was generated with and the fingerprint of the
//! codes it was generated from ([`crate::generate::read_header`]). When the catalog's
//! fingerprint for the same options differs, the finding sits on the recorded fingerprint and
//! carries a "Regenerate" fix that replaces the whole text with what `gen` writes now (in the
//! file's own line endings).
//!
//! **Invariant:** pure; the text is regenerated in memory, never written here.

use super::{Context, Edit, Finding, Fix, Rule};
use crate::generate::{self, read_header};

/// The `stale-generated` finding for `text`, if it is a generated file out of step with the
/// catalog.
pub fn stale_generated(text: &str, cx: Context<'_>) -> Option<Finding> {
    let severity = cx.options.severities.get(Rule::StaleGenerated)?;
    let header = read_header(text)?;
    let now = generate::generate(cx.catalog, &header.options);
    if now.fingerprint == header.fingerprint {
        return None;
    }
    let mut regenerated = now.text;
    if text.contains("\r\n") {
        regenerated = regenerated.replace('\n', "\r\n");
    }
    let command = header.options.command_line();
    Some(Finding {
        rule: Rule::StaleGenerated,
        severity,
        range: header.fingerprint_range,
        message: format!(
            "generated from another version of the catalog ({} constants now); run `{command}` or apply \"Regenerate\"",
            now.constants
        ),
        related: Vec::new(),
        fixes: vec![Fix {
            title: "Regenerate from the catalog".to_owned(),
            edits: vec![Edit { range: 0..text.len(), text: regenerated }],
            preferred: true,
        }],
    })
}
