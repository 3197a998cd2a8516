//! `errcode-ls scan --timeline` and `--html`: codes counted over time from each line's
//! timestamp, through the built binary, as a user runs it.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use expect_test::expect_file;
use serde_json::Value;

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/fixtures/scan/timeline").join(name)
}

/// Runs `errcode-ls scan ARGS` with only the built-in catalog; syslog lines are of 2026.
fn scan(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_errcode-ls"))
        .env("XDG_CONFIG_HOME", Path::new(env!("CARGO_TARGET_TMPDIR")).join("no-user-config"))
        .env_remove("RUST_LOG")
        .env("NO_COLOR", "1")
        .arg("scan")
        .args(["--syslog-year", "2026"])
        .args(args)
        .output()
        .expect("the binary runs")
}

fn json(args: &[&str]) -> Value {
    let output = scan(args);
    assert!(output.status.success(), "scan failed: {}", String::from_utf8_lossy(&output.stderr));
    serde_json::from_slice(&output.stdout).expect("scan --json prints JSON")
}

fn scratch(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("scan-timeline").join(name);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("a scratch folder");
    dir
}

fn gzip(bytes: &[u8]) -> Vec<u8> {
    let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    encoder.write_all(bytes).expect("compresses in memory");
    encoder.finish().expect("compresses in memory")
}

#[test]
fn every_timestamp_format_lands_in_its_bucket() {
    let log = fixture("incident.log");
    let report = json(&["--timeline", "--bucket", "5m", "--json", log.to_str().expect("a UTF-8 path")]);
    let timeline = serde_json::to_string_pretty(&report["timeline"]).expect("serialises");
    expect_file!["fixtures/scan/timeline/incident.5m.json"].assert_eq(&format!("{timeline}\n"));
}

#[test]
fn the_terminal_shows_a_row_per_bucket_and_a_column_per_code() {
    let log = fixture("incident.log");
    let output = scan(&["--timeline", "--bucket", "5m", log.to_str().expect("a UTF-8 path")]);
    let stdout = String::from_utf8_lossy(&output.stdout);
    let table = &stdout[stdout.find("Over time").expect("a timeline after the summary")..];
    expect_file!["fixtures/scan/timeline/incident.5m.txt"].assert_eq(table);
}

/// A big file is split across threads; the lines at the start of a part that carry no
/// timestamp still take the last one of the part before.
#[test]
fn parts_of_a_file_scanned_in_parallel_give_the_same_timeline() {
    let dir = scratch("parts");
    let mut log = String::new();
    for minute in 0..40 {
        log.push_str(&format!("2026-03-07T10:{minute:02}:00Z ERROR request failed\n"));
        for _ in 0..30 {
            log.push_str("    at a stack frame mentioning APIG.0308 without a time\n");
        }
    }
    let path = dir.join("big.log");
    std::fs::write(&path, log).expect("writes the log");
    let path = path.to_str().expect("a UTF-8 path");
    let whole = json(&["--timeline", "--json", "-j", "1", path]);
    let parts = json(&["--timeline", "--json", "-j", "4", "--split-above", "1000", path]);
    assert_eq!(whole["timeline"], parts["timeline"]);
    let counts = &whole["timeline"]["series"][0]["counts"];
    assert_eq!(counts.as_array().map(Vec::len), Some(40), "one bucket a minute: {counts}");
    assert!(counts.as_array().into_iter().flatten().all(|c| c == 30), "30 lines each minute: {counts}");
    assert_eq!(whole["timeline"]["untimed"], 0);
}

#[test]
fn a_folder_of_gzip_and_plain_logs_merges_into_one_timeline() {
    let dir = scratch("folder");
    std::fs::write(dir.join("a.log"), "2026-03-07T10:00:00Z AIS.0101\n2026-03-07T11:00:00Z AIS.0101\n")
        .expect("writes a log");
    std::fs::write(
        dir.join("b.log.gz"),
        gzip(b"no time yet: APIG.0308\n2026-03-07T10:30:00Z APIG.0308\n2026-03-07T10:31:00Z AIS.0101\n"),
    )
    .expect("writes a gzip log");
    let report = json(&["--timeline", "--bucket", "1h", "--json", dir.to_str().expect("a UTF-8 path")]);
    let timeline = &report["timeline"];
    assert_eq!(timeline["starts"], serde_json::json!(["2026-03-07T10:00:00Z", "2026-03-07T11:00:00Z"]));
    let series: Vec<(String, Value)> = timeline["series"]
        .as_array()
        .expect("series")
        .iter()
        .map(|s| (s["code"].as_str().unwrap_or_default().to_owned(), s["counts"].clone()))
        .collect();
    assert_eq!(
        series,
        [
            ("AIS.0101".to_owned(), serde_json::json!([2, 1])),
            ("APIG.0308".to_owned(), serde_json::json!([1, 0])),
        ]
    );
    // The first line of `b.log.gz` comes before any time of its own file.
    assert_eq!(timeline["untimed"], 1);
}

#[test]
fn a_bucket_that_is_not_a_whole_number_of_minutes_is_refused() {
    let log = fixture("incident.log");
    let output = scan(&["--timeline", "--bucket", "30s", log.to_str().expect("a UTF-8 path")]);
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("`30s` is not a bucket size"), "{stderr}");
}

#[test]
fn the_html_report_is_one_self_contained_file_with_the_chart_data() {
    let dir = scratch("html");
    let report = dir.join("report.html");
    let log = fixture("incident.log");
    let output = scan(&[
        "--html",
        report.to_str().expect("a UTF-8 path"),
        "--bucket",
        "5m",
        log.to_str().expect("a UTF-8 path"),
    ]);
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    let html = std::fs::read_to_string(&report).expect("the report is written");
    for external in ["http://", "https://", "<link", "src="] {
        assert!(!html.contains(external), "the report refers to something outside it: {external}");
    }
    let data = html
        .split("<script type=\"application/json\" id=\"timeline-data\">")
        .nth(1)
        .and_then(|rest| rest.split("</script>").next())
        .expect("the chart's data is embedded");
    let data: Value = serde_json::from_str(data).expect("the embedded data is JSON");
    let from_json = json(&["--timeline", "--bucket", "5m", "--json", log.to_str().expect("a UTF-8 path")]);
    assert_eq!(data, from_json["timeline"]);
    assert!(html.contains("<polyline class=\"series\" data-code=\"APIG.0308\""));
    assert!(html.contains("The throttling threshold has been reached"), "the table holds the messages");
    assert!(html.contains("<code>AIS.0199</code>"), "the unknown codes are listed");
}

#[test]
fn a_report_that_cannot_be_written_is_an_error_and_leaves_nothing_behind() {
    let dir = scratch("unwritable");
    let report = dir.join("missing-folder").join("report.html");
    let log = fixture("incident.log");
    let output =
        scan(&["--html", report.to_str().expect("a UTF-8 path"), log.to_str().expect("a UTF-8 path")]);
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stderr).contains("cannot write the report"));
    assert_eq!(std::fs::read_dir(&dir).map(Iterator::count).unwrap_or(0), 0);
}
