//! One module per language: the node kinds of its string literals and the functions that read
//! its `match`/`switch`/if-chain nodes into [`Construct`]s. Adding a shape to a language means
//! adding a reader to its module and an entry to [`extract`]; adding a language means a module,
//! its string kinds and its entries.
//!
//! **Invariant:** a grammar's node names appear only in its own module (or, when several
//! grammars share them, in `nodes.rs`/`layout.rs`).

mod csharp;
mod go;
mod java;
mod javascript;
mod kotlin;
mod php;
mod python;
mod rust;

use tree_sitter::Node;

use super::Language;
use super::model::{Constant, Construct};

/// The construct `node` starts, if it is one this project reads.
pub fn extract(node: Node, text: &str, language: Language) -> Option<Construct> {
    use Language::*;
    match (language, node.kind()) {
        (Rust, "match_expression") => rust::rust_match(node, text),
        (Rust, "if_expression") => rust::rust_if_chain(node, text),
        (Python, "match_statement") => python::python_match(node, text),
        (Python, "if_statement") => python::python_if_chain(node, text),
        (Go, "expression_switch_statement") => go::go_switch(node, text),
        (Go, "if_statement") => go::go_if_chain(node, text),
        (JavaScript | TypeScript | Tsx, "switch_statement") => javascript::js_switch(node, text, language),
        (JavaScript | TypeScript | Tsx, "if_statement") => javascript::js_if_chain(node, text, language),
        (Java, "switch_expression") => java::java_switch(node, text),
        (Java, "if_statement") => java::java_if_chain(node, text),
        (Java, "method_invocation") => java::java_map(node, text),
        (Java, "block") => java::java_put_block(node, text),
        (CSharp, "switch_statement") => csharp::csharp_switch(node, text),
        (CSharp, "switch_expression") => csharp::csharp_switch_expression(node, text),
        (CSharp, "if_statement") => csharp::csharp_if_chain(node, text),
        (Kotlin, "when_expression") => kotlin::kotlin_when(node, text),
        (Kotlin, "if_expression") => kotlin::kotlin_if_chain(node, text),
        (Php, "switch_statement") => php::php_switch(node, text),
        (Php, "match_expression") => php::php_match(node, text),
        (Php, "if_statement") => php::php_if_chain(node, text),
        (Rust, "call_expression") => rust::rust_map(node, text),
        (Python, "dictionary") => python::python_dict(node, text),
        (Go, "composite_literal") => go::go_map(node, text),
        (JavaScript | TypeScript | Tsx, "object") => javascript::js_object(node, text, language),
        (JavaScript | TypeScript | Tsx, "new_expression") => javascript::js_map(node, text, language),
        (CSharp, "object_creation_expression") => csharp::csharp_dictionary(node, text),
        (Kotlin, "call_expression") => kotlin::kotlin_map(node, text),
        (Php, "array_creation_expression") => php::php_array(node, text),
        (TypeScript | Tsx, "enum_declaration") => javascript::ts_enum(node, text, language),
        (Python, "class_definition") => python::python_enum(node, text),
        (Go, "const_declaration") => go::go_const_block(node, text),
        (CSharp, "class_declaration") => csharp::csharp_constants(node, text),
        (Kotlin, "class_declaration") => kotlin::kotlin_enum(node, text),
        (Java, "enum_declaration") => java::java_enum(node, text),
        (Rust, "enum_item") => rust::rust_serde_enum(node, text),
        _ => None,
    }
}

/// The constant `node` declares with a string value, if it is such a declaration.
pub fn constant(node: Node, text: &str, language: Language) -> Option<Constant> {
    use Language::*;
    match language {
        Rust => rust::constant(node, text),
        Python => python::constant(node, text),
        Go => go::constant(node, text),
        JavaScript | TypeScript | Tsx => javascript::constant(node, text),
        Java => java::constant(node, text),
        CSharp => csharp::constant(node, text),
        Kotlin => kotlin::constant(node, text),
        Php => php::constant(node, text),
        Log | Other => None,
    }
}

/// Node kinds of plain string literals in `language`.
pub fn string_kinds(language: Language) -> &'static [&'static str] {
    use Language::*;
    match language {
        Rust => rust::STRINGS,
        Python => python::STRINGS,
        Go => go::STRINGS,
        JavaScript | TypeScript | Tsx => javascript::STRINGS,
        Java => java::STRINGS,
        CSharp => csharp::STRINGS,
        Kotlin => kotlin::STRINGS,
        Php => php::STRINGS,
        Log | Other => &[],
    }
}

/// Node kinds of function and method declarations in `language`: those whose body a skeleton
/// may blank (see `skeleton.rs`). Function expressions and lambdas are not among them: they
/// stand inside the expressions (tables, arguments) that the analysis reads.
pub fn functions(language: Language) -> &'static [&'static str] {
    use Language::*;
    match language {
        Rust => rust::FUNCTIONS,
        Python => python::FUNCTIONS,
        Go => go::FUNCTIONS,
        JavaScript | TypeScript | Tsx => javascript::FUNCTIONS,
        Java => java::FUNCTIONS,
        CSharp => csharp::FUNCTIONS,
        Kotlin => kotlin::FUNCTIONS,
        Php => php::FUNCTIONS,
        Log | Other => &[],
    }
}
