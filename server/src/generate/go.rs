//! Go: a string type (`type Code string`) and one typed constant per code in a `const` block,
//! each documented as Go doc comments are (`// Ais0101 means: …`), formatted as gofmt leaves it.

use super::{Case, Model, Naming, line_doc, quoted};

pub(super) const NAMING: Naming = Naming {
    case: Case::Pascal,
    // Exported names start with an upper-case letter.
    digit_prefix: "E",
    keywords: &[],
};

pub(super) fn render(model: &Model<'_>) -> String {
    let mut out = model.header_comment();
    let package = model.package.unwrap_or("errcodes");
    out.push_str(&format!(
        "\n// Package {package} holds the error codes of the catalog as typed constants.\n"
    ));
    out.push_str(&format!("package {package}\n\n"));
    out.push_str(&format!("// {} is an error code of the catalog.\n", model.type_name));
    out.push_str(&format!("type {} string\n", model.type_name));
    if model.constants.is_empty() {
        return out;
    }
    out.push_str("\nconst (\n");
    for (n, constant) in model.constants.iter().enumerate() {
        if n > 0 {
            out.push('\n');
        }
        let mut doc = constant.doc.clone();
        match doc.first_mut() {
            // Go doc comments start with the name; the code itself is the value below.
            Some(first) => *first = format!("{} means: {first}", constant.name),
            None => doc.push(format!("{} is an error code of the catalog.", constant.name)),
        }
        line_doc(&mut out, "\t", "//", &doc);
        out.push_str(&format!("\t{} {} = {}\n", constant.name, model.type_name, quoted(&constant.code, &[])));
    }
    out.push_str(")\n");
    out
}
