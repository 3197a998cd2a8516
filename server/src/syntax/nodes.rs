//! Small readers over tree-sitter nodes shared by every language's module: string literals as
//! [`Label`]s, parentheses, keywords, children, the subject an if-chain compares, fall-through.
//!
//! **Invariant:** grammar-neutral helpers; a node kind named here is one several grammars share
//! (`parenthesized_expression`, `block`, `return_statement`). Knowledge of one language lives in
//! its module under `lang/`.

use std::ops::Range;

use tree_sitter::Node;

use super::Language;
use super::model::{Branch, Label};

/// Node kinds of plain string literals, per language.
pub fn is_string_literal(language: Language, kind: &str) -> bool {
    super::lang::string_kinds(language).contains(&kind)
}
/// The literal's content (between the quotes) and its range.
pub fn label_of(node: Node, text: &str) -> Option<Label> {
    let range = node.byte_range();
    let raw = text.get(range.clone())?;
    let lead = raw.find(['"', '\'', '`'])?;
    let quote = raw.as_bytes()[lead];
    let body_start = lead + raw[lead..].bytes().take_while(|&b| b == quote).count();
    let trail = raw.bytes().rev().take_while(|&b| b == quote || b == b'#').count();
    if body_start + trail > raw.len() {
        return None;
    }
    let start = range.start + body_start;
    let end = range.end - trail;
    Some(Label { value: text[start..end].to_owned(), range: start..end, named: false })
}

/// The bytes [`label_of`] reads as a literal's delimiters: the quotes before and after its
/// content, and a raw string's `#` after it.
pub const LITERAL_DELIMITERS: &[u8] = b"\"'`#";

/// Whether `range` of `text` could be the whole content of a string literal as [`label_of`]
/// reads one: a quote just before it, a quote or `#` just after. A text none of whose codes
/// could be needs no parse to know that no label or constant holds one.
pub fn may_be_literal_content(text: &[u8], range: Range<usize>) -> bool {
    let quote = |b: &u8| matches!(b, b'"' | b'\'' | b'`');
    range.start.checked_sub(1).and_then(|i| text.get(i)).is_some_and(quote)
        && text.get(range.end).is_some_and(|b| quote(b) || *b == b'#')
}

/// The node as a *named* label when its text is a path to a constant: `ErrCodes.INVALID`,
/// `ErrorCode::InvalidParam`, `self::X`, `Codes.X`, or a lone name that starts with a capital
/// (`INVALID_PARAM`, `InvalidParam`: constants and enum members by convention; a lowercase name
/// is a variable or a binding). Literals, calls and keywords are not names.
pub fn name_label(node: Node, text: &str) -> Option<Label> {
    let raw = text.get(node.byte_range())?;
    if raw.len() > 200 {
        return None;
    }
    // A getter called without arguments reads a member's value: `ErrorCode.INVALID.getCode()`.
    let (raw, call) = match raw.trim_end().strip_suffix("()") {
        Some(path) if path.contains(['.', ':']) => (path, "()"),
        _ => (raw, ""),
    };
    // Whitespace may surround a separator (`Codes .X`), never split a name (`case X`).
    let is_name_char = |c: char| c.is_alphanumeric() || c == '_' || c == '$';
    let mut previous = None;
    let mut gap = false;
    for c in raw.chars() {
        if c.is_whitespace() {
            gap = true;
            continue;
        }
        if gap && previous.is_some_and(is_name_char) && is_name_char(c) {
            return None;
        }
        previous = Some(c);
        gap = false;
    }
    let value: String = raw.split_whitespace().collect();
    let mut rest = value.as_str();
    let mut segments = 0;
    loop {
        let ident = rest
            .char_indices()
            .find(|&(i, c)| !(c.is_alphanumeric() || c == '_' || (c == '$' && i == 0)))
            .map_or(rest.len(), |(i, _)| i);
        let segment = &rest[..ident];
        if segment.is_empty() || segment.starts_with(|c: char| c.is_ascii_digit()) {
            return None;
        }
        segments += 1;
        rest = &rest[ident..];
        if rest.is_empty() {
            break;
        }
        rest = ["::", "?.", "->", "."].iter().find_map(|sep| rest.strip_prefix(sep))?;
    }
    let lone_constant = value.starts_with(|c: char| c.is_uppercase())
        && !matches!(value.as_str(), "None" | "True" | "False" | "NULL" | "TRUE" | "FALSE" | "Nil" | "Self");
    if segments == 1 && !lone_constant {
        return None;
    }
    Some(Label { value: value + call, range: node.byte_range(), named: true })
}

/// Labels of every string literal under `node`, skipping subtrees for which `skip` holds.
pub fn collect_labels(
    node: Node,
    text: &str,
    language: Language,
    skip: &dyn Fn(Node) -> bool,
    out: &mut Vec<Label>,
) {
    if skip(node) {
        return;
    }
    if is_string_literal(language, node.kind()) {
        out.extend(label_of(node, text));
        return;
    }
    let mut cursor = node.walk();
    for child in node.children(&mut cursor) {
        collect_labels(child, text, language, skip, out);
    }
}

/// The names a pattern tests when it holds no literal: the pattern itself, or each alternative
/// of an or-pattern. `wrappers` are the node kinds that only wrap a pattern (`match_pattern`,
/// `case_pattern`, `or_pattern`); `min_segments` is 2 where a lone name binds rather than
/// compares (Python's capture patterns).
pub fn pattern_names(
    node: Node,
    text: &str,
    wrappers: &[&str],
    skip: &dyn Fn(Node) -> bool,
    min_segments: usize,
) -> Vec<Label> {
    if skip(node) {
        return Vec::new();
    }
    if let Some(name) = name_label(node, text).filter(|n| n.segments().len() >= min_segments) {
        return vec![name];
    }
    if wrappers.contains(&node.kind()) {
        return named_children(node)
            .into_iter()
            .flat_map(|c| pattern_names(c, text, wrappers, skip, min_segments))
            .collect();
    }
    Vec::new()
}

pub fn labels_in(node: Node, text: &str, language: Language, skip: &dyn Fn(Node) -> bool) -> Vec<Label> {
    let mut out = Vec::new();
    collect_labels(node, text, language, skip, &mut out);
    out
}

/// Labels of a `case` value that is a literal (or a list of literals): `case code === "A":` in
/// a `switch (true)` tests a condition, and new `case "B":` labels would never match there.
pub fn literal_labels(node: Node, text: &str, language: Language) -> Vec<Label> {
    if is_string_literal(language, node.kind()) {
        return label_of(node, text).into_iter().collect();
    }
    match node.kind() {
        "expression_list"
        | "match_condition_list"
        | "constant_pattern"
        | "parenthesized_expression"
        | "switch_label" => {
            named_children(node).into_iter().flat_map(|c| literal_labels(c, text, language)).collect()
        }
        _ => name_label(node, text).into_iter().collect(),
    }
}

pub fn no_skip(_: Node) -> bool {
    false
}

/// The expression inside parentheses, or the node itself.
pub fn unparenthesize(node: Node) -> Node {
    let mut node = node;
    while node.kind() == "parenthesized_expression" {
        match node.named_child(0) {
            Some(inner) => node = inner,
            None => break,
        }
    }
    node
}

pub fn keyword_range(node: Node, keyword: &str) -> Range<usize> {
    let mut cursor = node.walk();
    let found = node.children(&mut cursor).find(|c| c.kind() == keyword).map(|c| c.byte_range());
    found.unwrap_or(node.start_byte()..node.start_byte() + keyword.len().min(node.byte_range().len()))
}

pub fn named_children<'t>(node: Node<'t>) -> Vec<Node<'t>> {
    let mut cursor = node.walk();
    node.named_children(&mut cursor).collect()
}

pub fn children<'t>(node: Node<'t>) -> Vec<Node<'t>> {
    let mut cursor = node.walk();
    node.children(&mut cursor).collect()
}

pub fn is_binding_name(pattern: &str) -> bool {
    let pattern = pattern.trim();
    pattern == "_"
        || (pattern.starts_with(|c: char| c.is_lowercase() || c == '_')
            && pattern.chars().all(|c| c.is_alphanumeric() || c == '_'))
}

/// Records the chain's subject, or checks that `range` spells the same expression.
pub fn same_subject(subject: &mut Option<Range<usize>>, range: Range<usize>, text: &str) -> Option<()> {
    let squeeze = |r: &Range<usize>| text[r.clone()].split_whitespace().collect::<String>();
    match subject {
        Some(existing) if squeeze(existing) != squeeze(&range) => None,
        Some(_) => Some(()),
        None => {
            *subject = Some(range);
            Some(())
        }
    }
}

/// Whether control can run past the end of a case whose last statement is `last`.
pub fn falls_through(last: Option<Node>) -> bool {
    let Some(node) = last else { return true };
    match node.kind() {
        // Go's blocks hold their statements in a `statement_list`.
        "block" | "statement_block" | "statement_list" => {
            falls_through(named_children(node).into_iter().rfind(|n| !n.kind().contains("comment")))
        }
        "break_statement" | "return_statement" | "throw_statement" | "raise_statement"
        | "continue_statement" | "yield_statement" | "goto_statement" => false,
        "expression_statement" => !is_throw_expression(node),
        _ => true,
    }
}

/// C# `throw` is an expression statement in some positions.
pub fn is_throw_expression(node: Node) -> bool {
    node.named_child(0).is_some_and(|n| n.kind() == "throw_expression")
}

/// The boolean a branch body yields when that is all it does: `return true;`, `{ return false; }`,
/// `=> false,`, `return True`; `None` for any other body.
pub fn verdict_of(text: &str, body: Range<usize>) -> Option<bool> {
    let mut rest = text.get(body)?.trim();
    loop {
        let before = rest;
        rest = rest.trim_end_matches([';', ',']).trim();
        if let Some(inner) = rest.strip_prefix('{').and_then(|r| r.strip_suffix('}')) {
            rest = inner.trim();
        }
        for keyword in ["return ", "yield "] {
            if let Some(value) = rest.strip_prefix(keyword) {
                rest = value.trim();
            }
        }
        if rest == before {
            break;
        }
    }
    match rest {
        "true" | "True" => Some(true),
        "false" | "False" => Some(false),
        _ => None,
    }
}

/// The range from the first to the last of `nodes`, comments aside.
pub fn span(nodes: &[Node]) -> Option<Range<usize>> {
    let mut code = nodes.iter().filter(|n| !n.kind().contains("comment"));
    let first = code.next()?;
    let last = code.next_back().unwrap_or(first);
    Some(first.start_byte()..last.end_byte())
}

/// A `case` of a `switch` whose tested expression is the case's `value` field and whose body is
/// every other named child (Go's `expression_case`, PHP's `case_statement`); `default_kind` is
/// the node kind of the default case.
pub fn value_case_branch(case: Node, text: &str, language: Language, default_kind: &str) -> Branch {
    let value = case.child_by_field_name("value");
    let body: Vec<Node> = named_children(case).into_iter().filter(|n| Some(*n) != value).collect();
    Branch {
        range: case.byte_range(),
        labels: value.map(|v| literal_labels(v, text, language)).unwrap_or_default(),
        is_default: case.kind() == default_kind,
        guarded: false,
        pattern: None,
        verdict: verdict_of_nodes(text, &body),
    }
}

/// The verdict of a body made of `nodes`.
pub fn verdict_of_nodes(text: &str, nodes: &[Node]) -> Option<bool> {
    span(nodes).and_then(|range| verdict_of(text, range))
}

/// The operator token of a binary expression: its `operator` field, else its first unnamed child
/// that is not a parenthesis.
pub fn operator_of<'t>(node: Node<'t>, text: &'t str) -> &'t str {
    if let Some(operator) = node.child_by_field_name("operator") {
        return &text[operator.byte_range()];
    }
    let found = children(node).into_iter().find(|c| !c.is_named() && !matches!(c.kind(), "(" | ")"));
    found.map_or("", |c| &text[c.byte_range()])
}

/// The entries of a table node: each named child (comments aside) read by `entry` into a key
/// and a value; `None` when any child is not an entry.
pub fn entries_of<'t>(
    node: Node<'t>,
    entry: impl Fn(Node<'t>) -> Option<(Node<'t>, Node<'t>)>,
) -> Option<Vec<super::table::Entry<'t>>> {
    named_children(node)
        .into_iter()
        .filter(|c| !c.kind().contains("comment"))
        .map(|child| {
            entry(child).map(|(key, value)| super::table::Entry { range: child.byte_range(), key, value })
        })
        .collect()
}

/// Whether the tree under `node` is more than `limit` levels deep; walked without recursion, and
/// stopping at the first node past the limit.
pub fn deeper_than(node: Node, limit: usize) -> bool {
    let mut cursor = node.walk();
    let mut depth = 0;
    loop {
        if depth > limit {
            return true;
        }
        if cursor.goto_first_child() {
            depth += 1;
            continue;
        }
        loop {
            if cursor.node() == node {
                return false;
            }
            if cursor.goto_next_sibling() {
                break;
            }
            if !cursor.goto_parent() {
                return false;
            }
            depth -= 1;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::{may_be_literal_content, verdict_of};
    use crate::syntax::Language;

    /// Every string literal of every kind `label_of` reads has its content where
    /// `may_be_literal_content` allows one; prose around a code does not.
    #[test]
    fn literal_contents_are_where_quotes_allow_them() {
        let sources = [
            (Language::Rust, "fn f() { let a = \"X\"; let b = r#\"X\"#; let c = r\"X\"; }"),
            (Language::Python, "a = 'X'\nb = \"\"\"X\"\"\"\nc = f\"X\"\nd = r'X'\n"),
            (Language::Go, "package p\nconst a = \"X\"\nconst b = `X`\n"),
            (Language::TypeScript, "const a = 'X', b = \"X\", c = `X`;\n"),
            (Language::CSharp, "class C { string a = \"X\"; string b = @\"X\"; string c = \"\"\"X\"\"\"; }"),
            (Language::Kotlin, "val a = \"X\"\nval b = \"\"\"X\"\"\"\n"),
            (Language::Php, "<?php $a = 'X'; $b = \"X\";\n"),
            (Language::Java, "class C { String a = \"X\"; }"),
        ];
        let mut total = 0;
        for (language, text) in sources {
            let document = crate::syntax::ParsedDocument::new(language, text);
            let literals = document.literal_ranges();
            total += literals.len();
            assert!(!literals.is_empty(), "{language:?}");
            for range in literals {
                assert_eq!(&text[range.clone()], "X", "{language:?}");
                assert!(may_be_literal_content(text.as_bytes(), range), "{language:?}");
            }
        }
        assert!(total >= 16, "{total} literals read");
        let prose = "// X failed; see \"X: bad\" or (X)";
        for at in prose.match_indices('X').map(|(i, _)| i) {
            assert!(!may_be_literal_content(prose.as_bytes(), at..at + 1), "{at}");
        }
    }

    #[test]
    fn a_body_that_only_yields_a_boolean_literal_has_a_verdict() {
        let verdict = |body: &str| verdict_of(body, 0..body.len());
        assert_eq!(verdict("return true;"), Some(true));
        assert_eq!(verdict("{\n    return false;\n}"), Some(false));
        assert_eq!(verdict("return True"), Some(true));
        assert_eq!(verdict("false,"), Some(false));
        assert_eq!(verdict("yield true;"), Some(true));
        assert_eq!(verdict("{ log(); return true; }"), None);
        assert_eq!(verdict("return isTrue;"), None);
        assert_eq!(verdict("retry()"), None);
    }
}
