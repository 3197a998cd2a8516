//! PHP: `switch` statements, `match` expressions and `if`/`elseif` chains.
//!
//! **Invariant:** this grammar's node names stay here; the result is a language-neutral
//! [`Construct`].

use tree_sitter::Node;

use crate::syntax::Language;
use crate::syntax::chain::{ChainSyntax, Clause, Test, binary_test, chain};
use crate::syntax::constants::{constant as constant_of, owner_of};
use crate::syntax::layout::*;
use crate::syntax::model::Constant;
use crate::syntax::model::{ArmForm, Branch, Construct, ConstructKind};
use crate::syntax::nodes::*;
use crate::syntax::table::table;

/// Node kinds of plain string literals.
pub const STRINGS: &[&str] = &["string", "encapsed_string"];

/// Node kinds of function declarations, whose bodies a skeleton may blank.
pub const FUNCTIONS: &[&str] = &["function_definition", "method_declaration"];

pub fn php_switch(node: Node, text: &str) -> Option<Construct> {
    let subject = unparenthesize(node.child_by_field_name("condition")?);
    let body = node.child_by_field_name("body")?;
    let cases: Vec<Node> = named_children(body)
        .into_iter()
        .filter(|n| matches!(n.kind(), "case_statement" | "default_statement"))
        .collect();
    let branches =
        cases.iter().map(|case| value_case_branch(*case, text, Language::Php, "default_statement")).collect();
    let mut construct = new_construct(node, Language::Php, ConstructKind::Switch, ArmForm::ColonCase);
    construct.keyword = keyword_range(node, "switch");
    construct.subject = Some(subject.byte_range());
    construct.branches = branches;
    construct.insertion = case_insertion(text, &construct, body.end_byte(), &cases, |case| {
        let value = case.child_by_field_name("value");
        falls_through(
            named_children(*case).into_iter().rfind(|n| Some(*n) != value && !n.kind().contains("comment")),
        )
    });
    Some(construct)
}

pub fn php_match(node: Node, text: &str) -> Option<Construct> {
    let subject = unparenthesize(node.child_by_field_name("condition")?);
    let body = node.child_by_field_name("body")?;
    let arms: Vec<Node> = named_children(body)
        .into_iter()
        .filter(|n| matches!(n.kind(), "match_conditional_expression" | "match_default_expression"))
        .collect();
    let branches = arms
        .iter()
        .map(|arm| Branch {
            range: arm.byte_range(),
            labels: arm
                .child_by_field_name("conditional_expressions")
                .map(|c| literal_labels(c, text, Language::Php))
                .unwrap_or_default(),
            is_default: arm.kind() == "match_default_expression",
            guarded: false,
            pattern: None,
            verdict: arm
                .child_by_field_name("return_expression")
                .and_then(|v| verdict_of(text, v.byte_range())),
        })
        .collect();
    let mut construct =
        new_construct(node, Language::Php, ConstructKind::SwitchExpression, ArmForm::PhpMatchArm);
    construct.keyword = keyword_range(node, "match");
    construct.subject = Some(subject.byte_range());
    construct.branches = branches;
    construct.insertion = list_insertion(text, &construct, body.end_byte(), &arms, |arm| {
        let rest = &text[arm.end_byte()..];
        (!rest.trim_start().starts_with(',')).then_some(arm.end_byte())
    });
    Some(construct)
}

const CHAIN: ChainSyntax = ChainSyntax { language: Language::Php, form: ArmForm::PhpElseIf, test };

/// `if ($code === 'A') {…} elseif (in_array($code, ['B', 'C'])) {…} else {…}`; `else if` (two
/// words) nests an `if` in the `else`, which continues the same chain.
pub fn php_if_chain(node: Node, text: &str) -> Option<Construct> {
    if node.parent().is_some_and(|p| p.kind() == "else_clause") {
        return None;
    }
    let mut clauses = Vec::new();
    let mut current = node;
    'chain: loop {
        clauses.push(Clause {
            start: current.start_byte(),
            condition: Some(current.child_by_field_name("condition")?),
            body: current.child_by_field_name("body")?,
        });
        let mut cursor = current.walk();
        let alternatives: Vec<Node> = current.children_by_field_name("alternative", &mut cursor).collect();
        for alternative in alternatives {
            let body = alternative.child_by_field_name("body")?;
            match alternative.kind() {
                "else_if_clause" => clauses.push(Clause {
                    start: alternative.start_byte(),
                    condition: Some(alternative.child_by_field_name("condition")?),
                    body,
                }),
                _ if body.kind() == "if_statement" => {
                    current = body;
                    continue 'chain;
                }
                _ => clauses.push(Clause { start: alternative.start_byte(), condition: None, body }),
            }
        }
        break;
    }
    chain(node, text, &clauses, &CHAIN)
}

/// What a PHP condition is: `==`/`===`/`!=`/`!==`, `&&`/`and`, `||`/`or`, `!`,
/// `in_array($x, ['A', 'B'])`.
fn test<'t>(node: Node<'t>, text: &str) -> Test<'t> {
    match node.kind() {
        "parenthesized_expression" => node.named_child(0).map_or(Test::Other, Test::Group),
        "binary_expression" => binary_test(node, text),
        "unary_op_expression" if text[node.byte_range()].starts_with('!') => node
            .child_by_field_name("argument")
            .or_else(|| node.named_child(0))
            .map_or(Test::Other, Test::Not),
        "function_call_expression" => {
            let (Some(function), Some(arguments)) =
                (node.child_by_field_name("function"), node.child_by_field_name("arguments"))
            else {
                return Test::Other;
            };
            let arguments: Vec<Node> =
                named_children(arguments).into_iter().filter_map(|a| a.named_child(0)).collect();
            match (&text[function.byte_range()], arguments.as_slice()) {
                ("in_array", [needle, array, ..]) if array.kind() == "array_creation_expression" => {
                    let items = named_children(*array).into_iter().filter_map(|e| e.named_child(0)).collect();
                    Test::In(*needle, items)
                }
                _ => Test::Other,
            }
        }
        _ => Test::Other,
    }
}

/// `['AIS.0101' => '…', 'AIS.0102' => '…']` (and `array(…)`).
pub fn php_array(node: Node, text: &str) -> Option<Construct> {
    let entries = entries_of(node, |element| {
        let sides = named_children(element);
        match (element.kind(), sides.as_slice()) {
            ("array_element_initializer", [key, value])
                if text[key.end_byte()..value.start_byte()].contains("=>") =>
            {
                Some((*key, *value))
            }
            _ => None,
        }
    })?;
    table(node, text, Language::Php, ArmForm::PhpArrayEntry, &entries)
}

/// A class or interface constant `const X = '…';` (written `Owner::X`), and `define('X', '…')`.
pub fn constant(node: Node, text: &str) -> Option<Constant> {
    match node.kind() {
        "const_element" => {
            let parts = named_children(node);
            let name = parts.iter().find(|c| c.kind() == "name")?;
            let value = parts.iter().find(|c| STRINGS.contains(&c.kind()))?;
            let owner = owner_of(
                node,
                text,
                &["class_declaration", "interface_declaration", "enum_declaration"],
                &[],
            );
            constant_of(*name, text, owner, label_of(*value, text).into_iter().collect())
        }
        "function_call_expression" => {
            let function = node.child_by_field_name("function")?;
            if !text[function.byte_range()].eq_ignore_ascii_case("define") {
                return None;
            }
            let arguments: Vec<Node> = named_children(node.child_by_field_name("arguments")?)
                .into_iter()
                .filter_map(|a| a.named_child(0))
                .collect();
            let [name, value] = arguments.as_slice() else { return None };
            if !STRINGS.contains(&name.kind()) || !STRINGS.contains(&value.kind()) {
                return None;
            }
            let name_label = label_of(*name, text)?;
            Some(Constant {
                owner: None,
                name: name_label.value,
                name_range: name_label.range,
                values: label_of(*value, text).into_iter().collect(),
            })
        }
        _ => None,
    }
}
