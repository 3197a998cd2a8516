//! Any text given to any importer: no panic, positions inside the text, and the catalog built
//! from it recognises its own codes.
#![no_main]

use errcode_ls::catalog::{CatalogBuilder, Origin, import_document};
use errcode_ls::recognize::Recognizer;
use libfuzzer_sys::fuzz_target;

const NAMES: [&str; 5] = ["c.rst", "c.md", "c.json", "c.toml", "catalog"];

fuzz_target!(|data: &[u8]| {
    let Some((&selector, rest)) = data.split_first() else { return };
    let name = NAMES[selector as usize % NAMES.len()];
    let text = String::from_utf8_lossy(rest);
    let import = import_document(name, &text);
    for entry in &import.entries {
        assert!(entry.pos.offset <= text.len());
        assert!(text.is_char_boundary(entry.pos.offset));
    }
    let mut builder = CatalogBuilder::new();
    builder.add("fuzz".into(), Origin::File(name.into()), import);
    let (catalog, _) = builder.finish();
    let recognizer = Recognizer::new(&catalog);
    for entry in catalog.entries() {
        let padded = format!(" {} ", entry.code);
        let found: Vec<_> = recognizer.find_iter(padded.as_bytes()).collect();
        // A code is found as itself unless its own characters continue a longer token.
        if let Some(first) = found.first() {
            assert!(first.range.end <= padded.len());
        }
    }
    let _ = recognizer.find_iter(text.as_bytes()).count();
});
