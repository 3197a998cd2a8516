//! Rust: `match` expressions and `if`/`else if` chains.
//!
//! **Invariant:** this grammar's node names stay here; the result is a language-neutral
//! [`Construct`].

use tree_sitter::Node;

use crate::syntax::Language;
use crate::syntax::chain::{ChainSyntax, Clause, Test, binary_test, chain};
use crate::syntax::layout::*;
use crate::syntax::model::{ArmForm, Branch, Construct, ConstructKind};
use crate::syntax::nodes::*;
use crate::syntax::table::table;

/// Node kinds of plain string literals.
pub const STRINGS: &[&str] = &["string_literal", "raw_string_literal"];

pub fn rust_match(node: Node, text: &str) -> Option<Construct> {
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
                verdict: arm.child_by_field_name("value").and_then(|v| verdict_of(text, v.byte_range())),
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

const CHAIN: ChainSyntax = ChainSyntax { language: Language::Rust, form: ArmForm::RustElseIf, test };

/// `if code == "A" { … } else if ["B", "C"].contains(&code) { … } else { … }`.
pub fn rust_if_chain(node: Node, text: &str) -> Option<Construct> {
    // Only the head of a chain: an `if` in an `else` belongs to the chain above it.
    if node.parent().is_some_and(|p| p.kind() == "else_clause") {
        return None;
    }
    let mut clauses = Vec::new();
    let mut current = node;
    loop {
        let condition = current.child_by_field_name("condition")?;
        if condition.kind() == "let_condition" || condition.kind() == "let_chain" {
            return None;
        }
        clauses.push(Clause {
            start: current.start_byte(),
            condition: Some(condition),
            body: current.child_by_field_name("consequence")?,
        });
        let Some(alternative) = current.child_by_field_name("alternative") else { break };
        let next = alternative.named_child(0)?;
        if next.kind() == "if_expression" {
            current = next;
        } else {
            clauses.push(Clause { start: alternative.start_byte(), condition: None, body: next });
            break;
        }
    }
    chain(node, text, &clauses, &CHAIN)
}

fn test<'t>(node: Node<'t>, text: &str) -> Test<'t> {
    match node.kind() {
        "parenthesized_expression" => node.named_child(0).map_or(Test::Other, Test::Group),
        "binary_expression" => binary_test(node, text),
        "unary_expression" if text[node.byte_range()].starts_with('!') => {
            node.named_child(0).map_or(Test::Other, Test::Not)
        }
        // `["A", "B"].contains(&code)`, `code.eq("A")`.
        "call_expression" => {
            let (Some(function), Some(arguments)) =
                (node.child_by_field_name("function"), node.child_by_field_name("arguments"))
            else {
                return Test::Other;
            };
            let (Some(object), Some(method)) =
                (function.child_by_field_name("value"), function.child_by_field_name("field"))
            else {
                return Test::Other;
            };
            let arguments = named_children(arguments);
            let [argument] = arguments.as_slice() else { return Test::Other };
            let argument = unreference(*argument);
            match (&text[method.byte_range()], object.kind()) {
                ("contains", "array_expression") => Test::In(argument, named_children(object)),
                ("eq" | "eq_ignore_ascii_case", _) => Test::Equals(object, argument),
                _ => Test::Other,
            }
        }
        _ => Test::Other,
    }
}

/// `&code` → `code`.
fn unreference(node: Node) -> Node {
    match node.kind() {
        "reference_expression" => node.child_by_field_name("value").unwrap_or(node),
        _ => node,
    }
}

/// `HashMap::from([("AIS.0101", "…"), ("AIS.0102", "…")])` (and `BTreeMap`, `IndexMap`).
pub fn rust_map(node: Node, text: &str) -> Option<Construct> {
    let function = &text[node.child_by_field_name("function")?.byte_range()];
    if !matches!(function, "HashMap::from" | "BTreeMap::from" | "IndexMap::from") {
        return None;
    }
    let list = node.child_by_field_name("arguments")?.named_child(0)?;
    if list.kind() != "array_expression" {
        return None;
    }
    let entries = entries_of(list, |child| {
        let pair = named_children(child);
        match (child.kind(), pair.as_slice()) {
            ("tuple_expression", [key, value]) => Some((*key, *value)),
            _ => None,
        }
    })?;
    table(node, text, Language::Rust, ArmForm::RustTupleEntry, &entries)
}
