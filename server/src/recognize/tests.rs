use expect_test::{Expect, expect};

use super::*;
use crate::catalog::{CatalogBuilder, Origin, builtin_catalog, markdown};

fn catalog(codes: &[&str]) -> Catalog {
    let mut table = String::from("| Code | Message |\n|---|---|\n");
    for code in codes {
        table.push_str(&format!("| {code} | m |\n"));
    }
    let mut builder = CatalogBuilder::new();
    builder.add("test".into(), Origin::File("test.md".into()), markdown::parse("test.md", &table));
    builder.finish().0
}

/// Renders what the recogniser finds as `text` with each hit bracketed: `[AIS.0101]` for a known
/// code, `[?AIS.0199]` for an unknown one.
fn check(codes: &[&str], text: &str, expect: Expect) {
    let catalog = catalog(codes);
    let recognizer = Recognizer::new(&catalog);
    let mut out = String::new();
    let mut last = 0;
    for o in recognizer.find_iter(text.as_bytes()) {
        out.push_str(&text[last..o.range.start]);
        let mark = if o.entry().is_some() { "" } else { "?" };
        out.push_str(&format!("[{mark}{}]", &text[o.range.clone()]));
        last = o.range.end;
    }
    out.push_str(&text[last..]);
    expect.assert_eq(&out);
}

const SEED: &[&str] = &["AIS.0101", "AIS.0102", "APIG.0301", "ModelArts.4204"];

#[test]
fn finds_known_codes_in_prose_json_and_code() {
    check(
        SEED,
        r#"{"error_code": "AIS.0101"} case "APIG.0301": (ModelArts.4204)"#,
        expect![[r#"{"error_code": "[AIS.0101]"} case "[APIG.0301]": ([ModelArts.4204])"#]],
    );
}

#[test]
fn boundaries_are_exact() {
    check(
        SEED,
        "AIS.01011 xAIS.0101 1.0101 APIGW.0301 v1.AIS.0101 AIS.0101.5 AIS.0101x _AIS.0101",
        expect!["[?AIS.01011] xAIS.0101 1.0101 APIGW.0301 v1.AIS.0101 AIS.0101.5 AIS.0101x _AIS.0101"],
    );
}

#[test]
fn punctuation_after_a_code_ends_it() {
    check(
        SEED,
        "see AIS.0101. Then AIS.0102, (AIS.0101)",
        expect!["see [AIS.0101]. Then [AIS.0102], ([AIS.0101])"],
    );
}

#[test]
fn unknown_codes_of_known_families_are_candidates() {
    check(
        SEED,
        "AIS.0199 APIG.9 ModelArts.81101 OTHER.0101",
        expect!["[?AIS.0199] [?APIG.9] [?ModelArts.81101] OTHER.0101"],
    );
}

#[test]
fn codes_next_to_cjk_and_emoji_are_found() {
    check(SEED, "错误码AIS.0101😀AIS.0102", expect!["错误码[AIS.0101]😀[AIS.0102]"]);
}

#[test]
fn other_shapes_work_without_assumptions() {
    check(
        &["E1001", "PAY-1001", "SVCSTG.OBS.4001", "OBS.4001", "InvalidToken"],
        "E1001 E2002 E12 PAY-1002 SVCSTG.OBS.4001 OBS.4001 InvalidToken InvalidTokens",
        expect!["[E1001] [?E2002] E12 [?PAY-1002] [SVCSTG.OBS.4001] [OBS.4001] [InvalidToken] InvalidTokens"],
    );
}

#[test]
fn at_finds_the_token_under_a_cursor() {
    let mut builder = CatalogBuilder::new();
    builder.add("b".into(), Origin::Builtin { file_name: "b".into() }, builtin_catalog());
    let catalog = builder.finish().0;
    let recognizer = Recognizer::new(&catalog);
    let text = b"x = \"AIS.0102\"";
    let hit = recognizer.at(text, 8).map(|o| o.range);
    assert_eq!(hit, Some(5..13));
    assert_eq!(recognizer.at(text, 5).map(|o| o.range), Some(5..13));
    assert_eq!(recognizer.at(text, 13).map(|o| o.range), Some(5..13));
    assert_eq!(recognizer.at(text, 2), None);
    assert_eq!(recognizer.at(text, 999), None);
}
