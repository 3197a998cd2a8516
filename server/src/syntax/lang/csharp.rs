//! C#: `switch` statements, `switch` expressions and `if`/`else if` chains.
//!
//! **Invariant:** this grammar's node names stay here; the result is a language-neutral
//! [`Construct`].

use tree_sitter::Node;

use crate::syntax::Language;
use crate::syntax::chain::{ChainSyntax, ElseStart, Test, binary_test, if_statement_chain};
use crate::syntax::constants::{constant as constant_of, owner_of};
use crate::syntax::layout::*;
use crate::syntax::model::Constant;
use crate::syntax::model::{ArmForm, Branch, Construct, ConstructKind};
use crate::syntax::nodes::*;
use crate::syntax::table::table;
use crate::syntax::table::{Member, members};

/// Node kinds of plain string literals.
pub const STRINGS: &[&str] = &["string_literal", "verbatim_string_literal", "raw_string_literal"];

/// Node kinds of function declarations, whose bodies a skeleton may blank.
pub const FUNCTIONS: &[&str] = &["method_declaration", "constructor_declaration"];

pub fn csharp_switch(node: Node, text: &str) -> Option<Construct> {
    let subject = unparenthesize(node.child_by_field_name("value")?);
    let body = node.child_by_field_name("body")?;
    let sections: Vec<Node> =
        named_children(body).into_iter().filter(|n| n.kind() == "switch_section").collect();
    let is_statement = |n: &Node| n.kind().ends_with("_statement") || n.kind() == "block";
    let branches = sections
        .iter()
        .map(|section| {
            let all = children(*section);
            let guarded = all.iter().any(|c| c.kind() == "when_clause");
            let labels = all
                .iter()
                .filter(|c| !is_statement(c))
                .flat_map(|c| literal_labels(*c, text, Language::CSharp))
                .collect();
            let body: Vec<Node> = all.iter().copied().filter(is_statement).collect();
            Branch {
                range: section.byte_range(),
                labels,
                is_default: all.iter().any(|c| c.kind() == "default"),
                guarded,
                pattern: None,
                verdict: verdict_of_nodes(text, &body),
            }
        })
        .collect();
    let mut construct = new_construct(node, Language::CSharp, ConstructKind::Switch, ArmForm::ColonCase);
    construct.keyword = keyword_range(node, "switch");
    construct.subject = Some(subject.byte_range());
    construct.branches = branches;
    construct.insertion = case_insertion(text, &construct, body.end_byte(), &sections, |section| {
        falls_through(named_children(*section).into_iter().rfind(is_statement))
    });
    Some(construct)
}

pub fn csharp_switch_expression(node: Node, text: &str) -> Option<Construct> {
    let subject = node.named_child(0)?;
    let arms: Vec<Node> =
        named_children(node).into_iter().filter(|n| n.kind() == "switch_expression_arm").collect();
    let branches = arms
        .iter()
        .map(|arm| {
            let pattern = arm.named_child(0);
            let guarded = named_children(*arm).iter().any(|c| c.kind() == "when_clause");
            let mut labels =
                pattern.map(|p| labels_in(p, text, Language::CSharp, &no_skip)).unwrap_or_default();
            if labels.is_empty() {
                labels = pattern
                    .map(|p| pattern_names(p, text, &["constant_pattern", "or_pattern"], &no_skip, 1))
                    .unwrap_or_default();
            }
            let is_default =
                !guarded && pattern.is_some_and(|p| p.kind() == "discard" || &text[p.byte_range()] == "_");
            Branch {
                range: arm.byte_range(),
                labels,
                is_default,
                guarded,
                pattern: pattern.map(|p| p.byte_range()),
                verdict: named_children(*arm)
                    .into_iter()
                    .skip(1)
                    .rfind(|c| c.kind() != "when_clause")
                    .and_then(|v| verdict_of(text, v.byte_range())),
            }
        })
        .collect();
    let mut construct =
        new_construct(node, Language::CSharp, ConstructKind::SwitchExpression, ArmForm::CSharpArm);
    construct.keyword = keyword_range(node, "switch");
    construct.subject = Some(subject.byte_range());
    construct.branches = branches;
    construct.insertion = list_insertion(text, &construct, node.end_byte(), &arms, |arm| {
        // Arms are separated by `,`, which is a sibling of the arm node, not part of it.
        let rest = &text[arm.end_byte()..];
        (!rest.trim_start().starts_with(',')).then_some(arm.end_byte())
    });
    Some(construct)
}

const CHAIN: ChainSyntax = ChainSyntax { language: Language::CSharp, form: ArmForm::CSharpElseIf, test };

/// `if (code == "A") {…} else if (string.Equals(code, "B")) {…} else {…}`.
pub fn csharp_if_chain(node: Node, text: &str) -> Option<Construct> {
    if_statement_chain(node, text, ElseStart::Alternative, &CHAIN)
}

/// What a C# condition is: `==`/`!=`/`&&`/`||`, `!`, `a.Equals(b)`, `string.Equals(a, b, …)`,
/// `new[] { "A", "B" }.Contains(x)`.
fn test<'t>(node: Node<'t>, text: &str) -> Test<'t> {
    match node.kind() {
        "parenthesized_expression" => node.named_child(0).map_or(Test::Other, Test::Group),
        "binary_expression" => binary_test(node, text),
        "prefix_unary_expression" if text[node.byte_range()].starts_with('!') => {
            node.named_child(0).map_or(Test::Other, Test::Not)
        }
        "invocation_expression" => {
            let (Some(function), Some(arguments)) =
                (node.child_by_field_name("function"), node.child_by_field_name("arguments"))
            else {
                return Test::Other;
            };
            let (Some(object), Some(name)) =
                (function.child_by_field_name("expression"), function.child_by_field_name("name"))
            else {
                return Test::Other;
            };
            let arguments: Vec<Node> =
                named_children(arguments).into_iter().filter_map(|a| a.named_child(0)).collect();
            let object_text = &text[object.byte_range()];
            match (&text[name.byte_range()], arguments.as_slice()) {
                ("Equals", [a, b, ..]) if matches!(object_text, "string" | "String") => Test::Equals(*a, *b),
                ("Equals", [argument, ..]) => Test::Equals(object, *argument),
                ("Contains", [argument]) => {
                    let items = named_children(object)
                        .into_iter()
                        .find(|c| c.kind() == "initializer_expression")
                        .map(named_children);
                    match items {
                        Some(items) => Test::In(*argument, items),
                        None => Test::Other,
                    }
                }
                _ => Test::Other,
            }
        }
        _ => Test::Other,
    }
}

/// `new Dictionary<string, string> { { "AIS.0101", "…" }, ["AIS.0102"] = "…" }`.
pub fn csharp_dictionary(node: Node, text: &str) -> Option<Construct> {
    let initializer = node.child_by_field_name("initializer")?;
    let entries = entries_of(initializer, |child| match child.kind() {
        "initializer_expression" => {
            let pair = named_children(child);
            let [key, value] = pair.as_slice() else { return None };
            Some((*key, *value))
        }
        "assignment_expression" => {
            let index = child.child_by_field_name("left")?;
            let key = index.named_child(0)?.named_child(0)?;
            Some((key, child.child_by_field_name("right")?))
        }
        _ => None,
    })?;
    table(node, text, Language::CSharp, ArmForm::CSharpDictEntry, &entries)
}

/// `static class Codes { public const string Bad = "AIS.0101"; … }`: the class's string constants.
pub fn csharp_constants(node: Node, text: &str) -> Option<Construct> {
    let body = node.child_by_field_name("body")?;
    let list: Vec<Member> = named_children(body)
        .into_iter()
        .filter(|field| {
            field.kind() == "field_declaration"
                && named_children(*field)
                    .iter()
                    .any(|m| m.kind() == "modifier" && &text[m.byte_range()] == "const")
        })
        .filter_map(|field| {
            let declaration =
                named_children(field).into_iter().find(|c| c.kind() == "variable_declaration")?;
            let declarators: Vec<Node> = named_children(declaration)
                .into_iter()
                .filter(|c| c.kind() == "variable_declarator")
                .collect();
            let [declarator] = declarators.as_slice() else { return None };
            let name = declarator.child_by_field_name("name")?;
            let value = named_children(*declarator).into_iter().find(|c| *c != name)?;
            Some(Member { node: field, name, value })
        })
        .collect();
    members(node, text, Language::CSharp, ArmForm::CSharpConst, &list, false)
}

/// `const string X = "…";` and `static readonly string X = "…";` fields, owned by their type.
pub fn constant(node: Node, text: &str) -> Option<Constant> {
    if node.kind() != "variable_declarator" {
        return None;
    }
    let field = node.parent().filter(|p| p.kind() == "variable_declaration")?.parent()?;
    if field.kind() != "field_declaration" {
        return None;
    }
    let fixed = named_children(field)
        .iter()
        .any(|m| m.kind() == "modifier" && matches!(&text[m.byte_range()], "const" | "readonly"));
    let value = named_children(node)
        .into_iter()
        .map(|c| if c.kind() == "equals_value_clause" { c.named_child(0).unwrap_or(c) } else { c })
        .find(|c| STRINGS.contains(&c.kind()))
        .filter(|_| fixed)?;
    let owner = owner_of(
        node,
        text,
        &["class_declaration", "struct_declaration", "interface_declaration", "record_declaration"],
        &[],
    );
    constant_of(node.child_by_field_name("name")?, text, owner, label_of(value, text).into_iter().collect())
}
