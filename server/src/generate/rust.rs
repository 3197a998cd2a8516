//! Rust: `pub const AIS_0101: &str = "AIS.0101";` with `///` doc comments, the file being the
//! module (`mod error_codes;`), formatted as rustfmt leaves it.

use super::{Case, Model, Naming, line_doc, quoted};

pub(super) const NAMING: Naming = Naming {
    case: Case::ScreamingSnake,
    digit_prefix: "E_",
    // Upper-case names are never keywords.
    keywords: &[],
};

pub(super) fn render(model: &Model<'_>) -> String {
    let mut out = model.header_comment();
    out.push_str("\n//! Error codes of the catalog, as constants: compare a response's code with them.\n");
    for constant in &model.constants {
        out.push('\n');
        line_doc(&mut out, "", "///", &constant.doc);
        out.push_str(&format!("pub const {}: &str = {};\n", constant.name, quoted(&constant.code, &[])));
    }
    out
}
