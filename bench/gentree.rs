//! Writes a deterministic source tree for benchmarks of `check`: nested packages of Python,
//! Go, Java and TypeScript files (imports, classes, functions, comments, string literals, log
//! calls), a few in a hundred of which handle API error codes of the built-in catalog (a
//! `match`/`switch` on codes, a lookup table, a log line with an unknown code).
//!
//! Usage: `gentree OUT_DIR SIZE_MB FILES [CODE_PERCENT]`. The same arguments always give the
//! same tree. `CODE_PERCENT` (default 3) is the share of files that mention codes; 0 gives a
//! tree without a single code. Prints the number of files and bytes written.

use std::fmt::Write as _;
use std::path::Path;

const CODES: &[&str] =
    &["AIS.0101", "AIS.0103", "APIG.0201", "APIG.0308", "ModelArts.4204", "ModelArts.0203"];

const WORDS: &[&str] = &[
    "request", "image", "page", "token", "client", "session", "region", "bucket", "result", "retry",
    "config", "payload", "handler", "worker", "batch", "record", "invoice", "upload", "cache", "user",
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

    fn word(&mut self) -> &'static str {
        WORDS[self.below(WORDS.len() as u64) as usize]
    }
}

#[derive(Clone, Copy)]
enum Lang {
    Python,
    Go,
    Java,
    TypeScript,
}

impl Lang {
    fn extension(self) -> &'static str {
        match self {
            Lang::Python => "py",
            Lang::Go => "go",
            Lang::Java => "java",
            Lang::TypeScript => "ts",
        }
    }
}

/// One ordinary function of about ten lines.
fn function(out: &mut String, lang: Lang, rng: &mut Rng, n: usize) {
    let (a, b, c) = (rng.word(), rng.word(), rng.word());
    let limit = rng.below(1000);
    match lang {
        Lang::Python => {
            let _ = write!(
                out,
                "\n\ndef {a}_{b}_{n}(self, {c}, timeout=30):\n    \"\"\"Loads the {c} of a {a} and returns its {b}.\"\"\"\n    \
                 if {c} is None:\n        raise ValueError(\"missing {c}\")\n    items = [x for x in self.{b}s if x.size < {limit}]\n    \
                 logger.debug(\"%s {a} items for %s\", len(items), {c})\n    for item in items:\n        self.cache[item.id] = item\n    \
                 return self.client.get(f\"/v2/{{self.project}}/{a}/{{{c}}}\", timeout=timeout)\n"
            );
        }
        Lang::Go => {
            let _ = write!(
                out,
                "\n// {a}{b}{n} loads the {c} of a {a} and returns its {b}.\nfunc (s *Service) {a}{b}{n}(ctx context.Context, {c} string) (*Result, error) {{\n\t\
                 if {c} == \"\" {{\n\t\treturn nil, fmt.Errorf(\"missing {c}\")\n\t}}\n\titems := make([]Item, 0, {limit})\n\t\
                 for _, it := range s.{b}s {{\n\t\tif it.Size < {limit} {{\n\t\t\titems = append(items, it)\n\t\t}}\n\t}}\n\t\
                 log.Printf(\"%d {a} items for %s\", len(items), {c})\n\treturn s.client.Get(ctx, \"/v2/\"+s.project+\"/{a}/\"+{c})\n}}\n"
            );
        }
        Lang::Java => {
            let _ = write!(
                out,
                "\n    /** Loads the {c} of a {a} and returns its {b}. */\n    public Result {a}{b}{n}(String {c}) throws IOException {{\n        \
                 if ({c} == null) {{\n            throw new IllegalArgumentException(\"missing {c}\");\n        }}\n        \
                 List<Item> items = new ArrayList<>({limit});\n        for (Item it : this.{b}s) {{\n            if (it.size() < {limit}) items.add(it);\n        }}\n        \
                 LOG.debug(\"{{}} {a} items for {{}}\", items.size(), {c});\n        return client.get(\"/v2/\" + project + \"/{a}/\" + {c});\n    }}\n"
            );
        }
        Lang::TypeScript => {
            let _ = write!(
                out,
                "\n/** Loads the {c} of a {a} and returns its {b}. */\nexport async function {a}{b}{n}({c}: string, timeout = 30): Promise<Result> {{\n  \
                 if (!{c}) {{\n    throw new Error(`missing {c}`);\n  }}\n  const items = state.{b}s.filter((it) => it.size < {limit});\n  \
                 console.debug(`${{items.length}} {a} items for ${{{c}}}`);\n  for (const item of items) cache.set(item.id, item);\n  \
                 return client.get(`/v2/${{project}}/{a}/${{{c}}}`, {{ timeout }});\n}}\n"
            );
        }
    }
}

/// A function that branches on error codes, and a log line with a code missing from the
/// catalog.
fn code_handler(out: &mut String, lang: Lang, rng: &mut Rng) {
    let a = CODES[rng.below(CODES.len() as u64) as usize];
    let b = CODES[rng.below(CODES.len() as u64) as usize];
    match lang {
        Lang::Python => {
            let _ = write!(
                out,
                "\n\ndef classify(err):\n    match err.code:\n        case \"{a}\":\n            return Retry.LATER\n        \
                 case \"{b}\":\n            return Retry.NEVER\n        case _:\n            return Retry.ASK\n\n\
                 # seen in production: AIS.0199 after a timeout\n"
            );
        }
        Lang::Go => {
            let _ = write!(
                out,
                "\nfunc classify(code string) Retry {{\n\tswitch code {{\n\tcase \"{a}\":\n\t\treturn RetryLater\n\tcase \"{b}\":\n\t\t\
                 return RetryNever\n\tdefault:\n\t\treturn RetryAsk\n\t}}\n}}\n\n// seen in production: AIS.0199 after a timeout\n"
            );
        }
        Lang::Java => {
            let _ = write!(
                out,
                "\n    static Retry classify(String code) {{\n        switch (code) {{\n            case \"{a}\": return Retry.LATER;\n            \
                 case \"{b}\": return Retry.NEVER;\n            default: return Retry.ASK;\n        }}\n    }}\n\n    // seen in production: AIS.0199 after a timeout\n"
            );
        }
        Lang::TypeScript => {
            let _ = write!(
                out,
                "\nexport function classify(code: string): Retry {{\n  switch (code) {{\n    case \"{a}\":\n      return Retry.Later;\n    \
                 case \"{b}\":\n      return Retry.Never;\n    default:\n      return Retry.Ask;\n  }}\n}}\n\n// seen in production: AIS.0199 after a timeout\n"
            );
        }
    }
}

fn header(lang: Lang, package: &str) -> String {
    match lang {
        Lang::Python => format!(
            "\"\"\"The {package} module: clients and helpers.\"\"\"\n\nimport logging\nimport os\nfrom dataclasses import dataclass\n\n\
             logger = logging.getLogger(__name__)\n\n\nclass Service:\n    \"\"\"Talks to the {package} endpoints.\"\"\"\n"
        ),
        Lang::Go => format!(
            "// Package {package} holds clients and helpers.\npackage {package}\n\nimport (\n\t\"context\"\n\t\"fmt\"\n\t\"log\"\n)\n\n\
             // Service talks to the {package} endpoints.\ntype Service struct {{\n\tproject string\n}}\n"
        ),
        Lang::Java => format!(
            "package com.example.{package};\n\nimport java.io.IOException;\nimport java.util.ArrayList;\nimport java.util.List;\n\n\
             /** Talks to the {package} endpoints. */\npublic class Service {{\n"
        ),
        Lang::TypeScript => format!(
            "// The {package} module: clients and helpers.\nimport {{ client, cache, state }} from \"../core\";\nimport type {{ Result }} from \"../types\";\n"
        ),
    }
}

fn main() -> std::io::Result<()> {
    let args: Vec<String> = std::env::args().collect();
    let parsed = (
        args.get(1),
        args.get(2).and_then(|s| s.parse::<u64>().ok()),
        args.get(3).and_then(|s| s.parse::<u64>().ok()),
    );
    let (Some(out), Some(size_mb), Some(files)) = parsed else {
        eprintln!("usage: gentree OUT_DIR SIZE_MB FILES [CODE_PERCENT]");
        std::process::exit(2);
    };
    let code_percent = args.get(4).and_then(|s| s.parse::<u64>().ok()).unwrap_or(3);
    let per_file = size_mb * 1024 * 1024 / files.max(1);
    let mut rng = Rng(0x7ee5_eed5 | 1);
    let mut total = 0u64;
    for n in 0..files {
        let lang = [Lang::Python, Lang::Go, Lang::Java, Lang::TypeScript][(n % 4) as usize];
        let package = format!("{}{}", WORDS[(n / 4 % 20) as usize], n / 80 % 10);
        let dir =
            Path::new(out).join(format!("svc{:02}", n / 500)).join(&package).join(format!("m{:02}", n % 37));
        std::fs::create_dir_all(&dir)?;
        let mut text = header(lang, &package);
        let with_codes = rng.below(100) < code_percent;
        let mut f = 0;
        while (text.len() as u64) < per_file {
            if with_codes && f == 3 {
                code_handler(&mut text, lang, &mut rng);
            }
            function(&mut text, lang, &mut rng, f);
            f += 1;
        }
        if let Lang::Java = lang {
            text.push_str("}\n");
        }
        total += text.len() as u64;
        std::fs::write(dir.join(format!("{}_{n}.{}", WORDS[(n % 20) as usize], lang.extension())), text)?;
    }
    println!("{files} files, {total} bytes");
    Ok(())
}
