//! Java: `switch` (colon groups and arrow rules) and `equals` if-chains.
//!
//! **Invariant:** this grammar's node names stay here; the result is a language-neutral
//! [`Construct`].

use std::ops::Range;

use tree_sitter::Node;

use crate::syntax::Language;
use crate::syntax::layout::*;
use crate::syntax::model::{ArmForm, Branch, Construct, ConstructKind, InsertMode, Insertion, Label};
use crate::syntax::nodes::*;

/// Node kinds of plain string literals.
pub const STRINGS: &[&str] = &["string_literal"];

pub fn java_switch(node: Node, text: &str) -> Option<Construct> {
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
pub fn java_if_chain(node: Node, text: &str) -> Option<Construct> {
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

pub fn java_condition(
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
