//! Go: expression `switch` statements and `if`/`else if` chains.
//!
//! **Invariant:** this grammar's node names stay here; the result is a language-neutral
//! [`Construct`].

use tree_sitter::Node;

use crate::syntax::Language;
use crate::syntax::chain::{ChainSyntax, ElseStart, Test, binary_test, if_statement_chain};
use crate::syntax::constants::constant as constant_of;
use crate::syntax::layout::*;
use crate::syntax::model::Constant;
use crate::syntax::model::{ArmForm, Construct, ConstructKind};
use crate::syntax::nodes::*;
use crate::syntax::table::table;
use crate::syntax::table::{Member, members};

/// Node kinds of plain string literals.
pub const STRINGS: &[&str] = &["interpreted_string_literal", "raw_string_literal"];

/// Node kinds of function declarations, whose bodies a skeleton may blank.
pub const FUNCTIONS: &[&str] = &["function_declaration", "method_declaration"];

pub fn go_switch(node: Node, text: &str) -> Option<Construct> {
    let subject = node.child_by_field_name("value")?;
    let cases: Vec<Node> = named_children(node)
        .into_iter()
        .filter(|n| matches!(n.kind(), "expression_case" | "default_case"))
        .collect();
    let branches =
        cases.iter().map(|case| value_case_branch(*case, text, Language::Go, "default_case")).collect();
    let mut construct = new_construct(node, Language::Go, ConstructKind::Switch, ArmForm::GoCase);
    construct.keyword = keyword_range(node, "switch");
    construct.subject = Some(subject.byte_range());
    construct.branches = branches;
    construct.insertion = case_insertion(text, &construct, node.end_byte(), &cases, |case| {
        let statements = named_children(*case)
            .into_iter()
            .filter(|n| n.kind() == "statement_list")
            .flat_map(named_children);
        statements.last().is_some_and(|last| last.kind() == "fallthrough_statement")
    });
    Some(construct)
}

const CHAIN: ChainSyntax = ChainSyntax { language: Language::Go, form: ArmForm::GoElseIf, test };

/// `if code == "A" { … } else if strings.EqualFold(code, "B") { … } else { … }`.
pub fn go_if_chain(node: Node, text: &str) -> Option<Construct> {
    if_statement_chain(node, text, ElseStart::Keyword, &CHAIN)
}

fn test<'t>(node: Node<'t>, text: &str) -> Test<'t> {
    match node.kind() {
        "parenthesized_expression" => node.named_child(0).map_or(Test::Other, Test::Group),
        "binary_expression" => binary_test(node, text),
        "unary_expression" if operator_of(node, text) == "!" => {
            node.child_by_field_name("operand").map_or(Test::Other, Test::Not)
        }
        // `strings.EqualFold(code, "A")`, `slices.Contains([]string{"A", "B"}, code)`.
        "call_expression" => {
            let (Some(function), Some(arguments)) =
                (node.child_by_field_name("function"), node.child_by_field_name("arguments"))
            else {
                return Test::Other;
            };
            let arguments = named_children(arguments);
            match (&text[function.byte_range()], arguments.as_slice()) {
                ("strings.EqualFold", [a, b]) => Test::Equals(*a, *b),
                ("slices.Contains", [list, item]) if list.kind() == "composite_literal" => {
                    let items = list
                        .child_by_field_name("body")
                        .map(named_children)
                        .unwrap_or_default()
                        .into_iter()
                        .filter_map(|element| element.named_child(0))
                        .collect();
                    Test::In(*item, items)
                }
                _ => Test::Other,
            }
        }
        _ => Test::Other,
    }
}

/// `map[string]string{"AIS.0101": "…", "AIS.0102": "…"}`.
pub fn go_map(node: Node, text: &str) -> Option<Construct> {
    if node.child_by_field_name("type")?.kind() != "map_type" {
        return None;
    }
    let body = node.child_by_field_name("body")?;
    let entries = entries_of(body, |child| {
        if child.kind() != "keyed_element" {
            return None;
        }
        let element = |field| child.child_by_field_name(field).and_then(|e: Node| e.named_child(0));
        Some((element("key")?, element("value")?))
    })?;
    table(node, text, Language::Go, ArmForm::GoMapEntry, &entries)
}

/// `const ( Bad = "AIS.0101"; Worse Code = "AIS.0102" )`.
pub fn go_const_block(node: Node, text: &str) -> Option<Construct> {
    let list: Option<Vec<Member>> = named_children(node)
        .into_iter()
        .filter(|c| !c.kind().contains("comment"))
        .map(|spec| {
            let values = named_children(spec.child_by_field_name("value")?);
            let [value] = values.as_slice() else { return None };
            Some(Member { node: spec, name: spec.child_by_field_name("name")?, value: *value })
        })
        .collect();
    let list = list?;
    if list.len() < 2 {
        return None;
    }
    members(node, text, Language::Go, ArmForm::GoConst, &list, false)
}

/// `const X = "…"`, alone or in a `const ( … )` block; package-level, so without an owner (other
/// packages write `pkg.X`).
pub fn constant(node: Node, text: &str) -> Option<Constant> {
    if node.kind() != "const_spec" {
        return None;
    }
    let values = named_children(node.child_by_field_name("value")?);
    let [value] = values.as_slice() else { return None };
    if !STRINGS.contains(&value.kind()) {
        return None;
    }
    constant_of(node.child_by_field_name("name")?, text, None, label_of(*value, text).into_iter().collect())
}
