//! Where new branches go and how they are laid out: indentation, quotes, line endings, the
//! pattern around a literal, and the insertion point (before the default, at the end, or at the
//! top of a `switch` whose cases fall through).
//!
//! **Invariant:** reads the text and node ranges only; the same for every language.

use std::cell::OnceCell;
use std::ops::Range;

use tree_sitter::Node;

use super::Language;
use super::model::{ArmForm, Construct, ConstructKind, InsertMode, Insertion};

// ---------------------------------------------------------------------------------------------
// Layout: indentation and insertion points

pub fn new_construct(node: Node, language: Language, kind: ConstructKind, form: ArmForm) -> Construct {
    Construct {
        language,
        kind,
        form,
        range: node.byte_range(),
        keyword: node.start_byte()..node.start_byte(),
        subject: None,
        branches: Vec::new(),
        insertion: None,
        arm_indent: String::new(),
        indent_unit: String::new(),
        quote: '"',
        brace_on_own_line: false,
        separate_ifs: false,
        string_values: false,
        member_template: None,
        crlf: false,
        pattern_wrap: None,
    }
}

/// Fills in indentation and quotes once the branches are known. `habit` caches the file's
/// indentation habit, which only constructs without indented lines of their own need: computed
/// once per file, not once per construct.
pub fn finish_layout(text: &str, construct: &mut Construct, habit: &OnceCell<&'static str>) {
    let unit = || *habit.get_or_init(|| fallback_unit(text));
    construct.crlf = text[construct.range.clone()].contains("\r\n");
    construct.pattern_wrap = pattern_wrap(text, construct);
    if construct.kind == ConstructKind::IfChain {
        // If-chains set their own branch indentation: their branches align with the `if`.
        construct.indent_unit = indent_unit(text, &construct.arm_indent, construct.range.clone(), "", unit);
    } else {
        let keyword_indent = line_indent(text, construct.range.start);
        let arm_indent = match construct.branches.first() {
            Some(first) if starts_line(text, first.range.start) => {
                line_indent(text, first.range.start).to_owned()
            }
            _ => format!("{keyword_indent}{}", unit()),
        };
        construct.indent_unit = indent_unit(text, &arm_indent, construct.range.clone(), keyword_indent, unit);
        construct.arm_indent = arm_indent;
    }
    let first_label = construct.labels().find(|(_, l)| !l.named).map(|(_, l)| l.range.start);
    if let Some(start) = first_label
        && let Some(q @ ('"' | '\'')) = text[..start].chars().next_back()
    {
        construct.quote = q;
    }
}

/// The text around the literal in the first unguarded single-literal pattern, when there is any.
pub fn pattern_wrap(text: &str, construct: &Construct) -> Option<(String, String)> {
    let branch =
        construct.branches.iter().find(|b| !b.guarded && b.labels.len() == 1 && b.pattern.is_some())?;
    let pattern = branch.pattern.clone()?;
    let label = &branch.labels[0].range;
    if branch.labels[0].named {
        // A name has no quotes: the pattern around it is everything else.
        if label.start < pattern.start || label.end > pattern.end {
            return None;
        }
        let before = &text[pattern.start..label.start];
        let after = &text[label.end..pattern.end];
        return (!before.is_empty() || !after.is_empty()).then(|| (before.to_owned(), after.to_owned()));
    }
    let quote_at = label.start.checked_sub(1)?;
    let (open, close) = (text.as_bytes().get(quote_at)?, text.as_bytes().get(label.end)?);
    // Prefixed and raw literals (`r#"…"#`) are left alone: only a plain quote pair is replaced.
    if !matches!(open, b'"' | b'\'')
        || open != close
        || quote_at < pattern.start
        || label.end + 1 > pattern.end
    {
        return None;
    }
    let before = &text[pattern.start..quote_at];
    let after = &text[label.end + 1..pattern.end];
    (!before.is_empty() || !after.is_empty()).then(|| (before.to_owned(), after.to_owned()))
}

/// The leading whitespace of the line holding `offset`.
pub fn line_indent(text: &str, offset: usize) -> &str {
    let start = line_start(text, offset);
    let line = &text[start..];
    let len = line.len() - line.trim_start_matches([' ', '\t']).len();
    &line[..len]
}

pub fn line_start(text: &str, offset: usize) -> usize {
    text[..offset].rfind('\n').map_or(0, |i| i + 1)
}

/// Whether only whitespace precedes `offset` on its line.
pub fn starts_line(text: &str, offset: usize) -> bool {
    text[line_start(text, offset)..offset].trim().is_empty()
}

/// One level of indentation: the smallest step beyond `arm_indent` found on the construct's
/// lines, else the step from the keyword's line to the arms, else the file's habit.
pub fn indent_unit(
    text: &str,
    arm_indent: &str,
    range: Range<usize>,
    keyword_indent: &str,
    habit: impl FnOnce() -> &'static str,
) -> String {
    let mut best: Option<&str> = None;
    for line in text[range].lines().skip(1) {
        if line.trim().is_empty() {
            continue;
        }
        let indent = &line[..line.len() - line.trim_start_matches([' ', '\t']).len()];
        if let Some(extra) = indent.strip_prefix(arm_indent)
            && !extra.is_empty()
            && best.is_none_or(|b| extra.len() < b.len())
        {
            best = Some(extra);
        }
    }
    if let Some(best) = best {
        return best.to_owned();
    }
    match arm_indent.strip_prefix(keyword_indent) {
        Some(step) if !step.is_empty() => step.to_owned(),
        _ => habit().to_owned(),
    }
}

pub fn fallback_unit(text: &str) -> &'static str {
    if text.lines().any(|l| l.starts_with('\t')) { "\t" } else { "    " }
}

/// Insertion before the branch starting at `offset`.
pub fn before(text: &str, offset: usize) -> Insertion {
    if starts_line(text, offset) {
        Insertion { offset: line_start(text, offset), mode: InsertMode::LineStart, comma_at: None }
    } else {
        Insertion { offset, mode: InsertMode::BeforeToken, comma_at: None }
    }
}

/// Insertion after the branch ending at `end`, in a construct that closes at `close`.
pub fn after(text: &str, end: usize, close: usize) -> Insertion {
    // Some grammars end a branch after the line break that terminates its last statement (Go).
    let end = text[..end].trim_end().len();
    let line_end = text[end..].find('\n').map_or(text.len(), |i| end + i);
    if close <= line_end {
        // A separator right after the last branch stays with it: new ones go after it, not
        // between the branch and its comma (`(A, "a"),   ])`).
        let rest = &text[end..close.max(end)];
        let spaces = rest.len() - rest.trim_start_matches([' ', '\t']).len();
        let offset = if rest[spaces..].starts_with(',') { end + spaces + 1 } else { end };
        return Insertion { offset, mode: InsertMode::AfterToken, comma_at: None };
    }
    if line_end == text.len() {
        // The last line has no newline: a line break is added by the arm writer.
        return Insertion { offset: line_end, mode: InsertMode::AfterToken, comma_at: None };
    }
    Insertion { offset: line_end + 1, mode: InsertMode::LineStart, comma_at: None }
}

/// Where new arms go in constructs without fall-through: before the default, else at the end.
/// `comma` says where the last arm lacks a separator.
pub fn list_insertion(
    text: &str,
    construct: &Construct,
    close: usize,
    nodes: &[Node],
    comma: impl Fn(&Node) -> Option<usize>,
) -> Option<Insertion> {
    if let Some(index) = construct.branches.iter().position(|b| b.is_default) {
        return Some(before(text, construct.branches[index].range.start));
    }
    let last = nodes.last()?;
    let mut insertion = after(text, last.end_byte(), close.saturating_sub(1));
    insertion.comma_at = comma(last);
    Some(insertion)
}

/// Where new cases go in `switch`es whose cases may fall through: before the default or at the
/// end, unless the case there runs into it; then at the top, where nothing runs into them.
pub fn case_insertion(
    text: &str,
    construct: &Construct,
    close: usize,
    nodes: &[Node],
    runs_on: impl Fn(&Node) -> bool,
) -> Option<Insertion> {
    let first = nodes.first()?;
    let (previous, insertion) = match construct.branches.iter().position(|b| b.is_default) {
        Some(index) => (index.checked_sub(1).map(|i| nodes[i]), before(text, nodes[index].start_byte())),
        None => {
            let last = nodes.last()?;
            (Some(*last), after(text, last.end_byte(), close.saturating_sub(1)))
        }
    };
    if previous.as_ref().is_some_and(runs_on) {
        return Some(before(text, first.start_byte()));
    }
    Some(insertion)
}
