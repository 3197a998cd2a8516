//! PHP: `switch` statements and `match` expressions.
//!
//! **Invariant:** this grammar's node names stay here; the result is a language-neutral
//! [`Construct`].

use tree_sitter::Node;

use crate::syntax::Language;
use crate::syntax::layout::*;
use crate::syntax::model::{ArmForm, Branch, Construct, ConstructKind};
use crate::syntax::nodes::*;

/// Node kinds of plain string literals.
pub const STRINGS: &[&str] = &["string", "encapsed_string"];

pub fn php_switch(node: Node, text: &str) -> Option<Construct> {
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

pub fn php_match(node: Node, text: &str) -> Option<Construct> {
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
