//! Declarations of constants and enum members whose value is a string literal — what a named
//! label (`case ErrCodes.INVALID:`) may stand for. A language's module reads its declaration
//! nodes ([`super::lang::constant`]); this module walks the tree.
//!
//! **Invariant:** reads the tree and the text only; every string constant is returned (analysis
//! decides which hold codes), and no node kind is named here.

use tree_sitter::{Node, Tree};

use super::Language;
use super::extract::{holds_offset, walk_near_after};
use super::model::Constant;

/// Every constant declared in `tree` with a string value, in text order. With `near`, only
/// declarations holding one of those offsets (sorted ascending) are read, and subtrees without
/// any are skipped.
pub fn constants(tree: &Tree, text: &str, language: Language, near: Option<&[usize]>) -> Vec<Constant> {
    let mut out = Vec::new();
    walk_near_after(tree, near, |node, wanted, previous| {
        out.extend(constant_at(node, wanted, previous, near, text, language));
    });
    out
}

/// The constant `node` declares, when the walk wants it or the named sibling before it: a value
/// may stand before its name, in an attribute of its own (`#[serde(rename = "…")]` before a
/// variant).
pub(super) fn constant_at(
    node: Node,
    wanted: bool,
    previous: Option<Node>,
    near: Option<&[usize]>,
    text: &str,
    language: Language,
) -> Option<Constant> {
    let read = wanted || previous.is_some_and(|n| holds_offset(n, near));
    if read { super::lang::constant(node, text, language) } else { None }
}

/// A constant named by `name` whose value is the string literals `values`.
pub fn constant(
    name: Node,
    text: &str,
    owner: Option<String>,
    values: Vec<super::Label>,
) -> Option<Constant> {
    if values.is_empty() {
        return None;
    }
    Some(Constant {
        owner,
        name: text.get(name.byte_range())?.to_owned(),
        name_range: name.byte_range(),
        values,
    })
}

/// The name of the nearest ancestor of `node` whose kind is one of `owners` (a class, an object,
/// an enum), read from its `name` field or its first identifier-like child; `None` when a
/// node of a kind in `stops` (a function body) comes first or there is none.
pub fn owner_of(node: Node, text: &str, owners: &[&str], stops: &[&str]) -> Option<String> {
    let mut current = node.parent();
    while let Some(ancestor) = current {
        if stops.contains(&ancestor.kind()) {
            return None;
        }
        if owners.contains(&ancestor.kind()) {
            let name = ancestor.child_by_field_name("name").or_else(|| {
                let mut cursor = ancestor.walk();
                ancestor
                    .named_children(&mut cursor)
                    .find(|c| c.kind().ends_with("identifier") || c.kind() == "name")
            })?;
            return text.get(name.byte_range()).map(str::to_owned);
        }
        current = ancestor.parent();
    }
    None
}

#[cfg(test)]
mod tests {
    use expect_test::{Expect, expect};

    use crate::syntax::{Language, ParsedDocument};

    fn check(language: Language, text: &str, expected: Expect) {
        let document = ParsedDocument::new(language, text);
        let found: Vec<String> = document
            .constants()
            .into_iter()
            .map(|c| {
                let values: Vec<&str> = c.values.iter().map(|v| v.value.as_str()).collect();
                assert_eq!(&text[c.name_range.clone()], c.name, "the name range covers the name");
                format!("{}{} = {}", c.owner.map(|o| o + ".").unwrap_or_default(), c.name, values.join(" | "))
            })
            .collect();
        expected.assert_eq(&found.join("\n"));
    }

    #[test]
    fn java_final_fields_interface_fields_and_enum_arguments() {
        check(
            Language::Java,
            r#"class A { static final String X = "AIS.0101"; String notFinal = "AIS.0102";
                 void f() { final String local = "AIS.0103"; } }
               interface I { String Y = "AIS.0104"; }
               enum E { P(400, "AIS.0105", "Too bad"); E(int s, String c, String m) {} }"#,
            expect![[r#"
                A.X = AIS.0101
                I.Y = AIS.0104
                E.P = AIS.0105 | Too bad"#]],
        );
    }

    #[test]
    fn javascript_consts_const_objects_enums_and_static_fields() {
        check(
            Language::TypeScript,
            r#"export const X = "AIS.0101"; let y = "AIS.0102";
               export const Codes = Object.freeze({ A: "AIS.0103" });
               const More = { B: "AIS.0104" } as const;
               enum E { C = "AIS.0105" }
               class K { static readonly D = "APIG.0101"; plain = "APIG.0201"; }"#,
            expect![[r#"
                X = AIS.0101
                Codes.A = AIS.0103
                More.B = AIS.0104
                E.C = AIS.0105
                K.D = APIG.0101"#]],
        );
    }

    #[test]
    fn python_module_and_class_constants_not_locals() {
        check(
            Language::Python,
            "X = \"AIS.0101\"\nclass Codes:\n    A = \"AIS.0102\"\ndef f():\n    local = \"AIS.0103\"\n",
            expect![[r#"
                X = AIS.0101
                Codes.A = AIS.0102"#]],
        );
    }

    #[test]
    fn a_variant_renamed_by_an_attribute_before_it_is_read_near_its_code() {
        let text = "enum E {\n    #[serde(rename = \"AIS.0103\")]\n    A,\n    B,\n}\n";
        let document = ParsedDocument::new(Language::Rust, text);
        let near = [text.find("AIS").unwrap_or(0)];
        let names: Vec<String> = document.constants_near(&near).into_iter().map(|c| c.name).collect();
        assert_eq!(names, ["A"]);
    }

    #[test]
    fn go_kotlin_csharp_php_and_rust_declarations() {
        check(
            Language::Go,
            "package p\nconst X = \"AIS.0101\"\nconst (\n\tY = \"AIS.0102\"\n)\nvar z = \"AIS.0103\"\n",
            expect![[r#"
            X = AIS.0101
            Y = AIS.0102"#]],
        );
        check(
            Language::Kotlin,
            "const val X = \"AIS.0101\"\nobject O { const val Y = \"AIS.0102\" }\nenum class E(val c: String) { A(\"AIS.0103\") }\nfun f() { val local = \"AIS.0104\" }\n",
            expect![[r#"
                X = AIS.0101
                O.Y = AIS.0102
                E.A = AIS.0103"#]],
        );
        check(
            Language::CSharp,
            "class C { public const string X = \"AIS.0101\"; static readonly string Y = \"AIS.0102\"; string z = \"AIS.0103\"; }",
            expect![[r#"
                C.X = AIS.0101
                C.Y = AIS.0102"#]],
        );
        check(
            Language::Php,
            "<?php\nclass C { const X = 'AIS.0101'; }\ndefine('Y', 'AIS.0102');\n",
            expect![[r#"
                C.X = AIS.0101
                Y = AIS.0102"#]],
        );
        check(
            Language::Rust,
            "const X: &str = \"AIS.0101\";\nimpl T { const Y: &'static str = \"AIS.0102\"; }\n#[derive(Deserialize)]\n#[serde(rename_all = \"camelCase\")]\nenum E {\n    #[serde(rename = \"AIS.0103\")]\n    A,\n    B,\n}\n",
            expect![[r#"
                X = AIS.0101
                T.Y = AIS.0102
                E.A = AIS.0103"#]],
        );
    }
}
