//! JavaScript, TypeScript and TSX: `switch` statements and `if`/`else if` chains.
//!
//! **Invariant:** this grammar's node names stay here; the result is a language-neutral
//! [`Construct`].

use tree_sitter::Node;

use crate::syntax::Language;
use crate::syntax::chain::{
    ChainSyntax, Clause, Test, binary_test, chain, early_exit_run, if_statement_exit_clause,
};
use crate::syntax::constants::{constant as constant_of, owner_of};
use crate::syntax::layout::*;
use crate::syntax::model::Constant;
use crate::syntax::model::{ArmForm, Branch, Construct, ConstructKind};
use crate::syntax::nodes::*;
use crate::syntax::table::table;
use crate::syntax::table::{Member, members};

/// Node kinds of plain string literals.
pub const STRINGS: &[&str] = &["string"];

/// Node kinds of function declarations, whose bodies a skeleton may blank.
pub const FUNCTIONS: &[&str] =
    &["function_declaration", "generator_function_declaration", "method_definition"];

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
        let key = child.child_by_field_name("key").filter(|_| child.kind() == "pair")?;
        // `[Codes.INVALID]: …` keys by a constant; a bare `INVALID: …` names a property.
        let key = match key.kind() {
            "computed_property_name" => key.named_child(0)?,
            "property_identifier" | "number" => return None,
            _ => key,
        };
        Some((key, child.child_by_field_name("value")?))
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

/// `const X = "…"`; a property of an object held by a `const` (`const Codes = Object.freeze({ X:
/// "…" })`, `{ … } as const`); a TypeScript enum member; a class's `static`/`readonly` field.
pub fn constant(node: Node, text: &str) -> Option<Constant> {
    fn string(n: Option<Node>) -> Option<Node> {
        n.filter(|v| STRINGS.contains(&v.kind()))
    }
    match node.kind() {
        "variable_declarator" => {
            let value = string(node.child_by_field_name("value"))?;
            if !is_const(node, text) {
                return None;
            }
            constant_of(
                node.child_by_field_name("name")?,
                text,
                None,
                label_of(value, text).into_iter().collect(),
            )
        }
        "pair" => {
            let value = string(node.child_by_field_name("value"))?;
            let key = node.child_by_field_name("key").filter(|k| k.kind() == "property_identifier")?;
            let mut holder = node.parent().filter(|p| p.kind() == "object")?.parent()?;
            while matches!(
                holder.kind(),
                "arguments"
                    | "call_expression"
                    | "as_expression"
                    | "satisfies_expression"
                    | "parenthesized_expression"
            ) {
                holder = holder.parent()?;
            }
            if holder.kind() != "variable_declarator" || !is_const(holder, text) {
                return None;
            }
            let owner = text[holder.child_by_field_name("name")?.byte_range()].to_owned();
            constant_of(key, text, Some(owner), label_of(value, text).into_iter().collect())
        }
        "enum_assignment" => {
            let value = string(node.child_by_field_name("value"))?;
            let owner = owner_of(node, text, &["enum_declaration"], &[]);
            constant_of(
                node.child_by_field_name("name")?,
                text,
                owner,
                label_of(value, text).into_iter().collect(),
            )
        }
        "public_field_definition" | "field_definition" => {
            let value = string(node.child_by_field_name("value"))?;
            let head = &text[node.start_byte()..value.start_byte()];
            if !(head.contains("static") || head.contains("readonly")) {
                return None;
            }
            let name = node.child_by_field_name("name").or_else(|| node.child_by_field_name("property"))?;
            let owner = owner_of(node, text, &["class_declaration", "class"], &[]);
            constant_of(name, text, owner, label_of(value, text).into_iter().collect())
        }
        _ => None,
    }
}

/// Whether a declarator belongs to a `const` declaration.
fn is_const(declarator: Node, text: &str) -> bool {
    declarator
        .parent()
        .is_some_and(|d| d.kind() == "lexical_declaration" && text[d.byte_range()].starts_with("const"))
}
