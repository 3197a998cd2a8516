//! Writes a deterministic, realistic log for benchmarks: access lines, application lines, JSON
//! request logs and stack traces, mostly noise, with some error codes of the built-in catalog
//! in JSON error bodies, gateway lines and exceptions, some unknown codes, some codes of other
//! services, and some catalog messages without a code.
//!
//! Usage: `genlog SIZE_MB OUT [SEED]`. The same arguments always give the same bytes. The
//! number of lines written for each code is printed on stdout as JSON, so a benchmark can check
//! what `errcode-ls scan` reports.

use std::collections::BTreeMap;
use std::io::{BufWriter, Write};

/// Codes of the built-in catalog with their messages, as the service returns them (the
/// placeholder of APIG.0308 and ModelArts.4204 filled in).
const CODES: &[(&str, &str)] = &[
    (
        "APIG.0308",
        "The throttling threshold has been reached: policy user over ratelimit,limit:1000,time:1 minute.",
    ),
    ("APIG.0201", "Backend timeout."),
    ("APIG.0301", "Incorrect IAM authentication information."),
    ("AIS.0101", "The input parameter is invalid."),
    ("AIS.0103", "The image size does not meet the requirements."),
    ("AIS.0104", "The image is not supported or the image quality is poor."),
    ("ModelArts.4204", "Request api error! The API ocr/general-text is not subscribed."),
    ("ModelArts.4402", "Backend service timeout error."),
    ("ModelArts.4603", "Obtaining the file from the URL failed."),
    ("ModelArts.0203", "Invalid token."),
];

/// Messages that appear on their own (a proxy in front of the service drops the code).
const MESSAGE_ONLY: &[(&str, &str)] = &[
    ("APIG.0201", "Backend timeout."),
    ("ModelArts.4402", "Backend service timeout error."),
    (
        "APIG.0308",
        "The throttling threshold has been reached: policy user over ratelimit,limit:200,time:1 minute.",
    ),
];

const PATHS: &[&str] = &[
    "/v2/0b1c2d3e4f/ocr/general-text",
    "/v2/0b1c2d3e4f/ocr/id-card",
    "/v2/0b1c2d3e4f/ocr/vat-invoice",
    "/v1/health",
    "/v2/0b1c2d3e4f/ocr/passport",
];

const AGENTS: &[&str] =
    &["python-requests/2.31.0", "okhttp/4.12.0", "curl/8.5.0", "huaweicloud-sdk-go/0.1.98"];

const CLASSES: &[&str] = &[
    "com.example.ocr.Pipeline",
    "com.example.ocr.ImageStore",
    "com.example.gateway.Router",
    "com.example.auth.Tokens",
];

/// xorshift64*: tiny, fast and the same everywhere.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }

    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len() as u64) as usize]
    }
}

fn main() -> std::io::Result<()> {
    let args: Vec<String> = std::env::args().collect();
    let (Some(size), Some(out)) = (args.get(1).and_then(|s| s.parse::<u64>().ok()), args.get(2)) else {
        eprintln!("usage: genlog SIZE_MB OUT [SEED]");
        std::process::exit(2);
    };
    let seed = args.get(3).and_then(|s| s.parse().ok()).unwrap_or(0x5eed_1095_u64);
    let target = size * 1024 * 1024;
    let mut rng = Rng(seed | 1);
    let mut file = BufWriter::with_capacity(1 << 20, std::fs::File::create(out)?);
    let mut counts: BTreeMap<String, u64> = BTreeMap::new();
    let mut by_message: BTreeMap<String, u64> = BTreeMap::new();
    let mut written = 0u64;
    let mut line_no = 0u64;
    let mut line = String::with_capacity(512);
    while written < target {
        line.clear();
        line_no += 1;
        let t = line_no / 7;
        let stamp = format!(
            "2026-11-27T{:02}:{:02}:{:02}.{:03}Z",
            (t / 3600) % 24,
            (t / 60) % 60,
            t % 60,
            line_no % 1000
        );
        let request = rng.next();
        let roll = rng.below(1000);
        match roll {
            // Noise: access lines, application lines, JSON request logs.
            0..=379 => {
                let status = [200, 200, 200, 201, 204, 304, 404][rng.below(7) as usize];
                line.push_str(&format!(
                    "10.{}.{}.{} - - [{stamp}] \"{} {} HTTP/1.1\" {status} {} \"-\" \"{}\" rt={}.{:03}",
                    rng.below(255),
                    rng.below(255),
                    rng.below(255),
                    if rng.below(3) == 0 { "GET" } else { "POST" },
                    rng.pick(PATHS),
                    rng.below(90_000),
                    rng.pick(AGENTS),
                    rng.below(3),
                    rng.below(1000),
                ));
            }
            380..=689 => {
                let level = ["INFO ", "INFO ", "DEBUG", "WARN "][rng.below(4) as usize];
                line.push_str(&format!(
                    "{stamp} {level} [worker-{}] {} - processed image id={request:016x} pages={} in {} ms (version 1.{:04})",
                    rng.below(16),
                    rng.pick(CLASSES),
                    rng.below(9) + 1,
                    rng.below(2000),
                    rng.below(10_000),
                ));
            }
            690..=979 => {
                line.push_str(&format!(
                    "{{\"ts\":\"{stamp}\",\"level\":\"info\",\"msg\":\"request completed\",\"path\":\"{}\",\"status\":200,\"code\":200,\"latency_ms\":{},\"request_id\":\"{request:016x}\"}}",
                    rng.pick(PATHS),
                    rng.below(5000),
                ));
            }
            // A stack trace without a code.
            980..=984 => {
                line.push_str(&format!(
                    "{stamp} ERROR [worker-{}] {} - unexpected failure\njava.lang.IllegalStateException: pool exhausted\n\tat {}.run({}.java:{})\n\tat java.base/java.lang.Thread.run(Thread.java:1583)",
                    rng.below(16),
                    rng.pick(CLASSES),
                    rng.pick(CLASSES),
                    "Worker",
                    rng.below(400),
                ));
                line_no += 3;
            }
            // Catalog codes: JSON error bodies, gateway lines, exceptions with a trace.
            985..=994 => {
                let (code, message) = *rng.pick(CODES);
                *counts.entry(code.to_owned()).or_default() += 1;
                match rng.below(4) {
                    0 => line.push_str(&format!(
                        "{{\"ts\":\"{stamp}\",\"level\":\"error\",\"msg\":\"ocr call failed\",\"response\":{{\"error_code\":\"{code}\",\"error_msg\":\"{message}\"}},\"request_id\":\"{request:016x}\"}}"
                    )),
                    1 => line.push_str(&format!(
                        "{{\"ts\":\"{stamp}\",\"level\":\"error\",\"error\":{{\"code\":\"{code}\",\"message\":\"{message}\"}}}}"
                    )),
                    2 => line.push_str(&format!(
                        "{stamp} WARN  apig-gateway: request_id={request:016x} status=429 error_code={code} upstream=10.1.{}.{}",
                        rng.below(255),
                        rng.below(255)
                    )),
                    _ => {
                        line.push_str(&format!(
                            "{stamp} ERROR [worker-{}] {} - OCR call failed\ncom.example.ocr.OcrException: {code}: {message}\n\tat com.example.ocr.Client.call(Client.java:{})\n\tat {}.run(Worker.java:88)",
                            rng.below(16),
                            rng.pick(CLASSES),
                            rng.below(400),
                            rng.pick(CLASSES),
                        ));
                        line_no += 3;
                    }
                }
            }
            // Codes of a known namespace that no catalog lists, and codes of other services.
            995..=996 => {
                let code = format!("AIS.{:04}", 190 + rng.below(5));
                *counts.entry(code.clone()).or_default() += 1;
                line.push_str(&format!("{stamp} ERROR ocr: unexpected error {code} from backend"));
            }
            997 => {
                let code = format!("OBS.{:04}", 4000 + rng.below(4));
                *counts.entry(code.clone()).or_default() += 1;
                line.push_str(&format!(
                    "{{\"ts\":\"{stamp}\",\"level\":\"error\",\"error_code\":\"{code}\",\"error_msg\":\"Access denied\"}}"
                ));
            }
            // Messages without a code.
            _ => {
                let (code, message) = *rng.pick(MESSAGE_ONLY);
                *counts.entry(code.to_owned()).or_default() += 1;
                *by_message.entry(code.to_owned()).or_default() += 1;
                line.push_str(&format!(
                    "{stamp} WARN  proxy: upstream answered \"{message}\" request_id={request:016x}"
                ));
            }
        }
        line.push('\n');
        file.write_all(line.as_bytes())?;
        written += line.len() as u64;
    }
    file.flush()?;
    let counts: Vec<String> = counts
        .iter()
        .map(|(code, n)| {
            format!("\"{code}\": {{\"count\": {n}, \"by_message\": {}}}", by_message.get(code).unwrap_or(&0))
        })
        .collect();
    println!("{{\"lines\": {line_no}, \"bytes\": {written}, \"codes\": {{{}}}}}", counts.join(", "));
    Ok(())
}
