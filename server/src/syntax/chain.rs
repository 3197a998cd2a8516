//! If/else-if chains, the same way in every language: a language's module splits a chain into
//! [`Clause`]s and says what each condition node is ([`Test`]); this module decides whether the
//! chain branches on one expression's value and builds the [`Construct`].
//!
//! A clause tests codes when its condition, parentheses aside, is
//! - an equality of the subject with a string literal or a constant (`code == ErrCodes.INVALID`,
//!   `ErrCodes.INVALID.equals(code)`: a *named* label analysis resolves), either way round (`==`, `===`,
//!   `.equals(…)`, `Objects.equals`, `string.Equals`, `strings.EqualFold`, …);
//! - a membership test of the subject in literals (`in (…)`, `[…].includes(…)`, `in_array`, …);
//! - a disjunction of such tests (several labels in one branch);
//! - such a test joined by a conjunction with guards that mention the subject or its base
//!   (`info && info.code === 'A'`, `code != null && code.equals("A")`).
//!
//! Every clause but a final `else` must test codes, all on the same subject (compared as text,
//! whitespace aside), and at least two must: a negated test (`code != "A"`, `!code.equals("A")`)
//! or any other condition means the chain is not a value dispatch.
//!
//! **Invariant:** no node kind is named here; the language modules translate theirs into
//! [`Test`]s.

use std::ops::Range;

use tree_sitter::Node;

use super::Language;
use super::layout::{after, before, line_indent, new_construct, starts_line};
use super::model::{ArmForm, Branch, Construct, ConstructKind, InsertMode, Insertion, Label};
use super::nodes::{
    deeper_than, falls_through, is_string_literal, label_of, name_label, operator_of, same_subject,
    verdict_of,
};

/// How deeply a condition may nest (`a || b || …` nests one level per operator) before the
/// chain is left unread: the readers recurse over conditions, and no hand-written test of codes
/// comes near this.
const MAX_CONDITION_DEPTH: usize = 200;

/// One `if`, `else if`/`elif`/`elseif` or `else` of a chain.
pub struct Clause<'t> {
    /// Where the clause starts (its keyword).
    pub start: usize,
    /// The condition; `None` for the final `else`.
    pub condition: Option<Node<'t>>,
    pub body: Node<'t>,
}

/// Where a C-family chain's final `else` clause starts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ElseStart {
    /// At the `alternative` node itself (Java, C#: the grammar includes the keyword).
    Alternative,
    /// At the `else` keyword before the block (Go: the block alone is the alternative).
    Keyword,
}

/// The clauses of an `if_statement` chain whose `alternative` field holds the next
/// `if_statement` or the final `else` body (Go, Java, C#). `None` when `node` is itself the
/// `else` of another `if` (it belongs to that chain) or a clause lacks a part.
pub fn if_statement_clauses<'t>(
    node: Node<'t>,
    text: &str,
    else_start: ElseStart,
) -> Option<Vec<Clause<'t>>> {
    if node
        .parent()
        .is_some_and(|p| p.kind() == "if_statement" && p.child_by_field_name("alternative") == Some(node))
    {
        return None;
    }
    let mut clauses = Vec::new();
    let mut current = node;
    loop {
        clauses.push(Clause {
            start: current.start_byte(),
            condition: Some(current.child_by_field_name("condition")?),
            body: current.child_by_field_name("consequence")?,
        });
        match current.child_by_field_name("alternative") {
            Some(next) if next.kind() == "if_statement" => current = next,
            Some(other) => {
                let start = match else_start {
                    ElseStart::Alternative => other.start_byte(),
                    ElseStart::Keyword => {
                        text[..other.start_byte()].rfind("else").unwrap_or(other.start_byte())
                    }
                };
                clauses.push(Clause { start, condition: None, body: other });
                break;
            }
            None => break,
        }
    }
    Some(clauses)
}

/// The clause of `if (…) return …;` in the grammars whose `if_statement` has `consequence`
/// and `alternative` fields (Go, Java, C#, JavaScript): an `if` without `else` whose body
/// cannot fall through.
pub fn if_statement_exit_clause<'t>(node: Node<'t>, text: &str) -> Option<Clause<'t>> {
    if node.kind() != "if_statement" || node.child_by_field_name("alternative").is_some() {
        return None;
    }
    let body = node.child_by_field_name("consequence")?;
    // Go leaves with `panic(…)` as other languages throw.
    let panics = || {
        let last = text[body.byte_range()].trim_end().trim_end_matches(['}', ';']).trim_end();
        last.lines().next_back().is_some_and(|l| l.trim_start().starts_with("panic("))
    };
    (!falls_through(Some(body)) || panics()).then(|| Clause {
        start: node.start_byte(),
        condition: node.child_by_field_name("condition"),
        body,
    })
}

/// The construct an `if_statement` starts in the grammars that share its fields (Go, Java, C#):
/// an if/else-if chain, or, for an `if` without `else`, the run of early exits it heads.
pub fn if_statement_chain(
    node: Node,
    text: &str,
    else_start: ElseStart,
    syntax: &ChainSyntax,
) -> Option<Construct> {
    let clauses = if_statement_clauses(node, text, else_start)?;
    if clauses.len() == 1 {
        return early_exit_run(node, text, syntax, |n| if_statement_exit_clause(n, text));
    }
    chain(node, text, &clauses, syntax)
}

/// A `binary_expression` with `left` and `right` fields, read by its operator: the logical and
/// equality operators of the C-family grammars (Go, Java, C#, JavaScript, TypeScript, PHP, Rust),
/// in every spelling they have between them (`===`, PHP's `or`, `and`, `<>`).
pub fn binary_test<'t>(node: Node<'t>, text: &str) -> Test<'t> {
    let (Some(left), Some(right)) = (node.child_by_field_name("left"), node.child_by_field_name("right"))
    else {
        return Test::Other;
    };
    match operator_of(node, text).to_ascii_lowercase().as_str() {
        "||" | "or" => Test::Or(left, right),
        "&&" | "and" => Test::And(left, right),
        "==" | "===" => Test::Equals(left, right),
        "!=" | "!==" | "<>" => Test::NotEquals(left, right),
        _ => Test::Other,
    }
}

/// What a condition node is, in words every language shares.
pub enum Test<'t> {
    /// `a || b`, `a or b`.
    Or(Node<'t>, Node<'t>),
    /// `a && b`, `a and b`.
    And(Node<'t>, Node<'t>),
    /// `!a`, `not a`.
    Not(Node<'t>),
    /// Two operands compared for equality, either way round.
    Equals(Node<'t>, Node<'t>),
    /// Two operands compared for inequality.
    NotEquals(Node<'t>, Node<'t>),
    /// The subject, and the items of the collection it is looked up in.
    In(Node<'t>, Vec<Node<'t>>),
    /// A lookup in a collection found absent (`code not in (…)`).
    NotIn(Vec<Node<'t>>),
    /// Parentheses around a condition.
    Group(Node<'t>),
    /// Anything else (a call, a name, `instanceof`, `typeof`): a guard at most.
    Other,
}

/// How a language's chains read and are written.
pub struct ChainSyntax {
    pub language: Language,
    pub form: ArmForm,
    /// What a condition node is.
    pub test: for<'t> fn(Node<'t>, &str) -> Test<'t>,
}

/// The construct a chain of `clauses` starting at `head` forms, if it tests codes.
pub fn chain(head: Node, text: &str, clauses: &[Clause], syntax: &ChainSyntax) -> Option<Construct> {
    let mut reader = Reader { text, syntax, subject: None, guards: Vec::new() };
    let mut branches = Vec::new();
    let mut last_tested = None;
    for clause in clauses {
        let range = clause.start..clause.body.end_byte();
        let verdict = verdict_of(text, clause.body.byte_range());
        match clause.condition {
            Some(condition) => {
                if deeper_than(condition, MAX_CONDITION_DEPTH) {
                    return None;
                }
                // Clauses ahead of the dispatch that test something else and name no literal
                // (`if (response == null) … else if (code.equals("A")) …`) are not part of it.
                let labels = match reader.labels(condition) {
                    Some(labels) => labels,
                    None if last_tested.is_none() && !holds_string_literal(condition, syntax.language) => {
                        continue;
                    }
                    None => return None,
                };
                let inner = reader.strip(condition);
                let pattern = (labels.len() == 1).then(|| inner.byte_range());
                branches.push(Branch { range, labels, is_default: false, guarded: false, pattern, verdict });
                last_tested = Some(clause);
            }
            None => branches.push(Branch {
                range,
                labels: Vec::new(),
                is_default: true,
                guarded: false,
                pattern: None,
                verdict,
            }),
        }
    }
    if branches.iter().filter(|b| !b.is_default).count() < 2 || !reader.guards_fit() {
        return None;
    }
    let last_tested = last_tested?;
    let mut construct = new_construct(head, syntax.language, ConstructKind::IfChain, syntax.form);
    let keyword = if syntax.form == ArmForm::KotlinWhenCondition { "when" } else { "if" };
    construct.keyword = head.start_byte()..head.start_byte() + keyword.len();
    construct.subject = reader.subject;
    construct.arm_indent = line_indent(text, head.start_byte()).to_owned();
    construct.brace_on_own_line = clauses
        .iter()
        .any(|c| text[c.body.byte_range()].starts_with('{') && starts_line(text, c.body.start_byte()));
    construct.insertion = if syntax.form == ArmForm::KotlinWhenCondition {
        // Entries of a `when` are lines: new ones go before `else`, or after the last entry.
        let first = clauses.first()?.start;
        if starts_line(text, first) {
            construct.arm_indent = line_indent(text, first).to_owned();
        }
        Some(match branches.iter().find(|b| b.is_default) {
            Some(default) => before(text, default.range.start),
            None => after(text, last_tested.body.end_byte(), head.end_byte().saturating_sub(1)),
        })
    } else if syntax.form == ArmForm::PythonElif {
        // Python blocks have no closing delimiter: a new `elif` is a line of its own.
        Some(match branches.iter().find(|b| b.is_default) {
            Some(default) => before(text, default.range.start),
            None => after(text, head.end_byte(), usize::MAX),
        })
    } else {
        // A new `else if` goes right after the last tested block, before any `else`.
        let end = last_tested.body.end_byte();
        text[..end].ends_with('}').then_some(Insertion {
            offset: end,
            mode: InsertMode::AfterBlock,
            comma_at: None,
        })
    };
    construct.branches = branches;
    Some(construct)
}

/// A run of separate `if`s without `else` that each leave the function (`return`, `throw`),
/// testing one subject — the early-return form of an if-chain:
///
/// ```text
/// if (code === "AIS.0101") return "bad image";
/// if (code === "AIS.0102") { return "too large"; }
/// return "unknown";
/// ```
///
/// `exit_clause` gives the clause of an `if` that has no `else` and whose body cannot fall
/// through, `None` for any other statement. The construct is built at the run's first `if` that
/// tests the subject (a leading `if (!code) return …` guard is not part of it); the others
/// answer `None`, so the run is read once. Whatever follows the run is its fallback; new
/// branches are `if`s after the last one.
pub fn early_exit_run<'t>(
    node: Node<'t>,
    text: &str,
    syntax: &ChainSyntax,
    exit_clause: impl Fn(Node<'t>) -> Option<Clause<'t>>,
) -> Option<Construct> {
    exit_clause(node)?;
    let is_comment = |n: &Node| n.kind().contains("comment");
    // The statements of the run around `node`, in order.
    let mut first = node;
    while let Some(previous) = prev_statement(first, &is_comment)
        && exit_clause(previous).is_some()
    {
        first = previous;
    }
    let mut run = vec![first];
    let mut current = first;
    while let Some(next) = next_statement(current, &is_comment)
        && exit_clause(next).is_some()
    {
        run.push(next);
        current = next;
    }
    // Consecutive `if`s testing the same subject form one chain; the one holding `node`
    // is read here if `node` starts it.
    let subjects: Vec<Option<String>> = run
        .iter()
        .map(|statement| {
            let clause = exit_clause(*statement)?;
            let mut reader = Reader { text, syntax, subject: None, guards: Vec::new() };
            reader.labels(clause.condition?)?;
            let subject = reader.subject?;
            Some(text[subject].split_whitespace().collect())
        })
        .collect();
    let at = run.iter().position(|s| *s == node)?;
    let subject = subjects[at].as_ref()?;
    if at > 0 && subjects[at - 1].as_ref() == Some(subject) {
        return None;
    }
    let end = at + subjects[at..].iter().take_while(|s| s.as_ref() == Some(subject)).count();
    let members = &run[at..end];
    let clauses: Vec<Clause> = members.iter().map(|m| exit_clause(*m)).collect::<Option<_>>()?;
    let mut construct = chain(node, text, &clauses, syntax)?;
    let last = members.last()?;
    construct.range = node.start_byte()..last.end_byte();
    construct.separate_ifs = true;
    construct.insertion = Some(if syntax.form == ArmForm::PythonElif {
        // Python blocks have no closing delimiter: a new `if` is a line of its own.
        after(text, last.end_byte(), usize::MAX)
    } else {
        Insertion { offset: last.end_byte(), mode: InsertMode::AfterBlock, comma_at: None }
    });
    Some(construct)
}

/// Whether a string literal appears anywhere in `node`.
fn holds_string_literal(node: Node, language: Language) -> bool {
    let mut cursor = node.walk();
    let mut stack = vec![node];
    while let Some(current) = stack.pop() {
        if is_string_literal(language, current.kind()) {
            return true;
        }
        stack.extend(current.children(&mut cursor));
    }
    false
}

/// The statement before `node` in its block, comments aside.
fn prev_statement<'t>(node: Node<'t>, is_comment: &impl Fn(&Node) -> bool) -> Option<Node<'t>> {
    let mut current = node.prev_named_sibling()?;
    while is_comment(&current) {
        current = current.prev_named_sibling()?;
    }
    Some(current)
}

/// The statement after `node` in its block, comments aside.
fn next_statement<'t>(node: Node<'t>, is_comment: &impl Fn(&Node) -> bool) -> Option<Node<'t>> {
    let mut current = node.next_named_sibling()?;
    while is_comment(&current) {
        current = current.next_named_sibling()?;
    }
    Some(current)
}

struct Reader<'a> {
    text: &'a str,
    syntax: &'a ChainSyntax,
    subject: Option<Range<usize>>,
    /// Conditions beside a test in a conjunction; checked once the subject is known.
    guards: Vec<Range<usize>>,
}

impl Reader<'_> {
    fn test<'t>(&self, node: Node<'t>) -> Test<'t> {
        (self.syntax.test)(node, self.text)
    }

    /// The condition without enclosing parentheses.
    fn strip<'t>(&self, node: Node<'t>) -> Node<'t> {
        let mut node = node;
        while let Test::Group(inner) = self.test(node) {
            node = inner;
        }
        node
    }

    fn is_literal(&self, node: Node) -> bool {
        is_string_literal(self.syntax.language, self.strip(node).kind())
    }

    /// Whether `node` tests the subject against literals (as opposed to guarding it); with
    /// `names`, constants count as literals.
    fn is_test(&self, node: Node, names: bool) -> bool {
        let operand = |n: Node| self.is_literal(n) || (names && self.is_name(n));
        match self.test(self.strip(node)) {
            Test::Equals(a, b) => {
                self.is_literal(a) || self.is_literal(b) || (names && self.name_side(a, b).is_some())
            }
            Test::In(_, items) => !items.is_empty() && items.iter().all(|i| operand(*i)),
            Test::Or(a, b) => self.is_test(a, names) && self.is_test(b, names),
            _ => false,
        }
    }

    fn is_name(&self, node: Node) -> bool {
        name_label(self.strip(node), self.text).is_some()
    }

    /// Of two operands of which neither is a literal, which is the expression tested and which
    /// the constant: a name against a variable (`code == ErrCodes.X`); between two paths, the
    /// one that spells the subject already seen, else the one that looks like a constant (a
    /// capitalised owner or name: `ErrCodes.X` rather than `err.code`).
    fn name_side<'t>(&self, a: Node<'t>, b: Node<'t>) -> Option<(Node<'t>, Node<'t>)> {
        let (name_a, name_b) = (self.is_name(a), self.is_name(b));
        match (name_a, name_b) {
            (true, false) => return Some((b, a)),
            (false, true) => return Some((a, b)),
            (false, false) => return None,
            (true, true) => {}
        }
        let squeeze = |n: Node| self.text[self.strip(n).byte_range()].split_whitespace().collect::<String>();
        if let Some(subject) = &self.subject {
            let subject: String = self.text[subject.clone()].split_whitespace().collect();
            if squeeze(a) == subject {
                return Some((a, b));
            }
            if squeeze(b) == subject {
                return Some((b, a));
            }
        }
        let score = |n: Node| {
            let path = squeeze(n);
            let segments = crate::syntax::model::path_segments(&path);
            let capital = |s: Option<&&str>| s.is_some_and(|s| s.starts_with(|c: char| c.is_uppercase()));
            2 * usize::from(capital(segments.first())) + usize::from(capital(segments.last()))
        };
        match score(a).cmp(&score(b)) {
            std::cmp::Ordering::Greater => Some((b, a)),
            std::cmp::Ordering::Less => Some((a, b)),
            std::cmp::Ordering::Equal => None,
        }
    }

    /// Whether `node` is a negated test: such a chain picks codes out, it does not dispatch.
    fn is_negated_test(&self, node: Node) -> bool {
        match self.test(self.strip(node)) {
            Test::Not(inner) => self.is_test(inner, false) || self.is_negated_test(inner),
            Test::NotEquals(a, b) => self.is_literal(a) || self.is_literal(b),
            Test::NotIn(items) => items.iter().any(|i| self.is_literal(*i)),
            _ => false,
        }
    }

    /// The literals a condition compares the subject with, or `None` if it is no such test.
    fn labels(&mut self, node: Node) -> Option<Vec<Label>> {
        let node = self.strip(node);
        match self.test(node) {
            Test::Or(a, b) => {
                let mut labels = self.labels(a)?;
                labels.extend(self.labels(b)?);
                Some(labels)
            }
            Test::And(..) => {
                let mut operands = Vec::new();
                self.conjuncts(node, &mut operands);
                // A test against a literal beats one against a name: `x.type === Kind.ERROR &&
                // x.code === "A"` tests `x.code`, and the other comparison guards it.
                let names = !operands.iter().any(|n| self.is_test(*n, false));
                let (tests, guards): (Vec<Node>, Vec<Node>) =
                    operands.into_iter().partition(|n| self.is_test(*n, names));
                let [test] = tests.as_slice() else { return None };
                if guards.iter().any(|g| self.is_negated_test(*g)) {
                    return None;
                }
                self.guards.extend(guards.iter().map(|g| g.byte_range()));
                self.labels(*test)
            }
            Test::Equals(a, b) => {
                let (expr, literal) = if self.is_literal(a) {
                    (b, a)
                } else if self.is_literal(b) {
                    (a, b)
                } else {
                    self.name_side(a, b)?
                };
                if self.is_literal(expr) {
                    return None;
                }
                let range = self.strip(expr).byte_range();
                same_subject(&mut self.subject, range, self.text)?;
                Some(vec![self.operand_label(literal)?])
            }
            Test::In(expr, items) => {
                if items.is_empty() || !items.iter().all(|i| self.is_literal(*i) || self.is_name(*i)) {
                    return None;
                }
                let range = self.strip(expr).byte_range();
                same_subject(&mut self.subject, range, self.text)?;
                items.iter().map(|i| self.operand_label(*i)).collect()
            }
            Test::Not(_) | Test::NotEquals(..) | Test::NotIn(..) | Test::Group(_) | Test::Other => None,
        }
    }

    /// A literal's label, or a constant's name.
    fn operand_label(&self, node: Node) -> Option<Label> {
        let node = self.strip(node);
        if self.is_literal(node) { label_of(node, self.text) } else { name_label(node, self.text) }
    }

    /// The operands of a conjunction, however it nests.
    fn conjuncts<'t>(&self, node: Node<'t>, out: &mut Vec<Node<'t>>) {
        let node = self.strip(node);
        match self.test(node) {
            Test::And(a, b) => {
                self.conjuncts(a, out);
                self.conjuncts(b, out);
            }
            _ => out.push(node),
        }
    }

    /// Every guard mentions the subject's base (`info` for `info.code`, `$code` for `$code`).
    fn guards_fit(&self) -> bool {
        let Some(subject) = &self.subject else { return self.guards.is_empty() };
        let base = base_name(&self.text[subject.clone()]);
        !base.is_empty() && self.guards.iter().all(|g| mentions(&self.text[g.clone()], base))
    }
}

/// The leading name of an expression: `response` in `response.getError_code()`.
fn base_name(expression: &str) -> &str {
    let expression = expression.trim_start_matches(['(', '&', '*', ' ']);
    let end = expression
        .char_indices()
        .find(|&(_, c)| !(c.is_alphanumeric() || c == '_' || c == '$'))
        .map_or(expression.len(), |(i, _)| i);
    &expression[..end]
}

/// Whether `text` uses the name `name` (not merely a longer name containing it).
fn mentions(text: &str, name: &str) -> bool {
    let is_name = |c: char| c.is_alphanumeric() || c == '_' || c == '$';
    text.match_indices(name).any(|(at, _)| {
        let before = text[..at].chars().next_back();
        let after = text[at + name.len()..].chars().next();
        !before.is_some_and(is_name) && !after.is_some_and(is_name)
    })
}
