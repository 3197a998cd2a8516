//! TypeScript: a string `enum` whose members are the codes, each with a TSDoc comment.

use super::{Case, Model, Naming, block_doc, quoted};

pub(super) const NAMING: Naming = Naming { case: Case::Pascal, digit_prefix: "E", keywords: &[] };

pub(super) fn render(model: &Model<'_>) -> String {
    let mut out = model.header_comment();
    out.push_str("\n/** An error code of the catalog; each member's value is the code. */\n");
    out.push_str(&format!("export enum {} {{\n", model.type_name));
    for (n, constant) in model.constants.iter().enumerate() {
        if n > 0 {
            out.push('\n');
        }
        block_doc(&mut out, "  ", &constant.doc, str::to_owned);
        out.push_str(&format!("  {} = {},\n", constant.name, quoted(&constant.code, &[])));
    }
    out.push_str("}\n");
    out
}
