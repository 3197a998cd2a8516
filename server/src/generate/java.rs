//! Java: a final class of `public static final String` constants with Javadoc comments.

use super::{Case, Model, Naming, block_doc, quoted};

pub(super) const NAMING: Naming = Naming { case: Case::ScreamingSnake, digit_prefix: "E_", keywords: &[] };

pub(super) fn render(model: &Model<'_>) -> String {
    let mut out = model.header_comment();
    if let Some(package) = model.package {
        out.push_str(&format!("\npackage {package};\n"));
    }
    let name = model.type_name;
    out.push_str("\n/** Error codes of the catalog, as constants. */\n");
    out.push_str(&format!("public final class {name} {{\n"));
    out.push_str(&format!(
        "    /** Not instantiated: the class only holds constants. */\n    private {name}() {{}}\n"
    ));
    for constant in &model.constants {
        out.push('\n');
        let mut doc = constant.doc.clone();
        // Javadoc paragraphs start with `<p>`.
        for n in 1..doc.len() {
            if doc[n - 1].is_empty() && !doc[n].is_empty() {
                doc[n] = format!("<p>{}", escape(&doc[n]));
            } else {
                doc[n] = escape(&doc[n]);
            }
        }
        if let Some(first) = doc.first_mut() {
            *first = escape(first);
        }
        block_doc(&mut out, "    ", &doc, str::to_owned);
        out.push_str(&format!(
            "    public static final String {} = {};\n",
            constant.name,
            quoted(&constant.code, &[])
        ));
    }
    out.push_str("}\n");
    out
}

/// Javadoc is HTML, `@` starts a tag, and Java reads `\u` escapes even in comments.
fn escape(line: &str) -> String {
    line.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('@', "&#64;")
        .replace('\\', "&#92;")
}
