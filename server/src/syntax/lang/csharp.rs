//! C#: `switch` statements and `switch` expressions.
//!
//! **Invariant:** this grammar's node names stay here; the result is a language-neutral
//! [`Construct`].

use tree_sitter::Node;

use crate::syntax::Language;
use crate::syntax::layout::*;
use crate::syntax::model::{ArmForm, Branch, Construct, ConstructKind};
use crate::syntax::nodes::*;

/// Node kinds of plain string literals.
pub const STRINGS: &[&str] = &["string_literal", "verbatim_string_literal", "raw_string_literal"];

pub fn csharp_switch(node: Node, text: &str) -> Option<Construct> {
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

pub fn csharp_switch_expression(node: Node, text: &str) -> Option<Construct> {
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
