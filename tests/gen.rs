//! `errcode-ls gen` end to end: the built binary generates constants for
//! `tests/fixtures/gen/catalog.toml` (names that collide, a code starting with a digit, a
//! keyword, messages full of comment and string delimiters) in every language; each file is
//! compared with its snapshot under `tests/fixtures/gen/expected/` and then compiled or
//! type-checked by the language's own tool: rustc and rustfmt, python3, mypy and Black, go vet
//! and gofmt, tsc and Prettier, javac, kotlinc, php -l. C# has no compiler in the reachable
//! registries (Debian does not package .NET), so the C# file is parsed with tree-sitter-c-sharp
//! instead. A missing tool fails its test with the command that installs it
//! (`tests/gen/install-tools.sh`).
//!
//! Then `stale-generated`: `check` and the language server report a generated file whose
//! catalog changed, and the server's "Regenerate" fix rewrites it as `gen` would.
//!
//! Refresh the snapshots with `UPDATE_EXPECT=1 cargo test --test gen`.

mod support;

use std::path::{Path, PathBuf};
use std::process::Command;

use expect_test::{ExpectFile, expect, expect_file};
use serde_json::{Value, json};
use support::lsp_client::{Client, Setup, file_uri};

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

fn fixture_catalog() -> PathBuf {
    repo().join("tests/fixtures/gen/catalog.toml")
}

/// A temporary folder with its own user configuration and cache.
struct Dir {
    dir: tempfile::TempDir,
}

struct Run {
    code: i32,
    stdout: String,
    stderr: String,
}

impl Dir {
    fn new() -> Dir {
        Dir { dir: tempfile::tempdir().expect("a temporary folder") }
    }

    fn path(&self) -> &Path {
        self.dir.path()
    }

    /// Runs the binary in `cwd` with `args`.
    fn run_in(&self, cwd: &Path, args: &[&str]) -> Run {
        let output = Command::new(env!("CARGO_BIN_EXE_errcode-ls"))
            .args(args)
            .current_dir(cwd)
            .env("XDG_CONFIG_HOME", self.path().join(".config"))
            .env("XDG_CACHE_HOME", self.path().join(".cache"))
            .env("NO_COLOR", "1")
            .output()
            .expect("the binary runs");
        Run {
            code: output.status.code().unwrap_or(-1),
            stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
        }
    }

    /// `gen` over the fixture catalog (and nothing else), in this folder.
    fn generate(&self, args: &[&str]) -> Run {
        let catalog = fixture_catalog();
        let mut all = vec!["--no-builtin", "--catalog", catalog.to_str().expect("a UTF-8 path"), "gen"];
        all.extend(args);
        self.run_in(self.path(), &all)
    }

    /// Generates `file` for `lang` and checks it against its snapshot; returns its path.
    fn generate_file(&self, lang: &str, file: &str, snapshot: ExpectFile) -> PathBuf {
        let path = self.path().join(file);
        let run = self.generate(&["--lang", lang, "--out", path.to_str().expect("a UTF-8 path")]);
        assert_eq!(run.code, 0, "gen failed: {}", run.stderr);
        let text = std::fs::read_to_string(&path).expect("the generated file");
        snapshot.assert_eq(&text);
        path
    }
}

/// A tool the tests run, found on `PATH` or in `target/gen-tools` (where
/// `tests/gen/install-tools.sh` installs what is not a system package). Missing is a failure.
fn tool(name: &str, install: &str) -> PathBuf {
    let local = [
        repo().join("target/gen-tools/node_modules/.bin").join(name),
        repo().join("target/gen-tools/venv/bin").join(name),
    ];
    if let Some(found) = local.into_iter().find(|p| p.is_file()) {
        return found;
    }
    let on_path = std::env::var_os("PATH")
        .into_iter()
        .flat_map(|paths| std::env::split_paths(&paths).collect::<Vec<_>>())
        .map(|dir| dir.join(name))
        .find(|p| p.is_file());
    on_path.unwrap_or_else(|| {
        panic!("`{name}` is needed to check generated code and was not found: run tests/gen/install-tools.sh ({install})")
    })
}

/// Runs a checker; its failure (with its output) fails the test.
fn checks(command: &mut Command, what: &str) {
    let output = command.output().unwrap_or_else(|e| panic!("{what}: cannot run: {e}"));
    assert!(
        output.status.success(),
        "{what} rejected the generated file:\n{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
}

/// The generated text parses without an error node in errcode-ls's own grammar for it.
fn parses(language: errcode_ls::syntax::Language, path: &Path) {
    let text = std::fs::read_to_string(path).expect("the generated file");
    let parsed = errcode_ls::syntax::ParsedDocument::new(language, text);
    assert!(!parsed.has_errors(), "{} does not parse: {:?}", path.display(), parsed.error_ranges());
}

#[test]
fn rust_constants_compile_warning_free_and_are_formatted() {
    let dir = Dir::new();
    let path =
        dir.generate_file("rust", "error_codes.rs", expect_file!["fixtures/gen/expected/error_codes.rs"]);
    let out = dir.path().join("out.rmeta");
    checks(
        Command::new(tool("rustc", "rustup"))
            .args(["--crate-type", "lib", "--edition", "2021", "--emit", "metadata", "-D", "warnings", "-o"])
            .arg(&out)
            .arg(&path),
        "rustc",
    );
    checks(
        Command::new(tool("rustfmt", "rustup component add rustfmt"))
            .args(["--check", "--edition", "2021"])
            .arg(&path),
        "rustfmt --check",
    );
}

#[test]
fn python_enum_compiles_passes_mypy_strict_and_is_black_formatted() {
    let dir = Dir::new();
    let path =
        dir.generate_file("py", "error_codes.py", expect_file!["fixtures/gen/expected/error_codes.py"]);
    checks(
        Command::new(tool("python3", "apt-get install python3")).args(["-m", "py_compile"]).arg(&path),
        "python3 -m py_compile",
    );
    checks(
        Command::new(tool("mypy", "pip install mypy into target/gen-tools/venv"))
            .args(["--strict", "--no-incremental"])
            .arg(&path)
            .current_dir(dir.path()),
        "mypy --strict",
    );
    checks(
        Command::new(tool("black", "pip install black into target/gen-tools/venv"))
            .args(["--check", "--quiet"])
            .arg(&path),
        "black --check",
    );
    // The members compare equal to the codes an API returns.
    checks(
        Command::new(tool("python3", "apt-get install python3"))
            .args(["-c", "import error_codes as e; assert e.ErrorCode.PAY_1001_2 == 'PAY.1001'; assert e.ErrorCode('404') is e.ErrorCode.E_404"])
            .current_dir(dir.path()),
        "python3 (using the enum)",
    );
}

#[test]
fn go_constants_pass_go_vet_and_gofmt() {
    let dir = Dir::new();
    std::fs::create_dir_all(dir.path().join("errcodes")).expect("mkdir");
    let path = dir.generate_file("go", "errcodes/codes.go", expect_file!["fixtures/gen/expected/codes.go"]);
    let gofmt = Command::new(tool("gofmt", "apt-get install golang-go"))
        .arg("-l")
        .arg(&path)
        .output()
        .expect("gofmt runs");
    assert!(gofmt.status.success() && gofmt.stdout.is_empty(), "gofmt would reformat the file");
    checks(
        Command::new(tool("go", "apt-get install golang-go"))
            .args(["vet", "./codes.go"])
            .current_dir(dir.path().join("errcodes"))
            .env("GOFLAGS", "-mod=mod")
            .env("GO111MODULE", "off"),
        "go vet",
    );
}

#[test]
fn typescript_enum_passes_tsc_strict_and_is_prettier_formatted() {
    let dir = Dir::new();
    let path = dir.generate_file("ts", "errorCodes.ts", expect_file!["fixtures/gen/expected/errorCodes.ts"]);
    checks(
        Command::new(tool("tsc", "npm install --prefix target/gen-tools typescript"))
            .args(["--strict", "--noEmit", "--target", "es2020"])
            .arg(&path),
        "tsc --strict",
    );
    checks(
        Command::new(tool("prettier", "npm install --prefix target/gen-tools prettier"))
            .arg("--check")
            .arg(&path)
            .current_dir(dir.path()),
        "prettier --check",
    );
}

#[test]
fn java_class_is_named_after_its_file_and_compiles_lint_free() {
    let dir = Dir::new();
    let path = dir.generate_file(
        "java",
        "PaymentErrors.java",
        expect_file!["fixtures/gen/expected/PaymentErrors.java"],
    );
    checks(
        Command::new(tool("javac", "apt-get install default-jdk-headless"))
            .args(["-Xlint:all", "-Xdoclint:all", "-Werror", "-d"])
            .arg(dir.path().join("classes"))
            .arg(&path),
        "javac -Xlint:all -Xdoclint:all",
    );
}

#[test]
fn csharp_class_parses() {
    // .NET is not in Debian's archive, so no C# compiler can be installed from the registries
    // this project uses; the grammar errcode-ls reads C# with checks the file instead.
    let dir = Dir::new();
    let path = dir.generate_file("cs", "ErrorCodes.cs", expect_file!["fixtures/gen/expected/ErrorCodes.cs"]);
    parses(errcode_ls::syntax::Language::CSharp, &path);
}

#[test]
fn kotlin_object_compiles() {
    let dir = Dir::new();
    let path = dir.generate_file("kt", "ErrorCodes.kt", expect_file!["fixtures/gen/expected/ErrorCodes.kt"]);
    checks(
        Command::new(tool("kotlinc", "apt-get install kotlin"))
            .arg(&path)
            .arg("-d")
            .arg(dir.path().join("classes"))
            .arg("-Werror"),
        "kotlinc -Werror",
    );
}

#[test]
fn php_class_passes_php_lint() {
    let dir = Dir::new();
    let path =
        dir.generate_file("php", "ErrorCodes.php", expect_file!["fixtures/gen/expected/ErrorCodes.php"]);
    checks(Command::new(tool("php", "apt-get install php-cli")).arg("-l").arg(&path), "php -l");
    // The constants hold the codes.
    let script =
        format!("require '{}'; exit(ErrorCodes::PAY_1001_2 === 'PAY.1001' ? 0 : 1);", path.display());
    checks(
        Command::new(tool("php", "apt-get install php-cli")).args(["-r", &script]),
        "php (using the class)",
    );
}

#[test]
fn every_generated_language_parses_in_errcode_ls_own_grammar() {
    use errcode_ls::syntax::Language;
    let dir = Dir::new();
    for (lang, language, file) in [
        ("rust", Language::Rust, "a.rs"),
        ("python", Language::Python, "a.py"),
        ("go", Language::Go, "a.go"),
        ("typescript", Language::TypeScript, "a.ts"),
        ("java", Language::Java, "A.java"),
        ("csharp", Language::CSharp, "a.cs"),
        ("kotlin", Language::Kotlin, "a.kt"),
        ("php", Language::Php, "a.php"),
    ] {
        let run = dir.generate(&["--lang", lang, "--out", file]);
        assert_eq!(run.code, 0, "{lang}: {}", run.stderr);
        parses(language, &dir.path().join(file));
    }
}

#[test]
fn without_out_the_file_goes_to_stdout_and_aliases_name_the_same_language() {
    let dir = Dir::new();
    let short = dir.generate(&["--lang", "kt", "--namespace", "pay"]);
    let long = dir.generate(&["--lang", "kotlin", "--namespace", "PAY"]);
    assert_eq!(short.code, 0, "{}", short.stderr);
    assert_eq!(short.stdout.replace("--namespace pay", "--namespace PAY"), long.stdout);
    let head: Vec<&str> = short.stdout.lines().take(3).collect();
    expect![[r#"
        [
            "// Code generated by errcode-ls; DO NOT EDIT.",
            "// errcode-ls gen --lang kotlin --namespace pay",
            "// catalog fingerprint: 9f0db43ee61a1058",
        ]
    "#]]
    .assert_debug_eq(&head);
    assert_eq!(short.stdout.matches("const val").count(), 5, "the five PAY codes only");
}

#[test]
fn unknown_languages_and_namespaces_are_errors_that_say_what_exists() {
    let dir = Dir::new();
    let lang = dir.generate(&["--lang", "cobol"]);
    let namespace = dir.generate(&["--lang", "go", "--namespace", "NOPE"]);
    let name = dir.generate(&["--lang", "java", "--name", "Error Codes"]);
    let shown = format!(
        "exit {}: {}exit {}: {}exit {}: {}",
        lang.code, lang.stderr, namespace.code, namespace.stderr, name.code, name.stderr
    );
    expect![[r#"
        exit 2: error: invalid value 'cobol' for '--lang <LANG>': unknown language `cobol` (expected one of rust, python, go, typescript, java, csharp, kotlin, php)

        For more information, try '--help'.
        exit 2: error: no codes in namespace `NOPE` (`errcode-ls codes` lists the catalog)
        exit 2: error: --name `Error Codes` is not a name (letters, digits and `_`, not starting with a digit)
    "#]]
    .assert_eq(&shown);
}

#[test]
fn a_file_not_written_by_gen_is_not_overwritten_without_force() {
    let dir = Dir::new();
    let path = dir.path().join("codes.go");
    std::fs::write(&path, "package mine\n").expect("write");
    let refused = dir.generate(&["--lang", "go", "--out", "codes.go"]);
    assert_eq!(refused.code, 2);
    assert!(refused.stderr.contains("exists and was not written by `errcode-ls gen`"), "{}", refused.stderr);
    assert_eq!(std::fs::read_to_string(&path).expect("read"), "package mine\n");
    let forced = dir.generate(&["--lang", "go", "--out", "codes.go", "--force"]);
    assert_eq!(forced.code, 0, "{}", forced.stderr);
    // A generated file is regenerated in place; the same catalog leaves it unchanged.
    let again = dir.generate(&["--lang", "go", "--out", "codes.go"]);
    assert_eq!(again.code, 0, "{}", again.stderr);
    assert!(again.stdout.starts_with("unchanged codes.go (7 constants"), "{}", again.stdout);
}

/// A project whose `errcode.toml` names a copy of the fixture catalog, with Go constants
/// generated from it in `errcodes/codes.go`.
fn project_with_generated_go() -> (Dir, PathBuf) {
    let dir = Dir::new();
    let root = dir.path().join("ws");
    std::fs::create_dir_all(root.join("errcodes")).expect("mkdir");
    std::fs::copy(fixture_catalog(), root.join("catalog.toml")).expect("copy the catalog");
    std::fs::write(root.join("errcode.toml"), "builtin = false\ncatalogs = [\"catalog.toml\"]\n")
        .expect("write");
    let run = dir.run_in(&root, &["gen", "--lang", "go", "--namespace", "PAY", "--out", "errcodes/codes.go"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    (dir, root)
}

/// A docs update: a message changes and a code is renumbered, so the generated file also holds
/// a code the catalog no longer has and lacks one it has.
fn update_the_catalog(root: &Path) {
    let catalog = std::fs::read_to_string(root.join("catalog.toml")).expect("read");
    let updated =
        catalog.replace("Card declined.", "Card declined by the bank.").replace("PAY.2002", "PAY.2003");
    std::fs::write(root.join("catalog.toml"), updated).expect("write");
}

/// Only `stale-generated` is reported on a stale file: the unknown and unhandled codes in it are
/// the same news, and regenerating answers them all.
#[test]
fn check_reports_a_generated_file_whose_catalog_changed() {
    let (dir, root) = project_with_generated_go();
    let fresh = dir.run_in(&root, &["check", "errcodes"]);
    assert_eq!((fresh.code, fresh.stdout.as_str()), (0, ""), "{}", fresh.stderr);
    update_the_catalog(&root);
    // The finding's content is what this test is about: the one-line format.
    let stale = dir.run_in(&root, &["check", "--format", "concise", "errcodes"]);
    expect![[r#"
        errcodes/codes.go:3:25: warning[stale-generated]: generated from another version of the catalog (5 constants now); run `errcode-ls gen --lang go --namespace PAY --package errcodes` or apply "Regenerate"
    "#]]
    .assert_eq(&stale.stdout);
    assert_eq!(stale.code, 1);
    // Running the command the finding names brings the file up to date.
    let regen = dir.run_in(
        &root,
        &["gen", "--lang", "go", "--namespace", "PAY", "--package", "errcodes", "--out", "errcodes/codes.go"],
    );
    assert_eq!(regen.code, 0, "{}", regen.stderr);
    let after = dir.run_in(&root, &["check", "errcodes"]);
    assert_eq!((after.code, after.stdout.as_str()), (0, ""), "{}", after.stderr);
}

#[test]
fn the_language_server_offers_regenerate_which_rewrites_the_whole_file() {
    let (dir, root) = project_with_generated_go();
    update_the_catalog(&root);
    let path = root.join("errcodes/codes.go");
    let text = std::fs::read_to_string(&path).expect("read");
    let mut setup = Setup::new(env!("CARGO_BIN_EXE_errcode-ls"), dir.path().join("cache"));
    setup.root = Some(root.clone());
    let mut client = Client::start(setup);
    // The generated file's constants are indexed: once that is done, an open sees them and
    // nothing is republished later.
    client.wait_for_progress_end("errcode/index");
    let uri = file_uri(&path);
    let diagnostics: Vec<Value> =
        client.open(&uri, "go", &text).into_iter().filter(|d| d["code"] == "stale-generated").collect();
    assert_eq!(diagnostics.len(), 1, "one stale-generated diagnostic");
    let range = &diagnostics[0]["range"];
    assert_eq!((range["start"]["line"].as_u64(), range["start"]["character"].as_u64()), (Some(2), Some(24)));
    let actions = client
        .request(
            "textDocument/codeAction",
            json!({ "textDocument": { "uri": uri }, "range": range, "context": { "diagnostics": diagnostics } }),
        )
        .expect("code actions");
    let regenerate = actions
        .as_array()
        .into_iter()
        .flatten()
        .find(|a| a["title"] == "Regenerate from the catalog")
        .expect("a Regenerate action");
    assert_eq!(regenerate["isPreferred"], true);
    let edits = regenerate["edit"]["changes"][uri.as_str()].as_array().expect("edits");
    assert_eq!(edits.len(), 1, "one whole-document edit");
    let lines = text.lines().count() as u64;
    assert_eq!(
        edits[0]["range"],
        json!({ "start": { "line": 0, "character": 0 }, "end": { "line": lines, "character": 0 } })
    );
    // The new text is what `gen` writes for the changed catalog.
    let fresh = dir.run_in(&root, &["gen", "--lang", "go", "--namespace", "PAY", "--package", "errcodes"]);
    assert_eq!(edits[0]["newText"].as_str(), Some(fresh.stdout.as_str()));
    assert!(fresh.stdout.contains("Card declined by the bank."));
    client.shutdown();
}
