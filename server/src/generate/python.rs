//! Python: a string enum (`class ErrorCode(str, Enum)`, so members compare equal to the codes
//! an API returns), each member followed by its docstring, formatted as Black leaves it.

use super::{Case, Model, Naming, quoted};

pub(super) const NAMING: Naming = Naming {
    case: Case::ScreamingSnake,
    digit_prefix: "E_",
    // Upper-case names are never keywords.
    keywords: &[],
};

pub(super) fn render(model: &Model<'_>) -> String {
    let mut out = model.header_comment();
    out.push_str("\"\"\"Error codes of the catalog, as a string enum.\"\"\"\n\n");
    out.push_str("from enum import Enum\n\n\n");
    out.push_str(&format!("class {}(str, Enum):\n", model.type_name));
    out.push_str("    \"\"\"An error code of the catalog; each member's value is the code.\"\"\"\n");
    for constant in &model.constants {
        out.push('\n');
        out.push_str(&format!("    {} = {}\n", constant.name, quoted(&constant.code, &[])));
        docstring(&mut out, "    ", &constant.doc);
    }
    out
}

/// An attribute docstring (PEP 257), which editors show on hover.
fn docstring(out: &mut String, indent: &str, lines: &[String]) {
    let lines: Vec<String> = lines.iter().map(|l| escape(l)).collect();
    match lines.as_slice() {
        [] => {}
        [one] => out.push_str(&format!("{indent}\"\"\"{}\"\"\"\n", end_safe(one))),
        [first, rest @ ..] => {
            out.push_str(&format!("{indent}\"\"\"{first}\n"));
            for line in rest {
                if line.is_empty() {
                    out.push('\n');
                } else {
                    out.push_str(&format!("{indent}{line}\n"));
                }
            }
            out.push_str(&format!("{indent}\"\"\"\n"));
        }
    }
}

/// Backslashes and triple quotes would end or change the docstring.
fn escape(line: &str) -> String {
    line.replace('\\', "\\\\").replace("\"\"\"", "\\\"\\\"\\\"")
}

/// A one-line docstring ending in `"` would close early.
fn end_safe(line: &str) -> String {
    match line.strip_suffix('"') {
        Some(head) => format!("{head}\\\""),
        None => line.to_owned(),
    }
}
