//! Lookup tables keyed by string literals — a Python dict, a JavaScript object or `new Map`, a Go
//! map literal, Kotlin `mapOf`, a PHP array, Rust `HashMap::from`, a C# dictionary initialiser —
//! as constructs of kind [`ConstructKind::Table`]: one branch per entry, its key the label.
//! A language's module finds the entries; this module builds the construct.
//!
//! **Invariant:** no node kind is named here. A table needs every entry keyed by a string
//! literal: a list of codes is a set, not a table, and a table with computed keys is not read.

use tree_sitter::Node;

use super::Language;
use super::layout::{list_insertion, new_construct};
use super::model::{ArmForm, Branch, Construct, ConstructKind};
use super::nodes::{is_string_literal, label_of, verdict_of};

/// One `key: value` of a table.
pub struct Entry<'t> {
    pub node: Node<'t>,
    pub key: Node<'t>,
    pub value: Node<'t>,
}

/// The table `node` holds, if every entry is keyed by a string literal.
pub fn table(
    node: Node,
    text: &str,
    language: Language,
    form: ArmForm,
    entries: &[Entry],
) -> Option<Construct> {
    if entries.is_empty() || !entries.iter().all(|e| is_string_literal(language, e.key.kind())) {
        return None;
    }
    let branches = entries
        .iter()
        .map(|entry| Branch {
            range: entry.node.byte_range(),
            labels: label_of(entry.key, text).into_iter().collect(),
            is_default: false,
            guarded: false,
            pattern: None,
            verdict: verdict_of(text, entry.value.byte_range()),
        })
        .collect();
    let mut construct = new_construct(node, language, ConstructKind::Table, form);
    // Findings stand on the table's opening (`{`, `mapOf(`, `new Map(`), not on its whole text.
    let head = &text[node.byte_range()];
    let open = head.find(['{', '(', '[']).map_or(head.len(), |i| i + 1);
    let line = head.find('\n').unwrap_or(head.len());
    construct.keyword = node.start_byte()..node.start_byte() + open.min(line);
    construct.string_values = entries.iter().all(|e| is_string_literal(language, e.value.kind()));
    construct.branches = branches;
    let nodes: Vec<Node> = entries.iter().map(|e| e.node).collect();
    construct.insertion = list_insertion(text, &construct, node.end_byte(), &nodes, |last| {
        // The new entries need a `,` after the last one, unless it has one.
        let rest = &text[last.end_byte()..];
        (!rest.trim_start().starts_with(',')).then_some(last.end_byte())
    });
    Some(construct)
}
