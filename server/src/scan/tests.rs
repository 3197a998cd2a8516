use expect_test::{Expect, expect};

use super::*;
use crate::catalog::{CatalogBuilder, Origin, builtin_catalog};

fn builtin() -> Catalog {
    let mut builder = CatalogBuilder::new();
    builder.add("b".into(), Origin::Builtin { file_name: "b".into() }, builtin_catalog());
    builder.finish().0
}

/// Renders a tally as one line per code: `code lines [by message] first..last`.
fn render(catalog: &Catalog, tally: &Tally) -> String {
    let mut out = format!("{} lines\n", tally.lines);
    for row in tally.rows() {
        let code = match &row.code {
            Code::Known(id) => catalog.entry(*id).code.clone(),
            Code::Unknown(code) => format!("?{code}"),
            Code::Foreign(code) => format!("foreign {code}"),
        };
        let by_message = if row.stat.by_message > 0 {
            format!(" ({} by message)", row.stat.by_message)
        } else {
            String::new()
        };
        out.push_str(&format!(
            "{code} ×{}{by_message} lines {}..{}\n",
            row.stat.lines, row.stat.first.line, row.stat.last.line
        ));
    }
    out
}

fn scan_in_chunks(scanner: &Scanner, text: &[u8], chunk: usize) -> Tally {
    let mut stream = scanner.stream(0);
    for piece in text.chunks(chunk) {
        stream.feed(piece);
    }
    stream.finish()
}

fn check(log: &str, expect: Expect) {
    let catalog = builtin();
    let recognizer = Recognizer::new(&catalog);
    let scanner = Scanner::new(&catalog, &recognizer);
    expect.assert_eq(&render(&catalog, &scanner.scan(0, log.as_bytes())));
}

#[test]
fn counts_lines_per_code_with_first_and_last_line() {
    check(
        "ok\nAPIG.0308 then APIG.0308 again\nnoise\nAIS.0101\nAPIG.0308\n",
        expect![[r#"
            5 lines
            APIG.0308 ×2 lines 2..5
            AIS.0101 ×1 lines 4..4
        "#]],
    );
}

#[test]
fn unknown_codes_of_known_namespaces_are_kept_apart() {
    check(
        "AIS.0199 failed\nAIS.0199 again\nAIS.0101\n",
        expect![[r#"
            3 lines
            ?AIS.0199 ×2 lines 1..2
            AIS.0101 ×1 lines 3..3
        "#]],
    );
}

#[test]
fn json_error_bodies_give_codes_of_any_namespace() {
    check(
        concat!(
            r#"{"error_msg": "Access denied", "error_code": "OBS.0403"}"#,
            "\n",
            r#"{"error": {"code": "IAM.0001", "message": "x"}}"#,
            "\n",
            r#"{"status": {"code": "HTTP.200"}}"#,
            "\n",
            r#"{"body": "{\"error_code\":\"OBS.0403\"}"}"#,
            "\n",
            r#"{"error_code": "APIG.0308", "error_msg": "The throttling threshold has been reached"}"#,
            "\n",
        ),
        expect![[r#"
            5 lines
            foreign OBS.0403 ×2 lines 1..4
            foreign IAM.0001 ×1 lines 2..2
            APIG.0308 ×1 lines 5..5
        "#]],
    );
}

#[test]
fn messages_without_codes_count_for_their_code() {
    check(
        concat!(
            "2026-01-01 WARN gateway: Backend timeout. upstream=10.0.0.1\n",
            "429 The throttling threshold has been reached: policy user over ratelimit,limit:500,time:1 minute\n",
            r#"{"error_msg": "Request api error! The API ocr/idcard is not subscribed."}"#,
            "\n",
            "APIG.0201 Backend timeout.\n",
            "the throttling threshold was fine\n",
        ),
        expect![[r#"
            5 lines
            APIG.0201 ×2 (1 by message) lines 1..4
            APIG.0308 ×1 (1 by message) lines 2..2
            ModelArts.4204 ×1 (1 by message) lines 3..3
        "#]],
    );
}

#[test]
fn the_most_specific_message_wins() {
    check(
        "Invalid Token header.\nInvalid token.\n",
        expect![[r#"
            2 lines
            ModelArts.4103 ×1 (1 by message) lines 1..1
            ModelArts.0203 ×1 (1 by message) lines 2..2
        "#]],
    );
}

#[test]
fn a_last_line_without_newline_counts() {
    check(
        "a\nAIS.0102",
        expect![[r#"
            2 lines
            AIS.0102 ×1 lines 2..2
        "#]],
    );
}

#[test]
fn carriage_returns_do_not_hide_codes() {
    check(
        "x\r\nAIS.0102\r\nBackend timeout.\r\n",
        expect![[r#"
            3 lines
            AIS.0102 ×1 lines 2..2
            APIG.0201 ×1 (1 by message) lines 3..3
        "#]],
    );
}

#[test]
fn binary_and_invalid_utf8_are_noted_not_fatal() {
    let catalog = builtin();
    let recognizer = Recognizer::new(&catalog);
    let scanner = Scanner::new(&catalog, &recognizer);
    let tally = scanner.scan(0, b"ok\n\xff\xfe AIS.0101\n\0\0 AIS.0101\n");
    assert_eq!((tally.binary_at, tally.invalid_utf8_line), (Some(15), Some(2)));
    expect![[r#"
        3 lines
        AIS.0101 ×2 lines 2..3
    "#]]
    .assert_eq(&render(&catalog, &tally));
}

/// Every way of cutting the log into chunks gives the same result as scanning it whole: codes,
/// messages, JSON keys and line breaks cut in the middle are seen whole.
#[test]
fn chunk_boundaries_never_change_the_result() {
    let log = concat!(
        "2026 INFO start\n",
        r#"{"error_code": "APIG.0308", "error_msg": "x"}"#,
        "\r\n",
        "gateway: Backend timeout.\n",
        r#"{"error": {"code": "OBS.0403"}}"#,
        "\n",
        "AIS.0199 AIS.0101 AIS.0101\n",
        "\n\n",
        "ModelArts.4204",
    );
    let catalog = builtin();
    let recognizer = Recognizer::new(&catalog);
    let scanner = Scanner::new(&catalog, &recognizer);
    let whole = render(&catalog, &scanner.scan(0, log.as_bytes()));
    expect![[r#"
        8 lines
        APIG.0308 ×1 lines 2..2
        APIG.0201 ×1 (1 by message) lines 3..3
        foreign OBS.0403 ×1 lines 4..4
        AIS.0101 ×1 lines 5..5
        ?AIS.0199 ×1 lines 5..5
        ModelArts.4204 ×1 lines 8..8
    "#]]
    .assert_eq(&whole);
    for chunk in 1..log.len() {
        assert_eq!(
            render(&catalog, &scan_in_chunks(&scanner, log.as_bytes(), chunk)),
            whole,
            "chunk size {chunk}"
        );
    }
}

/// A line longer than the carried maximum is scanned in overlapping fragments: memory stays
/// bounded and codes cut by a fragment boundary are still found, once.
#[test]
fn over_long_lines_are_scanned_in_fragments() {
    let catalog = builtin();
    let recognizer = Recognizer::new(&catalog);
    let scanner = Scanner::new(&catalog, &recognizer);
    let mut log = Vec::new();
    for i in 0..(3 * MAX_LINE / 10) {
        log.extend_from_slice(if i % 1000 == 999 { b"AIS.0101 " } else { b"0123 5678 " });
    }
    log.extend_from_slice(b"\nAIS.0102\n");
    let mut stream = scanner.stream(0);
    for piece in log.chunks(4093) {
        stream.feed(piece);
        assert!(stream.carry.capacity() <= 2 * MAX_LINE, "carry grew to {}", stream.carry.capacity());
    }
    let tally = stream.finish();
    expect![[r#"
        2 lines
        AIS.0101 ×1 lines 1..1
        AIS.0102 ×1 lines 2..2
    "#]]
    .assert_eq(&render(&catalog, &tally));
}

#[test]
fn tallies_of_consecutive_parts_merge_into_the_whole() {
    let catalog = builtin();
    let recognizer = Recognizer::new(&catalog);
    let scanner = Scanner::new(&catalog, &recognizer);
    let first = "AIS.0101\nBackend timeout.\n";
    let second = "x\nAIS.0101\nAIS.0199\n";
    let whole = scanner.scan(0, format!("{first}{second}").as_bytes());
    let mut merged = scanner.scan(0, first.as_bytes());
    let lines = merged.lines;
    merged.merge(scanner.scan(0, second.as_bytes()).shifted(lines));
    assert_eq!(render(&catalog, &merged), render(&catalog, &whole));
}

#[test]
fn first_and_last_span_several_inputs() {
    let catalog = builtin();
    let recognizer = Recognizer::new(&catalog);
    let scanner = Scanner::new(&catalog, &recognizer);
    let mut tally = scanner.scan(1, b"x\nAIS.0101\n");
    tally.merge(scanner.scan(0, b"AIS.0101\nx\nx\nAIS.0101\n"));
    let row = &tally.rows()[0];
    assert_eq!(
        (row.stat.lines, row.stat.first, row.stat.last),
        (3, Pos { source: 0, line: 1 }, Pos { source: 1, line: 2 })
    );
}

/// A catalog of many messages gates its candidate lines on a few shared words, and finds
/// exactly the message-only lines that matching every line against every message finds.
#[test]
fn a_large_catalogs_messages_are_gated_by_few_words_and_all_found() {
    let templates = [
        "The {} does not exist.",
        "Failed to delete the {}.",
        "The {} quota has been exceeded.",
        "Insufficient permissions to modify the {}.",
        "The {} XXX is still attached.",
    ];
    let codes: Vec<String> = (0..600)
        .map(|n| {
            let message = templates[n % templates.len()].replace("{}", &format!("resource{}", n / 5));
            format!(r#"{{"code": "GEN.{:04}", "message": "{message}"}}"#, n + 1)
        })
        .collect();
    let text = format!(r#"{{"codes": [{}]}}"#, codes.join(","));
    let mut builder = CatalogBuilder::new();
    builder.add("g".into(), Origin::File("g.json".into()), crate::catalog::import_document("g.json", &text));
    let catalog = builder.finish().0;
    let recognizer = Recognizer::new(&catalog);
    let scanner = Scanner::new(&catalog, &recognizer);
    assert!(scanner.messages.anchor_words().len() > messages::GATE_LIMIT);
    assert!(scanner.messages.gate_words().len() <= 10, "{:?}", scanner.messages.gate_words().len());

    let mut log = String::new();
    for n in 0..600 {
        match n % 3 {
            0 => log.push_str(&format!(
                "proxy: upstream said \"{}\"\n",
                templates[n % templates.len()]
                    .replace("{}", &format!("resource{}", n / 5))
                    .replace("XXX", "i-42")
            )),
            1 => log.push_str(&format!("worker {n}: processed resource{} in 12 ms\n", n / 5)),
            _ => log.push_str("GET /v1/health 200\n"),
        }
    }
    let tally = scanner.scan(0, log.as_bytes());
    let direct: Vec<(EntryId, u64)> = log
        .lines()
        .enumerate()
        .filter_map(|(n, line)| Some((scanner.messages.match_line(line.as_bytes())?, n as u64 + 1)))
        .collect();
    assert_eq!(direct.len(), 200);
    for (id, line) in direct {
        let stat = tally.known[id.0 as usize].expect("counted");
        assert!(stat.by_message >= 1 && stat.first.line <= line && line <= stat.last.line);
    }
    let by_message: u64 = tally.known.iter().flatten().map(|s| s.by_message).sum();
    assert_eq!(by_message, 200);
}

/// A message that starts like a code (`GEN.archive`) shares its first bytes with the code
/// lead: the line is still matched by its message when the lead makes no code.
#[test]
fn a_message_starting_like_a_code_is_still_found() {
    let text = r#"{"codes": [{"code": "GEN.0001", "message": "GEN.archive is unreachable."}]}"#;
    let mut builder = CatalogBuilder::new();
    builder.add("g".into(), Origin::File("g.json".into()), crate::catalog::import_document("g.json", text));
    let catalog = builder.finish().0;
    let recognizer = Recognizer::new(&catalog);
    let scanner = Scanner::new(&catalog, &recognizer);
    let tally = scanner.scan(0, b"backup: GEN.archive is unreachable\nGEN.0001 again\n");
    expect![[r#"
        2 lines
        GEN.0001 ×2 (1 by message) lines 1..2
    "#]]
    .assert_eq(&render(&catalog, &tally));
}
