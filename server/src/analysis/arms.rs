//! The text of new branches for a construct, per language: a label for the code, a comment with
//! the code's message, and a placeholder body that fails loudly until someone writes the
//! handling (`todo!()`, `raise NotImplementedError`, `panic`, `throw`).
//!
//! **Invariant:** pure text generation from a [`Construct`]; the result must keep the file
//! parsing (checked for every language and form by the `match` tests).

use super::Edit;
use crate::syntax::{ArmForm, Construct, ConstructKind, InsertMode, Language};

/// A code to write a branch for, with the message its comment shows.
#[derive(Debug, Clone, Copy)]
pub struct NewArm<'a> {
    pub code: &'a str,
    pub message: &'a str,
    /// The constant to write instead of the literal, as the construct's other labels name
    /// theirs (`ErrCodes.INVALID`), when one is declared for the code.
    pub name: Option<&'a str>,
}

/// The edits that add a branch for each of `arms` to `construct`, or `None` where the construct
/// has no safe place for new branches.
pub fn add_arms(text: &str, construct: &Construct, arms: &[NewArm<'_>]) -> Option<Vec<Edit>> {
    let insertion = construct.insertion.as_ref()?;
    if arms.is_empty() || (construct.kind == ConstructKind::Table && table_value(construct).is_none()) {
        return None;
    }
    let subject = construct.subject.as_ref().map_or("", |r| &text[r.clone()]);
    let indent = &construct.arm_indent;
    let mut edits = Vec::new();
    // A separator at the insertion point itself is part of the inserted text: two insertions at
    // one offset would have no defined order.
    let mut prefix = "";
    match insertion.comma_at {
        Some(at) if at == insertion.offset => prefix = ",",
        Some(at) => edits.push(Edit { range: at..at, text: ",".into() }),
        None => {}
    }
    let new_text = if insertion.mode == InsertMode::AfterBlock {
        arms.iter().map(|arm| else_if_block(construct, subject, arm)).collect::<String>()
    } else {
        let lines: String = arms.iter().flat_map(|arm| arm_lines(construct, subject, arm)).collect();
        match insertion.mode {
            InsertMode::LineStart => lines,
            InsertMode::BeforeToken => format!("{}{indent}", lines.trim_start_matches([' ', '\t'])),
            InsertMode::AfterToken | InsertMode::AfterBlock => format!("\n{}", lines.trim_end_matches('\n')),
        }
    };
    let mut new_text = format!("{prefix}{new_text}");
    // Before a `;` that closes a list of entries, or the `)` that closes Java's argument list,
    // the last new one takes no separator.
    let rest = text[insertion.offset..].trim_start();
    let closes = rest.starts_with(';') || (construct.form == ArmForm::JavaMapEntry && rest.starts_with(')'));
    let body_end = new_text.trim_end_matches(['\n', ' ', '\t']).len();
    if closes && new_text[..body_end].ends_with(',') {
        new_text.remove(body_end - 1);
    }
    let new_text = if construct.crlf { new_text.replace('\n', "\r\n") } else { new_text };
    edits.push(Edit { range: insertion.offset..insertion.offset, text: new_text });
    Some(edits)
}

/// One branch as whole lines (each ends with `\n`), indented as the construct's branches are.
fn arm_lines(construct: &Construct, subject: &str, arm: &NewArm<'_>) -> Vec<String> {
    let i = &construct.arm_indent;
    let body = format!("{i}{}", construct.indent_unit);
    let code = arm.code;
    let literal = arm.name.map_or_else(|| quoted(construct.quote, code), str::to_owned);
    let dq = arm.name.map_or_else(|| quoted('"', code), str::to_owned);
    // Nested patterns (`Some("X")`, `{ Code: "X" }`) are copied from the construct's branches.
    let wrap = |literal: &str| match &construct.pattern_wrap {
        Some((before, after)) => format!("{before}{literal}{after}"),
        None => literal.to_owned(),
    };
    let note = note(arm);
    match construct.form {
        ArmForm::RustArm => vec![
            format!("{i}{} => {{\n", wrap(&dq)),
            format!("{body}// {note}\n"),
            format!("{body}todo!(\"handle error code {code}\")\n"),
            format!("{i}}}\n"),
        ],
        ArmForm::PythonCase => vec![
            format!("{i}case {}:\n", wrap(&literal)),
            format!("{body}# {note}\n"),
            format!(
                "{body}raise NotImplementedError({})\n",
                quoted(construct.quote, &format!("error code {code}"))
            ),
        ],
        ArmForm::PythonElif => vec![
            format!(
                "{i}{} {}:\n",
                if construct.separate_ifs { "if" } else { "elif" },
                condition(construct, subject, &literal)
            ),
            format!("{body}# {note}\n"),
            format!(
                "{body}raise NotImplementedError({})\n",
                quoted(construct.quote, &format!("error code {code}"))
            ),
        ],
        ArmForm::GoCase => vec![
            format!("{i}case {dq}:\n"),
            format!("{body}// TODO: {note}\n"),
            format!("{body}panic({})\n", quoted('"', &format!("unhandled error code {code}"))),
        ],
        ArmForm::ColonCase => vec![
            format!("{i}case {literal}:\n"),
            format!("{body}// TODO: {note}\n"),
            format!("{body}{}\n", throw_statement(construct.language, construct.quote, code)),
        ],
        ArmForm::JavaRule => vec![
            format!("{i}// TODO: {note}\n"),
            format!("{i}case {dq} -> {}\n", throw_statement(Language::Java, '"', code)),
        ],
        ArmForm::CSharpArm => vec![
            format!("{i}// TODO: {note}\n"),
            format!("{i}{} => throw new System.NotImplementedException({}),\n", wrap(&dq), unhandled(code)),
        ],
        ArmForm::KotlinWhenCondition => vec![
            format!("{i}// TODO: {note}\n"),
            format!("{i}{} -> TODO({})\n", condition(construct, subject, &dq), unhandled(code)),
        ],
        ArmForm::KotlinEntry => {
            vec![format!("{i}// TODO: {note}\n"), format!("{i}{dq} -> TODO({})\n", unhandled(code))]
        }
        ArmForm::PhpMatchArm => vec![
            format!("{i}// TODO: {note}\n"),
            format!(
                "{i}{literal} => throw new \\Exception({}),\n",
                quoted(construct.quote, &format!("unhandled error code {code}"))
            ),
        ],
        ArmForm::PythonDictEntry
        | ArmForm::JsObjectEntry
        | ArmForm::JsMapEntry
        | ArmForm::GoMapEntry
        | ArmForm::KotlinPairEntry
        | ArmForm::PhpArrayEntry
        | ArmForm::RustTupleEntry
        | ArmForm::CSharpDictEntry
        | ArmForm::JavaMapEntry
        | ArmForm::JavaPutStatement => table_entry(construct, arm),
        ArmForm::TsEnumMember
        | ArmForm::PythonEnumMember
        | ArmForm::GoConst
        | ArmForm::CSharpConst
        | ArmForm::KotlinEnumEntry
        | ArmForm::JavaEnumConstant
        | ArmForm::RustSerdeVariant => member_lines(construct, arm),
        ArmForm::JavaElseIf
        | ArmForm::JsElseIf
        | ArmForm::CSharpElseIf
        | ArmForm::KotlinElseIf
        | ArmForm::PhpElseIf
        | ArmForm::GoElseIf
        | ArmForm::RustElseIf => Vec::new(),
    }
}

/// ` else if (…) { … }` in the language's syntax, appended after the chain's last tested block.
/// The condition copies a branch that tests one literal (guards and all), else the language's
/// plain equality.
fn else_if_block(construct: &Construct, subject: &str, arm: &NewArm<'_>) -> String {
    let i = &construct.arm_indent;
    let body = format!("{i}{}", construct.indent_unit);
    let code = arm.code;
    let literal = arm.name.map_or_else(|| quoted(construct.quote, code), str::to_owned);
    let condition = condition(construct, subject, &literal);
    let (keyword, open, close) = match construct.form {
        _ if construct.separate_ifs => ("if", "(", ")"),
        ArmForm::PhpElseIf => ("elseif", "(", ")"),
        ArmForm::GoElseIf | ArmForm::RustElseIf => ("else if", "", ""),
        _ => ("else if", "(", ")"),
    };
    let (open, close) = match construct.form {
        ArmForm::GoElseIf | ArmForm::RustElseIf => ("", ""),
        _ => (open, close),
    };
    let (comment, statement) = match construct.form {
        ArmForm::GoElseIf => (format!("TODO: {}", note(arm)), format!("panic({})", unhandled(code))),
        ArmForm::RustElseIf => (note(arm), format!("todo!(\"handle error code {code}\")")),
        ArmForm::KotlinElseIf => (format!("TODO: {}", note(arm)), format!("TODO({})", unhandled(code))),
        _ => (format!("TODO: {}", note(arm)), throw_statement(construct.language, construct.quote, code)),
    };
    let head = format!("{keyword} {open}{condition}{close}");
    let block = format!("{{\n{body}// {comment}\n{body}{statement}\n{i}}}");
    if construct.brace_on_own_line {
        format!("\n{i}{head}\n{i}{block}")
    } else if construct.separate_ifs {
        // A statement of its own, on the line after the run's last `if`.
        format!("\n{i}{head} {block}")
    } else {
        format!(" {head} {block}")
    }
}

/// The test of a new chain branch for `literal`.
fn condition(construct: &Construct, subject: &str, literal: &str) -> String {
    if let Some((before, after)) = &construct.pattern_wrap {
        return format!("{before}{literal}{after}");
    }
    match construct.form {
        ArmForm::JavaElseIf => format!("{subject}.equals({literal})"),
        ArmForm::JsElseIf | ArmForm::PhpElseIf => format!("{subject} === {literal}"),
        _ => format!("{subject} == {literal}"),
    }
}

/// A new table entry as lines: the code's message as the value where the table's values are
/// strings; else a placeholder the language accepts for any type, after a comment.
fn table_entry(construct: &Construct, arm: &NewArm<'_>) -> Vec<String> {
    let i = &construct.arm_indent;
    let key = match arm.name {
        // `[Codes.X]: …` in an object literal; elsewhere the name stands as the key.
        Some(name) if construct.form == ArmForm::JsObjectEntry && !template_is_computed(construct) => {
            format!("[{name}]")
        }
        Some(name) => name.to_owned(),
        None => quoted(construct.quote, arm.code),
    };
    let (value, comment) = if construct.string_values {
        let message = arm.message.lines().map(str::trim).find(|l| !l.is_empty()).unwrap_or(arm.code);
        (quoted(construct.quote, message), None)
    } else {
        (table_value(construct).unwrap_or_default().to_owned(), Some(note(arm)))
    };
    let Some(template) = &construct.member_template else { return Vec::new() };
    let entry = format!("{}{key}{}{value}{}", template.before_name, template.between, template.after);
    let marker = if construct.language == Language::Python { "#" } else { "//" };
    let mut lines: Vec<String> = comment.map(|c| format!("{i}{marker} TODO: {c}\n")).into_iter().collect();
    // Entries of a literal are separated by commas; `put` statements end with their own `;`.
    let separator = if construct.form == ArmForm::JavaPutStatement { "" } else { "," };
    lines.push(format!("{i}{entry}{separator}\n"));
    lines
}

/// A new enum member or constant, written like the first one, named after the code
/// (`AIS_0105`).
fn member_lines(construct: &Construct, arm: &NewArm<'_>) -> Vec<String> {
    let Some(template) = &construct.member_template else { return Vec::new() };
    let i = &construct.arm_indent;
    let mut name: String = arm
        .code
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c.to_ascii_uppercase() } else { '_' })
        .collect();
    if name.starts_with(|c: char| c.is_ascii_digit()) {
        name.insert_str(0, "E_");
    }
    if construct.form == ArmForm::RustSerdeVariant {
        // Variants are CamelCase: `Ais0104`.
        name = name
            .split('_')
            .filter(|part| !part.is_empty())
            .map(|part| {
                let lower = part.to_ascii_lowercase();
                let mut chars = lower.chars();
                chars.next().map(|c| c.to_ascii_uppercase().to_string() + chars.as_str()).unwrap_or_default()
            })
            .collect();
    }
    let separator = if matches!(
        construct.form,
        ArmForm::TsEnumMember
            | ArmForm::KotlinEnumEntry
            | ArmForm::JavaEnumConstant
            | ArmForm::RustSerdeVariant
    ) {
        ","
    } else {
        ""
    };
    let marker = if construct.language == Language::Python { "#" } else { "//" };
    let mut after = template.after.clone();
    if let Some(slot) = template.message.clone().filter(|s| s.end <= after.len()) {
        // The first member's message gives way to the new code's own.
        let message = first_line(arm.message);
        let quoted_message = quoted(construct.quote, if message.is_empty() { arm.code } else { message });
        after.replace_range(slot, &quoted_message[1..quoted_message.len() - 1]);
    }
    let value = quoted(construct.quote, arm.code);
    let member = if template.value_first {
        format!("{}{value}{}{name}{after}", template.before_name, template.between)
    } else {
        format!("{}{name}{}{value}{after}", template.before_name, template.between)
    };
    vec![format!("{i}{marker} {}\n", note(arm)), format!("{i}{member}{separator}\n")]
}

fn first_line(message: &str) -> &str {
    message.lines().map(str::trim).find(|l| !l.is_empty()).unwrap_or("")
}

/// Whether the table's entries are written `[key]: value` (the template keeps the brackets).
fn template_is_computed(construct: &Construct) -> bool {
    construct.member_template.as_ref().is_some_and(|t| t.before_name.trim_end().ends_with('['))
}

/// The value of a new table entry whose values are not all strings: a placeholder that fits any
/// value type, or `None` where the language has none (Go).
fn table_value(construct: &Construct) -> Option<&'static str> {
    if construct.string_values {
        return Some("");
    }
    if construct.form == ArmForm::JavaPutStatement {
        // A `HashMap` takes null values, unlike `Map.of`.
        return Some("null");
    }
    match construct.language {
        Language::Rust => Some("todo!()"),
        Language::Kotlin => Some("TODO()"),
        Language::CSharp => Some("default"),
        Language::Python => Some("None"),
        Language::JavaScript | Language::TypeScript | Language::Tsx => Some("undefined"),
        // `Map.of` rejects null values, so Java tables of other values get no fix.
        Language::Php => Some("null"),
        _ => None,
    }
}

fn throw_statement(language: Language, quote: char, code: &str) -> String {
    let message = quoted(quote, &format!("unhandled error code {code}"));
    match language {
        Language::Java => format!("throw new UnsupportedOperationException({message});"),
        Language::CSharp => format!("throw new System.NotImplementedException({message});"),
        Language::Php => format!("throw new \\Exception({message});"),
        _ => format!("throw new Error({message});"),
    }
}

fn unhandled(code: &str) -> String {
    quoted('"', &format!("unhandled error code {code}"))
}

/// The comment text: the code and the first line of its message.
fn note(arm: &NewArm<'_>) -> String {
    let message = arm.message.lines().map(str::trim).find(|l| !l.is_empty()).unwrap_or("");
    let message: String = message.chars().take(120).collect();
    if message.is_empty() { arm.code.to_owned() } else { format!("{}: {message}", arm.code) }
}

fn quoted(quote: char, value: &str) -> String {
    let mut out = String::with_capacity(value.len() + 2);
    out.push(quote);
    for c in value.chars() {
        if c == quote || c == '\\' {
            out.push('\\');
        }
        out.push(c);
    }
    out.push(quote);
    out
}
