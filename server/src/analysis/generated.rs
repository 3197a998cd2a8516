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

/// The findings of a file `gen` wrote (`None` for any other file): at most `stale-generated`.
/// Its other findings — a removed code now unknown, an added one missing from the enum — all
/// say the same thing, and "Regenerate" answers them all, so they are not reported.
pub fn generated_file(text: &str, cx: Context<'_>) -> Option<Vec<Finding>> {
    read_header(text)?;
    Some(stale_generated(text, cx).into_iter().collect())
}

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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::{Options, apply_edits};
    use crate::catalog::{Catalog, CatalogBuilder, Origin, import_document};
    use crate::generate::{GenOptions, Lang};
    use crate::recognize::Recognizer;

    fn catalog(message: &str) -> Catalog {
        let toml = format!("[[codes]]\ncode = \"PAY.1001\"\nmessage = \"{message}\"\n");
        let mut builder = CatalogBuilder::new();
        builder.add("t".into(), Origin::File("t.toml".into()), import_document("t.toml", &toml));
        builder.finish().0
    }

    fn findings(text: &str, catalog: &Catalog) -> Option<Finding> {
        let recognizer = Recognizer::new(catalog);
        let options = Options::default();
        stale_generated(
            text,
            Context { catalog, recognizer: &recognizer, options: &options, workspace: None },
        )
    }

    #[test]
    fn a_file_generated_from_this_catalog_is_not_stale() {
        let now = catalog("Card declined.");
        let text = generate::generate(&now, &GenOptions::new(Lang::TypeScript)).text;
        assert_eq!(findings(&text, &now), None);
    }

    #[test]
    fn regenerating_keeps_the_files_crlf_line_endings() {
        let old = catalog("Card declined.");
        let now = catalog("Card declined by the bank.");
        let options = GenOptions::new(Lang::Python);
        let text = generate::generate(&old, &options).text.replace('\n', "\r\n");
        let finding = findings(&text, &now).expect("stale");
        assert_eq!(&text[finding.range.clone()], generate::generate(&old, &options).fingerprint);
        let fixed = apply_edits(&text, &finding.fixes[0].edits);
        assert_eq!(fixed, generate::generate(&now, &options).text.replace('\n', "\r\n"));
        assert_eq!(findings(&fixed, &now), None);
    }
}
