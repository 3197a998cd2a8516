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
use super::model::{Constant, Construct};

/// Every construct in `tree` whose branches test at least one string literal, in text order.
/// With `near`, only constructs containing one of those offsets (sorted ascending): subtrees
/// without any are skipped, which is most of a file when `near` holds the recognised codes.
pub fn constructs(tree: &Tree, text: &str, language: Language, near: Option<&[usize]>) -> Vec<Construct> {
    let mut out = Vec::new();
    let habit = OnceCell::new();
    walk_near(tree, near, |node, wanted| out.extend(construct_at(node, wanted, text, language, &habit)));
    out
}

/// [`constructs`] and [`super::constants::constants`] near the same offsets, in one walk.
pub fn constants_and_constructs(
    tree: &Tree,
    text: &str,
    language: Language,
    near: &[usize],
) -> (Vec<Constant>, Vec<Construct>) {
    let (mut constants, mut constructs) = (Vec::new(), Vec::new());
    let habit = OnceCell::new();
    walk_near_after(tree, Some(near), |node, wanted, previous| {
        constants.extend(super::constants::constant_at(node, wanted, previous, Some(near), text, language));
        constructs.extend(construct_at(node, wanted, text, language, &habit));
    });
    (constants, constructs)
}

/// The construct `node` is, when the walk wants it and its branches test a string literal.
fn construct_at(
    node: Node,
    wanted: bool,
    text: &str,
    language: Language,
    habit: &OnceCell<&'static str>,
) -> Option<Construct> {
    if !wanted {
        return None;
    }
    let mut construct = super::lang::extract(node, text, language)?;
    if !construct.branches.iter().any(|b| !b.labels.is_empty()) {
        return None;
    }
    finish_layout(text, &mut construct, habit);
    Some(construct)
}

/// Whether `node` holds one of `near`'s offsets (sorted ascending); every node does without.
pub(super) fn holds_offset(node: Node, near: Option<&[usize]>) -> bool {
    near.is_none_or(|offsets| {
        let first = offsets.partition_point(|&o| o < node.start_byte());
        offsets.get(first).is_some_and(|&o| o < node.end_byte())
    })
}

/// Visits the nodes of `tree` in pre-order, with whether each holds one of `near`'s offsets;
/// only such nodes are descended into. Without recursion, so deeply nested code cannot overflow
/// the stack.
pub(super) fn walk_near<'t>(tree: &'t Tree, near: Option<&[usize]>, mut visit: impl FnMut(Node<'t>, bool)) {
    walk_near_after(tree, near, |node, wanted, _| visit(node, wanted));
}

/// [`walk_near`], also handing each node the named sibling visited just before it (`None` for
/// a first child). Asking the node itself costs a walk over its parent's children in
/// tree-sitter, which over the thousands of statements of a module made every walk quadratic.
pub(super) fn walk_near_after<'t>(
    tree: &'t Tree,
    near: Option<&[usize]>,
    mut visit: impl FnMut(Node<'t>, bool, Option<Node<'t>>),
) {
    let mut cursor = tree.walk();
    // The last named node visited at each depth of the cursor's path.
    let mut previous: Vec<Option<Node<'t>>> = vec![None];
    loop {
        let node = cursor.node();
        let descend = holds_offset(node, near);
        visit(node, descend, previous.last().copied().flatten());
        if node.is_named()
            && let Some(last) = previous.last_mut()
        {
            *last = Some(node);
        }
        if descend && cursor.goto_first_child() {
            previous.push(None);
            continue;
        }
        loop {
            if cursor.goto_next_sibling() {
                break;
            }
            if !cursor.goto_parent() {
                return;
            }
            previous.pop();
        }
    }
}
