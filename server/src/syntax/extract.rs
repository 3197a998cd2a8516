//! Walks a tree-sitter tree and hands each node to its language's module (`lang/`), which turns
//! the constructs that branch on string literals into [`Construct`]s.
//!
//! **Invariant:** reads the tree and the text only; it knows nothing of catalogs or codes (every
//! string literal in a branch's pattern is a label; analysis decides which are codes) and no
//! grammar's node names.

use std::cell::OnceCell;

use tree_sitter::{Node, Tree};

use super::Language;
use super::layout::finish_layout;
use super::model::Construct;

/// Every construct in `tree` whose branches test at least one string literal, in text order.
/// With `near`, only constructs containing one of those offsets (sorted ascending): subtrees
/// without any are skipped, which is most of a file when `near` holds the recognised codes.
pub fn constructs(tree: &Tree, text: &str, language: Language, near: Option<&[usize]>) -> Vec<Construct> {
    let mut out = Vec::new();
    let habit = OnceCell::new();
    let mut cursor = tree.walk();
    let wanted = |node: Node| {
        near.is_none_or(|offsets| {
            let first = offsets.partition_point(|&o| o < node.start_byte());
            offsets.get(first).is_some_and(|&o| o < node.end_byte())
        })
    };
    // Pre-order walk without recursion, so deeply nested code cannot overflow the stack.
    loop {
        let node = cursor.node();
        let descend = wanted(node);
        if descend
            && let Some(mut construct) = super::lang::extract(node, text, language)
            && construct.branches.iter().any(|b| !b.labels.is_empty())
        {
            finish_layout(text, &mut construct, &habit);
            out.push(construct);
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
