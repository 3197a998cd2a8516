//! Kotlin: `when` with a subject.
//!
//! **Invariant:** this grammar's node names stay here; the result is a language-neutral
//! [`Construct`].

use tree_sitter::Node;

use crate::syntax::Language;
use crate::syntax::layout::*;
use crate::syntax::model::{ArmForm, Branch, Construct, ConstructKind};
use crate::syntax::nodes::*;

/// Node kinds of plain string literals.
pub const STRINGS: &[&str] = &["string_literal"];

/// `when (subject) { "A", "B" -> …; else -> … }`; a `when` without a subject tests conditions,
/// not values, and is not a construct here.
pub fn kotlin_when(node: Node, text: &str) -> Option<Construct> {
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
