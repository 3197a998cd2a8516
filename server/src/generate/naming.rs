//! Constant names from codes, by rules each language states as data: `AIS.0101` becomes
//! `AIS_0101` or `Ais0101`, `ModelArts.4204` `MODEL_ARTS_4204` or `ModelArts4204`.
//!
//! A name depends only on its code (and, for a collision, on the codes before it in code order),
//! so regenerating after a catalog change renames nothing that stayed.

use std::collections::HashSet;

/// How a name's words are joined.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Case {
    /// `MODEL_ARTS_4204`
    ScreamingSnake,
    /// `ModelArts4204`
    Pascal,
}

/// A language's naming rule.
#[derive(Debug, Clone, Copy)]
pub struct Naming {
    pub case: Case,
    /// Put before a name that would start with a digit (`1001` → `E_1001`).
    pub digit_prefix: &'static str,
    /// Words the language reserves (compared as written); such a name gets a trailing `_`.
    pub keywords: &'static [&'static str],
}

impl Naming {
    /// The name of `code`, before collisions are considered.
    pub fn name(&self, code: &str) -> String {
        let words = words(code);
        let mut name = match self.case {
            Case::ScreamingSnake => {
                words.iter().map(|w| w.to_ascii_uppercase()).collect::<Vec<_>>().join("_")
            }
            Case::Pascal => words.iter().map(|w| pascal_word(w)).collect(),
        };
        if name.is_empty() {
            name = if self.case == Case::Pascal { "Code" } else { "CODE" }.to_owned();
        }
        if name.starts_with(|c: char| c.is_ascii_digit()) {
            name.insert_str(0, self.digit_prefix);
        }
        if self.keywords.contains(&name.as_str()) {
            name.push('_');
        }
        name
    }
}

/// Names given so far in one file: a second code with the same name gets `_2`, `_3`, ….
pub(super) struct Names<'n> {
    naming: &'n Naming,
    used: HashSet<String>,
}

impl<'n> Names<'n> {
    /// `type_name` is taken from the start: a member may not share its type's name (C#, Go).
    pub(super) fn new(naming: &'n Naming, type_name: &str) -> Self {
        Names { naming, used: HashSet::from([type_name.to_owned()]) }
    }

    pub(super) fn name_for(&mut self, code: &str) -> String {
        let base = self.naming.name(code);
        let mut name = base.clone();
        let mut n = 2;
        while !self.used.insert(name.clone()) {
            name = format!("{base}_{n}");
            n += 1;
        }
        name
    }
}

/// The words of a code: runs of ASCII letters and digits, split where a lower-case letter meets
/// an upper-case one (`ModelArts` → `Model`, `Arts`). Anything else separates words.
fn words(code: &str) -> Vec<String> {
    let mut words = Vec::new();
    let mut word = String::new();
    let mut previous: Option<char> = None;
    for c in code.chars() {
        if !c.is_ascii_alphanumeric() {
            if !word.is_empty() {
                words.push(std::mem::take(&mut word));
            }
            previous = None;
            continue;
        }
        if c.is_ascii_uppercase() && previous.is_some_and(|p| p.is_ascii_lowercase()) {
            words.push(std::mem::take(&mut word));
        }
        word.push(c);
        previous = Some(c);
    }
    if !word.is_empty() {
        words.push(word);
    }
    words
}

/// `AIS` → `Ais`, `Model` → `Model`, `0101` → `0101`.
fn pascal_word(word: &str) -> String {
    let mut chars = word.chars();
    let first = chars.next().map(|c| c.to_ascii_uppercase());
    first.into_iter().chain(chars.map(|c| c.to_ascii_lowercase())).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    const SNAKE: Naming = Naming { case: Case::ScreamingSnake, digit_prefix: "E_", keywords: &["NONE"] };
    const PASCAL: Naming = Naming { case: Case::Pascal, digit_prefix: "E", keywords: &[] };

    #[test]
    fn names_follow_the_code_in_either_case() {
        let codes = [
            "AIS.0101",
            "ModelArts.4204",
            "SVCSTG.OBS.4001",
            "PAY-1001",
            "E1001",
            "NoSuchBucket",
            "1001",
            "none",
            ".",
        ];
        let names: Vec<(String, String)> = codes.iter().map(|c| (SNAKE.name(c), PASCAL.name(c))).collect();
        expect_test::expect![[r#"
            [
                (
                    "AIS_0101",
                    "Ais0101",
                ),
                (
                    "MODEL_ARTS_4204",
                    "ModelArts4204",
                ),
                (
                    "SVCSTG_OBS_4001",
                    "SvcstgObs4001",
                ),
                (
                    "PAY_1001",
                    "Pay1001",
                ),
                (
                    "E1001",
                    "E1001",
                ),
                (
                    "NO_SUCH_BUCKET",
                    "NoSuchBucket",
                ),
                (
                    "E_1001",
                    "E1001",
                ),
                (
                    "NONE_",
                    "None",
                ),
                (
                    "CODE",
                    "Code",
                ),
            ]
        "#]]
        .assert_debug_eq(&names);
    }

    #[test]
    fn a_colliding_name_gets_a_number_and_the_type_name_is_taken() {
        let mut names = Names::new(&PASCAL, "Ais0101");
        let given: Vec<String> =
            ["AIS.0101", "AIS-0101", "ais.0101"].iter().map(|c| names.name_for(c)).collect();
        assert_eq!(given, ["Ais0101_2", "Ais0101_3", "Ais0101_4"]);
    }
}
