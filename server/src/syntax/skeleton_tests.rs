//! The skeleton's lexer against tree-sitter on every fixture, and skeletons of files shaped to
//! mislead a lexer: each parses around its codes as the whole file does.

use std::path::PathBuf;

use super::*;
use crate::syntax::ParsedDocument;

use crate::test_files::tests_dir;

/// Every file under `folders` (relative to `tests/`) with a grammar, in path order; with
/// `ERRCODE_SKELETON_FOLDER` set, also every such file under that folder (a checkout of real
/// code to measure the lexer on).
fn sources(folders: &[&str]) -> Vec<(PathBuf, Language, String)> {
    let mut roots: Vec<PathBuf> = folders.iter().map(|f| tests_dir().join(f)).collect();
    roots.extend(std::env::var_os("ERRCODE_SKELETON_FOLDER").map(PathBuf::from));
    let mut files = crate::test_files::under(roots);
    files.retain(|(_, language, _)| super::super::grammar(*language).is_some());
    files
}

fn whole_tree(language: Language, text: &str) -> Tree {
    let mut parser = tree_sitter::Parser::new();
    parser.set_language(&super::super::grammar(language).expect("a grammar")).expect("grammar loads");
    parser.parse(text, None).expect("parses")
}

/// The offsets of the anonymous `{` and `}` tokens of `tree`.
fn brace_tokens(tree: &Tree) -> (Vec<usize>, Vec<usize>) {
    let (mut opens, mut closes) = (Vec::new(), Vec::new());
    let mut cursor = tree.walk();
    'walk: loop {
        let node = cursor.node();
        match node.kind() {
            "{" if !node.is_named() => opens.push(node.start_byte()),
            "}" if !node.is_named() => closes.push(node.start_byte()),
            _ => {}
        }
        if cursor.goto_first_child() || cursor.goto_next_sibling() {
            continue;
        }
        while cursor.goto_parent() {
            if cursor.goto_next_sibling() {
                continue 'walk;
            }
        }
        break;
    }
    (opens, closes)
}

#[test]
fn every_brace_pair_the_lexer_finds_is_one_the_grammar_finds() {
    let (mut pairs_checked, mut unread, mut misread) = (0, 0, Vec::new());
    for (path, language, text) in sources(&["fixtures/match", "corpus", "fixtures/skeleton"]) {
        if language == Language::Python {
            continue;
        }
        let tree = whole_tree(language, &text);
        if tree.root_node().has_error() {
            continue;
        }
        let Some(pairs) = brace_pairs(language, text.as_bytes()) else {
            // Parsed whole: slower, never wrong. None among the fixtures.
            assert!(!path.starts_with(tests_dir()), "{}: braces found unbalanced", path.display());
            unread += 1;
            continue;
        };
        let (opens, closes) = brace_tokens(&tree);
        for pair in &pairs {
            if !(opens.binary_search(&pair.open).is_ok() && closes.binary_search(&pair.close).is_ok()) {
                misread.push(format!("{}: braces at {}..{}", path.display(), pair.open, pair.close));
                break;
            }
        }
        pairs_checked += pairs.len();
    }
    eprintln!("{pairs_checked} brace pairs checked; {unread} files whose braces the lexer could not pair");
    assert!(misread.is_empty(), "braces that are no tokens of the grammar:\n{}", misread.join("\n"));
    assert!(pairs_checked > 400, "{pairs_checked} pairs checked");
}

/// Around string literals (a few of each file's, standing for codes), a skeleton reads the
/// constants and constructs a whole parse reads.
#[test]
fn around_string_literals_a_skeleton_reads_what_a_whole_parse_reads() {
    let (mut files, mut with_skeleton, mut bytes, mut skipped) = (0, 0, 0, 0);
    for (path, language, text) in sources(&["fixtures/match", "corpus", "fixtures/skeleton"]) {
        let whole = ParsedDocument::once(language, text.as_str());
        let mut keep: Vec<usize> = whole.literal_ranges().iter().step_by(7).map(|r| r.start).collect();
        keep.sort_unstable();
        keep.dedup();
        if keep.is_empty() {
            continue;
        }
        let skeleton = ParsedDocument::around(language, text.as_str(), &keep);
        assert_eq!(
            skeleton.constants_and_constructs_near(&keep),
            whole.constants_and_constructs_near(&keep),
            "{}",
            path.display()
        );
        files += 1;
        with_skeleton += !skeleton.skipped().is_empty() as usize;
        bytes += text.len();
        skipped += skeleton.skipped().iter().map(|r| r.len()).sum::<usize>();
    }
    eprintln!("{files} files compared, {with_skeleton} with bodies left out, {skipped} of {bytes} bytes");
    assert!(with_skeleton > 30, "{with_skeleton} files with bodies left out");
}

/// The recognised codes of `text`, with the built-in catalog.
fn codes(text: &str) -> Vec<usize> {
    let (catalog, _) = crate::workspace::load_catalogs(true, &[]);
    let recognizer = crate::recognize::Recognizer::new(&catalog);
    recognizer.find_iter(text.as_bytes()).map(|o| o.range.start).collect()
}

/// The first line of each skipped body's function, one a line.
fn skipped_functions(text: &str, document: &ParsedDocument) -> String {
    document
        .skipped()
        .iter()
        .map(|range| {
            let header_end = text[..range.start].rfind(['{', ':']).unwrap_or(0);
            let header = text[..header_end].trim_end();
            let line_start = header.rfind('\n').map_or(0, |i| i + 1);
            format!("{}\n", header[line_start..].trim())
        })
        .collect()
}

/// Each skeleton fixture holds its codes in a few functions among others whose bodies are
/// shaped to mislead a lexer (braces and quotes in strings, comments, templates, raw strings).
/// Its skeleton leaves out the others' bodies, and reads around the codes what a whole parse
/// reads.
#[test]
fn skeletons_leave_out_the_bodies_without_codes_and_read_the_same_around_codes() {
    let files: Vec<_> = sources(&["fixtures/skeleton"])
        .into_iter()
        .filter(|(path, ..)| path.starts_with(tests_dir()))
        .collect();
    assert!(files.len() >= 9, "one fixture a language");
    let mut snapshot = String::new();
    for (path, language, text) in &files {
        let keep = codes(text);
        assert!(!keep.is_empty(), "{} holds codes", path.display());
        let skeleton = ParsedDocument::around(*language, text.as_str(), &keep);
        let whole = ParsedDocument::once(*language, text.as_str());
        assert!(!skeleton.skipped().is_empty(), "{}: no body left out", path.display());
        assert_eq!(
            skeleton.constants_and_constructs_near(&keep),
            whole.constants_and_constructs_near(&keep),
            "{}",
            path.display()
        );
        let name = path.file_name().and_then(|n| n.to_str()).unwrap_or_default();
        snapshot.push_str(&format!("== {name}\n{}", skipped_functions(text, &skeleton)));
    }
    expect_test::expect_file![tests_dir().join("fixtures/skeleton/skipped.snap")].assert_eq(&snapshot);
}

#[test]
fn a_file_whose_braces_do_not_balance_is_parsed_whole() {
    let text = "class A {\n  void f() {\n    String s = \"AIS.0101\";\n  }\n  void g() {\n".repeat(3);
    let keep = codes(&text);
    let document = ParsedDocument::around(Language::Java, text.as_str(), &keep);
    assert!(document.skipped().is_empty());
}

#[test]
fn a_python_body_is_blanked_to_one_statement_with_its_offsets_and_lines() {
    let text = "def f():\n    x = 'é{'\n    return x\n";
    let body = Body { blank: 13..text.len() - 1, braced: false, inner: Vec::new() };
    let blanked = blank(text, &[body]);
    assert_eq!(blanked.len(), text.len());
    assert_eq!(blanked, "def f():\n    0        \n            \n");
}

#[test]
fn deeply_nested_braces_are_read_without_recursion_past_a_few_levels() {
    let depth = 100_000;
    let text = format!(
        "fn f() {{ let s = \"AIS.0101\"; }}\nfn g() {}{}{}\n",
        "{".repeat(depth),
        " ".repeat(200),
        "}".repeat(depth)
    );
    let keep = codes(&text);
    let bodies = bodies(Language::Rust, &text, &keep);
    assert_eq!(bodies.len(), 1, "g's body, the outermost pair without a code");
}
