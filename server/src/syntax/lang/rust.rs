//! Rust: `match` expressions.
//!
//! **Invariant:** this grammar's node names stay here; the result is a language-neutral
//! [`Construct`].

use tree_sitter::Node;

use crate::syntax::Language;
use crate::syntax::layout::*;
use crate::syntax::model::{ArmForm, Branch, Construct, ConstructKind};
use crate::syntax::nodes::*;

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
