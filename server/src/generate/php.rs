//! PHP: a final class of constants (`public const AIS_0101 = 'AIS.0101';`) with PHPDoc
//! comments, as PSR-12 lays them out.

use super::{Case, Model, Naming, block_doc};

pub(super) const NAMING: Naming = Naming {
    case: Case::ScreamingSnake,
    digit_prefix: "E_",
    // A class constant may not be called `class`.
    keywords: &["CLASS"],
};

pub(super) fn render(model: &Model<'_>) -> String {
    let mut out = String::from("<?php\n\n");
    out.push_str(&model.header_comment());
    out.push_str("\ndeclare(strict_types=1);\n");
    if let Some(package) = model.package {
        out.push_str(&format!("\nnamespace {package};\n"));
    }
    out.push_str("\n/** Error codes of the catalog, as constants. */\n");
    out.push_str(&format!("final class {}\n{{\n", model.type_name));
    for (n, constant) in model.constants.iter().enumerate() {
        if n > 0 {
            out.push('\n');
        }
        block_doc(&mut out, "    ", &constant.doc, str::to_owned);
        out.push_str(&format!("    public const {} = {};\n", constant.name, single_quoted(&constant.code)));
    }
    out.push_str("}\n");
    out
}

/// A single-quoted PHP string: only `'` and `\` are escaped.
fn single_quoted(text: &str) -> String {
    format!("'{}'", text.replace('\\', "\\\\").replace('\'', "\\'"))
}
