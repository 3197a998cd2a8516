//! Python: `match` statements and `if`/`elif` chains.
//!
//! **Invariant:** this grammar's node names stay here; the result is a language-neutral
//! [`Construct`].

use std::ops::Range;

use tree_sitter::Node;

use crate::syntax::Language;
use crate::syntax::layout::*;
use crate::syntax::model::{ArmForm, Branch, Construct, ConstructKind, Label};
use crate::syntax::nodes::*;

/// Node kinds of plain string literals.
pub const STRINGS: &[&str] = &["string"];

pub fn python_match(node: Node, text: &str) -> Option<Construct> {
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
pub fn python_if_chain(node: Node, text: &str) -> Option<Construct> {
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
pub fn python_condition(node: Node, text: &str, subject: &mut Option<Range<usize>>) -> Option<Vec<Label>> {
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
