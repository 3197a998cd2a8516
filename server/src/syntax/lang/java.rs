//! Java: `switch` (colon groups and arrow rules) and `equals` if-chains.
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
use crate::syntax::table::{Entry, Member, members, table};

/// Node kinds of plain string literals.
pub const STRINGS: &[&str] = &["string_literal"];

/// Node kinds of function declarations, whose bodies a skeleton may blank.
pub const FUNCTIONS: &[&str] = &["method_declaration", "constructor_declaration"];

pub fn java_switch(node: Node, text: &str) -> Option<Construct> {
    let subject = unparenthesize(node.child_by_field_name("condition")?);
    let body = node.child_by_field_name("body")?;
    let groups: Vec<Node> = named_children(body)
        .into_iter()
        .filter(|n| matches!(n.kind(), "switch_block_statement_group" | "switch_rule"))
        .collect();
    let arrows = groups.iter().any(|g| g.kind() == "switch_rule");
    let branches = groups
        .iter()
        .map(|group| {
            let labels_nodes: Vec<Node> =
                named_children(*group).into_iter().filter(|n| n.kind() == "switch_label").collect();
            let guarded = labels_nodes.iter().any(|l| named_children(*l).iter().any(|c| c.kind() == "guard"));
            let labels = labels_nodes.iter().flat_map(|l| literal_labels(*l, text, Language::Java)).collect();
            let is_default = labels_nodes.iter().any(|l| {
                let mut cursor = l.walk();
                l.children(&mut cursor).any(|c| c.kind() == "default")
            });
            let body: Vec<Node> =
                named_children(*group).into_iter().filter(|n| n.kind() != "switch_label").collect();
            let verdict = verdict_of_nodes(text, &body);
            Branch { range: group.byte_range(), labels, is_default, guarded, pattern: None, verdict }
        })
        .collect();
    let (kind, form) = if arrows {
        (ConstructKind::SwitchExpression, ArmForm::JavaRule)
    } else {
        (ConstructKind::Switch, ArmForm::ColonCase)
    };
    let mut construct = new_construct(node, Language::Java, kind, form);
    construct.keyword = keyword_range(node, "switch");
    construct.subject = Some(subject.byte_range());
    construct.branches = branches;
    construct.insertion = if arrows {
        list_insertion(text, &construct, body.end_byte(), &groups, |_| None)
    } else {
        case_insertion(text, &construct, body.end_byte(), &groups, |group| {
            falls_through(
                named_children(*group)
                    .into_iter()
                    .rfind(|n| n.kind() != "switch_label" && !n.kind().contains("comment")),
            )
        })
    };
    Some(construct)
}

const CHAIN: ChainSyntax = ChainSyntax { language: Language::Java, form: ArmForm::JavaElseIf, test };

/// `if (code.equals("A")) {…} else if ("B".equals(code) || code.equals("C")) {…} else {…}`.
pub fn java_if_chain(node: Node, text: &str) -> Option<Construct> {
    if_statement_chain(node, text, ElseStart::Alternative, &CHAIN)
}

/// What a Java condition is: `==`/`!=`/`&&`/`||`, `!`, `a.equals(b)`, `a.equalsIgnoreCase(b)`,
/// `Objects.equals(a, b)`, `Set.of(…).contains(x)` (and `List.of`, `Arrays.asList`).
fn test<'t>(node: Node<'t>, text: &str) -> Test<'t> {
    match node.kind() {
        "parenthesized_expression" => node.named_child(0).map_or(Test::Other, Test::Group),
        "binary_expression" => binary_test(node, text),
        "unary_expression" if operator_of(node, text) == "!" => {
            node.child_by_field_name("operand").map_or(Test::Other, Test::Not)
        }
        "method_invocation" => {
            let Some(name) = node.child_by_field_name("name") else { return Test::Other };
            let object = node.child_by_field_name("object");
            let arguments = node.child_by_field_name("arguments").map(named_children).unwrap_or_default();
            match (&text[name.byte_range()], object, arguments.as_slice()) {
                ("equals" | "equalsIgnoreCase", Some(object), [argument]) => Test::Equals(object, *argument),
                ("equals", Some(object), [a, b]) if &text[object.byte_range()] == "Objects" => {
                    Test::Equals(*a, *b)
                }
                ("contains", Some(object), [argument]) => match collection_items(object, text) {
                    Some(items) => Test::In(*argument, items),
                    None => Test::Other,
                },
                _ => Test::Other,
            }
        }
        _ => Test::Other,
    }
}

/// The items of `Set.of("A", "B")`, `List.of(…)` or `Arrays.asList(…)`.
fn collection_items<'t>(node: Node<'t>, text: &str) -> Option<Vec<Node<'t>>> {
    if node.kind() != "method_invocation" {
        return None;
    }
    let object = &text[node.child_by_field_name("object")?.byte_range()];
    let name = &text[node.child_by_field_name("name")?.byte_range()];
    match (object, name) {
        ("Set" | "List", "of") | ("Arrays", "asList") => {
            Some(named_children(node.child_by_field_name("arguments")?))
        }
        _ => None,
    }
}

/// `Map.of("AIS.0101", "…", "AIS.0102", "…")` and `Map.ofEntries(Map.entry("AIS.0101", "…"), …)`.
pub fn java_map(node: Node, text: &str) -> Option<Construct> {
    let object = &text[node.child_by_field_name("object")?.byte_range()];
    let name = &text[node.child_by_field_name("name")?.byte_range()];
    let arguments = named_children(node.child_by_field_name("arguments")?);
    let entries: Vec<Entry> = match (object, name) {
        ("Map", "of") => {
            if arguments.len() % 2 != 0 {
                return None;
            }
            arguments
                .chunks(2)
                .map(|pair| Entry {
                    range: pair[0].start_byte()..pair[1].end_byte(),
                    key: pair[0],
                    value: pair[1],
                })
                .collect()
        }
        ("Map", "ofEntries") => arguments
            .iter()
            .map(|entry| {
                let is_entry = entry.kind() == "method_invocation"
                    && entry.child_by_field_name("name").is_some_and(|n| &text[n.byte_range()] == "entry");
                let pair = named_children(entry.child_by_field_name("arguments").filter(|_| is_entry)?);
                let [key, value] = pair.as_slice() else { return None };
                Some(Entry { range: entry.byte_range(), key: *key, value: *value })
            })
            .collect::<Option<Vec<Entry>>>()?,
        _ => return None,
    };
    table(node, text, Language::Java, ArmForm::JavaMapEntry, &entries)
}

/// A block of `put` calls on one map, the way Java code fills a table before `Map.of` existed:
///
/// ```java
/// static {
///     MESSAGES.put("AIS.0101", "…");
///     MESSAGES.put("AIS.0102", "…");
/// }
/// ```
///
/// and the instance initialiser of `new HashMap<>() {{ put("AIS.0101", "…"); }}`. The first run
/// of `put` statements on one receiver is the table; new entries are more `put` statements.
pub fn java_put_block(node: Node, text: &str) -> Option<Construct> {
    let put = |statement| put_statement(statement, text);
    let statements: Vec<Node> =
        named_children(node).into_iter().filter(|n| !n.kind().contains("comment")).collect();
    let start = statements.iter().position(|s| put(*s).is_some())?;
    let (receiver, _) = put(statements[start])?;
    let entries: Vec<Entry> = statements[start..]
        .iter()
        .map_while(|s| put(*s).filter(|(r, _)| *r == receiver).map(|(_, entry)| entry))
        .collect();
    let mut construct = table(node, text, Language::Java, ArmForm::JavaPutStatement, &entries)?;
    let first = entries.first()?;
    construct.keyword = first.range.start..first.key.start_byte();
    if let Some(insertion) = &mut construct.insertion {
        // Statements end with `;`: no separator goes between them.
        insertion.comma_at = None;
    }
    Some(construct)
}

/// `receiver.put(key, value);` as the receiver's text (empty without one) and the entry.
fn put_statement<'t>(statement: Node<'t>, text: &str) -> Option<(String, Entry<'t>)> {
    let call = (statement.kind() == "expression_statement").then(|| statement.named_child(0))??;
    if call.kind() != "method_invocation" || &text[call.child_by_field_name("name")?.byte_range()] != "put" {
        return None;
    }
    let receiver = call.child_by_field_name("object").map_or("", |o| &text[o.byte_range()]);
    let arguments = named_children(call.child_by_field_name("arguments")?);
    let [key, value] = arguments.as_slice() else { return None };
    Some((receiver.to_owned(), Entry { range: statement.byte_range(), key: *key, value: *value }))
}

/// `static final String X = "…"` (and an interface's fields, constant by definition), and an
/// enum constant with string arguments, `INVALID_PARAM("AIS.0101", "Invalid parameter")`.
pub fn constant(node: Node, text: &str) -> Option<Constant> {
    const OWNERS: &[&str] =
        &["class_declaration", "interface_declaration", "enum_declaration", "record_declaration"];
    match node.kind() {
        "variable_declarator" => {
            let declaration = node.parent()?;
            let fixed = match declaration.kind() {
                "constant_declaration" => true,
                "field_declaration" => named_children(declaration)
                    .iter()
                    .any(|c| c.kind() == "modifiers" && text[c.byte_range()].contains("final")),
                _ => false,
            };
            let value =
                node.child_by_field_name("value").filter(|v| v.kind() == "string_literal" && fixed)?;
            let owner = owner_of(node, text, OWNERS, &[]);
            constant_of(
                node.child_by_field_name("name")?,
                text,
                owner,
                label_of(value, text).into_iter().collect(),
            )
        }
        "enum_constant" => {
            let arguments = node.child_by_field_name("arguments")?;
            let values = named_children(arguments)
                .into_iter()
                .filter(|a| a.kind() == "string_literal")
                .filter_map(|a| label_of(a, text))
                .collect();
            constant_of(node.child_by_field_name("name")?, text, owner_of(node, text, OWNERS, &[]), values)
        }
        _ => None,
    }
}

/// An enum whose constants carry a code among their arguments,
/// `enum GatewayError { TIMEOUT("APIG.0201", true), … }`: each constant's value is its first string
/// argument without a space (a message has spaces, a code none), and a new constant copies the
/// first one's other arguments, with the new code's message in place of a string argument.
pub fn java_enum(node: Node, text: &str) -> Option<Construct> {
    let body = node.child_by_field_name("body")?;
    let is_code_like = |a: &Node| {
        a.kind() == "string_literal"
            && label_of(*a, text).is_some_and(|l| !l.value.contains(char::is_whitespace))
    };
    let list: Vec<Member> = named_children(body)
        .into_iter()
        .filter(|c| c.kind() == "enum_constant")
        .map(|constant| {
            let arguments = named_children(constant.child_by_field_name("arguments")?);
            let value = arguments.iter().find(|a| is_code_like(a))?;
            Some(Member { node: constant, name: constant.child_by_field_name("name")?, value: *value })
        })
        .collect::<Option<Vec<Member>>>()?;
    let first = list.first()?;
    let mut construct = members(node, text, Language::Java, ArmForm::JavaEnumConstant, &list, true)?;
    // The first constant's message, if it has one, is replaced by each new code's own.
    let message = named_children(first.node.child_by_field_name("arguments")?)
        .into_iter()
        .filter(|a| a.kind() == "string_literal" && a.start_byte() > first.value.end_byte())
        .find_map(|a| label_of(a, text));
    if let (Some(template), Some(message)) = (construct.member_template.as_mut(), message) {
        let base = first.value.end_byte();
        template.message = Some(message.range.start - base..message.range.end - base);
    }
    Some(construct)
}
