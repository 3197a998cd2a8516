//! Matching a workspace-symbol query against the catalog: codes and words of messages.
//!
//! **Invariant:** pure; returns entry ids, best first. No positions, no IO.

use crate::catalog::{Catalog, EntryId};

/// Entries matching `query`, best first: codes starting with it, codes containing it, then
/// entries whose message has words starting with every word of the query. An empty query
/// matches every entry, in catalog order.
pub fn search(catalog: &Catalog, query: &str, limit: usize) -> Vec<EntryId> {
    let query = query.trim().to_lowercase();
    let words: Vec<&str> = query.split_whitespace().collect();
    let mut scored: Vec<(u8, EntryId)> = catalog
        .ids()
        .filter_map(|id| {
            let entry = catalog.entry(id);
            let code = entry.code.to_lowercase();
            if query.is_empty() || code.starts_with(&query) {
                return Some((0, id));
            }
            if code.contains(&query) {
                return Some((1, id));
            }
            let message: Vec<String> = entry
                .message
                .split(|c: char| !c.is_alphanumeric())
                .filter(|w| !w.is_empty())
                .map(str::to_lowercase)
                .collect();
            let all_words =
                !words.is_empty() && words.iter().all(|q| message.iter().any(|w| w.starts_with(q)));
            all_words.then_some((2, id))
        })
        .collect();
    scored.sort();
    scored.into_iter().take(limit).map(|(_, id)| id).collect()
}

#[cfg(test)]
mod tests {
    use expect_test::{Expect, expect};

    use super::*;
    use crate::catalog::{CatalogBuilder, Origin, builtin_catalog};

    fn check(query: &str, expect: Expect) {
        let mut builder = CatalogBuilder::new();
        builder.add("b".into(), Origin::Builtin { file_name: "b".into() }, builtin_catalog());
        let catalog = builder.finish().0;
        let codes: Vec<&str> =
            search(&catalog, query, 10).iter().map(|&id| catalog.entry(id).code.as_str()).collect();
        expect.assert_eq(&codes.join(" "));
    }

    #[test]
    fn codes_match_by_prefix_before_substring() {
        check("apig.03", expect!["APIG.0301 APIG.0308"]);
    }

    #[test]
    fn message_words_match_in_any_order() {
        check("threshold throttl", expect!["APIG.0308"]);
    }

    #[test]
    fn nothing_matches_nonsense() {
        check("qqqzzz", expect![""]);
    }
}
