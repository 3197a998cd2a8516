//! Rust: `match` expressions and `if`/`else if` chains.
//!
//! **Invariant:** this grammar's node names stay here; the result is a language-neutral
//! [`Construct`].

use tree_sitter::Node;

use crate::syntax::Language;
use crate::syntax::chain::{ChainSyntax, Clause, Test, binary_test, chain};
use crate::syntax::constants::{constant as constant_of, owner_of};
use crate::syntax::layout::*;
use crate::syntax::model::{ArmForm, Branch, Constant, Construct, ConstructKind, MemberTemplate};
use crate::syntax::nodes::*;
use crate::syntax::table::table;

/// Node kinds of plain string literals.
pub const STRINGS: &[&str] = &["string_literal", "raw_string_literal"];

/// Node kinds of function declarations, whose bodies a skeleton may blank.
pub const FUNCTIONS: &[&str] = &["function_item"];

pub fn rust_match(node: Node, text: &str) -> Option<Construct> {
    let subject = node.child_by_field_name("value")?;
    let body = node.child_by_field_name("body")?;
    let arms: Vec<Node> = named_children(body).into_iter().filter(|n| n.kind() == "match_arm").collect();
    let branches = arms
        .iter()
        .map(|arm| {
            let pattern = arm.child_by_field_name("pattern");
            let guard = pattern.and_then(|p| p.child_by_field_name("condition"));
            let skip_guard = |n: Node| Some(n) == guard;
            let mut labels =
                pattern.map(|p| labels_in(p, text, Language::Rust, &skip_guard)).unwrap_or_default();
            if labels.is_empty() {
                // `ErrorCode::INVALID => …`, `codes::A | codes::B => …`: constants as patterns.
                labels = pattern
                    .map(|p| pattern_names(p, text, &["match_pattern", "or_pattern"], &skip_guard, 1))
                    .unwrap_or_default();
            }
            let pattern_text = match (pattern, guard) {
                (Some(p), None) => &text[p.byte_range()],
                _ => "",
            };
            Branch {
                range: arm.byte_range(),
                labels,
                is_default: guard.is_none() && is_binding_name(pattern_text),
                guarded: guard.is_some(),
                pattern: pattern.filter(|_| guard.is_none()).map(|p| p.byte_range()),
                verdict: arm.child_by_field_name("value").and_then(|v| verdict_of(text, v.byte_range())),
            }
        })
        .collect();
    let mut construct = new_construct(node, Language::Rust, ConstructKind::Match, ArmForm::RustArm);
    construct.keyword = keyword_range(node, "match");
    construct.subject = Some(subject.byte_range());
    construct.branches = branches;
    construct.insertion = list_insertion(text, &construct, body.end_byte(), &arms, |arm| {
        // An arm needs a `,` after it unless it already ends with one or with a block.
        let arm_text = &text[arm.byte_range()];
        (!arm_text.ends_with(',') && !arm_text.ends_with('}')).then_some(arm.end_byte())
    });
    Some(construct)
}

const CHAIN: ChainSyntax = ChainSyntax { language: Language::Rust, form: ArmForm::RustElseIf, test };

/// `if code == "A" { … } else if ["B", "C"].contains(&code) { … } else { … }`.
pub fn rust_if_chain(node: Node, text: &str) -> Option<Construct> {
    // Only the head of a chain: an `if` in an `else` belongs to the chain above it.
    if node.parent().is_some_and(|p| p.kind() == "else_clause") {
        return None;
    }
    let mut clauses = Vec::new();
    let mut current = node;
    loop {
        let condition = current.child_by_field_name("condition")?;
        if condition.kind() == "let_condition" || condition.kind() == "let_chain" {
            return None;
        }
        clauses.push(Clause {
            start: current.start_byte(),
            condition: Some(condition),
            body: current.child_by_field_name("consequence")?,
        });
        let Some(alternative) = current.child_by_field_name("alternative") else { break };
        let next = alternative.named_child(0)?;
        if next.kind() == "if_expression" {
            current = next;
        } else {
            clauses.push(Clause { start: alternative.start_byte(), condition: None, body: next });
            break;
        }
    }
    chain(node, text, &clauses, &CHAIN)
}

fn test<'t>(node: Node<'t>, text: &str) -> Test<'t> {
    match node.kind() {
        "parenthesized_expression" => node.named_child(0).map_or(Test::Other, Test::Group),
        "binary_expression" => binary_test(node, text),
        "unary_expression" if text[node.byte_range()].starts_with('!') => {
            node.named_child(0).map_or(Test::Other, Test::Not)
        }
        // `["A", "B"].contains(&code)`, `code.eq("A")`.
        "call_expression" => {
            let (Some(function), Some(arguments)) =
                (node.child_by_field_name("function"), node.child_by_field_name("arguments"))
            else {
                return Test::Other;
            };
            let (Some(object), Some(method)) =
                (function.child_by_field_name("value"), function.child_by_field_name("field"))
            else {
                return Test::Other;
            };
            let arguments = named_children(arguments);
            let [argument] = arguments.as_slice() else { return Test::Other };
            let argument = unreference(*argument);
            match (&text[method.byte_range()], object.kind()) {
                ("contains", "array_expression") => Test::In(argument, named_children(object)),
                ("eq" | "eq_ignore_ascii_case", _) => Test::Equals(object, argument),
                _ => Test::Other,
            }
        }
        _ => Test::Other,
    }
}

/// `&code` → `code`.
fn unreference(node: Node) -> Node {
    match node.kind() {
        "reference_expression" => node.child_by_field_name("value").unwrap_or(node),
        _ => node,
    }
}

/// `HashMap::from([("AIS.0101", "…"), ("AIS.0102", "…")])` (and `BTreeMap`, `IndexMap`).
pub fn rust_map(node: Node, text: &str) -> Option<Construct> {
    let function = &text[node.child_by_field_name("function")?.byte_range()];
    if !matches!(function, "HashMap::from" | "BTreeMap::from" | "IndexMap::from") {
        return None;
    }
    let list = node.child_by_field_name("arguments")?.named_child(0)?;
    if list.kind() != "array_expression" {
        return None;
    }
    let entries = entries_of(list, |child| {
        let pair = named_children(child);
        match (child.kind(), pair.as_slice()) {
            ("tuple_expression", [key, value]) => Some((*key, *value)),
            _ => None,
        }
    })?;
    table(node, text, Language::Rust, ArmForm::RustTupleEntry, &entries)
}

/// `const X: &str = "…";`, `static X: &str = "…";`, and an associated constant in an `impl`
/// (owned by the type), or an enum variant renamed to a string by serde.
pub fn constant(node: Node, text: &str) -> Option<Constant> {
    match node.kind() {
        "const_item" | "static_item" => {
            let value = node.child_by_field_name("value").filter(|v| STRINGS.contains(&v.kind()))?;
            let owner = node
                .parent()
                .filter(|p| p.kind() == "declaration_list")
                .and_then(|p| p.parent())
                .filter(|p| p.kind() == "impl_item")
                .and_then(|p| p.child_by_field_name("type"))
                .map(|t| text[t.byte_range()].to_owned());
            constant_of(
                node.child_by_field_name("name")?,
                text,
                owner,
                label_of(value, text).into_iter().collect(),
            )
        }
        "enum_variant" => {
            let rename = serde_rename(node, text)?;
            let owner = owner_of(node, text, &["enum_item"], &[]);
            constant_of(
                node.child_by_field_name("name")?,
                text,
                owner,
                label_of(rename, text).into_iter().collect(),
            )
        }
        _ => None,
    }
}

/// The string of a `#[serde(rename = "…")]` attribute right before `variant` (among its other
/// attributes); `rename_all` names a case convention, not a value.
fn serde_rename<'t>(variant: Node<'t>, text: &str) -> Option<Node<'t>> {
    let mut previous = variant.prev_named_sibling();
    while let Some(attribute) =
        previous.filter(|p| p.kind() == "attribute_item" || p.kind().contains("comment"))
    {
        if attribute.kind() == "attribute_item"
            && let Some(inner) = attribute.named_child(0)
            && inner.named_child(0).is_some_and(|path| &text[path.byte_range()] == "serde")
            && let Some(arguments) = inner.child_by_field_name("arguments")
        {
            let tokens = children(arguments);
            for (i, token) in tokens.iter().enumerate() {
                if &text[token.byte_range()] == "rename"
                    && tokens.get(i + 1).is_some_and(|t| &text[t.byte_range()] == "=")
                    && let Some(value) = tokens.get(i + 2).filter(|t| STRINGS.contains(&t.kind()))
                {
                    return Some(*value);
                }
            }
        }
        previous = attribute.prev_named_sibling();
    }
    None
}

/// `enum ErrorCode { #[serde(rename = "AIS.0101")] InvalidParam, … }`: variants renamed to codes
/// by serde. A new variant is written like the first, attribute and all.
pub fn rust_serde_enum(node: Node, text: &str) -> Option<Construct> {
    let body = node.child_by_field_name("body")?;
    let variants: Vec<(Node, Node, Node)> = named_children(body)
        .into_iter()
        .filter(|c| c.kind() == "enum_variant")
        .filter_map(|variant| {
            let value = serde_rename(variant, text)?;
            let attribute = value.parent()?.parent()?.parent()?;
            Some((attribute, variant, value))
        })
        .collect();
    let (first_attribute, first_variant, first_value) = *variants.first()?;
    let first_name = first_variant.child_by_field_name("name")?;
    let branches = variants
        .iter()
        .map(|(attribute, variant, value)| Branch {
            range: attribute.start_byte()..variant.end_byte(),
            labels: label_of(*value, text).into_iter().collect(),
            is_default: false,
            guarded: false,
            pattern: None,
            verdict: None,
        })
        .collect();
    let mut construct = new_construct(node, Language::Rust, ConstructKind::Enum, ArmForm::RustSerdeVariant);
    construct.keyword = node.child_by_field_name("name")?.byte_range();
    construct.subject = None;
    construct.member_template = Some(MemberTemplate {
        before_name: text[first_attribute.start_byte()..first_value.start_byte()].to_owned(),
        between: text[first_value.end_byte()..first_name.start_byte()].to_owned(),
        after: text[first_name.end_byte()..first_variant.end_byte()].to_owned(),
        message: None,
        value_first: true,
    });
    construct.branches = branches;
    let nodes: Vec<Node> = variants.iter().map(|(_, v, _)| *v).collect();
    construct.insertion = list_insertion(text, &construct, body.end_byte(), &nodes, |last| {
        (!text[last.end_byte()..].trim_start().starts_with(',')).then_some(last.end_byte())
    });
    Some(construct)
}
