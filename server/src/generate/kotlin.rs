//! Kotlin: an `object` of `const val` properties with KDoc comments.

use super::{Case, Model, Naming, block_doc, quoted};

pub(super) const NAMING: Naming = Naming { case: Case::ScreamingSnake, digit_prefix: "E_", keywords: &[] };

pub(super) fn render(model: &Model<'_>) -> String {
    let mut out = model.header_comment();
    if let Some(package) = model.package {
        out.push_str(&format!("\npackage {package}\n"));
    }
    out.push_str("\n/** Error codes of the catalog, as constants. */\n");
    out.push_str(&format!("object {} {{\n", model.type_name));
    for (n, constant) in model.constants.iter().enumerate() {
        if n > 0 {
            out.push('\n');
        }
        block_doc(&mut out, "    ", &constant.doc, str::to_owned);
        // `$` starts a template in Kotlin strings.
        out.push_str(&format!("    const val {} = {}\n", constant.name, quoted(&constant.code, &['$'])));
    }
    out.push_str("}\n");
    out
}
