use super::*;
use crate::catalog::{CatalogBuilder, Origin, import_document};

fn catalog(toml: &str) -> Catalog {
    let mut builder = CatalogBuilder::new();
    builder.add("t".into(), Origin::File("t.toml".into()), import_document("t.toml", toml));
    builder.finish().0
}

const CATALOG: &str = r#"
[[codes]]
code = "AIS.0102"
message = "Second."
solution = "Fix it.\n\nMore text."
[[codes]]
code = "AIS.0101"
message = "First."
description = "Only the description."
[[codes]]
code = "APIG.0308"
message = "Throttled."
"#;

#[test]
fn every_language_reads_back_its_header() {
    let catalog = catalog(CATALOG);
    for lang in Lang::ALL {
        let options = GenOptions {
            lang,
            namespaces: vec!["AIS".into()],
            type_name: Some("Codes".into()),
            package: Some("errs".into()),
        };
        let generated = generate(&catalog, &options);
        let header = read_header(&generated.text).unwrap_or_else(|| panic!("{lang}: no header"));
        assert_eq!(header.options, options, "{lang}");
        assert_eq!(header.fingerprint, generated.fingerprint, "{lang}");
        assert_eq!(&generated.text[header.fingerprint_range], generated.fingerprint, "{lang}");
        assert_eq!(generated.constants, 2, "{lang}");
    }
}

#[test]
fn a_file_without_the_marker_has_no_header() {
    assert_eq!(read_header("// catalog fingerprint: 0123\nconst X = 1;\n"), None);
    assert_eq!(read_header(""), None);
}

#[test]
fn the_fingerprint_follows_what_the_file_shows() {
    let base = fingerprint(&catalog(CATALOG), &GenOptions::new(Lang::Rust));
    // Reordered entries and a changed description leave the file as it was.
    let reordered = CATALOG.replace("Only the description.", "Another description.");
    assert_eq!(fingerprint(&catalog(&reordered), &GenOptions::new(Lang::Rust)), base);
    // Text after the solution's first line is not in the file either.
    let later = CATALOG.replace("More text.", "Other text.");
    assert_eq!(fingerprint(&catalog(&later), &GenOptions::new(Lang::Rust)), base);
    // A message, a solution's first line, a code: each changes it.
    for changed in [
        CATALOG.replace("Second.", "Second!"),
        CATALOG.replace("Fix it.", "Fix it now."),
        CATALOG.replace("APIG.0308", "APIG.0309"),
    ] {
        assert_ne!(fingerprint(&catalog(&changed), &GenOptions::new(Lang::Rust)), base);
    }
    // Codes outside the selected namespaces do not count.
    let ais = GenOptions { namespaces: vec!["ais".into()], ..GenOptions::new(Lang::Rust) };
    let other = CATALOG.replace("Throttled.", "Slow down.");
    assert_eq!(fingerprint(&catalog(&other), &ais), fingerprint(&catalog(CATALOG), &ais));
}

#[test]
fn names_must_be_identifiers() {
    let bad = GenOptions { type_name: Some("Error Codes".into()), ..GenOptions::new(Lang::Java) };
    assert!(bad.validate().is_err());
    let dotted = GenOptions { package: Some("com.example.errors".into()), ..GenOptions::new(Lang::Java) };
    assert!(dotted.validate().is_ok());
    let go_dotted = GenOptions { package: Some("com.example".into()), ..GenOptions::new(Lang::Go) };
    assert!(go_dotted.validate().is_err());
}
