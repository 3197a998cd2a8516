//! JavaScript, TypeScript and TSX: `switch` statements and `if`/`else if` chains.
//!
//! **Invariant:** this grammar's node names stay here; the result is a language-neutral
//! [`Construct`].

use tree_sitter::Node;

use crate::syntax::Language;
use crate::syntax::chain::{
    ChainSyntax, Clause, Test, binary_test, chain, early_exit_run, if_statement_exit_clause,
};
use crate::syntax::layout::*;
use crate::syntax::model::{ArmForm, Branch, Construct, ConstructKind};
use crate::syntax::nodes::*;
use crate::syntax::table::table;
use crate::syntax::table::{Member, members};

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
        .map(|case| {
            let mut cursor = case.walk();
            let body: Vec<Node> = case.children_by_field_name("body", &mut cursor).collect();
            Branch {
                range: case.byte_range(),
                labels: case
                    .child_by_field_name("value")
                    .map(|v| literal_labels(v, text, language))
                    .unwrap_or_default(),
                is_default: case.kind() == "switch_default",
                guarded: false,
                pattern: None,
                verdict: verdict_of_nodes(text, &body),
            }
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

/// `if (code === "A") { … } else if (info && ["B", "C"].includes(info.code)) { … } else { … }`.
pub fn js_if_chain(node: Node, text: &str, language: Language) -> Option<Construct> {
    // Only the head of a chain: an `if` in an `else` belongs to the chain above it.
    if node.parent().is_some_and(|p| p.kind() == "else_clause") {
        return None;
    }
    let syntax = ChainSyntax { language, form: ArmForm::JsElseIf, test };
    if node.child_by_field_name("alternative").is_none() {
        return early_exit_run(node, text, &syntax, |n| if_statement_exit_clause(n, text));
    }
    let mut clauses = Vec::new();
    let mut current = node;
    loop {
        clauses.push(Clause {
            start: current.start_byte(),
            condition: Some(current.child_by_field_name("condition")?),
            body: current.child_by_field_name("consequence")?,
        });
        let Some(alternative) = current.child_by_field_name("alternative") else { break };
        let next = alternative.named_child(0)?;
        if next.kind() == "if_statement" {
            current = next;
        } else {
            clauses.push(Clause { start: alternative.start_byte(), condition: None, body: next });
            break;
        }
    }
    chain(node, text, &clauses, &syntax)
}

fn test<'t>(node: Node<'t>, text: &str) -> Test<'t> {
    match node.kind() {
        "parenthesized_expression" => node.named_child(0).map_or(Test::Other, Test::Group),
        "binary_expression" => {
            // `typeof code === "string"` guards the subject's type; it tests no code.
            let typeof_ =
                |n: Node| n.kind() == "unary_expression" && text[n.byte_range()].starts_with("typeof");
            let sides = [node.child_by_field_name("left"), node.child_by_field_name("right")];
            if sides.into_iter().flatten().any(typeof_) {
                return Test::Other;
            }
            binary_test(node, text)
        }
        "unary_expression" if operator_of(node, text) == "!" => {
            node.child_by_field_name("argument").map_or(Test::Other, Test::Not)
        }
        // `["A", "B"].includes(code)`, `new Set(["A"]).has(code)`.
        "call_expression" => {
            let (Some(function), Some(arguments)) =
                (node.child_by_field_name("function"), node.child_by_field_name("arguments"))
            else {
                return Test::Other;
            };
            let (Some(object), Some(property)) =
                (function.child_by_field_name("object"), function.child_by_field_name("property"))
            else {
                return Test::Other;
            };
            let arguments = named_children(arguments);
            let [argument] = arguments.as_slice() else { return Test::Other };
            let object = unparenthesize(object);
            let array = match object.kind() {
                "array" => Some(object),
                "new_expression" => object
                    .child_by_field_name("arguments")
                    .and_then(|a| a.named_child(0))
                    .filter(|a| a.kind() == "array"),
                _ => None,
            };
            match (&text[property.byte_range()], array) {
                ("includes" | "has", Some(array)) => Test::In(*argument, named_children(array)),
                _ => Test::Other,
            }
        }
        _ => Test::Other,
    }
}

/// `{ "AIS.0101": "…", 'AIS.0102': "…" }`.
pub fn js_object(node: Node, text: &str, language: Language) -> Option<Construct> {
    let entries = entries_of(node, |child| {
        (child.kind() == "pair")
            .then(|| Some((child.child_by_field_name("key")?, child.child_by_field_name("value")?)))?
    })?;
    table(node, text, language, ArmForm::JsObjectEntry, &entries)
}

/// `new Map([["AIS.0101", "…"], ["AIS.0102", "…"]])`.
pub fn js_map(node: Node, text: &str, language: Language) -> Option<Construct> {
    let constructor = node.child_by_field_name("constructor")?;
    if &text[constructor.byte_range()] != "Map" {
        return None;
    }
    let list = node.child_by_field_name("arguments")?.named_child(0)?;
    if list.kind() != "array" {
        return None;
    }
    let entries = entries_of(list, |child| {
        let pair = named_children(child);
        match (child.kind(), pair.as_slice()) {
            ("array", [key, value]) => Some((*key, *value)),
            _ => None,
        }
    })?;
    table(node, text, language, ArmForm::JsMapEntry, &entries)
}

/// `enum Codes { Bad = "AIS.0101", Worse = "AIS.0102" }`.
pub fn ts_enum(node: Node, text: &str, language: Language) -> Option<Construct> {
    let body = node.child_by_field_name("body")?;
    let list: Option<Vec<Member>> = named_children(body)
        .into_iter()
        .filter(|c| !c.kind().contains("comment"))
        .map(|member| {
            (member.kind() == "enum_assignment").then_some(())?;
            Some(Member {
                node: member,
                name: member.child_by_field_name("name")?,
                value: member.child_by_field_name("value")?,
            })
        })
        .collect();
    members(node, text, language, ArmForm::TsEnumMember, &list?, true)
}
