//! Lookup tables keyed by string literals — a Python dict, a JavaScript object or `new Map`, a Go
//! map literal, Kotlin `mapOf`, a PHP array, Rust `HashMap::from`, a C# dictionary initialiser —
//! as constructs of kind [`ConstructKind::Table`]: one branch per entry, its key the label.
//! A language's module finds the entries; this module builds the construct.
//!
//! String enums and blocks of string constants (TypeScript `enum`, Python `Enum`, Go
//! `const ( … )`, C# `const string` fields, Kotlin `enum class`) are read the same way as
//! constructs of kind [`ConstructKind::Enum`]: one branch per member, its value the label, and
//! new members written like the first one.
//!
//! **Invariant:** no node kind is named here. A table needs every entry keyed by a string
//! literal or a constant's name: a list of codes is a set, not a table, and a table with computed keys is not read.

use std::ops::Range;

use tree_sitter::Node;

use super::Language;
use super::layout::{after, list_insertion, new_construct};
use super::model::{ArmForm, Branch, Construct, ConstructKind, InsertMode, Insertion, MemberTemplate};
use super::nodes::{is_string_literal, label_of, name_label, verdict_of};

/// One `key: value` of a table.
pub struct Entry<'t> {
    /// The entry's text: a node's, or a key and value side by side (`"A", "x"` in `Map.of`).
    pub range: Range<usize>,
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
    let first = entries.first()?;
    // A key is a string literal or a constant (`Codes.X`, `ErrorCode::X`), which analysis
    // resolves; a table with any other key (a call, a variable) is not read.
    let key_label = |key: Node| {
        if is_string_literal(language, key.kind()) { label_of(key, text) } else { name_label(key, text) }
    };
    let keys: Vec<_> = entries.iter().map(|e| key_label(e.key)).collect::<Option<_>>()?;
    let branches = entries
        .iter()
        .zip(keys)
        .map(|(entry, key)| Branch {
            range: entry.range.clone(),
            labels: vec![key],
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
    // New entries are written like the first: `{ "X", … }`, `Map.entry("X", …)`, `"X" to …`.
    construct.member_template = Some(MemberTemplate {
        before_name: text[first.range.start..first.key.start_byte()].to_owned(),
        between: text[first.key.end_byte()..first.value.start_byte()].to_owned(),
        after: text[first.value.end_byte()..first.range.end].to_owned(),
        message: None,
        value_first: false,
    });
    construct.branches = branches;
    let last_end = entries.last()?.range.end;
    let mut insertion = after(text, last_end, node.end_byte().saturating_sub(1));
    // The new entries need a `,` after the last one, unless it has one.
    insertion.comma_at = (!text[last_end..].trim_start().starts_with(',')).then_some(last_end);
    construct.insertion = Some(insertion);
    Some(construct)
}

/// One member of an enum or constant block: its name and its string value.
pub struct Member<'t> {
    pub node: Node<'t>,
    pub name: Node<'t>,
    pub value: Node<'t>,
}

/// The enum or constant block `node` holds, if every member's value is a string literal.
/// `commas` says whether members are separated by `,`.
pub fn members(
    node: Node,
    text: &str,
    language: Language,
    form: ArmForm,
    members: &[Member],
    commas: bool,
) -> Option<Construct> {
    let first = members.first()?;
    if !members.iter().all(|m| is_string_literal(language, m.value.kind())) {
        return None;
    }
    let branches = members
        .iter()
        .map(|member| Branch {
            range: member.node.byte_range(),
            labels: label_of(member.value, text).into_iter().collect(),
            is_default: false,
            guarded: false,
            pattern: None,
            verdict: None,
        })
        .collect();
    let mut construct = new_construct(node, language, ConstructKind::Enum, form);
    construct.keyword = first.name.byte_range();
    construct.subject = None;
    construct.member_template = Some(MemberTemplate {
        before_name: text[first.node.start_byte()..first.name.start_byte()].to_owned(),
        between: text[first.name.end_byte()..first.value.start_byte()].to_owned(),
        after: text[first.value.end_byte()..first.node.end_byte()].to_owned(),
        message: None,
        value_first: false,
    });
    construct.branches = branches;
    let nodes: Vec<Node> = members.iter().map(|m| m.node).collect();
    let last = nodes.last()?;
    construct.insertion = if commas && text[last.end_byte()..].trim_start().starts_with(';') {
        // Kotlin entries end with `;` before the class's other members: new entries go before it.
        Some(Insertion {
            offset: last.end_byte(),
            mode: InsertMode::AfterToken,
            comma_at: Some(last.end_byte()),
        })
    } else {
        list_insertion(text, &construct, node.end_byte(), &nodes, |last| {
            let rest = &text[last.end_byte()..];
            (commas && !rest.trim_start().starts_with(',')).then_some(last.end_byte())
        })
    };
    Some(construct)
}
