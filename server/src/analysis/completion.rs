//! Which codes to offer while typing: after a namespace prefix (`"AIS.`), inside a string, or
//! by words of a code's message (`"throttl`).
//!
//! **Invariant:** pure; works on the text of the line before the cursor and returns byte
//! ranges within it. The LSP layer builds the items and converts positions.

use std::ops::Range;

use crate::catalog::{Catalog, EntryId};

/// The most items offered at once, so a huge catalog never floods the editor.
pub const MAX_ITEMS: usize = 200;

/// What completion offers at a cursor.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Offer {
    /// Bytes of the line prefix the chosen code replaces (the word being typed).
    pub replace: Range<usize>,
    /// Candidates, best first.
    pub items: Vec<Candidate>,
}

/// One code offered, and why.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Candidate {
    pub entry: EntryId,
    /// True when the typed word matched the message rather than the code.
    pub by_message: bool,
}

/// The codes to offer for a line whose text before the cursor is `prefix`, or `None` when the
/// cursor is not where a code is written.
pub fn complete(catalog: &Catalog, prefix: &str) -> Option<Offer> {
    let start = prefix
        .char_indices()
        .rev()
        .take_while(|&(_, c)| c.is_alphanumeric() || matches!(c, '_' | '.' | '-'))
        .last()
        .map_or(prefix.len(), |(i, _)| i);
    let word = &prefix[start..];
    if word.is_empty() {
        // Every string would otherwise pop up the whole catalog as soon as it is opened.
        return None;
    }
    let in_string = inside_string(&prefix[..start]);
    let lower = word.to_lowercase();
    let by_code: Vec<EntryId> =
        catalog.ids().filter(|&id| catalog.entry(id).code.to_lowercase().starts_with(&lower)).collect();
    let after_namespace = catalog.namespaces().iter().any(|ns| {
        let lead = ns.shape.lead().to_lowercase();
        !ns.shape.separator.is_empty() && lower.starts_with(&lead)
    });
    if !in_string && !after_namespace {
        return None;
    }
    let mut items: Vec<Candidate> =
        by_code.iter().map(|&entry| Candidate { entry, by_message: false }).collect();
    if in_string && lower.chars().count() >= 3 && !after_namespace {
        items.extend(
            catalog
                .ids()
                .filter(|id| !by_code.contains(id))
                .filter(|&id| message_words(&catalog.entry(id).message).any(|w| w.starts_with(&lower)))
                .map(|entry| Candidate { entry, by_message: true }),
        );
    }
    items.truncate(MAX_ITEMS);
    Some(Offer { replace: start..prefix.len(), items })
}

/// Whether a quote is open at the end of `before` (the line up to the word being typed).
fn inside_string(before: &str) -> bool {
    let mut open: Option<char> = None;
    let mut escaped = false;
    for c in before.chars() {
        match (open, c) {
            (Some(_), '\\') if !escaped => {
                escaped = true;
                continue;
            }
            (Some(q), c) if c == q && !escaped => open = None,
            (None, '"' | '\'' | '`') => open = Some(c),
            _ => {}
        }
        escaped = false;
    }
    open.is_some()
}

fn message_words(message: &str) -> impl Iterator<Item = String> + '_ {
    message.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).map(str::to_lowercase)
}

#[cfg(test)]
mod tests {
    use expect_test::{Expect, expect};

    use super::*;
    use crate::catalog::{CatalogBuilder, Origin, builtin_catalog};

    /// `$0` marks the cursor; everything after it is ignored.
    fn check(line: &str, expect: Expect) {
        let mut builder = CatalogBuilder::new();
        builder.add("b".into(), Origin::Builtin { file_name: "b".into() }, builtin_catalog());
        let catalog = builder.finish().0;
        let prefix = &line[..line.find("$0").expect("a $0 cursor marker")];
        let rendered = match complete(&catalog, prefix) {
            None => "no completion".to_owned(),
            Some(offer) => {
                let codes: Vec<String> = offer
                    .items
                    .iter()
                    .map(|c| {
                        format!("{}{}", catalog.entry(c.entry).code, if c.by_message { "(msg)" } else { "" })
                    })
                    .collect();
                format!("replace {:?}: {}", offer.replace, codes.join(" "))
            }
        };
        expect.assert_eq(&rendered);
    }

    #[test]
    fn a_namespace_prefix_offers_its_codes() {
        check(r#"if code == "APIG.03$0"#, expect!["replace 12..19: APIG.0301 APIG.0308"]);
    }

    #[test]
    fn a_namespace_prefix_outside_a_string_still_offers_codes() {
        check(
            "case ModelArts.42$0",
            expect!["replace 5..17: ModelArts.4201 ModelArts.4202 ModelArts.4203 ModelArts.4204"],
        );
    }

    #[test]
    fn words_of_a_message_offer_matching_codes() {
        check(r#"raise Error("throttl$0"#, expect!["replace 13..20: APIG.0308(msg)"]);
    }

    #[test]
    fn plain_code_outside_strings_offers_nothing() {
        check("let throttl$0", expect!["no completion"]);
    }

    #[test]
    fn an_empty_string_offers_nothing_yet() {
        check(r#"raise Error("$0"#, expect!["no completion"]);
    }

    #[test]
    fn a_closed_string_is_not_inside() {
        check(r#"x = "a" + b$0"#, expect!["no completion"]);
    }
}
