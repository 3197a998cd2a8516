//! `errcode-ls gen --lang LANG [--namespace NS]... [--name NAME] [--package PKG] [--out FILE]`:
//! the catalog's codes as typed constants, printed or written to a file.
//!
//! Without `--out` the file goes to stdout. With it, the file is written atomically; a file
//! that exists and was not written by `gen` is left alone unless `--force` says otherwise. The
//! Java class is named after the file (`--out ErrorCodes.java`) and the Go package after its
//! folder, unless `--name` / `--package` say; whatever was chosen is recorded in the file's
//! header, so `stale-generated`'s "Regenerate" gives the same file.
//!
//! **Invariant:** arguments and writing only; the text is [`crate::generate`]'s.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::Args;

use super::render::BOLD;
use crate::generate::{GenOptions, Lang, generate, read_header};
use crate::workspace::Loaded;
use crate::workspace::write::{self, Planned};

#[derive(Debug, Clone, Args)]
pub struct GenArgs {
    /// rust, python, go, typescript, java, csharp, kotlin or php (rs, py, ts, cs, kt also do).
    #[arg(long, value_name = "LANG", value_parser = parse_lang)]
    pub lang: Lang,
    /// Only codes of this namespace (e.g. AIS); repeatable. Default: every code of the catalog.
    #[arg(long, value_name = "NS")]
    pub namespace: Vec<String>,
    /// The class, enum or type name (default: ErrorCodes; ErrorCode for the Python and
    /// TypeScript enums; Code for Go's string type; the file's name for Java). Rust has none:
    /// the file is the module.
    #[arg(long, value_name = "NAME")]
    pub name: Option<String>,
    /// The package or namespace to declare (Go, Java, Kotlin, C#, PHP; Go's default is the
    /// output folder's name, else `errcodes`).
    #[arg(long, value_name = "PKG")]
    pub package: Option<String>,
    /// Write the file here instead of stdout.
    #[arg(long, short = 'o', value_name = "FILE")]
    pub out: Option<PathBuf>,
    /// Overwrite `--out` even if it exists and was not written by `errcode-ls gen`.
    #[arg(long)]
    pub force: bool,
}

fn parse_lang(name: &str) -> Result<Lang, String> {
    Lang::from_name(name).ok_or_else(|| {
        let names: Vec<&str> = Lang::ALL.iter().map(|l| l.name()).collect();
        format!("unknown language `{name}` (expected one of {})", names.join(", "))
    })
}

pub fn run(loaded: &Loaded, args: &GenArgs) -> anyhow::Result<ExitCode> {
    let options = GenOptions {
        lang: args.lang,
        namespaces: args.namespace.clone(),
        type_name: args.name.clone().or_else(|| java_class(args)),
        package: args.package.clone().or_else(|| go_package(args)),
    };
    options.validate()?;
    let known = |ns: &String| loaded.catalog.entries().iter().any(|e| e.namespace.eq_ignore_ascii_case(ns));
    if let Some(missing) = args.namespace.iter().find(|ns| !known(ns)) {
        anyhow::bail!("no codes in namespace `{missing}` (`errcode-ls codes` lists the catalog)");
    }
    let generated = generate(&loaded.catalog, &options);
    let Some(path) = &args.out else {
        anstream::stdout().write_all(generated.text.as_bytes())?;
        return Ok(ExitCode::SUCCESS);
    };
    let before = write::read_current(path)?;
    if let Some(bytes) = &before
        && !args.force
        && read_header(&String::from_utf8_lossy(bytes)).is_none()
    {
        anyhow::bail!(
            "{} exists and was not written by `errcode-ls gen`; nothing was written (--force overwrites it)",
            path.display()
        );
    }
    let unchanged = before.as_deref() == Some(generated.text.as_bytes());
    write::commit(&[Planned { path: path.clone(), before, after: generated.text }])?;
    let verb = if unchanged { "unchanged" } else { "wrote" };
    writeln!(
        anstream::stdout(),
        "{BOLD}{verb}{BOLD:#} {} ({} constants, catalog fingerprint {})",
        path.display(),
        generated.constants,
        generated.fingerprint
    )?;
    Ok(ExitCode::SUCCESS)
}

/// A public Java class must be named as its file.
fn java_class(args: &GenArgs) -> Option<String> {
    (args.lang == Lang::Java).then(|| stem(args.out.as_deref()?)).flatten()
}

/// Go files in one folder share its package, usually named after the folder.
fn go_package(args: &GenArgs) -> Option<String> {
    let folder = args
        .out
        .as_deref()?
        .canonicalize()
        .ok()
        .or_else(|| std::path::absolute(args.out.as_deref()?).ok())?;
    let name = folder.parent()?.file_name()?.to_str()?.to_owned();
    let valid = name.chars().next().is_some_and(|c| c.is_ascii_alphabetic())
        && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_');
    (args.lang == Lang::Go && valid).then(|| name.to_ascii_lowercase())
}

fn stem(path: &Path) -> Option<String> {
    path.file_stem()?.to_str().map(str::to_owned)
}
