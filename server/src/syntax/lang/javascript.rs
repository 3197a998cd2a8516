//! JavaScript, TypeScript and TSX: `switch` statements.
//!
//! **Invariant:** this grammar's node names stay here; the result is a language-neutral
//! [`Construct`].

use tree_sitter::Node;

use crate::syntax::Language;
use crate::syntax::layout::*;
use crate::syntax::model::{ArmForm, Branch, Construct, ConstructKind};
use crate::syntax::nodes::*;

/// Node kinds of plain string literals.
pub const STRINGS: &[&str] = &["string"];

pub fn js_switch(node: Node, text: &str, language: Language) -> Option<Construct> {
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
