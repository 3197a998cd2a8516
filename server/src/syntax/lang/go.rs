//! Go: expression `switch` statements.
//!
//! **Invariant:** this grammar's node names stay here; the result is a language-neutral
//! [`Construct`].

use tree_sitter::Node;

use crate::syntax::Language;
use crate::syntax::layout::*;
use crate::syntax::model::{ArmForm, Branch, Construct, ConstructKind};
use crate::syntax::nodes::*;

/// Node kinds of plain string literals.
pub const STRINGS: &[&str] = &["interpreted_string_literal", "raw_string_literal"];

pub fn go_switch(node: Node, text: &str) -> Option<Construct> {
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
