//! `match`/`switch`/if-chain analysis over fixture files in every parsed language: the reported
//! findings and the text after the "Add N missing arms" fixes are snapshots next to each fixture
//! (`<fixture>.snap`, updated with `UPDATE_EXPECT=1`). Every fix is also applied on its own and
//! the result re-parsed: no fix may introduce a syntax error. Where the language's own compiler
//! or formatter is on the machine (python3, node, rustfmt, javac), it checks the fixed file too.

use std::path::{Path, PathBuf};
use std::process::Command;

use errcode_ls::analysis::{Completeness, Context, Expected, Finding, Options, Rule, analyze, apply_edits};
use errcode_ls::catalog::{Catalog, CatalogBuilder, Origin, builtin_catalog};
use errcode_ls::recognize::Recognizer;
use errcode_ls::syntax::{Language, ParsedDocument};
use errcode_ls::text::{Encoding, LineIndex};

struct Setup {
    catalog: Catalog,
    recognizer: Recognizer,
}

fn setup() -> Setup {
    let mut builder = CatalogBuilder::new();
    builder.add("builtin".into(), Origin::Builtin { file_name: "b".into() }, builtin_catalog());
    let (catalog, _) = builder.finish();
    let recognizer = Recognizer::new(&catalog);
    Setup { catalog, recognizer }
}

fn fixture_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/fixtures/match")
}

fn findings(setup: &Setup, text: &str, language: Language, options: &Options) -> Vec<Finding> {
    let cx = Context { catalog: &setup.catalog, recognizer: &setup.recognizer, options, workspace: None };
    analyze(text, language, cx).into_iter().filter(|f| f.rule != Rule::UnknownCode).collect()
}

fn render(setup: &Setup, text: &str, findings: &[Finding]) -> String {
    let index = LineIndex::new(text);
    let mut out = String::new();
    for finding in findings {
        let (line, column) = index.position(text, finding.range.start, Encoding::Utf32);
        out.push_str(&format!(
            "{}:{} {} {}: {}\n",
            line + 1,
            column + 1,
            finding.severity,
            finding.rule,
            finding.message
        ));
        if !finding.related.is_empty() {
            let related: Vec<&str> =
                finding.related.iter().map(|&id| setup.catalog.entry(id).code.as_str()).collect();
            out.push_str(&format!("    related: {}\n", related.join(", ")));
        }
        for fix in &finding.fixes {
            out.push_str(&format!(
                "    fix: {}{}\n",
                fix.title,
                if fix.preferred { " (preferred)" } else { "" }
            ));
        }
    }
    out
}

/// The text with the first fix of every finding applied at once.
fn fix_all(text: &str, findings: &[Finding]) -> String {
    let edits: Vec<_> =
        findings.iter().filter_map(|f| f.fixes.first()).flat_map(|f| f.edits.clone()).collect();
    apply_edits(text, &edits)
}

fn assert_parses(language: Language, text: &str, what: &str) {
    let document = ParsedDocument::new(language, text);
    let errors = document.error_ranges();
    assert!(errors.is_empty(), "{what}: syntax errors at {errors:?} in\n{text}");
}

/// Runs the language's own checker on `text`, where one is installed on every development and CI
/// machine of this project.
fn assert_tool_accepts(language: Language, text: &str, file_name: &str) {
    let dir = tempfile::tempdir().expect("temporary folder");
    let path = dir.path().join(file_name);
    std::fs::write(&path, text).expect("write fixture copy");
    let mut command = match language {
        Language::Python => {
            let mut c = Command::new("python3");
            c.arg("-c").arg("import sys; compile(open(sys.argv[1]).read(), sys.argv[1], 'exec')").arg(&path);
            c
        }
        Language::JavaScript => {
            // Fixtures are ES modules; `.mjs` tells node so.
            let module = path.with_extension("mjs");
            std::fs::write(&module, text).expect("write module copy");
            let mut c = Command::new("node");
            c.arg("--check").arg(module);
            c
        }
        Language::Rust => {
            let mut c = Command::new("rustfmt");
            c.args(["--edition", "2024", "--emit", "stdout"]).arg(&path);
            c
        }
        Language::Java => {
            let mut c = Command::new("javac");
            c.arg("-d").arg(dir.path().join("classes")).arg(&path);
            c
        }
        _ => return,
    };
    let output = command.output().expect("the language's checker is installed");
    assert!(
        output.status.success(),
        "{file_name}: the language's checker rejects the fixed text:\n{}\n{text}",
        String::from_utf8_lossy(&output.stderr)
    );
}

fn check(relative: &str) {
    check_with(relative, &Options::default());
}

fn check_with(relative: &str, options: &Options) {
    let setup = setup();
    let path = fixture_dir().join(relative);
    let text = std::fs::read_to_string(&path).expect("fixture exists");
    let language = Language::from_path(&path);
    assert_parses(language, &text, "the fixture itself");

    let found = findings(&setup, &text, language, options);
    let fixed = fix_all(&text, &found);
    let mut snapshot = render(&setup, &text, &found);
    snapshot.push_str("==== after the first fix of every finding ====\n");
    snapshot.push_str(&fixed);
    expect_test::expect_file![fixture_dir().join(format!("{relative}.snap"))].assert_eq(&snapshot);

    for finding in &found {
        for fix in &finding.fixes {
            assert_parses(language, &apply_edits(&text, &fix.edits), &format!("fix `{}`", fix.title));
        }
    }
    assert_parses(language, &fixed, "all fixes together");
    let left = findings(&setup, &fixed, language, options);
    assert!(
        left.iter().all(|f| f.rule != Rule::UnhandledCodes),
        "codes still unhandled after the fixes:\n{}",
        render(&setup, &fixed, &left)
    );
    let file_name = path.file_name().and_then(|n| n.to_str()).unwrap_or("fixture");
    assert_tool_accepts(language, &text, file_name);
    assert_tool_accepts(language, &fixed, file_name);
}

#[test]
fn rust_several_matches_in_one_file() {
    check("rust/several_matches.rs");
}

#[test]
fn rust_nested_matches_guards_and_duplicates() {
    check("rust/nested_and_guarded.rs");
}

#[test]
fn rust_match_on_one_line() {
    check("rust/one_line.rs");
}

#[test]
fn python_match_case() {
    check("python/match_case.py");
}

#[test]
fn python_if_elif_chains() {
    check("python/if_elif.py");
}

#[test]
fn python_directives() {
    check("python/directives.py");
}

#[test]
fn go_switch() {
    check("go/switch.go");
}

#[test]
fn javascript_switch() {
    check("javascript/switch.js");
}

#[test]
fn typescript_switch() {
    check("typescript/switch.ts");
}

#[test]
fn tsx_switch() {
    check("tsx/banner.tsx");
}

#[test]
fn java_switches_and_equals_chains() {
    check("java/Switches.java");
}

#[test]
fn csharp_switch_statement_and_expression() {
    check("csharp/Switches.cs");
}

#[test]
fn a_default_branch_silences_the_check_when_configured() {
    let options = Options { default_signifies_exhaustive: true, ..Options::default() };
    check_with("options/default_signifies_exhaustive.rs", &options);
}

#[test]
fn the_whole_catalog_can_be_expected() {
    let options = Options { expected: Expected::Catalog, ..Options::default() };
    check_with("options/expected_catalog.py", &options);
}

#[test]
fn an_ignore_directive_in_the_leading_comments_skips_the_file() {
    check("options/file_ignored.ts");
}

#[test]
fn a_rule_turned_off_reports_nothing() {
    let mut options = Options::default();
    options.severities.set(Rule::UnhandledCodes, None);
    let setup = setup();
    let text =
        std::fs::read_to_string(fixture_dir().join("rust/several_matches.rs")).expect("fixture exists");
    assert_eq!(findings(&setup, &text, Language::Rust, &options), Vec::new());
}

#[test]
fn crlf_files_get_crlf_arms() {
    let setup = setup();
    let text = std::fs::read_to_string(fixture_dir().join("python/match_case.py")).expect("fixture exists");
    let text = text.replace('\n', "\r\n");
    let found = findings(&setup, &text, Language::Python, &Options::default());
    let fixed = fix_all(&text, &found);
    assert!(fixed.len() > text.len(), "the fixes add arms");
    assert_eq!(
        fixed.matches('\n').count(),
        fixed.matches("\r\n").count(),
        "every line ends with CRLF:\n{fixed:?}"
    );
    assert_parses(Language::Python, &fixed, "CRLF fixes");
    assert_tool_accepts(Language::Python, &fixed, "crlf.py");
}

#[test]
fn kotlin_when() {
    check("kotlin/when.kt");
}

#[test]
fn php_switch_and_match() {
    check("php/switch.php");
}

#[test]
fn rust_arms_copy_the_option_pattern() {
    check("rust/option_patterns.rs");
}

#[test]
fn csharp_arms_copy_the_property_pattern() {
    check("csharp/PropertyPatterns.cs");
}

/// Half-typed code is the normal state of a file in an editor: analysing every prefix of every
/// fixture must neither panic nor produce a fix whose edits fall outside the text.
#[test]
fn truncated_files_are_analysed_without_panics() {
    let setup = setup();
    let mut fixtures = Vec::new();
    for dir in std::fs::read_dir(fixture_dir()).expect("fixture folder") {
        let dir = dir.expect("fixture folder entry").path();
        for file in std::fs::read_dir(&dir).expect("language folder") {
            let path = file.expect("fixture file").path();
            let is_fixture = path.extension().is_some_and(|e| e != "snap" && e != "text" && e != "sarif");
            if is_fixture {
                fixtures.push(path);
            }
        }
    }
    assert!(fixtures.len() >= 10, "fixtures found: {fixtures:?}");
    for path in fixtures {
        let text = std::fs::read_to_string(&path).expect("fixture exists");
        let language = Language::from_path(&path);
        for cut in (0..text.len()).step_by(5).filter(|&c| text.is_char_boundary(c)) {
            let prefix = &text[..cut];
            for finding in findings(&setup, prefix, language, &Options::default()) {
                for fix in &finding.fixes {
                    assert!(
                        fix.edits.iter().all(|e| e.range.end <= prefix.len()),
                        "{}: fix `{}` outside the text cut at {cut}",
                        path.display(),
                        fix.title
                    );
                    apply_edits(prefix, &fix.edits);
                }
            }
        }
    }
}

#[test]
fn javascript_if_chain_with_guards_or_and_includes() {
    check("javascript/if_chain.js");
}

#[test]
fn javascript_negated_or_mixed_subject_chains_are_not_dispatches() {
    check("javascript/not_a_dispatch.js");
}

#[test]
fn typescript_if_chain_with_typeof_guard_and_set_has() {
    check("typescript/if_chain.ts");
}

#[test]
fn go_if_chain_with_equal_fold_and_slices_contains() {
    check("go/if_chain.go");
}

#[test]
fn rust_if_chain_with_or_and_contains() {
    check("rust/if_chain.rs");
}

#[test]
fn java_if_chain_with_null_guard_objects_equals_and_set_of() {
    check("java/IfChains.java");
}

#[test]
fn csharp_if_chain_with_string_equals() {
    check("csharp/IfChains.cs");
}

#[test]
fn csharp_if_chain_with_negated_guard_comparison_and_array_contains() {
    check("csharp/IfMembership.cs");
}

#[test]
fn kotlin_if_chain_with_null_guard_and_in_set_of() {
    check("kotlin/if_chain.kt");
}

#[test]
fn kotlin_when_without_subject_is_a_chain() {
    check("kotlin/when_conditions.kt");
}

#[test]
fn php_if_chain_with_elseif_else_if_and_in_array() {
    check("php/if_chain.php");
}

#[test]
fn python_if_chain_with_truthiness_guard_and_or() {
    check("python/if_guards.py");
}

#[test]
fn a_predicate_is_a_classifier() {
    check("intent/predicate.go");
}

#[test]
fn a_construct_mostly_about_other_namespaces_is_a_classifier() {
    check("intent/foreign_namespaces.go");
}

#[test]
fn one_code_beside_a_default_is_a_classifier() {
    check("intent/few_beside_default.ts");
}

#[test]
fn two_codes_before_the_code_after_an_if_chain_are_a_classifier() {
    check("intent/few_before_fallthrough.cs");
}

#[test]
fn constants_naming_a_few_codes_of_each_namespace_are_not_checked() {
    check("intent/named_constants.go");
}

#[test]
fn an_enum_naming_most_of_a_namespace_is_checked() {
    check("intent/constants_naming_most.ts");
}

#[test]
fn a_construct_without_default_is_a_handler() {
    check("intent/handler_without_default.py");
}

#[test]
fn a_predicate_naming_most_of_a_namespace_is_a_handler() {
    check("intent/most_of_a_namespace.js");
}

#[test]
fn the_exhaustive_directive_makes_a_classifier_a_handler() {
    check("intent/exhaustive_directive.kt");
}

#[test]
fn completeness_always_checks_classifiers_too() {
    let options = Options { completeness: Completeness::Always, ..Options::default() };
    check_with("intent/always.rs", &options);
}

#[test]
fn python_dict_gets_the_catalog_messages_in_its_quotes() {
    check("python/table.py");
}

#[test]
fn python_list_or_set_of_codes_is_not_a_table() {
    check("python/list_is_a_set.py");
}

#[test]
fn javascript_object_with_other_values_gets_placeholders() {
    check("javascript/table.js");
}

#[test]
fn javascript_object_with_a_key_twice_reports_the_duplicate() {
    check("javascript/table_duplicate.js");
}

#[test]
fn typescript_new_map_entries() {
    check("typescript/map.ts");
}

#[test]
fn go_map_literal_entries() {
    check("go/map.go");
}

#[test]
fn kotlin_map_of_pairs() {
    check("kotlin/map.kt");
}

#[test]
fn php_array_entries() {
    check("php/array.php");
}

#[test]
fn rust_hash_map_from_tuples() {
    check("rust/hash_map.rs");
}

/// The list closes on the last entry's line, after its comma: new entries go after that comma.
#[test]
fn rust_hash_map_closed_on_the_last_entrys_line() {
    check("rust/hash_map_closed_after_last_entry.rs");
}

#[test]
fn csharp_dictionary_initialiser() {
    check("csharp/Dictionary.cs");
}

#[test]
fn a_table_of_booleans_is_a_classifier() {
    check("intent/boolean_table.py");
}

#[test]
fn java_map_of_and_map_of_entries() {
    check("java/Maps.java");
}

#[test]
fn typescript_string_enum_members() {
    check("typescript/enum.ts");
}

#[test]
fn python_enum_class_members() {
    check("python/enum_class.py");
}

#[test]
fn go_const_block_keeps_the_type() {
    check("go/const_block.go");
}

#[test]
fn csharp_string_constants_of_a_class() {
    check("csharp/Constants.cs");
}

#[test]
fn kotlin_enum_class_entries() {
    check("kotlin/enum_class.kt");
}

#[test]
fn javascript_switch_true_is_not_a_switch_on_codes() {
    check("javascript/switch_true.js");
}

/// Conditions are read recursively: one nested beyond any hand-written test of codes leaves its
/// chain unread instead of exhausting a small thread stack.
#[test]
fn a_condition_thousands_of_operators_deep_is_left_unread() {
    let tests = vec!["code === \"AIS.0101\""; 20_000].join(" || ");
    let text = format!("if ({tests}) {{\n  a();\n}} else if (code === \"AIS.0102\") {{\n  b();\n}}\n");
    let found = std::thread::Builder::new()
        .stack_size(256 * 1024)
        .spawn(move || {
            let setup = setup();
            findings(&setup, &text, Language::JavaScript, &Options::default())
        })
        .expect("spawn a thread")
        .join()
        .expect("analysis finishes on a small stack");
    assert_eq!(found, Vec::new());
}

#[test]
fn code_patterns_in_directives_are_not_unknown_codes() {
    let setup = setup();
    let text = "# errcode: expect ModelArts.41*\nmatch code:\n    case \"ModelArts.4101\":\n        pass\n";
    let cx = Context {
        catalog: &setup.catalog,
        recognizer: &setup.recognizer,
        options: &Options::default(),
        workspace: None,
    };
    let rules: Vec<Rule> = analyze(text, Language::Python, cx).iter().map(|f| f.rule).collect();
    assert_eq!(rules, [Rule::UnhandledCodes]);
}

#[test]
fn javascript_separate_ifs_that_return_are_a_chain() {
    check("javascript/early_returns.js");
}

#[test]
fn java_separate_ifs_that_return_or_throw_are_a_chain() {
    check("java/EarlyReturns.java");
}

#[test]
fn go_separate_ifs_that_return_are_a_chain() {
    check("go/early_returns.go");
}

#[test]
fn csharp_separate_ifs_that_return_are_a_chain() {
    check("csharp/EarlyReturns.cs");
}

#[test]
fn java_blocks_of_put_calls_are_tables() {
    check("java/PutBlocks.java");
}

#[test]
fn python_separate_ifs_that_return_or_raise_are_a_chain() {
    check("python/early_returns.py");
}

#[test]
fn a_leading_clause_on_something_else_does_not_hide_the_dispatch_after_it() {
    check("java/LeadingGuard.java");
}

#[test]
fn java_switch_and_chain_on_constants_of_a_class() {
    check("constants/Switch.java");
}

#[test]
fn java_enum_with_the_code_among_its_arguments() {
    check("constants/GatewayError.java");
}

#[test]
fn typescript_switch_and_computed_keys_on_a_frozen_object() {
    check("constants/switch.ts");
}

#[test]
fn go_switch_and_map_on_package_constants() {
    check("constants/switch.go");
}

#[test]
fn csharp_switch_statement_and_expression_on_const_fields() {
    check("constants/Switch.cs");
}

#[test]
fn kotlin_when_and_map_on_object_constants() {
    check("constants/when.kt");
}

#[test]
fn python_match_chain_and_dict_on_module_constants_and_enum_members() {
    check("constants/match_case.py");
}

#[test]
fn php_switch_and_array_on_class_constants() {
    check("constants/switch.php");
}

#[test]
fn rust_match_and_chain_on_consts_and_associated_consts() {
    check("constants/consts.rs");
}

#[test]
fn rust_enum_renamed_by_serde() {
    check("constants/serde_enum.rs");
}

#[test]
fn a_name_that_resolves_to_nothing_silences_the_construct() {
    check("constants/unresolved.ts");
}

/// A switch in one file naming constants another file declares: resolved through the workspace
/// table the caller passes, and its fix names the missing code's constant.
#[test]
fn constants_declared_in_another_file_resolve_through_the_workspace() {
    let setup = setup();
    let dir = fixture_dir().join("constants/cross");
    let declarations = std::fs::read_to_string(dir.join("codes.ts")).expect("fixture exists");
    let workspace =
        errcode_ls::workspace::constants::declared_in(&declarations, Language::TypeScript, &setup.recognizer);
    let text = std::fs::read_to_string(dir.join("handler.ts")).expect("fixture exists");
    let options = Options::default();
    let cx = Context {
        catalog: &setup.catalog,
        recognizer: &setup.recognizer,
        options: &options,
        workspace: Some(&workspace),
    };
    let found: Vec<Finding> = analyze(&text, Language::TypeScript, cx)
        .into_iter()
        .filter(|f| f.rule != Rule::UnknownCode)
        .collect();
    let fixed = fix_all(&text, &found);
    let mut snapshot = render(&setup, &text, &found);
    snapshot.push_str("==== after the first fix of every finding ====\n");
    snapshot.push_str(&fixed);
    expect_test::expect_file![dir.join("handler.ts.snap")].assert_eq(&snapshot);
    assert_parses(Language::TypeScript, &fixed, "all fixes together");
    let alone = findings(&setup, &text, Language::TypeScript, &options);
    assert!(
        alone.iter().all(|f| f.rule != Rule::UnhandledCodes),
        "without the workspace the names are unknown"
    );
}

#[test]
fn csharp_chain_on_const_fields_either_way_round() {
    check("constants/Chains.cs");
}

#[test]
fn kotlin_chains_and_when_conditions_on_object_constants() {
    check("constants/chains.kt");
}

#[test]
fn javascript_guarded_chain_includes_and_map_on_a_frozen_object() {
    check("constants/chains.js");
}

#[test]
fn go_chain_on_package_constants() {
    check("constants/chains.go");
}

#[test]
fn java_map_of_keyed_by_constants() {
    check("constants/Maps.java");
}

#[test]
fn rust_hashmap_keyed_by_associated_consts() {
    check("constants/map.rs");
}

#[test]
fn java_chain_on_the_codes_of_enum_constants_read_by_a_getter() {
    check("constants/EnumChain.java");
}

/// A match on an enum's own variants: a missing code with a variant gets an arm naming it; one
/// without (the enum lacks it) gets none, since a string literal would not compile there.
#[test]
fn a_match_on_enum_variants_only_adds_arms_that_name_a_variant() {
    let setup = setup();
    let path = fixture_dir().join("constants/enum_match.rs");
    let text = std::fs::read_to_string(&path).expect("fixture exists");
    let found = findings(&setup, &text, Language::Rust, &Options::default());
    let fixed = fix_all(&text, &found);
    let mut snapshot = render(&setup, &text, &found);
    snapshot.push_str("==== after the first fix of every finding ====\n");
    snapshot.push_str(&fixed);
    expect_test::expect_file![fixture_dir().join("constants/enum_match.rs.snap")].assert_eq(&snapshot);
    assert_parses(Language::Rust, &fixed, "all fixes together");
}

/// Every file of the match fixtures and of the precision corpus, prepared alone and finished
/// with a workspace of every constant they declare (as `check` does in one pass), gets exactly
/// the findings `analyze` gives it with that workspace.
#[test]
fn prepared_then_finished_files_get_the_findings_of_analyze() {
    let setup = setup();
    let mut files = Vec::new();
    let mut folders = vec![fixture_dir(), Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/corpus")];
    while let Some(folder) = folders.pop() {
        for entry in std::fs::read_dir(&folder).expect("fixture folder").flatten() {
            let path = entry.path();
            if path.is_dir() {
                folders.push(path);
            } else if let Ok(text) = std::fs::read_to_string(&path) {
                files.push((Language::from_path(&path), text, path));
            }
        }
    }
    files.sort_by(|a, b| a.2.cmp(&b.2));
    let mut workspace = errcode_ls::analysis::Constants::default();
    for (language, text, _) in &files {
        let declared = errcode_ls::workspace::constants::declared_in(text, *language, &setup.recognizer);
        workspace.extend(declared.iter().cloned());
    }
    assert!(workspace.iter().count() > 20, "the fixtures declare constants");
    let options = Options::default();
    let alone = Context {
        catalog: &setup.catalog,
        recognizer: &setup.recognizer,
        options: &options,
        workspace: None,
    };
    let cx = Context { workspace: Some(&workspace), ..alone };
    let (mut with_findings, mut with_bodies_skipped) = (0, 0);
    for (language, text, path) in &files {
        let prepared = errcode_ls::analysis::prepare(text, *language, alone);
        let finished = errcode_ls::analysis::finish(prepared, text, cx);
        assert_eq!(finished, analyze(text, *language, cx), "{}", path.display());
        with_findings += !finished.is_empty() as usize;
        let codes: Vec<usize> = setup.recognizer.find_iter(text.as_bytes()).map(|o| o.range.start).collect();
        let skeleton = errcode_ls::syntax::ParsedDocument::around(*language, text.as_str(), &codes);
        with_bodies_skipped += !skeleton.skipped().is_empty() as usize;
    }
    assert!(with_findings > 100, "{with_findings} of {} files have findings", files.len());
    // Preparing parses around the codes, leaving out the bodies of functions without any.
    assert!(with_bodies_skipped > 25, "{with_bodies_skipped} files parsed without some bodies");
}
