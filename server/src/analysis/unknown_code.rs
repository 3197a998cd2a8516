//! `unknown-code`: code-shaped tokens of a known family that the catalog does not list, with
//! "Replace with …" fixes for the nearest catalog codes.

use super::{Context, Edit, Finding, Fix, Rule};
use crate::recognize::Recognized;

/// How many replacement codes are offered.
const SUGGESTIONS: usize = 3;

/// Reports every unknown code in `text`.
pub fn unknown_codes(text: &str, cx: Context<'_>) -> Vec<Finding> {
    let Some(severity) = cx.options.severities.get(Rule::UnknownCode) else {
        return Vec::new();
    };
    cx.recognizer
        .find_iter(text.as_bytes())
        .filter(|o| matches!(o.kind, Recognized::Unknown { .. }))
        .filter_map(|o| {
            let token = &text[o.range.clone()];
            if cx.options.ignore_codes.matches(token) {
                return None;
            }
            let closest = cx.catalog.closest(token, SUGGESTIONS);
            let names: Vec<&str> = closest.iter().map(|&id| cx.catalog.entry(id).code.as_str()).collect();
            let message = match names.as_slice() {
                [] => format!("unknown error code `{token}`: not in the catalog"),
                [one] => format!("unknown error code `{token}`; did you mean `{one}`?"),
                many => format!(
                    "unknown error code `{token}`; did you mean {}?",
                    many.iter().map(|n| format!("`{n}`")).collect::<Vec<_>>().join(", ")
                ),
            };
            let clear_winner = clear_winner(token, &names);
            let fixes = names
                .iter()
                .enumerate()
                .map(|(n, name)| Fix {
                    title: format!("Replace with {name}"),
                    edits: vec![Edit { range: o.range.clone(), text: (*name).to_owned() }],
                    preferred: clear_winner && n == 0,
                })
                .collect();
            Some(Finding {
                rule: Rule::UnknownCode,
                severity,
                range: o.range,
                message,
                related: closest,
                fixes,
            })
        })
        .collect()
}

/// The first suggestion is a clear winner when no other is as close and the token is not
/// merely one digit away from it: `APIG.0106` is as likely a real code the catalog lacks as a
/// typo of `APIG.0101`, while `APIG.0380` for `APIG.0308` (two digits swapped) is a slip of the
/// fingers. A clear winner is the preferred fix, which `check --fix` applies unasked.
fn clear_winner(token: &str, names: &[&str]) -> bool {
    let distance = |name: &str| strsim::damerau_levenshtein(token, name);
    let plausible = match names {
        [] => false,
        [_] => true,
        [first, second, ..] => distance(first) < distance(second),
    };
    plausible && names.first().is_some_and(|first| !one_digit_apart(token, first))
}

/// Same length, and the only difference is one digit for another.
fn one_digit_apart(token: &str, name: &str) -> bool {
    let (a, b) = (token.as_bytes(), name.as_bytes());
    let mut differences = a.iter().zip(b).filter(|(x, y)| x != y);
    a.len() == b.len()
        && differences.next().is_some_and(|(x, y)| x.is_ascii_digit() && y.is_ascii_digit())
        && differences.next().is_none()
}

#[cfg(test)]
mod tests {
    use expect_test::{Expect, expect};

    use super::*;
    use crate::analysis::Options;
    use crate::catalog::{CatalogBuilder, Origin, builtin_catalog};
    use crate::recognize::Recognizer;

    fn check(text: &str, expect: Expect) {
        let mut builder = CatalogBuilder::new();
        builder.add("builtin".into(), Origin::Builtin { file_name: "b".into() }, builtin_catalog());
        let (catalog, _) = builder.finish();
        let recognizer = Recognizer::new(&catalog);
        let options = Options::default();
        let findings = unknown_codes(
            text,
            Context { catalog: &catalog, recognizer: &recognizer, options: &options, workspace: None },
        );
        let rendered: Vec<String> = findings
            .iter()
            .map(|f| {
                let fixes: Vec<String> = f
                    .fixes
                    .iter()
                    .map(|x| format!("{}{}", x.title, if x.preferred { " (preferred)" } else { "" }))
                    .collect();
                format!("{:?} {}: {} [{}]", f.range, f.severity, f.message, fixes.join("; "))
            })
            .collect();
        expect.assert_eq(&rendered.join("\n"));
    }

    #[test]
    fn a_typo_gets_the_nearest_code_as_preferred_fix() {
        check(
            "raise Err(\"AIS.0106\")",
            expect![
                "11..19 warning: unknown error code `AIS.0106`; did you mean `AIS.0101`, `AIS.0102`, `AIS.0103`? [Replace with AIS.0101; Replace with AIS.0102; Replace with AIS.0103]"
            ],
        );
        check(
            "APIG.0380",
            expect![
                "0..9 warning: unknown error code `APIG.0380`; did you mean `APIG.0308`, `APIG.0301`, `APIG.0101`? [Replace with APIG.0308 (preferred); Replace with APIG.0301; Replace with APIG.0101]"
            ],
        );
    }

    #[test]
    fn one_digit_from_a_code_is_no_clear_typo() {
        // `APIG.0102` may well be a real code the catalog lacks: offered, never preferred.
        check(
            "APIG.0102",
            expect![
                "0..9 warning: unknown error code `APIG.0102`; did you mean `APIG.0101`, `APIG.0201`, `APIG.0301`? [Replace with APIG.0101; Replace with APIG.0201; Replace with APIG.0301]"
            ],
        );
    }

    #[test]
    fn known_codes_are_not_reported() {
        check("AIS.0101 ModelArts.4204 APIG.0308", expect![""]);
    }

    #[test]
    fn a_far_away_code_gets_no_suggestion() {
        check("AIS.9999", expect!["0..8 warning: unknown error code `AIS.9999`: not in the catalog []"]);
    }
}
