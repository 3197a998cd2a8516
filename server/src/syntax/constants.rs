//! Declarations of constants and enum members whose value is a string literal — what a named
//! label (`case ErrCodes.INVALID:`) may stand for. A language's module reads its declaration
//! nodes ([`super::lang::constant`]); this module walks the tree.
//!
//! **Invariant:** reads the tree and the text only; every string constant is returned (analysis
//! decides which hold codes), and no node kind is named here.

use tree_sitter::{Node, Tree};

use super::Language;
use super::model::Constant;

/// Every constant declared in `tree` with a string value, in text order. With `near`, only
/// declarations holding one of those offsets (sorted ascending) are read, and subtrees without
/// any are skipped.
pub fn constants(tree: &Tree, text: &str, language: Language, near: Option<&[usize]>) -> Vec<Constant> {
    let mut out = Vec::new();
    let mut cursor = tree.walk();
    let wanted = |node: Node| {
        near.is_none_or(|offsets| {
            let first = offsets.partition_point(|&o| o < node.start_byte());
            offsets.get(first).is_some_and(|&o| o < node.end_byte())
        })
    };
    loop {
        let node = cursor.node();
        let descend = wanted(node);
        if descend && let Some(constant) = super::lang::constant(node, text, language) {
            out.push(constant);
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

/// A constant named by `name` whose value is the string literals `values`.
pub fn constant(
    name: Node,
    text: &str,
    owner: Option<String>,
    values: Vec<super::Label>,
) -> Option<Constant> {
    if values.is_empty() {
        return None;
    }
    Some(Constant {
        owner,
        name: text.get(name.byte_range())?.to_owned(),
        name_range: name.byte_range(),
        values,
    })
}

/// The name of the nearest ancestor of `node` whose kind is one of `owners` (a class, an object,
/// an enum), read from its `name` field or its first identifier-like child; `None` when a
/// node of a kind in `stops` (a function body) comes first or there is none.
pub fn owner_of(node: Node, text: &str, owners: &[&str], stops: &[&str]) -> Option<String> {
    let mut current = node.parent();
    while let Some(ancestor) = current {
        if stops.contains(&ancestor.kind()) {
            return None;
        }
        if owners.contains(&ancestor.kind()) {
            let name = ancestor.child_by_field_name("name").or_else(|| {
                let mut cursor = ancestor.walk();
                ancestor
                    .named_children(&mut cursor)
                    .find(|c| c.kind().ends_with("identifier") || c.kind() == "name")
            })?;
            return text.get(name.byte_range()).map(str::to_owned);
        }
        current = ancestor.parent();
    }
    None
}
