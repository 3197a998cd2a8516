//! `errcode-ls catalog update`: fetches the catalogs named by URL into the cache folder.
//!
//! Running it is the user's consent to fetch: it fetches every URL the configuration names
//! (the nearest `errcode.toml`, `--config`, `--catalog`), revalidating copies already cached,
//! and reports each one. A failure leaves that URL's cached copy as it was.
//!
//! **Invariant:** fetching and caching belong to [`crate::workspace::remote`]; this module
//! reads arguments and prints.

use std::io::Write;
use std::process::ExitCode;
use std::time::Duration;

use clap::Args;

use super::CatalogArgs;
use super::render::{BOLD, ERROR};
use crate::workspace::remote::{self, Limits, Updated};

/// Fetch the catalogs named by URL in `catalogs` into the cache folder (revalidating cached
/// copies). Every other command reads the cached copies.
#[derive(Debug, Clone, Args)]
pub struct CatalogUpdateArgs {
    /// Seconds to wait for a connection.
    #[arg(long, value_name = "SECONDS", default_value_t = Limits::default().connect_timeout.as_secs_f64())]
    pub connect_timeout: f64,
    /// Seconds to wait for the answer, and then for its body.
    #[arg(long, value_name = "SECONDS", default_value_t = Limits::default().read_timeout.as_secs_f64())]
    pub read_timeout: f64,
    /// The largest catalog accepted, in bytes.
    #[arg(long, value_name = "BYTES", default_value_t = Limits::default().max_body)]
    pub max_size: u64,
}

pub fn run(catalogs: &CatalogArgs, args: &CatalogUpdateArgs) -> anyhow::Result<ExitCode> {
    let (config, problems) = super::read_config(catalogs, None)?;
    for problem in &problems {
        super::render::warn(problem);
    }
    let urls = config.urls;
    let mut out = anstream::stdout();
    let mut err = anstream::stderr();
    if urls.is_empty() {
        let file =
            config.file.as_ref().map_or_else(|| "errcode.toml".to_owned(), |f| f.display().to_string());
        writeln!(out, "no catalog URLs to fetch (add an https:// URL to `catalogs` in {file})")?;
        return Ok(ExitCode::SUCCESS);
    }
    let Some(root) = remote::cache_root() else {
        anyhow::bail!("no cache folder to fetch into (set XDG_CACHE_HOME or HOME)");
    };
    let limits = Limits {
        connect_timeout: seconds(args.connect_timeout, "--connect-timeout")?,
        read_timeout: seconds(args.read_timeout, "--read-timeout")?,
        max_body: args.max_size,
        ..Limits::default()
    };
    let mut failed = false;
    for url in &urls {
        match remote::update(&root, url, &limits) {
            Ok(updated) => {
                let codes = remote::cached(&root, url).map_or(0, |c| c.import().entries.len());
                let what = match updated {
                    Updated::New => "fetched",
                    Updated::Changed => "updated",
                    Updated::Same => "unchanged",
                    Updated::NotModified => "unchanged (not modified)",
                };
                writeln!(out, "{BOLD}{what}{BOLD:#} {url} ({codes} codes)")?;
            }
            Err(e) => {
                failed = true;
                let kept =
                    if remote::cached(&root, url).is_some() { "; the cached copy is kept" } else { "" };
                writeln!(err, "{ERROR}error{ERROR:#}: {e}{kept}")?;
            }
        }
    }
    Ok(if failed { ExitCode::FAILURE } else { ExitCode::SUCCESS })
}

fn seconds(value: f64, flag: &str) -> anyhow::Result<Duration> {
    Duration::try_from_secs_f64(value)
        .ok()
        .filter(|d| !d.is_zero())
        .ok_or_else(|| anyhow::anyhow!("{flag}: expected a positive number of seconds, got {value}"))
}
