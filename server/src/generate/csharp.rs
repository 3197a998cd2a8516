//! C#: a static class of `public const string` fields with XML documentation comments.

use super::{Case, Model, Naming, line_doc, quoted};

pub(super) const NAMING: Naming = Naming { case: Case::Pascal, digit_prefix: "E", keywords: &[] };

pub(super) fn render(model: &Model<'_>) -> String {
    let mut out = model.header_comment();
    if let Some(package) = model.package {
        out.push_str(&format!("\nnamespace {package};\n"));
    }
    out.push_str("\n/// <summary>Error codes of the catalog, as constants.</summary>\n");
    out.push_str(&format!("public static class {}\n{{\n", model.type_name));
    for (n, constant) in model.constants.iter().enumerate() {
        if n > 0 {
            out.push('\n');
        }
        let doc: Vec<String> = constant.doc.iter().map(|l| escape(l)).collect();
        // The message is the summary; the solution, after the empty line, the remarks.
        let split = doc.iter().position(String::is_empty).unwrap_or(doc.len());
        let (summary, remarks) = doc.split_at(split);
        let mut lines = vec!["<summary>".to_owned()];
        lines.extend(summary.iter().cloned());
        lines.push("</summary>".to_owned());
        let remarks: Vec<String> = remarks.iter().filter(|l| !l.is_empty()).cloned().collect();
        if !remarks.is_empty() {
            lines.push("<remarks>".to_owned());
            lines.extend(remarks);
            lines.push("</remarks>".to_owned());
        }
        line_doc(&mut out, "    ", "///", &lines);
        out.push_str(&format!(
            "    public const string {} = {};\n",
            constant.name,
            quoted(&constant.code, &[])
        ));
    }
    out.push_str("}\n");
    out
}

/// XML documentation is XML.
fn escape(line: &str) -> String {
    line.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;")
}
