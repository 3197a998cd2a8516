//! Python: `match` statements and `if`/`elif` chains.
//!
//! **Invariant:** this grammar's node names stay here; the result is a language-neutral
//! [`Construct`].

use tree_sitter::Node;

use crate::syntax::Language;
use crate::syntax::chain::{ChainSyntax, Clause, Test, chain, early_exit_run};
use crate::syntax::constants::constant as constant_of;
use crate::syntax::layout::*;
use crate::syntax::model::Constant;
use crate::syntax::model::{ArmForm, Branch, Construct, ConstructKind};
use crate::syntax::nodes::*;
use crate::syntax::table::table;
use crate::syntax::table::{Member, members};

/// Node kinds of plain string literals.
pub const STRINGS: &[&str] = &["string"];

/// Node kinds of function declarations, whose bodies a skeleton may blank.
pub const FUNCTIONS: &[&str] = &["function_definition"];

pub fn python_match(node: Node, text: &str) -> Option<Construct> {
    let subject = node.child_by_field_name("subject")?;
    let body = node.child_by_field_name("body")?;
    let cases: Vec<Node> = named_children(body).into_iter().filter(|n| n.kind() == "case_clause").collect();
    let branches = cases
        .iter()
        .map(|case| {
            let guard = case.child_by_field_name("guard");
            let patterns: Vec<Node> =
                named_children(*case).into_iter().filter(|n| n.kind() == "case_pattern").collect();
            let mut labels: Vec<_> =
                patterns.iter().flat_map(|p| labels_in(*p, text, Language::Python, &no_skip)).collect();
            if labels.is_empty() {
                // `case Codes.INVALID:` is a value pattern; a lone name would be a capture.
                labels = patterns
                    .iter()
                    .flat_map(|p| pattern_names(*p, text, &["case_pattern", "union_pattern"], &no_skip, 2))
                    .collect();
            }
            let irrefutable = patterns.len() == 1 && is_binding_name(&text[patterns[0].byte_range()]);
            Branch {
                range: case.byte_range(),
                labels,
                is_default: guard.is_none() && irrefutable,
                guarded: guard.is_some(),
                pattern: (patterns.len() == 1 && guard.is_none()).then(|| patterns[0].byte_range()),
                verdict: case
                    .child_by_field_name("consequence")
                    .and_then(|b| verdict_of(text, b.byte_range())),
            }
        })
        .collect();
    let mut construct = new_construct(node, Language::Python, ConstructKind::Match, ArmForm::PythonCase);
    construct.keyword = keyword_range(node, "match");
    construct.subject = Some(subject.byte_range());
    construct.branches = branches;
    // Python blocks have no closing delimiter: new cases always go on lines of their own.
    construct.insertion = list_insertion(text, &construct, usize::MAX, &cases, |_| None);
    Some(construct)
}

const CHAIN: ChainSyntax = ChainSyntax { language: Language::Python, form: ArmForm::PythonElif, test };

/// `if code == "A": … elif code in ("B", "C"): … else: …`.
pub fn python_if_chain(node: Node, text: &str) -> Option<Construct> {
    let consequence = node.child_by_field_name("consequence")?;
    let mut clauses = vec![Clause {
        start: node.start_byte(),
        condition: Some(node.child_by_field_name("condition")?),
        body: consequence,
    }];
    if node.child_by_field_name("alternative").is_none() {
        return early_exit_run(node, text, &CHAIN, exit_clause);
    }
    let mut cursor = node.walk();
    for alternative in node.children_by_field_name("alternative", &mut cursor) {
        match alternative.kind() {
            "elif_clause" => clauses.push(Clause {
                start: alternative.start_byte(),
                condition: Some(alternative.child_by_field_name("condition")?),
                body: alternative.child_by_field_name("consequence")?,
            }),
            "else_clause" => clauses.push(Clause {
                start: alternative.start_byte(),
                condition: None,
                body: alternative.child_by_field_name("body")?,
            }),
            _ => return None,
        }
    }
    chain(node, text, &clauses, &CHAIN)
}

/// The clause of `if code == "A": return …`: an `if` without `elif`/`else` whose block ends
/// with `return` or `raise`.
fn exit_clause(node: Node) -> Option<Clause> {
    if node.kind() != "if_statement" || node.child_by_field_name("alternative").is_some() {
        return None;
    }
    let body = node.child_by_field_name("consequence")?;
    (!falls_through(Some(body))).then(|| Clause {
        start: node.start_byte(),
        condition: node.child_by_field_name("condition"),
        body,
    })
}

/// What a Python condition is: `s == "A"`, `s in ("A", "B")`, `s and s == "A"`, `a or b`, `not a`.
fn test<'t>(node: Node<'t>, text: &str) -> Test<'t> {
    match node.kind() {
        "parenthesized_expression" => node.named_child(0).map_or(Test::Other, Test::Group),
        "boolean_operator" => {
            let (Some(left), Some(right)) =
                (node.child_by_field_name("left"), node.child_by_field_name("right"))
            else {
                return Test::Other;
            };
            match node.child_by_field_name("operator").map(|o| o.kind()) {
                Some("or") => Test::Or(left, right),
                Some("and") => Test::And(left, right),
                _ => Test::Other,
            }
        }
        "not_operator" => node.child_by_field_name("argument").map_or(Test::Other, Test::Not),
        "comparison_operator" => {
            let operands = named_children(node);
            let operators: Vec<&str> = {
                let mut cursor = node.walk();
                node.children_by_field_name("operators", &mut cursor).map(|o| &text[o.byte_range()]).collect()
            };
            let [left, right] = operands.as_slice() else { return Test::Other };
            let items = || match right.kind() {
                "tuple" | "list" | "set" => named_children(*right),
                _ => Vec::new(),
            };
            match operators.as_slice() {
                ["=="] => Test::Equals(*left, *right),
                ["!="] => Test::NotEquals(*left, *right),
                ["in"] => Test::In(*left, items()),
                ["not", "in"] | ["not in"] => Test::NotIn(items()),
                _ => Test::Other,
            }
        }
        _ => Test::Other,
    }
}

/// `{"AIS.0101": "…", "AIS.0102": "…"}`.
pub fn python_dict(node: Node, text: &str) -> Option<Construct> {
    let entries = entries_of(node, |child| {
        (child.kind() == "pair")
            .then(|| Some((child.child_by_field_name("key")?, child.child_by_field_name("value")?)))?
    })?;
    table(node, text, Language::Python, ArmForm::PythonDictEntry, &entries)
}

/// `class Codes(str, Enum): BAD = "AIS.0101"` — other statements (docstring, methods) aside.
pub fn python_enum(node: Node, text: &str) -> Option<Construct> {
    let bases = &text[node.child_by_field_name("superclasses")?.byte_range()];
    if !bases.contains("Enum") {
        return None;
    }
    let body = node.child_by_field_name("body")?;
    let list: Vec<Member> = named_children(body)
        .into_iter()
        .filter_map(|statement| {
            let assignment = statement.named_child(0).filter(|a| a.kind() == "assignment")?;
            Some(Member {
                node: statement,
                name: assignment.child_by_field_name("left")?,
                value: assignment.child_by_field_name("right")?,
            })
        })
        .collect();
    members(node, text, Language::Python, ArmForm::PythonEnumMember, &list, false)
}

/// `X = "…"` at module level or in a class body (an `Enum`'s members among them).
pub fn constant(node: Node, text: &str) -> Option<Constant> {
    if node.kind() != "assignment" {
        return None;
    }
    let name = node.child_by_field_name("left").filter(|l| l.kind() == "identifier")?;
    let value = node.child_by_field_name("right").filter(|r| r.kind() == "string")?;
    let statement = node.parent().filter(|p| p.kind() == "expression_statement")?;
    let owner = match statement.parent()?.kind() {
        "module" => None,
        "block" => {
            let class = statement.parent()?.parent().filter(|c| c.kind() == "class_definition")?;
            Some(text[class.child_by_field_name("name")?.byte_range()].to_owned())
        }
        _ => return None,
    };
    constant_of(name, text, owner, label_of(value, text).into_iter().collect())
}
