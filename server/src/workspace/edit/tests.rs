//! Each test edits a fixture of `tests/fixtures/edit/` and compares the whole result with a
//! snapshot beside it (`*.after`); `\r` is shown as `<CR>` so line endings are visible.

use expect_test::{ExpectFile, expect, expect_file};

use super::*;

macro_rules! fixture {
    ($name:literal) => {
        include_str!(concat!("../../../../tests/fixtures/edit/", $name))
    };
}

fn show(edited: &Edited) -> String {
    format!("added: {:?}\n---\n{}", edited.added, edited.text.replace('\r', "<CR>"))
}

fn check(edited: Result<Edited, EditError>, expect: ExpectFile) {
    match edited {
        Ok(edited) => expect.assert_eq(&show(&edited)),
        Err(e) => panic!("edit failed: {e}"),
    }
}

fn codes(list: &[&str]) -> Vec<String> {
    list.iter().map(|c| (*c).to_owned()).collect()
}

fn entry(code: &str, category: Option<&str>) -> NewEntry {
    NewEntry { code: code.into(), category: category.map(str::to_owned), message: String::new() }
}

#[test]
fn a_code_joins_a_commented_multiline_list_in_sort_order() {
    let edited = add_to_list(fixture!("commented.errcode.toml"), "ignore-codes", &codes(&["AIS.0117"]));
    check(edited, expect_file!["../../../../tests/fixtures/edit/commented.ignore.after"]);
}

#[test]
fn codes_join_an_inline_list_once_each() {
    let edited = add_to_list(
        fixture!("inline.errcode.toml"),
        "ignore-codes",
        &codes(&["ModelArts.4106", "AIS.0100", "APIG.0602", "APIG.0602"]),
    );
    check(edited, expect_file!["../../../../tests/fixtures/edit/inline.ignore.after"]);
}

#[test]
fn a_missing_list_is_created_and_crlf_is_kept() {
    let edited = add_to_list(fixture!("crlf.errcode.toml"), "catalogs", &codes(&["errcode-catalog.toml"]));
    check(edited, expect_file!["../../../../tests/fixtures/edit/crlf.catalogs.after"]);
}

#[test]
fn a_file_of_comments_only_keeps_them_above_the_new_list() {
    let edited = add_to_list(fixture!("comments-only.errcode.toml"), "ignore-codes", &codes(&["AIS.0110"]));
    check(edited, expect_file!["../../../../tests/fixtures/edit/comments-only.ignore.after"]);
}

#[test]
fn a_catalog_of_comments_only_keeps_them_above_the_first_entry() {
    let edited = add_catalog_entries(fixture!("comments-only.errcode.toml"), &[entry("AIS.0110", None)]);
    check(edited, expect_file!["../../../../tests/fixtures/edit/comments-only.catalog.after"]);
}

#[test]
fn an_empty_file_gets_the_list() {
    let edited = add_to_list("", "ignore-codes", &codes(&["AIS.0117"]));
    check(edited, expect_file!["../../../../tests/fixtures/edit/empty.ignore.after"]);
}

#[test]
fn an_entry_is_appended_to_a_commented_catalog() {
    let edited = add_catalog_entries(fixture!("catalog.toml"), &[entry("AIS.0118", Some("AIS"))]);
    check(edited, expect_file!["../../../../tests/fixtures/edit/catalog.add.after"]);
}

#[test]
fn an_entry_already_there_is_not_added_again() {
    let edited = add_catalog_entries(fixture!("catalog.toml"), &[entry("AIS.0117", Some("AIS"))]);
    match edited {
        Ok(edited) => {
            assert_eq!(edited.added, Vec::<String>::new());
            assert_eq!(edited.text, fixture!("catalog.toml"));
        }
        Err(e) => panic!("edit failed: {e}"),
    }
}

#[test]
fn an_entry_keeps_a_crlf_catalog_crlf() {
    let edited = add_catalog_entries(fixture!("crlf.catalog.toml"), &[entry("AIS.0122", None)]);
    check(edited, expect_file!["../../../../tests/fixtures/edit/crlf.catalog.after"]);
}

#[test]
fn an_entry_joins_an_inline_codes_list() {
    let edited = add_catalog_entries(fixture!("inline.catalog.toml"), &[entry("PAY-1002", Some("Cards"))]);
    check(edited, expect_file!["../../../../tests/fixtures/edit/inline.catalog.after"]);
}

#[test]
fn a_new_catalog_starts_with_a_header() {
    let edited = add_catalog_entries("", &[entry("ModelArts.4106", Some("ModelArts"))]);
    check(edited, expect_file!["../../../../tests/fixtures/edit/new.catalog.after"]);
}

#[test]
fn broken_or_mistyped_files_are_refused() {
    let broken = add_to_list(fixture!("broken.errcode.toml"), "ignore-codes", &codes(&["X.1"]));
    let scalar = add_to_list(fixture!("scalar.errcode.toml"), "ignore-codes", &codes(&["X.1"]));
    let errors: Vec<String> =
        [broken, scalar].into_iter().map(|r| r.err().map(|e| e.to_string()).unwrap_or_default()).collect();
    expect![[r#"
        [
            "line 1: not valid TOML (unclosed array, expected `]`); fix it first",
            "`ignore-codes` is not a list, so nothing can be added to it",
        ]
    "#]]
    .assert_debug_eq(&errors);
}
