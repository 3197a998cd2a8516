//! Writes a deterministic, realistic log for benchmarks: access lines, application lines, JSON
//! request logs and stack traces, mostly noise, with some error codes of the built-in catalog
//! in JSON error bodies, gateway lines and exceptions, some unknown codes, some codes of other
//! services, and some catalog messages without a code.
//!
//! Usage: `genlog SIZE_MB OUT [SEED [CODES]]`. The same arguments always give the same bytes.
//! The number of lines written for each code is printed on stdout as JSON, so a benchmark can
//! check what `errcode-ls scan` reports.
//!
//! With `CODES` (say 2500), a catalog of that many codes is generated too and written as native
//! JSON to `OUT.catalog.json`, and the log's codes and messages come from it instead of the
//! built-in catalog (use `scan --no-builtin --catalog OUT.catalog.json`). Its shape is that of
//! a cloud's error-code documentation: a few dozen service namespaces of four-digit codes,
//! messages made from the handful of sentence templates such pages repeat (some with an `XXX`
//! placeholder, some shared by several codes).

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

/// A code and the message a service answers with it.
type Coded<'a> = (&'a str, &'a str);

/// Service namespaces of a generated catalog (none is `OBS`: its codes stand for another
/// service's in the log).
const SERVICES: &[&str] = &[
    "ECS", "EVS", "VPC", "ELB", "RDS", "DCS", "DMS", "CCE", "CES", "SMN", "KMS", "DNS", "CDN", "CBR", "CSS",
    "DWS", "DLI", "MRS", "FGS", "IMS", "AS", "NAT", "WAF", "CTS", "IAM", "SFS", "GES", "LTS",
];

const RESOURCES: &[&str] = &[
    "instance",
    "volume",
    "snapshot",
    "backup",
    "subnet",
    "security group",
    "route table",
    "load balancer",
    "listener",
    "certificate",
    "database",
    "user",
    "role",
    "policy",
    "bucket",
    "object",
    "image",
    "flavor",
    "key pair",
    "cluster",
    "node",
    "node pool",
    "topic",
    "subscription",
    "queue",
    "consumer group",
    "domain",
    "record set",
    "function",
    "trigger",
    "alarm rule",
    "metric",
    "job",
    "workspace",
    "endpoint",
    "gateway",
    "peering connection",
    "elastic IP",
    "bandwidth",
    "quota",
    "tag",
    "project",
    "agency",
    "log group",
    "stream",
];

const PARAMS: &[&str] = &[
    "name",
    "description",
    "flavor_id",
    "image_id",
    "vpc_id",
    "subnet_id",
    "availability_zone",
    "size",
    "limit",
    "offset",
    "marker",
    "sort_key",
    "sort_dir",
    "tags",
    "metadata",
    "port",
    "protocol",
    "cidr",
    "ip_address",
    "project_id",
    "enterprise_project_id",
    "period",
    "count",
    "start_time",
    "end_time",
    "version",
    "engine",
    "charging_mode",
    "timeout",
    "retention",
];

const VERBS: &[(&str, &str, &str)] = &[
    ("create", "created", "creating"),
    ("delete", "deleted", "deleting"),
    ("update", "updated", "updating"),
    ("query", "queried", "querying"),
    ("attach", "attached", "attaching"),
    ("detach", "detached", "detaching"),
    ("resize", "resized", "resizing"),
    ("restore", "restored", "restoring"),
    ("start", "started", "starting"),
    ("stop", "stopped", "stopping"),
];

/// The message of generated code number `n`: the sentence templates of real documentation.
fn catalog_message(n: usize) -> String {
    let resource = RESOURCES[n / 7 % RESOURCES.len()];
    let param = PARAMS[n / 11 % PARAMS.len()];
    let (verb, verbed, verbing) = VERBS[n / 13 % VERBS.len()];
    match n % 12 {
        0 => format!("The {resource} does not exist."),
        1 => format!("Invalid parameter: {param}."),
        2 => format!("The value of {param} is out of range."),
        3 => format!("Failed to {verb} the {resource}."),
        4 => format!("The {resource} quota has been exceeded."),
        5 => format!("Insufficient permissions to {verb} the {resource}."),
        6 => format!("The {resource} is in use and cannot be {verbed}."),
        7 => format!("The {resource} is being {verbed}. Try again later."),
        8 => format!("Request timed out while {verbing} the {resource}."),
        9 => format!("The {resource} XXX does not exist."),
        10 => format!("The {resource} status does not allow it to be {verbed}."),
        _ => format!("Parameter {param} is missing or empty."),
    }
}

/// A generated catalog: its codes with the message a service answers (placeholders filled).
fn generated_catalog(codes: usize, out: &str) -> std::io::Result<Vec<(String, String)>> {
    let mut entries = Vec::with_capacity(codes);
    let mut json = Vec::with_capacity(codes);
    for n in 0..codes {
        let code = format!("{}.{:04}", SERVICES[n % SERVICES.len()], 1 + n / SERVICES.len());
        let message = catalog_message(n);
        json.push(format!(
            "    {{\"code\": \"{code}\", \"category\": \"{}\", \"message\": \"{message}\", \"status\": {}, \
             \"description\": \"The request cannot be processed.\", \"solution\": \"Check the request and try again.\"}}",
            SERVICES[n % SERVICES.len()],
            [400, 403, 404, 409, 500][n % 5]
        ));
        entries.push((code, message.replace("XXX", "i-0a1b2c3d")));
    }
    let text = format!("{{\"name\": \"Generated cloud\", \"codes\": [\n{}\n]}}\n", json.join(",\n"));
    std::fs::write(format!("{out}.catalog.json"), text)?;
    Ok(entries)
}

fn main() -> std::io::Result<()> {
    let args: Vec<String> = std::env::args().collect();
    let (Some(size), Some(out)) = (args.get(1).and_then(|s| s.parse::<u64>().ok()), args.get(2)) else {
        eprintln!("usage: genlog SIZE_MB OUT [SEED [CODES]]");
        std::process::exit(2);
    };
    let seed = args.get(3).and_then(|s| s.parse().ok()).unwrap_or(0x5eed_1095_u64);
    let generated = match args.get(4).and_then(|s| s.parse::<usize>().ok()).filter(|&n| n > 0) {
        Some(codes) => Some(generated_catalog(codes, out)?),
        None => None,
    };
    let owned: Vec<(&str, &str)> =
        generated.iter().flatten().map(|(c, m)| (c.as_str(), m.as_str())).collect();
    // Message-only lines use messages that stand for one code: shared by no other code, and
    // not read by another code's pattern (`The volume XXX does not exist` also matches `The
    // volume does not exist`).
    let unique_messages: Vec<(&str, &str)> = {
        let mut seen: BTreeMap<&str, usize> = BTreeMap::new();
        for (_, m) in &owned {
            *seen.entry(m).or_default() += 1;
        }
        owned
            .iter()
            .copied()
            .filter(|(_, m)| {
                seen[m] == 1 && ["Failed", "Insufficient", "Request"].iter().any(|p| m.starts_with(p))
            })
            .collect()
    };
    let (codes, message_only): (&[Coded], &[Coded]) =
        if owned.is_empty() { (CODES, MESSAGE_ONLY) } else { (&owned, &unique_messages) };
    let (unknown_namespace, unknown_base) = if owned.is_empty() { ("AIS", 190) } else { (SERVICES[0], 9190) };
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
                let (code, message) = *rng.pick(codes);
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
                let code = format!("{unknown_namespace}.{:04}", unknown_base + rng.below(5));
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
                let (code, message) = *rng.pick(message_only);
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
