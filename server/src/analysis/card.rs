//! The Markdown card shown when hovering a code (and as completion documentation).
//!
//! **Invariant:** pure text assembly from catalog data; links are given by the caller, so this
//! module never knows about files, URIs or editor positions.

use crate::catalog::{Catalog, Entry, EntryId};

/// How the card refers to the entry's catalog document.
#[derive(Debug, Clone, Default)]
pub struct SourceLink {
    /// A link target for the entry's position in its catalog (e.g. `file:///…/errors.md#L12`).
    pub target: Option<String>,
}

/// The card for a catalog entry: title, facts (HTTP status first), Description, Solution and
/// where it comes from.
pub fn entry_card(catalog: &Catalog, entry: &Entry, link: &SourceLink) -> String {
    let mut out = format!("### `{}` — {}\n", entry.code, title(catalog, entry));
    push_body(&mut out, catalog, entry, link, "####");
    out
}

/// The card for a code with all its variants (one per row that lists it with other content);
/// `links` are the variants' links, in [`Catalog::variants`] order. A code listed once gets
/// [`entry_card`].
pub fn code_card(catalog: &Catalog, id: EntryId, links: &[SourceLink]) -> String {
    let no_link = SourceLink::default();
    let link = |n: usize| links.get(n).unwrap_or(&no_link);
    let count = catalog.variant_count(id);
    let entry = catalog.entry(id);
    if count == 1 {
        return entry_card(catalog, entry, link(0));
    }
    let mut out = format!("### `{}` — {count} variants\n", entry.code);
    for (n, variant) in catalog.variants(id).enumerate() {
        out.push_str(&format!("\n#### {}. {}\n", n + 1, title(catalog, variant)));
        push_body(&mut out, catalog, variant, link(n), "#####");
    }
    out
}

/// Facts, sections (under `level` headings) and the source line of one entry.
fn push_body(out: &mut String, catalog: &Catalog, entry: &Entry, link: &SourceLink, level: &str) {
    let source = catalog.source(entry.source);
    let mut facts: Vec<String> = Vec::new();
    if let Some(status) = &entry.status {
        facts.push(format!("**HTTP status:** {}", one_line(status)));
    }
    if let Some(category) = &entry.category {
        facts.push(format!("**Category:** {}", one_line(category)));
    }
    for (name, value) in &entry.extra {
        facts.push(format!("**{}:** {}", one_line(name), one_line(value)));
    }
    if !facts.is_empty() {
        out.push('\n');
        // Two trailing spaces are a Markdown line break: one fact per line, one paragraph.
        out.push_str(&facts.join("  \n"));
        out.push('\n');
    }
    for (title, body) in [("Description", &entry.description), ("Solution", &entry.solution)] {
        if body.trim().is_empty() {
            continue;
        }
        out.push_str(&format!("\n{level} {title}\n\n{}\n", body.trim_end()));
    }
    let place = format!("{}:{}", source.display_path(), entry.pos.line);
    let name = match &link.target {
        Some(target) => format!("[{}]({target})", source.name),
        None => source.name.clone(),
    };
    let mut footer = format!("From {name} (`{place}`)");
    if let Some(version) = &source.version {
        footer.push_str(&format!(" · version {}", one_line(version)));
    }
    if let Some(url) = &source.url {
        footer.push_str(&format!(" · [source]({url})"));
    }
    out.push_str(&format!("\n---\n{footer}\n"));
}

/// An entry's title: its message on one line, or where it was added when it has none yet.
fn title(catalog: &Catalog, entry: &Entry) -> String {
    one_line(&catalog.message_or_origin(entry))
}

/// The card for a code-shaped token the catalog lacks: says so and names the closest codes.
pub fn unknown_card(catalog: &Catalog, token: &str, closest: &[EntryId]) -> String {
    let mut out = format!("### `{token}` — not in the catalog\n\n");
    if closest.is_empty() {
        out.push_str("No catalog code is close to it.\n");
        return out;
    }
    out.push_str("Closest codes:\n\n");
    for &id in closest {
        let entry = catalog.entry(id);
        out.push_str(&format!("- `{}` — {}\n", entry.code, one_line(&entry.message)));
    }
    out
}

/// A message trimmed to `max` characters with an ellipsis, on one line (for inlay hints).
pub fn short_message(message: &str, max: usize) -> String {
    let line = one_line(message);
    if line.chars().count() <= max {
        return line;
    }
    let cut: String = line.chars().take(max.saturating_sub(1)).collect();
    format!("{}…", cut.trim_end())
}

fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use expect_test::expect;

    use super::*;
    use crate::catalog::{CatalogBuilder, Origin, builtin_catalog};

    fn catalog() -> Catalog {
        let mut builder = CatalogBuilder::new();
        builder.add(
            "Huawei Cloud OCR".into(),
            Origin::Builtin { file_name: "ocr.rst".into() },
            builtin_catalog(),
        );
        builder.finish().0
    }

    #[test]
    fn an_entry_card_has_title_facts_sections_and_source_link() {
        let catalog = catalog();
        let entry = catalog.get("AIS.0101").expect("AIS.0101 is built in");
        let link = SourceLink { target: Some("file:///cache/ocr.rst#L10".into()) };
        expect![[r#"
            ### `AIS.0101` — The input parameter is invalid.

            **Category:** OCR

            #### Description

            The input parameter does not meet the requirements.

            #### Solution

            Check whether the input parameters are correct. Possible causes are as follows:

            - Both **image** and **url** set, or the value format is incorrect.
            - **true** or **false** is incorrectly spelled.
            - Incorrect characters are included in the parameter value.

            For details about the parameter value format, see the request parameter description of each API.

            ---
            From [Huawei Cloud OCR](file:///cache/ocr.rst#L10) (`builtin:ocr.rst:31`)
        "#]]
        .assert_eq(&entry_card(&catalog, entry, &link));
    }

    #[test]
    fn an_entry_accepted_without_a_message_says_where_it_was_added() {
        let path = "/ws/errcode-catalog.toml";
        let import = crate::catalog::import_document(
            path,
            "[[codes]]\ncode = \"AIS.0117\"\ncategory = \"OCR\"\nmessage = \"\"\n",
        );
        let mut builder = CatalogBuilder::new();
        builder.add("errcode-catalog".into(), Origin::File(path.into()), import);
        let catalog = builder.finish().0;
        let entry = catalog.get("AIS.0117").expect("the entry is read");
        expect![[r#"
            ### `AIS.0117` — added in errcode-catalog.toml, no message yet

            **Category:** OCR

            ---
            From errcode-catalog (`/ws/errcode-catalog.toml:2`)
        "#]]
        .assert_eq(&entry_card(&catalog, entry, &SourceLink::default()));
    }

    #[test]
    fn the_footer_names_the_catalogs_version_and_source() {
        let path = "/ws/payments.toml";
        let import = crate::catalog::import_document(
            path,
            "name = \"Payments API\"\nversion = \"2026-11\"\nsource = \"https://example.com/errors\"\n\
             [[codes]]\ncode = \"PAY-1001\"\nmessage = \"Card declined.\"\n",
        );
        let mut builder = CatalogBuilder::new();
        builder.add("Payments API".into(), Origin::File(path.into()), import);
        let catalog = builder.finish().0;
        let entry = catalog.get("PAY-1001").expect("the entry is read");
        expect![[r#"
            ### `PAY-1001` — Card declined.

            ---
            From Payments API (`/ws/payments.toml:5`) · version 2026-11 · [source](https://example.com/errors)
        "#]]
        .assert_eq(&entry_card(&catalog, entry, &SourceLink::default()));
    }

    #[test]
    fn an_unknown_card_lists_the_closest_codes() {
        let catalog = catalog();
        let closest = catalog.closest("APIG.0380", 2);
        expect![[r#"
            ### `APIG.0380` — not in the catalog

            Closest codes:

            - `APIG.0308` — The throttling threshold has been reached: policy user over ratelimit,limit:XX,time:1 minute.
            - `APIG.0301` — Incorrect IAM authentication information.
        "#]]
        .assert_eq(&unknown_card(&catalog, "APIG.0380", &closest));
    }

    #[test]
    fn short_messages_are_cut_on_one_line() {
        assert_eq!(short_message("a  b\nc", 10), "a b c");
        assert_eq!(short_message("The throttling threshold", 10), "The throt…");
    }
}
