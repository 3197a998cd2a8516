//! Kotlin: `when` with a subject and `if`/`else if` chains.
//!
//! **Invariant:** this grammar's node names stay here; the result is a language-neutral
//! [`Construct`].

use tree_sitter::Node;

use crate::syntax::Language;
use crate::syntax::chain::{ChainSyntax, Clause, Test, chain};
use crate::syntax::constants::{constant as constant_of, owner_of};
use crate::syntax::layout::*;
use crate::syntax::model::Constant;
use crate::syntax::model::{ArmForm, Branch, Construct, ConstructKind};
use crate::syntax::nodes::*;
use crate::syntax::table::table;
use crate::syntax::table::{Member, members};

/// Node kinds of plain string literals.
pub const STRINGS: &[&str] = &["string_literal"];

/// Node kinds of function declarations, whose bodies a skeleton may blank.
pub const FUNCTIONS: &[&str] = &["function_declaration"];

/// `when (subject) { "A", "B" -> …; else -> … }`; a `when` without a subject is a chain of
/// conditions ([`kotlin_when_conditions`]).
pub fn kotlin_when(node: Node, text: &str) -> Option<Construct> {
    let Some(subject) = named_children(node).into_iter().find(|n| n.kind() == "when_subject") else {
        return kotlin_when_conditions(node, text);
    };
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
            let mut cursor = entry.walk();
            let conditions: Vec<Node> = entry.children_by_field_name("condition", &mut cursor).collect();
            let verdict = named_children(*entry)
                .into_iter()
                .rfind(|c| !conditions.contains(c) && !c.kind().contains("comment"))
                .and_then(|body| verdict_of(text, body.byte_range()));
            Branch { range: entry.byte_range(), labels, is_default, guarded: false, pattern: None, verdict }
        })
        .collect();
    let mut construct = new_construct(node, Language::Kotlin, ConstructKind::Match, ArmForm::KotlinEntry);
    construct.keyword = keyword_range(node, "when");
    construct.subject = Some(subject.byte_range());
    construct.branches = branches;
    construct.insertion = list_insertion(text, &construct, node.end_byte(), &entries, |_| None);
    Some(construct)
}

const CHAIN: ChainSyntax = ChainSyntax { language: Language::Kotlin, form: ArmForm::KotlinElseIf, test };

/// `if (code == "A") {…} else if (code in setOf("B", "C")) {…} else {…}`. The grammar names the
/// condition only: the branch and the `else` are the named children after it.
pub fn kotlin_if_chain(node: Node, text: &str) -> Option<Construct> {
    // Only the head of a chain: an `if` that is another `if`'s `else` belongs to that chain.
    if let Some(parent) = node.parent()
        && parent.kind() == "if_expression"
        && parts(parent).is_some_and(|(_, _, alternative)| alternative == Some(node))
    {
        return None;
    }
    let mut clauses = Vec::new();
    let mut current = node;
    loop {
        let (condition, body, alternative) = parts(current)?;
        clauses.push(Clause { start: current.start_byte(), condition: Some(condition), body });
        match alternative {
            Some(next) if next.kind() == "if_expression" => current = next,
            Some(other) => {
                let start = text[..other.start_byte()].rfind("else").unwrap_or(other.start_byte());
                clauses.push(Clause { start, condition: None, body: other });
                break;
            }
            None => break,
        }
    }
    chain(node, text, &clauses, &CHAIN)
}

/// An `if`'s condition, branch and `else` (if any).
fn parts(node: Node) -> Option<(Node, Node, Option<Node>)> {
    let condition = node.child_by_field_name("condition")?;
    let rest: Vec<Node> = named_children(node)
        .into_iter()
        .filter(|c| c.start_byte() >= condition.end_byte() && !c.kind().contains("comment"))
        .collect();
    Some((condition, *rest.first()?, rest.get(1).copied()))
}

/// What a Kotlin condition is: `==`/`!=`/`&&`/`||`, `!`, `a.equals(b)`, `x in setOf(…)`,
/// `listOf(…).contains(x)`.
fn test<'t>(node: Node<'t>, text: &str) -> Test<'t> {
    match node.kind() {
        "parenthesized_expression" => node.named_child(0).map_or(Test::Other, Test::Group),
        "binary_expression" | "equality_expression" | "conjunction_expression" | "disjunction_expression" => {
            let operands = named_children(node);
            let [left, right] = operands.as_slice() else { return Test::Other };
            match operator_of(node, text) {
                "||" => Test::Or(*left, *right),
                "&&" => Test::And(*left, *right),
                "==" => Test::Equals(*left, *right),
                "!=" => Test::NotEquals(*left, *right),
                _ => Test::Other,
            }
        }
        "in_expression" => {
            let operands = named_children(node);
            let [left, right] = operands.as_slice() else { return Test::Other };
            match (operator_of(node, text), collection_items(*right, text)) {
                ("in", Some(items)) => Test::In(*left, items),
                ("!in", Some(items)) => Test::NotIn(items),
                _ => Test::Other,
            }
        }
        "prefix_expression" | "unary_expression" if text[node.byte_range()].starts_with('!') => {
            named_children(node).last().copied().map_or(Test::Other, Test::Not)
        }
        "call_expression" => {
            let parts = named_children(node);
            let [callee, arguments] = parts.as_slice() else { return Test::Other };
            let arguments = call_arguments(*arguments);
            let member = named_children(*callee);
            match (callee.kind(), member.as_slice(), arguments.as_slice()) {
                ("navigation_expression", [object, name], [argument]) => match &text[name.byte_range()] {
                    "equals" => Test::Equals(*object, *argument),
                    "contains" => match collection_items(*object, text) {
                        Some(items) => Test::In(*argument, items),
                        None => Test::Other,
                    },
                    _ => Test::Other,
                },
                _ => Test::Other,
            }
        }
        _ => Test::Other,
    }
}

/// The expressions passed to a call: `value_arguments` → each `value_argument`'s expression.
fn call_arguments(node: Node) -> Vec<Node> {
    named_children(node).into_iter().filter_map(|a| named_children(a).last().copied()).collect()
}

/// The items of `setOf("A", "B")`, `listOf(…)`, `arrayOf(…)`.
fn collection_items<'t>(node: Node<'t>, text: &str) -> Option<Vec<Node<'t>>> {
    if node.kind() != "call_expression" {
        return None;
    }
    let parts = named_children(node);
    let [callee, arguments] = parts.as_slice() else { return None };
    matches!(&text[callee.byte_range()], "setOf" | "listOf" | "arrayOf" | "hashSetOf" | "mutableSetOf")
        .then(|| call_arguments(*arguments))
}

/// `mapOf("AIS.0101" to "…", "AIS.0102" to "…")` (and `mutableMapOf`, `hashMapOf`).
pub fn kotlin_map(node: Node, text: &str) -> Option<Construct> {
    let parts = named_children(node);
    let [callee, arguments] = parts.as_slice() else { return None };
    if !matches!(&text[callee.byte_range()], "mapOf" | "mutableMapOf" | "hashMapOf" | "linkedMapOf") {
        return None;
    }
    let entries = entries_of(*arguments, |argument| {
        let pair = named_children(argument).last().copied()?;
        let sides = named_children(pair);
        match (pair.kind(), sides.as_slice()) {
            ("infix_expression", [key, infix, value]) if &text[infix.byte_range()] == "to" => {
                Some((*key, *value))
            }
            _ => None,
        }
    })?;
    table(node, text, Language::Kotlin, ArmForm::KotlinPairEntry, &entries)
}

/// `enum class Codes(val code: String) { BAD("AIS.0101"), WORSE("AIS.0102") }`.
pub fn kotlin_enum(node: Node, text: &str) -> Option<Construct> {
    let body = named_children(node).into_iter().find(|c| c.kind() == "enum_class_body")?;
    let list: Vec<Member> = named_children(body)
        .into_iter()
        .filter(|c| c.kind() == "enum_entry")
        .filter_map(|entry| {
            let parts = named_children(entry);
            let [name, arguments] = parts.as_slice() else { return None };
            let values = call_arguments(*arguments);
            let [value] = values.as_slice() else { return None };
            Some(Member { node: entry, name: *name, value: *value })
        })
        .collect();
    members(node, text, Language::Kotlin, ArmForm::KotlinEnumEntry, &list, true)
}

/// `when { code == "A" || code == "B" -> …; code != null && code.equals("C") -> …; else -> … }`:
/// an if-chain written as a `when`.
fn kotlin_when_conditions(node: Node, text: &str) -> Option<Construct> {
    let entries: Vec<Node> = named_children(node).into_iter().filter(|n| n.kind() == "when_entry").collect();
    let clauses: Option<Vec<Clause>> = entries
        .iter()
        .map(|entry| {
            let mut cursor = entry.walk();
            let conditions: Vec<Node> = entry.children_by_field_name("condition", &mut cursor).collect();
            let body = named_children(*entry)
                .into_iter()
                .rfind(|c| !conditions.contains(c) && !c.kind().contains("comment"))?;
            match conditions.as_slice() {
                [condition] => Some(Clause { start: entry.start_byte(), condition: Some(*condition), body }),
                [] if children(*entry).iter().any(|c| c.kind() == "else") => {
                    Some(Clause { start: entry.start_byte(), condition: None, body })
                }
                _ => None,
            }
        })
        .collect();
    let syntax = ChainSyntax { language: Language::Kotlin, form: ArmForm::KotlinWhenCondition, test };
    chain(node, text, &clauses?, &syntax)
}

/// `const val X = "…"` (top level, in an `object` or a companion), a `val` of an `object`, and an
/// enum entry with string arguments, `INVALID("AIS.0101")`.
pub fn constant(node: Node, text: &str) -> Option<Constant> {
    const OWNERS: &[&str] = &["object_declaration", "class_declaration"];
    match node.kind() {
        "property_declaration" => {
            let parts = named_children(node);
            let value = parts.iter().find(|c| STRINGS.contains(&c.kind()))?;
            let declaration = parts.iter().find(|c| c.kind() == "variable_declaration")?;
            let name = named_children(*declaration).into_iter().next()?;
            let head = &text[node.start_byte()..declaration.start_byte()];
            let in_object = node
                .parent()
                .and_then(|b| b.parent())
                .is_some_and(|o| matches!(o.kind(), "object_declaration" | "companion_object"));
            let top_level = node.parent().is_some_and(|p| p.kind() == "source_file");
            if !(head.contains("const") || (head.contains("val") && (in_object || top_level))) {
                return None;
            }
            let owner = owner_of(node, text, OWNERS, &["function_body"]);
            constant_of(name, text, owner, label_of(*value, text).into_iter().collect())
        }
        "enum_entry" => {
            let parts = named_children(node);
            let [name, arguments] = parts.as_slice() else { return None };
            let values = call_arguments(*arguments)
                .into_iter()
                .filter(|a| STRINGS.contains(&a.kind()))
                .filter_map(|a| label_of(a, text))
                .collect();
            constant_of(*name, text, owner_of(node, text, OWNERS, &[]), values)
        }
        _ => None,
    }
}
