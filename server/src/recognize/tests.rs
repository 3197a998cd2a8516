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
        "AIS.0199 APIG.0380 ModelArts.4430 OTHER.0101",
        expect!["[?AIS.0199] [?APIG.0380] [?ModelArts.4430] OTHER.0101"],
    );
}

#[test]
fn one_digit_more_or_fewer_than_the_family_has_is_an_unknown_code() {
    check(SEED, "AIS.010 ModelArts.81011 APIG.030", expect!["[?AIS.010] [?ModelArts.81011] [?APIG.030]"]);
}

#[test]
fn tokens_with_far_fewer_digits_than_the_family_are_not_codes() {
    check(SEED, "AIS.0 AIS.99 type AIS.5 APIG.9", expect!["AIS.0 AIS.99 type AIS.5 APIG.9"]);
}

#[test]
fn tokens_with_far_more_digits_than_the_family_are_not_codes() {
    check(SEED, "AIS.010101 ModelArts.99999999", expect!["AIS.010101 ModelArts.99999999"]);
}

#[test]
fn digit_counts_are_learnt_per_family() {
    check(
        &["AIS.0101", "SHIP.01", "SHIP.000001"],
        "AIS.99 SHIP.9 SHIP.99 SHIP.999 SHIP.9999 SHIP.99999 SHIP.999999 SHIP.9999999 SHIP.99999999",
        expect![
            "AIS.99 [?SHIP.9] [?SHIP.99] [?SHIP.999] SHIP.9999 [?SHIP.99999] [?SHIP.999999] [?SHIP.9999999] SHIP.99999999"
        ],
    );
}

#[test]
fn version_like_tokens_are_not_codes() {
    check(SEED, "AIS.01.01 AIS.001.00 AIS.0101.2", expect!["AIS.01.01 AIS.001.00 AIS.0101.2"]);
}

#[test]
fn codes_glued_to_cjk_text_are_found() {
    check(SEED, "返回AIS.0101入参错误，或AIS.0199。", expect!["返回[AIS.0101]入参错误，或[?AIS.0199]。"]);
}

#[test]
fn a_namespace_that_extends_a_known_prefix_is_not_a_code() {
    check(SEED, "APIGW.0301 APIG_W.0301 XAPIG.0301", expect!["APIGW.0301 APIG_W.0301 XAPIG.0301"]);
}

#[test]
fn an_unknown_namespace_is_not_a_code() {
    check(SEED, "VPC.0101 IAM.0301 ais.0101", expect!["VPC.0101 IAM.0301 ais.0101"]);
}

#[test]
fn placeholders_and_bare_prefixes_are_not_codes() {
    check(
        SEED,
        r#"APIG.XXXX APIG.QUOTA_EXCEEDED "ModelArts." AIS.xxxx APIG.03XX"#,
        expect![[r#"APIG.XXXX APIG.QUOTA_EXCEEDED "ModelArts." AIS.xxxx APIG.03XX"#]],
    );
}

#[test]
fn escaped_regex_literals_are_not_codes() {
    check(
        SEED,
        r#"re.compile(r"apig\.\d{4}") /AIS\.\d+/ "ModelArts\\.4[0-9]{3}" AIS.\d{4}"#,
        expect![[r#"re.compile(r"apig\.\d{4}") /AIS\.\d+/ "ModelArts\\.4[0-9]{3}" AIS.\d{4}"#]],
    );
}

#[test]
fn regex_classes_after_the_digits_make_a_pattern_not_a_code() {
    check(
        SEED,
        r#"AIS.010[1-5] AIS.010{1,2} AIS.010\d "AIS.010\\d" AIS.0101\n"#,
        expect![[r#"AIS.010[1-5] AIS.010{1,2} AIS.010\d "AIS.010\\d" [AIS.0101]\n"#]],
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

#[test]
fn a_family_without_separator_takes_only_its_own_digit_counts() {
    check(&["E1001"], "E1002 E123 E10011 E501 W291", expect!["[?E1002] E123 E10011 E501 W291"]);
}

#[test]
fn at_finds_nothing_under_a_token_that_is_not_a_code() {
    let recognizer = Recognizer::new(&catalog(SEED));
    assert_eq!(recognizer.at(b"msg AIS.99 at", 6), None);
}
