//! Finds, in a tree-sitter tree, the constructs that branch on string literals and turns each
//! into a [`Construct`]: one function per language family, since node names differ per grammar.
//!
//! **Invariant:** reads the tree and the text only; it knows nothing of catalogs or codes (every
//! string literal in a branch's pattern is a [`Label`]; analysis decides which are codes).

use std::ops::Range;

use tree_sitter::{Node, Tree};

use super::Language;
use super::model::{ArmForm, Branch, Construct, ConstructKind, InsertMode, Insertion, Label};

/// Every construct in `tree` whose branches test at least one string literal, in text order.
/// With `near`, only constructs containing one of those offsets (sorted ascending): subtrees
/// without any are skipped, which is most of a file when `near` holds the recognised codes.
pub fn constructs(tree: &Tree, text: &str, language: Language, near: Option<&[usize]>) -> Vec<Construct> {
    let mut out = Vec::new();
    let mut cursor = tree.walk();
    let wanted = |node: Node| {
        near.is_none_or(|offsets| {
            let first = offsets.partition_point(|&o| o < node.start_byte());
            offsets.get(first).is_some_and(|&o| o < node.end_byte())
        })
    };
    // Pre-order walk without recursion, so deeply nested code cannot overflow the stack.
    loop {
        let node = cursor.node();
        let descend = wanted(node);
        if descend
            && let Some(mut construct) = extract(node, text, language)
            && construct.branches.iter().any(|b| !b.labels.is_empty())
        {
            finish_layout(text, &mut construct);
            out.push(construct);
        }
        if descend && cursor.goto_first_child() {
            continue;
        }
        loop {
            if cursor.goto_next_sibling() {
                break;
            }
            if !cursor.goto_parent() {
                return out;
            }
        }
    }
}

fn extract(node: Node, text: &str, language: Language) -> Option<Construct> {
    use Language::*;
    match (language, node.kind()) {
        (Rust, "match_expression") => rust_match(node, text),
        (Python, "match_statement") => python_match(node, text),
        (Python, "if_statement") => python_if_chain(node, text),
        (Go, "expression_switch_statement") => go_switch(node, text),
        (JavaScript | TypeScript | Tsx, "switch_statement") => js_switch(node, text, language),
        (Java, "switch_expression") => java_switch(node, text),
        (Java, "if_statement") => java_if_chain(node, text),
        (CSharp, "switch_statement") => csharp_switch(node, text),
        (CSharp, "switch_expression") => csharp_switch_expression(node, text),
        (Kotlin, "when_expression") => kotlin_when(node, text),
        (Php, "switch_statement") => php_switch(node, text),
        (Php, "match_expression") => php_match(node, text),
        _ => None,
    }
}

/// Node kinds of plain string literals, per language.
fn is_string_literal(language: Language, kind: &str) -> bool {
    use Language::*;
    match language {
        Rust => matches!(kind, "string_literal" | "raw_string_literal"),
        Python | JavaScript | TypeScript | Tsx => kind == "string",
        Go => matches!(kind, "interpreted_string_literal" | "raw_string_literal"),
        Java => kind == "string_literal",
        CSharp => matches!(kind, "string_literal" | "verbatim_string_literal" | "raw_string_literal"),
        Kotlin => kind == "string_literal",
        Php => matches!(kind, "string" | "encapsed_string"),
        _ => false,
    }
}

/// The literal's content (between the quotes) and its range.
fn label_of(node: Node, text: &str) -> Option<Label> {
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
    Some(Label { value: text[start..end].to_owned(), range: start..end })
}

/// Labels of every string literal under `node`, skipping subtrees for which `skip` holds.
fn collect_labels(
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

fn labels_in(node: Node, text: &str, language: Language, skip: &dyn Fn(Node) -> bool) -> Vec<Label> {
    let mut out = Vec::new();
    collect_labels(node, text, language, skip, &mut out);
    out
}

/// Labels of a `case` value that is a literal (or a list of literals): `case code === "A":` in
/// a `switch (true)` tests a condition, and new `case "B":` labels would never match there.
fn literal_labels(node: Node, text: &str, language: Language) -> Vec<Label> {
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
        _ => Vec::new(),
    }
}

fn no_skip(_: Node) -> bool {
    false
}

/// The expression inside parentheses, or the node itself.
fn unparenthesize(node: Node) -> Node {
    let mut node = node;
    while node.kind() == "parenthesized_expression" {
        match node.named_child(0) {
            Some(inner) => node = inner,
            None => break,
        }
    }
    node
}

fn keyword_range(node: Node, keyword: &str) -> Range<usize> {
    let mut cursor = node.walk();
    let found = node.children(&mut cursor).find(|c| c.kind() == keyword).map(|c| c.byte_range());
    found.unwrap_or(node.start_byte()..node.start_byte() + keyword.len().min(node.byte_range().len()))
}

fn named_children<'t>(node: Node<'t>) -> Vec<Node<'t>> {
    let mut cursor = node.walk();
    node.named_children(&mut cursor).collect()
}

fn children<'t>(node: Node<'t>) -> Vec<Node<'t>> {
    let mut cursor = node.walk();
    node.children(&mut cursor).collect()
}

fn is_binding_name(pattern: &str) -> bool {
    let pattern = pattern.trim();
    pattern == "_"
        || (pattern.starts_with(|c: char| c.is_lowercase() || c == '_')
            && pattern.chars().all(|c| c.is_alphanumeric() || c == '_'))
}

// ---------------------------------------------------------------------------------------------
// Rust

fn rust_match(node: Node, text: &str) -> Option<Construct> {
    let subject = node.child_by_field_name("value")?;
    let body = node.child_by_field_name("body")?;
    let arms: Vec<Node> = named_children(body).into_iter().filter(|n| n.kind() == "match_arm").collect();
    let branches = arms
        .iter()
        .map(|arm| {
            let pattern = arm.child_by_field_name("pattern");
            let guard = pattern.and_then(|p| p.child_by_field_name("condition"));
            let labels = pattern
                .map(|p| labels_in(p, text, Language::Rust, &|n| Some(n) == guard))
                .unwrap_or_default();
            let pattern_text = match (pattern, guard) {
                (Some(p), None) => &text[p.byte_range()],
                _ => "",
            };
            Branch {
                range: arm.byte_range(),
                labels,
                is_default: guard.is_none() && is_binding_name(pattern_text),
                guarded: guard.is_some(),
                pattern: pattern.filter(|_| guard.is_none()).map(|p| p.byte_range()),
            }
        })
        .collect();
    let mut construct = new_construct(node, Language::Rust, ConstructKind::Match, ArmForm::RustArm);
    construct.keyword = keyword_range(node, "match");
    construct.subject = Some(subject.byte_range());
    construct.branches = branches;
    construct.insertion = list_insertion(text, &construct, body.end_byte(), &arms, |arm| {
        // An arm needs a `,` after it unless it already ends with one or with a block.
        let arm_text = &text[arm.byte_range()];
        (!arm_text.ends_with(',') && !arm_text.ends_with('}')).then_some(arm.end_byte())
    });
    Some(construct)
}

// ---------------------------------------------------------------------------------------------
// Python

fn python_match(node: Node, text: &str) -> Option<Construct> {
    let subject = node.child_by_field_name("subject")?;
    let body = node.child_by_field_name("body")?;
    let cases: Vec<Node> = named_children(body).into_iter().filter(|n| n.kind() == "case_clause").collect();
    let branches = cases
        .iter()
        .map(|case| {
            let guard = case.child_by_field_name("guard");
            let patterns: Vec<Node> =
                named_children(*case).into_iter().filter(|n| n.kind() == "case_pattern").collect();
            let labels =
                patterns.iter().flat_map(|p| labels_in(*p, text, Language::Python, &no_skip)).collect();
            let irrefutable = patterns.len() == 1 && is_binding_name(&text[patterns[0].byte_range()]);
            Branch {
                range: case.byte_range(),
                labels,
                is_default: guard.is_none() && irrefutable,
                guarded: guard.is_some(),
                pattern: (patterns.len() == 1 && guard.is_none()).then(|| patterns[0].byte_range()),
            }
        })
        .collect();
    let mut construct = new_construct(node, Language::Python, ConstructKind::Match, ArmForm::PythonCase);
    construct.keyword = keyword_range(node, "match");
    construct.subject = Some(subject.byte_range());
    construct.branches = branches;
    // Python blocks have no closing delimiter: new cases always go on lines of their own.
    construct.insertion = list_insertion(text, &construct, usize::MAX, &cases, |_| None);
    Some(construct)
}

/// `if code == "A": … elif code in ("B", "C"): … else: …`: every clause compares the same
/// expression with literals, and there are at least two such clauses.
fn python_if_chain(node: Node, text: &str) -> Option<Construct> {
    let mut subject: Option<Range<usize>> = None;
    let mut branches = Vec::new();
    let mut clause_nodes = Vec::new();
    let mut else_clause = None;
    let first_labels = python_condition(node.child_by_field_name("condition")?, text, &mut subject)?;
    let if_end = node.child_by_field_name("consequence")?.end_byte();
    branches.push(Branch {
        range: node.start_byte()..if_end,
        labels: first_labels,
        is_default: false,
        guarded: false,
        pattern: None,
    });
    clause_nodes.push(node);
    let mut cursor = node.walk();
    for alternative in node.children_by_field_name("alternative", &mut cursor) {
        match alternative.kind() {
            "elif_clause" => {
                let labels =
                    python_condition(alternative.child_by_field_name("condition")?, text, &mut subject)?;
                branches.push(Branch {
                    range: alternative.byte_range(),
                    labels,
                    is_default: false,
                    guarded: false,
                    pattern: None,
                });
                clause_nodes.push(alternative);
            }
            "else_clause" => {
                branches.push(Branch {
                    range: alternative.byte_range(),
                    labels: Vec::new(),
                    is_default: true,
                    guarded: false,
                    pattern: None,
                });
                else_clause = Some(alternative);
            }
            _ => return None,
        }
    }
    if clause_nodes.len() < 2 {
        return None;
    }
    let mut construct = new_construct(node, Language::Python, ConstructKind::IfChain, ArmForm::PythonElif);
    construct.keyword = keyword_range(node, "if");
    construct.subject = subject;
    construct.arm_indent = line_indent(text, node.start_byte()).to_owned();
    construct.indent_unit = indent_unit(text, &construct.arm_indent, node.byte_range(), "");
    construct.branches = branches;
    construct.insertion = Some(match else_clause {
        Some(else_clause) => before(text, else_clause.start_byte()),
        None => after(text, node.end_byte(), usize::MAX),
    });
    Some(construct)
}

/// The literals a Python condition compares `subject` with: `s == "A"`, `"A" == s`,
/// `s in ("A", "B")`, and `or` of those. Any other shape is not a code test.
fn python_condition(node: Node, text: &str, subject: &mut Option<Range<usize>>) -> Option<Vec<Label>> {
    let node = unparenthesize(node);
    match node.kind() {
        "boolean_operator" => {
            let operator = node.child_by_field_name("operator")?;
            if operator.kind() != "or" {
                return None;
            }
            let mut labels = python_condition(node.child_by_field_name("left")?, text, subject)?;
            labels.extend(python_condition(node.child_by_field_name("right")?, text, subject)?);
            Some(labels)
        }
        "comparison_operator" => {
            let operands = named_children(node);
            let operators: Vec<&str> = {
                let mut cursor = node.walk();
                node.children_by_field_name("operators", &mut cursor).map(|o| o.kind()).collect()
            };
            let [left, right] = operands.as_slice() else { return None };
            match operators.as_slice() {
                ["=="] => {
                    let (expr, literal) = if left.kind() == "string" { (right, left) } else { (left, right) };
                    if literal.kind() != "string" {
                        return None;
                    }
                    same_subject(subject, expr.byte_range(), text)?;
                    Some(vec![label_of(*literal, text)?])
                }
                ["in"] => {
                    if !matches!(right.kind(), "tuple" | "list" | "set") {
                        return None;
                    }
                    let items = named_children(*right);
                    if items.is_empty() || items.iter().any(|i| i.kind() != "string") {
                        return None;
                    }
                    same_subject(subject, left.byte_range(), text)?;
                    items.iter().map(|i| label_of(*i, text)).collect()
                }
                _ => None,
            }
        }
        _ => None,
    }
}

/// Records the chain's subject, or checks that `range` spells the same expression.
fn same_subject(subject: &mut Option<Range<usize>>, range: Range<usize>, text: &str) -> Option<()> {
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

// ---------------------------------------------------------------------------------------------
// Go

fn go_switch(node: Node, text: &str) -> Option<Construct> {
    let subject = node.child_by_field_name("value")?;
    let cases: Vec<Node> = named_children(node)
        .into_iter()
        .filter(|n| matches!(n.kind(), "expression_case" | "default_case"))
        .collect();
    let branches = cases
        .iter()
        .map(|case| Branch {
            range: case.byte_range(),
            labels: case
                .child_by_field_name("value")
                .map(|v| literal_labels(v, text, Language::Go))
                .unwrap_or_default(),
            is_default: case.kind() == "default_case",
            guarded: false,
            pattern: None,
        })
        .collect();
    let mut construct = new_construct(node, Language::Go, ConstructKind::Switch, ArmForm::GoCase);
    construct.keyword = keyword_range(node, "switch");
    construct.subject = Some(subject.byte_range());
    construct.branches = branches;
    construct.insertion = case_insertion(text, &construct, node.end_byte(), &cases, |case| {
        let statements = named_children(*case)
            .into_iter()
            .filter(|n| n.kind() == "statement_list")
            .flat_map(named_children);
        statements.last().is_some_and(|last| last.kind() == "fallthrough_statement")
    });
    Some(construct)
}

// ---------------------------------------------------------------------------------------------
// JavaScript, TypeScript, TSX

fn js_switch(node: Node, text: &str, language: Language) -> Option<Construct> {
    let subject = unparenthesize(node.child_by_field_name("value")?);
    let body = node.child_by_field_name("body")?;
    let cases: Vec<Node> = named_children(body)
        .into_iter()
        .filter(|n| matches!(n.kind(), "switch_case" | "switch_default"))
        .collect();
    let branches = cases
        .iter()
        .map(|case| Branch {
            range: case.byte_range(),
            labels: case
                .child_by_field_name("value")
                .map(|v| literal_labels(v, text, language))
                .unwrap_or_default(),
            is_default: case.kind() == "switch_default",
            guarded: false,
            pattern: None,
        })
        .collect();
    let mut construct = new_construct(node, language, ConstructKind::Switch, ArmForm::ColonCase);
    construct.keyword = keyword_range(node, "switch");
    construct.subject = Some(subject.byte_range());
    construct.branches = branches;
    construct.insertion = case_insertion(text, &construct, body.end_byte(), &cases, |case| {
        let mut cursor = case.walk();
        let statements: Vec<Node> = case.children_by_field_name("body", &mut cursor).collect();
        falls_through(statements.last().copied())
    });
    Some(construct)
}

/// Whether control can run past the end of a case whose last statement is `last`.
fn falls_through(last: Option<Node>) -> bool {
    let Some(node) = last else { return true };
    match node.kind() {
        "block" | "statement_block" => {
            falls_through(named_children(node).into_iter().rfind(|n| !n.kind().contains("comment")))
        }
        "break_statement" | "return_statement" | "throw_statement" | "continue_statement"
        | "yield_statement" | "goto_statement" => false,
        "expression_statement" => !is_throw_expression(node),
        _ => true,
    }
}

/// C# `throw` is an expression statement in some positions.
fn is_throw_expression(node: Node) -> bool {
    node.named_child(0).is_some_and(|n| n.kind() == "throw_expression")
}

// ---------------------------------------------------------------------------------------------
// Java

fn java_switch(node: Node, text: &str) -> Option<Construct> {
    let subject = unparenthesize(node.child_by_field_name("condition")?);
    let body = node.child_by_field_name("body")?;
    let groups: Vec<Node> = named_children(body)
        .into_iter()
        .filter(|n| matches!(n.kind(), "switch_block_statement_group" | "switch_rule"))
        .collect();
    let arrows = groups.iter().any(|g| g.kind() == "switch_rule");
    let branches = groups
        .iter()
        .map(|group| {
            let labels_nodes: Vec<Node> =
                named_children(*group).into_iter().filter(|n| n.kind() == "switch_label").collect();
            let guarded = labels_nodes.iter().any(|l| named_children(*l).iter().any(|c| c.kind() == "guard"));
            let labels = labels_nodes.iter().flat_map(|l| literal_labels(*l, text, Language::Java)).collect();
            let is_default = labels_nodes.iter().any(|l| {
                let mut cursor = l.walk();
                l.children(&mut cursor).any(|c| c.kind() == "default")
            });
            Branch { range: group.byte_range(), labels, is_default, guarded, pattern: None }
        })
        .collect();
    let (kind, form) = if arrows {
        (ConstructKind::SwitchExpression, ArmForm::JavaRule)
    } else {
        (ConstructKind::Switch, ArmForm::ColonCase)
    };
    let mut construct = new_construct(node, Language::Java, kind, form);
    construct.keyword = keyword_range(node, "switch");
    construct.subject = Some(subject.byte_range());
    construct.branches = branches;
    construct.insertion = if arrows {
        list_insertion(text, &construct, body.end_byte(), &groups, |_| None)
    } else {
        case_insertion(text, &construct, body.end_byte(), &groups, |group| {
            falls_through(
                named_children(*group)
                    .into_iter()
                    .rfind(|n| n.kind() != "switch_label" && !n.kind().contains("comment")),
            )
        })
    };
    Some(construct)
}

/// `if (code.equals("A")) {…} else if ("B".equals(code) || code.equals("C")) {…} else {…}`.
fn java_if_chain(node: Node, text: &str) -> Option<Construct> {
    // Only the head of a chain: an `if` that is another `if`'s `else` belongs to that chain.
    if node
        .parent()
        .is_some_and(|p| p.kind() == "if_statement" && p.child_by_field_name("alternative") == Some(node))
    {
        return None;
    }
    let mut subject = None;
    let mut literal_first = None;
    let mut branches = Vec::new();
    let mut current = node;
    let mut last_consequence;
    loop {
        let condition = current.child_by_field_name("condition")?;
        let labels = java_condition(unparenthesize(condition), text, &mut subject, &mut literal_first)?;
        let consequence = current.child_by_field_name("consequence")?;
        last_consequence = consequence;
        branches.push(Branch {
            range: current.start_byte()..consequence.end_byte(),
            labels,
            is_default: false,
            guarded: false,
            pattern: None,
        });
        match current.child_by_field_name("alternative") {
            Some(next) if next.kind() == "if_statement" => current = next,
            Some(other) => {
                branches.push(Branch {
                    range: other.byte_range(),
                    labels: Vec::new(),
                    is_default: true,
                    guarded: false,
                    pattern: None,
                });
                break;
            }
            None => break,
        }
    }
    if branches.iter().filter(|b| !b.is_default).count() < 2 {
        return None;
    }
    let mut construct = new_construct(node, Language::Java, ConstructKind::IfChain, ArmForm::JavaElseIf);
    construct.keyword = keyword_range(node, "if");
    construct.subject = subject;
    construct.literal_first = literal_first.unwrap_or(false);
    construct.arm_indent = line_indent(text, node.start_byte()).to_owned();
    construct.indent_unit = indent_unit(text, &construct.arm_indent, node.byte_range(), "");
    construct.branches = branches;
    construct.insertion = (last_consequence.kind() == "block").then(|| Insertion {
        offset: last_consequence.end_byte(),
        mode: InsertMode::AfterBlock,
        comma_at: None,
    });
    Some(construct)
}

fn java_condition(
    node: Node,
    text: &str,
    subject: &mut Option<Range<usize>>,
    literal_first: &mut Option<bool>,
) -> Option<Vec<Label>> {
    match node.kind() {
        "binary_expression" => {
            if node.child_by_field_name("operator")?.kind() != "||" {
                return None;
            }
            let mut labels = java_condition(
                unparenthesize(node.child_by_field_name("left")?),
                text,
                subject,
                literal_first,
            )?;
            labels.extend(java_condition(
                unparenthesize(node.child_by_field_name("right")?),
                text,
                subject,
                literal_first,
            )?);
            Some(labels)
        }
        "method_invocation" => {
            let name = node.child_by_field_name("name")?;
            if &text[name.byte_range()] != "equals" {
                return None;
            }
            let object = node.child_by_field_name("object")?;
            let arguments = named_children(node.child_by_field_name("arguments")?);
            let [argument] = arguments.as_slice() else { return None };
            let (expr, literal, first) = if object.kind() == "string_literal" {
                (*argument, object, true)
            } else {
                (object, *argument, false)
            };
            if literal.kind() != "string_literal" {
                return None;
            }
            same_subject(subject, expr.byte_range(), text)?;
            literal_first.get_or_insert(first);
            Some(vec![label_of(literal, text)?])
        }
        _ => None,
    }
}

// ---------------------------------------------------------------------------------------------
// C#

fn csharp_switch(node: Node, text: &str) -> Option<Construct> {
    let subject = unparenthesize(node.child_by_field_name("value")?);
    let body = node.child_by_field_name("body")?;
    let sections: Vec<Node> =
        named_children(body).into_iter().filter(|n| n.kind() == "switch_section").collect();
    let is_statement = |n: &Node| n.kind().ends_with("_statement") || n.kind() == "block";
    let branches = sections
        .iter()
        .map(|section| {
            let all = children(*section);
            let guarded = all.iter().any(|c| c.kind() == "when_clause");
            let labels = all
                .iter()
                .filter(|c| !is_statement(c))
                .flat_map(|c| literal_labels(*c, text, Language::CSharp))
                .collect();
            Branch {
                range: section.byte_range(),
                labels,
                is_default: all.iter().any(|c| c.kind() == "default"),
                guarded,
                pattern: None,
            }
        })
        .collect();
    let mut construct = new_construct(node, Language::CSharp, ConstructKind::Switch, ArmForm::ColonCase);
    construct.keyword = keyword_range(node, "switch");
    construct.subject = Some(subject.byte_range());
    construct.branches = branches;
    construct.insertion = case_insertion(text, &construct, body.end_byte(), &sections, |section| {
        falls_through(named_children(*section).into_iter().rfind(is_statement))
    });
    Some(construct)
}

fn csharp_switch_expression(node: Node, text: &str) -> Option<Construct> {
    let subject = node.named_child(0)?;
    let arms: Vec<Node> =
        named_children(node).into_iter().filter(|n| n.kind() == "switch_expression_arm").collect();
    let branches = arms
        .iter()
        .map(|arm| {
            let pattern = arm.named_child(0);
            let guarded = named_children(*arm).iter().any(|c| c.kind() == "when_clause");
            let labels = pattern.map(|p| labels_in(p, text, Language::CSharp, &no_skip)).unwrap_or_default();
            let is_default =
                !guarded && pattern.is_some_and(|p| p.kind() == "discard" || &text[p.byte_range()] == "_");
            Branch {
                range: arm.byte_range(),
                labels,
                is_default,
                guarded,
                pattern: pattern.map(|p| p.byte_range()),
            }
        })
        .collect();
    let mut construct =
        new_construct(node, Language::CSharp, ConstructKind::SwitchExpression, ArmForm::CSharpArm);
    construct.keyword = keyword_range(node, "switch");
    construct.subject = Some(subject.byte_range());
    construct.branches = branches;
    construct.insertion = list_insertion(text, &construct, node.end_byte(), &arms, |arm| {
        // Arms are separated by `,`, which is a sibling of the arm node, not part of it.
        let rest = &text[arm.end_byte()..];
        (!rest.trim_start().starts_with(',')).then_some(arm.end_byte())
    });
    Some(construct)
}

// ---------------------------------------------------------------------------------------------
// Kotlin

/// `when (subject) { "A", "B" -> …; else -> … }`; a `when` without a subject tests conditions,
/// not values, and is not a construct here.
fn kotlin_when(node: Node, text: &str) -> Option<Construct> {
    let subject = named_children(node).into_iter().find(|n| n.kind() == "when_subject")?;
    let subject = named_children(subject).into_iter().last()?;
    let entries: Vec<Node> = named_children(node).into_iter().filter(|n| n.kind() == "when_entry").collect();
    let branches = entries
        .iter()
        .map(|entry| {
            let mut cursor = entry.walk();
            let labels = entry
                .children_by_field_name("condition", &mut cursor)
                .flat_map(|c| literal_labels(c, text, Language::Kotlin))
                .collect();
            let is_default = children(*entry).iter().any(|c| c.kind() == "else");
            Branch { range: entry.byte_range(), labels, is_default, guarded: false, pattern: None }
        })
        .collect();
    let mut construct = new_construct(node, Language::Kotlin, ConstructKind::Match, ArmForm::KotlinEntry);
    construct.keyword = keyword_range(node, "when");
    construct.subject = Some(subject.byte_range());
    construct.branches = branches;
    construct.insertion = list_insertion(text, &construct, node.end_byte(), &entries, |_| None);
    Some(construct)
}

// ---------------------------------------------------------------------------------------------
// PHP

fn php_switch(node: Node, text: &str) -> Option<Construct> {
    let subject = unparenthesize(node.child_by_field_name("condition")?);
    let body = node.child_by_field_name("body")?;
    let cases: Vec<Node> = named_children(body)
        .into_iter()
        .filter(|n| matches!(n.kind(), "case_statement" | "default_statement"))
        .collect();
    let branches = cases
        .iter()
        .map(|case| Branch {
            range: case.byte_range(),
            labels: case
                .child_by_field_name("value")
                .map(|v| literal_labels(v, text, Language::Php))
                .unwrap_or_default(),
            is_default: case.kind() == "default_statement",
            guarded: false,
            pattern: None,
        })
        .collect();
    let mut construct = new_construct(node, Language::Php, ConstructKind::Switch, ArmForm::ColonCase);
    construct.keyword = keyword_range(node, "switch");
    construct.subject = Some(subject.byte_range());
    construct.branches = branches;
    construct.insertion = case_insertion(text, &construct, body.end_byte(), &cases, |case| {
        let value = case.child_by_field_name("value");
        falls_through(
            named_children(*case).into_iter().rfind(|n| Some(*n) != value && !n.kind().contains("comment")),
        )
    });
    Some(construct)
}

fn php_match(node: Node, text: &str) -> Option<Construct> {
    let subject = unparenthesize(node.child_by_field_name("condition")?);
    let body = node.child_by_field_name("body")?;
    let arms: Vec<Node> = named_children(body)
        .into_iter()
        .filter(|n| matches!(n.kind(), "match_conditional_expression" | "match_default_expression"))
        .collect();
    let branches = arms
        .iter()
        .map(|arm| Branch {
            range: arm.byte_range(),
            labels: arm
                .child_by_field_name("conditional_expressions")
                .map(|c| literal_labels(c, text, Language::Php))
                .unwrap_or_default(),
            is_default: arm.kind() == "match_default_expression",
            guarded: false,
            pattern: None,
        })
        .collect();
    let mut construct =
        new_construct(node, Language::Php, ConstructKind::SwitchExpression, ArmForm::PhpMatchArm);
    construct.keyword = keyword_range(node, "match");
    construct.subject = Some(subject.byte_range());
    construct.branches = branches;
    construct.insertion = list_insertion(text, &construct, body.end_byte(), &arms, |arm| {
        let rest = &text[arm.end_byte()..];
        (!rest.trim_start().starts_with(',')).then_some(arm.end_byte())
    });
    Some(construct)
}

// ---------------------------------------------------------------------------------------------
// Layout: indentation and insertion points

fn new_construct(node: Node, language: Language, kind: ConstructKind, form: ArmForm) -> Construct {
    Construct {
        language,
        kind,
        form,
        range: node.byte_range(),
        keyword: node.start_byte()..node.start_byte(),
        subject: None,
        branches: Vec::new(),
        insertion: None,
        arm_indent: String::new(),
        indent_unit: String::new(),
        quote: '"',
        literal_first: false,
        crlf: false,
        pattern_wrap: None,
    }
}

/// Fills in indentation and quotes once the branches are known.
fn finish_layout(text: &str, construct: &mut Construct) {
    construct.crlf = text[construct.range.clone()].contains("\r\n");
    construct.pattern_wrap = pattern_wrap(text, construct);
    // If-chains set their own layout: their branches align with the `if`.
    if construct.kind != ConstructKind::IfChain {
        let keyword_indent = line_indent(text, construct.range.start);
        let arm_indent = match construct.branches.first() {
            Some(first) if starts_line(text, first.range.start) => {
                line_indent(text, first.range.start).to_owned()
            }
            _ => format!("{keyword_indent}{}", fallback_unit(text)),
        };
        construct.indent_unit = indent_unit(text, &arm_indent, construct.range.clone(), keyword_indent);
        construct.arm_indent = arm_indent;
    }
    let first_label = construct.labels().next().map(|(_, l)| l.range.start);
    if let Some(start) = first_label
        && let Some(q @ ('"' | '\'')) = text[..start].chars().next_back()
    {
        construct.quote = q;
    }
}

/// The text around the literal in the first unguarded single-literal pattern, when there is any.
fn pattern_wrap(text: &str, construct: &Construct) -> Option<(String, String)> {
    let branch =
        construct.branches.iter().find(|b| !b.guarded && b.labels.len() == 1 && b.pattern.is_some())?;
    let pattern = branch.pattern.clone()?;
    let label = &branch.labels[0].range;
    let quote_at = label.start.checked_sub(1)?;
    let (open, close) = (text.as_bytes().get(quote_at)?, text.as_bytes().get(label.end)?);
    // Prefixed and raw literals (`r#"…"#`) are left alone: only a plain quote pair is replaced.
    if !matches!(open, b'"' | b'\'')
        || open != close
        || quote_at < pattern.start
        || label.end + 1 > pattern.end
    {
        return None;
    }
    let before = &text[pattern.start..quote_at];
    let after = &text[label.end + 1..pattern.end];
    (!before.is_empty() || !after.is_empty()).then(|| (before.to_owned(), after.to_owned()))
}

/// The leading whitespace of the line holding `offset`.
fn line_indent(text: &str, offset: usize) -> &str {
    let start = line_start(text, offset);
    let line = &text[start..];
    let len = line.len() - line.trim_start_matches([' ', '\t']).len();
    &line[..len]
}

fn line_start(text: &str, offset: usize) -> usize {
    text[..offset].rfind('\n').map_or(0, |i| i + 1)
}

/// Whether only whitespace precedes `offset` on its line.
fn starts_line(text: &str, offset: usize) -> bool {
    text[line_start(text, offset)..offset].trim().is_empty()
}

/// One level of indentation: the smallest step beyond `arm_indent` found on the construct's
/// lines, else the step from the keyword's line to the arms, else the file's habit.
fn indent_unit(text: &str, arm_indent: &str, range: Range<usize>, keyword_indent: &str) -> String {
    let mut best: Option<&str> = None;
    for line in text[range].lines().skip(1) {
        if line.trim().is_empty() {
            continue;
        }
        let indent = &line[..line.len() - line.trim_start_matches([' ', '\t']).len()];
        if let Some(extra) = indent.strip_prefix(arm_indent)
            && !extra.is_empty()
            && best.is_none_or(|b| extra.len() < b.len())
        {
            best = Some(extra);
        }
    }
    if let Some(best) = best {
        return best.to_owned();
    }
    match arm_indent.strip_prefix(keyword_indent) {
        Some(step) if !step.is_empty() => step.to_owned(),
        _ => fallback_unit(text).to_owned(),
    }
}

fn fallback_unit(text: &str) -> &'static str {
    if text.lines().any(|l| l.starts_with('\t')) { "\t" } else { "    " }
}

/// Insertion before the branch starting at `offset`.
fn before(text: &str, offset: usize) -> Insertion {
    if starts_line(text, offset) {
        Insertion { offset: line_start(text, offset), mode: InsertMode::LineStart, comma_at: None }
    } else {
        Insertion { offset, mode: InsertMode::BeforeToken, comma_at: None }
    }
}

/// Insertion after the branch ending at `end`, in a construct that closes at `close`.
fn after(text: &str, end: usize, close: usize) -> Insertion {
    // Some grammars end a branch after the line break that terminates its last statement (Go).
    let end = text[..end].trim_end().len();
    let line_end = text[end..].find('\n').map_or(text.len(), |i| end + i);
    if close <= line_end {
        return Insertion { offset: end, mode: InsertMode::AfterToken, comma_at: None };
    }
    if line_end == text.len() {
        // The last line has no newline: a line break is added by the arm writer.
        return Insertion { offset: line_end, mode: InsertMode::AfterToken, comma_at: None };
    }
    Insertion { offset: line_end + 1, mode: InsertMode::LineStart, comma_at: None }
}

/// Where new arms go in constructs without fall-through: before the default, else at the end.
/// `comma` says where the last arm lacks a separator.
fn list_insertion(
    text: &str,
    construct: &Construct,
    close: usize,
    nodes: &[Node],
    comma: impl Fn(&Node) -> Option<usize>,
) -> Option<Insertion> {
    if let Some(index) = construct.branches.iter().position(|b| b.is_default) {
        return Some(before(text, construct.branches[index].range.start));
    }
    let last = nodes.last()?;
    let mut insertion = after(text, last.end_byte(), close.saturating_sub(1));
    insertion.comma_at = comma(last);
    Some(insertion)
}

/// Where new cases go in `switch`es whose cases may fall through: before the default or at the
/// end, unless the case there runs into it; then at the top, where nothing runs into them.
fn case_insertion(
    text: &str,
    construct: &Construct,
    close: usize,
    nodes: &[Node],
    runs_on: impl Fn(&Node) -> bool,
) -> Option<Insertion> {
    let first = nodes.first()?;
    let (previous, insertion) = match construct.branches.iter().position(|b| b.is_default) {
        Some(index) => (index.checked_sub(1).map(|i| nodes[i]), before(text, nodes[index].start_byte())),
        None => {
            let last = nodes.last()?;
            (Some(*last), after(text, last.end_byte(), close.saturating_sub(1)))
        }
    };
    if previous.as_ref().is_some_and(runs_on) {
        return Some(before(text, first.start_byte()));
    }
    Some(insertion)
}
