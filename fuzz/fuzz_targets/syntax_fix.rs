//! Match/switch extraction and the fix generator on any source text, in every parsed language:
//! no panic; every fix's edits lie inside the text, on character boundaries, without overlap;
//! and on a text that parses cleanly, every fix leaves a text that still parses cleanly (a fix
//! never introduces a syntax error).
//!
//! Input: the first byte selects the language (and, in its high bits, the analysis options);
//! the rest is the source text, read lossily as UTF-8.
#![no_main]

use std::sync::OnceLock;

use errcode_ls::analysis::{Context, Expected, Options, analyze, apply_edits};
use errcode_ls::catalog::{Catalog, CatalogBuilder, Origin, builtin_catalog};
use errcode_ls::recognize::Recognizer;
use errcode_ls::syntax::{Language, ParsedDocument};
use libfuzzer_sys::fuzz_target;

const LANGUAGES: [Language; 10] = [
    Language::Rust,
    Language::Python,
    Language::Go,
    Language::JavaScript,
    Language::TypeScript,
    Language::Tsx,
    Language::Java,
    Language::CSharp,
    Language::Kotlin,
    Language::Php,
];

fn setup() -> &'static (Catalog, Recognizer) {
    static SETUP: OnceLock<(Catalog, Recognizer)> = OnceLock::new();
    SETUP.get_or_init(|| {
        let mut builder = CatalogBuilder::new();
        builder.add("builtin".into(), Origin::Builtin { file_name: "b.rst".into() }, builtin_catalog());
        let (catalog, _) = builder.finish();
        let recognizer = Recognizer::new(&catalog);
        (catalog, recognizer)
    })
}

fuzz_target!(|data: &[u8]| {
    let Some((&selector, rest)) = data.split_first() else { return };
    let language = LANGUAGES[(selector & 0x0f) as usize % LANGUAGES.len()];
    let options = Options {
        expected: if selector & 0x10 != 0 { Expected::Catalog } else { Expected::Namespace },
        default_signifies_exhaustive: selector & 0x20 != 0,
        ..Options::default()
    };
    let text = String::from_utf8_lossy(rest);
    let (catalog, recognizer) = setup();
    let cx = Context { catalog, recognizer, options: &options, workspace: None };
    let document = ParsedDocument::new(language, text.as_ref());
    // Extraction on its own, over the whole text, must hold as well.
    for construct in document.constructs() {
        let _ = construct.labels().count();
    }
    let clean = document.error_ranges().is_empty();
    for finding in analyze(&text, language, cx) {
        assert!(finding.range.start <= finding.range.end && finding.range.end <= text.len());
        for fix in &finding.fixes {
            let mut ranges: Vec<_> = fix.edits.iter().map(|e| e.range.clone()).collect();
            ranges.sort_by_key(|r| (r.start, r.end));
            for range in &ranges {
                assert!(range.start <= range.end && range.end <= text.len(), "{range:?} outside the text");
                assert!(text.is_char_boundary(range.start) && text.is_char_boundary(range.end));
            }
            for pair in ranges.windows(2) {
                assert!(pair[0].end <= pair[1].start, "overlapping edits {pair:?}");
            }
            let fixed = apply_edits(&text, &fix.edits);
            if clean {
                let errors = ParsedDocument::new(language, fixed.as_str()).error_ranges();
                assert!(errors.is_empty(), "fix `{}` introduced syntax errors at {errors:?}:\n{fixed}", fix.title);
            }
        }
    }
});
