//! The recogniser on any bytes: hits are in bounds, ordered, non-overlapping, and the token
//! under any cursor inside a hit is that hit.
#![no_main]

use std::sync::OnceLock;

use errcode_ls::catalog::{Catalog, CatalogBuilder, Origin, builtin_catalog, markdown};
use errcode_ls::recognize::Recognizer;
use libfuzzer_sys::fuzz_target;

fn recognizer() -> &'static Recognizer {
    static RECOGNIZER: OnceLock<Recognizer> = OnceLock::new();
    RECOGNIZER.get_or_init(|| {
        let mut builder = CatalogBuilder::new();
        builder.add("builtin".into(), Origin::Builtin { file_name: "b.rst".into() }, builtin_catalog());
        let extra = "| Code | Message |\n|---|---|\n| E1001 | a |\n| PAY-1001 | b |\n| SVCSTG.OBS.4001 | c |\n| Bare | d |\n";
        builder.add("extra".into(), Origin::File("x.md".into()), markdown::parse("x.md", extra));
        let (catalog, _): (Catalog, _) = builder.finish();
        Recognizer::new(&catalog)
    })
}

fuzz_target!(|data: &[u8]| {
    let recognizer = recognizer();
    let mut last_end = 0;
    for hit in recognizer.find_iter(data) {
        assert!(hit.range.start >= last_end && hit.range.end <= data.len() && hit.range.start < hit.range.end);
        last_end = hit.range.end;
        let middle = (hit.range.start + hit.range.end) / 2;
        let under = recognizer.at(data, middle).expect("a hit is found under its own middle");
        assert_eq!(under.range, hit.range);
    }
    let _ = recognizer.at(data, data.len() / 2);
});
